/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/report: a small flow layout on cairo's PDF surface with Pango. Content is
 * laid out twice: a first pass that only measures (to count the pages for "page x of y"), then
 * the pass that draws. Every page gets the running header and footer, a draft watermark and
 * a demo marker where they apply; each heading of level 1 or 2 is a PDF bookmark. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "lk-internal.h"
#include "imaging/lk-cv.h"

G_BEGIN_DECLS

typedef struct _LkLayout LkLayout;

typedef struct
{
  double      width_pt;     /* page size in PostScript points */
  double      height_pt;
  const char *case_number;
  const char *footer;       /* e.g. "Likeness 0.1 (build abc)" */
  gboolean    draft;        /* "DRAFT - NOT VERIFIED" on every page */
  gboolean    demo;         /* "DEMO WORKSPACE - NOT CASEWORK" on every page */
  const char *title;        /* PDF metadata */
  const char *author;
  /* What the document is, per kind: its PDF Subject and the first line of every page's footer.
   * NULL: for a case's report its casework wording ("Investigative lead only - not an
   * identification"); for a document of no case the title and no line. */
  const char *subject;
  const char *notice;
} LkLayoutPage;

/* @path NULL: a measuring pass (no file, nothing drawn). @n_pages: the total for the footer
 * (0 while measuring). */
LkLayout *lk_layout_new          (const char          *path,
                                  const LkLayoutPage  *page,
                                  int                  n_pages,
                                  GError             **error);
/* Ends the last page and the document; returns the number of pages. */
int       lk_layout_finish       (LkLayout            *layout,
                                  GError             **error);
void      lk_layout_free         (LkLayout            *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkLayout, lk_layout_free)

/* Headings: level 1 starts a new page; 1 and 2 are bookmarks. */
void      lk_layout_heading      (LkLayout            *layout,
                                  int                  level,
                                  const char          *text);
/* A paragraph of plain text (escaped), or of Pango markup. */
void      lk_layout_text         (LkLayout            *layout,
                                  const char          *text);
void      lk_layout_markup       (LkLayout            *layout,
                                  const char          *markup);
/* A small grey note. */
void      lk_layout_note         (LkLayout            *layout,
                                  const char          *text);
/* "Label   value" rows; a NULL or empty value prints as a dash. */
void      lk_layout_field        (LkLayout            *layout,
                                  const char          *label,
                                  const char          *value);
/* A table: @n_columns, relative @widths (sum 1), a header row, then rows added with
 * lk_layout_table_row (@cells: n_columns plain texts), then lk_layout_table_end. A row marked
 * @emphasis is set on a light tint (and in bold, so that it does not rely on colour). */
void      lk_layout_table_begin  (LkLayout            *layout,
                                  guint                n_columns,
                                  const double        *widths,
                                  const char * const  *headers);
void      lk_layout_table_row    (LkLayout            *layout,
                                  const char * const  *cells,
                                  gboolean             emphasis);
void      lk_layout_table_end    (LkLayout            *layout);
/* One image of a plate: layers of images painted in the image's own coordinates (each with a
 * matrix from its pixels to those coordinates, and an opacity), then @draw (may be NULL) on top
 * in the same coordinates. Layers are painted, never resampled into new images, so the PDF
 * holds each image once at full resolution. */
typedef struct
{
  cairo_surface_t *surface; /* NULL in the measuring pass */
  cairo_matrix_t   matrix;
  double           alpha;
} LkPlateLayer;

typedef void (*LkPlateDraw) (cairo_t  *cr,
                             gpointer  data);

typedef struct
{
  int           width;      /* the cell's image coordinates: 0..width x 0..height */
  int           height;
  LkPlateLayer  layers[2];
  guint         n_layers;
  LkPlateDraw   draw;
  gpointer      draw_data;
  const char   *caption;
} LkPlateCell;

/* Cells side by side in one plate, each scaled to fit (never up), with the cell captions and
 * one caption under the plate. */
void      lk_layout_plate        (LkLayout            *layout,
                                  const LkPlateCell   *cells,
                                  guint                n,
                                  const char          *caption);
/* A drawing (a chart) on the page's own background, @width x @height points from the left
 * margin (scaled down to the body's width when wider), drawn by @draw in those coordinates. */
void      lk_layout_drawing      (LkLayout            *layout,
                                  double               width,
                                  double               height,
                                  LkPlateDraw          draw,
                                  gpointer             data);
/* Starts a new page unless @points of height are left on this one (to keep a heading with what
 * follows it). */
void      lk_layout_need         (LkLayout            *layout,
                                  double               points);
/* An image surface (ARGB32) of RGBA @pixels, as lk_cv_decode gives them. */
cairo_surface_t *lk_layout_surface_from_pixels (const LkPixels *pixels);
/* A field whose value is a hash or a command, set in a fixed-width face on one line. */
void      lk_layout_hash         (LkLayout            *layout,
                                  const char          *label,
                                  const char          *value);
/* Vertical space in points. */
void      lk_layout_space        (LkLayout            *layout,
                                  double               points);
/* Whether this pass draws (the measuring pass skips decoding images). */
gboolean  lk_layout_is_drawing   (LkLayout            *layout);

G_END_DECLS
