/* test-interchange.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sitrep-enums.h"
#include "sitrep-interchange.h"
#include "sitrep-sla.h"
#include "sitrep-store.h"
#include "sitrep-time.h"

/* 2026-11-21T12:00:00Z */
#define NOW G_GINT64_CONSTANT (1795262400)
#define DAY (24 * 60 * 60)

typedef struct
{
  char        *dir;
  SitrepClock *clock;
  SitrepStore *store;
} Fixture;

static SitrepStore *
open_store (Fixture    *fixture,
            const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  SitrepStore *store;

  store = sitrep_store_open (path, fixture->clock, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sitrep-interchange-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->clock = sitrep_clock_new_fake (NOW);
  fixture->store = open_store (fixture, "sitrep.db");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  g_clear_object (&fixture->clock);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static char *
read_data (const char *name,
           gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static char *
export_text (SitrepStore *store)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  char nul = '\0';

  g_assert_true (sitrep_interchange_export (store, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, &nul, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static SitrepImportResult *
import_text (SitrepStore *store,
             const char  *text,
             gboolean     replace)
{
  g_autoptr(GError) error = NULL;
  SitrepImportResult *result = NULL;

  g_assert_true (sitrep_interchange_import_data (store, text, -1, replace, &result, &error));
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static SitrepImportResult *
import_data_file (SitrepStore *store,
                  const char  *name,
                  gboolean     replace)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  SitrepImportResult *result = NULL;

  sitrep_interchange_import_file (store, path, replace, &result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static gint64
find_id (SitrepStore *store,
         const char  *key)
{
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GError) error = NULL;

  incident = sitrep_store_find_incident (store, key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (incident);
  return sitrep_incident_get_id (incident);
}

/* Export → import into an empty database → export gives the same bytes. */
static void
assert_round_trip (Fixture    *fixture,
                   const char *name)
{
  g_autoptr(SitrepStore) second = NULL;
  g_autoptr(SitrepImportResult) result = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  g_autofree char *db = g_strconcat ("copy-", name, ".db", NULL);

  first_text = export_text (fixture->store);
  g_assert_true (g_str_has_prefix (first_text,
                                   "{\n  \"format\" : \"sitrep\",\n  \"version\" : 1,\n"));
  g_assert_true (g_str_has_suffix (first_text, "}\n"));

  second = open_store (fixture, db);
  result = import_text (second, first_text, FALSE);
  g_assert_cmpuint (result->skipped->len, ==, 0);

  second_text = export_text (second);
  g_assert_cmpstr (second_text, ==, first_text);
}

/* ---------------------------------------------------------------------- */

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  /* Each document and the start of the message it must fail with: the
   * path of the first offending value. */
  static const struct {
    const char *file;
    int         code;
    const char *message;
  } cases[] = {
    { "bad-not-json.json", SITREP_IMPORT_ERROR_MALFORMED, "Not valid JSON at line 1, column " },
    { "bad-truncated.json", SITREP_IMPORT_ERROR_MALFORMED,
      "Not valid JSON at line 84, column 16: a string is not closed" },
    { "bad-syntax-in-incident.json", SITREP_IMPORT_ERROR_MALFORMED,
      "Not valid JSON at line 113, column" },
    { "bad-missing-comma.json", SITREP_IMPORT_ERROR_MALFORMED,
      "Not valid JSON at line 82, column 5: expected “,” or “]”" },
    { "bad-trailing-text.json", SITREP_IMPORT_ERROR_MALFORMED,
      "Not valid JSON at line 166, column 1: more text after the end of the document" },
    { "bad-empty.json", SITREP_IMPORT_ERROR_MALFORMED, "The document is empty" },
    { "bad-top-array.json", SITREP_IMPORT_ERROR_INVALID, "The document must be a JSON object" },
    { "bad-format-missing.json", SITREP_IMPORT_ERROR_INVALID, "format: must be \"sitrep\"" },
    { "bad-format-wrong.json", SITREP_IMPORT_ERROR_INVALID, "format: must be \"sitrep\"" },
    { "bad-version-2.json", SITREP_IMPORT_ERROR_INVALID,
      "version: 2 is not supported (this Sitrep reads version 1)" },
    { "bad-incidents-object.json", SITREP_IMPORT_ERROR_INVALID, "incidents: must be an array" },
    { "bad-incident-not-object.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[2]: must be an object" },
    { "bad-level-0.json", SITREP_IMPORT_ERROR_INVALID, "incidents[1].level: must be 1, 2 or 3" },
    { "bad-level-4.json", SITREP_IMPORT_ERROR_INVALID, "incidents[0].level: must be 1, 2 or 3" },
    { "bad-level-fraction.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[0].level: must be 1, 2 or 3" },
    { "bad-level-string.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[2].level: must be a number" },
    { "bad-status-unknown.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[2].status: \"open\" is not one of new, acknowledged, recovered, resolved, "
      "transferred, closed, cancelled" },
    { "bad-channel-unknown.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[0].reporter.channel: \"fax\" is not one of hotline, email, monitoring, other" },
    { "bad-cause-unknown.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[1].cause_category: \"cosmic-rays\" is not one of network, hardware, software, "
      "data, unknown" },
    { "bad-time-string.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[0].reported_at: \"yesterday\" is not an RFC 3339 time with an offset" },
    { "bad-time-no-offset.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[1].acknowledged_at: \"2026-11-02T09:10:00\" is not an RFC 3339 time" },
    { "bad-occurred-after-reported.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[0].occurred_at: after reported_at" },
    { "bad-acknowledged-before-reported.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[1].acknowledged_at: before reported_at" },
    { "bad-status-time-missing.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[1].resolved_at: required when the status is resolved" },
    { "bad-transferred-to-missing.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[0].transferred_to: required when transferred_at is set" },
    { "bad-title-missing.json", SITREP_IMPORT_ERROR_INVALID, "incidents[1].title: required" },
    { "bad-service-empty.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[2].service: must not be empty" },
    { "bad-key-duplicate.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[2].key: \"INC-1\" appears twice" },
    { "bad-key-number-only.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[0].key: \"7\" is not a key of the form INC-<number>" },
    { "bad-key-letters.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[1].key: \"INC-x\" is not a key of the form INC-<number>" },
    { "bad-timeline-tag.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[0].timeline[1].tag: \"decision\" is not one of condition, action, need" },
    { "bad-timeline-kind.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[0].timeline[0].kind: \"comment\" is not one of note, created, status, level, "
      "owner, field, notice, alert, complaint" },
    { "bad-timeline-time-missing.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[2].timeline[0].occurred_at: required" },
    { "bad-complaint-attributed.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[1].complaints[0].attributed: must be true or false" },
    { "bad-policy-level-5.json", SITREP_IMPORT_ERROR_INVALID,
      "policy[1].level: must be 1, 2 or 3" },
    { "bad-policy-negative.json", SITREP_IMPORT_ERROR_INVALID,
      "policy[0].recovery_min: must be a number of minutes from 1 to" },
    { "bad-contact-role.json", SITREP_IMPORT_ERROR_INVALID,
      "contacts[1].role: \"manager\" is not one of service-owner, om-team, rnd-leader, "
      "incident-manager, om-engineer, developer, executive, supervisor" },
    /* What json-glib reads but would silently change: a NUL cuts a string
     * short, and of a member given twice the last one wins. */
    { "bad-nul-key.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[0].key: holds a NUL character" },
    { "bad-nul-title.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[1].title: holds a NUL character" },
    { "bad-nul-raw.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[0].timeline[1].text: holds a NUL character" },
    { "bad-member-duplicate.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[0].key: the member is given twice" },
    { "bad-member-escaped.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[1].service: the member is given twice" },
    { "bad-member-deep.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[0].timeline[1].text: the member is given twice" },
    { "bad-version-twice.json", SITREP_IMPORT_ERROR_INVALID,
      "version: the member is given twice" },
    { "bad-incidents-twice.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents: the member is given twice" },
    /* json-glib reads these as bytes that are not UTF-8, which an export
     * then cannot write back. */
    { "bad-escape-invalid.json", SITREP_IMPORT_ERROR_MALFORMED,
      "Not valid JSON at line 26, column 21: “\\u” must be followed by four hex digits" },
    { "bad-surrogate-lone.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[0].title: holds half of a UTF-16 surrogate pair" },
    /* Times an export could not write back. */
    { "bad-time-after-9999.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[1].reported_at: \"9999-12-31T23:59:59-00:01\" is outside "
      "1970-01-01T00:00:01Z to 9999-12-31T23:59:59Z" },
    { "bad-time-epoch.json", SITREP_IMPORT_ERROR_INVALID,
      "incidents[0].acknowledged_at: \"1970-01-01T00:00:00Z\" is outside" },
    /* Nesting that json-glib's recursive parser must never see. */
    { "bad-deep-timeline.json", SITREP_IMPORT_ERROR_TOO_LARGE,
      "incidents[1].timeline: nested deeper than 64 levels" },
    /* 100,000 levels: json-glib's recursion crashed on these */
    { "bad-deep-document.json", SITREP_IMPORT_ERROR_TOO_LARGE,
      "The document: nested deeper than 64 levels" },
    { "bad-deep-incident.json", SITREP_IMPORT_ERROR_TOO_LARGE,
      "incidents[0].details: nested deeper than 64 levels" },
  };
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;

  /* One incident already stored, made without the importer. */
  sitrep_incident_set_title (incident, "Printer queue stuck");
  sitrep_incident_set_service (incident, "Office printing");
  sitrep_incident_set_level (incident, 3);
  sitrep_incident_set_reported_at (incident, NOW - DAY);
  sitrep_incident_set_occurred_at (incident, NOW - DAY);
  sitrep_store_create_incident (fixture->store, incident, "Ruth Adeyemi", &error);
  g_assert_no_error (error);

  before = export_text (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *after = NULL;
      g_autoptr(SitrepImportResult) result = NULL;
      gsize length;

      g_test_message ("%s", cases[i].file);
      text = read_data (cases[i].file, &length);

      g_assert_false (sitrep_interchange_import_data (fixture->store, text, length, TRUE,
                                                      &result, &error));
      g_assert_error (error, SITREP_IMPORT_ERROR, cases[i].code);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("%s: expected “%s…”, got “%s”", cases[i].file, cases[i].message,
                 error->message);
      g_assert_null (result);
      g_clear_error (&error);

      after = export_text (fixture->store);
      g_assert_cmpstr (after, ==, before);
    }

  /* A valid document of the same shape imports, so the corpus fails for
   * the reason named and no other. */
  g_clear_pointer (&before, g_free);
  {
    g_autoptr(SitrepImportResult) result = import_data_file (fixture->store, "valid-small.json",
                                                              TRUE);

    g_assert_cmpuint (result->imported + result->replaced, ==, 3);
  }
}

static void
test_malformed_stream (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad-not-json.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) error = NULL;

  in = g_file_read (file, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (sitrep_interchange_import (fixture->store, G_INPUT_STREAM (in), FALSE, NULL,
                                             NULL, &error));
  g_assert_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "Not valid JSON at line 1, column "));
  g_assert_cmpint (sitrep_store_count_incidents (fixture->store), ==, 0);
}

static void
test_unreadable_file (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.json", NULL);
  g_autofree char *empty = g_build_filename (fixture->dir, "empty.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (sitrep_interchange_import_file (fixture->store, missing, FALSE, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  g_file_set_contents (empty, "", 0, &error);
  g_assert_no_error (error);
  g_assert_false (sitrep_interchange_import_file (fixture->store, empty, FALSE, NULL, &error));
  g_assert_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_MALFORMED);
  g_assert_cmpint (sitrep_store_count_incidents (fixture->store), ==, 0);
}

static void
test_samples (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(SitrepImportResult) result = NULL;
  g_autoptr(GPtrArray) complaints = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(SitrepIncident) raised = NULL;
  g_autoptr(GError) error = NULL;
  guint attributed = 0, not_attributed = 0, by_email = 0, notes = 0, open = 0;

  /* The samples are installed from data/. */
  path = g_test_build_filename (G_TEST_DIST, "..", "data", "sitrep-samples.json", NULL);
  file = g_file_new_for_path (path);
  in = g_file_read (file, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (sitrep_interchange_import (fixture->store, G_INPUT_STREAM (in), FALSE, &result,
                                            NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (result->imported, ==, 7);
  g_assert_cmpuint (result->replaced, ==, 0);
  g_assert_cmpuint (result->skipped->len, ==, 0);
  g_assert_cmpuint (result->contacts, ==, 8);
  g_assert_true (result->policy);
  g_assert_cmpint (sitrep_store_count_incidents (fixture->store), ==, 7);

  /* Every role is on the roster. */
  contacts = sitrep_store_list_contacts (fixture->store, &error);
  g_assert_no_error (error);
  for (int role = SITREP_ROLE_SERVICE_OWNER; role <= SITREP_ROLE_SUPERVISOR; role++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < contacts->len; i++)
        found |= sitrep_contact_get_role (g_ptr_array_index (contacts, i)) == (SitrepRole) role;
      g_assert_true (found);
    }

  /* The keys are kept. */
  for (int n = 1; n <= 7; n++)
    {
      g_autofree char *key = g_strdup_printf ("INC-%d", n);
      g_autoptr(SitrepIncident) incident = sitrep_store_find_incident (fixture->store, key,
                                                                       &error);

      g_assert_no_error (error);
      g_assert_cmpstr (sitrep_incident_get_key (incident), ==, key);
      if (sitrep_status_is_open (sitrep_incident_get_status (incident)))
        open++;
    }
  g_assert_cmpuint (open, >=, 2);

  /* The ticket-execution failure: 30 complaints, 23 of them attributed. */
  complaints = sitrep_store_list_complaints (fixture->store, find_id (fixture->store, "INC-2"),
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpuint (complaints->len, ==, 30);
  for (guint i = 0; i < complaints->len; i++)
    {
      SitrepComplaint *complaint = g_ptr_array_index (complaints, i);

      attributed += sitrep_complaint_get_attributed (complaint);
      not_attributed += sitrep_complaint_get_verdict (complaint) == SITREP_VERDICT_NOT_ATTRIBUTED;
      if (sitrep_complaint_get_verdict (complaint) == SITREP_VERDICT_NOT_ATTRIBUTED)
        g_assert_false (sitrep_text_is_blank (sitrep_complaint_get_verdict_reason (complaint)));
      by_email += sitrep_complaint_get_channel (complaint) == SITREP_CHANNEL_EMAIL;
    }
  g_assert_cmpuint (attributed, ==, 23);
  g_assert_cmpuint (not_attributed, ==, 4);
  g_assert_cmpuint (by_email, >, 0);

  /* The release outage has a complete final report. */
  {
    gint64 inc3 = find_id (fixture->store, "INC-3");
    g_autoptr(SitrepIncident) incident = sitrep_store_get_incident (fixture->store, inc3, &error);
    g_autoptr(GPtrArray) teams = sitrep_store_list_team_sections (fixture->store, inc3, &error);

    g_assert_no_error (error);
    g_assert_cmpint (sitrep_incident_get_status (incident), ==, SITREP_STATUS_RESOLVED);
    g_assert_false (sitrep_text_is_blank (sitrep_incident_get_impact (incident)));
    g_assert_cmpint (sitrep_incident_get_affected_count (incident), >, 0);
    g_assert_false (sitrep_text_is_blank (sitrep_incident_get_corrective_actions (incident)));
    g_assert_false (sitrep_text_is_blank (sitrep_incident_get_lessons_learned (incident)));
    g_assert_cmpuint (teams->len, ==, 2);
    g_assert_cmpstr (((SitrepTeamSection *) g_ptr_array_index (teams, 0))->team, ==,
                     "Technical team");
    g_assert_cmpstr (((SitrepTeamSection *) g_ptr_array_index (teams, 1))->team, ==, "Web team");
  }

  /* The bridge-call log of the release outage, in order. */
  timeline = sitrep_store_list_timeline (fixture->store, find_id (fixture->store, "INC-3"),
                                         &error);
  g_assert_no_error (error);
  for (guint i = 0; i < timeline->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (timeline, i);

      if (sitrep_timeline_entry_get_kind (entry) == SITREP_ENTRY_KIND_NOTE)
        {
          notes++;
          g_assert_cmpint (sitrep_timeline_entry_get_tag (entry), !=, SITREP_TAG_NONE);
        }
      if (i > 0)
        {
          SitrepTimelineEntry *previous = g_ptr_array_index (timeline, i - 1);

          g_assert_cmpint (sitrep_timeline_entry_get_occurred_at (entry), >=,
                           sitrep_timeline_entry_get_occurred_at (previous));
        }
    }
  g_assert_cmpuint (notes, >=, 12);

  /* The data inconsistency was raised from level 2 to level 1. */
  raised = sitrep_store_find_incident (fixture->store, "INC-6", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_incident_get_level (raised), ==, 1);
  g_assert_true (sitrep_status_is_open (sitrep_incident_get_status (raised)));
}

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

static void
test_skip_and_replace (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(SitrepImportResult) first = NULL;
  g_autoptr(SitrepImportResult) skipped = NULL;
  g_autoptr(SitrepImportResult) replaced = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GPtrArray) timeline_before = NULL;
  g_autoptr(GPtrArray) timeline_after = NULL;
  g_autoptr(GString) changed = NULL;
  g_autofree char *text = read_data ("valid-small.json", NULL);
  g_autofree char *after_skip = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  first = import_text (fixture->store, text, FALSE);
  g_assert_cmpuint (first->imported, ==, 3);
  id = find_id (fixture->store, "INC-1");
  timeline_before = sitrep_store_list_timeline (fixture->store, id, &error);
  g_assert_no_error (error);
  before = export_text (fixture->store);

  /* The same document with a new title and a new incident. */
  changed = g_string_new (text);
  g_string_replace (changed, "\"Card payments declined\"", "\"Card payments failing\"", 0);
  g_string_replace (changed, "\"INC-3\"", "\"INC-30\"", 0);

  skipped = import_text (fixture->store, changed->str, FALSE);
  g_assert_cmpuint (skipped->imported, ==, 1);
  g_assert_cmpuint (skipped->replaced, ==, 0);
  g_assert_cmpuint (skipped->skipped->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (skipped->skipped, 0), ==, "INC-1");
  g_assert_cmpstr (g_ptr_array_index (skipped->skipped, 1), ==, "INC-2");
  incident = sitrep_store_get_incident (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Card payments declined");
  g_clear_object (&incident);
  g_assert_cmpint (sitrep_store_count_incidents (fixture->store), ==, 4);
  after_skip = export_text (fixture->store);
  g_assert_cmpstr (after_skip, !=, before);

  replaced = import_text (fixture->store, changed->str, TRUE);
  g_assert_cmpuint (replaced->imported, ==, 0);
  g_assert_cmpuint (replaced->replaced, ==, 3);
  g_assert_cmpuint (replaced->skipped->len, ==, 0);
  incident = sitrep_store_get_incident (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Card payments failing");
  g_assert_cmpstr (sitrep_incident_get_key (incident), ==, "INC-1");

  /* Nothing is ever deleted: the incidents stay, the timeline only grows. */
  g_assert_cmpint (sitrep_store_count_incidents (fixture->store), ==, 4);
  timeline_after = sitrep_store_list_timeline (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline_after->len, >=, timeline_before->len);
}

static void
test_unknown_fields (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SitrepStore) plain = open_store (fixture, "plain.db");
  g_autoptr(SitrepImportResult) a = import_data_file (fixture->store, "unknown-fields.json",
                                                       FALSE);
  g_autoptr(SitrepImportResult) b = import_data_file (plain, "round-trip.json", FALSE);
  g_autofree char *with_unknown = export_text (fixture->store);
  g_autofree char *without = export_text (plain);

  g_assert_cmpuint (a->imported, ==, b->imported);
  g_assert_cmpuint (a->contacts, ==, b->contacts);
  g_assert_cmpstr (with_unknown, ==, without);
  g_assert_null (strstr (with_unknown, "colour"));
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

/* A document of one incident with @complaint and @final as members. */
static char *
make_verdict_document (const char *complaint,
                       const char *final)
{
  return g_strdup_printf ("{\"format\": \"sitrep\", \"version\": 1, \"incidents\": [{"
                          "\"key\": \"INC-5\", \"title\": \"Login fails\", "
                          "\"service\": \"Portal\", \"level\": 1, \"status\": \"new\", "
                          "\"reported_at\": \"2026-06-01T10:00:00Z\"%s%s, "
                          "\"complaints\": [{\"received_at\": \"2026-06-01T10:05:00Z\"%s}]}]}",
                          final[0] != '\0' ? ", " : "", final, complaint);
}

static void
test_verdicts (Fixture       *fixture,
               gconstpointer  data)
{
  /* what each complaint reads as */
  static const struct {
    const char    *members;
    SitrepVerdict  verdict;
    const char    *reason;
    SitrepChannel  channel;
  } good[] = {
    { ", \"attributed\": true", SITREP_VERDICT_ATTRIBUTED, NULL, SITREP_CHANNEL_OTHER },
    { ", \"attributed\": false", SITREP_VERDICT_NOT_ANALYSED, NULL, SITREP_CHANNEL_OTHER },
    { "", SITREP_VERDICT_NOT_ANALYSED, NULL, SITREP_CHANNEL_OTHER },
    { ", \"verdict\": \"attributed\", \"attributed\": true, \"channel\": \"email\"",
      SITREP_VERDICT_ATTRIBUTED, NULL, SITREP_CHANNEL_EMAIL },
    { ", \"verdict\": \"not-attributed\", \"reason\": \"Billing\", \"attributed\": false",
      SITREP_VERDICT_NOT_ATTRIBUTED, "Billing", SITREP_CHANNEL_OTHER },
    /* a reason is kept with "not attributed" only */
    { ", \"verdict\": \"not-analysed\", \"reason\": \"later\", \"channel\": \"hotline\"",
      SITREP_VERDICT_NOT_ANALYSED, NULL, SITREP_CHANNEL_HOTLINE },
  };
  /* what each is refused with */
  static const struct {
    const char *complaint;
    const char *final;
    const char *message;
  } bad[] = {
    { ", \"verdict\": \"attributed\", \"attributed\": false", "",
      "incidents[0].complaints[0].attributed: contradicts \"verdict\": \"attributed\"" },
    { ", \"verdict\": \"not-analysed\", \"attributed\": true", "",
      "incidents[0].complaints[0].attributed: contradicts \"verdict\": \"not-analysed\"" },
    { ", \"verdict\": \"not-attributed\", \"reason\": \" \"", "",
      "incidents[0].complaints[0].reason: required when the verdict is \"not-attributed\"" },
    { ", \"verdict\": \"maybe\"", "",
      "incidents[0].complaints[0].verdict: \"maybe\" is not one of" },
    { "", "\"affected_count\": -1", "incidents[0].affected_count: must be 0 or more" },
    { "", "\"affected_count\": 2.5", "incidents[0].affected_count: must be a whole number" },
    { "", "\"teams\": [{\"team\": \"Web\", \"updated_at\": \"2026-06-01T11:00:00Z\"},"
          " {\"team\": \"Web\", \"updated_at\": \"2026-06-01T11:00:00Z\"}]",
      "incidents[0].teams[1].team: \"Web\" appears twice" },
    { "", "\"teams\": [{\"text\": \"x\", \"updated_at\": \"2026-06-01T11:00:00Z\"}]",
      "incidents[0].teams[0].team: required" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *name = g_strdup_printf ("good-%u.db", i);
      g_autoptr(SitrepStore) store = open_store (fixture, name);
      g_autofree char *text = make_verdict_document (good[i].members, "");
      g_autoptr(SitrepImportResult) result = import_text (store, text, FALSE);
      g_autoptr(GPtrArray) complaints = NULL;
      g_autoptr(GError) error = NULL;
      SitrepComplaint *complaint;

      g_test_message ("%s", good[i].members);
      complaints = sitrep_store_list_complaints (store, find_id (store, "INC-5"), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (complaints->len, ==, 1);
      complaint = g_ptr_array_index (complaints, 0);
      g_assert_cmpint (sitrep_complaint_get_verdict (complaint), ==, good[i].verdict);
      g_assert_cmpstr (sitrep_complaint_get_verdict_reason (complaint), ==, good[i].reason);
      g_assert_cmpint (sitrep_complaint_get_channel (complaint), ==, good[i].channel);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = make_verdict_document (bad[i].complaint, bad[i].final);
      g_autoptr(GError) error = NULL;
      SitrepImportResult *result = NULL;

      g_test_message ("%s", text);
      g_assert_false (sitrep_interchange_import_data (fixture->store, text, -1, FALSE, &result,
                                                      &error));
      g_assert_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, bad[i].message));
      g_assert_null (result);
    }
}

/* The final report's fields and team sections travel with the incident. */
static void
test_final_report_fields (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *text = make_verdict_document (
    ", \"verdict\": \"not-attributed\", \"reason\": \"Billing\", \"channel\": \"email\"",
    "\"impact\": \"Nobody could log in\", \"affected_count\": 1250, "
    "\"corrective_actions\": \"Monitor expiry\", \"lessons_learned\": \"Plan renewals\", "
    "\"teams\": [{\"team\": \"Technical team\", \"author\": \"Wang\", \"text\": \"Expired\", "
    "\"updated_at\": \"2026-06-01T11:00:00+08:00\"}, {\"team\": \"Web team\", "
    "\"updated_at\": \"2026-06-01T12:00:00Z\"}]");
  g_autoptr(SitrepImportResult) result = import_text (fixture->store, text, FALSE);
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GPtrArray) teams = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  gint64 id = find_id (fixture->store, "INC-5");
  SitrepTeamSection *section;

  incident = sitrep_store_get_incident (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_impact (incident), ==, "Nobody could log in");
  g_assert_cmpint (sitrep_incident_get_affected_count (incident), ==, 1250);
  g_assert_cmpstr (sitrep_incident_get_corrective_actions (incident), ==, "Monitor expiry");
  g_assert_cmpstr (sitrep_incident_get_lessons_learned (incident), ==, "Plan renewals");

  teams = sitrep_store_list_team_sections (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (teams->len, ==, 2);
  section = g_ptr_array_index (teams, 0);
  g_assert_cmpstr (section->team, ==, "Technical team");
  g_assert_cmpstr (section->author, ==, "Wang");
  g_assert_cmpstr (section->text, ==, "Expired");
  g_assert_cmpint (section->updated_at, ==, 1780282800);
  section = g_ptr_array_index (teams, 1);
  g_assert_null (section->text);

  exported = export_text (fixture->store);
  g_assert_nonnull (strstr (exported, "\"verdict\" : \"not-attributed\",\n"
                                      "          \"reason\" : \"Billing\",\n"
                                      "          \"channel\" : \"email\""));
  g_assert_nonnull (strstr (exported, "\"affected_count\" : 1250,"));
  g_assert_null (strstr (exported, "\"attributed\""));
  assert_round_trip (fixture, "final");

  /* replacing the incident replaces its sections */
  {
    g_autofree char *again = make_verdict_document ("", "\"teams\": []");
    g_autoptr(SitrepImportResult) replaced = import_text (fixture->store, again, TRUE);
    g_autoptr(GPtrArray) none = sitrep_store_list_team_sections (fixture->store, id, &error);

    g_autoptr(GPtrArray) complaints = sitrep_store_list_complaints (fixture->store, id, &error);
    SitrepComplaint *complaint;

    g_assert_no_error (error);
    g_assert_cmpuint (replaced->replaced, ==, 1);
    g_assert_cmpuint (none->len, ==, 0);

    /* and the verdict of the complaint it had already */
    g_assert_cmpuint (complaints->len, ==, 1);
    complaint = g_ptr_array_index (complaints, 0);
    g_assert_cmpint (sitrep_complaint_get_verdict (complaint), ==, SITREP_VERDICT_NOT_ANALYSED);
    g_assert_null (sitrep_complaint_get_verdict_reason (complaint));
    g_assert_cmpint (sitrep_complaint_get_channel (complaint), ==, SITREP_CHANNEL_OTHER);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sitrep/interchange/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("malformed", test_malformed);
  ADD ("malformed-stream", test_malformed_stream);
  ADD ("unreadable-file", test_unreadable_file);
  ADD ("verdicts", test_verdicts);
  ADD ("final-report-fields", test_final_report_fields);
  ADD ("policy-zero-window", test_policy_zero_window);
  ADD ("samples", test_samples);
  ADD ("round-trip/samples", test_round_trip_samples);
  ADD ("round-trip/fixture", test_round_trip_fixture);
  ADD ("round-trip/generated", test_round_trip_generated);
  ADD ("round-trip/empty", test_empty_database);
  ADD ("skip-and-replace", test_skip_and_replace);
  ADD ("unknown-fields", test_unknown_fields);
  ADD ("deadlines", test_deadlines);
  ADD ("export/invalid-time", test_export_invalid_time);
  ADD ("export/last-second", test_export_last_second);

#undef ADD

  return g_test_run ();
}
