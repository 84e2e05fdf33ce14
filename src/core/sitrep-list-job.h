/* sitrep-list-job.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-filter.h"
#include "sitrep-store.h"

G_BEGIN_DECLS

/* The ticket list's query as a worker's thread runs it: a copy of what it
 * needs (internal to SitrepIncidentList). */
typedef struct _SitrepListJob SitrepListJob;

/* Its answer: the ids, the counts read with them, and the incidents of
 * the first ids, which the rows show first. */
typedef struct
{
  GArray           *ids;
  SitrepListCounts  counts;
  GPtrArray        *incidents;
} SitrepListAnswer;

/* @filter: (nullable): %NULL for the counts alone; @n_incidents: how many
 * of the first ids to read the incidents of */
SitrepListJob *_sitrep_list_job_new     (const SitrepFilter  *filter,
                                         SitrepListSort       sort,
                                         const char          *text,
                                         guint                n_incidents);
void           _sitrep_list_job_free    (SitrepListJob       *job);
gpointer       _sitrep_list_job_run     (SitrepStore         *reader,
                                         gpointer             job,
                                         GCancellable        *cancellable,
                                         GError             **error);
void           _sitrep_list_answer_free (SitrepListAnswer    *answer);
GArray        *_sitrep_list_query       (SitrepStore         *store,
                                         const SitrepFilter  *filter,
                                         SitrepListSort       sort,
                                         const char          *text,
                                         guint                limit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepListAnswer, _sitrep_list_answer_free)

G_END_DECLS
