/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Administration > Audit Events (every event, filtered, with its details and chain hashes,
 * read a page at a time), Administration > Retention (counts and sizes, the periods, a
 * preview that changes nothing, a purge only after its confirmation) and Administration >
 * Statistics (a chart per measure, the period chooser, CSV and PDF exports). */
#include "config.h"

#include <string.h>

#include "lk-assessment-page.h"
#include "lk-audit-events-view.h"
#include "lk-retention-page.h"
#include "lk-stats-page.h"
#include "lk-test-ui.h"

#define ADMIN_PASSWORD "amber lantern 41"

typedef struct
{
  char      *folder;
  LkStore   *store;
  LkSession *admin;
  GtkWidget *window;
  GtkWidget *page;
  gint64     expected; /* events a wait expects */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GType type = GPOINTER_TO_SIZE (data);

  f->store = lk_test_store_new (&f->folder, ADMIN_PASSWORD);
  f->admin = lk_session_login (f->store, "admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  f->page = g_object_new (type, NULL);
  adw_window_set_content (ADW_WINDOW (f->window), adw_toast_overlay_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (adw_window_get_content (ADW_WINDOW (f->window))),
                               f->page);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lk_test_destroy_window (f->window, f->page, NULL);
  g_clear_object (&f->admin);
  lk_test_unref_finalized (g_steal_pointer (&f->store));
  lk_test_remove_folder (f->folder);
  g_free (f->folder);
}

typedef struct
{
  LkAuditEventsView *view;
  LkAuditEventList  *before;
} EventsWait;

static gboolean
events_changed (gpointer data)
{
  EventsWait *wait = data;
  LkAuditEventList *now = lk_audit_events_view_get_events (wait->view);

  return now != NULL && now != wait->before;
}

static LkAuditEventList *
apply_and_wait (LkAuditEventsView *view)
{
  EventsWait wait = { view, lk_audit_events_view_get_events (view) };

  g_assert_true (lk_test_wait (events_changed, &wait, 10000));
  return lk_audit_events_view_get_events (view);
}

static void
test_events (Fixture       *f,
             gconstpointer  data)
{
  LkAuditEventsView *view = LK_AUDIT_EVENTS_VIEW (f->page);
  g_autoptr(GError) error = NULL;
  LkAuditEventList *events;
  LkActor actor = { "ann", "examiner" };
  gint64 total;

  for (int i = 0; i < 700; i++)
    g_assert_true (lk_audit_record (f->store, &actor, "test.viewed", "probe:9", NULL, &error));
  lk_audit_events_view_set_session (view, f->admin);
  g_assert_true (gtk_widget_activate_action (f->page, "events.apply", NULL));
  events = apply_and_wait (view);
  total = lk_test_sql_int64 (f->store, "SELECT count (*) FROM audit_event");
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (events)), ==, total);
  g_assert_true (lk_test_wait_shown_containing (f->page, " events: every event", 2000));
  /* Only the rows on screen were read: a page or two, not the whole log. */
  lk_test_spin (200);
  g_assert_cmpuint (lk_audit_event_list_pages_read (events), <=, 2);

  lk_audit_events_view_select (view, 0);
  g_assert_true (lk_test_wait_shown_containing (f->page, "Event 1 at", 10000));
  g_assert_nonnull (strstr (lk_audit_events_view_get_details (view),
                            "Previous event's hash: 0000000000"));

  /* A case's own events, as the case page's button asks for them. */
  lk_audit_events_view_show_case (view, "2026-9999");
  events = apply_and_wait (view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (events)), ==, 0);
  g_assert_true (lk_test_wait_shown (f->page, "0 events: case 2026-9999", 2000));
  g_assert_true (gtk_widget_is_sensitive (lk_test_find_type (f->page, GTK_TYPE_MENU_BUTTON)));
}

static gboolean
report_of (gpointer data)
{
  const LkRetentionReport *report = lk_retention_page_get_report (data);
  gboolean *dry_run = g_object_get_data (data, "want-dry-run");

  return report != NULL && report->dry_run == *dry_run;
}

static void
wait_report (LkRetentionPage *page,
             gboolean         dry_run)
{
  g_object_set_data (G_OBJECT (page), "want-dry-run", &dry_run);
  g_assert_true (lk_test_wait (report_of, page, 10000));
}

static gboolean
dialog_shown (gpointer data)
{
  return lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
test_retention (Fixture       *f,
                gconstpointer  data)
{
  LkRetentionPage *page = LK_RETENTION_PAGE (f->page);
  GtkWidget *dialog;
  gint64 runs;

  lk_retention_page_set_session (page, f->admin);
  g_assert_nonnull (lk_test_find (f->page, ADW_TYPE_ACTION_ROW, "Templates"));
  g_assert_nonnull (lk_test_find (f->page, ADW_TYPE_ACTION_ROW, "Unidentified probes"));
  g_assert_true (lk_test_wait_shown (f->page, "365 days", 1000));
  g_assert_true (lk_test_wait_shown (f->page, "Kept without limit", 1000));

  g_assert_true (gtk_widget_activate_action (f->page, "retention.preview", NULL));
  wait_report (page, TRUE);
  g_assert_cmpint (lk_test_sql_int64 (f->store, "SELECT count (*) FROM retention_runs"), ==, 0);

  /* The purge asks first; cancelling runs nothing. */
  g_assert_true (gtk_widget_activate_action (f->page, "retention.purge", NULL));
  g_assert_true (lk_test_wait (dialog_shown, NULL, 5000));
  dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  lk_test_click (dialog, "Cancel");
  g_assert_true (lk_test_wait_closed (ADW_TYPE_MESSAGE_DIALOG, 5000));
  lk_test_spin (100);
  g_assert_cmpint (lk_test_sql_int64 (f->store, "SELECT count (*) FROM retention_runs"), ==, 0);

  g_assert_true (gtk_widget_activate_action (f->page, "retention.purge", NULL));
  g_assert_true (lk_test_wait (dialog_shown, NULL, 5000));
  dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  lk_test_click (dialog, "Purge");
  wait_report (page, FALSE);
  runs = lk_test_sql_int64 (f->store, "SELECT count (*) FROM retention_runs");
  g_assert_cmpint (runs, ==, 1);
  g_assert_true (lk_test_wait_shown_containing (f->page, "1 runs, the last on", 2000));
}

static gboolean
assessment_shown (gpointer data)
{
  return lk_assessment_page_get_assessment (data) != NULL;
}

static void
test_assessment (Fixture       *f,
                 gconstpointer  data)
{
  LkAssessmentPage *page = LK_ASSESSMENT_PAGE (f->page);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAssessment) saved = NULL;

  lk_assessment_page_set_session (page, f->admin);
  g_assert_true (lk_test_wait (assessment_shown, page, 20000));
  g_assert_nonnull (lk_test_find (f->page, GTK_TYPE_LABEL, "9. Transparency"));
  g_assert_true (lk_test_wait_shown_containing (f->page, "Likeness proposes No: No retention run",
                                                2000));
  lk_assessment_page_set_answer (page, "6.3", LK_ANSWER_PARTLY, "First purge planned for May");
  g_assert_true (gtk_widget_activate_action (f->page, "assessment.save", NULL));
  saved = lk_assessment_load (f->admin, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_assessment_find (saved, "6.3")->answer, ==, LK_ANSWER_PARTLY);
  g_assert_cmpstr (lk_assessment_find (saved, "6.3")->comment, ==, "First purge planned for May");
  g_assert_cmpint (lk_assessment_find (saved, "6.3")->proposed, ==, LK_ANSWER_NO);
}

typedef struct
{
  LkStatsPage *page;
  GPtrArray   *before;
} StatsWait;

static gboolean
stats_changed (gpointer data)
{
  StatsWait *wait = data;
  GPtrArray *now = lk_stats_page_get_stats (wait->page);

  return now != NULL && now != wait->before;
}

static gboolean
exported (gpointer data)
{
  Fixture *f = data;

  return lk_test_sql_int64 (f->store, "SELECT count (*) FROM audit_event"
                            " WHERE action = 'stats.exported'") == f->expected;
}

static void
open_two_cases (Fixture *f)
{
  static const char * const numbers[] = { "2026-0701", "2026-0702" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      LkCaseRequest request = {
        numbers[i], "Assault outside a club", "ASL", "Criminal Procedure Act, section 55",
        "The offender's face is visible on a witness's phone", "Chief Inspector Ward",
        "Assault Team", NULL,
      };
      g_autoptr(LkCase) opened = lk_cases_create (f->admin, &request, &error);

      g_assert_no_error (error);
    }
}

static void
test_stats (Fixture       *f,
            gconstpointer  data)
{
  LkStatsPage *page = LK_STATS_PAGE (f->page);
  StatsWait wait = { page, NULL };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *year = g_date_time_format (now, "%Y");
  g_autofree char *month = g_date_time_format (now, "%Y-%m");
  g_autofree char *from = g_strdup_printf ("%s-01-01", year);
  g_autofree char *to = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *csv = g_build_filename (f->folder, "stats.csv", NULL);
  g_autofree char *pdf = g_build_filename (f->folder, "stats.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *by_year = g_strdup_printf ("%s: ASL 2", year);
  const char *description;

  open_two_cases (f);
  /* shown: the figures are computed in a worker thread */
  lk_stats_page_set_session (page, f->admin);
  g_assert_true (lk_test_wait (stats_changed, &wait, 20000));
  g_assert_false (gtk_widget_get_visible (lk_test_find (f->page, ADW_TYPE_ACTION_ROW,
                                                        "Demo Workspace")));
  description = lk_stats_chart_get_description (lk_stats_page_get_chart (page, "cases-opened"));
  g_assert_nonnull (strstr (description, month));
  g_assert_nonnull (strstr (description, "ASL 2"));
  g_assert_nonnull (lk_test_find (f->page, GTK_TYPE_LABEL,
                                  "Median turnaround in days, by stage"));

  /* by year: one period */
  wait.before = lk_stats_page_get_stats (page);
  lk_stats_page_show_span (page, from, to, LK_STATS_YEAR);
  g_assert_true (lk_test_wait (stats_changed, &wait, 20000));
  description = lk_stats_chart_get_description (lk_stats_page_get_chart (page, "cases-opened"));
  g_assert_cmpstr (description, ==, by_year);
  g_assert_true (lk_test_wait_shown_containing (f->page, ", by year", 2000));

  /* a date that is no date says why, and keeps the figures shown */
  wait.before = lk_stats_page_get_stats (page);
  lk_stats_page_show_span (page, "2026-13-01", to, LK_STATS_MONTH);
  g_assert_true (lk_test_wait_shown (f->page, "Cannot Compute the Figures", 10000));
  g_assert_true (lk_test_wait_shown_containing (f->page, "YYYY-MM-DD", 2000));

  /* the exports, in a worker thread, audited */
  lk_stats_page_show_span (page, from, to, LK_STATS_QUARTER);
  g_assert_true (lk_test_wait (stats_changed, &wait, 20000));
  lk_stats_page_export_to (page, LK_STATS_FORMAT_CSV, csv);
  f->expected = 1;
  g_assert_true (lk_test_wait (exported, f, 10000));
  lk_stats_page_export_to (page, LK_STATS_FORMAT_PDF, pdf);
  f->expected = 2;
  g_assert_true (lk_test_wait (exported, f, 20000));
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, ",cases-opened,ASL,2\n"));
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (pdf, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
}

/* ---- the events read off the main loop ----------------------------------------------------- */

static gboolean
entry_loaded (gpointer data)
{
  return lk_audit_entry_get_loaded (data);
}

static gboolean
list_idle (gpointer data)
{
  return !lk_audit_event_list_get_loading (data);
}

static GtkEntry *
filter_entry (GtkWidget  *root,
              const char *placeholder)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkEntry *found;

      if (GTK_IS_ENTRY (child) &&
          g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (child)), placeholder) == 0)
        return GTK_ENTRY (child);
      if ((found = filter_entry (child, placeholder)) != NULL)
        return found;
    }
  return NULL;
}

static void
set_filter (Fixture    *f,
            const char *placeholder,
            const char *text)
{
  GtkEntry *entry = filter_entry (f->page, placeholder);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static guint
selected_position (Fixture *f)
{
  GtkColumnView *columns = GTK_COLUMN_VIEW (lk_test_find_type (f->page, GTK_TYPE_COLUMN_VIEW));

  return gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model
                                                                  (columns)));
}

/* A row whose page is not read yet comes back at once with its number only and is filled in
 * place by a worker: the selection stays on it. A new filter that still holds the selected
 * event selects it again; a filter applied while another is read replaces it. */
static void
test_events_background (Fixture       *f,
                        gconstpointer  data)
{
  LkAuditEventsView *view = LK_AUDIT_EVENTS_VIEW (f->page);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAuditEntry) far = NULL;
  g_autofree char *shown = NULL;
  LkAuditEventList *events, *before;
  LkActor actor = { "ann", "examiner" };
  guint far_position, pages;
  gint64 seq;

  for (int i = 0; i < 900; i++)
    g_assert_true (lk_audit_record (f->store, &actor, i % 2 ? "test.viewed" : "test.copied",
                                    "probe:9", NULL, &error));
  lk_audit_events_view_set_session (view, f->admin);
  g_assert_true (gtk_widget_activate_action (f->page, "events.apply", NULL));
  events = apply_and_wait (view);
  g_assert_true (lk_test_wait (list_idle, events, 10000));
  pages = lk_audit_event_list_pages_read (events);

  /* a row three pages down: its number at once, the rest from a worker */
  far_position = 3 * LK_AUDIT_EVENT_LIST_PAGE + 10;
  far = g_list_model_get_item (G_LIST_MODEL (events), far_position);
  g_assert_false (lk_audit_entry_get_loaded (far));
  g_assert_null (lk_audit_entry_get_action (far));
  g_assert_true (lk_audit_event_list_get_loading (events));
  seq = lk_audit_entry_get_seq (far);
  g_assert_cmpint (seq, ==, far_position + 1);
  lk_audit_events_view_select (view, far_position);
  g_assert_true (lk_test_wait (entry_loaded, far, 10000));
  g_assert_cmpstr (lk_audit_entry_get_user (far), ==, "ann");
  g_assert_cmpuint (strlen (lk_audit_entry_get_hash (far)), ==, 64);
  g_assert_cmpuint (lk_audit_event_list_pages_read (events), ==, pages + 1);
  /* filled in place: the same row is still selected, its details shown */
  g_assert_cmpuint (selected_position (f), ==, far_position);
  shown = g_strdup_printf ("Event %" G_GINT64_FORMAT " at", seq);
  g_assert_true (lk_test_wait_shown_containing (f->page, shown, 10000));
  lk_test_shoot (f->window, "audit-events.png");

  /* a narrower filter that holds the selected event: it stays selected */
  set_filter (f, "User", "ann");
  set_filter (f, "Action", lk_audit_entry_get_action (far));
  g_assert_true (gtk_widget_activate_action (f->page, "events.apply", NULL));
  events = apply_and_wait (view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (events)), ==, 450);
  g_assert_cmpuint (selected_position (f), ==, lk_audit_event_list_find (events, seq));
  g_assert_cmpuint (selected_position (f), <, 450);
  g_assert_true (lk_test_wait_shown_containing (f->page, shown, 10000));
  lk_test_shoot (f->window, "audit-events-kept-place.png");

  /* two filters in a row: the first read is cancelled, the second one is shown */
  before = events;
  set_filter (f, "Action", "test.*");
  g_assert_true (gtk_widget_activate_action (f->page, "events.apply", NULL));
  /* no turn of the main loop in between: the first read cannot have been shown */
  g_assert_nonnull (lk_test_find (f->page, GTK_TYPE_LABEL,
                                  "Reading the events: user ann, action test.*…"));
  set_filter (f, "User", "nobody");
  g_assert_true (gtk_widget_activate_action (f->page, "events.apply", NULL));
  g_assert_true (lk_test_wait_shown (f->page, "0 events: user nobody, action test.*", 10000));
  events = lk_audit_events_view_get_events (view);
  g_assert_true (events != before);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (events)), ==, 0);
  g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (lk_test_find_type (f->page,
                                                                            GTK_TYPE_SPINNER))));
  /* the event selected before is not among them: nothing is selected */
  g_assert_cmpuint (selected_position (f), ==, GTK_INVALID_LIST_POSITION);
  g_assert_true (lk_test_wait_shown_containing (f->page, "Select an event", 2000));
}

int
main (int   argc,
      char *argv[])
{
  lk_test_ui_init (&argc, &argv);
  g_test_add ("/likeness/governance-pages/events", Fixture,
              GSIZE_TO_POINTER (LK_TYPE_AUDIT_EVENTS_VIEW), fixture_set_up, test_events,
              fixture_tear_down);
  g_test_add ("/likeness/governance-pages/events-background", Fixture,
              GSIZE_TO_POINTER (LK_TYPE_AUDIT_EVENTS_VIEW), fixture_set_up,
              test_events_background, fixture_tear_down);
  g_test_add ("/likeness/governance-pages/retention", Fixture,
              GSIZE_TO_POINTER (LK_TYPE_RETENTION_PAGE), fixture_set_up, test_retention,
              fixture_tear_down);
  g_test_add ("/likeness/governance-pages/stats", Fixture,
              GSIZE_TO_POINTER (LK_TYPE_STATS_PAGE), fixture_set_up, test_stats,
              fixture_tear_down);
  g_test_add ("/likeness/governance-pages/assessment", Fixture,
              GSIZE_TO_POINTER (LK_TYPE_ASSESSMENT_PAGE), fixture_set_up, test_assessment,
              fixture_tear_down);
  return g_test_run ();
}
