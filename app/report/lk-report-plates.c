/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The plates of an examination: probe and candidate side by side after alignment, an overlay,
 * and the annotations with numbered paired markers and a legend. Each plate says which
 * enhancement stack it shows. Images are decoded only in the drawing pass. */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "report/lk-report-private.h"

#include "examination/lk-examinations-private.h"
#include "examination/lk-similarity.h"
#include "imaging/lk-enhance-stack.h"
#include "lk-error.h"
#include "store/lk-image-store.h"

typedef struct
{
  JsonObject      *exam;
  int              size[2][2];      /* probe, candidate: width, height */
  guint            n_steps[2];
  gboolean         aligned;
  LkSimilarity     transform;       /* candidate to probe */
  cairo_surface_t *shown[2];        /* enhanced, at original size */
} Plates;

static void
plates_clear (Plates *p)
{
  g_clear_pointer (&p->exam, json_object_unref);
  for (int i = 0; i < 2; i++)
    g_clear_pointer (&p->shown[i], cairo_surface_destroy);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Plates, plates_clear)

static const char * const images[] = { "probe", "candidate" };

static void
read_size (Plates *p,
           int     i)
{
  g_autofree char *member = g_strdup_printf ("%s_size", images[i]);
  JsonNode *node = json_object_get_member (p->exam, member);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      p->size[i][0] = json_object_get_int_member (json_node_get_object (node), "width");
      p->size[i][1] = json_object_get_int_member (json_node_get_object (node), "height");
    }
}

static gboolean
read_plates (Plates  *p,
             GError **error)
{
  JsonNode *alignment = json_object_get_member (p->exam, "alignment");

  for (int i = 0; i < 2; i++)
    {
      g_autofree char *member = g_strdup_printf ("%s_enhancements", images[i]);

      read_size (p, i);
      p->n_steps[i] = json_array_get_length (json_object_get_array_member (p->exam, member));
    }
  p->aligned = alignment != NULL && JSON_NODE_HOLDS_OBJECT (alignment);
  if (p->aligned)
    {
      JsonObject *t = json_object_get_object_member (json_node_get_object (alignment),
                                                     "transform");

      if (t == NULL || !lk_similarity_from_json (t, &p->transform, error))
        return FALSE;
    }
  return TRUE;
}

/* The image as the examiner last saw it: the original with its enhancement stack. */
static LkPixels *
enhanced (const LkReportData  *data,
          Plates              *p,
          int                  i,
          GError             **error)
{
  g_autofree char *sha_member = g_strdup_printf ("%s_sha256", images[i]);
  g_autofree char *stack_member = g_strdup_printf ("%s_enhancements", images[i]);
  g_autoptr(GBytes) bytes = lk_image_store_get (data->store, LK_ACTOR_SYSTEM,
                                                lk_report_str (p->exam, sha_member), error);
  g_autoptr(LkPixels) pixels = NULL;
  LkEnhanceStack stack = { 0 };

  if (bytes == NULL)
    return NULL;
  if ((pixels = lk_cv_decode (bytes, 0, error)) == NULL)
    return NULL;
  if (!lk_enhance_stack_read (json_object_get_array_member (p->exam, stack_member), &stack,
                              error))
    return NULL;
  if (stack.n_steps == 0)
    return g_steal_pointer (&pixels);
  return lk_cv_enhance_stack (pixels, &stack, error);
}

static gboolean
decode_plates (const LkReportData  *data,
               Plates              *p,
               GError             **error)
{
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(LkPixels) pixels = enhanced (data, p, i, error);

      if (pixels == NULL)
        return FALSE;
      p->size[i][0] = pixels->width;
      p->size[i][1] = pixels->height;
      p->shown[i] = lk_layout_surface_from_pixels (pixels);
    }
  return TRUE;
}

static char *
stack_caption (const Plates *p,
               int           i)
{
  if (p->n_steps[i] == 0)
    return g_strdup_printf ("%s as imported (no enhancement)", i ? "Candidate" : "Probe");
  return g_strdup_printf ("%s with its %u enhancement step(s) listed below",
                          i ? "Candidate" : "Probe", p->n_steps[i]);
}

/* ---- cells -------------------------------------------------------------------------------- */

/* Image @i in its own coordinates. */
static void
image_cell (const Plates  *p,
            int            i,
            LkPlateCell   *cell)
{
  cell->width = p->size[i][0];
  cell->height = p->size[i][1];
  cell->layers[cell->n_layers].surface = p->shown[i];
  cairo_matrix_init_identity (&cell->layers[cell->n_layers].matrix);
  cell->layers[cell->n_layers].alpha = 1;
  cell->n_layers++;
}

/* The candidate in the probe's coordinates, through the alignment's similarity. */
static void
aligned_layer (const Plates  *p,
               double         alpha,
               LkPlateCell   *cell)
{
  LkPlateLayer *layer = &cell->layers[cell->n_layers++];
  const LkSimilarity *t = &p->transform;

  layer->surface = p->shown[1];
  cairo_matrix_init (&layer->matrix, t->a, t->b, -t->b, t->a, t->tx, t->ty);
  layer->alpha = alpha;
  cell->width = p->size[0][0];
  cell->height = p->size[0][1];
}

/* ---- annotations --------------------------------------------------------------------------- */

static void
draw_label (cairo_t    *cr,
            double      x,
            double      y,
            const char *text,
            double      size)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autofree char *font = g_strdup_printf ("Sans Bold %g", size);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, size / 4);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 0.85, 0.1, 0.1);
  cairo_fill (cr);
}

static gboolean
point (JsonArray *geometry,
       guint      i,
       double    *x,
       double    *y)
{
  JsonArray *p;

  if (geometry == NULL || i >= json_array_get_length (geometry))
    return FALSE;
  p = json_array_get_array_element (geometry, i);
  *x = json_array_get_double_element (p, 0);
  *y = json_array_get_double_element (p, 1);
  return TRUE;
}

static void
draw_annotation (cairo_t    *cr,
                 JsonObject *a,
                 double      unit,
                 guint       number)
{
  const char *kind = lk_report_str (a, "kind");
  JsonArray *geometry = json_object_get_array_member (a, "geometry");
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  g_autofree char *label = NULL;

  if (!point (geometry, 0, &x0, &y0))
    return;
  point (geometry, 1, &x1, &y1);
  cairo_set_source_rgb (cr, 0.85, 0.1, 0.1);
  cairo_set_line_width (cr, unit / 3);
  if (g_strcmp0 (kind, "marker") == 0)
    {
      cairo_arc (cr, x0, y0, unit, 0, 2 * G_PI);
      cairo_stroke (cr);
      label = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (a, "pair"));
    }
  else if (g_strcmp0 (kind, "rectangle") == 0)
    {
      cairo_rectangle (cr, MIN (x0, x1), MIN (y0, y1), fabs (x1 - x0), fabs (y1 - y0));
      cairo_stroke (cr);
    }
  else if (g_strcmp0 (kind, "ellipse") == 0 && fabs (x1 - x0) > 0 && fabs (y1 - y0) > 0)
    {
      cairo_save (cr);
      cairo_translate (cr, (x0 + x1) / 2, (y0 + y1) / 2);
      cairo_scale (cr, fabs (x1 - x0) / 2, fabs (y1 - y0) / 2);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      cairo_stroke (cr);
    }
  else if (g_strcmp0 (kind, "arrow") == 0)
    {
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      cairo_stroke (cr);
      cairo_arc (cr, x1, y1, unit / 2, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  if (label == NULL)
    label = g_strdup_printf ("%c", 'a' + (number % 26));
  draw_label (cr, x0 + unit, y0 - 2.5 * unit, label, unit * 1.8);
}

/* The legend of the shapes and texts on image @i, lettered in the order they are drawn. */
static void
shape_legend (const Plates *p,
              int           i,
              GString      *legend)
{
  JsonArray *annotations = json_object_get_array_member (p->exam, "annotations");
  guint other = 0;

  for (guint j = 0; annotations != NULL && j < json_array_get_length (annotations); j++)
    {
      JsonObject *a = json_array_get_object_element (annotations, j);

      if (g_strcmp0 (lk_report_str (a, "image"), images[i]) != 0 ||
          g_strcmp0 (lk_report_str (a, "kind"), "marker") == 0)
        continue;
      const char *label = lk_report_str (a, "label");

      g_string_append_printf (legend, "%s%s %c: %s%s%s%s%s%s", legend->len ? "; " : "",
                              images[i], 'a' + (other++ % 26), lk_report_str (a, "kind"),
                              lk_report_str (a, "characteristic") ? ", " : "",
                              lk_report_str (a, "characteristic") ?: "",
                              label && *label ? " “" : "", label && *label ? label : "",
                              label && *label ? "”" : "");
    }
}

typedef struct
{
  const Plates *plates;
  int           image;
} Marks;

/* Draws the annotations of one image over it, in its coordinates (an LkPlateDraw). */
static void
draw_marks (cairo_t  *cr,
            gpointer  data)
{
  const Marks *marks = data;
  const Plates *p = marks->plates;
  int i = marks->image;
  JsonArray *annotations = json_object_get_array_member (p->exam, "annotations");
  double unit = MAX (2.0, MAX (p->size[i][0], p->size[i][1]) / 70.0);
  guint other = 0;

  for (guint j = 0; annotations != NULL && j < json_array_get_length (annotations); j++)
    {
      JsonObject *a = json_array_get_object_element (annotations, j);

      if (g_strcmp0 (lk_report_str (a, "image"), images[i]) != 0)
        continue;
      draw_annotation (cr, a, unit, other);
      if (g_strcmp0 (lk_report_str (a, "kind"), "marker") != 0)
        other++;
    }
}

static void
marker_legend (const Plates *p,
               GString      *legend)
{
  JsonArray *annotations = json_object_get_array_member (p->exam, "annotations");

  for (guint j = 0; annotations != NULL && j < json_array_get_length (annotations); j++)
    {
      JsonObject *a = json_array_get_object_element (annotations, j);

      if (g_strcmp0 (lk_report_str (a, "kind"), "marker") != 0 ||
          g_strcmp0 (lk_report_str (a, "image"), "probe") != 0)
        continue;
      g_string_append_printf (legend, "%smarker pair %" G_GINT64_FORMAT "%s%s",
                              legend->len ? "; " : "", json_object_get_int_member (a, "pair"),
                              lk_report_str (a, "characteristic") ? ": " : "",
                              lk_report_str (a, "characteristic") ?: "");
    }
}

/* An image purged under the retention policy has no plate: says so instead, setting @noted.
 * FALSE with @error when whether it was purged cannot be read. */
static gboolean
purged_note (LkLayout            *layout,
             const LkReportData  *data,
             const Plates        *p,
             gboolean            *noted,
             GError             **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  *noted = FALSE;
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_auto(LkImagePurge) purge = { 0 };
      g_autofree char *member = g_strdup_printf ("%s_sha256", images[i]);
      const char *sha256 = lk_report_str (p->exam, member);

      if (!lk_image_store_purged (data->store, sha256, &purge, &local_error))
        {
          if (local_error == NULL)
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_string_append_printf (text, "%sThe %s image (SHA-256 %s) was purged on %.10s under the "
                              "retention rule “%s”: its record and hash are kept, its bytes "
                              "are gone.", text->len ? " " : "", images[i], sha256,
                              purge.purged_at, purge.rule);
    }
  if (text->len == 0)
    return TRUE;
  g_string_append (text, " The plates of this examination can no longer be drawn.");
  lk_layout_text (layout, text->str);
  *noted = TRUE;
  return TRUE;
}

/* ---- the plates ---------------------------------------------------------------------------- */

gboolean
lk_report_plates (LkLayout            *layout,
                  const LkReportData  *data,
                  gint64               examination_id,
                  GError             **error)
{
  g_auto(Plates) p = { 0 };
  g_autofree char *probe_caption = NULL;
  g_autofree char *candidate_caption = NULL;
  g_autofree char *marks_caption = NULL;
  g_autoptr(GString) legend = g_string_new (NULL);
  LkPlateCell side[2] = { { 0 } }, over = { 0 }, notes[2] = { { 0 } };
  Marks marks[2] = { { &p, 0 }, { &p, 1 } };
  gboolean purged = FALSE;

  if ((p.exam = lk_examinations_to_json (data->store, examination_id, error)) == NULL ||
      !read_plates (&p, error) || !purged_note (layout, data, &p, &purged, error))
    return FALSE;
  if (purged)
    return TRUE;
  if (lk_layout_is_drawing (layout) && !decode_plates (data, &p, error))
    return FALSE;
  probe_caption = stack_caption (&p, 0);
  candidate_caption = stack_caption (&p, 1);

  image_cell (&p, 0, &side[0]);
  side[0].caption = probe_caption;
  if (p.aligned)
    aligned_layer (&p, 1, &side[1]);
  else
    image_cell (&p, 1, &side[1]);
  side[1].caption = candidate_caption;
  lk_layout_plate (layout, side, 2, p.aligned
                   ? "Plate 1: probe and candidate side by side, the candidate aligned on the "
                     "probe by the eye centres the examiner set (a similarity: scale, rotation "
                     "and shift only)."
                   : "Plate 1: probe and candidate side by side (not aligned).");
  if (p.aligned)
    {
      image_cell (&p, 0, &over);
      aligned_layer (&p, 0.5, &over);
      over.caption = "Probe with the aligned candidate at 50 % opacity";
      lk_layout_plate (layout, &over, 1, "Plate 2: overlay. Superimposition supports the "
                       "morphological comparison only; it is not a basis for identification.");
    }
  for (int i = 0; i < 2; i++)
    {
      image_cell (&p, i, &notes[i]);
      notes[i].draw = draw_marks;
      notes[i].draw_data = &marks[i];
      notes[i].caption = i ? candidate_caption : probe_caption;
    }
  marker_legend (&p, legend);
  shape_legend (&p, 0, legend);
  shape_legend (&p, 1, legend);
  marks_caption = g_strdup_printf ("Plate %d: annotations, each on its own image. Numbered "
                                   "markers pair a point on the probe with the same point on "
                                   "the candidate. Legend: %s.", p.aligned ? 3 : 2,
                                   legend->len ? legend->str : "no annotation");
  lk_layout_plate (layout, notes, 2, marks_caption);
  return TRUE;
}
