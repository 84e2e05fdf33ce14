/* sitrep-store-import.c
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
 * Bulk import: every call between sitrep_store_import_begin() and
 * sitrep_store_import_commit() is one transaction, and the full-text index
 * is filled once, at the commit.
 */

static gboolean
check_in_import (SitrepStore  *self,
                 GError      **error)
{
  if (!self->in_import)
    {
      g_set_error_literal (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                           _("No import is in progress"));
      return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_store_import_begin:
 * @self: a #SitrepStore
 * @error: return location for a #GError
 *
 * Starts an import: every import call until sitrep_store_import_commit()
 * is one transaction, and sitrep_store_import_rollback() undoes it all.
 * Other writes fail while an import is in progress.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_store_import_begin (SitrepStore  *self,
                           GError      **error)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  /* set outside the transaction, where it takes effect for its commit */
  if (!_sitrep_store_check_writable (self, error) ||
      (!_sitrep_store_set_syncing (self, FALSE) && !exec_sql (self, SYNC_BULK_PRAGMA, error)))
    return FALSE;

  if (!_sitrep_store_begin_write (self, error))
    {
      sitrep_store_set_durable (self, TRUE);
      return FALSE;
    }

  /* Full-text indexing row by row inside one long transaction is slow
   * (each statement flushes the index), so the import fills the index in
   * bulk on commit, one document per new incident; a _sitrep_store_rollback brings the
   * triggers back. */
  if (!query_int64 (self, "SELECT COALESCE (MAX(id), 0) FROM incidents",
                     &self->import_last_incident, error) ||
      /* a team database indexes each row as it comes, on the server */
      (!self->team && !exec_sql (self, _sitrep_store_sql_drop_fts_triggers, error)) ||
      !exec_sql (self, IMPORT_CACHE_SIZE_PRAGMA, error))
    {
      _sitrep_store_rollback (self);
      exec_sql (self, CACHE_SIZE_PRAGMA, NULL);
      sitrep_store_set_durable (self, TRUE);
      return FALSE;
    }

  self->in_import = TRUE;
  self->import_max_key = 0;
  g_clear_object (&self->import_policy);
  return TRUE;
}

/**
 * sitrep_store_import_policy:
 * @self: a #SitrepStore
 * @policy: the imported policy
 * @error: return location for a #GError
 *
 * Replaces the SLA policy; incidents imported after it are computed with
 * it, and every open incident is recomputed on commit.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_store_import_policy (SitrepStore   *self,
                            SitrepPolicy  *policy,
                            GError       **error)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SITREP_IS_POLICY (policy), FALSE);

  if (!check_in_import (self, error) || !_sitrep_store_check_policy (policy, error))
    return FALSE;

  if (!_sitrep_store_write_policy (self, policy, NULL, error))
    return FALSE;

  g_clear_object (&self->import_policy);
  self->import_policy = sitrep_policy_copy (policy);
  return TRUE;
}

/**
 * sitrep_store_import_contact:
 * @self: a #SitrepStore
 * @contact: an imported contact; one that is already in the roster with
 *   the same name, role, email and phone is not added again
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_store_import_contact (SitrepStore    *self,
                             SitrepContact  *contact,
                             GError        **error)
{
  const char *role;
  gint64 existing = 0;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SITREP_IS_CONTACT (contact), FALSE);

  if (!check_in_import (self, error))
    return FALSE;

  if (is_blank (sitrep_contact_get_name (contact)))
    {
      g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                           _("The contact needs a name"));
      return FALSE;
    }

  role = enum_nick (SITREP_TYPE_ROLE, sitrep_contact_get_role (contact));

  {
    g_autoptr(SitrepDbStmt) stmt =
      get_stmt (self,
                /* (SQLite's "IS" between values is not PostgreSQL's) */
                "SELECT id FROM contacts WHERE name = ?1 AND role = ?2 "
                "AND email IS NOT DISTINCT FROM ?3 AND phone IS NOT DISTINCT FROM ?4",
                error);

    if (stmt == NULL)
      return FALSE;

    sitrep_db_bind_text (stmt, 1, sitrep_contact_get_name (contact));
    sitrep_db_bind_text (stmt, 2, role);
    sitrep_db_bind_text (stmt, 3, sitrep_contact_get_email (contact));
    sitrep_db_bind_text (stmt, 4, sitrep_contact_get_phone (contact));
    if (!step_int64 (self, stmt, &existing, error))
      return FALSE;
  }

  if (existing == 0)
    {
      g_autoptr(SitrepDbStmt) stmt =
        get_stmt (self,
                  "INSERT INTO contacts (name, role, email, phone) VALUES (?1, ?2, ?3, ?4) "
                  "RETURNING id",
                  error);

      if (stmt == NULL)
        return FALSE;

      sitrep_db_bind_text (stmt, 1, sitrep_contact_get_name (contact));
      sitrep_db_bind_text (stmt, 2, role);
      sitrep_db_bind_text (stmt, 3, sitrep_contact_get_email (contact));
      sitrep_db_bind_text (stmt, 4, sitrep_contact_get_phone (contact));
      if (!step_int64 (self, stmt, &existing, error))
        return FALSE;
    }

  sitrep_contact_set_id (contact, existing);
  return TRUE;
}

static char *
entry_identity (SitrepTimelineEntry *entry)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%d\x1f%s",
                          sitrep_timeline_entry_get_occurred_at (entry),
                          (int) sitrep_timeline_entry_get_kind (entry),
                          sitrep_timeline_entry_get_text (entry) != NULL ?
                          sitrep_timeline_entry_get_text (entry) : "");
}

static char *
complaint_identity (SitrepComplaint *complaint)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s\x1f%s\x1f%s",
                          sitrep_complaint_get_received_at (complaint),
                          sitrep_complaint_get_ref (complaint) != NULL ?
                          sitrep_complaint_get_ref (complaint) : "",
                          sitrep_complaint_get_customer (complaint) != NULL ?
                          sitrep_complaint_get_customer (complaint) : "",
                          sitrep_complaint_get_summary (complaint) != NULL ?
                          sitrep_complaint_get_summary (complaint) : "");
}

/* Removes (@remove) or adds an incident's words in the full-text index,
 * as they are in the database now. */
static gboolean
update_incident_words (SitrepStore  *self,
                       gint64        id,
                       gboolean      remove,
                       GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = NULL;

  /* a team database's triggers index each row as it is written */
  if (self->team)
    return TRUE;

  stmt =
    get_stmt (self,
              remove ?
              "INSERT INTO incident_search (incident_search, rowid, " SITREP_SEARCH_COLUMNS
              ") SELECT 'delete', id, " SITREP_SEARCH_COLUMNS " FROM incident_text "
              "WHERE id = ?1" :
              "INSERT INTO incident_search (rowid, " SITREP_SEARCH_COLUMNS ") "
              "SELECT id, " SITREP_SEARCH_COLUMNS " FROM incident_text WHERE id = ?1",
              error);

  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, id);
  return step_done (self, stmt, error);
}

static gboolean
import_new_incident (SitrepStore     *self,
                     SitrepIncident  *incident,
                     gint64           key_num,
                     GPtrArray       *timeline,
                     GPtrArray       *complaints,
                     GError         **error)
{
  g_autoptr(GHashTable) raised = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GArray) moments = NULL;
  g_autoptr(GArray) past = NULL;
  gint64 now = get_now (self);
  Computed computed;
  gint64 id;

  for (guint i = 0; i < timeline->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (timeline, i);
      const char *key = sitrep_timeline_entry_get_detail (entry);

      if (sitrep_timeline_entry_get_kind (entry) == SITREP_ENTRY_KIND_ALERT && key != NULL)
        g_hash_table_add (raised, (gpointer) key);
    }

  _sitrep_store_derive_notices (incident, timeline);

  /* Deadlines already past are history: their alerts are passed over,
   * and the computed columns know it from the start. */
  past = _sitrep_store_take_past_alerts (incident, current_policy (self), raised, now);
  _sitrep_store_compute_columns (incident, current_policy (self), raised, &computed, &moments);

  if (!_sitrep_store_insert_incident (self, incident, key_num, &computed, &id, error))
    return FALSE;

  for (guint i = 0; i < timeline->len; i++)
    if (!_sitrep_store_insert_given_entry (self, id, g_ptr_array_index (timeline, i), ids, error))
      return FALSE;

  for (guint i = 0; i < complaints->len; i++)
    if (!_sitrep_store_insert_complaint (self, id, g_ptr_array_index (complaints, i), NULL, error))
      return FALSE;

  if (g_hash_table_size (raised) > past->len &&
      !_sitrep_store_insert_alerts_of_entries (self, id, timeline, 0, moments, error))
    return FALSE;

  if (!_sitrep_store_insert_passed_over (self, id, past, now, error))
    return FALSE;

  sitrep_incident_set_id (incident, id);
  return _sitrep_store_import_workflow (self, incident, error);
}

static gboolean
update_complaint_verdict (SitrepStore      *self,
                          gint64            complaint_id,
                          SitrepComplaint  *complaint,
                          GError          **error)
{
  g_autoptr(SitrepDbStmt) stmt =
    get_stmt (self,
              "UPDATE complaints SET verdict = ?2, verdict_reason = ?3, channel = ?4 "
              "WHERE id = ?1",
              error);

  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, complaint_id);
  sitrep_db_bind_text (stmt, 2, enum_nick (SITREP_TYPE_VERDICT,
                                           sitrep_complaint_get_verdict (complaint)));
  sitrep_db_bind_text (stmt, 3, sitrep_complaint_get_verdict_reason (complaint));
  sitrep_db_bind_text (stmt, 4, enum_nick (SITREP_TYPE_CHANNEL,
                                           sitrep_complaint_get_channel (complaint)));
  return step_done (self, stmt, error);
}

static gboolean
import_over_incident (SitrepStore     *self,
                      SitrepIncident  *incident,
                      gint64           id,
                      GPtrArray       *timeline,
                      GPtrArray       *complaints,
                      GError         **error)
{
  g_autoptr(GPtrArray) entries = _sitrep_store_load_entries (self, id, error);
  g_autoptr(GPtrArray) stored_complaints = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GArray) moments = NULL;
  /* Incidents from before the import are indexed already: their words
   * are replaced by hand while the triggers are away (the new ones are
   * indexed on commit). */
  gboolean indexed = id <= self->import_last_incident;
  guint first_new;

  if (entries == NULL)
    return FALSE;

  if (indexed && !update_incident_words (self, id, TRUE, error))
    return FALSE;

  stored_complaints = _sitrep_store_load_complaints (self, id, error);
  if (stored_complaints == NULL)
    return FALSE;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* identity → the stored entry, which a correction in the document may
   * point at */
  for (guint i = 0; i < entries->len; i++)
    g_hash_table_insert (seen, entry_identity (g_ptr_array_index (entries, i)),
                         g_ptr_array_index (entries, i));

  first_new = entries->len;
  for (guint i = 0; i < timeline->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (timeline, i);
      g_autofree char *identity = entry_identity (entry);
      SitrepTimelineEntry *stored = g_hash_table_lookup (seen, identity);

      if (stored != NULL)
        {
          if (sitrep_timeline_entry_get_id (entry) > 0)
            _sitrep_store_map_entry_id (ids, sitrep_timeline_entry_get_id (entry),
                                        sitrep_timeline_entry_get_id (stored));
          continue;
        }

      if (!_sitrep_store_insert_given_entry (self, id, entry, ids, error))
        return FALSE;
      g_ptr_array_add (entries, g_object_ref (entry));
    }

  /* identity → the stored complaint */
  g_hash_table_remove_all (seen);
  for (guint i = 0; i < stored_complaints->len; i++)
    {
      SitrepComplaint *stored = g_ptr_array_index (stored_complaints, i);

      g_hash_table_insert (seen, complaint_identity (stored), stored);
    }

  /* a complaint stored already takes the document's verdict and channel */
  for (guint i = 0; i < complaints->len; i++)
    {
      SitrepComplaint *complaint = g_ptr_array_index (complaints, i);
      g_autofree char *identity = complaint_identity (complaint);
      SitrepComplaint *stored = g_hash_table_lookup (seen, identity);

      if (stored == NULL)
        {
          if (!_sitrep_store_insert_complaint (self, id, complaint, NULL, error))
            return FALSE;
        }
      else if (!update_complaint_verdict (self, sitrep_complaint_get_id (stored), complaint,
                                          error))
        {
          return FALSE;
        }
    }

  sitrep_incident_set_id (incident, id);
  _sitrep_store_derive_notices (incident, entries);

  moments = sitrep_sla_list_alert_moments (incident, current_policy (self));
  if (!_sitrep_store_insert_alerts_of_entries (self, id, entries, first_new, moments, error))
    return FALSE;

  /* An incident replaced may have gained deadlines already past
   * (a level raised, say): history too, never alerted. */
  return _sitrep_store_save_incident (self, incident, error) &&
         _sitrep_store_import_workflow (self, incident, error) &&
         _sitrep_store_pass_over_past_alerts (self, incident, get_now (self), error) &&
         (!indexed || update_incident_words (self, id, FALSE, error));
}

/**
 * sitrep_store_import_incident:
 * @self: a #SitrepStore
 * @incident: the incident with its key (INC-<n>), status and times
 * @timeline: (element-type SitrepTimelineEntry): its timeline, stored
 *   exactly as given
 * @complaints: (element-type SitrepComplaint): its complaints
 * @replace: what to do when the key exists: %FALSE leaves the stored
 *   incident as it is; %TRUE overwrites its fields and appends the entries
 *   and complaints it does not have yet (nothing is deleted)
 * @skipped: (out) (optional): set to %TRUE when the key existed and
 *   @replace was %FALSE
 * @error: return location for a #GError
 *
 * Imports one incident within sitrep_store_import_begin() and _commit().
 * No timeline entry is added, so that an export imported into an empty
 * database exports the same. The notice times are derived from the
 * timeline's notice entries, and its alert entries count as raised alerts.
 * Alerts that fell due before the import and were not raised are passed
 * over (see sitrep_store_pass_over_alerts()): an imported history never
 * raises alerts for its past. On success @incident gets its id.
 *
 * Returns: %TRUE on success (also when skipped)
 */
gboolean
sitrep_store_import_incident (SitrepStore     *self,
                              SitrepIncident  *incident,
                              GPtrArray       *timeline,
                              GPtrArray       *complaints,
                              gboolean         replace,
                              gboolean        *skipped,
                              GError         **error)
{
  g_autoptr(GPtrArray) no_entries = NULL;
  g_autoptr(GPtrArray) no_complaints = NULL;
  const char *key;
  gint64 key_num;
  gint64 existing = 0;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), FALSE);

  if (skipped != NULL)
    *skipped = FALSE;

  if (!check_in_import (self, error))
    return FALSE;

  if (timeline == NULL)
    timeline = no_entries = g_ptr_array_new ();
  if (complaints == NULL)
    complaints = no_complaints = g_ptr_array_new ();

  key = sitrep_incident_get_key (incident);
  if (!_sitrep_store_parse_key (key, &key_num))
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                   _("“%s” is not an incident key such as INC-7"), key != NULL ? key : "");
      return FALSE;
    }

  if (is_blank (sitrep_incident_get_title (incident)) ||
      is_blank (sitrep_incident_get_service (incident)))
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                   _("%s needs a title and a service"), key);
      return FALSE;
    }

  if (!sitrep_lifecycle_check_level (sitrep_incident_get_level (incident), error))
    return FALSE;

  if (sitrep_incident_get_reported_at (incident) == SITREP_TIME_NONE)
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TIME,
                   _("%s has no report time"), key);
      return FALSE;
    }

  if (sitrep_incident_get_occurred_at (incident) == SITREP_TIME_NONE)
    sitrep_incident_set_occurred_at (incident, sitrep_incident_get_reported_at (incident));

  if (!_sitrep_store_find_key (self, key_num, &existing, error))
    return FALSE;

  self->import_max_key = MAX (self->import_max_key, key_num);

  if (existing != 0 && !replace)
    {
      if (skipped != NULL)
        *skipped = TRUE;
      return TRUE;
    }

  if (existing != 0)
    return import_over_incident (self, incident, existing, timeline, complaints, error);

  return import_new_incident (self, incident, key_num, timeline, complaints, error);
}

/* Refreshes the planner's statistics before the full-text fill reads the
 * imported rows. Statistics taken while the database was small (PRAGMA
 * optimize analyzes tables when a store closes) say the timeline holds a
 * few rows, and the planner then scans all of it for each imported
 * incident's text: 5,000 incidents into a database of one took 30 times
 * as long as into an empty one. Without statistics the planner assumes
 * large tables and uses the timeline's index, so a small import into a
 * database never analyzed is left so. Sampled from at most
 * analysis_limit rows per index: a few milliseconds, even on a million
 * incidents. */
static gboolean
analyze_import (SitrepStore  *self,
                GError      **error)
{
  gint64 last_incident = 0;
  gint64 analyzed = 0;

  if (!query_int64 (self, "SELECT COALESCE (MAX(id), 0) FROM incidents", &last_incident, error) ||
      !query_int64 (self, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'",
                    &analyzed, error))
    return FALSE;

  if (last_incident == self->import_last_incident ||
      (analyzed == 0 && last_incident - self->import_last_incident < ANALYZE_AFTER_IMPORT))
    return TRUE;

  return exec_sql (self, "ANALYZE", error);
}

/**
 * sitrep_store_import_commit:
 * @self: a #SitrepStore
 * @error: return location for a #GError
 *
 * Commits the import and emits #SitrepStore::changed. On error the whole
 * import is rolled back.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_store_import_commit (SitrepStore  *self,
                            GError      **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (!check_in_import (self, error))
    return FALSE;

  if (self->import_max_key > 0)
    {
      g_autoptr(SitrepDbStmt) stmt =
        get_stmt (self,
                  "UPDATE key_sequence SET last_key = CASE WHEN last_key > ?1 THEN last_key "
                  "ELSE ?1 END WHERE id = 1",
                  error);

      ok = stmt != NULL;
      if (ok)
        {
          sitrep_db_bind_int64 (stmt, 1, self->import_max_key);
          ok = step_done (self, stmt, error);
        }
    }

  if (ok && self->import_policy != NULL)
    ok = _sitrep_store_recompute_open_incidents (self, error);

  ok = ok && (self->team || analyze_import (self, error));

  if (ok && !self->team)
    {
      g_autoptr(SitrepDbStmt) stmt =
        get_stmt (self,
                  "INSERT INTO incident_search (rowid, " SITREP_SEARCH_COLUMNS ") "
                  "SELECT id, " SITREP_SEARCH_COLUMNS " FROM incident_text WHERE id > ?1",
                  error);

      ok = stmt != NULL;
      if (ok)
        {
          sitrep_db_bind_int64 (stmt, 1, self->import_last_incident);
          ok = step_done (self, stmt, error);
        }
    }

  ok = ok && _sitrep_store_settle_search_statistics (self, error);
  ok = ok && (self->team || exec_sql (self, _sitrep_store_sql_create_fts_triggers, error));
  /* every desk reads everything again */
  ok = ok && _sitrep_store_team_notify (self, 0, 0, error);
  ok = ok && exec_sql (self, "COMMIT", error);
  if (!ok)
    {
      sitrep_store_import_rollback (self);
      return FALSE;
    }

  exec_sql (self, CACHE_SIZE_PRAGMA, NULL);
  sitrep_store_set_durable (self, TRUE);

  if (self->import_policy != NULL)
    g_set_object (&self->policy, self->import_policy);
  g_clear_object (&self->import_policy);
  self->in_import = FALSE;

  _sitrep_store_emit_changed (self);
  return TRUE;
}

/**
 * sitrep_store_import_rollback:
 * @self: a #SitrepStore
 *
 * Undoes everything imported since sitrep_store_import_begin().
 */
void
sitrep_store_import_rollback (SitrepStore *self)
{
  g_return_if_fail (SITREP_IS_STORE (self));

  if (!self->in_import)
    return;

  _sitrep_store_rollback (self);
  exec_sql (self, CACHE_SIZE_PRAGMA, NULL);
  sitrep_store_set_durable (self, TRUE);
  g_clear_object (&self->import_policy);
  self->in_import = FALSE;
}
