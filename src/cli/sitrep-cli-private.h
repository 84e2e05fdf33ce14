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
  char     *report;
  char     *incident;
  char     *month;
  char     *format;
  char     *output;
  char     *backup_path;
  char     *restore_path;
  char    **remaining;
  gboolean  replace;
  gboolean  json;

  /* --at, parsed. Whether it was given is kept apart from the time, as
   * for every time Sitrep keeps. */
  gboolean  at_given;
  gint64    at;

  /* The database the command works on, as run_with_database() found it,
   * and whether the command itself created it (an empty one). */
  char     *database_path;
  gboolean  database_created;
} SitrepCliOptions;

/* Writes what a command outputs into the temporary file that
 * sitrep_cli_write_file() renames into place: to @out, or by the
 * file's name, @temp_path, for writers that open it themselves. */
typedef gboolean (*SitrepCliWriteFunc) (GOutputStream  *out,
                                        const char     *temp_path,
                                        gpointer        user_data,
                                        GError        **error);

void      sitrep_cli_print_failure     (const char             *format,
                                        ...) G_GNUC_PRINTF (1, 2);
char     *sitrep_cli_display_name      (const char             *path);
void      sitrep_cli_print_store_error (const char             *path,
                                        const GError           *error);
gboolean  sitrep_cli_write_file        (const char             *path,
                                        SitrepCliWriteFunc      write_func,
                                        gpointer                user_data,
                                        GError                **error);

int       sitrep_cli_run_import        (SitrepStore            *store,
                                        const SitrepCliOptions *options);
int       sitrep_cli_run_export        (SitrepStore            *store,
                                        const SitrepCliOptions *options);
int       sitrep_cli_run_status        (SitrepStore            *store,
                                        const SitrepCliOptions *options);
int       sitrep_cli_check_report      (const SitrepCliOptions *options,
                                        GError                **error);
int       sitrep_cli_run_report        (SitrepStore            *store,
                                        const SitrepCliOptions *options);
int       sitrep_cli_run_backup        (SitrepStore            *store,
                                        const SitrepCliOptions *options);
int       sitrep_cli_run_restore       (SitrepStore            *store,
                                        const SitrepCliOptions *options);

G_END_DECLS
