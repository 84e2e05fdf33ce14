/* test-gui-common.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Runs the main loop until nothing is pending. */
void gui_test_drain       (void);
/* Removes @path and everything below it. */
void gui_test_remove_tree (const char *path);
/* The first widget of @type inside @widget, depth first. */
GtkWidget *find_descendant   (GtkWidget *widget,
                              GType      type);
/* The first widget of @type in a visible toplevel. */
GtkWidget *find_in_toplevels (GType      type);

G_END_DECLS
