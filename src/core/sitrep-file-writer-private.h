/* sitrep-file-writer-private.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-file-writer.h"

G_BEGIN_DECLS

void _sitrep_file_writer_hold_writes (gboolean hold);

G_END_DECLS
