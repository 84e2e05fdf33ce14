/* test-window-common.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-context.h"
#include "sitrep-incident-list.h"
#include "sitrep-store.h"
#include "sitrep-window.h"
#include "test-gui-common.h"

G_BEGIN_DECLS

/* 2026-03-02 10:00:00 UTC */
#define NOW G_GINT64_CONSTANT (1772445600)

/* A store in a temporary folder on a fake clock at NOW, the settings
 * (reset, with "Ada" as the user) and the context on both; the window,
 * once a test opens it. */
typedef struct
{
  char          *dir;
  SitrepClock   *clock;
  SitrepStore   *store;
  GSettings     *settings;
  SitrepContext *context;
  SitrepWindow  *window;
} Fixture;

typedef void (*WindowTestFunc) (Fixture       *fixture,
                                gconstpointer  data);

/* Sets up the test program: the settings in memory, GTK, libadwaita and
 * Sitrep's resources. */
void         window_test_init  (int                 *argc,
                                char              ***argv);
/* Adds the test @path, run on a fresh Fixture. */
void         add_window_test   (const char          *path,
                                WindowTestFunc       func);

/* a level-@level incident on the service "Portal", reported (and
 * occurred) at @reported_at */
gint64       create            (Fixture             *fixture,
                                const char          *title,
                                int                  level,
                                gint64               reported_at);
/* Presents the window on the fixture's context, and waits until its
 * detail pane shows the incident it opened on, if any. */
void         open_window       (Fixture             *fixture);
/* the visible page of the window's stack @stack_name */
const char  *visible_page      (Fixture             *fixture,
                                const char          *stack_name);
/* Runs the main loop until @list shows @n_items, or gives up after a
 * while (the search waits for the user to pause typing); asserts that it
 * does. */
void         wait_for_n_items  (SitrepIncidentList  *list,
                                guint                n_items);
/* Runs the main loop until @list has the worker's answer to its last
 * query, and the window has taken it (it does so in an idle). */
void         wait_for_answer   (SitrepIncidentList  *list);
/* Runs the main loop until @done holds for @data, or gives up after a
 * while; asserts that it holds. */
void         wait_until        (gboolean           (*done) (gpointer),
                                gpointer             data);

G_END_DECLS
