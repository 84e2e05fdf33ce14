/* test-team-listener.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cases that need a PostgreSQL server use the one named by the PG*
 * environment variables, as pg_virtualenv sets them; the build runs this
 * program under pg_virtualenv. Without a server they are skipped, and
 * say so.
 */

#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "sitrep-team-address.h"
#include "sitrep-team-listener-private.h"
#include "sitrep-types.h"

/* 2026-03-01T09:30:00Z */
#define T0 G_GINT64_CONSTANT (1772357400)

/* Only to keep a broken case from hanging the suite; nothing waits this
 * long when the code works. */
#define GIVE_UP_SECONDS 60

typedef struct
{
  SitrepClock        *clock;
  SitrepTeamListener *listener;
  PGconn             *writer;
  /* What the listener reported, in order, e.g. "incident 42 5 123". */
  GPtrArray          *events;
  /* The last error when the listener last became unreachable. */
  char               *error_when_unreachable;
  guint               ticks;
} Fixture;

static gboolean
have_server (void)
{
  return g_getenv ("PGHOST") != NULL || g_getenv ("PGDATABASE") != NULL;
}

static gboolean
gave_up_cb (gpointer user_data)
{
  gboolean *gave_up = user_data;

  *gave_up = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds. */
#define WAIT_UNTIL(condition) \
  G_STMT_START { \
    gboolean gave_up_ = FALSE; \
    guint give_up_id_ = g_timeout_add_seconds (GIVE_UP_SECONDS, gave_up_cb, &gave_up_); \
    while (!(condition) && !gave_up_) \
      g_main_context_iteration (NULL, TRUE); \
    if (gave_up_) \
      g_error ("gave up waiting for %s", #condition); \
    g_source_remove (give_up_id_); \
  } G_STMT_END

static gboolean
tick_cb (gpointer user_data)
{
  Fixture *f = user_data;

  f->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
incident_changed_cb (SitrepTeamListener *listener,
                     gint64              incident_id,
                     guint               changes,
                     int                 writer_pid,
                     Fixture            *f)
{
  g_ptr_array_add (f->events,
                   g_strdup_printf ("incident %" G_GINT64_FORMAT " %u %d",
                                    incident_id, changes, writer_pid));
}

static void
changed_cb (SitrepTeamListener *listener,
            int                 writer_pid,
            Fixture            *f)
{
  g_ptr_array_add (f->events, g_strdup_printf ("changed %d", writer_pid));
}

static void
caught_up_cb (SitrepTeamListener *listener,
              Fixture            *f)
{
  g_ptr_array_add (f->events, g_strdup ("caught-up"));
}

static void
unreachable_since_notified_cb (SitrepTeamListener *listener,
                               GParamSpec         *pspec,
                               Fixture            *f)
{
  gint64 since = sitrep_team_listener_get_unreachable_since (listener);

  if (since == SITREP_TIME_NONE)
    {
      g_ptr_array_add (f->events, g_strdup ("reachable"));
      return;
    }

  g_ptr_array_add (f->events,
                   g_strdup_printf ("unreachable %" G_GINT64_FORMAT, since - T0));
  g_free (f->error_when_unreachable);
  f->error_when_unreachable = g_strdup (sitrep_team_listener_get_last_error (listener));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->clock = sitrep_clock_new_fake (T0);
  f->events = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->listener);
  g_clear_pointer (&f->writer, PQfinish);
  g_clear_pointer (&f->events, g_ptr_array_unref);
  g_clear_pointer (&f->error_when_unreachable, g_free);
  g_clear_object (&f->clock);

  /* Nothing the listener armed may outlive it. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
listen_to (Fixture    *f,
           const char *database)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = sitrep_team_address_with_options (database, NULL, &error);

  g_assert_no_error (error);
  f->listener = sitrep_team_listener_new (conninfo, f->clock);
  g_signal_connect (f->listener, "incident-changed", G_CALLBACK (incident_changed_cb), f);
  g_signal_connect (f->listener, "changed", G_CALLBACK (changed_cb), f);
  g_signal_connect (f->listener, "caught-up", G_CALLBACK (caught_up_cb), f);
  g_signal_connect (f->listener, "notify::unreachable-since",
                    G_CALLBACK (unreachable_since_notified_cb), f);
}

/* A listener on the test server, listening. */
static void
listen_to_server (Fixture *f)
{
  listen_to (f, "");
  sitrep_team_listener_set_timing (f->listener, 20, 0);
  sitrep_team_listener_start (f->listener);
  WAIT_UNTIL (sitrep_team_listener_get_connected (f->listener));
  g_assert_cmpint (sitrep_team_listener_get_unreachable_since (f->listener), ==,
                   SITREP_TIME_NONE);
  g_assert_null (sitrep_team_listener_get_last_error (f->listener));

  /* The other desk, writing; not "sitrep", so that it is not mistaken for
   * the listener in pg_stat_activity. */
  f->writer = PQconnectdb ("application_name=sitrep-test");
  if (PQstatus (f->writer) != CONNECTION_OK)
    g_error ("cannot connect to the test server: %s", PQerrorMessage (f->writer));
}

static void
writer_exec (Fixture    *f,
             const char *sql)
{
  PGresult *result = PQexec (f->writer, sql);
  ExecStatusType status = PQresultStatus (result);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
}

static void
writer_notify (Fixture    *f,
               const char *payload)
{
  const char *values[] = { payload };
  PGresult *result;

  result = PQexecParams (f->writer, "SELECT pg_notify('" SITREP_TEAM_CHANNEL "', $1)",
                         1, NULL, values, NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("pg_notify: %s", PQresultErrorMessage (result));
  PQclear (result);
}

static const char *
event (Fixture *f,
       guint    i)
{
  g_assert_cmpuint (i, <, f->events->len);
  return g_ptr_array_index (f->events, i);
}

static void
test_notify (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *expected = NULL;

  if (!have_server ())
    {
      g_test_skip ("no PostgreSQL server (run under pg_virtualenv)");
      return;
    }

  listen_to_server (f);
  /* The first connection catches up with nothing: there was no before. */
  g_assert_cmpuint (f->events->len, ==, 0);

  writer_exec (f, "NOTIFY " SITREP_TEAM_CHANNEL ", '123 42 5'");
  WAIT_UNTIL (f->events->len == 1);
  g_assert_cmpstr (event (f, 0), ==, "incident 42 5 123");

  writer_exec (f, "NOTIFY " SITREP_TEAM_CHANNEL ", '77 0 0'");
  WAIT_UNTIL (f->events->len == 2);
  g_assert_cmpstr (event (f, 1), ==, "changed 77");

  /* The way the store sends them: the writer's server process, from SQL. */
  writer_exec (f, "SELECT pg_notify('" SITREP_TEAM_CHANNEL "', "
                  "pg_backend_pid () || ' 9007199254740993 ' || 384)");
  WAIT_UNTIL (f->events->len == 3);
  expected = g_strdup_printf ("incident 9007199254740993 384 %d", PQbackendPID (f->writer));
  g_assert_cmpstr (event (f, 2), ==, expected);

  /* Other channels are not Sitrep's business. */
  writer_exec (f, "NOTIFY something_else, '1 2 3'");
  writer_notify (f, "1 2 3");
  WAIT_UNTIL (f->events->len == 4);
  g_assert_cmpstr (event (f, 3), ==, "incident 2 3 1");
  g_assert_cmpuint (sitrep_team_listener_get_malformed_count (f->listener), ==, 0);
}

/* A transaction's notifications are delivered when it commits, not before. */
static void
test_transaction (Fixture       *f,
                  gconstpointer  data)
{
  PGconn *other;

  if (!have_server ())
    {
      g_test_skip ("no PostgreSQL server (run under pg_virtualenv)");
      return;
    }

  listen_to_server (f);
  other = PQconnectdb ("application_name=sitrep-test");
  g_assert_cmpint (PQstatus (other), ==, CONNECTION_OK);

  writer_exec (f, "BEGIN");
  writer_notify (f, "10 1 1");
  writer_notify (f, "10 2 2");
  writer_notify (f, "10 0 0");

  /* Committed after those were sent, so it would come after them if they
   * were delivered before their commit. */
  PQclear (PQexec (other, "NOTIFY " SITREP_TEAM_CHANNEL ", '20 99 16'"));
  WAIT_UNTIL (f->events->len >= 1);
  g_assert_cmpuint (f->events->len, ==, 1);
  g_assert_cmpstr (event (f, 0), ==, "incident 99 16 20");

  writer_exec (f, "COMMIT");
  WAIT_UNTIL (f->events->len == 4);
  g_assert_cmpstr (event (f, 1), ==, "incident 1 1 10");
  g_assert_cmpstr (event (f, 2), ==, "incident 2 2 10");
  g_assert_cmpstr (event (f, 3), ==, "changed 10");

  /* A rolled-back transaction announces nothing. */
  writer_exec (f, "BEGIN");
  writer_notify (f, "10 3 1");
  writer_exec (f, "ROLLBACK");
  PQclear (PQexec (other, "NOTIFY " SITREP_TEAM_CHANNEL ", '20 98 16'"));
  WAIT_UNTIL (f->events->len >= 5);
  g_assert_cmpuint (f->events->len, ==, 5);
  g_assert_cmpstr (event (f, 4), ==, "incident 98 16 20");

  PQfinish (other);
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  static const char *malformed[] = {
    "",
    "1",
    "1 2",
    "1 2 3 4",
    "a 2 3",
    "1 2 x",
    "1  2 3",
    " 1 2 3",
    "1 2 3 ",
    "1\t2\t3",
    "-1 2 3",
    "1 -2 3",
    "1 2 -3",
    "+1 2 3",
    "1 2 0x3",
    "1 2 3.0",
    "2147483648 2 3",              /* a pid beyond int */
    "1 9223372036854775808 3",     /* an id beyond gint64 */
    "1 2 4294967296",              /* changes beyond guint */
    "1 2 0",                       /* nothing changed in incident 2 */
    "1 2 3\n",
  };
  g_autofree char *unknown_kind = NULL;

  if (!have_server ())
    {
      g_test_skip ("no PostgreSQL server (run under pg_virtualenv)");
      return;
    }

  listen_to_server (f);

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    writer_notify (f, malformed[i]);

  /* A kind of change this version does not know: all of it is re-read. */
  writer_notify (f, "5 7 4096");
  writer_notify (f, "5 6 1");
  WAIT_UNTIL (f->events->len >= 2);

  g_assert_cmpuint (f->events->len, ==, 2);
  unknown_kind = g_strdup_printf ("incident 7 %u 5", (guint) SITREP_CHANGE_ALL);
  g_assert_cmpstr (event (f, 0), ==, unknown_kind);
  g_assert_cmpstr (event (f, 1), ==, "incident 6 1 5");
  g_assert_cmpuint (sitrep_team_listener_get_malformed_count (f->listener), ==,
                    G_N_ELEMENTS (malformed));
  g_assert_true (sitrep_team_listener_get_connected (f->listener));
}

/* A loopback TCP port: listening but never answering when @listening,
 * else closed again so that nothing listens there. Returns the port and
 * the socket (-1 when closed). */
static guint16
loopback_port (gboolean  listening,
               int      *fd_out)
{
  struct sockaddr_in address = { 0 };
  socklen_t length = sizeof address;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_no_errno (bind (fd, (struct sockaddr *) &address, sizeof address));
  g_assert_no_errno (getsockname (fd, (struct sockaddr *) &address, &length));

  if (listening)
    {
      g_assert_no_errno (listen (fd, 8));
      *fd_out = fd;
    }
  else
    {
      close (fd);
      *fd_out = -1;
    }

  return ntohs (address.sin_port);
}

/* Nothing listens: the failure is reported from the main loop, with since
 * when and why, and the listener keeps trying without moving "since". */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *database = NULL;
  const char *error;
  int fd;

  database = g_strdup_printf ("host=127.0.0.1 port=%u dbname=sitrep user=nobody",
                              loopback_port (FALSE, &fd));
  listen_to (f, database);
  sitrep_team_listener_set_timing (f->listener, 10, 0);
  g_timeout_add (1, tick_cb, f);

  sitrep_team_listener_start (f->listener);
  /* Nothing is decided before the main loop runs. */
  g_assert_null (sitrep_team_listener_get_last_error (f->listener));
  g_assert_cmpint (sitrep_team_listener_get_unreachable_since (f->listener), ==,
                   SITREP_TIME_NONE);

  WAIT_UNTIL (sitrep_team_listener_get_last_error (f->listener) != NULL);
  error = sitrep_team_listener_get_last_error (f->listener);
  g_test_message ("last error: %s", error);
  g_assert_nonnull (strstr (error, "refused"));
  g_assert_null (strchr (error, '\n'));
  g_assert_false (sitrep_team_listener_get_connected (f->listener));
  g_assert_cmpint (sitrep_team_listener_get_unreachable_since (f->listener), ==, T0);
  g_assert_cmpuint (f->events->len, ==, 1);
  g_assert_cmpstr (event (f, 0), ==, "unreachable 0");

  /* It tries again, and again; it was unreachable since the first. */
  sitrep_clock_advance (f->clock, 60);
  WAIT_UNTIL (sitrep_team_listener_get_attempts (f->listener) >= 3);
  g_assert_cmpint (sitrep_team_listener_get_unreachable_since (f->listener), ==, T0);
  g_assert_nonnull (sitrep_team_listener_get_last_error (f->listener));
  g_assert_cmpuint (f->events->len, ==, 1);
  g_assert_cmpuint (f->ticks, >, 0);

  /* Stopped, it is neither connected nor unreachable, and tries no more. */
  sitrep_team_listener_stop (f->listener);
  g_assert_cmpint (sitrep_team_listener_get_unreachable_since (f->listener), ==,
                   SITREP_TIME_NONE);
  g_assert_cmpstr (event (f, 1), ==, "reachable");

  g_source_remove_by_user_data (f);
}

/* A name that cannot be looked up is reported like a refusal, without the
 * lookup holding up the main loop. */
static void
test_unknown_host (Fixture       *f,
                   gconstpointer  data)
{
  const char *error;

  listen_to (f, "host=no-such-host.invalid dbname=sitrep");
  sitrep_team_listener_set_timing (f->listener, 10000, 0);
  sitrep_team_listener_start (f->listener);

  WAIT_UNTIL (sitrep_team_listener_get_last_error (f->listener) != NULL);
  error = sitrep_team_listener_get_last_error (f->listener);
  g_test_message ("last error: %s", error);
  g_assert_nonnull (strstr (error, "no-such-host.invalid"));
  g_assert_cmpint (sitrep_team_listener_get_unreachable_since (f->listener), ==, T0);
  g_assert_false (sitrep_team_listener_get_connected (f->listener));
}

/* A server that accepts the connection and never answers does not hold up
 * the main loop, and the listener gives up on it at its connect timeout. */
static void
test_silent_server (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *database = NULL;
  const char *error;
  guint tick_id;
  int fd;

  database = g_strdup_printf ("host=127.0.0.1 port=%u dbname=sitrep user=nobody "
                              "sslmode=disable",
                              loopback_port (TRUE, &fd));
  listen_to (f, database);
  sitrep_team_listener_set_timing (f->listener, 10, 0);
  tick_id = g_timeout_add (1, tick_cb, f);

  /* With no deadline it waits for the answer as long as it takes, and
   * the main loop goes on meanwhile. */
  sitrep_team_listener_start (f->listener);
  WAIT_UNTIL (f->ticks >= 20);
  g_assert_cmpuint (sitrep_team_listener_get_attempts (f->listener), ==, 1);
  g_assert_null (sitrep_team_listener_get_last_error (f->listener));
  g_assert_false (sitrep_team_listener_get_connected (f->listener));

  /* With one, it gives up and says why. */
  sitrep_team_listener_stop (f->listener);
  sitrep_team_listener_set_timing (f->listener, 10000, 200);
  f->ticks = 0;
  sitrep_team_listener_start (f->listener);
  WAIT_UNTIL (sitrep_team_listener_get_last_error (f->listener) != NULL);
  error = sitrep_team_listener_get_last_error (f->listener);
  g_test_message ("last error: %s", error);
  g_assert_nonnull (strstr (error, "did not answer within 1 second"));
  g_assert_cmpint (sitrep_team_listener_get_unreachable_since (f->listener), ==, T0);
  g_assert_cmpuint (f->ticks, >, 0);

  g_source_remove (tick_id);
  close (fd);
}

/* The server ends the listener's connection: it says so, reconnects by
 * itself, has the views catch up, and hears what comes next. */
static void
test_reconnect (Fixture       *f,
                gconstpointer  data)
{
  PGresult *result;

  if (!have_server ())
    {
      g_test_skip ("no PostgreSQL server (run under pg_virtualenv)");
      return;
    }

  listen_to_server (f);

  sitrep_clock_advance (f->clock, 120);
  result = PQexec (f->writer,
                   "SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
                   "WHERE application_name = 'sitrep'");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (result), ==, 1);
  g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, "t");
  PQclear (result);

  /* Unreachable since the clock's now, and why; then back by itself, and
   * the views are told to read again. */
  WAIT_UNTIL (f->events->len >= 3);
  g_assert_cmpstr (event (f, 0), ==, "unreachable 120");
  g_test_message ("last error: %s", f->error_when_unreachable);
  g_assert_nonnull (strstr (f->error_when_unreachable,
                            "terminating connection due to administrator command"));
  g_assert_cmpstr (event (f, 1), ==, "reachable");
  g_assert_cmpstr (event (f, 2), ==, "caught-up");
  g_assert_true (sitrep_team_listener_get_connected (f->listener));
  g_assert_null (sitrep_team_listener_get_last_error (f->listener));

  writer_notify (f, "1 2 3");
  WAIT_UNTIL (f->events->len >= 4);
  g_assert_cmpstr (event (f, 3), ==, "incident 2 3 1");

  /* Stopped and started again, it catches up too. */
  sitrep_team_listener_stop (f->listener);
  sitrep_team_listener_start (f->listener);
  WAIT_UNTIL (f->events->len >= 5);
  g_assert_cmpstr (event (f, 4), ==, "caught-up");
  g_assert_true (sitrep_team_listener_get_connected (f->listener));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sitrep/team-listener/notify", Fixture, NULL,
              fixture_set_up, test_notify, fixture_tear_down);
  g_test_add ("/sitrep/team-listener/transaction", Fixture, NULL,
              fixture_set_up, test_transaction, fixture_tear_down);
  g_test_add ("/sitrep/team-listener/malformed", Fixture, NULL,
              fixture_set_up, test_malformed, fixture_tear_down);
  g_test_add ("/sitrep/team-listener/refused", Fixture, NULL,
              fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/sitrep/team-listener/unknown-host", Fixture, NULL,
              fixture_set_up, test_unknown_host, fixture_tear_down);
  g_test_add ("/sitrep/team-listener/silent-server", Fixture, NULL,
              fixture_set_up, test_silent_server, fixture_tear_down);
  g_test_add ("/sitrep/team-listener/reconnect", Fixture, NULL,
              fixture_set_up, test_reconnect, fixture_tear_down);

  return g_test_run ();
}
