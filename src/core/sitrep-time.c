/* sitrep-time.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-time.h"

G_DEFINE_QUARK (sitrep-time-error-quark, sitrep_time_error)

/**
 * sitrep_time_is_valid:
 * @time: Unix seconds
 *
 * Whether @time lies in the range Sitrep stores and writes,
 * %SITREP_TIME_MIN (1970-01-01T00:00:01Z) to %SITREP_TIME_MAX
 * (9999-12-31T23:59:59Z). %SITREP_TIME_NONE ("not set") is not a valid
 * time.
 *
 * Returns: %TRUE if @time is in the range
 */
gboolean
sitrep_time_is_valid (gint64 time)
{
  return time >= SITREP_TIME_MIN && time <= SITREP_TIME_MAX;
}

/**
 * sitrep_time_parse_rfc3339:
 * @text: a time such as "2026-03-01T09:30:00+08:00"
 * @time: (out): Unix seconds
 * @error: return location for a #GError
 *
 * Parses an RFC 3339 time. The offset (or "Z") is required, so that a
 * time never silently changes meaning with the reader's time zone.
 *
 * The time must lie in the range of sitrep_time_is_valid(): a well-formed
 * time before 1970-01-01T00:00:01Z or after 9999-12-31T23:59:59Z (such as
 * 9999-12-31T23:59:59-00:01) fails with %SITREP_TIME_ERROR_OUT_OF_RANGE,
 * and @time is left as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_time_parse_rfc3339 (const char  *text,
                           gint64      *time,
                           GError     **error)
{
  g_autoptr(GDateTime) dt = NULL;
  gint64 parsed;
  gsize len;

  g_return_val_if_fail (time != NULL, FALSE);

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, SITREP_TIME_ERROR, SITREP_TIME_ERROR_INVALID,
                   _("empty time: expected an RFC 3339 time such as 2026-03-01T09:30:00+08:00"));
      return FALSE;
    }

  len = strlen (text);
  /* A date and a time are required, and the string must end with an offset. */
  if (len < 20 || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') ||
      !(text[len - 1] == 'Z' || text[len - 1] == 'z' ||
        (len >= 6 && (text[len - 6] == '+' || text[len - 6] == '-') && text[len - 3] == ':')))
    {
      g_set_error (error, SITREP_TIME_ERROR, SITREP_TIME_ERROR_INVALID,
                   _("“%s” is not an RFC 3339 time with an offset, "
                     "such as 2026-03-01T09:30:00+08:00"),
                   text);
      return FALSE;
    }

  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    {
      g_set_error (error, SITREP_TIME_ERROR, SITREP_TIME_ERROR_INVALID,
                   _("“%s” is not a valid time"), text);
      return FALSE;
    }

  parsed = g_date_time_to_unix (dt);
  if (!sitrep_time_is_valid (parsed))
    {
      g_set_error (error, SITREP_TIME_ERROR, SITREP_TIME_ERROR_OUT_OF_RANGE,
                   /* Translators: the times are limits; keep them as they are */
                   _("“%s” is outside the times Sitrep can store, "
                     "1970-01-01T00:00:01Z to 9999-12-31T23:59:59Z"), text);
      return FALSE;
    }

  *time = parsed;
  return TRUE;
}

/**
 * sitrep_time_format_rfc3339:
 * @time: Unix seconds
 *
 * Formats @time in the local time zone with its offset, e.g.
 * "2026-03-01T09:30:00+08:00". A valid time (see sitrep_time_is_valid())
 * whose local date has no four-digit year, such as 9999-12-31T23:59:59Z
 * east of Greenwich, is written in UTC instead, so that every valid time
 * is written in a form sitrep_time_parse_rfc3339() reads back.
 *
 * Returns: (transfer full): the formatted time, or "" for a time that
 *   no RFC 3339 text can hold
 */
char *
sitrep_time_format_rfc3339 (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (time);

  /* GDateTime has no year past 9999, so such a local date is NULL. */
  if (dt == NULL)
    dt = g_date_time_new_from_unix_utc (time);
  if (dt == NULL)
    return g_strdup ("");

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z");
}

/**
 * sitrep_time_format_local:
 * @time: Unix seconds
 *
 * Formats @time for people to read, in the local time zone.
 *
 * Returns: (transfer full): e.g. "2026-03-01 09:30"
 */
char *
sitrep_time_format_local (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (time);

  if (dt == NULL)
    return g_strdup ("");

  /* Translators: a date and time, see g_date_time_format() */
  return g_date_time_format (dt, _("%Y-%m-%d %H:%M"));
}

/**
 * sitrep_time_format_clock:
 * @time: Unix seconds
 * @now: the moment it is read at
 *
 * Formats @time as a clock time in the local time zone, with its date
 * when it is not on the same local day as @now: a message that names it
 * stays true when it is read later.
 *
 * Returns: (transfer full): e.g. "14:32", or "2026-03-01 09:30" on
 *   another day
 */
char *
sitrep_time_format_clock (gint64 time,
                          gint64 now)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (time);
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now);

  if (dt == NULL)
    return g_strdup ("");

  if (today == NULL ||
      g_date_time_get_year (dt) != g_date_time_get_year (today) ||
      g_date_time_get_day_of_year (dt) != g_date_time_get_day_of_year (today))
    return sitrep_time_format_local (time);

  /* Translators: a time of day, see g_date_time_format() */
  return g_date_time_format (dt, _("%H:%M"));
}

/* Units of a duration longer than a day. A month is 30 days and a year
 * 365: a duration is not anchored to a calendar, and reading it as
 * "2 months" matters more than the odd day. */
#define DAY_S   G_GINT64_CONSTANT (86400)
#define WEEK_S  (7 * DAY_S)
#define MONTH_S (30 * DAY_S)
#define YEAR_S  (365 * DAY_S)

static char *
format_days (gint64 n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", (gulong) n), (int) n);
}

static char *
format_hours (gint64 n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", (gulong) n),
                          (int) n);
}

static char *
format_weeks (gint64 n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d week", "%d weeks", (gulong) n),
                          (int) n);
}

static char *
format_months (gint64 n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month", "%d months", (gulong) n),
                          (int) n);
}

static char *
format_years (gint64 n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years", (gulong) n),
                          (int) n);
}

/* "@major @minor", or @major alone when @minor is nothing. Takes both. */
static char *
join_units (char *major,
            char *minor)
{
  g_autofree char *first = major;
  g_autofree char *second = minor;

  if (second == NULL)
    return g_steal_pointer (&first);

  /* Translators: a duration in two units, such as "3 weeks" and "2 days" */
  return g_strdup_printf (_("%s %s"), first, second);
}

/**
 * sitrep_time_format_duration:
 * @seconds: a length of time; its sign is ignored
 *
 * Says how long @seconds is in the largest units that read well, cut
 * down (never rounded up), so that "due in" never promises more time
 * than is left:
 *
 * - under a minute: "less than a minute"
 * - under an hour: "12 min"
 * - under a day: "5 h" or "5 h 12 min"
 * - under a week: "3 days" or "3 days 4 hours"
 * - under 60 days: "3 weeks" or "3 weeks 2 days"
 * - under a year: "2 months" or "2 months 1 week" (a month is 30 days)
 * - under two years: "1 year" or "1 year 4 months" (a year is 365 days)
 * - from two years on: "10 years"
 *
 * Returns: (transfer full): the duration
 */
char *
sitrep_time_format_duration (gint64 seconds)
{
  gint64 minutes;

  /* Beyond any time Sitrep stores: also keeps -G_MININT64 out. */
  seconds = CLAMP (seconds, -SITREP_TIME_MAX, SITREP_TIME_MAX);
  if (seconds < 0)
    seconds = -seconds;

  minutes = seconds / 60;

  if (minutes < 1)
    return g_strdup (_("less than a minute"));
  if (minutes < 60)
    return g_strdup_printf (_("%d min"), (int) minutes);
  if (seconds < DAY_S)
    {
      if (minutes % 60 == 0)
        return g_strdup_printf (_("%d h"), (int) (minutes / 60));
      return g_strdup_printf (_("%d h %d min"), (int) (minutes / 60), (int) (minutes % 60));
    }
  if (seconds < WEEK_S)
    {
      gint64 hours = (seconds % DAY_S) / 3600;

      return join_units (format_days (seconds / DAY_S),
                         hours > 0 ? format_hours (hours) : NULL);
    }
  if (seconds < 60 * DAY_S)
    {
      gint64 days = (seconds % WEEK_S) / DAY_S;

      return join_units (format_weeks (seconds / WEEK_S),
                         days > 0 ? format_days (days) : NULL);
    }
  if (seconds < YEAR_S)
    {
      gint64 weeks = (seconds % MONTH_S) / WEEK_S;

      return join_units (format_months (seconds / MONTH_S),
                         weeks > 0 ? format_weeks (weeks) : NULL);
    }
  if (seconds < 2 * YEAR_S)
    {
      gint64 months = MIN ((seconds % YEAR_S) / MONTH_S, 11);

      return join_units (format_years (1), months > 0 ? format_months (months) : NULL);
    }

  return format_years (seconds / YEAR_S);
}
