/* sitrep-time-input.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "sitrep-time-input.h"
#include "sitrep-types.h"

/*
 * The times a person types into the detail pane (a transition's time, a
 * backfilled timeline entry) are local wall-clock minutes, "YYYY-MM-DD HH:MM".
 */

/**
 * sitrep_time_input_format:
 * @time: Unix seconds
 *
 * Formats @time the way sitrep_time_input_parse() reads it.
 *
 * Returns: (transfer full): e.g. "2026-03-01 09:30", in local time
 */
char *
sitrep_time_input_format (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (time);

  if (dt == NULL)
    return g_strdup ("");

  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

/**
 * sitrep_time_input_parse:
 * @text: what the user typed, "YYYY-MM-DD HH:MM" in local time
 * @not_before: the earliest acceptable time (the incident's reported_at),
 *   or %SITREP_TIME_NONE
 * @now: the current time; later times are refused
 * @time: (out): the time
 * @message: (out) (optional) (transfer full): why @text was refused, for
 *   the user to read
 *
 * Reads a local time typed by the user and checks it lies between
 * @not_before and @now. A typed minute has no seconds, so the minute of
 * @not_before itself is accepted and taken as @not_before.
 *
 * Returns: %TRUE if @text is an acceptable time
 */
gboolean
sitrep_time_input_parse (const char  *text,
                         gint64       not_before,
                         gint64       now,
                         gint64      *time,
                         char       **message)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *stripped = NULL;
  int year, month, day, hour, minute, consumed = 0;
  gint64 result;

  g_return_val_if_fail (time != NULL, FALSE);

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (sscanf (stripped, "%4d-%2d-%2d %2d:%2d%n",
              &year, &month, &day, &hour, &minute, &consumed) != 5
      || stripped[consumed] != '\0'
      || hour > 23 || minute > 59
      || (dt = g_date_time_new_local (year, month, day, hour, minute, 0)) == NULL)
    {
      if (message != NULL)
        *message = g_strdup (_("Enter the time as YYYY-MM-DD HH:MM, for example 2026-03-01 09:30."));
      return FALSE;
    }

  result = g_date_time_to_unix (dt);

  if (not_before != SITREP_TIME_NONE && result < not_before)
    {
      if (result + 60 > not_before)
        result = not_before;
      else
        {
          if (message != NULL)
            {
              g_autofree char *reported = sitrep_time_input_format (not_before);

              *message = g_strdup_printf (_("The time is before the incident was reported (%s)."),
                                          reported);
            }
          return FALSE;
        }
    }

  /* A typed minute starts at second 0, so the current minute is never later
   * than @now. */
  if (result > now)
    {
      if (message != NULL)
        {
          g_autofree char *now_text = sitrep_time_input_format (now);

          /* Translators: %s is the current local time, "2026-03-01 09:30" */
          *message = g_strdup_printf (_("The time is in the future (it is now %s)."), now_text);
        }
      return FALSE;
    }

  *time = result;
  return TRUE;
}
