/* sitrep-lifecycle.c
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

/*
 * The rules of an incident's life and the words of its timeline, apart
 * from storage: which transition may follow which status and what it
 * needs, which times and values are acceptable, and what the automatic
 * timeline entries say. The store applies them; the dialogs show them as
 * requirements before anything is written.
 */

G_DEFINE_QUARK (sitrep-lifecycle-error-quark, sitrep_lifecycle_error)

#define STATUS_BIT(s) (1u << (s))

/* The lifecycle: which statuses each transition may start from, and where
 * it leads. The single truth for the store and the user interface. */
static const struct
{
  guint        from;
  SitrepStatus to;
} transitions[] = {
  [SITREP_TRANSITION_ACKNOWLEDGE] = { STATUS_BIT (SITREP_STATUS_NEW),
                                      SITREP_STATUS_ACKNOWLEDGED },
  [SITREP_TRANSITION_RECOVER]     = { STATUS_BIT (SITREP_STATUS_ACKNOWLEDGED),
                                      SITREP_STATUS_RECOVERED },
  [SITREP_TRANSITION_RESOLVE]     = { STATUS_BIT (SITREP_STATUS_RECOVERED),
                                      SITREP_STATUS_RESOLVED },
  [SITREP_TRANSITION_TRANSFER]    = { STATUS_BIT (SITREP_STATUS_RECOVERED),
                                      SITREP_STATUS_TRANSFERRED },
  [SITREP_TRANSITION_CLOSE]       = { STATUS_BIT (SITREP_STATUS_RESOLVED) |
                                      STATUS_BIT (SITREP_STATUS_TRANSFERRED),
                                      SITREP_STATUS_CLOSED },
  [SITREP_TRANSITION_REOPEN]      = { STATUS_BIT (SITREP_STATUS_RESOLVED) |
                                      STATUS_BIT (SITREP_STATUS_TRANSFERRED) |
                                      STATUS_BIT (SITREP_STATUS_CLOSED),
                                      SITREP_STATUS_ACKNOWLEDGED },
  [SITREP_TRANSITION_CANCEL]      = { STATUS_BIT (SITREP_STATUS_NEW) |
                                      STATUS_BIT (SITREP_STATUS_ACKNOWLEDGED) |
                                      STATUS_BIT (SITREP_STATUS_RECOVERED),
                                      SITREP_STATUS_CANCELLED },
};

/* "@sentence: @remark", or @sentence alone when there is no remark */
char *
_sitrep_lifecycle_add_remark (char       *sentence,
                              const char *remark)
{
  char *text;

  if (sitrep_text_is_blank (remark))
    return sentence;

  /* Translators: an event and the remark given with it */
  text = g_strdup_printf (_("%s: %s"), sentence, remark);
  g_free (sentence);
  return text;
}

/**
 * sitrep_lifecycle_can_transition:
 * @status: an incident's status
 * @transition: a lifecycle transition
 *
 * The lifecycle: acknowledge a new incident, mark an acknowledged one
 * recovered, resolve or transfer a recovered one, close a resolved or
 * transferred one, reopen a resolved, transferred or closed one (back to
 * acknowledged), cancel any open one.
 *
 * Returns: whether @transition may be applied to an incident in @status
 */
gboolean
sitrep_lifecycle_can_transition (SitrepStatus     status,
                                 SitrepTransition transition)
{
  if ((guint) transition >= G_N_ELEMENTS (transitions) ||
      (guint) status > SITREP_STATUS_CANCELLED)
    return FALSE;

  return (transitions[transition].from & STATUS_BIT (status)) != 0;
}

/**
 * sitrep_lifecycle_get_target:
 * @transition: a lifecycle transition
 *
 * Returns: the status @transition leads to
 */
SitrepStatus
sitrep_lifecycle_get_target (SitrepTransition transition)
{
  g_return_val_if_fail ((guint) transition < G_N_ELEMENTS (transitions), SITREP_STATUS_NEW);

  return transitions[transition].to;
}

/**
 * sitrep_lifecycle_needs_destination:
 * @transition: a lifecycle transition
 *
 * Returns: whether @transition must say where the incident goes (a
 *   transfer: to developers, problem management or another team)
 */
gboolean
sitrep_lifecycle_needs_destination (SitrepTransition transition)
{
  return transition == SITREP_TRANSITION_TRANSFER;
}

/**
 * sitrep_lifecycle_check_transition:
 * @key: the incident's key, for the message
 * @status: its status
 * @transition: what is to be done
 * @transferred_to: (nullable): the destination, for a transfer
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @transition may be applied, with what it needs;
 *   otherwise %FALSE with %SITREP_LIFECYCLE_ERROR_INVALID_TRANSITION or
 *   %SITREP_LIFECYCLE_ERROR_INVALID_VALUE (no destination)
 */
gboolean
sitrep_lifecycle_check_transition (const char        *key,
                                   SitrepStatus       status,
                                   SitrepTransition   transition,
                                   const char        *transferred_to,
                                   GError           **error)
{
  if (!sitrep_lifecycle_can_transition (status, transition))
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TRANSITION,
                   _("“%s” is not possible for %s while it is %s"),
                   sitrep_transition_to_label (transition), key,
                   sitrep_status_to_label (status));
      return FALSE;
    }

  if (sitrep_lifecycle_needs_destination (transition) && sitrep_text_is_blank (transferred_to))
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                   _("Say where %s is transferred to: developers, problem management "
                     "or another team"),
                   key);
      return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_lifecycle_check_not_future:
 * @at: a time someone gave
 * @now: the present
 * @error: return location for a #GError
 *
 * Returns: %FALSE (%SITREP_LIFECYCLE_ERROR_INVALID_TIME) when @at is in
 *   the future, beyond %SITREP_LIFECYCLE_FUTURE_SLACK
 */
gboolean
sitrep_lifecycle_check_not_future (gint64   at,
                                   gint64   now,
                                   GError **error)
{
  if (at > now + SITREP_LIFECYCLE_FUTURE_SLACK)
    {
      g_autofree char *text = sitrep_time_format_local (at);

      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TIME,
                   _("%s is in the future"), text);
      return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_lifecycle_check_not_before:
 * @at: a time someone gave
 * @limit: the earliest acceptable time, or %SITREP_TIME_NONE for none
 * @what: what happened at @limit, e.g. "the incident was reported"
 * @error: return location for a #GError
 *
 * Returns: %FALSE (%SITREP_LIFECYCLE_ERROR_INVALID_TIME) when @at is
 *   before @limit
 */
gboolean
sitrep_lifecycle_check_not_before (gint64       at,
                                   gint64       limit,
                                   const char  *what,
                                   GError     **error)
{
  if (limit != SITREP_TIME_NONE && at < limit)
    {
      g_autofree char *at_text = sitrep_time_format_local (at);
      g_autofree char *limit_text = sitrep_time_format_local (limit);

      /* Translators: "2026-03-01 09:00 is before the incident was reported
       * (2026-03-01 09:30)" */
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TIME,
                   _("%s is before %s (%s)"), at_text, what, limit_text);
      return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_lifecycle_check_fault_start:
 * @occurred_at: when the fault began
 * @reported_at: when it was reported
 * @error: return location for a #GError
 *
 * Returns: %FALSE (%SITREP_LIFECYCLE_ERROR_INVALID_TIME) when the fault
 *   would begin after it was reported
 */
gboolean
sitrep_lifecycle_check_fault_start (gint64   occurred_at,
                                    gint64   reported_at,
                                    GError **error)
{
  if (occurred_at > reported_at)
    {
      g_autofree char *occurred_text = sitrep_time_format_local (occurred_at);
      g_autofree char *reported_text = sitrep_time_format_local (reported_at);

      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TIME,
                   _("The fault cannot begin (%s) after it was reported (%s)"),
                   occurred_text, reported_text);
      return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_lifecycle_check_level:
 * @level: a level
 * @error: return location for a #GError
 *
 * Returns: %FALSE (%SITREP_LIFECYCLE_ERROR_INVALID_VALUE) unless @level
 *   is 1, 2 or 3
 */
gboolean
sitrep_lifecycle_check_level (int      level,
                              GError **error)
{
  if (level < SITREP_LEVEL_MIN || level > SITREP_LEVEL_MAX)
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                   _("The level must be 1, 2 or 3, not %d"), level);
      return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_lifecycle_check_role:
 * @read_only: whether the user may only view (a supervisor)
 * @error: return location for a #GError
 *
 * Returns: %FALSE (%SITREP_LIFECYCLE_ERROR_READ_ONLY_ROLE) when the user
 *   may not change anything
 */
gboolean
sitrep_lifecycle_check_role (gboolean   read_only,
                             GError   **error)
{
  if (read_only)
    {
      g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_READ_ONLY_ROLE,
                           _("You have data viewing permission only"));
      return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_lifecycle_describe_created:
 * @level: the new incident's level
 *
 * Returns: (transfer full): the text of the "created" entry
 */
char *
sitrep_lifecycle_describe_created (int level)
{
  return g_strdup_printf (_("Incident reported at level %d"), level);
}

/**
 * sitrep_lifecycle_describe_transition:
 * @transition: what was done
 * @transferred_to: (nullable): the destination of a transfer
 * @comment: (nullable): the remark given with it
 *
 * Returns: (transfer full): the text of the status entry
 */
char *
sitrep_lifecycle_describe_transition (SitrepTransition  transition,
                                      const char       *transferred_to,
                                      const char       *comment)
{
  char *sentence;

  switch (transition)
    {
    case SITREP_TRANSITION_ACKNOWLEDGE:
      sentence = g_strdup (_("Acknowledged"));
      break;

    case SITREP_TRANSITION_RECOVER:
      sentence = g_strdup (_("Service recovered"));
      break;

    case SITREP_TRANSITION_RESOLVE:
      sentence = g_strdup (_("Resolved"));
      break;

    case SITREP_TRANSITION_TRANSFER:
      sentence = g_strdup_printf (_("Transferred to %s"), transferred_to);
      break;

    case SITREP_TRANSITION_CLOSE:
      sentence = g_strdup (_("Closed"));
      break;

    case SITREP_TRANSITION_REOPEN:
      sentence = g_strdup (_("Reopened"));
      break;

    case SITREP_TRANSITION_CANCEL:
    default:
      sentence = g_strdup (_("Cancelled"));
      break;
    }

  return _sitrep_lifecycle_add_remark (sentence, comment);
}

/**
 * sitrep_lifecycle_describe_level:
 * @old_level: the level before
 * @level: the new level
 * @comment: (nullable): why
 *
 * Returns: (transfer full): the text of the level entry
 */
char *
sitrep_lifecycle_describe_level (int         old_level,
                                 int         level,
                                 const char *comment)
{
  return _sitrep_lifecycle_add_remark (g_strdup_printf (_("Level %d → %d"), old_level, level),
                                       comment);
}

/**
 * sitrep_lifecycle_describe_owner:
 * @old_owner: (nullable): the owner before
 * @owner: (nullable): the new owner; blank for none
 *
 * Returns: (transfer full): the text of the owner entry
 */
char *
sitrep_lifecycle_describe_owner (const char *old_owner,
                                 const char *owner)
{
  if (sitrep_text_is_blank (owner))
    return g_strdup_printf (_("Owner %s removed"), old_owner);
  if (sitrep_text_is_blank (old_owner))
    return g_strdup_printf (_("Owner set to %s"), owner);

  return g_strdup_printf (_("Owner changed from %s to %s"), old_owner, owner);
}

/**
 * sitrep_lifecycle_describe_field:
 * @label: the field's name as people read it ("Service")
 * @long_text: whether it is free text (symptoms, details, …), whose value
 *   the entry does not repeat
 * @old_text: the value before, "" for none
 * @new_text: the new value, "" for none
 *
 * Returns: (transfer full): the text of the field entry
 */
char *
sitrep_lifecycle_describe_field (const char *label,
                                 gboolean    long_text,
                                 const char *old_text,
                                 const char *new_text)
{
  if (long_text)
    /* Translators: e.g. "Symptoms updated" */
    return g_strdup_printf (_("%s updated"), label);
  if (*new_text == '\0')
    /* Translators: e.g. "Reporter removed" */
    return g_strdup_printf (_("%s removed"), label);
  if (*old_text == '\0')
    /* Translators: e.g. "Reporter set to “Ann”" */
    return g_strdup_printf (_("%s set to “%s”"), label, new_text);

  /* Translators: e.g. "Service changed from “Mail” to “Web mail”" */
  return g_strdup_printf (_("%s changed from “%s” to “%s”"), label, old_text, new_text);
}

/**
 * sitrep_lifecycle_describe_notice:
 * @kind: the notice sent
 * @summary: (nullable): its subject
 *
 * Returns: (transfer full): the text of the notice entry
 */
char *
sitrep_lifecycle_describe_notice (SitrepNoticeKind  kind,
                                  const char       *summary)
{
  /* Translators: e.g. "Initial notification sent" */
  return _sitrep_lifecycle_add_remark (g_strdup_printf (_("%s sent"),
                                                        sitrep_notice_kind_to_label (kind)),
                                       summary);
}

/**
 * sitrep_lifecycle_describe_complaint:
 * @customer: (nullable): who complained
 * @summary: (nullable): what about
 * @ref: (nullable): the complaint's reference
 * @verdict: what its analysis found so far
 *
 * Returns: (transfer full): the text of the complaint entry
 */
char *
sitrep_lifecycle_describe_complaint (const char    *customer,
                                     const char    *summary,
                                     const char    *ref,
                                     SitrepVerdict  verdict)
{
  g_autofree char *text = NULL;

  if (!sitrep_text_is_blank (customer) && !sitrep_text_is_blank (summary))
    text = g_strdup_printf (_("Complaint from %s: %s"), customer, summary);
  else if (!sitrep_text_is_blank (customer))
    text = g_strdup_printf (_("Complaint from %s"), customer);
  else if (!sitrep_text_is_blank (summary))
    text = g_strdup_printf (_("Complaint: %s"), summary);
  else
    text = g_strdup_printf (_("Complaint %s"), ref);

  switch (verdict)
    {
    case SITREP_VERDICT_ATTRIBUTED:
      return g_steal_pointer (&text);

    case SITREP_VERDICT_NOT_ATTRIBUTED:
      /* Translators: a complaint that is not attributed to the incident */
      return g_strdup_printf (_("%s (not attributed)"), text);

    case SITREP_VERDICT_NOT_ANALYSED:
    default:
      /* Translators: a complaint whose cause nobody has analysed yet */
      return g_strdup_printf (_("%s (not yet analysed)"), text);
    }
}

/* How the timeline names a complaint: its reference, else its customer. */
static const char *
complaint_name (const char *ref,
                const char *customer)
{
  if (!sitrep_text_is_blank (ref))
    return ref;
  if (!sitrep_text_is_blank (customer))
    return customer;

  /* Translators: a complaint without reference or customer */
  return _("without reference");
}

/**
 * sitrep_lifecycle_check_verdict:
 * @verdict: the new verdict of a complaint
 * @reason: (nullable): why
 * @error: return location for a #GError
 *
 * Returns: %FALSE (%SITREP_LIFECYCLE_ERROR_INVALID_VALUE) when @verdict is
 *   not a verdict, or is %SITREP_VERDICT_NOT_ATTRIBUTED without a reason:
 *   whoever reads the reply report must learn why the complaint was not
 *   the incident's
 */
gboolean
sitrep_lifecycle_check_verdict (SitrepVerdict   verdict,
                                const char     *reason,
                                GError        **error)
{
  if (verdict != SITREP_VERDICT_NOT_ANALYSED && verdict != SITREP_VERDICT_ATTRIBUTED &&
      verdict != SITREP_VERDICT_NOT_ATTRIBUTED)
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                   _("%d is not a verdict of a complaint"), (int) verdict);
      return FALSE;
    }

  if (verdict == SITREP_VERDICT_NOT_ATTRIBUTED && sitrep_text_is_blank (reason))
    {
      g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                           _("A complaint that is not attributed needs a reason"));
      return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_lifecycle_describe_verdict:
 * @ref: (nullable): the complaint's reference
 * @customer: (nullable): who complained
 * @old_verdict: the verdict before
 * @verdict: the new verdict
 * @reason: (nullable): why
 *
 * Returns: (transfer full): the text of the complaint entry of a verdict
 */
char *
sitrep_lifecycle_describe_verdict (const char    *ref,
                                   const char    *customer,
                                   SitrepVerdict  old_verdict,
                                   SitrepVerdict  verdict,
                                   const char    *reason)
{
  /* Translators: e.g. "Complaint C-1: Not yet analysed → Not attributed" */
  return _sitrep_lifecycle_add_remark (g_strdup_printf (_("Complaint %s: %s → %s"),
                                      complaint_name (ref, customer),
                                      sitrep_verdict_to_label (old_verdict),
                                      sitrep_verdict_to_label (verdict)),
                     reason);
}

/**
 * sitrep_lifecycle_describe_complaint_moved:
 * @ref: (nullable): the complaint's reference
 * @customer: (nullable): who complained
 * @other_key: the key of the other incident
 * @incoming: %TRUE for the entry of the incident it moved to, %FALSE for
 *   the one it left
 *
 * Returns: (transfer full): the text of the complaint entry of a move
 */
char *
sitrep_lifecycle_describe_complaint_moved (const char *ref,
                                           const char *customer,
                                           const char *other_key,
                                           gboolean    incoming)
{
  if (incoming)
    /* Translators: e.g. "Complaint C-1 moved here from INC-2" */
    return g_strdup_printf (_("Complaint %s moved here from %s"),
                            complaint_name (ref, customer), other_key);

  /* Translators: e.g. "Complaint C-1 moved to INC-5" */
  return g_strdup_printf (_("Complaint %s moved to %s"),
                          complaint_name (ref, customer), other_key);
}

/* How a report may leave Sitrep: the "how" of sitrep_store_record_report(). */
static const char *const report_ways[] = {
  "copied", "saved-pdf", "saved-markdown", "printed", "mailed",
};

/**
 * sitrep_lifecycle_check_report_how:
 * @how: (nullable): how a report went out
 * @error: return location for a #GError
 *
 * Returns: %FALSE (%SITREP_LIFECYCLE_ERROR_INVALID_VALUE) unless @how is
 *   one of "copied", "saved-pdf", "saved-markdown", "printed", "mailed"
 */
gboolean
sitrep_lifecycle_check_report_how (const char  *how,
                                   GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (report_ways); i++)
    if (g_strcmp0 (how, report_ways[i]) == 0)
      return TRUE;

  g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
               _("“%s” is not a way to send a report: use copied, saved-pdf, "
                 "saved-markdown, printed or mailed"), how != NULL ? how : "");
  return FALSE;
}

/**
 * sitrep_lifecycle_describe_report:
 * @kind: the report
 * @how: how it went out (see sitrep_lifecycle_check_report_how())
 *
 * Returns: (transfer full): the first line of the report entry
 */
char *
sitrep_lifecycle_describe_report (SitrepReportKind  kind,
                                  const char       *how)
{
  const char *name = sitrep_report_kind_to_label (kind);

  if (g_strcmp0 (how, "copied") == 0)
    /* Translators: e.g. "CAN report copied" */
    return g_strdup_printf (_("%s copied"), name);
  if (g_strcmp0 (how, "saved-pdf") == 0)
    /* Translators: e.g. "Final report saved as PDF" */
    return g_strdup_printf (_("%s saved as PDF"), name);
  if (g_strcmp0 (how, "saved-markdown") == 0)
    return g_strdup_printf (_("%s saved as Markdown"), name);
  if (g_strcmp0 (how, "printed") == 0)
    return g_strdup_printf (_("%s printed"), name);
  if (g_strcmp0 (how, "mailed") == 0)
    return g_strdup_printf (_("%s mailed"), name);

  /* Translators: a report that went out in a way Sitrep does not name */
  return g_strdup_printf (_("%s sent"), name);
}

/**
 * sitrep_lifecycle_describe_team_section:
 * @team: the team
 * @had_text: whether the section had text before
 * @has_text: whether it has text now
 *
 * Returns: (transfer full): the text of the field entry of a team's
 *   section of the final report
 */
char *
sitrep_lifecycle_describe_team_section (const char *team,
                                        gboolean    had_text,
                                        gboolean    has_text)
{
  if (!has_text)
    /* Translators: e.g. "Final report section of Web team removed" */
    return g_strdup_printf (_("Final report section of %s removed"), team);
  if (!had_text)
    /* Translators: e.g. "Final report section of Web team written" */
    return g_strdup_printf (_("Final report section of %s written"), team);

  /* Translators: e.g. "Final report section of Web team updated" */
  return g_strdup_printf (_("Final report section of %s updated"), team);
}

/**
 * sitrep_lifecycle_resolve_needs:
 * @incident: an incident
 * @needs_root_cause: (out) (optional): whether the root cause is missing
 * @needs_category: (out) (optional): whether the cause category is
 *   missing (%SITREP_CAUSE_UNKNOWN counts as missing)
 *
 * What the final report of a level-1 or level-2 incident names and this
 * one lacks: its root cause and the cause's category. Lower levels need
 * neither. Resolving requires the category (see
 * sitrep_lifecycle_get_needs()); the root cause may follow, and the
 * timeline and the dialog remind of it.
 *
 * Returns: %TRUE when something is missing
 */
gboolean
sitrep_lifecycle_resolve_needs (SitrepIncident *incident,
                                gboolean       *needs_root_cause,
                                gboolean       *needs_category)
{
  gboolean root_cause = FALSE;
  gboolean category = FALSE;
  SitrepCause cause;

  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), FALSE);

  if (sitrep_incident_get_level (incident) <= 2)
    {
      cause = sitrep_incident_get_cause_category (incident);
      root_cause = sitrep_text_is_blank (sitrep_incident_get_root_cause (incident));
      category = cause == SITREP_CAUSE_NONE || cause == SITREP_CAUSE_UNKNOWN;
    }

  if (needs_root_cause != NULL)
    *needs_root_cause = root_cause;
  if (needs_category != NULL)
    *needs_category = category;

  return root_cause || category;
}

/* Whether resolving @incident is judged by the final report's standard. */
static gboolean
is_major (SitrepIncident *incident,
          SitrepPolicy   *policy,
          gint64          at)
{
  return sitrep_incident_get_level (incident) <= 2;
}

/* Whether a deadline of @incident is in warning or breached at @at: then
 * cancelling would end an obligation that is being missed. */
static gboolean
has_late_deadline (SitrepIncident *incident,
                   SitrepPolicy   *policy,
                   gint64          at)
{
  SitrepDeadline deadlines[SITREP_N_DEADLINES];

  sitrep_sla_compute_deadlines (incident, policy, at, deadlines);
  for (guint i = 0; i < SITREP_N_DEADLINES; i++)
    if (deadlines[i].state == SITREP_DEADLINE_STATE_WARNING ||
        deadlines[i].state == SITREP_DEADLINE_STATE_BREACHED)
      return TRUE;

  return FALSE;
}

/* What each transition needs, and when. A rule of 0 always holds; any
 * other holds unless the policy relaxes it. */
static const struct
{
  SitrepTransition  transition;
  SitrepRule        rule;
  SitrepNeed        needs;
  gboolean        (*applies) (SitrepIncident *incident,
                              SitrepPolicy   *policy,
                              gint64          at);
} need_rules[] = {
  { SITREP_TRANSITION_TRANSFER, 0, SITREP_NEED_DESTINATION, NULL },
  { SITREP_TRANSITION_RESOLVE, SITREP_RULE_RESOLVE_NEEDS_CAUSE,
    SITREP_NEED_RESOLUTION | SITREP_NEED_CATEGORY, is_major },
  { SITREP_TRANSITION_CANCEL, SITREP_RULE_CANCEL_NEEDS_REASON, SITREP_NEED_REASON,
    has_late_deadline },
};

/**
 * sitrep_lifecycle_get_needs:
 * @incident: the incident, as it is before the change
 * @transition: what is to be done
 * @policy: the policy in force, which may relax the rules
 * @at: when the change happens
 *
 * The rules of what a transition needs: a transfer, its destination;
 * resolving a level-1 or level-2 incident, its resolution and a cause
 * category; cancelling an incident with a deadline in warning or
 * breached, a reason.
 *
 * Returns: what @transition needs, whether or not it is there yet
 */
SitrepNeed
sitrep_lifecycle_get_needs (SitrepIncident   *incident,
                            SitrepTransition  transition,
                            SitrepPolicy     *policy,
                            gint64            at)
{
  SitrepNeed needs = SITREP_NEED_NONE;

  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), SITREP_NEED_NONE);
  g_return_val_if_fail (SITREP_IS_POLICY (policy), SITREP_NEED_NONE);

  for (guint i = 0; i < G_N_ELEMENTS (need_rules); i++)
    if (need_rules[i].transition == transition &&
        (need_rules[i].rule == 0 || sitrep_policy_get_rule (policy, need_rules[i].rule)) &&
        (need_rules[i].applies == NULL || need_rules[i].applies (incident, policy, at)))
      needs |= need_rules[i].needs;

  return needs;
}

/**
 * sitrep_lifecycle_get_level_needs:
 * @incident: the incident, as it is before the change
 * @level: its new level
 * @policy: the policy in force
 *
 * Lowering a level moves every deadline later, so it needs a reason
 * unless the policy relaxes the rule; raising one needs nothing.
 *
 * Returns: what changing @incident's level to @level needs
 */
SitrepNeed
sitrep_lifecycle_get_level_needs (SitrepIncident *incident,
                                  int             level,
                                  SitrepPolicy   *policy)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), SITREP_NEED_NONE);
  g_return_val_if_fail (SITREP_IS_POLICY (policy), SITREP_NEED_NONE);

  if (level > sitrep_incident_get_level (incident) &&
      sitrep_policy_get_rule (policy, SITREP_RULE_LOWER_NEEDS_REASON))
    return SITREP_NEED_REASON;

  return SITREP_NEED_NONE;
}

/**
 * sitrep_lifecycle_get_missing:
 * @incident: the incident, as it is before the change
 * @needs: what the change needs
 * @comment: (nullable): the reason given with it
 * @destination: (nullable): where a transfer goes
 *
 * Returns: which of @needs are not there
 */
SitrepNeed
sitrep_lifecycle_get_missing (SitrepIncident *incident,
                              SitrepNeed      needs,
                              const char     *comment,
                              const char     *destination)
{
  SitrepNeed missing = SITREP_NEED_NONE;
  SitrepCause cause;

  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), needs);

  cause = sitrep_incident_get_cause_category (incident);
  if ((needs & SITREP_NEED_DESTINATION) && sitrep_text_is_blank (destination))
    missing |= SITREP_NEED_DESTINATION;
  if ((needs & SITREP_NEED_REASON) && sitrep_text_is_blank (comment))
    missing |= SITREP_NEED_REASON;
  if ((needs & SITREP_NEED_RESOLUTION) &&
      sitrep_text_is_blank (sitrep_incident_get_resolution (incident)))
    missing |= SITREP_NEED_RESOLUTION;
  if ((needs & SITREP_NEED_CATEGORY) &&
      (cause == SITREP_CAUSE_NONE || cause == SITREP_CAUSE_UNKNOWN))
    missing |= SITREP_NEED_CATEGORY;

  return missing;
}

/**
 * sitrep_lifecycle_check_needs:
 * @incident: the incident, as it is before the change
 * @transition: what is to be done
 * @policy: the policy in force
 * @at: when it happens
 * @comment: (nullable): the remark given with it
 * @transferred_to: (nullable): where a transfer goes
 * @error: return location for a #GError
 *
 * Returns: %FALSE (%SITREP_LIFECYCLE_ERROR_INVALID_VALUE, naming what is
 *   missing) when @transition lacks something it needs (see
 *   sitrep_lifecycle_get_needs())
 */
gboolean
sitrep_lifecycle_check_needs (SitrepIncident    *incident,
                              SitrepTransition   transition,
                              SitrepPolicy      *policy,
                              gint64             at,
                              const char        *comment,
                              const char        *transferred_to,
                              GError           **error)
{
  SitrepNeed missing;
  const char *key;

  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), FALSE);
  g_return_val_if_fail (SITREP_IS_POLICY (policy), FALSE);

  missing = sitrep_lifecycle_get_missing (incident,
                                          sitrep_lifecycle_get_needs (incident, transition,
                                                                      policy, at),
                                          comment, transferred_to);
  if (missing == SITREP_NEED_NONE)
    return TRUE;

  key = sitrep_incident_get_key (incident);
  if (key == NULL)
    key = "";

  if (missing & SITREP_NEED_DESTINATION)
    g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                 _("Say where %s is transferred to: developers, problem management "
                   "or another team"),
                 key);
  else if ((missing & SITREP_NEED_RESOLUTION) && (missing & SITREP_NEED_CATEGORY))
    g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                 _("%s cannot be resolved without a resolution and a cause category"), key);
  else if (missing & SITREP_NEED_RESOLUTION)
    g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                 _("%s cannot be resolved without a resolution"), key);
  else if (missing & SITREP_NEED_CATEGORY)
    g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                 _("%s cannot be resolved without a cause category other than “Not yet "
                   "known”"), key);
  else if (transition == SITREP_TRANSITION_CANCEL)
    g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                 _("%s has a deadline in warning or breached: cancelling it needs a reason"),
                 key);
  else
    g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                 _("“%s” of %s needs a reason"), sitrep_transition_to_label (transition), key);

  return FALSE;
}

/**
 * sitrep_lifecycle_check_level_change:
 * @incident: the incident, as it is before the change
 * @level: its new level
 * @policy: the policy in force
 * @comment: (nullable): the reason given
 * @error: return location for a #GError
 *
 * Returns: %FALSE (%SITREP_LIFECYCLE_ERROR_INVALID_VALUE) when the change
 *   lacks the reason it needs (see sitrep_lifecycle_get_level_needs())
 */
gboolean
sitrep_lifecycle_check_level_change (SitrepIncident  *incident,
                                     int              level,
                                     SitrepPolicy    *policy,
                                     const char      *comment,
                                     GError         **error)
{
  SitrepNeed needs;

  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), FALSE);

  needs = sitrep_lifecycle_get_level_needs (incident, level, policy);
  if (sitrep_lifecycle_get_missing (incident, needs, comment, NULL) == SITREP_NEED_NONE)
    return TRUE;

  /* Translators: "Lowering INC-7 to level 3 needs a reason: its deadlines move later" */
  g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
               _("Lowering %s to level %d needs a reason: its deadlines move later"),
               sitrep_incident_get_key (incident) != NULL ? sitrep_incident_get_key (incident)
                                                         : "",
               level);
  return FALSE;
}

/**
 * sitrep_lifecycle_describe_resolve:
 * @incident: the incident, before it is resolved
 * @comment: (nullable): the remark given with the transition
 *
 * Returns: (transfer full): the text of the status entry of resolving
 *   @incident: what sitrep_lifecycle_describe_transition() says; for a
 *   level-1 or level-2 incident, also what it was resolved without (when
 *   the policy allows it) and that the root cause is to follow
 */
char *
sitrep_lifecycle_describe_resolve (SitrepIncident *incident,
                                   const char     *comment)
{
  gboolean root_cause;
  SitrepNeed missing;
  char *sentence;

  if (sitrep_incident_get_level (incident) > 2)
    return sitrep_lifecycle_describe_transition (SITREP_TRANSITION_RESOLVE, NULL, comment);

  sitrep_lifecycle_resolve_needs (incident, &root_cause, NULL);
  missing = sitrep_lifecycle_get_missing (incident,
                                          SITREP_NEED_RESOLUTION | SITREP_NEED_CATEGORY,
                                          NULL, NULL);

  if ((missing & SITREP_NEED_RESOLUTION) && (missing & SITREP_NEED_CATEGORY))
    sentence = g_strdup (_("Resolved without a resolution and a cause category"));
  else if (missing & SITREP_NEED_RESOLUTION)
    sentence = g_strdup (_("Resolved without a resolution"));
  else if (missing & SITREP_NEED_CATEGORY)
    sentence = g_strdup (_("Resolved without a cause category"));
  else
    sentence = g_strdup (_("Resolved"));

  if (root_cause)
    {
      char *with_reminder;

      /* Translators: %s is "Resolved" or "Resolved without a resolution" */
      with_reminder = g_strdup_printf (_("%s; root cause to follow"), sentence);
      g_free (sentence);
      sentence = with_reminder;
    }

  return _sitrep_lifecycle_add_remark (sentence, comment);
}
