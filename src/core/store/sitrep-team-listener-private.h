/* sitrep-team-listener-private.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-team-listener.h"

G_BEGIN_DECLS

/* For tests: a first retry after @first_retry_ms instead of a second (the
 * later ones grow from it as usual), and giving up on a connection attempt
 * after @connect_timeout_ms instead of the address's connect_timeout (0:
 * never). Takes effect at the next attempt. */
void  sitrep_team_listener_set_timing          (SitrepTeamListener *self,
                                                guint               first_retry_ms,
                                                guint               connect_timeout_ms);

/* For tests: how many notifications were ignored as malformed. */
guint sitrep_team_listener_get_malformed_count (SitrepTeamListener *self);

/* For tests: how many times the listener began to connect. */
guint sitrep_team_listener_get_attempts        (SitrepTeamListener *self);

G_END_DECLS
