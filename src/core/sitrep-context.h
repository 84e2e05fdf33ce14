/* sitrep-context.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sitrep-clock.h"
#include "sitrep-store.h"
#include "sitrep-worker.h"

G_BEGIN_DECLS

/* The schema of Sitrep's settings. A development build keeps it, so that
 * both builds read the same user name and role. */
#define SITREP_SETTINGS_SCHEMA "io.github.sitrep.Sitrep"

/**
 * SitrepContextRead:
 * @SITREP_CONTEXT_READ_INCIDENT: the incident itself
 * @SITREP_CONTEXT_READ_TIMELINE: its timeline
 *
 * What sitrep_context_read_incident() reads.
 */
typedef enum
{
  SITREP_CONTEXT_READ_INCIDENT = 1 << 0,
  SITREP_CONTEXT_READ_TIMELINE = 1 << 1,
} SitrepContextRead;

/**
 * SitrepContextReadDone:
 * @incident: (nullable): the incident, if it was asked for and read
 * @timeline: (nullable) (element-type SitrepTimelineEntry): its timeline,
 *   if it was asked for and read
 * @error: (nullable): why something asked for could not be read
 * @user_data: the data given to sitrep_context_read_incident()
 *
 * Called on the main loop with what was read; both may be %NULL with
 * @error set.
 */
typedef void (*SitrepContextReadDone) (SitrepIncident *incident,
                                       GPtrArray      *timeline,
                                       const GError   *error,
                                       gpointer        user_data);

/**
 * SitrepContextAnswer:
 * @result: (nullable): what the read returned, freed after this returns
 * @error: (nullable): why it returned nothing
 * @user_data: the data given to sitrep_context_read()
 *
 * Called on the main loop with the answer of sitrep_context_read().
 */
typedef void (*SitrepContextAnswer) (gpointer      result,
                                     const GError *error,
                                     gpointer      user_data);

#define SITREP_TYPE_CONTEXT (sitrep_context_get_type ())

G_DECLARE_FINAL_TYPE (SitrepContext, sitrep_context, SITREP, CONTEXT, GObject)

SitrepContext *sitrep_context_new           (SitrepStore   *store,
                                             GSettings     *settings);
SitrepStore   *sitrep_context_get_store     (SitrepContext *self);
SitrepClock   *sitrep_context_get_clock     (SitrepContext *self);
GSettings     *sitrep_context_get_settings  (SitrepContext *self);
SitrepWorker  *sitrep_context_get_worker    (SitrepContext *self);
gint64         sitrep_context_get_now       (SitrepContext *self);
const char    *sitrep_context_get_user_name (SitrepContext *self);
const char    *sitrep_context_get_role      (SitrepContext *self);
gboolean       sitrep_context_get_read_only (SitrepContext *self);
gboolean       sitrep_context_get_team      (SitrepContext *self);
gboolean       sitrep_context_check_writable (SitrepContext *self,
                                              GError       **error);
void           sitrep_context_read          (SitrepContext         *self,
                                             SitrepWorkerFunc       func,
                                             gpointer               data,
                                             GDestroyNotify         data_free,
                                             GDestroyNotify         result_free,
                                             GCancellable          *cancellable,
                                             SitrepContextAnswer    answer,
                                             gpointer               user_data,
                                             GDestroyNotify         user_data_free);
void           sitrep_context_read_contacts (SitrepContext         *self,
                                             GCancellable          *cancellable,
                                             SitrepContextAnswer    answer,
                                             gpointer               user_data);
void           sitrep_context_read_incident (SitrepContext         *self,
                                             gint64                 id,
                                             SitrepContextRead      what,
                                             GCancellable          *cancellable,
                                             SitrepContextReadDone  done,
                                             gpointer               user_data,
                                             GDestroyNotify         user_data_free);

G_END_DECLS
