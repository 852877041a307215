/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The report of a case with 20 candidates and 3 examinations: seconds, pages per second and peak
 * memory, against cairo alone drawing the same images (decoded and painted as often as the
 * plates paint them) and the same amount of text on the same number of PDF pages, without any
 * layout logic. Target ratio: at most 1.5. */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <sys/resource.h>

#include "lk-core.h"
#include "lk-test-casework.h"
#include "lk-test-util.h"

#define ROUNDS 3

static void
metric (const char *name,
        double      value,
        const char *unit,
        double      baseline,
        double      target)
{
  g_print ("metric: %s value=%.4g unit=%s baseline=%.4g ratio=%.3f target=%.1f\n", name, value,
           unit, baseline, baseline > 0 ? value / baseline : 0, target);
}

static double
peak_megabytes (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/* One examination's images: the two decoded once, then painted as often as the plates paint
 * them (side by side, overlay, annotations and the reviewer's copies: 8 times). */
static void
paint_examination (cairo_t *cr)
{
  const char *names[] = { "grace_hopper.jpg", "astronaut.png" };
  cairo_surface_t *images[2];
  LkPixels *pixels[2];

  for (int i = 0; i < 2; i++)
    {
      g_autofree char *file = lk_test_demo_path (names[i]);
      g_autoptr(GBytes) bytes = lk_test_read_bytes (file);

      pixels[i] = lk_cv_decode (bytes, 0, NULL);
      images[i] = cairo_image_surface_create_for_data (pixels[i]->pixels, CAIRO_FORMAT_ARGB32,
                                                       pixels[i]->width, pixels[i]->height,
                                                       pixels[i]->stride);
    }
  for (int i = 0; i < 8; i++)
    {
      cairo_save (cr);
      cairo_translate (cr, 40 + (i % 2) * 260, 40 + (i / 2) * 180);
      cairo_scale (cr, 0.3, 0.3);
      cairo_set_source_surface (cr, images[i % 2], 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
    }
  for (int i = 0; i < 2; i++)
    {
      cairo_surface_finish (images[i]);
      cairo_surface_destroy (images[i]);
      lk_pixels_free (pixels[i]);
    }
}

/* The baseline: each examination's images on a page of their own, and the text of the case
 * record in lines, on @pages pages. */
static void
cairo_alone (const char *path,
             const char *text,
             int         pages,
             int         examinations)
{
  cairo_surface_t *pdf = cairo_pdf_surface_create (path, 595.276, 841.89);
  cairo_t *cr = cairo_create (pdf);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n_lines = g_strv_length (lines), line = 0;
  guint per_page = n_lines / pages + 1;

  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 8);
  for (int page = 0; page < pages; page++)
    {
      if (page < examinations)
        paint_examination (cr);
      for (guint i = 0; i < per_page && line < n_lines; i++, line++)
        {
          cairo_move_to (cr, 40, 60 + i * 10 % 760);
          cairo_show_text (cr, lines[line]);
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  cairo_surface_destroy (pdf);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *folder = g_dir_make_tmp ("likeness-bench-report-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (folder, "bench.db", NULL);
  g_autofree char *report = g_build_filename (folder, "report.pdf", NULL);
  g_autofree char *plain = g_build_filename (folder, "cairo.pdf", NULL);
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  LkTestCase c = { 0 };
  LkReportOptions options = { LK_PAPER_A4, FALSE };
  double report_s = G_MAXDOUBLE, cairo_s = G_MAXDOUBLE, peak_report, peak_both;
  int pages = 0;

  g_test_init (&argc, &argv, NULL);
  lk_test_case_build (&c, db, folder, 20, 3, TRUE);
  record = lk_cases_to_json (c.examiner, c.number, NULL);
  node = json_node_init_object (json_node_alloc (), record);
  text = json_to_string (node, TRUE);
  for (int round = 0; round < ROUNDS; round++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GError) error = NULL;

      if (!lk_report_write (c.examiner, c.number, report, &options, NULL, NULL, NULL, &pages,
                            &error))
        g_error ("The report failed: %s", error->message);
      report_s = MIN (report_s, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
    }
  peak_report = peak_megabytes ();
  for (int round = 0; round < ROUNDS; round++)
    {
      gint64 start = g_get_monotonic_time ();

      cairo_alone (plain, text, pages, 3);
      cairo_s = MIN (cairo_s, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
    }
  peak_both = peak_megabytes ();
  g_print ("report of a case with 20 candidates and 3 examinations: %d pages\n", pages);
  metric ("report-seconds", report_s, "s", cairo_s, 1.5);
  metric ("report-pages-per-second", pages / report_s, "pages/s", pages / cairo_s, 0);
  g_print ("metric: report-peak-memory value=%.1f unit=MB (peak resident size of the process "
           "after the reports; %.1f MB after the baseline too)\n", peak_report, peak_both);
  lk_test_case_clear (&c);
  g_unlink (report);
  g_unlink (plain);
  return 0;
}
