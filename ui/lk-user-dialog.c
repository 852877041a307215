/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Add a user, change a user's roles, or reset a password. */
#include "config.h"

#include "lk-ui-util.h"
#include "lk-user-dialog.h"

typedef enum
{
  MODE_ADD,
  MODE_EDIT_ROLES,
  MODE_RESET_PASSWORD,
} Mode;

struct _LkUserDialog
{
  AdwWindow             parent_instance;

  LkSession            *session;
  GCancellable         *cancellable;
  Mode                  mode;
  char                 *user_name;

  AdwWindowTitle       *window_title;
  GtkButton            *accept_button;
  GtkSpinner           *spinner;
  GtkLabel             *message_label;
  AdwPreferencesGroup  *account_group;
  AdwEntryRow          *name_row;
  AdwEntryRow          *display_name_row;
  AdwPreferencesGroup  *password_group;
  AdwPasswordEntryRow  *password_row;
  AdwPasswordEntryRow  *confirm_row;
  AdwPreferencesGroup  *roles_group;
  GtkCheckButton       *role_checks[LK_N_ROLES];
};

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkUserDialog, lk_user_dialog, ADW_TYPE_WINDOW)

static const char *
text_of (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static LkRoles
checked_roles (LkUserDialog *self)
{
  LkRoles roles = 0;

  for (guint i = 0; i < LK_N_ROLES; i++)
    if (gtk_check_button_get_active (self->role_checks[i]))
      roles |= lk_role_nth (i);
  return roles;
}

static void
set_busy (LkUserDialog *self,
          gboolean      busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->accept_button), !busy);
}

static void
finish (LkUserDialog *self,
        const char   *message)
{
  g_signal_emit (self, signals[DONE], 0, message);
  gtk_window_close (GTK_WINDOW (self));
}

static void
fail (LkUserDialog *self,
      const char   *message)
{
  set_busy (self, FALSE);
  lk_label_set_message (self->message_label, message);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LkUserDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!lk_users_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, error->message);
      return;
    }
  message = g_strdup_printf (self->mode == MODE_ADD ? "Added %s" : "New password set for %s",
                             self->mode == MODE_ADD ? text_of (self->name_row) : self->user_name);
  finish (self, message);
}

static gboolean
passwords_match (LkUserDialog *self)
{
  if (g_strcmp0 (text_of (self->password_row), text_of (self->confirm_row)) == 0)
    return TRUE;
  fail (self, "The two passwords differ.");
  gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
  return FALSE;
}

static void
save_roles (LkUserDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!lk_users_set_roles (self->session, self->user_name, checked_roles (self), &error))
    {
      fail (self, error->message);
      return;
    }
  message = g_strdup_printf ("Roles of %s changed", self->user_name);
  finish (self, message);
}

static void
on_accept (LkUserDialog *self)
{
  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->accept_button)))
    return;
  lk_label_set_message (self->message_label, NULL);
  if (self->mode == MODE_EDIT_ROLES)
    {
      save_roles (self);
      return;
    }
  if (!passwords_match (self))
    return;
  set_busy (self, TRUE);
  if (self->mode == MODE_ADD)
    lk_users_add_async (self->session, text_of (self->name_row), text_of (self->display_name_row),
                        checked_roles (self), text_of (self->password_row), self->cancellable,
                        on_saved, g_object_ref (self));
  else
    lk_users_reset_password_async (self->session, self->user_name, text_of (self->password_row),
                                   self->cancellable, on_saved, g_object_ref (self));
}

static void
lk_user_dialog_dispose (GObject *object)
{
  LkUserDialog *self = LK_USER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_USER_DIALOG);
  G_OBJECT_CLASS (lk_user_dialog_parent_class)->dispose (object);
}

static void
lk_user_dialog_finalize (GObject *object)
{
  LkUserDialog *self = LK_USER_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->user_name, g_free);
  G_OBJECT_CLASS (lk_user_dialog_parent_class)->finalize (object);
}

static void
lk_user_dialog_class_init (LkUserDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_user_dialog_dispose;
  object_class->finalize = lk_user_dialog_finalize;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-user-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LkUserDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LkUserDialog, accept_button);
  gtk_widget_class_bind_template_child (widget_class, LkUserDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LkUserDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, LkUserDialog, account_group);
  gtk_widget_class_bind_template_child (widget_class, LkUserDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, LkUserDialog, display_name_row);
  gtk_widget_class_bind_template_child (widget_class, LkUserDialog, password_group);
  gtk_widget_class_bind_template_child (widget_class, LkUserDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, LkUserDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, LkUserDialog, roles_group);
  gtk_widget_class_bind_template_child_full (widget_class, "role_administrator", FALSE,
                                             G_STRUCT_OFFSET (LkUserDialog, role_checks[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "role_examiner", FALSE,
                                             G_STRUCT_OFFSET (LkUserDialog, role_checks[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "role_reviewer", FALSE,
                                             G_STRUCT_OFFSET (LkUserDialog, role_checks[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "role_trainer", FALSE,
                                             G_STRUCT_OFFSET (LkUserDialog, role_checks[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "role_trainee", FALSE,
                                             G_STRUCT_OFFSET (LkUserDialog, role_checks[4]));
  gtk_widget_class_bind_template_callback (widget_class, on_accept);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lk_user_dialog_init (LkUserDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
set_accept_label (LkUserDialog *self,
                  const char   *mnemonic,
                  const char   *name)
{
  gtk_button_set_label (self->accept_button, mnemonic);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->accept_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static LkUserDialog *
dialog_new (LkSession    *session,
            Mode          mode,
            const LkUser *user)
{
  LkUserDialog *self = g_object_new (LK_TYPE_USER_DIALOG, NULL);

  self->session = g_object_ref (session);
  self->mode = mode;
  if (user != NULL)
    {
      self->user_name = g_strdup (user->name);
      adw_window_title_set_subtitle (self->window_title, user->display_name);
      for (guint i = 0; i < LK_N_ROLES; i++)
        gtk_check_button_set_active (self->role_checks[i], (user->roles & lk_role_nth (i)) != 0);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->account_group), mode == MODE_ADD);
  gtk_widget_set_visible (GTK_WIDGET (self->password_group), mode != MODE_EDIT_ROLES);
  gtk_widget_set_visible (GTK_WIDGET (self->roles_group), mode != MODE_RESET_PASSWORD);
  return self;
}

LkUserDialog *
lk_user_dialog_new_add (LkSession *session)
{
  LkUserDialog *self = dialog_new (session, MODE_ADD, NULL);

  gtk_window_set_title (GTK_WINDOW (self), "Add User");
  adw_window_title_set_title (self->window_title, "Add User");
  set_accept_label (self, "_Add", "Add");
  gtk_check_button_set_active (self->role_checks[1], TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}

LkUserDialog *
lk_user_dialog_new_edit_roles (LkSession    *session,
                               const LkUser *user)
{
  LkUserDialog *self = dialog_new (session, MODE_EDIT_ROLES, user);

  gtk_window_set_title (GTK_WINDOW (self), "Edit Roles");
  adw_window_title_set_title (self->window_title, "Edit Roles");
  set_accept_label (self, "_Save", "Save");
  gtk_window_set_default_size (GTK_WINDOW (self), 500, 560);
  return self;
}

LkUserDialog *
lk_user_dialog_new_reset_password (LkSession    *session,
                                   const LkUser *user)
{
  LkUserDialog *self = dialog_new (session, MODE_RESET_PASSWORD, user);

  gtk_window_set_title (GTK_WINDOW (self), "Reset Password");
  adw_window_title_set_title (self->window_title, "Reset Password");
  set_accept_label (self, "_Reset", "Reset");
  gtk_window_set_default_size (GTK_WINDOW (self), 500, 400);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  return self;
}
