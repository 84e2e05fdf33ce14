/* sitrep-incident.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sitrep-types.h"

G_BEGIN_DECLS

#define SITREP_TYPE_INCIDENT (sitrep_incident_get_type ())

G_DECLARE_FINAL_TYPE (SitrepIncident, sitrep_incident, SITREP, INCIDENT, GObject)

SitrepIncident *sitrep_incident_new (void);
SitrepIncident *sitrep_incident_copy (SitrepIncident *self);

gint64 sitrep_incident_get_id (SitrepIncident *self);
void sitrep_incident_set_id (SitrepIncident *self,
    gint64 id);
gint64 sitrep_incident_get_version (SitrepIncident *self);
void sitrep_incident_set_version (SitrepIncident *self,
    gint64 version);
const char *sitrep_incident_get_key (SitrepIncident *self);
void sitrep_incident_set_key (SitrepIncident *self,
    const char *key);
const char *sitrep_incident_get_title (SitrepIncident *self);
void sitrep_incident_set_title (SitrepIncident *self,
    const char *title);
const char *sitrep_incident_get_service (SitrepIncident *self);
void sitrep_incident_set_service (SitrepIncident *self,
    const char *service);
int sitrep_incident_get_level (SitrepIncident *self);
void sitrep_incident_set_level (SitrepIncident *self,
    int level);
SitrepStatus sitrep_incident_get_status (SitrepIncident *self);
void sitrep_incident_set_status (SitrepIncident *self,
    SitrepStatus status);
const char *sitrep_incident_get_reporter_name (SitrepIncident *self);
void sitrep_incident_set_reporter_name (SitrepIncident *self,
    const char *reporter_name);
const char *sitrep_incident_get_reporter_contact (SitrepIncident *self);
void sitrep_incident_set_reporter_contact (SitrepIncident *self,
    const char *reporter_contact);
SitrepChannel sitrep_incident_get_reporter_channel (SitrepIncident *self);
void sitrep_incident_set_reporter_channel (SitrepIncident *self,
    SitrepChannel reporter_channel);
const char *sitrep_incident_get_symptoms (SitrepIncident *self);
void sitrep_incident_set_symptoms (SitrepIncident *self,
    const char *symptoms);
const char *sitrep_incident_get_details (SitrepIncident *self);
void sitrep_incident_set_details (SitrepIncident *self,
    const char *details);
gint64 sitrep_incident_get_occurred_at (SitrepIncident *self);
void sitrep_incident_set_occurred_at (SitrepIncident *self,
    gint64 occurred_at);
gint64 sitrep_incident_get_reported_at (SitrepIncident *self);
void sitrep_incident_set_reported_at (SitrepIncident *self,
    gint64 reported_at);
gint64 sitrep_incident_get_acknowledged_at (SitrepIncident *self);
void sitrep_incident_set_acknowledged_at (SitrepIncident *self,
    gint64 acknowledged_at);
gint64 sitrep_incident_get_recovered_at (SitrepIncident *self);
void sitrep_incident_set_recovered_at (SitrepIncident *self,
    gint64 recovered_at);
gint64 sitrep_incident_get_resolved_at (SitrepIncident *self);
void sitrep_incident_set_resolved_at (SitrepIncident *self,
    gint64 resolved_at);
gint64 sitrep_incident_get_transferred_at (SitrepIncident *self);
void sitrep_incident_set_transferred_at (SitrepIncident *self,
    gint64 transferred_at);
const char *sitrep_incident_get_transferred_to (SitrepIncident *self);
void sitrep_incident_set_transferred_to (SitrepIncident *self,
    const char *transferred_to);
gint64 sitrep_incident_get_closed_at (SitrepIncident *self);
void sitrep_incident_set_closed_at (SitrepIncident *self,
    gint64 closed_at);
gint64 sitrep_incident_get_cancelled_at (SitrepIncident *self);
void sitrep_incident_set_cancelled_at (SitrepIncident *self,
    gint64 cancelled_at);
const char *sitrep_incident_get_owner (SitrepIncident *self);
void sitrep_incident_set_owner (SitrepIncident *self,
    const char *owner);
SitrepCause sitrep_incident_get_cause_category (SitrepIncident *self);
void sitrep_incident_set_cause_category (SitrepIncident *self,
    SitrepCause cause_category);
const char *sitrep_incident_get_root_cause (SitrepIncident *self);
void sitrep_incident_set_root_cause (SitrepIncident *self,
    const char *root_cause);
const char *sitrep_incident_get_resolution (SitrepIncident *self);
void sitrep_incident_set_resolution (SitrepIncident *self,
    const char *resolution);
gint64 sitrep_incident_get_initial_notice_at (SitrepIncident *self);
void sitrep_incident_set_initial_notice_at (SitrepIncident *self,
    gint64 initial_notice_at);
gint64 sitrep_incident_get_progress_notice_at (SitrepIncident *self);
void sitrep_incident_set_progress_notice_at (SitrepIncident *self,
    gint64 progress_notice_at);
int sitrep_incident_get_progress_notice_count (SitrepIncident *self);
void sitrep_incident_set_progress_notice_count (SitrepIncident *self,
    int progress_notice_count);
gint64 sitrep_incident_get_rectification_notice_at (SitrepIncident *self);
void sitrep_incident_set_rectification_notice_at (SitrepIncident *self,
    gint64 rectification_notice_at);
gint64 sitrep_incident_get_escalation_notice_at (SitrepIncident *self);
void sitrep_incident_set_escalation_notice_at (SitrepIncident *self,
    gint64 escalation_notice_at);

/* The final report's fields. affected_count: -1 when not given. */
const char *sitrep_incident_get_impact (SitrepIncident *self);
void sitrep_incident_set_impact (SitrepIncident *self,
    const char *impact);
gint64 sitrep_incident_get_affected_count (SitrepIncident *self);
void sitrep_incident_set_affected_count (SitrepIncident *self,
    gint64 affected_count);
const char *sitrep_incident_get_corrective_actions (SitrepIncident *self);
void sitrep_incident_set_corrective_actions (SitrepIncident *self,
    const char *corrective_actions);
const char *sitrep_incident_get_lessons_learned (SitrepIncident *self);
void sitrep_incident_set_lessons_learned (SitrepIncident *self,
    const char *lessons_learned);

G_END_DECLS
