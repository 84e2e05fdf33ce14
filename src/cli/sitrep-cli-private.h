/* sitrep-cli-private.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sitrep-cli.h"
#include "sitrep-store.h"

G_BEGIN_DECLS

/* The values of the command line's options, from the options dictionary
 * that GApplication fills; which command was asked for is the
 * dictionary's to say (see sitrep-cli.c). */
typedef struct
{
  char     *database;
  char     *import_path;
  char     *export_path;
  char     *at_text;
  char    **remaining;
  gboolean  replace;
  gboolean  json;

  /* --at, parsed. Whether it was given is kept apart: every time is a
   * valid value, 0 (1970-01-01T00:00:00Z) too. */
  gboolean  at_given;
  gint64    at;
} SitrepCliOptions;

void  sitrep_cli_print_failure    (const char             *format,
                                   ...) G_GNUC_PRINTF (1, 2);
char *sitrep_cli_display_name     (const char             *path);

int   sitrep_cli_run_import       (SitrepStore            *store,
                                   const SitrepCliOptions *options);
int   sitrep_cli_run_export       (SitrepStore            *store,
                                   const SitrepCliOptions *options);
int   sitrep_cli_run_status       (SitrepStore            *store,
                                   const SitrepCliOptions *options);

G_END_DECLS
