/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>
#include <png.h>

#include "imaging/lk-image-check.h"
#include "lk-error.h"

/* ---- JPEG ---------------------------------------------------------------------------------- */

typedef struct
{
  struct jpeg_error_mgr pub;
  jmp_buf               escape;
  char                  message[JMSG_LENGTH_MAX];
} JpegErrors;

static void
jpeg_fail (j_common_ptr cinfo)
{
  JpegErrors *errors = (JpegErrors *) cinfo->err;

  errors->pub.format_message (cinfo, errors->message);
  longjmp (errors->escape, 1);
}

/* The warnings that mean image data is missing (and is filled in with grey): the first one
 * decides, so stop there rather than decode the rest of a huge frame as grey. Print none.
 * Others, such as stray bytes between segments, leave the image whole. */
static void
jpeg_note (j_common_ptr cinfo,
           int          level)
{
  JpegErrors *errors = (JpegErrors *) cinfo->err;
  int code = errors->pub.msg_code;

  if (level >= 0 ||
      (code != JWRN_HIT_MARKER && code != JWRN_JPEG_EOF && code != JWRN_MUST_RESYNC))
    return;
  errors->pub.format_message (cinfo, errors->message);
  longjmp (errors->escape, 1);
}

static void
jpeg_quiet (j_common_ptr cinfo)
{
}

/* The whole entropy-coded data is read; the 1/8 scale keeps the rest cheap. */
static gboolean
jpeg_intact (const guint8  *data,
             gsize          size,
             char         **problem)
{
  struct jpeg_decompress_struct cinfo;
  JpegErrors errors = { 0 };
  JSAMPARRAY row;

  cinfo.err = jpeg_std_error (&errors.pub);
  errors.pub.error_exit = jpeg_fail;
  errors.pub.emit_message = jpeg_note;
  errors.pub.output_message = jpeg_quiet;
  if (setjmp (errors.escape))
    {
      jpeg_destroy_decompress (&cinfo);
      *problem = g_strdup (errors.message);
      return FALSE;
    }
  jpeg_create_decompress (&cinfo);
  jpeg_mem_src (&cinfo, data, (unsigned long) size);
  jpeg_read_header (&cinfo, TRUE);
  cinfo.scale_num = 1;
  cinfo.scale_denom = 8;
  cinfo.dct_method = JDCT_IFAST;
  jpeg_start_decompress (&cinfo);
  row = cinfo.mem->alloc_sarray ((j_common_ptr) &cinfo, JPOOL_IMAGE,
                                 cinfo.output_width * cinfo.output_components, 1);
  while (cinfo.output_scanline < cinfo.output_height)
    jpeg_read_scanlines (&cinfo, row, 1);
  jpeg_finish_decompress (&cinfo);
  jpeg_destroy_decompress (&cinfo);
  return TRUE;
}

/* ---- PNG ----------------------------------------------------------------------------------- */

typedef struct
{
  const guint8 *data;
  gsize         size;
  gsize         offset;
  char         *message;
  png_bytep     row;    /* freed after a png_error() jumped out of reading it */
} PngInput;

static void
png_fail (png_structp  png,
          const char  *message)
{
  PngInput *in = png_get_error_ptr (png);

  if (in->message == NULL)
    in->message = g_strdup (message);
  png_longjmp (png, 1);
}

/* A warning about the data (an ancillary chunk's checksum, image data left over) is damage;
 * one about, say, a colour profile leaves the image whole. */
static void
png_note (png_structp  png,
          const char  *message)
{
  PngInput *in = png_get_error_ptr (png);

  if (in->message == NULL && (strstr (message, "CRC") != NULL || strstr (message, "data")))
    in->message = g_strdup (message);
}

static void
png_read_bytes (png_structp  png,
                png_bytep    out,
                size_t       length)
{
  PngInput *in = png_get_io_ptr (png);

  if (length > in->size - in->offset)
    png_error (png, "the file ends early");
  memcpy (out, in->data + in->offset, length);
  in->offset += length;
}

static void
png_read_all (png_structp  png,
              png_infop    info,
              PngInput    *in)
{
  int passes;

  png_read_info (png, info);
  passes = png_set_interlace_handling (png);
  png_read_update_info (png, info);
  in->row = png_malloc (png, png_get_rowbytes (png, info));
  for (int pass = 0; pass < passes; pass++)
    for (png_uint_32 y = 0; y < png_get_image_height (png, info); y++)
      png_read_row (png, in->row, NULL);
  png_read_end (png, NULL);
}

static gboolean
png_intact (const guint8  *data,
            gsize          size,
            char         **problem)
{
  PngInput in = { data, size, 0, NULL, NULL };
  png_structp png = png_create_read_struct (PNG_LIBPNG_VER_STRING, &in, png_fail, png_note);
  png_infop info = png != NULL ? png_create_info_struct (png) : NULL;

  if (info == NULL)
    {
      png_destroy_read_struct (&png, NULL, NULL);
      *problem = g_strdup ("out of memory");
      return FALSE;
    }
  png_set_read_fn (png, &in, png_read_bytes);
  /* Only the data matters here, not the image's size: the header was checked before. */
  png_set_user_limits (png, 0x7fffffff, 0x7fffffff);
  if (setjmp (png_jmpbuf (png)) == 0)
    png_read_all (png, info, &in);
  png_free (png, in.row);
  png_destroy_read_struct (&png, &info, NULL);
  *problem = in.message;
  return in.message == NULL;
}

gboolean
lk_image_check_intact (GBytes  *bytes,
                       GError **error)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  g_autofree char *problem = NULL;
  const char *format;

  g_return_val_if_fail (bytes != NULL, FALSE);

  if (size >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    format = jpeg_intact (data, size, &problem) ? NULL : "JPEG";
  else if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    format = png_intact (data, size, &problem) ? NULL : "PNG";
  else
    return TRUE;
  if (format == NULL)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_IMAGE,
               "The %s image is damaged and would decode with parts missing (%s)", format,
               problem);
  return FALSE;
}
