/* sitrep-chart-widget.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-chart.h"
#include "sitrep-chart-widget.h"

/*
 * One chart of the monthly analysis in the window: the same cairo drawing
 * as in the PDF (sitrep-chart.c), through gtk_snapshot_append_cairo(), in
 * the widget's text colour so that it reads in the dark style too.
 */

struct _SitrepChartWidget
{
  GtkWidget          parent_instance;

  SitrepReportChart  chart;
  SitrepReport      *report;
};

G_DEFINE_FINAL_TYPE (SitrepChartWidget, sitrep_chart_widget, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
describe_chart (SitrepReportChart chart)
{
  switch (chart)
    {
    case SITREP_REPORT_CHART_PER_DAY:
      return _("Incidents reported and resolved per day");
    case SITREP_REPORT_CHART_COMPLIANCE:
      return _("Compliance per clock");
    case SITREP_REPORT_CHART_BY_CAUSE:
    default:
      return _("Incidents by cause category");
    }
}

static void
sitrep_chart_widget_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  SitrepChartWidget *self = SITREP_CHART_WIDGET (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  SitrepChartColor foreground;
  GdkRGBA color;
  cairo_t *cr;

  if (self->report == NULL || sitrep_report_get_monthly (self->report) == NULL ||
      width <= 0 || height <= 0)
    return;

  /* gtk_widget_get_color() is GTK 4.10 */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  foreground.red = color.red;
  foreground.green = color.green;
  foreground.blue = color.blue;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  sitrep_chart_draw (cr, width, height, self->report, self->chart, &foreground);
  cairo_destroy (cr);
}

static void
sitrep_chart_widget_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 480;
    }
  else
    {
      *minimum = 140;
      *natural = 200;
    }
}

static void
sitrep_chart_widget_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SitrepChartWidget *self = SITREP_CHART_WIDGET (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_chart_widget_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SitrepChartWidget *self = SITREP_CHART_WIDGET (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      sitrep_chart_widget_set_report (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_chart_widget_dispose (GObject *object)
{
  SitrepChartWidget *self = SITREP_CHART_WIDGET (object);

  g_clear_object (&self->report);

  G_OBJECT_CLASS (sitrep_chart_widget_parent_class)->dispose (object);
}

static void
sitrep_chart_widget_class_init (SitrepChartWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_chart_widget_dispose;
  object_class->get_property = sitrep_chart_widget_get_property;
  object_class->set_property = sitrep_chart_widget_set_property;

  widget_class->snapshot = sitrep_chart_widget_snapshot;
  widget_class->measure = sitrep_chart_widget_measure;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, SITREP_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "sitrep-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sitrep_chart_widget_init (SitrepChartWidget *self)
{
}

/**
 * sitrep_chart_widget_new:
 * @chart: which chart to draw
 *
 * Returns: (transfer floating): a chart widget, empty until it is given a
 *   monthly report
 */
GtkWidget *
sitrep_chart_widget_new (SitrepReportChart chart)
{
  SitrepChartWidget *self = g_object_new (SITREP_TYPE_CHART_WIDGET, NULL);

  self->chart = chart;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  describe_chart (chart), -1);

  return GTK_WIDGET (self);
}

/**
 * sitrep_chart_widget_get_chart:
 * @self: a #SitrepChartWidget
 *
 * Returns: the chart it draws
 */
SitrepReportChart
sitrep_chart_widget_get_chart (SitrepChartWidget *self)
{
  g_return_val_if_fail (SITREP_IS_CHART_WIDGET (self), SITREP_REPORT_CHART_PER_DAY);

  return self->chart;
}

/**
 * sitrep_chart_widget_set_report:
 * @self: a #SitrepChartWidget
 * @report: (nullable): a monthly #SitrepReport, or %NULL to draw nothing
 */
void
sitrep_chart_widget_set_report (SitrepChartWidget *self,
                                SitrepReport      *report)
{
  g_return_if_fail (SITREP_IS_CHART_WIDGET (self));
  g_return_if_fail (report == NULL || SITREP_IS_REPORT (report));

  if (g_set_object (&self->report, report))
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
    }
}

/**
 * sitrep_chart_widget_get_report:
 * @self: a #SitrepChartWidget
 *
 * Returns: (transfer none) (nullable): the report drawn
 */
SitrepReport *
sitrep_chart_widget_get_report (SitrepChartWidget *self)
{
  g_return_val_if_fail (SITREP_IS_CHART_WIDGET (self), NULL);

  return self->report;
}
