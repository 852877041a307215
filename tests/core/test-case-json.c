/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `case show --json` describes a case in one document: each probe's candidate lists with their
 * provenance, score reveals and each candidate's triage, as far as the reader may see them.
 * Against the demo workspace. */
#include "config.h"

#include <string.h>

#include "lk-test-util.h"
#include "demo/lk-demo.h"
#include "governance/lk-policy.h"
#include "people/lk-session.h"
#include "store/lk-store.h"

#define EXAMINER "demo-examiner"
#define REVIEWER "demo-reviewer"
#define ADMIN "demo-admin"

static void
make_demo (LkTestFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) store = lk_demo_create (fixture->db_path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
}

/* The first probe of case @number as @user reads it. */
static JsonObject *
first_probe (LkTestFixture *fixture,
             const char    *user,
             const char    *number,
             JsonNode     **root)
{
  g_autoptr(LkCliRun) run = lk_test_cli (LK_DEMO_PASSWORD, NULL, NULL, "--db",
                                         fixture->db_path, "--user", user, "case", "show",
                                         number, "--json", NULL);
  g_autoptr(GError) error = NULL;
  JsonArray *probes;

  lk_test_cli_assert_ok (run);
  *root = json_from_string (run->out, &error);
  g_assert_no_error (error);
  probes = json_object_get_array_member (json_node_get_object (*root), "probes");
  g_assert_cmpuint (json_array_get_length (probes), >, 0);
  return json_array_get_object_element (probes, 0);
}

static void
assert_provenance (JsonObject *list)
{
  static const char * const members[] = {
    "id", "engine", "engine_version", "database", "legal_basis", "threshold", "list_length",
    "performed_at", "search_ms", "source_sha256", "imported_by", "imported_at", "shuffled",
    "reveals", "scores_visible", "candidates",
  };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_test_message ("%s", members[i]);
      g_assert_true (json_object_has_member (list, members[i]));
    }
  g_assert_cmpuint (strlen (json_object_get_string_member (list, "source_sha256")), ==, 64);
}

/* Every candidate has its triage; rank and score exactly when the list's scores are visible,
 * and then in rank order. */
static guint
assert_candidates (JsonObject *list)
{
  JsonArray *candidates = json_object_get_array_member (list, "candidates");
  gboolean visible = json_object_get_boolean_member (list, "scores_visible");
  guint triaged = 0;

  g_assert_cmpuint (json_array_get_length (candidates), >, 0);
  for (guint i = 0; i < json_array_get_length (candidates); i++)
    {
      JsonObject *k = json_array_get_object_element (candidates, i);

      g_assert_true (json_object_has_member (k, "subject_ref"));
      g_assert_true (json_object_has_member (k, "triage_state"));
      g_assert_true (json_object_has_member (k, "triage_reason"));
      g_assert_true (json_object_has_member (k, "triage_by"));
      g_assert_true (json_object_has_member (k, "triage_at"));
      g_assert_cmpint (json_object_has_member (k, "rank"), ==, visible);
      g_assert_cmpint (json_object_has_member (k, "score"), ==, visible);
      if (visible)
        g_assert_cmpint (json_object_get_int_member (k, "rank"), ==, i + 1);
      if (g_strcmp0 (json_object_get_string_member (k, "triage_state"), "not-reviewed") != 0)
        {
          triaged++;
          g_assert_nonnull (json_object_get_string_member (k, "triage_by"));
        }
    }
  return triaged;
}

static void
test_lists (LkTestFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *probe, *list;
  JsonArray *lists;

  make_demo (fixture);
  probe = first_probe (fixture, EXAMINER, "DEMO-2026-001", &root);
  lists = json_object_get_array_member (probe, "candidate_lists");
  g_assert_nonnull (lists);
  g_assert_cmpuint (json_array_get_length (lists), >, 0);
  list = json_array_get_object_element (lists, 0);
  assert_provenance (list);
  g_assert_false (json_object_get_boolean_member (list, "scores_visible"));
  g_assert_cmpuint (assert_candidates (list), >, 0);
}

/* With scores shown by policy, every reader with the lists sees ranks and scores. */
static void
test_scores_shown (LkTestFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *list;

  make_demo (fixture);
  {
    g_autoptr(LkStore) store = lk_store_open (fixture->db_path, LK_STORE_OPEN_DEFAULT, &error);
    g_autoptr(LkSession) admin = NULL;

    g_assert_no_error (error);
    admin = lk_test_login (store, ADMIN, LK_DEMO_PASSWORD);
    g_assert_true (lk_policy_set (admin, "show_scores", "1", "Scores shown in this lab",
                                  &error));
    g_assert_no_error (error);
  }
  list = json_array_get_object_element (
    json_object_get_array_member (first_probe (fixture, EXAMINER, "DEMO-2026-001", &root),
                                  "candidate_lists"), 0);
  g_assert_true (json_object_get_boolean_member (list, "scores_visible"));
  assert_candidates (list);
}

/* A probe whose analysis is not locked keeps its candidates masked. */
static void
test_masked (LkTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *probe;

  make_demo (fixture);
  probe = first_probe (fixture, EXAMINER, "DEMO-2026-003", &root);
  g_assert_false (json_object_has_member (probe, "candidate_lists"));
  g_assert_nonnull (strstr (json_object_get_string_member (probe, "candidate_lists_withheld"),
                            "masked"));
}

/* The demo's fourth case waits in demo-reviewer's blind queue: nothing of its lists for them,
 * the lists for the examiner. */
static void
test_blind (LkTestFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(JsonNode) reviewer_root = NULL;
  g_autoptr(JsonNode) examiner_root = NULL;
  g_autoptr(LkCliRun) run = NULL;
  JsonObject *probe;

  make_demo (fixture);
  probe = first_probe (fixture, REVIEWER, "DEMO-2026-004", &reviewer_root);
  g_assert_false (json_object_has_member (probe, "candidate_lists"));
  g_assert_nonnull (strstr (json_object_get_string_member (probe, "candidate_lists_withheld"),
                            "blind verification"));
  run = lk_test_cli (LK_DEMO_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", REVIEWER,
                     "case", "show", "DEMO-2026-004", "--json", NULL);
  lk_test_cli_assert_ok (run);
  g_assert_null (strstr (run->out, "triage_reason"));
  g_assert_null (strstr (run->out, "DEMO-SUBJ-"));

  probe = first_probe (fixture, EXAMINER, "DEMO-2026-004", &examiner_root);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (probe,
                                                                         "candidate_lists")),
                    >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/case-json/lists", test_lists);
  LK_TEST_ADD ("/likeness/case-json/scores-shown", test_scores_shown);
  LK_TEST_ADD ("/likeness/case-json/masked", test_masked);
  LK_TEST_ADD ("/likeness/case-json/blind", test_blind);

  return g_test_run ();
}
