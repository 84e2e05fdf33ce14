/* sitrep-lifecycle-private.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-lifecycle.h"

G_BEGIN_DECLS

/* The lifecycle's rules and wording span sitrep-lifecycle.c (transitions,
 * times, the record rules) and sitrep-lifecycle-workflow.c (holds, teams,
 * corrections, links). */
char *_sitrep_lifecycle_add_remark (char       *sentence,
                                    const char *remark);

G_END_DECLS
