/* sitrep-preferences-window.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_PREFERENCES_WINDOW (sitrep_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SitrepPreferencesWindow, sitrep_preferences_window,
                      SITREP, PREFERENCES_WINDOW, AdwPreferencesWindow)

SitrepPreferencesWindow *sitrep_preferences_window_new (SitrepContext *context);

G_END_DECLS
