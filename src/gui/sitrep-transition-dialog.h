/* sitrep-transition-dialog.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_TRANSITION_DIALOG (sitrep_transition_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SitrepTransitionDialog, sitrep_transition_dialog,
                      SITREP, TRANSITION_DIALOG, AdwWindow)

GtkWidget *sitrep_transition_dialog_new           (GtkWindow              *parent,
                                                   SitrepContext          *context,
                                                   SitrepIncident         *incident,
                                                   SitrepTransition        transition);
GtkWidget *sitrep_transition_dialog_new_for_level (GtkWindow              *parent,
                                                   SitrepContext          *context,
                                                   SitrepIncident         *incident,
                                                   int                     level);
const char *sitrep_transition_dialog_describe_destination (const char     *transferred_to);

G_END_DECLS
