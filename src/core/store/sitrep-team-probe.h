/* sitrep-team-probe.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sitrep-store-version.h"
#include "sitrep-types.h"

G_BEGIN_DECLS

/**
 * SITREP_TEAM_SCHEMA_VERSION:
 *
 * The newest version of a team database's schema this Sitrep knows, as
 * kept in the `schema_version` row of its `sitrep_meta` table.
 */
#define SITREP_TEAM_SCHEMA_VERSION SITREP_STORE_TEAM_SCHEMA_VERSION

/**
 * SITREP_TEAM_MIN_SERVER_VERSION:
 *
 * The oldest PostgreSQL server a team database may run on, in
 * `PQserverVersion()`'s numbering.
 */
#define SITREP_TEAM_MIN_SERVER_VERSION 130000

#define SITREP_TEAM_PROBE_ERROR (sitrep_team_probe_error_quark ())

/**
 * SitrepTeamProbeError:
 * @SITREP_TEAM_PROBE_ERROR_MALFORMED: the connection string cannot be parsed
 * @SITREP_TEAM_PROBE_ERROR_UNREACHABLE: no server answered, or it refused
 *   the connection before asking who we are
 * @SITREP_TEAM_PROBE_ERROR_AUTHENTICATION: the server wants a password and
 *   none was given, or it rejected the one given
 * @SITREP_TEAM_PROBE_ERROR_TOO_OLD: the server is older than PostgreSQL 13
 * @SITREP_TEAM_PROBE_ERROR_FOREIGN: the database holds another
 *   application's tables
 * @SITREP_TEAM_PROBE_ERROR_NO_SCHEMA: the database is empty: the team
 *   schema has not been set up yet
 * @SITREP_TEAM_PROBE_ERROR_TOO_NEW: a newer Sitrep made the schema
 * @SITREP_TEAM_PROBE_ERROR_NOT_MEMBER: the login is in neither of Sitrep's
 *   group roles
 * @SITREP_TEAM_PROBE_ERROR_FAILED: a query failed
 *
 * Why a team database cannot be used.
 */
typedef enum
{
  SITREP_TEAM_PROBE_ERROR_MALFORMED,
  SITREP_TEAM_PROBE_ERROR_UNREACHABLE,
  SITREP_TEAM_PROBE_ERROR_AUTHENTICATION,
  SITREP_TEAM_PROBE_ERROR_TOO_OLD,
  SITREP_TEAM_PROBE_ERROR_FOREIGN,
  SITREP_TEAM_PROBE_ERROR_NO_SCHEMA,
  SITREP_TEAM_PROBE_ERROR_TOO_NEW,
  SITREP_TEAM_PROBE_ERROR_NOT_MEMBER,
  SITREP_TEAM_PROBE_ERROR_FAILED,
} SitrepTeamProbeError;

/**
 * SitrepTeamProbeResult:
 * @server_version: the server's version as `PQserverVersion()` gives it
 *   (150018 for 15.18)
 * @server_version_text: the server's version as it names it ("15.18")
 * @schema_version: the version of the database's Sitrep schema
 * @role: %SITREP_ROLE_INCIDENT_MANAGER for a member of `sitrep_manager`,
 *   %SITREP_ROLE_SUPERVISOR for a member of `sitrep_supervisor` only
 * @user: the login the server knows the user by
 *
 * What a successful probe found out about a team database.
 */
typedef struct
{
  int         server_version;
  char       *server_version_text;
  int         schema_version;
  SitrepRole  role;
  char       *user;
} SitrepTeamProbeResult;

#define SITREP_TYPE_TEAM_PROBE_RESULT (sitrep_team_probe_result_get_type ())

GType                  sitrep_team_probe_result_get_type  (void) G_GNUC_CONST;
GQuark                 sitrep_team_probe_error_quark      (void);

SitrepTeamProbeResult *sitrep_team_probe_result_copy      (const SitrepTeamProbeResult *result);
void                   sitrep_team_probe_result_free      (SitrepTeamProbeResult *result);

void                   sitrep_team_probe_async            (const char           *conninfo,
                                                           const char           *password,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
SitrepTeamProbeResult *sitrep_team_probe_finish           (GAsyncResult         *result,
                                                           GError              **error);

gboolean               sitrep_team_probe_check_server     (int                   server_version,
                                                           GError              **error);

GHashTable            *sitrep_team_conninfo_parse         (const char           *conninfo,
                                                           GError              **error);
char                  *sitrep_team_conninfo_with_password (const char           *conninfo,
                                                           const char           *password,
                                                           GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepTeamProbeResult, sitrep_team_probe_result_free)

G_END_DECLS
