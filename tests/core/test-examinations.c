/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Examinations: opened only for a retained candidate of an unmasked probe by an examiner, on
 * their own; the eye alignment maps the candidate's eyes onto the probe's; enhancement stacks
 * replay to the same pixels after the database is reopened and are audited as readable diffs;
 * annotations persist, validate and are deleted softly; time accumulates; navigation over the
 * retained candidates hides ranks and scores; `case show --json` and likeness-cli. */
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

#include "lk-test-util.h"
#include "candidates/lk-candidates.h"
#include "casework/lk-cases.h"
#include "casework/lk-probes.h"
#include "examination/lk-similarity.h"
#include "examination/lk-examinations.h"
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
#define OTHER "ezra"
#define OTHER_PASSWORD "second examiner"
#define REVIEWER "rita"
#define REVIEWER_PASSWORD "reviewer pass"
#define CASE_NUMBER "2026-0077"
#define DATABASE "National Custody Images"
#define CANDIDATE_WIDTH 120
#define CANDIDATE_HEIGHT 150

/* Scores distinctive enough to be searched for wherever they must not appear. */
static const char * const scores[] = { "0.913271", "0.877113", "0.801547", "0.756239" };

static const char * const some_components[] = { "eyes", "nose", "mouth", NULL };

typedef struct
{
  LkTestFixture *fixture;
  LkStore       *store;
  LkSession     *admin;
  LkSession     *examiner;
  LkSession     *other;
  LkSession     *reviewer;
  gint64         probe;
  gint64         list;
  gint64         candidates[4]; /* by rank: retained, eliminated, retained, not reviewed */
  char          *folder;
} World;

/* ---- fixtures ---------------------------------------------------------------------------- */

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

/* A face-like drawing: a skin-toned oval with two dark eyes and a mouth, in shades that the
 * enhancements visibly change. */
static void
make_png (const char *path,
          double      shade)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, CANDIDATE_WIDTH,
                                                         CANDIDATE_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.35 * shade, 0.4 * shade, 0.45 * shade);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.8 * shade, 0.62 * shade, 0.5 * shade);
  cairo_save (cr);
  cairo_translate (cr, 60, 75);
  cairo_scale (cr, 40, 55);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_restore (cr);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  cairo_arc (cr, 45, 62, 5, 0, 2 * G_PI);
  cairo_arc (cr, 75, 62, 5, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_rectangle (cr, 48, 100, 24, 4);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
write_list (World *w)
{
  g_autofree char *path = g_build_filename (w->folder, "candidates.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("c%d.png", i + 1);
      g_autofree char *image = g_build_filename (w->folder, name, NULL);

      make_png (image, 0.6 + 0.1 * i);
    }
  text = g_strdup_printf (
    "{\"format\": \"likeness-candidate-list\", \"version\": 1,\n"
    " \"engine\": {\"name\": \"AcmeFace\", \"version\": \"7.2.1\"},\n"
    " \"reference_database\": {\"name\": \"%s\"},\n"
    " \"probe\": {\"image\": \"still-0417.jpg\"},\n"
    " \"search\": {\"performed_at\": \"2026-01-16T09:30:00Z\", \"threshold\": 0.42},\n"
    " \"candidates\": [\n"
    "  {\"rank\": 1, \"score\": %s, \"subject_ref\": \"SUBJ-0001\", \"image\": \"c1.png\"},\n"
    "  {\"rank\": 2, \"score\": %s, \"subject_ref\": \"SUBJ-0002\", \"image\": \"c2.png\"},\n"
    "  {\"rank\": 3, \"score\": %s, \"subject_ref\": \"SUBJ-0003\", \"image\": \"c3.png\"},\n"
    "  {\"rank\": 4, \"score\": %s, \"subject_ref\": \"SUBJ-0004\", \"image\": \"c4.png\"}]}\n",
    DATABASE, scores[0], scores[1], scores[2], scores[3]);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static gint64
sql_int (World      *w,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gint64
sql_int (World      *w,
         const char *format,
         ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return lk_test_sql_int (w->fixture->db_path, sql);
}

static void
sql (World      *w,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static void
sql (World      *w,
     const char *format,
     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  lk_test_sql (w->fixture->db_path, text);
}

static void
import_probe (World *w)
{
  g_autofree char *path = lk_test_demo_path ("grace_hopper.jpg");
  LkProvenance p = { "cctv", "video-frame", "PC Ada Jones", "2026-01-15T14:32:00Z",
                     "Warrant 2026/17", "Exhibit AJ/1", FALSE };
  LkAnalysis a = { "suitable", NULL, some_components, "" };
  g_autoptr(GError) error = NULL;

  w->probe = lk_probes_import_file (w->examiner, CASE_NUMBER, path, &p, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lk_analysis_lock (w->examiner, w->probe, &a, &error));
  g_assert_no_error (error);
}

static void
import_and_triage (World *w)
{
  g_autofree char *path = g_build_filename (w->folder, "candidates.json", NULL);
  g_autoptr(GError) error = NULL;

  w->list = lk_candidates_import (w->examiner, w->probe, path, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 4; i++)
    w->candidates[i] = sql_int (w, "SELECT id FROM candidates WHERE rank = %d", i + 1);
  g_assert_true (lk_candidates_set_triage (w->examiner, w->candidates[0], "retained", NULL,
                                           &error));
  g_assert_true (lk_candidates_set_triage (w->examiner, w->candidates[1], "eliminated",
                                           "different ear shape", &error));
  g_assert_true (lk_candidates_set_triage (w->examiner, w->candidates[2], "retained", NULL,
                                           &error));
  g_assert_no_error (error);
}

/* Administrator, two examiners and a reviewer; a case with one analysed probe; a list of four
 * candidates: rank 1 and 3 retained, 2 eliminated, 4 not reviewed. */
static void
world_init (World         *w,
            LkTestFixture *fixture)
{
  LkCaseRequest request = {
    CASE_NUMBER, "Burglary at the warehouse", "ROB", "Criminal Procedure Act, section 55",
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
  lk_reference_db_create (w->admin, DATABASE, "Police Act 1996, section 64A", "external",
                          &error);
  g_assert_no_error (error);
  w->folder = lk_test_path (fixture, "lists");
  g_assert_cmpint (g_mkdir_with_parents (w->folder, 0700), ==, 0);
  write_list (w);
  import_and_triage (w);
}

static void
close_sessions (World *w)
{
  g_clear_object (&w->reviewer);
  g_clear_object (&w->other);
  g_clear_object (&w->examiner);
  g_clear_object (&w->admin);
  g_clear_object (&w->store);
}

/* Closes the database and opens it again, as the next working day would. */
static void
reopen (World *w)
{
  g_autoptr(GError) error = NULL;

  close_sessions (w);
  w->store = lk_store_open (w->fixture->db_path, LK_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  w->admin = lk_test_login (w->store, ADMIN, ADMIN_PASSWORD);
  w->examiner = lk_test_login (w->store, EXAMINER, EXAMINER_PASSWORD);
  w->other = lk_test_login (w->store, OTHER, OTHER_PASSWORD);
  w->reviewer = lk_test_login (w->store, REVIEWER, REVIEWER_PASSWORD);
}

static void
world_clear (World *w)
{
  close_sessions (w);
  g_clear_pointer (&w->folder, g_free);
}

/* ---- helpers ------------------------------------------------------------------------------- */

static void
assert_message (const GError *error,
                const char   *expected)
{
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("Expected “%s” in: %s", expected, error->message);
  g_test_message ("refused: %s", error->message);
}

static gint64
open_ok (World  *w,
         gint64  candidate)
{
  g_autoptr(GError) error = NULL;
  gint64 id = lk_examinations_open (w->examiner, candidate, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static JsonObject *
get_ok (World  *w,
        gint64  id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *o = lk_examinations_get (w->examiner, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (o);
  return o;
}

static char *
object_to_text (JsonObject *o)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), o);

  return json_to_string (node, FALSE);
}

static JsonArray *
array_from (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

/* The typed stack of a stored JSON text, which must be valid. */
static LkEnhancementStack *
stack_from (const char *text)
{
  g_autoptr(JsonArray) json = array_from (text);
  g_autoptr(GError) error = NULL;
  LkEnhancementStack *stack = lk_enhancement_stack_new_from_json (json, &error);

  g_assert_no_error (error);
  return stack;
}

static JsonObject *
last_details (World      *w,
              const char *action)
{
  g_autoptr(LkAuditEvent) event = lk_test_last_event (w->store);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (event);
  g_assert_cmpstr (event->action, ==, action);
  json_parser_load_from_data (parser, event->details, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* ---- opening ------------------------------------------------------------------------------- */

static void
test_open (LkTestFixture *fixture,
           gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(JsonObject) o = NULL;
  g_autofree char *text = NULL;
  JsonObject *size;
  gint64 id;

  world_init (&w, fixture);
  id = open_ok (&w, w.candidates[0]);
  g_assert_cmpint (lk_examinations_open (w.examiner, w.candidates[0], NULL), ==, id);
  g_assert_cmpint (lk_test_count_action (w.store, "examination.opened"), ==, 1);
  g_assert_cmpint (lk_examinations_find (w.examiner, w.candidates[0], NULL), ==, id);
  g_assert_cmpint (lk_examinations_find (w.examiner, w.candidates[2], NULL), ==, 0);

  o = get_ok (&w, id);
  g_assert_cmpint (lk_test_count_action (w.store, "examination.viewed"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "probe_id"), ==, w.probe);
  g_assert_cmpint (json_object_get_int_member (o, "candidate_id"), ==, w.candidates[0]);
  g_assert_cmpstr (json_object_get_string_member (o, "examiner"), ==, EXAMINER);
  g_assert_cmpstr (json_object_get_string_member (o, "feature_list"), ==,
                   lk_feature_list_edition ());
  g_assert_cmpuint (strlen (json_object_get_string_member (o, "probe_sha256")), ==, 64);
  g_assert_cmpuint (strlen (json_object_get_string_member (o, "candidate_sha256")), ==, 64);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (o, "alignment")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "annotations")), ==,
                    0);
  size = json_object_get_object_member (o, "candidate_size");
  g_assert_cmpint (json_object_get_int_member (size, "width"), ==, CANDIDATE_WIDTH);
  g_assert_cmpint (json_object_get_int_member (size, "height"), ==, CANDIDATE_HEIGHT);
  /* Never the rank or the score. */
  g_assert_false (json_object_has_member (o, "rank"));
  g_assert_false (json_object_has_member (o, "score"));
  text = object_to_text (o);
  g_assert_null (strstr (text, "rank"));
  g_assert_null (strstr (text, "score"));
  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    g_assert_null (strstr (text, scores[i]));
  world_clear (&w);
}

static void
open_refused (World      *w,
              LkSession  *session,
              gint64      candidate,
              int         code,
              const char *expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (lk_examinations_open (session, candidate, &error), ==, 0);
  g_assert_error (error, LK_ERROR, code);
  assert_message (error, expected);
  g_assert_cmpint (sql_int (w, "SELECT count(*) FROM examinations"), ==, 0);
}

static void
test_open_refused (LkTestFixture *fixture,
                   gconstpointer  data)
{
  World w = { 0 };

  world_init (&w, fixture);
  open_refused (&w, w.examiner, w.candidates[3], LK_ERROR_REFUSED, "not reviewed");
  open_refused (&w, w.examiner, w.candidates[1], LK_ERROR_REFUSED, "eliminated");
  open_refused (&w, w.examiner, 9999, LK_ERROR_NOT_FOUND, "no candidate");
  open_refused (&w, w.reviewer, w.candidates[0], LK_ERROR_PERMISSION_DENIED, "Only an examiner");
  open_refused (&w, w.admin, w.candidates[0], LK_ERROR_PERMISSION_DENIED, "Only an examiner");

  /* A probe whose analysis is not locked (or closed as not suitable) masks its candidates. */
  sql (&w, "UPDATE probes SET status = 'awaiting-analysis' WHERE id = %" G_GINT64_FORMAT, w.probe);
  open_refused (&w, w.examiner, w.candidates[0], LK_ERROR_MASKED, "masked");
  sql (&w, "UPDATE probes SET status = 'not-suitable' WHERE id = %" G_GINT64_FORMAT, w.probe);
  open_refused (&w, w.examiner, w.candidates[0], LK_ERROR_MASKED, "not suitable");
  sql (&w, "UPDATE probes SET status = 'analysed' WHERE id = %" G_GINT64_FORMAT, w.probe);

  /* Once the case went to verification, nothing new is examined. */
  sql (&w, "UPDATE cases SET status = 'verification'");
  open_refused (&w, w.examiner, w.candidates[0], LK_ERROR_INVALID_INPUT, "Verification");
  sql (&w, "UPDATE cases SET status = 'examination'");

  g_assert_cmpint (lk_test_count_action (w.store, "examination.opened"), ==, 0);
  open_ok (&w, w.candidates[0]);
  world_clear (&w);
}

static void
test_owner (LkTestFixture *fixture,
            gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GError) error = NULL;
  LkPoint eyes[2] = { { 10, 10 }, { 40, 10 } };
  gint64 id, other_id;

  world_init (&w, fixture);
  id = open_ok (&w, w.candidates[0]);
  g_assert_null (lk_examinations_get (w.other, id, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  assert_message (error, "belongs to " EXAMINER);
  g_clear_error (&error);
  g_assert_false (lk_examinations_set_alignment (w.other, id, eyes, eyes, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (lk_examinations_add_time (w.other, id, 5, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_null (lk_examinations_get (w.reviewer, id, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  /* Another examiner has an examination of their own of the same candidate. */
  other_id = lk_examinations_open (w.other, w.candidates[0], &error);
  g_assert_no_error (error);
  g_assert_cmpint (other_id, !=, id);
  world_clear (&w);
}

/* ---- alignment ----------------------------------------------------------------------------- */

static void
alignment_refused (World         *w,
                   gint64         id,
                   const LkPoint  probe_eyes[2],
                   const LkPoint  candidate_eyes[2],
                   const char    *expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lk_examinations_set_alignment (w->examiner, id, probe_eyes, candidate_eyes,
                                                 &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  assert_message (error, expected);
}

static void
assert_points (JsonArray     *array,
               const LkPoint *points)
{
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonArray *p = json_array_get_array_element (array, i);

      g_assert_cmpfloat (json_array_get_double_element (p, 0), ==, points[i].x);
      g_assert_cmpfloat (json_array_get_double_element (p, 1), ==, points[i].y);
    }
}

static void
test_alignment (LkTestFixture *fixture,
                gconstpointer  data)
{
  World w = { 0 };
  LkPoint probe_eyes[2] = { { 221.4, 263.7 }, { 301.9, 258.2 } };
  LkPoint candidate_eyes[2] = { { 45.2, 62.5 }, { 74.6, 61.8 } };
  LkPoint same[2] = { { 45.2, 62.5 }, { 45.5, 62.5 } };
  LkPoint outside[2] = { { 45.2, 62.5 }, { 121.0, 61.8 } };
  LkPoint off_probe[2] = { { -3, 263.7 }, { 301.9, 258.2 } };
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(JsonObject) cleared = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *alignment;
  LkSimilarity t;
  gint64 id;

  world_init (&w, fixture);
  id = open_ok (&w, w.candidates[0]);
  alignment_refused (&w, id, probe_eyes, same, "less than a pixel apart");
  alignment_refused (&w, id, probe_eyes, outside, "outside the candidate image (120 x 150");
  alignment_refused (&w, id, off_probe, candidate_eyes, "outside the probe image (512 x 600");
  g_assert_cmpint (lk_test_count_action (w.store, "examination.aligned"), ==, 0);

  g_assert_true (lk_examinations_set_alignment (w.examiner, id, probe_eyes, candidate_eyes,
                                                &error));
  g_assert_no_error (error);
  details = last_details (&w, "examination.aligned");
  g_assert_true (json_object_has_member (details, "transform"));
  o = get_ok (&w, id);
  alignment = json_object_get_object_member (o, "alignment");
  g_assert_nonnull (alignment);
  assert_points (json_object_get_array_member (alignment, "probe_eyes"), probe_eyes);
  assert_points (json_object_get_array_member (alignment, "candidate_eyes"), candidate_eyes);
  g_assert_cmpstr (json_object_get_string_member (alignment, "maps"), ==, "candidate-to-probe");
  g_assert_true (lk_similarity_from_json (json_object_get_object_member (alignment, "transform"),
                                          &t, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 2; i++)
    {
      LkPoint mapped = lk_similarity_apply (&t, candidate_eyes[i]);

      g_assert_cmpfloat (hypot (mapped.x - probe_eyes[i].x, mapped.y - probe_eyes[i].y), <, 0.5);
    }
  g_assert_cmpfloat (lk_similarity_scale (&t), >, 2.5);

  g_assert_true (lk_examinations_reset_alignment (w.examiner, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lk_test_count_action (w.store, "examination.alignment-reset"), ==, 1);
  cleared = get_ok (&w, id);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (cleared, "alignment")));
  /* Nothing to reset: nothing recorded. */
  g_assert_true (lk_examinations_reset_alignment (w.examiner, id, &error));
  g_assert_cmpint (lk_test_count_action (w.store, "examination.alignment-reset"), ==, 1);
  world_clear (&w);
}

/* ---- enhancement stacks -------------------------------------------------------------------- */

static const char candidate_stack[] =
  "[{\"op\": \"clahe\", \"clip\": 3, \"tiles\": 4},"
  " {\"op\": \"unsharp\", \"radius\": 1.5, \"amount\": 1.2, \"threshold\": 2},"
  " {\"op\": \"gamma\", \"gamma\": 1.4}]";
static const char probe_stack[] =
  "[{\"op\": \"levels\", \"black\": 20, \"white\": 230, \"gamma\": 0.9},"
  " {\"op\": \"greyscale\"}]";

static void
set_stack_ok (World      *w,
              gint64      id,
              const char *image,
              const char *json)
{
  g_autoptr(LkEnhancementStack) stack = stack_from (json);
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_examinations_set_enhancements (w->examiner, id, image, stack, &error));
  g_assert_no_error (error);
}

/* Decodes the stored image and applies the stored stack, as a report would. */
static char *
replay_hash (World      *w,
             gint64      id,
             const char *image,
             gboolean    enhanced)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkExamination) exam = lk_examinations_get_examination (w->examiner, id, &error);
  g_autoptr(LkEnhancementStack) stack = lk_examination_get_enhancements (exam, image, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(LkPixels) pixels = NULL;
  g_autoptr(LkPixels) out = NULL;
  g_autoptr(LkEnhancementStack) none = lk_enhancement_stack_new ();

  g_assert_no_error (error);
  if (g_str_equal (image, "probe"))
    bytes = lk_probes_read_image (w->examiner, lk_examination_get_probe_id (exam), &error);
  else
    bytes = lk_candidates_read_image (w->examiner, lk_examination_get_candidate_id (exam),
                                      &error);
  g_assert_no_error (error);
  pixels = lk_cv_decode (bytes, 0, &error);
  g_assert_no_error (error);
  out = lk_cv_enhance (pixels, enhanced ? stack : none, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, out->pixels,
                                      (gsize) out->stride * out->height);
}

static void
test_enhancement_replay (LkTestFixture *fixture,
                         gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *candidate_before = NULL;
  g_autofree char *probe_before = NULL;
  g_autofree char *candidate_after = NULL;
  g_autofree char *probe_after = NULL;
  g_autofree char *candidate_plain = NULL;
  g_autofree char *probe_plain = NULL;
  gint64 id;

  world_init (&w, fixture);
  id = open_ok (&w, w.candidates[2]);
  set_stack_ok (&w, id, "candidate", candidate_stack);
  set_stack_ok (&w, id, "probe", probe_stack);
  candidate_before = replay_hash (&w, id, "candidate", TRUE);
  probe_before = replay_hash (&w, id, "probe", TRUE);

  reopen (&w);
  candidate_after = replay_hash (&w, id, "candidate", TRUE);
  probe_after = replay_hash (&w, id, "probe", TRUE);
  g_test_message ("candidate %s, probe %s", candidate_after, probe_after);
  g_assert_cmpstr (candidate_after, ==, candidate_before);
  g_assert_cmpstr (probe_after, ==, probe_before);
  /* The stacks did change the pixels: a hash that could not differ proves nothing. */
  candidate_plain = replay_hash (&w, id, "candidate", FALSE);
  probe_plain = replay_hash (&w, id, "probe", FALSE);
  g_assert_cmpstr (candidate_plain, !=, candidate_after);
  g_assert_cmpstr (probe_plain, !=, probe_after);
  world_clear (&w);
}

static void
assert_changes (World       *w,
                const char  *image,
                const char **expected)
{
  g_autoptr(JsonObject) details = last_details (w, "examination.enhancements-changed");
  JsonArray *changes = json_object_get_array_member (details, "changes");
  guint n = g_strv_length ((char **) expected);

  g_assert_cmpstr (json_object_get_string_member (details, "image"), ==, image);
  g_assert_true (json_object_has_member (details, "before"));
  g_assert_true (json_object_has_member (details, "after"));
  for (guint i = 0; i < json_array_get_length (changes); i++)
    g_test_message ("change: %s", json_array_get_string_element (changes, i));
  g_assert_cmpuint (json_array_get_length (changes), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (json_array_get_string_element (changes, i), ==, expected[i]);
}

static void
test_enhancement_audit (LkTestFixture *fixture,
                        gconstpointer  data)
{
  World w = { 0 };
  const char *added[] = { "added step 1: gamma (gamma 1.3)", NULL };
  const char *added_2[] = { "added step 2: clahe (clip 2, tiles 8)", NULL };
  const char *moved[] = { "moved gamma from step 1 to step 2", NULL };
  const char *changed[] = { "changed step 1: clahe, clip 2 → 3.5", NULL };
  const char *removed[] = { "removed step 2: gamma (gamma 1.3)", NULL };
  g_autoptr(LkEnhancementStack) bad =
    stack_from ("[{\"op\": \"invert\"}, {\"op\": \"levels\", \"black\": 10, \"white\": 200,"
                " \"gamma\": 1}]");
  g_autoptr(LkEnhancementStack) empty = lk_enhancement_stack_new ();
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, n;

  world_init (&w, fixture);
  id = open_ok (&w, w.candidates[0]);
  set_stack_ok (&w, id, "candidate", "[{\"op\": \"gamma\", \"gamma\": 1.3}]");
  assert_changes (&w, "candidate", added);
  set_stack_ok (&w, id, "candidate", "[{\"op\": \"gamma\", \"gamma\": 1.3},"
                                     " {\"op\": \"clahe\", \"clip\": 2, \"tiles\": 8}]");
  assert_changes (&w, "candidate", added_2);
  set_stack_ok (&w, id, "candidate", "[{\"op\": \"clahe\", \"clip\": 2, \"tiles\": 8},"
                                     " {\"op\": \"gamma\", \"gamma\": 1.3}]");
  assert_changes (&w, "candidate", moved);
  set_stack_ok (&w, id, "candidate", "[{\"op\": \"clahe\", \"clip\": 3.5, \"tiles\": 8},"
                                     " {\"op\": \"gamma\", \"gamma\": 1.3}]");
  assert_changes (&w, "candidate", changed);
  set_stack_ok (&w, id, "candidate", "[{\"op\": \"clahe\", \"clip\": 3.5, \"tiles\": 8}]");
  assert_changes (&w, "candidate", removed);
  n = lk_test_count_action (w.store, "examination.enhancements-changed");
  g_assert_cmpint (n, ==, 5);

  /* The same stack again changes nothing and records nothing. */
  set_stack_ok (&w, id, "candidate", "[{\"op\": \"clahe\", \"clip\": 3.5, \"tiles\": 8.0}]");
  g_assert_cmpint (lk_test_count_action (w.store, "examination.enhancements-changed"), ==, n);

  /* Each value is in range, but black above white is refused when the stack is set. */
  g_assert_true (lk_enhancement_stack_set_value (bad, 1, 0, 220, &error));
  g_assert_false (lk_examinations_set_enhancements (w.examiner, id, "candidate", bad, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  assert_message (error, "step 2 (levels)");
  g_clear_error (&error);
  g_assert_false (lk_examinations_set_enhancements (w.examiner, id, "background", empty, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (lk_test_count_action (w.store, "examination.enhancements-changed"), ==, n);
  o = get_ok (&w, id);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o,
                                                                         "candidate_enhancements")),
                    ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o,
                                                                         "probe_enhancements")),
                    ==, 0);
  world_clear (&w);
}

/* ---- annotations --------------------------------------------------------------------------- */

static const char *
some_characteristic (void)
{
  JsonArray *components = json_object_get_array_member (lk_feature_list (), "components");
  JsonObject *component = json_array_get_object_element (components, 0);
  JsonArray *characteristics = json_object_get_array_member (component, "characteristics");

  return json_object_get_string_member (json_array_get_object_element (characteristics, 0),
                                        "id");
}

static gint64
add_ok (World      *w,
        gint64      id,
        const char *image,
        const char *kind,
        int         pair,
        const char *geometry,
        const char *label,
        const char *characteristic)
{
  g_autoptr(JsonArray) points = array_from (geometry);
  LkAnnotationSpec spec = { image, kind, pair, points, label, characteristic };
  g_autoptr(GError) error = NULL;
  gint64 annotation = lk_examinations_add_annotation (w->examiner, id, &spec, &error);

  g_assert_no_error (error);
  g_assert_cmpint (annotation, >, 0);
  return annotation;
}

static void
add_refused (World      *w,
             gint64      id,
             const char *image,
             const char *kind,
             int         pair,
             const char *geometry,
             const char *label,
             const char *characteristic,
             int         code,
             const char *expected)
{
  g_autoptr(JsonArray) points = array_from (geometry);
  LkAnnotationSpec spec = { image, kind, pair, points, label, characteristic };
  g_autoptr(GError) error = NULL;
  gint64 before = sql_int (w, "SELECT count(*) FROM annotations");

  g_assert_cmpint (lk_examinations_add_annotation (w->examiner, id, &spec, &error), ==, 0);
  g_assert_error (error, LK_ERROR, code);
  assert_message (error, expected);
  g_assert_cmpint (sql_int (w, "SELECT count(*) FROM annotations"), ==, before);
}

static JsonObject *
annotation_by_id (JsonObject *examination,
                  gint64      annotation)
{
  JsonArray *all = json_object_get_array_member (examination, "annotations");

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *a = json_array_get_object_element (all, i);

      if (json_object_get_int_member (a, "id") == annotation)
        return a;
    }
  return NULL;
}

static void
add_refusals (World  *w,
              gint64  id)
{
  add_refused (w, id, "probe", "marker", 1, "[[300, 250]]", NULL, NULL, LK_ERROR_EXISTS,
               "Pair 1 already has a marker on the probe");
  add_refused (w, id, "probe", "ellipse", 0, "[[10, 10], [40, 50]]", NULL, "eyes.no-such-thing",
               LK_ERROR_INVALID_INPUT, "not a characteristic of the feature list");
  add_refused (w, id, "probe", "text", 0, "[[10, 10]]", "  ", NULL, LK_ERROR_INVALID_INPUT,
               "needs its text");
  add_refused (w, id, "probe", "marker", 0, "[[10, 10], [20, 20]]", NULL, NULL,
               LK_ERROR_INVALID_INPUT, "has 1 point(s), not 2");
  add_refused (w, id, "candidate", "rectangle", 0, "[[10, 10], [10, 50]]", NULL, NULL,
               LK_ERROR_INVALID_INPUT, "with an area");
  add_refused (w, id, "candidate", "arrow", 0, "[[10, 10], [10, 10]]", NULL, NULL,
               LK_ERROR_INVALID_INPUT, "different points");
  add_refused (w, id, "candidate", "marker", 0, "[[130, 10]]", NULL, NULL,
               LK_ERROR_INVALID_INPUT, "outside the candidate image");
  add_refused (w, id, "candidate", "ellipse", 2, "[[10, 10], [40, 50]]", NULL, NULL,
               LK_ERROR_INVALID_INPUT, "Only markers have a pair number");
  add_refused (w, id, "candidate", "freehand", 0, "[[10, 10]]", NULL, NULL,
               LK_ERROR_INVALID_INPUT, "Unknown annotation kind");
  add_refused (w, id, "both", "marker", 0, "[[10, 10]]", NULL, NULL, LK_ERROR_INVALID_INPUT,
               "“probe” or the “candidate”");
  add_refused (w, id, "probe", "marker", 0, "[[10, \"x\"]]", NULL, NULL, LK_ERROR_INVALID_INPUT,
               "two numbers");
}

static char *
annotations_text (JsonObject *examination)
{
  g_autoptr(JsonNode) node =
    json_node_init_array (json_node_alloc (),
                          json_object_get_array_member (examination, "annotations"));

  return json_to_string (node, FALSE);
}

static void
test_annotations (LkTestFixture *fixture,
                  gconstpointer  data)
{
  World w = { 0 };
  const char *characteristic = some_characteristic ();
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonArray) moved = array_from ("[[12.5, 14], [50, 60.25]]");
  g_autoptr(GError) error = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  JsonObject *a;
  g_autofree char *reason = NULL;
  gint64 id, probe_marker, candidate_marker, second, explicit, ellipse, rectangle;
  gint64 n_events, broken;

  world_init (&w, fixture);
  id = open_ok (&w, w.candidates[0]);
  probe_marker = add_ok (&w, id, "probe", "marker", 0, "[[250.5, 260]]", NULL, NULL);
  /* Placed on the probe, then on the candidate: the two share pair 1. */
  candidate_marker = add_ok (&w, id, "candidate", "marker", 0, "[[45, 62]]", "left eye", NULL);
  second = add_ok (&w, id, "probe", "marker", 0, "[[300, 255]]", NULL, NULL);
  explicit = add_ok (&w, id, "candidate", "marker", 2, "[[75, 62]]", NULL, NULL);
  ellipse = add_ok (&w, id, "candidate", "ellipse", 0, "[[30, 40], [90, 70]]", "eye region",
                    characteristic);
  rectangle = add_ok (&w, id, "probe", "rectangle", 0, "[[200, 230], [340, 300]]", NULL, NULL);
  add_ok (&w, id, "candidate", "arrow", 0, "[[10, 10], [44, 60]]", NULL, NULL);
  add_ok (&w, id, "probe", "text", 0, "[[220, 200]]", "scar above the left brow", NULL);
  add_refusals (&w, id);
  g_assert_cmpint (lk_test_count_action (w.store, "annotation.added"), ==, 8);

  before = get_ok (&w, id);
  g_assert_cmpint (json_object_get_int_member (annotation_by_id (before, probe_marker), "pair"),
                   ==, 1);
  g_assert_cmpint (json_object_get_int_member (annotation_by_id (before, candidate_marker),
                                               "pair"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (annotation_by_id (before, second), "pair"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (annotation_by_id (before, explicit), "pair"), ==,
                   2);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (annotation_by_id (before, ellipse),
                                                               "pair")));
  g_assert_cmpstr (json_object_get_string_member (annotation_by_id (before, ellipse),
                                                  "characteristic"), ==, characteristic);

  /* Update and soft delete. */
  g_assert_true (lk_examinations_update_annotation (w.examiner, ellipse, moved, "both eyes", "",
                                                    &error));
  g_assert_no_error (error);
  g_assert_true (lk_examinations_delete_annotation (w.examiner, rectangle, &error));
  g_assert_no_error (error);
  g_assert_false (lk_examinations_delete_annotation (w.examiner, rectangle, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (lk_examinations_update_annotation (w.examiner, rectangle, NULL, "x", NULL,
                                                     &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (lk_test_count_action (w.store, "annotation.updated"), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "annotation.deleted"), ==, 1);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM annotations WHERE id = %" G_GINT64_FORMAT
                           " AND deleted_at IS NOT NULL", rectangle), ==, 1);
  g_clear_pointer (&before, json_object_unref);
  before = get_ok (&w, id);
  before_text = annotations_text (before);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (before, "annotations")),
                    ==, 7);
  g_assert_null (annotation_by_id (before, rectangle));
  a = annotation_by_id (before, ellipse);
  g_assert_cmpstr (json_object_get_string_member (a, "label"), ==, "both eyes");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (a, "characteristic")));
  g_assert_cmpfloat (json_array_get_double_element (
                       json_array_get_array_element (json_object_get_array_member (a, "geometry"),
                                                     1), 1), ==, 60.25);

  /* Everything is there after reopening the database. */
  reopen (&w);
  after = get_ok (&w, id);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (after, "annotations")),
                    ==, 7);
  after_text = annotations_text (after);
  g_assert_cmpstr (after_text, ==, before_text);
  /* Every change went through the hash chain. */
  g_assert_true (lk_audit_verify (w.store, &n_events, &broken, &reason, &error));
  g_assert_no_error (error);
  g_assert_null (reason);
  world_clear (&w);
}

/* ---- time, navigation, frozen cases --------------------------------------------------------- */

static void
time_refused (World  *w,
              gint64  id,
              double  seconds)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lk_examinations_add_time (w->examiner, id, seconds, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
}

static void
test_time (LkTestFixture *fixture,
           gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  world_init (&w, fixture);
  id = open_ok (&w, w.candidates[0]);
  g_assert_true (lk_examinations_add_time (w.examiner, id, 12.5, &error));
  g_assert_true (lk_examinations_add_time (w.examiner, id, 30, &error));
  g_assert_no_error (error);
  details = last_details (&w, "examination.time-added");
  g_assert_cmpfloat (json_object_get_double_member (details, "total"), ==, 42.5);
  time_refused (&w, id, 0);
  time_refused (&w, id, -3);
  time_refused (&w, id, NAN);
  time_refused (&w, id, 1e6);
  g_assert_cmpint (lk_test_count_action (w.store, "examination.time-added"), ==, 2);
  reopen (&w);
  o = get_ok (&w, id);
  g_assert_cmpfloat (json_object_get_double_member (o, "seconds_spent"), ==, 42.5);
  world_clear (&w);
}

static void
test_retained (LkTestFixture *fixture,
               gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GListModel) retained = NULL;
  g_autoptr(GListModel) refused = NULL;
  g_autoptr(GError) error = NULL;

  world_init (&w, fixture);
  /* Even once revealed to this examiner, the workspace shows no rank or score. */
  g_assert_true (lk_candidates_reveal_scores (w.examiner, w.list, "checking the margin", &error));
  g_assert_no_error (error);
  retained = lk_examinations_retained (w.examiner, w.probe, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (retained), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      LkCandidate *c = lk_test_item_at (retained, i);

      g_assert_cmpint (lk_candidate_get_id (c), ==, w.candidates[i * 2]);
      g_assert_cmpint (lk_candidate_get_position (c), ==, (int) i + 1);
      g_assert_cmpstr (lk_candidate_get_triage_state (c), ==, "retained");
      g_assert_false (lk_candidate_get_scores_visible (c));
      g_assert_cmpint (lk_candidate_get_rank (c), ==, 0);
      g_assert_true (isnan (lk_candidate_get_score (c)));
    }
  refused = lk_examinations_retained (w.reviewer, w.probe, &error);
  g_assert_null (refused);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  world_clear (&w);
}

static void
test_frozen (LkTestFixture *fixture,
             gconstpointer  data)
{
  World w = { 0 };
  LkPoint probe_eyes[2] = { { 221, 263 }, { 301, 258 } };
  LkPoint candidate_eyes[2] = { { 45, 62 }, { 75, 62 } };
  g_autoptr(GError) error = NULL;
  gint64 id;

  world_init (&w, fixture);
  id = open_ok (&w, w.candidates[0]);
  sql (&w, "UPDATE cases SET status = 'verification'");
  g_assert_false (lk_examinations_set_alignment (w.examiner, id, probe_eyes, candidate_eyes,
                                                 &error));
  assert_message (error, "Verification");
  g_clear_error (&error);
  g_assert_false (lk_examinations_add_time (w.examiner, id, 4, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  add_refused (&w, id, "probe", "marker", 0, "[[250, 260]]", NULL, NULL, LK_ERROR_INVALID_INPUT,
               "Verification");
  world_clear (&w);
}

static void
test_case_json (LkTestFixture *fixture,
                gconstpointer  data)
{
  World w = { 0 };
  LkPoint probe_eyes[2] = { { 221, 263 }, { 301, 258 } };
  LkPoint candidate_eyes[2] = { { 45, 62 }, { 75, 62 } };
  g_autoptr(JsonObject) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *probe, *summary;
  JsonArray *examinations;
  gint64 id;

  world_init (&w, fixture);
  id = open_ok (&w, w.candidates[0]);
  add_ok (&w, id, "probe", "marker", 0, "[[250.5, 260]]", NULL, NULL);
  add_ok (&w, id, "candidate", "marker", 1, "[[45, 62]]", NULL, NULL);
  g_assert_true (lk_examinations_set_alignment (w.examiner, id, probe_eyes, candidate_eyes,
                                                &error));
  g_assert_true (lk_examinations_add_time (w.examiner, id, 90, &error));
  g_assert_no_error (error);
  c = lk_cases_to_json (w.examiner, CASE_NUMBER, &error);
  g_assert_no_error (error);
  probe = json_array_get_object_element (json_object_get_array_member (c, "probes"), 0);
  examinations = json_object_get_array_member (probe, "examinations");
  g_assert_cmpuint (json_array_get_length (examinations), ==, 1);
  summary = json_array_get_object_element (examinations, 0);
  g_assert_cmpint (json_object_get_int_member (summary, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (summary, "subject_ref"), ==, "SUBJ-0001");
  g_assert_cmpstr (json_object_get_string_member (summary, "examiner"), ==, EXAMINER);
  g_assert_cmpint (json_object_get_int_member (summary, "n_annotations"), ==, 2);
  g_assert_true (json_object_get_boolean_member (summary, "aligned"));
  g_assert_cmpfloat (json_object_get_double_member (summary, "seconds_spent"), ==, 90);
  text = object_to_text (summary);
  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    g_assert_null (strstr (text, scores[i]));
  world_clear (&w);
}

/* ---- likeness-cli -------------------------------------------------------------------------- */

static LkCliRun *
cli_as (World      *w,
        const char *user,
        const char *password,
        const char *a0,
        const char *a1,
        const char *a2,
        const char *a3)
{
  return lk_test_cli (password, NULL, NULL, "--db", w->fixture->db_path, "--user", user, a0, a1,
                      a2, a3, NULL);
}

static void
test_cli (LkTestFixture *fixture,
          gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *candidate = NULL;
  g_autofree char *eliminated = NULL;
  g_autofree char *id = NULL;
  g_autoptr(LkCliRun) open = NULL;
  g_autoptr(LkCliRun) again = NULL;
  g_autoptr(LkCliRun) refused = NULL;
  g_autoptr(LkCliRun) show = NULL;
  g_autoptr(LkCliRun) summary = NULL;
  g_autoptr(LkCliRun) stranger = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o;

  world_init (&w, fixture);
  close_sessions (&w);
  candidate = g_strdup_printf ("%" G_GINT64_FORMAT, w.candidates[0]);
  eliminated = g_strdup_printf ("%" G_GINT64_FORMAT, w.candidates[1]);
  open = cli_as (&w, EXAMINER, EXAMINER_PASSWORD, "examination", "open", candidate, NULL);
  g_assert_cmpint (open->status, ==, 0);
  id = g_strstrip (g_strdup (open->out));
  g_assert_cmpint (g_ascii_strtoll (id, NULL, 10), ==,
                   sql_int (&w, "SELECT id FROM examinations"));
  again = cli_as (&w, EXAMINER, EXAMINER_PASSWORD, "examination", "open", candidate, NULL);
  g_assert_cmpstr (again->out, ==, open->out);
  refused = cli_as (&w, EXAMINER, EXAMINER_PASSWORD, "examination", "open", eliminated, NULL);
  g_assert_cmpint (refused->status, >, 0);
  g_assert_nonnull (strstr (refused->err, "eliminated"));

  show = cli_as (&w, EXAMINER, EXAMINER_PASSWORD, "examination", "show", id, "--json");
  g_assert_cmpint (show->status, ==, 0);
  json_parser_load_from_data (parser, show->out, -1, &error);
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (o, "candidate_id"), ==, w.candidates[0]);
  g_assert_null (strstr (show->out, "score"));
  summary = cli_as (&w, EXAMINER, EXAMINER_PASSWORD, "examination", "show", id, NULL);
  g_assert_cmpint (summary->status, ==, 0);
  g_assert_nonnull (strstr (summary->out, "SUBJ-0001"));
  stranger = cli_as (&w, OTHER, OTHER_PASSWORD, "examination", "show", id, "--json");
  g_assert_cmpint (stranger->status, >, 0);
  g_assert_nonnull (strstr (stranger->err, "belongs to"));
  world_clear (&w);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/examinations/open", test_open);
  LK_TEST_ADD ("/likeness/examinations/open-refused", test_open_refused);
  LK_TEST_ADD ("/likeness/examinations/owner", test_owner);
  LK_TEST_ADD ("/likeness/examinations/alignment", test_alignment);
  LK_TEST_ADD ("/likeness/examinations/enhancement-replay", test_enhancement_replay);
  LK_TEST_ADD ("/likeness/examinations/enhancement-audit", test_enhancement_audit);
  LK_TEST_ADD ("/likeness/examinations/annotations", test_annotations);
  LK_TEST_ADD ("/likeness/examinations/time", test_time);
  LK_TEST_ADD ("/likeness/examinations/retained", test_retained);
  LK_TEST_ADD ("/likeness/examinations/frozen", test_frozen);
  LK_TEST_ADD ("/likeness/examinations/case-json", test_case_json);
  LK_TEST_ADD ("/likeness/examinations/cli", test_cli);
  return g_test_run ();
}
