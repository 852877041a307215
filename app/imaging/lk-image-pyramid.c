/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Image pyramids without a toolkit: the levels, made in the calling or a worker thread. */
#include "config.h"

#include <string.h>

#include "imaging/lk-image-pyramid.h"

/* Pixel layouts are chosen for GTK 4.8's drawing: its cairo renderer converts 3-byte RGB about
 * four times faster than straight RGBA, and premultiplied RGBA twice slower again (measured for
 * 1920 x 1080: 1.0, 4.2 and 9.9 ms). Level 0 keeps the decoder's RGBA as it is; the smaller
 * levels of opaque images are RGB. Images with transparency are premultiplied RGBA throughout,
 * since box averages are only right over premultiplied colour. */

struct _LkImagePyramid
{
  gatomicrefcount ref_count;
  gboolean        opaque;
  guint           first_level;  /* levels above it have sizes only */
  guint           n_levels;
  LkImageLevel    levels[];
};

#define SMALLEST_LONG_SIDE 256
/* Levels with fewer pixels than this are halved in one thread. */
#define PARALLEL_MIN_PIXELS (1 << 20)
#define MAX_HALVING_THREADS 4

G_DEFINE_BOXED_TYPE (LkImagePyramid, lk_image_pyramid, lk_image_pyramid_ref,
                     lk_image_pyramid_unref)

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
  const LkImageLevel *src;
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
  const LkImageLevel *src = job->src;

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
halve (const LkImageLevel *src,
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
        threads[i] = g_thread_try_new ("lk-image-pyramid", halve_rows, &jobs[i], NULL);
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
level_init (LkImageLevel  *level,
            guint8        *data,
            int            width,
            int            height,
            guint          bpp,
            LkPixelLayout  layout)
{
  level->stride = (gsize) width * bpp;
  level->bytes = g_bytes_new_take (data, level->stride * height);
  level->data = data;
  level->width = width;
  level->height = height;
  level->bpp = bpp;
  level->layout = layout;
}

/* The smaller levels of an opaque pyramid through OpenCV, which halves about twice as fast as
 * the portable code above; FALSE (nothing added) if that failed. */
static gboolean
add_opaque_levels (LkImagePyramid *self)
{
  const LkImageLevel *top = &self->levels[0];
  LkPixels rgba = { top->width, top->height, (int) top->stride, (guint8 *) top->data };
  g_autoptr(GPtrArray) levels = lk_cv_halvings (&rgba, SMALLEST_LONG_SIDE);

  if (levels == NULL || levels->len != self->n_levels - 1)
    return FALSE;
  for (guint k = 1; k < self->n_levels; k++)
    {
      LkPixels *level = g_ptr_array_index (levels, k - 1);

      g_assert (level->stride == level->width * 3);
      level_init (&self->levels[k], g_steal_pointer (&level->pixels), level->width,
                  level->height, 3, LK_PIXEL_LAYOUT_RGB);
    }
  return TRUE;
}

static LkImagePyramid *
pyramid_alloc (guint n)
{
  LkImagePyramid *self = g_malloc0 (sizeof (LkImagePyramid) + n * sizeof (LkImageLevel));

  g_atomic_ref_count_init (&self->ref_count);
  self->n_levels = n;
  return self;
}

/* Takes @data (RGBA, rows @width * 4 bytes apart, from g_malloc) as level 0; straight alpha
 * when @opaque, otherwise premultiplied. */
static LkImagePyramid *
pyramid_new_take (guint8   *data,
                  int       width,
                  int       height,
                  gboolean  opaque)
{
  guint n = count_levels (width, height);
  LkImagePyramid *self = pyramid_alloc (n);
  guint bpp = opaque ? 3 : 4;
  LkPixelLayout layout = opaque ? LK_PIXEL_LAYOUT_RGB : LK_PIXEL_LAYOUT_RGBA_PREMULTIPLIED;

  self->opaque = opaque;
  level_init (&self->levels[0], data, width, height, 4,
              opaque ? LK_PIXEL_LAYOUT_RGBA : LK_PIXEL_LAYOUT_RGBA_PREMULTIPLIED);
  if (opaque && n > 1 && add_opaque_levels (self))
    return self;
  for (guint k = 1; k < n; k++)
    {
      int w, h;
      guint8 *smaller = halve (&self->levels[k - 1], bpp, &w, &h);

      level_init (&self->levels[k], smaller, w, h, bpp, layout);
    }
  return self;
}

LkImagePyramid *
lk_image_pyramid_new_from_pixels (const LkPixels *pixels)
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

LkImagePyramid *
lk_image_pyramid_new_take_opaque (LkPixels *pixels)
{
  LkImagePyramid *self;

  g_return_val_if_fail (pixels != NULL && pixels->pixels != NULL, NULL);
  g_return_val_if_fail (pixels->stride == pixels->width * 4, NULL);

  self = pyramid_new_take (g_steal_pointer (&pixels->pixels), pixels->width, pixels->height,
                           TRUE);
  lk_pixels_free (pixels);
  return self;
}

LkImagePyramid *
lk_image_pyramid_new_partial (const LkPixels *pixels,
                              int             width,
                              int             height,
                              guint           level)
{
  g_autoptr(LkImagePyramid) part = NULL;
  LkImagePyramid *self;
  guint n;

  g_return_val_if_fail (pixels != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  n = count_levels (width, height);
  g_return_val_if_fail (level < n, NULL);
  self = pyramid_alloc (n);
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
      lk_image_pyramid_unref (self);
      return NULL;
    }
  /* The given level and those below it, as a pyramid of their own, shared. */
  part = lk_image_pyramid_new_from_pixels (pixels);
  g_assert (part->n_levels == n - level);
  self->opaque = part->opaque;
  for (guint k = level; k < n; k++)
    {
      self->levels[k] = part->levels[k - level];
      g_bytes_ref (self->levels[k].bytes);
    }
  return self;
}

LkImagePyramid *
lk_image_pyramid_ref (LkImagePyramid *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
lk_image_pyramid_unref (LkImagePyramid *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (guint k = 0; k < self->n_levels; k++)
    g_clear_pointer (&self->levels[k].bytes, g_bytes_unref);
  g_free (self);
}

int
lk_image_pyramid_get_width (LkImagePyramid *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->levels[0].width;
}

int
lk_image_pyramid_get_height (LkImagePyramid *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->levels[0].height;
}

guint
lk_image_pyramid_get_n_levels (LkImagePyramid *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_levels;
}

guint
lk_image_pyramid_get_first_level (LkImagePyramid *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->first_level;
}

gboolean
lk_image_pyramid_get_opaque (LkImagePyramid *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->opaque;
}

const LkImageLevel *
lk_image_pyramid_get_level (LkImagePyramid *self,
                            guint           level)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (level < self->n_levels, NULL);
  return &self->levels[level];
}

LkPixels *
lk_image_pyramid_dup_level (LkImagePyramid *self,
                            guint           level)
{
  const LkImageLevel *l;
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
            dst[c] = l->layout == LK_PIXEL_LAYOUT_RGBA_PREMULTIPLIED && alpha < 255
                     ? (alpha == 0 ? 0 : MIN (255, (src[c] * 255 + alpha / 2) / alpha))
                     : src[c];
          dst[3] = alpha;
        }
    }
  return out;
}

gboolean
lk_image_pyramid_peek_original (LkImagePyramid *self,
                                LkPixels       *pixels)
{
  const LkImageLevel *top;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (pixels != NULL, FALSE);

  top = &self->levels[0];
  if (self->first_level != 0 || top->layout != LK_PIXEL_LAYOUT_RGBA)
    return FALSE;
  *pixels = (LkPixels) { top->width, top->height, (int) top->stride, (guint8 *) top->data };
  return TRUE;
}
