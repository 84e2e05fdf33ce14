/* sitrep-policy.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sitrep-types.h"

G_BEGIN_DECLS

#define SITREP_TYPE_POLICY (sitrep_policy_get_type ())

G_DECLARE_FINAL_TYPE (SitrepPolicy, sitrep_policy, SITREP, POLICY, GObject)

#define SITREP_DEFAULT_WARNING_SHARE 0.75
/* a hold stops the resolution clock; response and recovery never stop */
#define SITREP_DEFAULT_HOLD_PAUSES (1u << SITREP_DEADLINE_RESOLUTION)

/* The rules a record must follow, each of which the policy may relax. */
typedef enum
{
  SITREP_RULE_RESOLVE_NEEDS_CAUSE  = 1 << 0,  /* level 1-2: resolution and cause category */
  SITREP_RULE_CANCEL_NEEDS_REASON  = 1 << 1,  /* with a deadline in warning or breached */
  SITREP_RULE_LOWER_NEEDS_REASON   = 1 << 2,  /* lowering a level */
} SitrepRule;

#define SITREP_RULES_ALL (SITREP_RULE_RESOLVE_NEEDS_CAUSE | SITREP_RULE_CANCEL_NEEDS_REASON | \
                          SITREP_RULE_LOWER_NEEDS_REASON)

SitrepPolicy *sitrep_policy_new_default       (void);
SitrepPolicy *sitrep_policy_copy              (SitrepPolicy *self);
gboolean      sitrep_policy_equal             (SitrepPolicy *a,
                                               SitrepPolicy *b);
int           sitrep_policy_get_minutes       (SitrepPolicy *self,
                                               int           level,
                                               SitrepPolicyWindow  window);
void          sitrep_policy_set_minutes       (SitrepPolicy *self,
                                               int           level,
                                               SitrepPolicyWindow  window,
                                               int           minutes);
double        sitrep_policy_get_warning_share (SitrepPolicy *self);
void          sitrep_policy_set_warning_share (SitrepPolicy *self,
                                               double        share);
gboolean      sitrep_policy_get_rule          (SitrepPolicy *self,
                                               SitrepRule    rule);
void          sitrep_policy_set_rule          (SitrepPolicy *self,
                                               SitrepRule    rule,
                                               gboolean      enforced);
guint         sitrep_policy_get_hold_pauses   (SitrepPolicy *self);
void          sitrep_policy_set_hold_pauses   (SitrepPolicy *self,
                                               guint         pauses);

G_END_DECLS
