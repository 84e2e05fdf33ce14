/* sitrep-scheduler.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-scheduler-private.h"
#include "sitrep-time.h"

/*
 * SitrepScheduler raises each alert of every open incident once, on time:
 * deadline warnings and breaches and notices of the communication plan
 * that fall due. It arms a single timer for the earliest moment the store
 * knows of (sitrep_store_get_next_alert_at()); with nothing due there is no
 * timer at all. Every change in the store re-arms it, and so does the clock
 * jumping (the system time set, a resume from suspend, a fake clock moved).
 *
 * Raised alerts are written to the store with a timeline entry, so that a
 * restart does not raise them again; the alerts of one round are written
 * in one transaction. On start, what fell due while Sitrep was not running
 * is raised: one by one when there are only a few, as one summary
 * otherwise. That catch-up waits for an idle moment of low priority, so
 * that a window shown at start paints first: after a long pause it may
 * record thousands of alerts.
 *
 * Only what fell due since the deadlines were last watched is raised on
 * start: the store keeps when the watch last ran, written after each
 * round that raised alerts, every few minutes while it runs, and when it
 * stops. What fell due before (a database never watched, an old history
 * copied in) is passed over: shown as breached, never alerted, and not
 * written into the timelines as if someone had been told.
 *
 * On a team database many desks watch the same deadlines: each alert is
 * recorded once for the team and shown once on every desk, as
 * sitrep-scheduler-team.c explains.
 */

/* Timeouts count monotonic time while due moments are wall-clock times, and
 * the two may drift apart a little over a long wait. A long wait therefore
 * ends a little early and the last stretch is armed afresh. */
#define LONG_WAIT_USEC     (60 * G_USEC_PER_SEC)
#define WAKE_EARLY_USEC    (30 * G_USEC_PER_SEC)
#define MAX_WAIT_USEC      (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

/* When the store keeps naming a moment that cannot be raised (it failed to
 * record it), try again after this long rather than spin. */
#define RETRY_SECONDS      60

/* How stale the record of the watch's last run may get while it runs:
 * a crash loses at most this much of "was watched". */
#define WATCH_INTERVAL_SECONDS (5 * 60)

G_DEFINE_FINAL_TYPE (SitrepScheduler, sitrep_scheduler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_NEXT_WAKEUP,
  N_PROPS
};

enum {
  ALERT,
  SUMMARY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void rearm (SitrepScheduler *self);

static void
clear_due_alert (gpointer data)
{
  DueAlert *due = data;

  g_clear_object (&due->incident);
}

/* An empty array of DueAlert that owns their incidents. */
GArray *
_sitrep_scheduler_new_due_alerts (void)
{
  GArray *alerts = g_array_new (FALSE, TRUE, sizeof (DueAlert));

  g_array_set_clear_func (alerts, clear_due_alert);
  return alerts;
}

static char *
make_unrecorded_key (gint64      id,
                     const char *alert_key)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%s", id, alert_key);
}

/* Has this run remember the alert @alert_key of incident @id as raised
 * though it could not be recorded, so that it is not raised again. */
void
_sitrep_scheduler_add_unrecorded (SitrepScheduler *self,
                                  gint64           id,
                                  const char      *alert_key)
{
  g_hash_table_add (self->unrecorded, make_unrecorded_key (id, alert_key));
}

/* A warning whose breach is raised at the same time tells nothing new:
 * it is recorded, but not shown. */
void
_sitrep_scheduler_mark_superseded (GArray *alerts,
                                   guint   first)
{
  for (guint i = first; i < alerts->len; i++)
    {
      DueAlert *warning = &g_array_index (alerts, DueAlert, i);

      if (warning->moment.is_notice || warning->moment.stage != SITREP_ALERT_STAGE_WARNING)
        continue;

      for (guint j = first; j < alerts->len; j++)
        {
          DueAlert *breach = &g_array_index (alerts, DueAlert, j);

          if (!breach->moment.is_notice &&
              breach->moment.stage == SITREP_ALERT_STAGE_BREACH &&
              breach->moment.deadline == warning->moment.deadline)
            warning->superseded = TRUE;
        }
    }
}

/* Every alert moment at or before @now not raised yet, in time order, as
 * @store reads it (the scheduler's own, or another connection on a
 * thread of its own) with @policy; @unrecorded: the keys of alerts raised
 * but not recorded in this run. */
GArray *
_sitrep_scheduler_collect_due (SitrepStore  *store,
                               SitrepPolicy *policy,
                               GHashTable   *unrecorded,
                               gint64        now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  GArray *alerts = _sitrep_scheduler_new_due_alerts ();

  ids = sitrep_store_list_alerting_ids (store, now, &error);
  if (ids == NULL)
    {
      g_warning ("Could not look up the incidents with alerts due: %s", error->message);
      return alerts;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(SitrepIncident) incident = NULL;
      g_autoptr(GHashTable) raised = NULL;
      g_autoptr(GArray) moments = NULL;
      guint first = alerts->len;

      incident = sitrep_store_get_incident (store, id, &error);
      if (incident == NULL)
        {
          g_warning ("Could not read incident %" G_GINT64_FORMAT " to raise its alerts: %s",
                     id, error->message);
          g_clear_error (&error);
          continue;
        }

      raised = sitrep_store_list_raised_alerts (store, id, &error);
      if (raised == NULL)
        {
          g_warning ("Could not read the alerts raised for %s: %s",
                     sitrep_incident_get_key (incident), error->message);
          g_clear_error (&error);
          continue;
        }

      moments = sitrep_sla_list_alert_moments (incident, policy);

      for (guint j = 0; j < moments->len; j++)
        {
          const SitrepAlertMoment *moment = &g_array_index (moments, SitrepAlertMoment, j);
          g_autofree char *unrecorded_key = NULL;
          DueAlert due = { 0 };

          if (moment->at == SITREP_TIME_NONE || moment->at > now)
            continue;
          if (g_hash_table_contains (raised, moment->key))
            continue;

          unrecorded_key = make_unrecorded_key (id, moment->key);
          if (g_hash_table_contains (unrecorded, unrecorded_key))
            continue;

          due.incident = g_object_ref (incident);
          due.moment = *moment;
          g_array_append_val (alerts, due);
        }

      _sitrep_scheduler_mark_superseded (alerts, first);
    }

  return alerts;
}

/* Writes the alerts and their timeline entries in one transaction;
 * failing that, remembers them as raised for the rest of this run. */
static void
record_alerts (SitrepScheduler *self,
               GArray          *alerts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree SitrepAlertRecord *records = g_new0 (SitrepAlertRecord, alerts->len);

  for (guint i = 0; i < alerts->len; i++)
    {
      DueAlert *due = &g_array_index (alerts, DueAlert, i);
      char *text = sitrep_alert_describe_for_timeline (&due->moment);

      g_ptr_array_add (texts, text);
      records[i].id = sitrep_incident_get_id (due->incident);
      records[i].alert_key = due->moment.key;
      records[i].due_at = due->moment.at;
      records[i].text = text;
    }

  if (sitrep_store_record_alerts (self->store, records, alerts->len, &error))
    return;

  /* Raise them all the same: a missed alert is worse than one repeated
   * after a restart. A user with data viewing permission only may not
   * write at all; that is expected, not worth a warning each time. */
  if (g_error_matches (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_READ_ONLY_ROLE))
    g_debug ("%u alerts raised but not recorded: %s", alerts->len, error->message);
  else if (alerts->len == 1)
    g_warning ("Could not record the alert “%s” of %s: %s",
               g_array_index (alerts, DueAlert, 0).moment.key,
               sitrep_incident_get_key (g_array_index (alerts, DueAlert, 0).incident),
               error->message);
  else
    g_warning ("Could not record %u alerts: %s", alerts->len, error->message);

  for (guint i = 0; i < alerts->len; i++)
    g_hash_table_add (self->unrecorded,
                      make_unrecorded_key (records[i].id, records[i].alert_key));
}

static guint
count_shown (GArray *alerts)
{
  guint count = 0;

  for (guint i = 0; i < alerts->len; i++)
    if (!g_array_index (alerts, DueAlert, i).superseded)
      count++;

  return count;
}

/* Emits @alerts but the superseded, or one summary instead when
 * @catch_up (on start) and there are many. Returns how many there were. */
guint
_sitrep_scheduler_emit_alerts (SitrepScheduler *self,
                               GArray          *alerts,
                               gboolean         catch_up)
{
  guint shown = count_shown (alerts);

  if (catch_up && shown > SITREP_SCHEDULER_MAX_CATCH_UP_ALERTS)
    {
      g_signal_emit (self, signals[SUMMARY], 0, shown);
      return alerts->len;
    }

  for (guint i = 0; i < alerts->len; i++)
    {
      DueAlert *due = &g_array_index (alerts, DueAlert, i);

      if (!due->superseded)
        g_signal_emit (self, signals[ALERT], 0, due->incident, &due->moment);
    }

  return alerts->len;
}

/* Records and raises @alerts. @catch_up: on start, when many alerts are
 * raised at once as one summary. Returns how many were raised. */
static guint
raise_alerts (SitrepScheduler *self,
              GArray          *alerts,
              gboolean         catch_up)
{
  if (alerts->len == 0)
    return 0;

  record_alerts (self, alerts);

  return _sitrep_scheduler_emit_alerts (self, alerts, catch_up);
}

/* Records that every alert due at or before @now was raised; only when
 * the last record is older than WATCH_INTERVAL_SECONDS unless @force.
 * Never before the catch-up, which reads the previous record. */
static void
touch_watch (SitrepScheduler *self,
             gint64           now,
             gboolean         force)
{
  g_autoptr(GError) error = NULL;
  gint64 next;

  if (!self->caught_up || self->store == NULL)
    return;

  if (_sitrep_scheduler_is_team (self))
    {
      _sitrep_scheduler_team_touch (self, now, force);
      return;
    }

  /* Never past an alert not raised yet (its timer has not fired, or it
   * could not be recorded): the next start would pass it over. */
  next = sitrep_store_get_next_alert_at (self->store);
  if (next != SITREP_TIME_NONE && next <= now)
    now = next - 1;

  if (!sitrep_time_is_valid (now))
    return;

  if (!force && self->watch_written_at != SITREP_TIME_NONE &&
      now >= self->watch_written_at && now - self->watch_written_at < WATCH_INTERVAL_SECONDS)
    return;

  if (sitrep_store_set_last_watched_at (self->store, now, &error))
    {
      self->watch_written_at = now;
      return;
    }

  /* It is only the catch-up's guide: say it once, and keep watching. */
  if (!self->watch_warned)
    g_warning ("Could not record when the deadlines were last watched: %s", error->message);
  self->watch_warned = TRUE;
}

static gboolean
watch_timer_cb (gpointer user_data)
{
  SitrepScheduler *self = SITREP_SCHEDULER (user_data);

  touch_watch (self, sitrep_clock_get_now (self->clock), TRUE);

  return G_SOURCE_CONTINUE;
}

/* Whether @due fell due at or before @last_watched, or the deadlines
 * were never watched. */
static gboolean
is_unwatched (const DueAlert *due,
              gint64          last_watched)
{
  return last_watched == SITREP_TIME_NONE || due->moment.at <= last_watched;
}

/* The alerts of @alerts that fell due before the deadlines were watched,
 * as records to pass over (their strings are @alerts'). */
GArray *
_sitrep_scheduler_list_unwatched (GArray *alerts,
                                  gint64  last_watched)
{
  GArray *records = g_array_new (FALSE, FALSE, sizeof (SitrepAlertRecord));

  for (guint i = 0; i < alerts->len; i++)
    {
      const DueAlert *due = &g_array_index (alerts, DueAlert, i);
      SitrepAlertRecord record = { 0 };

      if (!is_unwatched (due, last_watched))
        continue;

      record.id = sitrep_incident_get_id (due->incident);
      record.alert_key = due->moment.key;
      record.due_at = due->moment.at;
      g_array_append_val (records, record);
    }

  return records;
}

/* Removes from @alerts those that fell due before the deadlines were
 * watched. Passed over or not, they are not news; unless the store
 * @marked them, the scheduler remembers them for this run, as alerts it
 * could not record. */
void
_sitrep_scheduler_drop_unwatched (SitrepScheduler *self,
                                  GArray          *alerts,
                                  gint64           last_watched,
                                  gboolean         marked)
{
  for (guint i = alerts->len; i-- > 0;)
    {
      const DueAlert *due = &g_array_index (alerts, DueAlert, i);

      if (!is_unwatched (due, last_watched))
        continue;
      if (!marked)
        _sitrep_scheduler_add_unrecorded (self, sitrep_incident_get_id (due->incident),
                                          due->moment.key);
      g_array_remove_index (alerts, i);
    }
}

/* Removes from @alerts those that fell due at or before @last_watched
 * (all of them when the deadlines were never watched) and marks them in
 * the store as passed over. */
static void
pass_over_unwatched (SitrepScheduler *self,
                     GArray          *alerts,
                     gint64           last_watched)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) records = _sitrep_scheduler_list_unwatched (alerts, last_watched);

  if (records->len == 0)
    return;

  if (!sitrep_store_pass_over_alerts (self->store, (SitrepAlertRecord *) records->data,
                                      records->len, &error))
    g_warning ("Could not pass over %u alerts that fell due before the deadlines were "
               "watched: %s", records->len, error->message);

  _sitrep_scheduler_drop_unwatched (self, alerts, last_watched, error == NULL);
}

/* Raises what is due at @now, as the scheduler's store reads it. */
static guint
raise_due (SitrepScheduler *self,
           gint64           now,
           gboolean         catch_up)
{
  g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (self->store);
  g_autoptr(GArray) alerts = _sitrep_scheduler_collect_due (self->store, policy,
                                                            self->unrecorded, now);

  return raise_alerts (self, alerts, catch_up);
}

void
_sitrep_scheduler_set_next_wakeup (SitrepScheduler *self,
                 gint64           next_wakeup)
{
  if (self->next_wakeup == next_wakeup)
    return;

  self->next_wakeup = next_wakeup;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_WAKEUP]);
}

static gboolean
timer_fired_cb (gpointer user_data)
{
  SitrepScheduler *self = SITREP_SCHEDULER (user_data);

  self->timer_id = 0;
  rearm (self);

  return G_SOURCE_REMOVE;
}

static gboolean
store_settled_cb (gpointer user_data)
{
  SitrepScheduler *self = SITREP_SCHEDULER (user_data);

  self->idle_id = 0;
  rearm (self);

  return G_SOURCE_REMOVE;
}

void
_sitrep_scheduler_arm_timer (SitrepScheduler *self,
           gint64           moment)
{
  gint64 wait_usec;
  guint wait_msec;

  g_clear_handle_id (&self->timer_id, g_source_remove);

  /* A fake clock only moves when told to, and says so with ::jumped. */
  if (moment == SITREP_TIME_NONE || sitrep_clock_is_fake (self->clock))
    return;

  wait_usec = moment * G_USEC_PER_SEC - sitrep_clock_get_now_usec (self->clock);
  wait_usec = MAX (wait_usec, 0);
  if (wait_usec > LONG_WAIT_USEC)
    wait_usec = MIN (wait_usec - WAKE_EARLY_USEC, MAX_WAIT_USEC);

  /* Round up, so that the timer never fires before the second begins. */
  wait_msec = (guint) ((wait_usec + 999) / 1000);

  self->timer_id = g_timeout_add_full (G_PRIORITY_DEFAULT, wait_msec,
                                       timer_fired_cb, self, NULL);
  g_source_set_name_by_id (self->timer_id, "[sitrep] deadline scheduler");
}

/* Raises whatever is due and arms the timer for the next moment. */
static void
rearm (SitrepScheduler *self)
{
  gint64 now;
  gint64 next;

  /* Until the catch-up has run, it is the one to look at the store. */
  if (!self->started || !self->caught_up)
    return;

  /* A server is asked on the store's writing thread. */
  if (_sitrep_scheduler_is_team (self))
    {
      _sitrep_scheduler_team_rearm (self);
      return;
    }

  /* An alert handler may change the store or move a fake clock: finish
   * this round first, then go again. */
  if (self->busy)
    {
      self->again = TRUE;
      return;
    }

  self->busy = TRUE;

  do
    {
      self->again = FALSE;

      now = sitrep_clock_get_now (self->clock);

      next = sitrep_store_get_next_alert_at (self->store);

      if (next != SITREP_TIME_NONE && next <= now)
        {
          raise_due (self, now, FALSE);
          next = sitrep_store_get_next_alert_at (self->store);

          /* The store still names a past moment that could not be raised:
           * look again later instead of spinning. */
          if (next != SITREP_TIME_NONE && next <= now)
            next = now + RETRY_SECONDS;
        }
    }
  while (self->again);

  self->busy = FALSE;

  /* Every alert due by now is raised: the watch has run until now. */
  touch_watch (self, now, FALSE);

  /* Changes made while raising are all seen by now. */
  g_clear_handle_id (&self->idle_id, g_source_remove);

  _sitrep_scheduler_set_next_wakeup (self, next);
  _sitrep_scheduler_arm_timer (self, next);
}

/* What the worker's thread needs to collect the alerts that fell due. */
typedef struct
{
  gint64        now;
  SitrepPolicy *policy;
  GHashTable   *unrecorded;   /* a copy */
} CatchUpJob;

static void
catch_up_job_free (CatchUpJob *job)
{
  g_object_unref (job->policy);
  g_hash_table_unref (job->unrecorded);
  g_free (job);
}

static gpointer
collect_due_job (SitrepStore   *reader,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  CatchUpJob *job = data;

  return _sitrep_scheduler_collect_due (reader, job->policy, job->unrecorded, job->now);
}

/* A copy of the keys of the alerts this run could not record, for
 * another thread. */
GHashTable *
_sitrep_scheduler_copy_unrecorded (SitrepScheduler *self)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->unrecorded);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (copy, g_strdup (key));

  return copy;
}

/* Raises what fell due since the deadlines were last watched and passes
 * over what fell due before, on a desk's own database. */
static void
catch_up_own (SitrepScheduler *self,
              GArray          *alerts)
{
  g_autoptr(GError) error = NULL;
  gint64 last_watched = sitrep_store_get_last_watched_at (self->store, &error);

  /* Unable to tell what is old, raise it all: a missed alert is worse
   * than one about the past. */
  if (error != NULL)
    g_warning ("Could not read when the deadlines were last watched: %s", error->message);
  else
    pass_over_unwatched (self, alerts, last_watched);

  raise_alerts (self, alerts, TRUE);
}

/**
 * _sitrep_scheduler_follow:
 * @self: a #SitrepScheduler whose catch-up is over
 *
 * From now on, follows the store and the clock.
 */
void
_sitrep_scheduler_follow (SitrepScheduler *self)
{
  self->caught_up = TRUE;

  touch_watch (self, self->catch_up_now, TRUE);

  /* A fake clock only moves when told to, and rearm() keeps the record
   * fresh then. */
  if (!sitrep_clock_is_fake (self->clock))
    {
      self->watch_timer_id = g_timeout_add_seconds (WATCH_INTERVAL_SECONDS, watch_timer_cb, self);
      g_source_set_name_by_id (self->watch_timer_id, "[sitrep] deadline watch record");
    }

  rearm (self);
}

/* Raises what fell due while Sitrep was not running, and from then on
 * follows the store. */
static void
caught_up (SitrepScheduler *self,
           GArray          *alerts)
{
  self->busy = TRUE;
  catch_up_own (self, alerts);
  self->busy = FALSE;

  _sitrep_scheduler_follow (self);
}

static void
collected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SitrepScheduler) self = user_data;
  g_autoptr(GArray) alerts = NULL;
  g_autoptr(GError) error = NULL;

  if (self->worker == NULL)
    return;

  alerts = sitrep_worker_run_finish (self->worker, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->catch_up_cancellable);

  /* The worker could not read: the scheduler's own connection can. */
  if (alerts == NULL)
    {
      g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (self->store);

      g_debug ("The worker could not collect the alerts due: %s", error->message);
      alerts = _sitrep_scheduler_collect_due (self->store, policy, self->unrecorded,
                                              self->catch_up_now);
    }

  caught_up (self, alerts);
}

/* Raises what fell due while Sitrep was not running, then follows the
 * store. Which alerts fell due grows with the data: with a worker, they
 * are collected on its thread, and only recorded and raised here. A team
 * database is read and written on the store's writing thread. */
static gboolean
catch_up_cb (gpointer user_data)
{
  SitrepScheduler *self = SITREP_SCHEDULER (user_data);
  CatchUpJob *job;

  self->catch_up_id = 0;

  self->catch_up_now = sitrep_clock_get_now (self->clock);

  if (_sitrep_scheduler_is_team (self))
    {
      _sitrep_scheduler_team_catch_up (self);
      return G_SOURCE_REMOVE;
    }

  if (self->worker == NULL)
    {
      g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (self->store);
      g_autoptr(GArray) alerts = _sitrep_scheduler_collect_due (self->store, policy,
                                                                self->unrecorded,
                                                                self->catch_up_now);

      caught_up (self, alerts);
      return G_SOURCE_REMOVE;
    }

  job = g_new0 (CatchUpJob, 1);
  job->now = self->catch_up_now;
  job->policy = sitrep_store_get_policy (self->store);
  job->unrecorded = _sitrep_scheduler_copy_unrecorded (self);

  self->catch_up_cancellable = g_cancellable_new ();
  sitrep_worker_run_async (self->worker, collect_due_job, job,
                           (GDestroyNotify) catch_up_job_free, (GDestroyNotify) g_array_unref,
                           self->catch_up_cancellable, collected_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
store_settle (SitrepScheduler *self)
{
  /* Changes come in bursts (an import, a transaction's signals): look once
   * they have settled. */
  if (self->idle_id == 0 && self->caught_up)
    {
      self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, store_settled_cb, self, NULL);
      g_source_set_name_by_id (self->idle_id, "[sitrep] deadline scheduler re-arm");
    }
}

static void
store_changed_cb (SitrepScheduler *self)
{
  if (_sitrep_scheduler_is_team (self))
    _sitrep_scheduler_team_changed (self);
  store_settle (self);
}

static void
incident_changed_cb (SitrepStore     *store,
                     gint64           id,
                     guint           changes,
                     SitrepScheduler *self)
{
  if (_sitrep_scheduler_is_team (self))
    _sitrep_scheduler_team_incident_changed (self, id);
  store_settle (self);
}

static void
clock_jumped_cb (SitrepClock     *clock,
                 SitrepScheduler *self)
{
  rearm (self);
}

static void
sitrep_scheduler_dispose (GObject *object)
{
  SitrepScheduler *self = SITREP_SCHEDULER (object);

  /* Quitting: the deadlines were watched until now. */
  self->disposing = TRUE;
  if (self->clock != NULL)
    touch_watch (self, sitrep_clock_get_now (self->clock), TRUE);
  self->caught_up = FALSE;

  _sitrep_scheduler_team_dispose (self);

  g_clear_handle_id (&self->watch_timer_id, g_source_remove);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->catch_up_id, g_source_remove);
  if (self->catch_up_cancellable != NULL)
    g_cancellable_cancel (self->catch_up_cancellable);
  g_clear_object (&self->catch_up_cancellable);
  g_clear_object (&self->worker);

  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->store_changed_id, self->store);
      g_clear_signal_handler (&self->incident_changed_id, self->store);
    }
  if (self->clock != NULL)
    g_clear_signal_handler (&self->clock_jumped_id, self->clock);

  g_clear_object (&self->clock);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sitrep_scheduler_parent_class)->dispose (object);
}

static void
sitrep_scheduler_finalize (GObject *object)
{
  SitrepScheduler *self = SITREP_SCHEDULER (object);

  g_clear_pointer (&self->unrecorded, g_hash_table_unref);
  g_clear_pointer (&self->known, g_hash_table_unref);
  g_clear_pointer (&self->stale, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_array_unref);

  G_OBJECT_CLASS (sitrep_scheduler_parent_class)->finalize (object);
}

static void
sitrep_scheduler_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SitrepScheduler *self = SITREP_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_NEXT_WAKEUP:
      g_value_set_int64 (value, self->next_wakeup);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_scheduler_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SitrepScheduler *self = SITREP_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      self->clock = g_object_ref (sitrep_store_get_clock (self->store));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_scheduler_class_init (SitrepSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_scheduler_dispose;
  object_class->finalize = sitrep_scheduler_finalize;
  object_class->get_property = sitrep_scheduler_get_property;
  object_class->set_property = sitrep_scheduler_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         SITREP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * SitrepScheduler:next-wakeup:
   *
   * The moment (Unix seconds) the scheduler waits for, or
   * %SITREP_TIME_NONE when nothing is due and no timer is armed.
   */
  properties[PROP_NEXT_WAKEUP] =
    g_param_spec_int64 ("next-wakeup", NULL, NULL,
                        0, G_MAXINT64, SITREP_TIME_NONE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitrepScheduler::alert:
   * @self: the scheduler
   * @incident: the #SitrepIncident the alert is about
   * @moment: (type gpointer): the `const SitrepAlertMoment *` that fell
   *   due: its key, due moment, deadline or notice kind and stage; valid
   *   during the emission only
   *
   * Emitted once for each alert moment that falls due, after it has been
   * recorded in the store. On a team database it is emitted once on
   * every desk, when the desk finds it due, and recorded for the team
   * once, through the store's writing thread right after.
   */
  signals[ALERT] =
    g_signal_new ("alert",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  SITREP_TYPE_INCIDENT,
                  G_TYPE_POINTER);

  /**
   * SitrepScheduler::summary:
   * @self: the scheduler
   * @count: how many alerts fell due
   *
   * Emitted on start instead of ::alert when more than
   * %SITREP_SCHEDULER_MAX_CATCH_UP_ALERTS alerts fell due while Sitrep was
   * not running. They are all recorded as raised.
   */
  signals[SUMMARY] =
    g_signal_new ("summary",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_UINT);
}

static void
sitrep_scheduler_init (SitrepScheduler *self)
{
  self->unrecorded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * sitrep_scheduler_new:
 * @store: the store whose incidents to watch
 *
 * Creates a scheduler that follows @store, with the store's clock. It does
 * nothing until sitrep_scheduler_start().
 *
 * Returns: (transfer full): a new #SitrepScheduler
 */
SitrepScheduler *
sitrep_scheduler_new (SitrepStore *store)
{
  g_return_val_if_fail (SITREP_IS_STORE (store), NULL);

  return g_object_new (SITREP_TYPE_SCHEDULER, "store", store, NULL);
}

/**
 * sitrep_scheduler_set_worker:
 * @self: a #SitrepScheduler not started yet
 * @worker: (nullable): a worker reading the store's database
 *
 * Has the catch-up on start collect what fell due on @worker's thread, so
 * that a large database does not hold the main loop while it is read.
 */
void
sitrep_scheduler_set_worker (SitrepScheduler *self,
                             SitrepWorker    *worker)
{
  g_return_if_fail (SITREP_IS_SCHEDULER (self));
  g_return_if_fail (worker == NULL || SITREP_IS_WORKER (worker));
  g_return_if_fail (!self->started);

  g_set_object (&self->worker, worker);
}

/**
 * sitrep_scheduler_set_desk_alerts:
 * @self: a #SitrepScheduler not started yet
 * @desk: (nullable): where this desk keeps what it notified
 *
 * On a team database, has the scheduler keep which alerts this desk
 * notified in @desk rather than in the file of
 * sitrep_desk_alerts_new_for_store(). A desk's own database keeps that
 * itself, and ignores @desk.
 */
void
sitrep_scheduler_set_desk_alerts (SitrepScheduler  *self,
                                  SitrepDeskAlerts *desk)
{
  g_return_if_fail (SITREP_IS_SCHEDULER (self));
  g_return_if_fail (desk == NULL || SITREP_IS_DESK_ALERTS (desk));
  g_return_if_fail (!self->started);

  g_set_object (&self->desk, desk);
}

/**
 * sitrep_scheduler_get_store:
 * @self: a #SitrepScheduler
 *
 * Returns: (transfer none): the store the scheduler follows
 */
SitrepStore *
sitrep_scheduler_get_store (SitrepScheduler *self)
{
  g_return_val_if_fail (SITREP_IS_SCHEDULER (self), NULL);

  return self->store;
}

/**
 * sitrep_scheduler_start:
 * @self: a #SitrepScheduler
 *
 * Raises what fell due while Sitrep was not running (one by one, or as one
 * #SitrepScheduler::summary when there are many), then follows the store
 * and the clock and raises each alert as it falls due. Connect to the
 * signals before calling this. Calling it again does nothing.
 *
 * The catch-up does not happen during this call: the main loop runs it at
 * %G_PRIORITY_LOW, after what is more urgent, such as laying out and
 * painting a window shown at the same time.
 */
void
sitrep_scheduler_start (SitrepScheduler *self)
{
  g_return_if_fail (SITREP_IS_SCHEDULER (self));

  if (self->started)
    return;

  self->started = TRUE;

  self->store_changed_id =
    g_signal_connect_swapped (self->store, "changed", G_CALLBACK (store_changed_cb), self);
  self->incident_changed_id =
    g_signal_connect (self->store, "incident-changed", G_CALLBACK (incident_changed_cb), self);
  self->clock_jumped_id =
    g_signal_connect (self->clock, "jumped", G_CALLBACK (clock_jumped_cb), self);

  sitrep_clock_watch_jumps (self->clock);

  if (_sitrep_scheduler_is_team (self))
    _sitrep_scheduler_team_start (self);

  self->catch_up_id = g_idle_add_full (G_PRIORITY_LOW, catch_up_cb, self, NULL);
  g_source_set_name_by_id (self->catch_up_id, "[sitrep] deadline scheduler catch-up");
}

/**
 * sitrep_scheduler_is_started:
 * @self: a #SitrepScheduler
 *
 * Returns: whether sitrep_scheduler_start() was called
 */
gboolean
sitrep_scheduler_is_started (SitrepScheduler *self)
{
  g_return_val_if_fail (SITREP_IS_SCHEDULER (self), FALSE);

  return self->started;
}

/**
 * _sitrep_scheduler_is_settled:
 * @self: a #SitrepScheduler
 *
 * Returns: whether the catch-up is over and no round is waiting to run
 *   or for the store's answer
 */
gboolean
_sitrep_scheduler_is_settled (SitrepScheduler *self)
{
  g_return_val_if_fail (SITREP_IS_SCHEDULER (self), FALSE);

  return self->caught_up && self->idle_id == 0 && !self->round_running &&
         !self->touch_running && !self->catching_up;
}

/**
 * sitrep_scheduler_get_next_wakeup:
 * @self: a #SitrepScheduler
 *
 * Returns: the wall-clock moment (Unix seconds) of the next alert the
 *   scheduler waits for, or %SITREP_TIME_NONE when nothing is due and no
 *   timer is armed
 */
gint64
sitrep_scheduler_get_next_wakeup (SitrepScheduler *self)
{
  g_return_val_if_fail (SITREP_IS_SCHEDULER (self), SITREP_TIME_NONE);

  return self->next_wakeup;
}
