/* sitrep-sla.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sitrep-incident-workflow.h"
#include "sitrep-sla.h"
#include "sitrep-time.h"

/*
 * The SLA engine.
 *
 * Each incident has three deadlines, counted 24/7 from the windows of its
 * *current* level:
 *
 *   response   = reported_at + response window,   met by acknowledging
 *   recovery   = occurred_at + recovery window,   met by recovering
 *   resolution = reported_at + resolution window, met by resolving or
 *                                                 transferring
 *
 * A later milestone implies the earlier ones: an incident resolved without
 * being acknowledged has met its response (and recovery) deadline when it was
 * resolved.
 *
 * A milestone time counts only when the incident's status has reached it.
 * An incident that was resolved and then reopened is acknowledged again, and
 * its old resolved_at (or recovered_at) no longer says anything about the
 * obligation it is under now.
 *
 * A cancelled incident (a duplicate or a false alarm) owes nothing: every
 * deadline it had not met when it was cancelled is reported as met at the
 * moment of cancellation, with state "met", rather than staying breached
 * for ever in lists and reports.
 *
 * Holds. While an incident is on hold (waiting for the customer, for a
 * vendor) the clocks its hold pauses stop: each such deadline (and its
 * warning) falls due later by exactly the time the clock stood still
 * before it, to the second; the clocks run on Unix seconds, so day and
 * daylight-saving boundaries change nothing. Only the resolution clock
 * can be paused (response and recovery never), and only when the hold
 * recorded so when it began (see SitrepHold). The rules:
 *
 *   - a hold counts from the later of its start and the clock's start,
 *     until it ended, or until "now" while it still runs;
 *   - a hold that starts at or after the moment a deadline fell due does
 *     not move it: a breached deadline stays breached, held or not;
 *   - a hold stops counting when the deadline is met;
 *   - holds are spans of time, not amounts added per event: each second
 *     is counted once whatever happens around it (a level change, a
 *     resolve and a reopen), and the due always follows the current
 *     level's window plus the pauses that came before it;
 *   - judged at a moment "now", a hold that had not begun yet does not
 *     count and one that ended later counts only up to "now" (this is
 *     what "--status --at" sees).
 *
 * A deadline whose clock stands still now is "paused": it neither warns
 * nor breaches, and the alerts wait until the hold is released.
 */

/* Times of the milestones that the incident's status vouches for. */
typedef struct
{
  gint64 response;
  gint64 recovery;
  gint64 resolution;
  gint64 ended;       /* cancelled: when the obligations ended */
} MetTimes;

static gint64
earliest (gint64 a,
          gint64 b)
{
  if (a == SITREP_TIME_NONE)
    return b;
  if (b == SITREP_TIME_NONE)
    return a;
  return MIN (a, b);
}

static gint64
latest (gint64 a,
        gint64 b)
{
  if (a == SITREP_TIME_NONE)
    return b;
  if (b == SITREP_TIME_NONE)
    return a;
  return MAX (a, b);
}

static int
get_level (SitrepIncident *incident)
{
  return CLAMP (sitrep_incident_get_level (incident), SITREP_LEVEL_MIN, SITREP_LEVEL_MAX);
}

static gint64
get_window_seconds (SitrepPolicy       *policy,
                    int                 level,
                    SitrepPolicyWindow  window)
{
  return (gint64) sitrep_policy_get_minutes (policy, level, window) * 60;
}

static void
read_met_times (SitrepIncident *incident,
                MetTimes       *met)
{
  SitrepStatus status = sitrep_incident_get_status (incident);
  gint64 acknowledged = sitrep_incident_get_acknowledged_at (incident);
  gint64 recovered = sitrep_incident_get_recovered_at (incident);
  gint64 resolved = sitrep_incident_get_resolved_at (incident);
  gint64 transferred = sitrep_incident_get_transferred_at (incident);
  gint64 closed = sitrep_incident_get_closed_at (incident);

  met->resolution = SITREP_TIME_NONE;
  met->ended = SITREP_TIME_NONE;

  switch (status)
    {
    case SITREP_STATUS_NEW:
    case SITREP_STATUS_ACKNOWLEDGED:
      recovered = SITREP_TIME_NONE;
      break;

    case SITREP_STATUS_RECOVERED:
      break;

    case SITREP_STATUS_RESOLVED:
      met->resolution = resolved;
      break;

    case SITREP_STATUS_TRANSFERRED:
      met->resolution = transferred;
      break;

    case SITREP_STATUS_CLOSED:
      /* Closing follows resolving or transferring; after a reopen both may
       * be set, and the later one is the one that led to the close. */
      met->resolution = latest (resolved, transferred);
      if (met->resolution == SITREP_TIME_NONE)
        met->resolution = closed;
      break;

    case SITREP_STATUS_CANCELLED:
      met->ended = sitrep_incident_get_cancelled_at (incident);
      if (met->ended == SITREP_TIME_NONE)
        met->ended = sitrep_incident_get_reported_at (incident);
      break;

    default:
      break;
    }

  met->recovery = earliest (recovered, met->resolution);
  met->response = earliest (acknowledged, met->recovery);
}

static gint64
get_warning_offset (gint64 window,
                    double share)
{
  share = CLAMP (share, 0.0, 1.0);

  /* The small bias keeps e.g. 0.99 × 7200 s at 7128 s despite the binary
   * representation of 0.99; the result is rounded down to the second. */
  return (gint64) floor ((double) window * share + 1e-6);
}

/* Only the resolution clock may stand still on hold (see the top). */
#define PAUSABLE_CLOCKS SITREP_HOLD_PAUSES (SITREP_DEADLINE_RESOLUTION)

/* The moment at which the clock of @kind, started at @start, has run for
 * @running seconds, given the incident's holds; @stop is the moment the
 * deadline was met (SITREP_TIME_NONE: unmet), @now the moment judged at
 * (SITREP_TIME_NONE: with every hold as recorded). *@paused tells whether
 * the clock stands still at that moment; *@held adds the seconds it stood
 * still before the result. */
static gint64
run_clock (SitrepIncident     *incident,
           SitrepDeadlineKind  kind,
           gint64              start,
           gint64              running,
           gint64              stop,
           gint64              now,
           gboolean           *paused,
           gint64             *held)
{
  gint64 moment = start + running;
  guint n = sitrep_incident_get_n_holds (incident);

  *paused = FALSE;
  if ((PAUSABLE_CLOCKS & SITREP_HOLD_PAUSES (kind)) == 0)
    return moment;

  for (guint i = 0; i < n; i++)
    {
      const SitrepHold *hold = sitrep_incident_get_hold (incident, i);
      gint64 from, until;
      gboolean running_now;

      if ((hold->pauses & SITREP_HOLD_PAUSES (kind)) == 0)
        continue;
      if (now != SITREP_TIME_NONE && hold->started_at > now)
        break;
      if (stop != SITREP_TIME_NONE && hold->started_at >= stop)
        break;
      /* the clock had already run out when the hold began */
      if (hold->started_at >= moment)
        break;

      from = MAX (hold->started_at, start);
      until = hold->ended_at;
      running_now = until == SITREP_TIME_NONE || (now != SITREP_TIME_NONE && until > now);
      if (running_now)
        until = now != SITREP_TIME_NONE ? now : from;
      if (stop != SITREP_TIME_NONE)
        until = MIN (until, stop);
      else if (running_now)
        *paused = TRUE;

      if (until > from)
        {
          moment += until - from;
          *held += until - from;
        }
    }

  return moment;
}

static SitrepDeadlineState
get_deadline_state (const SitrepDeadline *deadline,
                    gint64                now)
{
  if (deadline->met_at != SITREP_TIME_NONE)
    return deadline->met_at <= deadline->due ? SITREP_DEADLINE_STATE_MET
                                             : SITREP_DEADLINE_STATE_MET_LATE;
  if (deadline->paused_now)
    return SITREP_DEADLINE_STATE_PAUSED;
  if (now >= deadline->due)
    return SITREP_DEADLINE_STATE_BREACHED;
  if (now >= deadline->warn_at)
    return SITREP_DEADLINE_STATE_WARNING;
  return SITREP_DEADLINE_STATE_PENDING;
}

/* The moment the incident breached (or will breach) its first deadline:
 * the earliest due among deadlines unmet or met late. */
static gint64
get_breach_moment (const SitrepDeadline deadlines[SITREP_N_DEADLINES])
{
  gint64 breach = SITREP_TIME_NONE;

  for (guint i = 0; i < SITREP_N_DEADLINES; i++)
    {
      const SitrepDeadline *d = &deadlines[i];

      if (d->paused_now)
        continue;
      if (d->met_at == SITREP_TIME_NONE || d->met_at > d->due)
        breach = earliest (breach, d->due);
    }

  return breach;
}

static const char *
get_deadline_nick (SitrepDeadlineKind kind)
{
  switch (kind)
    {
    case SITREP_DEADLINE_RESPONSE:   return "response";
    case SITREP_DEADLINE_RECOVERY:   return "recovery";
    case SITREP_DEADLINE_RESOLUTION: return "resolution";
    default:                         return "deadline";
    }
}

static void
append_deadline_moment (GArray             *moments,
                        SitrepDeadlineKind  kind,
                        SitrepAlertStage    stage,
                        gint64              at)
{
  SitrepAlertMoment moment = { 0 };

  g_snprintf (moment.key, sizeof moment.key, "%s-%s", get_deadline_nick (kind),
              stage == SITREP_ALERT_STAGE_WARNING ? "warning" : "breach");
  moment.at = at;
  moment.is_notice = FALSE;
  moment.deadline = kind;
  moment.stage = stage;
  g_array_append_val (moments, moment);
}

static void
append_notice_moment (GArray           *moments,
                      SitrepNoticeKind  kind,
                      int               sequence,
                      gint64            at)
{
  SitrepAlertMoment moment = { 0 };

  switch (kind)
    {
    case SITREP_NOTICE_INITIAL:
      g_strlcpy (moment.key, "notice-initial", sizeof moment.key);
      break;
    case SITREP_NOTICE_PROGRESS:
      g_snprintf (moment.key, sizeof moment.key, "notice-progress-%d", sequence);
      break;
    case SITREP_NOTICE_RECTIFICATION:
      g_strlcpy (moment.key, "notice-rectification", sizeof moment.key);
      break;
    case SITREP_NOTICE_ESCALATION:
      g_strlcpy (moment.key, "notice-escalation", sizeof moment.key);
      break;
    default:
      g_return_if_reached ();
    }

  moment.at = at;
  moment.is_notice = TRUE;
  moment.notice = kind;
  moment.stage = SITREP_ALERT_STAGE_DUE;
  g_array_append_val (moments, moment);
}

/* Time order; at the same moment deadlines before notices, then in the
 * order of their kinds, warnings before breaches. */
static int
compare_moments (gconstpointer a,
                 gconstpointer b)
{
  const SitrepAlertMoment *ma = a;
  const SitrepAlertMoment *mb = b;

  if (ma->at != mb->at)
    return ma->at < mb->at ? -1 : 1;
  if (ma->is_notice != mb->is_notice)
    return ma->is_notice ? 1 : -1;
  if (!ma->is_notice && ma->deadline != mb->deadline)
    return (int) ma->deadline - (int) mb->deadline;
  if (ma->is_notice && ma->notice != mb->notice)
    return (int) ma->notice - (int) mb->notice;
  return (int) ma->stage - (int) mb->stage;
}

/**
 * sitrep_sla_compute_deadlines:
 * @incident: a #SitrepIncident
 * @policy: the SLA policy
 * @now: the moment to judge the deadlines at, in Unix seconds
 * @deadlines: (out caller-allocates): the response, recovery and resolution
 *   deadlines, indexed by #SitrepDeadlineKind
 *
 * Computes the incident's deadlines under the windows of its current level.
 */
void
sitrep_sla_compute_deadlines (SitrepIncident *incident,
                              SitrepPolicy   *policy,
                              gint64          now,
                              SitrepDeadline  deadlines[SITREP_N_DEADLINES])
{
  static const SitrepPolicyWindow windows[SITREP_N_DEADLINES] = {
    SITREP_POLICY_WINDOW_RESPONSE,
    SITREP_POLICY_WINDOW_RECOVERY,
    SITREP_POLICY_WINDOW_RESOLUTION,
  };
  MetTimes met;
  gint64 met_at[SITREP_N_DEADLINES];
  gint64 reported_at;
  gint64 occurred_at;
  double share;
  int level;

  g_return_if_fail (SITREP_IS_INCIDENT (incident));
  g_return_if_fail (SITREP_IS_POLICY (policy));
  g_return_if_fail (deadlines != NULL);

  level = get_level (incident);
  share = sitrep_policy_get_warning_share (policy);
  reported_at = sitrep_incident_get_reported_at (incident);
  occurred_at = sitrep_incident_get_occurred_at (incident);
  if (occurred_at == SITREP_TIME_NONE)
    occurred_at = reported_at;

  read_met_times (incident, &met);
  met_at[SITREP_DEADLINE_RESPONSE] = met.response;
  met_at[SITREP_DEADLINE_RECOVERY] = met.recovery;
  met_at[SITREP_DEADLINE_RESOLUTION] = met.resolution;

  for (guint i = 0; i < SITREP_N_DEADLINES; i++)
    {
      SitrepDeadline *d = &deadlines[i];
      gint64 window = get_window_seconds (policy, level, windows[i]);
      gint64 warned = 0;
      gboolean paused_at_warning;

      d->kind = (SitrepDeadlineKind) i;
      d->start = i == SITREP_DEADLINE_RECOVERY ? occurred_at : reported_at;
      d->met_at = met_at[i];
      d->held = 0;
      d->due = run_clock (incident, d->kind, d->start, window, d->met_at, now,
                          &d->paused_now, &d->held);
      d->warn_at = run_clock (incident, d->kind, d->start, get_warning_offset (window, share),
                              d->met_at, now, &paused_at_warning, &warned);

      if (d->met_at == SITREP_TIME_NONE && met.ended != SITREP_TIME_NONE)
        {
          /* Cancelled: the obligation ended, see the top of this file. */
          d->met_at = met.ended;
          d->state = SITREP_DEADLINE_STATE_MET;
        }
      else
        {
          d->state = get_deadline_state (d, now);
        }
    }
}

/**
 * sitrep_sla_get_next_deadline:
 * @incident: a #SitrepIncident
 * @policy: the SLA policy
 * @now: the moment to judge the deadline's state at
 * @deadline: (out caller-allocates): the unmet deadline that falls due first
 *
 * Finds what a list row shows: the unmet deadline with the earliest due.
 *
 * Returns: %TRUE if a deadline is unmet; %FALSE (leaving @deadline as it
 *   was) when every deadline is met
 */
gboolean
sitrep_sla_get_next_deadline (SitrepIncident *incident,
                              SitrepPolicy   *policy,
                              gint64          now,
                              SitrepDeadline *deadline)
{
  SitrepDeadline deadlines[SITREP_N_DEADLINES];
  const SitrepDeadline *next = NULL;

  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), FALSE);
  g_return_val_if_fail (SITREP_IS_POLICY (policy), FALSE);
  g_return_val_if_fail (deadline != NULL, FALSE);

  sitrep_sla_compute_deadlines (incident, policy, now, deadlines);

  for (guint i = 0; i < SITREP_N_DEADLINES; i++)
    {
      if (deadlines[i].met_at != SITREP_TIME_NONE)
        continue;
      if (next == NULL || deadlines[i].due < next->due)
        next = &deadlines[i];
    }

  if (next == NULL)
    return FALSE;

  *deadline = *next;
  return TRUE;
}

/* The earliest due (or, with @warning, warning) moment among the unmet
 * deadlines of an open incident. */
static gint64
get_earliest_unmet (SitrepIncident *incident,
                    SitrepPolicy   *policy,
                    gboolean        warning)
{
  SitrepDeadline deadlines[SITREP_N_DEADLINES];
  gint64 next = SITREP_TIME_NONE;

  if (!sitrep_status_is_open (sitrep_incident_get_status (incident)))
    return SITREP_TIME_NONE;

  sitrep_sla_compute_deadlines (incident, policy, SITREP_TIME_NONE, deadlines);

  /* a paused clock falls due at no known moment until it runs again */
  for (guint i = 0; i < SITREP_N_DEADLINES; i++)
    if (deadlines[i].met_at == SITREP_TIME_NONE && !deadlines[i].paused_now)
      next = earliest (next, warning ? deadlines[i].warn_at : deadlines[i].due);

  return next;
}

/**
 * sitrep_sla_get_next_due:
 * @incident: a #SitrepIncident
 * @policy: the SLA policy
 *
 * Returns: the earliest due moment among the incident's unmet deadlines
 *   (which may be past), or %SITREP_TIME_NONE when all are met or the
 *   incident is no longer open
 */
gint64
sitrep_sla_get_next_due (SitrepIncident *incident,
                         SitrepPolicy   *policy)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), SITREP_TIME_NONE);
  g_return_val_if_fail (SITREP_IS_POLICY (policy), SITREP_TIME_NONE);

  return get_earliest_unmet (incident, policy, FALSE);
}

/**
 * sitrep_sla_get_next_warn_at:
 * @incident: a #SitrepIncident
 * @policy: the SLA policy
 *
 * Returns: the earliest warning moment among the incident's unmet deadlines
 *   (which may be past), or %SITREP_TIME_NONE when all are met or the
 *   incident is no longer open
 */
gint64
sitrep_sla_get_next_warn_at (SitrepIncident *incident,
                             SitrepPolicy   *policy)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), SITREP_TIME_NONE);
  g_return_val_if_fail (SITREP_IS_POLICY (policy), SITREP_TIME_NONE);

  return get_earliest_unmet (incident, policy, TRUE);
}

/* A notice that is no longer due shows only whether it was ever sent. */
static void
set_notice_record (SitrepNotice *notice)
{
  notice->due = SITREP_TIME_NONE;
  notice->state = notice->sent_at != SITREP_TIME_NONE ? SITREP_NOTICE_STATE_SENT
                                                      : SITREP_NOTICE_STATE_NONE;
}

static void
set_notice_due (SitrepNotice *notice,
                gint64        due,
                gint64        now)
{
  notice->due = due;
  notice->state = due <= now ? SITREP_NOTICE_STATE_OVERDUE : SITREP_NOTICE_STATE_PENDING;
}

/**
 * sitrep_sla_compute_notices:
 * @incident: a #SitrepIncident
 * @policy: the SLA policy
 * @now: the moment to judge the notices at, in Unix seconds
 * @notices: (out caller-allocates): the initial, progress, rectification and
 *   escalation notices, indexed by #SitrepNoticeKind
 *
 * Computes the communication plan of the incident's current level. Levels
 * without a plan (no initial notice window) owe no notice at all; incidents
 * that are no longer open owe none either, and only show which notices
 * were sent.
 *
 * The progress notice is due one progress window after the last notice
 * sent (initial, progress or escalation: each tells the recipients where
 * handling stands), or after the moment the initial notice fell due when
 * none was sent, for as long as the service is not recovered.
 *
 * The escalation notice is due from the moment any deadline is breached.
 */
void
sitrep_sla_compute_notices (SitrepIncident *incident,
                            SitrepPolicy   *policy,
                            gint64          now,
                            SitrepNotice    notices[SITREP_N_NOTICES])
{
  SitrepDeadline deadlines[SITREP_N_DEADLINES];
  SitrepStatus status;
  SitrepNotice *initial, *progress, *rectification, *escalation;
  gint64 initial_window, progress_window;
  gint64 reported_at;
  int level;

  g_return_if_fail (SITREP_IS_INCIDENT (incident));
  g_return_if_fail (SITREP_IS_POLICY (policy));
  g_return_if_fail (notices != NULL);

  level = get_level (incident);
  status = sitrep_incident_get_status (incident);
  reported_at = sitrep_incident_get_reported_at (incident);
  initial_window = get_window_seconds (policy, level, SITREP_POLICY_WINDOW_INITIAL_NOTICE);
  progress_window = get_window_seconds (policy, level, SITREP_POLICY_WINDOW_PROGRESS_NOTICE);

  initial = &notices[SITREP_NOTICE_INITIAL];
  progress = &notices[SITREP_NOTICE_PROGRESS];
  rectification = &notices[SITREP_NOTICE_RECTIFICATION];
  escalation = &notices[SITREP_NOTICE_ESCALATION];

  for (guint i = 0; i < SITREP_N_NOTICES; i++)
    {
      notices[i].kind = (SitrepNoticeKind) i;
      notices[i].sequence = 0;
    }

  initial->sent_at = sitrep_incident_get_initial_notice_at (incident);
  progress->sent_at = sitrep_incident_get_progress_notice_at (incident);
  progress->sequence = MAX (0, sitrep_incident_get_progress_notice_count (incident)) + 1;
  rectification->sent_at = sitrep_incident_get_rectification_notice_at (incident);
  escalation->sent_at = sitrep_incident_get_escalation_notice_at (incident);

  if (initial_window <= 0)
    {
      /* No communication plan at this level. */
      for (guint i = 0; i < SITREP_N_NOTICES; i++)
        {
          notices[i].state = SITREP_NOTICE_STATE_NONE;
          notices[i].due = SITREP_TIME_NONE;
        }
      return;
    }

  if (!sitrep_status_is_open (status))
    {
      for (guint i = 0; i < SITREP_N_NOTICES; i++)
        set_notice_record (&notices[i]);
      return;
    }

  sitrep_sla_compute_deadlines (incident, policy, now, deadlines);

  /* Initial */
  if (initial->sent_at != SITREP_TIME_NONE)
    {
      initial->due = reported_at + initial_window;
      initial->state = SITREP_NOTICE_STATE_SENT;
    }
  else
    {
      set_notice_due (initial, reported_at + initial_window, now);
    }

  /* Progress, until recovered */
  if (status != SITREP_STATUS_RECOVERED && progress_window > 0)
    {
      gint64 last = latest (initial->sent_at, latest (progress->sent_at, escalation->sent_at));

      if (last == SITREP_TIME_NONE)
        last = reported_at + initial_window;
      set_notice_due (progress, last + progress_window, now);
    }
  else
    {
      set_notice_record (progress);
    }

  /* Rectification, on recovery */
  if (status == SITREP_STATUS_RECOVERED &&
      sitrep_incident_get_recovered_at (incident) != SITREP_TIME_NONE)
    {
      gint64 recovered_at = sitrep_incident_get_recovered_at (incident);

      if (rectification->sent_at != SITREP_TIME_NONE)
        {
          rectification->due = recovered_at;
          rectification->state = SITREP_NOTICE_STATE_SENT;
        }
      else
        {
          set_notice_due (rectification, recovered_at, now);
        }
    }
  else
    {
      set_notice_record (rectification);
    }

  /* Escalation, once a deadline is breached */
  {
    gint64 breach = get_breach_moment (deadlines);

    if (escalation->sent_at != SITREP_TIME_NONE)
      {
        escalation->due = breach;
        escalation->state = SITREP_NOTICE_STATE_SENT;
      }
    else if (breach != SITREP_TIME_NONE && breach <= now)
      {
        escalation->due = breach;
        escalation->state = SITREP_NOTICE_STATE_OVERDUE;
      }
    else
      {
        escalation->due = SITREP_TIME_NONE;
        escalation->state = SITREP_NOTICE_STATE_NONE;
      }
  }
}

/**
 * sitrep_sla_list_alert_moments:
 * @incident: a #SitrepIncident
 * @policy: the SLA policy
 *
 * Lists every moment at which the incident calls for an alert: a warning
 * and a breach for each unmet deadline, and the moment each notice of the
 * communication plan falls due while unsent. Each moment has a key
 * ("response-warning", "recovery-breach", "notice-progress-2", …) that names
 * it uniquely within the incident, so that it is raised only once. Moments
 * already past are included.
 *
 * Returns: (transfer full) (element-type SitrepAlertMoment): the moments in
 *   time order; empty when the incident is not open
 */
GArray *
sitrep_sla_list_alert_moments (SitrepIncident *incident,
                               SitrepPolicy   *policy)
{
  SitrepDeadline deadlines[SITREP_N_DEADLINES];
  SitrepNotice notices[SITREP_N_NOTICES];
  GArray *moments;
  gint64 breach;

  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), NULL);
  g_return_val_if_fail (SITREP_IS_POLICY (policy), NULL);

  moments = g_array_new (FALSE, TRUE, sizeof (SitrepAlertMoment));

  if (!sitrep_status_is_open (sitrep_incident_get_status (incident)))
    return moments;

  /* Moments do not depend on "now": judge at the start of time, so that
   * every unsent notice that applies has a due moment. */
  sitrep_sla_compute_deadlines (incident, policy, SITREP_TIME_NONE, deadlines);
  sitrep_sla_compute_notices (incident, policy, SITREP_TIME_NONE, notices);

  for (guint i = 0; i < SITREP_N_DEADLINES; i++)
    {
      const SitrepDeadline *d = &deadlines[i];

      /* a paused clock alerts again once the hold is released */
      if (d->met_at != SITREP_TIME_NONE || d->paused_now)
        continue;

      append_deadline_moment (moments, d->kind, SITREP_ALERT_STAGE_WARNING, d->warn_at);
      append_deadline_moment (moments, d->kind, SITREP_ALERT_STAGE_BREACH, d->due);
    }

  for (guint i = 0; i < SITREP_NOTICE_ESCALATION; i++)
    {
      const SitrepNotice *n = &notices[i];

      if (n->state == SITREP_NOTICE_STATE_PENDING || n->state == SITREP_NOTICE_STATE_OVERDUE)
        append_notice_moment (moments, n->kind, n->sequence, n->due);
    }

  /* The escalation is not "pending" in compute_notices() before a breach,
   * but the scheduler must know in advance when it will fall due. */
  breach = get_breach_moment (deadlines);
  if (sitrep_policy_get_minutes (policy, get_level (incident),
                                 SITREP_POLICY_WINDOW_INITIAL_NOTICE) > 0 &&
      notices[SITREP_NOTICE_ESCALATION].sent_at == SITREP_TIME_NONE &&
      breach != SITREP_TIME_NONE)
    append_notice_moment (moments, SITREP_NOTICE_ESCALATION, 0, breach);

  g_array_sort (moments, compare_moments);

  return moments;
}

/**
 * sitrep_sla_describe_deadline:
 * @deadline: a deadline from sitrep_sla_compute_deadlines()
 * @now: the moment to describe it at
 *
 * Describes a deadline in a few words, e.g. "Response due in 4 min",
 * "Recovery overdue by 12 min", "Response met" or "Resolution met late".
 *
 * Returns: (transfer full): the description
 */
char *
sitrep_sla_describe_deadline (const SitrepDeadline *deadline,
                              gint64                now)
{
  g_autofree char *duration = NULL;

  g_return_val_if_fail (deadline != NULL, NULL);

  switch (deadline->state)
    {
    case SITREP_DEADLINE_STATE_MET:
      switch (deadline->kind)
        {
        case SITREP_DEADLINE_RESPONSE:   return g_strdup (_("Response met"));
        case SITREP_DEADLINE_RECOVERY:   return g_strdup (_("Recovery met"));
        case SITREP_DEADLINE_RESOLUTION: return g_strdup (_("Resolution met"));
        default:                         break;
        }
      break;

    case SITREP_DEADLINE_STATE_MET_LATE:
      switch (deadline->kind)
        {
        case SITREP_DEADLINE_RESPONSE:   return g_strdup (_("Response met late"));
        case SITREP_DEADLINE_RECOVERY:   return g_strdup (_("Recovery met late"));
        case SITREP_DEADLINE_RESOLUTION: return g_strdup (_("Resolution met late"));
        default:                         break;
        }
      break;

    case SITREP_DEADLINE_STATE_BREACHED:
      duration = sitrep_time_format_duration (MAX (now - deadline->due, 0));
      switch (deadline->kind)
        {
          /* Translators: %s is a duration such as "12 min" */
        case SITREP_DEADLINE_RESPONSE:   return g_strdup_printf (_("Response overdue by %s"),
                                                                 duration);
          /* Translators: %s is a duration such as "12 min" */
        case SITREP_DEADLINE_RECOVERY:   return g_strdup_printf (_("Recovery overdue by %s"),
                                                                 duration);
          /* Translators: %s is a duration such as "12 min" */
        case SITREP_DEADLINE_RESOLUTION: return g_strdup_printf (_("Resolution overdue by %s"),
                                                                 duration);
        default:                         break;
        }
      break;

    case SITREP_DEADLINE_STATE_PAUSED:
      switch (deadline->kind)
        {
        case SITREP_DEADLINE_RESPONSE:   return g_strdup (_("Response paused"));
        case SITREP_DEADLINE_RECOVERY:   return g_strdup (_("Recovery paused"));
        case SITREP_DEADLINE_RESOLUTION: return g_strdup (_("Resolution paused"));
        default:                         break;
        }
      break;

    case SITREP_DEADLINE_STATE_PENDING:
    case SITREP_DEADLINE_STATE_WARNING:
      duration = sitrep_time_format_duration (MAX (deadline->due - now, 0));
      switch (deadline->kind)
        {
          /* Translators: %s is a duration such as "4 min" */
        case SITREP_DEADLINE_RESPONSE:   return g_strdup_printf (_("Response due in %s"), duration);
          /* Translators: %s is a duration such as "4 min" */
        case SITREP_DEADLINE_RECOVERY:   return g_strdup_printf (_("Recovery due in %s"), duration);
          /* Translators: %s is a duration such as "4 min" */
        case SITREP_DEADLINE_RESOLUTION: return g_strdup_printf (_("Resolution due in %s"),
                                                                 duration);
        default:                         break;
        }
      break;

    default:
      break;
    }

  return g_strdup ("");
}

/**
 * sitrep_sla_deadline_ended_by_cancel:
 * @incident: an incident
 * @deadline: one of its deadlines, from sitrep_sla_compute_deadlines()
 *
 * A cancelled incident's deadlines that were still owed when it was
 * cancelled are ended as "met" at that moment: the obligation ended. This
 * tells those apart from deadlines genuinely met, so that nobody reads the
 * end of an obligation as a success.
 *
 * Returns: %TRUE if @deadline was ended by the incident's cancellation
 */
gboolean
sitrep_sla_deadline_ended_by_cancel (SitrepIncident       *incident,
                                     const SitrepDeadline *deadline)
{
  gint64 cancelled_at;
  gint64 acknowledged_at;
  gint64 recovered_at;
  gint64 reached = SITREP_TIME_NONE;

  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), FALSE);
  g_return_val_if_fail (deadline != NULL, FALSE);

  if (sitrep_incident_get_status (incident) != SITREP_STATUS_CANCELLED
      || deadline->met_at == SITREP_TIME_NONE)
    return FALSE;

  acknowledged_at = sitrep_incident_get_acknowledged_at (incident);
  recovered_at = sitrep_incident_get_recovered_at (incident);
  cancelled_at = sitrep_incident_get_cancelled_at (incident);
  if (cancelled_at == SITREP_TIME_NONE)
    cancelled_at = sitrep_incident_get_reported_at (incident);

  if (deadline->kind == SITREP_DEADLINE_RESPONSE)
    reached = acknowledged_at == SITREP_TIME_NONE ? recovered_at
              : recovered_at == SITREP_TIME_NONE ? acknowledged_at
              : MIN (acknowledged_at, recovered_at);
  else if (deadline->kind == SITREP_DEADLINE_RECOVERY)
    reached = recovered_at;

  return deadline->met_at >= cancelled_at
         && (reached == SITREP_TIME_NONE || reached > deadline->met_at);
}
