/* sitrep-store-teams.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enums.h"
#include "sitrep-incident-workflow.h"
#include "sitrep-store-private.h"
#include "sitrep-time.h"

/*
 * Functional escalation: an open incident is assigned to a team (the
 * developers, the network group, …) at any stage while its clocks keep
 * running; the team reports its work done ("team resolved"), and closing
 * an escalated incident records the owner's confirmation. Transfer, which
 * hands a recovered incident over and ends the resolution clock, is a
 * transition and stays apart (sitrep-store-write.c).
 *
 * The team is four columns of the incident's row that the rest of the
 * store leaves alone: they are read and written here.
 */

static const char sql_update_team[] =
  "UPDATE incidents SET team = ?2, team_assigned_at = ?3, team_resolved_at = ?4, "
  "team_resolution = ?5, version = version + 1 WHERE id = ?1";

gboolean
_sitrep_store_save_team (SitrepStore     *self,
                         SitrepIncident  *incident,
                         GError         **error)
{
  g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql_update_team, error);

  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, sitrep_incident_get_id (incident));
  sitrep_db_bind_text (stmt, 2, sitrep_incident_get_team (incident));
  sitrep_db_bind_time (stmt, 3, sitrep_incident_get_team_assigned_at (incident));
  sitrep_db_bind_time (stmt, 4, sitrep_incident_get_team_resolved_at (incident));
  sitrep_db_bind_text (stmt, 5, sitrep_incident_get_team_resolution (incident));
  return step_done (self, stmt, error);
}

/* Called by a transition within its transaction: closing an incident that
 * was escalated records that its owner confirmed the team's resolution. */
gboolean
_sitrep_store_note_close (SitrepStore       *self,
                          SitrepIncident    *incident,
                          SitrepTransition   transition,
                          gint64             at,
                          const char        *author,
                          GError           **error)
{
  g_autofree char *text = NULL;
  const char *owner;

  if (transition != SITREP_TRANSITION_CLOSE || sitrep_incident_get_team (incident) == NULL)
    return TRUE;

  owner = sitrep_incident_get_owner (incident);
  text = sitrep_lifecycle_describe_owner_confirmed (owner != NULL ? owner : author,
                                                    sitrep_incident_get_team (incident));
  return _sitrep_store_insert_entry (self, sitrep_incident_get_id (incident), at, get_now (self),
                                     author, SITREP_ENTRY_KIND_TEAM, SITREP_TAG_NONE, text,
                                     "confirmed", error);
}

/* the arguments of sitrep_store_assign_team() and
 * sitrep_store_record_team_resolved(), for _sitrep_store_run_write() */
typedef struct
{
  gint64      id;
  gint64      at;
  const char *text;     /* the team, or its resolution */
  const char *comment;
  const char *author;
} TeamWrite;

static gboolean
apply_assign (SitrepStore   *self,
              gpointer       data,
              SitrepChange  *changes,
              GError       **error)
{
  TeamWrite *w = data;
  g_autoptr(SitrepIncident) incident = _sitrep_store_load_incident (self, w->id, error);
  g_autofree char *old_team = NULL;
  g_autofree char *text = NULL;
  gint64 now = get_now (self);
  gint64 at = w->at;

  if (incident == NULL || !sitrep_lifecycle_check_team (incident, w->text, error))
    return FALSE;

  old_team = g_strdup (sitrep_incident_get_team (incident));
  if (g_strcmp0 (old_team, w->text) == 0)
    {
      *changes = 0;
      return TRUE;
    }

  if (at == SITREP_TIME_NONE)
    at = now;

  if (!sitrep_lifecycle_check_not_future (at, now, error) ||
      !sitrep_lifecycle_check_not_before (at, sitrep_incident_get_reported_at (incident),
                                          _("the incident was reported"), error))
    return FALSE;

  text = sitrep_lifecycle_describe_team (old_team, w->text, w->comment);
  sitrep_incident_set_team (incident, w->text, at);

  return _sitrep_store_insert_entry (self, w->id, at, now, w->author, SITREP_ENTRY_KIND_TEAM,
                                     SITREP_TAG_NONE, text,
                                     w->text != NULL ? "assigned" : "unassigned", error) &&
         _sitrep_store_save_team (self, incident, error);
}

/**
 * sitrep_store_assign_team:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @team: (nullable): the team (from the roster's teams or any name), or
 *   %NULL or "" to unassign
 * @at: when, or %SITREP_TIME_NONE for now
 * @author: who assigns it
 * @comment: (nullable): why
 * @error: return location for a #GError
 *
 * Assigns, reassigns or unassigns an open incident to a team (functional
 * escalation); its clocks keep running. Assigning it to the team it has
 * changes nothing. Writes a team entry to the timeline.
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
sitrep_store_assign_team (SitrepStore  *self,
                          gint64        id,
                          const char   *team,
                          gint64        at,
                          const char   *author,
                          const char   *comment,
                          GError      **error)
{
  g_autofree char *name = dup_trimmed (team);
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *remark = dup_trimmed (comment);
  TeamWrite w = { id, at, NULL, remark, who };

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  w.text = is_blank (name) ? NULL : name;
  return _sitrep_store_run_write (self, apply_assign, &w, id,
                                  SITREP_CHANGE_OWNER | SITREP_CHANGE_TIMELINE, error);
}

static gboolean
apply_team_resolved (SitrepStore   *self,
                     gpointer       data,
                     SitrepChange  *changes,
                     GError       **error)
{
  TeamWrite *w = data;
  g_autoptr(SitrepIncident) incident = _sitrep_store_load_incident (self, w->id, error);
  g_autofree char *text = NULL;
  gint64 now = get_now (self);
  gint64 at = w->at;

  if (incident == NULL || !sitrep_lifecycle_check_team_resolved (incident, w->text, error))
    return FALSE;

  if (at == SITREP_TIME_NONE)
    at = now;

  if (!sitrep_lifecycle_check_not_future (at, now, error) ||
      !sitrep_lifecycle_check_not_before (at, sitrep_incident_get_team_assigned_at (incident),
                                          _("it was assigned to the team"), error))
    return FALSE;

  text = sitrep_lifecycle_describe_team_resolved (sitrep_incident_get_team (incident), w->text);
  sitrep_incident_set_team_resolved (incident, at, w->text);

  return _sitrep_store_insert_entry (self, w->id, at, now, w->author, SITREP_ENTRY_KIND_TEAM,
                                     SITREP_TAG_ACTION, text, "resolved", error) &&
         _sitrep_store_save_team (self, incident, error);
}

/**
 * sitrep_store_record_team_resolved:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @resolution: what the team did; required
 * @at: when, or %SITREP_TIME_NONE for now; not before the assignment
 * @author: who records it
 * @error: return location for a #GError
 *
 * Records that the team the incident is assigned to finished its work.
 * The incident's status does not change: its owner resolves (or
 * transfers) and closes it, confirming the team's resolution.
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
sitrep_store_record_team_resolved (SitrepStore  *self,
                                   gint64        id,
                                   const char   *resolution,
                                   gint64        at,
                                   const char   *author,
                                   GError      **error)
{
  g_autofree char *text = dup_trimmed (resolution);
  g_autofree char *who = dup_trimmed (author);
  TeamWrite w = { id, at, text, NULL, who };

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  return _sitrep_store_run_write (self, apply_team_resolved, &w, id,
                                  SITREP_CHANGE_OWNER | SITREP_CHANGE_TIMELINE, error);
}

/**
 * sitrep_store_list_teams:
 * @self: a #SitrepStore
 * @error: return location for a #GError
 *
 * The teams an incident can be assigned to: the roster's contacts of the
 * kind "team", then the usual teams Sitrep suggests
 * (sitrep_contact_get_default_teams()) that the roster does not name.
 *
 * Returns: (transfer full) (element-type utf8): the team names
 */
GPtrArray *
sitrep_store_list_teams (SitrepStore  *self,
                         GError      **error)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) teams = g_ptr_array_new_with_free_func (g_free);
  const char * const *defaults = sitrep_contact_get_default_teams ();

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  contacts = sitrep_store_list_contacts (self, error);
  if (contacts == NULL)
    return NULL;

  for (guint i = 0; i < contacts->len; i++)
    {
      SitrepContact *contact = g_ptr_array_index (contacts, i);
      const char *name = sitrep_contact_get_name (contact);

      if (sitrep_contact_get_role (contact) == SITREP_ROLE_TEAM && !is_blank (name) &&
          !g_ptr_array_find_with_equal_func (teams, name, g_str_equal, NULL))
        g_ptr_array_add (teams, g_strdup (name));
    }

  for (guint i = 0; defaults[i] != NULL; i++)
    {
      const char *name = gettext (defaults[i]);

      if (!g_ptr_array_find_with_equal_func (teams, name, g_str_equal, NULL))
        g_ptr_array_add (teams, g_strdup (name));
    }

  return g_steal_pointer (&teams);
}
