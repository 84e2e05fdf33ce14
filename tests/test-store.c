/* test-store.c
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

/* ------------------------------------------------------------------------ */

static void
test_create_empty (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(SitrepPolicy) policy = NULL;
  g_autoptr(SitrepPolicy) defaults = sitrep_policy_new_default ();

  /* a file that does not exist yet */
  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_store_get_schema_version (f->store), ==, 3);
  g_assert_cmpint (raw_int64 (f->path, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (sitrep_store_count_incidents (f->store), ==, 0);
  policy = sitrep_store_get_policy (f->store);
  g_assert_true (sitrep_policy_equal (policy, defaults));

  /* an empty file */
  g_assert_true (g_file_set_contents (empty, "", 0, &error));
  store = sitrep_store_open (empty, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int64 (empty, "PRAGMA user_version"), ==, 3);
  g_assert_cmpstr (sitrep_store_get_path (store), ==, empty);
}

static GArray *
run_query (SitrepStore      *store,
           SitrepListFilter  filter,
           SitrepListSort    sort,
           const char       *text)
{
  g_autoptr(GError) error = NULL;
  SitrepQuery query = { filter, sort, text, "Ann" };
  GArray *ids = sitrep_store_query (store, &query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

static void
assert_ids (GArray       *ids,
            const gint64 *expected,
            guint         n_expected)
{
  g_assert_cmpuint (ids->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i]);
}

/* Turns the database at @path back into one of version 2: a full-text
 * index of the incidents' fields and another of the timeline entries,
 * kept by triggers. */
static void
downgrade_to_2 (const char *path)
{
  sqlite3 *db = open_raw (path);

  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TRIGGER incident_search_insert;"
                                 "DROP TRIGGER incident_search_update;"
                                 "DROP TRIGGER incident_search_before_entry;"
                                 "DROP TRIGGER incident_search_after_entry;"
                                 "DROP TABLE incident_search;"
                                 "DROP VIEW incident_text;"
                                 "DROP INDEX incidents_search_keys;"
                                 "CREATE VIRTUAL TABLE incidents_fts USING fts5 ("
                                 "  title, service, symptoms, details,"
                                 "  content = 'incidents', content_rowid = 'id',"
                                 "  columnsize = 0,"
                                 "  tokenize = 'unicode61 remove_diacritics 2');"
                                 "CREATE VIRTUAL TABLE timeline_fts USING fts5 ("
                                 "  text, content = 'timeline', content_rowid = 'id',"
                                 "  columnsize = 0,"
                                 "  tokenize = 'unicode61 remove_diacritics 2');"
                                 "INSERT INTO incidents_fts (incidents_fts) VALUES ('rebuild');"
                                 "INSERT INTO timeline_fts (timeline_fts) VALUES ('rebuild');"
                                 "CREATE TRIGGER incidents_fts_insert AFTER INSERT ON incidents"
                                 " BEGIN"
                                 "  INSERT INTO incidents_fts (rowid, title, service, symptoms,"
                                 "    details) VALUES (new.id, new.title, new.service,"
                                 "    new.symptoms, new.details);"
                                 "END;"
                                 "CREATE TRIGGER incidents_fts_update"
                                 "  AFTER UPDATE OF title, service, symptoms, details"
                                 "  ON incidents BEGIN"
                                 "  INSERT INTO incidents_fts (incidents_fts, rowid, title,"
                                 "    service, symptoms, details) VALUES ('delete', old.id,"
                                 "    old.title, old.service, old.symptoms, old.details);"
                                 "  INSERT INTO incidents_fts (rowid, title, service, symptoms,"
                                 "    details) VALUES (new.id, new.title, new.service,"
                                 "    new.symptoms, new.details);"
                                 "END;"
                                 "CREATE TRIGGER timeline_fts_insert AFTER INSERT ON timeline"
                                 " BEGIN"
                                 "  INSERT INTO timeline_fts (rowid, text)"
                                 "    VALUES (new.id, new.text);"
                                 "END;"
                                 "PRAGMA user_version = 2;",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A database of the first version gains the index of the status report
 * and keeps its incidents. */
static void
test_migrate_from_1 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  sqlite3 *db;
  gint64 a, b;

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  a = create (f->store, "Mail down", "mail", 2, T0);
  b = create (f->store, "Web down", "web", 1, T0);
  g_assert_true (sitrep_store_transition (f->store, a, SITREP_TRANSITION_CANCEL,
                                          SITREP_TIME_NONE, "Ann", NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);

  downgrade_to_2 (f->path);
  db = open_raw (f->path);
  g_assert_cmpint (sqlite3_exec (db, "DROP INDEX incidents_unfinished_by_key; "
                                     "PRAGMA user_version = 1", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_store_get_schema_version (f->store), ==, 3);
  g_assert_cmpint (raw_int64 (f->path, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (raw_int64 (f->path, "SELECT count(*) FROM sqlite_schema "
                                       "WHERE name = 'incidents_unfinished_by_key'"), ==, 1);
  g_assert_cmpint (sitrep_store_count_incidents (f->store), ==, 2);

  ids = sitrep_store_list_unfinished_ids (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, b);

  g_clear_pointer (&ids, g_array_unref);
  ids = run_query (f->store, SITREP_LIST_FILTER_ALL, SITREP_LIST_SORT_KEY, "web");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, b);
}

/* A database of version 2, with a full-text index of the incidents and
 * another of their timeline entries, gets one index of both: what was
 * found before is found after, and new words are found as they are
 * written. */
static void
test_migrate_from_2 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a, b, c;

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  a = create (f->store, "Mail down", "mail", 2, T0 - 300);
  b = create (f->store, "Web shop slow", "web", 1, T0 - 200);
  c = create (f->store, "Printer jam", "office", 3, T0 - 100);
  g_assert_true (sitrep_store_add_note (f->store, a, SITREP_TIME_NONE, "Ann", SITREP_TAG_NONE,
                                        "The relay rejects the certificate", &error));
  g_assert_true (sitrep_store_add_note (f->store, b, SITREP_TIME_NONE, "Ann", SITREP_TAG_NONE,
                                        "Certificate renewed; the cache warms up", &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);

  downgrade_to_2 (f->path);
  g_assert_cmpint (raw_int64 (f->path, "SELECT count(*) FROM timeline_fts "
                                       "WHERE timeline_fts MATCH 'certificate'"), ==, 2);

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_store_get_schema_version (f->store), ==, 3);
  g_assert_cmpint (raw_int64 (f->path, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (raw_int64 (f->path, "SELECT count(*) FROM sqlite_schema "
                                       "WHERE name LIKE '%fts%'"), ==, 0);
  g_assert_cmpint (sitrep_store_count_incidents (f->store), ==, 3);

  /* words of the notes and of the fields, found in the incidents */
  {
    const gint64 expected[] = { b, a };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                       SITREP_LIST_SORT_NEWEST, "certificate");
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }
  {
    const gint64 expected[] = { c };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_OPEN,
                                       SITREP_LIST_SORT_NEWEST, "print");
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }
  {
    const gint64 expected[] = { b };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                       SITREP_LIST_SORT_NEWEST, "cache web");
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }

  /* written after the migration */
  g_assert_true (sitrep_store_add_note (f->store, c, SITREP_TIME_NONE, "Ann", SITREP_TAG_NONE,
                                        "Toner certificate expired", &error));
  g_assert_true (sitrep_store_set_field (f->store, a, "title", "Mail relay down", "Ann",
                                         &error));
  g_assert_no_error (error);
  {
    const gint64 expected[] = { c, b, a };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                       SITREP_LIST_SORT_NEWEST, "certificate");
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }
  {
    const gint64 expected[] = { a };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                       SITREP_LIST_SORT_NEWEST, "relay mail");
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }

  assert_search_index_sound (f->path);
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(SitrepIncident) stored = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  sitrep_incident_set_title (incident, "  Mail server down ");
  sitrep_incident_set_service (incident, "mail");
  sitrep_incident_set_level (incident, 1);
  sitrep_incident_set_reporter_name (incident, "Carl");
  sitrep_incident_set_reporter_channel (incident, SITREP_CHANNEL_MONITORING);
  sitrep_incident_set_symptoms (incident, "No mail since 09:00");
  sitrep_incident_set_occurred_at (incident, T0 - 1800);
  sitrep_incident_set_owner (incident, "Bob");
  sitrep_incident_set_cause_category (incident, SITREP_CAUSE_HARDWARE);
  g_assert_true (sitrep_store_create_incident (f->store, incident, "Ann", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_key (incident), ==, "INC-1");
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Mail server down");

  g_clear_object (&f->store);
  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);

  stored = sitrep_store_find_incident (f->store, "INC-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_incident_get_id (stored), ==, sitrep_incident_get_id (incident));
  g_assert_cmpstr (sitrep_incident_get_title (stored), ==, "Mail server down");
  g_assert_cmpstr (sitrep_incident_get_service (stored), ==, "mail");
  g_assert_cmpint (sitrep_incident_get_level (stored), ==, 1);
  g_assert_cmpint (sitrep_incident_get_status (stored), ==, SITREP_STATUS_NEW);
  g_assert_cmpstr (sitrep_incident_get_reporter_name (stored), ==, "Carl");
  g_assert_cmpint (sitrep_incident_get_reporter_channel (stored), ==, SITREP_CHANNEL_MONITORING);
  g_assert_cmpstr (sitrep_incident_get_symptoms (stored), ==, "No mail since 09:00");
  g_assert_cmpint (sitrep_incident_get_reported_at (stored), ==, T0);
  g_assert_cmpint (sitrep_incident_get_occurred_at (stored), ==, T0 - 1800);
  g_assert_cmpstr (sitrep_incident_get_owner (stored), ==, "Bob");
  g_assert_cmpint (sitrep_incident_get_cause_category (stored), ==, SITREP_CAUSE_HARDWARE);

  entries = sitrep_store_list_timeline (f->store, sitrep_incident_get_id (stored), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (g_ptr_array_index (entries, 0)), ==,
                   SITREP_ENTRY_KIND_CREATED);
  g_assert_cmpstr (sitrep_timeline_entry_get_author (g_ptr_array_index (entries, 0)), ==, "Ann");

  /* lookups that find nothing */
  g_assert_null (sitrep_store_find_incident (f->store, "INC-2", &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sitrep_store_get_incident (f->store, 999, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
}

static void
test_create_invalid (Fixture       *f,
                     gconstpointer  data)
{
  static const struct {
    const char *title;
    const char *service;
    int         level;
    gint64      reported_at;
    gint64      occurred_at;
    int         code;
  } cases[] = {
    { "  ",    "mail", 2, 0,          0,          SITREP_STORE_ERROR_INVALID_VALUE },
    { NULL,    "mail", 2, 0,          0,          SITREP_STORE_ERROR_INVALID_VALUE },
    { "Down",  "",     2, 0,          0,          SITREP_STORE_ERROR_INVALID_VALUE },
    { "Down",  "mail", 4, 0,          0,          SITREP_STORE_ERROR_INVALID_VALUE },
    { "Down",  "mail", 0, 0,          0,          SITREP_STORE_ERROR_INVALID_VALUE },
    { "Down",  "mail", 2, T0 + 3600,  0,          SITREP_STORE_ERROR_INVALID_TIME },
    { "Down",  "mail", 2, T0 - 600,   T0 - 300,   SITREP_STORE_ERROR_INVALID_TIME },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
      g_autoptr(GError) error = NULL;

      sitrep_incident_set_title (incident, cases[i].title);
      sitrep_incident_set_service (incident, cases[i].service);
      sitrep_incident_set_level (incident, cases[i].level);
      sitrep_incident_set_reported_at (incident, cases[i].reported_at);
      sitrep_incident_set_occurred_at (incident, cases[i].occurred_at);

      g_assert_false (sitrep_store_create_incident (f->store, incident, "Ann", &error));
      g_assert_error (error, SITREP_STORE_ERROR, cases[i].code);
      g_assert_cmpint (sitrep_incident_get_id (incident), ==, 0);
    }

  g_assert_cmpint (sitrep_store_count_incidents (f->store), ==, 0);

  /* a failed creation does not use up a key */
  create (f->store, "Down", "mail", 2, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SitrepIncident) first = sitrep_store_find_incident (f->store, "INC-1", &error);

    g_assert_no_error (error);
    g_assert_nonnull (first);
  }
}

static void
test_transitions_legal (Fixture       *f,
                        gconstpointer  data)
{
  static const struct {
    SitrepStatus     from;
    SitrepTransition transition;
    SitrepStatus     to;
    const char      *text;
  } cases[] = {
    { SITREP_STATUS_NEW,          SITREP_TRANSITION_ACKNOWLEDGE, SITREP_STATUS_ACKNOWLEDGED,
      "Acknowledged: on the bridge" },
    { SITREP_STATUS_NEW,          SITREP_TRANSITION_CANCEL,      SITREP_STATUS_CANCELLED,
      "Cancelled: on the bridge" },
    { SITREP_STATUS_ACKNOWLEDGED, SITREP_TRANSITION_RECOVER,     SITREP_STATUS_RECOVERED,
      "Service recovered: on the bridge" },
    { SITREP_STATUS_ACKNOWLEDGED, SITREP_TRANSITION_CANCEL,      SITREP_STATUS_CANCELLED,
      "Cancelled: on the bridge" },
    { SITREP_STATUS_RECOVERED,    SITREP_TRANSITION_RESOLVE,     SITREP_STATUS_RESOLVED,
      "Resolved: on the bridge" },
    { SITREP_STATUS_RECOVERED,    SITREP_TRANSITION_TRANSFER,    SITREP_STATUS_TRANSFERRED,
      "Transferred to problem-management: on the bridge" },
    { SITREP_STATUS_RECOVERED,    SITREP_TRANSITION_CANCEL,      SITREP_STATUS_CANCELLED,
      "Cancelled: on the bridge" },
    { SITREP_STATUS_RESOLVED,     SITREP_TRANSITION_CLOSE,       SITREP_STATUS_CLOSED,
      "Closed: on the bridge" },
    { SITREP_STATUS_RESOLVED,     SITREP_TRANSITION_REOPEN,      SITREP_STATUS_ACKNOWLEDGED,
      "Reopened: on the bridge" },
    { SITREP_STATUS_TRANSFERRED,  SITREP_TRANSITION_CLOSE,       SITREP_STATUS_CLOSED,
      "Closed: on the bridge" },
    { SITREP_STATUS_TRANSFERRED,  SITREP_TRANSITION_REOPEN,      SITREP_STATUS_ACKNOWLEDGED,
      "Reopened: on the bridge" },
    { SITREP_STATUS_CLOSED,       SITREP_TRANSITION_REOPEN,      SITREP_STATUS_ACKNOWLEDGED,
      "Reopened: on the bridge" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SitrepTimelineEntry) entry = NULL;
      g_autoptr(SitrepIncident) incident = NULL;
      gint64 id = create_in_status (f, cases[i].from);
      guint before = count_entries (f->store, id);
      gint64 at = sitrep_clock_get_now (f->clock) - 30;
      guint changed = 0;
      gulong handler;

      g_test_message ("%s → %s",
                      sitrep_enum_to_nick (SITREP_TYPE_STATUS, cases[i].from),
                      sitrep_enum_to_nick (SITREP_TYPE_TRANSITION, cases[i].transition));

      g_assert_true (sitrep_store_can_transition (cases[i].from, cases[i].transition));

      handler = g_signal_connect_swapped (f->store, "incident-changed",
                                          G_CALLBACK (count_cb), &changed);
      g_assert_true (sitrep_store_transition (f->store, id, cases[i].transition, at,
                                              " Carol ", " on the bridge ",
                                              "problem-management", &error));
      g_assert_no_error (error);
      g_signal_handler_disconnect (f->store, handler);
      g_assert_cmpuint (changed, ==, 1);

      incident = sitrep_store_get_incident (f->store, id, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sitrep_incident_get_status (incident), ==, cases[i].to);
      g_assert_cmpuint (count_entries (f->store, id), ==, before + 1);

      entry = last_entry (f->store, id);
      g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_STATUS);
      g_assert_cmpstr (sitrep_timeline_entry_get_author (entry), ==, "Carol");
      g_assert_cmpint (sitrep_timeline_entry_get_occurred_at (entry), ==, at);
      g_assert_cmpint (sitrep_timeline_entry_get_recorded_at (entry), ==,
                       sitrep_clock_get_now (f->clock));
      g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, cases[i].text);
      g_assert_cmpstr (sitrep_timeline_entry_get_detail (entry), ==,
                       sitrep_enum_to_nick (SITREP_TYPE_STATUS, cases[i].to));

      switch (cases[i].transition)
        {
        case SITREP_TRANSITION_ACKNOWLEDGE:
          g_assert_cmpint (sitrep_incident_get_acknowledged_at (incident), ==, at);
          break;
        case SITREP_TRANSITION_RECOVER:
          g_assert_cmpint (sitrep_incident_get_recovered_at (incident), ==, at);
          break;
        case SITREP_TRANSITION_RESOLVE:
          g_assert_cmpint (sitrep_incident_get_resolved_at (incident), ==, at);
          break;
        case SITREP_TRANSITION_TRANSFER:
          g_assert_cmpint (sitrep_incident_get_transferred_at (incident), ==, at);
          g_assert_cmpstr (sitrep_incident_get_transferred_to (incident), ==,
                           "problem-management");
          break;
        case SITREP_TRANSITION_CLOSE:
          g_assert_cmpint (sitrep_incident_get_closed_at (incident), ==, at);
          break;
        case SITREP_TRANSITION_REOPEN:
          g_assert_cmpint (sitrep_incident_get_acknowledged_at (incident), !=, 0);
          g_assert_cmpint (sitrep_incident_get_recovered_at (incident), ==, 0);
          g_assert_cmpint (sitrep_incident_get_resolved_at (incident), ==, 0);
          g_assert_cmpint (sitrep_incident_get_transferred_at (incident), ==, 0);
          g_assert_null (sitrep_incident_get_transferred_to (incident));
          g_assert_cmpint (sitrep_incident_get_closed_at (incident), ==, 0);
          break;
        case SITREP_TRANSITION_CANCEL:
        default:
          g_assert_cmpint (sitrep_incident_get_cancelled_at (incident), ==, at);
          break;
        }
    }
}

static void
test_transitions_illegal (Fixture       *f,
                          gconstpointer  data)
{
  guint n_illegal = 0;

  for (SitrepStatus status = SITREP_STATUS_NEW; status <= SITREP_STATUS_CANCELLED; status++)
    {
      gint64 id = create_in_status (f, status);

      for (SitrepTransition t = SITREP_TRANSITION_ACKNOWLEDGE; t <= SITREP_TRANSITION_CANCEL; t++)
        {
          g_autoptr(GError) error = NULL;
          guint before;

          if (sitrep_store_can_transition (status, t))
            continue;

          n_illegal++;
          before = count_entries (f->store, id);
          g_assert_false (sitrep_store_transition (f->store, id, t, SITREP_TIME_NONE, "Carol",
                                                   NULL, "developers", &error));
          g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_TRANSITION);
          g_assert_cmpint (get_status (f->store, id), ==, status);
          g_assert_cmpuint (count_entries (f->store, id), ==, before);
        }
    }

  /* 7 statuses × 7 transitions, 12 of them legal */
  g_assert_cmpuint (n_illegal, ==, 49 - 12);
}

static void
test_transition_times (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 2, T0 - 3600);
  guint before;

  sitrep_clock_set_now (f->clock, T0);

  /* before the report */
  before = count_entries (f->store, id);
  g_assert_false (sitrep_store_transition (f->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                           T0 - 3601, "Bob", NULL, NULL, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_TIME);
  g_clear_error (&error);

  /* in the future (a minute of clock skew is accepted) */
  g_assert_false (sitrep_store_transition (f->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                           T0 + 600, "Bob", NULL, NULL, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_TIME);
  g_clear_error (&error);
  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_NEW);
  g_assert_cmpuint (count_entries (f->store, id), ==, before);

  /* backdated */
  g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                          T0 - 3000, "Bob", NULL, NULL, &error));
  g_assert_no_error (error);

  /* not before the previous milestone */
  g_assert_false (sitrep_store_transition (f->store, id, SITREP_TRANSITION_RECOVER,
                                           T0 - 3100, "Bob", NULL, NULL, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_TIME);
  g_clear_error (&error);
  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_ACKNOWLEDGED);

  g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_RECOVER,
                                          T0 + 30, "Bob", NULL, NULL, &error));
  g_assert_no_error (error);

  /* a transfer needs a destination */
  before = count_entries (f->store, id);
  g_assert_false (sitrep_store_transition (f->store, id, SITREP_TRANSITION_TRANSFER,
                                           SITREP_TIME_NONE, "Bob", NULL, "  ", &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_RECOVERED);
  g_assert_cmpuint (count_entries (f->store, id), ==, before);

  /* no such incident */
  g_assert_false (sitrep_store_transition (f->store, 4242, SITREP_TRANSITION_ACKNOWLEDGE,
                                           SITREP_TIME_NONE, "Bob", NULL, NULL, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
}

static void
test_level_owner_fields (Fixture       *f,
                         gconstpointer  data)
{
  static const struct {
    const char *field;
    const char *value;
    int         code;     /* -1: accepted */
    const char *text;     /* the timeline entry, when accepted */
  } cases[] = {
    { "service",          " web mail ",           -1, "Service changed from “mail” to “web mail”" },
    { "title",            "",                     SITREP_STORE_ERROR_INVALID_VALUE, NULL },
    { "reporter_name",    "Dave",                 -1, "Reporter set to “Dave”" },
    { "reporter_name",    "",                     -1, "Reporter removed" },
    { "reporter_channel", "email",                -1,
      "Reporting channel changed from “Hotline” to “Email”" },
    { "reporter_channel", "pigeon",               SITREP_STORE_ERROR_INVALID_VALUE, NULL },
    { "symptoms",         "Users see error 500",  -1, "Symptoms updated" },
    { "cause_category",   "network",              -1,
      "Cause category changed from “Not yet known” to “Network or external system”" },
    { "cause_category",   "weather",              SITREP_STORE_ERROR_INVALID_VALUE, NULL },
    { "occurred_at",      "2026-03-01T09:00:00Z", -1, NULL },
    { "occurred_at",      "2026-03-01T10:00:00Z", SITREP_STORE_ERROR_INVALID_TIME, NULL },
    { "occurred_at",      "yesterday",            SITREP_STORE_ERROR_INVALID_VALUE, NULL },
    { "root_cause",       "Disk full",            -1, "Root cause updated" },
    { "colour",           "red",                  SITREP_STORE_ERROR_INVALID_VALUE, NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepTimelineEntry) entry = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 2, T0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint before = count_entries (f->store, id);
      gboolean ok;

      g_test_message ("%s = %s", cases[i].field, cases[i].value);
      ok = sitrep_store_set_field (f->store, id, cases[i].field, cases[i].value, "Ann", &error);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (count_entries (f->store, id), ==, before + 1);
          entry = last_entry (f->store, id);
          g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_FIELD);
          g_assert_cmpstr (sitrep_timeline_entry_get_detail (entry), ==, cases[i].field);
          if (cases[i].text != NULL)
            g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, cases[i].text);
          g_clear_object (&entry);
        }
      else
        {
          g_assert_error (error, SITREP_STORE_ERROR, cases[i].code);
          g_assert_false (ok);
          g_assert_cmpuint (count_entries (f->store, id), ==, before);
          g_clear_error (&error);
        }
    }

  incident = sitrep_store_get_incident (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_service (incident), ==, "web mail");
  g_assert_null (sitrep_incident_get_reporter_name (incident));
  g_assert_cmpint (sitrep_incident_get_reporter_channel (incident), ==, SITREP_CHANNEL_EMAIL);
  g_assert_cmpint (sitrep_incident_get_cause_category (incident), ==, SITREP_CAUSE_NETWORK);
  g_assert_cmpint (sitrep_incident_get_occurred_at (incident), ==, T0 - 1800);
  g_assert_cmpstr (sitrep_incident_get_root_cause (incident), ==, "Disk full");
  g_clear_object (&incident);

  /* the same value again writes nothing */
  {
    guint before = count_entries (f->store, id);

    g_assert_true (sitrep_store_set_field (f->store, id, "service", "web mail", "Ann", &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_entries (f->store, id), ==, before);
  }

  /* level */
  g_assert_true (sitrep_store_set_level (f->store, id, 1, SITREP_TIME_NONE, "Ann",
                                         "customers complain", &error));
  g_assert_no_error (error);
  entry = last_entry (f->store, id);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_LEVEL);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, "Level 2 → 1: customers complain");
  g_assert_cmpstr (sitrep_timeline_entry_get_detail (entry), ==, "2→1");
  g_clear_object (&entry);
  g_assert_false (sitrep_store_set_level (f->store, id, 4, SITREP_TIME_NONE, "Ann", NULL,
                                          &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* owner */
  g_assert_true (sitrep_store_set_owner (f->store, id, "Bob", "Ann", &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_set_owner (f->store, id, "Carol", "Ann", &error));
  g_assert_no_error (error);
  entry = last_entry (f->store, id);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_OWNER);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, "Owner changed from Bob to Carol");

  incident = sitrep_store_get_incident (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_incident_get_level (incident), ==, 1);
  g_assert_cmpstr (sitrep_incident_get_owner (incident), ==, "Carol");
}

static void
test_notes_notices_complaints (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepTimelineEntry) entry = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();
  g_autoptr(GPtrArray) complaints = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 1, T0);

  sitrep_clock_set_now (f->clock, T0 + 3600);

  /* a backdated note */
  g_assert_true (sitrep_store_add_note (f->store, id, T0 + 600, "Bob", SITREP_TAG_ACTION,
                                        "Restarted the MTA", &error));
  g_assert_no_error (error);
  entry = last_entry (f->store, id);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_NOTE);
  g_assert_cmpint (sitrep_timeline_entry_get_tag (entry), ==, SITREP_TAG_ACTION);
  g_assert_cmpint (sitrep_timeline_entry_get_occurred_at (entry), ==, T0 + 600);
  g_assert_cmpint (sitrep_timeline_entry_get_recorded_at (entry), ==, T0 + 3600);
  g_clear_object (&entry);

  g_assert_false (sitrep_store_add_note (f->store, id, T0 + 7200, "Bob", SITREP_TAG_NONE,
                                         "From the future", &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_TIME);
  g_clear_error (&error);
  g_assert_false (sitrep_store_add_note (f->store, id, SITREP_TIME_NONE, "Bob", SITREP_TAG_NONE,
                                         "   ", &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* notices */
  g_assert_true (sitrep_store_record_notice (f->store, id, SITREP_NOTICE_INITIAL, T0 + 1200,
                                             "Ann", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_record_notice (f->store, id, SITREP_NOTICE_PROGRESS,
                                             SITREP_TIME_NONE, "Ann", "Still working", &error));
  g_assert_no_error (error);
  entry = last_entry (f->store, id);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_NOTICE);
  g_assert_cmpstr (sitrep_timeline_entry_get_detail (entry), ==, "progress");
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, "Handling progress sent: Still working");

  incident = sitrep_store_get_incident (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_incident_get_initial_notice_at (incident), ==, T0 + 1200);
  g_assert_cmpint (sitrep_incident_get_progress_notice_at (incident), ==, T0 + 3600);
  g_assert_cmpint (sitrep_incident_get_progress_notice_count (incident), ==, 1);

  /* complaints */
  sitrep_complaint_set_ref (complaint, "C-17");
  sitrep_complaint_set_customer (complaint, "ACME");
  sitrep_complaint_set_summary (complaint, "No invoices");
  sitrep_complaint_set_attributed (complaint, TRUE);
  g_assert_true (sitrep_store_add_complaint (f->store, id, complaint, "Ann", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_complaint_get_id (complaint), >, 0);
  complaints = sitrep_store_list_complaints (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (complaints->len, ==, 1);
  g_assert_cmpstr (sitrep_complaint_get_customer (g_ptr_array_index (complaints, 0)), ==, "ACME");
  g_assert_true (sitrep_complaint_get_attributed (g_ptr_array_index (complaints, 0)));
  g_clear_object (&entry);
  entry = last_entry (f->store, id);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_COMPLAINT);
}

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

/* Each "incident-changed" the store emitted: id, changes. */
typedef struct
{
  guint  n;
  gint64 id;
  guint  changes;
} Changes;

static void
changes_cb (SitrepStore *store,
            gint64       id,
            guint        changes,
            Changes     *seen)
{
  seen->n++;
  seen->id = id;
  seen->changes = changes;
}

#define ASSERT_CHANGES(seen, expected_id, expected) \
  G_STMT_START { \
    g_assert_cmpuint ((seen)->n, ==, 1); \
    g_assert_cmpint ((seen)->id, ==, (expected_id)); \
    g_assert_cmphex ((seen)->changes, ==, (expected)); \
    *(seen) = (Changes) { 0, }; \
  } G_STMT_END

static void
test_changes (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();
  SitrepAlertRecord records[] = { { 0, "response-warning", T0 + 450, NULL } };
  Changes seen = { 0, };
  gint64 id;

  g_assert_true (G_TYPE_IS_FLAGS (SITREP_TYPE_CHANGE));
  g_signal_connect (f->store, "incident-changed", G_CALLBACK (changes_cb), &seen);

  id = create (f->store, "Mail down", "mail", 2, T0);
  ASSERT_CHANGES (&seen, id, SITREP_CHANGE_ALL);

  sitrep_clock_advance (f->clock, 60);
  g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                          SITREP_TIME_NONE, "Bob", NULL, NULL, &error));
  g_assert_no_error (error);
  ASSERT_CHANGES (&seen, id, SITREP_CHANGE_STATUS | SITREP_CHANGE_TIMELINE |
                             SITREP_CHANGE_DEADLINES);

  g_assert_true (sitrep_store_add_note (f->store, id, SITREP_TIME_NONE, "Bob", SITREP_TAG_NONE,
                                        "On the bridge", &error));
  g_assert_no_error (error);
  ASSERT_CHANGES (&seen, id, SITREP_CHANGE_TIMELINE);

  g_assert_true (sitrep_store_set_field (f->store, id, "title", "Mail slow", "Bob", &error));
  g_assert_no_error (error);
  ASSERT_CHANGES (&seen, id, SITREP_CHANGE_FIELDS | SITREP_CHANGE_TIMELINE);

  g_assert_true (sitrep_store_set_field (f->store, id, "occurred_at", "2026-03-01T09:00:00Z",
                                         "Bob", &error));
  g_assert_no_error (error);
  ASSERT_CHANGES (&seen, id, SITREP_CHANGE_FIELDS | SITREP_CHANGE_TIMELINE |
                             SITREP_CHANGE_DEADLINES);

  g_assert_true (sitrep_store_set_level (f->store, id, 1, SITREP_TIME_NONE, "Bob", NULL,
                                         &error));
  g_assert_no_error (error);
  ASSERT_CHANGES (&seen, id, SITREP_CHANGE_LEVEL | SITREP_CHANGE_TIMELINE |
                             SITREP_CHANGE_DEADLINES);

  g_assert_true (sitrep_store_set_owner (f->store, id, "Bob", "Bob", &error));
  g_assert_no_error (error);
  ASSERT_CHANGES (&seen, id, SITREP_CHANGE_OWNER | SITREP_CHANGE_TIMELINE);

  g_assert_true (sitrep_store_record_notice (f->store, id, SITREP_NOTICE_INITIAL,
                                             SITREP_TIME_NONE, "Bob", "Mail slow", &error));
  g_assert_no_error (error);
  ASSERT_CHANGES (&seen, id, SITREP_CHANGE_TIMELINE | SITREP_CHANGE_DEADLINES);

  sitrep_complaint_set_customer (complaint, "ACME");
  sitrep_complaint_set_received_at (complaint, T0 + 60);
  g_assert_true (sitrep_store_add_complaint (f->store, id, complaint, "Bob", &error));
  g_assert_no_error (error);
  ASSERT_CHANGES (&seen, id, SITREP_CHANGE_COMPLAINTS | SITREP_CHANGE_TIMELINE);

  records[0].id = id;
  g_assert_true (sitrep_store_record_alerts (f->store, records, 1, &error));
  g_assert_no_error (error);
  ASSERT_CHANGES (&seen, id, SITREP_CHANGE_TIMELINE | SITREP_CHANGE_DEADLINES);

  /* a write that changes nothing says nothing */
  g_assert_true (sitrep_store_set_level (f->store, id, 1, SITREP_TIME_NONE, "Bob", NULL,
                                         &error));
  g_assert_true (sitrep_store_set_owner (f->store, id, "Bob", "Bob", &error));
  g_assert_true (sitrep_store_set_field (f->store, id, "title", " Mail slow ", "Bob", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.n, ==, 0);
}

static void
test_keys (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) imported = sitrep_incident_new ();
  g_autoptr(SitrepIncident) next = sitrep_incident_new ();
  g_autoptr(SitrepIncident) found = NULL;
  gboolean skipped = TRUE;

  for (int i = 1; i <= 3; i++)
    {
      g_autofree char *key = g_strdup_printf ("INC-%d", i);
      g_autoptr(SitrepIncident) incident = NULL;
      gint64 id = create (f->store, "Down", "mail", 2, 0);

      incident = sitrep_store_get_incident (f->store, id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (sitrep_incident_get_key (incident), ==, key);
    }

  sitrep_incident_set_key (imported, "INC-10");
  sitrep_incident_set_title (imported, "Old incident");
  sitrep_incident_set_service (imported, "web");
  sitrep_incident_set_reported_at (imported, T0 - 86400);
  g_assert_true (sitrep_store_import_begin (f->store, &error));
  g_assert_true (sitrep_store_import_incident (f->store, imported, NULL, NULL, FALSE,
                                               &skipped, &error));
  g_assert_no_error (error);
  g_assert_false (skipped);
  g_assert_true (sitrep_store_import_commit (f->store, &error));
  g_assert_no_error (error);

  sitrep_incident_set_title (next, "New");
  sitrep_incident_set_service (next, "web");
  g_assert_true (sitrep_store_create_incident (f->store, next, "Ann", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_key (next), ==, "INC-11");

  /* reopening the database keeps the sequence */
  g_clear_object (&f->store);
  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  create (f->store, "Down", "mail", 2, 0);
  found = sitrep_store_find_incident (f->store, "inc-12", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (raw_int64 (f->path, "SELECT count(*) FROM incidents"), ==, 6);
}

static void
test_append_only (Fixture       *f,
                  gconstpointer  data)
{
  static const char *const statements[] = {
    "UPDATE timeline SET text = 'forged'",
    "DELETE FROM timeline",
    "DELETE FROM incidents",
    "DELETE FROM complaints",
  };
  gint64 id = create (f->store, "Mail down", "mail", 2, T0);
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  sitrep_complaint_set_customer (complaint, "ACME");
  g_assert_true (sitrep_store_add_complaint (f->store, id, complaint, "Ann", &error));
  g_assert_no_error (error);

  db = open_raw (f->path);
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      char *message = NULL;

      g_assert_cmpint (sqlite3_exec (db, statements[i], NULL, NULL, &message), ==,
                       SQLITE_CONSTRAINT);
      g_assert_nonnull (message);
      sqlite3_free (message);
    }
  sqlite3_close (db);

  g_assert_cmpuint (count_entries (f->store, id), ==, 2);
  g_assert_cmpint (sitrep_store_count_incidents (f->store), ==, 1);
  {
    g_autoptr(SitrepTimelineEntry) entry = last_entry (f->store, id);

    g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), !=, "forged");
  }
}

static void
test_external_changes (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) other = sitrep_store_open (f->path, f->clock, &error);
  g_autoptr(SitrepIncident) seen = NULL;
  g_autoptr(SitrepPolicy) policy = NULL;
  g_autoptr(SitrepPolicy) other_policy = NULL;
  guint changed = 0;
  gint64 id;

  g_assert_no_error (error);
  g_signal_connect_swapped (other, "changed", G_CALLBACK (count_cb), &changed);

  g_assert_false (sitrep_store_check_external_changes (other));
  id = create (f->store, "Mail down", "mail", 2, T0);
  g_assert_true (sitrep_store_check_external_changes (other));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_false (sitrep_store_check_external_changes (other));
  g_assert_cmpuint (changed, ==, 1);

  seen = sitrep_store_get_incident (other, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_title (seen), ==, "Mail down");

  /* writes through a store are not external to it */
  g_assert_false (sitrep_store_check_external_changes (f->store));

  /* and the other way round, with a policy change */
  policy = sitrep_store_get_policy (other);
  sitrep_policy_set_minutes (policy, 2, SITREP_POLICY_WINDOW_RESPONSE, 45);
  g_assert_true (sitrep_store_set_policy (other, policy, "Ann", &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_check_external_changes (f->store));
  other_policy = sitrep_store_get_policy (f->store);
  g_assert_cmpint (sitrep_policy_get_minutes (other_policy, 2, SITREP_POLICY_WINDOW_RESPONSE),
                   ==, 45);
}

static void
test_locked (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 2, T0);
  sqlite3 *db = open_raw (f->path);

  sitrep_store_set_busy_timeout (f->store, 50);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (sitrep_store_transition (f->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                           SITREP_TIME_NONE, "Bob", NULL, NULL, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  /* another store cannot write either, but can open and read */
  {
    g_autoptr(SitrepStore) other = sitrep_store_open (f->path, f->clock, &error);
    g_assert_no_error (error);
    sitrep_store_set_busy_timeout (other, 50);
    g_assert_false (sitrep_store_add_note (other, id, SITREP_TIME_NONE, "Bob", SITREP_TAG_NONE,
                                           "hello", &error));
    g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_LOCKED);
    g_clear_error (&error);
  }

  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_NEW);
  g_assert_cmpuint (count_entries (f->store, id), ==, 1);

  /* and works again once the lock is gone */
  g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                          SITREP_TIME_NONE, "Bob", NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_not_a_database (Fixture       *f,
                     gconstpointer  data)
{
  static const char text[] = "This is a shopping list, not a database.\nMilk\nEggs\n";
  g_autofree char *foreign = g_build_filename (f->dir, "foreign.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  SitrepStore *store;
  sqlite3 *db;

  /* a text file */
  g_assert_true (g_file_set_contents (f->path, text, -1, &error));
  before = read_bytes (f->path);
  store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);
  after = read_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_pointer (&before, g_bytes_unref);
  g_clear_pointer (&after, g_bytes_unref);

  /* another program's SQLite database */
  db = open_raw (foreign);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE recipes (name TEXT);"
                                     "INSERT INTO recipes VALUES ('soup');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = read_bytes (foreign);
  store = sitrep_store_open (foreign, f->clock, &error);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);
  after = read_bytes (foreign);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (raw_int64 (foreign, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (raw_int64 (foreign, "SELECT count(*) FROM sqlite_master"), ==, 1);
}

static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  SitrepStore *store;
  sqlite3 *db;

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);

  db = open_raw (f->path);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 7", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = read_bytes (f->path);

  store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_TOO_NEW);
  after = read_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_corrupt (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *contents = NULL;
  SitrepStore *store;
  gsize length;

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 50; i++)
    create (f->store, "Mail server down again", "mail", 2, T0);
  g_clear_object (&f->store);

  /* scribble over everything after the first page */
  g_assert_true (g_file_get_contents (f->path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 8192);
  for (gsize i = 4096; i < length; i++)
    contents[i] = (char) (i * 7);
  g_assert_true (g_file_set_contents (f->path, contents, length, &error));
  before = read_bytes (f->path);

  store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
  after = read_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
}

/* Damage in a large database: opening checks only its structure, and
 * whatever later reads or writes the damaged part says the file is
 * damaged. "Large" is lowered here so that a small file stands in. */
static void
test_corrupt_large (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *details = g_strnfill (1500, 'x');
  g_autoptr(SitrepIncident) extra = sitrep_incident_new ();
  gint64 last = 0;
  gsize length;
  gsize from;

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 300; i++)
    {
      g_autoptr(SitrepIncident) created = sitrep_incident_new ();

      sitrep_incident_set_title (created, "Mail server down again");
      sitrep_incident_set_service (created, "mail");
      sitrep_incident_set_level (created, 2);
      sitrep_incident_set_reported_at (created, T0);
      sitrep_incident_set_details (created, details);
      g_assert_true (sitrep_store_create_incident (f->store, created, "Ann", &error));
      g_assert_no_error (error);
      last = sitrep_incident_get_id (created);
    }
  g_clear_object (&f->store);

  /* Scribble over the second half of the file, where the later incidents,
   * their timeline and their search index are. */
  g_assert_true (g_file_get_contents (f->path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 256 * 1024);
  from = (length / 2) & ~(gsize) 4095;
  for (gsize i = from; i < length; i++)
    contents[i] = (char) (i * 7);
  g_assert_true (g_file_set_contents (f->path, contents, length, &error));

  /* Checked whole (the default for a file this small), it does not open. */
  g_assert_null (sitrep_store_open (f->path, f->clock, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  /* As a large file, it opens: its header, schema and policy are intact. */
  sitrep_store_set_full_check_max_bytes (64 * 1024);
  f->store = sitrep_store_open (f->path, f->clock, &error);
  sitrep_store_set_full_check_max_bytes (16 * 1024 * 1024);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);

  /* Reading the damaged part fails as damage, naming the file... */
  ids = sitrep_store_list_all_ids (f->store, &error);
  g_assert_null (ids);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  incident = sitrep_store_get_incident (f->store, last, &error);
  g_assert_null (incident);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  /* ...and so does writing: a new incident goes next to the last ones. */
  sitrep_incident_set_title (extra, "Printer on fire");
  sitrep_incident_set_service (extra, "printing");
  sitrep_incident_set_level (extra, 3);
  sitrep_incident_set_reported_at (extra, T0);
  g_assert_false (sitrep_store_create_incident (f->store, extra, "Ann", &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  g_assert_false (sitrep_store_add_note (f->store, last, SITREP_TIME_NONE, "Ann",
                                         SITREP_TAG_NONE, "Still down", &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  /* The undamaged part still reads. */
  g_clear_object (&incident);
  incident = sitrep_store_get_incident (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Mail server down again");
}

static void
test_read_only_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  SitrepStore *store;
  int fd;

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  create (f->store, "Mail down", "mail", 2, T0);
  g_clear_object (&f->store);

  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  fd = g_open (f->path, O_WRONLY, 0);
  if (fd >= 0)
    {
      close (fd);
      g_test_skip ("file permissions do not stop this user from writing");
      return;
    }

  before = read_bytes (f->path);
  store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);
  after = read_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));

  /* a writable file in a read-only folder (the journal could not be made) */
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);
  store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, f->dir));
  g_clear_pointer (&after, g_bytes_unref);
  after = read_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (g_chmod (f->dir, 0700), ==, 0);
}

static void
test_no_directory (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing", NULL);
  g_autofree char *path = g_build_filename (missing, "sitrep.db", NULL);
  SitrepStore *store;

  store = sitrep_store_open (path, f->clock, &error);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NO_DIRECTORY);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_default_path (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "sitrep", "sitrep.db",
                                                NULL);
  g_autofree char *path = sitrep_store_default_path ();

  g_assert_cmpstr (path, ==, expected);

  /* the default folder is created (the data folder is a temporary one in
   * tests, see g_test_init (G_TEST_OPTION_ISOLATE_DIRS)) */
  f->store = sitrep_store_open (NULL, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_store_get_path (f->store), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

static void
test_query (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a, b, c, d, e;

  /* a: level 1, Ann's; b: level 2; c: level 3, closed; d: level 2, cancelled;
   * e: level 3, open */
  a = create (f->store, "Mail server down", "mail", 1, T0 - 300);
  b = create (f->store, "Web shop slow (db-01)", "web", 2, T0 - 240);
  c = create (f->store, "VPN question", "vpn", 3, T0 - 3600);
  d = create (f->store, "Duplicate of mail", "mail", 2, T0 - 200);
  e = create (f->store, "Printer jam", "office", 3, T0 - 100);

  g_assert_true (sitrep_store_set_owner (f->store, a, "Ann", "Ann", &error));
  g_assert_true (sitrep_store_set_owner (f->store, b, "Bob", "Ann", &error));
  g_assert_true (sitrep_store_transition (f->store, c, SITREP_TRANSITION_ACKNOWLEDGE,
                                          T0 - 3000, "Ann", NULL, NULL, &error));
  g_assert_true (sitrep_store_transition (f->store, c, SITREP_TRANSITION_RECOVER,
                                          T0 - 2000, "Ann", NULL, NULL, &error));
  g_assert_true (sitrep_store_transition (f->store, c, SITREP_TRANSITION_RESOLVE,
                                          T0 - 1000, "Ann", NULL, NULL, &error));
  g_assert_true (sitrep_store_transition (f->store, c, SITREP_TRANSITION_CLOSE,
                                          T0 - 900, "Ann", NULL, NULL, &error));
  g_assert_true (sitrep_store_transition (f->store, d, SITREP_TRANSITION_CANCEL,
                                          SITREP_TIME_NONE, "Ann", "duplicate", NULL, &error));
  g_assert_true (sitrep_store_add_note (f->store, c, SITREP_TIME_NONE, "Ann", SITREP_TAG_NONE,
                                        "Customer asked about the SSL certificate", &error));
  g_assert_no_error (error);

  /* filters, sorted by next due: a's response is due first (T0 + 300),
   * then b's (T0 + 1560), then e's (T0 + 3500) */
  {
    const gint64 expected[] = { a, b, e };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_OPEN,
                                       SITREP_LIST_SORT_NEXT_DUE, NULL);
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }
  {
    const gint64 expected[] = { a };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_MINE,
                                       SITREP_LIST_SORT_NEXT_DUE, NULL);
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }
  {
    const gint64 expected[] = { a };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_LEVEL_1,
                                       SITREP_LIST_SORT_NEXT_DUE, NULL);
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }
  {
    const gint64 expected[] = { b };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_LEVEL_2,
                                       SITREP_LIST_SORT_NEXT_DUE, NULL);
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }
  {
    const gint64 expected[] = { e };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_LEVEL_3,
                                       SITREP_LIST_SORT_NEXT_DUE, NULL);
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }
  {
    /* open first by next due, then the closed ones by report time */
    const gint64 expected[] = { a, b, e, c, d };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                       SITREP_LIST_SORT_NEXT_DUE, NULL);
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }

  /* at risk: a's response warns at T0 - 300 + 450 */
  {
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_AT_RISK,
                                       SITREP_LIST_SORT_NEXT_DUE, NULL);
    g_assert_cmpuint (ids->len, ==, 0);
  }
  sitrep_clock_set_now (f->clock, T0 + 150);
  {
    const gint64 expected[] = { a };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_AT_RISK,
                                       SITREP_LIST_SORT_NEXT_DUE, NULL);
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }

  /* sorts */
  {
    const gint64 expected[] = { e, d, b, a, c };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                       SITREP_LIST_SORT_NEWEST, NULL);
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }
  {
    const gint64 expected[] = { a, b, d, e, c };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                       SITREP_LIST_SORT_LEVEL, NULL);
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }
  {
    const gint64 expected[] = { e, d, c, b, a };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                       SITREP_LIST_SORT_KEY, NULL);
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }

  /* text */
  {
    static const struct {
      const char *text;
      int         n;
      int         first;   /* index into ids[] */
    } cases[] = {
      { "mail",                 2, 0 },   /* a, d (title or service) */
      { "MAIL server",          1, 0 },
      { "serve",                1, 0 },   /* prefixes */
      { "db-01",                1, 1 },
      { "(db-0",                1, 1 },
      { "ssl",                  1, 2 },   /* the timeline */
      { "INC-5",                1, 4 },   /* a key */
      { "printer OR vpn",       0, 0 },   /* words, not operators */
      { "\"unbalanced",         0, 0 },
      { "NEAR(mail",            0, 0 },
      { "mail*^:-",             2, 0 },
      { "   ",                  5, 0 },   /* nothing to search: no filter */
      { "\"*\" - ^ :",          5, 0 },
      { "prïnter",              1, 4 },   /* diacritics are folded */
    };
    const gint64 ids[] = { a, b, c, d, e };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GArray) found = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                             SITREP_LIST_SORT_KEY, cases[i].text);

        g_test_message ("search “%s”", cases[i].text);
        g_assert_cmpuint (found->len, ==, cases[i].n);
        if (cases[i].n == 1)
          g_assert_cmpint (g_array_index (found, gint64, 0), ==, ids[cases[i].first]);
      }
  }

  /* text and filter together */
  {
    const gint64 expected[] = { a };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_OPEN,
                                       SITREP_LIST_SORT_NEXT_DUE, "mail");
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }

  /* changed details are found under their new words only (a long text
   * is not repeated in the timeline) */
  g_assert_true (sitrep_store_set_field (f->store, e, "details", "The fan is broken", "Ann",
                                         &error));
  g_assert_no_error (error);
  {
    const gint64 expected[] = { e };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                       SITREP_LIST_SORT_KEY, "fan");
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }
  g_assert_true (sitrep_store_set_field (f->store, e, "details", "Out of toner", "Ann",
                                         &error));
  g_assert_no_error (error);
  {
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                       SITREP_LIST_SORT_KEY, "fan");
    g_assert_cmpuint (ids->len, ==, 0);
  }
  {
    const gint64 expected[] = { e };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                       SITREP_LIST_SORT_KEY, "toner");
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }

  {
    g_autoptr(GArray) all = sitrep_store_list_all_ids (f->store, &error);
    const gint64 expected[] = { a, b, c, d, e };

    g_assert_no_error (error);
    assert_ids (all, expected, G_N_ELEMENTS (expected));
  }

  /* what a status report lists: neither closed (c) nor cancelled (d) */
  {
    g_autoptr(GArray) unfinished = sitrep_store_list_unfinished_ids (f->store, &error);
    const gint64 expected[] = { e, b, a };

    g_assert_no_error (error);
    assert_ids (unfinished, expected, G_N_ELEMENTS (expected));
  }
  assert_search_index_sound (f->path);
}

/* Each page is the matching slice of the full list, for every filter, sort
 * and search. */
static void
test_query_page (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char *texts[] = { NULL, "mail", "INC-3", "nothing-matches" };

  for (guint i = 0; i < 23; i++)
    {
      g_autofree char *title = g_strdup_printf ("%s problem %u", i % 3 ? "Web" : "Mail", i);
      gint64 id = create (f->store, title, "mail", 1 + i % 3, T0 - 100 * (gint64) i);

      if (i % 4 == 0)
        g_assert_true (sitrep_store_set_owner (f->store, id, "Ann", "Ann", &error));
      if (i % 5 == 0)
        g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_CANCEL,
                                                SITREP_TIME_NONE, "Ann", NULL, NULL, &error));
      g_assert_no_error (error);
    }

  for (int filter = SITREP_LIST_FILTER_OPEN; filter <= SITREP_LIST_FILTER_ALL; filter++)
    for (int sort = SITREP_LIST_SORT_NEXT_DUE; sort <= SITREP_LIST_SORT_KEY; sort++)
      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          g_autoptr(GArray) all = run_query (f->store, filter, sort, texts[t]);
          SitrepQuery query = { filter, sort, texts[t], "Ann" };
          static const guint pages[][2] = { { 0, 5 }, { 5, 5 }, { 3, 100 }, { 100, 5 },
                                            { 0, 0 } };

          for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
            {
              guint offset = pages[p][0];
              guint limit = pages[p][1];
              g_autoptr(GArray) page = sitrep_store_query_page (f->store, &query, offset, limit,
                                                                &error);
              guint expected = offset < all->len ? MIN (limit, all->len - offset) : 0;

              g_assert_no_error (error);
              g_assert_cmpuint (page->len, ==, expected);
              for (guint k = 0; k < page->len; k++)
                g_assert_cmpint (g_array_index (page, gint64, k), ==,
                                 g_array_index (all, gint64, offset + k));
            }
        }
}

static void
test_read_only_role (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();
  g_autoptr(SitrepContact) contact = sitrep_contact_new ();
  g_autoptr(SitrepPolicy) policy = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 2, T0);
  gboolean results[11];
  guint n = 0;

  sitrep_store_set_read_only (f->store, TRUE);
  g_assert_true (sitrep_store_get_read_only (f->store));

  sitrep_incident_set_title (incident, "Another");
  sitrep_incident_set_service (incident, "web");
  sitrep_complaint_set_customer (complaint, "ACME");
  sitrep_contact_set_name (contact, "Ann");
  policy = sitrep_store_get_policy (f->store);

#define TRY(call) \
  G_STMT_START { \
    results[n++] = (call); \
    g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_READ_ONLY_ROLE); \
    g_assert_cmpstr (error->message, ==, "You have data viewing permission only"); \
    g_clear_error (&error); \
  } G_STMT_END

  TRY (sitrep_store_create_incident (f->store, incident, "Ann", &error));
  TRY (sitrep_store_transition (f->store, id, SITREP_TRANSITION_ACKNOWLEDGE, SITREP_TIME_NONE,
                                "Ann", NULL, NULL, &error));
  TRY (sitrep_store_set_level (f->store, id, 1, SITREP_TIME_NONE, "Ann", NULL, &error));
  TRY (sitrep_store_set_owner (f->store, id, "Ann", "Ann", &error));
  TRY (sitrep_store_set_field (f->store, id, "title", "x", "Ann", &error));
  TRY (sitrep_store_add_note (f->store, id, SITREP_TIME_NONE, "Ann", SITREP_TAG_NONE, "x",
                              &error));
  TRY (sitrep_store_record_notice (f->store, id, SITREP_NOTICE_INITIAL, SITREP_TIME_NONE,
                                   "Ann", NULL, &error));
  TRY (sitrep_store_add_complaint (f->store, id, complaint, "Ann", &error));
  TRY (sitrep_store_set_policy (f->store, policy, "Ann", &error));
  TRY (sitrep_store_save_contact (f->store, contact, &error));
  TRY (sitrep_store_import_begin (f->store, &error));

#undef TRY

  for (guint i = 0; i < n; i++)
    g_assert_false (results[i]);

  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_NEW);
  g_assert_cmpuint (count_entries (f->store, id), ==, 1);
  g_assert_cmpint (sitrep_store_count_incidents (f->store), ==, 1);

  /* the alerts this desktop raised are still remembered, so that they are
   * not raised again */
  g_assert_true (sitrep_store_record_alert (f->store, id, "response-warning", T0, NULL,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (f->store, id), ==, 2);
  {
    g_autoptr(GHashTable) raised = sitrep_store_list_raised_alerts (f->store, id, &error);

    g_assert_no_error (error);
    g_assert_true (g_hash_table_contains (raised, "response-warning"));
  }
  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_NEW);

  sitrep_store_set_read_only (f->store, FALSE);
  g_assert_true (sitrep_store_add_note (f->store, id, SITREP_TIME_NONE, "Ann", SITREP_TAG_NONE,
                                        "x", &error));
  g_assert_no_error (error);
}

static void
test_policy (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepPolicy) policy = NULL;
  g_autoptr(SitrepPolicy) stored = NULL;
  g_autofree char *sql = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 2, T0);
  gint64 closed = create (f->store, "Old", "mail", 2, T0);
  guint changed = 0;

  g_assert_true (sitrep_store_transition (f->store, closed, SITREP_TRANSITION_CANCEL,
                                          SITREP_TIME_NONE, "Ann", NULL, NULL, &error));
  g_assert_no_error (error);

  sql = g_strdup_printf ("SELECT next_due FROM incidents WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (raw_int64 (f->path, sql), ==, T0 + 30 * 60);

  g_signal_connect_swapped (f->store, "changed", G_CALLBACK (count_cb), &changed);
  policy = sitrep_store_get_policy (f->store);
  sitrep_policy_set_minutes (policy, 2, SITREP_POLICY_WINDOW_RESPONSE, 90);
  g_assert_true (sitrep_store_set_policy (f->store, policy, "Ann", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);

  /* the recovery (6 h) is now the response's (90 min) … */
  g_assert_cmpint (raw_int64 (f->path, sql), ==, T0 + 90 * 60);
  stored = sitrep_store_get_policy (f->store);
  g_assert_true (sitrep_policy_equal (stored, policy));

  /* … and stays so after reopening */
  g_clear_object (&stored);
  g_clear_object (&f->store);
  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  stored = sitrep_store_get_policy (f->store);
  g_assert_true (sitrep_policy_equal (stored, policy));

  /* a window of zero minutes is refused */
  sitrep_policy_set_minutes (policy, 1, SITREP_POLICY_WINDOW_RECOVERY, 0);
  g_assert_false (sitrep_store_set_policy (f->store, policy, "Ann", &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "Level 1: the recovery time must be at least one minute");
  g_assert_cmpint (raw_int64 (f->path, sql), ==, T0 + 90 * 60);
}

static void
test_contacts (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContact) contact = sitrep_contact_new ();
  g_autoptr(GPtrArray) contacts = NULL;

  sitrep_contact_set_name (contact, " Zoe ");
  sitrep_contact_set_role (contact, SITREP_ROLE_RND_LEADER);
  sitrep_contact_set_email (contact, "zoe@example.com");
  g_assert_true (sitrep_store_save_contact (f->store, contact, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_contact_get_id (contact), >, 0);

  sitrep_contact_set_phone (contact, "+1 555 0100");
  g_assert_true (sitrep_store_save_contact (f->store, contact, &error));
  g_assert_no_error (error);

  contacts = sitrep_store_list_contacts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 1);
  g_assert_cmpstr (sitrep_contact_get_name (g_ptr_array_index (contacts, 0)), ==, "Zoe");
  g_assert_cmpint (sitrep_contact_get_role (g_ptr_array_index (contacts, 0)), ==,
                   SITREP_ROLE_RND_LEADER);
  g_assert_cmpstr (sitrep_contact_get_phone (g_ptr_array_index (contacts, 0)), ==,
                   "+1 555 0100");
  g_clear_pointer (&contacts, g_ptr_array_unref);

  g_assert_true (sitrep_store_remove_contact (f->store, sitrep_contact_get_id (contact), &error));
  g_assert_no_error (error);
  contacts = sitrep_store_list_contacts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 0);
}

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
        g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID_VALUE);
        g_clear_error (&error);
      }
    sitrep_store_import_rollback (f->store);
  }
}

/* A snapshot (as an export takes) sees one state of the database, even
 * while another program writes to it. */
static void
test_snapshot (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SitrepStore) other = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = create (f->store, "Mail queue stuck", "Mail", 2, T0);

  other = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);

  g_assert_true (sitrep_store_begin_snapshot (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_NEW);

  /* another program acknowledges it and adds an incident meanwhile */
  g_assert_true (sitrep_store_transition (other, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                          SITREP_TIME_NONE, "Bo", NULL, NULL, &error));
  g_assert_no_error (error);
  create (other, "VPN down", "VPN", 1, T0);

  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_NEW);
  g_assert_cmpint (sitrep_store_count_incidents (f->store), ==, 1);
  sitrep_store_end_snapshot (f->store);

  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_ACKNOWLEDGED);
  g_assert_cmpint (sitrep_store_count_incidents (f->store), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/sitrep/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_DIR(path, func) \
  g_test_add ("/sitrep/store/" path, Fixture, NULL, dir_set_up, func, fixture_tear_down)

  ADD_DIR ("create-empty", test_create_empty);
  ADD_DIR ("migrate-from-1", test_migrate_from_1);
  ADD_DIR ("migrate-from-2", test_migrate_from_2);
  ADD ("reopen", test_reopen);
  ADD ("create-invalid", test_create_invalid);
  ADD ("transitions/legal", test_transitions_legal);
  ADD ("transitions/illegal", test_transitions_illegal);
  ADD ("transitions/times", test_transition_times);
  ADD ("level-owner-fields", test_level_owner_fields);
  ADD ("notes-notices-complaints", test_notes_notices_complaints);
  ADD ("alerts", test_alerts);
  ADD ("record-alerts", test_record_alerts);
  ADD ("changes", test_changes);
  ADD ("keys", test_keys);
  ADD ("append-only", test_append_only);
  ADD ("external-changes", test_external_changes);
  ADD ("snapshot", test_snapshot);
  ADD ("locked", test_locked);
  ADD_DIR ("not-a-database", test_not_a_database);
  ADD_DIR ("too-new", test_too_new);
  ADD_DIR ("corrupt", test_corrupt);
  ADD_DIR ("corrupt-large", test_corrupt_large);
  ADD_DIR ("read-only-file", test_read_only_file);
  ADD_DIR ("no-directory", test_no_directory);
  ADD_DIR ("default-path", test_default_path);
  ADD ("query", test_query);
  ADD ("query-page", test_query_page);
  ADD ("read-only-role", test_read_only_role);
  ADD ("policy", test_policy);
  ADD ("contacts", test_contacts);
  ADD ("import", test_import);

#undef ADD
#undef ADD_DIR

  return g_test_run ();
}
