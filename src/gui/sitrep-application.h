/* sitrep-application.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-context.h"
#include "sitrep-store.h"

G_BEGIN_DECLS

#define SITREP_TYPE_APPLICATION (sitrep_application_get_type ())

G_DECLARE_FINAL_TYPE (SitrepApplication, sitrep_application, SITREP, APPLICATION, AdwApplication)

SitrepApplication *sitrep_application_new       (void);
SitrepStore       *sitrep_application_get_store    (SitrepApplication *self);
GSettings         *sitrep_application_get_settings (SitrepApplication *self);
SitrepContext     *sitrep_application_get_context  (SitrepApplication *self);

G_END_DECLS
