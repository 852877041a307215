/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences, opened from the main window: the idle lock is chosen within the agency's limit
 * and the window follows the choice; the own password is changed only with the current one and
 * a matching, long enough new one; where the data lives is shown. */
#include "config.h"

#include "lk-preferences-window.h"
#include "lk-test-ui.h"
#include "lk-window.h"

#define ADMIN_PASSWORD "amber lantern 41"
#define NEW_PASSWORD "a new password 2"

typedef struct
{
  char      *folder;
  LkStore   *store;
  LkSession *session;
  LkWindow  *window;
  GSettings *settings;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = lk_test_store_new (&f->folder, ADMIN_PASSWORD);
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "idle-lock-minutes");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *prefs;

  while ((prefs = lk_test_find_window (LK_TYPE_PREFERENCES_WINDOW)) != NULL)
    lk_test_destroy_window (prefs, NULL);
  if (f->window != NULL)
    lk_test_destroy_window (f->window, NULL);
  g_clear_object (&f->settings);
  g_clear_object (&f->session);
  /* No widget kept a session: the database closes. */
  lk_test_unref_finalized (g_steal_pointer (&f->store));
  lk_test_remove_folder (f->folder);
  g_free (f->folder);
}

static void
set_idle_limit (Fixture    *f,
                const char *minutes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) admin = lk_session_login (f->store, "admin", ADMIN_PASSWORD, &error);

  g_assert_no_error (error);
  g_assert_true (lk_policy_set (admin, "idle_lock_max_minutes", minutes,
                                "Shared terminals in the lab", &error));
  g_assert_no_error (error);
}

/* The main window, and the preferences from its own action. */
static GtkWidget *
open_preferences (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *prefs;

  f->session = lk_session_login (f->store, "admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  f->window = lk_window_new (NULL, f->session);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  prefs = lk_test_find_window (LK_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (prefs)) == GTK_WINDOW (f->window));
  return prefs;
}

static AdwActionRow *
row (GtkWidget  *prefs,
     const char *title)
{
  GtkWidget *found = lk_test_find (prefs, ADW_TYPE_ACTION_ROW, title);

  g_assert_nonnull (found);
  return ADW_ACTION_ROW (found);
}

static GtkSpinButton *
idle_spin (GtkWidget *prefs)
{
  return GTK_SPIN_BUTTON (lk_test_find_type (GTK_WIDGET (row (prefs, "Lock after inactivity")),
                                             GTK_TYPE_SPIN_BUTTON));
}

/* Without an agency limit: any choice up to 30 minutes is kept, and the window locks after it. */
static void
test_idle_lock_choice (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *prefs = open_preferences (f);
  GtkSpinButton *spin = idle_spin (prefs);

  g_assert_cmpstr (adw_action_row_get_subtitle (row (prefs, "Lock after inactivity")), ==,
                   "Minutes without keyboard or pointer input before the session locks (at "
                   "most 30)");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 15);
  g_assert_cmpuint (lk_window_get_idle_seconds (f->window), ==, 15 * 60);

  gtk_spin_button_set_value (spin, 25);
  g_assert_cmpint (g_settings_get_int (f->settings, "idle-lock-minutes"), ==, 25);
  g_assert_cmpuint (lk_window_get_idle_seconds (f->window), ==, 25 * 60);

  /* Beyond the top of the range the spin button stops at it. */
  gtk_spin_button_set_value (spin, 45);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 30);
  g_assert_cmpint (g_settings_get_int (f->settings, "idle-lock-minutes"), ==, 30);
  g_assert_cmpuint (lk_window_get_idle_seconds (f->window), ==, 30 * 60);
}

/* An agency limit of 5 minutes: the row says so and shows the 5 minutes that apply, the user's
 * longer choice is kept for when the policy allows it, the choice stops at 5, and a shorter one
 * is still the user's. */
static void
test_idle_lock_policy_cap (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *prefs;
  GtkSpinButton *spin;

  set_idle_limit (f, "5");
  prefs = open_preferences (f);
  spin = idle_spin (prefs);
  g_assert_cmpstr (adw_action_row_get_subtitle (row (prefs, "Lock after inactivity")), ==,
                   "Minutes without keyboard or pointer input before the session locks (at "
                   "most 5, set by agency policy)");
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (spin)), ==, 5);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 5);
  g_assert_cmpint (g_settings_get_int (f->settings, "idle-lock-minutes"), ==, 15);
  g_assert_cmpuint (lk_window_get_idle_seconds (f->window), ==, 5 * 60);

  gtk_spin_button_set_value (spin, 20);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 5);
  g_assert_cmpuint (lk_window_get_idle_seconds (f->window), ==, 5 * 60);

  gtk_spin_button_set_value (spin, 3);
  g_assert_cmpint (g_settings_get_int (f->settings, "idle-lock-minutes"), ==, 3);
  g_assert_cmpuint (lk_window_get_idle_seconds (f->window), ==, 3 * 60);
}

static void
fill_passwords (GtkWidget  *prefs,
                const char *current,
                const char *new_password,
                const char *confirm)
{
  lk_test_set_text (prefs, "Current password", current);
  lk_test_set_text (prefs, "New password", new_password);
  lk_test_set_text (prefs, "Confirm new password", confirm);
  lk_test_click (prefs, "Change Password");
}

typedef struct
{
  GtkWidget  *prefs;
  const char *title;
} Status;

static gboolean
status_is (gpointer data)
{
  Status *s = data;

  return lk_test_find (s->prefs, ADW_TYPE_ACTION_ROW, s->title) != NULL &&
         gtk_widget_get_sensitive (lk_test_find (s->prefs, GTK_TYPE_BUTTON, "Change Password"));
}

static gboolean
logs_in_with (Fixture    *f,
              const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) session = lk_session_login (f->store, "admin", password, &error);

  return session != NULL;
}

/* The status row answers each attempt; only the last one changes the password. */
static void
test_change_password (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *prefs = open_preferences (f);
  Status differ = { prefs, "The two new passwords differ" };
  Status wrong = { prefs, "Wrong user name or password" };
  Status too_short = { prefs, "The password must be at least 8 characters long" };
  Status changed = { prefs, "Password changed" };

  g_assert_nonnull (row (prefs, "Passwords need at least 8 characters"));

  fill_passwords (prefs, ADMIN_PASSWORD, NEW_PASSWORD, "a new password 3");
  g_assert_true (lk_test_wait (status_is, &differ, 5000));

  fill_passwords (prefs, "not my password", NEW_PASSWORD, NEW_PASSWORD);
  g_assert_true (lk_test_wait (status_is, &wrong, 10000));

  fill_passwords (prefs, ADMIN_PASSWORD, "short", "short");
  g_assert_true (lk_test_wait (status_is, &too_short, 10000));
  g_assert_true (logs_in_with (f, ADMIN_PASSWORD));

  fill_passwords (prefs, ADMIN_PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
  g_assert_true (lk_test_wait (status_is, &changed, 10000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lk_test_find (
                     prefs, ADW_TYPE_PREFERENCES_ROW, "Current password"))), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lk_test_find (
                     prefs, ADW_TYPE_PREFERENCES_ROW, "New password"))), ==, "");
  g_assert_true (logs_in_with (f, NEW_PASSWORD));
  g_assert_false (logs_in_with (f, ADMIN_PASSWORD));
}

/* The database's place and kind, for whoever has to find or back it up. */
static void
test_database_shown (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *prefs = open_preferences (f);

  g_assert_cmpstr (adw_action_row_get_subtitle (row (prefs, "Location")), ==,
                   lk_store_get_path (f->store));
  g_assert_cmpstr (adw_action_row_get_subtitle (row (prefs, "Workspace")), ==, "Casework");
}

#define ADD(path, func) \
  g_test_add ("/likeness/preferences/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  lk_test_ui_init (&argc, &argv);
  ADD ("idle-lock-choice", test_idle_lock_choice);
  ADD ("idle-lock-policy-cap", test_idle_lock_policy_cap);
  ADD ("change-password", test_change_password);
  ADD ("database-shown", test_database_shown);
  return g_test_run ();
}
