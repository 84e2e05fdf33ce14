/* test-incident-view-common.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-gui-common.h"
#include "test-incident-view-common.h"

void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("sitrep-incident-view-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "sitrep.db", NULL);

  fixture->clock = sitrep_clock_new_fake (T0);
  fixture->store = sitrep_store_open (path, fixture->clock, &error);
  g_assert_no_error (error);

  sitrep_incident_set_title (incident, "Login fails after the release");
  sitrep_incident_set_service (incident, "Customer portal");
  sitrep_incident_set_level (incident, 2);
  sitrep_incident_set_reporter_name (incident, "Hotline desk");
  sitrep_incident_set_reporter_channel (incident, SITREP_CHANNEL_HOTLINE);
  sitrep_incident_set_occurred_at (incident, T0);
  sitrep_incident_set_reported_at (incident, T0);
  sitrep_store_create_incident (fixture->store, incident, "Ana", &error);
  g_assert_no_error (error);
  fixture->id = sitrep_incident_get_id (incident);
  g_assert_cmpint (fixture->id, >, 0);

  fixture->settings = g_settings_new (SITREP_SETTINGS_SCHEMA);
  g_settings_set_string (fixture->settings, "user-name", "Ben");
  g_settings_set_string (fixture->settings, "user-role", "incident-manager");
  fixture->context = sitrep_context_new (fixture->store, fixture->settings);

  fixture->view = SITREP_INCIDENT_VIEW (sitrep_incident_view_new ());
  g_object_set (fixture->view,
                "context", fixture->context,
                "incident-id", fixture->id,
                NULL);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  gui_test_drain ();
}

void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  gui_test_drain ();
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->clock);
  gui_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

SitrepTimelineEntry *
find_entry (Fixture    *fixture,
            const char *text)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = sitrep_store_list_timeline (fixture->store, fixture->id, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < entries->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (sitrep_timeline_entry_get_text (entry), text) == 0)
        return g_object_ref (entry);
    }

  return NULL;
}

/* The first label under @widget whose text holds @part. */
GtkLabel *
find_label_with (GtkWidget  *widget,
                 const char *part)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), part) != NULL)
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_with (child, part);

      if (found != NULL)
        return found;
    }

  return NULL;
}
