/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The trainer's charts: a ROC curve, a per-level bar chart and the history over time, drawn
 * with cairo. */
#include "config.h"

#include <math.h>

#include "lk-training-chart.h"

struct _LkTrainingChart
{
  GtkWidget            parent_instance;

  LkTrainingChartKind  kind;
  GArray              *mated;     /* int ratings */
  GArray              *nonmated;
  int                  min_level;
  int                  max_level;
  GPtrArray           *history;   /* LkTrainingHistoryEntry */
};

G_DEFINE_FINAL_TYPE (LkTrainingChart, lk_training_chart, GTK_TYPE_WIDGET)

#define MARGIN 28.0

static guint
count_at_least (GArray *ratings,
                int     cut)
{
  guint n = 0;

  for (guint i = 0; i < ratings->len; i++)
    n += g_array_index (ratings, int, i) >= cut;
  return n;
}

static guint
count_at (GArray *ratings,
          int     level)
{
  guint n = 0;

  for (guint i = 0; i < ratings->len; i++)
    n += g_array_index (ratings, int, i) == level;
  return n;
}

GArray *
lk_training_chart_roc_points (LkTrainingChart *self)
{
  GArray *points;

  g_return_val_if_fail (LK_IS_TRAINING_CHART (self), NULL);

  if (self->mated->len == 0 || self->nonmated->len == 0)
    return NULL;
  points = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  for (int cut = self->max_level + 1; cut >= self->min_level; cut--)
    {
      graphene_point_t p = {
        (float) count_at_least (self->nonmated, cut) / self->nonmated->len,
        (float) count_at_least (self->mated, cut) / self->mated->len,
      };

      g_array_append_val (points, p);
    }
  return points;
}

static void
frame (cairo_t *cr,
       double   w,
       double   h,
       GdkRGBA *fg)
{
  cairo_set_line_width (cr, 1);
  gdk_cairo_set_source_rgba (cr, fg);
  cairo_move_to (cr, MARGIN, MARGIN / 2);
  cairo_line_to (cr, MARGIN, h - MARGIN);
  cairo_line_to (cr, w - MARGIN / 2, h - MARGIN);
  cairo_stroke (cr);
}

static void
text (cairo_t    *cr,
      double      x,
      double      y,
      const char *s)
{
  cairo_text_extents_t e;

  cairo_text_extents (cr, s, &e);
  cairo_move_to (cr, x - e.width / 2 - e.x_bearing, y);
  cairo_show_text (cr, s);
}

static void
draw_roc (LkTrainingChart *self,
          cairo_t         *cr,
          double           w,
          double           h,
          GdkRGBA         *fg)
{
  g_autoptr(GArray) points = lk_training_chart_roc_points (self);
  double pw = w - MARGIN * 1.5, ph = h - MARGIN * 1.5;

  frame (cr, w, h, fg);
  cairo_set_font_size (cr, 10);
  text (cr, MARGIN + pw / 2, h - 8, "false “same” share (non-mated)");
  cairo_save (cr);
  cairo_move_to (cr, 0, 0);
  cairo_translate (cr, 12, MARGIN / 2 + ph / 2);
  cairo_rotate (cr, -G_PI / 2);
  text (cr, 0, 0, "true “same” share (mated)");
  cairo_restore (cr);
  /* Chance: the diagonal. */
  cairo_set_dash (cr, (double[]) { 4, 4 }, 2, 0);
  cairo_move_to (cr, MARGIN, h - MARGIN);
  cairo_line_to (cr, MARGIN + pw, h - MARGIN - ph);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  if (points == NULL)
    {
      text (cr, MARGIN + pw / 2, MARGIN + ph / 2, "needs mated and non-mated items");
      return;
    }
  cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < points->len; i++)
    {
      graphene_point_t *p = &g_array_index (points, graphene_point_t, i);

      cairo_line_to (cr, MARGIN + p->x * pw, h - MARGIN - p->y * ph);
    }
  cairo_stroke (cr);
  for (guint i = 0; i < points->len; i++)
    {
      graphene_point_t *p = &g_array_index (points, graphene_point_t, i);

      cairo_arc (cr, MARGIN + p->x * pw, h - MARGIN - p->y * ph, 3, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
draw_levels (LkTrainingChart *self,
             cairo_t         *cr,
             double           w,
             double           h,
             GdkRGBA         *fg)
{
  int n_levels = self->max_level - self->min_level + 1;
  double slot = (w - MARGIN * 1.5) / MAX (n_levels, 1), ph = h - MARGIN * 1.5;
  guint most = 1;

  for (int level = self->min_level; level <= self->max_level; level++)
    most = MAX (most, MAX (count_at (self->mated, level), count_at (self->nonmated, level)));
  frame (cr, w, h, fg);
  cairo_set_font_size (cr, 10);
  for (int i = 0; i < n_levels; i++)
    {
      int level = self->min_level + i;
      double x = MARGIN + i * slot;
      double hm = ph * count_at (self->mated, level) / most;
      double hn = ph * count_at (self->nonmated, level) / most;
      g_autofree char *label = g_strdup_printf ("%+d", level);

      cairo_set_source_rgb (cr, 0.15, 0.64, 0.41);
      cairo_rectangle (cr, x + slot * 0.15, h - MARGIN - hm, slot * 0.33, hm);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.88, 0.38, 0.0);
      cairo_rectangle (cr, x + slot * 0.52, h - MARGIN - hn, slot * 0.33, hn);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, fg);
      text (cr, x + slot / 2, h - MARGIN + 12, level == 0 ? "0" : label);
    }
  cairo_set_source_rgb (cr, 0.15, 0.64, 0.41);
  cairo_rectangle (cr, w - 150, 4, 10, 10);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.88, 0.38, 0.0);
  cairo_rectangle (cr, w - 80, 4, 10, 10);
  cairo_fill (cr);
  gdk_cairo_set_source_rgba (cr, fg);
  cairo_move_to (cr, w - 136, 13);
  cairo_show_text (cr, "mated");
  cairo_move_to (cr, w - 66, 13);
  cairo_show_text (cr, "non-mated");
}

/* One series of the history: the AUC (@which 0) or the false "same" rate (1) per exercise; an
 * undefined figure leaves a gap. */
static void
draw_series (LkTrainingChart *self,
             cairo_t         *cr,
             double           w,
             double           h,
             guint            which)
{
  double pw = w - MARGIN * 1.5, ph = h - MARGIN * 1.5;
  guint n = self->history->len;
  gboolean started = FALSE;

  for (guint i = 0; i < n; i++)
    {
      const LkTrainingHistoryEntry *e = g_ptr_array_index (self->history, i);
      const LkTrainingFigure *f = which == 0 ? &e->result->score->auc
                                             : &e->result->score->false_same_rate;
      double x = MARGIN + (n > 1 ? pw * i / (n - 1) : pw / 2), y = h - MARGIN - ph * f->value;

      if (!f->defined)
        {
          started = FALSE;
          continue;
        }
      if (started)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      started = TRUE;
    }
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    {
      const LkTrainingHistoryEntry *e = g_ptr_array_index (self->history, i);
      const LkTrainingFigure *f = which == 0 ? &e->result->score->auc
                                             : &e->result->score->false_same_rate;

      if (f->defined)
        {
          cairo_arc (cr, MARGIN + (n > 1 ? pw * i / (n - 1) : pw / 2),
                     h - MARGIN - ph * f->value, 3.5, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
}

static void
draw_history (LkTrainingChart *self,
              cairo_t         *cr,
              double           w,
              double           h,
              GdkRGBA         *fg)
{
  double pw = w - MARGIN * 1.5;
  guint n = self->history != NULL ? self->history->len : 0;

  frame (cr, w, h, fg);
  cairo_set_font_size (cr, 10);
  if (n == 0)
    {
      text (cr, MARGIN + pw / 2, h / 2, "no answers submitted yet");
      return;
    }
  for (int tick = 0; tick <= 2; tick++)
    {
      double y = h - MARGIN - (h - MARGIN * 1.5) * tick / 2;

      text (cr, MARGIN / 2, y + 3, tick == 0 ? "0" : tick == 1 ? "0.5" : "1");
    }
  for (guint i = 0; i < n; i++)
    {
      const LkTrainingHistoryEntry *e = g_ptr_array_index (self->history, i);

      text (cr, MARGIN + (n > 1 ? pw * i / (n - 1) : pw / 2), h - MARGIN + 12, e->date + 5);
    }
  cairo_set_line_width (cr, 2);
  cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
  draw_series (self, cr, w, h, 0);
  cairo_set_source_rgb (cr, 0.88, 0.38, 0.0);
  cairo_set_dash (cr, (double[]) { 5, 3 }, 2, 0);
  draw_series (self, cr, w, h, 1);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
  cairo_rectangle (cr, w - 190, 4, 10, 10);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.88, 0.38, 0.0);
  cairo_rectangle (cr, w - 140, 4, 10, 10);
  cairo_fill (cr);
  gdk_cairo_set_source_rgba (cr, fg);
  cairo_move_to (cr, w - 176, 13);
  cairo_show_text (cr, "AUC");
  cairo_move_to (cr, w - 126, 13);
  cairo_show_text (cr, "false “same” rate");
}

static void
lk_training_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  LkTrainingChart *self = LK_TRAINING_CHART (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  if (self->kind == LK_TRAINING_CHART_ROC)
    draw_roc (self, cr, w, h, &fg);
  else if (self->kind == LK_TRAINING_CHART_HISTORY)
    draw_history (self, cr, w, h, &fg);
  else
    draw_levels (self, cr, w, h, &fg);
  cairo_destroy (cr);
}

static void
lk_training_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 220 : 180;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 220;
}

static void
lk_training_chart_finalize (GObject *object)
{
  LkTrainingChart *self = LK_TRAINING_CHART (object);

  g_clear_pointer (&self->mated, g_array_unref);
  g_clear_pointer (&self->nonmated, g_array_unref);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  G_OBJECT_CLASS (lk_training_chart_parent_class)->finalize (object);
}

static void
lk_training_chart_class_init (LkTrainingChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = lk_training_chart_finalize;
  widget_class->snapshot = lk_training_chart_snapshot;
  widget_class->measure = lk_training_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lk_training_chart_init (LkTrainingChart *self)
{
  self->mated = g_array_new (FALSE, FALSE, sizeof (int));
  self->nonmated = g_array_new (FALSE, FALSE, sizeof (int));
  self->min_level = -3;
  self->max_level = 3;
}

GtkWidget *
lk_training_chart_new (LkTrainingChartKind kind)
{
  LkTrainingChart *self = g_object_new (LK_TYPE_TRAINING_CHART, NULL);

  self->kind = kind;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind == LK_TRAINING_CHART_ROC ? "ROC curve"
                                  : kind == LK_TRAINING_CHART_HISTORY
                                  ? "AUC and false “same” rate per exercise over time"
                                  : "Ratings per level, mated and non-mated", -1);
  return GTK_WIDGET (self);
}

static char *
describe (LkTrainingChart *self)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (int level = self->min_level; level <= self->max_level; level++)
    g_string_append_printf (s, "%s%+d: %u mated, %u non-mated", s->len ? "; " : "", level,
                            count_at (self->mated, level), count_at (self->nonmated, level));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

void
lk_training_chart_set_ratings (LkTrainingChart        *self,
                               const LkTrainingRating *ratings,
                               guint                   n,
                               int                     min_level,
                               int                     max_level)
{
  g_autofree char *description = NULL;

  g_return_if_fail (LK_IS_TRAINING_CHART (self));

  g_array_set_size (self->mated, 0);
  g_array_set_size (self->nonmated, 0);
  self->min_level = min_level;
  self->max_level = max_level;
  for (guint i = 0; i < n; i++)
    {
      g_array_append_val (ratings[i].mated ? self->mated : self->nonmated, ratings[i].rating);
      self->min_level = MIN (self->min_level, ratings[i].rating);
      self->max_level = MAX (self->max_level, ratings[i].rating);
    }
  description = describe (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
describe_figure (GString                *s,
                 const char             *name,
                 const LkTrainingFigure *f)
{
  if (f->defined)
    g_string_append_printf (s, "%s %.2f", name, f->value);
  else
    g_string_append_printf (s, "%s undefined", name);
}

void
lk_training_chart_set_history (LkTrainingChart *self,
                               GPtrArray       *history)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_return_if_fail (LK_IS_TRAINING_CHART (self));

  g_clear_pointer (&self->history, g_ptr_array_unref);
  self->history = history != NULL ? g_ptr_array_ref (history) : NULL;
  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      const LkTrainingHistoryEntry *e = g_ptr_array_index (history, i);

      g_string_append_printf (s, "%s%s, %s: ", s->len ? "; " : "", e->date, e->exercise);
      describe_figure (s, "AUC", &e->result->score->auc);
      describe_figure (s, ", false same rate", &e->result->score->false_same_rate);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  s->len ? s->str : "No answers submitted yet", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
