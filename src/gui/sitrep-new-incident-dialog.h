/* sitrep-new-incident-dialog.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_NEW_INCIDENT_DIALOG (sitrep_new_incident_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SitrepNewIncidentDialog, sitrep_new_incident_dialog,
                      SITREP, NEW_INCIDENT_DIALOG, AdwWindow)

SitrepNewIncidentDialog *sitrep_new_incident_dialog_new      (SitrepContext           *context);
gboolean                 sitrep_new_incident_dialog_is_valid (SitrepNewIncidentDialog *self);
gboolean                 sitrep_new_incident_dialog_create   (SitrepNewIncidentDialog *self);

G_END_DECLS
