/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Training, the rest: the time limit per item enforced by the core (an answer after it is
 * recorded as over time, fixed, counted as given and counted apart), a trainee's history over
 * time (core and likeness-cli), the PDF summary read back with poppler, competency proposals
 * from a passed exercise confirmed or rejected by an administrator, and exercises generated
 * from a labelled gallery (the ORL faces of LIKENESS_SHARED_DATA; skipped without them). */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <cairo.h>

#include "lk-test-training.h"
#include "store/lk-store-private.h"
#include "training/lk-training.h"
#include "verification/lk-competency.h"

/* An exercise of @n pairs (odd positions mated: pair-2, pair-4, ...), with @time_limit seconds
 * per item, assigned to both trainees. */
static gint64
make_exercise (LkTrainingWorld *w,
               const char      *name,
               guint            n,
               guint            seed,
               gint64           time_limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) pairs = g_array_new (FALSE, TRUE, sizeof (LkTrainingPair));
  LkTrainingExerciseSpec spec = { name, "Compare each pair.", NULL, time_limit };
  gint64 id;

  for (guint i = 0; i < n; i++)
    {
      LkTrainingPair pair = { NULL, lk_test_training_png (seed + 2 * i),
                              lk_test_training_png (seed + 1 + 2 * i), i % 2 == 1, "medium",
                              NULL };

      g_ptr_array_add (ids, g_strdup_printf ("pair-%u", i + 1));
      pair.pair_id = g_ptr_array_index (ids, i);
      g_ptr_array_add (keep, pair.image_a);
      g_ptr_array_add (keep, pair.image_b);
      g_array_append_val (pairs, pair);
    }
  id = lk_training_exercise_create (w->trainer, &spec, (LkTrainingPair *) pairs->data, n,
                                    &error);
  g_assert_no_error (error);
  g_assert_true (lk_training_assign (w->trainer, id, TRAINEE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lk_training_assign (w->trainer, id, TRAINEE2, NULL, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
item_id (LkSession *session,
         gint64     exercise,
         guint      n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = lk_training_items_list (session, exercise, NULL, &error);
  g_autoptr(LkTrainingItem) item = NULL;

  g_assert_no_error (error);
  item = g_list_model_get_item (items, n);
  return lk_training_item_get_id (item);
}

static void
answer (LkSession *session,
        gint64     exercise,
        guint      n,
        int        level)
{
  g_autoptr(GError) error = NULL;
  gint64 id = item_id (session, exercise, n);
  g_autoptr(LkTrainingItem) opened = lk_training_item_open (session, id, &error);

  g_assert_no_error (error);
  g_assert_true (lk_training_item_conclude (session, id, level, NULL, &error));
  g_assert_no_error (error);
}

/* Answers every item of an exercise of @n pairs: mated ones at @mated, the others at
 * @nonmated. */
static void
answer_all (LkSession *session,
            gint64     exercise,
            guint      n,
            int        mated,
            int        nonmated)
{
  for (guint i = 0; i < n; i++)
    answer (session, exercise, i, i % 2 == 1 ? mated : nonmated);
}

/* ---- the time limit ------------------------------------------------------------------------- */

static void
test_time_limit (LkTestFixture *fixture,
                 gconstpointer  data)
{
  LkTrainingWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkTrainingItem) opened = NULL, late = NULL, in_time = NULL, unlimited = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  const LkTrainingResult *r;
  gint64 exercise, other, first, second;

  lk_test_training_world_init (&w, fixture, FALSE);
  exercise = make_exercise (&w, "Timed", 2, 10, 90);
  first = item_id (w.trainee, exercise, 0);
  second = item_id (w.trainee, exercise, 1);
  opened = lk_training_item_open (w.trainee, first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_training_item_get_time_limit (opened), ==, 90);
  g_assert_nonnull (lk_training_item_get_opened_at (opened));
  /* Just opened: nearly all of the 90 seconds are left. */
  g_assert_cmpfloat (lk_training_item_seconds_left (opened, NULL), >, 80);
  g_assert_cmpfloat (lk_training_item_seconds_left (opened, NULL), <=, 90);
  /* Opened two minutes ago, as far as the clock is concerned: 30 seconds over. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) then = g_date_time_add_seconds (now, -120);
    g_autofree char *stamp = g_date_time_format (then, "%Y-%m-%dT%H:%M:%S.%fZ");
    g_autofree char *sql = g_strdup_printf ("UPDATE training_attempts SET opened_at = '%s'",
                                            stamp);
    g_autoptr(LkTrainingItem) seen = NULL;

    g_assert_true (lk_store_exec (w.store, sql, &error));
    g_assert_no_error (error);
    seen = lk_training_item_get (w.trainee, first, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (lk_training_item_seconds_left (seen, now), >=, -30.5);
    g_assert_cmpfloat (lk_training_item_seconds_left (seen, now), <=, -29.5);
  }
  g_assert_true (lk_training_item_conclude (w.trainee, first, 2, NULL, &error));
  g_assert_no_error (error);
  late = lk_training_item_get (w.trainee, first, &error);
  g_assert_no_error (error);
  g_assert_true (lk_training_item_get_over_time (late));
  g_assert_cmpfloat (lk_training_item_get_seconds (late), >=, 120);
  json = lk_training_item_to_json (late);
  g_assert_true (json_object_get_boolean_member (json, "over_time"));
  g_assert_cmpint (json_object_get_int_member (json, "time_limit_seconds"), ==, 90);
  event = lk_test_last_event_of (w.store, "training.attempt.submitted");
  g_assert_nonnull (strstr (event->details, "\"over_time\":true"));
  /* Fixed with the submission. */
  g_assert_false (lk_store_exec (w.store, "UPDATE training_attempts SET over_time = 0",
                                 &error));
  g_assert_nonnull (strstr (error->message, "a submitted attempt cannot change"));
  g_clear_error (&error);
  /* In time. */
  answer (w.trainee, exercise, 1, 3);
  in_time = lk_training_item_get (w.trainee, second, &error);
  g_assert_no_error (error);
  g_assert_false (lk_training_item_get_over_time (in_time));
  /* Counted as given, and counted apart: the non-mated +2 is a false "same" (1 of 1). */
  results = lk_training_results (w.trainer, exercise, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (results, 1);
  g_assert_cmpstr (r->trainee, ==, TRAINEE);
  g_assert_cmpuint (r->score->n_over_time, ==, 1);
  g_assert_cmpuint (r->score->n_nonmated, ==, 1);
  g_assert_cmpuint (r->score->false_same, ==, 1);
  /* Without a limit nothing is ever over time. */
  other = make_exercise (&w, "Untimed", 1, 40, 0);
  answer (w.trainee, other, 0, -3);
  unlimited = lk_training_item_get (w.trainee, item_id (w.trainee, other, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (lk_training_item_seconds_left (unlimited, NULL), ==, G_MAXDOUBLE);
  g_assert_false (lk_training_item_get_over_time (unlimited));
  lk_test_training_world_clear (&w);
}

/* ---- history -------------------------------------------------------------------------------- */

static void
test_history (LkTestFixture *fixture,
              gconstpointer  data)
{
  LkTrainingWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(LkCliRun) run = NULL;
  const LkTrainingHistoryEntry *e;
  gint64 first, second;

  lk_test_training_world_init (&w, fixture, FALSE);
  first = make_exercise (&w, "First set", 4, 10, 0);
  second = make_exercise (&w, "Second set", 4, 30, 0);
  /* First set: mated at -1, non-mated at +1 (every mated below every non-mated: AUC 0). */
  answer_all (w.trainee, first, 4, -1, 1);
  /* Second set: half done, both right (AUC 1). */
  answer (w.trainee, second, 0, -3);
  answer (w.trainee, second, 1, 3);
  history = lk_training_history (w.trainer, TRAINEE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  e = g_ptr_array_index (history, 0);
  g_assert_cmpstr (e->exercise, ==, "First set");
  g_assert_cmpuint (e->n_submitted, ==, 4);
  g_assert_cmpuint (e->n_items, ==, 4);
  g_assert_cmpuint (strlen (e->date), ==, 10);
  g_assert_true (e->result->score->auc.defined);
  g_assert_cmpfloat (e->result->score->auc.value, ==, 0);
  g_assert_cmpuint (e->result->score->inconclusive_mated, ==, 2);
  e = g_ptr_array_index (history, 1);
  g_assert_cmpstr (e->exercise, ==, "Second set");
  g_assert_cmpuint (e->n_submitted, ==, 2);
  g_assert_cmpfloat (e->result->score->auc.value, ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "training.history.read"), ==, 1);
  g_clear_pointer (&history, g_ptr_array_unref);
  /* Nothing submitted: an empty history, not an error. */
  history = lk_training_history (w.admin, TRAINEE2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 0);
  g_clear_pointer (&history, g_ptr_array_unref);
  /* A trainee reads their own, not another's. */
  history = lk_training_history (w.trainee, TRAINEE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&history, g_ptr_array_unref);
  g_assert_null (lk_training_history (w.trainee2, TRAINEE, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  /* Through likeness-cli. */
  run = lk_test_cli (TRAINER_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", TRAINER,
                     "training", "history", TRAINEE, "--json", NULL);
  lk_test_cli_assert_ok (run);
  g_assert_nonnull (strstr (run->out, "\"exercise\" : \"First set\""));
  g_assert_nonnull (strstr (run->out, "\"exercise\" : \"Second set\""));
  g_assert_nonnull (strstr (run->out, "\"complete\" : false"));
  g_assert_true (strstr (run->out, "First set") < strstr (run->out, "Second set"));
  g_clear_pointer (&run, lk_cli_run_free);
  run = lk_test_cli (TRAINEE2_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user",
                     TRAINEE2, "training", "history", TRAINEE, NULL);
  lk_test_cli_assert_failed (run, "a trainee reads only their own history");
  lk_test_training_world_clear (&w);
}

/* ---- the PDF summary ------------------------------------------------------------------------ */

static char *
poppler (const char *tool,
         const char *a,
         const char *b,
         const char *c)
{
  g_autofree char *program = g_find_program_in_path (tool);
  const char *argv[] = { program, a, b, c, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (program == NULL)
    {
      g_test_skip ("poppler-utils is not installed (build-aux/likeness installs it)");
      return NULL;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
on_report_written (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GError **error = user_data;
  GError *local = NULL;

  if (!lk_training_report_pdf_finish (result, &local))
    *error = local ? local : g_error_new_literal (LK_ERROR, LK_ERROR_FAILED, "no error");
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

/* Writes tim's summary with lk_training_report_pdf_async(), waiting for it by condition; leaves
 * the job's error in @error (none when it succeeded). */
static void
report_async (LkTrainingWorld  *w,
              const char       *path,
              GCancellable     *cancellable,
              GError          **error)
{
  GError *outcome = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  lk_training_report_pdf_async (w->trainer, TRAINEE, path, cancellable, on_report_written,
                                &outcome);
  while (outcome == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (outcome);
  if (g_error_matches (outcome, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_clear_error (&outcome);
  else
    g_propagate_error (error, outcome);
}

static void
test_report (LkTestFixture *fixture,
             gconstpointer  data)
{
  LkTrainingWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCliRun) run = NULL;
  g_autofree char *path = lk_test_path (fixture, "summary.pdf");
  g_autofree char *refused = lk_test_path (fixture, "refused.pdf");
  g_autofree char *info = NULL, *text = NULL;
  gint64 first;

  lk_test_training_world_init (&w, fixture, FALSE);
  first = make_exercise (&w, "Portraits", 4, 10, 0);
  /* Non-mated at -3 and +2 (a false "same", 1 of 2), mated at +3 and +1. */
  answer (w.trainee, first, 0, -3);
  answer (w.trainee, first, 1, 3);
  answer (w.trainee, first, 2, 2);
  answer (w.trainee, first, 3, 1);
  run = lk_test_cli (TRAINER_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", TRAINER,
                     "training", "report", TRAINEE, "--out", path, NULL);
  lk_test_cli_assert_ok (run);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  if ((info = poppler ("pdfinfo", path, NULL, NULL)) == NULL)
    {
      lk_test_training_world_clear (&w);
      return;
    }
  g_assert_nonnull (strstr (info, "Training summary: tim\n"));
  /* A proficiency record, not a case report: its Subject and every page's footer. */
  g_assert_nonnull (strstr (info, "Subject:         Proficiency record\n"));
  text = poppler ("pdftotext", "-layout", path, "-");
  g_assert_nonnull (strstr (text, "Proficiency record - training exercises, not casework"));
  g_assert_null (strstr (text, "Investigative lead"));
  g_assert_nonnull (strstr (text, "Training summary: tim"));
  g_assert_nonnull (strstr (text, "History over time"));
  g_assert_nonnull (strstr (text, "Portraits"));
  g_assert_nonnull (strstr (text, "Calibration"));
  g_assert_nonnull (strstr (text, "ROC of the ratings"));
  /* The figures with their denominators. */
  g_assert_nonnull (strstr (text, "50.0 % (1 of 2)"));
  g_assert_nonnull (strstr (text, "0.0 % (0 of 2)"));
  /* AUC: mated {3, 1} against non-mated {-3, 2}: 3 of 4 pairs ordered right. */
  g_assert_nonnull (strstr (text, "0.750"));
  g_assert_cmpint (lk_test_count_action (w.store, "training.report.exported"), ==, 1);
  /* The same in a worker thread: written and audited; cancelled before it is written, no
   * file and no event. */
  report_async (&w, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_test_count_action (w.store, "training.report.exported"), ==, 2);
  {
    g_autoptr(GCancellable) cancelled = g_cancellable_new ();
    g_autofree char *never = lk_test_path (fixture, "never.pdf");
    g_autofree char *partial = g_strconcat (never, ".partial", NULL);

    g_cancellable_cancel (cancelled);
    report_async (&w, never, cancelled, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_false (g_file_test (never, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
    g_assert_cmpint (lk_test_count_action (w.store, "training.report.exported"), ==, 2);
  }
  /* The summary's own event records the reading: no history event besides. */
  g_assert_cmpint (lk_test_count_action (w.store, "training.history.read"), ==, 0);
  /* Trainees do not export summaries. */
  g_assert_false (lk_training_report_pdf (w.trainee, TRAINEE, refused, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));
  lk_test_training_world_clear (&w);
}

/* ---- competency proposals ------------------------------------------------------------------- */

static void
test_proposals (LkTestFixture *fixture,
                gconstpointer  data)
{
  LkTrainingWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) pending = NULL, records = NULL, all = NULL;
  g_autoptr(LkTrainingProposal) proposal = NULL;
  g_autoptr(LkCompetency) record = NULL;
  g_autoptr(LkCliRun) run = NULL;
  g_autofree char *id_text = NULL;
  gint64 exercise, id, second;

  lk_test_training_world_init (&w, fixture, FALSE);
  exercise = make_exercise (&w, "Proficiency", 6, 10, 0);
  /* Not complete: refused. */
  answer (w.trainee, exercise, 0, -3);
  g_assert_cmpint (lk_training_propose (w.trainer, exercise, TRAINEE, "examiner", NULL, NULL,
                                        &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "submitted 1 of the 6 items"));
  g_clear_error (&error);
  for (guint i = 1; i < 6; i++)
    answer (w.trainee, exercise, i, i % 2 == 1 ? 3 : -2);
  /* tess calls every pair "same": AUC 0.5 and a false "same" rate of 100 %. */
  answer_all (w.trainee2, exercise, 6, 2, 2);
  g_assert_cmpint (lk_training_propose (w.trainer, exercise, TRAINEE2, "examiner", NULL, NULL,
                                        &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Not passed: the AUC is 0.500"));
  g_clear_error (&error);
  /* Only trainers propose. */
  g_assert_cmpint (lk_training_propose (w.admin, exercise, TRAINEE, "examiner", NULL, NULL,
                                        &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  id = lk_training_propose (w.trainer, exercise, TRAINEE, "examiner", "2026-01-01",
                            "2026-12-31", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  /* One pending proposal at a time. */
  g_assert_cmpint (lk_training_propose (w.trainer, exercise, TRAINEE, "examiner", NULL, NULL,
                                        &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  g_clear_error (&error);
  /* Through likeness-cli, a reviewer record. */
  run = lk_test_cli (TRAINER_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", TRAINER,
                     "training", "propose", "Proficiency", TRAINEE, "--kind", "reviewer", NULL);
  lk_test_cli_assert_ok (run);
  second = g_ascii_strtoll (run->out, NULL, 10);
  g_assert_cmpint (second, >, id);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, second);
  g_clear_pointer (&run, lk_cli_run_free);
  pending = lk_training_proposals_list (w.admin, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pending), ==, 2);
  for (guint i = 0; i < 2 && proposal == NULL; i++)
    {
      g_autoptr(LkTrainingProposal) p = g_list_model_get_item (pending, i);

      if (lk_training_proposal_get_id (p) == id)
        proposal = g_steal_pointer (&p);
    }
  g_assert_nonnull (proposal);
  g_assert_cmpstr (lk_training_proposal_get_trainee (proposal), ==, TRAINEE);
  g_assert_cmpstr (lk_training_proposal_get_proposed_by (proposal), ==, TRAINER);
  g_assert_null (lk_training_proposal_get_decision (proposal));
  g_assert_cmpstr (lk_training_proposal_get_evidence (proposal), ==,
                   "Passed the training exercise “Proficiency”: 6 of 6 items submitted; AUC "
                   "1.000 (pass: at least 0.90); false “same” rate 0.0 % (0 of 3) (pass: at "
                   "most 5.0 %)");
  /* Trainers do not decide; a rejection needs its reason. */
  g_assert_false (lk_training_proposal_decide (w.trainer, id, TRUE, NULL, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (lk_training_proposal_decide (w.admin, id, FALSE, "  ", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  /* A trainee holds no casework role: confirming changes nothing until they do. */
  run = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", ADMIN,
                     "training", "decide", id_text, "confirm", NULL);
  lk_test_cli_assert_failed (run, "tim does not hold the");
  g_clear_pointer (&run, lk_cli_run_free);
  g_assert_cmpint (lk_test_count_action (w.store, "competency.added"), ==, 0);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM training_proposals"
                                                      " WHERE decision IS NULL"), ==, 2);
  run = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", ADMIN,
                     "training", "decide", id_text, "reject", "--reason", "Not a reviewer",
                     NULL);
  lk_test_cli_assert_ok (run);
  g_clear_pointer (&run, lk_cli_run_free);
  g_assert_true (lk_users_set_roles (w.admin, TRAINEE, LK_ROLE_EXAMINER, &error));
  g_assert_no_error (error);
  /* Confirmed: the record exists, with the evidence, in one transaction with the decision. */
  g_assert_true (lk_training_proposal_decide (w.admin, id, TRUE, NULL, &error));
  g_assert_no_error (error);
  records = lk_competencies_list (w.admin, TRAINEE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (records), ==, 1);
  record = g_list_model_get_item (records, 0);
  g_assert_cmpstr (lk_competency_get_kind (record), ==, "examiner");
  g_assert_cmpstr (lk_competency_get_valid_until (record), ==, "2026-12-31");
  g_assert_cmpstr (lk_competency_get_evidence (record), ==,
                   lk_training_proposal_get_evidence (proposal));
  g_assert_cmpint (lk_test_count_action (w.store, "competency.added"), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "training.competency.proposed"), ==, 2);
  g_assert_cmpint (lk_test_count_action (w.store, "training.competency.confirmed"), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "training.competency.rejected"), ==, 1);
  /* Decided once. */
  g_assert_false (lk_training_proposal_decide (w.admin, id, FALSE, "changed my mind", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (lk_store_exec (w.store, "UPDATE training_proposals SET reason = 'x'", &error));
  g_assert_nonnull (strstr (error->message, "a decided proposal cannot change"));
  g_clear_error (&error);
  all = lk_training_proposals_list (w.trainer, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 2);
  run = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", ADMIN,
                     "training", "proposals", "--json", NULL);
  lk_test_cli_assert_ok (run);
  g_assert_nonnull (strstr (run->out, "\"decision\" : \"rejected\""));
  g_assert_nonnull (strstr (run->out, "\"reason\" : \"Not a reviewer\""));
  g_assert_nonnull (strstr (run->out, "\"decision\" : \"confirmed\""));
  lk_test_training_world_clear (&w);
}

/* ---- generated from a labelled gallery ------------------------------------------------------ */

/* The ORL faces of persons s1..s@n_people, images 1..@n_images, linked into @gallery. */
static gboolean
link_orl (const char *gallery,
          guint       n_people,
          guint       n_images)
{
  const char *shared = g_getenv ("LIKENESS_SHARED_DATA");
  g_autofree char *orl = g_build_filename (shared != NULL ? shared : "/nonexistent", "data",
                                           "faces", "orl", NULL);
  g_autofree char *check = g_build_filename (orl, "s1", "1.pgm", NULL);

  if (shared == NULL || *shared == '\0' || !g_file_test (check, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("The ORL faces are not available: set LIKENESS_SHARED_DATA to the folder "
                   "holding data/faces/orl (s1..s40, 1.pgm..10.pgm)");
      return FALSE;
    }
  for (guint p = 1; p <= n_people; p++)
    {
      g_autofree char *person = g_strdup_printf ("s%u", p);
      g_autofree char *folder = g_build_filename (gallery, person, NULL);

      g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
      for (guint i = 1; i <= n_images; i++)
        {
          g_autofree char *file = g_strdup_printf ("%u.pgm", i);
          g_autofree char *from = g_build_filename (orl, person, file, NULL);
          g_autofree char *to = g_build_filename (folder, file, NULL);

          g_assert_cmpint (symlink (from, to), ==, 0);
        }
    }
  return TRUE;
}

/* The truth of each item of @exercise, as the trainer sees it: mated flags, difficulties, and
 * the notes naming the files and the engine's score. */
static GPtrArray *
truths (LkTrainingWorld *w,
        gint64           exercise)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = lk_training_items_list (w->trainer, exercise, NULL, &error);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(LkTrainingItem) item = g_list_model_get_item (items, i);

      g_ptr_array_add (out, g_strdup_printf ("%d|%s|%s", lk_training_item_get_mated (item),
                                             lk_training_item_get_difficulty (item),
                                             lk_training_item_get_truth_notes (item)));
    }
  return out;
}

/* The mean engine score of the mated (or non-mated) pairs of @t. */
static double
mean_score (GPtrArray *t,
            gboolean   mated)
{
  double sum = 0;
  guint n = 0;

  for (guint i = 0; i < t->len; i++)
    {
      const char *line = g_ptr_array_index (t, i);
      const char *score = strstr (line, "score ");

      if ((line[0] == '1') != mated)
        continue;
      g_assert_nonnull (score);
      sum += g_ascii_strtod (score + 6, NULL);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
  return sum / n;
}

static gint64
generate (LkTrainingWorld *w,
          const char      *gallery,
          const char      *name,
          guint            n,
          guint32          seed,
          const char      *difficulty,
          GError         **error)
{
  LkTrainingExerciseSpec spec = { name, "Compare each pair.", NULL, 0 };
  LkTrainingGenerateSpec gen = { gallery, n, 0.5, seed, difficulty };

  return lk_training_exercise_generate (w->trainer, &spec, &gen, error);
}

static void
test_generate (LkTestFixture *fixture,
               gconstpointer  data)
{
  LkTrainingWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *gallery = lk_test_path (fixture, "orl-gallery");
  g_autoptr(GPtrArray) hard = NULL, again = NULL, other = NULL, easy = NULL;
  g_autoptr(LkCliRun) run = NULL;
  gint64 id;
  guint n_mated = 0;

  if (!link_orl (gallery, 8, 4))
    return;
  lk_test_training_world_init (&w, fixture, FALSE);
  id = generate (&w, gallery, "Hard set", 12, 7, "hard", &error);
  g_assert_no_error (error);
  hard = truths (&w, id);
  g_assert_cmpuint (hard->len, ==, 12);
  for (guint i = 0; i < hard->len; i++)
    {
      const char *line = g_ptr_array_index (hard, i);
      g_auto(GStrv) f = g_strsplit (line, "|", 3);
      g_auto(GStrv) files = g_strsplit (f[2], " and ", 2);

      n_mated += f[0][0] == '1';
      g_assert_cmpstr (f[1], ==, "hard");
      /* Mated exactly when both files are of one person (s3/1.pgm and s3/2.pgm). */
      g_assert_cmpint (f[0][0] == '1', ==,
                       strncmp (files[0], files[1], strchr (files[0], '/') - files[0] + 1) == 0);
    }
  g_assert_cmpuint (n_mated, ==, 6);
  /* Seeded: the same seed gives the same pairs, another seed others. */
  id = generate (&w, gallery, "Hard set again", 12, 7, "hard", &error);
  g_assert_no_error (error);
  again = truths (&w, id);
  for (guint i = 0; i < hard->len; i++)
    g_assert_cmpstr (g_ptr_array_index (hard, i), ==, g_ptr_array_index (again, i));
  id = generate (&w, gallery, "Hard set, seed 8", 12, 8, "hard", &error);
  g_assert_no_error (error);
  other = truths (&w, id);
  {
    guint same = 0;

    for (guint i = 0; i < hard->len; i++)
      same += g_str_equal (g_ptr_array_index (hard, i), g_ptr_array_index (other, i));
    g_assert_cmpuint (same, <, hard->len);
  }
  /* Hard non-mated pairs are look-alikes: the engine scores them above easy ones; hard mated
   * pairs score below easy ones. */
  id = generate (&w, gallery, "Easy set", 12, 7, "easy", &error);
  g_assert_no_error (error);
  easy = truths (&w, id);
  g_test_message ("engine score, non-mated: hard %.3f, easy %.3f; mated: hard %.3f, easy %.3f",
                  mean_score (hard, FALSE), mean_score (easy, FALSE), mean_score (hard, TRUE),
                  mean_score (easy, TRUE));
  g_assert_cmpfloat (mean_score (hard, FALSE), >, mean_score (easy, FALSE));
  g_assert_cmpfloat (mean_score (hard, TRUE), <, mean_score (easy, TRUE));
  /* 8 people with 4 images: 48 mated pairs, a third of them hard. Asking for more changes
   * nothing. */
  g_assert_cmpint (generate (&w, gallery, "Too many", 60, 7, "hard", &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "The gallery offers 16 hard mated pairs, not the 30 "
                                            "asked for"));
  g_clear_error (&error);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM training_exercises"),
                   ==, 4);
  /* Only trainers. */
  {
    LkTrainingExerciseSpec spec = { "Not mine", "Compare.", NULL, 0 };
    LkTrainingGenerateSpec gen = { gallery, 4, 0.5, 1, NULL };

    g_assert_cmpint (lk_training_exercise_generate (w.admin, &spec, &gen, &error), ==, 0);
    g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
    g_clear_error (&error);
  }
  /* Through likeness-cli. */
  run = lk_test_cli (TRAINER_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", TRAINER,
                     "training", "exercise", "generate", gallery, "--pairs", "6",
                     "--mated-share", "0.5", "--seed", "3", "--difficulty", "medium", NULL);
  lk_test_cli_assert_ok (run);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM training_items i"
                                    " JOIN training_exercises e ON e.id = i.exercise_id"
                                    " WHERE e.name = 'orl-gallery, 6 pairs, seed 3'"
                                    " AND i.difficulty = 'medium'"), ==, 6);
  lk_test_training_world_clear (&w);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  LK_TEST_ADD ("/likeness/training/time-limit", test_time_limit);
  LK_TEST_ADD ("/likeness/training/history", test_history);
  LK_TEST_ADD ("/likeness/training/report", test_report);
  LK_TEST_ADD ("/likeness/training/proposals", test_proposals);
  LK_TEST_ADD ("/likeness/training/generate", test_generate);
  return g_test_run ();
}
