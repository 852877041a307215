/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The probe analysis: who may lock it, what it must say, that a locked analysis never changes
 * (not even through SQL), amendments as new revisions, drafts, and the gate of sequential
 * unmasking that keeps candidates hidden until the lock. */
#include "config.h"

#include <string.h>

#include "lk-test-util.h"
#include "casework/lk-analysis-private.h"
#include "casework/lk-cases.h"
#include "casework/lk-probes.h"
#include "casework/lk-vocabulary.h"
#include "people/lk-roles.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "reference/lk-data.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse"
#define EXAMINER "erin"
#define EXAMINER_PASSWORD "battery staple"
#define REVIEWER "rita"
#define REVIEWER_PASSWORD "reviewer pass"
#define CASE_NUMBER "2026-0042"

typedef struct
{
  LkTestFixture *fixture;
  LkStore       *store;
  LkSession     *admin;
  LkSession     *examiner;
  LkSession     *reviewer;
  gint64         probe;
} World;

static const char * const some_components[] = { "eyes", "nose", "mouth", "ears", NULL };
static const char * const some_factors[] = { "pose", "compression", NULL };

static LkSession *
add_and_login (World      *w,
               const char *name,
               LkRoles     roles,
               const char *password)
{
  g_autoptr(GError) error = NULL;

  lk_users_add (w->admin, name, NULL, roles, password, &error);
  g_assert_no_error (error);
  return lk_test_login (w->store, name, password);
}

static gint64
import_portrait (World *w)
{
  const char *source = g_getenv ("LIKENESS_SOURCE_DIR");
  g_autofree char *path = g_build_filename (source, "data", "demo", "grace_hopper.jpg", NULL);
  LkProvenance p = { "cctv", "video-frame", "PC Ada Jones", "2026-01-15T14:32:00Z",
                     "Warrant 2026/17", "Exhibit AJ/1", FALSE };
  g_autoptr(GError) error = NULL;
  gint64 id = lk_probes_import_file (w->examiner, CASE_NUMBER, path, &p, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* An administrator, an examiner and a reviewer; a case with one probe awaiting analysis. */
static void
world_init (World         *w,
            LkTestFixture *fixture)
{
  LkCaseRequest request = {
    CASE_NUMBER, "Robbery at the petrol station", "ROB", "Criminal Procedure Act, section 55",
    "The offender's face is visible on CCTV", "Chief Inspector Ward", "Robbery Squad", NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) c = NULL;

  g_assert_nonnull (g_getenv ("LIKENESS_SOURCE_DIR"));
  w->fixture = fixture;
  w->store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  w->admin = lk_test_login (w->store, ADMIN, ADMIN_PASSWORD);
  w->examiner = add_and_login (w, EXAMINER, LK_ROLE_EXAMINER, EXAMINER_PASSWORD);
  w->reviewer = add_and_login (w, REVIEWER, LK_ROLE_REVIEWER, REVIEWER_PASSWORD);
  c = lk_cases_create (w->examiner, &request, &error);
  g_assert_no_error (error);
  w->probe = import_portrait (w);
}

static void
world_clear (World *w)
{
  g_clear_object (&w->reviewer);
  g_clear_object (&w->examiner);
  g_clear_object (&w->admin);
  g_clear_object (&w->store);
}

static gint64
sql_int (World      *w,
         const char *sql)
{
  return lk_test_sql_int (w->fixture->db_path, sql);
}

static char *
probe_status (World *w)
{
  g_autofree char *sql = g_strdup_printf ("SELECT status FROM probes WHERE id = %" G_GINT64_FORMAT,
                                          w->probe);

  return lk_test_sql_text (w->fixture->db_path, sql);
}

static void
assert_message (const GError *error,
                const char   *expected)
{
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("Expected “%s” in: %s", expected, error->message);
}

static void
lock_ok (LkSession        *session,
         gint64            probe,
         const LkAnalysis *analysis)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_analysis_lock (session, probe, analysis, &error));
  g_assert_no_error (error);
}

static void
assert_lock_refused (World            *w,
                     LkSession        *session,
                     const LkAnalysis *analysis,
                     int               code,
                     const char       *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  gint64 before = sql_int (w, "SELECT count(*) FROM analyses");

  g_assert_false (lk_analysis_lock (session, w->probe, analysis, &error));
  g_assert_error (error, LK_ERROR, code);
  assert_message (error, expected);
  g_assert_cmpint (sql_int (w, "SELECT count(*) FROM analyses"), ==, before);
  g_assert_cmpint (lk_test_count_action (w->store, "analysis.locked"), ==, before);
  status = probe_status (w);
  if (before == 0)
    g_assert_cmpstr (status, ==, "awaiting-analysis");
}

static JsonObject *
probe_json (World  *w,
            gint64  probe)
{
  g_autoptr(GError) error = NULL;
  JsonObject *o = lk_probes_get (w->examiner, probe, &error);

  g_assert_no_error (error);
  return o;
}

/* ---- locking ------------------------------------------------------------------------------- */

static void
test_examiners_only (LkTestFixture *fixture,
                     gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(LkSession) trainee = NULL;
  LkAnalysis a = { "suitable", NULL, some_components, "" };

  world_init (&w, fixture);
  trainee = add_and_login (&w, "tim", LK_ROLE_TRAINEE, "trainee pass");
  assert_lock_refused (&w, w.reviewer, &a, LK_ERROR_PERMISSION_DENIED, "");
  assert_lock_refused (&w, w.admin, &a, LK_ERROR_PERMISSION_DENIED, "");
  assert_lock_refused (&w, trainee, &a, LK_ERROR_PERMISSION_DENIED, "");
  lock_ok (w.examiner, w.probe, &a);
  world_clear (&w);
}

static void
test_invalid (LkTestFixture *fixture,
              gconstpointer  data)
{
  static const char * const bad_factor[] = { "pose", "weather", NULL };
  static const char * const bad_component[] = { "eyes", "tattoo-sleeve", NULL };
  static const char * const no_words[] = { NULL };
  World w = { 0 };
  LkAnalysis a;

  world_init (&w, fixture);
  a = (LkAnalysis) { NULL, NULL, some_components, "notes" };
  assert_lock_refused (&w, w.examiner, &a, LK_ERROR_INVALID_INPUT, "needs a suitability");
  a.suitability = "good enough";
  assert_lock_refused (&w, w.examiner, &a, LK_ERROR_INVALID_INPUT, "good enough");
  a.suitability = "Suitable";
  assert_lock_refused (&w, w.examiner, &a, LK_ERROR_INVALID_INPUT, "suitability");
  a = (LkAnalysis) { "limited", bad_factor, some_components, "notes" };
  assert_lock_refused (&w, w.examiner, &a, LK_ERROR_INVALID_INPUT, "weather");
  a = (LkAnalysis) { "suitable", NULL, bad_component, "notes" };
  assert_lock_refused (&w, w.examiner, &a, LK_ERROR_INVALID_INPUT, "tattoo-sleeve");
  assert_lock_refused (&w, w.examiner, &a, LK_ERROR_INVALID_INPUT, lk_feature_list_edition ());

  /* less than suitable says why */
  a = (LkAnalysis) { "limited", NULL, some_components, NULL };
  assert_lock_refused (&w, w.examiner, &a, LK_ERROR_INVALID_INPUT, "affecting factors");
  a = (LkAnalysis) { "limited", no_words, some_components, "  \n" };
  assert_lock_refused (&w, w.examiner, &a, LK_ERROR_INVALID_INPUT, "affecting factors");
  a = (LkAnalysis) { "not-suitable", NULL, NULL, "" };
  assert_lock_refused (&w, w.examiner, &a, LK_ERROR_INVALID_INPUT, "affecting factors");
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM analyses"), ==, 0);

  /* a note alone is reason enough */
  a = (LkAnalysis) { "limited", NULL, some_components, "Face partly behind a pillar" };
  lock_ok (w.examiner, w.probe, &a);
  world_clear (&w);
}

static void
test_lock (LkTestFixture *fixture,
           gconstpointer  data)
{
  World w = { 0 };
  LkAnalysis a = { "limited", some_factors, some_components, "Three-quarter view, blocky" };
  LkAnalysis again = { "suitable", NULL, some_components, "" };
  g_autoptr(JsonObject) probe = NULL;
  g_autoptr(GDateTime) locked_at = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *locked_text = NULL;
  g_autofree char *feature_list = NULL;
  g_autofree char *components = NULL;
  g_autofree char *status = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  JsonObject *analysis;
  JsonArray *revisions;

  world_init (&w, fixture);
  lock_ok (w.examiner, w.probe, &a);

  /* the examiner, the time and the feature-list edition are on the record */
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM analyses"), ==, 1);
  g_assert_cmpint (sql_int (&w, "SELECT examiner_id FROM analyses"), ==,
                   lk_session_get_user_id (w.examiner));
  g_assert_cmpint (sql_int (&w, "SELECT revision FROM analyses"), ==, 1);
  g_assert_cmpint (sql_int (&w, "SELECT amends IS NULL FROM analyses"), ==, 1);
  g_assert_cmpint (sql_int (&w, "SELECT face_index FROM analyses"), ==, 0);
  locked_text = lk_test_sql_text (fixture->db_path, "SELECT locked_at FROM analyses");
  locked_at = g_date_time_new_from_iso8601 (locked_text, NULL);
  g_assert_nonnull (locked_at);
  g_assert_cmpint (ABS (g_date_time_difference (now, locked_at)), <, 120 * G_TIME_SPAN_SECOND);
  feature_list = lk_test_sql_text (fixture->db_path, "SELECT feature_list FROM analyses");
  g_assert_cmpstr (feature_list, ==, lk_feature_list_edition ());
  g_assert_cmpuint (strlen (feature_list), >, 0);
  components = lk_test_sql_text (fixture->db_path, "SELECT components FROM analyses");
  g_assert_cmpstr (components, ==, "[\"eyes\",\"nose\",\"mouth\",\"ears\"]");
  status = probe_status (&w);
  g_assert_cmpstr (status, ==, "analysed");

  /* the locked analysis, then the case moving on by itself (its only probe is analysed) */
  event = lk_test_last_event (w.store);
  g_assert_cmpstr (event->action, ==, "case.status-changed");
  g_assert_nonnull (strstr (event->details, "every probe analysed"));
  g_clear_pointer (&event, lk_audit_event_free);
  event = lk_test_last_event_of (w.store, "analysis.locked");
  g_assert_cmpstr (event->action, ==, "analysis.locked");
  g_assert_cmpstr (event->user, ==, EXAMINER);
  g_assert_cmpstr (event->role, ==, "examiner");
  g_assert_nonnull (strstr (event->details, "Three-quarter view"));

  probe = probe_json (&w, w.probe);
  analysis = json_object_get_object_member (probe, "analysis");
  g_assert_cmpstr (json_object_get_string_member (analysis, "suitability"), ==, "limited");
  g_assert_cmpstr (json_object_get_string_member (analysis, "examiner"), ==, EXAMINER);
  g_assert_cmpstr (json_object_get_string_member (analysis, "locked_at"), ==, locked_text);
  g_assert_cmpstr (json_object_get_string_member (analysis, "feature_list"), ==, feature_list);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (analysis, "factors")),
                    ==, 2);
  revisions = json_object_get_array_member (probe, "analysis_revisions");
  g_assert_cmpuint (json_array_get_length (revisions), ==, 1);

  /* locked once */
  assert_lock_refused (&w, w.examiner, &again, LK_ERROR_INVALID_INPUT, "locked");
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM analyses"), ==, 1);
  world_clear (&w);
}

/* @sql is refused by a trigger with @expected: on a file a trigger's RAISE
 * (SQLITE_CONSTRAINT_TRIGGER), on a server lk_refuse's message. */
static void
assert_sql_refused (const char *path,
                    const char *sql,
                    const char *expected)
{
  char *message = NULL;
  sqlite3 *db;
  int rc;

  if (lk_test_server () != NULL)
    {
      g_autofree char *refusal = lk_test_sql_error (path, sql);

      if (refusal == NULL || strstr (refusal, expected) == NULL)
        g_error ("Expected “%s” from %s, got: %s", expected, sql, refusal);
      return;
    }
  db = lk_test_sqlite_open (path);
  rc = sqlite3_exec (db, sql, NULL, NULL, &message);
  g_assert_cmpint (rc, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_extended_errcode (db), ==, SQLITE_CONSTRAINT_TRIGGER);
  if (message == NULL || strstr (message, expected) == NULL)
    g_error ("Expected “%s” from %s, got: %s", expected, sql, message);
  sqlite3_free (message);
  sqlite3_close (db);
}

/* Even someone with the database and its own SQL connection cannot rewrite a locked
 * analysis. */
static void
test_immutable_in_sql (LkTestFixture *fixture,
                       gconstpointer  data)
{
  World w = { 0 };
  LkAnalysis a = { "suitable", NULL, some_components, "Original notes" };
  g_autofree char *notes = NULL;
  const char *path = fixture->db_path;

  world_init (&w, fixture);
  lock_ok (w.examiner, w.probe, &a);

  assert_sql_refused (path, "UPDATE analyses SET notes = 'Rewritten after seeing a candidate'",
                      "a locked analysis cannot change");
  assert_sql_refused (path, "UPDATE analyses SET suitability = 'not-suitable'",
                      "a locked analysis cannot change");
  assert_sql_refused (path, "DELETE FROM analyses", "a locked analysis cannot be deleted");
  /* nor the probe as received */
  assert_sql_refused (path, "UPDATE probes SET kind = 'photograph'", "cannot change");
  assert_sql_refused (path, "UPDATE probes SET image_sha256 = 'x'", "cannot change");
  assert_sql_refused (path, "DELETE FROM case_status_history", "append-only");

  notes = lk_test_sql_text (fixture->db_path, "SELECT notes FROM analyses");
  g_assert_cmpstr (notes, ==, "Original notes");
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM analyses"), ==, 1);
  world_clear (&w);
}

/* ---- amendments ---------------------------------------------------------------------------- */

static void
test_amend (LkTestFixture *fixture,
            gconstpointer  data)
{
  World w = { 0 };
  LkAnalysis first = { "suitable", NULL, some_components, "Frontal" };
  LkAnalysis second = { "limited", some_factors, some_components, "Compression on the ears" };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) probe = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *notes = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  JsonArray *revisions;
  gint64 other;

  world_init (&w, fixture);

  /* nothing to amend before the lock */
  other = import_portrait (&w);
  g_assert_false (lk_analysis_amend (w.examiner, other, &second, "second look", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  assert_message (error, "no locked analysis");
  g_clear_error (&error);

  lock_ok (w.examiner, w.probe, &first);
  g_assert_false (lk_analysis_amend (w.examiner, w.probe, &second, NULL, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  assert_message (error, "reason");
  g_clear_error (&error);
  g_assert_false (lk_analysis_amend (w.examiner, w.probe, &second, " \t", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (lk_analysis_amend (w.reviewer, w.probe, &second, "I disagree",
                                            &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  second.suitability = "meh";
  g_assert_false (lk_analysis_amend (w.examiner, w.probe, &second, "typo", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  second.suitability = "limited";
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM analyses"), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "analysis.amended"), ==, 0);

  g_assert_true (lk_analysis_amend (w.examiner, w.probe, &second,
                                           "Missed the compression at first", &error));
  g_assert_no_error (error);

  /* both revisions stay; the second points at the first */
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM analyses"), ==, 2);
  g_assert_cmpint (sql_int (&w, "SELECT amends FROM analyses WHERE revision = 2"), ==,
                   sql_int (&w, "SELECT id FROM analyses WHERE revision = 1"));
  reason = lk_test_sql_text (fixture->db_path,
                             "SELECT amendment_reason FROM analyses WHERE revision = 2");
  g_assert_cmpstr (reason, ==, "Missed the compression at first");
  notes = lk_test_sql_text (fixture->db_path, "SELECT notes FROM analyses WHERE revision = 1");
  g_assert_cmpstr (notes, ==, "Frontal");
  event = lk_test_last_event (w.store);
  g_assert_cmpstr (event->action, ==, "analysis.amended");
  g_assert_nonnull (strstr (event->details, "Missed the compression"));

  probe = probe_json (&w, w.probe);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (probe, "analysis"),
                                               "revision"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (probe,
                                                                                 "analysis"),
                                                  "amendment_reason"), ==,
                   "Missed the compression at first");
  revisions = json_object_get_array_member (probe, "analysis_revisions");
  g_assert_cmpuint (json_array_get_length (revisions), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (revisions, 0),
                                                  "suitability"), ==, "suitable");

  /* and a third on top of the second */
  g_assert_true (lk_analysis_amend (w.examiner, w.probe, &first, "Back to suitable",
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (&w, "SELECT amends FROM analyses WHERE revision = 3"), ==,
                   sql_int (&w, "SELECT id FROM analyses WHERE revision = 2"));
  world_clear (&w);
}

/* ---- closing and unmasking ----------------------------------------------------------------- */

static void
test_not_suitable (LkTestFixture *fixture,
                   gconstpointer  data)
{
  static const char * const factors[] = { "resolution", "motion-blur", NULL };
  World w = { 0 };
  LkAnalysis a = { "not-suitable", factors, NULL, "" };
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  world_init (&w, fixture);
  lock_ok (w.examiner, w.probe, &a);
  status = probe_status (&w);
  g_assert_cmpstr (status, ==, "not-suitable");

  g_assert_false (lk_analysis_require_unmasked (w.examiner, w.probe, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_MASKED);
  assert_message (error, "not suitable");
  g_clear_error (&error);

  /* the probe counts as analysed: the case moved on with its outcome */
  g_assert_cmpint (lk_test_sql_int (fixture->db_path,
                                    "SELECT status = 'examination' FROM cases"), ==, 1);
  world_clear (&w);
}

static void
test_masked_until_locked (LkTestFixture *fixture,
                          gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(LkSession) trainee = NULL;
  LkAnalysis a = { "suitable", NULL, some_components, "" };
  g_autoptr(GError) error = NULL;
  LkSession *readers[3];

  world_init (&w, fixture);
  trainee = add_and_login (&w, "tim", LK_ROLE_TRAINEE, "trainee pass");
  readers[0] = w.examiner;
  readers[1] = w.reviewer;
  readers[2] = w.admin;

  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      g_assert_false (lk_analysis_require_unmasked (readers[i], w.probe, &error));
      g_assert_error (error, LK_ERROR, LK_ERROR_MASKED);
      assert_message (error, "masked");
      g_clear_error (&error);
    }
  /* a draft is not a lock */
  g_assert_true (lk_analysis_save_draft (w.examiner, w.probe, &a, &error));
  g_assert_no_error (error);
  g_assert_false (lk_analysis_require_unmasked (w.examiner, w.probe, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_MASKED);
  g_clear_error (&error);

  lock_ok (w.examiner, w.probe, &a);
  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      g_assert_true (lk_analysis_require_unmasked (readers[i], w.probe, &error));
      g_assert_no_error (error);
    }
  g_assert_false (lk_analysis_require_unmasked (trainee, w.probe, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (lk_analysis_require_unmasked (w.examiner, 4040, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  world_clear (&w);
}

/* ---- drafts and the face ------------------------------------------------------------------- */

static void
test_drafts (LkTestFixture *fixture,
             gconstpointer  data)
{
  World w = { 0 };
  LkAnalysis partial = { NULL, NULL, some_components, "Started; suitability to decide" };
  LkAnalysis fuller = { "limited", some_factors, some_components, "Nearly there" };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkProbeAnalysis) none = NULL;
  g_autoptr(LkProbeAnalysis) draft = NULL;
  g_autoptr(LkProbeAnalysis) gone = NULL;

  world_init (&w, fixture);
  none = lk_analysis_get_draft (w.examiner, w.probe, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  /* a draft may be incomplete */
  g_assert_true (lk_analysis_save_draft (w.examiner, w.probe, &partial, &error));
  g_assert_no_error (error);
  draft = lk_analysis_get_draft (w.examiner, w.probe, &error);
  g_assert_no_error (error);
  g_assert_nonnull (draft);
  g_assert_cmpint (lk_probe_analysis_get_revision (draft), ==, 0);
  g_assert_null (lk_probe_analysis_get_suitability (draft));
  g_assert_null (lk_probe_analysis_get_locked_at (draft));
  g_assert_cmpstr (lk_probe_analysis_get_notes (draft), ==, "Started; suitability to decide");
  g_assert_cmpuint (g_strv_length ((GStrv) lk_probe_analysis_get_components (draft)), ==, 4);
  g_clear_object (&draft);

  g_assert_true (lk_analysis_save_draft (w.examiner, w.probe, &fuller, &error));
  g_assert_no_error (error);
  draft = lk_analysis_get_draft (w.examiner, w.probe, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_probe_analysis_get_suitability (draft), ==, "limited");
  g_assert_cmpstr (lk_probe_analysis_get_notes (draft), ==, "Nearly there");
  g_assert_true (g_strv_equal ((const char * const *) some_factors,
                               lk_probe_analysis_get_factors (draft)));
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM analysis_drafts"), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "analysis.draft-saved"), ==, 2);

  /* only the examiner drafts */
  g_assert_false (lk_analysis_save_draft (w.reviewer, w.probe, &fuller, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  lock_ok (w.examiner, w.probe, &fuller);
  gone = lk_analysis_get_draft (w.examiner, w.probe, &error);
  g_assert_no_error (error);
  g_assert_null (gone);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM analysis_drafts"), ==, 0);
  g_assert_false (lk_analysis_save_draft (w.examiner, w.probe, &partial, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  assert_message (error, "locked");
  world_clear (&w);
}

static void
test_face_after_lock (LkTestFixture *fixture,
                      gconstpointer  data)
{
  World w = { 0 };
  LkAnalysis a = { "suitable", NULL, some_components, "" };
  g_autoptr(GError) error = NULL;

  world_init (&w, fixture);
  g_assert_true (lk_analysis_choose_face (w.examiner, w.probe, 0, &error));
  g_assert_no_error (error);
  lock_ok (w.examiner, w.probe, &a);
  g_assert_false (lk_analysis_choose_face (w.examiner, w.probe, 0, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  assert_message (error, "locked");
  g_assert_cmpint (lk_test_count_action (w.store, "probe.face-chosen"), ==, 1);
  g_assert_cmpint (sql_int (&w, "SELECT face_index FROM analyses"), ==, 0);
  world_clear (&w);
}

static void
test_vocabularies (void)
{
  g_assert_cmpuint (g_strv_length ((char **) lk_vocabulary_suitabilities ()), ==, 3);
  g_assert_cmpuint (g_strv_length ((char **) lk_vocabulary_factors ()), ==, 9);
  g_assert_true (g_strv_contains (lk_vocabulary_factors (), "motion-blur"));
  for (const char * const *f = lk_vocabulary_factors (); *f != NULL; f++)
    g_assert_cmpuint (strlen (lk_vocabulary_label (*f)), >, 0);
  g_assert_cmpstr (lk_vocabulary_label ("limited"), ==, "Of limited suitability");
  g_assert_true (lk_feature_list_has_component ("ears"));
  g_assert_false (lk_feature_list_has_component ("tattoo-sleeve"));
}

/* The check the page makes before offering to lock: the lock's own rules, with no database. */
static void
test_check (void)
{
  static const char * const pose[] = { "pose", NULL };
  static const char * const bad_factor[] = { "weather", NULL };
  g_autoptr(GError) error = NULL;
  LkAnalysis a = { "limited", NULL, some_components, "  " };

  g_assert_false (lk_analysis_check (&a, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "affecting factors or a note"));
  g_clear_error (&error);
  a.factors = bad_factor;
  g_assert_false (lk_analysis_check (&a, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  a.factors = pose;
  g_assert_true (lk_analysis_check (&a, &error));
  g_assert_no_error (error);
  a = (LkAnalysis) { "limited", NULL, some_components, "Face partly behind a pillar" };
  g_assert_true (lk_analysis_check (&a, &error));
  a = (LkAnalysis) { "suitable", NULL, NULL, NULL };
  g_assert_true (lk_analysis_check (&a, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/likeness/analysis/vocabularies", test_vocabularies);
  g_test_add_func ("/likeness/analysis/check", test_check);
  LK_TEST_ADD ("/likeness/analysis/examiners-only", test_examiners_only);
  LK_TEST_ADD ("/likeness/analysis/invalid", test_invalid);
  LK_TEST_ADD ("/likeness/analysis/lock", test_lock);
  LK_TEST_ADD ("/likeness/analysis/immutable-in-sql", test_immutable_in_sql);
  LK_TEST_ADD ("/likeness/analysis/amend", test_amend);
  LK_TEST_ADD ("/likeness/analysis/not-suitable", test_not_suitable);
  LK_TEST_ADD ("/likeness/analysis/masked-until-locked", test_masked_until_locked);
  LK_TEST_ADD ("/likeness/analysis/drafts", test_drafts);
  LK_TEST_ADD ("/likeness/analysis/face-after-lock", test_face_after_lock);

  return g_test_run ();
}
