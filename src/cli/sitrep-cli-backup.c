/* sitrep-cli-backup.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sitrep-backup.h"
#include "sitrep-cli-private.h"

/*
 * --backup and --restore: a copy of the database that the user names and
 * keeps where they like, and bringing one (theirs or an automatic one)
 * back. Both work on the file, with no store open on it.
 */

/* Makes @path, empty and readable by the user alone, so that no file can
 * appear there between the check and the copy that replaces it. */
static gboolean
claim_destination (const char  *path,
                   GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (path);

      if (saved_errno == EEXIST)
        /* Translators: %s is a file name */
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                     _("“%s” exists already: remove it or choose another name "
                       "(a backup never replaces a file)"),
                     name);
      else
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                     "%s: %s", name, g_strerror (saved_errno));
      return FALSE;
    }

  g_close (fd, NULL);
  return TRUE;
}

/**
 * sitrep_cli_run_backup:
 * @store: %NULL: the database is copied, not opened
 * @options: the command line; --backup names the copy
 *
 * Checks the database and copies it, consistently even while the window
 * writes to it, to the file named by --backup, which must not exist.
 *
 * Returns: an exit status, see #SitrepCliExit
 */
int
sitrep_cli_run_backup (SitrepStore            *store,
                       const SitrepCliOptions *options)
{
  const char *path = options->backup_path;
  g_autoptr(GError) error = NULL;

  /* A backup of a damaged or foreign file would only seem to keep the
   * data safe. */
  if (!sitrep_backup_check_file (options->database_path, &error))
    {
      sitrep_cli_print_store_error (options->database_path, error);
      return SITREP_CLI_EXIT_FAILURE;
    }

  if (!claim_destination (path, &error))
    {
      sitrep_cli_print_failure ("%s", error->message);
      return SITREP_CLI_EXIT_FAILURE;
    }

  if (!sitrep_backup_copy (options->database_path, path, &error))
    {
      g_unlink (path);
      sitrep_cli_print_failure ("%s", error->message);
      return SITREP_CLI_EXIT_FAILURE;
    }

  return SITREP_CLI_EXIT_SUCCESS;
}

/**
 * sitrep_cli_run_restore:
 * @store: %NULL: the database is replaced, not opened
 * @options: the command line; --restore names the backup
 *
 * Replaces the database by the backup named by --restore, after checking
 * it, and says where the database as it was is kept.
 *
 * Returns: an exit status, see #SitrepCliExit
 */
int
sitrep_cli_run_restore (SitrepStore            *store,
                        const SitrepCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autofree char *kept = NULL;
  g_autofree char *backup_name = g_filename_display_name (options->restore_path);
  g_autofree char *db_name = g_filename_display_name (options->database_path);

  if (!sitrep_backup_restore (options->restore_path, options->database_path, clock,
                              &kept, &error))
    {
      /* Translators: the first %s is the backup's file name, the second
       * says why it could not be restored */
      sitrep_cli_print_failure (_("“%s” was not restored: %s"), backup_name, error->message);
      return SITREP_CLI_EXIT_FAILURE;
    }

  /* Translators: both %s are file names */
  g_print (_("Restored “%s” into “%s”.\n"), backup_name, db_name);
  if (kept != NULL)
    {
      g_autofree char *kept_name = g_filename_display_name (kept);

      /* Translators: %s is a file name */
      g_print (_("The database as it was before is kept in “%s”.\n"), kept_name);
    }

  return SITREP_CLI_EXIT_SUCCESS;
}
