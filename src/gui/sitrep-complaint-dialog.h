/* sitrep-complaint-dialog.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-store.h"

G_BEGIN_DECLS

#define SITREP_TYPE_COMPLAINT_DIALOG (sitrep_complaint_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SitrepComplaintDialog, sitrep_complaint_dialog,
                      SITREP, COMPLAINT_DIALOG, AdwWindow)

GtkWidget *sitrep_complaint_dialog_new_add            (SitrepStore            *store,
                                                       gint64                  incident_id,
                                                       const char             *author);
GtkWidget *sitrep_complaint_dialog_new_not_attributed (SitrepStore            *store,
                                                       SitrepComplaint        *complaint,
                                                       const char             *author);
GtkWidget *sitrep_complaint_dialog_new_move           (SitrepStore            *store,
                                                       SitrepComplaint        *complaint,
                                                       const char             *author);
gboolean   sitrep_complaint_dialog_apply              (SitrepComplaintDialog  *self,
                                                       GError                **error);

G_END_DECLS
