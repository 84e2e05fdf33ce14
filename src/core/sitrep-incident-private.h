/* sitrep-incident-private.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-incident.h"

G_BEGIN_DECLS

/* An incident (trouble ticket) as stored. SitrepStore fills it; changing a copy changes
 * nothing stored. */

struct _SitrepIncident
{
  GObject parent_instance;

  gint64 id;
  gint64 version;
  char *key;
  char *title;
  char *service;
  int level;
  SitrepStatus status;
  char *reporter_name;
  char *reporter_contact;
  SitrepChannel reporter_channel;
  char *symptoms;
  char *details;
  gint64 occurred_at;
  gint64 reported_at;
  gint64 acknowledged_at;
  gint64 recovered_at;
  gint64 resolved_at;
  gint64 transferred_at;
  char *transferred_to;
  gint64 closed_at;
  gint64 cancelled_at;
  char *owner;
  SitrepCause cause_category;
  char *root_cause;
  char *resolution;
  gint64 initial_notice_at;
  gint64 progress_notice_at;
  int progress_notice_count;
  gint64 rectification_notice_at;
  gint64 escalation_notice_at;
  /* the final report's fields */
  char *impact;
  gint64 affected_count;  /* -1: not given */
  char *corrective_actions;
  char *lessons_learned;
  /* functional escalation and holds (sitrep-incident-workflow.c) */
  GArray *holds;            /* SitrepHold, by started_at; NULL while none */
  char *team;
  gint64 team_assigned_at;
  gint64 team_resolved_at;
  char *team_resolution;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_KEY,
  PROP_TITLE,
  PROP_SERVICE,
  PROP_LEVEL,
  PROP_STATUS,
  PROP_REPORTER_NAME,
  PROP_REPORTER_CONTACT,
  PROP_REPORTER_CHANNEL,
  PROP_SYMPTOMS,
  PROP_DETAILS,
  PROP_OCCURRED_AT,
  PROP_REPORTED_AT,
  PROP_ACKNOWLEDGED_AT,
  PROP_RECOVERED_AT,
  PROP_RESOLVED_AT,
  PROP_TRANSFERRED_AT,
  PROP_TRANSFERRED_TO,
  PROP_CLOSED_AT,
  PROP_CANCELLED_AT,
  PROP_OWNER,
  PROP_CAUSE_CATEGORY,
  PROP_ROOT_CAUSE,
  PROP_RESOLUTION,
  PROP_INITIAL_NOTICE_AT,
  PROP_PROGRESS_NOTICE_AT,
  PROP_PROGRESS_NOTICE_COUNT,
  PROP_RECTIFICATION_NOTICE_AT,
  PROP_ESCALATION_NOTICE_AT,
  PROP_IMPACT,
  PROP_AFFECTED_COUNT,
  PROP_CORRECTIVE_ACTIONS,
  PROP_LESSONS_LEARNED,
  PROP_VERSION,
  N_PROPS
};

extern GParamSpec *_sitrep_incident_properties[N_PROPS];

void _sitrep_incident_replace_string (SitrepIncident  *self,
                                      char           **field,
                                      const char      *value,
                                      int              prop);
void _sitrep_incident_replace_int64  (SitrepIncident  *self,
                                      gint64          *field,
                                      gint64           value,
                                      int              prop);

/* sitrep-incident-workflow.c */
void _sitrep_incident_workflow_finalize (SitrepIncident *self);
void _sitrep_incident_workflow_copy     (SitrepIncident *copy,
                                         SitrepIncident *self);

G_END_DECLS
