/* test-workflow-gui.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "sitrep-incident-view.h"
#include "sitrep-incident-workflow.h"
#include "sitrep-resources.h"
#include "test-gui-common.h"
#include "test-incident-view-common.h"

/*
 * The incident view's hold and team actions: each asks in a dialog, only
 * its confirming response writes, and the header shows the result.
 */

/* The common fixture, an hour after the incident was reported. */
static void
workflow_setup (Fixture       *f,
                gconstpointer  data)
{
  fixture_setup (f, data);
  sitrep_clock_set_now (f->clock, T0 + 3600);
  gui_test_wait_for_writes (f->store);
}

/* The dialog the last action opened. */
static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static AdwMessageDialog *
activate (Fixture    *f,
          const char *action)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), action, NULL));
  gui_test_wait_for_writes (f->store);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  return dialog;
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *prefix)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, prefix))
      return TRUE;

  return FALSE;
}

static gboolean
button_shown (GtkWidget  *widget,
              const char *action)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return gtk_widget_is_visible (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (button_shown (child, action))
      return TRUE;

  return FALSE;
}

static SitrepIncident *
get_incident (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SitrepIncident *incident = sitrep_store_get_incident (f->store, f->id, &error);

  g_assert_no_error (error);
  return incident;
}

static guint
count_entries (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sitrep_store_list_timeline (f->store, f->id, &error);

  g_assert_no_error (error);
  return entries->len;
}

static void
test_hold_and_release (Fixture       *f,
                       gconstpointer  data)
{
  AdwMessageDialog *dialog = activate (f, "incident.hold-or-release");
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  g_autoptr(SitrepIncident) held = NULL;
  g_autoptr(SitrepIncident) released = NULL;

  /* no reason, no hold */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "hold"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "waiting for the vendor");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "hold"));
  adw_message_dialog_response (dialog, "hold");
  gui_test_wait_for_writes (f->store);

  held = get_incident (f);
  g_assert_nonnull (sitrep_incident_get_current_hold (held));
  g_assert_cmpstr (sitrep_incident_get_current_hold (held)->reason, ==, "waiting for the vendor");
  g_assert_cmpstr (sitrep_incident_get_current_hold (held)->author, ==, "Ben");
  g_assert_true (shows_label (GTK_WIDGET (f->view),
                             "On hold since 10:00 — waiting for the vendor"));

  /* the same shortcut action now releases */
  sitrep_clock_set_now (f->clock, T0 + 7200);
  dialog = activate (f, "incident.hold-or-release");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "release");
  adw_message_dialog_response (dialog, "release");
  gui_test_wait_for_writes (f->store);

  released = get_incident (f);
  g_assert_null (sitrep_incident_get_current_hold (released));
  g_assert_cmpint (sitrep_incident_get_hold (released, 0)->ended_at, ==, T0 + 7200);
  g_assert_false (shows_label (GTK_WIDGET (f->view), "On hold since"));
}

/* Escape (the close response) writes nothing. */
static void
test_cancel_changes_nothing (Fixture       *f,
                             gconstpointer  data)
{
  guint entries = count_entries (f);
  AdwMessageDialog *dialog = activate (f, "incident.hold");
  g_autoptr(SitrepIncident) incident = NULL;

  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "customer");
  adw_message_dialog_response (dialog, adw_message_dialog_get_close_response (dialog));
  gui_test_wait_for_writes (f->store);

  dialog = activate (f, "incident.assign-team");
  adw_message_dialog_response (dialog, adw_message_dialog_get_close_response (dialog));
  gui_test_wait_for_writes (f->store);

  incident = get_incident (f);
  g_assert_cmpuint (sitrep_incident_get_n_holds (incident), ==, 0);
  g_assert_null (sitrep_incident_get_team (incident));
  g_assert_cmpuint (count_entries (f), ==, entries);
}

static void
test_assign_team (Fixture       *f,
                  gconstpointer  data)
{
  AdwMessageDialog *dialog = activate (f, "incident.assign-team");
  GtkWidget *search = find_widget (adw_message_dialog_get_extra_child (dialog),
                                   GTK_TYPE_SEARCH_ENTRY);
  g_autoptr(SitrepIncident) incident = NULL;

  g_assert_nonnull (search);
  /* Escape in the search closes the dialog and assigns nothing */
  g_signal_emit_by_name (search, "stop-search");
  gui_test_wait_for_writes (f->store);
  g_assert_null (find_dialog ());
  dialog = activate (f, "incident.assign-team");
  search = find_widget (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_SEARCH_ENTRY);

  /* nothing typed: Enter assigns nothing */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "assign"));
  g_signal_emit_by_name (search, "activate");
  gui_test_wait_for_writes (f->store);
  g_assert_null (sitrep_incident_get_team (incident = get_incident (f)));
  g_clear_object (&incident);

  gtk_editable_set_text (GTK_EDITABLE (search), "netw");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "assign"));
  g_signal_emit_by_name (search, "activate");
  gui_test_wait_for_writes (f->store);

  /* Enter assigned and closed the dialog, as its button does */
  g_assert_null (find_dialog ());
  incident = get_incident (f);
  g_assert_cmpstr (sitrep_incident_get_team (incident), ==, "Network group");
  g_assert_true (shows_label (GTK_WIDGET (f->view), "Assigned to Network group"));
  g_clear_object (&incident);

  /* the team reports its work done */
  dialog = activate (f, "incident.team-resolved");
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                         "Replaced the switch");
  adw_message_dialog_response (dialog, "resolved");
  gui_test_wait_for_writes (f->store);

  incident = get_incident (f);
  g_assert_cmpstr (sitrep_incident_get_team_resolution (incident), ==, "Replaced the switch");
  /* once only: its button is gone */
  g_assert_false (button_shown (GTK_WIDGET (f->view), "incident.team-resolved"));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  adw_init ();
  g_resources_register (sitrep_get_resource ());

  g_test_add ("/sitrep/workflow-gui/hold-and-release", Fixture, NULL,
              workflow_setup, test_hold_and_release, fixture_teardown);
  g_test_add ("/sitrep/workflow-gui/cancel-changes-nothing", Fixture, NULL,
              workflow_setup, test_cancel_changes_nothing, fixture_teardown);
  g_test_add ("/sitrep/workflow-gui/assign-team", Fixture, NULL,
              workflow_setup, test_assign_team, fixture_teardown);

  return g_test_run ();
}
