/* sitrep-recovery-page.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-clock.h"

G_BEGIN_DECLS

#define SITREP_TYPE_RECOVERY_PAGE (sitrep_recovery_page_get_type ())

G_DECLARE_FINAL_TYPE (SitrepRecoveryPage, sitrep_recovery_page, SITREP, RECOVERY_PAGE, AdwBin)

/*
 * Signals:
 *   "restored" (const char *kept_path): the backup replaced the damaged
 *       database, which was kept at kept_path (or NULL); the database can
 *       now be opened.
 *   "searched": the search for a good backup finished (found or not).
 */

GtkWidget  *sitrep_recovery_page_new              (const char         *db_path,
                                                   const char         *problem,
                                                   SitrepClock        *clock);
const char *sitrep_recovery_page_get_backup_path  (SitrepRecoveryPage *self);
gboolean    sitrep_recovery_page_get_searching    (SitrepRecoveryPage *self);
char       *sitrep_recovery_page_format_backup_time (const char       *backup_path);

G_END_DECLS
