/* sitrep-json-scan.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

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
                                       GError                   **error);
JsonNode *sitrep_json_document_parse  (JsonParser                *parser,
                                       const SitrepJsonDocument  *doc,
                                       SitrepJsonSpan             span,
                                       GError                   **error);
void      sitrep_json_document_clear  (SitrepJsonDocument        *doc);

G_END_DECLS
