/* sitrep-link-dialog.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-context.h"
#include "sitrep-incident.h"
#include "sitrep-link.h"

G_BEGIN_DECLS

#define SITREP_TYPE_LINK_DIALOG (sitrep_link_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SitrepLinkDialog, sitrep_link_dialog, SITREP, LINK_DIALOG, AdwWindow)

GtkWidget      *sitrep_link_dialog_new              (SitrepContext     *context,
                                                     SitrepIncident    *incident);
void            sitrep_link_dialog_set_kind         (SitrepLinkDialog  *self,
                                                     SitrepLinkKind     kind);
SitrepLinkKind  sitrep_link_dialog_get_kind         (SitrepLinkDialog  *self);
void            sitrep_link_dialog_search           (SitrepLinkDialog  *self,
                                                     const char        *text);
const char     *sitrep_link_dialog_get_target_key   (SitrepLinkDialog  *self);
guint           sitrep_link_dialog_get_n_results    (SitrepLinkDialog  *self);
gboolean        sitrep_link_dialog_get_answered     (SitrepLinkDialog  *self);
gboolean        sitrep_link_dialog_get_cancels      (SitrepLinkDialog  *self);
gboolean        sitrep_link_dialog_apply            (SitrepLinkDialog  *self,
                                                     GError           **error);

G_END_DECLS
