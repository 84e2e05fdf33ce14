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
 */

struct _SitrepDrafts
{
  GObject parent_instance;

  char *path;       /* the key file */
  char *database;   /* the database whose incidents these are */
};

G_DEFINE_FINAL_TYPE (SitrepDrafts, sitrep_drafts, G_TYPE_OBJECT)

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

/* The file as it is now; an absent or unreadable file holds no drafts (a
 * damaged one is replaced by the next write: drafts are a convenience,
 * never the record). */
static GKeyFile *
load (SitrepDrafts *self)
{
  g_autoptr(GError) error = NULL;
  GKeyFile *key_file = g_key_file_new ();

  if (!g_key_file_load_from_file (key_file, self->path, G_KEY_FILE_KEEP_COMMENTS, &error) &&
      !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_debug ("Drafts in “%s” cannot be read: %s", self->path, error->message);

  return key_file;
}

static gboolean
save (SitrepDrafts  *self,
      GKeyFile      *key_file,
      GError       **error)
{
  g_autofree char *folder = g_path_get_dirname (self->path);
  g_autofree char *data = NULL;
  gsize length;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot create the folder “%s” for drafts: %s"), folder,
                   g_strerror (saved_errno));
      return FALSE;
    }

  data = g_key_file_to_data (key_file, &length, NULL);
  return g_file_set_contents_full (self->path, data, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
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
 * @error: return location for a #GError
 *
 * Keeps several drafts of one incident in one write of the file.
 *
 * Returns: %TRUE when the file was written (or nothing changed)
 */
gboolean
sitrep_drafts_set_many (SitrepDrafts       *self,
                        gint64              incident_id,
                        const char * const *names,
                        const char * const *texts,
                        GError            **error)
{
  g_autoptr(GKeyFile) key_file = NULL;
  g_autofree char *group = NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (SITREP_IS_DRAFTS (self), FALSE);
  g_return_val_if_fail (names != NULL && texts != NULL, FALSE);

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
    return TRUE;

  /* an incident without drafts leaves no empty group behind */
  if (g_key_file_has_group (key_file, group))
    {
      g_auto(GStrv) keys = g_key_file_get_keys (key_file, group, NULL, NULL);

      if (keys == NULL || keys[0] == NULL)
        g_key_file_remove_group (key_file, group, NULL);
    }

  return save (self, key_file, error);
}

/**
 * sitrep_drafts_set:
 * @self: drafts
 * @incident_id: the incident's row id
 * @name: what the draft is of
 * @text: (nullable): the draft; %NULL or "" removes it
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file was written (or nothing changed)
 */
gboolean
sitrep_drafts_set (SitrepDrafts  *self,
                   gint64         incident_id,
                   const char    *name,
                   const char    *text,
                   GError       **error)
{
  const char *names[] = { name, NULL };
  const char *texts[] = { text, NULL };

  g_return_val_if_fail (name != NULL, FALSE);

  return sitrep_drafts_set_many (self, incident_id, names, texts, error);
}
