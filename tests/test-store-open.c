/* test-store-open.c: the store: opening, migrating, damaged and locked files
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

#include "sitrep-backup.h"
#include "test-store-common.h"

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
  g_assert_cmpint (sitrep_store_get_schema_version (f->store), ==, SITREP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int64 (f->path, "PRAGMA user_version"), ==, SITREP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sitrep_store_count_incidents (f->store), ==, 0);
  policy = sitrep_store_get_policy (f->store);
  g_assert_true (sitrep_policy_equal (policy, defaults));

  /* an empty file */
  g_assert_true (g_file_set_contents (empty, "", 0, &error));
  store = sitrep_store_open (empty, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int64 (empty, "PRAGMA user_version"), ==, SITREP_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (sitrep_store_get_path (store), ==, empty);
}

/* Turns the database at @path back into one of version 3: complaints with
 * the boolean "attributed", no final-report fields, no team sections, no
 * indexes of the monthly analysis. */
static void
downgrade_to_3 (const char *path)
{
  sqlite3 *db;

  store_test_downgrade_to_4 (path);
  db = open_raw (path);

  g_assert_cmpint (sqlite3_exec (db,
                                 "ALTER TABLE complaints ADD COLUMN attributed INTEGER NOT NULL"
                                 "  DEFAULT 0;"
                                 "UPDATE complaints SET attributed = (verdict = 'attributed');"
                                 "ALTER TABLE complaints DROP COLUMN verdict;"
                                 "ALTER TABLE complaints DROP COLUMN verdict_reason;"
                                 "ALTER TABLE complaints DROP COLUMN channel;"
                                 "DROP INDEX incidents_monthly;"
                                 "DROP INDEX incidents_by_resolved;"
                                 "ALTER TABLE incidents DROP COLUMN impact;"
                                 "ALTER TABLE incidents DROP COLUMN affected_count;"
                                 "ALTER TABLE incidents DROP COLUMN corrective_actions;"
                                 "ALTER TABLE incidents DROP COLUMN lessons_learned;"
                                 "DROP TABLE team_sections;"
                                 "PRAGMA user_version = 3;",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Turns the database at @path back into one of version 2: a full-text
 * index of the incidents' fields and another of the timeline entries,
 * kept by triggers. */
static void
downgrade_to_2 (const char *path)
{
  sqlite3 *db;

  downgrade_to_3 (path);
  db = open_raw (path);

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
  g_assert_cmpint (sitrep_store_get_schema_version (f->store), ==, SITREP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int64 (f->path, "PRAGMA user_version"), ==, SITREP_STORE_SCHEMA_VERSION);
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
  g_assert_cmpint (sitrep_store_get_schema_version (f->store), ==, SITREP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int64 (f->path, "PRAGMA user_version"), ==, SITREP_STORE_SCHEMA_VERSION);
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

/* Damage in a large database: opening checks its structure and every page
 * of its incidents and complaints, and whatever later reads or writes a
 * damaged index says the file is damaged. "Large" is lowered here so that
 * a small file stands in. */
static void
test_corrupt_large (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(SitrepStore) reader = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *details = g_strnfill (1500, 'x');
  g_autoptr(SitrepIncident) extra = sitrep_incident_new ();
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
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

  g_assert_true (g_file_get_contents (f->path, &contents, &length, &error));
  g_assert_true (g_file_set_contents (copy, contents, length, &error));

  /* Scribble over the second half of the file, where the later incidents,
   * their timeline and their search index are. */
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

  /* Nor as a large file: its incidents are damaged. */
  sitrep_store_set_full_check_max_bytes (64 * 1024);
  g_assert_null (sitrep_store_open (f->path, f->clock, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  /* A reader reading the damaged part says so, naming the file... */
  reader = sitrep_store_open_reader (f->path, f->clock, &error);
  g_assert_no_error (error);
  incident = sitrep_store_get_incident (reader, last, &error);
  g_assert_null (incident);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  /* ...and the undamaged part still reads. */
  incident = sitrep_store_get_incident (reader, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Mail server down again");
  g_clear_object (&reader);

  /* Damage in an index only: the store opens, and the write that meets
   * the damage fails as damage (a new incident goes at the end of the
   * index by report time). */
  g_assert_cmpuint (damage_pages (copy, "SELECT pageno FROM dbstat "
                                        "WHERE name = 'incidents_by_reported'"),
                    >, 0);
  f->store = sitrep_store_open (copy, f->clock, &error);
  sitrep_store_set_full_check_max_bytes (16 * 1024 * 1024);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);

  sitrep_incident_set_title (extra, "Printer on fire");
  sitrep_incident_set_service (extra, "printing");
  sitrep_incident_set_level (extra, 3);
  sitrep_incident_set_reported_at (extra, T0);
  g_assert_false (sitrep_store_create_incident (f->store, extra, "Ann", &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, copy));
  g_clear_error (&error);

  /* the rest reads */
  g_clear_object (&incident);
  incident = sitrep_store_get_incident (f->store, last, &error);
  g_assert_no_error (error);
  g_assert_nonnull (incident);
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
add_test_complaint (SitrepStore *store,
                    gint64       id,
                    const char  *ref,
                    gboolean     attributed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();

  sitrep_complaint_set_ref (complaint, ref);
  sitrep_complaint_set_customer (complaint, "ACME");
  sitrep_complaint_set_attributed (complaint, attributed);
  g_assert_true (sitrep_store_add_complaint (store, id, complaint, "Ann", &error));
  g_assert_no_error (error);
}

/* A database of version 3 keeps its complaints, whose boolean becomes the
 * verdict (attributed, or not yet analysed: "not attributed" was never a
 * decision), and gains the final report's fields, the teams' sections and
 * the monthly analysis's indexes. A backup of the old file is taken first. */
static void
test_migrate_from_3 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) complaints = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  gint64 a;

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  a = create (f->store, "Mail down", "mail", 2, T0);
  add_test_complaint (f->store, a, "C-1", TRUE);
  add_test_complaint (f->store, a, "C-2", FALSE);
  g_clear_object (&f->store);

  downgrade_to_3 (f->path);
  g_assert_cmpint (raw_int64 (f->path, "SELECT count(*) FROM pragma_table_info ('complaints')"
                                       " WHERE name = 'verdict'"), ==, 0);
  g_assert_cmpint (raw_int64 (f->path, "SELECT sum (attributed) FROM complaints"), ==, 1);
  backups = sitrep_backup_list (f->path);
  g_assert_cmpuint (backups->len, ==, 0);
  g_clear_pointer (&backups, g_ptr_array_unref);

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_store_get_schema_version (f->store), ==, SITREP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int64 (f->path, "PRAGMA user_version"), ==, SITREP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int64 (f->path, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                       "('incidents_monthly', 'incidents_by_resolved', "
                                       "'team_sections')"), ==, 3);

  /* the old file, kept as a backup of version 3 */
  backups = sitrep_backup_list (f->path);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (backups, 0), "migration"));
  g_assert_cmpint (raw_int64 (g_ptr_array_index (backups, 0), "PRAGMA user_version"), ==, 3);

  complaints = sitrep_store_list_complaints (f->store, a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (complaints->len, ==, 2);
  g_assert_cmpint (sitrep_complaint_get_verdict (g_ptr_array_index (complaints, 0)), ==,
                   SITREP_VERDICT_ATTRIBUTED);
  g_assert_cmpint (sitrep_complaint_get_verdict (g_ptr_array_index (complaints, 1)), ==,
                   SITREP_VERDICT_NOT_ANALYSED);
  g_assert_cmpint (sitrep_complaint_get_channel (g_ptr_array_index (complaints, 1)), ==,
                   SITREP_CHANNEL_OTHER);
  g_assert_null (sitrep_complaint_get_verdict_reason (g_ptr_array_index (complaints, 1)));

  incident = sitrep_store_get_incident (f->store, a, &error);
  g_assert_no_error (error);
  g_assert_null (sitrep_incident_get_impact (incident));
  g_assert_cmpint (sitrep_incident_get_affected_count (incident), ==, -1);

  /* the new fields and tables are written */
  g_assert_true (sitrep_store_set_field (f->store, a, "affected_count", "120", "Ann", &error));
  g_assert_true (sitrep_store_set_team_section (f->store, a, "Web team", "Page cached",
                                                "Ann", &error));
  g_assert_no_error (error);
  sections = sitrep_store_list_team_sections (f->store, a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sections->len, ==, 1);

  /* opening it again migrates nothing and backs nothing up */
  g_clear_object (&f->store);
  g_clear_pointer (&backups, g_ptr_array_unref);
  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  backups = sitrep_backup_list (f->path);
  g_assert_cmpuint (backups->len, ==, 1);
}

/* Without a backup, an older database is not migrated: the open fails
 * naming the database and the backup folder, and the file stays as it
 * was. */
static void
test_migrate_needs_backup (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = sitrep_backup_get_folder (f->path);
  gint64 a;

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  a = create (f->store, "Mail down", "mail", 2, T0);
  add_test_complaint (f->store, a, "C-1", TRUE);
  g_clear_object (&f->store);
  downgrade_to_3 (f->path);

  /* a file where the backup folder would be */
  g_assert_true (g_file_set_contents (folder, "not a folder", -1, &error));
  g_assert_no_error (error);

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_null (f->store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_nonnull (strstr (error->message, folder));
  g_clear_error (&error);

  g_assert_cmpint (raw_int64 (f->path, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (raw_int64 (f->path, "SELECT sum (attributed) FROM complaints"), ==, 1);

  /* with the folder back, it is */
  g_assert_cmpint (g_unlink (folder), ==, 0);
  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int64 (f->path, "PRAGMA user_version"), ==, SITREP_STORE_SCHEMA_VERSION);
}

/* A database of version 5 gets row versions: its incidents start at 1,
 * keep everything else, and a write checked against them works. */
static void
test_migrate_from_5 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  gint64 a;

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  a = create (f->store, "Mail down", "mail", 2, T0 - 300);
  g_assert_true (sitrep_store_set_field (f->store, a, "title", "Mail down in Berlin", "Ann",
                                         &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);

  store_test_downgrade_to_5 (f->path);

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int64 (f->path, "PRAGMA user_version"), ==, SITREP_STORE_SCHEMA_VERSION);
  incident = sitrep_store_get_incident (f->store, a, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Mail down in Berlin");
  g_assert_cmpint (sitrep_incident_get_version (incident), ==, 1);
  g_clear_object (&incident);

  sitrep_store_expect_version (f->store, a, 1);
  g_assert_true (sitrep_store_set_field (f->store, a, "service", "mail relay", "Ann", &error));
  g_assert_no_error (error);
  incident = sitrep_store_get_incident (f->store, a, &error);
  g_assert_cmpint (sitrep_incident_get_version (incident), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_dir_test ("create-empty", test_create_empty);
  add_dir_test ("migrate-from-1", test_migrate_from_1);
  add_dir_test ("migrate-from-2", test_migrate_from_2);
  add_dir_test ("migrate-from-3", test_migrate_from_3);
  add_dir_test ("migrate-from-5", test_migrate_from_5);
  add_dir_test ("migrate-needs-backup", test_migrate_needs_backup);
  add_store_test ("reopen", test_reopen);
  /* a team database announces its changes itself (test-team-store) */
  add_file_test ("external-changes", test_external_changes);
  add_store_test ("snapshot", test_snapshot);
  add_file_test ("locked", test_locked);
  add_dir_test ("not-a-database", test_not_a_database);
  add_dir_test ("too-new", test_too_new);
  add_dir_test ("corrupt", test_corrupt);
  add_dir_test ("corrupt-large", test_corrupt_large);
  add_dir_test ("read-only-file", test_read_only_file);
  add_dir_test ("no-directory", test_no_directory);
  add_dir_test ("default-path", test_default_path);

  return g_test_run ();
}
