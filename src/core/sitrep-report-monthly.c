/* sitrep-report-monthly.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-report.h"
#include "sitrep-report-monthly.h"
#include "sitrep-store.h"

/*
 * The month's bounds are local midnights: a month in the desk's time zone
 * is not a multiple of 86,400 seconds away from the epoch, and with
 * daylight saving time not every day of it is 24 hours long.
 */

static void
monthly_count_free (gpointer data)
{
  SitrepMonthlyCount *count = data;

  g_free (count->name);
  g_free (count);
}

static void
monthly_breach_free (gpointer data)
{
  SitrepMonthlyBreach *breach = data;

  g_free (breach->key);
  g_free (breach->title);
  g_free (breach);
}

/**
 * sitrep_monthly_new:
 * @year: a year from 1 to 9999
 * @month: a month from 1 to 12
 *
 * Creates empty figures for a calendar month in the local time zone.
 *
 * Returns: (transfer full): the figures; free with sitrep_monthly_free()
 */
SitrepMonthly *
sitrep_monthly_new (int year,
                    int month)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  SitrepMonthly *self;

  g_return_val_if_fail (year >= 1 && year <= 9999, NULL);
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);

  self = g_new0 (SitrepMonthly, 1);
  self->year = year;
  self->month = month;

  start = g_date_time_new_local (year, month, 1, 0, 0, 0);
  if (month == 12)
    end = g_date_time_new_local (year + 1, 1, 1, 0, 0, 0);
  else
    end = g_date_time_new_local (year, month + 1, 1, 0, 0, 0);

  self->start = g_date_time_to_unix (start);
  self->end = end != NULL ? g_date_time_to_unix (end) : G_MAXINT64;
  self->n_days = g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);

  self->by_cause = g_ptr_array_new_with_free_func (monthly_count_free);
  self->by_service = g_ptr_array_new_with_free_func (monthly_count_free);
  self->by_channel = g_ptr_array_new_with_free_func (monthly_count_free);
  self->longest_breaches = g_ptr_array_new_with_free_func (monthly_breach_free);

  return self;
}

/**
 * sitrep_monthly_free:
 * @self: (nullable): figures from sitrep_monthly_new()
 */
void
sitrep_monthly_free (SitrepMonthly *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->by_cause, g_ptr_array_unref);
  g_clear_pointer (&self->by_service, g_ptr_array_unref);
  g_clear_pointer (&self->by_channel, g_ptr_array_unref);
  g_clear_pointer (&self->longest_breaches, g_ptr_array_unref);
  g_free (self);
}

/**
 * sitrep_monthly_parse_month:
 * @text: a month as "YYYY-MM"
 * @year: (out): the year
 * @month: (out): the month, 1 … 12
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @text is a month; otherwise %FALSE with
 *   %SITREP_REPORT_ERROR_INVALID_MONTH
 */
gboolean
sitrep_monthly_parse_month (const char  *text,
                            int         *year,
                            int         *month,
                            GError     **error)
{
  int y, m;

  g_return_val_if_fail (year != NULL && month != NULL, FALSE);

  if (text == NULL || strlen (text) != 7 || text[4] != '-' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[2]) || !g_ascii_isdigit (text[3]) ||
      !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[6]))
    {
      g_set_error (error, SITREP_REPORT_ERROR, SITREP_REPORT_ERROR_INVALID_MONTH,
                   _("“%s” is not a month: expected YYYY-MM, such as 2026-03"),
                   text != NULL ? text : "");
      return FALSE;
    }

  y = g_ascii_digit_value (text[0]) * 1000 + g_ascii_digit_value (text[1]) * 100 +
      g_ascii_digit_value (text[2]) * 10 + g_ascii_digit_value (text[3]);
  m = g_ascii_digit_value (text[5]) * 10 + g_ascii_digit_value (text[6]);

  /* Year 1 has no previous month to compare with. */
  if (y < 2 || m < 1 || m > 12)
    {
      g_set_error (error, SITREP_REPORT_ERROR, SITREP_REPORT_ERROR_INVALID_MONTH,
                   _("“%s” is not a month: expected YYYY-MM, such as 2026-03"), text);
      return FALSE;
    }

  *year = y;
  *month = m;
  return TRUE;
}

/**
 * sitrep_monthly_previous_month:
 * @year: a year
 * @month: a month, 1 … 12
 * @prev_year: (out): the year of the month before
 * @prev_month: (out): the month before
 */
void
sitrep_monthly_previous_month (int  year,
                               int  month,
                               int *prev_year,
                               int *prev_month)
{
  *prev_year = month == 1 ? year - 1 : year;
  *prev_month = month == 1 ? 12 : month - 1;
}

/**
 * sitrep_monthly_get_compliance:
 * @self: the figures
 * @clock: a deadline kind
 * @compliance: (out): met ÷ (met + met late + breached), from 0 to 1
 *
 * Returns: %FALSE when no clock of this kind was decided in the month
 *   (then there is no compliance to speak of)
 */
gboolean
sitrep_monthly_get_compliance (const SitrepMonthly *self,
                               SitrepDeadlineKind   clock,
                               double              *compliance)
{
  const gint64 *c = self->clocks[clock];
  gint64 decided = c[SITREP_CLOCK_OUTCOME_MET] + c[SITREP_CLOCK_OUTCOME_MET_LATE] +
                   c[SITREP_CLOCK_OUTCOME_BREACHED];

  if (decided == 0)
    return FALSE;

  *compliance = (double) c[SITREP_CLOCK_OUTCOME_MET] / (double) decided;
  return TRUE;
}

/**
 * sitrep_monthly_compute_path:
 * @path: a Sitrep database file
 * @year: the year
 * @month: the month, 1 … 12
 * @now: the moment to judge unmet clocks at
 * @error: return location for a #GError
 *
 * Opens @path read-only on the calling thread (so a worker thread can call
 * this with a connection of its own) and computes a month's figures.
 *
 * Returns: (transfer full) (nullable): the figures, or %NULL with @error set
 */
SitrepMonthly *
sitrep_monthly_compute_path (const char  *path,
                             int          year,
                             int          month,
                             gint64       now,
                             GError     **error)
{
  g_autoptr(SitrepClock) clock = NULL;
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(GError) store_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  /* a reader store of its own: read-only, on the calling thread */
  clock = sitrep_clock_new_fake (now);
  store = sitrep_store_open_reader (path, clock, &store_error);
  if (store == NULL)
    {
      g_set_error (error, SITREP_REPORT_ERROR, SITREP_REPORT_ERROR_DATABASE,
                   _("Could not open the database “%s”: %s"), path, store_error->message);
      return NULL;
    }

  return sitrep_store_compute_monthly (store, year, month, now, error);
}
