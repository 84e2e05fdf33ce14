/* sitrep-store.c
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
#include <sqlite3.h>

#include "sitrep-enums.h"
#include "sitrep-sla.h"
#include "sitrep-store.h"
#include "sitrep-store-private.h"
#include "sitrep-store-version.h"
#include "sitrep-time.h"

/*
 * SitrepStore owns Sitrep's SQLite database: its schema and migrations, the
 * incident lifecycle rules, and every read and write. Each write is one
 * transaction; the columns the ticket list sorts and filters on
 * (next_due, next_warn_at, next_alert_at, is_open) are computed here, with
 * the SLA engine, in the same transaction as the write that changes them.
 *
 * Nothing is ever deleted: triggers in the database refuse to delete
 * incidents, complaints and timeline entries, and to change timeline
 * entries.
 */

#define SCHEMA_VERSION           SITREP_STORE_SCHEMA_VERSION
#define DB_APPLICATION_ID        SITREP_STORE_APPLICATION_ID
#define DEFAULT_BUSY_TIMEOUT_MS  3000
#define FUTURE_SLACK             60          /* seconds of clock skew accepted */
#define SYSTEM_AUTHOR            "Sitrep"
#define EXTERNAL_CHECK_DELAY_MS  250
/* Up to this size a database is checked whole when opened (SQLite reads
 * about 200 MB a second doing so); see check_integrity(). */
#define FULL_CHECK_MAX_BYTES     (G_GINT64_CONSTANT (16) * 1024 * 1024)
/* page caches, in KiB (negative: SQLite's unit for a size in KiB) */
#define CACHE_SIZE_PRAGMA        "PRAGMA cache_size = -32768"
#define IMPORT_CACHE_SIZE_PRAGMA "PRAGMA cache_size = -131072"
/* an import that adds this many incidents refreshes the planner's
 * statistics, so that the next queries are planned for the new size */
#define ANALYZE_AFTER_IMPORT     1000

struct _SitrepStore
{
  GObject        parent_instance;

  char          *path;
  SitrepClock   *clock;
  sqlite3       *db;
  GHashTable    *statements;      /* static SQL (by address) → sqlite3_stmt */
  GHashTable    *queries;         /* SQL text made by sitrep_store_query() → sqlite3_stmt */
  SitrepPolicy  *policy;
  int            schema_version;
  gint64         file_size;       /* when opened */
  int            busy_timeout_ms;
  gint64         data_version;

  GFileMonitor  *wal_monitor;
  GSource       *external_check_source;

  gboolean       read_only;
  /* opened by sitrep_store_open_reader(): refuses every write, and the
   * policy is re-read when another connection committed */
  gboolean       reader;

  /* between sitrep_store_import_begin() and _commit() or _rollback() */
  gboolean       in_import;
  gint64         import_max_key;
  gint64         import_last_incident;  /* the last incident id before the import */
  SitrepPolicy  *import_policy;
};

G_DEFINE_FINAL_TYPE (SitrepStore, sitrep_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (sitrep-store-error-quark, sitrep_store_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_CLOCK,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64 full_check_max_bytes = FULL_CHECK_MAX_BYTES;

enum {
  INCIDENT_CHANGED,
  CHANGED,
  CONTACTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A cached statement, reset (and its read snapshot released) when it goes
 * out of scope. */
typedef sqlite3_stmt Stmt;

static void
release_stmt (Stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Stmt, release_stmt)

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* What the store computes for the ticket list and the scheduler. */
typedef struct
{
  gint64 next_due;
  gint64 next_warn_at;
  gint64 next_alert_at;
} Computed;

#define STATUS_BIT(s) (1u << (s))

/* The lifecycle: which statuses each transition may start from, and where
 * it leads. The single truth for the store and the user interface. */
static const struct
{
  guint        from;
  SitrepStatus to;
} transitions[] = {
  [SITREP_TRANSITION_ACKNOWLEDGE] = { STATUS_BIT (SITREP_STATUS_NEW),
                                      SITREP_STATUS_ACKNOWLEDGED },
  [SITREP_TRANSITION_RECOVER]     = { STATUS_BIT (SITREP_STATUS_ACKNOWLEDGED),
                                      SITREP_STATUS_RECOVERED },
  [SITREP_TRANSITION_RESOLVE]     = { STATUS_BIT (SITREP_STATUS_RECOVERED),
                                      SITREP_STATUS_RESOLVED },
  [SITREP_TRANSITION_TRANSFER]    = { STATUS_BIT (SITREP_STATUS_RECOVERED),
                                      SITREP_STATUS_TRANSFERRED },
  [SITREP_TRANSITION_CLOSE]       = { STATUS_BIT (SITREP_STATUS_RESOLVED) |
                                      STATUS_BIT (SITREP_STATUS_TRANSFERRED),
                                      SITREP_STATUS_CLOSED },
  [SITREP_TRANSITION_REOPEN]      = { STATUS_BIT (SITREP_STATUS_RESOLVED) |
                                      STATUS_BIT (SITREP_STATUS_TRANSFERRED) |
                                      STATUS_BIT (SITREP_STATUS_CLOSED),
                                      SITREP_STATUS_ACKNOWLEDGED },
  [SITREP_TRANSITION_CANCEL]      = { STATUS_BIT (SITREP_STATUS_NEW) |
                                      STATUS_BIT (SITREP_STATUS_ACKNOWLEDGED) |
                                      STATUS_BIT (SITREP_STATUS_RECOVERED),
                                      SITREP_STATUS_CANCELLED },
};

/* The incident fields sitrep_store_set_field() may change. */
typedef enum
{
  FIELD_TEXT,
  FIELD_LONG_TEXT,
  FIELD_CHANNEL,
  FIELD_CAUSE,
  FIELD_TIME,
} FieldType;

static const struct
{
  const char *name;
  const char *property;
  FieldType   type;
  gboolean    required;
  const char *label;
} fields[] = {
  { "title",            "title",            FIELD_TEXT,      TRUE,  N_("Title") },
  { "service",          "service",          FIELD_TEXT,      TRUE,  N_("Service") },
  { "reporter_name",    "reporter-name",    FIELD_TEXT,      FALSE, N_("Reporter") },
  { "reporter_contact", "reporter-contact", FIELD_TEXT,      FALSE, N_("Reporter contact") },
  { "reporter_channel", "reporter-channel", FIELD_CHANNEL,   FALSE, N_("Reporting channel") },
  { "symptoms",         "symptoms",         FIELD_LONG_TEXT, FALSE, N_("Symptoms") },
  { "details",          "details",          FIELD_LONG_TEXT, FALSE, N_("Details") },
  { "occurred_at",      "occurred-at",      FIELD_TIME,      FALSE, N_("Fault start") },
  { "cause_category",   "cause-category",   FIELD_CAUSE,     FALSE, N_("Cause category") },
  { "root_cause",       "root-cause",       FIELD_LONG_TEXT, FALSE, N_("Root cause") },
  { "resolution",       "resolution",       FIELD_LONG_TEXT, FALSE, N_("Resolution") },
};

/* ------------------------------------------------------------------------
 * SQL
 */

#define INCIDENT_COLUMNS \
  "id, key_num, title, service, level, status, reporter_name, reporter_contact, " \
  "reporter_channel, symptoms, details, occurred_at, reported_at, acknowledged_at, " \
  "recovered_at, resolved_at, transferred_at, transferred_to, closed_at, cancelled_at, " \
  "owner, cause_category, root_cause, resolution, initial_notice_at, " \
  "progress_notice_at, progress_notice_count, rectification_notice_at, " \
  "escalation_notice_at"

static const char sql_select_incident[] =
  "SELECT " INCIDENT_COLUMNS " FROM incidents WHERE id = ?1";

static const char sql_select_open_incidents[] =
  "SELECT " INCIDENT_COLUMNS " FROM incidents WHERE is_open = 1";

static const char sql_insert_incident[] =
  "INSERT INTO incidents (key_num, title, service, level, status, reporter_name, "
  "reporter_contact, reporter_channel, symptoms, details, occurred_at, reported_at, "
  "acknowledged_at, recovered_at, resolved_at, transferred_at, transferred_to, closed_at, "
  "cancelled_at, owner, cause_category, root_cause, resolution, initial_notice_at, "
  "progress_notice_at, progress_notice_count, rectification_notice_at, "
  "escalation_notice_at, is_open, next_due, next_warn_at, next_alert_at) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
  "?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32)";

static const char sql_update_incident[] =
  "UPDATE incidents SET title = ?2, service = ?3, level = ?4, status = ?5, "
  "reporter_name = ?6, reporter_contact = ?7, reporter_channel = ?8, symptoms = ?9, "
  "details = ?10, occurred_at = ?11, reported_at = ?12, acknowledged_at = ?13, "
  "recovered_at = ?14, resolved_at = ?15, transferred_at = ?16, transferred_to = ?17, "
  "closed_at = ?18, cancelled_at = ?19, owner = ?20, cause_category = ?21, "
  "root_cause = ?22, resolution = ?23, initial_notice_at = ?24, "
  "progress_notice_at = ?25, progress_notice_count = ?26, "
  "rectification_notice_at = ?27, escalation_notice_at = ?28, is_open = ?29, "
  "next_due = ?30, next_warn_at = ?31, next_alert_at = ?32 WHERE id = ?1";

static const char sql_update_computed[] =
  "UPDATE incidents SET next_due = ?2, next_warn_at = ?3, next_alert_at = ?4 "
  "WHERE id = ?1";

static const char sql_insert_entry[] =
  "INSERT INTO timeline (incident_id, occurred_at, recorded_at, author, kind, tag, "
  "text, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

static const char sql_select_entries[] =
  "SELECT id, incident_id, occurred_at, recorded_at, author, kind, tag, text, detail "
  "FROM timeline WHERE incident_id = ?1 ORDER BY occurred_at, id";

static const char sql_insert_complaint[] =
  "INSERT INTO complaints (incident_id, ref, customer, received_at, summary, attributed) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

static const char sql_select_complaints[] =
  "SELECT id, incident_id, ref, customer, received_at, summary, attributed "
  "FROM complaints WHERE incident_id = ?1 ORDER BY received_at, id";

static const char sql_select_raised[] =
  "SELECT alert_key FROM alerts WHERE incident_id = ?1";

static const char sql_insert_alert[] =
  "INSERT OR IGNORE INTO alerts (incident_id, alert_key, due_at, raised_at) "
  "VALUES (?1, ?2, ?3, ?4)";

static const char sql_find_key[] =
  "SELECT id FROM incidents WHERE key_num = ?1";

/* The WHERE clause repeats the index's own, so that the index serves it. */
static const char sql_select_unfinished[] =
  "SELECT id FROM incidents INDEXED BY incidents_unfinished_by_key "
  "WHERE status NOT IN ('closed', 'cancelled') ORDER BY key_num DESC";

/* The earliest alert moment: the first row of a partial index, whatever
 * statistics the planner has. */
static const char sql_next_alert[] =
  "SELECT next_alert_at FROM incidents INDEXED BY incidents_open_by_alert "
  "WHERE is_open = 1 AND next_alert_at IS NOT NULL ORDER BY next_alert_at LIMIT 1";

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

/* The full-text index follows the tables through triggers (an import
 * drops them for its transaction and fills the index in bulk). An
 * incident's document is replaced when one of its text fields changes and
 * when a timeline entry with text is added to it: its old words are
 * removed before the entry is inserted and the new ones added after. */
static const char sql_create_fts_triggers[] =
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

static const char sql_drop_fts_triggers[] =
  "DROP TRIGGER incident_search_insert;"
  "DROP TRIGGER incident_search_update;"
  "DROP TRIGGER incident_search_before_entry;"
  "DROP TRIGGER incident_search_after_entry;";

/* ------------------------------------------------------------------------
 * Errors
 */

static void
set_db_error (SitrepStore  *self,
              int           rc,
              GError      **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_LOCKED,
                   _("The database “%s” is locked by another program; "
                     "try again when it has finished"),
                   self->path);
      break;

    case SQLITE_NOTADB:
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Sitrep database"), self->path);
      break;

    case SQLITE_CORRUPT:
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT,
                   _("The database “%s” is damaged (%s)"), self->path, detail);
      break;

    case SQLITE_FULL:
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_DISK_FULL,
                   _("The disk is full: nothing could be written to “%s”"), self->path);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_READ_ONLY,
                   _("The database “%s” cannot be written to"), self->path);
      break;

    default:
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                   _("Error in the database “%s”: %s"), self->path, detail);
      break;
    }
}

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

/* ------------------------------------------------------------------------
 * Statements and values
 */

static Stmt *
prepare_cached (SitrepStore  *self,
                GHashTable   *cache,
                const char   *sql,
                gboolean      copy_key,
                GError      **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (cache, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  g_hash_table_insert (cache, copy_key ? g_strdup (sql) : (gpointer) sql, stmt);
  return stmt;
}

/* A prepared statement for SQL that lives as long as the program (a
 * literal or a static array): cached by its address. */
static Stmt *
get_stmt (SitrepStore  *self,
          const char   *sql,
          GError      **error)
{
  return prepare_cached (self, self->statements, sql, FALSE, error);
}

static gboolean
exec_sql (SitrepStore  *self,
          const char   *sql,
          GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_db_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Runs a statement that returns no row (or ignores its rows). */
static gboolean
step_done (SitrepStore  *self,
           Stmt         *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;

  set_db_error (self, rc, error);
  return FALSE;
}

/* Runs a statement whose first column of the first row is an integer;
 * *value is 0 when there is no row or the value is NULL. */
static gboolean
step_int64 (SitrepStore  *self,
            Stmt         *stmt,
            gint64       *value,
            GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    {
      *value = 0;
      return TRUE;
    }

  set_db_error (self, rc, error);
  return FALSE;
}

static void
bind_text (Stmt       *stmt,
           int         index,
           const char *text)
{
  /* Every bound string outlives the step; the bindings are cleared when
   * the statement is released. */
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

/* Times: SITREP_TIME_NONE is stored as NULL. */
static void
bind_time (Stmt   *stmt,
           int     index,
           gint64  time)
{
  if (time != SITREP_TIME_NONE)
    sqlite3_bind_int64 (stmt, index, time);
  else
    sqlite3_bind_null (stmt, index);
}

static const char *
column_text (Stmt *stmt,
             int   index)
{
  return (const char *) sqlite3_column_text (stmt, index);
}

static const char *
enum_nick (GType type,
           int   value)
{
  return sitrep_enum_to_nick (type, value);
}

static int
enum_value (GType       type,
            const char *nick,
            int         fallback)
{
  int value;

  if (nick != NULL && sitrep_enum_from_nick (type, nick, &value))
    return value;

  return fallback;
}

/* A copy of @text without leading and trailing white space, or NULL. */
static char *
dup_trimmed (const char *text)
{
  if (text == NULL)
    return NULL;

  return g_strstrip (g_strdup (text));
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

static char *
format_key (gint64 key_num)
{
  return g_strdup_printf ("INC-%" G_GINT64_FORMAT, key_num);
}

/* Parses a key exactly as Sitrep writes it: "INC-" and a number from 1 on,
 * without leading zeros. */
static gboolean
parse_key (const char *key,
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

static gint64
get_now (SitrepStore *self)
{
  return sitrep_clock_get_now (self->clock);
}

static SitrepPolicy *
current_policy (SitrepStore *self)
{
  return self->import_policy != NULL ? self->import_policy : self->policy;
}

/* ------------------------------------------------------------------------
 * Rows and objects
 */

static SitrepIncident *
incident_from_row (Stmt *stmt)
{
  SitrepIncident *incident = sitrep_incident_new ();
  g_autofree char *key = format_key (sqlite3_column_int64 (stmt, 1));

  sitrep_incident_set_id (incident, sqlite3_column_int64 (stmt, 0));
  sitrep_incident_set_key (incident, key);
  sitrep_incident_set_title (incident, column_text (stmt, 2));
  sitrep_incident_set_service (incident, column_text (stmt, 3));
  sitrep_incident_set_level (incident, sqlite3_column_int (stmt, 4));
  sitrep_incident_set_status (incident, enum_value (SITREP_TYPE_STATUS,
                                                    column_text (stmt, 5),
                                                    SITREP_STATUS_NEW));
  sitrep_incident_set_reporter_name (incident, column_text (stmt, 6));
  sitrep_incident_set_reporter_contact (incident, column_text (stmt, 7));
  sitrep_incident_set_reporter_channel (incident, enum_value (SITREP_TYPE_CHANNEL,
                                                              column_text (stmt, 8),
                                                              SITREP_CHANNEL_OTHER));
  sitrep_incident_set_symptoms (incident, column_text (stmt, 9));
  sitrep_incident_set_details (incident, column_text (stmt, 10));
  sitrep_incident_set_occurred_at (incident, sqlite3_column_int64 (stmt, 11));
  sitrep_incident_set_reported_at (incident, sqlite3_column_int64 (stmt, 12));
  sitrep_incident_set_acknowledged_at (incident, sqlite3_column_int64 (stmt, 13));
  sitrep_incident_set_recovered_at (incident, sqlite3_column_int64 (stmt, 14));
  sitrep_incident_set_resolved_at (incident, sqlite3_column_int64 (stmt, 15));
  sitrep_incident_set_transferred_at (incident, sqlite3_column_int64 (stmt, 16));
  sitrep_incident_set_transferred_to (incident, column_text (stmt, 17));
  sitrep_incident_set_closed_at (incident, sqlite3_column_int64 (stmt, 18));
  sitrep_incident_set_cancelled_at (incident, sqlite3_column_int64 (stmt, 19));
  sitrep_incident_set_owner (incident, column_text (stmt, 20));
  sitrep_incident_set_cause_category (incident, enum_value (SITREP_TYPE_CAUSE,
                                                            column_text (stmt, 21),
                                                            SITREP_CAUSE_NONE));
  sitrep_incident_set_root_cause (incident, column_text (stmt, 22));
  sitrep_incident_set_resolution (incident, column_text (stmt, 23));
  sitrep_incident_set_initial_notice_at (incident, sqlite3_column_int64 (stmt, 24));
  sitrep_incident_set_progress_notice_at (incident, sqlite3_column_int64 (stmt, 25));
  sitrep_incident_set_progress_notice_count (incident, sqlite3_column_int (stmt, 26));
  sitrep_incident_set_rectification_notice_at (incident, sqlite3_column_int64 (stmt, 27));
  sitrep_incident_set_escalation_notice_at (incident, sqlite3_column_int64 (stmt, 28));

  return incident;
}

/* Binds ?2 … ?32 of sql_insert_incident and sql_update_incident. */
static void
bind_incident (Stmt           *stmt,
               SitrepIncident *incident,
               const Computed *computed)
{
  SitrepStatus status = sitrep_incident_get_status (incident);
  SitrepCause cause = sitrep_incident_get_cause_category (incident);

  bind_text (stmt, 2, sitrep_incident_get_title (incident));
  bind_text (stmt, 3, sitrep_incident_get_service (incident));
  sqlite3_bind_int (stmt, 4, sitrep_incident_get_level (incident));
  bind_text (stmt, 5, enum_nick (SITREP_TYPE_STATUS, status));
  bind_text (stmt, 6, sitrep_incident_get_reporter_name (incident));
  bind_text (stmt, 7, sitrep_incident_get_reporter_contact (incident));
  bind_text (stmt, 8, enum_nick (SITREP_TYPE_CHANNEL,
                                 sitrep_incident_get_reporter_channel (incident)));
  bind_text (stmt, 9, sitrep_incident_get_symptoms (incident));
  bind_text (stmt, 10, sitrep_incident_get_details (incident));
  sqlite3_bind_int64 (stmt, 11, sitrep_incident_get_occurred_at (incident));
  sqlite3_bind_int64 (stmt, 12, sitrep_incident_get_reported_at (incident));
  bind_time (stmt, 13, sitrep_incident_get_acknowledged_at (incident));
  bind_time (stmt, 14, sitrep_incident_get_recovered_at (incident));
  bind_time (stmt, 15, sitrep_incident_get_resolved_at (incident));
  bind_time (stmt, 16, sitrep_incident_get_transferred_at (incident));
  bind_text (stmt, 17, sitrep_incident_get_transferred_to (incident));
  bind_time (stmt, 18, sitrep_incident_get_closed_at (incident));
  bind_time (stmt, 19, sitrep_incident_get_cancelled_at (incident));
  bind_text (stmt, 20, sitrep_incident_get_owner (incident));
  bind_text (stmt, 21, cause != SITREP_CAUSE_NONE ? enum_nick (SITREP_TYPE_CAUSE, cause) : NULL);
  bind_text (stmt, 22, sitrep_incident_get_root_cause (incident));
  bind_text (stmt, 23, sitrep_incident_get_resolution (incident));
  bind_time (stmt, 24, sitrep_incident_get_initial_notice_at (incident));
  bind_time (stmt, 25, sitrep_incident_get_progress_notice_at (incident));
  sqlite3_bind_int (stmt, 26, sitrep_incident_get_progress_notice_count (incident));
  bind_time (stmt, 27, sitrep_incident_get_rectification_notice_at (incident));
  bind_time (stmt, 28, sitrep_incident_get_escalation_notice_at (incident));
  sqlite3_bind_int (stmt, 29, sitrep_status_is_open (status) ? 1 : 0);
  bind_time (stmt, 30, computed->next_due);
  bind_time (stmt, 31, computed->next_warn_at);
  bind_time (stmt, 32, computed->next_alert_at);
}

/* Returns: (transfer full): a #SitrepTimelineEntry */
static gpointer
entry_from_row (Stmt *stmt)
{
  SitrepTimelineEntry *entry = sitrep_timeline_entry_new ();

  sitrep_timeline_entry_set_id (entry, sqlite3_column_int64 (stmt, 0));
  sitrep_timeline_entry_set_incident_id (entry, sqlite3_column_int64 (stmt, 1));
  sitrep_timeline_entry_set_occurred_at (entry, sqlite3_column_int64 (stmt, 2));
  sitrep_timeline_entry_set_recorded_at (entry, sqlite3_column_int64 (stmt, 3));
  sitrep_timeline_entry_set_author (entry, column_text (stmt, 4));
  sitrep_timeline_entry_set_kind (entry, enum_value (SITREP_TYPE_ENTRY_KIND,
                                                     column_text (stmt, 5),
                                                     SITREP_ENTRY_KIND_NOTE));
  sitrep_timeline_entry_set_tag (entry, enum_value (SITREP_TYPE_TAG,
                                                    column_text (stmt, 6),
                                                    SITREP_TAG_NONE));
  sitrep_timeline_entry_set_text (entry, column_text (stmt, 7));
  sitrep_timeline_entry_set_detail (entry, column_text (stmt, 8));

  return entry;
}

/* Returns: (transfer full): a #SitrepComplaint */
static gpointer
complaint_from_row (Stmt *stmt)
{
  SitrepComplaint *complaint = sitrep_complaint_new ();

  sitrep_complaint_set_id (complaint, sqlite3_column_int64 (stmt, 0));
  sitrep_complaint_set_incident_id (complaint, sqlite3_column_int64 (stmt, 1));
  sitrep_complaint_set_ref (complaint, column_text (stmt, 2));
  sitrep_complaint_set_customer (complaint, column_text (stmt, 3));
  sitrep_complaint_set_received_at (complaint, sqlite3_column_int64 (stmt, 4));
  sitrep_complaint_set_summary (complaint, column_text (stmt, 5));
  sitrep_complaint_set_attributed (complaint, sqlite3_column_int (stmt, 6) != 0);

  return complaint;
}

static SitrepIncident *
load_incident (SitrepStore  *self,
               gint64        id,
               GError      **error)
{
  g_autoptr(Stmt) stmt = get_stmt (self, sql_select_incident, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return incident_from_row (stmt);

  if (rc == SQLITE_DONE)
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
           gpointer    (*from_row) (Stmt *stmt),
           GError      **error)
{
  g_autoptr(Stmt) stmt = get_stmt (self, sql, error);
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  rows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

static GPtrArray *
load_entries (SitrepStore  *self,
              gint64        id,
              GError      **error)
{
  return load_rows (self, sql_select_entries, id, entry_from_row, error);
}

static GPtrArray *
load_complaints (SitrepStore  *self,
                 gint64        id,
                 GError      **error)
{
  return load_rows (self, sql_select_complaints, id, complaint_from_row, error);
}

static GHashTable *
load_raised (SitrepStore  *self,
             gint64        id,
             GError      **error)
{
  g_autoptr(Stmt) stmt = get_stmt (self, sql_select_raised, error);
  g_autoptr(GHashTable) raised = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  raised = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (raised, g_strdup (column_text (stmt, 0)));

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&raised);
}

static gboolean
find_key (SitrepStore  *self,
          gint64        key_num,
          gint64       *id,
          GError      **error)
{
  g_autoptr(Stmt) stmt = get_stmt (self, sql_find_key, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, key_num);
  return step_int64 (self, stmt, id, error);
}

/* ------------------------------------------------------------------------
 * Computed columns
 */

/* @raised: (nullable): the alert keys already raised. Returns the alert
 * moments in @moments when it is not NULL. */
static void
compute_columns (SitrepIncident  *incident,
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
static gboolean
save_incident (SitrepStore     *self,
               SitrepIncident  *incident,
               GError         **error)
{
  gint64 id = sitrep_incident_get_id (incident);
  g_autoptr(GHashTable) raised = load_raised (self, id, error);
  g_autoptr(Stmt) stmt = NULL;
  Computed computed;

  if (raised == NULL)
    return FALSE;

  compute_columns (incident, current_policy (self), raised, &computed, NULL);

  stmt = get_stmt (self, sql_update_incident, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  bind_incident (stmt, incident, &computed);
  return step_done (self, stmt, error);
}

/* Writes only the computed columns of an existing incident, e.g. after an
 * alert was recorded. */
static gboolean
update_computed (SitrepStore     *self,
                 SitrepIncident  *incident,
                 GError         **error)
{
  gint64 id = sitrep_incident_get_id (incident);
  g_autoptr(GHashTable) raised = load_raised (self, id, error);
  g_autoptr(Stmt) stmt = NULL;
  Computed computed;

  if (raised == NULL)
    return FALSE;

  compute_columns (incident, current_policy (self), raised, &computed, NULL);

  stmt = get_stmt (self, sql_update_computed, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  bind_time (stmt, 2, computed.next_due);
  bind_time (stmt, 3, computed.next_warn_at);
  bind_time (stmt, 4, computed.next_alert_at);
  return step_done (self, stmt, error);
}

static gboolean
insert_incident (SitrepStore     *self,
                 SitrepIncident  *incident,
                 gint64           key_num,
                 const Computed  *computed,
                 gint64          *id,
                 GError         **error)
{
  g_autoptr(Stmt) stmt = get_stmt (self, sql_insert_incident, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, key_num);
  bind_incident (stmt, incident, computed);
  if (!step_done (self, stmt, error))
    return FALSE;

  *id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/* Recomputes the computed columns of every open incident, e.g. after the
 * policy changed. */
static gboolean
recompute_open_incidents (SitrepStore  *self,
                          GError      **error)
{
  g_autoptr(GPtrArray) incidents = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  {
    g_autoptr(Stmt) stmt = get_stmt (self, sql_select_open_incidents, error);

    if (stmt == NULL)
      return FALSE;

    /* Collected first: updating next_due while scanning an index on it
     * could visit a row twice. */
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (incidents, incident_from_row (stmt));

    if (rc != SQLITE_DONE)
      {
        set_db_error (self, rc, error);
        return FALSE;
      }
  }

  for (guint i = 0; i < incidents->len; i++)
    if (!update_computed (self, g_ptr_array_index (incidents, i), error))
      return FALSE;

  return TRUE;
}

/* ------------------------------------------------------------------------
 * Timeline, complaints, alerts
 */

static gboolean
insert_entry (SitrepStore      *self,
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
  g_autoptr(Stmt) stmt = get_stmt (self, sql_insert_entry, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, incident_id);
  sqlite3_bind_int64 (stmt, 2, occurred_at);
  sqlite3_bind_int64 (stmt, 3, recorded_at);
  bind_text (stmt, 4, author);
  bind_text (stmt, 5, enum_nick (SITREP_TYPE_ENTRY_KIND, kind));
  bind_text (stmt, 6, tag != SITREP_TAG_NONE ? enum_nick (SITREP_TYPE_TAG, tag) : NULL);
  bind_text (stmt, 7, text);
  bind_text (stmt, 8, detail);
  return step_done (self, stmt, error);
}

static gboolean
insert_given_entry (SitrepStore          *self,
                    gint64                incident_id,
                    SitrepTimelineEntry  *entry,
                    GError              **error)
{
  return insert_entry (self, incident_id,
                       sitrep_timeline_entry_get_occurred_at (entry),
                       sitrep_timeline_entry_get_recorded_at (entry),
                       sitrep_timeline_entry_get_author (entry),
                       sitrep_timeline_entry_get_kind (entry),
                       sitrep_timeline_entry_get_tag (entry),
                       sitrep_timeline_entry_get_text (entry),
                       sitrep_timeline_entry_get_detail (entry),
                       error);
}

static gboolean
insert_complaint (SitrepStore      *self,
                  gint64            incident_id,
                  SitrepComplaint  *complaint,
                  gint64           *id,
                  GError          **error)
{
  g_autoptr(Stmt) stmt = get_stmt (self, sql_insert_complaint, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, incident_id);
  bind_text (stmt, 2, sitrep_complaint_get_ref (complaint));
  bind_text (stmt, 3, sitrep_complaint_get_customer (complaint));
  bind_time (stmt, 4, sitrep_complaint_get_received_at (complaint));
  bind_text (stmt, 5, sitrep_complaint_get_summary (complaint));
  sqlite3_bind_int (stmt, 6, sitrep_complaint_get_attributed (complaint) ? 1 : 0);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (id != NULL)
    *id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

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
  g_autoptr(Stmt) stmt = get_stmt (self, sql_insert_alert, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, incident_id);
  bind_text (stmt, 2, alert_key);
  bind_time (stmt, 3, due_at);
  sqlite3_bind_int64 (stmt, 4, raised_at);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (inserted != NULL)
    *inserted = sqlite3_changes (self->db) > 0;
  return TRUE;
}

/* Alerts that an imported timeline says were raised, so that they are not
 * raised again. */
static gboolean
insert_alerts_of_entries (SitrepStore  *self,
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

/* The notice bookkeeping of an incident follows from its timeline: the
 * latest time each kind of notice was sent, and how many progress notices. */
static void
derive_notices (SitrepIncident *incident,
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

/* ------------------------------------------------------------------------
 * Transactions and checks
 */

static gboolean
check_no_import (SitrepStore  *self,
                 GError      **error)
{
  if (self->in_import)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                   _("An import into “%s” is in progress; try again when it has finished"),
                   self->path);
      return FALSE;
    }

  return TRUE;
}

/* A reader's connection is read-only in SQLite too; this says so before
 * SQLite would, with the file's name. */
static gboolean
check_not_reader (SitrepStore  *self,
                  GError      **error)
{
  if (self->reader)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_READ_ONLY,
                   _("The database “%s” was opened for reading only"), self->path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_writable (SitrepStore  *self,
                GError      **error)
{
  if (!check_not_reader (self, error))
    return FALSE;

  if (self->read_only)
    {
      g_set_error_literal (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_READ_ONLY_ROLE,
                           _("You have data viewing permission only"));
      return FALSE;
    }

  return check_no_import (self, error);
}

static gboolean
begin_write (SitrepStore  *self,
             GError      **error)
{
  if (!check_writable (self, error))
    return FALSE;

  return exec_sql (self, "BEGIN IMMEDIATE", error);
}

static void
rollback (SitrepStore *self)
{
  /* Some errors (a full disk, I/O) already rolled the transaction back. */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static void
emit_incident_changed (SitrepStore  *self,
                       gint64        id,
                       SitrepChange  changes)
{
  g_signal_emit (self, signals[INCIDENT_CHANGED], 0, id, (guint) changes);
}

/* Commits when @ok, rolls back otherwise; after a commit emits
 * "incident-changed" for @id with @changes, unless one is 0 (nothing
 * changed, or the caller emits itself). */
static gboolean
finish_write (SitrepStore   *self,
              gboolean       ok,
              gint64         id,
              SitrepChange   changes,
              GError       **error)
{
  if (ok && exec_sql (self, "COMMIT", error))
    {
      if (id > 0 && changes != 0)
        emit_incident_changed (self, id, changes);
      return TRUE;
    }

  rollback (self);
  return FALSE;
}

static gboolean
check_not_future (SitrepStore  *self,
                  gint64        at,
                  GError      **error)
{
  if (at > get_now (self) + FUTURE_SLACK)
    {
      g_autofree char *text = sitrep_time_format_local (at);

      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_TIME,
                   _("%s is in the future"), text);
      return FALSE;
    }

  return TRUE;
}

/* @what: says what happened at @limit, e.g. "the incident was reported" */
static gboolean
check_not_before (gint64       at,
                  gint64       limit,
                  const char  *what,
                  GError     **error)
{
  if (limit != SITREP_TIME_NONE && at < limit)
    {
      g_autofree char *at_text = sitrep_time_format_local (at);
      g_autofree char *limit_text = sitrep_time_format_local (limit);

      /* Translators: "2026-03-01 09:00 is before the incident was reported
       * (2026-03-01 09:30)" */
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_TIME,
                   _("%s is before %s (%s)"), at_text, what, limit_text);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_level (int       level,
             GError  **error)
{
  if (level < SITREP_LEVEL_MIN || level > SITREP_LEVEL_MAX)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE,
                   _("The level must be 1, 2 or 3, not %d"), level);
      return FALSE;
    }

  return TRUE;
}

/* The latest status change of an incident: its milestones and the latest
 * status entry of its timeline (a reopening has no milestone of its own). */
static gboolean
get_latest_status_change (SitrepStore     *self,
                          SitrepIncident  *incident,
                          gint64          *latest,
                          GError         **error)
{
  g_autoptr(Stmt) stmt = get_stmt (self,
                                   "SELECT MAX(occurred_at) FROM timeline "
                                   "WHERE incident_id = ?1 AND kind = 'status'",
                                   error);
  gint64 last_entry;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, sitrep_incident_get_id (incident));
  if (!step_int64 (self, stmt, &last_entry, error))
    return FALSE;

  *latest = MAX (last_entry, sitrep_incident_get_acknowledged_at (incident));
  *latest = MAX (*latest, sitrep_incident_get_recovered_at (incident));
  *latest = MAX (*latest, sitrep_incident_get_resolved_at (incident));
  *latest = MAX (*latest, sitrep_incident_get_transferred_at (incident));
  *latest = MAX (*latest, sitrep_incident_get_closed_at (incident));
  return TRUE;
}

/* ------------------------------------------------------------------------
 * Policy
 */

static gboolean
check_policy (SitrepPolicy  *policy,
              GError       **error)
{
  for (int level = SITREP_LEVEL_MIN; level <= SITREP_LEVEL_MAX; level++)
    {
      const char *message = NULL;

      /* Whole sentences, so that translators see each one. */
      if (sitrep_policy_get_minutes (policy, level, SITREP_POLICY_WINDOW_RESPONSE) <= 0)
        message = _("the response time must be at least one minute");
      else if (sitrep_policy_get_minutes (policy, level, SITREP_POLICY_WINDOW_RECOVERY) <= 0)
        message = _("the recovery time must be at least one minute");
      else if (sitrep_policy_get_minutes (policy, level, SITREP_POLICY_WINDOW_RESOLUTION) <= 0)
        message = _("the resolution time must be at least one minute");

      if (message != NULL)
        {
          /* Translators: "Level 1: the response time must be at least one minute" */
          g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE,
                       _("Level %d: %s"), level, message);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
write_policy (SitrepStore   *self,
              SitrepPolicy  *policy,
              const char    *author,
              GError       **error)
{
  for (int level = SITREP_LEVEL_MIN; level <= SITREP_LEVEL_MAX; level++)
    {
      g_autoptr(Stmt) stmt =
        get_stmt (self,
                  "INSERT OR REPLACE INTO policy (level, response_min, recovery_min, "
                  "resolution_min, initial_notice_min, progress_notice_min) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                  error);

      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int (stmt, 1, level);
      for (int window = 0; window < SITREP_N_POLICY_WINDOWS; window++)
        sqlite3_bind_int (stmt, 2 + window,
                          sitrep_policy_get_minutes (policy, level, window));
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  {
    g_autoptr(Stmt) stmt =
      get_stmt (self,
                "INSERT OR REPLACE INTO policy_settings (id, warning_share, changed_at, "
                "changed_by) VALUES (1, ?1, ?2, ?3)",
                error);

    if (stmt == NULL)
      return FALSE;

    sqlite3_bind_double (stmt, 1, sitrep_policy_get_warning_share (policy));
    bind_time (stmt, 2, author != NULL ? get_now (self) : SITREP_TIME_NONE);
    bind_text (stmt, 3, author);
    return step_done (self, stmt, error);
  }
}

static SitrepPolicy *
read_policy (SitrepStore  *self,
             GError      **error)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  int rc;

  {
    g_autoptr(Stmt) stmt =
      get_stmt (self,
                "SELECT level, response_min, recovery_min, resolution_min, "
                "initial_notice_min, progress_notice_min FROM policy",
                error);

    if (stmt == NULL)
      return NULL;

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        int level = sqlite3_column_int (stmt, 0);

        if (level < SITREP_LEVEL_MIN || level > SITREP_LEVEL_MAX)
          continue;

        for (int window = 0; window < SITREP_N_POLICY_WINDOWS; window++)
          sitrep_policy_set_minutes (policy, level, window,
                                     MAX (0, sqlite3_column_int (stmt, 1 + window)));
      }

    if (rc != SQLITE_DONE)
      {
        set_db_error (self, rc, error);
        return NULL;
      }
  }

  {
    g_autoptr(Stmt) stmt =
      get_stmt (self, "SELECT warning_share FROM policy_settings WHERE id = 1", error);

    if (stmt == NULL)
      return NULL;

    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        double share = sqlite3_column_double (stmt, 0);

        if (share > 0.0 && share < 1.0)
          sitrep_policy_set_warning_share (policy, share);
      }
    else if (rc != SQLITE_DONE)
      {
        set_db_error (self, rc, error);
        return NULL;
      }
  }

  return g_steal_pointer (&policy);
}

/* ------------------------------------------------------------------------
 * Opening
 */

static gboolean
query_int64 (SitrepStore  *self,
             const char   *sql,
             gint64       *value,
             GError      **error)
{
  g_autoptr(Stmt) stmt = get_stmt (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  return step_int64 (self, stmt, value, error);
}

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
         write_policy (self, policy, NULL, error);
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
         exec_sql (self, sql_create_fts_triggers, error) &&
         query_int64 (self, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'",
                      &analyzed, error) &&
         (analyzed == 0 || exec_sql (self, "ANALYZE incidents", error));
}

/* migrations[n] brings a database from version n to n + 1. */
static const Migration migrations[] = {
  migrate_to_1,
  migrate_to_2,
  migrate_to_3,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SCHEMA_VERSION);

static gboolean
migrate (SitrepStore  *self,
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
        rollback (self);
        return FALSE;
      }

  if (!exec_sql (self, pragma, error) || !exec_sql (self, "COMMIT", error))
    {
      rollback (self);
      return FALSE;
    }

  return TRUE;
}

/* A full check reads the whole file: a small database (up to
 * full_check_max_bytes, a few thousand incidents) is checked whole, but on
 * a large one it would delay every start by a fraction of a second per
 * 40 MB. There the check is structural: the header (check_file()), the
 * schema (read and parsed by open_database() before this) and the policy
 * table. Damage anywhere else is reported by the statement that reads it,
 * as SITREP_STORE_ERROR_CORRUPT naming the file (set_db_error()). */
static gboolean
check_integrity (SitrepStore  *self,
                 int           version,
                 GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  const char *sql = "PRAGMA quick_check";
  const char *result;
  gboolean ok;
  int rc;

  if (version >= 1 && self->file_size > full_check_max_bytes)
    sql = "PRAGMA quick_check (policy)";

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self, rc, error);
      return FALSE;
    }

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_db_error (self, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  result = column_text (stmt, 0);
  ok = g_strcmp0 (result, "ok") == 0;
  if (!ok)
    g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT,
                 _("The database “%s” is damaged (%s)"), self->path,
                 result != NULL ? result : "?");

  sqlite3_finalize (stmt);
  return ok;
}

/* Whether the file of @size bytes starts with SQLite's header. */
static gboolean
check_header (SitrepStore  *self,
              gint64        size,
              GError      **error)
{
  char header[16];
  gssize n = -1;
  int fd;

  fd = g_open (self->path, O_RDONLY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      n = read (fd, header, sizeof header);
      close (fd);
    }

  if (n != (gssize) sizeof header || size < 100 ||
      memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Sitrep database"), self->path);
      return FALSE;
    }

  return TRUE;
}

/* Checks that the file exists and may be read, for a store that must not
 * create one. */
static gboolean
check_existing_file (SitrepStore  *self,
                     GError      **error)
{
  GStatBuf st;

  if (g_stat (self->path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NO_DATABASE,
                     _("There is no Sitrep database at “%s”"), self->path);
      else
        g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                     _("Could not read the database “%s”: %s"),
                     self->path, g_strerror (saved_errno));
      return FALSE;
    }

  self->file_size = st.st_size;

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Sitrep database"), self->path);
      return FALSE;
    }

  if (g_access (self->path, R_OK) != 0)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                   _("You are not allowed to read the database “%s”"), self->path);
      return FALSE;
    }

  return check_header (self, st.st_size, error);
}

/* Checks with the file system what SQLite would otherwise find out too late
 * (or silently, by opening read-only). */
static gboolean
check_file (SitrepStore  *self,
            gboolean     *exists,
            GError      **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  GStatBuf st;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NO_DIRECTORY,
                   _("The folder “%s” for the database does not exist"), dir);
      return FALSE;
    }

  *exists = g_stat (self->path, &st) == 0;

  if (*exists)
    {
      self->file_size = st.st_size;

      if (!S_ISREG (st.st_mode))
        {
          g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_A_DATABASE,
                       _("“%s” is not a Sitrep database"), self->path);
          return FALSE;
        }

      if (g_access (self->path, R_OK) != 0)
        {
          g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                       _("You are not allowed to read the database “%s”"), self->path);
          return FALSE;
        }

      if (g_access (self->path, W_OK) != 0)
        {
          g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_READ_ONLY,
                       _("The database “%s” is read-only"), self->path);
          return FALSE;
        }

      /* An empty file becomes a new database; anything else must start
       * with SQLite's header. */
      if (st.st_size > 0 && !check_header (self, st.st_size, error))
        return FALSE;
    }

  /* The journal lives next to the database. */
  if (g_access (dir, W_OK) != 0)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_READ_ONLY,
                   _("The folder “%s” is read-only, so the database “%s” cannot be written"),
                   dir, self->path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
open_database (SitrepStore  *self,
               gboolean      exists,
               GError      **error)
{
  gint64 application_id = 0;
  gint64 version = 0;
  gint64 n_objects = 0;
  /* A store is used from one thread (its main context): no mutexes. */
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (exists ? 0 : SQLITE_OPEN_CREATE);
  int rc;

  rc = sqlite3_open_v2 (self->path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self, rc, error);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, self->busy_timeout_ms);

  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_READ_ONLY,
                   _("The database “%s” is read-only"), self->path);
      return FALSE;
    }

  /* Nothing below writes until the file is known to be a Sitrep database
   * this version understands, and undamaged. */
  if (!query_int64 (self, "PRAGMA application_id", &application_id, error) ||
      !query_int64 (self, "PRAGMA user_version", &version, error) ||
      !query_int64 (self, "SELECT count(*) FROM sqlite_master", &n_objects, error))
    return FALSE;

  if ((application_id != 0 && application_id != DB_APPLICATION_ID) ||
      (application_id == 0 && (version != 0 || n_objects != 0)))
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is a database of another program, not of Sitrep"), self->path);
      return FALSE;
    }

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer version of Sitrep "
                     "(database version %d; this version knows up to %d)"),
                   self->path, (int) version, SCHEMA_VERSION);
      return FALSE;
    }

  if (!check_integrity (self, (int) version, error))
    return FALSE;

  /* The page cache is a maximum of 32 MB, used as the database grows. */
  if (!exec_sql (self, "PRAGMA journal_mode = WAL", error) ||
      !exec_sql (self, "PRAGMA synchronous = NORMAL", error) ||
      !exec_sql (self, "PRAGMA foreign_keys = ON", error) ||
      !exec_sql (self, CACHE_SIZE_PRAGMA, error) ||
      !exec_sql (self, "PRAGMA analysis_limit = 1000", error) ||
      !exec_sql (self, "PRAGMA temp_store = MEMORY", error))
    return FALSE;

  if (!migrate (self, (int) version, error))
    return FALSE;

  self->schema_version = SCHEMA_VERSION;

  self->policy = read_policy (self, error);
  if (self->policy == NULL)
    return FALSE;

  return query_int64 (self, "PRAGMA data_version", &self->data_version, error);
}

/* Opens the connection of sitrep_store_open_reader(): it trusts the
 * schema, which the writing store has brought up to date and checked. */
static gboolean
open_reader_database (SitrepStore  *self,
                      GError      **error)
{
  gint64 application_id = 0;
  gint64 version = 0;
  int rc;

  /* NOMUTEX: the reader belongs to the one thread that uses it. */
  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self, rc, error);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, self->busy_timeout_ms);

  if (!query_int64 (self, "PRAGMA application_id", &application_id, error) ||
      !query_int64 (self, "PRAGMA user_version", &version, error))
    return FALSE;

  if (application_id != DB_APPLICATION_ID)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Sitrep database"), self->path);
      return FALSE;
    }

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer version of Sitrep "
                     "(database version %d; this version knows up to %d)"),
                   self->path, (int) version, SCHEMA_VERSION);
      return FALSE;
    }

  if (version < SCHEMA_VERSION)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                   _("The database “%s” has not been brought up to date yet "
                     "(database version %d; this version needs %d)"),
                   self->path, (int) version, SCHEMA_VERSION);
      return FALSE;
    }

  if (!exec_sql (self, CACHE_SIZE_PRAGMA, error) ||
      !exec_sql (self, "PRAGMA temp_store = MEMORY", error))
    return FALSE;

  self->schema_version = (int) version;

  self->policy = read_policy (self, error);
  if (self->policy == NULL)
    return FALSE;

  return query_int64 (self, "PRAGMA data_version", &self->data_version, error);
}

/* A reader has no file monitor: before it hands out the policy it asks
 * SQLite whether another connection committed since it last read it. */
static void
refresh_reader_policy (SitrepStore *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepPolicy) policy = NULL;
  gint64 version;

  if (!query_int64 (self, "PRAGMA data_version", &version, &error))
    {
      g_warning ("%s", error->message);
      return;
    }

  if (version == self->data_version)
    return;

  policy = read_policy (self, &error);
  if (policy == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }

  self->data_version = version;
  g_set_object (&self->policy, policy);
}

/* ------------------------------------------------------------------------
 * Callbacks
 */

static gboolean
external_check_cb (gpointer user_data)
{
  SitrepStore *self = user_data;

  g_clear_pointer (&self->external_check_source, g_source_unref);
  sitrep_store_check_external_changes (self);

  return G_SOURCE_REMOVE;
}

static void
wal_changed_cb (GFileMonitor      *monitor,
                GFile             *file,
                GFile             *other_file,
                GFileMonitorEvent  event,
                SitrepStore       *self)
{
  /* Coalesce a burst of writes into one check. */
  if (self->external_check_source != NULL)
    return;

  self->external_check_source = g_timeout_source_new (EXTERNAL_CHECK_DELAY_MS);
  g_source_set_callback (self->external_check_source, external_check_cb, self, NULL);
  g_source_set_name (self->external_check_source, "[sitrep] external database changes");
  g_source_attach (self->external_check_source, g_main_context_get_thread_default ());
}

static void
watch_wal (SitrepStore *self)
{
  g_autofree char *wal_path = g_strconcat (self->path, "-wal", NULL);
  g_autoptr(GFile) wal = g_file_new_for_path (wal_path);

  /* Without a monitor, sitrep_store_check_external_changes() still works. */
  self->wal_monitor = g_file_monitor_file (wal, G_FILE_MONITOR_NONE, NULL, NULL);
  if (self->wal_monitor != NULL)
    g_signal_connect (self->wal_monitor, "changed", G_CALLBACK (wal_changed_cb), self);
}

/* ------------------------------------------------------------------------
 * GObject
 */

static void
sitrep_store_dispose (GObject *object)
{
  SitrepStore *self = (SitrepStore *) object;

  if (self->external_check_source != NULL)
    {
      g_source_destroy (self->external_check_source);
      g_clear_pointer (&self->external_check_source, g_source_unref);
    }

  if (self->wal_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->wal_monitor, self);
      g_file_monitor_cancel (self->wal_monitor);
      g_clear_object (&self->wal_monitor);
    }

  G_OBJECT_CLASS (sitrep_store_parent_class)->dispose (object);
}

static void
sitrep_store_finalize (GObject *object)
{
  SitrepStore *self = (SitrepStore *) object;

  if (self->db != NULL)
    {
      if (self->in_import)
        rollback (self);
      /* Keeps the query planner's statistics fresh; never waits for a lock. */
      if (self->schema_version > 0 && !self->read_only && !self->reader)
        {
          sqlite3_busy_timeout (self->db, 0);
          sqlite3_exec (self->db, "PRAGMA optimize", NULL, NULL, NULL);
        }
    }

  /* the statements must be finalized before the connection closes */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->queries, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_clear_object (&self->clock);
  g_clear_object (&self->policy);
  g_clear_object (&self->import_policy);

  G_OBJECT_CLASS (sitrep_store_parent_class)->finalize (object);
}

static void
sitrep_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SitrepStore *self = SITREP_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_store_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SitrepStore *self = SITREP_STORE (object);

  switch (prop_id)
    {
    case PROP_READ_ONLY:
      sitrep_store_set_read_only (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_store_class_init (SitrepStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_store_dispose;
  object_class->finalize = sitrep_store_finalize;
  object_class->get_property = sitrep_store_get_property;
  object_class->set_property = sitrep_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, SITREP_TYPE_CLOCK,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * SitrepStore:read-only:
   *
   * Whether the current user may only view (a supervisor): every write
   * then fails with %SITREP_STORE_ERROR_READ_ONLY_ROLE.
   */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitrepStore::incident-changed:
   * @self: the store
   * @id: the incident's row id
   * @changes: what changed, a #SitrepChange
   *
   * Emitted after a write to one incident was committed. A write that
   * changed nothing (setting the value a field already has) emits nothing.
   */
  signals[INCIDENT_CHANGED] =
    g_signal_new ("incident-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_UINT);

  /**
   * SitrepStore::changed:
   *
   * Emitted when anything may have changed: after an import, a policy
   * change, or a write by another program.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * SitrepStore::contacts-changed:
   *
   * Emitted after the roster was changed through this store.
   */
  signals[CONTACTS_CHANGED] =
    g_signal_new ("contacts-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
sitrep_store_init (SitrepStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_stmt);
  self->queries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);
  self->busy_timeout_ms = DEFAULT_BUSY_TIMEOUT_MS;
}

/* ------------------------------------------------------------------------
 * Public API: opening
 */

/**
 * sitrep_store_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/sitrep/sitrep.db`
 */
char *
sitrep_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "sitrep", "sitrep.db", NULL);
}

/**
 * sitrep_store_open:
 * @path: (nullable): the database file, or %NULL for
 *   sitrep_store_default_path()
 * @clock: the clock that says what "now" is
 * @error: return location for a #GError
 *
 * Opens Sitrep's database, creating the file when it does not exist and
 * bringing its schema up to date. The folder must exist, except the folder
 * of the default path, which is created.
 *
 * When opening fails the file is left exactly as it was: a file that is not
 * a Sitrep database (%SITREP_STORE_ERROR_NOT_A_DATABASE), a damaged one
 * (%SITREP_STORE_ERROR_CORRUPT), one written by a newer Sitrep
 * (%SITREP_STORE_ERROR_TOO_NEW), a read-only file or folder
 * (%SITREP_STORE_ERROR_READ_ONLY), a missing folder
 * (%SITREP_STORE_ERROR_NO_DIRECTORY) or a database another program keeps
 * locked (%SITREP_STORE_ERROR_LOCKED).
 *
 * A database of up to 16 MiB is checked whole for damage. A larger one is
 * checked only for its header, schema and SLA policy, so that opening it
 * stays fast; damage elsewhere in it is reported by whichever later call
 * reads or writes the damaged part, as %SITREP_STORE_ERROR_CORRUPT with
 * the file's name.
 *
 * Returns: (transfer full): the store, or %NULL on error
 */
SitrepStore *
sitrep_store_open (const char   *path,
                   SitrepClock  *clock,
                   GError      **error)
{
  g_autoptr(SitrepStore) self = NULL;
  g_autofree char *default_path = sitrep_store_default_path ();
  gboolean exists = FALSE;

  g_return_val_if_fail (SITREP_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (path == NULL)
    path = default_path;

  self = g_object_new (SITREP_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->clock = g_object_ref (clock);

  if (g_strcmp0 (path, default_path) == 0)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NO_DIRECTORY,
                       _("Could not create the folder “%s”: %s"),
                       dir, g_strerror (saved_errno));
          return NULL;
        }
    }

  if (!check_file (self, &exists, error))
    return NULL;

  if (!open_database (self, exists, error))
    {
      /* A file made here and left unusable goes away again. */
      g_clear_pointer (&self->statements, g_hash_table_unref);
      g_clear_pointer (&self->queries, g_hash_table_unref);
      g_clear_pointer (&self->db, sqlite3_close_v2);
      if (!exists)
        {
          g_autofree char *wal = g_strconcat (path, "-wal", NULL);
          g_autofree char *shm = g_strconcat (path, "-shm", NULL);

          g_unlink (wal);
          g_unlink (shm);
          g_unlink (path);
        }
      return NULL;
    }

  watch_wal (self);

  return g_steal_pointer (&self);
}

/**
 * sitrep_store_open_reader:
 * @path: an existing Sitrep database
 * @clock: the clock that says what "now" is
 * @error: return location for a #GError
 *
 * Opens a second, read-only connection to a database that a writing store
 * (sitrep_store_open()) has created and brought up to date, for a worker
 * thread: list queries, search, the alert catch-up. WAL lets it read while
 * the writing store writes on another thread; each read sees the last
 * commit before it began.
 *
 * The reader belongs to the thread that uses it: create it, use it and
 * unref it on that one thread. It runs no migration and checks only the
 * file's header and identity; it watches nothing and attaches no source to
 * any main context, so it emits no signal by itself. Every write fails with
 * %SITREP_STORE_ERROR_READ_ONLY. sitrep_store_get_policy() re-reads the
 * policy when another connection committed since.
 *
 * Returns: (transfer full): the reader, or %NULL on error
 *   (%SITREP_STORE_ERROR_NO_DATABASE when there is no file at @path)
 */
SitrepStore *
sitrep_store_open_reader (const char   *path,
                          SitrepClock  *clock,
                          GError      **error)
{
  g_autoptr(SitrepStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (SITREP_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SITREP_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->clock = g_object_ref (clock);
  self->reader = TRUE;

  if (!check_existing_file (self, error) || !open_reader_database (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * sitrep_store_set_busy_timeout:
 * @self: a #SitrepStore
 * @milliseconds: how long a write waits for another program's lock
 */
void
sitrep_store_set_busy_timeout (SitrepStore *self,
                               int          milliseconds)
{
  g_return_if_fail (SITREP_IS_STORE (self));

  self->busy_timeout_ms = MAX (0, milliseconds);
  if (self->db != NULL)
    sqlite3_busy_timeout (self->db, self->busy_timeout_ms);
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

/**
 * sitrep_store_get_path:
 * @self: a #SitrepStore
 *
 * Returns: (transfer none): the database file
 */
const char *
sitrep_store_get_path (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  return self->path;
}

/**
 * sitrep_store_get_clock:
 * @self: a #SitrepStore
 *
 * Returns: (transfer none): the clock the store was opened with
 */
SitrepClock *
sitrep_store_get_clock (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  return self->clock;
}

/**
 * sitrep_store_get_schema_version:
 * @self: a #SitrepStore
 *
 * Returns: the database's schema version (its `PRAGMA user_version`)
 */
int
sitrep_store_get_schema_version (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), 0);

  return self->schema_version;
}

/**
 * sitrep_store_set_read_only:
 * @self: a #SitrepStore
 * @read_only: whether the current user may only view the data
 *
 * For a supervisor: while set, every write (and every import) fails with
 * %SITREP_STORE_ERROR_READ_ONLY_ROLE and changes nothing.
 */
void
sitrep_store_set_read_only (SitrepStore *self,
                            gboolean     read_only)
{
  g_return_if_fail (SITREP_IS_STORE (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  self->read_only = read_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

/**
 * sitrep_store_get_read_only:
 * @self: a #SitrepStore
 *
 * Returns: whether the store refuses writes (see sitrep_store_set_read_only())
 */
gboolean
sitrep_store_get_read_only (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  return self->read_only;
}

/**
 * sitrep_store_check_external_changes:
 * @self: a #SitrepStore
 *
 * Checks whether another program (or another store on the same file) has
 * written to the database since the last check, and if so reloads the
 * policy and emits #SitrepStore::changed. Cheap: it runs
 * `PRAGMA data_version`. The store calls it by itself shortly after the
 * database's "-wal" file changes.
 *
 * Returns: %TRUE when something changed
 */
gboolean
sitrep_store_check_external_changes (SitrepStore *self)
{
  g_autoptr(GError) error = NULL;
  gint64 version;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (self->in_import)
    return FALSE;

  if (!query_int64 (self, "PRAGMA data_version", &version, &error))
    {
      g_warning ("%s", error->message);
      return FALSE;
    }

  if (version == self->data_version)
    return FALSE;

  self->data_version = version;

  {
    g_autoptr(SitrepPolicy) policy = read_policy (self, &error);

    if (policy != NULL)
      g_set_object (&self->policy, policy);
    else
      g_warning ("%s", error->message);
  }

  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/* ------------------------------------------------------------------------
 * Public API: reading
 */

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

  return load_incident (self, id, error);
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
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE,
                   _("“%s” is not an incident key such as INC-7"), key != NULL ? key : "");
      return NULL;
    }

  if (!find_key (self, key_num, &id, error))
    return NULL;

  if (id == 0)
    {
      g_autofree char *formatted = format_key (key_num);

      set_key_not_found (error, formatted);
      return NULL;
    }

  return load_incident (self, id, error);
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

  return load_entries (self, id, error);
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

  return load_complaints (self, id, error);
}

/* Turns what a user typed into an FTS5 query that cannot be a syntax
 * error: each word quoted and matched as a prefix; words without a letter
 * or digit (which the index does not hold) are left out. */
static char *
build_match_expression (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\r\n\f\v", -1);
  g_autoptr(GString) match = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];
      gboolean has_token = FALSE;

      if (!g_utf8_validate (word, -1, NULL))
        continue;

      for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
        if (g_unichar_isalnum (g_utf8_get_char (p)))
          has_token = TRUE;

      if (!has_token)
        continue;

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

/* The SQL of sitrep_store_query() for @query, whose parameters are :now,
 * :me, :match and :key; @match and @key_num receive the values to bind. */
static char *
build_query_sql (const SitrepQuery  *query,
                 gboolean            paged,
                 char              **match,
                 gint64             *key_num)
{
  g_autoptr(GString) sql = g_string_new ("SELECT i.id FROM incidents AS i");
  gboolean has_key = FALSE;

  *match = NULL;
  *key_num = 0;

  /* One person's open incidents are few: find them first, whatever the
   * sort (the planner may not know how few). */
  if (query->filter == SITREP_LIST_FILTER_MINE)
    g_string_append (sql, " INDEXED BY incidents_open_by_owner");
  g_string_append (sql, " WHERE ");

  switch (query->filter)
    {
    case SITREP_LIST_FILTER_OPEN:
      g_string_append (sql, "i.is_open = 1");
      break;

    case SITREP_LIST_FILTER_AT_RISK:
      g_string_append (sql, "i.is_open = 1 AND i.next_warn_at <= :now");
      break;

    case SITREP_LIST_FILTER_MINE:
      g_string_append (sql, "i.is_open = 1 AND i.owner = :me");
      break;

    case SITREP_LIST_FILTER_LEVEL_1:
      g_string_append (sql, "i.is_open = 1 AND i.level = 1");
      break;

    case SITREP_LIST_FILTER_LEVEL_2:
      g_string_append (sql, "i.is_open = 1 AND i.level = 2");
      break;

    case SITREP_LIST_FILTER_LEVEL_3:
      g_string_append (sql, "i.is_open = 1 AND i.level = 3");
      break;

    case SITREP_LIST_FILTER_ALL:
    default:
      g_string_append (sql, "1");
      break;
    }

  if (query->text != NULL)
    {
      *match = build_match_expression (query->text);
      has_key = parse_key_loosely (query->text, key_num);
    }

  if (*match != NULL || has_key)
    {
      g_string_append (sql, " AND i.id IN (");
      if (*match != NULL)
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
static GArray *
collect_ids (SitrepStore  *self,
             Stmt         *stmt,
             guint         reserve,
             GError      **error)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), reserve);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
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
  g_autoptr(Stmt) stmt = NULL;
  gint64 key_num;
  int index;

  sql = build_query_sql (query, paged, &match, &key_num);
  stmt = prepare_cached (self, self->queries, sql, TRUE, error);
  if (stmt == NULL)
    return NULL;

  if ((index = sqlite3_bind_parameter_index (stmt, ":now")) > 0)
    sqlite3_bind_int64 (stmt, index, get_now (self));
  if ((index = sqlite3_bind_parameter_index (stmt, ":me")) > 0)
    bind_text (stmt, index, query->me);
  if ((index = sqlite3_bind_parameter_index (stmt, ":match")) > 0)
    bind_text (stmt, index, match);
  if ((index = sqlite3_bind_parameter_index (stmt, ":key")) > 0)
    sqlite3_bind_int64 (stmt, index, key_num);
  if ((index = sqlite3_bind_parameter_index (stmt, ":limit")) > 0)
    sqlite3_bind_int64 (stmt, index, limit);
  if ((index = sqlite3_bind_parameter_index (stmt, ":offset")) > 0)
    sqlite3_bind_int64 (stmt, index, offset);

  return collect_ids (self, stmt, paged ? limit : 0, error);
}

/**
 * sitrep_store_query:
 * @self: a #SitrepStore
 * @query: the filter, sort and optional words to search for
 * @error: return location for a #GError
 *
 * Lists the incidents the ticket list shows. Filters: open (new,
 * acknowledged, recovered), at risk (open and past a deadline's warning
 * moment), mine (open and owned by @query->me), level 1/2/3 (open, of that
 * level), all. Sorts: next due (open first, by the next due moment, then
 * by report time), newest (latest report first), level (then next due),
 * key (highest first). @query->text matches words (as prefixes) in the
 * title, service, symptoms, details and timeline, or an incident key.
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
  g_autoptr(Stmt) stmt = NULL;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  stmt = get_stmt (self, "SELECT id FROM incidents ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  return collect_ids (self, stmt, 0, error);
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
  g_autoptr(Stmt) stmt = NULL;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  stmt = get_stmt (self, sql_select_unfinished, error);
  if (stmt == NULL)
    return NULL;

  return collect_ids (self, stmt, 0, error);
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
 * sitrep_store_get_policy:
 * @self: a #SitrepStore
 *
 * Returns: (transfer full): a copy of the SLA policy in force; changing it
 *   changes nothing until it is given to sitrep_store_set_policy()
 */
SitrepPolicy *
sitrep_store_get_policy (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  if (self->reader && !self->in_import)
    refresh_reader_policy (self);

  return sitrep_policy_copy (self->policy);
}

/**
 * sitrep_store_list_contacts:
 * @self: a #SitrepStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SitrepContact): the roster, by name
 */
GPtrArray *
sitrep_store_list_contacts (SitrepStore  *self,
                            GError      **error)
{
  g_autoptr(Stmt) stmt = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  int rc;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  stmt = get_stmt (self,
                   "SELECT id, name, role, email, phone FROM contacts ORDER BY name, id",
                   error);
  if (stmt == NULL)
    return NULL;

  contacts = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SitrepContact *contact = sitrep_contact_new ();

      sitrep_contact_set_id (contact, sqlite3_column_int64 (stmt, 0));
      sitrep_contact_set_name (contact, column_text (stmt, 1));
      sitrep_contact_set_role (contact, enum_value (SITREP_TYPE_ROLE, column_text (stmt, 2),
                                                    SITREP_ROLE_OM_TEAM));
      sitrep_contact_set_email (contact, column_text (stmt, 3));
      sitrep_contact_set_phone (contact, column_text (stmt, 4));
      g_ptr_array_add (contacts, contact);
    }

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&contacts);
}

/* ------------------------------------------------------------------------
 * Public API: writing
 */

static gboolean
apply_create (SitrepStore     *self,
              SitrepIncident  *incident,
              const char      *author,
              gint64          *id,
              gint64          *key_num,
              GError         **error)
{
  static const char *const text_properties[] = {
    "title", "service", "reporter-name", "reporter-contact", "symptoms", "details",
    "owner", "root-cause", "resolution",
  };
  g_autoptr(GHashTable) raised = NULL;
  g_autofree char *text = NULL;
  gint64 now = get_now (self);
  gint64 reported_at;
  gint64 occurred_at;
  Computed computed;

  for (guint i = 0; i < G_N_ELEMENTS (text_properties); i++)
    {
      g_autofree char *value = NULL;
      g_autofree char *trimmed = NULL;

      g_object_get (incident, text_properties[i], &value, NULL);
      trimmed = dup_trimmed (value);
      if (trimmed != NULL && *trimmed == '\0')
        g_clear_pointer (&trimmed, g_free);
      if (g_strcmp0 (value, trimmed) != 0)
        g_object_set (incident, text_properties[i], trimmed, NULL);
    }

  if (is_blank (sitrep_incident_get_title (incident)))
    {
      g_set_error_literal (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE,
                           _("The incident needs a title"));
      return FALSE;
    }

  if (is_blank (sitrep_incident_get_service (incident)))
    {
      g_set_error_literal (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE,
                           _("The incident needs the affected service"));
      return FALSE;
    }

  if (!check_level (sitrep_incident_get_level (incident), error))
    return FALSE;

  reported_at = sitrep_incident_get_reported_at (incident);
  if (reported_at == SITREP_TIME_NONE)
    reported_at = now;
  occurred_at = sitrep_incident_get_occurred_at (incident);
  if (occurred_at == SITREP_TIME_NONE)
    occurred_at = reported_at;

  if (!check_not_future (self, reported_at, error))
    return FALSE;

  if (occurred_at > reported_at)
    {
      g_autofree char *occurred_text = sitrep_time_format_local (occurred_at);
      g_autofree char *reported_text = sitrep_time_format_local (reported_at);

      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_TIME,
                   _("The fault cannot begin (%s) after it was reported (%s)"),
                   occurred_text, reported_text);
      return FALSE;
    }

  sitrep_incident_set_reported_at (incident, reported_at);
  sitrep_incident_set_occurred_at (incident, occurred_at);
  sitrep_incident_set_status (incident, SITREP_STATUS_NEW);
  sitrep_incident_set_acknowledged_at (incident, SITREP_TIME_NONE);
  sitrep_incident_set_recovered_at (incident, SITREP_TIME_NONE);
  sitrep_incident_set_resolved_at (incident, SITREP_TIME_NONE);
  sitrep_incident_set_transferred_at (incident, SITREP_TIME_NONE);
  sitrep_incident_set_transferred_to (incident, NULL);
  sitrep_incident_set_closed_at (incident, SITREP_TIME_NONE);
  sitrep_incident_set_cancelled_at (incident, SITREP_TIME_NONE);
  sitrep_incident_set_initial_notice_at (incident, SITREP_TIME_NONE);
  sitrep_incident_set_progress_notice_at (incident, SITREP_TIME_NONE);
  sitrep_incident_set_progress_notice_count (incident, 0);
  sitrep_incident_set_rectification_notice_at (incident, SITREP_TIME_NONE);
  sitrep_incident_set_escalation_notice_at (incident, SITREP_TIME_NONE);

  /* Keys are never reused: the sequence only grows, and stays above any
   * imported key. */
  {
    g_autoptr(Stmt) stmt =
      get_stmt (self,
                "UPDATE key_sequence SET last_key = "
                "MAX(last_key, IFNULL((SELECT MAX(key_num) FROM incidents), 0)) + 1 "
                "WHERE id = 1 RETURNING last_key",
                error);

    if (stmt == NULL || !step_int64 (self, stmt, key_num, error))
      return FALSE;
  }

  compute_columns (incident, current_policy (self), NULL, &computed, NULL);
  if (!insert_incident (self, incident, *key_num, &computed, id, error))
    return FALSE;

  text = g_strdup_printf (_("Incident reported at level %d"),
                          sitrep_incident_get_level (incident));
  return insert_entry (self, *id, reported_at, now, author, SITREP_ENTRY_KIND_CREATED,
                       SITREP_TAG_NONE, text, NULL, error);
}

/**
 * sitrep_store_create_incident:
 * @self: a #SitrepStore
 * @incident: the new incident: title, service and level are required;
 *   reported_at defaults to now and occurred_at to reported_at
 * @author: who records it
 * @error: return location for a #GError
 *
 * Stores a new incident with status "new" and a "created" timeline entry.
 * Text fields are trimmed. On success @incident gets its id and key
 * (INC-<n>, the next in sequence) and its defaults.
 *
 * Returns: %TRUE on success; on error nothing is stored
 */
gboolean
sitrep_store_create_incident (SitrepStore     *self,
                              SitrepIncident  *incident,
                              const char      *author,
                              GError         **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *key = NULL;
  gint64 id = 0;
  gint64 key_num = 0;
  gboolean ok;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), FALSE);

  if (!begin_write (self, error))
    return FALSE;

  ok = apply_create (self, incident, who, &id, &key_num, error);
  if (!finish_write (self, ok, 0, 0, error))
    return FALSE;

  key = format_key (key_num);
  sitrep_incident_set_id (incident, id);
  sitrep_incident_set_key (incident, key);
  emit_incident_changed (self, id, SITREP_CHANGE_ALL);

  return TRUE;
}

/**
 * sitrep_store_can_transition:
 * @status: an incident's status
 * @transition: a lifecycle transition
 *
 * The lifecycle: acknowledge a new incident, mark an acknowledged one
 * recovered, resolve or transfer a recovered one, close a resolved or
 * transferred one, reopen a resolved, transferred or closed one (back to
 * acknowledged), cancel any open one.
 *
 * Returns: whether @transition may be applied to an incident in @status
 */
gboolean
sitrep_store_can_transition (SitrepStatus     status,
                             SitrepTransition transition)
{
  if ((guint) transition >= G_N_ELEMENTS (transitions) ||
      (guint) status > SITREP_STATUS_CANCELLED)
    return FALSE;

  return (transitions[transition].from & STATUS_BIT (status)) != 0;
}

static char *
describe_transition (SitrepTransition  transition,
                     const char       *transferred_to,
                     const char       *comment)
{
  g_autofree char *sentence = NULL;

  switch (transition)
    {
    case SITREP_TRANSITION_ACKNOWLEDGE:
      sentence = g_strdup (_("Acknowledged"));
      break;

    case SITREP_TRANSITION_RECOVER:
      sentence = g_strdup (_("Service recovered"));
      break;

    case SITREP_TRANSITION_RESOLVE:
      sentence = g_strdup (_("Resolved"));
      break;

    case SITREP_TRANSITION_TRANSFER:
      sentence = g_strdup_printf (_("Transferred to %s"), transferred_to);
      break;

    case SITREP_TRANSITION_CLOSE:
      sentence = g_strdup (_("Closed"));
      break;

    case SITREP_TRANSITION_REOPEN:
      sentence = g_strdup (_("Reopened"));
      break;

    case SITREP_TRANSITION_CANCEL:
    default:
      sentence = g_strdup (_("Cancelled"));
      break;
    }

  if (is_blank (comment))
    return g_steal_pointer (&sentence);

  /* Translators: a status change and the comment given with it */
  return g_strdup_printf (_("%s: %s"), sentence, comment);
}

static gboolean
apply_transition (SitrepStore       *self,
                  gint64             id,
                  SitrepTransition   transition,
                  gint64             at,
                  const char        *author,
                  const char        *comment,
                  const char        *transferred_to,
                  GError           **error)
{
  g_autoptr(SitrepIncident) incident = load_incident (self, id, error);
  g_autofree char *text = NULL;
  SitrepStatus status;
  SitrepStatus target;
  gint64 now = get_now (self);
  gint64 latest;

  if (incident == NULL)
    return FALSE;

  status = sitrep_incident_get_status (incident);
  if (!sitrep_store_can_transition (status, transition))
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_TRANSITION,
                   _("“%s” is not possible for %s while it is %s"),
                   sitrep_transition_to_label (transition),
                   sitrep_incident_get_key (incident),
                   sitrep_status_to_label (status));
      return FALSE;
    }

  if (transition == SITREP_TRANSITION_TRANSFER && is_blank (transferred_to))
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE,
                   _("Say where %s is transferred to: developers, problem management "
                     "or another team"),
                   sitrep_incident_get_key (incident));
      return FALSE;
    }

  if (at == SITREP_TIME_NONE)
    at = now;

  if (!check_not_future (self, at, error) ||
      !check_not_before (at, sitrep_incident_get_reported_at (incident),
                         _("the incident was reported"), error) ||
      !get_latest_status_change (self, incident, &latest, error) ||
      !check_not_before (at, latest, _("its previous status change"), error))
    return FALSE;

  target = transitions[transition].to;

  switch (transition)
    {
    case SITREP_TRANSITION_ACKNOWLEDGE:
      sitrep_incident_set_acknowledged_at (incident, at);
      break;

    case SITREP_TRANSITION_RECOVER:
      sitrep_incident_set_recovered_at (incident, at);
      break;

    case SITREP_TRANSITION_RESOLVE:
      sitrep_incident_set_resolved_at (incident, at);
      break;

    case SITREP_TRANSITION_TRANSFER:
      sitrep_incident_set_transferred_at (incident, at);
      sitrep_incident_set_transferred_to (incident, transferred_to);
      break;

    case SITREP_TRANSITION_CLOSE:
      sitrep_incident_set_closed_at (incident, at);
      break;

    case SITREP_TRANSITION_REOPEN:
      sitrep_incident_set_recovered_at (incident, SITREP_TIME_NONE);
      sitrep_incident_set_resolved_at (incident, SITREP_TIME_NONE);
      sitrep_incident_set_transferred_at (incident, SITREP_TIME_NONE);
      sitrep_incident_set_transferred_to (incident, NULL);
      sitrep_incident_set_closed_at (incident, SITREP_TIME_NONE);
      break;

    case SITREP_TRANSITION_CANCEL:
    default:
      sitrep_incident_set_cancelled_at (incident, at);
      break;
    }

  sitrep_incident_set_status (incident, target);

  text = describe_transition (transition, transferred_to, comment);
  return insert_entry (self, id, at, now, author, SITREP_ENTRY_KIND_STATUS, SITREP_TAG_NONE,
                       text, enum_nick (SITREP_TYPE_STATUS, target), error) &&
         save_incident (self, incident, error);
}

/**
 * sitrep_store_transition:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @transition: what to do (see sitrep_store_can_transition())
 * @at: when it happened, or %SITREP_TIME_NONE for now; may be backdated,
 *   but not before the incident was reported or its previous status
 *   change, nor in the future
 * @author: who does it
 * @comment: (nullable): a remark for the timeline
 * @transferred_to: (nullable): for %SITREP_TRANSITION_TRANSFER, where to
 *   (developers, problem management or a team): required
 * @error: return location for a #GError
 *
 * Changes the incident's status and writes a status entry to its timeline.
 * Reopening clears the recovered, resolved, transferred and closed times.
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
sitrep_store_transition (SitrepStore       *self,
                         gint64             id,
                         SitrepTransition   transition,
                         gint64             at,
                         const char        *author,
                         const char        *comment,
                         const char        *transferred_to,
                         GError           **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *remark = dup_trimmed (comment);
  g_autofree char *to = dup_trimmed (transferred_to);
  gboolean ok;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (!begin_write (self, error))
    return FALSE;

  ok = apply_transition (self, id, transition, at, who, remark, to, error);
  return finish_write (self, ok, id,
                       SITREP_CHANGE_STATUS | SITREP_CHANGE_TIMELINE | SITREP_CHANGE_DEADLINES,
                       error);
}

static gboolean
apply_set_level (SitrepStore   *self,
                 gint64         id,
                 int            level,
                 gint64         at,
                 const char    *author,
                 const char    *comment,
                 SitrepChange  *changes,
                 GError       **error)
{
  g_autoptr(SitrepIncident) incident = load_incident (self, id, error);
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  gint64 now = get_now (self);
  int old_level;

  if (incident == NULL || !check_level (level, error))
    return FALSE;

  old_level = sitrep_incident_get_level (incident);
  if (old_level == level)
    return TRUE;

  *changes = SITREP_CHANGE_LEVEL | SITREP_CHANGE_TIMELINE | SITREP_CHANGE_DEADLINES;

  if (at == SITREP_TIME_NONE)
    at = now;

  if (!check_not_future (self, at, error) ||
      !check_not_before (at, sitrep_incident_get_reported_at (incident),
                         _("the incident was reported"), error))
    return FALSE;

  sitrep_incident_set_level (incident, level);

  text = g_strdup_printf (_("Level %d → %d"), old_level, level);
  if (!is_blank (comment))
    {
      g_autofree char *sentence = g_steal_pointer (&text);

      text = g_strdup_printf (_("%s: %s"), sentence, comment);
    }
  detail = g_strdup_printf ("%d→%d", old_level, level);

  return insert_entry (self, id, at, now, author, SITREP_ENTRY_KIND_LEVEL, SITREP_TAG_NONE,
                       text, detail, error) &&
         save_incident (self, incident, error);
}

/**
 * sitrep_store_set_level:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @level: 1, 2 or 3
 * @at: when it was decided, or %SITREP_TIME_NONE for now
 * @author: who changes it
 * @comment: (nullable): why
 * @error: return location for a #GError
 *
 * Changes the incident's level; its deadlines follow the new level at once.
 * Setting the level it already has changes nothing.
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
sitrep_store_set_level (SitrepStore  *self,
                        gint64        id,
                        int           level,
                        gint64        at,
                        const char   *author,
                        const char   *comment,
                        GError      **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *remark = dup_trimmed (comment);
  SitrepChange changes = 0;
  gboolean ok;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (!begin_write (self, error))
    return FALSE;

  ok = apply_set_level (self, id, level, at, who, remark, &changes, error);
  return finish_write (self, ok, id, changes, error);
}

static gboolean
apply_set_owner (SitrepStore   *self,
                 gint64         id,
                 const char    *owner,
                 const char    *author,
                 SitrepChange  *changes,
                 GError       **error)
{
  g_autoptr(SitrepIncident) incident = load_incident (self, id, error);
  g_autofree char *text = NULL;
  const char *old_owner;
  gint64 now = get_now (self);

  if (incident == NULL)
    return FALSE;

  old_owner = sitrep_incident_get_owner (incident);
  if (g_strcmp0 (old_owner != NULL ? old_owner : "", owner) == 0)
    return TRUE;

  *changes = SITREP_CHANGE_OWNER | SITREP_CHANGE_TIMELINE;

  if (is_blank (owner))
    text = g_strdup_printf (_("Owner %s removed"), old_owner);
  else if (is_blank (old_owner))
    text = g_strdup_printf (_("Owner set to %s"), owner);
  else
    text = g_strdup_printf (_("Owner changed from %s to %s"), old_owner, owner);

  sitrep_incident_set_owner (incident, is_blank (owner) ? NULL : owner);

  return insert_entry (self, id, now, now, author, SITREP_ENTRY_KIND_OWNER, SITREP_TAG_NONE,
                       text, sitrep_incident_get_owner (incident), error) &&
         save_incident (self, incident, error);
}

/**
 * sitrep_store_set_owner:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @owner: (nullable): the handler who holds first accountability, or
 *   %NULL or "" for none
 * @author: who changes it
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
sitrep_store_set_owner (SitrepStore  *self,
                        gint64        id,
                        const char   *owner,
                        const char   *author,
                        GError      **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *name = dup_trimmed (owner != NULL ? owner : "");
  SitrepChange changes = 0;
  gboolean ok;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (!begin_write (self, error))
    return FALSE;

  ok = apply_set_owner (self, id, name, who, &changes, error);
  return finish_write (self, ok, id, changes, error);
}

/* How a value of a field reads in the timeline. */
static char *
describe_field_value (FieldType     type,
                      const GValue *value)
{
  switch (type)
    {
    case FIELD_CHANNEL:
      return g_strdup (sitrep_channel_to_label (g_value_get_enum (value)));

    case FIELD_CAUSE:
      return g_strdup (sitrep_cause_to_label (g_value_get_enum (value)));

    case FIELD_TIME:
      return sitrep_time_format_local (g_value_get_int64 (value));

    case FIELD_TEXT:
    case FIELD_LONG_TEXT:
    default:
      return g_strdup (g_value_get_string (value) != NULL ? g_value_get_string (value) : "");
    }
}

static gboolean
apply_set_field (SitrepStore   *self,
                 gint64         id,
                 const char    *field,
                 const char    *value,
                 const char    *author,
                 SitrepChange  *changes,
                 GError       **error)
{
  g_autoptr(SitrepIncident) incident = load_incident (self, id, error);
  g_auto(GValue) old_value = G_VALUE_INIT;
  g_auto(GValue) new_value = G_VALUE_INIT;
  g_autofree char *name = g_strdelimit (g_strdup (field != NULL ? field : ""), "-", '_');
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *text = NULL;
  const char *label;
  GParamSpec *pspec;
  gint64 now = get_now (self);
  guint i;

  if (incident == NULL)
    return FALSE;

  for (i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].name, name))
      break;

  if (i == G_N_ELEMENTS (fields))
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE,
                   _("An incident has no field “%s”"), field != NULL ? field : "");
      return FALSE;
    }

  label = _(fields[i].label);

  if (fields[i].required && is_blank (value))
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE,
                   _("%s must not be empty"), label);
      return FALSE;
    }

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (incident), fields[i].property);
  g_value_init (&old_value, pspec->value_type);
  g_object_get_property (G_OBJECT (incident), fields[i].property, &old_value);
  g_value_init (&new_value, G_VALUE_TYPE (&old_value));

  switch (fields[i].type)
    {
    case FIELD_TEXT:
    case FIELD_LONG_TEXT:
      g_value_set_string (&new_value, is_blank (value) ? NULL : value);
      break;

    case FIELD_CHANNEL:
      {
        int channel;

        if (!sitrep_enum_from_nick (SITREP_TYPE_CHANNEL, value, &channel))
          {
            g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE,
                         _("“%s” is not a reporting channel: use hotline, email, "
                           "monitoring or other"), value);
            return FALSE;
          }
        g_value_set_enum (&new_value, channel);
      }
      break;

    case FIELD_CAUSE:
      {
        int cause = SITREP_CAUSE_NONE;

        if (!is_blank (value) && !sitrep_enum_from_nick (SITREP_TYPE_CAUSE, value, &cause))
          {
            g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE,
                         _("“%s” is not a cause category: use network, hardware, "
                           "software, data or unknown"), value);
            return FALSE;
          }
        g_value_set_enum (&new_value, cause);
      }
      break;

    case FIELD_TIME:
      {
        g_autoptr(GError) local_error = NULL;
        gint64 time;

        if (!sitrep_time_parse_rfc3339 (value, &time, &local_error))
          {
            g_set_error_literal (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE,
                                 local_error->message);
            return FALSE;
          }

        if (time > sitrep_incident_get_reported_at (incident))
          {
            g_autofree char *occurred_text = sitrep_time_format_local (time);
            g_autofree char *reported_text =
              sitrep_time_format_local (sitrep_incident_get_reported_at (incident));

            g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_TIME,
                         _("The fault cannot begin (%s) after it was reported (%s)"),
                         occurred_text, reported_text);
            return FALSE;
          }
        g_value_set_int64 (&new_value, time);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  old_text = describe_field_value (fields[i].type, &old_value);
  new_text = describe_field_value (fields[i].type, &new_value);

  if (g_param_values_cmp (pspec, &old_value, &new_value) == 0 ||
      ((fields[i].type == FIELD_TEXT || fields[i].type == FIELD_LONG_TEXT) &&
       g_str_equal (old_text, new_text)))
    return TRUE;

  g_object_set_property (G_OBJECT (incident), fields[i].property, &new_value);

  /* the fault's start is where the recovery clock starts */
  *changes = SITREP_CHANGE_FIELDS | SITREP_CHANGE_TIMELINE;
  if (fields[i].type == FIELD_TIME)
    *changes |= SITREP_CHANGE_DEADLINES;

  if (fields[i].type == FIELD_LONG_TEXT)
    /* Translators: e.g. "Symptoms updated" */
    text = g_strdup_printf (_("%s updated"), label);
  else if (*new_text == '\0')
    /* Translators: e.g. "Reporter removed" */
    text = g_strdup_printf (_("%s removed"), label);
  else if (*old_text == '\0')
    /* Translators: e.g. "Reporter set to “Ann”" */
    text = g_strdup_printf (_("%s set to “%s”"), label, new_text);
  else
    /* Translators: e.g. "Service changed from “Mail” to “Web mail”" */
    text = g_strdup_printf (_("%s changed from “%s” to “%s”"), label, old_text, new_text);

  return insert_entry (self, id, now, now, author, SITREP_ENTRY_KIND_FIELD, SITREP_TAG_NONE,
                       text, fields[i].name, error) &&
         save_incident (self, incident, error);
}

/**
 * sitrep_store_set_field:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @field: one of title, service, reporter_name, reporter_contact,
 *   reporter_channel (a channel nick), symptoms, details, occurred_at
 *   (RFC 3339, not after the report), cause_category (a nick, or "" for
 *   none), root_cause, resolution
 * @value: (nullable): the new value; white space around it is trimmed
 * @author: who changes it
 * @error: return location for a #GError
 *
 * Changes one field and writes a field entry to the timeline. Setting the
 * value the field already has changes nothing.
 *
 * Returns: %TRUE on success; on error (%SITREP_STORE_ERROR_INVALID_VALUE
 *   for an unknown field or a bad value) nothing is written
 */
gboolean
sitrep_store_set_field (SitrepStore  *self,
                        gint64        id,
                        const char   *field,
                        const char   *value,
                        const char   *author,
                        GError      **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *trimmed = dup_trimmed (value != NULL ? value : "");
  SitrepChange changes = 0;
  gboolean ok;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (!begin_write (self, error))
    return FALSE;

  ok = apply_set_field (self, id, field, trimmed, who, &changes, error);
  return finish_write (self, ok, id, changes, error);
}

static gboolean
apply_add_note (SitrepStore  *self,
                gint64        id,
                gint64        occurred_at,
                const char   *author,
                SitrepTag     tag,
                const char   *text,
                GError      **error)
{
  g_autoptr(SitrepIncident) incident = load_incident (self, id, error);
  gint64 now = get_now (self);

  if (incident == NULL)
    return FALSE;

  if (is_blank (text))
    {
      g_set_error_literal (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE,
                           _("The note is empty"));
      return FALSE;
    }

  if ((guint) tag > SITREP_TAG_NEED)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE,
                   _("Unknown tag %d"), (int) tag);
      return FALSE;
    }

  if (occurred_at == SITREP_TIME_NONE)
    occurred_at = now;

  if (!check_not_future (self, occurred_at, error))
    return FALSE;

  return insert_entry (self, id, occurred_at, now, author, SITREP_ENTRY_KIND_NOTE, tag,
                       text, NULL, error);
}

/**
 * sitrep_store_add_note:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @occurred_at: when it happened, or %SITREP_TIME_NONE for now; may be
 *   backdated (for bridge logs written up afterwards), not in the future
 * @author: who writes it
 * @tag: condition, action, need or none (for the CAN report)
 * @text: the note
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
sitrep_store_add_note (SitrepStore  *self,
                       gint64        id,
                       gint64        occurred_at,
                       const char   *author,
                       SitrepTag     tag,
                       const char   *text,
                       GError      **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *note = dup_trimmed (text);
  gboolean ok;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (!begin_write (self, error))
    return FALSE;

  ok = apply_add_note (self, id, occurred_at, who, tag, note, error);
  return finish_write (self, ok, id, SITREP_CHANGE_TIMELINE, error);
}

static gboolean
apply_record_notice (SitrepStore       *self,
                     gint64             id,
                     SitrepNoticeKind   kind,
                     gint64             sent_at,
                     const char        *author,
                     const char        *summary,
                     GError           **error)
{
  g_autoptr(SitrepIncident) incident = load_incident (self, id, error);
  g_autofree char *text = NULL;
  gint64 now = get_now (self);

  if (incident == NULL)
    return FALSE;

  if ((guint) kind >= SITREP_N_NOTICES)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE,
                   _("Unknown notice kind %d"), (int) kind);
      return FALSE;
    }

  if (sent_at == SITREP_TIME_NONE)
    sent_at = now;

  if (!check_not_future (self, sent_at, error) ||
      !check_not_before (sent_at, sitrep_incident_get_reported_at (incident),
                         _("the incident was reported"), error))
    return FALSE;

  switch (kind)
    {
    case SITREP_NOTICE_INITIAL:
      sitrep_incident_set_initial_notice_at (
        incident, MAX (sent_at, sitrep_incident_get_initial_notice_at (incident)));
      break;

    case SITREP_NOTICE_PROGRESS:
      sitrep_incident_set_progress_notice_at (
        incident, MAX (sent_at, sitrep_incident_get_progress_notice_at (incident)));
      sitrep_incident_set_progress_notice_count (
        incident, sitrep_incident_get_progress_notice_count (incident) + 1);
      break;

    case SITREP_NOTICE_RECTIFICATION:
      sitrep_incident_set_rectification_notice_at (
        incident, MAX (sent_at, sitrep_incident_get_rectification_notice_at (incident)));
      break;

    case SITREP_NOTICE_ESCALATION:
    default:
      sitrep_incident_set_escalation_notice_at (
        incident, MAX (sent_at, sitrep_incident_get_escalation_notice_at (incident)));
      break;
    }

  /* Translators: e.g. "Initial notification sent" */
  text = g_strdup_printf (_("%s sent"), sitrep_notice_kind_to_label (kind));
  if (!is_blank (summary))
    {
      g_autofree char *sentence = g_steal_pointer (&text);

      text = g_strdup_printf (_("%s: %s"), sentence, summary);
    }

  return insert_entry (self, id, sent_at, now, author, SITREP_ENTRY_KIND_NOTICE,
                       SITREP_TAG_NONE, text, enum_nick (SITREP_TYPE_NOTICE_KIND, kind),
                       error) &&
         save_incident (self, incident, error);
}

/**
 * sitrep_store_record_notice:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @kind: which notice of the communication plan
 * @sent_at: when it was sent, or %SITREP_TIME_NONE for now
 * @author: who sent it
 * @summary: (nullable): e.g. the subject
 * @error: return location for a #GError
 *
 * Records a notice as sent: a notice entry in the timeline (its detail is
 * the notice kind's nick) and the incident's notice times, which reset the
 * progress clock.
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
sitrep_store_record_notice (SitrepStore       *self,
                            gint64             id,
                            SitrepNoticeKind   kind,
                            gint64             sent_at,
                            const char        *author,
                            const char        *summary,
                            GError           **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *subject = dup_trimmed (summary);
  gboolean ok;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (!begin_write (self, error))
    return FALSE;

  ok = apply_record_notice (self, id, kind, sent_at, who, subject, error);
  return finish_write (self, ok, id, SITREP_CHANGE_TIMELINE | SITREP_CHANGE_DEADLINES, error);
}

static gboolean
apply_add_complaint (SitrepStore      *self,
                     gint64            id,
                     SitrepComplaint  *complaint,
                     const char       *author,
                     gint64           *complaint_id,
                     GError          **error)
{
  g_autoptr(SitrepIncident) incident = load_incident (self, id, error);
  g_autofree char *ref = dup_trimmed (sitrep_complaint_get_ref (complaint));
  g_autofree char *customer = dup_trimmed (sitrep_complaint_get_customer (complaint));
  g_autofree char *summary = dup_trimmed (sitrep_complaint_get_summary (complaint));
  g_autofree char *text = NULL;
  gint64 now = get_now (self);
  gint64 received_at = sitrep_complaint_get_received_at (complaint);

  if (incident == NULL)
    return FALSE;

  if (is_blank (customer) && is_blank (summary) && is_blank (ref))
    {
      g_set_error_literal (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE,
                           _("The complaint needs a customer, a reference or a summary"));
      return FALSE;
    }

  if (received_at == SITREP_TIME_NONE)
    received_at = now;

  if (!check_not_future (self, received_at, error))
    return FALSE;

  sitrep_complaint_set_ref (complaint, ref);
  sitrep_complaint_set_customer (complaint, customer);
  sitrep_complaint_set_summary (complaint, summary);
  sitrep_complaint_set_received_at (complaint, received_at);

  if (!insert_complaint (self, id, complaint, complaint_id, error))
    return FALSE;

  if (!is_blank (customer) && !is_blank (summary))
    text = g_strdup_printf (_("Complaint from %s: %s"), customer, summary);
  else if (!is_blank (customer))
    text = g_strdup_printf (_("Complaint from %s"), customer);
  else if (!is_blank (summary))
    text = g_strdup_printf (_("Complaint: %s"), summary);
  else
    text = g_strdup_printf (_("Complaint %s"), ref);

  if (!sitrep_complaint_get_attributed (complaint))
    {
      g_autofree char *sentence = g_steal_pointer (&text);

      /* Translators: a complaint that is not attributed to the incident */
      text = g_strdup_printf (_("%s (not attributed)"), sentence);
    }

  return insert_entry (self, id, received_at, now, author, SITREP_ENTRY_KIND_COMPLAINT,
                       SITREP_TAG_NONE, text, ref, error);
}

/**
 * sitrep_store_add_complaint:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @complaint: the complaint; received_at defaults to now
 * @author: who links it
 * @error: return location for a #GError
 *
 * Links a customer complaint to the incident and notes it in the timeline.
 * On success @complaint gets its id and incident id.
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
sitrep_store_add_complaint (SitrepStore      *self,
                            gint64            id,
                            SitrepComplaint  *complaint,
                            const char       *author,
                            GError          **error)
{
  g_autofree char *who = dup_trimmed (author);
  gint64 complaint_id = 0;
  gboolean ok;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SITREP_IS_COMPLAINT (complaint), FALSE);

  if (!begin_write (self, error))
    return FALSE;

  ok = apply_add_complaint (self, id, complaint, who, &complaint_id, error);
  if (!finish_write (self, ok, id, SITREP_CHANGE_COMPLAINTS | SITREP_CHANGE_TIMELINE,
                     error))
    return FALSE;

  sitrep_complaint_set_id (complaint, complaint_id);
  sitrep_complaint_set_incident_id (complaint, id);
  return TRUE;
}

/**
 * sitrep_store_set_policy:
 * @self: a #SitrepStore
 * @policy: the new SLA policy
 * @author: who changes it
 * @error: return location for a #GError
 *
 * Stores the policy and recomputes every open incident's deadlines, then
 * emits #SitrepStore::changed.
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
sitrep_store_set_policy (SitrepStore   *self,
                         SitrepPolicy  *policy,
                         const char    *author,
                         GError       **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autoptr(SitrepPolicy) previous = NULL;
  gboolean ok;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SITREP_IS_POLICY (policy), FALSE);

  if (!check_writable (self, error) || !check_policy (policy, error))
    return FALSE;

  if (!begin_write (self, error))
    return FALSE;

  /* The recomputation reads self->policy. */
  previous = g_steal_pointer (&self->policy);
  self->policy = sitrep_policy_copy (policy);

  ok = write_policy (self, policy, who != NULL ? who : "", error) &&
       recompute_open_incidents (self, error);
  if (!finish_write (self, ok, 0, 0, error))
    {
      g_set_object (&self->policy, previous);
      return FALSE;
    }

  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/**
 * sitrep_store_save_contact:
 * @self: a #SitrepStore
 * @contact: a contact; a new one (id 0) is added and gets its id, an
 *   existing one is updated
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_store_save_contact (SitrepStore    *self,
                           SitrepContact  *contact,
                           GError        **error)
{
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SITREP_IS_CONTACT (contact), FALSE);

  name = dup_trimmed (sitrep_contact_get_name (contact));
  email = dup_trimmed (sitrep_contact_get_email (contact));
  phone = dup_trimmed (sitrep_contact_get_phone (contact));
  id = sitrep_contact_get_id (contact);

  if (!check_writable (self, error))
    return FALSE;

  if (is_blank (name))
    {
      g_set_error_literal (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE,
                           _("The contact needs a name"));
      return FALSE;
    }

  if (!begin_write (self, error))
    return FALSE;

  {
    g_autoptr(Stmt) stmt =
      get_stmt (self,
                id > 0 ? "UPDATE contacts SET name = ?2, role = ?3, email = ?4, phone = ?5 "
                         "WHERE id = ?1"
                       : "INSERT INTO contacts (name, role, email, phone) "
                         "VALUES (?2, ?3, ?4, ?5)",
                error);

    ok = stmt != NULL;
    if (ok)
      {
        if (id > 0)
          sqlite3_bind_int64 (stmt, 1, id);
        bind_text (stmt, 2, name);
        bind_text (stmt, 3, enum_nick (SITREP_TYPE_ROLE, sitrep_contact_get_role (contact)));
        bind_text (stmt, 4, email);
        bind_text (stmt, 5, phone);
        ok = step_done (self, stmt, error);
      }

    if (ok && id > 0 && sqlite3_changes (self->db) == 0)
      {
        g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
                     _("The contact %s is no longer in the roster"), name);
        ok = FALSE;
      }
    else if (ok && id <= 0)
      id = sqlite3_last_insert_rowid (self->db);
  }

  if (!finish_write (self, ok, 0, 0, error))
    return FALSE;

  sitrep_contact_set_id (contact, id);
  sitrep_contact_set_name (contact, name);
  sitrep_contact_set_email (contact, email);
  sitrep_contact_set_phone (contact, phone);
  g_signal_emit (self, signals[CONTACTS_CHANGED], 0);
  return TRUE;
}

/**
 * sitrep_store_remove_contact:
 * @self: a #SitrepStore
 * @contact_id: the contact's id
 * @error: return location for a #GError
 *
 * Removes a person from the roster (incidents keep the names they were
 * written with).
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_store_remove_contact (SitrepStore  *self,
                             gint64        contact_id,
                             GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (!begin_write (self, error))
    return FALSE;

  {
    g_autoptr(Stmt) stmt = get_stmt (self, "DELETE FROM contacts WHERE id = ?1", error);

    ok = stmt != NULL;
    if (ok)
      {
        sqlite3_bind_int64 (stmt, 1, contact_id);
        ok = step_done (self, stmt, error);
      }
  }

  if (!finish_write (self, ok, 0, 0, error))
    return FALSE;

  g_signal_emit (self, signals[CONTACTS_CHANGED], 0);
  return TRUE;
}

/* ------------------------------------------------------------------------
 * Public API: alerts
 */

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
    g_autoptr(Stmt) stmt = get_stmt (self, sql_next_alert, &error);
    int rc;

    if (stmt == NULL)
      {
        g_warning ("%s", error->message);
        return SITREP_TIME_NONE;
      }

    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      return sqlite3_column_int64 (stmt, 0);
    if (rc != SQLITE_DONE)
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
  g_autoptr(Stmt) stmt = NULL;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  stmt = get_stmt (self,
                   "SELECT id FROM incidents WHERE is_open = 1 AND next_alert_at <= ?1 "
                   "ORDER BY next_alert_at, id",
                   error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, now);

  return collect_ids (self, stmt, 0, error);
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

  return load_raised (self, id, error);
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
      gpointer id_key = NULL;
      gboolean inserted = FALSE;

      if (!g_hash_table_lookup_extended (incidents, &record->id, &id_key, NULL))
        {
          SitrepIncident *incident = load_incident (self, record->id, error);

          if (incident == NULL)
            return FALSE;

          id_key = g_memdup2 (&record->id, sizeof record->id);
          g_hash_table_insert (incidents, id_key, incident);
        }

      if (is_blank (record->alert_key))
        {
          g_set_error_literal (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE,
                               _("An alert needs a key"));
          return FALSE;
        }

      if (!insert_alert (self, record->id, record->alert_key, record->due_at, now,
                         &inserted, error))
        return FALSE;

      if (!inserted)
        continue;

      if (!insert_entry (self, record->id,
                         record->due_at != SITREP_TIME_NONE ? record->due_at : now, now,
                         SYSTEM_AUTHOR, SITREP_ENTRY_KIND_ALERT, SITREP_TAG_NONE,
                         !is_blank (record->text) ? record->text : record->alert_key,
                         record->alert_key, error))
        return FALSE;

      if (g_hash_table_add (dirty, id_key))
        g_array_append_val (changed, record->id);
    }

  g_hash_table_iter_init (&iter, dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!update_computed (self, g_hash_table_lookup (incidents, key), error))
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
  if (!finish_write (self, ok, 0, 0, error))
    return FALSE;

  if (changed->len == 1)
    emit_incident_changed (self, g_array_index (changed, gint64, 0),
                           SITREP_CHANGE_TIMELINE | SITREP_CHANGE_DEADLINES);
  else if (changed->len > 1)
    g_signal_emit (self, signals[CHANGED], 0);

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
  if (!check_not_reader (self, error) || !check_no_import (self, error) ||
      !exec_sql (self, "BEGIN IMMEDIATE", error))
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

/* ------------------------------------------------------------------------
 * Public API: import
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

  if (!begin_write (self, error))
    return FALSE;

  /* Full-text indexing row by row inside one long transaction is slow
   * (each statement flushes the index), so the import fills the index in
   * bulk on commit, one document per new incident; a rollback brings the
   * triggers back. */
  if (!query_int64 (self, "SELECT IFNULL(MAX(id), 0) FROM incidents",
                     &self->import_last_incident, error) ||
      !exec_sql (self, sql_drop_fts_triggers, error) ||
      !exec_sql (self, IMPORT_CACHE_SIZE_PRAGMA, error))
    {
      rollback (self);
      exec_sql (self, CACHE_SIZE_PRAGMA, NULL);
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

  if (!check_in_import (self, error) || !check_policy (policy, error))
    return FALSE;

  if (!write_policy (self, policy, NULL, error))
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
      g_set_error_literal (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE,
                           _("The contact needs a name"));
      return FALSE;
    }

  role = enum_nick (SITREP_TYPE_ROLE, sitrep_contact_get_role (contact));

  {
    g_autoptr(Stmt) stmt =
      get_stmt (self,
                "SELECT id FROM contacts WHERE name = ?1 AND role = ?2 "
                "AND email IS ?3 AND phone IS ?4",
                error);

    if (stmt == NULL)
      return FALSE;

    bind_text (stmt, 1, sitrep_contact_get_name (contact));
    bind_text (stmt, 2, role);
    bind_text (stmt, 3, sitrep_contact_get_email (contact));
    bind_text (stmt, 4, sitrep_contact_get_phone (contact));
    if (!step_int64 (self, stmt, &existing, error))
      return FALSE;
  }

  if (existing == 0)
    {
      g_autoptr(Stmt) stmt =
        get_stmt (self,
                  "INSERT INTO contacts (name, role, email, phone) VALUES (?1, ?2, ?3, ?4)",
                  error);

      if (stmt == NULL)
        return FALSE;

      bind_text (stmt, 1, sitrep_contact_get_name (contact));
      bind_text (stmt, 2, role);
      bind_text (stmt, 3, sitrep_contact_get_email (contact));
      bind_text (stmt, 4, sitrep_contact_get_phone (contact));
      if (!step_done (self, stmt, error))
        return FALSE;

      existing = sqlite3_last_insert_rowid (self->db);
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
  g_autoptr(Stmt) stmt =
    get_stmt (self,
              remove ?
              "INSERT INTO incident_search (incident_search, rowid, title, service, "
              "symptoms, details, timeline) SELECT 'delete', id, title, service, symptoms, "
              "details, timeline FROM incident_text WHERE id = ?1" :
              "INSERT INTO incident_search (rowid, title, service, symptoms, details, "
              "timeline) SELECT id, title, service, symptoms, details, timeline "
              "FROM incident_text WHERE id = ?1",
              error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
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
  g_autoptr(GArray) moments = NULL;
  Computed computed;
  gint64 id;

  for (guint i = 0; i < timeline->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (timeline, i);
      const char *key = sitrep_timeline_entry_get_detail (entry);

      if (sitrep_timeline_entry_get_kind (entry) == SITREP_ENTRY_KIND_ALERT && key != NULL)
        g_hash_table_add (raised, (gpointer) key);
    }

  derive_notices (incident, timeline);
  compute_columns (incident, current_policy (self), raised, &computed, &moments);

  if (!insert_incident (self, incident, key_num, &computed, &id, error))
    return FALSE;

  for (guint i = 0; i < timeline->len; i++)
    if (!insert_given_entry (self, id, g_ptr_array_index (timeline, i), error))
      return FALSE;

  for (guint i = 0; i < complaints->len; i++)
    if (!insert_complaint (self, id, g_ptr_array_index (complaints, i), NULL, error))
      return FALSE;

  if (g_hash_table_size (raised) > 0 &&
      !insert_alerts_of_entries (self, id, timeline, 0, moments, error))
    return FALSE;

  sitrep_incident_set_id (incident, id);
  return TRUE;
}

static gboolean
import_over_incident (SitrepStore     *self,
                      SitrepIncident  *incident,
                      gint64           id,
                      GPtrArray       *timeline,
                      GPtrArray       *complaints,
                      GError         **error)
{
  g_autoptr(GPtrArray) entries = load_entries (self, id, error);
  g_autoptr(GPtrArray) stored_complaints = NULL;
  g_autoptr(GHashTable) seen = NULL;
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

  stored_complaints = load_complaints (self, id, error);
  if (stored_complaints == NULL)
    return FALSE;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < entries->len; i++)
    g_hash_table_add (seen, entry_identity (g_ptr_array_index (entries, i)));

  first_new = entries->len;
  for (guint i = 0; i < timeline->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (timeline, i);
      g_autofree char *identity = entry_identity (entry);

      if (g_hash_table_contains (seen, identity))
        continue;

      if (!insert_given_entry (self, id, entry, error))
        return FALSE;
      g_ptr_array_add (entries, g_object_ref (entry));
    }

  g_hash_table_remove_all (seen);
  for (guint i = 0; i < stored_complaints->len; i++)
    g_hash_table_add (seen, complaint_identity (g_ptr_array_index (stored_complaints, i)));

  for (guint i = 0; i < complaints->len; i++)
    {
      SitrepComplaint *complaint = g_ptr_array_index (complaints, i);
      g_autofree char *identity = complaint_identity (complaint);

      if (!g_hash_table_contains (seen, identity) &&
          !insert_complaint (self, id, complaint, NULL, error))
        return FALSE;
    }

  sitrep_incident_set_id (incident, id);
  derive_notices (incident, entries);

  moments = sitrep_sla_list_alert_moments (incident, current_policy (self));
  if (!insert_alerts_of_entries (self, id, entries, first_new, moments, error))
    return FALSE;

  return save_incident (self, incident, error) &&
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
 * On success @incident gets its id.
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
  if (!parse_key (key, &key_num))
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE,
                   _("“%s” is not an incident key such as INC-7"), key != NULL ? key : "");
      return FALSE;
    }

  if (is_blank (sitrep_incident_get_title (incident)) ||
      is_blank (sitrep_incident_get_service (incident)))
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE,
                   _("%s needs a title and a service"), key);
      return FALSE;
    }

  if (!check_level (sitrep_incident_get_level (incident), error))
    return FALSE;

  if (sitrep_incident_get_reported_at (incident) == SITREP_TIME_NONE)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_TIME,
                   _("%s has no report time"), key);
      return FALSE;
    }

  if (sitrep_incident_get_occurred_at (incident) == SITREP_TIME_NONE)
    sitrep_incident_set_occurred_at (incident, sitrep_incident_get_reported_at (incident));

  if (!find_key (self, key_num, &existing, error))
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
      g_autoptr(Stmt) stmt =
        get_stmt (self,
                  "UPDATE key_sequence SET last_key = MAX(last_key, ?1) WHERE id = 1",
                  error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, self->import_max_key);
          ok = step_done (self, stmt, error);
        }
    }

  if (ok && self->import_policy != NULL)
    ok = recompute_open_incidents (self, error);

  if (ok)
    {
      g_autoptr(Stmt) stmt =
        get_stmt (self,
                  "INSERT INTO incident_search (rowid, title, service, symptoms, details, "
                  "timeline) SELECT id, title, service, symptoms, details, timeline "
                  "FROM incident_text WHERE id > ?1",
                  error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, self->import_last_incident);
          ok = step_done (self, stmt, error);
        }
    }

  ok = ok && exec_sql (self, sql_create_fts_triggers, error);

  /* Statistics sampled from at most analysis_limit rows per index: a few
   * milliseconds, even on a million incidents. */
  if (ok)
    {
      gint64 last_incident = 0;

      ok = query_int64 (self, "SELECT IFNULL(MAX(id), 0) FROM incidents", &last_incident, error);
      if (ok && last_incident - self->import_last_incident >= ANALYZE_AFTER_IMPORT)
        ok = exec_sql (self, "ANALYZE", error);
    }

  ok = ok && exec_sql (self, "COMMIT", error);
  if (!ok)
    {
      sitrep_store_import_rollback (self);
      return FALSE;
    }

  exec_sql (self, CACHE_SIZE_PRAGMA, NULL);

  if (self->import_policy != NULL)
    g_set_object (&self->policy, self->import_policy);
  g_clear_object (&self->import_policy);
  self->in_import = FALSE;

  g_signal_emit (self, signals[CHANGED], 0);
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

  rollback (self);
  exec_sql (self, CACHE_SIZE_PRAGMA, NULL);
  g_clear_object (&self->import_policy);
  self->in_import = FALSE;
}

/**
 * sitrep_store_begin_snapshot:
 * @self: a #SitrepStore
 * @error: return location for a #GError
 *
 * Starts a read transaction: every read until sitrep_store_end_snapshot()
 * sees the database as it was at the first of them, whatever other
 * programs write meanwhile. No write may be made through @self until the
 * snapshot ends.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_store_begin_snapshot (SitrepStore  *self,
                             GError      **error)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (!check_no_import (self, error))
    return FALSE;

  return exec_sql (self, "BEGIN DEFERRED", error);
}

/**
 * sitrep_store_end_snapshot:
 * @self: a #SitrepStore
 *
 * Ends the read transaction started by sitrep_store_begin_snapshot().
 */
void
sitrep_store_end_snapshot (SitrepStore *self)
{
  g_return_if_fail (SITREP_IS_STORE (self));

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
}
