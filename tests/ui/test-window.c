/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window: sections by role, session lock and unlock, idle lock, log-out. */
#include "config.h"

#include "lk-test-ui.h"
#include "lk-window.h"
#include "store/lk-store-private.h"
#include "governance/lk-policy.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

#define ADMIN_PASSWORD "amber lantern 41"

typedef struct
{
  char      *folder;
  LkStore   *store;
  LkSession *session;
  LkWindow  *window;
} Fixture;

static void
open_window (Fixture    *f,
             const char *user,
             const char *password)
{
  g_autoptr(GError) error = NULL;

  f->session = lk_session_login (f->store, user, password, &error);
  g_assert_no_error (error);
  f->window = lk_window_new (NULL, f->session);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = lk_test_store_new (&f->folder, ADMIN_PASSWORD);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    lk_test_destroy_window (f->window, NULL);
  g_clear_object (&f->session);
  /* No widget kept a session: the database closes. */
  lk_test_unref_finalized (g_steal_pointer (&f->store));
  lk_test_remove_folder (f->folder);
  g_free (f->folder);
}

static gboolean
mapped (gpointer data)
{
  return data != NULL && gtk_widget_get_mapped (data);
}

static GtkWidget *
find_named_row (GtkWidget  *root,
                const char *name)
{
  if (GTK_IS_LIST_BOX_ROW (root) && g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named_row (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A section in the sidebar, by its page name. */
static GtkWidget *
find_row (Fixture    *f,
          const char *name)
{
  return find_named_row (GTK_WIDGET (f->window), name);
}

static void
test_administrator_sees_users (Fixture       *f,
                               gconstpointer  data)
{
  open_window (f, "admin", ADMIN_PASSWORD);
  g_assert_nonnull (find_row (f, "administration"));
  g_assert_true (lk_test_wait (mapped, lk_test_find (GTK_WIDGET (f->window),
                                                     ADW_TYPE_PREFERENCES_ROW, "Ada Admin"),
                               5000));
}

static void
test_examiner_has_no_administration (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) admin = lk_session_login (f->store, "admin", ADMIN_PASSWORD, &error);

  g_assert_no_error (error);
  lk_users_add (admin, "erin", "Erin Examiner", LK_ROLE_EXAMINER, "meadow violin 12", &error);
  g_assert_no_error (error);
  open_window (f, "erin", "meadow violin 12");

  g_assert_null (find_row (f, "administration"));
  g_assert_nonnull (find_row (f, "cases"));
  /* Even the keyboard shortcut does not reach the page: the cases stay on screen. */
  g_assert_true (lk_test_wait (mapped, find_row (f, "cases"), 5000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s",
                                             "administration"));
  g_assert_true (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (find_row (f, "cases"))));
  g_assert_false (gtk_widget_get_mapped (lk_test_find (GTK_WIDGET (f->window),
                                                       ADW_TYPE_BUTTON_CONTENT, "Add User…")));
}

static gboolean
shows_work (gpointer data)
{
  Fixture *f = data;

  return !lk_session_get_locked (f->session) &&
         gtk_widget_get_mapped (find_row (f, "cases"));
}

static gboolean
shows_lock (gpointer data)
{
  Fixture *f = data;
  GtkWidget *button = lk_test_find (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, "Unlock");

  return lk_session_get_locked (f->session) && gtk_widget_get_mapped (button) &&
         !gtk_widget_get_mapped (find_row (f, "cases"));
}

typedef struct
{
  Fixture    *f;
  const char *text;
} Message;

static gboolean
message_shown (gpointer data)
{
  Message *m = data;
  GtkWidget *label = lk_test_find (GTK_WIDGET (m->f->window), GTK_TYPE_LABEL, m->text);

  return label != NULL && gtk_widget_get_visible (label);
}

static void
unlock_with (Fixture    *f,
             const char *password)
{
  lk_test_set_text (GTK_WIDGET (f->window), "Password", password);
  lk_test_click (GTK_WIDGET (f->window), "Unlock");
}

static void
test_lock_and_unlock (Fixture       *f,
                      gconstpointer  data)
{
  Message wrong = { f, "Wrong user name or password" };
  g_autoptr(GError) error = NULL;
  LkActor actor;

  open_window (f, "admin", ADMIN_PASSWORD);
  g_assert_true (lk_test_wait (shows_work, f, 5000));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lock-session", NULL);
  g_assert_true (lk_test_wait (shows_lock, f, 5000));
  /* Locked means locked in the core too, not only on screen. */
  g_assert_false (lk_session_require (f->session, LK_ROLE_ADMINISTRATOR, &actor, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);

  unlock_with (f, "wrong password");
  g_assert_true (lk_test_wait (message_shown, &wrong, 10000));
  g_assert_true (shows_lock (f));

  unlock_with (f, ADMIN_PASSWORD);
  g_assert_true (lk_test_wait (shows_work, f, 10000));
}

static void
test_idle_lock (Fixture       *f,
                gconstpointer  data)
{
  open_window (f, "admin", ADMIN_PASSWORD);
  g_assert_true (lk_test_wait (shows_work, f, 5000));
  g_assert_cmpuint (lk_window_get_idle_seconds (f->window), ==, 15 * 60);
  lk_window_set_idle_seconds (f->window, 1);
  g_assert_true (lk_test_wait (shows_lock, f, 5000));
}

/* The agency's limit caps a user's longer choice. */
static void
test_idle_lock_policy_limit (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) admin = lk_session_login (f->store, "admin", ADMIN_PASSWORD, &error);

  g_assert_no_error (error);
  lk_policy_set (admin, "idle_lock_max_minutes", "5", "Shared terminals in the lab", &error);
  g_assert_no_error (error);
  open_window (f, "admin", ADMIN_PASSWORD);
  g_assert_cmpuint (lk_window_get_idle_seconds (f->window), ==, 5 * 60);
}

static gboolean
finalized (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
on_logged_out (LkWindow   *window,
               const char *reason,
               gboolean   *done)
{
  *done = TRUE;
}

static void
test_log_out_recorded (Fixture       *f,
                       gconstpointer  data)
{
  gboolean done = FALSE;
  gint64 n = 0, broken = 0;
  g_autofree char *reason = NULL;
  g_autoptr(LkStmt) stmt = NULL;

  open_window (f, "admin", ADMIN_PASSWORD);
  g_signal_connect (f->window, "logged-out", G_CALLBACK (on_logged_out), &done);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.log-out", NULL);
  g_assert_true (done);
  g_assert_true (lk_test_wait (finalized, &f->window, 10000));

  stmt = lk_store_stmt (f->store, "SELECT action FROM audit_event ORDER BY seq DESC LIMIT 1", NULL);
  g_assert_true (lk_stmt_next (stmt, NULL));
  g_assert_cmpstr (lk_stmt_text (stmt, 0), ==, "session.logout");
  g_assert_true (lk_audit_verify (f->store, &n, &broken, &reason, NULL));
}

#define ADD(path, func) \
  g_test_add ("/likeness/window/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  lk_test_ui_init (&argc, &argv);
  ADD ("administrator-sees-users", test_administrator_sees_users);
  ADD ("examiner-has-no-administration", test_examiner_has_no_administration);
  ADD ("lock-and-unlock", test_lock_and_unlock);
  ADD ("idle-lock", test_idle_lock);
  ADD ("idle-lock-policy-limit", test_idle_lock_policy_limit);
  ADD ("log-out-recorded", test_log_out_recorded);
  return g_test_run ();
}
