/* test-alerts-team-e2e.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>

#include "test-store-common.h"

/*
 * End to end on a team database: the real sitrep binary, started hidden
 * (--background) on a private session bus with a notification service
 * this test provides, as a supervisor's login on a throwaway team
 * database (run under tests/run-on-team). A level-1 incident's response
 * breach falls due ten seconds after the start: the supervisor's desk
 * shows it, without the Acknowledge button its login may not use,
 * whatever the role chosen in the settings, and records nothing.
 */

/* Seconds before the response breach at which Sitrep starts. */
#define BREACH_AFTER 10

#define SUPERVISOR_LOGIN    "sitrep_test_supervisor"
#define SUPERVISOR_PASSWORD "watching"

#define SERVER_NAME  "org.freedesktop.Notifications"
#define SERVER_PATH  "/org/freedesktop/Notifications"

/* Seconds before the response breach at which Sitrep starts. */
#define BREACH_AFTER 10

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='GetCapabilities'>"
  "      <arg type='as' direction='out'/>"
  "    </method>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "      <arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'>"
  "      <arg type='u' direction='in'/>"
  "    </method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/>"
  "    </method>"
  "    <signal name='NotificationClosed'>"
  "      <arg type='u'/>"
  "      <arg type='u'/>"
  "    </signal>"
  "    <signal name='ActionInvoked'>"
  "      <arg type='u'/>"
  "      <arg type='s'/>"
  "    </signal>"
  "  </interface>"
  "</node>";

typedef struct
{
  guint32   id;
  char     *sender;
  char     *summary;
  char     *body;
  char    **actions;       /* action ids */
  char    **labels;        /* their labels, in the same order */
  guchar    urgency;
  char     *desktop_entry;
} Notification;

typedef struct
{
  GDBusConnection *bus;
  GPtrArray       *notifications;
  guint32          last_id;
  guint            registration_id;
  guint            owner_id;
  gboolean         name_acquired;
  gboolean         name_lost;
} Server;

static void
notification_free (gpointer data)
{
  Notification *notification = data;

  g_free (notification->sender);
  g_free (notification->summary);
  g_free (notification->body);
  g_strfreev (notification->actions);
  g_strfreev (notification->labels);
  g_free (notification->desktop_entry);
  g_free (notification);
}

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

  if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", "body-markup", NULL };

      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method_name, "GetServerInformation"))
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(ssss)", "sitrep-test",
                                                            "Sitrep", "1.0", "1.2"));
    }
  else if (g_str_equal (method_name, "CloseNotification"))
    {
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "Notify"))
    {
      Notification *notification = g_new0 (Notification, 1);
      g_autoptr(GVariant) hints = NULL;
      g_autofree const char **actions = NULL;
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      const char *app_name, *icon, *summary, *body;
      guint32 replaces_id;
      gint32 timeout;

      g_variant_get (parameters, "(&su&s&s&s^a&s@a{sv}i)", &app_name, &replaces_id, &icon,
                     &summary, &body, &actions, &hints, &timeout);

      /* The action array alternates ids and labels. */
      for (guint i = 0; actions[i] != NULL && actions[i + 1] != NULL; i += 2)
        {
          g_ptr_array_add (ids, g_strdup (actions[i]));
          g_ptr_array_add (labels, g_strdup (actions[i + 1]));
        }
      g_ptr_array_add (ids, NULL);
      g_ptr_array_add (labels, NULL);

      notification->id = replaces_id != 0 ? replaces_id : ++server->last_id;
      notification->sender = g_strdup (sender);
      notification->summary = g_strdup (summary);
      notification->body = g_strdup (body);
      notification->actions = (char **) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
      notification->labels = (char **) g_ptr_array_free (g_steal_pointer (&labels), FALSE);
      g_variant_lookup (hints, "urgency", "y", &notification->urgency);
      g_variant_lookup (hints, "desktop-entry", "s", &notification->desktop_entry);

      g_test_message ("Notify #%u: “%s” urgency %u", notification->id, summary,
                      notification->urgency);
      g_ptr_array_add (server->notifications, notification);

      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(u)", notification->id));
    }
  else
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR,
                                             G_DBUS_ERROR_UNKNOWN_METHOD,
                                             "No method %s", method_name);
    }
}

static const GDBusInterfaceVTable server_vtable = {
  server_method_call_cb, NULL, NULL, { 0 }
};

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  Server *server = user_data;

  server->name_acquired = TRUE;
}

static void
name_lost_cb (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  Server *server = user_data;

  server->name_lost = TRUE;
}

typedef gboolean (*Predicate) (gpointer data);

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @predicate holds or @seconds pass. */
static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @predicate holds or @seconds pass. The
 * predicate is checked after each event and at least five times a second. */
static gboolean
wait_for (Predicate  predicate,
          gpointer   data,
          guint      seconds)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (seconds, timeout_cb, &timed_out);
  guint tick_id = g_timeout_add (200, tick_cb, NULL);

  while (!predicate (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (timeout_id);
  g_source_remove (tick_id);

  return predicate (data);
}

static gboolean
server_ready (gpointer data)
{
  Server *server = data;

  return server->name_acquired || server->name_lost;
}

static gboolean
start_server (Server *server)
{
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_dbus_node_info_new_for_xml (introspection_xml, &error);
  g_assert_no_error (error);

  server->notifications = g_ptr_array_new_with_free_func (notification_free);
  server->registration_id =
    g_dbus_connection_register_object (server->bus, SERVER_PATH, info->interfaces[0],
                                       &server_vtable, server, NULL, &error);
  g_assert_no_error (error);

  server->owner_id = g_bus_own_name_on_connection (server->bus, SERVER_NAME,
                                                   G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                                   name_acquired_cb, name_lost_cb,
                                                   server, NULL);
  wait_for (server_ready, server, 10);

  return server->name_acquired;
}

static void
stop_server (Server *server)
{
  if (server->owner_id != 0)
    g_bus_unown_name (server->owner_id);
  if (server->registration_id != 0)
    g_dbus_connection_unregister_object (server->bus, server->registration_id);
  g_clear_pointer (&server->notifications, g_ptr_array_unref);
}

typedef struct
{
  Server     *server;
  const char *prefix;
  guint       since;
  Notification *found;
} Search;

static gboolean
find_notification (gpointer data)
{
  Search *search = data;

  for (guint i = search->since; i < search->server->notifications->len; i++)
    {
      Notification *notification = g_ptr_array_index (search->server->notifications, i);

      if (g_str_has_prefix (notification->summary, search->prefix))
        {
          search->found = notification;
          return TRUE;
        }
    }

  return FALSE;
}

/* A failed assertion ends the test at once: Sitrep must not outlive it,
 * or it would keep the test's output open and the run would wait for it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Runs @sql on the team database @address as the login of the
 * environment. */
static void
admin_exec (const char *address,
            const char *sql)
{
  PGconn *conn = PQconnectdb (address);
  PGresult *result;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect to the test server: %s", PQerrorMessage (conn));

  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));

  PQclear (result);
  PQfinish (conn);
}

static GSubprocess *
launch_sitrep (const char *database,
               const char *state_dir)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", state_dir, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("SITREP_BIN"),
                                         "--background", "--database", database, NULL);
  g_assert_no_error (error);

  return process;
}

/* A level-1 incident whose response breach falls due BREACH_AFTER
 * seconds from now, written by a manager's login. */
static gint64
create_incident (const char *address)
{
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 reported_at;

  store = sitrep_store_open (address, clock, &error);
  g_assert_no_error (error);

  /* Level 1 responds within 10 min. */
  reported_at = sitrep_clock_get_now (clock) - 10 * 60 + BREACH_AFTER;

  return create (store, "Core banking database unreachable", "Core banking", 1, reported_at);
}

static guint
count_alert_entries (const char *address,
                     gint64      id)
{
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;

  store = sitrep_store_open (address, clock, &error);
  g_assert_no_error (error);
  timeline = sitrep_store_list_timeline (store, id, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < timeline->len; i++)
    if (sitrep_timeline_entry_get_kind (g_ptr_array_index (timeline, i)) ==
        SITREP_ENTRY_KIND_ALERT)
      count++;

  return count;
}

static void
test_supervisor_desk (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) sitrep = NULL;
  g_autofree char *address = NULL;
  g_autofree char *database = NULL;
  g_autofree char *state_dir = NULL;
  Server server = { 0 };
  Search breach = { 0 };
  gint64 id;

  if (g_getenv ("SITREP_BIN") == NULL)
    {
      g_test_skip ("SITREP_BIN is not set");
      return;
    }
  if (!store_test_on_team ())
    {
      g_test_skip ("no PostgreSQL server (run under tests/run-on-team)");
      return;
    }
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_skip ("No display (run under xvfb-run)");
      return;
    }

  server.bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (server.bus == NULL)
    {
      g_autofree char *reason = g_strdup_printf ("No session bus (run under "
                                                 "dbus-run-session): %s", error->message);

      g_test_skip (reason);
      return;
    }

  if (!start_server (&server))
    {
      g_test_skip ("Another notification service owns the name on this bus");
      stop_server (&server);
      g_clear_object (&server.bus);
      return;
    }

  address = store_test_new_team_database ();
  admin_exec (address,
              "DO $$ BEGIN "
              "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" SUPERVISOR_LOGIN "') THEN "
              "CREATE ROLE " SUPERVISOR_LOGIN " LOGIN PASSWORD '" SUPERVISOR_PASSWORD "' "
              "IN ROLE sitrep_supervisor; "
              "END IF; END $$");
  database = g_strdup_printf ("%s user=%s password=%s", address, SUPERVISOR_LOGIN,
                              SUPERVISOR_PASSWORD);
  state_dir = g_dir_make_tmp ("sitrep-alerts-team-e2e-XXXXXX", &error);
  g_assert_no_error (error);

  id = create_incident (address);
  sitrep = launch_sitrep (database, state_dir);

  /* The breach, critical, with Open only: the setting says incident
   * manager, the server says supervisor. */
  breach.server = &server;
  breach.prefix = "INC-1 · Response overdue";
  g_assert_true (wait_for (find_notification, &breach, 60));
  g_assert_cmpuint (breach.found->urgency, ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) breach.found->actions, "default"));
  g_assert_false (g_strv_contains ((const char * const *) breach.found->actions,
                                   "acknowledge"));
  g_assert_cmpuint (g_strv_length (breach.found->actions), ==, 1);

  /* The supervisor's desk wrote nothing; its own file says what it showed. */
  g_assert_cmpuint (count_alert_entries (address, id), ==, 0);

  g_subprocess_send_signal (sitrep, SIGTERM);
  g_subprocess_wait (sitrep, NULL, NULL);
  g_assert_true (g_subprocess_get_if_exited (sitrep));
  g_assert_cmpint (g_subprocess_get_exit_status (sitrep), ==, 0);

  {
    g_autofree char *folder = g_build_filename (state_dir, "sitrep", NULL);
    g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
    const char *name;
    guint files = 0;

    g_assert_no_error (error);
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_assert_true (g_str_has_prefix (name, "desk-alerts-"));
        files++;
      }
    g_assert_cmpuint (files, ==, 1);
  }

  stop_server (&server);
  g_clear_object (&server.bus);
  remove_tree (state_dir);
  store_test_drop_team_database (address);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sitrep/alerts-team-e2e/supervisor-desk", test_supervisor_desk);

  return g_test_run ();
}
