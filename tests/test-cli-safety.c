/* test-cli-safety.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "test-cli-common.h"

/*
 * What the command line must not get wrong: bad input and unusable
 * databases change nothing, mistakes make no files, failures leave the
 * old files whole, exports stay private and a supervisor's role is
 * honoured.
 */

static void
test_export_failure_keeps_file (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->tmp_dir, "no-such-folder",
                                               "out.json", NULL);
  g_autoptr(Run) run = NULL;

  import_fixture (fixture, fixture->db_path);

  run = run_sitrep (fixture, "--database", fixture->db_path, "--export", missing);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_true (g_str_has_prefix (run->err, "sitrep: "));
  g_assert_nonnull (strstr (run->err, "no-such-folder"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_export_private (Fixture       *fixture,
                     gconstpointer  data)
{
  const int umasks[] = { 022, 000 };
  /* The mode of the file an export replaces, and the export's. */
  const struct { mode_t before; mode_t after; } replaced[] = {
    { 0644, 0600 },
    { 0666, 0600 },
    { 0600, 0600 },
    { 0400, 0400 },
  };

  import_fixture (fixture, fixture->db_path);

  for (guint i = 0; i < G_N_ELEMENTS (umasks); i++)
    {
      RunSetup setup = { NULL, NULL, umasks[i], 0 };
      g_autofree char *name = g_strdup_printf ("new-%u.json", i);
      g_autofree char *path = g_build_filename (fixture->tmp_dir, name, NULL);
      g_autoptr(Run) run = NULL;

      /* A new export is its owner's alone, whatever the umask. */
      run = run_sitrep_setup (fixture, &setup,
                              (const char * const[]) { "--database", fixture->db_path,
                                                       "--export", path, NULL });
      g_assert_cmpstr (run->err, ==, "");
      g_assert_cmpint (run->status, ==, 0);
      g_assert_cmpint (get_mode (path), ==, 0600);

      for (guint j = 0; j < G_N_ELEMENTS (replaced); j++)
        {
          g_autoptr(Run) again = NULL;
          g_autoptr(GError) error = NULL;

          g_file_set_contents (path, "old", -1, &error);
          g_assert_no_error (error);
          g_assert_cmpint (g_chmod (path, replaced[j].before), ==, 0);

          again = run_sitrep_setup (fixture, &setup,
                                    (const char * const[]) { "--database", fixture->db_path,
                                                             "--export", path, NULL });
          g_assert_cmpstr (again->err, ==, "");
          g_assert_cmpint (again->status, ==, 0);
          g_assert_cmpint (get_mode (path), ==, replaced[j].after);
        }
    }
}

/* A document of @copies times the fixture's incidents, under new keys:
 * an export of it is far larger than a few pages. */
static void
write_large_document (const char *path,
                      guint       copies)
{
  g_autofree char *json = data_path ("cli-incidents.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) many = json_array_new ();
  JsonObject *root;
  guint n = 0;

  for (guint copy = 0; copy < copies; copy++)
    {
      /* Parsed again for each copy: copied nodes would share objects. */
      g_autoptr(JsonParser) copy_parser = json_parser_new ();
      JsonArray *incidents;

      json_parser_load_from_file (copy_parser, json, &error);
      g_assert_no_error (error);
      root = json_node_get_object (json_parser_get_root (copy_parser));
      incidents = json_object_get_array_member (root, "incidents");

      for (guint i = 0; i < json_array_get_length (incidents); i++)
        {
          JsonNode *node = json_array_dup_element (incidents, i);
          g_autofree char *key = g_strdup_printf ("INC-%u", 100 + n++);

          json_object_set_string_member (json_node_get_object (node), "key", key);
          json_array_add_element (many, node);
        }
    }

  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  json_object_set_array_member (root, "incidents", g_steal_pointer (&many));
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);
}

/* The largest file the failing export may write: past SQLite's 32 KiB of
 * shared memory beside the database, well short of the export. */
#define EXPORT_FILE_SIZE_LIMIT (96 * 1024)

static void
test_export_failure_halfway (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *large = g_build_filename (fixture->tmp_dir, "large.json", NULL);
  g_autofree char *path = g_build_filename (fixture->tmp_dir, "export.json", NULL);
  RunSetup setup = { NULL, NULL, -1, EXPORT_FILE_SIZE_LIMIT };
  g_autoptr(Run) import = NULL;
  g_autoptr(Run) first = NULL;
  g_autoptr(Run) failed = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *files_before = NULL;
  g_autofree char *files_after = NULL;

  write_large_document (large, 40);
  import = run_sitrep (fixture, "--database", fixture->db_path, "--import", large);
  g_assert_cmpstr (import->err, ==, "");
  g_assert_cmpint (import->status, ==, 0);

  first = run_sitrep (fixture, "--database", fixture->db_path, "--export", path);
  g_assert_cmpint (first->status, ==, 0);
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);
  before = read_bytes (path);
  g_assert_cmpuint (g_bytes_get_size (before), >, 2 * EXPORT_FILE_SIZE_LIMIT);
  files_before = list_folder (fixture->tmp_dir);

  /* The disk fills up halfway through the next export. */
  failed = run_sitrep_setup (fixture, &setup,
                             (const char * const[]) { "--database", fixture->db_path,
                                                      "--export", path, NULL });
  g_assert_cmpint (failed->status, ==, 1);
  g_assert_true (g_str_has_prefix (failed->err, "sitrep: "));
  g_assert_nonnull (strstr (failed->err, path));

  /* The old export is still there, whole, and nothing else is. */
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (get_mode (path), ==, 0400);
  files_after = list_folder (fixture->tmp_dir);
  g_assert_cmpstr (files_after, ==, files_before);
}

static void
test_bad_import (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *bad = data_path ("cli-bad-level.json");
  g_autofree char *not_json = g_build_filename (fixture->tmp_dir, "broken.json", NULL);
  g_autofree char *missing = g_build_filename (fixture->tmp_dir, "missing.json", NULL);
  g_autoptr(Run) before = NULL;
  g_autoptr(Run) after = NULL;
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) broken = NULL;
  g_autoptr(Run) absent = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  import_fixture (fixture, fixture->db_path);
  before = run_sitrep (fixture, "--database", fixture->db_path, "--export", "-");
  g_assert_cmpint (before->status, ==, 0);

  run = run_sitrep (fixture, "--database", fixture->db_path, "--import", bad);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  expected = g_strdup_printf ("sitrep: %s: incidents[1].level: must be 1, 2 or 3\n", bad);
  g_assert_cmpstr (run->err, ==, expected);

  g_file_set_contents (not_json, "{ \"format\": \"sitrep\", ", -1, &error);
  g_assert_no_error (error);
  broken = run_sitrep (fixture, "--database", fixture->db_path, "--import", not_json);
  g_assert_cmpint (broken->status, ==, 1);
  g_assert_true (g_str_has_prefix (broken->err, "sitrep: "));
  g_assert_nonnull (strstr (broken->err, not_json));

  absent = run_sitrep (fixture, "--database", fixture->db_path, "--import", missing);
  g_assert_cmpint (absent->status, ==, 1);
  g_assert_nonnull (strstr (absent->err, missing));

  /* All or nothing: INC-20, valid on its own, was not imported either. */
  after = run_sitrep (fixture, "--database", fixture->db_path, "--export", "-");
  g_assert_cmpint (after->status, ==, 0);
  g_assert_cmpstr (after->out, ==, before->out);
  g_assert_null (strstr (after->out, "INC-20"));
}

static void
write_junk (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) junk = g_string_new (NULL);

  for (int i = 0; i < 200; i++)
    g_string_append (junk, "These are meeting notes, not an incident database.\n");

  g_file_set_contents (path, junk->str, junk->len, &error);
  g_assert_no_error (error);
}

static void
test_not_a_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *json = data_path ("cli-incidents.json");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  gint64 mtime;
  const char *commands[] = { "--status", "--import", "--export" };

  write_junk (fixture->db_path);
  before = read_bytes (fixture->db_path);
  mtime = get_mtime_ns (fixture->db_path);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(Run) run = NULL;
      const char *arg = i == 1 ? json : "-";

      if (i == 0)
        run = run_sitrep (fixture, "--database", fixture->db_path, commands[i]);
      else
        run = run_sitrep (fixture, "--database", fixture->db_path, commands[i], arg);

      g_assert_cmpint (run->status, ==, 1);
      g_assert_true (g_str_has_prefix (run->err, "sitrep: "));
      g_assert_nonnull (strstr (run->err, fixture->db_path));
      g_assert_nonnull (strstr (run->err, "not a"));
      /* One line. */
      g_assert_cmpint (strchr (run->err, '\n') - run->err, ==, (int) strlen (run->err) - 1);
      g_assert_cmpstr (run->out, ==, "");
    }

  after = read_bytes (fixture->db_path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (get_mtime_ns (fixture->db_path), ==, mtime);
}

static void
test_missing_directory (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->tmp_dir, "nowhere", NULL);
  g_autofree char *path = g_build_filename (folder, "sitrep.db", NULL);
  g_autoptr(Run) run = run_sitrep (fixture, "--database", path, "--status");

  g_assert_cmpint (run->status, ==, 1);
  g_assert_true (g_str_has_prefix (run->err, "sitrep: "));
  g_assert_nonnull (strstr (run->err, folder));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

static void
assert_no_database (Run        *run,
                    const char *path)
{
  g_autofree char *expected = g_strdup_printf ("sitrep: There is no Sitrep database at “%s”\n",
                                               path);

  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->err, ==, expected);
  g_assert_cmpstr (run->out, ==, "");
}

static void
test_no_database (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *typo = g_build_filename (fixture->tmp_dir, "sitrep.bd", NULL);
  g_autofree char *out = g_build_filename (fixture->tmp_dir, "out.json", NULL);
  g_autofree char *env_pair = g_strconcat ("SITREP_DATABASE=", typo, NULL);
  const char *env[] = { env_pair, NULL };
  g_autofree char *before = list_folder (fixture->tmp_dir);
  g_autofree char *after = NULL;
  g_autoptr(Run) status = NULL;
  g_autoptr(Run) json = NULL;
  g_autoptr(Run) to_stdout = NULL;
  g_autoptr(Run) to_file = NULL;
  g_autoptr(Run) from_env = NULL;

  /* Reading a database that is not there is a mistake: nothing is made. */
  status = run_sitrep (fixture, "--database", typo, "--status");
  assert_no_database (status, typo);
  json = run_sitrep (fixture, "--database", typo, "--status", "--json");
  assert_no_database (json, typo);
  to_stdout = run_sitrep (fixture, "--database", typo, "--export", "-");
  assert_no_database (to_stdout, typo);
  to_file = run_sitrep (fixture, "--database", typo, "--export", out);
  assert_no_database (to_file, typo);
  from_env = run_sitrep_full (fixture, env, NULL, (const char * const[]) { "--status", NULL });
  assert_no_database (from_env, typo);

  after = list_folder (fixture->tmp_dir);
  g_assert_cmpstr (after, ==, before);
}

static void
test_failed_import_leaves_nothing (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *bad = data_path ("cli-bad-level.json");
  g_autofree char *missing = g_build_filename (fixture->tmp_dir, "missing.json", NULL);
  g_autofree char *before = list_folder (fixture->tmp_dir);
  g_autofree char *after = NULL;
  g_autoptr(Run) invalid = NULL;
  g_autoptr(Run) absent = NULL;

  /* A failed import into a new database removes what it made. */
  invalid = run_sitrep (fixture, "--database", fixture->db_path, "--import", bad);
  g_assert_cmpint (invalid->status, ==, 1);
  g_assert_nonnull (strstr (invalid->err, "incidents[1].level"));
  absent = run_sitrep (fixture, "--database", fixture->db_path, "--import", missing);
  g_assert_cmpint (absent->status, ==, 1);
  g_assert_nonnull (strstr (absent->err, missing));

  after = list_folder (fixture->tmp_dir);
  g_assert_cmpstr (after, ==, before);
}

static void
test_role_supervisor (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *json = data_path ("cli-incidents.json");
  g_autofree char *new_db = g_build_filename (fixture->tmp_dir, "new.db", NULL);
  g_autofree char *out = g_build_filename (fixture->tmp_dir, "out.json", NULL);
  g_auto(GStrv) env = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  const char * const *refused[] = {
    (const char * const[]) { "--database", fixture->db_path, "--import", json, NULL },
    (const char * const[]) { "--database", fixture->db_path, "--import", json, "--replace", NULL },
    (const char * const[]) { "--database", new_db, "--import", json, NULL },
  };
  const char * const *allowed[] = {
    (const char * const[]) { "--database", fixture->db_path, "--status", NULL },
    (const char * const[]) { "--database", fixture->db_path, "--status", "--json", NULL },
    (const char * const[]) { "--database", fixture->db_path, "--export", "-", NULL },
    (const char * const[]) { "--database", fixture->db_path, "--export", out, NULL },
  };

  import_fixture (fixture, fixture->db_path);
  before = read_bytes (fixture->db_path);
  env = make_role_env (fixture, "supervisor");

  /* A supervisor views: imports are refused and change nothing. */
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(Run) run = run_sitrep_full (fixture, (const char * const *) env, NULL,
                                            refused[i]);

      g_assert_cmpint (run->status, ==, 1);
      g_assert_cmpstr (run->out, ==, "");
      g_assert_true (g_str_has_prefix (run->err, "sitrep: "));
      g_assert_nonnull (strstr (run->err, "--import"));
      g_assert_nonnull (strstr (run->err, "supervisor"));
    }

  after = read_bytes (fixture->db_path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (new_db, G_FILE_TEST_EXISTS));

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr(Run) run = run_sitrep_full (fixture, (const char * const *) env, NULL,
                                            allowed[i]);

      g_assert_cmpstr (run->err, ==, "");
      g_assert_cmpint (run->status, ==, 0);
    }
}

static void
test_role_other (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *json = data_path ("cli-incidents.json");
  g_auto(GStrv) env = make_role_env (fixture, "om-engineer");
  g_autoptr(Run) run = NULL;

  /* Every other role may import. */
  run = run_sitrep_full (fixture, (const char * const *) env, NULL,
                         (const char * const[]) { "--database", fixture->db_path,
                                                  "--import", json, NULL });
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out, "Imported 6 incidents\n"));
}

static void
test_import_new_private (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *json = data_path ("cli-incidents.json");
  RunSetup setup = { NULL, NULL, 000, 0 };
  g_autoptr(Run) run = NULL;

  /* A database made by an import holds incident data: its owner's alone. */
  run = run_sitrep_setup (fixture, &setup,
                          (const char * const[]) { "--database", fixture->db_path,
                                                   "--import", json, NULL });
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpint (get_mode (fixture->db_path), ==, 0600);
}

static void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *json = data_path ("cli-incidents.json");
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) import = NULL;
  g_autoptr(Run) status = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  import_fixture (fixture, fixture->db_path);
  before = read_bytes (fixture->db_path);

  /* Another process (this one) takes the database for itself and keeps it. */
  g_assert_cmpint (sqlite3_open (fixture->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE; "
                                     "BEGIN EXCLUSIVE; "
                                     "SELECT count(*) FROM sqlite_schema;",
                                 NULL, NULL, &message), ==, SQLITE_OK);

  import = run_sitrep (fixture, "--database", fixture->db_path, "--import", json, "--replace");
  g_assert_cmpint (import->status, ==, 1);
  g_assert_true (g_str_has_prefix (import->err, "sitrep: "));
  g_assert_nonnull (strstr (import->err, fixture->db_path));
  g_assert_nonnull (strstr (import->err, "locked"));

  status = run_sitrep (fixture, "--database", fixture->db_path, "--status");
  g_assert_cmpint (status->status, ==, 1);
  g_assert_nonnull (strstr (status->err, "locked"));

  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK;", NULL, NULL, &message), ==, SQLITE_OK);
  sqlite3_close (db);

  after = read_bytes (fixture->db_path);
  g_assert_true (g_bytes_equal (before, after));

  /* Once the lock is gone, the same database works. */
  run = run_sitrep (fixture, "--database", fixture->db_path, "--status", "--at", FIXTURE_AT);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "INC-1"));
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *json = data_path ("cli-incidents.json");
  g_autoptr(Run) run = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  gint64 mtime;

  import_fixture (fixture, fixture->db_path);

  g_assert_cmpint (g_chmod (fixture->db_path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (fixture->tmp_dir, 0555), ==, 0);
  if (access (fixture->db_path, W_OK) == 0)
    {
      g_test_skip ("the file stays writable (running as root?)");
      return;
    }

  before = read_bytes (fixture->db_path);
  mtime = get_mtime_ns (fixture->db_path);

  run = run_sitrep (fixture, "--database", fixture->db_path, "--import", json, "--replace");
  g_assert_cmpint (run->status, ==, 1);
  g_assert_true (g_str_has_prefix (run->err, "sitrep: "));
  g_assert_nonnull (strstr (run->err, fixture->db_path));

  after = read_bytes (fixture->db_path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (get_mtime_ns (fixture->db_path), ==, mtime);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/sitrep/cli/export-failure", test_export_failure_keeps_file);
  ADD ("/sitrep/cli/export-private", test_export_private);
  ADD ("/sitrep/cli/export-failure-halfway", test_export_failure_halfway);
  ADD ("/sitrep/cli/bad-import", test_bad_import);
  ADD ("/sitrep/cli/not-a-database", test_not_a_database);
  ADD ("/sitrep/cli/missing-directory", test_missing_directory);
  ADD ("/sitrep/cli/no-database", test_no_database);
  ADD ("/sitrep/cli/failed-import-leaves-nothing", test_failed_import_leaves_nothing);
  ADD ("/sitrep/cli/import-new-private", test_import_new_private);
  ADD ("/sitrep/cli/role-supervisor", test_role_supervisor);
  ADD ("/sitrep/cli/role-other", test_role_other);
  ADD ("/sitrep/cli/locked", test_locked);
  ADD ("/sitrep/cli/read-only", test_read_only);

#undef ADD

  return g_test_run ();
}
