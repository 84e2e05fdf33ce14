/* test-store-submit.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libpq-fe.h>

#include "sitrep-sla.h"
#include "test-store-common.h"

/*
 * A user's action submitted to the store (sitrep_store_submit()): on a
 * desk's file it is written at once and synced to the disk on the
 * store's own thread; on a team database it is written on the store's
 * own thread. Either way the window goes on, and the store announces it
 * once, before the view that submitted it hears how it went.
 */

typedef struct
{
  gint64      id;
  const char *text;
  gint64      version;   /* expected, or 0 */
  const char *title;     /* a field to set instead of a note */
} Write;

typedef struct
{
  guint     calls;
  gboolean  failed;
  int       code;
  char     *message;
  guint     changes_seen;   /* the store's announcements before done */
} Outcome;

static guint announced;

static gboolean
write_func (SitrepStore  *store,
            gpointer      data,
            GError      **error)
{
  Write *w = data;

  if (w->version > 0)
    sitrep_store_expect_version (store, w->id, w->version);
  if (w->title != NULL)
    return sitrep_store_set_field (store, w->id, "title", w->title, "Ann", error);

  return sitrep_store_add_note (store, w->id, SITREP_TIME_NONE, "Ann", SITREP_TAG_NONE, w->text,
                                error);
}

static void
done_cb (GObject      *owner,
         const GError *error,
         gpointer      data)
{
  Outcome *outcome = g_object_get_data (owner, "outcome");

  outcome->calls++;
  outcome->failed = error != NULL;
  outcome->code = error != NULL ? error->code : 0;
  g_free (outcome->message);
  outcome->message = error != NULL ? g_strdup (error->message) : NULL;
  outcome->changes_seen = announced;
}

static void
incident_changed_cb (SitrepStore  *store,
                     gint64        id,
                     SitrepChange  changes,
                     gpointer      user_data)
{
  announced++;
}

static GObject *
new_owner (Outcome *outcome)
{
  GObject *owner = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data (owner, "outcome", outcome);
  return owner;
}

static void
submit (SitrepStore *store,
        Write       *w,
        GObject     *owner)
{
  sitrep_store_submit (store, write_func, g_memdup2 (w, sizeof *w), g_free, owner, done_cb);
}

static void
wait_for_writes (SitrepStore *store)
{
  while (sitrep_store_get_pending_writes (store) > 0)
    g_main_context_iteration (NULL, TRUE);
  /* and the other desks' announcements that are due */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A note submitted is written and announced once, then reported. */
static void
test_note (Fixture       *f,
           gconstpointer  data)
{
  Outcome outcome = { 0 };
  g_autoptr(GObject) owner = new_owner (&outcome);
  gint64 id = create (f->store, "Mail down", "mail", 2, T0 - 600);
  g_autoptr(SitrepTimelineEntry) entry = NULL;
  Write w = { id, "Mailbox servers restarted", 0, NULL };
  gulong handler;

  /* the listener's first read of everything is not what is counted */
  wait_for_writes (f->store);
  announced = 0;
  handler = g_signal_connect (f->store, "incident-changed", G_CALLBACK (incident_changed_cb),
                              NULL);
  submit (f->store, &w, owner);
  /* told later, on the main loop, once it is on the disk or the server */
  g_assert_cmpuint (outcome.calls, ==, 0);
  wait_for_writes (f->store);

  /* a second later, nothing more was announced: not the server's
   * notification of the same write either */
  for (gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
       g_get_monotonic_time () < until;)
    g_main_context_iteration (NULL, FALSE);

  g_signal_handler_disconnect (f->store, handler);
  g_assert_cmpuint (outcome.calls, ==, 1);
  g_assert_false (outcome.failed);
  g_assert_cmpuint (outcome.changes_seen, ==, 1);
  g_assert_cmpuint (announced, ==, 1);
  entry = last_entry (f->store, id);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, "Mailbox servers restarted");
  g_free (outcome.message);
}

/* What the store refuses reaches the owner, and nothing is written. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  Outcome outcome = { 0 };
  g_autoptr(GObject) owner = new_owner (&outcome);
  Write w = { 4711, "To nowhere", 0, NULL };

  submit (f->store, &w, owner);
  wait_for_writes (f->store);
  g_assert_cmpuint (outcome.calls, ==, 1);
  g_assert_true (outcome.failed);
  g_assert_nonnull (outcome.message);
  g_free (outcome.message);
}

/* Two saves of one incident, the second submitted before the first was
 * reported, both decided on the version the view showed: the first
 * does not make the second stale. Another desk's change in between
 * does. */
static void
test_successive_versions (Fixture       *f,
                          gconstpointer  data)
{
  Outcome first = { 0 }, second = { 0 }, third = { 0 };
  g_autoptr(GObject) owner1 = new_owner (&first);
  g_autoptr(GObject) owner2 = new_owner (&second);
  g_autoptr(GObject) owner3 = new_owner (&third);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) other = sitrep_store_open (f->path, f->clock, &error);
  gint64 id = create (f->store, "Mail down", "mail", 2, T0 - 600);
  g_autoptr(SitrepIncident) incident = sitrep_store_get_incident (f->store, id, &error);
  gint64 shown = sitrep_incident_get_version (incident);
  Write a = { id, NULL, shown, "Mail slow" };
  Write b = { id, "Queue drains", shown, NULL };
  Write c = { id, NULL, shown, "Mail down again" };
  g_autoptr(SitrepIncident) stored = NULL;

  g_assert_no_error (error);
  submit (f->store, &a, owner1);
  submit (f->store, &b, owner2);
  wait_for_writes (f->store);
  g_assert_false (first.failed);
  g_assert_false (second.failed);

  /* Bob renames it on his desk: a save decided before is stale */
  g_clear_object (&incident);
  incident = sitrep_store_get_incident (f->store, id, &error);
  shown = sitrep_incident_get_version (incident);
  g_assert_true (sitrep_store_set_field (other, id, "title", "Mail down in Berlin", "Bob",
                                         &error));
  g_assert_no_error (error);
  c.version = shown;
  submit (f->store, &c, owner3);
  wait_for_writes (f->store);
  g_assert_true (third.failed);
  g_assert_cmpint (third.code, ==, SITREP_STORE_ERROR_STALE);
  g_assert_nonnull (strstr (third.message, "Bob"));

  stored = sitrep_store_get_incident (f->store, id, &error);
  g_assert_cmpstr (sitrep_incident_get_title (stored), ==, "Mail down in Berlin");
  g_free (first.message);
  g_free (second.message);
  g_free (third.message);
}

/* An owner that went away (a closed view) is not told; the write is
 * made all the same. (Team database only.) */
static void
test_owner_gone (Fixture       *f,
                 gconstpointer  data)
{
  Outcome outcome = { 0 };
  GObject *owner = new_owner (&outcome);
  gint64 id = create (f->store, "Mail down", "mail", 2, T0 - 600);
  g_autoptr(SitrepTimelineEntry) entry = NULL;
  Write w = { id, "Written after the view closed", 0, NULL };

  submit (f->store, &w, owner);
  g_object_unref (owner);
  wait_for_writes (f->store);
  g_assert_cmpuint (outcome.calls, ==, 0);
  entry = last_entry (f->store, id);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, "Written after the view closed");
}

/* Another desk holds the incident's row for a second: the note waits on
 * the store's thread, not in the main loop, and is written when the
 * other desk lets go. Closing the store then loses nothing submitted.
 * (Team database only.) */
static void
test_waits_off_the_main_loop (Fixture       *f,
                              gconstpointer  data)
{
  Outcome outcome = { 0 };
  g_autoptr(GObject) owner = new_owner (&outcome);
  gint64 id = create (f->store, "Mail down", "mail", 2, T0 - 600);
  g_autofree char *lock = g_strdup_printf ("BEGIN; SELECT 1 FROM incidents WHERE id = %"
                                           G_GINT64_FORMAT " FOR UPDATE", id);
  g_autoptr(SitrepStore) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepTimelineEntry) entry = NULL;
  Write w = { id, "Waited for Bob", 0, NULL };
  Write later = { id, "Submitted last", 0, NULL };
  PGconn *conn;
  PGresult *result;
  guint ticks = 0;
  guint tick_id;
  gint64 until;

  conn = PQconnectdb (f->path);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, lock);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  PQclear (result);

  tick_id = g_timeout_add (50, store_test_count_tick, &ticks);
  submit (f->store, &w, owner);
  until = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick_id);

  /* a second of waiting, and the loop ran all along: held by the write,
   * it would count one tick at most; a loaded machine (a sanitized
   * build) counts fewer than the ideal 20, but many */
  g_assert_cmpuint (ticks, >=, 5);
  g_assert_cmpuint (outcome.calls, ==, 0);
  g_assert_cmpuint (sitrep_store_get_pending_writes (f->store), ==, 1);

  result = PQexec (conn, "COMMIT");
  PQclear (result);
  PQfinish (conn);
  wait_for_writes (f->store);
  g_assert_cmpuint (outcome.calls, ==, 1);
  g_assert_false (outcome.failed);

  /* submitted, then the store closed at once: it is written */
  submit (f->store, &later, owner);
  g_clear_object (&f->store);
  reopened = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  entry = last_entry (reopened, id);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, "Submitted last");
  g_free (outcome.message);
}

static gboolean
write_policy (SitrepStore  *store,
              gpointer      data,
              GError      **error)
{
  return sitrep_store_set_policy (store, data, "Ann", error);
}

/* A new policy submitted is the one the store hands out once it says
 * that everything changed, also when another connection wrote it. */
static void
test_policy (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (f->store);
  g_autoptr(SitrepPolicy) read = NULL;
  g_autoptr(GObject) owner = NULL;
  Outcome outcome = { 0 };

  owner = new_owner (&outcome);
  sitrep_policy_set_minutes (policy, 1, SITREP_POLICY_WINDOW_RESPONSE, 7);
  sitrep_store_submit (f->store, write_policy, g_object_ref (policy), g_object_unref, owner,
                       done_cb);
  wait_for_writes (f->store);

  g_assert_cmpuint (outcome.calls, ==, 1);
  g_assert_false (outcome.failed);
  read = sitrep_store_get_policy (f->store);
  g_assert_cmpint (sitrep_policy_get_minutes (read, 1, SITREP_POLICY_WINDOW_RESPONSE), ==, 7);
  g_free (outcome.message);
}

static gboolean
write_incident (SitrepStore  *store,
                gpointer      data,
                GError      **error)
{
  return sitrep_store_create_incident (store, data, "Ann", error);
}

static gboolean
store_has_policy (SitrepStore  *store,
                  SitrepPolicy *policy)
{
  g_autoptr(SitrepPolicy) current = sitrep_store_get_policy (store);

  return sitrep_policy_equal (current, policy);
}

static void
count_changed_cb (SitrepStore *store,
                  guint       *count)
{
  (*count)++;
}

/* Another desk changes the SLA policy after this desk wrote: what this
 * desk writes next has its deadlines (and so its alerts, for the whole
 * team) computed with the team's new policy, not the one its writing
 * connection read when it opened. */
static void
test_other_desk_policy (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) other = NULL;
  g_autoptr(SitrepPolicy) before = sitrep_store_get_policy (f->store);
  g_autoptr(SitrepPolicy) after = sitrep_policy_copy (before);
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(SitrepIncident) stored = NULL;
  g_autoptr(GArray) moments = NULL;
  g_autoptr(GArray) old_moments = NULL;
  g_autoptr(GArray) alerting = NULL;
  g_autoptr(GObject) owner = NULL;
  SitrepTeamListener *listener = sitrep_store_get_team_listener (f->store);
  Outcome outcome = { 0 };
  Write w = { 0 };
  guint changed = 0;
  gint64 first;
  gboolean found = FALSE;

  owner = new_owner (&outcome);
  w.id = create (f->store, "Mail is slow", "mail", 2, T0);
  w.text = "Looking at the queue";
  submit (f->store, &w, owner);
  wait_for_writes (f->store);
  g_assert_false (outcome.failed);

  while (!sitrep_team_listener_get_connected (listener))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (f->store, "changed", G_CALLBACK (count_changed_cb), &changed);
  wait_for_writes (f->store);
  changed = 0;

  other = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  sitrep_policy_set_minutes (after, 2, SITREP_POLICY_WINDOW_RESPONSE,
                             sitrep_policy_get_minutes (before, 2,
                                                        SITREP_POLICY_WINDOW_RESPONSE) / 3);
  g_assert_true (sitrep_store_set_policy (other, after, "Bob", &error));
  g_assert_no_error (error);
  /* the store hands out the new policy once its writing thread read it */
  while (!store_has_policy (f->store, after))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (changed, >, 0);

  sitrep_incident_set_title (incident, "VPN drops sessions");
  sitrep_incident_set_service (incident, "vpn");
  sitrep_incident_set_level (incident, 2);
  sitrep_incident_set_occurred_at (incident, T0);
  sitrep_incident_set_reported_at (incident, T0);
  sitrep_store_submit (f->store, write_incident, g_object_ref (incident), g_object_unref, owner,
                       done_cb);
  wait_for_writes (f->store);
  g_assert_false (outcome.failed);

  stored = sitrep_store_get_incident (other, sitrep_incident_get_id (incident), &error);
  g_assert_no_error (error);
  moments = sitrep_sla_list_alert_moments (stored, after);
  old_moments = sitrep_sla_list_alert_moments (stored, before);
  first = g_array_index (moments, SitrepAlertMoment, 0).at;
  g_assert_cmpint (first, <, g_array_index (old_moments, SitrepAlertMoment, 0).at);

  alerting = sitrep_store_list_alerting_ids (other, first, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < alerting->len; i++)
    found |= g_array_index (alerting, gint64, i) == sitrep_incident_get_id (incident);
  g_assert_true (found);
  g_free (outcome.message);
}

/* On a desk's file, a note is committed at once but neither announced
 * nor reported before its sync has finished, however slow the disk:
 * what the window shows as saved survives a power cut. A store closed
 * meanwhile syncs it first; reopened, the note is there. (Desk only.) */
static void
test_told_once_synced (Fixture       *f,
                       gconstpointer  data)
{
  Outcome outcome = { 0 };
  g_autoptr(GObject) owner = new_owner (&outcome);
  gint64 id = create (f->store, "Mail down", "mail", 2, T0 - 600);
  g_autoptr(SitrepTimelineEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  Write w = { id, "Mailbox servers restarted", 0, NULL };
  Write last = { id, "Queue drained", 0, NULL };
  guint n_syncs;
  gulong handler;

  wait_for_writes (f->store);
  g_assert_true (sitrep_store_get_durable (f->store));
  n_syncs = _sitrep_store_get_n_syncs (f->store);
  _sitrep_store_set_sync_delay (f->store, 300);
  announced = 0;
  handler = g_signal_connect (f->store, "incident-changed", G_CALLBACK (incident_changed_cb),
                              NULL);

  submit (f->store, &w, owner);
  g_assert_cmpuint (sitrep_store_get_pending_writes (f->store), ==, 1);
  /* the main loop runs on meanwhile, and hears nothing */
  for (gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 10;
       g_get_monotonic_time () < until;)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (outcome.calls, ==, 0);
  g_assert_cmpuint (announced, ==, 0);

  wait_for_writes (f->store);
  g_assert_cmpuint (_sitrep_store_get_n_syncs (f->store), >, n_syncs);
  g_assert_cmpuint (outcome.calls, ==, 1);
  g_assert_false (outcome.failed);
  g_assert_cmpuint (outcome.changes_seen, ==, 1);
  g_assert_cmpuint (announced, ==, 1);

  /* closing the store waits for the sync, and tells the owner */
  submit (f->store, &last, owner);
  g_signal_handler_disconnect (f->store, handler);
  g_clear_object (&f->store);
  g_assert_cmpuint (outcome.calls, ==, 2);
  g_assert_false (outcome.failed);

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  entry = last_entry (f->store, id);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, "Queue drained");
  g_free (outcome.message);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_store_test ("submit/note", test_note);
  add_store_test ("submit/refused", test_refused);
  add_store_test ("submit/successive-versions", test_successive_versions);
  add_store_test ("submit/policy", test_policy);
  add_store_test ("submit/owner-gone", test_owner_gone);
  add_file_test ("submit/told-once-synced", test_told_once_synced);
  if (store_test_on_team ())
    {
      add_store_test ("submit/waits-off-the-main-loop", test_waits_off_the_main_loop);
      add_store_test ("submit/other-desk-policy", test_other_desk_policy);
    }

  return g_test_run ();
}
