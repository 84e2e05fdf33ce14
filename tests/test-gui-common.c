/* test-gui-common.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "test-gui-common.h"

/* What the tests of the window's parts share. */

void
gui_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
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
