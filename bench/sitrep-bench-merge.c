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
 * The search index's merges, and what the user's writes pay for them.
 *
 * On a database of SIZE incidents (default 1,000,000), built once through
 * the import API as the window benchmark builds it (SITREP_BENCH_DIR keeps
 * it), opened from a copy:
 *
 *  1. the merge the store does once it is quiet after the import: the
 *     number of steps, their total and the longest, each one main-loop
 *     iteration;
 *  2. SITREP_BENCH_NOTES notes (default 2,000) on incidents drawn at
 *     random, the store merging between them: the time of each note, and
 *     of each merge step;
 *  3. the same notes on a new copy, as the import left it, with FTS5
 *     merging within the writes (automerge 4, SQLite's default and what
 *     the store did before it merged when quiet).
 *
 * The store's quiet second before merging is shortened to nothing, so
 * that the steps run between the notes.
 *
 * Usage: sitrep-bench-merge [SIZE]
 * Prints Markdown tables.
 */

#define DEFAULT_SIZE  1000000
#define DEFAULT_NOTES 2000

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

/* Runs the main loop until no merge step is to come; the time of each
 * iteration that ran one goes to @steps. */
static void
drain_merges (SitrepStore *store,
              GArray      *steps)
{
  while (_sitrep_store_is_merge_pending (store))
    {
      guint before = _sitrep_store_get_n_merge_steps (store);
      double start = now_ms ();
      double t;

      g_main_context_iteration (NULL, TRUE);
      t = now_ms () - start;
      if (_sitrep_store_get_n_merge_steps (store) != before)
        g_array_append_val (steps, t);
    }
}

static gboolean
add_notes (SitrepStore  *store,
           guint64       size,
           guint         n,
           GRand        *rand,
           GArray       *notes,
           GArray       *steps,
           GError      **error)
{
  gint64 at = sitrep_clock_get_now (sitrep_store_get_clock (store));

  for (guint i = 0; i < n; i++)
    {
      gint64 id = g_rand_int_range (rand, 1, (gint32) MIN (size, G_MAXINT32 - 1) + 1);
      g_autofree char *text = g_strdup_printf ("Bridge call %u: the vendor restarted the "
                                               "gateway, queues draining", i);
      double start = now_ms ();
      double t;

      if (!sitrep_store_add_note (store, id, at, "Bench", SITREP_TAG_NONE, text, error))
        return FALSE;
      t = now_ms () - start;
      g_array_append_val (notes, t);

      if (steps != NULL)
        drain_merges (store, steps);
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) catch_up = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) quiet_notes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) quiet_steps = g_array_new (FALSE, FALSE, sizeof (double));
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
  guint64 size = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : DEFAULT_SIZE;
  guint n_notes = DEFAULT_NOTES;
  double seconds = 0;
  gboolean reused = FALSE;

  if (size == 0)
    {
      g_printerr ("Usage: %s [SIZE]\n", argv[0]);
      return EXIT_FAILURE;
    }
  if (notes_env != NULL && notes_env[0] != '\0')
    n_notes = (guint) CLAMP (g_ascii_strtoull (notes_env, NULL, 10), 1, 1000000);

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

  g_printerr ("Merging after the import…\n");
  _sitrep_store_set_merge_quiet_ms (store, 0);
  drain_merges (store, catch_up);

  g_printerr ("%u notes, merged between them…\n", n_notes);
  if (!add_notes (store, size, n_notes, rand, quiet_notes, quiet_steps, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

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
      !add_notes (store, size, n_notes, rand, within_notes, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  g_clear_object (&store);
  sitrep_bench_window_remove_database (copy);

  printf ("## The search index's merges at %" G_GUINT64_FORMAT " incidents\n\n", size);
  printf ("| what | count | total (ms) | median (ms) | 99th percentile (ms) | longest (ms) "
          "| over 8 ms | over 16 ms | over 50 ms |\n");
  printf ("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  print_times ("merge steps after the import", catch_up);
  print_times ("notes, merged when quiet", quiet_notes);
  print_times ("merge steps between those notes", quiet_steps);
  print_times ("notes, merged within the writes (automerge 4)", within_notes);

  return EXIT_SUCCESS;
}
