/* sitrep-communication-view.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-store.h"

G_BEGIN_DECLS

#define SITREP_TYPE_COMMUNICATION_VIEW (sitrep_communication_view_get_type ())

G_DECLARE_FINAL_TYPE (SitrepCommunicationView, sitrep_communication_view,
                      SITREP, COMMUNICATION_VIEW, AdwBin)

GtkWidget   *sitrep_communication_view_new             (void);
SitrepStore *sitrep_communication_view_get_store       (SitrepCommunicationView *self);
void         sitrep_communication_view_set_store       (SitrepCommunicationView *self,
                                                        SitrepStore             *store);
gint64       sitrep_communication_view_get_incident_id (SitrepCommunicationView *self);
void         sitrep_communication_view_set_incident_id (SitrepCommunicationView *self,
                                                        gint64                   incident_id);
void         sitrep_communication_view_refresh         (SitrepCommunicationView *self);

G_END_DECLS
