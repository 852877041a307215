/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The header reader sees untrusted files before any decoder: every format, truncations,
 * inconsistent fields, and random damage. */
#include "config.h"

#include <cairo.h>
#include <string.h>

#include "lk-error.h"
#include "imaging/lk-image-header.h"

/* ---- building headers byte by byte ----------------------------------------------------------- */

static void
put (GByteArray *b,
     const void *data,
     gsize       n)
{
  g_byte_array_append (b, data, (guint) n);
}

static void
put8 (GByteArray *b,
      guint       v)
{
  guint8 byte = (guint8) v;

  put (b, &byte, 1);
}

static void
put_be16 (GByteArray *b,
          guint       v)
{
  put8 (b, v >> 8);
  put8 (b, v);
}

static void
put_le16 (GByteArray *b,
          guint       v)
{
  put8 (b, v);
  put8 (b, v >> 8);
}

static void
put_be32 (GByteArray *b,
          guint32     v)
{
  put_be16 (b, v >> 16);
  put_be16 (b, v & 0xFFFF);
}

static void
put_le32 (GByteArray *b,
          guint32     v)
{
  put_le16 (b, v & 0xFFFF);
  put_le16 (b, v >> 16);
}

/* Reads @b as a file of exactly its length (a fresh allocation, so that an over-read would be
 * a read past the end of a heap block). */
static gboolean
read_header (GByteArray     *b,
             gsize           length,
             LkImageHeader  *header,
             GError        **error)
{
  g_autofree guint8 *copy = g_memdup2 (b->data, length);

  g_assert_cmpuint (length, <=, b->len);
  return lk_image_header_read (copy, length, header, error);
}

static void
assert_header (GByteArray *b,
               const char *media_type,
               guint32     width,
               guint32     height)
{
  g_autoptr(GError) error = NULL;
  LkImageHeader header;

  g_assert_true (read_header (b, b->len, &header, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (header.media_type, ==, media_type);
  g_assert_cmpuint (header.width, ==, width);
  g_assert_cmpuint (header.height, ==, height);
}

static void
assert_refused (GByteArray *b,
                gsize       length,
                const char *message_part)
{
  g_autoptr(GError) error = NULL;
  LkImageHeader header;

  g_assert_false (read_header (b, length, &header, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_IMAGE);
  if (strstr (error->message, message_part) == NULL)
    g_error ("Expected \"%s\" in \"%s\"", message_part, error->message);
}

/* ---- JPEG ------------------------------------------------------------------------------------ */

static void
put_jpeg_segment (GByteArray *b,
                  guint       marker,
                  gsize       n_payload)
{
  put8 (b, 0xFF);
  put8 (b, marker);
  put_be16 (b, (guint) n_payload + 2);
  for (gsize i = 0; i < n_payload; i++)
    put8 (b, 0x5A);
}

static void
put_jpeg_frame (GByteArray *b,
                guint       marker,
                guint       width,
                guint       height)
{
  put8 (b, 0xFF);
  put8 (b, marker);
  put_be16 (b, 17);
  put8 (b, 8);
  put_be16 (b, height);
  put_be16 (b, width);
  put8 (b, 3);
  for (int i = 1; i <= 3; i++)
    {
      put8 (b, i);
      put8 (b, i == 1 ? 0x22 : 0x11);
      put8 (b, i == 1 ? 0 : 1);
    }
}

/* SOI, APP0 (JFIF), a quantisation table, a Huffman table, a restart marker, fill bytes, then
 * the frame header and the start of scan. */
static GByteArray *
make_jpeg (guint marker,
           guint width,
           guint height)
{
  GByteArray *b = g_byte_array_new ();

  put8 (b, 0xFF);
  put8 (b, 0xD8);
  put8 (b, 0xFF);
  put8 (b, 0xE0);
  put_be16 (b, 16);
  put (b, "JFIF\0\1\1\0\0\1\0\1\0\0", 14);
  put_jpeg_segment (b, 0xDB, 65);
  /* A DHT whose bytes would read as a 23130 x 23130 frame if it were taken for one. */
  put_jpeg_segment (b, 0xC4, 30);
  put8 (b, 0xFF);
  put8 (b, 0xFF);
  put_jpeg_frame (b, marker, width, height);
  put_jpeg_segment (b, 0xDA, 10);
  return b;
}

static void
test_jpeg (void)
{
  g_autoptr(GByteArray) baseline = make_jpeg (0xC0, 512, 600);
  g_autoptr(GByteArray) progressive = make_jpeg (0xC2, 6000, 4000);
  g_autoptr(GByteArray) lossless = make_jpeg (0xC3, 65535, 1);

  assert_header (baseline, "image/jpeg", 512, 600);
  assert_header (progressive, "image/jpeg", 6000, 4000);
  assert_header (lossless, "image/jpeg", 65535, 1);
}

static void
test_jpeg_demo_file (void)
{
  const char *source = g_getenv ("LIKENESS_SOURCE_DIR");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) b = NULL;
  gsize length = 0;

  g_assert_nonnull (source);
  path = g_build_filename (source, "data", "demo", "grace_hopper.jpg", NULL);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  b = g_byte_array_new ();
  put (b, contents, length);
  assert_header (b, "image/jpeg", 512, 600);
}

static void
test_jpeg_refused (void)
{
  g_autoptr(GByteArray) good = make_jpeg (0xC0, 512, 600);
  g_autoptr(GByteArray) zero = make_jpeg (0xC0, 512, 0);
  g_autoptr(GByteArray) no_frame = g_byte_array_new ();
  g_autoptr(GByteArray) short_frame = g_byte_array_new ();
  g_autoptr(GByteArray) garbage = g_byte_array_new ();

  /* cut inside APP0, inside the frame header */
  assert_refused (good, 2, "JPEG header is truncated");
  assert_refused (good, 10, "JPEG header is truncated");
  assert_refused (good, good->len - 12 - 5, "JPEG header is truncated");
  assert_refused (zero, zero->len, "zero width or height");

  put (no_frame, "\xff\xd8", 2);
  put_jpeg_segment (no_frame, 0xDA, 4);
  assert_refused (no_frame, no_frame->len, "no frame header");

  put (short_frame, "\xff\xd8\xff\xc0\x00\x05\x08\x02\x58", 9);
  assert_refused (short_frame, short_frame->len, "JPEG header is damaged");

  put (garbage, "\xff\xd8\xff\xe0\x00\x04\x00\x00" "abc", 11);
  assert_refused (garbage, garbage->len, "JPEG header is damaged");
}

/* ---- PNG ------------------------------------------------------------------------------------- */

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GByteArray *
make_png_with_cairo (int width,
                     int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  GByteArray *b = g_byte_array_new ();

  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_to_array, b), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return b;
}

/* Signature and IHDR only: what a decompression bomb looks like at the start. */
static GByteArray *
make_png_header (guint32 width,
                 guint32 height)
{
  GByteArray *b = g_byte_array_new ();

  put (b, "\x89PNG\r\n\x1a\n", 8);
  put_be32 (b, 13);
  put (b, "IHDR", 4);
  put_be32 (b, width);
  put_be32 (b, height);
  put (b, "\x08\x02\x00\x00\x00", 5);
  put_be32 (b, 0); /* CRC, not checked here */
  return b;
}

static void
test_png (void)
{
  g_autoptr(GByteArray) drawn = make_png_with_cairo (64, 48);
  g_autoptr(GByteArray) bomb = make_png_header (30000, 30000);

  assert_header (drawn, "image/png", 64, 48);
  /* Read without allocating anything like 30000 x 30000 pixels: the caller refuses it. */
  assert_header (bomb, "image/png", 30000, 30000);
}

static void
test_png_refused (void)
{
  g_autoptr(GByteArray) good = make_png_header (640, 480);
  g_autoptr(GByteArray) zero = make_png_header (0, 480);
  g_autoptr(GByteArray) huge = make_png_header (0x80000000u, 1);
  g_autoptr(GByteArray) wrong_chunk = make_png_header (640, 480);

  assert_refused (good, 8, "PNG header is truncated");
  assert_refused (good, 28, "PNG header is truncated");
  assert_refused (zero, zero->len, "zero width or height");
  assert_refused (huge, huge->len, "PNG header is damaged");
  memcpy (wrong_chunk->data + 12, "IDAT", 4);
  assert_refused (wrong_chunk, wrong_chunk->len, "PNG header is damaged");
}

/* ---- TIFF ------------------------------------------------------------------------------------ */

static void
put_tiff16 (GByteArray *b,
            gboolean    big_endian,
            guint       v)
{
  if (big_endian)
    put_be16 (b, v);
  else
    put_le16 (b, v);
}

static void
put_tiff32 (GByteArray *b,
            gboolean    big_endian,
            guint32     v)
{
  if (big_endian)
    put_be32 (b, v);
  else
    put_le32 (b, v);
}

/* A SHORT value sits in the first two bytes of the four-byte value field. */
static void
put_tiff_entry (GByteArray *b,
                gboolean    big_endian,
                guint       tag,
                guint       type,
                guint32     value)
{
  put_tiff16 (b, big_endian, tag);
  put_tiff16 (b, big_endian, type);
  put_tiff32 (b, big_endian, 1);
  if (type == 3)
    {
      put_tiff16 (b, big_endian, value);
      put_tiff16 (b, big_endian, 0);
    }
  else
    put_tiff32 (b, big_endian, value);
}

/* Header, 8 bytes of padding, then an IFD at offset 16 with an unrelated tag first. */
static GByteArray *
make_tiff (gboolean big_endian,
           guint    width_type,
           guint32  width,
           guint    height_type,
           guint32  height)
{
  GByteArray *b = g_byte_array_new ();

  put (b, big_endian ? "MM\0*" : "II*\0", 4);
  put_tiff32 (b, big_endian, 16);
  put (b, "padding!", 8);
  put_tiff16 (b, big_endian, 3);
  put_tiff_entry (b, big_endian, 254, 4, 0);
  put_tiff_entry (b, big_endian, 256, width_type, width);
  put_tiff_entry (b, big_endian, 257, height_type, height);
  put_tiff32 (b, big_endian, 0);
  return b;
}

static GByteArray *
make_bigtiff (guint32 width,
              guint32 height)
{
  GByteArray *b = g_byte_array_new ();

  put (b, "II+\0", 4);
  put_le16 (b, 8);
  put_le16 (b, 0);
  put_le32 (b, 16);
  put_le32 (b, 0);
  put_le32 (b, 2);
  put_le32 (b, 0);
  for (guint tag = 256; tag <= 257; tag++)
    {
      put_le16 (b, tag);
      put_le16 (b, 16); /* LONG8 */
      put_le32 (b, 1);
      put_le32 (b, 0);
      put_le32 (b, tag == 256 ? width : height);
      put_le32 (b, 0);
    }
  return b;
}

static void
test_tiff (void)
{
  g_autoptr(GByteArray) little = make_tiff (FALSE, 3, 640, 4, 480);
  g_autoptr(GByteArray) big = make_tiff (TRUE, 4, 70000, 3, 65535);
  g_autoptr(GByteArray) bigtiff = make_bigtiff (1024, 768);

  assert_header (little, "image/tiff", 640, 480);
  assert_header (big, "image/tiff", 70000, 65535);
  assert_header (bigtiff, "image/tiff", 1024, 768);
}

static void
test_tiff_refused (void)
{
  g_autoptr(GByteArray) good = make_tiff (FALSE, 3, 640, 4, 480);
  g_autoptr(GByteArray) far_ifd = make_tiff (TRUE, 3, 640, 3, 480);
  g_autoptr(GByteArray) inside_header = make_tiff (FALSE, 3, 640, 3, 480);
  g_autoptr(GByteArray) ascii_width = make_tiff (FALSE, 2, 640, 3, 480);
  g_autoptr(GByteArray) version = make_tiff (FALSE, 3, 640, 3, 480);
  g_autoptr(GByteArray) offset_size = make_bigtiff (64, 64);

  assert_refused (good, 6, "TIFF header is truncated");
  /* the IFD lies beyond the end, or its entries do */
  assert_refused (good, 17, "TIFF header is truncated");
  assert_refused (good, good->len - 10, "TIFF header is truncated");
  far_ifd->data[4] = 0x7F;
  assert_refused (far_ifd, far_ifd->len, "TIFF header is truncated");
  inside_header->data[4] = 2;
  assert_refused (inside_header, inside_header->len, "TIFF header is damaged");
  assert_refused (ascii_width, ascii_width->len, "no image width or height");
  version->data[2] = 41;
  assert_refused (version, version->len, "Unsupported image format");
  offset_size->data[4] = 4;
  assert_refused (offset_size, offset_size->len, "TIFF header is damaged");
}

/* ---- BMP ------------------------------------------------------------------------------------- */

static GByteArray *
make_bmp (guint32 info_size,
          gint32  width,
          gint32  height)
{
  GByteArray *b = g_byte_array_new ();

  put (b, "BM", 2);
  put_le32 (b, 1000);
  put_le32 (b, 0);
  put_le32 (b, 14 + info_size);
  put_le32 (b, info_size);
  if (info_size == 12)
    {
      put_le16 (b, (guint) width);
      put_le16 (b, (guint) height);
      put_le16 (b, 1);
      put_le16 (b, 24);
      return b;
    }
  put_le32 (b, (guint32) width);
  put_le32 (b, (guint32) height);
  put_le16 (b, 1);
  put_le16 (b, 24);
  while (b->len < 14 + info_size)
    put8 (b, 0);
  return b;
}

static void
test_bmp (void)
{
  g_autoptr(GByteArray) info = make_bmp (40, 640, 480);
  g_autoptr(GByteArray) top_down = make_bmp (40, 640, -480);
  g_autoptr(GByteArray) v5 = make_bmp (124, 33, 17);
  g_autoptr(GByteArray) core = make_bmp (12, 320, 200);

  assert_header (info, "image/bmp", 640, 480);
  assert_header (top_down, "image/bmp", 640, 480);
  assert_header (v5, "image/bmp", 33, 17);
  assert_header (core, "image/bmp", 320, 200);
}

static void
test_bmp_refused (void)
{
  g_autoptr(GByteArray) good = make_bmp (40, 640, 480);
  g_autoptr(GByteArray) core = make_bmp (12, 320, 200);
  g_autoptr(GByteArray) negative_width = make_bmp (40, -640, 480);
  g_autoptr(GByteArray) min_height = make_bmp (40, 640, G_MININT32);
  g_autoptr(GByteArray) zero = make_bmp (40, 640, 0);
  g_autoptr(GByteArray) odd_size = make_bmp (40, 640, 480);

  assert_refused (good, 16, "BMP header is truncated");
  assert_refused (good, 25, "BMP header is truncated");
  assert_refused (core, 22, "BMP header is truncated");
  assert_refused (negative_width, negative_width->len, "BMP header is damaged");
  assert_refused (min_height, min_height->len, "BMP header is damaged");
  assert_refused (zero, zero->len, "zero width or height");
  odd_size->data[14] = 7;
  assert_refused (odd_size, odd_size->len, "BMP header is damaged");
}

/* ---- WebP ------------------------------------------------------------------------------------ */

static GByteArray *
start_webp (const char *chunk,
            guint32     chunk_size)
{
  GByteArray *b = g_byte_array_new ();

  put (b, "RIFF", 4);
  put_le32 (b, 4 + 8 + chunk_size);
  put (b, "WEBP", 4);
  put (b, chunk, 4);
  put_le32 (b, chunk_size);
  return b;
}

static GByteArray *
make_webp_lossy (guint width,
                 guint height)
{
  GByteArray *b = start_webp ("VP8 ", 10);

  put (b, "\x50\x02\x00\x9d\x01\x2a", 6); /* key frame tag, start code */
  put_le16 (b, width);
  put_le16 (b, height);
  return b;
}

static GByteArray *
make_webp_lossless (guint width,
                    guint height)
{
  GByteArray *b = start_webp ("VP8L", 5);

  put8 (b, 0x2F);
  put_le32 (b, (width - 1) | ((height - 1) << 14));
  return b;
}

static GByteArray *
make_webp_extended (guint32 width,
                    guint32 height)
{
  GByteArray *b = start_webp ("VP8X", 10);

  put_le32 (b, 0x10);
  put8 (b, (width - 1) & 0xFF);
  put8 (b, ((width - 1) >> 8) & 0xFF);
  put8 (b, (width - 1) >> 16);
  put8 (b, (height - 1) & 0xFF);
  put8 (b, ((height - 1) >> 8) & 0xFF);
  put8 (b, (height - 1) >> 16);
  return b;
}

static void
test_webp (void)
{
  g_autoptr(GByteArray) lossy = make_webp_lossy (640, 480);
  g_autoptr(GByteArray) scaled = make_webp_lossy (640 | 0x4000, 480 | 0xC000);
  g_autoptr(GByteArray) lossless = make_webp_lossless (16383, 1);
  g_autoptr(GByteArray) extended = make_webp_extended (1 << 24, 3);

  assert_header (lossy, "image/webp", 640, 480);
  /* the top two bits of each field are a scaling hint, not size */
  assert_header (scaled, "image/webp", 640, 480);
  assert_header (lossless, "image/webp", 16383, 1);
  assert_header (extended, "image/webp", 1 << 24, 3);
}

static void
test_webp_refused (void)
{
  g_autoptr(GByteArray) lossy = make_webp_lossy (640, 480);
  g_autoptr(GByteArray) zero = make_webp_lossy (0, 480);
  g_autoptr(GByteArray) not_key = make_webp_lossy (640, 480);
  g_autoptr(GByteArray) lossless = make_webp_lossless (64, 64);
  g_autoptr(GByteArray) small_chunk = make_webp_extended (64, 64);
  g_autoptr(GByteArray) unknown = start_webp ("ALPH", 4);

  assert_refused (lossy, 11, "Unsupported image format");
  assert_refused (lossy, 12, "WebP header is truncated");
  assert_refused (lossy, 19, "WebP header is truncated");
  assert_refused (lossy, 28, "WebP header is truncated");
  assert_refused (zero, zero->len, "zero width or height");
  not_key->data[20] |= 1;
  assert_refused (not_key, not_key->len, "WebP header is damaged");
  lossless->data[20] = 0x2E;
  assert_refused (lossless, lossless->len, "WebP header is damaged");
  small_chunk->data[16] = 4;
  assert_refused (small_chunk, small_chunk->len, "WebP header is damaged");
  put_le32 (unknown, 0);
  assert_refused (unknown, unknown->len, "WebP header is damaged");
}

/* ---- Netpbm ---------------------------------------------------------------------------------- */

static GByteArray *
make_pnm (const char *text)
{
  GByteArray *b = g_byte_array_new ();

  put (b, text, strlen (text));
  put (b, "\x80\x80\x80\x80", 4);
  return b;
}

static void
test_pnm (void)
{
  g_autoptr(GByteArray) pgm = make_pnm ("P5\n92 112\n255\n");
  g_autoptr(GByteArray) commented =
    make_pnm ("P6\n# made by a scanner\n640 # wide\n480\n65535\n");
  g_autoptr(GByteArray) bitmap = make_pnm ("P4 16 8\n");
  g_autoptr(GByteArray) ascii = make_pnm ("P2\n3 2\n15\n");
  g_autoptr(GByteArray) no_maxval = make_pnm ("P5\n92 112\n0\n");
  g_autoptr(GByteArray) letters = make_pnm ("P5\n92x112\n255\n");
  g_autoptr(GByteArray) huge = make_pnm ("P5\n99999999999 2\n255\n");
  g_autoptr(GByteArray) zero = make_pnm ("P5\n0 112\n255\n");

  assert_header (pgm, "image/x-portable-graymap", 92, 112);
  assert_header (commented, "image/x-portable-pixmap", 640, 480);
  assert_header (bitmap, "image/x-portable-bitmap", 16, 8);
  assert_header (ascii, "image/x-portable-graymap", 3, 2);
  assert_refused (pgm, 8, "Netpbm header is truncated");
  assert_refused (pgm, 13, "Netpbm header is truncated");
  assert_refused (no_maxval, no_maxval->len, "Netpbm header is damaged");
  assert_refused (letters, letters->len, "Netpbm header is damaged");
  assert_refused (huge, huge->len, "Netpbm header is damaged");
  assert_refused (zero, zero->len, "zero width or height");
}

/* ---- anything else --------------------------------------------------------------------------- */

static void
test_not_images (void)
{
  g_autoptr(GByteArray) text = g_byte_array_new ();
  g_autoptr(GByteArray) gif = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  LkImageHeader header;

  put (text, "Hello, this is a text file named probe.jpg\n", 43);
  assert_refused (text, text->len, "Unsupported image format: Likeness reads JPEG, PNG, TIFF, "
                  "BMP, WebP and Netpbm (PGM, PPM)");
  put (gif, "GIF89a\x40\x00\x30\x00", 10);
  assert_refused (gif, gif->len, "Unsupported image format");
  assert_refused (text, 1, "Unsupported image format");

  g_assert_false (lk_image_header_read (NULL, 0, &header, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_IMAGE);
  g_assert_cmpstr (error->message, ==, "The image file is empty");
}

/* ---- robustness ------------------------------------------------------------------------------ */

static GPtrArray *
all_samples (void)
{
  GPtrArray *samples = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);

  g_ptr_array_add (samples, make_jpeg (0xC0, 512, 600));
  g_ptr_array_add (samples, make_png_with_cairo (5, 7));
  g_ptr_array_add (samples, make_tiff (FALSE, 3, 640, 4, 480));
  g_ptr_array_add (samples, make_tiff (TRUE, 4, 640, 3, 480));
  g_ptr_array_add (samples, make_bigtiff (64, 64));
  g_ptr_array_add (samples, make_bmp (40, 640, -480));
  g_ptr_array_add (samples, make_bmp (12, 320, 200));
  g_ptr_array_add (samples, make_webp_lossy (640, 480));
  g_ptr_array_add (samples, make_webp_lossless (64, 64));
  g_ptr_array_add (samples, make_webp_extended (64, 64));
  g_ptr_array_add (samples, make_pnm ("P5\n# comment\n92 112\n255\n"));
  return samples;
}

/* Either a header with both dimensions, or an error; never both, never neither. */
static void
check_outcome (GByteArray *b,
               gsize       length)
{
  g_autoptr(GError) error = NULL;
  LkImageHeader header;
  gboolean ok = read_header (b, length, &header, &error);

  if (ok)
    {
      g_assert_no_error (error);
      g_assert_nonnull (header.media_type);
      g_assert_cmpuint (header.width, >, 0);
      g_assert_cmpuint (header.height, >, 0);
    }
  else
    {
      g_assert_error (error, LK_ERROR, LK_ERROR_IMAGE);
    }
}

static void
test_every_truncation (void)
{
  g_autoptr(GPtrArray) samples = all_samples ();

  for (guint i = 0; i < samples->len; i++)
    {
      GByteArray *b = g_ptr_array_index (samples, i);

      for (gsize length = 0; length <= b->len; length++)
        check_outcome (b, length);
    }
}

static void
test_random_damage (void)
{
  g_autoptr(GPtrArray) samples = all_samples ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240229);

  for (guint round = 0; round < 20000; round++)
    {
      GByteArray *sample = g_ptr_array_index (samples, round % samples->len);
      g_autoptr(GByteArray) b = g_byte_array_new ();
      guint n_changes = g_rand_int_range (rand, 1, 6);

      put (b, sample->data, sample->len);
      for (guint c = 0; c < n_changes; c++)
        {
          gint32 at = g_rand_int_range (rand, 0, (gint32) b->len);

          b->data[at] = (guint8) g_rand_int_range (rand, 0, 256);
        }
      check_outcome (b, g_rand_int_range (rand, 0, (gint32) b->len + 1));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/likeness/image-header/jpeg", test_jpeg);
  g_test_add_func ("/likeness/image-header/jpeg-demo-file", test_jpeg_demo_file);
  g_test_add_func ("/likeness/image-header/jpeg-refused", test_jpeg_refused);
  g_test_add_func ("/likeness/image-header/png", test_png);
  g_test_add_func ("/likeness/image-header/png-refused", test_png_refused);
  g_test_add_func ("/likeness/image-header/tiff", test_tiff);
  g_test_add_func ("/likeness/image-header/tiff-refused", test_tiff_refused);
  g_test_add_func ("/likeness/image-header/bmp", test_bmp);
  g_test_add_func ("/likeness/image-header/bmp-refused", test_bmp_refused);
  g_test_add_func ("/likeness/image-header/webp", test_webp);
  g_test_add_func ("/likeness/image-header/webp-refused", test_webp_refused);
  g_test_add_func ("/likeness/image-header/pnm", test_pnm);
  g_test_add_func ("/likeness/image-header/not-images", test_not_images);
  g_test_add_func ("/likeness/image-header/every-truncation", test_every_truncation);
  g_test_add_func ("/likeness/image-header/random-damage", test_random_damage);

  return g_test_run ();
}
