/* sitrep-cli.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>
#include <json-glib/json-glib.h>

#include "sitrep-cli.h"
#include "sitrep-enums.h"
#include "sitrep-interchange.h"
#include "sitrep-sla.h"
#include "sitrep-store.h"
#include "sitrep-time.h"

/*
 * The headless command line: --import, --export, --status and --version.
 * sitrep_cli_run() is called from the application's handle-local-options,
 * before the application registers or touches a display, so these commands
 * work over SSH and in scripts. Exit statuses are in #SitrepCliExit.
 */

/* Titles are cut to this width when the output is not a terminal. */
#define TITLE_WIDTH_DEFAULT 50
/* …and never narrower than this on a small terminal. */
#define TITLE_WIDTH_MIN     10
/* How many skipped keys an import summary names before "…". */
#define SKIPPED_KEYS_MAX    10

#define COLUMN_GAP "  "

typedef struct
{
  char     *database;
  char     *import_path;
  char     *export_path;
  char     *at;
  gboolean  replace;
  gboolean  status;
  gboolean  json;
  gboolean  background;
  gboolean  version;
} CliOptions;

typedef struct
{
  SitrepIncident *incident;
  SitrepDeadline  deadlines[SITREP_N_DEADLINES];
  SitrepDeadline  next;
  gboolean        has_next;
  int             rank;
} StatusRow;

enum {
  COLUMN_KEY,
  COLUMN_LEVEL,
  COLUMN_STATUS,
  COLUMN_DEADLINE,
  COLUMN_TITLE,
  N_COLUMNS
};

static const GOptionEntry entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the database FILE (default: $XDG_DATA_HOME/sitrep/sitrep.db, or $SITREP_DATABASE)"),
    N_("FILE") },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import incidents from the JSON file FILE (“-” reads standard input)"),
    N_("FILE") },
  { "replace", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --import, overwrite incidents whose key already exists"),
    NULL },
  { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export every incident as JSON to FILE (“-” writes standard output)"),
    N_("FILE") },
  { "status", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the deadlines of every incident that is not closed or cancelled"),
    NULL },
  { "at", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --status, judge the deadlines at TIME (RFC 3339) instead of now"),
    N_("TIME") },
  { "json", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --status, print JSON instead of a table"),
    NULL },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run without a window, raising alerts only"),
    NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"),
    NULL },
  { NULL }
};

static void
cli_options_clear (CliOptions *options)
{
  g_clear_pointer (&options->database, g_free);
  g_clear_pointer (&options->import_path, g_free);
  g_clear_pointer (&options->export_path, g_free);
  g_clear_pointer (&options->at, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliOptions, cli_options_clear)

static void
status_row_free (StatusRow *row)
{
  g_clear_object (&row->incident);
  g_free (row);
}

static void
print_failure (const char *format,
               ...) G_GNUC_PRINTF (1, 2);

static void
print_failure (const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("sitrep: %s\n", message);
}

static void
read_options (GVariantDict *dict,
              CliOptions   *options)
{
  g_variant_dict_lookup (dict, "database", "^ay", &options->database);
  g_variant_dict_lookup (dict, "import", "^ay", &options->import_path);
  g_variant_dict_lookup (dict, "export", "^ay", &options->export_path);
  g_variant_dict_lookup (dict, "at", "s", &options->at);
  g_variant_dict_lookup (dict, "replace", "b", &options->replace);
  g_variant_dict_lookup (dict, "status", "b", &options->status);
  g_variant_dict_lookup (dict, "json", "b", &options->json);
  g_variant_dict_lookup (dict, "background", "b", &options->background);
  g_variant_dict_lookup (dict, "version", "b", &options->version);
}

static gboolean
check_options (const CliOptions  *options,
               gint64            *at,
               GError           **error)
{
  const char *commands[5];
  guint n_commands = 0;

  if (options->version)
    commands[n_commands++] = "--version";
  if (options->import_path != NULL)
    commands[n_commands++] = "--import";
  if (options->export_path != NULL)
    commands[n_commands++] = "--export";
  if (options->status)
    commands[n_commands++] = "--status";
  if (options->background)
    commands[n_commands++] = "--background";

  if (n_commands > 1)
    {
      /* Translators: both %s are options, such as --import and --status */
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("%s and %s cannot be used together"), commands[0], commands[1]);
      return FALSE;
    }

  if (options->replace && options->import_path == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("--replace can only be used with --import"));
      return FALSE;
    }

  if (options->at != NULL && !options->status)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("--at can only be used with --status"));
      return FALSE;
    }

  if (options->json && !options->status)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("--json can only be used with --status"));
      return FALSE;
    }

  if ((options->import_path != NULL && options->import_path[0] == '\0') ||
      (options->export_path != NULL && options->export_path[0] == '\0') ||
      (options->database != NULL && options->database[0] == '\0'))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("a file name must not be empty"));
      return FALSE;
    }

  *at = SITREP_TIME_NONE;
  if (options->at != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (!sitrep_time_parse_rfc3339 (options->at, at, &local_error))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--at: %s", local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

/* The file name as the user should read it in a message. */
static char *
display_name (const char *path)
{
  if (g_strcmp0 (path, "-") == 0)
    return g_strdup (_("standard input"));

  return g_filename_display_name (path);
}

static char *
get_database_path (const char  *option_path,
                   GError     **error)
{
  const char *env_path;
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;

  if (option_path != NULL)
    return g_strdup (option_path);

  env_path = g_getenv ("SITREP_DATABASE");
  if (env_path != NULL && env_path[0] != '\0')
    return g_strdup (env_path);

  /* Only the default location is created on demand: a folder the user
   * named that does not exist is most likely a typing error. */
  path = sitrep_store_default_path ();
  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (folder);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("cannot create the folder %s: %s"), name, g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&path);
}

static SitrepStore *
open_store (const char *option_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepClock) clock = NULL;
  g_autofree char *path = NULL;
  SitrepStore *store;

  path = get_database_path (option_path, &error);
  if (path == NULL)
    {
      print_failure ("%s", error->message);
      return NULL;
    }

  clock = sitrep_clock_new ();
  store = sitrep_store_open (path, clock, &error);
  if (store == NULL)
    {
      g_autofree char *name = g_filename_display_name (path);

      /* The store's messages name the file; say it here only if not. */
      if (strstr (error->message, name) != NULL)
        print_failure ("%s", error->message);
      else
        print_failure ("%s: %s", name, error->message);
      return NULL;
    }

  return store;
}

static GInputStream *
open_input (const char  *path,
            GError     **error)
{
  int fd;

  if (g_strcmp0 (path, "-") == 0)
    return g_unix_input_stream_new (STDIN_FILENO, FALSE);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return NULL;
    }

  return g_unix_input_stream_new (fd, TRUE);
}

static char *
format_skipped_keys (GPtrArray *skipped)
{
  GString *keys = g_string_new (NULL);

  for (guint i = 0; i < skipped->len && i < SKIPPED_KEYS_MAX; i++)
    {
      if (i > 0)
        g_string_append (keys, ", ");
      g_string_append (keys, g_ptr_array_index (skipped, i));
    }

  if (skipped->len > SKIPPED_KEYS_MAX)
    g_string_append (keys, ", …");

  return g_string_free (keys, FALSE);
}

static void
print_import_summary (const SitrepImportResult *result)
{
  GString *summary = g_string_new (NULL);
  guint n_skipped = result->skipped != NULL ? result->skipped->len : 0;

  g_string_append_printf (summary,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Imported %u incident", "Imported %u incidents",
                                       result->imported),
                          result->imported);

  if (result->replaced > 0 || n_skipped > 0)
    {
      g_string_append (summary, " (");

      if (result->replaced > 0)
        g_string_append_printf (summary,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%u replaced", "%u replaced",
                                             result->replaced),
                                result->replaced);

      if (n_skipped > 0)
        {
          g_autofree char *keys = format_skipped_keys (result->skipped);

          if (result->replaced > 0)
            g_string_append (summary, "; ");
          /* Translators: the first %u is a number of incidents, %s a list
           * of their keys such as "INC-3, INC-5" */
          g_string_append_printf (summary,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u skipped: %s already exists; use --replace to overwrite",
                                               "%u skipped: %s already exist; use --replace to overwrite",
                                               n_skipped),
                                  n_skipped, keys);
        }

      g_string_append (summary, ")");
    }

  g_print ("%s\n", summary->str);
  g_string_free (summary, TRUE);

  if (result->contacts > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Imported %u contact\n", "Imported %u contacts\n",
                          result->contacts),
             result->contacts);
  if (result->policy)
    g_print ("%s\n", _("Imported the SLA policy"));
}

static int
run_import (SitrepStore *store,
            const char  *path,
            gboolean     replace)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(SitrepImportResult) result = NULL;
  g_autofree char *name = display_name (path);

  in = open_input (path, &error);
  if (in == NULL)
    {
      print_failure ("%s: %s", name, error->message);
      return SITREP_CLI_EXIT_FAILURE;
    }

  if (!sitrep_interchange_import (store, in, replace, &result, NULL, &error))
    {
      /* Database errors name the database; the others are about the file. */
      if (error->domain == SITREP_STORE_ERROR)
        print_failure ("%s", error->message);
      else
        print_failure ("%s: %s", name, error->message);
      return SITREP_CLI_EXIT_FAILURE;
    }

  print_import_summary (result);

  return SITREP_CLI_EXIT_SUCCESS;
}

/* Writes the export beside @path and renames it into place, so that a
 * failed export never leaves half a file where a good one may have been. */
static gboolean
export_to_file (SitrepStore  *store,
                const char   *path,
                GError      **error)
{
  g_autoptr(GOutputStream) out = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *template = NULL;
  g_autofree char *tmp_name = NULL;
  int fd;

  tmp_name = g_strdup_printf (".%s.XXXXXX", basename);
  template = g_build_filename (folder, tmp_name, NULL);

  fd = g_mkstemp_full (template, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (folder);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("cannot write in the folder %s: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }

  out = g_unix_output_stream_new (fd, TRUE);

  if (!sitrep_interchange_export (store, out, NULL, error))
    goto failed;

  if (!g_output_stream_flush (out, NULL, error))
    goto failed;

  if (fsync (fd) != 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      goto failed;
    }

  if (!g_output_stream_close (out, NULL, error))
    goto failed;

  if (g_rename (template, path) != 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      goto failed;
    }

  return TRUE;

failed:
  g_unlink (template);
  return FALSE;
}

static int
run_export (SitrepStore *store,
            const char  *path)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_strcmp0 (path, "-") == 0)
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      fflush (stdout);
      ok = sitrep_interchange_export (store, out, NULL, &error) &&
           g_output_stream_flush (out, NULL, &error);
      if (!ok && error->domain != SITREP_STORE_ERROR)
        g_prefix_error (&error, "%s: ", _("standard output"));
    }
  else
    {
      ok = export_to_file (store, path, &error);
      if (!ok && error->domain != SITREP_STORE_ERROR)
        {
          g_autofree char *name = g_filename_display_name (path);

          g_prefix_error (&error, "%s: ", name);
        }
    }

  if (!ok)
    {
      print_failure ("%s", error->message);
      return SITREP_CLI_EXIT_FAILURE;
    }

  return SITREP_CLI_EXIT_SUCCESS;
}

/* Worst first: breached, then warning, then pending, then nothing due. */
static int
get_rank (const StatusRow *row)
{
  if (!row->has_next)
    return 3;

  switch (row->next.state)
    {
    case SITREP_DEADLINE_STATE_BREACHED: return 0;
    case SITREP_DEADLINE_STATE_WARNING:  return 1;
    case SITREP_DEADLINE_STATE_PENDING:  return 2;
    case SITREP_DEADLINE_STATE_MET:
    case SITREP_DEADLINE_STATE_MET_LATE:
    default:                             return 3;
    }
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const StatusRow *ra = *(const StatusRow * const *) a;
  const StatusRow *rb = *(const StatusRow * const *) b;
  gint64 ida, idb;

  if (ra->rank != rb->rank)
    return ra->rank < rb->rank ? -1 : 1;

  if (ra->has_next && rb->has_next && ra->next.due != rb->next.due)
    return ra->next.due < rb->next.due ? -1 : 1;

  ida = sitrep_incident_get_id (ra->incident);
  idb = sitrep_incident_get_id (rb->incident);
  return ida < idb ? -1 : (ida > idb ? 1 : 0);
}

static GPtrArray *
collect_rows (SitrepStore  *store,
              gint64        at,
              GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) status_row_free);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(SitrepPolicy) policy = NULL;

  /* closed and cancelled incidents, most of a large database, stay unread */
  ids = sitrep_store_list_unfinished_ids (store, error);
  if (ids == NULL)
    return NULL;

  policy = sitrep_store_get_policy (store);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(SitrepIncident) incident = NULL;
      StatusRow *row;

      incident = sitrep_store_get_incident (store, g_array_index (ids, gint64, i), error);
      if (incident == NULL)
        return NULL;

      row = g_new0 (StatusRow, 1);
      row->incident = g_steal_pointer (&incident);
      sitrep_sla_compute_deadlines (row->incident, policy, at, row->deadlines);
      row->has_next = sitrep_sla_get_next_deadline (row->incident, policy, at, &row->next);
      row->rank = get_rank (row);
      g_ptr_array_add (rows, row);
    }

  g_ptr_array_sort (rows, compare_rows);

  return g_steal_pointer (&rows);
}

static int
unichar_width (gunichar c)
{
  if (g_unichar_iszerowidth (c))
    return 0;
  if (g_unichar_iswide (c))
    return 2;
  return 1;
}

/**
 * sitrep_cli_text_width:
 * @text: UTF-8 text
 *
 * Measures @text in terminal columns: East Asian wide characters take two,
 * combining marks none.
 *
 * Returns: the width of @text
 */
int
sitrep_cli_text_width (const char *text)
{
  int width = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += unichar_width (g_utf8_get_char (p));

  return width;
}

/**
 * sitrep_cli_truncate_text:
 * @text: UTF-8 text
 * @max_width: the most terminal columns the result may take, at least 1
 *
 * Shortens @text to @max_width columns, ending it with "…" when something
 * was cut. Characters are never split, and a wide character that would
 * not fit is left out whole.
 *
 * Returns: (transfer full): the text, shortened if needed
 */
char *
sitrep_cli_truncate_text (const char *text,
                          int         max_width)
{
  GString *result;
  int width = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (max_width >= 1, NULL);

  if (sitrep_cli_text_width (text) <= max_width)
    return g_strdup (text);

  result = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int w = unichar_width (c);

      /* Keep one column for the ellipsis. */
      if (width + w > max_width - 1)
        break;

      g_string_append_unichar (result, c);
      width += w;
    }

  g_string_append (result, "…");

  return g_string_free (result, FALSE);
}

/* A title on one line: newlines and other control characters are spaces. */
static char *
make_single_line (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *result = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (result, g_unichar_iscntrl (c) ? ' ' : c);
    }

  return g_string_free (result, FALSE);
}

static void
append_padded (GString    *line,
               const char *text,
               int         width)
{
  g_string_append (line, text);
  for (int i = sitrep_cli_text_width (text); i < width; i++)
    g_string_append_c (line, ' ');
}

static int
get_terminal_width (void)
{
  struct winsize size;

  if (isatty (STDOUT_FILENO) &&
      ioctl (STDOUT_FILENO, TIOCGWINSZ, &size) == 0 &&
      size.ws_col > 0)
    return size.ws_col;

  return 0;
}

static void
print_status_table (GPtrArray *rows,
                    gint64     at)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  const char *headers[N_COLUMNS] = {
    /* Translators: column headers of “sitrep --status”, kept short */
    _("KEY"), _("LVL"), _("STATUS"), _("NEXT DEADLINE"), _("TITLE"),
  };
  int widths[N_COLUMNS];
  int title_width;
  int terminal_width;
  int used = 0;
  guint n_breached = 0;
  guint n_warning = 0;
  g_autofree char *incidents = NULL;
  g_autofree char *states = NULL;

  if (rows->len == 0)
    {
      g_print ("%s\n", _("No open incidents."));
      return;
    }

  /* Every cell but the title, row by row. */
  for (guint i = 0; i < rows->len; i++)
    {
      StatusRow *row = g_ptr_array_index (rows, i);

      g_ptr_array_add (cells, g_strdup (sitrep_incident_get_key (row->incident)));
      g_ptr_array_add (cells, g_strdup_printf ("%d", sitrep_incident_get_level (row->incident)));
      g_ptr_array_add (cells, g_strdup (sitrep_status_to_label (sitrep_incident_get_status (row->incident))));
      if (row->has_next)
        g_ptr_array_add (cells, sitrep_sla_describe_deadline (&row->next, at));
      else
        g_ptr_array_add (cells, g_strdup (_("All deadlines met")));
      g_ptr_array_add (cells, make_single_line (sitrep_incident_get_title (row->incident)));

      if (row->rank == 0)
        n_breached++;
      else if (row->rank == 1)
        n_warning++;
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      widths[c] = sitrep_cli_text_width (headers[c]);
      for (guint i = 0; i < rows->len; i++)
        widths[c] = MAX (widths[c], sitrep_cli_text_width (g_ptr_array_index (cells, i * N_COLUMNS + c)));
    }

  for (guint c = 0; c < COLUMN_TITLE; c++)
    used += widths[c] + (int) strlen (COLUMN_GAP);

  terminal_width = get_terminal_width ();
  if (terminal_width > 0)
    title_width = MAX (terminal_width - used, TITLE_WIDTH_MIN);
  else
    title_width = TITLE_WIDTH_DEFAULT;

  for (guint i = 0; i <= rows->len; i++)
    {
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *title = NULL;

      for (guint c = 0; c < COLUMN_TITLE; c++)
        {
          const char *text = i == 0 ? headers[c]
                                    : g_ptr_array_index (cells, (i - 1) * N_COLUMNS + c);

          append_padded (line, text, widths[c]);
          g_string_append (line, COLUMN_GAP);
        }

      title = sitrep_cli_truncate_text (i == 0 ? headers[COLUMN_TITLE]
                                               : g_ptr_array_index (cells, (i - 1) * N_COLUMNS + COLUMN_TITLE),
                                        title_width);
      g_string_append (line, title);

      /* No trailing blanks, e.g. after an empty title. */
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);

      g_print ("%s\n", line->str);
    }

  incidents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u open incident", "%u open incidents",
                                            rows->len),
                               rows->len);
  /* Translators: the end of “3 open incidents: 1 breached, 1 at risk” */
  states = g_strdup_printf (_("%u breached, %u at risk"), n_breached, n_warning);
  /* Translators: “3 open incidents” and “1 breached, 1 at risk” */
  g_print (_("%s: %s\n"), incidents, states);
}

static gboolean
print_status_json (GPtrArray  *rows,
                   gint64      at,
                   GError    **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *at_text = sitrep_time_format_rfc3339 (at);
  g_autofree char *data = NULL;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "at");
  json_builder_add_string_value (builder, at_text);
  json_builder_set_member_name (builder, "incidents");
  json_builder_begin_array (builder);

  for (guint i = 0; i < rows->len; i++)
    {
      StatusRow *row = g_ptr_array_index (rows, i);
      SitrepIncident *incident = row->incident;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, sitrep_incident_get_key (incident));
      json_builder_set_member_name (builder, "level");
      json_builder_add_int_value (builder, sitrep_incident_get_level (incident));
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder,
                                     sitrep_enum_to_nick (SITREP_TYPE_STATUS,
                                                          sitrep_incident_get_status (incident)));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, sitrep_incident_get_title (incident));
      json_builder_set_member_name (builder, "deadlines");
      json_builder_add_value (builder, sitrep_interchange_deadlines_to_json (row->deadlines));
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);

  if (fwrite (data, 1, length, stdout) != length ||
      fputc ('\n', stdout) == EOF ||
      fflush (stdout) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", _("standard output"), g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static int
run_status (SitrepStore *store,
            gint64       at,
            gboolean     json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  if (at == SITREP_TIME_NONE)
    at = sitrep_clock_get_now (sitrep_store_get_clock (store));

  rows = collect_rows (store, at, &error);
  if (rows == NULL)
    {
      print_failure ("%s", error->message);
      return SITREP_CLI_EXIT_FAILURE;
    }

  if (json)
    {
      if (!print_status_json (rows, at, &error))
        {
          print_failure ("%s", error->message);
          return SITREP_CLI_EXIT_FAILURE;
        }
    }
  else
    {
      print_status_table (rows, at);
    }

  return SITREP_CLI_EXIT_SUCCESS;
}

/**
 * sitrep_cli_get_option_entries:
 *
 * The options of the `sitrep` command. "database" is a filename (a
 * bytestring, `^ay` in the options dictionary) that the application also
 * reads when it opens its window; "background" is for the application.
 *
 * Returns: (transfer none) (array zero-terminated=1): the option entries
 */
const GOptionEntry *
sitrep_cli_get_option_entries (void)
{
  return entries;
}

/**
 * sitrep_cli_print_usage_error:
 * @message: what is wrong with the command line
 *
 * Tells the user on standard error that the command line is wrong and
 * where to find help.
 */
void
sitrep_cli_print_usage_error (const char *message)
{
  g_return_if_fail (message != NULL);

  g_printerr ("sitrep: %s\n", message);
  g_printerr (_("Try “%s --help” for more information.\n"), "sitrep");
}

/**
 * sitrep_cli_run:
 * @options: the parsed options of the command line
 *
 * Runs the headless command that @options ask for, printing its result on
 * standard output and any error on standard error.
 *
 * Returns: an exit status (see #SitrepCliExit), or -1 when no headless
 *   command was asked for and the application should carry on
 */
int
sitrep_cli_run (GVariantDict *options)
{
  g_auto(CliOptions) cli = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) store = NULL;
  gint64 at = SITREP_TIME_NONE;

  g_return_val_if_fail (options != NULL, SITREP_CLI_EXIT_FAILURE);

  read_options (options, &cli);

  if (!check_options (&cli, &at, &error))
    {
      sitrep_cli_print_usage_error (error->message);
      return SITREP_CLI_EXIT_USAGE;
    }

  if (cli.version)
    {
      g_print ("sitrep %s\n", PACKAGE_VERSION);
      return SITREP_CLI_EXIT_SUCCESS;
    }

  if (cli.import_path == NULL && cli.export_path == NULL && !cli.status)
    return -1;

  store = open_store (cli.database);
  if (store == NULL)
    return SITREP_CLI_EXIT_FAILURE;

  if (cli.import_path != NULL)
    return run_import (store, cli.import_path, cli.replace);
  if (cli.export_path != NULL)
    return run_export (store, cli.export_path);

  return run_status (store, at, cli.json);
}
