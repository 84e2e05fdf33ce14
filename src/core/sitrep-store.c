/* sitrep-store.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-store.h"

/* Replaced by the real store. */
char *
sitrep_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "sitrep", "sitrep.db", NULL);
}

SitrepStore *
sitrep_store_open (const char   *path,
                   SitrepClock  *clock,
                   GError      **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "no store yet");
  return NULL;
}
