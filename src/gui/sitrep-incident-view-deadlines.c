/* sitrep-incident-view-deadlines.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-incident-view-private.h"
#include "sitrep-sla.h"
#include "sitrep-time.h"

/*
 * The incident view's three deadlines (response, recovery, resolution),
 * each with when it is due and its state, and the minute tick that keeps
 * every countdown in the pane current.
 */

static char *
describe_deadline_row (const SitrepDeadline *deadline,
                       gint64                now)
{
  g_autofree char *due = sitrep_time_format_local (deadline->due);
  g_autofree char *length = NULL;

  if (deadline->met_at != SITREP_TIME_NONE)
    {
      g_autofree char *met = sitrep_time_format_local (deadline->met_at);

      length = sitrep_time_format_duration (deadline->met_at - deadline->due);
      if (deadline->met_at <= deadline->due)
        /* Translators: "Due 2026-03-01 09:40 · met 2026-03-01 09:35, 5 min early" */
        return g_strdup_printf (_("Due %s · met %s, %s early"), due, met, length);
      /* Translators: "Due 2026-03-01 09:40 · met 2026-03-01 09:52, 12 min late" */
      return g_strdup_printf (_("Due %s · met %s, %s late"), due, met, length);
    }

  if (deadline->state == SITREP_DEADLINE_STATE_PAUSED)
    {
      length = sitrep_time_format_duration (deadline->held);
      /* Translators: a deadline whose clock stands still while the incident
       * is on hold: "On hold, 1 h 5 min so far · due moves until released" */
      return g_strdup_printf (_("On hold, %s so far · the due moves until released"), length);
    }

  length = sitrep_time_format_duration (deadline->due - now);
  if (deadline->due > now)
    /* Translators: "Due 2026-03-01 09:40 · 4 min left" */
    return g_strdup_printf (_("Due %s · %s left"), due, length);
  /* Translators: "Due 2026-03-01 09:40 · overdue by 12 min" */
  return g_strdup_printf (_("Due %s · overdue by %s"), due, length);
}

void
_sitrep_incident_view_deadlines_refresh (SitrepIncidentView *self,
                                         gint64              now)
{
  SitrepDeadline deadlines[SITREP_N_DEADLINES];

  sitrep_sla_compute_deadlines (self->incident, self->policy, now, deadlines);

  for (guint i = 0; i < SITREP_N_DEADLINES; i++)
    {
      gboolean ended = sitrep_sla_deadline_ended_by_cancel (self->incident, &deadlines[i]);
      g_autofree char *subtitle = NULL;
      const char *state = sitrep_deadline_state_to_label (deadlines[i].state);
      g_autofree char *accessible = NULL;

      if (ended)
        {
          g_autofree char *due = sitrep_time_format_local (deadlines[i].due);

          /* Translators: a deadline of a cancelled incident, which it no
           * longer owes: "Due 2026-03-01 09:40 · no longer owed" */
          subtitle = g_strdup_printf (_("Due %s · no longer owed"), due);
          /* Translators: the state of a deadline that a cancelled incident
           * no longer owes: it was neither met nor missed */
          state = _("Not applicable — cancelled");
        }
      else
        subtitle = describe_deadline_row (&deadlines[i], now);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->deadline_rows[i]),
                                     sitrep_deadline_kind_to_label (deadlines[i].kind));
      adw_action_row_set_subtitle (self->deadline_rows[i], subtitle);
      gtk_label_set_label (self->deadline_states[i], state);
      _sitrep_incident_view_set_state_class (
        GTK_WIDGET (self->deadline_states[i]),
        ended ? "none" : _sitrep_incident_view_state_style (deadlines[i].state));

      /* Translators: read by a screen reader: "Response: Warning. Due … · 4 min left" */
      accessible = g_strdup_printf (_("%s: %s. %s"),
                                    sitrep_deadline_kind_to_label (deadlines[i].kind),
                                    state, subtitle);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->deadline_rows[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
    }
}

void
_sitrep_incident_view_deadlines_init (SitrepIncidentView *self)
{
  for (guint i = 0; i < SITREP_N_DEADLINES; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *state = gtk_label_new (NULL);

      gtk_widget_add_css_class (state, "incident-deadline-state");
      gtk_widget_set_valign (state, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
      adw_preferences_group_add (self->deadlines_group, row);

      self->deadline_rows[i] = ADW_ACTION_ROW (row);
      self->deadline_states[i] = GTK_LABEL (state);
    }
}

/* Time passed and nothing was written: what is shown is drawn again for
 * the new minute, without reading the store. */
static gboolean
tick_cb (gpointer user_data)
{
  SitrepIncidentView *self = user_data;

  self->tick_id = 0;
  if (self->incident != NULL)
    {
      _sitrep_incident_view_redraw (self, SITREP_INCIDENT_VIEW_PART_HEADER
                                          | SITREP_INCIDENT_VIEW_PART_DEADLINES
                                          | SITREP_INCIDENT_VIEW_PART_TIMELINE,
                                    FALSE);
      sitrep_communication_view_refresh (self->communication_view);
    }
  _sitrep_incident_view_schedule_tick (self);

  return G_SOURCE_REMOVE;
}

/* Countdowns change once a minute: wake at the next full minute. */
void
_sitrep_incident_view_schedule_tick (SitrepIncidentView *self)
{
  gint64 now;

  g_clear_handle_id (&self->tick_id, g_source_remove);

  if (self->store == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  now = _sitrep_incident_view_get_now (self);
  self->tick_id = g_timeout_add_seconds (60 - (guint) (now % 60), tick_cb, self);
  g_source_set_name_by_id (self->tick_id, "[sitrep] incident countdown tick");
}
