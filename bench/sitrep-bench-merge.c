/* sitrep-bench-merge.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "sitrep-bench-stats.h"
#include "sitrep-bench-window-data.h"
#include "sitrep-store.h"
#include "sitrep-store-private.h"

/*
 * The search index's merges, and what the user's writes and the window
 * pay for them.
 *
 * On a database of SIZE incidents (default 1,000,000), built once through
 * the import API as the window benchmark builds it (SITREP_BENCH_DIR keeps
 * it), opened from a copy:
 *
 *  0. SITREP_BENCH_PACED_NOTES notes (default 40) right after the import,
 *     with the store's own quiet second, 0.3 to 2.5 s of main loop apart
 *     (drawn at random), as a user writes during a bridge call while the
 *     thread merges what the import left: the time of each note;
 *  1. the merge the store does on its thread once it is quiet after the
 *     import, with a note every 50 ms meanwhile: the number of steps and
 *     the time until nothing is left to merge; the time of each note
 *     (which waits for the step it finds running); the time of each turn
 *     of the main loop that did something;
 *  2. SITREP_BENCH_NOTES notes (default 2,000) on incidents drawn at
 *     random, 5 ms of main loop apart, the store merging between them:
 *     the time of each note and of each turn of the main loop;
 *  3. the same notes on a new copy, as the import left it, with FTS5
 *     merging within the writes (automerge 4, SQLite's default and what
 *     the store did before it merged when quiet).
 *
 * From step 1 on, the store's quiet second before merging is shortened to
 * nothing, so that the merge runs between the notes, and most notes find
 * it running: the worst a user's writes can meet.
 *
 * Usage: sitrep-bench-merge [SIZE]
 * Prints Markdown tables.
 */

#define DEFAULT_SIZE  1000000
#define DEFAULT_NOTES 2000
#define DEFAULT_PACED_NOTES 40

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
print_times (const char *label,
             GArray     *times)
{
  double total = 0;
  guint over_8 = 0, over_16 = 0, over_50 = 0;

  if (times->len == 0)
    {
      printf ("| %s | 0 | — | — | — | — | — | — | — |\n", label);
      return;
    }

  for (guint i = 0; i < times->len; i++)
    {
      double t = g_array_index (times, double, i);

      total += t;
      over_8 += t > 8;
      over_16 += t > 16;
      over_50 += t > 50;
    }
  printf ("| %s | %u | %.1f | %.2f | %.2f | %.1f | %u | %u | %u |\n", label, times->len,
          total, sitrep_bench_percentile ((double *) times->data, times->len, 0.5),
          sitrep_bench_percentile ((double *) times->data, times->len, 0.99),
          sitrep_bench_percentile ((double *) times->data, times->len, 1.0),
          over_8, over_16, over_50);
}

/* Turns the main loop without blocking for @ms, or with @ms 0 until no
 * merge is to come; the time of each turn that did something goes to
 * @turns. */
static void
turn_loop (SitrepStore *store,
           double       ms,
           GArray      *turns)
{
  double end = now_ms () + ms;

  while (ms > 0 ? now_ms () < end : _sitrep_store_is_merge_pending (store))
    {
      double start = now_ms ();

      if (g_main_context_iteration (NULL, FALSE))
        {
          double t = now_ms () - start;

          g_array_append_val (turns, t);
        }
      else
        {
          g_usleep (200);
        }
    }
}

static gboolean
add_note (SitrepStore  *store,
          guint64       size,
          guint         i,
          GRand        *rand,
          GArray       *notes,
          GError      **error)
{
  gint64 at = sitrep_clock_get_now (sitrep_store_get_clock (store));
  gint64 id = g_rand_int_range (rand, 1, (gint32) MIN (size, G_MAXINT32 - 1) + 1);
  g_autofree char *text = g_strdup_printf ("Bridge call %u: the vendor restarted the "
                                           "gateway, queues draining", i);
  double start = now_ms ();
  double t;

  if (!sitrep_store_add_note (store, id, at, "Bench", SITREP_TAG_NONE, text, error))
    return FALSE;
  t = now_ms () - start;
  g_array_append_val (notes, t);

  return TRUE;
}

/* @n notes, with @gap_ms of main loop after each (none: no main loop) */
static gboolean
add_notes (SitrepStore  *store,
           guint64       size,
           guint         n,
           GRand        *rand,
           double        gap_ms,
           GArray       *notes,
           GArray       *turns,
           GError      **error)
{
  for (guint i = 0; i < n; i++)
    {
      if (!add_note (store, size, i, rand, notes, error))
        return FALSE;
      if (gap_ms > 0)
        turn_loop (store, gap_ms, turns);
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) paced_notes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) paced_turns = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) catch_up_turns = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) catch_up_notes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) quiet_notes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) quiet_turns = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) within_notes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(SitrepClock) clock = NULL;
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *name = NULL;
  const char *keep_dir = g_getenv ("SITREP_BENCH_DIR");
  const char *notes_env = g_getenv ("SITREP_BENCH_NOTES");
  const char *paced_env = g_getenv ("SITREP_BENCH_PACED_NOTES");
  guint n_paced = DEFAULT_PACED_NOTES;
  guint paced_steps;
  guint64 size = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : DEFAULT_SIZE;
  guint n_notes = DEFAULT_NOTES;
  double seconds = 0;
  double catch_up_ms;
  guint catch_up_steps;
  gboolean reused = FALSE;

  if (size == 0)
    {
      g_printerr ("Usage: %s [SIZE]\n", argv[0]);
      return EXIT_FAILURE;
    }
  if (notes_env != NULL && notes_env[0] != '\0')
    n_notes = (guint) CLAMP (g_ascii_strtoull (notes_env, NULL, 10), 1, 1000000);
  if (paced_env != NULL && paced_env[0] != '\0')
    n_paced = (guint) MIN (g_ascii_strtoull (paced_env, NULL, 10), 100000);

  if (keep_dir != NULL && keep_dir[0] != '\0')
    dir = g_strdup (keep_dir);
  else
    dir = g_dir_make_tmp ("sitrep-bench-merge-XXXXXX", &error);
  if (dir == NULL || g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_printerr ("No folder for the databases: %s\n",
                  error != NULL ? error->message : g_strerror (errno));
      return EXIT_FAILURE;
    }

  name = g_strdup_printf ("window-%" G_GUINT64_FORMAT ".db", size);
  path = g_build_filename (dir, name, NULL);
  copy = g_build_filename (dir, "merge-copy.db", NULL);

  g_printerr ("Building a database of %" G_GUINT64_FORMAT " incidents…\n", size);
  if (!sitrep_bench_window_build_database (path, size, &seconds, &reused, &error) ||
      !sitrep_bench_window_copy_database (path, copy, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  clock = sitrep_clock_new_fake (g_get_real_time () / G_USEC_PER_SEC);
  store = sitrep_store_open (copy, clock, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  g_printerr ("%u notes at a user's pace after the import…\n", n_paced);
  for (guint i = 0; i < n_paced; i++)
    {
      turn_loop (store, g_rand_double_range (rand, 300, 2500), paced_turns);
      if (!add_note (store, size, i, rand, paced_notes, &error))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
    }
  paced_steps = _sitrep_store_get_n_merge_steps (store);

  /* the rest on a new copy, as the import left it */
  g_clear_object (&store);
  if (!sitrep_bench_window_copy_database (path, copy, &error) ||
      (store = sitrep_store_open (copy, clock, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  g_printerr ("Merging after the import, a note every 50 ms…\n");
  _sitrep_store_set_merge_quiet_ms (store, 0);
  catch_up_ms = now_ms ();
  for (guint i = 0; _sitrep_store_is_merge_pending (store); i++)
    {
      turn_loop (store, 50, catch_up_turns);
      if (_sitrep_store_is_merge_pending (store) &&
          !add_note (store, size, i, rand, catch_up_notes, &error))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
    }
  catch_up_ms = now_ms () - catch_up_ms;
  catch_up_steps = _sitrep_store_get_n_merge_steps (store);

  g_printerr ("%u notes, merged between them…\n", n_notes);
  if (!add_notes (store, size, n_notes, rand, 5, quiet_notes, quiet_turns, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  turn_loop (store, 0, quiet_turns);

  /* The same notes on a copy as the import left it, merged within the
   * writes. */
  g_clear_object (&store);
  g_rand_set_seed (rand, 1);
  g_printerr ("%u notes, merged within them…\n", n_notes);
  if (!sitrep_bench_window_copy_database (path, copy, &error) ||
      (store = sitrep_store_open (copy, clock, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  _sitrep_store_stop_merging (store);
  if (!sitrep_db_exec (store->db, "INSERT INTO incident_search (incident_search, rank) "
                                  "VALUES ('automerge', 4)", &error) ||
      !add_notes (store, size, n_notes, rand, 0, within_notes, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  g_clear_object (&store);
  sitrep_bench_window_remove_database (copy);

  printf ("## The search index's merges at %" G_GUINT64_FORMAT " incidents\n\n", size);
  printf ("At a user's pace after the import: %u merge steps ran between the %u notes.\n\n",
          paced_steps, n_paced);
  printf ("The merge after the import: %u steps on the merging thread, done after %.1f s.\n\n",
          catch_up_steps, catch_up_ms / 1000.0);
  printf ("| what | count | total (ms) | median (ms) | 99th percentile (ms) | longest (ms) "
          "| over 8 ms | over 16 ms | over 50 ms |\n");
  printf ("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  print_times ("notes at a user's pace after the import, quiet second kept", paced_notes);
  print_times ("main-loop turns between those notes", paced_turns);
  print_times ("main-loop turns while merging after the import", catch_up_turns);
  print_times ("notes while merging after the import", catch_up_notes);
  print_times ("notes, merged when quiet", quiet_notes);
  print_times ("main-loop turns between those notes", quiet_turns);
  print_times ("notes, merged within the writes (automerge 4)", within_notes);

  return EXIT_SUCCESS;
}
