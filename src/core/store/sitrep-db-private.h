/* sitrep-db-private.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libpq-fe.h>

#include "sitrep-db.h"

G_BEGIN_DECLS

/* What the two files of SitrepDb share: sitrep-db.c (the common part and
 * SQLite) and sitrep-db-pg.c (PostgreSQL). */

struct _SitrepDb
{
  SitrepDbBackend backend;
  GHashTable     *statements;   /* static SQL (by address) → SitrepDbStmt */
  GHashTable     *queries;      /* SQL text made at run time → SitrepDbStmt */

  /* SQLite: how long a statement waits for another connection's lock,
   * and who is told when one starts waiting */
  sqlite3        *handle;
  int             busy_timeout_ms;
  GFunc           busy_notify;
  gpointer        busy_notify_data;

  /* PostgreSQL */
  PGconn         *conn;
  int             changes;      /* rows changed by the last statement */
  int             error_code;   /* a SitrepDbError, for SITREP_DB_SERVER_FAILED */
  char           *error_message;
};

struct _SitrepDbStmt
{
  SitrepDb      *db;

  /* SQLite */
  sqlite3_stmt  *lite;

  /* PostgreSQL: the SQL with $n parameters, the names of :name
   * parameters by number, and the values bound (as text) */
  char          *sql;
  int            n_params;
  char         **names;
  char         **values;
  Oid           *types;
  gboolean      *used;          /* whether the SQL names $n at all */
  PGresult      *result;
  int            row;           /* the current row; -1 before the first step */
  int            n_rows;
};

/* sitrep-db-pg.c */
SitrepDb *_sitrep_db_pg_connect     (const char    *address,
                                     const char    *password,
                                     GError       **error);
void      _sitrep_db_pg_close       (SitrepDb      *db);
gboolean  _sitrep_db_pg_exec        (SitrepDb      *db,
                                     const char    *sql,
                                     GError       **error);
gboolean  _sitrep_db_pg_prepare     (SitrepDb      *db,
                                     SitrepDbStmt  *stmt,
                                     const char    *sql);
void      _sitrep_db_pg_free_stmt   (SitrepDbStmt  *stmt);
int       _sitrep_db_pg_step        (SitrepDbStmt  *stmt);
void      _sitrep_db_pg_reset       (SitrepDbStmt  *stmt);
void      _sitrep_db_pg_bind        (SitrepDbStmt  *stmt,
                                     int            index,
                                     Oid            type,
                                     char          *value);
gboolean  _sitrep_db_pg_in_transaction (SitrepDb   *db);
void      _sitrep_db_pg_set_failure (SitrepDb      *db,
                                     const PGresult *result);

G_END_DECLS
