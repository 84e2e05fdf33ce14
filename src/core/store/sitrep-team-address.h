/* sitrep-team-address.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SITREP_TEAM_ERROR (sitrep_team_error_quark ())

/**
 * SitrepTeamError:
 * @SITREP_TEAM_ERROR_ADDRESS: the team database's address cannot be read
 *
 * Errors about the shared PostgreSQL database of team mode.
 */
typedef enum
{
  SITREP_TEAM_ERROR_ADDRESS,
} SitrepTeamError;

GQuark    sitrep_team_error_quark          (void);

gboolean  sitrep_team_address_is_team      (const char  *database);
char     *sitrep_team_address_describe     (const char  *database);
char     *sitrep_team_address_with_options (const char  *database,
                                            const char  *password,
                                            GError     **error);

void      sitrep_team_address_resolve_async  (const char          *conninfo,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
char     *sitrep_team_address_resolve_finish (GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
