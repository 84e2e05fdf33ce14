/* sitrep-store-rows.c
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
 * Rows that every write shares: an incident's row with the columns the
 * ticket list sorts and filters on (next_due, next_warn_at, next_alert_at,
 * is_open), computed here with the SLA engine in the same transaction as
 * the write that changes them; timeline entries and complaints.
 */

static const char sql_select_open_incidents[] =
  "SELECT " INCIDENT_COLUMNS " FROM incidents WHERE is_open = 1";

static const char sql_insert_incident[] =
  "INSERT INTO incidents (key_num, title, service, level, status, reporter_name, "
  "reporter_contact, reporter_channel, symptoms, details, occurred_at, reported_at, "
  "acknowledged_at, recovered_at, resolved_at, transferred_at, transferred_to, closed_at, "
  "cancelled_at, owner, cause_category, root_cause, resolution, initial_notice_at, "
  "progress_notice_at, progress_notice_count, rectification_notice_at, "
  "escalation_notice_at, is_open, next_due, next_warn_at, next_alert_at, impact, "
  "affected_count, corrective_actions, lessons_learned) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
  "?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, "
  "?33, ?34, ?35, ?36) RETURNING id";

static const char sql_update_incident[] =
  "UPDATE incidents SET title = ?2, service = ?3, level = ?4, status = ?5, "
  "reporter_name = ?6, reporter_contact = ?7, reporter_channel = ?8, symptoms = ?9, "
  "details = ?10, occurred_at = ?11, reported_at = ?12, acknowledged_at = ?13, "
  "recovered_at = ?14, resolved_at = ?15, transferred_at = ?16, transferred_to = ?17, "
  "closed_at = ?18, cancelled_at = ?19, owner = ?20, cause_category = ?21, "
  "root_cause = ?22, resolution = ?23, initial_notice_at = ?24, "
  "progress_notice_at = ?25, progress_notice_count = ?26, "
  "rectification_notice_at = ?27, escalation_notice_at = ?28, is_open = ?29, "
  "next_due = ?30, next_warn_at = ?31, next_alert_at = ?32, impact = ?33, "
  "affected_count = ?34, corrective_actions = ?35, lessons_learned = ?36, "
  "version = version + 1 WHERE id = ?1";

static const char sql_update_computed[] =
  "UPDATE incidents SET next_due = ?2, next_warn_at = ?3, next_alert_at = ?4 "
  "WHERE id = ?1";

static const char sql_insert_entry[] =
  "INSERT INTO timeline (incident_id, occurred_at, recorded_at, author, kind, tag, "
  "text, detail, corrects) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id";

static const char sql_insert_complaint[] =
  "INSERT INTO complaints (incident_id, ref, customer, received_at, summary, verdict, "
  "verdict_reason, channel) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id";

/* Binds ?2 … ?36 of sql_insert_incident and sql_update_incident. */
static void
bind_incident (SitrepDbStmt   *stmt,
               SitrepIncident *incident,
               const Computed *computed)
{
  SitrepStatus status = sitrep_incident_get_status (incident);
  SitrepCause cause = sitrep_incident_get_cause_category (incident);

  sitrep_db_bind_text (stmt, 2, sitrep_incident_get_title (incident));
  sitrep_db_bind_text (stmt, 3, sitrep_incident_get_service (incident));
  sitrep_db_bind_int (stmt, 4, sitrep_incident_get_level (incident));
  sitrep_db_bind_text (stmt, 5, enum_nick (SITREP_TYPE_STATUS, status));
  sitrep_db_bind_text (stmt, 6, sitrep_incident_get_reporter_name (incident));
  sitrep_db_bind_text (stmt, 7, sitrep_incident_get_reporter_contact (incident));
  sitrep_db_bind_text (stmt, 8, enum_nick (SITREP_TYPE_CHANNEL,
                                           sitrep_incident_get_reporter_channel (incident)));
  sitrep_db_bind_text (stmt, 9, sitrep_incident_get_symptoms (incident));
  sitrep_db_bind_text (stmt, 10, sitrep_incident_get_details (incident));
  sitrep_db_bind_int64 (stmt, 11, sitrep_incident_get_occurred_at (incident));
  sitrep_db_bind_int64 (stmt, 12, sitrep_incident_get_reported_at (incident));
  sitrep_db_bind_time (stmt, 13, sitrep_incident_get_acknowledged_at (incident));
  sitrep_db_bind_time (stmt, 14, sitrep_incident_get_recovered_at (incident));
  sitrep_db_bind_time (stmt, 15, sitrep_incident_get_resolved_at (incident));
  sitrep_db_bind_time (stmt, 16, sitrep_incident_get_transferred_at (incident));
  sitrep_db_bind_text (stmt, 17, sitrep_incident_get_transferred_to (incident));
  sitrep_db_bind_time (stmt, 18, sitrep_incident_get_closed_at (incident));
  sitrep_db_bind_time (stmt, 19, sitrep_incident_get_cancelled_at (incident));
  sitrep_db_bind_text (stmt, 20, sitrep_incident_get_owner (incident));
  sitrep_db_bind_text (stmt, 21,
                       cause != SITREP_CAUSE_NONE ? enum_nick (SITREP_TYPE_CAUSE, cause) : NULL);
  sitrep_db_bind_text (stmt, 22, sitrep_incident_get_root_cause (incident));
  sitrep_db_bind_text (stmt, 23, sitrep_incident_get_resolution (incident));
  sitrep_db_bind_time (stmt, 24, sitrep_incident_get_initial_notice_at (incident));
  sitrep_db_bind_time (stmt, 25, sitrep_incident_get_progress_notice_at (incident));
  sitrep_db_bind_int (stmt, 26, sitrep_incident_get_progress_notice_count (incident));
  sitrep_db_bind_time (stmt, 27, sitrep_incident_get_rectification_notice_at (incident));
  sitrep_db_bind_time (stmt, 28, sitrep_incident_get_escalation_notice_at (incident));
  sitrep_db_bind_int (stmt, 29, sitrep_status_is_open (status) ? 1 : 0);
  sitrep_db_bind_time (stmt, 30, computed->next_due);
  sitrep_db_bind_time (stmt, 31, computed->next_warn_at);
  sitrep_db_bind_time (stmt, 32, computed->next_alert_at);
  sitrep_db_bind_text (stmt, 33, sitrep_incident_get_impact (incident));
  if (sitrep_incident_get_affected_count (incident) >= 0)
    sitrep_db_bind_int64 (stmt, 34, sitrep_incident_get_affected_count (incident));
  else
    sitrep_db_bind_null (stmt, 34);
  sitrep_db_bind_text (stmt, 35, sitrep_incident_get_corrective_actions (incident));
  sitrep_db_bind_text (stmt, 36, sitrep_incident_get_lessons_learned (incident));
}

/* @raised: (nullable): the alert keys already raised. Returns the alert
 * moments in @moments when it is not NULL. */
void
_sitrep_store_compute_columns (SitrepIncident  *incident,
                               SitrepPolicy    *policy,
                               GHashTable      *raised,
                               Computed        *computed,
                               GArray         **moments_out)
{
  g_autoptr(GArray) moments = sitrep_sla_list_alert_moments (incident, policy);

  computed->next_due = sitrep_sla_get_next_due (incident, policy);
  computed->next_warn_at = sitrep_sla_get_next_warn_at (incident, policy);
  computed->next_alert_at = SITREP_TIME_NONE;

  for (guint i = 0; i < moments->len; i++)
    {
      const SitrepAlertMoment *moment = &g_array_index (moments, SitrepAlertMoment, i);

      if (raised != NULL && g_hash_table_contains (raised, moment->key))
        continue;

      if (computed->next_alert_at == SITREP_TIME_NONE || moment->at < computed->next_alert_at)
        computed->next_alert_at = moment->at;
    }

  if (moments_out != NULL)
    *moments_out = g_steal_pointer (&moments);
}

/* Writes every field of an existing incident and its computed columns. */
gboolean
_sitrep_store_save_incident (SitrepStore     *self,
                             SitrepIncident  *incident,
                             GError         **error)
{
  gint64 id = sitrep_incident_get_id (incident);
  g_autoptr(GHashTable) raised = _sitrep_store_load_raised (self, id, error);
  g_autoptr(SitrepDbStmt) stmt = NULL;
  Computed computed;

  if (raised == NULL)
    return FALSE;

  _sitrep_store_compute_columns (incident, current_policy (self), raised, &computed, NULL);

  stmt = get_stmt (self, sql_update_incident, error);
  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, id);
  bind_incident (stmt, incident, &computed);
  return step_done (self, stmt, error);
}

/* Writes only the computed columns of an existing incident, e.g. after an
 * alert was recorded. */
gboolean
_sitrep_store_update_computed (SitrepStore     *self,
                               SitrepIncident  *incident,
                               GError         **error)
{
  gint64 id = sitrep_incident_get_id (incident);
  g_autoptr(GHashTable) raised = _sitrep_store_load_raised (self, id, error);
  g_autoptr(SitrepDbStmt) stmt = NULL;
  Computed computed;

  if (raised == NULL)
    return FALSE;

  _sitrep_store_compute_columns (incident, current_policy (self), raised, &computed, NULL);

  stmt = get_stmt (self, sql_update_computed, error);
  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, id);
  sitrep_db_bind_time (stmt, 2, computed.next_due);
  sitrep_db_bind_time (stmt, 3, computed.next_warn_at);
  sitrep_db_bind_time (stmt, 4, computed.next_alert_at);
  return step_done (self, stmt, error);
}

gboolean
_sitrep_store_insert_incident (SitrepStore     *self,
                               SitrepIncident  *incident,
                               gint64           key_num,
                               const Computed  *computed,
                               gint64          *id,
                               GError         **error)
{
  g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql_insert_incident, error);

  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, key_num);
  bind_incident (stmt, incident, computed);
  return step_int64 (self, stmt, id, error);
}

/* Recomputes the computed columns of every open incident, e.g. after the
 * policy changed. */
gboolean
_sitrep_store_recompute_open_incidents (SitrepStore  *self,
                                        GError      **error)
{
  g_autoptr(GPtrArray) incidents = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  {
    g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql_select_open_incidents, error);

    if (stmt == NULL)
      return FALSE;

    /* Collected first: updating next_due while scanning an index on it
     * could visit a row twice. */
    while ((rc = sitrep_db_step (stmt)) == SITREP_DB_ROW)
      g_ptr_array_add (incidents, _sitrep_store_incident_from_row (stmt));

    if (rc != SITREP_DB_DONE)
      {
        set_db_error (self, rc, error);
        return FALSE;
      }
  }

  for (guint i = 0; i < incidents->len; i++)
    if (!_sitrep_store_load_workflow (self, g_ptr_array_index (incidents, i), error) ||
        !_sitrep_store_update_computed (self, g_ptr_array_index (incidents, i), error))
      return FALSE;

  return TRUE;
}

/* corrects: the row id of the entry a correction corrects, or 0 */
static gboolean
insert_entry_row (SitrepStore      *self,
                  gint64            incident_id,
                  gint64            occurred_at,
                  gint64            recorded_at,
                  const char       *author,
                  SitrepEntryKind   kind,
                  SitrepTag         tag,
                  const char       *text,
                  const char       *detail,
                  gint64            corrects,
                  gint64           *row_id,
                  GError          **error)
{
  g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql_insert_entry, error);
  gint64 id;

  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, incident_id);
  sitrep_db_bind_int64 (stmt, 2, occurred_at);
  sitrep_db_bind_int64 (stmt, 3, recorded_at);
  sitrep_db_bind_text (stmt, 4, author);
  sitrep_db_bind_text (stmt, 5, enum_nick (SITREP_TYPE_ENTRY_KIND, kind));
  sitrep_db_bind_text (stmt, 6, tag != SITREP_TAG_NONE ? enum_nick (SITREP_TYPE_TAG, tag) : NULL);
  sitrep_db_bind_text (stmt, 7, text);
  sitrep_db_bind_text (stmt, 8, detail);
  if (corrects > 0)
    sitrep_db_bind_int64 (stmt, 9, corrects);
  else
    sitrep_db_bind_null (stmt, 9);
  if (!step_int64 (self, stmt, &id, error))
    return FALSE;

  if (row_id != NULL)
    *row_id = id;
  return TRUE;
}

gboolean
_sitrep_store_insert_entry (SitrepStore      *self,
                            gint64            incident_id,
                            gint64            occurred_at,
                            gint64            recorded_at,
                            const char       *author,
                            SitrepEntryKind   kind,
                            SitrepTag         tag,
                            const char       *text,
                            const char       *detail,
                            GError          **error)
{
  return insert_entry_row (self, incident_id, occurred_at, recorded_at, author, kind, tag, text,
                           detail, 0, NULL, error);
}

/* @ids (nullable): the ids the entries of one document had there → their
 * row ids, so that a correction points at the row of the entry it
 * corrects; without it, the entry's "corrects" is a row id already. */
gboolean
_sitrep_store_insert_given_entry (SitrepStore          *self,
                                  gint64                incident_id,
                                  SitrepTimelineEntry  *entry,
                                  GHashTable           *ids,
                                  GError              **error)
{
  gint64 corrects = sitrep_timeline_entry_get_corrects (entry);
  gint64 given_id = sitrep_timeline_entry_get_id (entry);
  gint64 row_id;

  if (ids != NULL && corrects > 0)
    {
      gint64 *row = g_hash_table_lookup (ids, &corrects);

      if (row == NULL)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, corrects);

          g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                       /* Translators: %s is the number of a timeline entry */
                       _("A correction points at entry %s, which does not come before it "
                         "in the timeline"), number);
          return FALSE;
        }
      corrects = *row;
    }

  if (!insert_entry_row (self, incident_id,
                         sitrep_timeline_entry_get_occurred_at (entry),
                         sitrep_timeline_entry_get_recorded_at (entry),
                         sitrep_timeline_entry_get_author (entry),
                         sitrep_timeline_entry_get_kind (entry),
                         sitrep_timeline_entry_get_tag (entry),
                         sitrep_timeline_entry_get_text (entry),
                         sitrep_timeline_entry_get_detail (entry),
                         corrects, &row_id, error))
    return FALSE;

  if (ids != NULL && given_id > 0)
    _sitrep_store_map_entry_id (ids, given_id, row_id);
  return TRUE;
}

/* Remembers that the entry @given_id of a document is the row @row_id. */
void
_sitrep_store_map_entry_id (GHashTable *ids,
                            gint64      given_id,
                            gint64      row_id)
{
  g_hash_table_insert (ids, g_memdup2 (&given_id, sizeof given_id),
                       g_memdup2 (&row_id, sizeof row_id));
}

gboolean
_sitrep_store_insert_complaint (SitrepStore      *self,
                                gint64            incident_id,
                                SitrepComplaint  *complaint,
                                gint64           *id,
                                GError          **error)
{
  g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql_insert_complaint, error);
  gint64 row_id;

  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, incident_id);
  sitrep_db_bind_text (stmt, 2, sitrep_complaint_get_ref (complaint));
  sitrep_db_bind_text (stmt, 3, sitrep_complaint_get_customer (complaint));
  sitrep_db_bind_time (stmt, 4, sitrep_complaint_get_received_at (complaint));
  sitrep_db_bind_text (stmt, 5, sitrep_complaint_get_summary (complaint));
  sitrep_db_bind_text (stmt, 6, enum_nick (SITREP_TYPE_VERDICT,
                                           sitrep_complaint_get_verdict (complaint)));
  sitrep_db_bind_text (stmt, 7, sitrep_complaint_get_verdict_reason (complaint));
  sitrep_db_bind_text (stmt, 8, enum_nick (SITREP_TYPE_CHANNEL,
                                           sitrep_complaint_get_channel (complaint)));
  if (!step_int64 (self, stmt, &row_id, error))
    return FALSE;

  if (id != NULL)
    *id = row_id;
  return TRUE;
}

/* The notice bookkeeping of an incident follows from its timeline: the
 * latest time each kind of notice was sent, and how many progress notices. */
void
_sitrep_store_derive_notices (SitrepIncident *incident,
                              GPtrArray      *entries)
{
  gint64 latest[SITREP_N_NOTICES] = { 0 };
  int progress = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (entries, i);
      gint64 at = sitrep_timeline_entry_get_occurred_at (entry);
      int kind;

      if (sitrep_timeline_entry_get_kind (entry) != SITREP_ENTRY_KIND_NOTICE ||
          !sitrep_enum_from_nick (SITREP_TYPE_NOTICE_KIND,
                                  sitrep_timeline_entry_get_detail (entry), &kind))
        continue;

      latest[kind] = MAX (latest[kind], at);
      if (kind == SITREP_NOTICE_PROGRESS)
        progress++;
    }

  sitrep_incident_set_initial_notice_at (incident, latest[SITREP_NOTICE_INITIAL]);
  sitrep_incident_set_progress_notice_at (incident, latest[SITREP_NOTICE_PROGRESS]);
  sitrep_incident_set_progress_notice_count (incident, progress);
  sitrep_incident_set_rectification_notice_at (incident, latest[SITREP_NOTICE_RECTIFICATION]);
  sitrep_incident_set_escalation_notice_at (incident, latest[SITREP_NOTICE_ESCALATION]);
}
