/* sitrep-db.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-db.h"
#include "sitrep-types.h"

/*
 * SitrepDb is the store's connection: it opens SQLite, keeps the prepared
 * statements, runs transactions and says what failed in the terms of
 * SITREP_DB_ERROR. It knows nothing of incidents; the store builds on it.
 */

struct _SitrepDb
{
  sqlite3    *handle;
  GHashTable *statements;   /* static SQL (by address) → sqlite3_stmt */
  GHashTable *queries;      /* SQL text made at run time → sqlite3_stmt */
};

G_DEFINE_QUARK (sitrep-db-error-quark, sitrep_db_error)

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
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
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/**
 * sitrep_db_set_error:
 * @db: (nullable): the connection that failed, for SQLite's message
 * @rc: SQLite's (extended) result code
 * @error: return location for a #GError
 *
 * Sets @error in %SITREP_DB_ERROR with the kind of @rc and SQLite's
 * message.
 */
void
sitrep_db_set_error (SitrepDb  *db,
                     int        rc,
                     GError   **error)
{
  const char *detail = db != NULL && db->handle != NULL ? sqlite3_errmsg (db->handle)
                                                        : sqlite3_errstr (rc);
  SitrepDbError code;

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

    default:
      code = SITREP_DB_ERROR_FAILED;
      break;
    }

  g_set_error_literal (error, SITREP_DB_ERROR, code, detail);
}

/**
 * sitrep_db_open:
 * @path: the database file
 * @flags: for sqlite3_open_v2(), e.g. %SQLITE_OPEN_READWRITE
 * @busy_timeout_ms: how long a statement waits for another's lock
 * @error: return location for a #GError
 *
 * Opens @path with extended result codes.
 *
 * Returns: (transfer full): the connection, or %NULL
 */
SitrepDb *
sitrep_db_open (const char  *path,
                int          flags,
                int          busy_timeout_ms,
                GError     **error)
{
  g_autoptr(SitrepDb) db = g_new0 (SitrepDb, 1);
  int rc;

  db->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_stmt);
  db->queries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);

  rc = sqlite3_open_v2 (path, &db->handle, flags, NULL);
  if (rc != SQLITE_OK)
    {
      sitrep_db_set_error (db, rc, error);
      return NULL;
    }

  sqlite3_extended_result_codes (db->handle, 1);
  sqlite3_busy_timeout (db->handle, busy_timeout_ms);

  return g_steal_pointer (&db);
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
  g_free (db);
}

/**
 * sitrep_db_get_handle:
 * @db: a connection
 *
 * Returns: (transfer none): SQLite's connection, for what this wrapper
 *   does not do
 */
sqlite3 *
sitrep_db_get_handle (SitrepDb *db)
{
  return db->handle;
}

void
sitrep_db_set_busy_timeout (SitrepDb *db,
                            int       milliseconds)
{
  sqlite3_busy_timeout (db->handle, milliseconds);
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
  int rc = sqlite3_exec (db->handle, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      sitrep_db_set_error (db, rc, error);
      return FALSE;
    }

  return TRUE;
}

static SitrepDbStmt *
prepare_cached (SitrepDb    *db,
                GHashTable  *cache,
                const char  *sql,
                gboolean     copy_key,
                GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (cache, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      sitrep_db_set_error (db, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

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
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;

  sitrep_db_set_error (db, rc, error);
  return FALSE;
}

/**
 * sitrep_db_step_int64:
 * @db: a connection
 * @stmt: a statement whose first column of the first row is an integer
 * @value: (out): the integer; 0 when there is no row or it is NULL
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

  sitrep_db_set_error (db, rc, error);
  return FALSE;
}

/**
 * sitrep_db_query_int64:
 * @db: a connection
 * @sql: static SQL (see sitrep_db_get_stmt()) whose first column of the
 *   first row is an integer
 * @value: (out): the integer; 0 when there is no row or it is NULL
 * @error: return location for a #GError
 *
 * Returns: %TRUE when it ran
 */
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
 * sitrep_db_begin:
 * @db: a connection
 * @immediate: whether to take the write lock at once (a write) or at the
 *   first read (a read snapshot)
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the transaction began
 */
gboolean
sitrep_db_begin (SitrepDb  *db,
                 gboolean   immediate,
                 GError   **error)
{
  return sitrep_db_exec (db, immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED", error);
}

gboolean
sitrep_db_commit (SitrepDb  *db,
                  GError   **error)
{
  return sitrep_db_exec (db, "COMMIT", error);
}

/**
 * sitrep_db_rollback:
 * @db: a connection
 *
 * Rolls back the open transaction, if any: some errors (a full disk, I/O)
 * roll it back already.
 */
void
sitrep_db_rollback (SitrepDb *db)
{
  if (!sqlite3_get_autocommit (db->handle))
    sqlite3_exec (db->handle, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
sitrep_db_in_transaction (SitrepDb *db)
{
  return !sqlite3_get_autocommit (db->handle);
}

/**
 * sitrep_db_bind_text:
 * @stmt: a statement
 * @index: the parameter
 * @text: (nullable): bound as NULL when %NULL; must outlive the step (the
 *   bindings are cleared when the statement is released)
 */
void
sitrep_db_bind_text (SitrepDbStmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

/**
 * sitrep_db_bind_time:
 * @stmt: a statement
 * @index: the parameter
 * @time: Unix seconds; %SITREP_TIME_NONE is stored as NULL
 */
void
sitrep_db_bind_time (SitrepDbStmt *stmt,
                     int           index,
                     gint64        time)
{
  if (time != SITREP_TIME_NONE)
    sqlite3_bind_int64 (stmt, index, time);
  else
    sqlite3_bind_null (stmt, index);
}

const char *
sitrep_db_column_text (SitrepDbStmt *stmt,
                       int           index)
{
  return (const char *) sqlite3_column_text (stmt, index);
}
