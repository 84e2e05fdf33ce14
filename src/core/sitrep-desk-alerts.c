/* sitrep-desk-alerts.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sitrep-desk-alerts.h"
#include "sitrep-file-writer.h"
#include "sitrep-time.h"

/*
 * SitrepDeskAlerts is what one desk remembers of the alerts of a team
 * database: which alerts it showed to its user, and until when it
 * watched the deadlines. The team database records each alert once, for
 * the whole team, whichever desk raised it first; this small file is
 * what keeps every desk from showing an alert twice to its own user,
 * also after a restart, and from showing a newcomer the team's history.
 *
 * It is a key file in the user's state folder, one per team database and
 * login, written whole and atomically on a thread (sitrep-file-writer.c),
 * since the deadline watch saves it on the main thread. A missing file is a desk that
 * never watched; a damaged one is treated the same, after one warning:
 * the worst that can happen is that an alert is not shown again on this
 * desk, never that old alerts flood it.
 */

#define GROUP_DESK     "Desk"
#define GROUP_NOTIFIED "Notified"
#define KEY_WATCHED_AT "WatchedAt"

struct _SitrepDeskAlerts
{
  GObject     parent_instance;

  char       *path;
  gint64      watched_at;
  /* "<id>:<key>" → due moment (gint64 *) of the alerts shown here */
  GHashTable *notified;
  gboolean    dirty;
};

G_DEFINE_FINAL_TYPE (SitrepDeskAlerts, sitrep_desk_alerts, G_TYPE_OBJECT)

enum {
  WRITTEN,
  WRITE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
make_key (gint64      id,
          const char *alert_key)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%s", id, alert_key);
}

static gboolean
parse_time (const char *text,
            gint64     *at)
{
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &value, NULL) ||
      !sitrep_time_is_valid (value))
    return FALSE;

  *at = value;
  return TRUE;
}

/* Reads the file; anything it cannot make sense of counts as never
 * watched, and a damaged file is said once. */
static void
load (SitrepDeskAlerts *self)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) waiting = sitrep_file_writer_dup_pending (self->path);
  g_auto(GStrv) keys = NULL;
  g_autofree char *watched = NULL;
  gboolean loaded;

  /* what this process saved last, if it is not on the disk yet */
  if (waiting != NULL)
    {
      gsize length;
      const char *data = g_bytes_get_data (waiting, &length);

      loaded = g_key_file_load_from_data (file, data, length, G_KEY_FILE_NONE, &error);
    }
  else
    {
      loaded = g_key_file_load_from_file (file, self->path, G_KEY_FILE_NONE, &error);
    }

  if (!loaded)
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_warning ("Could not read which alerts this desk showed, from %s (starting afresh): %s",
                   self->path, error->message);
      return;
    }

  watched = g_key_file_get_value (file, GROUP_DESK, KEY_WATCHED_AT, NULL);
  if (!parse_time (watched, &self->watched_at))
    {
      /* Without the moment the list is of no use: what it lacks would be
       * shown again. */
      if (watched != NULL)
        g_warning ("Could not read until when this desk watched the deadlines, from %s "
                   "(starting afresh)", self->path);
      self->watched_at = SITREP_TIME_NONE;
      return;
    }

  keys = g_key_file_get_keys (file, GROUP_NOTIFIED, NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *value = g_key_file_get_value (file, GROUP_NOTIFIED, keys[i], NULL);
      gint64 due;

      if (!parse_time (value, &due) || strchr (keys[i], ':') == NULL)
        continue;

      g_hash_table_insert (self->notified, g_strdup (keys[i]), g_memdup2 (&due, sizeof due));
    }
}

static void
sitrep_desk_alerts_finalize (GObject *object)
{
  SitrepDeskAlerts *self = SITREP_DESK_ALERTS (object);

  g_clear_pointer (&self->notified, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (sitrep_desk_alerts_parent_class)->finalize (object);
}

static void
sitrep_desk_alerts_class_init (SitrepDeskAlertsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_desk_alerts_finalize;

  /**
   * SitrepDeskAlerts::written:
   * @self: what the desk remembers
   *
   * Emitted, on the main context of the thread that saved, once the file
   * holds what was saved last.
   */
  signals[WRITTEN] =
    g_signal_new ("written", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * SitrepDeskAlerts::write-failed:
   * @self: what the desk remembers
   * @error: why the file could not be written
   *
   * Emitted, on the main context of the thread that saved, when what was
   * saved last could not be written. Until the next save, it is still
   * what a #SitrepDeskAlerts of this process reads from the file.
   */
  signals[WRITE_FAILED] =
    g_signal_new ("write-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sitrep_desk_alerts_init (SitrepDeskAlerts *self)
{
  self->watched_at = SITREP_TIME_NONE;
  self->notified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * sitrep_desk_alerts_new:
 * @path: the file that keeps what this desk notified
 *
 * Reads @path; a missing or damaged file is a desk that never watched.
 *
 * Returns: (transfer full): a new #SitrepDeskAlerts
 */
SitrepDeskAlerts *
sitrep_desk_alerts_new (const char *path)
{
  SitrepDeskAlerts *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (SITREP_TYPE_DESK_ALERTS, NULL);
  self->path = g_strdup (path);
  load (self);

  return self;
}

/**
 * sitrep_desk_alerts_dup_default_path:
 * @store: a team database
 *
 * The file of @store's database in the user's state folder, named after
 * a hash of its address as shown (without the password), so that every
 * team database and login has its own.
 *
 * Returns: (transfer full): the path
 */
char *
sitrep_desk_alerts_dup_default_path (SitrepStore *store)
{
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (SITREP_IS_STORE (store), NULL);

  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, sitrep_store_get_path (store), -1);
  name = g_strdup_printf ("desk-alerts-%.16s.ini", hash);

  return g_build_filename (g_get_user_state_dir (), "sitrep", name, NULL);
}

/**
 * sitrep_desk_alerts_new_for_store:
 * @store: a team database
 *
 * Like sitrep_desk_alerts_new() on sitrep_desk_alerts_dup_default_path().
 *
 * Returns: (transfer full): a new #SitrepDeskAlerts
 */
SitrepDeskAlerts *
sitrep_desk_alerts_new_for_store (SitrepStore *store)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (SITREP_IS_STORE (store), NULL);

  path = sitrep_desk_alerts_dup_default_path (store);
  return sitrep_desk_alerts_new (path);
}

/**
 * sitrep_desk_alerts_get_path:
 * @self: a #SitrepDeskAlerts
 *
 * Returns: (transfer none): the file
 */
const char *
sitrep_desk_alerts_get_path (SitrepDeskAlerts *self)
{
  g_return_val_if_fail (SITREP_IS_DESK_ALERTS (self), NULL);

  return self->path;
}

/**
 * sitrep_desk_alerts_get_watched_at:
 * @self: a #SitrepDeskAlerts
 *
 * Returns: the moment up to which this desk showed every alert due, or
 *   %SITREP_TIME_NONE when it never watched (or its file was damaged)
 */
gint64
sitrep_desk_alerts_get_watched_at (SitrepDeskAlerts *self)
{
  g_return_val_if_fail (SITREP_IS_DESK_ALERTS (self), SITREP_TIME_NONE);

  return self->watched_at;
}

/**
 * sitrep_desk_alerts_set_watched_at:
 * @self: a #SitrepDeskAlerts
 * @at: the moment up to which this desk showed every alert due
 *
 * Remembers @at (until sitrep_desk_alerts_save()). The next start shows
 * nothing that fell due before it.
 */
void
sitrep_desk_alerts_set_watched_at (SitrepDeskAlerts *self,
                                   gint64            at)
{
  g_return_if_fail (SITREP_IS_DESK_ALERTS (self));
  g_return_if_fail (sitrep_time_is_valid (at));

  if (at == self->watched_at)
    return;

  self->watched_at = at;
  self->dirty = TRUE;
}

/**
 * sitrep_desk_alerts_has_notified:
 * @self: a #SitrepDeskAlerts
 * @id: the incident's row id
 * @alert_key: the alert moment's key
 *
 * Returns: whether this desk showed that alert
 */
gboolean
sitrep_desk_alerts_has_notified (SitrepDeskAlerts *self,
                                 gint64            id,
                                 const char       *alert_key)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (SITREP_IS_DESK_ALERTS (self), FALSE);
  g_return_val_if_fail (alert_key != NULL, FALSE);

  key = make_key (id, alert_key);
  return g_hash_table_contains (self->notified, key);
}

/**
 * sitrep_desk_alerts_add_notified:
 * @self: a #SitrepDeskAlerts
 * @id: the incident's row id
 * @alert_key: the alert moment's key
 * @due_at: when it fell due
 *
 * Remembers that this desk showed the alert (until
 * sitrep_desk_alerts_save()).
 */
void
sitrep_desk_alerts_add_notified (SitrepDeskAlerts *self,
                                 gint64            id,
                                 const char       *alert_key,
                                 gint64            due_at)
{
  g_return_if_fail (SITREP_IS_DESK_ALERTS (self));
  g_return_if_fail (alert_key != NULL);

  g_hash_table_insert (self->notified, make_key (id, alert_key),
                       g_memdup2 (&due_at, sizeof due_at));
  self->dirty = TRUE;
}

/**
 * sitrep_desk_alerts_count_notified:
 * @self: a #SitrepDeskAlerts
 *
 * Returns: how many alerts this desk remembers having shown
 */
guint
sitrep_desk_alerts_count_notified (SitrepDeskAlerts *self)
{
  g_return_val_if_fail (SITREP_IS_DESK_ALERTS (self), 0);

  return g_hash_table_size (self->notified);
}

static void
written_cb (GObject      *owner,
            const GError *error)
{
  if (error != NULL)
    g_signal_emit (owner, signals[WRITE_FAILED], 0, error);
  else
    g_signal_emit (owner, signals[WRITTEN], 0);
}

/**
 * sitrep_desk_alerts_save:
 * @self: a #SitrepDeskAlerts
 *
 * Has the file written, if anything changed, in one piece: a crash leaves
 * the old file or the new one. Alerts that fell due before the moment
 * watched are left out of it, since a start never shows them again.
 *
 * The file is written on a thread; what became of it is told by
 * #SitrepDeskAlerts::written or #SitrepDeskAlerts::write-failed. Until
 * then, what was saved is what a #SitrepDeskAlerts of this process reads.
 */
void
sitrep_desk_alerts_save (SitrepDeskAlerts *self)
{
  g_autoptr(GKeyFile) file = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gsize length;
  char *data;

  g_return_if_fail (SITREP_IS_DESK_ALERTS (self));

  if (!self->dirty)
    return;

  file = g_key_file_new ();
  if (self->watched_at != SITREP_TIME_NONE)
    g_key_file_set_int64 (file, GROUP_DESK, KEY_WATCHED_AT, self->watched_at);

  g_hash_table_iter_init (&iter, self->notified);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 due = *(gint64 *) value;

      if (self->watched_at != SITREP_TIME_NONE && due <= self->watched_at)
        continue;
      g_key_file_set_int64 (file, GROUP_NOTIFIED, key, due);
    }

  data = g_key_file_to_data (file, &length, NULL);
  sitrep_file_writer_write (self->path, data, length, G_OBJECT (self), written_cb);
  self->dirty = FALSE;
}
