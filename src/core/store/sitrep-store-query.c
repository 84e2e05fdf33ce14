/* sitrep-store-query.c
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
#include "sitrep-incident-workflow.h"
#include "sitrep-store-private.h"
#include "sitrep-time.h"

/*
 * Reading: incidents, their timelines and complaints, and the ticket list's
 * queries (filters, sorts and full-text search in SQL).
 */

static const char sql_select_incident[] =
  "SELECT " INCIDENT_COLUMNS " FROM incidents WHERE id = ?1";

static const char sql_select_entries[] =
  "SELECT id, incident_id, occurred_at, recorded_at, author, kind, tag, text, detail, "
  "corrects FROM timeline WHERE incident_id = ?1 ORDER BY occurred_at, id";

static const char sql_select_complaints[] =
  "SELECT id, incident_id, ref, customer, received_at, summary, verdict, "
  "verdict_reason, channel FROM complaints WHERE incident_id = ?1 ORDER BY received_at, id";

static const char sql_select_complaint[] =
  "SELECT id, incident_id, ref, customer, received_at, summary, verdict, "
  "verdict_reason, channel FROM complaints WHERE id = ?1";

static const char sql_select_raised[] =
  "SELECT alert_key FROM alerts WHERE incident_id = ?1";

static const char sql_find_key[] =
  "SELECT id FROM incidents WHERE key_num = ?1";

/* The WHERE clause repeats the index's own, so that the index serves it. */
static const char sql_select_unfinished[] =
  "SELECT id FROM incidents INDEXED BY incidents_unfinished_by_key "
  "WHERE status NOT IN ('closed', 'cancelled') ORDER BY key_num DESC";

static void
set_not_found (GError **error,
               gint64   id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
               _("There is no incident number %s"), number);
}

static void
set_key_not_found (GError     **error,
                   const char  *key)
{
  g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
               _("There is no incident %s"), key);
}

char *
_sitrep_store_format_key (gint64 key_num)
{
  return g_strdup_printf ("INC-%" G_GINT64_FORMAT, key_num);
}

/* Parses a key exactly as Sitrep writes it: "INC-" and a number from 1 on,
 * without leading zeros. */
gboolean
_sitrep_store_parse_key (const char *key,
                         gint64     *key_num)
{
  const char *p;

  if (key == NULL || strncmp (key, "INC-", 4) != 0)
    return FALSE;

  p = key + 4;
  if (*p < '1' || *p > '9' || strlen (p) > 18)
    return FALSE;

  for (const char *q = p; *q != '\0'; q++)
    if (!g_ascii_isdigit (*q))
      return FALSE;

  *key_num = g_ascii_strtoll (p, NULL, 10);
  return TRUE;
}

/* Accepts what people type: "INC-7", "inc-7", "inc7" or "7". */
static gboolean
parse_key_loosely (const char *text,
                   gint64     *key_num)
{
  g_autofree char *trimmed = dup_trimmed (text);
  const char *p = trimmed;

  if (p == NULL)
    return FALSE;

  if (g_ascii_strncasecmp (p, "inc", 3) == 0)
    {
      p += 3;
      if (*p == '-')
        p++;
    }

  if (*p == '\0' || strlen (p) > 18)
    return FALSE;

  for (const char *q = p; *q != '\0'; q++)
    if (!g_ascii_isdigit (*q))
      return FALSE;

  *key_num = g_ascii_strtoll (p, NULL, 10);
  return *key_num > 0;
}

SitrepIncident *
_sitrep_store_incident_from_row (SitrepDbStmt *stmt)
{
  SitrepIncident *incident = sitrep_incident_new ();
  g_autofree char *key = _sitrep_store_format_key (sitrep_db_column_int64 (stmt, 1));

  sitrep_incident_set_id (incident, sitrep_db_column_int64 (stmt, 0));
  sitrep_incident_set_key (incident, key);
  sitrep_incident_set_title (incident, sitrep_db_column_text (stmt, 2));
  sitrep_incident_set_service (incident, sitrep_db_column_text (stmt, 3));
  sitrep_incident_set_level (incident, sitrep_db_column_int (stmt, 4));
  sitrep_incident_set_status (incident, enum_value (SITREP_TYPE_STATUS,
                                                    sitrep_db_column_text (stmt, 5),
                                                    SITREP_STATUS_NEW));
  sitrep_incident_set_reporter_name (incident, sitrep_db_column_text (stmt, 6));
  sitrep_incident_set_reporter_contact (incident, sitrep_db_column_text (stmt, 7));
  sitrep_incident_set_reporter_channel (incident, enum_value (SITREP_TYPE_CHANNEL,
                                                              sitrep_db_column_text (stmt, 8),
                                                              SITREP_CHANNEL_OTHER));
  sitrep_incident_set_symptoms (incident, sitrep_db_column_text (stmt, 9));
  sitrep_incident_set_details (incident, sitrep_db_column_text (stmt, 10));
  sitrep_incident_set_occurred_at (incident, sitrep_db_column_int64 (stmt, 11));
  sitrep_incident_set_reported_at (incident, sitrep_db_column_int64 (stmt, 12));
  sitrep_incident_set_acknowledged_at (incident, sitrep_db_column_int64 (stmt, 13));
  sitrep_incident_set_recovered_at (incident, sitrep_db_column_int64 (stmt, 14));
  sitrep_incident_set_resolved_at (incident, sitrep_db_column_int64 (stmt, 15));
  sitrep_incident_set_transferred_at (incident, sitrep_db_column_int64 (stmt, 16));
  sitrep_incident_set_transferred_to (incident, sitrep_db_column_text (stmt, 17));
  sitrep_incident_set_closed_at (incident, sitrep_db_column_int64 (stmt, 18));
  sitrep_incident_set_cancelled_at (incident, sitrep_db_column_int64 (stmt, 19));
  sitrep_incident_set_owner (incident, sitrep_db_column_text (stmt, 20));
  sitrep_incident_set_cause_category (incident, enum_value (SITREP_TYPE_CAUSE,
                                                            sitrep_db_column_text (stmt, 21),
                                                            SITREP_CAUSE_NONE));
  sitrep_incident_set_root_cause (incident, sitrep_db_column_text (stmt, 22));
  sitrep_incident_set_resolution (incident, sitrep_db_column_text (stmt, 23));
  sitrep_incident_set_initial_notice_at (incident, sitrep_db_column_int64 (stmt, 24));
  sitrep_incident_set_progress_notice_at (incident, sitrep_db_column_int64 (stmt, 25));
  sitrep_incident_set_progress_notice_count (incident, sitrep_db_column_int (stmt, 26));
  sitrep_incident_set_rectification_notice_at (incident, sitrep_db_column_int64 (stmt, 27));
  sitrep_incident_set_escalation_notice_at (incident, sitrep_db_column_int64 (stmt, 28));
  sitrep_incident_set_impact (incident, sitrep_db_column_text (stmt, 29));
  sitrep_incident_set_affected_count (incident, sitrep_db_column_is_null (stmt, 30)
                                                ? -1 : sitrep_db_column_int64 (stmt, 30));
  sitrep_incident_set_corrective_actions (incident, sitrep_db_column_text (stmt, 31));
  sitrep_incident_set_lessons_learned (incident, sitrep_db_column_text (stmt, 32));
  sitrep_incident_set_team (incident, sitrep_db_column_text (stmt, 33),
                            sitrep_db_column_int64 (stmt, 34));
  sitrep_incident_set_team_resolved (incident, sitrep_db_column_int64 (stmt, 35),
                                     sitrep_db_column_text (stmt, 36));
  sitrep_incident_set_version (incident, sitrep_db_column_int64 (stmt, 37));

  return incident;
}

/* Returns: (transfer full): a #SitrepTimelineEntry */
static gpointer
entry_from_row (SitrepDbStmt *stmt)
{
  SitrepTimelineEntry *entry = sitrep_timeline_entry_new ();

  sitrep_timeline_entry_set_id (entry, sitrep_db_column_int64 (stmt, 0));
  sitrep_timeline_entry_set_incident_id (entry, sitrep_db_column_int64 (stmt, 1));
  sitrep_timeline_entry_set_occurred_at (entry, sitrep_db_column_int64 (stmt, 2));
  sitrep_timeline_entry_set_recorded_at (entry, sitrep_db_column_int64 (stmt, 3));
  sitrep_timeline_entry_set_author (entry, sitrep_db_column_text (stmt, 4));
  sitrep_timeline_entry_set_kind (entry, enum_value (SITREP_TYPE_ENTRY_KIND,
                                                     sitrep_db_column_text (stmt, 5),
                                                     SITREP_ENTRY_KIND_NOTE));
  sitrep_timeline_entry_set_tag (entry, enum_value (SITREP_TYPE_TAG,
                                                    sitrep_db_column_text (stmt, 6),
                                                    SITREP_TAG_NONE));
  sitrep_timeline_entry_set_text (entry, sitrep_db_column_text (stmt, 7));
  sitrep_timeline_entry_set_detail (entry, sitrep_db_column_text (stmt, 8));
  sitrep_timeline_entry_set_corrects (entry, MAX (sitrep_db_column_int64 (stmt, 9), 0));

  return entry;
}

/* Returns: (transfer full): a #SitrepComplaint */
static gpointer
complaint_from_row (SitrepDbStmt *stmt)
{
  SitrepComplaint *complaint = sitrep_complaint_new ();

  sitrep_complaint_set_id (complaint, sitrep_db_column_int64 (stmt, 0));
  sitrep_complaint_set_incident_id (complaint, sitrep_db_column_int64 (stmt, 1));
  sitrep_complaint_set_ref (complaint, sitrep_db_column_text (stmt, 2));
  sitrep_complaint_set_customer (complaint, sitrep_db_column_text (stmt, 3));
  sitrep_complaint_set_received_at (complaint, sitrep_db_column_int64 (stmt, 4));
  sitrep_complaint_set_summary (complaint, sitrep_db_column_text (stmt, 5));
  sitrep_complaint_set_verdict (complaint, enum_value (SITREP_TYPE_VERDICT,
                                                      sitrep_db_column_text (stmt, 6),
                                                      SITREP_VERDICT_NOT_ANALYSED));
  sitrep_complaint_set_verdict_reason (complaint, sitrep_db_column_text (stmt, 7));
  sitrep_complaint_set_channel (complaint, enum_value (SITREP_TYPE_CHANNEL,
                                                      sitrep_db_column_text (stmt, 8),
                                                      SITREP_CHANNEL_OTHER));

  return complaint;
}

SitrepIncident *
_sitrep_store_load_incident (SitrepStore  *self,
                             gint64        id,
                             GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql_select_incident, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  sitrep_db_bind_int64 (stmt, 1, id);
  rc = sitrep_db_step (stmt);
  if (rc == SITREP_DB_ROW)
    {
      g_autoptr(SitrepIncident) incident = _sitrep_store_incident_from_row (stmt);

      g_clear_pointer (&stmt, sitrep_db_release_stmt);
      if (!_sitrep_store_load_workflow (self, incident, error))
        return NULL;
      return g_steal_pointer (&incident);
    }

  if (rc == SITREP_DB_DONE)
    set_not_found (error, id);
  else
    set_db_error (self, rc, error);

  return NULL;
}

/* The objects made by @from_row from each row of @sql for incident @id. */
static GPtrArray *
load_rows (SitrepStore  *self,
           const char   *sql,
           gint64        id,
           gpointer    (*from_row) (SitrepDbStmt *stmt),
           GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql, error);
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  rows = g_ptr_array_new_with_free_func (g_object_unref);
  sitrep_db_bind_int64 (stmt, 1, id);
  while ((rc = sitrep_db_step (stmt)) == SITREP_DB_ROW)
    g_ptr_array_add (rows, from_row (stmt));

  if (rc != SITREP_DB_DONE)
    {
      set_db_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

GPtrArray *
_sitrep_store_load_entries (SitrepStore  *self,
                            gint64        id,
                            GError      **error)
{
  return load_rows (self, sql_select_entries, id, entry_from_row, error);
}

GPtrArray *
_sitrep_store_load_complaints (SitrepStore  *self,
                               gint64        id,
                               GError      **error)
{
  return load_rows (self, sql_select_complaints, id, complaint_from_row, error);
}

/* One complaint by its row id (SITREP_STORE_ERROR_NOT_FOUND without it). */
SitrepComplaint *
_sitrep_store_load_complaint (SitrepStore  *self,
                              gint64        complaint_id,
                              GError      **error)
{
  g_autoptr(GPtrArray) rows = load_rows (self, sql_select_complaint, complaint_id,
                                         complaint_from_row, error);

  if (rows == NULL)
    return NULL;

  if (rows->len == 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, complaint_id);

      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
                   _("There is no complaint number %s"), number);
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (rows, 0));
}

GHashTable *
_sitrep_store_load_raised (SitrepStore  *self,
                           gint64        id,
                           GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql_select_raised, error);
  g_autoptr(GHashTable) raised = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  raised = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sitrep_db_bind_int64 (stmt, 1, id);
  while ((rc = sitrep_db_step (stmt)) == SITREP_DB_ROW)
    g_hash_table_add (raised, g_strdup (sitrep_db_column_text (stmt, 0)));

  if (rc != SITREP_DB_DONE)
    {
      set_db_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&raised);
}

gboolean
_sitrep_store_find_key (SitrepStore  *self,
                        gint64        key_num,
                        gint64       *id,
                        GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql_find_key, error);

  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, key_num);
  return step_int64 (self, stmt, id, error);
}

/**
 * sitrep_store_get_incident:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a new object with the incident as stored, or
 *   %NULL (%SITREP_STORE_ERROR_NOT_FOUND)
 */
SitrepIncident *
sitrep_store_get_incident (SitrepStore  *self,
                           gint64        id,
                           GError      **error)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  return _sitrep_store_load_incident (self, id, error);
}

/**
 * sitrep_store_find_incident:
 * @self: a #SitrepStore
 * @key: an incident key such as "INC-7" (also "inc-7" or "7")
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the incident, or %NULL
 *   (%SITREP_STORE_ERROR_NOT_FOUND)
 */
SitrepIncident *
sitrep_store_find_incident (SitrepStore  *self,
                            const char   *key,
                            GError      **error)
{
  gint64 key_num;
  gint64 id = 0;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  if (!parse_key_loosely (key, &key_num))
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                   _("“%s” is not an incident key such as INC-7"), key != NULL ? key : "");
      return NULL;
    }

  if (!_sitrep_store_find_key (self, key_num, &id, error))
    return NULL;

  if (id == 0)
    {
      g_autofree char *formatted = _sitrep_store_format_key (key_num);

      set_key_not_found (error, formatted);
      return NULL;
    }

  return _sitrep_store_load_incident (self, id, error);
}

/**
 * sitrep_store_list_timeline:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SitrepTimelineEntry): the
 *   incident's timeline in order of occurred_at (then of recording)
 */
GPtrArray *
sitrep_store_list_timeline (SitrepStore  *self,
                            gint64        id,
                            GError      **error)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  return _sitrep_store_load_entries (self, id, error);
}

/**
 * sitrep_store_list_complaints:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SitrepComplaint): the complaints
 *   linked to the incident, in order of receipt
 */
GPtrArray *
sitrep_store_list_complaints (SitrepStore  *self,
                              gint64        id,
                              GError      **error)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  return _sitrep_store_load_complaints (self, id, error);
}

/* The words of what a user typed that the search index can find: those
 * with a letter or digit (the index holds no others). */
static GPtrArray *
search_words (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\r\n\f\v", -1);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];
      gboolean has_token = FALSE;

      if (!g_utf8_validate (word, -1, NULL))
        continue;

      for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
        if (g_unichar_isalnum (g_utf8_get_char (p)))
          has_token = TRUE;

      if (has_token)
        g_ptr_array_add (found, g_strdup (word));
    }

  return found;
}

/* Turns what a user typed into an FTS5 query that cannot be a syntax
 * error: each word quoted and matched as a prefix. */
static char *
build_match_expression (const char *text)
{
  g_autoptr(GPtrArray) words = search_words (text);
  g_autoptr(GString) match = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);

      if (match->len > 0)
        g_string_append_c (match, ' ');

      g_string_append_c (match, '"');
      for (const char *p = word; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *p);
        }
      g_string_append (match, "\"*");
    }

  if (match->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&match), FALSE);
}

/* The conditions of @filter, each ANDed to @sql; :owner and :service
 * are bound to @filter's. */
static void
append_conditions (GString            *sql,
                   const SitrepFilter *filter)
{
  switch (filter->group)
    {
    case SITREP_STATUS_GROUP_ACTIVE:
      g_string_append (sql, "i.is_open = 1");
      break;

    case SITREP_STATUS_GROUP_AWAITING_CLOSURE:
      /* The second half repeats the partial index's own condition, so
       * that the index of the unfinished incidents can serve it. */
      g_string_append (sql, "i.status IN ('resolved', 'transferred') "
                            "AND i.status NOT IN ('closed', 'cancelled')");
      break;

    case SITREP_STATUS_GROUP_ALL:
    default:
      g_string_append (sql, "TRUE");
      break;
    }

  /* a number from a closed set: written into the SQL, so that each level
   * keeps its own cached statement and plan */
  if (filter->level >= SITREP_LEVEL_MIN && filter->level <= SITREP_LEVEL_MAX)
    g_string_append_printf (sql, " AND i.level = %d", filter->level);

  /* Deadlines are only unmet while an incident is active: the risk
   * conditions say so, so that the open indexes serve them. */
  if (filter->risk == SITREP_RISK_AT_RISK)
    g_string_append (sql, " AND i.is_open = 1 AND i.next_warn_at <= :now");
  else if (filter->risk == SITREP_RISK_BREACHED)
    g_string_append (sql, " AND i.is_open = 1 AND i.next_due <= :now");

  if (filter->owner != NULL)
    g_string_append (sql, " AND i.owner = :owner");
  if (filter->service != NULL)
    g_string_append (sql, " AND i.service = :service");
  if (filter->team != NULL)
    g_string_append (sql, " AND i.team = :team");
}

/* The SQL of sitrep_store_query() for @query and @filter (@query's
 * conditions, or its preset's), whose parameters are :now, :owner,
 * :service, :match and :key; @match and @key_num receive the values to
 * bind. */
static char *
build_query_sql (const SitrepQuery   *query,
                 const SitrepFilter  *filter,
                 gboolean             paged,
                 gboolean             team,
                 char               **match,
                 gint64              *key_num)
{
  g_autoptr(GString) sql = g_string_new ("SELECT i.id FROM incidents AS i");
  gboolean has_key = FALSE;

  *match = NULL;
  *key_num = 0;

  /* One person's open incidents are few: find them first, whatever the
   * sort (the planner may not know how few). */
  if (filter->owner != NULL && filter->group == SITREP_STATUS_GROUP_ACTIVE)
    g_string_append (sql, " INDEXED BY incidents_open_by_owner");
  /* Nor does it see that the incidents awaiting closure are among the
   * unfinished ones: left to itself, it walked the whole sort index and
   * read every incident's status (3.5 s at 1,000,000 incidents, against
   * 0.16 s through the index of the unfinished ones and a sort). */
  else if (filter->group == SITREP_STATUS_GROUP_AWAITING_CLOSURE)
    g_string_append (sql, " INDEXED BY incidents_unfinished_by_key");
  /* Every incident of one owner, service or team, closed ones included,
   * has no index: walking a sort index read each incident by its id,
   * scattered over the file (3.7–3.8 s at 1,000,000 incidents). Reading
   * the table in its order and sorting what matches takes 0.25–0.4 s. */
  else if (filter->group == SITREP_STATUS_GROUP_ALL &&
           (filter->owner != NULL || filter->service != NULL || filter->team != NULL))
    g_string_append (sql, " NOT INDEXED");
  g_string_append (sql, " WHERE ");
  append_conditions (sql, filter);

  if (query->text != NULL)
    {
      *match = build_match_expression (query->text);
      has_key = parse_key_loosely (query->text, key_num);
    }

  if (*match != NULL || has_key)
    {
      g_string_append (sql, " AND i.id IN (");
      if (*match != NULL && team)
        {
          g_autoptr(GPtrArray) words = search_words (query->text);

          /* each word the beginning of a word of the document, in the
           * same words as the index (sitrep-store-team-schema.c); a
           * pattern made of constants, for the trigram index */
          g_string_append (sql, "SELECT s.id FROM incident_search AS s WHERE TRUE");
          for (guint i = 0; i < words->len; i++)
            g_string_append_printf (sql, " AND s.document LIKE "
                                    "'%%' || sitrep_search_words (:word%u) || '%%'", i);
        }
      else if (*match != NULL)
        g_string_append (sql,
                         "SELECT rowid FROM incident_search "
                         "WHERE incident_search MATCH :match");
      if (has_key)
        g_string_append_printf (sql, "%sSELECT id FROM incidents WHERE key_num = :key",
                                *match != NULL ? " UNION " : "");
      g_string_append (sql, ")");
    }

  switch (query->sort)
    {
    case SITREP_LIST_SORT_NEWEST:
      g_string_append (sql, " ORDER BY i.reported_at DESC, i.id DESC");
      break;

    case SITREP_LIST_SORT_LEVEL:
      g_string_append (sql, " ORDER BY i.level, i.next_due IS NULL, i.next_due, i.reported_at");
      break;

    case SITREP_LIST_SORT_KEY:
      g_string_append (sql, " ORDER BY i.key_num DESC");
      break;

    case SITREP_LIST_SORT_NEXT_DUE:
    default:
      g_string_append (sql, " ORDER BY i.is_open DESC, i.next_due IS NULL, i.next_due, "
                            "i.reported_at");
      break;
    }

  if (paged)
    g_string_append (sql, " LIMIT :limit OFFSET :offset");

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* Steps @stmt to its end, collecting the first column of each row;
 * @reserve is how many rows to make room for at once. */
GArray *
_sitrep_store_collect_ids (SitrepStore   *self,
                           SitrepDbStmt *stmt,
                           guint         reserve,
                           GError      **error)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), reserve);
  int rc;

  while ((rc = sitrep_db_step (stmt)) == SITREP_DB_ROW)
    {
      gint64 id = sitrep_db_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  if (rc != SITREP_DB_DONE)
    {
      set_db_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* Runs the query of sitrep_store_query() with an optional page. */
static GArray *
run_query (SitrepStore        *self,
           const SitrepQuery  *query,
           gboolean            paged,
           guint               offset,
           guint               limit,
           GError            **error)
{
  g_autofree char *match = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(SitrepDbStmt) stmt = NULL;
  g_autoptr(SitrepFilter) preset = NULL;
  const SitrepFilter *filter;
  gint64 key_num;
  int index;

  if (query->conditions == NULL)
    preset = sitrep_filter_new_preset (query->filter, query->me);
  filter = query->conditions != NULL ? query->conditions : preset;

  sql = build_query_sql (query, filter, paged, self->team, &match, &key_num);
  {
    GError *db_error = NULL;

    stmt = sitrep_db_prepare_cached (self->db, sql, &db_error);
    db_result (self, stmt != NULL, db_error, error);
  }
  if (stmt == NULL)
    return NULL;

  if ((index = sitrep_db_bind_parameter_index (stmt, ":now")) > 0)
    sitrep_db_bind_int64 (stmt, index, get_now (self));
  if ((index = sitrep_db_bind_parameter_index (stmt, ":owner")) > 0)
    sitrep_db_bind_text (stmt, index, filter->owner);
  if ((index = sitrep_db_bind_parameter_index (stmt, ":service")) > 0)
    sitrep_db_bind_text (stmt, index, filter->service);
  if ((index = sitrep_db_bind_parameter_index (stmt, ":team")) > 0)
    sitrep_db_bind_text (stmt, index, filter->team);
  if ((index = sitrep_db_bind_parameter_index (stmt, ":match")) > 0)
    sitrep_db_bind_text (stmt, index, match);
  if ((index = sitrep_db_bind_parameter_index (stmt, ":key")) > 0)
    sitrep_db_bind_int64 (stmt, index, key_num);
  if (self->team && match != NULL)
    {
      words = search_words (query->text);
      for (guint i = 0; i < words->len; i++)
        {
          g_autofree char *name = g_strdup_printf (":word%u", i);

          if ((index = sitrep_db_bind_parameter_index (stmt, name)) > 0)
            sitrep_db_bind_text (stmt, index, g_ptr_array_index (words, i));
        }
    }
  if ((index = sitrep_db_bind_parameter_index (stmt, ":limit")) > 0)
    sitrep_db_bind_int64 (stmt, index, limit);
  if ((index = sitrep_db_bind_parameter_index (stmt, ":offset")) > 0)
    sitrep_db_bind_int64 (stmt, index, offset);

  return _sitrep_store_collect_ids (self, stmt, paged ? limit : 0, error);
}

/**
 * sitrep_store_query:
 * @self: a #SitrepStore
 * @query: the filter, sort and optional words to search for
 * @error: return location for a #GError
 *
 * Lists the incidents the ticket list shows: those that meet every
 * condition of @query->conditions (or, without it, of the single filter
 * @query->filter): a status group (active: new, acknowledged, recovered;
 * awaiting closure: resolved, transferred; all), a level, a risk (at risk:
 * active and past a deadline's warning moment; breached: active and past a
 * deadline), an owner and a service. Sorts: next due (open first, by the
 * next due moment, then by report time), newest (latest report first),
 * level (then next due), key (highest first). @query->text matches words
 * (as prefixes) in the title, service, symptoms, details, timeline and
 * the people (owner, reporter, entry authors, complaint customers), or an
 * incident key.
 *
 * Returns: (transfer full) (element-type gint64): the incidents' row ids in
 *   order
 */
GArray *
sitrep_store_query (SitrepStore        *self,
                    const SitrepQuery  *query,
                    GError            **error)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  return run_query (self, query, FALSE, 0, 0, error);
}

/**
 * sitrep_store_query_page:
 * @self: a #SitrepStore
 * @query: the filter, sort and optional words to search for
 * @offset: how many of the matching incidents to pass over
 * @limit: the most ids to return
 * @error: return location for a #GError
 *
 * Lists one page of what sitrep_store_query() lists: the ids at positions
 * @offset to @offset + @limit - 1 of the same order. On a large database
 * the first page costs a fraction of the whole list, so a view can show
 * it at once.
 *
 * Returns: (transfer full) (element-type gint64): at most @limit row ids
 *   in order (none past the end)
 */
GArray *
sitrep_store_query_page (SitrepStore        *self,
                         const SitrepQuery  *query,
                         guint               offset,
                         guint               limit,
                         GError            **error)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (limit == 0)
    return g_array_new (FALSE, FALSE, sizeof (gint64));

  return run_query (self, query, TRUE, offset, limit, error);
}

/**
 * sitrep_store_list_all_ids:
 * @self: a #SitrepStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type gint64): the row ids of every
 *   incident, in order of creation
 */
GArray *
sitrep_store_list_all_ids (SitrepStore  *self,
                           GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = NULL;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  stmt = get_stmt (self, "SELECT id FROM incidents ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  return _sitrep_store_collect_ids (self, stmt, 0, error);
}

/**
 * sitrep_store_list_unfinished_ids:
 * @self: a #SitrepStore
 * @error: return location for a #GError
 *
 * Lists the incidents that still matter to a status report: every one that
 * is neither closed nor cancelled (open, resolved or transferred). A
 * partial index holds exactly these, so the cost follows their number, not
 * the size of the database.
 *
 * Returns: (transfer full) (element-type gint64): their row ids, highest
 *   key first
 */
GArray *
sitrep_store_list_unfinished_ids (SitrepStore  *self,
                                  GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = NULL;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  stmt = get_stmt (self, sql_select_unfinished, error);
  if (stmt == NULL)
    return NULL;

  return _sitrep_store_collect_ids (self, stmt, 0, error);
}

/**
 * sitrep_store_count_incidents:
 * @self: a #SitrepStore
 *
 * Returns: the number of incidents, or -1 when the database cannot be read
 */
gint64
sitrep_store_count_incidents (SitrepStore *self)
{
  g_autoptr(GError) error = NULL;
  gint64 count;

  g_return_val_if_fail (SITREP_IS_STORE (self), -1);

  if (!query_int64 (self, "SELECT count(*) FROM incidents", &count, &error))
    {
      g_warning ("%s", error->message);
      return -1;
    }

  return count;
}

/**
 * sitrep_store_has_incidents:
 * @self: a #SitrepStore
 * @error: return location for a #GError
 *
 * Whether the database holds any incident, read from its first row only,
 * so that a database of a million incidents answers as fast as an empty
 * one.
 *
 * Returns: %TRUE when there is at least one incident; %FALSE when there is
 *   none, or with @error set when it could not be read
 */
gboolean
sitrep_store_has_incidents (SitrepStore  *self,
                            GError      **error)
{
  gint64 count = 0;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (!query_int64 (self, "SELECT count(*) FROM (SELECT 1 FROM incidents LIMIT 1) AS first",
                    &count, error))
    return FALSE;

  return count > 0;
}

/* The counts of sitrep_store_count_list(): the partial index of the
 * unfinished incidents holds exactly the rows counted, so the cost
 * follows their number, not the size of the database. */
static const char sql_count_list[] =
  "SELECT count(*) FILTER (WHERE is_open = 1),"
  "  count(*) FILTER (WHERE status IN ('resolved', 'transferred')),"
  "  count(*) FILTER (WHERE is_open = 1 AND next_due <= ?1),"
  "  count(*) FILTER (WHERE is_open = 1 AND next_warn_at <= ?1"
  "                   AND (next_due IS NULL OR next_due > ?1))"
  " FROM incidents INDEXED BY incidents_unfinished_by_key"
  " WHERE status NOT IN ('closed', 'cancelled')";

/**
 * sitrep_store_count_list:
 * @self: a #SitrepStore
 * @at: the moment to count at, or %SITREP_TIME_NONE for the store's
 *   clock's now
 * @counts: (out caller-allocates): where to put the counts
 * @error: return location for a #GError
 *
 * Counts what a supervisor watches: the active incidents, those awaiting
 * closure, and the active ones breached and at risk (past a warning
 * moment, not breached) at @at. The window's list and `--status` both
 * show these counts.
 *
 * Returns: whether the database could be read
 */
gboolean
sitrep_store_count_list (SitrepStore       *self,
                         gint64             at,
                         SitrepListCounts  *counts,
                         GError           **error)
{
  g_autoptr(SitrepDbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  *counts = (SitrepListCounts) { 0 };
  stmt = get_stmt (self, sql_count_list, error);
  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, at != SITREP_TIME_NONE ? at : get_now (self));
  rc = sitrep_db_step (stmt);
  if (rc != SITREP_DB_ROW)
    {
      set_db_error (self, rc, error);
      return FALSE;
    }

  counts->active = (guint) sitrep_db_column_int64 (stmt, 0);
  counts->awaiting_closure = (guint) sitrep_db_column_int64 (stmt, 1);
  counts->breached = (guint) sitrep_db_column_int64 (stmt, 2);
  counts->at_risk = (guint) sitrep_db_column_int64 (stmt, 3);

  return TRUE;
}
