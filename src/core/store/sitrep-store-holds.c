/* sitrep-store-holds.c
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
 * Holds: the spans during which an incident waited for someone outside
 * (the customer, a vendor). Each is a row of the "holds" table with the
 * clocks it paused, taken from the policy when it began, so that a later
 * change of the policy does not rewrite what happened. The SLA engine
 * (sitrep-sla.c) moves the due moments by them; here they are stored,
 * loaded with their incident, and ended when it leaves the open states.
 */

static const char sql_select_holds[] =
  "SELECT id, started_at, ended_at, reason, author, pauses FROM holds "
  "WHERE incident_id = ?1 ORDER BY started_at, id";

static const char sql_insert_hold[] =
  "INSERT INTO holds (incident_id, started_at, ended_at, reason, author, pauses) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";

static const char sql_end_hold[] =
  "UPDATE holds SET ended_at = ?2 WHERE id = ?1";

static const char sql_update_imported_hold[] =
  "UPDATE holds SET ended_at = ?2, reason = ?3, author = ?4, pauses = ?5 WHERE id = ?1";

static gboolean
load_holds (SitrepStore     *self,
            SitrepIncident  *incident,
            GError         **error)
{
  g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql_select_holds, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sitrep_incident_clear_holds (incident);
  sitrep_db_bind_int64 (stmt, 1, sitrep_incident_get_id (incident));
  while ((rc = sitrep_db_step (stmt)) == SITREP_DB_ROW)
    {
      SitrepHold hold = {
        .id = sitrep_db_column_int64 (stmt, 0),
        .started_at = sitrep_db_column_int64 (stmt, 1),
        .ended_at = sitrep_db_column_int64 (stmt, 2),
        .reason = (char *) sitrep_db_column_text (stmt, 3),
        .author = (char *) sitrep_db_column_text (stmt, 4),
        .pauses = (guint) sitrep_db_column_int (stmt, 5),
      };

      sitrep_incident_add_hold (incident, &hold);
    }

  if (rc != SITREP_DB_DONE)
    {
      set_db_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Reads what an incident's row does not hold: its holds (its team is in
 * the row). Every incident the store hands out passes here. */
gboolean
_sitrep_store_load_workflow (SitrepStore     *self,
                             SitrepIncident  *incident,
                             GError         **error)
{
  return load_holds (self, incident, error);
}

static gboolean
insert_hold (SitrepStore       *self,
             gint64             incident_id,
             const SitrepHold  *hold,
             gint64            *id,
             GError           **error)
{
  g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql_insert_hold, error);
  gint64 row_id;

  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, incident_id);
  sitrep_db_bind_int64 (stmt, 2, hold->started_at);
  sitrep_db_bind_time (stmt, 3, hold->ended_at);
  sitrep_db_bind_text (stmt, 4, hold->reason);
  sitrep_db_bind_text (stmt, 5, hold->author);
  sitrep_db_bind_int (stmt, 6, (int) hold->pauses);
  if (!step_int64 (self, stmt, &row_id, error))
    return FALSE;

  if (id != NULL)
    *id = row_id;
  return TRUE;
}

static gboolean
end_hold_row (SitrepStore  *self,
              gint64        hold_id,
              gint64        ended_at,
              GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql_end_hold, error);

  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, hold_id);
  sitrep_db_bind_int64 (stmt, 2, ended_at);
  return step_done (self, stmt, error);
}

/* Ends the current hold of @incident at @at (not before it began), in
 * the object and in its row, and writes the release to the timeline. */
static gboolean
end_hold (SitrepStore     *self,
          SitrepIncident  *incident,
          gint64           at,
          gint64           now,
          const char      *author,
          GError         **error)
{
  const SitrepHold *hold = sitrep_incident_get_current_hold (incident);
  g_autofree char *text = NULL;
  gint64 hold_id;

  if (hold == NULL)
    return TRUE;

  at = MAX (at, hold->started_at);
  hold_id = hold->id;
  text = sitrep_lifecycle_describe_release (at - hold->started_at);
  sitrep_incident_end_hold (incident, at);

  return end_hold_row (self, hold_id, at, error) &&
         _sitrep_store_insert_entry (self, sitrep_incident_get_id (incident), at, now, author,
                                     SITREP_ENTRY_KIND_HOLD, SITREP_TAG_NONE, text, "released",
                                     error);
}

/* Called by a transition within its transaction, before the incident is
 * saved: an incident that stops being open is no longer on hold. */
gboolean
_sitrep_store_end_hold_for_transition (SitrepStore     *self,
                                       SitrepIncident  *incident,
                                       SitrepStatus     target,
                                       gint64           at,
                                       const char      *author,
                                       GError         **error)
{
  if (sitrep_status_is_open (target))
    return TRUE;

  return end_hold (self, incident, at, get_now (self), author, error);
}

/* The latest moment a hold of @incident ended: a new hold cannot begin
 * before it, so that holds never overlap. */
static gint64
get_last_hold_end (SitrepIncident *incident)
{
  guint n = sitrep_incident_get_n_holds (incident);

  if (n == 0)
    return SITREP_TIME_NONE;

  return sitrep_incident_get_hold (incident, n - 1)->ended_at;
}

/* the arguments of sitrep_store_put_on_hold(), for _sitrep_store_run_write() */
typedef struct
{
  gint64      id;
  gint64      at;
  const char *reason;
  const char *author;
} HoldWrite;

static gboolean
apply_hold (SitrepStore   *self,
            gpointer       data,
            SitrepChange  *changes,
            GError       **error)
{
  HoldWrite *w = data;
  g_autoptr(SitrepIncident) incident = _sitrep_store_load_incident (self, w->id, error);
  g_autofree char *text = NULL;
  SitrepHold hold = { 0 };
  gint64 now = get_now (self);
  gint64 at = w->at;

  if (incident == NULL || !sitrep_lifecycle_check_hold (incident, w->reason, error))
    return FALSE;

  if (at == SITREP_TIME_NONE)
    at = now;

  if (!sitrep_lifecycle_check_not_future (at, now, error) ||
      !sitrep_lifecycle_check_not_before (at, sitrep_incident_get_reported_at (incident),
                                          _("the incident was reported"), error) ||
      !sitrep_lifecycle_check_not_before (at, get_last_hold_end (incident),
                                          _("its previous hold ended"), error))
    return FALSE;

  hold.started_at = at;
  hold.ended_at = SITREP_TIME_NONE;
  hold.reason = (char *) w->reason;
  hold.author = (char *) w->author;
  hold.pauses = sitrep_policy_get_hold_pauses (current_policy (self));
  if (!insert_hold (self, w->id, &hold, &hold.id, error))
    return FALSE;
  sitrep_incident_add_hold (incident, &hold);

  text = sitrep_lifecycle_describe_hold (w->reason, hold.pauses);
  return _sitrep_store_insert_entry (self, w->id, at, now, w->author, SITREP_ENTRY_KIND_HOLD,
                                     SITREP_TAG_NONE, text, "held", error) &&
         _sitrep_store_save_incident (self, incident, error);
}

/**
 * sitrep_store_put_on_hold:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @at: when it was put on hold, or %SITREP_TIME_NONE for now; not before
 *   it was reported or its previous hold ended, nor in the future
 * @reason: why, e.g. "waiting for the vendor"; required
 * @author: who puts it on hold
 * @error: return location for a #GError
 *
 * Puts an open incident on hold: the clocks the policy says a hold pauses
 * (by default the resolution clock only) stand still until
 * sitrep_store_release_hold() or until the incident is resolved,
 * transferred or cancelled. Writes a hold entry to the timeline.
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
sitrep_store_put_on_hold (SitrepStore  *self,
                          gint64        id,
                          gint64        at,
                          const char   *reason,
                          const char   *author,
                          GError      **error)
{
  g_autofree char *why = dup_trimmed (reason);
  g_autofree char *who = dup_trimmed (author);
  HoldWrite w = { id, at, why, who };

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  return _sitrep_store_run_write (self, apply_hold, &w, id,
                                  SITREP_CHANGE_STATUS | SITREP_CHANGE_TIMELINE |
                                  SITREP_CHANGE_DEADLINES,
                                  error);
}

static gboolean
apply_release (SitrepStore   *self,
               gpointer       data,
               SitrepChange  *changes,
               GError       **error)
{
  HoldWrite *w = data;
  g_autoptr(SitrepIncident) incident = _sitrep_store_load_incident (self, w->id, error);
  gint64 now = get_now (self);
  gint64 at = w->at;

  if (incident == NULL || !sitrep_lifecycle_check_release (incident, error))
    return FALSE;

  if (at == SITREP_TIME_NONE)
    at = now;

  if (!sitrep_lifecycle_check_not_future (at, now, error) ||
      !sitrep_lifecycle_check_not_before (at,
                                          sitrep_incident_get_current_hold (incident)->started_at,
                                          _("it was put on hold"), error))
    return FALSE;

  return end_hold (self, incident, at, now, w->author, error) &&
         _sitrep_store_save_incident (self, incident, error);
}

/**
 * sitrep_store_release_hold:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @at: when the hold ended, or %SITREP_TIME_NONE for now; not before it
 *   began, nor in the future
 * @author: who releases it
 * @error: return location for a #GError
 *
 * Releases the incident's hold: its paused clocks run again, their due
 * moments later by exactly the time they stood still.
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
sitrep_store_release_hold (SitrepStore  *self,
                           gint64        id,
                           gint64        at,
                           const char   *author,
                           GError      **error)
{
  g_autofree char *who = dup_trimmed (author);
  HoldWrite w = { id, at, NULL, who };

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  return _sitrep_store_run_write (self, apply_release, &w, id,
                                  SITREP_CHANGE_STATUS | SITREP_CHANGE_TIMELINE |
                                  SITREP_CHANGE_DEADLINES,
                                  error);
}

/* Stores the holds and the team of an imported incident (whose row
 * exists): a hold the database has already (same start) takes the
 * document's end, reason and clocks; the others are added. Nothing is
 * deleted. */
gboolean
_sitrep_store_import_workflow (SitrepStore     *self,
                               SitrepIncident  *incident,
                               GError         **error)
{
  g_autoptr(SitrepIncident) stored = sitrep_incident_new ();
  gint64 id = sitrep_incident_get_id (incident);

  sitrep_incident_set_id (stored, id);
  if (!load_holds (self, stored, error))
    return FALSE;

  for (guint i = 0; i < sitrep_incident_get_n_holds (incident); i++)
    {
      const SitrepHold *hold = sitrep_incident_get_hold (incident, i);
      gint64 existing = 0;

      for (guint j = 0; j < sitrep_incident_get_n_holds (stored); j++)
        if (sitrep_incident_get_hold (stored, j)->started_at == hold->started_at)
          existing = sitrep_incident_get_hold (stored, j)->id;

      if (existing == 0)
        {
          if (!insert_hold (self, id, hold, NULL, error))
            return FALSE;
        }
      else
        {
          g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql_update_imported_hold, error);

          if (stmt == NULL)
            return FALSE;

          sitrep_db_bind_int64 (stmt, 1, existing);
          sitrep_db_bind_time (stmt, 2, hold->ended_at);
          sitrep_db_bind_text (stmt, 3, hold->reason);
          sitrep_db_bind_text (stmt, 4, hold->author);
          sitrep_db_bind_int (stmt, 5, (int) hold->pauses);
          if (!step_done (self, stmt, error))
            return FALSE;
        }
    }

  if (sitrep_incident_get_team (incident) == NULL)
    return TRUE;

  return _sitrep_store_save_team (self, incident, error);
}

/* The policy's choice of the clocks a hold pauses, kept beside the
 * warning share (see sitrep-store-policy.c), whose INSERT OR REPLACE has
 * just set the column to its default: only another choice is written
 * (the first schema, which writes the default policy, has no column). */
gboolean
_sitrep_store_write_hold_policy (SitrepStore   *self,
                                 SitrepPolicy  *policy,
                                 GError       **error)
{
  g_autoptr(SitrepDbStmt) stmt = NULL;

  if (sitrep_policy_get_hold_pauses (policy) == SITREP_DEFAULT_HOLD_PAUSES)
    return TRUE;

  stmt = get_stmt (self, "UPDATE policy_settings SET hold_pauses = ?1 WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int (stmt, 1, (int) sitrep_policy_get_hold_pauses (policy));
  return step_done (self, stmt, error);
}

gboolean
_sitrep_store_read_hold_policy (SitrepStore   *self,
                                SitrepPolicy  *policy,
                                GError       **error)
{
  g_autoptr(SitrepDbStmt) stmt =
    get_stmt (self, "SELECT hold_pauses FROM policy_settings WHERE id = 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sitrep_db_step (stmt);
  if (rc == SITREP_DB_ROW)
    sitrep_policy_set_hold_pauses (policy, (guint) sitrep_db_column_int (stmt, 0));
  else if (rc != SITREP_DB_DONE)
    {
      set_db_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}
