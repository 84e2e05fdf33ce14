/* sitrep-interchange-links.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-enums.h"
#include "sitrep-interchange-private.h"
#include "sitrep-link.h"
#include "sitrep-time.h"

/*
 * The links of the interchange format. Each incident carries the links
 * made in it, by the target's key, removed ones with their removal:
 *
 *   "links": [ { "kind": "duplicate-of", "target": "INC-12",
 *                "created_at": …, "author": …,
 *                "removed_at": …, "removed_by": … } ]
 *
 * The member is written only for an incident with links, so documents
 * without links are written as before, and documents of older versions
 * (which have none) still import.
 */

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL && *value != '\0')
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          gint64       time)
{
  g_autofree char *text = sitrep_time_format_rfc3339 (time);

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

/**
 * sitrep_interchange_add_links:
 * @incident_node: an incident's object, as the export builds it
 * @links: (element-type SitrepLink): the links made in the incident
 *   (sitrep_store_list_made_links())
 *
 * Adds the member "links" to @incident_node, unless @links is empty.
 */
void
sitrep_interchange_add_links (JsonNode  *incident_node,
                              GPtrArray *links)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) array = NULL;

  g_return_if_fail (JSON_NODE_HOLDS_OBJECT (incident_node));

  if (links == NULL || links->len == 0)
    return;

  builder = json_builder_new_immutable ();
  json_builder_begin_array (builder);
  for (guint i = 0; i < links->len; i++)
    {
      SitrepLink *link = g_ptr_array_index (links, i);

      json_builder_begin_object (builder);
      add_string (builder, "kind", sitrep_enum_to_nick (SITREP_TYPE_LINK_KIND, link->kind));
      add_string (builder, "target", link->other_key);
      add_time (builder, "created_at", link->created_at);
      add_string (builder, "author", link->author);
      if (link->removed_at != SITREP_TIME_NONE)
        {
          add_time (builder, "removed_at", link->removed_at);
          add_string (builder, "removed_by", link->removed_by);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  array = json_builder_get_root (builder);
  json_object_set_member (json_node_get_object (incident_node), "links",
                          g_steal_pointer (&array));
}

static SitrepLink *
read_link (JsonObject  *object,
           const char  *path,
           const char  *key,
           GError     **error)
{
  g_autoptr(SitrepLink) link = sitrep_link_new ();
  const char *kind, *target, *author, *removed_by;
  int value;

  if (!sitrep_import_read_string (object, path, "kind", TRUE, &kind, error))
    return NULL;
  if (!sitrep_enum_from_nick (SITREP_TYPE_LINK_KIND, kind, &value))
    {
      sitrep_import_set_invalid (error, path, "kind", "%s",
                                 _("must be duplicate-of, related-to, caused-by or child-of"));
      return NULL;
    }
  link->kind = value;

  if (!sitrep_import_read_string (object, path, "target", TRUE, &target, error))
    return NULL;
  if (!g_str_has_prefix (target, "INC-") || target[4] == '\0' ||
      strspn (target + 4, "0123456789") != strlen (target + 4))
    {
      sitrep_import_set_invalid (error, path, "target", "%s",
                                 _("must be an incident key such as INC-7"));
      return NULL;
    }
  if (g_strcmp0 (target, key) == 0)
    {
      sitrep_import_set_invalid (error, path, "target", "%s",
                                 _("an incident cannot be linked to itself"));
      return NULL;
    }
  link->other_key = g_strdup (target);

  if (!sitrep_import_read_time (object, path, "created_at", TRUE, &link->created_at, error) ||
      !sitrep_import_read_string (object, path, "author", FALSE, &author, error) ||
      !sitrep_import_read_time (object, path, "removed_at", FALSE, &link->removed_at, error) ||
      !sitrep_import_read_string (object, path, "removed_by", FALSE, &removed_by, error))
    return NULL;
  link->author = g_strdup (author);
  link->removed_by = g_strdup (removed_by);

  if (link->removed_at != SITREP_TIME_NONE && link->removed_at < link->created_at)
    {
      sitrep_import_set_invalid (error, path, "removed_at", "%s",
                                 _("must not be before created_at"));
      return NULL;
    }

  return g_steal_pointer (&link);
}

/**
 * sitrep_import_read_links:
 * @object: an incident's object
 * @path: its path ("incidents[3]")
 * @key: its key, which no link may target
 * @out_links: (out) (transfer full) (element-type SitrepLink): its links
 * @error: return location for a #GError
 *
 * Reads the member "links" of an incident; an incident without it has
 * none. Whether each target exists is known only when the document is
 * imported (sitrep_store_import_links()).
 *
 * Returns: %TRUE on success; %SITREP_IMPORT_ERROR_INVALID naming the
 *   first offending path otherwise
 */
gboolean
sitrep_import_read_links (JsonObject  *object,
                          const char  *path,
                          const char  *key,
                          GPtrArray  **out_links,
                          GError     **error)
{
  g_autoptr(GPtrArray) links =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_link_free);
  JsonArray *array = NULL;

  if (!sitrep_import_read_array (object, path, "links", &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = NULL;
      JsonObject *element = sitrep_import_array_object (array, path, "links", i, &element_path,
                                                        error);
      SitrepLink *link;

      if (element == NULL)
        return FALSE;

      link = read_link (element, element_path, key, error);
      if (link == NULL)
        return FALSE;

      for (guint j = 0; j < links->len; j++)
        {
          SitrepLink *other = g_ptr_array_index (links, j);

          if (other->kind == link->kind && g_str_equal (other->other_key, link->other_key) &&
              other->removed_at == SITREP_TIME_NONE && link->removed_at == SITREP_TIME_NONE)
            {
              sitrep_import_set_invalid (error, element_path, NULL, "%s",
                                         _("the same link appears twice"));
              sitrep_link_free (link);
              return FALSE;
            }
        }

      g_ptr_array_add (links, link);
    }

  *out_links = g_steal_pointer (&links);
  return TRUE;
}
