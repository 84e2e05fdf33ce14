/* sitrep-incident-workflow.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-incident-workflow.h"

#include "sitrep-incident-private.h"

/*
 * The parts of an incident that belong to its handling rather than to its
 * record: the spans it was on hold, and the team it was escalated to
 * (functional escalation) with that team's resolution. The store fills
 * them from their own rows; they are plain fields without properties.
 */

static void
clear_hold (gpointer data)
{
  SitrepHold *hold = data;

  g_clear_pointer (&hold->reason, g_free);
  g_clear_pointer (&hold->author, g_free);
}

static GArray *
new_holds (void)
{
  GArray *holds = g_array_new (FALSE, TRUE, sizeof (SitrepHold));

  g_array_set_clear_func (holds, clear_hold);
  return holds;
}

void
_sitrep_incident_workflow_finalize (SitrepIncident *self)
{
  g_clear_pointer (&self->holds, g_array_unref);
  g_clear_pointer (&self->team, g_free);
  g_clear_pointer (&self->team_resolution, g_free);
}

void
_sitrep_incident_workflow_copy (SitrepIncident *copy,
                                SitrepIncident *self)
{
  sitrep_incident_clear_holds (copy);
  for (guint i = 0; i < sitrep_incident_get_n_holds (self); i++)
    sitrep_incident_add_hold (copy, sitrep_incident_get_hold (self, i));

  g_free (copy->team);
  copy->team = g_strdup (self->team);
  copy->team_assigned_at = self->team_assigned_at;
  copy->team_resolved_at = self->team_resolved_at;
  g_free (copy->team_resolution);
  copy->team_resolution = g_strdup (self->team_resolution);
}

/**
 * sitrep_incident_get_n_holds:
 * @self: a #SitrepIncident
 *
 * Returns: how many times the incident was put on hold
 */
guint
sitrep_incident_get_n_holds (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->holds != NULL ? self->holds->len : 0;
}

/**
 * sitrep_incident_get_hold:
 * @self: a #SitrepIncident
 * @index: from 0 to sitrep_incident_get_n_holds() - 1
 *
 * Returns: (transfer none): the hold, in the order they started; valid
 *   until the incident's holds change
 */
const SitrepHold *
sitrep_incident_get_hold (SitrepIncident *self,
                          guint           index)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);
  g_return_val_if_fail (index < sitrep_incident_get_n_holds (self), NULL);

  return &g_array_index (self->holds, SitrepHold, index);
}

/**
 * sitrep_incident_get_current_hold:
 * @self: a #SitrepIncident
 *
 * Returns: (transfer none) (nullable): the hold the incident is on now,
 *   or %NULL when it is not held
 */
const SitrepHold *
sitrep_incident_get_current_hold (SitrepIncident *self)
{
  guint n;

  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  n = sitrep_incident_get_n_holds (self);
  if (n == 0)
    return NULL;

  /* only the latest hold can still be running */
  if (g_array_index (self->holds, SitrepHold, n - 1).ended_at != SITREP_TIME_NONE)
    return NULL;

  return &g_array_index (self->holds, SitrepHold, n - 1);
}

/**
 * sitrep_incident_get_hold_at:
 * @self: a #SitrepIncident
 * @at: a moment
 *
 * Returns: (transfer none) (nullable): the hold the incident was on at
 *   @at (one that began at or before it and ended after it, or runs
 *   still), or %NULL
 */
const SitrepHold *
sitrep_incident_get_hold_at (SitrepIncident *self,
                             gint64          at)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  for (guint i = 0; i < sitrep_incident_get_n_holds (self); i++)
    {
      const SitrepHold *hold = &g_array_index (self->holds, SitrepHold, i);

      if (hold->started_at <= at && (hold->ended_at == SITREP_TIME_NONE || hold->ended_at > at))
        return hold;
    }

  return NULL;
}

static int
compare_holds (gconstpointer a,
               gconstpointer b)
{
  const SitrepHold *ha = a;
  const SitrepHold *hb = b;

  if (ha->started_at != hb->started_at)
    return ha->started_at < hb->started_at ? -1 : 1;
  if (ha->id != hb->id)
    return ha->id < hb->id ? -1 : 1;
  return 0;
}

/**
 * sitrep_incident_add_hold:
 * @self: a #SitrepIncident
 * @hold: a hold; copied
 *
 * Adds a hold to those of the incident, keeping them in the order they
 * started.
 */
void
sitrep_incident_add_hold (SitrepIncident   *self,
                          const SitrepHold *hold)
{
  SitrepHold copy;

  g_return_if_fail (SITREP_IS_INCIDENT (self));
  g_return_if_fail (hold != NULL);

  if (self->holds == NULL)
    self->holds = new_holds ();

  copy = *hold;
  copy.reason = g_strdup (hold->reason);
  copy.author = g_strdup (hold->author);
  g_array_append_val (self->holds, copy);
  g_array_sort (self->holds, compare_holds);
}

/**
 * sitrep_incident_end_hold:
 * @self: a #SitrepIncident
 * @at: when the hold ended
 *
 * Ends the current hold at @at.
 *
 * Returns: %TRUE if the incident was on hold
 */
gboolean
sitrep_incident_end_hold (SitrepIncident *self,
                          gint64          at)
{
  SitrepHold *hold;

  g_return_val_if_fail (SITREP_IS_INCIDENT (self), FALSE);

  hold = (SitrepHold *) sitrep_incident_get_current_hold (self);
  if (hold == NULL)
    return FALSE;

  hold->ended_at = at;
  return TRUE;
}

/**
 * sitrep_incident_clear_holds:
 * @self: a #SitrepIncident
 *
 * Forgets the incident's holds.
 */
void
sitrep_incident_clear_holds (SitrepIncident *self)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  if (self->holds != NULL)
    g_array_set_size (self->holds, 0);
}

/**
 * sitrep_incident_get_team:
 * @self: a #SitrepIncident
 *
 * Returns: (nullable): the team the incident is escalated to (developers,
 *   the network group, …), or %NULL
 */
const char *
sitrep_incident_get_team (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->team;
}

/**
 * sitrep_incident_get_team_assigned_at:
 * @self: a #SitrepIncident
 *
 * Returns: when the incident was assigned to its current team, or
 *   %SITREP_TIME_NONE
 */
gint64
sitrep_incident_get_team_assigned_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), SITREP_TIME_NONE);

  return self->team_assigned_at;
}

/**
 * sitrep_incident_get_team_resolved_at:
 * @self: a #SitrepIncident
 *
 * Returns: when the team reported its work done, or %SITREP_TIME_NONE
 */
gint64
sitrep_incident_get_team_resolved_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), SITREP_TIME_NONE);

  return self->team_resolved_at;
}

/**
 * sitrep_incident_get_team_resolution:
 * @self: a #SitrepIncident
 *
 * Returns: (nullable): what the team said it did
 */
const char *
sitrep_incident_get_team_resolution (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->team_resolution;
}

/**
 * sitrep_incident_set_team:
 * @self: a #SitrepIncident
 * @team: (nullable): the team, or %NULL for none
 * @assigned_at: when it was assigned
 *
 * Assigns the incident to @team; a new assignment forgets the previous
 * team's resolution.
 */
void
sitrep_incident_set_team (SitrepIncident *self,
                          const char     *team,
                          gint64          assigned_at)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  g_free (self->team);
  self->team = g_strdup (team);
  self->team_assigned_at = team != NULL ? assigned_at : SITREP_TIME_NONE;
  self->team_resolved_at = SITREP_TIME_NONE;
  g_clear_pointer (&self->team_resolution, g_free);
}

/**
 * sitrep_incident_set_team_resolved:
 * @self: a #SitrepIncident
 * @resolved_at: when the team reported its work done, or %SITREP_TIME_NONE
 * @resolution: (nullable): what it did
 */
void
sitrep_incident_set_team_resolved (SitrepIncident *self,
                                   gint64          resolved_at,
                                   const char     *resolution)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  self->team_resolved_at = resolved_at;
  g_free (self->team_resolution);
  self->team_resolution = g_strdup (resolution);
}
