/* test-cli-report.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "test-cli-common.h"

/*
 * `sitrep --report`: each report in each format on the sample data, the
 * JSON shapes that scripts rely on, the PDF, and every way the command
 * line can be wrong.
 */

/* Imports data/sitrep-samples.json into the fixture's database; FALSE
 * (the test skipped) when the samples are not there. */
static gboolean
import_samples (Fixture *fixture)
{
  g_autofree char *samples = g_build_filename (g_getenv ("SITREP_SOURCE_DIR"),
                                               "data", "sitrep-samples.json", NULL);
  g_autoptr(Run) run = NULL;

  if (!g_file_test (samples, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data/sitrep-samples.json is not there");
      return FALSE;
    }

  run = run_sitrep (fixture, "--database", fixture->db_path, "--import", samples);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);

  return TRUE;
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

/* Runs a report that must succeed, and returns what it printed. */
static char *
run_report (Fixture    *fixture,
            const char *kind,
            const char *subject_option,
            const char *subject,
            const char *format)
{
  g_autoptr(Run) run = run_sitrep (fixture, "--database", fixture->db_path,
                                   "--report", kind, subject_option, subject,
                                   "--format", format);

  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, !=, "");

  return g_steal_pointer (&run->out);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” is not in:\n%s", part, text);
}

/* Every time a report's JSON holds is RFC 3339 in UTC with "Z". */
static void
assert_utc (const char *time)
{
  gint64 parsed;
  g_autoptr(GDateTime) dt = NULL;

  g_assert_nonnull (time);
  g_assert_true (g_str_has_suffix (time, "Z"));
  dt = g_date_time_new_from_iso8601 (time, NULL);
  g_assert_nonnull (dt);
  parsed = g_date_time_to_unix (dt);
  g_assert_cmpint (parsed, >, 0);
}

/* Entries of a CAN section: at, author and text, oldest first. */
static void
assert_entries (JsonObject *report,
                const char *section,
                guint       n_expected)
{
  JsonArray *entries = json_object_get_array_member (report, section);
  const char *previous = NULL;

  g_assert_nonnull (entries);
  g_assert_cmpuint (json_array_get_length (entries), ==, n_expected);

  for (guint i = 0; i < n_expected; i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      const char *at = json_object_get_string_member (entry, "at");

      assert_utc (at);
      g_assert_cmpstr (json_object_get_string_member (entry, "author"), !=, "");
      g_assert_cmpstr (json_object_get_string_member (entry, "text"), !=, "");
      /* The same form throughout, so the text orders as the times do. */
      if (previous != NULL)
        g_assert_cmpint (strcmp (previous, at), <=, 0);
      previous = at;
    }
}

static void
test_can (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) report = NULL;

  if (!import_samples (fixture))
    return;

  /* INC-1 of the samples has three conditions, an action and a need. */
  text = run_report (fixture, "can", "--incident", "INC-1", "text");
  assert_contains (text, "CAN report — INC-1");
  assert_contains (text, "Conditions\n----------\n");
  assert_contains (text, "Actions\n-------\n");
  assert_contains (text, "Needs\n-----\n");
  assert_contains (text, "Opened a priority case with the storage vendor");
  assert_contains (text, "Need the DBA on call");
  /* An untagged entry is no part of it. */
  g_assert_null (strstr (text, "Initial notification sent"));

  markdown = run_report (fixture, "can", "--incident", "inc-1", "markdown");
  assert_contains (markdown, "## Conditions");
  assert_contains (markdown, "## Actions");
  assert_contains (markdown, "## Needs");
  assert_contains (markdown, "Opened a priority case with the storage vendor");

  json = run_report (fixture, "can", "--incident", "1", "json");
  g_assert_true (g_str_has_suffix (json, "}\n"));
  g_assert_true (g_str_has_suffix (text, "\n"));
  g_assert_true (g_str_has_suffix (markdown, "\n"));
  report = parse_object (json);
  g_assert_cmpstr (json_object_get_string_member (report, "report"), ==, "can");
  g_assert_cmpstr (json_object_get_string_member (report, "incident"), ==, "INC-1");
  assert_entries (report, "conditions", 3);
  assert_entries (report, "actions", 1);
  assert_entries (report, "needs", 1);
}

/* An incident with nothing tagged has a CAN report all the same, with
 * empty sections. */
static void
test_can_untagged (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) report = NULL;

  if (!import_samples (fixture))
    return;

  json = run_report (fixture, "can", "--incident", "INC-7", "json");
  report = parse_object (json);
  g_assert_cmpstr (json_object_get_string_member (report, "incident"), ==, "INC-7");
  assert_entries (report, "conditions", 0);
  assert_entries (report, "actions", 0);
  assert_entries (report, "needs", 0);

  /* …which say that nothing was recorded. */
  text = run_report (fixture, "can", "--incident", "INC-7", "text");
  assert_contains (text, "CAN report — INC-7");
  assert_contains (text, "Conditions\n----------\nNone recorded.\n");
  assert_contains (text, "Actions\n-------\nNone recorded.\n");
  assert_contains (text, "Needs\n-----\nNone recorded.\n");
}

static void
test_final (Fixture       *fixture,
            gconstpointer  data)
{
  static const char * const sections[] = {
    "Key events", "Deadlines", "Complaints", "Root cause", "Team sections",
    "Corrective actions", "Lessons learned",
  };
  g_autofree char *text = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) report = NULL;
  JsonObject *complaints;
  JsonObject *deadlines;
  JsonArray *events;

  if (!import_samples (fixture))
    return;

  text = run_report (fixture, "final", "--incident", "INC-1", "text");
  markdown = run_report (fixture, "final", "--incident", "INC-1", "markdown");
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *heading = g_strconcat ("## ", sections[i], NULL);

      assert_contains (text, sections[i]);
      assert_contains (markdown, heading);
    }
  assert_contains (text, "A failed controller on the storage array");

  json = run_report (fixture, "final", "--incident", "INC-1", "json");
  report = parse_object (json);
  g_assert_cmpstr (json_object_get_string_member (report, "report"), ==, "final");
  g_assert_cmpstr (json_object_get_string_member (report, "incident"), ==, "INC-1");

  deadlines = json_object_get_object_member (report, "deadlines");
  g_assert_nonnull (deadlines);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const clocks[] = { "response", "recovery", "resolution" };
      JsonObject *deadline = json_object_get_object_member (deadlines, clocks[i]);

      g_assert_nonnull (deadline);
      assert_utc (json_object_get_string_member (deadline, "due"));
    }
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (deadlines,
                                                                                 "response"),
                                                  "state"),
                   ==, "met-late");

  /* The samples attribute all three complaints of INC-1. */
  complaints = json_object_get_object_member (report, "complaints");
  g_assert_cmpint (json_object_get_int_member (complaints, "received"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (complaints, "attributed"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (complaints, "not_attributed"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (complaints, "not_analysed"), ==, 0);

  g_assert_true (g_str_has_prefix (json_object_get_string_member (report, "root_cause"),
                                   "A failed controller"));
  g_assert_cmpstr (json_object_get_string_member (report, "cause_category"), ==, "hardware");
  g_assert_nonnull (json_object_get_array_member (report, "teams"));
  g_assert_true (json_object_has_member (report, "corrective_actions"));
  g_assert_true (json_object_has_member (report, "lessons_learned"));

  events = json_object_get_array_member (report, "key_events");
  g_assert_cmpuint (json_array_get_length (events), >, 0);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      assert_utc (json_object_get_string_member (event, "at"));
      g_assert_nonnull (json_object_get_string_member (event, "kind"));
      g_assert_nonnull (json_object_get_string_member (event, "text"));
    }
}

/* The figures a month's JSON holds, and the previous month holds too. */
static void
assert_monthly_shape (JsonObject *month)
{
  static const char * const clocks[] = { "response", "recovery", "resolution" };
  static const char * const outcomes[] = {
    "met", "met_late", "breached", "pending", "not_applicable",
  };
  static const char * const times[] = { "acknowledge", "recover", "resolve" };
  JsonObject *by_level = json_object_get_object_member (month, "by_level");
  JsonObject *deadlines = json_object_get_object_member (month, "deadlines");
  JsonObject *minutes = json_object_get_object_member (month, "minutes");
  JsonObject *complaints = json_object_get_object_member (month, "complaints");

  g_assert_nonnull (json_object_get_object_member (month, "by_cause"));
  g_assert_nonnull (json_object_get_object_member (month, "by_service"));
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *level = g_strdup_printf ("%u", i);

      g_assert_true (json_object_has_member (by_level, level));
    }

  for (guint i = 0; i < G_N_ELEMENTS (clocks); i++)
    {
      JsonObject *clock = json_object_get_object_member (deadlines, clocks[i]);

      g_assert_nonnull (clock);
      for (guint j = 0; j < G_N_ELEMENTS (outcomes); j++)
        g_assert_true (json_object_has_member (clock, outcomes[j]));
      g_assert_true (json_object_has_member (clock, "compliance"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      JsonObject *time = json_object_get_object_member (minutes, times[i]);

      g_assert_nonnull (time);
      g_assert_true (json_object_has_member (time, "mean"));
      g_assert_true (json_object_has_member (time, "p90"));
    }

  g_assert_true (json_object_has_member (complaints, "received"));
  g_assert_true (json_object_has_member (complaints, "attributed"));
}

static void
test_monthly (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) report = NULL;
  JsonObject *previous;
  JsonObject *by_level;

  if (!import_samples (fixture))
    return;

  text = run_report (fixture, "monthly", "--month", "2026-11", "text");
  assert_contains (text, "Monthly analysis — 2026-11");
  assert_contains (text, "Incidents reported");
  assert_contains (text, "Deadlines");
  markdown = run_report (fixture, "monthly", "--month", "2026-11", "markdown");
  assert_contains (markdown, "# Monthly analysis — 2026-11");
  assert_contains (markdown, "## Incidents reported");

  /* Three sample incidents were reported in November (INC-5, 6, 7), two
   * in October (INC-3, 4), far enough from the months' ends for every
   * time zone. */
  json = run_report (fixture, "monthly", "--month", "2026-11", "json");
  report = parse_object (json);
  g_assert_cmpstr (json_object_get_string_member (report, "report"), ==, "monthly");
  g_assert_cmpstr (json_object_get_string_member (report, "month"), ==, "2026-11");
  g_assert_cmpint (json_object_get_int_member (report, "reported"), ==, 3);
  by_level = json_object_get_object_member (report, "by_level");
  g_assert_cmpint (json_object_get_int_member (by_level, "1"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (by_level, "3"), ==, 2);
  assert_monthly_shape (report);

  previous = json_object_get_object_member (report, "previous");
  g_assert_nonnull (previous);
  g_assert_cmpint (json_object_get_int_member (previous, "reported"), ==, 2);
  assert_monthly_shape (previous);
}

/* A month with no incidents is a report of zeros, with nothing decided. */
static void
test_monthly_empty (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) report = NULL;
  JsonObject *response;

  create_database (fixture->db_path);

  json = run_report (fixture, "monthly", "--month", "2026-02", "json");
  report = parse_object (json);
  g_assert_cmpint (json_object_get_int_member (report, "reported"), ==, 0);
  response = json_object_get_object_member (json_object_get_object_member (report,
                                                                           "deadlines"),
                                            "response");
  g_assert_true (json_object_get_null_member (response, "compliance"));
}

/* What pdftotext finds in @path. */
static char *
pdf_to_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (wait_status, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&out);
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  static const struct
  {
    const char *kind;
    const char *option;
    const char *subject;
    const char *sections[3];
  } reports[] = {
    { "can", "--incident", "INC-1", { "CAN report", "Conditions", "Needs" } },
    { "final", "--incident", "INC-1", { "Final report", "Root cause", "Lessons learned" } },
    { "monthly", "--month", "2026-11", { "Monthly analysis", "Incidents reported",
                                         "Deadlines" } },
  };
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  if (!import_samples (fixture))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.pdf", reports[i].kind);
      g_autofree char *path = g_build_filename (fixture->tmp_dir, name, NULL);
      g_autoptr(Run) run = run_sitrep (fixture, "--database", fixture->db_path,
                                       "--report", reports[i].kind,
                                       reports[i].option, reports[i].subject,
                                       "--format", "pdf", "--output", path);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *text = NULL;

      g_assert_cmpstr (run->err, ==, "");
      g_assert_cmpstr (run->out, ==, "");
      g_assert_cmpint (run->status, ==, 0);

      bytes = read_bytes (path);
      g_assert_cmpuint (g_bytes_get_size (bytes), >, 5);
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 5, "%PDF-", 5);
      g_assert_cmpint (get_mode (path), ==, 0600);

      text = pdf_to_text (path);
      for (guint j = 0; j < G_N_ELEMENTS (reports[i].sections); j++)
        assert_contains (text, reports[i].sections[j]);
    }
}

/* --output writes what standard output would show, readable by the user
 * alone whatever the umask, replacing a file as a whole. */
static void
test_output_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmp_dir, "can.md", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) dash = NULL;
  g_autofree char *listing = NULL;
  const char * const args[] = {
    "--database", fixture->db_path, "--report", "can", "--incident", "INC-1",
    "--format", "markdown", "--output", path, NULL,
  };
  RunSetup setup = { NULL, NULL, 0, 0 };

  if (!import_samples (fixture))
    return;

  expected = run_report (fixture, "can", "--incident", "INC-1", "markdown");

  g_assert_true (g_file_set_contents (path, "an older report that is longer than "
                                      "the new one might be, or not", -1, NULL));
  run = run_sitrep_setup (fixture, &setup, args);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpstr (run->out, ==, "");
  g_assert_cmpint (run->status, ==, 0);

  written = read_bytes (path);
  /* Only the "Drafted" line, the time it was made, may differ. */
  g_assert_cmpuint (g_bytes_get_size (written), ==, strlen (expected));
  g_assert_cmpint (get_mode (path), ==, 0600);

  /* No temporary file is left beside it. */
  listing = list_folder (fixture->tmp_dir);
  g_assert_null (strstr (listing, ".can.md."));

  /* "-" is standard output. */
  dash = run_sitrep (fixture, "--database", fixture->db_path, "--report", "can",
                     "--incident", "INC-1", "--format", "markdown", "--output", "-");
  g_assert_cmpint (dash->status, ==, 0);
  g_assert_cmpuint (strlen (dash->out), ==, strlen (expected));
}

/* A PDF that cannot be written whole fails, and leaves no file: not
 * the one asked for, not a temporary one. */
static void
test_pdf_cut_short (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmp_dir, "monthly.pdf", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(Run) run = NULL;
  const char * const args[] = {
    "--database", fixture->db_path, "--report", "monthly", "--month", "2026-11",
    "--format", "pdf", "--output", path, NULL,
  };
  /* Room for the database's shared-memory file (32 KiB), not for the
   * monthly PDF of the samples (about 38 KiB, with its charts). */
  RunSetup setup = { NULL, NULL, -1, 33000 };

  if (!import_samples (fixture))
    return;

  run = run_sitrep_setup (fixture, &setup, args);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  assert_contains (run->err, "monthly.pdf");
  g_assert_cmpint (strchr (run->err, '\n') - run->err, ==, strlen (run->err) - 1);

  listing = list_folder (fixture->tmp_dir);
  g_assert_cmpstr (listing, ==, "sitrep.db");
}

typedef struct
{
  int         status;
  const char *message;
  const char *args[10];
} ErrorCase;

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->tmp_dir, "out.pdf", NULL);
  g_autofree char *txt = g_build_filename (fixture->tmp_dir, "out.txt", NULL);
  const ErrorCase cases[] = {
    /* the database does not hold it, or the value is wrong */
    { 1, "There is no incident INC-99",
      { "--report", "can", "--incident", "INC-99" } },
    { 1, "There is no incident INC-99",
      { "--report", "final", "--incident", "INC-99", "--output", txt } },
    { 1, "“nonsense” is not an incident key",
      { "--report", "final", "--incident", "nonsense" } },
    { 1, "“2026-13” is not a month",
      { "--report", "monthly", "--month", "2026-13" } },
    { 1, "“November” is not a month",
      { "--report", "monthly", "--month", "November", "--format", "pdf", "--output", pdf } },
    /* a report that does not apply */
    { 1, "--month does not apply",
      { "--report", "can", "--incident", "INC-1", "--month", "2026-11" } },
    { 1, "--month does not apply",
      { "--report", "final", "--incident", "INC-1", "--month", "2026-11" } },
    { 1, "--incident does not apply",
      { "--report", "monthly", "--month", "2026-11", "--incident", "INC-1" } },
    /* usage */
    { 2, "--incident can only be used with --report", { "--incident", "INC-1" } },
    { 2, "--month can only be used with --report", { "--month", "2026-11" } },
    { 2, "--format can only be used with --report", { "--format", "json" } },
    { 2, "--output can only be used with --report", { "--output", txt } },
    { 2, "--format can only be used with --report",
      { "--status", "--format", "json" } },
    { 2, "--format pdf needs --output",
      { "--report", "can", "--incident", "INC-1", "--format", "pdf" } },
    { 2, "--format pdf needs --output",
      { "--report", "can", "--incident", "INC-1", "--format", "pdf", "--output", "-" } },
    { 2, "“html” is not a format",
      { "--report", "can", "--incident", "INC-1", "--format", "html" } },
    { 2, "“weekly” is not a report", { "--report", "weekly" } },
    { 2, "--report can needs --incident", { "--report", "can" } },
    { 2, "--report final needs --incident", { "--report", "final", "--format", "json" } },
    { 2, "--report monthly needs --month", { "--report", "monthly" } },
    { 2, "cannot be used together",
      { "--report", "can", "--incident", "INC-1", "--status" } },
  };
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  import_fixture (fixture, fixture->db_path);
  before = read_bytes (fixture->db_path);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(Run) run = NULL;

      g_ptr_array_add (args, (gpointer) "--database");
      g_ptr_array_add (args, fixture->db_path);
      for (guint j = 0; cases[i].args[j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) cases[i].args[j]);
      g_ptr_array_add (args, NULL);

      run = run_sitrep_full (fixture, NULL, NULL, (const char * const *) args->pdata);
      if (cases[i].status == 2)
        assert_usage_error (run);
      else
        g_assert_cmpint (run->status, ==, 1);
      g_assert_cmpstr (run->out, ==, "");
      assert_contains (run->err, cases[i].message);
      /* One line (a usage error adds where to find help). */
      g_assert_true (g_str_has_prefix (run->err, "sitrep: "));
      if (cases[i].status == 1)
        g_assert_cmpint (strchr (run->err, '\n') - run->err, ==, strlen (run->err) - 1);

      g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
    }

  /* A report reads: nothing was written. */
  after = read_bytes (fixture->db_path);
  g_assert_true (g_bytes_equal (before, after));
}

/* A report never makes a database: not at a mistyped path, not at the
 * default one. */
static void
test_no_database (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->tmp_dir, "mistyped.db", NULL);
  g_autofree char *data_home = g_build_filename (fixture->tmp_dir, "data-home", NULL);
  g_autofree char *default_db = g_build_filename (data_home, "sitrep", "sitrep.db", NULL);
  g_autoptr(Run) named = NULL;
  g_autoptr(Run) by_default = NULL;

  named = run_sitrep (fixture, "--database", missing, "--report", "monthly",
                      "--month", "2026-11");
  g_assert_cmpint (named->status, ==, 1);
  assert_contains (named->err, "There is no Sitrep database at");
  assert_contains (named->err, "mistyped.db");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  by_default = run_sitrep (fixture, "--report", "can", "--incident", "INC-1");
  g_assert_cmpint (by_default->status, ==, 1);
  assert_contains (by_default->err, "There is no Sitrep database at");
  g_assert_false (g_file_test (default_db, G_FILE_TEST_EXISTS));
}

/* Reports only read, so a supervisor may make them. */
static void
test_supervisor (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(GStrv) env = NULL;
  g_autoptr(Run) can = NULL;
  g_autoptr(Run) monthly = NULL;

  import_fixture (fixture, fixture->db_path);
  env = make_role_env (fixture, "supervisor");

  can = run_sitrep_full (fixture, (const char * const *) env, NULL,
                         (const char * const[]) { "--database", fixture->db_path,
                                                  "--report", "can", "--incident", "INC-1",
                                                  NULL });
  g_assert_cmpstr (can->err, ==, "");
  g_assert_cmpint (can->status, ==, 0);
  assert_contains (can->out, "CAN report — INC-1");

  monthly = run_sitrep_full (fixture, (const char * const *) env, NULL,
                             (const char * const[]) { "--database", fixture->db_path,
                                                      "--report", "monthly",
                                                      "--month", "2026-03",
                                                      "--format", "json", NULL });
  g_assert_cmpstr (monthly->err, ==, "");
  g_assert_cmpint (monthly->status, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/sitrep/cli-report/can", test_can);
  ADD ("/sitrep/cli-report/can-untagged", test_can_untagged);
  ADD ("/sitrep/cli-report/final", test_final);
  ADD ("/sitrep/cli-report/monthly", test_monthly);
  ADD ("/sitrep/cli-report/monthly-empty", test_monthly_empty);
  ADD ("/sitrep/cli-report/pdf", test_pdf);
  ADD ("/sitrep/cli-report/pdf-cut-short", test_pdf_cut_short);
  ADD ("/sitrep/cli-report/output-file", test_output_file);
  ADD ("/sitrep/cli-report/errors", test_errors);
  ADD ("/sitrep/cli-report/no-database", test_no_database);
  ADD ("/sitrep/cli-report/supervisor", test_supervisor);

#undef ADD

  return g_test_run ();
}
