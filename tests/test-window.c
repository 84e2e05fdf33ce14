/* test-window.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sitrep-application.h"
#include "sitrep-backup.h"
#include "sitrep-incident-view.h"
#include "sitrep-new-incident-dialog.h"
#include "sitrep-preferences-window.h"
#include "sitrep-recovery-page.h"
#include "sitrep-reports-view.h"
#include "sitrep-transition-dialog.h"
#include "test-gui-common.h"
#include "test-team-common.h"
#include "test-window-common.h"

/*
 * The main window as a whole: the user's role and what it allows, the
 * preferences, the keyboard shortcuts, the windows its menu opens, and
 * the start on a damaged database. test-window-list covers its list of
 * incidents and its detail pane.
 */

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
  gui_test_wait_for_writes (fixture->store);

  g_assert_true (sitrep_window_get_read_only (fixture->window));
  g_assert_true (sitrep_store_get_read_only (fixture->store));
  g_assert_true (sitrep_incident_view_get_read_only (
                   SITREP_INCIDENT_VIEW (sitrep_window_get_incident_view (fixture->window))));

  /* New Incident does nothing, and the store refuses writes. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-incident", NULL);
  gui_test_wait_for_writes (fixture->store);
  g_assert_null (find_in_toplevels (SITREP_TYPE_NEW_INCIDENT_DIALOG));
  g_assert_false (sitrep_store_transition (fixture->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                           NOW, "Ada", NULL, NULL, &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_READ_ONLY_ROLE);

  g_settings_set_string (fixture->settings, "user-role", "incident-manager");
  gui_test_wait_for_writes (fixture->store);
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
  gui_test_wait_for_writes (fixture->store);

  spin = find_policy_spin (GTK_WIDGET (prefs), 1, SITREP_POLICY_WINDOW_RESPONSE);
  g_assert_nonnull (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 10);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (spin)));

  /* Level 1 now has an hour to respond: level 2 comes first. Closing the
   * window writes a change still waiting for the user to pause. */
  gtk_spin_button_set_value (spin, 60);
  gtk_window_destroy (GTK_WINDOW (prefs));
  gui_test_wait_for_writes (fixture->store);

  policy = sitrep_store_get_policy (fixture->store);
  g_assert_cmpint (sitrep_policy_get_minutes (policy, 1, SITREP_POLICY_WINDOW_RESPONSE), ==, 60);
  g_assert_cmpint (sitrep_incident_list_get_id (list, 0), ==, level_2);
  g_assert_cmpint (sitrep_incident_list_get_id (list, 1), ==, level_1);

  /* A supervisor sees the policy but cannot change it. */
  g_settings_set_string (fixture->settings, "user-role", "supervisor");
  prefs = sitrep_preferences_window_new (fixture->context);
  gtk_window_present (GTK_WINDOW (prefs));
  gui_test_wait_for_writes (fixture->store);
  spin = find_policy_spin (GTK_WIDGET (prefs), 1, SITREP_POLICY_WINDOW_RESPONSE);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 60);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (spin)));
  gtk_window_destroy (GTK_WINDOW (prefs));
  gui_test_wait_for_writes (fixture->store);
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
  gui_test_wait_for_writes (fixture->store);
  g_assert_null (find_in_toplevels (SITREP_TYPE_TRANSITION_DIALOG));

  /* The list would take Ctrl+Shift+A to unselect: the window comes first. */
  g_assert_true (press_at_window (fixture, GTK_PHASE_CAPTURE, GDK_KEY_a,
                                  GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  gui_test_wait_for_writes (fixture->store);
  dialog = SITREP_TRANSITION_DIALOG (find_in_toplevels (SITREP_TYPE_TRANSITION_DIALOG));
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gui_test_wait_for_writes (fixture->store);

  /* In a text field the field keeps its editing keys first; what it leaves
   * reaches the window. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  gtk_widget_grab_focus (search_entry);
  gui_test_wait_for_writes (fixture->store);
  g_assert_false (press_at_window (fixture, GTK_PHASE_CAPTURE, GDK_KEY_a,
                                   GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_null (find_in_toplevels (SITREP_TYPE_TRANSITION_DIALOG));
  g_assert_true (press_at_window (fixture, GTK_PHASE_BUBBLE, GDK_KEY_x,
                                  GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  gui_test_wait_for_writes (fixture->store);
  dialog = SITREP_TRANSITION_DIALOG (find_in_toplevels (SITREP_TYPE_TRANSITION_DIALOG));
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gui_test_wait_for_writes (fixture->store);
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
  gui_test_wait_for_writes (fixture->store);
  g_assert_cmpuint (witness.n_notified, ==, 0);
  g_assert_false (sitrep_context_get_read_only (fixture->context));

  g_settings_set_string (fixture->settings, "user-role", "supervisor");
  gui_test_wait_for_writes (fixture->store);
  g_assert_cmpuint (witness.n_notified, ==, 1);
  g_assert_true (witness.agreed);
  g_assert_true (sitrep_context_get_read_only (fixture->context));
  g_assert_cmpstr (sitrep_context_get_role (fixture->context), ==, "supervisor");
  g_assert_true (sitrep_store_get_read_only (fixture->store));
  g_assert_true (sitrep_window_get_read_only (fixture->window));
  g_assert_true (sitrep_incident_view_get_read_only (view));

  g_settings_set_string (fixture->settings, "user-role", "incident-manager");
  gui_test_wait_for_writes (fixture->store);
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
  gui_test_wait_for_writes (fixture->store);
  view = find_in_toplevels (SITREP_TYPE_REPORTS_VIEW);
  g_assert_nonnull (view);
  wait_until (reports_view_loaded, view);

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (view)));
  gui_test_wait_for_writes (fixture->store);
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
  gui_test_damage_database (path);

  g_setenv ("SITREP_DATABASE", path, TRUE);
  app = sitrep_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_null (sitrep_application_get_store (app));
  g_application_activate (G_APPLICATION (app));
  gui_test_wait_for_writes (fixture->store);

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
  gui_test_wait_for_writes (fixture->store);
  g_unsetenv ("SITREP_DATABASE");
  remove_backups (path);
}

/* The visible toplevel showing a status page titled @title, if any. */
static AdwStatusPage *
find_status_page (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      GtkWidget *page;

      if (!gtk_widget_get_visible (window))
        continue;
      page = find_descendant (window, ADW_TYPE_STATUS_PAGE);
      if (page != NULL
          && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (page)), title) == 0)
        return ADW_STATUS_PAGE (page);
    }

  return NULL;
}

static gboolean
could_not_open_shown (gpointer data)
{
  return find_status_page ("Could Not Open the Database") != NULL;
}

static gboolean
connecting_shown (gpointer data)
{
  return find_status_page ("Connecting…") != NULL;
}

/* Started on a team database whose server takes the connection and never
 * answers, the application shows at once that it connects, and the main
 * loop runs while it waits; then it says that the database cannot be
 * reached, without the address's password, and offers to try again. */
static void
test_team_database_silent (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepApplication) app = NULL;
  g_autoptr(GSocketListener) listener = NULL;
  guint port;
  /* long enough that the window is up, with its page, before the wait
   * ends, also under the sanitizers on a loaded machine */
  g_autofree char *silent = store_test_silent_server (5, &port, &listener);
  g_autofree char *address = g_strconcat (silent, " password=s3cret", NULL);
  g_autofree char *where = g_strdup_printf ("team on 127.0.0.1:%u as ann", port);
  AdwStatusPage *page;
  guint ticks = 0;
  guint tick_id;

  g_setenv ("SITREP_DATABASE", address, TRUE);
  app = sitrep_application_new ();
  /* beside the application of the test before, still on the bus */
  g_application_set_application_id (G_APPLICATION (app), "io.github.sitrep.Sitrep.TeamTest");
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  tick_id = g_timeout_add (100, store_test_count_tick, &ticks);
  g_application_activate (G_APPLICATION (app));
  /* not gui_test_drain(): the page's spinner asks for frame after frame,
   * and on a slow machine the drain would last until the wait ended */
  wait_until (connecting_shown, NULL);

  page = find_status_page ("Connecting…");
  g_assert_nonnull (page);
  g_assert_nonnull (strstr (adw_status_page_get_description (page), where));
  g_assert_null (sitrep_application_get_store (app));

  wait_until (could_not_open_shown, NULL);
  g_source_remove (tick_id);
  /* five seconds of waiting for the server, and the window went on */
  g_assert_cmpuint (ticks, >=, 10);
  g_assert_null (find_status_page ("Connecting…"));
  page = find_status_page ("Could Not Open the Database");
  g_assert_nonnull (strstr (adw_status_page_get_description (page), where));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "cannot be reached"));
  g_assert_null (strstr (adw_status_page_get_description (page), "s3cret"));
  g_assert_null (sitrep_application_get_store (app));

  /* trying again connects again */
  g_action_group_activate_action (G_ACTION_GROUP (app), "connect-again", NULL);
  wait_until (connecting_shown, NULL);
  g_assert_null (find_status_page ("Could Not Open the Database"));
  wait_until (could_not_open_shown, NULL);
  g_assert_null (find_status_page ("Connecting…"));

  gtk_window_destroy (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gui_test_wait_for_writes (fixture->store);
  g_unsetenv ("SITREP_DATABASE");
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);

  add_window_test ("/sitrep/window/monthly-analysis", test_monthly_analysis);
  add_window_test ("/sitrep/window/damaged-database", test_damaged_database);
  add_window_test ("/sitrep/window/team-database-silent", test_team_database_silent);
  add_window_test ("/sitrep/window/context-decides-read-only", test_context_decides_read_only);
  add_window_test ("/sitrep/window/supervisor", test_supervisor);
  add_window_test ("/sitrep/window/incident-shortcuts-from-list",
                   test_incident_shortcuts_from_list);
  add_window_test ("/sitrep/window/shortcuts-window", test_shortcuts_window);
  add_window_test ("/sitrep/window/preferences-policy", test_preferences_policy);

  return g_test_run ();
}
