/* test-toast.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "sitrep-toast.h"
#include "test-gui-common.h"

/* A message naming "R&D" or quoting "<none>" shows as written: a toast's
 * title is markup, and the unescaped text would show nothing at all. */
static void
test_escapes_markup (void)
{
  g_autoptr(AdwToast) toast = sitrep_toast_new ("Could not save Owner: R&D <none>", 8);

  g_assert_cmpstr (adw_toast_get_title (toast), ==,
                   "Could not save Owner: R&amp;D &lt;none&gt;");
  g_assert_cmpuint (adw_toast_get_timeout (toast), ==, 8);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  adw_init ();

  g_test_add_func ("/sitrep/toast/escapes-markup", test_escapes_markup);

  return g_test_run ();
}
