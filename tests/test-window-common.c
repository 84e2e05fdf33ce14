/* test-window-common.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-incident-view.h"
#include "sitrep-resources.h"
#include "test-gui-common.h"
#include "test-window-common.h"

/*
 * What the tests of the main window share: a fixture with a store on a
 * fake clock, the settings and the context, the window opened on them,
 * and helpers that wait for it or find what it shows.
 */

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @list shows @n_items, or gives up after a while
 * (the search waits for the user to pause typing). */
void
wait_for_n_items (SitrepIncidentList *list,
                  guint               n_items)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (5, timeout_cb, &timed_out);

  while (!timed_out && g_list_model_get_n_items (G_LIST_MODEL (list)) != n_items)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (source);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_items);
}

void
wait_for_answer (SitrepIncidentList *list)
{
  while (sitrep_incident_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  gui_test_drain ();
}

gint64
create (Fixture    *fixture,
        const char *title,
        int         level,
        gint64      reported_at)
{
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(GError) error = NULL;

  sitrep_incident_set_title (incident, title);
  sitrep_incident_set_service (incident, "Portal");
  sitrep_incident_set_level (incident, level);
  sitrep_incident_set_occurred_at (incident, reported_at);
  sitrep_incident_set_reported_at (incident, reported_at);
  g_assert_true (sitrep_store_create_incident (fixture->store, incident, "Tester", &error));
  g_assert_no_error (error);

  return sitrep_incident_get_id (incident);
}

const char *
visible_page (Fixture    *fixture,
              const char *stack_name)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                              SITREP_TYPE_WINDOW, stack_name));

  return gtk_stack_get_visible_child_name (stack);
}

/* Runs the main loop until the detail pane shows an incident: a window
 * that opens on an incident fills its detail pane after its first frame. */
static void
wait_for_detail_pane (Fixture *fixture)
{
  SitrepIncidentView *view =
    SITREP_INCIDENT_VIEW (sitrep_window_get_incident_view (fixture->window));
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (5, timeout_cb, &timed_out);

  while (!timed_out && sitrep_incident_view_get_incident (view) == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (source);
  g_assert_nonnull (sitrep_incident_view_get_incident (view));
  gui_test_drain ();
}

void
open_window (Fixture *fixture)
{
  fixture->window = g_object_new (SITREP_TYPE_WINDOW,
                                  "context", fixture->context,
                                  NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gui_test_drain ();
  if (sitrep_window_get_incident_id (fixture->window) != 0)
    wait_for_detail_pane (fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *keys[] = { "user-name", "user-role", "list-filter", "list-sort" };

  fixture->dir = g_dir_make_tmp ("sitrep-window-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "sitrep.db", NULL);
  fixture->clock = sitrep_clock_new_fake (NOW);
  fixture->store = sitrep_store_open (path, fixture->clock, &error);
  g_assert_no_error (error);

  fixture->settings = g_settings_new ("io.github.sitrep.Sitrep");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (fixture->settings, keys[i]);
  g_settings_set_string (fixture->settings, "user-name", "Ada");
  fixture->context = sitrep_context_new (fixture->store, fixture->settings);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  gui_test_drain ();

  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->clock);

  gui_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

void
wait_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  while (!timed_out && !done (data))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
  g_assert_true (done (data));
}

void
window_test_init (int    *argc,
                  char ***argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  gui_test_isolate_user_dirs ();

  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();
  /* Links the resources in; they register themselves at start. */
  g_assert_nonnull (sitrep_get_resource ());
}

void
add_window_test (const char     *path,
                 WindowTestFunc  func)
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}
