/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Peer review sign-off: competency records, who may verify, the blind rule through every read
 * path, agreement and each way of settling a disagreement (every opinion kept), immutability
 * in SQL, the case status and the lead gate, and `verify` through likeness-cli. */
#include "config.h"

#include <string.h>

#include "lk-test-util.h"
#include "lk-core.h"
#include "verification/lk-verification-gate-private.h"

#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse"
#define EXAMINER "erin"
#define REVIEWER "rita"
#define THIRD "rob"
#define BOTH "eve"        /* examiner and reviewer, examines in the case */
#define UNCERTIFIED "nora" /* reviewer without a competency record */
#define ADMIN_REVIEWER "ada"
#define PASSWORD "a long enough password"
#define CASE_NUMBER "2026-0077"
#define DATABASE "Custody images 2019-2025"
#define REASONING \
  "The face outline, the nose tip and the mouth correspond in form and in their positions; " \
  "no dissimilar feature was found."
#define LIMITATIONS "Low resolution and JPEG blocking."

typedef struct
{
  LkTestFixture *fixture;
  LkStore       *store;
  LkSession     *admin;
  LkSession     *examiner;
  LkSession     *reviewer;
  LkSession     *third;
  LkSession     *both;
  LkSession     *uncertified;
  LkSession     *admin_reviewer;
  gint64         probe;
  gint64         candidates[2];
  gint64         examination; /* the examiner's, of candidates[0] */
} World;

static const char list_json[] =
  "{\"format\": \"likeness-candidate-list\", \"version\": 1,"
  " \"engine\": {\"name\": \"AcmeFace\", \"version\": \"7.2.1\"},"
  " \"reference_database\": {\"name\": \"" DATABASE "\"},"
  " \"search\": {\"performed_at\": \"2026-01-16T09:30:00Z\"},"
  " \"candidates\": ["
  "  {\"rank\": 1, \"score\": 0.91, \"subject_ref\": \"SUBJ-0001\", \"image\": \"a.jpg\"},"
  "  {\"rank\": 2, \"score\": 0.55, \"subject_ref\": \"SUBJ-0002\", \"image\": \"b.png\"}]}";

/* ---- the world ----------------------------------------------------------------------------- */

static LkSession *
add_user (World      *w,
          const char *name,
          LkRoles     roles,
          gboolean    competent)
{
  g_autoptr(GError) error = NULL;

  lk_users_add (w->admin, name, NULL, roles, PASSWORD, &error);
  g_assert_no_error (error);
  if (competent)
    lk_test_grant_competencies (w->admin, name, roles);
  return lk_test_login (w->store, name, PASSWORD);
}

/* A statement that the database's triggers must refuse, on a connection of its own. */
static void
assert_sql_refused_at (const char *path,
                       const char *sql)
{
  g_autofree char *refusal = lk_test_sql_error (path, sql);

  if (refusal == NULL)
    g_error ("The database accepted: %s", sql);
}

static void
copy_demo (World      *w,
           const char *demo_name,
           const char *name)
{
  g_autofree char *from = lk_test_demo_path (demo_name);
  g_autofree char *to = lk_test_path (w->fixture, name);
  g_autoptr(GBytes) bytes = lk_test_read_bytes (from);

  lk_test_write_bytes (to, bytes);
}

static void
import_list (World    *w,
             gboolean  retain_both)
{
  g_autofree char *path = lk_test_path (w->fixture, "list.json");
  g_autoptr(GListModel) candidates = NULL;
  g_autoptr(GError) error = NULL;

  copy_demo (w, "grace_hopper.jpg", "a.jpg");
  copy_demo (w, "astronaut.png", "b.png");
  g_file_set_contents (path, list_json, -1, &error);
  g_assert_no_error (error);
  lk_reference_db_create (w->admin, DATABASE, "Police Act 1996, section 64A", "external",
                          &error);
  g_assert_no_error (error);
  lk_candidates_import (w->examiner, w->probe, path, &error);
  g_assert_no_error (error);
  candidates = lk_candidates_for_probe (w->examiner, w->probe, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      LkCandidate *c = lk_test_item_at (candidates, i);
      int index = g_str_equal (lk_candidate_get_subject_ref (c), "SUBJ-0001") ? 0 : 1;

      w->candidates[index] = lk_candidate_get_id (c);
    }
  lk_candidates_set_triage (w->examiner, w->candidates[0], "retained", NULL, &error);
  g_assert_no_error (error);
  lk_candidates_set_triage (w->examiner, w->candidates[1], retain_both ? "retained"
                            : "eliminated", retain_both ? NULL : "Different ear shape", &error);
  g_assert_no_error (error);
}

static void
world_init (World         *w,
            LkTestFixture *fixture,
            gboolean       retain_both)
{
  LkCaseRequest request = {
    CASE_NUMBER, "Robbery at the petrol station", "ROB", "Criminal Procedure Act, section 55",
    "The offender's face is visible on CCTV", "Chief Inspector Ward", "Robbery Squad", NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) c = NULL;

  w->fixture = fixture;
  w->store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  w->admin = lk_test_login (w->store, ADMIN, ADMIN_PASSWORD);
  lk_test_no_minimums (w->admin);
  w->examiner = add_user (w, EXAMINER, LK_ROLE_EXAMINER, TRUE);
  w->reviewer = add_user (w, REVIEWER, LK_ROLE_REVIEWER, TRUE);
  w->third = add_user (w, THIRD, LK_ROLE_REVIEWER, TRUE);
  w->both = add_user (w, BOTH, LK_ROLE_EXAMINER | LK_ROLE_REVIEWER, TRUE);
  w->uncertified = add_user (w, UNCERTIFIED, LK_ROLE_REVIEWER, FALSE);
  w->admin_reviewer = add_user (w, ADMIN_REVIEWER, LK_ROLE_ADMINISTRATOR | LK_ROLE_REVIEWER,
                                TRUE);
  c = lk_cases_create (w->examiner, &request, &error);
  g_assert_no_error (error);
  w->probe = lk_test_import_portrait (w->examiner, CASE_NUMBER, NULL);
  lk_test_lock_suitable (w->examiner, w->probe);
  import_list (w, retain_both);
  w->examination = lk_examinations_open (w->examiner, w->candidates[0], &error);
  g_assert_no_error (error);
}

static void
world_clear (World *w)
{
  g_clear_object (&w->admin_reviewer);
  g_clear_object (&w->uncertified);
  g_clear_object (&w->both);
  g_clear_object (&w->third);
  g_clear_object (&w->reviewer);
  g_clear_object (&w->examiner);
  g_clear_object (&w->admin);
  g_clear_object (&w->store);
}

/* ---- helpers ------------------------------------------------------------------------------- */

static void
assert_message (const GError *error,
                const char   *expected)
{
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("Expected “%s” in: %s", expected, error->message);
}

static void
observe (LkSession  *session,
         gint64      examination,
         const char *result)
{
  static const char * const characteristics[] = {
    "face-outline.frontal-shape", "nose.tip", "mouth.corners",
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (characteristics); i++)
    {
      LkObservationSpec o = { characteristics[i], "visible", "visible",
                              i == 2 ? "similar" : result, "class", NULL, NULL, 0 };

      g_assert_true (lk_observations_set (session, examination, &o, &error));
      g_assert_no_error (error);
    }
}

/* Signs @ordinal (or amends, with @reason), observing first. */
static void
conclude (LkSession  *session,
          gint64      examination,
          int         ordinal,
          const char *reason)
{
  LkConclusionDraft draft = { NULL, FALSE, ordinal, REASONING, LIMITATIONS };
  g_autoptr(GError) error = NULL;
  gint64 id;

  observe (session, examination, ordinal > 0 ? "similar" : "dissimilar");
  id = reason == NULL
       ? lk_conclusions_sign (session, examination, &draft, NULL, PASSWORD, &error)
       : lk_conclusions_amend (session, examination, &draft, NULL, reason, PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
}

static gint64
submit (World  *w,
        gint64  examination)
{
  g_autoptr(GError) error = NULL;
  gint64 id = lk_verifications_submit (w->examiner, examination, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
assign (World      *w,
        gint64      verification,
        const char *reviewer)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_verifications_assign (w->admin, verification, reviewer, &error));
  g_assert_no_error (error);
}

/* The reviewer's own examination, observed and signed at @ordinal. */
static gint64
review (LkSession *reviewer,
        gint64     verification,
        int        ordinal)
{
  g_autoptr(GError) error = NULL;
  gint64 examination = lk_verifications_open (reviewer, verification, &error);

  g_assert_no_error (error);
  g_assert_cmpint (examination, >, 0);
  conclude (reviewer, examination, ordinal, NULL);
  return examination;
}

static void
countersign_ok (LkSession *reviewer,
                gint64     verification)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_verifications_countersign (reviewer, verification, "Agreed", PASSWORD,
                                               &error));
  g_assert_no_error (error);
}

static void
disagree_ok (LkSession  *reviewer,
             gint64      verification,
             const char *resolution)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_verifications_disagree (reviewer, verification, resolution,
                                            "The nose tip and the outline differ", PASSWORD,
                                            &error));
  g_assert_no_error (error);
}

static char *
state_of (World  *w,
          gint64  verification)
{
  g_autofree char *sql = g_strdup_printf ("SELECT state FROM verifications WHERE id = %"
                                          G_GINT64_FORMAT, verification);

  return lk_test_sql_text (w->fixture->db_path, sql);
}

static char *
case_status (World *w)
{
  return lk_test_sql_text (w->fixture->db_path, "SELECT status FROM cases");
}

/* ---- competency ---------------------------------------------------------------------------- */

static void
test_competency (LkTestFixture *fixture,
                 gconstpointer  data)
{
  World w = { 0 };
  LkConclusionDraft draft = { NULL, FALSE, 2, REASONING, LIMITATIONS };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) records = NULL;
  g_autoptr(LkCompetency) record = NULL;
  g_autoptr(JsonObject) json = NULL;
  gint64 id;

  world_init (&w, fixture, FALSE);
  observe (w.examiner, w.examination, "similar");

  /* only administrators keep records, and only sound ones */
  g_assert_cmpint (lk_competencies_add (w.examiner, EXAMINER, "examiner", "2026-01-01",
                                        "2027-01-01", "Course", &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (lk_competencies_add (w.admin, EXAMINER, "examiner", "2026-02-30",
                                        "2027-01-01", "Course", &error), ==, 0);
  assert_message (error, "YYYY-MM-DD");
  g_clear_error (&error);
  g_assert_cmpint (lk_competencies_add (w.admin, EXAMINER, "examiner", "2027-01-01",
                                        "2026-01-01", "Course", &error), ==, 0);
  assert_message (error, "cannot end");
  g_clear_error (&error);
  g_assert_cmpint (lk_competencies_add (w.admin, EXAMINER, "reviewer", "2026-01-01",
                                        "2027-01-01", "Course", &error), ==, 0);
  assert_message (error, "does not hold the Reviewer role");
  g_clear_error (&error);
  g_assert_cmpint (lk_competencies_add (w.admin, EXAMINER, "examiner", "2026-01-01",
                                        "2027-01-01", "  ", &error), ==, 0);
  assert_message (error, "evidence");
  g_clear_error (&error);

  /* revoked: signing is refused with the record named and the date */
  records = lk_competencies_list (w.admin, EXAMINER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (records), ==, 1);
  record = g_list_model_get_item (records, 0);
  g_assert_cmpstr (lk_competency_get_state (record, NULL), ==, "current");
  id = lk_competency_get_id (record);
  g_assert_false (lk_competencies_revoke (w.admin, id, "", &error));
  g_clear_error (&error);
  g_assert_true (lk_competencies_revoke (w.admin, id, "Failed the 2026 proficiency test",
                                         &error));
  g_assert_no_error (error);
  g_assert_false (lk_competencies_revoke (w.admin, id, "twice", &error));
  g_clear_error (&error);
  g_assert_cmpint (lk_conclusions_sign (w.examiner, w.examination, &draft, NULL, PASSWORD,
                                        &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  assert_message (error, "was revoked on");
  assert_message (error, "Failed the 2026 proficiency test");
  g_clear_error (&error);

  /* expired, then not yet valid */
  g_assert_cmpint (lk_competencies_add (w.admin, EXAMINER, "examiner", "2020-01-01",
                                        "2021-12-31", "Course 2020", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (lk_conclusions_sign (w.examiner, w.examination, &draft, NULL, PASSWORD,
                                        &error), ==, 0);
  assert_message (error, "expired after 2021-12-31");
  g_clear_error (&error);
  g_assert_cmpint (lk_competencies_add (w.admin, EXAMINER, "examiner", "2199-01-01",
                                        "2199-12-31", "Future course", &error), >, 0);
  g_assert_cmpint (lk_conclusions_sign (w.examiner, w.examination, &draft, NULL, PASSWORD,
                                        &error), ==, 0);
  assert_message (error, "valid only from 2199-01-01");
  g_clear_error (&error);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM conclusions"), ==, 0);

  /* a record cannot be edited or deleted in SQL */
  assert_sql_refused_at (fixture->db_path, "DELETE FROM competencies");
  assert_sql_refused_at (fixture->db_path, "UPDATE competencies SET valid_until = '2299-01-01'");

  /* a lab that keeps no records may turn the rule off; outputs then say so */
  g_assert_true (lk_policy_set (w.admin, "require_competency", "0", "We keep no records",
                                &error));
  g_assert_no_error (error);
  g_assert_cmpint (lk_conclusions_sign (w.examiner, w.examination, &draft, NULL, PASSWORD,
                                        &error), >, 0);
  g_assert_no_error (error);
  json = lk_cases_to_json (w.examiner, CASE_NUMBER, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_get_boolean_member (json, "competency_checked"));
  g_assert_cmpint (lk_test_count_action (w.store, "competency.added"), ==, 8);
  g_assert_cmpint (lk_test_count_action (w.store, "competency.revoked"), ==, 1);
  world_clear (&w);
}

/* ---- who may verify ------------------------------------------------------------------------ */

static void
test_reviewer_rules (LkTestFixture *fixture,
                     gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) queue = NULL;
  gint64 other_examination, verification;

  world_init (&w, fixture, TRUE);
  /* eve examines the other candidate of the case */
  other_examination = lk_examinations_open (w.both, w.candidates[1], &error);
  g_assert_no_error (error);
  g_assert_cmpint (other_examination, >, 0);

  g_assert_cmpint (lk_verifications_submit (w.examiner, w.examination, &error), ==, 0);
  assert_message (error, "no signed conclusion yet");
  g_clear_error (&error);
  conclude (w.examiner, w.examination, 2, NULL);
  g_assert_cmpint (lk_verifications_submit (w.both, w.examination, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  verification = submit (&w, w.examination);
  g_assert_cmpint (lk_verifications_submit (w.examiner, w.examination, &error), ==, 0);
  assert_message (error, "already with verification");
  g_clear_error (&error);
  /* a signed conclusion under verification cannot be amended meanwhile */
  {
    LkConclusionDraft draft = { NULL, FALSE, 1, REASONING, LIMITATIONS };

    g_assert_cmpint (lk_conclusions_amend (w.examiner, w.examination, &draft, NULL,
                                           "Second thoughts", PASSWORD, &error), ==, 0);
    assert_message (error, "only if the reviewer returns it");
    g_clear_error (&error);
  }

  /* nobody verifies their own case; the role and a current record are needed */
  g_assert_false (lk_verifications_assign (w.admin, verification, BOTH, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  assert_message (error, "examined it");
  g_clear_error (&error);
  g_assert_false (lk_verifications_assign (w.admin, verification, EXAMINER, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (lk_verifications_assign (w.admin, verification, UNCERTIFIED, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  assert_message (error, "no reviewer competency record");
  g_clear_error (&error);
  g_assert_false (lk_verifications_take (w.both, verification, &error));
  assert_message (error, "examined it");
  g_clear_error (&error);
  g_assert_false (lk_verifications_assign (w.examiner, verification, REVIEWER, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  /* the queue offers it to those who may take it */
  queue = lk_verifications_list (w.both, LK_VERIFICATIONS_QUEUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (queue), ==, 0);
  g_clear_object (&queue);
  queue = lk_verifications_list (w.reviewer, LK_VERIFICATIONS_QUEUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (queue), ==, 1);
  g_assert_true (lk_verifications_take (w.reviewer, verification, &error));
  g_assert_no_error (error);
  g_assert_false (lk_verifications_take (w.third, verification, &error));
  assert_message (error, "not in the queue");
  g_clear_error (&error);
  g_assert_cmpint (lk_test_count_action (w.store, "verification.submitted"), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "verification.assigned"), ==, 1);
  world_clear (&w);
}

/* ---- the blind rule ------------------------------------------------------------------------ */

static void
assert_hidden (World  *w,
               gint64  verification)
{
  LkSession *r = w->admin_reviewer;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) candidates = NULL;
  g_autoptr(JsonArray) observations = NULL;
  g_autoptr(JsonArray) conclusions = NULL;
  g_autoptr(GBytes) own = NULL;
  g_autoptr(GBytes) other = NULL;
  g_autoptr(LkVerification) v = NULL;
  g_autoptr(LkVerificationComparison) c = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  JsonObject *probe;
  gint64 list_id = lk_test_sql_int (w->fixture->db_path, "SELECT id FROM candidate_lists");

  candidates = lk_candidates_for_probe (r, w->probe, &error);
  g_assert_null (candidates);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  assert_message (error, "hidden from you until you sign");
  g_clear_error (&error);
  g_assert_null (lk_candidates_list_json (r, list_id, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (lk_candidates_reveal_scores (r, list_id, "curious", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  other = lk_candidates_read_image (r, w->candidates[1], &error);
  g_assert_null (other);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  own = lk_candidates_read_image (r, w->candidates[0], &error);
  g_assert_no_error (error);
  g_assert_nonnull (own);
  observations = lk_observations_get (r, w->examination, &error);
  g_assert_null (observations);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  conclusions = lk_conclusions_list (r, w->examination, &error);
  g_assert_null (conclusions);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_null (lk_examinations_get (r, w->examination, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  v = lk_verifications_get (r, verification, &error);
  g_assert_no_error (error);
  g_assert_null (lk_verification_get_examiner_level (v));
  c = lk_verifications_compare (r, verification, &error);
  g_assert_null (c);
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_null (lk_verifications_for_examination (r, w->examination, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  json = lk_cases_to_json (r, CASE_NUMBER, &error);
  g_assert_no_error (error);
  probe = json_array_get_object_element (json_object_get_array_member (json, "probes"), 0);
  g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (probe, "examinations")));
  g_assert_false (lk_audit_log_export (r, LK_AUDIT_FORMAT_JSONL, out, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  json_object_unref (g_steal_pointer (&json));
  json = lk_verifications_show_json (r, verification, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json, "examiner_level"), ==,
                   "hidden until the reviewer signs");
  g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (json, "comparison")));
}

static void
test_blind (LkTestFixture *fixture,
            gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) candidates = NULL;
  g_autoptr(JsonArray) observations = NULL;
  g_autoptr(LkVerification) v = NULL;
  g_autoptr(LkVerificationComparison) c = NULL;
  g_autoptr(LkVerificationDifference) d = NULL;
  gint64 verification, own;

  world_init (&w, fixture, FALSE);
  conclude (w.examiner, w.examination, 2, NULL);
  verification = submit (&w, w.examination);
  assign (&w, verification, ADMIN_REVIEWER);
  /* an administrator who verifies blind is blind like anyone else */
  assert_hidden (&w, verification);
  own = lk_verifications_open (w.admin_reviewer, verification, &error);
  g_assert_no_error (error);
  assert_hidden (&w, verification);
  /* the reviewer's own work is theirs to read and change */
  observe (w.admin_reviewer, own, "similar");
  observations = lk_observations_get (w.admin_reviewer, own, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (observations), >, 0);
  /* the examiner cannot touch the reviewer's work */
  observe (w.admin_reviewer, own, "similar");
  {
    LkObservationSpec o = { "nose.tip", "visible", "visible", "dissimilar", "class", NULL, NULL,
                            0 };

    g_assert_false (lk_observations_set (w.examiner, own, &o, &error));
    g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
    g_clear_error (&error);
  }
  conclude (w.admin_reviewer, own, 1, NULL);

  /* signed: now everything is open, and the opinions compare */
  candidates = lk_candidates_for_probe (w.admin_reviewer, w.probe, &error);
  g_assert_no_error (error);
  v = lk_verifications_get (w.admin_reviewer, verification, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lk_verification_get_examiner_level (v));
  c = lk_verifications_compare (w.admin_reviewer, verification, &error);
  g_assert_no_error (error);
  g_assert_false (lk_verification_comparison_get_same_level (c));
  g_assert_false (lk_verification_comparison_get_agrees (c));
  g_assert_cmpstr (lk_verification_comparison_get_rule (c), ==, "same-level");
  g_assert_cmpuint (lk_verification_comparison_get_n_differences (c), ==, 0);
  d = g_list_model_get_item (lk_verification_comparison_get_characteristics (c), 0);
  g_assert_cmpstr (lk_verification_difference_get_examiner_result (d), ==, "similar");
  /* +2 and +1 agree only under the looser rule */
  g_assert_false (lk_verifications_countersign (w.admin_reviewer, verification, NULL, PASSWORD,
                                                &error));
  assert_message (error, "disagree under the lab's rule (same-level)");
  g_clear_error (&error);
  g_assert_true (lk_policy_set (w.admin, "verification_agreement", "same-side-within-one",
                                "Lab rule 2026", &error));
  g_assert_no_error (error);
  countersign_ok (w.admin_reviewer, verification);
  world_clear (&w);
}

/* ---- agreement, sign-off and the case ------------------------------------------------------ */

static void
assert_sql_refused (World      *w,
                    const char *sql)
{
  assert_sql_refused_at (w->fixture->db_path, sql);
}

static void
test_countersign (LkTestFixture *fixture,
                  gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  g_autofree char *state = NULL;
  gint64 verification;

  world_init (&w, fixture, FALSE);
  conclude (w.examiner, w.examination, 2, NULL);
  verification = submit (&w, w.examination);
  g_assert_cmpstr ((status = case_status (&w)), ==, "verification");
  /* no closing, and no lead, before a second person countersigns */
  g_assert_false (lk_cases_move (w.admin, CASE_NUMBER, "closed", "Done", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  assert_message (error, "not countersigned");
  g_clear_error (&error);
  g_assert_false (lk_verification_require_lead (w.store, w.examination, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  g_clear_error (&error);

  assign (&w, verification, REVIEWER);
  g_assert_false (lk_verifications_countersign (w.reviewer, verification, NULL, PASSWORD,
                                                &error));
  assert_message (error, "sign your own conclusion");
  g_clear_error (&error);
  review (w.reviewer, verification, 2);
  g_assert_false (lk_verifications_countersign (w.third, verification, NULL, PASSWORD, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (lk_verifications_countersign (w.reviewer, verification, NULL, "wrong",
                                                &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_AUTHENTICATION_FAILED);
  g_clear_error (&error);
  countersign_ok (w.reviewer, verification);
  g_assert_cmpstr ((state = state_of (&w, verification)), ==, "countersigned");
  g_clear_pointer (&status, g_free);
  g_assert_cmpstr ((status = case_status (&w)), ==, "closed");
  g_assert_true (lk_verification_require_lead (w.store, w.examination, &error));
  g_assert_no_error (error);
  g_assert_false (lk_verifications_disagree (w.reviewer, verification, "return", "late",
                                             PASSWORD, &error));
  g_clear_error (&error);

  /* a countersigned verification and its signatures never change, in SQL either */
  assert_sql_refused (&w, "UPDATE verifications SET state = 'returned'");
  assert_sql_refused (&w, "DELETE FROM verifications");
  assert_sql_refused (&w, "UPDATE verification_signatures SET note = 'edited'");
  assert_sql_refused (&w, "DELETE FROM verification_signatures");
  g_assert_cmpint (lk_test_count_action (w.store, "verification.countersigned"), ==, 1);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM audit_event WHERE"
                                    " action = 'case.status-changed' AND details LIKE"
                                    " '%every conclusion verified%'"), ==, 1);
  world_clear (&w);
}

/* ---- disagreements ------------------------------------------------------------------------- */

static void
test_return_and_amend (LkTestFixture *fixture,
                       gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) revisions = NULL;
  g_autoptr(LkVerification) again = NULL;
  g_autofree char *status = NULL;
  gint64 verification, second, review_examination;

  world_init (&w, fixture, FALSE);
  conclude (w.examiner, w.examination, 2, NULL);
  verification = submit (&w, w.examination);
  assign (&w, verification, REVIEWER);
  review_examination = review (w.reviewer, verification, -1);
  g_assert_false (lk_verifications_disagree (w.reviewer, verification, "final", "No",
                                             PASSWORD, &error));
  assert_message (error, "Only a third reviewer");
  g_clear_error (&error);
  g_assert_false (lk_verifications_disagree (w.reviewer, verification, "return", " ",
                                             PASSWORD, &error));
  assert_message (error, "needs a note");
  g_clear_error (&error);
  disagree_ok (w.reviewer, verification, "return");
  g_assert_cmpstr ((status = case_status (&w)), ==, "examination");

  /* the same conclusion again is refused; reopening makes a new revision of the examination */
  g_assert_cmpint (lk_verifications_submit (w.examiner, w.examination, &error), ==, 0);
  assert_message (error, "reopen the examination");
  g_clear_error (&error);
  g_assert_false (lk_verifications_reopen (w.examiner, w.examination, "", &error));
  g_clear_error (&error);
  g_assert_false (lk_verifications_reopen (w.reviewer, w.examination, "Asked", &error));
  g_clear_error (&error);
  g_assert_true (lk_verifications_reopen (w.examiner, w.examination,
                                          "The reviewer found the nose tip dissimilar", &error));
  g_assert_no_error (error);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT revision FROM examinations WHERE"
                                    " purpose = 'examination'"), ==, 2);
  conclude (w.examiner, w.examination, -1, "Re-examined after the return");
  second = submit (&w, w.examination);
  /* back to the same reviewer, whose own opinion stands */
  again = lk_verifications_get (w.reviewer, second, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_verification_get_reviewer (again), ==, REVIEWER);
  g_assert_cmpint (lk_verification_get_review_examination_id (again), ==, review_examination);
  g_assert_cmpint (lk_verification_get_conclusion_revision (again), ==, 2);
  countersign_ok (w.reviewer, second);

  /* every opinion stays on record */
  revisions = lk_conclusions_list (w.examiner, w.examination, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (revisions), ==, 2);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM"
                                    " examination_revisions"), ==, 1);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM verifications"), ==,
                   2);
  g_assert_cmpint (lk_test_count_action (w.store, "examination.reopened"), ==, 1);
  world_clear (&w);
}

static void
test_consultation (LkTestFixture *fixture,
                   gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  gint64 verification;

  world_init (&w, fixture, FALSE);
  conclude (w.examiner, w.examination, 2, NULL);
  verification = submit (&w, w.examination);
  assign (&w, verification, REVIEWER);
  review (w.reviewer, verification, 1);
  disagree_ok (w.reviewer, verification, "consult");
  g_assert_cmpstr ((state = state_of (&w, verification)), ==, "consultation");
  g_assert_false (lk_verifications_countersign (w.reviewer, verification, NULL, PASSWORD,
                                                &error));
  assert_message (error, "from both");
  g_clear_error (&error);
  g_assert_false (lk_verifications_add_consultation_note (w.third, verification, "Me too",
                                                          PASSWORD, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_true (lk_verifications_add_consultation_note (w.examiner, verification,
                                                         "We compared the nose tip together: "
                                                         "the difference is the pose", PASSWORD,
                                                         &error));
  g_assert_no_error (error);
  g_assert_false (lk_verifications_add_consultation_note (w.examiner, verification, "Again",
                                                          PASSWORD, &error));
  assert_message (error, "already");
  g_clear_error (&error);
  g_assert_true (lk_verifications_add_consultation_note (w.reviewer, verification,
                                                         "Agreed after the consultation: the "
                                                         "pose explains it", PASSWORD, &error));
  g_assert_no_error (error);
  countersign_ok (w.reviewer, verification);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM"
                                    " verification_signatures"), ==, 4);
  g_assert_cmpint (lk_test_count_action (w.store, "verification.consulted"), ==, 2);
  world_clear (&w);
}

static void
test_third_reviewer (LkTestFixture *fixture,
                     gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) candidates = NULL;
  g_autofree char *first_state = NULL;
  g_autofree char *third_state = NULL;
  g_autofree char *status = NULL;
  gint64 verification, third;

  world_init (&w, fixture, FALSE);
  conclude (w.examiner, w.examination, 1, NULL);
  verification = submit (&w, w.examination);
  assign (&w, verification, REVIEWER);
  review (w.reviewer, verification, -2);
  disagree_ok (w.reviewer, verification, "third-reviewer");
  g_assert_cmpstr ((first_state = state_of (&w, verification)), ==, "referred");
  third = lk_test_sql_int (fixture->db_path, "SELECT id FROM verifications"
                                             " WHERE stage = 'third-review'");
  g_assert_false (lk_verifications_take (w.reviewer, third, &error));
  assert_message (error, "gave one of the opinions");
  g_clear_error (&error);
  g_assert_true (lk_verifications_take (w.third, third, &error));
  g_assert_no_error (error);
  /* the third reviewer works blind too */
  candidates = lk_candidates_for_probe (w.third, w.probe, &error);
  g_assert_null (candidates);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  review (w.third, third, -2);
  g_assert_false (lk_verifications_disagree (w.third, third, "consult", "Talk", PASSWORD,
                                             &error));
  assert_message (error, "final");
  g_clear_error (&error);
  disagree_ok (w.third, third, "final");
  g_assert_cmpstr ((third_state = state_of (&w, third)), ==, "not-confirmed");
  /* settled: the case closes, but the conclusion never leaves as a lead */
  g_assert_cmpstr ((status = case_status (&w)), ==, "closed");
  g_assert_false (lk_verification_require_lead (w.store, w.examination, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  g_clear_error (&error);
  /* three signed conclusions and two signed disagreements on record */
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM conclusions"), ==, 3);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM"
                                    " verification_signatures WHERE kind = 'disagreement'"), ==,
                   2);
  world_clear (&w);
}

static void
test_open_review (LkTestFixture *fixture,
                  gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) candidates = NULL;
  g_autoptr(LkVerification) v = NULL;
  g_autoptr(LkVerificationComparison) c = NULL;
  gint64 verification;

  world_init (&w, fixture, FALSE);
  g_assert_false (lk_policy_set (w.admin, "blind_verification_levels", "supports-same,maybe",
                                 "Typo", &error));
  assert_message (error, "not a side of the scale");
  g_clear_error (&error);
  g_assert_true (lk_policy_set (w.admin, "blind_verification_levels", "supports-same",
                                "Lab rule 2026", &error));
  g_assert_no_error (error);
  conclude (w.examiner, w.examination, -2, NULL);
  verification = submit (&w, w.examination);
  assign (&w, verification, REVIEWER);
  v = lk_verifications_get (w.reviewer, verification, &error);
  g_assert_no_error (error);
  g_assert_false (lk_verification_get_blind (v));
  g_assert_nonnull (lk_verification_get_examiner_level (v));
  candidates = lk_candidates_for_probe (w.reviewer, w.probe, &error);
  g_assert_no_error (error);
  c = lk_verifications_compare (w.reviewer, verification, &error);
  g_assert_no_error (error);
  g_assert_null (lk_verification_comparison_get_reviewer_level (c));
  countersign_ok (w.reviewer, verification);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM audit_event WHERE"
                                    " action = 'verification.countersigned' AND details LIKE"
                                    " '%open review%'"), ==, 1);
  world_clear (&w);
}

/* ---- likeness-cli -------------------------------------------------------------------------- */

static LkCliRun *
cli_as (World      *w,
        const char *user,
        ...) G_GNUC_NULL_TERMINATED;

static LkCliRun *
cli_as (World      *w,
        const char *user,
        ...)
{
  const char *p[12] = { 0 };
  va_list ap;

  va_start (ap, user);
  for (guint i = 0; i < G_N_ELEMENTS (p) - 1 && (p[i] = va_arg (ap, const char *)) != NULL; i++)
    ;
  va_end (ap);
  /* the arguments end at the first NULL */
  return lk_test_cli (g_str_equal (user, ADMIN) ? ADMIN_PASSWORD : PASSWORD, NULL, NULL,
                      "--db", w->fixture->db_path, "--user", user, p[0], p[1], p[2], p[3], p[4],
                      p[5], p[6], p[7], p[8], p[9], p[10], NULL);
}

static void
test_cli (LkTestFixture *fixture,
          gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *examination = NULL;
  g_autofree char *verification = NULL;
  g_autofree char *own = NULL;
  g_autofree char *probe = NULL;
  g_autoptr(LkCliRun) submit_run = NULL;
  g_autoptr(LkCliRun) assign_run = NULL;
  g_autoptr(LkCliRun) listed = NULL;
  g_autoptr(LkCliRun) shown = NULL;
  g_autoptr(LkCliRun) opened = NULL;
  g_autoptr(LkCliRun) countersigned = NULL;
  g_autoptr(LkCliRun) moved = NULL;
  g_autoptr(LkCliRun) competencies = NULL;
  g_autoptr(LkCliRun) candidates = NULL;

  world_init (&w, fixture, FALSE);
  conclude (w.examiner, w.examination, 2, NULL);
  examination = g_strdup_printf ("%" G_GINT64_FORMAT, w.examination);

  moved = cli_as (&w, EXAMINER, "case", "move", CASE_NUMBER, "verification", "--reason", "x",
                  NULL);
  lk_test_cli_assert_failed (moved, "Only an administrator can");
  submit_run = cli_as (&w, EXAMINER, "verify", "submit", examination, NULL);
  lk_test_cli_assert_ok (submit_run);
  verification = g_strstrip (g_strdup (submit_run->out));
  assign_run = cli_as (&w, ADMIN, "verify", "assign", verification, REVIEWER, NULL);
  lk_test_cli_assert_ok (assign_run);

  listed = cli_as (&w, REVIEWER, "verify", "list", "--mine", "--json", NULL);
  lk_test_cli_assert_ok (listed);
  g_assert_nonnull (strstr (listed->out, "hidden until the reviewer signs"));
  g_assert_null (strstr (listed->out, "support"));
  shown = cli_as (&w, REVIEWER, "verify", "show", verification, "--json", NULL);
  lk_test_cli_assert_ok (shown);
  g_assert_null (strstr (shown->out, "support"));
  probe = g_strdup_printf ("%" G_GINT64_FORMAT, w.probe);
  candidates = cli_as (&w, REVIEWER, "candidates", "list", probe, NULL);
  lk_test_cli_assert_failed (candidates, "hidden from you");

  opened = cli_as (&w, REVIEWER, "verify", "open", verification, NULL);
  lk_test_cli_assert_ok (opened);
  own = g_strstrip (g_strdup (opened->out));
  conclude (w.reviewer, g_ascii_strtoll (own, NULL, 10), 2, NULL);
  countersigned = cli_as (&w, REVIEWER, "verify", "countersign", verification, "--note",
                          "Same level, blind", NULL);
  lk_test_cli_assert_ok (countersigned);
  g_clear_pointer (&shown, lk_cli_run_free);
  shown = cli_as (&w, EXAMINER, "case", "show", CASE_NUMBER, "--json", NULL);
  lk_test_cli_assert_ok (shown);
  g_assert_nonnull (strstr (shown->out, "\"countersigned\""));
  g_assert_nonnull (strstr (shown->out, "\"status\" : \"closed\""));
  competencies = cli_as (&w, ADMIN, "competency", "list", "--user", REVIEWER, NULL);
  lk_test_cli_assert_ok (competencies);
  g_assert_nonnull (strstr (competencies->out, "reviewer"));
  g_assert_nonnull (strstr (competencies->out, "current"));
  world_clear (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/verification/competency", test_competency);
  LK_TEST_ADD ("/likeness/verification/reviewer-rules", test_reviewer_rules);
  LK_TEST_ADD ("/likeness/verification/blind", test_blind);
  LK_TEST_ADD ("/likeness/verification/countersign", test_countersign);
  LK_TEST_ADD ("/likeness/verification/return-and-amend", test_return_and_amend);
  LK_TEST_ADD ("/likeness/verification/consultation", test_consultation);
  LK_TEST_ADD ("/likeness/verification/third-reviewer", test_third_reviewer);
  LK_TEST_ADD ("/likeness/verification/open-review", test_open_review);
  LK_TEST_ADD ("/likeness/verification/cli", test_cli);

  return g_test_run ();
}
