/* sitrep-reports-view.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-clock.h"
#include "sitrep-report.h"
#include "sitrep-store.h"
#include "sitrep-worker.h"

G_BEGIN_DECLS

#define SITREP_TYPE_REPORTS_VIEW (sitrep_reports_view_get_type ())

G_DECLARE_FINAL_TYPE (SitrepReportsView, sitrep_reports_view, SITREP, REPORTS_VIEW, GtkWidget)

/*
 * Properties:
 *   "report" (SitrepReport, read-only): the monthly analysis shown, NULL
 *       while none is computed.
 *   "loading" (gboolean, read-only): a month is being computed.
 */

GtkWidget    *sitrep_reports_view_new           (void);
void          sitrep_reports_view_set_database  (SitrepReportsView *self,
                                                 const char        *path,
                                                 SitrepClock       *clock);
void          sitrep_reports_view_set_worker    (SitrepReportsView *self,
                                                 SitrepWorker      *worker,
                                                 SitrepClock       *clock);
void          sitrep_reports_view_set_month     (SitrepReportsView *self,
                                                 int                year,
                                                 int                month);
void          sitrep_reports_view_get_month     (SitrepReportsView *self,
                                                 int               *year,
                                                 int               *month);
SitrepReport *sitrep_reports_view_get_report    (SitrepReportsView *self);
gboolean      sitrep_reports_view_get_loading   (SitrepReportsView *self);
void          sitrep_reports_view_present_window (GtkWindow        *parent,
                                                  SitrepStore      *store,
                                                  SitrepClock      *clock);

G_END_DECLS
