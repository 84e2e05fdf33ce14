/* sitrep-cli.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * SitrepCliExit:
 * @SITREP_CLI_EXIT_SUCCESS: the command did what was asked
 * @SITREP_CLI_EXIT_FAILURE: bad input or an unusable database
 * @SITREP_CLI_EXIT_USAGE: the command line itself is wrong
 *
 * The exit statuses of the headless commands.
 */
typedef enum
{
  SITREP_CLI_EXIT_SUCCESS = 0,
  SITREP_CLI_EXIT_FAILURE = 1,
  SITREP_CLI_EXIT_USAGE   = 2,
} SitrepCliExit;

int   sitrep_cli_run_application (GApplication  *application,
                                  int            argc,
                                  char         **argv);
int   sitrep_cli_text_width      (const char    *text);
char *sitrep_cli_truncate_text   (const char    *text,
                                  int            max_width);

G_END_DECLS
