/* sitrep-cli.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sitrep-backup.h"
#include "sitrep-cli-private.h"
#include "sitrep-file-writer.h"
#include "sitrep-time.h"

/*
 * The command line of `sitrep`, and its headless commands: --import,
 * --export, --status, --report, --backup, --restore and --version.
 *
 * The application parses the command line, once, with the options below
 * (sitrep_cli_run_application()). The headless commands run from its
 * handle-local-options signal, before it registers or touches a display,
 * so they work over SSH and in scripts; anything else is the window's.
 * Exit statuses are in #SitrepCliExit: 2 for every usage error, also for
 * those GOptionContext finds, which GApplication would end with 1.
 *
 * Each command is one row of the commands table below: what it does with
 * the database and the function that runs it. The options that only make
 * sense with one command are in the modifiers table. Which commands go
 * together, and which options need which command, is checked in one place,
 * check_options(); what only --report can tell wrong (a report and the
 * options it takes) is checked by sitrep_cli_check_report(), also before
 * any database is opened. A command is added with its option entry, its
 * row, and its value in #SitrepCliOptions (read_options()); the database
 * is opened (or refused, or only named, for --backup and --restore) for it
 * as its row says, in run_with_database(), which backs up a database that
 * opening would upgrade.
 */

/* The settings of the desk; the same id in a development build. */
#define SETTINGS_SCHEMA_ID "io.github.sitrep.Sitrep"

/* What a command does with the database. */
typedef enum
{
  DATABASE_NONE,            /* needs none */
  DATABASE_READ,            /* reads it */
  DATABASE_READ_EXISTING,   /* reads it, and never makes one */
  DATABASE_WRITE,           /* changes it */
  DATABASE_COPY,            /* copies the file, which must exist; opens no store */
  DATABASE_REPLACE,         /* replaces the file, or makes it; opens no store */
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

/* One run of the application with this command line. */
typedef struct
{
  gboolean usage_error;
} CommandLine;

static int run_version (SitrepStore            *store,
                        const SitrepCliOptions *options);
static int run_setup_team (SitrepStore            *store,
                           const SitrepCliOptions *options);

static const Command commands[] = {
  { "version",    DATABASE_NONE,          run_version },
  { "import",     DATABASE_WRITE,         sitrep_cli_run_import },
  { "export",     DATABASE_READ,          sitrep_cli_run_export },
  { "status",     DATABASE_READ,          sitrep_cli_run_status },
  { "report",     DATABASE_READ_EXISTING, sitrep_cli_run_report },
  { "backup",     DATABASE_COPY,          sitrep_cli_run_backup },
  { "restore",    DATABASE_REPLACE,       sitrep_cli_run_restore },
  /* opens no store: it makes the schema a store needs */
  { "setup-team", DATABASE_NONE,          run_setup_team },
  /* The application's: no window, alerts only. */
  { "background", DATABASE_NONE,          NULL },
};

static const Modifier modifiers[] = {
  { "replace",  "import" },
  { "at",       "status" },
  { "json",     "status" },
  { "incident", "report" },
  { "month",    "report" },
  { "format",   "report" },
  { "output",   "report" },
};

static const GOptionEntry entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the database FILE (default: $XDG_DATA_HOME/sitrep/sitrep.db, or $SITREP_DATABASE), "
       "or the team database at a PostgreSQL address (postgresql://host/dbname)"),
    N_("FILE") },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import incidents from the JSON file FILE (“-” reads standard input)"),
    N_("FILE") },
  { "replace", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --import, overwrite incidents whose key already exists, "
       "after backing the database up"),
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
  { "report", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print the report KIND: “can” or “final” (with --incident) or “monthly” (with --month)"),
    N_("KIND") },
  { "incident", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --report can or final, the incident KEY, such as INC-7"),
    N_("KEY") },
  { "month", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --report monthly, the month YYYY-MM"),
    N_("YYYY-MM") },
  { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --report, the FORMAT: text (the default), markdown, json or pdf"),
    N_("FORMAT") },
  { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("With --report, write to FILE instead of standard output (needed for pdf)"),
    N_("FILE") },
  { "backup", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Copy the database to FILE, which must not exist yet"),
    N_("FILE") },
  { "restore", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Replace the database by the backup FILE, keeping the current one as a backup"),
    N_("FILE") },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run without a window, raising alerts only"),
    NULL },
  { "setup-team", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Set up the team database named by --database, or bring it up to date: its tables, "
       "and the roles sitrep_manager and sitrep_supervisor"),
    NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"),
    NULL },
  /* What is not an option: collected to be refused, as nothing takes it. */
  { G_OPTION_REMAINING, 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    NULL, NULL },
  { NULL }
};

static void
cli_options_clear (SitrepCliOptions *options)
{
  g_clear_pointer (&options->database, g_free);
  g_clear_pointer (&options->import_path, g_free);
  g_clear_pointer (&options->export_path, g_free);
  g_clear_pointer (&options->at_text, g_free);
  g_clear_pointer (&options->report, g_free);
  g_clear_pointer (&options->incident, g_free);
  g_clear_pointer (&options->month, g_free);
  g_clear_pointer (&options->format, g_free);
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->backup_path, g_free);
  g_clear_pointer (&options->restore_path, g_free);
  g_clear_pointer (&options->database_path, g_free);
  g_clear_pointer (&options->remaining, g_strfreev);
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
  g_variant_dict_lookup (dict, "report", "s", &options->report);
  g_variant_dict_lookup (dict, "incident", "s", &options->incident);
  g_variant_dict_lookup (dict, "month", "s", &options->month);
  g_variant_dict_lookup (dict, "format", "s", &options->format);
  g_variant_dict_lookup (dict, "output", "^ay", &options->output);
  g_variant_dict_lookup (dict, "backup", "^ay", &options->backup_path);
  g_variant_dict_lookup (dict, "restore", "^ay", &options->restore_path);
  g_variant_dict_lookup (dict, "replace", "b", &options->replace);
  g_variant_dict_lookup (dict, "json", "b", &options->json);
  g_variant_dict_lookup (dict, G_OPTION_REMAINING, "^aay", &options->remaining);
}

/* --at asks about the times Sitrep stores, no others: the window and
 * import accept the same range (see sitrep-time.h). */
static gboolean
parse_at (const char  *text,
          gint64      *at,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 parsed = 0;

  if (!sitrep_time_parse_rfc3339 (text, &parsed, &local_error))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--at: %s", local_error->message);
      return FALSE;
    }

  /* The parser keeps to the range already; the check says so here, where
   * a time outside it would otherwise mean "now". */
  if (!sitrep_time_is_valid (parsed))
    {
      /* Translators: the first %s is the time given, the other two are
       * SITREP_TIME_MIN and SITREP_TIME_MAX, the first and the last time
       * Sitrep handles */
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--at: “%s” is outside the times Sitrep handles, %s to %s"),
                   text, "1970-01-01T00:00:01Z", "9999-12-31T23:59:59Z");
      return FALSE;
    }

  *at = parsed;
  return TRUE;
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
          g_autofree char *first = g_strconcat ("--", (*command)->name, NULL);
          g_autofree char *second = g_strconcat ("--", commands[i].name, NULL);

          /* Translators: both %s are options, such as --import and --status */
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                       _("%s and %s cannot be used together"), first, second);
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
  if (options->remaining != NULL && options->remaining[0] != NULL)
    {
      g_autofree char *name = g_filename_display_name (options->remaining[0]);

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("unexpected argument “%s”"), name);
      return FALSE;
    }

  if (!find_command (dict, command, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (modifiers); i++)
    {
      if (g_variant_dict_contains (dict, modifiers[i].name) &&
          (*command == NULL || strcmp ((*command)->name, modifiers[i].command) != 0))
        {
          g_autofree char *option = g_strconcat ("--", modifiers[i].name, NULL);
          g_autofree char *needed = g_strconcat ("--", modifiers[i].command, NULL);

          /* Translators: both %s are options, such as --replace and --import */
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                       _("%s can only be used with %s"), option, needed);
          return FALSE;
        }
    }

  for (const GOptionEntry *entry = entries; entry->long_name != NULL; entry++)
    {
      const char *path = NULL;

      if (entry->arg == G_OPTION_ARG_FILENAME &&
          g_variant_dict_lookup (dict, entry->long_name, "^&ay", &path) &&
          path[0] == '\0')
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("a file name must not be empty"));
          return FALSE;
        }
    }

  /* "-" is standard input or output for the JSON commands; a database is
   * a file, which a pipe cannot hold. */
  if (g_strcmp0 (options->backup_path, "-") == 0 || g_strcmp0 (options->restore_path, "-") == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--backup and --restore need a file, "
                             "not standard input or output (“-”)"));
      return FALSE;
    }

  if (options->at_text != NULL)
    {
      if (!parse_at (options->at_text, &options->at, error))
        return FALSE;
      options->at_given = TRUE;
    }

  return TRUE;
}

/* Whether the role set on this desk (the "user-role" setting, which the
 * window shows in Preferences) only views incidents: a supervisor's. It is
 * a preference of the desk that the command line honours as the window
 * does, not access control: whoever can write the settings can change it.
 * Without the settings schema (Sitrep run from its build folder) no role
 * was ever set, and the default role may change the database. */
static gboolean
role_only_views (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *role = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    return FALSE;

  settings = g_settings_new_full (schema, NULL, NULL);
  role = g_settings_get_string (settings, "user-role");

  return g_strcmp0 (role, "supervisor") == 0;
}

/* The database named on the command line, else the default one. @named
 * tells which: only the default location is made on demand, since a
 * folder or file the user named that does not exist is most likely a
 * typing error. */
static char *
get_database_path (const char  *option_path,
                   gboolean    *named,
                   GError     **error)
{
  const char *env_path;
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;

  *named = TRUE;

  if (option_path != NULL)
    return g_strdup (option_path);

  env_path = g_getenv ("SITREP_DATABASE");
  if (env_path != NULL && env_path[0] != '\0')
    return g_strdup (env_path);

  *named = FALSE;
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

static gboolean
is_missing (const char *path)
{
  GStatBuf st;

  /* Only "not there" counts: other trouble is the store's to tell. */
  return g_stat (path, &st) != 0 && (errno == ENOENT || errno == ENOTDIR);
}

/* Makes the empty file that SQLite turns into a new database, so that
 * what a failed command leaves is known to be its own, not a database
 * another program made meanwhile. Fails when the file exists, and when it
 * cannot be made, which the store then explains. */
static gboolean
claim_new_database (const char *path)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    return FALSE;

  g_close (fd, NULL);
  return TRUE;
}

/* Removes a database that a failed command made, with the files SQLite
 * made beside it: a mistake leaves nothing behind. */
static void
remove_new_database (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *beside = g_strconcat (path, suffixes[i], NULL);

      g_unlink (beside);
    }

  g_unlink (path);
}

/* @path as a shell word: as it is when the shell would read it so, else
 * quoted, so that a command made of it can be copied and pasted. */
static char *
quote_for_shell (const char *path)
{
  for (const char *p = path; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("/._-+,:@%", *p) == NULL)
        return g_shell_quote (path);
    }

  return g_strdup (path);
}

/* The message for a database found damaged: the store's, and how to
 * restore the newest backup that is sound, when there is one. Never
 * silently: the user decides whether to restore. */
static void
print_damaged (const char   *path,
               const GError *error)
{
  g_autofree char *backup = sitrep_backup_find_latest_good (path);
  g_autofree char *taken = NULL;
  g_autofree char *quoted_path = NULL;
  g_autofree char *quoted_backup = NULL;
  g_autofree char *command = NULL;
  GStatBuf st;

  if (backup == NULL)
    {
      /* Translators: %s is the message that says the database is damaged */
      sitrep_cli_print_failure (_("%s. There is no good backup of it to restore."),
                                error->message);
      return;
    }

  /* A backup is renamed into place once written: its time of change is
   * when it was taken. */
  if (g_stat (backup, &st) == 0)
    taken = sitrep_time_format_rfc3339 (st.st_mtime);
  else
    taken = g_strdup ("?");

  quoted_path = quote_for_shell (path);
  quoted_backup = quote_for_shell (backup);
  command = g_strdup_printf ("sitrep --database %s --restore %s", quoted_path, quoted_backup);

  /* Translators: the first %s is the message that says the database is
   * damaged, the second the backup's file name, the third when it was
   * taken, and the last is a command to copy and paste: keep it as it is */
  sitrep_cli_print_failure (_("%s. The newest good backup is “%s” (taken %s). "
                              "Restore it with: %s"),
                            error->message, backup, taken, command);
}

/**
 * sitrep_cli_print_store_error:
 * @path: the database that could not be opened
 * @error: why
 *
 * Tells the user why the database at @path could not be opened (or
 * read), naming the file, and for a damaged one how to restore its newest
 * good backup.
 */
void
sitrep_cli_print_store_error (const char   *path,
                              const GError *error)
{
  g_autofree char *name = g_filename_display_name (path);

  if (g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT) ||
      g_error_matches (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_DAMAGED))
    print_damaged (path, error);
  /* The store's messages name the file; say it here only if not. */
  else if (strstr (error->message, name) != NULL)
    sitrep_cli_print_failure ("%s", error->message);
  else
    sitrep_cli_print_failure ("%s: %s", name, error->message);
}

static SitrepStore *
open_store (const char *path,
            gboolean    existing)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  SitrepStore *store;

  if (existing)
    store = sitrep_store_open_existing (path, clock, &error);
  else
    store = sitrep_store_open (path, clock, &error);

  if (store == NULL)
    {
      sitrep_cli_print_store_error (path, error);
      return NULL;
    }

  return store;
}

/* Opens the database for @command and runs it. */
static int
run_with_database (const Command    *command,
                   SitrepCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) store = NULL;
  g_autofree char *path = NULL;
  gboolean named;
  gboolean created = FALSE;
  gboolean team = sitrep_store_is_team_address (options->database);
  /* On a team database the server decides who may write. */
  gboolean only_views = !team && role_only_views ();
  int status;

  if (team && (command->database == DATABASE_COPY || command->database == DATABASE_REPLACE))
    {
      g_autofree char *option = g_strconcat ("--", command->name, NULL);

      /* Translators: %s is --backup or --restore */
      sitrep_cli_print_failure (_("%s works on a desk's database file: a team database is "
                                  "backed up and restored on its server (pg_dump, "
                                  "pg_restore), or copied with --export and --import"),
                                option);
      return SITREP_CLI_EXIT_FAILURE;
    }

  if (team)
    {
      options->database_path = g_strdup (options->database);
      store = open_store (options->database, FALSE);
      if (store == NULL)
        return SITREP_CLI_EXIT_FAILURE;

      return command->run (store, options);
    }

  if ((command->database == DATABASE_WRITE || command->database == DATABASE_REPLACE) &&
      only_views)
    {
      g_autofree char *option = g_strconcat ("--", command->name, NULL);

      /* Translators: %s is an option such as --import */
      sitrep_cli_print_failure (_("%s was refused: the role set on this desk is supervisor, "
                                  "which views incidents but does not change them "
                                  "(the role is set in Preferences)"),
                                option);
      return SITREP_CLI_EXIT_FAILURE;
    }

  path = get_database_path (options->database, &named, &error);
  if (path == NULL)
    {
      sitrep_cli_print_failure ("%s", error->message);
      return SITREP_CLI_EXIT_FAILURE;
    }

  /* Reading a database the user named, or copying any, never makes one:
   * a file that is not there is most likely a typing error. */
  if (((command->database == DATABASE_READ && named) ||
       command->database == DATABASE_READ_EXISTING ||
       command->database == DATABASE_COPY) &&
      is_missing (path))
    {
      g_autofree char *name = g_filename_display_name (path);

      sitrep_cli_print_failure (_("There is no Sitrep database at “%s”"), name);
      return SITREP_CLI_EXIT_FAILURE;
    }

  options->database_path = g_strdup (path);

  /* A backup or a restore works on the file: a store open on it would
   * hold it, and would migrate or check what it should only copy. */
  if (command->database == DATABASE_COPY || command->database == DATABASE_REPLACE)
    return command->run (NULL, options);

  if (command->database == DATABASE_WRITE)
    created = claim_new_database (path);
  options->database_created = created;

  store = open_store (path, command->database == DATABASE_READ_EXISTING);
  if (store != NULL)
    {
      /* The store refuses writes for this role too, whatever runs. */
      sitrep_store_set_read_only (store, only_views);
      status = command->run (store, options);
    }
  else
    {
      status = SITREP_CLI_EXIT_FAILURE;
    }

  /* Closed first, so that SQLite has let go of its files. */
  g_clear_object (&store);
  if (status != SITREP_CLI_EXIT_SUCCESS && created)
    remove_new_database (path);

  return status;
}

/* The message of a usage error, with where to find help, on two lines. */
static char *
format_usage_error (const char *message)
{
  g_autofree char *help = g_strdup_printf (_("Try “%s --help” for more information.\n"),
                                           "sitrep");

  return g_strchomp (g_strdup_printf ("sitrep: %s\n%s", message, help));
}

static void
print_usage_error (const char *message)
{
  g_autofree char *text = format_usage_error (message);

  g_printerr ("%s\n", text);
}

static int
run_version (SitrepStore            *store,
             const SitrepCliOptions *options)
{
  g_print ("sitrep %s\n", PACKAGE_VERSION);
  return SITREP_CLI_EXIT_SUCCESS;
}

/* An administrator's one command: the database named must be a team
 * database's address; its password comes from libpq (~/.pgpass,
 * PGPASSWORD), never from the command line. */
static int
run_setup_team (SitrepStore            *store,
                const SitrepCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;

  if (!sitrep_store_is_team_address (options->database))
    {
      sitrep_cli_print_failure (_("--setup-team needs the team database's address with "
                                  "--database, such as postgresql://db.example.org/sitrep"));
      return SITREP_CLI_EXIT_USAGE;
    }

  if (!sitrep_store_setup_team (options->database, NULL, &report, &error))
    {
      sitrep_cli_print_failure ("%s", error->message);
      return SITREP_CLI_EXIT_FAILURE;
    }

  g_print ("%s\n", report);
  return SITREP_CLI_EXIT_SUCCESS;
}

/* Runs the headless command that @options ask for, printing its result on
 * standard output and any error on standard error. Returns an exit status,
 * or -1 when no headless command was asked for and the application should
 * carry on. */
static int
run_command (GVariantDict *options)
{
  g_auto(SitrepCliOptions) cli = { 0 };
  g_autoptr(GError) error = NULL;
  const Command *command = NULL;

  read_options (options, &cli);

  if (!check_options (options, &cli, &command, &error))
    {
      print_usage_error (error->message);
      return SITREP_CLI_EXIT_USAGE;
    }

  if (command == NULL || command->run == NULL)
    return -1;

  /* What only a report can tell wrong, before any database is opened. */
  if (strcmp (command->name, "report") == 0)
    {
      int status = sitrep_cli_check_report (&cli, &error);

      if (status == SITREP_CLI_EXIT_USAGE)
        print_usage_error (error->message);
      else if (status != SITREP_CLI_EXIT_SUCCESS)
        sitrep_cli_print_failure ("%s", error->message);
      if (status != SITREP_CLI_EXIT_SUCCESS)
        return status;
    }

  if (command->database == DATABASE_NONE)
    return command->run (NULL, &cli);

  return run_with_database (command, &cli);
}

/* GOptionContext calls every group's error hook when it finds the command
 * line wrong (an unknown option, a missing value); GApplication then prints
 * the message as it is and ends with 1. The hook notes the usage error, for
 * the exit status, and words the message as the other usage errors. */
static void
usage_error_cb (GOptionContext  *context,
                GOptionGroup    *group,
                gpointer         user_data,
                GError         **error)
{
  CommandLine *command_line = user_data;

  command_line->usage_error = TRUE;

  if (error != NULL && *error != NULL)
    {
      char *text = format_usage_error ((*error)->message);

      g_free ((*error)->message);
      (*error)->message = text;
    }
}

static int
handle_local_options_cb (GApplication *application,
                         GVariantDict *options,
                         gpointer      user_data)
{
  return run_command (options);
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
 * sitrep_cli_run_application:
 * @application: the application, not yet run
 * @argc: the number of arguments in @argv
 * @argv: (array length=argc): the command line
 *
 * Runs @application with the options of the `sitrep` command. The
 * application parses @argv, once; the headless commands run from its
 * #GApplication::handle-local-options before any handler of its own, which
 * only runs when no headless command was asked for. "database" (a
 * bytestring, `^ay` in the options dictionary) and "background" are then
 * for the application.
 *
 * Returns: the exit status of the process: see #SitrepCliExit, or the
 *   application's own
 */
int
sitrep_cli_run_application (GApplication  *application,
                            int            argc,
                            char         **argv)
{
  CommandLine command_line = { FALSE };
  GOptionGroup *group;
  gulong handler_id;
  int status;

  g_return_val_if_fail (G_IS_APPLICATION (application), SITREP_CLI_EXIT_FAILURE);

  g_application_add_main_option_entries (application, entries);

  /* No options of its own, so --help does not list it: it is there for
   * its error hook. */
  group = g_option_group_new ("sitrep-usage", _("Usage errors"),
                              _("Show how usage errors are reported"), &command_line, NULL);
  g_option_group_set_error_hook (group, usage_error_cb);
  g_application_add_option_group (application, group);

  handler_id = g_signal_connect (application, "handle-local-options",
                                 G_CALLBACK (handle_local_options_cb), NULL);
  status = g_application_run (application, argc, argv);
  g_signal_handler_disconnect (application, handler_id);
  /* the drafts kept as the windows closed */
  sitrep_file_writer_wait ();

  return command_line.usage_error ? SITREP_CLI_EXIT_USAGE : status;
}
