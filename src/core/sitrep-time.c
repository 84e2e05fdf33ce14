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
 * sitrep_time_parse_rfc3339:
 * @text: a time such as "2026-03-01T09:30:00+08:00"
 * @time: (out): Unix seconds
 * @error: return location for a #GError
 *
 * Parses an RFC 3339 time. The offset (or "Z") is required, so that a
 * time never silently changes meaning with the reader's time zone.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_time_parse_rfc3339 (const char  *text,
                           gint64      *time,
                           GError     **error)
{
  g_autoptr(GDateTime) dt = NULL;
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
                   _("“%s” is not an RFC 3339 time with an offset, such as 2026-03-01T09:30:00+08:00"),
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

  *time = g_date_time_to_unix (dt);
  return TRUE;
}

/**
 * sitrep_time_format_rfc3339:
 * @time: Unix seconds
 *
 * Formats @time in the local time zone with its offset, e.g.
 * "2026-03-01T09:30:00+08:00".
 *
 * Returns: (transfer full): the formatted time
 */
char *
sitrep_time_format_rfc3339 (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (time);

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
