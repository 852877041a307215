/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-test-conclusions.h"

const char * const some_components[] = { "eyes", "nose", "mouth", "ears", NULL };

const char * const some_factors[] = { "resolution", "compression", NULL };

const char list_json[] =
  "{\"format\": \"likeness-candidate-list\", \"version\": 1,"
  " \"engine\": {\"name\": \"AcmeFace\", \"version\": \"7.2.1\"},"
  " \"reference_database\": {\"name\": \"" DATABASE "\"},"
  " \"search\": {\"performed_at\": \"2026-01-16T09:30:00Z\"},"
  " \"candidates\": ["
  "  {\"rank\": 1, \"score\": 0.91, \"subject_ref\": \"SUBJ-0001\", \"image\": \"a.jpg\"},"
  "  {\"rank\": 2, \"score\": 0.55, \"subject_ref\": \"SUBJ-0002\", \"image\": \"b.png\"}]}";

const LkPoint probe_eyes[2] = { { 200, 250 }, { 300, 250 } };

const LkPoint candidate_eyes[2] = { { 210, 260 }, { 305, 255 } };

/* Eleven characteristics of the shipped feature list besides nose.tip. */
const char * const eleven[] = {
  "skin.tone", "skin.texture", "skin.uniformity", "skin.vessels-pigmentation",
  "face-outline.frontal-shape", "face-outline.profile-outline", "face-outline.symmetry",
  "face-composition.proportions", "face-composition.relative-positions",
  "face-composition.vertical-thirds", "hair.hairline",
};

LkSession *
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

char *
demo_file (const char *name)
{
  const char *source = g_getenv ("LIKENESS_SOURCE_DIR");

  g_assert_nonnull (source);
  return g_build_filename (source, "data", "demo", name, NULL);
}

void
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

void
analyse (World      *w,
         const char *suitability)
{
  LkAnalysis a = { suitability, some_factors, some_components, "Test analysis" };
  g_autoptr(GError) error = NULL;

  lk_analysis_lock (w->examiner, w->probe, &a, &error);
  g_assert_no_error (error);
}

void
import_probe (World *w)
{
  g_autofree char *path = demo_file ("grace_hopper.jpg");
  LkProvenance p = { "cctv", "video-frame", "PC Ada Jones", "2026-01-15T14:32:00Z",
                     "Warrant 2026/17", "Exhibit AJ/1", FALSE };
  g_autoptr(GError) error = NULL;

  w->probe = lk_probes_import_file (w->examiner, CASE_NUMBER, path, &p, NULL, &error);
  g_assert_no_error (error);
}

/* A list of two candidates; the first retained and its examination opened by the examiner. */
void
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

/* The rule of minimums has tests of its own: the others observe a few characteristics only. */
void
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

void
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

void
world_clear (World *w)
{
  g_clear_object (&w->reviewer);
  g_clear_object (&w->other);
  g_clear_object (&w->examiner);
  g_clear_object (&w->admin);
  g_clear_object (&w->store);
}

void
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

LkConclusionDraft
draft_at (int ordinal)
{
  LkConclusionDraft d = { NULL, FALSE, ordinal, REASONING, LIMITATIONS };

  return d;
}

/* id, text, id, text, ..., NULL */
GHashTable *
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

int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The warning ids of a draft, sorted and joined with commas ("" for none). */
char *
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

void
assert_warnings (World      *w,
                 int         ordinal,
                 const char *expected)
{
  LkConclusionDraft draft = draft_at (ordinal);
  g_autofree char *ids = warning_ids (w, &draft);

  if (g_strcmp0 (ids, expected) != 0)
    g_error ("Level %+d: expected warnings “%s”, got “%s”", ordinal, expected, ids);
}

void
set_policy (World      *w,
            const char *key,
            const char *value)
{
  g_autoptr(GError) error = NULL;

  lk_policy_set (w->admin, key, value, "Lab policy for this test", &error);
  g_assert_no_error (error);
}

gint64
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

JsonArray *
conclusions (World *w)
{
  g_autoptr(GError) error = NULL;
  JsonArray *list = lk_conclusions_list (w->reviewer, w->examination, &error);

  g_assert_no_error (error);
  return list;
}

gint64
sql_int (World      *w,
         const char *sql)
{
  return lk_test_sql_int (w->fixture->db_path, sql);
}

void
assert_message (const GError *error,
                const char   *expected)
{
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("Expected “%s” in: %s", expected, error->message);
}

gint64
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

void
assert_sql_refused (const char *path,
                    const char *sql,
                    const char *expected)
{
  g_autofree char *refusal = NULL;
  sqlite3 *db;

  if (lk_test_server () != NULL)
    {
      refusal = lk_test_sql_error (path, sql);
      if (refusal == NULL || strstr (refusal, expected) == NULL)
        g_error ("%s: expected “%s”, got: %s", sql, expected, refusal);
      return;
    }
  db = lk_test_sqlite_open (path);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  if (strstr (sqlite3_errmsg (db), expected) == NULL)
    g_error ("%s: expected “%s”, got: %s", sql, expected, sqlite3_errmsg (db));
  sqlite3_close (db);
}

