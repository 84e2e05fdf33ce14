/* sitrep-links-view.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_LINKS_VIEW (sitrep_links_view_get_type ())

G_DECLARE_FINAL_TYPE (SitrepLinksView, sitrep_links_view, SITREP, LINKS_VIEW, AdwBin)

GtkWidget   *sitrep_links_view_new             (void);
void         sitrep_links_view_set_context     (SitrepLinksView  *self,
                                                SitrepContext    *context);
gint64       sitrep_links_view_get_incident_id (SitrepLinksView  *self);
void         sitrep_links_view_set_incident_id (SitrepLinksView  *self,
                                                gint64            incident_id);
gboolean     sitrep_links_view_get_read_only   (SitrepLinksView  *self);
void         sitrep_links_view_set_read_only   (SitrepLinksView  *self,
                                                gboolean          read_only);
guint        sitrep_links_view_get_n_links     (SitrepLinksView  *self);
char        *sitrep_links_view_dup_row_text    (SitrepLinksView  *self,
                                                guint             position);
const char  *sitrep_links_view_get_summary     (SitrepLinksView  *self);

G_END_DECLS
