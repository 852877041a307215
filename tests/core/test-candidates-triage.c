/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Candidate lists once imported: masking until the analysis is locked, scores and ranks hidden
 * unless revealed, the seeded shuffle and the first presentation, triage before verification,
 * `candidates` in likeness-cli and the published schema. */
#include "config.h"

#include "lk-test-candidates.h"

static GListModel *
candidates_ok (LkSession *session,
               gint64     probe)
{
  g_autoptr(GError) error = NULL;
  GListModel *candidates = lk_candidates_for_probe (session, probe, &error);

  g_assert_no_error (error);
  g_assert_nonnull (candidates);
  return candidates;
}

/* ---- masking ----------------------------------------------------------------------------- */

/* A list recorded for a probe whose analysis is not locked, as no core call would allow: the
 * read paths must still refuse it. */
static gint64
insert_list_behind_the_gate (LkTestWorld *w,
                             gint64       probe)
{
  g_autofree char *sql =
    g_strdup_printf ("INSERT INTO candidate_lists (probe_id, engine_name, engine_version,"
                     " reference_db_id, list_length, performed_at, source_format, source_sha256,"
                     " imported_by, imported_at) VALUES (%" G_GINT64_FORMAT ", 'X', '1', %"
                     G_GINT64_FORMAT ", 1, '2026-01-16T09:30:00Z', 'json', 'x', 1, 'now');"
                     "INSERT INTO candidates (list_id, rank, score, subject_ref, image_sha256,"
                     " metadata, display_order) SELECT max (id), 1, 0.5, 'S1', '%s', '{}', 1"
                     " FROM candidate_lists;", probe, w->database, w->probe_sha256);

  lk_test_sql (w->fixture->db_path, sql);
  return lk_test_world_sql_int (w, "SELECT max(id) FROM candidates");
}

static void
assert_masked (LkTestWorld *w,
               gint64       candidate)
{
  g_autoptr(GError) error = NULL;
  gint64 list = lk_test_world_sql_int (w, "SELECT list_id FROM candidates WHERE id = %"
                                       G_GINT64_FORMAT, candidate);

  g_assert_null (lk_candidates_for_probe (w->examiner, w->probe, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_MASKED);
  g_clear_error (&error);
  g_assert_null (lk_candidates_read_image (w->examiner, candidate, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_MASKED);
  g_clear_error (&error);
  g_assert_null (lk_candidates_list_json (w->reviewer, list, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_MASKED);
  g_clear_error (&error);
  g_assert_false (lk_candidates_reveal_scores (w->examiner, list, "curious", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_MASKED);
  g_clear_error (&error);
  g_assert_false (lk_candidates_shuffle (w->examiner, list, 3, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_MASKED);
  g_clear_error (&error);
  g_assert_false (lk_candidates_set_triage (w->examiner, candidate, "retained", NULL, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_MASKED);
}

/* ---- hidden scores ----------------------------------------------------------------------- */

static char *
order_of (GListModel *candidates)
{
  g_autoptr(GString) order = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (candidates); i++)
    g_string_append_printf (order, "%s ",
                            lk_candidate_get_subject_ref (lk_test_item_at (candidates, i)));
  return g_string_free (g_steal_pointer (&order), FALSE);
}

/* The documented algorithm, written out again: Fisher-Yates over rank order with GRand seeded
 * from the two 32-bit halves of the seed. */
static char *
expected_order (guint64 seed)
{
  const char *refs[] = { "SUBJ-0001", "SUBJ-0002", "SUBJ-0003", "SUBJ-0004", "SUBJ-0005" };
  guint32 words[2] = { (guint32) seed, (guint32) (seed >> 32) };
  g_autoptr(GRand) rand = g_rand_new_with_seed_array (words, 2);
  g_autoptr(GString) order = g_string_new (NULL);

  for (guint i = G_N_ELEMENTS (refs); i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
      const char *swap = refs[i - 1];

      refs[i - 1] = refs[j];
      refs[j] = swap;
    }
  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    g_string_append_printf (order, "%s ", refs[i]);
  return g_string_free (g_steal_pointer (&order), FALSE);
}

static void
assert_hidden (GListModel *candidates)
{
  for (guint i = 0; i < g_list_model_get_n_items (candidates); i++)
    {
      LkCandidate *c = lk_test_item_at (candidates, i);

      g_assert_false (lk_candidate_get_scores_visible (c));
      g_assert_cmpint (lk_candidate_get_rank (c), ==, 0);
      g_assert_true (isnan (lk_candidate_get_score (c)));
      g_assert_cmpint (lk_candidate_get_position (c), ==, (int) i + 1);
    }
}

static void
assert_visible (GListModel *candidates)
{
  for (guint i = 0; i < g_list_model_get_n_items (candidates); i++)
    {
      LkCandidate *c = lk_test_item_at (candidates, i);
      int rank = lk_candidate_get_rank (c);
      g_autofree char *subject = NULL;

      g_assert_true (lk_candidate_get_scores_visible (c));
      g_assert_cmpint (lk_candidate_get_position (c), ==, (int) i + 1);
      g_assert_cmpint (rank, >=, 1);
      g_assert_cmpint (rank, <=, (int) G_N_ELEMENTS (scores));
      subject = g_strdup_printf ("SUBJ-%04d", rank);
      g_assert_cmpstr (lk_candidate_get_subject_ref (c), ==, subject);
      g_assert_cmpfloat_with_epsilon (lk_candidate_get_score (c),
                                      g_ascii_strtod (scores[rank - 1], NULL), 1e-12);
    }
}

/* The seed of the newest recorded order of @list, 0 when none is recorded. */
static guint64
recorded_seed (LkTestWorld *w,
               gint64       list)
{
  return (guint64) lk_test_world_sql_int (w, "SELECT coalesce ((SELECT seed FROM"
                                          " list_presentations WHERE list_id = %" G_GINT64_FORMAT
                                          " ORDER BY id DESC LIMIT 1), 0)", list);
}

static gboolean
collect_details (const LkAuditEvent  *event,
                 gpointer             user_data,
                 GError             **error)
{
  g_string_append_printf (user_data, "%s %s %s\n", event->action, event->object, event->details);
  return TRUE;
}

/* Nothing outside the candidates table carries a score: not the list's details, not the
 * audit log. */
static void
assert_no_scores_outside (LkTestWorld *w,
                          gint64       list)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(JsonObject) o = lk_candidates_list_json (w->reviewer, list, &error);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_false (json_object_get_boolean_member (o, "scores_visible"));
  node = json_node_init_object (json_node_alloc (), o);
  text = json_to_string (node, FALSE);
  lk_audit_foreach (w->store, collect_details, log, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    {
      g_assert_null (strstr (text, scores[i]));
      g_assert_null (strstr (log->str, scores[i]));
    }
}

static JsonObject *
last_shuffle (LkTestWorld *w)
{
  g_autofree char *details = lk_test_world_sql_text (w, "SELECT details FROM audit_event WHERE"
                                                     " action = 'candidates.shuffled' ORDER BY seq"
                                                     " DESC LIMIT 1");

  return parse_object (details);
}

static char *
presentation_order (LkTestWorld *w,
                    gint64       list)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) facts = lk_candidates_list_json (w->examiner, list, &error);

  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (
                     json_object_get_object_member (facts, "presentation"), "order"));
}

/* ---- shuffle ----------------------------------------------------------------------------- */

static char *
shuffled_order (LkTestWorld *w,
                gint64       list,
                guint64      seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) candidates = NULL;

  g_assert_true (lk_candidates_shuffle (w->examiner, list, seed, &error));
  g_assert_no_error (error);
  candidates = candidates_ok (w->reviewer, w->probe);
  assert_hidden (candidates);
  return order_of (candidates);
}

/* ---- triage ------------------------------------------------------------------------------ */

static void
triage_refused (LkTestWorld *w,
                LkSession   *session,
                gint64       candidate,
                const char  *state,
                const char  *reason,
                int          code,
                const char  *expected)
{
  g_autoptr(GError) error = NULL;
  g_auto(Dump) before = { { 0 } };

  dump_take (w, &before);
  g_assert_false (lk_candidates_set_triage (session, candidate, state, reason, &error));
  g_assert_error (error, LK_ERROR, code);
  lk_test_assert_message (error, expected);
  if (code != LK_ERROR_PERMISSION_DENIED) /* a refusal of the role is itself audited */
    assert_unchanged (w, &before);
}

static void
triage_ok (LkTestWorld *w,
           gint64       candidate,
           const char  *state,
           const char  *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_candidates_set_triage (w->examiner, candidate, state, reason, &error));
  g_assert_no_error (error);
}

static void
move_refused (LkTestWorld *w,
              const char  *status,
              const char  *expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lk_cases_move (w->admin, CASE_NUMBER, status, "Test: move on", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  lk_test_assert_message (error, expected);
}

static void
move_ok (LkTestWorld *w,
         const char  *status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_cases_move (w->admin, CASE_NUMBER, status, "Test: move on", &error));
  g_assert_no_error (error);
}

/* ---- likeness-cli ------------------------------------------------------------------------ */

static LkCliRun *
cli_as_examiner (LkTestWorld *w,
                 const char  *a0,
                 const char  *a1,
                 const char  *a2,
                 const char  *a3,
                 const char  *a4,
                 const char  *a5)
{
  return lk_test_cli (LK_TEST_WORLD_EXAMINER_PASSWORD, NULL, NULL, "--db", w->fixture->db_path,
                      "--user", LK_TEST_WORLD_EXAMINER, a0, a1, a2, a3, a4, a5, NULL);
}

static void
assert_cli_ok (LkCliRun *run)
{
  if (run->status != 0)
    g_error ("likeness-cli failed (%d): %s", run->status, run->err);
}

static void
assert_cli_failed (LkCliRun   *run,
                   const char *expected)
{
  g_assert_cmpint (run->status, >, 0);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_cmpuint (lk_test_count_lines (run->err), ==, 1);
  if (strstr (run->err, expected) == NULL)
    g_error ("Expected “%s” in: %s", expected, run->err);
}

static void
assert_fields (const char *out,
               guint       n_lines,
               guint       n_fields)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  g_assert_cmpuint (lk_test_count_lines (out), ==, n_lines);
  for (guint i = 0; i < n_lines; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, n_fields);
    }
}

/* ---- the published schema ---------------------------------------------------------------- */

static gboolean
array_holds (JsonArray  *array,
             const char *word)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), word) == 0)
      return TRUE;
  return FALSE;
}

static void
test_masked_until_locked (LkTestFixture *fixture,
                          gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) candidates = NULL;
  g_autoptr(GBytes) image = NULL;
  gint64 hidden;
  g_auto(Dump) before = { { 0 } };

  world_init (&w, fixture, FALSE);
  write_good_list (&w, "candidates.json");
  import_refused (&w, "candidates.json", LK_ERROR_MASKED, "masked until its analysis is locked");
  hidden = insert_list_behind_the_gate (&w, w.probe);
  dump_take (&w, &before);
  assert_masked (&w, hidden);
  assert_unchanged (&w, &before);

  lock_analysis (&w, w.probe);
  import_ok (&w, "candidates.json");
  candidates = candidates_ok (w.examiner, w.probe);
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 6);
  image = lk_candidates_read_image (w.examiner, hidden, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_test_count_action (w.store, "candidate.image-viewed"), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "candidates.viewed"), ==, 1);
  world_clear (&w);
}

static void
test_not_suitable_masks (LkTestFixture *fixture,
                         gconstpointer  data)
{
  LkTestWorld w = { 0 };
  LkAnalysis not_suitable = { "not-suitable", NULL, NULL, "Face turned away in every frame" };
  g_autoptr(GError) error = NULL;
  gint64 candidate;

  world_init (&w, fixture, TRUE);
  write_good_list (&w, "candidates.json");
  import_ok (&w, "candidates.json");
  g_assert_true (lk_analysis_amend (w.examiner, w.probe, &not_suitable,
                                           "second look at the footage", &error));
  g_assert_no_error (error);
  candidate = lk_test_world_sql_int (&w, "SELECT id FROM candidates WHERE rank = 1");
  assert_masked (&w, candidate);
  world_clear (&w);
}

static void
test_hidden_scores (LkTestFixture *fixture,
                    gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) before = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(GListModel) other = NULL;
  g_autoptr(GListModel) by_policy = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  g_autofree char *order = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *after_order = NULL;
  g_autofree char *other_order = NULL;
  g_autofree char *policy_order = NULL;
  gint64 list;

  world_init (&w, fixture, TRUE);
  write_good_list (&w, "candidates.json");
  list = import_ok (&w, "candidates.json");
  before = candidates_ok (w.examiner, w.probe);
  g_assert_cmpuint (g_list_model_get_n_items (before), ==, 5);
  assert_hidden (before);
  /* Not even the order tells the ranks: it is the recorded shuffle, not the engine's. */
  order = order_of (before);
  expected = expected_order (recorded_seed (&w, list));
  g_assert_cmpstr (order, ==, expected);
  assert_no_scores_outside (&w, list);

  g_assert_false (lk_candidates_reveal_scores (w.examiner, list, "  ", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (lk_test_count_action (w.store, "scores.revealed"), ==, 0);
  g_assert_true (lk_candidates_reveal_scores (w.examiner, list, "checking the engine's margin",
                                              &error));
  g_assert_no_error (error);
  event = lk_test_last_event (w.store);
  g_assert_cmpstr (event->action, ==, "scores.revealed");
  g_assert_cmpstr (event->user, ==, LK_TEST_WORLD_EXAMINER);
  g_assert_nonnull (strstr (event->details, "checking the engine's margin"));

  /* A reveal adds rank and score to each candidate; the order, and so "Candidate N", stays. */
  after = candidates_ok (w.examiner, w.probe);
  assert_visible (after);
  after_order = order_of (after);
  g_assert_cmpstr (after_order, ==, order);
  other = candidates_ok (w.reviewer, w.probe);
  assert_hidden (other);
  other_order = order_of (other);
  g_assert_cmpstr (other_order, ==, order);

  g_assert_true (lk_policy_set (w.admin, "show_scores", "1", "agency shows scores", &error));
  g_assert_no_error (error);
  by_policy = candidates_ok (w.reviewer, w.probe);
  assert_visible (by_policy);
  policy_order = order_of (by_policy);
  g_assert_cmpstr (policy_order, ==, order);
  g_assert_cmpint (lk_test_world_sql_int (&w, "SELECT count(*) FROM list_presentations"), ==, 1);
  world_clear (&w);
}

/* By default a list is first shown, to whoever cannot see its scores, in a random order whose
 * seed is recorded and audited as a shuffle; every later reading gives that order again. */
static void
test_first_presentation_shuffled (LkTestFixture *fixture,
                                  gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autoptr(GListModel) first = NULL;
  g_autoptr(GListModel) again = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  g_autofree char *first_order = NULL;
  g_autofree char *again_order = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint64 seed;
  gint64 list;

  world_init (&w, fixture, TRUE);
  write_good_list (&w, "candidates.json");
  list = import_ok (&w, "candidates.json");
  /* Import alone decides nothing: the order is chosen when the list is first presented. */
  g_assert_cmpint (lk_test_world_sql_int (&w, "SELECT count(*) FROM list_presentations"), ==, 0);
  before = presentation_order (&w, list);
  g_assert_cmpstr (before, ==, "rank");

  first = candidates_ok (w.reviewer, w.probe);
  assert_hidden (first);
  seed = recorded_seed (&w, list);
  g_assert_cmpuint (seed, >, 0);
  g_assert_cmpint (lk_test_world_sql_int (&w, "SELECT user_id = (SELECT id FROM users WHERE"
                                          " name = '" LK_TEST_WORLD_REVIEWER "') FROM"
                                          " list_presentations"), ==, 1);
  first_order = order_of (first);
  expected = expected_order (seed);
  g_assert_cmpstr (first_order, ==, expected);

  event = lk_test_last_event (w.store);
  g_assert_cmpstr (event->action, ==, "candidates.viewed");
  g_assert_cmpint (lk_test_count_action (w.store, "candidates.shuffled"), ==, 1);
  details = last_shuffle (&w);
  g_assert_cmpint (json_object_get_int_member (details, "seed"), ==, (gint64) seed);
  g_assert_cmpint (json_object_get_int_member (details, "probe"), ==, w.probe);
  g_assert_cmpstr (json_object_get_string_member (details, "cause"), ==,
                   "first presentation with scores hidden");

  again = candidates_ok (w.examiner, w.probe);
  again_order = order_of (again);
  g_assert_cmpstr (again_order, ==, first_order);
  g_assert_cmpint (lk_test_world_sql_int (&w, "SELECT count(*) FROM list_presentations"), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "candidates.shuffled"), ==, 1);
  after = presentation_order (&w, list);
  g_assert_cmpstr (after, ==, "shuffled");
  assert_no_scores_outside (&w, list);
  world_clear (&w);
}

/* With shuffle_hidden_lists 0 the engine's order is shown and nothing is recorded; a shuffle
 * can still be asked for. */
static void
test_rank_order_by_policy (LkTestFixture *fixture,
                           gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) candidates = NULL;
  g_autoptr(GListModel) shuffled = NULL;
  g_autofree char *order = NULL;
  g_autofree char *shuffled_text = NULL;
  g_autofree char *expected = expected_order (42);
  gint64 list;

  world_init (&w, fixture, TRUE);
  g_assert_true (lk_policy_set (w.admin, "shuffle_hidden_lists", "0", "engine order wanted",
                                &error));
  g_assert_no_error (error);
  write_good_list (&w, "candidates.json");
  list = import_ok (&w, "candidates.json");
  candidates = candidates_ok (w.examiner, w.probe);
  assert_hidden (candidates);
  order = order_of (candidates);
  g_assert_cmpstr (order, ==, RANK_ORDER);
  g_assert_cmpint (lk_test_world_sql_int (&w, "SELECT count(*) FROM list_presentations"), ==, 0);
  g_assert_cmpint (lk_test_count_action (w.store, "candidates.shuffled"), ==, 0);

  g_assert_true (lk_candidates_shuffle (w.examiner, list, 42, &error));
  g_assert_no_error (error);
  shuffled = candidates_ok (w.reviewer, w.probe);
  shuffled_text = order_of (shuffled);
  g_assert_cmpstr (shuffled_text, ==, expected);
  world_clear (&w);
}

/* A user who revealed the scores before the list was ever presented sees the engine's order
 * with the ranks, and nothing is recorded for that; the first presentation to someone for
 * whom they are hidden shuffles it, and from then on everyone, the revealer too, sees that
 * order. */
static void
test_reveal_before_first_presentation (LkTestFixture *fixture,
                                       gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) revealed = NULL;
  g_autoptr(GListModel) hidden = NULL;
  g_autoptr(GListModel) later = NULL;
  g_autofree char *revealed_order = NULL;
  g_autofree char *hidden_order = NULL;
  g_autofree char *later_order = NULL;
  g_autofree char *expected = NULL;
  gint64 list;

  world_init (&w, fixture, TRUE);
  write_good_list (&w, "candidates.json");
  list = import_ok (&w, "candidates.json");
  g_assert_true (lk_candidates_reveal_scores (w.examiner, list, "engine margin", &error));
  g_assert_no_error (error);
  revealed = candidates_ok (w.examiner, w.probe);
  assert_visible (revealed);
  revealed_order = order_of (revealed);
  g_assert_cmpstr (revealed_order, ==, RANK_ORDER);
  g_assert_cmpint (lk_test_world_sql_int (&w, "SELECT count(*) FROM list_presentations"), ==, 0);

  hidden = candidates_ok (w.reviewer, w.probe);
  assert_hidden (hidden);
  hidden_order = order_of (hidden);
  expected = expected_order (recorded_seed (&w, list));
  g_assert_cmpstr (hidden_order, ==, expected);
  g_assert_cmpint (lk_test_count_action (w.store, "candidates.shuffled"), ==, 1);

  later = candidates_ok (w.examiner, w.probe);
  assert_visible (later);
  later_order = order_of (later);
  g_assert_cmpstr (later_order, ==, hidden_order);
  world_clear (&w);
}

static void
test_shuffle (LkTestFixture *fixture,
              gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(JsonObject) facts = NULL;
  g_autoptr(GListModel) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *other = NULL;
  g_autofree char *expected = expected_order (42);
  g_autofree char *again_order = NULL;
  gint64 list;

  world_init (&w, fixture, TRUE);
  write_good_list (&w, "candidates.json");
  list = import_ok (&w, "candidates.json");
  first = shuffled_order (&w, list, 42);
  g_assert_cmpstr (first, ==, expected);
  g_assert_cmpstr (first, !=, RANK_ORDER);
  details = last_shuffle (&w);
  g_assert_cmpint (json_object_get_int_member (details, "seed"), ==, 42);
  g_assert_cmpstr (json_object_get_string_member (details, "cause"), ==, "requested");

  /* Every later view keeps the order; the same seed gives it again; another seed another. */
  again = candidates_ok (w.examiner, w.probe);
  again_order = order_of (again);
  g_assert_cmpstr (again_order, ==, first);
  other = shuffled_order (&w, list, 7);
  g_assert_cmpstr (other, !=, first);
  second = shuffled_order (&w, list, 42);
  g_assert_cmpstr (second, ==, first);
  facts = lk_candidates_list_json (w.examiner, list, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (facts, "presentation"), "order"), ==,
                   "shuffled");

  g_assert_false (lk_candidates_shuffle (w.reviewer, list, 9, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_true (lk_candidates_shuffle (w.examiner, list, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&details, json_object_unref);
  details = last_shuffle (&w);
  g_assert_cmpint (json_object_get_int_member (details, "seed"), >, 0);
  g_assert_cmpint (lk_test_world_sql_int (&w, "SELECT count(*) FROM list_presentations"), ==, 4);
  world_clear (&w);
}

static void
test_triage (LkTestFixture *fixture,
             gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autoptr(GListModel) candidates = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *reason = NULL;
  gint64 ids[5];

  world_init (&w, fixture, TRUE);
  write_good_list (&w, "candidates.json");
  import_ok (&w, "candidates.json");
  for (int i = 0; i < 5; i++)
    ids[i] = lk_test_world_sql_int (&w, "SELECT id FROM candidates WHERE rank = %d", i + 1);
  /* the locked analysis moved the case on to examination by itself */
  g_assert_cmpint (lk_test_world_sql_int (&w, "SELECT status = 'examination' FROM cases"), ==, 1);

  triage_refused (&w, w.examiner, ids[0], "eliminated", NULL, LK_ERROR_INVALID_INPUT,
                  "needs a reason");
  triage_refused (&w, w.examiner, ids[0], "eliminated", " ", LK_ERROR_INVALID_INPUT,
                  "needs a reason");
  triage_refused (&w, w.examiner, ids[0], "not-reviewed", NULL, LK_ERROR_INVALID_INPUT,
                  "cannot go back to not reviewed");
  triage_refused (&w, w.examiner, ids[0], "maybe", NULL, LK_ERROR_INVALID_INPUT,
                  "Unknown triage state");
  triage_refused (&w, w.reviewer, ids[0], "retained", NULL, LK_ERROR_PERMISSION_DENIED, "");
  triage_refused (&w, w.examiner, 999, "retained", NULL, LK_ERROR_NOT_FOUND, "no candidate");

  triage_ok (&w, ids[0], "retained", NULL);
  triage_ok (&w, ids[1], "eliminated", "different ear shape");
  triage_ok (&w, ids[2], "eliminated", "scar on the left cheek absent");
  triage_ok (&w, ids[3], "retained", "worth a closer look");
  move_refused (&w, "verification", "1 candidate(s) have not been triaged");

  /* A decision may change, with its own audit event; the last one stands. */
  triage_ok (&w, ids[2], "retained", NULL);
  event = lk_test_last_event (w.store);
  g_assert_cmpstr (event->action, ==, "candidate.triaged");
  details = parse_object (event->details);
  g_assert_cmpstr (json_object_get_string_member (details, "previous"), ==, "eliminated");
  g_assert_cmpstr (json_object_get_string_member (details, "state"), ==, "retained");
  reason = lk_test_world_sql_text (&w, "SELECT triage_reason FROM candidates WHERE id = %"
                                   G_GINT64_FORMAT, ids[1]);
  g_assert_cmpstr (reason, ==, "different ear shape");
  g_assert_cmpint (lk_test_world_sql_int (&w, "SELECT triage_reason IS NULL FROM candidates"
                                          " WHERE id = %" G_GINT64_FORMAT, ids[2]), ==, 1);

  triage_ok (&w, ids[4], "eliminated", "different age group");
  g_assert_cmpint (lk_test_count_action (w.store, "candidate.triaged"), ==, 6);
  candidates = candidates_ok (w.examiner, w.probe);
  for (guint i = 0; i < g_list_model_get_n_items (candidates); i++)
    {
      LkCandidate *c = lk_test_item_at (candidates, i);

      if (lk_candidate_get_id (c) != ids[1])
        continue;
      g_assert_cmpstr (lk_candidate_get_triage_state (c), ==, "eliminated");
      g_assert_cmpstr (lk_candidate_get_triage_reason (c), ==, "different ear shape");
    }
  move_ok (&w, "verification");
  triage_refused (&w, w.examiner, ids[0], "eliminated", "second thoughts",
                  LK_ERROR_INVALID_INPUT, "triage happens while a case is in analysis or "
                  "examination");
  world_clear (&w);
}

static void
test_cli (LkTestFixture *fixture,
          gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *probe = NULL;
  g_autofree char *list = NULL;
  g_autofree char *candidate = NULL;
  g_autoptr(LkCliRun) import = NULL;
  g_autoptr(LkCliRun) refused = NULL;
  g_autoptr(LkCliRun) hidden = NULL;
  g_autoptr(LkCliRun) reveal = NULL;
  g_autoptr(LkCliRun) shown = NULL;
  g_autoptr(LkCliRun) shuffle = NULL;
  g_autoptr(LkCliRun) no_reason = NULL;
  g_autoptr(LkCliRun) triage = NULL;

  world_init (&w, fixture, TRUE);
  write_good_list (&w, "candidates.json");
  write_list (&w, "bad.json", "{\"rank\": 1, \"score\": \"NaN\", \"subject_ref\": \"S\","
                              " \"image\": \"a.png\"}");
  path = in_folder (&w, "candidates.json");
  bad = in_folder (&w, "bad.json");
  probe = g_strdup_printf ("%" G_GINT64_FORMAT, w.probe);

  refused = cli_as_examiner (&w, "candidates", "import", probe, bad, NULL, NULL);
  assert_cli_failed (refused, "bad.json: candidate 1 (rank 1): score must be a finite number");
  import = cli_as_examiner (&w, "candidates", "import", probe, path, NULL, NULL);
  assert_cli_ok (import);
  list = g_strdup_printf ("%" G_GINT64_FORMAT,
                          lk_test_world_sql_int (&w, "SELECT id FROM candidate_lists"));
  g_assert_true (g_str_has_prefix (import->out, list));
  g_assert_true (g_str_has_suffix (import->out, "\t5 candidates\n"));

  hidden = cli_as_examiner (&w, "candidates", "list", probe, NULL, NULL, NULL);
  assert_cli_ok (hidden);
  assert_fields (hidden->out, 5, 4);
  g_assert_true (g_str_has_prefix (hidden->out, "1\t"));
  g_assert_nonnull (strstr (hidden->out, "\tSUBJ-0001\tnot-reviewed\n"));
  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    g_assert_null (strstr (hidden->out, scores[i]));

  reveal = cli_as_examiner (&w, "candidates", "reveal", list, "--reason", "engine margin", NULL);
  assert_cli_ok (reveal);
  shown = cli_as_examiner (&w, "candidates", "list", probe, NULL, NULL, NULL);
  assert_cli_ok (shown);
  assert_fields (shown->out, 5, 6);
  g_assert_nonnull (strstr (shown->out, "\tSUBJ-0002\tnot-reviewed\t2\t0.877113\n"));

  shuffle = cli_as_examiner (&w, "candidates", "shuffle", list, "--seed", "42", NULL);
  assert_cli_ok (shuffle);
  g_assert_nonnull (strstr (shuffle->out, "seed 42"));
  candidate = g_strdup_printf ("%" G_GINT64_FORMAT,
                               lk_test_world_sql_int (&w, "SELECT id FROM candidates WHERE"
                                                      " rank = 2"));
  no_reason = cli_as_examiner (&w, "candidates", "triage", candidate, "eliminated", NULL, NULL);
  assert_cli_failed (no_reason, "needs a reason");
  triage = cli_as_examiner (&w, "candidates", "triage", candidate, "eliminated", "--reason",
                            "different chin");
  assert_cli_ok (triage);
  g_assert_cmpint (lk_test_world_sql_int (&w, "SELECT count(*) FROM candidates WHERE"
                                          " triage_state = 'eliminated' AND triage_reason ="
                                          " 'different chin'"), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "candidates.imported"), ==, 1);
  world_clear (&w);
}

/* The JSON Schema in resources/ says what the loader enforces. */
static void
test_schema (void)
{
  const char *source = g_getenv ("LIKENESS_SOURCE_DIR");
  g_autofree char *path = g_build_filename (source, "resources", "candidate-list.schema.json",
                                            NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) schema = NULL;
  JsonObject *properties, *candidate;
  const char *required[] = { "format", "version", "engine", "reference_database", "search",
                             "candidates" };
  const char *candidate_required[] = { "rank", "score", "subject_ref", "image" };

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  schema = parse_object (text);
  g_assert_cmpstr (json_object_get_string_member (schema, "$schema"), ==,
                   "https://json-schema.org/draft/2020-12/schema");
  properties = json_object_get_object_member (schema, "properties");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (properties, "format"), "const"), ==,
                   "likeness-candidate-list");
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (properties, "version"), "const"), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_true (array_holds (json_object_get_array_member (schema, "required"), required[i]));
  candidate = json_object_get_object_member (json_object_get_object_member (schema, "$defs"),
                                             "candidate");
  for (guint i = 0; i < G_N_ELEMENTS (candidate_required); i++)
    g_assert_true (array_holds (json_object_get_array_member (candidate, "required"),
                                candidate_required[i]));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/likeness/candidates/schema", test_schema);
  LK_TEST_ADD ("/likeness/candidates/masked-until-locked", test_masked_until_locked);
  LK_TEST_ADD ("/likeness/candidates/not-suitable-masks", test_not_suitable_masks);
  LK_TEST_ADD ("/likeness/candidates/hidden-scores", test_hidden_scores);
  LK_TEST_ADD ("/likeness/candidates/first-presentation-shuffled",
               test_first_presentation_shuffled);
  LK_TEST_ADD ("/likeness/candidates/rank-order-by-policy", test_rank_order_by_policy);
  LK_TEST_ADD ("/likeness/candidates/reveal-before-first-presentation",
               test_reveal_before_first_presentation);
  LK_TEST_ADD ("/likeness/candidates/shuffle", test_shuffle);
  LK_TEST_ADD ("/likeness/candidates/triage", test_triage);
  LK_TEST_ADD ("/likeness/candidates/cli", test_cli);
  return g_test_run ();
}
