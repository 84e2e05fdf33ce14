/* test-desk-alerts.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sitrep-desk-alerts.h"
#include "sitrep-file-writer-private.h"

/* 2026-03-01T09:30:00Z */
#define T0 G_GINT64_CONSTANT (1772357400)

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sitrep-desk-alerts-XXXXXX", &error);
  g_assert_no_error (error);
  /* in a folder not made yet, as on a first start */
  f->path = g_build_filename (f->dir, "state", "sitrep", "desk.ini", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *state = g_build_filename (f->dir, "state", NULL);
  g_autofree char *sitrep = g_build_filename (state, "sitrep", NULL);

  g_unlink (f->path);
  g_rmdir (sitrep);
  g_rmdir (state);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
written_cb (SitrepDeskAlerts *desk,
            gpointer          user_data)
{
  (*(guint *) user_data)++;
}

static void
write_failed_cb (SitrepDeskAlerts *desk,
                 const GError     *error,
                 gpointer          user_data)
{
  GError **told = user_data;

  g_clear_error (told);
  *told = g_error_copy (error);
}

/* Saves @desk, waits for the file, and checks that the desk was told. */
static void
save (SitrepDeskAlerts *desk)
{
  g_autoptr(GError) failed = NULL;
  guint written = 0;
  gulong on_written = g_signal_connect (desk, "written", G_CALLBACK (written_cb), &written);
  gulong on_failed = g_signal_connect (desk, "write-failed", G_CALLBACK (write_failed_cb),
                                       &failed);

  sitrep_desk_alerts_save (desk);
  sitrep_file_writer_wait ();
  while (written == 0 && failed == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (failed);
  g_signal_handler_disconnect (desk, on_written);
  g_signal_handler_disconnect (desk, on_failed);
}

/* A missing file is a desk that never watched; what is saved is read
 * back, but for what fell due before the moment watched. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SitrepDeskAlerts) desk = sitrep_desk_alerts_new (f->path);
  g_autoptr(SitrepDeskAlerts) again = NULL;

  g_assert_cmpint (sitrep_desk_alerts_get_watched_at (desk), ==, 0);
  g_assert_cmpuint (sitrep_desk_alerts_count_notified (desk), ==, 0);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  sitrep_desk_alerts_add_notified (desk, 7, "response-warning", T0 + 60);
  sitrep_desk_alerts_add_notified (desk, 7, "response-breach", T0 + 600);
  sitrep_desk_alerts_add_notified (desk, 12, "notice-progress-2", T0 + 900);
  sitrep_desk_alerts_set_watched_at (desk, T0 + 600);
  save (desk);
  g_assert_true (sitrep_desk_alerts_has_notified (desk, 7, "response-warning"));

  again = sitrep_desk_alerts_new (f->path);
  g_assert_cmpint (sitrep_desk_alerts_get_watched_at (again), ==, T0 + 600);
  g_assert_cmpuint (sitrep_desk_alerts_count_notified (again), ==, 1);
  g_assert_false (sitrep_desk_alerts_has_notified (again, 7, "response-warning"));
  g_assert_false (sitrep_desk_alerts_has_notified (again, 7, "response-breach"));
  g_assert_true (sitrep_desk_alerts_has_notified (again, 12, "notice-progress-2"));
  g_assert_false (sitrep_desk_alerts_has_notified (again, 7, "notice-progress-2"));
}

/* A damaged file, or one without the moment watched, is a desk that
 * never watched: one warning, no crash, and the next save mends it. */
static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  static const char * const damaged[] = {
    "[Desk\nWatchedAt=12",
    "\xff\xfe\x01",
    "[Desk]\nWatchedAt=soon\n[Notified]\n7:response-warning=1772357460\n",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr(SitrepDeskAlerts) desk = NULL;
      g_autoptr(SitrepDeskAlerts) mended = NULL;

      g_assert_true (g_file_set_contents (f->path, damaged[i], -1, &error));
      g_assert_no_error (error);

      g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "*starting afresh*");
      desk = sitrep_desk_alerts_new (f->path);
      g_test_assert_expected_messages ();
      g_assert_cmpint (sitrep_desk_alerts_get_watched_at (desk), ==, 0);
      g_assert_cmpuint (sitrep_desk_alerts_count_notified (desk), ==, 0);

      sitrep_desk_alerts_set_watched_at (desk, T0);
      save (desk);
      mended = sitrep_desk_alerts_new (f->path);
      g_assert_cmpint (sitrep_desk_alerts_get_watched_at (mended), ==, T0);
    }

  /* Entries it cannot read are left out, the rest is kept. */
  g_assert_true (g_file_set_contents (f->path,
                                      "[Desk]\nWatchedAt=1772357400\n[Notified]\n"
                                      "7:response-warning=never\nnocolon=1772357460\n"
                                      "8:response-breach=1772357999\n", -1, &error));
  g_assert_no_error (error);
  {
    g_autoptr(SitrepDeskAlerts) desk = sitrep_desk_alerts_new (f->path);

    g_assert_cmpuint (sitrep_desk_alerts_count_notified (desk), ==, 1);
    g_assert_true (sitrep_desk_alerts_has_notified (desk, 8, "response-breach"));
  }
}

/* A folder that cannot be made is an error told to the desk, not a
 * crash; what was saved is still read back, and written once the folder
 * can be made. */
static void
test_unwritable (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) told = NULL;
  g_autofree char *blocker = g_build_filename (f->dir, "state", NULL);
  g_autoptr(SitrepDeskAlerts) desk = sitrep_desk_alerts_new (f->path);
  g_autoptr(SitrepDeskAlerts) again = NULL;

  /* a file where the folder should be */
  g_assert_true (g_file_set_contents (blocker, "", 0, &error));
  g_assert_no_error (error);

  g_signal_connect (desk, "write-failed", G_CALLBACK (write_failed_cb), &told);
  sitrep_desk_alerts_set_watched_at (desk, T0);
  sitrep_desk_alerts_save (desk);
  while (told == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (told, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_assert_nonnull (strstr (told->message, blocker));
  g_test_message ("%s", told->message);

  again = sitrep_desk_alerts_new (f->path);
  g_assert_cmpint (sitrep_desk_alerts_get_watched_at (again), ==, T0);

  g_assert_cmpint (g_unlink (blocker), ==, 0);
  sitrep_desk_alerts_set_watched_at (desk, T0 + 60);
  save (desk);
  g_clear_object (&again);
  again = sitrep_desk_alerts_new (f->path);
  g_assert_cmpint (sitrep_desk_alerts_get_watched_at (again), ==, T0 + 60);
}

/* Saving hands the file to a thread: the deadline watch, which saves on
 * the main thread, never waits for the disk. Until the file is written,
 * what was saved is what the process reads. */
static void
test_written_on_thread (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SitrepDeskAlerts) desk = sitrep_desk_alerts_new (f->path);
  g_autoptr(SitrepDeskAlerts) waiting = NULL;
  g_autoptr(SitrepDeskAlerts) written = NULL;

  _sitrep_file_writer_hold_writes (TRUE);
  sitrep_desk_alerts_add_notified (desk, 7, "response-breach", T0 + 600);
  sitrep_desk_alerts_set_watched_at (desk, T0);
  sitrep_desk_alerts_save (desk);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  waiting = sitrep_desk_alerts_new (f->path);
  g_assert_cmpint (sitrep_desk_alerts_get_watched_at (waiting), ==, T0);
  g_assert_true (sitrep_desk_alerts_has_notified (waiting, 7, "response-breach"));

  _sitrep_file_writer_hold_writes (FALSE);
  sitrep_file_writer_wait ();
  g_assert_true (g_file_test (f->path, G_FILE_TEST_EXISTS));
  written = sitrep_desk_alerts_new (f->path);
  g_assert_true (sitrep_desk_alerts_has_notified (written, 7, "response-breach"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sitrep/desk-alerts/round-trip", Fixture, NULL,
              fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/sitrep/desk-alerts/damaged", Fixture, NULL,
              fixture_set_up, test_damaged, fixture_tear_down);
  g_test_add ("/sitrep/desk-alerts/unwritable", Fixture, NULL,
              fixture_set_up, test_unwritable, fixture_tear_down);
  g_test_add ("/sitrep/desk-alerts/written-on-thread", Fixture, NULL,
              fixture_set_up, test_written_on_thread, fixture_tear_down);

  return g_test_run ();
}
