/* test-corrections.c: correcting a note by a new entry, changing when a
 * fault began and was reported, and what reports and the interchange
 * make of both
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sitrep-interchange.h"
#include "sitrep-report.h"
#include "sitrep-report-render.h"
#include "test-store-common.h"

static void
add_test (const char    *name,
          StoreTestFunc  func)
{
  g_autofree char *path = g_strdup_printf ("/sitrep/corrections/%s", name);

  g_test_add (path, Fixture, NULL, fixture_set_up, (void (*) (Fixture *, gconstpointer)) func,
              fixture_tear_down);
}

static void
add_data_test (const char    *name,
               gconstpointer  data,
               StoreTestFunc  func)
{
  g_autofree char *path = g_strdup_printf ("/sitrep/corrections/%s", name);

  g_test_add (path, Fixture, data, fixture_set_up, (void (*) (Fixture *, gconstpointer)) func,
              fixture_tear_down);
}

static gint64
add_note (SitrepStore *store,
          gint64       id,
          gint64       at,
          SitrepTag    tag,
          const char  *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepTimelineEntry) entry = NULL;

  g_assert_true (sitrep_store_add_note (store, id, at, "Ann", tag, text, &error));
  g_assert_no_error (error);
  entry = last_entry (store, id);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, text);

  return sitrep_timeline_entry_get_id (entry);
}

static GPtrArray *
list_timeline (SitrepStore *store,
               gint64       id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *timeline = sitrep_store_list_timeline (store, id, &error);

  g_assert_no_error (error);
  return timeline;
}

static SitrepTimelineEntry *
find_entry (GPtrArray *timeline,
            gint64     entry_id)
{
  for (guint i = 0; i < timeline->len; i++)
    if (sitrep_timeline_entry_get_id (g_ptr_array_index (timeline, i)) == entry_id)
      return g_ptr_array_index (timeline, i);

  g_assert_not_reached ();
}

/* Correcting one entry: what is corrected, to what, and what follows. */
typedef enum
{
  TARGET_NOTE,          /* a tagged note, "Link down" (need) */
  TARGET_CORRECTION,    /* a correction of that note */
  TARGET_AUTOMATIC,     /* the incident's "created" entry */
  TARGET_OTHER,         /* a note of another incident */
  TARGET_MISSING,       /* no such entry */
} Target;

typedef struct
{
  const char *name;
  Target      target;
  const char *text;
  SitrepTag   tag;
  GQuark      (*domain) (void);   /* NULL: accepted */
  int         code;
} CorrectionCase;

static const CorrectionCase correction_cases[] = {
  { "text", TARGET_NOTE, "Uplink down", SITREP_TAG_NEED, NULL, 0 },
  { "tag", TARGET_NOTE, "Link down", SITREP_TAG_ACTION, NULL, 0 },
  { "untag", TARGET_NOTE, "Link down", SITREP_TAG_NONE, NULL, 0 },
  { "both", TARGET_NOTE, "Restart the uplink", SITREP_TAG_ACTION, NULL, 0 },
  { "trimmed", TARGET_NOTE, "  Uplink down \n", SITREP_TAG_NEED, NULL, 0 },
  { "unchanged", TARGET_NOTE, "Link down", SITREP_TAG_NEED,
    sitrep_lifecycle_error_quark, SITREP_LIFECYCLE_ERROR_INVALID_VALUE },
  { "unchanged-after-trim", TARGET_NOTE, " Link down ", SITREP_TAG_NEED,
    sitrep_lifecycle_error_quark, SITREP_LIFECYCLE_ERROR_INVALID_VALUE },
  { "blank", TARGET_NOTE, "   ", SITREP_TAG_ACTION,
    sitrep_lifecycle_error_quark, SITREP_LIFECYCLE_ERROR_INVALID_VALUE },
  { "bad-tag", TARGET_NOTE, "Uplink down", (SitrepTag) 9,
    sitrep_lifecycle_error_quark, SITREP_LIFECYCLE_ERROR_INVALID_VALUE },
  { "of-correction", TARGET_CORRECTION, "Third try", SITREP_TAG_NEED,
    sitrep_lifecycle_error_quark, SITREP_LIFECYCLE_ERROR_INVALID_VALUE },
  { "of-automatic", TARGET_AUTOMATIC, "Created by Bob", SITREP_TAG_NONE,
    sitrep_lifecycle_error_quark, SITREP_LIFECYCLE_ERROR_INVALID_VALUE },
  { "of-other-incident", TARGET_OTHER, "Uplink down", SITREP_TAG_NEED,
    sitrep_store_error_quark, SITREP_STORE_ERROR_NOT_FOUND },
  { "of-nothing", TARGET_MISSING, "Uplink down", SITREP_TAG_NEED,
    sitrep_store_error_quark, SITREP_STORE_ERROR_NOT_FOUND },
};

static void
test_correct_entry (Fixture       *f,
                    gconstpointer  data)
{
  const CorrectionCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GPtrArray) applied = NULL;
  g_autofree char *expected_text = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 1, T0 - 3600);
  gint64 other = create (f->store, "Web slow", "web", 2, T0 - 3600);
  gint64 note = add_note (f->store, id, T0 - 1800, SITREP_TAG_NEED, "Link down");
  gint64 target = 0;
  guint before, signals = 0;
  gulong handler;

  switch (c->target)
    {
    case TARGET_NOTE:
      target = note;
      break;

    case TARGET_CORRECTION:
      g_assert_true (sitrep_store_correct_entry (f->store, id, note, "Link flapping",
                                                 SITREP_TAG_NEED, "Bob", &error));
      g_assert_no_error (error);
      {
        g_autoptr(SitrepTimelineEntry) correction = last_entry (f->store, id);

        target = sitrep_timeline_entry_get_id (correction);
        g_assert_cmpint (target, !=, note);
      }
      break;

    case TARGET_AUTOMATIC:
      timeline = list_timeline (f->store, id);
      target = sitrep_timeline_entry_get_id (g_ptr_array_index (timeline, 0));
      g_assert_cmpint (sitrep_timeline_entry_get_kind (g_ptr_array_index (timeline, 0)), ==,
                       SITREP_ENTRY_KIND_CREATED);
      g_clear_pointer (&timeline, g_ptr_array_unref);
      break;

    case TARGET_OTHER:
      target = add_note (f->store, other, T0 - 60, SITREP_TAG_NEED, "Link down");
      break;

    case TARGET_MISSING:
      target = 999;
      break;

    default:
      g_assert_not_reached ();
    }

  before = count_entries (f->store, id);
  handler = g_signal_connect_swapped (f->store, "incident-changed", G_CALLBACK (count_cb),
                                      &signals);
  sitrep_clock_set_now (f->clock, T0 + 60);

  if (c->domain != NULL)
    {
      g_assert_false (sitrep_store_correct_entry (f->store, id, target, c->text, c->tag, "Bob",
                                                  &error));
      g_assert_error (error, c->domain (), c->code);
      g_assert_cmpuint (count_entries (f->store, id), ==, before);
      g_assert_cmpuint (signals, ==, 0);
      g_signal_handler_disconnect (f->store, handler);
      return;
    }

  g_assert_true (sitrep_store_correct_entry (f->store, id, target, c->text, c->tag, "Bob",
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (f->store, id), ==, before + 1);
  g_assert_cmpuint (signals, ==, 1);
  g_signal_handler_disconnect (f->store, handler);

  expected_text = g_strstrip (g_strdup (c->text));
  timeline = list_timeline (f->store, id);

  /* the note stays as it was; the correction points at it, at its moment */
  {
    SitrepTimelineEntry *original = find_entry (timeline, note);
    SitrepTimelineEntry *correction = sitrep_timeline_find_correction (timeline, note);

    g_assert_cmpstr (sitrep_timeline_entry_get_text (original), ==, "Link down");
    g_assert_cmpint (sitrep_timeline_entry_get_tag (original), ==, SITREP_TAG_NEED);
    g_assert_nonnull (correction);
    g_assert_cmpint (sitrep_timeline_entry_get_kind (correction), ==,
                     SITREP_ENTRY_KIND_CORRECTION);
    g_assert_cmpint (sitrep_timeline_entry_get_corrects (correction), ==, note);
    g_assert_cmpint (sitrep_timeline_entry_get_occurred_at (correction), ==, T0 - 1800);
    g_assert_cmpint (sitrep_timeline_entry_get_recorded_at (correction), ==, T0 + 60);
    g_assert_cmpstr (sitrep_timeline_entry_get_author (correction), ==, "Bob");
    g_assert_cmpstr (sitrep_timeline_entry_get_text (correction), ==, expected_text);
    g_assert_cmpint (sitrep_timeline_entry_get_tag (correction), ==, c->tag);
    g_assert_cmpint (sitrep_timeline_entry_get_corrects (original), ==, 0);
  }

  /* read with its corrections, the timeline has the note as corrected and
   * no correction entry */
  applied = sitrep_timeline_apply_corrections (timeline);
  g_assert_cmpuint (applied->len, ==, timeline->len - 1);
  for (guint i = 0; i < applied->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (applied, i);

      g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), !=, SITREP_ENTRY_KIND_CORRECTION);
      if (sitrep_timeline_entry_get_id (entry) == note)
        {
          g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, expected_text);
          g_assert_cmpint (sitrep_timeline_entry_get_tag (entry), ==, c->tag);
          g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_NOTE);
          g_assert_cmpint (sitrep_timeline_entry_get_occurred_at (entry), ==, T0 - 1800);
        }
    }
}

/* A note corrected twice reads as the latest correction; both corrections
 * and the note are kept; the database still refuses to change an entry. */
static void
test_latest_correction_holds (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GPtrArray) applied = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 1, T0 - 3600);
  gint64 note = add_note (f->store, id, T0 - 1800, SITREP_TAG_CONDITION, "Link down");
  SitrepTimelineEntry *correction;
  g_autofree char *message = NULL;

  g_assert_true (sitrep_store_correct_entry (f->store, id, note, "Uplink down",
                                             SITREP_TAG_CONDITION, "Bob", &error));
  g_assert_no_error (error);
  sitrep_clock_set_now (f->clock, T0 + 10);
  g_assert_true (sitrep_store_correct_entry (f->store, id, note, "Uplink A down",
                                             SITREP_TAG_NEED, "Cy", &error));
  g_assert_no_error (error);

  /* the second correction compares with the first, not with the note */
  g_assert_false (sitrep_store_correct_entry (f->store, id, note, "Uplink A down",
                                              SITREP_TAG_NEED, "Cy", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  timeline = list_timeline (f->store, id);
  g_assert_cmpuint (timeline->len, ==, 4);
  correction = sitrep_timeline_find_correction (timeline, note);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (correction), ==, "Uplink A down");
  g_assert_cmpstr (sitrep_timeline_entry_get_text (find_entry (timeline, note)), ==,
                   "Link down");

  applied = sitrep_timeline_apply_corrections (timeline);
  g_assert_cmpuint (applied->len, ==, 2);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (g_ptr_array_index (applied, 1)), ==,
                   "Uplink A down");
  g_assert_cmpint (sitrep_timeline_entry_get_tag (g_ptr_array_index (applied, 1)), ==,
                   SITREP_TAG_NEED);

  g_clear_object (&f->store);
  g_assert_false (raw_try_exec (f->path,
                                "UPDATE timeline SET text = 'x' WHERE kind = 'correction'",
                                &message));
  g_assert_nonnull (message);
}

/* A bridge leader's CAN report shows the corrected tag and text, and
 * never the superseded ones. */
static void
test_can_report (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) report = NULL;
  g_autofree char *text = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 1, T0 - 3600);
  gint64 wrong = add_note (f->store, id, T0 - 1800, SITREP_TAG_NEED, "Restart the relay");
  GPtrArray *actions, *needs;

  add_note (f->store, id, T0 - 1700, SITREP_TAG_NEED, "Vendor on call");
  add_note (f->store, id, T0 - 1600, SITREP_TAG_CONDITION, "Queue at 40,000");
  g_assert_true (sitrep_store_correct_entry (f->store, id, wrong, "Restarted the relay",
                                             SITREP_TAG_ACTION, "Bob", &error));
  g_assert_no_error (error);

  report = sitrep_report_new_can (f->store, id, &error);
  g_assert_no_error (error);

  actions = sitrep_report_get_section (report, SITREP_TAG_ACTION);
  needs = sitrep_report_get_section (report, SITREP_TAG_NEED);
  g_assert_cmpuint (actions->len, ==, 1);
  g_assert_cmpstr (((SitrepReportEntry *) g_ptr_array_index (actions, 0))->text, ==,
                   "Restarted the relay");
  g_assert_cmpint (((SitrepReportEntry *) g_ptr_array_index (actions, 0))->at, ==, T0 - 1800);
  g_assert_cmpuint (needs->len, ==, 1);
  g_assert_cmpstr (((SitrepReportEntry *) g_ptr_array_index (needs, 0))->text, ==,
                   "Vendor on call");
  g_assert_cmpuint (sitrep_report_get_section (report, SITREP_TAG_CONDITION)->len, ==, 1);

  text = sitrep_report_to_text (report);
  g_assert_nonnull (strstr (text, "Restarted the relay"));
  g_assert_null (strstr (text, "Restart the relay"));
}

/* The final report's key events read the corrected note too. */
static void
test_final_report (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) report = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 1, T0 - 3600);
  gint64 note = add_note (f->store, id, T0 - 1800, SITREP_TAG_ACTION, "Rebooted mx1");
  GPtrArray *events;
  guint found = 0;

  g_assert_true (sitrep_store_correct_entry (f->store, id, note, "Rebooted mx2",
                                             SITREP_TAG_ACTION, "Bob", &error));
  g_assert_no_error (error);

  report = sitrep_report_new_final (f->store, id, &error);
  g_assert_no_error (error);
  events = sitrep_report_get_key_events (report);
  for (guint i = 0; i < events->len; i++)
    {
      SitrepReportEntry *entry = g_ptr_array_index (events, i);

      g_assert_cmpstr (entry->text, !=, "Rebooted mx1");
      g_assert_cmpint (entry->kind, !=, SITREP_ENTRY_KIND_CORRECTION);
      if (g_strcmp0 (entry->text, "Rebooted mx2") == 0)
        found++;
    }
  g_assert_cmpuint (found, ==, 1);
}

/* Changing when the fault began and when it was reported. */
typedef struct
{
  const char *name;
  gint64      occurred_at;   /* relative to T0 */
  gint64      reported_at;   /* relative to T0 */
  const char *reason;
  gboolean    acknowledge;   /* acknowledged at T0 - 1800 first */
  int         code;          /* -1: accepted */
  const char *says;          /* a part of the timeline entry's text */
} TimesCase;

static const TimesCase times_cases[] = {
  { "reported-earlier", -4000, -3000, "typo in the ticket", FALSE, -1,
    "Reported changed from" },
  { "reported-later", -4000, -2400, "the hotline logged it late", FALSE, -1,
    "Reported changed from" },
  { "fault-earlier", -7200, -3600, "monitoring saw it first", FALSE, -1,
    "Fault began changed from" },
  { "both", -7200, -3000, "from the bridge log", FALSE, -1, "; reported changed from" },
  { "reported-at-acknowledgement", -4000, -1800, "as logged", TRUE, -1, "Reported changed" },
  { "reported-after-acknowledgement", -4000, -1700, "as logged", TRUE,
    SITREP_LIFECYCLE_ERROR_INVALID_TIME, NULL },
  { "fault-after-report", -1000, -2000, "typo", FALSE, SITREP_LIFECYCLE_ERROR_INVALID_TIME,
    NULL },
  { "reported-in-future", -4000, 3600, "typo", FALSE, SITREP_LIFECYCLE_ERROR_INVALID_TIME,
    NULL },
  { "no-reason", -4000, -3000, "  ", FALSE, SITREP_LIFECYCLE_ERROR_INVALID_VALUE, NULL },
  { "unchanged", -4000, -3600, "nothing", FALSE, -2, NULL },
};

static gint64
next_due (Fixture *f,
          gint64   id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT next_due FROM incidents WHERE id = %"
                                          G_GINT64_FORMAT, id);

  return raw_int64 (f->path, sql);
}

static void
test_report_times (Fixture       *f,
                   gconstpointer  data)
{
  const TimesCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(SitrepIncident) after = NULL;
  g_autoptr(SitrepTimelineEntry) entry = NULL;
  gint64 id, due_before;
  guint before;
  gboolean ok;

  sitrep_incident_set_title (incident, "Mail down");
  sitrep_incident_set_service (incident, "mail");
  sitrep_incident_set_level (incident, 2);
  sitrep_incident_set_occurred_at (incident, T0 - 4000);
  sitrep_incident_set_reported_at (incident, T0 - 3600);
  g_assert_true (sitrep_store_create_incident (f->store, incident, "Ann", &error));
  g_assert_no_error (error);
  id = sitrep_incident_get_id (incident);

  if (c->acknowledge)
    {
      g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                              T0 - 1800, "Ann", NULL, NULL, &error));
      g_assert_no_error (error);
    }

  before = count_entries (f->store, id);
  due_before = next_due (f, id);
  ok = sitrep_store_change_report_times (f->store, id, T0 + c->occurred_at, T0 + c->reported_at,
                                         c->reason, "Bob", &error);
  after = sitrep_store_get_incident (f->store, id, NULL);

  if (c->code >= 0)
    {
      g_assert_false (ok);
      g_assert_error (error, SITREP_LIFECYCLE_ERROR, c->code);
      g_assert_cmpuint (count_entries (f->store, id), ==, before);
      g_assert_cmpint (sitrep_incident_get_reported_at (after), ==, T0 - 3600);
      g_assert_cmpint (sitrep_incident_get_occurred_at (after), ==, T0 - 4000);
      return;
    }

  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (sitrep_incident_get_occurred_at (after), ==, T0 + c->occurred_at);
  g_assert_cmpint (sitrep_incident_get_reported_at (after), ==, T0 + c->reported_at);

  if (c->code == -2)
    {
      g_assert_cmpuint (count_entries (f->store, id), ==, before);
      return;
    }

  g_assert_cmpuint (count_entries (f->store, id), ==, before + 1);
  entry = last_entry (f->store, id);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_FIELD);
  g_assert_cmpstr (sitrep_timeline_entry_get_author (entry), ==, "Bob");
  g_assert_nonnull (strstr (sitrep_timeline_entry_get_text (entry), c->says));
  g_assert_true (g_str_has_suffix (sitrep_timeline_entry_get_text (entry), c->reason));

  /* the stored deadline columns follow the new times: level 2 responds
   * within 30 minutes of the report; acknowledged, the earliest due moment
   * is recovery, 6 hours after the fault began */
  if (!c->acknowledge)
    g_assert_cmpint (due_before, ==, T0 - 3600 + 1800);
  if (!c->acknowledge)
    g_assert_cmpint (next_due (f, id), ==,
                     T0 + MIN (c->reported_at + 1800, c->occurred_at + 6 * 3600));
  else
    g_assert_cmpint (next_due (f, id), ==, T0 + c->occurred_at + 6 * 3600);
}

/* export → import into an empty database → export gives the same bytes,
 * corrections and all */
static char *
export_all (SitrepStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  char *nul = "";

  g_assert_true (sitrep_interchange_export (store, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, nul, 1, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_interchange_round_trip (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) other = NULL;
  g_autoptr(SitrepReport) report = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 1, T0 - 3600);
  gint64 note = add_note (f->store, id, T0 - 1800, SITREP_TAG_NEED, "Restart the relay");
  SitrepTimelineEntry *correction;

  add_note (f->store, id, T0 - 1000, SITREP_TAG_NONE, "Bridge opened");
  g_assert_true (sitrep_store_correct_entry (f->store, id, note, "Restarted the relay",
                                             SITREP_TAG_ACTION, "Bob", &error));
  g_assert_no_error (error);

  first = export_all (f->store);
  g_assert_nonnull (strstr (first, "\"corrects\" : 1"));

  other = sitrep_store_open (other_path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_interchange_import_data (other, first, -1, FALSE, NULL, &error));
  g_assert_no_error (error);
  second = export_all (other);
  g_assert_cmpstr (first, ==, second);

  incident = sitrep_store_find_incident (other, "INC-1", &error);
  g_assert_no_error (error);
  timeline = list_timeline (other, sitrep_incident_get_id (incident));
  correction = sitrep_timeline_find_correction (timeline,
                                                sitrep_timeline_entry_get_id (
                                                  g_ptr_array_index (timeline, 1)));
  g_assert_nonnull (correction);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (correction), ==, "Restarted the relay");

  report = sitrep_report_new_can (other, sitrep_incident_get_id (incident), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sitrep_report_get_section (report, SITREP_TAG_NEED)->len, ==, 0);
  g_assert_cmpuint (sitrep_report_get_section (report, SITREP_TAG_ACTION)->len, ==, 1);

  /* importing the same document again over the incident (--replace)
   * neither duplicates the correction nor loses its pointer */
  g_assert_true (sitrep_interchange_import_data (other, first, -1, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_free (second);
  second = export_all (other);
  g_assert_cmpstr (first, ==, second);
}

/* Documents the interchange refuses, and one from before corrections. */
typedef struct
{
  const char *name;
  const char *timeline;   /* the incident's "timeline" array */
  const char *error_path; /* NULL: imports */
} DocumentCase;

#define NOTE_AT(at, text) \
  "{\"occurred_at\": \"" at "\", \"kind\": \"note\", \"tag\": \"need\", \"text\": \"" text "\"}"

static const DocumentCase document_cases[] = {
  { "without-corrects",
    "[" NOTE_AT ("2026-03-01T09:00:00Z", "a") "]", NULL },
  { "correction",
    "[" NOTE_AT ("2026-03-01T09:00:00Z", "a") ","
    "{\"occurred_at\": \"2026-03-01T09:00:00Z\", \"kind\": \"correction\", \"text\": \"b\","
    " \"corrects\": 0}]", NULL },
  { "forward",
    "[{\"occurred_at\": \"2026-03-01T09:00:00Z\", \"kind\": \"correction\", \"text\": \"b\","
    " \"corrects\": 1}," NOTE_AT ("2026-03-01T09:00:00Z", "a") "]",
    "incidents[0].timeline[0].corrects" },
  { "itself",
    "[" NOTE_AT ("2026-03-01T09:00:00Z", "a") ","
    "{\"occurred_at\": \"2026-03-01T09:00:00Z\", \"kind\": \"correction\", \"text\": \"b\","
    " \"corrects\": 1}]", "incidents[0].timeline[1].corrects" },
  { "negative",
    "[" NOTE_AT ("2026-03-01T09:00:00Z", "a") ","
    "{\"occurred_at\": \"2026-03-01T09:00:00Z\", \"kind\": \"correction\", \"text\": \"b\","
    " \"corrects\": -1}]", "incidents[0].timeline[1].corrects" },
  { "missing",
    "[" NOTE_AT ("2026-03-01T09:00:00Z", "a") ","
    "{\"occurred_at\": \"2026-03-01T09:00:00Z\", \"kind\": \"correction\", \"text\": \"b\"}]",
    "incidents[0].timeline[1].corrects" },
  { "not-a-correction",
    "[" NOTE_AT ("2026-03-01T09:00:00Z", "a") "," NOTE_AT ("2026-03-01T09:00:00Z", "b")
    "]", NULL },
  { "note-with-corrects",
    "[" NOTE_AT ("2026-03-01T09:00:00Z", "a") ","
    "{\"occurred_at\": \"2026-03-01T09:00:00Z\", \"kind\": \"note\", \"text\": \"b\","
    " \"corrects\": 0}]", "incidents[0].timeline[1].corrects" },
  { "of-correction",
    "[" NOTE_AT ("2026-03-01T09:00:00Z", "a") ","
    "{\"occurred_at\": \"2026-03-01T09:00:00Z\", \"kind\": \"correction\", \"text\": \"b\","
    " \"corrects\": 0},"
    "{\"occurred_at\": \"2026-03-01T09:00:00Z\", \"kind\": \"correction\", \"text\": \"c\","
    " \"corrects\": 1}]", "incidents[0].timeline[2].corrects" },
  { "before-its-note",
    "[" NOTE_AT ("2026-03-01T09:00:00Z", "a") ","
    "{\"occurred_at\": \"2026-03-01T08:00:00Z\", \"kind\": \"correction\", \"text\": \"b\","
    " \"corrects\": 0}]", "incidents[0].timeline[1].corrects" },
  { "not-a-number",
    "[" NOTE_AT ("2026-03-01T09:00:00Z", "a") ","
    "{\"occurred_at\": \"2026-03-01T09:00:00Z\", \"kind\": \"correction\", \"text\": \"b\","
    " \"corrects\": \"0\"}]", "incidents[0].timeline[1].corrects" },
};

static void
test_import_document (Fixture       *f,
                      gconstpointer  data)
{
  const DocumentCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *document = NULL;
  gboolean ok;

  document = g_strdup_printf ("{\"format\": \"sitrep\", \"version\": 1, \"incidents\": [{"
                              "\"key\": \"INC-7\", \"title\": \"Mail down\","
                              " \"service\": \"mail\", \"level\": 1, \"status\": \"new\","
                              " \"reporter\": {\"channel\": \"hotline\"},"
                              " \"reported_at\": \"2026-03-01T08:30:00Z\","
                              " \"timeline\": %s}]}", c->timeline);
  ok = sitrep_interchange_import_data (f->store, document, -1, FALSE, NULL, &error);

  if (c->error_path == NULL)
    {
      g_autoptr(SitrepIncident) incident = NULL;
      g_autoptr(GPtrArray) timeline = NULL;

      g_assert_no_error (error);
      g_assert_true (ok);
      incident = sitrep_store_find_incident (f->store, "INC-7", &error);
      g_assert_no_error (error);
      timeline = list_timeline (f->store, sitrep_incident_get_id (incident));
      for (guint i = 0; i < timeline->len; i++)
        {
          SitrepTimelineEntry *entry = g_ptr_array_index (timeline, i);
          gint64 corrects = sitrep_timeline_entry_get_corrects (entry);

          if (sitrep_timeline_entry_get_kind (entry) == SITREP_ENTRY_KIND_CORRECTION)
            g_assert_cmpint (corrects, ==,
                             sitrep_timeline_entry_get_id (g_ptr_array_index (timeline, 0)));
          else
            g_assert_cmpint (corrects, ==, 0);
        }
      return;
    }

  g_assert_false (ok);
  g_assert_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, c->error_path));
  g_assert_cmpint (sitrep_store_count_incidents (f->store), ==, 0);
}

/* A version-4 database gains the column and keeps its incidents and
 * entries. */
static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 1, T0 - 3600);
  gint64 note = add_note (f->store, id, T0 - 1800, SITREP_TAG_NEED, "Link down");

  g_clear_object (&f->store);
  store_test_downgrade_to_4 (f->path);

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_store_get_schema_version (f->store), ==, SITREP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sitrep_store_count_incidents (f->store), ==, 1);
  timeline = list_timeline (f->store, id);
  g_assert_cmpuint (timeline->len, ==, 2);
  g_assert_cmpint (sitrep_timeline_entry_get_corrects (find_entry (timeline, note)), ==, 0);

  g_assert_true (sitrep_store_correct_entry (f->store, id, note, "Uplink down", SITREP_TAG_NEED,
                                             "Bob", &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (correction_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("entry/%s", correction_cases[i].name);

      add_data_test (name, &correction_cases[i], test_correct_entry);
    }
  add_test ("latest-correction-holds", test_latest_correction_holds);
  add_test ("can-report", test_can_report);
  add_test ("final-report", test_final_report);
  for (guint i = 0; i < G_N_ELEMENTS (times_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("times/%s", times_cases[i].name);

      add_data_test (name, &times_cases[i], test_report_times);
    }
  add_test ("interchange/round-trip", test_interchange_round_trip);
  for (guint i = 0; i < G_N_ELEMENTS (document_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("interchange/%s", document_cases[i].name);

      add_data_test (name, &document_cases[i], test_import_document);
    }
  /* from an older desk file's schema: a team database has its own */
  if (!store_test_on_team ())
    add_test ("migration-from-4", test_migration);

  return g_test_run ();
}
