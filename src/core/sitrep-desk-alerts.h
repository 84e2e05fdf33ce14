/* sitrep-desk-alerts.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sitrep-store.h"

G_BEGIN_DECLS

#define SITREP_TYPE_DESK_ALERTS (sitrep_desk_alerts_get_type ())

G_DECLARE_FINAL_TYPE (SitrepDeskAlerts, sitrep_desk_alerts, SITREP, DESK_ALERTS, GObject)

SitrepDeskAlerts *sitrep_desk_alerts_new              (const char       *path);
SitrepDeskAlerts *sitrep_desk_alerts_new_for_store    (SitrepStore      *store);
char             *sitrep_desk_alerts_dup_default_path (SitrepStore      *store);
const char       *sitrep_desk_alerts_get_path         (SitrepDeskAlerts *self);
gint64            sitrep_desk_alerts_get_watched_at   (SitrepDeskAlerts *self);
void              sitrep_desk_alerts_set_watched_at   (SitrepDeskAlerts *self,
                                                       gint64            at);
gboolean          sitrep_desk_alerts_has_notified     (SitrepDeskAlerts *self,
                                                       gint64            id,
                                                       const char       *alert_key);
void              sitrep_desk_alerts_add_notified     (SitrepDeskAlerts *self,
                                                       gint64            id,
                                                       const char       *alert_key,
                                                       gint64            due_at);
guint             sitrep_desk_alerts_count_notified   (SitrepDeskAlerts *self);
void              sitrep_desk_alerts_save             (SitrepDeskAlerts *self);

G_END_DECLS
