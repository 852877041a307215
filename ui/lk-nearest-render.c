/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Nearest-neighbour rendering on the CPU, for zoom levels at which each original pixel is a
 * visible square (GTK 4.8 has no nearest filter for scaled textures). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lk-nearest-render.h"
#include "lk-pyramid-private.h"
#include "lk-texture.h"

/* Moved 30 % towards black over light pixels, towards white over dark ones; premultiplied (or
 * opaque) RGBA. */
static inline guint32
grid_shade (guint32 pixel)
{
  guint8 c[4];
  gboolean light;

  memcpy (c, &pixel, 4);
  light = (c[0] * 54 + c[1] * 183 + c[2] * 19) >> 8 > c[3] / 2;
  for (int i = 0; i < 3; i++)
    c[i] = (c[i] * 179 + (light ? 0 : c[3] * 77)) >> 8;
  memcpy (&pixel, c, 4);
  return pixel;
}

/* The source column or row under each output pixel's centre (-1 outside the image), and
 * whether it starts a new original pixel; returns whether all fall inside. */
static gboolean
nearest_lookup (double    scale,
                double    offset,
                int       n,
                int       limit,
                gint32   *index,
                gboolean *starts)
{
  double previous = floor (scale * -0.5 + offset);
  gboolean inside = TRUE;

  for (int i = 0; i < n; i++)
    {
      double u = floor (scale * (i + 0.5) + offset);

      index[i] = u >= 0 && u < limit ? (gint32) u : -1;
      inside = inside && index[i] >= 0;
      starts[i] = u != previous;
      previous = u;
    }
  return inside;
}

/* The common case, without rotation: lookups per column and per row. Writes 4-byte pixels
 * @out_bpp apart, so 3-byte output needs one byte to spare at the end. */
static void
nearest_axis_aligned (const LkPyramidLevel *src,
                      const cairo_matrix_t *m,
                      guint8               *out,
                      guint                 out_bpp,
                      int                   width,
                      int                   height,
                      const gint32         *columns,
                      const gboolean       *column_starts,
                      gboolean              grid)
{
  g_autofree gint32 *rows = g_new (gint32, height);
  g_autofree gboolean *row_starts = g_new (gboolean, height);

  nearest_lookup (m->yy, m->y0, height, src->height, rows, row_starts);
  for (int y = 0; y < height; y++)
    {
      guint8 *dst = out + (gsize) y * width * out_bpp;
      const guint32 *row = (const guint32 *) (src->data + (gsize) MAX (rows[y], 0) * src->stride);

      for (int x = 0; x < width; x++)
        {
          guint32 pixel = rows[y] >= 0 && columns[x] >= 0 ? row[columns[x]] : 0;

          if (grid && pixel != 0 && (row_starts[y] || column_starts[x]))
            pixel = grid_shade (pixel);
          memcpy (dst + (gsize) x * out_bpp, &pixel, 4);
        }
    }
}

static inline gboolean
same_source_pixel (double u1,
                   double v1,
                   double u2,
                   double v2)
{
  return floor (u1) == floor (u2) && floor (v1) == floor (v2);
}

/* Any affine mapping, rotation included; 4-byte output. */
static void
nearest_general (const LkPyramidLevel *src,
                 const cairo_matrix_t *m,
                 guint32              *out,
                 int                   width,
                 int                   height,
                 gboolean              grid)
{
  for (int y = 0; y < height; y++)
    {
      double u = m->xx * 0.5 + m->xy * (y + 0.5) + m->x0;
      double v = m->yx * 0.5 + m->yy * (y + 0.5) + m->y0;
      guint32 *dst = out + (gsize) y * width;

      for (int x = 0; x < width; x++, u += m->xx, v += m->yx)
        {
          double fu = floor (u), fv = floor (v);

          if (fu < 0 || fu >= src->width || fv < 0 || fv >= src->height)
            {
              dst[x] = 0;
              continue;
            }
          dst[x] = ((const guint32 *) (src->data + (gsize) fv * src->stride))[(gsize) fu];
          if (grid && (!same_source_pixel (u, v, u - m->xx, v - m->yx) ||
                       !same_source_pixel (u, v, u - m->xy, v - m->yy)))
            dst[x] = grid_shade (dst[x]);
        }
    }
}

GdkTexture *
lk_pyramid_render_nearest (LkPyramid            *self,
                           const cairo_matrix_t *device_to_image,
                           int                   width,
                           int                   height,
                           gboolean              grid)
{
  const LkPyramidLevel *src;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree gint32 *columns = NULL;
  g_autofree gboolean *column_starts = NULL;
  gboolean axis_aligned, inside = FALSE;
  guint out_bpp = 4;
  gsize size;
  guint8 *out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->first_level == 0, NULL);
  g_return_val_if_fail (device_to_image != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  src = &self->levels[0];
  axis_aligned = device_to_image->xy == 0 && device_to_image->yx == 0;
  if (axis_aligned)
    {
      columns = g_new (gint32, width);
      column_starts = g_new (gboolean, width);
      inside = nearest_lookup (device_to_image->xx, device_to_image->x0, width, src->width,
                               columns, column_starts) &&
               floor (device_to_image->y0 + 0.5 * device_to_image->yy) >= 0 &&
               floor (device_to_image->y0 + (height - 0.5) * device_to_image->yy) < src->height &&
               device_to_image->yy > 0;
    }
  /* Opaque and wholly inside: RGB, the cheapest for GTK to draw. */
  if (self->opaque && inside)
    out_bpp = 3;
  size = (gsize) width * out_bpp * height;
  out = g_malloc (size + 1);
  if (axis_aligned)
    nearest_axis_aligned (src, device_to_image, out, out_bpp, width, height, columns,
                          column_starts, grid);
  else
    nearest_general (src, device_to_image, (guint32 *) out, width, height, grid);
  bytes = g_bytes_new_take (out, size + 1);
  return lk_texture_new_for_bytes (width, height, out_bpp == 3 ? GDK_MEMORY_R8G8B8 : src->format,
                                   bytes, (gsize) width * out_bpp);
}
