/* sitrep-incident-view-reports.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-complaints-view.h"
#include "sitrep-links-view.h"
#include "sitrep-final-report-editor.h"
#include "sitrep-incident-view-private.h"
#include "sitrep-report-dialog.h"

/*
 * The incident's reports: "incident.can-report" and "incident.final-report"
 * draft the report from what is recorded and open it in the report dialog,
 * where it is edited and sent on; whatever goes out is recorded in the
 * timeline as one `report` entry holding the text that was sent. This part
 * also keeps the complaints section and the final report's fields showing
 * the incident the view shows.
 */

static void
report_sent_cb (SitrepReportDialog *dialog,
                const char         *text,
                const char         *how,
                SitrepIncidentView *self)
{
  g_autoptr(GError) error = NULL;
  SitrepReport *report = sitrep_report_dialog_get_report (dialog);
  SitrepIncident *incident = sitrep_report_get_incident (report);

  if (incident == NULL || self->store == NULL)
    return;

  /* A viewer may copy or print what they see; the record is not theirs to
   * write. */
  if (self->read_only)
    return;

  if (!sitrep_store_record_report (self->store, sitrep_incident_get_id (incident),
                                   sitrep_report_get_kind (report), how, text,
                                   _sitrep_incident_view_get_author (self), &error))
    _sitrep_incident_view_show_store_error (self, _("Could not record the report"), error);
}

static void
open_report (SitrepIncidentView *self,
             SitrepReportKind    kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) report = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  SitrepFinalReportEditor *editor = SITREP_FINAL_REPORT_EDITOR (self->final_report_editor);
  GtkWidget *dialog;

  if (self->incident == NULL || self->store == NULL)
    return;

  /* What is typed and not saved is a draft, not yet the record: it is
   * kept, and the report shows what is stored. */
  _sitrep_incident_view_keep_drafts (self);
  if (kind == SITREP_REPORT_KIND_FINAL && !self->read_only
      && sitrep_final_report_editor_get_changed (editor)
      && !sitrep_final_report_editor_save (editor, &error))
    {
      _sitrep_incident_view_show_toast (self, error->message);
      return;
    }

  if (kind == SITREP_REPORT_KIND_CAN)
    report = sitrep_report_new_can (self->store, self->incident_id, &error);
  else
    report = sitrep_report_new_final (self->store, self->incident_id, &error);
  if (report == NULL)
    {
      _sitrep_incident_view_show_store_error (self, _("Could not draft the report"), error);
      return;
    }

  dialog = sitrep_report_dialog_new (report);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "sent", G_CALLBACK (report_sent_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
report_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);

  open_report (self, g_str_equal (action_name, "incident.final-report")
                     ? SITREP_REPORT_KIND_FINAL : SITREP_REPORT_KIND_CAN);
}

/* "Link Incident…" of the links section, for the shortcut */
static void
link_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);

  gtk_widget_activate_action (self->links_view, "link.add", NULL);
}

void
_sitrep_incident_view_reports_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (SITREP_TYPE_COMPLAINTS_VIEW);
  g_type_ensure (SITREP_TYPE_LINKS_VIEW);
  g_type_ensure (SITREP_TYPE_FINAL_REPORT_EDITOR);

  gtk_widget_class_install_action (widget_class, "incident.can-report", NULL, report_action_cb);
  gtk_widget_class_install_action (widget_class, "incident.final-report", NULL, report_action_cb);
  gtk_widget_class_install_action (widget_class, "incident.link", NULL, link_action_cb);
}

/* Beside the other actions' shortcuts, which the window forwards from
 * anywhere in it. */
void
_sitrep_incident_view_reports_init (SitrepIncidentView *self)
{
  static const struct { guint keyval; const char *action; } shortcuts[] = {
    { GDK_KEY_C, "incident.can-report" },
    { GDK_KEY_F, "incident.final-report" },
    { GDK_KEY_K, "incident.link" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      g_autoptr(GtkShortcut) shortcut =
        gtk_shortcut_new (gtk_keyval_trigger_new (shortcuts[i].keyval,
                                                  GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                          gtk_named_action_new (shortcuts[i].action));

      g_list_store_append (self->shortcuts, shortcut);
    }
}

/* Follows the incident, the store, the user and the role of the view. */
void
_sitrep_incident_view_reports_update (SitrepIncidentView *self)
{
  SitrepComplaintsView *complaints = SITREP_COMPLAINTS_VIEW (self->complaints_view);
  SitrepFinalReportEditor *editor = SITREP_FINAL_REPORT_EDITOR (self->final_report_editor);
  /* Called from the template's setup too, before there is a context. */
  const char *author = self->context != NULL ? _sitrep_incident_view_get_author (self) : NULL;
  gint64 id = self->incident != NULL ? self->incident_id : 0;

  sitrep_complaints_view_set_context (complaints, self->context);
  sitrep_complaints_view_set_user_name (complaints, author);
  sitrep_complaints_view_set_read_only (complaints, self->read_only);
  sitrep_complaints_view_set_incident_id (complaints, id);

  sitrep_links_view_set_context (SITREP_LINKS_VIEW (self->links_view), self->context);
  sitrep_links_view_set_read_only (SITREP_LINKS_VIEW (self->links_view), self->read_only);
  sitrep_links_view_set_incident_id (SITREP_LINKS_VIEW (self->links_view), id);

  /* What was typed in the final report of the incident left is kept. */
  if (sitrep_final_report_editor_get_incident_id (editor) != id && !self->read_only
      && sitrep_final_report_editor_get_changed (editor))
    {
      g_autoptr(GError) error = NULL;

      if (!sitrep_final_report_editor_save (editor, &error))
        _sitrep_incident_view_show_toast (self, error->message);
    }

  sitrep_final_report_editor_set_context (editor, self->context);
  sitrep_final_report_editor_set_user_name (editor, author);
  sitrep_final_report_editor_set_read_only (editor, self->read_only);
  sitrep_final_report_editor_set_incident_id (editor, id);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incident.can-report", self->incident != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incident.final-report",
                                 self->incident != NULL);
}
