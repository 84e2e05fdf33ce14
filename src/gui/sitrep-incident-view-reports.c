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

/* The record that a report went out, on the store's terms. */
typedef struct
{
  gint64            id;
  SitrepReportKind  kind;
  char             *how;
  char             *text;
  char             *author;
} ReportRecord;

static void
report_record_free (gpointer data)
{
  ReportRecord *record = data;

  g_free (record->how);
  g_free (record->text);
  g_free (record->author);
  g_free (record);
}

static gboolean
write_report_record (SitrepStore  *store,
                     gpointer      data,
                     GError      **error)
{
  ReportRecord *record = data;

  return sitrep_store_record_report (store, record->id, record->kind, record->how,
                                     record->text, record->author, error);
}

static void
report_recorded_cb (GObject      *owner,
                    const GError *error,
                    gpointer      data)
{
  if (error != NULL)
    {
      /* Translators: %s says why, e.g. "the team database … cannot be reached" */
      g_autofree char *message = g_strdup_printf (_("Could not record the report: %s"),
                                                  error->message);

      _sitrep_incident_view_show_toast (SITREP_INCIDENT_VIEW (owner), message);
    }
}

static void
report_sent_cb (SitrepReportDialog *dialog,
                const char         *text,
                const char         *how,
                SitrepIncidentView *self)
{
  SitrepReport *report = sitrep_report_dialog_get_report (dialog);
  SitrepIncident *incident = sitrep_report_get_incident (report);
  ReportRecord *record;

  if (incident == NULL || self->store == NULL)
    return;

  /* A viewer may copy or print what they see; the record is not theirs to
   * write. */
  if (self->read_only)
    return;

  record = g_new0 (ReportRecord, 1);
  record->id = sitrep_incident_get_id (incident);
  record->kind = sitrep_report_get_kind (report);
  record->how = g_strdup (how);
  record->text = g_strdup (text);
  record->author = g_strdup (_sitrep_incident_view_get_author (self));
  sitrep_store_submit (self->store, write_report_record, record, report_record_free,
                       G_OBJECT (self), report_recorded_cb);
}

typedef struct
{
  gint64            id;
  SitrepReportKind  kind;
  SitrepReport     *report;   /* drafted after the writes before it */
} ReportJob;

static void
report_job_free (gpointer data)
{
  ReportJob *job = data;

  g_clear_object (&job->report);
  g_free (job);
}

/* Runs where sitrep_context_read() runs it: uses @store and @data only. */
static gpointer
build_report (SitrepStore   *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  ReportJob *job = data;

  if (job->kind == SITREP_REPORT_KIND_CAN)
    return sitrep_report_new_can (store, job->id, error);

  return sitrep_report_new_final (store, job->id, error);
}

static void
report_built_cb (gpointer      result,
                 const GError *error,
                 gpointer      user_data)
{
  SitrepIncidentView *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (result == NULL)
    {
      /* Translators: %s says why the incident could not be read */
      g_autofree char *message = g_strdup_printf (_("Could not draft the report: %s"),
                                                  error->message);

      _sitrep_incident_view_show_toast (self, message);
      return;
    }

  dialog = sitrep_report_dialog_new (result);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "sent", G_CALLBACK (report_sent_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Drafted on the store's writing connection, after the save of the
 * final report's editor that was handed to it just before. */
static gboolean
build_report_after_writes (SitrepStore  *store,
                           gpointer      data,
                           GError      **error)
{
  ReportJob *job = data;

  job->report = build_report (store, job, NULL, error);
  return job->report != NULL;
}

static void
report_built_after_writes_cb (GObject      *owner,
                              const GError *error,
                              gpointer      data)
{
  ReportJob *job = data;

  report_built_cb (job->report, error, owner);
}

static void
open_report (SitrepIncidentView *self,
             SitrepReportKind    kind)
{
  g_autoptr(GError) error = NULL;
  SitrepFinalReportEditor *editor = SITREP_FINAL_REPORT_EDITOR (self->final_report_editor);
  ReportJob *job;

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

  job = g_new0 (ReportJob, 1);
  job->id = self->incident_id;
  job->kind = kind;

  /* A save still on its way to a team database comes first: the report
   * is drafted after it, on the same connection. */
  if (sitrep_store_get_pending_writes (self->store) > 0)
    {
      sitrep_store_submit (self->store, build_report_after_writes, job, report_job_free,
                           G_OBJECT (self), report_built_after_writes_cb);
      return;
    }

  /* The report is drafted from the stored incident, where the context
   * reads (on the worker for a team database); the view's cancellable
   * drops it when the view turns to another incident. */
  sitrep_context_read (self->context, build_report, job, report_job_free, g_object_unref,
                       self->read_cancellable, report_built_cb, self, NULL);
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
