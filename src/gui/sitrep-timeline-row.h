/* sitrep-timeline-row.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sitrep-timeline-item.h"

G_BEGIN_DECLS

#define SITREP_TYPE_TIMELINE_ROW (sitrep_timeline_row_get_type ())

G_DECLARE_FINAL_TYPE (SitrepTimelineRow, sitrep_timeline_row, SITREP, TIMELINE_ROW, GtkWidget)

GtkWidget *sitrep_timeline_row_new       (void);
void       sitrep_timeline_row_show_item (SitrepTimelineRow        *self,
                                          const SitrepTimelineItem *item,
                                          const SitrepTimelineItem *previous,
                                          gboolean                  first,
                                          gboolean                  last);

G_END_DECLS
