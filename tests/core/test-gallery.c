/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The built-in engine: enrolment and its report, the roles, templates as engine data (deleted
 * with their image, never exported), a probe never enrolled, search from a locked probe
 * recorded like an imported list, evaluation, the classic alignment rule, the dnn path's
 * errors, thumbnails, and the ORL measure: images 1-5 of each of the 40 people enrolled, 6-10
 * searched, the right person at rank 1 for at least 85 % of them.
 *
 * The dnn engine's errors are tested here; its enrolment, search and evaluation with models it
 * has never seen (small ONNX networks the test writes itself) are in test-dnn.c. */
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "lk-test-util.h"
#include "candidates/lk-candidates.h"
#include "casework/lk-cases.h"
#include "casework/lk-probes.h"
#include "engine/lk-gallery.h"
#include "governance/lk-policy.h"
#include "imaging/lk-cv.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse"
#define EXAMINER "erin"
#define EXAMINER_PASSWORD "battery staple"
#define CASE_NUMBER "2026-0077"
#define GALLERY "demo-gallery"
#define CLASSIC_DIMENSION (7 * 7 * 59)

typedef struct
{
  LkTestFixture *fixture;
  LkStore       *store;
  LkSession     *admin;
  LkSession     *examiner;
} World;

static void
world_init (World         *w,
            LkTestFixture *fixture)
{
  LkCaseRequest request = {
    CASE_NUMBER, "Theft from a parked car", "ROB", "Criminal Procedure Act, section 55",
    "The offender's face is visible on CCTV", "Chief Inspector Ward", "Property Crime Unit",
    NULL,
  };
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
}

static void
world_clear (World *w)
{
  g_clear_object (&w->examiner);
  g_clear_object (&w->admin);
  g_clear_object (&w->store);
}

/* ---- files ------------------------------------------------------------------------------- */

static char *
demo_path (const char *name)
{
  return g_build_filename (g_getenv ("LIKENESS_SOURCE_DIR"), "data", "demo", name, NULL);
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  lk_test_write_bytes (path, bytes);
}

static void
copy_demo (const char *demo,
           const char *path)
{
  g_autofree char *source = demo_path (demo);
  g_autoptr(GBytes) bytes = lk_test_read_bytes (source);

  lk_test_write_bytes (path, bytes);
}

/* A simulated CCTV still of a demo portrait: another image of the same person. */
static GBytes *
cctv_still (const char *demo,
            double      degrees)
{
  g_autofree char *path = demo_path (demo);
  g_autoptr(GBytes) original = lk_test_read_bytes (path);
  g_autoptr(GError) error = NULL;
  GBytes *still = lk_cv_simulate_cctv (original, 300, degrees, 75, &error);

  g_assert_no_error (error);
  return still;
}

/* hopper/ and collins/ with one portrait each, plus a duplicate, a picture without a face, a
 * text file and a file outside any subject's folder. */
static char *
make_demo_folder (LkTestFixture *fixture,
                  const char    *name)
{
  char *dir = lk_test_path (fixture, name);
  g_autofree char *hopper = g_build_filename (dir, "hopper", "grace_hopper.jpg", NULL);
  g_autofree char *copy = g_build_filename (dir, "hopper", "copy.jpg", NULL);
  g_autofree char *collins = g_build_filename (dir, "collins", "astronaut.png", NULL);
  g_autofree char *gradient = g_build_filename (dir, "collins", "gradient.png", NULL);
  g_autofree char *notes = g_build_filename (dir, "collins", "notes.txt", NULL);
  g_autofree char *top = g_build_filename (dir, "top.txt", NULL);
  g_autoptr(GBytes) png = lk_test_gradient_png ();

  copy_demo ("grace_hopper.jpg", hopper);
  copy_demo ("grace_hopper.jpg", copy);
  copy_demo ("astronaut.png", collins);
  lk_test_write_bytes (gradient, png);
  write_text (notes, "Collected from the custody suite\n");
  write_text (top, "README\n");
  return dir;
}

static gboolean
has_line_with (GPtrArray  *lines,
               const char *start,
               const char *part)
{
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      if (g_str_has_prefix (line, start) && strstr (line, part) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gint64
sql_int (World      *w,
         const char *sql)
{
  return lk_test_sql_int (w->fixture->db_path, sql);
}

typedef struct
{
  guint calls;
  guint last_done;
  guint total;
} ProgressLog;

static void
log_progress (guint       done,
              guint       total,
              const char *current,
              gpointer    data)
{
  ProgressLog *log = data;

  g_assert_nonnull (current);
  g_assert_cmpuint (done, ==, log->last_done + 1);
  log->calls++;
  log->last_done = done;
  log->total = total;
}

static void
enrol_ok (World         *w,
          const char    *source,
          LkEnrolReport *report)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_gallery_enrol (w->admin, GALLERY, source, NULL, NULL, NULL, report, &error));
  g_assert_no_error (error);
}

/* Deletes the gallery image of Eileen Collins in SQL, its templates with it (cascade). */
static void
delete_collins (LkTestFixture *fixture)
{
  g_autofree char *sql = g_strconcat (lk_test_foreign_keys (), "DELETE FROM gallery_images"
                                      " WHERE subject_ref = 'collins'", NULL);

  lk_test_sql (fixture->db_path, sql);
}

/* ---- enrolment ----------------------------------------------------------------------------- */

static void
test_enrol_report (LkTestFixture *fixture,
                   gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  LkEnrolReport report = { 0 };
  ProgressLog log = { 0 };

  world_init (&w, fixture);
  dir = make_demo_folder (fixture, "gallery");
  g_assert_true (lk_gallery_enrol (w.admin, GALLERY, dir, log_progress, &log, NULL, &report,
                                   &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.enrolled, ==, 2);
  g_assert_cmpuint (report.already_enrolled, ==, 1); /* the copy, in the same run */
  g_assert_cmpuint (report.rejected->len, ==, 3);
  g_assert_true (has_line_with (report.rejected, "collins/gradient.png: ", "no face found"));
  g_assert_true (has_line_with (report.rejected, "collins/notes.txt: ", "Unsupported image"));
  g_assert_true (has_line_with (report.rejected, "top.txt: ", "not inside a subject's folder"));
  g_assert_cmpuint (log.calls, ==, 5);
  g_assert_cmpuint (log.total, ==, 5);

  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM gallery_images"), ==, 2);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM templates WHERE engine = 'likeness-classic'"
                                " AND version = 'lbp-1' AND dimension = 2891"
                                " AND length (vector) = 4 * 2891"), ==, 2);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM gallery_images WHERE subject_ref ="
                                " 'hopper' AND source_name = 'hopper/copy.jpg'"), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "gallery.enrolled"), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "gallery.enrolment-finished"), ==, 1);

  /* Again: nothing new, the same report of what cannot be enrolled. */
  lk_enrol_report_clear (&report);
  enrol_ok (&w, dir, &report);
  g_assert_cmpuint (report.enrolled, ==, 0);
  g_assert_cmpuint (report.already_enrolled, ==, 3);
  g_assert_cmpuint (report.rejected->len, ==, 3);
  g_assert_cmpint (lk_test_count_action (w.store, "gallery.enrolled"), ==, 1);
  lk_enrol_report_clear (&report);
  world_clear (&w);
}

/* One image, one subject: the same picture filed under another name is refused. */
static void
test_enrol_conflict (LkTestFixture *fixture,
                     gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *first = lk_test_path (fixture, "first");
  g_autofree char *second = lk_test_path (fixture, "second");
  g_autofree char *a = g_build_filename (first, "hopper", "1.jpg", NULL);
  g_autofree char *b = g_build_filename (second, "someone-else", "1.jpg", NULL);
  LkEnrolReport report = { 0 };

  world_init (&w, fixture);
  copy_demo ("grace_hopper.jpg", a);
  copy_demo ("grace_hopper.jpg", b);
  enrol_ok (&w, first, &report);
  lk_enrol_report_clear (&report);
  enrol_ok (&w, second, &report);
  g_assert_cmpuint (report.enrolled, ==, 0);
  g_assert_true (has_line_with (report.rejected, "someone-else/1.jpg: ",
                                "already enrolled for subject “hopper”"));
  lk_enrol_report_clear (&report);
  world_clear (&w);
}

static void
test_enrol_csv (LkTestFixture *fixture,
                gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *csv = lk_test_path (fixture, "list/gallery.csv");
  g_autofree char *hopper = lk_test_path (fixture, "list/images/hopper, grace.jpg");
  g_autofree char *collins = lk_test_path (fixture, "astronaut.png");
  g_autofree char *text = g_strdup_printf ("Image, Subject_Ref\r\n"
                                           "\"images/hopper, grace.jpg\",\"Hopper, Grace\"\r\n"
                                           "\r\n"
                                           "%s,Collins\r\n"
                                           "missing.jpg,Nobody\r\n"
                                           "only-one-field.jpg\r\n", collins);
  LkEnrolReport report = { 0 };

  world_init (&w, fixture);
  copy_demo ("grace_hopper.jpg", hopper);
  copy_demo ("astronaut.png", collins);
  write_text (csv, text);
  enrol_ok (&w, csv, &report);
  g_assert_cmpuint (report.enrolled, ==, 2);
  g_assert_cmpuint (report.rejected->len, ==, 2);
  g_assert_true (has_line_with (report.rejected, "missing.jpg: ", ""));
  g_assert_true (has_line_with (report.rejected, "line 6: ", "expected image,subject_ref"));
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM gallery_images WHERE subject_ref IN"
                                " ('Hopper, Grace', 'Collins')"), ==, 2);
  lk_enrol_report_clear (&report);
  world_clear (&w);
}

static void
test_roles (LkTestFixture *fixture,
            gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  LkEnrolReport report = { 0 };
  double rank1 = -1;

  world_init (&w, fixture);
  dir = make_demo_folder (fixture, "gallery");
  g_assert_false (lk_gallery_enrol (w.examiner, GALLERY, dir, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (lk_gallery_evaluate (w.examiner, GALLERY, dir, &rank1, NULL, NULL, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_assert_cmpfloat (rank1, ==, -1);
  g_clear_error (&error);
  g_assert_cmpint (lk_gallery_search (w.admin, 1, GALLERY, 5, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM gallery_images"), ==, 0);
  lk_enrol_report_clear (&report);
  world_clear (&w);
}

static void
test_external_and_unknown (LkTestFixture *fixture,
                           gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  LkEnrolReport report = { 0 };

  world_init (&w, fixture);
  dir = make_demo_folder (fixture, "gallery");
  g_assert_cmpint (lk_reference_db_create (w.admin, "national", "Statute 12", "external", &error),
                   >, 0);
  g_assert_false (lk_gallery_enrol (w.admin, "national", dir, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "external engine"));
  g_clear_error (&error);
  g_assert_false (lk_gallery_enrol (w.admin, "nowhere", dir, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (lk_gallery_enrol (w.admin, GALLERY, "/nonexistent/gallery", NULL, NULL, NULL,
                                    &report, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  lk_enrol_report_clear (&report);
  world_clear (&w);
}

static void
cancel_at_second (guint       done,
                  guint       total,
                  const char *current,
                  gpointer    data)
{
  if (done == 2)
    g_cancellable_cancel (data);
}

/* Cancelled between images: what was read is kept, the rest is not touched. */
static void
test_cancel (LkTestFixture *fixture,
             gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *dir = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  LkEnrolReport report = { 0 };

  world_init (&w, fixture);
  dir = make_demo_folder (fixture, "gallery");
  g_assert_false (lk_gallery_enrol (w.admin, GALLERY, dir, cancel_at_second, cancellable,
                                    cancellable, &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* collins/astronaut.png, collins/gradient.png were read; astronaut is kept */
  g_assert_cmpuint (report.enrolled, ==, 1);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM gallery_images"), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "gallery.enrolment-finished"), ==, 1);
  lk_enrol_report_clear (&report);
  world_clear (&w);
}

/* ---- templates are engine data ------------------------------------------------------------- */

static void
test_templates_deleted_with_image (LkTestFixture *fixture,
                                   gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *dir = NULL;
  LkEnrolReport report = { 0 };

  world_init (&w, fixture);
  dir = make_demo_folder (fixture, "gallery");
  enrol_ok (&w, dir, &report);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM templates"), ==, 2);
  delete_collins (fixture);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM templates"), ==, 1);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM templates t JOIN gallery_images g"
                                " ON g.id = t.image_id WHERE g.subject_ref = 'hopper'"), ==, 1);
  lk_enrol_report_clear (&report);
  world_clear (&w);
}

static gint64
import_probe (World  *w,
              GBytes *bytes)
{
  LkProvenance p = { "cctv", "video-frame", "PC Ada Jones", "2026-01-15T14:32:00Z",
                     "Warrant 2026/17", "Exhibit AJ/1", FALSE };
  g_autoptr(GError) error = NULL;
  gint64 id = lk_probes_import (w->examiner, CASE_NUMBER, bytes, "still.jpg", &p, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
lock_analysis (World  *w,
               gint64  probe)
{
  static const char * const components[] = { "eyes", "nose", "mouth", NULL };
  LkAnalysis a = { "suitable", NULL, components, "" };
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_analysis_lock (w->examiner, probe, &a, &error));
  g_assert_no_error (error);
}

/* A gallery of the two demo people and a locked probe of Grace Hopper. */
static gint64
searchable_world (World         *w,
                  LkTestFixture *fixture)
{
  g_autofree char *dir = NULL;
  g_autoptr(GBytes) still = cctv_still ("grace_hopper.jpg", 4.0);
  LkEnrolReport report = { 0 };
  gint64 probe;

  world_init (w, fixture);
  dir = make_demo_folder (fixture, "gallery");
  enrol_ok (w, dir, &report);
  lk_enrol_report_clear (&report);
  probe = import_probe (w, still);
  g_assert_cmpint (sql_int (w, "SELECT face_index FROM probes"), ==, 0);
  return probe;
}

static void
assert_list_recorded (World  *w,
                      gint64  list_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM candidate_lists WHERE id = %"
                                          G_GINT64_FORMAT " AND engine_name = 'likeness-classic'"
                                          " AND engine_version = '" PACKAGE_VERSION "/lbp-1'"
                                          " AND source_format = 'built-in' AND threshold IS NULL"
                                          " AND max_candidates = 5 AND list_length = 2"
                                          " AND search_ms > 0 AND length (source_sha256) = 64"
                                          " AND reference_db_id = (SELECT id FROM"
                                          " reference_databases WHERE name = '" GALLERY "')",
                                          list_id);

  g_assert_cmpint (sql_int (w, sql), ==, 1);
  g_assert_cmpint (sql_int (w, "SELECT count(*) FROM candidates WHERE display_order = rank"
                               " AND score BETWEEN -1 AND 1.0001"), ==, 2);
  g_assert_cmpint (sql_int (w, "SELECT count(*) FROM candidates c JOIN gallery_images g"
                               " ON g.id = CAST (json_extract (c.metadata,"
                               " '$.gallery_image_id') AS BIGINT)"
                               " AND g.image_sha256 = c.image_sha256"
                               " AND g.subject_ref = c.subject_ref"), ==, 2);
  g_assert_cmpint (sql_int (w, "SELECT count(*) FROM candidates WHERE rank = 1"
                               " AND subject_ref = 'hopper'"), ==, 1);
  g_assert_cmpint (lk_test_count_action (w->store, "candidates.searched"), ==, 1);
}

static void
test_search (LkTestFixture *fixture,
             gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  gint64 probe = searchable_world (&w, fixture), list_id;

  /* Sequential unmasking: no search before the analysis is locked. */
  g_assert_cmpint (lk_gallery_search (w.examiner, probe, GALLERY, 5, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_MASKED);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM candidate_lists"), ==, 0);

  lock_analysis (&w, probe);
  list_id = lk_gallery_search (w.examiner, probe, GALLERY, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (list_id, >, 0);
  assert_list_recorded (&w, list_id);

  candidates = lk_candidates_for_probe (w.examiner, probe, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candidates->len, ==, 2);

  /* A search again uses the gallery kept in memory, and records a second list. */
  g_assert_cmpint (lk_gallery_search (w.examiner, probe, GALLERY, 0, &error), >, list_id);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (&w, "SELECT max_candidates FROM candidate_lists ORDER BY id DESC"),
                   ==, 20);
  g_assert_cmpint (lk_gallery_search (w.examiner, probe, GALLERY, 501, &error), ==, 0);
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  world_clear (&w);
}

/* A chosen face recorded without eyes is aligned by its box. (Made with SQL: intake rarely
 * finds a face without its eyes.) */
static void
test_search_face_without_eyes (LkTestFixture *fixture,
                               gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  gint64 probe = searchable_world (&w, fixture), copy;

  lock_analysis (&w, probe);
  lk_test_sql (fixture->db_path,
               "INSERT INTO probes (case_id, image_sha256, file_name, media_type, width, height,"
               " source_type, kind, acquired_by, acquired_at, authority, custody_note, simulated,"
               " metadata, faces, face_index, status, imported_by, imported_at)"
               " SELECT case_id, image_sha256, file_name, media_type, width, height, source_type,"
               " kind, acquired_by, acquired_at, authority, custody_note, simulated, metadata,"
               " json_remove (faces, '$[0].eyes'), 0, 'analysed', imported_by, imported_at"
               " FROM probes");
  copy = sql_int (&w, "SELECT max (id) FROM probes");
  g_assert_cmpint (sql_int (&w, "SELECT json_type (faces, '$[0].eyes') IS NULL FROM probes"
                                " ORDER BY id DESC"), ==, 1);
  g_assert_cmpint (lk_gallery_search (w.examiner, copy, GALLERY, 5, &error), >, 0);
  g_assert_no_error (error);
  event = lk_test_last_event (w.store);
  g_assert_nonnull (strstr (event->details, "\"probe_aligned_by\":\"haar-box\""));
  world_clear (&w);
}

/* The gallery kept in memory follows changes: an image deleted, another enrolled. */
static void
test_search_after_change (LkTestFixture *fixture,
                          gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *more = lk_test_path (fixture, "more/hopper2/cctv.jpg");
  g_autoptr(GBytes) other = cctv_still ("grace_hopper.jpg", -6.0);
  gint64 probe = searchable_world (&w, fixture);
  LkEnrolReport report = { 0 };

  lock_analysis (&w, probe);
  g_assert_cmpint (lk_gallery_search (w.examiner, probe, GALLERY, 5, &error), >, 0);
  delete_collins (fixture);
  lk_test_write_bytes (more, other);
  enrol_ok (&w, lk_test_path (fixture, "more"), &report);
  g_assert_cmpuint (report.enrolled, ==, 1);
  g_assert_cmpint (lk_gallery_search (w.examiner, probe, GALLERY, 5, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM candidates WHERE list_id ="
                                " (SELECT max (id) FROM candidate_lists)"
                                " AND subject_ref IN ('hopper', 'hopper2')"), ==, 2);
  lk_enrol_report_clear (&report);
  world_clear (&w);
}

static void
test_probe_never_enrolled (LkTestFixture *fixture,
                           gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GBytes) still = cctv_still ("astronaut.png", 2.0);
  g_autofree char *dir = lk_test_path (fixture, "gallery");
  g_autofree char *path = g_build_filename (dir, "collins", "still.jpg", NULL);
  LkEnrolReport report = { 0 };

  world_init (&w, fixture);
  import_probe (&w, still);
  lk_test_write_bytes (path, still);
  enrol_ok (&w, dir, &report);
  g_assert_cmpuint (report.enrolled, ==, 0);
  g_assert_true (has_line_with (report.rejected, "collins/still.jpg: ",
                                "probe images are never enrolled"));
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM gallery_images"), ==, 0);
  lk_enrol_report_clear (&report);
  world_clear (&w);
}

static char *
template_bytes_hex (World *w)
{
  return lk_test_sql_text (w->fixture->db_path, lk_test_server () != NULL
                           ? "SELECT encode (substr (vector, 1, 24), 'hex') FROM templates LIMIT 1"
                           : "SELECT hex (substr (vector, 1, 24)) FROM templates LIMIT 1");
}

static char *
template_bytes_base64 (World *w)
{
  g_autofree char *hex = template_bytes_hex (w);
  guint8 raw[24];

  for (int i = 0; i < 24; i++)
    raw[i] = (guint8) ((g_ascii_xdigit_value (hex[2 * i]) << 4) |
                       g_ascii_xdigit_value (hex[2 * i + 1]));
  return g_base64_encode (raw, 18); /* whole groups of three bytes */
}

static void
assert_no_template (const char *text,
                    const char *hex,
                    const char *base64)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  g_autofree char *hex_lower = g_ascii_strdown (hex, -1);

  g_assert_null (strstr (lower, hex_lower));
  g_assert_null (strstr (text, base64));
  g_assert_null (strstr (lower, "vector"));
}

/* Templates never leave: not in the audit export, not in the case's JSON. */
static void
test_templates_never_exported (LkTestFixture *fixture,
                               gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 probe = searchable_world (&w, fixture);
  g_autofree char *hex = template_bytes_hex (&w);
  g_autofree char *base64 = template_bytes_base64 (&w);
  g_autoptr(LkCliRun) audit = NULL;
  g_autoptr(LkCliRun) csv = NULL;
  g_autoptr(LkCliRun) show = NULL;

  lock_analysis (&w, probe);
  g_assert_cmpint (lk_gallery_search (w.examiner, probe, GALLERY, 5, &error), >, 0);
  g_assert_cmpuint (strlen (hex), ==, 48);
  audit = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", ADMIN,
                       "audit", "export", "--format", "jsonl", NULL);
  csv = lk_test_cli (ADMIN_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", ADMIN,
                     "audit", "export", "--format", "csv", NULL);
  show = lk_test_cli (EXAMINER_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user",
                      EXAMINER, "case", "show", CASE_NUMBER, "--json", NULL);
  g_assert_cmpint (audit->status, ==, 0);
  g_assert_cmpint (csv->status, ==, 0);
  g_assert_cmpint (show->status, ==, 0);
  g_assert_nonnull (strstr (audit->out, "gallery.enrolled"));
  g_assert_nonnull (strstr (audit->out, "candidates.searched"));
  assert_no_template (audit->out, hex, base64);
  assert_no_template (csv->out, hex, base64);
  assert_no_template (show->out, hex, base64);
  world_clear (&w);
}

/* ---- evaluation ------------------------------------------------------------------------------ */

static char *
make_probe_folder (LkTestFixture *fixture)
{
  char *dir = lk_test_path (fixture, "probes");
  g_autofree char *hopper = g_build_filename (dir, "hopper", "cctv.jpg", NULL);
  g_autofree char *collins = g_build_filename (dir, "collins", "cctv.jpg", NULL);
  g_autofree char *notes = g_build_filename (dir, "collins", "notes.txt", NULL);
  g_autoptr(GBytes) a = cctv_still ("grace_hopper.jpg", 3.0);
  g_autoptr(GBytes) b = cctv_still ("astronaut.png", -3.0);

  lk_test_write_bytes (hopper, a);
  lk_test_write_bytes (collins, b);
  write_text (notes, "not a probe\n");
  return dir;
}

static void
test_evaluate (LkTestFixture *fixture,
               gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *gallery = NULL;
  g_autofree char *probes = NULL;
  g_autoptr(GError) error = NULL;
  LkEnrolReport report = { 0 };
  double rank1 = -1, rank10 = -1;
  guint n = 0;

  world_init (&w, fixture);
  gallery = make_demo_folder (fixture, "gallery");
  probes = make_probe_folder (fixture);
  enrol_ok (&w, gallery, &report);
  g_assert_true (lk_gallery_evaluate (w.admin, GALLERY, probes, &rank1, &rank10, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (rank1, ==, 1.0);
  g_assert_cmpfloat (rank10, ==, 1.0);

  /* The gallery's own images may not find themselves: with one image per person, nothing
   * is left to find (the face-less gradient counts as a probe and a miss, the text does not
   * count). */
  g_assert_true (lk_gallery_evaluate (w.admin, GALLERY, gallery, &rank1, &rank10, &n, &error));
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat (rank1, ==, 0.0);
  g_assert_cmpfloat (rank10, ==, 0.0);
  g_assert_cmpint (lk_test_count_action (w.store, "gallery.evaluated"), ==, 2);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM candidate_lists"), ==, 0);
  lk_enrol_report_clear (&report);
  world_clear (&w);
}

/* ---- likeness-cli ------------------------------------------------------------------------ */

static LkCliRun *
as_admin (LkTestFixture *fixture,
          const char    *first,
          ...) G_GNUC_NULL_TERMINATED;

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
  g_assert_cmpint (lk_gallery_engine_kind (w.store), ==, LK_ENGINE_CLASSIC);
  g_assert_true (lk_policy_set (w.admin, "embedding_model", text, "trial", &error));
  g_assert_cmpint (lk_gallery_engine_kind (w.store), ==, LK_ENGINE_DNN);
  dir = make_demo_folder (fixture, "gallery");
  g_assert_false (lk_gallery_enrol (w.admin, GALLERY, dir, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "not-a-model.onnx"));
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM gallery_images"), ==, 0);
  lk_enrol_report_clear (&report);
  world_clear (&w);
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

  LK_TEST_ADD ("/likeness/gallery/enrol-report", test_enrol_report);
  LK_TEST_ADD ("/likeness/gallery/enrol-conflict", test_enrol_conflict);
  LK_TEST_ADD ("/likeness/gallery/enrol-csv", test_enrol_csv);
  LK_TEST_ADD ("/likeness/gallery/roles", test_roles);
  LK_TEST_ADD ("/likeness/gallery/external-and-unknown", test_external_and_unknown);
  LK_TEST_ADD ("/likeness/gallery/cancel", test_cancel);
  LK_TEST_ADD ("/likeness/gallery/templates-deleted-with-image",
               test_templates_deleted_with_image);
  LK_TEST_ADD ("/likeness/gallery/templates-never-exported", test_templates_never_exported);
  LK_TEST_ADD ("/likeness/gallery/probe-never-enrolled", test_probe_never_enrolled);
  LK_TEST_ADD ("/likeness/gallery/search", test_search);
  LK_TEST_ADD ("/likeness/gallery/search-face-without-eyes", test_search_face_without_eyes);
  LK_TEST_ADD ("/likeness/gallery/search-after-change", test_search_after_change);
  LK_TEST_ADD ("/likeness/gallery/evaluate", test_evaluate);
  LK_TEST_ADD ("/likeness/gallery/cli", test_cli);
  g_test_add_func ("/likeness/gallery/alignment-rule", test_alignment_rule);
  g_test_add_func ("/likeness/gallery/yunet-template", test_yunet_template);
  LK_TEST_ADD ("/likeness/gallery/yunet-probe-classic-search", test_yunet_probe_classic_search);
  LK_TEST_ADD ("/likeness/gallery/dnn-errors", test_dnn_errors);
  g_test_add_func ("/likeness/gallery/thumbnail", test_thumbnail);
  LK_TEST_ADD ("/likeness/gallery/orl", test_orl);
  return g_test_run ();
}
