/* sitrep-lifecycle.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sitrep-link.h"
#include "sitrep-types.h"

G_BEGIN_DECLS

#define SITREP_LIFECYCLE_ERROR (sitrep_lifecycle_error_quark ())

/* What a rule refused, as against a storage failure (SITREP_STORE_ERROR). */
typedef enum
{
  SITREP_LIFECYCLE_ERROR_INVALID_TRANSITION,
  SITREP_LIFECYCLE_ERROR_INVALID_TIME,     /* before reported_at, in the future, … */
  SITREP_LIFECYCLE_ERROR_INVALID_VALUE,    /* empty title, level 4, unknown field, … */
  SITREP_LIFECYCLE_ERROR_READ_ONLY_ROLE,   /* the current user may only view */
} SitrepLifecycleError;

/* What a change needs beyond being allowed, from the rules in
 * sitrep_lifecycle_get_needs() */
typedef enum
{
  SITREP_NEED_NONE        = 0,
  SITREP_NEED_DESTINATION = 1 << 0,  /* where a transfer goes */
  SITREP_NEED_REASON      = 1 << 1,  /* a comment saying why */
  SITREP_NEED_RESOLUTION  = 1 << 2,  /* the incident's resolution */
  SITREP_NEED_CATEGORY    = 1 << 3,  /* a cause category other than unknown */
} SitrepNeed;

/* How far in the future a time may be, for clocks that disagree a little */
#define SITREP_LIFECYCLE_FUTURE_SLACK 60

GQuark        sitrep_lifecycle_error_quark          (void);

/* The rules */
gboolean      sitrep_lifecycle_can_transition       (SitrepStatus       status,
                                                     SitrepTransition   transition);
SitrepStatus  sitrep_lifecycle_get_target           (SitrepTransition   transition);
gboolean      sitrep_lifecycle_needs_destination    (SitrepTransition   transition);
gboolean      sitrep_lifecycle_check_transition     (const char        *key,
                                                     SitrepStatus       status,
                                                     SitrepTransition   transition,
                                                     const char        *transferred_to,
                                                     GError           **error);
gboolean      sitrep_lifecycle_check_not_future     (gint64             at,
                                                     gint64             now,
                                                     GError           **error);
gboolean      sitrep_lifecycle_check_not_before     (gint64             at,
                                                     gint64             limit,
                                                     const char        *what,
                                                     GError           **error);
gboolean      sitrep_lifecycle_check_fault_start    (gint64             occurred_at,
                                                     gint64             reported_at,
                                                     GError           **error);
gboolean      sitrep_lifecycle_check_level          (int                level,
                                                     GError           **error);
gboolean      sitrep_lifecycle_check_role           (gboolean           read_only,
                                                     GError           **error);
gboolean      sitrep_lifecycle_check_verdict        (SitrepVerdict      verdict,
                                                     const char        *reason,
                                                     GError           **error);
gboolean      sitrep_lifecycle_check_report_how     (const char        *how,
                                                     GError           **error);
/* resolve_needs: whether @incident (level 1 or 2) lacks a root cause or a
 * cause category (unknown counts as missing) */
gboolean      sitrep_lifecycle_resolve_needs        (SitrepIncident    *incident,
                                                     gboolean          *needs_root_cause,
                                                     gboolean          *needs_category);
SitrepNeed    sitrep_lifecycle_get_needs            (SitrepIncident    *incident,
                                                     SitrepTransition   transition,
                                                     SitrepPolicy      *policy,
                                                     gint64             at);
SitrepNeed    sitrep_lifecycle_get_level_needs      (SitrepIncident    *incident,
                                                     int                level,
                                                     SitrepPolicy      *policy);
SitrepNeed    sitrep_lifecycle_get_missing          (SitrepIncident    *incident,
                                                     SitrepNeed         needs,
                                                     const char        *comment,
                                                     const char        *destination);
gboolean      sitrep_lifecycle_check_needs          (SitrepIncident    *incident,
                                                     SitrepTransition   transition,
                                                     SitrepPolicy      *policy,
                                                     gint64             at,
                                                     const char        *comment,
                                                     const char        *transferred_to,
                                                     GError           **error);
gboolean      sitrep_lifecycle_check_level_change   (SitrepIncident    *incident,
                                                     int                level,
                                                     SitrepPolicy      *policy,
                                                     const char        *comment,
                                                     GError           **error);

/* The words of the timeline's automatic entries (transfer full) */
char         *sitrep_lifecycle_describe_created     (int                level);
char         *sitrep_lifecycle_describe_transition  (SitrepTransition   transition,
                                                     const char        *transferred_to,
                                                     const char        *comment);
char         *sitrep_lifecycle_describe_level       (int                old_level,
                                                     int                level,
                                                     const char        *comment);
char         *sitrep_lifecycle_describe_owner       (const char        *old_owner,
                                                     const char        *owner);
char         *sitrep_lifecycle_describe_field       (const char        *label,
                                                     gboolean           long_text,
                                                     const char        *old_text,
                                                     const char        *new_text);
char         *sitrep_lifecycle_describe_notice      (SitrepNoticeKind   kind,
                                                     const char        *summary);
char         *sitrep_lifecycle_describe_complaint   (const char        *customer,
                                                     const char        *summary,
                                                     const char        *ref,
                                                     SitrepVerdict      verdict);
char         *sitrep_lifecycle_describe_verdict     (const char        *ref,
                                                     const char        *customer,
                                                     SitrepVerdict      old_verdict,
                                                     SitrepVerdict      verdict,
                                                     const char        *reason);
char         *sitrep_lifecycle_describe_complaint_moved (const char    *ref,
                                                     const char        *customer,
                                                     const char        *other_key,
                                                     gboolean           incoming);
char         *sitrep_lifecycle_describe_report      (SitrepReportKind   kind,
                                                     const char        *how);
char         *sitrep_lifecycle_describe_team_section (const char       *team,
                                                     gboolean           had_text,
                                                     gboolean           has_text);
char         *sitrep_lifecycle_describe_resolve     (SitrepIncident    *incident,
                                                     const char        *comment);

/* Holds and functional escalation (teams) */
gboolean      sitrep_lifecycle_check_hold           (SitrepIncident    *incident,
                                                     const char        *reason,
                                                     GError           **error);
gboolean      sitrep_lifecycle_check_release        (SitrepIncident    *incident,
                                                     GError           **error);
gboolean      sitrep_lifecycle_check_team           (SitrepIncident    *incident,
                                                     const char        *team,
                                                     GError           **error);
gboolean      sitrep_lifecycle_check_team_resolved  (SitrepIncident    *incident,
                                                     const char        *resolution,
                                                     GError           **error);
char         *sitrep_lifecycle_describe_hold        (const char        *reason,
                                                     guint              pauses);
char         *sitrep_lifecycle_describe_release     (gint64             held_seconds);
char         *sitrep_lifecycle_describe_team        (const char        *old_team,
                                                     const char        *team,
                                                     const char        *comment);
char         *sitrep_lifecycle_describe_team_resolved (const char      *team,
                                                     const char        *resolution);
char         *sitrep_lifecycle_describe_owner_confirmed (const char    *owner,
                                                     const char        *team);
/* Corrections of notes and of the report's times */
gboolean      sitrep_lifecycle_check_correction     (SitrepEntryKind    kind,
                                                     const char        *old_text,
                                                     SitrepTag          old_tag,
                                                     const char        *text,
                                                     SitrepTag          tag,
                                                     GError           **error);
gboolean      sitrep_lifecycle_check_report_times   (SitrepIncident    *incident,
                                                     gint64             occurred_at,
                                                     gint64             reported_at,
                                                     gint64             now,
                                                     const char        *reason,
                                                     GError           **error);
char         *sitrep_lifecycle_describe_report_times (gint64           old_occurred_at,
                                                     gint64             occurred_at,
                                                     gint64             old_reported_at,
                                                     gint64             reported_at,
                                                     const char        *reason);
/* Links between incidents: the entries of both incidents' timelines
 * (@incoming: the entry of the link's target), and the reason of
 * cancelling a duplicate, "Duplicate of INC-12" */
char         *sitrep_lifecycle_describe_link        (SitrepLinkKind     kind,
                                                     const char        *other_key,
                                                     gboolean           incoming);
char         *sitrep_lifecycle_describe_unlink      (SitrepLinkKind     kind,
                                                     const char        *other_key,
                                                     gboolean           incoming);
char         *sitrep_lifecycle_describe_duplicate_reason (const char   *original_key);

G_END_DECLS
