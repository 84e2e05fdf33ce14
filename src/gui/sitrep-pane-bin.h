/* sitrep-pane-bin.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SITREP_TYPE_PANE_BIN (sitrep_pane_bin_get_type ())

G_DECLARE_FINAL_TYPE (SitrepPaneBin, sitrep_pane_bin, SITREP, PANE_BIN, GtkWidget)

G_END_DECLS
