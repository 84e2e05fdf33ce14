/* test-report-monthly.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sitrep-report.h"
#include "sitrep-report-render.h"
#include "sitrep-store.h"
#include "test-team-common.h"

/*
 * A fixture month, March 2026, at a desk in Berlin (CET, CEST from
 * 29 March), with figures computed by hand in the comments below. The
 * data is written through the store; the figures are read from the file
 * through a read-only connection, as the Reports view and the command line
 * do. With SITREP_TEST_TEAM (tests/run-on-team) the same data goes to a
 * team database, where the same figures must come out.
 */

typedef struct
{
  char        *dir;
  char        *path;
  SitrepClock *clock;
  SitrepStore *store;
  gint64       id[8];
} Fixture;

enum { A, B, C, D, E, F, G, P1, P2 };

#define MINUTE 60
#define HOUR 3600
#define DAY 86400

/* 2026-04-10T00:00:00Z */
#define NOW G_GINT64_CONSTANT (1775779200)

static gint64
local (int month,
       int day,
       int hour,
       int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (2026, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

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

static gint64
create (Fixture       *f,
        int            level,
        const char    *service,
        SitrepCause    cause,
        SitrepChannel  channel,
        gint64         occurred_at,
        gint64         reported_at)
{
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(GError) error = NULL;

  sitrep_incident_set_title (incident, service);
  sitrep_incident_set_service (incident, service);
  sitrep_incident_set_level (incident, level);
  sitrep_incident_set_cause_category (incident, cause);
  sitrep_incident_set_resolution (incident, "Fixed");
  sitrep_incident_set_reporter_channel (incident, channel);
  sitrep_incident_set_occurred_at (incident, occurred_at);
  sitrep_incident_set_reported_at (incident, reported_at);
  g_assert_true (sitrep_store_create_incident (f->store, incident, "Ann", &error));
  g_assert_no_error (error);

  return sitrep_incident_get_id (incident);
}

static void
move (Fixture          *f,
      gint64            id,
      SitrepTransition  transition,
      gint64            at)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_store_transition (f->store, id, transition, at, "Ann",
                                          transition == SITREP_TRANSITION_CANCEL ? "Duplicate" :
                                          transition == SITREP_TRANSITION_RESOLVE ? "Analysed later"
                                                                                  : NULL,
                                          NULL, &error));
  g_assert_no_error (error);
}

static void
notice (Fixture          *f,
        gint64            id,
        SitrepNoticeKind  kind,
        gint64            at)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_store_record_notice (f->store, id, kind, at, "Ann", "Notice", &error));
  g_assert_no_error (error);
}

static void
complaint (Fixture  *f,
           gint64    id,
           gboolean  attributed)
{
  g_autoptr(SitrepComplaint) c = sitrep_complaint_new ();
  g_autoptr(GError) error = NULL;

  sitrep_complaint_set_ref (c, "C");
  sitrep_complaint_set_received_at (c, NOW - DAY);
  sitrep_complaint_set_attributed (c, attributed);
  g_assert_true (sitrep_store_add_complaint (f->store, id, c, "Ann", &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 t;

  f->dir = g_dir_make_tmp ("sitrep-monthly-XXXXXX", &error);
  g_assert_no_error (error);
  if (store_test_on_team ())
    f->path = store_test_new_team_database ();
  else
    f->path = g_build_filename (f->dir, "sitrep.db", NULL);
  f->clock = sitrep_clock_new_fake (NOW);
  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);

  /* A: level 1, fault 10 min before the report; everything met; both
   * notices on time. Acknowledge 5 min, recover 110 min from the fault,
   * resolve 2 days. */
  t = local (3, 2, 10, 0);
  f->id[A] = create (f, 1, "Payments", SITREP_CAUSE_NETWORK, SITREP_CHANNEL_HOTLINE,
                     t - 10 * MINUTE, t);
  move (f, f->id[A], SITREP_TRANSITION_ACKNOWLEDGE, t + 5 * MINUTE);
  notice (f, f->id[A], SITREP_NOTICE_INITIAL, t + 20 * MINUTE);
  move (f, f->id[A], SITREP_TRANSITION_RECOVER, t + 100 * MINUTE);
  notice (f, f->id[A], SITREP_NOTICE_RECTIFICATION, t + 110 * MINUTE);
  move (f, f->id[A], SITREP_TRANSITION_RESOLVE, t + 2 * DAY);
  complaint (f, f->id[A], TRUE);
  complaint (f, f->id[A], TRUE);
  complaint (f, f->id[A], FALSE);

  /* B: level 1; response met late (15 min), recovery met late (3 h),
   * resolution breached (due 17 March 08:00 CET); initial notice late
   * (40 min), rectification not sent. */
  t = local (3, 10, 8, 0);
  f->id[B] = create (f, 1, "Payments", SITREP_CAUSE_SOFTWARE, SITREP_CHANNEL_MONITORING, t, t);
  move (f, f->id[B], SITREP_TRANSITION_ACKNOWLEDGE, t + 15 * MINUTE);
  notice (f, f->id[B], SITREP_NOTICE_INITIAL, t + 40 * MINUTE);
  move (f, f->id[B], SITREP_TRANSITION_RECOVER, t + 3 * HOUR);

  /* C: level 2, not categorised; acknowledged in 20 min, then nothing:
   * recovery (6 h) and resolution (20 days) breached; no initial notice. */
  t = local (3, 15, 12, 0);
  f->id[C] = create (f, 2, "Portal", SITREP_CAUSE_NONE, SITREP_CHANNEL_EMAIL, t, t);
  move (f, f->id[C], SITREP_TRANSITION_ACKNOWLEDGE, t + 20 * MINUTE);

  /* D: level 3 on the month's last day at 23:59 CEST (21:59 UTC):
   * March at the desk. Acknowledged in 30 min; recovery (24 h) breached;
   * resolution (60 days) pending. No communication plan at level 3. */
  t = local (3, 31, 23, 59);
  f->id[D] = create (f, 3, "Portal", SITREP_CAUSE_DATA, SITREP_CHANNEL_OTHER, t, t);
  move (f, f->id[D], SITREP_TRANSITION_ACKNOWLEDGE, t + 30 * MINUTE);
  complaint (f, f->id[D], TRUE);

  /* E: level 2, cancelled as a duplicate after 10 min: every clock not
   * applicable, no notice due. */
  t = local (3, 5, 9, 0);
  f->id[E] = create (f, 2, "Mail", SITREP_CAUSE_NONE, SITREP_CHANNEL_HOTLINE, t, t);
  move (f, f->id[E], SITREP_TRANSITION_CANCEL, t + 10 * MINUTE);

  /* F: level 3 on the month's first day at 00:30 CET (still February in
   * UTC); acknowledged in 10 min, recovered in 1 h, resolved in 2 h. */
  t = local (3, 1, 0, 30);
  f->id[F] = create (f, 3, "Mail", SITREP_CAUSE_HARDWARE, SITREP_CHANNEL_EMAIL, t, t);
  move (f, f->id[F], SITREP_TRANSITION_ACKNOWLEDGE, t + 10 * MINUTE);
  move (f, f->id[F], SITREP_TRANSITION_RECOVER, t + HOUR);
  move (f, f->id[F], SITREP_TRANSITION_RESOLVE, t + 2 * HOUR);

  /* G: 1 April 00:30 CEST, still 31 March in UTC: not March at the desk. */
  t = local (4, 1, 0, 30);
  f->id[G] = create (f, 1, "Payments", SITREP_CAUSE_NETWORK, SITREP_CHANNEL_HOTLINE, t, t);
  complaint (f, f->id[G], TRUE);

  /* February. P1: level 1, everything met and sent on time. */
  t = local (2, 10, 10, 0);
  f->id[P1 - 1] = create (f, 1, "Payments", SITREP_CAUSE_NETWORK, SITREP_CHANNEL_HOTLINE, t, t);
  move (f, f->id[P1 - 1], SITREP_TRANSITION_ACKNOWLEDGE, t + 5 * MINUTE);
  notice (f, f->id[P1 - 1], SITREP_NOTICE_INITIAL, t + 10 * MINUTE);
  move (f, f->id[P1 - 1], SITREP_TRANSITION_RECOVER, t + HOUR);
  notice (f, f->id[P1 - 1], SITREP_NOTICE_RECTIFICATION, t + HOUR + 5 * MINUTE);
  move (f, f->id[P1 - 1], SITREP_TRANSITION_RESOLVE, t + DAY);
  complaint (f, f->id[P1 - 1], FALSE);
  complaint (f, f->id[P1 - 1], FALSE);

  /* P2: level 2, acknowledged late (45 min), recovery and resolution
   * breached, no notice. */
  t = local (2, 20, 10, 0);
  f->id[P2 - 1] = create (f, 2, "Portal", SITREP_CAUSE_SOFTWARE, SITREP_CHANNEL_EMAIL, t, t);
  move (f, f->id[P2 - 1], SITREP_TRANSITION_ACKNOWLEDGE, t + 45 * MINUTE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  if (store_test_on_team ())
    store_test_drop_team_database (f->path);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static SitrepMonthly *
compute (Fixture *f,
         int      month)
{
  g_autoptr(GError) error = NULL;
  SitrepMonthly *monthly = sitrep_monthly_new (2026, month);
  g_autoptr(SitrepDb) db = NULL;

  if (store_test_on_team ())
    db = sitrep_db_connect (f->path, NULL, &error);
  else
    db = sitrep_db_open (f->path, SQLITE_OPEN_READONLY, 0, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_monthly_compute_db (db, f->path, monthly, NOW, &error));
  g_assert_no_error (error);

  return monthly;
}

static gint64
count_of (GPtrArray  *counts,
          const char *name)
{
  for (guint i = 0; i < counts->len; i++)
    {
      SitrepMonthlyCount *count = g_ptr_array_index (counts, i);

      if (g_strcmp0 (count->name, name) == 0)
        return count->count;
    }

  return -1;
}

static void
assert_clock (const SitrepMonthly *m,
              SitrepDeadlineKind   clock,
              gint64               met,
              gint64               late,
              gint64               breached,
              gint64               pending,
              gint64               not_applicable)
{
  g_assert_cmpint (m->clocks[clock][SITREP_CLOCK_OUTCOME_MET], ==, met);
  g_assert_cmpint (m->clocks[clock][SITREP_CLOCK_OUTCOME_MET_LATE], ==, late);
  g_assert_cmpint (m->clocks[clock][SITREP_CLOCK_OUTCOME_BREACHED], ==, breached);
  g_assert_cmpint (m->clocks[clock][SITREP_CLOCK_OUTCOME_PENDING], ==, pending);
  g_assert_cmpint (m->clocks[clock][SITREP_CLOCK_OUTCOME_NOT_APPLICABLE], ==, not_applicable);
}

static void
test_month_figures (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SitrepMonthly) m = compute (f, 3);
  double compliance;

  /* A, B, C, D, E, F; not G (April at the desk) */
  g_assert_cmpint (m->reported, ==, 6);
  g_assert_cmpint (m->by_level[0], ==, 2);
  g_assert_cmpint (m->by_level[1], ==, 2);
  g_assert_cmpint (m->by_level[2], ==, 2);

  g_assert_cmpint (count_of (m->by_cause, "network"), ==, 1);
  g_assert_cmpint (count_of (m->by_cause, "software"), ==, 1);
  g_assert_cmpint (count_of (m->by_cause, "data"), ==, 1);
  g_assert_cmpint (count_of (m->by_cause, "hardware"), ==, 1);
  g_assert_cmpint (count_of (m->by_cause, NULL), ==, 2);
  g_assert_cmpint (count_of (m->by_service, "Payments"), ==, 2);
  g_assert_cmpint (count_of (m->by_service, "Portal"), ==, 2);
  g_assert_cmpint (count_of (m->by_service, "Mail"), ==, 2);
  g_assert_cmpint (count_of (m->by_service, NULL), ==, -1);
  g_assert_cmpint (count_of (m->by_channel, "hotline"), ==, 2);
  g_assert_cmpint (count_of (m->by_channel, "email"), ==, 2);
  g_assert_cmpint (count_of (m->by_channel, "monitoring"), ==, 1);
  g_assert_cmpint (count_of (m->by_channel, "other"), ==, 1);

  /* response: A C D F met, B late, E n/a → 4 / 5 */
  assert_clock (m, SITREP_DEADLINE_RESPONSE, 4, 1, 0, 0, 1);
  g_assert_true (sitrep_monthly_get_compliance (m, SITREP_DEADLINE_RESPONSE, &compliance));
  g_assert_cmpfloat_with_epsilon (compliance, 0.8, 1e-9);
  /* recovery: A F met, B late, C D breached, E n/a → 2 / 5 */
  assert_clock (m, SITREP_DEADLINE_RECOVERY, 2, 1, 2, 0, 1);
  g_assert_true (sitrep_monthly_get_compliance (m, SITREP_DEADLINE_RECOVERY, &compliance));
  g_assert_cmpfloat_with_epsilon (compliance, 0.4, 1e-9);
  /* resolution: A F met, B C breached, D pending, E n/a → 2 / 4 */
  assert_clock (m, SITREP_DEADLINE_RESOLUTION, 2, 0, 2, 1, 1);
  g_assert_true (sitrep_monthly_get_compliance (m, SITREP_DEADLINE_RESOLUTION, &compliance));
  g_assert_cmpfloat_with_epsilon (compliance, 0.5, 1e-9);

  /* acknowledge: 5 15 20 30 10 → mean 16, nearest-rank p90 the 5th: 30 */
  g_assert_cmpint (m->minutes_count[SITREP_DEADLINE_RESPONSE], ==, 5);
  g_assert_cmpfloat_with_epsilon (m->minutes_mean[SITREP_DEADLINE_RESPONSE], 16.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (m->minutes_p90[SITREP_DEADLINE_RESPONSE], 30.0, 1e-9);
  /* recover, from the fault: A 110, B 180, F 60 → mean 116.67, p90 180 */
  g_assert_cmpint (m->minutes_count[SITREP_DEADLINE_RECOVERY], ==, 3);
  g_assert_cmpfloat_with_epsilon (m->minutes_mean[SITREP_DEADLINE_RECOVERY], 350.0 / 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (m->minutes_p90[SITREP_DEADLINE_RECOVERY], 180.0, 1e-9);
  /* resolve: A 2 days (2880), F 120 → mean 1500, p90 2880 */
  g_assert_cmpint (m->minutes_count[SITREP_DEADLINE_RESOLUTION], ==, 2);
  g_assert_cmpfloat_with_epsilon (m->minutes_mean[SITREP_DEADLINE_RESOLUTION], 1500.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (m->minutes_p90[SITREP_DEADLINE_RESOLUTION], 2880.0, 1e-9);

  /* initial: A on time, B late, C not sent (E cancelled, D level 3);
   * rectification: A on time, B not sent */
  g_assert_cmpint (m->notices_due, ==, 5);
  g_assert_cmpint (m->notices_on_time, ==, 2);
  g_assert_cmpint (m->notices_late, ==, 1);
  g_assert_cmpint (m->notices_not_sent, ==, 2);

  /* A's three and D's one; not G's */
  g_assert_cmpint (m->complaints_received, ==, 4);
  g_assert_cmpint (m->complaints_attributed, ==, 3);

  /* days at the desk: F on the 1st (UTC: 28 February), A 2nd, E 5th,
   * B 10th, C 15th, D 31st; F resolved on the 1st, A on the 4th */
  g_assert_cmpuint (m->n_days, ==, 31);
  for (guint day = 0; day < 31; day++)
    {
      gint64 reported = (day == 0 || day == 1 || day == 4 || day == 9 || day == 14 ||
                         day == 30) ? 1 : 0;
      gint64 resolved = (day == 0 || day == 3) ? 1 : 0;

      g_assert_cmpint (m->reported_per_day[day], ==, reported);
      g_assert_cmpint (m->resolved_per_day[day], ==, resolved);
    }

  /* C's recovery: due 15 March 18:00 CET, 25 d 7 h before now; B's
   * resolution: due 17 March 08:00 CET, 23 d 17 h; D's recovery: due
   * 1 April 23:59 CEST, 8 d 2 h 1 min */
  g_assert_cmpuint (m->longest_breaches->len, ==, 3);
  {
    static const struct {
      int incident;
      SitrepDeadlineKind clock;
      gint64 seconds;
    } expected[] = {
      { C, SITREP_DEADLINE_RECOVERY, 25 * DAY + 7 * HOUR },
      { B, SITREP_DEADLINE_RESOLUTION, 23 * DAY + 17 * HOUR },
      { D, SITREP_DEADLINE_RECOVERY, 8 * DAY + 2 * HOUR + MINUTE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        SitrepMonthlyBreach *breach = g_ptr_array_index (m->longest_breaches, i);
        g_autofree char *key = g_strdup_printf ("INC-%d", expected[i].incident + 1);

        g_assert_cmpstr (breach->key, ==, key);
        g_assert_cmpint (breach->clock, ==, expected[i].clock);
        g_assert_cmpint (breach->seconds, ==, expected[i].seconds);
      }
  }
}

static void
test_previous_month (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SitrepMonthly) m = compute (f, 2);
  double compliance;

  g_assert_cmpint (m->reported, ==, 2);
  g_assert_cmpint (m->by_level[0], ==, 1);
  g_assert_cmpint (m->by_level[1], ==, 1);
  g_assert_cmpint (m->by_level[2], ==, 0);
  assert_clock (m, SITREP_DEADLINE_RESPONSE, 1, 1, 0, 0, 0);
  assert_clock (m, SITREP_DEADLINE_RECOVERY, 1, 0, 1, 0, 0);
  assert_clock (m, SITREP_DEADLINE_RESOLUTION, 1, 0, 1, 0, 0);
  g_assert_true (sitrep_monthly_get_compliance (m, SITREP_DEADLINE_RESPONSE, &compliance));
  g_assert_cmpfloat_with_epsilon (compliance, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (m->minutes_mean[SITREP_DEADLINE_RESPONSE], 25.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (m->minutes_p90[SITREP_DEADLINE_RESPONSE], 45.0, 1e-9);
  g_assert_cmpint (m->notices_due, ==, 3);
  g_assert_cmpint (m->notices_on_time, ==, 2);
  g_assert_cmpint (m->notices_not_sent, ==, 1);
  g_assert_cmpint (m->complaints_received, ==, 2);
  g_assert_cmpint (m->complaints_attributed, ==, 0);
}

/* The SQL restates the SLA engine's rules: both must judge every clock of
 * the month's incidents alike. */
static void
test_sql_agrees_with_engine (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(SitrepMonthly) m = compute (f, 3);
  g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (f->store);
  g_autoptr(GArray) ids = sitrep_store_list_all_ids (f->store, NULL);
  gint64 clocks[SITREP_N_DEADLINES][SITREP_N_CLOCK_OUTCOMES] = { { 0 } };

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(SitrepIncident) incident =
        sitrep_store_get_incident (f->store, g_array_index (ids, gint64, i), NULL);
      SitrepDeadline deadlines[SITREP_N_DEADLINES];
      gint64 reported = sitrep_incident_get_reported_at (incident);

      if (reported < m->start || reported >= m->end)
        continue;

      sitrep_sla_compute_deadlines (incident, policy, NOW, deadlines);
      for (guint k = 0; k < SITREP_N_DEADLINES; k++)
        {
          SitrepClockOutcome outcome;

          if (sitrep_sla_deadline_ended_by_cancel (incident, &deadlines[k]))
            outcome = SITREP_CLOCK_OUTCOME_NOT_APPLICABLE;
          else if (deadlines[k].state == SITREP_DEADLINE_STATE_MET)
            outcome = SITREP_CLOCK_OUTCOME_MET;
          else if (deadlines[k].state == SITREP_DEADLINE_STATE_MET_LATE)
            outcome = SITREP_CLOCK_OUTCOME_MET_LATE;
          else if (deadlines[k].state == SITREP_DEADLINE_STATE_BREACHED)
            outcome = SITREP_CLOCK_OUTCOME_BREACHED;
          else
            outcome = SITREP_CLOCK_OUTCOME_PENDING;
          clocks[k][outcome]++;
        }
    }

  for (guint k = 0; k < SITREP_N_DEADLINES; k++)
    for (guint o = 0; o < SITREP_N_CLOCK_OUTCOMES; o++)
      g_assert_cmpint (m->clocks[k][o], ==, clocks[k][o]);
}

static JsonObject *
parse_object (const char *text,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);

  return json_node_get_object (json_parser_get_root (parser));
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

static void
test_report_with_previous (Fixture       *f,
                           gconstpointer  data)
{
  static const char *const top[] = { "report", "month", "reported", "by_level", "by_cause",
                                     "by_service", "deadlines", "minutes", "complaints",
                                     "previous", NULL };
  static const char *const month_members[] = { "month", "reported", "by_level", "by_cause",
                                               "by_service", "deadlines", "minutes",
                                               "complaints", NULL };
  static const char *const clock[] = { "met", "met_late", "breached", "pending",
                                       "not_applicable", "compliance", NULL };
  static const char *const levels[] = { "1", "2", "3", NULL };
  static const char *const kinds[] = { "response", "recovery", "resolution", NULL };
  static const char *const minutes[] = { "acknowledge", "recover", "resolve", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) report = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  JsonObject *root, *previous, *deadlines;

  report = sitrep_report_new_monthly_from_path (f->path, 2026, 3, NOW, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  text = sitrep_report_to_text (report);
  g_assert_nonnull (strstr (text, "Monthly analysis — 2026-03\n"));
  g_assert_nonnull (strstr (text, "Reported: 6 (previous month 2, +4)\n"));
  g_assert_nonnull (strstr (text, "Level 1: 2 (previous month 1, +1)\n"));
  g_assert_nonnull (strstr (text, "Level 3: 2 (previous month 0, +2)\n"));
  g_assert_nonnull (strstr (text, "Compliance: 80.0 % (previous month 50.0 %, +30.0 points)\n"));
  g_assert_nonnull (strstr (text, "Compliance: 40.0 % (previous month 50.0 %, -10.0 points)\n"));
  g_assert_nonnull (strstr (text, "To acknowledge (from reported): mean 16.0 min, "
                                  "90th percentile 30.0 min (previous month: mean 25.0 min, "
                                  "90th percentile 45.0 min)\n"));
  g_assert_nonnull (strstr (text, "2026-03-31: 1 reported, 0 resolved\n"));
  g_assert_nonnull (strstr (text, "Received: 4 (previous month 2, +2)\n"));

  json = sitrep_report_to_json (report);
  root = parse_object (json, parser);
  assert_members (root, top);
  g_assert_cmpstr (json_object_get_string_member (root, "report"), ==, "monthly");
  g_assert_cmpstr (json_object_get_string_member (root, "month"), ==, "2026-03");
  g_assert_cmpint (json_object_get_int_member (root, "reported"), ==, 6);
  assert_members (json_object_get_object_member (root, "by_level"), levels);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "by_cause"),
                                               "none"), ==, 2);
  deadlines = json_object_get_object_member (root, "deadlines");
  assert_members (deadlines, kinds);
  for (guint i = 0; kinds[i] != NULL; i++)
    assert_members (json_object_get_object_member (deadlines, kinds[i]), clock);
  g_assert_cmpfloat_with_epsilon (
    json_object_get_double_member (json_object_get_object_member (deadlines, "resolution"),
                                   "compliance"), 0.5, 1e-9);
  assert_members (json_object_get_object_member (root, "minutes"), minutes);
  g_assert_cmpfloat_with_epsilon (
    json_object_get_double_member (
      json_object_get_object_member (json_object_get_object_member (root, "minutes"),
                                     "acknowledge"), "p90"), 30.0, 1e-9);

  previous = json_object_get_object_member (root, "previous");
  assert_members (previous, month_members);
  g_assert_cmpstr (json_object_get_string_member (previous, "month"), ==, "2026-02");
  g_assert_cmpint (json_object_get_int_member (previous, "reported"), ==, 2);
}

/* A service outside the previous month's top ten was counted there under
 * "other": its count there is unknown, not zero. */
static void
test_service_outside_top_ten (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) report = NULL;
  g_autofree char *text = NULL;

  for (int s = 1; s <= 10; s++)
    {
      g_autofree char *service = g_strdup_printf ("Service %02d", s);

      for (int k = 0; k < 2; k++)
        create (f, 3, service, SITREP_CAUSE_NONE, SITREP_CHANNEL_EMAIL,
                local (2, 3 + s, 9, k), local (2, 3 + s, 9, k));
    }
  create (f, 3, "Service 11", SITREP_CAUSE_NONE, SITREP_CHANNEL_EMAIL,
          local (2, 25, 9, 0), local (2, 25, 9, 0));
  create (f, 3, "Service 11", SITREP_CAUSE_NONE, SITREP_CHANNEL_EMAIL,
          local (3, 25, 9, 0), local (3, 25, 9, 0));
  create (f, 3, "Service 01", SITREP_CAUSE_NONE, SITREP_CHANNEL_EMAIL,
          local (3, 26, 9, 0), local (3, 26, 9, 0));

  report = sitrep_report_new_monthly_from_path (f->path, 2026, 3, NOW, &error);
  g_assert_no_error (error);
  text = sitrep_report_to_text (report);
  g_assert_nonnull (strstr (text, "Service 11: 1 (not among the previous month's top ten)\n"));
  g_assert_nonnull (strstr (text, "Service 01: 1 (previous month 2, -1)\n"));
}

/* Equal counts and equal breaches come in a fixed order: services by
 * name, breaches by key. Twelve services of one incident each, created
 * from the last name to the first, all reported at the same minute and
 * never acknowledged, so that every response clock is breached by as
 * long. */
static void
test_ties_in_order (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SitrepMonthly) m = NULL;
  gint64 previous_key = 0;

  for (int s = 12; s >= 1; s--)
    {
      g_autofree char *service = g_strdup_printf ("Service %02d", s);

      create (f, 3, service, SITREP_CAUSE_NONE, SITREP_CHANNEL_EMAIL,
              local (1, 5, 9, 0), local (1, 5, 9, 0));
    }

  m = compute (f, 1);
  g_assert_cmpint (m->reported, ==, 12);
  g_assert_cmpuint (m->by_service->len, ==, SITREP_MONTHLY_TOP_SERVICES + 1);
  for (guint i = 0; i < SITREP_MONTHLY_TOP_SERVICES; i++)
    {
      SitrepMonthlyCount *count = g_ptr_array_index (m->by_service, i);
      g_autofree char *expected = g_strdup_printf ("Service %02u", i + 1);

      g_assert_cmpstr (count->name, ==, expected);
      g_assert_cmpint (count->count, ==, 1);
    }
  g_assert_cmpint (count_of (m->by_service, NULL), ==, 2);

  g_assert_cmpuint (m->longest_breaches->len, ==, SITREP_MONTHLY_LONGEST_BREACHES);
  for (guint i = 0; i < SITREP_MONTHLY_LONGEST_BREACHES; i++)
    {
      SitrepMonthlyBreach *breach = g_ptr_array_index (m->longest_breaches, i);
      g_autofree char *expected = g_strdup_printf ("Service %02u", 12 - i);
      gint64 key = g_ascii_strtoll (breach->key + strlen ("INC-"), NULL, 10);

      g_assert_cmpstr (breach->title, ==, expected);
      g_assert_cmpint (breach->clock, ==, SITREP_DEADLINE_RESPONSE);
      g_assert_cmpint (key, >, previous_key);
      previous_key = key;
    }
}

static void
test_empty_month (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) report = NULL;
  g_autofree char *json = NULL;
  JsonObject *root, *response, *acknowledge;

  report = sitrep_report_new_monthly_from_path (f->path, 2025, 6, NOW, &error);
  g_assert_no_error (error);
  json = sitrep_report_to_json (report);
  root = parse_object (json, parser);
  g_assert_cmpint (json_object_get_int_member (root, "reported"), ==, 0);
  response = json_object_get_object_member (json_object_get_object_member (root, "deadlines"),
                                            "response");
  g_assert_true (json_object_get_null_member (response, "compliance"));
  acknowledge = json_object_get_object_member (json_object_get_object_member (root, "minutes"),
                                               "acknowledge");
  g_assert_true (json_object_get_null_member (acknowledge, "mean"));
  g_assert_true (json_object_get_null_member (acknowledge, "p90"));
}

static void
test_parse_month (void)
{
  static const char *const bad[] = { "2026-13", "2026-00", "2026-3", "26-03", "2026/03",
                                     "2026-03-01", "abcd-ef", "", "0001-05" };
  int year = 0, month = 0;

  g_assert_true (sitrep_monthly_parse_month ("2026-03", &year, &month, NULL));
  g_assert_cmpint (year, ==, 2026);
  g_assert_cmpint (month, ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (sitrep_monthly_parse_month (bad[i], &year, &month, &error));
      g_assert_error (error, SITREP_REPORT_ERROR, SITREP_REPORT_ERROR_INVALID_MONTH);
    }

  sitrep_monthly_previous_month (2026, 1, &year, &month);
  g_assert_cmpint (year, ==, 2025);
  g_assert_cmpint (month, ==, 12);
}

/* The store computes the month on its own connection, a writer's or a
 * reader's, as the raw SQL does; verdicts count as the complaints now
 * record them. */
static void
test_store_computes_month (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepMonthly) raw = compute (f, 3);
  g_autoptr(SitrepMonthly) writer = NULL;
  g_autoptr(SitrepMonthly) reader_month = NULL;
  g_autoptr(SitrepMonthly) after = NULL;
  g_autoptr(SitrepStore) reader = NULL;
  g_autoptr(GPtrArray) complaints = NULL;

  writer = sitrep_store_compute_monthly (f->store, 2026, 3, NOW, &error);
  g_assert_no_error (error);
  reader = sitrep_store_open_reader (f->path, f->clock, &error);
  g_assert_no_error (error);
  reader_month = sitrep_store_compute_monthly (reader, 2026, 3, NOW, &error);
  g_assert_no_error (error);

  g_assert_cmpint (writer->reported, ==, raw->reported);
  g_assert_cmpint (reader_month->reported, ==, raw->reported);
  g_assert_cmpint (writer->complaints_attributed, ==, 3);
  g_assert_cmpint (reader_month->complaints_received, ==, raw->complaints_received);
  for (guint c = 0; c < SITREP_N_DEADLINES; c++)
    for (guint o = 0; o < SITREP_N_CLOCK_OUTCOMES; o++)
      g_assert_cmpint (writer->clocks[c][o], ==, raw->clocks[c][o]);

  /* one of A's attributed complaints turns out not to be A's */
  complaints = sitrep_store_list_complaints (f->store, f->id[A], &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_store_set_complaint_verdict (
    f->store, sitrep_complaint_get_id (g_ptr_array_index (complaints, 0)),
    SITREP_VERDICT_NOT_ATTRIBUTED, "Another customer's card", "Ann", &error));
  g_assert_no_error (error);
  after = sitrep_store_compute_monthly (reader, 2026, 3, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->complaints_received, ==, 4);
  g_assert_cmpint (after->complaints_attributed, ==, 2);
}

static void
test_missing_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepMonthly) m = NULL;

  m = sitrep_monthly_compute_path ("/nonexistent/sitrep.db", 2026, 3, NOW, &error);
  g_assert_null (m);
  g_assert_error (error, SITREP_REPORT_ERROR, SITREP_REPORT_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "/nonexistent/sitrep.db"));
}

int
main (int   argc,
      char *argv[])
{
  /* The desk is in Berlin; set before any thread starts. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sitrep/report-monthly/figures", test_month_figures);
  ADD ("/sitrep/report-monthly/previous-month", test_previous_month);
  ADD ("/sitrep/report-monthly/sql-agrees-with-engine", test_sql_agrees_with_engine);
  ADD ("/sitrep/report-monthly/report", test_report_with_previous);
  ADD ("/sitrep/report-monthly/empty-month", test_empty_month);
  ADD ("/sitrep/report-monthly/service-outside-top-ten", test_service_outside_top_ten);
  ADD ("/sitrep/report-monthly/store-computes-month", test_store_computes_month);
  ADD ("/sitrep/report-monthly/ties-in-order", test_ties_in_order);
  g_test_add_func ("/sitrep/report-monthly/parse-month", test_parse_month);
  g_test_add_func ("/sitrep/report-monthly/missing-database", test_missing_database);

#undef ADD

  return g_test_run ();
}
