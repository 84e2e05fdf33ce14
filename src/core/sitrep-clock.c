/* sitrep-clock.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-clock.h"

/*
 * SitrepClock is the only place that reads the wall clock. Everything that
 * needs "now" asks a clock, so tests can replace it with a fake one they
 * set and advance by hand.
 */

struct _SitrepClock
{
  GObject parent_instance;

  gboolean fake;
  gint64   fake_now;
};

G_DEFINE_FINAL_TYPE (SitrepClock, sitrep_clock, G_TYPE_OBJECT)

enum {
  JUMPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
sitrep_clock_class_init (SitrepClockClass *klass)
{
  /**
   * SitrepClock::jumped:
   *
   * Emitted when the time moved other than by its normal course: a fake
   * clock was set or advanced, or the system clock was changed or the
   * machine resumed from suspend. Whoever waits for a moment must
   * re-check.
   */
  signals[JUMPED] =
    g_signal_new ("jumped",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
sitrep_clock_init (SitrepClock *self)
{
}

/**
 * sitrep_clock_new:
 *
 * Returns: (transfer full): a clock that reads the system's wall clock
 */
SitrepClock *
sitrep_clock_new (void)
{
  return g_object_new (SITREP_TYPE_CLOCK, NULL);
}

/**
 * sitrep_clock_new_fake:
 * @now: the time to start at, in Unix seconds
 *
 * Returns: (transfer full): a clock that only moves when told to
 */
SitrepClock *
sitrep_clock_new_fake (gint64 now)
{
  SitrepClock *self = g_object_new (SITREP_TYPE_CLOCK, NULL);

  self->fake = TRUE;
  self->fake_now = now;

  return self;
}

gboolean
sitrep_clock_is_fake (SitrepClock *self)
{
  g_return_val_if_fail (SITREP_IS_CLOCK (self), FALSE);

  return self->fake;
}

/**
 * sitrep_clock_get_now:
 * @self: a #SitrepClock
 *
 * Returns: the current time in Unix seconds
 */
gint64
sitrep_clock_get_now (SitrepClock *self)
{
  g_return_val_if_fail (SITREP_IS_CLOCK (self), 0);

  if (self->fake)
    return self->fake_now;

  return g_get_real_time () / G_USEC_PER_SEC;
}

/**
 * sitrep_clock_set_now:
 * @self: a fake #SitrepClock
 * @now: the new time in Unix seconds
 *
 * Moves a fake clock and emits #SitrepClock::jumped.
 */
void
sitrep_clock_set_now (SitrepClock *self,
                      gint64       now)
{
  g_return_if_fail (SITREP_IS_CLOCK (self));
  g_return_if_fail (self->fake);

  self->fake_now = now;
  g_signal_emit (self, signals[JUMPED], 0);
}

/**
 * sitrep_clock_advance:
 * @self: a fake #SitrepClock
 * @seconds: how far to move, may be negative
 */
void
sitrep_clock_advance (SitrepClock *self,
                      gint64       seconds)
{
  g_return_if_fail (SITREP_IS_CLOCK (self));

  sitrep_clock_set_now (self, self->fake_now + seconds);
}
