/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The built-in engine's whole search, as examiners meet it, at 10,000, 100,000 and 1,000,000
 * templates of 128 values in a real database file: a probe with a locked analysis searched
 * through lk_gallery_search() (probe template, scan store, shortlist, the candidate list and
 * its audit event written), with the gallery kept in memory (warm) and read again from the
 * database (cold), and likeness-cli searching in a new process; beside the scan alone.
 *
 * Every ratio is a time (or memory) over a baseline measured in the same run on the same data:
 *   search-Nk-warm        warm search / one read-only pass over the template array in memory
 *                         (the probe searched before: its template is read back, not made)
 *   search-Nk-warm-new-probe  the same with the probe's kept template deleted first, so that
 *                         the search decodes the probe and runs the model / the same pass
 *   search-Nk-cold        cold search (in process) / reading the template store's blobs from
 *                         the database file with a fresh SQLite connection
 *   search-Nk-cli         likeness-cli gallery search / the same store read
 *   search-Nk-cli-less-log-in  the same less the CLI's log-in alone (start, open, password
 *                         hash, one query) / the same store read
 *   search-Nk-scan        the int8 scan alone / the read-only pass
 *   search-Nk-store-read-vs-flat-file  the store read from the database / the same bytes read
 *                         from a flat file (what a file beside the database would cost)
 *   search-1m-cli-memory  the CLI's peak memory (the whole process: libraries, OpenCV, the
 *                         model, the password hash's 64 MiB at log-in, the array, the scan) /
 *                         the array's bytes (int8 codes, scales and image ids of the gallery)
 *   search-1m-memory-added  what a cold search adds to a process that is already logged in
 *                         (VmHWM after the search less VmRSS before it, the high-water mark
 *                         reset first) / the same array bytes
 * The gallery is synthetic (random unit vectors, written with SQL); the probe is the demo
 * portrait and the embedding model a small ONNX network (lk-test-onnx.c) of 128 values. The
 * page cache cannot be dropped on a shared machine: "cold" means a new copy from the database
 * file, not from the disk platter. 10,000,000 templates run with LIKENESS_BENCH_10M=1. */
#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "lk-test-onnx.h"
#include "lk-test-util.h"
#include "casework/lk-cases.h"
#include "casework/lk-probes.h"
#include "engine/lk-gallery.h"
#include "engine/lk-gallery-private.h"
#include "engine/lk-search.h"
#include "engine/lk-template-store.h"
#include "governance/lk-policy.h"
#include "imaging/lk-cv.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-store.h"

#define DIMENSION 128
#define TOP_K 20
#define RUNS 5
#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse battery"
#define EXAMINER "examiner"
#define EXAMINER_PASSWORD "staple quartz lantern"
#define GALLERY "bench-gallery"

typedef struct
{
  char            *dir;
  char            *db;
  LkStore         *store;
  LkSession       *admin;
  LkSession       *examiner;
  gint64           probe;
  gint64           database_id;
  LkGalleryEngine  engine;
  gsize            rows;
  guint32          seed;
} Bench;

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static void
metric (const char *name,
        double      value,
        const char *unit,
        double      baseline,
        double      target)
{
  g_print ("metric: %s value=%.4g unit=%s baseline=%.4g ratio=%.3f target=%.1f\n",
           name, value, unit, baseline, value / baseline, target);
}

/* ---- the world ---------------------------------------------------------------------------- */

static void
bench_init (Bench *b)
{
  LkCaseRequest request = {
    "BENCH-0018", "Search benchmark", "ROB", "Benchmark, no authority", "None",
    "Bench Examiner", "Bench Unit", NULL,
  };
  LkProvenance p = { "cctv", "video-frame", "Bench Examiner", "2026-01-15T14:32:00Z",
                     "Benchmark, no authority", "The demo portrait", FALSE };
  g_autofree char *portrait = lk_test_demo_path ("grace_hopper.jpg");
  g_autoptr(GBytes) bytes = lk_test_read_bytes (portrait);
  g_autofree char *model = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) c = NULL;

  b->dir = g_dir_make_tmp ("likeness-bench-search-XXXXXX", &error);
  g_assert_no_error (error);
  b->db = g_build_filename (b->dir, "likeness.db", NULL);
  model = g_build_filename (b->dir, "embedding-128.onnx", NULL);
  lk_test_onnx_write_embedding (model, DIMENSION, FALSE, 18);
  b->store = lk_test_store_new (b->db, ADMIN, ADMIN_PASSWORD);
  b->admin = lk_test_login (b->store, ADMIN, ADMIN_PASSWORD);
  lk_users_add (b->admin, EXAMINER, NULL, LK_ROLE_EXAMINER, EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_true (lk_policy_set (b->admin, "embedding_model", model, "benchmark", &error));
  g_assert_no_error (error);
  b->examiner = lk_test_login (b->store, EXAMINER, EXAMINER_PASSWORD);
  c = lk_cases_create (b->examiner, &request, &error);
  g_assert_no_error (error);
  b->database_id = lk_reference_db_create (b->admin, GALLERY, "Benchmark", "likeness", &error);
  g_assert_no_error (error);
  b->probe = lk_probes_import (b->examiner, request.number, bytes, "probe.jpg", &p, NULL, &error);
  g_assert_no_error (error);
  lk_test_lock_suitable (b->examiner, b->probe);
  g_assert_true (lk_gallery_engine_init (&b->engine, b->store, &error));
  g_assert_no_error (error);
  g_assert_true (lk_gallery_engine_identify (&b->engine, b->store, &error));
  g_assert_no_error (error);
  b->seed = 2463534242u;
}

static void
bench_clear (Bench *b)
{
  lk_gallery_forget_cache ();
  lk_gallery_engine_clear (&b->engine);
  g_clear_object (&b->examiner);
  g_clear_object (&b->admin);
  g_clear_object (&b->store);
  lk_test_remove_tree (b->dir);
  g_free (b->db);
  g_free (b->dir);
}

static float
next_value (guint32 *x)
{
  *x ^= *x << 13;
  *x ^= *x >> 17;
  *x ^= *x << 5;
  return (float) ((double) *x / G_MAXUINT32 - 0.5);
}

static void
random_unit (guint32 *seed,
             float   *v)
{
  double sum = 0;

  for (guint i = 0; i < DIMENSION; i++)
    {
      v[i] = next_value (seed);
      sum += (double) v[i] * v[i];
    }
  /* Stored as they are: the templates table is little-endian float32, as is this machine. */
  for (guint i = 0; i < DIMENSION; i++)
    v[i] /= (float) sqrt (sum);
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  return stmt;
}

static void
step_done (sqlite3_stmt *stmt)
{
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
}

/* Synthetic gallery images and their templates, written with SQL up to @rows (the engine's
 * identity, so the search takes them for its own). */
static void
grow_gallery (Bench *b,
              gsize  rows)
{
  sqlite3 *db = lk_test_sqlite_open (b->db);
  sqlite3_stmt *image = prepare (db, "INSERT INTO images (sha256, bytes, size, media_type,"
                                     " stored_at) VALUES (?, x'00', 1, 'image/jpeg',"
                                     " '2026-01-01T00:00:00Z')");
  sqlite3_stmt *entry = prepare (db, "INSERT INTO gallery_images (database_id, subject_ref,"
                                     " image_sha256, source_name, enrolled_by, enrolled_at)"
                                     " VALUES (?, ?, ?, 'synthetic', 1,"
                                     " '2026-01-01T00:00:00Z')");
  sqlite3_stmt *tmpl = prepare (db, "INSERT INTO templates (image_id, engine, version, dimension,"
                                    " vector, model_sha256, detector_sha256, convention)"
                                    " VALUES (last_insert_rowid (), ?, ?, ?, ?, ?, ?, ?)");
  float v[DIMENSION];
  gint64 start = g_get_monotonic_time ();
  gsize from = b->rows;

  lk_test_sqlite_exec (db, "BEGIN");
  for (; b->rows < rows; b->rows++)
    {
      g_autofree char *sha = g_strdup_printf ("%064" G_GSIZE_MODIFIER "x", b->rows + 1);
      g_autofree char *subject = g_strdup_printf ("subject-%" G_GSIZE_FORMAT, b->rows / 5);

      random_unit (&b->seed, v);
      sqlite3_bind_text (image, 1, sha, -1, SQLITE_STATIC);
      step_done (image);
      sqlite3_bind_int64 (entry, 1, b->database_id);
      sqlite3_bind_text (entry, 2, subject, -1, SQLITE_STATIC);
      sqlite3_bind_text (entry, 3, sha, -1, SQLITE_STATIC);
      step_done (entry);
      sqlite3_bind_text (tmpl, 1, b->engine.name, -1, SQLITE_STATIC);
      sqlite3_bind_text (tmpl, 2, b->engine.version, -1, SQLITE_STATIC);
      sqlite3_bind_int (tmpl, 3, DIMENSION);
      sqlite3_bind_blob (tmpl, 4, v, sizeof v, SQLITE_STATIC);
      sqlite3_bind_text (tmpl, 5, b->engine.model_sha256, -1, SQLITE_STATIC);
      sqlite3_bind_text (tmpl, 6, b->engine.detector_sha256, -1, SQLITE_STATIC);
      sqlite3_bind_text (tmpl, 7, b->engine.convention, -1, SQLITE_STATIC);
      step_done (tmpl);
    }
  lk_test_sqlite_exec (db, "COMMIT");
  sqlite3_finalize (image);
  sqlite3_finalize (entry);
  sqlite3_finalize (tmpl);
  sqlite3_close (db);
  g_print ("# %" G_GSIZE_FORMAT " templates written with SQL in %.1f s\n", rows - from,
           seconds_since (start));
}

/* ---- measurements ------------------------------------------------------------------------- */

static double
search_once (Bench *b)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 list = lk_gallery_search (b->examiner, b->probe, GALLERY, TOP_K, &error);

  g_assert_no_error (error);
  g_assert_cmpint (list, >, 0);
  return seconds_since (start);
}

static volatile guint64 sink;

/* The probe's kept template deleted (by another connection, as the search's own sees it): the
 * next search makes it again from the image. */
static void
forget_probe_templates (Bench *b)
{
  sqlite3 *db = lk_test_sqlite_open (b->db);

  lk_test_sqlite_exec (db, "DELETE FROM probe_templates");
  sqlite3_close (db);
}

/* What every search does before it scans: the probe's image decoded and its template made
 * (the demo portrait, its largest face, the engine's model). */
static double
probe_template_once (Bench *b)
{
  g_autofree char *portrait = lk_test_demo_path ("grace_hopper.jpg");
  g_autoptr(GBytes) bytes = lk_test_read_bytes (portrait);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCvImage) image = lk_cv_image_decode (bytes, &error);
  g_autoptr(GArray) faces = lk_cv_image_find_faces (image, NULL, &error);
  g_autofree float *query = NULL;
  guint dimension = 0;
  gint64 start;

  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, >, 0);
  g_clear_pointer (&image, lk_cv_image_free);
  start = g_get_monotonic_time ();
  image = lk_cv_image_decode (bytes, &error);
  query = lk_cv_image_embedding (image, &g_array_index (faces, LkFace, 0),
                                 b->engine.embedding_model, &b->engine.input, &dimension, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dimension, ==, DIMENSION);
  return seconds_since (start);
}

/* One read-only pass over the array: every code byte, scale and id summed. */
static double
read_pass (const LkTemplateArray *a)
{
  gint64 start = g_get_monotonic_time ();
  const guint64 *words = (const guint64 *) a->codes;
  gsize n_words = a->n * a->dimension / 8;
  guint64 acc[4] = { 0 };
  gsize i = 0;

  for (; i + 4 <= n_words; i += 4)
    for (int j = 0; j < 4; j++)
      acc[j] += words[i + j];
  for (gsize r = 0; r < a->n; r++)
    acc[0] += (guint64) a->image_ids[r] + (guint64) a->scales[r];
  sink = acc[0] + acc[1] + acc[2] + acc[3];
  return seconds_since (start);
}

/* A figure of /proc/self/status in kB (VmRSS, VmHWM). */
static long
status_kb (const char *field)
{
  g_autofree char *text = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &text, NULL, NULL));
  line = strstr (text, field);
  g_assert_nonnull (line);
  return strtol (line + strlen (field) + 1, NULL, 10);
}

/* The peak memory a cold search adds to this process (the gallery read into memory, the probe
 * decoded, the scan, the list written), in kB: the high-water mark reset to the resident size
 * first (writing 5 to /proc/self/clear_refs), then read after the search. */
static long
cold_search_added_kb (Bench *b)
{
  FILE *f;
  long before;

  lk_gallery_forget_cache ();
  before = status_kb ("VmRSS:");
  f = fopen ("/proc/self/clear_refs", "w");
  if (f == NULL || fputs ("5", f) < 0 || fclose (f) != 0)
    return -1;
  search_once (b);
  return status_kb ("VmHWM:") - before;
}

/* The template store's blobs read from the database file by a new connection. */
static double
read_store (Bench *b)
{
  gint64 start = g_get_monotonic_time ();
  sqlite3 *db = lk_test_sqlite_open (b->db);
  sqlite3_stmt *stmt = prepare (db, "SELECT data FROM template_blocks WHERE database_id = ?"
                                    " ORDER BY last_image_id");
  guint64 acc = 0;

  sqlite3_bind_int64 (stmt, 1, b->database_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const guint8 *data = sqlite3_column_blob (stmt, 0);
      int size = sqlite3_column_bytes (stmt, 0);

      for (int i = 0; i < size; i += 64)
        acc += data[i];
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  sink = acc;
  return seconds_since (start);
}

/* The template store's bytes as one flat file, and reading it back: what a file beside the
 * database would cost instead of blobs in it (the measurement the store's design rests on). */
static double
read_flat_file (Bench *b)
{
  g_autofree char *name = g_strdup_printf ("store-%" G_GSIZE_FORMAT ".flat", b->rows);
  g_autofree char *path = g_build_filename (b->dir, name, NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  gint64 start;
  guint64 acc = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      sqlite3 *db = lk_test_sqlite_open (b->db);
      sqlite3_stmt *stmt = prepare (db, "SELECT data FROM template_blocks ORDER BY last_image_id");
      FILE *out = fopen (path, "wb");

      g_assert_nonnull (out);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        fwrite (sqlite3_column_blob (stmt, 0), 1, (size_t) sqlite3_column_bytes (stmt, 0), out);
      fclose (out);
      sqlite3_finalize (stmt);
      sqlite3_close (db);
    }
  start = g_get_monotonic_time ();
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  for (gsize i = 0; i < length; i += 64)
    acc += (guint8) contents[i];
  sink = acc;
  return seconds_since (start);
}

/* likeness-cli in a new process, through /usr/bin/time for its own peak memory (a child's
 * ru_maxrss from wait4 would include this process's, which exec keeps): wall time, peak kB. */
static double
cli_run (Bench       *b,
         const char **args,
         long        *peak_kb)
{
  g_autofree char *peak_file = g_build_filename (b->dir, "peak.txt", NULL);
  g_autofree char *peak = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LIKENESS_PASSWORD",
                                        EXAMINER_PASSWORD, TRUE);
  g_autoptr(GError) error = NULL;
  gint64 start;
  int status = 0;

  for (const char *head[] = { "/usr/bin/time", "-f", "%M", "-o", peak_file,
                              g_getenv ("LIKENESS_CLI"), "--db", b->db, "--user", EXAMINER,
                              NULL }, **h = head; *h != NULL; h++)
    g_ptr_array_add (argv, (gpointer) *h);
  for (; *args != NULL; args++)
    g_ptr_array_add (argv, (gpointer) *args);
  g_ptr_array_add (argv, NULL);
  start = g_get_monotonic_time ();
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (peak_file, &peak, NULL, NULL));
  *peak_kb = strtol (peak, NULL, 10);
  return seconds_since (start);
}

static double
cli_search (Bench *b,
            long  *peak_kb)
{
  g_autofree char *probe = g_strdup_printf ("%" G_GINT64_FORMAT, b->probe);
  const char *args[] = { "gallery", "search", probe, "--database", GALLERY, "--top", "20",
                         NULL };

  return cli_run (b, args, peak_kb);
}

/* The CLI's own fixed cost: start, open the database, log in (the password hash is slow on
 * purpose), one small query. */
static double
cli_log_in (Bench *b)
{
  const char *args[] = { "case", "list", NULL };
  long peak_kb;

  return cli_run (b, args, &peak_kb);
}

typedef struct
{
  double warm, warm_new, cold, cli, cli_log_in, scan, scan_1, pass, store_read, file_read;
  double probe;
  long   cli_kb;
  long   added_kb;
  guint64 array_bytes;
} Figures;

static double
median (double *v,
        int     n)
{
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && v[j - 1] > v[j]; j--)
      {
        double t = v[j];
        v[j] = v[j - 1];
        v[j - 1] = t;
      }
  return v[n / 2];
}

static void
measure (Bench   *b,
         Figures *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkTemplateArray) array = NULL;
  double warm[RUNS], cold[RUNS], cli[RUNS], scan[RUNS], pass[RUNS], store[RUNS], file[RUNS];
  double log_in[RUNS], scan_1[RUNS], probe[RUNS], warm_new[RUNS];
  float query[DIMENSION];
  guint32 seed = 7;
  gint64 start = g_get_monotonic_time ();

  /* The first search after the gallery grew behind the store's back rebuilds the store. */
  lk_gallery_forget_cache ();
  search_once (b);
  g_print ("# %" G_GSIZE_FORMAT " templates: first search, rebuilding the store from the "
           "templates table: %.2f s\n", b->rows, seconds_since (start));
  array = lk_template_store_read (b->store, b->database_id, GALLERY, b->engine.name,
                                  b->engine.identity, &error);
  g_assert_no_error (error);
  f->array_bytes = lk_template_array_bytes (array->n, array->dimension);
  random_unit (&seed, query);
  for (int r = 0; r < RUNS; r++)
    {
      gint64 t = g_get_monotonic_time ();
      g_autoptr(GArray) hits = lk_search_top_k_codes (array->codes, array->scales, array->n,
                                                      array->dimension, query, TOP_K, 0);

      scan[r] = seconds_since (t);
      t = g_get_monotonic_time ();
      g_clear_pointer (&hits, g_array_unref);
      hits = lk_search_top_k_codes (array->codes, array->scales, array->n, array->dimension,
                                    query, TOP_K, 1);
      scan_1[r] = seconds_since (t);
      probe[r] = probe_template_once (b);
      pass[r] = read_pass (array);
      store[r] = read_store (b);
      lk_gallery_forget_cache ();
      cold[r] = search_once (b);
      warm[r] = search_once (b);
      forget_probe_templates (b);
      warm_new[r] = search_once (b);
      cli[r] = cli_search (b, &f->cli_kb);
      log_in[r] = cli_log_in (b);
      file[r] = read_flat_file (b);
    }
  f->warm = median (warm, RUNS);
  f->warm_new = median (warm_new, RUNS);
  f->cold = median (cold, RUNS);
  f->cli = median (cli, RUNS);
  f->scan = median (scan, RUNS);
  f->pass = median (pass, RUNS);
  f->store_read = median (store, RUNS);
  f->file_read = median (file, RUNS);
  f->cli_log_in = median (log_in, RUNS);
  f->added_kb = cold_search_added_kb (b);
  f->scan_1 = median (scan_1, RUNS);
  f->probe = median (probe, RUNS);
}

static void
report (const char    *size,
        const Figures *f,
        gsize          rows)
{
  g_autofree char *warm = g_strdup_printf ("search-%s-warm", size);
  g_autofree char *warm_new = g_strdup_printf ("search-%s-warm-new-probe", size);
  g_autofree char *cold = g_strdup_printf ("search-%s-cold", size);
  g_autofree char *cli = g_strdup_printf ("search-%s-cli", size);
  g_autofree char *scan = g_strdup_printf ("search-%s-scan", size);
  g_autofree char *cli_search_only = g_strdup_printf ("search-%s-cli-less-log-in", size);
  g_autofree char *store = g_strdup_printf ("search-%s-store-read-vs-flat-file", size);

  g_print ("# %" G_GSIZE_FORMAT " templates (%.1f MB as int8, %.1f MB as float32), medians of "
           "%d: warm %.1f ms, cold %.1f ms, likeness-cli %.1f ms (peak %.1f MB), scan %.2f ms, "
           "pass over the array %.2f ms, store read from the database %.1f ms, the same bytes "
           "from a flat file %.1f ms, likeness-cli log-in alone %.1f ms\n", rows,
           f->array_bytes / 1e6, rows * DIMENSION * 4.0 / 1e6, RUNS, f->warm * 1e3,
           f->cold * 1e3, f->cli * 1e3, f->cli_kb / 1024.0, f->scan * 1e3, f->pass * 1e3,
           f->store_read * 1e3, f->file_read * 1e3, f->cli_log_in * 1e3);
  g_print ("# %" G_GSIZE_FORMAT " templates, where a warm search goes: the scan %.2f ms (one "
           "thread %.2f ms), the rest (the kept probe template read, store checks, shortlist, "
           "the list and its audit event written) %.1f ms; a probe's first search also makes "
           "its template (decode and embedding, %.1f ms alone): %.1f ms in all\n", rows,
           f->scan * 1e3, f->scan_1 * 1e3, (f->warm - f->scan) * 1e3, f->probe * 1e3,
           f->warm_new * 1e3);
  metric (warm, f->warm * 1e3, "ms", f->pass * 1e3, 2.0);
  metric (warm_new, f->warm_new * 1e3, "ms", f->pass * 1e3, 2.0);
  metric (cold, f->cold * 1e3, "ms", f->store_read * 1e3, 2.0);
  metric (cli, f->cli * 1e3, "ms", f->store_read * 1e3, 2.0);
  metric (cli_search_only, (f->cli - f->cli_log_in) * 1e3, "ms", f->store_read * 1e3, 2.0);
  metric (scan, f->scan * 1e3, "ms", f->pass * 1e3, 1.5);
  metric (store, f->store_read * 1e3, "ms", f->file_read * 1e3, 2.0);
}

int
main (int   argc,
      char *argv[])
{
  static const struct { gsize rows; const char *name; } sizes[] = {
    { 10000, "10k" }, { 100000, "100k" }, { 1000000, "1m" },
  };
  Bench b = { 0 };
  Figures small = { 0 };

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("LIKENESS_CLI") == NULL || g_getenv ("LIKENESS_SOURCE_DIR") == NULL)
    {
      g_print ("# SKIP bench-search: run it through meson (LIKENESS_CLI and "
               "LIKENESS_SOURCE_DIR are not set)\n");
      return 77;
    }
  bench_init (&b);
  g_print ("# %u processors (shared), %d-dimensional templates, top %d; cold = a new copy from "
           "the database file (the page cache is not dropped)\n", g_get_num_processors (),
           DIMENSION, TOP_K);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      Figures f = { 0 };

      grow_gallery (&b, sizes[i].rows);
      measure (&b, &f);
      report (sizes[i].name, &f, sizes[i].rows);
      if (i == 0)
        small = f;
      else if (sizes[i].rows == 1000000)
        {
          /* The whole process (OpenCV, the model, the probe) against the array alone. */
          g_print ("# likeness-cli peak memory: %.1f MB at 10,000 templates, %.1f MB at "
                   "1,000,000 (array %.1f MB)\n", small.cli_kb / 1024.0, f.cli_kb / 1024.0,
                   f.array_bytes / 1048576.0);
          metric ("search-1m-cli-memory", f.cli_kb / 1024.0, "MB", f.array_bytes / 1048576.0,
                  1.2);
          /* What the search itself adds at its peak, without the process's libraries, model
           * and log-in (the password hash alone takes 64 MiB). */
          if (f.added_kb >= 0)
            metric ("search-1m-memory-added", f.added_kb / 1024.0, "MB",
                    f.array_bytes / 1048576.0, 1.2);
          else
            g_print ("metric: search-1m-memory-added skipped reason=\"/proc/self/clear_refs "
                     "cannot be written\"\n");
        }
    }
  if (g_strcmp0 (g_getenv ("LIKENESS_BENCH_10M"), "1") != 0)
    g_print ("metric: search-10m skipped reason=\"writing 10,000,000 synthetic templates "
             "(about 7 GB of database) takes tens of minutes on this shared machine; the store "
             "would take %.1f GB of memory; run with LIKENESS_BENCH_10M=1\"\n",
             lk_template_array_bytes (10000000, DIMENSION) / 1e9);
  else
    {
      Figures f = { 0 };

      grow_gallery (&b, 10000000);
      measure (&b, &f);
      report ("10m", &f, 10000000);
    }
  bench_clear (&b);
  return 0;
}
