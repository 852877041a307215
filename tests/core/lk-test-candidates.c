/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-test-candidates.h"

/* Scores distinctive enough to be searched for wherever they must not appear. */
const char * const scores[] = { "0.913271", "0.877113", "0.801547", "0.756239",
                                       "0.702851" };

const char * const some_components[] = { "eyes", "nose", "mouth", "ears", NULL };

const char * const dump_queries[] = {
  "SELECT count(*) FROM images",
  "SELECT count(*) FROM candidate_lists",
  "SELECT count(*) FROM candidates",
  "SELECT count(*) FROM audit_event",
  "SELECT count(*) FROM score_reveals",
  "SELECT count(*) FROM list_presentations",
  "SELECT count(*) FROM reference_databases",
  "SELECT count(*) FROM candidates WHERE triage_state != 'not-reviewed'",
};

const char csv_text[] =
  "rank,score,subject_ref,image\n"
  "1,0.66,\"Doe, Jane\",a.png,source=custody,\"note=said \"\"hi\"\", twice\"\r\n"
  "\n"
  "2,0.61,SUBJ-0102,faces/b.png\n"
  "3,0.58,SUBJ-0103,c.png";

char *
in_folder (LkTestWorld *w,
           const char  *name)
{
  return g_build_filename (w->folder, name, NULL);
}

void
write_text (LkTestWorld *w,
            const char  *name,
            const char  *text)
{
  g_autofree char *path = in_folder (w, name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* A small PNG of one colour with a band of another: distinct bytes for each colour. */
void
make_png (const char *path,
          int         width,
          int         height,
          double      red,
          double      green,
          double      blue)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, red, green, blue);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 1 - red, 1 - green, 1 - blue);
  cairo_rectangle (cr, width / 4.0, height / 3.0, width / 2.0, height / 6.0);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

void
make_images (LkTestWorld *w)
{
  g_autofree char *faces = in_folder (w, "faces");
  g_autofree char *a = in_folder (w, "a.png");
  g_autofree char *b = in_folder (w, "faces/b.png");
  g_autofree char *c = in_folder (w, "c.png");
  g_autofree char *d = g_build_filename (w->fixture->dir, "d.png", NULL);
  g_autofree char *hopper = in_folder (w, "hopper.jpg");
  g_autofree char *source = lk_test_demo_path ("grace_hopper.jpg");
  g_autofree char *bytes = NULL;
  g_autofree char *encoded = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_cmpint (g_mkdir_with_parents (faces, 0700), ==, 0);
  make_png (a, 64, 80, 0.8, 0.2, 0.2);
  make_png (b, 72, 90, 0.2, 0.8, 0.2);
  make_png (c, 80, 100, 0.2, 0.2, 0.8);
  make_png (d, 60, 60, 0.5, 0.5, 0.1);
  g_file_get_contents (source, &bytes, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (hopper, bytes, (gssize) length, &error);
  g_assert_no_error (error);
  g_clear_pointer (&bytes, g_free);
  g_file_get_contents (d, &bytes, &length, &error);
  g_assert_no_error (error);
  encoded = g_base64_encode ((const guchar *) bytes, length);
  w->data_uri = g_strdup_printf ("data:image/png;base64,%s", encoded);
}

void
lock_analysis (LkTestWorld *w,
               gint64       probe)
{
  lk_test_world_lock_analysis (w, probe, some_components);
}

/* An administrator, an examiner and a reviewer; a case with one probe (its analysis locked
 * when @lock), a registered external reference database, and a folder of images. */
void
world_init (LkTestWorld   *w,
            LkTestFixture *fixture,
            gboolean       lock)
{
  LkTestWorldSpec spec = { CASE_NUMBER, "Robbery at the petrol station", FALSE, lock,
                           some_components };

  lk_test_world_init (w, fixture, &spec);
  make_images (w);
}

void
world_clear (LkTestWorld *w)
{
  lk_test_world_clear (w);
}

char *
good_candidates (LkTestWorld *w)
{
  return g_strdup_printf (
    "  {\"rank\": 1, \"score\": %s, \"subject_ref\": \"SUBJ-0001\", \"image\": \"a.png\","
    " \"metadata\": {\"source\": \"custody photo 2019\"}},\n"
    "  {\"rank\": 2, \"score\": %s, \"subject_ref\": \"SUBJ-0002\", \"image\": \"faces/b.png\"},\n"
    "  {\"rank\": 3, \"score\": %s, \"subject_ref\": \"SUBJ-0003\", \"image\": \"hopper.jpg\"},\n"
    "  {\"rank\": 4, \"score\": %s, \"subject_ref\": \"SUBJ-0004\", \"image\": \"%s\"},\n"
    "  {\"rank\": 5, \"score\": %s, \"subject_ref\": \"SUBJ-0005\", \"image\": \"./c.png\"}\n",
    scores[0], scores[1], scores[2], scores[3], w->data_uri, scores[4]);
}

char *
header_fields (const char *version,
               const char *database,
               const char *probe_sha256)
{
  g_autofree char *sha = probe_sha256 ? g_strdup_printf (", \"sha256\": \"%s\"", probe_sha256)
                                      : g_strdup ("");

  return g_strdup_printf (
    "\"format\": \"likeness-candidate-list\", \"version\": %s,\n"
    " \"engine\": {\"name\": \"AcmeFace\", \"version\": \"7.2.1\"},\n"
    " \"reference_database\": {\"name\": \"%s\"},\n"
    " \"probe\": {\"image\": \"still-0417.jpg\"%s},\n"
    " \"search\": {\"performed_at\": \"2026-01-16T09:30:00Z\", \"threshold\": 0.42,"
    " \"max_candidates\": 50}", version, database, sha);
}

char *
list_text (const char *version,
           const char *database,
           const char *probe_sha256,
           const char *candidates)
{
  g_autofree char *header = header_fields (version, database, probe_sha256);

  return g_strdup_printf ("{%s,\n \"candidates\": [\n%s]}\n", header, candidates);
}

void
write_list (LkTestWorld *w,
            const char  *name,
            const char  *candidates)
{
  g_autofree char *text = list_text ("1", LK_TEST_WORLD_DATABASE, NULL, candidates);

  write_text (w, name, text);
}

void
write_good_list (LkTestWorld *w,
                 const char  *name)
{
  g_autofree char *candidates = good_candidates (w);

  write_list (w, name, candidates);
}

void
dump_clear (Dump *d)
{
  g_clear_pointer (&d->head, g_free);
}

void
dump_take (LkTestWorld *w,
           Dump        *d)
{
  for (guint i = 0; i < G_N_ELEMENTS (dump_queries); i++)
    d->counts[i] = lk_test_sql_int (w->fixture->db_path, dump_queries[i]);
  g_clear_pointer (&d->head, g_free);
  d->head = lk_test_sql_text (w->fixture->db_path,
                              "SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1");
}

void
assert_unchanged (LkTestWorld *w,
                  const Dump  *before)
{
  g_auto(Dump) after = { { 0 } };

  dump_take (w, &after);
  for (guint i = 0; i < G_N_ELEMENTS (dump_queries); i++)
    if (after.counts[i] != before->counts[i])
      g_error ("%s: %" G_GINT64_FORMAT " before, %" G_GINT64_FORMAT " after", dump_queries[i],
               before->counts[i], after.counts[i]);
  g_assert_cmpstr (after.head, ==, before->head);
}

gint64
import_ok (LkTestWorld *w,
           const char  *name)
{
  g_autofree char *path = in_folder (w, name);
  g_autoptr(GError) error = NULL;
  gint64 id = lk_candidates_import (w->examiner, w->probe, path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Refused with @code and a message containing @expected, and nothing written at all. */
void
import_refused (LkTestWorld *w,
                const char  *name,
                int          code,
                const char  *expected)
{
  g_autofree char *path = in_folder (w, name);
  g_autoptr(GError) error = NULL;
  g_auto(Dump) before = { { 0 } };

  dump_take (w, &before);
  g_assert_cmpint (lk_candidates_import (w->examiner, w->probe, path, &error), ==, 0);
  g_assert_error (error, LK_ERROR, code);
  lk_test_assert_message (error, expected);
  assert_unchanged (w, &before);
}

JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

