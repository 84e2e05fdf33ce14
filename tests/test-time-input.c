/* test-time-input.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "sitrep-time.h"
#include "sitrep-time-input.h"
#include "sitrep-types.h"

/* 2026-03-02 09:00:00 UTC; the tests run with TZ=UTC. */
#define T0 ((gint64) 1772442000)

static void
assert_reads (const char *text,
              const char *format,
              gint64      expected,
              gboolean    expected_seconds)
{
  gint64 at = 0;
  gboolean has_seconds = !expected_seconds;

  if (!sitrep_time_input_read (text, format, T0 + 86400, &at, &has_seconds))
    g_error ("“%s” was not read as %s", text, format);
  g_assert_cmpint (at, ==, expected);
  g_assert_cmpint (has_seconds, ==, expected_seconds);
}

static void
assert_refuses (const char *text,
                const char *format)
{
  gint64 at = 0;

  if (sitrep_time_input_read (text, format, T0 + 86400, &at, NULL))
    g_error ("“%s” was read as %s", text, format);
}

/* The English display is the ISO form itself. */
static void
test_read_english (void)
{
  const char *format = "%Y-%m-%d %H:%M";

  assert_reads ("2026-03-02 09:30", format, T0 + 30 * 60, FALSE);
  assert_reads ("2026-03-02 09:30:15", format, T0 + 30 * 60 + 15, TRUE);
  assert_reads ("2026-3-2 9:30", format, T0 + 30 * 60, FALSE);
  assert_refuses ("2026-03-02", format);
  assert_refuses ("2026-03-02 09:30 tomorrow", format);
  assert_refuses ("26-03-02 09:30", format);
  assert_refuses ("2026-02-30 09:30", format);
  assert_refuses ("2026-03-02 24:00", format);
}

/* German shows "02.03.2026 09:30"; both it and the ISO form are read. */
static void
test_read_german (void)
{
  const char *format = "%d.%m.%Y %H:%M";

  g_assert_true (sitrep_time_input_format_is_readable (format));
  assert_reads ("02.03.2026 09:30", format, T0 + 30 * 60, FALSE);
  assert_reads ("02.03.2026 09:30:15", format, T0 + 30 * 60 + 15, TRUE);
  assert_reads ("2.3.2026 9:30", format, T0 + 30 * 60, FALSE);
  assert_reads ("02.03.2026   09:30", format, T0 + 30 * 60, FALSE);
  assert_reads ("2026-03-02 09:30", format, T0 + 30 * 60, FALSE);
  assert_refuses ("02.03.26 09:30", format);
  assert_refuses ("02/03/2026 09:30", format);
  assert_refuses ("30.02.2026 09:30", format);
  assert_refuses ("02.03.2026 09:60", format);
}

/* Chinese layouts, with literal characters between the numbers. */
static void
test_read_chinese (void)
{
  const char *words = "%Y年%m月%d日 %H:%M";
  const char *slashes = "%Y/%m/%d %H:%M";

  g_assert_true (sitrep_time_input_format_is_readable (words));
  assert_reads ("2026年03月02日 09:30", words, T0 + 30 * 60, FALSE);
  assert_reads ("2026年3月2日09:30:15", words, T0 + 30 * 60 + 15, TRUE);
  assert_reads ("2026-03-02 09:30", words, T0 + 30 * 60, FALSE);
  assert_refuses ("2026年03月02 09:30", words);
  assert_reads ("2026/03/02 09:30", slashes, T0 + 30 * 60, FALSE);
  assert_refuses ("2026.03.02 09:30", slashes);
}

/* A format with its own seconds, a padded day, and ones that cannot be
 * read back (a month name, no year). */
static void
test_read_other_formats (void)
{
  assert_reads ("09:30:15 02.03.2026", "%H:%M:%S %d.%m.%Y", T0 + 30 * 60 + 15, TRUE);
  assert_refuses ("09:30 02.03.2026", "%H:%M:%S %d.%m.%Y");
  assert_reads ("9:30:05 2.3.2026", "%-H:%M:%-S %-d.%-m.%Y", T0 + 30 * 60 + 5, TRUE);
  assert_reads (" 2/03/2026 09:30", "%e/%m/%Y %H:%M", T0 + 30 * 60, FALSE);
  assert_reads ("2.3.2026 9:30", "%-d.%-m.%Y %-H:%M", T0 + 30 * 60, FALSE);
  g_assert_true (sitrep_time_input_format_is_readable ("%-d.%-m.%Y %_H:%0M"));
  g_assert_false (sitrep_time_input_format_is_readable ("%-d.%-m.%Y %H:%-"));

  g_assert_false (sitrep_time_input_format_is_readable ("%d %b %Y %H:%M"));
  g_assert_false (sitrep_time_input_format_is_readable ("%d.%m. %H:%M"));
  g_assert_false (sitrep_time_input_format_is_readable ("%H:%M"));
  /* Unreadable formats still let the ISO form through. */
  assert_reads ("2026-03-02 09:30", "%d %b %Y %H:%M", T0 + 30 * 60, FALSE);
  /* The time of day alone, as before: today, or yesterday if it is still
   * to come (it is 09:00 on 3 March). */
  assert_reads ("09:30", "%d.%m.%Y %H:%M", T0 + 30 * 60, FALSE);
  assert_reads ("08:30", "%d.%m.%Y %H:%M", T0 + 86400 - 30 * 60, FALSE);
}

/* Switches the messages and formats to @locale with Sitrep's catalogue
 * from the build tree; FALSE if the system lacks the locale. */
static gboolean
use_locale (const char *locale)
{
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);

  if (setlocale (LC_ALL, locale) == NULL)
    return FALSE;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return TRUE;
}

/* What the window shows (sitrep_time_format_local()) and what it puts into
 * a time entry (sitrep_time_input_format()) are both accepted back, in
 * every language Sitrep ships. */
static void
test_round_trip (gconstpointer data)
{
  const char *locale = data;
  gint64 moments[] = { T0 + 30 * 60, T0 + 30 * 60 + 15, T0 - 40 * 86400 + 13 * 3600 + 7 };

  if (!use_locale (locale))
    {
      g_autofree char *why = g_strdup_printf ("the locale %s is not installed", locale);

      g_test_skip (why);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    {
      g_autofree char *shown = sitrep_time_format_local (moments[i]);
      g_autofree char *filled = sitrep_time_input_format (moments[i]);
      g_autofree char *message = NULL;
      gint64 at = 0;

      if (!sitrep_time_input_parse (shown, SITREP_TIME_NONE, T0 + 86400, &at, &message))
        g_error ("%s: the shown “%s” was refused: %s", locale, shown, message);
      g_assert_cmpint (at, ==, moments[i] - moments[i] % 60);

      if (!sitrep_time_input_parse (filled, SITREP_TIME_NONE, T0 + 86400, &at, &message))
        g_error ("%s: the filled-in “%s” was refused: %s", locale, filled, message);
      g_assert_cmpint (at, ==, moments[i]);

      g_assert_true (sitrep_time_input_parse ("2026-03-02 09:30:15", SITREP_TIME_NONE,
                                              T0 + 86400, &at, NULL));
      g_assert_cmpint (at, ==, T0 + 30 * 60 + 15);
    }

  setlocale (LC_ALL, "C.UTF-8");
}

/* The German display really is not the ISO form, so the round trip above
 * tests something there. */
static void
test_german_display (void)
{
  g_autofree char *shown = NULL;

  if (!use_locale ("de_DE.UTF-8"))
    {
      g_test_skip ("the locale de_DE.UTF-8 is not installed");
      return;
    }
  shown = sitrep_time_format_local (T0 + 30 * 60);
  g_assert_cmpstr (shown, ==, "02.03.2026 09:30");
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("LANGUAGE");

  g_test_add_func ("/sitrep/time-input/read-english", test_read_english);
  g_test_add_func ("/sitrep/time-input/read-german", test_read_german);
  g_test_add_func ("/sitrep/time-input/read-chinese", test_read_chinese);
  g_test_add_func ("/sitrep/time-input/read-other-formats", test_read_other_formats);
  g_test_add_func ("/sitrep/time-input/german-display", test_german_display);
  g_test_add_data_func ("/sitrep/time-input/round-trip/en", "C.UTF-8", test_round_trip);
  g_test_add_data_func ("/sitrep/time-input/round-trip/de", "de_DE.UTF-8", test_round_trip);
  g_test_add_data_func ("/sitrep/time-input/round-trip/zh_CN", "zh_CN.UTF-8", test_round_trip);

  return g_test_run ();
}
