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
 * sitrep_time_format_duration:
 * @seconds: a non-negative length of time
 *
 * Returns: (transfer full): a short duration such as "4 min", "2 h 5 min"
 *   or "3 d 4 h"
 */
char *
sitrep_time_format_duration (gint64 seconds)
{
  gint64 minutes;

  if (seconds < 0)
    seconds = -seconds;

  minutes = seconds / 60;

  if (minutes < 1)
    return g_strdup (_("less than a minute"));
  if (minutes < 60)
    return g_strdup_printf (_("%d min"), (int) minutes);
  if (minutes < 24 * 60)
    {
      if (minutes % 60 == 0)
        return g_strdup_printf (_("%d h"), (int) (minutes / 60));
      return g_strdup_printf (_("%d h %d min"), (int) (minutes / 60), (int) (minutes % 60));
    }
  if ((minutes / 60) % 24 == 0)
    return g_strdup_printf (_("%d d"), (int) (minutes / (24 * 60)));
  return g_strdup_printf (_("%d d %d h"), (int) (minutes / (24 * 60)),
                          (int) ((minutes / 60) % 24));
}
