/* sitrep-incident-view-corrections.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-incident-view-private.h"
#include "sitrep-time.h"
#include "sitrep-time-input.h"

/*
 * Putting the record right from the incident view: a note is corrected by
 * a new entry that points at it (incident.correct-entry, from the note's
 * row in the timeline), and when the fault began and was reported are
 * changed with a reason (incident.edit-report-times, from the Reported
 * row). Nothing already written is changed or lost.
 */

/* What a dialog edits, and the controls it reads on its response. */
typedef struct
{
  SitrepIncidentView *view;      /* a ref */
  gint64              incident_id;
  gint64              entry_id;
  GtkTextView        *text_view;
  GtkDropDown        *tag_dropdown;
  GtkEditable        *occurred_entry;
  GtkEditable        *reported_entry;
  GtkEditable        *reason_entry;
} DialogState;

static void
dialog_state_free (gpointer data)
{
  DialogState *state = data;

  g_clear_object (&state->view);
  g_free (state);
}

static GtkWidget *
new_dialog (SitrepIncidentView *self,
            const char         *heading,
            const char         *body,
            const char         *accept_label)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "accept", accept_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "accept",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "accept");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  return dialog;
}

static SitrepTimelineEntry *
find_entry (SitrepIncidentView *self,
            gint64              entry_id)
{
  for (guint i = 0; self->timeline != NULL && i < self->timeline->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (self->timeline, i);

      if (sitrep_timeline_entry_get_id (entry) == entry_id)
        return entry;
    }

  return NULL;
}

/* A correction or a change of the report times, on the store's terms (on
 * a team database, on its writing thread). */
typedef struct
{
  gint64     incident_id;
  gint64     entry_id;      /* the entry corrected; 0 for the times */
  char      *text;          /* the correction, or the times' reason */
  SitrepTag  tag;
  gint64     occurred_at;
  gint64     reported_at;
  char      *author;
  char      *what;
} CorrectionWrite;

static void
correction_write_free (gpointer data)
{
  CorrectionWrite *w = data;

  g_free (w->text);
  g_free (w->author);
  g_free (w->what);
  g_free (w);
}

static gboolean
write_correction (SitrepStore  *store,
                  gpointer      data,
                  GError      **error)
{
  CorrectionWrite *w = data;

  if (w->entry_id != 0)
    return sitrep_store_correct_entry (store, w->incident_id, w->entry_id, w->text, w->tag,
                                       w->author, error);

  return sitrep_store_change_report_times (store, w->incident_id, w->occurred_at,
                                           w->reported_at, w->text, w->author, error);
}

static void
correction_written_cb (GObject      *owner,
                       const GError *error,
                       gpointer      data)
{
  CorrectionWrite *w = data;

  /* The change itself comes back as the store's announcement. */
  if (error != NULL)
    _sitrep_incident_view_show_store_error (SITREP_INCIDENT_VIEW (owner), w->what, error);
}

static void
submit_correction (SitrepIncidentView *self,
                   CorrectionWrite    *w)
{
  w->author = g_strdup (_sitrep_incident_view_get_author (self));
  sitrep_store_submit (self->store, write_correction, w, correction_write_free, G_OBJECT (self),
                       correction_written_cb);
}

static void
correct_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     DialogState      *state)
{
  SitrepIncidentView *self = state->view;
  g_autoptr(GError) error = NULL;
  CorrectionWrite *w;

  if (g_strcmp0 (response, "accept") != 0)
    return;

  if (!_sitrep_incident_view_check_writable (self, &error))
    {
      _sitrep_incident_view_show_store_error (self, _("the correction"), error);
      return;
    }

  w = g_new0 (CorrectionWrite, 1);
  w->incident_id = state->incident_id;
  w->entry_id = state->entry_id;
  w->text = _sitrep_incident_view_dup_text (state->text_view);
  w->tag = (SitrepTag) gtk_drop_down_get_selected (state->tag_dropdown);
  w->what = g_strdup (_("the correction"));
  submit_correction (self, w);
}

static void
correct_text_changed_cb (GtkTextBuffer    *buffer,
                         AdwMessageDialog *dialog)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  adw_message_dialog_set_response_enabled (dialog, "accept", *text != '\0');
}

static void
correct_entry_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *time_text = NULL;
  SitrepTimelineEntry *entry, *correction;
  GtkWidget *dialog, *box, *frame, *scrolled, *text_view, *dropdown;
  const char *const tags[] = {
    _("No Tag"), _("Condition"), _("Action"), _("Need"), NULL
  };
  DialogState *state;
  gint64 entry_id = g_variant_get_int64 (parameter);

  if (!_sitrep_incident_view_check_writable (self, &error))
    {
      _sitrep_incident_view_show_store_error (self, _("the correction"), error);
      return;
    }

  entry = find_entry (self, entry_id);
  if (entry == NULL)
    return;

  /* a correction is not corrected itself: the original note is, again */
  if (sitrep_timeline_entry_get_kind (entry) == SITREP_ENTRY_KIND_CORRECTION)
    {
      entry_id = sitrep_timeline_entry_get_corrects (entry);
      entry = find_entry (self, entry_id);
      if (entry == NULL)
        return;
    }

  correction = sitrep_timeline_find_correction (self->timeline, entry_id);

  dt = g_date_time_new_from_unix_local (sitrep_timeline_entry_get_occurred_at (entry));
  /* Translators: the time of the entry to correct, see g_date_time_format() */
  time_text = dt != NULL ? g_date_time_format (dt, _("%H:%M")) : g_strdup ("");
  /* Translators: the heading of the dialog; %s is a time such as 14:15 */
  heading = g_strdup_printf (_("Correct the Entry of %s"), time_text);

  dialog = new_dialog (self, heading,
                       _("The entry stays in the timeline, struck through, with the "
                         "correction beside it. Reports use the correction."),
                       _("C_orrect"));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  frame = gtk_frame_new (NULL);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 80);
  text_view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (text_view), FALSE);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text_view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text_view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Corrected text"),
                                  GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE,
                                  -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)),
                            sitrep_timeline_entry_get_text (correction != NULL ? correction
                                                                               : entry),
                            -1);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), "changed",
                           G_CALLBACK (correct_text_changed_cb), dialog, 0);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), text_view);
  gtk_frame_set_child (GTK_FRAME (frame), scrolled);
  gtk_box_append (GTK_BOX (box), frame);

  dropdown = gtk_drop_down_new_from_strings (tags);
  gtk_widget_set_halign (dropdown, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (dropdown, _("The tag for the CAN report"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Corrected tag"),
                                  -1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                              sitrep_timeline_entry_get_tag (correction != NULL ? correction
                                                                                : entry));
  gtk_box_append (GTK_BOX (box), dropdown);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  state = g_new0 (DialogState, 1);
  state->view = g_object_ref (self);
  state->incident_id = self->incident_id;
  state->entry_id = entry_id;
  state->text_view = GTK_TEXT_VIEW (text_view);
  state->tag_dropdown = GTK_DROP_DOWN (dropdown);
  g_object_set_data_full (G_OBJECT (dialog), "sitrep-state", state, dialog_state_free);
  g_signal_connect (dialog, "response", G_CALLBACK (correct_response_cb), state);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (text_view);
}

static GtkEditable *
add_time_row (GtkWidget  *list,
              const char *title,
              gint64      time)
{
  GtkWidget *row = adw_entry_row_new ();
  /* to the second when the time has seconds, so that a time left as it
   * was reads back the same */
  g_autofree char *text = sitrep_time_input_format (time);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  return GTK_EDITABLE (row);
}

static void
times_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   DialogState      *state)
{
  SitrepIncidentView *self = state->view;
  g_autofree char *message = NULL;
  CorrectionWrite *w;
  g_autofree char *occurred_text = NULL;
  g_autofree char *reported_text = NULL;
  gint64 occurred_at, reported_at;
  gint64 now = _sitrep_incident_view_get_now (self);

  if (g_strcmp0 (response, "accept") != 0)
    return;

  occurred_text = g_strstrip (g_strdup (gtk_editable_get_text (state->occurred_entry)));
  reported_text = g_strstrip (g_strdup (gtk_editable_get_text (state->reported_entry)));

  if (!sitrep_time_input_parse (reported_text, SITREP_TIME_MIN, now, &reported_at, &message) ||
      !sitrep_time_input_parse (occurred_text, SITREP_TIME_MIN, now, &occurred_at, &message))
    {
      _sitrep_incident_view_show_toast (self, message);
      return;
    }

  w = g_new0 (CorrectionWrite, 1);
  w->incident_id = state->incident_id;
  w->text = g_strdup (gtk_editable_get_text (state->reason_entry));
  w->occurred_at = occurred_at;
  w->reported_at = reported_at;
  w->what = g_strdup (_("the times"));
  submit_correction (self, w);
}

static void
reason_changed_cb (GtkEditable      *reason,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));

  adw_message_dialog_set_response_enabled (dialog, "accept", *text != '\0');
}

static void
edit_report_times_action_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog, *list, *reason;
  DialogState *state;

  if (self->incident == NULL)
    return;

  if (!_sitrep_incident_view_check_writable (self, &error))
    {
      _sitrep_incident_view_show_store_error (self, _("the times"), error);
      return;
    }

  dialog = new_dialog (self, _("Edit Reported"),
                       _("The deadlines are counted again from the new times, and the "
                         "change and its reason are written to the timeline."),
                       _("_Change"));

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  state = g_new0 (DialogState, 1);
  state->view = g_object_ref (self);
  state->incident_id = self->incident_id;
  state->occurred_entry = add_time_row (list, _("Fault Began"),
                                        sitrep_incident_get_occurred_at (self->incident));
  state->reported_entry = add_time_row (list, _("Reported"),
                                        sitrep_incident_get_reported_at (self->incident));
  reason = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason), _("Reason"));
  gtk_list_box_append (GTK_LIST_BOX (list), reason);
  state->reason_entry = GTK_EDITABLE (reason);
  g_signal_connect_object (reason, "changed", G_CALLBACK (reason_changed_cb), dialog, 0);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "accept", FALSE);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_object_set_data_full (G_OBJECT (dialog), "sitrep-state", state, dialog_state_free);
  g_signal_connect (dialog, "response", G_CALLBACK (times_response_cb), state);

  gtk_window_present (GTK_WINDOW (dialog));
}

void
_sitrep_incident_view_corrections_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "incident.correct-entry", "x",
                                   correct_entry_action_cb);
  gtk_widget_class_install_action (widget_class, "incident.edit-report-times", NULL,
                                   edit_report_times_action_cb);
}
