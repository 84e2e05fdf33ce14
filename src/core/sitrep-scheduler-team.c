/* sitrep-scheduler-team.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-scheduler-private.h"
#include "sitrep-time.h"

/*
 * The deadline watch on a team database, where many desks watch the same
 * incidents. Each alert is recorded once for the team: the alerts table's
 * unique key lets the first desk's insert win, and only that one writes
 * the timeline entry. Yet every desk shows the alert to its own user, once:
 * what a desk showed is kept in a file of its own (SitrepDeskAlerts), not
 * in the shared database, so another desk's record does not keep it quiet
 * and a restart does not show it again.
 *
 * The store's next alert moment only tells which alerts nobody recorded
 * yet; another desk may record one a moment before this desk's timer
 * fires. So the desk keeps the incidents whose alerts come next in memory
 * ("known"), reads one again whenever it changes, and raises from them.
 * That is also what it raises from while the server cannot be reached:
 * the alerts are shown on time and recorded once it answers again.
 *
 * A supervisor's login may not write at all: its desk shows the alerts and
 * records nothing, neither the alerts nor when it watched.
 *
 * A desk never shows what fell due before it first watched the team
 * database, or, after a restart, before it last watched.
 *
 * The window never waits for the server: the catch-up, each round's
 * reads and records, and the record of the watch run on the store's
 * writing thread (sitrep_store_submit()), one after the other, and come
 * back to the main loop. What a round finds due it shows at once and has
 * the next round record; only one round is on its way at a time.
 */

/* How far ahead the desk reads the incidents whose alerts come next, so
 * that it can raise them from memory should the server not answer then. */
#define LEARN_AHEAD_SECONDS (60 * 60)

/* How stale this desk's record of its watch may get while it runs. */
#define DESK_WATCH_INTERVAL_SECONDS (5 * 60)

typedef struct
{
  gint64  id;
  char   *alert_key;
  gint64  due_at;
  char   *text;
} TeamRecord;

static void
clear_team_record (gpointer data)
{
  TeamRecord *record = data;

  g_free (record->alert_key);
  g_free (record->text);
}

/**
 * _sitrep_scheduler_is_team:
 * @self: a #SitrepScheduler
 *
 * Returns: whether the scheduler watches a team database
 */
gboolean
_sitrep_scheduler_is_team (SitrepScheduler *self)
{
  return self->store != NULL && sitrep_store_is_team (self->store);
}

/* Only a manager's login may write; a supervisor's is refused by the
 * server, and does not try. */
static gboolean
may_write (SitrepScheduler *self)
{
  return sitrep_store_get_team_role (self->store) == SITREP_TEAM_ROLE_MANAGER;
}

/* As the store judges it: unreachable from the moment the listener lost
 * the server until it listens again. */
static gboolean
is_reachable (SitrepScheduler *self)
{
  return self->listener == NULL || sitrep_team_listener_get_connected (self->listener) ||
         sitrep_team_listener_get_unreachable_since (self->listener) == SITREP_TIME_NONE;
}

static void
desk_written_cb (SitrepScheduler *self)
{
  self->desk_warned = FALSE;
}

static void
desk_write_failed_cb (SitrepScheduler *self,
                      const GError    *error)
{
  /* Only a restart would show these alerts again: say it once. */
  if (!self->desk_warned)
    g_warning ("Could not keep which alerts this desk showed, in %s: %s",
               sitrep_desk_alerts_get_path (self->desk), error->message);
  self->desk_warned = TRUE;
}

/* Adds @alerts, shown here, to those the next round records. */
static void
record_later (SitrepScheduler *self,
              GArray          *alerts)
{
  for (guint i = 0; i < alerts->len; i++)
    {
      const DueAlert *due = &g_array_index (alerts, DueAlert, i);
      TeamRecord record;

      record.id = sitrep_incident_get_id (due->incident);
      record.alert_key = g_strdup (due->moment.key);
      record.due_at = due->moment.at;
      record.text = sitrep_alert_describe_for_timeline (&due->moment);
      g_array_append_val (self->pending, record);
    }
}

/* Notes in the desk's file that @alerts were shown here. */
static void
remember (SitrepScheduler *self,
          GArray          *alerts)
{
  for (guint i = 0; i < alerts->len; i++)
    {
      const DueAlert *due = &g_array_index (alerts, DueAlert, i);

      sitrep_desk_alerts_add_notified (self->desk, sitrep_incident_get_id (due->incident),
                                       due->moment.key, due->moment.at);
    }

  sitrep_desk_alerts_save (self->desk);
}

/* Whether this desk is to show @moment of incident @id at some point. */
static gboolean
is_owed (SitrepScheduler         *self,
         gint64                   id,
         const SitrepAlertMoment *moment)
{
  return moment->at != SITREP_TIME_NONE && moment->at > self->desk_floor &&
         !sitrep_desk_alerts_has_notified (self->desk, id, moment->key);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The alerts of the known incidents due by @now that this desk owes its
 * user, incident by incident. */
static GArray *
collect_known (SitrepScheduler *self,
               gint64           now)
{
  g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (self->store);
  g_autoptr(GList) ids = g_hash_table_get_keys (self->known);
  GArray *alerts = _sitrep_scheduler_new_due_alerts ();

  ids = g_list_sort (ids, compare_ids);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      gint64 id = *(gint64 *) l->data;
      SitrepIncident *incident = g_hash_table_lookup (self->known, &id);
      g_autoptr(GArray) moments = sitrep_sla_list_alert_moments (incident, policy);
      guint first = alerts->len;

      for (guint i = 0; i < moments->len; i++)
        {
          const SitrepAlertMoment *moment = &g_array_index (moments, SitrepAlertMoment, i);
          DueAlert due = { 0 };

          if (moment->at > now || !is_owed (self, id, moment))
            continue;

          due.incident = g_object_ref (incident);
          due.moment = *moment;
          g_array_append_val (alerts, due);
        }

      _sitrep_scheduler_mark_superseded (alerts, first);
    }

  return alerts;
}

/* The earliest alert of the known incidents still owed after @after, or
 * %SITREP_TIME_NONE. Incidents that owe nothing are forgotten, and so are
 * those that owe nothing before @forget_after (unless %SITREP_TIME_NONE):
 * they are read again in time, when their alerts come near. */
static gint64
next_owed (SitrepScheduler *self,
           gint64           after,
           gint64           forget_after)
{
  g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (self->store);
  gint64 next = SITREP_TIME_NONE;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 id = *(gint64 *) key;
      g_autoptr(GArray) moments = sitrep_sla_list_alert_moments (value, policy);
      gint64 first_owed = SITREP_TIME_NONE;

      for (guint i = 0; i < moments->len; i++)
        {
          const SitrepAlertMoment *moment = &g_array_index (moments, SitrepAlertMoment, i);

          if (!is_owed (self, id, moment))
            continue;

          if (first_owed == SITREP_TIME_NONE || moment->at < first_owed)
            first_owed = moment->at;
          if (moment->at > after && (next == SITREP_TIME_NONE || moment->at < next))
            next = moment->at;
        }

      if (first_owed == SITREP_TIME_NONE ||
          (forget_after != SITREP_TIME_NONE && first_owed > forget_after))
        g_hash_table_iter_remove (&iter);
    }

  return next;
}

/* A round as the writing thread runs it: the alerts shown and not
 * recorded yet are recorded, the known incidents that changed read
 * again, and the incidents whose alerts come next read for the first
 * time. */
typedef struct
{
  gint64      now;
  GArray     *records;     /* of TeamRecord: to record */
  GArray     *stale;       /* of gint64: known incidents to read again */
  GHashTable *known;       /* gint64 set: known incidents not read again */

  /* answered on the writing thread */
  GError     *record_error;
  GHashTable *read;        /* id → SitrepIncident, or NULL when it is gone */
  gint64      store_next;  /* the earliest alert nobody recorded */
} Round;

static void
unref_incident (gpointer incident)
{
  if (incident != NULL)
    g_object_unref (incident);
}

static void
round_free (gpointer data)
{
  Round *round = data;

  g_array_unref (round->records);
  g_array_unref (round->stale);
  g_hash_table_unref (round->known);
  g_hash_table_unref (round->read);
  g_clear_error (&round->record_error);
  g_free (round);
}

static Round *
round_new (SitrepScheduler *self,
           gint64           now)
{
  Round *round = g_new0 (Round, 1);
  GHashTableIter iter;
  gpointer key;

  round->now = now;
  round->store_next = SITREP_TIME_NONE;
  round->records = g_array_new (FALSE, TRUE, sizeof (TeamRecord));
  g_array_set_clear_func (round->records, clear_team_record);
  round->stale = g_array_new (FALSE, FALSE, sizeof (gint64));
  round->known = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  round->read = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, unref_incident);

  /* Only a manager's login may write; a supervisor's does not try. */
  for (guint i = 0; may_write (self) && i < self->pending->len; i++)
    {
      const TeamRecord *pending = &g_array_index (self->pending, TeamRecord, i);
      TeamRecord record = { pending->id, g_strdup (pending->alert_key), pending->due_at,
                            g_strdup (pending->text) };

      g_array_append_val (round->records, record);
    }

  /* Those not known too: another desk may have recorded an alert this
   * desk owes its user. */
  g_hash_table_iter_init (&iter, self->stale);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (round->stale, *(gint64 *) key);

  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!self->stale_all)
      {
        if (!g_hash_table_contains (self->stale, key))
          g_hash_table_add (round->known, g_memdup2 (key, sizeof (gint64)));
      }
    else if (!g_hash_table_contains (self->stale, key))
      g_array_append_val (round->stale, *(gint64 *) key);

  self->stale_all = FALSE;
  g_hash_table_remove_all (self->stale);

  return round;
}

/* On the writing thread: reads incident @id for @round. One that is gone
 * is noted as such; one that cannot be read now keeps the copy of
 * before. */
static void
round_read (SitrepStore *writer,
            Round       *round,
            gint64       id)
{
  g_autoptr(GError) error = NULL;
  SitrepIncident *incident = sitrep_store_get_incident (writer, id, &error);

  if (incident == NULL && !g_error_matches (error, SITREP_STORE_ERROR,
                                            SITREP_STORE_ERROR_NOT_FOUND))
    {
      g_debug ("Could not read incident %" G_GINT64_FORMAT " again for its alerts: %s",
               id, error->message);
      return;
    }

  g_hash_table_replace (round->read, g_memdup2 (&id, sizeof id), incident);
}

static gboolean
run_round (SitrepStore  *writer,
           gpointer      data,
           GError      **error)
{
  Round *round = data;
  g_autoptr(GError) list_error = NULL;
  g_autoptr(GArray) ids = NULL;

  if (round->records->len > 0)
    {
      g_autofree SitrepAlertRecord *records = g_new0 (SitrepAlertRecord, round->records->len);

      for (guint i = 0; i < round->records->len; i++)
        {
          const TeamRecord *record = &g_array_index (round->records, TeamRecord, i);

          records[i].id = record->id;
          records[i].alert_key = record->alert_key;
          records[i].due_at = record->due_at;
          records[i].text = record->text;
        }

      /* Another desk may have recorded them meanwhile: the store passes
       * those over, and the timeline has each once. */
      sitrep_store_record_alerts (writer, records, round->records->len, &round->record_error);
    }

  for (guint i = 0; i < round->stale->len; i++)
    round_read (writer, round, g_array_index (round->stale, gint64, i));

  /* The alerts that come next at least, however far ahead. */
  round->store_next = sitrep_store_get_next_alert_at (writer);
  if (round->store_next == SITREP_TIME_NONE)
    return TRUE;

  ids = sitrep_store_list_alerting_ids (writer,
                                        MAX (round->store_next,
                                             round->now + LEARN_AHEAD_SECONDS),
                                        &list_error);
  if (ids == NULL)
    {
      g_debug ("Could not look up the incidents with alerts due: %s", list_error->message);
      return TRUE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!g_hash_table_contains (round->known, &id) && !g_hash_table_contains (round->read, &id))
        round_read (writer, round, id);
    }

  return TRUE;
}

/* Back on the main loop: what the round recorded leaves the pending
 * alerts, and what it read replaces the known incidents. */
static void
round_apply (SitrepScheduler *self,
             Round           *round)
{
  const GError *error = round->record_error;
  GHashTableIter iter;
  gpointer key, value;

  if (round->records->len > 0)
    {
      g_assert (round->records->len <= self->pending->len);

      if (error == NULL)
        {
          g_array_remove_range (self->pending, 0, round->records->len);
          self->pending_warned = FALSE;
        }
      /* The login lost the right to write: the managers' desks record
       * them. */
      else if (g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_DENIED))
        {
          g_debug ("%u alerts shown but not recorded: %s", round->records->len, error->message);
          g_array_remove_range (self->pending, 0, round->records->len);
        }
      /* Once the server answers again, they are tried again. */
      else if (g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_UNREACHABLE))
        g_debug ("%u alerts wait for the team database: %s", round->records->len,
                 error->message);
      else if (!self->pending_warned)
        {
          g_warning ("Could not record %u alerts in the team database (trying again later): %s",
                     round->records->len, error->message);
          self->pending_warned = TRUE;
        }
    }

  g_hash_table_iter_init (&iter, round->read);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value == NULL)
      g_hash_table_remove (self->known, key);
    else
      g_hash_table_replace (self->known, g_memdup2 (key, sizeof (gint64)), g_object_ref (value));
}

/* Shows what the known incidents owe this desk's user by @now, has the
 * next round record it, and arms the timer for the next alert.
 * @store_next: the earliest alert nobody recorded, as the server said
 * in this round (%SITREP_TIME_NONE when it did not answer). */
static void
round_finish (SitrepScheduler *self,
              gint64           now,
              gboolean         reachable,
              gint64           store_next)
{
  g_autoptr(GArray) alerts = NULL;
  gboolean to_record = FALSE;
  gint64 next;

  /* An alert handler may change the store or move a fake clock: this
   * round ends first, then another one runs. */
  self->busy = TRUE;

  alerts = collect_known (self, now);
  if (alerts->len > 0)
    {
      remember (self, alerts);
      if (may_write (self))
        {
          record_later (self, alerts);
          to_record = TRUE;
        }
      _sitrep_scheduler_emit_alerts (self, alerts, FALSE);
    }

  /* What is far off need not be kept: it is read again an hour ahead.
   * Without the server, all that was read is kept. */
  next = next_owed (self, now,
                    reachable ? MAX (store_next, now + 2 * LEARN_AHEAD_SECONDS)
                              : SITREP_TIME_NONE);

  /* Further ahead than what was read: look then. */
  if (store_next != SITREP_TIME_NONE && store_next > now &&
      (next == SITREP_TIME_NONE || store_next < next))
    next = store_next;

  self->busy = FALSE;

  /* Every alert due by now was shown: the watch ran until now. */
  _sitrep_scheduler_team_touch (self, now, FALSE);

  _sitrep_scheduler_set_next_wakeup (self, next);
  _sitrep_scheduler_arm_timer (self, next);

  if (self->again || (to_record && reachable))
    _sitrep_scheduler_team_rearm (self);
}

static void
round_done_cb (GObject      *owner,
               const GError *error,
               gpointer      data)
{
  SitrepScheduler *self = SITREP_SCHEDULER (owner);
  Round *round = data;

  self->round_running = FALSE;
  if (self->store == NULL)
    return;

  if (error == NULL)
    {
      round_apply (self, round);
      round_finish (self, round->now, TRUE, round->store_next);
      return;
    }

  /* Unanswered: what it was to read is read in a later round. */
  g_debug ("The deadline watch could not ask the team database: %s", error->message);
  for (guint i = 0; i < round->stale->len; i++)
    g_hash_table_add (self->stale, g_memdup2 (&g_array_index (round->stale, gint64, i),
                                              sizeof (gint64)));
  round_finish (self, round->now, FALSE, SITREP_TIME_NONE);
}

/**
 * _sitrep_scheduler_team_rearm:
 * @self: a #SitrepScheduler on a team database, caught up
 *
 * Runs a round: has the server asked on the store's writing thread, then
 * shows what this desk owes its user, and arms the timer. While a round
 * is on its way, another one runs after it.
 */
void
_sitrep_scheduler_team_rearm (SitrepScheduler *self)
{
  gint64 now;

  if (self->busy || self->round_running)
    {
      self->again = TRUE;
      return;
    }

  self->again = FALSE;
  now = sitrep_clock_get_now (self->clock);

  /* Without the server, the deadlines read before are all there is. */
  if (!is_reachable (self))
    {
      round_finish (self, now, FALSE, SITREP_TIME_NONE);
      return;
    }

  self->round_running = TRUE;
  sitrep_store_submit (self->store, run_round, round_new (self, now), round_free,
                       G_OBJECT (self), round_done_cb);
}

/* The catch-up on start, as the writing thread runs it: the alerts that
 * fell due, when the team's watch last ran, and those before passed
 * over. */
typedef struct
{
  gint64        now;
  SitrepPolicy *policy;
  GHashTable   *unrecorded;
  gboolean      may_write;

  /* answered on the writing thread */
  GArray       *alerts;         /* of DueAlert */
  gint64        last_watched;
  GError       *watched_error;
  GError       *pass_error;
  guint         n_passed;
} CatchUp;

static void
catch_up_free (gpointer data)
{
  CatchUp *job = data;

  g_object_unref (job->policy);
  g_hash_table_unref (job->unrecorded);
  g_clear_pointer (&job->alerts, g_array_unref);
  g_clear_error (&job->watched_error);
  g_clear_error (&job->pass_error);
  g_free (job);
}

static gboolean
run_catch_up (SitrepStore  *writer,
              gpointer      data,
              GError      **error)
{
  CatchUp *job = data;
  g_autoptr(GArray) records = NULL;

  job->alerts = _sitrep_scheduler_collect_due (writer, job->policy, job->unrecorded, job->now);
  if (!job->may_write)
    return TRUE;

  job->last_watched = sitrep_store_get_last_watched_at (writer, &job->watched_error);
  if (job->watched_error != NULL)
    return TRUE;

  records = _sitrep_scheduler_list_unwatched (job->alerts, job->last_watched);
  job->n_passed = records->len;
  if (records->len > 0)
    sitrep_store_pass_over_alerts (writer, (SitrepAlertRecord *) records->data, records->len,
                                   &job->pass_error);

  return TRUE;
}

/* What fell due before the team's watch last ran is passed over, the rest
 * recorded (by a manager's desk); what fell due since this desk last
 * watched is shown here, and nothing at all when this desk never watched
 * this database. */
static void
catch_up_done_cb (GObject      *owner,
                  const GError *error,
                  gpointer      data)
{
  SitrepScheduler *self = SITREP_SCHEDULER (owner);
  CatchUp *job = data;
  g_autoptr(GArray) alerts = NULL;
  gint64 watched;

  self->catching_up = FALSE;
  if (self->store == NULL)
    return;

  watched = sitrep_desk_alerts_get_watched_at (self->desk);
  self->desk_floor = watched != SITREP_TIME_NONE ? watched : self->catch_up_now;

  if (error != NULL || job->alerts == NULL)
    {
      g_debug ("The team database could not tell what fell due: %s",
               error != NULL ? error->message : "");
      alerts = _sitrep_scheduler_new_due_alerts ();
    }
  else
    alerts = g_array_ref (job->alerts);

  if (job->may_write && error == NULL)
    {
      if (job->watched_error != NULL)
        g_warning ("Could not read when the team's deadlines were last watched: %s",
                   job->watched_error->message);
      else
        {
          if (job->pass_error != NULL)
            g_warning ("Could not pass over %u alerts that fell due before the deadlines were "
                       "watched: %s", job->n_passed, job->pass_error->message);
          _sitrep_scheduler_drop_unwatched (self, alerts, job->last_watched,
                                            job->pass_error == NULL);
        }

      if (alerts->len > 0)
        record_later (self, alerts);
    }

  for (guint i = alerts->len; i-- > 0;)
    {
      const DueAlert *due = &g_array_index (alerts, DueAlert, i);

      if (!is_owed (self, sitrep_incident_get_id (due->incident), &due->moment))
        g_array_remove_index (alerts, i);
    }

  if (alerts->len > 0)
    {
      self->busy = TRUE;
      remember (self, alerts);
      _sitrep_scheduler_emit_alerts (self, alerts, TRUE);
      self->busy = FALSE;
    }

  _sitrep_scheduler_follow (self);
}

/**
 * _sitrep_scheduler_team_start:
 * @self: a #SitrepScheduler on a team database
 *
 * Reads what this desk showed before, and follows the server's comings
 * and goings.
 */
void
_sitrep_scheduler_team_start (SitrepScheduler *self)
{
  if (self->desk == NULL)
    self->desk = sitrep_desk_alerts_new_for_store (self->store);
  g_signal_connect_object (self->desk, "written", G_CALLBACK (desk_written_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->desk, "write-failed", G_CALLBACK (desk_write_failed_cb), self,
                           G_CONNECT_SWAPPED);

  self->desk_floor = SITREP_TIME_NONE;
  self->known = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->stale = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->pending = g_array_new (FALSE, TRUE, sizeof (TeamRecord));
  g_array_set_clear_func (self->pending, clear_team_record);

  /* Once the server answers again, the store says everything changed:
   * the next round records what waited. */
  self->listener = sitrep_store_get_team_listener (self->store);
  if (self->listener != NULL)
    g_object_ref (self->listener);
}

/**
 * _sitrep_scheduler_team_catch_up:
 * @self: a #SitrepScheduler on a team database, started
 *
 * The start on a team database: has the writing thread collect what fell
 * due while this desk was not watching, and pass over what fell due
 * before the team's watch last ran; then shows and records the rest and
 * follows the store.
 */
void
_sitrep_scheduler_team_catch_up (SitrepScheduler *self)
{
  CatchUp *job = g_new0 (CatchUp, 1);

  job->now = self->catch_up_now;
  job->policy = sitrep_store_get_policy (self->store);
  job->unrecorded = _sitrep_scheduler_copy_unrecorded (self);
  job->may_write = may_write (self);
  job->last_watched = SITREP_TIME_NONE;

  self->catching_up = TRUE;
  sitrep_store_submit (self->store, run_catch_up, job, catch_up_free, G_OBJECT (self),
                       catch_up_done_cb);
}

/* The record of the team's watch, as the writing thread makes it. */
typedef struct
{
  gint64 now;
  gint64 written;
} WatchRecord;

static gboolean
run_touch (SitrepStore  *writer,
           gpointer      data,
           GError      **error)
{
  WatchRecord *job = data;
  gint64 next = sitrep_store_get_next_alert_at (writer);
  gint64 team_now = job->now;

  /* The team's record never passes an alert nobody recorded yet. */
  if (next != SITREP_TIME_NONE && next <= team_now)
    team_now = next - 1;

  if (!sitrep_time_is_valid (team_now))
    return TRUE;

  if (!sitrep_store_set_last_watched_at (writer, team_now, error))
    return FALSE;

  job->written = team_now;
  return TRUE;
}

static void
touch_done_cb (GObject      *owner,
               const GError *error,
               gpointer      data)
{
  SitrepScheduler *self = SITREP_SCHEDULER (owner);

  self->touch_running = FALSE;
  if (error == NULL)
    return;

  /* Asked again at the next round. */
  self->watch_written_at = SITREP_TIME_NONE;
  if (!self->watch_warned && !g_error_matches (error, SITREP_STORE_ERROR,
                                               SITREP_STORE_ERROR_UNREACHABLE))
    g_warning ("Could not record when the team's deadlines were last watched: %s",
               error->message);
  self->watch_warned = TRUE;
}

/**
 * _sitrep_scheduler_team_touch:
 * @self: a #SitrepScheduler on a team database
 * @now: the moment up to which the alerts due were shown
 * @force: whether to write even if the last record is recent
 *
 * Keeps until when this desk watched, in its file; a manager's desk also
 * in the team database, for the team's catch-up, through the writing
 * thread.
 */
void
_sitrep_scheduler_team_touch (SitrepScheduler *self,
                              gint64           now,
                              gboolean         force)
{
  WatchRecord *job;
  gint64 owed;
  gint64 watched;
  gint64 team_now = now;

  if (self->desk == NULL || self->known == NULL)
    return;

  /* Never past an alert still owed: the next start would not show it. */
  owed = next_owed (self, SITREP_TIME_NONE, SITREP_TIME_NONE);
  if (owed != SITREP_TIME_NONE && owed <= now)
    now = owed - 1;

  /* Nor back: what was shown before would be owed again. */
  watched = sitrep_desk_alerts_get_watched_at (self->desk);
  if (sitrep_time_is_valid (now) && (watched == SITREP_TIME_NONE || now > watched) &&
      (force || watched == SITREP_TIME_NONE || now - watched >= DESK_WATCH_INTERVAL_SECONDS))
    {
      sitrep_desk_alerts_set_watched_at (self->desk, now);
      sitrep_desk_alerts_save (self->desk);
    }

  if (!may_write (self) || !is_reachable (self))
    return;

  /* Asked for a moment ago, or on its way. */
  if (!force && (self->touch_running ||
                 (self->watch_written_at != SITREP_TIME_NONE &&
                  team_now >= self->watch_written_at &&
                  team_now - self->watch_written_at < DESK_WATCH_INTERVAL_SECONDS)))
    return;

  job = g_new0 (WatchRecord, 1);
  job->now = team_now;
  job->written = SITREP_TIME_NONE;
  self->watch_written_at = team_now;

  /* Quitting, nobody hears how it went; the store makes it before it
   * goes. */
  if (self->disposing)
    {
      sitrep_store_submit (self->store, run_touch, job, g_free, G_OBJECT (self->store), NULL);
      return;
    }

  self->touch_running = TRUE;
  sitrep_store_submit (self->store, run_touch, job, g_free, G_OBJECT (self), touch_done_cb);
}

/**
 * _sitrep_scheduler_team_incident_changed:
 * @self: a #SitrepScheduler on a team database
 * @id: the incident that changed, here or on another desk
 *
 * Has the next round read the incident again: another desk may have
 * recorded an alert of it that this desk owes its user too.
 */
void
_sitrep_scheduler_team_incident_changed (SitrepScheduler *self,
                                         gint64           id)
{
  if (self->stale != NULL)
    g_hash_table_add (self->stale, g_memdup2 (&id, sizeof id));
}

/**
 * _sitrep_scheduler_team_changed:
 * @self: a #SitrepScheduler on a team database
 *
 * Has the next round read every known incident again.
 */
void
_sitrep_scheduler_team_changed (SitrepScheduler *self)
{
  self->stale_all = TRUE;
}

/**
 * _sitrep_scheduler_team_dispose:
 * @self: a #SitrepScheduler
 *
 * Lets go of the listener and the desk's file (kept up to date already).
 */
void
_sitrep_scheduler_team_dispose (SitrepScheduler *self)
{
  g_clear_object (&self->listener);
  g_clear_object (&self->desk);
}
