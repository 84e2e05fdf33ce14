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

#include "sitrep-incident-view.h"
#include "sitrep-new-incident-dialog.h"
#include "sitrep-preferences-window.h"
#include "sitrep-report-dialog.h"
#include "sitrep-resources.h"
#include "sitrep-transition-dialog.h"

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
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
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
  SitrepNewIncidentDialog *dialog = sitrep_new_incident_dialog_new (fixture->store, "Ana");

  gtk_window_present (GTK_WINDOW (dialog));
  iterate ();
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
  iterate ();
  g_assert_cmpint (sitrep_store_count_incidents (fixture->store), ==, 0);
  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_nonnull (focus);
  g_assert_true (focus == reported || gtk_widget_is_ancestor (focus, reported));

  g_assert_cmpint (sitrep_new_incident_dialog_create (dialog, NULL), ==, 0);
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
  iterate ();
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
  iterate ();

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
  gint64 id;

  set_text (widget, "title_row", "Mail delayed");
  set_text (widget, "service_row", "Mail");
  id = sitrep_new_incident_dialog_create (dialog, NULL);
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
  iterate ();

  shown->incident = sitrep_store_get_incident (fixture->store, sitrep_incident_get_id (incident),
                                               NULL);
}

static void
hide_incident (Shown *shown)
{
  gtk_window_destroy (shown->window);
  g_clear_object (&shown->incident);
  iterate ();
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
  iterate ();

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
  iterate ();
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
  iterate ();

  after = sitrep_store_get_incident (fixture->store, sitrep_incident_get_id (shown.incident), NULL);
  g_assert_cmpint (sitrep_incident_get_status (after), ==, SITREP_STATUS_ACKNOWLEDGED);
  g_assert_cmpint (sitrep_incident_get_acknowledged_at (after), ==, NOW - 5400);

  hide_incident (&shown);
}

/* Resolving a level-2 incident whose cause is not known says what is
 * missing and goes ahead only with the reason for skipping it. */
static void
test_resolve_needs_cause (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(SitrepIncident) after = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  Shown shown = { 0 };
  GtkWidget *dialog;
  GtkWidget *confirm;
  const char *requirement;
  g_autoptr(SitrepIncident) acknowledged = NULL;
  gboolean found = FALSE;

  show_incident (fixture, &shown);
  g_assert_true (sitrep_store_transition (fixture->store, sitrep_incident_get_id (shown.incident),
                                          SITREP_TRANSITION_ACKNOWLEDGE, NOW - 3600, "Ana", NULL,
                                          NULL, NULL));
  g_assert_true (sitrep_store_transition (fixture->store, sitrep_incident_get_id (shown.incident),
                                          SITREP_TRANSITION_RECOVER, NOW - 1800, "Ana", NULL,
                                          NULL, NULL));
  acknowledged = sitrep_store_get_incident (fixture->store, sitrep_incident_get_id (shown.incident),
                                            NULL);
  dialog = sitrep_transition_dialog_new (shown.window, fixture->context, acknowledged,
                                         SITREP_TRANSITION_RESOLVE);
  gtk_window_present (GTK_WINDOW (dialog));
  iterate ();

  confirm = child (dialog, SITREP_TYPE_TRANSITION_DIALOG, "confirm_button");
  requirement = visible_label (dialog, "requirement_label");
  g_assert_nonnull (requirement);
  g_assert_nonnull (strstr (requirement, "a root cause and a cause category"));
  g_assert_false (gtk_widget_get_sensitive (confirm));
  g_assert_nonnull (visible_label (dialog, "error_label"));

  set_text (dialog, "comment_row", "Fixed by the vendor; they will not say what it was");
  g_assert_true (gtk_widget_get_sensitive (confirm));
  g_assert_null (visible_label (dialog, "error_label"));
  g_signal_emit_by_name (confirm, "clicked");
  iterate ();

  after = sitrep_store_get_incident (fixture->store, sitrep_incident_get_id (shown.incident), NULL);
  g_assert_cmpint (sitrep_incident_get_status (after), ==, SITREP_STATUS_RESOLVED);
  timeline = sitrep_store_list_timeline (fixture->store, sitrep_incident_get_id (shown.incident),
                                         NULL);
  for (guint i = 0; i < timeline->len; i++)
    if (strstr (sitrep_timeline_entry_get_text (g_ptr_array_index (timeline, i)),
                "they will not say what it was") != NULL)
      found = TRUE;
  g_assert_true (found);

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
  iterate ();

  g_assert_null (find_report_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (shown.view), "incident.can-report", NULL));
  iterate ();
  report = find_report_dialog ();
  g_assert_nonnull (report);
  g_assert_false (sitrep_store_has_report (fixture->store, id, SITREP_REPORT_KIND_CAN, &error));
  g_assert_no_error (error);

  g_signal_emit_by_name (report, "sent", "CAN report as edited", "copied");
  iterate ();
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
  g_assert_true (sitrep_store_transition (fixture->store, id, SITREP_TRANSITION_RESOLVE, NOW,
                                          "Ana", NULL, NULL, &error));
  g_assert_no_error (error);
  resolved = sitrep_store_get_incident (fixture->store, id, NULL);
  dialog = sitrep_transition_dialog_new (shown.window, fixture->context, resolved,
                                         SITREP_TRANSITION_CLOSE);
  gtk_window_present (GTK_WINDOW (dialog));
  iterate ();
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
  iterate ();
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
  iterate ();

  confirm = child (dialog, SITREP_TYPE_TRANSITION_DIALOG, "confirm_button");
  dismiss = child (dialog, SITREP_TYPE_TRANSITION_DIALOG, "dismiss_button");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (confirm)), ==, "_Cancel Incident");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (dismiss)), ==, "_Keep Open");
  g_assert_true (gtk_widget_has_css_class (confirm, "destructive-action"));

  /* Keep Open changes nothing. */
  gtk_widget_activate (dismiss);
  iterate ();
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
  iterate ();

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
  iterate ();

  spin = find_spin_in_row (GTK_WIDGET (window), "Response time");
  g_assert_nonnull (spin);
  g_assert_false (gtk_widget_is_sensitive (spin));

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_set_string (settings, "user-role", "incident-manager");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
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
  ADD ("/sitrep/dialogs/can-report-sent", test_can_report_sent);
  ADD ("/sitrep/dialogs/preferences-policy", test_preferences_policy);
  ADD ("/sitrep/dialogs/preferences-supervisor", test_preferences_supervisor);

#undef ADD

  return g_test_run ();
}
