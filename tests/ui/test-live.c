/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Live updates: a change made through the core by another workstation (a second store on the
 * same database, as another process would have) shows in the main window within a second, with
 * the user's search, focused row and open page kept; the Verification badge counts what waits
 * for the reviewer; a lost and restored connection is said. On the demo workspace, an SQLite
 * file: the second store's commits reach the window through PRAGMA data_version and the change
 * marks. Every wait is for a condition, never a fixed time. */
#include "config.h"

#include <string.h>

#include "lk-test-ui.h"
#include "lk-verification-view.h"
#include "lk-verifications-page.h"
#include "lk-window.h"
#include "demo/lk-demo.h"
#include "people/lk-session.h"
#include "store/lk-store.h"
#include "verification/lk-verifications.h"

/* The demo's verification assigned to demo-reviewer and not opened yet. */
#define WAITING 3
#define WAITING_TITLE "DEMO-2026-004 · candidate DEMO-SUBJ-1092"
/* A change must be on screen this soon after it was committed elsewhere. */
#define WITHIN_MS 1000

typedef struct
{
  char      *folder;
  char      *path;
  LkStore   *store;     /* the window's */
  LkStore   *elsewhere; /* another workstation's */
  LkSession *session;
  LkWindow  *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->folder = g_dir_make_tmp ("likeness-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->folder, "demo.db", NULL);
  f->store = lk_demo_open (f->path, &error);
  g_assert_no_error (error);
  f->elsewhere = lk_store_open (f->path, LK_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    lk_test_destroy_window (f->window, NULL);
  g_clear_object (&f->session);
  lk_test_unref_finalized (g_steal_pointer (&f->elsewhere));
  lk_test_unref_finalized (g_steal_pointer (&f->store));
  lk_test_remove_folder (f->folder);
  g_free (f->path);
  g_free (f->folder);
}

static void
open_window (Fixture    *f,
             const char *user)
{
  g_autoptr(GError) error = NULL;

  f->session = lk_session_login (f->store, user, LK_DEMO_PASSWORD, &error);
  g_assert_no_error (error);
  f->window = lk_window_new (NULL, f->session);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 800);
  gtk_window_present (GTK_WINDOW (f->window));
}

static LkSession *
log_in_elsewhere (Fixture    *f,
                  const char *user)
{
  g_autoptr(GError) error = NULL;
  LkSession *session = lk_session_login (f->elsewhere, user, LK_DEMO_PASSWORD, &error);

  g_assert_no_error (error);
  return session;
}

typedef struct
{
  GtkWidget  *root;
  const char *title;
} RowWanted;

static gboolean
row_shown (gpointer data)
{
  RowWanted *wanted = data;
  GtkWidget *row = lk_test_find (wanted->root, ADW_TYPE_PREFERENCES_ROW, wanted->title);

  return row != NULL && gtk_widget_get_mapped (row);
}

static gboolean
mapped (gpointer data)
{
  return data != NULL && gtk_widget_get_mapped (data);
}

/* Waits for @title's row under @root and returns how long it took, in milliseconds; fails when
 * it is not there within WITHIN_MS of @since. */
static double
assert_row_arrives (GtkWidget  *root,
                    const char *title,
                    gint64      since)
{
  RowWanted wanted = { root, title };
  double ms;

  g_assert_true (lk_test_wait (row_shown, &wanted, WITHIN_MS));
  ms = (g_get_monotonic_time () - since) / 1000.0;
  g_test_message ("\"%s\" shown %.0f ms after the change elsewhere", title, ms);
  g_assert_cmpfloat (ms, <=, WITHIN_MS);
  return ms;
}

static gboolean
has_focus (gpointer data)
{
  return gtk_widget_has_focus (data);
}

/* A case created at another workstation appears in the list; the search and the focused row
 * stay as the user left them. */
static void
test_case_list (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LkSession) examiner = NULL;
  g_autoptr(LkCase) created = NULL;
  g_autoptr(GError) error = NULL;
  LkCaseRequest request = { "DEMO-2026-LIVE", "Live update of the case list", "ROB",
                            "Demo basis", "Demo purpose", "Demo authority", "Demo unit", NULL };
  GtkWidget *search, *focused, *root, *now, *focus;
  g_autofree char *was = NULL;
  gint64 start;

  open_window (f, "demo-examiner");
  root = GTK_WIDGET (f->window);
  search = lk_test_find_type (root, GTK_TYPE_SEARCH_ENTRY);
  g_assert_true (lk_test_wait (mapped, search, 5000));
  gtk_editable_set_text (GTK_EDITABLE (search), "DEMO-2026");
  focused = lk_test_find (root, ADW_TYPE_PREFERENCES_ROW, "DEMO-2026-001 · Robbery, Station Road");
  if (focused == NULL)
    {
      /* Whichever case comes first: its title as the list shows it. */
      GtkWidget *list = gtk_widget_get_ancestor (lk_test_find_type (root, ADW_TYPE_ACTION_ROW),
                                                 GTK_TYPE_LIST_BOX);

      focused = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
    }
  g_assert_true (lk_test_wait (mapped, focused, 5000));
  gtk_widget_grab_focus (focused);
  g_assert_true (lk_test_wait (has_focus, focused, 2000));
  /* The row itself is made again by the refresh: its case is what stays. */
  was = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (focused)));

  examiner = log_in_elsewhere (f, "demo-examiner");
  start = g_get_monotonic_time ();
  created = lk_cases_create (examiner, &request, &error);
  g_assert_no_error (error);
  assert_row_arrives (root, "DEMO-2026-LIVE · Live update of the case list", start);

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "DEMO-2026");
  now = lk_test_find (root, ADW_TYPE_PREFERENCES_ROW, was);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (now);
  g_assert_true (focus == now || (focus != NULL && gtk_widget_is_ancestor (focus, now)));
}

static gboolean
badge_reads (gpointer data)
{
  GtkWidget *row = data;
  GtkWidget *badge = lk_test_find (row, GTK_TYPE_LABEL, "1");

  return badge != NULL && gtk_widget_get_mapped (badge) &&
         gtk_widget_has_css_class (badge, "lk-badge");
}

static GtkWidget *
sidebar_row (GtkWidget  *root,
             const char *name)
{
  if (GTK_IS_LIST_BOX_ROW (root) && g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = sidebar_row (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* An administrator elsewhere assigns the waiting verification to demo-reviewer2: it appears in
 * their queue and the Verification row counts it. */
static void
test_verification_badge (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LkSession) admin = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row, *root;
  LkVerificationsPage *page;
  gint64 start;

  open_window (f, "demo-reviewer2");
  root = GTK_WIDGET (f->window);
  gtk_widget_activate_action (root, "win.show-page", "s", "verification");
  row = sidebar_row (root, "verification");
  g_assert_nonnull (row);
  page = LK_VERIFICATIONS_PAGE (lk_test_find_type (root, LK_TYPE_VERIFICATIONS_PAGE));
  g_assert_true (lk_test_wait (mapped, page, 5000));
  g_assert_cmpuint (lk_verifications_page_get_n_waiting (page), ==, 0);
  g_assert_false (badge_reads (row));

  admin = log_in_elsewhere (f, "demo-admin");
  start = g_get_monotonic_time ();
  g_assert_true (lk_verifications_assign (admin, WAITING, "demo-reviewer2", &error));
  g_assert_no_error (error);
  assert_row_arrives (GTK_WIDGET (page), WAITING_TITLE, start);
  g_assert_true (lk_test_wait (badge_reads, row, WITHIN_MS));
  g_assert_cmpuint (lk_verifications_page_get_n_waiting (page), ==, 1);
}

typedef struct
{
  GtkWidget  *root;
  const char *part;
} TextWanted;

static gboolean
label_contains (GtkWidget  *root,
                const char *part)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), part) != NULL)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    if (label_contains (c, part))
      return TRUE;
  return FALSE;
}

static gboolean
text_shown (gpointer data)
{
  TextWanted *wanted = data;

  return label_contains (wanted->root, wanted->part);
}

/* The examiner has their submitted verification open; a reassignment elsewhere shows in it
 * without leaving the page. */
static void
test_verification_view (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LkSession) admin = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkVerification) before = NULL;
  LkVerificationsPage *page;
  GtkWidget *view, *root;
  TextWanted wanted;
  gint64 start;

  open_window (f, "demo-examiner");
  root = GTK_WIDGET (f->window);
  gtk_widget_activate_action (root, "win.show-page", "s", "verification");
  page = LK_VERIFICATIONS_PAGE (lk_test_find_type (root, LK_TYPE_VERIFICATIONS_PAGE));
  g_assert_true (lk_test_wait (mapped, page, 5000));
  lk_verifications_page_open (page, WAITING);
  view = lk_verifications_page_get_view (page);
  g_assert_true (LK_IS_VERIFICATION_VIEW (view));
  g_assert_true (lk_test_wait (mapped, view, 5000));
  wanted = (TextWanted) { view, "demo-reviewer2" };
  g_assert_false (text_shown (&wanted));

  admin = log_in_elsewhere (f, "demo-admin");
  start = g_get_monotonic_time ();
  g_assert_true (lk_verifications_assign (admin, WAITING, "demo-reviewer2", &error));
  g_assert_no_error (error);
  g_assert_true (lk_test_wait (text_shown, &wanted, WITHIN_MS));
  g_test_message ("the reassignment shown %.0f ms after it was made",
                  (g_get_monotonic_time () - start) / 1000.0);
  /* Still on the same verification. */
  g_assert_true (lk_verifications_page_get_view (page) == view);
}

/* A lost connection is said until it is back, and its return is said too. */
static void
test_connection (Fixture       *f,
                 gconstpointer  data)
{
  TextWanted lost, back;

  open_window (f, "demo-examiner");
  lost = (TextWanted) { GTK_WIDGET (f->window), "connection to the database server was lost" };
  back = (TextWanted) { GTK_WIDGET (f->window), "Connected to the database server again" };
  g_assert_true (lk_test_wait (mapped, f->window, 5000));
  /* What the server backend emits when its listening connection breaks and comes back. */
  g_signal_emit_by_name (f->store, "changed", "connection-lost");
  g_assert_true (lk_test_wait (text_shown, &lost, WITHIN_MS));
  g_signal_emit_by_name (f->store, "changed", "connection");
  g_assert_true (lk_test_wait (text_shown, &back, WITHIN_MS));
}

int
main (int   argc,
      char *argv[])
{
  lk_test_ui_init (&argc, &argv);

  g_test_add ("/likeness/live/case-list", Fixture, NULL, fixture_set_up, test_case_list,
              fixture_tear_down);
  g_test_add ("/likeness/live/verification-badge", Fixture, NULL, fixture_set_up,
              test_verification_badge, fixture_tear_down);
  g_test_add ("/likeness/live/verification-view", Fixture, NULL, fixture_set_up,
              test_verification_view, fixture_tear_down);
  g_test_add ("/likeness/live/connection", Fixture, NULL, fixture_set_up, test_connection,
              fixture_tear_down);
  return g_test_run ();
}
