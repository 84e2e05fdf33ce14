/* sitrep-alert-text.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-scheduler.h"
#include "sitrep-time.h"

/*
 * What the scheduler's alerts say: in a notification, read now or later,
 * and in the incident's timeline.
 */

/**
 * sitrep_alert_describe:
 * @incident: the incident the alert is about
 * @policy: the SLA policy
 * @moment: the alert moment
 * @now: the moment it is described at
 *
 * Says in a few words what the alert is about, for a notification's
 * summary, naming the clock time it concerns in the local time zone
 * ("Response due at 14:32", "Recovery overdue since 09:30", "Initial
 * notification due at 10:00"), with the date when that is not the day of
 * @now. Unlike "due in 2 min", that stays true while the notification
 * waits in a list.
 *
 * Returns: (transfer full): the description
 */
char *
sitrep_alert_describe (SitrepIncident          *incident,
                       SitrepPolicy            *policy,
                       const SitrepAlertMoment *moment,
                       gint64                   now)
{
  SitrepDeadline deadlines[SITREP_N_DEADLINES];
  g_autofree char *at = NULL;

  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), NULL);
  g_return_val_if_fail (SITREP_IS_POLICY (policy), NULL);
  g_return_val_if_fail (moment != NULL, NULL);

  if (moment->is_notice)
    {
      at = sitrep_time_format_clock (moment->at, now);
      switch (moment->notice)
        {
        case SITREP_NOTICE_INITIAL:
          /* Translators: %s is a time of day such as "14:32", or a date and time */
          return g_strdup_printf (_("Initial notification due at %s"), at);
        case SITREP_NOTICE_PROGRESS:
          /* Translators: %s is a time of day such as "14:32", or a date and time */
          return g_strdup_printf (_("Progress notice due at %s"), at);
        case SITREP_NOTICE_RECTIFICATION:
          /* Translators: %s is a time of day such as "14:32", or a date and time */
          return g_strdup_printf (_("Fault rectification notice due at %s"), at);
        case SITREP_NOTICE_ESCALATION:
          /* Translators: %s is a time of day such as "14:32", or a date and time */
          return g_strdup_printf (_("Escalation notice due at %s"), at);
        default:
          g_return_val_if_reached (NULL);
        }
    }

  sitrep_sla_compute_deadlines (incident, policy, now, deadlines);
  at = sitrep_time_format_clock (deadlines[moment->deadline].due, now);

  if (moment->stage == SITREP_ALERT_STAGE_WARNING)
    {
      switch (moment->deadline)
        {
          /* Translators: %s is a time of day such as "14:32", or a date and time */
        case SITREP_DEADLINE_RESPONSE:   return g_strdup_printf (_("Response due at %s"), at);
          /* Translators: %s is a time of day such as "14:32", or a date and time */
        case SITREP_DEADLINE_RECOVERY:   return g_strdup_printf (_("Recovery due at %s"), at);
          /* Translators: %s is a time of day such as "14:32", or a date and time */
        case SITREP_DEADLINE_RESOLUTION: return g_strdup_printf (_("Resolution due at %s"), at);
        default:                         g_return_val_if_reached (NULL);
        }
    }

  switch (moment->deadline)
    {
      /* Translators: %s is a time of day such as "14:32", or a date and time */
    case SITREP_DEADLINE_RESPONSE:   return g_strdup_printf (_("Response overdue since %s"), at);
      /* Translators: %s is a time of day such as "14:32", or a date and time */
    case SITREP_DEADLINE_RECOVERY:   return g_strdup_printf (_("Recovery overdue since %s"), at);
      /* Translators: %s is a time of day such as "14:32", or a date and time */
    case SITREP_DEADLINE_RESOLUTION: return g_strdup_printf (_("Resolution overdue since %s"), at);
    default:                         g_return_val_if_reached (NULL);
    }
}

/**
 * sitrep_alert_describe_for_timeline:
 * @moment: the alert moment
 *
 * Says what the alert is about as the incident's timeline records it:
 * "Response deadline breached", "Recovery deadline warning",
 * "Initial notification due".
 *
 * Returns: (transfer full): the timeline text
 */
char *
sitrep_alert_describe_for_timeline (const SitrepAlertMoment *moment)
{
  g_return_val_if_fail (moment != NULL, NULL);

  if (moment->is_notice)
    {
      switch (moment->notice)
        {
        case SITREP_NOTICE_INITIAL:
          return g_strdup (_("Initial notification due"));
        case SITREP_NOTICE_PROGRESS:
          return g_strdup (_("Progress notice due"));
        case SITREP_NOTICE_RECTIFICATION:
          return g_strdup (_("Fault rectification notice due"));
        case SITREP_NOTICE_ESCALATION:
          return g_strdup (_("Escalation notice due"));
        default:
          g_return_val_if_reached (NULL);
        }
    }

  if (moment->stage == SITREP_ALERT_STAGE_WARNING)
    {
      switch (moment->deadline)
        {
        case SITREP_DEADLINE_RESPONSE:   return g_strdup (_("Response deadline warning"));
        case SITREP_DEADLINE_RECOVERY:   return g_strdup (_("Recovery deadline warning"));
        case SITREP_DEADLINE_RESOLUTION: return g_strdup (_("Resolution deadline warning"));
        default:                         g_return_val_if_reached (NULL);
        }
    }

  switch (moment->deadline)
    {
    case SITREP_DEADLINE_RESPONSE:   return g_strdup (_("Response deadline breached"));
    case SITREP_DEADLINE_RECOVERY:   return g_strdup (_("Recovery deadline breached"));
    case SITREP_DEADLINE_RESOLUTION: return g_strdup (_("Resolution deadline breached"));
    default:                         g_return_val_if_reached (NULL);
    }
}

/**
 * sitrep_alert_is_critical:
 * @incident: the incident the alert is about
 * @moment: the alert moment
 *
 * Returns: whether the alert is urgent enough to interrupt: a level-1
 *   breach or an escalation notice falling due
 */
gboolean
sitrep_alert_is_critical (SitrepIncident          *incident,
                          const SitrepAlertMoment *moment)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), FALSE);
  g_return_val_if_fail (moment != NULL, FALSE);

  if (moment->is_notice)
    return moment->notice == SITREP_NOTICE_ESCALATION;

  return moment->stage == SITREP_ALERT_STAGE_BREACH &&
         sitrep_incident_get_level (incident) == 1;
}
