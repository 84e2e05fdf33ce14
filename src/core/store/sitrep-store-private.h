/* sitrep-store-private.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-db.h"
#include "sitrep-store.h"
#include "sitrep-team-listener.h"
#include "sitrep-store-version.h"

G_BEGIN_DECLS

/* How long a write waits for another program's lock before it fails with
 * SITREP_STORE_ERROR_LOCKED; the default is a few seconds. */
void sitrep_store_set_busy_timeout (SitrepStore *self,
                                    int          milliseconds);

/* Whether each commit is put on the disk (the default: by the store's
 * thread on a writable desk's file, see sitrep-store-sync.c, otherwise by
 * SQLite's synchronous FULL) or only keeps the file consistent (as during
 * an import: a power cut may take back the last commits). */
void     sitrep_store_set_durable (SitrepStore *self,
                                   gboolean     durable);
gboolean sitrep_store_get_durable (SitrepStore *self);

/* Databases up to this size get SQLite's full quick_check when opened; a
 * larger one a structural check and a walk of its incidents and complaints
 * (see sitrep_store_open()). Applies to
 * the stores opened afterwards, in the whole process; the default is
 * 16 MiB. */
void sitrep_store_set_full_check_max_bytes (gint64       max_bytes);

/* ------------------------------------------------------------------------
 * What the files of SitrepStore share (see sitrep-store.c)
 */

#define SCHEMA_VERSION           SITREP_STORE_SCHEMA_VERSION
#define DB_APPLICATION_ID        SITREP_STORE_APPLICATION_ID
#define DEFAULT_BUSY_TIMEOUT_MS  3000
#define SYSTEM_AUTHOR            "Sitrep"
#define EXTERNAL_CHECK_DELAY_MS  250
/* Up to this size a database is checked whole when opened (SQLite reads
 * about 200 MB a second doing so); see check_integrity(). */
#define FULL_CHECK_MAX_BYTES     (G_GINT64_CONSTANT (16) * 1024 * 1024)
/* page caches, in KiB (negative: SQLite's unit for a size in KiB) */
#define CACHE_SIZE_PRAGMA        "PRAGMA cache_size = -32768"
#define IMPORT_CACHE_SIZE_PRAGMA "PRAGMA cache_size = -131072"
/* A user's action is saved when it is on the disk: in WAL mode FULL
 * syncs the log at every commit, so a power cut after the commit cannot
 * take it back. A writable desk's connection commits with NORMAL instead,
 * which syncs the log only at checkpoints, and its own thread syncs the
 * log after each commit (sitrep-store-sync.c). A bulk import is not
 * synced until it is over: a crash still leaves all of the import or none
 * of it (see docs/performance.md for the cost of each). */
#define SYNC_DURABLE_PRAGMA      "PRAGMA synchronous = FULL"
#define SYNC_BULK_PRAGMA         "PRAGMA synchronous = NORMAL"
/* an import that adds this many incidents refreshes the planner's
 * statistics, so that the next queries are planned for the new size */
#define ANALYZE_AFTER_IMPORT     1000

/* the columns of an incident, in the order incident_from_row() reads */
#define INCIDENT_COLUMNS \
  "id, key_num, title, service, level, status, reporter_name, reporter_contact, " \
  "reporter_channel, symptoms, details, occurred_at, reported_at, acknowledged_at, " \
  "recovered_at, resolved_at, transferred_at, transferred_to, closed_at, cancelled_at, " \
  "owner, cause_category, root_cause, resolution, initial_notice_at, " \
  "progress_notice_at, progress_notice_count, rectification_notice_at, " \
  "escalation_notice_at, impact, affected_count, corrective_actions, lessons_learned, " \
  "team, team_assigned_at, team_resolved_at, team_resolution, version"

typedef struct _SitrepStoreMerger SitrepStoreMerger;
typedef struct _SitrepStoreSyncer SitrepStoreSyncer;
typedef struct _SitrepStoreSyncedWrite SitrepStoreSyncedWrite;

/* What one write changed in one incident, to be announced later, on the
 * main loop (sitrep-store-submit.c, sitrep-store-sync.c). */
typedef struct
{
  gint64       id;
  SitrepChange changes;
} SitrepStoreChange;

struct _SitrepStore
{
  GObject        parent_instance;

  char          *path;
  SitrepClock   *clock;
  SitrepDb      *db;
  SitrepPolicy  *policy;
  int            schema_version;
  gint64         file_size;       /* when opened */
  int            busy_timeout_ms;
  gint64         data_version;

  GFileMonitor  *wal_monitor;
  GSource       *external_check_source;

  /* sitrep-store-wal.c: a checkpoint asked for (from an idle) or
   * running, and how many finished */
  guint          checkpoint_source;
  gboolean       checkpointing;
  guint          n_checkpoints;

  /* sitrep-store-merge.c: the search index is merged on a thread when
   * the store is quiet: the merging connection, the quiet time, the
   * next run, the running one, and what the last check of other
   * programs' writes saw of the merging connection */
  SitrepStoreMerger *merger;
  guint          merge_quiet_ms;
  GSource       *merge_source;
  GCancellable  *merge_cancellable;
  gint64         merge_version;
  guint          merge_steps_seen;
  /* the log is to be begun (the store just opened) or started over (a
   * checkpoint emptied it): by the next run */
  gboolean       log_restart_wanted;

  gboolean       read_only;

  /* a team database (PostgreSQL): the password given, if any (never
   * shown), the login's role, and the server process of the connection,
   * whose own change notifications the store knows already */
  gboolean        team;
  char           *address;
  char           *password;
  SitrepTeamRole  team_role;
  int             backend_pid;
  /* hears the other desks' changes; a writing store's only */
  SitrepTeamListener *listener;
  gboolean        listened;       /* the listener connected once */
  /* opened by sitrep_store_open_reader(): refuses every write, and the
   * policy is re-read when another connection committed */
  gboolean       reader;

  /* sitrep_store_expect_version(): the next write to expect_id is refused
   * unless the incident is still at expect_version */
  gint64         expect_id;
  gint64         expect_version;

  /* sitrep_store_submit() on a team database: the thread that writes,
   * and the store on its own connection that it writes through (used on
   * that thread only); writes submitted and not yet reported back */
  GThreadPool   *writer_pool;
  SitrepStore   *writer;
  guint          pending_writes;
  /* counts the changes of everything another desk announced; the writing
   * thread reads the policy again when its own count (used on that
   * thread only) falls behind */
  guint          policy_serial;
  guint          writer_policy_serial;
  /* a writing connection's own successive versions of each incident
   * (id -> OwnVersions): a write decided before this desk's previous
   * ones were stored is not stale because of them */
  GHashTable    *own_versions;
  gboolean       track_own_versions;

  /* sitrep-store-sync.c: a writable desk's log is synced on a thread
   * after each commit (NULL: by SQLite, in the commit), unless an import
   * runs; a submitted write's announcements are held until then, and
   * the writes that wait for their sync */
  SitrepStoreSyncer *syncer;
  gboolean       durable;
  SitrepStoreSyncedWrite *held;
  GQueue         synced_writes;

  /* between sitrep_store_import_begin() and _commit() or _rollback() */
  gboolean       in_import;
  gint64         import_max_key;
  gint64         import_last_incident;  /* the last incident id before the import */
  SitrepPolicy  *import_policy;
};

/* What the store computes for the ticket list and the scheduler. */
typedef struct
{
  gint64 next_due;
  gint64 next_warn_at;
  gint64 next_alert_at;
} Computed;

/* sitrep-store.c */
void
_sitrep_store_map_db_error (SitrepStore   *self,
                            const GError  *db_error,
                            GError       **error);

/* Sets @error from SQLite's result code @rc. */
static inline void
set_db_error (SitrepStore  *self,
              int           rc,
              GError      **error)
{
  g_autoptr(GError) db_error = NULL;

  sitrep_db_set_error (self->db, rc, &db_error);
  _sitrep_store_map_db_error (self, db_error, error);
}

/* Passes on the result of a SitrepDb call, turning its error into the
 * store's; takes @db_error. (Call the SitrepDb function first: in one
 * argument list with @db_error, the order of evaluation is not defined.) */
static inline gboolean
db_result (SitrepStore  *self,
           gboolean      ok,
           GError       *db_error,
           GError      **error)
{
  if (!ok)
    {
      _sitrep_store_map_db_error (self, db_error, error);
      g_error_free (db_error);
    }

  return ok;
}

/* A prepared statement for SQL that lives as long as the program (a
 * literal or a static array): cached by its address. */
static inline SitrepDbStmt *
get_stmt (SitrepStore  *self,
          const char   *sql,
          GError      **error)
{
  GError *db_error = NULL;
  SitrepDbStmt *stmt = sitrep_db_get_stmt (self->db, sql, &db_error);

  db_result (self, stmt != NULL, db_error, error);
  return stmt;
}

static inline gboolean
exec_sql (SitrepStore  *self,
          const char   *sql,
          GError      **error)
{
  GError *db_error = NULL;
  gboolean ok = sitrep_db_exec (self->db, sql, &db_error);

  return db_result (self, ok, db_error, error);
}

/* Begins a transaction that will write: SQLite takes its write lock at
 * once; a server's transaction reads what others committed before each
 * statement (READ COMMITTED). */
static inline gboolean
begin_immediate (SitrepStore  *self,
                 GError      **error)
{
  GError *db_error = NULL;
  gboolean ok = sitrep_db_begin (self->db, TRUE, &db_error);

  return db_result (self, ok, db_error, error);
}

/* Runs a statement that returns no row (or ignores its rows). */
static inline gboolean
step_done (SitrepStore   *self,
           SitrepDbStmt  *stmt,
           GError       **error)
{
  GError *db_error = NULL;
  gboolean ok = sitrep_db_step_done (self->db, stmt, &db_error);

  return db_result (self, ok, db_error, error);
}

/* Runs a statement whose first column of the first row is an integer;
 * *value is 0 when there is no row or the value is NULL. */
static inline gboolean
step_int64 (SitrepStore   *self,
            SitrepDbStmt  *stmt,
            gint64        *value,
            GError       **error)
{
  GError *db_error = NULL;
  gboolean ok = sitrep_db_step_int64 (self->db, stmt, value, &db_error);

  return db_result (self, ok, db_error, error);
}

static inline gboolean
query_int64 (SitrepStore  *self,
             const char   *sql,
             gint64       *value,
             GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  return step_int64 (self, stmt, value, error);
}

static inline gint64
get_now (SitrepStore *self)
{
  return sitrep_clock_get_now (self->clock);
}

/* the policy writes follow: the one being imported, if any */
static inline SitrepPolicy *
current_policy (SitrepStore *self)
{
  return self->import_policy != NULL ? self->import_policy : self->policy;
}

static inline const char *
enum_nick (GType type,
           int   value)
{
  return sitrep_enum_to_nick (type, value);
}

static inline int
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
static inline char *
dup_trimmed (const char *text)
{
  if (text == NULL)
    return NULL;

  return g_strstrip (g_strdup (text));
}

static inline gboolean
is_blank (const char *text)
{
  return sitrep_text_is_blank (text);
}

/* sitrep-store.c, continued */
void
_sitrep_store_emit_incident_changed (SitrepStore  *self,
                                     gint64        id,
                                     SitrepChange  changes);
void
_sitrep_store_emit_changed (SitrepStore *self);
void
_sitrep_store_emit_contacts_changed (SitrepStore *self);
void
_sitrep_store_refresh_reader_policy (SitrepStore *self);

/* sitrep-store-schema.c */
/* The columns of the full-text index incident_search, as the view
 * incident_text gives them (after the row id). */
#define SITREP_SEARCH_COLUMNS "title, service, symptoms, details, timeline, people"

extern const char _sitrep_store_sql_create_fts_triggers[];
extern const char _sitrep_store_sql_drop_fts_triggers[];
gboolean
_sitrep_store_migrate (SitrepStore  *self,
                       int           from,
                       GError      **error);
gboolean
_sitrep_store_check_integrity (SitrepStore  *self,
                               int           version,
                               GError      **error);
gboolean
_sitrep_store_read_version (SitrepStore  *self,
                            gint64       *version,
                            GError      **error);
/* statistics that count at least this many pages of the search index
 * are left alone by _sitrep_store_settle_search_statistics() */
#define SEARCH_STATISTICS_CHECK 1000
gboolean
_sitrep_store_settle_search_statistics (SitrepStore  *self,
                                        GError      **error);

/* sitrep-store-rows.c */
void
_sitrep_store_compute_columns (SitrepIncident  *incident,
                               SitrepPolicy    *policy,
                               GHashTable      *raised,
                               Computed        *computed,
                               GArray         **moments_out);
gboolean
_sitrep_store_save_incident (SitrepStore     *self,
                             SitrepIncident  *incident,
                             GError         **error);
gboolean
_sitrep_store_update_computed (SitrepStore     *self,
                               SitrepIncident  *incident,
                               GError         **error);
gboolean
_sitrep_store_insert_incident (SitrepStore     *self,
                               SitrepIncident  *incident,
                               gint64           key_num,
                               const Computed  *computed,
                               gint64          *id,
                               GError         **error);
gboolean
_sitrep_store_recompute_open_incidents (SitrepStore  *self,
                                        GError      **error);
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
                            GError          **error);
gboolean
_sitrep_store_insert_given_entry (SitrepStore          *self,
                                  gint64                incident_id,
                                  SitrepTimelineEntry  *entry,
                                  GHashTable           *ids,
                                  GError              **error);
void
_sitrep_store_map_entry_id (GHashTable *ids,
                            gint64      given_id,
                            gint64      row_id);
gboolean
_sitrep_store_insert_complaint (SitrepStore      *self,
                                gint64            incident_id,
                                SitrepComplaint  *complaint,
                                gint64           *id,
                                GError          **error);
void
_sitrep_store_derive_notices (SitrepIncident *incident,
                              GPtrArray      *entries);

/* sitrep-store-query.c */
char *
_sitrep_store_format_key (gint64 key_num);
gboolean
_sitrep_store_parse_key (const char *key,
                         gint64     *key_num);
SitrepIncident *
_sitrep_store_incident_from_row (SitrepDbStmt *stmt);
SitrepIncident *
_sitrep_store_load_incident (SitrepStore  *self,
                             gint64        id,
                             GError      **error);
GPtrArray *
_sitrep_store_load_entries (SitrepStore  *self,
                            gint64        id,
                            GError      **error);
GPtrArray *
_sitrep_store_load_complaints (SitrepStore  *self,
                               gint64        id,
                               GError      **error);
SitrepComplaint *
_sitrep_store_load_complaint (SitrepStore  *self,
                              gint64        complaint_id,
                              GError      **error);
GHashTable *
_sitrep_store_load_raised (SitrepStore  *self,
                           gint64        id,
                           GError      **error);
gboolean
_sitrep_store_find_key (SitrepStore  *self,
                        gint64        key_num,
                        gint64       *id,
                        GError      **error);
GArray *
_sitrep_store_collect_ids (SitrepStore   *self,
                           SitrepDbStmt *stmt,
                           guint         reserve,
                           GError      **error);

/* sitrep-store-team.c, sitrep-store-team-schema.c */
gboolean
_sitrep_store_team_notify (SitrepStore   *self,
                           gint64         id,
                           SitrepChange   changes,
                           GError       **error);
gboolean
_sitrep_store_team_check_reachable (SitrepStore  *self,
                                    GError      **error);
const char *
_sitrep_store_get_address (SitrepStore *self);
const char *
_sitrep_store_get_password (SitrepStore *self);
SitrepStore *
_sitrep_store_team_open_writer (SitrepStore  *self,
                                GError      **error);
void
_sitrep_store_team_changed (SitrepStore  *self,
                            int           writer_pid,
                            gint64        id,
                            SitrepChange  changes);
const char *
_sitrep_store_team_roles_sql (void);
const char *
_sitrep_store_team_extensions_sql (void);
const char *
_sitrep_store_team_grants_sql (void);
const char *
_sitrep_store_team_migration_sql (int from);

/* sitrep-store-write.c */

/* Writes one change within the transaction of _sitrep_store_run_write():
 * @data holds the write's arguments; *changes says what changed. */
typedef gboolean (*SitrepStoreApply) (SitrepStore   *self,
                                      gpointer       data,
                                      SitrepChange  *changes,
                                      GError       **error);

gboolean
_sitrep_store_run_write (SitrepStore       *self,
                         SitrepStoreApply   apply,
                         gpointer           data,
                         gint64             id,
                         SitrepChange       changes,
                         GError           **error);
/* sitrep-store-submit.c */
void          _sitrep_store_team_reread_all     (SitrepStore          *self);
gboolean
_sitrep_store_own_version_covers (SitrepStore *self,
                                  gint64       id,
                                  gint64       expected,
                                  gint64       current);
void
_sitrep_store_own_version_add (SitrepStore *self,
                               gint64       id,
                               gint64       before,
                               gint64       after);
void
_sitrep_store_stop_writer (SitrepStore *self);

gboolean
_sitrep_store_check_no_import (SitrepStore  *self,
                               GError      **error);
gboolean
_sitrep_store_check_not_reader (SitrepStore  *self,
                                GError      **error);
gboolean
_sitrep_store_check_writable (SitrepStore  *self,
                              GError      **error);
gboolean
_sitrep_store_begin_write (SitrepStore  *self,
                           GError      **error);
void
_sitrep_store_rollback (SitrepStore *self);
gboolean
_sitrep_store_finish_write (SitrepStore   *self,
                            gboolean       ok,
                            gint64         id,
                            SitrepChange   changes,
                            GError       **error);

/* the arguments of sitrep_store_transition(), for
 * _sitrep_store_apply_transition() */
typedef struct
{
  gint64            id;
  SitrepTransition  transition;
  gint64            at;
  const char       *author;
  const char       *comment;
  const char       *transferred_to;
} TransitionWrite;

/* the arguments of sitrep_store_set_field(), for
 * _sitrep_store_apply_set_field(); @value is trimmed */
typedef struct
{
  gint64      id;
  const char *field;
  const char *value;
  const char *author;
} FieldWrite;

/* SitrepStoreApply functions: a transition and a field change, for writes
 * that combine them in one transaction (sitrep-store-resolve.c) */
gboolean
_sitrep_store_apply_transition (SitrepStore   *self,
                                gpointer       data,
                                SitrepChange  *changes,
                                GError       **error);
gboolean
_sitrep_store_apply_set_field (SitrepStore   *self,
                               gpointer       data,
                               SitrepChange  *changes,
                               GError       **error);

/* sitrep-store-policy.c */
gboolean
_sitrep_store_check_policy (SitrepPolicy  *policy,
                            GError       **error);
gboolean
_sitrep_store_write_policy (SitrepStore   *self,
                            SitrepPolicy  *policy,
                            const char    *author,
                            GError       **error);
SitrepPolicy *
_sitrep_store_read_policy (SitrepStore  *self,
                           GError      **error);

/* sitrep-store-alerts.c */
gboolean
_sitrep_store_insert_alerts_of_entries (SitrepStore  *self,
                                        gint64        incident_id,
                                        GPtrArray    *entries,
                                        guint         first,
                                        GArray       *moments,
                                        GError      **error);
GArray *
_sitrep_store_take_past_alerts (SitrepIncident  *incident,
                                SitrepPolicy    *policy,
                                GHashTable      *raised,
                                gint64           until);
gboolean
_sitrep_store_insert_passed_over (SitrepStore  *self,
                                  gint64        incident_id,
                                  GArray       *past,
                                  gint64        until,
                                  GError      **error);
gboolean
_sitrep_store_pass_over_past_alerts (SitrepStore     *self,
                                     SitrepIncident  *incident,
                                     gint64           until,
                                     GError         **error);

/* sitrep-store-holds.c and sitrep-store-teams.c */
gboolean
_sitrep_store_load_workflow (SitrepStore     *self,
                             SitrepIncident  *incident,
                             GError         **error);
gboolean
_sitrep_store_import_workflow (SitrepStore     *self,
                               SitrepIncident  *incident,
                               GError         **error);
gboolean
_sitrep_store_end_hold_for_transition (SitrepStore     *self,
                                       SitrepIncident  *incident,
                                       SitrepStatus     target,
                                       gint64           at,
                                       const char      *author,
                                       GError         **error);
gboolean
_sitrep_store_write_hold_policy (SitrepStore   *self,
                                 SitrepPolicy  *policy,
                                 GError       **error);
gboolean
_sitrep_store_read_hold_policy (SitrepStore   *self,
                                SitrepPolicy  *policy,
                                GError       **error);
gboolean
_sitrep_store_save_team (SitrepStore     *self,
                         SitrepIncident  *incident,
                         GError         **error);
gboolean
_sitrep_store_note_close (SitrepStore       *self,
                          SitrepIncident    *incident,
                          SitrepTransition   transition,
                          gint64             at,
                          const char        *author,
                          GError           **error);

/* sitrep-store-sync.c */
void     _sitrep_store_start_syncing            (SitrepStore *self);
void     _sitrep_store_stop_syncing             (SitrepStore *self);
void     _sitrep_store_request_sync             (SitrepStore *self);
gboolean _sitrep_store_set_syncing              (SitrepStore *self,
                                                 gboolean     durable);
void     _sitrep_store_announce                 (SitrepStore *self,
                                                 GArray      *changes,
                                                 gboolean     contacts_changed,
                                                 gboolean     changed);
void     _sitrep_store_hold_announcements       (SitrepStore *self);
gboolean _sitrep_store_hold_incident_changed    (SitrepStore  *self,
                                                 gint64        id,
                                                 SitrepChange  changes);
gboolean _sitrep_store_hold_changed             (SitrepStore *self,
                                                 gboolean     contacts);
gboolean _sitrep_store_release_announcements    (SitrepStore          *self,
                                                 GError               *error,
                                                 GObject              *owner,
                                                 SitrepStoreWriteDone  done,
                                                 gpointer              data,
                                                 GDestroyNotify        data_free,
                                                 gboolean              counted);
guint    _sitrep_store_get_n_syncs              (SitrepStore *self);
void     _sitrep_store_wait_synced              (SitrepStore *self);
void     _sitrep_store_set_sync_delay           (SitrepStore *self,
                                                 guint        delay_ms);

/* sitrep-store-wal.c */
void     _sitrep_store_watch_wal                (SitrepStore *self);
void     _sitrep_store_unwatch_wal              (SitrepStore *self);
guint    _sitrep_store_get_n_checkpoints        (SitrepStore *self);
gboolean _sitrep_store_is_checkpointing         (SitrepStore *self);
void     _sitrep_store_hold_checkpoints         (gboolean     hold);

/* sitrep-store-merge.c */
void     _sitrep_store_merge_when_idle          (SitrepStore *self);
void     _sitrep_store_merge_later              (SitrepStore *self);
void     _sitrep_store_start_log_over           (SitrepStore *self);
void     _sitrep_store_set_merge_quiet_ms       (SitrepStore *self,
                                                 guint        quiet_ms);
void     _sitrep_store_stop_merging             (SitrepStore *self);
gboolean _sitrep_store_read_data_version        (SitrepStore *self,
                                                 gint64      *version,
                                                 gboolean    *others,
                                                 GError     **error);
gboolean _sitrep_store_is_merge_pending         (SitrepStore *self);
guint    _sitrep_store_get_n_merge_steps        (SitrepStore *self);

G_END_DECLS
