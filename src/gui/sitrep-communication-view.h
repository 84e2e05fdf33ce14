/* sitrep-communication-view.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_COMMUNICATION_VIEW (sitrep_communication_view_get_type ())

G_DECLARE_FINAL_TYPE (SitrepCommunicationView, sitrep_communication_view,
                      SITREP, COMMUNICATION_VIEW, AdwBin)

GtkWidget     *sitrep_communication_view_new         (void);
SitrepContext *sitrep_communication_view_get_context (SitrepCommunicationView *self);
void           sitrep_communication_view_set_context (SitrepCommunicationView *self,
                                                      SitrepContext           *context);
void           sitrep_communication_view_show        (SitrepCommunicationView *self,
                                                      SitrepIncident          *incident,
                                                      GPtrArray               *timeline,
                                                      SitrepPolicy            *policy);
void           sitrep_communication_view_refresh     (SitrepCommunicationView *self);

G_END_DECLS
