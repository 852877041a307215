/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small faces in a large photograph: twelve ORL faces (LIKENESS_SHARED_DATA; skips without),
 * scaled to about 24 pixels between the eyes, placed at known places on a 6000 x 4000 picture
 * made of the astronaut demo portrait, are each found by the default (Haar) face finder, with
 * the astronaut's own large face. */
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <stdlib.h>

#include "lk-test-util.h"
#include "imaging/lk-cv.h"

#define WIDTH 6000
#define HEIGHT 4000
#define N_FACES 12
/* ORL faces have about 35 pixels between the eyes at 92 x 112 (measured on these twelve). */
#define SCALE 0.68

typedef struct
{
  double x, y, width, height; /* where the ORL image landed, canvas pixels */
} Placed;

static char *
orl_path (guint person)
{
  const char *shared = g_getenv ("LIKENESS_SHARED_DATA");
  g_autofree char *folder = g_strdup_printf ("s%u", person);

  if (shared == NULL || *shared == '\0')
    return NULL;
  return g_build_filename (shared, "data", "faces", "orl", folder, "1.pgm", NULL);
}

static cairo_surface_t *
surface_from_pixels (const LkPixels *p)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, p->width, p->height);
  guint8 *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);

  cairo_surface_flush (s);
  for (int y = 0; y < p->height; y++)
    for (int x = 0; x < p->width; x++)
      {
        const guint8 *in = p->pixels + y * p->stride + 4 * x;
        guint32 *out = (guint32 *) (data + y * stride) + x;

        *out = (guint32) in[0] << 16 | (guint32) in[1] << 8 | in[2];
      }
  cairo_surface_mark_dirty (s);
  return s;
}

/* The ORL image scaled by SCALE with its edges stretched a quarter of its size outwards on
 * every side (a face cut close needs some surroundings, as in a photograph). */
static void
place_face (cairo_t    *cr,
            const char *path,
            double      x,
            double      y,
            Placed     *placed)
{
  g_autoptr(GBytes) bytes = lk_test_read_bytes (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkPixels) pixels = lk_cv_decode (bytes, 0, &error);
  cairo_surface_t *face;
  cairo_pattern_t *pattern;
  cairo_matrix_t m;

  g_assert_no_error (error);
  face = surface_from_pixels (pixels);
  pattern = cairo_pattern_create_for_surface (face);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  cairo_matrix_init_scale (&m, 1 / SCALE, 1 / SCALE);
  cairo_matrix_translate (&m, -x, -y);
  cairo_pattern_set_matrix (pattern, &m);
  cairo_set_source (cr, pattern);
  cairo_rectangle (cr, x - pixels->width * SCALE / 4, y - pixels->height * SCALE / 4,
                   pixels->width * SCALE * 1.5, pixels->height * SCALE * 1.5);
  cairo_fill (cr);
  cairo_pattern_destroy (pattern);
  cairo_surface_destroy (face);
  *placed = (Placed) { x, y, pixels->width * SCALE, pixels->height * SCALE };
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The picture as PNG bytes, with where each face went. */
static GBytes *
make_picture (Placed *placed)
{
  g_autofree char *astronaut = lk_test_demo_path ("astronaut.png");
  cairo_surface_t *background = cairo_image_surface_create_from_png (astronaut);
  cairo_surface_t *canvas = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (canvas);
  GByteArray *png = g_byte_array_new ();

  g_assert_cmpint (cairo_surface_status (background), ==, CAIRO_STATUS_SUCCESS);
  /* The portrait fills the height at the left, undistorted; the rest is grey. */
  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  cairo_paint (cr);
  cairo_save (cr);
  cairo_scale (cr, (double) HEIGHT / cairo_image_surface_get_height (background),
               (double) HEIGHT / cairo_image_surface_get_height (background));
  cairo_set_source_surface (cr, background, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  for (guint i = 0; i < N_FACES; i++)
    {
      g_autofree char *path = orl_path (3 * (i + 1));

      place_face (cr, path, 200 + (i % 6) * 950, i < 6 ? 2400 : 3300, &placed[i]);
    }
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (canvas, append_to_array, png), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (canvas);
  cairo_surface_destroy (background);
  return g_byte_array_free_to_bytes (png);
}

/* The face found whose box holds the placed face's centre, of a size that fits it. */
static const LkFace *
face_at (GArray       *faces,
         const Placed *p)
{
  double cx = p->x + p->width / 2, cy = p->y + p->height / 2;

  for (guint i = 0; i < faces->len; i++)
    {
      const LkFace *f = &g_array_index (faces, LkFace, i);

      if (cx >= f->x && cx < f->x + f->width && cy >= f->y && cy < f->y + f->height &&
          f->width > p->width / 3 && f->width < p->width * 2)
        return f;
    }
  return NULL;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
test_small_faces_in_large_photograph (void)
{
  g_autofree char *first = orl_path (3);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(LkCvImage) image = NULL;
  g_autoptr(GArray) faces = NULL;
  g_autoptr(GError) error = NULL;
  LkDetectorConfig config = { NULL, NULL };
  Placed placed[N_FACES];
  double distances[N_FACES];
  guint n_eyes = 0;

  if (first == NULL || !g_file_test (first, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("The ORL faces are not available: set LIKENESS_SHARED_DATA to the folder "
                   "holding data/faces/orl");
      return;
    }
  png = make_picture (placed);
  image = lk_cv_image_decode (png, &error);
  g_assert_no_error (error);
  faces = lk_cv_image_find_faces (image, &config, &error);
  g_assert_no_error (error);
  g_test_message ("%u faces found", faces->len);
  for (guint i = 0; i < N_FACES; i++)
    {
      const LkFace *f = face_at (faces, &placed[i]);

      g_test_message ("face %u at %.0f, %.0f: %s", i, placed[i].x, placed[i].y,
                      f != NULL ? "found" : "missed");
      g_assert_nonnull (f);
      if (f->has_eyes)
        distances[n_eyes++] = hypot (f->eye_b.x - f->eye_a.x, f->eye_b.y - f->eye_a.y);
    }
  /* The astronaut's face too, much larger, is the first (largest first). */
  g_assert_cmpuint (faces->len, >=, N_FACES + 1);
  g_assert_cmpint (g_array_index (faces, LkFace, 0).width, >, 600);
  /* And the faces are as small as meant: about 24 pixels between the eyes (the median, as the
   * eye search may place one eye of a small face a few pixels off). */
  g_assert_cmpuint (n_eyes, >=, N_FACES / 2);
  for (guint i = 0; i < n_eyes; i++)
    g_test_message ("eyes %.1f pixels apart", distances[i]);
  qsort (distances, n_eyes, sizeof (double), compare_doubles);
  g_assert_cmpfloat (distances[n_eyes / 2], >, 21);
  g_assert_cmpfloat (distances[n_eyes / 2], <, 27);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/likeness/faces/small-in-large-photograph",
                   test_small_faces_in_large_photograph);
  return g_test_run ();
}
