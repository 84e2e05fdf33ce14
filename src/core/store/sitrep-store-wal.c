/* sitrep-store-wal.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "sitrep-store-private.h"

/*
 * A desk's file and its write-ahead log ("-wal"): what other programs
 * write is seen through the log, and the log is moved into the file away
 * from the window.
 *
 * Another program (or another store on the same file) that writes
 * changes the log: shortly after, the store asks SQLite whether anything
 * was committed since it last looked, and if so says that everything
 * changed.
 *
 * A desk's file is in WAL mode: a commit appends to the log, and SQLite
 * copies the log into the database file (a checkpoint) in the commit that
 * brings the log past 1,000 pages. That commit is whichever comes next,
 * most often a user's note on the main thread, and after a large write
 * (an import, the deadline watch's catch-up at start-up on a million
 * incidents) it copied tens of megabytes there: the window stood still
 * for more than a second.
 *
 * The store's connection no longer checkpoints. Once the log is past the
 * same size, a checkpoint runs on a thread of its own, on a connection of
 * its own, in SQLite's passive mode: it waits for no reader and no
 * writer, and what it cannot copy yet is copied by the next one.
 *
 * Once a checkpoint has copied the whole log, the next write starts the
 * log over from its beginning, and first syncs the log's new header to
 * the disk, whatever `synchronous` says: on a busy disk that one sync
 * took 124 ms, in the deadline watch's write on the main thread. The
 * merging thread (sitrep-store-merge.c) makes that write instead, right
 * after the checkpoint: _sitrep_store_start_log_over().
 */

/* SQLite's own threshold for a checkpoint, in pages of the log. */
#define CHECKPOINT_PAGES 1000

static gboolean
external_check_cb (gpointer user_data)
{
  SitrepStore *self = user_data;

  g_clear_pointer (&self->external_check_source, g_source_unref);
  sitrep_store_check_external_changes (self);

  return G_SOURCE_REMOVE;
}

static void
wal_changed_cb (GFileMonitor      *monitor,
                GFile             *file,
                GFile             *other_file,
                GFileMonitorEvent  event,
                SitrepStore       *self)
{
  /* Coalesce a burst of writes into one check. */
  if (self->external_check_source != NULL)
    return;

  self->external_check_source = g_timeout_source_new (EXTERNAL_CHECK_DELAY_MS);
  g_source_set_callback (self->external_check_source, external_check_cb, self, NULL);
  g_source_set_name (self->external_check_source, "[sitrep] external database changes");
  g_source_attach (self->external_check_source, g_main_context_get_thread_default ());
}

static void
watch_other_writes (SitrepStore *self)
{
  g_autofree char *wal_path = g_strconcat (self->path, "-wal", NULL);
  g_autoptr(GFile) wal = g_file_new_for_path (wal_path);

  /* Without a monitor, sitrep_store_check_external_changes() still works. */
  self->wal_monitor = g_file_monitor_file (wal, G_FILE_MONITOR_NONE, NULL, NULL);
  if (self->wal_monitor != NULL)
    g_signal_connect (self->wal_monitor, "changed", G_CALLBACK (wal_changed_cb), self);
}

typedef struct
{
  char    *path;
  GWeakRef store;
  gboolean emptied;  /* the whole log was copied */
} Checkpoint;

/* _sitrep_store_hold_checkpoints(): checkpoints wait while it is set. */
static GMutex   hold_lock;
static GCond    hold_cond;
static gboolean hold_checkpoints;

static void
checkpoint_free (gpointer data)
{
  Checkpoint *checkpoint = data;

  g_free (checkpoint->path);
  g_weak_ref_clear (&checkpoint->store);
  g_free (checkpoint);
}

static void
checkpoint_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Checkpoint *checkpoint = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepDb) db = sitrep_db_open (checkpoint->path,
                                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, 0,
                                           &error);

  g_mutex_lock (&hold_lock);
  while (hold_checkpoints)
    g_cond_wait (&hold_cond, &hold_lock);
  g_mutex_unlock (&hold_lock);

  /* A connection finds the log when it first reads. */
  if (db != NULL && sitrep_db_exec (db, "PRAGMA schema_version", &error))
    {
      int n_frames = 0;
      int n_copied = 0;
      int rc = sqlite3_wal_checkpoint_v2 (sitrep_db_get_handle (db), NULL,
                                          SQLITE_CHECKPOINT_PASSIVE, &n_frames, &n_copied);

      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        sitrep_db_set_error (db, rc, &error);
      checkpoint->emptied = rc == SQLITE_OK && n_frames > 0 && n_copied == n_frames;
    }
  /* Nothing is lost when it fails: the log stays, and is read as before. */
  if (error != NULL)
    g_debug ("The log of “%s” was not moved into the database: %s", checkpoint->path,
             error->message);

  g_task_return_boolean (task, TRUE);
}

static void
checkpoint_done_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Checkpoint *checkpoint = g_task_get_task_data (G_TASK (result));
  g_autoptr(SitrepStore) self = g_weak_ref_get (&checkpoint->store);

  if (self == NULL)
    return;

  self->checkpointing = FALSE;
  self->n_checkpoints++;
  if (checkpoint->emptied)
    _sitrep_store_start_log_over (self);
}

static gboolean
start_checkpoint (gpointer user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(SitrepStore) self = g_weak_ref_get (ref);
  g_autoptr(GTask) task = NULL;
  Checkpoint *checkpoint;

  if (self == NULL)
    return G_SOURCE_REMOVE;

  self->checkpoint_source = 0;
  checkpoint = g_new0 (Checkpoint, 1);
  checkpoint->path = g_strdup (self->path);
  g_weak_ref_init (&checkpoint->store, self);

  /* The store is not the task's source: it may close meanwhile. */
  task = g_task_new (NULL, NULL, checkpoint_done_cb, NULL);
  g_task_set_source_tag (task, start_checkpoint);
  g_task_set_name (task, "[sitrep] checkpoint");
  g_task_set_task_data (task, checkpoint, checkpoint_free);
  g_task_run_in_thread (task, checkpoint_thread);

  return G_SOURCE_REMOVE;
}

static void
weak_ref_free (gpointer data)
{
  GWeakRef *ref = data;

  g_weak_ref_clear (ref);
  g_free (ref);
}

/* After each commit of the store's connection, on its thread. */
static int
wal_hook_cb (void       *user_data,
             sqlite3    *db,
             const char *name,
             int         pages)
{
  SitrepStore *self = user_data;
  GWeakRef *ref;

  _sitrep_store_request_sync (self);
  _sitrep_store_merge_later (self);

  if (pages < CHECKPOINT_PAGES || self->checkpointing)
    return SQLITE_OK;

  /* Started from the main loop, once the caller's work is done. */
  self->checkpointing = TRUE;
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  self->checkpoint_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, start_checkpoint,
                                             ref, weak_ref_free);
  return SQLITE_OK;
}

/* Makes the store's connection leave checkpoints to a thread of their
 * own (see above). */
static void
checkpoint_in_background (SitrepStore *self)
{
  /* Replaces SQLite's automatic checkpoint, which is a hook as well. */
  sqlite3_wal_hook (sitrep_db_get_handle (self->db), wal_hook_cb, self);
}

/**
 * _sitrep_store_watch_wal:
 * @self: a store of a desk's file, just opened
 *
 * Watches the log for other programs' writes, and, unless the store only
 * reads, syncs the log after each commit (sitrep-store-sync.c) and moves
 * it into the file on threads of its own, and merges the search index
 * when the store is quiet (sitrep-store-merge.c).
 */
void
_sitrep_store_watch_wal (SitrepStore *self)
{
  g_return_if_fail (SITREP_IS_STORE (self));
  g_return_if_fail (!self->team && !self->reader);

  watch_other_writes (self);
  if (!self->read_only)
    {
      _sitrep_store_start_syncing (self);
      checkpoint_in_background (self);
      _sitrep_store_merge_when_idle (self);
    }
}

/**
 * _sitrep_store_unwatch_wal:
 * @self: a store
 *
 * Before the store's connection closes: no check of other programs'
 * writes and no checkpoint is started for it any more. A checkpoint
 * already running finishes on its own connection.
 */
void
_sitrep_store_unwatch_wal (SitrepStore *self)
{
  if (self->external_check_source != NULL)
    {
      g_source_destroy (self->external_check_source);
      g_clear_pointer (&self->external_check_source, g_source_unref);
    }

  if (self->wal_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->wal_monitor, self);
      g_file_monitor_cancel (self->wal_monitor);
      g_clear_object (&self->wal_monitor);
    }

  g_clear_handle_id (&self->checkpoint_source, g_source_remove);
  _sitrep_store_stop_merging (self);
  if (self->db != NULL && !self->team && !self->reader)
    sqlite3_wal_hook (sitrep_db_get_handle (self->db), NULL, NULL);
}

/**
 * _sitrep_store_get_n_checkpoints:
 * @self: a store
 *
 * Returns: how many checkpoints the store started have finished
 */
guint
_sitrep_store_get_n_checkpoints (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), 0);

  return self->n_checkpoints;
}

/**
 * _sitrep_store_is_checkpointing:
 * @self: a store
 *
 * Returns: whether a checkpoint is asked for or running
 */
gboolean
_sitrep_store_is_checkpointing (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  return self->checkpointing;
}

/**
 * _sitrep_store_hold_checkpoints:
 * @hold: whether checkpoints wait
 *
 * Holds back every checkpoint of the process before it begins, as a busy
 * disk does, until called again with %FALSE. For tests.
 */
void
_sitrep_store_hold_checkpoints (gboolean hold)
{
  g_mutex_lock (&hold_lock);
  hold_checkpoints = hold;
  g_cond_broadcast (&hold_cond);
  g_mutex_unlock (&hold_lock);
}

/**
 * sitrep_store_check_external_changes:
 * @self: a #SitrepStore
 *
 * Checks whether another program (or another store on the same file) has
 * written to the database since the last check, and if so reloads the
 * policy and emits #SitrepStore::changed. Cheap: it runs
 * `PRAGMA data_version`. The store calls it by itself shortly after the
 * database's "-wal" file changes.
 *
 * Returns: %TRUE when something changed
 */
gboolean
sitrep_store_check_external_changes (SitrepStore *self)
{
  g_autoptr(GError) error = NULL;
  gboolean others;
  gint64 version;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  /* a team database's changes are announced by the server */
  if (self->in_import || self->team)
    return FALSE;

  if (!_sitrep_store_read_data_version (self, &version, &others, &error))
    {
      g_warning ("%s", error->message);
      return FALSE;
    }

  if (version == self->data_version)
    return FALSE;

  self->data_version = version;
  /* only the store's merges of its search index wrote */
  if (!others)
    return FALSE;

  {
    g_autoptr(SitrepPolicy) policy = _sitrep_store_read_policy (self, &error);

    if (policy != NULL)
      g_set_object (&self->policy, policy);
    else
      g_warning ("%s", error->message);
  }

  _sitrep_store_emit_changed (self);
  return TRUE;
}
