/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Administration > Audit Trail: the newest event's anchor is shown and copied; a check against
 * an anchor written down earlier finds events cut from the end of the log; a signed conclusion
 * edited behind its trigger is named as changed, not passed as intact. */
#include "config.h"

#include <string.h>

#include "demo/lk-demo.h"
#include "lk-audit-page.h"
#include "lk-test-ui.h"
#include "store/lk-store-private.h"
#include "people/lk-session.h"
#include "store/lk-store.h"

#define ADMIN_PASSWORD "amber lantern 41"

typedef struct
{
  char        *folder;
  LkStore     *store;
  LkSession   *admin;
  GtkWidget   *window;
  LkAuditPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = lk_test_store_new (&f->folder, ADMIN_PASSWORD);
  f->admin = lk_session_login (f->store, "admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 700);
  f->page = g_object_new (LK_TYPE_AUDIT_PAGE, NULL);
  adw_window_set_content (ADW_WINDOW (f->window), adw_toast_overlay_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (adw_window_get_content (ADW_WINDOW (f->window))),
                               GTK_WIDGET (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
}

/* The same window and page on a demo workspace, which holds signed conclusions. */
static void
fixture_set_up_demo (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->folder = g_dir_make_tmp ("lk-audit-page-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->folder, "demo.db", NULL);
  f->store = lk_demo_create (path, &error);
  g_assert_no_error (error);
  f->admin = lk_session_login (f->store, "demo-admin", LK_DEMO_PASSWORD, &error);
  g_assert_no_error (error);
  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 700);
  f->page = g_object_new (LK_TYPE_AUDIT_PAGE, NULL);
  adw_window_set_content (ADW_WINDOW (f->window), adw_toast_overlay_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (adw_window_get_content (ADW_WINDOW (f->window))),
                               GTK_WIDGET (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lk_test_destroy_window (f->window, f->page, NULL);
  g_clear_object (&f->admin);
  /* No widget kept a session: the database closes. */
  lk_test_unref_finalized (g_steal_pointer (&f->store));
  lk_test_remove_folder (f->folder);
  g_free (f->folder);
}

static gboolean
head_read (gpointer data)
{
  return lk_audit_page_get_head (data) != NULL;
}

typedef struct
{
  Fixture    *f;
  const char *title;
} RowWait;

static gboolean
row_shown (gpointer data)
{
  RowWait *wait = data;

  return lk_test_find (GTK_WIDGET (wait->f->page), ADW_TYPE_ACTION_ROW, wait->title) != NULL;
}

static void
verify_and_wait (Fixture    *f,
                 const char *title)
{
  RowWait wait = { f, title };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "audit.verify", NULL));
  g_assert_true (lk_test_wait (row_shown, &wait, 10000));
}

static gint64
count_events (Fixture *f)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (f->store, "SELECT count(*) FROM audit_event", NULL);

  g_assert_true (lk_stmt_next (stmt, NULL));
  return lk_stmt_int64 (stmt, 0);
}

static void
test_anchor (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *anchor = NULL;
  g_autofree char *holds = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *sql = NULL;
  gint64 seq;

  lk_audit_page_set_session (f->page, f->admin);
  g_assert_true (lk_test_wait (head_read, f->page, 10000));
  anchor = g_strdup (lk_audit_page_get_head (f->page));
  seq = g_ascii_strtoll (anchor, NULL, 10);
  g_assert_cmpint (seq, ==, count_events (f));
  g_assert_cmpuint (strlen (strchr (anchor, ':') + 1), ==, 64);

  /* Written down, then checked: it holds. */
  lk_test_set_text (GTK_WIDGET (f->page), "Anchor written down earlier (checked by Verify Chain)",
                    anchor);
  holds = g_strdup_printf ("Chain intact: %" G_GINT64_FORMAT " events, anchor %" G_GINT64_FORMAT
                           " holds", seq, seq);
  verify_and_wait (f, holds);
  /* The check moved the head on: it is on record itself. */
  g_assert_cmpint (g_ascii_strtoll (lk_audit_page_get_head (f->page), NULL, 10), ==, seq + 1);

  /* The anchor's event and the ones after it cut away: the rest still chains, the anchor does
   * not hold. */
  g_assert_true (lk_store_exec (f->store, "DROP TRIGGER audit_event_no_delete", NULL));
  sql = g_strdup_printf ("DELETE FROM audit_event WHERE seq >= %" G_GINT64_FORMAT, seq);
  g_assert_true (lk_store_exec (f->store, sql, NULL));
  broken = g_strdup_printf ("Anchor %" G_GINT64_FORMAT " does not hold", seq);
  verify_and_wait (f, broken);
}

/* A mistyped anchor is marked on its row; nothing is checked and no alarm is raised. */
static void
test_mistyped_anchor (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *row;

  lk_audit_page_set_session (f->page, f->admin);
  g_assert_true (lk_test_wait (head_read, f->page, 10000));
  lk_test_set_text (GTK_WIDGET (f->page), "Anchor written down earlier (checked by Verify Chain)",
                    "5:xyz");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "audit.verify", NULL));
  row = lk_test_find (GTK_WIDGET (f->page), ADW_TYPE_ENTRY_ROW,
                      "Anchor written down earlier (checked by Verify Chain)");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_null (lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (lk_test_find (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW,
                                  "Chain not checked yet"));
}

/* Runs @update with @trigger dropped, then puts the trigger back, as someone editing the
 * database file would. */
static void
edit_behind_trigger (Fixture    *f,
                     const char *trigger,
                     const char *update)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (f->store, "SELECT sql FROM sqlite_master WHERE name = ?",
                                          NULL);
  g_autofree char *create = NULL;
  g_autofree char *drop = g_strdup_printf ("DROP TRIGGER %s", trigger);

  lk_stmt_bind_text (stmt, 1, trigger);
  g_assert_true (lk_stmt_next (stmt, NULL));
  create = lk_stmt_dup_text (stmt, 0);
  g_assert_nonnull (create);
  g_assert_true (lk_store_exec (f->store, drop, NULL));
  g_assert_true (lk_store_exec (f->store, update, NULL));
  g_assert_true (lk_store_exec (f->store, create, NULL));
}

static void
test_changed_record (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *intact = NULL;
  GtkWidget *row;

  lk_audit_page_set_session (f->page, f->admin);
  g_assert_true (lk_test_wait (head_read, f->page, 10000));
  intact = g_strdup_printf ("Chain intact: %" G_GINT64_FORMAT " events", count_events (f));
  verify_and_wait (f, intact);
  edit_behind_trigger (f, "conclusions_no_update",
                       "UPDATE conclusions SET level_label = 'Strong', reasoning = 'Rewritten'"
                       " WHERE id = (SELECT min (id) FROM conclusions)");
  verify_and_wait (f, "1 signed record changed after signing");
  row = lk_test_find (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW,
                      "1 signed record changed after signing");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "The chain holds, but 1 signed record no longer matches"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "conclusion "));
  g_assert_null (lk_test_find (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW, intact));
}

int
main (int    argc,
      char **argv)
{
  lk_test_ui_init (&argc, &argv);
  g_test_add ("/likeness/audit-page/anchor", Fixture, NULL, fixture_set_up, test_anchor,
              fixture_tear_down);
  g_test_add ("/likeness/audit-page/mistyped-anchor", Fixture, NULL, fixture_set_up,
              test_mistyped_anchor, fixture_tear_down);
  g_test_add ("/likeness/audit-page/changed-record", Fixture, NULL, fixture_set_up_demo,
              test_changed_record, fixture_tear_down);
  return g_test_run ();
}
