/* sitrep-chart.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "sitrep-chart.h"
#include "sitrep-enums.h"

/* GNOME's palette: blue 3, green 4, orange 3, purple 3, red 3, brown 3 */
static const SitrepChartColor palette[] = {
  { 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0 },
  { 0x2e / 255.0, 0xc2 / 255.0, 0x7e / 255.0 },
  { 0xff / 255.0, 0x78 / 255.0, 0x00 / 255.0 },
  { 0x91 / 255.0, 0x41 / 255.0, 0xac / 255.0 },
  { 0xe0 / 255.0, 0x1b / 255.0, 0x24 / 255.0 },
  { 0x98 / 255.0, 0x6a / 255.0, 0x44 / 255.0 },
};

static const SitrepChartColor black = { 0.1, 0.1, 0.1 };

#define FONT_SIZE 8.5
#define PAD 4.0

static void
set_color (cairo_t                *cr,
           const SitrepChartColor *color,
           double                  alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, alpha);
}

static PangoLayout *
create_layout (cairo_t    *cr,
               const char *text,
               gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, (int) (FONT_SIZE * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

/* Draws @text with its top-left corner at (x, y), or its right edge at x
 * when @align is 1.0, its centre when 0.5. */
static void
draw_text (cairo_t                *cr,
           const char             *text,
           double                  x,
           double                  y,
           double                  align,
           gboolean                bold,
           const SitrepChartColor *color)
{
  g_autoptr(PangoLayout) layout = create_layout (cr, text, bold);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_save (cr);
  set_color (cr, color, 1.0);
  cairo_move_to (cr, x - align * width, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static double
text_width (cairo_t    *cr,
            const char *text)
{
  g_autoptr(PangoLayout) layout = create_layout (cr, text, FALSE);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  return width;
}

static double
line_height (cairo_t *cr)
{
  g_autoptr(PangoLayout) layout = create_layout (cr, "Mg", FALSE);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  return height;
}

/* A round step for an axis from 0 to max with about 4 gridlines. */
static gint64
axis_step (gint64 max)
{
  gint64 step = 1;

  while (max / step > 5)
    {
      if (max / (step * 2) <= 5)
        return step * 2;
      if (max / (step * 5) <= 5)
        return step * 5;
      step *= 10;
    }

  return step;
}

static void
draw_legend (cairo_t                *cr,
             double                  x,
             double                  y,
             const char * const     *labels,
             const SitrepChartColor *colors,
             guint                   n,
             const SitrepChartColor *fg)
{
  double lh = line_height (cr);

  for (guint i = 0; i < n; i++)
    {
      set_color (cr, &colors[i], 1.0);
      cairo_rectangle (cr, x, y + lh / 2 - 4, 8, 8);
      cairo_fill (cr);
      draw_text (cr, labels[i], x + 11, y, 0.0, FALSE, fg);
      x += 11 + text_width (cr, labels[i]) + 12;
    }
}

/**
 * sitrep_chart_draw_per_day:
 * @cr: a cairo context
 * @width: the chart's width in user units
 * @height: the chart's height
 * @monthly: the month's figures
 * @foreground: (nullable): the colour of text and axes; %NULL for black
 *
 * Draws the incidents reported and resolved on each day of the month as
 * pairs of bars.
 */
void
sitrep_chart_draw_per_day (cairo_t                *cr,
                           double                  width,
                           double                  height,
                           const SitrepMonthly    *monthly,
                           const SitrepChartColor *foreground)
{
  const SitrepChartColor *fg = foreground != NULL ? foreground : &black;
  /* Translators: the legend of the chart of incidents reported and resolved per day */
  const char *labels[] = { C_("chart legend", "Reported"), C_("chart legend", "Resolved") };
  const SitrepChartColor colors[] = { palette[0], palette[1] };
  gint64 max = 1, step;
  double lh, left, top, bottom, plot_w, plot_h, slot;
  char number[32];

  g_return_if_fail (cr != NULL && monthly != NULL);

  cairo_save (cr);
  lh = line_height (cr);

  for (guint d = 0; d < monthly->n_days; d++)
    max = MAX (max, MAX (monthly->reported_per_day[d], monthly->resolved_per_day[d]));
  step = axis_step (max);
  max = ((max + step - 1) / step) * step;

  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, max);
  left = text_width (cr, number) + PAD * 2;
  top = lh + PAD * 2;
  bottom = height - lh - PAD;
  plot_w = width - left - PAD;
  plot_h = bottom - top;
  if (plot_w <= 0 || plot_h <= 0)
    {
      cairo_restore (cr);
      return;
    }

  draw_legend (cr, left, 0, labels, colors, G_N_ELEMENTS (labels), fg);

  /* gridlines and their values */
  cairo_set_line_width (cr, 0.5);
  for (gint64 v = 0; v <= max; v += step)
    {
      double y = bottom - plot_h * (double) v / (double) max;

      set_color (cr, fg, v == 0 ? 0.6 : 0.15);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, left + plot_w, y);
      cairo_stroke (cr);
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, v);
      draw_text (cr, number, left - PAD, y - lh / 2, 1.0, FALSE, fg);
    }

  slot = plot_w / monthly->n_days;
  for (guint d = 0; d < monthly->n_days; d++)
    {
      double x = left + slot * d;
      double bar = MAX (slot * 0.35, 0.5);
      gint64 values[2] = { monthly->reported_per_day[d], monthly->resolved_per_day[d] };

      for (guint s = 0; s < 2; s++)
        {
          double h = plot_h * (double) values[s] / (double) max;

          set_color (cr, &colors[s], 1.0);
          cairo_rectangle (cr, x + slot * 0.12 + bar * s, bottom - h, bar, h);
          cairo_fill (cr);
        }

      /* the 1st, every 5th and the last day, unless it would crowd the
       * 30th */
      if (d == 0 || (d + 1) % 5 == 0 || (d + 1 == monthly->n_days && (d + 1) % 5 >= 3))
        {
          g_snprintf (number, sizeof number, "%u", d + 1);
          draw_text (cr, number, x + slot / 2, bottom + PAD / 2, 0.5, FALSE, fg);
        }
    }

  cairo_restore (cr);
}

/**
 * sitrep_chart_draw_compliance:
 * @cr: a cairo context
 * @width: the chart's width in user units
 * @height: the chart's height
 * @monthly: the month's figures
 * @previous: (nullable): the previous month's figures, drawn beside them
 * @foreground: (nullable): the colour of text and axes; %NULL for black
 *
 * Draws each clock's compliance as a horizontal bar from 0 to 100 %, the
 * previous month's as a thinner bar below it. A clock with nothing decided
 * shows a dash instead of a bar.
 */
void
sitrep_chart_draw_compliance (cairo_t                *cr,
                              double                  width,
                              double                  height,
                              const SitrepMonthly    *monthly,
                              const SitrepMonthly    *previous,
                              const SitrepChartColor *foreground)
{
  const SitrepChartColor *fg = foreground != NULL ? foreground : &black;
  const char *labels[] = { _("This month"), _("Previous month") };
  const SitrepChartColor colors[] = { palette[0], { 0.6, 0.6, 0.6 } };
  double lh, left = 0, right, top, row, plot_w;

  g_return_if_fail (cr != NULL && monthly != NULL);

  cairo_save (cr);
  lh = line_height (cr);

  for (guint k = 0; k < SITREP_N_DEADLINES; k++)
    left = MAX (left, text_width (cr, sitrep_deadline_kind_to_label ((SitrepDeadlineKind) k)));
  left += PAD * 2;
  right = text_width (cr, "100.0 %") + PAD * 2;
  top = lh + PAD * 2;
  plot_w = width - left - right;
  row = (height - top) / SITREP_N_DEADLINES;
  if (plot_w <= 0 || row <= 0)
    {
      cairo_restore (cr);
      return;
    }

  draw_legend (cr, left, 0, labels, colors, previous != NULL ? 2 : 1, fg);

  /* 0, 50 and 100 % */
  cairo_set_line_width (cr, 0.5);
  for (guint i = 0; i <= 2; i++)
    {
      double x = left + plot_w * i / 2.0;

      set_color (cr, fg, 0.15);
      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, height);
      cairo_stroke (cr);
    }

  for (guint k = 0; k < SITREP_N_DEADLINES; k++)
    {
      double y = top + row * k;
      double bar = MIN (row * 0.45, 18.0);
      double c;
      char text[32];

      draw_text (cr, sitrep_deadline_kind_to_label ((SitrepDeadlineKind) k), left - PAD,
                 y + bar / 2 - lh / 2 + row * 0.1, 1.0, FALSE, fg);

      if (sitrep_monthly_get_compliance (monthly, (SitrepDeadlineKind) k, &c))
        {
          set_color (cr, &colors[0], 1.0);
          cairo_rectangle (cr, left, y + row * 0.1, plot_w * c, bar);
          cairo_fill (cr);
          g_snprintf (text, sizeof text, "%.1f %%", c * 100.0);
        }
      else
        {
          g_strlcpy (text, "—", sizeof text);
        }
      draw_text (cr, text, left + plot_w + PAD, y + row * 0.1 + bar / 2 - lh / 2, 0.0,
                 TRUE, fg);

      if (previous != NULL &&
          sitrep_monthly_get_compliance (previous, (SitrepDeadlineKind) k, &c))
        {
          set_color (cr, &colors[1], 1.0);
          cairo_rectangle (cr, left, y + row * 0.1 + bar + 2, plot_w * c, bar / 3);
          cairo_fill (cr);
        }
    }

  cairo_restore (cr);
}

/**
 * sitrep_chart_draw_by_cause:
 * @cr: a cairo context
 * @width: the chart's width in user units
 * @height: the chart's height
 * @monthly: the month's figures
 * @foreground: (nullable): the colour of text and axes; %NULL for black
 *
 * Draws the month's incidents per cause category as horizontal bars,
 * largest first.
 */
void
sitrep_chart_draw_by_cause (cairo_t                *cr,
                            double                  width,
                            double                  height,
                            const SitrepMonthly    *monthly,
                            const SitrepChartColor *foreground)
{
  const SitrepChartColor *fg = foreground != NULL ? foreground : &black;
  GPtrArray *counts = monthly->by_cause;
  double lh, left = 0, right, row, plot_w;
  gint64 max = 1;

  g_return_if_fail (cr != NULL && monthly != NULL);

  cairo_save (cr);
  lh = line_height (cr);

  if (counts->len == 0)
    {
      draw_text (cr, _("No incidents reported"), width / 2, height / 2 - lh / 2, 0.5, FALSE, fg);
      cairo_restore (cr);
      return;
    }

  for (guint i = 0; i < counts->len; i++)
    {
      SitrepMonthlyCount *count = g_ptr_array_index (counts, i);
      const char *label = _("Not categorised");
      int value;

      if (count->name != NULL && sitrep_enum_from_nick (SITREP_TYPE_CAUSE, count->name, &value))
        label = sitrep_cause_to_label ((SitrepCause) value);
      left = MAX (left, text_width (cr, label));
      max = MAX (max, count->count);
    }
  left += PAD * 2;
  {
    char number[32];

    g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, max);
    right = text_width (cr, number) + PAD * 2;
  }
  plot_w = width - left - right;
  row = MIN (height / counts->len, lh * 2);
  if (plot_w <= 0 || row <= 0)
    {
      cairo_restore (cr);
      return;
    }

  for (guint i = 0; i < counts->len; i++)
    {
      SitrepMonthlyCount *count = g_ptr_array_index (counts, i);
      const char *label = _("Not categorised");
      double y = row * i;
      double bar = row * 0.7;
      char number[32];
      int value;

      if (count->name != NULL && sitrep_enum_from_nick (SITREP_TYPE_CAUSE, count->name, &value))
        label = sitrep_cause_to_label ((SitrepCause) value);
      draw_text (cr, label, left - PAD, y + bar / 2 - lh / 2, 1.0, FALSE, fg);
      set_color (cr, &palette[(i + 2) % G_N_ELEMENTS (palette)], 1.0);
      cairo_rectangle (cr, left, y, MAX (plot_w * (double) count->count / (double) max, 1.0),
                       bar);
      cairo_fill (cr);
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, count->count);
      draw_text (cr, number, left + plot_w * (double) count->count / (double) max + PAD,
                 y + bar / 2 - lh / 2, 0.0, TRUE, fg);
    }

  cairo_restore (cr);
}

/**
 * sitrep_chart_draw:
 * @cr: a cairo context
 * @width: the chart's width in user units
 * @height: the chart's height
 * @report: a monthly #SitrepReport
 * @chart: which chart
 * @foreground: (nullable): the colour of text and axes; %NULL for black
 *
 * Draws one of the monthly analysis's charts.
 */
void
sitrep_chart_draw (cairo_t                *cr,
                   double                  width,
                   double                  height,
                   SitrepReport           *report,
                   SitrepReportChart       chart,
                   const SitrepChartColor *foreground)
{
  const SitrepMonthly *monthly = sitrep_report_get_monthly (report);

  g_return_if_fail (monthly != NULL);

  switch (chart)
    {
    case SITREP_REPORT_CHART_PER_DAY:
      sitrep_chart_draw_per_day (cr, width, height, monthly, foreground);
      break;
    case SITREP_REPORT_CHART_COMPLIANCE:
      sitrep_chart_draw_compliance (cr, width, height, monthly,
                                    sitrep_report_get_previous (report), foreground);
      break;
    case SITREP_REPORT_CHART_BY_CAUSE:
    default:
      sitrep_chart_draw_by_cause (cr, width, height, monthly, foreground);
      break;
    }
}
