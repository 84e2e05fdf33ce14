/* sitrep-report.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sitrep-complaint.h"
#include "sitrep-incident.h"
#include "sitrep-report-monthly.h"
#include "sitrep-sla.h"
#include "sitrep-store.h"
#include "sitrep-types.h"

G_BEGIN_DECLS

#define SITREP_REPORT_ERROR (sitrep_report_error_quark ())

typedef enum
{
  SITREP_REPORT_ERROR_INVALID_MONTH,   /* not YYYY-MM */
  SITREP_REPORT_ERROR_DATABASE,        /* the database could not be read */
  SITREP_REPORT_ERROR_WRITE,           /* the output file could not be written */
} SitrepReportError;

/* SitrepReportKind and SitrepVerdict are in sitrep-types.h; the report's
 * older names of the verdict stay for its callers. */
typedef SitrepVerdict SitrepComplaintVerdict;
#define SITREP_COMPLAINT_VERDICT_NOT_ANALYSED   SITREP_VERDICT_NOT_ANALYSED
#define SITREP_COMPLAINT_VERDICT_ATTRIBUTED     SITREP_VERDICT_ATTRIBUTED
#define SITREP_COMPLAINT_VERDICT_NOT_ATTRIBUTED SITREP_VERDICT_NOT_ATTRIBUTED

/* A timeline entry as a report quotes it. */
typedef struct
{
  gint64           at;
  SitrepEntryKind  kind;
  SitrepTag        tag;
  char            *author;
  char            *text;
} SitrepReportEntry;

/* One responding team's written section of a final report. */
typedef struct
{
  char *team;
  char *author;
  char *text;
} SitrepReportTeam;

/* A complaint as the final report lists it. */
typedef struct
{
  char                   *ref;
  char                   *customer;
  gint64                  received_at;
  SitrepComplaintVerdict  verdict;
  char                   *reason;     /* why not attributed, or NULL */
  char                   *incident_key; /* the child incident's key for a
                                         * complaint of a child, or NULL */
} SitrepReportComplaint;

/* from_children: how many of those received came to the incident's child
 * incidents (a major incident's report counts them as its own);
 * customers: how many different customers complained */
typedef struct
{
  guint received;
  guint attributed;
  guint not_attributed;
  guint not_analysed;
  guint from_children;
  guint customers;
} SitrepComplaintCounts;

#define SITREP_TYPE_REPORT (sitrep_report_get_type ())

G_DECLARE_FINAL_TYPE (SitrepReport, sitrep_report, SITREP, REPORT, GObject)

GQuark                  sitrep_report_error_quark            (void);

SitrepComplaintVerdict  sitrep_report_get_complaint_verdict  (SitrepComplaint  *complaint,
                                                              const char      **reason);

SitrepReport           *sitrep_report_new_can                (SitrepStore      *store,
                                                              gint64            id,
                                                              GError          **error);
SitrepReport           *sitrep_report_new_final              (SitrepStore      *store,
                                                              gint64            id,
                                                              GError          **error);
SitrepReport           *sitrep_report_new_monthly            (SitrepMonthly    *current,
                                                              SitrepMonthly    *previous);
SitrepReport           *sitrep_report_new_monthly_from_path  (const char       *path,
                                                              int               year,
                                                              int               month,
                                                              gint64            now,
                                                              GError          **error);

SitrepReportKind        sitrep_report_get_kind               (SitrepReport     *self);
const char             *sitrep_report_get_name               (SitrepReport     *self);
char                   *sitrep_report_get_subject            (SitrepReport     *self);
gint64                  sitrep_report_get_generated_at       (SitrepReport     *self);
SitrepIncident         *sitrep_report_get_incident           (SitrepReport     *self);
const SitrepDeadline   *sitrep_report_get_deadlines          (SitrepReport     *self);
GStrv                   sitrep_report_get_authors            (SitrepReport     *self);
GPtrArray              *sitrep_report_get_section            (SitrepReport     *self,
                                                              SitrepTag         tag);
GPtrArray              *sitrep_report_get_key_events         (SitrepReport     *self);
GPtrArray              *sitrep_report_get_complaints         (SitrepReport     *self);
void                    sitrep_report_count_complaints       (SitrepReport          *self,
                                                              SitrepComplaintCounts *counts);
GPtrArray              *sitrep_report_get_teams              (SitrepReport     *self);
GPtrArray              *sitrep_report_get_children           (SitrepReport     *self);
void                    sitrep_report_add_team               (SitrepReport     *self,
                                                              const char       *team,
                                                              const char       *author,
                                                              const char       *text);
const char             *sitrep_report_get_summary            (SitrepReport     *self);
void                    sitrep_report_set_summary            (SitrepReport     *self,
                                                              const char       *summary);
const char             *sitrep_report_get_impact             (SitrepReport     *self);
void                    sitrep_report_set_impact             (SitrepReport     *self,
                                                              const char       *impact);
gint64                  sitrep_report_get_impact_count       (SitrepReport     *self);
void                    sitrep_report_set_impact_count       (SitrepReport     *self,
                                                              gint64            count);
const char             *sitrep_report_get_corrective_actions (SitrepReport     *self);
void                    sitrep_report_set_corrective_actions (SitrepReport     *self,
                                                              const char       *text);
const char             *sitrep_report_get_lessons_learned    (SitrepReport     *self);
void                    sitrep_report_set_lessons_learned    (SitrepReport     *self,
                                                              const char       *text);
const SitrepMonthly    *sitrep_report_get_monthly            (SitrepReport     *self);
const SitrepMonthly    *sitrep_report_get_previous           (SitrepReport     *self);

G_END_DECLS
