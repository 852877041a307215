/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Probe intake of a 24-megapixel JPEG (hash, header, metadata, decode, face finding, quality,
 * storing the original and the audit event) against the plain full decode of the same bytes
 * with OpenCV, in time and in peak memory. Exits 77 (skipped) when no such JPEG can be made.
 * LIKENESS_BENCH_JPEG names a JPEG of one's own to use instead. With LIKENESS_TEST_PG (under
 * tests/pg-server) every workspace is a fresh database on that PostgreSQL server instead of an
 * SQLite file, and the metrics are named with "-server"; the baselines (a plain decode) stay. */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-pg.h"
#include "lk-core.h"
#include "imaging/lk-image-header.h"
#include "imaging/lk-metadata.h"
#include "casework/lk-cases.h"
#include "casework/lk-probes.h"
#include "governance/lk-policy.h"
#include "imaging/lk-cv.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-store.h"

#define RUNS 3
#define SKIP 77
#define CASE_NUMBER "BENCH-0001"
#define ADMIN_PASSWORD "correct horse battery"
#define EXAMINER_PASSWORD "staple quartz lantern"
/* The core's own resize keeps the portrait's aspect: 4526 × 5304 is 24.0 megapixels. */
#define FALLBACK_WIDTH 4526

typedef enum
{
  MEASURE_DECODE,
  MEASURE_IMPORT,
} Measure;

static const LkProvenance bench_provenance = {
  "cctv", "video-frame", "Bench Examiner", "2026-01-15T14:32:00Z", "Benchmark, no authority",
  "Made by bench-intake from the demo portrait", FALSE,
};

/* The PostgreSQL server under test, or NULL: SQLite files in a temporary folder. */
static const char *server;
/* The databases made on it, to drop at the end. */
static GPtrArray *server_databases;

static double
ms_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / 1000.0;
}

static void
metric (const char *name,
        double      value,
        const char *unit,
        double      baseline,
        double      target)
{
  g_print ("metric: %s%s value=%.1f unit=%s baseline=%.1f ratio=%.3f target=%.1f\n",
           name, server != NULL ? "-server" : "", value, unit, baseline, value / baseline,
           target);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static GBytes *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* ---- the 24-megapixel JPEG ----------------------------------------------------------------- */

static gboolean
is_jpeg_of_size (const char *path,
                 guint32     width,
                 guint32     height)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  LkImageHeader header;

  return g_file_get_contents (path, &contents, &length, NULL) &&
         lk_image_header_read ((const guint8 *) contents, length, &header, NULL) &&
         g_str_equal (header.media_type, "image/jpeg") &&
         (width == 0 || (header.width == width && header.height == height)) &&
         (double) header.width * header.height >= 23.9e6;
}

/* ImageMagick, when it is installed (a stand-in without -resize fails and is ignored). The
 * portrait keeps its proportions, centred on grey: stretched to 6000 × 4000 the face is too
 * wide for any detector, and the import would skip face finding's later stages. Sensor noise
 * gives the file the size of a camera's 24-megapixel JPEG (about 9 MB rather than 1.3 MB of
 * smooth enlargement), and so a realistic decoding time. */
static gboolean
make_with_convert (const char *source,
                   const char *target)
{
  g_autofree char *convert = g_find_program_in_path ("convert");
  const char *argv[] = { NULL, source, "-resize", "6000x4000", "-background", "gray50",
                         "-gravity", "center", "-extent", "6000x4000", "-attenuate", "0.6",
                         "+noise", "Gaussian", "-quality", "92", target, NULL };
  int status = 0;

  if (convert == NULL)
    return FALSE;
  argv[0] = convert;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return FALSE;
  return is_jpeg_of_size (target, 6000, 4000);
}

/* Otherwise the core's CCTV simulation at 0°, which enlarges with a cubic filter, blurs
 * slightly, adds sensor noise and writes a JPEG. It runs in a child process so that this
 * process has not started OpenCV's threads before the memory children below are forked. */
static gboolean
make_with_core (GBytes     *source,
                const char *target)
{
  int status = 0;
  pid_t pid = fork ();

  if (pid < 0)
    return FALSE;
  if (pid == 0)
    {
      g_autoptr(GBytes) big = lk_cv_simulate_cctv (source, FALLBACK_WIDTH, 0, 92, NULL);

      _exit (big != NULL && g_file_set_contents (target, g_bytes_get_data (big, NULL),
                                                 (gssize) g_bytes_get_size (big), NULL)
             ? 0 : 1);
    }
  if (waitpid (pid, &status, 0) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    return FALSE;
  return is_jpeg_of_size (target, 0, 0);
}

/* ---- a workspace with an examiner and an open case ----------------------------------------- */

/* The YuNet detector (LIKENESS_SHARED_DATA/models), or NULL: the default Haar cascades. */
static const char *yunet_model;

/* The name of a workspace: @name.db in @dir, or the database likeness_bench_@name (with "_"
 * for "-") created afresh on the server. */
static char *
fresh_location (const char *dir,
                const char *name)
{
  g_autofree char *file = g_strconcat (name, ".db", NULL);
  g_autofree char *database = NULL;

  if (server == NULL)
    return g_build_filename (dir, file, NULL);
  database = g_strdelimit (g_strconcat ("likeness_bench_", name, NULL), "-", '_');
  if (server_databases != NULL)
    g_ptr_array_add (server_databases, g_strdup (database));
  return bench_pg_create (server, database);
}

static LkSession *
examiner_in_fresh_store (const char *dir,
                         const char *name)
{
  g_autofree char *path = fresh_location (dir, name);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) store = lk_store_open (path, LK_STORE_OPEN_CREATE, &error);
  g_autoptr(LkSession) admin = NULL;
  g_autoptr(LkCase) c = NULL;
  LkSession *examiner;
  LkCaseRequest request = {
    CASE_NUMBER, "Benchmark case", "ROB", "Benchmark", "Measuring intake", "Bench Supervisor",
    "Bench Unit", NULL,
  };

  g_assert_no_error (error);
  lk_users_create_administrator (store, "admin", NULL, ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  admin = lk_session_login (store, "admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  if (yunet_model != NULL)
    {
      lk_policy_set (admin, "yunet_model", yunet_model, "Benchmark of the YuNet detector",
                     &error);
      g_assert_no_error (error);
    }
  lk_users_add (admin, "examiner", NULL, LK_ROLE_EXAMINER, EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  examiner = lk_session_login (store, "examiner", EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  c = lk_cases_create (examiner, &request, &error);
  g_assert_no_error (error);
  return examiner;
}

static void
import_once (LkSession *examiner,
             GBytes    *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  gint64 id = lk_probes_import (examiner, CASE_NUMBER, bytes, "big.jpg", &bench_provenance,
                                &sha256, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
}

static void
decode_once (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCvImage) image = lk_cv_image_decode (bytes, &error);

  g_assert_no_error (error);
  g_assert_cmpint (lk_cv_image_get_width (image), >, 0);
}

/* ---- peak memory ----------------------------------------------------------------------------
 * ru_maxrss is a high-water mark that never goes down, so measured one after the other in one
 * process the second figure would hide under the first. Each figure therefore comes from a
 * child forked from the same parent state (the JPEG bytes loaded, OpenCV not yet started).
 * The import child must log in first, and the password hash (argon2id) alone takes 64 MiB:
 * writing 5 to /proc/self/clear_refs resets the high-water mark to the current resident size
 * after that set-up, so both children count from "ready to work" to "done". Both figures
 * include what the child shares with the parent (mainly the JPEG bytes). */

static void
reset_peak (void)
{
  FILE *f = fopen ("/proc/self/clear_refs", "w");
  gboolean written = f != NULL && fputs ("5", f) >= 0;

  if (f == NULL || fclose (f) != 0 || !written)
    g_printerr ("bench-intake: cannot reset the peak RSS (%s); figures include set-up\n",
                g_strerror (errno));
}

static long
max_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static void
measure_child (Measure     what,
               const char *dir,
               GBytes     *bytes,
               int         fd)
{
  g_autoptr(LkSession) examiner = NULL;
  long peak;

  if (what == MEASURE_IMPORT)
    examiner = examiner_in_fresh_store (dir, "memory");
  reset_peak ();
  if (what == MEASURE_IMPORT)
    import_once (examiner, bytes);
  else
    decode_once (bytes);
  peak = max_rss_kib ();
  if (write (fd, &peak, sizeof peak) != sizeof peak)
    _exit (1);
  _exit (0);
}

static double
peak_mib (Measure     what,
          const char *dir,
          GBytes     *bytes)
{
  int fds[2];
  long peak = 0;
  int status = 0;
  pid_t pid;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      measure_child (what, dir, bytes, fds[1]);
    }
  close (fds[1]);
  g_assert_cmpint (read (fds[0], &peak, sizeof peak), ==, sizeof peak);
  close (fds[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  return peak / 1024.0;
}

/* ---- time ---------------------------------------------------------------------------------- */

/* Each run imports into a case of a fresh database: a second import of the same bytes into
 * one database would find the image stored already and skip writing it. */
static double
import_ms (const char *dir,
           GBytes     *bytes)
{
  double total = 0;

  for (int i = 0; i < RUNS; i++)
    {
      g_autofree char *name = g_strdup_printf ("run-%s-%d", yunet_model ? "yunet" : "haar", i);
      g_autoptr(LkSession) examiner = examiner_in_fresh_store (dir, name);
      gint64 start = g_get_monotonic_time ();

      import_once (examiner, bytes);
      total += ms_since (start);
    }
  return total / RUNS;
}

static double
decode_ms (GBytes *bytes)
{
  double total = 0;

  for (int i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      decode_once (bytes);
      total += ms_since (start);
    }
  return total / RUNS;
}

/* Where an import's time goes, stage by stage through the same public calls, as means over
 * RUNS; returns the sum of the stages. */
enum { SHA256, HEADER, METADATA, DECODE, FIND_FACES, MEASURE, N_STAGES };

static void
run_stages (GBytes *bytes,
            double *ms,
            guint  *n_faces)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCvImage) image = NULL;
  g_autoptr(JsonObject) metadata = NULL;
  g_autoptr(GArray) faces = NULL;
  g_autofree char *digest = NULL;
  LkImageHeader header;
  LkQualityFigures figures;
  gint64 start = g_get_monotonic_time ();

  digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  ms[SHA256] += ms_since (start);
  start = g_get_monotonic_time ();
  g_assert_true (lk_image_header_read (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                       &header, &error));
  ms[HEADER] += ms_since (start);
  start = g_get_monotonic_time ();
  metadata = lk_metadata_read (bytes, &error);
  g_assert_no_error (error);
  ms[METADATA] += ms_since (start);
  start = g_get_monotonic_time ();
  image = lk_cv_image_decode (bytes, &error);
  g_assert_no_error (error);
  ms[DECODE] += ms_since (start);
  start = g_get_monotonic_time ();
  faces = lk_cv_image_find_faces (image, NULL, &error);
  g_assert_no_error (error);
  ms[FIND_FACES] += ms_since (start);
  *n_faces = faces->len;
  start = g_get_monotonic_time ();
  for (guint i = 0; i < faces->len && i < 5; i++)
    {
      g_assert_true (lk_cv_image_measure (image, &g_array_index (faces, LkFace, i), &figures,
                                          &error));
      g_assert_no_error (error);
    }
  ms[MEASURE] += ms_since (start);
}

static double
print_stages (GBytes *bytes)
{
  static const char * const names[] = { "sha256", "header", "metadata", "decode", "find faces",
                                        "measure faces" };
  double ms[N_STAGES] = { 0 };
  double sum = 0;
  guint n_faces = 0;

  for (int i = 0; i < RUNS; i++)
    run_stages (bytes, ms, &n_faces);
  for (int i = 0; i < N_STAGES; i++)
    {
      g_print ("# stage %-16s %8.1f ms\n", names[i], ms[i] / RUNS);
      sum += ms[i] / RUNS;
    }
  g_print ("# faces found: %u\n", n_faces);
  return sum;
}

static const char *
yunet_path (void)
{
  static char *path;
  const char *shared = g_getenv ("LIKENESS_SHARED_DATA");

  if (path == NULL && shared != NULL)
    path = g_build_filename (shared, "models", "face_detection_yunet_2022mar.onnx", NULL);
  return path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR) ? path : NULL;
}

int
main (int   argc,
      char *argv[])
{
  const char *source_dir = g_getenv ("LIKENESS_SOURCE_DIR");
  g_autofree char *source = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *big = NULL;
  g_autoptr(GBytes) portrait = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *how;
  LkImageHeader header;
  double decode_peak, import_peak, decode_time, import_time, stages;

  server = bench_pg_server ();
  server_databases = g_ptr_array_new_with_free_func (g_free);
  /* made by the memory child, which cannot tell this process */
  g_ptr_array_add (server_databases, g_strdup ("likeness_bench_memory"));
  if (source_dir == NULL)
    {
      g_printerr ("bench-intake: LIKENESS_SOURCE_DIR is not set\n");
      return 1;
    }
  source = g_build_filename (source_dir, "data", "demo", "grace_hopper.jpg", NULL);
  dir = g_dir_make_tmp ("likeness-bench-XXXXXX", &error);
  g_assert_no_error (error);
  big = g_build_filename (dir, "big.jpg", NULL);
  portrait = load (source);

  if (g_getenv ("LIKENESS_BENCH_JPEG") != NULL)
    {
      g_free (big);
      big = g_strdup (g_getenv ("LIKENESS_BENCH_JPEG"));
      how = "LIKENESS_BENCH_JPEG";
    }
  else if (make_with_convert (source, big))
    how = "ImageMagick convert (enlarged, centred on grey, noise, JPEG quality 92)";
  else if (make_with_core (portrait, big))
    how = "lk_cv_simulate_cctv (enlarged, 0 degrees, JPEG quality 92)";
  else
    {
      g_print ("bench-intake: SKIP: could not make a 24-megapixel JPEG (no ImageMagick, and the "
               "core's OpenCV could not write one)\n");
      remove_tree (dir);
      return SKIP;
    }
  bytes = load (big);
  g_assert_true (lk_image_header_read (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                       &header, &error));
  if (server != NULL)
    {
      g_autofree char *version = bench_pg_version (server);

      g_print ("# backend: PostgreSQL %s server (LIKENESS_TEST_PG)\n", version);
    }
  g_print ("# probe: %u x %u (%.1f megapixels), %.1f MB JPEG, made with %s\n", header.width,
           header.height, (double) header.width * header.height / 1e6,
           g_bytes_get_size (bytes) / 1e6, how);

  /* memory first, before this process starts OpenCV */
  decode_peak = peak_mib (MEASURE_DECODE, dir, bytes);
  import_peak = peak_mib (MEASURE_IMPORT, dir, bytes);

  decode_once (bytes); /* warms up OpenCV's thread pool and the page cache */
  decode_time = decode_ms (bytes);
  import_time = import_ms (dir, bytes);
  stages = print_stages (bytes);
  g_print ("# stage %-16s %8.1f ms (the rest of an import: storing, audit, JSON)\n",
           "store and record", import_time - stages);
  g_print ("# import %.1f ms, decode %.1f ms (mean of %d); peak RSS import %.1f MiB, decode "
           "%.1f MiB\n", import_time, decode_time, RUNS, import_peak, decode_peak);

  metric ("intake-24mp", import_time, "ms", decode_time, 2.0);
  metric ("intake-24mp-peak-rss", import_peak, "MiB", decode_peak, 3.0);

  /* Most of an import is the face search: an LBP pre-pass over a copy at the scale of a face
   * 24 pixels between the eyes (2571 x 1714 here), on every core, then the Haar cascade
   * around each hit. With the YuNet detector configured (policy yunet_model; one pass over a
   * copy of 1280 pixels, which misses most faces that small) the same import takes: */
  yunet_model = yunet_path ();
  if (yunet_model != NULL)
    {
      import_time = import_ms (dir, bytes);
      metric ("intake-24mp-yunet", import_time, "ms", decode_time, 2.0);
    }
  else
    g_print ("# intake-24mp-yunet: not measured (LIKENESS_SHARED_DATA has no YuNet model)\n");
  for (guint i = 0; server != NULL && i < server_databases->len; i++)
    bench_pg_drop (server, g_ptr_array_index (server_databases, i));
  g_ptr_array_unref (server_databases);
  remove_tree (dir);
  return 0;
}
