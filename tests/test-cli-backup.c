/* test-cli-backup.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include <glib/gstdio.h>

#include "sitrep-store-version.h"
#include "test-cli-common.h"

/*
 * `sitrep --backup` and `--restore`, the backup that `--import --replace`
 * takes first, and what the command line says of a damaged database.
 */

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” is not in:\n%s", part, text);
}

/* The --status table of @db_path, which must be readable. */
static char *
get_status (Fixture    *fixture,
            const char *db_path)
{
  g_autoptr(Run) run = run_sitrep (fixture, "--database", db_path, "--status",
                                   "--at", FIXTURE_AT);

  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);

  return g_steal_pointer (&run->out);
}

/* Overwrites every page of @path but the first (the header and the
 * schema) with a pattern, as a failing disk might. */
static void
damage (const char *path)
{
  g_autoptr(GBytes) bytes = read_bytes (path);
  g_autoptr(GError) error = NULL;
  gsize length = g_bytes_get_size (bytes);
  g_autofree char *contents = g_memdup2 (g_bytes_get_data (bytes, NULL), length);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  /* Closed cleanly: there is no log that would still hold pages. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (length, >, 8192);
  memset (contents + 4096, 0xa5, length - 4096);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
set_user_version (const char *path,
                  int         version)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static int
get_user_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return version;
}

static void
test_backup (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->tmp_dir, "copy.db", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *copied = NULL;
  g_autoptr(Run) run = NULL;
  const char * const args[] = { "--database", fixture->db_path, "--backup", copy, NULL };
  RunSetup setup = { NULL, NULL, 0, 0 };

  import_fixture (fixture, fixture->db_path);
  expected = get_status (fixture, fixture->db_path);

  /* Readable by the user alone, even under umask 000. */
  run = run_sitrep_setup (fixture, &setup, args);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpstr (run->out, ==, "");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpint (get_mode (copy), ==, 0600);

  copied = get_status (fixture, copy);
  g_assert_cmpstr (copied, ==, expected);
}

/* A backup never replaces a file: the user removes it or picks another
 * name. */
static void
test_backup_exists (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->tmp_dir, "copy.db", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(Run) first = NULL;
  g_autoptr(Run) second = NULL;
  g_autoptr(Run) onto_itself = NULL;

  import_fixture (fixture, fixture->db_path);

  g_file_set_contents (copy, "not to be lost", -1, NULL);
  first = run_sitrep (fixture, "--database", fixture->db_path, "--backup", copy);
  g_assert_cmpint (first->status, ==, 1);
  g_assert_cmpstr (first->out, ==, "");
  assert_contains (first->err, "copy.db");
  assert_contains (first->err, "exists already");
  kept = read_bytes (copy);
  g_assert_cmpmem (g_bytes_get_data (kept, NULL), g_bytes_get_size (kept),
                   "not to be lost", strlen ("not to be lost"));

  g_unlink (copy);
  second = run_sitrep (fixture, "--database", fixture->db_path, "--backup", copy);
  g_assert_cmpint (second->status, ==, 0);

  before = read_bytes (fixture->db_path);
  onto_itself = run_sitrep (fixture, "--database", fixture->db_path,
                            "--backup", fixture->db_path);
  g_assert_cmpint (onto_itself->status, ==, 1);
  assert_contains (onto_itself->err, "exists already");
  after = read_bytes (fixture->db_path);
  g_assert_true (g_bytes_equal (before, after));

  /* Nothing is left beside them. */
  listing = list_folder (fixture->tmp_dir);
  g_assert_cmpstr (listing, ==, "copy.db\nsitrep.db");
}

/* A mistyped database, or a file that is no Sitrep database, is said to
 * be so; nothing is created. */
static void
test_backup_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->tmp_dir, "copy.db", NULL);
  g_autofree char *missing = g_build_filename (fixture->tmp_dir, "mistyped.db", NULL);
  g_autofree char *text = g_build_filename (fixture->tmp_dir, "notes.txt", NULL);
  g_autofree char *in_missing = g_build_filename (fixture->tmp_dir, "no-folder", "copy.db",
                                                  NULL);
  g_autofree char *listing = NULL;
  g_autoptr(Run) mistyped = NULL;
  g_autoptr(Run) by_default = NULL;
  g_autoptr(Run) foreign = NULL;
  g_autoptr(Run) no_folder = NULL;

  mistyped = run_sitrep (fixture, "--database", missing, "--backup", copy);
  g_assert_cmpint (mistyped->status, ==, 1);
  assert_contains (mistyped->err, "There is no Sitrep database at");
  assert_contains (mistyped->err, "mistyped.db");

  by_default = run_sitrep (fixture, "--backup", copy);
  g_assert_cmpint (by_default->status, ==, 1);
  assert_contains (by_default->err, "There is no Sitrep database at");

  g_file_set_contents (text, "a shopping list, not incidents\n", -1, NULL);
  foreign = run_sitrep (fixture, "--database", text, "--backup", copy);
  g_assert_cmpint (foreign->status, ==, 1);
  assert_contains (foreign->err, "is not a Sitrep database");

  import_fixture (fixture, fixture->db_path);
  no_folder = run_sitrep (fixture, "--database", fixture->db_path, "--backup", in_missing);
  g_assert_cmpint (no_folder->status, ==, 1);
  assert_contains (no_folder->err, "copy.db");

  /* The default folder is made on first use, but no database in it. */
  listing = list_folder (fixture->tmp_dir);
  g_assert_cmpstr (listing, ==, "data-home\nnotes.txt\nsitrep.db");
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
}

/* The usage errors of --backup and --restore. */
static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->tmp_dir, "copy.db", NULL);
  const char * const *cases[] = {
    (const char * const[]) { "--database", fixture->db_path, "--backup", "-", NULL },
    (const char * const[]) { "--database", fixture->db_path, "--restore", "-", NULL },
    (const char * const[]) { "--database", fixture->db_path, "--backup", "", NULL },
    (const char * const[]) { "--database", fixture->db_path, "--backup", NULL },
    (const char * const[]) { "--database", fixture->db_path, "--backup", copy,
                             "--restore", copy, NULL },
    (const char * const[]) { "--database", fixture->db_path, "--backup", copy,
                             "--replace", NULL },
    (const char * const[]) { "--database", fixture->db_path, "--restore", copy,
                             "--status", NULL },
  };
  g_autofree char *listing = NULL;

  import_fixture (fixture, fixture->db_path);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Run) run = run_sitrep_full (fixture, NULL, NULL, cases[i]);

      assert_usage_error (run);
    }

  listing = list_folder (fixture->tmp_dir);
  g_assert_cmpstr (listing, ==, "sitrep.db");
}

/* A backup only reads: the supervisor role may take one, not restore. */
static void
test_supervisor (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->tmp_dir, "copy.db", NULL);
  g_auto(GStrv) env = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(Run) backup = NULL;
  g_autoptr(Run) restore = NULL;

  import_fixture (fixture, fixture->db_path);
  env = make_role_env (fixture, "supervisor");

  backup = run_sitrep_full (fixture, (const char * const *) env, NULL,
                            (const char * const[]) { "--database", fixture->db_path,
                                                     "--backup", copy, NULL });
  g_assert_cmpstr (backup->err, ==, "");
  g_assert_cmpint (backup->status, ==, 0);

  before = read_bytes (fixture->db_path);
  restore = run_sitrep_full (fixture, (const char * const *) env, NULL,
                             (const char * const[]) { "--database", fixture->db_path,
                                                      "--restore", copy, NULL });
  g_assert_cmpint (restore->status, ==, 1);
  g_assert_cmpstr (restore->out, ==, "");
  assert_contains (restore->err, "--restore");
  assert_contains (restore->err, "supervisor");
  after = read_bytes (fixture->db_path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->tmp_dir, "copy.db", NULL);
  g_autofree char *other = g_build_filename (fixture->tmp_dir, "other.db", NULL);
  g_autofree char *fresh = g_build_filename (fixture->tmp_dir, "fresh.db", NULL);
  g_autofree char *folder = g_build_filename (fixture->tmp_dir, "backups", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *kept_line = NULL;
  g_autofree char *kept_status = NULL;
  g_autofree char *fresh_status = NULL;
  g_autoptr(Run) backup = NULL;
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) into_new = NULL;
  g_auto(GStrv) lines = NULL;
  const char *kept;

  import_fixture (fixture, fixture->db_path);
  expected = get_status (fixture, fixture->db_path);
  backup = run_sitrep (fixture, "--database", fixture->db_path, "--backup", copy);
  g_assert_cmpint (backup->status, ==, 0);

  /* Another database, with no incidents, in the same folder. */
  create_database (other);
  run = run_sitrep (fixture, "--database", other, "--restore", copy);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);

  /* It says what it restored and where the database as it was is. */
  lines = g_strsplit (run->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  assert_contains (lines[0], "Restored");
  assert_contains (lines[0], "copy.db");
  assert_contains (lines[0], "other.db");
  kept = strstr (lines[1], folder);
  g_assert_nonnull (kept);
  kept_line = g_strdup (kept);
  *strstr (kept_line, "”") = '\0';
  g_assert_true (g_str_has_suffix (kept_line, "-before-restore.db"));

  restored = get_status (fixture, other);
  g_assert_cmpstr (restored, ==, expected);
  g_assert_cmpint (get_mode (other), ==, 0600);
  kept_status = get_status (fixture, kept_line);
  g_assert_cmpstr (kept_status, ==, "No active incidents and none awaiting closure.\n");

  /* Restoring into a database that does not exist yet keeps nothing. */
  into_new = run_sitrep (fixture, "--database", fresh, "--restore", copy);
  g_assert_cmpint (into_new->status, ==, 0);
  g_assert_null (strstr (into_new->out, "kept"));
  fresh_status = get_status (fixture, fresh);
  g_assert_cmpstr (fresh_status, ==, expected);
}

typedef struct
{
  const char *name;
  const char *message;
} RefusedBackup;

/* A backup that cannot be restored changes nothing and says why. */
static void
test_restore_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->tmp_dir, "missing.db", NULL);
  g_autofree char *text = g_build_filename (fixture->tmp_dir, "notes.txt", NULL);
  g_autofree char *newer = g_build_filename (fixture->tmp_dir, "newer.db", NULL);
  g_autofree char *damaged = g_build_filename (fixture->tmp_dir, "damaged.db", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GBytes) before = NULL;
  const RefusedBackup cases[] = {
    { missing, "There is no file" },
    { text, "is not a Sitrep database" },
    { newer, "newer version of Sitrep" },
    { damaged, "is damaged" },
  };
  g_autoptr(Run) newer_backup = NULL;
  g_autoptr(Run) damaged_backup = NULL;

  import_fixture (fixture, fixture->db_path);
  g_file_set_contents (text, "a shopping list, not incidents\n", -1, NULL);
  newer_backup = run_sitrep (fixture, "--database", fixture->db_path, "--backup", newer);
  g_assert_cmpint (newer_backup->status, ==, 0);
  set_user_version (newer, 9999);
  damaged_backup = run_sitrep (fixture, "--database", fixture->db_path, "--backup", damaged);
  g_assert_cmpint (damaged_backup->status, ==, 0);
  damage (damaged);

  before = read_bytes (fixture->db_path);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Run) run = run_sitrep (fixture, "--database", fixture->db_path,
                                       "--restore", cases[i].name);
      g_autoptr(GBytes) after = NULL;
      g_autofree char *base = g_path_get_basename (cases[i].name);

      g_assert_cmpint (run->status, ==, 1);
      g_assert_cmpstr (run->out, ==, "");
      g_assert_true (g_str_has_prefix (run->err, "sitrep: "));
      assert_contains (run->err, base);
      assert_contains (run->err, cases[i].message);
      g_assert_cmpint (strchr (run->err, '\n') - run->err, ==, strlen (run->err) - 1);

      after = read_bytes (fixture->db_path);
      g_assert_true (g_bytes_equal (before, after));
    }

  /* No backup of the current database was needed, so none was taken. */
  listing = list_folder (fixture->tmp_dir);
  g_assert_cmpstr (listing, ==, "damaged.db\nnewer.db\nnotes.txt\nsitrep.db");
}

/* The name of the one file in @folder. */
static char *
get_only_file (const char *folder)
{
  g_autofree char *listing = list_folder (folder);

  g_assert_null (strchr (listing, '\n'));
  return g_build_filename (folder, listing, NULL);
}

/* --import --replace keeps the database as it was first, quietly. */
static void
test_replace_backup (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *json = data_path ("cli-incidents.json");
  g_autofree char *folder = g_build_filename (fixture->tmp_dir, "backups", NULL);
  g_autofree char *new_db = g_build_filename (fixture->tmp_dir, "new.db", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(Run) plain = NULL;
  g_autoptr(Run) replace = NULL;
  g_autoptr(Run) into_new = NULL;
  g_auto(GStrv) replace_lines = NULL;
  g_auto(GStrv) plain_lines = NULL;

  /* Into a new database there is nothing to keep. */
  into_new = run_sitrep (fixture, "--database", new_db, "--import", json, "--replace");
  g_assert_cmpstr (into_new->err, ==, "");
  g_assert_cmpint (into_new->status, ==, 0);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  import_fixture (fixture, fixture->db_path);
  expected = get_status (fixture, fixture->db_path);
  plain = run_sitrep (fixture, "--database", fixture->db_path, "--import", json);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  replace = run_sitrep (fixture, "--database", fixture->db_path, "--import", json,
                        "--replace");
  g_assert_cmpstr (replace->err, ==, "");
  g_assert_cmpint (replace->status, ==, 0);
  /* The same summary as any import: the backup adds no line. */
  g_assert_true (g_str_has_prefix (replace->out, "Imported 0 incidents ("));
  replace_lines = g_strsplit (replace->out, "\n", -1);
  plain_lines = g_strsplit (plain->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (replace_lines), ==, g_strv_length (plain_lines));

  backup = get_only_file (folder);
  g_assert_true (g_str_has_suffix (backup, "-before-replace.db"));
  g_assert_cmpint (get_mode (backup), ==, 0600);
  kept = get_status (fixture, backup);
  g_assert_cmpstr (kept, ==, expected);
}

/* When no backup can be taken, nothing is replaced. */
static void
test_replace_backup_fails (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *json = data_path ("cli-incidents.json");
  g_autofree char *folder = g_build_filename (fixture->tmp_dir, "backups", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(Run) run = NULL;

  import_fixture (fixture, fixture->db_path);
  /* A file where the backup folder should be: it cannot be made, even by
   * root, to whom permissions are no obstacle. */
  g_file_set_contents (folder, "in the way\n", -1, NULL);
  before = read_bytes (fixture->db_path);

  run = run_sitrep (fixture, "--database", fixture->db_path, "--import", json, "--replace");
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  assert_contains (run->err, "--replace was refused");
  assert_contains (run->err, "backed up");
  g_assert_cmpint (strchr (run->err, '\n') - run->err, ==, strlen (run->err) - 1);

  after = read_bytes (fixture->db_path);
  g_assert_true (g_bytes_equal (before, after));
}

/* A database of an older schema is backed up, as it is, before opening
 * it upgrades it; when that backup fails it is not opened. */
static void
test_migration_backup (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->tmp_dir, "backups", NULL);
  g_autofree char *copy = g_build_filename (fixture->tmp_dir, "older.db", NULL);
  g_autofree char *kept = g_build_filename (fixture->tmp_dir, "kept", NULL);
  g_autofree char *backup = NULL;
  g_autoptr(Run) copied = NULL;
  g_autoptr(Run) status = NULL;
  g_autoptr(Run) refused = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  int older = SITREP_STORE_SCHEMA_VERSION - 1;

  import_fixture (fixture, fixture->db_path);
  copied = run_sitrep (fixture, "--database", fixture->db_path, "--backup", copy);
  g_assert_cmpint (copied->status, ==, 0);
  /* A current database is opened with no backup. */
  g_free (get_status (fixture, fixture->db_path));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  /* Marked as older: whether the upgrade then succeeds on tables that are
   * current already is not what this test is about; the backup is. */
  set_user_version (fixture->db_path, older);
  status = run_sitrep (fixture, "--database", fixture->db_path, "--status");
  backup = get_only_file (folder);
  g_assert_true (g_str_has_suffix (backup, "-before-migration.db"));
  g_assert_cmpint (get_user_version (backup), ==, older);

  /* No backup, no upgrade. */
  set_user_version (copy, older);
  g_assert_cmpint (g_rename (folder, kept), ==, 0);
  g_file_set_contents (folder, "in the way\n", -1, NULL);
  before = read_bytes (copy);
  refused = run_sitrep (fixture, "--database", copy, "--export", "-");
  g_assert_cmpint (refused->status, ==, 1);
  g_assert_cmpstr (refused->out, ==, "");
  assert_contains (refused->err, "older.db");
  assert_contains (refused->err, "was not upgraded to this version of Sitrep");
  after = read_bytes (copy);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (get_user_version (copy), ==, older);
}

/* A damaged database is said to be so, with the newest good backup and
 * the command that restores it; that command works. */
static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *json = data_path ("cli-incidents.json");
  g_autofree char *folder = g_build_filename (fixture->tmp_dir, "backups", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *message = NULL;
  g_autofree char *command = NULL;
  g_autofree char *restored = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(Run) replace = NULL;
  g_autoptr(Run) status = NULL;
  g_autoptr(Run) report = NULL;
  g_autoptr(Run) restore = NULL;
  g_autoptr(GError) error = NULL;
  const char *start;

  import_fixture (fixture, fixture->db_path);
  replace = run_sitrep (fixture, "--database", fixture->db_path, "--import", json,
                        "--replace");
  g_assert_cmpint (replace->status, ==, 0);
  expected = get_status (fixture, fixture->db_path);
  backup = get_only_file (folder);

  damage (fixture->db_path);

  status = run_sitrep (fixture, "--database", fixture->db_path, "--status");
  g_assert_cmpint (status->status, ==, 1);
  g_assert_cmpstr (status->out, ==, "");
  message = g_strdup_printf ("sitrep: The database “%s” is damaged (", fixture->db_path);
  g_assert_true (g_str_has_prefix (status->err, message));
  g_free (message);
  message = g_strdup_printf ("). The newest good backup is “%s” (taken ", backup);
  assert_contains (status->err, message);
  command = g_strdup_printf ("Restore it with: sitrep --database %s --restore %s\n",
                             fixture->db_path, backup);
  g_assert_true (g_str_has_suffix (status->err, command));
  g_assert_cmpint (strchr (status->err, '\n') - status->err, ==, strlen (status->err) - 1);

  /* Every command that opens it says the same. */
  report = run_sitrep (fixture, "--database", fixture->db_path, "--report", "can",
                       "--incident", "INC-1");
  g_assert_cmpint (report->status, ==, 1);
  g_assert_cmpstr (report->err, ==, status->err);

  /* The command, as printed, brings the data back. */
  start = strstr (status->err, "Restore it with: ") + strlen ("Restore it with: ");
  g_shell_parse_argv (start, NULL, &argv, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (argv[0], ==, "sitrep");
  restore = run_sitrep_full (fixture, NULL, NULL, (const char * const *) argv + 1);
  g_assert_cmpstr (restore->err, ==, "");
  g_assert_cmpint (restore->status, ==, 0);
  assert_contains (restore->out, "-before-restore.db");

  restored = get_status (fixture, fixture->db_path);
  g_assert_cmpstr (restored, ==, expected);
}

/* With no good backup, the message says so instead of offering one. */
static void
test_damaged_no_backup (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(Run) status = NULL;

  import_fixture (fixture, fixture->db_path);
  damage (fixture->db_path);

  status = run_sitrep (fixture, "--database", fixture->db_path, "--status");
  g_assert_cmpint (status->status, ==, 1);
  assert_contains (status->err, "is damaged");
  assert_contains (status->err, "There is no good backup of it to restore.");
  g_assert_null (strstr (status->err, "--restore"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/sitrep/cli-backup/backup", test_backup);
  ADD ("/sitrep/cli-backup/backup-exists", test_backup_exists);
  ADD ("/sitrep/cli-backup/backup-refused", test_backup_refused);
  ADD ("/sitrep/cli-backup/usage", test_usage);
  ADD ("/sitrep/cli-backup/supervisor", test_supervisor);
  ADD ("/sitrep/cli-backup/restore", test_restore);
  ADD ("/sitrep/cli-backup/restore-refused", test_restore_refused);
  ADD ("/sitrep/cli-backup/replace-backup", test_replace_backup);
  ADD ("/sitrep/cli-backup/replace-backup-fails", test_replace_backup_fails);
  ADD ("/sitrep/cli-backup/migration-backup", test_migration_backup);
  ADD ("/sitrep/cli-backup/damaged", test_damaged);
  ADD ("/sitrep/cli-backup/damaged-no-backup", test_damaged_no_backup);

#undef ADD

  return g_test_run ();
}
