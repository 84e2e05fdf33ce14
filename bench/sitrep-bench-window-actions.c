/* sitrep-bench-window-actions.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <adwaita.h>
#include <sqlite3.h>

#include "sitrep-bench-stats.h"
#include "sitrep-bench-window-actions.h"
#include "sitrep-context.h"
#include "sitrep-incident-list.h"
#include "sitrep-incident-view.h"
#include "sitrep-window.h"

/*
 * The window's half of sitrep-bench-window: what one user action costs the
 * main thread on a large database, and whether typing in the search keeps
 * the window painting.
 *
 * Every SQLite connection of the process is traced (sqlite3_auto_extension
 * installs sqlite3_trace_v2 on each as it opens), counting the statements
 * run and the rows stepped, apart for the main thread and for the others
 * (the worker). Statements run by triggers are not counted separately.
 *
 * Per action (add a note, a transition, a field edit on the incident on
 * show; showing another incident of the first rows, as a click on one
 * does), with the "Open" and the "All" filter:
 *  - the block: how long the call that writes it and everything that
 *    reacts to it synchronously hold the main thread, as the main thread's
 *    CPU time (what the action costs, whatever else the machine runs) and
 *    as wall-clock time;
 *  - the longest block after it, while the main loop handles what
 *    follows (the worker's answer, the scheduler's re-arm, relayout and
 *    paint), until the list is up to date again;
 *  - the statements and rows of the main thread and of the worker.
 *
 * Search: "timeout" typed one letter every 120 ms into the search entry
 * with the "All" filter, the window kept painting by a tick callback; the
 * longest frame (the frame clock's before-paint to after-paint), the
 * longest main-loop block and the time from the last key to the result.
 * For comparison, before typing: a frame with nothing to draw, and a
 * frame that scrolls the list by a few pixels, which redraws every row
 * on screen (what the renderer costs whatever Sitrep does).
 *
 * Filters: the list's filter switched as the filter menu does, one
 * filter after the other, with the window painting: the longest frame
 * and main-loop block from the switch until the list shows the answer,
 * and how many frames took over 16 ms.
 */

#define REPS           9
#define SETTLE_MS      300
#define LOAD_TIMEOUT_S 600
#define KEY_GAP_MS     120
#define SEARCH_WORD    "timeout"
#define SEARCH_ROUNDS  5
#define SCROLL_FRAMES  60
#define SCROLL_STEP    3.0
#define FILTER_ROUNDS  3

/* as the filter menu sets them, from the list's default and back */
static const char * const filters[] = {
  "awaiting-closure", "all", "active risk=breached", "active level=1", "all level=1",
  "all owner=Mei%20Lin", "all service=Payments", "awaiting-closure owner=Mei%20Lin",
  "active service=Payments", "active",
};

typedef struct
{
  gint statements;
  gint rows;
} Counters;

static double
median_of (GArray *values)
{
  return sitrep_bench_median ((double *) (gpointer) values->data, values->len);
}

static double
min_of (GArray *values)
{
  double m = G_MAXDOUBLE;

  for (guint i = 0; i < values->len; i++)
    m = MIN (m, g_array_index (values, double, i));
  return values->len > 0 ? m : 0.0;
}

static double
max_of (GArray *values)
{
  double m = 0.0;

  for (guint i = 0; i < values->len; i++)
    m = MAX (m, g_array_index (values, double, i));
  return m;
}

/* CPU time of the calling thread, in microseconds: unlike the wall clock,
 * it does not count the time other processes of a loaded machine took. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static GThread *main_thread;
static Counters main_counters;
static Counters other_counters;

static int
trace_cb (unsigned  type,
          void     *context,
          void     *p,
          void     *x)
{
  Counters *counters = g_thread_self () == main_thread ? &main_counters : &other_counters;

  if (type == SQLITE_TRACE_STMT)
    {
      /* A trigger's statements are announced as comments: not counted. */
      if (x == NULL || strncmp (x, "--", 2) != 0)
        g_atomic_int_inc (&counters->statements);
    }
  else if (type == SQLITE_TRACE_ROW)
    g_atomic_int_inc (&counters->rows);

  return 0;
}

static int
count_extension (sqlite3                         *db,
                 char                           **message,
                 const struct sqlite3_api_routines *api)
{
  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT | SQLITE_TRACE_ROW, trace_cb, NULL);
  return SQLITE_OK;
}

static void
reset_counters (void)
{
  g_atomic_int_set (&main_counters.statements, 0);
  g_atomic_int_set (&main_counters.rows, 0);
  g_atomic_int_set (&other_counters.statements, 0);
  g_atomic_int_set (&other_counters.rows, 0);
}

typedef struct
{
  SitrepContext      *context;
  SitrepStore        *store;
  SitrepWindow       *window;
  SitrepIncidentList *list;
  SitrepIncidentView *view;

  /* frames, while measuring the search */
  gboolean            frames_on;
  gint64              before_paint;
  gint64              before_paint_cpu;
  gint64              last_after_paint;
  gint64              longest_frame;
  gint64              longest_frame_cpu;
  gint64              longest_gap;
  guint               n_frames;
  guint               n_slow_frames;   /* over 16 ms */
  GArray             *frame_ms;     /* double */
} Run;

/* Runs the main loop without blocking until nothing is pending and the
 * list is up to date, for at least @min_ms; returns the longest single
 * iteration in microseconds. */
static gint64
settle (Run  *run,
        guint min_ms)
{
  gint64 start = g_get_monotonic_time ();
  gint64 longest = 0;

  for (;;)
    {
      gint64 before = g_get_monotonic_time ();
      gboolean dispatched = g_main_context_iteration (NULL, FALSE);
      gint64 took = g_get_monotonic_time () - before;

      longest = MAX (longest, took);

      if (!dispatched)
        {
          if (!sitrep_incident_list_get_loading (run->list)
              && g_get_monotonic_time () - start >= (gint64) min_ms * 1000)
            break;
          if (g_get_monotonic_time () - start > (gint64) LOAD_TIMEOUT_S * G_USEC_PER_SEC)
            {
              g_printerr ("The list did not load within %d s\n", LOAD_TIMEOUT_S);
              exit (EXIT_FAILURE);
            }
          g_usleep (200);
        }
    }

  return longest;
}

/* A write submitted by the window is shown once the store has synced it
 * (sitrep-store-sync.c): the main loop's iteration that announces it is
 * part of the action, and is added to @block and @block_cpu (in ms). The
 * wait for the disk between the two is not: the window runs meanwhile. */
static void
finish_submitted (Run    *run,
                  double *block,
                  double *block_cpu)
{
  while (sitrep_store_get_pending_writes (run->store) > 0)
    {
      gint64 before = g_get_monotonic_time ();
      gint64 before_cpu = thread_cpu_us ();
      gboolean dispatched = g_main_context_iteration (NULL, FALSE);

      if (sitrep_store_get_pending_writes (run->store) == 0)
        {
          *block += (double) (g_get_monotonic_time () - before) / 1000.0;
          *block_cpu += (double) (thread_cpu_us () - before_cpu) / 1000.0;
        }
      else if (!dispatched)
        g_usleep (100);
    }
}

typedef enum
{
  ACTION_NOTE,
  ACTION_TRANSITION,
  ACTION_FIELD,
  ACTION_SHOW,
  N_ACTION_KINDS
} ActionKind;

static const char *action_names[N_ACTION_KINDS] = {
  "add a note", "a transition (acknowledge)", "a field edit (title)",
  "show another incident",
};

/* An incident of the list that a transition can acknowledge and that no
 * earlier repetition used; it is put on show. */
static gint64
show_new_incident (Run        *run,
                   GHashTable *used)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (run->list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SitrepIncident) incident = g_list_model_get_item (G_LIST_MODEL (run->list), i);
      gint64 id = sitrep_incident_get_id (incident);

      if (sitrep_incident_get_status (incident) != SITREP_STATUS_NEW
          || g_hash_table_contains (used, &id))
        continue;

      g_hash_table_add (used, g_memdup2 (&id, sizeof id));
      sitrep_window_show_incident (run->window, id);
      settle (run, 50);
      return id;
    }

  return 0;
}

static gboolean
act (Run        *run,
     ActionKind  kind,
     guint       rep,
     GHashTable *used)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 id = sitrep_window_get_incident_id (run->window);
  gint64 now = sitrep_context_get_now (run->context);
  gboolean ok = FALSE;

  switch (kind)
    {
    case ACTION_NOTE:
      text = g_strdup_printf ("Bridge call %u: failover to the standby started", rep);
      sitrep_incident_view_set_composer (run->view, text, SITREP_TAG_ACTION, NULL);
      ok = gtk_widget_activate_action (GTK_WIDGET (run->view), "incident.add-note", NULL);
      break;

    case ACTION_TRANSITION:
      ok = sitrep_incident_view_run_transition (run->view, SITREP_TRANSITION_ACKNOWLEDGE, now,
                                                NULL, NULL, &error);
      break;

    case ACTION_FIELD:
      text = g_strdup_printf ("Gateway timeout on the payment page (%u)", rep);
      ok = sitrep_store_set_field (run->store, id, "title", text,
                                   sitrep_context_get_user_name (run->context), &error);
      break;

    case ACTION_SHOW:
      /* a row near the top, on screen, as a user clicks one; never the
       * incident already on show */
      id = sitrep_incident_list_get_id (run->list, 1 + rep % 8);
      if (id == sitrep_window_get_incident_id (run->window))
        id = sitrep_incident_list_get_id (run->list, 9);
      sitrep_window_show_incident (run->window, id);
      ok = id != 0;
      break;

    case N_ACTION_KINDS:
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    g_printerr ("%s failed: %s\n", action_names[kind],
                error != NULL ? error->message : "the action is disabled");
  return ok;
}

static void
measure_actions (Run        *run,
                 const char *filter,
                 GHashTable *used)
{
  g_settings_set_string (sitrep_context_get_settings (run->context), "list-filter", filter);
  settle (run, SETTLE_MS);

  for (guint kind = 0; kind < N_ACTION_KINDS; kind++)
    {
      g_autoptr(GArray) blocks = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
      double longest_after = 0.0;
      gint main_statements = 0, main_rows = 0, other_statements = 0, other_rows = 0;
      double block_median;

      for (guint rep = 0; rep < REPS; rep++)
        {
          gint64 start;
          gint64 cpu_start;
          double block;
          double block_cpu;
          gint64 after;

          if (kind == ACTION_TRANSITION && show_new_incident (run, used) == 0)
            {
              g_printerr ("No new incident left to acknowledge\n");
              break;
            }
          if (sitrep_window_get_incident_id (run->window) == 0)
            sitrep_window_show_incident (run->window,
                                         sitrep_incident_list_get_id (run->list, 0));
          settle (run, 50);

          reset_counters ();
          start = g_get_monotonic_time ();
          cpu_start = thread_cpu_us ();
          if (!act (run, kind, rep, used))
            break;
          block = (double) (g_get_monotonic_time () - start) / 1000.0;
          block_cpu = (double) (thread_cpu_us () - cpu_start) / 1000.0;
          finish_submitted (run, &block, &block_cpu);
          g_array_append_val (cpu, block_cpu);
          after = settle (run, SETTLE_MS);

          g_array_append_val (blocks, block);
          longest_after = MAX (longest_after, (double) after / 1000.0);
          /* The last repetition's counts: each repetition runs the same. */
          main_statements = g_atomic_int_get (&main_counters.statements);
          main_rows = g_atomic_int_get (&main_counters.rows);
          other_statements = g_atomic_int_get (&other_counters.statements);
          other_rows = g_atomic_int_get (&other_counters.rows);
        }

      if (blocks->len == 0)
        continue;

      block_median = median_of (blocks);
      g_print ("actions %s|%s|%.1f|%.1f|%.1f|%.1f|%.1f|%d|%d|%d|%d|%u\n",
               filter, action_names[kind], median_of (cpu), min_of (cpu), block_median,
               max_of (blocks),
               longest_after,
               main_statements, main_rows, other_statements, other_rows,
               g_list_model_get_n_items (G_LIST_MODEL (run->list)));
    }
}

/* The same note written through a second store that nothing listens to:
 * what the write itself costs, apart from the window's reaction. */
static void
measure_bare_write (Run        *run,
                    const char *path)
{
  g_autoptr(SitrepStore) bare = sitrep_store_open (path, sitrep_store_get_clock (run->store), NULL);
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 id = sitrep_window_get_incident_id (run->window);

  if (bare == NULL || id == 0)
    return;

  for (guint rep = 0; rep < REPS; rep++)
    {
      gint64 start = thread_cpu_us ();
      double took;

      sitrep_store_add_note (bare, id, sitrep_context_get_now (run->context), "Bench",
                             SITREP_TAG_NONE, "Written with nobody listening", NULL);
      took = (double) (thread_cpu_us () - start) / 1000.0;
      g_array_append_val (cpu, took);
    }
  g_clear_object (&bare);
  /* The window hears of it as another process's write. */
  settle (run, SETTLE_MS);

  g_print ("bare %.1f\n", median_of (cpu));
}

static void
before_paint_cb (GdkFrameClock *frame_clock,
                 Run           *run)
{
  run->before_paint = g_get_monotonic_time ();
  run->before_paint_cpu = thread_cpu_us ();
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                Run           *run)
{
  gint64 now = g_get_monotonic_time ();

  if (!run->frames_on || run->before_paint == 0)
    {
      run->last_after_paint = 0;
      return;
    }

  run->longest_frame = MAX (run->longest_frame, now - run->before_paint);
  if (now - run->before_paint > 16000)
    run->n_slow_frames++;
  run->longest_frame_cpu = MAX (run->longest_frame_cpu, thread_cpu_us () - run->before_paint_cpu);
  if (run->last_after_paint != 0)
    run->longest_gap = MAX (run->longest_gap, now - run->last_after_paint);
  run->last_after_paint = now;
  run->n_frames++;
  if (run->frame_ms != NULL)
    {
      double ms = (double) (now - run->before_paint) / 1000.0;

      g_array_append_val (run->frame_ms, ms);
    }
}

/* Keeps the frame clock producing frames, as an animation would. */
static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

/* Scrolls the list a few pixels each frame. */
static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (widget));

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + SCROLL_STEP);
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until the list shows the answer for @text: the
 * search entry passes on what was typed only after a pause. */
/* Starts counting the window's frames afresh. */
static void
start_frames (Run *run)
{
  run->longest_frame = 0;
  run->longest_frame_cpu = 0;
  run->longest_gap = 0;
  run->last_after_paint = 0;
  run->n_frames = 0;
  run->n_slow_frames = 0;
  run->frames_on = TRUE;
}

/* One iteration of the main loop if anything is ready, its time and
 * thread time kept if longer than those before. Returns whether
 * anything ran. */
static gboolean
timed_iteration (gint64 *longest_block,
                 gint64 *longest_block_cpu)
{
  gint64 before = g_get_monotonic_time ();
  gint64 before_cpu = thread_cpu_us ();

  if (!g_main_context_iteration (NULL, FALSE))
    return FALSE;

  *longest_block = MAX (*longest_block, g_get_monotonic_time () - before);
  *longest_block_cpu = MAX (*longest_block_cpu, thread_cpu_us () - before_cpu);
  return TRUE;
}

static void
wait_for_search (Run        *run,
                 const char *text)
{
  while (sitrep_incident_list_get_loading (run->list)
         || g_strcmp0 (sitrep_incident_list_get_search_text (run->list), text) != 0)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (200);
    }
}

/* One round: the search cleared, then SEARCH_WORD typed one letter every
 * KEY_GAP_MS. Prints one "search" line. */
static void
type_search (Run         *run,
             GtkEditable *entry,
             double       idle_median,
             double       idle_longest,
             double       scroll_median,
             double       scroll_longest)
{
  g_autoptr(GString) typed = g_string_new (NULL);
  gint64 longest_block = 0;
  gint64 longest_block_cpu = 0;
  gint64 last_key;
  gint64 result_after;
  gint64 cpu_start;

  gtk_editable_set_text (entry, "");
  wait_for_search (run, NULL);
  settle (run, SETTLE_MS);

  reset_counters ();
  start_frames (run);
  last_key = g_get_monotonic_time ();
  cpu_start = thread_cpu_us ();

  for (const char *c = SEARCH_WORD; *c != '\0'; c++)
    {
      gint64 key_at = g_get_monotonic_time ();
      gint64 key_cpu = thread_cpu_us ();

      g_string_append_c (typed, *c);
      gtk_editable_set_text (entry, typed->str);
      last_key = g_get_monotonic_time ();
      longest_block = MAX (longest_block, last_key - key_at);
      longest_block_cpu = MAX (longest_block_cpu, thread_cpu_us () - key_cpu);

      while (g_get_monotonic_time () - key_at < KEY_GAP_MS * 1000)
        {
          if (!timed_iteration (&longest_block, &longest_block_cpu))
            g_usleep (200);
        }
    }

  /* Until the answer to the whole word is in the list, iteration by
   * iteration. */
  for (;;)
    {
      if (timed_iteration (&longest_block, &longest_block_cpu))
        continue;
      if (!sitrep_incident_list_get_loading (run->list)
          && g_strcmp0 (sitrep_incident_list_get_search_text (run->list), SEARCH_WORD) == 0)
        break;
      g_usleep (200);
    }
  result_after = g_get_monotonic_time () - last_key;
  /* The frames that show the answer. */
  longest_block = MAX (longest_block, settle (run, SETTLE_MS));
  run->frames_on = FALSE;

  g_print ("search %s|%.1f / %.1f|%.1f / %.1f|%.1f|%.1f|%.1f|%.1f|%.1f|%u|%.0f|%.0f|%u|%d|%d|%u\n",
           SEARCH_WORD, idle_median, idle_longest, scroll_median, scroll_longest,
           (double) run->longest_frame / 1000.0, (double) run->longest_frame_cpu / 1000.0,
           (double) run->longest_gap / 1000.0,
           (double) longest_block / 1000.0, (double) longest_block_cpu / 1000.0,
           run->n_frames, (double) MAX (result_after, 0) / 1000.0,
           (double) (thread_cpu_us () - cpu_start) / 1000.0,
           g_list_model_get_n_items (G_LIST_MODEL (run->list)),
           g_atomic_int_get (&main_counters.statements),
           g_atomic_int_get (&other_counters.statements),
           sitrep_incident_list_get_n_superseded (run->list));
}

/* Switches the list to @filter, as the filter menu does, and runs the
 * main loop until the list shows the answer and a little after. Prints
 * one "filter" line. */
static void
switch_filter (Run        *run,
               const char *filter)
{
  gint64 longest_block_cpu = 0;
  gint64 longest_block;
  gint64 switched_at;
  gint64 shown_after;

  start_frames (run);
  switched_at = g_get_monotonic_time ();
  g_settings_set_string (sitrep_context_get_settings (run->context), "list-filter", filter);
  longest_block = g_get_monotonic_time () - switched_at;

  for (;;)
    {
      if (timed_iteration (&longest_block, &longest_block_cpu))
        continue;
      if (!sitrep_incident_list_get_loading (run->list))
        break;
      g_usleep (200);
    }
  shown_after = g_get_monotonic_time () - switched_at;
  /* the frames that show the answer */
  longest_block = MAX (longest_block, settle (run, SETTLE_MS));
  run->frames_on = FALSE;

  g_print ("filter %s|%.1f|%.1f|%u|%u|%.1f|%.1f|%.0f|%u\n", filter,
           (double) run->longest_frame / 1000.0, (double) run->longest_frame_cpu / 1000.0,
           run->n_slow_frames, run->n_frames, (double) longest_block / 1000.0,
           (double) longest_block_cpu / 1000.0, (double) shown_after / 1000.0,
           g_list_model_get_n_items (G_LIST_MODEL (run->list)));
}

static void
measure_search (Run *run)
{
  GtkEditable *entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (run->window),
                                                                    SITREP_TYPE_WINDOW,
                                                                    "search_entry"));
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (run->window));
  GtkWidget *list_view = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (run->window),
                                                                   SITREP_TYPE_WINDOW,
                                                                   "list_view"));
  double idle_median, idle_longest, scroll_median, scroll_longest;
  guint tick, scroll_tick;

  g_settings_set_string (sitrep_context_get_settings (run->context), "list-filter", "all");
  settle (run, SETTLE_MS);

  tick = gtk_widget_add_tick_callback (GTK_WIDGET (run->window), tick_cb, NULL, NULL);
  g_signal_connect (frame_clock, "before-paint", G_CALLBACK (before_paint_cb), run);
  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (after_paint_cb), run);
  settle (run, 100);

  /* What a frame costs here with nothing to do, for comparison: under
   * Xvfb GTK paints in software. */
  run->frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run->frames_on = TRUE;
  settle (run, 1000);
  run->frames_on = FALSE;
  idle_median = median_of (run->frame_ms);
  idle_longest = max_of (run->frame_ms);
  g_clear_pointer (&run->frame_ms, g_array_unref);

  /* What a frame costs that redraws the rows on screen. */
  run->frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  scroll_tick = gtk_widget_add_tick_callback (list_view, scroll_tick_cb, NULL, NULL);
  run->frames_on = TRUE;
  while (run->frame_ms->len < SCROLL_FRAMES)
    g_main_context_iteration (NULL, TRUE);
  run->frames_on = FALSE;
  gtk_widget_remove_tick_callback (list_view, scroll_tick);
  scroll_median = median_of (run->frame_ms);
  scroll_longest = max_of (run->frame_ms);
  g_clear_pointer (&run->frame_ms, g_array_unref);
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view)), 0.0);
  settle (run, SETTLE_MS);

  for (guint round = 0; round < FILTER_ROUNDS; round++)
    for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
      switch_filter (run, filters[i]);
  g_settings_set_string (sitrep_context_get_settings (run->context), "list-filter", "all");
  settle (run, SETTLE_MS);

  for (guint round = 0; round < SEARCH_ROUNDS; round++)
    type_search (run, entry, idle_median, idle_longest, scroll_median, scroll_longest);

  gtk_widget_remove_tick_callback (GTK_WIDGET (run->window), tick);
  g_signal_handlers_disconnect_by_data (frame_clock, run);
}

/* Prints the lines of @lines that start with @prefix and hold @n_fields
 * fields as rows of a Markdown table, the first field in quotes with
 * @quote_first. */
static void
print_rows (char       **lines,
            const char  *prefix,
            guint        n_fields,
            gboolean     quote_first)
{
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;

      if (!g_str_has_prefix (lines[i], prefix))
        continue;
      f = g_strsplit (lines[i] + strlen (prefix), "|", -1);
      if (g_strv_length (f) != n_fields)
        continue;

      g_print (quote_first ? "| “%s”" : "| %s", f[0]);
      for (guint k = 1; k < n_fields; k++)
        g_print (" | %s", f[k]);
      g_print (" |\n");
    }
}

/**
 * sitrep_bench_window_print_actions:
 * @count: the size of the database, formatted
 * @out: what sitrep_bench_window_run_actions() printed
 *
 * Prints the actions child's lines as Markdown tables.
 */
void
sitrep_bench_window_print_actions (const char *count,
                                   const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  g_print ("### One action and the search at %s incidents\n\n", count);
  g_print ("| filter | action | main thread CPU, median (ms) | min (ms) "
           "| blocked wall, median (ms) | wall max (ms) | longest block after (ms) "
           "| main: statements | main: rows stepped | worker: statements "
           "| worker: rows stepped | listed |\n");
  g_print ("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  print_rows (lines, "actions ", 12, FALSE);

  g_print ("\n| filter switched to | longest frame (ms) | its CPU (ms) | frames over 16 ms "
           "| frames | longest main-loop block (ms) | its CPU (ms) | answer shown after (ms) "
           "| listed |\n");
  g_print ("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  print_rows (lines, "filter ", 9, TRUE);

  g_print ("\n| search typed | idle frame: median / longest (ms) "
           "| frame scrolling the list: median / longest (ms) | longest frame (ms) "
           "| its CPU (ms) | longest gap between frames (ms) "
           "| longest main-loop block (ms) | its CPU (ms) | frames "
           "| result after the last key (ms) | main thread CPU in all (ms) "
           "| matches | main: statements | worker: statements | superseded queries |\n");
  g_print ("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
           "| ---: | ---: | ---: |\n");
  print_rows (lines, "search ", 15, TRUE);
  g_print ("\n");
}

/**
 * sitrep_bench_window_run_actions:
 * @path: a database built by the benchmark
 * @with_actions: whether to measure the actions before the search
 *
 * The child process of the actions benchmark: prints one "actions" line
 * per filter and action (with @with_actions) and one "search" line per
 * round of typing.
 *
 * Returns: the exit status
 */
int
sitrep_bench_window_run_actions (const char *path,
                                 gboolean    with_actions)
{
  g_autoptr(SitrepClock) clock = NULL;
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  Run run = { 0 };

  main_thread = g_thread_self ();
  sqlite3_auto_extension ((void (*) (void)) count_extension);

  gtk_init ();
  adw_init ();

  clock = sitrep_clock_new ();
  store = sitrep_store_open (path, clock, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  settings = g_settings_new (SITREP_SETTINGS_SCHEMA);
  g_settings_set_string (settings, "user-name", "Bench");
  g_settings_set_string (settings, "user-role", "incident-manager");
  g_settings_set_string (settings, "list-filter", "open");

  run.store = store;
  run.context = sitrep_context_new (store, settings);
  run.window = g_object_new (SITREP_TYPE_WINDOW, "context", run.context, NULL);
  run.list = sitrep_window_get_incident_list (run.window);
  run.view = SITREP_INCIDENT_VIEW (sitrep_window_get_incident_view (run.window));
  gtk_window_present (GTK_WINDOW (run.window));
  settle (&run, 1000);

  if (with_actions)
    {
      measure_bare_write (&run, path);
      measure_actions (&run, "open", used);
      measure_actions (&run, "all", used);
    }
  measure_search (&run);

  gtk_window_destroy (GTK_WINDOW (run.window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&run.context);

  return EXIT_SUCCESS;
}
