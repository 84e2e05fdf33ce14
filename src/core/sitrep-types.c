/* sitrep-types.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enums.h"
#include "sitrep-types.h"

/**
 * sitrep_enum_to_nick:
 * @enum_type: a #GEnum type registered by mkenums
 * @value: a value of @enum_type
 *
 * Returns: (transfer none) (nullable): the value's nick, which is the name
 *   used in the database and the interchange format, or %NULL when @value
 *   is not a value of @enum_type
 */
const char *
sitrep_enum_to_nick (GType enum_type,
                     int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  return ev != NULL ? ev->value_nick : NULL;
}

/**
 * sitrep_enum_from_nick:
 * @enum_type: a #GEnum type registered by mkenums
 * @nick: (nullable): a nick such as "met-late"
 * @value: (out): the value
 *
 * Returns: %TRUE if @nick names a value of @enum_type
 */
gboolean
sitrep_enum_from_nick (GType       enum_type,
                       const char *nick,
                       int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *ev;

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (enum_type);
  ev = g_enum_get_value_by_nick (klass, nick);
  if (ev == NULL)
    return FALSE;

  *value = ev->value;
  return TRUE;
}

/**
 * sitrep_status_is_open:
 * @status: a status
 *
 * Returns: %TRUE while the incident is still being handled: new,
 *   acknowledged or recovered
 */
gboolean
sitrep_status_is_open (SitrepStatus status)
{
  return status == SITREP_STATUS_NEW ||
         status == SITREP_STATUS_ACKNOWLEDGED ||
         status == SITREP_STATUS_RECOVERED;
}

const char *
sitrep_status_to_label (SitrepStatus status)
{
  switch (status)
    {
    case SITREP_STATUS_NEW:          return _("New");
    case SITREP_STATUS_ACKNOWLEDGED: return _("Acknowledged");
    case SITREP_STATUS_RECOVERED:    return _("Recovered");
    case SITREP_STATUS_RESOLVED:     return _("Resolved");
    case SITREP_STATUS_TRANSFERRED:  return _("Transferred");
    case SITREP_STATUS_CLOSED:       return _("Closed");
    case SITREP_STATUS_CANCELLED:    return _("Cancelled");
    default:                         return "";
    }
}

const char *
sitrep_channel_to_label (SitrepChannel channel)
{
  switch (channel)
    {
    case SITREP_CHANNEL_HOTLINE:    return _("Hotline");
    case SITREP_CHANNEL_EMAIL:      return _("Email");
    case SITREP_CHANNEL_MONITORING: return _("Monitoring");
    case SITREP_CHANNEL_OTHER:      return _("Other");
    default:                        return "";
    }
}

const char *
sitrep_cause_to_label (SitrepCause cause)
{
  switch (cause)
    {
    case SITREP_CAUSE_NONE:     return _("Not yet known");
    case SITREP_CAUSE_NETWORK:  return _("Network or external system");
    case SITREP_CAUSE_HARDWARE: return _("Hardware");
    case SITREP_CAUSE_SOFTWARE: return _("Software");
    case SITREP_CAUSE_DATA:     return _("Data");
    case SITREP_CAUSE_UNKNOWN:  return _("Unknown");
    default:                    return "";
    }
}

const char *
sitrep_role_to_label (SitrepRole role)
{
  switch (role)
    {
    case SITREP_ROLE_SERVICE_OWNER:    return _("Service owner");
    case SITREP_ROLE_OM_TEAM:          return _("O&M team");
    case SITREP_ROLE_RND_LEADER:       return _("R&D leader");
    case SITREP_ROLE_INCIDENT_MANAGER: return _("Incident manager");
    case SITREP_ROLE_OM_ENGINEER:      return _("O&M engineer");
    case SITREP_ROLE_DEVELOPER:        return _("Developer");
    case SITREP_ROLE_EXECUTIVE:        return _("Executive");
    case SITREP_ROLE_SUPERVISOR:       return _("Supervisor");
    case SITREP_ROLE_TEAM:             return _("Team");
    default:                           return "";
    }
}

const char *
sitrep_tag_to_label (SitrepTag tag)
{
  switch (tag)
    {
    case SITREP_TAG_NONE:      return _("None");
    case SITREP_TAG_CONDITION: return _("Condition");
    case SITREP_TAG_ACTION:    return _("Action");
    case SITREP_TAG_NEED:      return _("Need");
    default:                   return "";
    }
}

const char *
sitrep_verdict_to_label (SitrepVerdict verdict)
{
  switch (verdict)
    {
    case SITREP_VERDICT_NOT_ANALYSED:   return _("Not yet analysed");
    case SITREP_VERDICT_ATTRIBUTED:     return _("Attributed to this incident");
    case SITREP_VERDICT_NOT_ATTRIBUTED: return _("Not attributed");
    default:                            return "";
    }
}

const char *
sitrep_report_kind_to_label (SitrepReportKind kind)
{
  switch (kind)
    {
    case SITREP_REPORT_KIND_CAN:     return _("CAN report");
    case SITREP_REPORT_KIND_FINAL:   return _("Final report");
    case SITREP_REPORT_KIND_MONTHLY: return _("Monthly analysis");
    default:                         return "";
    }
}

const char *
sitrep_deadline_kind_to_label (SitrepDeadlineKind kind)
{
  switch (kind)
    {
    case SITREP_DEADLINE_RESPONSE:   return _("Response");
    case SITREP_DEADLINE_RECOVERY:   return _("Recovery");
    case SITREP_DEADLINE_RESOLUTION: return _("Resolution");
    default:                         return "";
    }
}

const char *
sitrep_deadline_state_to_label (SitrepDeadlineState state)
{
  switch (state)
    {
    case SITREP_DEADLINE_STATE_PENDING:  return _("Pending");
    case SITREP_DEADLINE_STATE_WARNING:  return _("Warning");
    case SITREP_DEADLINE_STATE_BREACHED: return _("Breached");
    case SITREP_DEADLINE_STATE_MET:      return _("Met");
    case SITREP_DEADLINE_STATE_MET_LATE: return _("Met late");
    case SITREP_DEADLINE_STATE_PAUSED:   return _("Paused");
    default:                             return "";
    }
}

const char *
sitrep_notice_kind_to_label (SitrepNoticeKind kind)
{
  switch (kind)
    {
    case SITREP_NOTICE_INITIAL:       return _("Initial notification");
    case SITREP_NOTICE_PROGRESS:      return _("Handling progress");
    case SITREP_NOTICE_RECTIFICATION: return _("Fault rectification");
    case SITREP_NOTICE_ESCALATION:    return _("Escalation of overdue incident");
    default:                          return "";
    }
}

const char *
sitrep_transition_to_label (SitrepTransition transition)
{
  switch (transition)
    {
    case SITREP_TRANSITION_ACKNOWLEDGE: return _("Acknowledge");
    case SITREP_TRANSITION_RECOVER:     return _("Mark Recovered");
    case SITREP_TRANSITION_RESOLVE:     return _("Resolve");
    case SITREP_TRANSITION_TRANSFER:    return _("Transfer");
    case SITREP_TRANSITION_CLOSE:       return _("Close");
    case SITREP_TRANSITION_REOPEN:      return _("Reopen");
    case SITREP_TRANSITION_CANCEL:      return _("Cancel Incident");
    default:                            return "";
    }
}

/**
 * sitrep_text_is_blank:
 * @text: (nullable): UTF-8 text
 *
 * Returns: whether @text is %NULL, empty or only white space
 */
gboolean
sitrep_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}
