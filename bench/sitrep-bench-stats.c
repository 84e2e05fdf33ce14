/* sitrep-bench-stats.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "sitrep-bench-stats.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : (da > db ? 1 : 0);
}

/* The value below which @share of @values lie (nearest rank); sorts them. */
double
sitrep_bench_percentile (double *values,
                         guint   n,
                         double  share)
{
  guint rank;

  if (n == 0)
    return 0.0;

  qsort (values, n, sizeof (double), compare_doubles);
  rank = (guint) (share * n + 0.999999);
  rank = CLAMP (rank, 1, n);

  return values[rank - 1];
}

/* The middle of @values (the mean of the two middle ones when @n is
 * even; 0 when there are none); sorts them. */
double
sitrep_bench_median (double *values,
                     guint   n)
{
  if (n == 0)
    return 0.0;

  qsort (values, n, sizeof (double), compare_doubles);
  if (n % 2 == 1)
    return values[n / 2];
  return (values[n / 2 - 1] + values[n / 2]) / 2.0;
}
