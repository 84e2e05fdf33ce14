/* sitrep-interchange.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sitrep-sla.h"
#include "sitrep-store.h"

G_BEGIN_DECLS

#define SITREP_INTERCHANGE_FORMAT  "sitrep"
#define SITREP_INTERCHANGE_VERSION 1

#define SITREP_IMPORT_ERROR (sitrep_import_error_quark ())

/**
 * SitrepImportError:
 * @SITREP_IMPORT_ERROR_MALFORMED: the document is not JSON (the message
 *   gives the line and column) or is empty
 * @SITREP_IMPORT_ERROR_INVALID: the document is JSON but a value is missing,
 *   of the wrong type or not allowed; the message starts with the path of
 *   the first offending value, such as `incidents[3].level`
 *
 * Errors of sitrep_interchange_import() and its variants. Errors of the
 * database itself come in the #SITREP_STORE_ERROR domain, errors reading
 * a stream in the #G_IO_ERROR domain and errors opening a file in the
 * #G_FILE_ERROR domain.
 */
typedef enum
{
  SITREP_IMPORT_ERROR_MALFORMED,
  SITREP_IMPORT_ERROR_INVALID,
} SitrepImportError;

/**
 * SitrepImportResult:
 * @imported: incidents that were new to the database
 * @replaced: incidents whose key existed and which were replaced
 * @skipped: (element-type utf8): keys of incidents that existed and were
 *   left as they were, in document order
 * @contacts: contacts imported
 * @policy: whether the document's SLA policy was imported
 *
 * What an import did.
 */
typedef struct
{
  guint      imported;
  guint      replaced;
  GPtrArray *skipped;
  guint      contacts;
  gboolean   policy;
} SitrepImportResult;

GQuark    sitrep_import_error_quark             (void);

void      sitrep_import_result_free             (SitrepImportResult *result);

gboolean  sitrep_interchange_export             (SitrepStore        *store,
                                                 GOutputStream      *out,
                                                 GCancellable       *cancellable,
                                                 GError            **error);

gboolean  sitrep_interchange_import             (SitrepStore        *store,
                                                 GInputStream       *in,
                                                 gboolean            replace,
                                                 SitrepImportResult **result,
                                                 GCancellable       *cancellable,
                                                 GError            **error);
gboolean  sitrep_interchange_import_file        (SitrepStore        *store,
                                                 const char         *path,
                                                 gboolean            replace,
                                                 SitrepImportResult **result,
                                                 GError            **error);
gboolean  sitrep_interchange_import_data        (SitrepStore        *store,
                                                 const char         *data,
                                                 gssize              length,
                                                 gboolean            replace,
                                                 SitrepImportResult **result,
                                                 GError            **error);

JsonNode *sitrep_interchange_deadlines_to_json  (const SitrepDeadline deadlines[SITREP_N_DEADLINES]);
JsonNode *sitrep_interchange_incident_to_json   (SitrepIncident     *incident,
                                                 GPtrArray          *complaints,
                                                 GPtrArray          *timeline,
                                                 SitrepPolicy       *policy,
                                                 gint64              now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepImportResult, sitrep_import_result_free)

G_END_DECLS
