/* sitrep-store-checkpoint.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "sitrep-store-private.h"

/*
 * Moving the write-ahead log into the database, away from the window.
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
 */

/* SQLite's own threshold for a checkpoint, in pages of the log. */
#define CHECKPOINT_PAGES 1000

typedef struct
{
  char    *path;
  GWeakRef store;
} Checkpoint;

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
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (checkpoint->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  /* A connection finds the log when it first reads. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA schema_version", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  /* Nothing is lost when it fails: the log stays, and is read as before. */
  if (rc != SQLITE_OK && rc != SQLITE_BUSY)
    g_debug ("The log of “%s” was not moved into the database: %s", checkpoint->path,
             db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_close_v2 (db);

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

/**
 * _sitrep_store_checkpoint_in_background:
 * @self: a store writing a desk's file
 *
 * Makes the store's connection leave checkpoints to a thread of their
 * own (see above).
 */
void
_sitrep_store_checkpoint_in_background (SitrepStore *self)
{
  g_return_if_fail (SITREP_IS_STORE (self));
  g_return_if_fail (!self->team && !self->reader);

  /* Replaces SQLite's automatic checkpoint, which is a hook as well. */
  sqlite3_wal_hook (sitrep_db_get_handle (self->db), wal_hook_cb, self);
}

/**
 * _sitrep_store_stop_checkpoints:
 * @self: a store
 *
 * Before the store's connection closes: no checkpoint is started for it
 * any more. One already running finishes on its own connection.
 */
void
_sitrep_store_stop_checkpoints (SitrepStore *self)
{
  g_clear_handle_id (&self->checkpoint_source, g_source_remove);
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
