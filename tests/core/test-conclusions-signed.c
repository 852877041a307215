/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The signed conclusion afterwards: immutability down to SQL of what it rests on, the revision
 * chain, the JSON of `case show` with its lead-only statement, the `examination` commands of
 * likeness-cli, and the rules of policy with their severities. */
#include "config.h"

#include "lk-test-conclusions.h"
#include "lk-test-policy.h"

static LkEnhancementStack *
greyscale_stack (void)
{
  LkEnhancementStack *stack = lk_enhancement_stack_new ();
  g_autoptr(LkEnhancementStep) step = lk_enhancement_step_new ("greyscale");

  lk_enhancement_stack_append (stack, step);
  return stack;
}

/* An annotation, an alignment and a probe enhancement, then a signed conclusion. */
static gint64
sign_with_charting (World *w)
{
  LkConclusionDraft draft = draft_at (2);
  g_autoptr(LkEnhancementStack) stack = greyscale_stack ();
  g_autoptr(GError) error = NULL;
  gint64 annotation = add_marker (w);

  g_assert_true (lk_examinations_set_alignment (w->examiner, w->examination, probe_eyes,
                                                candidate_eyes, &error));
  g_assert_no_error (error);
  g_assert_true (lk_examinations_set_enhancements (w->examiner, w->examination, "probe", stack,
                                                   &error));
  g_assert_no_error (error);
  observe (w, "nose.tip", "similar", "class");
  sign_ok (w, &draft, NULL);
  return annotation;
}

/* Everything stored of the annotations, the alignment and the enhancements, in one text per
 * table (SQLite's group_concat is string_agg on a server). */
static char *
charting_state (World *w)
{
  const char *join = lk_test_server () != NULL ? "string_agg" : "group_concat";
  g_autofree char *annotations_sql =
    g_strdup_printf ("SELECT %s (id || image || kind || coalesce (CAST (pair AS TEXT), '-')"
                     " || geometry || label || coalesce (characteristic, '-')"
                     " || coalesce (updated_at, '-') || coalesce (deleted_at, '-'), ';')"
                     " FROM annotations", join);
  g_autofree char *examinations_sql =
    g_strdup_printf ("SELECT %s (coalesce (alignment, '-') || probe_enhancements"
                     " || candidate_enhancements, ';') FROM examinations", join);
  g_autofree char *annotations = lk_test_sql_text (w->fixture->db_path, annotations_sql);
  g_autofree char *examinations = lk_test_sql_text (w->fixture->db_path, examinations_sql);

  return g_strdup_printf ("%s|%s", annotations, examinations);
}

static void
assert_frozen (GError **error)
{
  g_assert_error (*error, LK_ERROR, LK_ERROR_REFUSED);
  assert_message (*error, FROZEN);
  g_clear_error (error);
}

static void
signed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gint64 *id = user_data;
  g_autoptr(GError) error = NULL;

  *id = lk_conclusions_sign_finish (result, &error);
  g_assert_no_error (error);
}

/* ---- case JSON and likeness-cli ------------------------------------------------------------ */

static JsonObject *
case_examination (World *w)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) json = lk_cases_to_json (w->reviewer, CASE_NUMBER, &error);
  JsonObject *probe;

  g_assert_no_error (error);
  probe = json_array_get_object_element (json_object_get_array_member (json, "probes"), 0);
  return json_object_ref (json_array_get_object_element (
                            json_object_get_array_member (probe, "examinations"), 0));
}

/* ---- rules of policy, each with its severity ---------------------------------------------- */

/* The warnings of a draft at @ordinal as the check returns them, refused or not. */
static GPtrArray *
check_at (World   *w,
          int      ordinal,
          GError **error)
{
  LkConclusionDraft draft = draft_at (ordinal);
  GPtrArray *warnings = NULL;

  lk_conclusions_check (w->examiner, w->examination, &draft, &warnings, error);
  g_assert_nonnull (warnings);
  return warnings;
}

static const LkConclusionWarning *
find_warning (GPtrArray  *warnings,
              const char *id)
{
  for (guint i = 0; i < warnings->len; i++)
    if (g_str_equal (((LkConclusionWarning *) g_ptr_array_index (warnings, i))->id, id))
      return g_ptr_array_index (warnings, i);
  return NULL;
}

/* The warning @id at @ordinal, not refused, saying @message exactly. */
static void
assert_warned (World      *w,
               int         ordinal,
               const char *id,
               const char *rule,
               const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = check_at (w, ordinal, &error);
  const LkConclusionWarning *found = find_warning (warnings, id);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_false (found->refused);
  g_assert_cmpstr (found->rule, ==, rule);
  if (message != NULL)
    g_assert_cmpstr (found->message, ==, message);
}

/* Refused at @ordinal by @rule, with @message in the error and in the refused item. */
static void
assert_refused (World      *w,
                int         ordinal,
                const char *id,
                const char *rule,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = check_at (w, ordinal, &error);
  const LkConclusionWarning *found = find_warning (warnings, id);
  g_autofree char *expected = g_strdup_printf ("Policy refuses this level (rule %s): %s", rule,
                                               message);

  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_nonnull (found);
  g_assert_true (found->refused);
  g_assert_cmpstr (found->rule, ==, rule);
  g_assert_cmpstr (found->message, ==, message);
}

/* Signing refuses it whatever is acknowledged, and writes nothing. */
static void
assert_sign_refused (World      *w,
                     int         ordinal,
                     GHashTable *acknowledgements,
                     const char *rule)
{
  LkConclusionDraft draft = draft_at (ordinal);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("Policy refuses this level (rule %s)", rule);
  gint64 before = sql_int (w, "SELECT count(*) FROM conclusions");

  g_assert_cmpint (lk_conclusions_sign (w->examiner, w->examination, &draft, acknowledgements,
                                        EXAMINER_PASSWORD, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  assert_message (error, expected);
  g_assert_cmpint (sql_int (w, "SELECT count(*) FROM conclusions"), ==, before);
}

static void
test_frozen_with_signature (LkTestFixture *fixture,
                            gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(JsonArray) point = json_array_new ();
  g_autoptr(JsonArray) geometry = json_array_new ();
  g_autoptr(LkEnhancementStack) stack = greyscale_stack ();
  g_autoptr(LkEnhancementStack) empty = lk_enhancement_stack_new ();
  g_autoptr(JsonObject) before_signing = NULL;
  g_autoptr(JsonObject) after_signing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  g_autofree char *state_after = NULL;
  LkAnnotationSpec spec = { "candidate", "marker", 0, geometry, NULL, NULL };
  gint64 annotation, events, other;

  world_init (&w, fixture, "suitable");
  before_signing = lk_examinations_get (w.examiner, w.examination, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_get_boolean_member (before_signing, "signed"));
  annotation = sign_with_charting (&w);
  after_signing = lk_examinations_get (w.examiner, w.examination, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (after_signing, "signed"));

  state = charting_state (&w);
  events = sql_int (&w, "SELECT count(*) FROM audit_event");
  json_array_add_int_element (point, 40);
  json_array_add_int_element (point, 50);
  json_array_add_array_element (geometry, json_array_ref (point));
  g_assert_cmpint (lk_examinations_add_annotation (w.examiner, w.examination, &spec, &error),
                   ==, 0);
  assert_frozen (&error);
  g_assert_false (lk_examinations_update_annotation (w.examiner, annotation, geometry,
                                                     "Moved after signing", NULL, &error));
  assert_frozen (&error);
  g_assert_false (lk_examinations_delete_annotation (w.examiner, annotation, &error));
  assert_frozen (&error);
  g_assert_false (lk_examinations_set_alignment (w.examiner, w.examination, candidate_eyes,
                                                 probe_eyes, &error));
  assert_frozen (&error);
  g_assert_false (lk_examinations_reset_alignment (w.examiner, w.examination, &error));
  assert_frozen (&error);
  g_assert_false (lk_examinations_set_enhancements (w.examiner, w.examination, "probe", empty,
                                                    &error));
  assert_frozen (&error);
  g_assert_false (lk_examinations_set_enhancements (w.examiner, w.examination, "candidate",
                                                    stack, &error));
  assert_frozen (&error);
  /* setting the same stack again is refused too, not silently accepted */
  g_assert_false (lk_examinations_set_enhancements (w.examiner, w.examination, "probe", stack,
                                                    &error));
  assert_frozen (&error);
  state_after = charting_state (&w);
  g_assert_cmpstr (state_after, ==, state);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM audit_event"), ==, events);

  /* the time spent is no part of the conclusion */
  g_assert_true (lk_examinations_add_time (w.examiner, w.examination, 30, &error));
  g_assert_no_error (error);

  /* another examiner's examination of the same candidate is not frozen by this signature */
  other = lk_examinations_open (w.other, w.candidate, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_examinations_add_annotation (w.other, other, &spec, &error), >, 0);
  g_assert_no_error (error);
  world_clear (&w);
}

static void
test_frozen_in_sql (LkTestFixture *fixture,
                    gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *state = NULL;
  g_autofree char *state_after = NULL;
  g_autofree char *insert = NULL;
  const char *db = fixture->db_path;

  world_init (&w, fixture, "suitable");
  sign_with_charting (&w);
  state = charting_state (&w);

  insert = g_strdup_printf ("INSERT INTO annotations (examination_id, image, kind, geometry,"
                            " created_at) VALUES (%" G_GINT64_FORMAT ", 'candidate', 'marker',"
                            " '[[40, 50]]', 'now')", w.examination);
  assert_sql_refused (db, insert, "annotations of a signed conclusion");
  assert_sql_refused (db, "UPDATE annotations SET geometry = '[[1, 1]]'",
                      "annotations of a signed conclusion");
  assert_sql_refused (db, "UPDATE annotations SET deleted_at = 'now'",
                      "annotations of a signed conclusion");
  assert_sql_refused (db, "DELETE FROM annotations", "annotations of a signed conclusion");
  assert_sql_refused (db, "UPDATE examinations SET alignment = NULL",
                      "alignment and enhancements of a signed conclusion");
  assert_sql_refused (db, "UPDATE examinations SET probe_enhancements = '[]'",
                      "alignment and enhancements of a signed conclusion");
  assert_sql_refused (db, "UPDATE examinations SET candidate_enhancements = probe_enhancements",
                      "alignment and enhancements of a signed conclusion");
  /* the time spent still counts */
  lk_test_sql (db, "UPDATE examinations SET seconds_spent = seconds_spent + 1");
  state_after = charting_state (&w);
  g_assert_cmpstr (state_after, ==, state);
  world_clear (&w);
}

/* The UI signs in a worker thread: the password check is slow by design. */
static void
test_sign_async (LkTestFixture *fixture,
                 gconstpointer  data)
{
  World w = { 0 };
  LkConclusionDraft draft = draft_at (-2);
  gint64 id = 0, amended = 0;

  world_init (&w, fixture, "suitable");
  observe (&w, "nose.tip", "dissimilar", "class");
  lk_conclusions_sign_async (w.examiner, w.examination, &draft, NULL, NULL, EXAMINER_PASSWORD,
                             NULL, signed_cb, &id);
  while (id == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (id, >, 0);
  draft.ordinal = -3;
  lk_conclusions_sign_async (w.examiner, w.examination, &draft, NULL, "Looked again",
                             EXAMINER_PASSWORD, NULL, signed_cb, &amended);
  while (amended == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (amended, >, id);
  g_assert_cmpint (sql_int (&w, "SELECT max (revision) FROM conclusions"), ==, 2);
  world_clear (&w);
}

/* ---- revisions ----------------------------------------------------------------------------- */

static void
test_amend (LkTestFixture *fixture,
            gconstpointer  data)
{
  World w = { 0 };
  LkConclusionDraft draft = draft_at (2);
  LkConclusionDraft changed = draft_at (-1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) list = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  JsonObject *first, *second, *third;
  gint64 id1, id2, id3;

  world_init (&w, fixture, "suitable");
  observe (&w, "nose.tip", "similar", "class");
  g_assert_cmpint (lk_conclusions_amend (w.examiner, w.examination, &changed, NULL,
                                         "Second look", EXAMINER_PASSWORD, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  id1 = sign_ok (&w, &draft, NULL);

  g_assert_cmpint (lk_conclusions_amend (w.examiner, w.examination, &changed, NULL, "  ",
                                         EXAMINER_PASSWORD, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (lk_conclusions_amend (w.examiner, w.examination, &changed, NULL,
                                         "Second look", "guess", &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_AUTHENTICATION_FAILED);
  g_clear_error (&error);

  changed.propositions = "Hp: the man on the CCTV still is SUBJ-0001. Hd: he is someone else.";
  id2 = lk_conclusions_amend (w.examiner, w.examination, &changed, NULL,
                              "The hairline difference is not explained by age after all",
                              EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id2, >, id1);
  event = lk_test_last_event (w.store);
  g_assert_cmpstr (event->action, ==, "conclusion.amended");
  g_assert_nonnull (strstr (event->details, "hairline difference"));
  id3 = lk_conclusions_amend (w.examiner, w.examination, &draft, NULL, "Back to the first view",
                              EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);

  /* all revisions stay, each pointing to the one it amends */
  list = conclusions (&w);
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  first = json_array_get_object_element (list, 0);
  second = json_array_get_object_element (list, 1);
  third = json_array_get_object_element (list, 2);
  g_assert_false (json_object_get_boolean_member (first, "current"));
  g_assert_false (json_object_get_boolean_member (second, "current"));
  g_assert_true (json_object_get_boolean_member (third, "current"));
  g_assert_cmpint (json_object_get_int_member (second, "revision"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (second, "amends"), ==, id1);
  g_assert_cmpint (json_object_get_int_member (third, "amends"), ==, id2);
  g_assert_cmpint (json_object_get_int_member (third, "id"), ==, id3);
  g_assert_cmpint (json_object_get_int_member (first, "ordinal"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (second, "ordinal"), ==, -1);
  g_assert_cmpstr (json_object_get_string_member (second, "amendment_reason"), ==,
                   "The hairline difference is not explained by age after all");
  g_assert_cmpstr (json_object_get_string_member (second, "propositions"), ==,
                   changed.propositions);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *c = json_array_get_object_element (list, i);

      g_assert_true (json_object_get_boolean_member (c, "content_intact"));
      g_assert_cmpstr (json_object_get_string_member (c, "result_use"), ==,
                       LK_CONCLUSION_RESULT_USE);
    }
  g_assert_cmpint (lk_test_count_action (w.store, "conclusion.signed"), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "conclusion.amended"), ==, 2);
  world_clear (&w);
}

static void
test_not_suitable_outcome (LkTestFixture *fixture,
                           gconstpointer  data)
{
  World w = { 0 };
  LkConclusionDraft draft = draft_at (0);
  g_autoptr(JsonArray) list = NULL;
  JsonObject *c;

  world_init (&w, fixture, "limited");
  draft.not_suitable = TRUE;
  sign_ok (&w, &draft, NULL);
  list = conclusions (&w);
  c = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (c, "outcome"), ==, "not-suitable");
  g_assert_true (json_object_get_null_member (c, "ordinal"));
  g_assert_cmpstr (json_object_get_string_member (c, "level"), ==, "Not suitable for comparison");
  g_assert_true (json_object_get_boolean_member (c, "content_intact"));
  world_clear (&w);
}

static void
test_case_json (LkTestFixture *fixture,
                gconstpointer  data)
{
  World w = { 0 };
  LkConclusionDraft draft = draft_at (2);
  g_autoptr(JsonObject) examination = NULL;
  JsonObject *progress, *c;

  world_init (&w, fixture, "suitable");
  observe (&w, "nose.tip", "similar", "class");
  observe (&w, "ears.lobe", "similar", "individualising");
  sign_ok (&w, &draft, NULL);
  examination = case_examination (&w);
  progress = json_object_get_object_member (examination, "feature_list_progress");
  g_assert_cmpint (json_object_get_int_member (progress, "assessed"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (progress, "total"), ==, 90);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (examination,
                                                                         "observations")), ==, 2);
  c = json_array_get_object_element (json_object_get_array_member (examination, "conclusions"),
                                     0);
  g_assert_cmpstr (json_object_get_string_member (c, "result_use"), ==, LK_CONCLUSION_RESULT_USE);
  g_assert_cmpint (json_object_get_int_member (c, "ordinal"), ==, 2);
  world_clear (&w);
}

static void
test_rule_limited_cap (LkTestFixture *fixture,
                       gconstpointer  data)
{
  World w = { 0 };
  LkConclusionDraft draft = draft_at (3);
  g_autoptr(GHashTable) both =
    acknowledge (LK_WARNING_ABOVE_POLICY_LIMIT, "The eyes and the nose are clear enough here.",
                 LK_WARNING_LIMITED_PROBE_STRONG_LEVEL, "The compression spares the centre.",
                 NULL);
  g_autoptr(GError) error = NULL;

  world_init (&w, fixture, "limited");
  observe (&w, "nose.tip", "similar", "class");
  /* refuse by default: a cap is a cap, and no acknowledgement overrides it */
  g_assert_cmpstr (lk_policy_key_lookup ("rules.limited_cap")->fallback, ==, "refuse");
  assert_refused (&w, 3, LK_WARNING_ABOVE_POLICY_LIMIT, "rules.limited_cap", CAP_MESSAGE ("+3"));
  assert_refused (&w, -3, LK_WARNING_ABOVE_POLICY_LIMIT, "rules.limited_cap", CAP_MESSAGE ("-3"));
  assert_sign_refused (&w, 3, both, "rules.limited_cap");
  /* up to the cap, only the warning of a limited probe, acknowledged as before */
  assert_warnings (&w, 2, LK_WARNING_LIMITED_PROBE_STRONG_LEVEL);
  set_policy (&w, "strongest_level_limited", "1");
  assert_refused (&w, 2, LK_WARNING_ABOVE_POLICY_LIMIT, "rules.limited_cap",
                  "Policy allows at most strength 1 (of 3) for a probe of limited suitability; "
                  "the level +2 has strength 2");
  set_policy (&w, "strongest_level_limited", "2");

  /* at warn, a written acknowledgement lets it pass */
  set_policy (&w, "rules.limited_cap", "warn");
  assert_warned (&w, 3, LK_WARNING_ABOVE_POLICY_LIMIT, "rules.limited_cap", CAP_MESSAGE ("+3"));
  g_assert_false (lk_conclusions_sign (w.examiner, w.examination, &draft, NULL,
                                       EXAMINER_PASSWORD, &error));
  assert_message (error, "Acknowledge each warning in writing");
  sign_ok (&w, &draft, both);
  world_clear (&w);
}

static void
test_rule_minimums (LkTestFixture *fixture,
                    gconstpointer  data)
{
  World w = { 0 };
  LkConclusionDraft draft = draft_at (2);
  g_autoptr(GHashTable) noted =
    acknowledge (LK_WARNING_BELOW_POLICY_MINIMUM, "The twelve characteristics are decisive.",
                 NULL);

  world_init (&w, fixture, "suitable");
  /* the defaults, set back after world_init */
  g_assert_cmpstr (lk_policy_key_lookup ("rules.minimums")->fallback, ==, "warn");
  g_assert_cmpstr (lk_policy_key_lookup ("min_assessed_strength_2")->fallback, ==, "12");
  minimums (&w, 12, 20, 1, 3);
  observe (&w, "nose.tip", "similar", "class");
  /* "not assessable" assesses nothing */
  observe (&w, "ears.lobe", "not-assessable", NULL);
  assert_warnings (&w, 1, "");
  assert_warned (&w, 2, LK_WARNING_BELOW_POLICY_MINIMUM, "rules.minimums",
                 "1 of 90 characteristics assessed; policy asks at least 12 for +2; "
                 "0 individualising characteristics assessed; policy asks at least 1 for +2");
  assert_warned (&w, -3, LK_WARNING_BELOW_POLICY_MINIMUM, "rules.minimums",
                 "1 of 90 characteristics assessed; policy asks at least 20 for -3; "
                 "0 individualising characteristics assessed; policy asks at least 3 for -3");

  /* twelve compared, one of them individualising: enough for +2, not for +3 */
  for (guint i = 0; i < G_N_ELEMENTS (eleven); i++)
    observe (&w, eleven[i], i % 2 ? "similar" : "explainable-difference",
             i == 0 ? "individualising" : "class");
  observe (&w, "ears.lobe", "not-assessable", NULL);
  assert_warnings (&w, 2, "");
  assert_warnings (&w, -2, "");
  assert_warned (&w, 3, LK_WARNING_BELOW_POLICY_MINIMUM, "rules.minimums",
                 "12 of 90 characteristics assessed; policy asks at least 20 for +3; "
                 "1 individualising characteristic assessed; policy asks at least 3 for +3");

  /* at refuse, nothing lets +3 pass; a lower minimum brings back the warning for +2 */
  set_policy (&w, "rules.minimums", "refuse");
  assert_refused (&w, 3, LK_WARNING_BELOW_POLICY_MINIMUM, "rules.minimums",
                  "12 of 90 characteristics assessed; policy asks at least 20 for +3; "
                  "1 individualising characteristic assessed; policy asks at least 3 for +3");
  assert_sign_refused (&w, 3, noted, "rules.minimums");
  minimums (&w, 13, 20, 1, 3);
  assert_refused (&w, 2, LK_WARNING_BELOW_POLICY_MINIMUM, "rules.minimums",
                  "12 of 90 characteristics assessed; policy asks at least 13 for +2");
  set_policy (&w, "rules.minimums", "warn");
  sign_ok (&w, &draft, noted);
  world_clear (&w);
}

static void
test_rule_unexplained (LkTestFixture *fixture,
                       gconstpointer  data)
{
  World w = { 0 };
  LkConclusionDraft draft = draft_at (3);
  g_autoptr(GHashTable) noted =
    acknowledge (LK_WARNING_UNEXPLAINED_DISSIMILAR, "Hair colour is easily changed.", NULL);

  world_init (&w, fixture, "suitable");
  observe (&w, "nose.tip", "similar", "class");
  observe (&w, "hair.colour", "dissimilar", "class");
  assert_warnings (&w, 1, "");
  assert_warnings (&w, -3, "");
  assert_warned (&w, 2, LK_WARNING_UNEXPLAINED_DISSIMILAR, "rules.unexplained_dissimilar", NULL);
  assert_warnings (&w, 3, LK_WARNING_UNEXPLAINED_DISSIMILAR);
  /* from strength 1, +1 is strong too */
  set_policy (&w, "unexplained_dissimilar_strength", "1");
  assert_warnings (&w, 1, LK_WARNING_UNEXPLAINED_DISSIMILAR);
  set_policy (&w, "rules.unexplained_dissimilar", "refuse");
  assert_refused (&w, 1, LK_WARNING_UNEXPLAINED_DISSIMILAR, "rules.unexplained_dissimilar",
                  "The level +1 is strong support for the same person, yet 1 characteristic is "
                  "recorded dissimilar, not as an explainable difference (Hair: Colour)");
  assert_sign_refused (&w, 3, noted, "rules.unexplained_dissimilar");
  /* explained, it no longer counts */
  observe (&w, "hair.colour", "explainable-difference", "class");
  assert_warnings (&w, 3, "");
  sign_ok (&w, &draft, NULL);
  world_clear (&w);
}

static void
test_rule_policy (LkTestFixture *fixture,
                  gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 changes;

  world_init (&w, fixture, "suitable");
  g_assert_true (lk_test_policy_refuses (w.store, "rules.limited_cap"));
  g_assert_false (lk_test_policy_refuses (w.store, "rules.minimums"));
  g_assert_false (lk_policy_set (w.admin, "rules.minimums", "block", "Stricter", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  assert_message (error, "“block” is not a severity");
  g_clear_error (&error);
  g_assert_false (lk_policy_set (w.examiner, "rules.minimums", "refuse", "Stricter", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  changes = lk_test_count_action (w.store, "policy.changed");
  set_policy (&w, "rules.minimums", "refuse");
  g_assert_true (lk_test_policy_refuses (w.store, "rules.minimums"));
  g_assert_cmpint (lk_test_count_action (w.store, "policy.changed"), ==, changes + 1);
  world_clear (&w);
}

static void
test_cli (LkTestFixture *fixture,
          gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *id = NULL;
  g_autoptr(LkCliRun) observe_run = NULL;
  g_autoptr(LkCliRun) bad = NULL;
  g_autoptr(LkCliRun) check = NULL;
  g_autoptr(LkCliRun) refused = NULL;
  g_autoptr(LkCliRun) conclude = NULL;
  g_autoptr(LkCliRun) amend = NULL;
  g_autoptr(LkCliRun) show = NULL;
  const char *db;

  world_init (&w, fixture, "limited");
  db = fixture->db_path;
  id = g_strdup_printf ("%" G_GINT64_FORMAT, w.examination);
  observe_run = lk_test_cli (EXAMINER_PASSWORD, NULL, NULL, "--db", db, "--user", EXAMINER,
                             "examination", "observe", id, "nose.tip", "--result", "similar",
                             "--significance", "class", "--visibility-probe", "visible",
                             "--visibility-candidate", "partly", "--note", "Upturned", NULL);
  lk_test_cli_assert_ok (observe_run);
  g_assert_cmpstr (observe_run->out, ==, "nose.tip\tsimilar\t1 of 90 characteristics assessed\n");
  bad = lk_test_cli (EXAMINER_PASSWORD, NULL, NULL, "--db", db, "--user", EXAMINER,
                     "examination", "observe", id, "nose.tip", "--result", "alike", NULL);
  lk_test_cli_assert_failed (bad, "Unknown result “alike”");

  /* above the cap: refused, the rule and its numbers named */
  check = lk_test_cli (EXAMINER_PASSWORD, NULL, NULL, "--db", db, "--user", EXAMINER,
                       "examination", "check", id, "--level", "3", "--reasoning", REASONING,
                       "--limitations", LIMITATIONS, NULL);
  lk_test_cli_assert_failed (check, "Policy refuses this level (rule rules.limited_cap): Policy "
                                    "allows at most strength 2 (of 3) for a probe of limited "
                                    "suitability; the level +3 has strength 3");
  refused = lk_test_cli (EXAMINER_PASSWORD, NULL, NULL, "--db", db, "--user", EXAMINER,
                         "examination", "conclude", id, "--level", "3", "--reasoning", REASONING,
                         "--limitations", LIMITATIONS, "--acknowledge",
                         LK_WARNING_ABOVE_POLICY_LIMIT "=The nose and ears are clear enough",
                         NULL);
  lk_test_cli_assert_failed (refused, "Policy refuses this level (rule rules.limited_cap)");
  {
    g_autoptr(LkCliRun) severity = NULL;
    g_autoptr(LkCliRun) warned = NULL;
    g_autoptr(LkCliRun) unacknowledged = NULL;
    g_autoptr(LkCliRun) back = NULL;

    severity = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", db, "--user", ADMIN, "policy",
                            "set", "rules.limited_cap", "warn", "--reason", "Lab policy", NULL);
    lk_test_cli_assert_ok (severity);
    warned = lk_test_cli (EXAMINER_PASSWORD, NULL, NULL, "--db", db, "--user", EXAMINER,
                          "examination", "check", id, "--level", "3", "--reasoning", REASONING,
                          "--limitations", LIMITATIONS, NULL);
    lk_test_cli_assert_ok (warned);
    g_assert_null (strstr (warned->out, "refused"));
    g_assert_cmpuint (lk_test_count_lines (warned->out), ==, 2);
    unacknowledged = lk_test_cli (EXAMINER_PASSWORD, NULL, NULL, "--db", db, "--user", EXAMINER,
                                  "examination", "conclude", id, "--level", "3", "--reasoning",
                                  REASONING, "--limitations", LIMITATIONS, NULL);
    lk_test_cli_assert_failed (unacknowledged, "Acknowledge each warning in writing");
    back = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", db, "--user", ADMIN, "policy",
                        "set", "rules.limited_cap", "refuse", "--reason", "Lab policy", NULL);
    lk_test_cli_assert_ok (back);
  }
  conclude = lk_test_cli (EXAMINER_PASSWORD, NULL, NULL, "--db", db, "--user", EXAMINER,
                          "examination", "conclude", id, "--level", "+2", "--reasoning",
                          REASONING, "--limitations", LIMITATIONS, "--acknowledge",
                          LK_WARNING_LIMITED_PROBE_STRONG_LEVEL "=The nose and ears are clear "
                          "enough despite the compression", NULL);
  lk_test_cli_assert_ok (conclude);
  g_assert_nonnull (strstr (conclude->out, "revision 1: +2 The observations support that it is "
                                           "the same person"));
  g_assert_nonnull (strstr (conclude->out, "Investigative lead only"));
  amend = lk_test_cli (EXAMINER_PASSWORD, NULL, NULL, "--db", db, "--user", EXAMINER,
                       "examination", "amend", id, "--reason", "Overstated", "--level", "1",
                       "--reasoning", REASONING, "--limitations", LIMITATIONS, NULL);
  lk_test_cli_assert_ok (amend);
  g_assert_nonnull (strstr (amend->out, "revision 2: +1 "));

  show = lk_test_cli (REVIEWER_PASSWORD, NULL, NULL, "--db", db, "--user", REVIEWER, "case",
                      "show", CASE_NUMBER, "--json", NULL);
  lk_test_cli_assert_ok (show);
  g_assert_nonnull (strstr (show->out, "\"result_use\" : \"" LK_CONCLUSION_RESULT_USE "\""));
  g_assert_nonnull (strstr (show->out, "\"amendment_reason\" : \"Overstated\""));
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM conclusions"), ==, 2);
  world_clear (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/conclusions/rule-limited-cap", test_rule_limited_cap);
  LK_TEST_ADD ("/likeness/conclusions/rule-minimums", test_rule_minimums);
  LK_TEST_ADD ("/likeness/conclusions/rule-unexplained", test_rule_unexplained);
  LK_TEST_ADD ("/likeness/conclusions/rule-policy", test_rule_policy);
  LK_TEST_ADD ("/likeness/conclusions/sign-async", test_sign_async);
  LK_TEST_ADD ("/likeness/conclusions/frozen-with-signature", test_frozen_with_signature);
  LK_TEST_ADD ("/likeness/conclusions/frozen-in-sql", test_frozen_in_sql);
  LK_TEST_ADD ("/likeness/conclusions/amend", test_amend);
  LK_TEST_ADD ("/likeness/conclusions/not-suitable-outcome", test_not_suitable_outcome);
  LK_TEST_ADD ("/likeness/conclusions/case-json", test_case_json);
  LK_TEST_ADD ("/likeness/conclusions/cli", test_cli);

  return g_test_run ();
}
