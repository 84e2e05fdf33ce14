/* test-resolve-dialog.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "sitrep-incident-workflow.h"
#include "sitrep-resources.h"
#include "sitrep-transition-dialog.h"
#include "test-gui-common.h"

/*
 * The Resolve dialog asks for the resolution and cause category a level-1/2
 * incident is resolved with, and writes them with the transition; the
 * Close dialog of an escalated incident waits for the owner's confirmation
 * of the team's resolution.
 */

/* 2026-03-02 11:00:00 UTC; the tests run with TZ=UTC. */
#define NOW G_GINT64_CONSTANT (1772449200)

typedef struct
{
  char          *dir;
  SitrepClock   *clock;
  SitrepStore   *store;
  GSettings     *settings;
  SitrepContext *context;
  gint64         id;
} Fixture;

static void
iterate (Fixture *fixture)
{
  gui_test_wait_for_writes (fixture->store);
}

/* A level-@level incident reported two hours ago, acknowledged and
 * recovered, without resolution, cause or root cause. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autofree char *path = NULL;
  int level = GPOINTER_TO_INT (data);

  fixture->dir = g_dir_make_tmp ("sitrep-resolve-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "sitrep.db", NULL);

  fixture->clock = sitrep_clock_new_fake (NOW);
  fixture->store = sitrep_store_open (path, fixture->clock, &error);
  g_assert_no_error (error);

  fixture->settings = g_settings_new (SITREP_SETTINGS_SCHEMA);
  g_settings_set_string (fixture->settings, "user-name", "Ben");
  g_settings_set_string (fixture->settings, "user-role", "incident-manager");
  fixture->context = sitrep_context_new (fixture->store, fixture->settings);

  sitrep_incident_set_title (incident, "Mail is not delivered");
  sitrep_incident_set_service (incident, "Mail");
  sitrep_incident_set_level (incident, level);
  sitrep_incident_set_reported_at (incident, NOW - 7200);
  g_assert_true (sitrep_store_create_incident (fixture->store, incident, "Ana", &error));
  g_assert_no_error (error);
  fixture->id = sitrep_incident_get_id (incident);
  g_assert_true (sitrep_store_transition (fixture->store, fixture->id,
                                          SITREP_TRANSITION_ACKNOWLEDGE, NOW - 3600, "Ana",
                                          NULL, NULL, &error));
  g_assert_true (sitrep_store_transition (fixture->store, fixture->id,
                                          SITREP_TRANSITION_RECOVER, NOW - 1800, "Ana", NULL,
                                          NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  iterate (fixture);
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

static GtkWidget *
child (GtkWidget  *dialog,
       const char *name)
{
  GObject *found = gtk_widget_get_template_child (dialog, SITREP_TYPE_TRANSITION_DIALOG, name);

  g_assert_nonnull (found);
  return GTK_WIDGET (found);
}

/* Whether @name and all its ancestors in @dialog are shown. */
static gboolean
shown (GtkWidget  *dialog,
       const char *name)
{
  for (GtkWidget *widget = child (dialog, name); widget != NULL;
       widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_visible (widget))
      return FALSE;
  return TRUE;
}

static const char *
visible_label (GtkWidget  *dialog,
               const char *name)
{
  if (!shown (dialog, name))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (child (dialog, name)));
}

static void
type_text (GtkWidget  *dialog,
           const char *name,
           const char *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (child (dialog, name));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static SitrepIncident *
get (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  SitrepIncident *incident = sitrep_store_get_incident (fixture->store, fixture->id, &error);

  g_assert_no_error (error);
  return incident;
}

static guint
count_entries (Fixture *fixture)
{
  g_autoptr(GPtrArray) timeline = sitrep_store_list_timeline (fixture->store, fixture->id,
                                                              NULL);

  return timeline->len;
}

static GtkWidget *
open_dialog (Fixture          *fixture,
             SitrepTransition  transition)
{
  g_autoptr(SitrepIncident) incident = get (fixture);
  GtkWidget *dialog = sitrep_transition_dialog_new (NULL, fixture->context, incident,
                                                    transition);

  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  iterate (fixture);
  return dialog;
}

/* Enter in the dialog: the focused widget is activated, or the default
 * widget when the focus cannot be (in a text view, Enter would start a new
 * line; in the window it confirms). The button acts a moment after. */
static void
press_enter (GtkWidget *dialog)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (dialog));
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;

  if (focus == NULL || !gtk_widget_activate (focus))
    gtk_widget_activate_default (dialog);
  while (gtk_widget_get_visible (dialog) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  gui_test_drain ();
}

static void
close_dialog (GtkWidget *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  gui_test_drain ();
}

/* Typed in place: the action waits for a resolution and a real category;
 * Enter writes both with the transition, in the timeline in that order. */
static void
test_resolve_in_place (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char *const details[] = { "resolution", "cause_category", "resolved" };
  g_autoptr(SitrepIncident) after = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  GtkWidget *dialog = open_dialog (fixture, SITREP_TRANSITION_RESOLVE);
  GtkWidget *confirm = child (dialog, "confirm_button");
  AdwComboRow *cause = ADW_COMBO_ROW (child (dialog, "cause_row"));
  guint before = count_entries (fixture);

  g_assert_true (shown (dialog, "resolution_view"));
  g_assert_true (shown (dialog, "cause_row"));
  g_assert_true (shown (dialog, "root_cause_view"));
  g_assert_cmpuint (adw_combo_row_get_selected (cause), ==, SITREP_CAUSE_NONE);
  g_assert_nonnull (strstr (visible_label (dialog, "requirement_label"), "Fill them in below"));
  g_assert_nonnull (visible_label (dialog, "reminder_label"));
  g_assert_false (gtk_widget_get_sensitive (confirm));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) == child (dialog, "resolution_view"));

  /* Enter changes nothing while the rules are not met */
  press_enter (dialog);
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_cmpuint (count_entries (fixture), ==, before);

  type_text (dialog, "resolution_view", "Restarted the mail relay\nand flushed its queue");
  g_assert_false (gtk_widget_get_sensitive (confirm));
  g_assert_nonnull (strstr (visible_label (dialog, "requirement_label"), "Choose one below"));

  adw_combo_row_set_selected (cause, SITREP_CAUSE_UNKNOWN);
  g_assert_false (gtk_widget_get_sensitive (confirm));

  adw_combo_row_set_selected (cause, SITREP_CAUSE_SOFTWARE);
  g_assert_true (gtk_widget_get_sensitive (confirm));
  g_assert_null (visible_label (dialog, "requirement_label"));

  press_enter (dialog);
  g_assert_false (gtk_widget_get_visible (dialog));
  close_dialog (dialog);

  after = get (fixture);
  g_assert_cmpint (sitrep_incident_get_status (after), ==, SITREP_STATUS_RESOLVED);
  g_assert_cmpint (sitrep_incident_get_resolved_at (after), ==, NOW);
  g_assert_cmpstr (sitrep_incident_get_resolution (after), ==,
                   "Restarted the mail relay\nand flushed its queue");
  g_assert_cmpint (sitrep_incident_get_cause_category (after), ==, SITREP_CAUSE_SOFTWARE);
  g_assert_null (sitrep_incident_get_root_cause (after));

  timeline = sitrep_store_list_timeline (fixture->store, fixture->id, NULL);
  g_assert_cmpuint (timeline->len, ==, before + 3);
  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (timeline, before + i);

      g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==,
                       i < 2 ? SITREP_ENTRY_KIND_FIELD : SITREP_ENTRY_KIND_STATUS);
      g_assert_cmpstr (sitrep_timeline_entry_get_detail (entry), ==, details[i]);
      g_assert_cmpstr (sitrep_timeline_entry_get_author (entry), ==, "Ben");
    }
}

/* Ctrl+Enter from the root cause: it is written too, and no longer owed. */
static void
test_resolve_root_cause (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SitrepIncident) after = NULL;
  GtkWidget *dialog;

  g_assert_true (sitrep_store_set_field (fixture->store, fixture->id, "resolution",
                                         "Restarted the relay", "Ana", NULL));
  dialog = open_dialog (fixture, SITREP_TRANSITION_RESOLVE);

  /* the resolution is there: the focus goes to the category */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) == child (dialog, "cause_row"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (dialog, "cause_row")),
                              SITREP_CAUSE_NETWORK);
  type_text (dialog, "root_cause_view", "A route was withdrawn");
  g_assert_null (visible_label (dialog, "reminder_label"));
  gtk_widget_grab_focus (child (dialog, "root_cause_view"));
  gtk_widget_activate_action (dialog, "transition.confirm", NULL);
  iterate (fixture);
  g_assert_false (gtk_widget_get_visible (dialog));
  close_dialog (dialog);

  after = get (fixture);
  g_assert_cmpint (sitrep_incident_get_status (after), ==, SITREP_STATUS_RESOLVED);
  g_assert_cmpstr (sitrep_incident_get_resolution (after), ==, "Restarted the relay");
  g_assert_cmpint (sitrep_incident_get_cause_category (after), ==, SITREP_CAUSE_NETWORK);
  g_assert_cmpstr (sitrep_incident_get_root_cause (after), ==, "A route was withdrawn");
}

/* Escape after typing everything: nothing is written. */
static void
test_resolve_escape (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SitrepIncident) after = NULL;
  GtkWidget *dialog = open_dialog (fixture, SITREP_TRANSITION_RESOLVE);
  guint before = count_entries (fixture);

  type_text (dialog, "resolution_view", "Restarted the relay");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (dialog, "cause_row")), SITREP_CAUSE_DATA);
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "confirm_button")));
  gtk_widget_activate_action (dialog, "window.close", NULL);
  iterate (fixture);
  g_assert_false (gtk_widget_get_visible (dialog));
  close_dialog (dialog);

  after = get (fixture);
  g_assert_cmpint (sitrep_incident_get_status (after), ==, SITREP_STATUS_RECOVERED);
  g_assert_null (sitrep_incident_get_resolution (after));
  g_assert_cmpint (sitrep_incident_get_cause_category (after), ==, SITREP_CAUSE_NONE);
  g_assert_cmpuint (count_entries (fixture), ==, before);
}

/* When the policy relaxes the rule the fields are offered, but optional. */
static void
test_resolve_relaxed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_copy (sitrep_store_get_policy (fixture->store));
  g_autoptr(SitrepIncident) after = NULL;
  GtkWidget *dialog;

  sitrep_policy_set_rule (policy, SITREP_RULE_RESOLVE_NEEDS_CAUSE, FALSE);
  g_assert_true (sitrep_store_set_policy (fixture->store, policy, "Ben", NULL));

  dialog = open_dialog (fixture, SITREP_TRANSITION_RESOLVE);
  g_assert_true (shown (dialog, "resolution_view"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (dialog, "resolution_heading"))), ==,
                   "Resol_ution (optional)");
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "confirm_button")));
  gtk_widget_activate_action (dialog, "transition.confirm", NULL);
  iterate (fixture);
  close_dialog (dialog);

  after = get (fixture);
  g_assert_cmpint (sitrep_incident_get_status (after), ==, SITREP_STATUS_RESOLVED);
  g_assert_null (sitrep_incident_get_resolution (after));
}

/* Closing an escalated incident waits for the owner's confirmation; the
 * store records it as before. */
static void
test_close_confirms_team (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(SitrepIncident) after = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  GtkWidget *dialog;
  GtkWidget *confirm;
  GtkWidget *check;
  SitrepTimelineEntry *entry;

  g_assert_true (sitrep_store_assign_team (fixture->store, fixture->id, "Developers",
                                           NOW - 1700, "Ana", NULL, NULL));
  g_assert_true (sitrep_store_record_team_resolved (fixture->store, fixture->id,
                                                    "Patched the spam filter", NOW - 1600,
                                                    "Ana", NULL));
  g_assert_true (sitrep_store_transition (fixture->store, fixture->id,
                                          SITREP_TRANSITION_RESOLVE, NOW - 600, "Ana", NULL,
                                          NULL, NULL));

  /* someone else owns it */
  g_assert_true (sitrep_store_set_owner (fixture->store, fixture->id, "Ana", "Ana", NULL));
  dialog = open_dialog (fixture, SITREP_TRANSITION_CLOSE);
  check = child (dialog, "team_confirm_check");
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), ==,
                   "The owner, Ana, con_firmed the team's resolution");
  close_dialog (dialog);

  g_assert_true (sitrep_store_set_owner (fixture->store, fixture->id, "Ben", "Ben", NULL));
  dialog = open_dialog (fixture, SITREP_TRANSITION_CLOSE);
  confirm = child (dialog, "confirm_button");
  check = child (dialog, "team_confirm_check");
  g_assert_true (shown (dialog, "team_group"));
  g_assert_cmpstr (visible_label (dialog, "team_resolution_label"), ==,
                   "Developers resolved: Patched the spam filter");
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), ==,
                   "I, Ben, con_firm the team's resolution");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_false (gtk_widget_get_sensitive (confirm));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) == check);

  gtk_widget_activate_action (dialog, "transition.confirm", NULL);
  iterate (fixture);
  g_assert_true (gtk_widget_get_visible (dialog));
  after = get (fixture);
  g_assert_cmpint (sitrep_incident_get_status (after), ==, SITREP_STATUS_RESOLVED);
  g_clear_object (&after);

  /* Enter on the check ticks it; then the action is available */
  press_enter (dialog);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_true (gtk_widget_get_sensitive (confirm));
  g_signal_emit_by_name (confirm, "clicked");
  iterate (fixture);
  close_dialog (dialog);

  after = get (fixture);
  g_assert_cmpint (sitrep_incident_get_status (after), ==, SITREP_STATUS_CLOSED);
  timeline = sitrep_store_list_timeline (fixture->store, fixture->id, NULL);
  entry = g_ptr_array_index (timeline, timeline->len - 2);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_TEAM);
  g_assert_cmpstr (sitrep_timeline_entry_get_detail (entry), ==, "confirmed");
}

/* A Close without an escalation asks for nothing more. */
static void
test_close_without_team (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *dialog;

  g_assert_true (sitrep_store_transition (fixture->store, fixture->id,
                                          SITREP_TRANSITION_RESOLVE, NOW - 600, "Ana", NULL,
                                          NULL, NULL));
  dialog = open_dialog (fixture, SITREP_TRANSITION_CLOSE);
  g_assert_false (shown (dialog, "team_group"));
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "confirm_button")));
  close_dialog (dialog);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  adw_init ();
  g_resources_register (sitrep_get_resource ());

#define ADD(path, level, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (level), fixture_set_up, func, fixture_tear_down)

  ADD ("/sitrep/resolve-dialog/in-place", 1, test_resolve_in_place);
  ADD ("/sitrep/resolve-dialog/root-cause", 2, test_resolve_root_cause);
  ADD ("/sitrep/resolve-dialog/escape", 1, test_resolve_escape);
  ADD ("/sitrep/resolve-dialog/relaxed", 1, test_resolve_relaxed);
  ADD ("/sitrep/resolve-dialog/close-confirms-team", 3, test_close_confirms_team);
  ADD ("/sitrep/resolve-dialog/close-without-team", 3, test_close_without_team);

#undef ADD

  return g_test_run ();
}
