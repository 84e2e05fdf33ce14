/* sitrep-incident-view-actions.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-accessible.h"
#include "sitrep-incident-view-private.h"
#include "sitrep-lifecycle.h"
#include "sitrep-transition-dialog.h"

/*
 * What can be done to the incident: one action per transition and level
 * step ("incident.acknowledge", …), each with a button in the header that
 * shows while it is valid, and a keyboard shortcut. The confirmation dialog
 * writes the change; the view hears of it from the store, and the focus
 * goes to the timeline composer so the change can be explained at once.
 * The destructive "Cancel Incident" sits apart, after the other actions.
 * Ctrl+L ("incident.write-entry") puts the focus in the composer.
 */

typedef struct
{
  const char       *name;         /* "incident.acknowledge" */
  int               transition;   /* a SitrepTransition, or -1 */
  int               level_step;   /* -1 raises the level (towards 1), +1 lowers it */
  guint             keyval;
  const char       *label;
  const char       *tooltip;
  const char       *style;
} ActionInfo;

#define ACCEL GDK_CONTROL_MASK | GDK_SHIFT_MASK

static const ActionInfo action_infos[] = {
  { "incident.acknowledge", SITREP_TRANSITION_ACKNOWLEDGE, 0, GDK_KEY_A,
    N_("_Acknowledge"),
    N_("Someone is handling it; meets the response deadline (Ctrl+Shift+A)"),
    "suggested-action" },
  { "incident.recover", SITREP_TRANSITION_RECOVER, 0, GDK_KEY_R,
    N_("Mark _Recovered"),
    N_("The service works again; meets the recovery deadline (Ctrl+Shift+R)"),
    "suggested-action" },
  { "incident.resolve", SITREP_TRANSITION_RESOLVE, 0, GDK_KEY_E,
    N_("R_esolve"), N_("The cause is fixed; meets the resolution deadline (Ctrl+Shift+E)"),
    "suggested-action" },
  { "incident.transfer", SITREP_TRANSITION_TRANSFER, 0, GDK_KEY_T,
    N_("_Transfer…"),
    N_("Hand it to developers, problem management or another team (Ctrl+Shift+T)"),
    NULL },
  { "incident.close", SITREP_TRANSITION_CLOSE, 0, GDK_KEY_L,
    N_("C_lose"), N_("Finish the incident; it can be reopened (Ctrl+Shift+L)"),
    "suggested-action" },
  { "incident.reopen", SITREP_TRANSITION_REOPEN, 0, GDK_KEY_O,
    N_("Re_open"), N_("Take it back into handling (Ctrl+Shift+O)"),
    NULL },
  { "incident.cancel", SITREP_TRANSITION_CANCEL, 0, GDK_KEY_X,
    N_("Cancel _Incident"), N_("A duplicate or a false alarm; nothing is deleted (Ctrl+Shift+X)"),
    "destructive-action" },
  { "incident.raise-level", -1, -1, GDK_KEY_Up,
    N_("Raise Level"), N_("More severe: towards level 1, with shorter deadlines (Ctrl+Shift+Up)"),
    NULL },
  { "incident.lower-level", -1, +1, GDK_KEY_Down,
    N_("Lower Level"), N_("Less severe: towards level 3, with longer deadlines (Ctrl+Shift+Down)"),
    NULL },
};

#define N_ACTIONS G_N_ELEMENTS (action_infos)

G_STATIC_ASSERT (N_ACTIONS == SITREP_INCIDENT_VIEW_N_ACTIONS);

static gboolean
action_is_valid (SitrepIncidentView *self,
                 const ActionInfo   *info)
{
  SitrepStatus status;
  int level;

  if (self->incident == NULL)
    return FALSE;

  status = sitrep_incident_get_status (self->incident);
  if (info->transition >= 0)
    return sitrep_lifecycle_can_transition (status, info->transition);

  level = sitrep_incident_get_level (self->incident) + info->level_step;
  return sitrep_status_is_open (status)
         && level >= SITREP_LEVEL_MIN && level <= SITREP_LEVEL_MAX;
}

void
_sitrep_incident_view_actions_update (SitrepIncidentView *self)
{
  const char *key = self->incident != NULL ? sitrep_incident_get_key (self->incident) : "";
  gboolean editable = self->incident != NULL && !self->read_only;

  for (guint i = 0; i < N_ACTIONS; i++)
    {
      const ActionInfo *info = &action_infos[i];
      gboolean valid = action_is_valid (self, info);
      g_autoptr(GString) name = g_string_new (NULL);
      g_autofree char *accessible = NULL;

      gtk_widget_action_set_enabled (GTK_WIDGET (self), info->name, valid && !self->read_only);
      gtk_widget_set_visible (gtk_widget_get_parent (self->action_buttons[i]), valid);

      /* "Acknowledge INC-7": the label without its mnemonic underscore */
      for (const char *p = _(info->label); *p != '\0'; p++)
        if (*p != '_')
          g_string_append_c (name, *p);
      /* Translators: a button's name for screen readers: "Acknowledge INC-7" */
      accessible = g_strdup_printf (_("%s %s"), name->str, key);
      sitrep_accessible_name_button (self->action_buttons[i], accessible);
    }

  _sitrep_incident_view_workflow_update (self);
  _sitrep_incident_view_fields_set_editable (self, editable);
  gtk_widget_set_visible (self->composer, !self->read_only);
  _sitrep_incident_view_composer_update (self);
  _sitrep_incident_view_reports_update (self);
}

/* Puts the focus in the timeline composer, where an entry is written. */
static gboolean
focus_composer (SitrepIncidentView *self)
{
  if (self->incident == NULL || self->read_only || !gtk_widget_get_visible (self->composer))
    return FALSE;

  return gtk_widget_grab_focus (GTK_WIDGET (self->composer_view));
}

static void
write_entry_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  focus_composer (SITREP_INCIDENT_VIEW (widget));
}

/* The incident as it was when a dialog opened: its status and level. */
typedef struct
{
  SitrepIncidentView *view;   /* weak */
  SitrepStatus        status;
  int                 level;
} DialogWatch;

static void
dialog_watch_free (gpointer data)
{
  DialogWatch *watch = data;

  g_clear_weak_pointer (&watch->view);
  g_free (watch);
}

/* After a change, the focus returns to the composer, not to the button
 * that opened the dialog (which the change may have hidden). */
static void
dialog_destroyed_cb (GtkWidget   *dialog,
                     DialogWatch *watch)
{
  SitrepIncidentView *self = watch->view;

  if (self == NULL || self->incident == NULL)
    return;

  if (sitrep_incident_get_status (self->incident) != watch->status ||
      sitrep_incident_get_level (self->incident) != watch->level)
    focus_composer (self);
}

static void
transition_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  GtkWidget *dialog = NULL;

  if (self->incident == NULL || self->read_only)
    return;

  for (guint i = 0; i < N_ACTIONS; i++)
    {
      const ActionInfo *info = &action_infos[i];

      if (g_strcmp0 (info->name, action_name) != 0)
        continue;

      if (!action_is_valid (self, info))
        return;

      if (info->transition >= 0)
        dialog = sitrep_transition_dialog_new (parent, self->context, self->incident,
                                               info->transition);
      else
        dialog = sitrep_transition_dialog_new_for_level (parent, self->context, self->incident,
                                                         sitrep_incident_get_level (self->incident)
                                                         + info->level_step);
      break;
    }

  if (dialog != NULL)
    {
      DialogWatch *watch = g_new0 (DialogWatch, 1);

      g_set_weak_pointer (&watch->view, self);
      watch->status = sitrep_incident_get_status (self->incident);
      watch->level = sitrep_incident_get_level (self->incident);
      g_signal_connect_data (dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), watch,
                             (GClosureNotify) (void (*) (void)) dialog_watch_free, 0);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
setup_action_buttons (SitrepIncidentView *self)
{
  /* The destructive action goes last, apart from the others. */
  for (guint n = 0; n < 2 * N_ACTIONS; n++)
    {
      guint i = n % N_ACTIONS;
      const ActionInfo *info = &action_infos[i];
      gboolean apart = info->transition == SITREP_TRANSITION_CANCEL;
      GtkWidget *button;
      GtkWidget *child;

      if (apart != (n >= N_ACTIONS))
        continue;

      button = gtk_button_new_with_mnemonic (_(info->label));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), info->name);
      gtk_widget_set_tooltip_text (button, _(info->tooltip));
      if (info->style != NULL)
        gtk_widget_add_css_class (button, info->style);

      gtk_flow_box_append (self->actions_box, button);
      child = gtk_widget_get_parent (button);
      gtk_widget_set_focusable (child, FALSE);
      if (apart)
        gtk_widget_set_margin_start (child, 24);

      self->action_buttons[i] = button;
    }
}

static void
setup_shortcuts (SitrepIncidentView *self)
{
  GtkEventController *controller;

  self->shortcuts = g_list_store_new (GTK_TYPE_SHORTCUT);
  for (guint i = 0; i < N_ACTIONS; i++)
    {
      g_autoptr(GtkShortcut) shortcut =
        gtk_shortcut_new (gtk_keyval_trigger_new (action_infos[i].keyval, ACCEL),
                          gtk_named_action_new (action_infos[i].name));

      g_list_store_append (self->shortcuts, shortcut);
    }

  {
    g_autoptr(GtkShortcut) shortcut =
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_l, GDK_CONTROL_MASK),
                        gtk_named_action_new ("incident.write-entry"));

    g_list_store_append (self->shortcuts, shortcut);
  }

  controller = gtk_shortcut_controller_new_for_model (G_LIST_MODEL (self->shortcuts));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
_sitrep_incident_view_actions_class_init (GtkWidgetClass *widget_class)
{
  /* Their accelerators are in the shortcuts of each view, which the window
   * also installs, so that they work wherever the focus is. */
  for (guint i = 0; i < N_ACTIONS; i++)
    gtk_widget_class_install_action (widget_class, action_infos[i].name, NULL,
                                     transition_action_cb);
  gtk_widget_class_install_action (widget_class, "incident.write-entry", NULL,
                                   write_entry_action_cb);
}

void
_sitrep_incident_view_actions_init (SitrepIncidentView *self)
{
  setup_action_buttons (self);
  setup_shortcuts (self);
}

/**
 * sitrep_incident_view_get_shortcuts:
 * @self: an incident view
 *
 * The view's keyboard shortcuts: one #GtkShortcut per action on the
 * incident (Ctrl+Shift+A acknowledges, …, Ctrl+L goes to the timeline
 * composer), each with a #GtkNamedAction
 * naming the view's action ("incident.acknowledge"). The view handles
 * them while the focus is inside it; a window shows the same shortcuts to
 * forward them from anywhere.
 *
 * Returns: (transfer none): a #GListModel of #GtkShortcut
 */
GListModel *
sitrep_incident_view_get_shortcuts (SitrepIncidentView *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_VIEW (self), NULL);

  return G_LIST_MODEL (self->shortcuts);
}

/**
 * sitrep_incident_view_run_transition:
 * @self: an incident view
 * @transition: what to do
 * @at: when it happened (not before the incident was reported, not later
 *   than now)
 * @comment: (nullable): a comment for the timeline
 * @transferred_to: (nullable): for a transfer, the destination
 * @error: return location for a #GError
 *
 * Carries out @transition on the incident shown, by the context's user,
 * without asking.
 *
 * Returns: %TRUE on success; on failure nothing is changed
 */
gboolean
sitrep_incident_view_run_transition (SitrepIncidentView  *self,
                                     SitrepTransition     transition,
                                     gint64               at,
                                     const char          *comment,
                                     const char          *transferred_to,
                                     GError             **error)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_VIEW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_sitrep_incident_view_check_writable (self, error))
    return FALSE;

  /* decided on the incident as shown */
  sitrep_store_expect_version (self->store, self->incident_id,
                               sitrep_incident_get_version (self->incident));
  return sitrep_store_transition (self->store, self->incident_id, transition, at,
                                  _sitrep_incident_view_get_author (self), comment, transferred_to,
                                  error);
}

/**
 * sitrep_incident_view_change_level:
 * @self: an incident view
 * @level: the new level
 * @at: when it changed
 * @comment: (nullable): a comment for the timeline
 * @error: return location for a #GError
 *
 * Changes the level of the incident shown, by the view's user.
 *
 * Returns: %TRUE on success; on failure nothing is changed
 */
gboolean
sitrep_incident_view_change_level (SitrepIncidentView  *self,
                                   int                  level,
                                   gint64               at,
                                   const char          *comment,
                                   GError             **error)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_VIEW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_sitrep_incident_view_check_writable (self, error))
    return FALSE;

  sitrep_store_expect_version (self->store, self->incident_id,
                               sitrep_incident_get_version (self->incident));
  return sitrep_store_set_level (self->store, self->incident_id, level, at,
                                 _sitrep_incident_view_get_author (self), comment, error);
}
