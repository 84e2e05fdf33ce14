/* sitrep-window-shortcuts.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-incident-view.h"
#include "sitrep-window-private.h"

/* Runs before any widget inside the window sees the key, so that a list
 * or a button does not take the incident's shortcuts for itself; only text
 * being edited keeps its own editing keys (Ctrl+Shift+A unselects). */
static gboolean
incident_shortcut_captured_cb (GtkWidget *widget,
                               GVariant  *args,
                               gpointer   user_data)
{
  GtkWidget *incident_view = sitrep_window_get_incident_view (SITREP_WINDOW (widget));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (widget));

  if (incident_view == NULL || GTK_IS_TEXT (focus) || GTK_IS_TEXT_VIEW (focus))
    return FALSE;

  gtk_widget_activate_action (incident_view, user_data, NULL);
  return TRUE;
}

/* What a text field left unhandled reaches the window last. */
static gboolean
incident_shortcut_cb (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  GtkWidget *incident_view = sitrep_window_get_incident_view (SITREP_WINDOW (widget));

  if (incident_view == NULL)
    return FALSE;

  gtk_widget_activate_action (incident_view, user_data, NULL);
  return TRUE;
}

/* The incident's accelerators (Ctrl+Shift+A acknowledges, …) work from the
 * whole window, on the incident on show. */
void
_sitrep_window_install_incident_shortcuts (SitrepWindow *self)
{
  GListModel *shortcuts =
    sitrep_incident_view_get_shortcuts (
      SITREP_INCIDENT_VIEW (sitrep_window_get_incident_view (self)));
  GtkEventController *capture = gtk_shortcut_controller_new ();
  GtkEventController *bubble = gtk_shortcut_controller_new ();

  gtk_event_controller_set_name (capture, "incident-shortcuts-capture");
  gtk_event_controller_set_name (bubble, "incident-shortcuts");
  gtk_event_controller_set_propagation_phase (capture, GTK_PHASE_CAPTURE);

  for (guint i = 0; i < g_list_model_get_n_items (shortcuts); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, i);
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
      GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
      GtkShortcutAction *captured, *bubbled;
      const char *name;

      if (!GTK_IS_NAMED_ACTION (action))
        continue;

      name = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
      captured = gtk_callback_action_new (incident_shortcut_captured_cb, g_strdup (name), g_free);
      bubbled = gtk_callback_action_new (incident_shortcut_cb, g_strdup (name), g_free);
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (capture),
                                            gtk_shortcut_new (g_object_ref (trigger), captured));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (bubble),
                                            gtk_shortcut_new (g_object_ref (trigger), bubbled));
    }

  gtk_widget_add_controller (GTK_WIDGET (self), capture);
  gtk_widget_add_controller (GTK_WIDGET (self), bubble);
}
