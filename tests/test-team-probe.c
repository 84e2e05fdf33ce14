/* test-team-probe.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The probe against a real, throwaway PostgreSQL server: run under
 * `pg_virtualenv`, which starts one on loopback and exports PGHOST,
 * PGPORT, PGUSER and PGPASSWORD for its superuser. The team databases are
 * made here by hand, as `sitrep --setup-team` would leave them.
 */

#include "config.h"

#include <gio/gio.h>
#include <libpq-fe.h>

#include "sitrep-team-probe.h"

#define LOGIN_PASSWORD "probe-secret"

static char *admin_password;

/* A connection string for @user on the test server's database @dbname. */
static char *
dup_conninfo (const char *dbname,
              const char *user)
{
  return g_strdup_printf ("host='%s' port='%s' dbname='%s' user='%s'",
                          g_getenv ("PGHOST"), g_getenv ("PGPORT"), dbname, user);
}

static PGconn *
connect_admin (const char *dbname)
{
  g_autofree char *conninfo = dup_conninfo (dbname, g_getenv ("PGUSER"));
  const char *keywords[] = { "dbname", "password", NULL };
  const char *values[] = { conninfo, admin_password, NULL };

  return PQconnectdbParams (keywords, values, 1);
}

static void
run_sql (const char *dbname,
         const char *sql)
{
  PGconn *conn = connect_admin (dbname);
  PGresult *result;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

/* A Sitrep team database whose sitrep_meta says @application and
 * schema @version. */
static void
make_team_database (const char *dbname,
                    const char *application,
                    const char *version)
{
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", dbname);
  g_autofree char *meta = g_strdup_printf ("CREATE TABLE sitrep_meta"
                                           " (key text PRIMARY KEY, value text NOT NULL);"
                                           "INSERT INTO sitrep_meta VALUES"
                                           " ('application', '%s'), ('schema_version', '%s');"
                                           "GRANT SELECT ON sitrep_meta"
                                           " TO sitrep_manager, sitrep_supervisor",
                                           application, version);

  run_sql ("postgres", create);
  run_sql (dbname, meta);
}

static void
probe_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static SitrepTeamProbeResult *
probe (const char  *conninfo,
       const char  *password,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sitrep_team_probe_async (conninfo, password, NULL, probe_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return sitrep_team_probe_finish (result, error);
}

static void
assert_probe_fails (const char *conninfo,
                    const char *password,
                    int         code,
                    const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepTeamProbeResult) found = probe (conninfo, password, &error);

  g_assert_null (found);
  g_assert_error (error, SITREP_TEAM_PROBE_ERROR, code);
  if (words != NULL && strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static void
test_manager (void)
{
  g_autofree char *conninfo = dup_conninfo ("team_ok", "alice");
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepTeamProbeResult) found = probe (conninfo, LOGIN_PASSWORD, &error);
  g_autofree char *major = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (found->role, ==, SITREP_ROLE_INCIDENT_MANAGER);
  g_assert_cmpint (found->schema_version, ==, 1);
  g_assert_cmpint (found->server_version, >=, SITREP_TEAM_MIN_SERVER_VERSION);
  major = g_strdup_printf ("%d.", found->server_version / 10000);
  g_assert_true (g_str_has_prefix (found->server_version_text, major));
  g_assert_null (strchr (found->server_version_text, ' '));
  g_assert_cmpstr (found->user, ==, "alice");
}

static void
test_supervisor (void)
{
  g_autofree char *conninfo = g_strdup_printf ("postgresql://bob@%s:%s/team_ok",
                                               g_getenv ("PGHOST"), g_getenv ("PGPORT"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepTeamProbeResult) found = probe (conninfo, LOGIN_PASSWORD, &error);

  g_assert_no_error (error);
  g_assert_cmpint (found->role, ==, SITREP_ROLE_SUPERVISOR);
  g_assert_cmpstr (found->user, ==, "bob");
}

static void
test_not_member (void)
{
  g_autofree char *conninfo = dup_conninfo ("team_ok", "carol");

  assert_probe_fails (conninfo, LOGIN_PASSWORD, SITREP_TEAM_PROBE_ERROR_NOT_MEMBER,
                      "not a member of sitrep_manager or sitrep_supervisor");
}

static void
test_foreign_table (void)
{
  g_autofree char *conninfo = dup_conninfo ("shop", "alice");

  assert_probe_fails (conninfo, LOGIN_PASSWORD, SITREP_TEAM_PROBE_ERROR_FOREIGN,
                      "another application");
}

static void
test_foreign_meta (void)
{
  g_autofree char *conninfo = dup_conninfo ("team_other", "alice");

  assert_probe_fails (conninfo, LOGIN_PASSWORD, SITREP_TEAM_PROBE_ERROR_FOREIGN,
                      "another application");
}

static void
test_no_schema (void)
{
  g_autofree char *conninfo = dup_conninfo ("team_empty", "alice");

  assert_probe_fails (conninfo, LOGIN_PASSWORD, SITREP_TEAM_PROBE_ERROR_NO_SCHEMA,
                      "--setup-team");
}

/* The command the message gives the administrator never shows a password
 * that was written into the address. */
static void
test_no_schema_hides_password (void)
{
  g_autofree char *address = dup_conninfo ("team_empty", "alice");
  g_autofree char *conninfo = g_strdup_printf ("%s password='%s'", address, LOGIN_PASSWORD);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepTeamProbeResult) found = probe (conninfo, NULL, &error);

  g_assert_null (found);
  g_assert_error (error, SITREP_TEAM_PROBE_ERROR, SITREP_TEAM_PROBE_ERROR_NO_SCHEMA);
  g_assert_nonnull (strstr (error->message, "dbname='team_empty'"));
  g_assert_null (strstr (error->message, LOGIN_PASSWORD));
}

static void
test_too_new (void)
{
  g_autofree char *conninfo = dup_conninfo ("team_new", "alice");

  assert_probe_fails (conninfo, LOGIN_PASSWORD, SITREP_TEAM_PROBE_ERROR_TOO_NEW,
                      "newer Sitrep (schema 99)");
}

static void
test_malformed (void)
{
  assert_probe_fails ("host=localhost port", NULL, SITREP_TEAM_PROBE_ERROR_MALFORMED,
                      "port");
  assert_probe_fails ("postgresql://[::1", NULL, SITREP_TEAM_PROBE_ERROR_MALFORMED, NULL);
}

/* A loopback port nobody listens on: bound, then let go. */
static guint16
find_closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any_port, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* A cancelled probe answers that it was cancelled, at once, whatever
 * libpq still waits for. */
static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *conninfo = g_strdup_printf ("host=127.0.0.1 port=%u dbname=sitrep",
                                               find_closed_port ());
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepTeamProbeResult) found = NULL;

  /* Whether or not libpq has given up by now, the answer is that the
   * probe was cancelled. */
  sitrep_team_probe_async (conninfo, NULL, cancellable, probe_done_cb, &result);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  found = sitrep_team_probe_finish (result, &error);

  g_assert_null (found);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_unreachable (void)
{
  g_autofree char *conninfo = g_strdup_printf ("host=127.0.0.1 port=%u dbname=team_ok user=alice",
                                               find_closed_port ());

  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepTeamProbeResult) found = NULL;

  assert_probe_fails (conninfo, LOGIN_PASSWORD, SITREP_TEAM_PROBE_ERROR_UNREACHABLE,
                      "Could not connect");
  /* libpq's lines, joined into one. */
  found = probe (conninfo, LOGIN_PASSWORD, &error);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_null (strchr (error->message, '\t'));
}

static void
test_wrong_password (void)
{
  g_autofree char *conninfo = dup_conninfo ("team_ok", "alice");

  assert_probe_fails (conninfo, "not-the-password", SITREP_TEAM_PROBE_ERROR_AUTHENTICATION,
                      "alice");
}

static void
test_password_missing (void)
{
  g_autofree char *conninfo = dup_conninfo ("team_ok", "alice");

  assert_probe_fails (conninfo, NULL, SITREP_TEAM_PROBE_ERROR_AUTHENTICATION, "password");
}

static void
test_server_too_old (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_team_probe_check_server (130000, NULL));
  g_assert_true (sitrep_team_probe_check_server (150018, NULL));
  g_assert_false (sitrep_team_probe_check_server (120017, &error));
  g_assert_error (error, SITREP_TEAM_PROBE_ERROR, SITREP_TEAM_PROBE_ERROR_TOO_OLD);
  g_assert_cmpstr (error->message, ==, "PostgreSQL 12 is too old: Sitrep needs 13 or newer");
  g_clear_error (&error);
  g_assert_false (sitrep_team_probe_check_server (90624, &error));
  g_assert_cmpstr (error->message, ==, "PostgreSQL 9.6 is too old: Sitrep needs 13 or newer");
}

/* The password added to a URI reaches the server, and quotes survive. */
static void
test_conninfo_with_password (void)
{
  g_autofree char *uri = g_strdup_printf ("postgresql://alice@%s:%s/team_ok",
                                          g_getenv ("PGHOST"), g_getenv ("PGPORT"));
  g_autofree char *with = sitrep_team_conninfo_with_password (uri, LOGIN_PASSWORD, NULL);
  g_autofree char *odd = sitrep_team_conninfo_with_password ("dbname=x password=old",
                                                             "it's \\ odd", NULL);
  g_autoptr(GHashTable) options = sitrep_team_conninfo_parse (odd, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepTeamProbeResult) found = probe (with, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (found->user, ==, "alice");
  g_assert_cmpstr (g_hash_table_lookup (options, "password"), ==, "it's \\ odd");
  g_assert_cmpstr (g_hash_table_lookup (options, "dbname"), ==, "x");
  g_assert_null (sitrep_team_conninfo_with_password ("host", "x", &error));
  g_assert_error (error, SITREP_TEAM_PROBE_ERROR, SITREP_TEAM_PROBE_ERROR_MALFORMED);
}

static void
set_up_server (void)
{
  /* The logins' own passwords are given explicitly, or not at all. */
  admin_password = g_strdup (g_getenv ("PGPASSWORD"));
  g_unsetenv ("PGPASSWORD");

  run_sql ("postgres",
           "CREATE ROLE sitrep_manager NOLOGIN;"
           "CREATE ROLE sitrep_supervisor NOLOGIN;"
           "CREATE ROLE alice LOGIN PASSWORD '" LOGIN_PASSWORD "' IN ROLE sitrep_manager;"
           "CREATE ROLE bob LOGIN PASSWORD '" LOGIN_PASSWORD "' IN ROLE sitrep_supervisor;"
           "CREATE ROLE carol LOGIN PASSWORD '" LOGIN_PASSWORD "'");
  make_team_database ("team_ok", "sitrep", "1");
  make_team_database ("team_new", "sitrep", "99");
  make_team_database ("team_other", "ledger", "1");
  run_sql ("postgres", "CREATE DATABASE team_empty");
  run_sql ("postgres", "CREATE DATABASE shop");
  run_sql ("shop", "CREATE TABLE orders (id integer PRIMARY KEY)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sitrep/team-probe/server-too-old", test_server_too_old);
  g_test_add_func ("/sitrep/team-probe/cancelled", test_cancelled);

  if (g_getenv ("PGHOST") == NULL || g_getenv ("PGPASSWORD") == NULL)
    {
      g_test_message ("no throwaway server: run this test under pg_virtualenv");
      return g_test_run ();
    }

  set_up_server ();
  g_test_add_func ("/sitrep/team-probe/manager", test_manager);
  g_test_add_func ("/sitrep/team-probe/supervisor", test_supervisor);
  g_test_add_func ("/sitrep/team-probe/not-member", test_not_member);
  g_test_add_func ("/sitrep/team-probe/foreign-table", test_foreign_table);
  g_test_add_func ("/sitrep/team-probe/foreign-meta", test_foreign_meta);
  g_test_add_func ("/sitrep/team-probe/no-schema", test_no_schema);
  g_test_add_func ("/sitrep/team-probe/no-schema-hides-password", test_no_schema_hides_password);
  g_test_add_func ("/sitrep/team-probe/too-new", test_too_new);
  g_test_add_func ("/sitrep/team-probe/malformed", test_malformed);
  g_test_add_func ("/sitrep/team-probe/unreachable", test_unreachable);
  g_test_add_func ("/sitrep/team-probe/wrong-password", test_wrong_password);
  g_test_add_func ("/sitrep/team-probe/password-missing", test_password_missing);
  g_test_add_func ("/sitrep/team-probe/conninfo-with-password", test_conninfo_with_password);

  return g_test_run ();
}
