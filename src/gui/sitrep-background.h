/* sitrep-background.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sitrep-notifier.h"

G_BEGIN_DECLS

#define SITREP_TYPE_BACKGROUND (sitrep_background_get_type ())

G_DECLARE_FINAL_TYPE (SitrepBackground, sitrep_background, SITREP, BACKGROUND, GObject)

SitrepBackground *sitrep_background_new            (GtkApplication   *application,
                                                    GSettings        *settings,
                                                    SitrepNotifier   *notifier,
                                                    gboolean          hidden);
gboolean          sitrep_background_is_holding     (SitrepBackground *self);
char             *sitrep_background_get_autostart_path (void);
gboolean          sitrep_background_set_autostart  (SitrepBackground *self,
                                                    gboolean          enabled,
                                                    GError          **error);

G_END_DECLS
