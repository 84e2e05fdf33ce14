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
#include "sitrep-time.h"
#include "sitrep-types.h"

/*
 * The times a person types into the detail pane (a transition's time, a
 * backfilled timeline entry) are local wall-clock times. A bridge log is
 * kept to the second, so seconds may be given: "YYYY-MM-DD HH:MM:SS",
 * "YYYY-MM-DD HH:MM", or only the time of day, "HH:MM:SS" or "HH:MM",
 * which means that time on the current day (or on the day before, when
 * it has not come yet today: a log written up just after midnight).
 */

/**
 * sitrep_time_input_format:
 * @time: Unix seconds
 *
 * Formats @time the way sitrep_time_input_parse() reads it: to the minute
 * when the seconds are 0, else to the second.
 *
 * Returns: (transfer full): e.g. "2026-03-01 09:30" or
 *   "2026-03-01 09:30:15", in local time
 */
char *
sitrep_time_input_format (gint64 time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (!sitrep_time_is_valid (time) || (dt = g_date_time_new_from_unix_local (time)) == NULL)
    return g_strdup ("");

  if (g_date_time_get_second (dt) != 0)
    return g_date_time_format (dt, "%Y-%m-%d %H:%M:%S");
  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

/* Reads "HH:MM" or "HH:MM:SS" at the start of @text; returns how many
 * bytes that took, or 0. */
static int
scan_clock (const char *text,
            int        *hour,
            int        *minute,
            int        *second,
            gboolean   *has_seconds)
{
  int consumed = 0;

  *second = 0;
  if (sscanf (text, "%2d:%2d:%2d%n", hour, minute, second, &consumed) == 3 && consumed > 0)
    {
      *has_seconds = TRUE;
      return consumed;
    }
  consumed = 0;
  if (sscanf (text, "%2d:%2d%n", hour, minute, &consumed) == 2 && consumed > 0)
    {
      *has_seconds = FALSE;
      return consumed;
    }
  return 0;
}

static gboolean
is_clock_valid (int hour,
                int minute,
                int second)
{
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
}

/* The moment @text names, or FALSE if it names none. A time of day alone
 * needs @now to say which day. */
static gboolean
read_moment (const char *text,
             gint64      now,
             gint64     *result,
             gboolean   *has_seconds)
{
  g_autoptr(GDateTime) dt = NULL;
  int year, month, day, hour, minute, second, consumed = 0, clock;

  if (sscanf (text, "%4d-%2d-%2d %n", &year, &month, &day, &consumed) == 3 && consumed > 0)
    {
      clock = scan_clock (text + consumed, &hour, &minute, &second, has_seconds);
      if (clock == 0 || text[consumed + clock] != '\0' || !is_clock_valid (hour, minute, second))
        return FALSE;
      dt = g_date_time_new_local (year, month, day, hour, minute, second);
    }
  else
    {
      g_autoptr(GDateTime) today = NULL;

      clock = scan_clock (text, &hour, &minute, &second, has_seconds);
      if (clock == 0 || text[clock] != '\0' || !is_clock_valid (hour, minute, second)
          || !sitrep_time_is_valid (now)
          || (today = g_date_time_new_from_unix_local (now)) == NULL)
        return FALSE;

      dt = g_date_time_new_local (g_date_time_get_year (today), g_date_time_get_month (today),
                                  g_date_time_get_day_of_month (today), hour, minute, second);
      if (dt != NULL && g_date_time_to_unix (dt) > now)
        {
          GDateTime *yesterday = g_date_time_add_days (dt, -1);

          g_date_time_unref (dt);
          dt = yesterday;
        }
    }

  /* g_date_time_new_local() also refuses 30 February. */
  if (dt == NULL)
    return FALSE;

  *result = g_date_time_to_unix (dt);
  return TRUE;
}

/**
 * sitrep_time_input_parse:
 * @text: what the user typed, in local time: "YYYY-MM-DD HH:MM:SS",
 *   "YYYY-MM-DD HH:MM", "HH:MM:SS" or "HH:MM"
 * @not_before: the earliest acceptable time (the incident's reported_at),
 *   or %SITREP_TIME_NONE
 * @now: the current time; later times are refused
 * @time: (out): the time
 * @message: (out) (optional) (transfer full): why @text was refused, for
 *   the user to read
 *
 * Reads a local time typed by the user and checks it lies between
 * @not_before and @now, and in the range every Sitrep time has
 * (sitrep_time_is_valid()). A time typed without seconds stands for its
 * whole minute, so the minute of @not_before itself is accepted and taken
 * as @not_before.
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
  g_autofree char *stripped = NULL;
  gboolean has_seconds = FALSE;
  gint64 result = 0;

  g_return_val_if_fail (time != NULL, FALSE);

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (!read_moment (stripped, now, &result, &has_seconds))
    {
      if (message != NULL)
        *message = g_strdup (_("Enter the time as YYYY-MM-DD HH:MM:SS or HH:MM:SS (seconds "
                               "optional), for example 2026-03-01 09:30:15."));
      return FALSE;
    }

  if (!sitrep_time_is_valid (result))
    {
      if (message != NULL)
        *message = g_strdup (_("The time is outside the range Sitrep records, "
                               "1970-01-01 to 9999-12-31 (UTC)."));
      return FALSE;
    }

  if (not_before != SITREP_TIME_NONE && result < not_before)
    {
      if (!has_seconds && result + 60 > not_before)
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

  if (result > now)
    {
      if (message != NULL)
        {
          g_autofree char *now_text = sitrep_time_input_format (now);

          /* Translators: %s is the current local time, "2026-03-01 09:30:15" */
          *message = g_strdup_printf (_("The time is in the future (it is now %s)."), now_text);
        }
      return FALSE;
    }

  *time = result;
  return TRUE;
}
