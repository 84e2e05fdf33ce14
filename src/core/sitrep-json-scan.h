/* sitrep-json-scan.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What a document may hold; see SITREP_IMPORT_MAX_DEPTH and its kin in
 * sitrep-interchange.h for the values an import uses and why. */
typedef struct
{
  guint   max_depth;      /* nesting of arrays and objects, the document's object is 1 */
  gsize   max_string;     /* bytes of a string (after escapes) or of a number or literal */
  gsize   max_part;       /* bytes of one incident or one other top-level member */
  guint   max_incidents;  /* elements of "incidents" */
  guint64 max_document;   /* bytes of the whole text */
} SitrepImportLimits;

/* Where a value lies in a document's text: [start, end). */
typedef struct
{
  gsize start;
  gsize end;
} SitrepJsonSpan;

/* A document's text and its shape, as sitrep_json_document_scan() finds it. */
typedef struct
{
  const char *data;
  gsize       length;
  JsonObject *head;       /* every top-level member, parsed, but "incidents" */
  GArray     *incidents;  /* a SitrepJsonSpan per element, when "incidents" is an array */
} SitrepJsonDocument;

gboolean  sitrep_json_document_scan   (SitrepJsonDocument        *doc,
                                       const SitrepImportLimits  *limits,
                                       GError                   **error);
JsonNode *sitrep_json_document_parse  (JsonParser                *parser,
                                       const SitrepJsonDocument  *doc,
                                       SitrepJsonSpan             span,
                                       GError                   **error);
void      sitrep_json_document_clear  (SitrepJsonDocument        *doc);

char     *sitrep_json_format_limit    (guint64                    bytes);

G_END_DECLS
