/* sitrep-report-monthly.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include <glib.h>

#include "sitrep-db.h"
#include "sitrep-types.h"

G_BEGIN_DECLS

/*
 * The figures of one calendar month in the desk's time zone (the TZ
 * environment variable decides), computed by SQL aggregates over the
 * incidents reported in that month.
 */

/* How a clock of an incident reported in the month ended up. */
typedef enum
{
  SITREP_CLOCK_OUTCOME_MET,
  SITREP_CLOCK_OUTCOME_MET_LATE,
  SITREP_CLOCK_OUTCOME_BREACHED,
  SITREP_CLOCK_OUTCOME_PENDING,
  SITREP_CLOCK_OUTCOME_NOT_APPLICABLE,   /* cancelled before it was met */
} SitrepClockOutcome;

#define SITREP_N_CLOCK_OUTCOMES 5

/* The service list keeps this many services; the rest are summed as
 * "other". */
#define SITREP_MONTHLY_TOP_SERVICES 10
#define SITREP_MONTHLY_LONGEST_BREACHES 5

typedef struct
{
  char   *name;     /* a nick ("network"), a service, or NULL for "other"/none */
  gint64  count;
} SitrepMonthlyCount;

typedef struct
{
  char               *key;      /* "INC-7" */
  char               *title;
  int                 level;
  SitrepDeadlineKind  clock;    /* the clock breached the longest */
  gint64              seconds;  /* how long past due it was met, or is now */
} SitrepMonthlyBreach;

typedef struct
{
  int        year;
  int        month;                     /* 1 … 12 */
  gint64     start;                     /* the month's first second, local */
  gint64     end;                       /* the next month's first second */
  gint64     now;                       /* the moment the clocks are judged at */
  guint      n_days;

  gint64     reported;
  gint64     by_level[SITREP_LEVEL_MAX];
  GPtrArray *by_cause;                  /* SitrepMonthlyCount, name NULL: none */
  GPtrArray *by_service;                /* top services, then "other" (NULL) */
  GPtrArray *by_channel;                /* SitrepMonthlyCount */
  gint64     reported_per_day[31];
  gint64     resolved_per_day[31];

  gint64     clocks[SITREP_N_DEADLINES][SITREP_N_CLOCK_OUTCOMES];

  /* minutes to acknowledge, to recover, to resolve (indexed by the clock
   * that each one meets) */
  gint64     minutes_count[SITREP_N_DEADLINES];
  double     minutes_mean[SITREP_N_DEADLINES];
  double     minutes_p90[SITREP_N_DEADLINES];

  /* notices of the communication plan that fell due */
  gint64     notices_due;
  gint64     notices_on_time;
  gint64     notices_late;
  gint64     notices_not_sent;

  gint64     complaints_received;
  gint64     complaints_attributed;

  GPtrArray *longest_breaches;          /* SitrepMonthlyBreach, longest first */
} SitrepMonthly;

/* The indexes the monthly analysis reads instead of the incidents table:
 * every column it needs, in the order of reported_at, so that a month is
 * one contiguous range of one index however the incidents' rows lie; and
 * resolved_at, for the per-day count of resolved incidents. The figures
 * are right without them, only slower (see the benchmark). */
#define SITREP_MONTHLY_INDEX_SQL \
  "CREATE INDEX IF NOT EXISTS incidents_monthly ON incidents" \
  " (reported_at, level, status, cause_category, reporter_channel, service, occurred_at," \
  "  acknowledged_at, recovered_at, resolved_at, transferred_at, closed_at," \
  "  initial_notice_at, rectification_notice_at, key_num);" \
  "CREATE INDEX IF NOT EXISTS incidents_by_resolved ON incidents (resolved_at)" \
  " WHERE resolved_at IS NOT NULL;"

SitrepMonthly *sitrep_monthly_new             (int                   year,
                                               int                   month);
void           sitrep_monthly_free            (SitrepMonthly        *self);
gboolean       sitrep_monthly_parse_month     (const char           *text,
                                               int                  *year,
                                               int                  *month,
                                               GError              **error);
void           sitrep_monthly_previous_month  (int                   year,
                                               int                   month,
                                               int                  *prev_year,
                                               int                  *prev_month);
gboolean       sitrep_monthly_get_compliance  (const SitrepMonthly  *self,
                                               SitrepDeadlineKind    clock,
                                               double               *compliance);

gboolean       sitrep_monthly_compute_db      (SitrepDb             *db,
                                               const char           *name,
                                               SitrepMonthly        *self,
                                               gint64                now,
                                               GError              **error);
gboolean       sitrep_monthly_compute_sql     (sqlite3              *db,
                                               SitrepMonthly        *self,
                                               gint64                now,
                                               GError              **error);
SitrepMonthly *sitrep_monthly_compute_path    (const char           *path,
                                               int                   year,
                                               int                   month,
                                               gint64                now,
                                               GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepMonthly, sitrep_monthly_free)

G_END_DECLS
