/* test-store-import.c: the store: bulk import
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

static SitrepTimelineEntry *
make_entry (gint64           occurred_at,
            SitrepEntryKind  kind,
            const char      *text,
            const char      *detail)
{
  SitrepTimelineEntry *entry = sitrep_timeline_entry_new ();

  sitrep_timeline_entry_set_occurred_at (entry, occurred_at);
  sitrep_timeline_entry_set_recorded_at (entry, occurred_at + 5);
  sitrep_timeline_entry_set_author (entry, "Importer");
  sitrep_timeline_entry_set_kind (entry, kind);
  sitrep_timeline_entry_set_text (entry, text);
  sitrep_timeline_entry_set_detail (entry, detail);
  return entry;
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(SitrepIncident) stored = NULL;
  g_autoptr(GPtrArray) timeline = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) complaints = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) raised = NULL;
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  gboolean skipped = TRUE;
  guint changed = 0;
  gint64 id;

  g_signal_connect_swapped (f->store, "changed", G_CALLBACK (count_cb), &changed);

  sitrep_incident_set_key (incident, "INC-7");
  sitrep_incident_set_title (incident, "Payments failing");
  sitrep_incident_set_service (incident, "payments");
  sitrep_incident_set_level (incident, 1);
  sitrep_incident_set_status (incident, SITREP_STATUS_ACKNOWLEDGED);
  sitrep_incident_set_reported_at (incident, T0 - 7200);
  sitrep_incident_set_occurred_at (incident, T0 - 7300);
  sitrep_incident_set_acknowledged_at (incident, T0 - 7000);
  g_ptr_array_add (timeline, make_entry (T0 - 7200, SITREP_ENTRY_KIND_CREATED, "Created", NULL));
  g_ptr_array_add (timeline, make_entry (T0 - 7000, SITREP_ENTRY_KIND_STATUS, "Acknowledged",
                                         "acknowledged"));
  g_ptr_array_add (timeline, make_entry (T0 - 6000, SITREP_ENTRY_KIND_NOTICE, "Initial sent",
                                         "initial"));
  g_ptr_array_add (timeline, make_entry (T0 - 5000, SITREP_ENTRY_KIND_NOTICE, "Progress sent",
                                         "progress"));
  g_ptr_array_add (timeline, make_entry (T0 - 4000, SITREP_ENTRY_KIND_NOTICE, "Progress sent",
                                         "progress"));
  g_ptr_array_add (timeline, make_entry (T0 - 3000, SITREP_ENTRY_KIND_ALERT, "Recovery warning",
                                         "recovery-warning"));
  sitrep_complaint_set_customer (complaint, "ACME");
  sitrep_complaint_set_received_at (complaint, T0 - 6500);
  g_ptr_array_add (complaints, g_object_ref (complaint));

  g_assert_true (sitrep_store_import_begin (f->store, &error));
  sitrep_policy_set_minutes (policy, 3, SITREP_POLICY_WINDOW_RESOLUTION, 99999);
  g_assert_true (sitrep_store_import_policy (f->store, policy, &error));
  g_assert_true (sitrep_store_import_incident (f->store, incident, timeline, complaints, FALSE,
                                               &skipped, &error));
  g_assert_no_error (error);
  g_assert_false (skipped);

  /* other writes wait for the import */
  g_assert_false (sitrep_store_add_note (f->store, sitrep_incident_get_id (incident),
                                         SITREP_TIME_NONE, "Ann", SITREP_TAG_NONE, "x", &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_true (sitrep_store_import_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);

  stored = sitrep_store_find_incident (f->store, "INC-7", &error);
  g_assert_no_error (error);
  id = sitrep_incident_get_id (stored);
  g_assert_cmpint (sitrep_incident_get_status (stored), ==, SITREP_STATUS_ACKNOWLEDGED);
  g_assert_cmpint (sitrep_incident_get_acknowledged_at (stored), ==, T0 - 7000);
  g_assert_cmpint (sitrep_incident_get_occurred_at (stored), ==, T0 - 7300);
  g_assert_cmpint (sitrep_incident_get_initial_notice_at (stored), ==, T0 - 6000);
  g_assert_cmpint (sitrep_incident_get_progress_notice_at (stored), ==, T0 - 4000);
  g_assert_cmpint (sitrep_incident_get_progress_notice_count (stored), ==, 2);
  g_clear_object (&stored);
  {
    g_autoptr(SitrepPolicy) now_policy = sitrep_store_get_policy (f->store);

    g_assert_true (sitrep_policy_equal (now_policy, policy));
  }

  /* the timeline exactly as given, nothing added */
  entries = sitrep_store_list_timeline (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, timeline->len);
  for (guint i = 0; i < entries->len; i++)
    {
      SitrepTimelineEntry *a = g_ptr_array_index (timeline, i);
      SitrepTimelineEntry *b = g_ptr_array_index (entries, i);

      g_assert_cmpint (sitrep_timeline_entry_get_occurred_at (a), ==,
                       sitrep_timeline_entry_get_occurred_at (b));
      g_assert_cmpint (sitrep_timeline_entry_get_recorded_at (a), ==,
                       sitrep_timeline_entry_get_recorded_at (b));
      g_assert_cmpstr (sitrep_timeline_entry_get_author (a), ==,
                       sitrep_timeline_entry_get_author (b));
      g_assert_cmpint (sitrep_timeline_entry_get_kind (a), ==, sitrep_timeline_entry_get_kind (b));
      g_assert_cmpstr (sitrep_timeline_entry_get_text (a), ==, sitrep_timeline_entry_get_text (b));
      g_assert_cmpstr (sitrep_timeline_entry_get_detail (a), ==,
                       sitrep_timeline_entry_get_detail (b));
    }
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* the alerts in the timeline are not raised again */
  raised = sitrep_store_list_raised_alerts (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (raised, "recovery-warning"));

  /* an existing key is skipped … */
  sitrep_incident_set_title (incident, "Payments failing everywhere");
  g_ptr_array_add (timeline, make_entry (T0 - 100, SITREP_ENTRY_KIND_NOTE, "Bridge opened",
                                         NULL));
  g_assert_true (sitrep_store_import_begin (f->store, &error));
  g_assert_true (sitrep_store_import_incident (f->store, incident, timeline, complaints, FALSE,
                                               &skipped, &error));
  g_assert_no_error (error);
  g_assert_true (skipped);
  g_assert_true (sitrep_store_import_commit (f->store, &error));
  stored = sitrep_store_get_incident (f->store, id, &error);
  g_assert_cmpstr (sitrep_incident_get_title (stored), ==, "Payments failing");
  g_assert_cmpuint (count_entries (f->store, id), ==, 6);
  g_clear_object (&stored);

  /* … or replaced: fields overwritten, new entries appended */
  g_assert_true (sitrep_store_import_begin (f->store, &error));
  g_assert_true (sitrep_store_import_incident (f->store, incident, timeline, complaints, TRUE,
                                               &skipped, &error));
  g_assert_no_error (error);
  g_assert_false (skipped);
  g_assert_true (sitrep_store_import_commit (f->store, &error));
  stored = sitrep_store_get_incident (f->store, id, &error);
  g_assert_cmpstr (sitrep_incident_get_title (stored), ==, "Payments failing everywhere");
  g_assert_cmpuint (count_entries (f->store, id), ==, 7);
  {
    g_autoptr(GPtrArray) stored_complaints = sitrep_store_list_complaints (f->store, id, &error);

    g_assert_cmpuint (stored_complaints->len, ==, 1);
  }
  g_clear_object (&stored);
  {
    g_autoptr(GArray) found = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                         SITREP_LIST_SORT_KEY, "everywhere");

    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpint (g_array_index (found, gint64, 0), ==, id);
  }
  assert_search_index_sound (f->path);

  /* a rollback leaves nothing behind */
  {
    g_autoptr(SitrepIncident) other = sitrep_incident_copy (incident);

    sitrep_incident_set_key (other, "INC-20");
    g_assert_true (sitrep_store_import_begin (f->store, &error));
    g_assert_true (sitrep_store_import_incident (f->store, other, NULL, NULL, FALSE, &skipped,
                                                 &error));
    g_assert_no_error (error);
    sitrep_store_import_rollback (f->store);
    g_assert_null (sitrep_store_find_incident (f->store, "INC-20", &error));
    g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* after the rollback, new incidents are found by their words again */
  {
    gint64 zebra = create (f->store, "Zebra printer outage", "print", 3, T0);
    g_autoptr(GArray) found = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                         SITREP_LIST_SORT_KEY, "zebra");

    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpint (g_array_index (found, gint64, 0), ==, zebra);
  }
  assert_search_index_sound (f->path);

  /* keys must be written as Sitrep writes them */
  {
    static const char *const bad_keys[] = { "INC-0", "INC-007", "inc-7", "INC-", "7", "INC-7a",
                                            NULL };

    g_assert_true (sitrep_store_import_begin (f->store, &error));
    for (guint i = 0; i < G_N_ELEMENTS (bad_keys); i++)
      {
        g_autoptr(SitrepIncident) other = sitrep_incident_copy (incident);

        sitrep_incident_set_key (other, bad_keys[i]);
        g_assert_false (sitrep_store_import_incident (f->store, other, NULL, NULL, FALSE,
                                                      &skipped, &error));
        g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
        g_clear_error (&error);
      }
    sitrep_store_import_rollback (f->store);
  }
}

/* Imports @n new incidents of ten timeline entries each. */
static void
import_payments (SitrepStore *store,
                 int          n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_store_import_begin (store, &error));
  g_assert_no_error (error);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
      g_autoptr(GPtrArray) timeline = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) complaints = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *key = g_strdup_printf ("INC-%d", 100 + i);
      gboolean skipped = TRUE;

      sitrep_incident_set_key (incident, key);
      sitrep_incident_set_title (incident, "Payments failing");
      sitrep_incident_set_service (incident, "payments");
      sitrep_incident_set_level (incident, 3);
      sitrep_incident_set_status (incident, SITREP_STATUS_NEW);
      sitrep_incident_set_reported_at (incident, T0 - 7200);
      sitrep_incident_set_occurred_at (incident, T0 - 7200);
      for (int j = 0; j < 10; j++)
        g_ptr_array_add (timeline, make_entry (T0 - 7200 + j, j == 0 ? SITREP_ENTRY_KIND_CREATED
                                                                    : SITREP_ENTRY_KIND_NOTE,
                                               "Looking into it", NULL));
      g_assert_true (sitrep_store_import_incident (store, incident, timeline, complaints,
                                                   FALSE, &skipped, &error));
      g_assert_no_error (error);
      g_assert_false (skipped);
    }
  g_assert_true (sitrep_store_import_commit (store, &error));
  g_assert_no_error (error);
}

/* The statistics of the search index's pages count them as they are, and
 * FTS5's removal of a merged segment's pages (a range of row ids) looks
 * them up instead of reading the whole index. */
static void
assert_search_statistics_current (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *plan = NULL;

  g_assert_cmpint (raw_int64 (path, "SELECT CAST(stat AS INTEGER) FROM sqlite_stat1 "
                                    "WHERE tbl = 'incident_search_data'"),
                   ==, raw_int64 (path, "SELECT count(*) FROM incident_search_data"));

  db = open_raw (path);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "EXPLAIN QUERY PLAN DELETE FROM incident_search_data "
                                           "WHERE id >= ?1 AND id <= ?2", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  plan = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_true (g_str_has_prefix (plan, "SEARCH incident_search_data USING INTEGER PRIMARY KEY"));
}

/* An import into a database whose statistics were taken when it was small
 * refreshes them before it fills the search index, so that the fill looks
 * up each incident's timeline by index instead of scanning all of it for
 * each incident (which made such imports grow with their square). */
static void
test_import_statistics (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gboolean scans_timeline = FALSE;

  create (f->store, "Mail down", "mail", 2, T0);
  g_clear_object (&f->store);
  db = open_raw (f->path);
  g_assert_cmpint (sqlite3_exec (db, "ANALYZE", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  import_payments (f->store, 200);

  /* (ANALYZE samples: the count is an estimate of the 2,000 rows) */
  g_assert_cmpint (raw_int64 (f->path, "SELECT CAST(stat AS INTEGER) FROM sqlite_stat1 "
                                       "WHERE idx = 'timeline_by_incident'"), >=, 1000);

  db = open_raw (f->path);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "EXPLAIN QUERY PLAN SELECT timeline FROM incident_text "
                                           "WHERE id > 1", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (g_str_has_prefix ((const char *) sqlite3_column_text (stmt, 3), "SCAN t"))
      scans_timeline = TRUE;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_false (scans_timeline);

  /* the import's statistics were taken before it filled the search
   * index: they said it held two pages */
  assert_search_statistics_current (f->path);

  assert_search_index_sound (f->path);
  {
    SitrepQuery query = { SITREP_LIST_FILTER_ALL, SITREP_LIST_SORT_KEY, "looking", NULL };
    g_autoptr(GArray) ids = sitrep_store_query (f->store, &query, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 200);
  }
}

/* Statistics that an earlier import took before it filled the search
 * index (two pages, where it holds many) are counted again when the
 * database is opened. */
static void
test_import_statistics_mended (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  import_payments (f->store, 200);
  g_clear_object (&f->store);
  raw_exec (f->path, "ANALYZE; UPDATE sqlite_stat1 SET stat = '2' "
                     "WHERE tbl = 'incident_search_data'");
  g_assert_cmpint (raw_int64 (f->path, "SELECT count(*) FROM incident_search_data"), >, 2);

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  assert_search_statistics_current (f->path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_store_test ("import", test_import);
  add_file_test ("import/statistics", test_import_statistics);
  add_file_test ("import/statistics-mended", test_import_statistics_mended);

  return g_test_run ();
}
