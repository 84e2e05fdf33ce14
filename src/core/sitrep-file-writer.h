/* sitrep-file-writer.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * SitrepFileWrittenFunc:
 * @owner: the object that asked for the write
 * @error: (nullable): why the file could not be written, or %NULL when
 *   it was
 *
 * Told, on the main context of the thread that asked for the write, what
 * became of the latest contents asked for by @owner.
 */
typedef void (*SitrepFileWrittenFunc) (GObject      *owner,
                                       const GError *error);

void    sitrep_file_writer_write       (const char            *path,
                                        char                  *data,
                                        gsize                  length,
                                        GObject               *owner,
                                        SitrepFileWrittenFunc  written);
GBytes *sitrep_file_writer_dup_pending (const char            *path);
void    sitrep_file_writer_wait        (void);

G_END_DECLS
