/* test-store-resolve.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-store-common.h"

/*
 * sitrep_store_resolve_with(): the fields the rules ask for and the resolve
 * transition, written together or not at all.
 */

/* A recovered level-1 incident without resolution, cause or root cause. */
static gint64
create_recovered (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 1, sitrep_clock_get_now (f->clock));

  sitrep_clock_advance (f->clock, 60);
  g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                          SITREP_TIME_NONE, "Bob", NULL, NULL, &error));
  sitrep_clock_advance (f->clock, 60);
  g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_RECOVER,
                                          SITREP_TIME_NONE, "Bob", NULL, NULL, &error));
  g_assert_no_error (error);
  sitrep_clock_advance (f->clock, 60);
  return id;
}

static SitrepIncident *
get (Fixture *f,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  SitrepIncident *incident = sitrep_store_get_incident (f->store, id, &error);

  g_assert_no_error (error);
  return incident;
}

static SitrepTimelineEntry *
get_entry (Fixture *f,
           gint64   id,
           guint    index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timeline = sitrep_store_list_timeline (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (index, <, timeline->len);
  return g_object_ref (g_ptr_array_index (timeline, index));
}

static void
assert_untouched (Fixture *f,
                  gint64   id,
                  guint    n_entries)
{
  g_autoptr(SitrepIncident) incident = get (f, id);

  g_assert_cmpint (sitrep_incident_get_status (incident), ==, SITREP_STATUS_RECOVERED);
  g_assert_null (sitrep_incident_get_resolution (incident));
  g_assert_cmpint (sitrep_incident_get_cause_category (incident), ==, SITREP_CAUSE_NONE);
  g_assert_null (sitrep_incident_get_root_cause (incident));
  g_assert_cmpuint (count_entries (f->store, id), ==, n_entries);
}

/* the fields with their entries, then the status entry; one signal */
static void
test_resolve_with_fields (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  gint64 id = create_recovered (f);
  guint before = count_entries (f->store, id);
  guint signals = 0;
  gint64 now = sitrep_clock_get_now (f->clock);
  const char *const details[] = { "resolution", "cause_category" };

  g_signal_connect_swapped (f->store, "incident-changed", G_CALLBACK (count_cb), &signals);
  g_assert_true (sitrep_store_resolve_with (f->store, id, SITREP_TIME_NONE, "Ann", NULL,
                                            "  Restarted the mail relay ", "software", NULL,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (signals, ==, 1);

  incident = get (f, id);
  g_assert_cmpint (sitrep_incident_get_status (incident), ==, SITREP_STATUS_RESOLVED);
  g_assert_cmpint (sitrep_incident_get_resolved_at (incident), ==, now);
  g_assert_cmpstr (sitrep_incident_get_resolution (incident), ==, "Restarted the mail relay");
  g_assert_cmpint (sitrep_incident_get_cause_category (incident), ==, SITREP_CAUSE_SOFTWARE);
  g_assert_null (sitrep_incident_get_root_cause (incident));

  g_assert_cmpuint (count_entries (f->store, id), ==, before + 3);
  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    {
      g_autoptr(SitrepTimelineEntry) entry = get_entry (f, id, before + i);

      g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_FIELD);
      g_assert_cmpstr (sitrep_timeline_entry_get_detail (entry), ==, details[i]);
      g_assert_cmpstr (sitrep_timeline_entry_get_author (entry), ==, "Ann");
    }

  {
    g_autoptr(SitrepTimelineEntry) entry = get_entry (f, id, before + 2);

    g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_STATUS);
    g_assert_cmpstr (sitrep_timeline_entry_get_detail (entry), ==, "resolved");
  }
}

/* a value the field already has writes no entry for it */
static void
test_resolve_with_unchanged (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create_recovered (f);
  guint before;

  g_assert_true (sitrep_store_set_field (f->store, id, "resolution", "Restarted", "Bob",
                                         &error));
  before = count_entries (f->store, id);
  g_assert_true (sitrep_store_resolve_with (f->store, id, SITREP_TIME_NONE, "Ann", NULL,
                                            "Restarted", "network", "A bad route", &error));
  g_assert_no_error (error);
  /* cause, root cause, status */
  g_assert_cmpuint (count_entries (f->store, id), ==, before + 3);
  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_RESOLVED);
}

/* a refusal, whatever its reason, takes back the fields written before it */
static void
test_resolve_with_refused (Fixture       *f,
                           gconstpointer  data)
{
  gint64 id = create_recovered (f);
  gint64 new_id = create (f->store, "Printer jam", "print", 1, sitrep_clock_get_now (f->clock));
  guint before = count_entries (f->store, id);
  guint signals = 0;

  g_signal_connect_swapped (f->store, "incident-changed", G_CALLBACK (count_cb), &signals);

  {
    g_autoptr(GError) error = NULL;

    /* "Not yet known" does not satisfy the rule */
    g_assert_false (sitrep_store_resolve_with (f->store, id, SITREP_TIME_NONE, "Ann", NULL,
                                               "Restarted", "unknown", "A bad route",
                                               &error));
    g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
    assert_untouched (f, id, before);
  }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (sitrep_store_resolve_with (f->store, id, SITREP_TIME_NONE, "Ann", NULL,
                                               "Restarted", "weather", NULL, &error));
    g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
    assert_untouched (f, id, before);
  }

  {
    g_autoptr(GError) error = NULL;

    /* in the future */
    g_assert_false (sitrep_store_resolve_with (f->store, id,
                                               sitrep_clock_get_now (f->clock) + 3600, "Ann",
                                               NULL, "Restarted", "software", NULL, &error));
    g_assert_nonnull (error);
    assert_untouched (f, id, before);
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SitrepIncident) incident = NULL;
    guint new_before = count_entries (f->store, new_id);

    /* a new incident cannot be resolved */
    g_assert_false (sitrep_store_resolve_with (f->store, new_id, SITREP_TIME_NONE, "Ann", NULL,
                                               "Restarted", "software", NULL, &error));
    g_assert_nonnull (error);
    incident = get (f, new_id);
    g_assert_cmpint (sitrep_incident_get_status (incident), ==, SITREP_STATUS_NEW);
    g_assert_null (sitrep_incident_get_resolution (incident));
    g_assert_cmpint (sitrep_incident_get_cause_category (incident), ==, SITREP_CAUSE_NONE);
    g_assert_cmpuint (count_entries (f->store, new_id), ==, new_before);
  }

  g_assert_cmpuint (signals, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_store_test ("resolve/with-fields", test_resolve_with_fields);
  add_store_test ("resolve/unchanged", test_resolve_with_unchanged);
  add_store_test ("resolve/refused", test_resolve_with_refused);

  return g_test_run ();
}
