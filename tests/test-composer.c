/* test-composer.c: the composer's draft across incidents and restarts,
 * corrections as the timeline shows them, and the dialogs that correct a
 * note and the report's times
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "sitrep-drafts.h"
#include "sitrep-incident-view.h"
#include "sitrep-resources.h"
#include "sitrep-timeline-view.h"
#include "test-gui-common.h"

/* 2026-03-02 09:00:00 UTC; the tests run with TZ=UTC. */
#define T0 G_GINT64_CONSTANT (1772442000)

typedef struct
{
  char               *dir;
  char               *path;
  SitrepClock        *clock;
  SitrepStore        *store;
  GSettings          *settings;
  SitrepContext      *context;
  gint64              first;
  gint64              second;
  GtkWindow          *window;
  SitrepIncidentView *view;
} Fixture;

static gint64
create (SitrepStore *store,
        const char  *title)
{
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(GError) error = NULL;

  sitrep_incident_set_title (incident, title);
  sitrep_incident_set_service (incident, "Customer portal");
  sitrep_incident_set_level (incident, 2);
  sitrep_incident_set_occurred_at (incident, T0 - 600);
  sitrep_incident_set_reported_at (incident, T0 - 600);
  g_assert_true (sitrep_store_create_incident (store, incident, "Ana", &error));
  g_assert_no_error (error);

  return sitrep_incident_get_id (incident);
}

static void
open_window (Fixture *fixture,
             gint64   id)
{
  fixture->view = SITREP_INCIDENT_VIEW (sitrep_incident_view_new ());
  g_object_set (fixture->view, "context", fixture->context, "incident-id", id, NULL);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  gui_test_wait_for_writes (fixture->store);
}

static void
close_window (Fixture *fixture)
{
  gtk_window_destroy (fixture->window);
  gui_test_wait_for_writes (fixture->store);
  fixture->window = NULL;
  fixture->view = NULL;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sitrep-composer-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "sitrep.db", NULL);

  fixture->clock = sitrep_clock_new_fake (T0);
  fixture->store = sitrep_store_open (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);
  fixture->first = create (fixture->store, "Login fails after the release");
  fixture->second = create (fixture->store, "Reports are slow");

  fixture->settings = g_settings_new (SITREP_SETTINGS_SCHEMA);
  g_settings_set_string (fixture->settings, "user-name", "Ben");
  g_settings_set_string (fixture->settings, "user-role", "incident-manager");
  fixture->context = sitrep_context_new (fixture->store, fixture->settings);

  open_window (fixture, fixture->first);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

  if (fixture->window != NULL)
    close_window (fixture);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->clock);
  g_unlink (fixture->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* The first widget under @widget that is a @type and has @css_class (or
 * any, for NULL). */
static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The composer's tag picker (the view has other drop-downs). */
static GtkWidget *
find_tag_dropdown (GtkWidget *widget)
{
  if (GTK_IS_DROP_DOWN (widget)
      && g_strcmp0 (gtk_widget_get_tooltip_text (widget),
                    "Tag the entry for the CAN report: a condition, an action or a need") == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tag_dropdown (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkTextBuffer *
composer_buffer (Fixture *fixture)
{
  GtkWidget *view = find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_TEXT_VIEW,
                                 "composer-text");

  g_assert_nonnull (view);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

static char *
composer_text (Fixture *fixture)
{
  GtkTextBuffer *buffer = composer_buffer (fixture);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static guint
tag_selected (Fixture *fixture)
{
  GtkWidget *dropdown = find_tag_dropdown (GTK_WIDGET (fixture->view));

  g_assert_nonnull (dropdown);
  return gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));
}

static void
select_tag (Fixture   *fixture,
            SitrepTag  tag)
{
  GtkWidget *dropdown = find_tag_dropdown (GTK_WIDGET (fixture->view));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), tag);
}

static guint
count_entries (Fixture *fixture,
               gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timeline = sitrep_store_list_timeline (fixture->store, id, &error);

  g_assert_no_error (error);
  return timeline->len;
}

static char *
kept_draft (Fixture *fixture,
            gint64   id)
{
  g_autoptr(SitrepDrafts) drafts = sitrep_drafts_new (NULL, fixture->path);

  return sitrep_drafts_get (drafts, id, SITREP_DRAFT_NOTE);
}

/* A half-written note survives switching to another incident and back,
 * and a restart; the other incident's composer is empty; nothing is
 * written to either timeline. */
static void
test_draft_survives_switch (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *draft = NULL;
  guint first_entries = count_entries (fixture, fixture->first);
  guint second_entries = count_entries (fixture, fixture->second);
  GtkWidget *discard = find_action_widget (GTK_WIDGET (fixture->view), "incident.discard-note");

  g_assert_nonnull (discard);
  g_assert_false (gtk_widget_get_visible (discard));

  gtk_text_buffer_set_text (composer_buffer (fixture), "Bridge call: DBA joins at", -1);
  select_tag (fixture, SITREP_TAG_ACTION);
  gui_test_wait_for_writes (fixture->store);
  g_assert_true (gtk_widget_get_visible (discard));

  sitrep_incident_view_set_incident_id (fixture->view, fixture->second);
  gui_test_wait_for_writes (fixture->store);
  text = composer_text (fixture);
  g_assert_cmpstr (text, ==, "");
  g_assert_cmpuint (tag_selected (fixture), ==, SITREP_TAG_NONE);
  g_assert_false (gtk_widget_get_visible (discard));

  draft = kept_draft (fixture, fixture->first);
  g_assert_cmpstr (draft, ==, "Bridge call: DBA joins at");

  sitrep_incident_view_set_incident_id (fixture->view, fixture->first);
  gui_test_wait_for_writes (fixture->store);
  g_clear_pointer (&text, g_free);
  text = composer_text (fixture);
  g_assert_cmpstr (text, ==, "Bridge call: DBA joins at");
  g_assert_cmpuint (tag_selected (fixture), ==, SITREP_TAG_ACTION);
  g_assert_true (gtk_widget_get_visible (discard));

  /* a restart: a new window on the same database */
  close_window (fixture);
  open_window (fixture, fixture->first);
  g_clear_pointer (&text, g_free);
  text = composer_text (fixture);
  g_assert_cmpstr (text, ==, "Bridge call: DBA joins at");
  g_assert_cmpuint (tag_selected (fixture), ==, SITREP_TAG_ACTION);

  g_assert_cmpuint (count_entries (fixture, fixture->first), ==, first_entries);
  g_assert_cmpuint (count_entries (fixture, fixture->second), ==, second_entries);
}

/* A desk's own file has the note before the action returns: no draft of
 * it is written to the disk on the way, on the main thread, with each
 * note. */
static void
test_note_writes_no_draft (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *drafts_path = sitrep_drafts_default_path ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GStatBuf st_before = { 0 }, st_after = { 0 };
  guint entries = count_entries (fixture, fixture->first);

  g_file_get_contents (drafts_path, &before, NULL, NULL);
  g_stat (drafts_path, &st_before);
  gtk_text_buffer_set_text (composer_buffer (fixture), "Restarted the gateway", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "incident.add-note",
                                             NULL));
  gui_test_wait_for_writes (fixture->store);
  g_assert_cmpuint (count_entries (fixture, fixture->first), ==, entries + 1);

  /* the file, if any, is the one it was: not written again */
  g_file_get_contents (drafts_path, &after, NULL, NULL);
  g_stat (drafts_path, &st_after);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (st_after.st_ino, ==, st_before.st_ino);
  g_assert_cmpint (st_after.st_mtim.tv_sec, ==, st_before.st_mtim.tv_sec);
  g_assert_cmpint (st_after.st_mtim.tv_nsec, ==, st_before.st_mtim.tv_nsec);
}

/* Adding the note or discarding it clears the draft, and the tag picker
 * starts again from No Tag. */
static void
test_draft_cleared (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *draft = NULL;
  guint entries = count_entries (fixture, fixture->first);

  gtk_text_buffer_set_text (composer_buffer (fixture), "Rolled back the release", -1);
  select_tag (fixture, SITREP_TAG_NEED);
  gui_test_wait_for_writes (fixture->store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "incident.add-note",
                                             NULL));
  gui_test_wait_for_writes (fixture->store);
  g_assert_cmpuint (count_entries (fixture, fixture->first), ==, entries + 1);
  g_assert_cmpuint (tag_selected (fixture), ==, SITREP_TAG_NONE);
  draft = kept_draft (fixture, fixture->first);
  g_assert_null (draft);

  /* added: nothing comes back with the incident */
  sitrep_incident_view_set_incident_id (fixture->view, fixture->second);
  gui_test_wait_for_writes (fixture->store);
  sitrep_incident_view_set_incident_id (fixture->view, fixture->first);
  gui_test_wait_for_writes (fixture->store);
  text = composer_text (fixture);
  g_assert_cmpstr (text, ==, "");

  gtk_text_buffer_set_text (composer_buffer (fixture), "Half a thought", -1);
  sitrep_incident_view_set_incident_id (fixture->view, fixture->second);
  gui_test_wait_for_writes (fixture->store);
  sitrep_incident_view_set_incident_id (fixture->view, fixture->first);
  gui_test_wait_for_writes (fixture->store);
  g_clear_pointer (&text, g_free);
  text = composer_text (fixture);
  g_assert_cmpstr (text, ==, "Half a thought");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view),
                                             "incident.discard-note", NULL));
  gui_test_wait_for_writes (fixture->store);
  g_clear_pointer (&text, g_free);
  text = composer_text (fixture);
  g_assert_cmpstr (text, ==, "");
  draft = kept_draft (fixture, fixture->first);
  g_assert_null (draft);
  g_assert_cmpuint (count_entries (fixture, fixture->first), ==, entries + 1);
}

/* The position of the row that has the keyboard focus in the tag
 * picker's pop-up, once it is open; FALSE when the pop-up did not get the
 * focus on this display (a headless X server without a window manager
 * does not always give it). */
static gboolean
popup_cursor (Fixture *fixture,
              guint   *position)
{
  GtkWidget *dropdown = find_tag_dropdown (GTK_WIDGET (fixture->view));
  GtkWidget *button = find_widget (dropdown, GTK_TYPE_TOGGLE_BUTTON, NULL);
  GtkWidget *list, *focus;

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  gui_test_wait_for_writes (fixture->store);
  list = find_widget (dropdown, GTK_TYPE_LIST_VIEW, NULL);
  g_assert_nonnull (list);

  /* where the pop-up puts the keyboard focus when it gets it: the list's
   * cursor */
  for (guint tries = 0; tries < 100; tries++)
    {
      if (gtk_widget_get_mapped (list) && gtk_widget_grab_focus (list))
        {
          gui_test_wait_for_writes (fixture->store);
          if (gtk_widget_get_focus_child (list) != NULL)
            break;
        }
      gui_test_wait_for_writes (fixture->store);
      g_usleep (10000);
    }

  focus = gtk_widget_get_focus_child (list);
  *position = 0;
  for (GtkWidget *row = gtk_widget_get_first_child (list);
       focus != NULL && row != NULL && row != focus;
       row = gtk_widget_get_next_sibling (row))
    (*position)++;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), FALSE);
  gui_test_wait_for_writes (fixture->store);

  return focus != NULL;
}

/* Chooses @tag in the pop-up as a user does: the cursor moved to it, then
 * activated. */
static void
choose_tag_in_popup (Fixture   *fixture,
                     SitrepTag  tag)
{
  GtkWidget *dropdown = find_tag_dropdown (GTK_WIDGET (fixture->view));
  GtkWidget *button = find_widget (dropdown, GTK_TYPE_TOGGLE_BUTTON, NULL);
  GtkWidget *list, *row;

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  gui_test_wait_for_writes (fixture->store);
  list = find_widget (dropdown, GTK_TYPE_LIST_VIEW, NULL);
  row = gtk_widget_get_first_child (list);
  for (guint i = 0; i < (guint) tag; i++)
    row = gtk_widget_get_next_sibling (row);
  gtk_widget_grab_focus (row);
  gtk_widget_activate_action (list, "list.select-item", "(ubb)", (guint) tag, FALSE, FALSE);
  g_signal_emit_by_name (list, "activate", (guint) tag);
  gui_test_wait_for_writes (fixture->store);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), FALSE);
  gui_test_wait_for_writes (fixture->store);
}

/* After a note tagged Need is added, the picker shows No Tag and its
 * pop-up's keyboard cursor starts there too, not on Need: Down Down is
 * Action. */
static void
test_tag_picker_reset (Fixture       *fixture,
                       gconstpointer  data)
{
  guint cursor;

  gtk_text_buffer_set_text (composer_buffer (fixture), "Vendor on call", -1);
  choose_tag_in_popup (fixture, SITREP_TAG_NEED);
  g_assert_cmpuint (tag_selected (fixture), ==, SITREP_TAG_NEED);
  if (!popup_cursor (fixture, &cursor))
    {
      g_test_skip ("The tag picker's pop-up got no keyboard focus on this display");
      return;
    }
  g_assert_cmpuint (cursor, ==, SITREP_TAG_NEED);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "incident.add-note",
                                             NULL));
  gui_test_wait_for_writes (fixture->store);
  g_assert_cmpuint (tag_selected (fixture), ==, SITREP_TAG_NONE);
  if (!popup_cursor (fixture, &cursor))
    {
      g_test_skip ("The tag picker's pop-up got no keyboard focus on this display");
      return;
    }
  g_assert_cmpuint (cursor, ==, SITREP_TAG_NONE);
}

/* Rows of the timeline with @css_class. */
static void
collect_rows (GtkWidget  *widget,
              const char *css_class,
              GPtrArray  *rows)
{
  if (gtk_widget_has_css_class (widget, "timeline-row") &&
      gtk_widget_has_css_class (widget, css_class))
    g_ptr_array_add (rows, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, css_class, rows);
}

/* A corrected note stays, struck through, with the correction after it;
 * each has a button that corrects the note. */
static void
test_correction_shown (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) superseded = g_ptr_array_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GPtrArray) timeline = NULL;
  SitrepTimelineEntry *note;
  GtkWidget *title, *button;
  PangoAttrList *attrs;
  PangoAttrIterator *iter;
  GVariant *target;

  g_assert_true (sitrep_store_add_note (fixture->store, fixture->first, T0 - 300, "Ben",
                                        SITREP_TAG_NEED, "Restart the relay", &error));
  g_assert_no_error (error);
  timeline = sitrep_store_list_timeline (fixture->store, fixture->first, &error);
  note = g_ptr_array_index (timeline, timeline->len - 1);
  g_assert_true (sitrep_store_correct_entry (fixture->store, fixture->first,
                                             sitrep_timeline_entry_get_id (note),
                                             "Restarted the relay", SITREP_TAG_ACTION, "Ben",
                                             &error));
  g_assert_no_error (error);
  gui_test_wait_for_writes (fixture->store);

  collect_rows (GTK_WIDGET (fixture->view), "superseded", superseded);
  g_assert_cmpuint (superseded->len, ==, 1);
  title = find_widget (g_ptr_array_index (superseded, 0), GTK_TYPE_LABEL, "title");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, "Restart the relay");
  attrs = gtk_label_get_attributes (GTK_LABEL (title));
  g_assert_nonnull (attrs);
  iter = pango_attr_list_get_iterator (attrs);
  g_assert_nonnull (pango_attr_iterator_get (iter, PANGO_ATTR_STRIKETHROUGH));
  pango_attr_iterator_destroy (iter);

  collect_rows (GTK_WIDGET (fixture->view), "entry", entries);
  for (guint i = 0; i < entries->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (entries, i);
      GtkWidget *label = find_widget (row, GTK_TYPE_LABEL, "title");

      if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), "Restarted the relay") != 0)
        continue;

      /* right after the note it corrects, not struck through */
      g_assert_true (gtk_widget_get_prev_sibling (row) == g_ptr_array_index (superseded, 0));
      g_assert_false (gtk_widget_has_css_class (row, "superseded"));
      button = find_action_widget (row, "incident.correct-entry");
      g_assert_nonnull (button);
      target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
      g_assert_cmpint (g_variant_get_int64 (target), ==, sitrep_timeline_entry_get_id (note));
      return;
    }

  g_assert_not_reached ();
}

/* The dialog the view opened last, and its response. */
static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window))
        dialog = ADW_MESSAGE_DIALOG (window);
    }

  g_assert_nonnull (dialog);
  return dialog;
}

/* Every editable row of @widget, in order. */
static void
collect_editables (GtkWidget *widget,
                   GPtrArray *rows)
{
  if (ADW_IS_ENTRY_ROW (widget))
    {
      g_ptr_array_add (rows, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_editables (child, rows);
}

/* Correcting from the timeline: the dialog starts from the note, and its
 * Correct writes a correction; a correction's button corrects the note
 * again. */
static void
test_correct_dialog (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GPtrArray) after = NULL;
  SitrepTimelineEntry *note, *correction;
  AdwMessageDialog *dialog;
  GtkTextView *text_view;
  GtkWidget *dropdown;
  gint64 note_id;

  g_assert_true (sitrep_store_add_note (fixture->store, fixture->first, T0 - 300, "Ben",
                                        SITREP_TAG_NEED, "Restart the relay", &error));
  g_assert_no_error (error);
  timeline = sitrep_store_list_timeline (fixture->store, fixture->first, &error);
  note = g_ptr_array_index (timeline, timeline->len - 1);
  note_id = sitrep_timeline_entry_get_id (note);
  gui_test_wait_for_writes (fixture->store);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view),
                                             "incident.correct-entry", "x", note_id));
  gui_test_wait_for_writes (fixture->store);
  dialog = find_dialog ();
  text_view = GTK_TEXT_VIEW (find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, NULL));
  dropdown = find_widget (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, NULL);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, SITREP_TAG_NEED);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view), "Restarted the relay", -1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), SITREP_TAG_ACTION);
  adw_message_dialog_response (dialog, "accept");
  gui_test_wait_for_writes (fixture->store);

  after = sitrep_store_list_timeline (fixture->store, fixture->first, &error);
  g_assert_no_error (error);
  correction = sitrep_timeline_find_correction (after, note_id);
  g_assert_nonnull (correction);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (correction), ==, "Restarted the relay");
  g_assert_cmpint (sitrep_timeline_entry_get_tag (correction), ==, SITREP_TAG_ACTION);
  g_assert_cmpstr (sitrep_timeline_entry_get_author (correction), ==, "Ben");

  /* from the correction's row: the note again, starting from its latest
   * correction */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view),
                                             "incident.correct-entry", "x",
                                             sitrep_timeline_entry_get_id (correction)));
  gui_test_wait_for_writes (fixture->store);
  dialog = find_dialog ();
  dropdown = find_widget (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, NULL);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==,
                    SITREP_TAG_ACTION);
  adw_message_dialog_response (dialog, "cancel");
  gui_test_wait_for_writes (fixture->store);
}

/* Edit Reported: the times move with a reason, the deadlines follow, and
 * the timeline says so; without a reason the dialog cannot change
 * anything. */
static void
test_edit_reported_dialog (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  SitrepTimelineEntry *last;
  AdwMessageDialog *dialog;
  guint entries = count_entries (fixture, fixture->first);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view),
                                             "incident.edit-report-times", NULL));
  gui_test_wait_for_writes (fixture->store);
  dialog = find_dialog ();
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "accept"));

  collect_editables (GTK_WIDGET (dialog), rows);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (gtk_editable_get_text (g_ptr_array_index (rows, 1)), ==, "2026-03-02 08:50");
  gtk_editable_set_text (g_ptr_array_index (rows, 0), "2026-03-02 08:40");
  gtk_editable_set_text (g_ptr_array_index (rows, 1), "2026-03-02 08:45");
  gtk_editable_set_text (g_ptr_array_index (rows, 2), "typo in the ticket");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "accept"));
  adw_message_dialog_response (dialog, "accept");
  gui_test_wait_for_writes (fixture->store);

  incident = sitrep_store_get_incident (fixture->store, fixture->first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_incident_get_occurred_at (incident), ==, T0 - 1200);
  g_assert_cmpint (sitrep_incident_get_reported_at (incident), ==, T0 - 900);
  g_assert_cmpuint (count_entries (fixture, fixture->first), ==, entries + 1);
  timeline = sitrep_store_list_timeline (fixture->store, fixture->first, &error);
  last = g_ptr_array_index (timeline, timeline->len - 1);
  g_assert_true (g_str_has_prefix (sitrep_timeline_entry_get_text (last),
                                   "Fault began changed from"));
  g_assert_nonnull (strstr (sitrep_timeline_entry_get_text (last), "; reported changed from"));
  g_assert_true (g_str_has_suffix (sitrep_timeline_entry_get_text (last), "typo in the ticket"));
}

/* A one-line field typed into and not applied (Enter) is not saved when
 * another incident is shown, and comes back with its incident, also in a
 * new window; applying it saves it and ends the draft. */
static void
test_entry_row_draft (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *draft = NULL;
  GtkEditable *title;

  collect_editables (GTK_WIDGET (fixture->view), rows);
  title = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (gtk_editable_get_text (title), ==, "Login fails after the release");
  gtk_editable_set_text (title, "Login fails for every user");

  sitrep_incident_view_set_incident_id (fixture->view, fixture->second);
  gui_test_wait_for_writes (fixture->store);
  g_assert_cmpstr (gtk_editable_get_text (title), ==, "Reports are slow");
  incident = sitrep_store_get_incident (fixture->store, fixture->first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Login fails after the release");

  close_window (fixture);
  open_window (fixture, fixture->first);
  g_ptr_array_set_size (rows, 0);
  collect_editables (GTK_WIDGET (fixture->view), rows);
  title = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (gtk_editable_get_text (title), ==, "Login fails for every user");

  g_signal_emit_by_name (title, "apply");
  gui_test_wait_for_writes (fixture->store);
  g_clear_object (&incident);
  incident = sitrep_store_get_incident (fixture->store, fixture->first, &error);
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Login fails for every user");
  {
    g_autoptr(SitrepDrafts) drafts = sitrep_drafts_new (NULL, fixture->path);

    draft = sitrep_drafts_get (drafts, fixture->first, "title");
    g_assert_null (draft);
  }
}

/* Times with seconds read back as they were: giving only a reason changes
 * nothing. */
static void
test_edit_reported_keeps_seconds (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(SitrepIncident) incident = NULL;
  AdwMessageDialog *dialog;
  guint entries;

  g_assert_true (sitrep_store_change_report_times (fixture->store, fixture->first, T0 - 1201,
                                                   T0 - 901, "from the log", "Ana", &error));
  g_assert_no_error (error);
  gui_test_wait_for_writes (fixture->store);
  entries = count_entries (fixture, fixture->first);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view),
                                             "incident.edit-report-times", NULL));
  gui_test_wait_for_writes (fixture->store);
  dialog = find_dialog ();
  collect_editables (GTK_WIDGET (dialog), rows);
  g_assert_cmpstr (gtk_editable_get_text (g_ptr_array_index (rows, 0)), ==,
                   "2026-03-02 08:39:59");
  gtk_editable_set_text (g_ptr_array_index (rows, 2), "checked again");
  adw_message_dialog_response (dialog, "accept");
  gui_test_wait_for_writes (fixture->store);

  incident = sitrep_store_get_incident (fixture->store, fixture->first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_incident_get_occurred_at (incident), ==, T0 - 1201);
  g_assert_cmpint (sitrep_incident_get_reported_at (incident), ==, T0 - 901);
  g_assert_cmpuint (count_entries (fixture, fixture->first), ==, entries);
}

static gboolean
is_label_with (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LABEL (widget) &&
         strstr (gtk_label_get_label (GTK_LABEL (widget)), data) != NULL;
}

/* A draft that cannot be written (the state folder is a file) is told in
 * a toast that names the folder, once the write has failed on its
 * thread; the draft stays in the composer, and comes back with the
 * incident for the rest of the session. */
static void
test_draft_unwritable_told (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (g_get_user_state_dir (), "sitrep", NULL);
  g_autoptr(GPtrArray) told = NULL;
  g_autoptr(GPtrArray) state = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *label;

  gui_test_remove_tree (blocker);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_state_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (blocker, "a file, not a folder", -1, &error));
  g_assert_no_error (error);

  gtk_text_buffer_set_text (composer_buffer (fixture), "Failover to the standby at 10:05", -1);
  sitrep_incident_view_set_incident_id (fixture->view, fixture->second);
  gui_test_wait_for_writes (fixture->store);

  told = collect_widgets (GTK_WIDGET (fixture->window), is_label_with,
                          "The draft could not be kept");
  g_assert_cmpuint (told->len, ==, 1);
  label = gtk_label_get_label (g_ptr_array_index (told, 0));
  g_assert_nonnull (strstr (label, blocker));

  sitrep_incident_view_set_incident_id (fixture->view, fixture->first);
  gui_test_wait_for_writes (fixture->store);
  text = composer_text (fixture);
  g_assert_cmpstr (text, ==, "Failover to the standby at 10:05");

  /* the composer no longer says the draft is kept */
  state = collect_widgets (GTK_WIDGET (fixture->window), is_label_with, "Draft not kept");
  g_assert_cmpuint (state->len, ==, 1);
  g_assert_true (gtk_widget_get_visible (g_ptr_array_index (state, 0)));
  g_clear_pointer (&state, g_ptr_array_unref);
  state = collect_widgets (GTK_WIDGET (fixture->window), is_label_with, "Draft kept");
  g_assert_cmpuint (state->len, ==, 0);
  g_clear_pointer (&state, g_ptr_array_unref);

  /* until a draft is written again */
  g_assert_cmpint (g_remove (blocker), ==, 0);
  sitrep_incident_view_set_incident_id (fixture->view, fixture->second);
  gui_test_wait_for_writes (fixture->store);
  sitrep_incident_view_set_incident_id (fixture->view, fixture->first);
  gui_test_wait_for_writes (fixture->store);
  state = collect_widgets (GTK_WIDGET (fixture->window), is_label_with, "Draft kept");
  g_assert_cmpuint (state->len, ==, 1);
  g_assert_true (gtk_widget_get_visible (g_ptr_array_index (state, 0)));
}

/* The tests keep drafts in a folder of the test's own, never in the
 * user's: GTK 4's gtk_test_init() ignores GLib's option to isolate the
 * user's folders, and the suite had left hundreds of drafts of its
 * databases in the file of whoever ran it. */
static void
test_drafts_not_the_users (void)
{
  g_autofree char *path = sitrep_drafts_default_path ();

  g_assert_nonnull (gui_test_get_user_dirs ());
  g_assert_true (g_str_has_prefix (path, gui_test_get_user_dirs ()));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  adw_init ();

  g_resources_register (sitrep_get_resource ());

  g_test_add_func ("/sitrep/composer/drafts-not-the-users", test_drafts_not_the_users);
  g_test_add ("/sitrep/composer/draft-unwritable-told", Fixture, NULL,
              fixture_setup, test_draft_unwritable_told, fixture_teardown);
  g_test_add ("/sitrep/composer/draft-survives-switch", Fixture, NULL,
              fixture_setup, test_draft_survives_switch, fixture_teardown);
  g_test_add ("/sitrep/composer/draft-cleared", Fixture, NULL,
              fixture_setup, test_draft_cleared, fixture_teardown);
  g_test_add ("/sitrep/composer/note-writes-no-draft", Fixture, NULL,
              fixture_setup, test_note_writes_no_draft, fixture_teardown);
  g_test_add ("/sitrep/composer/tag-picker-reset", Fixture, NULL,
              fixture_setup, test_tag_picker_reset, fixture_teardown);
  g_test_add ("/sitrep/composer/correction-shown", Fixture, NULL,
              fixture_setup, test_correction_shown, fixture_teardown);
  g_test_add ("/sitrep/composer/correct-dialog", Fixture, NULL,
              fixture_setup, test_correct_dialog, fixture_teardown);
  g_test_add ("/sitrep/composer/edit-reported-dialog", Fixture, NULL,
              fixture_setup, test_edit_reported_dialog, fixture_teardown);
  g_test_add ("/sitrep/composer/edit-reported-keeps-seconds", Fixture, NULL,
              fixture_setup, test_edit_reported_keeps_seconds, fixture_teardown);
  g_test_add ("/sitrep/composer/entry-row-draft", Fixture, NULL,
              fixture_setup, test_entry_row_draft, fixture_teardown);

  return g_test_run ();
}
