/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Image pyramids as textures: the core pyramid's levels, and their tiles. */
#include "config.h"

#include "lk-pyramid-private.h"
#include "lk-texture.h"

#define TILE_OVERLAP 2

G_DEFINE_BOXED_TYPE (LkPyramid, lk_pyramid, lk_pyramid_ref, lk_pyramid_unref)

static GdkMemoryFormat
format_of (LkPixelLayout layout)
{
  switch (layout)
    {
    case LK_PIXEL_LAYOUT_RGBA:
      return GDK_MEMORY_R8G8B8A8;
    case LK_PIXEL_LAYOUT_RGBA_PREMULTIPLIED:
      return GDK_MEMORY_R8G8B8A8_PREMULTIPLIED;
    case LK_PIXEL_LAYOUT_RGB:
    default:
      return GDK_MEMORY_R8G8B8;
    }
}

LkPyramid *
lk_pyramid_new_for_image (LkImagePyramid *image)
{
  guint n;
  LkPyramid *self;

  g_return_val_if_fail (image != NULL, NULL);

  n = lk_image_pyramid_get_n_levels (image);
  self = g_malloc0 (sizeof (LkPyramid) + n * sizeof (LkPyramidLevel));
  g_atomic_ref_count_init (&self->ref_count);
  self->image = lk_image_pyramid_ref (image);
  self->opaque = lk_image_pyramid_get_opaque (image);
  self->first_level = lk_image_pyramid_get_first_level (image);
  self->n_levels = n;
  for (guint k = 0; k < n; k++)
    {
      const LkImageLevel *from = lk_image_pyramid_get_level (image, k);
      LkPyramidLevel *level = &self->levels[k];

      level->width = from->width;
      level->height = from->height;
      if (k < self->first_level)
        continue;
      level->bytes = g_bytes_ref (from->bytes);
      level->data = from->data;
      level->stride = from->stride;
      level->bpp = from->bpp;
      level->format = format_of (from->layout);
      /* Memory textures wrap the level's bytes without a copy. */
      level->texture = lk_texture_new_for_bytes (level->width, level->height, level->format,
                                                 level->bytes, level->stride);
    }
  return self;
}

LkImagePyramid *
lk_pyramid_get_image (LkPyramid *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->image;
}

LkPyramid *
lk_pyramid_new_from_pixels (const LkPixels *pixels)
{
  g_autoptr(LkImagePyramid) image = lk_image_pyramid_new_from_pixels (pixels);

  return image != NULL ? lk_pyramid_new_for_image (image) : NULL;
}

LkPyramid *
lk_pyramid_new_partial (const LkPixels *pixels,
                        int             width,
                        int             height,
                        guint           level)
{
  g_autoptr(LkImagePyramid) image = lk_image_pyramid_new_partial (pixels, width, height, level);

  return image != NULL ? lk_pyramid_new_for_image (image) : NULL;
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
  g_return_val_if_fail (self != NULL, NULL);
  return lk_image_pyramid_dup_level (self->image, level);
}

static void
on_image_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(LkImagePyramid) image = lk_image_pyramid_load_finish (result, &error);

  if (image == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, lk_pyramid_new_for_image (image),
                           (GDestroyNotify) lk_pyramid_unref);
}

void
lk_pyramid_load_async (GBytes              *image_bytes,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (image_bytes != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_pyramid_load_async);
  lk_image_pyramid_load_async (image_bytes, cancellable, on_image_loaded, task);
}

LkPyramid *
lk_pyramid_load_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lk_pyramid_load_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
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
  g_clear_pointer (&self->image, lk_image_pyramid_unref);
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
