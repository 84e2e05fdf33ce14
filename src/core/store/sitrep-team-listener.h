/* sitrep-team-listener.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sitrep-clock.h"

G_BEGIN_DECLS

/* The channel every committed write of a team database notifies, with the
 * payload "<writer_pid> <incident_id> <changes>" (see docs/team.md). */
#define SITREP_TEAM_CHANNEL "sitrep_changes"

#define SITREP_TYPE_TEAM_LISTENER (sitrep_team_listener_get_type ())

G_DECLARE_FINAL_TYPE (SitrepTeamListener, sitrep_team_listener, SITREP, TEAM_LISTENER, GObject)

SitrepTeamListener *sitrep_team_listener_new                   (const char         *conninfo,
                                                                SitrepClock        *clock);
void                sitrep_team_listener_start                 (SitrepTeamListener *self);
void                sitrep_team_listener_stop                  (SitrepTeamListener *self);
gboolean            sitrep_team_listener_get_connected         (SitrepTeamListener *self);
gint64              sitrep_team_listener_get_unreachable_since (SitrepTeamListener *self);
const char         *sitrep_team_listener_get_last_error        (SitrepTeamListener *self);

G_END_DECLS
