/* sitrep-db.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define SITREP_DB_ERROR (sitrep_db_error_quark ())

/* What went wrong in SQLite, by kind; the message is SQLite's own. The
 * store turns these into its errors, with sentences for people. */
typedef enum
{
  SITREP_DB_ERROR_CORRUPT,          /* SQLITE_CORRUPT */
  SITREP_DB_ERROR_NOT_A_DATABASE,   /* SQLITE_NOTADB */
  SITREP_DB_ERROR_LOCKED,           /* SQLITE_BUSY, SQLITE_LOCKED */
  SITREP_DB_ERROR_FULL,             /* SQLITE_FULL */
  SITREP_DB_ERROR_READ_ONLY_FILE,   /* SQLITE_READONLY, SQLITE_PERM */
  SITREP_DB_ERROR_IO_READ,          /* SQLITE_IOERR_READ, _SHORT_READ */
  SITREP_DB_ERROR_IO,               /* any other SQLITE_IOERR: a write */
  SITREP_DB_ERROR_CANNOT_OPEN,      /* SQLITE_CANTOPEN */
  SITREP_DB_ERROR_FAILED,           /* anything else */
} SitrepDbError;

/* One SQLite connection with a cache of prepared statements; used from one
 * thread. */
typedef struct _SitrepDb SitrepDb;

/* A cached statement: reset (releasing its read snapshot) and its bindings
 * cleared when a g_autoptr() holding it goes out of scope. */
typedef sqlite3_stmt SitrepDbStmt;

GQuark        sitrep_db_error_quark      (void);

SitrepDb     *sitrep_db_open             (const char    *path,
                                          int            flags,
                                          int            busy_timeout_ms,
                                          GError       **error);
void          sitrep_db_close            (SitrepDb      *db);
sqlite3      *sitrep_db_get_handle       (SitrepDb      *db);
void          sitrep_db_set_busy_timeout (SitrepDb      *db,
                                          int            milliseconds);

void          sitrep_db_set_error        (SitrepDb      *db,
                                          int            rc,
                                          GError       **error);

gboolean      sitrep_db_exec             (SitrepDb      *db,
                                          const char    *sql,
                                          GError       **error);
SitrepDbStmt *sitrep_db_get_stmt         (SitrepDb      *db,
                                          const char    *sql,
                                          GError       **error);
SitrepDbStmt *sitrep_db_prepare_cached   (SitrepDb      *db,
                                          const char    *sql,
                                          GError       **error);
gboolean      sitrep_db_step_done        (SitrepDb      *db,
                                          SitrepDbStmt  *stmt,
                                          GError       **error);
gboolean      sitrep_db_step_int64       (SitrepDb      *db,
                                          SitrepDbStmt  *stmt,
                                          gint64        *value,
                                          GError       **error);
gboolean      sitrep_db_query_int64      (SitrepDb      *db,
                                          const char    *sql,
                                          gint64        *value,
                                          GError       **error);

gboolean      sitrep_db_begin            (SitrepDb      *db,
                                          gboolean       immediate,
                                          GError       **error);
gboolean      sitrep_db_commit           (SitrepDb      *db,
                                          GError       **error);
void          sitrep_db_rollback         (SitrepDb      *db);
gboolean      sitrep_db_in_transaction   (SitrepDb      *db);

void          sitrep_db_bind_text        (SitrepDbStmt  *stmt,
                                          int            index,
                                          const char    *text);
void          sitrep_db_bind_time        (SitrepDbStmt  *stmt,
                                          int            index,
                                          gint64         time);
const char   *sitrep_db_column_text      (SitrepDbStmt  *stmt,
                                          int            index);

void          sitrep_db_release_stmt     (SitrepDbStmt  *stmt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepDbStmt, sitrep_db_release_stmt)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepDb, sitrep_db_close)

G_END_DECLS
