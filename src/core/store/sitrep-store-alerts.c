/* sitrep-store-alerts.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sitrep-enums.h"
#include "sitrep-sla.h"
#include "sitrep-store-private.h"
#include "sitrep-time.h"

/*
 * The scheduler's bookkeeping: when the next alert falls due, which
 * incidents have alerts due, which alerts were raised already, and when
 * the deadlines were last watched.
 *
 * An alert is news about the present: a deadline that fell due while
 * nobody watched the database (an imported history, a database opened for
 * the first time) is history, shown as breached but never raised. Such
 * alerts are "passed over": they get a row in the alerts table, so that
 * they are not raised later, and no timeline entry.
 */

static const char sql_insert_alert[] =
  "INSERT INTO alerts (incident_id, alert_key, due_at, raised_at) "
  "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (incident_id, alert_key) DO NOTHING";

/* The earliest alert moment: the first row of a partial index, whatever
 * statistics the planner has. */
static const char sql_next_alert[] =
  "SELECT next_alert_at FROM incidents INDEXED BY incidents_open_by_alert "
  "WHERE is_open = 1 AND next_alert_at IS NOT NULL ORDER BY next_alert_at LIMIT 1";

/* Inserts an alert row; *inserted is FALSE when it was already raised. */
static gboolean
insert_alert (SitrepStore  *self,
              gint64        incident_id,
              const char   *alert_key,
              gint64        due_at,
              gint64        raised_at,
              gboolean     *inserted,
              GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql_insert_alert, error);

  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, incident_id);
  sitrep_db_bind_text (stmt, 2, alert_key);
  sitrep_db_bind_time (stmt, 3, due_at);
  sitrep_db_bind_int64 (stmt, 4, raised_at);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (inserted != NULL)
    *inserted = sitrep_db_changes (self->db) > 0;
  return TRUE;
}

/* Alerts that an imported timeline says were raised, so that they are not
 * raised again. */
gboolean
_sitrep_store_insert_alerts_of_entries (SitrepStore  *self,
                                        gint64        incident_id,
                                        GPtrArray    *entries,
                                        guint         first,
                                        GArray       *moments,
                                        GError      **error)
{
  for (guint i = first; i < entries->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (entries, i);
      const char *key = sitrep_timeline_entry_get_detail (entry);
      gint64 due = sitrep_timeline_entry_get_occurred_at (entry);

      if (sitrep_timeline_entry_get_kind (entry) != SITREP_ENTRY_KIND_ALERT || is_blank (key))
        continue;

      for (guint j = 0; moments != NULL && j < moments->len; j++)
        if (g_str_equal (g_array_index (moments, SitrepAlertMoment, j).key, key))
          due = g_array_index (moments, SitrepAlertMoment, j).at;

      if (!insert_alert (self, incident_id, key, due,
                         sitrep_timeline_entry_get_occurred_at (entry), NULL, error))
        return FALSE;
    }

  return TRUE;
}

/* Passes over every alert moment of @incident (stored, with its id) due
 * at or before @until that was not raised; within the caller's
 * transaction. */
gboolean
_sitrep_store_pass_over_past_alerts (SitrepStore     *self,
                                     SitrepIncident  *incident,
                                     gint64           until,
                                     GError         **error)
{
  gint64 id = sitrep_incident_get_id (incident);
  g_autoptr(GHashTable) raised = _sitrep_store_load_raised (self, id, error);
  g_autoptr(GArray) moments = NULL;
  gboolean any = FALSE;

  if (raised == NULL)
    return FALSE;

  moments = sitrep_sla_list_alert_moments (incident, current_policy (self));
  for (guint i = 0; i < moments->len; i++)
    {
      const SitrepAlertMoment *moment = &g_array_index (moments, SitrepAlertMoment, i);

      if (moment->at == SITREP_TIME_NONE || moment->at > until ||
          g_hash_table_contains (raised, moment->key))
        continue;

      if (!insert_alert (self, id, moment->key, moment->at, until, NULL, error))
        return FALSE;
      any = TRUE;
    }

  return !any || _sitrep_store_update_computed (self, incident, error);
}

/* The alert moments of @incident due at or before @until that are not in
 * @raised, which gains their keys (borrowed from the returned array); for
 * an incident about to be stored, with
 * _sitrep_store_insert_passed_over() once it has its row. */
GArray *
_sitrep_store_take_past_alerts (SitrepIncident  *incident,
                                SitrepPolicy    *policy,
                                GHashTable      *raised,
                                gint64           until)
{
  g_autoptr(GArray) moments = sitrep_sla_list_alert_moments (incident, policy);
  GArray *past = g_array_new (FALSE, FALSE, sizeof (SitrepAlertMoment));

  for (guint i = 0; i < moments->len; i++)
    {
      const SitrepAlertMoment *moment = &g_array_index (moments, SitrepAlertMoment, i);

      if (moment->at != SITREP_TIME_NONE && moment->at <= until &&
          !g_hash_table_contains (raised, moment->key))
        g_array_append_val (past, *moment);
    }

  /* Only now that the array no longer grows may the set borrow its keys. */
  for (guint i = 0; i < past->len; i++)
    g_hash_table_add (raised, g_array_index (past, SitrepAlertMoment, i).key);

  return past;
}

/* Stores @past (from _sitrep_store_take_past_alerts()) as passed over. */
gboolean
_sitrep_store_insert_passed_over (SitrepStore  *self,
                                  gint64        incident_id,
                                  GArray       *past,
                                  gint64        until,
                                  GError      **error)
{
  for (guint i = 0; i < past->len; i++)
    {
      const SitrepAlertMoment *moment = &g_array_index (past, SitrepAlertMoment, i);

      if (!insert_alert (self, incident_id, moment->key, moment->at, until, NULL, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_store_get_next_alert_at:
 * @self: a #SitrepStore
 *
 * Returns: the earliest moment at which an open incident calls for an
 *   alert not yet raised (possibly past), or %SITREP_TIME_NONE
 */
gint64
sitrep_store_get_next_alert_at (SitrepStore *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SITREP_IS_STORE (self), SITREP_TIME_NONE);

  {
    g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql_next_alert, &error);
    int rc;

    if (stmt == NULL)
      {
        g_warning ("%s", error->message);
        return SITREP_TIME_NONE;
      }

    rc = sitrep_db_step (stmt);
    if (rc == SITREP_DB_ROW)
      return sitrep_db_column_int64 (stmt, 0);
    if (rc != SITREP_DB_DONE)
      {
        set_db_error (self, rc, &error);
        g_warning ("%s", error->message);
      }
  }

  return SITREP_TIME_NONE;
}

/**
 * sitrep_store_list_alerting_ids:
 * @self: a #SitrepStore
 * @now: the moment to look at
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type gint64): the open incidents with
 *   an alert due at or before @now that has not been raised, earliest first
 */
GArray *
sitrep_store_list_alerting_ids (SitrepStore  *self,
                                gint64        now,
                                GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = NULL;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  stmt = get_stmt (self,
                   "SELECT id FROM incidents WHERE is_open = 1 AND next_alert_at <= ?1 "
                   "ORDER BY next_alert_at, id",
                   error);
  if (stmt == NULL)
    return NULL;

  sitrep_db_bind_int64 (stmt, 1, now);

  return _sitrep_store_collect_ids (self, stmt, 0, error);
}

/**
 * sitrep_store_list_raised_alerts:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type utf8 utf8): the set of alert keys
 *   already raised for the incident (each key maps to itself)
 */
GHashTable *
sitrep_store_list_raised_alerts (SitrepStore  *self,
                                 gint64        id,
                                 GError      **error)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  return _sitrep_store_load_raised (self, id, error);
}

/* Writes @records; @changed receives the ids (gint64) of the incidents
 * that got a new alert, each once. */
static gboolean
apply_record_alerts (SitrepStore             *self,
                     const SitrepAlertRecord *records,
                     guint                    n_records,
                     GArray                  *changed,
                     GError                 **error)
{
  /* row id → incident read for this batch, and the ids among them whose
   * computed columns must move on */
  g_autoptr(GHashTable) incidents = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                           g_free, g_object_unref);
  g_autoptr(GHashTable) dirty = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 now = get_now (self);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < n_records; i++)
    {
      const SitrepAlertRecord *record = &records[i];
      gint64 due_at = record->due_at != SITREP_TIME_NONE ? record->due_at : now;
      gpointer id_key = NULL;
      gboolean inserted = FALSE;

      if (!g_hash_table_lookup_extended (incidents, &record->id, &id_key, NULL))
        {
          SitrepIncident *incident = _sitrep_store_load_incident (self, record->id, error);

          if (incident == NULL)
            return FALSE;

          id_key = g_memdup2 (&record->id, sizeof record->id);
          g_hash_table_insert (incidents, id_key, incident);
        }

      if (is_blank (record->alert_key))
        {
          g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                               _("An alert needs a key"));
          return FALSE;
        }

      if (!insert_alert (self, record->id, record->alert_key, record->due_at, now,
                         &inserted, error))
        return FALSE;

      if (!inserted)
        continue;

      if (!_sitrep_store_insert_entry (self, record->id, due_at, now, SYSTEM_AUTHOR,
                                       SITREP_ENTRY_KIND_ALERT, SITREP_TAG_NONE,
                                       !is_blank (record->text) ? record->text : record->alert_key,
                                       record->alert_key, error))
        return FALSE;

      if (g_hash_table_add (dirty, id_key))
        g_array_append_val (changed, record->id);
    }

  g_hash_table_iter_init (&iter, dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!_sitrep_store_update_computed (self, g_hash_table_lookup (incidents, key), error))
      return FALSE;

  return TRUE;
}

/* Commits when @ok and announces what changed: one incident, or many at
 * once with a single "changed" (a catch-up may touch thousands). */
static gboolean
finish_alerts (SitrepStore  *self,
               gboolean      ok,
               GArray       *changed,
               GError      **error)
{
  if (!_sitrep_store_finish_write (self, ok, 0, 0, error))
    return FALSE;

  if (changed->len == 1)
    _sitrep_store_emit_incident_changed (self, g_array_index (changed, gint64, 0),
                                         SITREP_CHANGE_TIMELINE | SITREP_CHANGE_DEADLINES);
  else if (changed->len > 1)
    _sitrep_store_emit_changed (self);

  return TRUE;
}

static gboolean
record_alerts (SitrepStore             *self,
               const SitrepAlertRecord *records,
               guint                    n_records,
               GError                 **error)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean ok;

  /* Alert bookkeeping belongs to the desktop that raised the alert, not to
   * the user's edits: it is written in the viewing role too. */
  if (!_sitrep_store_check_not_reader (self, error) || !_sitrep_store_check_no_import (self,
                                                                                       error) ||
      !begin_immediate (self, error))
    return FALSE;

  ok = apply_record_alerts (self, records, n_records, changed, error);
  return finish_alerts (self, ok, changed, error);
}

/**
 * sitrep_store_record_alert:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @alert_key: the alert moment's key ("response-warning", …)
 * @due_at: the moment it fell due
 * @text: (nullable): what the alert said, for the timeline
 * @error: return location for a #GError
 *
 * Remembers that an alert was raised, so that it is not raised again, and
 * notes it in the timeline (an alert entry whose detail is @alert_key);
 * the incident's next alert moment moves on. Recording an alert twice
 * changes nothing. Unlike the user's edits, this works in the viewing role
 * (sitrep_store_set_read_only()): it is the bookkeeping of the alerts this
 * desktop raised.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_store_record_alert (SitrepStore  *self,
                           gint64        id,
                           const char   *alert_key,
                           gint64        due_at,
                           const char   *text,
                           GError      **error)
{
  SitrepAlertRecord record = { id, alert_key, due_at, text };

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  return record_alerts (self, &record, 1, error);
}

/**
 * sitrep_store_record_alerts:
 * @self: a #SitrepStore
 * @records: (array length=n_records): the alerts raised
 * @n_records: how many
 * @error: return location for a #GError
 *
 * Records many alerts as sitrep_store_record_alert() records one, but in
 * a single transaction: each alert row, its timeline entry and the next
 * alert moment of each incident concerned. Alerts already recorded are
 * passed over. On error nothing is written. Afterwards one signal tells
 * what changed: #SitrepStore::incident-changed when the new alerts all
 * belong to one incident, #SitrepStore::changed when they belong to
 * several, none when every alert was recorded already.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_store_record_alerts (SitrepStore             *self,
                            const SitrepAlertRecord *records,
                            guint                    n_records,
                            GError                 **error)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL || n_records == 0, FALSE);

  if (n_records == 0)
    return TRUE;

  return record_alerts (self, records, n_records, error);
}

/**
 * sitrep_store_pass_over_alerts:
 * @self: a #SitrepStore
 * @records: (array length=n_records): the alerts to pass over (their
 *   text is not used)
 * @n_records: how many
 * @error: return location for a #GError
 *
 * Marks alerts that fell due before the deadlines were watched as never
 * to be raised: like sitrep_store_record_alerts(), in one transaction and
 * in the viewing role too, but with no timeline entry, since nobody was
 * alerted. The incidents' next alert moments move on. No signal is
 * emitted: nothing a view shows has changed.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_store_pass_over_alerts (SitrepStore             *self,
                               const SitrepAlertRecord *records,
                               guint                    n_records,
                               GError                 **error)
{
  /* row id → incident, and the ids among them with a new row */
  g_autoptr(GHashTable) incidents = NULL;
  g_autoptr(GHashTable) dirty = NULL;
  gint64 now;
  gboolean ok = TRUE;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL || n_records == 0, FALSE);

  if (n_records == 0)
    return TRUE;

  if (!_sitrep_store_check_not_reader (self, error) ||
      !_sitrep_store_check_no_import (self, error) ||
      !begin_immediate (self, error))
    return FALSE;

  now = get_now (self);
  incidents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  dirty = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; ok && i < n_records; i++)
    {
      const SitrepAlertRecord *record = &records[i];
      gpointer id_key = NULL;
      gboolean inserted = FALSE;

      if (is_blank (record->alert_key))
        {
          g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                               _("An alert needs a key"));
          ok = FALSE;
          break;
        }

      /* Read first: an unknown incident is named as such. */
      if (!g_hash_table_lookup_extended (incidents, &record->id, &id_key, NULL))
        {
          SitrepIncident *incident = _sitrep_store_load_incident (self, record->id, error);

          if (incident == NULL)
            {
              ok = FALSE;
              break;
            }

          id_key = g_memdup2 (&record->id, sizeof record->id);
          g_hash_table_insert (incidents, id_key, incident);
        }

      ok = insert_alert (self, record->id, record->alert_key, record->due_at, now,
                         &inserted, error);
      if (ok && inserted)
        g_hash_table_add (dirty, id_key);
    }

  g_hash_table_iter_init (&iter, dirty);
  while (ok && g_hash_table_iter_next (&iter, &key, NULL))
    ok = _sitrep_store_update_computed (self, g_hash_table_lookup (incidents, key), error);

  return _sitrep_store_finish_write (self, ok, 0, 0, error);
}

/**
 * sitrep_store_get_last_watched_at:
 * @self: a #SitrepStore
 * @error: return location for a #GError
 *
 * Returns: when the deadline watch last ran on this database, as
 *   sitrep_store_set_last_watched_at() recorded it, or %SITREP_TIME_NONE
 *   when it never ran (then @error is set if it could not be read)
 */
gint64
sitrep_store_get_last_watched_at (SitrepStore  *self,
                                  GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SITREP_IS_STORE (self), SITREP_TIME_NONE);

  stmt = get_stmt (self, "SELECT last_watched_at FROM watch_state WHERE id = 1", error);
  if (stmt == NULL)
    return SITREP_TIME_NONE;

  rc = sitrep_db_step (stmt);
  if (rc == SITREP_DB_ROW)
    return sitrep_db_column_is_null (stmt, 0) ? SITREP_TIME_NONE
                                                        : sitrep_db_column_int64 (stmt, 0);
  if (rc != SITREP_DB_DONE)
    set_db_error (self, rc, error);

  return SITREP_TIME_NONE;
}

/**
 * sitrep_store_set_last_watched_at:
 * @self: a #SitrepStore
 * @at: the moment up to which every alert due was raised or passed over
 * @error: return location for a #GError
 *
 * Records when the deadline watch last ran, so that on the next start
 * alerts are raised only for what fell due since. One small write; it
 * works in the viewing role too and emits no signal.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_store_set_last_watched_at (SitrepStore  *self,
                                  gint64        at,
                                  GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = NULL;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);
  g_return_val_if_fail (sitrep_time_is_valid (at), FALSE);

  if (!_sitrep_store_check_not_reader (self, error) ||
      !_sitrep_store_check_no_import (self, error))
    return FALSE;

  stmt = get_stmt (self,
                   "INSERT INTO watch_state (id, last_watched_at) VALUES (1, ?1) "
                   "ON CONFLICT (id) DO UPDATE SET last_watched_at = excluded.last_watched_at",
                   error);
  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, at);
  return step_done (self, stmt, error);
}
