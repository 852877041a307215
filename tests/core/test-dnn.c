/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dnn engine with embedding models it has never seen: small ONNX networks written by
 * lk-test-onnx.c (average pooling of the aligned 112 x 112 crop, D = 588; the same followed by
 * a seeded random projection, D = 64; also D = 7, and a batch size declared "N"). With YuNet
 * and the ORL faces from LIKENESS_SHARED_DATA: images 1-5 of each of the 40 people enrolled,
 * every template of the model's dimension; a search recorded as likeness-dnn with the model's
 * name; images 6-10 evaluated, the right person at rank 1 far above chance (1/40); and a
 * picture without a face refused clearly. These tests skip when the shared data is absent. */
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "lk-test-onnx.h"
#include "lk-test-util.h"
#include "lk-test-policy.h"
#include "candidates/lk-candidates.h"
#include "casework/lk-cases.h"
#include "casework/lk-probes.h"
#include "engine/lk-gallery.h"
#include "engine/lk-gallery-private.h"
#include "governance/lk-policy.h"
#include "imaging/lk-cv.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-store.h"

#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse"
#define EXAMINER "erin"
#define EXAMINER_PASSWORD "battery staple"
#define CASE_NUMBER "2026-0091"
#define GALLERY "orl-gallery"
#define PROJECTED_DIMENSION 64
#define SEED 20260091

typedef struct
{
  LkTestFixture *fixture;
  LkStore       *store;
  LkSession     *admin;
  LkSession     *examiner;
  char          *model;
  guint          dimension;
} World;

/* ---- files ------------------------------------------------------------------------------- */

static char *
shared_path (const char *first,
             ...)
{
  const char *shared = g_getenv ("LIKENESS_SHARED_DATA");
  g_autofree char *rest = NULL;
  va_list ap;

  /* Shared test data is reached only through LIKENESS_SHARED_DATA; unset, every path is
   * absent and the tests that need it skip. */
  if (shared == NULL || *shared == '\0')
    return g_strdup ("/nonexistent/LIKENESS_SHARED_DATA-is-not-set");
  va_start (ap, first);
  rest = g_build_filename_valist (first, &ap);
  va_end (ap);
  return g_build_filename (shared, rest, NULL);
}

static char *
yunet_path (void)
{
  return shared_path ("models", "face_detection_yunet_2022mar.onnx", NULL);
}

static char *
orl_path (void)
{
  return shared_path ("data", "faces", "orl", NULL);
}

/* Skips the test unless YuNet and the ORL faces are there. */
static gboolean
shared_data_present (void)
{
  g_autofree char *yunet = yunet_path ();
  g_autofree char *orl = orl_path ();
  g_autofree char *check = g_build_filename (orl, "s40", "10.pgm", NULL);

  if (!g_file_test (yunet, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("The YuNet model face_detection_yunet_2022mar.onnx is not available: set "
                   "LIKENESS_SHARED_DATA to the folder holding models/");
      return FALSE;
    }
  if (!g_file_test (check, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("The ORL faces are not available: set LIKENESS_SHARED_DATA to the folder "
                   "holding data/faces/orl (s1..s40, 1.pgm..10.pgm)");
      return FALSE;
    }
  return TRUE;
}

/* dest/sN/K.pgm -> orl/sN/K.pgm for K in first..last */
static void
link_orl (const char *dest,
          int         first,
          int         last)
{
  g_autofree char *orl = orl_path ();

  for (int s = 1; s <= 40; s++)
    for (int k = first; k <= last; k++)
      {
        g_autofree char *subject = g_strdup_printf ("s%d", s);
        g_autofree char *name = g_strdup_printf ("%d.pgm", k);
        g_autofree char *from = g_build_filename (orl, subject, name, NULL);
        g_autofree char *folder = g_build_filename (dest, subject, NULL);
        g_autofree char *to = g_build_filename (folder, name, NULL);

        g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
        g_assert_cmpint (symlink (from, to), ==, 0);
      }
}

/* ---- the world --------------------------------------------------------------------------- */

/* Administrator and examiner, an open case, an empty gallery, and the policy pointing at YuNet
 * and at a model written for this test (@dimension 0: the pooled network). */
static void
world_init (World         *w,
            LkTestFixture *fixture,
            guint          dimension)
{
  LkCaseRequest request = {
    CASE_NUMBER, "Robbery at a filling station", "ROB", "Criminal Procedure Act, section 55",
    "The offender's face is visible on CCTV", "Chief Inspector Ward", "Property Crime Unit",
    NULL,
  };
  g_autofree char *yunet = yunet_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) c = NULL;

  w->fixture = fixture;
  w->dimension = dimension > 0 ? dimension : LK_TEST_ONNX_POOLED_DIMENSION;
  w->model = lk_test_path (fixture, "face-embedding-toy.onnx");
  lk_test_onnx_write_embedding (w->model, dimension, FALSE, SEED);
  w->store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  w->admin = lk_test_login (w->store, ADMIN, ADMIN_PASSWORD);
  lk_users_add (w->admin, EXAMINER, NULL, LK_ROLE_EXAMINER, EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  w->examiner = lk_test_login (w->store, EXAMINER, EXAMINER_PASSWORD);
  c = lk_cases_create (w->examiner, &request, &error);
  g_assert_no_error (error);
  g_assert_true (lk_policy_set (w->admin, "yunet_model", yunet, "YuNet detector", &error));
  g_assert_no_error (error);
  g_assert_true (lk_policy_set (w->admin, "embedding_model", w->model, "trial model", &error));
  g_assert_no_error (error);
  g_assert_cmpint (lk_test_engine_kind (w->store), ==, LK_ENGINE_DNN);
  g_assert_cmpint (lk_reference_db_create (w->admin, GALLERY, "ORL faces, for testing",
                                           "likeness", &error), >, 0);
  g_assert_no_error (error);
}

static void
world_clear (World *w)
{
  g_clear_object (&w->examiner);
  g_clear_object (&w->admin);
  g_clear_object (&w->store);
  g_clear_pointer (&w->model, g_free);
}

static gint64
sql_int (World      *w,
         const char *sql)
{
  return lk_test_sql_int (w->fixture->db_path, sql);
}

static void
enrol (World         *w,
       const char    *source,
       LkEnrolReport *report)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_gallery_enrol (w->admin, GALLERY, source, NULL, NULL, NULL, report, &error));
  g_assert_no_error (error);
}

static gint64
import_probe (World      *w,
              GBytes     *bytes,
              const char *file_name)
{
  LkProvenance p = { "cctv", "video-frame", "PC Ada Jones", "2026-01-15T14:32:00Z",
                     "Warrant 2026/17", "Exhibit AJ/1", FALSE };
  g_autoptr(GError) error = NULL;
  gint64 id = lk_probes_import (w->examiner, CASE_NUMBER, bytes, file_name, &p, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
lock_analysis (World      *w,
               gint64      probe,
               const char *suitability,
               const char *notes)
{
  static const char * const components[] = { "eyes", "nose", "mouth", NULL };
  LkAnalysis a = { suitability, NULL, components, notes };
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_analysis_lock (w->examiner, probe, &a, &error));
  g_assert_no_error (error);
}

/* ---- the model alone --------------------------------------------------------------------- */

static LkCvImage *
decode_demo (const char *name)
{
  g_autofree char *path = lk_test_demo_path (name);
  g_autoptr(GBytes) bytes = lk_test_read_bytes (path);
  g_autoptr(GError) error = NULL;
  LkCvImage *image = lk_cv_image_decode (bytes, &error);

  g_assert_no_error (error);
  return image;
}

static float *
template_with (const char   *model,
               LkCvImage    *image,
               const LkFace *face,
               guint         expected)
{
  g_autoptr(GError) error = NULL;
  guint dimension = 0;
  float *t = lk_cv_image_template (image, face, model, &dimension, &error);
  double norm = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (dimension, ==, expected);
  for (guint i = 0; i < dimension; i++)
    {
      g_assert_true (isfinite (t[i]));
      norm += (double) t[i] * t[i];
    }
  g_assert_cmpfloat_with_epsilon (norm, 1.0, 1e-4);
  return t;
}

/* Needs no shared data: the written networks load and give 1xD (588, 64, 7) for the demo
 * portrait's Haar face (aligned by its eyes); a batch size declared "N" changes nothing; the
 * same seed writes the same bytes. */
static void
test_model_dimensions (LkTestFixture *fixture,
                       gconstpointer  data)
{
  g_autofree char *pooled = lk_test_path (fixture, "pooled.onnx");
  g_autofree char *projected = lk_test_path (fixture, "projected.onnx");
  g_autofree char *symbolic = lk_test_path (fixture, "projected-batch-n.onnx");
  g_autofree char *odd = lk_test_path (fixture, "odd.onnx");
  g_autoptr(LkCvImage) image = decode_demo ("grace_hopper.jpg");
  LkDetectorConfig haar = { NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) faces = lk_cv_image_find_faces (image, &haar, &error);
  g_autoptr(GBytes) a = lk_test_onnx_embedding_model (PROJECTED_DIMENSION, FALSE, SEED);
  g_autoptr(GBytes) b = lk_test_onnx_embedding_model (PROJECTED_DIMENSION, FALSE, SEED);
  g_autoptr(GBytes) c = lk_test_onnx_embedding_model (PROJECTED_DIMENSION, FALSE, SEED + 1);
  g_autofree float *t_pooled = NULL, *t_projected = NULL, *t_symbolic = NULL, *t_odd = NULL;
  const LkFace *face;

  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, >=, 1);
  face = &g_array_index (faces, LkFace, 0);
  g_assert_true (face->has_eyes);
  g_assert_true (g_bytes_equal (a, b));
  g_assert_false (g_bytes_equal (a, c));
  lk_test_onnx_write_embedding (pooled, 0, FALSE, SEED);
  lk_test_onnx_write_embedding (projected, PROJECTED_DIMENSION, FALSE, SEED);
  lk_test_onnx_write_embedding (symbolic, PROJECTED_DIMENSION, TRUE, SEED);
  lk_test_onnx_write_embedding (odd, 7, FALSE, SEED);
  t_pooled = template_with (pooled, image, face, LK_TEST_ONNX_POOLED_DIMENSION);
  t_projected = template_with (projected, image, face, PROJECTED_DIMENSION);
  t_symbolic = template_with (symbolic, image, face, PROJECTED_DIMENSION);
  t_odd = template_with (odd, image, face, 7);
  g_assert_cmpmem (t_projected, sizeof (float) * PROJECTED_DIMENSION, t_symbolic,
                   sizeof (float) * PROJECTED_DIMENSION);
}

/* ---- ORL --------------------------------------------------------------------------------- */

/* (a) Every enrolled template is the model's: engine, version, dimension, a blob of that many
 * floats, L2-normalised. */
static void
assert_templates (World *w,
                  guint  enrolled)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM templates WHERE"
                                          " engine = 'likeness-dnn'"
                                          " AND version = 'onnx:face-embedding-toy.onnx'"
                                          " AND dimension = %u AND length (vector) = %u",
                                          w->dimension, w->dimension * 4);
  g_autoptr(GPtrArray) vectors = NULL;
  guint n_columns = 0;

  g_assert_cmpint (sql_int (w, "SELECT count(*) FROM templates"), ==, enrolled);
  g_assert_cmpint (sql_int (w, sql), ==, enrolled);
  vectors = lk_test_sql_values (w->fixture->db_path, "SELECT vector FROM templates", &n_columns);
  g_assert_cmpuint (n_columns, ==, 1);
  for (guint row = 0; row < vectors->len; row++)
    {
      gsize length = 0;
      const guint8 *le = g_bytes_get_data (g_ptr_array_index (vectors, row), &length);
      double norm = 0;

      g_assert_cmpuint (length, ==, w->dimension * 4);
      for (guint i = 0; i < w->dimension; i++)
        {
          guint32 bits;
          float f;

          memcpy (&bits, le + 4 * i, sizeof bits);
          bits = GUINT32_FROM_LE (bits);
          memcpy (&f, &bits, sizeof f);
          g_assert_true (isfinite (f));
          norm += (double) f * f;
        }
      g_assert_cmpfloat_with_epsilon (norm, 1.0, 1e-4);
    }
  g_assert_cmpuint (vectors->len, ==, enrolled);
}

/* The first search kept the probe's template (one row, of the model's size); a second search
 * reads it instead of making it again: the kept vector replaced by the template of an enrolled
 * image of s1, the second list has s1 first with a score of 1. */
static void
assert_probe_template_kept (World  *w,
                            gint64  probe)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM probe_templates p JOIN probes q"
                                          " ON q.image_sha256 = p.image_sha256 WHERE q.id = %"
                                          G_GINT64_FORMAT " AND p.dimension = %u"
                                          " AND length (p.vector) = %u"
                                          " AND p.engine = 'likeness-dnn'", probe, w->dimension,
                                          4 * w->dimension);
  g_autofree char *first = NULL;
  g_autoptr(GError) error = NULL;
  gint64 list_id;

  g_assert_cmpint (sql_int (w, "SELECT count(*) FROM probe_templates"), ==, 1);
  g_assert_cmpint (sql_int (w, sql), ==, 1);
  lk_test_sql (w->fixture->db_path,
               "UPDATE probe_templates SET vector = (SELECT t.vector FROM templates t"
               " JOIN gallery_images g ON g.id = t.image_id WHERE g.subject_ref = 's1'"
               " ORDER BY g.id LIMIT 1)");
  list_id = lk_gallery_search (w->examiner, probe, GALLERY, 10, &error);
  g_assert_no_error (error);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT subject_ref FROM candidates WHERE rank = 1 AND list_id = %"
                         G_GINT64_FORMAT " AND score > 0.9999", list_id);
  first = lk_test_sql_text (w->fixture->db_path, sql);
  g_assert_cmpstr (first, ==, "s1");
  g_assert_cmpint (sql_int (w, "SELECT count(*) FROM probe_templates"), ==, 1);
}

/* (b) A search from an ORL image as a locked probe: a list of @k recorded like an imported
 * one, under the dnn engine and the model's name, scores finite cosines falling with rank. */
static void
assert_search (World *w)
{
  g_autofree char *orl = orl_path ();
  g_autofree char *path = g_build_filename (orl, "s7", "8.pgm", NULL);
  g_autoptr(GBytes) bytes = lk_test_read_bytes (path);
  g_autoptr(GError) error = NULL;
  gint64 probe = import_probe (w, bytes, "s7-8.pgm"), list_id;
  g_autofree char *sql = NULL;
  g_autofree char *first = NULL;

  g_assert_cmpint (sql_int (w, "SELECT json_array_length (faces, '$[0].landmarks')"
                               " FROM probes ORDER BY id DESC"), ==, 5);
  lock_analysis (w, probe, "suitable", "");
  list_id = lk_gallery_search (w->examiner, probe, GALLERY, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (list_id, >, 0);
  sql = g_strdup_printf ("SELECT count(*) FROM candidate_lists WHERE id = %" G_GINT64_FORMAT
                         " AND engine_name = 'likeness-dnn'"
                         " AND engine_version = '" PACKAGE_VERSION
                         "/onnx:face-embedding-toy.onnx'"
                         " AND source_format = 'built-in' AND list_length = 10", list_id);
  g_assert_cmpint (sql_int (w, sql), ==, 1);
  g_assert_cmpint (sql_int (w, "SELECT count(*) FROM candidates WHERE display_order = rank"
                               " AND score BETWEEN -1.0001 AND 1.0001"), ==, 10);
  g_assert_cmpint (sql_int (w, "SELECT count(*) FROM candidates a JOIN candidates b"
                               " ON b.list_id = a.list_id AND b.rank = a.rank + 1"
                               " WHERE b.score > a.score"), ==, 0);
  first = lk_test_sql_text (w->fixture->db_path,
                            "SELECT subject_ref FROM candidates WHERE rank = 1");
  g_test_message ("s7/8.pgm searched: %s at rank 1", first);
  assert_probe_template_kept (w, probe);
}

/* (d) A picture without a face: not enrolled but reported, and as a probe it cannot be
 * searched. */
static void
assert_no_face (World *w)
{
  g_autofree char *dir = lk_test_path (w->fixture, "faceless");
  g_autofree char *png_path = g_build_filename (dir, "nobody", "gradient.png", NULL);
  g_autoptr(GBytes) png = lk_test_gradient_png ();
  g_autoptr(GError) error = NULL;
  LkEnrolReport report = { 0 };
  gint64 before = sql_int (w, "SELECT count(*) FROM templates"), probe;

  lk_test_write_bytes (png_path, png);
  enrol (w, dir, &report);
  g_assert_cmpuint (report.enrolled, ==, 0);
  g_assert_cmpuint (report.rejected->len, ==, 1);
  g_test_message ("%s", (const char *) g_ptr_array_index (report.rejected, 0));
  g_assert_cmpstr (g_ptr_array_index (report.rejected, 0), ==,
                   "nobody/gradient.png: no face found");
  g_assert_cmpint (sql_int (w, "SELECT count(*) FROM templates"), ==, before);
  lk_enrol_report_clear (&report);

  probe = import_probe (w, png, "gradient.png");
  lock_analysis (w, probe, "limited", "No face was found at intake");
  g_assert_cmpint (lk_gallery_search (w->examiner, probe, GALLERY, 10, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "no face of interest"));
}

/* The scan store's int8 codes against the exact float32 scan over every template: searches
 * (a shortlist by codes, ordered by the exact scores) keep rank-1 within 0.002 of the exact
 * scan; the codes alone are reported beside them. */
static void
assert_quantisation (World      *w,
                     const char *probes,
                     double      shortlist_rank1)
{
  g_autoptr(GError) error = NULL;
  double exact1 = 0, exact10 = 0, codes1 = 0, codes10 = 0;
  guint n = 0;

  g_assert_true (lk_gallery_evaluate_with (w->admin, GALLERY, probes, LK_SCAN_EXACT, &exact1,
                                           &exact10, &n, &error));
  g_assert_no_error (error);
  g_assert_true (lk_gallery_evaluate_with (w->admin, GALLERY, probes, LK_SCAN_QUANTISED, &codes1,
                                           &codes10, &n, &error));
  g_assert_no_error (error);
  g_test_message ("ORL rank-1, D = %u: exact float32 %.3f, int8 codes alone %.3f, int8 shortlist "
                  "with exact order (what searches do) %.3f", w->dimension, exact1, codes1,
                  shortlist_rank1);
  g_assert_cmpfloat (fabs (shortlist_rank1 - exact1), <=, 0.002);
}

static void
test_orl (LkTestFixture *fixture,
          gconstpointer  data)
{
  guint dimension = GPOINTER_TO_UINT (data);
  g_autofree char *gallery = lk_test_path (fixture, "orl-gallery");
  g_autofree char *probes = lk_test_path (fixture, "orl-probes");
  g_autoptr(GError) error = NULL;
  LkEnrolReport report = { 0 };
  World w = { 0 };
  double rank1 = 0, rank10 = 0;
  guint n = 0;

  if (!shared_data_present ())
    return;
  world_init (&w, fixture, dimension);
  link_orl (gallery, 1, 5);
  link_orl (probes, 6, 10);
  enrol (&w, gallery, &report);
  g_test_message ("ORL enrolment, D = %u: %u enrolled, %u rejected", w.dimension,
                  report.enrolled, report.rejected->len);
  for (guint i = 0; i < report.rejected->len; i++)
    g_test_message ("rejected: %s", (const char *) g_ptr_array_index (report.rejected, i));
  g_assert_cmpuint (report.enrolled + report.rejected->len, ==, 200);
  g_assert_cmpuint (report.enrolled, >=, 190);
  assert_templates (&w, report.enrolled);

  g_assert_true (lk_gallery_evaluate (w.admin, GALLERY, probes, &rank1, &rank10, &n, &error));
  g_assert_no_error (error);
  g_test_message ("ORL, dnn engine with the toy model (D = %u), 200 probes against %u enrolled "
                  "images: rank-1 %.3f, rank-10 %.3f (chance: 0.025, 0.25)", w.dimension,
                  report.enrolled, rank1, rank10);
  g_assert_cmpuint (n, ==, 200);
  /* Measured with OpenCV 4.6: rank-1 0.730 (D = 588) and 0.700 (D = 64), rank-10 0.855 and
   * 0.865. The floor leaves room for another OpenCV's detector or resampling; a broken
   * alignment, blob layout or normalisation falls to chance. */
  g_assert_cmpfloat (rank1, >=, 0.5);
  g_assert_cmpfloat (rank10, >=, rank1);
  assert_quantisation (&w, probes, rank1);

  assert_search (&w);
  assert_no_face (&w);
  lk_enrol_report_clear (&report);
  world_clear (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/dnn/model-dimensions", test_model_dimensions);
  g_test_add ("/likeness/dnn/orl-pooled", LkTestFixture, GUINT_TO_POINTER (0),
              lk_test_fixture_setup, test_orl, lk_test_fixture_teardown);
  g_test_add ("/likeness/dnn/orl-projected", LkTestFixture,
              GUINT_TO_POINTER (PROJECTED_DIMENSION), lk_test_fixture_setup, test_orl,
              lk_test_fixture_teardown);
  return g_test_run ();
}
