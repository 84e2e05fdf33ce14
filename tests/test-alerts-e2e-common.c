/* test-alerts-e2e-common.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>

#include "test-alerts-e2e-common.h"

/*
 * What the end-to-end tests of the alerts share: a notification service
 * of their own on the session bus, which records every notification it
 * is sent, and the real sitrep binary started and stopped as a desktop
 * session does.
 */

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
  NotificationServer *server = user_data;

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

      if (server->hold)
        {
          g_object_set_data (G_OBJECT (invocation), "sitrep-id",
                             GUINT_TO_POINTER (notification->id));
          /* the reference the answer takes */
          g_ptr_array_add (server->held, invocation);
          return;
        }

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
  NotificationServer *server = user_data;

  server->name_acquired = TRUE;
}

static void
name_lost_cb (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  NotificationServer *server = user_data;

  server->name_lost = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Wakes the main loop, so that a predicate that no event changes (a
 * database that another process writes) is checked again. */
static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* The predicate is checked after each event and at least five times a
 * second. */
gboolean
alerts_e2e_wait_for (AlertsE2ePredicate  predicate,
                     gpointer            data,
                     guint               seconds)
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
  NotificationServer *server = data;

  return server->name_acquired || server->name_lost;
}

static gboolean
own_name (NotificationServer *server)
{
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_dbus_node_info_new_for_xml (introspection_xml, &error);
  g_assert_no_error (error);

  server->notifications = g_ptr_array_new_with_free_func (notification_free);
  server->held = g_ptr_array_new ();
  server->registration_id =
    g_dbus_connection_register_object (server->bus, NOTIFICATION_SERVER_PATH,
                                       info->interfaces[0], &server_vtable, server, NULL,
                                       &error);
  g_assert_no_error (error);

  server->owner_id = g_bus_own_name_on_connection (server->bus, NOTIFICATION_SERVER_NAME,
                                                   G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                                   name_acquired_cb, name_lost_cb,
                                                   server, NULL);
  alerts_e2e_wait_for (server_ready, server, 10);

  return server->name_acquired;
}

gboolean
alerts_e2e_start_server (NotificationServer *server)
{
  g_autoptr(GError) error = NULL;

  if (g_getenv ("SITREP_BIN") == NULL)
    {
      g_test_skip ("SITREP_BIN is not set");
      return FALSE;
    }
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_skip ("No display (run under xvfb-run)");
      return FALSE;
    }

  server->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (server->bus == NULL)
    {
      g_autofree char *reason = g_strdup_printf ("No session bus (run under "
                                                 "dbus-run-session): %s", error->message);

      g_test_skip (reason);
      return FALSE;
    }

  if (!own_name (server))
    {
      g_test_skip ("Another notification service owns the name on this bus");
      alerts_e2e_stop_server (server);
      return FALSE;
    }

  return TRUE;
}

void
alerts_e2e_answer_held (NotificationServer *server)
{
  server->hold = FALSE;
  for (guint i = 0; i < server->held->len; i++)
    {
      GDBusMethodInvocation *invocation = g_ptr_array_index (server->held, i);
      guint32 id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (invocation), "sitrep-id"));

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", id));
    }
  g_ptr_array_set_size (server->held, 0);
}

void
alerts_e2e_stop_server (NotificationServer *server)
{
  if (server->held != NULL)
    alerts_e2e_answer_held (server);
  g_clear_pointer (&server->held, g_ptr_array_unref);
  if (server->owner_id != 0)
    g_bus_unown_name (server->owner_id);
  if (server->registration_id != 0)
    g_dbus_connection_unregister_object (server->bus, server->registration_id);
  g_clear_pointer (&server->notifications, g_ptr_array_unref);
  g_clear_object (&server->bus);
}

gboolean
alerts_e2e_find_notification (gpointer data)
{
  NotificationSearch *search = data;

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

GSubprocess *
alerts_e2e_launch_sitrep (const char *database,
                          const char *variable,
                          const char *value)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, variable, value, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("SITREP_BIN"),
                                         "--background", "--database", database, NULL);
  g_assert_no_error (error);

  return process;
}

/* It quits as from its menu instead of being killed: what it records on
 * the way out is part of what the tests check. */
void
alerts_e2e_quit_sitrep (GSubprocess *process)
{
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}
