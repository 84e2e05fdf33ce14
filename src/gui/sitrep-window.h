/* sitrep-window.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-application.h"
#include "sitrep-incident-list.h"

G_BEGIN_DECLS

#define SITREP_TYPE_WINDOW (sitrep_window_get_type ())

G_DECLARE_FINAL_TYPE (SitrepWindow, sitrep_window, SITREP, WINDOW, AdwApplicationWindow)

SitrepWindow       *sitrep_window_new                (SitrepApplication *application);
SitrepStore        *sitrep_window_get_store          (SitrepWindow      *self);
SitrepIncidentList *sitrep_window_get_incident_list  (SitrepWindow      *self);
GtkWidget          *sitrep_window_get_incident_view  (SitrepWindow      *self);
gint64              sitrep_window_get_incident_id    (SitrepWindow      *self);
void                sitrep_window_show_incident      (SitrepWindow      *self,
                                                      gint64             id);
gboolean            sitrep_window_get_read_only      (SitrepWindow      *self);
void                sitrep_window_show_toast         (SitrepWindow      *self,
                                                      const char        *message);

G_END_DECLS
