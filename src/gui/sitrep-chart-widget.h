/* sitrep-chart-widget.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sitrep-report.h"
#include "sitrep-report-render.h"

G_BEGIN_DECLS

#define SITREP_TYPE_CHART_WIDGET (sitrep_chart_widget_get_type ())

G_DECLARE_FINAL_TYPE (SitrepChartWidget, sitrep_chart_widget, SITREP, CHART_WIDGET, GtkWidget)

GtkWidget         *sitrep_chart_widget_new         (SitrepReportChart  chart);
SitrepReportChart  sitrep_chart_widget_get_chart   (SitrepChartWidget *self);
void               sitrep_chart_widget_set_report  (SitrepChartWidget *self,
                                                    SitrepReport      *report);
SitrepReport      *sitrep_chart_widget_get_report  (SitrepChartWidget *self);

G_END_DECLS
