/* sitrep-cli-transfer.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>

#include "sitrep-backup.h"
#include "sitrep-cli-private.h"
#include "sitrep-interchange.h"

/*
 * --import and --export: the JSON interchange between a file (or standard
 * input and output) and the database.
 */

/* How many skipped keys an import summary names before "…". */
#define SKIPPED_KEYS_MAX    10

static GInputStream *
open_input (const char  *path,
            GError     **error)
{
  int fd;

  if (g_strcmp0 (path, "-") == 0)
    return g_unix_input_stream_new (STDIN_FILENO, FALSE);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return NULL;
    }

  return g_unix_input_stream_new (fd, TRUE);
}

static char *
format_skipped_keys (GPtrArray *skipped)
{
  GString *keys = g_string_new (NULL);

  for (guint i = 0; i < skipped->len && i < SKIPPED_KEYS_MAX; i++)
    {
      if (i > 0)
        g_string_append (keys, ", ");
      g_string_append (keys, g_ptr_array_index (skipped, i));
    }

  if (skipped->len > SKIPPED_KEYS_MAX)
    g_string_append (keys, ", …");

  return g_string_free (keys, FALSE);
}

static void
print_import_summary (const SitrepImportResult *result)
{
  GString *summary = g_string_new (NULL);
  guint n_skipped = result->skipped != NULL ? result->skipped->len : 0;

  g_string_append_printf (summary,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Imported %u incident", "Imported %u incidents",
                                       result->imported),
                          result->imported);

  if (result->replaced > 0 || n_skipped > 0)
    {
      g_string_append (summary, " (");

      if (result->replaced > 0)
        g_string_append_printf (summary,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%u replaced", "%u replaced",
                                             result->replaced),
                                result->replaced);

      if (n_skipped > 0)
        {
          g_autofree char *keys = format_skipped_keys (result->skipped);

          if (result->replaced > 0)
            g_string_append (summary, "; ");
          /* Translators: the first %u is a number of incidents, %s a list
           * of their keys such as "INC-3, INC-5" */
          g_string_append_printf (summary,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u skipped: %s already exists; "
                                               "use --replace to overwrite",
                                               "%u skipped: %s already exist; "
                                               "use --replace to overwrite",
                                               n_skipped),
                                  n_skipped, keys);
        }

      g_string_append (summary, ")");
    }

  g_print ("%s\n", summary->str);
  g_string_free (summary, TRUE);

  if (result->contacts > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Imported %u contact\n", "Imported %u contacts\n",
                          result->contacts),
             result->contacts);
  if (result->policy)
    g_print ("%s\n", _("Imported the SLA policy"));
}

/**
 * sitrep_cli_run_import:
 * @store: the open database
 * @options: the command line; --import names the file
 *
 * Imports the file named by --import, all or nothing, and prints what it
 * imported and what it skipped. With --replace, which overwrites
 * incidents, a backup of the database is taken first, and the import is
 * refused when it cannot be.
 *
 * Returns: an exit status, see #SitrepCliExit
 */
int
sitrep_cli_run_import (SitrepStore            *store,
                       const SitrepCliOptions *options)
{
  const char *path = options->import_path;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(SitrepImportResult) result = NULL;
  g_autofree char *name = sitrep_cli_display_name (path);

  in = open_input (path, &error);
  if (in == NULL)
    {
      sitrep_cli_print_failure ("%s: %s", name, error->message);
      return SITREP_CLI_EXIT_FAILURE;
    }

  /* A database this command just made holds nothing to keep; a team
   * database is backed up on its server (docs/team.md). */
  if (options->replace && !options->database_created && !sitrep_store_is_team (store) &&
      !sitrep_backup_take (options->database_path, SITREP_BACKUP_BEFORE_REPLACE,
                           sitrep_store_get_clock (store), NULL, &error))
    {
      /* Translators: %s says why the backup failed */
      sitrep_cli_print_failure (_("--replace was refused: the database could not be "
                                  "backed up first: %s"),
                                error->message);
      return SITREP_CLI_EXIT_FAILURE;
    }

  if (!sitrep_interchange_import (store, in, options->replace, &result, NULL, &error))
    {
      /* Database errors name the database; the others are about the file. */
      if (error->domain == SITREP_STORE_ERROR)
        sitrep_cli_print_failure ("%s", error->message);
      else
        sitrep_cli_print_failure ("%s: %s", name, error->message);
      return SITREP_CLI_EXIT_FAILURE;
    }

  print_import_summary (result);

  return SITREP_CLI_EXIT_SUCCESS;
}

/* An export holds incident data: it is its owner's alone (0600), whatever
 * the umask, and one that replaces a file keeps that file's mode where it
 * is stricter still (a 0400 file stays 0400). */
static mode_t
get_export_mode (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode))
    return st.st_mode & 0600;

  return 0600;
}

/* Makes a rename in @folder survive a power cut. The export is in place
 * already when this runs, so a folder that cannot be synced (some file
 * systems refuse) does not make it fail. */
static void
sync_folder (const char *folder)
{
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;

  fsync (fd);
  g_close (fd, NULL);
}

/**
 * sitrep_cli_write_file:
 * @path: the file to write
 * @write_func: writes the contents
 * @user_data: for @write_func
 * @error: return location for a #GError
 *
 * Writes a file that a command outputs (an export, a report): beside
 * @path first, readable by the user alone, synced to the disk, and then
 * renamed into place, so that a failed write never leaves half a file
 * where a good one may have been.
 *
 * Returns: %TRUE on success
 */
/* A target that is no file of its own (a device such as /dev/null, a
 * pipe) is written where it is: renaming a file over it would put a file
 * in its place. */
static gboolean
write_in_place (const char          *path,
                SitrepCliWriteFunc   write_func,
                gpointer             user_data,
                GError             **error)
{
  g_autoptr(GOutputStream) out = NULL;
  int fd = g_open (path, O_WRONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return FALSE;
    }

  out = g_unix_output_stream_new (fd, TRUE);
  return write_func (out, path, user_data, error) &&
         g_output_stream_close (out, NULL, error);
}

gboolean
sitrep_cli_write_file (const char          *path,
                       SitrepCliWriteFunc   write_func,
                       gpointer             user_data,
                       GError             **error)
{
  g_autoptr(GOutputStream) out = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *template = NULL;
  g_autofree char *tmp_name = NULL;
  mode_t mode = get_export_mode (path);
  GStatBuf st;
  int fd;

  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode) && !S_ISDIR (st.st_mode))
    return write_in_place (path, write_func, user_data, error);

  tmp_name = g_strdup_printf (".%s.XXXXXX", basename);
  template = g_build_filename (folder, tmp_name, NULL);

  fd = g_mkstemp_full (template, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (folder);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("cannot write in the folder %s: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }

  out = g_unix_output_stream_new (fd, TRUE);

  /* The umask took its share of the mode already: set it as it must be. */
  if (fchmod (fd, mode) != 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      goto failed;
    }

  if (!write_func (out, template, user_data, error))
    goto failed;

  if (!g_output_stream_flush (out, NULL, error))
    goto failed;

  /* Also what a writer wrote through a descriptor of its own: the file
   * is the same. */
  if (fsync (fd) != 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      goto failed;
    }

  if (!g_output_stream_close (out, NULL, error))
    goto failed;

  if (g_rename (template, path) != 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      goto failed;
    }

  sync_folder (folder);

  return TRUE;

failed:
  g_unlink (template);
  return FALSE;
}

static gboolean
write_export (GOutputStream  *out,
              const char     *temp_path,
              gpointer        user_data,
              GError        **error)
{
  return sitrep_interchange_export (user_data, out, NULL, error);
}

/**
 * sitrep_cli_run_export:
 * @store: the open database
 * @options: the command line; --export names the file
 *
 * Writes every incident as JSON to the file named by --export, or to
 * standard output for "-".
 *
 * Returns: an exit status, see #SitrepCliExit
 */
int
sitrep_cli_run_export (SitrepStore            *store,
                       const SitrepCliOptions *options)
{
  const char *path = options->export_path;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_strcmp0 (path, "-") == 0)
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      fflush (stdout);
      ok = sitrep_interchange_export (store, out, NULL, &error) &&
           g_output_stream_flush (out, NULL, &error);
      if (!ok && error->domain != SITREP_STORE_ERROR)
        g_prefix_error (&error, "%s: ", _("standard output"));
    }
  else
    {
      ok = sitrep_cli_write_file (path, write_export, store, &error);
      if (!ok && error->domain != SITREP_STORE_ERROR)
        {
          g_autofree char *name = g_filename_display_name (path);

          g_prefix_error (&error, "%s: ", name);
        }
    }

  if (!ok)
    {
      sitrep_cli_print_failure ("%s", error->message);
      return SITREP_CLI_EXIT_FAILURE;
    }

  return SITREP_CLI_EXIT_SUCCESS;
}
