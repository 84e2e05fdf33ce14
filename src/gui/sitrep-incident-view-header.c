/* sitrep-incident-view-header.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-incident-view-private.h"
#include "sitrep-sla.h"

/*
 * The incident view's header: level and status badges, key, title, service
 * and owner, and the next deadline with its state.
 */

const char *
_sitrep_incident_view_state_style (SitrepDeadlineState state)
{
  switch (state)
    {
    case SITREP_DEADLINE_STATE_WARNING:  return "warning";
    case SITREP_DEADLINE_STATE_BREACHED: return "breached";
    case SITREP_DEADLINE_STATE_MET:      return "met";
    case SITREP_DEADLINE_STATE_MET_LATE: return "met-late";
    case SITREP_DEADLINE_STATE_PENDING:
    default:                             return "pending";
    }
}

void
_sitrep_incident_view_set_state_class (GtkWidget  *widget,
                                       const char *style)
{
  static const char * const styles[] = { "pending", "warning", "breached", "met", "met-late",
                                         "none" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (widget, styles[i]);
  gtk_widget_add_css_class (widget, style);
}

void
_sitrep_incident_view_header_refresh (SitrepIncidentView *self,
                                      gint64              now)
{
  SitrepIncident *incident = self->incident;
  SitrepPolicy *policy = self->policy;
  const char *owner = sitrep_incident_get_owner (incident);
  const char *service = sitrep_incident_get_service (incident);
  g_autofree char *level = NULL;
  g_autofree char *level_class = NULL;
  g_autofree char *subtitle = NULL;
  SitrepDeadline next;

  /* Translators: an incident's level badge, "Level 1" */
  level = g_strdup_printf (_("Level %d"), sitrep_incident_get_level (incident));
  gtk_label_set_label (self->level_label, level);
  for (int i = SITREP_LEVEL_MIN; i <= SITREP_LEVEL_MAX; i++)
    {
      g_autofree char *name = g_strdup_printf ("level-%d", i);

      gtk_widget_remove_css_class (GTK_WIDGET (self->level_label), name);
    }
  level_class = g_strdup_printf ("level-%d", sitrep_incident_get_level (incident));
  gtk_widget_add_css_class (GTK_WIDGET (self->level_label), level_class);

  gtk_label_set_label (self->status_label,
                       sitrep_status_to_label (sitrep_incident_get_status (incident)));
  gtk_label_set_label (self->key_label, sitrep_incident_get_key (incident));
  gtk_label_set_label (self->title_label, sitrep_incident_get_title (incident));

  if (owner != NULL && *owner != '\0')
    /* Translators: below an incident's title: "<service> · owner <name>" */
    subtitle = g_strdup_printf (_("%s · owner %s"), service != NULL ? service : "", owner);
  else
    /* Translators: below an incident's title: "<service> · no owner yet" */
    subtitle = g_strdup_printf (_("%s · no owner yet"), service != NULL ? service : "");
  gtk_label_set_label (self->subtitle_label, subtitle);

  if (sitrep_sla_get_next_deadline (incident, policy, now, &next))
    {
      g_autofree char *description = sitrep_sla_describe_deadline (&next, now);
      /* Translators: the next deadline and its state: "Response due in 4 min — Warning" */
      g_autofree char *text = g_strdup_printf (_("%s — %s"), description,
                                               sitrep_deadline_state_to_label (next.state));

      gtk_label_set_label (self->next_deadline_label, text);
      _sitrep_incident_view_set_state_class (self->next_deadline_box,
                                             _sitrep_incident_view_state_style (next.state));
    }
  else if (sitrep_incident_get_status (incident) == SITREP_STATUS_CANCELLED)
    {
      /* Translators: the header of a cancelled incident: its deadlines
       * were neither met nor missed */
      gtk_label_set_label (self->next_deadline_label, _("Deadlines not applicable — cancelled"));
      _sitrep_incident_view_set_state_class (self->next_deadline_box, "none");
    }
  else
    {
      gtk_label_set_label (self->next_deadline_label, _("No deadline pending"));
      _sitrep_incident_view_set_state_class (self->next_deadline_box, "none");
    }
}
