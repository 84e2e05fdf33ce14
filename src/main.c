/* main.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "sitrep-application.h"
#include "sitrep-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SitrepApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = sitrep_application_new ();

  /* The headless commands answer without a display; anything else opens
   * (or presents) the window. */
  return sitrep_cli_run_application (G_APPLICATION (app), argc, argv);
}
