/* sitrep-incident-report.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-incident-private.h"

/* The fields of an incident that only its final report reads. */

/**
 * sitrep_incident_get_impact:
 * @self: a #SitrepIncident
 *
 * Returns: (nullable): what the incident did to users, customers or
 *   business, in the final report's words
 */
const char *
sitrep_incident_get_impact (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->impact;
}

void
sitrep_incident_set_impact (SitrepIncident *self,
                            const char     *impact)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_string (self, &self->impact, impact, PROP_IMPACT);
}

/**
 * sitrep_incident_get_affected_count:
 * @self: a #SitrepIncident
 *
 * Returns: how many users, customers or orders were affected, or -1 when
 *   nobody gave a number
 */
gint64
sitrep_incident_get_affected_count (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), -1);

  return self->affected_count;
}

void
sitrep_incident_set_affected_count (SitrepIncident *self,
                                    gint64          affected_count)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  affected_count = MAX (affected_count, -1);
  if (self->affected_count != affected_count)
    {
      self->affected_count = affected_count;
      g_object_notify_by_pspec (G_OBJECT (self),
                                _sitrep_incident_properties[PROP_AFFECTED_COUNT]);
    }
}

const char *
sitrep_incident_get_corrective_actions (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->corrective_actions;
}

void
sitrep_incident_set_corrective_actions (SitrepIncident *self,
                                        const char     *corrective_actions)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_string (self, &self->corrective_actions, corrective_actions,
                  PROP_CORRECTIVE_ACTIONS);
}

const char *
sitrep_incident_get_lessons_learned (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->lessons_learned;
}

void
sitrep_incident_set_lessons_learned (SitrepIncident *self,
                                     const char     *lessons_learned)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_string (self, &self->lessons_learned, lessons_learned,
                                   PROP_LESSONS_LEARNED);
}
