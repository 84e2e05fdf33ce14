/* test-report-gui.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sitrep-chart-widget.h"
#include "sitrep-report-dialog.h"
#include "sitrep-report-render.h"
#include "sitrep-reports-view.h"
#include "sitrep-resources.h"
#include "test-gui-common.h"

/*
 * The report dialog and the Reports view, under Xvfb. The Reports view
 * computes on a worker thread: the tests wait on the main loop for it.
 */

/* 2026-03-20T12:00:00Z; the tests run with TZ=UTC */
#define NOW G_GINT64_CONSTANT (1774008000)

typedef struct
{
  char        *dir;
  char        *path;
  SitrepClock *clock;
  SitrepStore *store;
  gint64       id;
  char        *sent_text;
  char        *sent_how;
  guint        n_sent;
} Fixture;

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the view has computed its month. */
static void
wait_loaded (SitrepReportsView *view)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (60, timeout_cb, &timed_out);

  while (sitrep_reports_view_get_loading (view) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  iterate ();
}

static gint64
create (Fixture *f,
        int      level,
        gint64   reported_at)
{
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(GError) error = NULL;

  sitrep_incident_set_title (incident, "Payment gateway timeouts");
  sitrep_incident_set_service (incident, "Payments");
  sitrep_incident_set_level (incident, level);
  sitrep_incident_set_cause_category (incident, SITREP_CAUSE_NETWORK);
  sitrep_incident_set_reported_at (incident, reported_at);
  g_assert_true (sitrep_store_create_incident (f->store, incident, "Li Wei", &error));
  g_assert_no_error (error);

  return sitrep_incident_get_id (incident);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sitrep-report-gui-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "sitrep.db", NULL);
  f->clock = sitrep_clock_new_fake (NOW);
  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);

  /* three in March, one in February */
  f->id = create (f, 1, NOW - 3600);
  g_assert_true (sitrep_store_add_note (f->store, f->id, NOW - 3000, "Li Wei",
                                        SITREP_TAG_CONDITION, "Card payments time out", &error));
  g_assert_true (sitrep_store_transition (f->store, f->id, SITREP_TRANSITION_ACKNOWLEDGE,
                                          NOW - 3300, "Li Wei", NULL, NULL, &error));
  g_assert_no_error (error);
  create (f, 2, NOW - 5 * 86400);
  create (f, 3, NOW - 10 * 86400);
  create (f, 2, NOW - 30 * 86400);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  iterate ();
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->sent_text);
  g_free (f->sent_how);
}

static void
sent_cb (SitrepReportDialog *dialog,
         const char         *text,
         const char         *how,
         Fixture            *f)
{
  g_free (f->sent_text);
  g_free (f->sent_how);
  f->sent_text = g_strdup (text);
  f->sent_how = g_strdup (how);
  f->n_sent++;
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

static void
find_charts (GtkWidget *widget,
             GPtrArray *charts)
{
  if (SITREP_IS_CHART_WIDGET (widget))
    g_ptr_array_add (charts, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    find_charts (c, charts);
}

static void
test_reports_view (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = sitrep_reports_view_new ();
  g_autoptr(GPtrArray) charts = g_ptr_array_new ();
  SitrepReport *report;
  GObject *month_label, *figures;
  int year, month;

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_present (GTK_WINDOW (window));

  sitrep_reports_view_set_database (SITREP_REPORTS_VIEW (view), f->path, f->clock);
  g_assert_true (sitrep_reports_view_get_loading (SITREP_REPORTS_VIEW (view)));
  wait_loaded (SITREP_REPORTS_VIEW (view));

  /* the clock's month first */
  sitrep_reports_view_get_month (SITREP_REPORTS_VIEW (view), &year, &month);
  g_assert_cmpint (year, ==, 2026);
  g_assert_cmpint (month, ==, 3);
  report = sitrep_reports_view_get_report (SITREP_REPORTS_VIEW (view));
  g_assert_nonnull (report);
  g_assert_cmpint (sitrep_report_get_monthly (report)->reported, ==, 3);
  g_assert_cmpint (sitrep_report_get_previous (report)->reported, ==, 1);

  month_label = gtk_widget_get_template_child (view, SITREP_TYPE_REPORTS_VIEW, "month_label");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (month_label)), ==, "March 2026");
  figures = gtk_widget_get_template_child (view, SITREP_TYPE_REPORTS_VIEW, "figures_box");
  g_assert_cmpuint (count_children (GTK_WIDGET (figures)), ==, 5);

  find_charts (view, charts);
  g_assert_cmpuint (charts->len, ==, 3);
  for (guint i = 0; i < charts->len; i++)
    g_assert_true (sitrep_chart_widget_get_report (g_ptr_array_index (charts, i)) == report);

  /* the previous month, by its action */
  g_assert_true (gtk_widget_activate_action (view, "reports.previous-month", NULL));
  g_assert_true (sitrep_reports_view_get_loading (SITREP_REPORTS_VIEW (view)));
  wait_loaded (SITREP_REPORTS_VIEW (view));
  report = sitrep_reports_view_get_report (SITREP_REPORTS_VIEW (view));
  g_assert_cmpint (sitrep_report_get_monthly (report)->month, ==, 2);
  g_assert_cmpint (sitrep_report_get_monthly (report)->reported, ==, 1);

  /* months picked in quick succession: only the last one is shown */
  sitrep_reports_view_set_month (SITREP_REPORTS_VIEW (view), 2025, 7);
  sitrep_reports_view_set_month (SITREP_REPORTS_VIEW (view), 2026, 3);
  wait_loaded (SITREP_REPORTS_VIEW (view));
  report = sitrep_reports_view_get_report (SITREP_REPORTS_VIEW (view));
  g_assert_cmpint (sitrep_report_get_monthly (report)->year, ==, 2026);
  g_assert_cmpint (sitrep_report_get_monthly (report)->month, ==, 3);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (month_label)), ==, "March 2026");

  /* Report… opens the month's analysis in the report dialog */
  g_assert_true (gtk_widget_activate_action (view, "reports.show-report", NULL));
  iterate ();
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    SitrepReportDialog *dialog = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        if (SITREP_IS_REPORT_DIALOG (toplevel))
          dialog = SITREP_REPORT_DIALOG (toplevel);
      }
    g_assert_nonnull (dialog);
    g_assert_true (sitrep_report_dialog_get_report (dialog) == report);
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static void
test_report_dialog (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) report = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *text = NULL;
  g_autofree char *md_path = g_build_filename (f->dir, "can.md", NULL);
  g_autofree char *pdf_path = g_build_filename (f->dir, "can.pdf", NULL);
  g_autofree char *saved = NULL;
  g_autoptr(GFile) md = g_file_new_for_path (md_path);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  GtkTextBuffer *buffer;
  GtkTextIter end;
  GtkWidget *dialog;
  GObject *view;
  GStatBuf st;

  report = sitrep_report_new_can (f->store, f->id, &error);
  g_assert_no_error (error);
  draft = sitrep_report_to_text (report);

  dialog = sitrep_report_dialog_new (report);
  g_signal_connect (dialog, "sent", G_CALLBACK (sent_cb), f);
  gtk_window_present (GTK_WINDOW (dialog));
  iterate ();

  text = sitrep_report_dialog_get_text (SITREP_REPORT_DIALOG (dialog));
  g_assert_cmpstr (text, ==, draft);
  g_assert_false (sitrep_report_dialog_get_edited (SITREP_REPORT_DIALOG (dialog)));
  g_assert_nonnull (strstr (text, "Card payments time out"));

  /* Copy: plain text, and announced */
  g_assert_true (gtk_widget_activate_action (dialog, "report.copy", NULL));
  g_assert_cmpuint (f->n_sent, ==, 1);
  g_assert_cmpstr (f->sent_how, ==, "copied");
  g_assert_cmpstr (f->sent_text, ==, draft);

  /* Unedited Markdown is the Markdown draft */
  g_assert_true (sitrep_report_dialog_save (SITREP_REPORT_DIALOG (dialog), md, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (md_path, &saved, NULL, NULL));
  g_assert_true (g_str_has_prefix (saved, "# CAN report — INC-1\n"));
  g_assert_cmpint (g_stat (md_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpstr (f->sent_how, ==, "saved-markdown");
  g_clear_pointer (&saved, g_free);

  /* What the user edited is what is saved and announced */
  view = gtk_widget_get_template_child (dialog, SITREP_TYPE_REPORT_DIALOG, "text_view");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "Next update at 13:00.\n", -1);
  g_assert_true (sitrep_report_dialog_get_edited (SITREP_REPORT_DIALOG (dialog)));
  g_assert_true (sitrep_report_dialog_save (SITREP_REPORT_DIALOG (dialog), md, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (md_path, &saved, NULL, NULL));
  g_assert_true (g_str_has_suffix (saved, "Next update at 13:00.\n"));
  g_assert_true (g_str_has_suffix (f->sent_text, "Next update at 13:00.\n"));

  g_assert_true (sitrep_report_dialog_save (SITREP_REPORT_DIALOG (dialog), pdf, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (f->sent_how, ==, "saved-pdf");
  g_assert_cmpuint (f->n_sent, ==, 4);

  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate ();
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

  ADD ("/sitrep/report-gui/reports-view", test_reports_view);
  ADD ("/sitrep/report-gui/report-dialog", test_report_dialog);

#undef ADD

  return g_test_run ();
}
