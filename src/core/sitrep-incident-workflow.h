/* sitrep-incident-workflow.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-incident.h"

G_BEGIN_DECLS

/* The clocks a hold pauses, as a mask of 1 << SitrepDeadlineKind. */
#define SITREP_HOLD_PAUSES(kind) (1u << (kind))
#define SITREP_HOLD_PAUSES_NONE  0u

/*
 * A span during which the incident was on hold (waiting for the customer,
 * for a vendor). Which clocks it paused is recorded when it starts, so a
 * later change of the policy does not rewrite what happened.
 */
typedef struct
{
  gint64  id;          /* the row id; 0 for a hold not stored yet */
  gint64  started_at;
  gint64  ended_at;    /* SITREP_TIME_NONE while the incident is held */
  char   *reason;
  char   *author;
  guint   pauses;      /* SITREP_HOLD_PAUSES() of each clock it pauses */
} SitrepHold;

guint             sitrep_incident_get_n_holds       (SitrepIncident   *self);
const SitrepHold *sitrep_incident_get_hold          (SitrepIncident   *self,
                                                     guint             index);
const SitrepHold *sitrep_incident_get_current_hold  (SitrepIncident   *self);
const SitrepHold *sitrep_incident_get_hold_at       (SitrepIncident   *self,
                                                     gint64            at);
void              sitrep_incident_add_hold          (SitrepIncident   *self,
                                                     const SitrepHold *hold);
gboolean          sitrep_incident_end_hold          (SitrepIncident   *self,
                                                     gint64            at);
void              sitrep_incident_clear_holds       (SitrepIncident   *self);

const char       *sitrep_incident_get_team          (SitrepIncident   *self);
gint64            sitrep_incident_get_team_assigned_at (SitrepIncident *self);
gint64            sitrep_incident_get_team_resolved_at (SitrepIncident *self);
const char       *sitrep_incident_get_team_resolution  (SitrepIncident *self);
void              sitrep_incident_set_team          (SitrepIncident   *self,
                                                     const char       *team,
                                                     gint64            assigned_at);
void              sitrep_incident_set_team_resolved (SitrepIncident   *self,
                                                     gint64            resolved_at,
                                                     const char       *resolution);

G_END_DECLS
