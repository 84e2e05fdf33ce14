/* sitrep-interchange-private.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sitrep-interchange.h"
#include "sitrep-json-scan.h"
#include "sitrep-policy.h"

G_BEGIN_DECLS

/* The members of a level's entry in "policy", by SitrepPolicyWindow. */
extern const char *const sitrep_interchange_policy_members[SITREP_N_POLICY_WINDOWS];

/* The limits sitrep-interchange.h states, which every public import uses. */
extern const SitrepImportLimits sitrep_import_limits_default;

gboolean sitrep_interchange_import_with_limits      (SitrepStore               *store,
                                                     GInputStream              *in,
                                                     const SitrepImportLimits  *limits,
                                                     gboolean                   replace,
                                                     SitrepImportResult       **result,
                                                     GCancellable              *cancellable,
                                                     GError                   **error);
gboolean sitrep_interchange_import_data_with_limits (SitrepStore               *store,
                                                     const char                *data,
                                                     gsize                      length,
                                                     const SitrepImportLimits  *limits,
                                                     gboolean                   replace,
                                                     SitrepImportResult       **result,
                                                     GError                   **error);

G_END_DECLS
