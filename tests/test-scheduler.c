/* test-scheduler.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sitrep-scheduler.h"

/* 2026-03-01T09:30:00Z */
#define T0 G_GINT64_CONSTANT (1772357400)

typedef struct
{
  char            *dir;
  char            *path;
  SitrepClock     *clock;
  SitrepStore     *store;
  SitrepScheduler *scheduler;
  GPtrArray       *alerts;     /* "INC-1 response-warning" */
  GArray          *summaries;  /* of guint */
} Fixture;

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
alert_cb (SitrepScheduler         *scheduler,
          SitrepIncident          *incident,
          const SitrepAlertMoment *moment,
          Fixture                 *fixture)
{
  g_ptr_array_add (fixture->alerts,
                   g_strdup_printf ("%s %s", sitrep_incident_get_key (incident), moment->key));
}

static void
summary_cb (SitrepScheduler *scheduler,
            guint            count,
            Fixture         *fixture)
{
  g_array_append_val (fixture->summaries, count);
}

static void
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->store = sitrep_store_open (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static void
start_scheduler (Fixture *fixture)
{
  fixture->scheduler = sitrep_scheduler_new (fixture->store);
  g_signal_connect (fixture->scheduler, "alert", G_CALLBACK (alert_cb), fixture);
  g_signal_connect (fixture->scheduler, "summary", G_CALLBACK (summary_cb), fixture);
  sitrep_scheduler_start (fixture->scheduler);
  drain ();
}

/* What a restart does: everything in memory goes, the file stays. */
static void
close_all (Fixture *fixture)
{
  g_clear_object (&fixture->scheduler);
  g_clear_object (&fixture->store);
  drain ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sitrep-scheduler-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "sitrep.db", NULL);
  fixture->clock = sitrep_clock_new_fake (T0);
  fixture->alerts = g_ptr_array_new_with_free_func (g_free);
  fixture->summaries = g_array_new (FALSE, FALSE, sizeof (guint));
  open_store (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  close_all (fixture);
  g_clear_object (&fixture->clock);
  g_clear_pointer (&fixture->alerts, g_ptr_array_unref);
  g_clear_pointer (&fixture->summaries, g_array_unref);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);

  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

static gint64
add_incident (Fixture    *fixture,
              int         level,
              gint64      reported_at)
{
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(GError) error = NULL;

  sitrep_incident_set_title (incident, "Payment gateway times out");
  sitrep_incident_set_service (incident, "Payments");
  sitrep_incident_set_level (incident, level);
  sitrep_incident_set_reporter_name (incident, "Service desk");
  sitrep_incident_set_reporter_channel (incident, SITREP_CHANNEL_HOTLINE);
  sitrep_incident_set_occurred_at (incident, reported_at);
  sitrep_incident_set_reported_at (incident, reported_at);

  g_assert_true (sitrep_store_create_incident (fixture->store, incident, "Ana", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_incident_get_id (incident), >, 0);
  drain ();

  return sitrep_incident_get_id (incident);
}

/* Says that Sitrep last watched the deadlines at @at: what falls due
 * after it is raised on start, what fell due before is not. */
static void
watched_at (Fixture *fixture,
            gint64   at)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_store_set_last_watched_at (fixture->store, at, &error));
  g_assert_no_error (error);
}

static void
move_to (Fixture *fixture,
         gint64   offset)
{
  sitrep_clock_set_now (fixture->clock, T0 + offset);
  drain ();
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The alerts raised since the last call, sorted, as one string. */
static char *
take_alerts (Fixture *fixture)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autofree char **strv = NULL;
  char *joined;

  for (guint i = 0; i < fixture->alerts->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (fixture->alerts, i));
  g_ptr_array_sort (sorted, compare_strings);
  g_ptr_array_add (sorted, NULL);

  strv = (char **) g_ptr_array_free (g_steal_pointer (&sorted), FALSE);
  joined = g_strjoinv (", ", strv);
  g_ptr_array_set_size (fixture->alerts, 0);

  return joined;
}

static void
assert_alerts (Fixture    *fixture,
               const char *expected)
{
  g_autofree char *alerts = take_alerts (fixture);

  g_assert_cmpstr (alerts, ==, expected);
}

typedef struct
{
  gint64      offset;     /* seconds after the incident was reported */
  const char *expected;   /* sorted, as take_alerts() joins them */
} Step;

static const Step level_1_steps[] = {
  /* the warning comes when 75 % of the 10 min are gone */
  { 450,    "INC-1 response-warning" },
  { 600,    "INC-1 notice-escalation, INC-1 response-breach" },
  { 1800,   "INC-1 notice-initial" },
  { 5400,   "INC-1 notice-progress-1, INC-1 recovery-warning" },
  { 7200,   "INC-1 recovery-breach" },
  { 453600, "INC-1 resolution-warning" },
  { 604800, "INC-1 resolution-breach" },
};

static const Step level_3_steps[] = {
  { 2700,    "INC-1 response-warning" },
  { 3600,    "INC-1 response-breach" },
  { 64800,   "INC-1 recovery-warning" },
  { 86400,   "INC-1 recovery-breach" },
  { 3888000, "INC-1 resolution-warning" },
  { 5184000, "INC-1 resolution-breach" },
};

static void
run_steps (Fixture    *fixture,
           int         level,
           const Step *steps,
           guint       n_steps)
{
  add_incident (fixture, level, T0);
  start_scheduler (fixture);
  assert_alerts (fixture, "");
  g_assert_cmpint (sitrep_scheduler_get_next_wakeup (fixture->scheduler), ==,
                   T0 + steps[0].offset);

  for (guint i = 0; i < n_steps; i++)
    {
      /* A second before: nothing. At the moment: exactly these. */
      move_to (fixture, steps[i].offset - 1);
      assert_alerts (fixture, "");

      move_to (fixture, steps[i].offset);
      assert_alerts (fixture, steps[i].expected);

      /* Once each: the moment passing again raises nothing. */
      move_to (fixture, steps[i].offset + 1);
      assert_alerts (fixture, "");
    }

  /* Every deadline breached and every notice owed raised: nothing is left
   * to wait for, and no timer is armed. */
  g_assert_cmpint (sitrep_scheduler_get_next_wakeup (fixture->scheduler), ==,
                   SITREP_TIME_NONE);
  move_to (fixture, 100 * 24 * 3600);
  assert_alerts (fixture, "");
  g_assert_cmpuint (fixture->summaries->len, ==, 0);
}

static void
test_level_1_moments (Fixture       *fixture,
                      gconstpointer  user_data)
{
  run_steps (fixture, 1, level_1_steps, G_N_ELEMENTS (level_1_steps));
}

static void
test_level_3_moments (Fixture       *fixture,
                      gconstpointer  user_data)
{
  /* Level 3 has no communication plan: no notice ever falls due. */
  run_steps (fixture, 3, level_3_steps, G_N_ELEMENTS (level_3_steps));
}

static gboolean
timeline_has_text (Fixture    *fixture,
                   gint64      id,
                   const char *text)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  guint found = 0;

  entries = sitrep_store_list_timeline (fixture->store, id, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < entries->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (entries, i);

      if (sitrep_timeline_entry_get_kind (entry) == SITREP_ENTRY_KIND_ALERT &&
          g_strcmp0 (sitrep_timeline_entry_get_text (entry), text) == 0)
        found++;
    }

  g_assert_cmpuint (found, <=, 1);

  return found == 1;
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_timeline (Fixture       *fixture,
               gconstpointer  user_data)
{
  gint64 id = add_incident (fixture, 1, T0);
  guint changed = 0;
  guint incident_changed = 0;

  start_scheduler (fixture);
  g_signal_connect_swapped (fixture->store, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect_swapped (fixture->store, "incident-changed", G_CALLBACK (count_cb),
                            &incident_changed);
  move_to (fixture, 600);
  assert_alerts (fixture, "INC-1 notice-escalation, INC-1 response-breach");

  /* Three alerts fell due at once, written together: the incident changed
   * once. */
  g_assert_cmpuint (incident_changed, ==, 1);
  g_assert_cmpuint (changed, ==, 0);

  /* The warning was raised too (it was due at 7.5 min) and recorded. */
  g_assert_true (timeline_has_text (fixture, id, "Response deadline warning"));
  g_assert_true (timeline_has_text (fixture, id, "Response deadline breached"));
  g_assert_true (timeline_has_text (fixture, id, "Escalation notice due"));
}

static void
test_restart (Fixture       *fixture,
              gconstpointer  user_data)
{
  gint64 id = add_incident (fixture, 1, T0);
  g_autoptr(GHashTable) raised = NULL;

  start_scheduler (fixture);
  move_to (fixture, 450);
  assert_alerts (fixture, "INC-1 response-warning");

  /* Sitrep restarts half a minute later: the warning is not raised again. */
  close_all (fixture);
  sitrep_clock_set_now (fixture->clock, T0 + 480);
  open_store (fixture);
  start_scheduler (fixture);
  assert_alerts (fixture, "");
  g_assert_cmpuint (fixture->summaries->len, ==, 0);

  raised = sitrep_store_list_raised_alerts (fixture->store, id, NULL);
  g_assert_true (g_hash_table_contains (raised, "response-warning"));

  move_to (fixture, 600);
  assert_alerts (fixture, "INC-1 notice-escalation, INC-1 response-breach");

  /* And again: nothing repeats. */
  close_all (fixture);
  open_store (fixture);
  start_scheduler (fixture);
  assert_alerts (fixture, "");
}

static void
test_catch_up_individual (Fixture       *fixture,
                          gconstpointer  user_data)
{
  gint64 id;
  g_autoptr(GHashTable) raised = NULL;

  /* Sitrep was closed for the first 35 minutes of a level-1 incident:
   * the response breach, the escalation and the initial notice are due
   * (the warning is recorded but not shown next to its breach). */
  id = add_incident (fixture, 1, T0);
  watched_at (fixture, T0);
  sitrep_clock_set_now (fixture->clock, T0 + 35 * 60);

  start_scheduler (fixture);
  g_assert_cmpuint (fixture->summaries->len, ==, 0);
  assert_alerts (fixture,
                 "INC-1 notice-escalation, INC-1 notice-initial, INC-1 response-breach");

  raised = sitrep_store_list_raised_alerts (fixture->store, id, NULL);
  g_assert_true (g_hash_table_contains (raised, "response-warning"));
  g_assert_cmpuint (g_hash_table_size (raised), ==, 4);
}

static void
test_catch_up_summary (Fixture       *fixture,
                       gconstpointer  user_data)
{
  gint64 first = add_incident (fixture, 1, T0);
  gint64 second = add_incident (fixture, 1, T0 + 60);
  g_autoptr(GHashTable) raised = NULL;

  watched_at (fixture, T0 + 60);
  sitrep_clock_set_now (fixture->clock, T0 + 35 * 60);

  start_scheduler (fixture);
  assert_alerts (fixture, "");
  g_assert_cmpuint (fixture->summaries->len, ==, 1);
  g_assert_cmpuint (g_array_index (fixture->summaries, guint, 0), ==, 6);

  /* All recorded as raised, in the timeline too. */
  raised = sitrep_store_list_raised_alerts (fixture->store, second, NULL);
  g_assert_cmpuint (g_hash_table_size (raised), ==, 4);
  g_assert_true (timeline_has_text (fixture, first, "Response deadline breached"));

  /* A restart raises neither them nor another summary. */
  close_all (fixture);
  open_store (fixture);
  start_scheduler (fixture);
  assert_alerts (fixture, "");
  g_assert_cmpuint (fixture->summaries->len, ==, 1);
}

typedef struct
{
  Fixture *fixture;
  guint    alerts;
  guint    summaries;
  gboolean ran;
} FrameProbe;

static gboolean
frame_cb (gpointer user_data)
{
  FrameProbe *probe = user_data;

  probe->alerts = probe->fixture->alerts->len;
  probe->summaries = probe->fixture->summaries->len;
  probe->ran = TRUE;

  return G_SOURCE_REMOVE;
}

static void
test_catch_up_deferred (Fixture       *fixture,
                        gconstpointer  user_data)
{
  FrameProbe probe = { fixture, 0, 0, FALSE };
  guint changed = 0;
  guint incident_changed = 0;
  gint64 first = add_incident (fixture, 1, T0);
  gint64 second = add_incident (fixture, 1, T0 + 60);
  g_autoptr(GHashTable) raised = NULL;

  watched_at (fixture, T0 + 60);
  sitrep_clock_set_now (fixture->clock, T0 + 35 * 60);
  g_signal_connect_swapped (fixture->store, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect_swapped (fixture->store, "incident-changed", G_CALLBACK (count_cb),
                            &incident_changed);

  fixture->scheduler = sitrep_scheduler_new (fixture->store);
  g_signal_connect (fixture->scheduler, "alert", G_CALLBACK (alert_cb), fixture);
  g_signal_connect (fixture->scheduler, "summary", G_CALLBACK (summary_cb), fixture);
  sitrep_scheduler_start (fixture->scheduler);

  /* Starting raises nothing yet: a window shown at the same moment lays
   * out and paints first (at GTK's redraw priority), and a change made in
   * the meantime does not turn the catch-up into single alerts. */
  g_assert_true (sitrep_scheduler_is_started (fixture->scheduler));
  g_assert_cmpuint (fixture->summaries->len, ==, 0);
  g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, frame_cb, &probe, NULL);
  g_assert_true (sitrep_store_add_note (fixture->store, first, SITREP_TIME_NONE, "Ana",
                                        SITREP_TAG_NONE, "Bridge opened", NULL));
  incident_changed = 0;
  sitrep_clock_advance (fixture->clock, 1);

  drain ();
  g_assert_true (probe.ran);
  g_assert_cmpuint (probe.summaries, ==, 0);
  g_assert_cmpuint (probe.alerts, ==, 0);

  /* Then one summary, every alert recorded in one go. */
  assert_alerts (fixture, "");
  g_assert_cmpuint (fixture->summaries->len, ==, 1);
  g_assert_cmpuint (g_array_index (fixture->summaries, guint, 0), ==, 6);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (incident_changed, ==, 0);
  raised = sitrep_store_list_raised_alerts (fixture->store, second, NULL);
  g_assert_cmpuint (g_hash_table_size (raised), ==, 4);
  g_assert_cmpint (sitrep_scheduler_get_next_wakeup (fixture->scheduler), ==,
                   T0 + 90 * 60);
}

static void
test_level_raised (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_incident (fixture, 2, T0);

  start_scheduler (fixture);

  /* Level 2: the response warning comes at 22.5 min. */
  move_to (fixture, 12 * 60);
  assert_alerts (fixture, "");

  /* Raised to level 1 at 12 min: already past its 10 min response. */
  g_assert_true (sitrep_store_set_level (fixture->store, id, 1, T0 + 12 * 60, "Ana",
                                         "More customers affected", &error));
  g_assert_no_error (error);
  drain ();
  assert_alerts (fixture, "INC-1 notice-escalation, INC-1 response-breach");

  move_to (fixture, 30 * 60);
  assert_alerts (fixture, "INC-1 notice-initial");
}

static void
test_transition_cancels (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_incident (fixture, 1, T0);

  start_scheduler (fixture);
  move_to (fixture, 460);
  assert_alerts (fixture, "INC-1 response-warning");

  g_assert_true (sitrep_store_transition (fixture->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                          T0 + 460, "Ana", NULL, NULL, &error));
  g_assert_no_error (error);
  drain ();

  /* The response deadline was met: no breach, and so no escalation. */
  move_to (fixture, 600);
  assert_alerts (fixture, "");

  /* A cancelled incident raises nothing more at all. */
  g_assert_true (sitrep_store_transition (fixture->store, id, SITREP_TRANSITION_CANCEL,
                                          T0 + 600, "Ana", "False alarm", NULL, &error));
  g_assert_no_error (error);
  drain ();
  g_assert_cmpint (sitrep_scheduler_get_next_wakeup (fixture->scheduler), ==,
                   SITREP_TIME_NONE);
  move_to (fixture, 30 * 24 * 3600);
  assert_alerts (fixture, "");
}

static void
test_clock_jumps (Fixture       *fixture,
                  gconstpointer  user_data)
{
  add_incident (fixture, 1, T0);
  start_scheduler (fixture);

  /* Forward over several moments at once: each raised, once. */
  move_to (fixture, 35 * 60);
  assert_alerts (fixture,
                 "INC-1 notice-escalation, INC-1 notice-initial, INC-1 response-breach");
  g_assert_cmpuint (fixture->summaries->len, ==, 0);

  /* Backward (the system clock was wrong and is corrected): nothing is
   * raised again, neither now nor when the moments pass a second time. */
  move_to (fixture, 100);
  assert_alerts (fixture, "");
  move_to (fixture, 35 * 60);
  assert_alerts (fixture, "");

  move_to (fixture, 90 * 60);
  assert_alerts (fixture, "INC-1 notice-progress-1, INC-1 recovery-warning");
}

static void
test_policy_change (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(SitrepPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;

  add_incident (fixture, 1, T0);
  start_scheduler (fixture);
  g_assert_cmpint (sitrep_scheduler_get_next_wakeup (fixture->scheduler), ==, T0 + 450);

  /* Level 1 now has 20 minutes to respond: the warning moves to 15 min. */
  policy = sitrep_store_get_policy (fixture->store);
  sitrep_policy_set_minutes (policy, 1, SITREP_POLICY_WINDOW_RESPONSE, 20);
  g_assert_true (sitrep_store_set_policy (fixture->store, policy, "Ana", &error));
  g_assert_no_error (error);
  drain ();

  g_assert_cmpint (sitrep_scheduler_get_next_wakeup (fixture->scheduler), ==, T0 + 900);
  move_to (fixture, 450);
  assert_alerts (fixture, "");
  move_to (fixture, 900);
  assert_alerts (fixture, "INC-1 response-warning");
}

static void
test_nothing_due (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* An empty database: no timer at all. */
  start_scheduler (fixture);
  g_assert_cmpint (sitrep_scheduler_get_next_wakeup (fixture->scheduler), ==,
                   SITREP_TIME_NONE);

  /* A new incident arms it for its first moment... */
  id = add_incident (fixture, 1, T0);
  g_assert_cmpint (sitrep_scheduler_get_next_wakeup (fixture->scheduler), ==, T0 + 450);

  /* ...and closing it for good disarms it. */
  g_assert_true (sitrep_store_transition (fixture->store, id, SITREP_TRANSITION_CANCEL,
                                          T0 + 60, "Ana", "Duplicate", NULL, &error));
  g_assert_no_error (error);
  drain ();
  g_assert_cmpint (sitrep_scheduler_get_next_wakeup (fixture->scheduler), ==,
                   SITREP_TIME_NONE);
  assert_alerts (fixture, "");
}

static void
test_describe (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (fixture->store);
  g_autoptr(GArray) moments = NULL;
  static const struct {
    const char *key;
    gint64      now;
    const char *summary;
    const char *timeline;
    gboolean    critical;
  } cases[] = {
    /* the clock time of the due moment, in UTC here */
    { "response-warning",  T0 + 450,  "Response due at 09:40",
      "Response deadline warning",  FALSE },
    { "response-breach",   T0 + 600,  "Response overdue since 09:40",
      "Response deadline breached", TRUE },
    { "notice-initial",    T0 + 1800, "Initial notification due at 10:00",
      "Initial notification due",   FALSE },
    { "notice-escalation", T0 + 600,  "Escalation notice due at 09:40",
      "Escalation notice due",      TRUE },
    { "recovery-warning",  T0 + 5400, "Recovery due at 11:30",
      "Recovery deadline warning",  FALSE },
    /* read on another day, it names the date too */
    { "response-breach",   T0 + 86400, "Response overdue since 2026-03-01 09:40",
      "Response deadline breached", TRUE },
    { "resolution-warning", T0 + 453600, "Resolution due at 2026-03-08 09:30",
      "Resolution deadline warning", FALSE },
  };
  gint64 id = add_incident (fixture, 1, T0);

  incident = sitrep_store_get_incident (fixture->store, id, NULL);
  moments = sitrep_sla_list_alert_moments (incident, policy);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const SitrepAlertMoment *moment = NULL;
      g_autofree char *summary = NULL;
      g_autofree char *timeline = NULL;

      for (guint j = 0; j < moments->len; j++)
        if (g_str_equal (g_array_index (moments, SitrepAlertMoment, j).key, cases[i].key))
          moment = &g_array_index (moments, SitrepAlertMoment, j);
      g_assert_nonnull (moment);

      summary = sitrep_alert_describe (incident, policy, moment, cases[i].now);
      timeline = sitrep_alert_describe_for_timeline (moment);
      g_assert_cmpstr (summary, ==, cases[i].summary);
      g_assert_cmpstr (timeline, ==, cases[i].timeline);
      g_assert_cmpint (sitrep_alert_is_critical (incident, moment), ==, cases[i].critical);
    }
}

/* With a worker, the catch-up reads on the worker's thread: starting and
 * a first turn of the main loop raise nothing; the same alerts come once
 * the worker answered, recorded by the scheduler's own store. */
static void
test_catch_up_on_worker (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(SitrepWorker) worker = sitrep_worker_new (fixture->path, fixture->clock);
  g_autoptr(GHashTable) raised = NULL;
  gint64 id;

  id = add_incident (fixture, 1, T0);
  watched_at (fixture, T0);
  sitrep_clock_set_now (fixture->clock, T0 + 35 * 60);

  fixture->scheduler = sitrep_scheduler_new (fixture->store);
  sitrep_scheduler_set_worker (fixture->scheduler, worker);
  g_signal_connect (fixture->scheduler, "alert", G_CALLBACK (alert_cb), fixture);
  g_signal_connect (fixture->scheduler, "summary", G_CALLBACK (summary_cb), fixture);
  sitrep_scheduler_start (fixture->scheduler);

  while (sitrep_worker_get_n_run (worker) == 0 || fixture->alerts->len == 0)
    g_main_context_iteration (NULL, TRUE);
  drain ();

  g_assert_cmpuint (sitrep_worker_get_n_run (worker), ==, 1);
  g_assert_cmpuint (fixture->summaries->len, ==, 0);
  assert_alerts (fixture,
                 "INC-1 notice-escalation, INC-1 notice-initial, INC-1 response-breach");
  raised = sitrep_store_list_raised_alerts (fixture->store, id, NULL);
  g_assert_cmpuint (g_hash_table_size (raised), ==, 4);

  /* From then on it follows the store as without a worker. */
  sitrep_clock_advance (fixture->clock, 2 * 60 * 60);
  drain ();
  g_assert_cmpuint (fixture->alerts->len, >, 0);
}

static guint
count_alert_entries (Fixture *fixture,
                     gint64   id)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;

  entries = sitrep_store_list_timeline (fixture->store, id, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < entries->len; i++)
    if (sitrep_timeline_entry_get_kind (g_ptr_array_index (entries, i)) ==
        SITREP_ENTRY_KIND_ALERT)
      count++;

  return count;
}

/* A database whose deadlines were never watched: what fell due before the
 * first watch is history. Nothing is raised or written into the
 * timeline, not even on a restart; what falls due later is raised. */
static void
test_never_watched (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GHashTable) raised = NULL;
  gint64 id = add_incident (fixture, 1, T0);

  g_assert_cmpint (sitrep_store_get_last_watched_at (fixture->store, NULL), ==,
                   SITREP_TIME_NONE);
  sitrep_clock_set_now (fixture->clock, T0 + 35 * 60);

  start_scheduler (fixture);
  assert_alerts (fixture, "");
  g_assert_cmpuint (fixture->summaries->len, ==, 0);
  g_assert_cmpuint (count_alert_entries (fixture, id), ==, 0);
  g_assert_cmpint (sitrep_store_get_last_watched_at (fixture->store, NULL), ==,
                   T0 + 35 * 60);

  /* Passed over: they will not come up again. */
  raised = sitrep_store_list_raised_alerts (fixture->store, id, NULL);
  g_assert_cmpuint (g_hash_table_size (raised), ==, 4);
  g_assert_cmpint (sitrep_scheduler_get_next_wakeup (fixture->scheduler), ==, T0 + 90 * 60);

  close_all (fixture);
  open_store (fixture);
  start_scheduler (fixture);
  assert_alerts (fixture, "");
  g_assert_cmpuint (count_alert_entries (fixture, id), ==, 0);

  /* The first moment after the watch began is news. */
  move_to (fixture, 90 * 60);
  assert_alerts (fixture, "INC-1 notice-progress-1, INC-1 recovery-warning");
  g_assert_cmpuint (count_alert_entries (fixture, id), ==, 2);
}

/* Sitrep last watched at 8 min: the warning (7.5 min) fell due before and
 * was raised then or never; the breach and escalation (10 min) and the
 * initial notice (30 min) fell due since, and are raised on start. */
static void
test_watched_until (Fixture       *fixture,
                    gconstpointer  user_data)
{
  gint64 id = add_incident (fixture, 1, T0);

  watched_at (fixture, T0 + 8 * 60);
  sitrep_clock_set_now (fixture->clock, T0 + 35 * 60);

  start_scheduler (fixture);
  assert_alerts (fixture,
                 "INC-1 notice-escalation, INC-1 notice-initial, INC-1 response-breach");
  g_assert_false (timeline_has_text (fixture, id, "Response deadline warning"));
  g_assert_true (timeline_has_text (fixture, id, "Response deadline breached"));
  g_assert_cmpuint (count_alert_entries (fixture, id), ==, 3);
}

/* The record of the watch: written by the catch-up, kept fresh while the
 * clock moves (not at every change), and written when the scheduler
 * goes. */
static void
test_watch_record (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gint64 id = add_incident (fixture, 3, T0);

  start_scheduler (fixture);
  g_assert_cmpint (sitrep_store_get_last_watched_at (fixture->store, NULL), ==, T0);

  /* A minute later, with a change in between: not written again yet. */
  move_to (fixture, 60);
  g_assert_true (sitrep_store_add_note (fixture->store, id, SITREP_TIME_NONE, "Ana",
                                        SITREP_TAG_NONE, "Bridge opened", NULL));
  drain ();
  g_assert_cmpint (sitrep_store_get_last_watched_at (fixture->store, NULL), ==, T0);

  /* Past the interval: written. */
  move_to (fixture, 6 * 60);
  g_assert_cmpint (sitrep_store_get_last_watched_at (fixture->store, NULL), ==, T0 + 6 * 60);

  /* Quitting writes the moment it stops. */
  move_to (fixture, 7 * 60);
  g_assert_cmpint (sitrep_store_get_last_watched_at (fixture->store, NULL), ==, T0 + 6 * 60);
  g_clear_object (&fixture->scheduler);
  g_assert_cmpint (sitrep_store_get_last_watched_at (fixture->store, NULL), ==, T0 + 7 * 60);
}

/* Quitting just as an alert falls due, before its timer fired: the record
 * of the watch stops short of it, and the next start raises it. */
static void
test_watch_stops_short (Fixture       *fixture,
                        gconstpointer  user_data)
{
  add_incident (fixture, 1, T0);
  start_scheduler (fixture);

  /* The clock moves on, but the scheduler has not woken up yet. */
  g_signal_handlers_block_matched (fixture->clock, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                   fixture->scheduler);
  sitrep_clock_set_now (fixture->clock, T0 + 460);
  assert_alerts (fixture, "");
  g_clear_object (&fixture->scheduler);
  g_assert_cmpint (sitrep_store_get_last_watched_at (fixture->store, NULL), ==, T0 + 449);

  start_scheduler (fixture);
  assert_alerts (fixture, "INC-1 response-warning");
}

/* While Sitrep watches, a deadline that is already past when it comes
 * into being (a level raised, a report written up afterwards) is news: it
 * is raised at once, however old the due moment. */
static void
test_watched_backdated (Fixture       *fixture,
                        gconstpointer  user_data)
{
  gint64 id;

  start_scheduler (fixture);
  move_to (fixture, 3 * 3600);

  id = add_incident (fixture, 1, T0);
  assert_alerts (fixture, "INC-1 notice-escalation, INC-1 notice-initial, INC-1 "
                          "notice-progress-1, INC-1 recovery-breach, INC-1 response-breach");
  g_assert_cmpuint (count_alert_entries (fixture, id), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* Clock times in alert texts are local: make them known. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sitrep/scheduler/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("level-1-moments", test_level_1_moments);
  ADD ("level-3-moments", test_level_3_moments);
  ADD ("timeline", test_timeline);
  ADD ("restart", test_restart);
  ADD ("catch-up-individual", test_catch_up_individual);
  ADD ("catch-up-summary", test_catch_up_summary);
  ADD ("catch-up-deferred", test_catch_up_deferred);
  ADD ("catch-up-on-worker", test_catch_up_on_worker);
  ADD ("level-raised", test_level_raised);
  ADD ("transition-cancels", test_transition_cancels);
  ADD ("clock-jumps", test_clock_jumps);
  ADD ("policy-change", test_policy_change);
  ADD ("nothing-due", test_nothing_due);
  ADD ("describe", test_describe);
  ADD ("never-watched", test_never_watched);
  ADD ("watched-until", test_watched_until);
  ADD ("watch-record", test_watch_record);
  ADD ("watch-stops-short", test_watch_stops_short);
  ADD ("watched-backdated", test_watched_backdated);

#undef ADD

  return g_test_run ();
}
