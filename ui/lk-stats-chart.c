/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A chart of one transparency measure: the drawing is the core's, the colours the theme's. */
#include "config.h"

#include "lk-stats-chart.h"

#define PADDING 8

struct _LkStatsChart
{
  GtkWidget  parent_instance;

  char      *measure;
  GPtrArray *stats;   /* of LkStat */
  GStrv      periods;
  char      *description;
};

G_DEFINE_FINAL_TYPE (LkStatsChart, lk_stats_chart, GTK_TYPE_WIDGET)

static void
lk_stats_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  LkStatsChart *self = LK_STATS_CHART (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_t *cr;
  GdkRGBA fg;
  double ink[3];

  if (self->stats == NULL || self->periods == NULL)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  ink[0] = fg.red;
  ink[1] = fg.green;
  ink[2] = fg.blue;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  /* inside the card's rounded edge */
  cairo_translate (cr, PADDING, PADDING);
  lk_stats_chart_draw (cr, w - 2 * PADDING, h - 2 * PADDING, self->stats, self->measure,
                       (const char * const *) self->periods, ink);
  cairo_destroy (cr);
}

static void
lk_stats_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 280 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 560 : 200;
}

static void
lk_stats_chart_finalize (GObject *object)
{
  LkStatsChart *self = LK_STATS_CHART (object);

  g_free (self->measure);
  g_clear_pointer (&self->stats, g_ptr_array_unref);
  g_strfreev (self->periods);
  g_free (self->description);
  G_OBJECT_CLASS (lk_stats_chart_parent_class)->finalize (object);
}

static void
lk_stats_chart_class_init (LkStatsChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = lk_stats_chart_finalize;
  widget_class->snapshot = lk_stats_chart_snapshot;
  widget_class->measure = lk_stats_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lk_stats_chart_init (LkStatsChart *self)
{
}

GtkWidget *
lk_stats_chart_new (const char *measure)
{
  LkStatsChart *self = g_object_new (LK_TYPE_STATS_CHART, NULL);
  const char *title = lk_stats_measure_title (measure);

  self->measure = g_strdup (measure);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title != NULL ? title : measure, -1);
  return GTK_WIDGET (self);
}

void
lk_stats_chart_set_data (LkStatsChart       *self,
                         GPtrArray          *stats,
                         const char * const *periods)
{
  g_return_if_fail (LK_IS_STATS_CHART (self));

  g_clear_pointer (&self->stats, g_ptr_array_unref);
  g_clear_pointer (&self->periods, g_strfreev);
  g_clear_pointer (&self->description, g_free);
  if (stats != NULL && periods != NULL)
    {
      self->stats = g_ptr_array_ref (stats);
      self->periods = g_strdupv ((char **) periods);
      self->description = lk_stats_chart_describe (stats, self->measure, periods);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->description ? self->description : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
lk_stats_chart_get_description (LkStatsChart *self)
{
  g_return_val_if_fail (LK_IS_STATS_CHART (self), NULL);
  return self->description;
}
