/* sitrep-interchange-private.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sitrep-interchange.h"
#include "sitrep-policy.h"

G_BEGIN_DECLS

/* The members of a level's entry in "policy", by SitrepPolicyWindow. */
extern const char *const sitrep_interchange_policy_members[SITREP_N_POLICY_WINDOWS];

G_END_DECLS
