/* sitrep-interchange-import.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sitrep-enums.h"
#include "sitrep-interchange-private.h"
#include "sitrep-json-scan.h"
#include "sitrep-time.h"

/*
 * Reading the JSON interchange format: one document holds the SLA policy,
 * the roster and every incident with its complaints and timeline. Import
 * checks all of the document before it touches the database, and then
 * writes it in one store transaction, so a bad document changes nothing.
 * sitrep-json-scan.c finds the document's parts in its text; each incident
 * is parsed on its own, so memory holds the text and one incident.
 */

G_DEFINE_QUARK (sitrep-import-error-quark, sitrep_import_error)

/* What one pass over a document needs: the first pass only checks, the
 * second one writes to the store. */
typedef struct
{
  SitrepStore        *store;    /* NULL while only checking */
  gboolean            replace;
  SitrepImportResult *result;
  GHashTable         *keys;     /* keys seen so far, to find duplicates */
  GPtrArray          *links;    /* (element-type PendingLinks): stored last */
} ImportPass;

/* The links of one imported incident, stored after all incidents, so that
 * they may point at an incident later in the document. */
typedef struct
{
  char      *path;
  char      *key;
  GPtrArray *links;
} PendingLinks;

static void
pending_links_free (PendingLinks *pending)
{
  g_free (pending->path);
  g_free (pending->key);
  g_ptr_array_unref (pending->links);
  g_free (pending);
}

/* A link to a key neither in the document nor in the database is an
 * error that names it: the whole import is refused, as for any other
 * fault of the document. */
static gboolean
import_links (ImportPass  *pass,
              GError     **error)
{
  for (guint i = 0; i < pass->links->len; i++)
    {
      PendingLinks *pending = g_ptr_array_index (pass->links, i);
      guint index = 0;

      g_autoptr(GError) local_error = NULL;

      if (!sitrep_store_import_links (pass->store, pending->key, pending->links, &index,
                                      &local_error))
        {
          /* a key found nowhere is the target's fault; a rule, the link's */
          if (g_error_matches (local_error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND))
            g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                        "%s.links[%u].target: ", pending->path, index);
          else
            g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                        "%s.links[%u]: ", pending->path, index);
          return FALSE;
        }
    }

  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Writing to the store                                                    */
/* ---------------------------------------------------------------------- */

static gboolean
import_incident (ImportPass      *pass,
                 const char      *path,
                 SitrepIncident  *incident,
                 GPtrArray       *timeline,
                 GPtrArray       *complaints,
                 GPtrArray       *teams,
                 GError         **error)
{
  const char *key = sitrep_incident_get_key (incident);
  g_autoptr(SitrepIncident) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean skipped = FALSE;

  existing = sitrep_store_find_incident (pass->store, key, &local_error);
  if (existing == NULL &&
      !g_error_matches (local_error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s (%s): ", path, key);
      return FALSE;
    }

  if (!sitrep_store_import_incident (pass->store, incident, timeline, complaints,
                                     pass->replace, &skipped, error) ||
      (!skipped && !sitrep_store_import_team_sections (pass->store, key, teams, error)))
    {
      g_prefix_error (error, "%s (%s): ", path, key);
      return FALSE;
    }

  if (skipped)
    g_ptr_array_add (pass->result->skipped, g_strdup (key));
  else if (existing != NULL)
    pass->result->replaced++;
  else
    pass->result->imported++;

  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Import                                                                  */
/* ---------------------------------------------------------------------- */

static gboolean
read_incidents (ImportPass      *pass,
                const SitrepJsonDocument  *doc,
                GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  for (guint i = 0; i < doc->incidents->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("incidents[%u]", i);
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(SitrepIncident) incident = NULL;
      g_autoptr(GPtrArray) timeline = NULL;
      g_autoptr(GPtrArray) complaints = NULL;
      g_autoptr(GPtrArray) teams = NULL;
      g_autoptr(GPtrArray) links = NULL;
      JsonObject *object;
      guint n_skipped;

      node = sitrep_json_document_parse (parser, doc,
                                         g_array_index (doc->incidents, SitrepJsonSpan, i),
                                         error);
      if (node == NULL)
        return FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          sitrep_import_set_invalid (error, path, NULL, "%s", _("must be an object"));
          return FALSE;
        }
      object = json_node_get_object (node);

      if (!sitrep_import_read_incident (object, path, &incident, &timeline, &complaints,
                                        &teams, error) ||
          !sitrep_import_read_links (object, path, sitrep_incident_get_key (incident), &links,
                                     error))
        return FALSE;

      if (pass->store == NULL)
        {
          const char *key = sitrep_incident_get_key (incident);

          if (g_hash_table_contains (pass->keys, key))
            {
              sitrep_import_set_invalid (error, path, "key", _("\"%s\" appears twice"), key);
              return FALSE;
            }
          g_hash_table_add (pass->keys, g_strdup (key));
          continue;
        }

      n_skipped = pass->result->skipped->len;
      if (!import_incident (pass, path, incident, timeline, complaints, teams, error))
        return FALSE;

      /* a skipped incident is left as it is, links and all */
      if (links->len > 0 && pass->result->skipped->len == n_skipped)
        {
          PendingLinks *pending = g_new0 (PendingLinks, 1);

          pending->path = g_strdup (path);
          pending->key = g_strdup (sitrep_incident_get_key (incident));
          pending->links = g_steal_pointer (&links);
          g_ptr_array_add (pass->links, pending);
        }
    }

  return pass->store == NULL || import_links (pass, error);
}

/* One pass over the document: without a store it checks everything, with
 * one it writes everything (inside the caller's transaction). */
static gboolean
read_document (ImportPass      *pass,
               const SitrepJsonDocument  *doc,
               GError         **error)
{
  JsonObject *object = doc->head;
  JsonNode *node;
  JsonArray *policy_array, *contacts, *incidents;
  g_autoptr(SitrepPolicy) policy = NULL;
  gint64 version;

  node = sitrep_import_lookup (object, "format");
  if (node == NULL || !sitrep_import_is_string (node) ||
      !g_str_equal (json_node_get_string (node), SITREP_INTERCHANGE_FORMAT))
    {
      sitrep_import_set_invalid (error, NULL, "format", "%s", _("must be \"sitrep\""));
      return FALSE;
    }

  if (!sitrep_import_read_integer (object, NULL, "version", TRUE, &version, NULL, error))
    return FALSE;
  if (version != SITREP_INTERCHANGE_VERSION)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      /* Translators: the version of the file format, then the one Sitrep reads */
      sitrep_import_set_invalid (error, NULL, "version",
                                 _("%s is not supported (this Sitrep reads version %d)"),
                                 number, SITREP_INTERCHANGE_VERSION);
      return FALSE;
    }

  /* "incidents" is in the head only when it is not an array. */
  if (!sitrep_import_read_array (object, NULL, "policy", &policy_array, error) ||
      !sitrep_import_read_array (object, NULL, "contacts", &contacts, error) ||
      !sitrep_import_read_array (object, NULL, "incidents", &incidents, error))
    return FALSE;

  if ((policy_array != NULL && json_array_get_length (policy_array) > 0) ||
      sitrep_import_has_rules (object))
    {
      if (pass->store != NULL)
        policy = sitrep_store_get_policy (pass->store);
      else
        policy = sitrep_policy_new_default ();

      if ((policy_array != NULL && !sitrep_import_read_policy (policy_array, policy, error)) ||
          !sitrep_import_read_rules (object, policy, error))
        return FALSE;

      if (pass->store != NULL)
        {
          if (!sitrep_store_import_policy (pass->store, policy, error))
            return FALSE;
          pass->result->policy = TRUE;
        }
    }

  for (guint i = 0; contacts != NULL && i < json_array_get_length (contacts); i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(SitrepContact) contact = NULL;
      JsonObject *element = sitrep_import_array_object (contacts, NULL, "contacts", i, &path,
                                                        error);

      if (element == NULL)
        return FALSE;
      contact = sitrep_import_read_contact (element, path, error);
      if (contact == NULL)
        return FALSE;

      if (pass->store != NULL)
        {
          if (!sitrep_store_import_contact (pass->store, contact, error))
            {
              g_prefix_error (error, "%s: ", path);
              return FALSE;
            }
          pass->result->contacts++;
        }
    }

  if (doc->incidents != NULL && !read_incidents (pass, doc, error))
    return FALSE;

  return TRUE;
}

const SitrepImportLimits sitrep_import_limits_default = {
  .max_depth = SITREP_IMPORT_MAX_DEPTH,
  .max_string = SITREP_IMPORT_MAX_STRING,
  .max_part = SITREP_IMPORT_MAX_PART,
  .max_incidents = SITREP_IMPORT_MAX_INCIDENTS,
  .max_document = SITREP_IMPORT_MAX_DOCUMENT,
};

static gboolean
import_text (SitrepStore               *store,
             const char                *data,
             gsize                      length,
             const SitrepImportLimits  *limits,
             gboolean                   replace,
             SitrepImportResult       **out_result,
             GError                   **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(SitrepImportResult) result = g_new0 (SitrepImportResult, 1);
  g_autoptr(GPtrArray) links =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pending_links_free);
  ImportPass check = { NULL, replace, result, keys, links };
  ImportPass write = { store, replace, result, keys, links };
  SitrepJsonDocument doc = { data, length, NULL, NULL };
  gboolean ok;

  result->skipped = g_ptr_array_new_with_free_func (g_free);

  ok = sitrep_json_document_scan (&doc, limits, error) && read_document (&check, &doc, error);
  g_hash_table_remove_all (keys);

  if (ok)
    ok = sitrep_store_import_begin (store, error);

  if (ok && (!read_document (&write, &doc, error) ||
             !sitrep_store_import_commit (store, error)))
    {
      sitrep_store_import_rollback (store);
      ok = FALSE;
    }

  sitrep_json_document_clear (&doc);

  if (ok && out_result != NULL)
    *out_result = g_steal_pointer (&result);
  return ok;
}

/* How much a stream is read at a time. */
#define READ_CHUNK ((gsize) 1 << 20)

/* Reads all of @in, but never more than the document limit, and stops
 * early at a NUL byte: JSON never holds one, so the text up to it is
 * enough for the scanner to say what is wrong (a NUL in a string, with its
 * path, or where the syntax breaks), and /dev/zero ends at once. */
static char *
read_stream (GInputStream              *in,
             const SitrepImportLimits  *limits,
             gsize                     *out_length,
             GCancellable              *cancellable,
             GError                   **error)
{
  g_autofree char *data = NULL;
  gsize length = 0, size = 0;

  for (;;)
    {
      gssize n;

      if (size - length < READ_CHUNK)
        {
          size = MAX (size * 2, READ_CHUNK);
          data = g_realloc (data, size + 1);
        }

      n = g_input_stream_read (in, data + length, READ_CHUNK, cancellable, error);
      if (n < 0)
        return NULL;
      if (n == 0)
        break;

      if (memchr (data + length, '\0', n) != NULL)
        {
          length += (const char *) memchr (data + length, '\0', n) - (data + length) + 1;
          break;
        }

      length += n;
      if (length > limits->max_document)
        {
          g_autofree char *limit = sitrep_json_format_limit (limits->max_document);

          g_set_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_TOO_LARGE,
                       _("The document is larger than %s"), limit);
          return NULL;
        }
    }

  /* A terminator keeps the scanner's look-ups of the next byte simple. */
  data[length] = '\0';
  *out_length = length;
  return g_steal_pointer (&data);
}

/**
 * sitrep_interchange_import_with_limits:
 * @store: a #SitrepStore
 * @in: a stream with a JSON interchange document
 * @limits: what the document may hold
 * @replace: as for sitrep_interchange_import()
 * @result: (out) (optional) (transfer full): what was imported
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * sitrep_interchange_import() with other limits than
 * %sitrep_import_limits_default, so that tests can reach them.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_interchange_import_with_limits (SitrepStore               *store,
                                       GInputStream              *in,
                                       const SitrepImportLimits  *limits,
                                       gboolean                   replace,
                                       SitrepImportResult       **result,
                                       GCancellable              *cancellable,
                                       GError                   **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (SITREP_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (in), FALSE);
  g_return_val_if_fail (limits != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = read_stream (in, limits, &length, cancellable, error);
  if (data == NULL)
    return FALSE;

  return import_text (store, data, length, limits, replace, result, error);
}

/**
 * sitrep_interchange_import_data_with_limits:
 * @store: a #SitrepStore
 * @data: a JSON interchange document
 * @length: the length of @data in bytes
 * @limits: what the document may hold
 * @replace: as for sitrep_interchange_import()
 * @result: (out) (optional) (transfer full): what was imported
 * @error: return location for a #GError
 *
 * sitrep_interchange_import_data() with other limits than
 * %sitrep_import_limits_default.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_interchange_import_data_with_limits (SitrepStore               *store,
                                            const char                *data,
                                            gsize                      length,
                                            const SitrepImportLimits  *limits,
                                            gboolean                   replace,
                                            SitrepImportResult       **result,
                                            GError                   **error)
{
  g_return_val_if_fail (SITREP_IS_STORE (store), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (limits != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return import_text (store, data, length, limits, replace, result, error);
}

/**
 * sitrep_import_result_free:
 * @result: (transfer full) (nullable): an import result
 *
 * Frees @result.
 */
void
sitrep_import_result_free (SitrepImportResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->skipped, g_ptr_array_unref);
  g_free (result);
}

/**
 * sitrep_interchange_import:
 * @store: a #SitrepStore
 * @in: a stream with a JSON interchange document
 * @replace: whether an incident whose key exists replaces the stored one;
 *   otherwise it is left as it is and reported as skipped
 * @result: (out) (optional) (transfer full): what was imported
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Imports a document in the format that sitrep_interchange_export()
 * writes: the SLA policy (the levels it lists), the contacts and the
 * incidents with their complaints and timelines. Unknown members are
 * ignored.
 *
 * The whole document is checked before the database is touched, and then
 * written in one transaction: on any error nothing changes. An invalid
 * document fails with %SITREP_IMPORT_ERROR_INVALID and a message that
 * starts with the path of the first offending value, for example
 * `incidents[3].level: must be 1, 2 or 3`; text that is not JSON fails with
 * %SITREP_IMPORT_ERROR_MALFORMED and the line and column.
 *
 * The document's text is held in memory, but only one incident at a time
 * is parsed. The stream is read in chunks up to %SITREP_IMPORT_MAX_DOCUMENT
 * bytes, and no further than a NUL byte; a document beyond one of the
 * limits in sitrep-interchange.h fails with %SITREP_IMPORT_ERROR_TOO_LARGE.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_interchange_import (SitrepStore         *store,
                           GInputStream        *in,
                           gboolean             replace,
                           SitrepImportResult **result,
                           GCancellable        *cancellable,
                           GError             **error)
{
  return sitrep_interchange_import_with_limits (store, in, &sitrep_import_limits_default,
                                                replace, result, cancellable, error);
}

/**
 * sitrep_interchange_import_file:
 * @store: a #SitrepStore
 * @path: the file with a JSON interchange document
 * @replace: whether an incident whose key exists replaces the stored one
 * @result: (out) (optional) (transfer full): what was imported
 * @error: return location for a #GError
 *
 * Like sitrep_interchange_import(), from a file, which is mapped into
 * memory rather than read: a large file costs little memory of its own.
 * A file that cannot be read fails in the #G_FILE_ERROR domain. A file
 * that is not a regular file (a pipe, a device) is read as a stream.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_interchange_import_file (SitrepStore         *store,
                                const char          *path,
                                gboolean             replace,
                                SitrepImportResult **result,
                                GError             **error)
{
  g_autoptr(GMappedFile) file = NULL;
  GStatBuf st;
  const char *data;

  g_return_val_if_fail (SITREP_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A pipe or a device such as /dev/zero has no size to map: it is read
   * as a stream, which stops at the limit. */
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_autoptr(GFile) gfile = g_file_new_for_path (path);
      g_autoptr(GFileInputStream) in = g_file_read (gfile, NULL, error);

      if (in == NULL)
        return FALSE;
      return sitrep_interchange_import (store, G_INPUT_STREAM (in), replace, result, NULL,
                                        error);
    }

  if (g_stat (path, &st) == 0 && (guint64) st.st_size > SITREP_IMPORT_MAX_DOCUMENT)
    {
      g_autofree char *limit = sitrep_json_format_limit (SITREP_IMPORT_MAX_DOCUMENT);

      g_set_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_TOO_LARGE,
                   _("The document is larger than %s"), limit);
      return FALSE;
    }

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return FALSE;

  /* An empty file maps to no data at all. */
  data = g_mapped_file_get_contents (file);
  return import_text (store, data != NULL ? data : "", g_mapped_file_get_length (file),
                      &sitrep_import_limits_default, replace, result, error);
}

/**
 * sitrep_interchange_import_data:
 * @store: a #SitrepStore
 * @data: a JSON interchange document
 * @length: the length of @data in bytes, or -1 if it is nul-terminated
 * @replace: whether an incident whose key exists replaces the stored one
 * @result: (out) (optional) (transfer full): what was imported
 * @error: return location for a #GError
 *
 * Like sitrep_interchange_import(), from memory.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_interchange_import_data (SitrepStore         *store,
                                const char          *data,
                                gssize               length,
                                gboolean             replace,
                                SitrepImportResult **result,
                                GError             **error)
{
  g_return_val_if_fail (SITREP_IS_STORE (store), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return import_text (store, data, length < 0 ? strlen (data) : (gsize) length,
                      &sitrep_import_limits_default, replace, result, error);
}
