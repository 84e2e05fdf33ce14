/* test-db.c: SitrepDb, the store's connection
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sitrep-db.h"
#include "test-store-common.h"

static SitrepDb *
open_db (const char *path)
{
  g_autoptr(GError) error = NULL;
  SitrepDb *db = sitrep_db_open (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 100, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

/* Statements, values and transactions. */
static void
test_statements (Fixture       *f,
                 gconstpointer  data)
{
  static const char sql_insert[] = "INSERT INTO t (name, at) VALUES (?1, ?2)";
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepDb) db = open_db (f->path);
  gint64 value = -1;

  g_assert_true (sitrep_db_exec (db, "CREATE TABLE t (name TEXT, at INTEGER)", &error));
  g_assert_no_error (error);

  /* a static statement is prepared once, by its address */
  {
    g_autoptr(SitrepDbStmt) stmt = sitrep_db_get_stmt (db, sql_insert, &error);

    g_assert_no_error (error);
    g_assert_true (stmt == sitrep_db_get_stmt (db, sql_insert, NULL));
    sitrep_db_bind_text (stmt, 1, "Ann");
    sitrep_db_bind_time (stmt, 2, SITREP_TIME_NONE);
    g_assert_true (sitrep_db_step_done (db, stmt, &error));
    g_assert_no_error (error);
  }

  /* released: reset, its bindings cleared */
  {
    g_autoptr(SitrepDbStmt) stmt = sitrep_db_get_stmt (db, sql_insert, &error);

    g_assert_no_error (error);
    g_assert_true (sitrep_db_step_done (db, stmt, &error));
    g_assert_no_error (error);
  }
  g_assert_true (sitrep_db_query_int64 (db, "SELECT count(*) FROM t WHERE name IS NULL",
                                        &value, &error));
  g_assert_cmpint (value, ==, 1);
  g_assert_true (sitrep_db_query_int64 (db, "SELECT count(*) FROM t WHERE at IS NULL",
                                        &value, &error));
  g_assert_cmpint (value, ==, 2);

  /* a statement made at run time is cached by its text */
  {
    g_autofree char *sql = g_strdup ("SELECT name FROM t WHERE name = 'Ann'");
    g_autofree char *same = g_strdup (sql);
    g_autoptr(SitrepDbStmt) stmt = sitrep_db_prepare_cached (db, sql, &error);

    g_assert_no_error (error);
    g_assert_true (stmt == sitrep_db_prepare_cached (db, same, NULL));
    g_assert_cmpint (sitrep_db_step (stmt), ==, SITREP_DB_ROW);
    g_assert_cmpstr (sitrep_db_column_text (stmt, 0), ==, "Ann");
  }

  /* no row: 0 */
  g_assert_true (sitrep_db_query_int64 (db, "SELECT at FROM t WHERE name = 'Bob'", &value,
                                        &error));
  g_assert_cmpint (value, ==, 0);

  /* a transaction rolled back leaves nothing */
  g_assert_false (sitrep_db_in_transaction (db));
  g_assert_true (sitrep_db_begin (db, TRUE, &error));
  g_assert_true (sitrep_db_in_transaction (db));
  g_assert_true (sitrep_db_exec (db, "INSERT INTO t (name) VALUES ('Bob')", &error));
  sitrep_db_rollback (db);
  g_assert_false (sitrep_db_in_transaction (db));
  sitrep_db_rollback (db);
  g_assert_true (sitrep_db_query_int64 (db, "SELECT count(*) FROM t", &value, &error));
  g_assert_cmpint (value, ==, 2);

  g_assert_true (sitrep_db_begin (db, FALSE, &error));
  g_assert_true (sitrep_db_exec (db, "INSERT INTO t (name) VALUES ('Bob')", &error));
  g_assert_true (sitrep_db_commit (db, &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_db_query_int64 (db, "SELECT count(*) FROM t", &value, &error));
  g_assert_cmpint (value, ==, 3);

  /* bad SQL: an error with SQLite's words */
  g_assert_false (sitrep_db_exec (db, "SELEKT 1", &error));
  g_assert_error (error, SITREP_DB_ERROR, SITREP_DB_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "syntax error"));
}

/* What each kind of failure is called, and what the store says of it. */
static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  static const struct
  {
    int            rc;
    SitrepDbError  db_code;
    int            store_code;
    const char    *message;   /* with %s for the path, or NULL */
  } cases[] = {
    { SQLITE_BUSY, SITREP_DB_ERROR_LOCKED, SITREP_STORE_ERROR_LOCKED,
      "The database “%s” is locked by another program; try again when it has finished" },
    { SQLITE_CORRUPT, SITREP_DB_ERROR_CORRUPT, SITREP_STORE_ERROR_CORRUPT, NULL },
    { SQLITE_NOTADB, SITREP_DB_ERROR_NOT_A_DATABASE, SITREP_STORE_ERROR_CORRUPT, NULL },
    { SQLITE_FULL, SITREP_DB_ERROR_FULL, SITREP_STORE_ERROR_DISK_FULL,
      "The disk holding “%s” is full: nothing was written" },
    { SQLITE_IOERR_WRITE, SITREP_DB_ERROR_IO, SITREP_STORE_ERROR_IO,
      "Sitrep could not write to “%s” (disk I/O error): nothing was written; free some "
      "space or check the disk" },
    { SQLITE_IOERR_FSYNC, SITREP_DB_ERROR_IO, SITREP_STORE_ERROR_IO,
      "Sitrep could not write to “%s” (disk I/O error): nothing was written; free some "
      "space or check the disk" },
    { SQLITE_IOERR_READ, SITREP_DB_ERROR_IO_READ, SITREP_STORE_ERROR_IO,
      "Sitrep could not read “%s” (disk I/O error); check the disk" },
    { SQLITE_READONLY, SITREP_DB_ERROR_READ_ONLY_FILE, SITREP_STORE_ERROR_READ_ONLY,
      "The database “%s” cannot be written to" },
    { SQLITE_CANTOPEN, SITREP_DB_ERROR_CANNOT_OPEN, SITREP_STORE_ERROR_FAILED, NULL },
    { SQLITE_MISMATCH, SITREP_DB_ERROR_FAILED, SITREP_STORE_ERROR_FAILED, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) db_error = NULL;
      g_autoptr(GError) error = NULL;

      sitrep_db_set_error (NULL, cases[i].rc, &db_error);
      g_assert_error (db_error, SITREP_DB_ERROR, (int) cases[i].db_code);

      /* the store is open (its schema read), so NOTADB is damage */
      _sitrep_store_map_db_error (f->store, db_error, &error);
      g_assert_error (error, SITREP_STORE_ERROR, cases[i].store_code);
      g_assert_nonnull (strstr (error->message, f->path));
      if (cases[i].message != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (cases[i].message, "%s", 2);
          g_autofree char *expected = g_strconcat (parts[0], f->path, parts[1], NULL);

          g_assert_cmpstr (error->message, ==, expected);
        }
    }
}

/* A database that may not grow (max_page_count) is full: the write fails
 * as FULL, nothing of it stays, and the connection goes on. */
static void
test_full (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "small.db", NULL);
  g_autoptr(SitrepDb) db = open_db (path);
  g_autofree char *big = g_strnfill (64 * 1024, 'x');
  g_autofree char *sql = g_strdup_printf ("INSERT INTO t (text) VALUES ('%s')", big);
  gint64 value = -1;

  g_assert_true (sitrep_db_exec (db, "CREATE TABLE t (text TEXT); "
                                     "INSERT INTO t (text) VALUES ('small')", &error));
  g_assert_true (sitrep_db_query_int64 (db, "PRAGMA page_count", &value, &error));
  g_assert_true (sitrep_db_query_int64 (db, "PRAGMA max_page_count = 4", &value, &error));
  g_assert_no_error (error);

  g_assert_true (sitrep_db_begin (db, TRUE, &error));
  g_assert_false (sitrep_db_exec (db, sql, &error));
  g_assert_error (error, SITREP_DB_ERROR, SITREP_DB_ERROR_FULL);
  g_clear_error (&error);
  sitrep_db_rollback (db);
  g_assert_false (sitrep_db_in_transaction (db));

  g_assert_true (sitrep_db_query_int64 (db, "SELECT count(*) FROM t", &value, &error));
  g_assert_no_error (error);
  g_assert_cmpint (value, ==, 1);

  /* room again */
  g_assert_true (sitrep_db_query_int64 (db, "PRAGMA max_page_count = 100000", &value, &error));
  g_assert_true (sitrep_db_exec (db, sql, &error));
  g_assert_no_error (error);
}

/* The lock's holder, asked to let go by the connection that waits. */
typedef struct
{
  SitrepDb *holder;
  SitrepDb *waiting;
  guint     asked;
  gboolean  let_go;
} Busy;

static void
busy_notify_cb (gpointer db,
                gpointer user_data)
{
  Busy *busy = user_data;

  g_assert_true (db == busy->waiting);
  busy->asked++;
  if (busy->let_go)
    sitrep_db_rollback (busy->holder);
}

/* A statement that finds another connection's lock tells the owner of
 * its connection once, then waits as long as its busy timeout says. */
static void
test_busy_notify (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepDb) holder = open_db (f->path);
  g_autoptr(SitrepDb) waiting = open_db (f->path);
  Busy busy = { holder, waiting, 0, FALSE };
  gint64 value = -1;

  g_assert_true (sitrep_db_exec (holder, "PRAGMA journal_mode = WAL; "
                                         "CREATE TABLE t (n INTEGER)", &error));
  g_assert_no_error (error);
  sitrep_db_set_busy_notify (waiting, busy_notify_cb, &busy);

  /* the holder keeps the lock: asked once, and the write fails after
   * the timeout */
  g_assert_true (sitrep_db_begin (holder, TRUE, &error));
  g_assert_false (sitrep_db_exec (waiting, "INSERT INTO t (n) VALUES (1)", &error));
  g_assert_error (error, SITREP_DB_ERROR, SITREP_DB_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpuint (busy.asked, ==, 1);

  /* the holder lets go when asked: the write goes through */
  busy.let_go = TRUE;
  g_assert_true (sitrep_db_exec (waiting, "INSERT INTO t (n) VALUES (2)", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (busy.asked, ==, 2);
  g_assert_false (sitrep_db_in_transaction (holder));

  /* with no time to wait, still asked, and at once refused */
  sitrep_db_set_busy_timeout (waiting, 0);
  busy.let_go = FALSE;
  g_assert_true (sitrep_db_begin (holder, TRUE, &error));
  g_assert_false (sitrep_db_exec (waiting, "INSERT INTO t (n) VALUES (3)", &error));
  g_assert_error (error, SITREP_DB_ERROR, SITREP_DB_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpuint (busy.asked, ==, 3);
  sitrep_db_rollback (holder);

  g_assert_true (sitrep_db_query_int64 (holder, "SELECT sum(n) FROM t", &value, &error));
  g_assert_no_error (error);
  g_assert_cmpint (value, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/sitrep/db/statements", Fixture, NULL, dir_set_up, test_statements,
              fixture_tear_down);
  g_test_add ("/sitrep/db/errors", Fixture, NULL, fixture_set_up, test_errors,
              fixture_tear_down);
  g_test_add ("/sitrep/db/full", Fixture, NULL, dir_set_up, test_full, fixture_tear_down);
  g_test_add ("/sitrep/db/busy-notify", Fixture, NULL, dir_set_up, test_busy_notify,
              fixture_tear_down);

  return g_test_run ();
}
