/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Feature observations and the signed conclusion: who may record them, each consistency
 * warning, acknowledgements in writing, the password at signing (a wrong one counted toward
 * the lock-out), immutability down to SQL, the revision chain, the JSON of `case show` with its
 * lead-only statement, and the `examination` commands of likeness-cli. */
#include "config.h"

#include <string.h>

#include "lk-test-util.h"
#include "candidates/lk-candidates.h"
#include "casework/lk-cases.h"
#include "casework/lk-probes.h"
#include "examination/lk-conclusions.h"
#include "examination/lk-examinations.h"
#include "examination/lk-observation-summary.h"
#include "governance/lk-policy.h"
#include "imaging/lk-cv.h"
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
#define OTHER "olga"
#define OTHER_PASSWORD "other examiner"
#define REVIEWER "rita"
#define REVIEWER_PASSWORD "reviewer pass"
#define CASE_NUMBER "2026-0042"
#define DATABASE "Custody images 2019-2025"

#define REASONING \
  "Nose tip, ear lobes and eyebrow shape correspond in form and position; the differences " \
  "in the hairline are explained by the years between the images."
#define LIMITATIONS "Low resolution and JPEG blocking; the ears are partly covered."

typedef struct
{
  LkTestFixture *fixture;
  LkStore       *store;
  LkSession     *admin;
  LkSession     *examiner;
  LkSession     *other;
  LkSession     *reviewer;
  gint64         probe;
  gint64         candidate;
  gint64         examination;
} World;

static const char * const some_components[] = { "eyes", "nose", "mouth", "ears", NULL };
static const char * const some_factors[] = { "resolution", "compression", NULL };

/* ---- the world ----------------------------------------------------------------------------- */

static LkSession *
add_and_login (World      *w,
               const char *name,
               LkRoles     roles,
               const char *password)
{
  g_autoptr(GError) error = NULL;

  lk_users_add (w->admin, name, NULL, roles, password, &error);
  g_assert_no_error (error);
  lk_test_grant_competencies (w->admin, name, roles);
  return lk_test_login (w->store, name, password);
}

static char *
demo_file (const char *name)
{
  const char *source = g_getenv ("LIKENESS_SOURCE_DIR");

  g_assert_nonnull (source);
  return g_build_filename (source, "data", "demo", name, NULL);
}

static void
copy_demo (World      *w,
           const char *demo_name,
           const char *name)
{
  g_autofree char *from = demo_file (demo_name);
  g_autofree char *to = lk_test_path (w->fixture, name);
  g_autofree char *bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  g_file_get_contents (from, &bytes, &size, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, bytes, (gssize) size, &error);
  g_assert_no_error (error);
}

static void
analyse (World      *w,
         const char *suitability)
{
  LkAnalysis a = { suitability, some_factors, some_components, "Test analysis" };
  g_autoptr(GError) error = NULL;

  lk_analysis_lock (w->examiner, w->probe, &a, &error);
  g_assert_no_error (error);
}

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
import_probe (World *w)
{
  g_autofree char *path = demo_file ("grace_hopper.jpg");
  LkProvenance p = { "cctv", "video-frame", "PC Ada Jones", "2026-01-15T14:32:00Z",
                     "Warrant 2026/17", "Exhibit AJ/1", FALSE };
  g_autoptr(GError) error = NULL;

  w->probe = lk_probes_import_file (w->examiner, CASE_NUMBER, path, &p, NULL, &error);
  g_assert_no_error (error);
}

static const char list_json[] =
  "{\"format\": \"likeness-candidate-list\", \"version\": 1,"
  " \"engine\": {\"name\": \"AcmeFace\", \"version\": \"7.2.1\"},"
  " \"reference_database\": {\"name\": \"" DATABASE "\"},"
  " \"search\": {\"performed_at\": \"2026-01-16T09:30:00Z\"},"
  " \"candidates\": ["
  "  {\"rank\": 1, \"score\": 0.91, \"subject_ref\": \"SUBJ-0001\", \"image\": \"a.jpg\"},"
  "  {\"rank\": 2, \"score\": 0.55, \"subject_ref\": \"SUBJ-0002\", \"image\": \"b.png\"}]}";

/* A list of two candidates; the first retained and its examination opened by the examiner. */
static void
open_examination (World *w)
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
  w->candidate = lk_candidate_get_id (lk_test_item_at (candidates, 0));
  lk_candidates_set_triage (w->examiner, w->candidate, "retained", NULL, &error);
  g_assert_no_error (error);
  w->examination = lk_examinations_open (w->examiner, w->candidate, &error);
  g_assert_no_error (error);
  g_assert_cmpint (w->examination, >, 0);
}

static void set_policy (World      *w,
                        const char *key,
                        const char *value);

/* The rule of minimums has tests of its own: the others observe a few characteristics only. */
static void
minimums (World *w,
          int    assessed_2,
          int    assessed_3,
          int    individualising_2,
          int    individualising_3)
{
  const struct { const char *key; int value; } settings[] = {
    { "min_assessed_strength_2", assessed_2 },
    { "min_assessed_strength_3", assessed_3 },
    { "min_individualising_strength_2", individualising_2 },
    { "min_individualising_strength_3", individualising_3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      g_autofree char *value = g_strdup_printf ("%d", settings[i].value);

      set_policy (w, settings[i].key, value);
    }
}

static void
world_init (World         *w,
            LkTestFixture *fixture,
            const char    *suitability)
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
  w->examiner = add_and_login (w, EXAMINER, LK_ROLE_EXAMINER, EXAMINER_PASSWORD);
  w->other = add_and_login (w, OTHER, LK_ROLE_EXAMINER, OTHER_PASSWORD);
  w->reviewer = add_and_login (w, REVIEWER, LK_ROLE_REVIEWER, REVIEWER_PASSWORD);
  c = lk_cases_create (w->examiner, &request, &error);
  g_assert_no_error (error);
  import_probe (w);
  analyse (w, suitability);
  open_examination (w);
  minimums (w, 0, 0, 0, 0);
}

static void
world_clear (World *w)
{
  g_clear_object (&w->reviewer);
  g_clear_object (&w->other);
  g_clear_object (&w->examiner);
  g_clear_object (&w->admin);
  g_clear_object (&w->store);
}

/* ---- helpers ------------------------------------------------------------------------------- */

static void
observe (World      *w,
         const char *characteristic,
         const char *result,
         const char *significance)
{
  LkObservationSpec o = { characteristic, "visible", "visible", result, significance, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_observations_set (w->examiner, w->examination, &o, &error));
  g_assert_no_error (error);
}

static LkConclusionDraft
draft_at (int ordinal)
{
  LkConclusionDraft d = { NULL, FALSE, ordinal, REASONING, LIMITATIONS };

  return d;
}

static GHashTable *
acknowledge (const char *first_id,
             ...) G_GNUC_NULL_TERMINATED;

/* id, text, id, text, ..., NULL */
static GHashTable *
acknowledge (const char *first_id,
             ...)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);
  va_list ap;

  va_start (ap, first_id);
  for (const char *id = first_id; id != NULL; id = va_arg (ap, const char *))
    g_hash_table_insert (table, (gpointer) id, va_arg (ap, char *));
  va_end (ap);
  return table;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The warning ids of a draft, sorted and joined with commas ("" for none). */
static char *
warning_ids (World                   *w,
             const LkConclusionDraft *draft)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_conclusions_check (w->examiner, w->examination, draft, &warnings, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < warnings->len; i++)
    g_ptr_array_add (ids, ((LkConclusionWarning *) g_ptr_array_index (warnings, i))->id);
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **) ids->pdata);
}

static void
assert_warnings (World      *w,
                 int         ordinal,
                 const char *expected)
{
  LkConclusionDraft draft = draft_at (ordinal);
  g_autofree char *ids = warning_ids (w, &draft);

  if (g_strcmp0 (ids, expected) != 0)
    g_error ("Level %+d: expected warnings “%s”, got “%s”", ordinal, expected, ids);
}

static void
set_policy (World      *w,
            const char *key,
            const char *value)
{
  g_autoptr(GError) error = NULL;

  lk_policy_set (w->admin, key, value, "Lab policy for this test", &error);
  g_assert_no_error (error);
}

static gint64
sign_ok (World                   *w,
         const LkConclusionDraft *draft,
         GHashTable              *acknowledgements)
{
  g_autoptr(GError) error = NULL;
  gint64 id = lk_conclusions_sign (w->examiner, w->examination, draft, acknowledgements,
                                   EXAMINER_PASSWORD, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static JsonArray *
conclusions (World *w)
{
  g_autoptr(GError) error = NULL;
  JsonArray *list = lk_conclusions_list (w->reviewer, w->examination, &error);

  g_assert_no_error (error);
  return list;
}

static gint64
sql_int (World      *w,
         const char *sql)
{
  return lk_test_sql_int (w->fixture->db_path, sql);
}

static void
assert_message (const GError *error,
                const char   *expected)
{
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("Expected “%s” in: %s", expected, error->message);
}

/* ---- observations -------------------------------------------------------------------------- */

static gint64
add_marker (World *w)
{
  g_autoptr(JsonArray) geometry = json_array_new ();
  JsonArray *point = json_array_new ();
  LkAnnotationSpec spec = { "probe", "marker", 0, geometry, NULL, "nose.tip" };
  g_autoptr(GError) error = NULL;
  gint64 id;

  json_array_add_int_element (point, 20);
  json_array_add_int_element (point, 30);
  json_array_add_array_element (geometry, point);
  id = lk_examinations_add_annotation (w->examiner, w->examination, &spec, &error);
  g_assert_no_error (error);
  return id;
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
assert_sql_refused (sqlite3    *db,
                    const char *sql,
                    const char *expected)
{
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  if (strstr (sqlite3_errmsg (db), expected) == NULL)
    g_error ("%s: expected “%s”, got: %s", sql, expected, sqlite3_errmsg (db));
}

static void
test_immutable (LkTestFixture *fixture,
                gconstpointer  data)
{
  World w = { 0 };
  LkConclusionDraft draft = draft_at (2);
  g_autoptr(JsonArray) list = NULL;
  g_autofree char *insert = NULL;
  sqlite3 *db;

  world_init (&w, fixture, "suitable");
  observe (&w, "nose.tip", "similar", "class");
  sign_ok (&w, &draft, NULL);

  db = lk_test_sqlite_open (fixture->db_path);
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
  lk_test_sqlite_exec (db, "DROP TRIGGER conclusions_no_update;"
                           " UPDATE conclusions SET ordinal = 3");
  sqlite3_close (db);
  list = conclusions (&w);
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (list, 0),
                                                  "content_intact"));
  world_clear (&w);
}

/* ---- what the conclusion rests on ---------------------------------------------------------- */

#define FROZEN "is signed: its annotations, alignment and enhancements are frozen with it"

static const LkPoint probe_eyes[2] = { { 200, 250 }, { 300, 250 } };
static const LkPoint candidate_eyes[2] = { { 210, 260 }, { 305, 255 } };

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

/* Everything stored of the annotations, the alignment and the enhancements. */
static char *
charting_state (World *w)
{
  g_autofree char *annotations =
    lk_test_sql_text (w->fixture->db_path,
                      "SELECT group_concat (id || image || kind || coalesce (pair, '-')"
                      " || geometry || label || coalesce (characteristic, '-')"
                      " || coalesce (updated_at, '-') || coalesce (deleted_at, '-'), ';')"
                      " FROM annotations");
  g_autofree char *examinations =
    lk_test_sql_text (w->fixture->db_path,
                      "SELECT group_concat (coalesce (alignment, '-') || probe_enhancements"
                      " || candidate_enhancements, ';') FROM examinations");

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
  sqlite3 *db;

  world_init (&w, fixture, "suitable");
  sign_with_charting (&w);
  state = charting_state (&w);

  db = lk_test_sqlite_open (fixture->db_path);
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
  lk_test_sqlite_exec (db, "UPDATE examinations SET seconds_spent = seconds_spent + 1");
  sqlite3_close (db);
  state_after = charting_state (&w);
  g_assert_cmpstr (state_after, ==, state);
  world_clear (&w);
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

#define CAP_MESSAGE(ordinal) \
  "Policy allows at most strength 2 (of 3) for a probe of limited suitability; the level " \
  ordinal " has strength 3"

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

/* Eleven characteristics of the shipped feature list besides nose.tip. */
static const char * const eleven[] = {
  "skin.tone", "skin.texture", "skin.uniformity", "skin.vessels-pigmentation",
  "face-outline.frontal-shape", "face-outline.profile-outline", "face-outline.symmetry",
  "face-composition.proportions", "face-composition.relative-positions",
  "face-composition.vertical-thirds", "hair.hairline",
};

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
  g_assert_true (lk_policy_refuses (w.store, "rules.limited_cap"));
  g_assert_false (lk_policy_refuses (w.store, "rules.minimums"));
  g_assert_false (lk_policy_set (w.admin, "rules.minimums", "block", "Stricter", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  assert_message (error, "“block” is not a severity");
  g_clear_error (&error);
  g_assert_false (lk_policy_set (w.examiner, "rules.minimums", "refuse", "Stricter", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  changes = lk_test_count_action (w.store, "policy.changed");
  set_policy (&w, "rules.minimums", "refuse");
  g_assert_true (lk_policy_refuses (w.store, "rules.minimums"));
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

  LK_TEST_ADD ("/likeness/conclusions/observations", test_observations);
  LK_TEST_ADD ("/likeness/conclusions/draft", test_draft);
  LK_TEST_ADD ("/likeness/conclusions/warning-dissimilar", test_warning_dissimilar);
  LK_TEST_ADD ("/likeness/conclusions/warning-nothing-assessed", test_warning_nothing_assessed);
  LK_TEST_ADD ("/likeness/conclusions/warning-limited-probe", test_warning_limited_probe);
  LK_TEST_ADD ("/likeness/conclusions/summary", test_summary);
  LK_TEST_ADD ("/likeness/conclusions/rule-limited-cap", test_rule_limited_cap);
  LK_TEST_ADD ("/likeness/conclusions/rule-minimums", test_rule_minimums);
  LK_TEST_ADD ("/likeness/conclusions/rule-unexplained", test_rule_unexplained);
  LK_TEST_ADD ("/likeness/conclusions/rule-policy", test_rule_policy);
  LK_TEST_ADD ("/likeness/conclusions/sign", test_sign);
  LK_TEST_ADD ("/likeness/conclusions/sign-lockout", test_sign_lockout);
  LK_TEST_ADD ("/likeness/conclusions/sign-async", test_sign_async);
  LK_TEST_ADD ("/likeness/conclusions/immutable", test_immutable);
  LK_TEST_ADD ("/likeness/conclusions/frozen-with-signature", test_frozen_with_signature);
  LK_TEST_ADD ("/likeness/conclusions/frozen-in-sql", test_frozen_in_sql);
  LK_TEST_ADD ("/likeness/conclusions/amend", test_amend);
  LK_TEST_ADD ("/likeness/conclusions/not-suitable-outcome", test_not_suitable_outcome);
  LK_TEST_ADD ("/likeness/conclusions/case-json", test_case_json);
  LK_TEST_ADD ("/likeness/conclusions/cli", test_cli);

  return g_test_run ();
}
