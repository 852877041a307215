/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Log-in: the password is checked in a worker thread; demo accounts are listed in demo mode. */
#include "config.h"

#include "lk-login-window.h"
#include "lk-ui-util.h"

struct _LkLoginWindow
{
  AdwApplicationWindow  parent_instance;

  LkStore              *store;
  GCancellable         *cancellable;

  GtkLabel             *demo_banner;
  GtkLabel             *database_label;
  AdwEntryRow          *user_row;
  AdwPasswordEntryRow  *password_row;
  GtkLabel             *message_label;
  GtkButton            *log_in_button;
  GtkSpinner           *spinner;
  AdwPreferencesGroup  *demo_group;
  GtkListBox           *demo_list;
};

enum {
  LOGGED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkLoginWindow, lk_login_window, ADW_TYPE_APPLICATION_WINDOW)

void
lk_login_window_set_message (LkLoginWindow *self,
                             const char    *message)
{
  g_return_if_fail (LK_IS_LOGIN_WINDOW (self));
  lk_label_set_message (self->message_label, message);
}

static void
set_busy (LkLoginWindow *self,
          gboolean       busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  /* The rows stay sensitive: taking focus from a text entry mid-typing upsets GTK, and a
   * second submission is refused by the insensitive button anyway. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->log_in_button), !busy);
}

static void
on_login_finished (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LkLoginWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) session = lk_session_login_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (session == NULL)
    {
      lk_login_window_set_message (self, error->message);
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }
  g_signal_emit (self, signals[LOGGED_IN], 0, session);
}

static void
on_log_in (LkLoginWindow *self)
{
  const char *user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->log_in_button)))
    return;
  if (*user == '\0')
    {
      lk_login_window_set_message (self, "Enter your user name.");
      gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
      return;
    }
  lk_login_window_set_message (self, NULL);
  set_busy (self, TRUE);
  lk_session_login_async (self->store, user, password, self->cancellable, on_login_finished,
                          g_object_ref (self));
}

static void
on_user_activated (LkLoginWindow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
on_demo_row_activated (LkLoginWindow *self,
                       GtkListBoxRow *row)
{
  gtk_editable_set_text (GTK_EDITABLE (self->user_row),
                         adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
add_demo_rows (LkLoginWindow *self)
{
  for (const char * const *name = lk_demo_user_names (); *name != NULL; name++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *roles = lk_roles_to_label (lk_demo_user_roles (*name));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), roles);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 g_object_new (GTK_TYPE_IMAGE,
                                               "icon-name", "go-next-symbolic",
                                               "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                               NULL));
      gtk_list_box_append (self->demo_list, row);
    }
}

static void
lk_login_window_dispose (GObject *object)
{
  LkLoginWindow *self = LK_LOGIN_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_LOGIN_WINDOW);
  G_OBJECT_CLASS (lk_login_window_parent_class)->dispose (object);
}

static void
lk_login_window_finalize (GObject *object)
{
  LkLoginWindow *self = LK_LOGIN_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (lk_login_window_parent_class)->finalize (object);
}

static void
lk_login_window_class_init (LkLoginWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_login_window_dispose;
  object_class->finalize = lk_login_window_finalize;

  signals[LOGGED_IN] = g_signal_new ("logged-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, LK_TYPE_SESSION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-login-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LkLoginWindow, demo_banner);
  gtk_widget_class_bind_template_child (widget_class, LkLoginWindow, database_label);
  gtk_widget_class_bind_template_child (widget_class, LkLoginWindow, user_row);
  gtk_widget_class_bind_template_child (widget_class, LkLoginWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, LkLoginWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, LkLoginWindow, log_in_button);
  gtk_widget_class_bind_template_child (widget_class, LkLoginWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, LkLoginWindow, demo_group);
  gtk_widget_class_bind_template_child (widget_class, LkLoginWindow, demo_list);
  gtk_widget_class_bind_template_callback (widget_class, on_log_in);
  gtk_widget_class_bind_template_callback (widget_class, on_user_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_demo_row_activated);
}

static void
lk_login_window_init (LkLoginWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  lk_fix_button_names (GTK_WIDGET (self));
}

LkLoginWindow *
lk_login_window_new (GtkApplication *app,
                     LkStore        *store)
{
  LkLoginWindow *self = g_object_new (LK_TYPE_LOGIN_WINDOW, "application", app, NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last_user = g_settings_get_string (settings, "last-user");
  g_autofree char *where = g_strdup_printf ("Database: %s", lk_store_get_path (store));
  gboolean demo = lk_store_is_demo (store);

  self->store = g_object_ref (store);
  gtk_label_set_text (self->database_label, where);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_banner), demo);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_group), demo);
  if (demo)
    add_demo_rows (self);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), last_user);
  gtk_widget_grab_focus (GTK_WIDGET (*last_user ? (gpointer) self->password_row
                                                : (gpointer) self->user_row));
  return self;
}
