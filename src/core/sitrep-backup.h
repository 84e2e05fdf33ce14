/* sitrep-backup.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sitrep-clock.h"

G_BEGIN_DECLS

/**
 * SitrepBackupReason:
 * @SITREP_BACKUP_DAILY: the automatic backup of the day
 * @SITREP_BACKUP_BEFORE_MIGRATION: taken before the schema is upgraded
 * @SITREP_BACKUP_BEFORE_REPLACE: taken before an import replaces incidents
 * @SITREP_BACKUP_BEFORE_RESTORE: the database as it was before a restore
 * @SITREP_BACKUP_MANUAL: asked for by the user
 *
 * Why a backup was taken; it is part of the backup's file name.
 */
typedef enum
{
  SITREP_BACKUP_DAILY,
  SITREP_BACKUP_BEFORE_MIGRATION,
  SITREP_BACKUP_BEFORE_REPLACE,
  SITREP_BACKUP_BEFORE_RESTORE,
  SITREP_BACKUP_MANUAL,
} SitrepBackupReason;

#define SITREP_BACKUP_ERROR (sitrep_backup_error_quark ())

/**
 * SitrepBackupError:
 * @SITREP_BACKUP_ERROR_NOT_FOUND: the file does not exist
 * @SITREP_BACKUP_ERROR_NOT_SITREP: the file is not a Sitrep database
 * @SITREP_BACKUP_ERROR_TOO_NEW: the database was written by a newer Sitrep
 * @SITREP_BACKUP_ERROR_DAMAGED: a Sitrep database, but damaged
 * @SITREP_BACKUP_ERROR_FAILED: reading or writing failed
 *
 * Errors of the backup functions.
 */
typedef enum
{
  SITREP_BACKUP_ERROR_NOT_FOUND,
  SITREP_BACKUP_ERROR_NOT_SITREP,
  SITREP_BACKUP_ERROR_TOO_NEW,
  SITREP_BACKUP_ERROR_DAMAGED,
  SITREP_BACKUP_ERROR_FAILED,
} SitrepBackupError;

GQuark      sitrep_backup_error_quark       (void);

gboolean    sitrep_backup_copy              (const char          *db_path,
                                             const char          *dest_path,
                                             GError             **error);
gboolean    sitrep_backup_check_file        (const char          *path,
                                             GError             **error);
char       *sitrep_backup_get_folder        (const char          *db_path);
gboolean    sitrep_backup_take              (const char          *db_path,
                                             SitrepBackupReason   reason,
                                             SitrepClock         *clock,
                                             char               **out_path,
                                             GError             **error);
gboolean    sitrep_backup_take_if_due       (const char          *db_path,
                                             SitrepClock         *clock,
                                             char               **out_path,
                                             GError             **error);
GPtrArray  *sitrep_backup_list              (const char          *db_path);
char       *sitrep_backup_find_latest_good  (const char          *db_path);
gboolean    sitrep_backup_restore           (const char          *backup_path,
                                             const char          *db_path,
                                             SitrepClock         *clock,
                                             char               **kept_path,
                                             GError             **error);

G_END_DECLS
