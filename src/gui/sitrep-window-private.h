/* sitrep-window-private.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-window.h"

G_BEGIN_DECLS

/* sitrep-window-shortcuts.c: the incident's accelerators on the whole
 * window */
void _sitrep_window_install_incident_shortcuts (SitrepWindow *self);

G_END_DECLS
