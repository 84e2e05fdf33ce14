/* sitrep-report-json.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "sitrep-enums.h"
#include "sitrep-report-render.h"

/*
 * The reports as JSON, in the shapes scripts rely on:
 *
 *   can:     {"report", "incident", "conditions", "actions", "needs"}
 *   final:   {"report", "incident", "deadlines", "complaints", "root_cause",
 *             "cause_category", "teams", "corrective_actions",
 *             "lessons_learned", "key_events"}
 *   monthly: {"report", "month", "reported", "by_level", "by_cause",
 *             "by_service", "deadlines", "minutes", "complaints", "previous"}
 *
 * Times are RFC 3339 in UTC with "Z", whatever the desk's time zone.
 */

/**
 * sitrep_report_format_utc:
 * @time: Unix seconds
 *
 * Returns: (transfer full): e.g. "2026-03-14T02:02:17Z"
 */
char *
sitrep_report_format_utc (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);

  if (dt == NULL)
    return g_strdup ("");
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          gint64       time)
{
  json_builder_set_member_name (builder, member);
  if (time != SITREP_TIME_NONE)
    {
      g_autofree char *text = sitrep_report_format_utc (time);

      json_builder_add_string_value (builder, text);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
}

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
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_entries (JsonBuilder *builder,
             const char  *member,
             GPtrArray   *entries,
             gboolean     with_kind)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      SitrepReportEntry *entry = g_ptr_array_index (entries, i);

      json_builder_begin_object (builder);
      add_time (builder, "at", entry->at);
      if (with_kind)
        add_string (builder, "kind", sitrep_enum_to_nick (SITREP_TYPE_ENTRY_KIND, entry->kind));
      else
        add_string (builder, "author", entry->author);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, entry->text != NULL ? entry->text : "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_can (JsonBuilder  *builder,
           SitrepReport *report)
{
  add_entries (builder, "conditions", sitrep_report_get_section (report, SITREP_TAG_CONDITION),
               FALSE);
  add_entries (builder, "actions", sitrep_report_get_section (report, SITREP_TAG_ACTION), FALSE);
  add_entries (builder, "needs", sitrep_report_get_section (report, SITREP_TAG_NEED), FALSE);
}

static void
build_final (JsonBuilder  *builder,
             SitrepReport *report)
{
  SitrepIncident *incident = sitrep_report_get_incident (report);
  const SitrepDeadline *deadlines = sitrep_report_get_deadlines (report);
  GPtrArray *teams = sitrep_report_get_teams (report);
  SitrepCause cause = sitrep_incident_get_cause_category (incident);
  SitrepComplaintCounts counts;

  /* as in the export: due, met_at and state per clock */
  json_builder_set_member_name (builder, "deadlines");
  json_builder_begin_object (builder);
  for (guint i = 0; i < SITREP_N_DEADLINES; i++)
    {
      json_builder_set_member_name (builder,
                                    sitrep_enum_to_nick (SITREP_TYPE_DEADLINE_KIND, (int) i));
      json_builder_begin_object (builder);
      add_time (builder, "due", deadlines[i].due);
      add_time (builder, "met_at", deadlines[i].met_at);
      add_string (builder, "state",
                  sitrep_enum_to_nick (SITREP_TYPE_DEADLINE_STATE, deadlines[i].state));
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  sitrep_report_count_complaints (report, &counts);
  json_builder_set_member_name (builder, "complaints");
  json_builder_begin_object (builder);
  add_int (builder, "received", counts.received);
  add_int (builder, "attributed", counts.attributed);
  add_int (builder, "not_attributed", counts.not_attributed);
  add_int (builder, "not_analysed", counts.not_analysed);
  /* a major incident's counts include its children's complaints */
  add_int (builder, "from_children", counts.from_children);
  add_int (builder, "customers", counts.customers);
  json_builder_end_object (builder);

  add_string (builder, "root_cause", sitrep_incident_get_root_cause (incident));
  add_string (builder, "cause_category",
              cause != SITREP_CAUSE_NONE ? sitrep_enum_to_nick (SITREP_TYPE_CAUSE, cause) : NULL);

  json_builder_set_member_name (builder, "teams");
  json_builder_begin_array (builder);
  for (guint i = 0; i < teams->len; i++)
    {
      SitrepReportTeam *team = g_ptr_array_index (teams, i);

      json_builder_begin_object (builder);
      add_string (builder, "team", team->team);
      add_string (builder, "author", team->author);
      add_string (builder, "text", team->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_string (builder, "corrective_actions", sitrep_report_get_corrective_actions (report));
  add_string (builder, "lessons_learned", sitrep_report_get_lessons_learned (report));
  add_entries (builder, "key_events", sitrep_report_get_key_events (report), TRUE);

  /* the keys of a major incident's children, whose complaints it counts */
  json_builder_set_member_name (builder, "child_incidents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sitrep_report_get_children (report)->len; i++)
    json_builder_add_string_value (builder,
                                   g_ptr_array_index (sitrep_report_get_children (report), i));
  json_builder_end_array (builder);
}

static void
add_counts (JsonBuilder *builder,
            const char  *member,
            GPtrArray   *counts,
            const char  *null_name)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  for (guint i = 0; i < counts->len; i++)
    {
      SitrepMonthlyCount *count = g_ptr_array_index (counts, i);

      add_int (builder, count->name != NULL ? count->name : null_name, count->count);
    }
  json_builder_end_object (builder);
}

/* The figures of one month: the members of the monthly shape after
 * "report" (and, for the month itself, before "previous"). */
static void
build_month (JsonBuilder         *builder,
             const SitrepMonthly *monthly)
{
  g_autofree char *month = g_strdup_printf ("%04d-%02d", monthly->year, monthly->month);
  static const char *const minutes[SITREP_N_DEADLINES] = { "acknowledge", "recover", "resolve" };

  add_string (builder, "month", month);
  add_int (builder, "reported", monthly->reported);

  json_builder_set_member_name (builder, "by_level");
  json_builder_begin_object (builder);
  for (int level = SITREP_LEVEL_MIN; level <= SITREP_LEVEL_MAX; level++)
    {
      char name[2] = { (char) ('0' + level), '\0' };

      add_int (builder, name, monthly->by_level[level - 1]);
    }
  json_builder_end_object (builder);

  /* an incident not yet categorised counts under "none"; the services
   * beyond the top ten under "other" */
  add_counts (builder, "by_cause", monthly->by_cause, "none");
  add_counts (builder, "by_service", monthly->by_service, "other");

  json_builder_set_member_name (builder, "deadlines");
  json_builder_begin_object (builder);
  for (guint clock = 0; clock < SITREP_N_DEADLINES; clock++)
    {
      const gint64 *c = monthly->clocks[clock];
      double compliance;

      json_builder_set_member_name (builder,
                                    sitrep_enum_to_nick (SITREP_TYPE_DEADLINE_KIND, (int) clock));
      json_builder_begin_object (builder);
      add_int (builder, "met", c[SITREP_CLOCK_OUTCOME_MET]);
      add_int (builder, "met_late", c[SITREP_CLOCK_OUTCOME_MET_LATE]);
      add_int (builder, "breached", c[SITREP_CLOCK_OUTCOME_BREACHED]);
      add_int (builder, "pending", c[SITREP_CLOCK_OUTCOME_PENDING]);
      add_int (builder, "not_applicable", c[SITREP_CLOCK_OUTCOME_NOT_APPLICABLE]);
      json_builder_set_member_name (builder, "compliance");
      if (sitrep_monthly_get_compliance (monthly, clock, &compliance))
        json_builder_add_double_value (builder, compliance);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "minutes");
  json_builder_begin_object (builder);
  for (guint clock = 0; clock < SITREP_N_DEADLINES; clock++)
    {
      json_builder_set_member_name (builder, minutes[clock]);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "mean");
      if (monthly->minutes_count[clock] > 0)
        json_builder_add_double_value (builder, monthly->minutes_mean[clock]);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "p90");
      if (monthly->minutes_count[clock] > 0)
        json_builder_add_double_value (builder, monthly->minutes_p90[clock]);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "complaints");
  json_builder_begin_object (builder);
  add_int (builder, "received", monthly->complaints_received);
  add_int (builder, "attributed", monthly->complaints_attributed);
  json_builder_end_object (builder);
}

/**
 * sitrep_report_to_json:
 * @self: a #SitrepReport
 *
 * Returns: (transfer full): the report as pretty-printed JSON
 */
char *
sitrep_report_to_json (SitrepReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  static const char *const names[] = { "can", "final", "monthly" };
  SitrepReportKind kind;

  g_return_val_if_fail (SITREP_IS_REPORT (self), NULL);

  kind = sitrep_report_get_kind (self);
  json_builder_begin_object (builder);
  add_string (builder, "report", names[kind]);

  if (kind == SITREP_REPORT_KIND_MONTHLY)
    {
      build_month (builder, sitrep_report_get_monthly (self));
      json_builder_set_member_name (builder, "previous");
      json_builder_begin_object (builder);
      build_month (builder, sitrep_report_get_previous (self));
      json_builder_end_object (builder);
    }
  else
    {
      add_string (builder, "incident",
                  sitrep_incident_get_key (sitrep_report_get_incident (self)));
      if (kind == SITREP_REPORT_KIND_CAN)
        build_can (builder, self);
      else
        build_final (builder, self);
    }

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  return json_generator_to_data (generator, NULL);
}
