/* sitrep-policy.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sitrep-policy.h"

/*
 * The SLA policy: for each level, the response, recovery and resolution
 * windows and the communication plan's notice intervals, in minutes (0 for
 * "none"), and the share of a window after which a deadline warns; and
 * which of the rules a record must follow are enforced (all, unless the
 * policy relaxes them).
 */

struct _SitrepPolicy
{
  GObject parent_instance;

  int    minutes[SITREP_LEVEL_MAX][SITREP_N_POLICY_WINDOWS];
  double warning_share;
  guint  rules;           /* the SitrepRule flags enforced */
  guint  hold_pauses;   /* SITREP_HOLD_PAUSES() of the clocks a hold stops */
};

G_DEFINE_FINAL_TYPE (SitrepPolicy, sitrep_policy, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const int default_minutes[SITREP_LEVEL_MAX][SITREP_N_POLICY_WINDOWS] = {
  /* response, recovery, resolution, initial notice, progress notice */
  { 10, 2 * 60, 7 * 24 * 60, 30, 60 },
  { 30, 6 * 60, 20 * 24 * 60, 30, 60 },
  { 60, 24 * 60, 60 * 24 * 60, 0, 0 },
};

static void
sitrep_policy_class_init (SitrepPolicyClass *klass)
{
  /**
   * SitrepPolicy::changed:
   *
   * Emitted when any window or the warning share changes.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
sitrep_policy_init (SitrepPolicy *self)
{
  memcpy (self->minutes, default_minutes, sizeof self->minutes);
  self->warning_share = SITREP_DEFAULT_WARNING_SHARE;
  self->rules = SITREP_RULES_ALL;
  self->hold_pauses = SITREP_DEFAULT_HOLD_PAUSES;
}

/**
 * sitrep_policy_new_default:
 *
 * Returns: (transfer full): the default policy of Sitrep
 */
SitrepPolicy *
sitrep_policy_new_default (void)
{
  return g_object_new (SITREP_TYPE_POLICY, NULL);
}

/**
 * sitrep_policy_copy:
 * @self: a #SitrepPolicy
 *
 * Returns: (transfer full): a copy of @self
 */
SitrepPolicy *
sitrep_policy_copy (SitrepPolicy *self)
{
  SitrepPolicy *copy;

  g_return_val_if_fail (SITREP_IS_POLICY (self), NULL);

  copy = sitrep_policy_new_default ();
  memcpy (copy->minutes, self->minutes, sizeof copy->minutes);
  copy->warning_share = self->warning_share;
  copy->rules = self->rules;
  copy->hold_pauses = self->hold_pauses;

  return copy;
}

gboolean
sitrep_policy_equal (SitrepPolicy *a,
                     SitrepPolicy *b)
{
  g_return_val_if_fail (SITREP_IS_POLICY (a), FALSE);
  g_return_val_if_fail (SITREP_IS_POLICY (b), FALSE);

  return memcmp (a->minutes, b->minutes, sizeof a->minutes) == 0 &&
         fabs (a->warning_share - b->warning_share) < 1e-9 &&
         a->rules == b->rules &&
         a->hold_pauses == b->hold_pauses;
}

/**
 * sitrep_policy_get_minutes:
 * @self: a #SitrepPolicy
 * @level: 1, 2 or 3
 * @window: which window
 *
 * Returns: the window's length in minutes; 0 means the level has no such
 *   notice
 */
int
sitrep_policy_get_minutes (SitrepPolicy *self,
                           int           level,
                           SitrepPolicyWindow  window)
{
  g_return_val_if_fail (SITREP_IS_POLICY (self), 0);
  g_return_val_if_fail (level >= SITREP_LEVEL_MIN && level <= SITREP_LEVEL_MAX, 0);
  g_return_val_if_fail (window < SITREP_N_POLICY_WINDOWS, 0);

  return self->minutes[level - 1][window];
}

void
sitrep_policy_set_minutes (SitrepPolicy *self,
                           int           level,
                           SitrepPolicyWindow  window,
                           int           minutes)
{
  g_return_if_fail (SITREP_IS_POLICY (self));
  g_return_if_fail (level >= SITREP_LEVEL_MIN && level <= SITREP_LEVEL_MAX);
  g_return_if_fail (window < SITREP_N_POLICY_WINDOWS);
  g_return_if_fail (minutes >= 0);

  if (self->minutes[level - 1][window] == minutes)
    return;

  self->minutes[level - 1][window] = minutes;
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * sitrep_policy_get_warning_share:
 * @self: a #SitrepPolicy
 *
 * Returns: the share of a deadline's window (0 < share < 1) after which
 *   the deadline is in warning
 */
double
sitrep_policy_get_warning_share (SitrepPolicy *self)
{
  g_return_val_if_fail (SITREP_IS_POLICY (self), SITREP_DEFAULT_WARNING_SHARE);

  return self->warning_share;
}

void
sitrep_policy_set_warning_share (SitrepPolicy *self,
                                 double        share)
{
  g_return_if_fail (SITREP_IS_POLICY (self));
  g_return_if_fail (share > 0.0 && share < 1.0);

  if (fabs (self->warning_share - share) < 1e-9)
    return;

  self->warning_share = share;
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * sitrep_policy_get_rule:
 * @self: a #SitrepPolicy
 * @rule: one rule
 *
 * Returns: whether @rule is enforced; Sitrep enforces every rule unless
 *   the policy relaxes it
 */
gboolean
sitrep_policy_get_rule (SitrepPolicy *self,
                        SitrepRule    rule)
{
  g_return_val_if_fail (SITREP_IS_POLICY (self), TRUE);

  return (self->rules & rule) != 0;
}

/**
 * sitrep_policy_set_rule:
 * @self: a #SitrepPolicy
 * @rule: one rule
 * @enforced: whether records must follow it
 */
void
sitrep_policy_set_rule (SitrepPolicy *self,
                        SitrepRule    rule,
                        gboolean      enforced)
{
  guint rules;

  g_return_if_fail (SITREP_IS_POLICY (self));
  g_return_if_fail ((rule & ~SITREP_RULES_ALL) == 0);

  rules = enforced ? self->rules | rule : self->rules & ~(guint) rule;
  if (rules == self->rules)
    return;

  self->rules = rules;
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * sitrep_policy_get_hold_pauses:
 * @self: a #SitrepPolicy
 *
 * Returns: which clocks putting an incident on hold stops, as a mask of
 *   (1 << #SitrepDeadlineKind); only the resolution clock can stop, so
 *   this is %SITREP_DEFAULT_HOLD_PAUSES (the default) or 0
 */
guint
sitrep_policy_get_hold_pauses (SitrepPolicy *self)
{
  g_return_val_if_fail (SITREP_IS_POLICY (self), SITREP_DEFAULT_HOLD_PAUSES);

  return self->hold_pauses;
}

/**
 * sitrep_policy_set_hold_pauses:
 * @self: a #SitrepPolicy
 * @pauses: a mask of (1 << #SitrepDeadlineKind); the response and
 *   recovery clocks never stop and are ignored
 */
void
sitrep_policy_set_hold_pauses (SitrepPolicy *self,
                               guint         pauses)
{
  g_return_if_fail (SITREP_IS_POLICY (self));

  pauses &= SITREP_DEFAULT_HOLD_PAUSES;
  if (self->hold_pauses == pauses)
    return;

  self->hold_pauses = pauses;
  g_signal_emit (self, signals[CHANGED], 0);
}
