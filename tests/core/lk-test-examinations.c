/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-test-examinations.h"

/* Scores distinctive enough to be searched for wherever they must not appear. */
const char * const scores[] = { "0.913271", "0.877113", "0.801547", "0.756239" };

const char * const some_components[] = { "eyes", "nose", "mouth", NULL };

const char candidate_stack[] =
  "[{\"op\": \"clahe\", \"clip\": 3, \"tiles\": 4},"
  " {\"op\": \"unsharp\", \"radius\": 1.5, \"amount\": 1.2, \"threshold\": 2},"
  " {\"op\": \"gamma\", \"gamma\": 1.4}]";

const char probe_stack[] =
  "[{\"op\": \"levels\", \"black\": 20, \"white\": 230, \"gamma\": 0.9},"
  " {\"op\": \"greyscale\"}]";

/* A face-like drawing: a skin-toned oval with two dark eyes and a mouth, in shades that the
 * enhancements visibly change. */
void
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

void
write_list (LkTestWorld *w)
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
    LK_TEST_WORLD_DATABASE, scores[0], scores[1], scores[2], scores[3]);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

void
import_and_triage (LkTestWorld *w)
{
  g_autofree char *path = g_build_filename (w->folder, "candidates.json", NULL);
  g_autoptr(GError) error = NULL;

  w->list = lk_candidates_import (w->examiner, w->probe, path, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 4; i++)
    w->candidates[i] = lk_test_world_sql_int (w, "SELECT id FROM candidates WHERE rank = %d",
                                              i + 1);
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
void
world_init (LkTestWorld   *w,
            LkTestFixture *fixture)
{
  LkTestWorldSpec spec = { CASE_NUMBER, "Burglary at the warehouse", TRUE, TRUE,
                           some_components };

  lk_test_world_init (w, fixture, &spec);
  write_list (w);
  import_and_triage (w);
}

void
world_clear (LkTestWorld *w)
{
  lk_test_world_clear (w);
}

gint64
open_ok (LkTestWorld *w,
         gint64       candidate)
{
  g_autoptr(GError) error = NULL;
  gint64 id = lk_examinations_open (w->examiner, candidate, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

JsonObject *
get_ok (LkTestWorld *w,
        gint64       id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *o = lk_examinations_get (w->examiner, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (o);
  return o;
}

char *
object_to_text (JsonObject *o)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), o);

  return json_to_string (node, FALSE);
}

JsonArray *
array_from (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

JsonObject *
last_details (LkTestWorld *w,
              const char  *action)
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

