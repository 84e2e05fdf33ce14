/* sitrep-cli.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-cli.h"

static const GOptionEntry entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { NULL }
};

const GOptionEntry *
sitrep_cli_get_option_entries (void)
{
  return entries;
}

int
sitrep_cli_run (GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("sitrep %s\n", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}
