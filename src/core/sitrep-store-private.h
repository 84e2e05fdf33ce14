/* sitrep-store-private.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-store.h"

G_BEGIN_DECLS

/* How long a write waits for another program's lock before it fails with
 * SITREP_STORE_ERROR_LOCKED; the default is a few seconds. */
void sitrep_store_set_busy_timeout (SitrepStore *self,
                                    int          milliseconds);

/* Whether each commit waits until it is on the disk (SQLite's synchronous
 * FULL, the default) or only keeps the file consistent (NORMAL, as during
 * an import: a power cut may take back the last commits). */
void     sitrep_store_set_durable (SitrepStore *self,
                                   gboolean     durable);
gboolean sitrep_store_get_durable (SitrepStore *self);

/* Databases up to this size get SQLite's full quick_check when opened; a
 * larger one a structural check and a walk of its incidents and complaints
 * (see sitrep_store_open()). Applies to
 * the stores opened afterwards, in the whole process; the default is
 * 16 MiB. */
void sitrep_store_set_full_check_max_bytes (gint64       max_bytes);

G_END_DECLS
