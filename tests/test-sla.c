/* test-sla.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sitrep-enums.h"
#include "sitrep-incident.h"
#include "sitrep-policy.h"
#include "sitrep-sla.h"
#include "sitrep-time.h"

#define MIN_S  G_GINT64_CONSTANT (60)
#define HOUR_S G_GINT64_CONSTANT (3600)
#define DAY_S  G_GINT64_CONSTANT (86400)

/* 2026-03-01T09:00:00Z */
#define T0 G_GINT64_CONSTANT (1772355600)

/* The default policy of the design, in seconds: response, recovery,
 * resolution, per level. */
static const gint64 default_windows[3][SITREP_N_DEADLINES] = {
  { 10 * MIN_S, 2 * HOUR_S, 7 * DAY_S },
  { 30 * MIN_S, 6 * HOUR_S, 20 * DAY_S },
  { 60 * MIN_S, 24 * HOUR_S, 60 * DAY_S },
};

static gint64
parse_time (const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 t = SITREP_TIME_NONE;

  g_assert_true (sitrep_time_parse_rfc3339 (text, &t, &error));
  g_assert_no_error (error);

  return t;
}

static SitrepIncident *
make_incident (int    level,
               gint64 reported_at)
{
  SitrepIncident *incident = sitrep_incident_new ();

  sitrep_incident_set_key (incident, "INC-1");
  sitrep_incident_set_title (incident, "Payments fail");
  sitrep_incident_set_service (incident, "Payments");
  sitrep_incident_set_level (incident, level);
  sitrep_incident_set_status (incident, SITREP_STATUS_NEW);
  sitrep_incident_set_reported_at (incident, reported_at);

  return incident;
}

/* Meets deadline @kind at @at the way a handler does: acknowledging,
 * recovering or resolving. */
static void
meet_deadline (SitrepIncident     *incident,
               SitrepDeadlineKind  kind,
               gint64              at)
{
  switch (kind)
    {
    case SITREP_DEADLINE_RESPONSE:
      sitrep_incident_set_status (incident, SITREP_STATUS_ACKNOWLEDGED);
      sitrep_incident_set_acknowledged_at (incident, at);
      break;
    case SITREP_DEADLINE_RECOVERY:
      sitrep_incident_set_status (incident, SITREP_STATUS_RECOVERED);
      sitrep_incident_set_recovered_at (incident, at);
      break;
    case SITREP_DEADLINE_RESOLUTION:
      sitrep_incident_set_status (incident, SITREP_STATUS_RESOLVED);
      sitrep_incident_set_resolved_at (incident, at);
      break;
    default:
      g_assert_not_reached ();
    }
}

static SitrepDeadline
get_deadline (SitrepIncident     *incident,
              SitrepPolicy       *policy,
              gint64              now,
              SitrepDeadlineKind  kind)
{
  SitrepDeadline deadlines[SITREP_N_DEADLINES];

  memset (deadlines, 0xff, sizeof deadlines);
  sitrep_sla_compute_deadlines (incident, policy, now, deadlines);
  g_assert_cmpint (deadlines[kind].kind, ==, kind);

  return deadlines[kind];
}

typedef enum
{
  AT_BEFORE_WARNING,    /* pending, one second before warn_at */
  AT_WARNING,           /* warning, exactly at warn_at */
  AT_BEFORE_DUE,        /* warning, one second before due */
  AT_DUE,               /* breached, exactly at due */
  AT_LONG_AFTER,        /* breached, a day after due */
  MET_AT_START,         /* met at once */
  MET_AT_DUE,           /* met, exactly at due */
  MET_AFTER_DUE,        /* met late, a second after due */
} Moment;

static void
test_states_table (void)
{
  static const struct {
    Moment              moment;
    SitrepDeadlineState expected;
  } cases[] = {
    { AT_BEFORE_WARNING, SITREP_DEADLINE_STATE_PENDING },
    { AT_WARNING,        SITREP_DEADLINE_STATE_WARNING },
    { AT_BEFORE_DUE,     SITREP_DEADLINE_STATE_WARNING },
    { AT_DUE,            SITREP_DEADLINE_STATE_BREACHED },
    { AT_LONG_AFTER,     SITREP_DEADLINE_STATE_BREACHED },
    { MET_AT_START,      SITREP_DEADLINE_STATE_MET },
    { MET_AT_DUE,        SITREP_DEADLINE_STATE_MET },
    { MET_AFTER_DUE,     SITREP_DEADLINE_STATE_MET_LATE },
  };
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();

  for (int level = 1; level <= 3; level++)
    for (int kind = 0; kind < SITREP_N_DEADLINES; kind++)
      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          g_autoptr(SitrepIncident) incident = make_incident (level, T0);
          gint64 window = default_windows[level - 1][kind];
          gint64 warn_at = T0 + window * 3 / 4;
          gint64 due = T0 + window;
          gint64 now = 0, met_at = SITREP_TIME_NONE;
          SitrepDeadline d;

          switch (cases[i].moment)
            {
            case AT_BEFORE_WARNING: now = warn_at - 1; break;
            case AT_WARNING:        now = warn_at; break;
            case AT_BEFORE_DUE:     now = due - 1; break;
            case AT_DUE:            now = due; break;
            case AT_LONG_AFTER:     now = due + DAY_S; break;
            case MET_AT_START:      met_at = T0; break;
            case MET_AT_DUE:        met_at = due; break;
            case MET_AFTER_DUE:     met_at = due + 1; break;
            default:                g_assert_not_reached ();
            }

          if (met_at != SITREP_TIME_NONE)
            {
              meet_deadline (incident, kind, met_at);
              now = met_at + HOUR_S;
            }

          d = get_deadline (incident, policy, now, kind);

          g_test_message ("level %d, %s, case %u", level,
                          sitrep_enum_to_nick (SITREP_TYPE_DEADLINE_KIND, kind), i);
          g_assert_cmpint (d.start, ==, T0);
          g_assert_cmpint (d.due, ==, due);
          g_assert_cmpint (d.warn_at, ==, warn_at);
          g_assert_cmpint (d.met_at, ==, met_at);
          g_assert_cmpint (d.state, ==, cases[i].expected);
        }
}

static void
test_recovery_from_occurred_at (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (1, T0);
  SitrepDeadline deadlines[SITREP_N_DEADLINES];
  SitrepDeadline next;

  /* The fault began an hour and a half before it was reported. */
  sitrep_incident_set_occurred_at (incident, T0 - 90 * MIN_S);

  sitrep_sla_compute_deadlines (incident, policy, T0 + 5 * MIN_S, deadlines);

  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESPONSE].start, ==, T0);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESPONSE].due, ==, T0 + 10 * MIN_S);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RECOVERY].start, ==, T0 - 90 * MIN_S);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RECOVERY].due, ==, T0 + 30 * MIN_S);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RECOVERY].warn_at, ==, T0);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RECOVERY].state, ==, SITREP_DEADLINE_STATE_WARNING);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESOLUTION].due, ==, T0 + 7 * DAY_S);

  /* After acknowledging, the recovery is what the list shows next. */
  meet_deadline (incident, SITREP_DEADLINE_RESPONSE, T0 + 5 * MIN_S);
  g_assert_true (sitrep_sla_get_next_deadline (incident, policy, T0 + 6 * MIN_S, &next));
  g_assert_cmpint (next.kind, ==, SITREP_DEADLINE_RECOVERY);
  g_assert_cmpint (next.due, ==, T0 + 30 * MIN_S);

  /* Recovery counted from reported_at when occurred_at is unset. */
  sitrep_incident_set_occurred_at (incident, SITREP_TIME_NONE);
  sitrep_sla_compute_deadlines (incident, policy, T0, deadlines);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RECOVERY].due, ==, T0 + 2 * HOUR_S);
}

static void
test_level_raised (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (2, T0);
  gint64 now = T0 + 20 * MIN_S;
  SitrepDeadline d;

  d = get_deadline (incident, policy, now, SITREP_DEADLINE_RESPONSE);
  g_assert_cmpint (d.due, ==, T0 + 30 * MIN_S);
  g_assert_cmpint (d.state, ==, SITREP_DEADLINE_STATE_PENDING);

  /* Raised to level 1 twenty minutes in: its 10-minute response window
   * has already passed. */
  sitrep_incident_set_level (incident, 1);
  d = get_deadline (incident, policy, now, SITREP_DEADLINE_RESPONSE);
  g_assert_cmpint (d.due, ==, T0 + 10 * MIN_S);
  g_assert_cmpint (d.state, ==, SITREP_DEADLINE_STATE_BREACHED);

  d = get_deadline (incident, policy, now, SITREP_DEADLINE_RECOVERY);
  g_assert_cmpint (d.due, ==, T0 + 2 * HOUR_S);
  g_assert_cmpint (d.state, ==, SITREP_DEADLINE_STATE_PENDING);
  g_assert_cmpint (sitrep_sla_get_next_due (incident, policy), ==, T0 + 10 * MIN_S);

  /* Acknowledged at minute 15: met in time under level 2, late under 1. */
  meet_deadline (incident, SITREP_DEADLINE_RESPONSE, T0 + 15 * MIN_S);
  d = get_deadline (incident, policy, now, SITREP_DEADLINE_RESPONSE);
  g_assert_cmpint (d.state, ==, SITREP_DEADLINE_STATE_MET_LATE);
  sitrep_incident_set_level (incident, 2);
  d = get_deadline (incident, policy, now, SITREP_DEADLINE_RESPONSE);
  g_assert_cmpint (d.state, ==, SITREP_DEADLINE_STATE_MET);
}

static void
test_warning_share (void)
{
  static const struct {
    double share;
    gint64 response_warn;   /* level 1: 10 min */
    gint64 recovery_warn;   /* level 1: 2 h */
  } cases[] = {
    { 0.5,  300, 3600 },
    { 0.75, 450, 5400 },
    { 0.9,  540, 6480 },
    { 0.99, 594, 7128 },
    { 0.01, 6,   72 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
      g_autoptr(SitrepIncident) incident = make_incident (1, T0);
      SitrepDeadline d;

      sitrep_policy_set_warning_share (policy, cases[i].share);

      d = get_deadline (incident, policy, T0 + cases[i].response_warn - 1,
                        SITREP_DEADLINE_RESPONSE);
      g_assert_cmpint (d.warn_at, ==, T0 + cases[i].response_warn);
      g_assert_cmpint (d.state, ==, SITREP_DEADLINE_STATE_PENDING);

      d = get_deadline (incident, policy, T0 + cases[i].recovery_warn, SITREP_DEADLINE_RECOVERY);
      g_assert_cmpint (d.warn_at, ==, T0 + cases[i].recovery_warn);
      g_assert_cmpint (d.state, ==, SITREP_DEADLINE_STATE_WARNING);
    }
}

static void
test_warning_rounds_down (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (1, T0);
  SitrepDeadline d;

  /* 7 min × 0.75 = 315 s; 7 min × 0.33 = 138.6 s, rounded down to 138 s */
  sitrep_policy_set_minutes (policy, 1, SITREP_POLICY_WINDOW_RESPONSE, 7);
  d = get_deadline (incident, policy, T0, SITREP_DEADLINE_RESPONSE);
  g_assert_cmpint (d.warn_at, ==, T0 + 315);

  sitrep_policy_set_warning_share (policy, 0.33);
  d = get_deadline (incident, policy, T0 + 138, SITREP_DEADLINE_RESPONSE);
  g_assert_cmpint (d.warn_at, ==, T0 + 138);
  g_assert_cmpint (d.state, ==, SITREP_DEADLINE_STATE_WARNING);
}

static void
test_transfer_meets_resolution (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (2, T0);
  SitrepDeadline deadlines[SITREP_N_DEADLINES];
  gint64 transferred_at = T0 + 3 * HOUR_S;

  /* Handed to the developers without being acknowledged or recovered. */
  sitrep_incident_set_status (incident, SITREP_STATUS_TRANSFERRED);
  sitrep_incident_set_transferred_at (incident, transferred_at);
  sitrep_incident_set_transferred_to (incident, "developers");

  sitrep_sla_compute_deadlines (incident, policy, T0 + DAY_S, deadlines);

  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESOLUTION].met_at, ==, transferred_at);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESOLUTION].state, ==, SITREP_DEADLINE_STATE_MET);
  /* A later milestone implies the earlier ones. */
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RECOVERY].met_at, ==, transferred_at);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RECOVERY].state, ==, SITREP_DEADLINE_STATE_MET);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESPONSE].met_at, ==, transferred_at);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESPONSE].state, ==, SITREP_DEADLINE_STATE_MET_LATE);

  g_assert_cmpint (sitrep_sla_get_next_due (incident, policy), ==, SITREP_TIME_NONE);
  g_assert_cmpint (sitrep_sla_get_next_warn_at (incident, policy), ==, SITREP_TIME_NONE);
}

static void
test_implied_milestones (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (1, T0);
  SitrepDeadline deadlines[SITREP_N_DEADLINES];
  SitrepDeadline next;

  /* Recovered at minute 8 without an acknowledgement: the response was
   * met then. */
  sitrep_incident_set_status (incident, SITREP_STATUS_RECOVERED);
  sitrep_incident_set_recovered_at (incident, T0 + 8 * MIN_S);
  sitrep_sla_compute_deadlines (incident, policy, T0 + HOUR_S, deadlines);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESPONSE].met_at, ==, T0 + 8 * MIN_S);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESPONSE].state, ==, SITREP_DEADLINE_STATE_MET);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RECOVERY].state, ==, SITREP_DEADLINE_STATE_MET);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESOLUTION].met_at, ==, SITREP_TIME_NONE);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESOLUTION].state, ==, SITREP_DEADLINE_STATE_PENDING);

  g_assert_true (sitrep_sla_get_next_deadline (incident, policy, T0 + HOUR_S, &next));
  g_assert_cmpint (next.kind, ==, SITREP_DEADLINE_RESOLUTION);
  g_assert_cmpint (sitrep_sla_get_next_due (incident, policy), ==, T0 + 7 * DAY_S);
  g_assert_cmpint (sitrep_sla_get_next_warn_at (incident, policy), ==,
                   T0 + 7 * DAY_S * 3 / 4);

  /* Resolved and closed: everything met, nothing next. */
  sitrep_incident_set_status (incident, SITREP_STATUS_CLOSED);
  sitrep_incident_set_resolved_at (incident, T0 + 2 * DAY_S);
  sitrep_incident_set_closed_at (incident, T0 + 3 * DAY_S);
  sitrep_sla_compute_deadlines (incident, policy, T0 + 30 * DAY_S, deadlines);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESOLUTION].met_at, ==, T0 + 2 * DAY_S);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESOLUTION].state, ==, SITREP_DEADLINE_STATE_MET);
  g_assert_false (sitrep_sla_get_next_deadline (incident, policy, T0 + 30 * DAY_S, &next));
  g_assert_cmpint (sitrep_sla_get_next_due (incident, policy), ==, SITREP_TIME_NONE);
}

static void
test_reopened (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (1, T0);
  SitrepDeadline deadlines[SITREP_N_DEADLINES];

  /* Resolved on day 1, then reopened: back under its resolution deadline,
   * however the old times were left. */
  sitrep_incident_set_acknowledged_at (incident, T0 + 5 * MIN_S);
  sitrep_incident_set_recovered_at (incident, T0 + HOUR_S);
  sitrep_incident_set_resolved_at (incident, T0 + DAY_S);
  sitrep_incident_set_status (incident, SITREP_STATUS_ACKNOWLEDGED);

  sitrep_sla_compute_deadlines (incident, policy, T0 + 2 * DAY_S, deadlines);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESPONSE].state, ==, SITREP_DEADLINE_STATE_MET);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RECOVERY].met_at, ==, SITREP_TIME_NONE);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RECOVERY].state, ==, SITREP_DEADLINE_STATE_BREACHED);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESOLUTION].met_at, ==, SITREP_TIME_NONE);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESOLUTION].state, ==, SITREP_DEADLINE_STATE_PENDING);
}

static void
test_cancelled (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (1, T0);
  SitrepDeadline deadlines[SITREP_N_DEADLINES];
  SitrepDeadline next;

  /* Acknowledged late, then found to be a false alarm after the recovery
   * deadline: the obligations ended with the cancellation. */
  sitrep_incident_set_acknowledged_at (incident, T0 + 20 * MIN_S);
  sitrep_incident_set_status (incident, SITREP_STATUS_CANCELLED);
  sitrep_incident_set_cancelled_at (incident, T0 + 3 * HOUR_S);

  sitrep_sla_compute_deadlines (incident, policy, T0 + 10 * DAY_S, deadlines);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESPONSE].met_at, ==, T0 + 20 * MIN_S);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESPONSE].state, ==, SITREP_DEADLINE_STATE_MET_LATE);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RECOVERY].met_at, ==, T0 + 3 * HOUR_S);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RECOVERY].state, ==, SITREP_DEADLINE_STATE_MET);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESOLUTION].met_at, ==, T0 + 3 * HOUR_S);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESOLUTION].state, ==, SITREP_DEADLINE_STATE_MET);

  g_assert_false (sitrep_sla_get_next_deadline (incident, policy, T0 + 10 * DAY_S, &next));
  g_assert_cmpint (sitrep_sla_get_next_due (incident, policy), ==, SITREP_TIME_NONE);
}

static void
test_utc_offsets (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = NULL;
  SitrepDeadline deadlines[SITREP_N_DEADLINES];

  /* Reported in Shanghai, the fault began in New York's night, acknowledged
   * from a UTC bridge: 09:00Z, 08:30Z and 09:12Z. */
  incident = make_incident (1, parse_time ("2026-03-01T17:00:00+08:00"));
  sitrep_incident_set_occurred_at (incident, parse_time ("2026-03-01T03:30:00-05:00"));
  meet_deadline (incident, SITREP_DEADLINE_RESPONSE, parse_time ("2026-03-01T09:12:00Z"));

  sitrep_sla_compute_deadlines (incident, policy, parse_time ("2026-03-01T05:00:00-05:00"),
                                deadlines);

  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESPONSE].due, ==,
                   parse_time ("2026-03-01T09:10:00Z"));
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESPONSE].state, ==, SITREP_DEADLINE_STATE_MET_LATE);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RECOVERY].due, ==,
                   parse_time ("2026-03-01T18:30:00+08:00"));
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RECOVERY].warn_at, ==,
                   parse_time ("2026-03-01T10:00:00Z"));
  /* 05:00-05:00 is 10:00Z: exactly at the warning */
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RECOVERY].state, ==, SITREP_DEADLINE_STATE_WARNING);
  g_assert_cmpint (deadlines[SITREP_DEADLINE_RESOLUTION].due, ==,
                   parse_time ("2026-03-08T04:00:00-05:00"));
}

static void
test_next_deadline (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (3, T0);
  SitrepDeadline next;

  g_assert_true (sitrep_sla_get_next_deadline (incident, policy, T0 + 50 * MIN_S, &next));
  g_assert_cmpint (next.kind, ==, SITREP_DEADLINE_RESPONSE);
  g_assert_cmpint (next.due, ==, T0 + HOUR_S);
  g_assert_cmpint (next.state, ==, SITREP_DEADLINE_STATE_WARNING);
  g_assert_cmpint (sitrep_sla_get_next_due (incident, policy), ==, T0 + HOUR_S);
  g_assert_cmpint (sitrep_sla_get_next_warn_at (incident, policy), ==, T0 + 45 * MIN_S);

  /* A fault that began a day before it was reported is due for recovery
   * at once; that comes before the response. */
  sitrep_incident_set_occurred_at (incident, T0 - DAY_S);
  g_assert_true (sitrep_sla_get_next_deadline (incident, policy, T0, &next));
  g_assert_cmpint (next.kind, ==, SITREP_DEADLINE_RECOVERY);
  g_assert_cmpint (next.state, ==, SITREP_DEADLINE_STATE_BREACHED);
  g_assert_cmpint (sitrep_sla_get_next_due (incident, policy), ==, T0);
  g_assert_cmpint (sitrep_sla_get_next_warn_at (incident, policy), ==, T0 - 6 * HOUR_S);
}

static void
test_describe_deadline (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (1, T0);
  static const struct {
    SitrepDeadlineKind kind;
    gint64             met_at;   /* offset from T0, or -1 for unmet */
    gint64             now;      /* offset from T0 */
    const char        *expected;
  } cases[] = {
    { SITREP_DEADLINE_RESPONSE,   -1, 6 * MIN_S,             "Response due in 4 min" },
    { SITREP_DEADLINE_RESPONSE,   -1, 10 * MIN_S - 30,       "Response due in less than a minute" },
    { SITREP_DEADLINE_RECOVERY,   -1, 2 * HOUR_S + 12 * MIN_S, "Recovery overdue by 12 min" },
    { SITREP_DEADLINE_RESOLUTION, -1, 2 * DAY_S,             "Resolution due in 5 days" },
    { SITREP_DEADLINE_RESPONSE,   5 * MIN_S, HOUR_S,         "Response met" },
    { SITREP_DEADLINE_RESOLUTION, 8 * DAY_S, 9 * DAY_S,      "Resolution met late" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SitrepIncident) copy = sitrep_incident_copy (incident);
      g_autofree char *text = NULL;
      SitrepDeadline d;

      if (cases[i].met_at >= 0)
        meet_deadline (copy, cases[i].kind, T0 + cases[i].met_at);
      d = get_deadline (copy, policy, T0 + cases[i].now, cases[i].kind);
      text = sitrep_sla_describe_deadline (&d, T0 + cases[i].now);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* Notices */

static void
get_notices (SitrepIncident *incident,
             SitrepPolicy   *policy,
             gint64          now,
             SitrepNotice    notices[SITREP_N_NOTICES])
{
  memset (notices, 0xff, sizeof (SitrepNotice) * SITREP_N_NOTICES);
  sitrep_sla_compute_notices (incident, policy, now, notices);
  for (int i = 0; i < SITREP_N_NOTICES; i++)
    g_assert_cmpint (notices[i].kind, ==, i);
}

static void
test_notices_level_3 (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (3, T0);
  SitrepNotice notices[SITREP_N_NOTICES];

  /* No communication plan, even with every deadline breached. */
  get_notices (incident, policy, T0 + 90 * DAY_S, notices);
  for (int i = 0; i < SITREP_N_NOTICES; i++)
    {
      g_assert_cmpint (notices[i].state, ==, SITREP_NOTICE_STATE_NONE);
      g_assert_cmpint (notices[i].due, ==, SITREP_TIME_NONE);
    }
}

static void
test_notices_initial (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  SitrepNotice notices[SITREP_N_NOTICES];

  for (int level = 1; level <= 2; level++)
    {
      g_autoptr(SitrepIncident) incident = make_incident (level, T0);
      SitrepNotice *initial = &notices[SITREP_NOTICE_INITIAL];

      get_notices (incident, policy, T0 + 30 * MIN_S - 1, notices);
      g_assert_cmpint (initial->due, ==, T0 + 30 * MIN_S);
      g_assert_cmpint (initial->state, ==, SITREP_NOTICE_STATE_PENDING);
      g_assert_cmpint (initial->sent_at, ==, SITREP_TIME_NONE);

      get_notices (incident, policy, T0 + 30 * MIN_S, notices);
      g_assert_cmpint (initial->state, ==, SITREP_NOTICE_STATE_OVERDUE);

      sitrep_incident_set_initial_notice_at (incident, T0 + 40 * MIN_S);
      get_notices (incident, policy, T0 + 41 * MIN_S, notices);
      g_assert_cmpint (initial->state, ==, SITREP_NOTICE_STATE_SENT);
      g_assert_cmpint (initial->sent_at, ==, T0 + 40 * MIN_S);
    }
}

static void
test_notices_progress (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (1, T0);
  SitrepNotice notices[SITREP_N_NOTICES];
  SitrepNotice *progress = &notices[SITREP_NOTICE_PROGRESS];

  /* Nothing sent: an hour after the initial notice fell due. */
  get_notices (incident, policy, T0, notices);
  g_assert_cmpint (progress->due, ==, T0 + 90 * MIN_S);
  g_assert_cmpint (progress->state, ==, SITREP_NOTICE_STATE_PENDING);
  g_assert_cmpint (progress->sequence, ==, 1);

  /* The initial notice sent at minute 20 resets the clock. */
  sitrep_incident_set_initial_notice_at (incident, T0 + 20 * MIN_S);
  get_notices (incident, policy, T0 + 80 * MIN_S - 1, notices);
  g_assert_cmpint (progress->due, ==, T0 + 80 * MIN_S);
  g_assert_cmpint (progress->state, ==, SITREP_NOTICE_STATE_PENDING);
  get_notices (incident, policy, T0 + 80 * MIN_S, notices);
  g_assert_cmpint (progress->state, ==, SITREP_NOTICE_STATE_OVERDUE);

  /* The first progress notice sent at minute 95: the second is due an
   * hour later. */
  meet_deadline (incident, SITREP_DEADLINE_RESPONSE, T0 + 5 * MIN_S);
  sitrep_incident_set_progress_notice_at (incident, T0 + 95 * MIN_S);
  sitrep_incident_set_progress_notice_count (incident, 1);
  get_notices (incident, policy, T0 + 100 * MIN_S, notices);
  g_assert_cmpint (progress->due, ==, T0 + 155 * MIN_S);
  g_assert_cmpint (progress->state, ==, SITREP_NOTICE_STATE_PENDING);
  g_assert_cmpint (progress->sequence, ==, 2);
  g_assert_cmpint (progress->sent_at, ==, T0 + 95 * MIN_S);

  /* An escalation notice also tells where handling stands. */
  sitrep_incident_set_escalation_notice_at (incident, T0 + 125 * MIN_S);
  get_notices (incident, policy, T0 + 130 * MIN_S, notices);
  g_assert_cmpint (progress->due, ==, T0 + 185 * MIN_S);

  /* Recovered: no more progress notices. */
  meet_deadline (incident, SITREP_DEADLINE_RECOVERY, T0 + 150 * MIN_S);
  get_notices (incident, policy, T0 + 5 * HOUR_S, notices);
  g_assert_cmpint (progress->due, ==, SITREP_TIME_NONE);
  g_assert_cmpint (progress->state, ==, SITREP_NOTICE_STATE_SENT);

  sitrep_incident_set_progress_notice_at (incident, SITREP_TIME_NONE);
  sitrep_incident_set_progress_notice_count (incident, 0);
  get_notices (incident, policy, T0 + 5 * HOUR_S, notices);
  g_assert_cmpint (progress->state, ==, SITREP_NOTICE_STATE_NONE);
}

static void
test_notices_rectification (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (2, T0);
  SitrepNotice notices[SITREP_N_NOTICES];
  SitrepNotice *rectification = &notices[SITREP_NOTICE_RECTIFICATION];

  meet_deadline (incident, SITREP_DEADLINE_RESPONSE, T0 + 5 * MIN_S);
  get_notices (incident, policy, T0 + HOUR_S, notices);
  g_assert_cmpint (rectification->state, ==, SITREP_NOTICE_STATE_NONE);
  g_assert_cmpint (rectification->due, ==, SITREP_TIME_NONE);

  meet_deadline (incident, SITREP_DEADLINE_RECOVERY, T0 + 2 * HOUR_S);
  get_notices (incident, policy, T0 + 2 * HOUR_S, notices);
  g_assert_cmpint (rectification->due, ==, T0 + 2 * HOUR_S);
  g_assert_cmpint (rectification->state, ==, SITREP_NOTICE_STATE_OVERDUE);

  sitrep_incident_set_rectification_notice_at (incident, T0 + 2 * HOUR_S + 10 * MIN_S);
  get_notices (incident, policy, T0 + 3 * HOUR_S, notices);
  g_assert_cmpint (rectification->state, ==, SITREP_NOTICE_STATE_SENT);

  /* Once resolved, only the record remains. */
  meet_deadline (incident, SITREP_DEADLINE_RESOLUTION, T0 + DAY_S);
  get_notices (incident, policy, T0 + 2 * DAY_S, notices);
  g_assert_cmpint (rectification->state, ==, SITREP_NOTICE_STATE_SENT);
  g_assert_cmpint (notices[SITREP_NOTICE_INITIAL].state, ==, SITREP_NOTICE_STATE_NONE);
  g_assert_cmpint (notices[SITREP_NOTICE_PROGRESS].state, ==, SITREP_NOTICE_STATE_NONE);
  g_assert_cmpint (notices[SITREP_NOTICE_ESCALATION].state, ==, SITREP_NOTICE_STATE_NONE);
}

static void
test_notices_escalation (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (1, T0);
  SitrepNotice notices[SITREP_N_NOTICES];
  SitrepNotice *escalation = &notices[SITREP_NOTICE_ESCALATION];

  get_notices (incident, policy, T0 + 10 * MIN_S - 1, notices);
  g_assert_cmpint (escalation->state, ==, SITREP_NOTICE_STATE_NONE);

  /* The response deadline passes. */
  get_notices (incident, policy, T0 + 10 * MIN_S, notices);
  g_assert_cmpint (escalation->state, ==, SITREP_NOTICE_STATE_OVERDUE);
  g_assert_cmpint (escalation->due, ==, T0 + 10 * MIN_S);

  /* Acknowledging late does not undo the breach. */
  meet_deadline (incident, SITREP_DEADLINE_RESPONSE, T0 + 15 * MIN_S);
  get_notices (incident, policy, T0 + 20 * MIN_S, notices);
  g_assert_cmpint (escalation->state, ==, SITREP_NOTICE_STATE_OVERDUE);
  g_assert_cmpint (escalation->due, ==, T0 + 10 * MIN_S);

  sitrep_incident_set_escalation_notice_at (incident, T0 + 25 * MIN_S);
  get_notices (incident, policy, T0 + 30 * MIN_S, notices);
  g_assert_cmpint (escalation->state, ==, SITREP_NOTICE_STATE_SENT);
  g_assert_cmpint (escalation->sent_at, ==, T0 + 25 * MIN_S);

  /* Acknowledged in time: nothing to escalate until the recovery passes. */
  {
    g_autoptr(SitrepIncident) other = make_incident (1, T0);

    meet_deadline (other, SITREP_DEADLINE_RESPONSE, T0 + 5 * MIN_S);
    get_notices (other, policy, T0 + HOUR_S, notices);
    g_assert_cmpint (escalation->state, ==, SITREP_NOTICE_STATE_NONE);
    get_notices (other, policy, T0 + 2 * HOUR_S, notices);
    g_assert_cmpint (escalation->state, ==, SITREP_NOTICE_STATE_OVERDUE);
    g_assert_cmpint (escalation->due, ==, T0 + 2 * HOUR_S);
  }
}

static void
test_notices_level_raised (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (3, T0);
  SitrepNotice notices[SITREP_N_NOTICES];

  get_notices (incident, policy, T0 + 40 * MIN_S, notices);
  g_assert_cmpint (notices[SITREP_NOTICE_INITIAL].state, ==, SITREP_NOTICE_STATE_NONE);

  /* Raised to level 1 at minute 40: the initial notice is overdue and the
   * response deadline is breached at once. */
  sitrep_incident_set_level (incident, 1);
  get_notices (incident, policy, T0 + 40 * MIN_S, notices);
  g_assert_cmpint (notices[SITREP_NOTICE_INITIAL].state, ==, SITREP_NOTICE_STATE_OVERDUE);
  g_assert_cmpint (notices[SITREP_NOTICE_ESCALATION].state, ==, SITREP_NOTICE_STATE_OVERDUE);
  g_assert_cmpint (notices[SITREP_NOTICE_ESCALATION].due, ==, T0 + 10 * MIN_S);
}

/* Alert moments */

typedef struct
{
  const char *key;
  gint64      at;   /* offset from T0 */
} ExpectedMoment;

static void
assert_moments (GArray               *moments,
                const ExpectedMoment *expected,
                guint                 n_expected)
{
  for (guint i = 0; i < moments->len && i < n_expected; i++)
    {
      const SitrepAlertMoment *m = &g_array_index (moments, SitrepAlertMoment, i);

      g_test_message ("moment %u: %s", i, m->key);
      g_assert_cmpstr (m->key, ==, expected[i].key);
      g_assert_cmpint (m->at, ==, T0 + expected[i].at);
      g_assert_cmpint (m->is_notice, ==, g_str_has_prefix (m->key, "notice-"));
      if (m->is_notice)
        g_assert_cmpint (m->stage, ==, SITREP_ALERT_STAGE_DUE);
      else if (g_str_has_suffix (m->key, "-warning"))
        g_assert_cmpint (m->stage, ==, SITREP_ALERT_STAGE_WARNING);
      else
        g_assert_cmpint (m->stage, ==, SITREP_ALERT_STAGE_BREACH);
    }
  g_assert_cmpuint (moments->len, ==, n_expected);
}

static void
test_alert_moments_new (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (1, T0);
  g_autoptr(GArray) moments = NULL;
  static const ExpectedMoment expected[] = {
    { "response-warning",    450 },
    { "response-breach",     10 * MIN_S },
    { "notice-escalation",   10 * MIN_S },
    { "notice-initial",      30 * MIN_S },
    { "recovery-warning",    90 * MIN_S },
    { "notice-progress-1",   90 * MIN_S },
    { "recovery-breach",     2 * HOUR_S },
    { "resolution-warning",  7 * DAY_S * 3 / 4 },
    { "resolution-breach",   7 * DAY_S },
  };

  moments = sitrep_sla_list_alert_moments (incident, policy);
  assert_moments (moments, expected, G_N_ELEMENTS (expected));

  g_assert_cmpint (g_array_index (moments, SitrepAlertMoment, 0).deadline, ==,
                   SITREP_DEADLINE_RESPONSE);
  g_assert_cmpint (g_array_index (moments, SitrepAlertMoment, 2).notice, ==,
                   SITREP_NOTICE_ESCALATION);
  g_assert_cmpint (g_array_index (moments, SitrepAlertMoment, 8).deadline, ==,
                   SITREP_DEADLINE_RESOLUTION);
}

static void
test_alert_moments_handled (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (1, T0);
  g_autoptr(GArray) moments = NULL;
  g_autoptr(GArray) recovered = NULL;
  static const ExpectedMoment expected[] = {
    { "recovery-warning",    HOUR_S },
    { "recovery-breach",     90 * MIN_S },
    { "notice-escalation",   90 * MIN_S },
    { "notice-progress-2",   140 * MIN_S },
    { "resolution-warning",  7 * DAY_S * 3 / 4 },
    { "resolution-breach",   7 * DAY_S },
  };
  static const ExpectedMoment expected_recovered[] = {
    { "notice-escalation",    90 * MIN_S },
    { "notice-rectification", 100 * MIN_S },
    { "resolution-warning",   7 * DAY_S * 3 / 4 },
    { "resolution-breach",    7 * DAY_S },
  };

  /* The fault began half an hour before it was reported; acknowledged and
   * notified in time. */
  sitrep_incident_set_occurred_at (incident, T0 - 30 * MIN_S);
  meet_deadline (incident, SITREP_DEADLINE_RESPONSE, T0 + 5 * MIN_S);
  sitrep_incident_set_initial_notice_at (incident, T0 + 20 * MIN_S);
  sitrep_incident_set_progress_notice_at (incident, T0 + 80 * MIN_S);
  sitrep_incident_set_progress_notice_count (incident, 1);

  moments = sitrep_sla_list_alert_moments (incident, policy);
  assert_moments (moments, expected, G_N_ELEMENTS (expected));

  /* Recovered late: the escalation is still owed, and the rectification
   * notice falls due. */
  meet_deadline (incident, SITREP_DEADLINE_RECOVERY, T0 + 100 * MIN_S);
  recovered = sitrep_sla_list_alert_moments (incident, policy);
  assert_moments (recovered, expected_recovered, G_N_ELEMENTS (expected_recovered));
}

static void
test_alert_moments_level_change (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (3, T0);
  g_autoptr(GArray) level3 = NULL;
  g_autoptr(GArray) level1 = NULL;
  static const ExpectedMoment expected_level3[] = {
    { "response-warning",    45 * MIN_S },
    { "response-breach",     HOUR_S },
    { "recovery-warning",    18 * HOUR_S },
    { "recovery-breach",     DAY_S },
    { "resolution-warning",  45 * DAY_S },
    { "resolution-breach",   60 * DAY_S },
  };
  static const ExpectedMoment expected_level1[] = {
    { "response-warning",    450 },
    { "response-breach",     10 * MIN_S },
    { "notice-escalation",   10 * MIN_S },
    { "notice-initial",      30 * MIN_S },
    { "recovery-warning",    90 * MIN_S },
    { "notice-progress-1",   90 * MIN_S },
    { "recovery-breach",     2 * HOUR_S },
    { "resolution-warning",  7 * DAY_S * 3 / 4 },
    { "resolution-breach",   7 * DAY_S },
  };

  level3 = sitrep_sla_list_alert_moments (incident, policy);
  assert_moments (level3, expected_level3, G_N_ELEMENTS (expected_level3));

  sitrep_incident_set_level (incident, 1);
  level1 = sitrep_sla_list_alert_moments (incident, policy);
  assert_moments (level1, expected_level1, G_N_ELEMENTS (expected_level1));
}

static void
test_alert_moments_not_open (void)
{
  static const SitrepStatus statuses[] = {
    SITREP_STATUS_RESOLVED, SITREP_STATUS_TRANSFERRED,
    SITREP_STATUS_CLOSED, SITREP_STATUS_CANCELLED,
  };
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(SitrepIncident) incident = make_incident (1, T0);
      g_autoptr(GArray) moments = NULL;

      sitrep_incident_set_status (incident, statuses[i]);
      moments = sitrep_sla_list_alert_moments (incident, policy);
      g_assert_cmpuint (moments->len, ==, 0);
      g_assert_cmpint (sitrep_sla_get_next_due (incident, policy), ==, SITREP_TIME_NONE);
      g_assert_cmpint (sitrep_sla_get_next_warn_at (incident, policy), ==, SITREP_TIME_NONE);
    }
}

/* Deadlines still owed at a cancellation end then, but are not met. */
static void
test_ended_by_cancel (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (1, T0);
  SitrepDeadline d[SITREP_N_DEADLINES];

  /* acknowledged after 5 min, cancelled as a false alarm after 20 min */
  sitrep_incident_set_acknowledged_at (incident, T0 + 5 * 60);
  sitrep_incident_set_cancelled_at (incident, T0 + 20 * 60);
  sitrep_incident_set_status (incident, SITREP_STATUS_CANCELLED);
  sitrep_sla_compute_deadlines (incident, policy, T0 + 3600, d);

  g_assert_false (sitrep_sla_deadline_ended_by_cancel (incident, &d[SITREP_DEADLINE_RESPONSE]));
  g_assert_true (sitrep_sla_deadline_ended_by_cancel (incident, &d[SITREP_DEADLINE_RECOVERY]));
  g_assert_true (sitrep_sla_deadline_ended_by_cancel (incident, &d[SITREP_DEADLINE_RESOLUTION]));

  /* an open incident's deadlines are never ended by a cancellation */
  sitrep_incident_set_status (incident, SITREP_STATUS_ACKNOWLEDGED);
  sitrep_incident_set_cancelled_at (incident, SITREP_TIME_NONE);
  sitrep_sla_compute_deadlines (incident, policy, T0 + 3600, d);
  for (guint i = 0; i < SITREP_N_DEADLINES; i++)
    g_assert_false (sitrep_sla_deadline_ended_by_cancel (incident, &d[i]));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sitrep/sla/states-table", test_states_table);
  g_test_add_func ("/sitrep/sla/recovery-from-occurred-at", test_recovery_from_occurred_at);
  g_test_add_func ("/sitrep/sla/level-raised", test_level_raised);
  g_test_add_func ("/sitrep/sla/warning-share", test_warning_share);
  g_test_add_func ("/sitrep/sla/warning-rounds-down", test_warning_rounds_down);
  g_test_add_func ("/sitrep/sla/transfer-meets-resolution", test_transfer_meets_resolution);
  g_test_add_func ("/sitrep/sla/implied-milestones", test_implied_milestones);
  g_test_add_func ("/sitrep/sla/reopened", test_reopened);
  g_test_add_func ("/sitrep/sla/cancelled", test_cancelled);
  g_test_add_func ("/sitrep/sla/utc-offsets", test_utc_offsets);
  g_test_add_func ("/sitrep/sla/next-deadline", test_next_deadline);
  g_test_add_func ("/sitrep/sla/describe-deadline", test_describe_deadline);
  g_test_add_func ("/sitrep/sla/notices/level-3", test_notices_level_3);
  g_test_add_func ("/sitrep/sla/notices/initial", test_notices_initial);
  g_test_add_func ("/sitrep/sla/notices/progress", test_notices_progress);
  g_test_add_func ("/sitrep/sla/notices/rectification", test_notices_rectification);
  g_test_add_func ("/sitrep/sla/notices/escalation", test_notices_escalation);
  g_test_add_func ("/sitrep/sla/notices/level-raised", test_notices_level_raised);
  g_test_add_func ("/sitrep/sla/alert-moments/new", test_alert_moments_new);
  g_test_add_func ("/sitrep/sla/alert-moments/handled", test_alert_moments_handled);
  g_test_add_func ("/sitrep/sla/alert-moments/level-change", test_alert_moments_level_change);
  g_test_add_func ("/sitrep/sla/alert-moments/not-open", test_alert_moments_not_open);
  g_test_add_func ("/sitrep/sla/ended-by-cancel", test_ended_by_cancel);

  return g_test_run ();
}
