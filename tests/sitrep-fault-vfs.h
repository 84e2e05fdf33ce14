/* sitrep-fault-vfs.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How an injected fault fails the call. */
typedef enum
{
  SITREP_FAULT_FULL,       /* SQLITE_FULL: no space left on the disk */
  SITREP_FAULT_IO_ERROR,   /* SQLITE_IOERR_WRITE: the disk refused the write */
} SitrepFault;

void   sitrep_fault_vfs_install   (void);
void   sitrep_fault_vfs_arm       (guint        fail_at,
                                   SitrepFault  fault);
void   sitrep_fault_vfs_disarm    (void);
guint  sitrep_fault_vfs_get_count (void);
guint  sitrep_fault_vfs_get_fired (void);
guint  sitrep_fault_vfs_get_syncs (void);

G_END_DECLS
