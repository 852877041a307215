/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Enrolment throughput per engine: lk_gallery_enrol() of 200 ORL faces (20 people x 10 images,
 * LIKENESS_SHARED_DATA/data/faces/orl) into a real database, templates per second, against a
 * plain decode of the same files with OpenCV in the same run (the ratio is the time per image
 * over the decode's time per image). Engines: classic (Haar and LBP), dnn with a small ONNX
 * network of 128 values (lk-test-onnx.c) and the Haar cascades, and the same with YuNet when
 * the shared models are there. Exits 77 (skipped) without the ORL faces, and prints a metric
 * it cannot measure as skipped with the reason. */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "lk-test-onnx.h"
#include "lk-test-util.h"
#include "engine/lk-gallery.h"
#include "governance/lk-policy.h"
#include "imaging/lk-cv.h"
#include "people/lk-session.h"
#include "store/lk-store.h"

#define PEOPLE 20
#define IMAGES 10
#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse battery"

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static char *
shared (const char *rest)
{
  const char *dir = g_getenv ("LIKENESS_SHARED_DATA");

  return dir != NULL && *dir != '\0' ? g_build_filename (dir, rest, NULL) : NULL;
}

/* dest/sN/K.pgm linked to the ORL files. */
static void
link_faces (const char *orl,
            const char *dest)
{
  for (int s = 1; s <= PEOPLE; s++)
    for (int k = 1; k <= IMAGES; k++)
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

/* Seconds to decode every image once, best of three. */
static double
decode_all (const char *orl)
{
  double best = G_MAXDOUBLE;

  for (int run = 0; run < 3; run++)
    {
      gint64 start = g_get_monotonic_time ();

      for (int s = 1; s <= PEOPLE; s++)
        for (int k = 1; k <= IMAGES; k++)
          {
            g_autofree char *path = g_strdup_printf ("%s/s%d/%d.pgm", orl, s, k);
            g_autoptr(GBytes) bytes = lk_test_read_bytes (path);
            g_autoptr(GError) error = NULL;
            g_autoptr(LkCvImage) image = lk_cv_image_decode (bytes, &error);

            g_assert_no_error (error);
          }
      best = MIN (best, seconds_since (start));
    }
  return best;
}

/* One enrolment into a new database with the engine the policy values select. */
static void
enrol_with (const char *name,
            const char *faces,
            const char *model,
            const char *yunet,
            double      decode_seconds)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("likeness-bench-enrol-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "likeness.db", NULL);
  g_autoptr(LkStore) store = lk_test_store_new (db, ADMIN, ADMIN_PASSWORD);
  g_autoptr(LkSession) admin = lk_test_login (store, ADMIN, ADMIN_PASSWORD);
  g_auto(LkEnrolReport) report = { 0 };
  double seconds, per_image, decode_per_image = decode_seconds / (PEOPLE * IMAGES);
  gint64 start;

  g_assert_no_error (error);
  g_assert_cmpint (lk_reference_db_create (admin, "bench", "Benchmark", "likeness", &error), >, 0);
  if (model != NULL)
    g_assert_true (lk_policy_set (admin, "embedding_model", model, "benchmark", &error));
  if (yunet != NULL)
    g_assert_true (lk_policy_set (admin, "yunet_model", yunet, "benchmark", &error));
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  g_assert_true (lk_gallery_enrol (admin, "bench", faces, NULL, NULL, NULL, &report, &error));
  seconds = seconds_since (start);
  g_assert_no_error (error);
  per_image = seconds / (PEOPLE * IMAGES);
  g_print ("# %s: %u enrolled, %u rejected in %.2f s (%.1f templates/s; decode alone %.2f ms "
           "per image)\n", name, report.enrolled, report.rejected->len, seconds,
           report.enrolled / seconds, decode_per_image * 1e3);
  g_print ("metric: enrol-%s value=%.1f unit=templates/s baseline=%.1f ratio=%.3f target=0\n",
           name, report.enrolled / seconds, 1 / decode_per_image, per_image / decode_per_image);
  g_clear_object (&admin);
  g_clear_object (&store);
  lk_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *orl = shared ("data/faces/orl");
  g_autofree char *yunet = shared ("models/face_detection_yunet_2022mar.onnx");
  g_autofree char *check = orl != NULL ? g_build_filename (orl, "s20", "10.pgm", NULL) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *faces = NULL;
  g_autofree char *model = NULL;
  double decode;

  g_test_init (&argc, &argv, NULL);
  if (check == NULL || !g_file_test (check, G_FILE_TEST_IS_REGULAR))
    {
      g_print ("# SKIP bench-enrol: the ORL faces are not available (set LIKENESS_SHARED_DATA "
               "to the folder holding data/faces/orl)\n");
      return 77;
    }
  dir = g_dir_make_tmp ("likeness-bench-faces-XXXXXX", &error);
  g_assert_no_error (error);
  faces = g_build_filename (dir, "faces", NULL);
  model = g_build_filename (dir, "embedding-128.onnx", NULL);
  link_faces (orl, faces);
  lk_test_onnx_write_embedding (model, 128, FALSE, 18);
  g_print ("# %u processors (shared with other work: figures measured under load), %d ORL "
           "images of 92 x 112\n", g_get_num_processors (), PEOPLE * IMAGES);
  decode = decode_all (orl);
  enrol_with ("classic", faces, NULL, NULL, decode);
  enrol_with ("dnn-haar", faces, model, NULL, decode);
  if (g_file_test (yunet, G_FILE_TEST_IS_REGULAR))
    enrol_with ("dnn-yunet", faces, model, yunet, decode);
  else
    g_print ("metric: enrol-dnn-yunet skipped reason=\"LIKENESS_SHARED_DATA has no YuNet "
             "model\"\n");
  lk_test_remove_tree (dir);
  return 0;
}
