/* sitrep-incident-list-private.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-incident-list.h"

G_BEGIN_DECLS

struct _SitrepIncidentList
{
  GObject           parent_instance;

  SitrepStore      *store;
  SitrepFilter     *filter;
  SitrepListCounts  counts;      /* as the last query found them */
  SitrepListSort    sort;
  char             *search_text;
  char             *user_name;

  GArray           *ids;         /* gint64, in list order */
  GHashTable       *cache;       /* gint64* id → SitrepIncident* (owned) */
  GQueue            cache_order; /* gint64* keys of @cache, oldest first */

  gulong            changed_handler;
  gulong            incident_changed_handler;

  GSource          *load_rest_source;  /* reads the ids after the first page */

  SitrepWorker     *worker;            /* runs the queries, or NULL */
  SitrepContext    *context;           /* hands out changed incidents, or NULL */
  gulong            context_changed_handler;
  GCancellable     *query_cancellable; /* of the query under way */
  guint             n_superseded;

  /* On a team database (sitrep-incident-list-fetch.c): the incidents
   * asked for by rows and not read yet (gint64* id → position + 1), those
   * of them still to hand to the worker, and its read under way. */
  GHashTable       *asked;
  GArray           *wanted;
  GArray           *fetched;   /* the ids of the read under way */
  guint             fetch_source;
  GCancellable     *fetch_cancellable;
  gboolean          fetching;
};

void _sitrep_incident_list_update     (SitrepIncidentList     *self,
                                       gint64                  changed_id);
void _sitrep_incident_list_set_counts (SitrepIncidentList     *self,
                                       const SitrepListCounts *counts);
void _sitrep_incident_list_count_now  (SitrepIncidentList     *self);
void _sitrep_incident_list_cache_newer (SitrepIncidentList    *self,
                                        SitrepIncident        *incident);

/* sitrep-incident-list-fetch.c */
SitrepIncident *_sitrep_incident_list_fetch_later (SitrepIncidentList *self,
                                                   gint64              id,
                                                   guint               position);
void            _sitrep_incident_list_fetch_stop  (SitrepIncidentList *self);

G_END_DECLS
