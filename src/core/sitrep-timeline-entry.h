/* sitrep-timeline-entry.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sitrep-types.h"

G_BEGIN_DECLS

#define SITREP_TYPE_TIMELINE_ENTRY (sitrep_timeline_entry_get_type ())

G_DECLARE_FINAL_TYPE (SitrepTimelineEntry, sitrep_timeline_entry, SITREP, TIMELINE_ENTRY, GObject)

SitrepTimelineEntry *sitrep_timeline_entry_new (void);
SitrepTimelineEntry *sitrep_timeline_entry_copy (SitrepTimelineEntry *self);

gint64 sitrep_timeline_entry_get_id (SitrepTimelineEntry *self);
void sitrep_timeline_entry_set_id (SitrepTimelineEntry *self,
    gint64 id);
gint64 sitrep_timeline_entry_get_incident_id (SitrepTimelineEntry *self);
void sitrep_timeline_entry_set_incident_id (SitrepTimelineEntry *self,
    gint64 incident_id);
gint64 sitrep_timeline_entry_get_occurred_at (SitrepTimelineEntry *self);
void sitrep_timeline_entry_set_occurred_at (SitrepTimelineEntry *self,
    gint64 occurred_at);
gint64 sitrep_timeline_entry_get_recorded_at (SitrepTimelineEntry *self);
void sitrep_timeline_entry_set_recorded_at (SitrepTimelineEntry *self,
    gint64 recorded_at);
const char *sitrep_timeline_entry_get_author (SitrepTimelineEntry *self);
void sitrep_timeline_entry_set_author (SitrepTimelineEntry *self,
    const char *author);
SitrepEntryKind sitrep_timeline_entry_get_kind (SitrepTimelineEntry *self);
void sitrep_timeline_entry_set_kind (SitrepTimelineEntry *self,
    SitrepEntryKind kind);
SitrepTag sitrep_timeline_entry_get_tag (SitrepTimelineEntry *self);
void sitrep_timeline_entry_set_tag (SitrepTimelineEntry *self,
    SitrepTag tag);
const char *sitrep_timeline_entry_get_text (SitrepTimelineEntry *self);
void sitrep_timeline_entry_set_text (SitrepTimelineEntry *self,
    const char *text);
const char *sitrep_timeline_entry_get_detail (SitrepTimelineEntry *self);
void sitrep_timeline_entry_set_detail (SitrepTimelineEntry *self,
    const char *detail);
gint64 sitrep_timeline_entry_get_corrects (SitrepTimelineEntry *self);
void sitrep_timeline_entry_set_corrects (SitrepTimelineEntry *self,
    gint64 corrects);

GPtrArray *sitrep_timeline_apply_corrections (GPtrArray *timeline);
SitrepTimelineEntry *sitrep_timeline_find_correction (GPtrArray *timeline,
    gint64 id);

G_END_DECLS
