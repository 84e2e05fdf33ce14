/* test-window.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "sitrep-application.h"
#include "sitrep-backup.h"
#include "sitrep-incident-list.h"
#include "sitrep-incident-view.h"
#include "sitrep-new-incident-dialog.h"
#include "sitrep-incident-row.h"
#include "sitrep-preferences-window.h"
#include "sitrep-recovery-page.h"
#include "sitrep-reports-view.h"
#include "sitrep-resources.h"
#include "sitrep-store.h"
#include "sitrep-transition-dialog.h"
#include "sitrep-window.h"

/* 2026-03-02 10:00:00 UTC */
#define NOW G_GINT64_CONSTANT (1772445600)

typedef struct
{
  char         *dir;
  SitrepClock  *clock;
  SitrepStore  *store;
  GSettings    *settings;
  SitrepContext *context;
  SitrepWindow *window;
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

/* Runs the main loop until @list shows @n_items, or gives up after a while
 * (the search waits for the user to pause typing). */
static void
wait_for_n_items (SitrepIncidentList *list,
                  guint               n_items)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (5, timeout_cb, &timed_out);

  while (!timed_out && g_list_model_get_n_items (G_LIST_MODEL (list)) != n_items)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (source);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_items);
}

static gint64
create (Fixture    *fixture,
        const char *title,
        int         level,
        gint64      reported_at)
{
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(GError) error = NULL;

  sitrep_incident_set_title (incident, title);
  sitrep_incident_set_service (incident, "Portal");
  sitrep_incident_set_level (incident, level);
  sitrep_incident_set_occurred_at (incident, reported_at);
  sitrep_incident_set_reported_at (incident, reported_at);
  g_assert_true (sitrep_store_create_incident (fixture->store, incident, "Tester", &error));
  g_assert_no_error (error);

  return sitrep_incident_get_id (incident);
}

static const char *
visible_page (Fixture    *fixture,
              const char *stack_name)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                              SITREP_TYPE_WINDOW, stack_name));

  return gtk_stack_get_visible_child_name (stack);
}

/* Runs the main loop until the detail pane shows an incident: a window
 * that opens on an incident fills its detail pane after its first frame. */
static void
wait_for_detail_pane (Fixture *fixture)
{
  SitrepIncidentView *view =
    SITREP_INCIDENT_VIEW (sitrep_window_get_incident_view (fixture->window));
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (5, timeout_cb, &timed_out);

  while (!timed_out && sitrep_incident_view_get_incident (view) == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (source);
  g_assert_nonnull (sitrep_incident_view_get_incident (view));
  iterate ();
}

static void
open_window (Fixture *fixture)
{
  fixture->window = g_object_new (SITREP_TYPE_WINDOW,
                                  "context", fixture->context,
                                  NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));
  iterate ();
  if (sitrep_window_get_incident_id (fixture->window) != 0)
    wait_for_detail_pane (fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *keys[] = { "user-name", "user-role", "list-filter", "list-sort" };

  fixture->dir = g_dir_make_tmp ("sitrep-window-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "sitrep.db", NULL);
  fixture->clock = sitrep_clock_new_fake (NOW);
  fixture->store = sitrep_store_open (path, fixture->clock, &error);
  g_assert_no_error (error);

  fixture->settings = g_settings_new ("io.github.sitrep.Sitrep");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (fixture->settings, keys[i]);
  g_settings_set_string (fixture->settings, "user-name", "Ada");
  fixture->context = sitrep_context_new (fixture->store, fixture->settings);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (fixture->window != NULL)
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
}

static SitrepNewIncidentDialog *
find_new_incident_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SITREP_IS_NEW_INCIDENT_DIALOG (window)
          && gtk_widget_get_visible (GTK_WIDGET (window)))
        return SITREP_NEW_INCIDENT_DIALOG (window);
    }

  return NULL;
}

static GtkEditable *
dialog_field (SitrepNewIncidentDialog *dialog,
              const char              *name)
{
  return GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                      SITREP_TYPE_NEW_INCIDENT_DIALOG, name));
}

/* The window opens on the first incident of the list: its row and key at
 * once, its details right after, never "No Incident Selected" between. */
static void
test_opens_on_first_incident (Fixture       *fixture,
                              gconstpointer  data)
{
  SitrepIncidentView *view;
  GtkStack *view_stack;
  AdwWindowTitle *content_title;
  gint64 first;

  create (fixture, "Payment page times out", 2, NOW - 600);
  create (fixture, "Mail delayed", 3, NOW - 300);

  fixture->window = g_object_new (SITREP_TYPE_WINDOW,
                                  "context", fixture->context,
                                  NULL);
  view = SITREP_INCIDENT_VIEW (sitrep_window_get_incident_view (fixture->window));
  view_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                         SITREP_TYPE_INCIDENT_VIEW, "stack"));
  content_title = ADW_WINDOW_TITLE (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                                   SITREP_TYPE_WINDOW,
                                                                   "content_title"));
  first = sitrep_incident_list_get_id (sitrep_window_get_incident_list (fixture->window), 0);

  g_assert_cmpint (sitrep_window_get_incident_id (fixture->window), ==, first);
  g_assert_cmpstr (visible_page (fixture, "content_stack"), ==, "incident");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view_stack), !=, "empty");
  g_assert_true (g_str_has_prefix (adw_window_title_get_title (content_title), "INC-"));

  gtk_window_present (GTK_WINDOW (fixture->window));
  while (sitrep_incident_view_get_incident (view) == NULL)
    {
      g_assert_cmpstr (gtk_stack_get_visible_child_name (view_stack), !=, "empty");
      g_main_context_iteration (NULL, TRUE);
    }

  g_assert_cmpint (sitrep_incident_view_get_incident_id (view), ==, first);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view_stack), ==, "incident");
  g_assert_cmpstr (sitrep_incident_view_get_heading (view), ==,
                   adw_window_title_get_title (content_title));
}

static void
test_empty_state (Fixture       *fixture,
                  gconstpointer  data)
{
  SitrepIncidentList *list;

  open_window (fixture);
  list = sitrep_window_get_incident_list (fixture->window);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpstr (visible_page (fixture, "main_stack"), ==, "empty");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-samples", NULL);
  while (sitrep_incident_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  iterate ();

  g_assert_cmpint (sitrep_store_count_incidents (fixture->store), >=, 5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  /* The first of them is on show. */
  g_assert_cmpint (sitrep_window_get_incident_id (fixture->window), ==,
                   sitrep_incident_list_get_id (list, 0));
  g_assert_cmpstr (visible_page (fixture, "main_stack"), ==, "incidents");
  g_assert_cmpstr (visible_page (fixture, "list_stack"), ==, "list");
}

static void
test_create_and_select (Fixture       *fixture,
                        gconstpointer  data)
{
  SitrepNewIncidentDialog *dialog;
  SitrepIncidentList *list;
  g_autoptr(SitrepIncident) incident = NULL;
  GtkWidget *view;
  GtkListView *list_view;
  gint64 first;
  gint64 second;
  guint position;

  first = create (fixture, "Mail delivery stopped", 1, NOW - 3600);
  open_window (fixture);
  list = sitrep_window_get_incident_list (fixture->window);
  view = sitrep_window_get_incident_view (fixture->window);
  g_assert_cmpstr (visible_page (fixture, "main_stack"), ==, "incidents");

  /* Ctrl+N's action opens the dialog; Create is disabled while the
   * required fields are empty. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-incident", NULL);
  iterate ();
  dialog = find_new_incident_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (sitrep_new_incident_dialog_is_valid (dialog));

  gtk_editable_set_text (dialog_field (dialog, "title_row"), "Checkout page returns errors");
  g_assert_false (sitrep_new_incident_dialog_is_valid (dialog));
  gtk_editable_set_text (dialog_field (dialog, "service_row"), "Web shop");
  g_assert_true (sitrep_new_incident_dialog_is_valid (dialog));

  /* A time in the future is refused until corrected. */
  gtk_editable_set_text (dialog_field (dialog, "reported_row"), "2026-03-02 11:30");
  g_assert_false (sitrep_new_incident_dialog_is_valid (dialog));
  gtk_editable_set_text (dialog_field (dialog, "reported_row"), "2026-03-02 09:50");
  gtk_editable_set_text (dialog_field (dialog, "occurred_row"), "2026-03-02 09:55");
  g_assert_false (sitrep_new_incident_dialog_is_valid (dialog));
  gtk_editable_set_text (dialog_field (dialog, "occurred_row"), "2026-03-02 09:45");
  g_assert_true (sitrep_new_incident_dialog_is_valid (dialog));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.create", NULL);
  iterate ();

  g_assert_null (find_new_incident_dialog ());
  wait_for_n_items (list, 2);
  second = sitrep_window_get_incident_id (fixture->window);
  g_assert_cmpint (second, !=, 0);
  g_assert_cmpint (second, !=, first);
  incident = sitrep_store_get_incident (fixture->store, second, NULL);
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Checkout page returns errors");
  g_assert_cmpstr (sitrep_incident_get_service (incident), ==, "Web shop");
  g_assert_cmpint (sitrep_incident_get_level (incident), ==, 2);
  g_assert_cmpint (sitrep_incident_get_reported_at (incident), ==, NOW - 600);
  g_assert_cmpint (sitrep_incident_get_occurred_at (incident), ==, NOW - 900);
  g_assert_cmpint (sitrep_incident_view_get_incident_id (SITREP_INCIDENT_VIEW (view)), ==, second);

  /* Enter on another row opens that incident. */
  position = sitrep_incident_list_find (list, first);
  g_assert_cmpuint (position, !=, SITREP_INCIDENT_LIST_INVALID_POSITION);
  list_view = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                            SITREP_TYPE_WINDOW, "list_view"));
  gtk_widget_activate_action (GTK_WIDGET (list_view), "list.activate-item", "u", position);
  iterate ();
  g_assert_cmpint (sitrep_window_get_incident_id (fixture->window), ==, first);
  g_assert_cmpint (sitrep_incident_view_get_incident_id (SITREP_INCIDENT_VIEW (view)), ==, first);
}

static void
test_filter_and_search (Fixture       *fixture,
                        gconstpointer  data)
{
  SitrepIncidentList *list;
  g_autoptr(GError) error = NULL;
  g_autofree char *filter = NULL;
  AdwWindowTitle *list_title;
  GtkEditable *search;
  gint64 cancelled;

  create (fixture, "Login page fails", 1, NOW - 300);
  create (fixture, "Slow reports", 2, NOW - 600);
  cancelled = create (fixture, "Duplicate login report", 2, NOW - 900);
  g_assert_true (sitrep_store_transition (fixture->store, cancelled, SITREP_TRANSITION_CANCEL,
                                          NOW, "Tester", NULL, NULL, &error));
  g_assert_no_error (error);

  open_window (fixture);
  list = sitrep_window_get_incident_list (fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  /* The filter menu's action, remembered in the settings. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "list-filter",
                                  g_variant_new_string ("all"));
  /* The list answers from the worker; meanwhile it shows what it had and
   * says it is updating. */
  g_assert_true (sitrep_incident_list_get_loading (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  list_title = ADW_WINDOW_TITLE (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                                SITREP_TYPE_WINDOW, "list_title"));
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (list_title), "updating"));
  wait_for_n_items (list, 3);
  while (sitrep_incident_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  iterate ();
  g_assert_cmpstr (adw_window_title_get_subtitle (list_title), ==, "All · 3 incidents");
  filter = g_settings_get_string (fixture->settings, "list-filter");
  g_assert_cmpstr (filter, ==, "all");

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "list-filter",
                                  g_variant_new_string ("level-1"));
  wait_for_n_items (list, 1);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "list-filter",
                                  g_variant_new_string ("all"));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "list-sort",
                                  g_variant_new_string ("newest"));
  wait_for_n_items (list, 3);
  g_assert_cmpint (sitrep_incident_list_get_sort (list), ==, SITREP_LIST_SORT_NEWEST);

  /* Typing in the search narrows the list once the user pauses. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "search", NULL);
  iterate ();
  search = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                        SITREP_TYPE_WINDOW, "search_entry"));
  gtk_editable_set_text (search, "login");
  wait_for_n_items (list, 2);

  gtk_editable_set_text (search, "nothing matches this");
  wait_for_n_items (list, 0);
  g_assert_cmpstr (visible_page (fixture, "list_stack"), ==, "no-results");
  g_assert_cmpstr (visible_page (fixture, "main_stack"), ==, "incidents");
}

static void
test_supervisor (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = create (fixture, "Login page fails", 1, NOW - 300);
  open_window (fixture);
  g_assert_false (sitrep_window_get_read_only (fixture->window));

  g_settings_set_string (fixture->settings, "user-role", "supervisor");
  iterate ();

  g_assert_true (sitrep_window_get_read_only (fixture->window));
  g_assert_true (sitrep_store_get_read_only (fixture->store));
  g_assert_true (sitrep_incident_view_get_read_only (
                   SITREP_INCIDENT_VIEW (sitrep_window_get_incident_view (fixture->window))));

  /* New Incident does nothing, and the store refuses writes. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-incident", NULL);
  iterate ();
  g_assert_null (find_new_incident_dialog ());
  g_assert_false (sitrep_store_transition (fixture->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                           NOW, "Ada", NULL, NULL, &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_READ_ONLY_ROLE);

  g_settings_set_string (fixture->settings, "user-role", "incident-manager");
  iterate ();
  g_assert_false (sitrep_window_get_read_only (fixture->window));
  g_assert_false (sitrep_store_get_read_only (fixture->store));
}

static GtkSpinButton *
find_policy_spin (GtkWidget          *widget,
                  int                 level,
                  SitrepPolicyWindow  window)
{
  if (GTK_IS_SPIN_BUTTON (widget)
      && GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "level")) == level
      && GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "window")) == (int) window)
    return GTK_SPIN_BUTTON (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkSpinButton *found = find_policy_spin (child, level, window);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_preferences_policy (Fixture       *fixture,
                         gconstpointer  data)
{
  SitrepPreferencesWindow *prefs;
  g_autoptr(SitrepPolicy) policy = NULL;
  SitrepIncidentList *list;
  GtkSpinButton *spin;
  gint64 level_1;
  gint64 level_2;

  /* Level 1 response due in 5 min, level 2 in 20 min. */
  level_1 = create (fixture, "Login page fails", 1, NOW - 300);
  level_2 = create (fixture, "Slow reports", 2, NOW - 600);
  open_window (fixture);
  list = sitrep_window_get_incident_list (fixture->window);
  g_assert_cmpint (sitrep_incident_list_get_id (list, 0), ==, level_1);

  prefs = sitrep_preferences_window_new (fixture->context);
  gtk_window_present (GTK_WINDOW (prefs));
  iterate ();

  spin = find_policy_spin (GTK_WIDGET (prefs), 1, SITREP_POLICY_WINDOW_RESPONSE);
  g_assert_nonnull (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 10);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (spin)));

  /* Level 1 now has an hour to respond: level 2 comes first. Closing the
   * window writes a change still waiting for the user to pause. */
  gtk_spin_button_set_value (spin, 60);
  gtk_window_destroy (GTK_WINDOW (prefs));
  iterate ();

  policy = sitrep_store_get_policy (fixture->store);
  g_assert_cmpint (sitrep_policy_get_minutes (policy, 1, SITREP_POLICY_WINDOW_RESPONSE), ==, 60);
  g_assert_cmpint (sitrep_incident_list_get_id (list, 0), ==, level_2);
  g_assert_cmpint (sitrep_incident_list_get_id (list, 1), ==, level_1);

  /* A supervisor sees the policy but cannot change it. */
  g_settings_set_string (fixture->settings, "user-role", "supervisor");
  prefs = sitrep_preferences_window_new (fixture->context);
  gtk_window_present (GTK_WINDOW (prefs));
  iterate ();
  spin = find_policy_spin (GTK_WIDGET (prefs), 1, SITREP_POLICY_WINDOW_RESPONSE);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 60);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (spin)));
  gtk_window_destroy (GTK_WINDOW (prefs));
  iterate ();
}

static SitrepTransitionDialog *
find_transition_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SITREP_IS_TRANSITION_DIALOG (window)
          && gtk_widget_get_visible (GTK_WIDGET (window)))
        return SITREP_TRANSITION_DIALOG (window);
    }

  return NULL;
}

/* Does what GTK does with a key press at the window: the shortcut
 * controllers of @phase on the window itself, first match wins. */
static gboolean
press_at_window (Fixture             *fixture,
                 GtkPropagationPhase  phase,
                 guint                keyval,
                 GdkModifierType      modifiers)
{
  g_autoptr(GListModel) controllers =
    gtk_widget_observe_controllers (GTK_WIDGET (fixture->window));
  g_autoptr(GtkShortcutTrigger) pressed = gtk_keyval_trigger_new (keyval, modifiers);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller)
          || gtk_event_controller_get_propagation_phase (controller) != phase)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), pressed))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                 GTK_WIDGET (fixture->window),
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}

/* Ctrl+Shift+A acknowledges the incident on show while the focus is in the
 * list, not only inside the incident's pane. */
static void
test_incident_shortcuts_from_list (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkWidget *list_view, *search_entry;
  SitrepTransitionDialog *dialog;
  gint64 id;

  id = create (fixture, "Login page fails", 1, NOW - 300);
  open_window (fixture);
  list_view = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                         SITREP_TYPE_WINDOW, "list_view"));
  search_entry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                            SITREP_TYPE_WINDOW, "search_entry"));
  g_assert_cmpint (sitrep_window_get_incident_id (fixture->window), ==, id);

  gtk_widget_grab_focus (list_view);
  iterate ();
  g_assert_null (find_transition_dialog ());

  /* The list would take Ctrl+Shift+A to unselect: the window comes first. */
  g_assert_true (press_at_window (fixture, GTK_PHASE_CAPTURE, GDK_KEY_a,
                                  GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  iterate ();
  dialog = find_transition_dialog ();
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate ();

  /* In a text field the field keeps its editing keys first; what it leaves
   * reaches the window. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  gtk_widget_grab_focus (search_entry);
  iterate ();
  g_assert_false (press_at_window (fixture, GTK_PHASE_CAPTURE, GDK_KEY_a,
                                   GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_null (find_transition_dialog ());
  g_assert_true (press_at_window (fixture, GTK_PHASE_BUBBLE, GDK_KEY_x,
                                  GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  iterate ();
  dialog = find_transition_dialog ();
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate ();
}

static gboolean
accelerator_lists (const char      *accelerator,
                   guint            keyval,
                   GdkModifierType  modifiers)
{
  g_auto(GStrv) alternatives = g_strsplit (accelerator, " ", -1);

  for (guint i = 0; alternatives[i] != NULL; i++)
    {
      guint key = 0;
      GdkModifierType mods = 0;

      if (gtk_accelerator_parse (alternatives[i], &key, &mods)
          && gdk_keyval_to_lower (key) == gdk_keyval_to_lower (keyval)
          && mods == modifiers)
        return TRUE;
    }

  return FALSE;
}

/* The Keyboard Shortcuts window lists every incident shortcut, and lists
 * no Ctrl+Shift shortcut that does not exist. */
static void
test_shortcuts_window (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GSList) objects = NULL;
  g_autoptr(GPtrArray) accelerators = g_ptr_array_new_with_free_func (g_free);
  GListModel *shortcuts;
  GtkWidget *view;
  GtkWindow *help;

  open_window (fixture);
  view = sitrep_window_get_incident_view (fixture->window);
  shortcuts = sitrep_incident_view_get_shortcuts (SITREP_INCIDENT_VIEW (view));

  builder = gtk_builder_new_from_resource ("/io/github/sitrep/Sitrep/gtk/help-overlay.ui");
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      char *accelerator = NULL;
      char *title = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;

      g_object_get (l->data, "accelerator", &accelerator, "title", &title, NULL);
      g_assert_nonnull (title);
      g_assert_cmpstr (title, !=, "");
      g_free (title);
      g_ptr_array_add (accelerators, accelerator);
    }

  for (guint i = 0; i < g_list_model_get_n_items (shortcuts); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, i);
      GtkKeyvalTrigger *trigger = GTK_KEYVAL_TRIGGER (gtk_shortcut_get_trigger (shortcut));
      gboolean listed = FALSE;

      for (guint j = 0; j < accelerators->len && !listed; j++)
        listed = accelerator_lists (g_ptr_array_index (accelerators, j),
                                    gtk_keyval_trigger_get_keyval (trigger),
                                    gtk_keyval_trigger_get_modifiers (trigger));
      if (!listed)
        g_error ("The shortcuts window does not list %s",
                 gtk_shortcut_trigger_to_string (GTK_SHORTCUT_TRIGGER (trigger)));
    }

  for (guint j = 0; j < accelerators->len; j++)
    {
      const char *accelerator = g_ptr_array_index (accelerators, j);
      guint key = 0;
      GdkModifierType mods = 0;
      gboolean exists = FALSE;

      if (!gtk_accelerator_parse (accelerator, &key, &mods)
          || mods != (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
        continue;

      for (guint i = 0; i < g_list_model_get_n_items (shortcuts) && !exists; i++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, i);
          GtkKeyvalTrigger *trigger = GTK_KEYVAL_TRIGGER (gtk_shortcut_get_trigger (shortcut));

          exists = accelerator_lists (accelerator, gtk_keyval_trigger_get_keyval (trigger),
                                      gtk_keyval_trigger_get_modifiers (trigger));
        }
      if (!exists)
        g_error ("The shortcuts window lists %s, which does nothing", accelerator);
    }

  help = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  gtk_window_destroy (help);
}

typedef struct
{
  SitrepStore   *store;
  guint          n_notified;
  gboolean       agreed;
} ReadOnlyWitness;

/* Whoever hears the context announce a new role finds the store, the
 * window and the incident view agreeing with it already, whatever the
 * order in which they were connected. */
static void
witness_read_only_cb (SitrepContext   *context,
                      GParamSpec      *pspec,
                      ReadOnlyWitness *witness)
{
  gboolean read_only = sitrep_context_get_read_only (context);

  witness->n_notified++;
  witness->agreed = sitrep_store_get_read_only (witness->store) == read_only
                    && (g_strcmp0 (sitrep_context_get_role (context), "supervisor") == 0)
                       == read_only;
}

static void
test_context_decides_read_only (Fixture       *fixture,
                                gconstpointer  data)
{
  ReadOnlyWitness witness = { 0 };
  SitrepIncidentView *view;
  gulong handler;

  create (fixture, "Login page fails", 1, NOW - 300);

  /* Connected before the window: it must not matter. */
  witness.store = fixture->store;
  handler = g_signal_connect (fixture->context, "notify::read-only",
                              G_CALLBACK (witness_read_only_cb), &witness);
  open_window (fixture);
  view = SITREP_INCIDENT_VIEW (sitrep_window_get_incident_view (fixture->window));

  g_settings_set_string (fixture->settings, "user-role", "om-engineer");
  iterate ();
  g_assert_cmpuint (witness.n_notified, ==, 0);
  g_assert_false (sitrep_context_get_read_only (fixture->context));

  g_settings_set_string (fixture->settings, "user-role", "supervisor");
  iterate ();
  g_assert_cmpuint (witness.n_notified, ==, 1);
  g_assert_true (witness.agreed);
  g_assert_true (sitrep_context_get_read_only (fixture->context));
  g_assert_cmpstr (sitrep_context_get_role (fixture->context), ==, "supervisor");
  g_assert_true (sitrep_store_get_read_only (fixture->store));
  g_assert_true (sitrep_window_get_read_only (fixture->window));
  g_assert_true (sitrep_incident_view_get_read_only (view));

  g_settings_set_string (fixture->settings, "user-role", "incident-manager");
  iterate ();
  g_assert_cmpuint (witness.n_notified, ==, 2);
  g_assert_true (witness.agreed);
  g_assert_false (sitrep_store_get_read_only (fixture->store));
  g_assert_false (sitrep_window_get_read_only (fixture->window));
  g_assert_false (sitrep_incident_view_get_read_only (view));

  /* The user's name comes from the same place, with a fallback. */
  g_assert_cmpstr (sitrep_context_get_user_name (fixture->context), ==, "Ada");
  g_settings_set_string (fixture->settings, "user-name", "  ");
  g_assert_cmpstr (sitrep_context_get_user_name (fixture->context), !=, "");
  g_assert_cmpstr (sitrep_context_get_user_name (fixture->context), !=, "Ada");

  g_signal_handler_disconnect (fixture->context, handler);
}

/* The first widget of @type inside @widget, depth first. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A visible toplevel holding a widget of @type, and that widget. */
static GtkWidget *
find_in_toplevels (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      GtkWidget *found;

      if (!gtk_widget_get_visible (window))
        continue;
      found = find_descendant (window, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
wait_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  while (!timed_out && !done (data))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
  g_assert_true (done (data));
}

static gboolean
reports_view_loaded (gpointer data)
{
  return !sitrep_reports_view_get_loading (data) && sitrep_reports_view_get_report (data) != NULL;
}

/* The main menu's Monthly Analysis (Ctrl+M) opens the Reports view, which
 * computes the month on a worker and shows it. */
static void
test_monthly_analysis (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *view;

  create (fixture, "Login page fails", 1, NOW - 300);
  open_window (fixture);
  g_assert_null (find_in_toplevels (SITREP_TYPE_REPORTS_VIEW));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.monthly-analysis", NULL));
  iterate ();
  view = find_in_toplevels (SITREP_TYPE_REPORTS_VIEW);
  g_assert_nonnull (view);
  wait_until (reports_view_loaded, view);

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (view)));
  iterate ();
}

/* Overwrites everything after the first page, as a failing disk would. */
static void
damage (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 8192);
  memset (contents + 4096, 0xa5, length - 4096);
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);
}

static gboolean
page_searched (gpointer data)
{
  return !sitrep_recovery_page_get_searching (data);
}

static gboolean
main_window_shown (gpointer data)
{
  GList *windows = gtk_application_get_windows (data);

  return windows != NULL && SITREP_IS_WINDOW (windows->data)
         && gtk_widget_get_visible (windows->data);
}

static void
remove_backups (const char *db_path)
{
  g_autofree char *folder = sitrep_backup_get_folder (db_path);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_unlink (path);
    }
  g_rmdir (folder);
}

/* Started on a damaged database, the application says so, naming the
 * file, and offers its newest good backup; restoring it opens the window
 * on the incidents the backup holds. */
static void
test_damaged_database (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepApplication) app = NULL;
  g_autofree char *path = g_strdup (sitrep_store_get_path (fixture->store));
  g_autofree char *backup = NULL;
  g_autofree char *details = g_strnfill (2000, 'x');
  SitrepRecoveryPage *page;
  SitrepWindow *window;
  AdwStatusPage *status;

  for (int i = 0; i < 20; i++)
    {
      gint64 id = create (fixture, "Mail server down", 2, NOW - 3600 + i);

      g_assert_true (sitrep_store_set_field (fixture->store, id, "details", details, "Ada",
                                             &error));
      g_assert_no_error (error);
    }
  g_assert_true (sitrep_backup_take (path, SITREP_BACKUP_DAILY, fixture->clock, &backup, &error));
  g_assert_no_error (error);

  g_clear_object (&fixture->context);
  g_clear_object (&fixture->store);
  damage (path);

  g_setenv ("SITREP_DATABASE", path, TRUE);
  app = sitrep_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_null (sitrep_application_get_store (app));
  g_application_activate (G_APPLICATION (app));
  iterate ();

  page = SITREP_RECOVERY_PAGE (find_in_toplevels (SITREP_TYPE_RECOVERY_PAGE));
  g_assert_nonnull (page);
  status = ADW_STATUS_PAGE (find_descendant (GTK_WIDGET (page), ADW_TYPE_STATUS_PAGE));
  g_assert_nonnull (strstr (adw_status_page_get_description (status), path));
  wait_until (page_searched, page);
  g_assert_cmpstr (sitrep_recovery_page_get_backup_path (page), ==, backup);

  /* Nothing happens until the user asks. */
  g_assert_null (sitrep_application_get_store (app));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "recovery.restore", NULL));
  wait_until (main_window_shown, app);

  g_assert_nonnull (sitrep_application_get_store (app));
  g_assert_cmpint (sitrep_store_count_incidents (sitrep_application_get_store (app)), ==, 20);
  window = SITREP_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  wait_for_n_items (sitrep_window_get_incident_list (window), 20);
  g_assert_null (find_in_toplevels (SITREP_TYPE_RECOVERY_PAGE));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  g_unsetenv ("SITREP_DATABASE");
  remove_backups (path);
}

/* The row of @id among the rows the list view has bound, or %NULL. */
static SitrepIncidentRow *
find_row (GtkWidget *widget,
          gint64     id)
{
  if (SITREP_IS_INCIDENT_ROW (widget))
    {
      SitrepIncident *shown = sitrep_incident_row_get_incident (SITREP_INCIDENT_ROW (widget));

      return shown != NULL && sitrep_incident_get_id (shown) == id
             ? SITREP_INCIDENT_ROW (widget) : NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      SitrepIncidentRow *row = find_row (child, id);

      if (row != NULL)
        return row;
    }

  return NULL;
}

/* A change made in the detail pane shows in the incident's row of the
 * list at once: its status, and what its next deadline is. */
static void
test_row_follows_change (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SitrepIncidentRow *row;
  gint64 id;

  id = create (fixture, "Payment gateway timeouts", 1, NOW - 60);
  open_window (fixture);
  g_assert_cmpint (sitrep_window_get_incident_id (fixture->window), ==, id);

  row = find_row (GTK_WIDGET (fixture->window), id);
  g_assert_nonnull (row);
  g_assert_cmpint (sitrep_incident_get_status (sitrep_incident_row_get_incident (row)), ==,
                   SITREP_STATUS_NEW);

  g_assert_true (sitrep_store_transition (fixture->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                          SITREP_TIME_NONE, "Ben", NULL, NULL, &error));
  g_assert_no_error (error);
  iterate ();

  row = find_row (GTK_WIDGET (fixture->window), id);
  g_assert_nonnull (row);
  g_assert_cmpint (sitrep_incident_get_status (sitrep_incident_row_get_incident (row)), ==,
                   SITREP_STATUS_ACKNOWLEDGED);

  /* and stays so when the list view binds the row again, as a change of
   * selection makes it do */
  sitrep_window_show_incident (fixture->window, 0);
  iterate ();
  sitrep_window_show_incident (fixture->window, id);
  iterate ();
  row = find_row (GTK_WIDGET (fixture->window), id);
  g_assert_nonnull (row);
  g_assert_cmpint (sitrep_incident_get_status (sitrep_incident_row_get_incident (row)), ==,
                   SITREP_STATUS_ACKNOWLEDGED);
}

/* A new answer to a search shows in the rows the list already has, and
 * the selection follows the incident, not the place. */
static void
test_rows_kept_across_answer (Fixture       *fixture,
                              gconstpointer  data)
{
  SitrepIncidentList *list;
  GtkListView *list_view;
  GtkSelectionModel *selection;
  SitrepIncidentRow *first_row;
  SitrepIncidentRow *last_row;
  GtkEditable *search;
  gint64 first, last, disk;

  create (fixture, "Login page fails", 1, NOW - 300);
  create (fixture, "Slow reports", 2, NOW - 600);
  disk = create (fixture, "Disk full on the database", 2, NOW - 900);
  open_window (fixture);
  list = sitrep_window_get_incident_list (fixture->window);
  list_view = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                            SITREP_TYPE_WINDOW, "list_view"));
  selection = gtk_list_view_get_model (list_view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  first = sitrep_incident_list_get_id (list, 0);
  last = sitrep_incident_list_get_id (list, 2);
  g_assert_cmpint (sitrep_window_get_incident_id (fixture->window), ==, first);
  g_assert_true (gtk_selection_model_is_selected (selection, 0));
  first_row = find_row (GTK_WIDGET (fixture->window), first);
  g_assert_nonnull (first_row);
  g_object_ref (first_row);

  /* The incident on show is not in the answer: the first row shows the
   * one match, and the detail pane keeps its incident. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "search", NULL);
  iterate ();
  search = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                        SITREP_TYPE_WINDOW, "search_entry"));
  gtk_editable_set_text (search, "disk");
  wait_for_n_items (list, 1);
  iterate ();
  g_assert_true (find_row (GTK_WIDGET (fixture->window), disk) == first_row);
  g_assert_null (find_row (GTK_WIDGET (fixture->window), first));
  g_assert_false (gtk_selection_model_is_selected (selection, 0));
  g_assert_cmpint (sitrep_window_get_incident_id (fixture->window), ==, first);

  /* All of them again: the incident on show is selected where it is. */
  gtk_editable_set_text (search, "");
  wait_for_n_items (list, 3);
  iterate ();
  g_assert_true (find_row (GTK_WIDGET (fixture->window), first) == first_row);
  g_assert_true (gtk_selection_model_is_selected (selection, 0));
  g_assert_cmpint (sitrep_window_get_incident_id (fixture->window), ==, first);

  /* The last one on show, and an answer where it comes first: the
   * selection moves with it. */
  sitrep_window_show_incident (fixture->window, last);
  iterate ();
  g_assert_true (gtk_selection_model_is_selected (selection, 2));
  last_row = find_row (GTK_WIDGET (fixture->window), last);
  g_assert_nonnull (last_row);
  gtk_editable_set_text (search, sitrep_incident_get_title (
                           sitrep_incident_row_get_incident (last_row)));
  wait_for_n_items (list, 1);
  iterate ();
  g_assert_true (gtk_selection_model_is_selected (selection, 0));
  g_assert_cmpint (sitrep_window_get_incident_id (fixture->window), ==, last);
  /* the rows before it were removed, its own row stays */
  g_assert_true (find_row (GTK_WIDGET (fixture->window), last) == last_row);

  g_object_unref (first_row);
}

static void
frame_done_cb (GdkFrameClock *frame_clock,
               gboolean      *done)
{
  *done = TRUE;
}

/* Runs the main loop until @widget's window has painted a frame. */
static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (widget);
  gboolean done = FALSE;
  gulong handler = g_signal_connect (frame_clock, "after-paint", G_CALLBACK (frame_done_cb), &done);

  gtk_widget_queue_draw (widget);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (frame_clock, handler);
}

static SitrepIncident *
row_incident (const char *key,
              const char *title)
{
  SitrepIncident *incident = sitrep_incident_new ();

  sitrep_incident_set_id (incident, 1);
  sitrep_incident_set_key (incident, key);
  sitrep_incident_set_title (incident, title);
  sitrep_incident_set_service (incident, "Portal");
  sitrep_incident_set_level (incident, 1);
  return incident;
}

/* The row reads the sizes that do not depend on its text once: a long
 * title still does not widen it, a long key does, and a larger font
 * makes it taller. */
static void
test_row_sizes (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SitrepIncident) first = row_incident ("INC-1", "Short");
  g_autoptr(SitrepIncident) long_title = row_incident ("INC-1", "A title much longer than the "
                                                       "list is wide, which the row cuts short");
  g_autoptr(SitrepIncident) long_key = row_incident ("INC-1234567890123", "Short");
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = sitrep_incident_row_new ();
  int height, taller, width, other;

  gtk_window_set_child (GTK_WINDOW (window), row);
  sitrep_incident_row_set_incident (SITREP_INCIDENT_ROW (row), first, NULL, NOW);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
  gtk_widget_measure (row, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  g_assert_cmpint (height, >, 0);

  sitrep_incident_row_set_incident (SITREP_INCIDENT_ROW (row), long_title, NULL, NOW);
  gtk_widget_measure (row, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &other, NULL, NULL);
  g_assert_cmpint (other, ==, width);

  sitrep_incident_row_set_incident (SITREP_INCIDENT_ROW (row), long_key, NULL, NOW);
  gtk_widget_measure (row, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &other, NULL, NULL);
  g_assert_cmpint (other, >, width);
  gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, -1, NULL, &other, NULL, NULL);
  g_assert_cmpint (other, ==, height);

  gtk_css_provider_load_from_data (provider, "incidentrow label { font-size: 40px; }", -1);
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (row),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_USER);
  /* the new style applies in the next frame */
  wait_for_frame (window);
  gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, -1, NULL, &taller, NULL, NULL);
  gtk_style_context_remove_provider_for_display (gtk_widget_get_display (row),
                                                 GTK_STYLE_PROVIDER (provider));
  g_assert_cmpint (taller, >, height);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Ctrl+F goes to the search and never closes it: a second press, after
 * working in the detail pane, selects the words typed before. */
static void
test_find_keeps_search (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *entry;
  GtkWidget *focus;
  int start, end;

  create (fixture, "Mail delivery stopped", 1, NOW - 3600);
  open_window (fixture);
  entry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                    SITREP_TYPE_WINDOW, "search_entry"));
  g_assert_nonnull (entry);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find", NULL);
  iterate ();
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (focus == entry || (focus != NULL && gtk_widget_is_ancestor (focus, entry)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "mail");
  iterate ();

  gtk_widget_grab_focus (sitrep_window_get_incident_view (fixture->window));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find", NULL);
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "mail");
  g_assert_true (gtk_search_bar_get_search_mode (
    GTK_SEARCH_BAR (gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_BAR))));
  g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (entry), &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  /* Links the resources in; they register themselves at start. */
  g_assert_nonnull (sitrep_get_resource ());

  g_test_add ("/sitrep/window/monthly-analysis", Fixture, NULL,
              fixture_set_up, test_monthly_analysis, fixture_tear_down);
  g_test_add ("/sitrep/window/damaged-database", Fixture, NULL,
              fixture_set_up, test_damaged_database, fixture_tear_down);
  g_test_add ("/sitrep/window/empty-state", Fixture, NULL,
              fixture_set_up, test_empty_state, fixture_tear_down);
  g_test_add ("/sitrep/window/opens-on-first-incident", Fixture, NULL,
              fixture_set_up, test_opens_on_first_incident, fixture_tear_down);
  g_test_add ("/sitrep/window/find-keeps-search", Fixture, NULL,
              fixture_set_up, test_find_keeps_search, fixture_tear_down);
  g_test_add ("/sitrep/window/row-follows-change", Fixture, NULL,
              fixture_set_up, test_row_follows_change, fixture_tear_down);
  g_test_add ("/sitrep/window/rows-kept-across-answer", Fixture, NULL,
              fixture_set_up, test_rows_kept_across_answer, fixture_tear_down);
  g_test_add ("/sitrep/window/row-sizes", Fixture, NULL,
              fixture_set_up, test_row_sizes, fixture_tear_down);
  g_test_add ("/sitrep/window/create-and-select", Fixture, NULL,
              fixture_set_up, test_create_and_select, fixture_tear_down);
  g_test_add ("/sitrep/window/filter-and-search", Fixture, NULL,
              fixture_set_up, test_filter_and_search, fixture_tear_down);
  g_test_add ("/sitrep/window/context-decides-read-only", Fixture, NULL,
              fixture_set_up, test_context_decides_read_only, fixture_tear_down);
  g_test_add ("/sitrep/window/supervisor", Fixture, NULL,
              fixture_set_up, test_supervisor, fixture_tear_down);
  g_test_add ("/sitrep/window/incident-shortcuts-from-list", Fixture, NULL,
              fixture_set_up, test_incident_shortcuts_from_list, fixture_tear_down);
  g_test_add ("/sitrep/window/shortcuts-window", Fixture, NULL,
              fixture_set_up, test_shortcuts_window, fixture_tear_down);
  g_test_add ("/sitrep/window/preferences-policy", Fixture, NULL,
              fixture_set_up, test_preferences_policy, fixture_tear_down);

  return g_test_run ();
}
