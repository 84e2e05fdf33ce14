/* sitrep-store-merge.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "sitrep-store-private.h"

/*
 * The search index's merges, on a thread, while nobody writes.
 *
 * FTS5 keeps the search index as segments: each write adds one, and
 * segments of the same level are merged into one of the next level. By
 * default a write does a share of that merging itself (FTS5's
 * "automerge"), and the write that finishes a merge removes the merged
 * segments as well. On 1,000,000 incidents, on the index as an import
 * leaves it, that made one note in a few hundred take from 50 ms to 1.6 s,
 * against under a millisecond for most (bench/sitrep-bench-merge.c).
 *
 * The store's own file leaves the merging to the store instead
 * (automerge 0): a second after the last write, a thread merges a few
 * pages at a time, through a connection of its own, until nothing is left
 * to merge. Most steps take well under a millisecond. FTS5 stops a step
 * only between words, so one that writes the postings of a word found in
 * most incidents takes up to about a tenth of a second on a million
 * incidents, and the first steps after a large import up to 0.3 s; the
 * window goes on meanwhile.
 *
 * A step holds the file's write lock. A write of the store that finds
 * the lock taken (sitrep_db_set_busy_notify()) interrupts the step,
 * which SQLite undoes whole, and stops the thread; it waits a
 * millisecond or two. So that merging still goes on when the store
 * writes faster than steps end, a step that follows MERGE_INTERRUPTS
 * interrupted ones, with none finished in between, is not interrupted:
 * the write waits for it. At a user's pace steps finish between the
 * writes, and no write waits. A write that commits between two steps
 * stops the thread as well. Merging goes on after the next quiet
 * second. A step never waits for another program's lock.
 *
 * The merge's commits are another connection's, and SQLite's
 * data_version, by which the store sees other programs' writes
 * (sitrep_store_check_external_changes()), changes with them too.
 * _sitrep_store_read_data_version() tells them apart: the merging
 * connection's own data_version changes with every commit but its own,
 * so a change that the store's connection saw while the merging one saw
 * none, with steps in between, was the merge's. The store checks before
 * and after each run, so that its own writes seldom fall in between; one
 * that does (a note written while the thread merges) makes the check
 * take the run for another program's writes, and the views read again
 * what they show: once too often, never once too few.
 *
 * When the store is rarely quiet for a second, FTS5 still merges within
 * a write once a level holds 16 segments ("crisismerge"), so the index
 * never grows without bound; those segments are the small ones of the
 * latest writes, cheap to merge.
 *
 * The thread also begins the write-ahead log when the store opens (the
 * last session's end removed it) and starts it over after a checkpoint
 * emptied it (sitrep-store-wal.c): a run that begins with that sets the
 * index's automerge to the 0 it already is, a write that changes nothing
 * else and counts as a step. It syncs the log's new header on this
 * thread, not in the store's next write on the main thread. When a
 * reader still holds the old log, that write appends to it instead, and
 * the store's write after the next checkpoint may start it over.
 *
 * The merging connection commits without syncing (`synchronous` NORMAL):
 * a step holds the write lock until its commit returns, and a sync in
 * it cannot be interrupted; a write of the store's would wait for it.
 * A step lost to a power cut leaves the index as it was before, sound.
 * It leaves checkpoints to the store's checkpoint thread, which tells
 * this one when the log is to be started over.
 */

/* quiet time after a write before merging starts */
#define MERGE_QUIET_MS   1000
/* pages of the index merged per step */
#define MERGE_STEP_PAGES 32
/* interrupted steps in a row after which a write waits for the next */
#define MERGE_INTERRUPTS 4

#define MERGE_SQL \
  "INSERT INTO incident_search (incident_search, rank) " \
  "VALUES ('merge', " G_STRINGIFY (MERGE_STEP_PAGES) ")"
#define AUTOMERGE_OFF_SQL \
  "INSERT INTO incident_search (incident_search, rank) VALUES ('automerge', 0)"

struct _SitrepStoreMerger
{
  GMutex    lock;     /* held for a step, and to read db's data_version */
  SitrepDb *db;       /* the merging connection; NULL once the store stops */
  guint     n_steps;  /* steps that ran (atomic) */
  guint     n_interrupted;  /* steps interrupted since one finished (atomic) */
};

static void
merger_clear (gpointer data)
{
  SitrepStoreMerger *merger = data;

  g_clear_pointer (&merger->db, sitrep_db_close);
  g_mutex_clear (&merger->lock);
}

static void
merger_unref (SitrepStoreMerger *merger)
{
  g_atomic_rc_box_release_full (merger, merger_clear);
}

/* One run of the thread, until nothing is left to merge or it is told
 * to stop. */
typedef struct
{
  GWeakRef           store;
  SitrepStoreMerger *merger;
  gboolean           restart;   /* starts the log over first */
  gboolean           finished;  /* nothing was left to merge */
} Run;

static void
run_free (gpointer data)
{
  Run *run = data;

  g_weak_ref_clear (&run->store);
  merger_unref (run->merger);
  g_free (run);
}

static gboolean start_run_cb (gpointer user_data);

static void
cancel_timer (SitrepStore *self)
{
  if (self->merge_source == NULL)
    return;

  g_source_destroy (self->merge_source);
  g_clear_pointer (&self->merge_source, g_source_unref);
}

/* On the main context of the thread that uses the store. */
static void
schedule_run (SitrepStore *self,
              guint        delay_ms)
{
  cancel_timer (self);
  self->merge_source = g_timeout_source_new (delay_ms);
  g_source_set_priority (self->merge_source, G_PRIORITY_LOW);
  g_source_set_callback (self->merge_source, start_run_cb, self, NULL);
  g_source_set_name (self->merge_source, "[sitrep] search index merge");
  g_source_attach (self->merge_source, g_main_context_get_thread_default ());
}

/* Steps of FTS5's 'merge' command with a budget of MERGE_STEP_PAGES
 * each, after the write that starts the log over when the run is asked
 * to. A step changes at most one row (the command's own) when there was
 * nothing left to merge. */
static void
merge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Run *run = task_data;
  SitrepStoreMerger *merger = run->merger;

  while (!run->finished && !g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_mutex_lock (&merger->lock);
      if (merger->db == NULL)
        {
          g_mutex_unlock (&merger->lock);
          break;
        }
      {
        sqlite3 *handle = sitrep_db_get_handle (merger->db);
        gint64 changes = sqlite3_total_changes64 (handle);

        ok = sitrep_db_exec (merger->db, run->restart ? AUTOMERGE_OFF_SQL : MERGE_SQL,
                             &error);
        if (ok)
          {
            g_atomic_int_set (&merger->n_interrupted, 0);
            g_atomic_int_inc (&merger->n_steps);
            if (run->restart)
              run->restart = FALSE;
            else
              run->finished = sqlite3_total_changes64 (handle) - changes <= 1;
          }
        else if (g_cancellable_is_cancelled (cancellable))
          {
            g_atomic_int_inc (&merger->n_interrupted);
          }
      }
      g_mutex_unlock (&merger->lock);

      if (!ok)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
merge_done_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Run *run = g_task_get_task_data (G_TASK (result));
  g_autoptr(SitrepStore) self = g_weak_ref_get (&run->store);
  g_autoptr(GError) error = NULL;
  gboolean ran = g_task_propagate_boolean (G_TASK (result), &error);
  gboolean asked_meanwhile;

  /* a run of a store that stopped merging meanwhile */
  if (self == NULL || self->merge_cancellable != g_task_get_cancellable (G_TASK (result)))
    return;

  g_clear_object (&self->merge_cancellable);

  /* a checkpoint emptied the log during the run */
  asked_meanwhile = self->log_restart_wanted;
  /* the log is still to be started over, by the next run */
  if (run->restart)
    self->log_restart_wanted = TRUE;

  if (!ran)
    {
      /* Another program holds the lock: later. Anything else (a full
       * disk, a file made read-only) waits for the next write; the index
       * is as sound as before the step, only less merged. */
      if (g_error_matches (error, SITREP_DB_ERROR, SITREP_DB_ERROR_LOCKED))
        schedule_run (self, self->merge_quiet_ms);
      else
        g_debug ("The search index of “%s” was not merged: %s", self->path, error->message);
    }
  else if (!run->finished)
    {
      /* stopped for a write of the store's */
      schedule_run (self, self->merge_quiet_ms);
    }

  if (asked_meanwhile)
    schedule_run (self, 0);

  /* what changed during the run, told apart from it while only its
   * commits came after the check before it */
  sitrep_store_check_external_changes (self);
}

static gboolean
start_run_cb (gpointer user_data)
{
  /* the check below may tell the views, which may let the store go */
  g_autoptr(SitrepStore) self = g_object_ref (user_data);
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_clear_pointer (&self->merge_source, g_source_unref);

  /* a run still going on (told to stop), an import or a write in
   * progress on the store's connection: later */
  if (self->merge_cancellable != NULL || self->in_import ||
      sitrep_db_in_transaction (self->db))
    {
      schedule_run (self, self->merge_quiet_ms);
      return G_SOURCE_REMOVE;
    }

  /* what changed up to now is not the merge's */
  sitrep_store_check_external_changes (self);

  run = g_new0 (Run, 1);
  g_weak_ref_init (&run->store, self);
  run->merger = g_atomic_rc_box_acquire (self->merger);
  run->restart = self->log_restart_wanted;
  self->log_restart_wanted = FALSE;

  /* The store is not the task's source: it may close meanwhile. */
  self->merge_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->merge_cancellable, merge_done_cb, NULL);
  g_task_set_source_tag (task, start_run_cb);
  g_task_set_name (task, "[sitrep] search index merge");
  g_task_set_task_data (task, run, run_free);
  /* a run told to stop says how far it got */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, merge_thread);

  return G_SOURCE_REMOVE;
}

/* A statement of the store found the write lock taken, maybe by a step:
 * the thread stops after it, and the step itself stops where it is, its
 * work undone, unless MERGE_INTERRUPTS steps in a row were interrupted
 * before it. Merging goes on, however often the store writes: FTS5 would
 * otherwise merge the segments left within a write, once 16 of a level
 * pile up. */
static void
busy_cb (gpointer db,
         gpointer user_data)
{
  SitrepStore *self = user_data;

  if (self->merge_cancellable == NULL)
    return;

  g_cancellable_cancel (self->merge_cancellable);
  /* the merging connection closes on this thread only */
  if (g_atomic_int_get (&self->merger->n_interrupted) < MERGE_INTERRUPTS)
    sqlite3_interrupt (sitrep_db_get_handle (self->merger->db));
}

/**
 * _sitrep_store_merge_when_idle:
 * @self: a writing store of a desk's file, just opened
 *
 * Leaves the search index's merges to the store (see above). A file
 * whose setting cannot be changed now (another program holds the lock)
 * keeps FTS5's merges within writes, as before.
 */
void
_sitrep_store_merge_when_idle (SitrepStore *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepDb) db = NULL;
  gint64 automatic = 0;
  gint64 version = 0;

  g_return_if_fail (SITREP_IS_STORE (self));
  g_return_if_fail (!self->team && !self->reader && !self->read_only);
  g_return_if_fail (self->merger == NULL);

  /* A connection that another thread uses at other times; it waits for
   * no lock. It finds the log when it first reads. */
  db = sitrep_db_open (self->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, 0, &error);
  if (db == NULL ||
      !sitrep_db_exec (db, "PRAGMA synchronous = NORMAL", &error) ||
      !sitrep_db_exec (db, "PRAGMA wal_autocheckpoint = 0", &error) ||
      !sitrep_db_query_int64 (db, "PRAGMA data_version", &version, &error) ||
      !sitrep_db_query_int64 (self->db,
                              "SELECT count(*) FROM incident_search_config "
                              "WHERE k = 'automerge' AND v = 0",
                              &automatic, &error) ||
      (automatic == 0 && !sitrep_db_exec (self->db, AUTOMERGE_OFF_SQL, &error)))
    {
      g_debug ("The search index of “%s” is merged within writes: %s", self->path,
               error->message);
      return;
    }

  self->merger = g_atomic_rc_box_new0 (SitrepStoreMerger);
  g_mutex_init (&self->merger->lock);
  self->merger->db = g_steal_pointer (&db);
  self->merge_version = version;
  self->merge_steps_seen = 0;
  self->merge_quiet_ms = MERGE_QUIET_MS;
  sitrep_db_set_busy_notify (self->db, busy_cb, self);

  /* The last connection of the last session removed the log: the thread
   * begins it, with what an earlier session or another program left to
   * merge. */
  self->log_restart_wanted = TRUE;
  schedule_run (self, 0);
}

/**
 * _sitrep_store_merge_later:
 * @self: a store
 *
 * After a commit of the store's connection: a running merge stops after
 * its step, and the next waits for a second's quiet again.
 */
void
_sitrep_store_merge_later (SitrepStore *self)
{
  if (self->merger == NULL)
    return;

  if (self->merge_cancellable != NULL)
    g_cancellable_cancel (self->merge_cancellable);
  schedule_run (self, self->merge_quiet_ms);
}

/**
 * _sitrep_store_start_log_over:
 * @self: a store
 *
 * After a checkpoint copied the whole log into the file: the merging
 * thread starts the log over right away (see above), before the store
 * writes again. A store that does not merge leaves it to its next write.
 */
void
_sitrep_store_start_log_over (SitrepStore *self)
{
  if (self->merger == NULL)
    return;

  self->log_restart_wanted = TRUE;
  /* a run going on asks for the next when it ends */
  if (self->merge_cancellable == NULL)
    schedule_run (self, 0);
}

/**
 * _sitrep_store_read_data_version:
 * @self: a store of a desk's file
 * @version: (out): the store's connection's data_version
 * @others: (out): whether a connection other than the store's and its
 *   merging one may have committed since the last call
 * @error: return location for a #GError
 *
 * For sitrep_store_check_external_changes(). When the store merges, the
 * merging connection's data_version is read before and after the
 * store's: a change of the store's connection's since the last call
 * is the merge's alone when steps ran and the merging connection saw no
 * commit from the first read of the last call to the second of this one,
 * a span that covers the store's two reads. A commit of the store's own
 * in that span counts as another's.
 *
 * While a step runs, nothing is read: @version is the last one, and the
 * store checks again when the merge stops.
 *
 * Returns: %FALSE with @error set when a read failed
 */
gboolean
_sitrep_store_read_data_version (SitrepStore  *self,
                                 gint64       *version,
                                 gboolean     *others,
                                 GError      **error)
{
  SitrepStoreMerger *merger = self->merger;
  gint64 before = 0, after = 0;
  guint steps;
  gboolean ok;

  *others = TRUE;
  if (merger == NULL)
    return sitrep_db_query_int64 (self->db, "PRAGMA data_version", version, error);

  if (!g_mutex_trylock (&merger->lock))
    {
      *version = self->data_version;
      return TRUE;
    }

  ok = sitrep_db_query_int64 (merger->db, "PRAGMA data_version", &before, error) &&
       sitrep_db_query_int64 (self->db, "PRAGMA data_version", version, error) &&
       sitrep_db_query_int64 (merger->db, "PRAGMA data_version", &after, error);
  steps = g_atomic_int_get (&merger->n_steps);
  g_mutex_unlock (&merger->lock);

  if (!ok)
    return FALSE;

  *others = steps == self->merge_steps_seen || after != self->merge_version;
  self->merge_version = before;
  self->merge_steps_seen = steps;

  return TRUE;
}

/**
 * _sitrep_store_set_merge_quiet_ms:
 * @self: a store that merges when idle
 * @quiet_ms: how long after a write merging starts
 *
 * For tests and benchmarks, which cannot wait a second after each write.
 */
void
_sitrep_store_set_merge_quiet_ms (SitrepStore *self,
                                  guint        quiet_ms)
{
  g_return_if_fail (SITREP_IS_STORE (self));

  self->merge_quiet_ms = quiet_ms;
  if (self->merge_source != NULL)
    schedule_run (self, quiet_ms);
}

/**
 * _sitrep_store_stop_merging:
 * @self: a store
 *
 * Before the store's connection closes: a running step is interrupted
 * (its work undone), and the merging connection closes. What is left to
 * merge is merged by the next session.
 */
void
_sitrep_store_stop_merging (SitrepStore *self)
{
  cancel_timer (self);

  if (self->merger == NULL)
    return;

  if (self->merge_cancellable != NULL)
    {
      g_cancellable_cancel (self->merge_cancellable);
      g_clear_object (&self->merge_cancellable);
      sqlite3_interrupt (sitrep_db_get_handle (self->merger->db));
    }

  if (self->db != NULL)
    sitrep_db_set_busy_notify (self->db, NULL, NULL);

  g_mutex_lock (&self->merger->lock);
  g_clear_pointer (&self->merger->db, sitrep_db_close);
  g_mutex_unlock (&self->merger->lock);
  g_clear_pointer (&self->merger, merger_unref);
}

/**
 * _sitrep_store_is_merge_pending:
 * @self: a store
 *
 * Returns: whether a merge is running or to come
 */
gboolean
_sitrep_store_is_merge_pending (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  return self->merge_source != NULL || self->merge_cancellable != NULL;
}

/**
 * _sitrep_store_get_n_merge_steps:
 * @self: a store
 *
 * Returns: how many merge steps the store ran
 */
guint
_sitrep_store_get_n_merge_steps (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), 0);

  return self->merger != NULL ? (guint) g_atomic_int_get (&self->merger->n_steps) : 0;
}
