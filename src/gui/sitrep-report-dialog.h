/* sitrep-report-dialog.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-report.h"

G_BEGIN_DECLS

#define SITREP_TYPE_REPORT_DIALOG (sitrep_report_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SitrepReportDialog, sitrep_report_dialog, SITREP, REPORT_DIALOG, AdwWindow)

/*
 * Signals:
 *   "sent" (const char *text, const char *how): the report's text went out:
 *       how is "copied", "saved-pdf", "saved-markdown" or "printed". The
 *       caller records it in the incident's timeline (kind "report").
 */

GtkWidget    *sitrep_report_dialog_new       (SitrepReport       *report);
SitrepReport *sitrep_report_dialog_get_report (SitrepReportDialog *self);
char         *sitrep_report_dialog_get_text  (SitrepReportDialog *self);
gboolean      sitrep_report_dialog_get_edited (SitrepReportDialog *self);
gboolean      sitrep_report_dialog_save      (SitrepReportDialog *self,
                                              GFile              *file,
                                              gboolean            pdf,
                                              GError            **error);

G_END_DECLS
