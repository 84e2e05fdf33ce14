/* test-backup.c
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

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sitrep-backup.h"
#include "sitrep-store.h"
#include "sitrep-store-version.h"

/* 2026-03-01T09:30:00Z, a Sunday */
#define T0  G_GINT64_CONSTANT (1772357400)
#define DAY (24 * 60 * 60)

typedef struct
{
  char        *dir;
  char        *path;
  SitrepClock *clock;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          g_chmod (child, 0700);
          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }

  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sitrep-backup-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "sitrep.db", NULL);
  f->clock = sitrep_clock_new_fake (T0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->clock);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
create (SitrepStore *store,
        const char  *title)
{
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(GError) error = NULL;

  sitrep_incident_set_title (incident, title);
  sitrep_incident_set_service (incident, "Billing");
  sitrep_incident_set_level (incident, 2);
  sitrep_incident_set_reported_at (incident, T0 - 3600);
  g_assert_true (sitrep_store_create_incident (store, incident, "Ann", &error));
  g_assert_no_error (error);
}

/* Writes n incidents to the database at path (created if needed). */
static void
write_database (Fixture  *f,
                guint     n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) store = sitrep_store_open (f->path, f->clock, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Printer %u jammed", i);

      create (store, title);
    }
}

static gint64
count_incidents (Fixture    *f,
                 const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) store = sitrep_store_open (path, f->clock, &error);

  g_assert_no_error (error);
  return sitrep_store_count_incidents (store);
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static char *
read_bytes (const char *path,
            gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

/* Overwrites every page but the first (the header) with a pattern. */
static void
damage (const char *path)
{
  gsize length;
  g_autofree char *contents = read_bytes (path, &length);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (length, >, 8192);
  memset (contents + 4096, 0xa5, length - 4096);
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);
}

static void
assert_mode (const char *path,
             mode_t      mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, mode);
}

static void
test_copy_live (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) store = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "copy.db", NULL);
  sqlite3 *writer = NULL;
  sqlite3 *copy = NULL;
  sqlite3_stmt *stmt = NULL;

  store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  create (store, "Mail queue stuck");
  create (store, "VPN down");

  /* Another connection is in the middle of a write it has not committed. */
  g_assert_cmpint (sqlite3_open (f->path, &writer), ==, SQLITE_OK);
  exec_sql (writer, "BEGIN IMMEDIATE");
  exec_sql (writer, "UPDATE incidents SET title = 'uncommitted'");

  g_assert_true (sitrep_backup_copy (f->path, dest, &error));
  g_assert_no_error (error);
  assert_mode (dest, 0600);
  g_assert_true (sitrep_backup_check_file (dest, &error));
  g_assert_no_error (error);

  /* The copy is the committed state, in one self-contained file. */
  g_assert_cmpint (sqlite3_open_v2 (dest, &copy, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (copy,
                                       "SELECT count(*), sum(title = 'uncommitted') "
                                       "FROM incidents",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (copy);

  exec_sql (writer, "COMMIT");
  sqlite3_close (writer);

  /* A second copy replaces the first and sees the commit. */
  g_assert_true (sitrep_backup_copy (f->path, dest, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open_v2 (dest, &copy, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (copy,
                                       "SELECT count(*) FROM incidents "
                                       "WHERE title = 'uncommitted'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
  sqlite3_finalize (stmt);
  sqlite3_close (copy);

  /* No temporary file is left beside the copy. */
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (name[0] == '.');
  }
}

static void
test_copy_missing (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "copy.db", NULL);

  g_assert_false (sitrep_backup_copy (f->path, dest, &error));
  g_assert_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
}

static void
test_private (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *folder = sitrep_backup_get_folder (f->path);
  g_autofree char *expected = g_build_filename (f->dir, "backups", NULL);
  g_autofree char *restored_kept = NULL;
  mode_t old_mask;

  g_assert_cmpstr (folder, ==, expected);
  write_database (f, 1);

  old_mask = umask (0);
  g_assert_true (sitrep_backup_take (f->path, SITREP_BACKUP_MANUAL, f->clock, &backup, &error));
  g_assert_no_error (error);
  sitrep_clock_advance (f->clock, 60);
  g_assert_true (sitrep_backup_restore (backup, f->path, f->clock, &restored_kept, &error));
  umask (old_mask);
  g_assert_no_error (error);

  g_assert_true (g_str_has_prefix (backup, folder));
  g_assert_true (g_str_has_suffix (backup, "/sitrep-20260301-093000-manual.db"));
  assert_mode (folder, 0700);
  assert_mode (backup, 0600);
  assert_mode (restored_kept, 0600);
  assert_mode (f->path, 0600);
}

static gboolean
is_before_change (const char *path)
{
  return strstr (path, "-before-") != NULL;
}

static void
test_rotation (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GHashTable) weeks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *manual = NULL;

  write_database (f, 1);

  /* One run a day for 40 days, each a minute later than the day before. */
  for (guint day = 0; day < 40; day++)
    {
      sitrep_clock_set_now (f->clock, T0 + day * (DAY + 60));
      g_assert_true (sitrep_backup_take_if_due (f->path, f->clock, &path, &error));
      g_assert_no_error (error);
      g_assert_nonnull (path);
      g_assert_true (strstr (path, "-daily.db") != NULL);
      g_clear_pointer (&path, g_free);

      /* Later the same day nothing is due. */
      sitrep_clock_advance (f->clock, 3600);
      g_assert_true (sitrep_backup_take_if_due (f->path, f->clock, &path, &error));
      g_assert_no_error (error);
      g_assert_null (path);
    }

  backups = sitrep_backup_list (f->path);
  g_assert_cmpuint (backups->len, ==, 7 + 4);

  /* The 7 newest are the last 7 days, one each, newest first. */
  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (T0 + (39 - i) * DAY);
      g_autofree char *stamp = g_date_time_format (dt, "-%Y%m%d-");

      g_assert_nonnull (strstr (g_ptr_array_index (backups, i), stamp));
    }
  /* The other 4 are each in a week of their own, older than the dailies. */
  for (guint i = 7; i < backups->len; i++)
    {
      const char *name = strrchr (g_ptr_array_index (backups, i), '/') + 1;
      int year, month, mday;
      g_autoptr(GDateTime) dt = NULL;

      g_assert_cmpint (sscanf (name, "sitrep-%4d%2d%2d-", &year, &month, &mday), ==, 3);
      dt = g_date_time_new_utc (year, month, mday, 12, 0, 0);
      g_assert_cmpint (g_date_time_to_unix (dt), <, T0 + 33 * DAY);
      g_assert_true (g_hash_table_add (weeks, g_date_time_format (dt, "%G-%V")));
    }
  g_clear_pointer (&backups, g_ptr_array_unref);

  /* A backup taken before a replacing import survives a later one of the
   * same day, and the newest of the day stays too. */
  sitrep_clock_advance (f->clock, 3600);
  g_assert_true (sitrep_backup_take (f->path, SITREP_BACKUP_BEFORE_REPLACE, f->clock,
                                     &before, &error));
  g_assert_no_error (error);
  sitrep_clock_advance (f->clock, 60);
  g_assert_true (sitrep_backup_take (f->path, SITREP_BACKUP_MANUAL, f->clock, &manual, &error));
  g_assert_no_error (error);

  backups = sitrep_backup_list (f->path);
  g_assert_cmpuint (backups->len, ==, 7 + 4 + 1);
  g_assert_cmpstr (g_ptr_array_index (backups, 0), ==, manual);
  g_assert_cmpstr (g_ptr_array_index (backups, 1), ==, before);
  g_assert_true (is_before_change (before));
  g_assert_true (g_file_test (before, G_FILE_TEST_IS_REGULAR));

  /* Two backups in one second do not replace each other. */
  g_clear_pointer (&path, g_free);
  g_assert_true (sitrep_backup_take (f->path, SITREP_BACKUP_MANUAL, f->clock, &path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (path, !=, manual);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_rotation_leaves_others (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = sitrep_backup_get_folder (f->path);
  g_autofree char *mine = NULL;
  g_autofree char *other = NULL;
  g_autoptr(GPtrArray) backups = NULL;

  write_database (f, 1);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  mine = g_build_filename (folder, "notes.txt", NULL);
  other = g_build_filename (folder, "other-20200101-000000-daily.db", NULL);
  g_assert_true (g_file_set_contents (mine, "keep me", -1, &error));
  g_assert_true (g_file_set_contents (other, "another database's", -1, &error));
  g_assert_no_error (error);

  for (guint day = 0; day < 30; day++)
    {
      sitrep_clock_set_now (f->clock, T0 + day * DAY);
      g_assert_true (sitrep_backup_take (f->path, SITREP_BACKUP_DAILY, f->clock, NULL, &error));
      g_assert_no_error (error);
    }

  g_assert_true (g_file_test (mine, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (other, G_FILE_TEST_IS_REGULAR));
  backups = sitrep_backup_list (f->path);
  g_assert_cmpuint (backups->len, ==, 7 + 4);
}

static void
assert_check_fails (const char *path,
                    int         code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sitrep_backup_check_file (path, &error));
  g_assert_error (error, SITREP_BACKUP_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = g_build_filename (f->dir, "good.db", NULL);
  g_autofree char *foreign = g_build_filename (f->dir, "foreign.db", NULL);
  g_autofree char *newer = g_build_filename (f->dir, "newer.db", NULL);
  g_autofree char *damaged = g_build_filename (f->dir, "damaged.db", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_autofree char *pragma = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;
  sqlite3 *db = NULL;

  write_database (f, 20);
  g_assert_true (sitrep_backup_copy (f->path, good, &error));
  g_assert_no_error (error);

  /* A good one passes and is not changed by the check. */
  before = read_bytes (good, &before_length);
  g_assert_true (sitrep_backup_check_file (good, &error));
  g_assert_no_error (error);
  after = read_bytes (good, &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);

  /* Nor is a database the store closed, which is in write-ahead-log mode:
   * no log or shared-memory file is left beside it. */
  g_assert_true (sitrep_backup_check_file (f->path, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('bread')");
  sqlite3_close (db);
  assert_check_fails (foreign, SITREP_BACKUP_ERROR_NOT_SITREP);

  g_assert_true (sitrep_backup_copy (f->path, newer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  pragma = g_strdup_printf ("PRAGMA user_version = %d", SITREP_STORE_SCHEMA_VERSION + 1);
  exec_sql (db, pragma);
  sqlite3_close (db);
  assert_check_fails (newer, SITREP_BACKUP_ERROR_TOO_NEW);

  g_assert_true (sitrep_backup_copy (f->path, damaged, &error));
  g_assert_no_error (error);
  damage (damaged);
  assert_check_fails (damaged, SITREP_BACKUP_ERROR_DAMAGED);

  g_assert_true (g_file_set_contents (text, "INC-1 printer jammed\n", -1, &error));
  g_assert_no_error (error);
  assert_check_fails (text, SITREP_BACKUP_ERROR_NOT_SITREP);

  assert_check_fails (missing, SITREP_BACKUP_ERROR_NOT_FOUND);
  assert_check_fails (f->dir, SITREP_BACKUP_ERROR_NOT_SITREP);
}

static void
test_latest_good (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *older = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *found = NULL;

  g_assert_null (sitrep_backup_find_latest_good (f->path));

  write_database (f, 20);
  g_assert_true (sitrep_backup_take (f->path, SITREP_BACKUP_DAILY, f->clock, &older, &error));
  g_assert_no_error (error);
  sitrep_clock_advance (f->clock, DAY);
  g_assert_true (sitrep_backup_take (f->path, SITREP_BACKUP_DAILY, f->clock, &newer, &error));
  g_assert_no_error (error);

  found = sitrep_backup_find_latest_good (f->path);
  g_assert_cmpstr (found, ==, newer);
  g_clear_pointer (&found, g_free);

  damage (newer);
  found = sitrep_backup_find_latest_good (f->path);
  g_assert_cmpstr (found, ==, older);
}

static void
test_restore_damaged (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *damaged_bytes = NULL;
  g_autofree char *kept_bytes = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GPtrArray) backups = NULL;
  gsize damaged_length, kept_length;

  write_database (f, 20);
  g_assert_true (sitrep_backup_take (f->path, SITREP_BACKUP_DAILY, f->clock, &backup, &error));
  g_assert_no_error (error);
  write_database (f, 5);
  g_assert_cmpint (count_incidents (f, f->path), ==, 25);

  damage (f->path);
  /* A log left from the damaged database must not reach the restored one. */
  g_assert_true (g_file_set_contents (wal, "stale log", -1, &error));
  g_assert_no_error (error);
  damaged_bytes = read_bytes (f->path, &damaged_length);

  sitrep_clock_advance (f->clock, 3600);
  g_assert_true (sitrep_backup_restore (backup, f->path, f->clock, &kept, &error));
  g_assert_no_error (error);

  /* The damaged file was kept as it was, with its log. */
  g_assert_nonnull (kept);
  g_assert_true (strstr (kept, "-before-restore.db") != NULL);
  kept_bytes = read_bytes (kept, &kept_length);
  g_assert_cmpmem (kept_bytes, kept_length, damaged_bytes, damaged_length);
  {
    g_autofree char *kept_wal = g_strconcat (kept, "-wal", NULL);
    g_autofree char *kept_wal_bytes = read_bytes (kept_wal, &kept_length);

    g_assert_cmpmem (kept_wal_bytes, kept_length, "stale log", strlen ("stale log"));
  }
  backups = sitrep_backup_list (f->path);
  g_assert_cmpuint (backups->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (backups, 0), ==, kept);

  /* The database is the backup again. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (sitrep_backup_check_file (f->path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_incidents (f, f->path), ==, 20);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
}

static void
test_restore_sound (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;

  write_database (f, 3);
  g_assert_true (sitrep_backup_take (f->path, SITREP_BACKUP_MANUAL, f->clock, &backup, &error));
  g_assert_no_error (error);
  write_database (f, 4);

  sitrep_clock_advance (f->clock, 60);
  g_assert_true (sitrep_backup_restore (backup, f->path, f->clock, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_incidents (f, f->path), ==, 3);
  g_assert_cmpint (count_incidents (f, kept), ==, 7);
}

/* Restoring the same day keeps the backup restored from: the kept copy
 * of the current database is a second before-change backup of that day,
 * not its replacement. */
static void
test_restore_keeps_source (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;

  write_database (f, 3);
  g_assert_true (sitrep_backup_take (f->path, SITREP_BACKUP_BEFORE_REPLACE, f->clock, &backup,
                                     &error));
  g_assert_no_error (error);
  write_database (f, 4);

  sitrep_clock_advance (f->clock, 60);
  g_assert_true (sitrep_backup_restore (backup, f->path, f->clock, &kept, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_incidents (f, backup), ==, 3);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *contents = read_bytes (from, &length);

  g_assert_true (g_file_set_contents (to, contents, length, &error));
  g_assert_no_error (error);
}

/* A database left by a crash: its last commits are only in its log. */
static void
test_restore_after_crash (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) store = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *crashed = g_build_filename (f->dir, "crashed", NULL);
  g_autofree char *crashed_db = g_build_filename (crashed, "sitrep.db", NULL);
  g_autofree char *crashed_wal = g_strconcat (crashed_db, "-wal", NULL);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  write_database (f, 2);
  g_assert_true (sitrep_backup_take (f->path, SITREP_BACKUP_DAILY, f->clock, &backup, &error));
  g_assert_no_error (error);

  /* The files of an open store, copied as a crash would leave them. */
  g_assert_cmpint (g_mkdir (crashed, 0700), ==, 0);
  store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 6; i++)
    create (store, "Router flapping");
  copy_file (f->path, crashed_db);
  copy_file (wal, crashed_wal);
  g_clear_object (&store);

  sitrep_clock_advance (f->clock, 60);
  g_assert_true (sitrep_backup_restore (backup, crashed_db, f->clock, &kept, &error));
  g_assert_no_error (error);

  /* What was committed before the crash is in the kept copy. */
  g_assert_cmpint (count_incidents (f, kept), ==, 8);
  g_assert_false (g_file_test (crashed_wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_incidents (f, crashed_db), ==, 2);
}

static void
test_restore_into_nothing (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (f->dir, "saved.db", NULL);
  g_autofree char *kept = g_strdup ("unset");
  g_autofree char *other_dir = g_build_filename (f->dir, "new", NULL);
  g_autofree char *target = g_build_filename (other_dir, "sitrep.db", NULL);

  write_database (f, 2);
  g_assert_true (sitrep_backup_copy (f->path, backup, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (other_dir, 0700), ==, 0);

  g_clear_pointer (&kept, g_free);
  g_assert_true (sitrep_backup_restore (backup, target, f->clock, &kept, &error));
  g_assert_no_error (error);
  g_assert_null (kept);
  g_assert_cmpint (count_incidents (f, target), ==, 2);
}

static void
test_restore_missing (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "backups", "gone.db", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  gsize before_length, after_length;

  write_database (f, 2);
  before = read_bytes (f->path, &before_length);

  g_assert_false (sitrep_backup_restore (missing, f->path, f->clock, &kept, &error));
  g_assert_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_null (kept);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (text, "not a database", -1, &error));
  g_assert_no_error (error);
  g_assert_false (sitrep_backup_restore (text, f->path, f->clock, &kept, &error));
  g_assert_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_NOT_SITREP);

  /* Nothing changed and nothing was kept. */
  after = read_bytes (f->path, &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);
  backups = sitrep_backup_list (f->path);
  g_assert_cmpuint (backups->len, ==, 0);
  g_assert_cmpint (count_incidents (f, f->path), ==, 2);
}

static void
test_take_missing (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_assert_false (sitrep_backup_take_if_due (f->path, f->clock, &path, &error));
  g_assert_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_NOT_FOUND);
  g_assert_null (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/sitrep/backup/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("copy-live", test_copy_live);
  ADD ("copy-missing", test_copy_missing);
  ADD ("private", test_private);
  ADD ("rotation", test_rotation);
  ADD ("rotation-leaves-others", test_rotation_leaves_others);
  ADD ("check", test_check);
  ADD ("latest-good", test_latest_good);
  ADD ("restore-damaged", test_restore_damaged);
  ADD ("restore-sound", test_restore_sound);
  ADD ("restore-keeps-source", test_restore_keeps_source);
  ADD ("restore-after-crash", test_restore_after_crash);
  ADD ("restore-into-nothing", test_restore_into_nothing);
  ADD ("restore-missing", test_restore_missing);
  ADD ("take-missing", test_take_missing);

#undef ADD

  return g_test_run ();
}
