/* sitrep-store-version.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The schema version this Sitrep writes (the database's PRAGMA
 * user_version) and the mark of a Sitrep database (PRAGMA application_id,
 * "StRp"). Backups and restores check a file against them without opening
 * it as a store. */
#define SITREP_STORE_SCHEMA_VERSION   6
#define SITREP_STORE_APPLICATION_ID   0x53745270
/* the schema of a team database (PostgreSQL), counted on its own */
#define SITREP_STORE_TEAM_SCHEMA_VERSION 1
/* the oldest PostgreSQL a team database may run on (server_version_num) */
#define SITREP_STORE_TEAM_MIN_SERVER  130000

G_END_DECLS
