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

/* Storage for one option while the command line is checked. */
typedef union
{
  gboolean   flag;
  char      *string;
  char     **strings;
  int        integer;
  gint64     integer64;
  double     number;
} OptionValue;

/* Options GApplication adds itself: they must pass the check, and
 * GApplication then handles them. */
static const GOptionEntry application_entries[] = {
  { "help", 'h', G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, NULL, NULL },
  { "help-all", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, NULL, NULL },
  { "help-gapplication", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, NULL, NULL },
  { "gapplication-service", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, NULL, NULL },
  { NULL }
};

static void
clear_values (const GOptionEntry *entries,
              OptionValue        *values,
              guint               n_entries)
{
  for (guint i = 0; i < n_entries; i++)
    {
      switch (entries[i].arg)
        {
        case G_OPTION_ARG_STRING:
        case G_OPTION_ARG_FILENAME:
          g_free (values[i].string);
          break;

        case G_OPTION_ARG_STRING_ARRAY:
        case G_OPTION_ARG_FILENAME_ARRAY:
          g_strfreev (values[i].strings);
          break;

        case G_OPTION_ARG_NONE:
        case G_OPTION_ARG_INT:
        case G_OPTION_ARG_INT64:
        case G_OPTION_ARG_DOUBLE:
        case G_OPTION_ARG_CALLBACK:
        default:
          break;
        }
    }
}

/* GApplication exits with 1 on an unknown option; the command line
 * promises 2 for every usage error, so the arguments are checked here with
 * the same entries before the application sees them. */
static gboolean
check_arguments (char    **argv,
                 GError  **error)
{
  const GOptionEntry *cli_entries = sitrep_cli_get_option_entries ();
  g_autoptr(GOptionContext) context = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_autofree OptionValue *values = NULL;
  g_auto(GStrv) args = g_strdupv (argv);
  guint n_cli = 0;
  guint n_app = G_N_ELEMENTS (application_entries) - 1;
  guint n_entries;
  gboolean ok;

  while (cli_entries[n_cli].long_name != NULL)
    n_cli++;
  n_entries = n_cli + n_app;

  /* GApplication's entries have no storage of their own. */
  entries = g_new0 (GOptionEntry, n_entries + 1);
  values = g_new0 (OptionValue, n_entries);
  for (guint i = 0; i < n_entries; i++)
    {
      entries[i] = i < n_cli ? cli_entries[i] : application_entries[i - n_cli];
      if (entries[i].arg != G_OPTION_ARG_CALLBACK)
        entries[i].arg_data = &values[i];
    }

  context = g_option_context_new (NULL);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_ignore_unknown_options (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  ok = g_option_context_parse_strv (context, &args, error);
  clear_values (entries, values, n_entries);

  if (ok && args[0] != NULL && args[1] != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("unexpected argument “%s”"), args[1]);
      ok = FALSE;
    }

  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SitrepApplication) app = NULL;
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!check_arguments (argv, &error))
    {
      sitrep_cli_print_usage_error (error->message);
      return SITREP_CLI_EXIT_USAGE;
    }

  app = sitrep_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
