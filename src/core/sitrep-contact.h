/* sitrep-contact.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sitrep-types.h"

G_BEGIN_DECLS

#define SITREP_TYPE_CONTACT (sitrep_contact_get_type ())

G_DECLARE_FINAL_TYPE (SitrepContact, sitrep_contact, SITREP, CONTACT, GObject)

SitrepContact *sitrep_contact_new (void);
SitrepContact *sitrep_contact_copy (SitrepContact *self);

gint64 sitrep_contact_get_id (SitrepContact *self);
void sitrep_contact_set_id (SitrepContact *self,
    gint64 id);
const char *sitrep_contact_get_name (SitrepContact *self);
void sitrep_contact_set_name (SitrepContact *self,
    const char *name);
SitrepRole sitrep_contact_get_role (SitrepContact *self);
void sitrep_contact_set_role (SitrepContact *self,
    SitrepRole role);
const char *sitrep_contact_get_email (SitrepContact *self);
void sitrep_contact_set_email (SitrepContact *self,
    const char *email);
const char *sitrep_contact_get_phone (SitrepContact *self);
void sitrep_contact_set_phone (SitrepContact *self,
    const char *phone);

const char * const *sitrep_contact_get_default_teams (void);

G_END_DECLS
