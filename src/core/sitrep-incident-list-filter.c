/* sitrep-incident-list-filter.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sitrep-incident-list-private.h"
#include "sitrep-list-job.h"

/*
 * What the ticket list shows (its filter) and the counts a supervisor
 * watches beside it, read on the worker with every query of the list.
 */

/* Sets the counts, announcing them when they differ. */
void
_sitrep_incident_list_set_counts (SitrepIncidentList     *self,
                                  const SitrepListCounts *counts)
{
  if (memcmp (&self->counts, counts, sizeof *counts) == 0)
    return;

  self->counts = *counts;
  g_object_notify (G_OBJECT (self), "counts");
}

/* The counts, read in the calling thread: like the first page, an
 * index-served read of the unfinished incidents only. */
void
_sitrep_incident_list_count_now (SitrepIncidentList *self)
{
  g_autoptr(GError) error = NULL;
  SitrepListCounts counts;

  if (self->store == NULL)
    return;

  if (sitrep_store_count_list (self->store, SITREP_TIME_NONE, &counts, &error))
    _sitrep_incident_list_set_counts (self, &counts);
  /* a team database that cannot be reached: the window says so, and the
   * counts stay as last read */
  else if (g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_UNREACHABLE))
    g_debug ("%s", error->message);
  else
    g_warning ("Could not count the incidents of %s: %s",
               sitrep_store_get_path (self->store), error->message);
}

static void
counts_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SitrepIncidentList) self = user_data;
  g_autoptr(SitrepListAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = sitrep_worker_run_finish (self->worker, result, &error);
  if (answer != NULL)
    _sitrep_incident_list_set_counts (self, &answer->counts);
  else if (g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_UNREACHABLE))
    g_debug ("%s", error->message);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not count the incidents of %s: %s",
               sitrep_worker_get_path (self->worker), error->message);
}

/**
 * sitrep_incident_list_get_filter:
 * @self: a list
 *
 * Returns: (transfer none): which incidents the list shows
 */
const SitrepFilter *
sitrep_incident_list_get_filter (SitrepIncidentList *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_LIST (self), NULL);

  return self->filter;
}

/**
 * sitrep_incident_list_set_conditions:
 * @self: a list
 * @filter: (nullable): which incidents to show; %NULL for the active ones
 */
void
sitrep_incident_list_set_conditions (SitrepIncidentList *self,
                                     const SitrepFilter *filter)
{
  g_autoptr(SitrepFilter) active = NULL;

  g_return_if_fail (SITREP_IS_INCIDENT_LIST (self));

  if (filter == NULL)
    filter = active = sitrep_filter_new ();

  if (sitrep_filter_equal (self->filter, filter))
    return;

  sitrep_filter_free (self->filter);
  self->filter = sitrep_filter_copy (filter);
  _sitrep_incident_list_update (self, 0);
  g_object_notify (G_OBJECT (self), "filter");
}

/**
 * sitrep_incident_list_set_filter:
 * @self: a list
 * @filter: one of the single filters, %SITREP_LIST_FILTER_MINE meaning
 *   the incidents owned by #SitrepIncidentList:user-name
 *
 * Shows what @filter names (see sitrep_filter_new_preset()).
 */
void
sitrep_incident_list_set_filter (SitrepIncidentList *self,
                                 SitrepListFilter    filter)
{
  g_autoptr(SitrepFilter) conditions = NULL;

  g_return_if_fail (SITREP_IS_INCIDENT_LIST (self));

  conditions = sitrep_filter_new_preset (filter, self->user_name);
  sitrep_incident_list_set_conditions (self, conditions);
}

/**
 * sitrep_incident_list_get_counts:
 * @self: a list
 *
 * What the store held when the list last read it: the active incidents,
 * those awaiting closure, breached and at risk, whatever the filter. A
 * change is announced with #GObject::notify for #SitrepIncidentList:counts.
 *
 * Returns: (transfer none): the counts
 */
const SitrepListCounts *
sitrep_incident_list_get_counts (SitrepIncidentList *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_LIST (self), NULL);

  return &self->counts;
}

/**
 * sitrep_incident_list_refresh_counts:
 * @self: a list
 *
 * Reads the counts again (on the worker, when the list has one), without
 * querying the list: incidents become at risk and breached as time
 * passes, without any write.
 */
void
sitrep_incident_list_refresh_counts (SitrepIncidentList *self)
{
  g_return_if_fail (SITREP_IS_INCIDENT_LIST (self));

  if (self->worker == NULL)
    {
      _sitrep_incident_list_count_now (self);
      return;
    }

  sitrep_worker_run_async (self->worker, _sitrep_list_job_run,
                           _sitrep_list_job_new (NULL, SITREP_LIST_SORT_NEXT_DUE, NULL, 0),
                           (GDestroyNotify) _sitrep_list_job_free,
                           (GDestroyNotify) _sitrep_list_answer_free, NULL,
                           counts_done_cb, g_object_ref (self));
}
