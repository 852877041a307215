/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "governance/lk-stats-chart.h"
#include "governance/lk-stats.h"

#define LEFT    48.0
#define BOTTOM  28.0
#define TOP_PAD 8.0
#define LEGEND  16.0
#define MAX_SERIES 6 /* more categories than this: the rest as "other" */

static const double palette[MAX_SERIES + 1][3] = {
  { 0.11, 0.44, 0.85 }, /* blue */
  { 0.88, 0.38, 0.00 }, /* orange */
  { 0.15, 0.64, 0.41 }, /* green */
  { 0.57, 0.25, 0.67 }, /* purple */
  { 0.75, 0.11, 0.16 }, /* red */
  { 0.60, 0.46, 0.00 }, /* brown */
  { 0.55, 0.55, 0.55 }, /* grey: other */
};

char *
lk_stats_format_value (const char *measure,
                       double      value)
{
  if (lk_stats_measure_is_rate (measure))
    return g_strdup_printf ("%.0f %%", value * 100);
  /* a stage of minutes or hours says so rather than "0.0 days" */
  if (g_str_equal (measure, "median-days") && value > 0 && value < 1.0 / 24)
    return g_strdup_printf ("%.0f min", ceil (value * 24 * 60));
  if (g_str_equal (measure, "median-days") && value > 0 && value < 1)
    return g_strdup_printf ("%.1f h", value * 24);
  if (g_str_equal (measure, "median-days"))
    return g_strdup_printf ("%.1f days", value);
  return g_strdup_printf ("%.0f", value);
}

static int
by_text (gconstpointer a,
         gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The measure's categories, in order; beyond MAX_SERIES, the last is "other". */
static GPtrArray *
categories_of (GPtrArray  *stats,
               const char *measure)
{
  GPtrArray *categories = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < stats->len; i++)
    {
      const LkStat *s = g_ptr_array_index (stats, i);

      if (g_str_equal (s->measure, measure) &&
          !g_ptr_array_find_with_equal_func (categories, s->category, g_str_equal, NULL))
        g_ptr_array_add (categories, g_strdup (s->category));
    }
  g_ptr_array_sort (categories, by_text);
  return categories;
}

static guint
series_of (GPtrArray  *categories,
           const char *category)
{
  guint index = 0;

  g_ptr_array_find_with_equal_func (categories, category, g_str_equal, &index);
  return MIN (index, MAX_SERIES);
}

static guint
n_series (GPtrArray *categories)
{
  return MIN (categories->len, MAX_SERIES + 1);
}

/* values[period * (MAX_SERIES + 1) + series] */
static double *
values_of (GPtrArray          *stats,
           const char         *measure,
           const char * const *periods,
           GPtrArray          *categories)
{
  guint n = g_strv_length ((char **) periods);
  double *values = g_new0 (double, n * (MAX_SERIES + 1) + 1);

  for (guint i = 0; i < stats->len; i++)
    {
      const LkStat *s = g_ptr_array_index (stats, i);

      if (!g_str_equal (s->measure, measure))
        continue;
      for (guint p = 0; p < n; p++)
        if (g_str_equal (periods[p], s->period))
          values[p * (MAX_SERIES + 1) + series_of (categories, s->category)] += s->value;
    }
  return values;
}

static double
nice_ceiling (double top)
{
  double step;

  if (top <= 0)
    return 1;
  step = pow (10, floor (log10 (top)));
  for (guint i = 0; i < 4; i++)
    {
      static const double factors[] = { 1, 2, 5, 10 };

      if (factors[i] * step >= top)
        return factors[i] * step;
    }
  return 10 * step;
}

static void
show_text (cairo_t    *cr,
           double      x,
           double      y,
           const char *text,
           double      align) /* 0 left, 0.5 centre, 1 right */
{
  cairo_text_extents_t e;

  cairo_text_extents (cr, text, &e);
  cairo_move_to (cr, x - align * e.x_advance, y);
  cairo_show_text (cr, text);
}

static const char *
category_name (GPtrArray *categories,
               guint      series)
{
  const char *name;

  if (series == MAX_SERIES && categories->len > MAX_SERIES + 1)
    return "other";
  name = g_ptr_array_index (categories, series);
  return *name != '\0' ? name : "all";
}

/* The legend, flowed along the top; returns its height. */
static double
draw_legend (cairo_t   *cr,
             double     width,
             GPtrArray *categories,
             const double ink[3])
{
  double x = LEFT, y = TOP_PAD;

  /* one figure that is not broken down needs no legend */
  if (categories->len == 0 ||
      (categories->len == 1 && *(const char *) g_ptr_array_index (categories, 0) == '\0'))
    return 0;
  for (guint i = 0; i < n_series (categories); i++)
    {
      const char *name = category_name (categories, i);
      cairo_text_extents_t e;

      cairo_text_extents (cr, name, &e);
      if (x > LEFT && x + 16 + e.x_advance > width)
        {
          x = LEFT;
          y += LEGEND;
        }
      cairo_set_source_rgb (cr, palette[i][0], palette[i][1], palette[i][2]);
      cairo_rectangle (cr, x, y, 10, 10);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
      show_text (cr, x + 14, y + 9, name, 0);
      x += 14 + e.x_advance + 14;
    }
  return y + LEGEND - TOP_PAD;
}

static void
draw_axes (cairo_t      *cr,
           double        top,
           double        width,
           double        height,
           const char   *measure,
           double        scale,
           const double  ink[3])
{
  g_autofree char *high = lk_stats_format_value (measure, scale);

  cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, LEFT, top);
  cairo_line_to (cr, LEFT, height - BOTTOM);
  cairo_line_to (cr, width - 4, height - BOTTOM);
  cairo_stroke (cr);
  show_text (cr, LEFT - 4, top + 8, high, 1);
  show_text (cr, LEFT - 4, height - BOTTOM, "0", 1);
  /* a light line at the top of the scale */
  cairo_save (cr);
  cairo_set_source_rgba (cr, ink[0], ink[1], ink[2], 0.25);
  cairo_move_to (cr, LEFT, top + 0.5);
  cairo_line_to (cr, width - 4, top + 0.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_bars (cairo_t            *cr,
           const char         *measure,
           const double       *values,
           guint               n_periods,
           guint               n,
           double              scale,
           double              top,
           double              width,
           double              height)
{
  gboolean stacked = !lk_stats_measure_is_rate (measure) && !g_str_equal (measure, "median-days");
  double slot = (width - LEFT - 4) / MAX (n_periods, 1), plot = height - BOTTOM - top;

  for (guint p = 0; p < n_periods; p++)
    {
      double base = height - BOTTOM, bar = slot * 0.7 / (stacked ? 1 : MAX (n, 1));
      double x = LEFT + p * slot + slot * 0.15;

      for (guint i = 0; i < n; i++)
        {
          double v = values[p * (MAX_SERIES + 1) + i], h = plot * v / scale;

          cairo_set_source_rgb (cr, palette[i][0], palette[i][1], palette[i][2]);
          if (stacked)
            {
              cairo_rectangle (cr, x, base - h, bar, h);
              base -= h;
            }
          else
            cairo_rectangle (cr, x + i * bar, base - h, bar * 0.9, h);
          cairo_fill (cr);
        }
    }
}

static void
draw_periods (cairo_t            *cr,
              const char * const *periods,
              guint               n_periods,
              double              width,
              double              height)
{
  double slot = (width - LEFT - 4) / MAX (n_periods, 1);
  cairo_text_extents_t e;
  guint every;

  cairo_text_extents (cr, periods[0], &e);
  every = MAX (1, (guint) ceil ((e.x_advance + 8) / slot));
  for (guint p = 0; p < n_periods; p += every)
    show_text (cr, LEFT + (p + 0.5) * slot, height - BOTTOM + 14, periods[p], 0.5);
}

void
lk_stats_chart_draw (cairo_t             *cr,
                     double               width,
                     double               height,
                     GPtrArray           *stats,
                     const char          *measure,
                     const char * const  *periods,
                     const double         ink[3])
{
  g_autoptr(GPtrArray) categories = categories_of (stats, measure);
  guint n_periods = g_strv_length ((char **) periods), n = n_series (categories);
  g_autofree double *values = values_of (stats, measure, periods, categories);
  gboolean stacked = !lk_stats_measure_is_rate (measure) && !g_str_equal (measure, "median-days");
  double top, most = 0;

  cairo_save (cr);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 10);
  top = TOP_PAD + draw_legend (cr, width, categories, ink) + 4;
  for (guint p = 0; p < n_periods; p++)
    {
      double sum = 0;

      for (guint i = 0; i < n; i++)
        {
          double v = values[p * (MAX_SERIES + 1) + i];

          sum = stacked ? sum + v : MAX (sum, v);
        }
      most = MAX (most, sum);
    }
  most = lk_stats_measure_is_rate (measure) ? 1 : nice_ceiling (most);
  draw_axes (cr, top, width, height, measure, most, ink);
  draw_bars (cr, measure, values, n_periods, n, most, top, width, height);
  cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
  if (n_periods > 0)
    draw_periods (cr, periods, n_periods, width, height);
  if (categories->len == 0)
    show_text (cr, LEFT + (width - LEFT) / 2, top + (height - BOTTOM - top) / 2,
               "none in these periods", 0.5);
  cairo_restore (cr);
}

char *
lk_stats_chart_describe (GPtrArray           *stats,
                         const char          *measure,
                         const char * const  *periods)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint p = 0; periods[p] != NULL; p++)
    {
      g_autoptr(GString) parts = g_string_new (NULL);
      double total = 0;
      guint n = 0;

      for (guint i = 0; i < stats->len; i++)
        {
          const LkStat *s = g_ptr_array_index (stats, i);
          g_autofree char *value = NULL;

          if (!g_str_equal (s->measure, measure) || !g_str_equal (s->period, periods[p]))
            continue;
          value = lk_stats_format_value (measure, s->value);
          g_string_append_printf (parts, "%s%s%s%s", parts->len ? ", " : "", s->category,
                                  *s->category ? " " : "", value);
          total += s->value;
          n++;
        }
      g_string_append_printf (text, "%s%s: ", text->len ? "; " : "", periods[p]);
      if (n == 0)
        g_string_append (text, "none");
      else if (n == 1 || lk_stats_measure_is_rate (measure) ||
               g_str_equal (measure, "median-days"))
        g_string_append (text, parts->str);
      else
        g_string_append_printf (text, "%.0f (%s)", total, parts->str);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
