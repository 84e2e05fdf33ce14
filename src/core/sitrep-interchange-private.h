/* sitrep-interchange-private.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sitrep-contact.h"
#include "sitrep-incident.h"
#include "sitrep-interchange.h"
#include "sitrep-json-scan.h"
#include "sitrep-policy.h"

G_BEGIN_DECLS

/* The members of a level's entry in "policy", by SitrepPolicyWindow. */
extern const char *const sitrep_interchange_policy_members[SITREP_N_POLICY_WINDOWS];

/* Reading values and parts of a document (sitrep-interchange-read.c). Each
 * fails with a SITREP_IMPORT_ERROR_INVALID message that starts with the
 * path of the offending value: @path and @member together. */
void            sitrep_import_set_invalid   (GError          **error,
                                             const char       *path,
                                             const char       *member,
                                             const char       *format,
                                             ...) G_GNUC_PRINTF (4, 5);
JsonNode       *sitrep_import_lookup        (JsonObject       *object,
                                             const char       *member);
gboolean        sitrep_import_is_string     (JsonNode         *node);
gboolean        sitrep_import_read_integer  (JsonObject       *object,
                                             const char       *path,
                                             const char       *member,
                                             gboolean          required,
                                             gint64           *value,
                                             gboolean         *present,
                                             GError          **error);
gboolean        sitrep_import_read_array    (JsonObject       *object,
                                             const char       *path,
                                             const char       *member,
                                             JsonArray       **array,
                                             GError          **error);
JsonObject     *sitrep_import_array_object  (JsonArray        *array,
                                             const char       *path,
                                             const char       *member,
                                             guint             index,
                                             char            **element_path,
                                             GError          **error);
gboolean        sitrep_import_read_policy   (JsonArray        *array,
                                             SitrepPolicy     *policy,
                                             GError          **error);
SitrepContact  *sitrep_import_read_contact  (JsonObject       *object,
                                             const char       *path,
                                             GError          **error);
gboolean        sitrep_import_read_incident (JsonObject       *object,
                                             const char       *path,
                                             SitrepIncident  **out_incident,
                                             GPtrArray       **out_timeline,
                                             GPtrArray       **out_complaints,
                                             GPtrArray       **out_teams,
                                             GError          **error);

gboolean        sitrep_import_read_string   (JsonObject       *object,
                                             const char       *path,
                                             const char       *member,
                                             gboolean          required,
                                             const char      **value,
                                             GError          **error);
gboolean        sitrep_import_read_time     (JsonObject       *object,
                                             const char       *path,
                                             const char       *member,
                                             gboolean          required,
                                             gint64           *value,
                                             GError          **error);

/* The links made in an incident (sitrep-interchange-links.c): "links":
 * [{"kind", "target", "created_at", "author", "removed_at",
 * "removed_by"}], a member only when there is a link. read_links:
 * (element-type SitrepLink), with the target's key in other_key; an
 * incident without "links" has none. */
void            sitrep_interchange_add_links (JsonNode        *incident_node,
                                              GPtrArray       *links);
gboolean        sitrep_import_read_links    (JsonObject       *object,
                                             const char       *path,
                                             const char       *key,
                                             GPtrArray       **out_links,
                                             GError          **error);

/* The limits sitrep-interchange.h states, which every public import uses. */
/* sitrep-interchange-workflow.c: "escalation" and "holds" */
void            sitrep_interchange_add_workflow  (JsonBuilder      *builder,
                                                  SitrepIncident   *incident);
gboolean        sitrep_interchange_read_workflow (JsonObject       *object,
                                                  const char       *path,
                                                  SitrepIncident   *incident,
                                                  GError          **error);

extern const SitrepImportLimits sitrep_import_limits_default;

gboolean sitrep_interchange_import_with_limits      (SitrepStore               *store,
                                                     GInputStream              *in,
                                                     const SitrepImportLimits  *limits,
                                                     gboolean                   replace,
                                                     SitrepImportResult       **result,
                                                     GCancellable              *cancellable,
                                                     GError                   **error);
gboolean sitrep_interchange_import_data_with_limits (SitrepStore               *store,
                                                     const char                *data,
                                                     gsize                      length,
                                                     const SitrepImportLimits  *limits,
                                                     gboolean                   replace,
                                                     SitrepImportResult       **result,
                                                     GError                   **error);

/* The policy's record rules, the "rules" member (sitrep-interchange-rules.c) */
void            sitrep_interchange_add_rules (JsonBuilder     *builder,
                                              SitrepPolicy    *policy);
gboolean        sitrep_import_has_rules     (JsonObject       *head);
gboolean        sitrep_import_read_rules    (JsonObject       *head,
                                             SitrepPolicy     *policy,
                                             GError          **error);

G_END_DECLS
