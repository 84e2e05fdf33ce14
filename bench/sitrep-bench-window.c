/* sitrep-bench-window.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>

#include "sitrep-application.h"
#include "sitrep-bench-stats.h"
#include "sitrep-bench-window-actions.h"
#include "sitrep-bench-window-data.h"
#include "sitrep-incident-list.h"
#include "sitrep-resources.h"
#include "sitrep-store.h"
#include "sitrep-window.h"

/*
 * Measures the main window and its ticket list on large databases:
 *
 *  - time to first frame: from just before the application object is
 *    created to the first "after-paint" of the window's frame clock once
 *    the window is mapped, each sample in a fresh process. Two variants:
 *    "window", a process that opens the store and builds the main window
 *    exactly as SitrepApplication does (same settings schema, resources
 *    and styles) but without the deadline watch, and "app", the real
 *    SitrepApplication with its deadline watch, on a copy of the database
 *    (its first start after the import catches up on every alert that fell
 *    due, and records them; the later starts find nothing to catch up on);
 *  - the ticket list's memory: the growth of the resident set while the
 *    list model (default filter and sort) is built and while items are
 *    read from its start, middle and end, and the size of its id array;
 *    the same for the "All" filter, which lists every incident;
 *  - what one user action and typing in the search cost the main thread
 *    (sitrep-bench-window-actions.c), on a copy of the database.
 *
 * The databases are built once, through the store's import API, in a
 * temporary folder (or in SITREP_BENCH_DIR, where they are kept and reused
 * by later runs). The first frame needs a display: without one that part
 * is skipped with a message.
 *
 * Usage: sitrep-bench-window [SIZE…]
 * Environment: SITREP_BENCH_SIZES (default "0,100000,1000000"),
 * SITREP_BENCH_RUNS (samples per figure, default 5), SITREP_BENCH_DIR,
 * SITREP_BENCH_PARTS (default "frame,memory,actions": which parts run;
 * "search" measures the search of the actions part alone).
 * Prints Markdown tables.
 */

#define DEFAULT_SIZES  "0,100000,1000000"
#define DEFAULT_RUNS   5
#define FETCH_COUNT    100
#define FRAME_TIMEOUT  120 /* seconds */


/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */
/* ---------------------------------------------------------------------- */

static double
median (GArray *values)
{
  return sitrep_bench_median ((double *) (gpointer) values->data, values->len);
}

static double
array_min (GArray *values)
{
  double m = G_MAXDOUBLE;

  for (guint i = 0; i < values->len; i++)
    m = MIN (m, g_array_index (values, double, i));
  return values->len > 0 ? m : 0.0;
}

static double
array_max (GArray *values)
{
  double m = 0.0;

  for (guint i = 0; i < values->len; i++)
    m = MAX (m, g_array_index (values, double, i));
  return m;
}

/* The resident set of this process, in bytes. */
static guint64
read_rss (void)
{
  g_autofree char *contents = NULL;
  guint64 size = 0;
  guint64 resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &contents, NULL, NULL) ||
      sscanf (contents, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &size, &resident) != 2)
    return 0;

  return resident * (guint64) sysconf (_SC_PAGESIZE);
}

/* Microseconds since the kernel started this process (exec included), with
 * the resolution of the scheduler's clock ticks (10 ms), or -1. */
static gint64
read_process_age_us (void)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  struct timespec now;
  const char *rest;
  guint64 start_ticks;
  long ticks_per_second = sysconf (_SC_CLK_TCK);

  if (!g_file_get_contents ("/proc/self/stat", &contents, NULL, NULL))
    return -1;

  /* The command name may hold spaces: fields are counted after it. */
  rest = strrchr (contents, ')');
  if (rest == NULL || clock_gettime (CLOCK_BOOTTIME, &now) != 0 || ticks_per_second <= 0)
    return -1;

  fields = g_strsplit (rest + 2, " ", -1);
  /* Field 22 of stat (starttime) is the 20th after the command name. */
  if (g_strv_length (fields) < 20)
    return -1;

  start_ticks = g_ascii_strtoull (fields[19], NULL, 10);

  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000
         - (gint64) (start_ticks * G_USEC_PER_SEC / (guint64) ticks_per_second);
}

static char *
format_count (guint64 n)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }

  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
format_bytes (gint64 bytes)
{
  if (bytes < 0)
    {
      g_autofree char *positive = format_bytes (-bytes);

      return g_strdup_printf ("−%s", positive);
    }
  if (bytes < 10 * 1024)
    return g_strdup_printf ("%" G_GINT64_FORMAT " B", bytes);
  if (bytes < 10 * 1024 * 1024)
    return g_strdup_printf ("%.1f KiB", (double) bytes / 1024.0);
  return g_strdup_printf ("%.1f MiB", (double) bytes / (1024.0 * 1024.0));
}


/* ---------------------------------------------------------------------- */
/* Child: time to first frame                                              */
/* ---------------------------------------------------------------------- */

typedef struct
{
  GApplication  *app;
  const char    *path;
  gint64         start;
  gint64         first_frame;
  gint64         process_age;
  gint64         startup_done;  /* store opened (and, for the app, alerts raised) */
  gint64         window_built;  /* the window object constructed */
  gint64         mapped;
  guint          n_listed;
  SitrepClock   *clock;
  SitrepStore   *store;
  SitrepContext *context;
  gulong         after_paint_id;
  GdkFrameClock *frame_clock;
  SitrepWindow  *window;
} FrameRun;

static void
after_paint_cb (GdkFrameClock *frame_clock,
                FrameRun      *run)
{
  run->first_frame = g_get_monotonic_time ();
  run->process_age = read_process_age_us ();
  run->n_listed = g_list_model_get_n_items (
    G_LIST_MODEL (sitrep_window_get_incident_list (run->window)));

  g_clear_signal_handler (&run->after_paint_id, frame_clock);
  g_application_quit (run->app);
}

static void
window_mapped_cb (GtkWidget *widget,
                  FrameRun  *run)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (widget));

  if (run->after_paint_id != 0)
    return;

  run->mapped = g_get_monotonic_time ();
  run->frame_clock = gdk_surface_get_frame_clock (surface);
  run->after_paint_id = g_signal_connect (run->frame_clock, "after-paint",
                                          G_CALLBACK (after_paint_cb), run);
}

static void
window_added_cb (GtkApplication *application,
                 GtkWindow      *window,
                 FrameRun       *run)
{
  if (!SITREP_IS_WINDOW (window))
    return;

  run->window = SITREP_WINDOW (window);
  g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), run);
}

/* The "window" variant: what SitrepApplication's startup and activate do
 * for the main window, without the deadline watch. */
static void
window_only_startup_cb (GApplication *app,
                        FrameRun     *run)
{
  g_autoptr(GError) error = NULL;

  run->clock = sitrep_clock_new ();
  run->store = sitrep_store_open (run->path, run->clock, &error);
  if (run->store == NULL)
    {
      g_printerr ("%s\n", error->message);
      exit (EXIT_FAILURE);
    }
  run->context = sitrep_context_new (run->store, NULL);
}

static void
startup_done_cb (GApplication *app,
                 FrameRun     *run)
{
  run->startup_done = g_get_monotonic_time ();
}

static void
window_only_activate_cb (GApplication *app,
                         FrameRun     *run)
{
  GtkWindow *window = g_object_new (SITREP_TYPE_WINDOW,
                                    "application", app,
                                    "context", run->context,
                                    NULL);

  run->window_built = g_get_monotonic_time ();
  gtk_window_present (window);
}

static gboolean
frame_timeout_cb (gpointer user_data)
{
  g_printerr ("No frame of the main window within %d s\n", FRAME_TIMEOUT);
  exit (EXIT_FAILURE);
  return G_SOURCE_REMOVE;
}

static int
run_first_frame (const char *mode,
                 const char *path,
                 const char *argv0)
{
  FrameRun run = { 0 };
  char *app_argv[] = { (char *) argv0, NULL };
  int status;

  run.path = path;
  run.start = g_get_monotonic_time ();

  if (g_strcmp0 (mode, "app") == 0)
    {
      g_setenv ("SITREP_DATABASE", path, TRUE);
      run.app = G_APPLICATION (sitrep_application_new ());
    }
  else
    {
      /* Its templates and styles, as the application links them in. */
      (void) sitrep_get_resource ();
      run.app = g_object_new (ADW_TYPE_APPLICATION,
                              "application-id", APPLICATION_ID,
                              "resource-base-path", "/io/github/sitrep/Sitrep",
                              "flags", G_APPLICATION_DEFAULT_FLAGS,
                              NULL);
      g_signal_connect_after (run.app, "startup", G_CALLBACK (window_only_startup_cb), &run);
      g_signal_connect (run.app, "activate", G_CALLBACK (window_only_activate_cb), &run);
    }

  g_signal_connect_after (run.app, "startup", G_CALLBACK (startup_done_cb), &run);
  g_signal_connect (run.app, "window-added", G_CALLBACK (window_added_cb), &run);
  g_timeout_add_seconds (FRAME_TIMEOUT, frame_timeout_cb, NULL);

  status = g_application_run (run.app, 1, app_argv);

  if (run.first_frame == 0)
    {
      g_printerr ("The application ended (status %d) before the main window showed\n", status);
      return EXIT_FAILURE;
    }

  g_print ("first-frame %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %u %" G_GINT64_FORMAT
           " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
           run.first_frame - run.start, run.process_age, run.n_listed,
           run.startup_done - run.start,
           run.window_built > 0 ? run.window_built - run.start : -1,
           run.mapped - run.start);

  /* Closing the window closes its store as the application would. */
  if (run.window != NULL)
    gtk_window_destroy (GTK_WINDOW (run.window));

  g_clear_object (&run.app);
  g_clear_object (&run.store);
  g_clear_object (&run.context);
  g_clear_object (&run.clock);

  return EXIT_SUCCESS;
}

/* ---------------------------------------------------------------------- */
/* Child: the list's memory                                                */
/* ---------------------------------------------------------------------- */

/* Reads FETCH_COUNT items from the start, the middle and the end, as
 * scrolling through the list would. */
static guint
fetch_items (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  guint starts[] = { 0, n / 2, n > FETCH_COUNT ? n - FETCH_COUNT : 0 };
  guint fetched = 0;

  for (guint s = 0; s < G_N_ELEMENTS (starts); s++)
    {
      for (guint i = starts[s]; i < MIN (n, starts[s] + FETCH_COUNT); i++)
        {
          g_autoptr(SitrepIncident) incident = g_list_model_get_item (model, i);

          if (incident != NULL && sitrep_incident_get_title (incident) != NULL)
            fetched++;
        }
    }

  return fetched;
}

static int
run_memory (const char *path)
{
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(SitrepIncidentList) list = NULL;
  g_autoptr(GError) error = NULL;
  guint64 rss_open, rss_built, rss_fetched, rss_all, rss_all_fetched;
  gint64 sql_open, sql_fetched, sql_all_fetched;
  guint n_open, n_all, fetched, fetched_all, cached;
  gint64 start, build_us, all_us;

  store = sitrep_store_open (path, clock, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  rss_open = read_rss ();
  sql_open = sqlite3_memory_used ();

  start = g_get_monotonic_time ();
  list = sitrep_incident_list_new (store);
  build_us = g_get_monotonic_time () - start;
  n_open = g_list_model_get_n_items (G_LIST_MODEL (list));
  rss_built = read_rss ();

  fetched = fetch_items (G_LIST_MODEL (list));
  cached = sitrep_incident_list_get_n_cached (list);
  rss_fetched = read_rss ();
  sql_fetched = sqlite3_memory_used ();

  start = g_get_monotonic_time ();
  sitrep_incident_list_set_filter (list, SITREP_LIST_FILTER_ALL);
  all_us = g_get_monotonic_time () - start;
  n_all = g_list_model_get_n_items (G_LIST_MODEL (list));
  rss_all = read_rss ();
  fetched_all = fetch_items (G_LIST_MODEL (list));
  rss_all_fetched = read_rss ();
  sql_all_fetched = sqlite3_memory_used ();

  g_print ("memory %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
           " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %u %u %u %u %u %"
           G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
           rss_open, rss_built, rss_fetched, rss_all, rss_all_fetched,
           n_open, n_all, fetched, fetched_all, cached, build_us, all_us,
           sql_fetched - sql_open, sql_all_fetched - sql_open);

  return EXIT_SUCCESS;
}

/* ---------------------------------------------------------------------- */
/* Parent                                                                  */
/* ---------------------------------------------------------------------- */

typedef struct
{
  double ms;          /* to the first frame */
  double exec_ms;     /* the same from the process's start, or -1 */
  double startup_ms;  /* to the end of the application's startup */
  double built_ms;    /* to the window object constructed, or -1 */
  double mapped_ms;   /* to the window mapped */
  guint  n_listed;
} FrameSample;

typedef struct
{
  guint64  size;
  char    *path;
  double   build_seconds;
  gboolean reused;

  GArray  *window_ms;       /* double */
  GArray  *window_exec_ms;  /* double */
  GArray  *window_startup_ms;
  GArray  *window_built_ms;
  GArray  *window_mapped_ms;
  GArray  *app_ms;          /* double, later starts */
  GArray  *app_startup_ms;
  FrameSample app_first;
  guint    n_listed;

  gboolean have_memory;
  guint64  rss_open, rss_built, rss_fetched, rss_all, rss_all_fetched;
  guint    n_open, n_all, fetched, fetched_all, cached;
  gint64   build_us, all_us;
  gint64   sql_fetched, sql_all_fetched; /* SQLite's heap growth */
} SizeResult;

static void
size_result_free (SizeResult *r)
{
  g_free (r->path);
  g_array_unref (r->window_ms);
  g_array_unref (r->window_exec_ms);
  g_array_unref (r->window_startup_ms);
  g_array_unref (r->window_built_ms);
  g_array_unref (r->window_mapped_ms);
  g_array_unref (r->app_ms);
  g_array_unref (r->app_startup_ms);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SizeResult, size_result_free)

static char *
run_child (const char  *self_path,
           const char  *mode,
           const char  *variant,
           const char  *path,
           GError     **error)
{
  const char *argv[] = { self_path, mode, variant != NULL ? variant : path,
                         variant != NULL ? path : NULL, NULL };
  g_autofree char *out = NULL;
  int wait_status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, NULL, &wait_status, error))
    return NULL;

  if (!g_spawn_check_wait_status (wait_status, error))
    return NULL;

  return g_steal_pointer (&out);
}

static gboolean
measure_frame (const char   *self_path,
               const char   *variant,
               const char   *path,
               FrameSample  *sample,
               GError      **error)
{
  g_autofree char *out = run_child (self_path, "--first-frame", variant, path, error);
  const char *line;
  gint64 in_process = 0;
  gint64 age = 0;
  gint64 startup = 0;
  gint64 built = 0;
  gint64 mapped = 0;

  if (out == NULL)
    return FALSE;

  line = strstr (out, "first-frame ");
  if (line == NULL ||
      sscanf (line, "first-frame %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %u %"
              G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
              &in_process, &age, &sample->n_listed, &startup, &built, &mapped) != 6)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Unexpected output of the first-frame run: %s", out);
      return FALSE;
    }

  sample->ms = (double) in_process / 1000.0;
  sample->exec_ms = age >= 0 ? (double) age / 1000.0 : -1.0;
  sample->startup_ms = (double) startup / 1000.0;
  sample->built_ms = built >= 0 ? (double) built / 1000.0 : -1.0;
  sample->mapped_ms = (double) mapped / 1000.0;

  return TRUE;
}

static gboolean
measure_memory (const char  *self_path,
                SizeResult  *r,
                GError     **error)
{
  g_autofree char *out = run_child (self_path, "--memory", NULL, r->path, error);
  const char *line;

  if (out == NULL)
    return FALSE;

  line = strstr (out, "memory ");
  if (line == NULL ||
      sscanf (line, "memory %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
              " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %u %u %u %u %u %"
              G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
              &r->rss_open, &r->rss_built, &r->rss_fetched, &r->rss_all,
              &r->rss_all_fetched, &r->n_open, &r->n_all, &r->fetched, &r->fetched_all,
              &r->cached, &r->build_us, &r->all_us, &r->sql_fetched,
              &r->sql_all_fetched) != 14)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Unexpected output of the memory run: %s", out);
      return FALSE;
    }

  r->have_memory = TRUE;
  return TRUE;
}

static GArray *
parse_sizes (int    argc,
             char **argv)
{
  GArray *sizes = g_array_new (FALSE, FALSE, sizeof (guint64));
  const char *env = g_getenv ("SITREP_BENCH_SIZES");
  g_auto(GStrv) parts = NULL;

  if (argc > 1)
    parts = g_strdupv (argv + 1);
  else
    parts = g_strsplit (env != NULL && env[0] != '\0' ? env : DEFAULT_SIZES, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 size;

      g_strstrip (parts[i]);
      if (parts[i][0] == '\0')
        continue;
      if (!g_ascii_string_to_unsigned (parts[i], 10, 0, G_MAXUINT32, &size, NULL))
        {
          g_printerr ("Not a database size: “%s”\n", parts[i]);
          exit (EXIT_FAILURE);
        }
      g_array_append_val (sizes, size);
    }

  return sizes;
}

static void
print_frame_table (GPtrArray *results,
                   guint      runs)
{
  SizeResult *empty = NULL;
  SizeResult *smallest = NULL;
  guint n_nonempty = 0;
  g_autofree char *smallest_name = NULL;

  for (guint i = 0; i < results->len; i++)
    {
      SizeResult *r = g_ptr_array_index (results, i);

      if (r->size == 0)
        empty = r;
      else
        {
          n_nonempty++;
          if (smallest == NULL || r->size < smallest->size)
            smallest = r;
        }
    }

  /* Beside the empty database (a status page) a small one shows what
   * showing incidents at all costs, apart from their number. */
  if (n_nonempty < 2)
    smallest = NULL;
  smallest_name = smallest != NULL ? format_count (smallest->size) : g_strdup ("smallest");

  g_print ("### Time to first frame (median of %u starts, each a fresh process)\n\n", runs);
  g_print ("| incidents | listed (open) | window: first frame | min – max "
           "| from exec | ratio to empty | goal ≤ 1.5× | ratio to %s "
           "| full app, later starts | full app, first start |\n",
           smallest_name);
  g_print ("| ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |\n");

  for (guint i = 0; i < results->len; i++)
    {
      SizeResult *r = g_ptr_array_index (results, i);
      g_autofree char *size = format_count (r->size);
      g_autofree char *listed = format_count (r->n_listed);
      g_autofree char *ratio = NULL;
      g_autofree char *ratio_small = NULL;
      const char *goal = "—";
      double m;

      if (r->window_ms->len == 0)
        continue;

      m = median (r->window_ms);
      if (empty != NULL && empty->window_ms->len > 0 && r != empty)
        {
          double q = m / median (empty->window_ms);

          ratio = g_strdup_printf ("%.2f×", q);
          goal = q <= 1.5 ? "met" : "**missed**";
        }
      else
        ratio = g_strdup ("—");

      if (smallest != NULL && r->size > smallest->size && smallest->window_ms->len > 0)
        ratio_small = g_strdup_printf ("%.2f×", m / median (smallest->window_ms));
      else
        ratio_small = g_strdup ("—");

      g_print ("| %s | %s | %.0f ms | %.0f – %.0f ms | %.0f ms | %s | %s | %s "
               "| %.0f ms | %.0f ms |\n",
               size, listed, m, array_min (r->window_ms), array_max (r->window_ms),
               median (r->window_exec_ms), ratio, goal, ratio_small,
               median (r->app_ms), r->app_first.ms);
    }

  g_print ("\n### Where the time goes (medians, ms from just before the application "
           "object is created)\n\n");
  g_print ("| incidents | window: store opened | window built | mapped | first frame "
           "| full app: startup done (store, deadline watch) | first frame "
           "| full app, first start: startup done | first frame |\n");
  g_print ("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");

  for (guint i = 0; i < results->len; i++)
    {
      SizeResult *r = g_ptr_array_index (results, i);
      g_autofree char *size = format_count (r->size);

      if (r->window_ms->len == 0)
        continue;

      g_print ("| %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |\n",
               size, median (r->window_startup_ms), median (r->window_built_ms),
               median (r->window_mapped_ms), median (r->window_ms),
               median (r->app_startup_ms), median (r->app_ms),
               r->app_first.startup_ms, r->app_first.ms);
    }

  g_print ("\n");
}

static void
print_memory_table (GPtrArray *results)
{
  g_print ("### Ticket list memory (SitrepIncidentList, one fresh process per size)\n\n");
  g_print ("| incidents | filter | listed | id array (8 B each) | model built in "
           "| RSS growth: model built | after reading %u items | of which SQLite's heap "
           "| items kept |\n",
           3 * FETCH_COUNT);
  g_print ("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");

  for (guint i = 0; i < results->len; i++)
    {
      SizeResult *r = g_ptr_array_index (results, i);
      g_autofree char *size = format_count (r->size);
      g_autofree char *n_open = NULL;
      g_autofree char *n_all = NULL;
      g_autofree char *ids_open = NULL;
      g_autofree char *ids_all = NULL;
      g_autofree char *built = NULL;
      g_autofree char *fetched = NULL;
      g_autofree char *all_built = NULL;
      g_autofree char *all_fetched = NULL;
      g_autofree char *sql = NULL;
      g_autofree char *sql_all = NULL;

      if (!r->have_memory)
        continue;

      n_open = format_count (r->n_open);
      n_all = format_count (r->n_all);
      ids_open = format_bytes ((gint64) r->n_open * 8);
      ids_all = format_bytes ((gint64) r->n_all * 8);
      built = format_bytes ((gint64) r->rss_built - (gint64) r->rss_open);
      fetched = format_bytes ((gint64) r->rss_fetched - (gint64) r->rss_open);
      all_built = format_bytes ((gint64) r->rss_all - (gint64) r->rss_open);
      all_fetched = format_bytes ((gint64) r->rss_all_fetched - (gint64) r->rss_open);
      sql = format_bytes (r->sql_fetched);
      sql_all = format_bytes (r->sql_all_fetched);

      g_print ("| %s | open, next due (default) | %s | %s | %.1f ms | %s | %s | %s | %u |\n",
               size, n_open, ids_open, (double) r->build_us / 1000.0, built, fetched, sql,
               r->cached);
      g_print ("| %s | all, next due | %s | %s | %.1f ms | %s | %s | %s | — |\n",
               size, n_all, ids_all, (double) r->all_us / 1000.0, all_built, all_fetched,
               sql_all);
    }

  g_print ("\nRSS growth is measured from just after the store was opened; the "
           "“all” rows are cumulative (the same model switched to the “All” filter).\n\n");
}

static int
run_parent (int    argc,
            char **argv)
{
  g_autoptr(GArray) sizes = parse_sizes (argc, argv);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) size_result_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *app_path = NULL;
  const char *keep_dir = g_getenv ("SITREP_BENCH_DIR");
  const char *runs_env = g_getenv ("SITREP_BENCH_RUNS");
  const char *parts = g_getenv ("SITREP_BENCH_PARTS");
  gboolean have_display;
  guint runs = DEFAULT_RUNS;
  FrameSample sample;
  int status = EXIT_SUCCESS;

  if (self_path == NULL)
    self_path = g_strdup (argv[0]);

  if (sizes->len == 0)
    {
      g_printerr ("No database sizes given\n");
      return EXIT_FAILURE;
    }

  if (runs_env != NULL && runs_env[0] != '\0')
    runs = (guint) CLAMP (g_ascii_strtoull (runs_env, NULL, 10), 1, 100);

  if (keep_dir != NULL && keep_dir[0] != '\0')
    {
      dir = g_strdup (keep_dir);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          g_printerr ("%s: %s\n", dir, g_strerror (errno));
          return EXIT_FAILURE;
        }
    }
  else
    {
      dir = g_dir_make_tmp ("sitrep-bench-window-XXXXXX", &error);
      if (dir == NULL)
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
    }
  app_path = g_build_filename (dir, "app-copy.db", NULL);

  have_display = (g_getenv ("DISPLAY") != NULL && g_getenv ("DISPLAY")[0] != '\0') ||
                 (g_getenv ("WAYLAND_DISPLAY") != NULL && g_getenv ("WAYLAND_DISPLAY")[0] != '\0');

  g_print ("## Window benchmark\n\n");

  /* Databases, built once. */
  for (guint i = 0; i < sizes->len; i++)
    {
      g_autoptr(SizeResult) r = g_new0 (SizeResult, 1);
      g_autofree char *name = NULL;

      r->size = g_array_index (sizes, guint64, i);
      name = g_strdup_printf ("window-%" G_GUINT64_FORMAT ".db", r->size);
      r->path = g_build_filename (dir, name, NULL);
      r->window_ms = g_array_new (FALSE, FALSE, sizeof (double));
      r->window_exec_ms = g_array_new (FALSE, FALSE, sizeof (double));
      r->window_startup_ms = g_array_new (FALSE, FALSE, sizeof (double));
      r->window_built_ms = g_array_new (FALSE, FALSE, sizeof (double));
      r->window_mapped_ms = g_array_new (FALSE, FALSE, sizeof (double));
      r->app_ms = g_array_new (FALSE, FALSE, sizeof (double));
      r->app_startup_ms = g_array_new (FALSE, FALSE, sizeof (double));

      g_printerr ("Building a database of %" G_GUINT64_FORMAT " incidents…\n", r->size);
      if (!sitrep_bench_window_build_database (r->path, r->size, &r->build_seconds,
                                               &r->reused, &error))
        {
          g_printerr ("Could not build %s: %s\n", r->path, error->message);
          status = EXIT_FAILURE;
          goto out;
        }
      if (r->reused)
        g_print ("- %" G_GUINT64_FORMAT " incidents: database reused from %s\n",
                 r->size, r->path);
      else
        g_print ("- %" G_GUINT64_FORMAT " incidents: database built in %.1f s "
                 "(import API, one timeline entry each)\n", r->size, r->build_seconds);

      g_ptr_array_add (results, g_steal_pointer (&r));
    }
  g_print ("\n");

  if (parts == NULL || parts[0] == '\0')
    parts = "frame,memory,actions";

  if (strstr (parts, "frame") != NULL && !have_display)
    {
      g_print ("Time to first frame: **skipped**, there is no display "
               "(run under `xvfb-run -a dbus-run-session`).\n\n");
    }
  else if (strstr (parts, "frame") != NULL)
    {
      /* One start first, not counted: it starts the session's helpers
       * (accessibility bus) that every later start then finds running. */
      if (!measure_frame (self_path, "window", ((SizeResult *) results->pdata[0])->path,
                          &sample, &error))
        {
          g_printerr ("%s\n", error->message);
          status = EXIT_FAILURE;
          goto out;
        }

      /* Sizes interleaved, so that a change of the machine's load affects
       * every size alike. */
      for (guint run = 0; run < runs; run++)
        {
          for (guint i = 0; i < results->len; i++)
            {
              SizeResult *r = g_ptr_array_index (results, i);

              g_printerr ("First frame, %" G_GUINT64_FORMAT " incidents, start %u of %u…\n",
                          r->size, run + 1, runs);
              if (!measure_frame (self_path, "window", r->path, &sample, &error))
                {
                  g_printerr ("%s\n", error->message);
                  status = EXIT_FAILURE;
                  goto out;
                }
              r->n_listed = sample.n_listed;
              g_array_append_val (r->window_ms, sample.ms);
              g_array_append_val (r->window_exec_ms, sample.exec_ms);
              g_array_append_val (r->window_startup_ms, sample.startup_ms);
              g_array_append_val (r->window_built_ms, sample.built_ms);
              g_array_append_val (r->window_mapped_ms, sample.mapped_ms);
            }
        }

      /* The real application writes to its database (the alerts it
       * raises): it runs on a copy. */
      for (guint i = 0; i < results->len; i++)
        {
          SizeResult *r = g_ptr_array_index (results, i);

          if (!sitrep_bench_window_copy_database (r->path, app_path, &error))
            {
              g_printerr ("%s\n", error->message);
              status = EXIT_FAILURE;
              goto out;
            }

          for (guint run = 0; run <= runs; run++)
            {
              g_printerr ("Full application, %" G_GUINT64_FORMAT " incidents, start %u of %u…\n",
                          r->size, run + 1, runs + 1);
              if (!measure_frame (self_path, "app", app_path, &sample, &error))
                {
                  g_printerr ("%s\n", error->message);
                  status = EXIT_FAILURE;
                  goto out;
                }
              if (run == 0)
                r->app_first = sample;
              else
                {
                  g_array_append_val (r->app_ms, sample.ms);
                  g_array_append_val (r->app_startup_ms, sample.startup_ms);
                }
            }
          sitrep_bench_window_remove_database (app_path);
        }

      print_frame_table (results, runs);
    }

  for (guint i = 0; i < results->len && strstr (parts, "memory") != NULL; i++)
    {
      SizeResult *r = g_ptr_array_index (results, i);

      g_printerr ("List memory, %" G_GUINT64_FORMAT " incidents…\n", r->size);
      if (!measure_memory (self_path, r, &error))
        {
          g_printerr ("%s\n", error->message);
          status = EXIT_FAILURE;
          goto out;
        }
    }
  if (strstr (parts, "memory") != NULL)
    print_memory_table (results);

  /* "search" alone types in the search without measuring the actions. */
  if (have_display && (strstr (parts, "actions") != NULL || strstr (parts, "search") != NULL))
    {
      for (guint i = 0; i < results->len; i++)
        {
          SizeResult *r = g_ptr_array_index (results, i);
          g_autofree char *out = NULL;
          g_autofree char *count = NULL;

          if (r->size == 0)
            continue;
          if (!sitrep_bench_window_copy_database (r->path, app_path, &error))
            {
              g_printerr ("%s\n", error->message);
              status = EXIT_FAILURE;
              goto out;
            }
          g_printerr ("Actions and search, %" G_GUINT64_FORMAT " incidents…\n", r->size);
          out = run_child (self_path,
                           strstr (parts, "actions") != NULL ? "--actions" : "--search",
                           NULL, app_path, &error);
          sitrep_bench_window_remove_database (app_path);
          if (out == NULL)
            {
              g_printerr ("%s\n", error->message);
              status = EXIT_FAILURE;
              goto out;
            }
          count = format_count (r->size);
          sitrep_bench_window_print_actions (count, out);
        }
    }

out:
  sitrep_bench_window_remove_database (app_path);
  if (keep_dir == NULL || keep_dir[0] == '\0')
    {
      for (guint i = 0; i < results->len; i++)
        sitrep_bench_window_remove_database (((SizeResult *) results->pdata[i])->path);
      g_rmdir (dir);
    }

  return status;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");

  if (argc == 4 && g_strcmp0 (argv[1], "--first-frame") == 0)
    return run_first_frame (argv[2], argv[3], argv[0]);

  if (argc == 3 && g_strcmp0 (argv[1], "--memory") == 0)
    return run_memory (argv[2]);

  if (argc == 3 && g_strcmp0 (argv[1], "--actions") == 0)
    return sitrep_bench_window_run_actions (argv[2], TRUE);

  if (argc == 3 && g_strcmp0 (argv[1], "--search") == 0)
    return sitrep_bench_window_run_actions (argv[2], FALSE);

  return run_parent (argc, argv);
}
