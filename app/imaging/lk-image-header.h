/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Format and dimensions from the first bytes of a file, before any decoder sees it, so that a
 * decompression bomb is refused without being decoded. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *media_type; /* static string: image/jpeg, image/png, image/tiff, image/bmp,
                             image/webp */
  guint32     width;
  guint32     height;
} LkImageHeader;

/* Fails with LK_ERROR_IMAGE for an unknown format, a truncated or inconsistent header, or zero
 * dimensions; the message says which. */
gboolean lk_image_header_read (const guint8   *data,
                               gsize           length,
                               LkImageHeader  *header,
                               GError        **error);

G_END_DECLS
