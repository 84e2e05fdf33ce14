/* test-interchange-export.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sitrep-enums.h"
#include "sitrep-sla.h"
#include "sitrep-time.h"
#include "test-interchange-common.h"

/* Exporting: a round trip reproduces the same bytes, and each incident's
 * computed deadlines and times are written as the format says. */

static void
test_round_trip_samples (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autoptr(SitrepImportResult) result = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "sitrep-samples.json", NULL);
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  result = import_text (fixture->store, text, FALSE);
  assert_round_trip (fixture, "samples");
}

static void
test_round_trip_fixture (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SitrepImportResult) result = import_data_file (fixture->store, "round-trip.json",
                                                            FALSE);
  g_autofree char *text = NULL;

  g_assert_cmpuint (result->imported, ==, 4);
  assert_round_trip (fixture, "fixture");

  /* Ordered by key number, not as the document listed them. */
  text = export_text (fixture->store);
  g_assert_true (strstr (text, "\"INC-3\"") < strstr (text, "\"INC-7\""));
  g_assert_true (strstr (text, "\"INC-7\"") < strstr (text, "\"INC-12\""));
  g_assert_true (strstr (text, "\"INC-12\"") < strstr (text, "\"INC-100\""));
}

/* A document of many incidents made up from a fixed seed. */
static char *
generate_document (guint n_incidents)
{
  static const char *statuses[] = {
    "new", "acknowledged", "recovered", "resolved", "transferred", "closed", "cancelled",
  };
  static const char *channels[] = { "hotline", "email", "monitoring", "other" };
  static const char *causes[] = { "network", "hardware", "software", "data", "unknown" };
  static const char *kinds[] = { "note", "created", "status", "level", "owner", "field",
                                 "notice", "alert", "complaint" };
  static const char *tags[] = { "condition", "action", "need" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261121);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "sitrep");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "incidents");
  json_builder_begin_array (builder);

  for (guint i = 0; i < n_incidents; i++)
    {
      gint64 reported = NOW - g_rand_int_range (rand, 0, 200) * DAY -
                        g_rand_int_range (rand, 0, DAY);
      gint64 occurred = reported - g_rand_int_range (rand, 0, 6 * 3600);
      int status = g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses));
      g_autofree char *key = g_strdup_printf ("INC-%u", 1 + (i * 7919) % (n_incidents * 3));
      g_autofree char *occurred_text = sitrep_time_format_rfc3339 (occurred);
      g_autofree char *reported_text = sitrep_time_format_rfc3339 (reported);
      gint64 t = reported;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, key);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, g_rand_boolean (rand) ? "Outage" : "Slow «pages»");
      json_builder_set_member_name (builder, "service");
      json_builder_add_string_value (builder, g_rand_boolean (rand) ? "Mail" : "Portal");
      json_builder_set_member_name (builder, "level");
      json_builder_add_int_value (builder, g_rand_int_range (rand, 1, 4));
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, statuses[status]);
      json_builder_set_member_name (builder, "reporter");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "channel");
      json_builder_add_string_value (builder, channels[g_rand_int_range (rand, 0, 4)]);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "occurred_at");
      json_builder_add_string_value (builder, occurred_text);
      json_builder_set_member_name (builder, "reported_at");
      json_builder_add_string_value (builder, reported_text);

      /* The milestones up to the status, in order. */
      for (int s = 1; s <= status && s <= 5; s++)
        {
          static const char *members[] = { NULL, "acknowledged_at", "recovered_at",
                                           "resolved_at", "transferred_at", "closed_at" };
          g_autofree char *text = NULL;

          if ((s == 3 && status == 4) || (s == 4 && status != 4) || status == 6)
            continue;
          t += g_rand_int_range (rand, 1, 48 * 3600);
          text = sitrep_time_format_rfc3339 (t);
          json_builder_set_member_name (builder, members[s]);
          json_builder_add_string_value (builder, text);
          if (s == 4)
            {
              json_builder_set_member_name (builder, "transferred_to");
              json_builder_add_string_value (builder, "Problem management");
            }
        }
      if (status == 6)
        {
          g_autofree char *text = sitrep_time_format_rfc3339 (reported + 600);

          json_builder_set_member_name (builder, "cancelled_at");
          json_builder_add_string_value (builder, text);
        }
      if (g_rand_boolean (rand))
        {
          json_builder_set_member_name (builder, "cause_category");
          json_builder_add_string_value (builder, causes[g_rand_int_range (rand, 0, 5)]);
        }

      if (g_rand_boolean (rand))
        {
          g_autofree char *updated = sitrep_time_format_rfc3339 (reported + 3600);

          json_builder_set_member_name (builder, "impact");
          json_builder_add_string_value (builder, "Orders «lost»\nfor an hour");
          json_builder_set_member_name (builder, "affected_count");
          json_builder_add_int_value (builder, g_rand_int_range (rand, 0, 100000));
          json_builder_set_member_name (builder, "corrective_actions");
          json_builder_add_string_value (builder, "Alert on certificate expiry");
          json_builder_set_member_name (builder, "lessons_learned");
          json_builder_add_string_value (builder, "Renewals in the change calendar");
          json_builder_set_member_name (builder, "teams");
          json_builder_begin_array (builder);
          for (int team = g_rand_int_range (rand, 0, 3); team > 0; team--)
            {
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "team");
              json_builder_add_string_value (builder, team == 1 ? "Web team" : "Technical team");
              json_builder_set_member_name (builder, "author");
              json_builder_add_string_value (builder, "王芳");
              json_builder_set_member_name (builder, "text");
              json_builder_add_string_value (builder, "What we saw, \"quoted\"");
              json_builder_set_member_name (builder, "updated_at");
              json_builder_add_string_value (builder, updated);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
        }

      json_builder_set_member_name (builder, "complaints");
      json_builder_begin_array (builder);
      for (int c = g_rand_int_range (rand, 0, 3); c > 0; c--)
        {
          g_autofree char *text = sitrep_time_format_rfc3339 (reported + c * 60);

          static const char *verdicts[] = { "not-analysed", "attributed", "not-attributed" };
          int verdict = g_rand_int_range (rand, 0, 4);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "received_at");
          json_builder_add_string_value (builder, text);
          /* the old boolean, or the verdict with its reason and channel */
          if (verdict == 3)
            {
              json_builder_set_member_name (builder, "attributed");
              json_builder_add_boolean_value (builder, g_rand_boolean (rand));
            }
          else
            {
              json_builder_set_member_name (builder, "verdict");
              json_builder_add_string_value (builder, verdicts[verdict]);
              json_builder_set_member_name (builder, "reason");
              json_builder_add_string_value (builder, "Billing, not the outage");
              json_builder_set_member_name (builder, "channel");
              json_builder_add_string_value (builder, channels[g_rand_int_range (rand, 0, 4)]);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      json_builder_set_member_name (builder, "timeline");
      json_builder_begin_array (builder);
      for (int e = g_rand_int_range (rand, 0, 6); e > 0; e--)
        {
          g_autofree char *text = sitrep_time_format_rfc3339 (reported + e * 300);
          int kind = g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds));

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "occurred_at");
          json_builder_add_string_value (builder, text);
          json_builder_set_member_name (builder, "author");
          json_builder_add_string_value (builder, "Generator");
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, kinds[kind]);
          if (kind == 0)
            {
              json_builder_set_member_name (builder, "tag");
              json_builder_add_string_value (builder, tags[g_rand_int_range (rand, 0, 3)]);
            }
          json_builder_set_member_name (builder, "text");
          json_builder_add_string_value (builder, "Entry \"quoted\"\n second line");
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
test_round_trip_generated (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *text = generate_document (300);
  g_autoptr(SitrepImportResult) result = import_text (fixture->store, text, FALSE);

  g_assert_cmpuint (result->imported, ==, 300);
  assert_round_trip (fixture, "generated");
}

static void
test_empty_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *text = export_text (fixture->store);

  g_assert_nonnull (strstr (text, "\"incidents\" : []\n}\n"));
  assert_round_trip (fixture, "empty");
}

static JsonObject *
find_exported_incident (JsonNode   *root,
                        const char *key)
{
  JsonArray *incidents = json_object_get_array_member (json_node_get_object (root), "incidents");

  for (guint i = 0; i < json_array_get_length (incidents); i++)
    {
      JsonObject *incident = json_array_get_object_element (incidents, i);

      if (g_str_equal (json_object_get_string_member (incident, "key"), key))
        return incident;
    }

  g_assert_not_reached ();
}

static void
assert_deadline (JsonObject *incident,
                 const char *kind,
                 const char *due,
                 const char *met_at,
                 const char *state)
{
  JsonObject *deadlines = json_object_get_object_member (incident, "deadlines");
  JsonObject *deadline = json_object_get_object_member (deadlines, kind);
  JsonNode *met = json_object_get_member (deadline, "met_at");

  g_assert_cmpstr (json_object_get_string_member (deadline, "due"), ==, due);
  if (met_at == NULL)
    g_assert_true (JSON_NODE_HOLDS_NULL (met));
  else
    g_assert_cmpstr (json_node_get_string (met), ==, met_at);
  g_assert_cmpstr (json_object_get_string_member (deadline, "state"), ==, state);
}

static void
test_deadlines (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "sitrep-samples.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(SitrepImportResult) result = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(SitrepPolicy) policy = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *node_text = NULL;
  g_autoptr(GError) error = NULL;
  SitrepDeadline deadlines[SITREP_N_DEADLINES];
  JsonObject *unreported, *raised;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  result = import_text (fixture->store, text, FALSE);

  /* Evaluated at the store clock's now. */
  exported = export_text (fixture->store);
  json_parser_load_from_data (parser, exported, -1, &error);
  g_assert_no_error (error);

  /* The outage nobody reported for four hours: response and recovery met
   * late, resolution in time. */
  unreported = find_exported_incident (json_parser_get_root (parser), "INC-1");
  assert_deadline (unreported, "response",
                   "2026-08-13T22:20:00+00:00", "2026-08-13T22:45:00+00:00", "met-late");
  assert_deadline (unreported, "recovery",
                   "2026-08-13T20:10:00+00:00", "2026-08-14T00:30:00+00:00", "met-late");
  assert_deadline (unreported, "resolution",
                   "2026-08-20T22:10:00+00:00", "2026-08-17T10:00:00+00:00", "met");

  /* Raised from level 2 to level 1: under level-1 deadlines at once, so
   * the acknowledgement 15 minutes in was late. */
  raised = find_exported_incident (json_parser_get_root (parser), "INC-6");
  assert_deadline (raised, "response",
                   "2026-11-19T02:15:00+00:00", "2026-11-19T02:20:00+00:00", "met-late");
  assert_deadline (raised, "recovery", "2026-11-19T02:30:00+00:00", NULL, "breached");
  assert_deadline (raised, "resolution", "2026-11-26T02:05:00+00:00", NULL, "pending");

  /* Three days later, past 75 % of its seven days. */
  sitrep_clock_set_now (fixture->clock, NOW + 3 * DAY);
  g_clear_pointer (&exported, g_free);
  exported = export_text (fixture->store);
  json_parser_load_from_data (parser, exported, -1, &error);
  g_assert_no_error (error);
  raised = find_exported_incident (json_parser_get_root (parser), "INC-6");
  assert_deadline (raised, "resolution", "2026-11-26T02:05:00+00:00", NULL, "warning");

  /* The same object on its own, as `sitrep --status --json` prints it. */
  incident = sitrep_store_find_incident (fixture->store, "INC-6", &error);
  g_assert_no_error (error);
  policy = sitrep_store_get_policy (fixture->store);
  sitrep_sla_compute_deadlines (incident, policy, NOW + 3 * DAY, deadlines);
  node = sitrep_interchange_deadlines_to_json (deadlines);
  json_generator_set_root (generator, node);
  node_text = json_generator_to_data (generator, NULL);
  g_assert_cmpstr (node_text, ==,
                   "{\"response\":{\"due\":\"2026-11-19T02:15:00+00:00\","
                   "\"met_at\":\"2026-11-19T02:20:00+00:00\",\"state\":\"met-late\"},"
                   "\"recovery\":{\"due\":\"2026-11-19T02:30:00+00:00\",\"met_at\":null,"
                   "\"state\":\"breached\"},"
                   "\"resolution\":{\"due\":\"2026-11-26T02:05:00+00:00\",\"met_at\":null,"
                   "\"state\":\"warning\"}}");
}

/* A policy without a deadline window is refused where it stands in the
 * file, before the database is touched, like any other invalid value. */
static void
test_policy_zero_window (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char document[] =
    "{\"format\": \"sitrep\", \"version\": 1, \"policy\": ["
    " {\"level\": 2, \"response_min\": 30, \"recovery_min\": 360,"
    "  \"resolution_min\": 28800, \"initial_notice_min\": 0, \"progress_notice_min\": 0},"
    " {\"level\": 1, \"response_min\": 0, \"recovery_min\": 120,"
    "  \"resolution_min\": 10080, \"initial_notice_min\": 30, \"progress_notice_min\": 60}"
    "], \"incidents\": []}";
  g_autoptr(SitrepImportResult) result = NULL;
  g_autoptr(SitrepPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (sitrep_interchange_import_data (fixture->store, document, -1, FALSE,
                                                  &result, &error));
  g_assert_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message,
                                   "policy[1].response_min: must be a number of minutes "
                                   "from 1 to "));
  g_assert_null (result);

  policy = sitrep_store_get_policy (fixture->store);
  g_assert_cmpint (sitrep_policy_get_minutes (policy, 1, SITREP_POLICY_WINDOW_RESPONSE), ==, 10);
  g_assert_cmpint (sitrep_policy_get_minutes (policy, 2, SITREP_POLICY_WINDOW_INITIAL_NOTICE),
                   ==, 30);
}

/* Stores @incident as an import would, without the importer's checks. */
static void
store_directly (SitrepStore     *store,
                SitrepIncident  *incident,
                GPtrArray       *timeline)
{
  g_autoptr(GPtrArray) complaints = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gboolean skipped = FALSE;

  g_assert_true (sitrep_store_import_begin (store, &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_import_incident (store, incident, timeline, complaints, FALSE,
                                               &skipped, &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_import_commit (store, &error));
  g_assert_no_error (error);
}

static SitrepIncident *
new_incident (const char *key,
              gint64      reported_at)
{
  SitrepIncident *incident = sitrep_incident_new ();

  sitrep_incident_set_key (incident, key);
  sitrep_incident_set_title (incident, "Card payments declined");
  sitrep_incident_set_service (incident, "Payments gateway");
  sitrep_incident_set_level (incident, 1);
  sitrep_incident_set_status (incident, SITREP_STATUS_NEW);
  sitrep_incident_set_reported_at (incident, reported_at);
  sitrep_incident_set_occurred_at (incident, reported_at);
  return incident;
}

/* A database written before the time range was enforced can hold a time
 * past 9999-12-31T23:59:59Z, which was exported as "" and so could not be
 * imported again. The export now refuses, naming the incident. */
static void
test_export_invalid_time (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(SitrepIncident) good = new_incident ("INC-1", NOW - DAY);
  g_autoptr(SitrepIncident) late = new_incident ("INC-2", NOW - DAY);
  g_autoptr(SitrepIncident) entry_late = new_incident ("INC-3", NOW - DAY);
  g_autoptr(SitrepTimelineEntry) entry = sitrep_timeline_entry_new ();
  g_autoptr(GPtrArray) timeline = g_ptr_array_new ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  store_directly (fixture->store, good, NULL);
  sitrep_incident_set_status (late, SITREP_STATUS_ACKNOWLEDGED);
  sitrep_incident_set_acknowledged_at (late, SITREP_TIME_MAX + 59);
  store_directly (fixture->store, late, NULL);

  g_assert_false (sitrep_interchange_export (fixture->store, out, NULL, &error));
  g_assert_error (error, SITREP_EXPORT_ERROR, SITREP_EXPORT_ERROR_INVALID_TIME);
  g_assert_cmpstr (error->message, ==,
                   "INC-2: acknowledged_at is 253402300858 in Unix time, outside "
                   "1970-01-01T00:00:01Z to 9999-12-31T23:59:59Z, so it cannot be exported");
  g_clear_error (&error);

  /* A timeline entry is named by its place. */
  sitrep_incident_set_status (late, SITREP_STATUS_NEW);
  sitrep_incident_set_acknowledged_at (late, SITREP_TIME_NONE);
  sitrep_store_import_begin (fixture->store, &error);
  g_assert_no_error (error);
  sitrep_timeline_entry_set_kind (entry, SITREP_ENTRY_KIND_NOTE);
  sitrep_timeline_entry_set_text (entry, "Before the epoch");
  sitrep_timeline_entry_set_occurred_at (entry, -3600);
  sitrep_timeline_entry_set_recorded_at (entry, NOW - DAY);
  g_ptr_array_add (timeline, entry);
  g_assert_true (sitrep_store_import_incident (fixture->store, late, NULL, NULL, TRUE, NULL,
                                               &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_import_commit (fixture->store, &error));
  g_assert_no_error (error);
  store_directly (fixture->store, entry_late, timeline);

  g_clear_object (&out);
  out = g_memory_output_stream_new_resizable ();
  g_assert_false (sitrep_interchange_export (fixture->store, out, NULL, &error));
  g_assert_error (error, SITREP_EXPORT_ERROR, SITREP_EXPORT_ERROR_INVALID_TIME);
  g_assert_true (g_str_has_prefix (error->message, "INC-3: timeline[0].occurred_at is -3600 "));
}

/* The last second Sitrep can store exports and reads back; deadlines
 * that would fall past it are written as null. */
static void
test_export_last_second (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SitrepIncident) incident = new_incident ("INC-1", SITREP_TIME_MAX - 60);
  g_autofree char *text = NULL;

  store_directly (fixture->store, incident, NULL);
  text = export_text (fixture->store);
  g_assert_nonnull (strstr (text, "\"reported_at\" : \"9999-12-31T23:58:59+00:00\""));
  g_assert_nonnull (strstr (text, "\"due\" : null"));
  g_assert_null (strstr (text, "\"\""));
  assert_round_trip (fixture, "last-second");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("policy-zero-window", test_policy_zero_window);
  ADD ("round-trip/samples", test_round_trip_samples);
  ADD ("round-trip/fixture", test_round_trip_fixture);
  ADD ("round-trip/generated", test_round_trip_generated);
  ADD ("round-trip/empty", test_empty_database);
  ADD ("deadlines", test_deadlines);
  ADD ("export/invalid-time", test_export_invalid_time);
  ADD ("export/last-second", test_export_last_second);

  return g_test_run ();
}
