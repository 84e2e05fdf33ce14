/* sitrep-db.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-db-private.h"
#include "sitrep-types.h"

/*
 * SitrepDb is the store's connection: it opens SQLite or connects to a
 * PostgreSQL server (sitrep-db-pg.c), keeps the prepared statements, runs
 * transactions and says what failed in the terms of SITREP_DB_ERROR. The
 * store writes its SQL once, in the dialect both engines share (?1
 * parameters, ON CONFLICT, RETURNING), and reads rows through the
 * functions here; it knows which engine it has only where they differ
 * (the schema, full-text search, maintenance). SitrepDb knows nothing of
 * incidents.
 */

G_DEFINE_QUARK (sitrep-db-error-quark, sitrep_db_error)

static gboolean
is_pg (SitrepDb *db)
{
  return db->backend == SITREP_DB_POSTGRESQL;
}

static void
free_stmt (gpointer data)
{
  SitrepDbStmt *stmt = data;

  if (stmt->lite != NULL)
    sqlite3_finalize (stmt->lite);
  _sitrep_db_pg_free_stmt (stmt);
  g_free (stmt);
}

/**
 * sitrep_db_release_stmt:
 * @stmt: a statement of the cache
 *
 * Resets @stmt, which ends its read, and clears its bindings.
 */
void
sitrep_db_release_stmt (SitrepDbStmt *stmt)
{
  int i;

  if (stmt->lite != NULL)
    {
      sqlite3_reset (stmt->lite);
      sqlite3_clear_bindings (stmt->lite);
      return;
    }

  _sitrep_db_pg_reset (stmt);
  for (i = 0; i < stmt->n_params; i++)
    {
      g_clear_pointer (&stmt->values[i], g_free);
      /* unbound: the server finds the type, or text where the SQL does
       * not name the parameter (see sitrep-db-pg.c) */
      stmt->types[i] = stmt->used[i] ? 0 : 25;
    }
}

/**
 * sitrep_db_set_error:
 * @db: (nullable): the connection that failed, for the engine's message
 * @rc: SQLite's (extended) result code, or %SITREP_DB_SERVER_FAILED
 * @error: return location for a #GError
 *
 * Sets @error in %SITREP_DB_ERROR with the kind of @rc and the engine's
 * message. For %SITREP_DB_SERVER_FAILED, the server connection's last
 * failure is described.
 */
void
sitrep_db_set_error (SitrepDb  *db,
                     int        rc,
                     GError   **error)
{
  const char *detail;
  SitrepDbError code;

  if (rc == SITREP_DB_SERVER_FAILED && db != NULL && is_pg (db))
    {
      g_set_error_literal (error, SITREP_DB_ERROR, db->error_code,
                           db->error_message != NULL ? db->error_message : "");
      return;
    }

  detail = db != NULL && db->handle != NULL ? sqlite3_errmsg (db->handle)
                                            : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = SITREP_DB_ERROR_LOCKED;
      break;

    case SQLITE_NOTADB:
      code = SITREP_DB_ERROR_NOT_A_DATABASE;
      break;

    case SQLITE_CORRUPT:
      code = SITREP_DB_ERROR_CORRUPT;
      break;

    case SQLITE_FULL:
      code = SITREP_DB_ERROR_FULL;
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      code = SITREP_DB_ERROR_READ_ONLY_FILE;
      break;

    case SQLITE_IOERR:
      code = (rc == SQLITE_IOERR_READ || rc == SQLITE_IOERR_SHORT_READ) ? SITREP_DB_ERROR_IO_READ
                                                                        : SITREP_DB_ERROR_IO;
      break;

    case SQLITE_CANTOPEN:
      code = SITREP_DB_ERROR_CANNOT_OPEN;
      break;

    case SQLITE_CONSTRAINT:
      code = SITREP_DB_ERROR_CONSTRAINT;
      break;

    default:
      code = SITREP_DB_ERROR_FAILED;
      break;
    }

  g_set_error_literal (error, SITREP_DB_ERROR, code, detail);
}

static SitrepDb *
db_new (SitrepDbBackend backend)
{
  SitrepDb *db = g_new0 (SitrepDb, 1);

  db->backend = backend;
  db->statements = g_hash_table_new_full (NULL, NULL, NULL, free_stmt);
  db->queries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_stmt);

  return db;
}

/**
 * sitrep_db_open:
 * @path: the database file
 * @flags: for sqlite3_open_v2(), e.g. %SQLITE_OPEN_READWRITE
 * @busy_timeout_ms: how long a statement waits for another's lock
 * @error: return location for a #GError
 *
 * Opens the SQLite database @path with extended result codes.
 *
 * Returns: (transfer full): the connection, or %NULL
 */
SitrepDb *
sitrep_db_open (const char  *path,
                int          flags,
                int          busy_timeout_ms,
                GError     **error)
{
  g_autoptr(SitrepDb) db = db_new (SITREP_DB_SQLITE);
  int rc;

  rc = sqlite3_open_v2 (path, &db->handle, flags, NULL);
  if (rc != SQLITE_OK)
    {
      sitrep_db_set_error (db, rc, error);
      return NULL;
    }

  sqlite3_extended_result_codes (db->handle, 1);
  sitrep_db_set_busy_timeout (db, busy_timeout_ms);

  return g_steal_pointer (&db);
}

/**
 * sitrep_db_connect:
 * @address: a libpq connection string or URI
 * @password: (nullable): the password, when libpq is not to find it
 *   itself (in `~/.pgpass` or `PGPASSWORD`)
 * @error: return location for a #GError
 *
 * Connects to a PostgreSQL server. This waits for the server, at most
 * the address's connect_timeout or 5 seconds: call it on a worker, or
 * where waiting is acceptable.
 *
 * Returns: (transfer full): the connection, or %NULL
 */
SitrepDb *
sitrep_db_connect (const char  *address,
                   const char  *password,
                   GError     **error)
{
  return _sitrep_db_pg_connect (address, password, error);
}

/**
 * sitrep_db_close:
 * @db: (transfer full): a connection
 *
 * Finalizes the cached statements and closes the connection.
 */
void
sitrep_db_close (SitrepDb *db)
{
  if (db == NULL)
    return;

  /* the statements must be finalized before the connection closes */
  g_clear_pointer (&db->statements, g_hash_table_unref);
  g_clear_pointer (&db->queries, g_hash_table_unref);
  g_clear_pointer (&db->handle, sqlite3_close_v2);
  _sitrep_db_pg_close (db);
  g_clear_pointer (&db->error_message, g_free);
  g_free (db);
}

/* Only for sitrep-db-pg.c */
SitrepDb *_sitrep_db_new (SitrepDbBackend backend);

SitrepDb *
_sitrep_db_new (SitrepDbBackend backend)
{
  return db_new (backend);
}

/**
 * sitrep_db_get_backend:
 * @db: a connection
 *
 * Returns: the engine @db talks to
 */
SitrepDbBackend
sitrep_db_get_backend (SitrepDb *db)
{
  return db->backend;
}

/**
 * sitrep_db_get_handle:
 * @db: a connection
 *
 * Returns: (transfer none) (nullable): SQLite's connection, for what this
 *   wrapper does not do; %NULL for a server
 */
sqlite3 *
sitrep_db_get_handle (SitrepDb *db)
{
  return db->handle;
}

/**
 * sitrep_db_get_pg_conn:
 * @db: a connection
 *
 * Returns: (transfer none) (nullable): libpq's connection (a `PGconn`),
 *   or %NULL for SQLite
 */
gpointer
sitrep_db_get_pg_conn (SitrepDb *db)
{
  return db->conn;
}

/* SQLite's own waits between tries, in milliseconds (sqlite3_busy_timeout()) */
static const guint8 busy_delays[] = { 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 };

/* As sqlite3_busy_timeout(), telling the connection's owner first. */
static int
busy_cb (void *user_data,
         int   count)
{
  SitrepDb *db = user_data;
  int waited = 0;
  int delay;

  if (count == 0 && db->busy_notify != NULL)
    db->busy_notify (db, db->busy_notify_data);

  for (int i = 0; i < count; i++)
    waited += busy_delays[MIN (i, (int) G_N_ELEMENTS (busy_delays) - 1)];
  if (waited >= db->busy_timeout_ms)
    return 0;

  delay = busy_delays[MIN (count, (int) G_N_ELEMENTS (busy_delays) - 1)];
  sqlite3_sleep (MIN (delay, db->busy_timeout_ms - waited));
  return 1;
}

/**
 * sitrep_db_set_busy_notify:
 * @db: a SQLite connection
 * @notify: (nullable): called with @db and @user_data when a statement
 *   of @db finds another connection's lock, before it waits
 * @user_data: for @notify
 *
 * Lets the owner of @db ask its other connections to let go of the lock
 * (see sitrep-store-merge.c). @notify runs on the thread of the waiting
 * statement.
 */
void
sitrep_db_set_busy_notify (SitrepDb *db,
                           GFunc     notify,
                           gpointer  user_data)
{
  g_return_if_fail (db->handle != NULL);

  db->busy_notify = notify;
  db->busy_notify_data = user_data;
}

void
sitrep_db_set_busy_timeout (SitrepDb *db,
                            int       milliseconds)
{
  db->busy_timeout_ms = MAX (milliseconds, 0);
  if (db->handle != NULL)
    sqlite3_busy_handler (db->handle, busy_cb, db);

  /* A server's statement waits for another's lock as long, then fails
   * with lock_not_available (SITREP_DB_ERROR_LOCKED); its 0 would mean
   * waiting for ever, SQLite's means not at all. */
  if (is_pg (db))
    {
      g_autofree char *sql = g_strdup_printf ("SET lock_timeout = %d", MAX (milliseconds, 1));

      sitrep_db_exec (db, sql, NULL);
    }
}

/**
 * sitrep_db_exec:
 * @db: a connection
 * @sql: one or more statements
 * @error: return location for a #GError
 *
 * Returns: %TRUE when every statement ran
 */
gboolean
sitrep_db_exec (SitrepDb    *db,
                const char  *sql,
                GError     **error)
{
  int rc;

  if (is_pg (db))
    return _sitrep_db_pg_exec (db, sql, error);

  rc = sqlite3_exec (db->handle, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      sitrep_db_set_error (db, rc, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_db_prepare:
 * @db: a connection
 * @sql: one statement
 * @error: return location for a #GError
 *
 * Prepares a statement that is not cached: free it with
 * sitrep_db_finalize().
 *
 * Returns: (transfer full): the prepared statement, or %NULL
 */
SitrepDbStmt *
sitrep_db_prepare (SitrepDb    *db,
                   const char  *sql,
                   GError     **error)
{
  g_autofree SitrepDbStmt *stmt = g_new0 (SitrepDbStmt, 1);
  int rc;

  stmt->db = db;
  if (is_pg (db))
    {
      if (!_sitrep_db_pg_prepare (db, stmt, sql))
        {
          sitrep_db_set_error (db, SITREP_DB_SERVER_FAILED, error);
          return NULL;
        }
      return g_steal_pointer (&stmt);
    }

  rc = sqlite3_prepare_v3 (db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt->lite, NULL);
  if (rc != SQLITE_OK)
    {
      sitrep_db_set_error (db, rc, error);
      sqlite3_finalize (stmt->lite);
      return NULL;
    }

  return g_steal_pointer (&stmt);
}

/**
 * sitrep_db_finalize:
 * @stmt: (transfer full): a statement from sitrep_db_prepare()
 */
void
sitrep_db_finalize (SitrepDbStmt *stmt)
{
  if (stmt != NULL)
    free_stmt (stmt);
}

static SitrepDbStmt *
prepare_cached (SitrepDb    *db,
                GHashTable  *cache,
                const char  *sql,
                gboolean     copy_key,
                GError     **error)
{
  SitrepDbStmt *stmt = g_hash_table_lookup (cache, sql);

  if (stmt != NULL)
    return stmt;

  stmt = sitrep_db_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;

  g_hash_table_insert (cache, copy_key ? g_strdup (sql) : (gpointer) sql, stmt);
  return stmt;
}

/**
 * sitrep_db_get_stmt:
 * @db: a connection
 * @sql: SQL that lives as long as the program (a literal or a static
 *   array): the statement is cached by its address
 * @error: return location for a #GError
 *
 * Returns: (transfer none): the prepared statement, or %NULL
 */
SitrepDbStmt *
sitrep_db_get_stmt (SitrepDb    *db,
                    const char  *sql,
                    GError     **error)
{
  return prepare_cached (db, db->statements, sql, FALSE, error);
}

/**
 * sitrep_db_prepare_cached:
 * @db: a connection
 * @sql: SQL made at run time: the statement is cached by its text
 * @error: return location for a #GError
 *
 * Returns: (transfer none): the prepared statement, or %NULL
 */
SitrepDbStmt *
sitrep_db_prepare_cached (SitrepDb    *db,
                          const char  *sql,
                          GError     **error)
{
  return prepare_cached (db, db->queries, sql, TRUE, error);
}

/**
 * sitrep_db_step:
 * @stmt: a statement
 *
 * Runs @stmt, or moves to its next row.
 *
 * Returns: %SITREP_DB_ROW when a row is there, %SITREP_DB_DONE at the
 *   end, anything else on failure (see sitrep_db_set_error())
 */
int
sitrep_db_step (SitrepDbStmt *stmt)
{
  if (stmt->lite != NULL)
    return sqlite3_step (stmt->lite);

  return _sitrep_db_pg_step (stmt);
}

/**
 * sitrep_db_reset:
 * @stmt: a statement
 *
 * Ends the run of @stmt, keeping its bindings, so that it runs again at
 * the next step.
 */
void
sitrep_db_reset (SitrepDbStmt *stmt)
{
  if (stmt->lite != NULL)
    sqlite3_reset (stmt->lite);
  else
    _sitrep_db_pg_reset (stmt);
}

/**
 * sitrep_db_step_done:
 * @db: a connection
 * @stmt: a statement that returns no row, or whose rows are not wanted
 * @error: return location for a #GError
 *
 * Returns: %TRUE when it ran
 */
gboolean
sitrep_db_step_done (SitrepDb      *db,
                     SitrepDbStmt  *stmt,
                     GError       **error)
{
  int rc = sitrep_db_step (stmt);

  if (rc == SITREP_DB_DONE || rc == SITREP_DB_ROW)
    return TRUE;

  sitrep_db_set_error (db, rc, error);
  return FALSE;
}

/**
 * sitrep_db_step_int64:
 * @db: a connection
 * @stmt: a statement whose first column is an integer
 * @value: (out): the first column of the first row, 0 without a row
 * @error: return location for a #GError
 *
 * Returns: %TRUE when it ran
 */
gboolean
sitrep_db_step_int64 (SitrepDb      *db,
                      SitrepDbStmt  *stmt,
                      gint64        *value,
                      GError       **error)
{
  int rc = sitrep_db_step (stmt);

  if (rc == SITREP_DB_ROW)
    {
      *value = sitrep_db_column_int64 (stmt, 0);
      return TRUE;
    }
  if (rc == SITREP_DB_DONE)
    {
      *value = 0;
      return TRUE;
    }

  sitrep_db_set_error (db, rc, error);
  return FALSE;
}

gboolean
sitrep_db_query_int64 (SitrepDb    *db,
                       const char  *sql,
                       gint64      *value,
                       GError     **error)
{
  g_autoptr(SitrepDbStmt) stmt = sitrep_db_get_stmt (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  return sitrep_db_step_int64 (db, stmt, value, error);
}

/**
 * sitrep_db_changes:
 * @db: a connection
 *
 * Returns: how many rows the last INSERT, UPDATE or DELETE changed
 */
int
sitrep_db_changes (SitrepDb *db)
{
  if (is_pg (db))
    return db->changes;

  return sqlite3_changes (db->handle);
}

/**
 * sitrep_db_begin:
 * @db: a connection
 * @immediate: whether the transaction will write: SQLite then takes its
 *   write lock at once, so that it never fails half-way for a lock
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the transaction began
 */
gboolean
sitrep_db_begin (SitrepDb  *db,
                 gboolean   immediate,
                 GError   **error)
{
  if (is_pg (db))
    return sitrep_db_exec (db, "BEGIN", error);

  return sitrep_db_exec (db, immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED", error);
}

gboolean
sitrep_db_commit (SitrepDb  *db,
                  GError   **error)
{
  return sitrep_db_exec (db, "COMMIT", error);
}

void
sitrep_db_rollback (SitrepDb *db)
{
  if (sitrep_db_in_transaction (db))
    sitrep_db_exec (db, "ROLLBACK", NULL);
}

gboolean
sitrep_db_in_transaction (SitrepDb *db)
{
  if (is_pg (db))
    return _sitrep_db_pg_in_transaction (db);

  return !sqlite3_get_autocommit (db->handle);
}

int
sitrep_db_bind_parameter_index (SitrepDbStmt *stmt,
                                const char   *name)
{
  int i;

  if (stmt->lite != NULL)
    return sqlite3_bind_parameter_index (stmt->lite, name);

  for (i = 0; i < stmt->n_params; i++)
    if (g_strcmp0 (stmt->names[i], name) == 0)
      return i + 1;

  return 0;
}

/* PostgreSQL's type numbers (catalog/pg_type_d.h) for what Sitrep binds */
#define PG_INT8OID   20
#define PG_TEXTOID   25
#define PG_FLOAT8OID 701

void
sitrep_db_bind_int64 (SitrepDbStmt *stmt,
                      int           index,
                      gint64        value)
{
  if (stmt->lite != NULL)
    sqlite3_bind_int64 (stmt->lite, index, value);
  else
    _sitrep_db_pg_bind (stmt, index, PG_INT8OID,
                        g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

void
sitrep_db_bind_int (SitrepDbStmt *stmt,
                    int           index,
                    int           value)
{
  sitrep_db_bind_int64 (stmt, index, value);
}

void
sitrep_db_bind_double (SitrepDbStmt *stmt,
                       int           index,
                       double        value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (stmt->lite != NULL)
    sqlite3_bind_double (stmt->lite, index, value);
  else
    _sitrep_db_pg_bind (stmt, index, PG_FLOAT8OID,
                        g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value)));
}

void
sitrep_db_bind_null (SitrepDbStmt *stmt,
                     int           index)
{
  if (stmt->lite != NULL)
    sqlite3_bind_null (stmt->lite, index);
  else
    _sitrep_db_pg_bind (stmt, index, 0, NULL);
}

/* @text must stay as it is until the statement is released or bound
 * again (SQLite does not copy it). */
void
sitrep_db_bind_text (SitrepDbStmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text == NULL)
    sitrep_db_bind_null (stmt, index);
  else if (stmt->lite != NULL)
    sqlite3_bind_text (stmt->lite, index, text, -1, SQLITE_STATIC);
  else
    _sitrep_db_pg_bind (stmt, index, PG_TEXTOID, g_strdup (text));
}

void
sitrep_db_bind_time (SitrepDbStmt *stmt,
                     int           index,
                     gint64        time)
{
  if (time != SITREP_TIME_NONE)
    sitrep_db_bind_int64 (stmt, index, time);
  else
    sitrep_db_bind_null (stmt, index);
}

static const char *
pg_value (SitrepDbStmt *stmt,
          int           index)
{
  if (stmt->result == NULL || stmt->row < 0 || stmt->row >= stmt->n_rows
      || index >= PQnfields (stmt->result) || PQgetisnull (stmt->result, stmt->row, index))
    return NULL;

  return PQgetvalue (stmt->result, stmt->row, index);
}

gboolean
sitrep_db_column_is_null (SitrepDbStmt *stmt,
                          int           index)
{
  if (stmt->lite != NULL)
    return sqlite3_column_type (stmt->lite, index) == SQLITE_NULL;

  return pg_value (stmt, index) == NULL;
}

gint64
sitrep_db_column_int64 (SitrepDbStmt *stmt,
                        int           index)
{
  const char *value;

  if (stmt->lite != NULL)
    return sqlite3_column_int64 (stmt->lite, index);

  value = pg_value (stmt, index);
  if (value == NULL)
    return 0;
  /* a boolean, as comparisons and EXISTS give */
  if (value[0] == 't' && value[1] == '\0')
    return 1;
  if (value[0] == 'f' && value[1] == '\0')
    return 0;

  return g_ascii_strtoll (value, NULL, 10);
}

int
sitrep_db_column_int (SitrepDbStmt *stmt,
                      int           index)
{
  return (int) sitrep_db_column_int64 (stmt, index);
}

double
sitrep_db_column_double (SitrepDbStmt *stmt,
                         int           index)
{
  const char *value;

  if (stmt->lite != NULL)
    return sqlite3_column_double (stmt->lite, index);

  value = pg_value (stmt, index);
  return value != NULL ? g_ascii_strtod (value, NULL) : 0.0;
}

const char *
sitrep_db_column_text (SitrepDbStmt *stmt,
                       int           index)
{
  if (stmt->lite != NULL)
    return (const char *) sqlite3_column_text (stmt->lite, index);

  return pg_value (stmt, index);
}
