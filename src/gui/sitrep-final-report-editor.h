/* sitrep-final-report-editor.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_FINAL_REPORT_EDITOR (sitrep_final_report_editor_get_type ())

G_DECLARE_FINAL_TYPE (SitrepFinalReportEditor, sitrep_final_report_editor,
                      SITREP, FINAL_REPORT_EDITOR, AdwBin)

GtkWidget *sitrep_final_report_editor_new             (void);
void       sitrep_final_report_editor_set_context     (SitrepFinalReportEditor  *self,
                                                       SitrepContext            *context);
void       sitrep_final_report_editor_set_incident_id (SitrepFinalReportEditor  *self,
                                                       gint64                    incident_id);
gint64     sitrep_final_report_editor_get_incident_id (SitrepFinalReportEditor *self);
void       sitrep_final_report_editor_set_read_only   (SitrepFinalReportEditor  *self,
                                                       gboolean                  read_only);
void       sitrep_final_report_editor_set_user_name   (SitrepFinalReportEditor  *self,
                                                       const char               *user_name);
gboolean   sitrep_final_report_editor_get_changed     (SitrepFinalReportEditor  *self);
gboolean   sitrep_final_report_editor_save            (SitrepFinalReportEditor  *self,
                                                       GError                  **error);
GtkTextBuffer *sitrep_final_report_editor_get_team_buffer (SitrepFinalReportEditor *self,
                                                           const char              *team);
void       sitrep_final_report_editor_add_team        (SitrepFinalReportEditor  *self,
                                                       const char               *team);

G_END_DECLS
