/* sitrep-cli-status.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sitrep-cli-private.h"
#include "sitrep-enums.h"
#include "sitrep-interchange.h"
#include "sitrep-incident-workflow.h"
#include "sitrep-sla.h"
#include "sitrep-time.h"

/*
 * --status: every incident that is not closed or cancelled, worst first,
 * as a table for people or as JSON for scripts.
 */

/* Titles are cut to this width when the output is not a terminal. */
#define TITLE_WIDTH_DEFAULT 50
/* …and never narrower than this on a small terminal. */
#define TITLE_WIDTH_MIN     10

#define COLUMN_GAP "  "

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

static void
status_row_free (StatusRow *row)
{
  g_clear_object (&row->incident);
  g_free (row);
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

/* The status, and whether the incident was on hold and escalated at @at:
 * "Acknowledged, on hold, Network group". */
static char *
describe_status (SitrepIncident *incident,
                 gint64          at)
{
  GString *text = g_string_new (sitrep_status_to_label (sitrep_incident_get_status (incident)));
  const char *team = sitrep_incident_get_team (incident);

  if (sitrep_incident_get_hold_at (incident, at) != NULL)
    /* Translators: follows a status in “sitrep --status” */
    g_string_append (text, _(", on hold"));
  if (team != NULL && sitrep_incident_get_team_assigned_at (incident) <= at)
    g_string_append_printf (text, ", %s", team);

  return g_string_free (text, FALSE);
}

static void
print_status_table (GPtrArray              *rows,
                    const SitrepListCounts *counts,
                    gint64                  at)
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
  g_autofree char *active = NULL;
  g_autofree char *awaiting = NULL;
  g_autofree char *states = NULL;

  if (rows->len == 0)
    {
      g_print ("%s\n", _("No active incidents and none awaiting closure."));
      return;
    }

  /* Every cell but the title, row by row. */
  for (guint i = 0; i < rows->len; i++)
    {
      StatusRow *row = g_ptr_array_index (rows, i);

      g_ptr_array_add (cells, g_strdup (sitrep_incident_get_key (row->incident)));
      g_ptr_array_add (cells, g_strdup_printf ("%d", sitrep_incident_get_level (row->incident)));
      g_ptr_array_add (cells, describe_status (row->incident, at));
      if (row->has_next)
        g_ptr_array_add (cells, sitrep_sla_describe_deadline (&row->next, at));
      else
        g_ptr_array_add (cells, g_strdup (_("All deadlines met")));
      g_ptr_array_add (cells, make_single_line (sitrep_incident_get_title (row->incident)));
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      widths[c] = sitrep_cli_text_width (headers[c]);
      for (guint i = 0; i < rows->len; i++)
        {
          const char *cell = g_ptr_array_index (cells, i * N_COLUMNS + c);

          widths[c] = MAX (widths[c], sitrep_cli_text_width (cell));
        }
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
      /* The header line, then one line per row. */
      const char **row_cells = i == 0 ? headers
                                      : (const char **) &cells->pdata[(i - 1) * N_COLUMNS];

      for (guint c = 0; c < COLUMN_TITLE; c++)
        {
          const char *text = row_cells[c];

          append_padded (line, text, widths[c]);
          g_string_append (line, COLUMN_GAP);
        }

      title = sitrep_cli_truncate_text (row_cells[COLUMN_TITLE], title_width);
      g_string_append (line, title);

      /* No trailing blanks, e.g. after an empty title. */
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);

      g_print ("%s\n", line->str);
    }

  /* The words and counts of the window's list: the groups Active and
   * Awaiting Closure, and the counts of sitrep_store_count_list(). */
  active = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u active incident", "%u active incidents",
                                         counts->active),
                            counts->active);
  /* Translators: the second part of “3 active incidents, 1 awaiting
   * closure: 1 breached, 1 at risk” */
  awaiting = g_strdup_printf (_("%u awaiting closure"), counts->awaiting_closure);
  /* Translators: the end of “3 active incidents, 1 awaiting closure: 1
   * breached, 1 at risk” */
  states = g_strdup_printf (_("%u breached, %u at risk"), counts->breached, counts->at_risk);
  /* Translators: “3 active incidents”, “1 awaiting closure” and “1
   * breached, 1 at risk” */
  g_print (_("%s, %s: %s\n"), active, awaiting, states);
}

/* "on_hold": the reason of the hold at @at, or null; "team": the team
 * the incident was assigned to at @at, or null */
static void
add_workflow (JsonBuilder    *builder,
              SitrepIncident *incident,
              gint64          at)
{
  const SitrepHold *hold = sitrep_incident_get_hold_at (incident, at);
  const char *team = sitrep_incident_get_team (incident);

  json_builder_set_member_name (builder, "on_hold");
  if (hold != NULL)
    json_builder_add_string_value (builder, hold->reason);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "team");
  if (team != NULL && sitrep_incident_get_team_assigned_at (incident) <= at)
    json_builder_add_string_value (builder, team);
  else
    json_builder_add_null_value (builder);
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
      add_workflow (builder, incident, at);
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

/**
 * sitrep_cli_run_status:
 * @store: the open database
 * @options: the command line: --at and --json
 *
 * Prints the deadlines of every incident that is not closed or cancelled
 * (the groups Active and Awaiting Closure of the window's list), and the
 * counts the window's list shows.
 *
 * Returns: an exit status, see #SitrepCliExit
 */
int
sitrep_cli_run_status (SitrepStore            *store,
                       const SitrepCliOptions *options)
{
  gint64 at;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  SitrepListCounts counts;

  if (options->at_given)
    at = options->at;
  else
    at = sitrep_clock_get_now (sitrep_store_get_clock (store));

  rows = collect_rows (store, at, &error);
  if (rows == NULL || !sitrep_store_count_list (store, at, &counts, &error))
    {
      sitrep_cli_print_failure ("%s", error->message);
      return SITREP_CLI_EXIT_FAILURE;
    }

  if (options->json)
    {
      if (!print_status_json (rows, at, &error))
        {
          sitrep_cli_print_failure ("%s", error->message);
          return SITREP_CLI_EXIT_FAILURE;
        }
    }
  else
    {
      print_status_table (rows, &counts, at);
    }

  return SITREP_CLI_EXIT_SUCCESS;
}
