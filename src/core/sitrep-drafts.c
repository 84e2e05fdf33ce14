/* sitrep-drafts.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sitrep-drafts.h"

/*
 * Unfinished text of one desk: a half-written timeline note and field
 * edits not yet saved, per database and incident, so that neither is lost
 * by switching incidents or by a restart. Drafts are not part of the
 * shared record: they live in a small key file in the user's state folder
 * (sitrep/drafts.ini), one group per incident of a database, written
 * whole and atomically, readable by the user only.
 *
 * The file is read again before each write, so that two windows on the
 * same desk add to it rather than undo each other's drafts.
 *
 * Drafts are kept while the person types, and writing the file syncs it
 * to the disk, which on a busy disk takes a tenth of a second or more:
 * the file is written on a thread of its own, one write at a time, and
 * what waits to be written is what every read of this process sees.
 * A write that fails is told to the drafts that kept it
 * (#SitrepDrafts::write-failed); the drafts stay readable in memory, and
 * the next one kept tries again. Sitrep waits for the writes before it
 * ends (sitrep_drafts_wait_for_writes()).
 */

struct _SitrepDrafts
{
  GObject parent_instance;

  char *path;       /* the key file */
  char *database;   /* the database whose incidents these are */
  struct _Owner *owner;  /* who a failed write is told to, and where */
};

G_DEFINE_FINAL_TYPE (SitrepDrafts, sitrep_drafts, G_TYPE_OBJECT)

enum {
  WRITE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Who to tell when a write fails: made on the thread that kept the
 * drafts, shared with the writing thread. */
typedef struct _Owner
{
  GWeakRef      drafts;
  GMainContext *context;
} Owner;

static void
owner_clear (gpointer data)
{
  Owner *owner = data;

  g_weak_ref_clear (&owner->drafts);
  g_main_context_unref (owner->context);
}

static void
owner_unref (Owner *owner)
{
  g_atomic_rc_box_release_full (owner, owner_clear);
}

/* What waits to be written to one file. */
typedef struct
{
  char    *data;
  gsize    length;
  guint64  serial;   /* grows with each contents kept */
  Owner   *owner;    /* of the latest contents */
  gboolean queued;   /* the writing thread has it to do */
} Pending;

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_free (pending->data);
  g_clear_pointer (&pending->owner, owner_unref);
  g_free (pending);
}

/* path → Pending, while the file's latest contents are not on the disk;
 * everything here is held under writes_lock. */
static GMutex       writes_lock;
static GCond        writes_cond;
static GHashTable  *pending_writes;
static GThreadPool *writer;

static void
sitrep_drafts_finalize (GObject *object)
{
  SitrepDrafts *self = SITREP_DRAFTS (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->database, g_free);
  g_clear_pointer (&self->owner, owner_unref);

  G_OBJECT_CLASS (sitrep_drafts_parent_class)->finalize (object);
}

static void
sitrep_drafts_class_init (SitrepDraftsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sitrep_drafts_finalize;

  /**
   * SitrepDrafts::write-failed:
   * @self: the drafts
   * @error: why the file could not be written
   *
   * Emitted, on the main context of the thread that made the drafts,
   * when the file with the drafts last kept could not be written. They
   * are still read back until Sitrep ends.
   */
  signals[WRITE_FAILED] =
    g_signal_new ("write-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sitrep_drafts_init (SitrepDrafts *self)
{
  self->owner = g_atomic_rc_box_new0 (Owner);
  g_weak_ref_init (&self->owner->drafts, self);
  self->owner->context = g_main_context_ref_thread_default ();
}

/* A group name may hold neither brackets nor line breaks: the database's
 * path is escaped like a URI's, which keeps it readable. */
static char *
group_name (SitrepDrafts *self,
            gint64        incident_id)
{
  g_autofree char *escaped = g_uri_escape_string (self->database, "/", FALSE);

  return g_strdup_printf ("%s#%" G_GINT64_FORMAT, escaped, incident_id);
}

/* The file as this process last kept it: what waits to be written, or
 * else what the disk holds. An absent or unreadable file holds no drafts
 * (a damaged one is replaced by the next write: drafts are a
 * convenience, never the record). */
static GKeyFile *
load (SitrepDrafts *self)
{
  g_autoptr(GError) error = NULL;
  GKeyFile *key_file = g_key_file_new ();
  gboolean waiting;
  gboolean loaded = FALSE;

  g_mutex_lock (&writes_lock);
  waiting = pending_writes != NULL && g_hash_table_contains (pending_writes, self->path);
  if (waiting)
    {
      Pending *pending = g_hash_table_lookup (pending_writes, self->path);

      loaded = g_key_file_load_from_data (key_file, pending->data, pending->length,
                                          G_KEY_FILE_KEEP_COMMENTS, &error);
    }
  g_mutex_unlock (&writes_lock);

  if (!waiting)
    loaded = g_key_file_load_from_file (key_file, self->path, G_KEY_FILE_KEEP_COMMENTS,
                                        &error);

  if (!loaded && !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_debug ("Drafts in “%s” cannot be read: %s", self->path, error->message);

  return key_file;
}

static gboolean
write_file (const char  *path,
            const char  *data,
            gsize        length,
            GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot create the folder “%s” for drafts: %s"), folder,
                   g_strerror (saved_errno));
      return FALSE;
    }

  return g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                   error);
}

typedef struct
{
  Owner  *owner;
  GError *error;
} Failure;

static void
failure_free (gpointer data)
{
  Failure *failure = data;

  owner_unref (failure->owner);
  g_error_free (failure->error);
  g_free (failure);
}

static gboolean
tell_failure_cb (gpointer user_data)
{
  Failure *failure = user_data;
  g_autoptr(SitrepDrafts) drafts = g_weak_ref_get (&failure->owner->drafts);

  if (drafts != NULL)
    g_signal_emit (drafts, signals[WRITE_FAILED], 0, failure->error);

  return G_SOURCE_REMOVE;
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
      g_autofree char *contents = NULL;
      Pending *pending;
      guint64 serial;
      gsize length;
      gboolean written;

      g_mutex_lock (&writes_lock);
      pending = g_hash_table_lookup (pending_writes, path);
      contents = g_strndup (pending->data, pending->length);
      length = pending->length;
      serial = pending->serial;
      g_mutex_unlock (&writes_lock);

      written = write_file (path, contents, length, &error);

      g_mutex_lock (&writes_lock);
      pending = g_hash_table_lookup (pending_writes, path);
      if (pending->serial != serial)
        {
          g_mutex_unlock (&writes_lock);
          continue;
        }

      if (written)
        {
          g_hash_table_remove (pending_writes, path);
        }
      else
        {
          Failure *failure = g_new0 (Failure, 1);

          pending->queued = FALSE;
          failure->owner = g_atomic_rc_box_acquire (pending->owner);
          failure->error = g_steal_pointer (&error);
          g_main_context_invoke_full (failure->owner->context, G_PRIORITY_DEFAULT,
                                      tell_failure_cb, failure, failure_free);
        }
      g_cond_broadcast (&writes_cond);
      g_mutex_unlock (&writes_lock);
      return;
    }
}

/* Hands the drafts' new contents to the writing thread. */
static void
save (SitrepDrafts *self,
      GKeyFile     *key_file)
{
  Pending *pending;
  gsize length;
  char *data = g_key_file_to_data (key_file, &length, NULL);

  g_mutex_lock (&writes_lock);
  if (pending_writes == NULL)
    {
      pending_writes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, pending_free);
      /* one thread, so that writes of a file keep their order */
      writer = g_thread_pool_new (write_pending, NULL, 1, FALSE, NULL);
    }

  pending = g_hash_table_lookup (pending_writes, self->path);
  if (pending == NULL)
    {
      pending = g_new0 (Pending, 1);
      g_hash_table_insert (pending_writes, g_strdup (self->path), pending);
    }

  g_free (pending->data);
  pending->data = data;
  pending->length = length;
  pending->serial++;
  g_clear_pointer (&pending->owner, owner_unref);
  pending->owner = g_atomic_rc_box_acquire (self->owner);

  if (!pending->queued)
    {
      pending->queued = TRUE;
      g_thread_pool_push (writer, g_strdup (self->path), NULL);
    }
  g_mutex_unlock (&writes_lock);
}

/**
 * sitrep_drafts_wait_for_writes:
 *
 * Waits until the drafts kept by this process are written to their files,
 * or their writes failed. Sitrep calls it before it ends.
 */
void
sitrep_drafts_wait_for_writes (void)
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
 * sitrep_drafts_default_path:
 *
 * Returns: (transfer full): where the drafts of this desk are kept:
 *   `$XDG_STATE_HOME/sitrep/drafts.ini`
 */
char *
sitrep_drafts_default_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "sitrep", "drafts.ini", NULL);
}

/**
 * sitrep_drafts_new:
 * @path: (nullable): the key file, or %NULL for
 *   sitrep_drafts_default_path()
 * @database: the path (or address) of the database whose incidents the
 *   drafts belong to
 *
 * Nothing is read or written until drafts are asked for or kept.
 *
 * Returns: (transfer full): the drafts of @database on this desk
 */
SitrepDrafts *
sitrep_drafts_new (const char *path,
                   const char *database)
{
  SitrepDrafts *self;

  g_return_val_if_fail (database != NULL, NULL);

  self = g_object_new (SITREP_TYPE_DRAFTS, NULL);
  self->path = path != NULL ? g_strdup (path) : sitrep_drafts_default_path ();
  self->database = g_strdup (database);

  return self;
}

/**
 * sitrep_drafts_get_path:
 * @self: drafts
 *
 * Returns: the key file the drafts are kept in
 */
const char *
sitrep_drafts_get_path (SitrepDrafts *self)
{
  g_return_val_if_fail (SITREP_IS_DRAFTS (self), NULL);

  return self->path;
}

/**
 * sitrep_drafts_get:
 * @self: drafts
 * @incident_id: the incident's row id
 * @name: what the draft is of: %SITREP_DRAFT_NOTE, %SITREP_DRAFT_NOTE_TAG,
 *   %SITREP_DRAFT_NOTE_AT or a field's name
 *
 * Returns: (transfer full) (nullable): the draft, or %NULL when there is
 *   none
 */
char *
sitrep_drafts_get (SitrepDrafts *self,
                   gint64        incident_id,
                   const char   *name)
{
  g_autoptr(GKeyFile) key_file = NULL;
  g_autofree char *group = NULL;

  g_return_val_if_fail (SITREP_IS_DRAFTS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key_file = load (self);
  group = group_name (self, incident_id);
  return g_key_file_get_string (key_file, group, name, NULL);
}

/**
 * sitrep_drafts_get_all:
 * @self: drafts
 * @incident_id: the incident's row id
 *
 * Every draft of one incident, in one read of the file.
 *
 * Returns: (transfer full) (element-type utf8 utf8): what each draft is of
 *   → the draft; empty when there are none
 */
GHashTable *
sitrep_drafts_get_all (SitrepDrafts *self,
                       gint64        incident_id)
{
  g_autoptr(GKeyFile) key_file = NULL;
  g_autofree char *group = NULL;
  g_auto(GStrv) names = NULL;
  GHashTable *drafts;

  g_return_val_if_fail (SITREP_IS_DRAFTS (self), NULL);

  drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  key_file = load (self);
  group = group_name (self, incident_id);
  names = g_key_file_get_keys (key_file, group, NULL, NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      char *text = g_key_file_get_string (key_file, group, names[i], NULL);

      if (text != NULL)
        g_hash_table_insert (drafts, g_strdup (names[i]), text);
    }

  return drafts;
}

/**
 * sitrep_drafts_set_many:
 * @self: drafts
 * @incident_id: the incident's row id
 * @names: (array zero-terminated=1): what each draft is of
 * @texts: (array): the drafts, as many as @names; %NULL or "" removes one
 *
 * Keeps several drafts of one incident in one write of the file. They are
 * read back at once; the file is written on a thread, and a write that
 * fails is told by #SitrepDrafts::write-failed.
 */
void
sitrep_drafts_set_many (SitrepDrafts       *self,
                        gint64              incident_id,
                        const char * const *names,
                        const char * const *texts)
{
  g_autoptr(GKeyFile) key_file = NULL;
  g_autofree char *group = NULL;
  gboolean changed = FALSE;

  g_return_if_fail (SITREP_IS_DRAFTS (self));
  g_return_if_fail (names != NULL && texts != NULL);

  key_file = load (self);
  group = group_name (self, incident_id);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *old = g_key_file_get_string (key_file, group, names[i], NULL);
      const char *text = texts[i];

      if (text == NULL || *text == '\0')
        {
          if (old != NULL)
            {
              g_key_file_remove_key (key_file, group, names[i], NULL);
              changed = TRUE;
            }
          continue;
        }

      if (g_strcmp0 (old, text) != 0)
        {
          g_key_file_set_string (key_file, group, names[i], text);
          changed = TRUE;
        }
    }

  if (!changed)
    return;

  /* an incident without drafts leaves no empty group behind */
  if (g_key_file_has_group (key_file, group))
    {
      g_auto(GStrv) keys = g_key_file_get_keys (key_file, group, NULL, NULL);

      if (keys == NULL || keys[0] == NULL)
        g_key_file_remove_group (key_file, group, NULL);
    }

  save (self, key_file);
}

/**
 * sitrep_drafts_set:
 * @self: drafts
 * @incident_id: the incident's row id
 * @name: what the draft is of
 * @text: (nullable): the draft; %NULL or "" removes it
 *
 * Keeps one draft, as sitrep_drafts_set_many() does.
 */
void
sitrep_drafts_set (SitrepDrafts *self,
                   gint64        incident_id,
                   const char   *name,
                   const char   *text)
{
  const char *names[] = { name, NULL };
  const char *texts[] = { text, NULL };

  g_return_if_fail (name != NULL);

  sitrep_drafts_set_many (self, incident_id, names, texts);
}
