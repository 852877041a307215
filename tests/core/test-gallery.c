/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The built-in engine's galleries: files, enrolment, templates as engine data, evaluation. */
#include "config.h"

#include "lk-test-gallery.h"

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
cancel_at_second (guint       done,
                  guint       total,
                  const char *current,
                  gpointer    data)
{
  if (done == 2)
    g_cancellable_cancel (data);
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

/* Deletes the gallery image of Eileen Collins in SQL, its templates with it (cascade). */
static void
delete_collins (LkTestFixture *fixture)
{
  g_autofree char *sql = g_strconcat (lk_test_foreign_keys (), "DELETE FROM gallery_images"
                                      " WHERE subject_ref = 'collins'", NULL);

  lk_test_sql (fixture->db_path, sql);
}

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

static void
test_search (LkTestFixture *fixture,
             gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) candidates = NULL;
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
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 2);

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
  return g_test_run ();
}
