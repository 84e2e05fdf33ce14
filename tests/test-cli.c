/* test-cli.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sitrep-cli.h"
#include "test-cli-common.h"

/*
 * The commands of the command line: usage, import, status and export.
 * test-cli-safety.c has what must not go wrong.
 */

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
  g_autoptr(Run) all = run_sitrep (fixture, "--help-all");

  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "--import"));
  g_assert_nonnull (strstr (run->out, "--export"));
  g_assert_nonnull (strstr (run->out, "--status"));
  g_assert_nonnull (strstr (run->out, "--database"));
  g_assert_nonnull (strstr (run->out, "--report=KIND"));
  g_assert_nonnull (strstr (run->out, "--incident=KEY"));
  g_assert_nonnull (strstr (run->out, "--month=YYYY-MM"));
  g_assert_nonnull (strstr (run->out, "--format=FORMAT"));
  g_assert_nonnull (strstr (run->out, "--output=FILE"));
  g_assert_nonnull (strstr (run->out, "--backup=FILE"));
  g_assert_nonnull (strstr (run->out, "--restore=FILE"));

  /* Every option the application takes, and nothing it only uses to
   * report usage errors. */
  g_assert_cmpint (all->status, ==, 0);
  g_assert_nonnull (strstr (all->out, "--background"));
  g_assert_nonnull (strstr (all->out, "--gapplication-service"));
  g_assert_null (strstr (all->out, "sitrep-usage"));
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
  g_autoptr(Run) background = run_sitrep (fixture, "--background", "--status");
  const char * const *empty_names[] = {
    (const char * const[]) { "--database", "", "--status", NULL },
    (const char * const[]) { "--database", fixture->db_path, "--import", "", NULL },
    (const char * const[]) { "--database", fixture->db_path, "--export=", NULL },
  };

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
  assert_usage_error (background);
  g_assert_nonnull (strstr (background->err, "--background"));

  for (guint i = 0; i < G_N_ELEMENTS (empty_names); i++)
    {
      g_autoptr(Run) run = run_sitrep_full (fixture, NULL, NULL, empty_names[i]);

      assert_usage_error (run);
      g_assert_nonnull (strstr (run->err, "file name"));
    }

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

  /* the window's groups and counts */
  g_assert_cmpstr (lines[5], ==, "3 active incidents, 1 awaiting closure: 1 breached, 1 at risk");
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
  g_assert_cmpstr (run->out, ==, "No active incidents and none awaiting closure.\n");

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
  JsonObject *root;

  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
  json_parser_load_from_data (parser, run->out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  return g_strdup (json_object_get_string_member (root, "at"));
}

static void
test_status_at_range (Fixture       *fixture,
                      gconstpointer  data)
{
  /* Times Sitrep cannot store: before 1970, the epoch itself (which is
   * "not set", and so would mean "now"), or after the year 9999. */
  const char *outside[] = {
    "0001-01-01T00:00:00Z",
    "1969-12-31T23:59:59Z",
    "1970-01-01T00:00:00Z",
    "1970-01-01T01:00:00+01:00",
    "9999-12-31T23:59:59-00:01",
  };
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  create_database (fixture->db_path);

  /* The first second Sitrep keeps is a time like any other. */
  first = get_status_at (fixture, "1970-01-01T00:00:01Z");
  g_assert_cmpstr (first, ==, "1970-01-01T00:00:01+00:00");
  last = get_status_at (fixture, "9999-12-31T23:59:59Z");
  g_assert_cmpstr (last, ==, "9999-12-31T23:59:59+00:00");

  for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
    {
      g_autoptr(Run) run = run_sitrep (fixture, "--database", fixture->db_path, "--status",
                                       "--json", "--at", outside[i]);

      assert_usage_error (run);
      g_assert_nonnull (strstr (run->err, outside[i]));
      g_assert_nonnull (strstr (run->err, "1970-01-01T00:00:01Z"));
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

static gpointer
read_all_thread (gpointer data)
{
  g_autofree char *contents = NULL;

  g_file_get_contents (data, &contents, NULL, NULL);
  return g_steal_pointer (&contents);
}

/* An export to what is not a file (a pipe; also /dev/null) writes into
 * it, and leaves it what it was. */
static void
test_export_to_pipe (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->tmp_dir, "pipe", NULL);
  g_autofree char *json = g_build_filename (fixture->tmp_dir, "export.json", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *received = NULL;
  g_autoptr(Run) to_file = NULL;
  g_autoptr(Run) to_pipe = NULL;
  GThread *reader;
  GStatBuf st;

  import_fixture (fixture, fixture->db_path);
  to_file = run_sitrep (fixture, "--database", fixture->db_path, "--export", json);
  g_assert_cmpint (to_file->status, ==, 0);
  g_assert_true (g_file_get_contents (json, &expected, NULL, NULL));

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  reader = g_thread_new ("pipe-reader", read_all_thread, fifo);
  to_pipe = run_sitrep (fixture, "--database", fixture->db_path, "--export", fifo);
  g_assert_cmpint (to_pipe->status, ==, 0);

  /* checked before waiting: a pipe replaced by a file has no writer */
  g_assert_cmpint (g_stat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  received = g_thread_join (reader);
  g_assert_cmpstr (received, ==, expected);
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
  g_assert_cmpstr (option_wins->out, ==, "No active incidents and none awaiting closure.\n");
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
  g_assert_cmpstr (run->out, ==, "No active incidents and none awaiting closure.\n");
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
  ADD ("/sitrep/cli/export-to-pipe", test_export_to_pipe);
  ADD ("/sitrep/cli/database-env", test_database_env);
  ADD ("/sitrep/cli/default-path", test_default_path);

#undef ADD

  g_test_add_func ("/sitrep/cli/text-width", test_text_width);

  return g_test_run ();
}
