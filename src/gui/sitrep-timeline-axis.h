/* sitrep-timeline-axis.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SITREP_TYPE_TIMELINE_AXIS (sitrep_timeline_axis_get_type ())

G_DECLARE_FINAL_TYPE (SitrepTimelineAxis, sitrep_timeline_axis, SITREP, TIMELINE_AXIS, GtkWidget)

GtkWidget  *sitrep_timeline_axis_new            (const char         *icon_name);
void        sitrep_timeline_axis_set_line_above (SitrepTimelineAxis *self,
                                                 gboolean            line_above);
void        sitrep_timeline_axis_set_line_below (SitrepTimelineAxis *self,
                                                 gboolean            line_below);
void        sitrep_timeline_axis_set_dashed     (SitrepTimelineAxis *self,
                                                 gboolean            dashed);
void        sitrep_timeline_axis_set_paused     (SitrepTimelineAxis *self,
                                                 gboolean            above,
                                                 gboolean            below);

G_END_DECLS
