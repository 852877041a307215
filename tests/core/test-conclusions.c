/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Feature observations and the signed conclusion: who may record them, the draft, each consistency
 * warning, acknowledgements in writing, the password at signing (a wrong one counted toward the
 * lock-out). */
#include "config.h"

#include "lk-test-conclusions.h"

static void
amend_analysis (World      *w,
                const char *suitability)
{
  LkAnalysis a = { suitability, some_factors, some_components, "Second look" };
  g_autoptr(GError) error = NULL;

  lk_analysis_amend (w->examiner, w->probe, &a, "Reviewed the compression", &error);
  g_assert_no_error (error);
}

static void
test_observations (LkTestFixture *fixture,
                   gconstpointer  data)
{
  World w = { 0 };
  gint64 annotation;
  gint64 bogus = 999;
  LkObservationSpec o = { "nose.tip", "visible", "partly", "similar", "class", "Upturned tip" };
  LkObservationSpec bad = o;
  g_autoptr(JsonArray) read = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *first;
  guint assessed = 0, total = 0;

  world_init (&w, fixture, "suitable");
  annotation = add_marker (&w);
  o.annotation_ids = &annotation;
  o.n_annotation_ids = 1;
  g_assert_true (lk_observations_set (w.examiner, w.examination, &o, &error));
  g_assert_no_error (error);
  /* a second recording of the same characteristic replaces the first */
  o.note = "Upturned tip, rounded";
  g_assert_true (lk_observations_set (w.examiner, w.examination, &o, &error));
  observe (&w, "ears.lobe", "not-assessable", NULL);
  g_assert_true (lk_observations_progress (w.examiner, w.examination, &assessed, &total, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (assessed, ==, 2);
  g_assert_cmpuint (total, ==, 90);

  /* in the order of the feature list: nose (9) before ears (10) */
  read = lk_observations_get (w.reviewer, w.examination, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (read), ==, 2);
  first = json_array_get_object_element (read, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "characteristic"), ==, "nose.tip");
  g_assert_cmpstr (json_object_get_string_member (first, "component"), ==, "Nose");
  g_assert_cmpstr (json_object_get_string_member (first, "note"), ==, "Upturned tip, rounded");
  g_assert_cmpstr (json_object_get_string_member (first, "visibility_candidate"), ==, "partly");
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (first,
                                                                             "annotations"), 0),
                   ==, annotation);
  g_assert_true (json_object_get_null_member (json_array_get_object_element (read, 1),
                                              "significance"));
  g_assert_cmpint (lk_test_count_action (w.store, "observation.recorded"), ==, 3);
  g_assert_cmpint (lk_test_count_action (w.store, "observations.viewed"), ==, 1);

  /* what is refused */
  bad.result = "same";
  g_assert_false (lk_observations_set (w.examiner, w.examination, &bad, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  assert_message (error, "Unknown result “same”");
  g_clear_error (&error);
  bad = o;
  bad.characteristic = "nose.wart";
  g_assert_false (lk_observations_set (w.examiner, w.examination, &bad, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  assert_message (error, "“nose.wart” is not a characteristic");
  g_clear_error (&error);
  bad = o;
  bad.annotation_ids = &bogus;
  g_assert_false (lk_observations_set (w.examiner, w.examination, &bad, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (lk_observations_set (w.other, w.examination, &o, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (lk_observations_set (w.reviewer, w.examination, &o, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  /* another examiner (perhaps the blind verifier) does not read them either */
  g_assert_null (lk_observations_get (w.other, w.examination, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_null (lk_observations_get (w.examiner, 4242, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM observations"), ==, 2);
  world_clear (&w);
}

/* ---- the draft ----------------------------------------------------------------------------- */

static void
test_draft (LkTestFixture *fixture,
            gconstpointer  data)
{
  World w = { 0 };
  LkConclusionDraft draft = draft_at (4);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;

  world_init (&w, fixture, "suitable");
  observe (&w, "nose.tip", "similar", "class");
  g_assert_false (lk_conclusions_check (w.examiner, w.examination, &draft, &warnings, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  assert_message (error, "+4 is not a level of the conclusion scale default-7 (from +3 to -3");
  g_assert_null (warnings);
  g_clear_error (&error);

  /* warnings come even while the texts are incomplete, for the form */
  draft = draft_at (2);
  draft.reasoning = "Looks alike.";
  g_assert_false (lk_conclusions_check (w.examiner, w.examination, &draft, &warnings, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  assert_message (error, "at least 80 characters (it has 12)");
  g_assert_nonnull (warnings);
  g_clear_pointer (&warnings, g_ptr_array_unref);
  g_clear_error (&error);
  draft.reasoning = REASONING;
  draft.limitations = "  ";
  g_assert_false (lk_conclusions_check (w.examiner, w.examination, &draft, NULL, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  assert_message (error, "limitations are required");
  g_clear_error (&error);

  /* the minimum length is policy */
  set_policy (&w, "min_reasoning_length", "10");
  draft = draft_at (2);
  draft.reasoning = "Looks alike.";
  g_assert_true (lk_conclusions_check (w.examiner, w.examination, &draft, &warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* only the examination's examiner evaluates */
  g_assert_false (lk_conclusions_check (w.other, w.examination, &draft, &warnings, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (lk_policy_set (w.admin, "conclusion_scale", "nine-level", "x", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  world_clear (&w);
}

/* ---- the consistency warnings -------------------------------------------------------------- */

static void
test_warning_dissimilar (LkTestFixture *fixture,
                         gconstpointer  data)
{
  World w = { 0 };

  world_init (&w, fixture, "suitable");
  observe (&w, "nose.tip", "similar", "class");
  assert_warnings (&w, 3, "");
  /* a dissimilar class characteristic does not trigger it (only the rule of a strong level with
   * dissimilarities, tested on its own) */
  observe (&w, "hair.colour", "dissimilar", "class");
  assert_warnings (&w, 1, "");
  assert_warnings (&w, 3, LK_WARNING_UNEXPLAINED_DISSIMILAR);
  observe (&w, "scars.location", "dissimilar", "individualising");
  assert_warnings (&w, 1, LK_WARNING_DISSIMILAR_INDIVIDUALISING);
  assert_warnings (&w, 3, LK_WARNING_DISSIMILAR_INDIVIDUALISING ","
                   LK_WARNING_UNEXPLAINED_DISSIMILAR);
  assert_warnings (&w, 0, "");
  assert_warnings (&w, -2, "");
  /* an explainable difference is not a dissimilarity */
  observe (&w, "scars.location", "explainable-difference", "individualising");
  observe (&w, "hair.colour", "explainable-difference", "class");
  assert_warnings (&w, 2, "");
  world_clear (&w);
}

static void
test_warning_nothing_assessed (LkTestFixture *fixture,
                               gconstpointer  data)
{
  World w = { 0 };
  LkConclusionDraft not_suitable = draft_at (0);

  world_init (&w, fixture, "suitable");
  assert_warnings (&w, 0, LK_WARNING_NOTHING_ASSESSED);
  assert_warnings (&w, -1, LK_WARNING_NOTHING_ASSESSED);
  /* "not assessable" is no comparison */
  observe (&w, "ears.lobe", "not-assessable", NULL);
  assert_warnings (&w, 0, LK_WARNING_NOTHING_ASSESSED);
  /* nor is a visibility without a result */
  {
    LkObservationSpec o = { "eyes.iris", "visible", "visible", NULL, NULL, NULL };
    g_autoptr(GError) error = NULL;

    g_assert_true (lk_observations_set (w.examiner, w.examination, &o, &error));
  }
  assert_warnings (&w, 0, LK_WARNING_NOTHING_ASSESSED);
  /* the outcome "not suitable for comparison" needs no comparison */
  not_suitable.not_suitable = TRUE;
  {
    g_autofree char *ids = warning_ids (&w, &not_suitable);

    g_assert_cmpstr (ids, ==, "");
  }
  observe (&w, "mouth.width", "similar", "class");
  assert_warnings (&w, 0, "");
  world_clear (&w);
}

static void
test_warning_limited_probe (LkTestFixture *fixture,
                            gconstpointer  data)
{
  World w = { 0 };
  LkConclusionDraft not_suitable = draft_at (0);
  g_autofree char *none = NULL;

  world_init (&w, fixture, "suitable");
  /* the warnings as such: the refusal above the cap, the default, has a test of its own */
  set_policy (&w, "rules.limited_cap", "warn");
  observe (&w, "nose.tip", "similar", "class");
  assert_warnings (&w, 3, "");
  assert_warnings (&w, -3, "");

  /* the latest locked analysis counts */
  amend_analysis (&w, "limited");
  assert_warnings (&w, 3, LK_WARNING_ABOVE_POLICY_LIMIT "," LK_WARNING_LIMITED_PROBE_STRONG_LEVEL);
  assert_warnings (&w, -3, LK_WARNING_ABOVE_POLICY_LIMIT "," LK_WARNING_LIMITED_PROBE_STRONG_LEVEL);
  assert_warnings (&w, 2, LK_WARNING_LIMITED_PROBE_STRONG_LEVEL);
  assert_warnings (&w, -2, LK_WARNING_LIMITED_PROBE_STRONG_LEVEL);
  assert_warnings (&w, 1, "");
  assert_warnings (&w, 0, "");

  /* the policy's limit, in steps of the seven-level scale */
  set_policy (&w, "strongest_level_limited", "1");
  assert_warnings (&w, 2, LK_WARNING_ABOVE_POLICY_LIMIT "," LK_WARNING_LIMITED_PROBE_STRONG_LEVEL);
  assert_warnings (&w, 1, "");
  set_policy (&w, "strongest_level_limited", "3");
  assert_warnings (&w, 3, LK_WARNING_LIMITED_PROBE_STRONG_LEVEL);

  /* on the ENFSI scale: moderately strong (3) and stronger are "strong" */
  set_policy (&w, "conclusion_scale", "enfsi");
  set_policy (&w, "strongest_level_limited", "2");
  assert_warnings (&w, 6, LK_WARNING_ABOVE_POLICY_LIMIT "," LK_WARNING_LIMITED_PROBE_STRONG_LEVEL);
  assert_warnings (&w, 4, LK_WARNING_LIMITED_PROBE_STRONG_LEVEL);
  assert_warnings (&w, 3, LK_WARNING_LIMITED_PROBE_STRONG_LEVEL);
  assert_warnings (&w, 2, "");
  assert_warnings (&w, -2, "");

  /* a probe analysed as not suitable after all allows no level */
  amend_analysis (&w, "not-suitable");
  assert_warnings (&w, 0, LK_WARNING_ABOVE_POLICY_LIMIT);
  not_suitable.not_suitable = TRUE;
  none = warning_ids (&w, &not_suitable);
  g_assert_cmpstr (none, ==, "");
  world_clear (&w);
}

/* The summary the Evaluate step shows before a level is chosen, counted by hand: two similar
 * (one class, one individualising), one dissimilar individualising, one explainable class
 * difference, one not assessable; Nose, Eyes and Mouth compared, Ears only not assessable. */
static void
test_summary (LkTestFixture *fixture,
              gconstpointer  data)
{
  World w = { 0 };
  g_auto(LkObservationSummary) summary = { 0 };
  g_autoptr(GError) error = NULL;

  world_init (&w, fixture, "suitable");
  g_assert_true (lk_observations_summarise (w.examiner, w.examination, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.total, ==, 90);
  g_assert_cmpuint (summary.similar + summary.dissimilar + summary.explainable, ==, 0);
  g_assert_cmpuint (g_strv_length (summary.not_compared), ==, 19);
  lk_observation_summary_clear (&summary);

  observe (&w, "nose.tip", "similar", "class");
  observe (&w, "eyes.iris", "similar", "individualising");
  observe (&w, "mouth.width", "dissimilar", "individualising");
  observe (&w, "nose.bridge", "explainable-difference", "class");
  observe (&w, "ears.lobe", "not-assessable", NULL);
  g_assert_true (lk_observations_summarise (w.examiner, w.examination, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.similar, ==, 2);
  g_assert_cmpuint (summary.dissimilar, ==, 1);
  g_assert_cmpuint (summary.explainable, ==, 1);
  g_assert_cmpuint (summary.not_assessable, ==, 1);
  g_assert_cmpuint (summary.class_level, ==, 2);
  g_assert_cmpuint (summary.individualising, ==, 2);
  g_assert_cmpuint (g_strv_length (summary.not_compared), ==, 16);
  g_assert_true (g_strv_contains ((const char * const *) summary.not_compared, "Ears"));
  g_assert_false (g_strv_contains ((const char * const *) summary.not_compared, "Nose"));
  g_assert_false (g_strv_contains ((const char * const *) summary.not_compared, "Mouth"));
  world_clear (&w);
}

/* ---- signing ------------------------------------------------------------------------------- */

static void
test_sign (LkTestFixture *fixture,
           gconstpointer  data)
{
  World w = { 0 };
  LkConclusionDraft draft = draft_at (1);
  g_autoptr(GHashTable) none = acknowledge (NULL, NULL);
  g_autoptr(GHashTable) blank = acknowledge (LK_WARNING_DISSIMILAR_INDIVIDUALISING, " ", NULL);
  g_autoptr(GHashTable) curt = acknowledge (LK_WARNING_DISSIMILAR_INDIVIDUALISING, "  Noted.  ",
                                            NULL);
  g_autoptr(GHashTable) extra =
    acknowledge (LK_WARNING_DISSIMILAR_INDIVIDUALISING, "The scar may be recent.",
                 LK_WARNING_NOTHING_ASSESSED, "Nothing to say.", NULL);
  g_autoptr(GHashTable) good =
    acknowledge (LK_WARNING_DISSIMILAR_INDIVIDUALISING, "The scar may be recent.", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  g_autoptr(JsonArray) list = NULL;
  g_autofree char *stored = NULL;
  JsonObject *c, *warning, *snapshot;
  gint64 id;

  world_init (&w, fixture, "suitable");
  observe (&w, "nose.tip", "similar", "class");
  observe (&w, "scars.location", "dissimilar", "individualising");

  /* every warning acknowledged in writing, and no other */
  g_assert_cmpint (lk_conclusions_sign (w.examiner, w.examination, &draft, none,
                                        EXAMINER_PASSWORD, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  assert_message (error, "Acknowledge each warning in writing before signing: "
                         LK_WARNING_DISSIMILAR_INDIVIDUALISING " (The level +1 supports the "
                         "same person, yet individualising characteristics were found "
                         "dissimilar (Scars: ");
  g_clear_error (&error);
  g_assert_cmpint (lk_conclusions_sign (w.examiner, w.examination, &draft, blank,
                                        EXAMINER_PASSWORD, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  g_clear_error (&error);
  /* a word is not a reason */
  g_assert_cmpint (lk_conclusions_sign (w.examiner, w.examination, &draft, curt,
                                        EXAMINER_PASSWORD, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  assert_message (error, "Say in a sentence (at least 20 characters) why the conclusion stands "
                         "despite: The level +1 supports the same person, yet individualising "
                         "characteristics were found dissimilar (Scars: ");
  g_assert_null (strstr (error->message, LK_WARNING_DISSIMILAR_INDIVIDUALISING));
  g_clear_error (&error);
  g_assert_cmpint (lk_conclusions_sign (w.examiner, w.examination, &draft, extra,
                                        EXAMINER_PASSWORD, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  assert_message (error, "no warning “nothing-assessed”");
  g_clear_error (&error);

  /* examiners of this examination only */
  g_assert_cmpint (lk_conclusions_sign (w.reviewer, w.examination, &draft, good,
                                        REVIEWER_PASSWORD, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (lk_conclusions_sign (w.other, w.examination, &draft, good, OTHER_PASSWORD,
                                        &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  /* refused drafts cost no password attempt */
  g_assert_cmpint (sql_int (&w, "SELECT failed_logins FROM users WHERE name = 'erin'"), ==, 0);

  /* the password, counted when wrong */
  g_assert_cmpint (lk_conclusions_sign (w.examiner, w.examination, &draft, good, "guess",
                                        &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_AUTHENTICATION_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (&w, "SELECT failed_logins FROM users WHERE name = 'erin'"), ==, 1);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM conclusions"), ==, 0);
  g_assert_cmpint (lk_test_count_action (w.store, "session.login-failed"), ==, 1);

  id = sign_ok (&w, &draft, good);
  event = lk_test_last_event (w.store);
  g_assert_cmpstr (event->action, ==, "conclusion.signed");
  g_assert_cmpstr (event->user, ==, EXAMINER);
  g_assert_cmpstr (event->role, ==, "examiner");
  g_assert_nonnull (strstr (event->details, "\"acknowledged_warnings\":[\""
                                            LK_WARNING_DISSIMILAR_INDIVIDUALISING "\"]"));
  stored = lk_test_sql_text (fixture->db_path, "SELECT content_sha256 FROM conclusions");
  g_assert_nonnull (strstr (event->details, stored));

  list = conclusions (&w);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  c = json_array_get_object_element (list, 0);
  g_assert_cmpint (json_object_get_int_member (c, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (c, "result_use"), ==, LK_CONCLUSION_RESULT_USE);
  g_assert_true (json_object_get_boolean_member (c, "content_intact"));
  g_assert_true (json_object_get_boolean_member (c, "current"));
  g_assert_cmpint (json_object_get_int_member (c, "revision"), ==, 1);
  g_assert_true (json_object_get_null_member (c, "amends"));
  g_assert_cmpstr (json_object_get_string_member (c, "scale"), ==, "default-7");
  g_assert_cmpstr (json_object_get_string_member (c, "scale_version"), ==, "2026-1");
  g_assert_cmpstr (json_object_get_string_member (c, "outcome"), ==, "level");
  g_assert_cmpint (json_object_get_int_member (c, "ordinal"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (c, "level"), ==,
                   "The observations support to some extent that it is the same person");
  g_assert_cmpstr (json_object_get_string_member (c, "propositions"), ==,
                   LK_DEFAULT_PROPOSITIONS);
  g_assert_cmpstr (json_object_get_string_member (c, "reasoning"), ==, REASONING);
  g_assert_cmpstr (json_object_get_string_member (c, "limitations"), ==, LIMITATIONS);
  g_assert_cmpstr (json_object_get_string_member (c, "signed_by"), ==, EXAMINER);
  warning = json_array_get_object_element (json_object_get_array_member (c, "warnings"), 0);
  g_assert_cmpstr (json_object_get_string_member (warning, "acknowledgement"), ==,
                   "The scar may be recent.");
  snapshot = json_object_get_object_member (c, "observations");
  g_assert_cmpint (json_object_get_int_member (snapshot, "assessed"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (snapshot, "feature_list"), ==,
                   lk_feature_list_edition ());
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (snapshot,
                                                                         "observations")), ==, 2);

  /* signed once; then only amended */
  g_assert_cmpint (lk_conclusions_sign (w.examiner, w.examination, &draft, good,
                                        EXAMINER_PASSWORD, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_EXISTS);
  g_clear_error (&error);
  /* the observations are part of the signed conclusion now */
  {
    LkObservationSpec o = { "nose.tip", "visible", "visible", "dissimilar", "class", NULL };

    g_assert_false (lk_observations_set (w.examiner, w.examination, &o, &error));
    g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  }
  world_clear (&w);
}

static void
test_sign_lockout (LkTestFixture *fixture,
                   gconstpointer  data)
{
  World w = { 0 };
  LkConclusionDraft draft = draft_at (2);
  g_autoptr(GError) error = NULL;

  world_init (&w, fixture, "suitable");
  observe (&w, "nose.tip", "similar", "class");
  for (int i = 1; i <= 5; i++)
    {
      int expected = i < 5 ? LK_ERROR_AUTHENTICATION_FAILED : LK_ERROR_ACCOUNT_LOCKED;

      g_assert_cmpint (lk_conclusions_sign (w.examiner, w.examination, &draft, NULL, "guess",
                                            &error), ==, 0);
      g_assert_error (error, LK_ERROR, expected);
      g_clear_error (&error);
    }
  g_assert_cmpint (sql_int (&w, "SELECT locked FROM users WHERE name = 'erin'"), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "user.locked-out"), ==, 1);
  /* locked out: not even the right password signs now */
  g_assert_cmpint (lk_conclusions_sign (w.examiner, w.examination, &draft, NULL,
                                        EXAMINER_PASSWORD, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM conclusions"), ==, 0);
  world_clear (&w);
}

static void
test_immutable (LkTestFixture *fixture,
                gconstpointer  data)
{
  World w = { 0 };
  LkConclusionDraft draft = draft_at (2);
  g_autoptr(JsonArray) list = NULL;
  g_autofree char *insert = NULL;
  const char *db = fixture->db_path;

  world_init (&w, fixture, "suitable");
  observe (&w, "nose.tip", "similar", "class");
  sign_ok (&w, &draft, NULL);

  assert_sql_refused (db, "UPDATE conclusions SET ordinal = 3", "cannot change");
  assert_sql_refused (db, "UPDATE conclusions SET reasoning = 'x', limitations = 'y'",
                      "cannot change");
  assert_sql_refused (db, "DELETE FROM conclusions", "cannot be deleted");
  assert_sql_refused (db, "UPDATE observations SET result = 'dissimilar'",
                      "observations of a signed conclusion");
  assert_sql_refused (db, "DELETE FROM observations", "observations of a signed conclusion");
  insert = g_strdup_printf ("INSERT INTO observations (examination_id, characteristic, result,"
                            " updated_at) VALUES (%" G_GINT64_FORMAT ", 'ears.lobe', 'similar',"
                            " 'now')", w.examination);
  assert_sql_refused (db, insert, "observations of a signed conclusion");
  g_assert_cmpint (sql_int (&w, "SELECT ordinal FROM conclusions"), ==, 2);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM observations"), ==, 1);

  /* someone who drops the trigger is still caught by the content hash */
  g_assert_cmpint (lk_test_sql_tamper (db, "UPDATE conclusions SET ordinal = 3", NULL), ==, 1);
  list = conclusions (&w);
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (list, 0),
                                                  "content_intact"));
  world_clear (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/conclusions/observations", test_observations);
  LK_TEST_ADD ("/likeness/conclusions/draft", test_draft);
  LK_TEST_ADD ("/likeness/conclusions/warning-dissimilar", test_warning_dissimilar);
  LK_TEST_ADD ("/likeness/conclusions/warning-nothing-assessed", test_warning_nothing_assessed);
  LK_TEST_ADD ("/likeness/conclusions/warning-limited-probe", test_warning_limited_probe);
  LK_TEST_ADD ("/likeness/conclusions/summary", test_summary);
  LK_TEST_ADD ("/likeness/conclusions/sign", test_sign);
  LK_TEST_ADD ("/likeness/conclusions/sign-lockout", test_sign_lockout);
  LK_TEST_ADD ("/likeness/conclusions/immutable", test_immutable);

  return g_test_run ();
}
