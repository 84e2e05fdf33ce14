/* sitrep-notice.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sitrep-incident.h"
#include "sitrep-policy.h"
#include "sitrep-types.h"

G_BEGIN_DECLS

#define SITREP_SMS_MAX_CHARS 160

#define SITREP_TYPE_NOTICE_DRAFT (sitrep_notice_draft_get_type ())

G_DECLARE_FINAL_TYPE (SitrepNoticeDraft, sitrep_notice_draft, SITREP, NOTICE_DRAFT, GObject)

SitrepNoticeDraft  *sitrep_notice_draft_new                (SitrepIncident     *incident,
                                                            SitrepNoticeKind    kind,
                                                            GPtrArray          *contacts,
                                                            SitrepPolicy       *policy,
                                                            const char         *latest_action,
                                                            gint64              now);
/* new_progress_with_can: a progress notice whose body is the incident's
 * current CAN report */
SitrepNoticeDraft  *sitrep_notice_draft_new_progress_with_can (SitrepStore *store,
                                                            gint64              id,
                                                            GPtrArray          *contacts,
                                                            gint64              now,
                                                            GError            **error);
SitrepNoticeKind    sitrep_notice_draft_get_kind           (SitrepNoticeDraft  *self);
const char         *sitrep_notice_draft_get_subject        (SitrepNoticeDraft  *self);
const char         *sitrep_notice_draft_get_body           (SitrepNoticeDraft  *self);
const char * const *sitrep_notice_draft_get_to             (SitrepNoticeDraft  *self);
const char * const *sitrep_notice_draft_get_cc             (SitrepNoticeDraft  *self);
const char         *sitrep_notice_draft_get_phone_line     (SitrepNoticeDraft  *self);
const char         *sitrep_notice_draft_get_sms            (SitrepNoticeDraft  *self);
const char         *sitrep_notice_draft_get_mailto         (SitrepNoticeDraft  *self);
const char         *sitrep_notice_draft_get_summary        (SitrepNoticeDraft  *self);
gint64              sitrep_notice_draft_get_next_update_at (SitrepNoticeDraft  *self);

char               *sitrep_notice_build_mailto             (const char * const *to,
                                                            const char * const *cc,
                                                            const char         *subject,
                                                            const char         *body);

G_END_DECLS
