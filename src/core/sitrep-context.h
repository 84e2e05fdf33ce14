/* sitrep-context.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sitrep-clock.h"
#include "sitrep-store.h"
#include "sitrep-worker.h"

G_BEGIN_DECLS

/* The schema of Sitrep's settings. A development build keeps it, so that
 * both builds read the same user name and role. */
#define SITREP_SETTINGS_SCHEMA "io.github.sitrep.Sitrep"

#define SITREP_TYPE_CONTEXT (sitrep_context_get_type ())

G_DECLARE_FINAL_TYPE (SitrepContext, sitrep_context, SITREP, CONTEXT, GObject)

SitrepContext *sitrep_context_new           (SitrepStore   *store,
                                             GSettings     *settings);
SitrepStore   *sitrep_context_get_store     (SitrepContext *self);
SitrepClock   *sitrep_context_get_clock     (SitrepContext *self);
GSettings     *sitrep_context_get_settings  (SitrepContext *self);
SitrepWorker  *sitrep_context_get_worker    (SitrepContext *self);
gint64         sitrep_context_get_now       (SitrepContext *self);
const char    *sitrep_context_get_user_name (SitrepContext *self);
const char    *sitrep_context_get_role      (SitrepContext *self);
gboolean       sitrep_context_get_read_only (SitrepContext *self);
gboolean       sitrep_context_get_team      (SitrepContext *self);
gboolean       sitrep_context_check_writable (SitrepContext *self,
                                              GError       **error);

G_END_DECLS
