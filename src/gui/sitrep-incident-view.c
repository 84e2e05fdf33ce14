/* sitrep-incident-view.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-communication-view.h"
#include "sitrep-enums.h"
#include "sitrep-incident-view.h"
#include "sitrep-sla.h"
#include "sitrep-time.h"
#include "sitrep-time-input.h"
#include "sitrep-timeline-view.h"
#include "sitrep-transition-dialog.h"

/*
 * The detail pane of one incident: its header with the next deadline and one
 * button per transition that is valid now, the three deadlines, the fields
 * (each edit saved at once), the escalation timeline and, fixed at the
 * bottom, the composer that appends to the timeline. It follows the store's
 * "incident-changed" signal, so a change made anywhere shows here.
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
    N_("_Acknowledge"), N_("Someone is handling it; meets the response deadline (Ctrl+Shift+A)"),
    "suggested-action" },
  { "incident.recover", SITREP_TRANSITION_RECOVER, 0, GDK_KEY_R,
    N_("Mark _Recovered"), N_("The service works again; meets the recovery deadline (Ctrl+Shift+R)"),
    "suggested-action" },
  { "incident.resolve", SITREP_TRANSITION_RESOLVE, 0, GDK_KEY_E,
    N_("R_esolve"), N_("The cause is fixed; meets the resolution deadline (Ctrl+Shift+E)"),
    "suggested-action" },
  { "incident.transfer", SITREP_TRANSITION_TRANSFER, 0, GDK_KEY_T,
    N_("_Transfer…"), N_("Hand it to developers, problem management or another team (Ctrl+Shift+T)"),
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

typedef struct
{
  const char  *field;
  const char  *title;
  GtkTextView *view;
  GtkWidget   *save_button;
  char        *stored;
} TextField;

enum {
  TEXT_SYMPTOMS,
  TEXT_DETAILS,
  TEXT_ROOT_CAUSE,
  TEXT_RESOLUTION,
  N_TEXT_FIELDS
};

struct _SitrepIncidentView
{
  AdwBin            parent_instance;

  /* template */
  GtkStack           *stack;
  AdwToastOverlay    *toast_overlay;
  GtkScrolledWindow  *scrolled_window;
  SitrepCommunicationView *communication_view;
  GtkLabel           *level_label;
  GtkLabel           *status_label;
  GtkLabel           *key_label;
  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  GtkWidget          *next_deadline_box;
  GtkLabel           *next_deadline_label;
  GtkFlowBox         *actions_box;
  AdwPreferencesGroup *deadlines_group;
  AdwPreferencesGroup *fields_group;
  AdwEntryRow        *title_row;
  AdwEntryRow        *service_row;
  AdwEntryRow        *owner_row;
  GtkWidget          *roster_button;
  GtkPopover         *roster_popover;
  GtkListBox         *roster_list;
  AdwEntryRow        *reporter_name_row;
  AdwEntryRow        *reporter_contact_row;
  AdwComboRow        *channel_row;
  AdwComboRow        *cause_row;
  AdwActionRow       *occurred_row;
  AdwActionRow       *reported_row;
  AdwActionRow       *transferred_row;
  GtkBox             *text_fields_box;
  SitrepTimelineView *timeline_view;
  GtkWidget          *composer;
  GtkTextView        *composer_view;
  GtkWidget          *composer_hint;
  GtkDropDown        *tag_dropdown;
  GtkEntry           *composer_time_entry;
  GtkWidget          *add_button;
  GtkLabel           *composer_error_label;

  GtkWidget          *action_buttons[N_ACTIONS];
  AdwActionRow       *deadline_rows[SITREP_N_DEADLINES];
  GtkLabel           *deadline_states[SITREP_N_DEADLINES];
  TextField           text_fields[N_TEXT_FIELDS];

  SitrepStore        *store;
  gulong              incident_changed_id;
  gulong              changed_id;
  gint64              incident_id;
  SitrepIncident     *incident;
  gboolean            read_only;
  char               *user_name;
  guint               tick_id;
  gboolean            refreshing;

  /* An incident to show once the window has painted a frame. */
  gint64              pending_id;
  GdkFrameClock      *frame_clock;
  gulong              after_paint_id;
  guint               fill_id;
  GListStore         *shortcuts;
};

G_DEFINE_FINAL_TYPE (SitrepIncidentView, sitrep_incident_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_INCIDENT_ID,
  PROP_READ_ONLY,
  PROP_USER_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (SitrepIncidentView *self,
                     gboolean            reset_edits);

static gint64
get_now (SitrepIncidentView *self)
{
  return sitrep_clock_get_now (sitrep_store_get_clock (self->store));
}

static const char *
get_author (SitrepIncidentView *self)
{
  if (self->user_name != NULL && *self->user_name != '\0')
    return self->user_name;
  return g_get_real_name ();
}

static const char *
deadline_state_style (SitrepDeadlineState state)
{
  switch (state)
    {
    case SITREP_DEADLINE_STATE_WARNING:  return "warning";
    case SITREP_DEADLINE_STATE_BREACHED: return "breached";
    case SITREP_DEADLINE_STATE_MET:      return "met";
    case SITREP_DEADLINE_STATE_MET_LATE: return "met-late";
    case SITREP_DEADLINE_STATE_PENDING:
    default:                             return "pending";
    }
}

static void
set_state_class (GtkWidget  *widget,
                 const char *style)
{
  static const char * const styles[] = { "pending", "warning", "breached", "met", "met-late", "none" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (widget, styles[i]);
  gtk_widget_add_css_class (widget, style);
}

static void
show_toast (SitrepIncidentView *self,
            const char         *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_store_error (SitrepIncidentView *self,
                  const char         *what,
                  const GError       *error)
{
  /* Translators: "Could not save Title: the title must not be empty" */
  g_autofree char *message = g_strdup_printf (_("Could not save %s: %s"), what, error->message);

  show_toast (self, message);
}

static gboolean
check_writable (SitrepIncidentView  *self,
                GError             **error)
{
  if (self->store == NULL || self->incident == NULL)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
                   _("No incident is selected."));
      return FALSE;
    }

  if (self->read_only)
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_READ_ONLY_ROLE,
                   _("Your role has data viewing permission: you can see everything but "
                     "change nothing."));
      return FALSE;
    }

  return TRUE;
}

/* Sets what an entry row shows, unless the user is in the middle of changing
 * it: then only the value it started from is updated. */
static void
update_entry_row (AdwEntryRow *row,
                  const char  *value,
                  gboolean     reset_edits)
{
  const char *stored = g_object_get_data (G_OBJECT (row), "sitrep-stored");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (value == NULL)
    value = "";

  if (reset_edits || g_strcmp0 (text, stored != NULL ? stored : "") == 0)
    gtk_editable_set_text (GTK_EDITABLE (row), value);

  g_object_set_data_full (G_OBJECT (row), "sitrep-stored", g_strdup (value), g_free);
}

static char *
get_text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_text_field (SitrepIncidentView *self,
                   TextField          *field,
                   const char         *value,
                   gboolean            reset_edits)
{
  g_autofree char *text = get_text_view_text (field->view);

  if (value == NULL)
    value = "";

  if (reset_edits || g_strcmp0 (text, field->stored != NULL ? field->stored : "") == 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (field->view), value, -1);

  g_free (field->stored);
  field->stored = g_strdup (value);

  g_clear_pointer (&text, g_free);
  text = get_text_view_text (field->view);
  gtk_widget_set_sensitive (field->save_button, g_strcmp0 (text, field->stored) != 0);
}

static char *
describe_deadline_row (const SitrepDeadline *deadline,
                       gint64                now)
{
  g_autofree char *due = sitrep_time_format_local (deadline->due);
  g_autofree char *length = NULL;

  if (deadline->met_at != SITREP_TIME_NONE)
    {
      g_autofree char *met = sitrep_time_format_local (deadline->met_at);

      length = sitrep_time_format_duration (deadline->met_at - deadline->due);
      if (deadline->met_at <= deadline->due)
        /* Translators: "Due 2026-03-01 09:40 · met 2026-03-01 09:35, 5 min early" */
        return g_strdup_printf (_("Due %s · met %s, %s early"), due, met, length);
      /* Translators: "Due 2026-03-01 09:40 · met 2026-03-01 09:52, 12 min late" */
      return g_strdup_printf (_("Due %s · met %s, %s late"), due, met, length);
    }

  length = sitrep_time_format_duration (deadline->due - now);
  if (deadline->due > now)
    /* Translators: "Due 2026-03-01 09:40 · 4 min left" */
    return g_strdup_printf (_("Due %s · %s left"), due, length);
  /* Translators: "Due 2026-03-01 09:40 · overdue by 12 min" */
  return g_strdup_printf (_("Due %s · overdue by %s"), due, length);
}

static void
refresh_header (SitrepIncidentView *self,
                SitrepPolicy       *policy,
                gint64              now)
{
  SitrepIncident *incident = self->incident;
  const char *owner = sitrep_incident_get_owner (incident);
  const char *service = sitrep_incident_get_service (incident);
  g_autofree char *level = NULL;
  g_autofree char *level_class = NULL;
  g_autofree char *subtitle = NULL;
  SitrepDeadline next;

  /* Translators: an incident's level badge, "Level 1" */
  level = g_strdup_printf (_("Level %d"), sitrep_incident_get_level (incident));
  gtk_label_set_label (self->level_label, level);
  for (int i = SITREP_LEVEL_MIN; i <= SITREP_LEVEL_MAX; i++)
    {
      g_autofree char *name = g_strdup_printf ("level-%d", i);

      gtk_widget_remove_css_class (GTK_WIDGET (self->level_label), name);
    }
  level_class = g_strdup_printf ("level-%d", sitrep_incident_get_level (incident));
  gtk_widget_add_css_class (GTK_WIDGET (self->level_label), level_class);

  gtk_label_set_label (self->status_label,
                       sitrep_status_to_label (sitrep_incident_get_status (incident)));
  gtk_label_set_label (self->key_label, sitrep_incident_get_key (incident));
  gtk_label_set_label (self->title_label, sitrep_incident_get_title (incident));

  if (owner != NULL && *owner != '\0')
    /* Translators: below an incident's title: "<service> · owner <name>" */
    subtitle = g_strdup_printf (_("%s · owner %s"), service != NULL ? service : "", owner);
  else
    /* Translators: below an incident's title: "<service> · no owner yet" */
    subtitle = g_strdup_printf (_("%s · no owner yet"), service != NULL ? service : "");
  gtk_label_set_label (self->subtitle_label, subtitle);

  if (sitrep_sla_get_next_deadline (incident, policy, now, &next))
    {
      g_autofree char *description = sitrep_sla_describe_deadline (&next, now);
      /* Translators: the next deadline and its state: "Response due in 4 min — Warning" */
      g_autofree char *text = g_strdup_printf (_("%s — %s"), description,
                                               sitrep_deadline_state_to_label (next.state));

      gtk_label_set_label (self->next_deadline_label, text);
      set_state_class (self->next_deadline_box, deadline_state_style (next.state));
    }
  else if (sitrep_incident_get_status (incident) == SITREP_STATUS_CANCELLED)
    {
      /* Translators: the header of a cancelled incident: its deadlines
       * were neither met nor missed */
      gtk_label_set_label (self->next_deadline_label, _("Deadlines not applicable — cancelled"));
      set_state_class (self->next_deadline_box, "none");
    }
  else
    {
      gtk_label_set_label (self->next_deadline_label, _("No deadline pending"));
      set_state_class (self->next_deadline_box, "none");
    }
}

static void
refresh_deadlines (SitrepIncidentView *self,
                   SitrepPolicy       *policy,
                   gint64              now)
{
  SitrepDeadline deadlines[SITREP_N_DEADLINES];

  sitrep_sla_compute_deadlines (self->incident, policy, now, deadlines);

  for (guint i = 0; i < SITREP_N_DEADLINES; i++)
    {
      gboolean ended = sitrep_sla_deadline_ended_by_cancel (self->incident, &deadlines[i]);
      g_autofree char *subtitle = NULL;
      const char *state = sitrep_deadline_state_to_label (deadlines[i].state);
      g_autofree char *accessible = NULL;

      if (ended)
        {
          g_autofree char *due = sitrep_time_format_local (deadlines[i].due);

          /* Translators: a deadline of a cancelled incident, which it no
           * longer owes: "Due 2026-03-01 09:40 · no longer owed" */
          subtitle = g_strdup_printf (_("Due %s · no longer owed"), due);
          /* Translators: the state of a deadline that a cancelled incident
           * no longer owes: it was neither met nor missed */
          state = _("Not applicable — cancelled");
        }
      else
        subtitle = describe_deadline_row (&deadlines[i], now);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->deadline_rows[i]),
                                     sitrep_deadline_kind_to_label (deadlines[i].kind));
      adw_action_row_set_subtitle (self->deadline_rows[i], subtitle);
      gtk_label_set_label (self->deadline_states[i], state);
      set_state_class (GTK_WIDGET (self->deadline_states[i]),
                       ended ? "none" : deadline_state_style (deadlines[i].state));

      /* Translators: read by a screen reader: "Response: Warning. Due … · 4 min left" */
      accessible = g_strdup_printf (_("%s: %s. %s"),
                                    sitrep_deadline_kind_to_label (deadlines[i].kind),
                                    state, subtitle);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->deadline_rows[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
    }
}

static void
refresh_fields (SitrepIncidentView *self,
                gboolean            reset_edits)
{
  SitrepIncident *incident = self->incident;
  const char *transferred_to = sitrep_incident_get_transferred_to (incident);
  g_autofree char *occurred = sitrep_time_format_local (sitrep_incident_get_occurred_at (incident));
  g_autofree char *reported = sitrep_time_format_local (sitrep_incident_get_reported_at (incident));

  update_entry_row (self->title_row, sitrep_incident_get_title (incident), reset_edits);
  update_entry_row (self->service_row, sitrep_incident_get_service (incident), reset_edits);
  update_entry_row (self->owner_row, sitrep_incident_get_owner (incident), reset_edits);
  update_entry_row (self->reporter_name_row, sitrep_incident_get_reporter_name (incident),
                    reset_edits);
  update_entry_row (self->reporter_contact_row, sitrep_incident_get_reporter_contact (incident),
                    reset_edits);

  adw_combo_row_set_selected (self->channel_row, sitrep_incident_get_reporter_channel (incident));
  adw_combo_row_set_selected (self->cause_row, sitrep_incident_get_cause_category (incident));

  adw_action_row_set_subtitle (self->occurred_row, occurred);
  adw_action_row_set_subtitle (self->reported_row, reported);
  gtk_widget_set_visible (GTK_WIDGET (self->transferred_row),
                          transferred_to != NULL && *transferred_to != '\0');
  adw_action_row_set_subtitle (self->transferred_row,
                               sitrep_transition_dialog_describe_destination (transferred_to));

  update_text_field (self, &self->text_fields[TEXT_SYMPTOMS],
                     sitrep_incident_get_symptoms (incident), reset_edits);
  update_text_field (self, &self->text_fields[TEXT_DETAILS],
                     sitrep_incident_get_details (incident), reset_edits);
  update_text_field (self, &self->text_fields[TEXT_ROOT_CAUSE],
                     sitrep_incident_get_root_cause (incident), reset_edits);
  update_text_field (self, &self->text_fields[TEXT_RESOLUTION],
                     sitrep_incident_get_resolution (incident), reset_edits);
}

static void
refresh_timeline (SitrepIncidentView *self,
                  SitrepPolicy       *policy,
                  gint64              now)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = sitrep_store_list_timeline (self->store, self->incident_id, &error);
  if (entries == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("Could not read the timeline of %s: %s"),
                         sitrep_incident_get_key (self->incident), error->message);

      show_toast (self, message);
    }

  sitrep_timeline_view_set_incident (self->timeline_view, self->incident, entries, policy, now);
}

static gboolean
read_composer_time (SitrepIncidentView  *self,
                    gint64              *at,
                    char               **message)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->composer_time_entry));
  gint64 now = get_now (self);
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped == '\0')
    {
      *at = now;
      return TRUE;
    }

  return sitrep_time_input_parse (stripped, sitrep_incident_get_reported_at (self->incident),
                                  now, at, message);
}

static void
update_composer (SitrepIncidentView *self)
{
  g_autofree char *text = get_text_view_text (self->composer_view);
  g_autofree char *message = NULL;
  gboolean has_text, time_ok = TRUE;
  gint64 at;

  g_strstrip (text);
  has_text = *text != '\0';
  gtk_widget_set_visible (self->composer_hint,
                          gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (self->composer_view)) == 0);

  if (self->incident != NULL)
    time_ok = read_composer_time (self, &at, &message);

  if (time_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->composer_time_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->composer_time_entry), "error");

  gtk_label_set_label (self->composer_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->composer_error_label), message != NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incident.add-note",
                                 self->incident != NULL && !self->read_only
                                 && has_text && time_ok);
}

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

static void
update_actions (SitrepIncidentView *self)
{
  const char *key = self->incident != NULL ? sitrep_incident_get_key (self->incident) : "";
  gboolean editable = self->incident != NULL && !self->read_only;
  AdwEntryRow *entry_rows[] = {
    self->title_row, self->service_row, self->owner_row,
    self->reporter_name_row, self->reporter_contact_row,
  };

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
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->action_buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
    }

  for (guint i = 0; i < G_N_ELEMENTS (entry_rows); i++)
    gtk_editable_set_editable (GTK_EDITABLE (entry_rows[i]), editable);
  gtk_widget_set_sensitive (self->roster_button, editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->channel_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cause_row), editable);

  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    {
      gtk_text_view_set_editable (self->text_fields[i].view, editable);
      gtk_widget_set_visible (self->text_fields[i].save_button, editable);
    }

  adw_preferences_group_set_description (self->fields_group,
                                         self->read_only
                                         ? NULL
                                         : _("Each change is saved at once and written to the timeline."));
  gtk_widget_set_visible (self->composer, !self->read_only);

  update_composer (self);
}

/* The pane's outline, shown until the first painted frame, gives way at
 * once: a crossfade would only paint the same content several times. */
static void
show_page (SitrepIncidentView *self,
           const char         *name)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0)
    gtk_stack_set_visible_child_full (self->stack, name, GTK_STACK_TRANSITION_TYPE_NONE);
  else
    gtk_stack_set_visible_child_name (self->stack, name);
}

static void
refresh (SitrepIncidentView *self,
         gboolean            reset_edits)
{
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(SitrepPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now;

  if (self->store == NULL || self->incident_id == 0)
    {
      g_clear_object (&self->incident);
      sitrep_timeline_view_clear (self->timeline_view);
      show_page (self, self->pending_id != 0 ? "loading" : "empty");
      update_actions (self);
      return;
    }

  incident = sitrep_store_get_incident (self->store, self->incident_id, &error);
  if (incident == NULL)
    {
      g_clear_object (&self->incident);
      sitrep_timeline_view_clear (self->timeline_view);
      show_page (self, "empty");
      update_actions (self);
      if (!g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND))
        g_warning ("Could not read incident %" G_GINT64_FORMAT ": %s",
                   self->incident_id, error->message);
      return;
    }

  g_set_object (&self->incident, incident);

  self->refreshing = TRUE;

  now = get_now (self);
  policy = sitrep_store_get_policy (self->store);

  refresh_header (self, policy, now);
  refresh_deadlines (self, policy, now);
  refresh_fields (self, reset_edits);
  refresh_timeline (self, policy, now);
  update_actions (self);

  show_page (self, "incident");

  self->refreshing = FALSE;
}

static gboolean
save_field (SitrepIncidentView *self,
            const char         *field,
            const char         *what,
            const char         *value)
{
  g_autoptr(GError) error = NULL;
  gboolean saved;

  if (!check_writable (self, &error))
    {
      show_store_error (self, what, error);
      return FALSE;
    }

  if (g_strcmp0 (field, "owner") == 0)
    saved = sitrep_store_set_owner (self->store, self->incident_id, value,
                                    get_author (self), &error);
  else
    saved = sitrep_store_set_field (self->store, self->incident_id, field, value,
                                    get_author (self), &error);

  if (!saved)
    {
      show_store_error (self, what, error);
      /* Show again what is stored. */
      refresh (self, FALSE);
    }

  return saved;
}

static gboolean
text_field_is_changed (TextField *field)
{
  g_autofree char *text = get_text_view_text (field->view);

  return g_strcmp0 (text, field->stored != NULL ? field->stored : "") != 0;
}

/* Saves a multi-line field if it differs from what is stored; what was
 * saved becomes the stored value at once, so leaving the field and then
 * pressing Save, or selecting another incident, does not write it twice. */
static void
save_text_field (SitrepIncidentView *self,
                 TextField          *field,
                 const char         *what)
{
  g_autofree char *text = NULL;

  if (self->incident == NULL || self->read_only || !text_field_is_changed (field))
    return;

  text = get_text_view_text (field->view);
  if (save_field (self, field->field, what, text))
    {
      g_free (field->stored);
      field->stored = g_steal_pointer (&text);
      gtk_widget_set_sensitive (field->save_button, FALSE);
    }
}

static gboolean
entry_row_is_changed (AdwEntryRow *row)
{
  const char *stored = g_object_get_data (G_OBJECT (row), "sitrep-stored");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return g_strcmp0 (text, stored != NULL ? stored : "") != 0;
}

static void
save_entry_row (SitrepIncidentView *self,
                AdwEntryRow        *row,
                const char         *what)
{
  const char *field = g_object_get_data (G_OBJECT (row), "sitrep-field");
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (save_field (self, field, what, value))
    g_object_set_data_full (G_OBJECT (row), "sitrep-stored", g_steal_pointer (&value), g_free);
}

/* Before the view turns to another incident (or is hidden), what the user
 * typed and did not save yet is saved, never dropped. */
static void
save_pending_edits (SitrepIncidentView *self)
{
  AdwEntryRow *entry_rows[] = {
    self->title_row, self->service_row, self->owner_row,
    self->reporter_name_row, self->reporter_contact_row,
  };
  const char *key;

  if (self->incident == NULL || self->read_only || self->store == NULL)
    return;

  key = sitrep_incident_get_key (self->incident);

  for (guint i = 0; i < G_N_ELEMENTS (entry_rows); i++)
    {
      g_autofree char *what = NULL;

      if (!entry_row_is_changed (entry_rows[i]))
        continue;

      /* Translators: what could not be saved: "Title of INC-7" */
      what = g_strdup_printf (_("%s of %s"),
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (entry_rows[i])),
                              key);
      save_entry_row (self, entry_rows[i], what);
    }

  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    {
      g_autofree char *what = NULL;

      if (!text_field_is_changed (&self->text_fields[i]))
        continue;

      what = g_strdup_printf (_("%s of %s"), _(self->text_fields[i].title), key);
      save_text_field (self, &self->text_fields[i], what);
    }
}

static void
schedule_tick (SitrepIncidentView *self);

static gboolean
tick_cb (gpointer user_data)
{
  SitrepIncidentView *self = user_data;

  self->tick_id = 0;
  if (self->incident != NULL)
    {
      refresh (self, FALSE);
      sitrep_communication_view_refresh (self->communication_view);
    }
  schedule_tick (self);

  return G_SOURCE_REMOVE;
}

/* Countdowns change once a minute: wake at the next full minute. */
static void
schedule_tick (SitrepIncidentView *self)
{
  gint64 now;

  g_clear_handle_id (&self->tick_id, g_source_remove);

  if (self->store == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  now = get_now (self);
  self->tick_id = g_timeout_add_seconds (60 - (guint) (now % 60), tick_cb, self);
}

static void
stop_waiting_for_frame (SitrepIncidentView *self)
{
  if (self->frame_clock != NULL)
    g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_clear_object (&self->frame_clock);
}

static void
cancel_pending (SitrepIncidentView *self)
{
  stop_waiting_for_frame (self);
  g_clear_handle_id (&self->fill_id, g_source_remove);
  self->pending_id = 0;
}

static gboolean
fill_pending_cb (gpointer user_data)
{
  SitrepIncidentView *self = user_data;

  self->fill_id = 0;
  sitrep_incident_view_set_incident_id (self, self->pending_id);

  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock      *frame_clock,
                SitrepIncidentView *self)
{
  stop_waiting_for_frame (self);

  /* Out of the frame clock's cycle: the frame is on screen, and the pane
   * is read and laid out for the next one. */
  if (self->fill_id == 0)
    {
      self->fill_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_pending_cb, self, NULL);
      g_source_set_name_by_id (self->fill_id, "[sitrep] fill the incident view");
    }
}

static void
wait_for_frame (SitrepIncidentView *self)
{
  if (self->pending_id == 0 || self->after_paint_id != 0 || self->fill_id != 0
      || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->after_paint_id = g_signal_connect (self->frame_clock, "after-paint",
                                           G_CALLBACK (after_paint_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
incident_changed_cb (SitrepStore        *store,
                     gint64              id,
                     guint              changes,
                     SitrepIncidentView *self)
{
  if (self->incident_id != 0 && (id == 0 || id == self->incident_id))
    refresh (self, FALSE);
}

static void
store_changed_cb (SitrepStore        *store,
                  SitrepIncidentView *self)
{
  if (self->incident_id != 0)
    refresh (self, FALSE);
}

static void
entry_row_applied_cb (SitrepIncidentView *self,
                      AdwEntryRow        *row)
{
  save_entry_row (self, row, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

static void
combo_row_selected_cb (SitrepIncidentView *self,
                       GParamSpec         *pspec,
                       AdwComboRow        *row)
{
  guint selected = adw_combo_row_get_selected (row);
  const char *nick;

  if (self->refreshing || self->incident == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (row == self->channel_row)
    {
      if ((SitrepChannel) selected == sitrep_incident_get_reporter_channel (self->incident))
        return;
      nick = sitrep_enum_to_nick (SITREP_TYPE_CHANNEL, selected);
      save_field (self, "reporter_channel", _("Reported Through"), nick);
    }
  else
    {
      if ((SitrepCause) selected == sitrep_incident_get_cause_category (self->incident))
        return;
      /* Not yet categorised is stored as no value. */
      nick = selected == SITREP_CAUSE_NONE ? NULL : sitrep_enum_to_nick (SITREP_TYPE_CAUSE, selected);
      save_field (self, "cause_category", _("Cause Category"), nick);
    }
}

static void
text_field_changed_cb (GtkTextBuffer *buffer,
                       TextField     *field)
{
  gtk_widget_set_sensitive (field->save_button, text_field_is_changed (field));
}

static void
text_field_save_clicked_cb (GtkButton          *button,
                            SitrepIncidentView *self)
{
  TextField *field = g_object_get_data (G_OBJECT (button), "sitrep-text-field");

  save_text_field (self, field, _(field->title));
}

static void
text_field_focus_left_cb (GtkEventControllerFocus *controller,
                          SitrepIncidentView      *self)
{
  TextField *field = g_object_get_data (G_OBJECT (controller), "sitrep-text-field");

  save_text_field (self, field, _(field->title));
}

static void
roster_row_activated_cb (SitrepIncidentView *self,
                         GtkListBoxRow      *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), "sitrep-name");

  if (name == NULL)
    return;

  gtk_popover_popdown (self->roster_popover);
  gtk_editable_set_text (GTK_EDITABLE (self->owner_row), name);
  save_field (self, "owner", _("Owner"), name);
}

static void
roster_shown_cb (SitrepIncidentView *self)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->roster_list))) != NULL)
    gtk_list_box_remove (self->roster_list, child);

  if (self->store != NULL)
    contacts = sitrep_store_list_contacts (self->store, &error);

  if (contacts == NULL || contacts->len == 0)
    {
      GtkWidget *label = gtk_label_new (error != NULL
                                        ? error->message
                                        : _("The roster is empty. Add contacts in Preferences; "
                                            "any name can also be typed."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_list_box_append (self->roster_list, label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (label)), FALSE);
      return;
    }

  for (guint i = 0; i < contacts->len; i++)
    {
      SitrepContact *contact = g_ptr_array_index (contacts, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sitrep_contact_get_name (contact));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   sitrep_role_to_label (sitrep_contact_get_role (contact)));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "sitrep-name",
                              g_strdup (sitrep_contact_get_name (contact)), g_free);
      gtk_list_box_append (self->roster_list, row);
    }
}

static void
composer_changed_cb (SitrepIncidentView *self)
{
  update_composer (self);
}

static void
transition_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);
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
        dialog = sitrep_transition_dialog_new (self, self->incident, info->transition,
                                               get_now (self));
      else
        dialog = sitrep_transition_dialog_new_for_level (self, self->incident,
                                                         sitrep_incident_get_level (self->incident)
                                                         + info->level_step,
                                                         get_now (self));
      break;
    }

  if (dialog != NULL)
    gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_note_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  gint64 at;

  if (!check_writable (self, &error))
    {
      show_store_error (self, _("the entry"), error);
      return;
    }

  text = g_strstrip (get_text_view_text (self->composer_view));
  if (*text == '\0')
    return;

  if (!read_composer_time (self, &at, &message))
    {
      gtk_label_set_label (self->composer_error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->composer_error_label), TRUE);
      return;
    }

  if (!sitrep_store_add_note (self->store, self->incident_id, at, get_author (self),
                              (SitrepTag) gtk_drop_down_get_selected (self->tag_dropdown),
                              text, &error))
    {
      /* Keep what was typed, and say why it was refused. */
      gtk_label_set_label (self->composer_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->composer_error_label), TRUE);
      return;
    }

  sitrep_incident_view_set_composer (self, NULL, SITREP_TAG_NONE, NULL);
}

static void
setup_text_fields (SitrepIncidentView *self)
{
  static const struct {
    const char *field;
    const char *title;
  } infos[N_TEXT_FIELDS] = {
    [TEXT_SYMPTOMS] = { "symptoms", N_("Symptoms") },
    [TEXT_DETAILS] = { "details", N_("Details") },
    [TEXT_ROOT_CAUSE] = { "root_cause", N_("Root Cause") },
    [TEXT_RESOLUTION] = { "resolution", N_("Resolution") },
  };

  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    {
      TextField *field = &self->text_fields[i];
      GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *heading_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *heading = gtk_label_new (_(infos[i].title));
      GtkWidget *frame = gtk_frame_new (NULL);
      GtkEventController *focus;
      g_autofree char *save_name = NULL;

      field->field = infos[i].field;
      field->title = infos[i].title;
      field->view = GTK_TEXT_VIEW (gtk_text_view_new ());
      field->save_button = gtk_button_new_with_label (_("Save"));

      gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
      gtk_widget_set_hexpand (heading, TRUE);
      gtk_widget_add_css_class (heading, "heading");
      gtk_box_append (GTK_BOX (heading_box), heading);

      /* Translators: a button's name for screen readers, "Save Symptoms" */
      save_name = g_strdup_printf (_("Save %s"), _(infos[i].title));
      gtk_widget_set_tooltip_text (field->save_button, save_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->save_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, save_name,
                                      -1);
      gtk_widget_add_css_class (field->save_button, "flat");
      gtk_widget_set_valign (field->save_button, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (field->save_button, FALSE);
      g_object_set_data (G_OBJECT (field->save_button), "sitrep-text-field", field);
      g_signal_connect (field->save_button, "clicked",
                        G_CALLBACK (text_field_save_clicked_cb), self);
      gtk_box_append (GTK_BOX (heading_box), field->save_button);

      gtk_text_view_set_wrap_mode (field->view, GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (field->view, FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (field->view), "incident-text");
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->view),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(infos[i].title),
                                      GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE,
                                      -1);
      g_signal_connect (gtk_text_view_get_buffer (field->view), "changed",
                        G_CALLBACK (text_field_changed_cb), field);
      focus = gtk_event_controller_focus_new ();
      g_object_set_data (G_OBJECT (focus), "sitrep-text-field", field);
      g_signal_connect (focus, "leave", G_CALLBACK (text_field_focus_left_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (field->view), focus);
      gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (field->view));
      gtk_widget_add_css_class (frame, "incident-text-frame");

      gtk_box_append (GTK_BOX (section), heading_box);
      gtk_box_append (GTK_BOX (section), frame);
      gtk_box_append (self->text_fields_box, section);
    }
}

static void
setup_deadline_rows (SitrepIncidentView *self)
{
  for (guint i = 0; i < SITREP_N_DEADLINES; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *state = gtk_label_new (NULL);

      gtk_widget_add_css_class (state, "incident-deadline-state");
      gtk_widget_set_valign (state, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
      adw_preferences_group_add (self->deadlines_group, row);

      self->deadline_rows[i] = ADW_ACTION_ROW (row);
      self->deadline_states[i] = GTK_LABEL (state);
    }
}

static void
setup_action_buttons (SitrepIncidentView *self)
{
  for (guint i = 0; i < N_ACTIONS; i++)
    {
      const ActionInfo *info = &action_infos[i];
      GtkWidget *button = gtk_button_new_with_mnemonic (_(info->label));
      GtkWidget *child;

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), info->name);
      gtk_widget_set_tooltip_text (button, _(info->tooltip));
      if (info->style != NULL)
        gtk_widget_add_css_class (button, info->style);

      gtk_flow_box_append (self->actions_box, button);
      child = gtk_widget_get_parent (button);
      gtk_widget_set_focusable (child, FALSE);

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

  controller = gtk_shortcut_controller_new_for_model (G_LIST_MODEL (self->shortcuts));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* The pencil of an entry row, the arrow of a combo row and an entry's icon
 * only decorate a control that has its own name: screen readers skip them. */
static void
hide_decorations (GtkWidget *widget)
{
  if (GTK_IS_IMAGE (widget))
    gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                                 GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                                 -1);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    hide_decorations (child);
}

static void
setup_combo_rows (SitrepIncidentView *self)
{
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) causes = gtk_string_list_new (NULL);

  for (int i = SITREP_CHANNEL_HOTLINE; i <= SITREP_CHANNEL_OTHER; i++)
    gtk_string_list_append (channels, sitrep_channel_to_label (i));
  for (int i = SITREP_CAUSE_NONE; i <= SITREP_CAUSE_UNKNOWN; i++)
    gtk_string_list_append (causes, sitrep_cause_to_label (i));

  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (channels));
  adw_combo_row_set_model (self->cause_row, G_LIST_MODEL (causes));
}

static void
sitrep_incident_view_map (GtkWidget *widget)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);

  GTK_WIDGET_CLASS (sitrep_incident_view_parent_class)->map (widget);

  /* The countdowns may have moved while hidden. */
  if (self->incident != NULL)
    refresh (self, FALSE);
  schedule_tick (self);
  wait_for_frame (self);
}

static void
sitrep_incident_view_unmap (GtkWidget *widget)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  stop_waiting_for_frame (self);
  /* Going back to the list or closing the window keeps what was typed. */
  save_pending_edits (self);

  GTK_WIDGET_CLASS (sitrep_incident_view_parent_class)->unmap (widget);
}

static void
sitrep_incident_view_dispose (GObject *object)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  cancel_pending (self);
  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->incident_changed_id, self->store);
      g_clear_signal_handler (&self->changed_id, self->store);
    }
  g_clear_object (&self->store);
  g_clear_object (&self->incident);
  g_clear_object (&self->shortcuts);

  /* AdwBin unparents the template's top widget itself, and the template
   * children are released with the widget. */

  G_OBJECT_CLASS (sitrep_incident_view_parent_class)->dispose (object);
}

static void
sitrep_incident_view_finalize (GObject *object)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (object);

  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    g_free (self->text_fields[i].stored);
  g_free (self->user_name);

  G_OBJECT_CLASS (sitrep_incident_view_parent_class)->finalize (object);
}

static void
sitrep_incident_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_INCIDENT_ID:
      g_value_set_int64 (value, self->incident_id);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_USER_NAME:
      g_value_set_string (value, self->user_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_incident_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      sitrep_incident_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_INCIDENT_ID:
      sitrep_incident_view_set_incident_id (self, g_value_get_int64 (value));
      break;
    case PROP_READ_ONLY:
      sitrep_incident_view_set_read_only (self, g_value_get_boolean (value));
      break;
    case PROP_USER_NAME:
      sitrep_incident_view_set_user_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_incident_view_class_init (SitrepIncidentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_incident_view_dispose;
  object_class->finalize = sitrep_incident_view_finalize;
  object_class->get_property = sitrep_incident_view_get_property;
  object_class->set_property = sitrep_incident_view_set_property;

  widget_class->map = sitrep_incident_view_map;
  widget_class->unmap = sitrep_incident_view_unmap;

  /**
   * SitrepIncidentView:store:
   *
   * The store the incident is read from and changes are written to.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SITREP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SitrepIncidentView:incident-id:
   *
   * The incident shown, or 0 for none.
   */
  properties[PROP_INCIDENT_ID] =
    g_param_spec_int64 ("incident-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SitrepIncidentView:read-only:
   *
   * Whether the user may only view (a supervisor's data viewing permission).
   */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SitrepIncidentView:user-name:
   *
   * The author recorded for every change made in the view.
   */
  properties[PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SITREP_TYPE_COMMUNICATION_VIEW);
  g_type_ensure (SITREP_TYPE_TIMELINE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/ui/sitrep-incident-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, stack);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, communication_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, level_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, status_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, key_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, title_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, next_deadline_box);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, next_deadline_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, actions_box);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, deadlines_group);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, fields_group);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, title_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, service_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, owner_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, roster_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, roster_popover);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, roster_list);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, reporter_name_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, reporter_contact_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, channel_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, cause_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, occurred_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, reported_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, transferred_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, text_fields_box);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, timeline_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, composer);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, composer_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, composer_hint);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, composer_time_entry);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, add_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, composer_error_label);
  gtk_widget_class_bind_template_callback (widget_class, entry_row_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, combo_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, roster_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, composer_changed_cb);

  /* Their accelerators are in the shortcuts of each view, which the window
   * also installs, so that they work wherever the focus is. */
  for (guint i = 0; i < N_ACTIONS; i++)
    gtk_widget_class_install_action (widget_class, action_infos[i].name, NULL,
                                     transition_action_cb);

  gtk_widget_class_install_action (widget_class, "incident.add-note", NULL, add_note_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "incident.add-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "incident.add-note", NULL);

  gtk_widget_class_set_css_name (widget_class, "sitrep-incident-view");
}

static void
sitrep_incident_view_init (SitrepIncidentView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_object_set_data (G_OBJECT (self->title_row), "sitrep-field", (gpointer) "title");
  g_object_set_data (G_OBJECT (self->service_row), "sitrep-field", (gpointer) "service");
  g_object_set_data (G_OBJECT (self->owner_row), "sitrep-field", (gpointer) "owner");
  g_object_set_data (G_OBJECT (self->reporter_name_row), "sitrep-field",
                     (gpointer) "reporter_name");
  g_object_set_data (G_OBJECT (self->reporter_contact_row), "sitrep-field",
                     (gpointer) "reporter_contact");

  setup_action_buttons (self);
  setup_shortcuts (self);
  setup_deadline_rows (self);
  setup_combo_rows (self);
  setup_text_fields (self);

  hide_decorations (GTK_WIDGET (self->fields_group));
  hide_decorations (GTK_WIDGET (self->composer_time_entry));

  /* The drop-down's button is what a screen reader reaches: give it the
   * drop-down's name. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_dropdown));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tag"),
                                      -1);

  g_signal_connect_object (gtk_text_view_get_buffer (self->composer_view), "changed",
                           G_CALLBACK (composer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->roster_popover, "show",
                           G_CALLBACK (roster_shown_cb), self, G_CONNECT_SWAPPED);

  refresh (self, TRUE);
}

/**
 * sitrep_incident_view_new:
 *
 * Returns: (transfer floating): a new incident view showing nothing
 */
GtkWidget *
sitrep_incident_view_new (void)
{
  return g_object_new (SITREP_TYPE_INCIDENT_VIEW, NULL);
}

/**
 * sitrep_incident_view_get_store:
 * @self: an incident view
 *
 * Returns: (transfer none) (nullable): the store
 */
SitrepStore *
sitrep_incident_view_get_store (SitrepIncidentView *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_VIEW (self), NULL);

  return self->store;
}

/**
 * sitrep_incident_view_set_store:
 * @self: an incident view
 * @store: (nullable): the store to read from and write to
 */
void
sitrep_incident_view_set_store (SitrepIncidentView *self,
                                SitrepStore        *store)
{
  g_return_if_fail (SITREP_IS_INCIDENT_VIEW (self));
  g_return_if_fail (store == NULL || SITREP_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->incident_changed_id, self->store);
      g_clear_signal_handler (&self->changed_id, self->store);
    }

  g_set_object (&self->store, store);

  if (self->store != NULL)
    {
      self->incident_changed_id = g_signal_connect (self->store, "incident-changed",
                                                    G_CALLBACK (incident_changed_cb), self);
      /* An import, a new policy or another process: read everything again. */
      self->changed_id = g_signal_connect (self->store, "changed",
                                           G_CALLBACK (store_changed_cb), self);
    }

  refresh (self, TRUE);
  schedule_tick (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * sitrep_incident_view_get_incident_id:
 * @self: an incident view
 *
 * Returns: the id of the incident shown, or 0
 */
gint64
sitrep_incident_view_get_incident_id (SitrepIncidentView *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_VIEW (self), 0);

  return self->incident_id;
}

/**
 * sitrep_incident_view_set_incident_id:
 * @self: an incident view
 * @incident_id: the incident to show, or 0 for none
 */
void
sitrep_incident_view_set_incident_id (SitrepIncidentView *self,
                                      gint64              incident_id)
{
  gboolean was_pending;

  g_return_if_fail (SITREP_IS_INCIDENT_VIEW (self));

  was_pending = self->pending_id != 0;
  cancel_pending (self);

  if (self->incident_id == incident_id && !was_pending)
    return;

  save_pending_edits (self);

  self->incident_id = incident_id;

  sitrep_incident_view_set_composer (self, NULL, SITREP_TAG_NONE, NULL);
  refresh (self, TRUE);

  /* A different incident starts at its top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT_ID]);
}

/**
 * sitrep_incident_view_set_incident_id_after_frame:
 * @self: an incident view showing no incident
 * @incident_id: the incident to show
 *
 * Shows the pane's blank outline now and incident @incident_id right after
 * the window has painted its next frame, so that a window that opens on an
 * incident appears without waiting for the incident's details and
 * timeline. Until then sitrep_incident_view_get_incident() returns %NULL;
 * any other choice of incident before that replaces this one. A view that
 * already shows an incident shows @incident_id at once.
 */
void
sitrep_incident_view_set_incident_id_after_frame (SitrepIncidentView *self,
                                                  gint64              incident_id)
{
  g_return_if_fail (SITREP_IS_INCIDENT_VIEW (self));

  if (incident_id == 0 || self->incident_id != 0)
    {
      sitrep_incident_view_set_incident_id (self, incident_id);
      return;
    }

  cancel_pending (self);
  self->pending_id = incident_id;
  show_page (self, "loading");
  update_actions (self);
  wait_for_frame (self);
}

/**
 * sitrep_incident_view_get_read_only:
 * @self: an incident view
 *
 * Returns: whether every change is disabled
 */
gboolean
sitrep_incident_view_get_read_only (SitrepIncidentView *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_VIEW (self), FALSE);

  return self->read_only;
}

/**
 * sitrep_incident_view_set_read_only:
 * @self: an incident view
 * @read_only: %TRUE for a user who may only view
 *
 * Disables every change and says why.
 */
void
sitrep_incident_view_set_read_only (SitrepIncidentView *self,
                                    gboolean            read_only)
{
  g_return_if_fail (SITREP_IS_INCIDENT_VIEW (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  self->read_only = read_only;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

/**
 * sitrep_incident_view_get_user_name:
 * @self: an incident view
 *
 * Returns: (transfer none) (nullable): the author of changes made here
 */
const char *
sitrep_incident_view_get_user_name (SitrepIncidentView *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_VIEW (self), NULL);

  return self->user_name;
}

/**
 * sitrep_incident_view_set_user_name:
 * @self: an incident view
 * @user_name: (nullable): the author recorded for changes made here
 */
void
sitrep_incident_view_set_user_name (SitrepIncidentView *self,
                                    const char         *user_name)
{
  g_return_if_fail (SITREP_IS_INCIDENT_VIEW (self));

  if (g_strcmp0 (self->user_name, user_name) == 0)
    return;

  g_free (self->user_name);
  self->user_name = g_strdup (user_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_NAME]);
}

/**
 * sitrep_incident_view_get_incident:
 * @self: an incident view
 *
 * Returns: (transfer none) (nullable): the incident as last read from the
 *   store, or %NULL when none is shown
 */
SitrepIncident *
sitrep_incident_view_get_incident (SitrepIncidentView *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_VIEW (self), NULL);

  return self->incident;
}

/**
 * sitrep_incident_view_get_heading:
 * @self: an incident view
 *
 * Returns: (transfer none): the key shown in the header, e.g. "INC-7", or
 *   "" when no incident is shown
 */
const char *
sitrep_incident_view_get_heading (SitrepIncidentView *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_VIEW (self), NULL);

  return self->incident != NULL ? gtk_label_get_label (self->key_label) : "";
}

/**
 * sitrep_incident_view_get_shortcuts:
 * @self: an incident view
 *
 * The view's keyboard shortcuts: one #GtkShortcut per action on the
 * incident (Ctrl+Shift+A acknowledges, …), each with a #GtkNamedAction
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
 * sitrep_incident_view_get_timeline:
 * @self: an incident view
 *
 * Returns: (transfer none): the #SitrepTimelineView of the incident
 */
GtkWidget *
sitrep_incident_view_get_timeline (SitrepIncidentView *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_VIEW (self), NULL);

  return GTK_WIDGET (self->timeline_view);
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
 * Carries out @transition on the incident shown, by the view's user. The
 * confirmation dialog calls this.
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

  if (!check_writable (self, error))
    return FALSE;

  return sitrep_store_transition (self->store, self->incident_id, transition, at,
                                  get_author (self), comment, transferred_to, error);
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

  if (!check_writable (self, error))
    return FALSE;

  return sitrep_store_set_level (self->store, self->incident_id, level, at,
                                 get_author (self), comment, error);
}

/**
 * sitrep_incident_view_set_composer:
 * @self: an incident view
 * @text: (nullable): the entry's text
 * @tag: the entry's tag
 * @time_text: (nullable): its time as "YYYY-MM-DD HH:MM" local time, or
 *   %NULL for now
 *
 * Fills in the composer at the bottom of the view; the action
 * `incident.add-note` then adds the entry.
 */
void
sitrep_incident_view_set_composer (SitrepIncidentView *self,
                                   const char         *text,
                                   SitrepTag           tag,
                                   const char         *time_text)
{
  g_return_if_fail (SITREP_IS_INCIDENT_VIEW (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->composer_view),
                            text != NULL ? text : "", -1);
  gtk_drop_down_set_selected (self->tag_dropdown, tag);
  gtk_editable_set_text (GTK_EDITABLE (self->composer_time_entry),
                         time_text != NULL ? time_text : "");
  update_composer (self);
}
