/* sitrep-team-page.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SITREP_TYPE_TEAM_PAGE (sitrep_team_page_get_type ())

G_DECLARE_FINAL_TYPE (SitrepTeamPage, sitrep_team_page, SITREP, TEAM_PAGE, AdwPreferencesPage)

/*
 * Signals:
 *   "settled": a connection test, a switch of database or a change in the
 *       keyring finished, whether it succeeded or not.
 */

SitrepTeamPage *sitrep_team_page_new         (GSettings      *settings);
gboolean        sitrep_team_page_get_busy    (SitrepTeamPage *self);
const char     *sitrep_team_page_get_result  (SitrepTeamPage *self);
const char     *sitrep_team_page_get_status  (SitrepTeamPage *self);

G_END_DECLS
