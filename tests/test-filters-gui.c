/* test-filters-gui.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "sitrep-incident-list.h"
#include "sitrep-resources.h"
#include "sitrep-store.h"
#include "sitrep-window.h"

/*
 * The window's list: filters that combine, named in the header; the
 * counts a supervisor watches; people found by the search; and the same
 * counts from `sitrep --status`.
 */

/* 2026-03-02 10:00:00 UTC */
#define NOW G_GINT64_CONSTANT (1772445600)
#define NOW_TEXT "2026-03-02T10:00:00Z"
#define MINUTE 60

typedef struct
{
  char          *dir;
  char          *path;
  SitrepClock   *clock;
  SitrepStore   *store;
  GSettings     *settings;
  SitrepContext *context;
  SitrepWindow  *window;
  gint64         ids[6];
} Fixture;

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the list has answered (a search waits for the
 * user to pause typing first) and shows @n_items. */
static void
wait_for_n_items (Fixture *fixture,
                  guint    n_items)
{
  SitrepIncidentList *list = sitrep_window_get_incident_list (fixture->window);
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (5, timeout_cb, &timed_out);

  while (!timed_out && (sitrep_incident_list_get_loading (list)
                        || g_list_model_get_n_items (G_LIST_MODEL (list)) != n_items))
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (source);
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_items);
}

static gint64
create (Fixture    *fixture,
        const char *title,
        const char *service,
        int         level,
        gint64      reported_at,
        const char *owner)
{
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(GError) error = NULL;

  sitrep_incident_set_title (incident, title);
  sitrep_incident_set_service (incident, service);
  sitrep_incident_set_level (incident, level);
  sitrep_incident_set_occurred_at (incident, reported_at);
  sitrep_incident_set_reported_at (incident, reported_at);
  sitrep_incident_set_owner (incident, owner);
  g_assert_true (sitrep_store_create_incident (fixture->store, incident, "Tester", &error));
  g_assert_no_error (error);

  return sitrep_incident_get_id (incident);
}

static void
transfer (Fixture *fixture,
          gint64   id)
{
  const SitrepTransition steps[] = {
    SITREP_TRANSITION_ACKNOWLEDGE, SITREP_TRANSITION_RECOVER, SITREP_TRANSITION_TRANSFER
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (sitrep_store_transition (fixture->store, id, steps[i], NOW, "Tester", NULL,
                                              "developers", &error));
      g_assert_no_error (error);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *keys[] = { "user-name", "user-role", "list-filter", "list-sort" };

  fixture->dir = g_dir_make_tmp ("sitrep-filters-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "sitrep.db", NULL);
  fixture->clock = sitrep_clock_new_fake (NOW);
  fixture->store = sitrep_store_open (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);

  fixture->settings = g_settings_new ("io.github.sitrep.Sitrep");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (fixture->settings, keys[i]);
  g_settings_set_string (fixture->settings, "user-name", "Ada");
  fixture->context = sitrep_context_new (fixture->store, fixture->settings);

  /* breached: the 10 min response of [0] and [3] passed long ago; at
   * risk: [2] has used 50 of its 60 min; [1] is pending; [4] awaits
   * closure; [5] is cancelled */
  fixture->ids[0] = create (fixture, "Login page fails", "Portal", 1, NOW - 40 * MINUTE,
                            "Mei Lin");
  fixture->ids[1] = create (fixture, "Slow reports", "Reports", 2, NOW - 6 * MINUTE, "Ada");
  fixture->ids[2] = create (fixture, "Question about invoices", "Billing", 3,
                            NOW - 50 * MINUTE, "Mei Lin");
  fixture->ids[3] = create (fixture, "Mail delivery stopped", "Mail", 1, NOW - 60 * MINUTE,
                            "Grace");
  fixture->ids[4] = create (fixture, "Printer queue stuck", "Office", 2, NOW - 90 * MINUTE,
                            "Mei Lin");
  fixture->ids[5] = create (fixture, "Duplicate of the login fault", "Portal", 1,
                            NOW - 30 * MINUTE, NULL);
  transfer (fixture, fixture->ids[4]);
  g_assert_true (sitrep_store_transition (fixture->store, fixture->ids[5],
                                          SITREP_TRANSITION_CANCEL, NOW, "Tester", "duplicate",
                                          NULL, &error));
  g_assert_no_error (error);

  fixture->window = g_object_new (SITREP_TYPE_WINDOW, "context", fixture->context, NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));
  iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  iterate ();

  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->clock);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static gpointer
template_child (Fixture    *fixture,
                const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (fixture->window), SITREP_TYPE_WINDOW, name);
}

static const char *
header (Fixture *fixture)
{
  return adw_window_title_get_subtitle (template_child (fixture, "list_title"));
}

static const char *
counts_line (Fixture *fixture)
{
  GtkLabel *label = template_child (fixture, "counts_label");

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  return gtk_label_get_label (label);
}

/* Chooses @value for the filter menu's action @name. */
static void
choose (Fixture    *fixture,
        const char *name,
        const char *value)
{
  g_autofree char *action = g_strconcat ("filter.", name, NULL);

  if (value != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), action, "s",
                                               value));
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), action, NULL));
}

static void
test_combined (Fixture       *fixture,
               gconstpointer  data)
{
  SitrepIncidentList *list = sitrep_window_get_incident_list (fixture->window);
  g_autofree char *kept = NULL;

  /* the default filter is named for what it shows */
  wait_for_n_items (fixture, 4);
  g_assert_cmpstr (header (fixture), ==, "Active · 4 incidents");
  g_assert_cmpstr (counts_line (fixture), ==, "2 breached · 1 at risk · 1 awaiting closure");

  /* level 1 and at risk or breached: [0] and [3] */
  choose (fixture, "level", "1");
  wait_for_n_items (fixture, 2);
  choose (fixture, "risk", "at-risk");
  wait_for_n_items (fixture, 2);
  g_assert_cmpstr (header (fixture), ==, "Active · Level 1 · At risk · 2 incidents");
  kept = g_settings_get_string (fixture->settings, "list-filter");
  g_assert_cmpstr (kept, ==, "active level=1 risk=at-risk");

  /* and Mine: Ada owns no level-1 incident */
  choose (fixture, "mine", NULL);
  wait_for_n_items (fixture, 0);
  g_assert_cmpstr (header (fixture), ==, "Active · Level 1 · At risk · Owner Ada · 0 incidents");
  choose (fixture, "mine", NULL);
  wait_for_n_items (fixture, 2);

  /* at risk with any level: [2] too */
  choose (fixture, "level", "any");
  wait_for_n_items (fixture, 3);
  g_assert_cmpint (sitrep_incident_list_find (list, fixture->ids[2]), !=,
                   SITREP_INCIDENT_LIST_INVALID_POSITION);

  /* the owner of the incident on show */
  g_assert_cmpint (sitrep_window_get_incident_id (fixture->window), !=, 0);
  choose (fixture, "risk", "any");
  wait_for_n_items (fixture, 4);
  sitrep_window_show_incident (fixture->window, fixture->ids[2]);
  iterate ();
  choose (fixture, "only-owner", NULL);
  wait_for_n_items (fixture, 2);
  g_assert_cmpstr (header (fixture), ==, "Active · Owner Mei Lin · 2 incidents");
  choose (fixture, "only-service", NULL);
  wait_for_n_items (fixture, 1);
  g_assert_cmpint (sitrep_incident_list_get_id (list, 0), ==, fixture->ids[2]);

  /* awaiting closure: Mei Lin's transferred one */
  choose (fixture, "group", "awaiting-closure");
  wait_for_n_items (fixture, 0);
  choose (fixture, "clear", NULL);
  wait_for_n_items (fixture, 4);
  g_assert_cmpstr (header (fixture), ==, "Active · 4 incidents");
  choose (fixture, "group", "awaiting-closure");
  wait_for_n_items (fixture, 1);
  g_assert_cmpstr (header (fixture), ==, "Awaiting Closure · 1 incident");
  g_assert_cmpint (sitrep_incident_list_get_id (list, 0), ==, fixture->ids[4]);
  choose (fixture, "group", "all");
  wait_for_n_items (fixture, 6);
  g_assert_cmpstr (header (fixture), ==, "All · 6 incidents");
}

/* A filter kept by an earlier version reads as what it meant. */
static void
test_old_settings (Fixture       *fixture,
                   gconstpointer  data)
{
  wait_for_n_items (fixture, 4);

  g_settings_set_string (fixture->settings, "list-filter", "level-1");
  wait_for_n_items (fixture, 2);
  g_assert_cmpstr (header (fixture), ==, "Active · Level 1 · 2 incidents");

  g_settings_set_string (fixture->settings, "list-filter", "mine");
  wait_for_n_items (fixture, 1);
  g_assert_cmpint (sitrep_incident_list_get_id (sitrep_window_get_incident_list (fixture->window),
                                                0), ==, fixture->ids[1]);

  g_settings_set_string (fixture->settings, "list-filter", "open");
  wait_for_n_items (fixture, 4);
  g_assert_cmpstr (header (fixture), ==, "Active · 4 incidents");
}

static void
search (Fixture    *fixture,
        const char *text)
{
  gtk_editable_set_text (template_child (fixture, "search_entry"), text);
}

static void
test_people_search (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();
  g_autoptr(GError) error = NULL;
  SitrepIncidentList *list = sitrep_window_get_incident_list (fixture->window);

  wait_for_n_items (fixture, 4);

  /* an owner's first name, as the list shows it: her two active ones */
  search (fixture, "Mei");
  wait_for_n_items (fixture, 2);
  g_assert_cmpint (sitrep_incident_list_find (list, fixture->ids[0]), !=,
                   SITREP_INCIDENT_LIST_INVALID_POSITION);
  g_assert_cmpint (sitrep_incident_list_find (list, fixture->ids[2]), !=,
                   SITREP_INCIDENT_LIST_INVALID_POSITION);

  /* the author of a note, added while the search is on show */
  search (fixture, "Tomasz");
  wait_for_n_items (fixture, 0);
  g_assert_true (sitrep_store_add_note (fixture->store, fixture->ids[3], NOW, "Tomasz",
                                        SITREP_TAG_ACTION, "Restarted the relay", &error));
  g_assert_no_error (error);
  wait_for_n_items (fixture, 1);
  g_assert_cmpint (sitrep_incident_list_get_id (list, 0), ==, fixture->ids[3]);

  /* a complaint's customer */
  sitrep_complaint_set_customer (complaint, "Acme Logistics");
  sitrep_complaint_set_received_at (complaint, NOW);
  g_assert_true (sitrep_store_add_complaint (fixture->store, fixture->ids[1], complaint, "Ada",
                                             &error));
  g_assert_no_error (error);
  search (fixture, "acme");
  wait_for_n_items (fixture, 1);
  g_assert_cmpint (sitrep_incident_list_get_id (list, 0), ==, fixture->ids[1]);

  /* a search and a filter combine */
  search (fixture, "Mei");
  wait_for_n_items (fixture, 2);
  choose (fixture, "level", "3");
  wait_for_n_items (fixture, 1);
  g_assert_cmpint (sitrep_incident_list_get_id (list, 0), ==, fixture->ids[2]);
}

/* The last line of `sitrep --status --at NOW` on the fixture's file. */
static void
run_status (Fixture *fixture,
            guint   *active,
            guint   *awaiting,
            guint   *breached,
            guint   *at_risk,
            guint   *n_rows)
{
  const char *bin = g_getenv ("SITREP_BIN");
  const char *argv[] = { bin, "--database", fixture->path, "--status", "--at", NOW_TEXT, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_lines;
  int status;

  g_assert_nonnull (bin);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);

  /* a header, a line per incident, the counts, the final line break */
  lines = g_strsplit (out, "\n", -1);
  n_lines = g_strv_length (lines);
  g_assert_cmpuint (n_lines, >=, 3);
  *n_rows = n_lines - 3;
  g_assert_cmpint (sscanf (lines[n_lines - 2],
                           "%u active %*s %u awaiting closure: %u breached, %u at risk",
                           active, awaiting, breached, at_risk), ==, 4);
}

/* The count the header shows after the incident count's "· ". */
static guint
shown_count (Fixture *fixture)
{
  const char *text = g_strrstr (header (fixture), "· ");

  g_assert_nonnull (text);
  return (guint) g_ascii_strtoull (text + strlen ("· "), NULL, 10);
}

static void
test_status_agrees (Fixture       *fixture,
                    gconstpointer  data)
{
  guint active, awaiting, breached, at_risk, n_rows;
  g_autofree char *expected = NULL;

  wait_for_n_items (fixture, 4);
  run_status (fixture, &active, &awaiting, &breached, &at_risk, &n_rows);
  g_assert_cmpuint (active, ==, 4);
  g_assert_cmpuint (awaiting, ==, 1);
  g_assert_cmpuint (breached, ==, 2);
  g_assert_cmpuint (at_risk, ==, 1);

  /* the window's counts line */
  expected = g_strdup_printf ("%u breached · %u at risk · %u awaiting closure",
                              breached, at_risk, awaiting);
  g_assert_cmpstr (counts_line (fixture), ==, expected);

  /* and the window's lists, which are other queries than the counts */
  g_assert_cmpuint (shown_count (fixture), ==, active);
  choose (fixture, "group", "awaiting-closure");
  wait_for_n_items (fixture, awaiting);
  g_assert_cmpuint (shown_count (fixture), ==, awaiting);
  choose (fixture, "group", "active");
  choose (fixture, "risk", "breached");
  wait_for_n_items (fixture, breached);
  choose (fixture, "risk", "at-risk");
  wait_for_n_items (fixture, breached + at_risk);
  /* --status lists every incident of both groups */
  g_assert_cmpuint (n_rows, ==, active + awaiting);

  /* after a change, both again: [3] acknowledged meets its response */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (sitrep_store_transition (fixture->store, fixture->ids[3],
                                            SITREP_TRANSITION_ACKNOWLEDGE, NOW, "Tester", NULL,
                                            NULL, &error));
    g_assert_no_error (error);
  }
  wait_for_n_items (fixture, 2);
  run_status (fixture, &active, &awaiting, &breached, &at_risk, &n_rows);
  g_assert_cmpuint (breached, ==, 1);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%u breached · %u at risk · %u awaiting closure",
                              breached, at_risk, awaiting);
  g_assert_cmpstr (counts_line (fixture), ==, expected);
}

/* An incident escalated to a team: found by the team's name, and the
 * team of the incident on show narrows the list; escalating another one
 * while the filter is on brings it in. */
static void
test_team (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SitrepIncidentList *list = sitrep_window_get_incident_list (fixture->window);
  g_autofree char *kept = NULL;

  wait_for_n_items (fixture, 4);
  g_assert_true (sitrep_store_assign_team (fixture->store, fixture->ids[1], "Network group",
                                           SITREP_TIME_NONE, "Ada", NULL, &error));
  g_assert_no_error (error);

  search (fixture, "network");
  wait_for_n_items (fixture, 1);
  g_assert_cmpint (sitrep_incident_list_get_id (list, 0), ==, fixture->ids[1]);
  search (fixture, "");
  wait_for_n_items (fixture, 4);

  sitrep_window_show_incident (fixture->window, fixture->ids[1]);
  iterate ();
  choose (fixture, "only-team", NULL);
  wait_for_n_items (fixture, 1);
  g_assert_cmpstr (header (fixture), ==, "Active · Team Network group · 1 incident");
  kept = g_settings_get_string (fixture->settings, "list-filter");
  g_assert_cmpstr (kept, ==, "active team=Network%20group");

  g_assert_true (sitrep_store_assign_team (fixture->store, fixture->ids[3], "Network group",
                                           SITREP_TIME_NONE, "Ada", NULL, &error));
  g_assert_no_error (error);
  wait_for_n_items (fixture, 2);
  g_assert_cmpint (sitrep_incident_list_find (list, fixture->ids[3]), !=,
                   SITREP_INCIDENT_LIST_INVALID_POSITION);
}

/* The buttons in the filter menu whose action is @action_name, by target. */
static void
collect_choices (GtkWidget  *widget,
                 const char *action_name,
                 GHashTable *choices)
{
  if (GTK_IS_TOGGLE_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

      g_hash_table_insert (choices, g_variant_dup_string (target, NULL), widget);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_choices (child, action_name, choices);
}

static GHashTable *
menu_choices (Fixture    *fixture,
              const char *action_name)
{
  GtkPopover *popover = gtk_menu_button_get_popover (template_child (fixture, "filter_button"));
  GHashTable *choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  collect_choices (GTK_WIDGET (popover), action_name, choices);
  return choices;
}

/* Only the button for @target is pressed among @choices. */
static void
assert_chosen (GHashTable *choices,
               const char *target)
{
  GHashTableIter iter;
  const char *key;
  GtkToggleButton *button;

  g_hash_table_iter_init (&iter, choices);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &button))
    g_assert_cmpint (gtk_toggle_button_get_active (button), ==, g_str_equal (key, target));
}

/* The level and the order are rows of buttons in the filter menu, which
 * fits under the header bar of a screen 768 pixels high. */
static void
test_menu_choices (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkMenuButton *filter_button = template_child (fixture, "filter_button");
  g_autoptr(GHashTable) levels = menu_choices (fixture, "filter.level");
  g_autoptr(GHashTable) orders = menu_choices (fixture, "win.list-sort");
  g_autofree char *sort = NULL;
  GtkWidget *header_bar;
  GtkPopover *popover;
  int height = 0;

  wait_for_n_items (fixture, 4);
  g_assert_cmpuint (g_hash_table_size (levels), ==, 4);
  g_assert_cmpuint (g_hash_table_size (orders), ==, 3);
  assert_chosen (levels, "any");
  assert_chosen (orders, "next-due");
  /* a screen reader says more than "2" */
  gtk_test_accessible_assert_property (g_hash_table_lookup (levels, "2"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Level 2");
  gtk_test_accessible_assert_property (g_hash_table_lookup (orders, "newest"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Sort by Newest");

  gtk_menu_button_popup (filter_button);
  iterate ();
  popover = gtk_menu_button_get_popover (filter_button);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  gtk_widget_measure (GTK_WIDGET (popover), GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL,
                      NULL);
  header_bar = gtk_widget_get_ancestor (GTK_WIDGET (filter_button), ADW_TYPE_HEADER_BAR);
  g_assert_cmpint (height, >, 0);
  g_assert_cmpint (height, <=, 768 - gtk_widget_get_height (header_bar));

  /* a choice filters the list and closes the menu */
  g_signal_emit_by_name (g_hash_table_lookup (levels, "1"), "clicked");
  wait_for_n_items (fixture, 2);
  g_assert_cmpstr (header (fixture), ==, "Active · Level 1 · 2 incidents");
  assert_chosen (levels, "1");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  g_signal_emit_by_name (g_hash_table_lookup (orders, "newest"), "clicked");
  iterate ();
  sort = g_settings_get_string (fixture->settings, "list-sort");
  g_assert_cmpstr (sort, ==, "newest");
  assert_chosen (orders, "newest");

  /* the buttons show a level chosen elsewhere */
  choose (fixture, "clear", NULL);
  wait_for_n_items (fixture, 4);
  assert_chosen (levels, "any");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* GTK's own test backend keeps what a screen reader would be told */
  g_setenv ("GTK_A11Y", "test", TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  /* Links the resources in; they register themselves at start. */
  g_assert_nonnull (sitrep_get_resource ());

  g_test_add ("/sitrep/filters-gui/combined", Fixture, NULL,
              fixture_set_up, test_combined, fixture_tear_down);
  g_test_add ("/sitrep/filters-gui/old-settings", Fixture, NULL,
              fixture_set_up, test_old_settings, fixture_tear_down);
  g_test_add ("/sitrep/filters-gui/people-search", Fixture, NULL,
              fixture_set_up, test_people_search, fixture_tear_down);
  g_test_add ("/sitrep/filters-gui/team", Fixture, NULL,
              fixture_set_up, test_team, fixture_tear_down);
  g_test_add ("/sitrep/filters-gui/status-agrees", Fixture, NULL,
              fixture_set_up, test_status_agrees, fixture_tear_down);
  g_test_add ("/sitrep/filters-gui/menu-choices", Fixture, NULL,
              fixture_set_up, test_menu_choices, fixture_tear_down);

  return g_test_run ();
}
