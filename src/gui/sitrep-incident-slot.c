/* sitrep-incident-slot.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-incident-slot.h"

/*
 * A place in the ticket list, and the incident it holds. GTK 4.8's list
 * view keeps a row widget only as long as its item object stays in the
 * model: a new answer to a search made of new incident objects made it
 * drop every row and build new ones. The list view's items are slots
 * instead (see sitrep-slot-model.c); a slot near the top of the list
 * lives across answers and is given the incident now at its place, and
 * the row that shows it follows its "incident" property.
 */

struct _SitrepIncidentSlot
{
  GObject         parent_instance;

  SitrepIncident *incident;
};

G_DEFINE_FINAL_TYPE (SitrepIncidentSlot, sitrep_incident_slot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INCIDENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitrep_incident_slot_dispose (GObject *object)
{
  SitrepIncidentSlot *self = SITREP_INCIDENT_SLOT (object);

  g_clear_object (&self->incident);

  G_OBJECT_CLASS (sitrep_incident_slot_parent_class)->dispose (object);
}

static void
sitrep_incident_slot_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SitrepIncidentSlot *self = SITREP_INCIDENT_SLOT (object);

  switch (prop_id)
    {
    case PROP_INCIDENT:
      g_value_set_object (value, self->incident);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_incident_slot_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SitrepIncidentSlot *self = SITREP_INCIDENT_SLOT (object);

  switch (prop_id)
    {
    case PROP_INCIDENT:
      sitrep_incident_slot_set_incident (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_incident_slot_class_init (SitrepIncidentSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_incident_slot_dispose;
  object_class->get_property = sitrep_incident_slot_get_property;
  object_class->set_property = sitrep_incident_slot_set_property;

  /**
   * SitrepIncidentSlot:incident:
   *
   * The incident at the slot's place in the list.
   */
  properties[PROP_INCIDENT] =
    g_param_spec_object ("incident", NULL, NULL,
                         SITREP_TYPE_INCIDENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_incident_slot_init (SitrepIncidentSlot *self)
{
}

/**
 * sitrep_incident_slot_new:
 * @incident: (nullable): the incident the slot holds
 *
 * Returns: (transfer full): a slot holding @incident
 */
SitrepIncidentSlot *
sitrep_incident_slot_new (SitrepIncident *incident)
{
  g_return_val_if_fail (incident == NULL || SITREP_IS_INCIDENT (incident), NULL);

  return g_object_new (SITREP_TYPE_INCIDENT_SLOT, "incident", incident, NULL);
}

/**
 * sitrep_incident_slot_get_incident:
 * @self: a slot
 *
 * Returns: (transfer none) (nullable): the incident the slot holds
 */
SitrepIncident *
sitrep_incident_slot_get_incident (SitrepIncidentSlot *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_SLOT (self), NULL);

  return self->incident;
}

/**
 * sitrep_incident_slot_set_incident:
 * @self: a slot
 * @incident: (nullable): the incident now at the slot's place
 *
 * Gives the slot another incident; "notify::incident" follows when it
 * is another object.
 */
void
sitrep_incident_slot_set_incident (SitrepIncidentSlot *self,
                                   SitrepIncident     *incident)
{
  g_return_if_fail (SITREP_IS_INCIDENT_SLOT (self));
  g_return_if_fail (incident == NULL || SITREP_IS_INCIDENT (incident));

  if (g_set_object (&self->incident, incident))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT]);
}
