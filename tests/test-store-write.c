/* test-store-write.c: the store: writes, the lifecycle as stored, and what they announce
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "test-store-common.h"

static void
test_create_invalid (Fixture       *f,
                     gconstpointer  data)
{
  static const struct {
    const char *title;
    const char *service;
    int         level;
    gint64      reported_at;
    gint64      occurred_at;
    int         code;
  } cases[] = {
    { "  ",    "mail", 2, 0,          0,          SITREP_LIFECYCLE_ERROR_INVALID_VALUE },
    { NULL,    "mail", 2, 0,          0,          SITREP_LIFECYCLE_ERROR_INVALID_VALUE },
    { "Down",  "",     2, 0,          0,          SITREP_LIFECYCLE_ERROR_INVALID_VALUE },
    { "Down",  "mail", 4, 0,          0,          SITREP_LIFECYCLE_ERROR_INVALID_VALUE },
    { "Down",  "mail", 0, 0,          0,          SITREP_LIFECYCLE_ERROR_INVALID_VALUE },
    { "Down",  "mail", 2, T0 + 3600,  0,          SITREP_LIFECYCLE_ERROR_INVALID_TIME },
    { "Down",  "mail", 2, T0 - 600,   T0 - 300,   SITREP_LIFECYCLE_ERROR_INVALID_TIME },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
      g_autoptr(GError) error = NULL;

      sitrep_incident_set_title (incident, cases[i].title);
      sitrep_incident_set_service (incident, cases[i].service);
      sitrep_incident_set_level (incident, cases[i].level);
      sitrep_incident_set_reported_at (incident, cases[i].reported_at);
      sitrep_incident_set_occurred_at (incident, cases[i].occurred_at);

      g_assert_false (sitrep_store_create_incident (f->store, incident, "Ann", &error));
      g_assert_error (error, SITREP_LIFECYCLE_ERROR, cases[i].code);
      g_assert_cmpint (sitrep_incident_get_id (incident), ==, 0);
    }

  g_assert_cmpint (sitrep_store_count_incidents (f->store), ==, 0);

  /* a failed creation does not use up a key */
  create (f->store, "Down", "mail", 2, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SitrepIncident) first = sitrep_store_find_incident (f->store, "INC-1", &error);

    g_assert_no_error (error);
    g_assert_nonnull (first);
  }
}

static void
test_transitions_legal (Fixture       *f,
                        gconstpointer  data)
{
  static const struct {
    SitrepStatus     from;
    SitrepTransition transition;
    SitrepStatus     to;
    const char      *text;
  } cases[] = {
    { SITREP_STATUS_NEW,          SITREP_TRANSITION_ACKNOWLEDGE, SITREP_STATUS_ACKNOWLEDGED,
      "Acknowledged: on the bridge" },
    { SITREP_STATUS_NEW,          SITREP_TRANSITION_CANCEL,      SITREP_STATUS_CANCELLED,
      "Cancelled: on the bridge" },
    { SITREP_STATUS_ACKNOWLEDGED, SITREP_TRANSITION_RECOVER,     SITREP_STATUS_RECOVERED,
      "Service recovered: on the bridge" },
    { SITREP_STATUS_ACKNOWLEDGED, SITREP_TRANSITION_CANCEL,      SITREP_STATUS_CANCELLED,
      "Cancelled: on the bridge" },
    { SITREP_STATUS_RECOVERED,    SITREP_TRANSITION_RESOLVE,     SITREP_STATUS_RESOLVED,
      "Resolved: on the bridge" },
    { SITREP_STATUS_RECOVERED,    SITREP_TRANSITION_TRANSFER,    SITREP_STATUS_TRANSFERRED,
      "Transferred to problem-management: on the bridge" },
    { SITREP_STATUS_RECOVERED,    SITREP_TRANSITION_CANCEL,      SITREP_STATUS_CANCELLED,
      "Cancelled: on the bridge" },
    { SITREP_STATUS_RESOLVED,     SITREP_TRANSITION_CLOSE,       SITREP_STATUS_CLOSED,
      "Closed: on the bridge" },
    { SITREP_STATUS_RESOLVED,     SITREP_TRANSITION_REOPEN,      SITREP_STATUS_ACKNOWLEDGED,
      "Reopened: on the bridge" },
    { SITREP_STATUS_TRANSFERRED,  SITREP_TRANSITION_CLOSE,       SITREP_STATUS_CLOSED,
      "Closed: on the bridge" },
    { SITREP_STATUS_TRANSFERRED,  SITREP_TRANSITION_REOPEN,      SITREP_STATUS_ACKNOWLEDGED,
      "Reopened: on the bridge" },
    { SITREP_STATUS_CLOSED,       SITREP_TRANSITION_REOPEN,      SITREP_STATUS_ACKNOWLEDGED,
      "Reopened: on the bridge" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SitrepTimelineEntry) entry = NULL;
      g_autoptr(SitrepIncident) incident = NULL;
      gint64 id = create_in_status (f, cases[i].from);
      guint before = count_entries (f->store, id);
      gint64 at = sitrep_clock_get_now (f->clock) - 30;
      guint changed = 0;
      gulong handler;

      g_test_message ("%s → %s",
                      sitrep_enum_to_nick (SITREP_TYPE_STATUS, cases[i].from),
                      sitrep_enum_to_nick (SITREP_TYPE_TRANSITION, cases[i].transition));

      g_assert_true (sitrep_lifecycle_can_transition (cases[i].from, cases[i].transition));

      handler = g_signal_connect_swapped (f->store, "incident-changed",
                                          G_CALLBACK (count_cb), &changed);
      g_assert_true (sitrep_store_transition (f->store, id, cases[i].transition, at,
                                              " Carol ", " on the bridge ",
                                              "problem-management", &error));
      g_assert_no_error (error);
      g_signal_handler_disconnect (f->store, handler);
      g_assert_cmpuint (changed, ==, 1);

      incident = sitrep_store_get_incident (f->store, id, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sitrep_incident_get_status (incident), ==, cases[i].to);
      g_assert_cmpuint (count_entries (f->store, id), ==, before + 1);

      entry = last_entry (f->store, id);
      g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_STATUS);
      g_assert_cmpstr (sitrep_timeline_entry_get_author (entry), ==, "Carol");
      g_assert_cmpint (sitrep_timeline_entry_get_occurred_at (entry), ==, at);
      g_assert_cmpint (sitrep_timeline_entry_get_recorded_at (entry), ==,
                       sitrep_clock_get_now (f->clock));
      g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, cases[i].text);
      g_assert_cmpstr (sitrep_timeline_entry_get_detail (entry), ==,
                       sitrep_enum_to_nick (SITREP_TYPE_STATUS, cases[i].to));

      switch (cases[i].transition)
        {
        case SITREP_TRANSITION_ACKNOWLEDGE:
          g_assert_cmpint (sitrep_incident_get_acknowledged_at (incident), ==, at);
          break;
        case SITREP_TRANSITION_RECOVER:
          g_assert_cmpint (sitrep_incident_get_recovered_at (incident), ==, at);
          break;
        case SITREP_TRANSITION_RESOLVE:
          g_assert_cmpint (sitrep_incident_get_resolved_at (incident), ==, at);
          break;
        case SITREP_TRANSITION_TRANSFER:
          g_assert_cmpint (sitrep_incident_get_transferred_at (incident), ==, at);
          g_assert_cmpstr (sitrep_incident_get_transferred_to (incident), ==,
                           "problem-management");
          break;
        case SITREP_TRANSITION_CLOSE:
          g_assert_cmpint (sitrep_incident_get_closed_at (incident), ==, at);
          break;
        case SITREP_TRANSITION_REOPEN:
          g_assert_cmpint (sitrep_incident_get_acknowledged_at (incident), !=, 0);
          g_assert_cmpint (sitrep_incident_get_recovered_at (incident), ==, 0);
          g_assert_cmpint (sitrep_incident_get_resolved_at (incident), ==, 0);
          g_assert_cmpint (sitrep_incident_get_transferred_at (incident), ==, 0);
          g_assert_null (sitrep_incident_get_transferred_to (incident));
          g_assert_cmpint (sitrep_incident_get_closed_at (incident), ==, 0);
          break;
        case SITREP_TRANSITION_CANCEL:
        default:
          g_assert_cmpint (sitrep_incident_get_cancelled_at (incident), ==, at);
          break;
        }
    }
}

static void
test_transitions_illegal (Fixture       *f,
                          gconstpointer  data)
{
  guint n_illegal = 0;

  for (SitrepStatus status = SITREP_STATUS_NEW; status <= SITREP_STATUS_CANCELLED; status++)
    {
      gint64 id = create_in_status (f, status);

      for (SitrepTransition t = SITREP_TRANSITION_ACKNOWLEDGE; t <= SITREP_TRANSITION_CANCEL; t++)
        {
          g_autoptr(GError) error = NULL;
          guint before;

          if (sitrep_lifecycle_can_transition (status, t))
            continue;

          n_illegal++;
          before = count_entries (f->store, id);
          g_assert_false (sitrep_store_transition (f->store, id, t, SITREP_TIME_NONE, "Carol",
                                                   NULL, "developers", &error));
          g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TRANSITION);
          g_assert_cmpint (get_status (f->store, id), ==, status);
          g_assert_cmpuint (count_entries (f->store, id), ==, before);
        }
    }

  /* 7 statuses × 7 transitions, 12 of them legal */
  g_assert_cmpuint (n_illegal, ==, 49 - 12);
}

static void
test_transition_times (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 2, T0 - 3600);
  guint before;

  sitrep_clock_set_now (f->clock, T0);

  /* before the report */
  before = count_entries (f->store, id);
  g_assert_false (sitrep_store_transition (f->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                           T0 - 3601, "Bob", NULL, NULL, &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TIME);
  g_clear_error (&error);

  /* in the future (a minute of clock skew is accepted) */
  g_assert_false (sitrep_store_transition (f->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                           T0 + 600, "Bob", NULL, NULL, &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TIME);
  g_clear_error (&error);
  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_NEW);
  g_assert_cmpuint (count_entries (f->store, id), ==, before);

  /* backdated */
  g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                          T0 - 3000, "Bob", NULL, NULL, &error));
  g_assert_no_error (error);

  /* not before the previous milestone */
  g_assert_false (sitrep_store_transition (f->store, id, SITREP_TRANSITION_RECOVER,
                                           T0 - 3100, "Bob", NULL, NULL, &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TIME);
  g_clear_error (&error);
  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_ACKNOWLEDGED);

  g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_RECOVER,
                                          T0 + 30, "Bob", NULL, NULL, &error));
  g_assert_no_error (error);

  /* a transfer needs a destination */
  before = count_entries (f->store, id);
  g_assert_false (sitrep_store_transition (f->store, id, SITREP_TRANSITION_TRANSFER,
                                           SITREP_TIME_NONE, "Bob", NULL, "  ", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_RECOVERED);
  g_assert_cmpuint (count_entries (f->store, id), ==, before);

  /* no such incident */
  g_assert_false (sitrep_store_transition (f->store, 4242, SITREP_TRANSITION_ACKNOWLEDGE,
                                           SITREP_TIME_NONE, "Bob", NULL, NULL, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
}

static void
test_level_owner_fields (Fixture       *f,
                         gconstpointer  data)
{
  static const struct {
    const char *field;
    const char *value;
    int         code;     /* -1: accepted */
    const char *text;     /* the timeline entry, when accepted */
  } cases[] = {
    { "service",          " web mail ",           -1, "Service changed from “mail” to “web mail”" },
    { "title",            "",                     SITREP_LIFECYCLE_ERROR_INVALID_VALUE, NULL },
    { "reporter_name",    "Dave",                 -1, "Reporter set to “Dave”" },
    { "reporter_name",    "",                     -1, "Reporter removed" },
    { "reporter_channel", "email",                -1,
      "Reporting channel changed from “Hotline” to “Email”" },
    { "reporter_channel", "pigeon",               SITREP_LIFECYCLE_ERROR_INVALID_VALUE, NULL },
    { "symptoms",         "Users see error 500",  -1, "Symptoms updated" },
    { "cause_category",   "network",              -1,
      "Cause category changed from “Not yet known” to “Network or external system”" },
    { "cause_category",   "weather",              SITREP_LIFECYCLE_ERROR_INVALID_VALUE, NULL },
    { "occurred_at",      "2026-03-01T09:00:00Z", -1, NULL },
    { "occurred_at",      "2026-03-01T10:00:00Z", SITREP_LIFECYCLE_ERROR_INVALID_TIME, NULL },
    { "occurred_at",      "yesterday",            SITREP_LIFECYCLE_ERROR_INVALID_VALUE, NULL },
    { "root_cause",       "Disk full",            -1, "Root cause updated" },
    { "colour",           "red",                  SITREP_LIFECYCLE_ERROR_INVALID_VALUE, NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepTimelineEntry) entry = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 2, T0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint before = count_entries (f->store, id);
      gboolean ok;

      g_test_message ("%s = %s", cases[i].field, cases[i].value);
      ok = sitrep_store_set_field (f->store, id, cases[i].field, cases[i].value, "Ann", &error);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (count_entries (f->store, id), ==, before + 1);
          entry = last_entry (f->store, id);
          g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_FIELD);
          g_assert_cmpstr (sitrep_timeline_entry_get_detail (entry), ==, cases[i].field);
          if (cases[i].text != NULL)
            g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, cases[i].text);
          g_clear_object (&entry);
        }
      else
        {
          g_assert_error (error, SITREP_LIFECYCLE_ERROR, cases[i].code);
          g_assert_false (ok);
          g_assert_cmpuint (count_entries (f->store, id), ==, before);
          g_clear_error (&error);
        }
    }

  incident = sitrep_store_get_incident (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_service (incident), ==, "web mail");
  g_assert_null (sitrep_incident_get_reporter_name (incident));
  g_assert_cmpint (sitrep_incident_get_reporter_channel (incident), ==, SITREP_CHANNEL_EMAIL);
  g_assert_cmpint (sitrep_incident_get_cause_category (incident), ==, SITREP_CAUSE_NETWORK);
  g_assert_cmpint (sitrep_incident_get_occurred_at (incident), ==, T0 - 1800);
  g_assert_cmpstr (sitrep_incident_get_root_cause (incident), ==, "Disk full");
  g_clear_object (&incident);

  /* the same value again writes nothing */
  {
    guint before = count_entries (f->store, id);

    g_assert_true (sitrep_store_set_field (f->store, id, "service", "web mail", "Ann", &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_entries (f->store, id), ==, before);
  }

  /* level */
  g_assert_true (sitrep_store_set_level (f->store, id, 1, SITREP_TIME_NONE, "Ann",
                                         "customers complain", &error));
  g_assert_no_error (error);
  entry = last_entry (f->store, id);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_LEVEL);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, "Level 2 → 1: customers complain");
  g_assert_cmpstr (sitrep_timeline_entry_get_detail (entry), ==, "2→1");
  g_clear_object (&entry);
  g_assert_false (sitrep_store_set_level (f->store, id, 4, SITREP_TIME_NONE, "Ann", NULL,
                                          &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* owner */
  g_assert_true (sitrep_store_set_owner (f->store, id, "Bob", "Ann", &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_set_owner (f->store, id, "Carol", "Ann", &error));
  g_assert_no_error (error);
  entry = last_entry (f->store, id);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_OWNER);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, "Owner changed from Bob to Carol");

  incident = sitrep_store_get_incident (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_incident_get_level (incident), ==, 1);
  g_assert_cmpstr (sitrep_incident_get_owner (incident), ==, "Carol");
}

static void
test_notes_notices_complaints (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepTimelineEntry) entry = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();
  g_autoptr(GPtrArray) complaints = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 1, T0);

  sitrep_clock_set_now (f->clock, T0 + 3600);

  /* a backdated note */
  g_assert_true (sitrep_store_add_note (f->store, id, T0 + 600, "Bob", SITREP_TAG_ACTION,
                                        "Restarted the MTA", &error));
  g_assert_no_error (error);
  entry = last_entry (f->store, id);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_NOTE);
  g_assert_cmpint (sitrep_timeline_entry_get_tag (entry), ==, SITREP_TAG_ACTION);
  g_assert_cmpint (sitrep_timeline_entry_get_occurred_at (entry), ==, T0 + 600);
  g_assert_cmpint (sitrep_timeline_entry_get_recorded_at (entry), ==, T0 + 3600);
  g_clear_object (&entry);

  g_assert_false (sitrep_store_add_note (f->store, id, T0 + 7200, "Bob", SITREP_TAG_NONE,
                                         "From the future", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TIME);
  g_clear_error (&error);
  g_assert_false (sitrep_store_add_note (f->store, id, SITREP_TIME_NONE, "Bob", SITREP_TAG_NONE,
                                         "   ", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* notices */
  g_assert_true (sitrep_store_record_notice (f->store, id, SITREP_NOTICE_INITIAL, T0 + 1200,
                                             "Ann", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_record_notice (f->store, id, SITREP_NOTICE_PROGRESS,
                                             SITREP_TIME_NONE, "Ann", "Still working", &error));
  g_assert_no_error (error);
  entry = last_entry (f->store, id);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_NOTICE);
  g_assert_cmpstr (sitrep_timeline_entry_get_detail (entry), ==, "progress");
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==,
                   "Handling progress sent: Still working");

  incident = sitrep_store_get_incident (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_incident_get_initial_notice_at (incident), ==, T0 + 1200);
  g_assert_cmpint (sitrep_incident_get_progress_notice_at (incident), ==, T0 + 3600);
  g_assert_cmpint (sitrep_incident_get_progress_notice_count (incident), ==, 1);

  /* complaints */
  sitrep_complaint_set_ref (complaint, "C-17");
  sitrep_complaint_set_customer (complaint, "ACME");
  sitrep_complaint_set_summary (complaint, "No invoices");
  sitrep_complaint_set_attributed (complaint, TRUE);
  g_assert_true (sitrep_store_add_complaint (f->store, id, complaint, "Ann", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_complaint_get_id (complaint), >, 0);
  complaints = sitrep_store_list_complaints (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (complaints->len, ==, 1);
  g_assert_cmpstr (sitrep_complaint_get_customer (g_ptr_array_index (complaints, 0)), ==, "ACME");
  g_assert_true (sitrep_complaint_get_attributed (g_ptr_array_index (complaints, 0)));
  g_clear_object (&entry);
  entry = last_entry (f->store, id);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_COMPLAINT);
}

/* Each "incident-changed" the store emitted: id, changes. */
typedef struct
{
  guint  n;
  gint64 id;
  guint  changes;
} Changes;

static void
changes_cb (SitrepStore *store,
            gint64       id,
            guint        changes,
            Changes     *seen)
{
  seen->n++;
  seen->id = id;
  seen->changes = changes;
}

#define ASSERT_CHANGES(seen, expected_id, expected) \
  G_STMT_START { \
    g_assert_cmpuint ((seen)->n, ==, 1); \
    g_assert_cmpint ((seen)->id, ==, (expected_id)); \
    g_assert_cmphex ((seen)->changes, ==, (expected)); \
    *(seen) = (Changes) { 0, }; \
  } G_STMT_END

static void
test_changes (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();
  SitrepAlertRecord records[] = { { 0, "response-warning", T0 + 450, NULL } };
  Changes seen = { 0, };
  gint64 id;

  g_assert_true (G_TYPE_IS_FLAGS (SITREP_TYPE_CHANGE));
  g_signal_connect (f->store, "incident-changed", G_CALLBACK (changes_cb), &seen);

  id = create (f->store, "Mail down", "mail", 2, T0);
  ASSERT_CHANGES (&seen, id, SITREP_CHANGE_ALL);

  sitrep_clock_advance (f->clock, 60);
  g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                          SITREP_TIME_NONE, "Bob", NULL, NULL, &error));
  g_assert_no_error (error);
  ASSERT_CHANGES (&seen, id, SITREP_CHANGE_STATUS | SITREP_CHANGE_TIMELINE |
                             SITREP_CHANGE_DEADLINES);

  g_assert_true (sitrep_store_add_note (f->store, id, SITREP_TIME_NONE, "Bob", SITREP_TAG_NONE,
                                        "On the bridge", &error));
  g_assert_no_error (error);
  ASSERT_CHANGES (&seen, id, SITREP_CHANGE_TIMELINE);

  g_assert_true (sitrep_store_set_field (f->store, id, "title", "Mail slow", "Bob", &error));
  g_assert_no_error (error);
  ASSERT_CHANGES (&seen, id, SITREP_CHANGE_FIELDS | SITREP_CHANGE_TIMELINE);

  g_assert_true (sitrep_store_set_field (f->store, id, "occurred_at", "2026-03-01T09:00:00Z",
                                         "Bob", &error));
  g_assert_no_error (error);
  ASSERT_CHANGES (&seen, id, SITREP_CHANGE_FIELDS | SITREP_CHANGE_TIMELINE |
                             SITREP_CHANGE_DEADLINES);

  g_assert_true (sitrep_store_set_level (f->store, id, 1, SITREP_TIME_NONE, "Bob", NULL,
                                         &error));
  g_assert_no_error (error);
  ASSERT_CHANGES (&seen, id, SITREP_CHANGE_LEVEL | SITREP_CHANGE_TIMELINE |
                             SITREP_CHANGE_DEADLINES);

  g_assert_true (sitrep_store_set_owner (f->store, id, "Bob", "Bob", &error));
  g_assert_no_error (error);
  ASSERT_CHANGES (&seen, id, SITREP_CHANGE_OWNER | SITREP_CHANGE_TIMELINE);

  g_assert_true (sitrep_store_record_notice (f->store, id, SITREP_NOTICE_INITIAL,
                                             SITREP_TIME_NONE, "Bob", "Mail slow", &error));
  g_assert_no_error (error);
  ASSERT_CHANGES (&seen, id, SITREP_CHANGE_TIMELINE | SITREP_CHANGE_DEADLINES);

  sitrep_complaint_set_customer (complaint, "ACME");
  sitrep_complaint_set_received_at (complaint, T0 + 60);
  g_assert_true (sitrep_store_add_complaint (f->store, id, complaint, "Bob", &error));
  g_assert_no_error (error);
  ASSERT_CHANGES (&seen, id, SITREP_CHANGE_COMPLAINTS | SITREP_CHANGE_TIMELINE);

  records[0].id = id;
  g_assert_true (sitrep_store_record_alerts (f->store, records, 1, &error));
  g_assert_no_error (error);
  ASSERT_CHANGES (&seen, id, SITREP_CHANGE_TIMELINE | SITREP_CHANGE_DEADLINES);

  /* a write that changes nothing says nothing */
  g_assert_true (sitrep_store_set_level (f->store, id, 1, SITREP_TIME_NONE, "Bob", NULL,
                                         &error));
  g_assert_true (sitrep_store_set_owner (f->store, id, "Bob", "Bob", &error));
  g_assert_true (sitrep_store_set_field (f->store, id, "title", " Mail slow ", "Bob", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.n, ==, 0);
}

static void
test_keys (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) imported = sitrep_incident_new ();
  g_autoptr(SitrepIncident) next = sitrep_incident_new ();
  g_autoptr(SitrepIncident) found = NULL;
  gboolean skipped = TRUE;

  for (int i = 1; i <= 3; i++)
    {
      g_autofree char *key = g_strdup_printf ("INC-%d", i);
      g_autoptr(SitrepIncident) incident = NULL;
      gint64 id = create (f->store, "Down", "mail", 2, 0);

      incident = sitrep_store_get_incident (f->store, id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (sitrep_incident_get_key (incident), ==, key);
    }

  sitrep_incident_set_key (imported, "INC-10");
  sitrep_incident_set_title (imported, "Old incident");
  sitrep_incident_set_service (imported, "web");
  sitrep_incident_set_reported_at (imported, T0 - 86400);
  g_assert_true (sitrep_store_import_begin (f->store, &error));
  g_assert_true (sitrep_store_import_incident (f->store, imported, NULL, NULL, FALSE,
                                               &skipped, &error));
  g_assert_no_error (error);
  g_assert_false (skipped);
  g_assert_true (sitrep_store_import_commit (f->store, &error));
  g_assert_no_error (error);

  sitrep_incident_set_title (next, "New");
  sitrep_incident_set_service (next, "web");
  g_assert_true (sitrep_store_create_incident (f->store, next, "Ann", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_key (next), ==, "INC-11");

  /* reopening the database keeps the sequence */
  g_clear_object (&f->store);
  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  create (f->store, "Down", "mail", 2, 0);
  found = sitrep_store_find_incident (f->store, "inc-12", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (raw_int64 (f->path, "SELECT count(*) FROM incidents"), ==, 6);
}

static void
test_append_only (Fixture       *f,
                  gconstpointer  data)
{
  static const char *const statements[] = {
    "UPDATE timeline SET text = 'forged'",
    "DELETE FROM timeline",
    "DELETE FROM incidents",
    "DELETE FROM complaints",
  };
  gint64 id = create (f->store, "Mail down", "mail", 2, T0);
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();
  g_autoptr(GError) error = NULL;

  sitrep_complaint_set_customer (complaint, "ACME");
  g_assert_true (sitrep_store_add_complaint (f->store, id, complaint, "Ann", &error));
  g_assert_no_error (error);

  /* refused by the schema itself, past the store (on a team database,
   * even to the tables' owner) */
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autofree char *message = NULL;

      g_assert_false (raw_try_exec (f->path, statements[i], &message));
      g_assert_nonnull (message);
    }

  g_assert_cmpuint (count_entries (f->store, id), ==, 2);
  g_assert_cmpint (sitrep_store_count_incidents (f->store), ==, 1);
  {
    g_autoptr(SitrepTimelineEntry) entry = last_entry (f->store, id);

    g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), !=, "forged");
  }
}

static void
test_read_only_role (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();
  g_autoptr(SitrepContact) contact = sitrep_contact_new ();
  g_autoptr(SitrepPolicy) policy = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 2, T0);
  gboolean results[11];
  guint n = 0;

  sitrep_store_set_read_only (f->store, TRUE);
  g_assert_true (sitrep_store_get_read_only (f->store));

  sitrep_incident_set_title (incident, "Another");
  sitrep_incident_set_service (incident, "web");
  sitrep_complaint_set_customer (complaint, "ACME");
  sitrep_contact_set_name (contact, "Ann");
  policy = sitrep_store_get_policy (f->store);

#define TRY(call) \
  G_STMT_START { \
    results[n++] = (call); \
    g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_READ_ONLY_ROLE); \
    g_assert_cmpstr (error->message, ==, "You have data viewing permission only"); \
    g_clear_error (&error); \
  } G_STMT_END

  TRY (sitrep_store_create_incident (f->store, incident, "Ann", &error));
  TRY (sitrep_store_transition (f->store, id, SITREP_TRANSITION_ACKNOWLEDGE, SITREP_TIME_NONE,
                                "Ann", NULL, NULL, &error));
  TRY (sitrep_store_set_level (f->store, id, 1, SITREP_TIME_NONE, "Ann", NULL, &error));
  TRY (sitrep_store_set_owner (f->store, id, "Ann", "Ann", &error));
  TRY (sitrep_store_set_field (f->store, id, "title", "x", "Ann", &error));
  TRY (sitrep_store_add_note (f->store, id, SITREP_TIME_NONE, "Ann", SITREP_TAG_NONE, "x",
                              &error));
  TRY (sitrep_store_record_notice (f->store, id, SITREP_NOTICE_INITIAL, SITREP_TIME_NONE,
                                   "Ann", NULL, &error));
  TRY (sitrep_store_add_complaint (f->store, id, complaint, "Ann", &error));
  TRY (sitrep_store_set_policy (f->store, policy, "Ann", &error));
  TRY (sitrep_store_save_contact (f->store, contact, &error));
  TRY (sitrep_store_import_begin (f->store, &error));

#undef TRY

  for (guint i = 0; i < n; i++)
    g_assert_false (results[i]);

  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_NEW);
  g_assert_cmpuint (count_entries (f->store, id), ==, 1);
  g_assert_cmpint (sitrep_store_count_incidents (f->store), ==, 1);

  /* the alerts this desktop raised are still remembered, so that they are
   * not raised again */
  g_assert_true (sitrep_store_record_alert (f->store, id, "response-warning", T0, NULL,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (f->store, id), ==, 2);
  {
    g_autoptr(GHashTable) raised = sitrep_store_list_raised_alerts (f->store, id, &error);

    g_assert_no_error (error);
    g_assert_true (g_hash_table_contains (raised, "response-warning"));
  }
  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_NEW);

  sitrep_store_set_read_only (f->store, FALSE);
  g_assert_true (sitrep_store_add_note (f->store, id, SITREP_TIME_NONE, "Ann", SITREP_TAG_NONE,
                                        "x", &error));
  g_assert_no_error (error);
}

static void
test_policy (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepPolicy) policy = NULL;
  g_autoptr(SitrepPolicy) stored = NULL;
  g_autofree char *sql = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 2, T0);
  gint64 closed = create (f->store, "Old", "mail", 2, T0);
  guint changed = 0;

  g_assert_true (sitrep_store_transition (f->store, closed, SITREP_TRANSITION_CANCEL,
                                          SITREP_TIME_NONE, "Ann", NULL, NULL, &error));
  g_assert_no_error (error);

  sql = g_strdup_printf ("SELECT next_due FROM incidents WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (raw_int64 (f->path, sql), ==, T0 + 30 * 60);

  g_signal_connect_swapped (f->store, "changed", G_CALLBACK (count_cb), &changed);
  policy = sitrep_store_get_policy (f->store);
  sitrep_policy_set_minutes (policy, 2, SITREP_POLICY_WINDOW_RESPONSE, 90);
  g_assert_true (sitrep_store_set_policy (f->store, policy, "Ann", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);

  /* the recovery (6 h) is now the response's (90 min) … */
  g_assert_cmpint (raw_int64 (f->path, sql), ==, T0 + 90 * 60);
  stored = sitrep_store_get_policy (f->store);
  g_assert_true (sitrep_policy_equal (stored, policy));

  /* … and stays so after reopening */
  g_clear_object (&stored);
  g_clear_object (&f->store);
  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  stored = sitrep_store_get_policy (f->store);
  g_assert_true (sitrep_policy_equal (stored, policy));

  /* a window of zero minutes is refused */
  sitrep_policy_set_minutes (policy, 1, SITREP_POLICY_WINDOW_RECOVERY, 0);
  g_assert_false (sitrep_store_set_policy (f->store, policy, "Ann", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "Level 1: the recovery time must be at least one minute");
  g_assert_cmpint (raw_int64 (f->path, sql), ==, T0 + 90 * 60);
}

static void
test_contacts (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContact) contact = sitrep_contact_new ();
  g_autoptr(GPtrArray) contacts = NULL;

  sitrep_contact_set_name (contact, " Zoe ");
  sitrep_contact_set_role (contact, SITREP_ROLE_RND_LEADER);
  sitrep_contact_set_email (contact, "zoe@example.com");
  g_assert_true (sitrep_store_save_contact (f->store, contact, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_contact_get_id (contact), >, 0);

  sitrep_contact_set_phone (contact, "+1 555 0100");
  g_assert_true (sitrep_store_save_contact (f->store, contact, &error));
  g_assert_no_error (error);

  contacts = sitrep_store_list_contacts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 1);
  g_assert_cmpstr (sitrep_contact_get_name (g_ptr_array_index (contacts, 0)), ==, "Zoe");
  g_assert_cmpint (sitrep_contact_get_role (g_ptr_array_index (contacts, 0)), ==,
                   SITREP_ROLE_RND_LEADER);
  g_assert_cmpstr (sitrep_contact_get_phone (g_ptr_array_index (contacts, 0)), ==,
                   "+1 555 0100");
  g_clear_pointer (&contacts, g_ptr_array_unref);

  g_assert_true (sitrep_store_remove_contact (f->store, sitrep_contact_get_id (contact), &error));
  g_assert_no_error (error);
  contacts = sitrep_store_list_contacts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 0);
}

static gint64
get_version (SitrepStore *store,
             gint64       id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_store_get_incident (store, id, &error);

  g_assert_no_error (error);
  return sitrep_incident_get_version (incident);
}

static char *
get_title (SitrepStore *store,
           gint64       id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_store_get_incident (store, id, &error);

  g_assert_no_error (error);
  return g_strdup (sitrep_incident_get_title (incident));
}

/* Two people change one incident: a change decided on what the incident
 * was before the other's is refused, says who changed it, and writes
 * nothing; decided again on the current state, it is saved. */
static void
test_stale_writes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) other = sitrep_store_open (f->path, f->clock, &error);
  gint64 id = create (f->store, "Mail down", "mail", 2, T0 - 600);
  gint64 second = create (f->store, "VPN slow", "vpn", 3, T0 - 300);
  g_autofree char *title = NULL;
  gint64 seen, now;
  guint entries;

  g_assert_no_error (error);

  /* each write of the row counts; a write that changes nothing does not */
  seen = get_version (f->store, id);
  g_assert_cmpint (seen, >=, 1);
  g_assert_true (sitrep_store_set_field (f->store, id, "title", "Mail down", "Ann", &error));
  g_assert_cmpint (get_version (f->store, id), ==, seen);

  /* Bob, on the other desk, renames it while Ann edits the title */
  g_assert_true (sitrep_store_set_field (other, id, "title", "Mail down in Berlin", "Bob",
                                         &error));
  g_assert_no_error (error);
  now = get_version (f->store, id);
  g_assert_cmpint (now, ==, seen + 1);
  entries = count_entries (f->store, id);

  sitrep_store_expect_version (f->store, id, seen);
  g_assert_false (sitrep_store_set_field (f->store, id, "title", "Mail slow", "Ann", &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_STALE);
  g_assert_nonnull (strstr (error->message, "INC-1"));
  g_assert_nonnull (strstr (error->message, "Bob"));
  g_assert_nonnull (strstr (error->message, "Mail down in Berlin"));
  g_clear_error (&error);
  title = get_title (f->store, id);
  g_assert_cmpstr (title, ==, "Mail down in Berlin");
  g_assert_cmpuint (count_entries (f->store, id), ==, entries);
  g_assert_cmpint (get_version (f->store, id), ==, now);

  /* so are a level change and a transition decided on the old state */
  sitrep_store_expect_version (f->store, id, seen);
  g_assert_false (sitrep_store_set_level (f->store, id, 1, SITREP_TIME_NONE, "Ann", NULL,
                                          &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_STALE);
  g_clear_error (&error);
  sitrep_store_expect_version (f->store, id, seen);
  g_assert_false (sitrep_store_transition (f->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                           SITREP_TIME_NONE, "Ann", NULL, NULL, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_STALE);
  g_clear_error (&error);
  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_NEW);
  g_assert_cmpuint (count_entries (f->store, id), ==, entries);

  /* decided on the current state, it is saved */
  sitrep_store_expect_version (f->store, id, now);
  g_assert_true (sitrep_store_set_field (f->store, id, "title", "Mail slow", "Ann", &error));
  g_assert_no_error (error);
  g_clear_pointer (&title, g_free);
  title = get_title (other, id);
  g_assert_cmpstr (title, ==, "Mail slow");
  g_assert_cmpint (get_version (other, id), ==, now + 1);

  /* handing the incident to a team is a change of it too */
  now = get_version (f->store, id);
  g_assert_true (sitrep_store_assign_team (f->store, id, "Database group", SITREP_TIME_NONE,
                                           "Bob", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (get_version (f->store, id), ==, now + 1);

  /* an expectation is for the next write only, and only for its incident */
  sitrep_store_expect_version (f->store, second, 1000);
  g_assert_true (sitrep_store_set_level (f->store, id, 1, SITREP_TIME_NONE, "Ann", NULL,
                                         &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_set_level (f->store, second, 2, SITREP_TIME_NONE, "Ann", NULL,
                                         &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_store_test ("create-invalid", test_create_invalid);
  add_store_test ("transitions/legal", test_transitions_legal);
  add_store_test ("transitions/illegal", test_transitions_illegal);
  add_store_test ("transitions/times", test_transition_times);
  add_store_test ("level-owner-fields", test_level_owner_fields);
  add_store_test ("notes-notices-complaints", test_notes_notices_complaints);
  add_store_test ("changes", test_changes);
  add_store_test ("keys", test_keys);
  add_store_test ("append-only", test_append_only);
  add_store_test ("read-only-role", test_read_only_role);
  add_store_test ("policy", test_policy);
  add_store_test ("contacts", test_contacts);
  add_store_test ("stale-writes", test_stale_writes);

  return g_test_run ();
}
