/* sitrep-timeline-item.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sitrep-timeline-view.h"
#include "sitrep-types.h"

G_BEGIN_DECLS

/* One row of the escalation timeline, as the timeline view worked it out
 * from the incident, its entries and its deadlines. */
typedef struct
{
  SitrepTimelineItemKind  kind;
  gint64                  time;
  int                     rank;      /* orders items at the same second */
  guint                   order;     /* keeps the store's order of entries */
  char                   *title;
  char                   *meta;
  char                   *body;      /* a report as it went out, shown on demand */
  const char             *icon_name;
  const char             *style;     /* marker colour: a CSS class */
  SitrepTag               tag;
  gboolean                upcoming;  /* after "now" */
  gboolean                paused;    /* on hold from here to the next item */
  gboolean                superseded; /* corrected: struck through */
  gint64                  correct_id; /* the note a correction button corrects, or 0 */
} SitrepTimelineItem;

G_END_DECLS
