/* sitrep-time-input.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "sitrep-time-input.h"
#include "sitrep-time.h"
#include "sitrep-types.h"

/*
 * The times a person types into the detail pane (a transition's time, a
 * backfilled timeline entry) are local wall-clock times. A bridge log is
 * kept to the second, so seconds may be given. Sitrep shows times in the
 * locale's own order (sitrep_time_format_local(): "01.03.2026 09:30" in
 * German), and whatever is shown can be typed back, as can the ISO form
 * "YYYY-MM-DD HH:MM:SS" that works everywhere. Only the time of day,
 * "HH:MM:SS" or "HH:MM", means that time on the current day (or on the
 * day before, when it has not come yet today: a log written up just after
 * midnight).
 */

#define ISO_FORMAT "%Y-%m-%d %H:%M"

/* The format sitrep_time_format_local() shows dates and times in. The
 * msgid is the same, so both share one translation. */
static const char *
display_format (void)
{
  /* Translators: a date and time, see g_date_time_format() */
  return _("%Y-%m-%d %H:%M");
}

/* @format with ":%S" after its minutes, for a time that has seconds. */
static char *
format_with_seconds (const char *format)
{
  const char *minutes = strstr (format, "%M");

  if (minutes == NULL)
    return g_strdup (format);
  return g_strdup_printf ("%.*s%%M:%%S%s", (int) (minutes - format), format, minutes + 2);
}

/**
 * sitrep_time_input_format:
 * @time: Unix seconds
 *
 * Formats @time the way Sitrep shows times in the current locale (see
 * sitrep_time_format_local()), which sitrep_time_input_parse() reads
 * back: to the minute when the seconds are 0, else to the second.
 *
 * Returns: (transfer full): e.g. "2026-03-01 09:30" or
 *   "2026-03-01 09:30:15" (in English), in local time
 */
char *
sitrep_time_input_format (gint64 time)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *with_seconds = NULL;
  const char *format = display_format ();

  if (!sitrep_time_is_valid (time) || (dt = g_date_time_new_from_unix_local (time)) == NULL)
    return g_strdup ("");

  /* A translation the reader cannot read back falls back to ISO, so the
   * text put into an entry is always accepted as it stands. */
  if (!sitrep_time_input_format_is_readable (format))
    format = ISO_FORMAT;

  if (g_date_time_get_second (dt) != 0)
    {
      with_seconds = format_with_seconds (format);
      return g_date_time_format (dt, with_seconds);
    }
  return g_date_time_format (dt, format);
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

/* Reads up to @max_digits (at least one) decimal digits at *@text. */
static gboolean
scan_number (const char **text,
             int          min_digits,
             int          max_digits,
             int         *value)
{
  int n = 0;

  *value = 0;
  while (n < max_digits && g_ascii_isdigit ((*text)[n]))
    {
      *value = *value * 10 + ((*text)[n] - '0');
      n++;
    }
  *text += n;
  return n >= min_digits;
}

/* Whether @format has a conversion of its own for the seconds. */
static gboolean
names_seconds (const char *format)
{
  return strstr (format, "%S") != NULL || strstr (format, "%-S") != NULL
         || strstr (format, "%_S") != NULL || strstr (format, "%0S") != NULL;
}

enum {
  FIELD_YEAR,
  FIELD_MONTH,
  FIELD_DAY,
  FIELD_HOUR,
  FIELD_MINUTE,
  FIELD_SECOND,
  N_FIELDS
};

/* Reads all of @text as a date and time laid out by @format, a
 * g_date_time_format() string of numeric conversions (%Y %m %d %e %H %M
 * %S, with or without a padding flag) and literal text. Whitespace in @format matches any run of
 * whitespace, none included; seconds may follow the minutes (":SS") when
 * @format has none. With @text NULL it only checks that @format can be
 * read: that it names a year, month, day, hour and minute and nothing
 * this reader does not know. */
static gboolean
scan_format (const char *text,
             const char *format,
             int         fields[N_FIELDS],
             gboolean   *has_seconds)
{
  gboolean seen[N_FIELDS] = { FALSE, };
  const char *t = text;
  const char *f = format;

  fields[FIELD_SECOND] = 0;
  *has_seconds = FALSE;

  while (*f != '\0')
    {
      int field, min_digits = 1, max_digits = 2;

      if (g_ascii_isspace (*f))
        {
          while (g_ascii_isspace (*f))
            f++;
          while (t != NULL && g_ascii_isspace (*t))
            t++;
          continue;
        }
      if (*f != '%' || f[1] == '%')
        {
          /* A literal, byte for byte: UTF-8 text such as "年" matches
           * itself. */
          if (t != NULL && *t++ != *f)
            return FALSE;
          f += *f == '%' ? 2 : 1;
          continue;
        }

      /* A padding flag ("%-d" for "2" rather than "02") changes nothing
       * for the reader, which takes one or two digits anyway. */
      f++;
      if (*f == '-' || *f == '_' || *f == '0')
        f++;
      switch (*f)
        {
        case 'Y': field = FIELD_YEAR; min_digits = max_digits = 4; break;
        case 'm': field = FIELD_MONTH; break;
        case 'd': case 'e': field = FIELD_DAY; break;
        case 'H': field = FIELD_HOUR; break;
        case 'M': field = FIELD_MINUTE; break;
        case 'S': field = FIELD_SECOND; break;
        default: return FALSE;
        }
      f++;
      seen[field] = TRUE;
      if (t == NULL)
        continue;

      while (*t == ' ')
        t++;
      if (!scan_number (&t, min_digits, max_digits, &fields[field]))
        return FALSE;
      if (field == FIELD_SECOND)
        *has_seconds = TRUE;
      else if (field == FIELD_MINUTE && !names_seconds (format)
               && t[0] == ':' && g_ascii_isdigit (t[1]))
        {
          t++;
          if (!scan_number (&t, 1, 2, &fields[FIELD_SECOND]))
            return FALSE;
          *has_seconds = TRUE;
        }
    }

  for (guint i = 0; i < FIELD_SECOND; i++)
    if (!seen[i])
      return FALSE;
  return t == NULL || *t == '\0';
}

/* The moment @text names, read as @format (and as ISO), or FALSE if it
 * names none. A time of day alone needs @now to say which day. */
static gboolean
read_moment (const char *text,
             const char *format,
             gint64      now,
             gint64     *result,
             gboolean   *has_seconds)
{
  g_autoptr(GDateTime) dt = NULL;
  int f[N_FIELDS];
  int hour, minute, second, clock;

  if (scan_format (text, format, f, has_seconds) || scan_format (text, ISO_FORMAT, f, has_seconds))
    {
      if (!is_clock_valid (f[FIELD_HOUR], f[FIELD_MINUTE], f[FIELD_SECOND]))
        return FALSE;
      dt = g_date_time_new_local (f[FIELD_YEAR], f[FIELD_MONTH], f[FIELD_DAY],
                                  f[FIELD_HOUR], f[FIELD_MINUTE], f[FIELD_SECOND]);
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
 * sitrep_time_input_format_is_readable:
 * @format: a g_date_time_format() format
 *
 * Whether sitrep_time_input_read() can read times laid out by @format:
 * it must name the year, month, day, hour and minute in numbers.
 *
 * Returns: %TRUE if @format can be read back
 */
gboolean
sitrep_time_input_format_is_readable (const char *format)
{
  int fields[N_FIELDS];
  gboolean has_seconds;

  g_return_val_if_fail (format != NULL, FALSE);

  return scan_format (NULL, format, fields, &has_seconds);
}

/**
 * sitrep_time_input_read:
 * @text: a local time as @format lays it out (seconds may follow the
 *   minutes), as "YYYY-MM-DD HH:MM[:SS]", or as "HH:MM[:SS]" alone
 * @format: the g_date_time_format() format times are shown in
 * @now: the current time, which says what day a time of day alone is on
 * @time: (out): the time
 * @has_seconds: (out) (optional): whether @text gave the seconds
 *
 * Reads a local time the way it is shown or in the ISO form, with no
 * check of its range; see sitrep_time_input_parse() for that.
 *
 * Returns: %TRUE if @text names a time
 */
gboolean
sitrep_time_input_read (const char *text,
                        const char *format,
                        gint64      now,
                        gint64     *time,
                        gboolean   *has_seconds)
{
  gboolean seconds = FALSE;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (time != NULL, FALSE);

  if (!read_moment (text, format, now, time, &seconds))
    return FALSE;
  if (has_seconds != NULL)
    *has_seconds = seconds;
  return TRUE;
}

/**
 * sitrep_time_input_parse:
 * @text: what the user typed, in local time: as Sitrep shows times in
 *   the current locale, or "YYYY-MM-DD HH:MM:SS", "YYYY-MM-DD HH:MM",
 *   "HH:MM:SS" or "HH:MM"
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

  if (!read_moment (stripped, display_format (), now, &result, &has_seconds))
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
