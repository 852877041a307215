/* SPDX-License-Identifier: GPL-3.0-or-later */
/* First run: the administrator account, then straight into the application. */
#include "config.h"

#include "lk-database-choice.h"
#include "lk-setup-window.h"
#include "lk-ui-util.h"

struct _LkSetupWindow
{
  AdwApplicationWindow  parent_instance;

  LkStore              *store;
  GCancellable         *cancellable;

  GtkLabel             *database_label;
  AdwBin               *database_bin;
  AdwEntryRow          *name_row;
  AdwEntryRow          *display_name_row;
  AdwPasswordEntryRow  *password_row;
  AdwPasswordEntryRow  *confirm_row;
  GtkLabel             *message_label;
  GtkButton            *create_button;
  GtkSpinner           *spinner;
};

enum {
  LOGGED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkSetupWindow, lk_setup_window, ADW_TYPE_APPLICATION_WINDOW)

static const char *
text_of (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static void
set_busy (LkSetupWindow *self,
          gboolean       busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), !busy);
}

static void
on_logged_in (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LkSetupWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) session = lk_session_login_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (session == NULL)
    {
      lk_label_set_message (self->message_label, error->message);
      return;
    }
  g_signal_emit (self, signals[LOGGED_IN], 0, session);
}

static void
on_created (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LkSetupWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lk_users_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      lk_label_set_message (self->message_label, error->message);
      return;
    }
  lk_session_login_async (self->store, text_of (self->name_row), text_of (self->password_row),
                          self->cancellable, on_logged_in, g_object_ref (self));
}

static void
on_create (LkSetupWindow *self)
{
  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->create_button)))
    return;
  if (g_strcmp0 (text_of (self->password_row), text_of (self->confirm_row)) != 0)
    {
      lk_label_set_message (self->message_label, "The two passwords differ.");
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
      return;
    }
  lk_label_set_message (self->message_label, NULL);
  set_busy (self, TRUE);
  lk_users_create_administrator_async (self->store, text_of (self->name_row),
                                       text_of (self->display_name_row),
                                       text_of (self->password_row), self->cancellable,
                                       on_created, g_object_ref (self));
}

static void
lk_setup_window_dispose (GObject *object)
{
  LkSetupWindow *self = LK_SETUP_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_SETUP_WINDOW);
  G_OBJECT_CLASS (lk_setup_window_parent_class)->dispose (object);
}

static void
lk_setup_window_finalize (GObject *object)
{
  LkSetupWindow *self = LK_SETUP_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (lk_setup_window_parent_class)->finalize (object);
}

static void
lk_setup_window_class_init (LkSetupWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_setup_window_dispose;
  object_class->finalize = lk_setup_window_finalize;

  signals[LOGGED_IN] = g_signal_new ("logged-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, LK_TYPE_SESSION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-setup-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LkSetupWindow, database_label);
  gtk_widget_class_bind_template_child (widget_class, LkSetupWindow, database_bin);
  gtk_widget_class_bind_template_child (widget_class, LkSetupWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, LkSetupWindow, display_name_row);
  gtk_widget_class_bind_template_child (widget_class, LkSetupWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, LkSetupWindow, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, LkSetupWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, LkSetupWindow, create_button);
  gtk_widget_class_bind_template_child (widget_class, LkSetupWindow, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_create);
}

static void
lk_setup_window_init (LkSetupWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

LkSetupWindow *
lk_setup_window_new (GtkApplication *app,
                     LkStore        *store)
{
  LkSetupWindow *self = g_object_new (LK_TYPE_SETUP_WINDOW, "application", app, NULL);
  g_autofree char *where = g_strdup_printf ("New database: %s", lk_store_get_path (store));

  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  self->store = g_object_ref (store);
  gtk_label_set_text (self->database_label, where);
  /* A workstation of a lab uses the lab's server instead: chosen here, used from the next
   * start (the server's database is made by the lab's administrator, not here). */
  if (!lk_store_is_demo (store))
    adw_bin_set_child (self->database_bin,
                       GTK_WIDGET (lk_database_choice_new (settings, lk_store_get_path (store))));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}
