/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lk-test-casework.h"
#include "lk-test-util.h"

#define PASSWORD "a long enough password"
#define REASONING \
  "The face outline, the nose tip and the mouth correspond in form and in their positions; " \
  "no dissimilar feature was found."

static void
write_list (const char *folder,
            guint       n)
{
  g_autoptr(GString) json = g_string_new ("{\"format\": \"likeness-candidate-list\", "
                                          "\"version\": 1, \"engine\": {\"name\": \"AcmeFace\","
                                          " \"version\": \"7.2.1\"}, \"reference_database\": "
                                          "{\"name\": \"Custody images\"}, \"search\": "
                                          "{\"performed_at\": \"2026-01-16T09:30:00Z\", "
                                          "\"threshold\": 0.4}, \"candidates\": [");
  g_autofree char *path = g_build_filename (folder, "list.json", NULL);
  const char *names[] = { "grace_hopper.jpg", "astronaut.png" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *from = lk_test_demo_path (names[i]);
      g_autofree char *to = g_build_filename (folder, names[i], NULL);
      g_autoptr(GBytes) bytes = lk_test_read_bytes (from);

      lk_test_write_bytes (to, bytes);
    }
  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"rank\": %u, \"score\": %.3f, \"subject_ref\": "
                            "\"SUBJ-%04u\", \"image\": \"%s\"}", i ? ", " : "", i + 1,
                            0.95 - i * 0.01, i + 1, names[i % 2]);
  g_string_append (json, "]}");
  g_file_set_contents (path, json->str, -1, &error);
  g_assert_no_error (error);
}

static void
observe_and_annotate (LkSession *session,
                      gint64     examination)
{
  static const char * const characteristics[] = {
    "face-outline.frontal-shape", "nose.tip", "mouth.corners", "eyebrows.shape",
  };
  static const LkPoint probe_eyes[2] = { { 104.6, 88.2 }, { 146.8, 88.7 } };
  static const LkPoint candidate_eyes[2] = { { 222.6, 190.7 }, { 305.5, 187.8 } };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (characteristics); i++)
    {
      LkObservationSpec o = { characteristics[i], "visible", "visible", "similar", "class",
                              "Corresponds in form and position", NULL, 0 };

      g_assert_true (lk_observations_set (session, examination, &o, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonArray) geometry = json_array_new ();
      g_autoptr(JsonArray) point = json_array_new ();
      LkAnnotationSpec spec = { i ? "candidate" : "probe", "marker", 0, geometry, NULL,
                                "nose.tip" };

      json_array_add_double_element (point, i ? 150 : 60);
      json_array_add_double_element (point, i ? 160 : 80);
      json_array_add_array_element (geometry, json_array_ref (point));
      g_assert_cmpint (lk_examinations_add_annotation (session, examination, &spec, &error), >,
                       0);
      g_assert_no_error (error);
    }
  lk_examinations_set_alignment (session, examination, probe_eyes, candidate_eyes, &error);
  /* a candidate too small for these eyes is compared unaligned */
  g_clear_error (&error);
}

static gint64
sign (LkSession *session,
      gint64     examination)
{
  LkConclusionDraft draft = { NULL, FALSE, 1, REASONING, "Low resolution and JPEG blocking." };
  g_autoptr(GError) error = NULL;
  gint64 id = lk_conclusions_sign (session, examination, &draft, NULL, PASSWORD, &error);

  g_assert_no_error (error);
  return id;
}

static void
verify (LkTestCase *c,
        gint64      examination)
{
  g_autoptr(GError) error = NULL;
  gint64 verification = lk_verifications_submit (c->examiner, examination, &error), own;

  g_assert_no_error (error);
  g_assert_true (lk_verifications_assign (c->admin, verification, "rita", &error));
  g_assert_no_error (error);
  own = lk_verifications_open (c->reviewer, verification, &error);
  g_assert_no_error (error);
  observe_and_annotate (c->reviewer, own);
  sign (c->reviewer, own);
  g_assert_true (lk_verifications_countersign (c->reviewer, verification, "Agreed", PASSWORD,
                                               &error));
  g_assert_no_error (error);
}

static void
add_user (LkTestCase *c,
          const char *name,
          LkRoles     roles)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_users_add (c->admin, name, NULL, roles, PASSWORD, &error));
  g_assert_no_error (error);
  lk_test_grant_competencies (c->admin, name, roles);
}

static void
examine (LkTestCase  *c,
         guint        n_examined,
         gboolean     with_verification)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) candidates = lk_candidates_for_probe (c->examiner, c->probe, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (candidates); i++)
    {
      LkCandidate *k = lk_test_item_at (candidates, i);
      gboolean keep = i < n_examined;

      g_assert_true (lk_candidates_set_triage (c->examiner, lk_candidate_get_id (k), keep ? "retained"
                                               : "eliminated", keep ? NULL
                                               : "Different face shape", &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < n_examined; i++)
    {
      LkCandidate *k = lk_test_item_at (candidates, i);
      gint64 examination = lk_examinations_open (c->examiner, lk_candidate_get_id (k), &error);

      g_assert_no_error (error);
      observe_and_annotate (c->examiner, examination);
      sign (c->examiner, examination);
      if (with_verification)
        verify (c, examination);
    }
}

void
lk_test_case_build (LkTestCase  *c,
                    const char  *db_path,
                    const char  *folder,
                    guint        n_candidates,
                    guint        n_examined,
                    gboolean     with_verification)
{
  LkCaseRequest request = {
    "2026-0500", "Robbery at the petrol station", "ROB", "Criminal Procedure Act, section 55",
    "The offender's face is visible on CCTV", "Chief Inspector Ward", "Robbery Squad", NULL,
  };
  g_autofree char *list = g_build_filename (folder, "list.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) created = NULL;

  c->number = g_strdup (request.number);
  c->store = lk_test_store_new (db_path, "admin", PASSWORD);
  c->admin = lk_test_login (c->store, "admin", PASSWORD);
  add_user (c, "erin", LK_ROLE_EXAMINER);
  add_user (c, "rita", LK_ROLE_REVIEWER);
  c->examiner = lk_test_login (c->store, "erin", PASSWORD);
  c->reviewer = lk_test_login (c->store, "rita", PASSWORD);
  created = lk_cases_create (c->examiner, &request, &error);
  g_assert_no_error (error);
  c->probe = lk_test_import_portrait (c->examiner, c->number, &c->probe_sha256);
  lk_test_lock_suitable (c->examiner, c->probe);
  write_list (folder, n_candidates);
  lk_reference_db_create (c->admin, "Custody images", "Police Act 1996, section 64A",
                          "external", &error);
  g_assert_no_error (error);
  lk_candidates_import (c->examiner, c->probe, list, &error);
  g_assert_no_error (error);
  examine (c, n_examined, with_verification);
}

void
lk_test_case_clear (LkTestCase *c)
{
  g_clear_object (&c->reviewer);
  g_clear_object (&c->examiner);
  g_clear_object (&c->admin);
  g_clear_object (&c->store);
  g_clear_pointer (&c->number, g_free);
  g_clear_pointer (&c->probe_sha256, g_free);
}

/* ---- the casework world of the candidate-list and examination tests ------------------------ */

LkSession *
lk_test_world_add_user (LkTestWorld *w,
                        const char  *name,
                        LkRoles      roles,
                        const char  *password)
{
  g_autoptr(GError) error = NULL;

  lk_users_add (w->admin, name, NULL, roles, password, &error);
  g_assert_no_error (error);
  return lk_test_login (w->store, name, password);
}

gint64
lk_test_world_import_probe (LkTestWorld *w,
                            const char  *number)
{
  g_autofree char *path = lk_test_demo_path ("grace_hopper.jpg");
  LkProvenance p = { "cctv", "video-frame", "PC Ada Jones", "2026-01-15T14:32:00Z",
                     "Warrant 2026/17", "Exhibit AJ/1", FALSE };
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  gint64 id = lk_probes_import_file (w->examiner, number, path, &p, &sha256, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_free (w->probe_sha256);
  w->probe_sha256 = g_steal_pointer (&sha256);
  return id;
}

void
lk_test_world_lock_analysis (LkTestWorld        *w,
                             gint64              probe,
                             const char * const *components)
{
  LkAnalysis a = { "suitable", NULL, components, "" };
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_analysis_lock (w->examiner, probe, &a, &error));
  g_assert_no_error (error);
}

/* A new database, its administrator and the examiner. */
static void
world_open (LkTestWorld   *w,
            LkTestFixture *fixture)
{
  w->fixture = fixture;
  w->store = lk_test_store_new (fixture->db_path, LK_TEST_WORLD_ADMIN,
                                LK_TEST_WORLD_ADMIN_PASSWORD);
  w->admin = lk_test_login (w->store, LK_TEST_WORLD_ADMIN, LK_TEST_WORLD_ADMIN_PASSWORD);
  w->examiner = lk_test_world_add_user (w, LK_TEST_WORLD_EXAMINER, LK_ROLE_EXAMINER,
                                        LK_TEST_WORLD_EXAMINER_PASSWORD);
}

static void
world_create_case (LkTestWorld           *w,
                   const LkTestWorldSpec *spec)
{
  LkCaseRequest request = {
    spec->case_number, spec->case_title, "ROB", "Criminal Procedure Act, section 55",
    "The offender's face is visible on CCTV", "Chief Inspector Ward", "Robbery Squad", NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) c = lk_cases_create (w->examiner, &request, &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
}

void
lk_test_world_init_case (LkTestWorld           *w,
                         LkTestFixture         *fixture,
                         const LkTestWorldSpec *spec)
{
  world_open (w, fixture);
  world_create_case (w, spec);
}

void
lk_test_world_init (LkTestWorld           *w,
                    LkTestFixture         *fixture,
                    const LkTestWorldSpec *spec)
{
  g_autoptr(GError) error = NULL;

  world_open (w, fixture);
  if (spec->other_examiner)
    w->other = lk_test_world_add_user (w, LK_TEST_WORLD_OTHER, LK_ROLE_EXAMINER,
                                       LK_TEST_WORLD_OTHER_PASSWORD);
  w->reviewer = lk_test_world_add_user (w, LK_TEST_WORLD_REVIEWER, LK_ROLE_REVIEWER,
                                        LK_TEST_WORLD_REVIEWER_PASSWORD);
  world_create_case (w, spec);
  w->probe = lk_test_world_import_probe (w, spec->case_number);
  if (spec->lock)
    lk_test_world_lock_analysis (w, w->probe, spec->components);
  w->database = lk_reference_db_create (w->admin, LK_TEST_WORLD_DATABASE,
                                        "Police Act 1996, section 64A", "external", &error);
  g_assert_no_error (error);
  w->folder = lk_test_path (fixture, "lists");
  g_assert_cmpint (g_mkdir_with_parents (w->folder, 0700), ==, 0);
}

void
lk_test_world_close_sessions (LkTestWorld *w)
{
  g_clear_object (&w->reviewer);
  g_clear_object (&w->other);
  g_clear_object (&w->examiner);
  g_clear_object (&w->admin);
  g_clear_object (&w->store);
}

void
lk_test_world_reopen (LkTestWorld *w)
{
  g_autoptr(GError) error = NULL;
  gboolean other = w->other != NULL;

  lk_test_world_close_sessions (w);
  w->store = lk_store_open (w->fixture->db_path, LK_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  w->admin = lk_test_login (w->store, LK_TEST_WORLD_ADMIN, LK_TEST_WORLD_ADMIN_PASSWORD);
  w->examiner = lk_test_login (w->store, LK_TEST_WORLD_EXAMINER,
                               LK_TEST_WORLD_EXAMINER_PASSWORD);
  if (other)
    w->other = lk_test_login (w->store, LK_TEST_WORLD_OTHER, LK_TEST_WORLD_OTHER_PASSWORD);
  w->reviewer = lk_test_login (w->store, LK_TEST_WORLD_REVIEWER,
                               LK_TEST_WORLD_REVIEWER_PASSWORD);
}

void
lk_test_world_clear (LkTestWorld *w)
{
  lk_test_world_close_sessions (w);
  g_clear_pointer (&w->probe_sha256, g_free);
  g_clear_pointer (&w->folder, g_free);
  g_clear_pointer (&w->data_uri, g_free);
}

gint64
lk_test_world_sql_int (LkTestWorld *w,
                       const char  *format,
                       ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return lk_test_sql_int (w->fixture->db_path, sql);
}

char *
lk_test_world_sql_text (LkTestWorld *w,
                        const char  *format,
                        ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return lk_test_sql_text (w->fixture->db_path, sql);
}

void
lk_test_world_sql (LkTestWorld *w,
                   const char  *format,
                   ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  lk_test_sql (w->fixture->db_path, sql);
}

void
lk_test_assert_message (const GError *error,
                        const char   *expected)
{
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("Expected “%s” in: %s", expected, error->message);
  g_test_message ("refused: %s", error->message);
}
