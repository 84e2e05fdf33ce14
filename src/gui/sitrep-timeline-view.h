/* sitrep-timeline-view.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sitrep-incident.h"
#include "sitrep-policy.h"

G_BEGIN_DECLS

/* What one row of the escalation timeline shows. */
typedef enum
{
  SITREP_TIMELINE_ITEM_ENTRY,      /* a timeline entry of the incident */
  SITREP_TIMELINE_ITEM_MILESTONE,  /* fault began, reported, a deadline due or met */
  SITREP_TIMELINE_ITEM_GAP,        /* more than an hour without an update */
  SITREP_TIMELINE_ITEM_NOW,        /* the current moment */
} SitrepTimelineItemKind;

/* Consecutive items further apart than this are separated by a gap. */
#define SITREP_TIMELINE_GAP_SECONDS (60 * 60)

#define SITREP_TYPE_TIMELINE_VIEW (sitrep_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (SitrepTimelineView, sitrep_timeline_view, SITREP, TIMELINE_VIEW, GtkWidget)

GtkWidget              *sitrep_timeline_view_new            (void);
void                    sitrep_timeline_view_set_incident   (SitrepTimelineView *self,
                                                             SitrepIncident     *incident,
                                                             GPtrArray          *entries,
                                                             SitrepPolicy       *policy,
                                                             gint64              now);
void                    sitrep_timeline_view_clear          (SitrepTimelineView *self);
guint                   sitrep_timeline_view_get_n_items    (SitrepTimelineView *self);
SitrepTimelineItemKind  sitrep_timeline_view_get_item_kind  (SitrepTimelineView *self,
                                                             guint               position);
gint64                  sitrep_timeline_view_get_item_time  (SitrepTimelineView *self,
                                                             guint               position);
const char             *sitrep_timeline_view_get_item_text  (SitrepTimelineView *self,
                                                             guint               position);
const char             *sitrep_timeline_view_get_item_icon_name (SitrepTimelineView *self,
                                                                 guint               position);

G_END_DECLS
