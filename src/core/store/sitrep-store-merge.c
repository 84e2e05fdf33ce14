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
 * The search index's merges, while nobody writes.
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
 * (automerge 0): a second after the last write, it merges a few pages at
 * a time from the main loop, at the lowest priority, one step per turn
 * of the loop, until nothing is left to merge. A write in between puts
 * the next step off again. Most steps take well under a millisecond.
 * FTS5 stops a step only between words, so one that writes the postings
 * of a word found in most incidents takes up to about a tenth of a
 * second on a million incidents, and the first steps after a large
 * import up to 0.3 s: at a moment when nobody has written for a second.
 * A step never waits for another program's lock.
 *
 * When the store is rarely quiet for a second, FTS5 still merges within
 * a write once a level holds 16 segments ("crisismerge"), so the index
 * never grows without bound; those segments are the small ones of the
 * latest writes, cheap to merge.
 */

/* quiet time after a write before merging starts */
#define MERGE_QUIET_MS   1000
/* pages of the index merged per step */
#define MERGE_STEP_PAGES 32

static gboolean merge_step_cb (gpointer user_data);

static void
cancel_step (SitrepStore *self)
{
  if (self->merge_source == NULL)
    return;

  g_source_destroy (self->merge_source);
  g_clear_pointer (&self->merge_source, g_source_unref);
}

/* On the main context of the thread that uses the store. */
static void
schedule_step (SitrepStore *self,
               guint        delay_ms)
{
  cancel_step (self);
  self->merge_source = g_timeout_source_new (delay_ms);
  g_source_set_priority (self->merge_source, G_PRIORITY_LOW);
  g_source_set_callback (self->merge_source, merge_step_cb, self, NULL);
  g_source_set_name (self->merge_source, "[sitrep] search index merge");
  g_source_attach (self->merge_source, g_main_context_get_thread_default ());
}

/* One step: FTS5's 'merge' command with a budget of MERGE_STEP_PAGES.
 * It changes at most one row when there was nothing left to merge. */
static gboolean
merge_step_cb (gpointer user_data)
{
  SitrepStore *self = user_data;
  sqlite3 *handle = sitrep_db_get_handle (self->db);
  g_autoptr(GError) error = NULL;
  gint64 changes;
  gboolean ok;

  g_clear_pointer (&self->merge_source, g_source_unref);

  /* an import or a write in progress on this connection finishes first */
  if (self->in_import || sitrep_db_in_transaction (self->db))
    {
      schedule_step (self, self->merge_quiet_ms);
      return G_SOURCE_REMOVE;
    }

  changes = sqlite3_total_changes64 (handle);
  self->merge_stepping = TRUE;
  sitrep_db_set_busy_timeout (self->db, 0);
  ok = sitrep_db_exec (self->db,
                       "INSERT INTO incident_search (incident_search, rank) "
                       "VALUES ('merge', " G_STRINGIFY (MERGE_STEP_PAGES) ")",
                       &error);
  sitrep_db_set_busy_timeout (self->db, self->busy_timeout_ms);
  self->merge_stepping = FALSE;

  if (!ok)
    {
      /* Another program holds the lock: later. Anything else (a full
       * disk, a file made read-only) waits for the next write; the index
       * is as sound as before the step, only less merged. */
      if (g_error_matches (error, SITREP_DB_ERROR, SITREP_DB_ERROR_LOCKED))
        schedule_step (self, self->merge_quiet_ms);
      else
        g_debug ("The search index of “%s” was not merged: %s", self->path, error->message);
      return G_SOURCE_REMOVE;
    }

  self->n_merge_steps++;
  /* besides the merge, the step writes the command's own row */
  if (sqlite3_total_changes64 (handle) - changes > 1)
    schedule_step (self, 0);

  return G_SOURCE_REMOVE;
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
  gint64 automatic = 0;

  g_return_if_fail (SITREP_IS_STORE (self));
  g_return_if_fail (!self->team && !self->reader && !self->read_only);

  if (!sitrep_db_query_int64 (self->db,
                              "SELECT count(*) FROM incident_search_config "
                              "WHERE k = 'automerge' AND v = 0",
                              &automatic, &error) ||
      (automatic == 0 &&
       !sitrep_db_exec (self->db,
                        "INSERT INTO incident_search (incident_search, rank) "
                        "VALUES ('automerge', 0)",
                        &error)))
    {
      g_debug ("The search index of “%s” is merged within writes: %s", self->path,
               error->message);
      return;
    }

  self->merge_when_idle = TRUE;
  self->merge_quiet_ms = MERGE_QUIET_MS;
  /* what an earlier session or another program left to merge */
  schedule_step (self, self->merge_quiet_ms);
}

/**
 * _sitrep_store_merge_later:
 * @self: a store
 *
 * After a commit of the store's connection: the next merge step waits
 * for a second's quiet again.
 */
void
_sitrep_store_merge_later (SitrepStore *self)
{
  if (!self->merge_when_idle || self->merge_stepping)
    return;

  schedule_step (self, self->merge_quiet_ms);
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
    schedule_step (self, quiet_ms);
}

/**
 * _sitrep_store_stop_merging:
 * @self: a store
 *
 * Before the store's connection closes. What is left to merge is merged
 * by the next session.
 */
void
_sitrep_store_stop_merging (SitrepStore *self)
{
  cancel_step (self);
  self->merge_when_idle = FALSE;
}

/**
 * _sitrep_store_is_merge_pending:
 * @self: a store
 *
 * Returns: whether a merge step is to come
 */
gboolean
_sitrep_store_is_merge_pending (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  return self->merge_source != NULL;
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

  return self->n_merge_steps;
}
