/* test-communication-view.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "sitrep-communication-view-private.h"
#include "sitrep-resources.h"
#include "test-gui-common.h"

/* 2026-03-02 09:00:00 UTC; the tests run with TZ=UTC. */
#define T0 G_GINT64_CONSTANT (1772442000)

typedef struct
{
  char                    *dir;
  SitrepClock             *clock;
  SitrepStore             *store;
  GSettings               *settings;
  SitrepContext           *context;
  gint64                   id;
  GtkWindow               *window;
  SitrepCommunicationView *view;
} Fixture;

static gint64
create_incident (Fixture *fixture,
                 int      level)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();

  sitrep_incident_set_title (incident, "Checkout fails for card payments");
  sitrep_incident_set_service (incident, "Web shop");
  sitrep_incident_set_level (incident, level);
  sitrep_incident_set_reporter_channel (incident, SITREP_CHANNEL_HOTLINE);
  sitrep_incident_set_occurred_at (incident, T0);
  sitrep_incident_set_reported_at (incident, T0);
  sitrep_store_create_incident (fixture->store, incident, "Ana", &error);
  g_assert_no_error (error);

  return sitrep_incident_get_id (incident);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("sitrep-communication-view-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "sitrep.db", NULL);

  fixture->clock = sitrep_clock_new_fake (T0 + 20 * 60);
  fixture->store = sitrep_store_open (path, fixture->clock, &error);
  g_assert_no_error (error);
  fixture->id = create_incident (fixture, 1);

  fixture->settings = g_settings_new (SITREP_SETTINGS_SCHEMA);
  g_settings_set_string (fixture->settings, "user-name", "Ben");
  g_settings_set_string (fixture->settings, "user-role", "incident-manager");
  fixture->context = sitrep_context_new (fixture->store, fixture->settings);

  fixture->view = SITREP_COMMUNICATION_VIEW (sitrep_communication_view_new ());
  sitrep_communication_view_set_context (fixture->view, fixture->context);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  gui_test_drain ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  gui_test_drain ();
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->clock);

  gui_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Shows incident @id as the incident view would hand it down. */
static void
show (Fixture *fixture,
      gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_store_get_incident (fixture->store, id, &error);
  g_autoptr(GPtrArray) timeline = sitrep_store_list_timeline (fixture->store, id, &error);
  g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (fixture->store);

  g_assert_no_error (error);
  sitrep_communication_view_show (fixture->view, incident, timeline, policy);
  gui_test_drain ();
}

static void
add_note (Fixture    *fixture,
          gint64      offset,
          SitrepTag   tag,
          const char *text)
{
  g_autoptr(GError) error = NULL;

  sitrep_store_add_note (fixture->store, fixture->id, T0 + offset, "Ben", tag, text, &error);
  g_assert_no_error (error);
}

/* A level-1 incident's hourly progress notice offers the bridge call's
 * CAN report as its body: checked once entries are tagged, and the mail
 * then carries each section with its entries to the second. */
static void
test_progress_with_can (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *check = _sitrep_communication_view_get_can_check (fixture->view);
  g_autoptr(SitrepNoticeDraft) plain = NULL;
  g_autoptr(SitrepNoticeDraft) with_can = NULL;
  g_autoptr(SitrepNoticeDraft) unchecked = NULL;
  const char *body;

  /* nothing tagged yet: offered, not checked */
  show (fixture, fixture->id);
  g_assert_true (gtk_widget_get_visible (check));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  plain = _sitrep_communication_view_create_draft (fixture->view, SITREP_NOTICE_PROGRESS);
  g_assert_nonnull (plain);
  g_assert_null (strstr (sitrep_notice_draft_get_body (plain), "Conditions"));

  add_note (fixture, 65, SITREP_TAG_CONDITION, "Card payments fail with error 502");
  add_note (fixture, 7 * 60 + 3, SITREP_TAG_ACTION, "Rolled back the payment gateway");
  add_note (fixture, 8 * 60, SITREP_TAG_NONE, "Coffee arrived");
  add_note (fixture, 9 * 60 + 59, SITREP_TAG_NEED, "Vendor to confirm the certificate");
  show (fixture, fixture->id);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  with_can = _sitrep_communication_view_create_draft (fixture->view, SITREP_NOTICE_PROGRESS);
  g_assert_nonnull (with_can);
  body = sitrep_notice_draft_get_body (with_can);
  g_assert_nonnull (strstr (body, "Conditions"));
  g_assert_nonnull (strstr (body, "09:01:05"));
  g_assert_nonnull (strstr (body, "Card payments fail with error 502"));
  g_assert_nonnull (strstr (body, "Rolled back the payment gateway"));
  g_assert_nonnull (strstr (body, "Vendor to confirm the certificate"));
  g_assert_null (strstr (body, "Coffee arrived"));
  g_assert_true (strstr (body, "Card payments") < strstr (body, "Rolled back"));

  /* the user's choice holds for the incident, even as it is shown again */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  add_note (fixture, 10 * 60, SITREP_TAG_ACTION, "Restarted the checkout service");
  show (fixture, fixture->id);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  unchecked = _sitrep_communication_view_create_draft (fixture->view, SITREP_NOTICE_PROGRESS);
  g_assert_null (strstr (sitrep_notice_draft_get_body (unchecked), "Conditions"));
}

/* Level 3 has no communication plan: nothing to offer. */
static void
test_no_plan_no_offer (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *check = _sitrep_communication_view_get_can_check (fixture->view);
  gint64 level3 = create_incident (fixture, 3);

  show (fixture, level3);
  g_assert_false (gtk_widget_get_visible (check));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  adw_init ();
  g_resources_register (sitrep_get_resource ());

  g_test_add ("/sitrep/communication-view/progress-with-can", Fixture, NULL,
              fixture_setup, test_progress_with_can, fixture_teardown);
  g_test_add ("/sitrep/communication-view/no-plan-no-offer", Fixture, NULL,
              fixture_setup, test_no_plan_no_offer, fixture_teardown);

  return g_test_run ();
}
