/* SPDX-License-Identifier: GPL-3.0-or-later */
/* First run: the administrator account, then straight into the application. */
#include "config.h"

#include "lk-database-choice.h"
#include "lk-setup-window.h"
#include "lk-ui-util.h"

struct _LkSetupWindow
{
  AdwApplicationWindow  parent_instance;

  LkStore              *store;    /* NULL until a new database file is created */
  char                 *location; /* the database this window creates the administrator of */
  GSettings            *settings;
  char                 *first_choice; /* the database choice when the window opened */
  GCancellable         *cancellable;

  GtkLabel             *database_label;
  AdwBin               *database_bin;
  AdwPreferencesGroup  *administrator_group;
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
create_administrator (LkSetupWindow *self)
{
  lk_users_create_administrator_async (self->store, text_of (self->name_row),
                                       text_of (self->display_name_row),
                                       text_of (self->password_row), self->cancellable,
                                       on_created, g_object_ref (self));
}

static void
on_opened (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LkSetupWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  LkStore *store = lk_store_open_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (store == NULL)
    {
      set_busy (self, FALSE);
      lk_label_set_message (self->message_label, error->message);
      return;
    }
  self->store = store;
  create_administrator (self);
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
  /* A first start makes the file only now, with its administrator. */
  if (self->store == NULL)
    lk_store_open_async (self->location, LK_STORE_OPEN_CREATE, self->cancellable, on_opened,
                         g_object_ref (self));
  else
    create_administrator (self);
}

/* An entry of the form about to be made insensitive lets go of the keyboard focus first. */
static void
release_focus (LkSetupWindow *self)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->administrator_group)))
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
}

/* Another database chosen below: it is used from the next start, and the administrator is
 * made there, not here. */
static void
on_database_changed (LkSetupWindow *self)
{
  g_autofree char *chosen = g_settings_get_string (self->settings, "database-path");
  g_autofree char *default_path = lk_store_default_path ();
  const char *opens = *chosen != '\0' ? chosen : default_path;
  /* (--db may open another database than the one chosen: that one is still "here") */
  gboolean here = g_str_equal (chosen, self->first_choice) || g_str_equal (opens, self->location);
  g_autofree char *where = NULL;

  if (here)
    where = g_strdup_printf ("New database: %s", self->location);
  else if (self->store == NULL)
    where = g_strdup_printf ("Nothing was created on this computer. Likeness opens %s when it "
                             "starts again: quit and start it again to use it.", opens);
  else
    where = g_strdup_printf ("Likeness opens %s when it starts again: quit and start it again "
                             "to use it.", opens);
  gtk_label_set_text (self->database_label, where);
  if (!here)
    release_focus (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->administrator_group), here);
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), here);
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
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_free (self->location);
  g_free (self->first_choice);
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
  gtk_widget_class_bind_template_child (widget_class, LkSetupWindow, administrator_group);
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

static LkSetupWindow *
setup_window_new (GtkApplication *app,
                  LkStore        *store,
                  const char     *location,
                  gboolean        demo)
{
  LkSetupWindow *self = g_object_new (LK_TYPE_SETUP_WINDOW, "application", app, NULL);

  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->location = g_strdup (location);
  self->settings = g_settings_new (APP_ID);
  self->first_choice = g_settings_get_string (self->settings, "database-path");
  /* A workstation of a lab uses the lab's server instead: chosen here, used from the next
   * start (the server's database is made by the lab's administrator, not here). */
  if (!demo)
    {
      adw_bin_set_child (self->database_bin,
                         GTK_WIDGET (lk_database_choice_new (self->settings, location)));
      g_signal_connect_object (self->settings, "changed::database-path",
                               G_CALLBACK (on_database_changed), self, G_CONNECT_SWAPPED);
    }
  on_database_changed (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}

LkSetupWindow *
lk_setup_window_new (GtkApplication *app,
                     LkStore        *store)
{
  g_return_val_if_fail (LK_IS_STORE (store), NULL);
  return setup_window_new (app, store, lk_store_get_path (store), lk_store_is_demo (store));
}

LkSetupWindow *
lk_setup_window_new_for_location (GtkApplication *app,
                                  const char     *location)
{
  g_return_val_if_fail (location != NULL, NULL);
  return setup_window_new (app, NULL, location, FALSE);
}
