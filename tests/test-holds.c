/* test-holds.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sitrep-incident-workflow.h"
#include "sitrep-interchange.h"
#include "sitrep-sla.h"
#include "sitrep-time.h"
#include "test-store-common.h"

/*
 * Holds: the resolution clock stands still while an incident is on hold,
 * and its due moment moves by exactly the time it stood still — once,
 * whatever happens around it.
 */

#define MIN_S  G_GINT64_CONSTANT (60)
#define HOUR_S G_GINT64_CONSTANT (3600)
#define DAY_S  G_GINT64_CONSTANT (86400)

/* level 1 resolution window */
#define RES1 (7 * DAY_S)

typedef enum
{
  OP_END,
  OP_HOLD,
  OP_RELEASE,
  OP_LEVEL,       /* arg: the new level */
  OP_ACK,
  OP_RECOVER,
  OP_RESOLVE,
  OP_REOPEN,
  OP_PAUSES,      /* arg: 1 when a hold pauses resolution, 0 when not */
} Op;

typedef struct
{
  Op     op;
  gint64 at;      /* seconds after T0 */
  int    arg;
} Step;

typedef struct
{
  const char          *name;
  int                  level;
  Step                 steps[10];
  gint64               check_at;        /* after T0 */
  gint64               resolution_due;  /* after T0, judged at check_at */
  SitrepDeadlineState  state;
  gint64               held;
  /* the stored column, after T0 (-1: NULL); a reopened incident owes its
   * recovery again, which falls due first */
  gint64               next_due;
} HoldCase;

static const HoldCase cases[] = {
  /* hold → release → hold → release: both spans count, once each */
  { "hold-release-hold", 1,
    { { OP_ACK, 1 * MIN_S }, { OP_RECOVER, 30 * MIN_S },
      { OP_HOLD, 1 * HOUR_S }, { OP_RELEASE, 2 * HOUR_S },
      { OP_HOLD, 3 * HOUR_S }, { OP_RELEASE, 3 * HOUR_S + 30 * MIN_S } },
    4 * HOUR_S, RES1 + HOUR_S + 30 * MIN_S, SITREP_DEADLINE_STATE_PENDING, 90 * MIN_S,
    RES1 + HOUR_S + 30 * MIN_S },

  /* a hold of exactly N seconds moves the due by N */
  { "exactly-n-seconds", 1,
    { { OP_ACK, 1 * MIN_S }, { OP_RECOVER, 2 * MIN_S },
      { OP_HOLD, 100 }, { OP_RELEASE, 100 + 12345 } },
    DAY_S, RES1 + 12345, SITREP_DEADLINE_STATE_PENDING, 12345, RES1 + 12345 },

  /* still held: paused, no due for the list or the alerts, and the due
   * judged now counts the hold up to now */
  { "still-held", 1,
    { { OP_ACK, 1 * MIN_S }, { OP_RECOVER, 2 * MIN_S }, { OP_HOLD, HOUR_S } },
    5 * HOUR_S, RES1 + 4 * HOUR_S, SITREP_DEADLINE_STATE_PAUSED, 4 * HOUR_S, -1 },

  /* a paused clock does not warn, although its warning moment (without
   * the hold) has passed */
  { "held-past-warning", 1,
    { { OP_ACK, 1 * MIN_S }, { OP_RECOVER, 2 * MIN_S }, { OP_HOLD, HOUR_S } },
    6 * DAY_S, RES1 + 6 * DAY_S - HOUR_S, SITREP_DEADLINE_STATE_PAUSED, 6 * DAY_S - HOUR_S,
    -1 },

  /* across a level change: the due follows the new level's window, moved
   * by the whole hold */
  { "hold-across-level-change", 2,
    { { OP_ACK, 1 * MIN_S }, { OP_RECOVER, 2 * MIN_S },
      { OP_HOLD, DAY_S }, { OP_LEVEL, 2 * DAY_S, 1 }, { OP_RELEASE, 3 * DAY_S } },
    4 * DAY_S, RES1 + 2 * DAY_S, SITREP_DEADLINE_STATE_PENDING, 2 * DAY_S,
    RES1 + 2 * DAY_S },

  /* a level change that puts the due before the hold began: the hold came
   * after the breach and does not undo it */
  { "level-change-breached-before-hold", 3,
    { { OP_ACK, 1 * MIN_S }, { OP_RECOVER, 2 * MIN_S },
      { OP_HOLD, 10 * DAY_S }, { OP_LEVEL, 11 * DAY_S, 1 }, { OP_RELEASE, 12 * DAY_S } },
    13 * DAY_S, RES1, SITREP_DEADLINE_STATE_BREACHED, 0, RES1 },

  /* a hold that begins after the deadline was breached does not un-breach
   * it, held or released */
  { "hold-after-breach", 1,
    { { OP_ACK, 1 * MIN_S }, { OP_RECOVER, 2 * MIN_S },
      { OP_HOLD, 8 * DAY_S } },
    9 * DAY_S, RES1, SITREP_DEADLINE_STATE_BREACHED, 0, RES1 },

  /* reopen after a hold: the hold counts once, not again */
  { "reopen-after-hold", 1,
    { { OP_ACK, 1 * MIN_S }, { OP_RECOVER, 2 * MIN_S },
      { OP_HOLD, HOUR_S }, { OP_RELEASE, 2 * HOUR_S },
      { OP_RESOLVE, 3 * HOUR_S }, { OP_REOPEN, 4 * HOUR_S } },
    5 * HOUR_S, RES1 + HOUR_S, SITREP_DEADLINE_STATE_PENDING, HOUR_S, 2 * HOUR_S },

  /* reopen, then a second hold: both count, once each */
  { "reopen-then-hold-again", 1,
    { { OP_ACK, 1 * MIN_S }, { OP_RECOVER, 2 * MIN_S },
      { OP_HOLD, HOUR_S }, { OP_RELEASE, 2 * HOUR_S },
      { OP_RESOLVE, 3 * HOUR_S }, { OP_REOPEN, 4 * HOUR_S },
      { OP_HOLD, 5 * HOUR_S }, { OP_RELEASE, 7 * HOUR_S } },
    8 * HOUR_S, RES1 + 3 * HOUR_S, SITREP_DEADLINE_STATE_PENDING, 3 * HOUR_S, 2 * HOUR_S },

  /* resolving ends the hold: reopened, the clock counts the hold up to
   * the resolution only */
  { "resolve-while-held-then-reopen", 1,
    { { OP_ACK, 1 * MIN_S }, { OP_RECOVER, 2 * MIN_S },
      { OP_HOLD, HOUR_S }, { OP_RESOLVE, 3 * HOUR_S }, { OP_REOPEN, 4 * HOUR_S } },
    5 * HOUR_S, RES1 + 2 * HOUR_S, SITREP_DEADLINE_STATE_PENDING, 2 * HOUR_S, 2 * HOUR_S },

  /* the policy says holds pause nothing: the clock runs on, and turning
   * pausing on later does not rewrite the hold */
  { "policy-pauses-nothing", 1,
    { { OP_ACK, 1 * MIN_S }, { OP_RECOVER, 2 * MIN_S }, { OP_PAUSES, 3 * MIN_S, 0 },
      { OP_HOLD, HOUR_S }, { OP_RELEASE, 2 * HOUR_S }, { OP_PAUSES, 3 * HOUR_S, 1 } },
    4 * HOUR_S, RES1, SITREP_DEADLINE_STATE_PENDING, 0, RES1 },
};

static void
set_pauses (Fixture *f,
            gboolean pauses)
{
  g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (f->store);
  g_autoptr(GError) error = NULL;

  sitrep_policy_set_hold_pauses (policy, pauses ? SITREP_DEFAULT_HOLD_PAUSES : 0);
  g_assert_true (sitrep_store_set_policy (f->store, policy, "Ann", &error));
  g_assert_no_error (error);
}

static void
run_step (Fixture    *f,
          gint64      id,
          const Step *step)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  sitrep_clock_set_now (f->clock, T0 + step->at);

  switch (step->op)
    {
    case OP_HOLD:
      ok = sitrep_store_put_on_hold (f->store, id, SITREP_TIME_NONE, "waiting for the vendor",
                                     "Ann", &error);
      break;
    case OP_RELEASE:
      ok = sitrep_store_release_hold (f->store, id, SITREP_TIME_NONE, "Ann", &error);
      break;
    case OP_LEVEL:
      /* lowering a level needs a reason */
      ok = sitrep_store_set_level (f->store, id, step->arg, SITREP_TIME_NONE, "Ann",
                                   "the impact changed", &error);
      break;
    case OP_ACK:
      ok = sitrep_store_transition (f->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                    SITREP_TIME_NONE, "Ann", NULL, NULL, &error);
      break;
    case OP_RECOVER:
      ok = sitrep_store_transition (f->store, id, SITREP_TRANSITION_RECOVER,
                                    SITREP_TIME_NONE, "Ann", NULL, NULL, &error);
      break;
    case OP_RESOLVE:
      /* the record rules ask a level-1 or level-2 incident for these */
      ok = sitrep_store_set_field (f->store, id, "cause_category", "software", "Ann", &error) &&
           sitrep_store_set_field (f->store, id, "resolution", "Patched", "Ann", &error) &&
           sitrep_store_transition (f->store, id, SITREP_TRANSITION_RESOLVE,
                                    SITREP_TIME_NONE, "Ann", "fixed", NULL, &error);
      break;
    case OP_REOPEN:
      ok = sitrep_store_transition (f->store, id, SITREP_TRANSITION_REOPEN,
                                    SITREP_TIME_NONE, "Ann", "back again", NULL, &error);
      break;
    case OP_PAUSES:
      set_pauses (f, step->arg != 0);
      break;
    case OP_END:
    default:
      g_assert_not_reached ();
    }

  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
get_deadlines (Fixture        *f,
               gint64          id,
               gint64          now,
               SitrepDeadline  deadlines[SITREP_N_DEADLINES])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_store_get_incident (f->store, id, &error);
  g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (f->store);

  g_assert_no_error (error);
  sitrep_sla_compute_deadlines (incident, policy, now, deadlines);
}

static gint64
get_next_due_column (Fixture *f,
                     gint64   id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (next_due, -1) FROM incidents "
                                          "WHERE id = %" G_GINT64_FORMAT, id);

  return raw_int64 (f->path, sql);
}

static void
test_hold_case (Fixture       *f,
                gconstpointer  data)
{
  const HoldCase *c = data;
  SitrepDeadline deadlines[SITREP_N_DEADLINES];
  const SitrepDeadline *resolution = &deadlines[SITREP_DEADLINE_RESOLUTION];
  gint64 id = create (f->store, "Payments fail", "Payments", c->level, T0);

  for (guint i = 0; i < G_N_ELEMENTS (c->steps) && c->steps[i].op != OP_END; i++)
    run_step (f, id, &c->steps[i]);

  sitrep_clock_set_now (f->clock, T0 + c->check_at);
  get_deadlines (f, id, T0 + c->check_at, deadlines);

  g_assert_cmpint (resolution->due - T0, ==, c->resolution_due);
  g_assert_cmpint (resolution->state, ==, c->state);
  g_assert_cmpint (resolution->held, ==, c->held);
  g_assert_cmpint (get_next_due_column (f, id),
                   ==, c->next_due < 0 ? -1 : T0 + c->next_due);
}

/* A paused clock raises no alert; release re-arms it at the moved due. */
static void
test_alerts_wait_for_release (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (f->store);
  g_autoptr(GArray) moments = NULL;
  gint64 id = create (f->store, "Payments fail", "Payments", 1, T0);

  run_step (f, id, &(Step) { OP_ACK, MIN_S });
  run_step (f, id, &(Step) { OP_RECOVER, 2 * MIN_S });
  run_step (f, id, &(Step) { OP_HOLD, HOUR_S });

  incident = sitrep_store_get_incident (f->store, id, &error);
  g_assert_no_error (error);
  moments = sitrep_sla_list_alert_moments (incident, policy);
  for (guint i = 0; i < moments->len; i++)
    g_assert_false (g_str_has_prefix (g_array_index (moments, SitrepAlertMoment, i).key,
                                      "resolution-"));
  g_clear_pointer (&moments, g_array_unref);
  g_clear_object (&incident);

  run_step (f, id, &(Step) { OP_RELEASE, 3 * HOUR_S });
  incident = sitrep_store_get_incident (f->store, id, &error);
  g_assert_no_error (error);
  moments = sitrep_sla_list_alert_moments (incident, policy);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < moments->len; i++)
      {
        const SitrepAlertMoment *m = &g_array_index (moments, SitrepAlertMoment, i);

        if (g_str_equal (m->key, "resolution-breach"))
          {
            g_assert_cmpint (m->at, ==, T0 + RES1 + 2 * HOUR_S);
            found = TRUE;
          }
      }
    g_assert_true (found);
  }
}

/* What "--status --at" sees: a hold that had not begun does not count, a
 * hold that ended later counts up to the moment judged. */
static void
test_judged_at_earlier_moments (Fixture       *f,
                                gconstpointer  data)
{
  SitrepDeadline d[SITREP_N_DEADLINES];
  gint64 id = create (f->store, "Payments fail", "Payments", 1, T0);

  run_step (f, id, &(Step) { OP_ACK, MIN_S });
  run_step (f, id, &(Step) { OP_RECOVER, 2 * MIN_S });
  run_step (f, id, &(Step) { OP_HOLD, HOUR_S });
  run_step (f, id, &(Step) { OP_RELEASE, 3 * HOUR_S });

  get_deadlines (f, id, T0 + 30 * MIN_S, d);
  g_assert_cmpint (d[SITREP_DEADLINE_RESOLUTION].due, ==, T0 + RES1);
  g_assert_cmpint (d[SITREP_DEADLINE_RESOLUTION].state, ==, SITREP_DEADLINE_STATE_PENDING);

  get_deadlines (f, id, T0 + 2 * HOUR_S, d);
  g_assert_cmpint (d[SITREP_DEADLINE_RESOLUTION].due, ==, T0 + RES1 + HOUR_S);
  g_assert_cmpint (d[SITREP_DEADLINE_RESOLUTION].state, ==, SITREP_DEADLINE_STATE_PAUSED);

  get_deadlines (f, id, T0 + 10 * DAY_S, d);
  g_assert_cmpint (d[SITREP_DEADLINE_RESOLUTION].due, ==, T0 + RES1 + 2 * HOUR_S);
  g_assert_cmpint (d[SITREP_DEADLINE_RESOLUTION].state, ==, SITREP_DEADLINE_STATE_BREACHED);
}

/* Response and recovery never stop on hold. */
static void
test_response_and_recovery_run (Fixture       *f,
                                gconstpointer  data)
{
  SitrepDeadline d[SITREP_N_DEADLINES];
  gint64 id = create (f->store, "Payments fail", "Payments", 1, T0);

  run_step (f, id, &(Step) { OP_HOLD, MIN_S });
  run_step (f, id, &(Step) { OP_RELEASE, 20 * MIN_S });

  get_deadlines (f, id, T0 + 30 * MIN_S, d);
  g_assert_cmpint (d[SITREP_DEADLINE_RESPONSE].due, ==, T0 + 10 * MIN_S);
  g_assert_cmpint (d[SITREP_DEADLINE_RESPONSE].state, ==, SITREP_DEADLINE_STATE_BREACHED);
  g_assert_cmpint (d[SITREP_DEADLINE_RECOVERY].due, ==, T0 + 2 * HOUR_S);
  g_assert_cmpint (d[SITREP_DEADLINE_RESOLUTION].due, ==, T0 + RES1 + 19 * MIN_S);
}

/* The rules: a reason is needed, one hold at a time, open incidents only,
 * no release without a hold; a refused write leaves no trace. */
static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (f->store, "Payments fail", "Payments", 1, T0);
  guint entries = count_entries (f->store, id);

  sitrep_clock_set_now (f->clock, T0 + HOUR_S);
  g_assert_false (sitrep_store_put_on_hold (f->store, id, SITREP_TIME_NONE, "  ", "Ann", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  g_assert_false (sitrep_store_release_hold (f->store, id, SITREP_TIME_NONE, "Ann", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TRANSITION);
  g_clear_error (&error);

  g_assert_false (sitrep_store_put_on_hold (f->store, id, T0 - 1, "customer", "Ann", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TIME);
  g_clear_error (&error);

  g_assert_false (sitrep_store_put_on_hold (f->store, id, T0 + 2 * HOUR_S, "customer", "Ann",
                                            &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TIME);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (f->store, id), ==, entries);

  g_assert_true (sitrep_store_put_on_hold (f->store, id, SITREP_TIME_NONE, "customer", "Ann",
                                           &error));
  g_assert_no_error (error);
  g_assert_false (sitrep_store_put_on_hold (f->store, id, SITREP_TIME_NONE, "vendor", "Ann",
                                            &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TRANSITION);
  g_clear_error (&error);

  /* backdated release before the hold began */
  g_assert_false (sitrep_store_release_hold (f->store, id, T0 + 30 * MIN_S, "Ann", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TIME);
  g_clear_error (&error);

  g_assert_cmpuint (count_entries (f->store, id), ==, entries + 1);
  {
    g_autoptr(SitrepTimelineEntry) entry = last_entry (f->store, id);

    g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_HOLD);
    g_assert_nonnull (strstr (sitrep_timeline_entry_get_text (entry), "customer"));
  }

  /* cancelled while held: the hold ends with it, and a cancelled
   * incident cannot be held */
  g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_CANCEL,
                                          SITREP_TIME_NONE, "Ann", "duplicate", NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(SitrepIncident) incident = sitrep_store_get_incident (f->store, id, &error);

    g_assert_null (sitrep_incident_get_current_hold (incident));
    g_assert_cmpuint (sitrep_incident_get_n_holds (incident), ==, 1);
    g_assert_cmpint (sitrep_incident_get_hold (incident, 0)->ended_at, ==, T0 + HOUR_S);
  }
  g_assert_false (sitrep_store_put_on_hold (f->store, id, SITREP_TIME_NONE, "customer", "Ann",
                                            &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TRANSITION);
}

/* Across daylight-saving changes in Europe/Berlin: the wall clock jumps,
 * the due moves by the real seconds held. */
typedef struct
{
  const char *name;
  const char *reported;     /* RFC 3339 */
  const char *hold;
  const char *release;
  gint64      held;
  const char *local_due;    /* the due in Berlin's local time */
} DstCase;

static const DstCase dst_cases[] = {
  /* spring forward: 01:30 CET to 03:30 CEST is one hour */
  { "spring-forward", "2026-03-28T12:00:00Z", "2026-03-29T00:30:00Z",
    "2026-03-29T01:30:00Z", HOUR_S, "2026-04-04 15:00:00 CEST" },
  /* fall back: 02:30 CEST to 02:30 CET is one hour */
  { "fall-back", "2026-10-24T12:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z",
    HOUR_S, "2026-10-31 14:00:00 CET" },
  /* a whole day across the change: 86400 s, not a calendar day */
  { "day-across-spring", "2026-03-28T12:00:00Z", "2026-03-28T20:00:00Z",
    "2026-03-29T20:00:00Z", DAY_S, "2026-04-05 14:00:00 CEST" },
};

static gint64
parse (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static void
test_dst_case (Fixture       *f,
               gconstpointer  data)
{
  const DstCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *text = NULL;
  SitrepDeadline d[SITREP_N_DEADLINES];
  gint64 reported = parse (c->reported);
  gint64 id;

  g_assert_nonnull (berlin);
  sitrep_clock_set_now (f->clock, reported);
  id = create (f->store, "Payments fail", "Payments", 1, reported);

  sitrep_clock_set_now (f->clock, parse (c->release) + HOUR_S);
  g_assert_true (sitrep_store_put_on_hold (f->store, id, parse (c->hold), "vendor", "Ann",
                                           &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_release_hold (f->store, id, parse (c->release), "Ann", &error));
  g_assert_no_error (error);

  get_deadlines (f, id, parse (c->release) + HOUR_S, d);
  g_assert_cmpint (d[SITREP_DEADLINE_RESOLUTION].due - (reported + RES1), ==, c->held);
  g_assert_cmpint (d[SITREP_DEADLINE_RESOLUTION].held, ==, c->held);

  local = g_date_time_new_from_unix_local (d[SITREP_DEADLINE_RESOLUTION].due);
  text = g_date_time_format (local, "%Y-%m-%d %H:%M:%S %Z");
  g_assert_cmpstr (text, ==, c->local_due);
}

/* A version-4 database gains the holds and keeps its incidents. */
static void
test_migration_from_4 (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(SitrepPolicy) policy = NULL;
  gint64 id = create (f->store, "Payments fail", "Payments", 1, T0);

  g_clear_object (&f->store);
  store_test_downgrade_to_4 (f->path);

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_store_get_schema_version (f->store), ==, SITREP_STORE_SCHEMA_VERSION);

  incident = sitrep_store_get_incident (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Payments fail");
  g_assert_cmpuint (sitrep_incident_get_n_holds (incident), ==, 0);
  g_assert_null (sitrep_incident_get_team (incident));

  policy = sitrep_store_get_policy (f->store);
  g_assert_cmpuint (sitrep_policy_get_hold_pauses (policy), ==, SITREP_DEFAULT_HOLD_PAUSES);

  sitrep_clock_set_now (f->clock, T0 + HOUR_S);
  g_assert_true (sitrep_store_put_on_hold (f->store, id, SITREP_TIME_NONE, "customer", "Ann",
                                           &error));
  g_assert_no_error (error);
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
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

/* The export carries the holds and the escalation; importing it into an
 * empty database gives the same incident and the same export. */
static void
test_interchange_round_trip (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) other = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(SitrepImportResult) result = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  SitrepDeadline d[SITREP_N_DEADLINES];
  gint64 id = create (f->store, "Payments fail", "Payments", 1, T0);

  run_step (f, id, &(Step) { OP_ACK, MIN_S });
  run_step (f, id, &(Step) { OP_HOLD, HOUR_S });
  run_step (f, id, &(Step) { OP_RELEASE, 2 * HOUR_S });
  sitrep_clock_set_now (f->clock, T0 + 3 * HOUR_S);
  g_assert_true (sitrep_store_assign_team (f->store, id, "Network group", SITREP_TIME_NONE,
                                           "Ann", NULL, &error));
  g_assert_true (sitrep_store_record_team_resolved (f->store, id, "Replaced the switch",
                                                    SITREP_TIME_NONE, "Net", &error));
  g_assert_no_error (error);
  run_step (f, id, &(Step) { OP_HOLD, 4 * HOUR_S });
  sitrep_clock_set_now (f->clock, T0 + 5 * HOUR_S);

  first = export_text (f->store);
  g_assert_nonnull (strstr (first, "\"holds\""));
  g_assert_nonnull (strstr (first, "\"escalation\""));
  g_assert_nonnull (strstr (first, "Replaced the switch"));
  g_assert_nonnull (strstr (first, "\"paused\""));

  other = sitrep_store_open (other_path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_interchange_import_data (other, first, -1, FALSE, &result, &error));
  g_assert_no_error (error);
  second = export_text (other);
  g_assert_cmpstr (second, ==, first);

  incident = sitrep_store_find_incident (other, "INC-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sitrep_incident_get_n_holds (incident), ==, 2);
  g_assert_nonnull (sitrep_incident_get_current_hold (incident));
  g_assert_cmpstr (sitrep_incident_get_team (incident), ==, "Network group");
  {
    g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (other);

    sitrep_sla_compute_deadlines (incident, policy, T0 + 5 * HOUR_S, d);
  }
  g_assert_cmpint (d[SITREP_DEADLINE_RESOLUTION].state, ==, SITREP_DEADLINE_STATE_PAUSED);
  g_assert_cmpint (d[SITREP_DEADLINE_RESOLUTION].held, ==, 2 * HOUR_S);
}

/* Documents from before holds and escalation import as incidents never
 * held; a hold that ends before it starts is refused by its path. */
static void
test_interchange_old_and_bad (Fixture       *f,
                              gconstpointer  data)
{
  static const char old_document[] =
    "{\"format\": \"sitrep\", \"version\": 1, \"incidents\": [{\"key\": \"INC-4\", "
    "\"title\": \"Mail slow\", \"service\": \"Mail\", \"level\": 2, "
    "\"status\": \"new\", \"reported_at\": \"2026-03-01T09:30:00Z\"}]}";
  static const char bad_document[] =
    "{\"format\": \"sitrep\", \"version\": 1, \"incidents\": [{\"key\": \"INC-5\", "
    "\"title\": \"Mail slow\", \"service\": \"Mail\", \"level\": 2, "
    "\"status\": \"new\", \"reported_at\": \"2026-03-01T09:30:00Z\", "
    "\"holds\": [{\"started_at\": \"2026-03-01T11:00:00Z\", "
    "\"ended_at\": \"2026-03-01T10:00:00Z\", \"reason\": \"vendor\", "
    "\"pauses\": [\"resolution\"]}]}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepImportResult) result = NULL;
  g_autoptr(SitrepIncident) incident = NULL;

  sitrep_clock_set_now (f->clock, T0 + DAY_S);
  g_assert_true (sitrep_interchange_import_data (f->store, old_document, -1, FALSE, &result,
                                                 &error));
  g_assert_no_error (error);
  incident = sitrep_store_find_incident (f->store, "INC-4", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sitrep_incident_get_n_holds (incident), ==, 0);
  g_assert_null (sitrep_incident_get_team (incident));

  g_clear_pointer (&result, sitrep_import_result_free);
  g_assert_false (sitrep_interchange_import_data (f->store, bad_document, -1, FALSE, &result,
                                                  &error));
  g_assert_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "incidents[0].holds[0].ended_at"));
}

/* "sitrep --status --at T" judges the deadlines with the holds as they
 * stood at T, and names the hold and the team. */
static void
test_cli_status_at (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *at_held = sitrep_time_format_rfc3339 (T0 + 2 * HOUR_S);
  g_autofree char *at_before = sitrep_time_format_rfc3339 (T0 + 30 * MIN_S);
  const char *bin = g_getenv ("SITREP_BIN");
  int status = 0;
  gint64 id = create (f->store, "Payments fail", "Payments", 1, T0);

  if (bin == NULL)
    {
      g_test_skip ("SITREP_BIN is not set");
      return;
    }

  run_step (f, id, &(Step) { OP_ACK, MIN_S });
  run_step (f, id, &(Step) { OP_RECOVER, 2 * MIN_S });
  run_step (f, id, &(Step) { OP_HOLD, HOUR_S });
  sitrep_clock_set_now (f->clock, T0 + HOUR_S);
  g_assert_true (sitrep_store_assign_team (f->store, id, "Database group", SITREP_TIME_NONE,
                                           "Ann", NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);

  {
    const char *argv[] = { bin, "--database", f->path, "--status", "--at", at_held, "--json",
                           NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "\"on_hold\" : \"waiting for the vendor\""));
    g_assert_nonnull (strstr (out, "\"team\" : \"Database group\""));
    g_assert_nonnull (strstr (out, "\"state\" : \"paused\""));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  {
    const char *argv[] = { bin, "--database", f->path, "--status", "--at", at_before, "--json",
                           NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "\"on_hold\" : null"));
    g_assert_nonnull (strstr (out, "\"team\" : null"));
    g_assert_null (strstr (out, "\"paused\""));
  }
}

static void
add (const char    *name,
     gconstpointer  data,
     StoreTestFunc  func)
{
  g_autofree char *path = g_strconcat ("/sitrep/holds/", name, NULL);

  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  /* the daylight-saving cases read local times in Berlin */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  tzset ();

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strconcat ("sequence/", cases[i].name, NULL);

      add (name, &cases[i], test_hold_case);
    }

  for (guint i = 0; i < G_N_ELEMENTS (dst_cases); i++)
    {
      g_autofree char *name = g_strconcat ("dst/", dst_cases[i].name, NULL);

      add (name, &dst_cases[i], test_dst_case);
    }

  add ("alerts-wait-for-release", NULL, test_alerts_wait_for_release);
  add ("judged-at-earlier-moments", NULL, test_judged_at_earlier_moments);
  add ("response-and-recovery-run", NULL, test_response_and_recovery_run);
  add ("rules", NULL, test_rules);
  /* from an older desk file's schema: a team database has its own */
  if (!store_test_on_team ())
    add ("migration-from-4", NULL, test_migration_from_4);
  add ("interchange-round-trip", NULL, test_interchange_round_trip);
  add ("interchange-old-and-bad", NULL, test_interchange_old_and_bad);
  add ("cli-status-at", NULL, test_cli_status_at);

  return g_test_run ();
}
