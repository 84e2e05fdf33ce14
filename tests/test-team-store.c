/* test-team-store.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libpq-fe.h>

#include "sitrep-incident-list.h"
#include "sitrep-lifecycle.h"
#include "test-store-common.h"
#include "test-team-common.h"

/*
 * What a team database's server enforces by itself, whatever a desk's
 * Sitrep does: a supervisor's login cannot write, the timeline cannot be
 * changed by anyone, and a database that is not a Sitrep team database of
 * this version is refused with a clear message before anything is
 * written. Only on a team database (tests/run-on-team); the roles made
 * here belong to the throwaway cluster of this test program.
 */

/* The logins of the tests, made once per cluster. */
static void
ensure_logins (void)
{
  static gboolean made;

  if (made)
    return;

  /* the group roles come with the first team database's setup */
  g_free (store_test_new_team_database ());
  /* (a cluster kept between runs has them already) */
  store_test_admin_exec ("DO $$ BEGIN"
                         "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ann_sup') THEN"
                         "    CREATE ROLE ann_sup LOGIN PASSWORD 'x' IN ROLE sitrep_supervisor;"
                         "    CREATE ROLE bob_mgr LOGIN PASSWORD 'x' IN ROLE sitrep_manager;"
                         "    CREATE ROLE cem_none LOGIN PASSWORD 'x';"
                         "  END IF;"
                         "END $$");
  made = TRUE;
}

/* @address as the login @user (password "x") */
static char *
as_login (const char *address,
          const char *user)
{
  return g_strdup_printf ("%s user=%s", address, user);
}

/* Runs @sql on @address as @user; returns the SQLSTATE of its failure
 * and the server's message, or NULL when it succeeded. */
static char *
try_as (const char  *address,
        const char  *user,
        const char  *sql,
        char       **message)
{
  g_autofree char *login = g_strdup_printf ("%s%s%s password=x", address,
                                            user != NULL ? " user=" : "",
                                            user != NULL ? user : "");
  PGconn *conn = PQconnectdb (user != NULL ? login : address);
  PGresult *result;
  char *sqlstate = NULL;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      sqlstate = g_strdup (PQresultErrorField (result, PG_DIAG_SQLSTATE));
      if (message != NULL)
        *message = g_strdup (PQresultErrorMessage (result));
    }

  PQclear (result);
  PQfinish (conn);
  return sqlstate;
}

/* Everything a database holds, as one line per table: to see that a
 * refused write changed nothing. */
static char *
describe_contents (const char *address)
{
  static const char *const tables[] = {
    "incidents", "timeline", "complaints", "contacts", "policy", "policy_settings", "alerts",
    "team_sections", "holds", "links", "incident_search", "key_sequence",
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT md5 (coalesce (string_agg (t::text, '|'"
                                              " ORDER BY t::text), '')) FROM %s AS t",
                                              tables[i]);
      PGconn *conn = PQconnectdb (address);
      PGresult *result = PQexec (conn, sql);

      g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
      g_string_append_printf (text, "%s %s\n", tables[i], PQgetvalue (result, 0, 0));
      PQclear (result);
      PQfinish (conn);
    }

  return g_string_free (text, FALSE);
}

static void
test_supervisor_denied (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();
  g_autoptr(SitrepContact) contact = sitrep_contact_new ();
  g_autoptr(SitrepPolicy) policy = NULL;
  g_autofree char *address = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = create_in_status (f, SITREP_STATUS_ACKNOWLEDGED);
  gint64 other = create (f->store, "VPN down", "vpn", 1, T0);
  guint n = 0;

  g_assert_cmpint (sitrep_store_get_team_role (f->store), ==, SITREP_TEAM_ROLE_MANAGER);
  g_assert_false (sitrep_store_get_read_only (f->store));

  ensure_logins ();
  address = as_login (f->path, "ann_sup");
  store = sitrep_store_open_team (address, "x", f->clock, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_store_is_team (store));
  g_assert_cmpint (sitrep_store_get_team_role (store), ==, SITREP_TEAM_ROLE_SUPERVISOR);
  g_assert_true (sitrep_store_get_read_only (store));

  /* a supervisor reads everything */
  g_assert_cmpint (sitrep_store_count_incidents (store), ==, 2);
  g_assert_cmpint (get_status (store, id), ==, SITREP_STATUS_ACKNOWLEDGED);

  /* the store's own flag refuses first ... */
  g_assert_false (sitrep_store_add_note (store, id, SITREP_TIME_NONE, "Ann", SITREP_TAG_NONE,
                                         "x", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_READ_ONLY_ROLE);
  g_clear_error (&error);

  /* ... and without it the server does */
  sitrep_store_set_read_only (store, FALSE);
  before = describe_contents (f->path);

  sitrep_incident_set_title (incident, "Another");
  sitrep_incident_set_service (incident, "web");
  sitrep_incident_set_level (incident, 3);
  sitrep_incident_set_reported_at (incident, T0);
  sitrep_complaint_set_customer (complaint, "ACME");
  sitrep_contact_set_name (contact, "Ann");
  policy = sitrep_store_get_policy (store);
  sitrep_policy_set_minutes (policy, 2, SITREP_POLICY_WINDOW_RESPONSE, 45);

#define DENIED(call) \
  G_STMT_START { \
    g_assert_false (call); \
    g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_DENIED); \
    g_clear_error (&error); \
    n++; \
  } G_STMT_END

  DENIED (sitrep_store_create_incident (store, incident, "Ann", &error));
  DENIED (sitrep_store_transition (store, id, SITREP_TRANSITION_RECOVER, SITREP_TIME_NONE,
                                   "Ann", NULL, NULL, &error));
  DENIED (sitrep_store_set_level (store, other, 2, SITREP_TIME_NONE, "Ann", "calmer", &error));
  DENIED (sitrep_store_set_owner (store, id, "Ann", "Ann", &error));
  DENIED (sitrep_store_set_field (store, id, "title", "Mail slow", "Ann", &error));
  DENIED (sitrep_store_add_note (store, id, SITREP_TIME_NONE, "Ann", SITREP_TAG_NONE, "x",
                                 &error));
  DENIED (sitrep_store_record_notice (store, id, SITREP_NOTICE_INITIAL, SITREP_TIME_NONE,
                                      "Ann", NULL, &error));
  DENIED (sitrep_store_add_complaint (store, id, complaint, "Ann", &error));
  DENIED (sitrep_store_set_policy (store, policy, "Ann", &error));
  DENIED (sitrep_store_save_contact (store, contact, &error));
  DENIED (sitrep_store_record_alert (store, id, "response-warning", T0, NULL, &error));
  DENIED (sitrep_store_add_link (store, other, SITREP_LINK_KIND_RELATED_TO, "INC-1", FALSE, "Ann",
                                 &error));
  DENIED (sitrep_store_assign_team (store, id, "Network", SITREP_TIME_NONE, "Ann", NULL,
                                    &error));

#undef DENIED

  g_assert_cmpuint (n, ==, 13);
  after = describe_contents (f->path);
  g_assert_cmpstr (after, ==, before);

  /* and the desk that may write still can */
  g_assert_true (sitrep_store_add_note (f->store, id, SITREP_TIME_NONE, "Bob", SITREP_TAG_NONE,
                                        "still here", &error));
  g_assert_no_error (error);
}

/* Nobody changes or removes a timeline entry: a manager has no such
 * privilege, and even the tables' owner is stopped by a trigger. */
static void
test_timeline_append_only (Fixture       *f,
                           gconstpointer  data)
{
  static const char *const statements[] = {
    "UPDATE timeline SET text = 'forged'",
    "DELETE FROM timeline",
    "TRUNCATE timeline CASCADE",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();
  g_autofree char *address = NULL;
  g_autofree char *before = NULL;
  gint64 id = create_in_status (f, SITREP_STATUS_RECOVERED);

  ensure_logins ();
  address = as_login (f->path, "bob_mgr");
  store = sitrep_store_open_team (address, "x", f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_store_get_team_role (store), ==, SITREP_TEAM_ROLE_MANAGER);
  g_assert_false (sitrep_store_get_read_only (store));

  /* the manager writes through the store */
  create (store, "Mail slow", "mail", 3, T0);
  g_assert_true (sitrep_store_add_link (store, id, SITREP_LINK_KIND_RELATED_TO, "INC-2", FALSE,
                                        "Bob", &error));
  g_assert_no_error (error);
  sitrep_complaint_set_customer (complaint, "ACME");
  g_assert_true (sitrep_store_add_complaint (store, id, complaint, "Bob", &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_add_note (store, id, SITREP_TIME_NONE, "Bob", SITREP_TAG_NONE,
                                        "Disk replaced", &error));
  g_assert_no_error (error);
  before = describe_contents (f->path);

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autofree char *by_manager = NULL;
      g_autofree char *by_owner = NULL;
      g_autofree char *message = NULL;
      g_autofree char *now = NULL;

      /* 42501 insufficient_privilege: not granted ... */
      by_manager = try_as (f->path, "bob_mgr", statements[i], NULL);
      g_assert_cmpstr (by_manager, ==, "42501");

      /* ... and refused by the trigger to the owner too */
      by_owner = try_as (f->path, NULL, statements[i], &message);
      g_assert_cmpstr (by_owner, ==, "42501");
      g_assert_nonnull (strstr (message, "timeline entries"));

      now = describe_contents (f->path);
      g_assert_cmpstr (now, ==, before);
    }

  /* what is recorded stays, for the owner as well */
  {
    g_autofree char *incidents = try_as (f->path, NULL, "DELETE FROM incidents", NULL);
    g_autofree char *links = try_as (f->path, NULL, "DELETE FROM links", NULL);
    g_autofree char *complaints = try_as (f->path, NULL, "DELETE FROM complaints", NULL);

    g_assert_cmpstr (incidents, ==, "42501");
    g_assert_cmpstr (links, ==, "42501");
    g_assert_cmpstr (complaints, ==, "42501");
  }
  {
    g_autofree char *now = describe_contents (f->path);

    g_assert_cmpstr (now, ==, before);
  }

  g_assert_cmpuint (count_entries (f->store, id), ==, count_entries (store, id));
  {
    g_autoptr(SitrepTimelineEntry) entry = last_entry (f->store, id);

    g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, "Disk replaced");
  }
}

/* Another desk's transaction holds a lock: a write waits no longer than
 * the store's busy timeout and fails with SITREP_STORE_ERROR_LOCKED,
 * naming the database; reads go on; nothing is half written. (On a
 * desk's file: test-store-open's locked.) */
static void
test_locked (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) other = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 2, T0);
  PGconn *conn = PQconnectdb (f->path);
  PGresult *result;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, "BEGIN; LOCK TABLE incidents, timeline IN EXCLUSIVE MODE");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);

  sitrep_store_set_busy_timeout (f->store, 50);
  g_assert_false (sitrep_store_transition (f->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                           SITREP_TIME_NONE, "Bob", NULL, NULL, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, sitrep_store_get_path (f->store)));
  g_clear_error (&error);

  /* another store opens and reads, and cannot write either */
  other = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  sitrep_store_set_busy_timeout (other, 50);
  g_assert_cmpint (get_status (other, id), ==, SITREP_STATUS_NEW);
  g_assert_false (sitrep_store_add_note (other, id, SITREP_TIME_NONE, "Bob", SITREP_TAG_NONE,
                                         "hello", &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  result = PQexec (conn, "ROLLBACK");
  PQclear (result);
  PQfinish (conn);

  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_NEW);
  g_assert_cmpuint (count_entries (f->store, id), ==, 1);

  /* once the lock is gone, the same store writes */
  g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                          SITREP_TIME_NONE, "Bob", NULL, NULL, &error));
  g_assert_no_error (error);
}

/* The server ended the store's connections while they were idle (it
 * restarted, or an administrator ended them): the next read and the next
 * write go through on new connections, with no error for the user. */
static void
test_connection_ended (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *terminate = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 2, T0);

  terminate = g_strdup_printf ("SELECT pg_terminate_backend (pid, 5000) FROM pg_stat_activity "
                               "WHERE datname = '%s'", f->path + strlen ("dbname="));
  store_test_admin_exec (terminate);

  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_NEW);

  store_test_admin_exec (terminate);
  g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                          SITREP_TIME_NONE, "Bob", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_ACKNOWLEDGED);
  g_assert_cmpuint (count_entries (f->store, id), ==, 2);
}

static void
count_row_changes (GListModel *list,
                   guint       position,
                   guint       removed,
                   guint       added,
                   guint      *count)
{
  (*count)++;
}

/* The ticket list on a team database reads nothing on the main thread:
 * made while another session locks the incidents, it is empty and says
 * it is loading; a row whose incident it does not hold says so and is
 * announced again once the worker read it. (A read on the main thread
 * would wait for the lock and fail with a warning.) */
static void
test_list_reads_on_worker (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepWorker) worker = sitrep_worker_new_for_store (f->store);
  g_autoptr(SitrepIncidentList) list = NULL;
  g_autoptr(SitrepIncident) unread = NULL;
  g_autoptr(SitrepIncident) row = NULL;
  g_autoptr(SitrepStore) other = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 2, T0);
  guint position;
  guint changes = 0;
  PGconn *lock;

  create (f->store, "VPN slow", "vpn", 3, T0);

  lock = store_test_lock_incidents (f->path);
  list = sitrep_incident_list_new_with_worker (f->store, worker);
  g_assert_true (sitrep_incident_list_get_loading (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  store_test_unlock_incidents (lock);

  while (sitrep_incident_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (sitrep_incident_list_get_n_cached (list), ==, 2);

  /* Another desk's note: the list lets go of its copy (once the store
   * listens, and the list read again what it missed before). */
  while (!sitrep_team_listener_get_connected (sitrep_store_get_team_listener (f->store)))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE) || sitrep_incident_list_get_loading (list))
    ;
  g_assert_cmpuint (sitrep_incident_list_get_n_cached (list), ==, 2);
  other = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_store_add_note (other, id, SITREP_TIME_NONE, "Bob", SITREP_TAG_NONE,
                                        "Queue drained", &error));
  g_assert_no_error (error);
  while (sitrep_incident_list_get_n_cached (list) > 1)
    g_main_context_iteration (NULL, TRUE);

  position = sitrep_incident_list_find (list, id);
  g_signal_connect (list, "items-changed", G_CALLBACK (count_row_changes), &changes);
  lock = store_test_lock_incidents (f->path);
  unread = g_list_model_get_item (G_LIST_MODEL (list), position);
  g_assert_cmpint (sitrep_incident_get_id (unread), ==, id);
  g_assert_null (sitrep_incident_get_key (unread));
  store_test_unlock_incidents (lock);

  while (changes == 0)
    g_main_context_iteration (NULL, TRUE);
  row = g_list_model_get_item (G_LIST_MODEL (list), position);
  g_assert_cmpstr (sitrep_incident_get_title (row), ==, "Mail down");
  g_assert_cmpuint (count_entries (other, id), ==, 2);
}

/* A login in neither group role may not use the database, and is told
 * what an administrator does about it (not that the server is
 * unreachable). */
static void
test_login_without_role (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) store = NULL;
  g_autofree char *address = NULL;

  ensure_logins ();
  address = as_login (f->path, "cem_none");
  store = sitrep_store_open_team (address, "x", f->clock, &error);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "sitrep_supervisor"));
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) store = NULL;
  g_autofree char *address = NULL;
  g_autofree char *before = describe_contents (f->path);
  g_autofree char *after = NULL;

  ensure_logins ();
  address = as_login (f->path, "ann_sup");
  store = sitrep_store_open_team (address, "not the password", f->clock, &error);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_LOGIN);
  /* the message names the database, never the password */
  g_assert_nonnull (strstr (error->message, "did not accept the login"));
  g_assert_null (strstr (error->message, "not the password"));

  after = describe_contents (f->path);
  g_assert_cmpstr (after, ==, before);
}

/* An address libpq cannot read is refused before anything is tried, and
 * no file of its name is made in the current folder. */
static void
test_malformed_address (Fixture       *f,
                        gconstpointer  data)
{
  static const char *const addresses[] = {
    "postgresql://[::1",
    "dbname=sitrep nonsense=1",
    "host=localhost dbname='unterminated",
  };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SitrepStore) store = NULL;

      store = sitrep_store_open (addresses[i], f->clock, &error);
      g_assert_null (store);
      g_assert_false (g_file_test (addresses[i], G_FILE_TEST_EXISTS));
      g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "is not a PostgreSQL connection address"));
      g_assert_nonnull (strstr (error->message, addresses[i]));
    }
}

/* A database of another application, an empty one, and one set up by a
 * newer Sitrep: each refused with its own message, and left as it was. */
static void
test_not_a_team_database (Fixture       *f,
                          gconstpointer  data)
{
  static const struct
  {
    const char *setup;
    int         code;
    const char *says;
  } cases[] = {
    { "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')",
      SITREP_STORE_ERROR_NOT_A_DATABASE, "belongs to another application" },
    { "CREATE TABLE sitrep_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
      "INSERT INTO sitrep_meta VALUES ('application', 'recipes')",
      SITREP_STORE_ERROR_NOT_A_DATABASE, "(“recipes”)" },
    { "", SITREP_STORE_ERROR_NOT_A_DATABASE, "is not set up yet" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SitrepStore) store = NULL;
      g_autofree char *name = g_strdup_printf ("sitrep_foreign_%u", i);
      g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", name);
      g_autofree char *address = g_strdup_printf ("dbname=%s", name);
      gint64 tables;

      store_test_admin_exec (sql);
      if (cases[i].setup[0] != '\0')
        raw_exec (address, cases[i].setup);
      tables = raw_int64 (address, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");

      store = sitrep_store_open (address, f->clock, &error);
      g_assert_null (store);
      g_assert_error (error, SITREP_STORE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      g_assert_nonnull (strstr (error->message, name));

      /* nothing made */
      g_assert_cmpint (raw_int64 (address, "SELECT count(*) FROM pg_tables"
                                           " WHERE schemaname = 'public'"), ==, tables);
      store_test_drop_team_database (address);
    }
}

static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  create (f->store, "Mail down", "mail", 2, T0);
  g_clear_object (&f->store);
  raw_exec (f->path, "UPDATE sitrep_meta SET value = '99' WHERE key = 'schema_version'");
  before = describe_contents (f->path);

  store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer Sitrep"));
  g_assert_nonnull (strstr (error->message, "99"));

  after = describe_contents (f->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (raw_int64 (f->path, "SELECT value::bigint FROM sitrep_meta"
                                       " WHERE key = 'schema_version'"), ==, 99);
}

/* Each committed write is announced to the other desks, with the
 * incident it was about (what a desk's file does with its -wal file's
 * monitor and PRAGMA data_version: test-store-open's external-changes). */
static void
test_announces_changes (Fixture       *f,
                        gconstpointer  data)
{
  PGconn *conn = PQconnectdb (f->path);
  PGresult *result;
  PGnotify *notify;
  g_autoptr(GPtrArray) payloads = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, "LISTEN sitrep_changes");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);

  id = create (f->store, "Mail down", "mail", 2, T0);
  g_assert_true (sitrep_store_add_note (f->store, id, SITREP_TIME_NONE, "Bob", SITREP_TAG_NONE,
                                        "Looking", &error));
  g_assert_no_error (error);

  /* a notification is delivered at its transaction's commit, before the
   * store's call returns; a round trip collects it */
  result = PQexec (conn, "SELECT 1");
  PQclear (result);
  g_assert_cmpint (PQconsumeInput (conn), ==, 1);
  while ((notify = PQnotifies (conn)) != NULL)
    {
      g_assert_cmpstr (notify->relname, ==, "sitrep_changes");
      g_ptr_array_add (payloads, g_strdup (notify->extra));
      PQfreemem (notify);
    }
  PQfinish (conn);

  /* "<server process> <incident> <what changed>"; a new incident is
   * announced as a change of the list (incident 0) */
  g_assert_cmpuint (payloads->len, ==, 2);
  expected = g_strdup_printf (" %" G_GINT64_FORMAT " ", id);
  g_assert_nonnull (strstr (g_ptr_array_index (payloads, 1), expected));
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Opened without waiting: the store is the same as opened at once, with
 * its role and its listener; a wrong password is told the same way. */
static void
test_open_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SitrepStore) store = NULL;
  g_autofree char *address = NULL;

  ensure_logins ();
  address = as_login (f->path, "bob_mgr");
  create (f->store, "Mail down", "mail", 2, T0 - 600);

  sitrep_store_open_team_async (address, "x", f->clock, NULL, opened_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  store = sitrep_store_open_team_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_store_is_team (store));
  g_assert_cmpint (sitrep_store_get_team_role (store), ==, SITREP_TEAM_ROLE_MANAGER);
  g_assert_nonnull (sitrep_store_get_team_listener (store));
  g_assert_cmpint (sitrep_store_count_incidents (store), ==, 1);
  g_clear_object (&store);
  g_clear_object (&result);

  sitrep_store_open_team_async (address, "not the password", f->clock, NULL, opened_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  store = sitrep_store_open_team_finish (result, &error);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_LOGIN);
  g_assert_null (strstr (error->message, "not the password"));
}

/* A server that takes the connection and never answers: the main loop
 * goes on the whole time, and the answer is that it cannot be reached. */
static void
test_open_async_silent_server (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(GSocketListener) listener = NULL;
  guint port;
  g_autofree char *address = store_test_silent_server (2, &port, &listener);
  guint ticks = 0;
  guint tick_id;

  tick_id = g_timeout_add (100, store_test_count_tick, &ticks);
  sitrep_store_open_team_async (address, NULL, f->clock, NULL, opened_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick_id);

  /* two seconds of waiting, and the loop ran all along */
  g_assert_cmpuint (ticks, >=, 10);
  store = sitrep_store_open_team_finish (result, &error);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_UNREACHABLE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* the server's own rules: nothing to test on a desk's file */
  if (store_test_on_team ())
    {
      add_store_test ("team/supervisor-denied", test_supervisor_denied);
      add_store_test ("team/timeline-append-only", test_timeline_append_only);
      add_store_test ("team/locked", test_locked);
      add_store_test ("team/connection-ended", test_connection_ended);
      add_store_test ("team/list-reads-on-worker", test_list_reads_on_worker);
      add_store_test ("team/login-without-role", test_login_without_role);
      add_store_test ("team/wrong-password", test_wrong_password);
      add_store_test ("team/malformed-address", test_malformed_address);
      add_store_test ("team/not-a-team-database", test_not_a_team_database);
      add_store_test ("team/too-new", test_too_new);
      add_store_test ("team/announces-changes", test_announces_changes);
      add_store_test ("team/open-async", test_open_async);
      add_store_test ("team/open-async-silent-server", test_open_async_silent_server);
    }

  return g_test_run ();
}
