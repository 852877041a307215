/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Administration > Users: list, add, roles, disable, reset password. */
#include "config.h"

#include "lk-user-dialog.h"
#include "lk-ui-util.h"
#include "lk-users-page.h"

struct _LkUsersPage
{
  AdwBin        parent_instance;

  LkSession    *session;
  GPtrArray    *users;
  GCancellable *cancellable;

  GtkLabel     *summary_label;
  GtkListBox   *list;
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (LkUsersPage, lk_users_page, ADW_TYPE_BIN)

static char *
user_subtitle (const LkUser *user)
{
  g_autofree char *roles = lk_roles_to_label (user->roles);
  const char *state = user->disabled ? " · Disabled"
                      : user->locked ? " · Locked after failed log-ins" : "";

  return g_strdup_printf ("%s · %s%s", user->name, roles, state);
}

static GMenuModel *
user_menu (const LkUser *user)
{
  GMenu *menu = g_menu_new ();
  GVariant *target = g_variant_new_string (user->name);
  g_autoptr(GMenuItem) roles = g_menu_item_new ("Edit _Roles…", NULL);
  g_autoptr(GMenuItem) reset = g_menu_item_new (user->locked ? "_Unlock and Reset Password…"
                                                             : "_Reset Password…", NULL);
  g_autoptr(GMenuItem) toggle = g_menu_item_new (user->disabled ? "_Enable Account"
                                                                : "_Disable Account…", NULL);

  g_variant_ref_sink (target);
  g_menu_item_set_action_and_target_value (roles, "users.edit-roles", target);
  g_menu_item_set_action_and_target_value (reset, "users.reset-password", target);
  g_menu_item_set_action_and_target_value (toggle, user->disabled ? "users.enable"
                                                                  : "users.disable", target);
  g_variant_unref (target);
  g_menu_append_item (menu, roles);
  g_menu_append_item (menu, reset);
  g_menu_append_item (menu, toggle);
  return G_MENU_MODEL (menu);
}

static GtkWidget *
user_row_new (const LkUser *user)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_menu_button_new ();
  g_autoptr(GMenuModel) menu = user_menu (user);
  g_autofree char *subtitle = user_subtitle (user);
  g_autofree char *button_label = g_strdup_printf ("Actions for %s", user->name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), user->display_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_name (row, user->name);
  if (user->disabled || user->locked)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (user->disabled ? "action-unavailable-symbolic"
                                                                     : "system-lock-screen-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      user->disabled ? "Disabled" : "Locked", -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, button_label);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  button_label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
clear_list (LkUsersPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

static void
show_summary (LkUsersPage *self)
{
  guint active = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->users->len; i++)
    if (!((LkUser *) g_ptr_array_index (self->users, i))->disabled)
      active++;
  text = g_strdup_printf ("%u accounts, %u active. Every change is recorded in the audit trail.",
                          self->users->len, active);
  gtk_label_set_text (self->summary_label, text);
}

static void
reload (LkUsersPage *self)
{
  g_autoptr(GError) error = NULL;

  clear_list (self);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  self->users = lk_users_list (self->session, &error);
  lk_label_set_message (self->error_label, error ? error->message : NULL);
  if (self->users == NULL)
    return;
  for (guint i = 0; i < self->users->len; i++)
    gtk_list_box_append (self->list, user_row_new (g_ptr_array_index (self->users, i)));
  show_summary (self);
}

GStrv
lk_users_page_dup_names (LkUsersPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (LK_IS_USERS_PAGE (self), NULL);
  for (guint i = 0; self->users != NULL && i < self->users->len; i++)
    g_strv_builder_add (builder, ((LkUser *) g_ptr_array_index (self->users, i))->name);
  return g_strv_builder_end (builder);
}

void
lk_users_page_set_session (LkUsersPage *self,
                           LkSession   *session)
{
  g_return_if_fail (LK_IS_USERS_PAGE (self));

  if (!g_set_object (&self->session, session))
    return;
  /* Only administrators see this page; asking the core for others would log a refusal. */
  if (session != NULL && lk_session_has_role (session, LK_ROLE_ADMINISTRATOR))
    reload (self);
}

static const LkUser *
find_user (LkUsersPage *self,
           const char  *name)
{
  for (guint i = 0; self->users != NULL && i < self->users->len; i++)
    if (g_str_equal (((LkUser *) g_ptr_array_index (self->users, i))->name, name))
      return g_ptr_array_index (self->users, i);
  return NULL;
}

/* ---- actions ----------------------------------------------------------------------------- */

static void
on_dialog_done (LkUsersPage *self,
                const char  *message)
{
  reload (self);
  lk_toast (GTK_WIDGET (self), message);
}

static void
present_dialog (LkUsersPage  *self,
                LkUserDialog *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_dialog_done), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LkUsersPage *self = LK_USERS_PAGE (widget);

  present_dialog (self, lk_user_dialog_new_add (self->session));
}

static void
edit_roles_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LkUsersPage *self = LK_USERS_PAGE (widget);
  const LkUser *user = find_user (self, g_variant_get_string (parameter, NULL));

  if (user != NULL)
    present_dialog (self, lk_user_dialog_new_edit_roles (self->session, user));
}

static void
reset_password_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LkUsersPage *self = LK_USERS_PAGE (widget);
  const LkUser *user = find_user (self, g_variant_get_string (parameter, NULL));

  if (user != NULL)
    present_dialog (self, lk_user_dialog_new_reset_password (self->session, user));
}

static void
set_disabled (LkUsersPage *self,
              const char  *name,
              gboolean     disabled)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!lk_users_set_disabled (self->session, name, disabled, &error))
    {
      lk_show_error (GTK_WIDGET (self), disabled ? "Cannot Disable the Account"
                                                 : "Cannot Enable the Account", error->message);
      return;
    }
  message = g_strdup_printf (disabled ? "%s is disabled" : "%s is enabled again", name);
  on_dialog_done (self, message);
}

static void
on_disable_response (AdwMessageDialog *dialog,
                     const char       *response,
                     LkUsersPage      *self)
{
  if (g_str_equal (response, "disable"))
    set_disabled (self, g_object_get_data (G_OBJECT (dialog), "user-name"), TRUE);
}

static void
disable_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LkUsersPage *self = LK_USERS_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = g_strdup_printf ("Disable %s?", name);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                             : NULL, heading,
    "The account can no longer log in. It stays on record with its history, and can be "
    "enabled again."));
  adw_message_dialog_add_responses (dialog, "cancel", "_Cancel", "disable", "_Disable", NULL);
  adw_message_dialog_set_response_appearance (dialog, "disable", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "user-name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_disable_response), self, 0);
  lk_present_dialog (GTK_WINDOW (dialog));
}

static void
enable_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  set_disabled (LK_USERS_PAGE (widget), g_variant_get_string (parameter, NULL), FALSE);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reload (LK_USERS_PAGE (widget));
}

/* ---- object ------------------------------------------------------------------------------ */

static void
lk_users_page_dispose (GObject *object)
{
  LkUsersPage *self = LK_USERS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_USERS_PAGE);
  g_clear_object (&self->session);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  G_OBJECT_CLASS (lk_users_page_parent_class)->dispose (object);
}

static void
lk_users_page_finalize (GObject *object)
{
  g_clear_object (&LK_USERS_PAGE (object)->cancellable);
  G_OBJECT_CLASS (lk_users_page_parent_class)->finalize (object);
}

static void
lk_users_page_class_init (LkUsersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_users_page_dispose;
  object_class->finalize = lk_users_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-users-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LkUsersPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LkUsersPage, list);
  gtk_widget_class_bind_template_child (widget_class, LkUsersPage, error_label);

  gtk_widget_class_install_action (widget_class, "users.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "users.edit-roles", "s", edit_roles_action);
  gtk_widget_class_install_action (widget_class, "users.reset-password", "s",
                                   reset_password_action);
  gtk_widget_class_install_action (widget_class, "users.disable", "s", disable_action);
  gtk_widget_class_install_action (widget_class, "users.enable", "s", enable_action);
  gtk_widget_class_install_action (widget_class, "users.reload", NULL, reload_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "users.add", NULL);
}

static void
lk_users_page_init (LkUsersPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
