/* sitrep-bench-window-data.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean sitrep_bench_window_build_database  (const char  *path,
                                              guint64      n,
                                              double      *seconds,
                                              gboolean    *reused,
                                              GError     **error);
gboolean sitrep_bench_window_copy_database   (const char  *from,
                                              const char  *to,
                                              GError     **error);
void     sitrep_bench_window_remove_database (const char  *path);

G_END_DECLS
