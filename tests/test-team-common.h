/* test-team-common.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* Whether the tests run on a team database: SITREP_TEST_TEAM is set, and
 * libpq's environment (PGHOST, PGPORT, PGUSER, PGPASSWORD, as
 * pg_virtualenv sets them) names a server where the login may create
 * databases and roles. Each test then gets a new team database of its
 * own, a copy of one set up once per test program. */
gboolean             store_test_on_team            (void);
char                *store_test_new_team_database  (void);
void                 store_test_drop_team_database (const char *address);
/* runs @sql (a command, or a query whose rows are not wanted) on the
 * server's maintenance database, as the cluster's owner */
void                 store_test_admin_exec         (const char *sql);
/* A server on loopback that takes connections and never answers them, as
 * one that hangs would: the address of a database on it (port @port),
 * with connect_timeout=@timeout, for as long as @listener lives. */
char                *store_test_silent_server      (guint             timeout,
                                                    guint            *port,
                                                    GSocketListener **listener);

/* Another session that keeps everyone from reading or writing the
 * incidents of the team database at @address until
 * store_test_unlock_incidents() ends it. */
PGconn              *store_test_lock_incidents     (const char       *address);
void                 store_test_unlock_incidents   (PGconn           *session);

/* A GSourceFunc that counts its calls in the guint at @user_data: a
 * timeout with it shows whether the main loop ran while a test waited. */
gboolean             store_test_count_tick         (gpointer          user_data);

G_END_DECLS
