/* sitrep-incident-slot.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sitrep-incident.h"

G_BEGIN_DECLS

#define SITREP_TYPE_INCIDENT_SLOT (sitrep_incident_slot_get_type ())

G_DECLARE_FINAL_TYPE (SitrepIncidentSlot, sitrep_incident_slot, SITREP, INCIDENT_SLOT, GObject)

SitrepIncidentSlot *sitrep_incident_slot_new          (SitrepIncident     *incident);
SitrepIncident     *sitrep_incident_slot_get_incident (SitrepIncidentSlot *self);
void                sitrep_incident_slot_set_incident (SitrepIncidentSlot *self,
                                                       SitrepIncident     *incident);

G_END_DECLS
