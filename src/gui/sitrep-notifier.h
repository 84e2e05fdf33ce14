/* sitrep-notifier.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sitrep-scheduler.h"

G_BEGIN_DECLS

#define SITREP_TYPE_NOTIFIER (sitrep_notifier_get_type ())

G_DECLARE_FINAL_TYPE (SitrepNotifier, sitrep_notifier, SITREP, NOTIFIER, GObject)

SitrepNotifier *sitrep_notifier_new                  (GtkApplication  *application,
                                                      SitrepScheduler *scheduler,
                                                      GSettings       *settings);
gboolean        sitrep_notifier_has_server           (SitrepNotifier  *self);
void            sitrep_notifier_say_still_running    (SitrepNotifier  *self);
void            sitrep_notifier_show_message         (SitrepNotifier  *self,
                                                      const char      *title,
                                                      const char      *body);

G_END_DECLS
