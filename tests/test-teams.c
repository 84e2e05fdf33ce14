/* test-teams.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sitrep-incident-workflow.h"
#include "sitrep-sla.h"
#include "test-store-common.h"

/*
 * Functional escalation: an open incident is assigned to a team with its
 * clocks running; the team's resolution and the owner's confirmation at
 * closing are recorded; Transfer stays what it was.
 */

#define HOUR_S G_GINT64_CONSTANT (3600)

static SitrepIncident *
get (Fixture *f,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  SitrepIncident *incident = sitrep_store_get_incident (f->store, id, &error);

  g_assert_no_error (error);
  return incident;
}

static void
assert_last_entry (Fixture         *f,
                   gint64           id,
                   SitrepEntryKind  kind,
                   const char      *text)
{
  g_autoptr(SitrepTimelineEntry) entry = last_entry (f->store, id);

  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, kind);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, text);
}

static void
transition (Fixture          *f,
            gint64            id,
            SitrepTransition  transition,
            const char       *comment,
            const char       *to)
{
  g_autoptr(GError) error = NULL;

  gboolean ok = sitrep_store_transition (f->store, id, transition, SITREP_TIME_NONE, "Ann",
                                         comment, to, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

/* assign, reassign, unassign: each one timeline entry; the clocks run */
typedef struct
{
  const char *team;     /* NULL: unassign */
  const char *entry;    /* the timeline's words */
  const char *expected; /* the incident's team afterwards */
} AssignStep;

static const AssignStep assign_steps[] = {
  { "Developers",    "Assigned to Developers",                       "Developers" },
  { "Network group", "Reassigned from Developers to Network group",  "Network group" },
  { NULL,            "Unassigned from Network group",                NULL },
  { "  Database group ", "Assigned to Database group",               "Database group" },
};

static void
test_assign_reassign_unassign (Fixture       *f,
                               gconstpointer  data)
{
  gint64 id = create (f->store, "Payments fail", "Payments", 1, T0);
  SitrepDeadline before[SITREP_N_DEADLINES];
  SitrepDeadline after[SITREP_N_DEADLINES];
  g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (f->store);

  {
    g_autoptr(SitrepIncident) incident = get (f, id);

    sitrep_sla_compute_deadlines (incident, policy, T0, before);
  }

  for (guint i = 0; i < G_N_ELEMENTS (assign_steps); i++)
    {
      const AssignStep *step = &assign_steps[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(SitrepIncident) incident = NULL;
      guint entries = count_entries (f->store, id);

      sitrep_clock_set_now (f->clock, T0 + (i + 1) * HOUR_S);
      g_assert_true (sitrep_store_assign_team (f->store, id, step->team, SITREP_TIME_NONE, "Ann",
                                               NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (count_entries (f->store, id), ==, entries + 1);
      assert_last_entry (f, id, SITREP_ENTRY_KIND_TEAM, step->entry);

      incident = get (f, id);
      g_assert_cmpstr (sitrep_incident_get_team (incident), ==, step->expected);
      g_assert_cmpint (sitrep_incident_get_team_assigned_at (incident),
                       ==, step->expected != NULL ? T0 + (i + 1) * HOUR_S : SITREP_TIME_NONE);
      g_assert_cmpint (sitrep_incident_get_status (incident), ==, SITREP_STATUS_NEW);

      sitrep_sla_compute_deadlines (incident, policy, T0, after);
      for (guint k = 0; k < SITREP_N_DEADLINES; k++)
        g_assert_cmpint (after[k].due, ==, before[k].due);
    }

  /* the same team again changes nothing */
  {
    g_autoptr(GError) error = NULL;
    guint entries = count_entries (f->store, id);

    g_assert_true (sitrep_store_assign_team (f->store, id, "Database group", SITREP_TIME_NONE,
                                             "Ann", NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_entries (f->store, id), ==, entries);
  }
}

/* escalated to developers, team resolved, then transferred to problem
 * management and closed with the owner's confirmation */
static void
test_escalate_then_transfer (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  gint64 id = create (f->store, "Payments fail", "Payments", 2, T0);

  g_assert_true (sitrep_store_set_owner (f->store, id, "Ben", "Ann", &error));
  g_assert_no_error (error);
  sitrep_clock_set_now (f->clock, T0 + HOUR_S);
  transition (f, id, SITREP_TRANSITION_ACKNOWLEDGE, NULL, NULL);
  g_assert_true (sitrep_store_assign_team (f->store, id, "Developers", SITREP_TIME_NONE, "Ann",
                                           "needs a code fix", &error));
  g_assert_no_error (error);
  assert_last_entry (f, id, SITREP_ENTRY_KIND_TEAM, "Assigned to Developers: needs a code fix");

  /* no resolution text, no record */
  g_assert_false (sitrep_store_record_team_resolved (f->store, id, " ", SITREP_TIME_NONE, "Dev",
                                                     &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  sitrep_clock_set_now (f->clock, T0 + 2 * HOUR_S);
  transition (f, id, SITREP_TRANSITION_RECOVER, NULL, NULL);
  sitrep_clock_set_now (f->clock, T0 + 3 * HOUR_S);
  g_assert_true (sitrep_store_record_team_resolved (f->store, id, "Patched the retry loop",
                                                    SITREP_TIME_NONE, "Dev", &error));
  g_assert_no_error (error);
  assert_last_entry (f, id, SITREP_ENTRY_KIND_TEAM, "Developers resolved: Patched the retry loop");

  g_assert_false (sitrep_store_record_team_resolved (f->store, id, "again", SITREP_TIME_NONE,
                                                     "Dev", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TRANSITION);
  g_clear_error (&error);

  incident = get (f, id);
  g_assert_cmpint (sitrep_incident_get_team_resolved_at (incident), ==, T0 + 3 * HOUR_S);
  g_assert_cmpstr (sitrep_incident_get_team_resolution (incident), ==, "Patched the retry loop");
  g_assert_cmpint (sitrep_incident_get_status (incident), ==, SITREP_STATUS_RECOVERED);
  g_clear_object (&incident);

  /* Transfer as it always was: it meets the resolution deadline */
  sitrep_clock_set_now (f->clock, T0 + 4 * HOUR_S);
  transition (f, id, SITREP_TRANSITION_TRANSFER, NULL, "problem management");
  incident = get (f, id);
  g_assert_cmpint (sitrep_incident_get_status (incident), ==, SITREP_STATUS_TRANSFERRED);
  g_assert_cmpstr (sitrep_incident_get_transferred_to (incident), ==, "problem management");
  g_assert_cmpstr (sitrep_incident_get_team (incident), ==, "Developers");
  {
    g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (f->store);
    SitrepDeadline d[SITREP_N_DEADLINES];

    sitrep_sla_compute_deadlines (incident, policy, T0 + 5 * HOUR_S, d);
    g_assert_cmpint (d[SITREP_DEADLINE_RESOLUTION].met_at, ==, T0 + 4 * HOUR_S);
  }
  g_clear_object (&incident);

  /* a transferred incident is no longer open: no team changes */
  g_assert_false (sitrep_store_assign_team (f->store, id, "Network group", SITREP_TIME_NONE,
                                            "Ann", NULL, &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TRANSITION);
  g_clear_error (&error);

  /* closing records the owner's confirmation, then the status */
  sitrep_clock_set_now (f->clock, T0 + 5 * HOUR_S);
  transition (f, id, SITREP_TRANSITION_CLOSE, NULL, NULL);
  {
    g_autoptr(GPtrArray) timeline = sitrep_store_list_timeline (f->store, id, &error);
    SitrepTimelineEntry *confirm;

    g_assert_no_error (error);
    g_assert_cmpuint (timeline->len, >=, 2);
    confirm = g_ptr_array_index (timeline, timeline->len - 2);
    g_assert_cmpint (sitrep_timeline_entry_get_kind (confirm), ==, SITREP_ENTRY_KIND_TEAM);
    g_assert_cmpstr (sitrep_timeline_entry_get_text (confirm),
                     ==, "Ben confirmed Developers’s resolution before closing");
    g_assert_cmpstr (sitrep_timeline_entry_get_author (confirm), ==, "Ann");
  }
}

/* closing an incident that was never escalated records no confirmation */
static void
test_close_without_team (Fixture       *f,
                         gconstpointer  data)
{
  gint64 id = create (f->store, "Payments fail", "Payments", 3, T0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timeline = NULL;

  sitrep_clock_set_now (f->clock, T0 + HOUR_S);
  transition (f, id, SITREP_TRANSITION_ACKNOWLEDGE, NULL, NULL);
  transition (f, id, SITREP_TRANSITION_RECOVER, NULL, NULL);
  transition (f, id, SITREP_TRANSITION_RESOLVE, "answered", NULL);
  transition (f, id, SITREP_TRANSITION_CLOSE, NULL, NULL);

  timeline = sitrep_store_list_timeline (f->store, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < timeline->len; i++)
    g_assert_cmpint (sitrep_timeline_entry_get_kind (g_ptr_array_index (timeline, i)),
                     !=, SITREP_ENTRY_KIND_TEAM);
}

/* the picker offers the roster's teams first, then the usual ones */
static void
test_list_teams (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) teams = NULL;
  g_autoptr(SitrepContact) storage = sitrep_contact_new ();
  g_autoptr(SitrepContact) person = sitrep_contact_new ();
  g_autoptr(SitrepContact) developers = sitrep_contact_new ();

  teams = sitrep_store_list_teams (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (teams->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (teams, 0), ==, "Developers");
  g_assert_cmpstr (g_ptr_array_index (teams, 1), ==, "Network group");
  g_assert_cmpstr (g_ptr_array_index (teams, 2), ==, "Database group");
  g_clear_pointer (&teams, g_ptr_array_unref);

  sitrep_contact_set_name (storage, "Storage group");
  sitrep_contact_set_role (storage, SITREP_ROLE_TEAM);
  sitrep_contact_set_name (person, "Carla");
  sitrep_contact_set_role (person, SITREP_ROLE_DEVELOPER);
  sitrep_contact_set_name (developers, "Developers");
  sitrep_contact_set_role (developers, SITREP_ROLE_TEAM);
  g_assert_true (sitrep_store_save_contact (f->store, storage, &error));
  g_assert_true (sitrep_store_save_contact (f->store, person, &error));
  g_assert_true (sitrep_store_save_contact (f->store, developers, &error));
  g_assert_no_error (error);

  teams = sitrep_store_list_teams (f->store, &error);
  g_assert_no_error (error);
  /* the roster's teams in its order (by name), people left out */
  g_assert_cmpuint (teams->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (teams, 0), ==, "Developers");
  g_assert_cmpstr (g_ptr_array_index (teams, 1), ==, "Storage group");
  g_assert_cmpstr (g_ptr_array_index (teams, 2), ==, "Network group");
  g_assert_cmpstr (g_ptr_array_index (teams, 3), ==, "Database group");
}

/* A version-4 database gains the team columns and keeps its incidents. */
static void
test_migration_from_4 (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  gint64 id = create (f->store, "Payments fail", "Payments", 1, T0);

  g_clear_object (&f->store);
  store_test_downgrade_to_4 (f->path);

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);

  sitrep_clock_set_now (f->clock, T0 + HOUR_S);
  g_assert_true (sitrep_store_assign_team (f->store, id, "Developers", SITREP_TIME_NONE, "Ann",
                                           NULL, &error));
  g_assert_no_error (error);
  incident = get (f, id);
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Payments fail");
  g_assert_cmpstr (sitrep_incident_get_team (incident), ==, "Developers");
}

static void
add (const char    *name,
     StoreTestFunc  func)
{
  g_autofree char *path = g_strconcat ("/sitrep/teams/", name, NULL);

  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add ("assign-reassign-unassign", test_assign_reassign_unassign);
  add ("escalate-then-transfer", test_escalate_then_transfer);
  add ("close-without-team", test_close_without_team);
  add ("list-teams", test_list_teams);
  /* from an older desk file's schema: a team database has its own */
  if (!store_test_on_team ())
    add ("migration-from-4", test_migration_from_4);

  return g_test_run ();
}
