/* sitrep-incident-view-composer.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-accessible.h"
#include "sitrep-enums.h"
#include "sitrep-incident-view-private.h"
#include "sitrep-time-input.h"

/*
 * The composer fixed at the bottom of the incident view: a note for the
 * timeline, its tag and, for a log written up afterwards, its time.
 * Ctrl+Enter adds it.
 *
 * What is typed and not added yet is a draft of that incident on this
 * desk (sitrep-drafts.h): kept a moment after each change, when another
 * incident is shown and when the window goes, restored when the incident
 * is shown again (also after a restart), and cleared only when the note
 * is added or the user discards it.
 */

/* How long the composer waits after a change before it keeps the draft */
#define DRAFT_SAVE_DELAY_MS 800

/* what the composer keeps as an incident's draft */
static const char *draft_names[] = {
  SITREP_DRAFT_NOTE, SITREP_DRAFT_NOTE_TAG, SITREP_DRAFT_NOTE_AT, NULL
};

static void
show_draft_error (SitrepIncidentView *self,
                  const GError       *error)
{
  g_autofree char *message = NULL;

  /* Translators: %s says why, e.g. that a folder cannot be created */
  message = g_strdup_printf (_("The draft could not be kept: %s"), error->message);
  _sitrep_incident_view_show_toast (self, message);
  _sitrep_incident_view_composer_update (self);
}

/**
 * _sitrep_incident_view_get_drafts:
 * @self: an incident view
 *
 * Returns: (transfer none) (nullable): the drafts of the database the view
 *   reads, or %NULL without one
 */
SitrepDrafts *
_sitrep_incident_view_get_drafts (SitrepIncidentView *self)
{
  if (self->store == NULL)
    return NULL;

  if (self->drafts == NULL || self->drafts_store != self->store)
    {
      g_clear_object (&self->drafts);
      self->drafts = sitrep_drafts_new (NULL, sitrep_store_get_path (self->store));
      self->drafts_store = self->store;
      g_signal_connect_object (self->drafts, "write-failed", G_CALLBACK (show_draft_error),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->drafts, "written",
                               G_CALLBACK (_sitrep_incident_view_composer_update), self,
                               G_CONNECT_SWAPPED);
    }

  return self->drafts;
}

/* Keeps the composer's text, tag and time as the draft of the incident on
 * show (an empty composer clears it). */
static void
keep_composer_draft (SitrepIncidentView *self)
{
  g_autofree char *text = NULL;
  g_autofree char *at = NULL;
  g_autofree char *stripped = NULL;
  SitrepDrafts *drafts = _sitrep_incident_view_get_drafts (self);
  SitrepTag tag;
  const char *texts[4];

  g_clear_handle_id (&self->draft_save_id, g_source_remove);

  if (drafts == NULL || self->incident_id == 0)
    return;

  text = _sitrep_incident_view_dup_text (self->composer_view);
  at = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->composer_time_entry))));
  tag = (SitrepTag) gtk_drop_down_get_selected (self->tag_dropdown);

  /* a tag or a time alone is no draft worth keeping */
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    {
      texts[0] = texts[1] = texts[2] = NULL;
    }
  else
    {
      texts[0] = text;
      texts[1] = tag != SITREP_TAG_NONE && tag <= SITREP_TAG_NEED
                 ? sitrep_enum_to_nick (SITREP_TYPE_TAG, tag) : NULL;
      texts[2] = at;
    }
  texts[3] = NULL;

  sitrep_drafts_set_many (drafts, self->incident_id, draft_names, texts);
}

static gboolean
save_draft_cb (gpointer user_data)
{
  SitrepIncidentView *self = user_data;

  self->draft_save_id = 0;
  keep_composer_draft (self);

  return G_SOURCE_REMOVE;
}

/**
 * _sitrep_incident_view_keep_drafts:
 * @self: an incident view
 *
 * Before the view turns to another incident or goes away: keeps the
 * composer's note and the fields' unsaved edits as drafts of the incident
 * on show. Nothing is written to the incident.
 */
void
_sitrep_incident_view_keep_drafts (SitrepIncidentView *self)
{
  if (self->incident_id == 0 || self->incident == NULL)
    {
      g_clear_handle_id (&self->draft_save_id, g_source_remove);
      return;
    }

  keep_composer_draft (self);
  _sitrep_incident_view_fields_keep_drafts (self);
}

/**
 * _sitrep_incident_view_composer_restore:
 * @self: an incident view
 *
 * Fills the composer with the draft of the incident on show, or empties
 * it.
 */
void
_sitrep_incident_view_composer_restore (SitrepIncidentView *self)
{
  SitrepDrafts *drafts = _sitrep_incident_view_get_drafts (self);
  g_autoptr(GHashTable) all = NULL;
  int tag = SITREP_TAG_NONE;

  if (drafts == NULL || self->incident_id == 0)
    {
      sitrep_incident_view_set_composer (self, NULL, SITREP_TAG_NONE, NULL);
      return;
    }

  all = sitrep_drafts_get_all (drafts, self->incident_id);
  if (!sitrep_enum_from_nick (SITREP_TYPE_TAG, g_hash_table_lookup (all, SITREP_DRAFT_NOTE_TAG),
                              &tag))
    tag = SITREP_TAG_NONE;

  sitrep_incident_view_set_composer (self, g_hash_table_lookup (all, SITREP_DRAFT_NOTE),
                                     tag, g_hash_table_lookup (all, SITREP_DRAFT_NOTE_AT));
  /* restoring is no change to keep */
  g_clear_handle_id (&self->draft_save_id, g_source_remove);
}

void
_sitrep_incident_view_composer_dispose (SitrepIncidentView *self)
{
  g_clear_pointer (&self->notes_sending, g_array_unref);
  g_clear_handle_id (&self->draft_save_id, g_source_remove);
  g_clear_object (&self->drafts);
  self->drafts_store = NULL;
}

static gboolean
read_composer_time (SitrepIncidentView  *self,
                    gint64              *at,
                    char               **message)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->composer_time_entry));
  gint64 now = _sitrep_incident_view_get_now (self);
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped == '\0')
    {
      *at = now;
      return TRUE;
    }

  return sitrep_time_input_parse (stripped, sitrep_incident_get_reported_at (self->incident),
                                  now, at, message);
}

static gboolean
is_sending (SitrepIncidentView *self,
            gint64              id)
{
  for (guint i = 0; id != 0 && self->notes_sending != NULL && i < self->notes_sending->len; i++)
    if (g_array_index (self->notes_sending, gint64, i) == id)
      return TRUE;

  return FALSE;
}

static void
set_sending (SitrepIncidentView *self,
             gint64              id,
             gboolean            sending)
{
  for (guint i = 0; i < self->notes_sending->len; i++)
    if (g_array_index (self->notes_sending, gint64, i) == id)
      {
        if (!sending)
          g_array_remove_index_fast (self->notes_sending, i);
        return;
      }

  if (sending)
    g_array_append_val (self->notes_sending, id);
}

void
_sitrep_incident_view_composer_update (SitrepIncidentView *self)
{
  g_autofree char *text = _sitrep_incident_view_dup_text (self->composer_view);
  g_autofree char *message = NULL;
  gboolean has_text, time_ok = TRUE;
  gboolean sending = is_sending (self, self->incident_id);
  gboolean unwritten = self->drafts != NULL && sitrep_drafts_get_unwritten (self->drafts);
  const char *tooltip;
  gint64 at;

  g_strstrip (text);
  has_text = *text != '\0';
  gtk_widget_set_visible (self->composer_hint,
                          gtk_text_buffer_get_char_count (
                            gtk_text_view_get_buffer (self->composer_view)) == 0);

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
                                 && has_text && time_ok && !sending);

  /* the draft is on show: say that it is kept (or that this computer
   * would not keep it), and offer to drop it; while it is on its way,
   * say so, and keep it as it is */
  gtk_widget_set_visible (self->discard_button, has_text && !sending);
  gtk_widget_set_visible (GTK_WIDGET (self->draft_label), has_text);
  if (sending)
    {
      gtk_label_set_label (self->draft_label, _("Adding…"));
      tooltip = _("The team database has not taken this note yet: it stays here until it has");
    }
  else if (unwritten)
    {
      gtk_label_set_label (self->draft_label, _("Draft not kept"));
      tooltip = _("This computer could not keep the draft: it stays here while Sitrep runs, "
                  "but is lost when Sitrep quits. Add the note, or make room on the disk.");
    }
  else
    {
      gtk_label_set_label (self->draft_label, _("Draft kept"));
      tooltip = _("This note is kept on this computer until you add or discard it, also when "
                  "you switch incidents or quit");
    }
  sitrep_accessible_set_tooltip (GTK_WIDGET (self->draft_label), tooltip);
  if (unwritten && !sending)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->draft_label), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->draft_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->draft_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->draft_label), "dim-label");
    }
  gtk_text_view_set_editable (self->composer_view, !sending);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tag_dropdown), !sending);
  gtk_editable_set_editable (GTK_EDITABLE (self->composer_time_entry), !sending);
}

static void
composer_changed_cb (SitrepIncidentView *self)
{
  _sitrep_incident_view_composer_update (self);

  if (self->incident_id == 0)
    return;

  g_clear_handle_id (&self->draft_save_id, g_source_remove);
  self->draft_save_id = g_timeout_add (DRAFT_SAVE_DELAY_MS, save_draft_cb, self);
  g_source_set_name_by_id (self->draft_save_id, "[sitrep] keep the composer's draft");
}

static void
tag_selected_cb (SitrepIncidentView *self)
{
  composer_changed_cb (self);
}

static void
discard_note_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);

  sitrep_incident_view_set_composer (self, NULL, SITREP_TAG_NONE, NULL);
  keep_composer_draft (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->composer_view));
}

typedef struct
{
  gint64     id;
  gint64     at;
  char      *author;
  SitrepTag  tag;
  char      *text;
} NoteWrite;

static void
note_write_free (gpointer data)
{
  NoteWrite *w = data;

  g_free (w->author);
  g_free (w->text);
  g_free (w);
}

static gboolean
write_note (SitrepStore  *store,
            gpointer      data,
            GError      **error)
{
  NoteWrite *w = data;

  return sitrep_store_add_note (store, w->id, w->at, w->author, w->tag, w->text, error);
}

static void
note_written_cb (GObject      *owner,
                 const GError *error,
                 gpointer      data)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (owner);
  NoteWrite *w = data;
  gboolean on_show = w->id == self->incident_id;

  /* (a view that went away: the note is in, or its draft kept) */
  if (self->notes_sending == NULL)
    return;

  set_sending (self, w->id, FALSE);
  _sitrep_incident_view_composer_update (self);

  if (error != NULL)
    {
      /* Keep what was typed (on show, or as the incident's draft), and
       * say why it was refused. */
      if (on_show)
        {
          gtk_label_set_label (self->composer_error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->composer_error_label), TRUE);
        }
      else
        {
          _sitrep_incident_view_show_store_error (self, _("the entry"), error);
        }
      return;
    }

  if (on_show)
    {
      sitrep_incident_view_set_composer (self, NULL, SITREP_TAG_NONE, NULL);
      keep_composer_draft (self);
    }
  else if (_sitrep_incident_view_get_drafts (self) != NULL)
    {
      /* the person turned to another incident meanwhile: the note is
       * in, so it is no draft of its incident any more */
      const char *none[] = { NULL, NULL, NULL, NULL };

      sitrep_drafts_set_many (_sitrep_incident_view_get_drafts (self), w->id, draft_names, none);
    }
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
  NoteWrite *w;
  gint64 at;

  if (!_sitrep_incident_view_check_writable (self, &error))
    {
      _sitrep_incident_view_show_store_error (self, _("the entry"), error);
      return;
    }

  text = g_strstrip (_sitrep_incident_view_dup_text (self->composer_view));
  if (*text == '\0' || is_sending (self, self->incident_id))
    return;

  if (!read_composer_time (self, &at, &message))
    {
      gtk_label_set_label (self->composer_error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->composer_error_label), TRUE);
      return;
    }

  w = g_new0 (NoteWrite, 1);
  w->id = self->incident_id;
  w->at = at;
  w->author = g_strdup (_sitrep_incident_view_get_author (self));
  w->tag = (SitrepTag) gtk_drop_down_get_selected (self->tag_dropdown);
  w->text = g_steal_pointer (&text);

  set_sending (self, self->incident_id, TRUE);
  /* The note is kept as typed until the store has it: a team database's
   * server may take a while, or refuse it. A desk's own file has it
   * before sitrep_store_submit() returns, or the composer keeps it. */
  if (sitrep_store_is_team (self->store))
    keep_composer_draft (self);
  _sitrep_incident_view_composer_update (self);
  sitrep_store_submit (self->store, write_note, w, note_write_free, G_OBJECT (self),
                       note_written_cb);
}

void
_sitrep_incident_view_composer_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, discard_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, draft_label);
  gtk_widget_class_bind_template_callback (widget_class, composer_changed_cb);

  gtk_widget_class_install_action (widget_class, "incident.discard-note", NULL,
                                   discard_note_action_cb);

  gtk_widget_class_install_action (widget_class, "incident.add-note", NULL, add_note_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "incident.add-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "incident.add-note", NULL);
}

void
_sitrep_incident_view_composer_init (SitrepIncidentView *self)
{
  self->notes_sending = g_array_new (FALSE, FALSE, sizeof (gint64));
  _sitrep_incident_view_hide_decorations (GTK_WIDGET (self->composer_time_entry));

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
  g_signal_connect_object (self->tag_dropdown, "notify::selected",
                           G_CALLBACK (tag_selected_cb), self, G_CONNECT_SWAPPED);
}

/* The drop-down's pop-up list keeps its keyboard cursor on the item last
 * chosen, even when the selection is set back to No Tag: Down then moved
 * on from the old tag, and a note was saved with a tag the user did not
 * see. A fresh model starts the pop-up's cursor on the selected item. */
static void
reset_tag_dropdown (SitrepIncidentView *self,
                    SitrepTag           tag)
{
  GListModel *model = gtk_drop_down_get_model (self->tag_dropdown);
  g_autoptr(GtkStringList) fresh = gtk_string_list_new (NULL);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (fresh, gtk_string_list_get_string (GTK_STRING_LIST (model), i));

  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (fresh));
  gtk_drop_down_set_selected (self->tag_dropdown, tag);
}

/**
 * sitrep_incident_view_set_composer:
 * @self: an incident view
 * @text: (nullable): the entry's text
 * @tag: the entry's tag
 * @time_text: (nullable): its time as "YYYY-MM-DD HH:MM:SS" local time, or
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
  reset_tag_dropdown (self, tag);
  gtk_editable_set_text (GTK_EDITABLE (self->composer_time_entry),
                         time_text != NULL ? time_text : "");
  _sitrep_incident_view_composer_update (self);
}
