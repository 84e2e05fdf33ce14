/* sitrep-bench-data.h: the incidents the store benchmark generates
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-store.h"

G_BEGIN_DECLS

#define TIMELINE_PER_INCIDENT  10
#define N_HOSTS                1000

/* 2026-03-01T12:00:00Z: "now" for the generated data and the store. */
#define BENCH_NOW              G_GINT64_CONSTANT (1772366400)

#define MINUTE 60
#define HOUR   (60 * MINUTE)
#define DAY    (24 * HOUR)

/* The rare word names one of N_HOSTS hosts (0.1 % of titles); the
 * ordinary one is in the details of one incident in a hundred; the common
 * one is in one title in eight. */
#define RARE_WORD     "srv0421"
#define ORDINARY_WORD "firmware"
#define COMMON_WORD   "timeout"

typedef struct
{
  gint64           occurred_at;
  gint64           recorded_at;
  const char      *author;
  SitrepEntryKind  kind;
  SitrepTag        tag;
  char             text[128];
} GenEntry;

/* One incident, made from its number alone so that both sides of the
 * benchmark write the same data without keeping it in memory. */
typedef struct
{
  char           key[32];
  char           title[160];
  const char    *service;
  int            level;
  SitrepStatus   status;
  const char    *reporter_name;
  SitrepChannel  channel;
  char           symptoms[160];
  const char    *details;
  gint64         occurred_at;
  gint64         reported_at;
  gint64         acknowledged_at;
  gint64         recovered_at;
  gint64         resolved_at;
  gint64         transferred_at;
  const char    *transferred_to;
  gint64         closed_at;
  gint64         cancelled_at;
  const char    *owner;
  SitrepCause    cause;
  GenEntry       timeline[TIMELINE_PER_INCIDENT];
} GenIncident;

void             generate_incident (guint64            n,
                                    GenIncident       *gen);
SitrepIncident  *make_incident     (const GenIncident *gen);
GPtrArray       *make_timeline     (const GenIncident *gen);
void             generate_deadlines (const GenIncident *gen,
                                     gint64            *next_due,
                                     gint64            *next_warn_at);

G_END_DECLS
