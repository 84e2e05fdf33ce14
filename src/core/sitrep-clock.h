/* sitrep-clock.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SITREP_TYPE_CLOCK (sitrep_clock_get_type ())

G_DECLARE_FINAL_TYPE (SitrepClock, sitrep_clock, SITREP, CLOCK, GObject)

SitrepClock *sitrep_clock_new      (void);
SitrepClock *sitrep_clock_new_fake (gint64       now);
gboolean     sitrep_clock_is_fake  (SitrepClock *self);
gint64       sitrep_clock_get_now  (SitrepClock *self);
gint64       sitrep_clock_get_now_usec (SitrepClock *self);
void         sitrep_clock_watch_jumps  (SitrepClock *self);
void         sitrep_clock_set_now  (SitrepClock *self,
                                    gint64       now);
void         sitrep_clock_advance  (SitrepClock *self,
                                    gint64       seconds);

G_END_DECLS
