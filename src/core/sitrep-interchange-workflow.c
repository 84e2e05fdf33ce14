/* sitrep-interchange-workflow.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enums.h"
#include "sitrep-incident-workflow.h"
#include "sitrep-interchange-private.h"
#include "sitrep-time.h"

/*
 * The members of an incident in the interchange format that say how it
 * was handled beyond its status: "escalation" (the team it was assigned
 * to, null when none) and "holds" (the spans it was on hold). Documents
 * written before they existed have neither, and import as incidents never
 * held nor escalated. See docs/records.md.
 */

static void
add_text (JsonBuilder *builder,
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
add_moment (JsonBuilder *builder,
            const char  *member,
            gint64       time)
{
  json_builder_set_member_name (builder, member);
  if (time != SITREP_TIME_NONE && sitrep_time_is_valid (time))
    {
      g_autofree char *text = sitrep_time_format_rfc3339 (time);

      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_null_value (builder);
}

/**
 * sitrep_interchange_add_workflow:
 * @builder: a builder inside the incident's object
 * @incident: the incident
 *
 * Adds the members "escalation" and "holds".
 */
void
sitrep_interchange_add_workflow (JsonBuilder    *builder,
                                 SitrepIncident *incident)
{
  json_builder_set_member_name (builder, "escalation");
  if (sitrep_incident_get_team (incident) != NULL)
    {
      json_builder_begin_object (builder);
      add_text (builder, "team", sitrep_incident_get_team (incident));
      add_moment (builder, "assigned_at", sitrep_incident_get_team_assigned_at (incident));
      add_moment (builder, "resolved_at", sitrep_incident_get_team_resolved_at (incident));
      add_text (builder, "resolution", sitrep_incident_get_team_resolution (incident));
      json_builder_end_object (builder);
    }
  else
    {
      json_builder_add_null_value (builder);
    }

  json_builder_set_member_name (builder, "holds");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sitrep_incident_get_n_holds (incident); i++)
    {
      const SitrepHold *hold = sitrep_incident_get_hold (incident, i);

      json_builder_begin_object (builder);
      add_moment (builder, "started_at", hold->started_at);
      add_moment (builder, "ended_at", hold->ended_at);
      add_text (builder, "reason", hold->reason);
      add_text (builder, "author", hold->author);
      json_builder_set_member_name (builder, "pauses");
      json_builder_begin_array (builder);
      for (int kind = 0; kind < SITREP_N_DEADLINES; kind++)
        if (hold->pauses & SITREP_HOLD_PAUSES (kind))
          json_builder_add_string_value (builder,
                                         sitrep_enum_to_nick (SITREP_TYPE_DEADLINE_KIND, kind));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static gboolean
get_text (JsonObject  *object,
          const char  *path,
          const char  *member,
          gboolean     required,
          const char **value,
          GError     **error)
{
  JsonNode *node = sitrep_import_lookup (object, member);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      sitrep_import_set_invalid (error, path, member, "%s", _("required"));
      return FALSE;
    }

  if (!sitrep_import_is_string (node))
    {
      sitrep_import_set_invalid (error, path, member, "%s", _("must be a string"));
      return FALSE;
    }

  *value = json_node_get_string (node);
  if (sitrep_text_is_blank (*value))
    {
      if (required)
        {
          sitrep_import_set_invalid (error, path, member, "%s", _("must not be empty"));
          return FALSE;
        }
      *value = NULL;
    }

  return TRUE;
}

static gboolean
get_moment (JsonObject  *object,
            const char  *path,
            const char  *member,
            gboolean     required,
            gint64      *value,
            GError     **error)
{
  const char *text;

  *value = SITREP_TIME_NONE;
  if (!get_text (object, path, member, required, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  if (!sitrep_time_parse_rfc3339 (text, value, NULL))
    {
      sitrep_import_set_invalid (error, path, member, "%s",
                                 _("must be a string with an RFC 3339 time, "
                                   "such as 2026-03-01T09:30:00+08:00"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_escalation (JsonObject      *object,
                 const char      *path,
                 SitrepIncident  *incident,
                 GError         **error)
{
  JsonNode *node = sitrep_import_lookup (object, "escalation");
  g_autofree char *escalation_path = NULL;
  JsonObject *escalation;
  const char *team, *resolution;
  gint64 assigned_at, resolved_at;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      sitrep_import_set_invalid (error, path, "escalation", "%s",
                                 _("must be an object or null"));
      return FALSE;
    }

  escalation = json_node_get_object (node);
  escalation_path = path != NULL && *path != '\0' ? g_strconcat (path, ".escalation", NULL)
                                                  : g_strdup ("escalation");
  if (!get_text (escalation, escalation_path, "team", TRUE, &team, error) ||
      !get_moment (escalation, escalation_path, "assigned_at", TRUE, &assigned_at, error) ||
      !get_moment (escalation, escalation_path, "resolved_at", FALSE, &resolved_at, error) ||
      !get_text (escalation, escalation_path, "resolution", FALSE, &resolution, error))
    return FALSE;

  if (resolved_at != SITREP_TIME_NONE && resolved_at < assigned_at)
    {
      sitrep_import_set_invalid (error, escalation_path, "resolved_at", "%s",
                                 _("must not be before assigned_at"));
      return FALSE;
    }

  sitrep_incident_set_team (incident, team, assigned_at);
  sitrep_incident_set_team_resolved (incident, resolved_at, resolution);
  return TRUE;
}

static gboolean
read_hold (JsonObject      *object,
           const char      *path,
           SitrepIncident  *incident,
           gint64           previous_end,
           GError         **error)
{
  SitrepHold hold = { 0 };
  const char *reason, *author;
  JsonArray *pauses = NULL;

  if (!get_moment (object, path, "started_at", TRUE, &hold.started_at, error) ||
      !get_moment (object, path, "ended_at", FALSE, &hold.ended_at, error) ||
      !get_text (object, path, "reason", TRUE, &reason, error) ||
      !get_text (object, path, "author", FALSE, &author, error) ||
      !sitrep_import_read_array (object, path, "pauses", &pauses, error))
    return FALSE;

  if (hold.ended_at != SITREP_TIME_NONE && hold.ended_at < hold.started_at)
    {
      sitrep_import_set_invalid (error, path, "ended_at", "%s",
                                 _("must not be before started_at"));
      return FALSE;
    }

  /* holds follow one another: none begins before the previous one ended,
   * and only the last may still run */
  if (previous_end == G_MAXINT64 || hold.started_at < previous_end)
    {
      sitrep_import_set_invalid (error, path, "started_at", "%s",
                                 _("must not be before the previous hold ended"));
      return FALSE;
    }

  if (hold.started_at < sitrep_incident_get_reported_at (incident))
    {
      sitrep_import_set_invalid (error, path, "started_at", "%s",
                                 _("must not be before reported_at"));
      return FALSE;
    }

  for (guint i = 0; pauses != NULL && i < json_array_get_length (pauses); i++)
    {
      JsonNode *element = json_array_get_element (pauses, i);
      int kind;

      if (!sitrep_import_is_string (element) ||
          !sitrep_enum_from_nick (SITREP_TYPE_DEADLINE_KIND, json_node_get_string (element),
                                  &kind))
        {
          g_autofree char *member = g_strdup_printf ("pauses[%u]", i);

          sitrep_import_set_invalid (error, path, member, "%s",
                                     _("must be response, recovery or resolution"));
          return FALSE;
        }
      hold.pauses |= SITREP_HOLD_PAUSES (kind);
    }

  hold.reason = (char *) reason;
  hold.author = (char *) author;
  sitrep_incident_add_hold (incident, &hold);
  return TRUE;
}

/**
 * sitrep_interchange_read_workflow:
 * @object: the incident's object
 * @path: its path, such as "incidents[3]"
 * @incident: the incident read so far (its reported_at set)
 * @error: return location for a #GError
 *
 * Reads the members "escalation" and "holds", when present.
 *
 * Returns: %TRUE if they are valid or absent
 */
gboolean
sitrep_interchange_read_workflow (JsonObject      *object,
                                  const char      *path,
                                  SitrepIncident  *incident,
                                  GError         **error)
{
  JsonArray *holds = NULL;
  gint64 previous_end = SITREP_TIME_NONE;

  if (!read_escalation (object, path, incident, error) ||
      !sitrep_import_read_array (object, path, "holds", &holds, error))
    return FALSE;

  for (guint i = 0; holds != NULL && i < json_array_get_length (holds); i++)
    {
      g_autofree char *element_path = NULL;
      JsonObject *element = sitrep_import_array_object (holds, path, "holds", i,
                                                        &element_path, error);
      const SitrepHold *hold;

      if (element == NULL ||
          !read_hold (element, element_path, incident, previous_end, error))
        return FALSE;

      hold = sitrep_incident_get_hold (incident, sitrep_incident_get_n_holds (incident) - 1);
      previous_end = hold->ended_at != SITREP_TIME_NONE ? hold->ended_at : G_MAXINT64;
    }

  return TRUE;
}
