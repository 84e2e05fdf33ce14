/* sitrep-lifecycle.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-lifecycle.h"
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
static char *
add_remark (char       *sentence,
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

  return add_remark (sentence, comment);
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
  return add_remark (g_strdup_printf (_("Level %d → %d"), old_level, level), comment);
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
  return add_remark (g_strdup_printf (_("%s sent"), sitrep_notice_kind_to_label (kind)), summary);
}

/**
 * sitrep_lifecycle_describe_complaint:
 * @customer: (nullable): who complained
 * @summary: (nullable): what about
 * @ref: (nullable): the complaint's reference
 * @attributed: whether it is attributed to the incident
 *
 * Returns: (transfer full): the text of the complaint entry
 */
char *
sitrep_lifecycle_describe_complaint (const char *customer,
                                     const char *summary,
                                     const char *ref,
                                     gboolean    attributed)
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

  if (attributed)
    return g_steal_pointer (&text);

  /* Translators: a complaint that is not attributed to the incident */
  return g_strdup_printf (_("%s (not attributed)"), text);
}
