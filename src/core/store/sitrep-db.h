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

/* What went wrong in the database, by kind; the message is the engine's
 * own. The store turns these into its errors, with sentences for people. */
typedef enum
{
  SITREP_DB_ERROR_CORRUPT,          /* SQLITE_CORRUPT */
  SITREP_DB_ERROR_NOT_A_DATABASE,   /* SQLITE_NOTADB */
  SITREP_DB_ERROR_LOCKED,           /* SQLITE_BUSY, SQLITE_LOCKED; a deadlock or
                                     * serialization failure on a server */
  SITREP_DB_ERROR_FULL,             /* SQLITE_FULL; a server's disk_full */
  SITREP_DB_ERROR_READ_ONLY_FILE,   /* SQLITE_READONLY, SQLITE_PERM */
  SITREP_DB_ERROR_IO_READ,          /* SQLITE_IOERR_READ, _SHORT_READ */
  SITREP_DB_ERROR_IO,               /* any other SQLITE_IOERR: a write */
  SITREP_DB_ERROR_CANNOT_OPEN,      /* SQLITE_CANTOPEN */
  SITREP_DB_ERROR_FAILED,           /* anything else */
  SITREP_DB_ERROR_UNREACHABLE,      /* the server cannot be reached or went away */
  SITREP_DB_ERROR_DENIED,           /* the server refused: no privilege, or a
                                     * read-only server (a replica) */
  SITREP_DB_ERROR_AUTHENTICATION,   /* the server did not accept the login */
  SITREP_DB_ERROR_CONSTRAINT,       /* a row broke a constraint */
} SitrepDbError;

/* Where the data lives. */
typedef enum
{
  SITREP_DB_SQLITE,
  SITREP_DB_POSTGRESQL,
} SitrepDbBackend;

/* The result codes of sitrep_db_step(): SQLite's, which a server's
 * answers are turned into. Any other value is a failure, described by
 * sitrep_db_set_error(). */
#define SITREP_DB_OK   SQLITE_OK
#define SITREP_DB_ROW  SQLITE_ROW
#define SITREP_DB_DONE SQLITE_DONE
/* a failure of a server connection: the connection keeps its details */
#define SITREP_DB_SERVER_FAILED (-1)

/* One connection with a cache of prepared statements; used from one
 * thread. */
typedef struct _SitrepDb SitrepDb;

/* A cached statement: reset (releasing its read snapshot) and its bindings
 * cleared when a g_autoptr() holding it goes out of scope. */
typedef struct _SitrepDbStmt SitrepDbStmt;

GQuark          sitrep_db_error_quark        (void);

SitrepDb       *sitrep_db_open               (const char    *path,
                                              int            flags,
                                              int            busy_timeout_ms,
                                              GError       **error);
SitrepDb       *sitrep_db_connect            (const char    *address,
                                              const char    *password,
                                              GError       **error);
void            sitrep_db_close              (SitrepDb      *db);
SitrepDbBackend sitrep_db_get_backend        (SitrepDb      *db);
sqlite3        *sitrep_db_get_handle         (SitrepDb      *db);
gpointer        sitrep_db_get_pg_conn        (SitrepDb      *db);
void            sitrep_db_set_busy_timeout   (SitrepDb      *db,
                                              int            milliseconds);
void            sitrep_db_set_busy_notify    (SitrepDb      *db,
                                              GFunc          notify,
                                              gpointer       user_data);

void            sitrep_db_set_error          (SitrepDb      *db,
                                              int            rc,
                                              GError       **error);

gboolean        sitrep_db_exec               (SitrepDb      *db,
                                              const char    *sql,
                                              GError       **error);
SitrepDbStmt   *sitrep_db_get_stmt           (SitrepDb      *db,
                                              const char    *sql,
                                              GError       **error);
SitrepDbStmt   *sitrep_db_prepare_cached     (SitrepDb      *db,
                                              const char    *sql,
                                              GError       **error);
SitrepDbStmt   *sitrep_db_prepare            (SitrepDb      *db,
                                              const char    *sql,
                                              GError       **error);
void            sitrep_db_finalize           (SitrepDbStmt  *stmt);
gboolean        sitrep_db_step_done          (SitrepDb      *db,
                                              SitrepDbStmt  *stmt,
                                              GError       **error);
gboolean        sitrep_db_step_int64         (SitrepDb      *db,
                                              SitrepDbStmt  *stmt,
                                              gint64        *value,
                                              GError       **error);
gboolean        sitrep_db_query_int64        (SitrepDb      *db,
                                              const char    *sql,
                                              gint64        *value,
                                              GError       **error);
int             sitrep_db_changes            (SitrepDb      *db);

gboolean        sitrep_db_begin              (SitrepDb      *db,
                                              gboolean       immediate,
                                              GError       **error);
gboolean        sitrep_db_commit             (SitrepDb      *db,
                                              GError       **error);
void            sitrep_db_rollback           (SitrepDb      *db);
gboolean        sitrep_db_in_transaction     (SitrepDb      *db);

/* Running a statement */
int             sitrep_db_step               (SitrepDbStmt  *stmt);
void            sitrep_db_reset              (SitrepDbStmt  *stmt);
void            sitrep_db_release_stmt       (SitrepDbStmt  *stmt);

/* Parameters, numbered from 1 as in SQL (?1, ?2 or :name) */
int             sitrep_db_bind_parameter_index (SitrepDbStmt *stmt,
                                                const char   *name);
void            sitrep_db_bind_int64         (SitrepDbStmt  *stmt,
                                              int            index,
                                              gint64         value);
void            sitrep_db_bind_int           (SitrepDbStmt  *stmt,
                                              int            index,
                                              int            value);
void            sitrep_db_bind_double        (SitrepDbStmt  *stmt,
                                              int            index,
                                              double         value);
void            sitrep_db_bind_null          (SitrepDbStmt  *stmt,
                                              int            index);
void            sitrep_db_bind_text          (SitrepDbStmt  *stmt,
                                              int            index,
                                              const char    *text);
void            sitrep_db_bind_time          (SitrepDbStmt  *stmt,
                                              int            index,
                                              gint64         time);

/* The current row's values, numbered from 0 */
gint64          sitrep_db_column_int64       (SitrepDbStmt  *stmt,
                                              int            index);
int             sitrep_db_column_int         (SitrepDbStmt  *stmt,
                                              int            index);
double          sitrep_db_column_double      (SitrepDbStmt  *stmt,
                                              int            index);
const char     *sitrep_db_column_text        (SitrepDbStmt  *stmt,
                                              int            index);
gboolean        sitrep_db_column_is_null     (SitrepDbStmt  *stmt,
                                              int            index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepDbStmt, sitrep_db_release_stmt)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepDb, sitrep_db_close)

G_END_DECLS
