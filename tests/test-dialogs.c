/* test-dialogs.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "sitrep-complaint-dialog.h"
#include "sitrep-incident-view.h"
#include "sitrep-new-incident-dialog.h"
#include "sitrep-preferences-window.h"
#include "sitrep-report-dialog.h"
#include "sitrep-resources.h"
#include "sitrep-transition-dialog.h"
#include "test-gui-common.h"

/* 2026-03-02 11:00:00 UTC; the tests run with TZ=UTC. */
#define NOW G_GINT64_CONSTANT (1772449200)

typedef struct
{
  char        *dir;
  SitrepClock   *clock;
  SitrepStore   *store;
  GSettings     *settings;
  SitrepContext *context;
} Fixture;

static void
iterate (Fixture *fixture)
{
  gui_test_wait_for_writes (fixture->store);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("sitrep-dialogs-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "sitrep.db", NULL);

  fixture->clock = sitrep_clock_new_fake (NOW);
  fixture->store = sitrep_store_open (path, fixture->clock, &error);
  g_assert_no_error (error);

  fixture->settings = g_settings_new (SITREP_SETTINGS_SCHEMA);
  g_settings_set_string (fixture->settings, "user-name", "Ben");
  g_settings_set_string (fixture->settings, "user-role", "incident-manager");
  fixture->context = sitrep_context_new (fixture->store, fixture->settings);
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
child (GtkWidget  *widget,
       GType       type,
       const char *name)
{
  GObject *found = gtk_widget_get_template_child (widget, type, name);

  g_assert_nonnull (found);
  return GTK_WIDGET (found);
}

static void
set_text (GtkWidget  *dialog,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, G_OBJECT_TYPE (dialog), name)), text);
}

static void
set_buffer (GtkWidget  *dialog,
            const char *name,
            const char *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (child (dialog, G_OBJECT_TYPE (dialog), name));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

/* A label the user can see, and what it says. */
static const char *
visible_label (GtkWidget  *dialog,
               const char *name)
{
  GtkWidget *label = child (dialog, G_OBJECT_TYPE (dialog), name);

  if (!gtk_widget_get_visible (label))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (label));
}

static SitrepNewIncidentDialog *
open_new_incident (Fixture *fixture)
{
  SitrepNewIncidentDialog *dialog = sitrep_new_incident_dialog_new (fixture->context);

  gtk_window_present (GTK_WINDOW (dialog));
  iterate (fixture);
  return dialog;
}

/* A reported time in the future is explained beside the times, Ctrl+Enter
 * puts the cursor on it, and nothing is created. */
static void
test_new_incident_future (Fixture       *fixture,
                          gconstpointer  data)
{
  SitrepNewIncidentDialog *dialog = open_new_incident (fixture);
  GtkWidget *widget = GTK_WIDGET (dialog);
  GtkWidget *reported = child (widget, SITREP_TYPE_NEW_INCIDENT_DIALOG, "reported_row");
  GtkWidget *focus;
  const char *message;

  set_text (widget, "title_row", "Checkout page returns errors");
  set_text (widget, "service_row", "Web shop");
  g_assert_true (sitrep_new_incident_dialog_is_valid (dialog));

  set_text (widget, "reported_row", "2026-03-02 12:30");
  g_assert_false (sitrep_new_incident_dialog_is_valid (dialog));
  message = visible_label (widget, "time_error_label");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "Reported time is in the future"));
  g_assert_true (gtk_widget_has_css_class (reported, "error"));

  /* Ctrl+Enter does not create; it shows the field to correct. */
  gtk_widget_activate_action (widget, "dialog.try-create", NULL);
  iterate (fixture);
  g_assert_cmpint (sitrep_store_count_incidents (fixture->store), ==, 0);
  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_nonnull (focus);
  g_assert_true (focus == reported || gtk_widget_is_ancestor (focus, reported));

  g_assert_false (sitrep_new_incident_dialog_create (dialog));
  g_assert_cmpint (sitrep_store_count_incidents (fixture->store), ==, 0);

  /* The fault cannot begin after it was reported. */
  set_text (widget, "reported_row", "2026-03-02 10:30");
  set_text (widget, "occurred_row", "2026-03-02 10:40");
  g_assert_false (sitrep_new_incident_dialog_is_valid (dialog));
  message = visible_label (widget, "time_error_label");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "cannot begin after it was reported"));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Ctrl+Enter on an empty dialog says what is missing instead of nothing. */
static void
test_new_incident_required (Fixture       *fixture,
                            gconstpointer  data)
{
  SitrepNewIncidentDialog *dialog = open_new_incident (fixture);
  GtkWidget *widget = GTK_WIDGET (dialog);
  GtkWidget *title = child (widget, SITREP_TYPE_NEW_INCIDENT_DIALOG, "title_row");
  GtkWidget *focus;
  const char *message;

  /* Nothing is marked wrong before the user has done anything. */
  g_assert_null (visible_label (widget, "required_label"));
  g_assert_false (gtk_widget_has_css_class (title, "error"));

  gtk_widget_activate_action (widget, "dialog.try-create", NULL);
  iterate (fixture);
  message = visible_label (widget, "required_label");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "Enter a title"));
  g_assert_nonnull (strstr (message, "affected service"));
  g_assert_true (gtk_widget_has_css_class (title, "error"));
  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_true (focus == title || gtk_widget_is_ancestor (focus, title));
  g_assert_cmpint (sitrep_store_count_incidents (fixture->store), ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
created_cb (SitrepNewIncidentDialog *dialog,
            gint64                   id,
            gint64                  *out)
{
  *out = id;
}

/* A complete ticket is stored once, with every field as typed. */
static void
test_new_incident_valid (Fixture       *fixture,
                         gconstpointer  data)
{
  SitrepNewIncidentDialog *dialog = open_new_incident (fixture);
  GtkWidget *widget = GTK_WIDGET (dialog);
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 signalled = 0;

  g_signal_connect (dialog, "created", G_CALLBACK (created_cb), &signalled);

  set_text (widget, "title_row", "  Checkout page returns errors ");
  set_text (widget, "service_row", "Web shop");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (widget, SITREP_TYPE_NEW_INCIDENT_DIALOG,
                                                        "level1_check")), TRUE);
  set_text (widget, "reporter_name_row", "Hotline desk");
  set_text (widget, "contact_row", "+86 21 5550 0100");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (widget, SITREP_TYPE_NEW_INCIDENT_DIALOG,
                                                    "channel_row")),
                              SITREP_CHANNEL_MONITORING);
  set_buffer (widget, "symptoms_view", "HTTP 500 on checkout\nfor every customer");
  set_buffer (widget, "details_view", "Started after the 10:00 release.");
  set_text (widget, "reported_row", "2026-03-02 10:30");
  set_text (widget, "occurred_row", "2026-03-02 10:15");
  set_text (widget, "owner_row", "Mei Lin");
  g_assert_true (sitrep_new_incident_dialog_is_valid (dialog));
  g_assert_null (visible_label (widget, "time_error_label"));

  gtk_widget_activate_action (widget, "dialog.try-create", NULL);
  iterate (fixture);

  g_assert_cmpint (sitrep_store_count_incidents (fixture->store), ==, 1);
  ids = sitrep_store_list_all_ids (fixture->store, NULL);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (signalled, ==, g_array_index (ids, gint64, 0));

  incident = sitrep_store_get_incident (fixture->store, g_array_index (ids, gint64, 0), NULL);
  g_assert_nonnull (incident);
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Checkout page returns errors");
  g_assert_cmpstr (sitrep_incident_get_service (incident), ==, "Web shop");
  g_assert_cmpint (sitrep_incident_get_level (incident), ==, 1);
  g_assert_cmpint (sitrep_incident_get_status (incident), ==, SITREP_STATUS_NEW);
  g_assert_cmpstr (sitrep_incident_get_reporter_name (incident), ==, "Hotline desk");
  g_assert_cmpstr (sitrep_incident_get_reporter_contact (incident), ==, "+86 21 5550 0100");
  g_assert_cmpint (sitrep_incident_get_reporter_channel (incident), ==, SITREP_CHANNEL_MONITORING);
  g_assert_cmpstr (sitrep_incident_get_symptoms (incident), ==,
                   "HTTP 500 on checkout\nfor every customer");
  g_assert_cmpstr (sitrep_incident_get_details (incident), ==, "Started after the 10:00 release.");
  g_assert_cmpint (sitrep_incident_get_reported_at (incident), ==, NOW - 1800);
  g_assert_cmpint (sitrep_incident_get_occurred_at (incident), ==, NOW - 2700);
  g_assert_cmpstr (sitrep_incident_get_owner (incident), ==, "Mei Lin");
}

/* Untouched, both times mean the moment the dialog opened. */
static void
test_new_incident_now (Fixture       *fixture,
                       gconstpointer  data)
{
  SitrepNewIncidentDialog *dialog = open_new_incident (fixture);
  GtkWidget *widget = GTK_WIDGET (dialog);
  g_autoptr(SitrepIncident) incident = NULL;
  gint64 id = 0;

  set_text (widget, "title_row", "Mail delayed");
  set_text (widget, "service_row", "Mail");
  g_signal_connect (dialog, "created", G_CALLBACK (created_cb), &id);
  g_assert_true (sitrep_new_incident_dialog_create (dialog));
  iterate (fixture);
  g_assert_cmpint (id, >, 0);

  incident = sitrep_store_get_incident (fixture->store, id, NULL);
  g_assert_cmpint (sitrep_incident_get_reported_at (incident), ==, NOW);
  g_assert_cmpint (sitrep_incident_get_occurred_at (incident), ==, NOW);
  g_assert_cmpint (sitrep_incident_get_level (incident), ==, 2);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

typedef struct
{
  GtkWindow          *window;
  SitrepIncidentView *view;
  SitrepIncident     *incident;
} Shown;

static void
show_incident (Fixture *fixture,
               Shown   *shown)
{
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(GError) error = NULL;

  sitrep_incident_set_title (incident, "Login fails after the release");
  sitrep_incident_set_service (incident, "Customer portal");
  sitrep_incident_set_level (incident, 2);
  sitrep_incident_set_occurred_at (incident, NOW - 7200);
  sitrep_incident_set_reported_at (incident, NOW - 7200);
  sitrep_store_create_incident (fixture->store, incident, "Ana", &error);
  g_assert_no_error (error);

  shown->view = SITREP_INCIDENT_VIEW (sitrep_incident_view_new ());
  g_object_set (shown->view,
                "context", fixture->context,
                "incident-id", sitrep_incident_get_id (incident),
                NULL);
  shown->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (shown->window, GTK_WIDGET (shown->view));
  gtk_window_present (shown->window);
  iterate (fixture);

  shown->incident = sitrep_store_get_incident (fixture->store, sitrep_incident_get_id (incident),
                                               NULL);
}

static void
hide_incident (Shown *shown)
{
  gtk_window_destroy (shown->window);
  g_clear_object (&shown->incident);
  gui_test_drain ();
}

/* The incident was reported at 09:00 and it is now 11:00: acknowledging it
 * at 08:30 is refused beside the time, at 09:30 it is recorded then. */
static void
test_transition_backdate (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(SitrepIncident) after = NULL;
  Shown shown = { 0 };
  GtkWidget *dialog;
  GtkWidget *confirm;
  const char *message;

  show_incident (fixture, &shown);
  dialog = sitrep_transition_dialog_new (shown.window, fixture->context, shown.incident,
                                         SITREP_TRANSITION_ACKNOWLEDGE);
  gtk_window_present (GTK_WINDOW (dialog));
  iterate (fixture);

  confirm = child (dialog, SITREP_TYPE_TRANSITION_DIALOG, "confirm_button");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (confirm)), ==, "_Acknowledge");
  g_assert_true (gtk_widget_get_sensitive (confirm));
  g_assert_null (visible_label (dialog, "error_label"));

  set_text (dialog, "time_row", "2026-03-02 08:30");
  message = visible_label (dialog, "error_label");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "before the incident was reported"));
  g_assert_false (gtk_widget_get_sensitive (confirm));
  g_signal_emit_by_name (confirm, "clicked");
  iterate (fixture);
  after = sitrep_store_get_incident (fixture->store, sitrep_incident_get_id (shown.incident), NULL);
  g_assert_cmpint (sitrep_incident_get_status (after), ==, SITREP_STATUS_NEW);
  g_clear_object (&after);

  set_text (dialog, "time_row", "2026-03-02 11:30");
  message = visible_label (dialog, "error_label");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "in the future"));
  g_assert_false (gtk_widget_get_sensitive (confirm));

  set_text (dialog, "time_row", "half past nine");
  g_assert_nonnull (visible_label (dialog, "error_label"));
  g_assert_false (gtk_widget_get_sensitive (confirm));

  set_text (dialog, "time_row", "2026-03-02 09:30");
  g_assert_null (visible_label (dialog, "error_label"));
  g_assert_true (gtk_widget_get_sensitive (confirm));
  g_signal_emit_by_name (confirm, "clicked");
  iterate (fixture);

  after = sitrep_store_get_incident (fixture->store, sitrep_incident_get_id (shown.incident), NULL);
  g_assert_cmpint (sitrep_incident_get_status (after), ==, SITREP_STATUS_ACKNOWLEDGED);
  g_assert_cmpint (sitrep_incident_get_acknowledged_at (after), ==, NOW - 5400);

  hide_incident (&shown);
}

/* The dialog opened for @transition on the incident as stored now. */
static GtkWidget *
open_transition (Fixture          *fixture,
                 Shown            *shown,
                 SitrepTransition  transition)
{
  g_autoptr(SitrepIncident) incident =
    sitrep_store_get_incident (fixture->store, sitrep_incident_get_id (shown->incident), NULL);
  GtkWidget *dialog = sitrep_transition_dialog_new (shown->window, fixture->context, incident,
                                                    transition);

  gtk_window_present (GTK_WINDOW (dialog));
  iterate (fixture);
  return dialog;
}

static SitrepStatus
shown_status (Fixture *fixture,
              Shown   *shown)
{
  g_autoptr(SitrepIncident) incident =
    sitrep_store_get_incident (fixture->store, sitrep_incident_get_id (shown->incident), NULL);

  return sitrep_incident_get_status (incident);
}

static const char *
last_text (Fixture *fixture,
           Shown   *shown)
{
  static char *text;
  g_autoptr(GPtrArray) timeline =
    sitrep_store_list_timeline (fixture->store, sitrep_incident_get_id (shown->incident), NULL);

  g_clear_pointer (&text, g_free);
  text = g_strdup (sitrep_timeline_entry_get_text (g_ptr_array_index (timeline,
                                                                      timeline->len - 1)));
  return text;
}

static gboolean
give_up_enter_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Enter in the dialog: the focused widget is activated (a button is
 * pressed, a check button chosen, an entry activates the default), or
 * the default widget when nothing activatable has the focus. A button
 * shows itself pressed a moment before it acts, so this waits for the
 * dialog to close, or a second when Enter is to change nothing. */
static void
press_enter (GtkWidget *dialog)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (dialog));
  gboolean gave_up = FALSE;
  guint give_up;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  if (focus == NULL || !gtk_widget_activate (focus))
    gtk_widget_activate_default (dialog);

  give_up = g_timeout_add (1000, give_up_enter_cb, &gave_up);
  while (dialog != NULL && !gave_up)
    g_main_context_iteration (NULL, TRUE);
  if (!gave_up)
    g_source_remove (give_up);
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gui_test_drain ();
}

/* Resolving a level-2 incident needs its resolution and cause category,
 * which a comment does not replace; the root cause may follow, with a
 * reminder that the timeline keeps. */
static void
test_resolve_needs_cause (Fixture       *fixture,
                          gconstpointer  data)
{
  Shown shown = { 0 };
  GtkWidget *dialog;
  GtkWidget *confirm;
  const char *requirement;
  gint64 id;

  show_incident (fixture, &shown);
  id = sitrep_incident_get_id (shown.incident);
  g_assert_true (sitrep_store_transition (fixture->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                          NOW - 3600, "Ana", NULL, NULL, NULL));
  g_assert_true (sitrep_store_transition (fixture->store, id, SITREP_TRANSITION_RECOVER,
                                          NOW - 1800, "Ana", NULL, NULL, NULL));
  g_assert_true (sitrep_store_set_field (fixture->store, id, "cause_category", "unknown", "Ana",
                                         NULL));

  dialog = open_transition (fixture, &shown, SITREP_TRANSITION_RESOLVE);
  confirm = child (dialog, SITREP_TYPE_TRANSITION_DIALOG, "confirm_button");
  requirement = visible_label (dialog, "requirement_label");
  g_assert_nonnull (requirement);
  g_assert_nonnull (strstr (requirement, "resolution and cause category"));
  g_assert_false (gtk_widget_get_sensitive (confirm));

  set_text (dialog, "comment_row", "Fixed by the vendor; they will not say what it was");
  g_assert_false (gtk_widget_get_sensitive (confirm));
  press_enter (dialog);
  g_assert_cmpint (shown_status (fixture, &shown), ==, SITREP_STATUS_RECOVERED);
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (sitrep_store_set_field (fixture->store, id, "resolution", "Vendor patch",
                                         "Ana", NULL));
  dialog = open_transition (fixture, &shown, SITREP_TRANSITION_RESOLVE);
  requirement = visible_label (dialog, "requirement_label");
  g_assert_nonnull (requirement);
  g_assert_nonnull (strstr (requirement, "“Not yet known” does not count"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (sitrep_store_set_field (fixture->store, id, "cause_category", "software",
                                         "Ana", NULL));
  dialog = open_transition (fixture, &shown, SITREP_TRANSITION_RESOLVE);
  confirm = child (dialog, SITREP_TYPE_TRANSITION_DIALOG, "confirm_button");
  g_assert_null (visible_label (dialog, "requirement_label"));
  g_assert_nonnull (visible_label (dialog, "reminder_label"));
  g_assert_true (gtk_widget_get_sensitive (confirm));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) == confirm);
  set_text (dialog, "comment_row", "vendor patch 4.2");
  press_enter (dialog);

  g_assert_cmpint (shown_status (fixture, &shown), ==, SITREP_STATUS_RESOLVED);
  g_assert_cmpstr (last_text (fixture, &shown), ==,
                   "Resolved; root cause to follow: vendor patch 4.2");

  hide_incident (&shown);
}

/* In every status dialog the action is the default and has the focus:
 * Enter confirms, Escape closes without a change. */
static void
test_transition_default (Fixture       *fixture,
                         gconstpointer  data)
{
  static const struct
  {
    SitrepTransition transition;
    SitrepStatus     after;
  } steps[] = {
    { SITREP_TRANSITION_ACKNOWLEDGE, SITREP_STATUS_ACKNOWLEDGED },
    { SITREP_TRANSITION_RECOVER, SITREP_STATUS_RECOVERED },
    { SITREP_TRANSITION_RESOLVE, SITREP_STATUS_RESOLVED },
    { SITREP_TRANSITION_CLOSE, SITREP_STATUS_CLOSED },
    { SITREP_TRANSITION_REOPEN, SITREP_STATUS_ACKNOWLEDGED },
    { SITREP_TRANSITION_CANCEL, SITREP_STATUS_CANCELLED },
  };
  Shown shown = { 0 };
  gint64 id;

  show_incident (fixture, &shown);
  id = sitrep_incident_get_id (shown.incident);
  g_assert_true (sitrep_store_set_field (fixture->store, id, "cause_category", "software",
                                         "Ana", NULL));
  g_assert_true (sitrep_store_set_field (fixture->store, id, "resolution", "Rolled back",
                                         "Ana", NULL));
  g_assert_true (sitrep_store_set_field (fixture->store, id, "root_cause", "Bad release",
                                         "Ana", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      SitrepStatus before = shown_status (fixture, &shown);
      GtkWidget *dialog = open_transition (fixture, &shown, steps[i].transition);
      GtkWidget *confirm = child (dialog, SITREP_TYPE_TRANSITION_DIALOG, "confirm_button");

      g_test_message ("%s", sitrep_transition_to_label (steps[i].transition));
      g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) == confirm);
      g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) == confirm);

      /* Escape first: nothing happens */
      gtk_widget_activate_action (dialog, "window.close", NULL);
      iterate (fixture);
      g_assert_cmpint (shown_status (fixture, &shown), ==, before);

      dialog = open_transition (fixture, &shown, steps[i].transition);
      if (steps[i].transition == SITREP_TRANSITION_CANCEL)
        set_text (dialog, "comment_row", "Duplicate of INC-9");
      press_enter (dialog);
      g_assert_cmpint (shown_status (fixture, &shown), ==, steps[i].after);
    }

  hide_incident (&shown);
}

/* Enter on the destinations chooses one and never transfers; the transfer
 * waits for a choice and then the action. */
static void
test_transfer_choice (Fixture       *fixture,
                      gconstpointer  data)
{
  Shown shown = { 0 };
  GtkWidget *dialog;
  GtkWidget *confirm;
  GtkWidget *developers;
  GtkWidget *focus;
  g_autoptr(SitrepIncident) after = NULL;
  gint64 id;

  show_incident (fixture, &shown);
  id = sitrep_incident_get_id (shown.incident);
  g_assert_true (sitrep_store_transition (fixture->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                          NOW - 3600, "Ana", NULL, NULL, NULL));
  g_assert_true (sitrep_store_transition (fixture->store, id, SITREP_TRANSITION_RECOVER,
                                          NOW - 1800, "Ana", NULL, NULL, NULL));

  dialog = open_transition (fixture, &shown, SITREP_TRANSITION_TRANSFER);
  confirm = child (dialog, SITREP_TYPE_TRANSITION_DIALOG, "confirm_button");
  developers = child (dialog, SITREP_TYPE_TRANSITION_DIALOG, "developers_check");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (developers)));
  g_assert_false (gtk_widget_get_sensitive (confirm));
  g_assert_nonnull (strstr (visible_label (dialog, "requirement_label"), "Choose where"));
  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_true (focus == developers);

  /* Enter without a choice does nothing */
  press_enter (dialog);
  g_assert_cmpint (shown_status (fixture, &shown), ==, SITREP_STATUS_RECOVERED);

  /* activating the row chooses; it does not transfer */
  gtk_widget_activate (developers);
  iterate (fixture);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (developers)));
  g_assert_cmpint (shown_status (fixture, &shown), ==, SITREP_STATUS_RECOVERED);
  g_assert_true (gtk_widget_get_sensitive (confirm));
  g_assert_null (visible_label (dialog, "requirement_label"));

  /* another team needs its name */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (dialog, SITREP_TYPE_TRANSITION_DIALOG,
                                                        "other_team_check")), TRUE);
  g_assert_false (gtk_widget_get_sensitive (confirm));
  set_text (dialog, "team_row", "Network group");
  g_assert_true (gtk_widget_get_sensitive (confirm));
  gtk_widget_grab_focus (child (dialog, SITREP_TYPE_TRANSITION_DIALOG, "team_row"));
  press_enter (dialog);

  after = sitrep_store_get_incident (fixture->store, id, NULL);
  g_assert_cmpint (sitrep_incident_get_status (after), ==, SITREP_STATUS_TRANSFERRED);
  g_assert_cmpstr (sitrep_incident_get_transferred_to (after), ==, "Network group");

  hide_incident (&shown);
}

/* A breached incident is cancelled only with a reason, which the timeline
 * keeps; the policy may relax that. */
static void
test_cancel_needs_reason (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (fixture->store);
  Shown shown = { 0 };
  GtkWidget *dialog;
  GtkWidget *confirm;
  GtkWidget *comment;

  /* reported two hours ago and not acknowledged: breached */
  show_incident (fixture, &shown);
  dialog = open_transition (fixture, &shown, SITREP_TRANSITION_CANCEL);
  confirm = child (dialog, SITREP_TYPE_TRANSITION_DIALOG, "confirm_button");
  comment = child (dialog, SITREP_TYPE_TRANSITION_DIALOG, "comment_row");
  g_assert_nonnull (strstr (visible_label (dialog, "requirement_label"), "breached"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (comment)), ==,
                   "Reason (required)");
  g_assert_false (gtk_widget_get_sensitive (confirm));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) == comment ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), comment));
  press_enter (dialog);
  g_assert_cmpint (shown_status (fixture, &shown), ==, SITREP_STATUS_NEW);

  set_text (dialog, "comment_row", "False alarm from the probe");
  g_assert_true (gtk_widget_get_sensitive (confirm));
  g_assert_null (visible_label (dialog, "requirement_label"));
  press_enter (dialog);
  g_assert_cmpint (shown_status (fixture, &shown), ==, SITREP_STATUS_CANCELLED);
  g_assert_cmpstr (last_text (fixture, &shown), ==, "Cancelled: False alarm from the probe");
  hide_incident (&shown);

  /* relaxed: no reason asked */
  sitrep_policy_set_rule (policy, SITREP_RULE_CANCEL_NEEDS_REASON, FALSE);
  g_assert_true (sitrep_store_set_policy (fixture->store, policy, "Ana", NULL));
  show_incident (fixture, &shown);
  dialog = open_transition (fixture, &shown, SITREP_TRANSITION_CANCEL);
  comment = child (dialog, SITREP_TYPE_TRANSITION_DIALOG, "comment_row");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (comment)), ==,
                   "Comment (optional)");
  press_enter (dialog);
  g_assert_cmpint (shown_status (fixture, &shown), ==, SITREP_STATUS_CANCELLED);
  hide_incident (&shown);
}

/* Lowering a level needs a reason; raising one does not. */
static void
test_lower_needs_reason (Fixture       *fixture,
                         gconstpointer  data)
{
  Shown shown = { 0 };
  GtkWidget *dialog;
  g_autoptr(SitrepIncident) after = NULL;

  show_incident (fixture, &shown);
  dialog = sitrep_transition_dialog_new_for_level (shown.window, fixture->context,
                                                   shown.incident, 3);
  gtk_window_present (GTK_WINDOW (dialog));
  iterate (fixture);
  g_assert_nonnull (strstr (visible_label (dialog, "requirement_label"), "deadline later"));
  g_assert_false (gtk_widget_get_sensitive (child (dialog, SITREP_TYPE_TRANSITION_DIALOG,
                                                   "confirm_button")));
  set_text (dialog, "comment_row", "Only one user affected");
  press_enter (dialog);
  after = sitrep_store_get_incident (fixture->store, sitrep_incident_get_id (shown.incident),
                                     NULL);
  g_assert_cmpint (sitrep_incident_get_level (after), ==, 3);
  g_assert_cmpstr (last_text (fixture, &shown), ==, "Level 2 → 3: Only one user affected");

  /* asked on the incident as it is now, at level 3 */
  dialog = sitrep_transition_dialog_new_for_level (shown.window, fixture->context, after, 1);
  g_clear_object (&after);
  gtk_window_present (GTK_WINDOW (dialog));
  iterate (fixture);
  g_assert_null (visible_label (dialog, "requirement_label"));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) ==
                 child (dialog, SITREP_TYPE_TRANSITION_DIALOG, "confirm_button"));
  press_enter (dialog);
  after = sitrep_store_get_incident (fixture->store, sitrep_incident_get_id (shown.incident),
                                     NULL);
  g_assert_cmpint (sitrep_incident_get_level (after), ==, 1);

  hide_incident (&shown);
}

/* The other dialogs: the action is the default and Enter never lands on
 * Cancel; Ctrl+Enter confirms. */
static void
test_other_defaults (Fixture       *fixture,
                     gconstpointer  data)
{
  SitrepNewIncidentDialog *incident_dialog = open_new_incident (fixture);
  Shown shown = { 0 };
  GtkWidget *dialog;
  GtkWidget *focus;
  GtkWidget *customer;
  g_autoptr(GPtrArray) complaints = NULL;

  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (incident_dialog)) ==
                 child (GTK_WIDGET (incident_dialog), SITREP_TYPE_NEW_INCIDENT_DIALOG,
                        "create_button"));
  gtk_window_destroy (GTK_WINDOW (incident_dialog));

  show_incident (fixture, &shown);
  dialog = sitrep_complaint_dialog_new_add (fixture->store,
                                            sitrep_incident_get_id (shown.incident), "Ben");
  gtk_window_present (GTK_WINDOW (dialog));
  iterate (fixture);
  customer = child (dialog, SITREP_TYPE_COMPLAINT_DIALOG, "customer_row");
  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_true (focus == customer || gtk_widget_is_ancestor (focus, customer));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) ==
                 child (dialog, SITREP_TYPE_COMPLAINT_DIALOG, "confirm_button"));
  set_text (dialog, "customer_row", "Acme Bank");
  set_text (dialog, "summary_row", "Cannot log in");
  press_enter (dialog);
  complaints = sitrep_store_list_complaints (fixture->store,
                                             sitrep_incident_get_id (shown.incident), NULL);
  g_assert_cmpuint (complaints->len, ==, 1);

  hide_incident (&shown);
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }

  return NULL;
}

/* Ctrl+L puts the focus in the timeline composer; after a change made in
 * a dialog the focus returns there. */
static void
test_composer_focus (Fixture       *fixture,
                     gconstpointer  data)
{
  Shown shown = { 0 };
  GtkWidget *composer;
  GtkWidget *dialog;

  show_incident (fixture, &shown);
  composer = child (GTK_WIDGET (shown.view), SITREP_TYPE_INCIDENT_VIEW, "composer_view");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (shown.window)) != composer);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (shown.view), "incident.write-entry",
                                             NULL));
  iterate (fixture);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (shown.window)) == composer);

  gtk_window_set_focus (shown.window, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (shown.view), "incident.acknowledge",
                                             NULL));
  iterate (fixture);
  dialog = find_toplevel (SITREP_TYPE_TRANSITION_DIALOG);
  g_assert_nonnull (dialog);
  press_enter (dialog);
  g_assert_cmpint (shown_status (fixture, &shown), ==, SITREP_STATUS_ACKNOWLEDGED);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (shown.window)) == composer);

  hide_incident (&shown);
}

static SitrepReportDialog *
find_report_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SITREP_IS_REPORT_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return SITREP_REPORT_DIALOG (window);
    }
  return NULL;
}

/* The CAN report opens from the incident; what it sends is recorded as one
 * report entry with the text sent, and closing a level-2 incident says
 * whether a final report was recorded. */
static void
test_can_report_sent (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(SitrepIncident) resolved = NULL;
  Shown shown = { 0 };
  SitrepReportDialog *report;
  GtkWidget *dialog;
  gint64 id;
  guint n_reports = 0;

  show_incident (fixture, &shown);
  id = sitrep_incident_get_id (shown.incident);
  g_assert_true (sitrep_store_add_note (fixture->store, id, NOW - 3600, "Ana", SITREP_TAG_CONDITION,
                                        "Logins fail for a third of the agents", &error));
  g_assert_no_error (error);
  iterate (fixture);

  g_assert_null (find_report_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (shown.view), "incident.can-report", NULL));
  iterate (fixture);
  report = find_report_dialog ();
  g_assert_nonnull (report);
  /* Copy is the default and has the focus: Enter copies, never closes */
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (report)) ==
                 child (GTK_WIDGET (report), SITREP_TYPE_REPORT_DIALOG, "copy_button"));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (report)) ==
                 child (GTK_WIDGET (report), SITREP_TYPE_REPORT_DIALOG, "copy_button"));
  g_assert_false (sitrep_store_has_report (fixture->store, id, SITREP_REPORT_KIND_CAN, &error));
  g_assert_no_error (error);

  g_signal_emit_by_name (report, "sent", "CAN report as edited", "copied");
  iterate (fixture);
  g_assert_true (sitrep_store_has_report (fixture->store, id, SITREP_REPORT_KIND_CAN, &error));
  g_assert_no_error (error);
  g_assert_false (sitrep_store_has_report (fixture->store, id, SITREP_REPORT_KIND_FINAL, &error));

  timeline = sitrep_store_list_timeline (fixture->store, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < timeline->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (timeline, i);

      if (sitrep_timeline_entry_get_kind (entry) != SITREP_ENTRY_KIND_REPORT)
        continue;
      n_reports++;
      g_assert_nonnull (strstr (sitrep_timeline_entry_get_text (entry), "CAN report as edited"));
      g_assert_cmpstr (sitrep_timeline_entry_get_author (entry), ==, "Ben");
    }
  g_assert_cmpuint (n_reports, ==, 1);
  gtk_window_destroy (GTK_WINDOW (report));

  /* Resolved with its cause, then closed: no final report was recorded. */
  g_assert_true (sitrep_store_transition (fixture->store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                          NOW - 3600, "Ana", NULL, NULL, &error));
  g_assert_true (sitrep_store_transition (fixture->store, id, SITREP_TRANSITION_RECOVER,
                                          NOW - 1800, "Ana", NULL, NULL, &error));
  g_assert_true (sitrep_store_set_field (fixture->store, id, "root_cause", "Session store full",
                                         "Ana", &error));
  g_assert_true (sitrep_store_set_field (fixture->store, id, "cause_category", "software",
                                         "Ana", &error));
  g_assert_true (sitrep_store_set_field (fixture->store, id, "resolution", "Emptied the store",
                                         "Ana", &error));
  g_assert_true (sitrep_store_transition (fixture->store, id, SITREP_TRANSITION_RESOLVE, NOW,
                                          "Ana", NULL, NULL, &error));
  g_assert_no_error (error);
  resolved = sitrep_store_get_incident (fixture->store, id, NULL);
  dialog = sitrep_transition_dialog_new (shown.window, fixture->context, resolved,
                                         SITREP_TRANSITION_CLOSE);
  gtk_window_present (GTK_WINDOW (dialog));
  iterate (fixture);
  g_assert_nonnull (visible_label (dialog, "requirement_label"));
  g_assert_nonnull (strstr (visible_label (dialog, "requirement_label"), "No final report"));
  g_assert_true (gtk_widget_get_sensitive (child (dialog, SITREP_TYPE_TRANSITION_DIALOG,
                                                  "confirm_button")));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Once it was sent, closing says nothing more. */
  g_assert_true (sitrep_store_record_report (fixture->store, id, SITREP_REPORT_KIND_FINAL,
                                             "mailed", "Final report", "Ana", &error));
  g_assert_no_error (error);
  dialog = sitrep_transition_dialog_new (shown.window, fixture->context, resolved,
                                         SITREP_TRANSITION_CLOSE);
  gtk_window_present (GTK_WINDOW (dialog));
  iterate (fixture);
  g_assert_null (visible_label (dialog, "requirement_label"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  hide_incident (&shown);
}

/* Cancelling an incident is never offered beside a plain "Cancel". */
static void
test_transition_cancel_labels (Fixture       *fixture,
                               gconstpointer  data)
{
  Shown shown = { 0 };
  GtkWidget *dialog;
  GtkWidget *confirm;
  GtkWidget *dismiss;

  show_incident (fixture, &shown);
  dialog = sitrep_transition_dialog_new (shown.window, fixture->context, shown.incident,
                                         SITREP_TRANSITION_CANCEL);
  gtk_window_present (GTK_WINDOW (dialog));
  iterate (fixture);

  confirm = child (dialog, SITREP_TYPE_TRANSITION_DIALOG, "confirm_button");
  dismiss = child (dialog, SITREP_TYPE_TRANSITION_DIALOG, "dismiss_button");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (confirm)), ==, "_Cancel Incident");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (dismiss)), ==, "_Keep Open");
  g_assert_true (gtk_widget_has_css_class (confirm, "destructive-action"));

  /* Keep Open changes nothing. */
  gtk_widget_activate (dismiss);
  iterate (fixture);
  g_assert_cmpint (sitrep_incident_get_status (shown.incident), ==, SITREP_STATUS_NEW);

  hide_incident (&shown);
}

static GtkWidget *
find_spin_in_row (GtkWidget  *widget,
                  const char *row_title)
{
  if (ADW_IS_ACTION_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), row_title) == 0)
    {
      GtkWidget *found = NULL;

      for (GtkWidget *w = gtk_widget_get_first_child (widget); w != NULL && found == NULL;
           w = gtk_widget_get_next_sibling (w))
        found = GTK_IS_SPIN_BUTTON (w) ? w : find_spin_in_row (w, NULL);
      return found;
    }

  if (row_title == NULL && GTK_IS_SPIN_BUTTON (widget))
    return widget;

  for (GtkWidget *w = gtk_widget_get_first_child (widget); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found = find_spin_in_row (w, row_title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
store_changed_cb (SitrepStore *store,
                  gboolean    *changed)
{
  *changed = TRUE;
}

static gboolean
give_up_cb (gpointer user_data)
{
  gboolean *gave_up = user_data;

  *gave_up = TRUE;
  return G_SOURCE_REMOVE;
}

/* Changing level 1's response time writes the policy to the database. */
static void
test_preferences_policy (Fixture       *fixture,
                         gconstpointer  data)
{
  GSettings *settings = fixture->settings;
  g_autoptr(SitrepPolicy) before = sitrep_store_get_policy (fixture->store);
  g_autoptr(SitrepPolicy) after = NULL;
  SitrepPreferencesWindow *window;
  GtkWidget *spin;
  gboolean changed = FALSE;
  gboolean gave_up = FALSE;
  guint give_up;

  g_settings_set_string (settings, "user-role", "incident-manager");
  g_assert_cmpint (sitrep_policy_get_minutes (before, 1, SITREP_POLICY_WINDOW_RESPONSE), ==, 10);

  window = sitrep_preferences_window_new (fixture->context);
  gtk_window_present (GTK_WINDOW (window));
  iterate (fixture);

  /* Level 1's group comes first on the page. */
  spin = find_spin_in_row (GTK_WIDGET (window), "Response time");
  g_assert_nonnull (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 10);

  g_signal_connect (fixture->store, "changed", G_CALLBACK (store_changed_cb), &changed);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 15);
  give_up = g_timeout_add_seconds (10, give_up_cb, &gave_up);
  while (!changed && !gave_up)
    g_main_context_iteration (NULL, TRUE);
  if (!gave_up)
    g_source_remove (give_up);
  g_signal_handlers_disconnect_by_func (fixture->store, store_changed_cb, &changed);

  after = sitrep_store_get_policy (fixture->store);
  g_assert_cmpint (sitrep_policy_get_minutes (after, 1, SITREP_POLICY_WINDOW_RESPONSE), ==, 15);
  g_assert_cmpint (sitrep_policy_get_minutes (after, 2, SITREP_POLICY_WINDOW_RESPONSE), ==, 30);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A supervisor sees the policy but cannot change it. */
static void
test_preferences_supervisor (Fixture       *fixture,
                             gconstpointer  data)
{
  GSettings *settings = fixture->settings;
  SitrepPreferencesWindow *window;
  GtkWidget *spin;

  g_settings_set_string (settings, "user-role", "supervisor");
  window = sitrep_preferences_window_new (fixture->context);
  gtk_window_present (GTK_WINDOW (window));
  iterate (fixture);

  spin = find_spin_in_row (GTK_WIDGET (window), "Response time");
  g_assert_nonnull (spin);
  g_assert_false (gtk_widget_is_sensitive (spin));

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_set_string (settings, "user-role", "incident-manager");
}

static GtkWidget *
find_switch_in_row (GtkWidget  *widget,
                    const char *row_title)
{
  if (ADW_IS_ACTION_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), row_title) == 0)
    row_title = NULL;

  if (row_title == NULL && GTK_IS_SWITCH (widget))
    return widget;

  for (GtkWidget *w = gtk_widget_get_first_child (widget); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found = find_switch_in_row (w, row_title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The policy page shows the record rules on, and relaxes one at once. */
static void
test_preferences_rules (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SitrepPolicy) after = NULL;
  SitrepPreferencesWindow *window;
  GtkWidget *cancel;
  GtkWidget *lower;

  window = sitrep_preferences_window_new (fixture->context);
  gtk_window_present (GTK_WINDOW (window));
  iterate (fixture);

  cancel = find_switch_in_row (GTK_WIDGET (window), "Cancelling a late incident needs a reason");
  lower = find_switch_in_row (GTK_WIDGET (window), "Lowering a level needs a reason");
  g_assert_nonnull (cancel);
  g_assert_nonnull (lower);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (cancel)));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (lower)));

  gtk_switch_set_active (GTK_SWITCH (cancel), FALSE);
  iterate (fixture);
  after = sitrep_store_get_policy (fixture->store);
  g_assert_false (sitrep_policy_get_rule (after, SITREP_RULE_CANCEL_NEEDS_REASON));
  g_assert_true (sitrep_policy_get_rule (after, SITREP_RULE_LOWER_NEEDS_REASON));
  g_assert_true (sitrep_policy_get_rule (after, SITREP_RULE_RESOLVE_NEEDS_CAUSE));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The level is changed from elsewhere while the dialog is open: its
 * confirmation is refused with who changed what, changes nothing, and a
 * second one, on the state now known, goes ahead. */
static void
test_level_stale (Fixture       *fixture,
                  gconstpointer  data)
{
  Shown shown = { 0 };
  GtkWidget *dialog;
  g_autoptr(SitrepIncident) after = NULL;
  gint64 id;

  show_incident (fixture, &shown);
  id = sitrep_incident_get_id (shown.incident);
  dialog = sitrep_transition_dialog_new_for_level (shown.window, fixture->context,
                                                   shown.incident, 1);
  gtk_window_present (GTK_WINDOW (dialog));
  iterate (fixture);
  g_assert_true (sitrep_store_set_level (fixture->store, id, 3, SITREP_TIME_NONE, "Cleo",
                                         "Only one user affected", NULL));
  press_enter (dialog);
  g_assert_nonnull (strstr (visible_label (dialog, "error_label"),
                            "was changed meanwhile by Cleo"));
  after = sitrep_store_get_incident (fixture->store, id, NULL);
  g_assert_cmpint (sitrep_incident_get_level (after), ==, 3);
  g_clear_object (&after);

  press_enter (dialog);
  after = sitrep_store_get_incident (fixture->store, id, NULL);
  g_assert_cmpint (sitrep_incident_get_level (after), ==, 1);

  hide_incident (&shown);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  adw_init ();
  g_resources_register (sitrep_get_resource ());

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sitrep/dialogs/new-incident-future", test_new_incident_future);
  ADD ("/sitrep/dialogs/new-incident-required", test_new_incident_required);
  ADD ("/sitrep/dialogs/new-incident-valid", test_new_incident_valid);
  ADD ("/sitrep/dialogs/new-incident-now", test_new_incident_now);
  ADD ("/sitrep/dialogs/transition-backdate", test_transition_backdate);
  ADD ("/sitrep/dialogs/transition-cancel-labels", test_transition_cancel_labels);
  ADD ("/sitrep/dialogs/resolve-needs-cause", test_resolve_needs_cause);
  ADD ("/sitrep/dialogs/transition-default", test_transition_default);
  ADD ("/sitrep/dialogs/transfer-choice", test_transfer_choice);
  ADD ("/sitrep/dialogs/cancel-needs-reason", test_cancel_needs_reason);
  ADD ("/sitrep/dialogs/lower-needs-reason", test_lower_needs_reason);
  ADD ("/sitrep/dialogs/level-stale", test_level_stale);
  ADD ("/sitrep/dialogs/other-defaults", test_other_defaults);
  ADD ("/sitrep/dialogs/composer-focus", test_composer_focus);
  ADD ("/sitrep/dialogs/can-report-sent", test_can_report_sent);
  ADD ("/sitrep/dialogs/preferences-policy", test_preferences_policy);
  ADD ("/sitrep/dialogs/preferences-supervisor", test_preferences_supervisor);
  ADD ("/sitrep/dialogs/preferences-rules", test_preferences_rules);

#undef ADD

  return g_test_run ();
}
