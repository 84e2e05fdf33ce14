/* test-report-monthly-plan.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sitrep-report.h"
#include "sitrep-store.h"

/*
 * The monthly analysis reads its month as a range of the covering index
 * incidents_monthly whatever the planner's statistics say. With the
 * sampled statistics an import leaves on a large database, the planner
 * used to start from the policy and read every incident of each level
 * through incidents_by_level: seconds at a million incidents.
 */

/* 2026-03-01T12:00:00Z */
#define NOW G_GINT64_CONSTANT (1772366400)

/* What a sampled ANALYZE (analysis_limit = 1000, as the store's import
 * runs it) wrote on a database of a million incidents: it takes a level
 * for as selective as a key. */
static const char large_statistics[] =
  "DELETE FROM sqlite_stat1 WHERE tbl IN ('incidents', 'policy');"
  "INSERT INTO sqlite_stat1 VALUES"
  " ('incidents', 'incidents_by_resolved', '851880 1'),"
  " ('incidents', 'incidents_monthly', '1168128 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1'),"
  " ('incidents', 'incidents_search_keys', '1314958 1 1 1 1 1 1 1'),"
  " ('incidents', 'incidents_unfinished_by_key', '417240 1'),"
  " ('incidents', 'incidents_open_by_alert', '108584 1'),"
  " ('incidents', 'incidents_open_by_owner', '153450 1001 1001 1 1'),"
  " ('incidents', 'incidents_open_by_key', '125460 1 1 1 1'),"
  " ('incidents', 'incidents_open_by_reported', '139776 1 1 1 1 1'),"
  " ('incidents', 'incidents_open_by_level', '168480 1001 1001 1 1 1 1'),"
  " ('incidents', 'incidents_by_reported', '1036800 1'),"
  " ('incidents', 'incidents_by_level', '798720 1001 1001 1 1'),"
  " ('incidents', 'incidents_by_due', '637602 1001 1001 2 1 1 1'),"
  " ('incidents', 'sqlite_autoindex_incidents_1', '1260070 1'),"
  " ('policy', NULL, '3');"
  "ANALYZE sqlite_schema;";

static int
collect_sql_cb (unsigned  type,
                void     *context,
                void     *p,
                void     *x)
{
  GPtrArray *statements = context;

  g_ptr_array_add (statements, g_strdup (sqlite3_sql (p)));
  return 0;
}

static void
test_plan (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sitrep-monthly-plan-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "sitrep.db", NULL);
  g_autoptr(SitrepClock) clock = sitrep_clock_new_fake (NOW);
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(SitrepMonthly) monthly = NULL;
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) plan = g_string_new (NULL);
  const char *fill = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  store = sitrep_store_open (path, clock, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "ANALYZE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, large_statistics, NULL, NULL, NULL), ==, SQLITE_OK);

  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, collect_sql_cb, statements);
  monthly = sitrep_monthly_new (2026, 1);
  g_assert_true (sitrep_monthly_compute_sql (db, monthly, NOW, &error));
  g_assert_no_error (error);
  sqlite3_trace_v2 (db, 0, NULL, NULL);

  /* the statement that reads the month, and the plan of its query */
  for (guint i = 0; i < statements->len && fill == NULL; i++)
    {
      const char *sql = g_ptr_array_index (statements, i);

      if (g_str_has_prefix (sql, "CREATE TEMP TABLE sitrep_month AS "))
        fill = sql + strlen ("CREATE TEMP TABLE sitrep_month AS ");
    }
  g_assert_nonnull (fill);

  {
    g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", fill, NULL);

    g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  }
  sqlite3_bind_int64 (stmt, 1, NOW - 60 * 24 * 3600);
  sqlite3_bind_int64 (stmt, 2, NOW - 30 * 24 * 3600);
  sqlite3_bind_int64 (stmt, 3, NOW);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_test_message ("%s", plan->str);
  g_assert_nonnull (strstr (plan->str, "COVERING INDEX incidents_monthly"));
  g_assert_null (strstr (plan->str, "incidents_by_level"));

  {
    static const char *const suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

        g_unlink (file);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sitrep/report-monthly-plan/covering-index", test_plan);

  return g_test_run ();
}
