/* test-incident-view-common.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-incident-view.h"

G_BEGIN_DECLS

/* 2026-03-02 09:00:00 UTC; the tests run with TZ=UTC. */
#define T0 G_GINT64_CONSTANT (1772442000)

typedef struct
{
  char               *dir;
  SitrepClock        *clock;
  SitrepStore        *store;
  GSettings          *settings;
  SitrepContext      *context;
  gint64              id;
  GtkWindow          *window;
  SitrepIncidentView *view;
} Fixture;

/* A store with one incident (fixture->id) on show in an incident view,
 * in a window, as Ben, an incident manager, at T0. */
void                 fixture_setup      (Fixture       *fixture,
                                         gconstpointer  data);
void                 fixture_teardown   (Fixture       *fixture,
                                         gconstpointer  data);
/* The entry of fixture->id's timeline with @text, or %NULL. */
SitrepTimelineEntry *find_entry         (Fixture       *fixture,
                                         const char    *text);
/* The first label under @widget whose text holds @part, or %NULL. */
GtkLabel            *find_label_with    (GtkWidget     *widget,
                                         const char    *part);

G_END_DECLS
