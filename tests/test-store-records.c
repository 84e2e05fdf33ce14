/* test-store-records.c: the store: complaint verdicts and moves, the final
 * report's fields and team sections, and the reports that went out
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sitrep-enums.h"
#include "test-store-common.h"

static gint64
add_complaint (SitrepStore *store,
               gint64       id,
               const char  *ref,
               SitrepChannel channel)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();

  sitrep_complaint_set_ref (complaint, ref);
  sitrep_complaint_set_customer (complaint, "ACME");
  sitrep_complaint_set_summary (complaint, "Cannot log in");
  sitrep_complaint_set_channel (complaint, channel);
  g_assert_true (sitrep_store_add_complaint (store, id, complaint, "Ann", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_complaint_get_id (complaint), >, 0);

  return sitrep_complaint_get_id (complaint);
}

static SitrepComplaint *
get_complaint (SitrepStore *store,
               gint64       id,
               guint        index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) complaints = sitrep_store_list_complaints (store, id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (complaints->len, >, index);
  return g_object_ref (g_ptr_array_index (complaints, index));
}

static void
record_change (guint   *changes,
               gint64   id,
               guint    what)
{
  *changes |= what;
}

static void
test_verdicts (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepComplaint) complaint = NULL;
  g_autoptr(SitrepTimelineEntry) entry = NULL;
  gint64 id = create (f->store, "Login fails", "portal", 1, T0 - 600);
  gint64 c = add_complaint (f->store, id, "C-1", SITREP_CHANNEL_EMAIL);
  guint before;
  guint changes = 0;
  gulong handler;

  complaint = get_complaint (f->store, id, 0);
  g_assert_cmpint (sitrep_complaint_get_verdict (complaint), ==, SITREP_VERDICT_NOT_ANALYSED);
  g_assert_cmpint (sitrep_complaint_get_channel (complaint), ==, SITREP_CHANNEL_EMAIL);
  g_clear_object (&complaint);

  /* not attributed needs a reason; nothing is written without one */
  before = count_entries (f->store, id);
  g_assert_false (sitrep_store_set_complaint_verdict (f->store, c,
                                                      SITREP_VERDICT_NOT_ATTRIBUTED, "  ",
                                                      "Bob", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (f->store, id), ==, before);

  handler = g_signal_connect_swapped (f->store, "incident-changed",
                                      G_CALLBACK (record_change), &changes);
  g_assert_true (sitrep_store_set_complaint_verdict (f->store, c,
                                                     SITREP_VERDICT_NOT_ATTRIBUTED,
                                                     " a billing question ", " Bob ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, SITREP_CHANGE_COMPLAINTS | SITREP_CHANGE_TIMELINE);

  complaint = get_complaint (f->store, id, 0);
  g_assert_cmpint (sitrep_complaint_get_verdict (complaint), ==, SITREP_VERDICT_NOT_ATTRIBUTED);
  g_assert_cmpstr (sitrep_complaint_get_verdict_reason (complaint), ==, "a billing question");
  g_clear_object (&complaint);

  entry = last_entry (f->store, id);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_COMPLAINT);
  g_assert_cmpstr (sitrep_timeline_entry_get_author (entry), ==, "Bob");
  g_assert_cmpint (sitrep_timeline_entry_get_occurred_at (entry), ==, T0);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==,
                   "Complaint C-1: Not yet analysed → Not attributed: a billing question");
  g_clear_object (&entry);

  /* the same verdict again changes nothing */
  changes = 0;
  before = count_entries (f->store, id);
  g_assert_true (sitrep_store_set_complaint_verdict (f->store, c,
                                                     SITREP_VERDICT_NOT_ATTRIBUTED,
                                                     "a billing question", "Bob", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 0);
  g_assert_cmpuint (count_entries (f->store, id), ==, before);

  /* attributed: the reason goes */
  g_assert_true (sitrep_store_set_complaint_verdict (f->store, c, SITREP_VERDICT_ATTRIBUTED,
                                                     "ignored", "Bob", &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (f->store, handler);
  complaint = get_complaint (f->store, id, 0);
  g_assert_cmpint (sitrep_complaint_get_verdict (complaint), ==, SITREP_VERDICT_ATTRIBUTED);
  g_assert_true (sitrep_complaint_get_attributed (complaint));
  g_assert_null (sitrep_complaint_get_verdict_reason (complaint));
  entry = last_entry (f->store, id);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==,
                   "Complaint C-1: Not attributed → Attributed to this incident");

  /* no such complaint */
  g_assert_false (sitrep_store_set_complaint_verdict (f->store, c + 100,
                                                      SITREP_VERDICT_ATTRIBUTED, NULL, "Bob",
                                                      &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* a viewer may not decide */
  sitrep_store_set_read_only (f->store, TRUE);
  g_assert_false (sitrep_store_set_complaint_verdict (f->store, c, SITREP_VERDICT_NOT_ANALYSED,
                                                      NULL, "Bob", &error));
  g_assert_nonnull (error);
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) from_complaints = NULL;
  g_autoptr(GPtrArray) to_complaints = NULL;
  g_autoptr(SitrepTimelineEntry) out_entry = NULL;
  g_autoptr(SitrepTimelineEntry) in_entry = NULL;
  g_autoptr(SitrepIncident) to = NULL;
  gint64 a = create (f->store, "Login fails", "portal", 1, T0 - 600);
  gint64 b = create (f->store, "Payments slow", "payments", 2, T0 - 300);
  gint64 c = add_complaint (f->store, a, "C-7", SITREP_CHANNEL_HOTLINE);
  guint changes = 0;
  guint before_a, before_b;
  gulong handler;

  to = sitrep_store_get_incident (f->store, b, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_store_set_complaint_verdict (f->store, c, SITREP_VERDICT_ATTRIBUTED,
                                                     NULL, "Bob", &error));
  g_assert_no_error (error);

  /* not to itself, nor to a key without incident */
  before_a = count_entries (f->store, a);
  g_assert_false (sitrep_store_move_complaint (f->store, c, "INC-1", "Bob", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (sitrep_store_move_complaint (f->store, c, "INC-99", "Bob", &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sitrep_store_move_complaint (f->store, c, "yesterday", "Bob", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (f->store, a), ==, before_a);

  before_b = count_entries (f->store, b);
  handler = g_signal_connect_swapped (f->store, "incident-changed",
                                      G_CALLBACK (record_change), &changes);
  g_assert_true (sitrep_store_move_complaint (f->store, c, sitrep_incident_get_key (to), "Bob",
                                              &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (f->store, handler);
  g_assert_cmpuint (changes, ==, SITREP_CHANGE_COMPLAINTS | SITREP_CHANGE_TIMELINE);

  from_complaints = sitrep_store_list_complaints (f->store, a, &error);
  to_complaints = sitrep_store_list_complaints (f->store, b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (from_complaints->len, ==, 0);
  g_assert_cmpuint (to_complaints->len, ==, 1);
  /* the verdict goes with it */
  g_assert_cmpint (sitrep_complaint_get_verdict (g_ptr_array_index (to_complaints, 0)), ==,
                   SITREP_VERDICT_ATTRIBUTED);

  g_assert_cmpuint (count_entries (f->store, a), ==, before_a + 1);
  g_assert_cmpuint (count_entries (f->store, b), ==, before_b + 1);
  out_entry = last_entry (f->store, a);
  in_entry = last_entry (f->store, b);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (out_entry), ==, "Complaint C-7 moved to INC-2");
  g_assert_cmpstr (sitrep_timeline_entry_get_text (in_entry), ==,
                   "Complaint C-7 moved here from INC-1");
  g_assert_cmpint (sitrep_timeline_entry_get_kind (in_entry), ==, SITREP_ENTRY_KIND_COMPLAINT);
}

static void
test_final_fields (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(SitrepTimelineEntry) entry = NULL;
  gint64 id = create (f->store, "Login fails", "portal", 1, T0 - 600);
  guint before;

  g_assert_true (sitrep_store_set_field (f->store, id, "impact",
                                         "No customer could log in for 40 minutes", "Ann",
                                         &error));
  g_assert_true (sitrep_store_set_field (f->store, id, "affected_count", " 1250 ", "Ann",
                                         &error));
  g_assert_true (sitrep_store_set_field (f->store, id, "corrective-actions",
                                         "Monitor certificate expiry", "Ann", &error));
  g_assert_true (sitrep_store_set_field (f->store, id, "lessons_learned",
                                         "Renewals belong in the change calendar", "Ann",
                                         &error));
  g_assert_no_error (error);

  entry = last_entry (f->store, id);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_FIELD);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, "Lessons learned updated");
  g_assert_cmpstr (sitrep_timeline_entry_get_detail (entry), ==, "lessons_learned");
  g_clear_object (&entry);

  incident = sitrep_store_get_incident (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_impact (incident), ==,
                   "No customer could log in for 40 minutes");
  g_assert_cmpint (sitrep_incident_get_affected_count (incident), ==, 1250);
  g_assert_cmpstr (sitrep_incident_get_corrective_actions (incident), ==,
                   "Monitor certificate expiry");
  g_assert_cmpstr (sitrep_incident_get_lessons_learned (incident), ==,
                   "Renewals belong in the change calendar");
  g_clear_object (&incident);

  /* a count is a whole number of 0 or more */
  before = count_entries (f->store, id);
  g_assert_false (sitrep_store_set_field (f->store, id, "affected_count", "-3", "Ann", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "Number affected must be a whole number of 0 or more, not “-3”");
  g_clear_error (&error);
  g_assert_false (sitrep_store_set_field (f->store, id, "affected_count", "many", "Ann",
                                          &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (f->store, id), ==, before);

  /* empty: not given */
  g_assert_true (sitrep_store_set_field (f->store, id, "affected_count", "", "Ann", &error));
  g_assert_no_error (error);
  entry = last_entry (f->store, id);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, "Number affected removed");
  incident = sitrep_store_get_incident (f->store, id, &error);
  g_assert_cmpint (sitrep_incident_get_affected_count (incident), ==, -1);
  g_clear_object (&incident);

  g_assert_true (sitrep_store_set_field (f->store, id, "affected_count", "0", "Ann", &error));
  incident = sitrep_store_get_incident (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_incident_get_affected_count (incident), ==, 0);
}

static void
test_team_sections (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(SitrepTimelineEntry) entry = NULL;
  gint64 id = create (f->store, "Login fails", "portal", 1, T0 - 600);
  SitrepTeamSection *section;
  guint changes = 0;
  guint before;
  gulong handler;

  sections = sitrep_store_list_team_sections (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sections->len, ==, 0);
  g_clear_pointer (&sections, g_ptr_array_unref);

  handler = g_signal_connect_swapped (f->store, "incident-changed",
                                      G_CALLBACK (record_change), &changes);
  g_assert_true (sitrep_store_set_team_section (f->store, id, " Technical team ",
                                                "The certificate expired at 09:12.", "Wang",
                                                &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (f->store, handler);
  g_assert_cmpuint (changes, ==, SITREP_CHANGE_FIELDS | SITREP_CHANGE_TIMELINE);
  entry = last_entry (f->store, id);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==,
                   "Final report section of Technical team written");
  g_clear_object (&entry);

  sitrep_clock_advance (f->clock, 60);
  g_assert_true (sitrep_store_set_team_section (f->store, id, "Web team", "Error page shown.",
                                                "Li", &error));
  sitrep_clock_advance (f->clock, 60);
  g_assert_true (sitrep_store_set_team_section (f->store, id, "Technical team",
                                                "The certificate expired at 09:12:40.",
                                                "Zhao", &error));
  g_assert_no_error (error);
  entry = last_entry (f->store, id);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==,
                   "Final report section of Technical team updated");
  g_clear_object (&entry);

  /* the same text again changes nothing */
  before = count_entries (f->store, id);
  g_assert_true (sitrep_store_set_team_section (f->store, id, "Technical team",
                                                "The certificate expired at 09:12:40.",
                                                "Zhao", &error));
  g_assert_cmpuint (count_entries (f->store, id), ==, before);

  /* a team needs a name */
  g_assert_false (sitrep_store_set_team_section (f->store, id, " ", "x", "Zhao", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  sections = sitrep_store_list_team_sections (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sections->len, ==, 2);
  section = g_ptr_array_index (sections, 0);
  g_assert_cmpstr (section->team, ==, "Technical team");
  g_assert_cmpstr (section->author, ==, "Zhao");
  g_assert_cmpstr (section->text, ==, "The certificate expired at 09:12:40.");
  g_assert_cmpint (section->updated_at, ==, T0 + 120);
  section = g_ptr_array_index (sections, 1);
  g_assert_cmpstr (section->team, ==, "Web team");
  g_assert_cmpstr (section->author, ==, "Li");

  /* cleared */
  g_assert_true (sitrep_store_set_team_section (f->store, id, "Web team", NULL, "Li", &error));
  g_assert_no_error (error);
  entry = last_entry (f->store, id);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==,
                   "Final report section of Web team removed");
}

static void
test_reports (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepTimelineEntry) entry = NULL;
  gint64 id = create (f->store, "Login fails", "portal", 1, T0 - 600);
  gint64 other = create (f->store, "Mail slow", "mail", 2, T0 - 600);
  guint before;

  g_assert_false (sitrep_store_has_report (f->store, id, SITREP_REPORT_KIND_CAN, &error));
  g_assert_false (sitrep_store_has_report (f->store, id, SITREP_REPORT_KIND_FINAL, &error));
  g_assert_no_error (error);

  g_assert_true (sitrep_store_record_report (f->store, id, SITREP_REPORT_KIND_CAN, "copied",
                                             "CAN report INC-1\nConditions\n…", "Ann",
                                             &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_has_report (f->store, id, SITREP_REPORT_KIND_CAN, &error));
  g_assert_false (sitrep_store_has_report (f->store, id, SITREP_REPORT_KIND_FINAL, &error));
  g_assert_false (sitrep_store_has_report (f->store, other, SITREP_REPORT_KIND_CAN, &error));
  g_assert_no_error (error);

  entry = last_entry (f->store, id);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_REPORT);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==,
                   "CAN report copied\n\nCAN report INC-1\nConditions\n…");
  g_assert_cmpstr (sitrep_timeline_entry_get_detail (entry), ==, "can/copied");
  g_assert_cmpstr (sitrep_enum_to_nick (SITREP_TYPE_ENTRY_KIND, SITREP_ENTRY_KIND_REPORT), ==,
                   "report");
  g_clear_object (&entry);

  /* unknown ways and monthly reports are refused */
  before = count_entries (f->store, id);
  g_assert_false (sitrep_store_record_report (f->store, id, SITREP_REPORT_KIND_FINAL, "faxed",
                                              "x", "Ann", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (sitrep_store_record_report (f->store, id, SITREP_REPORT_KIND_MONTHLY,
                                              "printed", "x", "Ann", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (f->store, id), ==, before);

  g_assert_true (sitrep_store_record_report (f->store, id, SITREP_REPORT_KIND_FINAL,
                                             "saved-pdf", "Final report", "Ann", &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_has_report (f->store, id, SITREP_REPORT_KIND_FINAL, &error));
  entry = last_entry (f->store, id);
  g_assert_cmpstr (sitrep_timeline_entry_get_detail (entry), ==, "final/saved-pdf");
}

/* Resolving a level-1 or level-2 incident needs its resolution and cause
 * category; the root cause may follow, and the timeline says it is owed. */
static void
test_resolve_needs_cause (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepTimelineEntry) entry = NULL;
  gint64 id = create (f->store, "Login fails", "portal", 1, T0 - 600);
  guint before;

  g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                          T0 - 500, "Ann", NULL, NULL, &error));
  g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_RECOVER,
                                          T0 - 400, "Ann", NULL, NULL, &error));
  g_assert_true (sitrep_store_set_field (f->store, id, "cause_category", "unknown", "Ann",
                                         &error));
  g_assert_no_error (error);

  before = count_entries (f->store, id);
  g_assert_false (sitrep_store_transition (f->store, id, SITREP_TRANSITION_RESOLVE,
                                           SITREP_TIME_NONE, "Ann", "vendor still analysing",
                                           NULL, &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "INC-1 cannot be resolved without a resolution and a cause category");
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (f->store, id), ==, before);
  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_RECOVERED);

  g_assert_true (sitrep_store_set_field (f->store, id, "cause_category", "software", "Ann",
                                         &error));
  g_assert_true (sitrep_store_set_field (f->store, id, "resolution", "Rolled back", "Ann",
                                         &error));
  g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_RESOLVE,
                                          SITREP_TIME_NONE, "Ann", "vendor still analysing",
                                          NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_RESOLVED);
  entry = last_entry (f->store, id);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==,
                   "Resolved; root cause to follow: vendor still analysing");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_store_test ("verdicts", test_verdicts);
  add_store_test ("move-complaint", test_move);
  add_store_test ("final-fields", test_final_fields);
  add_store_test ("team-sections", test_team_sections);
  add_store_test ("reports", test_reports);
  add_store_test ("resolve-needs-cause", test_resolve_needs_cause);

  return g_test_run ();
}
