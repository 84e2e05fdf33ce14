/* test-cli.c
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
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "sitrep-cli.h"
#include "sitrep-store.h"

/* The moment every --status test looks at the fixture from. */
#define FIXTURE_AT "2026-03-01T12:00:00Z"

typedef struct
{
  char *tmp_dir;
  char *db_path;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

/* What the process runs with besides its arguments. */
typedef struct
{
  const char * const *env;        /* NULL, or NAME=VALUE pairs */
  const char         *input;      /* standard input, or NULL */
  int                 umask;      /* the file mode mask, or -1 for the test's */
  rlim_t              file_size;  /* the largest file it may write, or 0 */
} RunSetup;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->tmp_dir = g_dir_make_tmp ("sitrep-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->tmp_dir, "sitrep.db", NULL);
}

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

  g_chmod (path, 0700);
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->tmp_dir);
  g_free (fixture->db_path);
  g_free (fixture->tmp_dir);
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* Runs in the child before sitrep starts. */
static void
set_up_child (gpointer user_data)
{
  const RunSetup *setup = user_data;

  if (setup->umask >= 0)
    umask (setup->umask);

  if (setup->file_size > 0)
    {
      struct rlimit limit = { setup->file_size, setup->file_size };

      /* A write past the limit fails with EFBIG, like one on a full disk,
       * instead of ending the process. */
      signal (SIGXFSZ, SIG_IGN);
      setrlimit (RLIMIT_FSIZE, &limit);
    }
}

/* Runs the real binary without a display, as @setup says. */
static Run *
run_sitrep_setup (Fixture            *fixture,
                  const RunSetup     *setup,
                  const char * const *args)
{
  const char * const *env = setup->env;
  const char *input = setup->input;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = g_build_filename (fixture->tmp_dir, "data-home", NULL);
  const char *bin = g_getenv ("SITREP_BIN");
  Run *run = g_new0 (Run, 1);

  g_assert_nonnull (bin);

  g_ptr_array_add (argv, (gpointer) bin);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "SITREP_DATABASE");
  /* Never the user's own database. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }
  if (setup->umask >= 0 || setup->file_size > 0)
    g_subprocess_launcher_set_child_setup (launcher, set_up_child, (gpointer) setup, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL,
                                 &run->out, &run->err, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);

  if (g_test_verbose ())
    g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", run->status, run->out, run->err);

  return run;
}

/* Runs the real binary without a display. @env is NULL or a NULL-terminated
 * list of NAME=VALUE pairs; @input is written to its standard input. */
static Run *
run_sitrep_full (Fixture            *fixture,
                 const char * const *env,
                 const char         *input,
                 const char * const *args)
{
  RunSetup setup = { env, input, -1, 0 };

  return run_sitrep_setup (fixture, &setup, args);
}

#define run_sitrep(fixture, ...) \
  run_sitrep_full ((fixture), NULL, NULL, (const char * const[]) { __VA_ARGS__, NULL })

static void
import_fixture (Fixture    *fixture,
                const char *db_path)
{
  g_autofree char *json = data_path ("cli-incidents.json");
  g_autoptr(Run) run = run_sitrep (fixture, "--database", db_path, "--import", json);

  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
}

/* An empty database, made by the store itself. */
static void
create_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autoptr(SitrepStore) store = sitrep_store_open (path, clock, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The names in @folder, sorted, one a line. */
static char *
list_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv ("\n", (char **) names->pdata);
}

static gint64
get_mtime_ns (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
}

static void
assert_usage_error (Run *run)
{
  g_assert_cmpint (run->status, ==, 2);
  g_assert_true (g_str_has_prefix (run->err, "sitrep: "));
  g_assert_nonnull (strstr (run->err, "--help"));
  g_assert_cmpstr (run->out, ==, "");
}

static void
test_version (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(Run) run = run_sitrep (fixture, "--version");

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, "sitrep " PACKAGE_VERSION "\n");
  g_assert_cmpstr (run->err, ==, "");
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(Run) run = run_sitrep (fixture, "--help");

  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "--import"));
  g_assert_nonnull (strstr (run->out, "--export"));
  g_assert_nonnull (strstr (run->out, "--status"));
  g_assert_nonnull (strstr (run->out, "--database"));
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(Run) unknown = run_sitrep (fixture, "--frobnicate");
  g_autoptr(Run) unknown_short = run_sitrep (fixture, "-z");
  g_autoptr(Run) missing_value = run_sitrep (fixture, "--import");
  g_autoptr(Run) stray = run_sitrep (fixture, "--status", "stray.json");
  g_autoptr(Run) replace = run_sitrep (fixture, "--database", fixture->db_path, "--replace");
  g_autoptr(Run) at = run_sitrep (fixture, "--database", fixture->db_path, "--at", FIXTURE_AT);
  g_autoptr(Run) json = run_sitrep (fixture, "--database", fixture->db_path, "--json");
  g_autoptr(Run) two = run_sitrep (fixture, "--database", fixture->db_path,
                                   "--status", "--export", "-");
  g_autoptr(Run) bad_at = run_sitrep (fixture, "--database", fixture->db_path,
                                      "--status", "--at", "yesterday");

  assert_usage_error (unknown);
  g_assert_nonnull (strstr (unknown->err, "--frobnicate"));
  assert_usage_error (unknown_short);
  assert_usage_error (missing_value);
  assert_usage_error (stray);
  g_assert_nonnull (strstr (stray->err, "stray.json"));
  assert_usage_error (replace);
  g_assert_nonnull (strstr (replace->err, "--replace"));
  assert_usage_error (at);
  g_assert_nonnull (strstr (at->err, "--at"));
  assert_usage_error (json);
  g_assert_nonnull (strstr (json->err, "--json"));
  assert_usage_error (two);
  g_assert_nonnull (strstr (two->err, "--status"));
  g_assert_nonnull (strstr (two->err, "--export"));
  assert_usage_error (bad_at);
  g_assert_nonnull (strstr (bad_at->err, "yesterday"));

  /* A usage error never opens (or creates) the database. */
  g_assert_false (g_file_test (fixture->db_path, G_FILE_TEST_EXISTS));
}

static void
test_import_summary (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *json = data_path ("cli-incidents.json");
  g_autoptr(Run) first = NULL;
  g_autoptr(Run) again = NULL;
  g_autoptr(Run) replace = NULL;

  first = run_sitrep (fixture, "--database", fixture->db_path, "--import", json);
  g_assert_cmpint (first->status, ==, 0);
  g_assert_cmpstr (first->err, ==, "");
  g_assert_true (g_str_has_prefix (first->out, "Imported 6 incidents\n"));

  again = run_sitrep (fixture, "--database", fixture->db_path, "--import", json);
  g_assert_cmpint (again->status, ==, 0);
  g_assert_true (g_str_has_prefix (again->out,
                                   "Imported 0 incidents (6 skipped: INC-1, INC-2, INC-3, "
                                   "INC-4, INC-5, INC-6 already exist; "
                                   "use --replace to overwrite)\n"));

  replace = run_sitrep (fixture, "--database", fixture->db_path, "--import", json, "--replace");
  g_assert_cmpint (replace->status, ==, 0);
  g_assert_true (g_str_has_prefix (replace->out, "Imported 0 incidents (6 replaced)\n"));
}

static void
test_import_stdin (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *json = data_path ("cli-incidents.json");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) status = NULL;

  g_file_get_contents (json, &contents, NULL, &error);
  g_assert_no_error (error);

  run = run_sitrep_full (fixture, NULL, contents,
                         (const char * const[]) { "--database", fixture->db_path,
                                                  "--import", "-", NULL });
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out, "Imported 6 incidents\n"));

  status = run_sitrep (fixture, "--database", fixture->db_path, "--status", "--at", FIXTURE_AT);
  g_assert_cmpint (status->status, ==, 0);
  g_assert_nonnull (strstr (status->out, "INC-3"));
}

static void
test_import_samples (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *samples = g_build_filename (g_getenv ("SITREP_SOURCE_DIR"),
                                               "data", "sitrep-samples.json", NULL);
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) status = NULL;

  if (!g_file_test (samples, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data/sitrep-samples.json is not there");
      return;
    }

  run = run_sitrep (fixture, "--database", fixture->db_path, "--import", samples);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out, "Imported "));

  status = run_sitrep (fixture, "--database", fixture->db_path, "--status", "--json");
  g_assert_cmpint (status->status, ==, 0);
}

/* The column of @needle in @line, counting bytes. */
static int
column_of (const char *line,
           const char *needle)
{
  const char *found = strstr (line, needle);

  g_assert_nonnull (found);
  return (int) (found - line);
}

static void
test_status_table (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_auto(GStrv) lines = NULL;
  int deadline_column;
  int title_column;

  import_fixture (fixture, fixture->db_path);

  run = run_sitrep (fixture, "--database", fixture->db_path, "--status", "--at", FIXTURE_AT);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");

  lines = g_strsplit (run->out, "\n", -1);
  /* A header, four incidents (not the closed INC-4 nor the cancelled
   * INC-5), the footer and the final line break. */
  g_assert_cmpuint (g_strv_length (lines), ==, 7);

  g_assert_true (g_str_has_prefix (lines[0], "KEY"));
  deadline_column = column_of (lines[0], "NEXT DEADLINE");
  title_column = column_of (lines[0], "TITLE");
  g_assert_cmpint (column_of (lines[0], "LVL"), <, column_of (lines[0], "STATUS"));

  /* Worst first: breached, warning, pending, nothing due. */
  g_assert_true (g_str_has_prefix (lines[1], "INC-1 "));
  g_assert_cmpint (column_of (lines[1], "Response overdue by 4 h 2 min"), ==, deadline_column);
  g_assert_cmpint (column_of (lines[1], "Payment gateway timeouts"), ==, title_column);
  g_assert_nonnull (strstr (lines[1], "New"));

  g_assert_true (g_str_has_prefix (lines[2], "INC-3 "));
  g_assert_cmpint (column_of (lines[2], "Recovery due in 25 min"), ==, deadline_column);
  g_assert_cmpint (column_of (lines[2], "数据库复制延迟"), ==, title_column);

  g_assert_true (g_str_has_prefix (lines[3], "INC-2 "));
  g_assert_cmpint (column_of (lines[3], "Recovery due in 5 h"), ==, deadline_column);
  g_assert_nonnull (strstr (lines[3], "Acknowledged"));
  /* Titles are cut to 50 columns when the output is not a terminal. */
  g_assert_cmpint (sitrep_cli_text_width (lines[3] + title_column), ==, 50);
  g_assert_true (g_str_has_suffix (lines[3], "…"));
  g_assert_true (g_str_has_prefix (lines[3] + title_column, "Intermittent login failures"));

  g_assert_true (g_str_has_prefix (lines[4], "INC-6 "));
  g_assert_nonnull (strstr (lines[4], "Resolved"));
  g_assert_cmpint (column_of (lines[4], "Report export slow"), ==, title_column);

  g_assert_cmpstr (lines[5], ==, "4 open incidents: 1 breached, 1 at risk");
  g_assert_cmpstr (lines[6], ==, "");

  g_assert_null (strstr (run->out, "INC-4"));
  g_assert_null (strstr (run->out, "INC-5"));
}

static void
test_status_empty (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  create_database (fixture->db_path);
  run = run_sitrep (fixture, "--database", fixture->db_path, "--status");
  json = run_sitrep (fixture, "--database", fixture->db_path, "--status",
                     "--json", "--at", FIXTURE_AT);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, "No open incidents.\n");

  g_assert_cmpint (json->status, ==, 0);
  json_parser_load_from_data (parser, json->out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "incidents")),
                    ==, 0);
}

/* The "at" member of `sitrep --status --json --at @at`. */
static char *
get_status_at (Fixture    *fixture,
               const char *at)
{
  g_autoptr(Run) run = run_sitrep (fixture, "--database", fixture->db_path, "--status",
                                   "--json", "--at", at);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
  json_parser_load_from_data (parser, run->out, -1, &error);
  g_assert_no_error (error);

  return g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                  "at"));
}

static void
test_status_at_range (Fixture       *fixture,
                      gconstpointer  data)
{
  /* Times Sitrep cannot store: before 1970 or after the year 9999. */
  const char *outside[] = {
    "0001-01-01T00:00:00Z",
    "1969-12-31T23:59:59Z",
    "1970-01-01T00:59:59+01:00",
    "9999-12-31T23:59:59-00:01",
  };
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  create_database (fixture->db_path);

  /* The first second is a time like any other, not "now". */
  first = get_status_at (fixture, "1970-01-01T00:00:00Z");
  g_assert_cmpstr (first, ==, "1970-01-01T00:00:00+00:00");
  last = get_status_at (fixture, "9999-12-31T23:59:59Z");
  g_assert_cmpstr (last, ==, "9999-12-31T23:59:59+00:00");

  for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
    {
      g_autoptr(Run) run = run_sitrep (fixture, "--database", fixture->db_path, "--status",
                                       "--json", "--at", outside[i]);

      assert_usage_error (run);
      g_assert_nonnull (strstr (run->err, outside[i]));
      g_assert_nonnull (strstr (run->err, "1970-01-01T00:00:00Z"));
      g_assert_nonnull (strstr (run->err, "9999-12-31T23:59:59Z"));
    }
}

static JsonObject *
get_deadline (JsonObject *incident,
              const char *kind)
{
  JsonObject *deadlines = json_object_get_object_member (incident, "deadlines");

  g_assert_nonnull (deadlines);
  return json_object_get_object_member (deadlines, kind);
}

static void
test_status_json (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char *expected_keys[] = { "INC-1", "INC-3", "INC-2", "INC-6" };
  g_autoptr(Run) run = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *incidents;
  JsonObject *incident;

  import_fixture (fixture, fixture->db_path);

  run = run_sitrep (fixture, "--database", fixture->db_path, "--status", "--json",
                    "--at", FIXTURE_AT);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");

  json_parser_load_from_data (parser, run->out, -1, &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "at"), ==, "2026-03-01T12:00:00+00:00");

  incidents = json_object_get_array_member (root, "incidents");
  g_assert_cmpuint (json_array_get_length (incidents), ==, G_N_ELEMENTS (expected_keys));
  for (guint i = 0; i < G_N_ELEMENTS (expected_keys); i++)
    {
      incident = json_array_get_object_element (incidents, i);
      g_assert_cmpstr (json_object_get_string_member (incident, "key"), ==, expected_keys[i]);
    }

  incident = json_array_get_object_element (incidents, 0);
  g_assert_cmpint (json_object_get_int_member (incident, "level"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (incident, "status"), ==, "new");
  g_assert_cmpstr (json_object_get_string_member (incident, "title"), ==,
                   "Payment gateway timeouts");
  g_assert_cmpstr (json_object_get_string_member (get_deadline (incident, "response"), "state"),
                   ==, "breached");
  g_assert_cmpstr (json_object_get_string_member (get_deadline (incident, "response"), "due"),
                   ==, "2026-03-01T07:58:00+00:00");
  g_assert_cmpstr (json_object_get_string_member (get_deadline (incident, "recovery"), "state"),
                   ==, "breached");
  g_assert_cmpstr (json_object_get_string_member (get_deadline (incident, "resolution"), "state"),
                   ==, "pending");

  incident = json_array_get_object_element (incidents, 1);
  g_assert_cmpstr (json_object_get_string_member (incident, "title"), ==,
                   "数据库复制延迟 database replication lag");
  g_assert_cmpstr (json_object_get_string_member (get_deadline (incident, "response"), "state"),
                   ==, "met");
  g_assert_cmpstr (json_object_get_string_member (get_deadline (incident, "recovery"), "state"),
                   ==, "warning");

  incident = json_array_get_object_element (incidents, 2);
  g_assert_cmpint (json_object_get_int_member (incident, "level"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (incident, "status"), ==, "acknowledged");
  g_assert_cmpstr (json_object_get_string_member (get_deadline (incident, "response"), "state"),
                   ==, "met");
  g_assert_cmpstr (json_object_get_string_member (get_deadline (incident, "response"), "met_at"),
                   ==, "2026-03-01T11:10:00+00:00");
  g_assert_cmpstr (json_object_get_string_member (get_deadline (incident, "recovery"), "state"),
                   ==, "pending");

  incident = json_array_get_object_element (incidents, 3);
  g_assert_cmpstr (json_object_get_string_member (incident, "status"), ==, "resolved");
  g_assert_cmpstr (json_object_get_string_member (get_deadline (incident, "resolution"), "state"),
                   ==, "met");
}

static void
test_export_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *second_db = g_build_filename (fixture->tmp_dir, "second.db", NULL);
  g_autofree char *first_json = g_build_filename (fixture->tmp_dir, "first.json", NULL);
  g_autofree char *second_json = g_build_filename (fixture->tmp_dir, "second.json", NULL);
  g_autoptr(Run) export1 = NULL;
  g_autoptr(Run) import2 = NULL;
  g_autoptr(Run) export2 = NULL;
  g_autoptr(Run) to_stdout = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  import_fixture (fixture, fixture->db_path);

  export1 = run_sitrep (fixture, "--database", fixture->db_path, "--export", first_json);
  g_assert_cmpstr (export1->err, ==, "");
  g_assert_cmpint (export1->status, ==, 0);
  g_assert_cmpstr (export1->out, ==, "");

  import2 = run_sitrep (fixture, "--database", second_db, "--import", first_json);
  g_assert_cmpint (import2->status, ==, 0);
  g_assert_true (g_str_has_prefix (import2->out, "Imported 6 incidents\n"));

  export2 = run_sitrep (fixture, "--database", second_db, "--export", second_json);
  g_assert_cmpint (export2->status, ==, 0);

  first = read_bytes (first_json);
  second = read_bytes (second_json);
  g_assert_cmpuint (g_bytes_get_size (first), >, 0);
  g_assert_true (g_bytes_equal (first, second));

  /* "-" writes the same document to standard output. */
  to_stdout = run_sitrep (fixture, "--database", second_db, "--export", "-");
  g_assert_cmpint (to_stdout->status, ==, 0);
  g_assert_cmpmem (to_stdout->out, strlen (to_stdout->out),
                   g_bytes_get_data (first, NULL), g_bytes_get_size (first));

  /* No temporary file is left beside the exports. */
  dir = g_dir_open (fixture->tmp_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, "."));
}

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

static mode_t
get_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
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

/* The environment of a desk whose role is @role: GSettings keeps it in a
 * key file under a folder of the test's own, which is how GSettings keeps
 * settings without dconf. */
static GStrv
make_role_env (Fixture    *fixture,
               const char *role)
{
  g_autofree char *config = g_build_filename (fixture->tmp_dir, "config", NULL);
  g_autofree char *folder = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (folder, "keyfile", NULL);
  g_autofree char *contents = g_strdup_printf ("[io/github/sitrep/Sitrep]\n"
                                               "user-role='%s'\n", role);
  g_autoptr(GStrvBuilder) env = g_strv_builder_new ();
  g_autofree char *config_pair = g_strconcat ("XDG_CONFIG_HOME=", config, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (keyfile, contents, -1, &error);
  g_assert_no_error (error);

  g_strv_builder_add (env, "GSETTINGS_BACKEND=keyfile");
  g_strv_builder_add (env, config_pair);

  return g_strv_builder_end (env);
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

static void
test_database_env (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *json = data_path ("cli-incidents.json");
  g_autofree char *env_path = g_build_filename (fixture->tmp_dir, "from-env.db", NULL);
  g_autofree char *env_pair = g_strconcat ("SITREP_DATABASE=", env_path, NULL);
  const char *env[] = { env_pair, NULL };
  g_autoptr(Run) import = NULL;
  g_autoptr(Run) status = NULL;
  g_autoptr(Run) option_wins = NULL;

  import = run_sitrep_full (fixture, env, NULL,
                            (const char * const[]) { "--import", json, NULL });
  g_assert_cmpint (import->status, ==, 0);
  g_assert_true (g_file_test (env_path, G_FILE_TEST_EXISTS));

  status = run_sitrep (fixture, "--database", env_path, "--status", "--at", FIXTURE_AT);
  g_assert_cmpint (status->status, ==, 0);
  g_assert_nonnull (strstr (status->out, "INC-1"));

  /* --database wins over the environment. */
  create_database (fixture->db_path);
  option_wins = run_sitrep_full (fixture, env, NULL,
                                 (const char * const[]) { "-d", fixture->db_path,
                                                          "--status", NULL });
  g_assert_cmpint (option_wins->status, ==, 0);
  g_assert_cmpstr (option_wins->out, ==, "No open incidents.\n");
}

static void
test_default_path (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *expected = g_build_filename (fixture->tmp_dir, "data-home", "sitrep",
                                                "sitrep.db", NULL);
  g_autoptr(Run) run = run_sitrep (fixture, "--status");

  /* The folder under XDG_DATA_HOME is made on first use. */
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, "No open incidents.\n");
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

static void
test_text_width (void)
{
  g_autofree char *ascii = sitrep_cli_truncate_text ("Payment gateway timeouts", 10);
  g_autofree char *short_text = sitrep_cli_truncate_text ("Short", 10);
  g_autofree char *wide = sitrep_cli_truncate_text ("数据库复制延迟", 6);
  g_autofree char *wide_odd = sitrep_cli_truncate_text ("数据库复制延迟", 7);
  g_autofree char *combining = sitrep_cli_truncate_text ("Cafe\xcc\x81 au lait", 6);

  g_assert_cmpint (sitrep_cli_text_width ("abc"), ==, 3);
  g_assert_cmpint (sitrep_cli_text_width ("数据库"), ==, 6);
  g_assert_cmpint (sitrep_cli_text_width ("Cafe\xcc\x81"), ==, 4);

  g_assert_cmpstr (ascii, ==, "Payment g…");
  g_assert_cmpstr (short_text, ==, "Short");
  /* Never half a wide character. */
  g_assert_cmpstr (wide, ==, "数据…");
  g_assert_cmpstr (wide_odd, ==, "数据库…");
  g_assert_cmpint (sitrep_cli_text_width (wide_odd), ==, 7);
  g_assert_cmpstr (combining, ==, "Cafe\xcc\x81 …");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/sitrep/cli/version", test_version);
  ADD ("/sitrep/cli/help", test_help);
  ADD ("/sitrep/cli/usage-errors", test_usage_errors);
  ADD ("/sitrep/cli/import-summary", test_import_summary);
  ADD ("/sitrep/cli/import-stdin", test_import_stdin);
  ADD ("/sitrep/cli/import-samples", test_import_samples);
  ADD ("/sitrep/cli/status-table", test_status_table);
  ADD ("/sitrep/cli/status-empty", test_status_empty);
  ADD ("/sitrep/cli/status-json", test_status_json);
  ADD ("/sitrep/cli/status-at-range", test_status_at_range);
  ADD ("/sitrep/cli/export-round-trip", test_export_round_trip);
  ADD ("/sitrep/cli/export-failure", test_export_failure_keeps_file);
  ADD ("/sitrep/cli/export-private", test_export_private);
  ADD ("/sitrep/cli/export-failure-halfway", test_export_failure_halfway);
  ADD ("/sitrep/cli/bad-import", test_bad_import);
  ADD ("/sitrep/cli/not-a-database", test_not_a_database);
  ADD ("/sitrep/cli/missing-directory", test_missing_directory);
  ADD ("/sitrep/cli/no-database", test_no_database);
  ADD ("/sitrep/cli/failed-import-leaves-nothing", test_failed_import_leaves_nothing);
  ADD ("/sitrep/cli/role-supervisor", test_role_supervisor);
  ADD ("/sitrep/cli/role-other", test_role_other);
  ADD ("/sitrep/cli/locked", test_locked);
  ADD ("/sitrep/cli/read-only", test_read_only);
  ADD ("/sitrep/cli/database-env", test_database_env);
  ADD ("/sitrep/cli/default-path", test_default_path);

#undef ADD

  g_test_add_func ("/sitrep/cli/text-width", test_text_width);

  return g_test_run ();
}
