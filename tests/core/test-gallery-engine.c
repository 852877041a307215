/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The built-in engine: `gallery` in likeness-cli, the classic alignment rule, YuNet and the dnn
 * path, thumbnails, and the ORL faces. */
#include "config.h"

#include "lk-test-gallery.h"
#include "lk-test-policy.h"

static LkCliRun *
as_admin (LkTestFixture *fixture,
          const char    *first,
          ...)
{
  const char *args[8] = { NULL };
  va_list ap;
  int n = 0;

  va_start (ap, first);
  for (const char *a = first; a != NULL && n < 7; a = va_arg (ap, const char *))
    args[n++] = a;
  va_end (ap);
  return lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", ADMIN,
                      args[0], args[1], args[2], args[3], args[4], args[5], args[6], NULL);
}

/* ---- the classic alignment rule ------------------------------------------------------------ */

static LkCvImage *
decode_demo (const char *name)
{
  g_autofree char *path = demo_path (name);
  g_autoptr(GBytes) bytes = lk_test_read_bytes (path);
  g_autoptr(GError) error = NULL;
  LkCvImage *image = lk_cv_image_decode (bytes, &error);

  g_assert_no_error (error);
  return image;
}

static float *
template_of (LkCvImage    *image,
             const LkFace *face)
{
  g_autoptr(GError) error = NULL;
  guint dimension = 0;
  float *t = lk_cv_image_template (image, face, NULL, &dimension, &error);
  double norm = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (dimension, ==, CLASSIC_DIMENSION);
  for (guint i = 0; i < dimension; i++)
    norm += (double) t[i] * t[i];
  g_assert_cmpfloat_with_epsilon (norm, 1.0, 1e-4);
  return t;
}

static gboolean
same_template (const float *a,
               const float *b)
{
  return memcmp (a, b, sizeof (float) * CLASSIC_DIMENSION) == 0;
}

static LkFace
haar_face (LkCvImage *image)
{
  LkDetectorConfig config = { NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) faces = lk_cv_image_find_faces (image, &config, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, >=, 1);
  return g_array_index (faces, LkFace, 0);
}

static void
set_eyes (LkFace *face,
          double  dy)
{
  face->has_eyes = TRUE;
  face->eye_a = (LkPoint) { face->x + 0.3 * face->width, face->y + 0.38 * face->height - dy };
  face->eye_b = (LkPoint) { face->x + 0.7 * face->width, face->y + 0.38 * face->height + dy };
}

/* ---- YuNet and the dnn path -------------------------------------------------------------- */

static char *
shared_path (const char *first,
             ...)
{
  const char *shared = g_getenv ("LIKENESS_SHARED_DATA");
  g_autofree char *base = NULL;
  g_autofree char *rest = NULL;
  va_list ap;

  /* Shared test data is reached only through LIKENESS_SHARED_DATA; unset, every path is
   * absent and the tests that need it skip. */
  if (shared == NULL || *shared == '\0')
    return g_strdup ("/nonexistent/LIKENESS_SHARED_DATA-is-not-set");
  base = g_strdup (shared);
  va_start (ap, first);
  rest = g_build_filename_valist (first, &ap);
  va_end (ap);
  return g_build_filename (base, rest, NULL);
}

/* ---- thumbnails ------------------------------------------------------------------------------ */

static double
mean_difference (const LkPixels *a,
                 const LkPixels *b)
{
  double sum = 0;

  g_assert_cmpint (a->width, ==, b->width);
  g_assert_cmpint (a->height, ==, b->height);
  for (int y = 0; y < a->height; y++)
    for (int x = 0; x < a->width * 4; x++)
      sum += fabs ((double) a->pixels[y * a->stride + x] - b->pixels[y * b->stride + x]);
  return sum / (a->width * a->height * 4.0);
}

/* ---- ORL ------------------------------------------------------------------------------------- */

/* dest/sN/K.pgm -> orl/sN/K.pgm for K in first..last */
static void
link_orl (const char *orl,
          const char *dest,
          int         first,
          int         last)
{
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

static void
test_cli (LkTestFixture *fixture,
          gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *gallery = NULL;
  g_autofree char *probes = NULL;
  g_autofree char *probe_arg = NULL;
  g_autoptr(LkCliRun) created = NULL;
  g_autoptr(LkCliRun) again = NULL;
  g_autoptr(LkCliRun) external = NULL;
  g_autoptr(LkCliRun) enrolled = NULL;
  g_autoptr(LkCliRun) evaluated = NULL;
  g_autoptr(LkCliRun) refused = NULL;
  g_autoptr(LkCliRun) searched = NULL;
  g_autoptr(GBytes) still = cctv_still ("grace_hopper.jpg", 4.0);
  gint64 probe;

  world_init (&w, fixture);
  gallery = make_demo_folder (fixture, "gallery");
  probes = make_probe_folder (fixture);
  created = as_admin (fixture, "gallery", "create", "custody", "--legal-basis", "PACE s.64A", NULL);
  g_assert_cmpint (created->status, ==, 0);
  again = as_admin (fixture, "gallery", "create", "custody", "--legal-basis", "PACE s.64A", NULL);
  g_assert_cmpint (again->status, !=, 0);
  g_assert_nonnull (strstr (again->err, "already registered"));
  external = as_admin (fixture, "gallery", "create", "national", "--legal-basis", "Statute 12",
                       "--external", NULL);
  g_assert_cmpint (external->status, ==, 0);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM reference_databases WHERE"
                                " (name = 'custody' AND held_by = 'likeness') OR"
                                " (name = 'national' AND held_by = 'external')"), ==, 2);

  enrolled = as_admin (fixture, "gallery", "enroll", gallery, "--database", "custody", NULL);
  g_assert_cmpint (enrolled->status, ==, 0);
  g_assert_nonnull (strstr (enrolled->out, "enrolling: 100 % (5 of 5)\n"));
  g_assert_nonnull (strstr (enrolled->out, "enrolled 2, already enrolled 1, rejected 3\n"));
  g_assert_nonnull (strstr (enrolled->out, "rejected: collins/gradient.png: no face found\n"));

  evaluated = as_admin (fixture, "gallery", "evaluate", "--database", "custody", probes, NULL);
  g_assert_cmpint (evaluated->status, ==, 0);
  g_assert_cmpstr (evaluated->out, ==, "rank-1: 1.000\nrank-10: 1.000\nprobes: 2\n");
  refused = lk_test_cli (EXAMINER_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user",
                         EXAMINER, "gallery", "evaluate", "--database", "custody", probes, NULL);
  g_assert_cmpint (refused->status, !=, 0);

  probe = import_probe (&w, still);
  lock_analysis (&w, probe);
  probe_arg = g_strdup_printf ("%" G_GINT64_FORMAT, probe);
  searched = lk_test_cli (EXAMINER_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user",
                          EXAMINER, "gallery", "search", probe_arg, "--database", "custody",
                          "--top", "3", NULL);
  g_assert_cmpint (searched->status, ==, 0);
  g_assert_cmpint (g_ascii_strtoll (searched->out, NULL, 10), ==,
                   sql_int (&w, "SELECT id FROM candidate_lists WHERE max_candidates = 3"));
  world_clear (&w);
}

/* A Haar face is placed by its box (eyes at 0.3 and 0.7 of its width, 0.38 of its height); its
 * detected eyes, when near those points, give only the roll; without eyes, or with eyes far
 * from them, the face is aligned upright by the box alone. Five landmarks are used as they
 * are. */
static void
test_alignment_rule (void)
{
  g_autoptr(LkCvImage) image = decode_demo ("grace_hopper.jpg");
  LkFace face = haar_face (image), none = face, level = face, rolled = face, wild = face;
  LkFace landmarks = face;
  g_autofree float *t_none = NULL, *t_level = NULL, *t_rolled = NULL, *t_wild = NULL;
  g_autofree float *t_landmarks = NULL;

  none.has_eyes = FALSE;
  set_eyes (&level, 0);
  set_eyes (&rolled, 0.04 * face.width);
  set_eyes (&wild, 0);
  wild.eye_b.y += 0.3 * face.width;
  set_eyes (&landmarks, 0);
  landmarks.n_landmarks = 5;
  landmarks.eye_b.x += 0.05 * face.width; /* landmarks are used as they are */
  t_none = template_of (image, &none);
  t_level = template_of (image, &level);
  t_rolled = template_of (image, &rolled);
  t_wild = template_of (image, &wild);
  t_landmarks = template_of (image, &landmarks);
  g_assert_true (same_template (t_none, t_level));
  g_assert_true (same_template (t_none, t_wild));
  g_assert_false (same_template (t_none, t_rolled));
  g_assert_false (same_template (t_none, t_landmarks));
}

static void
test_yunet_template (void)
{
  g_autofree char *model = shared_path ("models", "face_detection_yunet_2022mar.onnx", NULL);
  g_autoptr(LkCvImage) image = NULL;
  g_autoptr(GArray) faces = NULL;
  g_autoptr(GError) error = NULL;
  LkDetectorConfig config = { NULL, model };
  g_autofree float *t_yunet = NULL, *t_haar = NULL;
  LkFace haar;
  guint dimension = 0;
  double cosine = 0;

  if (!g_file_test (model, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("The YuNet model face_detection_yunet_2022mar.onnx is not available: set "
                   "LIKENESS_SHARED_DATA to the folder holding models/");
      return;
    }
  image = decode_demo ("grace_hopper.jpg");
  faces = lk_cv_image_find_faces (image, &config, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, ==, 1);
  g_assert_cmpint (g_array_index (faces, LkFace, 0).n_landmarks, ==, 5);
  t_yunet = template_of (image, &g_array_index (faces, LkFace, 0));
  haar = haar_face (image);
  t_haar = template_of (image, &haar);
  /* The two detectors align the same face alike: their templates are close. */
  for (guint i = 0; i < CLASSIC_DIMENSION; i++)
    cosine += (double) t_yunet[i] * t_haar[i];
  g_test_message ("cosine between the YuNet- and Haar-aligned templates: %.3f", cosine);
  g_assert_cmpfloat (cosine, >, 0.8);

  /* YuNet's file is ONNX but no face-embedding model: a clear error, not a crash. */
  g_assert_null (lk_cv_image_template (image, &g_array_index (faces, LkFace, 0), model,
                                       &dimension, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, model));
  g_test_message ("%s", error->message);
}

/* A probe found by YuNet at intake is searched by the classic engine aligned like its
 * gallery: by the Haar box overlapping the chosen face. */
static void
test_yunet_probe_classic_search (LkTestFixture *fixture,
                                 gconstpointer  data)
{
  g_autofree char *model = shared_path ("models", "face_detection_yunet_2022mar.onnx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  g_autoptr(GBytes) still = NULL;
  World w = { 0 };
  gint64 probe;

  if (!g_file_test (model, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("The YuNet model face_detection_yunet_2022mar.onnx is not available: set "
                   "LIKENESS_SHARED_DATA to the folder holding models/");
      return;
    }
  searchable_world (&w, fixture); /* its probe was found by Haar; this one by YuNet */
  g_assert_true (lk_policy_set (w.admin, "yunet_model", model, "YuNet for intake", &error));
  still = cctv_still ("grace_hopper.jpg", -4.0);
  probe = import_probe (&w, still);
  g_assert_cmpint (sql_int (&w, "SELECT json_array_length (faces, '$[0].landmarks')"
                                " FROM probes ORDER BY id DESC"), ==, 5);
  lock_analysis (&w, probe);
  g_assert_cmpint (lk_gallery_search (w.examiner, probe, GALLERY, 5, &error), >, 0);
  g_assert_no_error (error);
  event = lk_test_last_event (w.store);
  g_assert_cmpstr (event->action, ==, "candidates.searched");
  g_assert_nonnull (strstr (event->details, "\"probe_aligned_by\":\"haar-box\""));
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM candidates WHERE rank = 1"
                                " AND subject_ref = 'hopper'"), ==, 1);
  world_clear (&w);
}

static void
test_dnn_errors (LkTestFixture *fixture,
                 gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *missing = lk_test_path (fixture, "absent.onnx");
  g_autofree char *text = lk_test_path (fixture, "not-a-model.onnx");
  g_autofree char *dir = NULL;
  g_autofree char *version = lk_cv_template_version (text);
  g_autoptr(LkCvImage) image = decode_demo ("grace_hopper.jpg");
  LkFace face = haar_face (image);
  g_autoptr(GError) error = NULL;
  LkEnrolReport report = { 0 };
  guint dimension = 0;

  world_init (&w, fixture);
  g_assert_cmpstr (version, ==, "onnx:not-a-model.onnx");
  write_text (text, "This is not an ONNX network.\n");
  g_assert_null (lk_cv_image_template (image, &face, missing, &dimension, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "absent.onnx does not exist"));
  g_clear_error (&error);
  g_assert_null (lk_cv_image_template (image, &face, text, &dimension, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "could not be read as an ONNX network"));
  g_clear_error (&error);

  /* A broken model stops an enrolment at once with that message; nothing is enrolled. */
  g_assert_cmpint (lk_test_engine_kind (w.store), ==, LK_ENGINE_CLASSIC);
  g_assert_true (lk_policy_set (w.admin, "embedding_model", text, "trial", &error));
  g_assert_cmpint (lk_test_engine_kind (w.store), ==, LK_ENGINE_DNN);
  dir = make_demo_folder (fixture, "gallery");
  g_assert_false (lk_gallery_enrol (w.admin, GALLERY, dir, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "not-a-model.onnx"));
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM gallery_images"), ==, 0);
  lk_enrol_report_clear (&report);
  world_clear (&w);
}

/* Shrink-on-load looks like a full decode shrunk with INTER_AREA. */
static void
test_thumbnail (void)
{
  static const int sizes[] = { 256, 128, 64, 40, 1000 };
  g_autofree char *jpeg_path = demo_path ("grace_hopper.jpg");
  g_autofree char *png_path = demo_path ("astronaut.png");
  g_autoptr(GBytes) jpeg = lk_test_read_bytes (jpeg_path);
  g_autoptr(GBytes) png = lk_test_read_bytes (png_path);
  g_autoptr(GBytes) text = g_bytes_new_static ("not an image", 12);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(LkPixels) thumb = lk_cv_thumbnail (jpeg, sizes[i], &error);
      g_autoptr(LkPixels) full = lk_cv_decode (jpeg, sizes[i], &error);
      g_autoptr(LkPixels) square = lk_cv_thumbnail (png, sizes[i], &error);

      g_assert_no_error (error);
      g_assert_cmpint (thumb->height, ==, MIN (sizes[i], 600));
      g_assert_cmpint (square->width, ==, MIN (sizes[i], 512));
      double difference = mean_difference (thumb, full);

      g_test_message ("thumbnail %d: %d x %d, mean difference from a full decode %.2f",
                      sizes[i], thumb->width, thumb->height, difference);
      g_assert_cmpfloat (difference, <, 4.0);
    }
  g_assert_null (lk_cv_thumbnail (text, 256, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_IMAGE);
}

static void
test_orl (LkTestFixture *fixture,
          gconstpointer  data)
{
  g_autofree char *orl = shared_path ("data", "faces", "orl", NULL);
  g_autofree char *check = g_build_filename (orl, "s40", "10.pgm", NULL);
  g_autofree char *gallery = lk_test_path (fixture, "orl-gallery");
  g_autofree char *probes = lk_test_path (fixture, "orl-probes");
  g_autoptr(GError) error = NULL;
  LkEnrolReport report = { 0 };
  World w = { 0 };
  double rank1 = 0, rank10 = 0;
  guint n = 0;

  if (!g_file_test (check, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("The ORL faces are not available: set LIKENESS_SHARED_DATA to the folder "
                   "holding data/faces/orl (s1..s40, 1.pgm..10.pgm)");
      return;
    }
  world_init (&w, fixture);
  link_orl (orl, gallery, 1, 5);
  link_orl (orl, probes, 6, 10);
  enrol_ok (&w, gallery, &report);
  g_test_message ("ORL enrolment: %u enrolled, %u rejected", report.enrolled,
                  report.rejected->len);
  for (guint i = 0; i < report.rejected->len; i++)
    g_test_message ("rejected: %s", (const char *) g_ptr_array_index (report.rejected, i));
  g_assert_cmpuint (report.enrolled + report.rejected->len, ==, 200);
  g_assert_true (lk_gallery_evaluate (w.admin, GALLERY, probes, &rank1, &rank10, &n, &error));
  g_assert_no_error (error);
  g_test_message ("ORL, classic engine, 200 probes against 200 enrolled images: rank-1 %.3f, "
                  "rank-10 %.3f", rank1, rank10);
  g_assert_cmpuint (n, ==, 200);
  g_assert_cmpfloat (rank1, >=, 0.85);
  g_assert_cmpfloat (rank10, >=, rank1);
  lk_enrol_report_clear (&report);
  world_clear (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/gallery/cli", test_cli);
  g_test_add_func ("/likeness/gallery/alignment-rule", test_alignment_rule);
  g_test_add_func ("/likeness/gallery/yunet-template", test_yunet_template);
  LK_TEST_ADD ("/likeness/gallery/yunet-probe-classic-search", test_yunet_probe_classic_search);
  LK_TEST_ADD ("/likeness/gallery/dnn-errors", test_dnn_errors);
  g_test_add_func ("/likeness/gallery/thumbnail", test_thumbnail);
  LK_TEST_ADD ("/likeness/gallery/orl", test_orl);
  return g_test_run ();
}
