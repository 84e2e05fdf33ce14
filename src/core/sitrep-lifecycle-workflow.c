/* sitrep-lifecycle-workflow.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-incident.h"
#include "sitrep-incident-workflow.h"
#include "sitrep-lifecycle-private.h"
#include "sitrep-policy.h"
#include "sitrep-sla.h"
#include "sitrep-time.h"

/* ------------------------------------------------------------------------
 * Holds and functional escalation
 *
 * Within the open states an incident can be put on hold with a reason and
 * released, and assigned to a team (developers, the network group, …)
 * whose clocks keep running; that team reports its work done ("team
 * resolved"). None of these change the status: Transfer, which hands a
 * recovered incident over and meets its resolution, stays a transition.
 */

/* What an incident that is no longer open cannot have done to it; each
 * a whole sentence, so that a translation can word it as it must. */
typedef enum
{
  OPEN_ACTION_HOLD,
  OPEN_ACTION_ASSIGN,
  OPEN_ACTION_UNASSIGN,
  OPEN_ACTION_TEAM_RESOLVED,
} OpenAction;

static gboolean
check_open (SitrepIncident  *incident,
            OpenAction       action,
            GError         **error)
{
  const char *key = sitrep_incident_get_key (incident);
  const char *status = sitrep_status_to_label (sitrep_incident_get_status (incident));

  if (sitrep_status_is_open (sitrep_incident_get_status (incident)))
    return TRUE;

  switch (action)
    {
    case OPEN_ACTION_HOLD:
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TRANSITION,
                   /* Translators: the first %s is an incident key, the second a
                    * status ("Closed") */
                   _("%s cannot be put on hold: it is %s, not open"), key, status);
      break;
    case OPEN_ACTION_ASSIGN:
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TRANSITION,
                   /* Translators: the first %s is an incident key, the second a
                    * status ("Closed") */
                   _("%s cannot be assigned to a team: it is %s, not open"), key, status);
      break;
    case OPEN_ACTION_UNASSIGN:
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TRANSITION,
                   /* Translators: the first %s is an incident key, the second a
                    * status ("Closed") */
                   _("The team of %s cannot be removed: it is %s, not open"), key, status);
      break;
    case OPEN_ACTION_TEAM_RESOLVED:
    default:
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TRANSITION,
                   /* Translators: the first %s is an incident key, the second a
                    * status ("Closed") */
                   _("The team's resolution of %s cannot be recorded: it is %s, not open"),
                   key, status);
      break;
    }

  return FALSE;
}

/**
 * sitrep_lifecycle_check_hold:
 * @incident: the incident
 * @reason: (nullable): why it is held ("waiting for the customer")
 * @error: return location for a #GError
 *
 * An open incident that is not on hold can be put on hold, with a reason.
 *
 * Returns: %TRUE if it may be put on hold
 */
gboolean
sitrep_lifecycle_check_hold (SitrepIncident  *incident,
                             const char      *reason,
                             GError         **error)
{
  if (!check_open (incident, OPEN_ACTION_HOLD, error))
    return FALSE;

  if (sitrep_incident_get_current_hold (incident) != NULL)
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TRANSITION,
                   _("%s is already on hold"), sitrep_incident_get_key (incident));
      return FALSE;
    }

  if (sitrep_text_is_blank (reason))
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                   _("Putting %s on hold needs a reason, such as “waiting for the customer”"),
                   sitrep_incident_get_key (incident));
      return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_lifecycle_check_release:
 * @incident: the incident
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the incident is on hold, so that it can be released
 */
gboolean
sitrep_lifecycle_check_release (SitrepIncident  *incident,
                                GError         **error)
{
  if (sitrep_incident_get_current_hold (incident) != NULL)
    return TRUE;

  g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TRANSITION,
               _("%s is not on hold"), sitrep_incident_get_key (incident));
  return FALSE;
}

/**
 * sitrep_lifecycle_check_team:
 * @incident: the incident
 * @team: (nullable): the team to assign it to; blank to unassign
 * @error: return location for a #GError
 *
 * An open incident can be assigned to a team, reassigned or unassigned at
 * any stage.
 *
 * Returns: %TRUE if it may
 */
gboolean
sitrep_lifecycle_check_team (SitrepIncident  *incident,
                             const char      *team,
                             GError         **error)
{
  if (!check_open (incident,
                   sitrep_text_is_blank (team) ? OPEN_ACTION_UNASSIGN : OPEN_ACTION_ASSIGN,
                   error))
    return FALSE;

  if (sitrep_text_is_blank (team) && sitrep_incident_get_team (incident) == NULL)
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                   _("%s is not assigned to a team"), sitrep_incident_get_key (incident));
      return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_lifecycle_check_team_resolved:
 * @incident: the incident
 * @resolution: (nullable): what the team did
 * @error: return location for a #GError
 *
 * The team an open incident is assigned to can report its work done, once,
 * saying what it did.
 *
 * Returns: %TRUE if it may
 */
gboolean
sitrep_lifecycle_check_team_resolved (SitrepIncident  *incident,
                                      const char      *resolution,
                                      GError         **error)
{
  const char *key = sitrep_incident_get_key (incident);

  if (!check_open (incident, OPEN_ACTION_TEAM_RESOLVED, error))
    return FALSE;

  if (sitrep_incident_get_team (incident) == NULL)
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TRANSITION,
                   _("%s is not assigned to a team"), key);
      return FALSE;
    }

  if (sitrep_incident_get_team_resolved_at (incident) != SITREP_TIME_NONE)
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TRANSITION,
                   _("%s already recorded its resolution of %s"),
                   sitrep_incident_get_team (incident), key);
      return FALSE;
    }

  if (sitrep_text_is_blank (resolution))
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                   _("The team's resolution of %s needs a text saying what was done"), key);
      return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_lifecycle_describe_hold:
 * @reason: why the incident is held
 * @pauses: the clocks the hold stops (SITREP_HOLD_PAUSES())
 *
 * Returns: (transfer full): the text of the hold entry
 */
char *
sitrep_lifecycle_describe_hold (const char *reason,
                                guint       pauses)
{
  if (pauses & SITREP_HOLD_PAUSES (SITREP_DEADLINE_RESOLUTION))
    /* Translators: %s is the reason, e.g. "waiting for the vendor" */
    return g_strdup_printf (_("Put on hold, resolution clock paused: %s"), reason);

  /* Translators: %s is the reason, e.g. "waiting for the vendor" */
  return g_strdup_printf (_("Put on hold, clocks running: %s"), reason);
}

/**
 * sitrep_lifecycle_describe_release:
 * @held_seconds: how long the hold lasted
 *
 * Returns: (transfer full): the text of the release entry
 */
char *
sitrep_lifecycle_describe_release (gint64 held_seconds)
{
  g_autofree char *duration = sitrep_time_format_duration (MAX (held_seconds, 0));

  /* Translators: %s is a duration such as "1 h 5 min" */
  return g_strdup_printf (_("Hold released after %s"), duration);
}

/**
 * sitrep_lifecycle_describe_team:
 * @old_team: (nullable): the team before
 * @team: (nullable): the new team; blank for none
 * @comment: (nullable): why
 *
 * Returns: (transfer full): the text of the team entry
 */
char *
sitrep_lifecycle_describe_team (const char *old_team,
                                const char *team,
                                const char *comment)
{
  g_autofree char *text = NULL;

  if (sitrep_text_is_blank (team))
    text = g_strdup_printf (_("Unassigned from %s"), old_team);
  else if (sitrep_text_is_blank (old_team))
    text = g_strdup_printf (_("Assigned to %s"), team);
  else
    text = g_strdup_printf (_("Reassigned from %s to %s"), old_team, team);

  if (sitrep_text_is_blank (comment))
    return g_steal_pointer (&text);

  /* Translators: an entry and the remark given with it */
  return g_strdup_printf (_("%s: %s"), text, comment);
}

/**
 * sitrep_lifecycle_describe_team_resolved:
 * @team: the team
 * @resolution: what it did
 *
 * Returns: (transfer full): the text of the team's resolution entry
 */
char *
sitrep_lifecycle_describe_team_resolved (const char *team,
                                         const char *resolution)
{
  /* Translators: the first %s is a team, the second what it did */
  return g_strdup_printf (_("%s resolved: %s"), team, resolution);
}

/**
 * sitrep_lifecycle_describe_owner_confirmed:
 * @owner: (nullable): the owner who confirmed
 * @team: the team the incident was escalated to
 *
 * Returns: (transfer full): the text of the entry that records the
 *   owner's confirmation before closing an escalated incident
 */
char *
sitrep_lifecycle_describe_owner_confirmed (const char *owner,
                                           const char *team)
{
  if (sitrep_text_is_blank (owner))
    /* Translators: %s is a team */
    return g_strdup_printf (_("Closing confirmed after %s’s resolution"), team);

  /* Translators: the first %s is a person, the second a team */
  return g_strdup_printf (_("%s confirmed %s’s resolution before closing"), owner, team);
}

/* Corrections: a wrong note is put right by a new entry, never edited;
 * a wrong fault start or report time is changed with a reason. */

/**
 * sitrep_lifecycle_check_correction:
 * @kind: the kind of the entry to correct
 * @old_text: (nullable): its text as it reads now (after any earlier
 *   correction)
 * @old_tag: its tag as it reads now
 * @text: the corrected text
 * @tag: the corrected tag
 * @error: return location for a #GError
 *
 * Only notes are corrected this way: an automatic entry says what the
 * record did, and is put right by changing the record (Edit Reported, a
 * level change, …). A correction is not corrected itself: the original
 * note is corrected again and the latest correction holds, so that every
 * correction points straight at what it corrects.
 *
 * Returns: %FALSE (%SITREP_LIFECYCLE_ERROR_INVALID_VALUE) when the entry
 *   cannot be corrected or the correction is empty or changes nothing
 */
gboolean
sitrep_lifecycle_check_correction (SitrepEntryKind   kind,
                                   const char       *old_text,
                                   SitrepTag         old_tag,
                                   const char       *text,
                                   SitrepTag         tag,
                                   GError          **error)
{
  if (kind == SITREP_ENTRY_KIND_CORRECTION)
    {
      g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                           _("A correction cannot be corrected: correct the original entry "
                             "again"));
      return FALSE;
    }

  if (kind != SITREP_ENTRY_KIND_NOTE)
    {
      g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                           _("Only notes can be corrected; an automatic entry changes with "
                             "the incident it describes"));
      return FALSE;
    }

  if (sitrep_text_is_blank (text))
    {
      g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                           _("The corrected note is empty"));
      return FALSE;
    }

  if ((guint) tag > SITREP_TAG_NEED)
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                   _("Unknown tag %d"), (int) tag);
      return FALSE;
    }

  if (tag == old_tag && g_strcmp0 (text, old_text) == 0)
    {
      g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                           _("The correction changes neither the text nor the tag"));
      return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_lifecycle_check_report_times:
 * @incident: the incident as stored
 * @occurred_at: the new time the fault began
 * @reported_at: the new time it was reported
 * @now: the current time
 * @reason: why the times change
 * @error: return location for a #GError
 *
 * The rule for changing when a fault began and when it was reported after
 * the incident was created: a reason is given; both times are valid and
 * not in the future; the fault does not begin after it was reported; and
 * the report does not move after anything that followed it (acknowledged,
 * recovered, resolved, transferred, closed or cancelled).
 *
 * Returns: %FALSE (%SITREP_LIFECYCLE_ERROR_INVALID_VALUE for a missing
 *   reason, %SITREP_LIFECYCLE_ERROR_INVALID_TIME for a time) when the
 *   change is refused
 */
gboolean
sitrep_lifecycle_check_report_times (SitrepIncident  *incident,
                                     gint64           occurred_at,
                                     gint64           reported_at,
                                     gint64           now,
                                     const char      *reason,
                                     GError         **error)
{
  const struct {
    gint64      at;
    const char *what;
  } milestones[] = {
    { sitrep_incident_get_acknowledged_at (incident), N_("it was acknowledged") },
    { sitrep_incident_get_recovered_at (incident),    N_("it was recovered") },
    { sitrep_incident_get_resolved_at (incident),     N_("it was resolved") },
    { sitrep_incident_get_transferred_at (incident),  N_("it was transferred") },
    { sitrep_incident_get_closed_at (incident),       N_("it was closed") },
    { sitrep_incident_get_cancelled_at (incident),    N_("it was cancelled") },
  };

  if (sitrep_text_is_blank (reason))
    {
      g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                           _("Say why the times change"));
      return FALSE;
    }

  if (!sitrep_time_is_valid (occurred_at) || !sitrep_time_is_valid (reported_at))
    {
      g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TIME,
                           _("The time is outside the range Sitrep accepts"));
      return FALSE;
    }

  if (!sitrep_lifecycle_check_not_future (reported_at, now, error) ||
      !sitrep_lifecycle_check_fault_start (occurred_at, reported_at, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (milestones); i++)
    if (milestones[i].at != SITREP_TIME_NONE && reported_at > milestones[i].at)
      {
        g_autofree char *reported_text = sitrep_time_format_local (reported_at);
        g_autofree char *limit_text = sitrep_time_format_local (milestones[i].at);

        /* Translators: "The report (10:40) cannot come after it was
         * acknowledged (10:35)" */
        g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TIME,
                     _("The report (%s) cannot come after %s (%s)"),
                     reported_text, _(milestones[i].what), limit_text);
        return FALSE;
      }

  return TRUE;
}

/**
 * sitrep_lifecycle_describe_report_times:
 * @old_occurred_at: when the fault began, before
 * @occurred_at: when it began, now
 * @old_reported_at: when it was reported, before
 * @reported_at: when it was reported, now
 * @reason: why
 *
 * Returns: (transfer full): the text of the field entry that records the
 *   change, e.g. "Reported changed from … to …: typo in the ticket"
 */
char *
sitrep_lifecycle_describe_report_times (gint64      old_occurred_at,
                                        gint64      occurred_at,
                                        gint64      old_reported_at,
                                        gint64      reported_at,
                                        const char *reason)
{
  g_autofree char *old_occurred = sitrep_time_format_local (old_occurred_at);
  g_autofree char *new_occurred = sitrep_time_format_local (occurred_at);
  g_autofree char *old_reported = sitrep_time_format_local (old_reported_at);
  g_autofree char *new_reported = sitrep_time_format_local (reported_at);
  char *sentence;

  if (old_occurred_at != occurred_at && old_reported_at != reported_at)
    /* Translators: both times changed; each "from … to …" */
    sentence = g_strdup_printf (_("Fault began changed from %s to %s; "
                                  "reported changed from %s to %s"),
                                old_occurred, new_occurred, old_reported, new_reported);
  else if (old_reported_at != reported_at)
    sentence = g_strdup_printf (_("Reported changed from %s to %s"),
                                old_reported, new_reported);
  else
    sentence = g_strdup_printf (_("Fault began changed from %s to %s"),
                                old_occurred, new_occurred);

  return _sitrep_lifecycle_add_remark (sentence, reason);
}

/**
 * sitrep_lifecycle_describe_link:
 * @kind: the kind of link
 * @other_key: the key of the other incident
 * @incoming: %FALSE for the entry of the incident the link was made in,
 *   %TRUE for the entry of its target
 *
 * Returns: (transfer full): the text of the link entry
 */
char *
sitrep_lifecycle_describe_link (SitrepLinkKind  kind,
                                const char     *other_key,
                                gboolean        incoming)
{
  switch (kind)
    {
    case SITREP_LINK_KIND_DUPLICATE_OF:
      if (incoming)
        /* Translators: e.g. "INC-15 marked as duplicate of this incident" */
        return g_strdup_printf (_("%s marked as duplicate of this incident"), other_key);
      /* Translators: e.g. "Marked as duplicate of INC-12" */
      return g_strdup_printf (_("Marked as duplicate of %s"), other_key);

    case SITREP_LINK_KIND_CAUSED_BY:
      if (incoming)
        return g_strdup_printf (_("%s marked as caused by this incident"), other_key);
      return g_strdup_printf (_("Marked as caused by %s"), other_key);

    case SITREP_LINK_KIND_CHILD_OF:
      if (incoming)
        return g_strdup_printf (_("%s added as a child incident"), other_key);
      return g_strdup_printf (_("Made a child of major incident %s"), other_key);

    case SITREP_LINK_KIND_RELATED_TO:
    default:
      if (incoming)
        return g_strdup_printf (_("%s linked as related to this incident"), other_key);
      return g_strdup_printf (_("Linked as related to %s"), other_key);
    }
}

/**
 * sitrep_lifecycle_describe_unlink:
 * @kind: the kind of link removed
 * @other_key: the key of the other incident
 * @incoming: %FALSE for the entry of the incident the link was made in,
 *   %TRUE for the entry of its target
 *
 * Returns: (transfer full): the text of the link entry of a removal
 */
char *
sitrep_lifecycle_describe_unlink (SitrepLinkKind  kind,
                                  const char     *other_key,
                                  gboolean        incoming)
{
  if (incoming)
    /* Translators: e.g. "Link from INC-15 removed" */
    return g_strdup_printf (_("Link from %s removed"), other_key);

  /* Translators: e.g. "Link removed: Duplicate of INC-12" */
  return g_strdup_printf (_("Link removed: %s %s"),
                          sitrep_link_kind_to_label (kind, TRUE), other_key);
}

/**
 * sitrep_lifecycle_describe_duplicate_reason:
 * @original_key: the key of the incident duplicated
 *
 * Returns: (transfer full): the reason given when a duplicate is
 *   cancelled with its link
 */
char *
sitrep_lifecycle_describe_duplicate_reason (const char *original_key)
{
  /* Translators: the reason a duplicate incident is cancelled */
  return g_strdup_printf (_("Duplicate of %s"), original_key);
}
