/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cases: the request fields the core insists on, approval of categories that need it, the
 * status steps and their audit trail, reads recorded as consultations, and the JSON view. */
#include "config.h"

#include <string.h>

#include "lk-test-util.h"
#include "casework/lk-cases.h"
#include "casework/lk-probes.h"
#include "casework/lk-vocabulary.h"
#include "people/lk-roles.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse"
#define EXAMINER "erin"
#define EXAMINER_PASSWORD "battery staple"
#define REVIEWER "rita"
#define REVIEWER_PASSWORD "reviewer pass"
#define TRAINEE "tim"
#define TRAINEE_PASSWORD "trainee pass"
#define TRAINER "tara"
#define TRAINER_PASSWORD "trainer pass"

/* A store with an administrator and an examiner, both logged in. */
typedef struct
{
  LkStore   *store;
  LkSession *admin;
  LkSession *examiner;
} World;

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

static void
world_init (World         *w,
            LkTestFixture *fixture)
{
  w->store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  w->admin = lk_test_login (w->store, ADMIN, ADMIN_PASSWORD);
  w->examiner = add_and_login (w, EXAMINER, LK_ROLE_EXAMINER, EXAMINER_PASSWORD);
}

static void
world_clear (World *w)
{
  g_clear_object (&w->examiner);
  g_clear_object (&w->admin);
  g_clear_object (&w->store);
}

static LkCaseRequest
request_for (const char *number,
             const char *offence)
{
  return (LkCaseRequest) {
    number,
    "Robbery at the petrol station on Quay Street",
    offence,
    "Criminal Procedure Act, section 55",
    "The offender's face is visible on CCTV; other lines of enquiry are exhausted",
    "Chief Inspector Ward",
    "Robbery Squad",
    NULL,
  };
}

static LkCase *
create_ok (LkSession           *session,
           const LkCaseRequest *request)
{
  g_autoptr(GError) error = NULL;
  LkCase *c = lk_cases_create (session, request, &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c;
}

static void
move_ok (LkSession  *session,
         const char *number,
         const char *status,
         const char *reason)
{
  g_autoptr(GError) error = NULL;

  if (!lk_cases_move (session, number, status, reason, &error))
    g_error ("Moving %s to %s: %s", number, status, error->message);
  g_assert_no_error (error);
}

static void
assert_move_refused (LkSession  *session,
                     const char *number,
                     const char *status,
                     const char *reason,
                     const char *expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lk_cases_move (session, number, status, reason, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  if (strstr (error->message, expected) == NULL)
    g_error ("Expected “%s” in: %s", expected, error->message);
}

static char *
case_status (LkTestFixture *fixture,
             const char    *number)
{
  g_autofree char *sql = g_strdup_printf ("SELECT status FROM cases WHERE number = '%s'", number);

  return lk_test_sql_text (fixture->db_path, sql);
}

static gint64
count_rows (LkTestFixture *fixture,
            const char    *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return lk_test_sql_int (fixture->db_path, sql);
}

typedef struct
{
  gint64 cases;
  gint64 history;
  gint64 audit;
} Counts;

static Counts
counts (LkTestFixture *fixture)
{
  return (Counts) { count_rows (fixture, "cases"), count_rows (fixture, "case_status_history"),
                    count_rows (fixture, "audit_event") };
}

static void
assert_unchanged (LkTestFixture *fixture,
                  const Counts  *before)
{
  Counts after = counts (fixture);

  g_assert_cmpint (after.cases, ==, before->cases);
  g_assert_cmpint (after.history, ==, before->history);
  g_assert_cmpint (after.audit, ==, before->audit);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
demo_path (const char *name)
{
  const char *source = g_getenv ("LIKENESS_SOURCE_DIR");

  g_assert_nonnull (source);
  return g_build_filename (source, "data", "demo", name, NULL);
}

/* ---- creation ------------------------------------------------------------------------------ */

/* A day of next year, as YYYY-@month_day: a review date that stays valid. */
static char *
next_year (const char *month_day)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_strdup_printf ("%d-%s", g_date_time_get_year (now) + 1, month_day);
}

static void
test_create (LkTestFixture *fixture,
             gconstpointer  data)
{
  World w = { 0 };
  LkCaseRequest request = request_for ("2026-0001", "ROB");
  g_autoptr(LkCase) c = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *details_text = NULL;
  g_autofree char *review = next_year ("07-01");

  world_init (&w, fixture);
  request.review_date = review;
  c = create_ok (w.examiner, &request);

  g_assert_cmpstr (lk_case_get_number (c), ==, "2026-0001");
  g_assert_cmpstr (lk_case_get_title (c), ==, request.title);
  g_assert_cmpstr (lk_case_get_offence_code (c), ==, "ROB");
  g_assert_cmpstr (lk_case_get_offence_name (c), ==, "Armed or aggravated robbery");
  g_assert_cmpint (lk_case_get_seriousness (c), ==, 4);
  g_assert_cmpstr (lk_case_get_legal_basis (c), ==, request.legal_basis);
  g_assert_cmpstr (lk_case_get_purpose (c), ==, request.purpose);
  g_assert_cmpstr (lk_case_get_authorised_by (c), ==, "Chief Inspector Ward");
  g_assert_cmpstr (lk_case_get_requested_by (c), ==, "Robbery Squad");
  g_assert_cmpstr (lk_case_get_review_date (c), ==, review);
  g_assert_cmpstr (lk_case_get_status (c), ==, "open");
  g_assert_cmpstr (lk_case_get_examiner (c), ==, EXAMINER);
  g_assert_cmpint (lk_case_get_n_probes (c), ==, 0);
  g_assert_null (lk_case_get_decision_note (c));

  g_assert_cmpint (lk_test_count_action (w.store, "case.created"), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "case.status-changed"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "case_status_history"), ==, 1);
  details_text = lk_test_sql_text (fixture->db_path,
                                   "SELECT details FROM audit_event WHERE action = 'case.created'");
  details = parse_object (details_text);
  g_assert_cmpstr (json_object_get_string_member (details, "offence"), ==, "ROB");
  g_assert_cmpstr (json_object_get_string_member (details, "purpose"), ==, request.purpose);

  /* creating returns the case read back, which is itself a consultation */
  event = lk_test_last_event (w.store);
  g_assert_cmpstr (event->action, ==, "case.viewed");
  g_assert_cmpstr (event->object, ==, "2026-0001");
  g_assert_cmpstr (event->user, ==, EXAMINER);

  /* an administrator may open a case too */
  g_clear_object (&c);
  request = request_for ("2026-0002", "HOM");
  c = create_ok (w.admin, &request);
  g_assert_cmpstr (lk_case_get_examiner (c), ==, ADMIN);
  world_clear (&w);
}

static void
assert_create_refused (World               *w,
                       LkTestFixture       *fixture,
                       const LkCaseRequest *request,
                       int                  code,
                       const char          *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) c = NULL;
  Counts before = counts (fixture);

  c = lk_cases_create (w->examiner, request, &error);
  g_assert_null (c);
  g_assert_error (error, LK_ERROR, code);
  if (strstr (error->message, expected) == NULL)
    g_error ("Expected “%s” in: %s", expected, error->message);
  assert_unchanged (fixture, &before);
}

static void
test_required_fields (LkTestFixture *fixture,
                      gconstpointer  data)
{
  static const char * const labels[] = {
    "case number", "title", "offence category", "legal basis",
    "purpose and necessity statement", "authorising officer", "requesting unit",
  };
  World w = { 0 };

  world_init (&w, fixture);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      LkCaseRequest request = request_for ("2026-0001", "ROB");
      const char **fields[] = { &request.number, &request.title, &request.offence_code,
                                &request.legal_basis, &request.purpose, &request.authorised_by,
                                &request.requested_by };

      g_test_message ("missing %s", labels[i]);
      *fields[i] = NULL;
      assert_create_refused (&w, fixture, &request, LK_ERROR_INVALID_INPUT, labels[i]);
      *fields[i] = " \t\n ";
      assert_create_refused (&w, fixture, &request, LK_ERROR_INVALID_INPUT, labels[i]);
    }
  g_assert_cmpint (count_rows (fixture, "cases"), ==, 0);
  g_assert_cmpint (lk_test_count_action (w.store, "case.created"), ==, 0);
  world_clear (&w);
}

static void
test_bad_values (LkTestFixture *fixture,
                 gconstpointer  data)
{
  static const char * const bad_dates[] = { "2026-13-01", "2026-02-30", "tomorrow", "2026-1-1",
                                            "2026-01-01T10:00:00", "1900-01-01", "2025-12-31",
                                            "9999-01-01", "2026-01-01\n" };
  World w = { 0 };
  LkCaseRequest request = request_for ("2026-0001", "XYZ");
  g_autofree char *long_number = g_strnfill (65, '7');
  g_autoptr(LkCase) c = NULL;

  world_init (&w, fixture);
  assert_create_refused (&w, fixture, &request, LK_ERROR_INVALID_INPUT, "XYZ");
  assert_create_refused (&w, fixture, &request, LK_ERROR_INVALID_INPUT,
                         "Unknown offence category");
  request.offence_code = "";
  assert_create_refused (&w, fixture, &request, LK_ERROR_INVALID_INPUT, "offence category");

  request = request_for ("2026-0001", "ROB");
  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      request.review_date = bad_dates[i];
      assert_create_refused (&w, fixture, &request, LK_ERROR_INVALID_INPUT, "review date");
    }

  request = request_for (long_number, "ROB");
  assert_create_refused (&w, fixture, &request, LK_ERROR_INVALID_INPUT, "64 characters");
  g_assert_cmpint (count_rows (fixture, "cases"), ==, 0);

  /* a code typed in lower case is the category itself, stored as listed */
  request = request_for ("2026-0001", "rob");
  c = create_ok (w.examiner, &request);
  g_assert_cmpstr (lk_case_get_offence_code (c), ==, "ROB");
  g_assert_cmpint (lk_case_get_seriousness (c), ==, 4);
  world_clear (&w);
}

static void
test_duplicate_number (LkTestFixture *fixture,
                       gconstpointer  data)
{
  World w = { 0 };
  LkCaseRequest request = request_for ("2026-0001", "ROB");
  g_autoptr(LkCase) first = NULL;
  g_autofree char *title = NULL;

  world_init (&w, fixture);
  first = create_ok (w.examiner, &request);
  request.title = "Another title";
  request.offence_code = "HOM";
  assert_create_refused (&w, fixture, &request, LK_ERROR_EXISTS, "2026-0001");

  /* the first case is untouched, and the refused one left no trace */
  title = lk_test_sql_text (fixture->db_path, "SELECT title FROM cases");
  g_assert_cmpstr (title, ==, lk_case_get_title (first));
  g_assert_cmpint (lk_test_count_action (w.store, "case.created"), ==, 1);
  world_clear (&w);
}

static void
test_roles (LkTestFixture *fixture,
            gconstpointer  data)
{
  World w = { 0 };
  LkCaseRequest request = request_for ("2026-0001", "ROB");
  g_autoptr(LkSession) reviewer = NULL;
  g_autoptr(LkSession) trainee = NULL;
  g_autoptr(LkSession) trainer = NULL;
  g_autoptr(LkCase) c = NULL;
  g_autoptr(GError) error = NULL;
  LkSession *outsiders[2];
  gint64 searched;

  world_init (&w, fixture);
  reviewer = add_and_login (&w, REVIEWER, LK_ROLE_REVIEWER, REVIEWER_PASSWORD);
  trainee = add_and_login (&w, TRAINEE, LK_ROLE_TRAINEE, TRAINEE_PASSWORD);
  trainer = add_and_login (&w, TRAINER, LK_ROLE_TRAINER, TRAINER_PASSWORD);
  outsiders[0] = trainee;
  outsiders[1] = trainer;

  /* a reviewer reads casework but does not open cases or move them */
  c = lk_cases_create (reviewer, &request, &error);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_assert_null (c);
  g_clear_error (&error);
  c = create_ok (w.examiner, &request);
  g_assert_false (lk_cases_move (reviewer, "2026-0001", "analysis", NULL, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  {
    g_autoptr(GListModel) list = lk_cases_list (reviewer, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  }

  searched = lk_test_count_action (w.store, "case.searched");
  for (guint i = 0; i < G_N_ELEMENTS (outsiders); i++)
    {
      g_autoptr(GListModel) list = lk_cases_list (outsiders[i], NULL, NULL, NULL, &error);
      g_autoptr(LkCase) one = NULL;
      g_autoptr(LkCase) none = NULL;
      g_autoptr(JsonObject) json = NULL;

      g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
      g_assert_null (list);
      g_clear_error (&error);
      one = lk_cases_get (outsiders[i], "2026-0001", &error);
      g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
      g_assert_null (one);
      g_clear_error (&error);
      /* not even whether a case number exists */
      none = lk_cases_get (outsiders[i], "2026-9999", &error);
      g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
      g_assert_null (none);
      g_clear_error (&error);
      json = lk_cases_to_json (outsiders[i], "2026-0001", &error);
      g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
      g_assert_null (json);
      g_clear_error (&error);
      g_assert_null (lk_cases_create (outsiders[i], &request, &error));
      g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
      g_clear_error (&error);
    }
  g_assert_cmpint (lk_test_count_action (w.store, "case.searched"), ==, searched);
  g_assert_cmpint (count_rows (fixture, "cases"), ==, 1);
  world_clear (&w);
}

/* ---- approval ------------------------------------------------------------------------------ */

static void
test_approval (LkTestFixture *fixture,
               gconstpointer  data)
{
  World w = { 0 };
  LkCaseRequest theft = request_for ("2026-0100", "THF");
  LkCaseRequest damage = request_for ("2026-0101", "DMG");
  g_autoptr(LkCase) c = NULL;
  g_autoptr(LkCase) d = NULL;
  g_autoptr(LkCase) approved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = demo_path ("grace_hopper.jpg");
  g_autofree char *reason = NULL;
  LkProvenance provenance = { "cctv", "video-frame", "PC Ada Jones", "2026-01-15T14:32:00Z",
                              "Warrant 2026/18", "Exhibit AJ/2", FALSE };
  Counts before;

  world_init (&w, fixture);
  theft.title = "Shop theft";
  c = create_ok (w.examiner, &theft);
  g_assert_cmpstr (lk_case_get_status (c), ==, "awaiting-approval");
  g_assert_cmpint (lk_case_get_seriousness (c), ==, 2);
  reason = lk_test_sql_text (fixture->db_path, "SELECT reason FROM case_status_history");
  g_assert_nonnull (strstr (reason, "approval"));

  /* no probe, and no step of the working sequence, before the decision */
  before = counts (fixture);
  g_assert_cmpint (lk_probes_import_file (w.examiner, "2026-0100", path, &provenance, NULL,
                                          &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "Awaiting approval"));
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture, "probes"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "images"), ==, 0);
  assert_move_refused (w.admin, "2026-0100", "open", "why", "one step");
  assert_move_refused (w.admin, "2026-0100", "analysis", "why", "one step");
  assert_unchanged (fixture, &before);

  /* only an administrator decides, and only with a reason */
  g_assert_false (lk_cases_decide (w.examiner, "2026-0100", TRUE, "looks fine", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (lk_cases_decide (w.admin, "2026-0100", TRUE, NULL, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "reason"));
  g_clear_error (&error);
  g_assert_false (lk_cases_decide (w.admin, "2026-0100", TRUE, "   ", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (lk_cases_decide (w.admin, "2026-4040", TRUE, "no such case", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpstr (case_status (fixture, "2026-0100"), ==, "awaiting-approval");
  g_assert_cmpint (count_rows (fixture, "case_status_history"), ==, 1);

  g_assert_true (lk_cases_decide (w.admin, "2026-0100", TRUE,
                                  "Repeat offender, series of 14 thefts", &error));
  g_assert_no_error (error);
  approved = lk_cases_get (w.examiner, "2026-0100", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_case_get_status (approved), ==, "open");
  g_assert_cmpstr (lk_case_get_decision_note (approved), ==,
                   "Repeat offender, series of 14 thefts");
  g_assert_cmpint (count_rows (fixture, "case_status_history"), ==, 2);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path,
                                    "SELECT count(*) FROM audit_event WHERE"
                                    " action = 'case.status-changed' AND \"user\" = 'admin'"
                                    " AND details LIKE '%14 thefts%'"), ==, 1);

  /* decided once */
  g_assert_false (lk_cases_decide (w.admin, "2026-0100", FALSE, "changed my mind", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "not awaiting approval"));
  g_clear_error (&error);

  /* a rejected case stays shut */
  d = create_ok (w.examiner, &damage);
  g_assert_cmpstr (lk_case_get_status (d), ==, "awaiting-approval");
  g_assert_true (lk_cases_decide (w.admin, "2026-0101", FALSE, "Not proportionate", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (case_status (fixture, "2026-0101"), ==, "rejected");
  assert_move_refused (w.admin, "2026-0101", "open", "please", "one step");
  g_assert_cmpint (lk_probes_import_file (w.examiner, "2026-0101", path, &provenance, NULL,
                                          &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* the approved case now takes a probe */
  g_assert_cmpint (lk_test_import_portrait (w.examiner, "2026-0100", NULL), >, 0);
  g_assert_cmpstr (case_status (fixture, "2026-0100"), ==, "analysis");
  world_clear (&w);
}

/* ---- status -------------------------------------------------------------------------------- */

static void
test_status_steps (LkTestFixture *fixture,
                   gconstpointer  data)
{
  /* status, reason, by the administrator */
  static const struct { const char *status, *reason; gboolean admin; } expected[] = {
    { "open", "case created", FALSE },
    { "analysis", "first probe imported", FALSE },
    { "examination", "every probe analysed", FALSE },
    { "analysis", "The probe needs a second look", TRUE },
    { "examination", "Re-checked: nothing changes", TRUE },
    { "verification", "Nothing to examine: every candidate eliminated", TRUE },
    { "closed", "Nothing to verify", TRUE },
    { "archived", "Kept for the review date", TRUE },
  };
  World w = { 0 };
  LkCaseRequest request = request_for ("2026-0001", "ROB");
  g_autoptr(LkCase) c = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *history;
  gint64 probe_id;

  world_init (&w, fixture);
  c = create_ok (w.examiner, &request);

  /* the status moves by itself as the work is done: the first probe, the last analysis */
  probe_id = lk_test_import_portrait (w.examiner, "2026-0001", NULL);
  g_assert_cmpstr (case_status (fixture, "2026-0001"), ==, "analysis");
  lk_test_lock_suitable (w.examiner, probe_id);
  g_assert_cmpstr (case_status (fixture, "2026-0001"), ==, "examination");

  /* manual moves are for administrators, always with a reason, one step at a time */
  g_assert_false (lk_cases_move (w.examiner, "2026-0001", "analysis", "Second look", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  assert_move_refused (w.admin, "2026-0001", "analysis", NULL, "needs a reason");
  assert_move_refused (w.admin, "2026-0001", "analysis", "  ", "needs a reason");
  assert_move_refused (w.admin, "2026-0001", "closed", "skip", "one step");
  assert_move_refused (w.admin, "2026-0001", "awaiting-approval", "sneaky", "one step");
  assert_move_refused (w.admin, "2026-0001", "no-such-status", "why", "one step");
  for (guint i = 3; i < G_N_ELEMENTS (expected); i++)
    move_ok (w.admin, "2026-0001", expected[i].status, expected[i].reason);
  assert_move_refused (w.admin, "2026-0001", "open", "reopen", "one step");
  g_assert_false (lk_cases_move (w.admin, "2026-4040", "analysis", "why", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* every move is in the history and in the audit log, in order */
  json = lk_cases_to_json (w.examiner, "2026-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json, "status"), ==, "archived");
  history = json_object_get_array_member (json, "history");
  g_assert_cmpuint (json_array_get_length (history), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *step = json_array_get_object_element (history, i);

      g_assert_cmpstr (json_object_get_string_member (step, "status"), ==, expected[i].status);
      g_assert_cmpstr (json_object_get_string_member (step, "reason"), ==, expected[i].reason);
      g_assert_cmpstr (json_object_get_string_member (step, "by"), ==,
                       expected[i].admin ? ADMIN : EXAMINER);
      g_assert_nonnull (json_object_get_string_member (step, "at"));
    }
  g_assert_cmpint (lk_test_count_action (w.store, "case.status-changed"), ==,
                   G_N_ELEMENTS (expected));
  g_assert_cmpint (lk_test_sql_int (fixture->db_path,
                                    "SELECT count(*) FROM audit_event"
                                    " WHERE action = 'case.status-changed'"
                                    " AND object = '2026-0001'"
                                    " AND details LIKE '%second look%'"), ==, 1);
  world_clear (&w);
}

static void
test_probe_only_while_open (LkTestFixture *fixture,
                            gconstpointer  data)
{
  World w = { 0 };
  LkCaseRequest request = request_for ("2026-0001", "ROB");
  g_autoptr(LkCase) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = demo_path ("grace_hopper.jpg");
  g_autofree char *reason = NULL;
  gint64 second;
  LkProvenance provenance = { "cctv", "video-frame", "PC Ada Jones", "2026-01-15T14:32:00Z",
                              "Warrant 2026/18", "Exhibit AJ/2", FALSE };

  world_init (&w, fixture);
  c = create_ok (w.examiner, &request);
  /* the first probe moves an open case into analysis, its locked analysis on to examination */
  lk_test_lock_suitable (w.examiner, lk_test_import_portrait (w.examiner, "2026-0001", NULL));
  g_assert_cmpstr (case_status (fixture, "2026-0001"), ==, "examination");
  /* a further probe is still welcome during examination, and takes the case back to analysis */
  second = lk_probes_import_file (w.examiner, "2026-0001", path, &provenance, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second, >, 0);
  g_assert_cmpstr (case_status (fixture, "2026-0001"), ==, "analysis");
  reason = lk_test_sql_text (fixture->db_path, "SELECT reason FROM case_status_history"
                                               " ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (reason, ==, "a new probe awaits its analysis");
  lk_test_lock_suitable (w.examiner, second);
  g_assert_cmpstr (case_status (fixture, "2026-0001"), ==, "examination");
  /* once the work is with the reviewers, no more */
  move_ok (w.admin, "2026-0001", "verification", "Test: on");
  g_assert_cmpint (lk_probes_import_file (w.examiner, "2026-0001", path, &provenance, NULL,
                                          &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "Verification"));
  g_assert_cmpint (count_rows (fixture, "probes"), ==, 2);
  world_clear (&w);
}

/* ---- reading ------------------------------------------------------------------------------- */

static void
test_reads_audited (LkTestFixture *fixture,
                    gconstpointer  data)
{
  World w = { 0 };
  LkCaseRequest request = request_for ("2026-0001", "ROB");
  g_autoptr(LkCase) c = NULL;
  g_autoptr(LkCase) again = NULL;
  g_autoptr(LkCase) missing = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GError) error = NULL;
  gint64 viewed;

  world_init (&w, fixture);
  c = create_ok (w.examiner, &request);
  viewed = lk_test_count_action (w.store, "case.viewed");

  again = lk_cases_get (w.admin, "2026-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_test_count_action (w.store, "case.viewed"), ==, viewed + 1);
  event = lk_test_last_event (w.store);
  g_assert_cmpstr (event->action, ==, "case.viewed");
  g_assert_cmpstr (event->object, ==, "2026-0001");
  g_assert_cmpstr (event->user, ==, ADMIN);
  g_assert_cmpstr (event->role, ==, "administrator");
  g_clear_pointer (&event, lk_audit_event_free);

  list = lk_cases_list (w.examiner, "petrol", "open", EXAMINER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  event = lk_test_last_event (w.store);
  g_assert_cmpstr (event->action, ==, "case.searched");
  g_assert_cmpstr (event->user, ==, EXAMINER);
  details = parse_object (event->details);
  g_assert_cmpstr (json_object_get_string_member (details, "search"), ==, "petrol");
  g_assert_cmpstr (json_object_get_string_member (details, "status"), ==, "open");
  g_assert_cmpstr (json_object_get_string_member (details, "examiner"), ==, EXAMINER);
  g_clear_pointer (&event, lk_audit_event_free);

  json = lk_cases_to_json (w.examiner, "2026-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_test_count_action (w.store, "case.viewed"), ==, viewed + 2);

  missing = lk_cases_get (w.examiner, "2026-9999", &error);
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "2026-9999"));
  g_assert_null (missing);
  world_clear (&w);
}

static void
test_to_json (LkTestFixture *fixture,
              gconstpointer  data)
{
  World w = { 0 };
  LkCaseRequest request = request_for ("2026-0001", "ROB");
  g_autoptr(LkCase) c = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(JsonObject) reparsed = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = demo_path ("grace_hopper.jpg");
  g_autofree char *contents = NULL;
  g_autofree char *expected_sha = NULL;
  gsize length;
  JsonArray *probes;
  JsonObject *probe, *provenance, *analysis;
  gint64 probe_id;

  world_init (&w, fixture);
  c = create_ok (w.examiner, &request);
  json = lk_cases_to_json (w.examiner, "2026-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json, "probes")), ==, 0);
  g_clear_pointer (&json, json_object_unref);

  probe_id = lk_test_import_portrait (w.examiner, "2026-0001", NULL);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  expected_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents,
                                              length);

  json = lk_cases_to_json (w.examiner, "2026-0001", &error);
  g_assert_no_error (error);
  probes = json_object_get_array_member (json, "probes");
  g_assert_cmpuint (json_array_get_length (probes), ==, 1);
  probe = json_array_get_object_element (probes, 0);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (probe, "analysis")));
  g_clear_pointer (&json, json_object_unref);

  lk_test_lock_suitable (w.examiner, probe_id);
  json = lk_cases_to_json (w.examiner, "2026-0001", &error);
  g_assert_no_error (error);

  /* through text and back, as `case show --json` hands it on */
  root = json_node_init_object (json_node_alloc (), json);
  text = json_to_string (root, TRUE);
  reparsed = parse_object (text);

  g_assert_cmpstr (json_object_get_string_member (reparsed, "number"), ==, "2026-0001");
  g_assert_cmpstr (json_object_get_string_member (reparsed, "title"), ==, request.title);
  g_assert_cmpstr (json_object_get_string_member (reparsed, "status"), ==, "examination");
  g_assert_cmpstr (json_object_get_string_member (reparsed, "offence"), ==, "ROB");
  g_assert_cmpstr (json_object_get_string_member (reparsed, "legal_basis"), ==,
                   request.legal_basis);
  g_assert_cmpstr (json_object_get_string_member (reparsed, "workspace"), ==, "casework");
  g_assert_nonnull (strstr (json_object_get_string_member (reparsed, "result_use"),
                            "never an identification"));

  probes = json_object_get_array_member (reparsed, "probes");
  g_assert_cmpuint (json_array_get_length (probes), ==, 1);
  probe = json_array_get_object_element (probes, 0);
  g_assert_cmpint (json_object_get_int_member (probe, "id"), ==, probe_id);
  g_assert_cmpstr (json_object_get_string_member (probe, "sha256"), ==, expected_sha);
  g_assert_cmpstr (json_object_get_string_member (probe, "status"), ==, "analysed");

  provenance = json_object_get_object_member (probe, "provenance");
  g_assert_nonnull (provenance);
  g_assert_cmpstr (json_object_get_string_member (provenance, "source_type"), ==, "cctv");
  g_assert_cmpstr (json_object_get_string_member (provenance, "kind"), ==, "video-frame");
  g_assert_cmpstr (json_object_get_string_member (provenance, "acquired_by"), ==, "PC Ada Jones");
  g_assert_cmpstr (json_object_get_string_member (provenance, "authority"), ==,
                   "Warrant 2026/17");
  g_assert_false (json_object_get_boolean_member (provenance, "simulated"));

  /* the quality readout of the chosen face */
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (probe, "quality")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (probe, "quality")), ==,
                    8);

  analysis = json_object_get_object_member (probe, "analysis");
  g_assert_nonnull (analysis);
  g_assert_cmpstr (json_object_get_string_member (analysis, "suitability"), ==, "suitable");
  g_assert_cmpstr (json_object_get_string_member (analysis, "examiner"), ==, EXAMINER);
  g_assert_cmpint (json_object_get_int_member (analysis, "revision"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (analysis, "components")),
                    ==, 3);
  world_clear (&w);
}

static const char *
number_at (GListModel *cases,
           guint       position)
{
  g_autoptr(LkCase) c = g_list_model_get_item (cases, position);

  /* The list holds its own reference, so the number outlives this one. */
  return lk_case_get_number (c);
}

static guint
count_numbered (GListModel *cases,
                const char *number)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    if (g_str_equal (number_at (cases, i), number))
      n++;
  return n;
}

static GListModel *
list_ok (LkSession  *session,
         const char *search,
         const char *status,
         const char *examiner)
{
  g_autoptr(GError) error = NULL;
  GListModel *cases = lk_cases_list (session, search, status, examiner, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cases);
  return cases;
}

static void
test_list_filters (LkTestFixture *fixture,
                   gconstpointer  data)
{
  World w = { 0 };
  LkCaseRequest robbery = request_for ("ROB-2026-001", "ROB");
  LkCaseRequest theft = request_for ("THF-2026-002", "THF");
  LkCaseRequest homicide = request_for ("HOM-2026-003", "HOM");
  g_autoptr(LkCase) a = NULL;
  g_autoptr(LkCase) b = NULL;
  g_autoptr(LkCase) c = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) petrol = NULL;
  g_autoptr(GListModel) shouting = NULL;
  g_autoptr(GListModel) by_number = NULL;
  g_autoptr(GListModel) awaiting = NULL;
  g_autoptr(GListModel) mine = NULL;
  g_autoptr(GListModel) theirs = NULL;
  g_autoptr(GListModel) combined = NULL;
  g_autoptr(GListModel) nothing = NULL;
  g_autoptr(GListModel) stranger = NULL;

  world_init (&w, fixture);
  theft.title = "Shop theft in the market hall";
  homicide.title = "Body found in the canal";
  a = create_ok (w.examiner, &robbery);
  b = create_ok (w.examiner, &theft);
  c = create_ok (w.admin, &homicide);

  all = list_ok (w.examiner, NULL, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 3);
  /* newest first */
  g_assert_cmpstr (number_at (all, 0), ==, "HOM-2026-003");
  g_assert_cmpstr (number_at (all, 2), ==, "ROB-2026-001");

  petrol = list_ok (w.examiner, "petrol", NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (petrol), ==, 1);
  g_assert_cmpuint (count_numbered (petrol, "ROB-2026-001"), ==, 1);
  shouting = list_ok (w.examiner, "CANAL", NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shouting), ==, 1);
  g_assert_cmpuint (count_numbered (shouting, "HOM-2026-003"), ==, 1);
  by_number = list_ok (w.examiner, "2026-00", NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (by_number), ==, 3);

  awaiting = list_ok (w.examiner, NULL, "awaiting-approval", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (awaiting), ==, 1);
  g_assert_cmpuint (count_numbered (awaiting, "THF-2026-002"), ==, 1);

  mine = list_ok (w.examiner, NULL, NULL, EXAMINER);
  g_assert_cmpuint (g_list_model_get_n_items (mine), ==, 2);
  g_assert_cmpuint (count_numbered (mine, "HOM-2026-003"), ==, 0);
  theirs = list_ok (w.examiner, NULL, NULL, ADMIN);
  g_assert_cmpuint (g_list_model_get_n_items (theirs), ==, 1);
  g_assert_cmpuint (count_numbered (theirs, "HOM-2026-003"), ==, 1);

  combined = list_ok (w.examiner, "THF", "open", EXAMINER);
  g_assert_cmpuint (g_list_model_get_n_items (combined), ==, 0);
  nothing = list_ok (w.examiner, "burglary", NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (nothing), ==, 0);
  stranger = list_ok (w.examiner, NULL, NULL, "nobody");
  g_assert_cmpuint (g_list_model_get_n_items (stranger), ==, 0);
  world_clear (&w);
}

static void
test_statuses (void)
{
  const char * const *statuses = lk_vocabulary_case_statuses ();

  g_assert_cmpuint (g_strv_length ((char **) statuses), ==, 8);
  g_assert_cmpstr (statuses[0], ==, "awaiting-approval");
  g_assert_cmpstr (lk_vocabulary_case_status_label ("awaiting-approval"), ==, "Awaiting approval");
  g_assert_cmpstr (lk_vocabulary_case_status_label ("verification"), ==, "Verification");
  g_assert_cmpstr (lk_vocabulary_case_status_label ("unknown"), ==, "unknown");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/likeness/cases/statuses", test_statuses);
  LK_TEST_ADD ("/likeness/cases/create", test_create);
  LK_TEST_ADD ("/likeness/cases/required-fields", test_required_fields);
  LK_TEST_ADD ("/likeness/cases/bad-values", test_bad_values);
  LK_TEST_ADD ("/likeness/cases/duplicate-number", test_duplicate_number);
  LK_TEST_ADD ("/likeness/cases/roles", test_roles);
  LK_TEST_ADD ("/likeness/cases/approval", test_approval);
  LK_TEST_ADD ("/likeness/cases/status-steps", test_status_steps);
  LK_TEST_ADD ("/likeness/cases/probe-only-while-open", test_probe_only_while_open);
  LK_TEST_ADD ("/likeness/cases/reads-audited", test_reads_audited);
  LK_TEST_ADD ("/likeness/cases/to-json", test_to_json);
  LK_TEST_ADD ("/likeness/cases/list-filters", test_list_filters);

  return g_test_run ();
}
