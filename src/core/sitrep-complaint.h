/* sitrep-complaint.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sitrep-types.h"

G_BEGIN_DECLS

#define SITREP_TYPE_COMPLAINT (sitrep_complaint_get_type ())

G_DECLARE_FINAL_TYPE (SitrepComplaint, sitrep_complaint, SITREP, COMPLAINT, GObject)

SitrepComplaint *sitrep_complaint_new (void);
SitrepComplaint *sitrep_complaint_copy (SitrepComplaint *self);

gint64 sitrep_complaint_get_id (SitrepComplaint *self);
void sitrep_complaint_set_id (SitrepComplaint *self,
    gint64 id);
gint64 sitrep_complaint_get_incident_id (SitrepComplaint *self);
void sitrep_complaint_set_incident_id (SitrepComplaint *self,
    gint64 incident_id);
const char *sitrep_complaint_get_ref (SitrepComplaint *self);
void sitrep_complaint_set_ref (SitrepComplaint *self,
    const char *ref);
const char *sitrep_complaint_get_customer (SitrepComplaint *self);
void sitrep_complaint_set_customer (SitrepComplaint *self,
    const char *customer);
gint64 sitrep_complaint_get_received_at (SitrepComplaint *self);
void sitrep_complaint_set_received_at (SitrepComplaint *self,
    gint64 received_at);
const char *sitrep_complaint_get_summary (SitrepComplaint *self);
void sitrep_complaint_set_summary (SitrepComplaint *self,
    const char *summary);
/* get_attributed: verdict == SITREP_VERDICT_ATTRIBUTED; set_attributed:
 * ATTRIBUTED or NOT_ANALYSED */
gboolean sitrep_complaint_get_attributed (SitrepComplaint *self);
void sitrep_complaint_set_attributed (SitrepComplaint *self,
    gboolean attributed);
SitrepVerdict sitrep_complaint_get_verdict (SitrepComplaint *self);
void sitrep_complaint_set_verdict (SitrepComplaint *self,
    SitrepVerdict verdict);
const char *sitrep_complaint_get_verdict_reason (SitrepComplaint *self);
void sitrep_complaint_set_verdict_reason (SitrepComplaint *self,
    const char *reason);
SitrepChannel sitrep_complaint_get_channel (SitrepComplaint *self);
void sitrep_complaint_set_channel (SitrepComplaint *self,
    SitrepChannel channel);

G_END_DECLS
