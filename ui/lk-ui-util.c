/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-ui-util.h"
#include "lk-core.h"

void
lk_label_drop_down (GtkDropDown *drop_down,
                    const char  *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
}

/* A tab (a stack switcher's button) is not named by its text at all in GTK 4.8, so it is
 * named by it explicitly; any other button by its text alone. */
static void
drop_button_label (GtkWidget *button)
{
  GtkWidget *content = gtk_button_get_child (GTK_BUTTON (button));

  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (button)) == GTK_ACCESSIBLE_ROLE_TAB &&
      GTK_IS_LABEL (content))
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_label_get_text (GTK_LABEL (content)), -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* The lists a preferences group holds (its own, and one of ours put in it; not a nested
 * group's) are named @name. */
static void
name_group_lists (GtkWidget  *widget,
                  const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_PREFERENCES_GROUP (child))
        continue;
      if (GTK_IS_LIST_BOX (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        name, -1);
      else
        name_group_lists (child, name);
    }
}

static void
name_group_list (AdwPreferencesGroup *group)
{
  const char *title = adw_preferences_group_get_title (group);
  const char *name = title != NULL && *title != '\0' ? title
                     : adw_preferences_group_get_description (group);

  if (name != NULL && *name != '\0')
    name_group_lists (GTK_WIDGET (group), name);
}

GtkWidget *
lk_mnemonic_button_new (const char *mnemonic,
                        const char *description)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  lk_fix_button_names (button);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  return button;
}

void
lk_fix_button_names (GtkWidget *root)
{
  GtkWidget *content = GTK_IS_BUTTON (root) ? gtk_button_get_child (GTK_BUTTON (root)) : NULL;

  if (ADW_IS_PREFERENCES_GROUP (root))
    name_group_list (ADW_PREFERENCES_GROUP (root));
  /* an expander row's lists (its header's and its rows') by its title */
  if (ADW_IS_EXPANDER_ROW (root) &&
      *adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)) != '\0')
    name_group_lists (root, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)));

  if (GTK_IS_LABEL (content) || ADW_IS_BUTTON_CONTENT (content))
    {
      drop_button_label (root);
      if (g_object_get_data (G_OBJECT (root), "lk-name-fixed") == NULL)
        {
          g_object_set_data (G_OBJECT (root), "lk-name-fixed", GINT_TO_POINTER (TRUE));
          g_signal_connect (root, "notify::label", G_CALLBACK (drop_button_label), NULL);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    lk_fix_button_names (child);
}

void
lk_label_stack_pages (GtkStack *stack)
{
  g_autoptr(GListModel) pages = G_LIST_MODEL (gtk_stack_get_pages (stack));

  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (pages, i);
      GtkStackPage *page = GTK_STACK_PAGE (item);
      const char *title = gtk_stack_page_get_title (page);

      if (title == NULL)
        title = gtk_stack_page_get_name (page);
      if (GTK_IS_ACCESSIBLE (page) && title != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        title, -1);
    }
}

void
lk_show_failure (GtkWidget    *widget,
                 const char   *heading,
                 const GError *error)
{
  lk_show_error (widget,
                 g_error_matches (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED) ? "Not Allowed"
                                                                                : heading,
                 error->message);
}

void
lk_show_error (GtkWidget  *widget,
               const char *heading,
               const char *body)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", "_Close");
  lk_present_dialog (GTK_WINDOW (dialog));
}

void
lk_show_fatal_error (GtkApplication *app,
                     const char     *heading,
                     const char     *body)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, heading, body);

  gtk_window_set_application (GTK_WINDOW (dialog), app);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", "_Quit");
  lk_present_dialog (GTK_WINDOW (dialog));
}

void
lk_present_dialog (GtkWindow *dialog)
{
  /* each response read as its text ("Quit"), not "_Quit Quit" */
  lk_fix_button_names (GTK_WIDGET (dialog));
  gtk_window_present (dialog);
}

AdwToast *
lk_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

void
lk_toast (GtkWidget  *widget,
          const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), lk_toast_new (text));
}

void
lk_status_page_set_text (AdwStatusPage *page,
                         const char    *text)
{
  g_autofree char *escaped = text != NULL ? g_markup_escape_text (text, -1) : NULL;

  adw_status_page_set_description (page, escaped);
}

void
lk_label_set_message (GtkLabel   *label,
                      const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

char *
lk_format_utc (const char *iso)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = iso != NULL ? g_date_time_new_from_iso8601 (iso, utc) : NULL;
  g_autoptr(GDateTime) in_utc = NULL;

  if (time == NULL)
    return g_strdup (iso != NULL ? iso : "Not recorded");
  in_utc = g_date_time_to_utc (time);
  return g_date_time_format (in_utc, "%Y-%m-%d %H:%M UTC");
}

char *
lk_image_error_text (const GError *error)
{
  const char *day = lk_error_get_purged_on (error);

  if (day != NULL)
    return g_strdup_printf ("Image purged on %s under rule “%s”", day,
                            lk_error_get_purge_rule (error));
  if (g_error_matches (error, LK_ERROR, LK_ERROR_PURGED))
    return g_strdup ("Image purged under the retention policy");
  if (g_error_matches (error, LK_ERROR, LK_ERROR_INTEGRITY))
    return g_strdup ("Image failed its integrity check");
  return g_strdup ("Image cannot be shown");
}

/* The row of @list that holds the keyboard focus, or NULL. */
static GtkWidget *
focused_row (GtkListBox *list)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (list));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_LIST_BOX_ROW (w) && gtk_widget_get_parent (w) == GTK_WIDGET (list))
      return w;
  return NULL;
}

static const char *
row_title (GtkWidget *row)
{
  return ADW_IS_PREFERENCES_ROW (row) ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))
                                      : NULL;
}

LkListPlace *
lk_list_place_save (GtkListBox *list)
{
  LkListPlace *place = g_new0 (LkListPlace, 1);
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (list);
  GtkWidget *focused = focused_row (list);

  place->focused = focused != NULL ? g_strdup (row_title (focused)) : NULL;
  place->selected = selected != NULL ? g_strdup (row_title (GTK_WIDGET (selected))) : NULL;
  return place;
}

void
lk_list_place_restore (LkListPlace *place,
                       GtkListBox  *list)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *title = row_title (row);

      if (!GTK_IS_LIST_BOX_ROW (row) || title == NULL)
        continue;
      if (place->selected != NULL && g_str_equal (title, place->selected))
        gtk_list_box_select_row (list, GTK_LIST_BOX_ROW (row));
      if (place->focused != NULL && g_str_equal (title, place->focused))
        gtk_widget_grab_focus (row);
    }
}

void
lk_list_place_free (LkListPlace *place)
{
  if (place == NULL)
    return;
  g_free (place->focused);
  g_free (place->selected);
  g_free (place);
}
