/* test-report.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sitrep-report.h"
#include "sitrep-report-render.h"
#include "sitrep-store.h"

/* The bridge call: a level-1 incident reported at 2026-03-14T02:00:05Z,
 * written up after the call, at 04:00:00Z. */
#define REPORTED G_GINT64_CONSTANT (1773453605)
#define NOW      (REPORTED + 2 * 3600 - 5)

typedef struct
{
  char        *dir;
  char        *path;
  SitrepClock *clock;
  SitrepStore *store;
} Fixture;

/* A dozen tagged entries of the bridge log, in the order they were typed
 * in after the call (not the order they happened), at times with seconds. */
static const struct
{
  gint64      offset;   /* seconds after REPORTED */
  const char *author;
  SitrepTag   tag;
  const char *text;
} bridge_log[] = {
  { 1517, "Wang Fang", SITREP_TAG_ACTION,    "Failed over payments to the standby cluster" },
  {   73, "Li Wei",    SITREP_TAG_CONDITION, "Card payments time out after 30 s" },
  { 3601, "Li Wei",    SITREP_TAG_NEED,      "Vendor engineer on site by 12:00" },
  {  412, "Li Wei",    SITREP_TAG_CONDITION, "Error rate 42 % on the payment gateway" },
  {  413, "Wang Fang", SITREP_TAG_ACTION,    "Paged the database on-call" },
  { 2222, "Li Wei",    SITREP_TAG_CONDITION, "Error rate down to 3 % after failover" },
  {  959, "Zhao Min",  SITREP_TAG_NEED,      "Approval for an emergency change" },
  {  894, "Zhao Min",  SITREP_TAG_ACTION,    "Restarted the connection pool on db-3" },
  { 4444, "Wang Fang", SITREP_TAG_ACTION,    "Rolled back the 1.42 release" },
  {  895, "Li Wei",    SITREP_TAG_CONDITION, "Connection pool exhausted on db-3" },
  { 5001, "Zhao Min",  SITREP_TAG_NEED,      "Customer notice approved by the service owner" },
  { 5999, "Li Wei",    SITREP_TAG_CONDITION, "Payments stable for 30 minutes" },
};

/* untagged entries, which a CAN report leaves out */
static const char *const untagged[] = {
  "Bridge opened, 14 people on the call",
  "Coffee ordered for the bridge",
};

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sitrep-report-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "sitrep.db", NULL);
  f->clock = sitrep_clock_new_fake (NOW);
  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
create_incident (Fixture *f,
                 int      level)
{
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(GError) error = NULL;

  sitrep_incident_set_title (incident, "Payment gateway timeouts");
  sitrep_incident_set_service (incident, "Payments");
  sitrep_incident_set_level (incident, level);
  sitrep_incident_set_occurred_at (incident, REPORTED - 600);
  sitrep_incident_set_reported_at (incident, REPORTED);
  sitrep_incident_set_symptoms (incident, "Card payments time out");
  g_assert_true (sitrep_store_create_incident (f->store, incident, "Li Wei", &error));
  g_assert_no_error (error);

  return sitrep_incident_get_id (incident);
}

static gint64
record_bridge_call (Fixture *f)
{
  gint64 id = create_incident (f, 1);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bridge_log); i++)
    {
      g_assert_true (sitrep_store_add_note (f->store, id, REPORTED + bridge_log[i].offset,
                                            bridge_log[i].author, bridge_log[i].tag,
                                            bridge_log[i].text, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (untagged); i++)
    {
      g_assert_true (sitrep_store_add_note (f->store, id, REPORTED + 100 + (gint64) i * 1000,
                                            "Li Wei", SITREP_TAG_NONE, untagged[i], &error));
      g_assert_no_error (error);
    }

  return id;
}

/* The bridge log's entries of one tag, in time order. */
static GArray *
expected_section (SitrepTag tag)
{
  GArray *indexes = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < G_N_ELEMENTS (bridge_log); i++)
    if (bridge_log[i].tag == tag)
      {
        guint at = 0;

        while (at < indexes->len &&
               bridge_log[g_array_index (indexes, guint, at)].offset < bridge_log[i].offset)
          at++;
        g_array_insert_val (indexes, at, i);
      }

  return indexes;
}

static char *
utc (gint64 time)
{
  return sitrep_report_format_utc (time);
}

static void
assert_members (JsonObject         *object,
                const char * const *names)
{
  g_autoptr(GList) members = json_object_get_members (object);
  guint n = 0;

  for (GList *l = members; l != NULL; l = l->next, n++)
    {
      g_assert_nonnull (names[n]);
      g_assert_cmpstr (l->data, ==, names[n]);
    }
  g_assert_null (names[n]);
}

static JsonObject *
parse_object (const char *text,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_can_bridge_call (Fixture       *f,
                      gconstpointer  data)
{
  static const SitrepTag tags[] = { SITREP_TAG_CONDITION, SITREP_TAG_ACTION, SITREP_TAG_NEED };
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) report = NULL;
  g_autofree char *text = NULL;
  g_autofree char *markdown = NULL;
  const char *last = NULL;
  gint64 id;

  id = record_bridge_call (f);

  report = sitrep_report_new_can (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpint (sitrep_report_get_kind (report), ==, SITREP_REPORT_KIND_CAN);

  for (guint t = 0; t < G_N_ELEMENTS (tags); t++)
    {
      GPtrArray *section = sitrep_report_get_section (report, tags[t]);
      g_autoptr(GArray) expected = expected_section (tags[t]);

      g_assert_cmpuint (section->len, ==, expected->len);
      for (guint i = 0; i < section->len; i++)
        {
          SitrepReportEntry *entry = g_ptr_array_index (section, i);
          guint k = g_array_index (expected, guint, i);

          g_assert_cmpint (entry->at, ==, REPORTED + bridge_log[k].offset);
          g_assert_cmpstr (entry->author, ==, bridge_log[k].author);
          g_assert_cmpstr (entry->text, ==, bridge_log[k].text);
          g_assert_cmpint (entry->tag, ==, tags[t]);
        }
    }

  /* The text: each entry in its section with its local time to the
   * second (Shanghai is UTC+8), in time order, nothing untagged. */
  text = sitrep_report_to_text (report);
  g_assert_nonnull (strstr (text, "CAN report — INC-1"));
  g_assert_nonnull (strstr (text, "Written by: Li Wei, Wang Fang, Zhao Min"));
  g_assert_nonnull (strstr (text, "Times in: CST (UTC+08:00)"));
  g_assert_nonnull (strstr (text, "Level: 1"));
  for (guint t = 0; t < G_N_ELEMENTS (tags); t++)
    {
      static const char *const headings[] = { "\nConditions\n", "\nActions\n", "\nNeeds\n" };
      g_autoptr(GArray) expected = expected_section (tags[t]);
      const char *section_start = strstr (text, headings[t]);

      g_assert_nonnull (section_start);
      g_assert_true (last == NULL || section_start > last);
      last = section_start;
      for (guint i = 0; i < expected->len; i++)
        {
          guint k = g_array_index (expected, guint, i);
          g_autoptr(GDateTime) dt =
            g_date_time_new_from_unix_local (REPORTED + bridge_log[k].offset);
          g_autofree char *at = g_date_time_format (dt, "%Y-%m-%d %H:%M:%S");
          g_autofree char *line = g_strdup_printf ("- %s — %s: %s\n", at, bridge_log[k].author,
                                                   bridge_log[k].text);
          const char *found = strstr (text, line);

          g_assert_nonnull (found);
          g_assert_true (found > last);
          last = found;
        }
    }
  /* the first condition at 10:01:18 local time */
  g_assert_nonnull (strstr (text, "- 2026-03-14 10:01:18 — Li Wei: Card payments time out"));
  for (guint i = 0; i < G_N_ELEMENTS (untagged); i++)
    g_assert_null (strstr (text, untagged[i]));

  markdown = sitrep_report_to_markdown (report);
  g_assert_true (g_str_has_prefix (markdown, "# CAN report — INC-1\n"));
  g_assert_nonnull (strstr (markdown, "\n## Conditions\n"));
  g_assert_nonnull (strstr (markdown, "- 2026-03-14 10:01:18 — Li Wei: Card payments time out"));
  for (guint i = 0; i < G_N_ELEMENTS (untagged); i++)
    g_assert_null (strstr (markdown, untagged[i]));

}

static void
test_can_json (Fixture       *f,
               gconstpointer  data)
{
  static const char *const top[] = { "report", "incident", "conditions", "actions", "needs",
                                     NULL };
  static const char *const item[] = { "at", "author", "text", NULL };
  static const struct {
    const char *member;
    SitrepTag tag;
  } sections[] = {
    { "conditions", SITREP_TAG_CONDITION },
    { "actions", SITREP_TAG_ACTION },
    { "needs", SITREP_TAG_NEED },
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) report = NULL;
  g_autofree char *json = NULL;
  JsonObject *root;
  gint64 id;

  id = record_bridge_call (f);
  report = sitrep_report_new_can (f->store, id, &error);
  g_assert_no_error (error);

  json = sitrep_report_to_json (report);
  root = parse_object (json, parser);
  assert_members (root, top);
  g_assert_cmpstr (json_object_get_string_member (root, "report"), ==, "can");
  g_assert_cmpstr (json_object_get_string_member (root, "incident"), ==, "INC-1");

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      JsonArray *array = json_object_get_array_member (root, sections[s].member);
      g_autoptr(GArray) expected = expected_section (sections[s].tag);

      g_assert_cmpuint (json_array_get_length (array), ==, expected->len);
      for (guint i = 0; i < expected->len; i++)
        {
          JsonObject *entry = json_array_get_object_element (array, i);
          guint k = g_array_index (expected, guint, i);
          g_autofree char *at = utc (REPORTED + bridge_log[k].offset);

          assert_members (entry, item);
          /* UTC with Z, to the second, whatever the desk's zone */
          g_assert_true (g_str_has_suffix (json_object_get_string_member (entry, "at"), "Z"));
          g_assert_cmpstr (json_object_get_string_member (entry, "at"), ==, at);
          g_assert_cmpstr (json_object_get_string_member (entry, "author"), ==,
                           bridge_log[k].author);
          g_assert_cmpstr (json_object_get_string_member (entry, "text"), ==,
                           bridge_log[k].text);
        }
    }

  /* the first condition: 02:00:05Z + 73 s */
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (
                       json_object_get_array_member (root, "conditions"), 0), "at"),
                   ==, "2026-03-14T02:01:18Z");

}

static void
test_can_untagged_only (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) report = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  JsonObject *root;
  gint64 id = create_incident (f, 2);

  g_assert_true (sitrep_store_add_note (f->store, id, REPORTED + 10, "Li Wei", SITREP_TAG_NONE,
                                        "Only an untagged note", &error));
  g_assert_no_error (error);

  report = sitrep_report_new_can (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  for (SitrepTag tag = SITREP_TAG_CONDITION; tag <= SITREP_TAG_NEED; tag++)
    g_assert_cmpuint (sitrep_report_get_section (report, tag)->len, ==, 0);

  json = sitrep_report_to_json (report);
  root = parse_object (json, parser);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "conditions")),
                    ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "actions")),
                    ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "needs")), ==, 0);

  text = sitrep_report_to_text (report);
  g_assert_nonnull (strstr (text, "Conditions\n----------\nNone recorded.\n"));
  g_assert_null (strstr (text, "Only an untagged note"));
}

static void
test_unknown_incident (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) can = NULL;
  g_autoptr(SitrepReport) final = NULL;

  can = sitrep_report_new_can (f->store, 4242, &error);
  g_assert_null (can);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  final = sitrep_report_new_final (f->store, 4242, &error);
  g_assert_null (final);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
}

static void
add_complaint (Fixture    *f,
               gint64      id,
               const char *ref,
               gboolean    attributed)
{
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();
  g_autoptr(GError) error = NULL;

  sitrep_complaint_set_ref (complaint, ref);
  sitrep_complaint_set_customer (complaint, "Customer");
  sitrep_complaint_set_received_at (complaint, REPORTED + 60);
  sitrep_complaint_set_summary (complaint, "Payment failed");
  sitrep_complaint_set_attributed (complaint, attributed);
  g_assert_true (sitrep_store_add_complaint (f->store, id, complaint, "Li Wei", &error));
  g_assert_no_error (error);
}

static gint64
record_resolved_incident (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 id = record_bridge_call (f);

  /* acknowledged after 4 min (response met), recovered at 1 h 40 min
   * after the fault began (recovery met: 2 h), resolved at 1 h 55 min */
  g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                          REPORTED + 240, "Li Wei", NULL, NULL, &error));
  g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_RECOVER,
                                          REPORTED + 5400, "Wang Fang", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_set_field (f->store, id, "root_cause",
                                         "Connection leak in release 1.42", "Wang Fang",
                                         &error));
  g_assert_true (sitrep_store_set_field (f->store, id, "cause_category", "software",
                                         "Wang Fang", &error));
  g_assert_true (sitrep_store_set_field (f->store, id, "resolution",
                                         "Release rolled back", "Wang Fang", &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_RESOLVE,
                                          REPORTED + 6300, "Li Wei", NULL, NULL, &error));
  g_assert_no_error (error);

  add_complaint (f, id, "C-1", TRUE);
  add_complaint (f, id, "C-2", TRUE);
  add_complaint (f, id, "C-3", FALSE);

  return id;
}

static void
test_final_report (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) report = NULL;
  g_autofree char *text = NULL;
  SitrepComplaintCounts counts;
  GPtrArray *events;
  gboolean seen_status = FALSE, seen_tagged = FALSE;
  gint64 id;

  id = record_resolved_incident (f);
  report = sitrep_report_new_final (f->store, id, &error);
  g_assert_no_error (error);

  events = sitrep_report_get_key_events (report);
  for (guint i = 0; i < events->len; i++)
    {
      SitrepReportEntry *entry = g_ptr_array_index (events, i);

      g_assert_true (entry->kind != SITREP_ENTRY_KIND_CREATED);
      g_assert_true (entry->kind != SITREP_ENTRY_KIND_FIELD);
      g_assert_true (entry->kind != SITREP_ENTRY_KIND_COMPLAINT);
      g_assert_true (entry->kind != SITREP_ENTRY_KIND_NOTE || entry->tag != SITREP_TAG_NONE);
      seen_status |= entry->kind == SITREP_ENTRY_KIND_STATUS;
      seen_tagged |= entry->kind == SITREP_ENTRY_KIND_NOTE;
      if (i > 0)
        g_assert_cmpint (entry->at, >=,
                         ((SitrepReportEntry *) g_ptr_array_index (events, i - 1))->at);
    }
  g_assert_true (seen_status);
  g_assert_true (seen_tagged);

  sitrep_report_count_complaints (report, &counts);
  g_assert_cmpuint (counts.received, ==, 3);
  g_assert_cmpuint (counts.attributed, ==, 2);
  g_assert_cmpuint (counts.not_attributed, ==, 0);
  g_assert_cmpuint (counts.not_analysed, ==, 1);

  sitrep_report_add_team (report, "Technical team", "Wang Fang", "The pool leaked connections.");
  sitrep_report_set_corrective_actions (report, "Add a leak test to the release checks.");

  text = sitrep_report_to_text (report);
  g_assert_nonnull (strstr (text, "Final report — INC-1"));
  g_assert_nonnull (strstr (text, "\nKey events\n"));
  g_assert_nonnull (strstr (text, "Fault began → reported: 10 min\n"));
  g_assert_nonnull (strstr (text, "Reported → acknowledged: 4 min\n"));
  g_assert_nonnull (strstr (text, "Acknowledged → recovered: 1 h 26 min\n"));
  g_assert_nonnull (strstr (text, "Recovered → resolved: 15 min\n"));
  g_assert_nonnull (strstr (text, "Attributed to this incident: 2\n"));
  g_assert_nonnull (strstr (text, "Not yet analysed: 1\n"));
  g_assert_nonnull (strstr (text, "Cause category: Software"));
  g_assert_nonnull (strstr (text, "Connection leak in release 1.42"));
  g_assert_nonnull (strstr (text, "Technical team (Wang Fang)\nThe pool leaked connections.\n"));
  g_assert_nonnull (strstr (text, "Add a leak test to the release checks."));
  g_assert_null (strstr (text, "Coffee ordered"));

}

static void
test_final_json (Fixture       *f,
                 gconstpointer  data)
{
  static const char *const top[] = { "report", "incident", "deadlines", "complaints",
                                     "root_cause", "cause_category", "teams",
                                     "corrective_actions", "lessons_learned", "key_events",
                                     "child_incidents", NULL };
  static const char *const deadline[] = { "due", "met_at", "state", NULL };
  static const char *const complaints[] = { "received", "attributed", "not_attributed",
                                            "not_analysed", "from_children", "customers",
                                            NULL };
  static const char *const team[] = { "team", "author", "text", NULL };
  static const char *const event[] = { "at", "kind", "text", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) report = NULL;
  g_autofree char *json = NULL;
  g_autofree char *response_met = utc (REPORTED + 240);
  JsonObject *root, *deadlines, *counts;
  JsonArray *events;
  gint64 id;

  id = record_resolved_incident (f);
  report = sitrep_report_new_final (f->store, id, &error);
  g_assert_no_error (error);
  sitrep_report_add_team (report, "Web team", "Chen Jie", "Status page updated.");

  json = sitrep_report_to_json (report);
  root = parse_object (json, parser);
  assert_members (root, top);
  g_assert_cmpstr (json_object_get_string_member (root, "report"), ==, "final");
  g_assert_cmpstr (json_object_get_string_member (root, "incident"), ==, "INC-1");

  deadlines = json_object_get_object_member (root, "deadlines");
  {
    static const char *const kinds[] = { "response", "recovery", "resolution", NULL };

    assert_members (deadlines, kinds);
    for (guint i = 0; kinds[i] != NULL; i++)
      {
        JsonObject *d = json_object_get_object_member (deadlines, kinds[i]);

        assert_members (d, deadline);
        g_assert_cmpstr (json_object_get_string_member (d, "state"), ==, "met");
        g_assert_true (g_str_has_suffix (json_object_get_string_member (d, "due"), "Z"));
      }
    g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (deadlines, "response"), "met_at"),
                     ==, response_met);
  }

  counts = json_object_get_object_member (root, "complaints");
  assert_members (counts, complaints);
  g_assert_cmpint (json_object_get_int_member (counts, "received"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (counts, "attributed"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (counts, "not_attributed"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "not_analysed"), ==, 1);

  g_assert_cmpstr (json_object_get_string_member (root, "root_cause"), ==,
                   "Connection leak in release 1.42");
  g_assert_cmpstr (json_object_get_string_member (root, "cause_category"), ==, "software");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "teams")), ==, 1);
  assert_members (json_array_get_object_element (json_object_get_array_member (root, "teams"), 0),
                  team);
  g_assert_true (json_object_get_null_member (root, "corrective_actions"));
  g_assert_true (json_object_get_null_member (root, "lessons_learned"));

  /* status changes (3) and the dozen tagged notes */
  events = json_object_get_array_member (root, "key_events");
  g_assert_cmpuint (json_array_get_length (events), ==, 3 + G_N_ELEMENTS (bridge_log));
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *e = json_array_get_object_element (events, i);

      assert_members (e, event);
      g_assert_true (g_str_has_suffix (json_object_get_string_member (e, "at"), "Z"));
    }

}

/* The final report is drafted from what the incident records: its fields,
 * its teams' sections, the verdicts of its complaints and the reports
 * sent before. */
static void
test_final_from_records (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) report = NULL;
  g_autoptr(GPtrArray) complaints = NULL;
  g_autofree char *text = NULL;
  SitrepComplaintCounts counts;
  SitrepReportTeam *team;
  GPtrArray *teams;
  GPtrArray *events;
  gboolean seen_report = FALSE;
  gint64 id;

  id = record_resolved_incident (f);
  g_assert_true (sitrep_store_set_field (f->store, id, "impact",
                                         "Card payments failed for 95 minutes", "Li Wei",
                                         &error));
  g_assert_true (sitrep_store_set_field (f->store, id, "affected_count", "1840", "Li Wei",
                                         &error));
  g_assert_true (sitrep_store_set_field (f->store, id, "corrective_actions",
                                         "Leak test in the release checks", "Li Wei", &error));
  g_assert_true (sitrep_store_set_field (f->store, id, "lessons_learned",
                                         "Roll back first, analyse after", "Li Wei", &error));
  g_assert_true (sitrep_store_set_team_section (f->store, id, "Technical team",
                                                "The pool leaked connections.", "Wang Fang",
                                                &error));
  g_assert_true (sitrep_store_set_team_section (f->store, id, "Web team",
                                                "Checkout showed an error page.", "Zhao Lei",
                                                &error));
  g_assert_no_error (error);

  complaints = sitrep_store_list_complaints (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_store_set_complaint_verdict (
    f->store, sitrep_complaint_get_id (g_ptr_array_index (complaints, 1)),
    SITREP_VERDICT_NOT_ATTRIBUTED, "A card expired", "Li Wei", &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_record_report (f->store, id, SITREP_REPORT_KIND_CAN, "mailed",
                                             "CAN report — INC-1\nConditions\n", "Li Wei",
                                             &error));
  g_assert_no_error (error);

  report = sitrep_report_new_final (f->store, id, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (sitrep_report_get_impact (report), ==, "Card payments failed for 95 minutes");
  g_assert_cmpint (sitrep_report_get_impact_count (report), ==, 1840);
  g_assert_cmpstr (sitrep_report_get_corrective_actions (report), ==,
                   "Leak test in the release checks");
  g_assert_cmpstr (sitrep_report_get_lessons_learned (report), ==,
                   "Roll back first, analyse after");

  teams = sitrep_report_get_teams (report);
  g_assert_cmpuint (teams->len, ==, 2);
  team = g_ptr_array_index (teams, 1);
  g_assert_cmpstr (team->team, ==, "Web team");
  g_assert_cmpstr (team->author, ==, "Zhao Lei");
  g_assert_cmpstr (team->text, ==, "Checkout showed an error page.");

  sitrep_report_count_complaints (report, &counts);
  g_assert_cmpuint (counts.received, ==, 3);
  g_assert_cmpuint (counts.attributed, ==, 1);
  g_assert_cmpuint (counts.not_attributed, ==, 1);
  g_assert_cmpuint (counts.not_analysed, ==, 1);

  /* the report sent is a key event, by its first line */
  events = sitrep_report_get_key_events (report);
  for (guint i = 0; i < events->len; i++)
    {
      SitrepReportEntry *entry = g_ptr_array_index (events, i);

      if (entry->kind == SITREP_ENTRY_KIND_REPORT)
        {
          g_assert_cmpstr (entry->text, ==, "CAN report mailed");
          seen_report = TRUE;
        }
    }
  g_assert_true (seen_report);

  text = sitrep_report_to_text (report);
  g_assert_nonnull (strstr (text, "Card payments failed for 95 minutes"));
  g_assert_nonnull (strstr (text, "1840"));
  g_assert_nonnull (strstr (text, "Web team (Zhao Lei)\nCheckout showed an error page.\n"));
  g_assert_nonnull (strstr (text, "Roll back first, analyse after"));
  g_assert_nonnull (strstr (text, "A card expired"));
  g_assert_nonnull (strstr (text, "CAN report mailed"));
}

int
main (int   argc,
      char *argv[])
{
  /* The desk is in Shanghai (UTC+8, no daylight saving time): local
   * times in the text differ from the UTC times in the JSON. Set before
   * any thread starts. */
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sitrep/report/can/bridge-call", test_can_bridge_call);
  ADD ("/sitrep/report/can/json", test_can_json);
  ADD ("/sitrep/report/can/untagged-only", test_can_untagged_only);
  ADD ("/sitrep/report/unknown-incident", test_unknown_incident);
  ADD ("/sitrep/report/final/text", test_final_report);
  ADD ("/sitrep/report/final/json", test_final_json);
  ADD ("/sitrep/report/final/from-records", test_final_from_records);

#undef ADD

  return g_test_run ();
}
