/* test-interchange-import.c
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

/* Importing documents: malformed ones are refused whole, the samples and
 * known keys, unknown members and the records of reports are read. */

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
    /* no reason at all, or an empty one, reads as none */
    { ", \"verdict\": \"not-attributed\"", "",
      "incidents[0].complaints[0].reason: required when the verdict is \"not-attributed\"" },
    { ", \"verdict\": \"not-attributed\", \"reason\": \"\"", "",
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
      g_autoptr(SitrepImportResult) result G_GNUC_UNUSED = import_text (store, text, FALSE);
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
  g_autoptr(SitrepImportResult) result G_GNUC_UNUSED = import_text (fixture->store, text, FALSE);
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

  ADD ("malformed", test_malformed);
  ADD ("malformed-stream", test_malformed_stream);
  ADD ("unreadable-file", test_unreadable_file);
  ADD ("verdicts", test_verdicts);
  ADD ("final-report-fields", test_final_report_fields);
  ADD ("samples", test_samples);
  ADD ("skip-and-replace", test_skip_and_replace);
  ADD ("unknown-fields", test_unknown_fields);

  return g_test_run ();
}
