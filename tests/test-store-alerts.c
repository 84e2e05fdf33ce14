/* test-store-alerts.c: the store: the scheduler's alert bookkeeping
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "test-store-common.h"

static void
test_alerts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) raised = NULL;
  g_autoptr(GArray) alerting = NULL;
  g_autoptr(SitrepTimelineEntry) entry = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 2, T0);
  gint64 first;
  guint before;

  /* level 2: response warning at 75 % of 30 min */
  first = sitrep_store_get_next_alert_at (f->store);
  g_assert_cmpint (first, ==, T0 + 1350);

  alerting = sitrep_store_list_alerting_ids (f->store, T0 + 1349, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alerting->len, ==, 0);
  g_clear_pointer (&alerting, g_array_unref);
  alerting = sitrep_store_list_alerting_ids (f->store, T0 + 1350, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alerting->len, ==, 1);
  g_assert_cmpint (g_array_index (alerting, gint64, 0), ==, id);

  sitrep_clock_set_now (f->clock, T0 + 1400);
  g_assert_true (sitrep_store_record_alert (f->store, id, "response-warning", T0 + 1350,
                                            "Response due in 4 min", &error));
  g_assert_no_error (error);
  entry = last_entry (f->store, id);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_ALERT);
  g_assert_cmpstr (sitrep_timeline_entry_get_detail (entry), ==, "response-warning");

  raised = sitrep_store_list_raised_alerts (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (raised, "response-warning"));
  g_assert_cmpint (sitrep_store_get_next_alert_at (f->store), >, first);

  /* raising it again changes nothing */
  before = count_entries (f->store, id);
  g_assert_true (sitrep_store_record_alert (f->store, id, "response-warning", T0 + 1350,
                                            NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (f->store, id), ==, before);

  /* a closed incident calls for no alert */
  g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_CANCEL,
                                          SITREP_TIME_NONE, "Ann", "false alarm", NULL,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_store_get_next_alert_at (f->store), ==, SITREP_TIME_NONE);
}

static void
test_record_alerts (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) raised = NULL;
  g_autoptr(SitrepTimelineEntry) entry = NULL;
  gint64 first = create (f->store, "Mail down", "mail", 2, T0);
  gint64 second = create (f->store, "VPN down", "vpn", 2, T0 + 60);
  guint changed = 0;
  guint incident_changed = 0;
  guint first_entries;
  guint second_entries;

  g_signal_connect_swapped (f->store, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect_swapped (f->store, "incident-changed", G_CALLBACK (count_cb),
                            &incident_changed);
  sitrep_clock_set_now (f->clock, T0 + 2000);

  /* Both incidents' response warnings (due at 75 % of 30 min) and the
   * first one's breach, which is not due yet but recorded all the same. */
  {
    const SitrepAlertRecord records[] = {
      { first, "response-warning", T0 + 1350, "Response deadline warning" },
      { second, "response-warning", T0 + 60 + 1350, NULL },
      { first, "response-breach", T0 + 1800, "Response deadline breached" },
      { first, "response-warning", T0 + 1350, "Response deadline warning" },
    };

    g_assert_true (sitrep_store_record_alerts (f->store, records, G_N_ELEMENTS (records),
                                               &error));
    g_assert_no_error (error);
  }

  /* One signal for the lot. */
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (incident_changed, ==, 0);

  raised = sitrep_store_list_raised_alerts (f->store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (raised), ==, 2);
  g_assert_true (g_hash_table_contains (raised, "response-breach"));
  g_clear_pointer (&raised, g_hash_table_unref);
  raised = sitrep_store_list_raised_alerts (f->store, second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (raised), ==, 1);

  /* one timeline entry per alert, the repeated one once */
  first_entries = count_entries (f->store, first);
  second_entries = count_entries (f->store, second);
  g_assert_cmpuint (first_entries, ==, 3);
  g_assert_cmpuint (second_entries, ==, 2);
  entry = last_entry (f->store, second);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_ALERT);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, "response-warning");
  g_assert_cmpint (sitrep_timeline_entry_get_occurred_at (entry), ==, T0 + 60 + 1350);

  /* The next alert moment moved on past both warnings. */
  g_assert_cmpint (sitrep_store_get_next_alert_at (f->store), >, T0 + 60 + 1350);

  /* Nothing new: no signal. Alerts of one incident: that incident's. */
  {
    const SitrepAlertRecord again[] = {
      { first, "response-warning", T0 + 1350, NULL },
      { second, "response-warning", T0 + 60 + 1350, NULL },
    };
    const SitrepAlertRecord one[] = {
      { second, "response-breach", T0 + 60 + 1800, NULL },
      { second, "notice-escalation", T0 + 60 + 1800, NULL },
    };

    g_assert_true (sitrep_store_record_alerts (f->store, again, G_N_ELEMENTS (again),
                                               &error));
    g_assert_no_error (error);
    g_assert_cmpuint (changed, ==, 1);
    g_assert_cmpuint (incident_changed, ==, 0);

    g_assert_true (sitrep_store_record_alerts (f->store, one, G_N_ELEMENTS (one), &error));
    g_assert_no_error (error);
    g_assert_cmpuint (changed, ==, 1);
    g_assert_cmpuint (incident_changed, ==, 1);
    g_assert_cmpuint (count_entries (f->store, second), ==, second_entries + 2);
    second_entries += 2;
  }

  /* An unknown incident anywhere in the batch: nothing is written. */
  {
    const SitrepAlertRecord records[] = {
      { first, "recovery-warning", T0 + 5400, NULL },
      { 999, "response-warning", T0 + 1350, NULL },
    };

    g_assert_false (sitrep_store_record_alerts (f->store, records, G_N_ELEMENTS (records),
                                                &error));
    g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_clear_pointer (&raised, g_hash_table_unref);
  raised = sitrep_store_list_raised_alerts (f->store, first, &error);
  g_assert_no_error (error);
  g_assert_false (g_hash_table_contains (raised, "recovery-warning"));
  g_assert_cmpuint (count_entries (f->store, first), ==, first_entries);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (incident_changed, ==, 1);

  /* None at all: fine, and silent. */
  g_assert_true (sitrep_store_record_alerts (f->store, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
}

static guint
count_alert_entries (SitrepStore *store,
                     gint64       id)
{
  g_autoptr(GPtrArray) entries = sitrep_store_list_timeline (store, id, NULL);
  guint count = 0;

  g_assert_nonnull (entries);
  for (guint i = 0; i < entries->len; i++)
    if (sitrep_timeline_entry_get_kind (g_ptr_array_index (entries, i)) ==
        SITREP_ENTRY_KIND_ALERT)
      count++;

  return count;
}

/* Alerts that fell due before anyone watched: never to be raised, and not
 * written into the timeline as if someone had been told. */
static void
test_pass_over_alerts (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) raised = NULL;
  gint64 first = create (f->store, "Mail down", "mail", 2, T0);
  gint64 second = create (f->store, "VPN down", "vpn", 2, T0);
  guint entries = count_entries (f->store, first);
  guint changed = 0;
  guint incident_changed = 0;
  const SitrepAlertRecord records[] = {
    { first, "response-warning", T0 + 1350, "not written" },
    { first, "response-breach", T0 + 1800, NULL },
    { first, "response-breach", T0 + 1800, NULL },
  };
  const SitrepAlertRecord unknown[] = {
    { second, "response-warning", T0 + 1350, NULL },
    { 999, "response-warning", T0 + 1350, NULL },
  };

  g_signal_connect_swapped (f->store, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect_swapped (f->store, "incident-changed", G_CALLBACK (count_cb),
                            &incident_changed);
  sitrep_clock_set_now (f->clock, T0 + 2000);

  /* In the viewing role too: it is the watch's bookkeeping. */
  sitrep_store_set_read_only (f->store, TRUE);
  g_assert_true (sitrep_store_pass_over_alerts (f->store, records, G_N_ELEMENTS (records),
                                                &error));
  g_assert_no_error (error);
  sitrep_store_set_read_only (f->store, FALSE);

  raised = sitrep_store_list_raised_alerts (f->store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (raised), ==, 2);
  g_assert_true (g_hash_table_contains (raised, "response-breach"));
  g_assert_cmpuint (count_entries (f->store, first), ==, entries);
  g_assert_cmpuint (count_alert_entries (f->store, first), ==, 0);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpuint (incident_changed, ==, 0);

  /* The first incident's next alert moved past them; the second's is
   * still its warning, the earliest. */
  g_assert_cmpint (sitrep_store_get_next_alert_at (f->store), ==, T0 + 1350);
  g_clear_pointer (&raised, g_hash_table_unref);

  /* Recording a passed-over alert later writes nothing. */
  g_assert_true (sitrep_store_record_alert (f->store, first, "response-breach", T0 + 1800,
                                            "Response deadline breached", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_alert_entries (f->store, first), ==, 0);

  /* All or nothing. */
  g_assert_false (sitrep_store_pass_over_alerts (f->store, unknown, G_N_ELEMENTS (unknown),
                                                 &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  raised = sitrep_store_list_raised_alerts (f->store, second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (raised), ==, 0);

  g_assert_true (sitrep_store_pass_over_alerts (f->store, NULL, 0, &error));
  g_assert_no_error (error);
}

/* When the deadlines were last watched: nothing until it is recorded,
 * kept in the file, and silent. */
static void
test_last_watched (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  g_assert_cmpint (sitrep_store_get_last_watched_at (f->store, &error), ==, SITREP_TIME_NONE);
  g_assert_no_error (error);

  g_signal_connect_swapped (f->store, "changed", G_CALLBACK (count_cb), &changed);
  g_assert_true (sitrep_store_set_last_watched_at (f->store, T0, &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_set_last_watched_at (f->store, T0 + 300, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_store_get_last_watched_at (f->store, &error), ==, T0 + 300);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpint (raw_int64 (f->path, "SELECT count(*) FROM watch_state"), ==, 1);

  g_clear_object (&f->store);
  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_store_get_last_watched_at (f->store, &error), ==, T0 + 300);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_store_test ("alerts", test_alerts);
  add_store_test ("record-alerts", test_record_alerts);
  add_store_test ("pass-over-alerts", test_pass_over_alerts);
  add_store_test ("last-watched", test_last_watched);

  return g_test_run ();
}
