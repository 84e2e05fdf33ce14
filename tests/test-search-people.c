/* test-search-people.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-store-common.h"

/*
 * The search finds incidents by their people: owner, reporter, the
 * authors of timeline entries and the customers of complaints, and the
 * index follows every change to them.
 */

/* The incidents whose words match @text, under the filter "all". */
static guint
count_found (SitrepStore *store,
             const char  *text)
{
  g_autoptr(GArray) ids = run_query (store, SITREP_LIST_FILTER_ALL, SITREP_LIST_SORT_KEY, text);

  return ids->len;
}

static gboolean
found (SitrepStore *store,
       const char  *text,
       gint64       id)
{
  g_autoptr(GArray) ids = run_query (store, SITREP_LIST_FILTER_ALL, SITREP_LIST_SORT_KEY, text);

  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;

  return FALSE;
}

static gint64
create_with_people (SitrepStore *store,
                    const char  *title,
                    const char  *owner,
                    const char  *reporter)
{
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(GError) error = NULL;

  sitrep_incident_set_title (incident, title);
  sitrep_incident_set_service (incident, "Portal");
  sitrep_incident_set_level (incident, 2);
  sitrep_incident_set_reported_at (incident, T0);
  sitrep_incident_set_owner (incident, owner);
  sitrep_incident_set_reporter_name (incident, reporter);
  g_assert_true (sitrep_store_create_incident (store, incident, "Ann", &error));
  g_assert_no_error (error);

  return sitrep_incident_get_id (incident);
}

/* Runs @sql on the database behind the store's back: only the triggers
 * can keep the index right. */
static void
exec_raw (Fixture    *f,
          const char *sql)
{
  raw_exec (f->path, sql);
}

static void
test_owner_and_reporter (Fixture       *f,
                         gconstpointer  data)
{
  gint64 id = create_with_people (f->store, "Login page fails", "Mei Lin", "Priya Natarajan");

  create_with_people (f->store, "Slow reports", "Grace", NULL);

  /* a first name, a last name, a prefix, in any case */
  g_assert_true (found (f->store, "Mei", id));
  g_assert_cmpuint (count_found (f->store, "mei"), ==, 1);
  g_assert_cmpuint (count_found (f->store, "Lin"), ==, 1);
  g_assert_cmpuint (count_found (f->store, "Natara"), ==, 1);
  g_assert_cmpuint (count_found (f->store, "Mei login"), ==, 1);
  g_assert_cmpuint (count_found (f->store, "Mei slow"), ==, 0);

  /* a change of owner or reporter replaces the words, even written
   * without a timeline entry */
  exec_raw (f, "UPDATE incidents SET owner = 'Zhou', reporter_name = 'Olu'"
               " WHERE owner = 'Mei Lin'");
  g_assert_cmpuint (count_found (f->store, "Mei"), ==, 0);
  g_assert_cmpuint (count_found (f->store, "Natarajan"), ==, 0);
  g_assert_true (found (f->store, "Zhou", id));
  g_assert_true (found (f->store, "Olu", id));
  assert_search_index_sound (f->path);
}

static void
test_set_owner (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (f->store, "Mail delivery stopped", "Mail", 1, T0);

  g_assert_cmpuint (count_found (f->store, "Svetlana"), ==, 0);
  g_assert_true (sitrep_store_set_owner (f->store, id, "Svetlana", "Ann", &error));
  g_assert_no_error (error);
  g_assert_true (found (f->store, "Svetlana", id));
  assert_search_index_sound (f->path);
}

static void
test_entry_authors (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (f->store, "Mail delivery stopped", "Mail", 1, T0);

  create (f->store, "Printer offline", "Office", 3, T0);
  g_assert_cmpuint (count_found (f->store, "Tomasz"), ==, 0);

  g_assert_true (sitrep_store_add_note (f->store, id, T0, "Tomasz", SITREP_TAG_ACTION,
                                        "Restarted the relay", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_found (f->store, "Tomasz"), ==, 1);
  g_assert_true (found (f->store, "Tomasz", id));
  /* the author who created it ("Ann") too */
  g_assert_cmpuint (count_found (f->store, "Ann"), ==, 2);

  /* an entry with an author and no text still brings its author */
  exec_raw (f, "INSERT INTO timeline (incident_id, occurred_at, recorded_at, author, kind)"
               " SELECT id, 1772357400, 1772357400, 'Kwame', 'note' FROM incidents"
               " WHERE title = 'Printer offline'");
  g_assert_cmpuint (count_found (f->store, "Kwame"), ==, 1);
  g_assert_false (found (f->store, "Kwame", id));
  assert_search_index_sound (f->path);
}

static void
test_complaint_customers (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) other = NULL;
  gint64 id = create (f->store, "Payment gateway timeouts", "Payments", 1, T0);
  gint64 other_id = create (f->store, "Card refunds late", "Payments", 2, T0);

  sitrep_complaint_set_customer (complaint, "Acme Logistics");
  sitrep_complaint_set_summary (complaint, "Checkout fails");
  sitrep_complaint_set_received_at (complaint, T0);
  g_assert_true (sitrep_store_add_complaint (f->store, id, complaint, "Ann", &error));
  g_assert_no_error (error);
  g_assert_true (found (f->store, "Acme", id));

  /* a customer corrected in the database: the new name is found */
  exec_raw (f, "UPDATE complaints SET customer = 'Globex Shipping'");
  g_assert_true (found (f->store, "Globex", id));
  g_assert_false (found (f->store, "Globex", other_id));

  /* a complaint moved to another incident brings its customer along */
  other = sitrep_store_get_incident (f->store, other_id, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_store_move_complaint (f->store, sitrep_complaint_get_id (complaint),
                                              sitrep_incident_get_key (other), "Ann", &error));
  g_assert_no_error (error);
  g_assert_true (found (f->store, "Globex", other_id));
  assert_search_index_sound (f->path);
}

static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create_with_people (f->store, "Login page fails", "Mei Lin", "Priya");

  create_with_people (f->store, "Slow reports", NULL, NULL);
  g_clear_object (&f->store);

  store_test_downgrade_to_4 (f->path);
  g_assert_cmpint (raw_int64 (f->path, "SELECT count(*) FROM incident_search "
                                       "WHERE incident_search MATCH 'Mei'"), ==, 0);

  /* a version-4 database gains people in its search and keeps its
   * incidents and their words */
  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int64 (f->path, "PRAGMA user_version"), ==, SITREP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sitrep_store_count_incidents (f->store), ==, 2);
  g_assert_true (found (f->store, "Mei", id));
  g_assert_true (found (f->store, "Priya", id));
  g_assert_true (found (f->store, "login", id));
  g_assert_cmpuint (count_found (f->store, "Ann"), ==, 2);
  assert_search_index_sound (f->path);
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(GPtrArray) timeline = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) complaints = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SitrepTimelineEntry) entry = sitrep_timeline_entry_new ();
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();
  g_autoptr(GError) error = NULL;
  gboolean skipped = FALSE;

  /* an import fills the index in bulk, people included */
  sitrep_incident_set_key (incident, "INC-40");
  sitrep_incident_set_title (incident, "Imported fault");
  sitrep_incident_set_service (incident, "Portal");
  sitrep_incident_set_level (incident, 2);
  sitrep_incident_set_status (incident, SITREP_STATUS_NEW);
  sitrep_incident_set_reported_at (incident, T0);
  sitrep_incident_set_occurred_at (incident, T0);
  sitrep_incident_set_owner (incident, "Ingrid");
  sitrep_timeline_entry_set_occurred_at (entry, T0);
  sitrep_timeline_entry_set_recorded_at (entry, T0);
  sitrep_timeline_entry_set_author (entry, "Bjorn");
  sitrep_timeline_entry_set_kind (entry, SITREP_ENTRY_KIND_NOTE);
  sitrep_timeline_entry_set_text (entry, "Bridge opened");
  g_ptr_array_add (timeline, g_object_ref (entry));
  sitrep_complaint_set_customer (complaint, "Initech");
  sitrep_complaint_set_received_at (complaint, T0);
  g_ptr_array_add (complaints, g_object_ref (complaint));

  g_assert_true (sitrep_store_import_begin (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_import_incident (f->store, incident, timeline, complaints,
                                               FALSE, &skipped, &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_import_commit (f->store, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (count_found (f->store, "Ingrid"), ==, 1);
  g_assert_cmpuint (count_found (f->store, "Bjorn"), ==, 1);
  g_assert_cmpuint (count_found (f->store, "Initech"), ==, 1);
  assert_search_index_sound (f->path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_store_test ("search-people/owner-and-reporter", test_owner_and_reporter);
  add_store_test ("search-people/set-owner", test_set_owner);
  add_store_test ("search-people/entry-authors", test_entry_authors);
  add_store_test ("search-people/complaint-customers", test_complaint_customers);
  add_file_test ("search-people/migration", test_migration);
  add_store_test ("search-people/import", test_import);

  return g_test_run ();
}
