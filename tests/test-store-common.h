/* test-store-common.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "sitrep-enums.h"
#include "sitrep-store.h"
#include "sitrep-store-private.h"
#include "test-team-common.h"

G_BEGIN_DECLS

/* 2026-03-01T09:30:00Z */
#define T0 G_GINT64_CONSTANT (1772357400)

/* A temporary folder with a database path in it, a fake clock at T0 and,
 * with fixture_set_up(), a store opened on the path. */
typedef struct
{
  char        *dir;
  char        *path;
  SitrepClock *clock;
  SitrepStore *store;
} Fixture;

typedef void (*StoreTestFunc) (Fixture       *f,
                               gconstpointer  data);

/* Adds the test "/sitrep/store/@name": with a store opened in a fresh
 * folder, or (add_dir_test) with the folder only, for tests of opening. */
void                 add_store_test            (const char    *name,
                                                StoreTestFunc  func);
void                 add_dir_test              (const char    *name,
                                                StoreTestFunc  func);
/* Like add_store_test(), for what only a desk's database file has (its
 * pages, its file, SQLite's own checks): not run on a team database. */
void                 add_file_test             (const char    *name,
                                                StoreTestFunc  func);

void                 remove_tree               (const char    *path);
void                 fixture_set_up            (Fixture       *f,
                                                gconstpointer  data);
void                 fixture_tear_down         (Fixture       *f,
                                                gconstpointer  data);
/* a temporary folder only, for the tests about opening */
void                 dir_set_up                (Fixture       *f,
                                                gconstpointer  data);

gint64               create                    (SitrepStore   *store,
                                                const char    *title,
                                                const char    *service,
                                                int            level,
                                                gint64         reported_at);
SitrepStatus         get_status                (SitrepStore   *store,
                                                gint64         id);
guint                count_entries             (SitrepStore   *store,
                                                gint64         id);
SitrepTimelineEntry *last_entry                (SitrepStore   *store,
                                                gint64         id);
/* a new incident brought to @status by the transitions that lead there */
gint64               create_in_status          (Fixture       *f,
                                                SitrepStatus   status);

sqlite3             *open_raw                  (const char    *path);
gint64               raw_int64                 (const char    *path,
                                                const char    *sql);
/* Runs @sql past the store on the database at @path, a desk's file or a
 * team database: raw_exec() asserts that it succeeds, raw_try_exec()
 * returns whether it did, with the engine's message. */
void                 raw_exec                  (const char    *path,
                                                const char    *sql);
gboolean             raw_try_exec              (const char    *path,
                                                const char    *sql,
                                                char         **message);
void                 assert_search_index_sound (const char    *path);
/* Turns the database at @path back into one of schema version 5, as the
 * version before row versions wrote it. */
void                 store_test_downgrade_to_5 (const char    *path);
/* Turns the database at @path back into one of schema version 4, as the
 * version before the shift workflow wrote it. */
void                 store_test_downgrade_to_4 (const char    *path);
GBytes              *read_bytes                (const char    *path);
/* Overwrites with junk the pages of the closed database @path that @sql
 * (a query on the dbstat table, e.g. "SELECT pageno FROM dbstat WHERE
 * name = 'incidents'") lists; returns how many. */
guint                damage_pages              (const char    *path,
                                                const char    *sql);
/* the ids sitrep_store_query() lists (with "Ann" as the user) */
GArray              *run_query                 (SitrepStore      *store,
                                                SitrepListFilter  filter,
                                                SitrepListSort    sort,
                                                const char       *text);
void                 assert_ids                (GArray        *ids,
                                                const gint64  *expected,
                                                guint          n_expected);
/* connected swapped: the counter comes first, the signal's arguments after */
void                 count_cb                  (guint         *count);

G_END_DECLS
