/* sitrep-store-sync.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "sitrep-main-context.h"
#include "sitrep-store-private.h"

/*
 * A desk's commits, put on the disk away from the window.
 *
 * A user's action is saved once it is on the disk: a power cut after the
 * window showed it must not take it back. SQLite does that with
 * `synchronous = FULL`, which syncs the write-ahead log inside each
 * commit; on a slow disk that sync alone held the window for tens of
 * milliseconds, up to a quarter of a second, after every note.
 *
 * A writable desk's connection therefore commits with NORMAL (the commit
 * appends to the log and returns; the file stays consistent whatever
 * happens), and a thread of the store's own syncs the log right after
 * each commit. Commits that come while it syncs are synced together by
 * the next sync. A write submitted through sitrep_store_submit() is
 * announced ("incident-changed", …) and reported to whoever submitted it
 * only once a sync that began after its commit has finished: the window
 * never says "saved" of what a power cut could still take back, and it
 * never waits for the disk. When the store closes, it waits for the last
 * sync.
 *
 * The thread syncs the log through a file descriptor of its own, opened
 * for reading only: on Linux, fdatasync() writes every changed page of
 * the file, whichever descriptor changed it. SQLite takes no locks on the
 * log itself (they are on the database and the "-shm" file), so closing
 * that descriptor releases none of them. The log's folder is synced once
 * as well, so that the log's own entry is on the disk.
 */

struct _SitrepStoreSyncer
{
  GMutex        lock;
  GCond         cond;
  char         *log_path;
  char         *folder;
  GMainContext *context;
  GWeakRef      store;
  GThread      *thread;

  /* under lock */
  guint64       requested;   /* commits asked to be synced, counted */
  guint64       started;     /* what the running or last sync covers */
  guint64       synced;      /* what the last finished sync covered */
  gboolean      stopping;
  gboolean      announcing;  /* an idle is on its way to the main loop */
  guint         n_syncs;
  guint         delay_ms;    /* for tests: how long each sync waits first */
  char         *failure;     /* the last sync's failure, once */
};

/* A submitted write: what it changed, held while it runs, and once
 * committed, what waits for its sync. */
struct _SitrepStoreSyncedWrite
{
  guint64               sync;      /* the commit count before it, then the
                                    * one it needs synced */
  SitrepStoreWriteDone  done;
  gpointer              data;
  GDestroyNotify        data_free;
  GWeakRef              owner;
  gboolean              counted;
  GError               *error;
  GArray               *changes;   /* of SitrepStoreChange */
  gboolean              changed;
  gboolean              contacts_changed;
};
typedef SitrepStoreSyncedWrite SyncedWrite;

static void
synced_write_free (gpointer data)
{
  SyncedWrite *write = data;

  if (write->data_free != NULL)
    write->data_free (write->data);
  g_weak_ref_clear (&write->owner);
  g_clear_error (&write->error);
  g_clear_pointer (&write->changes, g_array_unref);
  g_free (write);
}

static gboolean
sync_file (const char  *path,
           gboolean     folder,
           char       **failure)
{
  int fd = g_open (path, O_RDONLY | (folder ? O_DIRECTORY : 0) | O_CLOEXEC, 0);
  int saved_errno;

  /* A log (or a folder) that is not there any more has nothing to sync. */
  if (fd < 0 && errno == ENOENT)
    return TRUE;

  if (fd >= 0 && (folder ? fsync (fd) : fdatasync (fd)) == 0)
    {
      g_close (fd, NULL);
      return TRUE;
    }

  saved_errno = errno;
  if (fd >= 0)
    g_close (fd, NULL);
  *failure = g_strdup_printf ("%s: %s", path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean announce_cb (gpointer user_data);

/**
 * _sitrep_store_announce:
 * @self: a store
 * @changes: (element-type SitrepStoreChange): the incidents a write changed
 * @contacts_changed: whether it changed the contacts
 * @changed: whether it changed everything
 *
 * Says what a submitted write changed, once it is on the disk or the
 * server, as the store would have said it at once.
 */
void
_sitrep_store_announce (SitrepStore *self,
                        GArray      *changes,
                        gboolean     contacts_changed,
                        gboolean     changed)
{
  for (guint i = 0; i < changes->len; i++)
    {
      SitrepStoreChange *change = &g_array_index (changes, SitrepStoreChange, i);

      _sitrep_store_emit_incident_changed (self, change->id, change->changes);
    }
  if (contacts_changed)
    _sitrep_store_emit_contacts_changed (self);
  if (changed)
    _sitrep_store_emit_changed (self);
}

static gpointer
sync_thread (gpointer data)
{
  SitrepStoreSyncer *syncer = data;
  gboolean folder_synced = FALSE;

  g_mutex_lock (&syncer->lock);
  for (;;)
    {
      g_autofree char *failure = NULL;
      guint64 target;
      guint delay_ms;

      while (!syncer->stopping && syncer->requested == syncer->started)
        g_cond_wait (&syncer->cond, &syncer->lock);
      if (syncer->requested == syncer->started)
        break;

      target = syncer->started = syncer->requested;
      delay_ms = syncer->delay_ms;
      g_mutex_unlock (&syncer->lock);

      if (delay_ms > 0)
        g_usleep (delay_ms * G_TIME_SPAN_MILLISECOND);
      if (sync_file (syncer->log_path, FALSE, &failure) && !folder_synced)
        folder_synced = sync_file (syncer->folder, TRUE, &failure);

      g_mutex_lock (&syncer->lock);
      syncer->synced = target;
      syncer->n_syncs++;
      if (failure != NULL)
        {
          g_free (syncer->failure);
          syncer->failure = g_steal_pointer (&failure);
        }
      g_cond_broadcast (&syncer->cond);

      if (!syncer->announcing && !syncer->stopping)
        {
          /* the syncer lives as long as the store, which the idle only
           * looks for */
          syncer->announcing = TRUE;
          sitrep_main_context_call (syncer->context, "[sitrep] commits synced", announce_cb,
                                    syncer, NULL);
        }
    }
  g_mutex_unlock (&syncer->lock);

  return NULL;
}

/* Announces the submitted writes that @synced covers, in the order they
 * were made. */
static void
announce_synced (SitrepStore *self,
                 guint64      synced,
                 gboolean     emit)
{
  while (!g_queue_is_empty (&self->synced_writes))
    {
      SyncedWrite *write = g_queue_peek_head (&self->synced_writes);
      g_autoptr(GObject) owner = NULL;

      if (write->sync > synced)
        break;

      g_queue_pop_head (&self->synced_writes);
      if (write->counted)
        {
          g_assert (self->pending_writes > 0);
          self->pending_writes--;
        }

      if (emit)
        _sitrep_store_announce (self, write->changes, write->contacts_changed, write->changed);

      owner = g_weak_ref_get (&write->owner);
      if (owner != NULL && write->done != NULL)
        write->done (owner, write->error, write->data);
      synced_write_free (write);
    }
}

/* On the main loop, after a sync: the writes it covers are told. */
static gboolean
announce_cb (gpointer user_data)
{
  SitrepStoreSyncer *syncer = user_data;
  g_autoptr(SitrepStore) self = NULL;
  g_autofree char *failure = NULL;
  guint64 synced;

  g_mutex_lock (&syncer->lock);
  syncer->announcing = FALSE;
  synced = syncer->synced;
  failure = g_steal_pointer (&syncer->failure);
  self = g_weak_ref_get (&syncer->store);
  g_mutex_unlock (&syncer->lock);

  /* The change is in the database all the same; the disk itself failed. */
  if (failure != NULL)
    g_warning ("Sitrep could not make sure that its last changes are on the disk: %s",
               failure);

  if (self != NULL)
    announce_synced (self, synced, TRUE);

  return G_SOURCE_REMOVE;
}

/**
 * _sitrep_store_start_syncing:
 * @self: a writable store of a desk's file, just opened
 *
 * From now on the store's connection commits without syncing, and a
 * thread syncs the log after each commit (see above).
 */
void
_sitrep_store_start_syncing (SitrepStore *self)
{
  SitrepStoreSyncer *syncer;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->syncer == NULL);

  /* Without NORMAL, SQLite syncs by itself, as before. */
  if (!sitrep_db_exec (self->db, SYNC_BULK_PRAGMA, &error))
    {
      g_debug ("%s keeps syncing in its commits: %s", self->path, error->message);
      return;
    }

  syncer = g_new0 (SitrepStoreSyncer, 1);
  g_mutex_init (&syncer->lock);
  g_cond_init (&syncer->cond);
  syncer->log_path = g_strconcat (self->path, "-wal", NULL);
  syncer->folder = g_path_get_dirname (self->path);
  syncer->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&syncer->store, self);
  syncer->thread = g_thread_new ("sitrep-sync", sync_thread, syncer);

  self->syncer = syncer;
  self->durable = TRUE;
  g_queue_init (&self->synced_writes);
}

/**
 * _sitrep_store_stop_syncing:
 * @self: a store
 *
 * Waits for the sync of the last commit, and stops the thread. Writes
 * still waiting for it are reported to their owners, without being
 * announced: the store is going away.
 */
void
_sitrep_store_stop_syncing (SitrepStore *self)
{
  SitrepStoreSyncer *syncer = g_steal_pointer (&self->syncer);

  if (syncer == NULL)
    return;

  g_mutex_lock (&syncer->lock);
  syncer->stopping = TRUE;
  g_cond_signal (&syncer->cond);
  g_mutex_unlock (&syncer->lock);
  g_thread_join (syncer->thread);

  announce_synced (self, G_MAXUINT64, FALSE);

  /* An announcement on its way would find a syncer freed. */
  if (syncer->announcing)
    {
      GSource *source = g_main_context_find_source_by_user_data (syncer->context, syncer);

      if (source != NULL)
        g_source_destroy (source);
    }

  if (syncer->failure != NULL)
    g_warning ("Sitrep could not make sure that its last changes are on the disk: %s",
               syncer->failure);

  g_weak_ref_clear (&syncer->store);
  g_main_context_unref (syncer->context);
  g_free (syncer->log_path);
  g_free (syncer->folder);
  g_free (syncer->failure);
  g_mutex_clear (&syncer->lock);
  g_cond_clear (&syncer->cond);
  g_free (syncer);
}

/**
 * _sitrep_store_request_sync:
 * @self: a store
 *
 * After a commit of the store's connection: the thread syncs the log.
 */
void
_sitrep_store_request_sync (SitrepStore *self)
{
  SitrepStoreSyncer *syncer = self->syncer;

  if (syncer == NULL || !self->durable)
    return;

  g_mutex_lock (&syncer->lock);
  syncer->requested++;
  g_cond_signal (&syncer->cond);
  g_mutex_unlock (&syncer->lock);
}

static guint64
get_requested (SitrepStore *self)
{
  guint64 requested;

  g_mutex_lock (&self->syncer->lock);
  requested = self->syncer->requested;
  g_mutex_unlock (&self->syncer->lock);

  return requested;
}

/**
 * _sitrep_store_set_syncing:
 * @self: a store
 * @durable: whether commits are synced to the disk
 *
 * For an import: its commit is not synced by itself; once it is over,
 * the store syncs what it wrote, and every commit after.
 *
 * Returns: whether the store syncs on its thread (otherwise SQLite's
 *   `synchronous` decides)
 */
gboolean
_sitrep_store_set_syncing (SitrepStore *self,
                           gboolean     durable)
{
  if (self->syncer == NULL)
    return FALSE;

  self->durable = durable;
  _sitrep_store_request_sync (self);
  return TRUE;
}

/* ------------------------------------------------------------------------
 * A submitted write on a desk's file
 */

/**
 * _sitrep_store_hold_announcements:
 * @self: a store
 *
 * Before a submitted write: what it changes is kept until it is synced.
 */
void
_sitrep_store_hold_announcements (SitrepStore *self)
{
  if (self->syncer == NULL)
    return;

  g_return_if_fail (self->held == NULL);

  self->held = g_new0 (SyncedWrite, 1);
  self->held->sync = get_requested (self);
  self->held->changes = g_array_new (FALSE, FALSE, sizeof (SitrepStoreChange));
}

/* Whether an announcement is kept for later; it is, between
 * _sitrep_store_hold_announcements() and
 * _sitrep_store_release_announcements(). */
gboolean
_sitrep_store_hold_incident_changed (SitrepStore  *self,
                                     gint64        id,
                                     SitrepChange  changes)
{
  SitrepStoreChange change = { id, changes };

  if (self->held == NULL)
    return FALSE;

  g_array_append_val (self->held->changes, change);
  return TRUE;
}

gboolean
_sitrep_store_hold_changed (SitrepStore *self,
                            gboolean     contacts)
{
  if (self->held == NULL)
    return FALSE;

  if (contacts)
    self->held->contacts_changed = TRUE;
  else
    self->held->changed = TRUE;
  return TRUE;
}

/**
 * _sitrep_store_release_announcements:
 * @self: a store
 * @error: (nullable): why the write failed
 * @owner: what the write is for
 * @done: (nullable): the owner's callback
 * @data: for @done
 * @data_free: (nullable): frees @data
 * @counted: whether the write counts in pending_writes
 *
 * After a submitted write. When it committed nothing, or the store does
 * not sync on its thread, what it changed is announced now and %FALSE is
 * returned: the caller reports to the owner. Otherwise the write waits
 * for the sync of its commits: its announcements, @error (taken) and
 * @data are kept, and @done is called once the sync is over.
 *
 * Returns: whether the write waits for its sync
 */
gboolean
_sitrep_store_release_announcements (SitrepStore          *self,
                                     GError               *error,
                                     GObject              *owner,
                                     SitrepStoreWriteDone  done,
                                     gpointer              data,
                                     GDestroyNotify        data_free,
                                     gboolean              counted)
{
  SyncedWrite *write = g_steal_pointer (&self->held);
  guint64 after;

  if (write == NULL)
    return FALSE;

  after = get_requested (self);
  if (after == write->sync)
    {
      _sitrep_store_announce (self, write->changes, write->contacts_changed, write->changed);
      synced_write_free (write);
      return FALSE;
    }

  write->sync = after;
  write->done = done;
  write->data = data;
  write->data_free = data_free;
  g_weak_ref_init (&write->owner, owner);
  write->counted = counted;
  write->error = error;

  if (counted)
    self->pending_writes++;
  g_queue_push_tail (&self->synced_writes, write);
  return TRUE;
}

/* ------------------------------------------------------------------------
 * For tests
 */

/**
 * _sitrep_store_get_n_syncs:
 * @self: a store
 *
 * Returns: how many syncs of the log the store's thread finished
 */
guint
_sitrep_store_get_n_syncs (SitrepStore *self)
{
  guint n_syncs;

  g_return_val_if_fail (SITREP_IS_STORE (self), 0);

  if (self->syncer == NULL)
    return 0;

  g_mutex_lock (&self->syncer->lock);
  n_syncs = self->syncer->n_syncs;
  g_mutex_unlock (&self->syncer->lock);

  return n_syncs;
}

/**
 * _sitrep_store_wait_synced:
 * @self: a store
 *
 * Waits until every commit so far is on the disk, without announcing
 * anything: for benchmarks, which time it.
 */
void
_sitrep_store_wait_synced (SitrepStore *self)
{
  SitrepStoreSyncer *syncer;
  guint64 target;

  g_return_if_fail (SITREP_IS_STORE (self));

  syncer = self->syncer;
  if (syncer == NULL)
    return;

  g_mutex_lock (&syncer->lock);
  target = syncer->requested;
  while (syncer->synced < target)
    g_cond_wait (&syncer->cond, &syncer->lock);
  g_mutex_unlock (&syncer->lock);
}

/**
 * _sitrep_store_set_sync_delay:
 * @self: a store
 * @delay_ms: how long each sync waits before it begins
 *
 * Makes the disk seem slow.
 */
void
_sitrep_store_set_sync_delay (SitrepStore *self,
                              guint        delay_ms)
{
  g_return_if_fail (SITREP_IS_STORE (self));
  g_return_if_fail (self->syncer != NULL);

  g_mutex_lock (&self->syncer->lock);
  self->syncer->delay_ms = delay_ms;
  g_mutex_unlock (&self->syncer->lock);
}
