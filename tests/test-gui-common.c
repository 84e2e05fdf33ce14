/* test-gui-common.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "sitrep-file-writer.h"
#include "test-gui-common.h"

/* What the tests of the window's parts share. */

static char *user_dirs;

static void
remove_user_dirs (void)
{
  if (user_dirs != NULL)
    gui_test_remove_tree (user_dirs);
  g_clear_pointer (&user_dirs, g_free);
}

void
gui_test_isolate_user_dirs (void)
{
  static const struct
  {
    const char *variable;
    const char *folder;
  } dirs[] = {
    { "XDG_DATA_HOME", "data" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_STATE_HOME", "state" },
  };
  g_autoptr(GError) error = NULL;

  g_assert_null (user_dirs);
  user_dirs = g_dir_make_tmp ("sitrep-gui-test-XXXXXX", &error);
  g_assert_no_error (error);
  atexit (remove_user_dirs);

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = g_build_filename (user_dirs, dirs[i].folder, NULL);

      g_setenv (dirs[i].variable, path, TRUE);
    }
}

const char *
gui_test_get_user_dirs (void)
{
  return user_dirs;
}

void
gui_test_init (int    *argc,
               char ***argv)
{
  gui_test_isolate_user_dirs ();
  gtk_test_init (argc, argv, NULL);
}

void
gui_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
gui_test_wait_for_writes (SitrepStore *store)
{
  if (store != NULL)
    sitrep_store_wait_for_writes (store);
  sitrep_file_writer_wait ();
  gui_test_drain ();
}

void
gui_test_damage_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  sqlite3 *db = NULL;
  gsize length;
  int log_frames = -1;
  int copied_frames = -1;

  /* A connection finds the log at its first read; before that, a
   * checkpoint copies nothing and says so with -1. The log is still
   * there when a thread's connection outlived the store's for a moment. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log_frames,
                                              &copied_frames), ==, SQLITE_OK);
  g_assert_cmpint (copied_frames, ==, log_frames);
  sqlite3_close (db);

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 8192);
  memset (contents + 4096, 0xa5, length - 4096);
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);
}

void
gui_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        gui_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* The first widget of @type inside @widget, depth first. */
GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_into (GtkWidget         *widget,
              GuiTestWidgetFunc  func,
              gconstpointer      data,
              GPtrArray         *found)
{
  if (func (widget, data))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_into (child, func, data, found);
}

/* Every widget under @widget, itself included, for which @func holds. */
GPtrArray *
collect_widgets (GtkWidget         *widget,
                 GuiTestWidgetFunc  func,
                 gconstpointer      data)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_into (widget, func, data, found);
  return found;
}

/* A visible toplevel holding a widget of @type, and that widget. */
GtkWidget *
find_in_toplevels (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      GtkWidget *found;

      if (!gtk_widget_get_visible (window))
        continue;
      found = find_descendant (window, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The control bound to @action_name, as a user would find it. */
GtkWidget *
find_action_widget (GtkWidget  *widget,
                    const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_widget (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}
