/* test-team-view.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <libpq-fe.h>

#include "sitrep-complaint-dialog.h"
#include "sitrep-final-report-editor.h"
#include "sitrep-incident-view.h"
#include "sitrep-new-incident-dialog.h"
#include "sitrep-reports-view.h"
#include "sitrep-resources.h"
#include "sitrep-timeline-view.h"
#include "sitrep-transition-dialog.h"
#include "test-gui-common.h"
#include "test-team-common.h"

/*
 * The incident view on a team database whose server keeps a write
 * waiting: another desk holds the incident's row. The window goes on
 * meanwhile (its main loop runs, the note stays as typed and says it is
 * on its way), and what was written shows when the other desk lets go.
 * The same for reads, while another session locks the incidents' table:
 * the pane says it is reading, and shows the incident once it may.
 * Run by tests/run-on-team, on a throwaway cluster.
 */

#define T0 G_GINT64_CONSTANT (1772442000)

typedef struct
{
  char               *address;
  SitrepClock        *clock;
  SitrepStore        *store;
  GSettings          *settings;
  SitrepContext      *context;
  gint64              id;
  GtkWindow          *window;
  SitrepIncidentView *view;
  PGconn             *other;   /* the other desk, holding the row */
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();

  fixture->address = store_test_new_team_database ();
  fixture->clock = sitrep_clock_new_fake (T0 + 60);
  fixture->store = sitrep_store_open (fixture->address, fixture->clock, &error);
  g_assert_no_error (error);

  sitrep_incident_set_title (incident, "Login fails after the release");
  sitrep_incident_set_service (incident, "Customer portal");
  sitrep_incident_set_level (incident, 2);
  sitrep_incident_set_occurred_at (incident, T0);
  sitrep_incident_set_reported_at (incident, T0);
  sitrep_store_create_incident (fixture->store, incident, "Ana", &error);
  g_assert_no_error (error);
  fixture->id = sitrep_incident_get_id (incident);

  fixture->settings = g_settings_new (SITREP_SETTINGS_SCHEMA);
  g_settings_set_string (fixture->settings, "user-name", "Ben");
  fixture->context = sitrep_context_new (fixture->store, fixture->settings);

  fixture->view = SITREP_INCIDENT_VIEW (sitrep_incident_view_new ());
  g_object_set (fixture->view, "context", fixture->context, "incident-id", fixture->id, NULL);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);

  /* The incident comes from the worker: the cases start once it is on
   * show, as a user starts once they see it. */
  while (sitrep_incident_view_get_incident (fixture->view) == NULL)
    g_main_context_iteration (NULL, TRUE);
  gui_test_drain ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->other != NULL)
    PQfinish (fixture->other);
  gtk_window_destroy (fixture->window);
  gui_test_drain ();
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->clock);
  store_test_drop_team_database (fixture->address);
  g_free (fixture->address);
}

static void
other_desk_exec (Fixture    *fixture,
                 const char *sql)
{
  PGresult *result;

  if (fixture->other == NULL)
    fixture->other = PQconnectdb (fixture->address);
  g_assert_cmpint (PQstatus (fixture->other), ==, CONNECTION_OK);
  result = PQexec (fixture->other, sql);
  g_assert_cmpint (PQresultStatus (result), !=, PGRES_FATAL_ERROR);
  PQclear (result);
}

/* The other desk holds the incident's row, as its own write would. */
static void
hold_row (Fixture *fixture)
{
  g_autofree char *sql = g_strdup_printf ("BEGIN; SELECT 1 FROM incidents WHERE id = %"
                                          G_GINT64_FORMAT " FOR UPDATE", fixture->id);

  other_desk_exec (fixture, sql);
}

/* Runs the main loop for @ms; returns how often a 20 ms timeout fired,
 * which it cannot while something holds the loop. A loop held by a
 * write or read waiting for the other session's lock (3 s) counts one
 * tick at most; a loaded machine still counts far more than a quarter
 * of the ideal. */
static guint
run_loop_for (guint ms)
{
  guint ticks = 0;
  guint id = g_timeout_add (20, store_test_count_tick, &ticks);
  gint64 until = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_source_remove (id);
  return ticks;
}

static void
flag_read_done (SitrepIncident *incident,
                GPtrArray      *timeline,
                const GError   *error,
                gpointer        user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* Reads run one after the other: once a read asked for now is back, so
 * are all those asked for before it. */
static void
wait_for_reads (Fixture *fixture)
{
  gboolean done = FALSE;

  sitrep_context_read_incident (fixture->context, fixture->id, SITREP_CONTEXT_READ_INCIDENT,
                                NULL, flag_read_done, &done, NULL);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  gui_test_drain ();
}

static void
wait_for_writes (Fixture *fixture)
{
  while (sitrep_store_get_pending_writes (fixture->store) > 0)
    g_main_context_iteration (NULL, TRUE);
  wait_for_reads (fixture);
}

/* Another session keeps everyone from reading incidents. */
static void
lock_incidents (Fixture *fixture)
{
  other_desk_exec (fixture, "BEGIN; LOCK TABLE incidents IN ACCESS EXCLUSIVE MODE");
}

/* Whether the timeline on show has an entry that reads @text, or that
 * begins with it when @prefix (a notice's entry goes on with its
 * subject). */
static gboolean
timeline_shows (Fixture    *fixture,
                const char *text,
                gboolean    prefix)
{
  SitrepTimelineView *timeline =
    SITREP_TIMELINE_VIEW (sitrep_incident_view_get_timeline (fixture->view));

  for (guint i = 0; i < sitrep_timeline_view_get_n_items (timeline); i++)
    {
      const char *shown = sitrep_timeline_view_get_item_text (timeline, i);

      if (prefix ? g_str_has_prefix (shown, text) : g_strcmp0 (shown, text) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Lets the main loop run until the timeline shows @text (see
 * timeline_shows()), for 30 s at most (a bound for a broken case on a
 * crowded machine, not a measure): what another desk wrote, or a write
 * that waited behind a read, comes after the last write known. */
static void
wait_for_timeline (Fixture    *fixture,
                   const char *text,
                   gboolean    prefix)
{
  gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!timeline_shows (fixture, text, prefix) && g_get_monotonic_time () < until)
    wait_for_writes (fixture);
}

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *found = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (found);
  return found;
}

static const char *
visible_page (Fixture *fixture)
{
  GtkStack *stack = child (fixture->view, SITREP_TYPE_INCIDENT_VIEW, "stack");

  return gtk_stack_get_visible_child_name (stack);
}

static char *
composer_text (Fixture *fixture)
{
  GtkTextView *view = child (fixture->view, SITREP_TYPE_INCIDENT_VIEW, "composer_view");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* A note added while the server keeps it waiting. */
static void
test_note_waits (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkTextView *composer = child (fixture->view, SITREP_TYPE_INCIDENT_VIEW, "composer_view");
  GtkLabel *draft_label = child (fixture->view, SITREP_TYPE_INCIDENT_VIEW, "draft_label");
  g_autofree char *text = NULL;

  hold_row (fixture);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (composer), "DBA joined the bridge", -1);
  gui_test_drain ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "incident.add-note",
                                             NULL));

  /* a second of waiting: the window went on all along, and the note is
   * still there, saying that it is on its way, not to be typed over or
   * sent twice */
  g_assert_cmpuint (run_loop_for (1000), >=, 8);
  text = composer_text (fixture);
  g_assert_cmpstr (text, ==, "DBA joined the bridge");
  g_assert_false (gtk_text_view_get_editable (composer));
  g_assert_cmpstr (gtk_label_get_label (draft_label), ==, "Adding…");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (draft_label)));
  g_assert_false (timeline_shows (fixture, "DBA joined the bridge", FALSE));

  other_desk_exec (fixture, "COMMIT");
  wait_for_timeline (fixture, "DBA joined the bridge", FALSE);
  g_assert_true (timeline_shows (fixture, "DBA joined the bridge", FALSE));
  g_clear_pointer (&text, g_free);
  text = composer_text (fixture);
  g_assert_cmpstr (text, ==, "");
  g_assert_true (gtk_text_view_get_editable (composer));
}

/* A field saved while the server keeps it waiting, then another save
 * of the same incident before the first is in: both are kept, neither
 * is called stale because of the other. */
static void
test_fields_wait (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *title = child (fixture->view, SITREP_TYPE_INCIDENT_VIEW, "title_row");
  GtkWidget *service = child (fixture->view, SITREP_TYPE_INCIDENT_VIEW, "service_row");
  g_autoptr(SitrepIncident) stored = NULL;
  g_autoptr(GError) error = NULL;

  hold_row (fixture);
  gtk_editable_set_text (GTK_EDITABLE (title), "Login fails for all users");
  g_signal_emit_by_name (title, "apply");
  gtk_editable_set_text (GTK_EDITABLE (service), "Customer portal (EU)");
  g_signal_emit_by_name (service, "apply");
  g_assert_cmpuint (run_loop_for (600), >=, 5);
  /* what was typed stays */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Login fails for all users");

  other_desk_exec (fixture, "COMMIT");
  wait_for_writes (fixture);
  stored = sitrep_store_get_incident (fixture->store, fixture->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_title (stored), ==, "Login fails for all users");
  g_assert_cmpstr (sitrep_incident_get_service (stored), ==, "Customer portal (EU)");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Login fails for all users");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (service)), ==, "Customer portal (EU)");
}

/* A status change confirmed while the server keeps it waiting: the
 * dialog stays, and cannot be confirmed twice, until the change is in. */
static void
test_transition_waits (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(SitrepIncident) incident = sitrep_store_get_incident (fixture->store, fixture->id,
                                                                  NULL);
  GtkWidget *dialog = sitrep_transition_dialog_new (fixture->window, fixture->context, incident,
                                                    SITREP_TRANSITION_ACKNOWLEDGE);
  GtkWidget *confirm = child (dialog, SITREP_TYPE_TRANSITION_DIALOG, "confirm_button");
  g_autoptr(SitrepIncident) stored = NULL;
  GWeakRef weak;

  g_weak_ref_init (&weak, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gui_test_drain ();
  hold_row (fixture);
  g_assert_true (gtk_widget_get_sensitive (confirm));
  g_signal_emit_by_name (confirm, "clicked");
  g_assert_cmpuint (run_loop_for (600), >=, 5);
  g_assert_false (gtk_widget_get_sensitive (confirm));
  g_assert_true (gtk_widget_get_visible (dialog));

  other_desk_exec (fixture, "COMMIT");
  wait_for_writes (fixture);
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);
  stored = sitrep_store_get_incident (fixture->store, fixture->id, NULL);
  g_assert_cmpint (sitrep_incident_get_status (stored), ==, SITREP_STATUS_ACKNOWLEDGED);
}

/* Another incident chosen while the server keeps reads waiting: the
 * window goes on, the pane says it is reading and shows nothing of the
 * incident before, then the chosen one once it could be read. */
static gint64
create_second (Fixture *fixture)
{
  g_autoptr(SitrepIncident) second = sitrep_incident_new ();
  g_autoptr(GError) error = NULL;

  sitrep_incident_set_title (second, "Payments time out");
  sitrep_incident_set_service (second, "Checkout");
  sitrep_incident_set_level (second, 1);
  sitrep_incident_set_occurred_at (second, T0);
  sitrep_incident_set_reported_at (second, T0);
  sitrep_store_create_incident (fixture->store, second, "Ana", &error);
  g_assert_no_error (error);
  wait_for_reads (fixture);

  return sitrep_incident_get_id (second);
}

static void
test_choice_reads_later (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkLabel *title = child (fixture->view, SITREP_TYPE_INCIDENT_VIEW, "title_label");
  gint64 second = create_second (fixture);

  g_assert_cmpstr (gtk_label_get_label (title), ==, "Login fails after the release");

  lock_incidents (fixture);
  sitrep_incident_view_set_incident_id (fixture->view, second);
  g_assert_cmpuint (run_loop_for (600), >=, 5);
  g_assert_cmpstr (visible_page (fixture), ==, "reading");
  g_assert_null (sitrep_incident_view_get_incident (fixture->view));

  other_desk_exec (fixture, "COMMIT");
  wait_for_reads (fixture);
  g_assert_cmpstr (visible_page (fixture), ==, "incident");
  g_assert_cmpint (sitrep_incident_get_id (sitrep_incident_view_get_incident (fixture->view)),
                   ==, second);
  g_assert_cmpstr (gtk_label_get_label (title), ==, "Payments time out");
}

/* Kept from reading longer than a lock may be waited for: the pane says
 * why, and Try Again shows the incident once the lock is gone. */
static void
test_choice_unreadable (Fixture       *fixture,
                        gconstpointer  data)
{
  AdwStatusPage *page = child (fixture->view, SITREP_TYPE_INCIDENT_VIEW, "unreadable_page");
  gint64 second = create_second (fixture);
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  lock_incidents (fixture);
  sitrep_incident_view_set_incident_id (fixture->view, second);
  while (g_strcmp0 (visible_page (fixture), "reading") == 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (visible_page (fixture), ==, "unreadable");
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "Another session"));
  g_assert_null (sitrep_incident_view_get_incident (fixture->view));

  other_desk_exec (fixture, "COMMIT");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "incident.read-again",
                                             NULL));
  wait_for_reads (fixture);
  g_assert_cmpstr (visible_page (fixture), ==, "incident");
  g_assert_cmpint (sitrep_incident_get_id (sitrep_incident_view_get_incident (fixture->view)),
                   ==, second);
}

/* Another desk's note, announced while the server keeps reads waiting:
 * the window goes on showing the incident as it was, then the note. */
static void
test_change_reads_later (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SitrepStore) other = NULL;
  g_autoptr(GError) error = NULL;

  other = sitrep_store_open (fixture->address, fixture->clock, &error);
  g_assert_no_error (error);
  sitrep_store_add_note (other, fixture->id, T0 + 30, "Cleo", SITREP_TAG_NONE,
                         "Rollback started", &error);
  g_assert_no_error (error);
  lock_incidents (fixture);

  g_assert_cmpuint (run_loop_for (1000), >=, 8);
  g_assert_cmpstr (visible_page (fixture), ==, "incident");
  g_assert_false (timeline_shows (fixture, "Rollback started", FALSE));

  other_desk_exec (fixture, "COMMIT");
  /* the notice reaches this desk on the main loop, and its read follows */
  wait_for_timeline (fixture, "Rollback started", FALSE);
  g_assert_true (timeline_shows (fixture, "Rollback started", FALSE));
}

/* A notice marked sent while the server keeps the write waiting: the
 * window goes on, and the notice is recorded once the lock is gone. */
static void
test_notice_waits (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *communication = child (fixture->view, SITREP_TYPE_INCIDENT_VIEW,
                                    "communication_view");

  lock_incidents (fixture);
  g_assert_true (gtk_widget_activate_action (communication, "communication.mark-sent", "i",
                                             SITREP_NOTICE_INITIAL));
  g_assert_cmpuint (run_loop_for (600), >=, 5);
  g_assert_false (timeline_shows (fixture, "Initial notification sent", TRUE));

  other_desk_exec (fixture, "COMMIT");
  /* the draft is read first, behind what waited for the lock; the write
   * follows it */
  wait_for_timeline (fixture, "Initial notification sent", TRUE);
  g_assert_true (timeline_shows (fixture, "Initial notification sent", TRUE));
}

/* A complaint added while the server keeps the write waiting: the
 * dialog stays, and cannot be confirmed twice, until the complaint is
 * in; then it closes. */
static void
test_complaint_waits (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *dialog = sitrep_complaint_dialog_new_add (fixture->store, fixture->id, "Ben");
  GtkWidget *confirm = child (dialog, SITREP_TYPE_COMPLAINT_DIALOG, "confirm_button");
  g_autoptr(GPtrArray) complaints = NULL;
  GWeakRef weak;

  g_weak_ref_init (&weak, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, SITREP_TYPE_COMPLAINT_DIALOG,
                                              "customer_row")), "Acme Travel");
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, SITREP_TYPE_COMPLAINT_DIALOG,
                                              "summary_row")), "Cannot log in");
  gui_test_drain ();

  lock_incidents (fixture);
  g_signal_emit_by_name (confirm, "clicked");
  g_assert_cmpuint (run_loop_for (600), >=, 5);
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_false (gtk_widget_get_sensitive (confirm));
  g_assert_false (sitrep_complaint_dialog_apply (SITREP_COMPLAINT_DIALOG (dialog), NULL));

  other_desk_exec (fixture, "COMMIT");
  wait_for_writes (fixture);
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);
  complaints = sitrep_store_list_complaints (fixture->store, fixture->id, NULL);
  g_assert_cmpuint (complaints->len, ==, 1);
}

/* The final report saved while the server keeps the write waiting: the
 * window goes on, the text stays, and it is stored once the lock is
 * gone. */
static void
test_final_report_waits (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *editor = child (fixture->view, SITREP_TYPE_INCIDENT_VIEW, "final_report_editor");
  GtkWidget *impact = child (editor, SITREP_TYPE_FINAL_REPORT_EDITOR, "impact_row");
  g_autoptr(SitrepIncident) stored = NULL;

  gtk_editable_set_text (GTK_EDITABLE (impact), "Logins failed for 40 minutes");
  lock_incidents (fixture);
  g_assert_true (gtk_widget_activate_action (editor, "final-report.save", NULL));
  g_assert_cmpuint (run_loop_for (600), >=, 5);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (impact)), ==,
                   "Logins failed for 40 minutes");

  other_desk_exec (fixture, "COMMIT");
  wait_for_writes (fixture);
  stored = sitrep_store_get_incident (fixture->store, fixture->id, NULL);
  g_assert_cmpstr (sitrep_incident_get_impact (stored), ==, "Logins failed for 40 minutes");
  g_assert_false (sitrep_final_report_editor_get_changed (SITREP_FINAL_REPORT_EDITOR (editor)));
}

static void
created_cb (SitrepNewIncidentDialog *dialog,
            gint64                   id,
            gint64                  *out)
{
  *out = id;
}

/* A new incident created while the server keeps the write waiting: the
 * dialog stays, with what was typed and Create dimmed, then closes once
 * the incident is in. */
static void
test_creation_waits (Fixture       *fixture,
                     gconstpointer  data)
{
  SitrepNewIncidentDialog *dialog = sitrep_new_incident_dialog_new (fixture->context);
  GtkWidget *create = child (dialog, SITREP_TYPE_NEW_INCIDENT_DIALOG, "create_button");
  GtkWidget *title = child (dialog, SITREP_TYPE_NEW_INCIDENT_DIALOG, "title_row");
  GtkWidget *service = child (dialog, SITREP_TYPE_NEW_INCIDENT_DIALOG, "service_row");
  g_autoptr(SitrepIncident) stored = NULL;
  gint64 id = 0;
  GWeakRef weak;

  g_weak_ref_init (&weak, dialog);
  g_signal_connect (dialog, "created", G_CALLBACK (created_cb), &id);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_editable_set_text (GTK_EDITABLE (title), "VPN drops every hour");
  gtk_editable_set_text (GTK_EDITABLE (service), "Remote access");
  gui_test_drain ();

  lock_incidents (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.create", NULL));
  g_assert_cmpuint (run_loop_for (600), >=, 5);
  g_assert_cmpint (id, ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_false (gtk_widget_is_sensitive (create));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "VPN drops every hour");

  other_desk_exec (fixture, "COMMIT");
  wait_for_writes (fixture);
  g_assert_cmpint (id, >, 0);
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);
  stored = sitrep_store_get_incident (fixture->store, id, NULL);
  g_assert_cmpstr (sitrep_incident_get_title (stored), ==, "VPN drops every hour");
}

/* The monthly analysis of a team database (Ctrl+M) is read from the
 * server, on a worker of its own: the month's incident is counted. */
static void
test_monthly_analysis (Fixture       *fixture,
                       gconstpointer  data)
{
  SitrepReportsView *view;
  SitrepReport *report;

  sitrep_reports_view_present_window (fixture->window, fixture->store, fixture->clock);
  view = SITREP_REPORTS_VIEW (find_in_toplevels (SITREP_TYPE_REPORTS_VIEW));
  g_assert_nonnull (view);

  while (sitrep_reports_view_get_loading (view))
    g_main_context_iteration (NULL, TRUE);
  report = sitrep_reports_view_get_report (view);
  g_assert_nonnull (report);
  g_assert_cmpuint (sitrep_report_get_monthly (report)->reported, ==, 1);

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (view))));
  gui_test_drain ();
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  adw_init ();
  g_resources_register (sitrep_get_resource ());

  g_test_add ("/sitrep/team-view/note-waits", Fixture, NULL, fixture_setup, test_note_waits,
              fixture_teardown);
  g_test_add ("/sitrep/team-view/fields-wait", Fixture, NULL, fixture_setup, test_fields_wait,
              fixture_teardown);
  g_test_add ("/sitrep/team-view/transition-waits", Fixture, NULL, fixture_setup,
              test_transition_waits, fixture_teardown);
  g_test_add ("/sitrep/team-view/notice-waits", Fixture, NULL, fixture_setup,
              test_notice_waits, fixture_teardown);
  g_test_add ("/sitrep/team-view/final-report-waits", Fixture, NULL, fixture_setup,
              test_final_report_waits, fixture_teardown);
  g_test_add ("/sitrep/team-view/complaint-waits", Fixture, NULL, fixture_setup,
              test_complaint_waits, fixture_teardown);
  g_test_add ("/sitrep/team-view/creation-waits", Fixture, NULL, fixture_setup,
              test_creation_waits, fixture_teardown);
  g_test_add ("/sitrep/team-view/choice-reads-later", Fixture, NULL, fixture_setup,
              test_choice_reads_later, fixture_teardown);
  g_test_add ("/sitrep/team-view/choice-unreadable", Fixture, NULL, fixture_setup,
              test_choice_unreadable, fixture_teardown);
  g_test_add ("/sitrep/team-view/change-reads-later", Fixture, NULL, fixture_setup,
              test_change_reads_later, fixture_teardown);
  g_test_add ("/sitrep/team-view/monthly-analysis", Fixture, NULL, fixture_setup,
              test_monthly_analysis, fixture_teardown);

  return g_test_run ();
}
