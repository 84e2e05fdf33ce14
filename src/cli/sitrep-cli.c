/* sitrep-cli.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sitrep-cli-private.h"
#include "sitrep-time.h"

/*
 * The headless command line: --import, --export, --status and --version.
 * sitrep_cli_run() is called from the application's handle-local-options,
 * before the application registers or touches a display, so these commands
 * work over SSH and in scripts. Exit statuses are in #SitrepCliExit.
 *
 * Each command is one row of the commands table below: what it does with
 * the database and the function that runs it. The options that only make
 * sense with one command are in the modifiers table. Which commands go
 * together, and which options need which command, is checked in one place,
 * check_options().
 */

/* What a command does with the database. */
typedef enum
{
  DATABASE_NONE,    /* needs none */
  DATABASE_READ,    /* reads it */
  DATABASE_WRITE,   /* changes it */
} DatabaseUse;

typedef struct
{
  const char  *name;       /* the long option, as in the options dictionary */
  DatabaseUse  database;
  /* NULL for what is not headless: the application carries on. */
  int        (*run) (SitrepStore            *store,
                     const SitrepCliOptions *options);
} Command;

typedef struct
{
  const char *name;        /* an option that only makes sense… */
  const char *command;     /* …with this command */
} Modifier;

static int run_version (SitrepStore            *store,
                        const SitrepCliOptions *options);

static const Command commands[] = {
  { "version",    DATABASE_NONE,  run_version },
  { "import",     DATABASE_WRITE, sitrep_cli_run_import },
  { "export",     DATABASE_READ,  sitrep_cli_run_export },
  { "status",     DATABASE_READ,  sitrep_cli_run_status },
  /* The application's: no window, alerts only. */
  { "background", DATABASE_NONE,  NULL },
};

static const Modifier modifiers[] = {
  { "replace", "import" },
  { "at",      "status" },
  { "json",    "status" },
};

static const GOptionEntry entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the database FILE (default: $XDG_DATA_HOME/sitrep/sitrep.db, or $SITREP_DATABASE)"),
    N_("FILE") },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import incidents from the JSON file FILE (“-” reads standard input)"),
    N_("FILE") },
  { "replace", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --import, overwrite incidents whose key already exists"),
    NULL },
  { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export every incident as JSON to FILE (“-” writes standard output)"),
    N_("FILE") },
  { "status", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the deadlines of every incident that is not closed or cancelled"),
    NULL },
  { "at", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --status, judge the deadlines at TIME (RFC 3339) instead of now"),
    N_("TIME") },
  { "json", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --status, print JSON instead of a table"),
    NULL },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run without a window, raising alerts only"),
    NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"),
    NULL },
  { NULL }
};

static void
cli_options_clear (SitrepCliOptions *options)
{
  g_clear_pointer (&options->database, g_free);
  g_clear_pointer (&options->import_path, g_free);
  g_clear_pointer (&options->export_path, g_free);
  g_clear_pointer (&options->at_text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SitrepCliOptions, cli_options_clear)

static void
read_options (GVariantDict     *dict,
              SitrepCliOptions *options)
{
  g_variant_dict_lookup (dict, "database", "^ay", &options->database);
  g_variant_dict_lookup (dict, "import", "^ay", &options->import_path);
  g_variant_dict_lookup (dict, "export", "^ay", &options->export_path);
  g_variant_dict_lookup (dict, "at", "s", &options->at_text);
  g_variant_dict_lookup (dict, "replace", "b", &options->replace);
  g_variant_dict_lookup (dict, "status", "b", &options->status);
  g_variant_dict_lookup (dict, "json", "b", &options->json);
  g_variant_dict_lookup (dict, "background", "b", &options->background);
  g_variant_dict_lookup (dict, "version", "b", &options->version);
}

/* Finds the one command asked for, or NULL for none. */
static gboolean
find_command (GVariantDict   *dict,
              const Command **command,
              GError        **error)
{
  *command = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (!g_variant_dict_contains (dict, commands[i].name))
        continue;

      if (*command != NULL)
        {
          /* Translators: both %s are options, such as --import and --status */
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                       _("--%s and --%s cannot be used together"),
                       (*command)->name, commands[i].name);
          return FALSE;
        }

      *command = &commands[i];
    }

  return TRUE;
}

static gboolean
check_options (GVariantDict      *dict,
               SitrepCliOptions  *options,
               const Command    **command,
               GError           **error)
{
  if (!find_command (dict, command, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (modifiers); i++)
    {
      if (g_variant_dict_contains (dict, modifiers[i].name) &&
          (*command == NULL || strcmp ((*command)->name, modifiers[i].command) != 0))
        {
          /* Translators: both %s are options, such as --replace and --import */
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                       _("--%s can only be used with --%s"),
                       modifiers[i].name, modifiers[i].command);
          return FALSE;
        }
    }

  if ((options->import_path != NULL && options->import_path[0] == '\0') ||
      (options->export_path != NULL && options->export_path[0] == '\0') ||
      (options->database != NULL && options->database[0] == '\0'))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("a file name must not be empty"));
      return FALSE;
    }

  options->at = SITREP_TIME_NONE;
  if (options->at_text != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (!sitrep_time_parse_rfc3339 (options->at_text, &options->at, &local_error))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--at: %s", local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

static char *
get_database_path (const char  *option_path,
                   GError     **error)
{
  const char *env_path;
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;

  if (option_path != NULL)
    return g_strdup (option_path);

  env_path = g_getenv ("SITREP_DATABASE");
  if (env_path != NULL && env_path[0] != '\0')
    return g_strdup (env_path);

  /* Only the default location is created on demand: a folder the user
   * named that does not exist is most likely a typing error. */
  path = sitrep_store_default_path ();
  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (folder);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("cannot create the folder %s: %s"), name, g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&path);
}

static SitrepStore *
open_store (const char *option_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepClock) clock = NULL;
  g_autofree char *path = NULL;
  SitrepStore *store;

  path = get_database_path (option_path, &error);
  if (path == NULL)
    {
      sitrep_cli_print_failure ("%s", error->message);
      return NULL;
    }

  clock = sitrep_clock_new ();
  store = sitrep_store_open (path, clock, &error);
  if (store == NULL)
    {
      g_autofree char *name = g_filename_display_name (path);

      /* The store's messages name the file; say it here only if not. */
      if (strstr (error->message, name) != NULL)
        sitrep_cli_print_failure ("%s", error->message);
      else
        sitrep_cli_print_failure ("%s: %s", name, error->message);
      return NULL;
    }

  return store;
}

static int
run_version (SitrepStore            *store,
             const SitrepCliOptions *options)
{
  g_print ("sitrep %s\n", PACKAGE_VERSION);
  return SITREP_CLI_EXIT_SUCCESS;
}

/**
 * sitrep_cli_print_failure:
 * @format: a printf() format for what went wrong
 * @...: its arguments
 *
 * Tells the user on standard error, in one line, why a command failed.
 */
void
sitrep_cli_print_failure (const char *format,
                          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("sitrep: %s\n", message);
}

/**
 * sitrep_cli_display_name:
 * @path: a file name from the command line, or "-"
 *
 * Returns: (transfer full): the file name as the user should read it in a
 *   message
 */
char *
sitrep_cli_display_name (const char *path)
{
  if (g_strcmp0 (path, "-") == 0)
    return g_strdup (_("standard input"));

  return g_filename_display_name (path);
}

/**
 * sitrep_cli_get_option_entries:
 *
 * The options of the `sitrep` command. "database" is a filename (a
 * bytestring, `^ay` in the options dictionary) that the application also
 * reads when it opens its window; "background" is for the application.
 *
 * Returns: (transfer none) (array zero-terminated=1): the option entries
 */
const GOptionEntry *
sitrep_cli_get_option_entries (void)
{
  return entries;
}

/**
 * sitrep_cli_print_usage_error:
 * @message: what is wrong with the command line
 *
 * Tells the user on standard error that the command line is wrong and
 * where to find help.
 */
void
sitrep_cli_print_usage_error (const char *message)
{
  g_return_if_fail (message != NULL);

  g_printerr ("sitrep: %s\n", message);
  g_printerr (_("Try “%s --help” for more information.\n"), "sitrep");
}

/**
 * sitrep_cli_run:
 * @options: the parsed options of the command line
 *
 * Runs the headless command that @options ask for, printing its result on
 * standard output and any error on standard error.
 *
 * Returns: an exit status (see #SitrepCliExit), or -1 when no headless
 *   command was asked for and the application should carry on
 */
int
sitrep_cli_run (GVariantDict *options)
{
  g_auto(SitrepCliOptions) cli = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) store = NULL;
  const Command *command = NULL;

  g_return_val_if_fail (options != NULL, SITREP_CLI_EXIT_FAILURE);

  read_options (options, &cli);

  if (!check_options (options, &cli, &command, &error))
    {
      sitrep_cli_print_usage_error (error->message);
      return SITREP_CLI_EXIT_USAGE;
    }

  if (command == NULL || command->run == NULL)
    return -1;

  if (command->database == DATABASE_NONE)
    return command->run (NULL, &cli);

  store = open_store (cli.database);
  if (store == NULL)
    return SITREP_CLI_EXIT_FAILURE;

  return command->run (store, &cli);
}
