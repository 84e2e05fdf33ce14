/* sitrep-sla.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-incident.h"
#include "sitrep-policy.h"
#include "sitrep-types.h"

G_BEGIN_DECLS

/*
 * The SLA engine: pure functions from (incident, policy, now) to the
 * incident's deadlines, its communication notices and the moments at which
 * an alert is due. No I/O, no clock: "now" is always a parameter.
 */

typedef struct
{
  SitrepDeadlineKind  kind;
  gint64              start;    /* reported_at, or occurred_at for recovery */
  gint64              warn_at;  /* start + share × window */
  gint64              due;      /* start + window, for the current level */
  gint64              met_at;   /* SITREP_TIME_NONE while unmet */
  SitrepDeadlineState state;
  gint64              held;     /* seconds on hold that moved the due */
  gboolean            paused_now; /* the clock stands still on hold */
} SitrepDeadline;

typedef struct
{
  SitrepNoticeKind  kind;
  SitrepNoticeState state;
  gint64            due;        /* SITREP_TIME_NONE when not (yet) due */
  gint64            sent_at;    /* the last time this kind was sent */
  int               sequence;   /* progress: number of the next one, from 1 */
} SitrepNotice;

typedef struct
{
  char              key[40];    /* "response-warning", "notice-progress-2" */
  gint64            at;
  gboolean          is_notice;
  SitrepDeadlineKind deadline;  /* when !is_notice */
  SitrepNoticeKind  notice;     /* when is_notice */
  SitrepAlertStage  stage;
} SitrepAlertMoment;

void      sitrep_sla_compute_deadlines   (SitrepIncident  *incident,
                                          SitrepPolicy    *policy,
                                          gint64           now,
                                          SitrepDeadline   deadlines[SITREP_N_DEADLINES]);
gboolean  sitrep_sla_get_next_deadline   (SitrepIncident  *incident,
                                          SitrepPolicy    *policy,
                                          gint64           now,
                                          SitrepDeadline  *deadline);
gint64    sitrep_sla_get_next_due        (SitrepIncident  *incident,
                                          SitrepPolicy    *policy);
gint64    sitrep_sla_get_next_warn_at    (SitrepIncident  *incident,
                                          SitrepPolicy    *policy);
void      sitrep_sla_compute_notices     (SitrepIncident  *incident,
                                          SitrepPolicy    *policy,
                                          gint64           now,
                                          SitrepNotice     notices[SITREP_N_NOTICES]);
GArray   *sitrep_sla_list_alert_moments  (SitrepIncident  *incident,
                                          SitrepPolicy    *policy);
gboolean  sitrep_sla_deadline_ended_by_cancel (SitrepIncident       *incident,
                                              const SitrepDeadline *deadline);
char     *sitrep_sla_describe_deadline   (const SitrepDeadline *deadline,
                                          gint64           now);

G_END_DECLS
