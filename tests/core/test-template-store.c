/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The built-in engine at gallery scale, on real database files and the demo portraits:
 * - the scan store follows enrolment and deletion in the same transaction, and is rebuilt
 *   when the templates change behind its back (the generation tells, in one read);
 * - a damaged block is refused, not searched;
 * - templates record their model, detector and input convention: a model rewritten under the
 *   same file name makes search refuse the gallery until it is re-enrolled;
 * - an embedding model is installed with a descriptor checked against the model.
 * The embedding models are small ONNX networks written by lk-test-onnx.c; faces are found by
 * the Haar cascades, so nothing here needs the shared data. */
#include "config.h"

#include <string.h>

#include "lk-test-onnx.h"
#include "lk-test-util.h"
#include "lk-test-policy.h"
#include "casework/lk-cases.h"
#include "casework/lk-probes.h"
#include "engine/lk-gallery.h"
#include "engine/lk-gallery-private.h"
#include "engine/lk-template-store.h"
#include "governance/lk-policy.h"
#include "imaging/lk-cv.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-store-private.h"
#include "store/lk-store.h"

#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse"
#define EXAMINER "erin"
#define EXAMINER_PASSWORD "battery staple"
#define CASE_NUMBER "2026-0418"
#define GALLERY "custody"

typedef struct
{
  LkTestFixture *fixture;
  LkStore       *store;
  LkSession     *admin;
  LkSession     *examiner;
  gint64         probe;
} World;

static gint64
sql_int (World      *w,
         const char *sql)
{
  return lk_test_sql_int (w->fixture->db_path, sql);
}

static void
copy_demo (const char *demo,
           const char *path)
{
  g_autofree char *source = lk_test_demo_path (demo);
  g_autoptr(GBytes) bytes = lk_test_read_bytes (source);

  lk_test_write_bytes (path, bytes);
}

/* hopper/ and collins/, one portrait each. */
static char *
gallery_folder (World      *w,
                const char *name)
{
  char *dir = lk_test_path (w->fixture, name);
  g_autofree char *hopper = g_build_filename (dir, "hopper", "grace_hopper.jpg", NULL);
  g_autofree char *collins = g_build_filename (dir, "collins", "astronaut.png", NULL);

  copy_demo ("grace_hopper.jpg", hopper);
  copy_demo ("astronaut.png", collins);
  return dir;
}

static void
set_policy (World      *w,
            const char *key,
            const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_policy_set (w->admin, key, value, "test", &error));
  g_assert_no_error (error);
}

static void
world_init (World         *w,
            LkTestFixture *fixture)
{
  LkCaseRequest request = {
    CASE_NUMBER, "Robbery at a petrol station", "ROB", "Criminal Procedure Act, section 55",
    "The offender's face is visible on CCTV", "Chief Inspector Ward", "Property Crime Unit",
    NULL,
  };
  LkProvenance p = { "cctv", "video-frame", "PC Ada Jones", "2026-01-15T14:32:00Z",
                     "Warrant 2026/17", "Exhibit AJ/1", FALSE };
  g_autofree char *portrait = lk_test_demo_path ("grace_hopper.jpg");
  g_autoptr(GBytes) original = lk_test_read_bytes (portrait);
  g_autoptr(GBytes) still = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) c = NULL;

  w->fixture = fixture;
  w->store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  w->admin = lk_test_login (w->store, ADMIN, ADMIN_PASSWORD);
  lk_users_add (w->admin, EXAMINER, NULL, LK_ROLE_EXAMINER, EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  w->examiner = lk_test_login (w->store, EXAMINER, EXAMINER_PASSWORD);
  c = lk_cases_create (w->examiner, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_reference_db_create (w->admin, GALLERY, "Custody photographs, PACE s.64A",
                                           "likeness", &error), >, 0);
  g_assert_no_error (error);
  /* A simulated CCTV still of Grace Hopper: another image of one of the gallery's people. */
  still = lk_cv_simulate_cctv (original, 300, 4.0, 75, &error);
  g_assert_no_error (error);
  w->probe = lk_probes_import (w->examiner, CASE_NUMBER, still, "still.jpg", &p, NULL, &error);
  g_assert_no_error (error);
  lk_test_lock_suitable (w->examiner, w->probe);
  lk_gallery_forget_cache ();
}

static void
world_clear (World *w)
{
  lk_gallery_forget_cache ();
  g_clear_object (&w->examiner);
  g_clear_object (&w->admin);
  g_clear_object (&w->store);
}

static guint
enrol (World      *w,
       const char *dir)
{
  g_auto(LkEnrolReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_gallery_enrol (w->admin, GALLERY, dir, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  return report.enrolled;
}

/* Searches and returns the number of candidates of the new list. */
static gint64
search (World *w)
{
  g_autoptr(GError) error = NULL;
  gint64 list = lk_gallery_search (w->examiner, w->probe, GALLERY, 5, &error);
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (list, >, 0);
  sql = g_strdup_printf ("SELECT list_length FROM candidate_lists WHERE id = %" G_GINT64_FORMAT,
                         list);
  return sql_int (w, sql);
}

/* Whether the scan store reflects the templates as they are: same generation, same rows. */
static gboolean
store_current (World *w)
{
  return sql_int (w, "SELECT count(*) FROM template_stores s JOIN template_generations g"
                     " USING (database_id, engine) WHERE s.generation = g.generation") == 1 &&
         sql_int (w, "SELECT rows FROM template_stores") ==
         sql_int (w, "SELECT count(*) FROM templates") &&
         sql_int (w, "SELECT sum (rows) FROM template_blocks") ==
         sql_int (w, "SELECT count(*) FROM templates");
}

static void
delete_template (World      *w,
                 const char *subject)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM gallery_images WHERE subject_ref = '%s'",
                                          subject);
  gint64 image = sql_int (w, sql);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkTxn) txn = lk_txn_begin (w->store, &error);

  g_assert_no_error (error);
  g_assert_true (lk_gallery_delete_template_for_image (w->store, image, &error));
  g_assert_no_error (error);
  g_assert_true (lk_txn_commit (txn, &error));
  g_assert_no_error (error);
}

/* ---- the store follows the templates ------------------------------------------------------ */

static void
test_follows_changes (LkTestFixture *fixture,
                      gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *first = NULL;
  g_autofree char *more = NULL;
  g_autofree char *portrait = lk_test_demo_path ("grace_hopper.jpg");
  g_autoptr(GBytes) original = lk_test_read_bytes (portrait);
  g_autoptr(GBytes) other = NULL;
  g_autoptr(GError) error = NULL;

  world_init (&w, fixture);
  first = gallery_folder (&w, "first");
  g_assert_cmpuint (enrol (&w, first), ==, 2);
  /* Enrolment wrote the store in its own transactions: nothing is left to rebuild. */
  g_assert_true (store_current (&w));
  g_assert_cmpint (sql_int (&w, "SELECT rows FROM template_stores"), ==, 2);
  g_assert_cmpint (search (&w), ==, 2);

  /* The retention purge's call: the template and its store row go together. */
  delete_template (&w, "collins");
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM templates"), ==, 1);
  g_assert_true (store_current (&w));
  g_assert_cmpint (search (&w), ==, 1);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM candidates WHERE list_id ="
                                " (SELECT max (id) FROM candidate_lists)"
                                " AND subject_ref = 'collins'"), ==, 0);

  /* Appended to the store (a new image after its last). */
  more = lk_test_path (fixture, "more/hopper2/cctv.jpg");
  other = lk_cv_simulate_cctv (original, 320, -6.0, 80, &error);
  g_assert_no_error (error);
  lk_test_write_bytes (more, other);
  g_assert_cmpuint (enrol (&w, lk_test_path (fixture, "more")), ==, 1);
  g_assert_true (store_current (&w));
  g_assert_cmpint (search (&w), ==, 2);

  /* Changed behind the store's back: the generation moves, the store is behind, and the next
   * search rebuilds it from the templates (the copy in memory is not used). */
  {
    g_autofree char *sql = g_strconcat (lk_test_foreign_keys (), "DELETE FROM gallery_images"
                                        " WHERE subject_ref = 'hopper2'", NULL);

    lk_test_sql (fixture->db_path, sql);
  }
  g_assert_false (store_current (&w));
  g_assert_cmpint (search (&w), ==, 1);
  g_assert_true (store_current (&w));
  world_clear (&w);
}

static void
test_damaged_block (LkTestFixture *fixture,
                    gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;

  world_init (&w, fixture);
  dir = gallery_folder (&w, "gallery");
  enrol (&w, dir);
  g_assert_cmpint (search (&w), ==, 2);
  /* One code changed: the block's checksum no longer matches (the generation does not move,
   * so only a new process, or a forgotten copy, reads the block again). */
  lk_test_sql (fixture->db_path, lk_test_server () != NULL
                                 ? "UPDATE template_blocks SET data = overlay (data PLACING"
                                   " '\\x7f'::bytea FROM 31 FOR 1)"
                                 : "UPDATE template_blocks SET data = substr (data, 1, 30) ||"
                                   " x'7f' || substr (data, 32)");
  lk_gallery_forget_cache ();
  g_assert_cmpint (lk_gallery_search (w.examiner, w.probe, GALLERY, 5, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_INTEGRITY);
  g_assert_nonnull (strstr (error->message, "damaged"));
  world_clear (&w);
}

/* A gallery that would not fit in memory is refused before anything is read or written: the
 * limit lowered below the store's size by LIKENESS_SEARCH_MEMORY_LIMIT, as by a small machine. */
static void
test_memory_limit (LkTestFixture *fixture,
                   gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;

  world_init (&w, fixture);
  dir = gallery_folder (&w, "gallery");
  enrol (&w, dir);
  lk_gallery_forget_cache ();
  g_setenv ("LIKENESS_SEARCH_MEMORY_LIMIT", "100", TRUE);
  g_assert_cmpint (lk_gallery_search (w.examiner, w.probe, GALLERY, 5, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "not started"));
  g_assert_nonnull (strstr (error->message, "100 bytes is available"));
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM candidate_lists"), ==, 0);
  g_clear_error (&error);

  /* A limit the store fits under (2 templates: a few hundred bytes) lets it through. */
  g_setenv ("LIKENESS_SEARCH_MEMORY_LIMIT", "1000000", TRUE);
  g_assert_cmpint (search (&w), ==, 2);
  g_unsetenv ("LIKENESS_SEARCH_MEMORY_LIMIT");
  world_clear (&w);
}

/* ---- model identity ------------------------------------------------------------------------ */

static void
test_model_rewritten (LkTestFixture *fixture,
                      gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *dir = NULL;
  g_autofree char *model = lk_test_path (fixture, "models/embedding.onnx");
  g_autofree char *first_sha = NULL;
  g_autofree char *second_sha = NULL;
  g_autoptr(GError) error = NULL;

  world_init (&w, fixture);
  g_assert_cmpint (g_mkdir_with_parents (lk_test_path (fixture, "models"), 0700), ==, 0);
  lk_test_onnx_write_embedding (model, 64, FALSE, 1);
  set_policy (&w, "embedding_model", model);
  dir = gallery_folder (&w, "gallery");
  g_assert_cmpuint (enrol (&w, dir), ==, 2);
  first_sha = lk_test_sql_text (fixture->db_path, "SELECT DISTINCT model_sha256 FROM templates");
  g_assert_cmpint (strlen (first_sha), ==, 64);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM templates WHERE detector_sha256 LIKE"
                                " 'haar:%' AND convention LIKE '112x112 RGB%(default%'"), ==, 2);
  g_assert_cmpint (search (&w), ==, 2);

  /* Another model saved under the same name, the same size, within the same second. */
  lk_test_onnx_write_embedding (model, 64, FALSE, 2);
  g_assert_cmpint (lk_gallery_search (w.examiner, w.probe, GALLERY, 5, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Re-enrol"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* Re-enrolled: every template replaced, and the gallery searchable again. */
  g_assert_cmpuint (enrol (&w, dir), ==, 2);
  g_assert_cmpint (sql_int (&w, "SELECT count(DISTINCT model_sha256) FROM templates"), ==, 1);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM templates WHERE model_sha256 = ("
                                "SELECT model_sha256 FROM templates LIMIT 1)"), ==, 2);
  second_sha = lk_test_sql_text (fixture->db_path, "SELECT model_sha256 FROM templates LIMIT 1");
  g_assert_cmpstr (second_sha, !=, first_sha);
  g_assert_cmpint (search (&w), ==, 2);
  world_clear (&w);
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  lk_test_write_bytes (path, bytes);
}

static void
install_refused (World      *w,
                 const char *model,
                 const char *descriptor_text,
                 const char *expected)
{
  g_autofree char *descriptor = lk_test_path (w->fixture, "refused.json");
  g_autoptr(GError) error = NULL;

  write_text (descriptor, descriptor_text);
  g_assert_false (lk_gallery_install_model (w->admin, model, descriptor, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected));
}

#define DESCRIPTOR(size, order, extra) \
  "{\"format\": \"likeness-embedding-model\", \"input_size\": [112, 112], \"channel_order\": \"" \
  order "\", \"mean\": [127.5, 127.5, 127.5], \"scale\": 0.0078125, \"embedding_size\": " \
  size ", \"distance\": \"cosine\"" extra "}"

static void
test_install_model (LkTestFixture *fixture,
                    gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *model = lk_test_path (fixture, "models/embedding.onnx");
  g_autofree char *descriptor = lk_test_path (fixture, "models/embedding.json");
  g_autofree char *dir = NULL;
  g_autofree char *policy = NULL;
  g_autoptr(GError) error = NULL;

  world_init (&w, fixture);
  g_assert_cmpint (g_mkdir_with_parents (lk_test_path (fixture, "models"), 0700), ==, 0);
  lk_test_onnx_write_embedding (model, 64, FALSE, 7);
  install_refused (&w, model, DESCRIPTOR ("65", "RGB", ""), "declares 65");
  install_refused (&w, model, DESCRIPTOR ("64", "RGBA", ""), "channel_order");
  install_refused (&w, model, DESCRIPTOR ("64", "RGB", ", \"colour\": true"), "colour");
  install_refused (&w, model, "{\"format\": \"likeness-embedding-model\", \"input_size\": [112,"
                   " 112], \"channel_order\": \"RGB\", \"mean\": [127.5, 127.5, 127.5], \"scale\":"
                   " 0.0078125, \"embedding_size\": 64, \"distance\": \"euclidean\"}", "cosine");
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM embedding_models"), ==, 0);

  write_text (descriptor, DESCRIPTOR ("64", "BGR", ""));
  g_assert_true (lk_gallery_install_model (w.admin, model, descriptor, &error));
  g_assert_no_error (error);
  policy = lk_test_policy_string (w.store, "embedding_model");
  g_assert_cmpstr (policy, ==, model);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM embedding_models WHERE channel_order ="
                                " 'BGR' AND embedding_size = 64 AND length (sha256) = 64"), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "engine.model-installed"), ==, 1);
  g_assert_false (lk_gallery_install_model (w.admin, model, descriptor, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_EXISTS);
  g_clear_error (&error);
  /* Examiners do not install models. */
  g_assert_false (lk_gallery_install_model (w.examiner, model, descriptor, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  dir = gallery_folder (&w, "gallery");
  g_assert_cmpuint (enrol (&w, dir), ==, 2);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM templates WHERE convention ="
                                " '112x112 BGR mean 127.5,127.5,127.5 scale 0.0078125'"
                                " AND dimension = 64 AND model_sha256 ="
                                " (SELECT sha256 FROM embedding_models)"), ==, 2);
  g_assert_cmpint (search (&w), ==, 2);
  world_clear (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  LK_TEST_ADD ("/likeness/template-store/follows-changes", test_follows_changes);
  LK_TEST_ADD ("/likeness/template-store/damaged-block", test_damaged_block);
  LK_TEST_ADD ("/likeness/template-store/memory-limit", test_memory_limit);
  LK_TEST_ADD ("/likeness/template-store/model-rewritten", test_model_rewritten);
  LK_TEST_ADD ("/likeness/template-store/install-model", test_install_model);
  return g_test_run ();
}
