/* sitrep-bench-report.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sitrep-report.h"
#include "sitrep-report-render.h"
#include "sitrep-store.h"

/*
 * The monthly analysis on a large database: incidents spread evenly over
 * 25 months, so that at 1,000,000 incidents a month holds about 40,000.
 *
 *  - "monthly report": sitrep_report_new_monthly_from_path() and the text
 *    of the report, as the command line and the Reports view run it (a
 *    read-only connection per month, the month before on a second thread);
 *  - "same SQL, bare": the same statements for both months, one after the
 *    other on a connection already open, with no report built around them.
 *
 * Both run first with the statistics that the store's import leaves (a
 * sampled ANALYZE, analysis_limit = 1000), then with those of a full
 * ANALYZE: the query plans must not depend on them. The schema has
 * SITREP_MONTHLY_INDEX_SQL (a covering index in the order of reported_at
 * and one on resolved_at). The generated incidents' rows lie in key order
 * with random report times, so a plan that reads a month's rows instead of
 * the covering index reads pages scattered through the whole table: the
 * worst case.
 *
 * SITREP_BENCH_DIR keeps the generated databases there and reuses them.
 *
 * Beside each wall-clock median stands the median CPU time of the
 * process, which a busy machine inflates less.
 *
 * Usage: sitrep-bench-report [SIZE…]  (or SITREP_BENCH_SIZES=10000,100000)
 * Prints Markdown tables; each figure is the median of several runs.
 */

#define DEFAULT_SIZES "10000,100000,1000000"
#define RUNS          7
#define MONTHS_SPREAD 25

/* 2026-03-01T12:00:00Z: "now"; the month analysed is January 2026. */
#define BENCH_NOW     G_GINT64_CONSTANT (1772366400)
#define BENCH_YEAR    2026
#define BENCH_MONTH   1

#define MINUTE 60
#define HOUR   (60 * MINUTE)
#define DAY    (24 * HOUR)

static const char *services[] = {
  "Payments", "Portal", "Mail", "Billing", "Orders", "Ticketing", "Search", "Identity",
  "Reporting", "Mobile app", "Warehouse", "CRM", "VPN", "Telephony", "Data warehouse",
};

static guint64
mix (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

/* One incident from its number: a level, a service, a cause, a channel and
 * milestones that meet, miss or leave open each clock. */
static SitrepIncident *
generate_incident (guint64 n,
                   gint64  span)
{
  SitrepIncident *incident = sitrep_incident_new ();
  guint64 h = mix (n), h2 = mix (h);
  g_autofree char *key = g_strdup_printf ("INC-%" G_GUINT64_FORMAT, n);
  gint64 reported = BENCH_NOW - DAY - (gint64) (h % (guint64) span);
  guint roll = (guint) ((h2 >> 8) % 100);
  gint64 t = reported;

  sitrep_incident_set_key (incident, key);
  sitrep_incident_set_title (incident, "Generated incident");
  sitrep_incident_set_service (incident, services[(h >> 20) % G_N_ELEMENTS (services)]);
  sitrep_incident_set_level (incident, 1 + (int) ((h >> 30) % 3));
  sitrep_incident_set_reporter_channel (incident, (SitrepChannel) ((h >> 34) % 4));
  sitrep_incident_set_cause_category (incident, (SitrepCause) ((h >> 38) % 6));
  sitrep_incident_set_reported_at (incident, reported);
  sitrep_incident_set_occurred_at (incident, reported - (gint64) ((h2 >> 16) % (20 * MINUTE)));

  if (roll < 3)
    {
      sitrep_incident_set_status (incident, SITREP_STATUS_NEW);
      return incident;
    }
  if (roll < 6)
    {
      sitrep_incident_set_status (incident, SITREP_STATUS_CANCELLED);
      sitrep_incident_set_cancelled_at (incident, reported + 5 * MINUTE);
      return incident;
    }

  t += MINUTE + (gint64) ((h2 >> 24) % (45 * MINUTE));
  sitrep_incident_set_acknowledged_at (incident, t);
  if ((h2 >> 32) % 2 == 0)
    sitrep_incident_set_initial_notice_at (incident, reported + (gint64) ((h2 >> 34) % HOUR));
  if (roll < 12)
    {
      sitrep_incident_set_status (incident, SITREP_STATUS_ACKNOWLEDGED);
      return incident;
    }

  t += 10 * MINUTE + (gint64) ((h2 >> 40) % (8 * HOUR));
  sitrep_incident_set_recovered_at (incident, t);
  if (roll < 18)
    {
      sitrep_incident_set_status (incident, SITREP_STATUS_RECOVERED);
      return incident;
    }

  t += HOUR + (gint64) ((h >> 44) % (10 * DAY));
  if (t > BENCH_NOW)
    t = BENCH_NOW;
  sitrep_incident_set_resolved_at (incident, t);
  sitrep_incident_set_root_cause (incident, "Generated");
  if (roll < 40 || t + DAY > BENCH_NOW)
    {
      sitrep_incident_set_status (incident, SITREP_STATUS_RESOLVED);
      return incident;
    }

  sitrep_incident_set_closed_at (incident, t + DAY);
  sitrep_incident_set_status (incident, SITREP_STATUS_CLOSED);
  return incident;
}

static gboolean
fill (SitrepStore  *store,
      guint64       n,
      GError      **error)
{
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  gint64 span = (gint64) MONTHS_SPREAD * 30 * DAY;

  if (!sitrep_store_import_begin (store, error))
    return FALSE;

  for (guint64 i = 1; i <= n; i++)
    {
      g_autoptr(SitrepIncident) incident = generate_incident (i, span);
      gboolean skipped = FALSE;

      if (!sitrep_store_import_incident (store, incident, empty, empty, FALSE, &skipped, error))
        {
          sitrep_store_import_rollback (store);
          return FALSE;
        }
    }

  return sitrep_store_import_commit (store, error);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : (da > db ? 1 : 0);
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double) ts.tv_sec * 1000.0 + (double) ts.tv_nsec / 1e6;
}

static double
median_of (double *values)
{
  qsort (values, RUNS, sizeof (double), compare_doubles);
  return values[RUNS / 2];
}

static double
measure_report (const char     *path,
                gint64         *reported,
                double         *cpu,
                GError        **error)
{
  double runs[RUNS], cpu_runs[RUNS];

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();
      g_autoptr(SitrepReport) report = NULL;
      g_autofree char *text = NULL;

      report = sitrep_report_new_monthly_from_path (path, BENCH_YEAR, BENCH_MONTH, BENCH_NOW,
                                                    error);
      if (report == NULL)
        return -1;
      text = sitrep_report_to_text (report);
      runs[r] = (double) (g_get_monotonic_time () - start) / 1000.0;
      cpu_runs[r] = cpu_ms () - cpu_start;
      *reported = sitrep_report_get_monthly (report)->reported;
    }

  *cpu = median_of (cpu_runs);
  return median_of (runs);
}

static double
measure_bare (sqlite3  *db,
              double   *cpu,
              GError  **error)
{
  double runs[RUNS], cpu_runs[RUNS];
  int prev_year, prev_month;

  sitrep_monthly_previous_month (BENCH_YEAR, BENCH_MONTH, &prev_year, &prev_month);

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();
      g_autoptr(SitrepMonthly) current = sitrep_monthly_new (BENCH_YEAR, BENCH_MONTH);
      g_autoptr(SitrepMonthly) previous = sitrep_monthly_new (prev_year, prev_month);

      if (!sitrep_monthly_compute_sql (db, current, BENCH_NOW, error) ||
          !sitrep_monthly_compute_sql (db, previous, BENCH_NOW, error))
        return -1;
      runs[r] = (double) (g_get_monotonic_time () - start) / 1000.0;
      cpu_runs[r] = cpu_ms () - cpu_start;
    }

  *cpu = median_of (cpu_runs);
  return median_of (runs);
}

static gboolean
bench_size (const char  *folder,
            guint64      n,
            GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *name = g_strdup_printf ("report-%" G_GUINT64_FORMAT ".db", n);
  g_autoptr(SitrepClock) clock = sitrep_clock_new_fake (BENCH_NOW);
  g_autoptr(SitrepStore) store = NULL;
  gint64 start, reported = 0;
  double fill_s, report_ms, bare_ms, report_cpu, bare_cpu;
  sqlite3 *db = NULL;

  path = g_build_filename (folder, name, NULL);
  store = sitrep_store_open (path, clock, error);
  if (store == NULL)
    return FALSE;

  fill_s = -1;
  if ((guint64) sitrep_store_count_incidents (store) != n)
    {
      start = g_get_monotonic_time ();
      if (!fill (store, n, error))
        return FALSE;
      fill_s = (double) (g_get_monotonic_time () - start) / 1e6;
    }
  g_clear_object (&store);

  if (fill_s >= 0)
    printf ("\n### %" G_GUINT64_FORMAT " incidents (filled in %.1f s)\n\n", n, fill_s);
  else
    printf ("\n### %" G_GUINT64_FORMAT " incidents (database reused)\n\n", n);
  printf ("| measure | statistics | median | CPU | target |\n");
  printf ("| --- | --- | ---: | ---: | ---: |\n");

  for (guint full = 0; full < 2; full++)
    {
      /* as the store's import leaves them, then complete */
      if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
          sqlite3_exec (db, full ? "PRAGMA analysis_limit = 0; ANALYZE;"
                                 : "PRAGMA analysis_limit = 1000; ANALYZE;",
                        NULL, NULL, NULL) != SQLITE_OK)
        {
          g_set_error (error, SITREP_REPORT_ERROR, SITREP_REPORT_ERROR_DATABASE,
                       "could not analyse %s: %s", path, sqlite3_errmsg (db));
          sqlite3_close (db);
          return FALSE;
        }
      sqlite3_close (db);

      report_ms = measure_report (path, &reported, &report_cpu, error);
      if (report_ms < 0)
        return FALSE;

      if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        {
          g_set_error (error, SITREP_REPORT_ERROR, SITREP_REPORT_ERROR_DATABASE,
                       "could not open %s", path);
          return FALSE;
        }
      bare_ms = measure_bare (db, &bare_cpu, error);
      sqlite3_close (db);
      if (bare_ms < 0)
        return FALSE;

      printf ("| monthly report (%" G_GINT64_FORMAT " incidents in the month) | %s | %.1f ms "
              "| %.1f ms | < 300 ms |\n", reported, full ? "full" : "sampled", report_ms,
              report_cpu);
      printf ("| same SQL, bare SQLite | %s | %.1f ms | %.1f ms | — |\n",
              full ? "full" : "sampled", bare_ms, bare_cpu);
      fflush (stdout);
    }

  if (g_getenv ("SITREP_BENCH_KEEP") != NULL || g_getenv ("SITREP_BENCH_DIR") != NULL)
    {
      g_printerr ("kept %s\n", path);
      return TRUE;
    }

  {
    static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

        g_unlink (file);
      }
  }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_auto(GStrv) sizes = NULL;
  int status = 0;

  /* the desk's zone decides the month's bounds */
  if (g_getenv ("TZ") == NULL)
    g_setenv ("TZ", "Asia/Shanghai", TRUE);

  if (argc > 1)
    sizes = g_strdupv (argv + 1);
  else
    sizes = g_strsplit (g_getenv ("SITREP_BENCH_SIZES") != NULL ? g_getenv ("SITREP_BENCH_SIZES")
                                                               : DEFAULT_SIZES, ",", -1);

  if (g_getenv ("SITREP_BENCH_DIR") != NULL)
    {
      folder = g_strdup (g_getenv ("SITREP_BENCH_DIR"));
      g_mkdir_with_parents (folder, 0700);
    }
  else
    folder = g_dir_make_tmp ("sitrep-bench-report-XXXXXX", &error);
  if (folder == NULL)
    {
      g_printerr ("sitrep-bench-report: %s\n", error->message);
      return 1;
    }

  printf ("## Sitrep monthly analysis benchmark\n\n");
  printf ("SQLite %s, %u processors, TZ=%s; each figure is the median of %d runs.\n",
          sqlite3_libversion (), g_get_num_processors (), g_getenv ("TZ"), RUNS);

  for (guint i = 0; sizes[i] != NULL; i++)
    {
      guint64 n = 0;

      if (!g_ascii_string_to_unsigned (g_strstrip (sizes[i]), 10, 1, G_MAXUINT32, &n, NULL))
        {
          g_printerr ("sitrep-bench-report: “%s” is not a number of incidents\n", sizes[i]);
          status = 2;
          break;
        }
      if (!bench_size (folder, n, &error))
        {
          g_printerr ("sitrep-bench-report: %s\n", error->message);
          status = 1;
          break;
        }
    }

  if (g_getenv ("SITREP_BENCH_KEEP") == NULL && g_getenv ("SITREP_BENCH_DIR") == NULL)
    g_rmdir (folder);

  return status;
}
