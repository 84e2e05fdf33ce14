/* sitrep-scheduler.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sitrep-desk-alerts.h"
#include "sitrep-sla.h"
#include "sitrep-store.h"
#include "sitrep-worker.h"

G_BEGIN_DECLS

/* At most this many alerts that fell due while Sitrep was not running are
 * raised one by one on start; more become one summary. */
#define SITREP_SCHEDULER_MAX_CATCH_UP_ALERTS 3

#define SITREP_TYPE_SCHEDULER (sitrep_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (SitrepScheduler, sitrep_scheduler, SITREP, SCHEDULER, GObject)

SitrepScheduler *sitrep_scheduler_new             (SitrepStore             *store);
SitrepStore     *sitrep_scheduler_get_store       (SitrepScheduler         *self);
void             sitrep_scheduler_set_worker      (SitrepScheduler         *self,
                                                   SitrepWorker            *worker);
void             sitrep_scheduler_set_desk_alerts (SitrepScheduler         *self,
                                                   SitrepDeskAlerts        *desk);
void             sitrep_scheduler_start           (SitrepScheduler         *self);
gboolean         sitrep_scheduler_is_started      (SitrepScheduler         *self);
gint64           sitrep_scheduler_get_next_wakeup (SitrepScheduler         *self);

char            *sitrep_alert_describe            (SitrepIncident          *incident,
                                                   SitrepPolicy            *policy,
                                                   const SitrepAlertMoment *moment,
                                                   gint64                   now);
char            *sitrep_alert_describe_for_timeline (const SitrepAlertMoment *moment);
gboolean         sitrep_alert_is_critical         (SitrepIncident          *incident,
                                                   const SitrepAlertMoment *moment);

G_END_DECLS
