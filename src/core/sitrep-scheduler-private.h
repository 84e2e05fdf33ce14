/* sitrep-scheduler-private.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-desk-alerts.h"
#include "sitrep-scheduler.h"
#include "sitrep-team-listener.h"

G_BEGIN_DECLS

struct _SitrepScheduler
{
  GObject      parent_instance;

  SitrepStore *store;
  SitrepClock *clock;

  gboolean     started;
  gboolean     caught_up;
  gboolean     busy;
  gboolean     again;
  gboolean     disposing;

  gulong       store_changed_id;
  gulong       incident_changed_id;
  gulong       clock_jumped_id;

  guint        timer_id;
  guint        idle_id;
  guint        catch_up_id;
  SitrepWorker *worker;
  GCancellable *catch_up_cancellable;
  gint64       next_wakeup;

  /* The record of when the watch last ran: the catch-up's moment, the
   * moment last written, and the timer that keeps it fresh. */
  gint64       catch_up_now;
  gint64       watch_written_at;
  guint        watch_timer_id;
  gboolean     watch_warned;

  /* "<id>:<key>" of alerts raised in this run that the store could not
   * record, so that they are not raised again and again. */
  GHashTable  *unrecorded;

  /* On a team database (sitrep-scheduler-team.c): what this desk showed,
   * and the moment at or before which nothing is shown (when this desk
   * last watched, or started for the first time). */
  SitrepDeskAlerts   *desk;
  gint64              desk_floor;
  /* incident id → SitrepIncident: the incidents whose alerts this desk
   * knows of, read while the server could be reached */
  GHashTable         *known;
  /* ids of known incidents to read again (all of them: stale_all) */
  GHashTable         *stale;
  gboolean            stale_all;
  /* of TeamRecord: alerts shown here and not recorded yet */
  GArray             *pending;
  SitrepTeamListener *listener;
  /* the catch-up, a round and a record of the watch, each on its way on
   * the store's writing thread */
  gboolean            catching_up;
  gboolean            round_running;
  gboolean            touch_running;
  gboolean            desk_warned;
  gboolean            pending_warned;
};

typedef struct
{
  SitrepIncident    *incident;
  SitrepAlertMoment  moment;
  gboolean           superseded;
} DueAlert;

GArray  *_sitrep_scheduler_new_due_alerts       (void);
void     _sitrep_scheduler_mark_superseded      (GArray          *alerts,
                                                 guint            first);
guint    _sitrep_scheduler_emit_alerts          (SitrepScheduler *self,
                                                 GArray          *alerts,
                                                 gboolean         catch_up);
GArray  *_sitrep_scheduler_list_unwatched       (GArray          *alerts,
                                                 gint64           last_watched);
void     _sitrep_scheduler_drop_unwatched       (SitrepScheduler *self,
                                                 GArray          *alerts,
                                                 gint64           last_watched,
                                                 gboolean         marked);
GArray  *_sitrep_scheduler_collect_due          (SitrepStore     *store,
                                                 SitrepPolicy    *policy,
                                                 GHashTable      *unrecorded,
                                                 gint64           now);
GHashTable *_sitrep_scheduler_copy_unrecorded   (SitrepScheduler *self);
void     _sitrep_scheduler_add_unrecorded       (SitrepScheduler *self,
                                                 gint64           id,
                                                 const char      *alert_key);
void     _sitrep_scheduler_follow               (SitrepScheduler *self);
void     _sitrep_scheduler_set_next_wakeup      (SitrepScheduler *self,
                                                 gint64           next_wakeup);
void     _sitrep_scheduler_arm_timer            (SitrepScheduler *self,
                                                 gint64           moment);
gboolean _sitrep_scheduler_is_settled           (SitrepScheduler *self);

gboolean _sitrep_scheduler_is_team              (SitrepScheduler *self);
void     _sitrep_scheduler_team_start           (SitrepScheduler *self);
void     _sitrep_scheduler_team_catch_up        (SitrepScheduler *self);
void     _sitrep_scheduler_team_rearm           (SitrepScheduler *self);
void     _sitrep_scheduler_team_touch           (SitrepScheduler *self,
                                                 gint64           now,
                                                 gboolean         force);
void     _sitrep_scheduler_team_incident_changed (SitrepScheduler *self,
                                                  gint64           id);
void     _sitrep_scheduler_team_changed         (SitrepScheduler *self);
void     _sitrep_scheduler_team_dispose         (SitrepScheduler *self);

G_END_DECLS
