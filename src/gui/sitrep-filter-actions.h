/* sitrep-filter-actions.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sitrep-context.h"
#include "sitrep-incident.h"

G_BEGIN_DECLS

#define SITREP_TYPE_FILTER_ACTIONS (sitrep_filter_actions_get_type ())

G_DECLARE_FINAL_TYPE (SitrepFilterActions, sitrep_filter_actions, SITREP, FILTER_ACTIONS, GObject)

SitrepFilterActions *sitrep_filter_actions_new          (SitrepContext       *context);
GActionGroup        *sitrep_filter_actions_get_group    (SitrepFilterActions *self);
void                 sitrep_filter_actions_set_incident (SitrepFilterActions *self,
                                                         SitrepIncident      *incident);

G_END_DECLS
