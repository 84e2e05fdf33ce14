/* test-alerts-e2e.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "sitrep-store.h"
#include "test-alerts-e2e-common.h"
#include "test-store-common.h"

/*
 * End to end: the real sitrep binary, started hidden (--background) on a
 * private session bus, talks to a notification service that this test
 * provides itself. A level-1 incident reported nine minutes and fifty
 * seconds ago, while Sitrep watched, must bring a normal-urgency
 * "Response due at <time>" notification at once and a critical "Response
 * overdue since <time>" one when the ten minutes are up; invoking
 * "Acknowledge" on it must acknowledge the incident in the database; a
 * restart must not raise either again.
 */

/* Servers that list the actions (dunst) list "default" too: no label may
 * come twice. */
static void
assert_labels_once (Notification *notification)
{
  for (guint i = 0; notification->labels[i] != NULL; i++)
    for (guint j = i + 1; notification->labels[j] != NULL; j++)
      g_assert_cmpstr (notification->labels[i], !=, notification->labels[j]);
}

static GSubprocess *
launch_sitrep (const char *database)
{
  return alerts_e2e_launch_sitrep (database, "SITREP_DATABASE", database);
}

/* Stops Sitrep as a session that ends does: it quits cleanly (as from
 * its menu, which records when it last watched the deadlines of @database;
 * test-scheduler checks that record) instead of being killed. */
static void
stop_sitrep (GSubprocess *process,
             const char  *database)
{
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(GError) error = NULL;

  alerts_e2e_quit_sitrep (process);

  store = sitrep_store_open (database, clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_store_get_last_watched_at (store, &error), !=, SITREP_TIME_NONE);
  g_assert_no_error (error);
}

static gint64
create_incident (const char *database)
{
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(GError) error = NULL;
  gint64 reported_at;

  store = sitrep_store_open (database, clock, &error);
  g_assert_no_error (error);

  /* Level 1 responds within 10 min; the warning came at 7.5 min. */
  reported_at = sitrep_clock_get_now (clock) - 10 * 60 + BREACH_AFTER;

  sitrep_incident_set_title (incident, "Core banking database unreachable");
  sitrep_incident_set_service (incident, "Core banking");
  sitrep_incident_set_level (incident, 1);
  sitrep_incident_set_owner (incident, "Li Wei");
  sitrep_incident_set_reporter_name (incident, "Monitoring");
  sitrep_incident_set_reporter_channel (incident, SITREP_CHANNEL_MONITORING);
  sitrep_incident_set_occurred_at (incident, reported_at);
  sitrep_incident_set_reported_at (incident, reported_at);

  g_assert_true (sitrep_store_create_incident (store, incident, "Monitoring", &error));
  g_assert_no_error (error);

  /* Sitrep watched the deadlines when it was reported, and was closed
   * since: the warning fell due while it was not running. */
  g_assert_true (sitrep_store_set_last_watched_at (store, reported_at, &error));
  g_assert_no_error (error);

  return sitrep_incident_get_id (incident);
}

typedef struct
{
  const char *database;
  gint64      id;
} Acknowledged;

static gboolean
is_acknowledged (gpointer data)
{
  Acknowledged *ack = data;
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GPtrArray) timeline = NULL;

  store = sitrep_store_open (ack->database, clock, NULL);
  if (store == NULL)
    return FALSE;

  incident = sitrep_store_get_incident (store, ack->id, NULL);
  if (incident == NULL || sitrep_incident_get_status (incident) != SITREP_STATUS_ACKNOWLEDGED)
    return FALSE;

  timeline = sitrep_store_list_timeline (store, ack->id, NULL);
  for (guint i = 0; timeline != NULL && i < timeline->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (timeline, i);

      if (sitrep_timeline_entry_get_kind (entry) == SITREP_ENTRY_KIND_STATUS &&
          g_str_has_suffix (sitrep_timeline_entry_get_author (entry), "(from a notification)"))
        return TRUE;
    }

  return FALSE;
}

static void
test_deadline_notifications (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *database = NULL;
  g_autoptr(GSubprocess) sitrep = NULL;
  g_autoptr(GSubprocess) restarted = NULL;
  NotificationServer server = { 0 };
  NotificationSearch warning = { 0 };
  NotificationSearch breach = { 0 };
  NotificationSearch any = { 0 };
  Acknowledged ack = { 0 };
  guint before_restart;

  if (!alerts_e2e_start_server (&server))
    return;

  dir = g_dir_make_tmp ("sitrep-alerts-e2e-XXXXXX", &error);
  g_assert_no_error (error);
  database = g_build_filename (dir, "sitrep.db", NULL);
  ack.database = database;
  ack.id = create_incident (database);

  sitrep = launch_sitrep (database);

  /* At once: the warning, normal urgency, with Open and Acknowledge. */
  warning.server = &server;
  warning.prefix = "INC-1 · Response due";
  g_assert_true (alerts_e2e_wait_for (alerts_e2e_find_notification, &warning, 30));
  g_assert_cmpuint (warning.found->urgency, ==, 1);
  g_assert_cmpstr (warning.found->desktop_entry, ==, "io.github.sitrep.Sitrep");
  g_assert_true (g_strv_contains ((const char * const *) warning.found->actions, "default"));
  g_assert_true (g_strv_contains ((const char * const *) warning.found->actions,
                                  "acknowledge"));
  g_assert_cmpuint (g_strv_length (warning.found->actions), ==, 2);
  assert_labels_once (warning.found);
  /* It names the clock time it is due, which stays true in the list. */
  g_assert_true (g_str_has_prefix (warning.found->summary, "INC-1 · Response due at "));
  g_assert_nonnull (strstr (warning.found->body, "Core banking database unreachable"));
  g_assert_nonnull (strstr (warning.found->body, "Level 1"));
  g_assert_nonnull (strstr (warning.found->body, "Li Wei"));

  /* When the ten minutes are up: the breach, critical, replacing it. */
  breach.server = &server;
  breach.prefix = "INC-1 · Response overdue";
  g_assert_true (alerts_e2e_wait_for (alerts_e2e_find_notification, &breach, 60));
  g_assert_cmpuint (breach.found->urgency, ==, 2);
  g_assert_cmpuint (breach.found->id, ==, warning.found->id);
  g_assert_true (g_strv_contains ((const char * const *) breach.found->actions,
                                  "acknowledge"));
  assert_labels_once (breach.found);
  g_assert_true (g_str_has_prefix (breach.found->summary, "INC-1 · Response overdue since "));

  /* "Acknowledge" from the notification, with no window open. */
  g_dbus_connection_emit_signal (server.bus, breach.found->sender, NOTIFICATION_SERVER_PATH,
                                 NOTIFICATION_SERVER_NAME, "ActionInvoked",
                                 g_variant_new ("(us)", breach.found->id, "acknowledge"),
                                 &error);
  g_assert_no_error (error);
  g_assert_true (alerts_e2e_wait_for (is_acknowledged, &ack, 30));

  stop_sitrep (sitrep, database);

  /* A restart raises none of it again. */
  before_restart = server.notifications->len;
  restarted = launch_sitrep (database);
  any.server = &server;
  any.prefix = "INC-1";
  any.since = before_restart;
  g_assert_false (alerts_e2e_wait_for (alerts_e2e_find_notification, &any, 4));
  stop_sitrep (restarted, database);

  alerts_e2e_stop_server (&server);
  remove_tree (dir);
}

typedef struct
{
  gboolean  answered;
  GError   *error;
} Answer;

static void
list_actions_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Answer *answer = user_data;
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &answer->error);
  answer->answered = TRUE;
}

static gboolean
is_answered (gpointer data)
{
  return ((Answer *) data)->answered;
}

static gboolean
is_held (gpointer data)
{
  NotificationServer *server = data;

  return server->held->len > 0;
}

/* A notification service that takes its time to answer does not hold
 * Sitrep up: while its first alert waits for the service, Sitrep still
 * answers on its main loop (here, the list of its actions asked for on
 * the session bus, as a desktop shell asks it), and the alert is shown
 * once the service answers. */
static void
test_slow_service (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *database = NULL;
  g_autoptr(GSubprocess) sitrep = NULL;
  NotificationServer server = { 0 };
  NotificationSearch breach = { 0 };
  Answer answer = { 0 };
  gint64 asked_at;

  if (!alerts_e2e_start_server (&server))
    return;

  dir = g_dir_make_tmp ("sitrep-alerts-e2e-XXXXXX", &error);
  g_assert_no_error (error);
  database = g_build_filename (dir, "sitrep.db", NULL);
  create_incident (database);

  server.hold = TRUE;
  sitrep = launch_sitrep (database);
  g_assert_true (alerts_e2e_wait_for (is_held, &server, 30));

  asked_at = g_get_monotonic_time ();
  g_dbus_connection_call (server.bus, "io.github.sitrep.Sitrep", "/io/github/sitrep/Sitrep",
                          "org.gtk.Actions", "List", NULL, G_VARIANT_TYPE ("(as)"),
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, 20000, NULL, list_actions_cb,
                          &answer);
  /* Well before libnotify gives up on the service (25 s). */
  g_assert_true (alerts_e2e_wait_for (is_answered, &answer, 10));
  g_assert_no_error (answer.error);
  g_test_message ("Sitrep answered in %.1f ms while its alert waited for the service",
                  (g_get_monotonic_time () - asked_at) / 1000.0);
  g_assert_cmpuint (server.held->len, >, 0);

  /* The service answers: the alerts keep coming. */
  alerts_e2e_answer_held (&server);
  breach.server = &server;
  breach.prefix = "INC-1 · Response overdue";
  g_assert_true (alerts_e2e_wait_for (alerts_e2e_find_notification, &breach, 60));

  stop_sitrep (sitrep, database);
  alerts_e2e_stop_server (&server);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sitrep/alerts-e2e/deadline-notifications", test_deadline_notifications);
  g_test_add_func ("/sitrep/alerts-e2e/slow-service", test_slow_service);

  return g_test_run ();
}
