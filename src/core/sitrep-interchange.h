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

/*
 * The limits of an import. A document beyond one of them is refused with
 * %SITREP_IMPORT_ERROR_TOO_LARGE before anything is parsed or written, and
 * the message names the path of the value (docs/import-limits.md says more):
 *
 * - SITREP_IMPORT_MAX_DEPTH: arrays and objects nest at most 64 deep,
 *   counting the document's own object as 1. The format needs 5
 *   (document, incidents, incident, timeline, entry); the limit keeps
 *   json-glib's recursive parser far from the end of the stack.
 * - SITREP_IMPORT_MAX_STRING: a string holds at most 1 MiB (after its
 *   escapes are read), as does a number or literal. The longest text a
 *   person writes into an incident is a few pages.
 * - SITREP_IMPORT_MAX_PART: one incident, or one other top-level member
 *   such as "contacts", takes at most 64 MiB of text, since each is parsed
 *   into a tree several times its size.
 * - SITREP_IMPORT_MAX_INCIDENTS: "incidents" holds at most 1,000,000
 *   elements, the largest database Sitrep is measured with.
 * - SITREP_IMPORT_MAX_DOCUMENT: the document is at most 8 GiB. An export of
 *   1,000,000 incidents with ten timeline entries each is about 5.5 GB, and
 *   a file Sitrep wrote must be readable again; a stream is read in chunks
 *   and reading stops at the limit, or at the first NUL byte, which JSON
 *   never holds, so /dev/zero or an endless pipe ends with a message.
 *
 * Besides, a document must not hold a NUL character, raw or as \u0000,
 * nor an object with the same member twice: both would silently change
 * what is imported, and are %SITREP_IMPORT_ERROR_INVALID; so is half of a
 * UTF-16 surrogate pair (a lone \udd00), which is no character.
 */
#define SITREP_IMPORT_MAX_DEPTH     64
#define SITREP_IMPORT_MAX_STRING    ((gsize) 1 << 20)
#define SITREP_IMPORT_MAX_PART      ((gsize) 64 << 20)
#define SITREP_IMPORT_MAX_INCIDENTS 1000000
#define SITREP_IMPORT_MAX_DOCUMENT  (G_GUINT64_CONSTANT (8) << 30)

#define SITREP_IMPORT_ERROR (sitrep_import_error_quark ())

/**
 * SitrepImportError:
 * @SITREP_IMPORT_ERROR_MALFORMED: the document is not JSON (the message
 *   gives the line and column) or is empty
 * @SITREP_IMPORT_ERROR_INVALID: the document is JSON but a value is missing,
 *   of the wrong type or not allowed; the message starts with the path of
 *   the first offending value, such as `incidents[3].level`
 * @SITREP_IMPORT_ERROR_TOO_LARGE: the document is beyond one of the limits
 *   above; the message starts with the path of the value, such as
 *   `incidents[2].details: longer than 1 MiB`
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
  SITREP_IMPORT_ERROR_TOO_LARGE,
} SitrepImportError;

#define SITREP_EXPORT_ERROR (sitrep_export_error_quark ())

/**
 * SitrepExportError:
 * @SITREP_EXPORT_ERROR_INVALID_TIME: an incident holds a time that the
 *   format cannot write so that it reads back (see sitrep_time_is_valid());
 *   the message names the incident and the time
 *
 * Errors of sitrep_interchange_export() besides those of the store and of
 * the stream.
 */
typedef enum
{
  SITREP_EXPORT_ERROR_INVALID_TIME,
} SitrepExportError;

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
GQuark    sitrep_export_error_quark             (void);

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
                                                 GPtrArray          *teams,
                                                 SitrepPolicy       *policy,
                                                 gint64              now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepImportResult, sitrep_import_result_free)

G_END_DECLS
