/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences: idle lock, own password, where the data lives. */
#include "config.h"

#include "lk-database-choice.h"
#include "lk-preferences-window.h"
#include "lk-ui-util.h"

struct _LkPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  LkSession            *session;
  GSettings            *settings;
  GCancellable         *cancellable;

  GtkSpinButton        *idle_spin;
  AdwActionRow         *idle_row;
  AdwPasswordEntryRow  *old_password_row;
  AdwPasswordEntryRow  *new_password_row;
  AdwPasswordEntryRow  *confirm_password_row;
  AdwActionRow         *password_status_row;
  GtkButton            *change_password_button;
  AdwActionRow         *database_row;
  AdwActionRow         *workspace_row;
  AdwPreferencesPage   *general_page;
};

G_DEFINE_FINAL_TYPE (LkPreferencesWindow, lk_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
clear_password_rows (LkPreferencesWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->old_password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_password_row), "");
}

static void
on_password_changed (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LkPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lk_session_change_password_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->change_password_button), TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_status_row),
                                 error ? error->message : "Password changed");
  if (error == NULL)
    {
      clear_password_rows (self);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new ("Password changed"));
    }
}

static void
on_change_password (LkPreferencesWindow *self)
{
  const char *new_password = gtk_editable_get_text (GTK_EDITABLE (self->new_password_row));

  if (g_strcmp0 (new_password, gtk_editable_get_text (GTK_EDITABLE (self->confirm_password_row))))
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_status_row),
                                     "The two new passwords differ");
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->change_password_button), FALSE);
  lk_session_change_password_async (self->session,
                                    gtk_editable_get_text (GTK_EDITABLE (self->old_password_row)),
                                    new_password, self->cancellable, on_password_changed,
                                    g_object_ref (self));
}

static void
lk_preferences_window_dispose (GObject *object)
{
  LkPreferencesWindow *self = LK_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (lk_preferences_window_parent_class)->dispose (object);
}

static void
lk_preferences_window_finalize (GObject *object)
{
  LkPreferencesWindow *self = LK_PREFERENCES_WINDOW (object);

  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (lk_preferences_window_parent_class)->finalize (object);
}

static void
lk_preferences_window_class_init (LkPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_preferences_window_dispose;
  object_class->finalize = lk_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, idle_spin);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, idle_row);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, old_password_row);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, new_password_row);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, confirm_password_row);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, password_status_row);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow,
                                        change_password_button);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, general_page);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, workspace_row);
  gtk_widget_class_bind_template_callback (widget_class, on_change_password);
}

static void
lk_preferences_window_init (LkPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
}

/* The agency's limit is the spin button's top, and the row says where it comes from. The
 * setting is bound once the limit is known: a longer choice shows as the limit that applies,
 * and stays stored for when the policy allows it again. A limit that cannot be read is shown
 * as such, and the shortest the policy allows applies (as in the window). */
static void
show_idle_limit (LkPreferencesWindow *self,
                 LkStore             *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  gint64 limit = 0;

  if (lk_policy_get_int (store, "idle_lock_max_minutes", &limit, &error))
    subtitle = g_strdup_printf ("Minutes without keyboard or pointer input before the session "
                                "locks (at most %" G_GINT64_FORMAT "%s)", limit,
                                limit < 30 ? ", set by agency policy" : "");
  else
    {
      limit = (gint64) lk_policy_key_lookup ("idle_lock_max_minutes")->min;
      subtitle = g_strdup_printf ("The agency's limit could not be read (%s): the session locks "
                                  "after a minute without input", error->message);
    }
  gtk_spin_button_set_range (self->idle_spin, 1, (double) limit);
  g_settings_bind (self->settings, "idle-lock-minutes", self->idle_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  adw_action_row_set_subtitle (self->idle_row, subtitle);
}

LkPreferencesWindow *
lk_preferences_window_new (LkSession *session)
{
  LkPreferencesWindow *self = g_object_new (LK_TYPE_PREFERENCES_WINDOW, NULL);
  LkStore *store = lk_session_get_store (session);
  LkDatabaseChoice *choice;
  g_autoptr(GError) error = NULL;
  g_autofree char *rule = NULL;
  gint64 min_length = 0;

  if (lk_policy_get_int (store, "min_password_length", &min_length, &error))
    rule = g_strdup_printf ("Passwords need at least %" G_GINT64_FORMAT " characters",
                            min_length);
  else
    rule = g_strdup_printf ("The password rule could not be read: %s", error->message);
  self->session = g_object_ref (session);
  show_idle_limit (self, store);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_status_row), rule);
  adw_action_row_set_subtitle (self->database_row, lk_store_get_path (store));
  adw_action_row_set_subtitle (self->workspace_row,
                               lk_store_is_demo (store)
                               ? "Demo workspace: not for casework, and it can never become casework"
                               : "Casework");
  choice = lk_database_choice_new (self->settings, lk_store_get_path (store));
  adw_preferences_page_add (self->general_page, ADW_PREFERENCES_GROUP (choice));
  return self;
}
