/* sitrep-roster-picker.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sitrep-contact.h"
#include "sitrep-context.h"
#include "sitrep-types.h"

G_BEGIN_DECLS

#define SITREP_TYPE_ROSTER_PICKER (sitrep_roster_picker_get_type ())

G_DECLARE_FINAL_TYPE (SitrepRosterPicker, sitrep_roster_picker, SITREP, ROSTER_PICKER, GtkPopover)

GtkWidget   *sitrep_roster_picker_new              (void);
SitrepContext *sitrep_roster_picker_get_context    (SitrepRosterPicker  *self);
void         sitrep_roster_picker_set_context      (SitrepRosterPicker  *self,
                                                    SitrepContext       *context);
void         sitrep_roster_picker_set_roles        (SitrepRosterPicker  *self,
                                                    const SitrepRole    *roles,
                                                    guint                n_roles);
void         sitrep_roster_picker_reload           (SitrepRosterPicker  *self);
guint        sitrep_roster_picker_get_n_contacts   (SitrepRosterPicker  *self);
guint        sitrep_roster_picker_get_n_matches    (SitrepRosterPicker  *self);
GtkEditable *sitrep_roster_picker_get_search_entry (SitrepRosterPicker  *self);

G_END_DECLS
