/* sitrep-list-job.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-list-job.h"

/*
 * The queries of the ticket list (SitrepIncidentList): on the worker's
 * thread, the ids with the counts and the incidents of the first rows, so
 * that the main thread does not read them one by one when the rows show
 * the answer (on a team database, a round trip each); in the calling
 * thread, the ids alone.
 */

struct _SitrepListJob
{
  SitrepFilter   *filter;
  SitrepListSort  sort;
  char           *text;
  guint           n_incidents;
};

SitrepListJob *
_sitrep_list_job_new (const SitrepFilter *filter,
                      SitrepListSort      sort,
                      const char         *text,
                      guint               n_incidents)
{
  SitrepListJob *job = g_new0 (SitrepListJob, 1);

  job->filter = filter != NULL ? sitrep_filter_copy (filter) : NULL;
  job->sort = sort;
  job->text = g_strdup (text);
  job->n_incidents = n_incidents;

  return job;
}

void
_sitrep_list_job_free (SitrepListJob *job)
{
  g_clear_pointer (&job->filter, sitrep_filter_free);
  g_free (job->text);
  g_free (job);
}

void
_sitrep_list_answer_free (SitrepListAnswer *answer)
{
  g_clear_pointer (&answer->ids, g_array_unref);
  g_clear_pointer (&answer->incidents, g_ptr_array_unref);
  g_free (answer);
}

/* A job without a filter reads the counts alone.
 *
 * Returns: (transfer full): a #SitrepListAnswer, or %NULL */
gpointer
_sitrep_list_job_run (SitrepStore   *reader,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  SitrepListJob *job = data;
  SitrepQuery query = { 0 };
  g_autoptr(SitrepListAnswer) answer = g_new0 (SitrepListAnswer, 1);

  query.conditions = job->filter;
  query.sort = job->sort;
  query.text = job->text;

  if (job->filter != NULL
      && (answer->ids = sitrep_store_query (reader, &query, error)) == NULL)
    return NULL;

  if (!sitrep_store_count_list (reader, SITREP_TIME_NONE, &answer->counts, error))
    return NULL;

  answer->incidents = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; answer->ids != NULL && i < MIN (answer->ids->len, job->n_incidents); i++)
    {
      g_autoptr(GError) local_error = NULL;
      SitrepIncident *incident;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      /* One that cannot be read now is read when its row asks. */
      incident = sitrep_store_get_incident (reader, g_array_index (answer->ids, gint64, i),
                                            &local_error);
      if (incident != NULL)
        g_ptr_array_add (answer->incidents, incident);
    }

  return g_steal_pointer (&answer);
}

/* The ids in the calling thread: all of them, or with @limit > 0 the
 * first @limit. An unreadable database lists nothing, with a warning. */
GArray *
_sitrep_list_query (SitrepStore        *store,
                    const SitrepFilter *filter,
                    SitrepListSort      sort,
                    const char         *text,
                    guint               limit)
{
  g_autoptr(GError) error = NULL;
  SitrepQuery query = { 0 };
  GArray *ids = NULL;

  if (store == NULL)
    return g_array_new (FALSE, FALSE, sizeof (gint64));

  query.conditions = filter;
  query.sort = sort;
  query.text = text;

  if (limit > 0)
    ids = sitrep_store_query_page (store, &query, 0, limit, &error);
  else
    ids = sitrep_store_query (store, &query, &error);

  if (ids == NULL)
    {
      g_warning ("Could not list the incidents of %s: %s",
                 sitrep_store_get_path (store), error->message);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  return ids;
}
