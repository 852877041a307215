/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The typed case records the case page shows: the case, its status history and its probe
 * summaries, read as one audited consultation and agreeing with `case show --json`. */
#include "config.h"

#include "lk-test-casework.h"
#include "lk-test-util.h"
#include "casework/lk-cases.h"
#include "casework/lk-probes.h"
#include "demo/lk-demo.h"
#include "people/lk-roles.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

#define NUMBER "2026-0001"

static const LkTestWorldSpec case_spec = {
  NUMBER, "Robbery at the petrol station on Quay Street", FALSE, FALSE, NULL,
};

static LkCaseDetails *
details_ok (LkSession  *session,
            const char *number)
{
  g_autoptr(GError) error = NULL;
  LkCaseDetails *details = lk_cases_get_details (session, number, &error);

  g_assert_no_error (error);
  g_assert_nonnull (details);
  return details;
}

static LkProbeSummary *
only_probe (LkCaseDetails *details)
{
  GListModel *probes = lk_case_details_get_probes (details);

  g_assert_true (g_list_model_get_item_type (probes) == LK_TYPE_PROBE_SUMMARY);
  g_assert_cmpuint (g_list_model_get_n_items (probes), ==, 1);
  return g_list_model_get_item (probes, 0);
}

/* ---- probes -------------------------------------------------------------------------------- */

/* After importing a probe the case shows it awaiting analysis; after locking the analysis it
 * shows it analysed, with no examination yet. */
static void
test_probe_summary (LkTestFixture *fixture,
                    gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autoptr(LkCaseDetails) before = NULL;
  g_autoptr(LkCaseDetails) imported = NULL;
  g_autoptr(LkCaseDetails) locked = NULL;
  g_autoptr(LkProbeSummary) p = NULL;
  g_autoptr(LkProbeSummary) q = NULL;
  g_autofree char *sha256 = NULL;
  gint64 id;

  lk_test_world_init_case (&w, fixture, &case_spec);
  before = details_ok (w.examiner, NUMBER);
  g_assert_cmpuint (g_list_model_get_n_items (lk_case_details_get_probes (before)), ==, 0);
  g_assert_false (lk_case_details_get_demo (before));

  id = lk_test_import_portrait (w.examiner, NUMBER, &sha256);
  imported = details_ok (w.examiner, NUMBER);
  g_assert_cmpint (lk_case_get_n_probes (lk_case_details_get_case (imported)), ==, 1);
  g_assert_cmpstr (lk_case_get_status (lk_case_details_get_case (imported)), ==, "analysis");
  p = only_probe (imported);
  g_assert_cmpint (lk_probe_summary_get_id (p), ==, id);
  g_assert_cmpstr (lk_probe_summary_get_file_name (p), ==, "grace_hopper.jpg");
  g_assert_cmpstr (lk_probe_summary_get_source_type (p), ==, "cctv");
  g_assert_cmpstr (lk_probe_summary_get_kind (p), ==, "video-frame");
  g_assert_cmpstr (lk_probe_summary_get_sha256 (p), ==, sha256);
  g_assert_cmpstr (lk_probe_summary_get_status (p), ==, "awaiting-analysis");
  g_assert_cmpint (lk_probe_summary_get_width (p), ==,
                   lk_test_sql_int (fixture->db_path, "SELECT width FROM probes"));
  g_assert_cmpint (lk_probe_summary_get_height (p), ==,
                   lk_test_sql_int (fixture->db_path, "SELECT height FROM probes"));
  g_assert_cmpint (lk_probe_summary_get_width (p), >, 0);
  g_assert_false (lk_probe_summary_get_simulated (p));
  g_assert_cmpuint (lk_probe_summary_get_n_examinations (p), ==, 0);
  g_assert_cmpuint (lk_probe_summary_get_n_signed (p), ==, 0);

  lk_test_lock_suitable (w.examiner, id);
  locked = details_ok (w.examiner, NUMBER);
  q = only_probe (locked);
  g_assert_cmpstr (lk_probe_summary_get_status (q), ==, "analysed");
  /* A record is what was read: the earlier one still says what it said. */
  g_assert_cmpstr (lk_probe_summary_get_status (p), ==, "awaiting-analysis");
  lk_test_world_clear (&w);
}

static guint
n_signed_json (JsonArray *examinations,
               guint     *n_examinations)
{
  guint n = 0;

  *n_examinations = 0;
  for (guint i = 0; i < json_array_get_length (examinations); i++)
    {
      JsonObject *e = json_array_get_object_element (examinations, i);

      /* the examiners' examinations; the reviewers' own are part of their verifications */
      if (g_strcmp0 (json_object_get_string_member (e, "purpose"), "examination") != 0)
        continue;
      (*n_examinations)++;
      n += json_array_get_length (json_object_get_array_member (e, "conclusions")) > 0;
    }
  return n;
}

static void
assert_summary_is_json (LkProbeSummary *p,
                        JsonObject     *o)
{
  JsonObject *provenance = json_object_get_object_member (o, "provenance");
  JsonArray *examinations = json_object_get_array_member (o, "examinations");
  guint n_examinations = 0, n_signed;

  g_assert_cmpint (lk_probe_summary_get_id (p), ==, json_object_get_int_member (o, "id"));
  g_assert_cmpstr (lk_probe_summary_get_file_name (p), ==,
                   json_object_get_string_member (o, "file_name"));
  g_assert_cmpstr (lk_probe_summary_get_sha256 (p), ==,
                   json_object_get_string_member (o, "sha256"));
  g_assert_cmpstr (lk_probe_summary_get_status (p), ==,
                   json_object_get_string_member (o, "status"));
  g_assert_cmpint (lk_probe_summary_get_width (p), ==, json_object_get_int_member (o, "width"));
  g_assert_cmpint (lk_probe_summary_get_height (p), ==,
                   json_object_get_int_member (o, "height"));
  g_assert_cmpstr (lk_probe_summary_get_source_type (p), ==,
                   json_object_get_string_member (provenance, "source_type"));
  g_assert_cmpstr (lk_probe_summary_get_kind (p), ==,
                   json_object_get_string_member (provenance, "kind"));
  g_assert_cmpint (lk_probe_summary_get_simulated (p), ==,
                   json_object_get_boolean_member (provenance, "simulated"));
  n_signed = n_signed_json (examinations, &n_examinations);
  g_assert_cmpuint (lk_probe_summary_get_n_examinations (p), ==, n_examinations);
  g_assert_cmpuint (lk_probe_summary_get_n_signed (p), ==, n_signed);
}

/* The demo's first case has an examination with a signed conclusion: the summaries count it,
 * as `case show --json` lists it. */
static void
test_probe_summary_examinations (LkTestFixture *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) demo = lk_demo_open (fixture->db_path, &error);
  g_autoptr(LkSession) examiner = NULL;
  g_autoptr(LkCaseDetails) details = NULL;
  g_autoptr(JsonObject) json = NULL;
  JsonArray *probes;
  GListModel *summaries;
  guint n_signed = 0;

  g_assert_no_error (error);
  examiner = lk_session_login (demo, "demo-examiner", "demo", &error);
  g_assert_no_error (error);
  details = details_ok (examiner, "DEMO-2026-001");
  g_assert_true (lk_case_details_get_demo (details));
  json = lk_cases_to_json (examiner, "DEMO-2026-001", &error);
  g_assert_no_error (error);
  probes = json_object_get_array_member (json, "probes");
  summaries = lk_case_details_get_probes (details);
  g_assert_cmpuint (g_list_model_get_n_items (summaries), ==, json_array_get_length (probes));
  for (guint i = 0; i < g_list_model_get_n_items (summaries); i++)
    {
      g_autoptr(LkProbeSummary) p = g_list_model_get_item (summaries, i);

      assert_summary_is_json (p, json_array_get_object_element (probes, i));
      n_signed += lk_probe_summary_get_n_signed (p);
    }
  g_assert_cmpuint (n_signed, >=, 1);
}

/* ---- history ------------------------------------------------------------------------------- */

/* Every move is listed, newest last, with who made it and why. */
static void
test_history (LkTestFixture *fixture,
              gconstpointer  data)
{
  static const char * const expected[][3] = {
    { "open", LK_TEST_WORLD_EXAMINER, "case created" },
    { "analysis", LK_TEST_WORLD_EXAMINER, "first probe imported" },
    { "examination", LK_TEST_WORLD_EXAMINER, "every probe analysed" },
    { "analysis", LK_TEST_WORLD_ADMIN, "The probe needs a second look" },
  };
  LkTestWorld w = { 0 };
  g_autoptr(LkCaseDetails) details = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) json = NULL;
  JsonArray *history_json;
  GListModel *history;
  g_autofree char *previous = NULL;

  lk_test_world_init_case (&w, fixture, &case_spec);
  lk_test_lock_suitable (w.examiner, lk_test_import_portrait (w.examiner, NUMBER, NULL));
  g_assert_true (lk_cases_move (w.admin, NUMBER, "analysis", "The probe needs a second look",
                                &error));
  g_assert_no_error (error);

  details = details_ok (w.examiner, NUMBER);
  history = lk_case_details_get_history (details);
  g_assert_true (g_list_model_get_item_type (history) == LK_TYPE_CASE_EVENT);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, G_N_ELEMENTS (expected));
  json = lk_cases_to_json (w.examiner, NUMBER, &error);
  g_assert_no_error (error);
  history_json = json_object_get_array_member (json, "history");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(LkCaseEvent) event = g_list_model_get_item (history, i);
      JsonObject *o = json_array_get_object_element (history_json, i);

      g_assert_cmpstr (lk_case_event_get_status (event), ==, expected[i][0]);
      g_assert_cmpstr (lk_case_event_get_by (event), ==, expected[i][1]);
      g_assert_cmpstr (lk_case_event_get_reason (event), ==, expected[i][2]);
      g_assert_cmpstr (lk_case_event_get_at (event), ==, json_object_get_string_member (o, "at"));
      if (previous != NULL)
        g_assert_cmpstr (previous, <=, lk_case_event_get_at (event));
      g_free (previous);
      previous = g_strdup (lk_case_event_get_at (event));
    }
  lk_test_world_clear (&w);
}

/* ---- consultation -------------------------------------------------------------------------- */

/* One read of the details is one consultation of the case, as one `case show` is. */
static void
test_details_audited (LkTestFixture *fixture,
                      gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autoptr(LkCaseDetails) details = NULL;
  g_autoptr(LkCaseDetails) missing = NULL;
  g_autoptr(LkCaseDetails) refused = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  g_autoptr(LkSession) trainee = NULL;
  g_autoptr(GError) error = NULL;
  gint64 viewed;

  lk_test_world_init_case (&w, fixture, &case_spec);
  lk_test_import_portrait (w.examiner, NUMBER, NULL);
  viewed = lk_test_count_action (w.store, "case.viewed");
  details = details_ok (w.admin, NUMBER);
  g_assert_cmpint (lk_test_count_action (w.store, "case.viewed"), ==, viewed + 1);
  event = lk_test_last_event (w.store);
  g_assert_cmpstr (event->action, ==, "case.viewed");
  g_assert_cmpstr (event->object, ==, NUMBER);
  g_assert_cmpstr (event->user, ==, LK_TEST_WORLD_ADMIN);

  missing = lk_cases_get_details (w.examiner, "2026-9999", &error);
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  g_assert_null (missing);
  g_clear_error (&error);

  trainee = lk_test_world_add_user (&w, "tim", LK_ROLE_TRAINEE, "trainee pass");
  refused = lk_cases_get_details (trainee, NUMBER, &error);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_assert_null (refused);
  g_assert_cmpint (lk_test_count_action (w.store, "case.viewed"), ==, viewed + 1);
  lk_test_world_clear (&w);
}

/* ---- properties ---------------------------------------------------------------------------- */

static void
assert_read_only (GType               type,
                  const char * const *names)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);

  for (guint i = 0; names[i] != NULL; i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), names[i]);

      if (pspec == NULL)
        g_error ("%s has no property “%s”", g_type_name (type), names[i]);
      g_assert_true (pspec->flags & G_PARAM_READABLE);
      g_assert_false (pspec->flags & G_PARAM_WRITABLE);
    }
}

/* The records are read-only snapshots: every field is a property, none writable, and a
 * binding carries the value on creation. */
static void
test_properties (LkTestFixture *fixture,
                 gconstpointer  data)
{
  static const char * const case_names[] = {
    "id", "number", "title", "offence-code", "offence-name", "seriousness", "legal-basis",
    "purpose", "authorised-by", "requested-by", "review-date", "status", "examiner",
    "created-at", "decision-note", "n-probes", NULL,
  };
  static const char * const event_names[] = { "status", "at", "by", "reason", NULL };
  static const char * const probe_names[] = {
    "id", "file-name", "source-type", "kind", "width", "height", "sha256", "status",
    "simulated", "n-examinations", "n-signed", NULL,
  };
  static const char * const details_names[] = { "case", "history", "probes", "demo", NULL };
  LkTestWorld w = { 0 };
  g_autoptr(LkCaseDetails) details = NULL;
  g_autoptr(LkProbeSummary) p = NULL;
  g_autoptr(GSimpleAction) action = g_simple_action_new ("examine", NULL);
  g_autofree char *number = NULL;
  g_autofree char *offence = NULL;
  g_autoptr(GListModel) history = NULL;
  LkCase *c = NULL;
  int n_probes = -1;

  assert_read_only (LK_TYPE_CASE, case_names);
  assert_read_only (LK_TYPE_CASE_EVENT, event_names);
  assert_read_only (LK_TYPE_PROBE_SUMMARY, probe_names);
  assert_read_only (LK_TYPE_CASE_DETAILS, details_names);

  lk_test_world_init_case (&w, fixture, &case_spec);
  lk_test_import_portrait (w.examiner, NUMBER, NULL);
  details = details_ok (w.examiner, NUMBER);
  g_object_get (details, "case", &c, "history", &history, NULL);
  g_object_get (c, "number", &number, "offence-code", &offence, "n-probes", &n_probes, NULL);
  g_assert_cmpstr (number, ==, NUMBER);
  g_assert_cmpstr (offence, ==, "ROB");
  g_assert_cmpint (n_probes, ==, 1);
  g_assert_true (history == lk_case_details_get_history (details));
  g_object_unref (c);

  /* A probe that is not simulated turns the action off as the binding is made. */
  p = only_probe (details);
  g_assert_true (g_action_get_enabled (G_ACTION (action)));
  g_object_bind_property (p, "simulated", action, "enabled", G_BINDING_SYNC_CREATE);
  g_assert_false (g_action_get_enabled (G_ACTION (action)));
  lk_test_world_clear (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/case-details/probe-summary", test_probe_summary);
  LK_TEST_ADD ("/likeness/case-details/probe-summary-examinations",
               test_probe_summary_examinations);
  LK_TEST_ADD ("/likeness/case-details/history", test_history);
  LK_TEST_ADD ("/likeness/case-details/audited", test_details_audited);
  LK_TEST_ADD ("/likeness/case-details/properties", test_properties);

  return g_test_run ();
}
