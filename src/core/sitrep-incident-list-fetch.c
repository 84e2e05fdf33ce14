/* sitrep-incident-list-fetch.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-incident-list-private.h"

/*
 * On a team database the list never reads an incident on the main thread:
 * a row whose incident it does not hold gets one that has only its id
 * (the row says it is being read), and the incident is read on the
 * worker with the others asked for in the same turn of the main loop.
 * When they come, the list announces their rows as changed, and the rows
 * show them.
 */

/* More rows than a tall monitor shows at once. */
#define FETCH_BATCH 100

static gpointer
fetch_run (SitrepStore   *reader,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  GArray *ids = data;
  g_autoptr(GPtrArray) incidents = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      SitrepIncident *incident;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      incident = sitrep_store_get_incident (reader, g_array_index (ids, gint64, i),
                                            &local_error);
      if (incident != NULL)
        g_ptr_array_add (incidents, incident);
      /* Gone between the query and now: the list reads its ids again
       * once the store announces it. */
      else if (!g_error_matches (local_error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  return g_steal_pointer (&incidents);
}

static void fetch_next (SitrepIncidentList *self);

static void
fetch_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SitrepIncidentList) self = user_data;
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GArray) positions = NULL;
  g_autoptr(GError) error = NULL;

  if (self->worker == NULL)
    return;

  incidents = sitrep_worker_run_finish (self->worker, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->fetching = FALSE;

  /* The rows keep saying that they are being read; they ask again when
   * the list is read again, as it is once the server answers. */
  if (incidents == NULL)
    {
      g_debug ("Could not read the incidents of the list's rows: %s", error->message);
      g_hash_table_remove_all (self->asked);
      g_array_set_size (self->wanted, 0);
      g_clear_pointer (&self->fetched, g_array_unref);
      return;
    }

  positions = g_array_sized_new (FALSE, FALSE, sizeof (guint), incidents->len);
  for (guint i = 0; i < incidents->len; i++)
    {
      SitrepIncident *incident = g_ptr_array_index (incidents, i);
      gint64 id = sitrep_incident_get_id (incident);
      gpointer asked_at = g_hash_table_lookup (self->asked, &id);
      guint position = GPOINTER_TO_UINT (asked_at) - 1;

      _sitrep_incident_list_cache_newer (self, incident);

      /* Where it was asked for, unless the list changed since. */
      if (asked_at == NULL || position >= self->ids->len ||
          g_array_index (self->ids, gint64, position) != id)
        position = sitrep_incident_list_find (self, id);
      if (position != SITREP_INCIDENT_LIST_INVALID_POSITION)
        g_array_append_val (positions, position);
    }

  /* All asked for are answered; one that is gone is asked for anew if
   * its row is shown again. */
  for (guint i = 0; self->fetched != NULL && i < self->fetched->len; i++)
    g_hash_table_remove (self->asked, &g_array_index (self->fetched, gint64, i));
  g_clear_pointer (&self->fetched, g_array_unref);

  for (guint i = 0; i < positions->len; i++)
    g_list_model_items_changed (G_LIST_MODEL (self), g_array_index (positions, guint, i), 1, 1);

  fetch_next (self);
}

static void
fetch_next (SitrepIncidentList *self)
{
  g_autoptr(GArray) ids = NULL;
  guint n;

  if (self->fetching || self->wanted->len == 0)
    return;

  n = MIN (self->wanted->len, FETCH_BATCH);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  g_array_append_vals (ids, self->wanted->data, n);
  g_array_remove_range (self->wanted, 0, n);

  if (self->fetch_cancellable == NULL)
    self->fetch_cancellable = g_cancellable_new ();
  self->fetching = TRUE;
  g_clear_pointer (&self->fetched, g_array_unref);
  self->fetched = g_array_ref (ids);
  sitrep_worker_run_async (self->worker, fetch_run, g_steal_pointer (&ids),
                           (GDestroyNotify) g_array_unref, (GDestroyNotify) g_ptr_array_unref,
                           self->fetch_cancellable, fetch_done_cb, g_object_ref (self));
}

static gboolean
fetch_cb (gpointer user_data)
{
  SitrepIncidentList *self = user_data;

  self->fetch_source = 0;
  fetch_next (self);

  return G_SOURCE_REMOVE;
}

/**
 * _sitrep_incident_list_fetch_later:
 * @self: a list with a worker
 * @id: the incident at @position, which the list does not hold
 * @position: where it was asked for
 *
 * Has the worker read incident @id, with the others asked for in this
 * turn of the main loop, and announces its row when it comes.
 *
 * Returns: (transfer full): an incident with only its id, for the row to
 *   show meanwhile
 */
SitrepIncident *
_sitrep_incident_list_fetch_later (SitrepIncidentList *self,
                                   gint64              id,
                                   guint               position)
{
  SitrepIncident *unread = sitrep_incident_new ();

  sitrep_incident_set_id (unread, id);

  if (!g_hash_table_contains (self->asked, &id))
    g_array_append_val (self->wanted, id);
  g_hash_table_replace (self->asked, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (position + 1));

  /* After the frame that asked: its other rows come with it. */
  if (self->fetch_source == 0 && !self->fetching)
    {
      self->fetch_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fetch_cb, self, NULL);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->fetch_source),
                                "[sitrep] read the incidents of the list's rows");
    }

  return unread;
}

/**
 * _sitrep_incident_list_fetch_stop:
 * @self: a list
 *
 * Forgets the incidents asked for: the list goes away, or its ids were
 * read again and its rows will ask anew.
 */
void
_sitrep_incident_list_fetch_stop (SitrepIncidentList *self)
{
  g_clear_handle_id (&self->fetch_source, g_source_remove);
  if (self->fetch_cancellable != NULL)
    g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->fetch_cancellable);
  self->fetching = FALSE;
  g_clear_pointer (&self->fetched, g_array_unref);
  if (self->asked != NULL)
    g_hash_table_remove_all (self->asked);
  if (self->wanted != NULL)
    g_array_set_size (self->wanted, 0);
}
