/* sitrep-backup.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sitrep-backup.h"
#include "sitrep-store-version.h"

/*
 * Backups are whole copies of the database in a "backups" folder beside
 * it, one file each, named after the database, the moment (UTC) and the
 * reason: "sitrep-20260301-093000-daily.db". Only files named so are ever
 * listed or removed; anything else in the folder is left alone.
 *
 * A backup is written by SQLite's online backup API, which copies a
 * consistent snapshot even while another connection writes, into a
 * temporary file that is synced and then renamed: a crash leaves either
 * the old file or the whole new one, never half of one. Backups are
 * switched to a rollback journal so each is a single self-contained file.
 *
 * Rotation, after every backup taken (the "day" and "week" are those of
 * the backup's UTC time; an ISO week starts on Monday):
 *  - daily: for each of the 7 most recent days that have a backup, the
 *    newest backup of that day is kept;
 *  - before a change: on those same days, every backup taken before a
 *    migration, a replacing import or a restore is also kept, and so is
 *    the newest of the other (daily and manual) ones. The state before
 *    such a change can then be brought back even after a later backup the
 *    same day, and a restore does not drop the backup it restored;
 *  - weekly: of the backups of earlier days, the newest of each ISO week
 *    is kept, for the 4 most recent such weeks.
 * Every other backup is removed. All reasons take part in the same rules.
 */

#define N_DAILY          7
#define N_WEEKLY         4
#define DAY_SECONDS      (24 * 60 * 60)
#define BUSY_TIMEOUT_MS  5000
#define BUSY_RETRIES     50
#define COPY_BUFFER_SIZE (64 * 1024)

typedef struct
{
  char               *path;
  gint64              time;
  SitrepBackupReason  reason;
} Backup;

static const char * const reason_names[] = {
  [SITREP_BACKUP_DAILY] = "daily",
  [SITREP_BACKUP_BEFORE_MIGRATION] = "before-migration",
  [SITREP_BACKUP_BEFORE_REPLACE] = "before-replace",
  [SITREP_BACKUP_BEFORE_RESTORE] = "before-restore",
  [SITREP_BACKUP_MANUAL] = "manual",
};

G_DEFINE_QUARK (sitrep-backup-error-quark, sitrep_backup_error)

static void
backup_free (Backup *backup)
{
  g_free (backup->path);
  g_free (backup);
}

/* The database's file name without ".db": the start of its backups' names. */
static char *
get_stem (const char *db_path)
{
  g_autofree char *name = g_path_get_basename (db_path);

  if (g_str_has_suffix (name, ".db") && strlen (name) > 3)
    name[strlen (name) - 3] = '\0';

  return g_steal_pointer (&name);
}

static char *
make_name (const char         *stem,
           gint64              time,
           SitrepBackupReason  reason)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);
  g_autofree char *stamp = g_date_time_format (dt, "%Y%m%d-%H%M%S");

  return g_strdup_printf ("%s-%s-%s.db", stem, stamp, reason_names[reason]);
}

/* Parses "<stem>-YYYYMMDD-HHMMSS-<reason>.db"; FALSE for any other name. */
static gboolean
parse_name (const char         *stem,
            const char         *name,
            gint64             *time,
            SitrepBackupReason *reason)
{
  size_t stem_len = strlen (stem);
  const char *p;
  int year, month, day, hour, minute, second;
  g_autoptr(GDateTime) dt = NULL;

  if (strncmp (name, stem, stem_len) != 0 || name[stem_len] != '-')
    return FALSE;

  p = name + stem_len + 1;
  for (guint i = 0; i < 15; i++)
    {
      if (i == 8 ? p[i] != '-' : !g_ascii_isdigit (p[i]))
        return FALSE;
    }
  if (p[15] != '-' ||
      sscanf (p, "%4d%2d%2d-%2d%2d%2d", &year, &month, &day, &hour, &minute, &second) != 6)
    return FALSE;

  dt = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (dt == NULL)
    return FALSE;

  p += 16;
  for (guint i = 0; i < G_N_ELEMENTS (reason_names); i++)
    {
      size_t len = strlen (reason_names[i]);

      if (strncmp (p, reason_names[i], len) == 0 && strcmp (p + len, ".db") == 0)
        {
          *time = g_date_time_to_unix (dt);
          *reason = i;
          return TRUE;
        }
    }

  return FALSE;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const Backup *x = *(Backup * const *) a;
  const Backup *y = *(Backup * const *) b;

  if (x->time != y->time)
    return x->time > y->time ? -1 : 1;

  return -strcmp (x->path, y->path);
}

/* The backups of db_path, newest first (element-type Backup). */
static GPtrArray *
list_backups (const char *db_path)
{
  g_autofree char *folder = sitrep_backup_get_folder (db_path);
  g_autofree char *stem = get_stem (db_path);
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func ((GDestroyNotify) backup_free);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return g_steal_pointer (&backups);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gint64 time;
      SitrepBackupReason reason;
      Backup *backup;

      if (!parse_name (stem, name, &time, &reason))
        continue;

      backup = g_new0 (Backup, 1);
      backup->path = g_build_filename (folder, name, NULL);
      backup->time = time;
      backup->reason = reason;
      g_ptr_array_add (backups, backup);
    }

  g_ptr_array_sort (backups, compare_newest_first);

  return g_steal_pointer (&backups);
}

static gboolean
is_before_change (SitrepBackupReason reason)
{
  return reason == SITREP_BACKUP_BEFORE_MIGRATION ||
         reason == SITREP_BACKUP_BEFORE_REPLACE ||
         reason == SITREP_BACKUP_BEFORE_RESTORE;
}

static int
day_of (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);

  return g_date_time_get_year (dt) * 10000 +
         g_date_time_get_month (dt) * 100 +
         g_date_time_get_day_of_month (dt);
}

static int
week_of (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);

  return g_date_time_get_week_numbering_year (dt) * 100 + g_date_time_get_week_of_year (dt);
}

static void
remove_backup_file (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  if (g_unlink (path) != 0 && errno != ENOENT)
    g_warning ("Could not remove the old backup %s: %s", path, g_strerror (errno));
  g_unlink (wal);
  g_unlink (shm);
}

/* Removes the backups the rules at the top of this file do not keep. */
static void
rotate (const char *db_path)
{
  g_autoptr(GPtrArray) backups = list_backups (db_path);
  g_autoptr(GHashTable) days = g_hash_table_new (NULL, NULL);
  /* the kept days, and those that have their newest routine backup */
  g_autoptr(GHashTable) routine_days = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) weeks = g_hash_table_new (NULL, NULL);
  g_autofree gboolean *keep = g_new0 (gboolean, backups->len + 1);

  for (guint i = 0; i < backups->len; i++)
    {
      const Backup *backup = g_ptr_array_index (backups, i);
      int day = day_of (backup->time);

      if (!g_hash_table_contains (days, GINT_TO_POINTER (day)))
        {
          if (g_hash_table_size (days) == N_DAILY)
            continue;
          g_hash_table_add (days, GINT_TO_POINTER (day));
        }

      /* Every backup taken before a change on a kept day stays: a restore
       * must not rotate away the backup it was restored from. Of the
       * routine ones, the first on a kept day is the day's newest. */
      if (is_before_change (backup->reason) ||
          g_hash_table_add (routine_days, GINT_TO_POINTER (day)))
        keep[i] = TRUE;
    }

  for (guint i = 0; i < backups->len; i++)
    {
      const Backup *backup = g_ptr_array_index (backups, i);
      int week = week_of (backup->time);

      /* Days are counted newest first, so every backup of a day that is
       * not a kept one is older than all the daily backups. */
      if (keep[i] || g_hash_table_contains (days, GINT_TO_POINTER (day_of (backup->time))) ||
          g_hash_table_contains (weeks, GINT_TO_POINTER (week)) ||
          g_hash_table_size (weeks) == N_WEEKLY)
        continue;

      g_hash_table_add (weeks, GINT_TO_POINTER (week));
      keep[i] = TRUE;
    }

  for (guint i = 0; i < backups->len; i++)
    {
      const Backup *backup = g_ptr_array_index (backups, i);

      if (!keep[i])
        remove_backup_file (backup->path);
    }
}

/* Syncs the file or folder at path; messages name the file as the user
 * knows it (name), not its temporary name. */
static gboolean
sync_path (const char  *path,
           gboolean     directory,
           const char  *name,
           GError     **error)
{
  int fd = open (path, (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
  int saved_errno;

  if (fd < 0 || fsync (fd) != 0)
    {
      saved_errno = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_FAILED,
                   _("Could not write “%s” to the disk: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }

  close (fd);
  return TRUE;
}

static void
set_sqlite_error (GError     **error,
                  const char  *path,
                  sqlite3     *db,
                  int          rc)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_NOT_SITREP,
                   _("“%s” is not a Sitrep database"), path);
      break;

    case SQLITE_CORRUPT:
      g_set_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_DAMAGED,
                   _("The database “%s” is damaged (%s)"), path, detail);
      break;

    case SQLITE_FULL:
      g_set_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_FAILED,
                   _("The disk is full: could not write “%s”"), path);
      break;

    case SQLITE_IOERR:
      if (rc == SQLITE_IOERR_READ || rc == SQLITE_IOERR_SHORT_READ)
        g_set_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_FAILED,
                     _("Could not read “%s”: %s"), path, detail);
      else
        g_set_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_FAILED,
                     _("Could not write “%s”: %s"), path, detail);
      break;

    default:
      g_set_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_FAILED,
                   _("Could not copy the database “%s”: %s"), path, detail);
      break;
    }
}

static gboolean
check_exists (const char  *path,
              GError     **error)
{
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;

  g_set_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_NOT_FOUND,
               _("There is no database file “%s”"), path);
  return FALSE;
}

/* Copies the database at src_path into the (empty) file temp_path with
 * the online backup API, then makes the copy a single rollback-journal
 * file. Messages name dest_path, where the copy is going. */
static gboolean
copy_database (const char  *src_path,
               const char  *temp_path,
               const char  *dest_path,
               GError     **error)
{
  sqlite3 *src = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  guint retries = 0;
  gboolean ok = FALSE;
  int rc;

  /* Opened for writing only so SQLite may read a live database's
   * write-ahead log; nothing is written to it. */
  rc = sqlite3_open_v2 (src_path, &src, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, src_path, src, rc);
      goto out;
    }
  sqlite3_busy_timeout (src, BUSY_TIMEOUT_MS);

  rc = sqlite3_open_v2 (temp_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, dest_path, dest, rc);
      goto out;
    }
  sqlite3_busy_timeout (dest, BUSY_TIMEOUT_MS);

  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    {
      set_sqlite_error (error, dest_path, dest, sqlite3_errcode (dest));
      goto out;
    }

  /* Copying everything in one step reads one snapshot of the source; a
   * writer holding the lock of a rollback-journal database only delays it. */
  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && retries++ < BUSY_RETRIES)
        sqlite3_sleep (100);
      else if (rc != SQLITE_OK)
        break;
    }
  while (TRUE);
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      /* The error of a failed step is the source's unless it is about
       * writing, which is the destination's. */
      if ((rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR)
        set_sqlite_error (error, dest_path, NULL, rc);
      else
        set_sqlite_error (error, src_path, NULL, rc);
      goto out;
    }

  rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, dest_path, dest, rc);
      goto out;
    }

  ok = TRUE;

out:
  sqlite3_close (src);
  if (dest != NULL && sqlite3_close (dest) != SQLITE_OK && ok)
    {
      set_sqlite_error (error, dest_path, dest, sqlite3_errcode (dest));
      ok = FALSE;
    }
  return ok;
}

/* Copies the bytes of src_path into fd: for a database too damaged for
 * SQLite to read. */
static gboolean
copy_bytes (const char  *src_path,
            int          fd,
            const char  *dest_path,
            GError     **error)
{
  g_autofree char *buffer = g_malloc (COPY_BUFFER_SIZE);
  int src = open (src_path, O_RDONLY | O_CLOEXEC);
  gboolean ok = TRUE;

  if (src < 0)
    {
      int saved_errno = errno;

      g_set_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_FAILED,
                   _("Could not read “%s”: %s"), src_path, g_strerror (saved_errno));
      return FALSE;
    }

  while (ok)
    {
      ssize_t n = read (src, buffer, COPY_BUFFER_SIZE);
      ssize_t done = 0;

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_FAILED,
                       _("Could not read “%s”: %s"), src_path, g_strerror (saved_errno));
          ok = FALSE;
          break;
        }
      if (n == 0)
        break;

      while (done < n)
        {
          ssize_t w = write (fd, buffer + done, n - done);

          if (w < 0 && errno == EINTR)
            continue;
          if (w < 0)
            {
              int saved_errno = errno;

              g_set_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_FAILED,
                           _("Could not write “%s”: %s"), dest_path, g_strerror (saved_errno));
              ok = FALSE;
              break;
            }
          done += w;
        }
    }

  close (src);
  return ok;
}

static void
remove_temporary (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (journal);
  g_unlink (wal);
  g_unlink (shm);
}

/* Creates an empty private file in dest_path's folder for writing it. */
static char *
create_temporary (const char  *dest_path,
                  int         *out_fd,
                  GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (dest_path);
  g_autofree char *name = g_path_get_basename (dest_path);
  g_autofree char *template = g_strdup_printf (".%s-XXXXXX", name);
  g_autofree char *path = g_build_filename (folder, template, NULL);
  int fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_FAILED,
                   _("Could not create a file in the folder “%s”: %s"),
                   folder, g_strerror (saved_errno));
      return NULL;
    }

  if (out_fd != NULL)
    *out_fd = fd;
  else
    close (fd);

  return g_steal_pointer (&path);
}

/* Syncs temp_path and renames it to dest_path, then syncs the folder so
 * the new name survives a power cut. */
static gboolean
commit_temporary (const char  *temp_path,
                  const char  *dest_path,
                  GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (dest_path);

  if (!sync_path (temp_path, FALSE, dest_path, error))
    return FALSE;

  if (g_rename (temp_path, dest_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_FAILED,
                   _("Could not write “%s”: %s"), dest_path, g_strerror (saved_errno));
      return FALSE;
    }

  return sync_path (folder, TRUE, dest_path, error);
}

/* Copies the file bytes of db_path, and of its write-ahead log when there
 * is one, to dest_path (and dest_path + "-wal"). */
static gboolean
copy_files (const char  *db_path,
            const char  *dest_path,
            GError     **error)
{
  const char *suffixes[] = { "-wal", "" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *src = g_strconcat (db_path, suffixes[i], NULL);
      g_autofree char *dest = g_strconcat (dest_path, suffixes[i], NULL);
      g_autofree char *temp = NULL;
      int fd = -1;
      gboolean ok;

      if (*suffixes[i] != '\0' && !g_file_test (src, G_FILE_TEST_IS_REGULAR))
        continue;

      temp = create_temporary (dest, &fd, error);
      if (temp == NULL)
        return FALSE;

      ok = copy_bytes (src, fd, dest, error);
      close (fd);
      if (!ok || !commit_temporary (temp, dest, error))
        {
          remove_temporary (temp);
          return FALSE;
        }
    }

  return TRUE;
}

static char *
take_backup (const char          *db_path,
             SitrepBackupReason   reason,
             SitrepClock         *clock,
             gboolean             bytes,
             GError             **error)
{
  g_autofree char *folder = sitrep_backup_get_folder (db_path);
  g_autofree char *stem = get_stem (db_path);
  g_autofree char *path = NULL;
  gint64 time = sitrep_clock_get_now (clock);

  if (!check_exists (db_path, error))
    return NULL;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_FAILED,
                   _("Could not create the backup folder “%s”: %s"),
                   folder, g_strerror (saved_errno));
      return NULL;
    }

  /* Two backups for the same reason in one second: the second one takes
   * the next free second, so neither replaces the other. */
  do
    {
      g_autofree char *name = make_name (stem, time++, reason);

      g_free (path);
      path = g_build_filename (folder, name, NULL);
    }
  while (g_file_test (path, G_FILE_TEST_EXISTS));

  if (bytes ? !copy_files (db_path, path, error) : !sitrep_backup_copy (db_path, path, error))
    return NULL;

  rotate (db_path);

  return g_steal_pointer (&path);
}

static gboolean
query_int (sqlite3     *db,
           const char  *path,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      return TRUE;
    }

  set_sqlite_error (error, path, db, rc);
  sqlite3_finalize (stmt);
  return FALSE;
}

static gboolean
quick_check (sqlite3     *db,
             const char  *path,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  g_autofree char *problem = NULL;

  while (rc == SQLITE_OK || rc == SQLITE_ROW)
    {
      const char *row;

      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        break;

      row = (const char *) sqlite3_column_text (stmt, 0);
      if (problem == NULL && g_strcmp0 (row, "ok") != 0)
        problem = g_strdup (row != NULL ? row : "?");
    }

  if (rc != SQLITE_DONE)
    {
      /* Whatever stops the check itself is damage too: the file is there
       * and is a Sitrep database. */
      if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
        g_set_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_DAMAGED,
                     _("The database “%s” is damaged (%s)"), path, sqlite3_errmsg (db));
      else
        set_sqlite_error (error, path, db, rc);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  sqlite3_finalize (stmt);

  if (problem != NULL)
    {
      g_set_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_DAMAGED,
                   _("The database “%s” is damaged (%s)"), path, problem);
      return FALSE;
    }

  return TRUE;
}

/* Whether path is a database in write-ahead-log mode whose log is gone,
 * as it is after the last connection closed it cleanly. */
static gboolean
is_closed_wal_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  guint8 header[20];
  int fd;
  ssize_t n;

  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    return FALSE;

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  n = read (fd, header, sizeof header);
  close (fd);

  /* Bytes 18 and 19 of the header are the read and write versions,
   * 2 for write-ahead logging. */
  return n == sizeof header &&
         memcmp (header, "SQLite format 3", 16) == 0 &&
         header[18] == 2 && header[19] == 2;
}

/**
 * sitrep_backup_copy:
 * @db_path: the database to copy
 * @dest_path: where the copy goes; replaced if it exists
 * @error: return location for a #GError
 *
 * Copies the database at @db_path to @dest_path with SQLite's online
 * backup API, so a consistent state is copied even while another program
 * writes to the database. The copy is written to a temporary file in
 * @dest_path's folder, created readable by the user only, synced to the
 * disk and then renamed to @dest_path: @dest_path is never half-written.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_backup_copy (const char  *db_path,
                    const char  *dest_path,
                    GError     **error)
{
  g_autofree char *temp = NULL;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_exists (db_path, error))
    return FALSE;

  temp = create_temporary (dest_path, NULL, error);
  if (temp == NULL)
    return FALSE;

  if (!copy_database (db_path, temp, dest_path, error) ||
      !commit_temporary (temp, dest_path, error))
    {
      remove_temporary (temp);
      return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_backup_check_file:
 * @path: a file
 * @error: return location for a #GError
 *
 * Checks that @path is a Sitrep database this version can read: its
 * application id is Sitrep's, its schema version is not newer than this
 * Sitrep's, and it passes SQLite's quick check. The file is opened
 * read-only and is not changed.
 *
 * Returns: %TRUE if @path is a sound Sitrep database
 */
gboolean
sitrep_backup_check_file (const char  *path,
                          GError     **error)
{
  sqlite3 *db = NULL;
  gint64 application_id = 0;
  gint64 version = 0;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_NOT_FOUND,
                   _("There is no file “%s”"), path);
      return FALSE;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_NOT_SITREP,
                   _("“%s” is not a Sitrep database"), path);
      return FALSE;
    }

  /* Reading a database in write-ahead-log mode creates its shared-memory
   * file and log, which a read-only connection cannot remove again. When
   * there is no log there is nothing to read from one: the file is read
   * as it is. */
  if (is_closed_wal_database (path))
    {
      g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
      g_autofree char *uri = g_strdup_printf ("file:%s?immutable=1", escaped);

      rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    }
  else
    {
      rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
    }
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, path, db, rc);
      goto out;
    }
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

  if (!query_int (db, path, "PRAGMA application_id", &application_id, error) ||
      !query_int (db, path, "PRAGMA user_version", &version, error))
    goto out;

  if (application_id != SITREP_STORE_APPLICATION_ID || version < 0)
    {
      g_set_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_NOT_SITREP,
                   _("“%s” is not a Sitrep database"), path);
      goto out;
    }

  if (version > SITREP_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Sitrep "
                     "(schema %d; this version reads up to %d)"),
                   path, (int) version, SITREP_STORE_SCHEMA_VERSION);
      goto out;
    }

  ok = quick_check (db, path, error);

out:
  sqlite3_close (db);
  return ok;
}

/**
 * sitrep_backup_get_folder:
 * @db_path: a database file
 *
 * The folder that backups of @db_path go to: "backups" beside it. It is
 * created (readable by the user only) when the first backup is taken.
 *
 * Returns: (transfer full): the folder's path
 */
char *
sitrep_backup_get_folder (const char *db_path)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  folder = g_path_get_dirname (db_path);
  return g_build_filename (folder, "backups", NULL);
}

/**
 * sitrep_backup_take:
 * @db_path: the database
 * @reason: why the backup is taken
 * @clock: the clock that names the backup
 * @out_path: (out) (optional) (transfer full): the new backup's path
 * @error: return location for a #GError
 *
 * Copies @db_path as sitrep_backup_copy() does into its backup folder,
 * named "<name>-YYYYMMDD-HHMMSS-<reason>.db" after @clock's time (UTC),
 * then removes the backups that are no longer kept. On each of the 7
 * most recent days that have backups, every backup taken before a
 * change (migration, replacing import, restore) and the newest other one
 * remain; before those days, the newest backup of each of the 4 most
 * recent ISO weeks remains. Days and weeks are those of UTC.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_backup_take (const char          *db_path,
                    SitrepBackupReason   reason,
                    SitrepClock         *clock,
                    char               **out_path,
                    GError             **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail ((guint) reason < G_N_ELEMENTS (reason_names), FALSE);
  g_return_val_if_fail (SITREP_IS_CLOCK (clock), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = take_backup (db_path, reason, clock, FALSE, error);
  if (path == NULL)
    return FALSE;

  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);

  return TRUE;
}

/**
 * sitrep_backup_take_if_due:
 * @db_path: the database
 * @clock: the clock
 * @out_path: (out) (optional) (transfer full): the new backup's path, or
 *   %NULL when none was due
 * @error: return location for a #GError
 *
 * Takes a daily backup with sitrep_backup_take() when there is none yet
 * or the newest backup, whatever its reason, is a day old or older.
 *
 * Returns: %TRUE when no backup was due or it was taken
 */
gboolean
sitrep_backup_take_if_due (const char   *db_path,
                           SitrepClock  *clock,
                           char        **out_path,
                           GError      **error)
{
  g_autoptr(GPtrArray) backups = NULL;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (SITREP_IS_CLOCK (clock), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_path != NULL)
    *out_path = NULL;

  backups = list_backups (db_path);
  if (backups->len > 0)
    {
      const Backup *newest = g_ptr_array_index (backups, 0);

      if (sitrep_clock_get_now (clock) - newest->time < DAY_SECONDS)
        return TRUE;
    }

  return sitrep_backup_take (db_path, SITREP_BACKUP_DAILY, clock, out_path, error);
}

/**
 * sitrep_backup_list:
 * @db_path: the database
 *
 * The backups of @db_path in its backup folder, newest first.
 *
 * Returns: (transfer full) (element-type utf8): their full paths
 */
GPtrArray *
sitrep_backup_list (const char *db_path)
{
  g_autoptr(GPtrArray) backups = NULL;
  GPtrArray *paths;

  g_return_val_if_fail (db_path != NULL, NULL);

  backups = list_backups (db_path);
  paths = g_ptr_array_new_full (backups->len, g_free);
  for (guint i = 0; i < backups->len; i++)
    {
      Backup *backup = g_ptr_array_index (backups, i);

      g_ptr_array_add (paths, g_steal_pointer (&backup->path));
    }

  return paths;
}

/**
 * sitrep_backup_find_latest_good:
 * @db_path: the database
 *
 * The newest backup of @db_path that passes sitrep_backup_check_file().
 *
 * Returns: (transfer full) (nullable): its path, or %NULL if there is none
 */
char *
sitrep_backup_find_latest_good (const char *db_path)
{
  g_autoptr(GPtrArray) paths = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  paths = sitrep_backup_list (db_path);
  for (guint i = 0; i < paths->len; i++)
    {
      if (sitrep_backup_check_file (g_ptr_array_index (paths, i), NULL))
        return g_strdup (g_ptr_array_index (paths, i));
    }

  return NULL;
}

/**
 * sitrep_backup_restore:
 * @backup_path: the backup to bring back
 * @db_path: the database it replaces; no store may have it open
 * @clock: the clock that names the backup of the current database
 * @kept_path: (out) (optional) (transfer full) (nullable): where the
 *   current database was kept, or %NULL if there was none
 * @error: return location for a #GError
 *
 * Checks @backup_path with sitrep_backup_check_file(), keeps the current
 * database (if there is one) as a "before-restore" backup — byte for byte,
 * with its write-ahead log, when it is too damaged to be read — and then
 * replaces @db_path with a copy of @backup_path by renaming, after
 * removing the old database's write-ahead log and shared-memory file,
 * which do not belong to the restored one.
 *
 * Returns: %TRUE on success; on failure @db_path is as it was
 */
gboolean
sitrep_backup_restore (const char   *backup_path,
                       const char   *db_path,
                       SitrepClock  *clock,
                       char        **kept_path,
                       GError      **error)
{
  g_autofree char *temp = NULL;
  g_autofree char *kept = NULL;
  const char *suffixes[] = { "-wal", "-shm", "-journal" };

  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (SITREP_IS_CLOCK (clock), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (kept_path != NULL)
    *kept_path = NULL;

  if (!sitrep_backup_check_file (backup_path, error))
    return FALSE;

  /* The copy comes first: keeping the current database rotates the
   * backups, which may remove the one being restored. */
  temp = create_temporary (db_path, NULL, error);
  if (temp == NULL)
    return FALSE;
  if (!copy_database (backup_path, temp, db_path, error) ||
      !sync_path (temp, FALSE, db_path, error))
    goto fail;

  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) check_error = NULL;
      gboolean readable = sitrep_backup_check_file (db_path, &check_error) ||
                          g_error_matches (check_error, SITREP_BACKUP_ERROR,
                                           SITREP_BACKUP_ERROR_TOO_NEW);

      kept = take_backup (db_path, SITREP_BACKUP_BEFORE_RESTORE, clock, !readable, error);
      if (kept == NULL)
        goto fail;
    }

  /* A log or journal left beside the restored file would be replayed
   * into it: they go first. Should the machine stop in between, the old
   * database lost only what was also kept above. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (db_path, suffixes[i], NULL);

      if (g_unlink (side) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_FAILED,
                       _("Could not remove “%s”: %s"), side, g_strerror (saved_errno));
          goto fail;
        }
    }

  if (!commit_temporary (temp, db_path, error))
    goto fail;

  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);

  return TRUE;

fail:
  remove_temporary (temp);
  return FALSE;
}
