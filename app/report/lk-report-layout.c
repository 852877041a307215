/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "report/lk-report-layout-private.h"

#include "lk-error.h"

#define MARGIN 56.0        /* 2 cm */
#define HEADER_SPACE 28.0
#define FOOTER_SPACE 34.0
#define BODY_FONT "Sans 9.5"
#define SMALL_FONT "Sans 7.5"
#define CELL_PAD 3.0

struct _LkLayout
{
  LkLayoutPage     page;
  char            *case_number;
  char            *heading;      /* the running header of a document of no case: its title */
  char            *footer;
  int              n_pages;       /* the total, for "page x of y"; 0 while measuring */
  int              page_no;       /* 1-based, the current page */
  gboolean         drawing;
  cairo_surface_t *surface;
  cairo_t         *cr;
  double           y;             /* the cursor, from the top of the page */
  int              outline[3];    /* parent outline ids of levels 1 and 2 */
  /* the table being set */
  guint            n_columns;
  double          *widths;
  char           **headers;
};

static double
body_width (LkLayout *self)
{
  return self->page.width_pt - 2 * MARGIN;
}

static double
body_bottom (LkLayout *self)
{
  return self->page.height_pt - MARGIN - FOOTER_SPACE;
}

static PangoLayout *
new_text (LkLayout    *self,
          const char  *font,
          double       width)
{
  PangoLayout *text = pango_cairo_create_layout (self->cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (text, desc);
  pango_layout_set_width (text, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (text, PANGO_WRAP_WORD_CHAR);
  return text;
}

static double
text_height (PangoLayout *text)
{
  int w, h;

  pango_layout_get_size (text, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void
show_text (LkLayout    *self,
           PangoLayout *text,
           double       x,
           double       y)
{
  if (!self->drawing)
    return;
  cairo_move_to (self->cr, x, y);
  pango_cairo_show_layout (self->cr, text);
}

/* ---- pages --------------------------------------------------------------------------------- */

static void
draw_watermark (LkLayout   *self,
                const char *text,
                double      offset,
                double      alpha)
{
  g_autoptr(PangoLayout) mark = new_text (self, "Sans Bold 54", self->page.height_pt);

  cairo_save (self->cr);
  cairo_translate (self->cr, self->page.width_pt / 2, self->page.height_pt / 2);
  cairo_rotate (self->cr, -G_PI / 4);
  cairo_translate (self->cr, 0, offset);
  pango_layout_set_width (mark, -1);
  pango_layout_set_text (mark, text, -1);
  {
    int w, h;

    pango_layout_get_size (mark, &w, &h);
    cairo_set_source_rgba (self->cr, 0.75, 0.1, 0.1, alpha);
    cairo_move_to (self->cr, -(double) w / PANGO_SCALE / 2, -(double) h / PANGO_SCALE / 2);
    pango_cairo_show_layout (self->cr, mark);
  }
  cairo_restore (self->cr);
}

/* The first line of the footer: what the document is (see LkLayoutPage). */
static const char *
notice_of (LkLayout *self)
{
  if (self->page.notice != NULL)
    return self->page.notice;
  return self->case_number != NULL ? "Investigative lead only - not an identification" : "";
}

static const char *
subject_of (LkLayout *self)
{
  if (self->page.subject != NULL)
    return self->page.subject;
  return self->case_number != NULL
         ? "Facial image examination report; investigative lead only" : self->page.title;
}

static void
draw_running_text (LkLayout *self)
{
  g_autoptr(PangoLayout) left = new_text (self, SMALL_FONT, body_width (self));
  g_autoptr(PangoLayout) right = new_text (self, SMALL_FONT, body_width (self));
  g_autoptr(PangoLayout) foot = new_text (self, SMALL_FONT, body_width (self));
  /* A document of no case (a self-assessment, a training summary) is headed by its title. */
  g_autofree char *header =
    self->case_number != NULL
    ? g_strdup_printf ("Case %s%s", self->case_number,
                       self->page.draft ? "   DRAFT - NOT VERIFIED" : "")
    : g_strdup (self->heading != NULL ? self->heading : "");
  g_autofree char *pages = self->n_pages > 0
                           ? g_strdup_printf ("Page %d of %d", self->page_no, self->n_pages)
                           : g_strdup_printf ("Page %d", self->page_no);
  const char *notice = notice_of (self);
  g_autofree char *footer = g_strdup_printf ("%s%s%s\n%s", notice,
                                             self->page.demo && *notice ? " · " : "",
                                             self->page.demo ? "DEMO WORKSPACE - NOT CASEWORK"
                                                             : "", self->footer);

  cairo_set_source_rgb (self->cr, 0.3, 0.3, 0.3);
  pango_layout_set_text (left, header, -1);
  show_text (self, left, MARGIN, MARGIN - 14);
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
  pango_layout_set_text (right, pages, -1);
  show_text (self, right, MARGIN, MARGIN - 14);
  pango_layout_set_text (foot, footer, -1);
  show_text (self, foot, MARGIN, self->page.height_pt - MARGIN - 16);
  if (self->drawing)
    {
      cairo_set_line_width (self->cr, 0.5);
      cairo_move_to (self->cr, MARGIN, MARGIN);
      cairo_line_to (self->cr, self->page.width_pt - MARGIN, MARGIN);
      cairo_move_to (self->cr, MARGIN, self->page.height_pt - MARGIN - 20);
      cairo_line_to (self->cr, self->page.width_pt - MARGIN, self->page.height_pt - MARGIN - 20);
      cairo_stroke (self->cr);
    }
  cairo_set_source_rgb (self->cr, 0, 0, 0);
}

static void
begin_page (LkLayout *self)
{
  self->page_no++;
  self->y = MARGIN + HEADER_SPACE;
  if (!self->drawing)
    return;
  if (self->page.draft)
    draw_watermark (self, "DRAFT - NOT VERIFIED", self->page.demo ? -45 : 0, 0.16);
  if (self->page.demo)
    draw_watermark (self, "DEMO - NOT CASEWORK", self->page.draft ? 45 : 0, 0.10);
  draw_running_text (self);
}

static void
new_page (LkLayout *self)
{
  cairo_show_page (self->cr);
  begin_page (self);
}

/* Starts a new page unless @height fits below the cursor. */
static void
ensure (LkLayout *self,
        double    height)
{
  if (self->y + height > body_bottom (self) && self->y > MARGIN + HEADER_SPACE)
    new_page (self);
}

/* ---- life ---------------------------------------------------------------------------------- */

static void
set_metadata (LkLayout *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format_iso8601 (now);

  cairo_pdf_surface_set_metadata (self->surface, CAIRO_PDF_METADATA_TITLE, self->page.title);
  cairo_pdf_surface_set_metadata (self->surface, CAIRO_PDF_METADATA_AUTHOR, self->page.author);
  cairo_pdf_surface_set_metadata (self->surface, CAIRO_PDF_METADATA_CREATOR, self->footer);
  cairo_pdf_surface_set_metadata (self->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (self->surface, CAIRO_PDF_METADATA_SUBJECT, subject_of (self));
}

static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

LkLayout *
lk_layout_new (const char          *path,
               const LkLayoutPage  *page,
               int                  n_pages,
               GError             **error)
{
  LkLayout *self = g_new0 (LkLayout, 1);

  self->page = *page;
  self->case_number = g_strdup (page->case_number);
  self->heading = g_strdup (page->title);
  self->footer = g_strdup (page->footer);
  self->page.case_number = self->case_number;
  self->page.footer = self->footer;
  self->page.title = NULL;
  self->page.author = NULL;
  self->n_pages = n_pages;
  self->drawing = path != NULL;
  /* The measuring pass lays text out on a PDF surface too (writing nowhere): the same font
   * metrics as the drawing pass, so that both count the same pages. */
  self->surface = self->drawing
                  ? cairo_pdf_surface_create (path, page->width_pt, page->height_pt)
                  : cairo_pdf_surface_create_for_stream (discard, NULL, page->width_pt,
                                                         page->height_pt);
  if (cairo_surface_status (self->surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_UNWRITABLE, "Cannot write the report to %s: %s",
                   path, cairo_status_to_string (cairo_surface_status (self->surface)));
      lk_layout_free (self);
      return NULL;
    }
  self->cr = cairo_create (self->surface);
  if (self->drawing)
    {
      self->page.title = page->title;
      self->page.author = page->author;
      set_metadata (self);
      self->page.title = self->page.author = NULL;
    }
  begin_page (self);
  return self;
}

int
lk_layout_finish (LkLayout  *self,
                  GError   **error)
{
  cairo_status_t status;

  cairo_show_page (self->cr);
  cairo_surface_finish (self->surface);
  status = cairo_surface_status (self->surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_UNWRITABLE, "The report could not be written: %s",
                   cairo_status_to_string (status));
      return 0;
    }
  return self->page_no;
}

void
lk_layout_free (LkLayout *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->cr, cairo_destroy);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_free (self->case_number);
  g_free (self->heading);
  g_free (self->footer);
  g_free (self->widths);
  g_strfreev (self->headers);
  g_free (self);
}

gboolean
lk_layout_is_drawing (LkLayout *self)
{
  return self->drawing;
}

/* ---- text ---------------------------------------------------------------------------------- */

void
lk_layout_heading (LkLayout   *self,
                   int         level,
                   const char *text)
{
  static const char * const fonts[] = { "Sans Bold 16", "Sans Bold 12.5", "Sans Bold 10.5" };
  g_autoptr(PangoLayout) heading = new_text (self, fonts[CLAMP (level, 1, 3) - 1],
                                             body_width (self));
  double h;

  level = CLAMP (level, 1, 3);
  if (level == 1 && self->y > MARGIN + HEADER_SPACE)
    new_page (self);
  pango_layout_set_text (heading, text, -1);
  h = text_height (heading);
  ensure (self, h + 60);
  self->y += level == 1 ? 0 : 8;
  show_text (self, heading, MARGIN, self->y);
  if (self->drawing && level <= 2)
    {
      g_autofree char *link = g_strdup_printf ("page=%d pos=[%g %g]", self->page_no, MARGIN,
                                               self->y);
      int parent = level == 1 ? CAIRO_PDF_OUTLINE_ROOT : self->outline[1];

      self->outline[level] = cairo_pdf_surface_add_outline (self->surface, parent, text, link,
                                                            0);
    }
  self->y += h + (level == 1 ? 10 : 4);
}

static void
paragraph (LkLayout    *self,
           PangoLayout *text,
           double       after)
{
  double h = text_height (text);

  /* A paragraph taller than a page is split line by line. */
  if (h > body_bottom (self) - (MARGIN + HEADER_SPACE))
    {
      PangoLayoutIter *iter = pango_layout_get_iter (text);
      double offset = 0;

      do
        {
          PangoRectangle logical;
          PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
          double lh, baseline;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          lh = (double) logical.height / PANGO_SCALE;
          baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE -
                     (double) logical.y / PANGO_SCALE;
          ensure (self, lh);
          if (self->drawing)
            {
              cairo_move_to (self->cr, MARGIN, self->y + baseline);
              pango_cairo_show_layout_line (self->cr, line);
            }
          self->y += lh;
          offset += lh;
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
      self->y += after;
      return;
    }
  ensure (self, h);
  show_text (self, text, MARGIN, self->y);
  self->y += h + after;
}

void
lk_layout_text (LkLayout   *self,
                const char *text)
{
  g_autoptr(PangoLayout) layout = new_text (self, BODY_FONT, body_width (self));

  pango_layout_set_text (layout, text ? text : "", -1);
  paragraph (self, layout, 5);
}

void
lk_layout_markup (LkLayout   *self,
                  const char *markup)
{
  g_autoptr(PangoLayout) layout = new_text (self, BODY_FONT, body_width (self));

  pango_layout_set_markup (layout, markup, -1);
  paragraph (self, layout, 5);
}

void
lk_layout_note (LkLayout   *self,
                const char *text)
{
  g_autoptr(PangoLayout) layout = new_text (self, SMALL_FONT, body_width (self));

  cairo_set_source_rgb (self->cr, 0.35, 0.35, 0.35);
  pango_layout_set_text (layout, text, -1);
  paragraph (self, layout, 4);
  cairo_set_source_rgb (self->cr, 0, 0, 0);
}

static void
field (LkLayout   *self,
       const char *label,
       const char *value,
       const char *font)
{
  double label_width = body_width (self) * 0.28;
  g_autoptr(PangoLayout) l = new_text (self, "Sans Bold 9", label_width - 8);
  g_autoptr(PangoLayout) v = new_text (self, font, body_width (self) - label_width);
  double h;

  pango_layout_set_text (l, label, -1);
  pango_layout_set_text (v, value != NULL && *value != '\0' ? value : "-", -1);
  /* a hash stays on one line, to be read and copied whole */
  if (font != NULL && strstr (font, "Mono") != NULL)
    pango_layout_set_width (v, -1);
  h = MAX (text_height (l), text_height (v));
  ensure (self, h);
  cairo_set_source_rgb (self->cr, 0.25, 0.25, 0.25);
  show_text (self, l, MARGIN, self->y);
  cairo_set_source_rgb (self->cr, 0, 0, 0);
  show_text (self, v, MARGIN + label_width, self->y);
  self->y += h + 3;
}

void
lk_layout_field (LkLayout   *self,
                 const char *label,
                 const char *value)
{
  field (self, label, value, BODY_FONT);
}

void
lk_layout_hash (LkLayout   *self,
                const char *label,
                const char *value)
{
  field (self, label, value, "Monospace 7");
}

void
lk_layout_space (LkLayout *self,
                 double    points)
{
  self->y += points;
}

/* ---- tables -------------------------------------------------------------------------------- */

static double
row_height (LkLayout            *self,
            const char * const  *cells,
            const char          *font,
            PangoLayout        **texts)
{
  double h = 0;

  for (guint i = 0; i < self->n_columns; i++)
    {
      texts[i] = new_text (self, font, self->widths[i] * body_width (self) - 2 * CELL_PAD);
      pango_layout_set_text (texts[i], cells[i] ? cells[i] : "", -1);
      h = MAX (h, text_height (texts[i]));
    }
  return h + 2 * CELL_PAD;
}

static void
draw_row (LkLayout            *self,
          const char * const  *cells,
          const char          *font,
          gboolean             tinted)
{
  g_autofree PangoLayout **texts = g_new0 (PangoLayout *, self->n_columns);
  double h = row_height (self, cells, font, texts), x = MARGIN;

  ensure (self, h);
  if (self->drawing && tinted)
    {
      cairo_set_source_rgb (self->cr, 0.93, 0.93, 0.96);
      cairo_rectangle (self->cr, MARGIN, self->y, body_width (self), h);
      cairo_fill (self->cr);
      cairo_set_source_rgb (self->cr, 0, 0, 0);
    }
  for (guint i = 0; i < self->n_columns; i++)
    {
      show_text (self, texts[i], x + CELL_PAD, self->y + CELL_PAD);
      x += self->widths[i] * body_width (self);
      g_object_unref (texts[i]);
    }
  if (self->drawing)
    {
      cairo_set_source_rgb (self->cr, 0.7, 0.7, 0.7);
      cairo_set_line_width (self->cr, 0.4);
      cairo_move_to (self->cr, MARGIN, self->y + h);
      cairo_line_to (self->cr, MARGIN + body_width (self), self->y + h);
      cairo_stroke (self->cr);
      cairo_set_source_rgb (self->cr, 0, 0, 0);
    }
  self->y += h;
}

static void
header_row (LkLayout *self)
{
  draw_row (self, (const char * const *) self->headers, "Sans Bold 8", TRUE);
}

void
lk_layout_table_begin (LkLayout            *self,
                       guint                n_columns,
                       const double        *widths,
                       const char * const  *headers)
{
  self->n_columns = n_columns;
  g_free (self->widths);
  self->widths = g_memdup2 (widths, n_columns * sizeof (double));
  g_strfreev (self->headers);
  self->headers = g_new0 (char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    self->headers[i] = g_strdup (headers[i]);
  ensure (self, 40);
  header_row (self);
}

void
lk_layout_table_row (LkLayout            *self,
                     const char * const  *cells,
                     gboolean             emphasis)
{
  int page = self->page_no;
  g_autofree PangoLayout **texts = g_new0 (PangoLayout *, self->n_columns);
  double h = row_height (self, cells, emphasis ? "Sans Bold 8" : "Sans 8", texts);

  for (guint i = 0; i < self->n_columns; i++)
    g_object_unref (texts[i]);
  ensure (self, h);
  if (self->page_no != page)
    header_row (self); /* the header again on a new page */
  draw_row (self, cells, emphasis ? "Sans Bold 8" : "Sans 8", emphasis);
}

void
lk_layout_table_end (LkLayout *self)
{
  self->y += 8;
  self->n_columns = 0;
}

/* ---- plates -------------------------------------------------------------------------------- */

cairo_surface_t *
lk_layout_surface_from_pixels (const LkPixels *pixels)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixels->width,
                                                         pixels->height);
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  for (int y = 0; y < pixels->height; y++)
    {
      const guint8 *in = pixels->pixels + (gsize) y * pixels->stride;
      guint32 *out = (guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < pixels->width; x++, in += 4)
        {
          guint a = in[3];

          out[x] = (a << 24) | ((in[0] * a / 255) << 16) | ((in[1] * a / 255) << 8) |
                   (in[2] * a / 255);
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

static void
paint_cell (LkLayout          *self,
            const LkPlateCell *cell,
            double             x,
            double             scale)
{
  cairo_save (self->cr);
  cairo_translate (self->cr, x, self->y);
  cairo_scale (self->cr, scale, scale);
  cairo_rectangle (self->cr, 0, 0, cell->width, cell->height);
  cairo_clip (self->cr);
  cairo_set_source_rgb (self->cr, 0, 0, 0);
  cairo_paint (self->cr);
  for (guint l = 0; l < cell->n_layers; l++)
    {
      const LkPlateLayer *layer = &cell->layers[l];

      if (layer->surface == NULL)
        continue;
      cairo_save (self->cr);
      cairo_transform (self->cr, &layer->matrix);
      cairo_set_source_surface (self->cr, layer->surface, 0, 0);
      cairo_paint_with_alpha (self->cr, layer->alpha);
      cairo_restore (self->cr);
    }
  if (cell->draw != NULL)
    cell->draw (self->cr, cell->draw_data);
  cairo_restore (self->cr);
  cairo_set_source_rgb (self->cr, 0, 0, 0);
  cairo_set_line_width (self->cr, 0.5);
  cairo_rectangle (self->cr, x, self->y, cell->width * scale, cell->height * scale);
  cairo_stroke (self->cr);
}

void
lk_layout_plate (LkLayout          *self,
                 const LkPlateCell *cells,
                 guint              n,
                 const char        *caption)
{
  double gap = 12, cell = (body_width (self) - gap * (n - 1)) / n, max_h = 270, tallest = 0;
  double scales[4], x = MARGIN, labels = 0;
  g_autoptr(PangoLayout) under = new_text (self, SMALL_FONT, body_width (self));

  g_return_if_fail (n > 0 && n <= G_N_ELEMENTS (scales));

  /* a single image is set at the width of one of a pair */
  if (n == 1)
    cell = (body_width (self) - gap) / 2;
  for (guint i = 0; i < n; i++)
    {
      double w = MAX (cells[i].width, 1), h = MAX (cells[i].height, 1);
      g_autoptr(PangoLayout) label = new_text (self, SMALL_FONT, cell);

      scales[i] = MIN (1.0, MIN (cell / w, max_h / h));
      tallest = MAX (tallest, h * scales[i]);
      pango_layout_set_text (label, cells[i].caption ? cells[i].caption : "", -1);
      labels = MAX (labels, text_height (label));
    }
  pango_layout_set_text (under, caption ? caption : "", -1);
  ensure (self, tallest + labels + 12 + text_height (under));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) label = new_text (self, SMALL_FONT, cell);

      if (self->drawing)
        paint_cell (self, &cells[i], x, scales[i]);
      pango_layout_set_text (label, cells[i].caption ? cells[i].caption : "", -1);
      show_text (self, label, x, self->y + tallest + 3);
      x += cell + gap;
    }
  self->y += tallest + labels + 6;
  cairo_set_source_rgb (self->cr, 0.3, 0.3, 0.3);
  show_text (self, under, MARGIN, self->y);
  cairo_set_source_rgb (self->cr, 0, 0, 0);
  self->y += text_height (under) + 10;
}

void
lk_layout_drawing (LkLayout    *self,
                   double       width,
                   double       height,
                   LkPlateDraw  draw,
                   gpointer     data)
{
  double scale = MIN (1.0, body_width (self) / MAX (width, 1));

  ensure (self, height * scale + 6);
  if (self->drawing)
    {
      cairo_save (self->cr);
      cairo_translate (self->cr, MARGIN, self->y);
      cairo_scale (self->cr, scale, scale);
      cairo_rectangle (self->cr, 0, 0, width, height);
      cairo_clip (self->cr);
      draw (self->cr, data);
      cairo_restore (self->cr);
      cairo_set_source_rgb (self->cr, 0, 0, 0);
    }
  self->y += height * scale + 6;
}

void
lk_layout_need (LkLayout *self,
                double    points)
{
  ensure (self, points);
}
