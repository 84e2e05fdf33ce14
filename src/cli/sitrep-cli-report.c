/* sitrep-cli-report.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>

#include "sitrep-cli-private.h"
#include "sitrep-pdf.h"
#include "sitrep-report-render.h"
#include "sitrep-report.h"

/*
 * --report: the CAN report or the final report of one incident, or the
 * monthly analysis, as text, Markdown, JSON or PDF, on standard output or
 * in a file. It only reads the database.
 */

typedef struct
{
  SitrepReportKind   kind;
  SitrepReportFormat format;
  int                year;
  int                month;
} ReportRequest;

static gboolean
parse_kind (const char       *name,
            SitrepReportKind *kind)
{
  static const struct { const char *name; SitrepReportKind kind; } kinds[] = {
    { "can",     SITREP_REPORT_KIND_CAN },
    { "final",   SITREP_REPORT_KIND_FINAL },
    { "monthly", SITREP_REPORT_KIND_MONTHLY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (g_strcmp0 (name, kinds[i].name) == 0)
        {
          *kind = kinds[i].kind;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
writes_to_stdout (const SitrepCliOptions *options)
{
  return options->output == NULL || strcmp (options->output, "-") == 0;
}

/* Reads --report and its options into @request. Returns an exit status:
 * SITREP_CLI_EXIT_USAGE for a command line that is wrong whatever the
 * database holds, SITREP_CLI_EXIT_FAILURE for a report that does not
 * apply or a month that is no month. */
static int
read_request (const SitrepCliOptions  *options,
              ReportRequest           *request,
              GError                 **error)
{
  request->format = SITREP_REPORT_FORMAT_TEXT;

  if (!parse_kind (options->report, &request->kind))
    {
      /* Translators: %s is what was given after --report */
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--report: “%s” is not a report; use can, final or monthly"),
                   options->report);
      return SITREP_CLI_EXIT_USAGE;
    }

  if (options->format != NULL &&
      !sitrep_report_format_from_name (options->format, &request->format))
    {
      /* Translators: %s is what was given after --format */
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--format: “%s” is not a format; use text, markdown, json or pdf"),
                   options->format);
      return SITREP_CLI_EXIT_USAGE;
    }

  /* A PDF on a terminal is of no use to anyone. */
  if (request->format == SITREP_REPORT_FORMAT_PDF && writes_to_stdout (options))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("--format pdf needs --output FILE"));
      return SITREP_CLI_EXIT_USAGE;
    }

  if (request->kind == SITREP_REPORT_KIND_MONTHLY)
    {
      if (options->incident != NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                       _("The monthly report is of every incident of a month: "
                         "--incident does not apply to it"));
          return SITREP_CLI_EXIT_FAILURE;
        }
      if (options->month == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                       _("--report monthly needs --month YYYY-MM"));
          return SITREP_CLI_EXIT_USAGE;
        }
      if (!sitrep_monthly_parse_month (options->month, &request->year, &request->month,
                                       error))
        return SITREP_CLI_EXIT_FAILURE;
    }
  else
    {
      if (options->month != NULL)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                               request->kind == SITREP_REPORT_KIND_CAN
                               ? _("The CAN report is of one incident: "
                                   "--month does not apply to it")
                               : _("The final report is of one incident: "
                                   "--month does not apply to it"));
          return SITREP_CLI_EXIT_FAILURE;
        }
      if (options->incident == NULL)
        {
          /* Translators: %s is the report, can or final */
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                       _("--report %s needs --incident KEY"), options->report);
          return SITREP_CLI_EXIT_USAGE;
        }
    }

  return SITREP_CLI_EXIT_SUCCESS;
}

/**
 * sitrep_cli_check_report:
 * @options: the command line, with --report
 * @error: return location for why it is wrong
 *
 * Checks what --report asks for before the database is opened.
 *
 * Returns: %SITREP_CLI_EXIT_SUCCESS, %SITREP_CLI_EXIT_USAGE when the
 *   command line is wrong, or %SITREP_CLI_EXIT_FAILURE for a month that
 *   is no month or an option that does not apply to the report
 */
int
sitrep_cli_check_report (const SitrepCliOptions  *options,
                         GError                 **error)
{
  ReportRequest request;

  return read_request (options, &request, error);
}

/* @database: as the command line names it (a team database's address,
 * not its description) */
static SitrepReport *
build_report (SitrepStore          *store,
              const char           *database,
              const char           *key,
              const ReportRequest  *request,
              GError              **error)
{
  g_autoptr(SitrepIncident) incident = NULL;

  if (request->kind == SITREP_REPORT_KIND_MONTHLY)
    {
      SitrepClock *clock = sitrep_store_get_clock (store);

      return sitrep_report_new_monthly_from_path (database,
                                                  request->year, request->month,
                                                  sitrep_clock_get_now (clock), error);
    }

  incident = sitrep_store_find_incident (store, key, error);
  if (incident == NULL)
    return NULL;

  if (request->kind == SITREP_REPORT_KIND_CAN)
    return sitrep_report_new_can (store, sitrep_incident_get_id (incident), error);

  return sitrep_report_new_final (store, sitrep_incident_get_id (incident), error);
}

static char *
render (SitrepReport       *report,
        SitrepReportFormat  format)
{
  switch (format)
    {
    case SITREP_REPORT_FORMAT_MARKDOWN:
      return sitrep_report_to_markdown (report);
    case SITREP_REPORT_FORMAT_JSON:
      return sitrep_report_to_json (report);
    case SITREP_REPORT_FORMAT_TEXT:
    case SITREP_REPORT_FORMAT_PDF:
    default:
      return sitrep_report_to_text (report);
    }
}

typedef struct
{
  SitrepReport       *report;
  SitrepReportFormat  format;
} ReportOutput;

/* The last thing a whole PDF holds. */
#define PDF_END      "%%EOF"
#define PDF_TAIL_MAX 64

/* Whether the PDF at @path was written to its end. cairo 1.16 does not
 * always report that its stream failed to write (a file-size limit cut
 * a monthly report short and it said nothing), so the file is read back:
 * a PDF ends with "%%EOF" and its line end. */
static gboolean
check_pdf_complete (const char  *path,
                    GError     **error)
{
  char tail[PDF_TAIL_MAX + 1] = { 0 };
  ssize_t n = -1;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      off_t size = lseek (fd, 0, SEEK_END);

      if (size >= 0 && lseek (fd, size > PDF_TAIL_MAX ? size - PDF_TAIL_MAX : 0,
                              SEEK_SET) >= 0)
        n = read (fd, tail, PDF_TAIL_MAX);
      g_close (fd, NULL);
    }

  if (n < 0 || g_strstr_len (tail, n, PDF_END) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The PDF could not be written to its end "
                             "(is the disk full, or the file too large?)"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_report (GOutputStream  *out,
              const char     *temp_path,
              gpointer        user_data,
              GError        **error)
{
  ReportOutput *output = user_data;
  g_autofree char *text = NULL;
  gsize length;

  /* The PDF writer opens the file itself. */
  if (output->format == SITREP_REPORT_FORMAT_PDF)
    return sitrep_pdf_write (output->report, NULL, temp_path, 0, 0, error) &&
           check_pdf_complete (temp_path, error);

  text = render (output->report, output->format);
  length = strlen (text);

  /* A text file ends with a line end, which the JSON writer leaves out;
   * a shell prompt then starts on a line of its own. */
  return g_output_stream_write_all (out, text, length, NULL, NULL, error) &&
         (length == 0 || text[length - 1] == '\n' ||
          g_output_stream_write_all (out, "\n", 1, NULL, NULL, error));
}

/**
 * sitrep_cli_run_report:
 * @store: the open database
 * @options: the command line; --report says which report
 *
 * Writes the report that --report, --incident or --month and --format ask
 * for to --output, or to standard output.
 *
 * Returns: an exit status, see #SitrepCliExit
 */
int
sitrep_cli_run_report (SitrepStore            *store,
                       const SitrepCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) report = NULL;
  ReportRequest request;
  ReportOutput output;
  gboolean ok;

  if (read_request (options, &request, &error) != SITREP_CLI_EXIT_SUCCESS)
    {
      sitrep_cli_print_failure ("%s", error->message);
      return SITREP_CLI_EXIT_FAILURE;
    }

  report = build_report (store, options->database_path, options->incident, &request, &error);
  if (report == NULL)
    {
      sitrep_cli_print_failure ("%s", error->message);
      return SITREP_CLI_EXIT_FAILURE;
    }

  output.report = report;
  output.format = request.format;

  if (writes_to_stdout (options))
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      fflush (stdout);
      ok = write_report (out, NULL, &output, &error) &&
           g_output_stream_flush (out, NULL, &error);
      if (!ok)
        g_prefix_error (&error, "%s: ", _("standard output"));
    }
  else
    {
      ok = sitrep_cli_write_file (options->output, write_report, &output, &error);
      /* Also before the PDF writer's messages, which name the temporary
       * file: the user asked for this one. */
      if (!ok)
        {
          g_autofree char *name = g_filename_display_name (options->output);

          g_prefix_error (&error, "%s: ", name);
        }
    }

  if (!ok)
    {
      sitrep_cli_print_failure ("%s", error->message);
      return SITREP_CLI_EXIT_FAILURE;
    }

  return SITREP_CLI_EXIT_SUCCESS;
}
