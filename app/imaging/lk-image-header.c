/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reads the format and the dimensions of an image from its first bytes. Every read is checked
 * against the length first: this code sees untrusted files before any decoder does. */
#include "config.h"

#include <string.h>

#include "lk-error.h"
#include "imaging/lk-image-header.h"

#define UNSUPPORTED_MESSAGE \
  "Unsupported image format: Likeness reads JPEG, PNG, TIFF, BMP, WebP and Netpbm (PGM, PPM)"

typedef struct
{
  const guint8 *data;
  gsize         length;
  gboolean      big_endian; /* TIFF only */
} Reader;

/* TRUE when @n bytes from @offset are inside the data; overflow-safe. */
static gboolean
has (const Reader *r,
     guint64       offset,
     guint64       n)
{
  return offset <= r->length && n <= r->length - offset;
}

static guint16
be16 (const Reader *r,
      gsize         offset)
{
  return (guint16) ((r->data[offset] << 8) | r->data[offset + 1]);
}

static guint16
le16 (const Reader *r,
      gsize         offset)
{
  return (guint16) (r->data[offset] | (r->data[offset + 1] << 8));
}

static guint32
be32 (const Reader *r,
      gsize         offset)
{
  return ((guint32) be16 (r, offset) << 16) | be16 (r, offset + 2);
}

static guint32
le32 (const Reader *r,
      gsize         offset)
{
  return ((guint32) le16 (r, offset + 2) << 16) | le16 (r, offset);
}

static guint16
tiff16 (const Reader *r,
        gsize         offset)
{
  return r->big_endian ? be16 (r, offset) : le16 (r, offset);
}

static guint32
tiff32 (const Reader *r,
        gsize         offset)
{
  return r->big_endian ? be32 (r, offset) : le32 (r, offset);
}

static guint64
tiff64 (const Reader *r,
        gsize         offset)
{
  guint64 a = tiff32 (r, offset);
  guint64 b = tiff32 (r, offset + 4);

  return r->big_endian ? (a << 32) | b : (b << 32) | a;
}

static gboolean
starts_with (const Reader *r,
             gsize         offset,
             const char   *magic,
             gsize         n)
{
  return has (r, offset, n) && memcmp (r->data + offset, magic, n) == 0;
}

static gboolean
fail (GError    **error,
      const char *message)
{
  g_set_error_literal (error, LK_ERROR, LK_ERROR_IMAGE, message);
  return FALSE;
}

static gboolean
truncated (GError    **error,
           const char *format_name)
{
  g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "The %s header is truncated", format_name);
  return FALSE;
}

static gboolean
damaged (GError    **error,
         const char *format_name)
{
  g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "The %s header is damaged or inconsistent",
               format_name);
  return FALSE;
}

static gboolean
set_size (LkImageHeader  *header,
          const char     *media_type,
          const char     *format_name,
          guint32         width,
          guint32         height,
          GError        **error)
{
  if (width == 0 || height == 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_IMAGE,
                   "The %s header declares a zero width or height", format_name);
      return FALSE;
    }
  header->media_type = media_type;
  header->width = width;
  header->height = height;
  return TRUE;
}

/* ---- JPEG ----------------------------------------------------------------------------------- */

/* SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range. */
static gboolean
is_start_of_frame (guint8 marker)
{
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

static gboolean
is_standalone (guint8 marker)
{
  return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);
}

static gboolean
read_jpeg_frame (const Reader   *r,
                 gsize           p,
                 guint16         segment_length,
                 LkImageHeader  *header,
                 GError        **error)
{
  /* length (2), precision (1), height (2), width (2), components (1) */
  if (segment_length < 8)
    return damaged (error, "JPEG");
  if (!has (r, p, segment_length))
    return truncated (error, "JPEG");
  return set_size (header, "image/jpeg", "JPEG", be16 (r, p + 5), be16 (r, p + 3), error);
}

static gboolean
read_jpeg (const Reader   *r,
           LkImageHeader  *header,
           GError        **error)
{
  gsize p = 2;

  /* Every pass moves p forward, so the walk ends within length steps. */
  for (;;)
    {
      guint8 marker;
      guint16 segment_length;

      if (!has (r, p, 1))
        return truncated (error, "JPEG");
      if (r->data[p] != 0xFF)
        return damaged (error, "JPEG");
      while (has (r, p, 1) && r->data[p] == 0xFF)
        p++;
      if (!has (r, p, 1))
        return truncated (error, "JPEG");
      marker = r->data[p++];
      if (is_standalone (marker))
        continue;
      if (marker == 0x00 || marker == 0xD8 || marker == 0xD9 || marker == 0xDA)
        return fail (error, "The JPEG file has no frame header before its image data");
      if (!has (r, p, 2))
        return truncated (error, "JPEG");
      segment_length = be16 (r, p);
      if (segment_length < 2)
        return damaged (error, "JPEG");
      if (is_start_of_frame (marker))
        return read_jpeg_frame (r, p, segment_length, header, error);
      p += segment_length;
    }
}

/* ---- PNG ------------------------------------------------------------------------------------ */

static gboolean
read_png (const Reader   *r,
          LkImageHeader  *header,
          GError        **error)
{
  guint32 width;
  guint32 height;

  /* signature (8), IHDR length (4) and type (4), then 13 bytes of IHDR data */
  if (!has (r, 0, 8 + 8 + 13))
    return truncated (error, "PNG");
  if (be32 (r, 8) != 13 || !starts_with (r, 12, "IHDR", 4))
    return damaged (error, "PNG");
  width = be32 (r, 16);
  height = be32 (r, 20);
  if (width > G_MAXINT32 || height > G_MAXINT32)
    return damaged (error, "PNG");
  return set_size (header, "image/png", "PNG", width, height, error);
}

/* ---- TIFF ----------------------------------------------------------------------------------- */

#define TIFF_SHORT 3
#define TIFF_LONG 4
#define TIFF_LONG8 16

typedef struct
{
  gboolean big;         /* BigTIFF: 8-byte counts and offsets */
  gsize    entry_size;  /* 12 or 20 */
  gsize    count_size;  /* 2 or 8 */
} TiffLayout;

/* A tag's value when it is a single SHORT, LONG (or LONG8 in BigTIFF); 0 otherwise. */
static guint64
tiff_entry_value (const Reader     *r,
                  const TiffLayout *layout,
                  gsize             entry)
{
  guint16 type = tiff16 (r, entry + 2);
  guint64 count = layout->big ? tiff64 (r, entry + 4) : tiff32 (r, entry + 4);
  gsize value = entry + (layout->big ? 12 : 8);

  if (count != 1)
    return 0;
  if (type == TIFF_SHORT)
    return tiff16 (r, value);
  if (type == TIFF_LONG)
    return tiff32 (r, value);
  if (type == TIFF_LONG8 && layout->big)
    return tiff64 (r, value);
  return 0;
}

static gboolean
read_tiff_ifd (const Reader     *r,
               const TiffLayout *layout,
               guint64           ifd,
               LkImageHeader    *header,
               GError          **error)
{
  guint64 n_entries;
  guint64 width = 0;
  guint64 height = 0;

  if (ifd < 8)
    return damaged (error, "TIFF");
  if (!has (r, ifd, layout->count_size))
    return truncated (error, "TIFF");
  n_entries = layout->big ? tiff64 (r, ifd) : tiff16 (r, ifd);
  if (n_entries > G_MAXUINT32 || !has (r, ifd + layout->count_size, n_entries * layout->entry_size))
    return truncated (error, "TIFF");

  for (guint64 i = 0; i < n_entries; i++)
    {
      gsize entry = ifd + layout->count_size + i * layout->entry_size;
      guint16 tag = tiff16 (r, entry);

      if (tag == 256)
        width = tiff_entry_value (r, layout, entry);
      else if (tag == 257)
        height = tiff_entry_value (r, layout, entry);
    }
  if (width > G_MAXUINT32 || height > G_MAXUINT32)
    return damaged (error, "TIFF");
  if (width == 0 || height == 0)
    return fail (error, "The TIFF header gives no image width or height");
  return set_size (header, "image/tiff", "TIFF", (guint32) width, (guint32) height, error);
}

static gboolean
read_tiff (Reader         *r,
           LkImageHeader  *header,
           GError        **error)
{
  TiffLayout classic = { FALSE, 12, 2 };
  TiffLayout big = { TRUE, 20, 8 };
  guint16 version;

  r->big_endian = r->data[0] == 'M';
  if (!has (r, 0, 8))
    return truncated (error, "TIFF");
  version = tiff16 (r, 2);
  if (version == 42)
    return read_tiff_ifd (r, &classic, tiff32 (r, 4), header, error);
  if (version != 43)
    return damaged (error, "TIFF");
  /* BigTIFF: byte size of offsets (8), a zero, then the first IFD's 8-byte offset */
  if (!has (r, 0, 16))
    return truncated (error, "TIFF");
  if (tiff16 (r, 4) != 8 || tiff16 (r, 6) != 0)
    return damaged (error, "TIFF");
  return read_tiff_ifd (r, &big, tiff64 (r, 8), header, error);
}

/* ---- BMP ------------------------------------------------------------------------------------ */

static gboolean
read_bmp (const Reader   *r,
          LkImageHeader  *header,
          GError        **error)
{
  guint32 info_size;
  gint32 width;
  gint32 height;

  /* file header (14), then the info header starting with its own size */
  if (!has (r, 0, 18))
    return truncated (error, "BMP");
  info_size = le32 (r, 14);
  if (info_size == 12)
    {
      /* BITMAPCOREHEADER: unsigned 16-bit width and height */
      if (!has (r, 14, 12))
        return truncated (error, "BMP");
      return set_size (header, "image/bmp", "BMP", le16 (r, 18), le16 (r, 20), error);
    }
  if (info_size < 16 || info_size > 4096)
    return damaged (error, "BMP");
  if (!has (r, 14, 16))
    return truncated (error, "BMP");
  width = (gint32) le32 (r, 18);
  height = (gint32) le32 (r, 22);
  /* A negative height means rows stored top-down; a negative width means nothing valid. */
  if (width < 0 || height == G_MININT32)
    return damaged (error, "BMP");
  return set_size (header, "image/bmp", "BMP", (guint32) width, (guint32) ABS (height), error);
}

/* ---- Netpbm (face data sets such as ORL ship PGM) ------------------------------------------ */

/* The next decimal field of a Netpbm header after white space and "#" comments. Each field
 * ends with white space; FALSE when the header stops first, when the field is not a number or
 * when it does not fit. */
static gboolean
pnm_field (const Reader *r,
           gsize        *pos,
           guint32      *value)
{
  guint64 v = 0;
  gsize digits = 0;

  while (*pos < r->length && (g_ascii_isspace (r->data[*pos]) || r->data[*pos] == '#'))
    if (r->data[(*pos)++] == '#')
      while (*pos < r->length && r->data[*pos] != '\n' && r->data[*pos] != '\r')
        (*pos)++;
  while (*pos < r->length && g_ascii_isdigit (r->data[*pos]) && v <= G_MAXUINT32)
    {
      v = v * 10 + (guint64) (r->data[(*pos)++] - '0');
      digits++;
    }
  *value = (guint32) v;
  return digits > 0 && v <= G_MAXUINT32 && *pos < r->length && g_ascii_isspace (r->data[*pos]);
}

static gboolean
is_pnm (const Reader *r)
{
  return has (r, 0, 3) && r->data[0] == 'P' && r->data[1] >= '1' && r->data[1] <= '6' &&
         g_ascii_isspace (r->data[2]);
}

static gboolean
read_pnm (const Reader   *r,
          LkImageHeader  *header,
          GError        **error)
{
  static const char * const media_types[] = {
    "image/x-portable-bitmap", "image/x-portable-graymap", "image/x-portable-pixmap",
  };
  int kind = (r->data[1] - '1') % 3; /* P1/P4 bitmap, P2/P5 grey, P3/P6 colour */
  gsize pos = 2;
  guint32 width, height, maxval = 1;

  if (!pnm_field (r, &pos, &width) || !pnm_field (r, &pos, &height) ||
      (kind > 0 && !pnm_field (r, &pos, &maxval)))
    return pos >= r->length ? truncated (error, "Netpbm") : damaged (error, "Netpbm");
  if (maxval == 0 || maxval > 65535)
    return damaged (error, "Netpbm");
  return set_size (header, media_types[kind], "Netpbm", width, height, error);
}

/* ---- WebP ----------------------------------------------------------------------------------- */

static gboolean
read_webp_lossy (const Reader   *r,
                 guint32         chunk_size,
                 LkImageHeader  *header,
                 GError        **error)
{
  /* frame tag (3), start code 9D 01 2A (3), then 14-bit width and height */
  if (chunk_size < 10)
    return damaged (error, "WebP");
  if (!has (r, 20, 10))
    return truncated (error, "WebP");
  if ((r->data[20] & 1) != 0 || !starts_with (r, 23, "\x9d\x01\x2a", 3))
    return damaged (error, "WebP");
  return set_size (header, "image/webp", "WebP", le16 (r, 26) & 0x3FFF, le16 (r, 28) & 0x3FFF,
                   error);
}

static gboolean
read_webp_lossless (const Reader   *r,
                    guint32         chunk_size,
                    LkImageHeader  *header,
                    GError        **error)
{
  guint32 bits;

  /* signature 0x2F, then width - 1 and height - 1 in 14 bits each */
  if (chunk_size < 5)
    return damaged (error, "WebP");
  if (!has (r, 20, 5))
    return truncated (error, "WebP");
  if (r->data[20] != 0x2F)
    return damaged (error, "WebP");
  bits = le32 (r, 21);
  return set_size (header, "image/webp", "WebP", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1,
                   error);
}

static gboolean
read_webp_extended (const Reader   *r,
                    guint32         chunk_size,
                    LkImageHeader  *header,
                    GError        **error)
{
  guint32 width;
  guint32 height;

  /* flags (1), reserved (3), canvas width - 1 and height - 1 in 24 bits each */
  if (chunk_size < 10)
    return damaged (error, "WebP");
  if (!has (r, 20, 10))
    return truncated (error, "WebP");
  width = (r->data[24] | (r->data[25] << 8) | ((guint32) r->data[26] << 16)) + 1;
  height = (r->data[27] | (r->data[28] << 8) | ((guint32) r->data[29] << 16)) + 1;
  return set_size (header, "image/webp", "WebP", width, height, error);
}

static gboolean
read_webp (const Reader   *r,
           LkImageHeader  *header,
           GError        **error)
{
  guint32 chunk_size;

  /* "RIFF", file size, "WEBP", then the first chunk's type and size */
  if (!has (r, 0, 20))
    return truncated (error, "WebP");
  if (le32 (r, 4) < 12)
    return damaged (error, "WebP");
  chunk_size = le32 (r, 16);
  if (starts_with (r, 12, "VP8 ", 4))
    return read_webp_lossy (r, chunk_size, header, error);
  if (starts_with (r, 12, "VP8L", 4))
    return read_webp_lossless (r, chunk_size, header, error);
  if (starts_with (r, 12, "VP8X", 4))
    return read_webp_extended (r, chunk_size, header, error);
  return damaged (error, "WebP");
}

static gboolean
is_tiff (const Reader *r)
{
  return starts_with (r, 0, "II*\0", 4) || starts_with (r, 0, "MM\0*", 4)
         || starts_with (r, 0, "II+\0", 4) || starts_with (r, 0, "MM\0+", 4);
}

/* ---- entry point ---------------------------------------------------------------------------- */

gboolean
lk_image_header_read (const guint8   *data,
                      gsize           length,
                      LkImageHeader  *header,
                      GError        **error)
{
  Reader reader = { data, length, FALSE };

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (header, 0, sizeof *header);
  if (length == 0)
    return fail (error, "The image file is empty");
  if (starts_with (&reader, 0, "\xff\xd8", 2))
    return read_jpeg (&reader, header, error);
  if (starts_with (&reader, 0, "\x89PNG\r\n\x1a\n", 8))
    return read_png (&reader, header, error);
  if (is_tiff (&reader))
    return read_tiff (&reader, header, error);
  if (starts_with (&reader, 0, "BM", 2))
    return read_bmp (&reader, header, error);
  if (starts_with (&reader, 0, "RIFF", 4) && starts_with (&reader, 8, "WEBP", 4))
    return read_webp (&reader, header, error);
  if (is_pnm (&reader))
    return read_pnm (&reader, header, error);
  return fail (error, UNSUPPORTED_MESSAGE);
}
