/* test-team-common.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "sitrep-store.h"
#include "test-team-common.h"

gboolean
store_test_on_team (void)
{
  return g_getenv ("SITREP_TEST_TEAM") != NULL;
}

/* Runs @sql on the server's maintenance database. */
void
store_test_admin_exec (const char *sql)
{
  PGconn *conn = PQconnectdb ("dbname=postgres");
  PGresult *result;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect to the test server: %s", PQerrorMessage (conn));

  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));

  PQclear (result);
  PQfinish (conn);
}

/* A team database set up once per test program, copied for each test:
 * copying is a fraction of setting one up. */
static const char *
get_template (void)
{
  static char *name;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *address = NULL;

  if (name != NULL)
    return name;

  name = g_strdup_printf ("sitrep_template_%d", (int) getpid ());
  sql = g_strdup_printf ("CREATE DATABASE %s", name);
  store_test_admin_exec (sql);
  address = g_strdup_printf ("dbname=%s", name);
  g_assert_true (sitrep_store_setup_team (address, NULL, NULL, &error));
  g_assert_no_error (error);

  return name;
}

char *
store_test_new_team_database (void)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("sitrep_test_%d_%u", (int) getpid (), ++n);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE %s",
                                          name, get_template ());

  store_test_admin_exec (sql);
  return g_strdup_printf ("dbname=%s", name);
}

void
store_test_drop_team_database (const char *address)
{
  g_autofree char *sql = NULL;

  g_assert_true (g_str_has_prefix (address, "dbname="));
  sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", address + strlen ("dbname="));
  store_test_admin_exec (sql);
}

char *
store_test_silent_server (guint             timeout,
                          guint            *port,
                          GSocketListener **listener)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  *listener = g_socket_listener_new ();
  /* the kernel accepts the connections; nobody ever reads or writes them */
  g_assert_true (g_socket_listener_add_address (*listener, any, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error));
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  return g_strdup_printf ("host=127.0.0.1 port=%u dbname=team user=ann connect_timeout=%u",
                          *port, timeout);
}

gboolean
store_test_count_tick (gpointer user_data)
{
  guint *ticks = user_data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

PGconn *
store_test_lock_incidents (const char *address)
{
  PGconn *session = PQconnectdb (address);
  PGresult *result;

  g_assert_cmpint (PQstatus (session), ==, CONNECTION_OK);
  result = PQexec (session, "BEGIN; LOCK TABLE incidents IN ACCESS EXCLUSIVE MODE");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  return session;
}

void
store_test_unlock_incidents (PGconn *session)
{
  PGresult *result = PQexec (session, "COMMIT");

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  PQfinish (session);
}
