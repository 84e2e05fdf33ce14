/* sitrep-bench-alerts.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sitrep-scheduler.h"

/*
 * Measures the deadline watch:
 *
 *  - wake-ups of a background process over a minute (SITREP_BENCH_SECONDS)
 *    with 10,000 open incidents of which none is due within the hour: the
 *    scheduler run in this process, counting every return of the main
 *    loop's poll() (the goal is 0: one timer, armed hours ahead); and,
 *    when SITREP_BIN, a display and a session bus are there, the real
 *    `sitrep --background`, counting its voluntary context switches;
 *  - alert latency, from the due moment to the alert: to the scheduler's
 *    "alert" signal in this process, and to the Notify call that the real
 *    binary makes on the session bus (this program then plays the
 *    notification service).
 *
 * Prints Markdown tables.
 */

#define N_INCIDENTS     10000
#define N_LATENCY       5
#define DEFAULT_SECONDS 60

#define MINUTE 60
#define HOUR   (60 * MINUTE)

static guint poll_returns;
static GPollFunc default_poll;

static int
counting_poll (GPollFD *fds,
               guint    nfds,
               int      timeout)
{
  int ret = default_poll (fds, nfds, timeout);

  poll_returns++;

  return ret;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_REMOVE;
}

static void
run_loop_for (guint seconds)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add_seconds (seconds, quit_cb, loop);
  g_main_loop_run (loop);
}

static SitrepIncident *
make_incident (gint64      n,
               int         level,
               gint64      reported_at)
{
  SitrepIncident *incident = sitrep_incident_new ();
  g_autofree char *key = g_strdup_printf ("INC-%" G_GINT64_FORMAT, n);
  g_autofree char *title = g_strdup_printf ("Disk latency high on srv%04" G_GINT64_FORMAT,
                                            n % 1000);

  sitrep_incident_set_key (incident, key);
  sitrep_incident_set_title (incident, title);
  sitrep_incident_set_service (incident, "Storage");
  sitrep_incident_set_level (incident, level);
  sitrep_incident_set_status (incident, SITREP_STATUS_NEW);
  sitrep_incident_set_reporter_name (incident, "Monitoring");
  sitrep_incident_set_reporter_channel (incident, SITREP_CHANNEL_MONITORING);
  sitrep_incident_set_occurred_at (incident, reported_at);
  sitrep_incident_set_reported_at (incident, reported_at);

  return incident;
}

/* 10,000 open level-3 incidents, acknowledged, reported up to ten hours
 * ago: their next alert is a recovery warning (18 h after the fault) at
 * least eight hours ahead. */
static void
fill_database (const char *path,
               gint64      now)
{
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(GPtrArray) timeline = g_ptr_array_new ();
  g_autoptr(GPtrArray) complaints = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  store = sitrep_store_open (path, clock, &error);
  g_assert_no_error (error);

  g_assert_true (sitrep_store_import_begin (store, &error));
  for (gint64 n = 1; n <= N_INCIDENTS; n++)
    {
      gint64 reported_at = now - (n % 600) * MINUTE;
      g_autoptr(SitrepIncident) incident = make_incident (n, 3, reported_at);

      sitrep_incident_set_status (incident, SITREP_STATUS_ACKNOWLEDGED);
      sitrep_incident_set_acknowledged_at (incident, reported_at + 5 * MINUTE);
      g_assert_true (sitrep_store_import_incident (store, incident, timeline, complaints,
                                                   FALSE, NULL, &error));
    }
  g_assert_true (sitrep_store_import_commit (store, &error));
  g_assert_no_error (error);
}

/* Level-1 incidents whose response warning (7.5 min) falls due
 * @first_in, @first_in + 1, … seconds from @now. */
static void
add_latency_incidents (SitrepStore *store,
                       gint64       now,
                       gint64       first_in,
                       gint64      *due)
{
  for (guint i = 0; i < N_LATENCY; i++)
    {
      g_autoptr(SitrepIncident) incident = NULL;
      g_autoptr(GError) error = NULL;

      due[i] = now + first_in + i;
      incident = make_incident (0, 1, due[i] - 450);
      sitrep_incident_set_key (incident, NULL);
      g_assert_true (sitrep_store_create_incident (store, incident, "Monitoring", &error));
      g_assert_no_error (error);
    }
}

typedef struct
{
  SitrepClock *clock;
  double       latency_ms[N_LATENCY];
  guint        n;
} LatencyProbe;

static void
alert_cb (SitrepScheduler         *scheduler,
          SitrepIncident          *incident,
          const SitrepAlertMoment *moment,
          LatencyProbe            *probe)
{
  if (probe->n < N_LATENCY && g_str_equal (moment->key, "response-warning"))
    probe->latency_ms[probe->n++] =
      (double) (sitrep_clock_get_now_usec (probe->clock) - moment->at * G_USEC_PER_SEC) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

static void
print_latencies (const char *what,
                 double     *values,
                 guint       n)
{
  if (n == 0)
    {
      printf ("| %s | no alert arrived | | |\n", what);
      return;
    }

  qsort (values, n, sizeof (double), compare_doubles);
  printf ("| %s | %u | %.1f | %.1f |\n", what, n, values[n / 2], values[n - 1]);
}

static void
bench_in_process (const char *path,
                  guint       seconds)
{
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(SitrepScheduler) scheduler = NULL;
  g_autoptr(GError) error = NULL;
  LatencyProbe probe = { 0 };
  gint64 due[N_LATENCY];
  gint64 next;

  store = sitrep_store_open (path, clock, &error);
  g_assert_no_error (error);

  probe.clock = clock;
  scheduler = sitrep_scheduler_new (store);
  g_signal_connect (scheduler, "alert", G_CALLBACK (alert_cb), &probe);
  sitrep_scheduler_start (scheduler);

  /* Let start-up settle, then count. Quitting a loop leaves the context's
   * wake-up signalled: consume it first. */
  run_loop_for (1);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  next = sitrep_scheduler_get_next_wakeup (scheduler);

  default_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, counting_poll);
  poll_returns = 0;
  run_loop_for (seconds);
  g_main_context_set_poll_func (NULL, default_poll);

  printf ("## Background wake-ups, %d open incidents, none due within the hour\n\n",
          N_INCIDENTS);
  printf ("| process | over | next alert in | wake-ups |\n");
  printf ("| --- | --- | --- | --- |\n");
  /* One poll return is the benchmark's own timer that ends the run. */
  printf ("| scheduler in this process (main-loop wake-ups) | %u s | %.1f h | %u |\n",
          seconds, (double) (next - sitrep_clock_get_now (clock)) / HOUR,
          poll_returns > 0 ? poll_returns - 1 : 0);
  fflush (stdout);

  add_latency_incidents (store, sitrep_clock_get_now (clock), 2, due);
  run_loop_for (2 + N_LATENCY + 1);

  printf ("\n## Alert latency (due moment to alert)\n\n");
  printf ("| path | alerts | median ms | max ms |\n");
  printf ("| --- | --- | --- | --- |\n");
  print_latencies ("scheduler \"alert\" signal, in this process", probe.latency_ms, probe.n);
  fflush (stdout);
}

/* The real binary ------------------------------------------------------- */

static const char notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/>"
  "<arg type='i' direction='in'/><arg type='u' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "<method name='GetServerInformation'><arg type='s' direction='out'/>"
  "<arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "<arg type='s' direction='out'/></method>"
  "</interface></node>";

typedef struct
{
  SitrepClock *clock;
  GArray      *arrivals;   /* gint64 µs */
  guint32      last_id;
  gboolean     owned;
  gboolean     lost;
} Server;

static void
server_method_call_cb (GDBusConnection       *connection,
                       const char            *sender,
                       const char            *object_path,
                       const char            *interface_name,
                       const char            *method_name,
                       GVariant              *parameters,
                       GDBusMethodInvocation *invocation,
                       gpointer               user_data)
{
  Server *server = user_data;

  if (g_str_equal (method_name, "Notify"))
    {
      gint64 now = sitrep_clock_get_now_usec (server->clock);
      guint32 replaces_id = 0;

      g_variant_get_child (parameters, 1, "u", &replaces_id);
      g_array_append_val (server->arrivals, now);
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(u)", replaces_id != 0
                                                                   ? replaces_id
                                                                   : ++server->last_id));
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method_name, "GetServerInformation"))
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(ssss)", "sitrep-bench", "Sitrep",
                                                            "1.0", "1.2"));
    }
  else
    {
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
}

static const GDBusInterfaceVTable server_vtable = { server_method_call_cb, NULL, NULL, { 0 } };

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  ((Server *) user_data)->owned = TRUE;
}

static void
name_lost_cb (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  ((Server *) user_data)->lost = TRUE;
}

static guint64
read_context_switches (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return 0;

  line = strstr (contents, "voluntary_ctxt_switches:");
  if (line == NULL)
    return 0;

  return g_ascii_strtoull (line + strlen ("voluntary_ctxt_switches:"), NULL, 10);
}

static GSubprocess *
launch_sitrep (const char *path)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              g_getenv ("SITREP_BIN"), "--background", "--database", path,
                              NULL);
  g_assert_no_error (error);

  return process;
}

static void
bench_binary (const char *path,
              const char *latency_path,
              guint       seconds)
{
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GSubprocess) sitrep = NULL;
  g_autoptr(GError) error = NULL;
  Server server = { 0 };
  double latency_ms[N_LATENCY];
  gint64 due[N_LATENCY];
  guint64 before, after;
  guint registration, owner;
  GPid pid;

  if (g_getenv ("SITREP_BIN") == NULL ||
      (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL))
    {
      printf ("\n(The real binary was not measured: it needs SITREP_BIN and a display, "
              "e.g. under xvfb-run -a dbus-run-session.)\n");
      return;
    }

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    {
      printf ("\n(The real binary was not measured: no session bus.)\n");
      return;
    }

  server.clock = clock;
  server.arrivals = g_array_new (FALSE, FALSE, sizeof (gint64));
  info = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  registration = g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications",
                                                    info->interfaces[0], &server_vtable,
                                                    &server, NULL, &error);
  g_assert_no_error (error);
  owner = g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications",
                                        G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                        name_acquired_cb, name_lost_cb, &server, NULL);
  while (!server.owned && !server.lost)
    g_main_context_iteration (NULL, TRUE);

  /* Wake-ups of `sitrep --background` with nothing due. */
  sitrep = launch_sitrep (path);
  pid = atoi (g_subprocess_get_identifier (sitrep));
  run_loop_for (5);
  before = read_context_switches (pid);
  run_loop_for (seconds);
  after = read_context_switches (pid);
  g_subprocess_send_signal (sitrep, SIGTERM);
  g_subprocess_wait (sitrep, NULL, NULL);
  g_clear_object (&sitrep);

  printf ("\n| process | over | next alert in | wake-ups |\n");
  printf ("| --- | --- | --- | --- |\n");
  printf ("| `sitrep --background` (voluntary context switches) | %u s | > 8 h | %"
          G_GUINT64_FORMAT " |\n", seconds, after - before);

  /* Latency to the Notify call. */
  if (server.owned)
    {
      g_autoptr(SitrepStore) store = sitrep_store_open (latency_path, clock, &error);
      guint n = 0;

      g_assert_no_error (error);
      add_latency_incidents (store, sitrep_clock_get_now (clock), 5, due);
      g_clear_object (&store);

      sitrep = launch_sitrep (latency_path);
      run_loop_for (5 + N_LATENCY + 2);
      g_subprocess_send_signal (sitrep, SIGTERM);
      g_subprocess_wait (sitrep, NULL, NULL);

      /* The incidents fall due one second apart, in order. */
      for (guint i = 0; i < server.arrivals->len && n < N_LATENCY; i++)
        {
          latency_ms[n] = (double) (g_array_index (server.arrivals, gint64, i) -
                                    due[n] * G_USEC_PER_SEC) / 1000.0;
          n++;
        }

      printf ("\n| path | alerts | median ms | max ms |\n");
      printf ("| --- | --- | --- | --- |\n");
      print_latencies ("`sitrep --background` to the Notify call", latency_ms, n);
    }
  else
    {
      printf ("\n(Notify latency not measured: another notification service owns the "
              "name.)\n");
    }

  g_bus_unown_name (owner);
  g_dbus_connection_unregister_object (bus, registration);
  g_array_unref (server.arrivals);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_unlink (file);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *latency_path = NULL;
  const char *env_seconds = g_getenv ("SITREP_BENCH_SECONDS");
  guint seconds = env_seconds != NULL ? (guint) atoi (env_seconds) : DEFAULT_SECONDS;

  if (seconds == 0)
    seconds = DEFAULT_SECONDS;

  dir = g_dir_make_tmp ("sitrep-bench-alerts-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "sitrep.db", NULL);
  latency_path = g_build_filename (dir, "latency.db", NULL);

  fill_database (path, sitrep_clock_get_now (clock));
  bench_in_process (path, seconds);

  /* The in-process run added its latency incidents: start afresh. */
  remove_tree (dir);
  g_mkdir_with_parents (dir, 0700);
  fill_database (path, sitrep_clock_get_now (clock));
  bench_binary (path, latency_path, seconds);

  remove_tree (dir);

  return 0;
}
