/* sitrep-team-banner.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-team-listener.h"

G_BEGIN_DECLS

#define SITREP_TYPE_TEAM_BANNER (sitrep_team_banner_get_type ())

G_DECLARE_FINAL_TYPE (SitrepTeamBanner, sitrep_team_banner, SITREP, TEAM_BANNER, AdwBin)

GtkWidget          *sitrep_team_banner_new          (void);
void                sitrep_team_banner_set_listener (SitrepTeamBanner   *self,
                                                     SitrepTeamListener *listener);
SitrepTeamListener *sitrep_team_banner_get_listener (SitrepTeamBanner   *self);
const char         *sitrep_team_banner_get_text     (SitrepTeamBanner   *self);
gboolean            sitrep_team_banner_get_shown    (SitrepTeamBanner   *self);

G_END_DECLS
