/* sitrep-communication-view-private.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-communication-view.h"
#include "sitrep-notice.h"

G_BEGIN_DECLS

SitrepNoticeDraft *_sitrep_communication_view_create_draft  (SitrepCommunicationView *self,
                                                             SitrepNoticeKind         kind);
GtkWidget         *_sitrep_communication_view_get_can_check (SitrepCommunicationView *self);

G_END_DECLS
