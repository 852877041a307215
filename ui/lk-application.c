/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application: opens the database off the main loop, then first run, log-in, main window. */
#include "config.h"

#include <string.h>

#include "lk-application.h"
#include "lk-build-id.h"
#include "lk-login-window.h"
#include "likeness-resources.h"
#include "lk-setup-window.h"
#include "lk-ui-util.h"
#include "lk-window.h"

struct _LkApplication
{
  AdwApplication  parent_instance;
  GSettings      *settings;
  LkStore        *store;
  char           *db_path;
  gboolean        demo;
  gboolean        opening;
  GtkWindow      *waiting;
};

G_DEFINE_FINAL_TYPE (LkApplication, lk_application, ADW_TYPE_APPLICATION)

static const GOptionEntry options[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, "Open the database at PATH", "PATH" },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, "Open the demo workspace (not for casework)", NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, "Show the version and build", NULL },
  { NULL }
};

void
lk_ui_init (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      likeness_register_resource ();
      g_once_init_leave (&done, 1);
    }
}

LkApplication *
lk_application_new (void)
{
  return g_object_new (LK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", LK_RESOURCE_PATH,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

LkStore *
lk_application_get_store (LkApplication *self)
{
  g_return_val_if_fail (LK_IS_APPLICATION (self), NULL);
  return self->store;
}

GSettings *
lk_application_get_settings (LkApplication *self)
{
  g_return_val_if_fail (LK_IS_APPLICATION (self), NULL);
  return self->settings;
}

static void
on_logged_in (LkApplication *self,
              LkSession     *session,
              GtkWindow     *login_window)
{
  LkWindow *window = lk_window_new (GTK_APPLICATION (self), session);

  /* A first start made its database with the administrator (show_setup_for_location). */
  if (self->store == NULL)
    self->store = g_object_ref (lk_session_get_store (session));

  g_signal_connect_object (window, "logged-out", G_CALLBACK (lk_application_show_login), self,
                           G_CONNECT_SWAPPED);
  g_settings_set_string (self->settings, "last-user", lk_session_get_user_name (session));
  gtk_window_present (GTK_WINDOW (window));
  gtk_window_destroy (login_window);
}

void
lk_application_show_login (LkApplication *self,
                           const char    *message)
{
  LkLoginWindow *login;

  g_return_if_fail (LK_IS_APPLICATION (self));
  g_return_if_fail (self->store != NULL);

  login = lk_login_window_new (GTK_APPLICATION (self), self->store);
  if (message != NULL)
    lk_login_window_set_message (login, message);
  g_signal_connect_object (login, "logged-in", G_CALLBACK (on_logged_in), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (login));
}

static void
show_setup (LkApplication *self)
{
  LkSetupWindow *setup = lk_setup_window_new (GTK_APPLICATION (self), self->store);

  g_signal_connect_object (setup, "logged-in", G_CALLBACK (on_logged_in), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (setup));
}

/* A first start with no database file yet: nothing is made before the administrator is. */
static void
show_setup_for_location (LkApplication *self)
{
  LkSetupWindow *setup = lk_setup_window_new_for_location (GTK_APPLICATION (self),
                                                           self->db_path);

  g_signal_connect_object (setup, "logged-in", G_CALLBACK (on_logged_in), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (setup));
}

/* Opening, and on first use creating, the database can take seconds: say so meanwhile. */
static void
show_waiting (LkApplication *self)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (self));
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Opening", -1);
  adw_status_page_set_title (ADW_STATUS_PAGE (status), self->demo ? "Preparing the Demo Workspace"
                                                                   : "Opening the Database");
  lk_status_page_set_text (ADW_STATUS_PAGE (status), self->db_path);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), spinner);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), status);
  gtk_window_set_title (GTK_WINDOW (window), "Likeness");
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 360);
  self->waiting = GTK_WINDOW (window);
  gtk_window_present (self->waiting);
}

/* The store's reason, kept as it is, between what failed (naming the database unless the reason
 * does) and what the user can do next: there is no other way out of this dialog than Quit. */
static char *
open_failure_text (const char   *location,
                   const GError *error)
{
  g_autofree char *what = strstr (error->message, location) != NULL
    ? g_strdup ("Likeness could not read its database.")
    : g_strdup_printf ("Likeness could not read the database at %s.", location);

  /* (word joiners keep the option whole where the text wraps) */
  return g_strdup_printf ("%s\n\n%s\n\nTo open another database, start Likeness with "
                          "“-\u2060-\u2060db” followed by its path or server address. If this "
                          "one is damaged, the lab’s administrator can restore it from a backup.",
                          what, error->message);
}

static void
show_open_failure (LkApplication *self,
                   const GError  *error)
{
  g_autofree char *text = open_failure_text (self->db_path, error);

  lk_show_fatal_error (GTK_APPLICATION (self), "Cannot Open the Database", text);
}

static void
on_store_opened (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LkApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean initialised = FALSE;

  self->opening = FALSE;
  if (self->waiting != NULL)
    {
      /* Hidden rather than destroyed here: the next window is presented first. */
      gtk_widget_set_visible (GTK_WIDGET (self->waiting), FALSE);
    }
  self->store = self->demo ? lk_demo_open_finish (result, &error)
                          : lk_store_open_finish (result, &error);
  /* A database whose users cannot be read is not offered as a fresh one to set up. */
  if (self->store == NULL || !lk_store_is_initialised (self->store, &initialised, &error))
    {
      show_open_failure (self, error);
      g_clear_object (&self->store);
      if (self->waiting != NULL)
        gtk_window_destroy (g_steal_pointer (&self->waiting));
      g_application_release (G_APPLICATION (self));
      return;
    }
  if (initialised)
    lk_application_show_login (self, NULL);
  else
    show_setup (self);
  if (self->waiting != NULL)
    gtk_window_destroy (g_steal_pointer (&self->waiting));
  g_application_release (G_APPLICATION (self));
}

static char *
choose_db_path (LkApplication *self)
{
  g_autofree char *configured = g_settings_get_string (self->settings, "database-path");

  if (self->demo)
    return lk_store_default_demo_path ();
  if (configured[0] != '\0')
    return g_steal_pointer (&configured);
  return lk_store_default_path ();
}

/* The built-in data files (a few kilobytes in the binary's resources) before anything else. */
static gboolean
check_data (LkApplication *self)
{
  g_autoptr(GError) error = NULL;

  if (lk_data_check (&error))
    return TRUE;
  lk_show_fatal_error (GTK_APPLICATION (self), "Likeness Cannot Start",
                       error->message);
  return FALSE;
}

static void
lk_application_activate (GApplication *app)
{
  LkApplication *self = LK_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  if (self->opening || self->store != NULL)
    return;
  if (!check_data (self))
    return;
  if (self->db_path == NULL)
    self->db_path = choose_db_path (self);
  /* The file is created with its administrator, so that choosing a lab server at the first
   * start leaves no empty database behind on this computer. */
  if (!self->demo && !lk_store_location_exists (self->db_path))
    {
      show_setup_for_location (self);
      return;
    }
  self->opening = TRUE;
  /* Held until the store is open, so the application does not quit with no window yet. */
  g_application_hold (app);
  show_waiting (self);
  if (self->demo)
    lk_demo_open_async (self->db_path, NULL, on_store_opened, g_object_ref (self));
  else
    /* The file is there (an empty one gets its tables); a lab's server database is made by
     * its administrator (likeness-cli init), never by a workstation. */
    lk_store_open_async (self->db_path,
                         lk_store_location_is_server (self->db_path) ? LK_STORE_OPEN_DEFAULT
                                                                     : LK_STORE_OPEN_CREATE,
                         NULL, on_store_opened, g_object_ref (self));
}

static int
lk_application_handle_local_options (GApplication *app,
                                     GVariantDict *dict)
{
  LkApplication *self = LK_APPLICATION (app);

  if (g_variant_dict_contains (dict, "version"))
    {
      g_print ("Likeness %s (build %s)\n", PACKAGE_VERSION, LK_BUILD_ID);
      return 0;
    }
  self->demo = g_variant_dict_contains (dict, "demo");
  g_variant_dict_lookup (dict, "db", "^ay", &self->db_path);
  return -1;
}

static char *
debug_info (LkStore *store)
{
  return g_strdup_printf ("Likeness %s\nBuild %s\nGTK %u.%u.%u\nlibadwaita %u.%u.%u\n"
                          "OpenCV %s\n%s\nDatabase %s (%s, schema %d)\n",
                          PACKAGE_VERSION, LK_BUILD_ID,
                          gtk_get_major_version (), gtk_get_minor_version (),
                          gtk_get_micro_version (), adw_get_major_version (),
                          adw_get_minor_version (), adw_get_micro_version (),
                          lk_cv_version (), lk_store_engine_version (),
                          store ? lk_store_get_path (store) : "not open",
                          store && lk_store_is_demo (store) ? "demo workspace" : "casework",
                          store ? lk_store_get_schema_version (store) : 0);
}

static void
show_about (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autofree char *info = debug_info (LK_APPLICATION (app)->store);
  g_autofree char *version = g_strdup_printf ("%s (build %s)", PACKAGE_VERSION, LK_BUILD_ID);
  const char *developers[] = { "Likeness contributors", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", "Likeness",
                         "application-icon", APP_ID,
                         "version", version,
                         "developer-name", "Likeness contributors",
                         "developers", developers,
                         "comments", "Manual forensic face examination following ACE-V. "
                                     "Results are investigative leads, never identifications.",
                         "website", "https://github.com/likeness/likeness",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "debug-info", info,
                         "debug-info-filename", "likeness-debug-info.txt",
                         NULL);
}

static void
quit (GSimpleAction *action,
      GVariant      *parameter,
      gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Closing each window lets it end its session in the audit log. */
  while (windows != NULL)
    {
      GList *next = windows->next;
      gtk_window_close (windows->data);
      windows = next;
    }
}

static const GActionEntry app_actions[] = {
  { "about", show_about },
  { "quit", quit },
};

static void
lk_application_startup (GApplication *app)
{
  LkApplication *self = LK_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (lk_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_window_set_default_icon_name (APP_ID);
}

static void
lk_application_finalize (GObject *object)
{
  LkApplication *self = LK_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (lk_application_parent_class)->finalize (object);
}

static void
lk_application_class_init (LkApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = lk_application_finalize;
  app_class->activate = lk_application_activate;
  app_class->startup = lk_application_startup;
  app_class->handle_local_options = lk_application_handle_local_options;
}

static void
lk_application_init (LkApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}
