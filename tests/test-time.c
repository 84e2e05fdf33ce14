/* test-time.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <time.h>

#include "sitrep-clock.h"
#include "sitrep-time.h"
#include "sitrep-types.h"

static void
test_parse_offsets (void)
{
  static const struct {
    const char *text;
    gint64      expected;
  } cases[] = {
    { "2026-03-01T09:30:00Z",      1772357400 },
    { "2026-03-01T09:30:00+00:00", 1772357400 },
    { "2026-03-01T17:30:00+08:00", 1772357400 },
    { "2026-03-01T04:30:00-05:00", 1772357400 },
    { "2026-03-01T15:00:00+05:30", 1772357400 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 t = 0;

      g_assert_true (sitrep_time_parse_rfc3339 (cases[i].text, &t, &error));
      g_assert_no_error (error);
      g_assert_cmpint (t, ==, cases[i].expected);
    }
}

static void
test_parse_rejects (void)
{
  static const char *bad[] = {
    "", "yesterday", "2026-03-01", "2026-03-01T09:30:00",
    "2026-02-30T09:30:00Z", "2026-03-01T25:30:00Z", "2026-03-01T09:30:00+8",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 t = 0;

      g_assert_false (sitrep_time_parse_rfc3339 (bad[i], &t, &error));
      g_assert_error (error, SITREP_TIME_ERROR, SITREP_TIME_ERROR_INVALID);
    }
}

static void
test_range (void)
{
  static const struct {
    const char *text;
    gint64      expected;  /* 0: refused as out of range */
  } cases[] = {
    { "1970-01-01T00:00:01Z",      SITREP_TIME_MIN },
    { "1969-12-31T19:00:01-05:00", SITREP_TIME_MIN },
    { "9999-12-31T23:59:59Z",      SITREP_TIME_MAX },
    { "9999-12-31T23:59:59+00:01", SITREP_TIME_MAX - 60 },
    /* 0 is "not set": it must not parse into a time that means "unset". */
    { "1970-01-01T00:00:00Z",      0 },
    { "1969-12-31T23:59:59Z",      0 },
    { "0001-01-01T00:00:00Z",      0 },
    /* A local year 9999 that is year 10000 in UTC. */
    { "9999-12-31T23:59:59-00:01", 0 },
  };

  g_assert_false (sitrep_time_is_valid (SITREP_TIME_NONE));
  g_assert_false (sitrep_time_is_valid (-1));
  g_assert_true (sitrep_time_is_valid (SITREP_TIME_MIN));
  g_assert_true (sitrep_time_is_valid (SITREP_TIME_MAX));
  g_assert_false (sitrep_time_is_valid (SITREP_TIME_MAX + 1));
  g_assert_false (sitrep_time_is_valid (G_MININT64));
  g_assert_false (sitrep_time_is_valid (G_MAXINT64));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 t = 42;

      g_test_message ("%s", cases[i].text);
      if (cases[i].expected != 0)
        {
          g_assert_true (sitrep_time_parse_rfc3339 (cases[i].text, &t, &error));
          g_assert_no_error (error);
          g_assert_cmpint (t, ==, cases[i].expected);
        }
      else
        {
          g_assert_false (sitrep_time_parse_rfc3339 (cases[i].text, &t, &error));
          g_assert_error (error, SITREP_TIME_ERROR, SITREP_TIME_ERROR_OUT_OF_RANGE);
          g_assert_nonnull (strstr (error->message, cases[i].text));
          g_assert_cmpint (t, ==, 42);
        }
    }
}

/* Every valid time is written in a form that reads back, whatever the
 * local time zone: the last second east of Greenwich has no local year. */
static void
test_format_range (void)
{
  static const char *zones[] = { "JST-9", "EST5", "UTC" };
  static const gint64 times[] = { SITREP_TIME_MIN, SITREP_TIME_MAX, SITREP_TIME_MAX - 3600 };
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_setenv ("TZ", zones[z], TRUE);
      tzset ();

      for (guint i = 0; i < G_N_ELEMENTS (times); i++)
        {
          g_autofree char *text = sitrep_time_format_rfc3339 (times[i]);
          g_autoptr(GError) error = NULL;
          gint64 t = 0;

          g_test_message ("%s: %" G_GINT64_FORMAT " → %s", zones[z], times[i], text);
          g_assert_true (sitrep_time_parse_rfc3339 (text, &t, &error));
          g_assert_no_error (error);
          g_assert_cmpint (t, ==, times[i]);
        }
    }

  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");
  tzset ();
}

static void
test_format_round_trip (void)
{
  g_autofree char *text = sitrep_time_format_rfc3339 (1772357400);
  gint64 t = 0;

  /* The tests run with TZ=UTC. */
  g_assert_cmpstr (text, ==, "2026-03-01T09:30:00+00:00");
  g_assert_true (sitrep_time_parse_rfc3339 (text, &t, NULL));
  g_assert_cmpint (t, ==, 1772357400);
}

static void
test_duration (void)
{
  static const struct {
    gint64      seconds;
    const char *text;
  } cases[] = {
    { 0, "less than a minute" },
    { 30, "less than a minute" },
    { 59, "less than a minute" },
    { 60, "1 min" },
    { 4 * 60 + 10, "4 min" },
    { 3599, "59 min" },
    { 3600, "1 h" },
    { 2 * 3600, "2 h" },
    { 2 * 3600 + 5 * 60, "2 h 5 min" },
    { 5 * 3600 + 12 * 60 + 59, "5 h 12 min" },
    { 86399, "23 h 59 min" },
    /* from a day on, the units are words with plural forms */
    { 86400, "1 day" },
    { 86400 + 3600, "1 day 1 hour" },
    { 86400 + 59 * 60, "1 day" },
    { 3 * 86400, "3 days" },
    { 3 * 86400 + 4 * 3600 + 59, "3 days 4 hours" },
    { 7 * 86400 - 1, "6 days 23 hours" },
    { 7 * 86400, "1 week" },
    { 8 * 86400 + 23 * 3600, "1 week 1 day" },
    { 23 * 86400, "3 weeks 2 days" },
    { 60 * 86400 - 1, "8 weeks 3 days" },
    { 60 * 86400, "2 months" },
    { 75 * 86400, "2 months 2 weeks" },
    { 364 * 86400, "12 months" },
    { 365 * 86400, "1 year" },
    { 365 * 86400 + 31 * 86400, "1 year 1 month" },
    { 729 * 86400, "1 year 11 months" },
    { 730 * 86400, "2 years" },
    /* the "Response overdue by 3931 d 9 h" */
    { 3931 * G_GINT64_CONSTANT (86400) + 9 * 3600, "10 years" },
    { -(12 * 60), "12 min" },
    { -(23 * 86400), "3 weeks 2 days" },
    { G_MININT64, "8035 years" },
    { G_MAXINT64, "8035 years" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sitrep_time_format_duration (cases[i].seconds);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* A clock time alone on the same local day, with the date on another. */
static void
test_format_clock (void)
{
  /* 2026-03-01T09:30:00Z; the tests run in UTC */
  const gint64 t = G_GINT64_CONSTANT (1772357400);
  g_autofree char *same_day = sitrep_time_format_clock (t, t + 14 * 3600 + 29 * 60);
  g_autofree char *earlier = sitrep_time_format_clock (t, t - 9 * 3600 - 30 * 60);
  g_autofree char *day_before = sitrep_time_format_clock (t, t - 9 * 3600 - 31 * 60);
  g_autofree char *day_after = sitrep_time_format_clock (t, t + 14 * 3600 + 30 * 60);
  g_autofree char *year_after = sitrep_time_format_clock (t, t + 365 * 86400);

  g_assert_cmpstr (same_day, ==, "09:30");
  g_assert_cmpstr (earlier, ==, "09:30");
  g_assert_cmpstr (day_before, ==, "2026-03-01 09:30");
  g_assert_cmpstr (day_after, ==, "2026-03-01 09:30");
  g_assert_cmpstr (year_after, ==, "2026-03-01 09:30");
}

static void
jumped_cb (SitrepClock *clock,
           guint       *count)
{
  (*count)++;
}

static void
test_fake_clock (void)
{
  g_autoptr(SitrepClock) clock = sitrep_clock_new_fake (1000);
  guint jumps = 0;

  g_signal_connect (clock, "jumped", G_CALLBACK (jumped_cb), &jumps);
  g_assert_true (sitrep_clock_is_fake (clock));
  g_assert_cmpint (sitrep_clock_get_now (clock), ==, 1000);
  sitrep_clock_advance (clock, 60);
  g_assert_cmpint (sitrep_clock_get_now (clock), ==, 1060);
  sitrep_clock_set_now (clock, 500);
  g_assert_cmpint (sitrep_clock_get_now (clock), ==, 500);
  g_assert_cmpuint (jumps, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sitrep/time/parse-offsets", test_parse_offsets);
  g_test_add_func ("/sitrep/time/parse-rejects", test_parse_rejects);
  g_test_add_func ("/sitrep/time/range", test_range);
  g_test_add_func ("/sitrep/time/format-range", test_format_range);
  g_test_add_func ("/sitrep/time/format-round-trip", test_format_round_trip);
  g_test_add_func ("/sitrep/time/duration", test_duration);
  g_test_add_func ("/sitrep/time/format-clock", test_format_clock);
  g_test_add_func ("/sitrep/time/fake-clock", test_fake_clock);

  return g_test_run ();
}
