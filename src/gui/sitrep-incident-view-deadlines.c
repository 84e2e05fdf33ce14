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

      adw_preferences_row_set_title (self->deadline_rows[i],
                                     sitrep_deadline_kind_to_label (deadlines[i].kind));
      gtk_label_set_label (self->deadline_titles[i],
                           sitrep_deadline_kind_to_label (deadlines[i].kind));
      gtk_label_set_label (self->deadline_subtitles[i], subtitle);
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

/* Where a narrow pane cut a label short, its tooltip says all of it.
 * Asked for when the pointer rests on it, so that showing an incident
 * sets no tooltip (each one set asks the display where the pointer is). */
static gboolean
query_tooltip_cb (GtkLabel   *label,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  if (!pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;

  gtk_tooltip_set_text (tooltip, gtk_label_get_label (label));
  return TRUE;
}

/* A label of a deadline's row: on one line, cut short at its end in a
 * narrow pane. */
static GtkWidget *
new_row_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, css_class);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  return label;
}

/*
 * Each deadline is a row laid out as libadwaita's action row is, with the
 * same style classes (a title, a subtitle below it, the state at the
 * end), but with texts that do not wrap. The action row's subtitle
 * wraps, and GTK laid it out at one width after another, about 28 times
 * each time an incident was shown: a sixth of all the text layouts of a
 * showing, 4–6 ms of it.
 */
void
_sitrep_incident_view_deadlines_init (SitrepIncidentView *self)
{
  for (guint i = 0; i < SITREP_N_DEADLINES; i++)
    {
      GtkWidget *row = adw_preferences_row_new ();
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *title = new_row_label ("title");
      GtkWidget *subtitle = new_row_label ("subtitle");
      GtkWidget *state = gtk_label_new (NULL);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_add_css_class (header, "header");
      gtk_widget_add_css_class (texts, "title");
      gtk_widget_set_hexpand (texts, TRUE);
      gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (texts), title);
      gtk_box_append (GTK_BOX (texts), subtitle);
      gtk_box_append (GTK_BOX (header), texts);

      gtk_widget_add_css_class (state, "incident-deadline-state");
      gtk_widget_set_valign (state, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (header), state);

      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), header);
      adw_preferences_group_add (self->deadlines_group, row);

      self->deadline_rows[i] = ADW_PREFERENCES_ROW (row);
      self->deadline_titles[i] = GTK_LABEL (title);
      self->deadline_subtitles[i] = GTK_LABEL (subtitle);
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
