/* test-complaints.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "sitrep-backup.h"
#include "sitrep-complaint-dialog.h"
#include "sitrep-complaints-view.h"
#include "sitrep-final-report-editor.h"
#include "sitrep-recovery-page.h"
#include "sitrep-resources.h"
#include "test-gui-common.h"

/* 2026-03-02 09:00:00 UTC; the tests run with TZ=UTC. */
#define T0 G_GINT64_CONSTANT (1772442000)

typedef struct
{
  char                 *dir;
  char                 *path;
  SitrepClock          *clock;
  SitrepStore          *store;
  SitrepContext        *context;
  gint64                id;
  gint64                other_id;
  GtkWindow            *window;
  SitrepComplaintsView *view;
} Fixture;

static gint64
create (SitrepStore *store,
        const char  *title,
        int          level)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();

  sitrep_incident_set_title (incident, title);
  sitrep_incident_set_service (incident, "Customer portal");
  sitrep_incident_set_level (incident, level);
  sitrep_incident_set_reporter_name (incident, "Hotline desk");
  sitrep_incident_set_reporter_channel (incident, SITREP_CHANNEL_HOTLINE);
  sitrep_incident_set_occurred_at (incident, T0);
  sitrep_incident_set_reported_at (incident, T0);
  g_assert_true (sitrep_store_create_incident (store, incident, "Ana", &error));
  g_assert_no_error (error);
  return sitrep_incident_get_id (incident);
}

static gint64
add_complaint (Fixture    *fixture,
               const char *ref,
               const char *customer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();

  sitrep_complaint_set_ref (complaint, ref);
  sitrep_complaint_set_customer (complaint, customer);
  sitrep_complaint_set_summary (complaint, "Cannot log in");
  sitrep_complaint_set_received_at (complaint, T0 + 60);
  sitrep_complaint_set_channel (complaint, SITREP_CHANNEL_EMAIL);
  g_assert_true (sitrep_store_add_complaint (fixture->store, fixture->id, complaint, "Ana",
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_complaint_get_id (complaint), >, 0);
  return sitrep_complaint_get_id (complaint);
}

static SitrepComplaint *
stored_complaint (SitrepStore *store,
                  gint64       incident_id,
                  gint64       complaint_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) complaints = sitrep_store_list_complaints (store, incident_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < complaints->len; i++)
    if (sitrep_complaint_get_id (g_ptr_array_index (complaints, i)) == complaint_id)
      return g_object_ref (g_ptr_array_index (complaints, i));
  return NULL;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sitrep-complaints-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "sitrep.db", NULL);

  fixture->clock = sitrep_clock_new_fake (T0 + 3600);
  fixture->store = sitrep_store_open (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);
  fixture->id = create (fixture->store, "Login fails after the release", 1);
  fixture->other_id = create (fixture->store, "Single sign-on certificate expired", 2);

  fixture->context = sitrep_context_new (fixture->store, NULL);
  fixture->view = SITREP_COMPLAINTS_VIEW (sitrep_complaints_view_new ());
  g_object_set (fixture->view,
                "context", fixture->context,
                "user-name", "Ben",
                "incident-id", fixture->id,
                NULL);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 600);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  gui_test_wait_for_writes (fixture->store);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  gui_test_drain ();
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->clock);
  gui_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static GtkWidget *
child (GtkWidget  *widget,
       const char *name)
{
  GObject *found = gtk_widget_get_template_child (widget, G_OBJECT_TYPE (widget), name);

  g_assert_nonnull (found);
  return GTK_WIDGET (found);
}

static void
set_text (GtkWidget  *widget,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (widget, name)), text);
}

/* The complaint dialog the section opened, if any. */
static SitrepComplaintDialog *
find_dialog (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (SITREP_IS_COMPLAINT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
timeline_mentions (SitrepStore *store,
                   gint64       id,
                   const char  *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sitrep_store_list_timeline (store, id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (strstr (sitrep_timeline_entry_get_text (g_ptr_array_index (entries, i)), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_add (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) complaints = NULL;
  GtkWidget *dialog;
  SitrepComplaint *complaint;

  g_assert_cmpuint (sitrep_complaints_view_get_n_complaints (fixture->view), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "complaint.add", NULL));
  gui_test_wait_for_writes (fixture->store);
  dialog = GTK_WIDGET (find_dialog ());
  g_assert_nonnull (dialog);

  /* Nothing to add yet: the confirmation says what is missing. */
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "confirm_button")));
  g_assert_false (sitrep_complaint_dialog_apply (SITREP_COMPLAINT_DIALOG (dialog), &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  set_text (dialog, "customer_row", "Acme Travel");
  set_text (dialog, "ref_row", "CMP-4711");
  set_text (dialog, "summary_row", "Agents cannot log in");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (dialog, "channel_row")), SITREP_CHANNEL_EMAIL);

  /* Received in the future: refused inline. */
  set_text (dialog, "received_row", "2026-03-02 11:00");
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "confirm_button")));
  g_assert_true (gtk_widget_get_visible (child (dialog, "error_label")));

  /* Backdated to before the incident was reported: complaints come first. */
  set_text (dialog, "received_row", "2026-03-02 08:45");
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "confirm_button")));
  g_signal_emit_by_name (child (dialog, "confirm_button"), "clicked");
  gui_test_wait_for_writes (fixture->store);
  g_assert_null (find_dialog ());

  complaints = sitrep_store_list_complaints (fixture->store, fixture->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (complaints->len, ==, 1);
  complaint = g_ptr_array_index (complaints, 0);
  g_assert_cmpstr (sitrep_complaint_get_customer (complaint), ==, "Acme Travel");
  g_assert_cmpstr (sitrep_complaint_get_ref (complaint), ==, "CMP-4711");
  g_assert_cmpint (sitrep_complaint_get_received_at (complaint), ==, T0 - 15 * 60);
  g_assert_cmpint (sitrep_complaint_get_channel (complaint), ==, SITREP_CHANNEL_EMAIL);
  g_assert_cmpint (sitrep_complaint_get_verdict (complaint), ==, SITREP_VERDICT_NOT_ANALYSED);

  g_assert_cmpuint (sitrep_complaints_view_get_n_complaints (fixture->view), ==, 1);
  g_assert_cmpstr (sitrep_complaints_view_get_summary (fixture->view), ==,
                   "0 of 1 attributed · 1 not yet analysed");
}

static void
test_verdict_by_keyboard (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepComplaint) first = NULL;
  g_autoptr(SitrepComplaint) second = NULL;
  gint64 first_id = add_complaint (fixture, "CMP-1", "Acme Travel");
  gint64 second_id = add_complaint (fixture, "CMP-2", "Globex");
  SitrepComplaintDialog *dialog;
  GtkWidget *button;
  GMenuModel *menu;

  gui_test_wait_for_writes (fixture->store);
  g_assert_cmpstr (sitrep_complaints_view_get_summary (fixture->view), ==,
                   "0 of 2 attributed · 2 not yet analysed");

  /* The verdict is a focusable menu button on the row, whose items are the
   * section's actions aimed at that complaint. */
  button = sitrep_complaints_view_get_verdict_button (fixture->view, 0);
  g_assert_true (GTK_IS_MENU_BUTTON (button));
  g_assert_true (gtk_widget_grab_focus (button));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_nonnull (menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);

  g_assert_true (gtk_widget_activate_action (button, "complaint.attribute", "x", first_id));
  gui_test_wait_for_writes (fixture->store);
  first = stored_complaint (fixture->store, fixture->id, first_id);
  g_assert_cmpint (sitrep_complaint_get_verdict (first), ==, SITREP_VERDICT_ATTRIBUTED);
  g_assert_cmpstr (sitrep_complaints_view_get_summary (fixture->view), ==,
                   "1 of 2 attributed · 1 not yet analysed");

  /* "Not attributed" asks for the reason, and will not go without one. */
  button = sitrep_complaints_view_get_verdict_button (fixture->view, 1);
  g_assert_true (gtk_widget_activate_action (button, "complaint.not-attributed", "x", second_id));
  gui_test_wait_for_writes (fixture->store);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (gtk_widget_get_sensitive (child (GTK_WIDGET (dialog), "confirm_button")));
  g_assert_false (sitrep_complaint_dialog_apply (dialog, &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  second = stored_complaint (fixture->store, fixture->id, second_id);
  g_assert_cmpint (sitrep_complaint_get_verdict (second), ==, SITREP_VERDICT_NOT_ANALYSED);
  g_clear_object (&second);

  set_text (GTK_WIDGET (dialog), "reason_row", "Complained about billing, not the login");
  g_assert_true (gtk_widget_get_sensitive (child (GTK_WIDGET (dialog), "confirm_button")));
  g_signal_emit_by_name (child (GTK_WIDGET (dialog), "confirm_button"), "clicked");
  gui_test_wait_for_writes (fixture->store);
  g_assert_null (find_dialog ());

  second = stored_complaint (fixture->store, fixture->id, second_id);
  g_assert_cmpint (sitrep_complaint_get_verdict (second), ==, SITREP_VERDICT_NOT_ATTRIBUTED);
  g_assert_cmpstr (sitrep_complaint_get_verdict_reason (second), ==,
                   "Complained about billing, not the login");
  g_assert_true (timeline_mentions (fixture->store, fixture->id,
                                    "Complained about billing, not the login"));
  g_assert_cmpstr (sitrep_complaints_view_get_summary (fixture->view), ==, "1 of 2 attributed");
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SitrepComplaint) complaint = NULL;
  gint64 complaint_id = add_complaint (fixture, "CMP-1", "Acme Travel");
  GtkWidget *add_button = child (GTK_WIDGET (fixture->view), "add_button");

  gui_test_wait_for_writes (fixture->store);
  g_assert_true (gtk_widget_get_sensitive (add_button));

  sitrep_complaints_view_set_read_only (fixture->view, TRUE);
  gui_test_wait_for_writes (fixture->store);

  /* Seen, but nothing that changes them works. */
  g_assert_cmpuint (sitrep_complaints_view_get_n_complaints (fixture->view), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (add_button));
  g_assert_false (gtk_widget_get_sensitive (
                    sitrep_complaints_view_get_verdict_button (fixture->view, 0)));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "complaint.attribute", "x", complaint_id);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "complaint.not-attributed", "x",
                              complaint_id);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "complaint.move", "x", complaint_id);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "complaint.add", NULL);
  gui_test_wait_for_writes (fixture->store);
  g_assert_null (find_dialog ());

  complaint = stored_complaint (fixture->store, fixture->id, complaint_id);
  g_assert_cmpint (sitrep_complaint_get_verdict (complaint), ==, SITREP_VERDICT_NOT_ANALYSED);
}

static void
test_move (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) other = NULL;
  g_autoptr(SitrepComplaint) moved = NULL;
  gint64 complaint_id = add_complaint (fixture, "CMP-1", "Acme Travel");
  SitrepComplaintDialog *dialog;

  gui_test_wait_for_writes (fixture->store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "complaint.move", "x",
                                             complaint_id));
  gui_test_wait_for_writes (fixture->store);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);

  /* An unknown key is refused, inline, and nothing moves. */
  set_text (GTK_WIDGET (dialog), "key_row", "INC-99");
  g_assert_true (sitrep_complaint_dialog_apply (dialog, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_get_visible (child (GTK_WIDGET (dialog), "error_label")));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (GTK_WIDGET (dialog),
                                                                     "error_label"))),
                            "INC-99"));
  g_assert_cmpuint (sitrep_complaints_view_get_n_complaints (fixture->view), ==, 1);

  other = sitrep_store_get_incident (fixture->store, fixture->other_id, &error);
  g_assert_no_error (error);
  set_text (GTK_WIDGET (dialog), "key_row", sitrep_incident_get_key (other));
  g_assert_true (sitrep_complaint_dialog_apply (dialog, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gui_test_wait_for_writes (fixture->store);

  g_assert_cmpuint (sitrep_complaints_view_get_n_complaints (fixture->view), ==, 0);
  moved = stored_complaint (fixture->store, fixture->other_id, complaint_id);
  g_assert_nonnull (moved);
}

static void
test_final_report (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  SitrepFinalReportEditor *editor = SITREP_FINAL_REPORT_EDITOR (sitrep_final_report_editor_new ());
  GtkTextBuffer *technical;
  gboolean found = FALSE;

  gtk_window_set_child (fixture->window, GTK_WIDGET (editor));
  sitrep_final_report_editor_set_context (editor, fixture->context);
  sitrep_final_report_editor_set_user_name (editor, "Ben");
  sitrep_final_report_editor_set_incident_id (editor, fixture->id);
  gui_test_wait_for_writes (fixture->store);

  /* Both default teams have a section before anyone wrote one. */
  technical = sitrep_final_report_editor_get_team_buffer (editor, "Technical team");
  g_assert_nonnull (technical);
  g_assert_nonnull (sitrep_final_report_editor_get_team_buffer (editor, "Web team"));
  g_assert_false (sitrep_final_report_editor_get_changed (editor));

  set_text (GTK_WIDGET (editor), "impact_row", "Agents could not log in for 2 hours");
  set_text (GTK_WIDGET (editor), "affected_row", "many");
  g_assert_true (sitrep_final_report_editor_get_changed (editor));
  g_assert_false (sitrep_final_report_editor_save (editor, &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  set_text (GTK_WIDGET (editor), "affected_row", "1200");
  gtk_text_buffer_set_text (technical, "The release broke the session store.", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (GTK_WIDGET (editor),
                                                                            "lessons_view"))),
                            "Test logins before a release.", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "final-report.save", NULL));
  gui_test_wait_for_writes (fixture->store);
  g_assert_false (gtk_widget_get_visible (child (GTK_WIDGET (editor), "error_label")));
  g_assert_false (sitrep_final_report_editor_get_changed (editor));

  incident = sitrep_store_get_incident (fixture->store, fixture->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_impact (incident), ==,
                   "Agents could not log in for 2 hours");
  g_assert_cmpint (sitrep_incident_get_affected_count (incident), ==, 1200);
  g_assert_cmpstr (sitrep_incident_get_lessons_learned (incident), ==,
                   "Test logins before a release.");

  sections = sitrep_store_list_team_sections (fixture->store, fixture->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sections->len; i++)
    {
      SitrepTeamSection *section = g_ptr_array_index (sections, i);

      if (g_str_equal (section->team, "Technical team"))
        {
          g_assert_cmpstr (section->text, ==, "The release broke the session store.");
          g_assert_cmpstr (section->author, ==, "Ben");
          found = TRUE;
        }
    }
  g_assert_true (found);

  /* Cleo changes the impact while Ben edits it: Ben's save is refused
   * and says who changed it; saved again, Ben's text replaces Cleo's. */
  set_text (GTK_WIDGET (editor), "impact_row", "Agents could not log in for 3 hours");
  g_assert_true (sitrep_store_set_field (fixture->store, fixture->id, "impact",
                                         "Agents and customers could not log in", "Cleo",
                                         &error));
  g_assert_no_error (error);
  gui_test_wait_for_writes (fixture->store);
  g_assert_false (sitrep_final_report_editor_save (editor, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_STALE);
  g_assert_nonnull (strstr (error->message, "Cleo"));
  g_clear_error (&error);
  g_clear_object (&incident);
  incident = sitrep_store_get_incident (fixture->store, fixture->id, &error);
  g_assert_cmpstr (sitrep_incident_get_impact (incident), ==,
                   "Agents and customers could not log in");
  g_assert_true (sitrep_final_report_editor_save (editor, &error));
  g_assert_no_error (error);
  g_clear_object (&incident);
  incident = sitrep_store_get_incident (fixture->store, fixture->id, &error);
  g_assert_cmpstr (sitrep_incident_get_impact (incident), ==,
                   "Agents could not log in for 3 hours");

  /* a change to another field meanwhile does not stop Ben's */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (GTK_WIDGET (editor),
                                                                            "lessons_view"))),
                            "Test logins and sessions before a release.", -1);
  g_assert_true (sitrep_store_set_field (fixture->store, fixture->id, "affected_count", "1500",
                                         "Cleo", &error));
  gui_test_wait_for_writes (fixture->store);
  g_assert_true (sitrep_final_report_editor_save (editor, &error));
  g_assert_no_error (error);
  g_clear_object (&incident);
  incident = sitrep_store_get_incident (fixture->store, fixture->id, &error);
  g_assert_cmpstr (sitrep_incident_get_lessons_learned (incident), ==,
                   "Test logins and sessions before a release.");
  g_assert_cmpint (sitrep_incident_get_affected_count (incident), ==, 1500);

  /* A viewer cannot save. */
  sitrep_final_report_editor_set_read_only (editor, TRUE);
  set_text (GTK_WIDGET (editor), "impact_row", "Nothing");
  g_assert_false (sitrep_final_report_editor_save (editor, &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_READ_ONLY_ROLE);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Whether a label that a user can see inside @widget mentions @part. */
static gboolean
find_label (GtkWidget  *widget,
            const char *part)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), part) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label (child, part))
      return TRUE;
  return FALSE;
}

/* Turning to another incident shows only its own final report: the
 * sections of the one left go, the two every report has stay, empty or
 * with this incident's text and author. */
static void
test_final_report_switch (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SitrepFinalReportEditor *editor = SITREP_FINAL_REPORT_EDITOR (sitrep_final_report_editor_new ());
  GtkTextBuffer *technical;
  GtkTextBuffer *web;
  g_autofree char *text = NULL;

  g_assert_true (sitrep_store_set_team_section (fixture->store, fixture->id, "Technical team",
                                                "The release broke the session store.", "Ben",
                                                &error));
  g_assert_true (sitrep_store_set_team_section (fixture->store, fixture->id, "Database team",
                                                "Replica lag reached 40 s.", "Dana", &error));
  g_assert_true (sitrep_store_set_team_section (fixture->store, fixture->other_id, "Web team",
                                                "The certificate was renewed by hand.", "Cleo",
                                                &error));
  g_assert_no_error (error);

  gtk_window_set_child (fixture->window, GTK_WIDGET (editor));
  sitrep_final_report_editor_set_context (editor, fixture->context);
  sitrep_final_report_editor_set_user_name (editor, "Ben");
  sitrep_final_report_editor_set_incident_id (editor, fixture->id);
  gui_test_wait_for_writes (fixture->store);
  g_assert_nonnull (sitrep_final_report_editor_get_team_buffer (editor, "Database team"));

  sitrep_final_report_editor_set_incident_id (editor, fixture->other_id);
  gui_test_wait_for_writes (fixture->store);
  g_assert_null (sitrep_final_report_editor_get_team_buffer (editor, "Database team"));
  technical = sitrep_final_report_editor_get_team_buffer (editor, "Technical team");
  web = sitrep_final_report_editor_get_team_buffer (editor, "Web team");
  g_assert_nonnull (technical);
  g_assert_nonnull (web);
  text = buffer_text (technical);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);
  text = buffer_text (web);
  g_assert_cmpstr (text, ==, "The certificate was renewed by hand.");
  g_clear_pointer (&text, g_free);
  g_assert_false (sitrep_final_report_editor_get_changed (editor));
  g_assert_true (find_label (GTK_WIDGET (editor), "Cleo"));
  g_assert_false (find_label (GTK_WIDGET (editor), "Ben"));

  /* Back to the first: its own sections, and no one else's author. */
  sitrep_final_report_editor_set_incident_id (editor, fixture->id);
  gui_test_wait_for_writes (fixture->store);
  technical = sitrep_final_report_editor_get_team_buffer (editor, "Technical team");
  text = buffer_text (technical);
  g_assert_cmpstr (text, ==, "The release broke the session store.");
  g_clear_pointer (&text, g_free);
  g_assert_nonnull (sitrep_final_report_editor_get_team_buffer (editor, "Database team"));
  g_assert_false (find_label (GTK_WIDGET (editor), "Cleo"));
}

static void
searched_cb (SitrepRecoveryPage *page,
             gboolean           *done)
{
  *done = TRUE;
}

static void
restored_cb (SitrepRecoveryPage *page,
             const char         *kept_path,
             char              **kept)
{
  *kept = g_strdup (kept_path);
}

static void
test_recovery (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) reopened = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *when = NULL;
  g_autofree char *label = NULL;
  g_autofree char *details = g_strnfill (2000, 'x');
  SitrepRecoveryPage *page;
  gboolean searched = FALSE;

  /* Enough pages for the damage to reach the incidents. */
  for (int i = 0; i < 20; i++)
    {
      gint64 id = create (fixture->store, "Mail server down", 2);

      g_assert_true (sitrep_store_set_field (fixture->store, id, "details", details, "Ana",
                                             &error));
      g_assert_no_error (error);
    }
  g_assert_true (sitrep_backup_take (fixture->path, SITREP_BACKUP_DAILY, fixture->clock,
                                     &backup, &error));
  g_assert_no_error (error);

  /* The section lets go of the store once it is gone: the database is
   * closed, its log folded in. */
  gtk_window_set_child (fixture->window, NULL);
  gui_test_wait_for_writes (fixture->store);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->store);
  gui_test_damage_database (fixture->path);

  reopened = sitrep_store_open (fixture->path, fixture->clock, &error);
  g_assert_null (reopened);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);

  page = SITREP_RECOVERY_PAGE (sitrep_recovery_page_new (fixture->path, error->message,
                                                         fixture->clock));
  g_clear_error (&error);
  g_signal_connect (page, "searched", G_CALLBACK (searched_cb), &searched);
  g_signal_connect (page, "restored", G_CALLBACK (restored_cb), &kept);
  gtk_window_set_child (fixture->window, GTK_WIDGET (page));
  while (!searched)
    g_main_context_iteration (NULL, TRUE);

  /* The offer names the backup's time; nothing was restored by itself. */
  g_assert_cmpstr (sitrep_recovery_page_get_backup_path (page), ==, backup);
  when = sitrep_recovery_page_format_backup_time (backup);
  g_assert_cmpstr (when, ==, "2026-03-02 10:00");
  label = g_strdup_printf ("_Restore Backup From %s", when);
  g_assert_true (gtk_widget_get_visible (child (GTK_WIDGET (page), "restore_button")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (GTK_WIDGET (page), "restore_button"))),
                   ==, label);
  reopened = sitrep_store_open (fixture->path, fixture->clock, &error);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "recovery.restore", NULL));
  while (kept == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));

  reopened = sitrep_store_open (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);
  incident = sitrep_store_get_incident (reopened, fixture->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Login fails after the release");
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  adw_init ();

  /* The templates live in the resources of the static gui library. */
  g_resources_register (sitrep_get_resource ());

  g_test_add ("/sitrep/complaints/add", Fixture, NULL,
              fixture_setup, test_add, fixture_teardown);
  g_test_add ("/sitrep/complaints/verdict-by-keyboard", Fixture, NULL,
              fixture_setup, test_verdict_by_keyboard, fixture_teardown);
  g_test_add ("/sitrep/complaints/read-only", Fixture, NULL,
              fixture_setup, test_read_only, fixture_teardown);
  g_test_add ("/sitrep/complaints/move", Fixture, NULL,
              fixture_setup, test_move, fixture_teardown);
  g_test_add ("/sitrep/complaints/final-report", Fixture, NULL,
              fixture_setup, test_final_report, fixture_teardown);
  g_test_add ("/sitrep/complaints/final-report-switch", Fixture, NULL,
              fixture_setup, test_final_report_switch, fixture_teardown);
  g_test_add ("/sitrep/complaints/recovery", Fixture, NULL,
              fixture_setup, test_recovery, fixture_teardown);

  return g_test_run ();
}
