/* sitrep-incident-view-composer.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-incident-view-private.h"
#include "sitrep-time-input.h"

/*
 * The composer fixed at the bottom of the incident view: a note for the
 * timeline, its tag and, for a log written up afterwards, its time.
 * Ctrl+Enter adds it.
 */

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

void
_sitrep_incident_view_composer_update (SitrepIncidentView *self)
{
  g_autofree char *text = _sitrep_incident_view_dup_text (self->composer_view);
  g_autofree char *message = NULL;
  gboolean has_text, time_ok = TRUE;
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
                                 && has_text && time_ok);
}

static void
composer_changed_cb (SitrepIncidentView *self)
{
  _sitrep_incident_view_composer_update (self);
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

  if (!_sitrep_incident_view_check_writable (self, &error))
    {
      _sitrep_incident_view_show_store_error (self, _("the entry"), error);
      return;
    }

  text = g_strstrip (_sitrep_incident_view_dup_text (self->composer_view));
  if (*text == '\0')
    return;

  if (!read_composer_time (self, &at, &message))
    {
      gtk_label_set_label (self->composer_error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->composer_error_label), TRUE);
      return;
    }

  if (!sitrep_store_add_note (self->store, self->incident_id, at,
                              _sitrep_incident_view_get_author (self),
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

void
_sitrep_incident_view_composer_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, composer_changed_cb);

  gtk_widget_class_install_action (widget_class, "incident.add-note", NULL, add_note_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "incident.add-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "incident.add-note", NULL);
}

void
_sitrep_incident_view_composer_init (SitrepIncidentView *self)
{
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
  gtk_drop_down_set_selected (self->tag_dropdown, tag);
  gtk_editable_set_text (GTK_EDITABLE (self->composer_time_entry),
                         time_text != NULL ? time_text : "");
  _sitrep_incident_view_composer_update (self);
}
