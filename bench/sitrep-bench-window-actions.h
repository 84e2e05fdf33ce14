/* sitrep-bench-window-actions.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int  sitrep_bench_window_run_actions   (const char *path,
                                        gboolean    with_actions);
void sitrep_bench_window_print_actions (const char *count,
                                        const char *out);

G_END_DECLS
