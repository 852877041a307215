/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-test-gallery.h"

void
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

void
world_clear (World *w)
{
  g_clear_object (&w->examiner);
  g_clear_object (&w->admin);
  g_clear_object (&w->store);
}

char *
demo_path (const char *name)
{
  return g_build_filename (g_getenv ("LIKENESS_SOURCE_DIR"), "data", "demo", name, NULL);
}

void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  lk_test_write_bytes (path, bytes);
}

void
copy_demo (const char *demo,
           const char *path)
{
  g_autofree char *source = demo_path (demo);
  g_autoptr(GBytes) bytes = lk_test_read_bytes (source);

  lk_test_write_bytes (path, bytes);
}

/* A simulated CCTV still of a demo portrait: another image of the same person. */
GBytes *
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
char *
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

gint64
sql_int (World      *w,
         const char *sql)
{
  return lk_test_sql_int (w->fixture->db_path, sql);
}

void
enrol_ok (World         *w,
          const char    *source,
          LkEnrolReport *report)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_gallery_enrol (w->admin, GALLERY, source, NULL, NULL, NULL, report, &error));
  g_assert_no_error (error);
}

gint64
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

void
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
gint64
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

char *
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

