/* test-interchange-common.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-interchange.h"
#include "sitrep-store.h"

G_BEGIN_DECLS

/* 2026-11-21T12:00:00Z */
#define NOW G_GINT64_CONSTANT (1795262400)
#define DAY (24 * 60 * 60)

/* A temporary folder, a fake clock at NOW and a store opened in the
 * folder as "sitrep.db". */
typedef struct
{
  char        *dir;
  SitrepClock *clock;
  SitrepStore *store;
} Fixture;

SitrepStore        *open_store        (Fixture       *fixture,
                                       const char    *name);
void                fixture_set_up    (Fixture       *fixture,
                                       gconstpointer  data);
void                fixture_tear_down (Fixture       *fixture,
                                       gconstpointer  data);
char               *read_data         (const char    *name,
                                       gsize         *length);
char               *export_text       (SitrepStore   *store);
SitrepImportResult *import_text       (SitrepStore   *store,
                                       const char    *text,
                                       gboolean       replace);
SitrepImportResult *import_data_file  (SitrepStore   *store,
                                       const char    *name,
                                       gboolean       replace);
gint64              find_id           (SitrepStore   *store,
                                       const char    *key);
void                assert_round_trip (Fixture       *fixture,
                                       const char    *name);

/* Adds the test "/sitrep/interchange/@path" with a fresh Fixture. */
#define ADD(path, func) \
  g_test_add ("/sitrep/interchange/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

G_END_DECLS
