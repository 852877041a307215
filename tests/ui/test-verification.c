/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Peer review in the application: the reviewer's queue, the blind verification (banner, the
 * reviewer's own examination, nothing of the first examiner's opinion), the comparison with the
 * differing characteristics marked in words, the countersignature through its dialog, the
 * examiner's side, and the controls a role cannot use not offered. On the demo workspace. */
#include "config.h"

#include <string.h>

#include "lk-candidates-page.h"
#include "lk-case-page.h"
#include "lk-competency-page.h"
#include "lk-test-ui.h"
#include "lk-verification-dialog.h"
#include "lk-verification-view.h"
#include "lk-verifications-page.h"
#include "lk-workspace.h"
#include "demo/lk-demo.h"
#include "examination/lk-conclusions.h"
#include "people/lk-session.h"
#include "store/lk-store.h"
#include "verification/lk-verifications.h"

/* The demo's verification waiting, blind, in demo-reviewer's queue, and what the first examiner
 * concluded on it (never to be shown to the reviewer before they sign). */
#define WAITING 3
#define WAITING_TITLE "DEMO-2026-004 · candidate DEMO-SUBJ-1092"
#define EXAMINER_LEVEL "The observations support that it is the same person"

typedef struct
{
  char      *folder;
  LkStore   *store;
  LkSession *session;
  GtkWidget *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->folder = g_dir_make_tmp ("likeness-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->folder, "demo.db", NULL);
  f->store = lk_demo_open (path, &error);
  g_assert_no_error (error);
  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 800);
  adw_window_set_content (ADW_WINDOW (f->window), adw_toast_overlay_new ());
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *dialog;

  while ((dialog = lk_test_find_window (LK_TYPE_VERIFICATION_DIALOG)) != NULL)
    lk_test_destroy_window (dialog, NULL);
  while ((dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    lk_test_destroy_window (dialog, NULL);
  lk_test_destroy_window (f->window, NULL);
  g_clear_object (&f->session);
  lk_test_unref_finalized (g_steal_pointer (&f->store));
  lk_test_remove_folder (f->folder);
  g_free (f->folder);
}

static void
log_in (Fixture    *f,
        const char *name)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->session);
  f->session = lk_session_login (f->store, name, LK_DEMO_PASSWORD, &error);
  g_assert_no_error (error);
}

static void
show (Fixture   *f,
      GtkWidget *page)
{
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (adw_window_get_content (ADW_WINDOW (f->window))),
                               page);
}

static LkVerificationsPage *
verifications_page (Fixture *f)
{
  LkVerificationsPage *page = g_object_new (LK_TYPE_VERIFICATIONS_PAGE, NULL);

  show (f, GTK_WIDGET (page));
  lk_verifications_page_set_session (page, f->session);
  return page;
}

/* Whether a label under @root (shown or not) contains @part. */
static gboolean
any_label_contains (GtkWidget  *root,
                    const char *part)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), part) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (any_label_contains (child, part))
      return TRUE;
  return FALSE;
}

/* The number of rows marked as differing, each of which must also say so in words. */
static guint
count_differing_rows (GtkWidget *root)
{
  guint n = 0;

  if (ADW_IS_ACTION_ROW (root) && gtk_widget_has_css_class (root, "lk-differs"))
    {
      g_assert_nonnull (lk_test_find (root, GTK_TYPE_LABEL, "Differs"));
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_differing_rows (child);
  return n;
}

static gboolean
shown (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_get_visible (widget);
}

/* The reviewer's queue lists the verification waiting for them, marked blind. */
static void
test_queue_lists_waiting (Fixture       *f,
                          gconstpointer  data)
{
  LkVerificationsPage *page;
  GtkWidget *row;

  log_in (f, "demo-reviewer");
  page = verifications_page (f);
  row = lk_test_find (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, WAITING_TITLE);
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Blind verification"));
  g_assert_true (shown (lk_test_find (GTK_WIDGET (page), GTK_TYPE_LABEL,
                                      "Awaiting My Verification")));
  /* A reviewer submits nothing: their page has no "My Submitted Work". */
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (
    lk_test_find (GTK_WIDGET (page), GTK_TYPE_LABEL, "My Submitted Work"))));
  /* Activating the row opens the verification. */
  gtk_widget_activate_action (row, "verifications.open", "x", (gint64) WAITING);
  g_assert_nonnull (lk_verifications_page_get_view (page));
}

/* The reviewer's own opinion, signed: the mouth seen differently, the same level. */
/* Acknowledges every warning the draft raises, as an examiner who read them would. */
static void
acknowledge_all (Fixture                 *f,
                 gint64                   examination,
                 const LkConclusionDraft *draft,
                 GHashTable              *acks)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;

  lk_conclusions_check (f->session, examination, draft, &warnings, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < warnings->len; i++)
    g_hash_table_insert (acks,
                         g_strdup (((LkConclusionWarning *) g_ptr_array_index (warnings, i))->id),
                         (gpointer) "The features compared are clear enough for this level.");
}

static void
sign_own_opinion (Fixture *f,
                  gint64   examination)
{
  static const char * const seen[][2] = {
    { "face-outline.frontal-shape", "similar" }, { "nose.tip", "similar" },
    { "mouth.corners", "dissimilar" },
  };
  LkConclusionDraft draft = {
    NULL, FALSE, 2,
    "My own comparison: the outline and the nose tip correspond; the mouth corners differ "
    "slightly, which the compression can explain.",
    "A low-resolution still with JPEG blocking.",
  };
  g_autoptr(GHashTable) acks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (seen); i++)
    {
      LkObservationSpec o = { seen[i][0], "visible", "visible", seen[i][1], "class", NULL, NULL,
                              0 };

      lk_observations_set (f->session, examination, &o, &error);
      g_assert_no_error (error);
    }
  acknowledge_all (f, examination, &draft, acks);
  lk_conclusions_sign (f->session, examination, &draft, acks, LK_DEMO_PASSWORD, &error);
  g_assert_no_error (error);
}

static GtkWidget *
find_by_action (GtkWidget  *root,
                const char *action)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_action (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_navigate (GtkWidget *workspace,
             gint64     candidate,
             gboolean  *navigated)
{
  *navigated = TRUE;
}

static gboolean
dialog_closed (gpointer data)
{
  return lk_test_find_window (LK_TYPE_VERIFICATION_DIALOG) == NULL;
}

/* Blind until the reviewer signs; then both opinions with the differences; then the
 * countersignature through its dialog. */
static void
test_blind_compare_countersign (Fixture       *f,
                                gconstpointer  data)
{
  LkVerificationsPage *page;
  GtkWidget *view, *workspace, *dialog;
  gboolean navigated = FALSE;
  gint64 examination;

  log_in (f, "demo-reviewer");
  page = verifications_page (f);
  lk_verifications_page_open (page, WAITING);
  view = lk_verifications_page_get_view (page);
  g_assert_true (shown (lk_test_find (view, GTK_TYPE_LABEL, "Blind verification: the first "
                                      "examiner's work is hidden until you sign")));
  g_assert_false (any_label_contains (view, EXAMINER_LEVEL));
  g_assert_false (shown (lk_test_find (view, GTK_TYPE_BUTTON, "Countersign…")));

  /* Open My Examination: the workspace on the reviewer's own examination. */
  g_assert_true (shown (lk_test_find (view, GTK_TYPE_BUTTON, "Open My Examination")));
  lk_test_click (view, "Open My Examination");
  workspace = lk_verifications_page_get_workspace (page);
  g_assert_nonnull (workspace);
  examination = lk_workspace_get_examination (LK_WORKSPACE (workspace));
  g_assert_cmpint (examination, >, 0);
  g_assert_true (shown (lk_test_find (workspace, GTK_TYPE_LABEL, "Blind verification: the first "
                                      "examiner's work is hidden until you sign")));
  g_assert_false (any_label_contains (workspace, EXAMINER_LEVEL));
  /* One candidate only: no way through the list. */
  g_signal_connect (workspace, "navigate", G_CALLBACK (on_navigate), &navigated);
  gtk_widget_activate_action (workspace, "workspace.next", NULL);
  gtk_widget_activate_action (workspace, "workspace.previous", NULL);
  g_assert_false (navigated);
  g_assert_false (shown (find_by_action (workspace, "workspace.next")));
  g_assert_false (shown (find_by_action (workspace, "workspace.previous")));
  g_assert_false (shown (lk_test_find (workspace, GTK_TYPE_BUTTON, "Submit for Verification")));

  /* Signed (as the Evaluate step does): back to the verification, now compared. */
  sign_own_opinion (f, examination);
  g_signal_emit_by_name (workspace, "conclusion-signed");
  g_assert_null (lk_verifications_page_get_workspace (page));
  g_assert_false (shown (lk_test_find (view, GTK_TYPE_LABEL, "Blind verification: the first "
                                       "examiner's work is hidden until you sign")));
  g_assert_true (any_label_contains (view, EXAMINER_LEVEL));
  g_assert_true (lk_test_wait_shown_containing (view, "The opinions agree", 1000));
  g_assert_cmpuint (count_differing_rows (view), ==, 1);
  g_assert_true (shown (lk_test_find (view, GTK_TYPE_BUTTON, "Record Disagreement…")));

  /* Countersign: the password dialog, off the main loop, then a signature on record. */
  lk_test_click (view, "Countersign…");
  dialog = lk_test_find_window (LK_TYPE_VERIFICATION_DIALOG);
  g_assert_nonnull (dialog);
  lk_test_set_text (dialog, "Note (optional)", "Same level; the mouth difference is explained.");
  lk_test_set_text (dialog, "Your Password", LK_DEMO_PASSWORD);
  lk_test_click (dialog, "Countersign");
  g_assert_true (lk_test_wait (dialog_closed, NULL, 10000));
  g_assert_cmpint (lk_test_sql_int64 (f->store, "SELECT count (*) FROM verification_signatures"
                                      " WHERE verification_id = 3"
                                      " AND kind = 'countersignature'"), ==, 1);
  g_assert_true (lk_test_wait_shown (view, "Countersigned", 2000));
  g_assert_false (shown (lk_test_find (view, GTK_TYPE_BUTTON, "Countersign…")));
}

/* A wrong password keeps the dialog open with the core's message; nothing is recorded. */
static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LkVerificationsPage *page;
  GtkWidget *view, *dialog;
  gint64 examination;

  log_in (f, "demo-reviewer");
  examination = lk_verifications_open (f->session, WAITING, &error);
  g_assert_no_error (error);
  sign_own_opinion (f, examination);
  page = verifications_page (f);
  lk_verifications_page_open (page, WAITING);
  view = lk_verifications_page_get_view (page);
  lk_test_click (view, "Record Disagreement…");
  dialog = lk_test_find_window (LK_TYPE_VERIFICATION_DIALOG);
  g_assert_nonnull (dialog);
  /* The note is required. */
  lk_test_set_text (dialog, "Your Password", "not the password");
  g_assert_false (gtk_widget_is_sensitive (lk_test_find (dialog, GTK_TYPE_BUTTON, "Record")));
  lk_test_set_text (dialog, "Note for the examiner (required)", "Please look at the mouth.");
  lk_test_click (dialog, "Record");
  g_assert_true (lk_test_wait_shown_containing (dialog, "password", 10000));
  g_assert_nonnull (lk_test_find_window (LK_TYPE_VERIFICATION_DIALOG));
  g_assert_cmpint (lk_test_sql_int64 (f->store, "SELECT count (*) FROM verification_signatures"
                                      " WHERE verification_id = 3"), ==, 0);
}

static gboolean
hidden_or_missing (GtkWidget  *root,
                   const char *label)
{
  GtkWidget *button = lk_test_find (root, GTK_TYPE_BUTTON, label);

  return button == NULL || !gtk_widget_get_visible (button);
}

/* A reviewer is not offered triage, imports or searches; an examiner is. */
static void
test_candidates_by_role (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const examiner_only[] = {
    "Retain", "Eliminate…", "Import List…", "Search Gallery…", "Examine",
  };
  LkCandidatesPage *page;

  log_in (f, "demo-reviewer");
  page = lk_candidates_page_new (f->session, 1);
  show (f, GTK_WIDGET (page));
  for (guint i = 0; i < G_N_ELEMENTS (examiner_only); i++)
    g_assert_true (hidden_or_missing (GTK_WIDGET (page), examiner_only[i]));

  log_in (f, "demo-examiner");
  page = lk_candidates_page_new (f->session, 1);
  show (f, GTK_WIDGET (page));
  for (guint i = 0; i < G_N_ELEMENTS (examiner_only); i++)
    g_assert_true (shown (lk_test_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, examiner_only[i])));
}

/* The status moves by itself: only an administrator is offered a manual move, with a reason. */
static void
test_case_move_by_role (Fixture       *f,
                        gconstpointer  data)
{
  LkCasePage *page;
  GtkWidget *button;

  log_in (f, "demo-examiner");
  page = lk_case_page_new (f->session, "DEMO-2026-004");
  show (f, GTK_WIDGET (page));
  g_assert_true (hidden_or_missing (GTK_WIDGET (page), "Move to Closed…"));

  log_in (f, "demo-reviewer");
  page = lk_case_page_new (f->session, "DEMO-2026-004");
  show (f, GTK_WIDGET (page));
  g_assert_true (hidden_or_missing (GTK_WIDGET (page), "Move to Closed…"));
  g_assert_true (hidden_or_missing (GTK_WIDGET (page), "Import Probe…"));

  log_in (f, "demo-admin");
  page = lk_case_page_new (f->session, "DEMO-2026-004");
  show (f, GTK_WIDGET (page));
  button = lk_test_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, "Move to Closed…");
  g_assert_true (shown (button));
}

/* The examiner's submitted work lists what is with the reviewer and what came back. */
static void
test_submitted_work (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LkVerificationsPage *page;
  GtkWidget *row;

  log_in (f, "demo-examiner");
  page = verifications_page (f);
  row = lk_test_find (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, WAITING_TITLE);
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "With the reviewer"));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (
    lk_test_find (GTK_WIDGET (page), GTK_TYPE_LABEL, "My Submitted Work"))));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (
    lk_test_find (GTK_WIDGET (page), GTK_TYPE_LABEL, "Queue"))));
  g_assert_cmpuint (lk_verifications_count_returned (f->session, NULL, NULL, &error), ==, 0);
  g_assert_no_error (error);
}

/* The examiner's amended conclusion, signed. */
static void
amend (Fixture *f,
       gint64   examination)
{
  LkConclusionDraft draft = {
    NULL, FALSE, 2,
    "Amended: the outline and the nose tip correspond; the mouth corners differ slightly at "
    "this resolution, which the JPEG blocking explains.",
    "A low-resolution still with JPEG blocking.",
  };
  g_autoptr(GHashTable) acks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;

  acknowledge_all (f, examination, &draft, acks);
  lk_conclusions_amend (f->session, examination, &draft, acks, "Returned by the reviewer",
                        LK_DEMO_PASSWORD, &error);
  g_assert_no_error (error);
}

static gboolean
has_message_dialog (gpointer data)
{
  return lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* A return reaches the examiner: the notice counts it, the reviewer's note is on view, and the
 * workspace offers to reopen the examination (not to submit it as it was); reopened, it says
 * what comes next. */
static void
test_return_and_reopen (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *newest = NULL;
  LkVerificationsPage *page;
  GtkWidget *view, *workspace, *dialog;
  gint64 examination;

  log_in (f, "demo-reviewer");
  examination = lk_verifications_open (f->session, WAITING, &error);
  g_assert_no_error (error);
  sign_own_opinion (f, examination);
  lk_verifications_disagree (f->session, WAITING, "return", "Look again at the mouth corners.",
                             LK_DEMO_PASSWORD, &error);
  g_assert_no_error (error);

  log_in (f, "demo-examiner");
  g_assert_cmpuint (lk_verifications_count_returned (f->session, NULL, &newest, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (lk_verifications_count_returned (f->session, newest, NULL, &error), ==, 0);
  g_assert_no_error (error);
  page = verifications_page (f);
  lk_verifications_page_open (page, WAITING);
  view = lk_verifications_page_get_view (page);
  g_assert_true (shown (lk_test_find (view, ADW_TYPE_ACTION_ROW,
                                      "Disagreement: returned to the examiner · demo-reviewer")));
  g_assert_true (any_label_contains (view, "Look again at the mouth corners."));
  lk_test_click (view, "Open the Examination");
  workspace = lk_verifications_page_get_workspace (page);
  g_assert_nonnull (workspace);
  g_assert_true (shown (lk_test_find (workspace, GTK_TYPE_BUTTON, "Reopen for Amendment…")));
  g_assert_false (shown (lk_test_find (workspace, GTK_TYPE_BUTTON, "Submit for Verification")));

  gtk_widget_activate_action (workspace, "workspace.reopen", NULL);
  g_assert_true (lk_test_wait (has_message_dialog, NULL, 2000));
  dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           "reopen"));
  lk_test_set_text (dialog, "Reason (required)", "Returned: the mouth corners need a look.");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "reopen");
  g_assert_true (lk_test_wait_shown_containing (workspace, "Reopened after the reviewer returned",
                                                2000));
  g_assert_false (shown (lk_test_find (workspace, GTK_TYPE_BUTTON, "Reopen for Amendment…")));
  g_assert_false (shown (lk_test_find (workspace, GTK_TYPE_BUTTON, "Submit for Verification")));

  /* Amended and signed again: the workspace offers to submit it, and submits it. */
  amend (f, lk_workspace_get_examination (LK_WORKSPACE (workspace)));
  lk_verifications_page_open (page, WAITING);
  view = lk_verifications_page_get_view (page);
  lk_test_click (view, "Open the Examination");
  workspace = lk_verifications_page_get_workspace (page);
  g_assert_true (lk_test_wait_shown_containing (workspace, "ready to submit again", 2000));
  lk_test_click (workspace, "Submit for Verification");
  g_assert_false (shown (lk_test_find (workspace, GTK_TYPE_BUTTON, "Submit for Verification")));
  g_assert_cmpint (lk_test_sql_int64 (f->store, "SELECT count (*) FROM verifications"
                                      " WHERE examination_id = (SELECT examination_id FROM"
                                      " verifications WHERE id = 3)"), ==, 2);
}

/* In a consultation the examiner signs their note through the dialog, once. */
static void
test_consultation_note (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LkVerificationsPage *page;
  GtkWidget *view, *dialog;
  gint64 examination;

  log_in (f, "demo-reviewer");
  examination = lk_verifications_open (f->session, WAITING, &error);
  g_assert_no_error (error);
  sign_own_opinion (f, examination);
  lk_verifications_disagree (f->session, WAITING, "consult", "Let us look at the mouth.",
                             LK_DEMO_PASSWORD, &error);
  g_assert_no_error (error);

  log_in (f, "demo-examiner");
  page = verifications_page (f);
  lk_verifications_page_open (page, WAITING);
  view = lk_verifications_page_get_view (page);
  g_assert_false (shown (lk_test_find (view, GTK_TYPE_BUTTON, "Countersign…")));
  lk_test_click (view, "Sign a Consultation Note…");
  dialog = lk_test_find_window (LK_TYPE_VERIFICATION_DIALOG);
  g_assert_nonnull (dialog);
  lk_test_set_text (dialog, "Note (required)", "We agreed the corners differ by compression.");
  lk_test_set_text (dialog, "Your Password", LK_DEMO_PASSWORD);
  lk_test_click (dialog, "Sign Note");
  g_assert_true (lk_test_wait (dialog_closed, NULL, 10000));
  g_assert_cmpint (lk_test_sql_int64 (f->store, "SELECT count (*) FROM verification_signatures"
                                      " WHERE verification_id = 3"
                                      " AND kind = 'consultation-note'"), ==, 1);
  g_assert_true (shown (lk_test_find (view, ADW_TYPE_ACTION_ROW,
                                      "Consultation note · demo-examiner")));
  g_assert_false (shown (lk_test_find (view, GTK_TYPE_BUTTON, "Sign a Consultation Note…")));
}

/* Administration > Competency lists the demo's records with their state. */
static void
test_competency_page (Fixture       *f,
                      gconstpointer  data)
{
  LkCompetencyPage *page = g_object_new (LK_TYPE_COMPETENCY_PAGE, NULL);
  GtkWidget *row;

  log_in (f, "demo-admin");
  show (f, GTK_WIDGET (page));
  lk_competency_page_set_session (page, f->session);
  row = lk_test_find (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, "demo-reviewer · Reviewer");
  g_assert_nonnull (row);
  g_assert_true (shown (lk_test_find (row, GTK_TYPE_LABEL, "Current")));
  g_assert_nonnull (lk_test_find (row, GTK_TYPE_BUTTON, "Revoke…"));
}

#define ADD(path, func) \
  g_test_add ("/likeness/verification/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  lk_test_ui_init (&argc, &argv);
  ADD ("queue-lists-waiting", test_queue_lists_waiting);
  ADD ("blind-compare-countersign", test_blind_compare_countersign);
  ADD ("wrong-password", test_wrong_password);
  ADD ("candidates-by-role", test_candidates_by_role);
  ADD ("case-move-by-role", test_case_move_by_role);
  ADD ("submitted-work", test_submitted_work);
  ADD ("return-and-reopen", test_return_and_reopen);
  ADD ("consultation-note", test_consultation_note);
  ADD ("competency-page", test_competency_page);
  return g_test_run ();
}
