/* sitrep-incident-list.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sitrep-context.h"
#include "sitrep-filter.h"
#include "sitrep-store.h"
#include "sitrep-types.h"
#include "sitrep-worker.h"

G_BEGIN_DECLS

#define SITREP_INCIDENT_LIST_INVALID_POSITION G_MAXUINT

#define SITREP_TYPE_INCIDENT_LIST (sitrep_incident_list_get_type ())

G_DECLARE_FINAL_TYPE (SitrepIncidentList, sitrep_incident_list, SITREP, INCIDENT_LIST, GObject)

SitrepIncidentList *sitrep_incident_list_new              (SitrepStore        *store);
SitrepIncidentList *sitrep_incident_list_new_with_worker (SitrepStore        *store,
                                                          SitrepWorker       *worker);
SitrepIncidentList *sitrep_incident_list_new_for_context (SitrepContext      *context);
gboolean            sitrep_incident_list_get_loading     (SitrepIncidentList *self);
guint               sitrep_incident_list_get_n_superseded (SitrepIncidentList *self);
SitrepStore        *sitrep_incident_list_get_store        (SitrepIncidentList *self);
const SitrepFilter *sitrep_incident_list_get_filter       (SitrepIncidentList *self);
void                sitrep_incident_list_set_filter       (SitrepIncidentList *self,
                                                           SitrepListFilter    filter);
void                sitrep_incident_list_set_conditions   (SitrepIncidentList *self,
                                                           const SitrepFilter *filter);
const SitrepListCounts *
                    sitrep_incident_list_get_counts       (SitrepIncidentList *self);
SitrepListSort      sitrep_incident_list_get_sort         (SitrepIncidentList *self);
void                sitrep_incident_list_set_sort         (SitrepIncidentList *self,
                                                           SitrepListSort      sort);
const char         *sitrep_incident_list_get_search_text  (SitrepIncidentList *self);
void                sitrep_incident_list_set_search_text  (SitrepIncidentList *self,
                                                           const char         *text);
const char         *sitrep_incident_list_get_user_name    (SitrepIncidentList *self);
void                sitrep_incident_list_set_user_name    (SitrepIncidentList *self,
                                                           const char         *user_name);
gint64              sitrep_incident_list_get_id           (SitrepIncidentList *self,
                                                           guint               position);
SitrepIncident     *sitrep_incident_list_peek_latest      (SitrepIncidentList *self,
                                                           gint64              id);
guint               sitrep_incident_list_find             (SitrepIncidentList *self,
                                                           gint64              id);
guint               sitrep_incident_list_get_n_cached     (SitrepIncidentList *self);
void                sitrep_incident_list_refresh          (SitrepIncidentList *self);
void                sitrep_incident_list_refresh_counts   (SitrepIncidentList *self);

G_END_DECLS
