/* test-store-safety.c: nothing crashes, nothing is lost
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "test-store-common.h"

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = open_raw (path);

  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A database with a few incidents, closed again. */
static void
make_database (Fixture *f,
               guint    n_incidents)
{
  g_autoptr(GError) error = NULL;

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_incidents; i++)
    create (f->store, "Mail down", "mail", 2, T0);
  g_clear_object (&f->store);
}

/* A Sitrep database whose version says something no Sitrep wrote is
 * refused as damaged, naming the file, and left as it was. */
static void
test_impossible_version (Fixture       *f,
                         gconstpointer  data)
{
  static const char *pragmas[] = {
    "PRAGMA user_version = -5",
    "PRAGMA user_version = -2147483648",
    "PRAGMA user_version = -1",
  };

  make_database (f, 2);

  for (guint i = 0; i < G_N_ELEMENTS (pragmas); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) before = NULL;
      g_autoptr(GBytes) after = NULL;
      g_autoptr(SitrepStore) store = NULL;

      g_test_message ("%s", pragmas[i]);
      raw_exec (f->path, pragmas[i]);
      before = read_bytes (f->path);

      store = sitrep_store_open (f->path, f->clock, &error);
      g_assert_null (store);
      g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, f->path));
      g_clear_error (&error);

      store = sitrep_store_open_reader (f->path, f->clock, &error);
      g_assert_null (store);
      g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
      g_clear_error (&error);

      after = read_bytes (f->path);
      g_assert_true (g_bytes_equal (before, after));
    }
}

/* A user's action is on the disk when its commit returns (synchronous
 * FULL); an import commits with NORMAL and switches back afterwards,
 * whichever way it ends. */
static void
test_durable (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_store_get_durable (f->store));

  g_assert_true (sitrep_store_import_begin (f->store, &error));
  g_assert_no_error (error);
  g_assert_false (sitrep_store_get_durable (f->store));
  g_assert_true (sitrep_store_import_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_get_durable (f->store));

  g_assert_true (sitrep_store_import_begin (f->store, &error));
  g_assert_no_error (error);
  sitrep_store_import_rollback (f->store);
  g_assert_true (sitrep_store_get_durable (f->store));

  /* an import that cannot begin leaves it as it was */
  sitrep_store_set_read_only (f->store, TRUE);
  g_assert_false (sitrep_store_import_begin (f->store, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_READ_ONLY_ROLE);
  g_clear_error (&error);
  g_assert_true (sitrep_store_get_durable (f->store));
  sitrep_store_set_read_only (f->store, FALSE);

  /* and so does reopening */
  g_clear_object (&f->store);
  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_store_get_durable (f->store));
}

static void
assert_private (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* The database and the -wal and -shm files SQLite makes beside it are
 * readable by their owner only, whatever the umask. */
static void
test_private_files (Fixture       *f,
                    gconstpointer  data)
{
  static const mode_t masks[] = { 022, 000, 077 };

  for (guint i = 0; i < G_N_ELEMENTS (masks); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("umask-%03o.db", (unsigned) masks[i]);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_autoptr(SitrepStore) store = NULL;
      mode_t old_mask;

      g_test_message ("umask %03o", (unsigned) masks[i]);
      old_mask = umask (masks[i]);
      store = sitrep_store_open (path, f->clock, &error);
      g_assert_no_error (error);
      create (store, "Mail down", "mail", 2, T0);
      umask (old_mask);

      assert_private (path);
      assert_private (wal);
      assert_private (shm);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/sitrep/store/safety/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
#define ADD_DIR(path, func) \
  g_test_add ("/sitrep/store/safety/" path, Fixture, NULL, dir_set_up, func, fixture_tear_down)

  ADD_DIR ("impossible-version", test_impossible_version);
  ADD ("durable", test_durable);
  ADD_DIR ("private-files", test_private_files);

#undef ADD
#undef ADD_DIR

  return g_test_run ();
}
