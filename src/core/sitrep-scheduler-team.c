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
save_desk (SitrepScheduler *self)
{
  g_autoptr(GError) error = NULL;

  if (sitrep_desk_alerts_save (self->desk, &error))
    {
      self->desk_warned = FALSE;
      return;
    }

  /* Only a restart would show these alerts again: say it once. */
  if (!self->desk_warned)
    g_warning ("Could not keep which alerts this desk showed, in %s: %s",
               sitrep_desk_alerts_get_path (self->desk), error->message);
  self->desk_warned = TRUE;
}

/* Records the alerts this desk showed and nobody recorded yet, if the
 * login may write and the server answers; they wait otherwise. */
static void
flush_pending (SitrepScheduler *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree SitrepAlertRecord *records = NULL;

  if (self->pending == NULL || self->pending->len == 0 || !may_write (self) ||
      !is_reachable (self))
    return;

  records = g_new0 (SitrepAlertRecord, self->pending->len);
  for (guint i = 0; i < self->pending->len; i++)
    {
      const TeamRecord *pending = &g_array_index (self->pending, TeamRecord, i);

      records[i].id = pending->id;
      records[i].alert_key = pending->alert_key;
      records[i].due_at = pending->due_at;
      records[i].text = pending->text;
    }

  /* Another desk may have recorded them meanwhile: the store passes
   * those over, and the timeline has each once. */
  if (sitrep_store_record_alerts (self->store, records, self->pending->len, &error))
    {
      g_array_set_size (self->pending, 0);
      self->pending_warned = FALSE;
      return;
    }

  /* The login lost the right to write: the managers' desks record them. */
  if (g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_DENIED))
    {
      g_debug ("%u alerts shown but not recorded: %s", self->pending->len, error->message);
      g_array_set_size (self->pending, 0);
      return;
    }

  /* Once the server answers again (::caught-up), they are tried again. */
  if (g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_UNREACHABLE))
    g_debug ("%u alerts wait for the team database: %s", self->pending->len, error->message);
  else if (!self->pending_warned)
    g_warning ("Could not record %u alerts in the team database (trying again later): %s",
               self->pending->len, error->message);
  self->pending_warned = TRUE;
}

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

  flush_pending (self);
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

  save_desk (self);
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

/* Reads incident @id into the known ones; one that is gone or closed is
 * dropped. While the server does not answer, the copy read before stays. */
static void
read_known (SitrepScheduler *self,
            gint64           id)
{
  g_autoptr(GError) error = NULL;
  SitrepIncident *incident = sitrep_store_get_incident (self->store, id, &error);

  if (incident == NULL)
    {
      if (g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND))
        g_hash_table_remove (self->known, &id);
      else
        g_debug ("Could not read incident %" G_GINT64_FORMAT " again for its alerts: %s",
                 id, error->message);
      return;
    }

  g_hash_table_replace (self->known, g_memdup2 (&id, sizeof id), incident);
}

/* Reads again what changed since the last round. */
static void
refresh_stale (SitrepScheduler *self)
{
  g_autoptr(GList) ids = NULL;

  if (self->stale_all)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->known);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (self->stale, g_memdup2 (key, sizeof (gint64)));
      self->stale_all = FALSE;
    }

  ids = g_hash_table_get_keys (self->stale);
  for (GList *l = ids; l != NULL; l = l->next)
    read_known (self, *(gint64 *) l->data);

  g_hash_table_remove_all (self->stale);
}

/* Reads the incidents with an alert nobody recorded due by @until. */
static void
learn_due (SitrepScheduler *self,
           gint64           until)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = sitrep_store_list_alerting_ids (self->store, until, &error);

  if (ids == NULL)
    {
      g_debug ("Could not look up the incidents with alerts due: %s", error->message);
      return;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!g_hash_table_contains (self->known, &id))
        read_known (self, id);
    }
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

static void
listener_caught_up_cb (SitrepScheduler *self)
{
  /* The store announces the catch-up as a change of everything, which
   * reads the known incidents again and re-arms. */
  flush_pending (self);
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

  self->desk_floor = SITREP_TIME_NONE;
  self->known = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->stale = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->pending = g_array_new (FALSE, TRUE, sizeof (TeamRecord));
  g_array_set_clear_func (self->pending, clear_team_record);

  self->listener = sitrep_store_get_team_listener (self->store);
  if (self->listener != NULL)
    {
      g_object_ref (self->listener);
      self->caught_up_id = g_signal_connect_swapped (self->listener, "caught-up",
                                                     G_CALLBACK (listener_caught_up_cb), self);
    }
}

/**
 * _sitrep_scheduler_team_caught_up:
 * @self: a #SitrepScheduler on a team database
 * @alerts: (element-type DueAlert): the alerts due that nobody recorded
 *
 * The start on a team database: what fell due before the team's watch
 * last ran is passed over and the rest recorded (by a manager's desk);
 * what fell due since this desk last watched is shown here, and nothing
 * at all when this desk never watched this database.
 */
void
_sitrep_scheduler_team_caught_up (SitrepScheduler *self,
                                  GArray          *alerts)
{
  g_autoptr(GError) error = NULL;
  gint64 watched = sitrep_desk_alerts_get_watched_at (self->desk);

  self->desk_floor = watched != SITREP_TIME_NONE ? watched : self->catch_up_now;

  if (may_write (self))
    {
      gint64 last_watched = sitrep_store_get_last_watched_at (self->store, &error);

      if (error != NULL)
        g_warning ("Could not read when the team's deadlines were last watched: %s",
                   error->message);
      else
        _sitrep_scheduler_pass_over_unwatched (self, alerts, last_watched);

      if (alerts->len > 0)
        record_later (self, alerts);
    }

  for (guint i = alerts->len; i-- > 0;)
    {
      const DueAlert *due = &g_array_index (alerts, DueAlert, i);

      if (!is_owed (self, sitrep_incident_get_id (due->incident), &due->moment))
        g_array_remove_index (alerts, i);
    }

  if (alerts->len == 0)
    return;

  remember (self, alerts);
  _sitrep_scheduler_emit_alerts (self, alerts, TRUE);
}

/**
 * _sitrep_scheduler_team_round:
 * @self: a #SitrepScheduler on a team database
 * @now: the moment
 *
 * Shows what this desk owes its user by @now, records it (or has it
 * wait for the server), and tells when to look next.
 *
 * Returns: the moment of the next alert, or %SITREP_TIME_NONE
 */
gint64
_sitrep_scheduler_team_round (SitrepScheduler *self,
                              gint64           now)
{
  g_autoptr(GArray) alerts = NULL;
  gint64 store_next = SITREP_TIME_NONE;
  gboolean reachable = is_reachable (self);
  gint64 next;

  /* Without the server, the deadlines read before are all there is. */
  if (reachable)
    {
      flush_pending (self);
      refresh_stale (self);

      /* The alerts that come next at least, however far ahead. */
      store_next = sitrep_store_get_next_alert_at (self->store);
      if (store_next != SITREP_TIME_NONE)
        learn_due (self, MAX (store_next, now + LEARN_AHEAD_SECONDS));
    }

  alerts = collect_known (self, now);
  if (alerts->len > 0)
    {
      remember (self, alerts);
      if (may_write (self))
        record_later (self, alerts);
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

  return next;
}

/**
 * _sitrep_scheduler_team_touch:
 * @self: a #SitrepScheduler on a team database
 * @now: the moment up to which the alerts due were shown
 * @force: whether to write even if the last record is recent
 *
 * Keeps until when this desk watched, in its file; a manager's desk also
 * in the team database, for the team's catch-up.
 */
void
_sitrep_scheduler_team_touch (SitrepScheduler *self,
                              gint64           now,
                              gboolean         force)
{
  g_autoptr(GError) error = NULL;
  gint64 owed;
  gint64 watched;
  gint64 team_now = now;
  gint64 next;

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
      save_desk (self);
    }

  if (!may_write (self) || !is_reachable (self))
    return;

  /* The team's record never passes an alert nobody recorded yet. */
  next = sitrep_store_get_next_alert_at (self->store);
  if (next != SITREP_TIME_NONE && next <= team_now)
    team_now = next - 1;

  if (!sitrep_time_is_valid (team_now))
    return;

  if (!force && self->watch_written_at != SITREP_TIME_NONE &&
      team_now >= self->watch_written_at &&
      team_now - self->watch_written_at < DESK_WATCH_INTERVAL_SECONDS)
    return;

  if (sitrep_store_set_last_watched_at (self->store, team_now, &error))
    {
      self->watch_written_at = team_now;
      return;
    }

  if (!self->watch_warned && !g_error_matches (error, SITREP_STORE_ERROR,
                                               SITREP_STORE_ERROR_UNREACHABLE))
    g_warning ("Could not record when the team's deadlines were last watched: %s",
               error->message);
  self->watch_warned = TRUE;
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
  if (self->listener != NULL)
    g_clear_signal_handler (&self->caught_up_id, self->listener);
  g_clear_object (&self->listener);
  g_clear_object (&self->desk);
}
