/* sitrep-worker.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sitrep-store.h"

G_BEGIN_DECLS

/**
 * SitrepWorkerFunc:
 * @reader: the worker's read-only store, opened on the worker's thread
 * @data: the job's data
 * @cancellable: cancelled when the job's result is no longer wanted
 * @error: return location for a #GError
 *
 * A read that runs on the worker's thread. It may use @reader and @data
 * only, never objects of the main thread.
 *
 * Returns: (nullable): the result, or %NULL with @error set
 */
typedef gpointer (*SitrepWorkerFunc) (SitrepStore   *reader,
                                      gpointer       data,
                                      GCancellable  *cancellable,
                                      GError       **error);

#define SITREP_TYPE_WORKER (sitrep_worker_get_type ())

G_DECLARE_FINAL_TYPE (SitrepWorker, sitrep_worker, SITREP, WORKER, GObject)

SitrepWorker *sitrep_worker_new            (const char          *path,
                                            SitrepClock         *clock);
const char   *sitrep_worker_get_path       (SitrepWorker        *self);
void          sitrep_worker_run_async      (SitrepWorker        *self,
                                            SitrepWorkerFunc     func,
                                            gpointer             data,
                                            GDestroyNotify       data_free,
                                            GDestroyNotify       result_free,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gpointer      sitrep_worker_run_finish     (SitrepWorker        *self,
                                            GAsyncResult        *result,
                                            GError             **error);
guint         sitrep_worker_get_n_run      (SitrepWorker        *self);
SitrepWorker *sitrep_worker_new_for_store  (SitrepStore         *store);

G_END_DECLS
