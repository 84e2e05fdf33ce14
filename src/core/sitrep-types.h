/* sitrep-types.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Times are Unix seconds (UTC). SITREP_TIME_NONE marks "not set". */
#define SITREP_TIME_NONE G_GINT64_CONSTANT (0)

#define SITREP_LEVEL_MIN 1
#define SITREP_LEVEL_MAX 3

typedef struct _SitrepClock          SitrepClock;
typedef struct _SitrepComplaint      SitrepComplaint;
typedef struct _SitrepContact        SitrepContact;
typedef struct _SitrepIncident       SitrepIncident;
typedef struct _SitrepPolicy         SitrepPolicy;
typedef struct _SitrepStore          SitrepStore;
typedef struct _SitrepTimelineEntry  SitrepTimelineEntry;

/* The nick of each value (as made by glib-mkenums) is the name used in
 * the JSON interchange format and in the database. */

typedef enum
{
  SITREP_STATUS_NEW,
  SITREP_STATUS_ACKNOWLEDGED,
  SITREP_STATUS_RECOVERED,
  SITREP_STATUS_RESOLVED,
  SITREP_STATUS_TRANSFERRED,
  SITREP_STATUS_CLOSED,
  SITREP_STATUS_CANCELLED,
} SitrepStatus;

typedef enum
{
  SITREP_CHANNEL_HOTLINE,
  SITREP_CHANNEL_EMAIL,
  SITREP_CHANNEL_MONITORING,
  SITREP_CHANNEL_OTHER,
} SitrepChannel;

/* SITREP_CAUSE_NONE: not yet categorised (null in JSON) */
typedef enum
{
  SITREP_CAUSE_NONE,
  SITREP_CAUSE_NETWORK,
  SITREP_CAUSE_HARDWARE,
  SITREP_CAUSE_SOFTWARE,
  SITREP_CAUSE_DATA,
  SITREP_CAUSE_UNKNOWN,
} SitrepCause;

typedef enum
{
  SITREP_ROLE_SERVICE_OWNER,
  SITREP_ROLE_OM_TEAM,
  SITREP_ROLE_RND_LEADER,
  SITREP_ROLE_INCIDENT_MANAGER,
  SITREP_ROLE_OM_ENGINEER,
  SITREP_ROLE_DEVELOPER,
  SITREP_ROLE_EXECUTIVE,
  SITREP_ROLE_SUPERVISOR,
  SITREP_ROLE_TEAM,           /* a team incidents are escalated to, not a person */
} SitrepRole;

typedef enum
{
  SITREP_ENTRY_KIND_NOTE,
  SITREP_ENTRY_KIND_CREATED,
  SITREP_ENTRY_KIND_STATUS,
  SITREP_ENTRY_KIND_LEVEL,
  SITREP_ENTRY_KIND_OWNER,
  SITREP_ENTRY_KIND_FIELD,
  SITREP_ENTRY_KIND_NOTICE,
  SITREP_ENTRY_KIND_ALERT,
  SITREP_ENTRY_KIND_COMPLAINT,
  SITREP_ENTRY_KIND_REPORT,
  SITREP_ENTRY_KIND_HOLD,       /* put on hold, released */
  SITREP_ENTRY_KIND_TEAM,       /* assigned to a team, team resolved, owner confirmed */
  /* a note's new text or tag; the entry it corrects stays, superseded */
  SITREP_ENTRY_KIND_CORRECTION,
  SITREP_ENTRY_KIND_LINK,
} SitrepEntryKind;

/* What the analysis of a complaint found: whether the incident caused it. */
typedef enum
{
  SITREP_VERDICT_NOT_ANALYSED,
  SITREP_VERDICT_ATTRIBUTED,
  SITREP_VERDICT_NOT_ATTRIBUTED,
} SitrepVerdict;

/* The reports drafted from an incident (CAN, final) or from a month. */
typedef enum
{
  SITREP_REPORT_KIND_CAN,
  SITREP_REPORT_KIND_FINAL,
  SITREP_REPORT_KIND_MONTHLY,
} SitrepReportKind;

/* SITREP_TAG_NONE: untagged (null in JSON) */
typedef enum
{
  SITREP_TAG_NONE,
  SITREP_TAG_CONDITION,
  SITREP_TAG_ACTION,
  SITREP_TAG_NEED,
} SitrepTag;

typedef enum
{
  SITREP_DEADLINE_RESPONSE,
  SITREP_DEADLINE_RECOVERY,
  SITREP_DEADLINE_RESOLUTION,
} SitrepDeadlineKind;

#define SITREP_N_DEADLINES 3

typedef enum
{
  SITREP_DEADLINE_STATE_PENDING,
  SITREP_DEADLINE_STATE_WARNING,
  SITREP_DEADLINE_STATE_BREACHED,
  SITREP_DEADLINE_STATE_MET,
  SITREP_DEADLINE_STATE_MET_LATE,
  SITREP_DEADLINE_STATE_PAUSED,     /* the incident is on hold and the clock stopped */
} SitrepDeadlineState;

/* The windows of the SLA policy, per level, in minutes. */
typedef enum
{
  SITREP_POLICY_WINDOW_RESPONSE,
  SITREP_POLICY_WINDOW_RECOVERY,
  SITREP_POLICY_WINDOW_RESOLUTION,
  SITREP_POLICY_WINDOW_INITIAL_NOTICE,
  SITREP_POLICY_WINDOW_PROGRESS_NOTICE,
} SitrepPolicyWindow;

#define SITREP_N_POLICY_WINDOWS 5

typedef enum
{
  SITREP_TRANSITION_ACKNOWLEDGE,
  SITREP_TRANSITION_RECOVER,
  SITREP_TRANSITION_RESOLVE,
  SITREP_TRANSITION_TRANSFER,
  SITREP_TRANSITION_CLOSE,
  SITREP_TRANSITION_REOPEN,
  SITREP_TRANSITION_CANCEL,
} SitrepTransition;

typedef enum
{
  SITREP_NOTICE_INITIAL,
  SITREP_NOTICE_PROGRESS,
  SITREP_NOTICE_RECTIFICATION,
  SITREP_NOTICE_ESCALATION,
} SitrepNoticeKind;

#define SITREP_N_NOTICES 4

typedef enum
{
  SITREP_NOTICE_STATE_NONE,
  SITREP_NOTICE_STATE_PENDING,
  SITREP_NOTICE_STATE_OVERDUE,
  SITREP_NOTICE_STATE_SENT,
} SitrepNoticeState;

typedef enum
{
  SITREP_ALERT_STAGE_WARNING,
  SITREP_ALERT_STAGE_BREACH,
  SITREP_ALERT_STAGE_DUE,
} SitrepAlertStage;

/* Which part of the lifecycle the ticket list shows. */
typedef enum
{
  SITREP_STATUS_GROUP_ACTIVE,            /* new, acknowledged, recovered */
  SITREP_STATUS_GROUP_AWAITING_CLOSURE,  /* resolved, transferred */
  SITREP_STATUS_GROUP_ALL,
} SitrepStatusGroup;

/* Whether the ticket list shows only incidents whose deadlines are in
 * danger. */
typedef enum
{
  SITREP_RISK_ANY,
  SITREP_RISK_AT_RISK,    /* a warning moment has passed: at risk or breached */
  SITREP_RISK_BREACHED,   /* a deadline has passed unmet */
} SitrepRisk;

/* The filters the ticket list offered before filters combined; they are
 * still understood (as a #SitrepFilter of one condition) where a filter
 * is read from settings or given by a program. */
typedef enum
{
  SITREP_LIST_FILTER_OPEN,
  SITREP_LIST_FILTER_AT_RISK,
  SITREP_LIST_FILTER_MINE,
  SITREP_LIST_FILTER_LEVEL_1,
  SITREP_LIST_FILTER_LEVEL_2,
  SITREP_LIST_FILTER_LEVEL_3,
  SITREP_LIST_FILTER_ALL,
} SitrepListFilter;

typedef enum
{
  SITREP_LIST_SORT_NEXT_DUE,
  SITREP_LIST_SORT_NEWEST,
  SITREP_LIST_SORT_LEVEL,
  SITREP_LIST_SORT_KEY,
} SitrepListSort;

/* What a write changed in one incident (the "incident-changed" signal of
 * SitrepStore), so that a view updates only what it shows of it. */
typedef enum
{
  SITREP_CHANGE_FIELDS     = 1 << 0,  /* text fields, reporter, cause, fault start */
  SITREP_CHANGE_STATUS     = 1 << 1,
  SITREP_CHANGE_LEVEL      = 1 << 2,
  SITREP_CHANGE_OWNER      = 1 << 3,
  SITREP_CHANGE_TIMELINE   = 1 << 4,  /* entries were added */
  SITREP_CHANGE_DEADLINES  = 1 << 5,  /* due moments: deadlines, notices, alerts */
  SITREP_CHANGE_COMPLAINTS = 1 << 6,
  SITREP_CHANGE_CREATED    = 1 << 7,  /* a new incident: everything is new */
  SITREP_CHANGE_LINKS      = 1 << 8,  /* links to or from other incidents */
} SitrepChange;

#define SITREP_CHANGE_ALL (SITREP_CHANGE_FIELDS | SITREP_CHANGE_STATUS | \
                           SITREP_CHANGE_LEVEL | SITREP_CHANGE_OWNER | \
                           SITREP_CHANGE_TIMELINE | SITREP_CHANGE_DEADLINES | \
                           SITREP_CHANGE_COMPLAINTS | SITREP_CHANGE_CREATED | \
                           SITREP_CHANGE_LINKS)

const char *sitrep_enum_to_nick   (GType       enum_type,
                                   int         value);
gboolean    sitrep_enum_from_nick (GType       enum_type,
                                   const char *nick,
                                   int        *value);

gboolean    sitrep_status_is_open (SitrepStatus status);
gboolean    sitrep_text_is_blank  (const char  *text);

const char *sitrep_status_to_label         (SitrepStatus        status);
const char *sitrep_channel_to_label        (SitrepChannel       channel);
const char *sitrep_cause_to_label          (SitrepCause         cause);
const char *sitrep_role_to_label           (SitrepRole          role);
const char *sitrep_tag_to_label            (SitrepTag           tag);
const char *sitrep_verdict_to_label        (SitrepVerdict       verdict);
const char *sitrep_report_kind_to_label    (SitrepReportKind    kind);
const char *sitrep_deadline_kind_to_label  (SitrepDeadlineKind  kind);
const char *sitrep_deadline_state_to_label (SitrepDeadlineState state);
const char *sitrep_notice_kind_to_label    (SitrepNoticeKind    kind);
const char *sitrep_transition_to_label     (SitrepTransition    transition);

G_END_DECLS
