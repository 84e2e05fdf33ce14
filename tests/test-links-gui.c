/* test-links-gui.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "sitrep-context.h"
#include "sitrep-link-dialog.h"
#include "sitrep-links-view.h"
#include "sitrep-resources.h"
#include "test-gui-common.h"

/*
 * The links section and the Link Incident dialog, worked as a keyboard
 * user works them: the search has the focus, Enter (the search's
 * "activate") confirms the default action, Escape (its "stop-search", or
 * window.close elsewhere) cancels without a change.
 */

#define T0 G_GINT64_CONSTANT (1772442000)

typedef struct
{
  char            *dir;
  char            *path;
  SitrepClock     *clock;
  SitrepStore     *store;
  GSettings       *settings;
  SitrepContext   *context;
  gint64           major_id;
  gint64           duplicate_id;
  GtkWindow       *window;
  SitrepLinksView *view;
} Fixture;

static gint64
create (SitrepStore *store,
        const char  *title,
        int          level)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();

  sitrep_incident_set_title (incident, title);
  sitrep_incident_set_service (incident, "Web shop");
  sitrep_incident_set_level (incident, level);
  sitrep_incident_set_occurred_at (incident, T0);
  sitrep_incident_set_reported_at (incident, T0);
  g_assert_true (sitrep_store_create_incident (store, incident, "Ana", &error));
  g_assert_no_error (error);
  return sitrep_incident_get_id (incident);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sitrep-links-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "sitrep.db", NULL);

  fixture->clock = sitrep_clock_new_fake (T0 + 3600);
  fixture->store = sitrep_store_open (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);
  fixture->major_id = create (fixture->store, "Web shop down", 1);
  fixture->duplicate_id = create (fixture->store, "Shop broken", 2);

  fixture->settings = g_settings_new (SITREP_SETTINGS_SCHEMA);
  g_settings_set_string (fixture->settings, "user-name", "Ben");
  g_settings_set_string (fixture->settings, "user-role", "incident-manager");
  fixture->context = sitrep_context_new (fixture->store, fixture->settings);

  fixture->view = SITREP_LINKS_VIEW (sitrep_links_view_new ());
  sitrep_links_view_set_context (fixture->view, fixture->context);
  sitrep_links_view_set_incident_id (fixture->view, fixture->duplicate_id);

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
  g_clear_object (&fixture->settings);
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

static SitrepLinkDialog *
find_dialog (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (SITREP_IS_LINK_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* Opens the dialog as Ctrl+Shift+K or the button does. */
static SitrepLinkDialog *
open_dialog (Fixture *fixture)
{
  SitrepLinkDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "link.add", NULL));
  gui_test_wait_for_writes (fixture->store);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  return dialog;
}

/* Types @text and waits for the worker's answer. */
static void
type_and_wait (SitrepLinkDialog *dialog,
               const char       *text)
{
  GtkWidget *entry = child (GTK_WIDGET (dialog), "search_entry");
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* typing goes to the search: it has the focus */
  g_assert_true (gtk_widget_has_focus (entry) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* a generous bound for a slow machine; the test asserts no time */
  while (!sitrep_link_dialog_get_answered (dialog) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  gui_test_drain ();
  g_assert_true (sitrep_link_dialog_get_answered (dialog));
}

static guint
count_links (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = sitrep_store_list_links (fixture->store, fixture->duplicate_id,
                                                        &error);

  g_assert_no_error (error);
  return links->len;
}

static SitrepStatus
status_of (Fixture *fixture,
           gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_store_get_incident (fixture->store, id, &error);

  g_assert_no_error (error);
  return sitrep_incident_get_status (incident);
}

/* Done means: a duplicate linked to its major incident, by keyboard. */
static void
test_duplicate_by_keyboard (Fixture       *fixture,
                            gconstpointer  data)
{
  SitrepLinkDialog *dialog = open_dialog (fixture);
  GtkWidget *entry = child (GTK_WIDGET (dialog), "search_entry");
  GtkWidget *confirm = child (GTK_WIDGET (dialog), "confirm_button");
  g_autofree char *row = NULL;

  g_assert_cmpint (sitrep_link_dialog_get_kind (dialog), ==, SITREP_LINK_KIND_DUPLICATE_OF);
  type_and_wait (dialog, "inc-1");
  g_assert_cmpuint (sitrep_link_dialog_get_n_results (dialog), ==, 1);
  g_assert_cmpstr (sitrep_link_dialog_get_target_key (dialog), ==, "INC-1");
  g_assert_true (sitrep_link_dialog_get_cancels (dialog));
  /* the default button names what Enter will do */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (confirm)), ==,
                   "_Link to INC-1 and Cancel");
  g_assert_true (gtk_widget_get_sensitive (confirm));

  /* Enter */
  g_signal_emit_by_name (entry, "activate");
  gui_test_wait_for_writes (fixture->store);
  g_assert_null (find_dialog ());

  g_assert_cmpuint (count_links (fixture), ==, 1);
  g_assert_cmpint (status_of (fixture, fixture->duplicate_id), ==, SITREP_STATUS_CANCELLED);
  g_assert_cmpint (status_of (fixture, fixture->major_id), ==, SITREP_STATUS_NEW);

  /* the section follows the store */
  g_assert_cmpuint (sitrep_links_view_get_n_links (fixture->view), ==, 1);
  row = sitrep_links_view_dup_row_text (fixture->view, 0);
  g_assert_cmpstr (row, ==, "Duplicate of INC-1 · Web shop down");
  g_assert_cmpstr (sitrep_links_view_get_summary (fixture->view), ==, "Duplicate of INC-1");
}

/* Escape, in the search or anywhere, closes without a change. */
static void
test_escape (Fixture       *fixture,
             gconstpointer  data)
{
  SitrepLinkDialog *dialog = open_dialog (fixture);

  type_and_wait (dialog, "INC-1");
  g_assert_cmpstr (sitrep_link_dialog_get_target_key (dialog), ==, "INC-1");
  g_signal_emit_by_name (child (GTK_WIDGET (dialog), "search_entry"), "stop-search");
  gui_test_wait_for_writes (fixture->store);
  g_assert_null (find_dialog ());

  dialog = open_dialog (fixture);
  type_and_wait (dialog, "Web");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  gui_test_wait_for_writes (fixture->store);
  g_assert_null (find_dialog ());

  g_assert_cmpuint (count_links (fixture), ==, 0);
  g_assert_cmpint (status_of (fixture, fixture->duplicate_id), ==, SITREP_STATUS_NEW);
}

/* Enter while the search still runs, or with nothing found, does
 * nothing: it never links to an incident the user has not seen. */
static void
test_enter_too_early (Fixture       *fixture,
                      gconstpointer  data)
{
  SitrepLinkDialog *dialog = open_dialog (fixture);
  GtkWidget *entry = child (GTK_WIDGET (dialog), "search_entry");

  gtk_editable_set_text (GTK_EDITABLE (entry), "INC-1");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (find_dialog () == dialog);

  /* the list still shows INC-1 when "INC-12" is typed: Enter waits */
  type_and_wait (dialog, "INC-1");
  g_assert_cmpstr (sitrep_link_dialog_get_target_key (dialog), ==, "INC-1");
  gtk_editable_set_text (GTK_EDITABLE (entry), "INC-12");
  g_signal_emit_by_name (entry, "activate");
  gui_test_wait_for_writes (fixture->store);
  g_assert_true (find_dialog () == dialog);
  g_assert_cmpuint (count_links (fixture), ==, 0);

  type_and_wait (dialog, "no such words");
  g_assert_null (sitrep_link_dialog_get_target_key (dialog));
  g_signal_emit_by_name (entry, "activate");
  gui_test_wait_for_writes (fixture->store);
  g_assert_true (find_dialog () == dialog);
  g_assert_false (gtk_widget_get_sensitive (child (GTK_WIDGET (dialog), "confirm_button")));
  g_assert_cmpuint (count_links (fixture), ==, 0);

  gtk_window_close (GTK_WINDOW (dialog));
  gui_test_wait_for_writes (fixture->store);
}

/* Related to, without cancelling: the switch belongs to duplicates. */
static void
test_related (Fixture       *fixture,
              gconstpointer  data)
{
  SitrepLinkDialog *dialog = open_dialog (fixture);
  GtkWidget *confirm = child (GTK_WIDGET (dialog), "confirm_button");

  sitrep_link_dialog_set_kind (dialog, SITREP_LINK_KIND_RELATED_TO);
  type_and_wait (dialog, "Web shop down");
  g_assert_cmpstr (sitrep_link_dialog_get_target_key (dialog), ==, "INC-1");
  g_assert_false (sitrep_link_dialog_get_cancels (dialog));
  g_assert_false (gtk_widget_get_visible (child (GTK_WIDGET (dialog), "cancel_row")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (confirm)), ==, "_Link to INC-1");

  g_signal_emit_by_name (confirm, "clicked");
  gui_test_wait_for_writes (fixture->store);
  g_assert_null (find_dialog ());
  g_assert_cmpint (status_of (fixture, fixture->duplicate_id), ==, SITREP_STATUS_NEW);

  /* the other incident lists it too */
  sitrep_links_view_set_incident_id (fixture->view, fixture->major_id);
  {
    g_autofree char *row = sitrep_links_view_dup_row_text (fixture->view, 0);

    g_assert_cmpstr (row, ==, "Related to INC-2 · Shop broken");
  }
}

/* A rule's refusal stays in the dialog, which writes nothing. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SitrepLinkDialog *dialog;
  GtkWidget *error_label;

  g_assert_true (sitrep_store_add_link (fixture->store, fixture->duplicate_id,
                                        SITREP_LINK_KIND_RELATED_TO, "INC-1", FALSE, "Ana",
                                        &error));
  g_assert_no_error (error);

  dialog = open_dialog (fixture);
  sitrep_link_dialog_set_kind (dialog, SITREP_LINK_KIND_RELATED_TO);
  type_and_wait (dialog, "INC-1");
  g_signal_emit_by_name (child (GTK_WIDGET (dialog), "search_entry"), "activate");
  gui_test_wait_for_writes (fixture->store);

  g_assert_true (find_dialog () == dialog);
  error_label = child (GTK_WIDGET (dialog), "error_label");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "already linked"));
  g_assert_cmpuint (count_links (fixture), ==, 1);

  gtk_window_close (GTK_WINDOW (dialog));
  gui_test_wait_for_writes (fixture->store);
}

static AdwMessageDialog *
find_question (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* Removing a link asks first; keeping it (the default, and Escape)
 * changes nothing. */
static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = NULL;
  AdwMessageDialog *question;
  gint64 link_id;

  g_assert_true (sitrep_store_add_link (fixture->store, fixture->duplicate_id,
                                        SITREP_LINK_KIND_DUPLICATE_OF, "INC-1", TRUE, "Ana",
                                        &error));
  g_assert_no_error (error);
  gui_test_wait_for_writes (fixture->store);
  links = sitrep_store_list_links (fixture->store, fixture->duplicate_id, &error);
  g_assert_no_error (error);
  link_id = ((SitrepLink *) g_ptr_array_index (links, 0))->id;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "link.remove", "x",
                                             link_id));
  gui_test_wait_for_writes (fixture->store);
  question = find_question ();
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_default_response (question), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_close_response (question), ==, "cancel");
  adw_message_dialog_response (question, "cancel");
  gui_test_wait_for_writes (fixture->store);
  g_assert_cmpuint (count_links (fixture), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "link.remove", "x", link_id);
  gui_test_wait_for_writes (fixture->store);
  question = find_question ();
  g_assert_nonnull (question);
  adw_message_dialog_response (question, "remove");
  gui_test_wait_for_writes (fixture->store);
  g_assert_cmpuint (count_links (fixture), ==, 0);
  g_assert_cmpuint (sitrep_links_view_get_n_links (fixture->view), ==, 0);
  /* the duplicate stays cancelled */
  g_assert_cmpint (status_of (fixture, fixture->duplicate_id), ==, SITREP_STATUS_CANCELLED);
}

/* A viewer sees the links and cannot open the dialog. */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_store_add_link (fixture->store, fixture->duplicate_id,
                                        SITREP_LINK_KIND_CHILD_OF, "INC-1", FALSE, "Ana",
                                        &error));
  g_assert_no_error (error);
  gui_test_wait_for_writes (fixture->store);

  sitrep_links_view_set_read_only (fixture->view, TRUE);
  g_assert_cmpuint (sitrep_links_view_get_n_links (fixture->view), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (child (GTK_WIDGET (fixture->view), "add_button")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "link.add", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "link.remove", "x",
                              G_GINT64_CONSTANT (1));
  gui_test_wait_for_writes (fixture->store);
  g_assert_null (find_dialog ());
  g_assert_null (find_question ());
  g_assert_cmpuint (count_links (fixture), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  adw_init ();

  /* The templates live in the resources of the static gui library. */
  g_resources_register (sitrep_get_resource ());

  g_test_add ("/sitrep/links-gui/duplicate-by-keyboard", Fixture, NULL,
              fixture_setup, test_duplicate_by_keyboard, fixture_teardown);
  g_test_add ("/sitrep/links-gui/escape", Fixture, NULL,
              fixture_setup, test_escape, fixture_teardown);
  g_test_add ("/sitrep/links-gui/enter-too-early", Fixture, NULL,
              fixture_setup, test_enter_too_early, fixture_teardown);
  g_test_add ("/sitrep/links-gui/related", Fixture, NULL,
              fixture_setup, test_related, fixture_teardown);
  g_test_add ("/sitrep/links-gui/refused", Fixture, NULL,
              fixture_setup, test_refused, fixture_teardown);
  g_test_add ("/sitrep/links-gui/remove", Fixture, NULL,
              fixture_setup, test_remove, fixture_teardown);
  g_test_add ("/sitrep/links-gui/read-only", Fixture, NULL,
              fixture_setup, test_read_only, fixture_teardown);

  return g_test_run ();
}
