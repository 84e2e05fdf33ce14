/* sitrep-drafts.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The composer's note; a field's draft is kept under the field's name
 * (symptoms, details, root_cause, resolution). */
#define SITREP_DRAFT_NOTE     "note"
/* The note's tag, as a tag nick, and its time as typed */
#define SITREP_DRAFT_NOTE_TAG "note-tag"
#define SITREP_DRAFT_NOTE_AT  "note-at"

#define SITREP_TYPE_DRAFTS (sitrep_drafts_get_type ())

G_DECLARE_FINAL_TYPE (SitrepDrafts, sitrep_drafts, SITREP, DRAFTS, GObject)

char         *sitrep_drafts_default_path (void);
SitrepDrafts *sitrep_drafts_new          (const char   *path,
                                          const char   *database);
const char   *sitrep_drafts_get_path     (SitrepDrafts *self);
char         *sitrep_drafts_get          (SitrepDrafts *self,
                                          gint64        incident_id,
                                          const char   *name);
GHashTable   *sitrep_drafts_get_all      (SitrepDrafts *self,
                                          gint64        incident_id);
void          sitrep_drafts_set          (SitrepDrafts *self,
                                          gint64        incident_id,
                                          const char   *name,
                                          const char   *text);
gboolean      sitrep_drafts_get_unwritten (SitrepDrafts *self);
void          sitrep_drafts_set_many     (SitrepDrafts       *self,
                                          gint64              incident_id,
                                          const char * const *names,
                                          const char * const *texts);

G_END_DECLS
