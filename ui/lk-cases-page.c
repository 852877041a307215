/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cases: list with search and filters, then a case, then a probe. */
#include "config.h"

#include <string.h>

#include "lk-case-dialog.h"
#include "lk-candidates-page.h"
#include "lk-case-page.h"
#include "lk-cases-page.h"
#include "lk-probe-page.h"
#include "lk-workspace.h"
#include "lk-ui-util.h"

struct _LkCasesPage
{
  AdwBin          parent_instance;

  LkSession      *session;
  GListModel     *cases;     /* LkCase, as the core listed them */
  GtkFilterListModel *visible; /* the cases the search and filters let through */

  GtkStack       *stack;
  GtkWidget      *toolbar;
  GtkSearchEntry *search_entry;
  GtkDropDown    *status_filter;
  GtkDropDown    *scope_filter;
  GtkStack       *list_stack;
  GtkListBox     *list;
  AdwStatusPage  *empty_page;
  AdwBin         *case_bin;
  AdwBin         *probe_bin;
  AdwBin         *candidates_bin;
  AdwButtonContent *probe_back_content;
  AdwButtonContent *candidates_back_content;
  AdwBin         *workspace_bin;
  AdwButtonContent *workspace_back_content;
  char           *title;
  char           *probe_name;  /* "Probe 1 of case ..." of the probe or candidates shown */
};

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LkCasesPage, lk_cases_page, ADW_TYPE_BIN)

static gboolean
can_do_casework (LkCasesPage *self)
{
  return self->session != NULL && lk_session_has_role (self->session, LK_CASEWORK_ROLES);
}

/* ---- the list ------------------------------------------------------------------------------ */

static const char *
selected_status (LkCasesPage *self)
{
  guint i = gtk_drop_down_get_selected (self->status_filter);

  /* Item 0 is "All statuses"; the rest follow lk_vocabulary_case_statuses (). */
  return i == 0 || i == GTK_INVALID_LIST_POSITION ? NULL : lk_vocabulary_case_statuses ()[i - 1];
}

/* The examiner filter: item 0 is everyone, 1 the user's own cases, then one item per examiner
 * of the cases listed. */
static gboolean
examiner_matches (LkCasesPage *self,
                  const char  *examiner)
{
  guint i = gtk_drop_down_get_selected (self->scope_filter);
  GListModel *names = gtk_drop_down_get_model (self->scope_filter);
  g_autoptr(GtkStringObject) item = NULL;

  if (i == 0 || i == GTK_INVALID_LIST_POSITION)
    return TRUE;
  if (i == 1)
    return g_strcmp0 (examiner, lk_session_get_user_name (self->session)) == 0;
  item = g_list_model_get_item (names, i);
  return item != NULL && g_strcmp0 (examiner, gtk_string_object_get_string (item)) == 0;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Refills the examiners after "All examiners" and "My cases", keeping the one chosen. */
static void
update_examiners (LkCasesPage *self)
{
  GtkStringList *names = GTK_STRING_LIST (gtk_drop_down_get_model (self->scope_filter));
  guint selected = gtk_drop_down_get_selected (self->scope_filter);
  g_autofree char *chosen = NULL;
  g_autoptr(GPtrArray) examiners = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (names));

  if (selected >= 2 && selected != GTK_INVALID_LIST_POSITION)
    chosen = g_strdup (gtk_string_list_get_string (names, selected));
  for (guint i = 0; i < g_list_model_get_n_items (self->cases); i++)
    {
      g_autoptr(LkCase) c = g_list_model_get_item (self->cases, i);
      const char *examiner = lk_case_get_examiner (c);

      if (examiner != NULL && !g_ptr_array_find_with_equal_func (examiners, examiner,
                                                                  g_str_equal, NULL))
        g_ptr_array_add (examiners, g_strdup (examiner));
    }
  g_ptr_array_sort (examiners, compare_names);
  g_ptr_array_add (examiners, NULL);
  g_signal_handlers_block_matched (self->scope_filter, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                   self);
  gtk_string_list_splice (names, 2, n - 2, (const char * const *) examiners->pdata);
  gtk_drop_down_set_selected (self->scope_filter, selected < 2 ? selected : 0);
  for (guint i = 0; chosen != NULL && examiners->pdata[i] != NULL; i++)
    if (g_str_equal (examiners->pdata[i], chosen))
      gtk_drop_down_set_selected (self->scope_filter, i + 2);
  g_signal_handlers_unblock_matched (self->scope_filter, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                     self);
}

static gboolean
case_visible (gpointer item,
              gpointer user_data)
{
  LkCasesPage *self = user_data;
  LkCase *c = item;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *status = selected_status (self);
  g_autofree char *needle = g_utf8_casefold (search, -1);
  g_autofree char *number = g_utf8_casefold (lk_case_get_number (c), -1);
  g_autofree char *title = g_utf8_casefold (lk_case_get_title (c), -1);

  if (status != NULL && !g_str_equal (status, lk_case_get_status (c)))
    return FALSE;
  if (!examiner_matches (self, lk_case_get_examiner (c)))
    return FALSE;
  return *needle == '\0' || strstr (number, needle) != NULL || strstr (title, needle) != NULL;
}

GStrv
lk_cases_page_dup_visible (LkCasesPage *self)
{
  GListModel *visible = G_LIST_MODEL (self->visible);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; self->cases != NULL && i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(LkCase) c = g_list_model_get_item (visible, i);

      g_strv_builder_add (builder, lk_case_get_number (c));
    }
  return g_strv_builder_end (builder);
}

static void
show_empty (LkCasesPage *self,
            const char  *title,
            const char  *description)
{
  adw_status_page_set_title (self->empty_page, title);
  lk_status_page_set_text (self->empty_page, description);
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
update_empty_state (LkCasesPage *self)
{
  if (self->cases == NULL)
    return;
  if (g_list_model_get_n_items (self->cases) == 0)
    show_empty (self, "No Cases Yet",
                lk_session_has_role (self->session, LK_ROLE_EXAMINER)
                ? "Create a case for each request, with its legal basis and purpose."
                : "Cases appear here once an examiner creates them.");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->visible)) == 0)
    show_empty (self, "No Matching Cases", "Change the search or the filters.");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "cases");
}

static void
on_filters_changed (LkCasesPage *self)
{
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->visible),
                      GTK_FILTER_CHANGE_DIFFERENT);
  update_empty_state (self);
}

static GtkWidget *
case_row (gpointer item,
          gpointer user_data)
{
  LkCase *c = item;
  GtkWidget *row = adw_action_row_new ();
  int n_probes = lk_case_get_n_probes (c);
  g_autofree char *title = g_strdup_printf ("%s · %s", lk_case_get_number (c),
                                            lk_case_get_title (c));
  g_autofree char *subtitle =
    g_strdup_printf ("%s · %s · examiner %s · %d probe%s",
                     lk_vocabulary_case_status_label (lk_case_get_status (c)),
                     lk_case_get_offence_name (c), lk_case_get_examiner (c), n_probes,
                     n_probes == 1 ? "" : "s");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             g_object_new (GTK_TYPE_IMAGE, "icon-name", "go-next-symbolic",
                                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                           NULL));
  return row;
}

void
lk_cases_page_reload (LkCasesPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LK_IS_CASES_PAGE (self));
  gtk_filter_list_model_set_model (self->visible, NULL);
  g_clear_object (&self->cases);
  if (!can_do_casework (self))
    {
      gtk_widget_set_visible (self->toolbar, FALSE);
      show_empty (self, "Casework Is Not Open to This Account",
                  "Cases need the examiner, reviewer or administrator role. Trainers and "
                  "trainees work in Training.");
      return;
    }
  self->cases = lk_cases_list (self->session, NULL, NULL, NULL, &error);
  if (self->cases == NULL)
    {
      show_empty (self, "Cases Could Not Be Read", error->message);
      return;
    }
  /* The examiners first: the filter reads the one chosen. */
  update_examiners (self);
  gtk_filter_list_model_set_model (self->visible, self->cases);
  update_empty_state (self);
}

/* Another workstation changed something of @topic: the list, the case and the examination
 * shown are read again where they show it. The search, the filters, the row in focus and the
 * page the user is on stay; what the user types is in dialogs, which a refresh leaves alone. */
void
lk_cases_page_refresh (LkCasesPage *self,
                       const char  *topic)
{
  g_autoptr(LkListPlace) place = NULL;
  LkCasePage *case_page;
  GtkWidget *workspace;

  g_return_if_fail (LK_IS_CASES_PAGE (self));
  if (!can_do_casework (self))
    return;
  place = lk_list_place_save (self->list);
  lk_cases_page_reload (self);
  lk_list_place_restore (place, self->list);
  case_page = LK_CASE_PAGE (adw_bin_get_child (self->case_bin));
  if (case_page != NULL)
    lk_case_page_reload (case_page);
  workspace = adw_bin_get_child (self->workspace_bin);
  if (LK_IS_WORKSPACE (workspace) && !g_str_equal (topic, "case"))
    lk_workspace_refresh (LK_WORKSPACE (workspace));
}

/* ---- navigation ---------------------------------------------------------------------------- */

/* The header names the page shown, not "Cases" on every page of a case. */
static void
update_title (LkCasesPage *self)
{
  const char *visible = gtk_stack_get_visible_child_name (self->stack);
  LkCasePage *case_page = LK_CASE_PAGE (adw_bin_get_child (self->case_bin));
  g_autofree char *title = NULL;

  if (g_strcmp0 (visible, "case") == 0 && case_page != NULL)
    title = g_strdup_printf ("Case %s", lk_case_page_get_number (case_page));
  else if (g_strcmp0 (visible, "probe") == 0 && self->probe_name != NULL)
    title = g_strdup (self->probe_name);
  else if (g_strcmp0 (visible, "candidates") == 0 && self->probe_name != NULL)
    title = g_strdup_printf ("Candidates for %s", self->probe_name);
  else if (g_strcmp0 (visible, "workspace") == 0)
    title = g_strdup ("Examination");
  else
    title = g_strdup ("Cases");
  if (g_strcmp0 (title, self->title) == 0)
    return;
  g_free (self->title);
  self->title = g_steal_pointer (&title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
lk_cases_page_get_title (LkCasesPage *self)
{
  g_return_val_if_fail (LK_IS_CASES_PAGE (self), NULL);
  return self->title != NULL ? self->title : "Cases";
}

static void
remember_probe (LkCasesPage *self,
                gint64       probe_id)
{
  g_autoptr(GError) error = NULL;

  g_free (self->probe_name);
  self->probe_name = lk_probes_name (self->session, probe_id, NULL, NULL, &error);
}

static void
on_case_changed (LkCasesPage *self)
{
  lk_cases_page_reload (self);
}

static void
on_probe_changed (LkCasesPage *self)
{
  LkCasePage *page = LK_CASE_PAGE (adw_bin_get_child (self->case_bin));

  if (page != NULL)
    lk_case_page_reload (page);
  lk_cases_page_reload (self);
}

static void
open_probe (LkCasesPage *self,
            gint64       probe_id)
{
  LkCasePage *case_page = LK_CASE_PAGE (adw_bin_get_child (self->case_bin));
  LkProbePage *page = lk_probe_page_new (self->session, probe_id);
  g_autofree char *back = g_strdup_printf ("Case %s",
                                           case_page ? lk_case_page_get_number (case_page) : "");

  adw_button_content_set_label (self->probe_back_content, back);
  g_signal_connect_object (page, "changed", G_CALLBACK (on_probe_changed), self,
                           G_CONNECT_SWAPPED);
  remember_probe (self, probe_id);
  adw_bin_set_child (self->probe_bin, GTK_WIDGET (page));
  lk_fix_button_names (GTK_WIDGET (page));
  gtk_stack_set_visible_child_name (self->stack, "probe");
}

static void open_workspace (LkCasesPage *self,
                            gint64       candidate_id);

static void
open_candidates (LkCasesPage *self,
                 gint64       probe_id)
{
  LkCasePage *case_page = LK_CASE_PAGE (adw_bin_get_child (self->case_bin));
  LkCandidatesPage *page = lk_candidates_page_new (self->session, probe_id);
  g_autofree char *back = g_strdup_printf ("Case %s",
                                           case_page ? lk_case_page_get_number (case_page) : "");

  adw_button_content_set_label (self->candidates_back_content, back);
  g_signal_connect_object (page, "changed", G_CALLBACK (on_probe_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "examine", G_CALLBACK (open_workspace), self,
                           G_CONNECT_SWAPPED);
  remember_probe (self, probe_id);
  adw_bin_set_child (self->candidates_bin, GTK_WIDGET (page));
  lk_fix_button_names (GTK_WIDGET (page));
  gtk_stack_set_visible_child_name (self->stack, "candidates");
  gtk_widget_grab_focus (GTK_WIDGET (page));
}

static void
open_workspace (LkCasesPage *self,
                gint64       candidate_id)
{
  g_autoptr(GError) error = NULL;
  LkWorkspace *page = lk_workspace_new (self->session, candidate_id, &error);

  if (page == NULL && g_error_matches (error, LK_ERROR, LK_ERROR_PURGED))
    {
      g_autofree char *why = lk_image_error_text (error);
      g_autofree char *text = g_strdup_printf ("%s. Its record and SHA-256 are kept; an "
                                               "examination cannot begin without the image.",
                                               why);

      lk_show_error (GTK_WIDGET (self), "The Image Was Purged", text);
      return;
    }
  if (page == NULL)
    {
      lk_show_error (GTK_WIDGET (self), "The Examination Cannot Open", error->message);
      return;
    }
  adw_button_content_set_label (self->workspace_back_content, "Candidates");
  g_signal_connect_object (page, "navigate", G_CALLBACK (open_workspace), self,
                           G_CONNECT_SWAPPED);
  adw_bin_set_child (self->workspace_bin, GTK_WIDGET (page));
  gtk_stack_set_visible_child_name (self->stack, "workspace");
}

static void
open_case (LkCasesPage *self,
           const char  *number)
{
  LkCasePage *page = lk_case_page_new (self->session, number);

  g_signal_connect_object (page, "probe-activated", G_CALLBACK (open_probe), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "candidates-activated", G_CALLBACK (open_candidates), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "changed", G_CALLBACK (on_case_changed), self,
                           G_CONNECT_SWAPPED);
  adw_bin_set_child (self->case_bin, GTK_WIDGET (page));
  lk_fix_button_names (GTK_WIDGET (page));
  adw_bin_set_child (self->probe_bin, NULL);
  gtk_stack_set_visible_child_name (self->stack, "case");
}

static void
on_case_activated (LkCasesPage   *self,
                   GtkListBoxRow *row)
{
  g_autoptr(LkCase) c = g_list_model_get_item (G_LIST_MODEL (self->visible),
                                               gtk_list_box_row_get_index (row));

  if (c != NULL)
    open_case (self, lk_case_get_number (c));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LkCasesPage *self = LK_CASES_PAGE (widget);

  const char *visible = gtk_stack_get_visible_child_name (self->stack);

  if (g_str_equal (visible, "workspace"))
    {
      gtk_stack_set_visible_child_name (self->stack, "candidates");
      adw_bin_set_child (self->workspace_bin, NULL);
    }
  else if (g_str_equal (visible, "probe") || g_str_equal (visible, "candidates"))
    {
      gtk_stack_set_visible_child_name (self->stack, "case");
      adw_bin_set_child (self->probe_bin, NULL);
      adw_bin_set_child (self->candidates_bin, NULL);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      adw_bin_set_child (self->case_bin, NULL);
    }
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  open_case (LK_CASES_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
open_workspace_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  open_workspace (LK_CASES_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
open_candidates_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  open_candidates (LK_CASES_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
open_probe_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_probe (LK_CASES_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
on_case_created (LkCasesPage *self,
                 const char  *number)
{
  g_autofree char *text = g_strdup_printf ("Case %s created", number);

  lk_cases_page_reload (self);
  open_case (self, number);
  lk_toast (GTK_WIDGET (self), text);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LkCasesPage *self = LK_CASES_PAGE (widget);
  LkCaseDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (!lk_session_has_role (self->session, LK_ROLE_EXAMINER | LK_ROLE_ADMINISTRATOR))
    return;
  dialog = lk_case_dialog_new (self->session);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "created", G_CALLBACK (on_case_created), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
lk_cases_page_set_session (LkCasesPage *self,
                           LkSession   *session)
{
  g_return_if_fail (LK_IS_CASES_PAGE (self));

  if (!g_set_object (&self->session, session))
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.new",
                                 session != NULL &&
                                 lk_session_has_role (session, LK_ROLE_EXAMINER |
                                                      LK_ROLE_ADMINISTRATOR));
  if (session != NULL)
    lk_cases_page_reload (self);
}

/* ---- object -------------------------------------------------------------------------------- */

static GListModel *
status_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, "All statuses");
  for (const char * const *s = lk_vocabulary_case_statuses (); *s != NULL; s++)
    gtk_string_list_append (list, lk_vocabulary_case_status_label (*s));
  return G_LIST_MODEL (list);
}

static void
lk_cases_page_dispose (GObject *object)
{
  LkCasesPage *self = LK_CASES_PAGE (object);

  /* The bin's child is itself a template child: detach it once, through the bin. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_CASES_PAGE);
  g_clear_object (&self->session);
  g_clear_object (&self->cases);
  g_clear_object (&self->visible);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->probe_name, g_free);
  G_OBJECT_CLASS (lk_cases_page_parent_class)->dispose (object);
}

static void
lk_cases_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LkCasesPage *self = LK_CASES_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, lk_cases_page_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_cases_page_class_init (LkCasesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_cases_page_dispose;
  object_class->get_property = lk_cases_page_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "Cases",
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                                G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-cases-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LkCasesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LkCasesPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, LkCasesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LkCasesPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, LkCasesPage, scope_filter);
  gtk_widget_class_bind_template_child (widget_class, LkCasesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LkCasesPage, list);
  gtk_widget_class_bind_template_child (widget_class, LkCasesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LkCasesPage, case_bin);
  gtk_widget_class_bind_template_child (widget_class, LkCasesPage, probe_bin);
  gtk_widget_class_bind_template_child (widget_class, LkCasesPage, probe_back_content);
  gtk_widget_class_bind_template_child (widget_class, LkCasesPage, candidates_bin);
  gtk_widget_class_bind_template_child (widget_class, LkCasesPage, candidates_back_content);
  gtk_widget_class_bind_template_child (widget_class, LkCasesPage, workspace_bin);
  gtk_widget_class_bind_template_child (widget_class, LkCasesPage, workspace_back_content);
  gtk_widget_class_bind_template_callback (widget_class, on_filters_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_case_activated);

  gtk_widget_class_install_action (widget_class, "cases.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "cases.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "cases.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "cases.open-probe", "x", open_probe_action);
  gtk_widget_class_install_action (widget_class, "cases.open-candidates", "x",
                                   open_candidates_action);
  gtk_widget_class_install_action (widget_class, "cases.open-workspace", "x",
                                   open_workspace_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "cases.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "cases.back", NULL);
}

static void
lk_cases_page_init (LkCasesPage *self)
{
  g_autoptr(GListModel) statuses = status_model ();

  gtk_widget_init_template (GTK_WIDGET (self));
  lk_label_stack_pages (self->list_stack);
  g_signal_connect_object (self->stack, "notify::visible-child-name", G_CALLBACK (update_title),
                           self, G_CONNECT_SWAPPED);
  /* Before the status model: setting it notifies the drop-down, which refilters. */
  self->visible = gtk_filter_list_model_new (NULL,
                                             GTK_FILTER (gtk_custom_filter_new (case_visible,
                                                                                self, NULL)));
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->visible), case_row, self, NULL);
  gtk_drop_down_set_model (self->status_filter, statuses);
  lk_label_drop_down (self->status_filter, "Filter by status");
  lk_label_drop_down (self->scope_filter, "Filter by examiner");
  lk_label_stack_pages (self->stack);
}
