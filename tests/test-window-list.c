/* test-window-list.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sitrep-incident-row.h"
#include "sitrep-incident-view.h"
#include "sitrep-new-incident-dialog.h"
#include "test-gui-common.h"
#include "test-window-common.h"

/*
 * The main window's list of incidents and its detail pane: what it opens
 * on, a new incident, the filters, the sort and the search, and the rows
 * that follow their incidents.
 */

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
  gui_test_wait_for_writes (fixture->store);
  wait_for_answer (list);

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
  gui_test_wait_for_writes (fixture->store);
  dialog = SITREP_NEW_INCIDENT_DIALOG (find_in_toplevels (SITREP_TYPE_NEW_INCIDENT_DIALOG));
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
  gui_test_wait_for_writes (fixture->store);

  g_assert_null (find_in_toplevels (SITREP_TYPE_NEW_INCIDENT_DIALOG));
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
  gui_test_wait_for_writes (fixture->store);
  g_assert_cmpint (sitrep_window_get_incident_id (fixture->window), ==, first);
  g_assert_cmpint (sitrep_incident_view_get_incident_id (SITREP_INCIDENT_VIEW (view)), ==, first);
}

/* Shows the search bar, as the window's "search" action does, and
 * returns its entry. */
static GtkEditable *
open_search (Fixture *fixture)
{
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "search", NULL);
  gui_test_wait_for_writes (fixture->store);
  return GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                      SITREP_TYPE_WINDOW, "search_entry"));
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
  wait_for_answer (list);
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
  search = open_search (fixture);
  gtk_editable_set_text (search, "login");
  wait_for_n_items (list, 2);

  gtk_editable_set_text (search, "nothing matches this");
  wait_for_n_items (list, 0);
  g_assert_cmpstr (visible_page (fixture, "list_stack"), ==, "no-results");
  g_assert_cmpstr (visible_page (fixture, "main_stack"), ==, "incidents");
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
  gui_test_wait_for_writes (fixture->store);

  row = find_row (GTK_WIDGET (fixture->window), id);
  g_assert_nonnull (row);
  g_assert_cmpint (sitrep_incident_get_status (sitrep_incident_row_get_incident (row)), ==,
                   SITREP_STATUS_ACKNOWLEDGED);

  /* and stays so when the list view binds the row again, as a change of
   * selection makes it do */
  sitrep_window_show_incident (fixture->window, 0);
  gui_test_wait_for_writes (fixture->store);
  sitrep_window_show_incident (fixture->window, id);
  gui_test_wait_for_writes (fixture->store);
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
  search = open_search (fixture);
  gtk_editable_set_text (search, "disk");
  wait_for_n_items (list, 1);
  gui_test_wait_for_writes (fixture->store);
  g_assert_true (find_row (GTK_WIDGET (fixture->window), disk) == first_row);
  g_assert_null (find_row (GTK_WIDGET (fixture->window), first));
  g_assert_false (gtk_selection_model_is_selected (selection, 0));
  g_assert_cmpint (sitrep_window_get_incident_id (fixture->window), ==, first);

  /* All of them again: the incident on show is selected where it is. */
  gtk_editable_set_text (search, "");
  wait_for_n_items (list, 3);
  gui_test_wait_for_writes (fixture->store);
  g_assert_true (find_row (GTK_WIDGET (fixture->window), first) == first_row);
  g_assert_true (gtk_selection_model_is_selected (selection, 0));
  g_assert_cmpint (sitrep_window_get_incident_id (fixture->window), ==, first);

  /* The last one on show, and an answer where it comes first: the
   * selection moves with it. */
  sitrep_window_show_incident (fixture->window, last);
  gui_test_wait_for_writes (fixture->store);
  g_assert_true (gtk_selection_model_is_selected (selection, 2));
  last_row = find_row (GTK_WIDGET (fixture->window), last);
  g_assert_nonnull (last_row);
  gtk_editable_set_text (search, sitrep_incident_get_title (
                           sitrep_incident_row_get_incident (last_row)));
  wait_for_n_items (list, 1);
  gui_test_wait_for_writes (fixture->store);
  g_assert_true (gtk_selection_model_is_selected (selection, 0));
  g_assert_cmpint (sitrep_window_get_incident_id (fixture->window), ==, last);
  /* the rows before it were removed, its own row stays */
  g_assert_true (find_row (GTK_WIDGET (fixture->window), last) == last_row);

  g_object_unref (first_row);
}

/* Scrolls the list to @fraction of the way down, as a user does. */
static GtkAdjustment *
scroll_list (Fixture *fixture,
             double   fraction)
{
  GtkWidget *list_view = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                                    SITREP_TYPE_WINDOW,
                                                                    "list_view"));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  double range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  SitrepIncidentList *list = sitrep_window_get_incident_list (fixture->window);

  /* an answer still to come would take the list to the top */
  g_assert_false (sitrep_incident_list_get_loading (list));
  g_assert_cmpfloat (range, >, 0.0);
  gtk_adjustment_set_value (adjustment, range * fraction);
  gui_test_wait_for_writes (fixture->store);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0.0);
  return adjustment;
}

/* A search, a filter or an order of the user's shows its answer from the
 * top, wherever the list was scrolled before. */
static void
test_answer_from_top (Fixture       *fixture,
                      gconstpointer  data)
{
  SitrepIncidentList *list;
  GtkAdjustment *adjustment;
  GtkEditable *search;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *disk = g_strdup_printf ("Disk full on node %u", i);
      g_autofree char *login = g_strdup_printf ("Login fails in region %u", i);

      create (fixture, disk, 2, NOW - 60 * (2 * i + 1));
      create (fixture, login, 2, NOW - 60 * (2 * i + 2));
    }
  open_window (fixture);
  list = sitrep_window_get_incident_list (fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 60);

  adjustment = scroll_list (fixture, 0.5);
  search = open_search (fixture);
  gtk_editable_set_text (search, "disk");
  wait_for_n_items (list, 30);
  wait_for_answer (list);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==,
                     gtk_adjustment_get_lower (adjustment));
  gtk_editable_set_text (search, "");
  wait_for_n_items (list, 60);
  wait_for_answer (list);

  scroll_list (fixture, 0.5);
  g_settings_set_string (fixture->settings, "list-sort", "level");
  wait_for_answer (list);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==,
                     gtk_adjustment_get_lower (adjustment));

  scroll_list (fixture, 0.5);
  g_settings_set_string (fixture->settings, "list-filter", "all");
  wait_for_answer (list);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==,
                     gtk_adjustment_get_lower (adjustment));
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

/* The list pane keeps its width whatever its subtitle says: a long owner
 * in the filter, or a count that grows, does not push the divider into
 * the incident on show. */
static void
test_list_pane_keeps_width (Fixture       *fixture,
                            gconstpointer  data)
{
  SitrepIncidentList *list;
  AdwWindowTitle *list_title;
  GtkWidget *pane;
  GtkWidget *view;
  int pane_width, view_width;

  create (fixture, "Login page fails", 1, NOW - 300);
  create (fixture, "Slow reports", 2, NOW - 600);
  open_window (fixture);
  list = sitrep_window_get_incident_list (fixture->window);
  pane = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                    SITREP_TYPE_WINDOW, "list_stack"));
  list_title = ADW_WINDOW_TITLE (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                                SITREP_TYPE_WINDOW, "list_title"));
  view = sitrep_window_get_incident_view (fixture->window);
  wait_for_frame (GTK_WIDGET (fixture->window));
  pane_width = gtk_widget_get_width (pane);
  view_width = gtk_widget_get_width (view);
  g_assert_cmpint (pane_width, >, 0);
  g_assert_cmpint (view_width, >, 0);

  g_settings_set_string (fixture->settings, "list-filter",
                         "all owner=Bartholomew%20Featherstonehaugh-Montgomery-Worthington");
  wait_for_n_items (list, 0);
  wait_for_answer (list);
  wait_for_frame (GTK_WIDGET (fixture->window));
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (list_title), "Featherstonehaugh"));
  /* what the narrower subtitle may not show, its tooltip does */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (list_title)), ==,
                   adw_window_title_get_subtitle (list_title));
  g_assert_cmpint (gtk_widget_get_width (pane), ==, pane_width);
  g_assert_cmpint (gtk_widget_get_width (view), ==, view_width);
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
  gui_test_wait_for_writes (fixture->store);
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

/* Whether @widget, or a widget inside it, is a label on show that reads
 * @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;

  return FALSE;
}

/* A row whose incident the list still reads from a team database (it
 * has only its id) says so instead of empty labels and a level 0; given
 * the incident, it shows it. */
static void
test_row_reading (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(SitrepIncident) reading = sitrep_incident_new ();
  g_autoptr(SitrepIncident) read = row_incident ("INC-7", "Mail is slow");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = sitrep_incident_row_new ();

  sitrep_incident_set_id (reading, 7);
  gtk_window_set_child (GTK_WINDOW (window), row);
  sitrep_incident_row_set_incident (SITREP_INCIDENT_ROW (row), reading, NULL, NOW);
  gtk_window_present (GTK_WINDOW (window));
  gui_test_wait_for_writes (fixture->store);
  g_assert_true (shows_label (row, "Reading…"));
  g_assert_false (shows_label (row, "L0"));

  sitrep_incident_row_set_incident (SITREP_INCIDENT_ROW (row), read, NULL, NOW);
  g_assert_false (shows_label (row, "Reading…"));
  g_assert_true (shows_label (row, "INC-7"));
  g_assert_true (shows_label (row, "Mail is slow"));

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
  gui_test_wait_for_writes (fixture->store);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (focus == entry || (focus != NULL && gtk_widget_is_ancestor (focus, entry)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "mail");
  gui_test_wait_for_writes (fixture->store);

  gtk_widget_grab_focus (sitrep_window_get_incident_view (fixture->window));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find", NULL);
  gui_test_wait_for_writes (fixture->store);
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
  window_test_init (&argc, &argv);

  add_window_test ("/sitrep/window-list/empty-state", test_empty_state);
  add_window_test ("/sitrep/window-list/opens-on-first-incident", test_opens_on_first_incident);
  add_window_test ("/sitrep/window-list/find-keeps-search", test_find_keeps_search);
  add_window_test ("/sitrep/window-list/row-follows-change", test_row_follows_change);
  add_window_test ("/sitrep/window-list/rows-kept-across-answer", test_rows_kept_across_answer);
  add_window_test ("/sitrep/window-list/row-sizes", test_row_sizes);
  add_window_test ("/sitrep/window-list/list-pane-keeps-width", test_list_pane_keeps_width);
  add_window_test ("/sitrep/window-list/row-reading", test_row_reading);
  add_window_test ("/sitrep/window-list/create-and-select", test_create_and_select);
  add_window_test ("/sitrep/window-list/filter-and-search", test_filter_and_search);
  add_window_test ("/sitrep/window-list/answer-from-top", test_answer_from_top);

  return g_test_run ();
}
