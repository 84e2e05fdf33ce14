/* test-alerts-team-e2e.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "test-alerts-e2e-common.h"
#include "test-store-common.h"

/*
 * End to end on a team database: the real sitrep binary, started hidden
 * (--background) on a private session bus with a notification service
 * this test provides, as a supervisor's login on a throwaway team
 * database (run under tests/run-on-team). A level-1 incident's response
 * breach falls due ten seconds after the start: the supervisor's desk
 * shows it, without the Acknowledge button its login may not use,
 * whatever the role chosen in the settings, and records nothing.
 */

#define SUPERVISOR_LOGIN    "sitrep_test_supervisor"
#define SUPERVISOR_PASSWORD "watching"

/* A level-1 incident whose response breach falls due BREACH_AFTER
 * seconds from now, written by a manager's login. */
static gint64
create_incident (const char *address)
{
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 reported_at;

  store = sitrep_store_open (address, clock, &error);
  g_assert_no_error (error);

  /* Level 1 responds within 10 min. */
  reported_at = sitrep_clock_get_now (clock) - 10 * 60 + BREACH_AFTER;

  return create (store, "Core banking database unreachable", "Core banking", 1, reported_at);
}

static guint
count_alert_entries (const char *address,
                     gint64      id)
{
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;

  store = sitrep_store_open (address, clock, &error);
  g_assert_no_error (error);
  timeline = sitrep_store_list_timeline (store, id, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < timeline->len; i++)
    if (sitrep_timeline_entry_get_kind (g_ptr_array_index (timeline, i)) ==
        SITREP_ENTRY_KIND_ALERT)
      count++;

  return count;
}

static void
test_supervisor_desk (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) sitrep = NULL;
  g_autofree char *address = NULL;
  g_autofree char *database = NULL;
  g_autofree char *state_dir = NULL;
  NotificationServer server = { 0 };
  NotificationSearch breach = { 0 };
  gint64 id;

  if (!store_test_on_team ())
    {
      g_test_skip ("no PostgreSQL server (run under tests/run-on-team)");
      return;
    }
  if (!alerts_e2e_start_server (&server))
    return;

  address = store_test_new_team_database ();
  raw_exec (address,
            "DO $$ BEGIN "
            "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" SUPERVISOR_LOGIN "') THEN "
            "CREATE ROLE " SUPERVISOR_LOGIN " LOGIN PASSWORD '" SUPERVISOR_PASSWORD "' "
            "IN ROLE sitrep_supervisor; "
            "END IF; END $$");
  database = g_strdup_printf ("%s user=%s password=%s", address, SUPERVISOR_LOGIN,
                              SUPERVISOR_PASSWORD);
  state_dir = g_dir_make_tmp ("sitrep-alerts-team-e2e-XXXXXX", &error);
  g_assert_no_error (error);

  id = create_incident (address);
  sitrep = alerts_e2e_launch_sitrep (database, "XDG_STATE_HOME", state_dir);

  /* The breach, critical, with Open only: the setting says incident
   * manager, the server says supervisor. */
  breach.server = &server;
  breach.prefix = "INC-1 · Response overdue";
  g_assert_true (alerts_e2e_wait_for (alerts_e2e_find_notification, &breach, 60));
  g_assert_cmpuint (breach.found->urgency, ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) breach.found->actions, "default"));
  g_assert_false (g_strv_contains ((const char * const *) breach.found->actions,
                                   "acknowledge"));
  g_assert_cmpuint (g_strv_length (breach.found->actions), ==, 1);

  /* The supervisor's desk wrote nothing; its own file says what it showed. */
  g_assert_cmpuint (count_alert_entries (address, id), ==, 0);

  alerts_e2e_quit_sitrep (sitrep);

  {
    g_autofree char *folder = g_build_filename (state_dir, "sitrep", NULL);
    g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
    const char *name;
    guint files = 0;

    g_assert_no_error (error);
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_assert_true (g_str_has_prefix (name, "desk-alerts-"));
        files++;
      }
    g_assert_cmpuint (files, ==, 1);
  }

  alerts_e2e_stop_server (&server);
  remove_tree (state_dir);
  store_test_drop_team_database (address);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sitrep/alerts-team-e2e/supervisor-desk", test_supervisor_desk);

  return g_test_run ();
}
