/* sitrep-file-writer.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sitrep-file-writer.h"
#include "sitrep-file-writer-private.h"
#include "sitrep-main-context.h"

/*
 * The small files a desk keeps in the user's state folder (drafts, the
 * alerts a team desk showed) are written whole and atomically, and
 * writing one syncs it to the disk: on a busy disk that takes a tenth of
 * a second or more, too long for the window to wait. They are written
 * here, on one thread, one write at a time, in the order asked.
 *
 * While a file's latest contents wait to be written, they are what every
 * read of this process sees (sitrep_file_writer_dup_pending()); contents
 * asked for while a write runs replace what waits, so a file is written
 * at most twice for a burst of changes. Whoever asked is told what became
 * of its contents, on its own main context. Sitrep waits for the writes
 * before it ends (sitrep_file_writer_wait()).
 */

/* Whom to tell what became of a write: made on the thread that asked. */
typedef struct
{
  GWeakRef               owner;
  gconstpointer          owner_address;  /* to know it again; never read */
  GMainContext          *context;
  SitrepFileWrittenFunc  written;
  GError                *error;
} Teller;

static void
teller_free (gpointer data)
{
  Teller *teller = data;

  g_weak_ref_clear (&teller->owner);
  g_main_context_unref (teller->context);
  g_clear_error (&teller->error);
  g_free (teller);
}

/* What waits to be written to one file. */
typedef struct
{
  GBytes    *data;
  guint64    serial;   /* grows with each contents asked for */
  GPtrArray *tellers;  /* of the contents asked for since the last outcome */
  gboolean   queued;   /* the writing thread has it to do */
} Pending;

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_bytes_unref (pending->data);
  g_ptr_array_unref (pending->tellers);
  g_free (pending);
}

/* path → Pending, while the file's latest contents are not on the disk;
 * everything here is held under writes_lock. */
static GMutex       writes_lock;
static GCond        writes_cond;
static GHashTable  *pending_writes;
static GThreadPool *writer;
static gboolean     writes_held;  /* by a test: a disk that does not answer */

static gboolean
write_file (const char  *path,
            GBytes      *data,
            GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  gsize length;
  const char *contents = g_bytes_get_data (data, &length);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      /* Translators: the first %s is a folder, the second says why */
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot create the folder “%s”: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }

  return g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                   error);
}

static gboolean
tell_cb (gpointer user_data)
{
  Teller *teller = user_data;
  g_autoptr(GObject) owner = g_weak_ref_get (&teller->owner);

  if (owner != NULL)
    teller->written (owner, teller->error);

  return G_SOURCE_REMOVE;
}

/* Under writes_lock: tells everyone who asked since the last outcome. */
static void
tell (Pending      *pending,
      const GError *error)
{
  g_autoptr(GPtrArray) tellers = g_steal_pointer (&pending->tellers);

  pending->tellers = g_ptr_array_new ();
  for (guint i = 0; i < tellers->len; i++)
    {
      Teller *teller = g_ptr_array_index (tellers, i);

      if (error != NULL)
        teller->error = g_error_copy (error);
      sitrep_main_context_call (teller->context, "[sitrep] file written", tell_cb, teller,
                                teller_free);
    }
}

/* On the writing thread: the file's latest contents, until none newer
 * came while it wrote. */
static void
write_pending (gpointer data,
               gpointer user_data)
{
  g_autofree char *path = data;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) contents = NULL;
      Pending *pending;
      guint64 serial;
      gboolean written;

      g_mutex_lock (&writes_lock);
      while (writes_held)
        g_cond_wait (&writes_cond, &writes_lock);
      pending = g_hash_table_lookup (pending_writes, path);
      contents = g_bytes_ref (pending->data);
      serial = pending->serial;
      g_mutex_unlock (&writes_lock);

      written = write_file (path, contents, &error);

      g_mutex_lock (&writes_lock);
      pending = g_hash_table_lookup (pending_writes, path);
      if (pending->serial != serial)
        {
          g_mutex_unlock (&writes_lock);
          continue;
        }

      tell (pending, error);
      if (written)
        g_hash_table_remove (pending_writes, path);
      else
        pending->queued = FALSE;
      g_cond_broadcast (&writes_cond);
      g_mutex_unlock (&writes_lock);
      return;
    }
}

/* Under writes_lock: @owner is to be told what becomes of what waits. */
static void
add_teller (Pending               *pending,
            GObject               *owner,
            SitrepFileWrittenFunc  written)
{
  Teller *teller;

  for (guint i = 0; i < pending->tellers->len; i++)
    {
      g_autoptr(GObject) known = NULL;

      teller = g_ptr_array_index (pending->tellers, i);
      if (teller->owner_address != owner || teller->written != written)
        continue;

      known = g_weak_ref_get (&teller->owner);
      if (known == owner)
        return;
    }

  teller = g_new0 (Teller, 1);
  g_weak_ref_init (&teller->owner, owner);
  teller->owner_address = owner;
  teller->context = g_main_context_ref_thread_default ();
  teller->written = written;
  g_ptr_array_add (pending->tellers, teller);
}

/**
 * sitrep_file_writer_write:
 * @path: the file
 * @data: (transfer full): its new contents
 * @length: how many bytes @data holds
 * @owner: (nullable): who asked
 * @written: (nullable): what @owner is told when the contents were
 *   written or could not be
 *
 * Hands @path's new contents to the writing thread, creating its folder
 * if need be. Until they are on the disk, sitrep_file_writer_dup_pending()
 * returns them. A write that fails leaves them waiting, to be read back
 * until the next contents asked for, or the end of the process.
 */
void
sitrep_file_writer_write (const char            *path,
                          char                  *data,
                          gsize                  length,
                          GObject               *owner,
                          SitrepFileWrittenFunc  written)
{
  Pending *pending;

  g_return_if_fail (path != NULL);
  g_return_if_fail (data != NULL || length == 0);
  g_return_if_fail (owner == NULL || G_IS_OBJECT (owner));

  g_mutex_lock (&writes_lock);
  if (pending_writes == NULL)
    {
      pending_writes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, pending_free);
      /* one thread, so that the writes of a file keep their order */
      writer = g_thread_pool_new (write_pending, NULL, 1, FALSE, NULL);
    }

  pending = g_hash_table_lookup (pending_writes, path);
  if (pending == NULL)
    {
      pending = g_new0 (Pending, 1);
      pending->tellers = g_ptr_array_new ();
      g_hash_table_insert (pending_writes, g_strdup (path), pending);
    }

  g_clear_pointer (&pending->data, g_bytes_unref);
  pending->data = g_bytes_new_take (data, length);
  pending->serial++;
  if (owner != NULL && written != NULL)
    add_teller (pending, owner, written);

  if (!pending->queued)
    {
      pending->queued = TRUE;
      g_thread_pool_push (writer, g_strdup (path), NULL);
    }
  g_mutex_unlock (&writes_lock);
}

/**
 * sitrep_file_writer_dup_pending:
 * @path: a file
 *
 * Returns: (transfer full) (nullable): the contents of @path that wait to
 *   be written, or %NULL when the disk holds its latest contents
 */
GBytes *
sitrep_file_writer_dup_pending (const char *path)
{
  GBytes *data = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  g_mutex_lock (&writes_lock);
  if (pending_writes != NULL)
    {
      Pending *pending = g_hash_table_lookup (pending_writes, path);

      if (pending != NULL)
        data = g_bytes_ref (pending->data);
    }
  g_mutex_unlock (&writes_lock);

  return data;
}

/**
 * sitrep_file_writer_wait:
 *
 * Waits until every file asked for by this process is written, or its
 * write failed. Sitrep calls it before it ends. Those who asked are told
 * at their main context's next turn, if it has one.
 */
void
sitrep_file_writer_wait (void)
{
  g_mutex_lock (&writes_lock);
  for (;;)
    {
      GHashTableIter iter;
      gpointer value;
      gboolean waiting = FALSE;

      if (pending_writes != NULL)
        {
          g_hash_table_iter_init (&iter, pending_writes);
          while (!waiting && g_hash_table_iter_next (&iter, NULL, &value))
            waiting = ((Pending *) value)->queued;
        }
      if (!waiting)
        break;
      g_cond_wait (&writes_cond, &writes_lock);
    }
  g_mutex_unlock (&writes_lock);
}

/**
 * _sitrep_file_writer_hold_writes:
 * @hold: whether writes wait
 *
 * For tests: while @hold, the writing thread writes nothing, as on a disk
 * that takes its time.
 */
void
_sitrep_file_writer_hold_writes (gboolean hold)
{
  g_mutex_lock (&writes_lock);
  writes_held = hold;
  g_cond_broadcast (&writes_cond);
  g_mutex_unlock (&writes_lock);
}
