/* sitrep-incident-row.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sitrep-incident.h"
#include "sitrep-policy.h"
#include "sitrep-incident-slot.h"

G_BEGIN_DECLS

#define SITREP_TYPE_INCIDENT_ROW (sitrep_incident_row_get_type ())

G_DECLARE_FINAL_TYPE (SitrepIncidentRow, sitrep_incident_row, SITREP, INCIDENT_ROW, GtkWidget)

GtkWidget      *sitrep_incident_row_new          (void);
SitrepIncident *sitrep_incident_row_get_incident (SitrepIncidentRow *self);
void            sitrep_incident_row_set_incident (SitrepIncidentRow *self,
                                                  SitrepIncident    *incident,
                                                  SitrepPolicy      *policy,
                                                  gint64             now);
void            sitrep_incident_row_update       (SitrepIncidentRow *self,
                                                  SitrepPolicy      *policy,
                                                  gint64             now);
void            sitrep_incident_row_set_slot     (SitrepIncidentRow  *self,
                                                  SitrepIncidentSlot *slot);

G_END_DECLS
