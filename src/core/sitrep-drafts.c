/* sitrep-drafts.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-drafts.h"
#include "sitrep-file-writer.h"

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
 * to the disk: the file is written on a thread (sitrep-file-writer.c),
 * and what waits to be written is what every read of this process sees.
 * The drafts that kept it are told whether the write succeeded
 * (#SitrepDrafts::written, #SitrepDrafts::write-failed); after a failure
 * the drafts stay readable in memory, and the next one kept tries again.
 */

struct _SitrepDrafts
{
  GObject parent_instance;

  char    *path;       /* the key file */
  char    *database;   /* the database whose incidents these are */
  gboolean unwritten;  /* the last write failed: the next keep tries again */
};

G_DEFINE_FINAL_TYPE (SitrepDrafts, sitrep_drafts, G_TYPE_OBJECT)

enum {
  WRITTEN,
  WRITE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
sitrep_drafts_finalize (GObject *object)
{
  SitrepDrafts *self = SITREP_DRAFTS (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->database, g_free);

  G_OBJECT_CLASS (sitrep_drafts_parent_class)->finalize (object);
}

static void
sitrep_drafts_class_init (SitrepDraftsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sitrep_drafts_finalize;

  /**
   * SitrepDrafts::written:
   * @self: the drafts
   *
   * Emitted, on the main context of the thread that kept the drafts,
   * once the file holds the drafts last kept.
   */
  signals[WRITTEN] =
    g_signal_new ("written", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * SitrepDrafts::write-failed:
   * @self: the drafts
   * @error: why the file could not be written
   *
   * Emitted, on the main context of the thread that kept the drafts,
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
  g_autoptr(GBytes) waiting = sitrep_file_writer_dup_pending (self->path);
  GKeyFile *key_file = g_key_file_new ();
  gboolean loaded;

  if (waiting != NULL)
    {
      gsize length;
      const char *data = g_bytes_get_data (waiting, &length);

      loaded = g_key_file_load_from_data (key_file, data, length, G_KEY_FILE_KEEP_COMMENTS,
                                          &error);
    }
  else
    {
      loaded = g_key_file_load_from_file (key_file, self->path, G_KEY_FILE_KEEP_COMMENTS,
                                          &error);
    }

  if (!loaded && !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_debug ("Drafts in “%s” cannot be read: %s", self->path, error->message);

  return key_file;
}

static void
written_cb (GObject      *owner,
            const GError *error)
{
  SitrepDrafts *self = SITREP_DRAFTS (owner);

  self->unwritten = error != NULL;
  if (error != NULL)
    g_signal_emit (self, signals[WRITE_FAILED], 0, error);
  else
    g_signal_emit (self, signals[WRITTEN], 0);
}

/* Hands the drafts' new contents to the writing thread. */
static void
save (SitrepDrafts *self,
      GKeyFile     *key_file)
{
  gsize length;
  char *data = g_key_file_to_data (key_file, &length, NULL);

  sitrep_file_writer_write (self->path, data, length, G_OBJECT (self), written_cb);
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
 * sitrep_drafts_get_unwritten:
 * @self: drafts
 *
 * Returns: whether the last write of the drafts kept failed, so that
 *   they last only until Sitrep ends (until a write succeeds)
 */
gboolean
sitrep_drafts_get_unwritten (SitrepDrafts *self)
{
  g_return_val_if_fail (SITREP_IS_DRAFTS (self), FALSE);

  return self->unwritten;
}

/**
 * sitrep_drafts_set_many:
 * @self: drafts
 * @incident_id: the incident's row id
 * @names: (array zero-terminated=1): what each draft is of
 * @texts: (array): the drafts, as many as @names; %NULL or "" removes one
 *
 * Keeps several drafts of one incident in one write of the file. They are
 * read back at once; the file is written on a thread, and what became of
 * it is told by #SitrepDrafts::written or #SitrepDrafts::write-failed.
 * After a failed write, the file is written again even when the drafts
 * did not change.
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

  /* after a failed write, the drafts are written even unchanged */
  if (!changed && !self->unwritten)
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
