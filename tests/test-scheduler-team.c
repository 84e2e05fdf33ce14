/* test-scheduler-team.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The deadline watch of several desks on one team database: each desk a
 * store of its own with a fake clock, a scheduler and a file of what it
 * showed. Run under tests/run-on-team; without a server the cases that
 * need one are skipped. Any warning in the log fails a case.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libpq-fe.h>

#include "sitrep-file-writer.h"
#include "sitrep-scheduler-private.h"
#include "test-store-common.h"
#include "test-team-common.h"

#define N_DESKS 2

/* The supervisor's login the cases make (roles belong to the cluster). */
#define SUPERVISOR_LOGIN    "sitrep_test_supervisor"
#define SUPERVISOR_PASSWORD "watching"

/* Only to keep a broken case from hanging the suite. */
#define GIVE_UP_SECONDS 60

typedef struct
{
  SitrepClock     *clock;
  SitrepStore     *store;
  SitrepScheduler *scheduler;
  char            *state;      /* the desk's file of what it showed */
  GPtrArray       *alerts;     /* "INC-1 response-warning" */
  guint            summaries;
  guint            heard;      /* changes announced by the store */
} Desk;

typedef struct
{
  char *dir;
  char *address;
  Desk  desks[N_DESKS];
} Team;

static gboolean
have_server (void)
{
  return store_test_on_team ();
}

static gboolean
gave_up_cb (gpointer user_data)
{
  gboolean *gave_up = user_data;

  *gave_up = TRUE;
  return G_SOURCE_REMOVE;
}

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

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Lets the main loop run until the desk's watch is settled: no round,
 * and no write it asked for, on its way to the server. */
static void
settle (Desk *desk)
{
  WAIT_UNTIL ((desk->scheduler == NULL || _sitrep_scheduler_is_settled (desk->scheduler)) &&
              sitrep_store_get_pending_writes (desk->store) == 0);
  /* and the desk's file written, which tells the scheduler */
  sitrep_file_writer_wait ();
  drain ();
}

static void
alert_cb (SitrepScheduler         *scheduler,
          SitrepIncident          *incident,
          const SitrepAlertMoment *moment,
          Desk                    *desk)
{
  g_ptr_array_add (desk->alerts,
                   g_strdup_printf ("%s %s", sitrep_incident_get_key (incident), moment->key));
}

static void
summary_cb (SitrepScheduler *scheduler,
            guint            count,
            Desk            *desk)
{
  desk->summaries++;
}

static void
heard_cb (Desk *desk)
{
  desk->heard++;
}

/* Runs @sql on the team database as the login of the environment. */
static void
admin_exec (Team       *team,
            const char *sql)
{
  PGconn *conn = PQconnectdb (team->address);
  PGresult *result;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect to the test server: %s", PQerrorMessage (conn));

  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));

  PQclear (result);
  PQfinish (conn);
}

static void
team_set_up (Team          *team,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (!have_server ())
    return;

  team->dir = g_dir_make_tmp ("sitrep-scheduler-team-XXXXXX", &error);
  g_assert_no_error (error);
  team->address = store_test_new_team_database ();

  for (guint i = 0; i < N_DESKS; i++)
    {
      g_autofree char *name = g_strdup_printf ("desk-%u.ini", i);

      team->desks[i].clock = sitrep_clock_new_fake (T0);
      team->desks[i].state = g_build_filename (team->dir, name, NULL);
      team->desks[i].alerts = g_ptr_array_new_with_free_func (g_free);
    }
}

static void
close_desk (Desk *desk)
{
  g_clear_object (&desk->scheduler);
  g_clear_object (&desk->store);
  drain ();
}

static void
team_tear_down (Team          *team,
                gconstpointer  data)
{
  if (!have_server ())
    return;

  for (guint i = 0; i < N_DESKS; i++)
    {
      close_desk (&team->desks[i]);
      g_clear_object (&team->desks[i].clock);
      g_clear_pointer (&team->desks[i].alerts, g_ptr_array_unref);
      g_clear_pointer (&team->desks[i].state, g_free);
    }

  store_test_drop_team_database (team->address);
  remove_tree (team->dir);
  g_clear_pointer (&team->address, g_free);
  g_clear_pointer (&team->dir, g_free);
}

/* Opens desk @i on the team database as @login (NULL: the environment's
 * login, a manager), once it listens. */
static Desk *
open_desk (Team       *team,
           guint       i,
           const char *login)
{
  Desk *desk = &team->desks[i];
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;

  if (login != NULL)
    address = g_strdup_printf ("%s user=%s password=%s", team->address, login,
                               SUPERVISOR_PASSWORD);
  else
    address = g_strdup (team->address);

  desk->store = sitrep_store_open (address, desk->clock, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_store_is_team (desk->store));
  g_signal_connect_swapped (desk->store, "incident-changed", G_CALLBACK (heard_cb), desk);
  g_signal_connect_swapped (desk->store, "changed", G_CALLBACK (heard_cb), desk);

  WAIT_UNTIL (sitrep_team_listener_get_connected (sitrep_store_get_team_listener (desk->store)));

  return desk;
}

static void
start_desk (Desk *desk)
{
  g_autoptr(SitrepDeskAlerts) state = sitrep_desk_alerts_new (desk->state);

  desk->scheduler = sitrep_scheduler_new (desk->store);
  sitrep_scheduler_set_desk_alerts (desk->scheduler, state);
  g_signal_connect (desk->scheduler, "alert", G_CALLBACK (alert_cb), desk);
  g_signal_connect (desk->scheduler, "summary", G_CALLBACK (summary_cb), desk);
  sitrep_scheduler_start (desk->scheduler);
  settle (desk);
}

/* Moves the desk's clock to T0 + @offset; its scheduler looks at once. */
static void
move_to (Desk   *desk,
         gint64  offset)
{
  sitrep_clock_set_now (desk->clock, T0 + offset);
  settle (desk);
}

/* Waits until @desk heard of a change made on another desk. */
static void
wait_heard (Desk  *desk,
            guint  before)
{
  WAIT_UNTIL (desk->heard > before);
  drain ();
}

/* The alerts @desk raised since the last call, in order, as one string. */
static char *
take_alerts (Desk *desk)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < desk->alerts->len; i++)
    {
      if (i > 0)
        g_string_append (joined, ", ");
      g_string_append (joined, g_ptr_array_index (desk->alerts, i));
    }
  g_ptr_array_set_size (desk->alerts, 0);

  return g_string_free (joined, FALSE);
}

#define assert_alerts(desk, expected) \
  G_STMT_START { \
    g_autofree char *alerts_ = take_alerts (desk); \
    g_assert_cmpstr (alerts_, ==, expected); \
  } G_STMT_END

/* How many alert entries the timeline of @id has for @key. */
static guint
count_alert_entries (SitrepStore *store,
                     gint64       id,
                     const char  *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sitrep_store_list_timeline (store, id, &error);
  guint count = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (entries, i);

      if (sitrep_timeline_entry_get_kind (entry) == SITREP_ENTRY_KIND_ALERT &&
          g_strcmp0 (sitrep_timeline_entry_get_detail (entry), key) == 0)
        count++;
    }

  return count;
}

/* The first two alert moments of @id: "<key>" and when. */
static void
get_moments (SitrepStore        *store,
             gint64              id,
             SitrepAlertMoment  *first,
             SitrepAlertMoment  *second)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_store_get_incident (store, id, &error);
  g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (store);
  g_autoptr(GArray) moments = NULL;

  g_assert_no_error (error);
  moments = sitrep_sla_list_alert_moments (incident, policy);
  g_assert_cmpuint (moments->len, >=, 2);
  *first = g_array_index (moments, SitrepAlertMoment, 0);
  *second = g_array_index (moments, SitrepAlertMoment, 1);
  g_assert_cmpint (first->at, <, second->at);
}

/* A level-3 incident reported at T0 on desk 0, once desk 1 heard of it. */
static gint64
create_heard (Team *team)
{
  guint heard = team->desks[1].heard;
  gint64 id = create (team->desks[0].store, "Mail is slow", "mail", 3, T0);

  if (team->desks[1].store != NULL)
    wait_heard (&team->desks[1], heard);
  drain ();

  return id;
}

static char *
expect (const SitrepAlertMoment *moment)
{
  return g_strdup_printf ("INC-1 %s", moment->key);
}

static void
test_once_per_team (Team          *team,
                    gconstpointer  data)
{
  Desk *ann, *bob;
  SitrepAlertMoment first, second;
  g_autofree char *first_alert = NULL;
  g_autofree char *second_alert = NULL;
  gint64 id;
  guint heard;

  if (!have_server ())
    {
      g_test_skip ("no PostgreSQL server (run under tests/run-on-team)");
      return;
    }

  ann = open_desk (team, 0, NULL);
  bob = open_desk (team, 1, NULL);
  start_desk (ann);
  start_desk (bob);

  id = create_heard (team);
  get_moments (ann->store, id, &first, &second);
  first_alert = expect (&first);
  second_alert = expect (&second);

  /* Ann's desk is first: it records the alert and shows it. */
  heard = bob->heard;
  move_to (ann, first.at - T0);
  assert_alerts (ann, first_alert);
  g_assert_cmpuint (count_alert_entries (ann->store, id, first.key), ==, 1);
  wait_heard (bob, heard);

  /* Bob's desk finds it recorded, and shows it all the same, once. */
  move_to (bob, first.at - T0);
  assert_alerts (bob, first_alert);
  move_to (bob, first.at - T0 + 1);
  assert_alerts (bob, "");
  g_assert_cmpuint (count_alert_entries (bob->store, id, first.key), ==, 1);

  /* Both at once: one entry, one alert on each desk. */
  sitrep_clock_set_now (ann->clock, second.at);
  sitrep_clock_set_now (bob->clock, second.at);
  settle (ann);
  settle (bob);
  WAIT_UNTIL (count_alert_entries (ann->store, id, second.key) == 1);
  settle (ann);
  settle (bob);
  assert_alerts (ann, second_alert);
  assert_alerts (bob, second_alert);
  g_assert_cmpuint (count_alert_entries (bob->store, id, second.key), ==, 1);
  g_assert_cmpuint (ann->summaries + bob->summaries, ==, 0);

  /* Bob restarts: nothing shown again. */
  g_clear_object (&bob->scheduler);
  drain ();
  move_to (bob, second.at - T0 + 60);
  start_desk (bob);
  assert_alerts (bob, "");
  g_assert_cmpuint (bob->summaries, ==, 0);
  g_assert_cmpuint (count_alert_entries (bob->store, id, first.key), ==, 1);
  g_assert_cmpuint (count_alert_entries (bob->store, id, second.key), ==, 1);
}

/* Bob's desk restarts while an alert falls due that nobody recorded:
 * it is shown on the restart, and recorded once. */
static void
test_restart_catch_up (Team          *team,
                       gconstpointer  data)
{
  Desk *bob;
  SitrepAlertMoment first, second;
  g_autofree char *second_alert = NULL;
  gint64 id;

  if (!have_server ())
    {
      g_test_skip ("no PostgreSQL server (run under tests/run-on-team)");
      return;
    }

  open_desk (team, 0, NULL);
  bob = open_desk (team, 1, NULL);
  start_desk (bob);
  id = create_heard (team);
  get_moments (bob->store, id, &first, &second);
  second_alert = expect (&second);

  move_to (bob, first.at - T0);
  g_assert_cmpuint (bob->alerts->len, ==, 1);
  g_ptr_array_set_size (bob->alerts, 0);

  g_clear_object (&bob->scheduler);
  drain ();
  move_to (bob, second.at - T0 + 60);
  start_desk (bob);
  assert_alerts (bob, second_alert);
  g_assert_cmpuint (count_alert_entries (bob->store, id, first.key), ==, 1);
  g_assert_cmpuint (count_alert_entries (bob->store, id, second.key), ==, 1);

  /* And once more: nothing. */
  g_clear_object (&bob->scheduler);
  drain ();
  start_desk (bob);
  assert_alerts (bob, "");
}

static void
make_supervisor (Team *team)
{
  admin_exec (team,
              "DO $$ BEGIN "
              "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" SUPERVISOR_LOGIN "') THEN "
              "CREATE ROLE " SUPERVISOR_LOGIN " LOGIN PASSWORD '" SUPERVISOR_PASSWORD "' "
              "IN ROLE sitrep_supervisor; "
              "END IF; END $$");
}

static void
test_supervisor (Team          *team,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Desk *ann, *sam;
  SitrepAlertMoment first, second;
  g_autofree char *first_alert = NULL;
  g_autofree char *second_alert = NULL;
  gint64 id;
  guint heard;

  if (!have_server ())
    {
      g_test_skip ("no PostgreSQL server (run under tests/run-on-team)");
      return;
    }

  make_supervisor (team);
  ann = open_desk (team, 0, NULL);
  sam = open_desk (team, 1, SUPERVISOR_LOGIN);
  g_assert_cmpint (sitrep_store_get_team_role (sam->store), ==, SITREP_TEAM_ROLE_SUPERVISOR);

  id = create_heard (team);
  get_moments (ann->store, id, &first, &second);
  first_alert = expect (&first);
  second_alert = expect (&second);

  /* Alone, the supervisor's desk shows the alerts and writes nothing (a
   * refused write would log a warning, which fails the case). */
  start_desk (sam);
  move_to (sam, first.at - T0);
  assert_alerts (sam, first_alert);
  move_to (sam, first.at - T0 + 1);
  assert_alerts (sam, "");
  g_assert_cmpuint (count_alert_entries (sam->store, id, first.key), ==, 0);
  g_assert_cmpint (sitrep_store_get_next_alert_at (sam->store), ==, first.at);
  g_assert_cmpint (sitrep_store_get_last_watched_at (sam->store, &error), ==, SITREP_TIME_NONE);
  g_assert_no_error (error);

  /* A manager's desk comes: it records the alert once the team's watch
   * has run (the deadline fell due before, unwatched: passed over), and
   * the breach as it comes; the supervisor sees it too. */
  move_to (ann, second.at - T0 - 60);
  start_desk (ann);
  assert_alerts (ann, "");
  g_assert_cmpint (sitrep_store_get_last_watched_at (ann->store, &error), ==, second.at - 60);

  heard = sam->heard;
  move_to (ann, second.at - T0);
  assert_alerts (ann, second_alert);
  g_assert_cmpuint (count_alert_entries (ann->store, id, second.key), ==, 1);
  wait_heard (sam, heard);
  move_to (sam, second.at - T0);
  assert_alerts (sam, second_alert);
  g_assert_cmpuint (count_alert_entries (sam->store, id, second.key), ==, 1);
}

/* A desk that never watched the team database shows nothing of its
 * history, recorded or not; what falls due from then on it shows. */
static void
test_fresh_desk (Team          *team,
                 gconstpointer  data)
{
  Desk *ann, *bob;
  SitrepAlertMoment first, second;
  g_autofree char *second_alert = NULL;
  gint64 id;

  if (!have_server ())
    {
      g_test_skip ("no PostgreSQL server (run under tests/run-on-team)");
      return;
    }

  ann = open_desk (team, 0, NULL);
  start_desk (ann);
  id = create (ann->store, "Mail is slow", "mail", 3, T0);
  drain ();
  get_moments (ann->store, id, &first, &second);
  second_alert = expect (&second);

  move_to (ann, first.at - T0);
  g_assert_cmpuint (ann->alerts->len, ==, 1);
  g_ptr_array_set_size (ann->alerts, 0);

  /* Bob's desk starts between the two moments, for the first time. */
  bob = open_desk (team, 1, NULL);
  move_to (bob, first.at - T0 + 60);
  start_desk (bob);
  assert_alerts (bob, "");
  g_assert_cmpuint (bob->summaries, ==, 0);
  g_assert_true (g_file_test (bob->state, G_FILE_TEST_EXISTS));

  move_to (bob, second.at - T0);
  assert_alerts (bob, second_alert);
  g_assert_cmpuint (count_alert_entries (bob->store, id, second.key), ==, 1);
}

/* A desk whose file cannot be written still shows each alert once, and
 * says once that it cannot keep them, not at every alert. */
static void
test_unwritable_file (Team          *team,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *blocker = NULL;
  Desk *ann;
  SitrepAlertMoment first, second;
  g_autofree char *first_alert = NULL;
  g_autofree char *second_alert = NULL;
  gint64 id;

  if (!have_server ())
    {
      g_test_skip ("no PostgreSQL server (run under tests/run-on-team)");
      return;
    }

  /* a file where the desk's folder should be */
  blocker = g_build_filename (team->dir, "blocker", NULL);
  g_assert_true (g_file_set_contents (blocker, "a file, not a folder", -1, &error));
  g_assert_no_error (error);
  ann = &team->desks[0];
  g_free (ann->state);
  ann->state = g_build_filename (blocker, "desk-0.ini", NULL);

  ann = open_desk (team, 0, NULL);
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                         "*Could not read which alerts this desk showed*starting afresh*");
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                         "*Could not keep which alerts this desk showed*blocker*");
  start_desk (ann);
  id = create (ann->store, "Mail is slow", "mail", 3, T0);
  drain ();
  get_moments (ann->store, id, &first, &second);
  first_alert = expect (&first);
  second_alert = expect (&second);

  move_to (ann, first.at - T0);
  assert_alerts (ann, first_alert);
  g_ptr_array_set_size (ann->alerts, 0);
  move_to (ann, second.at - T0);
  assert_alerts (ann, second_alert);
  g_test_assert_expected_messages ();
}

/* A damaged file of what the desk showed is a desk that never watched:
 * a warning, and no flood of old alerts. */
static void
test_damaged_file (Team          *team,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Desk *bob;
  SitrepAlertMoment first, second;
  gint64 id;

  if (!have_server ())
    {
      g_test_skip ("no PostgreSQL server (run under tests/run-on-team)");
      return;
    }

  open_desk (team, 0, NULL);
  bob = open_desk (team, 1, NULL);
  id = create_heard (team);
  get_moments (bob->store, id, &first, &second);
  g_assert_true (sitrep_store_set_last_watched_at (bob->store, T0, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_set_contents (bob->state, "[Desk\nWatchedAt=\x01\xff", -1, &error));
  g_assert_no_error (error);

  move_to (bob, second.at - T0 + 60);
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "*starting afresh*");
  start_desk (bob);
  g_test_assert_expected_messages ();
  assert_alerts (bob, "");

  /* Both alerts fell due after the team last watched: recorded once,
   * though not shown on a desk that lost its memory. */
  g_assert_cmpuint (count_alert_entries (bob->store, id, first.key), ==, 1);
  g_assert_cmpuint (count_alert_entries (bob->store, id, second.key), ==, 1);
}

/* Runs @sql on the server's maintenance database. */
static void
server_exec (const char *sql)
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

/* Has the server refuse every connection to the team database and end
 * those there are, or (@reachable) take them again. */
static void
set_reachable (Team     *team,
               gboolean  reachable)
{
  const char *name = team->address + strlen ("dbname=");
  g_autofree char *alter = g_strdup_printf ("ALTER DATABASE %s ALLOW_CONNECTIONS %s",
                                            name, reachable ? "true" : "false");
  g_autofree char *terminate = g_strdup_printf ("SELECT pg_terminate_backend (pid) "
                                                "FROM pg_stat_activity WHERE datname = '%s'",
                                                name);

  server_exec (alter);
  if (!reachable)
    server_exec (terminate);
}

/* While the server cannot be reached, the desk shows the alerts of the
 * deadlines it read before, on time; they are recorded once it is back,
 * and nothing is shown twice. */
static void
test_unreachable (Team          *team,
                  gconstpointer  data)
{
  SitrepTeamListener *listener;
  Desk *bob;
  SitrepAlertMoment first, second;
  g_autofree char *first_alert = NULL;
  gint64 id;

  if (!have_server ())
    {
      g_test_skip ("no PostgreSQL server (run under tests/run-on-team)");
      return;
    }

  bob = open_desk (team, 1, NULL);
  start_desk (bob);
  id = create (bob->store, "Mail is slow", "mail", 3, T0);
  drain ();
  get_moments (bob->store, id, &first, &second);
  first_alert = expect (&first);
  move_to (bob, 60);

  listener = sitrep_store_get_team_listener (bob->store);
  set_reachable (team, FALSE);
  WAIT_UNTIL (sitrep_team_listener_get_unreachable_since (listener) != SITREP_TIME_NONE);

  move_to (bob, first.at - T0);
  assert_alerts (bob, first_alert);
  move_to (bob, first.at - T0 + 1);
  assert_alerts (bob, "");

  set_reachable (team, TRUE);
  WAIT_UNTIL (sitrep_team_listener_get_connected (listener));
  WAIT_UNTIL (count_alert_entries (bob->store, id, first.key) > 0);
  settle (bob);

  g_assert_cmpuint (count_alert_entries (bob->store, id, first.key), ==, 1);
  g_assert_cmpint (sitrep_store_get_next_alert_at (bob->store), ==, second.at);
  move_to (bob, first.at - T0 + 2);
  assert_alerts (bob, "");
  g_assert_cmpuint (bob->summaries, ==, 0);
}

/* Runs the main loop until @done; returns how often a 20 ms timeout
 * fired meanwhile, and in @elapsed_ms how long it took. */
static guint
count_ticks_until (gboolean *done,
                   gint64   *elapsed_ms)
{
  guint ticks = 0;
  guint id = g_timeout_add (20, store_test_count_tick, &ticks);
  gint64 start = g_get_monotonic_time ();

  WAIT_UNTIL (*done);
  g_source_remove (id);
  *elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  return ticks;
}

static gboolean
unlock_cb (gpointer user_data)
{
  store_test_unlock_incidents (user_data);
  return G_SOURCE_REMOVE;
}

static void
flag_alert_cb (gboolean *alerted)
{
  *alerted = TRUE;
}

/* Another session locks the incidents when an alert falls due: the
 * window's main loop goes on while the desk waits for the server, and the
 * alert is shown and recorded once the lock is gone. */
static void
test_waits_off_main (Team          *team,
                     gconstpointer  data)
{
  Desk *ann;
  SitrepAlertMoment first, second;
  g_autofree char *first_alert = NULL;
  PGconn *locker;
  gboolean alerted = FALSE;
  gint64 elapsed_ms;
  guint ticks;
  gint64 id;

  if (!have_server ())
    {
      g_test_skip ("no PostgreSQL server (run under tests/run-on-team)");
      return;
    }

  ann = open_desk (team, 0, NULL);
  start_desk (ann);
  id = create (ann->store, "Mail is slow", "mail", 3, T0);
  settle (ann);
  get_moments (ann->store, id, &first, &second);
  first_alert = expect (&first);
  g_signal_connect_swapped (ann->scheduler, "alert", G_CALLBACK (flag_alert_cb), &alerted);

  locker = store_test_lock_incidents (team->address);

  /* Held for less than the store waits for a lock (3 s). A main loop
   * held by the round would count one tick at most; a loaded machine
   * still counts far more than a quarter of the ideal. */
  g_timeout_add (1000, unlock_cb, locker);
  sitrep_clock_set_now (ann->clock, first.at);
  ticks = count_ticks_until (&alerted, &elapsed_ms);
  g_assert_cmpint (elapsed_ms, >=, 900);
  g_assert_cmpuint (ticks * 20 * 4, >=, elapsed_ms);

  settle (ann);
  assert_alerts (ann, first_alert);
  g_assert_cmpuint (count_alert_entries (ann->store, id, first.key), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/sitrep/scheduler-team/once-per-team", Team, NULL,
              team_set_up, test_once_per_team, team_tear_down);
  g_test_add ("/sitrep/scheduler-team/restart-catch-up", Team, NULL,
              team_set_up, test_restart_catch_up, team_tear_down);
  g_test_add ("/sitrep/scheduler-team/supervisor", Team, NULL,
              team_set_up, test_supervisor, team_tear_down);
  g_test_add ("/sitrep/scheduler-team/fresh-desk", Team, NULL,
              team_set_up, test_fresh_desk, team_tear_down);
  g_test_add ("/sitrep/scheduler-team/unwritable-file", Team, NULL,
              team_set_up, test_unwritable_file, team_tear_down);
  g_test_add ("/sitrep/scheduler-team/damaged-file", Team, NULL,
              team_set_up, test_damaged_file, team_tear_down);
  g_test_add ("/sitrep/scheduler-team/unreachable", Team, NULL,
              team_set_up, test_unreachable, team_tear_down);
  g_test_add ("/sitrep/scheduler-team/waits-off-main", Team, NULL,
              team_set_up, test_waits_off_main, team_tear_down);

  return g_test_run ();
}
