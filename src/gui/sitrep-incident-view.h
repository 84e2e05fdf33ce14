/* sitrep-incident-view.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_INCIDENT_VIEW (sitrep_incident_view_get_type ())

G_DECLARE_FINAL_TYPE (SitrepIncidentView, sitrep_incident_view, SITREP, INCIDENT_VIEW, AdwBin)

GtkWidget      *sitrep_incident_view_new              (void);
SitrepContext  *sitrep_incident_view_get_context      (SitrepIncidentView  *self);
void            sitrep_incident_view_set_context      (SitrepIncidentView  *self,
                                                       SitrepContext       *context);
gint64          sitrep_incident_view_get_incident_id  (SitrepIncidentView  *self);
void            sitrep_incident_view_set_incident_id  (SitrepIncidentView  *self,
                                                       gint64               incident_id);
void            sitrep_incident_view_set_incident_id_after_frame
                                                      (SitrepIncidentView  *self,
                                                       gint64               incident_id);
gboolean        sitrep_incident_view_get_read_only    (SitrepIncidentView  *self);
void            sitrep_incident_view_set_read_only    (SitrepIncidentView  *self,
                                                       gboolean             read_only);
SitrepIncident *sitrep_incident_view_get_incident     (SitrepIncidentView  *self);
const char     *sitrep_incident_view_get_heading      (SitrepIncidentView  *self);
GtkWidget      *sitrep_incident_view_get_timeline     (SitrepIncidentView  *self);
GListModel     *sitrep_incident_view_get_shortcuts    (SitrepIncidentView  *self);

gboolean        sitrep_incident_view_run_transition   (SitrepIncidentView  *self,
                                                       SitrepTransition     transition,
                                                       gint64               at,
                                                       const char          *comment,
                                                       const char          *transferred_to,
                                                       GError             **error);
gboolean        sitrep_incident_view_change_level     (SitrepIncidentView  *self,
                                                       int                  level,
                                                       gint64               at,
                                                       const char          *comment,
                                                       GError             **error);
void            sitrep_incident_view_set_composer     (SitrepIncidentView  *self,
                                                       const char          *text,
                                                       SitrepTag            tag,
                                                       const char          *time_text);

G_END_DECLS
