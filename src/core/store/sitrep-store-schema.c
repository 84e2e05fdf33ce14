/* sitrep-store-schema.c
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
#include "sitrep-report-monthly.h"
#include "sitrep-sla.h"
#include "sitrep-store-private.h"
#include "sitrep-time.h"

/*
 * The schema of Sitrep's database, its migrations from each older version,
 * and the checks made when a database is opened.
 */

static gint64 full_check_max_bytes = FULL_CHECK_MAX_BYTES;

/* The first schema. Each later version gets its own migration function. */
static const char schema_v1[] =
  "CREATE TABLE key_sequence ("
  "  id       INTEGER PRIMARY KEY CHECK (id = 1),"
  "  last_key INTEGER NOT NULL"
  ");"
  "INSERT INTO key_sequence (id, last_key) VALUES (1, 0);"

  "CREATE TABLE incidents ("
  "  id                      INTEGER PRIMARY KEY,"
  "  key_num                 INTEGER NOT NULL UNIQUE CHECK (key_num > 0),"
  "  title                   TEXT NOT NULL,"
  "  service                 TEXT NOT NULL,"
  "  level                   INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),"
  "  status                  TEXT NOT NULL CHECK (status IN ('new', 'acknowledged',"
  "                            'recovered', 'resolved', 'transferred', 'closed',"
  "                            'cancelled')),"
  "  reporter_name           TEXT,"
  "  reporter_contact        TEXT,"
  "  reporter_channel        TEXT NOT NULL,"
  "  symptoms                TEXT,"
  "  details                 TEXT,"
  "  occurred_at             INTEGER NOT NULL,"
  "  reported_at             INTEGER NOT NULL,"
  "  acknowledged_at         INTEGER,"
  "  recovered_at            INTEGER,"
  "  resolved_at             INTEGER,"
  "  transferred_at          INTEGER,"
  "  transferred_to          TEXT,"
  "  closed_at               INTEGER,"
  "  cancelled_at            INTEGER,"
  "  owner                   TEXT,"
  "  cause_category          TEXT,"
  "  root_cause              TEXT,"
  "  resolution              TEXT,"
  "  initial_notice_at       INTEGER,"
  "  progress_notice_at      INTEGER,"
  "  progress_notice_count   INTEGER NOT NULL DEFAULT 0,"
  "  rectification_notice_at INTEGER,"
  "  escalation_notice_at    INTEGER,"
  "  is_open                 INTEGER NOT NULL CHECK (is_open = (status IN ('new',"
  "                            'acknowledged', 'recovered'))),"
  "  next_due                INTEGER,"
  "  next_warn_at            INTEGER,"
  "  next_alert_at           INTEGER"
  ");"
  /* One index per list sort. Most incidents are closed: the indexes that
   * only open incidents need leave the closed ones out. */
  "CREATE INDEX incidents_by_due ON incidents"
  "  (is_open DESC, next_due IS NULL, next_due, reported_at, level, next_warn_at);"
  "CREATE INDEX incidents_by_level ON incidents"
  "  (level, next_due IS NULL, next_due, reported_at);"
  "CREATE INDEX incidents_by_reported ON incidents (reported_at);"
  /* the trailing columns make the filtered lists read the index alone */
  "CREATE INDEX incidents_open_by_level ON incidents"
  "  (level, next_due IS NULL, next_due, reported_at, is_open, next_warn_at)"
  "  WHERE is_open = 1;"
  "CREATE INDEX incidents_open_by_reported ON incidents"
  "  (reported_at, id, is_open, level, next_warn_at) WHERE is_open = 1;"
  "CREATE INDEX incidents_open_by_key ON incidents"
  "  (key_num, is_open, level, next_warn_at) WHERE is_open = 1;"
  "CREATE INDEX incidents_open_by_owner ON incidents"
  "  (owner, next_due IS NULL, next_due, reported_at) WHERE is_open = 1;"
  "CREATE INDEX incidents_open_by_alert ON incidents (next_alert_at) WHERE is_open = 1;"
  "CREATE TRIGGER incidents_no_delete BEFORE DELETE ON incidents BEGIN"
  "  SELECT RAISE (ABORT, 'incidents are never deleted');"
  "END;"

  "CREATE TABLE timeline ("
  "  id          INTEGER PRIMARY KEY,"
  "  incident_id INTEGER NOT NULL REFERENCES incidents (id),"
  "  occurred_at INTEGER NOT NULL,"
  "  recorded_at INTEGER NOT NULL,"
  "  author      TEXT,"
  "  kind        TEXT NOT NULL,"
  "  tag         TEXT,"
  "  text        TEXT,"
  "  detail      TEXT"
  ");"
  "CREATE INDEX timeline_by_incident ON timeline (incident_id, occurred_at);"
  "CREATE TRIGGER timeline_no_update BEFORE UPDATE ON timeline BEGIN"
  "  SELECT RAISE (ABORT, 'timeline entries cannot be changed');"
  "END;"
  "CREATE TRIGGER timeline_no_delete BEFORE DELETE ON timeline BEGIN"
  "  SELECT RAISE (ABORT, 'timeline entries are never deleted');"
  "END;"

  "CREATE TABLE complaints ("
  "  id          INTEGER PRIMARY KEY,"
  "  incident_id INTEGER NOT NULL REFERENCES incidents (id),"
  "  ref         TEXT,"
  "  customer    TEXT,"
  "  received_at INTEGER,"
  "  summary     TEXT,"
  "  attributed  INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX complaints_by_incident ON complaints (incident_id, received_at);"
  "CREATE TRIGGER complaints_no_delete BEFORE DELETE ON complaints BEGIN"
  "  SELECT RAISE (ABORT, 'complaints are never deleted');"
  "END;"

  "CREATE TABLE contacts ("
  "  id    INTEGER PRIMARY KEY,"
  "  name  TEXT NOT NULL,"
  "  role  TEXT NOT NULL,"
  "  email TEXT,"
  "  phone TEXT"
  ");"

  "CREATE TABLE policy ("
  "  level               INTEGER PRIMARY KEY CHECK (level BETWEEN 1 AND 3),"
  "  response_min        INTEGER NOT NULL CHECK (response_min > 0),"
  "  recovery_min        INTEGER NOT NULL CHECK (recovery_min > 0),"
  "  resolution_min      INTEGER NOT NULL CHECK (resolution_min > 0),"
  "  initial_notice_min  INTEGER NOT NULL CHECK (initial_notice_min >= 0),"
  "  progress_notice_min INTEGER NOT NULL CHECK (progress_notice_min >= 0)"
  ");"
  "CREATE TABLE policy_settings ("
  "  id            INTEGER PRIMARY KEY CHECK (id = 1),"
  "  warning_share REAL NOT NULL CHECK (warning_share > 0 AND warning_share < 1),"
  "  changed_at    INTEGER,"
  "  changed_by    TEXT"
  ");"

  "CREATE TABLE alerts ("
  "  id          INTEGER PRIMARY KEY,"
  "  incident_id INTEGER NOT NULL REFERENCES incidents (id),"
  "  alert_key   TEXT NOT NULL,"
  "  due_at      INTEGER,"
  "  raised_at   INTEGER NOT NULL,"
  "  UNIQUE (incident_id, alert_key)"
  ");"

  /* columnsize = 0: Sitrep does not rank matches, so the per-row token
   * counts are not stored (a third faster to fill) */
  "CREATE VIRTUAL TABLE incidents_fts USING fts5 ("
  "  title, service, symptoms, details,"
  "  content = 'incidents', content_rowid = 'id', columnsize = 0,"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "CREATE VIRTUAL TABLE timeline_fts USING fts5 ("
  "  text, content = 'timeline', content_rowid = 'id', columnsize = 0,"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");";

/* Version 2: the incidents a status report lists (neither closed nor
 * cancelled), which are few beside the history. */
static const char schema_v2[] =
  "CREATE INDEX incidents_unfinished_by_key ON incidents (key_num)"
  "  WHERE status NOT IN ('closed', 'cancelled');";

/* The full-text indexes of versions 1 and 2 followed the tables through
 * these triggers. */
static const char sql_create_v1_fts_triggers[] =
  "CREATE TRIGGER incidents_fts_insert AFTER INSERT ON incidents BEGIN"
  "  INSERT INTO incidents_fts (rowid, title, service, symptoms, details)"
  "    VALUES (new.id, new.title, new.service, new.symptoms, new.details);"
  "END;"
  "CREATE TRIGGER incidents_fts_update"
  "  AFTER UPDATE OF title, service, symptoms, details ON incidents"
  "  WHEN old.title IS NOT new.title OR old.service IS NOT new.service"
  "    OR old.symptoms IS NOT new.symptoms OR old.details IS NOT new.details"
  " BEGIN"
  "  INSERT INTO incidents_fts (incidents_fts, rowid, title, service, symptoms, details)"
  "    VALUES ('delete', old.id, old.title, old.service, old.symptoms, old.details);"
  "  INSERT INTO incidents_fts (rowid, title, service, symptoms, details)"
  "    VALUES (new.id, new.title, new.service, new.symptoms, new.details);"
  "END;"
  "CREATE TRIGGER timeline_fts_insert AFTER INSERT ON timeline BEGIN"
  "  INSERT INTO timeline_fts (rowid, text) VALUES (new.id, new.text);"
  "END;";

/* Version 3: one full-text document per incident, its row id the
 * incident's, holding the incident's text fields and the text of all its
 * timeline entries, so that a search finds incident ids directly. The
 * index reads its text from the view incident_text (external content), so
 * the text is not stored twice. The words of a document are a set:
 * the order in which the view joins the entries does not matter. */
static const char schema_v3[] =
  "DROP TRIGGER incidents_fts_insert;"
  "DROP TRIGGER incidents_fts_update;"
  "DROP TRIGGER timeline_fts_insert;"
  "DROP TABLE incidents_fts;"
  "DROP TABLE timeline_fts;"
  "CREATE VIEW incident_text (id, title, service, symptoms, details, timeline) AS"
  "  SELECT i.id, i.title, i.service, i.symptoms, i.details,"
  "    (SELECT group_concat (t.text, char (10)) FROM timeline AS t"
  "      WHERE t.incident_id = i.id)"
  "  FROM incidents AS i;"
  /* columnsize = 0: Sitrep does not rank matches, so the per-row token
   * counts are not stored */
  "CREATE VIRTUAL TABLE incident_search USING fts5 ("
  "  title, service, symptoms, details, timeline,"
  "  content = 'incident_text', content_rowid = 'id', columnsize = 0,"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "INSERT INTO incident_search (incident_search) VALUES ('rebuild');"
  /* A search looks up each match by id to filter and sort it: this narrow
   * copy of the filter and sort keys spares reading whole incident rows
   * scattered through a large file. */
  "CREATE INDEX incidents_search_keys ON incidents"
  "  (id, is_open, level, next_due, reported_at, next_warn_at, key_num);";

/* The triggers of version 3 and 4 (version 5 replaces them). */
static const char sql_create_v3_fts_triggers[] =
  "CREATE TRIGGER incident_search_insert AFTER INSERT ON incidents BEGIN"
  "  INSERT INTO incident_search (rowid, title, service, symptoms, details, timeline)"
  "    SELECT id, title, service, symptoms, details, timeline FROM incident_text"
  "    WHERE id = new.id;"
  "END;"
  "CREATE TRIGGER incident_search_update"
  "  AFTER UPDATE OF title, service, symptoms, details ON incidents"
  "  WHEN old.title IS NOT new.title OR old.service IS NOT new.service"
  "    OR old.symptoms IS NOT new.symptoms OR old.details IS NOT new.details"
  " BEGIN"
  "  INSERT INTO incident_search (incident_search, rowid, title, service, symptoms, details,"
  "                               timeline)"
  "    SELECT 'delete', old.id, old.title, old.service, old.symptoms, old.details, timeline"
  "    FROM incident_text WHERE id = old.id;"
  "  INSERT INTO incident_search (rowid, title, service, symptoms, details, timeline)"
  "    SELECT id, title, service, symptoms, details, timeline FROM incident_text"
  "    WHERE id = new.id;"
  "END;"
  "CREATE TRIGGER incident_search_before_entry BEFORE INSERT ON timeline"
  "  WHEN new.text IS NOT NULL"
  " BEGIN"
  "  INSERT INTO incident_search (incident_search, rowid, title, service, symptoms, details,"
  "                               timeline)"
  "    SELECT 'delete', id, title, service, symptoms, details, timeline FROM incident_text"
  "    WHERE id = new.incident_id;"
  "END;"
  "CREATE TRIGGER incident_search_after_entry AFTER INSERT ON timeline"
  "  WHEN new.text IS NOT NULL"
  " BEGIN"
  "  INSERT INTO incident_search (rowid, title, service, symptoms, details, timeline)"
  "    SELECT id, title, service, symptoms, details, timeline FROM incident_text"
  "    WHERE id = new.incident_id;"
  "END;";

/* The full-text index follows the tables through triggers (an import
 * drops them for its transaction and fills the index in bulk). An
 * incident's document is replaced when one of its text fields changes and
 * when a timeline entry with text is added to it: its old words are
 * removed before the entry is inserted and the new ones added after.
 * Since version 5 a document also holds the people of an incident (its
 * owner, reporter, the authors of its entries and the customers of its
 * complaints): a change to any of them replaces the document too. The old
 * words are read from incident_text before the change and the new ones
 * after it, so that the view is the one place that says what a document
 * holds. */
#define SQL_SEARCH_DOCUMENT(where) \
  "INSERT INTO incident_search (rowid, " SITREP_SEARCH_COLUMNS ")" \
  "  SELECT id, " SITREP_SEARCH_COLUMNS " FROM incident_text WHERE " where ";"
#define SQL_SEARCH_DELETE(where) \
  "INSERT INTO incident_search (incident_search, rowid, " SITREP_SEARCH_COLUMNS ")" \
  "  SELECT 'delete', id, " SITREP_SEARCH_COLUMNS " FROM incident_text WHERE " where ";"
/* The incident columns a document is made of. */
#define SQL_SEARCH_INCIDENT_CHANGED \
  "  WHEN old.title IS NOT new.title OR old.service IS NOT new.service" \
  "    OR old.symptoms IS NOT new.symptoms OR old.details IS NOT new.details" \
  "    OR old.owner IS NOT new.owner OR old.reporter_name IS NOT new.reporter_name" \
  "    OR old.team IS NOT new.team"
#define SQL_CREATE_FTS_TRIGGERS \
  "CREATE TRIGGER incident_search_insert AFTER INSERT ON incidents BEGIN" \
  "  " SQL_SEARCH_DOCUMENT ("id = new.id") \
  "END;" \
  "CREATE TRIGGER incident_search_before_update" \
  "  BEFORE UPDATE OF title, service, symptoms, details, owner, reporter_name, team" \
  "  ON incidents" \
  SQL_SEARCH_INCIDENT_CHANGED \
  " BEGIN" \
  "  " SQL_SEARCH_DELETE ("id = old.id") \
  "END;" \
  "CREATE TRIGGER incident_search_update" \
  "  AFTER UPDATE OF title, service, symptoms, details, owner, reporter_name, team" \
  "  ON incidents" \
  SQL_SEARCH_INCIDENT_CHANGED \
  " BEGIN" \
  "  " SQL_SEARCH_DOCUMENT ("id = new.id") \
  "END;" \
  "CREATE TRIGGER incident_search_before_entry BEFORE INSERT ON timeline" \
  "  WHEN new.text IS NOT NULL OR new.author IS NOT NULL" \
  " BEGIN" \
  "  " SQL_SEARCH_DELETE ("id = new.incident_id") \
  "END;" \
  "CREATE TRIGGER incident_search_after_entry AFTER INSERT ON timeline" \
  "  WHEN new.text IS NOT NULL OR new.author IS NOT NULL" \
  " BEGIN" \
  "  " SQL_SEARCH_DOCUMENT ("id = new.incident_id") \
  "END;" \
  "CREATE TRIGGER complaint_search_before_insert BEFORE INSERT ON complaints" \
  "  WHEN new.customer IS NOT NULL" \
  " BEGIN" \
  "  " SQL_SEARCH_DELETE ("id = new.incident_id") \
  "END;" \
  "CREATE TRIGGER complaint_search_after_insert AFTER INSERT ON complaints" \
  "  WHEN new.customer IS NOT NULL" \
  " BEGIN" \
  "  " SQL_SEARCH_DOCUMENT ("id = new.incident_id") \
  "END;" \
  "CREATE TRIGGER complaint_search_before_update" \
  "  BEFORE UPDATE OF customer, incident_id ON complaints" \
  "  WHEN old.customer IS NOT new.customer OR old.incident_id IS NOT new.incident_id" \
  " BEGIN" \
  "  " SQL_SEARCH_DELETE ("id IN (old.incident_id, new.incident_id)") \
  "END;" \
  "CREATE TRIGGER complaint_search_update" \
  "  AFTER UPDATE OF customer, incident_id ON complaints" \
  "  WHEN old.customer IS NOT new.customer OR old.incident_id IS NOT new.incident_id" \
  " BEGIN" \
  "  " SQL_SEARCH_DOCUMENT ("id IN (old.incident_id, new.incident_id)") \
  "END;"

/* Version 4: what reports are made of. A complaint's boolean "attributed"
 * becomes a three-way verdict (attributed, not attributed with a reason,
 * or not yet analysed, which is what "not attributed" meant until now) and
 * gets the channel it came through (unknown for the old ones: "other");
 * an incident gets the final report's fields and its teams' sections.
 * The monthly analysis's indexes come with it. */
static const char schema_v4[] =
  "ALTER TABLE complaints ADD COLUMN verdict TEXT NOT NULL DEFAULT 'not-analysed'"
  "  CHECK (verdict IN ('not-analysed', 'attributed', 'not-attributed'));"
  "ALTER TABLE complaints ADD COLUMN verdict_reason TEXT;"
  "ALTER TABLE complaints ADD COLUMN channel TEXT NOT NULL DEFAULT 'other';"
  "UPDATE complaints SET verdict = 'attributed' WHERE attributed != 0;"
  "ALTER TABLE complaints DROP COLUMN attributed;"
  "ALTER TABLE incidents ADD COLUMN impact TEXT;"
  "ALTER TABLE incidents ADD COLUMN affected_count INTEGER"
  "  CHECK (affected_count IS NULL OR affected_count >= 0);"
  "ALTER TABLE incidents ADD COLUMN corrective_actions TEXT;"
  "ALTER TABLE incidents ADD COLUMN lessons_learned TEXT;"
  "CREATE TABLE team_sections ("
  "  id          INTEGER PRIMARY KEY,"
  "  incident_id INTEGER NOT NULL REFERENCES incidents (id),"
  "  team        TEXT NOT NULL,"
  "  author      TEXT,"
  "  text        TEXT,"
  "  updated_at  INTEGER NOT NULL,"
  "  UNIQUE (incident_id, team)"
  ");"
  SITREP_MONTHLY_INDEX_SQL;

/* Version 5: what a shift needs beyond the record of one incident. Each
 * part is its own statement list, run in this order in one transaction. */
static const char *const schema_v5[] = {
  /* when this database's deadlines were last watched: alerts are recorded
   * only for deadlines that came due since then */
  "CREATE TABLE watch_state ("
  "  id              INTEGER PRIMARY KEY CHECK (id = 1),"
  "  last_watched_at INTEGER"
  ");",
  /* which rules a record must follow (1) or the policy relaxes (0) */
  "ALTER TABLE policy_settings ADD COLUMN resolve_needs_cause INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE policy_settings ADD COLUMN cancel_needs_reason INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE policy_settings ADD COLUMN lower_needs_reason INTEGER NOT NULL DEFAULT 1;",
  /* holds and functional escalation: the spans an incident was on hold
   * (with the clocks each paused), its team, and the policy's paused clocks */
  "CREATE TABLE holds ("
  "  id          INTEGER PRIMARY KEY,"
  "  incident_id INTEGER NOT NULL REFERENCES incidents (id),"
  "  started_at  INTEGER NOT NULL,"
  "  ended_at    INTEGER CHECK (ended_at IS NULL OR ended_at >= started_at),"
  "  reason      TEXT NOT NULL,"
  "  author      TEXT,"
  "  pauses      INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX holds_by_incident ON holds (incident_id, started_at);"
  "CREATE UNIQUE INDEX holds_one_running ON holds (incident_id) WHERE ended_at IS NULL;"
  "CREATE TRIGGER holds_no_delete BEFORE DELETE ON holds BEGIN"
  "  SELECT RAISE (ABORT, 'holds are never deleted');"
  "END;"
  "ALTER TABLE incidents ADD COLUMN team TEXT;"
  "ALTER TABLE incidents ADD COLUMN team_assigned_at INTEGER;"
  "ALTER TABLE incidents ADD COLUMN team_resolved_at INTEGER;"
  "ALTER TABLE incidents ADD COLUMN team_resolution TEXT;"
  "ALTER TABLE policy_settings ADD COLUMN hold_pauses INTEGER NOT NULL DEFAULT 4;",
  /* people in the search: owners, reporters, entry authors, complaint customers,
   * and the team an incident is escalated to */
  "DROP TRIGGER incident_search_insert;"
  "DROP TRIGGER incident_search_update;"
  "DROP TRIGGER incident_search_before_entry;"
  "DROP TRIGGER incident_search_after_entry;"
  "DROP TABLE incident_search;"
  "DROP VIEW incident_text;"
  "CREATE VIEW incident_text (id, title, service, symptoms, details, timeline, people) AS"
  "  SELECT i.id, i.title, i.service, i.symptoms, i.details,"
  "    (SELECT group_concat (t.text, char (10)) FROM timeline AS t"
  "      WHERE t.incident_id = i.id),"
  "    ifnull (i.owner, '')"
  "    || char (10) || ifnull (i.reporter_name, '')"
  "    || char (10) || ifnull (i.team, '')"
  "    || char (10) || ifnull ((SELECT group_concat (DISTINCT t.author) FROM timeline AS t"
  "                             WHERE t.incident_id = i.id), '')"
  "    || char (10) || ifnull ((SELECT group_concat (c.customer, char (10))"
  "                             FROM complaints AS c WHERE c.incident_id = i.id), '')"
  "  FROM incidents AS i;"
  "CREATE VIRTUAL TABLE incident_search USING fts5 ("
  "  " SITREP_SEARCH_COLUMNS ","
  "  content = 'incident_text', content_rowid = 'id', columnsize = 0,"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "INSERT INTO incident_search (incident_search) VALUES ('rebuild');"
  SQL_CREATE_FTS_TRIGGERS,
  /* a correction entry names the entry it corrects, which stays as it was */
  "ALTER TABLE timeline ADD COLUMN corrects INTEGER REFERENCES timeline (id);",
  /* links between incidents (duplicate of, related to, caused by, child
   * of a major incident); a removed link keeps its row with removed_at */
  "CREATE TABLE links ("
  "  id          INTEGER PRIMARY KEY,"
  "  incident_id INTEGER NOT NULL REFERENCES incidents (id),"
  "  target_id   INTEGER NOT NULL REFERENCES incidents (id),"
  "  kind        TEXT NOT NULL CHECK (kind IN ('duplicate-of', 'related-to', 'caused-by',"
  "                'child-of')),"
  "  created_at  INTEGER NOT NULL,"
  "  author      TEXT,"
  "  removed_at  INTEGER,"
  "  removed_by  TEXT,"
  "  CHECK (target_id != incident_id)"
  ");"
  "CREATE UNIQUE INDEX links_holding ON links (incident_id, target_id, kind)"
  "  WHERE removed_at IS NULL;"
  "CREATE INDEX links_by_target ON links (target_id, kind);"
  "CREATE TRIGGER links_no_delete BEFORE DELETE ON links BEGIN"
  "  SELECT RAISE (ABORT, 'links are never deleted');"
  "END;",
};

const char _sitrep_store_sql_create_fts_triggers[] = SQL_CREATE_FTS_TRIGGERS;

const char _sitrep_store_sql_drop_fts_triggers[] =
  "DROP TRIGGER incident_search_insert;"
  "DROP TRIGGER incident_search_before_update;"
  "DROP TRIGGER incident_search_update;"
  "DROP TRIGGER incident_search_before_entry;"
  "DROP TRIGGER incident_search_after_entry;"
  "DROP TRIGGER complaint_search_before_insert;"
  "DROP TRIGGER complaint_search_after_insert;"
  "DROP TRIGGER complaint_search_before_update;"
  "DROP TRIGGER complaint_search_update;";

/* Version 6: each incident's row counts its writes, so that a change
 * decided on what an older version showed is told apart from one made on
 * the current state (sitrep_store_expect_version()). */
static const char schema_v6[] =
  "ALTER TABLE incidents ADD COLUMN version INTEGER NOT NULL DEFAULT 1;";

typedef gboolean (*Migration) (SitrepStore  *self,
                               GError      **error);

static gboolean
migrate_to_1 (SitrepStore  *self,
              GError      **error)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autofree char *pragma = g_strdup_printf ("PRAGMA application_id = %d", DB_APPLICATION_ID);

  return exec_sql (self, schema_v1, error) &&
         exec_sql (self, sql_create_v1_fts_triggers, error) &&
         exec_sql (self, pragma, error) &&
         _sitrep_store_write_policy (self, policy, NULL, error);
}

static gboolean
migrate_to_2 (SitrepStore  *self,
              GError      **error)
{
  return exec_sql (self, schema_v2, error);
}

static gboolean
migrate_to_3 (SitrepStore  *self,
              GError      **error)
{
  gint64 analyzed = 0;

  /* A database analyzed after a large import gets statistics of the new
   * index too, or the planner would not know that it is the cheaper one. */
  return exec_sql (self, schema_v3, error) &&
         exec_sql (self, sql_create_v3_fts_triggers, error) &&
         query_int64 (self, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'",
                      &analyzed, error) &&
         (analyzed == 0 || exec_sql (self, "ANALYZE incidents", error));
}

static gboolean
migrate_to_4 (SitrepStore  *self,
              GError      **error)
{
  return exec_sql (self, schema_v4, error);
}

static gboolean
migrate_to_5 (SitrepStore  *self,
              GError      **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (schema_v5); i++)
    if (!exec_sql (self, schema_v5[i], error))
      return FALSE;

  return TRUE;
}

static gboolean
migrate_to_6 (SitrepStore  *self,
              GError      **error)
{
  return exec_sql (self, schema_v6, error);
}

/* migrations[n] brings a database from version n to n + 1. */
static const Migration migrations[] = {
  migrate_to_1,
  migrate_to_2,
  migrate_to_3,
  migrate_to_4,
  migrate_to_5,
  migrate_to_6,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SCHEMA_VERSION);

gboolean
_sitrep_store_migrate (SitrepStore  *self,
                       int           from,
                       GError      **error)
{
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", SCHEMA_VERSION);

  if (from == SCHEMA_VERSION)
    return TRUE;

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (int version = from; version < SCHEMA_VERSION; version++)
    if (!migrations[version] (self, error))
      {
        _sitrep_store_rollback (self);
        return FALSE;
      }

  if (!exec_sql (self, pragma, error) || !exec_sql (self, "COMMIT", error))
    {
      _sitrep_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

/* The tables whose every page a large database's check reads: the
 * incidents (what every list and --status read) and their complaints.
 * The timeline is four times the incidents' size; it is checked when read. */
static const char *const sql_walk_tables[] = {
  "SELECT count(*) FROM incidents NOT INDEXED",
  "SELECT count(*) FROM complaints NOT INDEXED",
};

/* Counting the rows of a table through its own b-tree (NOT INDEXED: not
 * through a smaller index) visits each of its pages and checks each
 * page's header and, with cell_size_check, its cells: a page overwritten
 * with anything else is SQLITE_CORRUPT. It does not compare indexes with
 * their tables, and overflow pages (a very long text) are not read, which
 * is what makes it many times cheaper than quick_check: about 20-80 ms
 * for the 20 MB of incidents of a 150 MB database, against 0.5-1 s for
 * quick_check of that table alone. It runs before the page cache is
 * enlarged, so that it does not fill 32 MB of cache it will not reuse. */
static gboolean
walk_tables (SitrepStore  *self,
             GError      **error)
{
  gboolean ok = exec_sql (self, "PRAGMA cell_size_check = ON", error);

  for (guint i = 0; ok && i < G_N_ELEMENTS (sql_walk_tables); i++)
    {
      gint64 count;

      ok = query_int64 (self, sql_walk_tables[i], &count, error);
    }

  exec_sql (self, "PRAGMA cell_size_check = OFF", NULL);
  return ok;
}

/* A full check reads the whole file: a small database (up to
 * full_check_max_bytes, a few thousand incidents) is checked whole, but on
 * a large one it would delay every start by a fraction of a second per
 * 40 MB. There the check is the header (check_file()), the schema (read
 * and parsed by open_database() before this), the policy table, and every
 * page of the incidents and complaints tables (walk_tables()). Damage
 * anywhere else, in the timeline, an index or the search index, is
 * reported by the statement that reads it, as SITREP_STORE_ERROR_CORRUPT
 * naming the file (set_db_error()). */
gboolean
_sitrep_store_check_integrity (SitrepStore  *self,
                               int           version,
                               GError      **error)
{
  gboolean large = version >= 1 && self->file_size > full_check_max_bytes;
  SitrepDbStmt *stmt = NULL;
  const char *sql = "PRAGMA quick_check";
  const char *result;
  gboolean ok;
  int rc;

  if (large)
    sql = "PRAGMA quick_check (policy)";

  {
    GError *db_error = NULL;

    stmt = sitrep_db_prepare (self->db, sql, &db_error);
    if (!db_result (self, stmt != NULL, db_error, error))
      return FALSE;
  }

  rc = sitrep_db_step (stmt);
  if (rc != SITREP_DB_ROW)
    {
      set_db_error (self, rc, error);
      sitrep_db_finalize (stmt);
      return FALSE;
    }

  result = sitrep_db_column_text (stmt, 0);
  ok = g_strcmp0 (result, "ok") == 0;
  if (!ok)
    g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT,
                 _("The database “%s” is damaged (%s)"), self->path,
                 result != NULL ? result : "?");

  sitrep_db_finalize (stmt);
  return ok && (!large || walk_tables (self, error));
}

/* FTS5 removes the pages of each segment it has merged away with
 * DELETE FROM incident_search_data WHERE id >= ? AND id <= ?, a range of
 * row ids. SQLite's planner reads it as a scan of the whole table when
 * sqlite_stat1 says the table holds a few rows, and that is what ANALYZE
 * records when it runs before the search index is filled, as an import's
 * does (analyze_import()). On 1,000,000 incidents each such statement
 * then read all 90 MB of the index, about 60 ms, and the write that
 * finished a merge, about one in sixteen, took a second. Counts the
 * index's pages again when the statistics say fewer than it holds. It
 * runs at every opening, so it reads pages only where the statistics
 * count fewer than SEARCH_STATISTICS_CHECK, and then no more than one
 * beyond that count; it does nothing where there are no statistics (the
 * planner's defaults suit FTS5's lookups). */
gboolean
_sitrep_store_settle_search_statistics (SitrepStore  *self,
                                        GError      **error)
{
  gint64 analyzed = 0;
  gint64 recorded = -1;
  gint64 pages = 0;

  if (self->team)
    return TRUE;

  if (!query_int64 (self, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'",
                    &analyzed, error))
    return FALSE;
  if (analyzed == 0)
    return TRUE;

  if (!query_int64 (self,
                    "SELECT COALESCE ((SELECT CAST(stat AS INTEGER) FROM sqlite_stat1 "
                    "WHERE tbl = 'incident_search_data' AND idx IS NULL), -1)",
                    &recorded, error))
    return FALSE;

  /* a count that large already makes the planner look pages up */
  if (recorded < 0 || recorded >= SEARCH_STATISTICS_CHECK)
    return TRUE;

  {
    g_autoptr(SitrepDbStmt) stmt =
      get_stmt (self, "SELECT count(*) FROM (SELECT 1 FROM incident_search_data LIMIT ?1)", error);

    if (stmt == NULL)
      return FALSE;
    sitrep_db_bind_int64 (stmt, 1, recorded + 1);
    if (!step_int64 (self, stmt, &pages, error))
      return FALSE;
  }

  if (pages <= recorded)
    return TRUE;

  return exec_sql (self, "ANALYZE incident_search_data", error);
}

/* The schema version of a Sitrep database must be one a Sitrep wrote:
 * from 0 (new) on. A negative one (a user_version is any 32-bit number)
 * would index before the migrations. */
static gboolean
check_version (SitrepStore  *self,
               gint64        version,
               GError      **error)
{
  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer version of Sitrep "
                     "(database version %d; this version knows up to %d)"),
                   self->path, (int) version, SCHEMA_VERSION);
      return FALSE;
    }

  if (version < 0)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT,
                   _("The database “%s” is damaged: its version number %d is impossible"),
                   self->path, (int) version);
      return FALSE;
    }

  return TRUE;
}

/* The schema version of the open file, once it is known to be a Sitrep
 * database (or a new, empty one: version 0) that this Sitrep can open. */
gboolean
_sitrep_store_read_version (SitrepStore  *self,
                            gint64       *version,
                            GError      **error)
{
  gint64 application_id = 0;
  gint64 n_objects = 0;

  if (!query_int64 (self, "PRAGMA application_id", &application_id, error) ||
      !query_int64 (self, "PRAGMA user_version", version, error) ||
      !query_int64 (self, "SELECT count(*) FROM sqlite_master", &n_objects, error))
    return FALSE;

  if ((application_id != 0 && application_id != DB_APPLICATION_ID) ||
      (application_id == 0 && (*version != 0 || n_objects != 0)))
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is a database of another program, not of Sitrep"), self->path);
      return FALSE;
    }

  return check_version (self, *version, error);
}

/**
 * sitrep_store_set_full_check_max_bytes:
 * @max_bytes: the largest database file checked whole when opened
 *
 * Sets up to which size sitrep_store_open() runs SQLite's full
 * `quick_check`; larger files get the structural check only. Applies to
 * every store opened afterwards in this process.
 */
void
sitrep_store_set_full_check_max_bytes (gint64 max_bytes)
{
  full_check_max_bytes = MAX (0, max_bytes);
}
