/* sitrep-bench-stats.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

double sitrep_bench_percentile (double *values,
                                guint   n,
                                double  share);
double sitrep_bench_median     (double *values,
                                guint   n);

G_END_DECLS
