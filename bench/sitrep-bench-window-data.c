/* sitrep-bench-window-data.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sitrep-bench-window-data.h"
#include "sitrep-store.h"

#define N_HOSTS 1000

#define MINUTE 60
#define HOUR   (60 * MINUTE)
#define DAY    (24 * HOUR)

/*
 * The window benchmark's databases: generated incidents imported through
 * the store's import API, built once and reused from SITREP_BENCH_DIR.
 */

/* ---------------------------------------------------------------------- */
/* Generated incidents                                                     */
/* ---------------------------------------------------------------------- */

static const char *services[] = {
  "Payments", "Customer portal", "Mobile app", "Core database", "Mail",
  "Billing", "Reporting", "Identity", "Network", "Storage",
};

static const char *components[] = {
  "gateway", "load balancer", "replica", "message queue", "cache",
  "DNS resolver", "certificate", "batch job", "API", "disk array",
};

static const char *problems[] = {
  "timeout", "errors", "latency", "failure", "outage", "slowness",
  "crash loop", "data mismatch",
};

static const char *people[] = {
  "Mei Lin", "Ravi Kumar", "Zhang Wei", "Ana Souza", "Tom Becker",
  "Fatima Khan", "Lars Nilsson", "Yuki Tanaka",
};

/* splitmix64: a fast, well-mixed hash of the incident number. */
static guint64
mix (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

/* Incident number @n of a database made at @now, with its "created"
 * timeline entry. Most incidents of a large database are history: 3.5 %
 * are being handled (new ones reported in the last two hours, so that
 * their response deadlines are a mix of pending, at risk and breached;
 * acknowledged and recovered ones over the last days), 3.5 % resolved or
 * transferred, the rest closed or cancelled over two years. */
static SitrepIncident *
generate_incident (guint64     n,
                   gint64      now,
                   GPtrArray **timeline)
{
  guint64 h = mix (n);
  guint64 h2 = mix (h);
  guint64 h3 = mix (h2);
  guint roll = (guint) (h % 1000);
  const char *component = components[(h >> 10) % G_N_ELEMENTS (components)];
  const char *problem = problems[(h >> 20) % G_N_ELEMENTS (problems)];
  const char *service = services[(h >> 30) % G_N_ELEMENTS (services)];
  const char *reporter = people[(h2 >> 8) % G_N_ELEMENTS (people)];
  guint level_roll = (guint) ((h >> 34) % 10);
  SitrepIncident *incident = sitrep_incident_new ();
  SitrepTimelineEntry *entry;
  g_autofree char *key = g_strdup_printf ("INC-%" G_GUINT64_FORMAT, n);
  g_autofree char *title = NULL;
  g_autofree char *symptoms = NULL;
  SitrepStatus status;
  gint64 reported;
  gint64 t;

  title = g_strdup_printf ("%s %s on srv%04u", component, problem,
                           (guint) (h2 % N_HOSTS));
  title[0] = g_ascii_toupper (title[0]);
  symptoms = g_strdup_printf ("Users of %s see %s from the %s", service, problem, component);

  if (roll < 10)
    status = SITREP_STATUS_NEW;
  else if (roll < 25)
    status = SITREP_STATUS_ACKNOWLEDGED;
  else if (roll < 35)
    status = SITREP_STATUS_RECOVERED;
  else if (roll < 60)
    status = SITREP_STATUS_RESOLVED;
  else if (roll < 70)
    status = SITREP_STATUS_TRANSFERRED;
  else if (roll < 950)
    status = SITREP_STATUS_CLOSED;
  else
    status = SITREP_STATUS_CANCELLED;

  if (status == SITREP_STATUS_NEW)
    reported = now - 2 * MINUTE - (gint64) ((h3 >> 4) % (2 * HOUR));
  else if (status == SITREP_STATUS_ACKNOWLEDGED)
    reported = now - 2 * HOUR - (gint64) ((h3 >> 4) % (2 * DAY));
  else if (status == SITREP_STATUS_RECOVERED)
    reported = now - 8 * HOUR - (gint64) ((h3 >> 4) % (3 * DAY));
  else
    reported = now - 8 * DAY - (gint64) ((h3 >> 4) % (730 * DAY));

  sitrep_incident_set_key (incident, key);
  sitrep_incident_set_title (incident, title);
  sitrep_incident_set_service (incident, service);
  sitrep_incident_set_level (incident, level_roll < 1 ? 1 : (level_roll < 4 ? 2 : 3));
  sitrep_incident_set_status (incident, status);
  sitrep_incident_set_reporter_name (incident, reporter);
  sitrep_incident_set_reporter_channel (incident, (SitrepChannel) ((h2 >> 16) % 4));
  sitrep_incident_set_symptoms (incident, symptoms);
  sitrep_incident_set_occurred_at (incident, reported - (gint64) ((h3 >> 40) % (30 * MINUTE)));
  sitrep_incident_set_reported_at (incident, reported);
  sitrep_incident_set_owner (incident, people[(h2 >> 24) % G_N_ELEMENTS (people)]);

  t = reported;
  if (status != SITREP_STATUS_NEW && status != SITREP_STATUS_CANCELLED)
    {
      t += MINUTE + (gint64) ((h3 >> 8) % HOUR);
      sitrep_incident_set_acknowledged_at (incident, t);
    }
  if (status == SITREP_STATUS_RECOVERED || status == SITREP_STATUS_RESOLVED ||
      status == SITREP_STATUS_TRANSFERRED || status == SITREP_STATUS_CLOSED)
    {
      t += 10 * MINUTE + (gint64) ((h3 >> 16) % (6 * HOUR));
      sitrep_incident_set_recovered_at (incident, t);
    }
  if (status == SITREP_STATUS_RESOLVED || status == SITREP_STATUS_CLOSED)
    {
      t += HOUR + (gint64) ((h3 >> 24) % (5 * DAY));
      sitrep_incident_set_resolved_at (incident, t);
      sitrep_incident_set_cause_category (incident, (SitrepCause) (1 + (h3 >> 32) % 5));
    }
  if (status == SITREP_STATUS_TRANSFERRED)
    {
      t += HOUR + (gint64) ((h3 >> 24) % (2 * DAY));
      sitrep_incident_set_transferred_at (incident, t);
      sitrep_incident_set_transferred_to (incident, "Problem management");
    }
  if (status == SITREP_STATUS_CLOSED)
    sitrep_incident_set_closed_at (incident, t + DAY);
  if (status == SITREP_STATUS_CANCELLED)
    sitrep_incident_set_cancelled_at (incident, reported + 5 * MINUTE);

  entry = sitrep_timeline_entry_new ();
  sitrep_timeline_entry_set_occurred_at (entry, reported);
  sitrep_timeline_entry_set_recorded_at (entry, reported);
  sitrep_timeline_entry_set_author (entry, reporter);
  sitrep_timeline_entry_set_kind (entry, SITREP_ENTRY_KIND_CREATED);
  sitrep_timeline_entry_set_tag (entry, SITREP_TAG_NONE);
  sitrep_timeline_entry_set_text (entry, "Incident reported");

  *timeline = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (*timeline, entry);

  return incident;
}

void
sitrep_bench_window_remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* Makes @path a database of @n incidents, unless it already is one (kept
 * in SITREP_BENCH_DIR by an earlier run). */
gboolean
sitrep_bench_window_build_database (const char  *path,
                                    guint64      n,
                                    double      *seconds,
                                    gboolean    *reused,
                                    GError     **error)
{
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autoptr(SitrepStore) store = NULL;
  gint64 start;
  gint64 now;

  *seconds = 0.0;
  *reused = FALSE;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      store = sitrep_store_open (path, clock, NULL);
      if (store != NULL && (guint64) sitrep_store_count_incidents (store) == n)
        {
          *reused = TRUE;
          return TRUE;
        }
      g_clear_object (&store);
      sitrep_bench_window_remove_database (path);
    }

  start = g_get_monotonic_time ();
  store = sitrep_store_open (path, clock, error);
  if (store == NULL)
    return FALSE;

  now = sitrep_clock_get_now (clock);

  if (n > 0)
    {
      if (!sitrep_store_import_begin (store, error))
        return FALSE;

      for (guint64 i = 1; i <= n; i++)
        {
          g_autoptr(SitrepIncident) incident = NULL;
          g_autoptr(GPtrArray) timeline = NULL;
          gboolean skipped = FALSE;

          incident = generate_incident (i, now, &timeline);
          if (!sitrep_store_import_incident (store, incident, timeline, NULL, FALSE,
                                             &skipped, error))
            {
              sitrep_store_import_rollback (store);
              return FALSE;
            }
        }

      if (!sitrep_store_import_commit (store, error))
        return FALSE;
    }

  /* Closing checkpoints the log, so every run starts from the same file. */
  g_clear_object (&store);
  *seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;

  return TRUE;
}

gboolean
sitrep_bench_window_copy_database (const char  *from,
                                   const char  *to,
                                   GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) destination = g_file_new_for_path (to);

  sitrep_bench_window_remove_database (to);
  return g_file_copy (source, destination, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error);
}
