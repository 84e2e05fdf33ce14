/* test-store-safety.c: nothing crashes, nothing is lost
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "sitrep-fault-vfs.h"
#include "test-store-common.h"

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

/* The crafted file that crashed every open (tests/data/negative-version.db:
 * a Sitrep database with PRAGMA user_version = -5) is refused as damaged,
 * and left as it was. */
static void
test_crafted_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data",
                                                    "negative-version.db", NULL);
  g_autoptr(GBytes) before = read_bytes (fixture);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (f->path, g_bytes_get_data (before, NULL),
                                      g_bytes_get_size (before), &error));
  g_assert_no_error (error);

  store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "-5"));

  after = read_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
}

/* A user's action is put on the disk (by the store's thread, right after
 * its commit); an import's commit is not, and the store goes back to
 * syncing afterwards, whichever way the import ends. */
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
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_READ_ONLY_ROLE);
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

static gint64
size_of (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size : 0;
}

/* A write that the disk refuses (here a file-size limit, in a child
 * process) fails with one clear message and leaves nothing behind: reads
 * go on, and once there is room again the same store writes. */
static void
test_write_refused_by_disk (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *long_note = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  struct rlimit old_limit;
  struct rlimit limit;
  gint64 id;
  guint before;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  /* past the limit, write() fails with EFBIG instead of killing us */
  signal (SIGXFSZ, SIG_IGN);

  id = create (f->store, "Mail down", "mail", 2, T0);
  before = count_entries (f->store, id);
  wal = g_strconcat (f->path, "-wal", NULL);
  g_assert_cmpint (size_of (wal), >, 0);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  limit = old_limit;
  limit.rlim_cur = MAX (size_of (wal), size_of (f->path));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  long_note = g_strnfill (256 * 1024, 'x');
  expected = g_strdup_printf ("Sitrep could not write to “%s” (disk I/O error): nothing was "
                              "written; free some space or check the disk", f->path);
  for (int i = 0; i < 2; i++)
    {
      g_assert_false (sitrep_store_add_note (f->store, id, SITREP_TIME_NONE, "Ann",
                                             SITREP_TAG_NONE, long_note, &error));
      g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_IO);
      g_assert_cmpstr (error->message, ==, expected);
      g_clear_error (&error);

      /* nothing half-written, and reading goes on */
      g_assert_cmpuint (count_entries (f->store, id), ==, before);
      incident = sitrep_store_get_incident (f->store, id, &error);
      g_assert_no_error (error);
      g_clear_object (&incident);
    }

  /* room again: the same store writes, without reopening */
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  g_assert_true (sitrep_store_add_note (f->store, id, SITREP_TIME_NONE, "Ann", SITREP_TAG_NONE,
                                        long_note, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (f->store, id), ==, before + 1);

  /* and what it wrote is in the file for the next program */
  g_clear_object (&f->store);
  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (f->store, id), ==, before + 1);
}

/* A large database (above the size checked whole) with a few pages in the
 * middle of its incident table overwritten: opening it says it is
 * damaged, naming the file, and changes nothing. */
static void
test_damaged_incident_pages (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(SitrepStore) store = NULL;
  g_autofree char *details = g_strnfill (1500, 'x');
  guint n_damaged = 0;
  gint64 n_pages;

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 300; i++)
    {
      gint64 id = create (f->store, "Mail server down again", "mail", 2, T0);

      g_assert_true (sitrep_store_set_field (f->store, id, "details", details, "Ann", &error));
      g_assert_no_error (error);
    }
  g_clear_object (&f->store);

  /* three leaf pages from the middle of the table */
  n_pages = raw_int64 (f->path, "SELECT count(*) FROM dbstat "
                                "WHERE name = 'incidents' AND pagetype = 'leaf'");
  g_assert_cmpint (n_pages, >, 20);
  g_assert_cmpuint (damage_pages (f->path, "SELECT pageno FROM dbstat "
                                           "WHERE name = 'incidents' AND pagetype = 'leaf' "
                                           "ORDER BY pageno LIMIT 3 OFFSET 10"),
                    ==, 3);
  before = read_bytes (f->path);

  sitrep_store_set_full_check_max_bytes (64 * 1024);
  g_assert_cmpint (g_bytes_get_size (before), >, 64 * 1024);
  store = sitrep_store_open (f->path, f->clock, &error);
  sitrep_store_set_full_check_max_bytes (16 * 1024 * 1024);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  after = read_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));

  /* A reader checks no more than the header; what it reads of the damage
   * says so, naming the file. */
  store = sitrep_store_open_reader (f->path, f->clock, &error);
  g_assert_no_error (error);
  for (gint64 id = 1; id <= 300; id++)
    {
      g_autoptr(SitrepIncident) incident = sitrep_store_get_incident (store, id, &error);

      if (incident != NULL)
        continue;

      g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, f->path));
      g_clear_error (&error);
      n_damaged++;
    }
  g_assert_cmpuint (n_damaged, >, 0);
}

/* For callers that must not create a database: no file is an error
 * naming the path, and nothing is made, not even the default folder. */
static void
test_open_existing (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) store = NULL;
  g_autofree char *default_path = sitrep_store_default_path ();
  g_autofree char *default_dir = g_path_get_dirname (default_path);
  g_autofree char *expected = NULL;
  g_autofree char *missing_dir = g_build_filename (f->dir, "nowhere", "sitrep.db", NULL);

  store = sitrep_store_open_existing (f->path, f->clock, &error);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NO_DATABASE);
  expected = g_strdup_printf ("There is no Sitrep database at “%s”", f->path);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  store = sitrep_store_open_existing (missing_dir, f->clock, &error);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NO_DATABASE);
  g_clear_error (&error);

  store = sitrep_store_open_existing (NULL, f->clock, &error);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NO_DATABASE);
  g_assert_nonnull (strstr (error->message, default_path));
  g_assert_false (g_file_test (default_dir, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* an empty file is not a database either, and stays empty */
  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  store = sitrep_store_open_existing (f->path, f->clock, &error);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);
  g_assert_cmpint (raw_int64 (f->path, "PRAGMA user_version"), ==, 0);
  g_unlink (f->path);

  /* an existing database opens for writing as with sitrep_store_open() */
  make_database (f, 1);
  store = sitrep_store_open_existing (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_store_count_incidents (store), ==, 1);
  create (store, "Printer jam", "print", 3, T0);
  g_assert_cmpint (sitrep_store_count_incidents (store), ==, 2);
}

/* Whether opening would migrate: read without writing, so that a caller
 * can back the file up first. */
static void
test_needs_migration (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *text_path = g_build_filename (f->dir, "list.txt", NULL);

  /* nothing to keep */
  g_assert_false (sitrep_store_needs_migration (f->path, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  g_assert_false (sitrep_store_needs_migration (f->path, &error));
  g_assert_no_error (error);
  g_unlink (f->path);

  /* up to date */
  make_database (f, 1);
  g_assert_false (sitrep_store_needs_migration (f->path, &error));
  g_assert_no_error (error);

  /* an older schema, and the file is not touched by asking */
  raw_exec (f->path, "PRAGMA user_version = 2");
  before = read_bytes (f->path);
  g_assert_true (sitrep_store_needs_migration (f->path, &error));
  g_assert_no_error (error);
  after = read_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));

  /* what sitrep_store_open() would refuse */
  raw_exec (f->path, "PRAGMA user_version = 99");
  g_assert_false (sitrep_store_needs_migration (f->path, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_TOO_NEW);
  g_clear_error (&error);

  raw_exec (f->path, "PRAGMA user_version = -5");
  g_assert_false (sitrep_store_needs_migration (f->path, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (text_path, "Milk\nEggs\n", -1, NULL));
  g_assert_false (sitrep_store_needs_migration (text_path, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, text_path));
}

/* Adds 80 notes of 60,000 characters to incident @id, about fifteen
 * pages of the log each: together past SQLite's checkpoint threshold. */
static void
fill_log (SitrepStore *store,
          gint64       id)
{
  g_autofree char *note = g_strnfill (60000, 'n');

  for (guint i = 0; i < 80; i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean added = sitrep_store_add_note (store, id, T0 - 3000 + i, "Tester",
                                              SITREP_TAG_NONE, note, &error);

      g_assert_no_error (error);
      g_assert_true (added);
    }
}

/* A commit that takes the write-ahead log past SQLite's checkpoint
 * threshold returns without copying the log into the database: after a
 * large write that copy was tens of megabytes, made in whichever write
 * came next, most often a user's note on the main thread. It runs on a
 * thread of its own once the main loop turns, and nothing is lost. */
static void
test_checkpoint_in_background (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (f->store, "Disk full on the database", "Storage", 1, T0 - 3600);
  gint64 before;
  guint entries;

  g_assert_false (_sitrep_store_is_checkpointing (f->store));
  before = size_of (f->path);
  entries = count_entries (f->store, id);

  fill_log (f->store, id);

  /* nothing was copied into the database by the writes themselves */
  g_assert_cmpint (size_of (f->path), ==, before);
  g_assert_true (_sitrep_store_is_checkpointing (f->store));

  while (_sitrep_store_is_checkpointing (f->store))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (_sitrep_store_get_n_checkpoints (f->store), ==, 1);
  g_assert_cmpint (size_of (f->path), >, before + 80 * 60000);
  g_assert_cmpuint (count_entries (f->store, id), ==, entries + 80);

  /* and the file holds them on its own, without the log */
  g_clear_object (&f->store);
  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (f->store, id), ==, entries + 80);
}

/* Notes on one incident, each a segment of the search index. */
static gint64
add_segments (SitrepStore *store,
              guint        n)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (store, "Mail relay refuses connections", "Mail", 2, T0 - 3600);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *note = g_strdup_printf ("Relay restarted, queue %u draining", i);
      gboolean added = sitrep_store_add_note (store, id, T0 - 3000 + i, "Tester",
                                              SITREP_TAG_NONE, note, &error);

      g_assert_no_error (error);
      g_assert_true (added);
    }

  return id;
}

static void
wait_for_merges (SitrepStore *store)
{
  while (_sitrep_store_is_merge_pending (store))
    g_main_context_iteration (NULL, TRUE);
}

static const char *const count_segments =
  "SELECT count(DISTINCT segid) FROM incident_search_idx";

/* A write adds its words to the search index as a segment of its own and
 * merges none: merging segments within a write made one write in a few
 * hundred take a tenth of a second on a large database. Once the store
 * has been quiet for a second, a thread merges them, and every note is
 * still found. The merge's commits are not taken for another program's
 * writes: the views are not told that everything changed. */
static void
test_search_merged_when_idle (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  SitrepQuery query = { SITREP_LIST_FILTER_ALL, SITREP_LIST_SORT_KEY, "draining", NULL };
  guint changed = 0;
  gint64 id;

  g_signal_connect_swapped (f->store, "changed", G_CALLBACK (count_cb), &changed);
  id = add_segments (f->store, 12);

  g_assert_cmpint (raw_int64 (f->path, count_segments), >=, 13);
  g_assert_true (_sitrep_store_is_merge_pending (f->store));

  wait_for_merges (f->store);

  g_assert_cmpuint (_sitrep_store_get_n_merge_steps (f->store), >, 0);
  /* FTS5 merges four segments of a level into one of the next */
  g_assert_cmpint (raw_int64 (f->path, count_segments), <=, 4);
  g_assert_cmpint (raw_int64 (f->path, "SELECT count(*) FROM incident_search_config "
                                       "WHERE k = 'automerge' AND v = 0"), ==, 1);
  g_assert_false (sitrep_store_check_external_changes (f->store));
  g_assert_cmpuint (changed, ==, 0);

  ids = sitrep_store_query (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, id);
  assert_search_index_sound (f->path);
}

/* Another program's write that comes after the merge's is still seen as
 * one, though both changed what SQLite tells the store. */
static void
test_merge_and_other_writes (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(SitrepIncident) incident = NULL;
  g_autofree char *sql = NULL;
  guint changed = 0;
  guint steps;
  gint64 id;

  g_signal_connect_swapped (f->store, "changed", G_CALLBACK (count_cb), &changed);
  _sitrep_store_set_merge_quiet_ms (f->store, 0);
  id = add_segments (f->store, 12);
  wait_for_merges (f->store);
  steps = _sitrep_store_get_n_merge_steps (f->store);
  g_assert_cmpuint (steps, >, 0);

  /* more to merge, merged, and then another program's write */
  add_segments (f->store, 12);
  wait_for_merges (f->store);
  g_assert_cmpuint (_sitrep_store_get_n_merge_steps (f->store), >, steps);
  sql = g_strdup_printf ("UPDATE incidents SET title = 'Mail relay back' WHERE id = %"
                         G_GINT64_FORMAT, id);
  raw_exec (f->path, sql);

  g_assert_true (sitrep_store_check_external_changes (f->store));
  g_assert_cmpuint (changed, ==, 1);
  incident = sitrep_store_get_incident (f->store, id, NULL);
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Mail relay back");
  g_assert_false (sitrep_store_check_external_changes (f->store));
}

/* A merge step never waits for another program's lock: the merge waits,
 * and goes on once the lock is let go. */
static void
test_merge_waits_for_lock (Fixture       *f,
                           gconstpointer  data)
{
  sqlite3 *other = open_raw (f->path);
  gint64 until;

  _sitrep_store_set_merge_quiet_ms (f->store, 0);
  add_segments (f->store, 12);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  until = g_get_monotonic_time () + G_USEC_PER_SEC / 5;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (_sitrep_store_is_merge_pending (f->store));
  g_assert_cmpuint (_sitrep_store_get_n_merge_steps (f->store), ==, 0);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  wait_for_merges (f->store);
  g_assert_cmpuint (_sitrep_store_get_n_merge_steps (f->store), >, 0);
  g_assert_cmpint (raw_int64 (f->path, count_segments), <=, 4);
  assert_search_index_sound (f->path);
}

/* A note written while the thread merges is written (the merge stops for
 * it), and the merge goes on after it. */
static void
test_write_while_merging (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  SitrepQuery query = { SITREP_LIST_FILTER_ALL, SITREP_LIST_SORT_KEY, "rerouted", NULL };
  gint64 id;

  _sitrep_store_set_merge_quiet_ms (f->store, 0);
  id = add_segments (f->store, 40);

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *note = g_strdup_printf ("Traffic %u rerouted", i);

      while (f->store->merge_cancellable == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (sitrep_store_add_note (f->store, id, T0 - 2000 + i, "Tester",
                                            SITREP_TAG_NONE, note, &error));
      g_assert_no_error (error);
    }

  wait_for_merges (f->store);
  ids = sitrep_store_query (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpuint (count_entries (f->store, id), >=, 60);
  g_assert_cmpint (raw_int64 (f->path, count_segments), <=, 4);
  assert_search_index_sound (f->path);
}

/* A merge step's commit syncs nothing: it holds the write lock until
 * it returns, and a write of the store's that comes meanwhile waits for
 * the whole of a sync, which no interruption can stop. */
static void
test_merge_commits_unsynced (Fixture       *f,
                             gconstpointer  data)
{
  guint syncs;

  _sitrep_store_set_merge_quiet_ms (f->store, 0);
  add_segments (f->store, 12);
  syncs = sitrep_fault_vfs_get_syncs ();

  wait_for_merges (f->store);

  g_assert_cmpuint (_sitrep_store_get_n_merge_steps (f->store), >, 1);
  g_assert_cmpint (raw_int64 (f->path, count_segments), <=, 4);
  g_assert_cmpuint (sitrep_fault_vfs_get_syncs (), ==, syncs);
  assert_search_index_sound (f->path);
}

/* The write-ahead log's checkpoint sequence (its header's fourth word),
 * which grows by one each time the log is started over. */
static guint32
log_sequence (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (wal, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 32);

  return GUINT32_FROM_BE (*(guint32 *) (contents + 12));
}

/* Once a checkpoint has copied the whole log, the next write starts it
 * over and syncs its new header first, whatever else it skips: on a busy
 * disk, one write of the deadline watch's stood 124 ms on the main
 * thread for it. A merge step that comes after the checkpoint makes that
 * write, but on a busy disk the checkpoint ends after the merging. The
 * merging thread then writes once more, right after the checkpoint and
 * before the store writes again, and that is not taken for another
 * program's write. */
static void
test_log_started_over_by_thread (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (f->store, "Disk full on the database", "Storage", 1, T0 - 3600);
  guint changed = 0;
  guint32 sequence;
  guint steps;

  g_signal_connect_swapped (f->store, "changed", G_CALLBACK (count_cb), &changed);
  _sitrep_store_set_merge_quiet_ms (f->store, 0);
  _sitrep_store_hold_checkpoints (TRUE);
  fill_log (f->store, id);
  sequence = log_sequence (f->path);

  /* the notes' segments are merged while the checkpoint waits */
  wait_for_merges (f->store);
  g_assert_true (_sitrep_store_is_checkpointing (f->store));
  g_assert_cmpuint (log_sequence (f->path), ==, sequence);
  steps = _sitrep_store_get_n_merge_steps (f->store);
  g_assert_cmpuint (steps, >, 0);

  _sitrep_store_hold_checkpoints (FALSE);
  while (_sitrep_store_is_checkpointing (f->store) || _sitrep_store_is_merge_pending (f->store))
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (_sitrep_store_get_n_checkpoints (f->store), ==, 1);
  g_assert_cmpuint (log_sequence (f->path), ==, sequence + 1);
  g_assert_cmpuint (_sitrep_store_get_n_merge_steps (f->store), >, steps);
  g_assert_false (sitrep_store_check_external_changes (f->store));
  g_assert_cmpuint (changed, ==, 0);

  /* the store's next write appends to the log started over */
  g_assert_true (sitrep_store_add_note (f->store, id, T0 - 1000, "Tester",
                                        SITREP_TAG_NONE, "Volume extended", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log_sequence (f->path), ==, sequence + 1);
  g_assert_cmpuint (count_entries (f->store, id), >=, 81);

  g_clear_object (&f->store);
  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (f->store, id), >=, 81);
  assert_search_index_sound (f->path);
}

/* The last connection of a session removes the log, and the first write
 * of the next begins it, syncing its header: the merging thread begins
 * it as the store opens, not the person's first note. */
static void
test_log_begun_by_thread (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  gint64 id = create (f->store, "Certificate expired on the portal", "Web", 2, T0 - 3600);
  guint changed = 0;

  g_clear_object (&f->store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_signal_connect_swapped (f->store, "changed", G_CALLBACK (count_cb), &changed);
  wait_for_merges (f->store);

  g_assert_cmpint (size_of (wal), >, 32);
  g_assert_cmpuint (_sitrep_store_get_n_merge_steps (f->store), >, 0);
  g_assert_false (sitrep_store_check_external_changes (f->store));
  g_assert_cmpuint (changed, ==, 0);

  g_assert_true (sitrep_store_add_note (f->store, id, T0 - 1000, "Tester", SITREP_TAG_NONE,
                                        "Certificate renewed", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (f->store, id), >=, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* passes every call through; counts the syncs */
  sitrep_fault_vfs_install ();

  add_dir_test ("safety/impossible-version", test_impossible_version);
  add_dir_test ("safety/crafted-file", test_crafted_file);
  add_file_test ("safety/durable", test_durable);
  add_dir_test ("safety/private-files", test_private_files);
  add_file_test ("safety/write-refused-by-disk", test_write_refused_by_disk);
  add_dir_test ("safety/damaged-incident-pages", test_damaged_incident_pages);
  add_dir_test ("safety/open-existing", test_open_existing);
  add_dir_test ("safety/needs-migration", test_needs_migration);
  add_file_test ("safety/checkpoint-in-background", test_checkpoint_in_background);
  add_file_test ("safety/log-started-over-by-thread", test_log_started_over_by_thread);
  add_file_test ("safety/merge-commits-unsynced", test_merge_commits_unsynced);
  add_file_test ("safety/log-begun-by-thread", test_log_begun_by_thread);
  add_file_test ("safety/search-merged-when-idle", test_search_merged_when_idle);
  add_file_test ("safety/merge-and-other-writes", test_merge_and_other_writes);
  add_file_test ("safety/merge-waits-for-lock", test_merge_waits_for_lock);
  add_file_test ("safety/write-while-merging", test_write_while_merging);

  return g_test_run ();
}
