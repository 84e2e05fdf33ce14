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

GtkWidget *sitrep_pane_bin_new               (void);
GtkWidget *sitrep_pane_bin_get_child         (SitrepPaneBin *self);
void       sitrep_pane_bin_set_child         (SitrepPaneBin *self,
                                              GtkWidget     *child);
int        sitrep_pane_bin_get_natural_width (SitrepPaneBin *self);
void       sitrep_pane_bin_set_natural_width (SitrepPaneBin *self,
                                              int            natural_width);

G_END_DECLS
