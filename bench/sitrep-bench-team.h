/* sitrep-bench-team.h: what the parts of the team benchmark share
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libpq-fe.h>

#include "sitrep-bench-stats.h"
#include "sitrep-store.h"

G_BEGIN_DECLS

/* A bare connection to @dbname on the server the PG* variables name;
 * aborts the benchmark when there is none. */
PGconn  *bench_team_connect         (const char  *dbname);
void     bench_team_exec            (PGconn      *conn,
                                     const char  *sql);
gint64   bench_team_query_int       (PGconn      *conn,
                                     const char  *sql);
/* Makes an empty team database @dbname (dropping one of that name) and
 * returns its address for sitrep_store_open_team(). */
char    *bench_team_create_database (const char  *dbname);
/* Fills @dbname, an empty team database, with incidents 1…@n of the
 * store benchmark; @seconds receive the time of each step. */
void     bench_team_fill_database   (const char  *dbname,
                                     guint64      n,
                                     double       seconds[4]);
/* Runs the main context until @done is TRUE or @timeout_ms passed;
 * returns *@done. */
gboolean bench_team_wait            (gboolean    *done,
                                     guint        timeout_ms);
SitrepIncident *bench_team_new_incident (const char *title,
                                         int         level,
                                         gint64      reported_at);
/* Waits up to 10 s for @store to listen for the other desks' changes. */
gboolean bench_team_wait_listening  (SitrepStore *store);

/* The parts, in sitrep-bench-team-desks.c */
gboolean bench_team_latency         (const char  *self_path,
                                     GError     **error);
gboolean bench_team_load            (const char  *self_path,
                                     GError     **error);
int      bench_team_desk_main       (int          argc,
                                     char       **argv);
int      bench_team_listen_main     (int          argc,
                                     char       **argv);

/* In sitrep-bench-team-repaint.c: needs a display */
gboolean bench_team_repaint         (GError     **error);

G_END_DECLS
