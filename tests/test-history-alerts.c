/* test-history-alerts.c: alerts are news, history is not rewritten
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-interchange.h"
#include "sitrep-scheduler-private.h"
#include "test-store-common.h"

/*
 * A history imported from another system holds deadlines that passed
 * years ago. Opening the window (which starts the deadline watch) must
 * not write alert entries for them into the timelines, dated at those old
 * due moments, whether the database was empty, watched before, or watched
 * while the import ran. A deadline that falls due while it is watched is
 * alerted, once.
 */

#define YEAR_S (G_GINT64_CONSTANT (365) * 86400)

typedef struct
{
  guint alerts;
  guint summaries;
} Raised;

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Lets the main loop run until the watch is settled: on a team database
 * its rounds ask the server on the store's writing thread. */
static void
settle (Fixture         *f,
        SitrepScheduler *scheduler)
{
  drain ();
  while (!_sitrep_scheduler_is_settled (scheduler) ||
         sitrep_store_get_pending_writes (f->store) > 0)
    g_main_context_iteration (NULL, TRUE);
  drain ();
}

static void
alert_cb (SitrepScheduler         *scheduler,
          SitrepIncident          *incident,
          const SitrepAlertMoment *moment,
          Raised                  *raised)
{
  raised->alerts++;
}

static void
summary_cb (SitrepScheduler *scheduler,
            guint            count,
            Raised          *raised)
{
  raised->summaries++;
}

/* What opening the window does to the deadlines: the watch starts, and
 * catches up once the main loop is idle. */
static SitrepScheduler *
open_window (Fixture *f,
             Raised  *raised)
{
  SitrepScheduler *scheduler = sitrep_scheduler_new (f->store);

  g_signal_connect (scheduler, "alert", G_CALLBACK (alert_cb), raised);
  g_signal_connect (scheduler, "summary", G_CALLBACK (summary_cb), raised);
  sitrep_scheduler_start (scheduler);
  settle (f, scheduler);

  return scheduler;
}

static gint64
count_alert_entries (Fixture *f)
{
  return raw_int64 (f->path, "SELECT count(*) FROM timeline WHERE kind = 'alert'");
}

static char *
format_time (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* A service desk's history from two years before @now, exported by
 * another system: a level-1 incident never acknowledged (every deadline long
 * breached, a progress notice owed every hour), a level-2 one
 * acknowledged with the warning it raised there, and @level for the
 * second. */
static char *
make_history (gint64 now,
              int    level)
{
  gint64 start = now - 2 * YEAR_S;
  g_autofree char *first = format_time (start);
  g_autofree char *second = format_time (start + 86400);
  g_autofree char *warned = format_time (start + 86400 + 1350);
  g_autofree char *acknowledged = format_time (start + 86400 + 1500);

  return g_strdup_printf (
    "{ \"format\": \"sitrep\", \"version\": 1, \"incidents\": ["
    "  { \"key\": \"INC-1\", \"title\": \"Core banking down\", \"service\": \"Banking\","
    "    \"level\": 1, \"status\": \"new\", \"reported_at\": \"%s\" },"
    "  { \"key\": \"INC-2\", \"title\": \"Mail slow\", \"service\": \"Mail\","
    "    \"level\": %d, \"status\": \"acknowledged\", \"reported_at\": \"%s\","
    "    \"acknowledged_at\": \"%s\","
    "    \"timeline\": ["
    "      { \"occurred_at\": \"%s\", \"recorded_at\": \"%s\", \"author\": \"Sitrep\","
    "        \"kind\": \"alert\", \"tag\": null, \"text\": \"Response deadline warning\","
    "        \"detail\": \"response-warning\" } ] } ] }",
    first, level, second, acknowledged, warned, warned);
}

static void
import_history (Fixture *f,
                int      level,
                gboolean replace)
{
  g_autoptr(GError) error = NULL;
  /* the same document each time, whatever the clock says */
  g_autofree char *history = make_history (T0, level);
  SitrepImportResult *result = NULL;

  g_assert_true (sitrep_interchange_import_data (f->store, history, -1, replace, &result,
                                                 &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->imported + result->replaced, ==, 2);
  sitrep_import_result_free (result);
}

/* Into a database never watched, then the window opens. */
static void
test_import_empty (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SitrepScheduler) scheduler = NULL;
  Raised raised = { 0 };

  import_history (f, 2, FALSE);
  g_assert_cmpint (count_alert_entries (f), ==, 1);

  sitrep_clock_advance (f->clock, 10);
  scheduler = open_window (f, &raised);
  g_assert_cmpint (count_alert_entries (f), ==, 1);
  g_assert_cmpuint (raised.alerts, ==, 0);
  g_assert_cmpuint (raised.summaries, ==, 0);

  /* Nothing is pending from the past: no moment in the past is waited for. */
  g_assert_true (sitrep_store_get_next_alert_at (f->store) == SITREP_TIME_NONE ||
                 sitrep_store_get_next_alert_at (f->store) > sitrep_clock_get_now (f->clock));

  /* Closed and opened again: still nothing. */
  g_clear_object (&scheduler);
  sitrep_clock_advance (f->clock, 60);
  scheduler = open_window (f, &raised);
  g_assert_cmpint (count_alert_entries (f), ==, 1);
  g_assert_cmpuint (raised.alerts + raised.summaries, ==, 0);
}

/* Into a database Sitrep last watched three years ago, before any of the
 * history's deadlines: that watch does not make the imported past new. */
static void
test_import_watched (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SitrepScheduler) scheduler = NULL;
  g_autoptr(GError) error = NULL;
  Raised raised = { 0 };

  g_assert_true (sitrep_store_set_last_watched_at (f->store, T0 - 3 * YEAR_S, &error));
  g_assert_no_error (error);

  import_history (f, 2, FALSE);
  sitrep_clock_advance (f->clock, 60);
  scheduler = open_window (f, &raised);
  g_assert_cmpint (count_alert_entries (f), ==, 1);
  g_assert_cmpuint (raised.alerts + raised.summaries, ==, 0);

  /* Imported again over itself, the second incident now at level 1 (its
   * level-1 deadlines passed two years ago too): still history. */
  g_clear_object (&scheduler);
  sitrep_clock_advance (f->clock, 60);
  import_history (f, 1, TRUE);
  scheduler = open_window (f, &raised);
  g_assert_cmpint (count_alert_entries (f), ==, 1);
  g_assert_cmpuint (raised.alerts + raised.summaries, ==, 0);
}

/* Imported while the window is open. */
static void
test_import_while_watched (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(SitrepScheduler) scheduler = NULL;
  Raised raised = { 0 };

  scheduler = open_window (f, &raised);
  sitrep_clock_advance (f->clock, 60);
  import_history (f, 2, FALSE);
  settle (f, scheduler);

  g_assert_cmpint (count_alert_entries (f), ==, 1);
  g_assert_cmpuint (raised.alerts + raised.summaries, ==, 0);
}

/* What falls due while watched is alerted, once. */
static void
test_due_while_watched (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SitrepScheduler) scheduler = NULL;
  Raised raised = { 0 };
  gint64 id;

  import_history (f, 2, FALSE);
  scheduler = open_window (f, &raised);
  g_assert_cmpint (count_alert_entries (f), ==, 1);

  id = create (f->store, "VPN down", "vpn", 2, sitrep_clock_get_now (f->clock));
  settle (f, scheduler);

  /* Level 2 warns at 75 % of its 30 minutes to respond. */
  sitrep_clock_advance (f->clock, 1350);
  settle (f, scheduler);
  g_assert_cmpint (raw_int64 (f->path, "SELECT count(*) FROM timeline WHERE kind = 'alert' "
                                       "AND detail = 'response-warning' AND incident_id = 3"),
                   ==, 1);
  g_assert_cmpint (id, ==, 3);
  g_assert_cmpuint (raised.alerts, >=, 1);

  /* Two hours on, the new incident's breaches come; the old ones stay
   * as they were. */
  sitrep_clock_advance (f->clock, 2 * 3600);
  settle (f, scheduler);
  g_assert_cmpint (raw_int64 (f->path, "SELECT count(*) FROM timeline WHERE kind = 'alert' "
                                       "AND detail = 'response-breach' AND incident_id = 3"),
                   ==, 1);
  g_assert_cmpint (raw_int64 (f->path, "SELECT count(*) FROM timeline WHERE kind = 'alert' "
                                       "AND incident_id < 3"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_store_test ("history/import-empty", test_import_empty);
  add_store_test ("history/import-watched", test_import_watched);
  add_store_test ("history/import-while-watched", test_import_while_watched);
  add_store_test ("history/due-while-watched", test_due_while_watched);

  return g_test_run ();
}
