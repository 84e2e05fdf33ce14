/* test-team-parity.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "sitrep-interchange.h"
#include "sitrep-report.h"
#include "sitrep-report-monthly.h"
#include "sitrep-report-render.h"
#include "test-store-common.h"

/*
 * The same documents imported into a desk's SQLite file and into a team
 * database give the same answers: a byte-identical export (through the
 * store and through `sitrep --export -`), the same search results, the
 * same `sitrep --status`, and the same monthly, CAN and final reports.
 * Only on a team database (tests/run-on-team).
 */

/* 2026-12-15T12:00:00Z: after every month of the documents */
#define NOW G_GINT64_CONSTANT (1797336000)

typedef struct
{
  char        *dir;
  char        *file;     /* the desk's file */
  char        *address;  /* the team database */
  SitrepClock *clock;
  SitrepStore *desk;
  SitrepStore *team;
} Pair;

static void
pair_set_up (Pair          *p,
             gconstpointer  data)
{
  const char *document = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, document, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  p->dir = g_dir_make_tmp ("sitrep-parity-XXXXXX", &error);
  g_assert_no_error (error);
  p->file = g_build_filename (p->dir, "sitrep.db", NULL);
  p->address = store_test_new_team_database ();
  p->clock = sitrep_clock_new_fake (NOW);
  p->desk = sitrep_store_open (p->file, p->clock, &error);
  g_assert_no_error (error);
  p->team = sitrep_store_open (p->address, p->clock, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_store_is_team (p->team));
  g_assert_false (sitrep_store_is_team (p->desk));

  g_assert_true (g_file_get_contents (path, &text, &length, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      SitrepStore *store = i == 0 ? p->desk : p->team;
      g_autoptr(SitrepImportResult) result = NULL;

      g_assert_true (sitrep_interchange_import_data (store, text, (gssize) length, FALSE,
                                                     &result, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (result->imported, >, 0);
    }
}

static void
pair_tear_down (Pair          *p,
                gconstpointer  data)
{
  g_clear_object (&p->desk);
  g_clear_object (&p->team);
  g_clear_object (&p->clock);
  store_test_drop_team_database (p->address);
  remove_tree (p->dir);
  g_free (p->address);
  g_free (p->file);
  g_free (p->dir);
}

static GBytes *
export (SitrepStore *store)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_interchange_export (store, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
assert_same_bytes (GBytes *desk,
                   GBytes *team)
{
  gsize desk_length, team_length;
  const char *desk_data = g_bytes_get_data (desk, &desk_length);
  const char *team_data = g_bytes_get_data (team, &team_length);

  /* as text first, so that a difference is shown */
  if (desk_length != team_length || memcmp (desk_data, team_data, desk_length) != 0)
    {
      g_autofree char *a = g_strndup (desk_data, desk_length);
      g_autofree char *b = g_strndup (team_data, team_length);

      g_assert_cmpstr (a, ==, b);
    }
  g_assert_cmpmem (desk_data, desk_length, team_data, team_length);
}

/* What `sitrep --database @database ARGS…` prints; it must succeed. */
static char *
run_cli (const char         *database,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SITREP_BIN"));
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, (gpointer) database);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_nonnull (g_getenv ("SITREP_BIN"));
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("sitrep --database %s %s: %s\n%s", database, args[0], error->message, err);

  return out;
}

static void
test_export (Pair          *p,
             gconstpointer  data)
{
  static const char *const args[] = { "--export", "-", NULL };
  g_autoptr(GBytes) desk = export (p->desk);
  g_autoptr(GBytes) team = export (p->team);
  g_autofree char *desk_cli = NULL;
  g_autofree char *team_cli = NULL;

  g_assert_cmpuint (g_bytes_get_size (desk), >, 0);
  assert_same_bytes (desk, team);

  /* and as the command line writes it */
  g_clear_object (&p->desk);
  g_clear_object (&p->team);
  desk_cli = run_cli (p->file, args);
  team_cli = run_cli (p->address, args);
  g_assert_cmpuint (strlen (desk_cli), >, 0);
  g_assert_cmpstr (desk_cli, ==, team_cli);
}

/* The keys that a search for @text lists, in the list's order. */
static char *
search (SitrepStore      *store,
        SitrepListFilter  filter,
        SitrepListSort    sort,
        const char       *text)
{
  g_autoptr(GArray) ids = run_query (store, filter, sort, text);
  GString *keys = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SitrepIncident) incident =
        sitrep_store_get_incident (store, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      g_string_append_printf (keys, "%s ", sitrep_incident_get_key (incident));
    }

  return g_string_free (keys, FALSE);
}

static void
test_search (Pair          *p,
             gconstpointer  data)
{
  static const char *const words[] = {
    NULL, "", "handover", "dashboard", "customer", "the", "pay", "serv", "self-service",
    "read-only", "café", "cafe", "Tomás", "tomas", "INC-3", "inc-3", "INC-", "3", "Ferreira",
    "CMP-0814", "disk full", "\"mail queue\"", "ümlaut", "%", "_", "'", "om-team",
  };
  guint found = 0;

  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    for (int filter = SITREP_LIST_FILTER_OPEN; filter <= SITREP_LIST_FILTER_ALL; filter++)
      for (int sort = SITREP_LIST_SORT_NEXT_DUE; sort <= SITREP_LIST_SORT_KEY; sort++)
        {
          g_autofree char *desk = search (p->desk, filter, sort, words[w]);
          g_autofree char *team = search (p->team, filter, sort, words[w]);

          if (filter == SITREP_LIST_FILTER_ALL && sort == SITREP_LIST_SORT_KEY)
            g_test_message ("“%s”: %s", words[w] != NULL ? words[w] : "(none)", desk);
          g_assert_cmpstr (desk, ==, team);
          if (desk[0] != '\0')
            found++;
        }

  /* the words find something, not only nothing on both */
  g_assert_cmpuint (found, >, 0);
}

static void
test_status (Pair          *p,
             gconstpointer  data)
{
  static const char *const at[] = {
    "2026-03-01T09:30:00Z", "2026-08-14T10:00:00Z", "2026-11-20T08:00:00Z",
    "2026-12-15T12:00:00Z",
  };

  g_clear_object (&p->desk);
  g_clear_object (&p->team);
  for (guint i = 0; i < G_N_ELEMENTS (at); i++)
    {
      const char *table[] = { "--status", "--at", at[i], NULL };
      const char *json[] = { "--status", "--json", "--at", at[i], NULL };
      g_autofree char *desk_table = run_cli (p->file, table);
      g_autofree char *team_table = run_cli (p->address, table);
      g_autofree char *desk_json = run_cli (p->file, json);
      g_autofree char *team_json = run_cli (p->address, json);

      g_assert_cmpstr (desk_table, ==, team_table);
      g_assert_cmpstr (desk_json, ==, team_json);
    }
}

static void
assert_same_report (SitrepReport *desk,
                    SitrepReport *team)
{
  g_autofree char *desk_text = sitrep_report_to_text (desk);
  g_autofree char *team_text = sitrep_report_to_text (team);
  g_autofree char *desk_json = sitrep_report_to_json (desk);
  g_autofree char *team_json = sitrep_report_to_json (team);
  g_autofree char *desk_markdown = sitrep_report_to_markdown (desk);
  g_autofree char *team_markdown = sitrep_report_to_markdown (team);

  g_assert_cmpstr (desk_text, ==, team_text);
  g_assert_cmpstr (desk_json, ==, team_json);
  g_assert_cmpstr (desk_markdown, ==, team_markdown);
}

static void
test_monthly (Pair          *p,
              gconstpointer  data)
{
  /* every month the documents have incidents in, and one before them */
  gint64 first = raw_int64 (p->file, "SELECT min (reported_at) FROM incidents");
  gint64 last = raw_int64 (p->file, "SELECT max (reported_at) FROM incidents");
  g_autoptr(GDateTime) from = g_date_time_new_from_unix_utc (first);
  g_autoptr(GDateTime) to = g_date_time_new_from_unix_utc (last);
  int year = g_date_time_get_year (from);
  int month = g_date_time_get_month (from);
  guint reported = 0;

  g_assert_cmpint (raw_int64 (p->address, "SELECT min (reported_at) FROM incidents"), ==, first);
  sitrep_monthly_previous_month (year, month, &year, &month);

  while (year * 12 + month <= g_date_time_get_year (to) * 12 + g_date_time_get_month (to))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SitrepMonthly) desk_month = NULL;
      g_autoptr(SitrepMonthly) team_month = NULL;
      g_autoptr(SitrepReport) desk = NULL;
      g_autoptr(SitrepReport) team = NULL;

      desk = sitrep_report_new_monthly_from_path (p->file, year, month, NOW, &error);
      g_assert_no_error (error);
      team = sitrep_report_new_monthly_from_path (p->address, year, month, NOW, &error);
      g_assert_no_error (error);
      assert_same_report (desk, team);

      /* and as the command line prints it (judged at the real now: the
       * documents' months are long over) */
      {
        g_autofree char *month_arg = g_strdup_printf ("%04d-%02d", year, month);
        const char *args[] = { "--report", "monthly", "--month", month_arg, "--format", "json",
                               NULL };
        g_autofree char *desk_cli = run_cli (p->file, args);
        g_autofree char *team_cli = run_cli (p->address, args);

        g_assert_cmpstr (desk_cli, ==, team_cli);
      }

      desk_month = sitrep_store_compute_monthly (p->desk, year, month, NOW, &error);
      g_assert_no_error (error);
      team_month = sitrep_store_compute_monthly (p->team, year, month, NOW, &error);
      g_assert_no_error (error);
      g_assert_cmpint (desk_month->reported, ==, team_month->reported);
      reported += desk_month->reported;

      month++;
      if (month > 12)
        {
          month = 1;
          year++;
        }
    }

  g_assert_cmpint (reported, ==, raw_int64 (p->file, "SELECT count (*) FROM incidents"));
}

/* The CAN and final reports of every incident. */
static void
test_incident_reports (Pair          *p,
                       gconstpointer  data)
{
  gint64 n = raw_int64 (p->file, "SELECT max (key_num) FROM incidents");

  g_assert_cmpint (n, >, 0);
  for (gint64 key_num = 1; key_num <= n; key_num++)
    {
      g_autofree char *key = g_strdup_printf ("INC-%" G_GINT64_FORMAT, key_num);
      g_autoptr(GError) error = NULL;
      g_autoptr(SitrepIncident) desk_incident = sitrep_store_find_incident (p->desk, key, &error);
      g_autoptr(SitrepIncident) team_incident = NULL;
      g_autoptr(SitrepReport) desk_can = NULL;
      g_autoptr(SitrepReport) team_can = NULL;
      g_autoptr(SitrepReport) desk_final = NULL;
      g_autoptr(SitrepReport) team_final = NULL;

      if (desk_incident == NULL)
        {
          g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
          g_clear_error (&error);
          team_incident = sitrep_store_find_incident (p->team, key, &error);
          g_assert_null (team_incident);
          g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
          continue;
        }
      team_incident = sitrep_store_find_incident (p->team, key, &error);
      g_assert_no_error (error);

      desk_can = sitrep_report_new_can (p->desk, sitrep_incident_get_id (desk_incident), &error);
      g_assert_no_error (error);
      team_can = sitrep_report_new_can (p->team, sitrep_incident_get_id (team_incident), &error);
      g_assert_no_error (error);
      assert_same_report (desk_can, team_can);

      desk_final = sitrep_report_new_final (p->desk, sitrep_incident_get_id (desk_incident),
                                            &error);
      g_assert_no_error (error);
      team_final = sitrep_report_new_final (p->team, sitrep_incident_get_id (team_incident),
                                            &error);
      g_assert_no_error (error);
      assert_same_report (desk_final, team_final);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_document_tests (const char *name,
                    const char *document)
{
  static const struct
  {
    const char *what;
    void      (*func) (Pair *, gconstpointer);
  } tests[] = {
    { "export", test_export },
    { "search", test_search },
    { "status", test_status },
    { "monthly", test_monthly },
    { "incident-reports", test_incident_reports },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sitrep/team-parity/%s/%s", name, tests[i].what);

      g_test_add (path, Pair, document, pair_set_up, tests[i].func, pair_tear_down);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* a comparison of the two engines: needs both */
  if (store_test_on_team ())
    {
      g_autofree char *data_dir = g_test_build_filename (G_TEST_DIST, "data", NULL);
      g_autoptr(GDir) dir = g_dir_open (data_dir, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_prefix (name, "valid-") && g_str_has_suffix (name, ".json"))
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);
      g_assert_cmpuint (names->len, >, 0);

      for (guint i = 0; i < names->len; i++)
        {
          const char *file = g_ptr_array_index (names, i);
          g_autofree char *test_name = g_strndup (file, strlen (file) - strlen (".json"));
          g_autofree char *document = g_build_filename ("data", file, NULL);

          /* the document's path stays for the whole run */
          add_document_tests (test_name, g_intern_string (document));
        }
      add_document_tests ("samples", "../data/sitrep-samples.json");
    }

  return g_test_run ();
}
