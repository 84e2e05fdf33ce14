/* sitrep-report-dialog.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-pdf.h"
#include "sitrep-accessible.h"
#include "sitrep-report-dialog.h"
#include "sitrep-report-render.h"
#include "sitrep-toast.h"

/*
 * A drafted report, shown as editable text so that the incident manager
 * edits instead of writes, then sent on: copied as plain text, saved as
 * PDF or Markdown, or printed. Whatever goes out is announced with "sent"
 * so that the caller records in the timeline what people were told.
 */

struct _SitrepReportDialog
{
  AdwWindow           parent_instance;

  AdwWindowTitle     *window_title;
  AdwToastOverlay    *toast_overlay;
  GtkTextView        *text_view;
  GtkWidget          *copy_button;
  GtkWidget          *save_button;

  SitrepReport       *report;
  char               *draft;          /* the text as drafted */
  SitrepPdfDocument  *print_document; /* while printing */
};

G_DEFINE_FINAL_TYPE (SitrepReportDialog, sitrep_report_dialog, ADW_TYPE_WINDOW)

enum {
  SENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_toast (SitrepReportDialog *self,
            const char         *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, sitrep_toast_new (message, 4));
}

/* "INC-7 CAN report.pdf" */
static char *
suggest_name (SitrepReportDialog *self,
              const char         *extension)
{
  g_autofree char *subject = sitrep_report_get_subject (self->report);
  g_autofree char *name = g_strdup_printf ("%s %s.%s", subject,
                                           sitrep_report_get_name (self->report), extension);

  /* a month's subject is safe; a name must not hold a folder separator */
  g_strdelimit (name, G_DIR_SEPARATOR_S, '-');
  return g_steal_pointer (&name);
}

static void
save_response_cb (GtkNativeDialog    *native,
                  int                 response,
                  SitrepReportDialog *self)
{
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (native), "sitrep-pdf"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      G_GNUC_END_IGNORE_DEPRECATIONS
    }

  g_object_unref (native);

  if (file == NULL)
    return;

  if (!sitrep_report_dialog_save (self, file, pdf, &error))
    {
      show_toast (self, error->message);
      return;
    }

  {
    g_autofree char *name = g_file_get_basename (file);
    g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);

    show_toast (self, message);
  }
}

static void
save (SitrepReportDialog *self,
      gboolean            pdf)
{
  g_autofree char *name = suggest_name (self, pdf ? "pdf" : "md");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  /* GtkFileDialog is GTK 4.10; the native chooser works on 4.8 and in the
   * Flatpak portal alike. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  native = gtk_file_chooser_native_new (pdf ? _("Save as PDF") : _("Save as Markdown"),
                                        GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("Markdown documents"));
  gtk_file_filter_add_suffix (filter, pdf ? "pdf" : "md");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  G_GNUC_END_IGNORE_DEPRECATIONS

  g_object_set_data (G_OBJECT (native), "sitrep-pdf", GINT_TO_POINTER (pdf));
  g_signal_connect_object (native, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
begin_print_cb (GtkPrintOperation  *operation,
                GtkPrintContext    *context,
                SitrepReportDialog *self)
{
  g_autofree char *text = sitrep_report_dialog_get_text (self);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);

  g_clear_object (&self->print_document);
  if (sitrep_report_dialog_get_edited (self))
    self->print_document = sitrep_pdf_document_new_for_text (self->report, text, width, height);
  else
    self->print_document = sitrep_pdf_document_new (self->report, width, height);

  gtk_print_operation_set_n_pages (operation,
                                   (int) sitrep_pdf_document_paginate (
                                     self->print_document,
                                     gtk_print_context_get_cairo_context (context)));
}

static void
draw_page_cb (GtkPrintOperation  *operation,
              GtkPrintContext    *context,
              int                 page,
              SitrepReportDialog *self)
{
  if (self->print_document != NULL)
    sitrep_pdf_document_draw_page (self->print_document,
                                   gtk_print_context_get_cairo_context (context), (guint) page);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               SitrepReportDialog      *self)
{
  g_clear_object (&self->print_document);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      show_toast (self, error != NULL ? error->message : _("The report could not be printed"));
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_autofree char *text = sitrep_report_dialog_get_text (self);

      g_signal_emit (self, signals[SENT], 0, text, "printed");
    }

  g_object_unref (operation);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SitrepReportDialog *self = SITREP_REPORT_DIALOG (widget);
  g_autofree char *text = sitrep_report_dialog_get_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  show_toast (self, _("Report copied as plain text"));
  g_signal_emit (self, signals[SENT], 0, text, "copied");
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  save (SITREP_REPORT_DIALOG (widget), TRUE);
}

static void
save_markdown_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  save (SITREP_REPORT_DIALOG (widget), FALSE);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SitrepReportDialog *self = SITREP_REPORT_DIALOG (widget);
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autofree char *subject = sitrep_report_get_subject (self->report);
  g_autofree char *job = g_strdup_printf ("%s %s", subject, sitrep_report_get_name (self->report));
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  /* the pages carry their own margins, as in the PDF */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, job);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), self);
  gtk_print_operation_set_allow_async (operation, TRUE);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_toast (self, error != NULL ? error->message : _("The report could not be printed"));
  /* IN_PROGRESS, APPLY and CANCEL all end in "done", which frees it */
}

static void
sitrep_report_dialog_dispose (GObject *object)
{
  SitrepReportDialog *self = SITREP_REPORT_DIALOG (object);

  g_clear_object (&self->print_document);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_REPORT_DIALOG);

  G_OBJECT_CLASS (sitrep_report_dialog_parent_class)->dispose (object);
}

static void
sitrep_report_dialog_finalize (GObject *object)
{
  SitrepReportDialog *self = SITREP_REPORT_DIALOG (object);

  g_clear_object (&self->report);
  g_free (self->draft);

  G_OBJECT_CLASS (sitrep_report_dialog_parent_class)->finalize (object);
}

static void
sitrep_report_dialog_class_init (SitrepReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_report_dialog_dispose;
  object_class->finalize = sitrep_report_dialog_finalize;

  /**
   * SitrepReportDialog::sent:
   * @self: the dialog
   * @text: the report's text as it went out
   * @how: "copied", "saved-pdf", "saved-markdown" or "printed"
   */
  signals[SENT] = g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/ui/"
                                               "sitrep-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepReportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SitrepReportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SitrepReportDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepReportDialog, copy_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepReportDialog, save_button);

  gtk_widget_class_install_action (widget_class, "report.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "report.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "report.save-markdown", NULL,
                                   save_markdown_action);
  gtk_widget_class_install_action (widget_class, "report.print", NULL, print_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "report.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "report.save-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "report.save-markdown", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "report.print", NULL);
  /* Ctrl+Enter sends the report on its usual way, as elsewhere it confirms. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "report.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "report.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sitrep_report_dialog_init (SitrepReportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Copying is what most reports are opened for: it is the default. */
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->copy_button));
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->copy_button));
  sitrep_accessible_name_button (self->copy_button, NULL);
  sitrep_accessible_name_button (self->save_button, NULL);
}

/**
 * sitrep_report_dialog_new:
 * @report: the drafted report
 *
 * Returns: (transfer floating): a window showing @report's text, editable,
 *   with Copy, Save As and Print; present it with gtk_window_present()
 */
GtkWidget *
sitrep_report_dialog_new (SitrepReport *report)
{
  SitrepReportDialog *self;
  g_autofree char *subject = NULL;

  g_return_val_if_fail (SITREP_IS_REPORT (report), NULL);

  self = g_object_new (SITREP_TYPE_REPORT_DIALOG, NULL);
  self->report = g_object_ref (report);
  self->draft = sitrep_report_to_text (report);

  subject = sitrep_report_get_subject (report);
  adw_window_title_set_title (self->window_title, sitrep_report_get_name (report));
  adw_window_title_set_subtitle (self->window_title, subject);
  gtk_window_set_title (GTK_WINDOW (self), sitrep_report_get_name (report));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), self->draft, -1);

  return GTK_WIDGET (self);
}

/**
 * sitrep_report_dialog_get_report:
 * @self: a #SitrepReportDialog
 *
 * Returns: (transfer none): the report shown
 */
SitrepReport *
sitrep_report_dialog_get_report (SitrepReportDialog *self)
{
  g_return_val_if_fail (SITREP_IS_REPORT_DIALOG (self), NULL);

  return self->report;
}

/**
 * sitrep_report_dialog_get_text:
 * @self: a #SitrepReportDialog
 *
 * Returns: (transfer full): the report's text as it stands in the preview
 */
char *
sitrep_report_dialog_get_text (SitrepReportDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (SITREP_IS_REPORT_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/**
 * sitrep_report_dialog_get_edited:
 * @self: a #SitrepReportDialog
 *
 * Returns: whether the preview's text differs from the draft
 */
gboolean
sitrep_report_dialog_get_edited (SitrepReportDialog *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (SITREP_IS_REPORT_DIALOG (self), FALSE);

  text = sitrep_report_dialog_get_text (self);
  return g_strcmp0 (text, self->draft) != 0;
}

/**
 * sitrep_report_dialog_save:
 * @self: a #SitrepReportDialog
 * @file: where to save (a local file for a PDF)
 * @pdf: %TRUE for a PDF, %FALSE for Markdown
 * @error: return location for a #GError
 *
 * Saves the report as the preview shows it (the Markdown draft when the
 * text was not edited, the edited text otherwise), only readable by the
 * user, and emits "sent".
 *
 * Returns: %TRUE if the file was written
 */
gboolean
sitrep_report_dialog_save (SitrepReportDialog  *self,
                           GFile               *file,
                           gboolean             pdf,
                           GError             **error)
{
  g_autofree char *text = NULL;
  gboolean edited;

  g_return_val_if_fail (SITREP_IS_REPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = sitrep_report_dialog_get_text (self);
  edited = sitrep_report_dialog_get_edited (self);

  if (pdf)
    {
      g_autofree char *path = g_file_get_path (file);

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (file);

          g_set_error (error, SITREP_REPORT_ERROR, SITREP_REPORT_ERROR_WRITE,
                       _("Could not write the report to “%s”: not a local file"), uri);
          return FALSE;
        }
      if (!sitrep_pdf_write (self->report, edited ? text : NULL, path, 0, 0, error))
        return FALSE;
    }
  else
    {
      g_autofree char *markdown = edited ? g_strdup (text)
                                         : sitrep_report_to_markdown (self->report);

      if (!g_file_replace_contents (file, markdown, strlen (markdown), NULL, FALSE,
                                    G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                    NULL, NULL, error))
        return FALSE;
    }

  g_signal_emit (self, signals[SENT], 0, text, pdf ? "saved-pdf" : "saved-markdown");
  return TRUE;
}
