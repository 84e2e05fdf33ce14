/* test-team-desks.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Two desks on one team database: this process's window, and another
 * desk in a process of its own (tests/team-desk.c). Run through
 * tests/run-on-team, under a display.
 */

#include "config.h"

#include <sys/wait.h>

#include <adwaita.h>

#include "sitrep-incident-view.h"
#include "sitrep-resources.h"
#include "sitrep-team-banner.h"
#include "sitrep-window.h"
#include "test-gui-common.h"
#include "test-store-common.h"

typedef struct
{
  char          *address;
  SitrepClock   *clock;
  SitrepStore   *store;
  GSettings     *settings;
  SitrepContext *context;
  SitrepWindow  *window;
  gint64         id;
} Desks;

typedef gboolean (*Condition) (Desks *desks);

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds; fails after @seconds. What
 * is awaited arrives through the team database's notifications: nothing
 * here reads the database again by itself. Returns how long it took. */
static double
wait_for (Desks     *desks,
          Condition  condition,
          guint      seconds)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (seconds, timeout_cb, &timed_out);
  gint64 start = g_get_monotonic_time ();

  while (!timed_out && !condition (desks))
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (source);
  if (!condition (desks))
    {
      SitrepIncidentList *list = sitrep_window_get_incident_list (desks->window);

      g_test_message ("the list shows %u incidents%s",
                      g_list_model_get_n_items (G_LIST_MODEL (list)),
                      sitrep_incident_list_get_loading (list) ? ", still loading" : "");
    }
  g_assert_true (condition (desks));

  return (g_get_monotonic_time () - start) / 1e6;
}

static void
run_other_desk (Desks       *desks,
                const char  *first,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, g_strdup (g_getenv ("SITREP_TEAM_DESK")));
  g_ptr_array_add (argv, g_strdup (desks->address));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
desks_set_up (Desks         *desks,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) seed = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();

  desks->address = store_test_new_team_database ();
  desks->clock = sitrep_clock_new ();

  seed = sitrep_store_open_team (desks->address, NULL, desks->clock, &error);
  g_assert_no_error (error);
  sitrep_incident_set_title (incident, "Payments fail at checkout");
  sitrep_incident_set_service (incident, "Payments");
  sitrep_incident_set_level (incident, 2);
  sitrep_incident_set_occurred_at (incident, sitrep_clock_get_now (desks->clock) - 300);
  sitrep_incident_set_reported_at (incident, sitrep_clock_get_now (desks->clock) - 240);
  g_assert_true (sitrep_store_create_incident (seed, incident, "Ada", &error));
  g_assert_no_error (error);
  desks->id = sitrep_incident_get_id (incident);
  g_clear_object (&seed);

  desks->store = sitrep_store_open_team (desks->address, NULL, desks->clock, &error);
  g_assert_no_error (error);
  desks->settings = g_settings_new ("io.github.sitrep.Sitrep");
  g_settings_set_string (desks->settings, "user-name", "Ada");
  desks->context = sitrep_context_new (desks->store, desks->settings);
  desks->window = g_object_new (SITREP_TYPE_WINDOW, "context", desks->context, NULL);
  gtk_window_present (GTK_WINDOW (desks->window));
  gui_test_drain ();
}

static void
desks_tear_down (Desks         *desks,
                 gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (desks->window));
  gui_test_drain ();
  g_clear_object (&desks->context);
  g_clear_object (&desks->settings);
  g_clear_object (&desks->store);
  g_clear_object (&desks->clock);
  store_test_drop_team_database (desks->address);
  g_free (desks->address);
}

/* The incident as the window's list has it, or NULL */
static SitrepIncident *
dup_listed (Desks *desks)
{
  SitrepIncidentList *list = sitrep_window_get_incident_list (desks->window);
  guint position = sitrep_incident_list_find (list, desks->id);

  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;

  return g_list_model_get_item (G_LIST_MODEL (list), position);
}

static gboolean
list_shows_incident (Desks *desks)
{
  g_autoptr(SitrepIncident) incident = dup_listed (desks);

  return incident != NULL;
}

static gboolean
list_shows_acknowledged (Desks *desks)
{
  g_autoptr(SitrepIncident) incident = dup_listed (desks);

  return incident != NULL && sitrep_incident_get_status (incident) == SITREP_STATUS_ACKNOWLEDGED;
}

static gboolean
view_shows_acknowledged (Desks *desks)
{
  SitrepIncidentView *view = SITREP_INCIDENT_VIEW (sitrep_window_get_incident_view (desks->window));
  SitrepIncident *incident = sitrep_incident_view_get_incident (view);

  return incident != NULL && sitrep_incident_get_status (incident) == SITREP_STATUS_ACKNOWLEDGED;
}

static gboolean
banner_shown (Desks *desks)
{
  SitrepTeamListener *listener = sitrep_store_get_team_listener (desks->store);

  return !sitrep_team_listener_get_connected (listener)
         && sitrep_team_listener_get_unreachable_since (listener) != SITREP_TIME_NONE;
}

static gboolean
listening_again (Desks *desks)
{
  return sitrep_team_listener_get_connected (sitrep_store_get_team_listener (desks->store));
}

/* One desk acknowledges; the other's window shows it, in the list and
 * in the open incident, as the server announces the change. */
static void
test_change_shows_on_other_desk (Desks         *desks,
                                 gconstpointer  data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, desks->id);
  double waited;

  wait_for (desks, list_shows_incident, 10);
  wait_for (desks, listening_again, 10);
  g_assert_cmpint (sitrep_window_get_incident_id (desks->window), ==, desks->id);
  g_assert_false (list_shows_acknowledged (desks));

  run_other_desk (desks, "acknowledge", id, NULL);
  waited = wait_for (desks, list_shows_acknowledged, 10);
  wait_for (desks, view_shows_acknowledged, 10);
  g_test_message ("the other desk's acknowledgement showed after %.3f s", waited);
}

static guint
count_notes (Desks      *desks,
             const char *author)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM timeline WHERE kind = 'note' "
                                          "AND author = '%s'", author);

  return (guint) raw_int64 (desks->address, sql);
}

/* Two desks add notes to the same incident at the same time: every one
 * of them is kept, once. */
static void
test_notes_at_once_all_kept (Desks         *desks,
                             gconstpointer  data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, desks->id);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("SITREP_TEAM_DESK"), desks->address, "notes", id, "20",
                         "Bea", NULL };
  GPid pid;
  int status = 0;
  gboolean exited = FALSE;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                NULL, &pid, &error));
  g_assert_no_error (error);

  for (int i = 0; i < 20; i++)
    {
      g_autofree char *text = g_strdup_printf ("Ada note %d", i + 1);

      gboolean added = sitrep_store_add_note (desks->store, desks->id,
                                              sitrep_clock_get_now (desks->clock), "Ada",
                                              SITREP_TAG_NONE, text, &error);

      g_assert_no_error (error);
      g_assert_true (added);
    }

  while (!exited)
    {
      int rc = waitpid (pid, &status, 0);

      exited = rc == pid;
    }
  g_spawn_close_pid (pid);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_assert_cmpuint (count_notes (desks, "Ada"), ==, 20);
  g_assert_cmpuint (count_notes (desks, "Bea"), ==, 20);
}

static void
run_cluster (const char *action)
{
  const char *argv[] = { "pg_ctlcluster", g_getenv ("PGVERSION"), "regress", action, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* The server stops under a running window and starts again: the window
 * says so meanwhile, a write is refused with nothing changed, and
 * afterwards the window is live again and catches up. */
static void
test_server_restart (Desks         *desks,
                     gconstpointer  data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, desks->id);
  g_autoptr(GError) error = NULL;

  wait_for (desks, list_shows_incident, 10);
  wait_for (desks, listening_again, 10);

  run_cluster ("stop");
  wait_for (desks, banner_shown, 30);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (desks->window)));

  g_assert_false (sitrep_store_add_note (desks->store, desks->id,
                                         sitrep_clock_get_now (desks->clock), "Ada",
                                         SITREP_TAG_NONE, "Lost?", &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_UNREACHABLE);
  g_clear_error (&error);

  run_cluster ("start");
  /* the other desk writes before this one listens again: the catch-up
   * after reconnecting brings it */
  run_other_desk (desks, "acknowledge", id, NULL);
  wait_for (desks, listening_again, 60);
  wait_for (desks, list_shows_acknowledged, 10);

  g_assert_true (sitrep_store_add_note (desks->store, desks->id,
                                        sitrep_clock_get_now (desks->clock), "Ada",
                                        SITREP_TAG_NONE, "Back", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_notes (desks, "Ada"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  /* Links the resources in; they register themselves at start. */
  g_assert_nonnull (sitrep_get_resource ());

  if (!store_test_on_team ())
    {
      g_printerr ("test-team-desks runs through tests/run-on-team\n");
      return 1;
    }

  g_test_add ("/sitrep/team/change-shows-on-other-desk", Desks, NULL, desks_set_up,
              test_change_shows_on_other_desk, desks_tear_down);
  g_test_add ("/sitrep/team/notes-at-once-all-kept", Desks, NULL, desks_set_up,
              test_notes_at_once_all_kept, desks_tear_down);
  g_test_add ("/sitrep/team/server-restart", Desks, NULL, desks_set_up,
              test_server_restart, desks_tear_down);

  return g_test_run ();
}
