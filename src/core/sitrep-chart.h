/* sitrep-chart.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "sitrep-report.h"
#include "sitrep-report-render.h"

G_BEGIN_DECLS

/*
 * The monthly analysis's charts, drawn with cairo and pango into any cairo
 * context: a PDF page, a print page or a GTK snapshot. Each draws inside
 * (0, 0, width, height) of the current user space and changes no state of
 * @cr that it does not restore.
 */

/* The colour of text and axes; the bars have fixed colours that read on
 * light and dark backgrounds. */
typedef struct
{
  double red;
  double green;
  double blue;
} SitrepChartColor;

void  sitrep_chart_draw_per_day     (cairo_t                *cr,
                                     double                  width,
                                     double                  height,
                                     const SitrepMonthly    *monthly,
                                     const SitrepChartColor *foreground);
void  sitrep_chart_draw_compliance  (cairo_t                *cr,
                                     double                  width,
                                     double                  height,
                                     const SitrepMonthly    *monthly,
                                     const SitrepMonthly    *previous,
                                     const SitrepChartColor *foreground);
void  sitrep_chart_draw_by_cause    (cairo_t                *cr,
                                     double                  width,
                                     double                  height,
                                     const SitrepMonthly    *monthly,
                                     const SitrepChartColor *foreground);
void  sitrep_chart_draw             (cairo_t                *cr,
                                     double                  width,
                                     double                  height,
                                     SitrepReport           *report,
                                     SitrepReportChart       chart,
                                     const SitrepChartColor *foreground);

G_END_DECLS
