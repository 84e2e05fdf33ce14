/* sitrep-interchange-export.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enums.h"
#include "sitrep-interchange-private.h"
#include "sitrep-time.h"

G_DEFINE_QUARK (sitrep-export-error-quark, sitrep_export_error)

/*
 * Writing the JSON interchange format: one incident at a time, so that a
 * large database never sits in memory as one tree.
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
  json_builder_set_member_name (builder, member);
  /* Stored times were checked by check_times(); what is left are computed
   * deadlines past the year 9999, which no RFC 3339 time can spell. */
  if (sitrep_time_is_valid (time))
    {
      g_autofree char *text = sitrep_time_format_rfc3339 (time);

      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_null_value (builder);
}

/* A correction names the entry it corrects by its position in the same
 * timeline (ids are the database's own); the store lists a correction
 * after the entry it corrects. */
static void
add_corrects (JsonBuilder         *builder,
              GPtrArray           *timeline,
              guint                index,
              SitrepTimelineEntry *entry)
{
  gint64 corrects = sitrep_timeline_entry_get_corrects (entry);

  if (corrects <= 0)
    return;

  for (guint i = index; i-- > 0;)
    if (sitrep_timeline_entry_get_id (g_ptr_array_index (timeline, i)) == corrects)
      {
        json_builder_set_member_name (builder, "corrects");
        json_builder_add_int_value (builder, i);
        return;
      }
}

static void
add_nick (JsonBuilder *builder,
          const char  *member,
          GType        type,
          int          value,
          int          none)
{
  json_builder_set_member_name (builder, member);
  if (value != none)
    json_builder_add_string_value (builder, sitrep_enum_to_nick (type, value));
  else
    json_builder_add_null_value (builder);
}

static void
add_deadlines (JsonBuilder          *builder,
               const SitrepDeadline  deadlines[SITREP_N_DEADLINES])
{
  json_builder_begin_object (builder);
  for (guint i = 0; i < SITREP_N_DEADLINES; i++)
    {
      const SitrepDeadline *d = &deadlines[i];

      json_builder_set_member_name (builder,
                                    sitrep_enum_to_nick (SITREP_TYPE_DEADLINE_KIND, d->kind));
      json_builder_begin_object (builder);
      add_time (builder, "due", d->due);
      add_time (builder, "met_at", d->met_at);
      add_nick (builder, "state", SITREP_TYPE_DEADLINE_STATE, d->state, -1);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

/**
 * sitrep_interchange_deadlines_to_json:
 * @deadlines: an incident's deadlines, as sitrep_sla_compute_deadlines()
 *   gives them
 *
 * Builds the `deadlines` object of the interchange format:
 * `{"response": {"due", "met_at", "state"}, "recovery": …, "resolution": …}`
 * with RFC 3339 times (null when unset) and the state's name (`pending`,
 * `warning`, `breached`, `met`, `met-late`).
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
sitrep_interchange_deadlines_to_json (const SitrepDeadline deadlines[SITREP_N_DEADLINES])
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (deadlines != NULL, NULL);

  add_deadlines (builder, deadlines);
  return json_builder_get_root (builder);
}

/**
 * sitrep_interchange_incident_to_json:
 * @incident: an incident
 * @complaints: (element-type SitrepComplaint) (nullable): its complaints
 * @timeline: (element-type SitrepTimelineEntry) (nullable): its timeline
 * @teams: (element-type SitrepTeamSection) (nullable): its final report's
 *   team sections
 * @policy: the SLA policy its deadlines follow
 * @now: the moment at which the deadlines' states are evaluated
 *
 * Builds one element of the interchange format's `incidents` array, with
 * the members in the format's order and its computed `deadlines`.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
sitrep_interchange_incident_to_json (SitrepIncident *incident,
                                     GPtrArray      *complaints,
                                     GPtrArray      *timeline,
                                     GPtrArray      *teams,
                                     SitrepPolicy   *policy,
                                     gint64          now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  SitrepDeadline deadlines[SITREP_N_DEADLINES];

  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), NULL);
  g_return_val_if_fail (SITREP_IS_POLICY (policy), NULL);

  json_builder_begin_object (builder);

  add_string (builder, "key", sitrep_incident_get_key (incident));
  add_string (builder, "title", sitrep_incident_get_title (incident));
  add_string (builder, "service", sitrep_incident_get_service (incident));
  json_builder_set_member_name (builder, "level");
  json_builder_add_int_value (builder, sitrep_incident_get_level (incident));
  add_nick (builder, "status", SITREP_TYPE_STATUS, sitrep_incident_get_status (incident), -1);

  json_builder_set_member_name (builder, "reporter");
  json_builder_begin_object (builder);
  add_string (builder, "name", sitrep_incident_get_reporter_name (incident));
  add_string (builder, "contact", sitrep_incident_get_reporter_contact (incident));
  add_nick (builder, "channel", SITREP_TYPE_CHANNEL,
            sitrep_incident_get_reporter_channel (incident), -1);
  json_builder_end_object (builder);

  add_string (builder, "symptoms", sitrep_incident_get_symptoms (incident));
  add_string (builder, "details", sitrep_incident_get_details (incident));
  add_time (builder, "occurred_at", sitrep_incident_get_occurred_at (incident));
  add_time (builder, "reported_at", sitrep_incident_get_reported_at (incident));
  add_time (builder, "acknowledged_at", sitrep_incident_get_acknowledged_at (incident));
  add_time (builder, "recovered_at", sitrep_incident_get_recovered_at (incident));
  add_time (builder, "resolved_at", sitrep_incident_get_resolved_at (incident));
  add_time (builder, "transferred_at", sitrep_incident_get_transferred_at (incident));
  add_string (builder, "transferred_to", sitrep_incident_get_transferred_to (incident));
  add_time (builder, "closed_at", sitrep_incident_get_closed_at (incident));
  add_time (builder, "cancelled_at", sitrep_incident_get_cancelled_at (incident));
  add_string (builder, "owner", sitrep_incident_get_owner (incident));
  add_nick (builder, "cause_category", SITREP_TYPE_CAUSE,
            sitrep_incident_get_cause_category (incident), SITREP_CAUSE_NONE);
  add_string (builder, "root_cause", sitrep_incident_get_root_cause (incident));
  add_string (builder, "resolution", sitrep_incident_get_resolution (incident));
  add_string (builder, "impact", sitrep_incident_get_impact (incident));
  json_builder_set_member_name (builder, "affected_count");
  if (sitrep_incident_get_affected_count (incident) >= 0)
    json_builder_add_int_value (builder, sitrep_incident_get_affected_count (incident));
  else
    json_builder_add_null_value (builder);
  add_string (builder, "corrective_actions", sitrep_incident_get_corrective_actions (incident));
  add_string (builder, "lessons_learned", sitrep_incident_get_lessons_learned (incident));

  json_builder_set_member_name (builder, "teams");
  json_builder_begin_array (builder);
  for (guint i = 0; teams != NULL && i < teams->len; i++)
    {
      SitrepTeamSection *section = g_ptr_array_index (teams, i);

      json_builder_begin_object (builder);
      add_string (builder, "team", section->team);
      add_string (builder, "author", section->author);
      add_string (builder, "text", section->text);
      add_time (builder, "updated_at", section->updated_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  sitrep_interchange_add_workflow (builder, incident);

  json_builder_set_member_name (builder, "complaints");
  json_builder_begin_array (builder);
  for (guint i = 0; complaints != NULL && i < complaints->len; i++)
    {
      SitrepComplaint *complaint = g_ptr_array_index (complaints, i);

      json_builder_begin_object (builder);
      add_string (builder, "ref", sitrep_complaint_get_ref (complaint));
      add_string (builder, "customer", sitrep_complaint_get_customer (complaint));
      add_time (builder, "received_at", sitrep_complaint_get_received_at (complaint));
      add_string (builder, "summary", sitrep_complaint_get_summary (complaint));
      add_nick (builder, "verdict", SITREP_TYPE_VERDICT,
                sitrep_complaint_get_verdict (complaint), -1);
      add_string (builder, "reason", sitrep_complaint_get_verdict_reason (complaint));
      add_nick (builder, "channel", SITREP_TYPE_CHANNEL,
                sitrep_complaint_get_channel (complaint), -1);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "timeline");
  json_builder_begin_array (builder);
  for (guint i = 0; timeline != NULL && i < timeline->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (timeline, i);
      const char *text = sitrep_timeline_entry_get_text (entry);

      json_builder_begin_object (builder);
      add_time (builder, "occurred_at", sitrep_timeline_entry_get_occurred_at (entry));
      add_time (builder, "recorded_at", sitrep_timeline_entry_get_recorded_at (entry));
      add_string (builder, "author", sitrep_timeline_entry_get_author (entry));
      add_nick (builder, "kind", SITREP_TYPE_ENTRY_KIND,
                sitrep_timeline_entry_get_kind (entry), -1);
      add_nick (builder, "tag", SITREP_TYPE_TAG,
                sitrep_timeline_entry_get_tag (entry), SITREP_TAG_NONE);
      /* The text is always a string, if an empty one. */
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, text != NULL ? text : "");
      add_string (builder, "detail", sitrep_timeline_entry_get_detail (entry));
      add_corrects (builder, timeline, i, entry);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  sitrep_sla_compute_deadlines (incident, policy, now, deadlines);
  json_builder_set_member_name (builder, "deadlines");
  add_deadlines (builder, deadlines);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
check_time (const char  *key,
            const char  *where,
            const char  *member,
            gint64       time,
            GError     **error)
{
  g_autofree char *seconds = NULL;

  if (time == SITREP_TIME_NONE || sitrep_time_is_valid (time))
    return TRUE;

  /* the number is formatted apart: a 64-bit format cannot be translated */
  seconds = g_strdup_printf ("%" G_GINT64_FORMAT, time);
  g_set_error (error, SITREP_EXPORT_ERROR, SITREP_EXPORT_ERROR_INVALID_TIME,
               /* Translators: the first %s is a key such as INC-7, the second and third
                * name a time such as “timeline[2].” and “occurred_at”; the fourth is
                * a number of Unix seconds. Keep the limits as they are. */
               _("%s: %s%s is %s in Unix time, outside 1970-01-01T00:00:01Z "
                 "to 9999-12-31T23:59:59Z, so it cannot be exported"),
               key, where, member, seconds);
  return FALSE;
}

/* An export that import could not read back is no export: every stored
 * time must be one that sitrep_time_parse_rfc3339() accepts. */
static gboolean
check_times (SitrepIncident  *incident,
             GPtrArray       *complaints,
             GPtrArray       *timeline,
             GError         **error)
{
  const char *key = sitrep_incident_get_key (incident);
  const struct {
    const char *member;
    gint64      time;
  } times[] = {
    { "occurred_at",     sitrep_incident_get_occurred_at (incident) },
    { "reported_at",     sitrep_incident_get_reported_at (incident) },
    { "acknowledged_at", sitrep_incident_get_acknowledged_at (incident) },
    { "recovered_at",    sitrep_incident_get_recovered_at (incident) },
    { "resolved_at",     sitrep_incident_get_resolved_at (incident) },
    { "transferred_at",  sitrep_incident_get_transferred_at (incident) },
    { "closed_at",       sitrep_incident_get_closed_at (incident) },
    { "cancelled_at",    sitrep_incident_get_cancelled_at (incident) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    if (!check_time (key, "", times[i].member, times[i].time, error))
      return FALSE;

  for (guint i = 0; i < complaints->len; i++)
    {
      g_autofree char *where = g_strdup_printf ("complaints[%u].", i);

      if (!check_time (key, where, "received_at",
                       sitrep_complaint_get_received_at (g_ptr_array_index (complaints, i)),
                       error))
        return FALSE;
    }

  for (guint i = 0; i < timeline->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (timeline, i);
      g_autofree char *where = g_strdup_printf ("timeline[%u].", i);

      if (!check_time (key, where, "occurred_at", sitrep_timeline_entry_get_occurred_at (entry),
                       error) ||
          !check_time (key, where, "recorded_at", sitrep_timeline_entry_get_recorded_at (entry),
                       error))
        return FALSE;
    }

  return TRUE;
}

/* The document without its incidents: format, version, policy, contacts. */
static JsonNode *
build_head (SitrepPolicy  *policy,
            GPtrArray     *contacts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, SITREP_INTERCHANGE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, SITREP_INTERCHANGE_VERSION);

  json_builder_set_member_name (builder, "policy");
  json_builder_begin_array (builder);
  for (int level = SITREP_LEVEL_MIN; level <= SITREP_LEVEL_MAX; level++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "level");
      json_builder_add_int_value (builder, level);
      for (guint w = 0; w < SITREP_N_POLICY_WINDOWS; w++)
        {
          json_builder_set_member_name (builder, sitrep_interchange_policy_members[w]);
          json_builder_add_int_value (builder, sitrep_policy_get_minutes (policy, level, w));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  sitrep_interchange_add_rules (builder, policy);

  json_builder_set_member_name (builder, "contacts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < contacts->len; i++)
    {
      SitrepContact *contact = g_ptr_array_index (contacts, i);

      json_builder_begin_object (builder);
      add_string (builder, "name", sitrep_contact_get_name (contact));
      add_nick (builder, "role", SITREP_TYPE_ROLE, sitrep_contact_get_role (contact), -1);
      add_string (builder, "email", sitrep_contact_get_email (contact));
      add_string (builder, "phone", sitrep_contact_get_phone (contact));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Appends @text to @out with @indent after each line break, which places a
 * pretty-printed value at a deeper level. JSON strings never hold a raw
 * line break, so only the layout moves. */
static void
append_indented (GString    *out,
                 const char *text,
                 const char *indent)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      g_string_append_c (out, *p);
      if (*p == '\n')
        g_string_append (out, indent);
    }
}

static gboolean
write_string (GOutputStream  *out,
              GString        *text,
              GCancellable   *cancellable,
              GError        **error)
{
  gboolean ok = g_output_stream_write_all (out, text->str, text->len, NULL, cancellable, error);

  g_string_truncate (text, 0);
  return ok;
}

/* The ids of all incidents, ordered by the number in their key. */
static GArray *
list_ids_by_key (SitrepStore  *store,
                 GError      **error)
{
  const SitrepQuery query = {
    .filter = SITREP_LIST_FILTER_ALL,
    .sort = SITREP_LIST_SORT_KEY,
    .text = NULL,
    .me = NULL,
  };
  GArray *ids = sitrep_store_query (store, &query, error);

  if (ids == NULL)
    return NULL;

  /* The ticket list sorts the highest key first; keys are unique, so the
   * reverse is exactly ascending. */
  for (guint i = 0, j = ids->len; i + 1 < j; i++, j--)
    {
      gint64 swap = g_array_index (ids, gint64, i);

      g_array_index (ids, gint64, i) = g_array_index (ids, gint64, j - 1);
      g_array_index (ids, gint64, j - 1) = swap;
    }

  return ids;
}

/* Writes the document; the caller holds a read snapshot of the store. */
static gboolean
export_snapshot (SitrepStore    *store,
                 GOutputStream  *out,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) head = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *head_text = NULL;
  g_autoptr(SitrepPolicy) policy = NULL;
  gsize head_len;
  gint64 now;

  now = sitrep_clock_get_now (sitrep_store_get_clock (store));
  policy = sitrep_store_get_policy (store);

  contacts = sitrep_store_list_contacts (store, error);
  if (contacts == NULL)
    return FALSE;

  ids = list_ids_by_key (store, error);
  if (ids == NULL)
    return FALSE;

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  /* The head is written as an object whose closing brace is replaced by
   * the incidents array. */
  head = build_head (policy, contacts);
  json_generator_set_root (generator, head);
  head_text = json_generator_to_data (generator, &head_len);
  g_assert (head_len >= 2 && g_str_has_suffix (head_text, "\n}"));

  text = g_string_new_len (head_text, head_len - 2);
  g_string_append (text, ",\n  \"incidents\" : [");

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(SitrepIncident) incident = NULL;
      g_autoptr(GPtrArray) complaints = NULL;
      g_autoptr(GPtrArray) timeline = NULL;
      g_autoptr(GPtrArray) teams = NULL;
      g_autoptr(GPtrArray) links = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *incident_text = NULL;

      incident = sitrep_store_get_incident (store, id, error);
      if (incident == NULL)
        return FALSE;
      complaints = sitrep_store_list_complaints (store, id, error);
      if (complaints == NULL)
        return FALSE;
      timeline = sitrep_store_list_timeline (store, id, error);
      if (timeline == NULL)
        return FALSE;

      teams = sitrep_store_list_team_sections (store, id, error);
      if (teams == NULL)
        return FALSE;

      if (!check_times (incident, complaints, timeline, error))
        return FALSE;

      links = sitrep_store_list_made_links (store, id, error);
      if (links == NULL)
        return FALSE;

      node = sitrep_interchange_incident_to_json (incident, complaints, timeline, teams, policy,
                                                  now);
      sitrep_interchange_add_links (node, links);
      json_generator_set_root (generator, node);
      incident_text = json_generator_to_data (generator, NULL);

      g_string_append (text, i == 0 ? "\n    " : ",\n    ");
      append_indented (text, incident_text, "    ");

      if (!write_string (out, text, cancellable, error))
        return FALSE;
    }

  g_string_append (text, ids->len > 0 ? "\n  ]\n}\n" : "]\n}\n");

  return write_string (out, text, cancellable, error);
}

/**
 * sitrep_interchange_export:
 * @store: a #SitrepStore
 * @out: the stream to write to
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the whole database as a JSON interchange document:
 * `{"format": "sitrep", "version": 1, "policy": […], "contacts": […],
 * "incidents": […]}` with every incident in the order of its key number,
 * its complaints and timeline in stored order, and its `deadlines` as they
 * stand at the store clock's now. The output is pretty-printed with a
 * stable member order and ends with a line break, so that exporting,
 * importing into an empty database and exporting again gives the same
 * bytes.
 *
 * A stored time outside the range of sitrep_time_is_valid() (which no
 * import since that range was enforced can have stored) fails with
 * %SITREP_EXPORT_ERROR_INVALID_TIME naming the incident and the time,
 * rather than writing a document that import would refuse. What was
 * written to @out before that is incomplete.
 *
 * Incidents are read and written one at a time: memory does not grow with
 * the size of the database. Everything is read from one snapshot, so a
 * program writing to the database meanwhile cannot make the document mix
 * two states. @out is not closed.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_interchange_export (SitrepStore    *store,
                           GOutputStream  *out,
                           GCancellable   *cancellable,
                           GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (SITREP_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!sitrep_store_begin_snapshot (store, error))
    return FALSE;

  ok = export_snapshot (store, out, cancellable, error);
  sitrep_store_end_snapshot (store);

  return ok;
}
