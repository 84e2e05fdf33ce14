/* sitrep-transition-dialog.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-accessible.h"
#include "sitrep-enums.h"
#include "sitrep-incident-workflow.h"
#include "sitrep-time-input.h"
#include "sitrep-transition-dialog.h"

/*
 * The small confirmation that every status or level change goes through: the
 * time it happened (now unless the user backdates it, never before the
 * incident was reported nor in the future), a comment and, for a transfer,
 * where the incident goes. What the lifecycle's rules need (a destination,
 * a reason, a resolution and cause category) is said above the fields and
 * keeps the action unavailable until it is there. What the incident itself
 * lacks for resolving (its resolution and cause category, and the root
 * cause that may follow) is asked here, in place, and written with the
 * change as one action; closing an incident escalated to a team waits for
 * the owner's confirmation of the team's resolution. The action is the
 * default: Enter (or Ctrl+Enter from anywhere) confirms, Escape closes.
 * A transfer's destination is chosen explicitly, never preselected, so that
 * Enter cannot send an incident away by accident. The dialog writes the
 * change itself, through the context's store and as its user; the views
 * hear of it from the store like of any other write. A refusal is shown
 * here, and the dialog stays open so nothing typed is lost.
 */

struct _SitrepTransitionDialog
{
  AdwWindow           parent_instance;

  AdwWindowTitle     *window_title;
  GtkButton          *confirm_button;
  GtkButton          *dismiss_button;
  GtkLabel           *description_label;
  GtkLabel           *requirement_label;
  GtkLabel           *reminder_label;
  AdwEntryRow        *time_row;
  GtkWidget          *destination_group;
  GtkCheckButton     *developers_check;
  GtkCheckButton     *problem_check;
  GtkCheckButton     *other_team_check;
  AdwEntryRow        *team_row;
  AdwEntryRow        *comment_row;
  GtkLabel           *error_label;
  GtkWidget          *resolve_box;
  GtkLabel           *resolution_heading;
  GtkTextView        *resolution_view;
  AdwComboRow        *cause_row;
  GtkLabel           *root_cause_heading;
  GtkTextView        *root_cause_view;
  GtkWidget          *team_group;
  GtkLabel           *team_resolution_label;
  GtkCheckButton     *team_confirm_check;

  SitrepContext      *context;
  SitrepIncident     *incident;
  SitrepPolicy       *policy;
  int                 transition;   /* a SitrepTransition, or -1 for a level change */
  int                 level;        /* the new level, for a level change */
  gint64              now;
  char               *now_text;     /* the time row's text while untouched */
  char               *notice;       /* said above the fields whatever is missing */
  gboolean            asks_fields;  /* resolving: the resolve fields are shown */
  gboolean            asks_root_cause;
  gboolean            asks_team;    /* closing: the team's resolution is confirmed */
  gboolean            waiting;      /* confirmed: the store has not answered yet */
  GCancellable       *cancellable;  /* the read after a refusal as stale */
};

G_DEFINE_FINAL_TYPE (SitrepTransitionDialog, sitrep_transition_dialog, ADW_TYPE_WINDOW)

static void
show_error (SitrepTransitionDialog *self,
            const char             *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);

  /* A screen reader hears why the confirmation is unavailable. */
  sitrep_accessible_describe (GTK_WIDGET (self->confirm_button), message);
}

/* Reads the time row. The untouched default means exactly now, not the start
 * of the current minute. */
static gboolean
read_time (SitrepTransitionDialog  *self,
           gint64                  *at,
           char                   **message)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->time_row));

  if (g_strcmp0 (text, self->now_text) == 0)
    {
      *at = self->now;
      return TRUE;
    }

  return sitrep_time_input_parse (text, sitrep_incident_get_reported_at (self->incident),
                                  self->now, at, message);
}

/* Returns: (transfer full): the destination as recorded, "" when none
 * is chosen */
static char *
read_destination (SitrepTransitionDialog *self)
{
  /* Recorded as people read it, in the timeline and the reports. */
  if (gtk_check_button_get_active (self->developers_check))
    return g_strdup (_("Developers"));
  if (gtk_check_button_get_active (self->problem_check))
    return g_strdup (_("Problem management"));
  if (gtk_check_button_get_active (self->other_team_check))
    return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->team_row))));

  return g_strdup ("");
}

/* Returns: (transfer full): the text of @view, trimmed */
static char *
dup_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static SitrepCause
read_cause (SitrepTransitionDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->cause_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected > SITREP_CAUSE_UNKNOWN)
    return SITREP_CAUSE_NONE;
  return (SitrepCause) selected;
}

/* What of @needs the typed resolution and cause category lack; the same
 * judgement as sitrep_lifecycle_get_missing() makes of the stored ones. */
static SitrepNeed
get_missing_fields (SitrepTransitionDialog *self,
                    SitrepNeed              needs)
{
  g_autofree char *resolution = dup_view_text (self->resolution_view);
  SitrepCause cause = read_cause (self);
  SitrepNeed missing = SITREP_NEED_NONE;

  if ((needs & SITREP_NEED_RESOLUTION) && *resolution == '\0')
    missing |= SITREP_NEED_RESOLUTION;
  if ((needs & SITREP_NEED_CATEGORY) &&
      (cause == SITREP_CAUSE_NONE || cause == SITREP_CAUSE_UNKNOWN))
    missing |= SITREP_NEED_CATEGORY;

  return missing;
}

/* What the rules need of this change at @at. */
static SitrepNeed
get_needs (SitrepTransitionDialog *self,
           gint64                  at)
{
  if (self->transition < 0)
    return sitrep_lifecycle_get_level_needs (self->incident, self->level, self->policy);

  return sitrep_lifecycle_get_needs (self->incident, self->transition, self->policy, at);
}

/* Returns: (transfer full) (nullable): the requirement above the fields
 * for what @missing lacks, worded for this change */
static char *
describe_missing (SitrepTransitionDialog *self,
                  SitrepNeed              missing)
{
  int level = sitrep_incident_get_level (self->incident);

  if (self->asks_fields && (missing & SITREP_NEED_RESOLUTION) && (missing & SITREP_NEED_CATEGORY))
    /* Translators: %d is a level, 1 or 2 */
    return g_strdup_printf (_("A level %d incident is resolved with its resolution and cause "
                              "category. Fill them in below."), level);
  if (self->asks_fields && (missing & SITREP_NEED_RESOLUTION))
    return g_strdup_printf (_("A level %d incident is resolved with its resolution. Describe "
                              "below what was done."), level);
  if (self->asks_fields && (missing & SITREP_NEED_CATEGORY))
    return g_strdup_printf (_("A level %d incident is resolved with a cause category; “Not yet "
                              "known” does not count. Choose one below."), level);
  if ((missing & SITREP_NEED_RESOLUTION) && (missing & SITREP_NEED_CATEGORY))
    /* Translators: %d is a level, 1 or 2 */
    return g_strdup_printf (_("A level %d incident is resolved with its resolution and cause "
                              "category, and both are missing. Fill them in on the incident "
                              "first."), level);
  if (missing & SITREP_NEED_RESOLUTION)
    return g_strdup_printf (_("A level %d incident is resolved with its resolution, which is "
                              "missing. Fill it in on the incident first."), level);
  if (missing & SITREP_NEED_CATEGORY)
    return g_strdup_printf (_("A level %d incident is resolved with a cause category; “Not yet "
                              "known” does not count. Choose one on the incident first."), level);
  if (missing & SITREP_NEED_DESTINATION)
    return g_strdup (_("Choose where the incident goes, then transfer it."));
  if ((missing & SITREP_NEED_REASON) && self->transition < 0)
    return g_strdup (_("Lowering the level moves every deadline later. Give the reason; the "
                       "timeline records it."));
  if (missing & SITREP_NEED_REASON)
    return g_strdup (_("A deadline of this incident is in warning or breached. Give the reason "
                       "for cancelling it; the timeline records it."));

  return NULL;
}

/* Says which of the resolve fields the rules need now, and whether the
 * root cause is still owed. */
static void
update_field_titles (SitrepTransitionDialog *self,
                     SitrepNeed              needs)
{
  g_autofree char *root_cause = dup_view_text (self->root_cause_view);
  gboolean owed = self->asks_root_cause && *root_cause == '\0';

  gtk_label_set_label (self->resolution_heading,
                       (needs & SITREP_NEED_RESOLUTION) ? _("Resol_ution (required)")
                                                        : _("Resol_ution (optional)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->cause_row),
                                 (needs & SITREP_NEED_CATEGORY)
                                 ? _("Cause Cate_gory (required)")
                                 : _("Cause Cate_gory (optional)"));
  gtk_label_set_label (self->root_cause_heading, _("R_oot Cause (may follow)"));
  gtk_widget_set_visible (GTK_WIDGET (self->reminder_label), owed);
}

static void
validate (SitrepTransitionDialog *self)
{
  g_autofree char *message = NULL;
  g_autofree char *requirement = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *destination = NULL;
  gint64 at = self->now;
  gboolean valid = TRUE;
  SitrepNeed needs;
  SitrepNeed missing;

  if (!read_time (self, &at, &message))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->time_row), "error");
      valid = FALSE;
      at = self->now;
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->time_row), "error");

  gtk_widget_set_visible (GTK_WIDGET (self->team_row),
                          gtk_check_button_get_active (self->other_team_check));

  comment = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->comment_row))));
  destination = read_destination (self);
  if (valid && gtk_check_button_get_active (self->other_team_check) && *destination == '\0')
    {
      message = g_strdup (_("Enter the name of the team the incident goes to."));
      valid = FALSE;
    }

  /* Whether a deadline warns depends on when the change happens. */
  needs = get_needs (self, at);
  if (self->asks_fields)
    /* judged by what is typed here, not by what is stored */
    missing = sitrep_lifecycle_get_missing (self->incident,
                                            needs & ~(SITREP_NEED_RESOLUTION |
                                                      SITREP_NEED_CATEGORY),
                                            comment, destination) |
              get_missing_fields (self, needs);
  else
    missing = sitrep_lifecycle_get_missing (self->incident, needs, comment, destination);
  if (gtk_check_button_get_active (self->other_team_check))
    missing &= ~SITREP_NEED_DESTINATION;   /* the team name's message says it */
  requirement = describe_missing (self, missing);
  if (requirement == NULL && self->asks_team &&
      !gtk_check_button_get_active (self->team_confirm_check))
    requirement = g_strdup (_("The incident was escalated to a team. Confirm the team's "
                              "resolution, then close the incident."));
  if (requirement == NULL && self->notice != NULL)
    requirement = g_strdup (self->notice);
  if (missing != SITREP_NEED_NONE)
    valid = FALSE;
  if (self->asks_team && !gtk_check_button_get_active (self->team_confirm_check))
    valid = FALSE;

  if (self->asks_fields)
    update_field_titles (self, needs);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->comment_row),
                                 (needs & SITREP_NEED_REASON) ? _("Reason (required)")
                                                              : _("Comment (optional)"));
  gtk_label_set_label (self->requirement_label, requirement != NULL ? requirement : "");
  gtk_widget_set_visible (GTK_WIDGET (self->requirement_label), requirement != NULL);

  show_error (self, message);
  /* A screen reader hears why the action is unavailable. */
  if (message == NULL && !valid && requirement != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->confirm_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, requirement,
                                    -1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), valid && !self->waiting);
}

static void
input_changed_cb (SitrepTransitionDialog *self)
{
  validate (self);
}

/* What the dialog decided, to be written on the store's terms (on a team
 * database, on its writing thread): a copy of everything read from the
 * dialog. */
typedef struct
{
  gint64  id;
  gint64  version;     /* of the incident as the dialog showed it */
  int     transition;  /* or -1 for a level change */
  int     level;
  gint64  at;
  char   *author;
  char   *comment;     /* NULL for none */
  char   *destination;
  /* resolving with the fields asked here */
  gboolean with_fields;
  char   *resolution;
  char   *cause;
  char   *root_cause;
} Decision;

static void
decision_free (gpointer data)
{
  Decision *d = data;

  g_free (d->author);
  g_free (d->comment);
  g_free (d->destination);
  g_free (d->resolution);
  g_free (d->cause);
  g_free (d->root_cause);
  g_free (d);
}

/* Writes what the dialog decided, checked against the incident as the
 * dialog showed it; the resolve fields and the transition as one action. */
static gboolean
write_decision (SitrepStore  *store,
                gpointer      data,
                GError      **error)
{
  Decision *d = data;

  sitrep_store_expect_version (store, d->id, d->version);

  if (d->with_fields)
    return sitrep_store_resolve_with (store, d->id, d->at, d->author, d->comment, d->resolution,
                                      d->cause, d->root_cause, error);

  if (d->transition < 0)
    return sitrep_store_set_level (store, d->id, d->level, d->at, d->author, d->comment, error);

  return sitrep_store_transition (store, d->id, d->transition, d->at, d->author, d->comment,
                                  d->destination, error);
}

static Decision *
read_decision (SitrepTransitionDialog *self,
               gint64                  at)
{
  Decision *d = g_new0 (Decision, 1);
  g_autofree char *comment = NULL;

  comment = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->comment_row))));
  d->id = sitrep_incident_get_id (self->incident);
  d->version = sitrep_incident_get_version (self->incident);
  d->transition = self->transition;
  d->level = self->level;
  d->at = at;
  d->author = g_strdup (sitrep_context_get_user_name (self->context));
  d->comment = *comment != '\0' ? g_steal_pointer (&comment) : NULL;

  if (self->asks_fields)
    {
      g_autofree char *root_cause = dup_view_text (self->root_cause_view);
      SitrepCause cause = read_cause (self);

      d->with_fields = TRUE;
      d->resolution = dup_view_text (self->resolution_view);
      /* no value for none, as the incident view stores it */
      d->cause = g_strdup (cause == SITREP_CAUSE_NONE
                           ? "" : sitrep_enum_to_nick (SITREP_TYPE_CAUSE, cause));
      d->root_cause = self->asks_root_cause && *root_cause != '\0'
                      ? g_steal_pointer (&root_cause) : NULL;
    }
  else if (self->transition == SITREP_TRANSITION_TRANSFER)
    {
      d->destination = read_destination (self);
    }

  return d;
}

static void
set_waiting (SitrepTransitionDialog *self,
             gboolean                waiting)
{
  self->waiting = waiting;
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), !waiting);
  sitrep_accessible_describe (GTK_WIDGET (self->confirm_button),
                              waiting ? _("Saving the change…") : NULL);
}

/* A save refused as stale: the dialog waits for the incident as it is
 * now, then says why with @message. */
typedef struct
{
  SitrepTransitionDialog *self;   /* its cancellable stops the read */
  char                   *message;
} StaleAnswer;

static void
stale_answer_free (gpointer data)
{
  StaleAnswer *answer = data;

  g_free (answer->message);
  g_free (answer);
}

static void
current_read_cb (SitrepIncident *current,
                 GPtrArray      *timeline,
                 const GError   *error,
                 gpointer        data)
{
  StaleAnswer *answer = data;
  SitrepTransitionDialog *self = answer->self;

  /* The window behind shows what changed; confirmed again, the dialog
   * goes ahead on that state. */
  if (current != NULL)
    g_set_object (&self->incident, current);
  set_waiting (self, FALSE);
  validate (self);
  show_error (self, answer->message);
}

static void
decision_written_cb (GObject      *owner,
                     const GError *error,
                     gpointer      data)
{
  SitrepTransitionDialog *self = SITREP_TRANSITION_DIALOG (owner);

  if (error != NULL && g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_STALE))
    {
      StaleAnswer *answer = g_new0 (StaleAnswer, 1);

      answer->self = self;
      /* Translators: "INC-7 was changed meanwhile by ann at 14:02: …" first */
      answer->message = g_strdup_printf (_("%s. Check what changed, then confirm again."),
                                         error->message);
      sitrep_context_read_incident (self->context, sitrep_incident_get_id (self->incident),
                                    SITREP_CONTEXT_READ_INCIDENT, self->cancellable,
                                    current_read_cb, answer, stale_answer_free);
      return;
    }

  set_waiting (self, FALSE);

  if (error != NULL)
    {
      validate (self);
      show_error (self, error->message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
confirm (SitrepTransitionDialog *self)
{
  g_autoptr(GError) error = NULL;
  gint64 at;

  if (self->waiting)
    return;

  validate (self);
  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->confirm_button)))
    return;
  if (!read_time (self, &at, NULL))
    return;

  if (!sitrep_context_check_writable (self->context, &error))
    {
      show_error (self, error->message);
      return;
    }

  /* The dialog stays open, and what was typed with it, until the store
   * has the change; a team database may take a moment. */
  set_waiting (self, TRUE);
  sitrep_store_submit (sitrep_context_get_store (self->context), write_decision,
                       read_decision (self, at), decision_free, G_OBJECT (self),
                       decision_written_cb);
}

static void
confirm_clicked_cb (SitrepTransitionDialog *self)
{
  confirm (self);
}

static void
confirm_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  confirm (SITREP_TRANSITION_DIALOG (widget));
}

/* What is said whatever the rules need: that the root cause of a
 * level-1/2 incident may follow its resolution, and that one is closed
 * without a final report. */
/* A read's answer must not be NULL: the missing report is a result. */
static gpointer
has_final_report_func (SitrepStore   *store,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean has = sitrep_store_has_report (store, *(gint64 *) data, SITREP_REPORT_KIND_FINAL,
                                          &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return GINT_TO_POINTER (has ? 2 : 1);
}

static void
final_report_read_cb (gpointer      result,
                      const GError *error,
                      gpointer      user_data)
{
  SitrepTransitionDialog *self = user_data;

  if (result == NULL)
    {
      g_warning ("Could not look for the final report of %s: %s",
                 sitrep_incident_get_key (self->incident), error->message);
      return;
    }
  if (GPOINTER_TO_INT (result) == 2)
    return;

  g_free (self->notice);
  self->notice = g_strdup (_("No final report was recorded for this incident. It can be "
                             "closed anyway; the final report can still be produced "
                             "afterwards."));
  validate (self);
}

static void
explain_notices (SitrepTransitionDialog *self)
{
  gboolean needs_root_cause = FALSE;
  int level = sitrep_incident_get_level (self->incident);

  if (self->transition == SITREP_TRANSITION_RESOLVE)
    sitrep_lifecycle_resolve_needs (self->incident, &needs_root_cause, NULL);
  gtk_label_set_label (self->reminder_label,
                       needs_root_cause
                       ? _("The root cause is not recorded yet. It may follow: the timeline "
                           "notes that it is owed.")
                       : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reminder_label), needs_root_cause);

  /* Whether a final report went out is read where the context reads;
   * the notice joins the dialog when the answer comes. */
  if (self->transition == SITREP_TRANSITION_CLOSE && level <= 2)
    {
      gint64 id = sitrep_incident_get_id (self->incident);

      sitrep_context_read (self->context, has_final_report_func,
                           g_memdup2 (&id, sizeof id), g_free, NULL, self->cancellable,
                           final_report_read_cb, self, NULL);
    }
}

/* Resolving a level-1/2 incident that lacks its resolution or cause
 * category offers them here, filled with what the incident has, with the
 * root cause when it is not recorded yet. They are offered even when the
 * policy does not require them; then they are optional. */
static void
ask_resolve_fields (SitrepTransitionDialog *self)
{
  g_autoptr(GtkStringList) causes = gtk_string_list_new (NULL);
  const char *resolution = sitrep_incident_get_resolution (self->incident);
  SitrepCause cause = sitrep_incident_get_cause_category (self->incident);
  gboolean needs_category = FALSE;

  if (self->transition != SITREP_TRANSITION_RESOLVE)
    return;

  sitrep_lifecycle_resolve_needs (self->incident, &self->asks_root_cause, &needs_category);
  self->asks_fields = sitrep_incident_get_level (self->incident) <= 2 &&
                      (needs_category || sitrep_text_is_blank (resolution));
  if (!self->asks_fields)
    return;

  /* the same choices as the incident's Cause Category row */
  for (int i = SITREP_CAUSE_NONE; i <= SITREP_CAUSE_UNKNOWN; i++)
    gtk_string_list_append (causes, sitrep_cause_to_label (i));
  adw_combo_row_set_model (self->cause_row, G_LIST_MODEL (causes));
  adw_combo_row_set_selected (self->cause_row, cause);

  if (resolution != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->resolution_view), resolution, -1);
  g_signal_connect_object (gtk_text_view_get_buffer (self->resolution_view), "changed",
                           G_CALLBACK (input_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->root_cause_view), "changed",
                           G_CALLBACK (input_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_set_visible (GTK_WIDGET (self->root_cause_heading), self->asks_root_cause);
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->root_cause_view),
                                                   GTK_TYPE_FRAME),
                          self->asks_root_cause);
  gtk_widget_set_visible (self->resolve_box, TRUE);
}

/* Closing an incident escalated to a team records that its owner confirmed
 * the team's resolution: the dialog shows what the team recorded and waits
 * for the confirmation to be ticked. */
static void
ask_team_confirmation (SitrepTransitionDialog *self)
{
  const char *team = sitrep_incident_get_team (self->incident);
  const char *owner = sitrep_incident_get_owner (self->incident);
  const char *user = sitrep_context_get_user_name (self->context);
  g_autofree char *recorded = NULL;
  g_autofree char *check = NULL;

  if (self->transition != SITREP_TRANSITION_CLOSE || team == NULL)
    return;

  self->asks_team = TRUE;
  if (sitrep_incident_get_team_resolved_at (self->incident) == SITREP_TIME_NONE)
    /* Translators: %s is a team */
    recorded = g_strdup_printf (_("%s has not reported its work done."), team);
  else if (sitrep_text_is_blank (sitrep_incident_get_team_resolution (self->incident)))
    recorded = g_strdup_printf (_("%s reported its work done, without a description."), team);
  else
    /* Translators: %s is a team, then what it recorded as its resolution */
    recorded = g_strdup_printf (_("%s resolved: %s"), team,
                                sitrep_incident_get_team_resolution (self->incident));

  if (sitrep_text_is_blank (owner) || g_strcmp0 (owner, user) == 0)
    /* Translators: %s is the user, who owns the incident */
    check = g_strdup_printf (_("I, %s, con_firm the team's resolution"), user);
  else
    /* Translators: %s is the incident's owner */
    check = g_strdup_printf (_("The owner, %s, con_firmed the team's resolution"), owner);

  gtk_label_set_label (self->team_resolution_label, recorded);
  gtk_check_button_set_label (self->team_confirm_check, check);
  gtk_widget_set_visible (self->team_group, TRUE);
}

/* Where the focus starts: on what is still needed, else on the action, so
 * that Enter confirms and never cancels. */
static void
focus_first (SitrepTransitionDialog *self)
{
  SitrepNeed missing;
  g_autofree char *destination = read_destination (self);

  missing = sitrep_lifecycle_get_missing (self->incident, get_needs (self, self->now), NULL,
                                          destination);
  if (missing & SITREP_NEED_DESTINATION)
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->developers_check));
  else if (missing & SITREP_NEED_REASON)
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->comment_row));
  else if (self->asks_fields && (get_missing_fields (self, get_needs (self, self->now)) &
                                 SITREP_NEED_RESOLUTION))
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->resolution_view));
  else if (self->asks_fields &&
           get_missing_fields (self, get_needs (self, self->now)) != SITREP_NEED_NONE)
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->cause_row));
  else if (missing != SITREP_NEED_NONE)
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->time_row));
  else if (self->asks_team)
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->team_confirm_check));
  else
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->confirm_button));
}

static void
setup (SitrepTransitionDialog *self,
       GtkWindow              *parent,
       SitrepContext          *context,
       SitrepIncident         *incident)
{
  const char *key = sitrep_incident_get_key (incident);
  gint64 now = sitrep_context_get_now (context);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *confirm = NULL;
  g_autofree char *subtitle = NULL;
  const char *verb = NULL;
  const char *dismiss = _("_Cancel");
  gboolean destructive = FALSE;

  self->context = g_object_ref (context);
  self->incident = g_object_ref (incident);
  self->policy = sitrep_store_get_policy (sitrep_context_get_store (context));
  self->now = now;
  self->now_text = sitrep_time_input_format (now);

  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  if (self->transition < 0)
    {
      gboolean raise = self->level < sitrep_incident_get_level (incident);

      /* Translators: a button; %d is the new level (1 is the most severe) */
      confirm = g_strdup_printf (raise ? _("_Raise to Level %d") : _("_Lower to Level %d"),
                                 self->level);
      verb = raise ? _("Raise Level") : _("Lower Level");
      if (raise)
        /* Translators: %s is an incident key, %d a level (1 is the most severe) */
        description = g_strdup_printf (_("%s goes to level %d and is judged by level %d "
                                         "deadlines at once; some may already be breached."),
                                       key, self->level, self->level);
      else
        description = g_strdup_printf (_("%s goes to level %d and is judged by level %d "
                                         "deadlines from now on."),
                                       key, self->level, self->level);
    }
  else
    {
      verb = sitrep_transition_to_label (self->transition);
      switch ((SitrepTransition) self->transition)
        {
        case SITREP_TRANSITION_ACKNOWLEDGE:
          confirm = g_strdup (_("_Acknowledge"));
          description = g_strdup_printf (_("Someone is handling %s. Acknowledging it meets "
                                           "its response deadline."), key);
          break;
        case SITREP_TRANSITION_RECOVER:
          confirm = g_strdup (_("_Mark Recovered"));
          description = g_strdup_printf (_("The service affected by %s works again. This meets "
                                           "the recovery deadline; the cause may still need "
                                           "fixing."), key);
          break;
        case SITREP_TRANSITION_RESOLVE:
          confirm = g_strdup (_("_Resolve"));
          description = g_strdup_printf (_("The cause of %s is fixed. This meets the resolution "
                                           "deadline."), key);
          break;
        case SITREP_TRANSITION_TRANSFER:
          confirm = g_strdup (_("_Transfer"));
          description = g_strdup_printf (_("%s is handed to another team. This meets the "
                                           "resolution deadline."), key);
          break;
        case SITREP_TRANSITION_CLOSE:
          /* "Close" alone would read as closing this dialog. */
          confirm = g_strdup (_("_Close Incident"));
          dismiss = _("_Keep Open");
          description = g_strdup_printf (_("%s is finished. It can be reopened later."), key);
          break;
        case SITREP_TRANSITION_REOPEN:
          confirm = g_strdup (_("_Reopen Incident"));
          description = g_strdup_printf (_("%s goes back into handling, as acknowledged."), key);
          break;
        case SITREP_TRANSITION_CANCEL:
          /* "Cancel" beside "Cancel Incident" would be ambiguous. */
          confirm = g_strdup (_("_Cancel Incident"));
          dismiss = _("_Keep Open");
          description = g_strdup_printf (_("%s is a duplicate or a false alarm. Nothing is "
                                           "deleted: it stays in the records as cancelled."),
                                         key);
          destructive = TRUE;
          break;
        default:
          g_assert_not_reached ();
        }
    }

  /* Translators: a dialog's title: an action and an incident key, "Acknowledge INC-7" */
  title = g_strdup_printf (_("%s %s"), verb, key);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, verb);
  /* Translators: a dialog's subtitle: an incident key and title, "INC-7 · Login fails" */
  subtitle = g_strdup_printf (_("%s · %s"), key, sitrep_incident_get_title (incident));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_button_set_label (self->confirm_button, confirm);
  gtk_button_set_use_underline (self->confirm_button, TRUE);
  gtk_button_set_label (self->dismiss_button, dismiss);
  sitrep_accessible_name_button (GTK_WIDGET (self->dismiss_button), NULL);
  sitrep_accessible_name_button (GTK_WIDGET (self->confirm_button), title);
  gtk_widget_add_css_class (GTK_WIDGET (self->confirm_button),
                            destructive ? "destructive-action" : "suggested-action");
  gtk_label_set_label (self->description_label, description);

  gtk_editable_set_text (GTK_EDITABLE (self->time_row), self->now_text);
  gtk_widget_set_visible (self->destination_group,
                          self->transition == SITREP_TRANSITION_TRANSFER);

  explain_notices (self);
  ask_resolve_fields (self);
  ask_team_confirmation (self);
  validate (self);
  focus_first (self);
}

static void
sitrep_transition_dialog_dispose (GObject *object)
{
  SitrepTransitionDialog *self = SITREP_TRANSITION_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_TRANSITION_DIALOG);
  g_clear_object (&self->context);
  g_clear_object (&self->incident);
  g_clear_object (&self->policy);

  G_OBJECT_CLASS (sitrep_transition_dialog_parent_class)->dispose (object);
}

static void
sitrep_transition_dialog_finalize (GObject *object)
{
  SitrepTransitionDialog *self = SITREP_TRANSITION_DIALOG (object);

  g_free (self->now_text);
  g_free (self->notice);

  G_OBJECT_CLASS (sitrep_transition_dialog_parent_class)->finalize (object);
}

static void
sitrep_transition_dialog_class_init (SitrepTransitionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_transition_dialog_dispose;
  object_class->finalize = sitrep_transition_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/ui/"
                                               "sitrep-transition-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog, dismiss_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog, description_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog, requirement_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog, reminder_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog, destination_group);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog, developers_check);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog, problem_check);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog, other_team_check);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog, team_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog, comment_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog, resolve_box);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog,
                                        resolution_heading);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog, resolution_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog, cause_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog,
                                        root_cause_heading);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog, root_cause_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog, team_group);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog,
                                        team_resolution_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepTransitionDialog,
                                        team_confirm_check);
  gtk_widget_class_bind_template_callback (widget_class, input_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_clicked_cb);

  /* Ctrl+Enter confirms from any field, as in the new-incident dialog. */
  gtk_widget_class_install_action (widget_class, "transition.confirm", NULL, confirm_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "transition.confirm", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "transition.confirm", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sitrep_transition_dialog_init (SitrepTransitionDialog *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  self->transition = -1;

  /* Ctrl+Enter confirms from inside a text view too, where plain Enter
   * starts a new line: the capture phase sees it before the text view. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                      gtk_named_action_new ("transition.confirm")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->confirm_button));
}

/**
 * sitrep_transition_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @context: the context with a store: the change is written there, by its
 *   user, at the clock's now unless backdated
 * @incident: the incident, as shown
 * @transition: what to do
 *
 * Returns: (transfer floating): a new modal dialog confirming @transition;
 *   present it with gtk_window_present()
 */
GtkWidget *
sitrep_transition_dialog_new (GtkWindow        *parent,
                              SitrepContext    *context,
                              SitrepIncident   *incident,
                              SitrepTransition  transition)
{
  SitrepTransitionDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SITREP_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (sitrep_context_get_store (context) != NULL, NULL);
  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), NULL);

  self = g_object_new (SITREP_TYPE_TRANSITION_DIALOG, NULL);
  self->transition = transition;
  setup (self, parent, context, incident);

  return GTK_WIDGET (self);
}

/**
 * sitrep_transition_dialog_new_for_level:
 * @parent: (nullable): the window the dialog belongs to
 * @context: the context with a store, where the change is written
 * @incident: the incident, as shown
 * @level: the new level
 *
 * Returns: (transfer floating): a new modal dialog confirming a change of
 *   @incident's level to @level
 */
GtkWidget *
sitrep_transition_dialog_new_for_level (GtkWindow      *parent,
                                        SitrepContext  *context,
                                        SitrepIncident *incident,
                                        int             level)
{
  SitrepTransitionDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SITREP_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (sitrep_context_get_store (context) != NULL, NULL);
  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), NULL);
  g_return_val_if_fail (level >= SITREP_LEVEL_MIN && level <= SITREP_LEVEL_MAX, NULL);

  self = g_object_new (SITREP_TYPE_TRANSITION_DIALOG, NULL);
  self->transition = -1;
  self->level = level;
  setup (self, parent, context, incident);

  return GTK_WIDGET (self);
}

/**
 * sitrep_transition_dialog_describe_destination:
 * @transferred_to: (nullable): an incident's transferred_to
 *
 * The dialog records a destination as people read it; an imported incident
 * may name the two standard destinations by their short names instead.
 *
 * Returns: (transfer none): where the incident went, for people to read
 */
const char *
sitrep_transition_dialog_describe_destination (const char *transferred_to)
{
  if (g_strcmp0 (transferred_to, "developers") == 0)
    return _("Developers");
  if (g_strcmp0 (transferred_to, "problem-management") == 0)
    return _("Problem management");
  return transferred_to != NULL ? transferred_to : "";
}
