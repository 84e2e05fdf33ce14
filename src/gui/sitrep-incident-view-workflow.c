/* sitrep-incident-view-workflow.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-incident-view-private.h"
#include "sitrep-incident-workflow.h"
#include "sitrep-lifecycle.h"
#include "sitrep-time.h"

/*
 * The incident's handling beside its status: putting it on hold and
 * releasing it, assigning it to a team (functional escalation) and
 * recording that team's resolution. Each is an action of the view
 * ("incident.hold", …) with a button among the others and a shortcut;
 * each asks first in a small dialog whose Enter confirms and whose Escape
 * changes nothing. The header says "On hold since 14:02 — waiting for the
 * vendor" and "Assigned to Network group".
 */

typedef enum
{
  WORKFLOW_HOLD,
  WORKFLOW_RELEASE,
  WORKFLOW_ASSIGN,
  WORKFLOW_TEAM_RESOLVED,
} WorkflowAction;

typedef struct
{
  const char *name;
  guint       keyval;
  const char *label;
  const char *tooltip;
} WorkflowInfo;

#define ACCEL GDK_CONTROL_MASK | GDK_SHIFT_MASK

static const WorkflowInfo workflow_infos[SITREP_INCIDENT_VIEW_N_WORKFLOW] = {
  [WORKFLOW_HOLD] = { "incident.hold", GDK_KEY_H, N_("Put on _Hold…"),
    N_("Waiting for the customer or a vendor: the resolution clock stops (Ctrl+Shift+H)") },
  [WORKFLOW_RELEASE] = { "incident.release-hold", GDK_KEY_H, N_("Release _Hold…"),
    N_("The wait is over: the paused clocks run again (Ctrl+Shift+H)") },
  [WORKFLOW_ASSIGN] = { "incident.assign-team", GDK_KEY_G, N_("Assign to Tea_m…"),
    N_("Escalate to developers, the network group, …; the clocks keep running (Ctrl+Shift+G)") },
  [WORKFLOW_TEAM_RESOLVED] = { "incident.team-resolved", GDK_KEY_D, N_("Team Resol_ved…"),
    N_("The assigned team reports its work done (Ctrl+Shift+D)") },
};

/* One shortcut, Ctrl+Shift+H, puts on hold or releases, whichever
 * applies: of two shortcuts with one key, only the first would ever run. */
#define HOLD_OR_RELEASE "incident.hold-or-release"

static gboolean
workflow_is_valid (SitrepIncidentView *self,
                   WorkflowAction      action)
{
  SitrepIncident *incident = self->incident;

  if (incident == NULL || !sitrep_status_is_open (sitrep_incident_get_status (incident)))
    return FALSE;

  switch (action)
    {
    case WORKFLOW_HOLD:
      return sitrep_incident_get_current_hold (incident) == NULL;
    case WORKFLOW_RELEASE:
      return sitrep_incident_get_current_hold (incident) != NULL;
    case WORKFLOW_ASSIGN:
      return TRUE;
    case WORKFLOW_TEAM_RESOLVED:
      return sitrep_incident_get_team (incident) != NULL &&
             sitrep_incident_get_team_resolved_at (incident) == SITREP_TIME_NONE;
    default:
      return FALSE;
    }
}

/* "14:02" today, the date and time otherwise */
static char *
format_since (gint64 at,
              gint64 now)
{
  g_autoptr(GDateTime) then = g_date_time_new_from_unix_local (at);
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now);

  if (then == NULL || today == NULL)
    return sitrep_time_format_local (at);

  if (g_date_time_get_year (then) == g_date_time_get_year (today) &&
      g_date_time_get_day_of_year (then) == g_date_time_get_day_of_year (today))
    return g_date_time_format (then, "%H:%M");

  return sitrep_time_format_local (at);
}

static void
update_header (SitrepIncidentView *self)
{
  SitrepIncident *incident = self->incident;
  const SitrepHold *hold = incident != NULL ? sitrep_incident_get_current_hold (incident) : NULL;
  const char *team = incident != NULL ? sitrep_incident_get_team (incident) : NULL;

  gtk_widget_set_visible (self->hold_label, hold != NULL);
  if (hold != NULL)
    {
      g_autofree char *since = format_since (hold->started_at,
                                             _sitrep_incident_view_get_now (self));
      /* Translators: in an incident's header: "On hold since 14:02 — waiting for the vendor" */
      g_autofree char *text = g_strdup_printf (_("On hold since %s — %s"), since, hold->reason);

      gtk_label_set_label (GTK_LABEL (self->hold_label), text);
    }

  gtk_widget_set_visible (self->team_label, team != NULL);
  if (team != NULL)
    {
      g_autofree char *text = NULL;

      if (sitrep_incident_get_team_resolved_at (incident) != SITREP_TIME_NONE)
        /* Translators: in an incident's header, once the team reported its work done */
        text = g_strdup_printf (_("Assigned to %s · resolved by the team"), team);
      else
        /* Translators: in an incident's header: "Assigned to Network group" */
        text = g_strdup_printf (_("Assigned to %s"), team);
      gtk_label_set_label (GTK_LABEL (self->team_label), text);
    }
}

void
_sitrep_incident_view_workflow_update (SitrepIncidentView *self)
{
  const char *key = self->incident != NULL ? sitrep_incident_get_key (self->incident) : "";

  for (guint i = 0; i < SITREP_INCIDENT_VIEW_N_WORKFLOW; i++)
    {
      gboolean valid = workflow_is_valid (self, i);
      g_autoptr(GString) name = g_string_new (NULL);
      g_autofree char *accessible = NULL;

      gtk_widget_action_set_enabled (GTK_WIDGET (self), workflow_infos[i].name,
                                     valid && !self->read_only);
      gtk_widget_set_visible (gtk_widget_get_parent (self->workflow_buttons[i]), valid);

      /* "Put on Hold INC-7": the label without its mnemonic and ellipsis */
      for (const char *p = _(workflow_infos[i].label); *p != '\0'; p++)
        if (*p != '_')
          g_string_append_c (name, *p);
      if (g_str_has_suffix (name->str, "…"))
        g_string_truncate (name, name->len - strlen ("…"));
      /* Translators: a button's name for screen readers: "Put on Hold INC-7" */
      accessible = g_strdup_printf (_("%s %s"), name->str, key);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->workflow_buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), HOLD_OR_RELEASE,
                                 !self->read_only &&
                                 (workflow_is_valid (self, WORKFLOW_HOLD) ||
                                  workflow_is_valid (self, WORKFLOW_RELEASE)));
  update_header (self);
}

/* ------------------------------------------------------------------------
 * The dialogs
 */

static GtkWindow *
get_parent_window (SitrepIncidentView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static AdwMessageDialog *
new_dialog (SitrepIncidentView *self,
            const char         *heading,
            const char         *body,
            const char         *response,
            const char         *response_label)
{
  AdwMessageDialog *dialog =
    ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_parent_window (self), heading, body));

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, response);
  adw_message_dialog_set_close_response (dialog, "cancel");

  /* the dialog holds a reference on the view until it is answered, and
   * the incident as it was when the dialog asked */
  g_object_set_data_full (G_OBJECT (dialog), "sitrep-view", g_object_ref (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "sitrep-incident", g_object_ref (self->incident),
                          g_object_unref);
  return dialog;
}

typedef enum
{
  WRITE_HOLD,
  WRITE_RELEASE,
  WRITE_TEAM_RESOLVED,
  WRITE_ASSIGN,
} WorkflowKind;

/* What a dialog decided, to be written on the store's terms (on a team
 * database, on its writing thread). */
typedef struct
{
  WorkflowKind  kind;
  gint64        id;
  gint64        version;  /* of the incident as the dialog showed it */
  char         *author;
  char         *text;     /* the reason, the team or the team's resolution */
  char         *what;     /* for a refusal's message */
} WorkflowWrite;

static void
workflow_write_free (gpointer data)
{
  WorkflowWrite *w = data;

  g_free (w->author);
  g_free (w->text);
  g_free (w->what);
  g_free (w);
}

static gboolean
write_workflow (SitrepStore  *store,
                gpointer      data,
                GError      **error)
{
  WorkflowWrite *w = data;

  sitrep_store_expect_version (store, w->id, w->version);
  switch (w->kind)
    {
    case WRITE_HOLD:
      return sitrep_store_put_on_hold (store, w->id, SITREP_TIME_NONE, w->text, w->author, error);
    case WRITE_RELEASE:
      return sitrep_store_release_hold (store, w->id, SITREP_TIME_NONE, w->author, error);
    case WRITE_TEAM_RESOLVED:
      return sitrep_store_record_team_resolved (store, w->id, w->text, SITREP_TIME_NONE,
                                                w->author, error);
    case WRITE_ASSIGN:
    default:
      return sitrep_store_assign_team (store, w->id, w->text, SITREP_TIME_NONE, w->author, NULL,
                                       error);
    }
}

static void
workflow_written_cb (GObject      *owner,
                     const GError *error,
                     gpointer      data)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (owner);
  WorkflowWrite *w = data;

  /* (not in a view that went away) */
  if (error != NULL && self->store != NULL)
    _sitrep_incident_view_show_store_error (self, w->what, error);
}

/* Writes what the dialog decided, if the view may write now, checked
 * against the incident as the dialog showed it (someone else's change
 * that came meanwhile is not overwritten unseen). A refusal is told in
 * the view's toast. */
static void
submit_dialog_write (AdwMessageDialog *dialog,
                     WorkflowKind      kind,
                     const char       *text,
                     const char       *what)
{
  SitrepIncidentView *self = g_object_get_data (G_OBJECT (dialog), "sitrep-view");
  SitrepIncident *seen = g_object_get_data (G_OBJECT (dialog), "sitrep-incident");
  g_autoptr(GError) error = NULL;
  WorkflowWrite *w;

  if (!_sitrep_incident_view_check_writable (self, &error))
    {
      _sitrep_incident_view_show_store_error (self, what, error);
      return;
    }

  w = g_new0 (WorkflowWrite, 1);
  w->kind = kind;
  w->id = self->incident_id;
  w->version = sitrep_incident_get_id (seen) == self->incident_id
               ? sitrep_incident_get_version (seen) : 0;
  w->author = g_strdup (_sitrep_incident_view_get_author (self));
  w->text = g_strdup (text);
  w->what = g_strdup (what);
  sitrep_store_submit (self->store, write_workflow, w, workflow_write_free, G_OBJECT (self),
                       workflow_written_cb);
}

static SitrepIncidentView *
get_dialog_view (AdwMessageDialog *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "sitrep-view");
}

/* A text entry in a dialog whose confirming response needs some text:
 * Enter confirms once there is some. */
static GtkWidget *
add_text_entry (AdwMessageDialog *dialog,
                const char       *response,
                const char       *accessible_name,
                const char       *placeholder);

static void
entry_changed_cb (GtkEditable      *editable,
                  AdwMessageDialog *dialog)
{
  const char *response = g_object_get_data (G_OBJECT (editable), "sitrep-response");
  const char *text = gtk_editable_get_text (editable);

  adw_message_dialog_set_response_enabled (dialog, response, !sitrep_text_is_blank (text));
}

static GtkWidget *
add_text_entry (AdwMessageDialog *dialog,
                const char       *response,
                const char       *accessible_name,
                const char       *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name,
                                  -1);
  g_object_set_data_full (G_OBJECT (entry), "sitrep-response", g_strdup (response), g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), dialog);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_set_response_enabled (dialog, response, FALSE);

  return entry;
}

static char *
dup_entry_text (AdwMessageDialog *dialog)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static void
hold_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  SitrepIncidentView *self = get_dialog_view (dialog);
  g_autofree char *reason = NULL;

  if (!g_str_equal (response, "hold") || self->incident == NULL)
    return;

  reason = dup_entry_text (dialog);
  submit_dialog_write (dialog, WRITE_HOLD, reason, _("the hold"));
}

static void
present_hold_dialog (SitrepIncidentView *self)
{
  const char *key = sitrep_incident_get_key (self->incident);
  g_autofree char *heading = NULL;
  guint pauses = sitrep_policy_get_hold_pauses (self->policy);
  AdwMessageDialog *dialog;
  const char *body;

  if (pauses & SITREP_HOLD_PAUSES (SITREP_DEADLINE_RESOLUTION))
    body = _("The resolution clock stops until the hold is released, and its deadline moves by "
             "the time held. Response and recovery keep running.");
  else
    body = _("The policy pauses no clock on hold: every deadline keeps running.");

  /* Translators: %s is an incident key */
  heading = g_strdup_printf (_("Put %s on Hold?"), key);
  dialog = new_dialog (self, heading, body, "hold", _("Put on _Hold"));
  add_text_entry (dialog, "hold", _("Reason"),
                  _("Waiting for the customer, waiting for a vendor, …"));
  g_signal_connect (dialog, "response", G_CALLBACK (hold_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
release_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  SitrepIncidentView *self = get_dialog_view (dialog);

  if (!g_str_equal (response, "release") || self->incident == NULL)
    return;

  submit_dialog_write (dialog, WRITE_RELEASE, NULL, _("the release of the hold"));
}

static void
present_release_dialog (SitrepIncidentView *self)
{
  const SitrepHold *hold = sitrep_incident_get_current_hold (self->incident);
  gint64 now = _sitrep_incident_view_get_now (self);
  g_autofree char *since = format_since (hold->started_at, now);
  g_autofree char *held = sitrep_time_format_duration (MAX (now - hold->started_at, 0));
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  /* Translators: %s is an incident key */
  heading = g_strdup_printf (_("Release the Hold on %s?"),
                             sitrep_incident_get_key (self->incident));
  /* Translators: "On hold since 14:02 (1 h 5 min) — waiting for the vendor. …" */
  body = g_strdup_printf (_("On hold since %s (%s) — %s. The paused clocks run again."),
                          since, held, hold->reason);
  dialog = new_dialog (self, heading, body, "release", _("_Release"));
  g_signal_connect (dialog, "response", G_CALLBACK (release_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
team_resolved_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           gpointer          user_data)
{
  SitrepIncidentView *self = get_dialog_view (dialog);
  g_autofree char *resolution = NULL;

  if (!g_str_equal (response, "resolved") || self->incident == NULL)
    return;

  resolution = dup_entry_text (dialog);
  submit_dialog_write (dialog, WRITE_TEAM_RESOLVED, resolution, _("the team's resolution"));
}

static void
present_team_resolved_dialog (SitrepIncidentView *self)
{
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  /* Translators: %s is a team, such as "Network group" */
  heading = g_strdup_printf (_("%s Resolved?"), sitrep_incident_get_team (self->incident));
  dialog = new_dialog (self, heading,
                       _("Record what the team did. The incident stays open: its owner "
                         "resolves or transfers it and confirms when closing."),
                       "resolved", _("_Record"));
  add_text_entry (dialog, "resolved", _("What the team did"), _("What the team did"));
  g_signal_connect (dialog, "response", G_CALLBACK (team_resolved_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The team picker: a search entry over the roster's teams; Enter assigns
 * the first team its text matches, or the name typed when none matches;
 * Tab leads to the list, whose rows assign their team when activated. */

static gboolean
team_row_matches (GtkListBoxRow *row,
                  gpointer       user_data)
{
  GtkEditable *search = user_data;
  const char *name = g_object_get_data (G_OBJECT (row), "sitrep-team");
  g_autofree char *needle = g_utf8_casefold (gtk_editable_get_text (search), -1);
  g_autofree char *haystack = g_utf8_casefold (name, -1);

  return *needle == '\0' || strstr (haystack, needle) != NULL;
}

static const char *
get_first_team (GtkListBox *list)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child))
      return g_object_get_data (G_OBJECT (child), "sitrep-team");

  return NULL;
}

static void
assign (AdwMessageDialog *dialog,
        const char       *team)
{
  SitrepIncidentView *self = get_dialog_view (dialog);

  if (self->incident == NULL)
    return;

  submit_dialog_write (dialog, WRITE_ASSIGN, team, _("the team"));
}

static void
assign_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  GtkEditable *search = g_object_get_data (G_OBJECT (dialog), "sitrep-search");
  GtkListBox *list = g_object_get_data (G_OBJECT (dialog), "sitrep-list");
  g_autofree char *typed = NULL;
  const char *team;

  if (g_str_equal (response, "unassign"))
    {
      assign (dialog, NULL);
      return;
    }
  if (!g_str_equal (response, "assign"))
    return;

  typed = g_strstrip (g_strdup (gtk_editable_get_text (search)));
  team = get_first_team (list);
  assign (dialog, team != NULL ? team : typed);
}

static void
search_changed_cb (GtkSearchEntry   *search,
                   AdwMessageDialog *dialog)
{
  GtkListBox *list = g_object_get_data (G_OBJECT (dialog), "sitrep-list");

  gtk_list_box_invalidate_filter (list);
  /* Enter on an empty search assigns nothing: a team is picked by typing
   * or by activating its row, never by default */
  adw_message_dialog_set_response_enabled (
    dialog, "assign", !sitrep_text_is_blank (gtk_editable_get_text (GTK_EDITABLE (search))));
}

static void
search_activated_cb (GtkSearchEntry   *search,
                     AdwMessageDialog *dialog)
{
  /* Only the dialog's own buttons close it: a response given here closes
   * it too, as the button would. */
  if (adw_message_dialog_get_response_enabled (dialog, "assign"))
    {
      adw_message_dialog_response (dialog, "assign");
      gtk_window_close (GTK_WINDOW (dialog));
    }
}

/* Escape in the search is the search's own key (it stops searching):
 * here it closes the dialog, as Escape does in every dialog. */
static void
search_stopped_cb (GtkSearchEntry   *search,
                   AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
team_row_activated_cb (GtkListBox       *list,
                       GtkListBoxRow    *row,
                       AdwMessageDialog *dialog)
{
  assign (dialog, g_object_get_data (G_OBJECT (row), "sitrep-team"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
}

static gpointer
list_teams_func (SitrepStore   *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return sitrep_store_list_teams (store, error);
}

static void show_assign_dialog (SitrepIncidentView *self,
                                GPtrArray          *teams);

static void
teams_read_cb (gpointer      result,
               const GError *error,
               gpointer      user_data)
{
  SitrepIncidentView *self = user_data;

  if (result == NULL)
    {
      _sitrep_incident_view_show_store_error (self, _("the team"), error);
      return;
    }
  if (self->incident != NULL)
    show_assign_dialog (self, result);
}

/* The teams are read where the context reads (on the worker for a team
 * database); the dialog opens with them. Turning to another incident
 * meanwhile drops it. */
static void
present_assign_dialog (SitrepIncidentView *self)
{
  sitrep_context_read (self->context, list_teams_func, NULL, NULL,
                       (GDestroyNotify) g_ptr_array_unref, self->read_cancellable,
                       teams_read_cb, self, NULL);
}

static void
show_assign_dialog (SitrepIncidentView *self,
                    GPtrArray          *teams)
{
  g_autofree char *heading = NULL;
  const char *current = sitrep_incident_get_team (self->incident);
  AdwMessageDialog *dialog;
  GtkWidget *box, *search, *scrolled, *list;

  /* Translators: %s is an incident key */
  heading = g_strdup_printf (_("Assign %s to a Team"), sitrep_incident_get_key (self->incident));
  dialog = new_dialog (self, heading,
                       _("Its clocks keep running. Transfer instead hands a recovered "
                         "incident over to problem management or development."),
                       "assign", _("_Assign"));
  if (current != NULL)
    {
      adw_message_dialog_add_response (dialog, "unassign", _("_Unassign"));
      adw_message_dialog_set_response_appearance (dialog, "unassign",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  search = gtk_search_entry_new ();
  /* gtk_search_entry_set_placeholder_text() is newer than GTK 4.8 */
  g_object_set (search, "placeholder-text", _("Search teams or type a new one"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (search),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Team"),
                                  -1);
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Teams"),
                                  -1);
  for (guint i = 0; i < teams->len; i++)
    {
      const char *name = g_ptr_array_index (teams, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      if (g_strcmp0 (name, current) == 0)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Assigned now"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "sitrep-team", g_strdup (name), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_list_box_set_filter_func (GTK_LIST_BOX (list), team_row_matches, search, NULL);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);

  gtk_box_append (GTK_BOX (box), search);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_message_dialog_set_extra_child (dialog, box);

  g_object_set_data (G_OBJECT (dialog), "sitrep-search", search);
  g_object_set_data (G_OBJECT (dialog), "sitrep-list", list);
  g_signal_connect (search, "search-changed", G_CALLBACK (search_changed_cb), dialog);
  g_signal_connect (search, "activate", G_CALLBACK (search_activated_cb), dialog);
  g_signal_connect (search, "stop-search", G_CALLBACK (search_stopped_cb), dialog);
  g_signal_connect (list, "row-activated", G_CALLBACK (team_row_activated_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (assign_response_cb), NULL);
  adw_message_dialog_set_response_enabled (dialog, "assign", FALSE);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (search);
}

static void
workflow_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);

  if (self->incident == NULL || self->read_only)
    return;

  if (g_str_equal (action_name, HOLD_OR_RELEASE))
    action_name = workflow_infos[workflow_is_valid (self, WORKFLOW_HOLD) ? WORKFLOW_HOLD
                                                                         : WORKFLOW_RELEASE].name;

  for (guint i = 0; i < SITREP_INCIDENT_VIEW_N_WORKFLOW; i++)
    {
      if (!g_str_equal (workflow_infos[i].name, action_name))
        continue;
      if (!workflow_is_valid (self, i))
        return;

      switch ((WorkflowAction) i)
        {
        case WORKFLOW_HOLD:          present_hold_dialog (self); break;
        case WORKFLOW_RELEASE:       present_release_dialog (self); break;
        case WORKFLOW_ASSIGN:        present_assign_dialog (self); break;
        case WORKFLOW_TEAM_RESOLVED: present_team_resolved_dialog (self); break;
        default:                     break;
        }
      return;
    }
}

void
_sitrep_incident_view_workflow_class_init (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < SITREP_INCIDENT_VIEW_N_WORKFLOW; i++)
    gtk_widget_class_install_action (widget_class, workflow_infos[i].name, NULL,
                                     workflow_action_cb);
  gtk_widget_class_install_action (widget_class, HOLD_OR_RELEASE, NULL, workflow_action_cb);
}

static GtkWidget *
new_header_label (SitrepIncidentView *self,
                  GtkWidget          *after,
                  const char         *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, style);
  gtk_widget_set_visible (label, FALSE);
  gtk_widget_insert_after (label, gtk_widget_get_parent (after), after);

  return label;
}

void
_sitrep_incident_view_workflow_init (SitrepIncidentView *self)
{
  for (guint i = 0; i < SITREP_INCIDENT_VIEW_N_WORKFLOW; i++)
    {
      const WorkflowInfo *info = &workflow_infos[i];
      GtkWidget *button = gtk_button_new_with_mnemonic (_(info->label));
      g_autoptr(GtkShortcut) shortcut = NULL;

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), info->name);
      gtk_widget_set_tooltip_text (button, _(info->tooltip));
      gtk_flow_box_append (self->actions_box, button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
      self->workflow_buttons[i] = button;

      if (i == WORKFLOW_RELEASE)
        continue;
      shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (info->keyval, ACCEL),
                                   gtk_named_action_new (i == WORKFLOW_HOLD ? HOLD_OR_RELEASE
                                                                            : info->name));
      g_list_store_append (self->shortcuts, shortcut);
    }

  self->hold_label = new_header_label (self, GTK_WIDGET (self->subtitle_label),
                                       "incident-hold");
  self->team_label = new_header_label (self, self->hold_label, "incident-team");
}
