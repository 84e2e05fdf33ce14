/* test-gui-common.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sitrep-store.h"

G_BEGIN_DECLS

/* Points the user's data, config and state folders at a new temporary
 * folder of the process, removed when it ends: GUI tests keep drafts,
 * databases and autostart files there, never in the user's own. Call it
 * before anything asks GLib for those folders. The cache folder stays
 * the user's: a fresh one costs every process Mesa's shader compiles. */
void gui_test_isolate_user_dirs (void);
/* The temporary folder of gui_test_isolate_user_dirs(). */
const char *gui_test_get_user_dirs (void);
/* gui_test_isolate_user_dirs(), then gtk_test_init() (whose options
 * GTK 4 ignores, G_TEST_OPTION_ISOLATE_DIRS among them). */
void gui_test_init        (int    *argc,
                           char ***argv);
/* Runs the main loop until nothing is pending. */
void gui_test_drain       (void);
/* Runs the main loop until every write submitted to @store (if not
 * %NULL) is on the disk and announced (a user's action is shown once it
 * is), then until nothing is pending. */
void gui_test_wait_for_writes (SitrepStore *store);
/* Folds the log of the database @path into its file (as closing its
 * last connection does, which a reader still closing elsewhere can keep
 * from happening), then overwrites everything after the first page, as
 * a failing disk would. */
void gui_test_damage_database (const char *path);
/* Removes @path and everything below it. */
void gui_test_remove_tree (const char *path);
/* The first widget of @type inside @widget, depth first. */
GtkWidget *find_descendant   (GtkWidget *widget,
                              GType      type);
/* Whether @widget is one of those looked for. */
typedef gboolean (*GuiTestWidgetFunc) (GtkWidget     *widget,
                                       gconstpointer  data);
/* Every widget under @widget, itself included, for which @func holds,
 * depth first. */
GPtrArray *collect_widgets   (GtkWidget         *widget,
                              GuiTestWidgetFunc  func,
                              gconstpointer      data);
/* The control bound to @action_name under @widget, as a user would
 * find it. */
GtkWidget *find_action_widget (GtkWidget  *widget,
                               const char *action_name);
/* The first widget of @type in a visible toplevel. */
GtkWidget *find_in_toplevels (GType      type);

G_END_DECLS
