/* sitrep-incident-row.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-incident-row.h"
#include "sitrep-incident-workflow.h"
#include "sitrep-sla.h"

/*
 * One incident in the ticket list: its level, key, title, service, status,
 * owner and the countdown to its next deadline. The deadline's state is
 * both a colour and words, so that it reads without colour too.
 */

struct _SitrepIncidentRow
{
  GtkWidget       parent_instance;

  SitrepIncident *incident;

  GtkWidget      *box;
  GtkLabel       *level_label;
  GtkLabel       *key_label;
  GtkLabel       *title_label;
  GtkLabel       *service_label;
  GtkLabel       *status_label;
  GtkLabel       *deadline_label;
};

G_DEFINE_FINAL_TYPE (SitrepIncidentRow, sitrep_incident_row, GTK_TYPE_WIDGET)

static const char *deadline_classes[] = { "pending", "warning", "breached", "met" };
static const char *level_classes[] = { "level-1", "level-2", "level-3" };

static void
set_deadline_class (SitrepIncidentRow *self,
                    const char        *css_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (deadline_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_label), deadline_classes[i]);

  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->deadline_label), css_class);
}

/* Returns the words that describe the next deadline, and sets its colour. */
static char *
describe_next_deadline (SitrepIncidentRow *self,
                        SitrepPolicy      *policy,
                        gint64             now)
{
  SitrepDeadline deadline;
  g_autofree char *text = NULL;

  if (!sitrep_status_is_open (sitrep_incident_get_status (self->incident))
      || policy == NULL
      || !sitrep_sla_get_next_deadline (self->incident, policy, now, &deadline))
    {
      set_deadline_class (self, "met");
      return g_strdup ("");
    }

  text = sitrep_sla_describe_deadline (&deadline, now);

  switch (deadline.state)
    {
    case SITREP_DEADLINE_STATE_WARNING:
      set_deadline_class (self, "warning");
      /* Translators: %s is e.g. "Response due in 4 min"; "at risk" says that
       * most of the deadline's time has passed */
      return g_strdup_printf (_("%s, at risk"), text);

    case SITREP_DEADLINE_STATE_BREACHED:
      set_deadline_class (self, "breached");
      return g_steal_pointer (&text);

    case SITREP_DEADLINE_STATE_PENDING:
    case SITREP_DEADLINE_STATE_MET:
    case SITREP_DEADLINE_STATE_MET_LATE:
    default:
      set_deadline_class (self, "pending");
      return g_steal_pointer (&text);
    }
}

static void
sitrep_incident_row_dispose (GObject *object)
{
  SitrepIncidentRow *self = SITREP_INCIDENT_ROW (object);

  g_clear_object (&self->incident);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_INCIDENT_ROW);

  G_OBJECT_CLASS (sitrep_incident_row_parent_class)->dispose (object);
}

static void
sitrep_incident_row_class_init (SitrepIncidentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_incident_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/ui/"
                                               "sitrep-incident-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentRow, box);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentRow, level_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentRow, key_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentRow, service_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentRow, deadline_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "incidentrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sitrep_incident_row_init (SitrepIncidentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sitrep_incident_row_new:
 *
 * Returns: (transfer full): a row showing no incident yet
 */
GtkWidget *
sitrep_incident_row_new (void)
{
  return g_object_new (SITREP_TYPE_INCIDENT_ROW, NULL);
}

/**
 * sitrep_incident_row_get_incident:
 * @self: a row
 *
 * Returns: (transfer none) (nullable): the incident the row shows
 */
SitrepIncident *
sitrep_incident_row_get_incident (SitrepIncidentRow *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_ROW (self), NULL);

  return self->incident;
}

/**
 * sitrep_incident_row_set_incident:
 * @self: a row
 * @incident: (nullable): the incident to show
 * @policy: (nullable): the SLA policy its deadlines follow
 * @now: the current time
 *
 * Shows @incident, with its next deadline as seen at @now.
 */
void
sitrep_incident_row_set_incident (SitrepIncidentRow *self,
                                  SitrepIncident    *incident,
                                  SitrepPolicy      *policy,
                                  gint64             now)
{
  g_autofree char *level_text = NULL;
  const char *owner;

  g_return_if_fail (SITREP_IS_INCIDENT_ROW (self));
  g_return_if_fail (incident == NULL || SITREP_IS_INCIDENT (incident));

  g_set_object (&self->incident, incident);
  if (incident == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (level_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->level_label), level_classes[i]);
  if (sitrep_incident_get_level (incident) >= SITREP_LEVEL_MIN
      && sitrep_incident_get_level (incident) <= SITREP_LEVEL_MAX)
    gtk_widget_add_css_class (GTK_WIDGET (self->level_label),
                              level_classes[sitrep_incident_get_level (incident) - 1]);

  /* Translators: the short badge of an incident's level, "L1" for level 1 */
  level_text = g_strdup_printf (_("L%d"), sitrep_incident_get_level (incident));
  gtk_label_set_text (self->level_label, level_text);
  gtk_label_set_text (self->key_label, sitrep_incident_get_key (incident));
  gtk_label_set_text (self->title_label, sitrep_incident_get_title (incident));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label),
                               sitrep_incident_get_title (incident));

  owner = sitrep_incident_get_owner (incident);
  if (owner != NULL && owner[0] != '\0')
    {
      /* Translators: an incident's service and owner in the list */
      g_autofree char *text = g_strdup_printf (_("%s · %s"),
                                               sitrep_incident_get_service (incident),
                                               owner);
      gtk_label_set_text (self->service_label, text);
    }
  else
    {
      /* Translators: an incident's service, when nobody owns it yet */
      g_autofree char *text = g_strdup_printf (_("%s · no owner"),
                                               sitrep_incident_get_service (incident));
      gtk_label_set_text (self->service_label, text);
    }

  if (sitrep_incident_get_current_hold (incident) != NULL)
    {
      /* Translators: the status chip of an incident on hold in the list */
      g_autofree char *text = g_strdup_printf (_("%s · on hold"),
                                               sitrep_status_to_label (
                                                 sitrep_incident_get_status (incident)));
      gtk_label_set_text (self->status_label, text);
    }
  else
    {
      gtk_label_set_text (self->status_label,
                          sitrep_status_to_label (sitrep_incident_get_status (incident)));
    }

  sitrep_incident_row_update (self, policy, now);
}

/**
 * sitrep_incident_row_update:
 * @self: a row
 * @policy: (nullable): the SLA policy
 * @now: the current time
 *
 * Refreshes the countdown to the next deadline, for the minute @now.
 */
void
sitrep_incident_row_update (SitrepIncidentRow *self,
                            SitrepPolicy      *policy,
                            gint64             now)
{
  g_autofree char *deadline = NULL;
  g_autofree char *level = NULL;
  g_autofree char *accessible = NULL;

  g_return_if_fail (SITREP_IS_INCIDENT_ROW (self));

  if (self->incident == NULL)
    return;

  deadline = describe_next_deadline (self, policy, now);
  gtk_label_set_text (self->deadline_label, deadline);
  gtk_widget_set_visible (GTK_WIDGET (self->deadline_label), deadline[0] != '\0');

  level = g_strdup_printf (_("Level %d"), sitrep_incident_get_level (self->incident));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->level_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, level,
                                  -1);

  if (deadline[0] != '\0')
    /* Translators: what a screen reader says for a row of the incident
     * list: key, level, status, title and the next deadline */
    accessible = g_strdup_printf (_("%s, %s, %s, %s, %s"),
                                  sitrep_incident_get_key (self->incident),
                                  level,
                                  sitrep_status_to_label (
                                    sitrep_incident_get_status (self->incident)),
                                  sitrep_incident_get_title (self->incident),
                                  deadline);
  else
    /* Translators: what a screen reader says for a row of the incident
     * list without a running deadline: key, level, status and title */
    accessible = g_strdup_printf (_("%s, %s, %s, %s"),
                                  sitrep_incident_get_key (self->incident),
                                  level,
                                  sitrep_status_to_label (
                                    sitrep_incident_get_status (self->incident)),
                                  sitrep_incident_get_title (self->incident));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  /* The list item that holds the row is what a screen reader focuses. */
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                    -1);
}
