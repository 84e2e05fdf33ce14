/* test-store-reader.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "test-store-common.h"

/* The ids of @array, for comparing two of them. */
static void
assert_same_ids (GArray *a,
                 GArray *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpmem (a->data, a->len * sizeof (gint64), b->data, b->len * sizeof (gint64));
}

static void
test_reads (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) reader = NULL;
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();
  g_autoptr(SitrepContact) contact = sitrep_contact_new ();
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(SitrepIncident) found = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GPtrArray) complaints = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GHashTable) raised = NULL;
  g_autoptr(SitrepPolicy) policy = NULL;
  g_autoptr(SitrepPolicy) writer_policy = NULL;
  SitrepQuery query = { SITREP_LIST_FILTER_ALL, SITREP_LIST_SORT_KEY, NULL, NULL };
  gint64 id = create (f->store, "Mail down", "mail", 1, T0);
  gint64 other = create (f->store, "Printer jam", "print", 3, T0);

  g_assert_true (sitrep_store_add_note (f->store, id, SITREP_TIME_NONE, "Bob", SITREP_TAG_ACTION,
                                        "Restarted the relay", &error));
  g_assert_no_error (error);
  sitrep_complaint_set_customer (complaint, "ACME");
  sitrep_complaint_set_received_at (complaint, T0 + 60);
  g_assert_true (sitrep_store_add_complaint (f->store, id, complaint, "Bob", &error));
  g_assert_no_error (error);
  sitrep_contact_set_name (contact, "Ann");
  g_assert_true (sitrep_store_save_contact (f->store, contact, &error));
  g_assert_no_error (error);
  sitrep_clock_advance (f->clock, 3600);
  g_assert_true (sitrep_store_record_alert (f->store, id, "response-breach", T0 + 600,
                                            "Response overdue", &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_transition (f->store, other, SITREP_TRANSITION_CANCEL,
                                          SITREP_TIME_NONE, "Bob", "Duplicate", NULL, &error));
  g_assert_no_error (error);

  reader = sitrep_store_open_reader (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reader);
  g_assert_cmpint (sitrep_store_get_schema_version (reader), ==,
                   sitrep_store_get_schema_version (f->store));

  incident = sitrep_store_get_incident (reader, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Mail down");
  found = sitrep_store_find_incident (reader, sitrep_incident_get_key (incident), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_incident_get_id (found), ==, id);

  timeline = sitrep_store_list_timeline (reader, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, count_entries (f->store, id));
  complaints = sitrep_store_list_complaints (reader, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (complaints->len, ==, 1);
  contacts = sitrep_store_list_contacts (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 1);
  raised = sitrep_store_list_raised_alerts (reader, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (raised, "response-breach"));

  for (int filter = SITREP_LIST_FILTER_OPEN; filter <= SITREP_LIST_FILTER_ALL; filter++)
    {
      g_autoptr(GArray) mine = NULL;
      g_autoptr(GArray) theirs = NULL;

      query.filter = filter;
      query.text = filter == SITREP_LIST_FILTER_ALL ? "relay" : NULL;
      mine = sitrep_store_query (reader, &query, &error);
      g_assert_no_error (error);
      theirs = sitrep_store_query (f->store, &query, &error);
      g_assert_no_error (error);
      assert_same_ids (mine, theirs);

      g_clear_pointer (&mine, g_array_unref);
      g_clear_pointer (&theirs, g_array_unref);
      mine = sitrep_store_query_page (reader, &query, 0, 1, &error);
      g_assert_no_error (error);
      theirs = sitrep_store_query_page (f->store, &query, 0, 1, &error);
      g_assert_no_error (error);
      assert_same_ids (mine, theirs);
    }

  {
    g_autoptr(GArray) mine = sitrep_store_list_all_ids (reader, &error);
    g_autoptr(GArray) theirs = sitrep_store_list_all_ids (f->store, NULL);

    g_assert_no_error (error);
    g_assert_cmpuint (mine->len, ==, 2);
    assert_same_ids (mine, theirs);
  }
  {
    g_autoptr(GArray) mine = sitrep_store_list_unfinished_ids (reader, &error);
    g_autoptr(GArray) theirs = sitrep_store_list_unfinished_ids (f->store, NULL);

    g_assert_no_error (error);
    g_assert_cmpuint (mine->len, ==, 1);
    assert_same_ids (mine, theirs);
  }
  {
    gint64 now = sitrep_clock_get_now (f->clock) + 7 * 24 * 3600;
    g_autoptr(GArray) mine = sitrep_store_list_alerting_ids (reader, now, &error);
    g_autoptr(GArray) theirs = sitrep_store_list_alerting_ids (f->store, now, NULL);

    g_assert_no_error (error);
    g_assert_cmpuint (mine->len, ==, 1);
    assert_same_ids (mine, theirs);
  }

  g_assert_cmpint (sitrep_store_count_incidents (reader), ==, 2);
  g_assert_cmpint (sitrep_store_get_next_alert_at (reader), ==,
                   sitrep_store_get_next_alert_at (f->store));
  g_assert_cmpint (sitrep_store_get_next_alert_at (reader), !=, SITREP_TIME_NONE);

  policy = sitrep_store_get_policy (reader);
  writer_policy = sitrep_store_get_policy (f->store);
  g_assert_true (sitrep_policy_equal (policy, writer_policy));
}

static void
assert_refused (gboolean   ok,
                GError   **error)
{
  g_assert_false (ok);
  g_assert_error (*error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_READ_ONLY);
  g_clear_error (error);
}

static void
test_writes_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) reader = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();
  g_autoptr(SitrepContact) contact = sitrep_contact_new ();
  g_autoptr(SitrepPolicy) policy = NULL;
  SitrepAlertRecord record = { 0, "response-warning", T0, NULL };
  gint64 id = create (f->store, "Mail down", "mail", 2, T0);
  gint64 before = raw_int64 (f->path, "SELECT count(*) FROM timeline");
  guint signalled = 0;

  reader = sitrep_store_open_reader (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_signal_connect_swapped (reader, "incident-changed", G_CALLBACK (count_cb), &signalled);

  sitrep_incident_set_title (incident, "Another");
  sitrep_incident_set_service (incident, "web");
  sitrep_incident_set_level (incident, 2);
  assert_refused (sitrep_store_create_incident (reader, incident, "Ann", &error), &error);
  assert_refused (sitrep_store_transition (reader, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                           SITREP_TIME_NONE, "Ann", NULL, NULL, &error),
                  &error);
  assert_refused (sitrep_store_set_level (reader, id, 1, SITREP_TIME_NONE, "Ann", NULL, &error),
                  &error);
  assert_refused (sitrep_store_set_owner (reader, id, "Ann", "Ann", &error), &error);
  assert_refused (sitrep_store_set_field (reader, id, "title", "Other", "Ann", &error), &error);
  assert_refused (sitrep_store_add_note (reader, id, SITREP_TIME_NONE, "Ann", SITREP_TAG_NONE,
                                         "hello", &error),
                  &error);
  assert_refused (sitrep_store_record_notice (reader, id, SITREP_NOTICE_INITIAL,
                                              SITREP_TIME_NONE, "Ann", "Mail down", &error),
                  &error);
  sitrep_complaint_set_received_at (complaint, T0);
  assert_refused (sitrep_store_add_complaint (reader, id, complaint, "Ann", &error), &error);
  policy = sitrep_store_get_policy (reader);
  sitrep_policy_set_minutes (policy, 2, SITREP_POLICY_WINDOW_RESPONSE, 45);
  assert_refused (sitrep_store_set_policy (reader, policy, "Ann", &error), &error);
  sitrep_contact_set_name (contact, "Ann");
  assert_refused (sitrep_store_save_contact (reader, contact, &error), &error);
  assert_refused (sitrep_store_remove_contact (reader, 1, &error), &error);
  assert_refused (sitrep_store_record_alert (reader, id, "response-warning", T0, NULL, &error),
                  &error);
  record.id = id;
  assert_refused (sitrep_store_record_alerts (reader, &record, 1, &error), &error);
  assert_refused (sitrep_store_import_begin (reader, &error), &error);

  g_assert_cmpuint (signalled, ==, 0);
  g_assert_cmpint (raw_int64 (f->path, "SELECT count(*) FROM timeline"), ==, before);
  g_assert_cmpint (raw_int64 (f->path, "SELECT count(*) FROM incidents"), ==, 1);
  g_assert_cmpint (raw_int64 (f->path, "SELECT count(*) FROM contacts"), ==, 0);
  g_assert_cmpint (raw_int64 (f->path, "SELECT count(*) FROM alerts"), ==, 0);

  /* and the writing store still writes */
  g_assert_true (sitrep_store_add_note (f->store, id, SITREP_TIME_NONE, "Ann", SITREP_TAG_NONE,
                                        "hello", &error));
  g_assert_no_error (error);
}

static void
test_open_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) reader = NULL;
  g_autofree char *text_path = g_build_filename (f->dir, "list.txt", NULL);
  g_autofree char *empty_path = g_build_filename (f->dir, "empty.db", NULL);

  /* no file: an error naming it, and no file made */
  reader = sitrep_store_open_reader (f->path, f->clock, &error);
  g_assert_null (reader);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NO_DATABASE);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (text_path, "Milk\nEggs\n", -1, NULL));
  reader = sitrep_store_open_reader (text_path, f->clock, &error);
  g_assert_null (reader);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);

  /* a SQLite database of another program */
  {
    sqlite3 *db = open_raw (empty_path);

    g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  reader = sitrep_store_open_reader (empty_path, f->clock, &error);
  g_assert_null (reader);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);

  /* an existing Sitrep database opens */
  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  reader = sitrep_store_open_reader (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reader);
}

/* A reader holds no file monitor and no source of its own: after another
 * connection writes, nothing is dispatched in the reader's context, but it
 * reads the new state and the new policy at once. */
static void
test_policy_follows (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SitrepStore) reader = NULL;
  g_autoptr(SitrepPolicy) policy = NULL;
  g_autoptr(SitrepPolicy) seen = NULL;
  guint changed = 0;

  g_main_context_push_thread_default (context);
  reader = sitrep_store_open_reader (f->path, f->clock, &error);
  g_main_context_pop_thread_default (context);
  g_assert_no_error (error);
  g_signal_connect_swapped (reader, "changed", G_CALLBACK (count_cb), &changed);

  policy = sitrep_store_get_policy (f->store);
  sitrep_policy_set_minutes (policy, 2, SITREP_POLICY_WINDOW_RESPONSE, 45);
  g_assert_true (sitrep_store_set_policy (f->store, policy, "Ann", &error));
  g_assert_no_error (error);
  create (f->store, "Mail down", "mail", 2, T0);

  g_assert_false (g_main_context_iteration (context, FALSE));
  g_assert_cmpuint (changed, ==, 0);

  seen = sitrep_store_get_policy (reader);
  g_assert_cmpint (sitrep_policy_get_minutes (seen, 2, SITREP_POLICY_WINDOW_RESPONSE), ==, 45);
  g_assert_cmpint (sitrep_store_count_incidents (reader), ==, 1);
}

/* The thread side of test_thread(): it opens its own reader, tells the
 * main thread, waits for the policy change, and reads while the main
 * thread writes. */
typedef struct
{
  const char   *path;
  SitrepClock  *clock;
  GAsyncQueue  *to_main;
  GAsyncQueue  *to_worker;
  int           response_seen;
  gint64        last_count;
  gboolean      counts_monotonic;
  gboolean      read_errors;
} Worker;

#define MSG_READY     GINT_TO_POINTER (1)
#define MSG_POLICY    GINT_TO_POINTER (2)
#define MSG_WRITING   GINT_TO_POINTER (3)
#define MSG_DONE      GINT_TO_POINTER (4)

static gpointer
worker_thread (gpointer user_data)
{
  Worker *w = user_data;
  g_autoptr(GError) error = NULL;
  SitrepStore *reader = sitrep_store_open_reader (w->path, w->clock, &error);
  SitrepQuery query = { SITREP_LIST_FILTER_OPEN, SITREP_LIST_SORT_NEXT_DUE, NULL, NULL };
  gboolean done = FALSE;

  g_assert_no_error (error);
  g_async_queue_push (w->to_main, MSG_READY);

  g_assert_true (g_async_queue_pop (w->to_worker) == MSG_POLICY);
  {
    g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (reader);

    w->response_seen = sitrep_policy_get_minutes (policy, 2, SITREP_POLICY_WINDOW_RESPONSE);
  }
  g_async_queue_push (w->to_main, MSG_READY);

  g_assert_true (g_async_queue_pop (w->to_worker) == MSG_WRITING);
  w->counts_monotonic = TRUE;
  while (!done)
    {
      g_autoptr(GArray) ids = NULL;
      gint64 count;

      done = g_async_queue_try_pop (w->to_worker) == MSG_DONE;

      count = sitrep_store_count_incidents (reader);
      if (count < w->last_count)
        w->counts_monotonic = FALSE;
      w->last_count = count;

      ids = sitrep_store_query (reader, &query, &error);
      if (ids == NULL)
        {
          w->read_errors = TRUE;
          g_clear_error (&error);
        }
    }

  /* the reader ends on the thread that used it */
  g_object_unref (reader);
  return NULL;
}

static void
test_thread (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepPolicy) policy = NULL;
  Worker w = { 0, };
  GThread *thread;

  w.path = f->path;
  w.clock = f->clock;
  w.to_main = g_async_queue_new ();
  w.to_worker = g_async_queue_new ();

  thread = g_thread_new ("reader", worker_thread, &w);
  g_assert_true (g_async_queue_pop (w.to_main) == MSG_READY);

  policy = sitrep_store_get_policy (f->store);
  sitrep_policy_set_minutes (policy, 2, SITREP_POLICY_WINDOW_RESPONSE, 45);
  g_assert_true (sitrep_store_set_policy (f->store, policy, "Ann", &error));
  g_assert_no_error (error);
  g_async_queue_push (w.to_worker, MSG_POLICY);
  g_assert_true (g_async_queue_pop (w.to_main) == MSG_READY);

  g_async_queue_push (w.to_worker, MSG_WRITING);
  for (int i = 0; i < 50; i++)
    {
      gint64 id = create (f->store, "Mail down", "mail", 2, T0);

      g_assert_true (sitrep_store_add_note (f->store, id, SITREP_TIME_NONE, "Ann",
                                            SITREP_TAG_NONE, "looking", &error));
      g_assert_no_error (error);
    }
  g_async_queue_push (w.to_worker, MSG_DONE);
  g_thread_join (thread);

  g_assert_cmpint (w.response_seen, ==, 45);
  g_assert_true (w.counts_monotonic);
  g_assert_false (w.read_errors);
  /* the last read came after the last write */
  g_assert_cmpint (w.last_count, ==, 50);

  g_async_queue_unref (w.to_main);
  g_async_queue_unref (w.to_worker);
}

/* Another program's look at the database (here the command line's
 * --status) sees what this process committed. */
static gboolean
status_lists (const char *path,
              const char *title)
{
  g_autofree char *out = NULL;
  const char *argv[] = { g_getenv ("SITREP_BIN"), "--database", path, "--status", "--json", NULL };
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return strstr (out, title) != NULL;
}

/* Opening and closing a reader must leave the locks of the store's own
 * connection alone: with them gone, another program closing the database
 * took itself for its last user, checkpointed and deleted the
 * write-ahead log, and every later commit of this process went into the
 * deleted file, lost to everyone else. */
static void
test_reader_keeps_locks (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SitrepStore *reader;

  if (g_getenv ("SITREP_BIN") == NULL)
    {
      g_test_skip ("SITREP_BIN is not set");
      return;
    }

  create (f->store, "Payments slow", "payments", 2, T0);
  reader = sitrep_store_open_reader (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_object_unref (reader);

  g_assert_true (status_lists (f->path, "Payments slow"));
  create (f->store, "Mail queue stuck", "mail", 2, T0);
  g_assert_true (status_lists (f->path, "Mail queue stuck"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_store_test ("reader/reads", test_reads);
  add_store_test ("reader/writes-refused", test_writes_refused);
  add_dir_test ("reader/open-errors", test_open_errors);
  add_store_test ("reader/policy-follows", test_policy_follows);
  add_store_test ("reader/thread", test_thread);
  add_store_test ("reader/keeps-locks", test_reader_keeps_locks);

  return g_test_run ();
}
