/* test-team-page.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "sitrep-context.h"
#include "sitrep-resources.h"
#include "sitrep-team-page.h"
#include "sitrep-team-secret.h"
#include "test-gui-common.h"

#define PASSWORD "hunter2-team-secret"

typedef struct
{
  GSettings      *settings;
  GtkWidget      *window;
  SitrepTeamPage *page;
} Fixture;

/* Runs the main loop until the page waits for nothing. */
static void
wait_until_settled (Fixture *fixture)
{
  while (sitrep_team_page_get_busy (fixture->page))
    g_main_context_iteration (NULL, TRUE);
  gui_test_drain ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = g_settings_new (SITREP_SETTINGS_SCHEMA);
  g_settings_reset (fixture->settings, "team-database");

  fixture->window = adw_preferences_window_new ();
  fixture->page = sitrep_team_page_new (fixture->settings);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (fixture->window),
                              ADW_PREFERENCES_PAGE (fixture->page));
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until_settled (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  gui_test_drain ();
  g_clear_object (&fixture->settings);
}

/* The first widget of @type below @widget, in the order they are shown. */
static GtkWidget *
find_first (GtkWidget *widget,
            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkEditable *
find_row (Fixture *fixture,
          GType    type)
{
  GtkWidget *row = find_first (GTK_WIDGET (fixture->page), type);

  g_assert_nonnull (row);

  return GTK_EDITABLE (row);
}

static void
type_address (Fixture    *fixture,
              const char *address)
{
  GtkEditable *row = find_row (fixture, ADW_TYPE_ENTRY_ROW);

  /* AdwPasswordEntryRow is an AdwEntryRow too: the address row is first. */
  g_assert_false (ADW_IS_PASSWORD_ENTRY_ROW (row));
  gtk_editable_set_text (row, address);
}

static void
type_password (Fixture    *fixture,
               const char *password)
{
  gtk_editable_set_text (find_row (fixture, ADW_TYPE_PASSWORD_ENTRY_ROW), password);
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), action, NULL));
  wait_until_settled (fixture);
}

/* No key of the settings holds @secret, in any form. */
static void
assert_settings_free_of (Fixture    *fixture,
                         const char *secret)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (fixture->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (fixture->settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      if (strstr (text, secret) != NULL)
        g_error ("the setting %s holds the password: %s", keys[i], text);
    }
}

static void
test_malformed_address (Fixture       *fixture,
                        gconstpointer  data)
{
  type_address (fixture, "host=localhost port");
  activate (fixture, "team.test");

  g_assert_nonnull (strstr (sitrep_team_page_get_result (fixture->page),
                            "not a PostgreSQL connection string"));
  g_assert_nonnull (strstr (sitrep_team_page_get_result (fixture->page), "port"));
}

static void
test_switch_writes_setting (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *saved = NULL;

  g_assert_cmpstr (sitrep_team_page_get_status (fixture->page), ==, "This desk’s own database");

  type_address (fixture, "  postgresql://db.example.org/sitrep ");
  activate (fixture, "team.use-team");
  saved = g_settings_get_string (fixture->settings, "team-database");
  g_assert_cmpstr (saved, ==, "postgresql://db.example.org/sitrep");
  g_assert_cmpstr (sitrep_team_page_get_status (fixture->page), ==,
                   "Sitrep opens the team database at its next start");

  activate (fixture, "team.use-desk");
  g_clear_pointer (&saved, g_free);
  saved = g_settings_get_string (fixture->settings, "team-database");
  g_assert_cmpstr (saved, ==, "");
  g_assert_cmpstr (sitrep_team_page_get_status (fixture->page), ==,
                   "Sitrep opens this desk’s own database at its next start");
}

/* A malformed address is never saved. */
static void
test_switch_refuses_malformed (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *saved = NULL;

  type_address (fixture, "host='unterminated");
  activate (fixture, "team.use-team");
  saved = g_settings_get_string (fixture->settings, "team-database");
  g_assert_cmpstr (saved, ==, "");
  g_assert_nonnull (strstr (sitrep_team_page_get_status (fixture->page),
                            "not a PostgreSQL connection string"));
}

/* The typed password goes to the keyring or nowhere: with no keyring
 * (as in the test's private session), the switch does not happen. */
static void
test_password_not_in_settings (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *saved = NULL;

  type_address (fixture, "host=db.example.org dbname=sitrep user=alice");
  type_password (fixture, PASSWORD);
  activate (fixture, "team.use-team");

  assert_settings_free_of (fixture, PASSWORD);
  saved = g_settings_get_string (fixture->settings, "team-database");
  if (saved[0] == '\0')
    {
      g_test_message ("no keyring: the switch did not happen");
      g_assert_nonnull (strstr (sitrep_team_page_get_status (fixture->page),
                                "could not be kept in the keyring"));
    }
  else
    {
      /* A desktop with a keyring: the address alone is saved, the
       * password is found there for it, and forgotten again. */
      char *kept = NULL;

      g_test_message ("a keyring keeps the password");
      g_assert_cmpstr (saved, ==, "host=db.example.org dbname=sitrep user=alice");
      kept = sitrep_team_secret_lookup_sync (saved, NULL);
      g_assert_cmpstr (kept, ==, PASSWORD);
      secret_password_free (kept);
      activate (fixture, "team.forget-password");
      g_assert_null (sitrep_team_secret_lookup_sync (saved, NULL));
    }
}

/* An address with a password in it would put the password in the
 * settings: it is refused. */
static void
test_password_in_address_refused (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *saved = NULL;

  type_address (fixture, "postgresql://alice:" PASSWORD "@db.example.org/sitrep");
  activate (fixture, "team.use-team");
  type_address (fixture, "host=db.example.org password=" PASSWORD);
  activate (fixture, "team.use-team");

  assert_settings_free_of (fixture, PASSWORD);
  saved = g_settings_get_string (fixture->settings, "team-database");
  g_assert_cmpstr (saved, ==, "");
  g_assert_nonnull (strstr (sitrep_team_page_get_status (fixture->page),
                            "The address holds a password"));
}

/* The page shows the saved address when it opens. */
static void
test_shows_saved_address (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SITREP_SETTINGS_SCHEMA);
  Fixture fixture = { 0 };

  g_settings_set_string (settings, "team-database", "host=db.example.org dbname=sitrep");
  fixture.settings = g_object_ref (settings);
  fixture.window = adw_preferences_window_new ();
  fixture.page = sitrep_team_page_new (settings);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (fixture.window),
                              ADW_PREFERENCES_PAGE (fixture.page));
  wait_until_settled (&fixture);

  g_assert_cmpstr (gtk_editable_get_text (find_row (&fixture, ADW_TYPE_ENTRY_ROW)), ==,
                   "host=db.example.org dbname=sitrep");
  g_assert_cmpstr (sitrep_team_page_get_status (fixture.page), ==,
                   "The team database at host=db.example.org dbname=sitrep");
  g_settings_reset (settings, "team-database");
  fixture_tear_down (&fixture, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  adw_init ();
  g_resources_register (sitrep_get_resource ());

  g_test_add ("/sitrep/team-page/malformed-address", Fixture, NULL,
              fixture_set_up, test_malformed_address, fixture_tear_down);
  g_test_add ("/sitrep/team-page/switch-writes-setting", Fixture, NULL,
              fixture_set_up, test_switch_writes_setting, fixture_tear_down);
  g_test_add ("/sitrep/team-page/switch-refuses-malformed", Fixture, NULL,
              fixture_set_up, test_switch_refuses_malformed, fixture_tear_down);
  g_test_add ("/sitrep/team-page/password-not-in-settings", Fixture, NULL,
              fixture_set_up, test_password_not_in_settings, fixture_tear_down);
  g_test_add ("/sitrep/team-page/password-in-address-refused", Fixture, NULL,
              fixture_set_up, test_password_in_address_refused, fixture_tear_down);
  g_test_add_func ("/sitrep/team-page/shows-saved-address", test_shows_saved_address);

  return g_test_run ();
}
