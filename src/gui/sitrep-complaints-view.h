/* sitrep-complaints-view.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_COMPLAINTS_VIEW (sitrep_complaints_view_get_type ())

G_DECLARE_FINAL_TYPE (SitrepComplaintsView, sitrep_complaints_view, SITREP, COMPLAINTS_VIEW, AdwBin)

GtkWidget   *sitrep_complaints_view_new             (void);
SitrepStore *sitrep_complaints_view_get_store       (SitrepComplaintsView  *self);
void         sitrep_complaints_view_set_context     (SitrepComplaintsView  *self,
                                                     SitrepContext         *context);
gint64       sitrep_complaints_view_get_incident_id (SitrepComplaintsView  *self);
void         sitrep_complaints_view_set_incident_id (SitrepComplaintsView  *self,
                                                     gint64                 incident_id);
gboolean     sitrep_complaints_view_get_read_only   (SitrepComplaintsView  *self);
void         sitrep_complaints_view_set_read_only   (SitrepComplaintsView  *self,
                                                     gboolean               read_only);
void         sitrep_complaints_view_set_user_name   (SitrepComplaintsView  *self,
                                                     const char            *user_name);
const char  *sitrep_complaints_view_get_summary     (SitrepComplaintsView  *self);
guint        sitrep_complaints_view_get_n_complaints (SitrepComplaintsView *self);
GtkWidget   *sitrep_complaints_view_get_verdict_button (SitrepComplaintsView *self,
                                                        guint                 position);

G_END_DECLS
