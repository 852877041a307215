/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Image pyramids: the levels, made in the calling or a worker thread, and their tiles. */
#include "config.h"

#include <string.h>

#include "lk-pyramid-private.h"
#include "lk-texture.h"

/* Pixel formats are chosen for GTK 4.8's drawing: its cairo renderer converts 3-byte RGB about
 * four times faster than straight RGBA, and premultiplied RGBA twice slower again (measured for
 * 1920 x 1080: 1.0, 4.2 and 9.9 ms). Level 0 keeps the decoder's RGBA as it is; the smaller
 * levels of opaque images are RGB. Images with transparency are premultiplied RGBA throughout,
 * since box averages are only right over premultiplied colour. */

#define SMALLEST_LONG_SIDE 256
#define TILE_OVERLAP 2
/* Levels with fewer pixels than this are halved in one thread. */
#define PARALLEL_MIN_PIXELS (1 << 20)
#define MAX_HALVING_THREADS 4

G_DEFINE_BOXED_TYPE (LkPyramid, lk_pyramid, lk_pyramid_ref, lk_pyramid_unref)

static guint
count_levels (int width,
              int height)
{
  guint n = 1;

  while (MAX (width, height) > SMALLEST_LONG_SIDE)
    {
      width = (width + 1) / 2;
      height = (height + 1) / 2;
      n++;
    }
  return n;
}

/* The rounded average of two 4-byte pixels in one row and the two below them. The channels are
 * summed at once: each 64-bit word holds two pixels, and the mask spreads alternate channels
 * into 16-bit lanes with room for the carry. Works for any order of four 8-bit channels. */
static inline guint32
box_average (guint64 top,
             guint64 bottom)
{
  const guint64 mask = G_GUINT64_CONSTANT (0x00FF00FF00FF00FF);
  guint64 even = (top & mask) + (bottom & mask);
  guint64 odd = ((top >> 8) & mask) + ((bottom >> 8) & mask);
  guint32 e = (guint32) (even & 0xFFFFFFFF) + (guint32) (even >> 32);
  guint32 o = (guint32) (odd & 0xFFFFFFFF) + (guint32) (odd >> 32);

  e = ((e + 0x00020002) >> 2) & 0x00FF00FF;
  o = ((o + 0x00020002) >> 2) & 0x00FF00FF;
  return e | (o << 8);
}

/* 4-byte pixels in, @out_bpp (4, or 3 dropping alpha) out. An odd last column is averaged with
 * itself. */
static void
halve_row_4 (const guint8 *top,
             const guint8 *bottom,
             int           width,
             guint8       *out,
             guint         out_bpp)
{
  int pairs = width / 2;
  guint64 a, b;
  guint32 v;

  for (int x = 0; x < pairs; x++)
    {
      memcpy (&a, top + 8 * x, 8);
      memcpy (&b, bottom + 8 * x, 8);
      v = box_average (a, b);
      if (out_bpp == 4)
        memcpy (out + 4 * x, &v, 4);
      else
        memcpy (out + 3 * x, &v, 3);
    }
  if (width % 2 == 1)
    {
      guint32 ta, tb;

      memcpy (&ta, top + 8 * pairs, 4);
      memcpy (&tb, bottom + 8 * pairs, 4);
      v = box_average (((guint64) ta << 32) | ta, ((guint64) tb << 32) | tb);
      memcpy (out + out_bpp * pairs, &v, out_bpp);
    }
}

static void
halve_row_3 (const guint8 *top,
             const guint8 *bottom,
             int           width,
             guint8       *out)
{
  for (int x = 0; x < (width + 1) / 2; x++)
    {
      int left = 6 * x, right = 3 * MIN (2 * x + 1, width - 1);

      for (int c = 0; c < 3; c++)
        out[3 * x + c] = (top[left + c] + top[right + c] + bottom[left + c] + bottom[right + c]
                          + 2) >> 2;
    }
}

typedef struct
{
  const LkPyramidLevel *src;
  guint8      *dst;
  gsize        dst_stride;
  guint        dst_bpp;
  int          first_row;
  int          end_row;
} HalveJob;

/* An odd last row is averaged with itself. */
static gpointer
halve_rows (gpointer data)
{
  HalveJob *job = data;
  const LkPyramidLevel *src = job->src;

  for (int y = job->first_row; y < job->end_row; y++)
    {
      const guint8 *top = src->data + (gsize) (2 * y) * src->stride;
      const guint8 *bottom = src->data + (gsize) MIN (2 * y + 1, src->height - 1) * src->stride;
      guint8 *out = job->dst + (gsize) y * job->dst_stride;

      if (src->bpp == 4)
        halve_row_4 (top, bottom, src->width, out, job->dst_bpp);
      else
        halve_row_3 (top, bottom, src->width, out);
    }
  return NULL;
}

/* The next level down, in bands of rows on several threads when it is large. */
static guint8 *
halve (const LkPyramidLevel *src,
       guint        dst_bpp,
       int         *width,
       int         *height)
{
  HalveJob jobs[MAX_HALVING_THREADS];
  GThread *threads[MAX_HALVING_THREADS] = { NULL, };
  int w = (src->width + 1) / 2;
  int h = (src->height + 1) / 2;
  guint n = (gsize) w * h >= PARALLEL_MIN_PIXELS
            ? CLAMP (g_get_num_processors (), 1, MAX_HALVING_THREADS) : 1;
  guint8 *dst = g_malloc_n ((gsize) w * dst_bpp, h);

  for (guint i = 0; i < n; i++)
    {
      jobs[i] = (HalveJob) { src, dst, (gsize) w * dst_bpp, dst_bpp, h * i / n, h * (i + 1) / n };
      if (i > 0)
        threads[i] = g_thread_try_new ("lk-pyramid", halve_rows, &jobs[i], NULL);
      if (i > 0 && threads[i] == NULL)
        halve_rows (&jobs[i]);
    }
  halve_rows (&jobs[0]);
  for (guint i = 1; i < n; i++)
    if (threads[i] != NULL)
      g_thread_join (threads[i]);
  *width = w;
  *height = h;
  return dst;
}

static void
level_init (LkPyramidLevel  *level,
            guint8          *data,
            int              width,
            int              height,
            guint            bpp,
            GdkMemoryFormat  format)
{
  level->stride = (gsize) width * bpp;
  level->bytes = g_bytes_new_take (data, level->stride * height);
  level->data = data;
  level->width = width;
  level->height = height;
  level->bpp = bpp;
  level->format = format;
  /* Memory textures are immutable and may be made off the main thread. */
  level->texture = lk_texture_new_for_bytes (width, height, format, level->bytes, level->stride);
}

/* The smaller levels of an opaque pyramid through OpenCV, which halves about twice as fast as
 * the portable code below; FALSE (nothing added) if that failed. */
static gboolean
add_opaque_levels (LkPyramid *self)
{
  const LkPyramidLevel *top = &self->levels[0];
  LkPixels rgba = { top->width, top->height, (int) top->stride, (guint8 *) top->data };
  g_autoptr(GPtrArray) levels = lk_cv_halvings (&rgba, SMALLEST_LONG_SIDE);

  if (levels == NULL || levels->len != self->n_levels - 1)
    return FALSE;
  for (guint k = 1; k < self->n_levels; k++)
    {
      LkPixels *level = g_ptr_array_index (levels, k - 1);

      g_assert (level->stride == level->width * 3);
      level_init (&self->levels[k], g_steal_pointer (&level->pixels), level->width,
                  level->height, 3, GDK_MEMORY_R8G8B8);
    }
  return TRUE;
}

/* Takes @data (RGBA, rows @width * 4 bytes apart, from g_malloc) as level 0; straight alpha
 * when @opaque, otherwise premultiplied. */
static LkPyramid *
pyramid_new_take (guint8   *data,
                  int       width,
                  int       height,
                  gboolean  opaque)
{
  guint n = count_levels (width, height);
  LkPyramid *self = g_malloc0 (sizeof (LkPyramid) + n * sizeof (LkPyramidLevel));
  guint bpp = opaque ? 3 : 4;
  GdkMemoryFormat format = opaque ? GDK_MEMORY_R8G8B8 : GDK_MEMORY_R8G8B8A8_PREMULTIPLIED;

  g_atomic_ref_count_init (&self->ref_count);
  self->opaque = opaque;
  self->n_levels = n;
  level_init (&self->levels[0], data, width, height, 4,
              opaque ? GDK_MEMORY_R8G8B8A8 : GDK_MEMORY_R8G8B8A8_PREMULTIPLIED);
  if (opaque && n > 1 && add_opaque_levels (self))
    return self;
  for (guint k = 1; k < n; k++)
    {
      int w, h;
      guint8 *smaller = halve (&self->levels[k - 1], bpp, &w, &h);

      level_init (&self->levels[k], smaller, w, h, bpp, format);
    }
  return self;
}

LkPyramid *
lk_pyramid_new_from_pixels (const LkPixels *pixels)
{
  gsize stride;
  guint8 *copy;
  gboolean opaque = TRUE;

  g_return_val_if_fail (pixels != NULL, NULL);
  g_return_val_if_fail (pixels->width > 0 && pixels->height > 0, NULL);
  g_return_val_if_fail (pixels->stride >= pixels->width * 4, NULL);

  stride = (gsize) pixels->width * 4;
  copy = g_malloc_n (stride, pixels->height);
  for (int y = 0; y < pixels->height; y++)
    {
      memcpy (copy + (gsize) y * stride, pixels->pixels + (gsize) y * pixels->stride, stride);
      for (gsize i = 3; opaque && i < stride; i += 4)
        opaque = copy[(gsize) y * stride + i] == 255;
    }
  for (gsize i = 0; !opaque && i < stride * pixels->height; i += 4)
    for (int c = 0; c < 3; c++)
      copy[i + c] = (copy[i + c] * copy[i + 3] + 127) / 255;
  return pyramid_new_take (copy, pixels->width, pixels->height, opaque);
}

LkPyramid *
lk_pyramid_new_partial (const LkPixels *pixels,
                        int             width,
                        int             height,
                        guint           level)
{
  g_autoptr(LkPyramid) part = NULL;
  LkPyramid *self;
  guint n;

  g_return_val_if_fail (pixels != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  n = count_levels (width, height);
  g_return_val_if_fail (level < n, NULL);
  self = g_malloc0 (sizeof (LkPyramid) + n * sizeof (LkPyramidLevel));
  g_atomic_ref_count_init (&self->ref_count);
  self->n_levels = n;
  self->first_level = level;
  for (guint k = 0; k < n; k++)
    {
      self->levels[k].width = k == 0 ? width : (self->levels[k - 1].width + 1) / 2;
      self->levels[k].height = k == 0 ? height : (self->levels[k - 1].height + 1) / 2;
    }
  if (pixels->width != self->levels[level].width || pixels->height != self->levels[level].height)
    {
      g_critical ("%s: %d x %d pixels given for a level of %d x %d", G_STRFUNC, pixels->width,
                  pixels->height, self->levels[level].width, self->levels[level].height);
      lk_pyramid_unref (self);
      return NULL;
    }
  /* The given level and those below it, as a pyramid of their own, shared. */
  part = lk_pyramid_new_from_pixels (pixels);
  g_assert (part->n_levels == n - level);
  self->opaque = part->opaque;
  for (guint k = level; k < n; k++)
    {
      self->levels[k] = part->levels[k - level];
      g_bytes_ref (self->levels[k].bytes);
      g_object_ref (self->levels[k].texture);
      self->levels[k].tiles = NULL;
    }
  return self;
}

guint
lk_pyramid_get_first_level (LkPyramid *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->first_level;
}

LkPixels *
lk_pyramid_dup_level (LkPyramid *self,
                      guint      level)
{
  const LkPyramidLevel *l;
  LkPixels *out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (level >= self->first_level && level < self->n_levels, NULL);

  l = &self->levels[level];
  out = lk_pixels_new (l->width, l->height);
  for (int y = 0; y < l->height; y++)
    {
      const guint8 *src = l->data + (gsize) y * l->stride;
      guint8 *dst = out->pixels + (gsize) y * out->stride;

      for (int x = 0; x < l->width; x++, src += l->bpp, dst += 4)
        {
          guint8 alpha = l->bpp == 4 ? src[3] : 255;

          for (int c = 0; c < 3; c++)
            dst[c] = l->format == GDK_MEMORY_R8G8B8A8_PREMULTIPLIED && alpha < 255
                     ? (alpha == 0 ? 0 : MIN (255, (src[c] * 255 + alpha / 2) / alpha))
                     : src[c];
          dst[3] = alpha;
        }
    }
  return out;
}

/* Runs in the worker thread. */
static gpointer
load_pyramid (gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(LkCvImage) image = lk_cv_image_decode (data, error);
  LkPixels *pixels;
  LkPyramid *pyramid;

  if (image == NULL)
    return NULL;
  pixels = lk_cv_image_to_pixels (image, 0);
  /* The decoded copy is not needed any more: give its memory back before the levels. */
  g_clear_pointer (&image, lk_cv_image_free);
  if (pixels == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "Could not convert the image for display");
      return NULL;
    }
  g_assert (pixels->stride == pixels->width * 4);
  /* Decoded images are opaque. */
  pyramid = pyramid_new_take (g_steal_pointer (&pixels->pixels), pixels->width, pixels->height,
                              TRUE);
  lk_pixels_free (pixels);
  return pyramid;
}

void
lk_pyramid_load_async (GBytes              *image_bytes,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (image_bytes != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  lk_task_run (NULL, cancellable, callback, user_data, lk_pyramid_load_async, load_pyramid,
               g_bytes_ref (image_bytes), (GDestroyNotify) g_bytes_unref,
               (GDestroyNotify) lk_pyramid_unref);
}

LkPyramid *
lk_pyramid_load_finish (GAsyncResult  *result,
                        GError       **error)
{
  return lk_task_finish (result, lk_pyramid_load_async, error);
}

LkPyramid *
lk_pyramid_ref (LkPyramid *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
lk_pyramid_unref (LkPyramid *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (guint k = 0; k < self->n_levels; k++)
    {
      g_clear_pointer (&self->levels[k].tiles, g_ptr_array_unref);
      g_clear_object (&self->levels[k].texture);
      g_clear_pointer (&self->levels[k].bytes, g_bytes_unref);
    }
  g_free (self);
}

int
lk_pyramid_get_width (LkPyramid *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->levels[0].width;
}

int
lk_pyramid_get_height (LkPyramid *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->levels[0].height;
}

guint
lk_pyramid_get_n_levels (LkPyramid *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_levels;
}

GdkTexture *
lk_pyramid_get_texture (LkPyramid *self,
                        guint      level)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (level >= self->first_level && level < self->n_levels, NULL);
  return self->levels[level].texture;
}

void
lk_pyramid_get_n_tiles (LkPyramid *self,
                        guint      level,
                        int       *columns,
                        int       *rows)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (level < self->n_levels);

  *columns = (self->levels[level].width + LK_PYRAMID_TILE_SIZE - 1) / LK_PYRAMID_TILE_SIZE;
  *rows = (self->levels[level].height + LK_PYRAMID_TILE_SIZE - 1) / LK_PYRAMID_TILE_SIZE;
}

static void
clear_tile (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

GdkTexture *
lk_pyramid_get_tile (LkPyramid       *self,
                     guint            level,
                     int              column,
                     int              row,
                     graphene_rect_t *bounds)
{
  LkPyramidLevel *l;
  int columns, rows, x, y, w, h;
  GdkTexture **tile;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (level >= self->first_level && level < self->n_levels, NULL);
  lk_pyramid_get_n_tiles (self, level, &columns, &rows);
  g_return_val_if_fail (column >= 0 && column < columns && row >= 0 && row < rows, NULL);

  l = &self->levels[level];
  x = column * LK_PYRAMID_TILE_SIZE;
  y = row * LK_PYRAMID_TILE_SIZE;
  w = MIN (LK_PYRAMID_TILE_SIZE + TILE_OVERLAP, l->width - x);
  h = MIN (LK_PYRAMID_TILE_SIZE + TILE_OVERLAP, l->height - y);
  graphene_rect_init (bounds, x, y, w, h);
  if (columns == 1 && rows == 1)
    return l->texture;
  if (l->tiles == NULL)
    {
      l->tiles = g_ptr_array_new_full (columns * rows, clear_tile);
      g_ptr_array_set_size (l->tiles, columns * rows);
    }
  tile = (GdkTexture **) &g_ptr_array_index (l->tiles, row * columns + column);
  if (*tile == NULL)
    {
      /* A view into the level's memory: no copy. */
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (l->bytes,
                                                       (gsize) y * l->stride + (gsize) x * l->bpp,
                                                       (gsize) (h - 1) * l->stride
                                                       + (gsize) w * l->bpp);

      *tile = lk_texture_new_for_bytes (w, h, l->format, part, l->stride);
    }
  return *tile;
}
