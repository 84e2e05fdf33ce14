/* sitrep-bench-team-desks.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sitrep-bench-team.h"
#include "sitrep-lifecycle.h"
#include "sitrep-scheduler.h"
#include "sitrep-store-private.h"
#include "sitrep-team-listener.h"

/*
 * The parts of the team benchmark with more than one desk: how soon a
 * change reaches another desk (latency), and 20 desks writing at once
 * (load). Each desk of the load part is a process of its own (this
 * program, started with --desk), as desks are: a store, its listener and
 * its deadline watch on the process's main loop.
 */

#define LATENCY_CHANGES     240
#define N_DESKS             20
#define N_WORK_INCIDENTS    20
#define WRITE_INTERVAL_MS   200      /* 5 writes per second */
#define DEFAULT_SECONDS     300
#define DEFAULT_LOAD_SIZE   100000   /* incidents in the database beforehand */
#define TAIL_SECONDS        3        /* listening on after the last write */
#define MAX_TRIES           4        /* a write and up to 3 retries */
#define ALERT_LEVEL         1        /* response 10 min, warned at 7.5 min */
#define ALERT_WARN_SECONDS  (10 * 60 * 3 / 4)
#define ALERT_DUE_SECONDS   (10 * 60)

/* ---------------------------------------------------------------------- */
/* What a desk does                                                        */
/* ---------------------------------------------------------------------- */

/* The next step of an incident's life, as a desk would take it from the
 * status it shows: acknowledge, recover, transfer, reopen, and round. */
static gboolean
take_next_step (SitrepStore  *store,
                gint64        id,
                const char   *author,
                GError      **error)
{
  g_autoptr(SitrepIncident) incident = sitrep_store_get_incident (store, id, error);
  SitrepTransition transition;

  if (incident == NULL)
    return FALSE;

  switch (sitrep_incident_get_status (incident))
    {
    case SITREP_STATUS_NEW:
      transition = SITREP_TRANSITION_ACKNOWLEDGE;
      break;

    case SITREP_STATUS_ACKNOWLEDGED:
      transition = SITREP_TRANSITION_RECOVER;
      break;

    case SITREP_STATUS_RECOVERED:
      transition = SITREP_TRANSITION_TRANSFER;
      break;

    default:
      transition = SITREP_TRANSITION_REOPEN;
      break;
    }

  return sitrep_store_transition (store, id, transition,
                                  sitrep_clock_get_now (sitrep_store_get_clock (store)),
                                  author, NULL,
                                  transition == SITREP_TRANSITION_TRANSFER
                                    ? "Problem management" : NULL,
                                  error);
}

gboolean
bench_team_wait_listening (SitrepStore *store)
{
  SitrepTeamListener *listener = sitrep_store_get_team_listener (store);
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!sitrep_team_listener_get_connected (listener) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);

  return sitrep_team_listener_get_connected (listener);
}

/* ---------------------------------------------------------------------- */
/* Latency                                                                 */
/* ---------------------------------------------------------------------- */

typedef struct
{
  gint64   id;
  gboolean seen;
  gint64   seen_at;
} Watch;

static void
other_desk_incident_changed_cb (SitrepStore *store,
                                gint64       id,
                                guint        changes,
                                gpointer     data)
{
  Watch *watch = data;

  if (id == watch->id && !watch->seen)
    {
      watch->seen = TRUE;
      watch->seen_at = g_get_monotonic_time ();
    }
}

static gboolean latency_between_processes (const char   *self_path,
                                           const char   *address,
                                           SitrepStore  *writer,
                                           gint64        id,
                                           GError      **error);

gboolean
bench_team_latency (const char  *self_path,
                    GError     **error)
{
  g_autofree char *address = bench_team_create_database ("sitrep_bench_latency");
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autoptr(SitrepStore) writer = NULL;
  g_autoptr(SitrepStore) reader = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  double latency[2][LATENCY_CHANGES / 2], write_ms[2][LATENCY_CHANGES / 2];
  double all[LATENCY_CHANGES];
  const char *what[2] = { "note", "transition" };
  Watch watch = { 0 };
  guint missed = 0;

  g_printerr ("latency: two desks, %d changes...\n", LATENCY_CHANGES);

  writer = sitrep_store_open_team (address, NULL, clock, error);
  if (writer == NULL)
    return FALSE;
  reader = sitrep_store_open_team (address, NULL, clock, error);
  if (reader == NULL)
    return FALSE;
  if (!bench_team_wait_listening (reader) || !bench_team_wait_listening (writer))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   "the desks did not listen on %s within 10 s", address);
      return FALSE;
    }

  incident = bench_team_new_incident ("Gateway timeout on srv0421", 3,
                                      sitrep_clock_get_now (clock));
  if (!sitrep_store_create_incident (writer, incident, "Ann", error))
    return FALSE;
  watch.id = sitrep_incident_get_id (incident);
  g_signal_connect (reader, "incident-changed",
                    G_CALLBACK (other_desk_incident_changed_cb), &watch);

  /* the creation's own notification first */
  watch.seen = FALSE;
  bench_team_wait (&watch.seen, 5000);

  for (guint i = 0; i < LATENCY_CHANGES; i++)
    {
      gint64 start, committed;
      gboolean ok;

      watch.seen = FALSE;
      start = g_get_monotonic_time ();
      if (i % 2 == 0)
        ok = sitrep_store_add_note (writer, watch.id, SITREP_TIME_NONE, "Ann", SITREP_TAG_NONE,
                                    "Checked the gateway's logs", error);
      else
        ok = take_next_step (writer, watch.id, "Ann", error);
      if (!ok)
        return FALSE;
      committed = g_get_monotonic_time ();

      if (!bench_team_wait (&watch.seen, 5000))
        {
          missed++;
          continue;
        }
      write_ms[i % 2][i / 2] = (committed - start) / 1000.0;
      latency[i % 2][i / 2] = (watch.seen_at - committed) / 1000.0;
      all[i] = latency[i % 2][i / 2];
    }

  printf ("\n### Change to another desk (%d changes, two desks in one process)\n\n",
          LATENCY_CHANGES);
  if (missed > 0)
    {
      printf ("%u changes never reached the other desk (within 5 s); the figures below "
              "are of the others.\n\n", missed);
      return TRUE;
    }
  printf ("| change | write (commit returned) median | to the other desk's handler: "
          "median | 99th percentile | max |\n");
  printf ("| --- | ---: | ---: | ---: | ---: |\n");
  for (guint k = 0; k < 2; k++)
    {
      double median_write = sitrep_bench_percentile (write_ms[k], LATENCY_CHANGES / 2, 0.5);
      double median = sitrep_bench_percentile (latency[k], LATENCY_CHANGES / 2, 0.5);
      double p99 = sitrep_bench_percentile (latency[k], LATENCY_CHANGES / 2, 0.99);

      printf ("| %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms |\n", what[k], median_write,
              median, p99, latency[k][LATENCY_CHANGES / 2 - 1]);
    }
  {
    double median = sitrep_bench_percentile (all, LATENCY_CHANGES, 0.5);
    double p99 = sitrep_bench_percentile (all, LATENCY_CHANGES, 0.99);

    printf ("| both | — | %.2f ms | %.2f ms | %.2f ms |\n", median, p99,
            all[LATENCY_CHANGES - 1]);
  }
  fflush (stdout);

  return latency_between_processes (self_path, address, writer, watch.id, error);
}

/* ---------------------------------------------------------------------- */
/* Latency to a desk in another process                                   */
/* ---------------------------------------------------------------------- */

typedef struct
{
  GString     *log;
  SitrepClock *clock;
  guint        left;
} Listening;

static void
listening_incident_changed_cb (SitrepStore *store,
                               gint64       id,
                               guint        changes,
                               gpointer     data)
{
  Listening *listening = data;

  g_string_append_printf (listening->log, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", id,
                          sitrep_clock_get_now_usec (listening->clock));
  if (listening->left > 0)
    listening->left--;
}

/* sitrep-bench-team --listen ADDRESS COUNT: a desk that says "ready" once
 * it listens, then notes when each of COUNT changes reached its store's
 * "incident-changed" (wall clock), and prints them at the end. */
int
bench_team_listen_main (int    argc,
                        char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autoptr(GString) log = g_string_new (NULL);
  Listening listening = { log, clock, 0 };
  gint64 until;

  if (argc != 4)
    {
      g_printerr ("usage: %s --listen ADDRESS COUNT\n", argv[0]);
      return 2;
    }
  listening.left = (guint) atoi (argv[3]);

  store = sitrep_store_open_team (argv[2], NULL, clock, &error);
  if (store == NULL || !bench_team_wait_listening (store))
    {
      g_printerr ("listening desk: %s\n", error != NULL ? error->message : "not listening");
      return 1;
    }
  g_signal_connect (store, "incident-changed", G_CALLBACK (listening_incident_changed_cb),
                    &listening);
  printf ("ready\n");
  fflush (stdout);

  until = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (listening.left > 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);

  fputs (log->str, stdout);
  return 0;
}

/* The same changes as bench_team_latency(), seen by a desk in another
 * process: commit to its handler through the server, two sockets and the
 * process's wake-up, as between two desks. */
static gboolean
latency_between_processes (const char    *self_path,
                           const char    *address,
                           SitrepStore   *writer,
                           gint64         id,
                           GError       **error)
{
  g_autofree char *count = g_strdup_printf ("%d", LATENCY_CHANGES);
  const char *args[] = { self_path, "--listen", address, count, NULL };
  g_autoptr(GSubprocess) desk = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  SitrepClock *clock = sitrep_store_get_clock (writer);
  gint64 committed[LATENCY_CHANGES];
  double lags[2][LATENCY_CHANGES / 2], all[LATENCY_CHANGES];
  const char *what[2] = { "note", "transition" };
  char *line;
  guint n = 0;

  desk = g_subprocess_newv (args, G_SUBPROCESS_FLAGS_STDOUT_PIPE, error);
  if (desk == NULL)
    return FALSE;
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (desk));
  line = g_data_input_stream_read_line (lines, NULL, NULL, error);
  if (g_strcmp0 (line, "ready") != 0)
    {
      g_free (line);
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the listening desk did not start");
      return FALSE;
    }
  g_free (line);

  /* one change every 50 ms: a change at a time, not a queue of them */
  for (guint i = 0; i < LATENCY_CHANGES; i++)
    {
      gboolean ok;

      if (i % 2 == 0)
        ok = sitrep_store_add_note (writer, id, SITREP_TIME_NONE, "Ann", SITREP_TAG_NONE,
                                    "Checked the gateway's logs", error);
      else
        ok = take_next_step (writer, id, "Ann", error);
      if (!ok)
        return FALSE;
      committed[i] = sitrep_clock_get_now_usec (clock);
      g_usleep (50 * 1000);
    }

  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    {
      gint64 seen_id, usec;

      if (sscanf (line, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, &seen_id, &usec) == 2
          && seen_id == id && n < LATENCY_CHANGES)
        {
          lags[n % 2][n / 2] = (usec - committed[n]) / 1000.0;
          all[n] = lags[n % 2][n / 2];
          n++;
        }
      g_free (line);
    }
  if (!g_subprocess_wait_check (desk, NULL, error))
    return FALSE;

  printf ("\n### Change to a desk in another process (%d changes, one every 50 ms)\n\n",
          LATENCY_CHANGES);
  if (n < LATENCY_CHANGES)
    {
      printf ("%u of %d changes reached the other desk within 2 minutes.\n", n,
              LATENCY_CHANGES);
      return TRUE;
    }
  printf ("| change | to the other desk's handler: median | 99th percentile | max |\n");
  printf ("| --- | ---: | ---: | ---: |\n");
  /* each figure apart: sitrep_bench_percentile() sorts the values */
  for (guint k = 0; k < 3; k++)
    {
      double *values = k < 2 ? lags[k] : all;
      guint n_values = k < 2 ? LATENCY_CHANGES / 2 : LATENCY_CHANGES;
      double median = sitrep_bench_percentile (values, n_values, 0.5);
      double p99 = sitrep_bench_percentile (values, n_values, 0.99);
      double max = sitrep_bench_percentile (values, n_values, 1.0);

      printf ("| %s | %.2f ms | %.2f ms | %.2f ms |\n", k < 2 ? what[k] : "both", median, p99,
              max);
    }
  fflush (stdout);

  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* One desk of the load part (its own process)                             */
/* ---------------------------------------------------------------------- */

typedef struct
{
  guint         number;
  char         *author;
  SitrepStore  *store;
  SitrepClock  *clock;
  GRand        *rand;
  GArray       *work_ids;
  gint64        start_usec;   /* wall clock, shared by all desks */
  gint64        end_usec;
  guint         n_writes;
  gboolean      done;
  GString      *log;
  /* counts */
  guint         notes;
  guint         transitions;
  guint         conflicts;    /* refused by the server (lock, serialization) */
  guint         stale;        /* refused: another desk changed it first */
  guint         other_errors;
  guint         given_up;
  guint         late;         /* writes started more than one interval late */
  char         *last_error;
} Desk;

static gboolean desk_write_cb (gpointer data);

static void
desk_schedule (Desk *desk)
{
  gint64 due = desk->start_usec + (gint64) desk->n_writes * WRITE_INTERVAL_MS * 1000
               + desk->number * 10 * 1000;
  gint64 now = sitrep_clock_get_now_usec (desk->clock);

  /* a desk that fell behind does fewer writes, not later ones */
  if (due >= desk->end_usec || now >= desk->end_usec)
    {
      desk->done = TRUE;
      return;
    }

  if (now - due > WRITE_INTERVAL_MS * 1000)
    desk->late++;
  g_timeout_add (due > now ? (guint) ((due - now) / 1000) : 0, desk_write_cb, desk);
}

/* One user action: a note or the next step of a shared incident, tried
 * again (after reading it again) when another desk was first, as a user
 * would after the window showed the other desk's change. */
static gboolean
desk_write_cb (gpointer data)
{
  Desk *desk = data;
  gboolean note = desk->n_writes % 2 == 0;
  gint64 id;
  gboolean ok = FALSE;

  id = g_array_index (desk->work_ids, gint64,
                        g_rand_int_range (desk->rand, 0, (gint32) desk->work_ids->len));

  for (guint attempt = 0; attempt < MAX_TRIES && !ok; attempt++)
    {
      g_autoptr(GError) error = NULL;

      if (note)
        ok = sitrep_store_add_note (desk->store, id, SITREP_TIME_NONE, desk->author,
                                    SITREP_TAG_NONE, "Checked the gateway's logs", &error);
      else
        ok = take_next_step (desk->store, id, desk->author, &error);

      if (ok)
        break;
      if (g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_LOCKED))
        desk->conflicts++;
      else if (g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_STALE)
               || error->domain == SITREP_LIFECYCLE_ERROR)
        desk->stale++;
      else
        {
          desk->other_errors++;
          g_free (desk->last_error);
          desk->last_error = g_strdup (error->message);
        }
    }

  if (ok)
    {
      g_string_append_printf (desk->log, "W %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", id,
                              sitrep_clock_get_now_usec (desk->clock));
      if (note)
        desk->notes++;
      else
        desk->transitions++;
    }
  else
    desk->given_up++;

  desk->n_writes++;
  desk_schedule (desk);

  return G_SOURCE_REMOVE;
}

static void
desk_notified_cb (SitrepTeamListener *listener,
                  gint64              id,
                  guint               changes,
                  int                 writer_pid,
                  gpointer            data)
{
  Desk *desk = data;

  g_string_append_printf (desk->log, "R %d %" G_GINT64_FORMAT " %u %" G_GINT64_FORMAT "\n",
                          writer_pid, id, changes, sitrep_clock_get_now_usec (desk->clock));
}

static gboolean
desk_start_cb (gpointer data)
{
  desk_schedule (data);
  return G_SOURCE_REMOVE;
}

/* sitrep-bench-team --desk NUMBER ADDRESS START_USEC SECONDS WORK_IDS LOG */
int
bench_team_desk_main (int    argc,
                      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepScheduler) scheduler = NULL;
  g_auto(GStrv) work = NULL;
  gboolean tail_over = FALSE;
  Desk desk = { 0 };
  int seconds;

  if (argc != 8)
    {
      g_printerr ("usage: %s --desk NUMBER ADDRESS START_USEC SECONDS WORK_IDS LOG\n",
                  argv[0]);
      return 2;
    }

  desk.number = (guint) atoi (argv[2]);
  desk.author = g_strdup_printf ("desk-%02u", desk.number);
  desk.start_usec = g_ascii_strtoll (argv[4], NULL, 10);
  seconds = atoi (argv[5]);
  desk.end_usec = desk.start_usec + (gint64) seconds * G_USEC_PER_SEC;
  desk.work_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  work = g_strsplit (argv[6], ",", -1);
  for (guint i = 0; work[i] != NULL; i++)
    {
      gint64 id = g_ascii_strtoll (work[i], NULL, 10);

      g_array_append_val (desk.work_ids, id);
    }
  desk.rand = g_rand_new_with_seed (desk.number);
  desk.log = g_string_new (NULL);
  desk.clock = sitrep_clock_new ();

  desk.store = sitrep_store_open_team (argv[3], NULL, desk.clock, &error);
  if (desk.store == NULL)
    {
      g_printerr ("%s: %s\n", desk.author, error->message);
      return 1;
    }
  /* the server process its notifications name as their writer */
  g_string_append_printf (desk.log, "P %d\n", desk.store->backend_pid);
  g_signal_connect_after (sitrep_store_get_team_listener (desk.store), "incident-changed",
                          G_CALLBACK (desk_notified_cb), &desk);
  scheduler = sitrep_scheduler_new (desk.store);
  sitrep_scheduler_start (scheduler);
  if (!bench_team_wait_listening (desk.store))
    {
      g_printerr ("%s: not listening after 10 s\n", desk.author);
      return 1;
    }

  {
    gint64 now = sitrep_clock_get_now_usec (desk.clock);

    g_timeout_add (desk.start_usec > now ? (guint) ((desk.start_usec - now) / 1000) : 0,
                   desk_start_cb, &desk);
  }
  while (!desk.done)
    g_main_context_iteration (NULL, TRUE);
  bench_team_wait (&tail_over, TAIL_SECONDS * 1000);

  g_string_append_printf (desk.log, "N %u %u %u %u %u %u %u\n", desk.notes, desk.transitions,
                          desk.conflicts, desk.stale, desk.other_errors, desk.given_up,
                          desk.late);
  if (desk.last_error != NULL)
    g_string_append_printf (desk.log, "E %s\n", desk.last_error);
  if (!g_file_set_contents (argv[7], desk.log->str, (gssize) desk.log->len, &error))
    {
      g_printerr ("%s: %s\n", desk.author, error->message);
      return 1;
    }

  g_clear_object (&scheduler);
  g_clear_object (&desk.store);
  g_clear_object (&desk.clock);
  g_rand_free (desk.rand);
  g_array_unref (desk.work_ids);
  g_string_free (desk.log, TRUE);
  g_free (desk.last_error);
  g_free (desk.author);

  return 0;
}

/* ---------------------------------------------------------------------- */
/* Load: the desks, and what the database and their logs say afterwards    */
/* ---------------------------------------------------------------------- */

typedef struct
{
  GArray *writes;        /* (element-type Event) successful writes */
  GArray *received;      /* (element-type Event) notifications */
  guint   counts[7];     /* the N line */
  char   *last_error;
  int     pid;           /* its server process, from its first write */
} DeskLog;

typedef struct
{
  int    writer_pid;
  gint64 id;
  gint64 usec;
} Event;

static void
desk_log_clear (DeskLog *log)
{
  g_clear_pointer (&log->writes, g_array_unref);
  g_clear_pointer (&log->received, g_array_unref);
  g_clear_pointer (&log->last_error, g_free);
}

static gboolean
read_desk_log (const char  *path,
               DeskLog     *log,
               GError     **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return FALSE;

  log->writes = g_array_new (FALSE, FALSE, sizeof (Event));
  log->received = g_array_new (FALSE, FALSE, sizeof (Event));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      Event event = { 0 };
      const char *line = lines[i];
      guint changes;

      if (line[0] == 'W' && sscanf (line, "W %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                    &event.id, &event.usec) == 2)
        g_array_append_val (log->writes, event);
      else if (line[0] == 'R' && sscanf (line, "R %d %" G_GINT64_FORMAT " %u %" G_GINT64_FORMAT,
                                         &event.writer_pid, &event.id, &changes,
                                         &event.usec) == 4)
        g_array_append_val (log->received, event);
      else if (line[0] == 'N')
        sscanf (line, "N %u %u %u %u %u %u %u", &log->counts[0], &log->counts[1],
                &log->counts[2], &log->counts[3], &log->counts[4], &log->counts[5],
                &log->counts[6]);
      else if (line[0] == 'P')
        log->pid = atoi (line + 2);
      else if (line[0] == 'E')
        log->last_error = g_strdup (line + 2);
    }

  return TRUE;
}

/* Matches each notification a desk received from @writer (by its server
 * process) with @writer's writes of the same incident, in order (the
 * server delivers notifications in commit order), and returns the lags;
 * @missing counts the writes that never arrived. Work and private
 * incidents only: the deadline watch's alerts are on others. */
static GArray *
match_lags (const DeskLog *writer,
            const DeskLog *reader,
            guint         *missing)
{
  g_autoptr(GHashTable) next = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GArray *lags = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GHashTable) per_incident = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                              g_free,
                                                              (GDestroyNotify) g_array_unref);

  /* the writer's commit times, by incident */
  for (guint i = 0; i < writer->writes->len; i++)
    {
      const Event *w = &g_array_index (writer->writes, Event, i);
      GArray *times = g_hash_table_lookup (per_incident, &w->id);

      if (times == NULL)
        {
          times = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (per_incident, g_memdup2 (&w->id, sizeof w->id), times);
        }
      g_array_append_val (times, w->usec);
    }

  for (guint i = 0; i < reader->received->len; i++)
    {
      const Event *r = &g_array_index (reader->received, Event, i);
      GArray *times;
      guint index;
      double lag;

      if (r->writer_pid != writer->pid)
        continue;
      times = g_hash_table_lookup (per_incident, &r->id);
      if (times == NULL)
        continue;
      index = GPOINTER_TO_UINT (g_hash_table_lookup (next, &r->id));
      if (index >= times->len)
        continue;
      g_hash_table_insert (next, g_memdup2 (&r->id, sizeof r->id), GUINT_TO_POINTER (index + 1));
      lag = (r->usec - g_array_index (times, gint64, index)) / 1000.0;
      g_array_append_val (lags, lag);
    }

  *missing = writer->writes->len - lags->len;
  return lags;
}

static char *
join_ids (const gint64 *ids,
          guint         n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);

  return g_string_free (text, FALSE);
}

static gboolean
run_load (const char  *self_path,
          gboolean     shared,
          GError     **error)
{
  const char *dbname = shared ? "sitrep_bench_load_shared" : "sitrep_bench_load_own";
  g_autofree char *address = bench_team_create_database (dbname);
  g_autofree char *folder = NULL;
  g_autofree char *work_list = NULL;
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autoptr(SitrepStore) store = NULL;
  GSubprocess *desks[N_DESKS] = { NULL };
  DeskLog logs[N_DESKS] = { { 0 } };
  gint64 work_ids[N_WORK_INCIDENTS], private_ids[N_DESKS];
  gint64 alert_ids[N_DESKS], alert_warn_at[N_DESKS];
  const char *value = g_getenv ("SITREP_BENCH_SECONDS");
  int seconds = value != NULL ? atoi (value) : DEFAULT_SECONDS;
  const char *size_value = g_getenv ("SITREP_BENCH_LOAD_SIZE");
  guint64 size = size_value != NULL ? g_ascii_strtoull (size_value, NULL, 10) : DEFAULT_LOAD_SIZE;
  double fill_seconds[4];
  gint64 start_usec, now;
  guint failed = 0, expected_alerts = 0;
  gboolean ok = TRUE;
  PGconn *conn;

  if (seconds <= 0)
    seconds = DEFAULT_SECONDS;

  folder = g_dir_make_tmp ("sitrep-bench-team-XXXXXX", error);
  if (folder == NULL)
    return FALSE;

  /* A database of some size, as a team's is: on a few rows the server
   * reads whole tables, and every write would seem to touch every other. */
  g_printerr ("load: filling %s with %" G_GUINT64_FORMAT " incidents...\n", dbname, size);
  if (size > 0)
    {
      bench_team_fill_database (dbname, size, fill_seconds);
      /* Its open incidents are dated March 2026, their alerts long
       * overdue: cleared, so that the desks' watches raise the run's own
       * alerts only, not a backlog. */
      conn = bench_team_connect (dbname);
      bench_team_exec (conn, "UPDATE incidents SET next_alert_at = NULL WHERE is_open = 1");
      PQfinish (conn);
    }
  g_printerr ("load: %d desks for %d s...\n", N_DESKS, seconds);
  store = sitrep_store_open_team (address, NULL, clock, error);
  if (store == NULL)
    return FALSE;

  /* Start in 15 s, when every desk has connected. The incidents the
   * desks share; one of each desk's own; and
   * incidents nobody touches whose response warning falls due during the
   * run, one after the other, which every desk's deadline watch raises. */
  now = sitrep_clock_get_now (clock);
  start_usec = (now + 15) * G_USEC_PER_SEC;
  for (guint i = 0; i < N_WORK_INCIDENTS + 2 * N_DESKS; i++)
    {
      g_autoptr(SitrepIncident) incident = NULL;
      int level = 3;
      gint64 reported_at = now;

      if (i >= N_WORK_INCIDENTS + N_DESKS)
        {
          guint k = i - N_WORK_INCIDENTS - N_DESKS;

          level = ALERT_LEVEL;
          alert_warn_at[k] = now + 15 + (gint64) (k + 1) * seconds / (N_DESKS + 1);
          reported_at = alert_warn_at[k] - ALERT_WARN_SECONDS;
        }
      incident = bench_team_new_incident ("Gateway timeout", level, reported_at);
      if (!sitrep_store_create_incident (store, incident, "Ann", error))
        return FALSE;
      if (i < N_WORK_INCIDENTS)
        work_ids[i] = sitrep_incident_get_id (incident);
      else if (i < N_WORK_INCIDENTS + N_DESKS)
        private_ids[i - N_WORK_INCIDENTS] = sitrep_incident_get_id (incident);
      else
        alert_ids[i - N_WORK_INCIDENTS - N_DESKS] = sitrep_incident_get_id (incident);
    }
  g_clear_object (&store);
  work_list = join_ids (work_ids, N_WORK_INCIDENTS);

  for (guint k = 0; k < N_DESKS; k++)
    {
      g_autofree char *number = g_strdup_printf ("%u", k);
      g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT, start_usec);
      g_autofree char *duration = g_strdup_printf ("%d", seconds);
      g_autofree char *own = g_strdup_printf ("%" G_GINT64_FORMAT, private_ids[k]);
      g_autofree char *name = g_strdup_printf ("desk-%02u.log", k);
      g_autofree char *log = g_build_filename (folder, name, NULL);
      const char *args[] = { self_path, "--desk", number, address, start, duration,
                             shared ? work_list : own, log, NULL };

      desks[k] = g_subprocess_newv (args, G_SUBPROCESS_FLAGS_NONE, error);
      if (desks[k] == NULL)
        return FALSE;
    }

  for (guint k = 0; k < N_DESKS; k++)
    {
      g_autofree char *name = g_strdup_printf ("desk-%02u.log", k);
      g_autofree char *log = g_build_filename (folder, name, NULL);
      g_autoptr(GError) desk_error = NULL;

      if (!g_subprocess_wait_check (desks[k], NULL, &desk_error)
          || !read_desk_log (log, &logs[k], &desk_error))
        {
          g_printerr ("desk %u: %s\n", k, desk_error->message);
          failed++;
        }
      g_clear_object (&desks[k]);
      g_unlink (log);
    }
  g_rmdir (folder);
  if (failed > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%u desks of %d failed", failed,
                   N_DESKS);
      return FALSE;
    }

  conn = bench_team_connect (address + strlen ("dbname="));

  if (shared)
    printf ("\n### Load: %d desks, a write every %d ms each, for %d s, on %d incidents they "
            "share\n\n", N_DESKS, WRITE_INTERVAL_MS, seconds, N_WORK_INCIDENTS);
  else
    printf ("\n### Load: %d desks, a write every %d ms each, for %d s, each on an incident "
            "of its own\n\n", N_DESKS, WRITE_INTERVAL_MS, seconds);
  printf ("The database held %" G_GUINT64_FORMAT " incidents of the store benchmark "
          "beforehand (SITREP_BENCH_LOAD_SIZE).\n\n", size);
  printf ("| desk | notes | transitions | in the database | refused: locked | refused: "
          "another desk first | other errors | given up | late | received | missed | "
          "lag median | lag p99 | lag max |\n");
  printf ("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | "
          "---: | ---: | ---: |\n");
  {
    g_autoptr(GArray) every_lag = g_array_new (FALSE, FALSE, sizeof (double));
    guint total[4] = { 0 };
    double worst = 0;

    for (guint r = 0; r < N_DESKS; r++)
      {
        g_autoptr(GArray) lags = g_array_new (FALSE, FALSE, sizeof (double));
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM timeline "
                                                "WHERE author = 'desk-%02u'", r);
        gint64 stored = bench_team_query_int (conn, sql);
        guint missing = 0, written = logs[r].counts[0] + logs[r].counts[1];
        double median, p99, max;

        for (guint k = 0; k < N_DESKS; k++)
          {
            g_autoptr(GArray) from_k = NULL;
            guint from_k_missing = 0;

            if (k == r)
              continue;
            from_k = match_lags (&logs[k], &logs[r], &from_k_missing);
            g_array_append_vals (lags, from_k->data, from_k->len);
            missing += from_k_missing;
          }
        g_array_append_vals (every_lag, lags->data, lags->len);
        median = sitrep_bench_percentile ((double *) (void *) lags->data, lags->len, 0.5);
        p99 = sitrep_bench_percentile ((double *) (void *) lags->data, lags->len, 0.99);
        max = sitrep_bench_percentile ((double *) (void *) lags->data, lags->len, 1.0);
        worst = MAX (worst, max);

        printf ("| desk-%02u | %u | %u | %" G_GINT64_FORMAT " | %u | %u | %u | %u | %u | %u | "
                "%u | %.1f ms | %.1f ms | %.1f ms |\n",
                r, logs[r].counts[0], logs[r].counts[1], stored, logs[r].counts[2],
                logs[r].counts[3], logs[r].counts[4], logs[r].counts[5], logs[r].counts[6],
                lags->len, missing, median, p99, max);
        if ((gint64) written != stored)
          {
            g_printerr ("desk-%02u: %u writes succeeded, %" G_GINT64_FORMAT
                        " timeline entries\n", r, written, stored);
            ok = FALSE;
          }
        if (logs[r].last_error != NULL)
          g_printerr ("desk-%02u's last other error: %s\n", r, logs[r].last_error);
        total[0] += written;
        total[1] += (guint) stored;
        total[2] += logs[r].counts[2] + logs[r].counts[3] + logs[r].counts[4];
        total[3] += missing;
      }

    {
      double median = sitrep_bench_percentile ((double *) (void *) every_lag->data,
                                             every_lag->len, 0.5);
      double p99 = sitrep_bench_percentile ((double *) (void *) every_lag->data,
                                          every_lag->len, 0.99);

      printf ("\nIn all: %u writes succeeded, %u timeline entries by the desks (%s); %u "
              "refusals; %u notifications not received; lag behind another desk's commit: "
              "median %.1f ms, 99th percentile %.1f ms, max %.1f ms.\n",
              total[0], total[1], total[0] == total[1] ? "none lost" : "MISMATCH", total[2],
              total[3], median, p99, worst);
    }
  }

  /* Alerts: every desk's watch raised them; the first to record one
   * wins, the others find it recorded. */
  {
    g_autofree char *alert_list = join_ids (alert_ids, N_DESKS);
    g_autofree char *sql_rows = g_strdup_printf ("SELECT count(*) FROM alerts WHERE "
                                                 "incident_id IN (%s)", alert_list);
    g_autofree char *sql_entries = g_strdup_printf ("SELECT count(*) FROM timeline WHERE "
                                                    "kind = 'alert' AND incident_id IN (%s)",
                                                    alert_list);
    gint64 end = start_usec / G_USEC_PER_SEC + seconds;
    gint64 rows = bench_team_query_int (conn, sql_rows);
    gint64 entries = bench_team_query_int (conn, sql_entries);
    gint64 duplicate_rows = bench_team_query_int (conn,
      "SELECT count(*) FROM (SELECT incident_id, alert_key FROM alerts "
      "GROUP BY incident_id, alert_key HAVING count(*) > 1) AS d");
    gint64 duplicate_entries = bench_team_query_int (conn,
      "SELECT count(*) FROM (SELECT incident_id, text FROM timeline WHERE kind = 'alert' "
      "GROUP BY incident_id, text HAVING count(*) > 1) AS d");
    gint64 double_steps = bench_team_query_int (conn,
      "SELECT count(*) FROM (SELECT split_part (text, ' ', 1) AS step,"
      " lag (split_part (text, ' ', 1)) OVER (PARTITION BY incident_id ORDER BY id) AS before"
      " FROM timeline WHERE kind = 'status') AS s WHERE step = before");

    /* warnings, and breaches 2.5 min later, that fell due before the end */
    for (guint k = 0; k < N_DESKS; k++)
      {
        if (alert_warn_at[k] <= end)
          expected_alerts++;
        if (alert_warn_at[k] - ALERT_WARN_SECONDS + ALERT_DUE_SECONDS <= end)
          expected_alerts++;
      }

    printf ("\nAlerts: %u response warnings and breaches fell due during the run; %"
            G_GINT64_FORMAT " alert rows and %" G_GINT64_FORMAT " alert timeline entries "
            "recorded; %" G_GINT64_FORMAT " duplicate rows, %" G_GINT64_FORMAT
            " duplicate entries.\n", expected_alerts, rows, entries, duplicate_rows,
            duplicate_entries);
    printf ("Status entries that repeat the step before them on the same incident (two "
            "desks taking the same step): %" G_GINT64_FORMAT ".\n", double_steps);
    {
      g_autofree char *sql_kinds = g_strdup_printf ("SELECT alert_key, count(*) FROM alerts "
                                                    "WHERE incident_id IN (%s) GROUP BY 1 "
                                                    "ORDER BY 1", alert_list);
      PGresult *result = PQexec (conn, sql_kinds);

      printf ("Alert rows by kind:");
      for (int r = 0; r < PQntuples (result); r++)
        printf ("%s %s %s", r > 0 ? "," : "", PQgetvalue (result, r, 0),
                PQgetvalue (result, r, 1));
      printf (" (a breach also calls for the escalation notice).\n");
      PQclear (result);
    }
    if (duplicate_rows > 0 || duplicate_entries > 0)
      ok = FALSE;
  }
  fflush (stdout);
  PQfinish (conn);

  for (guint k = 0; k < N_DESKS; k++)
    desk_log_clear (&logs[k]);

  if (!ok)
    g_printerr ("load: a check failed (see above)\n");

  return TRUE;
}

/* The desks on incidents they share (two desks often take the same step
 * at once), then each on an incident of its own (where any refusal is the
 * server's, not the users'). */
gboolean
bench_team_load (const char  *self_path,
                 GError     **error)
{
  return run_load (self_path, TRUE, error) && run_load (self_path, FALSE, error);
}
