/* test-incident-view.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "sitrep-incident-view.h"
#include "sitrep-resources.h"
#include "sitrep-time-input.h"
#include "sitrep-timeline-view.h"
#include "test-gui-common.h"
#include "test-incident-view-common.h"

static gboolean
action_usable (Fixture    *fixture,
               const char *action_name)
{
  GtkWidget *widget = find_action_widget (GTK_WIDGET (fixture->view), action_name);

  g_assert_nonnull (widget);
  return gtk_widget_is_sensitive (widget) && gtk_widget_is_visible (widget);
}

static SitrepTimelineEntry *
last_entry (Fixture *fixture,
            guint   *n_entries)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = sitrep_store_list_timeline (fixture->store, fixture->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 0);
  if (n_entries != NULL)
    *n_entries = entries->len;

  return g_object_ref (g_ptr_array_index (entries, entries->len - 1));
}

static void
collect_text_fields (GtkWidget  *widget,
                     GPtrArray  *views)
{
  if (GTK_IS_TEXT_VIEW (widget) && gtk_widget_has_css_class (widget, "incident-text"))
    g_ptr_array_add (views, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text_fields (child, views);
}

/* The multi-line field @index (0 symptoms, 1 details, 2 root cause,
 * 3 resolution) of the view. */
static GtkTextView *
text_field (Fixture *fixture,
            guint    index)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  collect_text_fields (GTK_WIDGET (fixture->view), views);
  g_assert_cmpuint (views->len, ==, 4);

  return g_ptr_array_index (views, index);
}

static guint
count_field_entries (SitrepStore *store,
                     gint64       id)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  entries = sitrep_store_list_timeline (store, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (entries, i);

      if (sitrep_timeline_entry_get_kind (entry) == SITREP_ENTRY_KIND_FIELD)
        n++;
    }

  return n;
}

static char *
stored_text (Fixture    *fixture,
             gint64      id,
             const char *field)
{
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GError) error = NULL;
  char *value = NULL;

  incident = sitrep_store_get_incident (fixture->store, id, &error);
  g_assert_no_error (error);
  g_object_get (incident, field, &value, NULL);

  return value;
}

static void
test_empty (void)
{
  GtkWidget *view = g_object_ref_sink (sitrep_incident_view_new ());

  g_assert_null (sitrep_incident_view_get_incident (SITREP_INCIDENT_VIEW (view)));
  g_assert_cmpstr (sitrep_incident_view_get_heading (SITREP_INCIDENT_VIEW (view)), ==, "");
  /* Nothing selected: nothing to do. */
  g_assert_nonnull (find_action_widget (view, "incident.acknowledge"));
  g_assert_false (gtk_widget_get_sensitive (find_action_widget (view, "incident.acknowledge")));

  g_object_unref (view);
}

static void
test_header (Fixture       *fixture,
             gconstpointer  data)
{
  SitrepIncident *incident = sitrep_incident_view_get_incident (fixture->view);

  g_assert_nonnull (incident);
  g_assert_cmpstr (sitrep_incident_view_get_heading (fixture->view), ==,
                   sitrep_incident_get_key (incident));
  g_assert_true (g_str_has_prefix (sitrep_incident_view_get_heading (fixture->view), "INC-"));
}

static void
test_actions_follow_status (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (action_usable (fixture, "incident.acknowledge"));
  g_assert_true (action_usable (fixture, "incident.cancel"));
  g_assert_false (action_usable (fixture, "incident.close"));
  g_assert_false (action_usable (fixture, "incident.reopen"));

  /* Acknowledged elsewhere: the view follows the store. */
  sitrep_clock_advance (fixture->clock, 5 * 60);
  sitrep_store_transition (fixture->store, fixture->id, SITREP_TRANSITION_ACKNOWLEDGE,
                           T0 + 5 * 60, "Ana", NULL, NULL, &error);
  g_assert_no_error (error);
  gui_test_wait_for_writes (fixture->store);

  g_assert_false (action_usable (fixture, "incident.acknowledge"));
  g_assert_true (action_usable (fixture, "incident.recover"));
  g_assert_cmpint (sitrep_incident_get_status (sitrep_incident_view_get_incident (fixture->view)),
                   ==, SITREP_STATUS_ACKNOWLEDGED);
}

static void
test_run_transition (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SitrepTimelineEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  guint before, after;

  g_clear_object (&entry);
  entry = last_entry (fixture, &before);
  sitrep_clock_advance (fixture->clock, 20 * 60);

  /* Backdated before the incident was reported: refused, nothing written. */
  g_assert_false (sitrep_incident_view_run_transition (fixture->view,
                                                       SITREP_TRANSITION_ACKNOWLEDGE,
                                                       T0 - 3600, NULL, NULL, &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TIME);
  g_clear_error (&error);
  g_clear_object (&entry);
  entry = last_entry (fixture, &after);
  g_assert_cmpuint (after, ==, before);

  /* Backdated ten minutes: done, by the view's user. */
  g_assert_true (sitrep_incident_view_run_transition (fixture->view,
                                                      SITREP_TRANSITION_ACKNOWLEDGE,
                                                      T0 + 10 * 60, "Bridge opened",
                                                      NULL, &error));
  g_assert_no_error (error);
  gui_test_wait_for_writes (fixture->store);

  g_clear_object (&entry);
  entry = last_entry (fixture, &after);
  g_assert_cmpuint (after, >, before);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_STATUS);
  g_assert_cmpstr (sitrep_timeline_entry_get_author (entry), ==, "Ben");
  g_assert_cmpint (sitrep_timeline_entry_get_occurred_at (entry), ==, T0 + 10 * 60);
  g_assert_cmpint (sitrep_incident_get_status (sitrep_incident_view_get_incident (fixture->view)),
                   ==, SITREP_STATUS_ACKNOWLEDGED);
  g_assert_false (action_usable (fixture, "incident.acknowledge"));

  /* Recovered, then transferred: a transfer records where to. */
  sitrep_incident_view_run_transition (fixture->view, SITREP_TRANSITION_RECOVER,
                                       T0 + 15 * 60, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (action_usable (fixture, "incident.transfer"));
  sitrep_incident_view_run_transition (fixture->view, SITREP_TRANSITION_TRANSFER,
                                       T0 + 20 * 60, NULL, "Problem management", &error);
  g_assert_no_error (error);
  gui_test_wait_for_writes (fixture->store);
  g_assert_cmpstr (sitrep_incident_get_transferred_to (
                     sitrep_incident_view_get_incident (fixture->view)),
                   ==, "Problem management");
  g_assert_true (action_usable (fixture, "incident.reopen"));
}

static void
test_add_note (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(SitrepTimelineEntry) entry = NULL;
  guint before, after;

  entry = last_entry (fixture, &before);
  sitrep_clock_advance (fixture->clock, 30 * 60);

  /* Nothing typed: nothing to add. */
  g_assert_false (action_usable (fixture, "incident.add-note"));

  sitrep_incident_view_set_composer (fixture->view, "Rolled back the release",
                                     SITREP_TAG_ACTION, NULL);
  g_assert_true (action_usable (fixture, "incident.add-note"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "incident.add-note", NULL);
  gui_test_wait_for_writes (fixture->store);

  g_clear_object (&entry);
  entry = last_entry (fixture, &after);
  g_assert_cmpuint (after, ==, before + 1);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_ENTRY_KIND_NOTE);
  g_assert_cmpint (sitrep_timeline_entry_get_tag (entry), ==, SITREP_TAG_ACTION);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, "Rolled back the release");
  g_assert_cmpstr (sitrep_timeline_entry_get_author (entry), ==, "Ben");
  g_assert_cmpint (sitrep_timeline_entry_get_occurred_at (entry), ==, T0 + 30 * 60);

  /* The composer is empty again. */
  g_assert_false (action_usable (fixture, "incident.add-note"));

  /* A bridge log written afterwards keeps its own time. */
  sitrep_incident_view_set_composer (fixture->view, "Bridge call started",
                                     SITREP_TAG_CONDITION, "2026-03-02 09:07");
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "incident.add-note", NULL);
  gui_test_wait_for_writes (fixture->store);
  g_clear_object (&entry);
  entry = last_entry (fixture, &after);
  g_assert_cmpuint (after, ==, before + 2);
  g_clear_object (&entry);
  entry = find_entry (fixture, "Bridge call started");
  g_assert_nonnull (entry);
  g_assert_cmpint (sitrep_timeline_entry_get_tag (entry), ==, SITREP_TAG_CONDITION);
  g_assert_cmpint (sitrep_timeline_entry_get_occurred_at (entry), ==, T0 + 7 * 60);

  /* A time in the future is refused before anything is written. */
  sitrep_incident_view_set_composer (fixture->view, "Too early", SITREP_TAG_NONE,
                                     "2026-03-02 12:00");
  g_assert_false (action_usable (fixture, "incident.add-note"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "incident.add-note", NULL);
  gui_test_wait_for_writes (fixture->store);
  g_clear_object (&entry);
  entry = last_entry (fixture, &after);
  g_assert_cmpuint (after, ==, before + 2);
  g_assert_null (find_entry (fixture, "Too early"));
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const actions[] = {
    "incident.acknowledge", "incident.recover", "incident.resolve", "incident.transfer",
    "incident.close", "incident.reopen", "incident.cancel", "incident.raise-level",
    "incident.lower-level", "incident.add-note",
  };
  g_autoptr(SitrepTimelineEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  guint before, after;

  entry = last_entry (fixture, &before);
  sitrep_incident_view_set_composer (fixture->view, "A note", SITREP_TAG_NONE, NULL);
  g_object_set (fixture->view, "read-only", TRUE, NULL);
  gui_test_wait_for_writes (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkWidget *widget = find_action_widget (GTK_WIDGET (fixture->view), actions[i]);

      g_assert_nonnull (widget);
      g_assert_false (gtk_widget_is_sensitive (widget));
    }

  g_assert_false (sitrep_incident_view_run_transition (fixture->view,
                                                       SITREP_TRANSITION_ACKNOWLEDGE,
                                                       T0, NULL, NULL, &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_READ_ONLY_ROLE);

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "incident.acknowledge", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "incident.add-note", NULL);
  gui_test_wait_for_writes (fixture->store);

  g_clear_object (&entry);
  entry = last_entry (fixture, &after);
  g_assert_cmpuint (after, ==, before);
  g_assert_cmpint (sitrep_incident_get_status (sitrep_incident_view_get_incident (fixture->view)),
                   ==, SITREP_STATUS_NEW);
  /* No confirmation dialog was opened either. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, 1);

  /* Editing again once the role allows it. */
  g_object_set (fixture->view, "read-only", FALSE, NULL);
  g_assert_true (action_usable (fixture, "incident.acknowledge"));
}

static void
test_time_input (void)
{
  g_autofree char *message = NULL;
  gint64 at = 0;

  g_assert_true (sitrep_time_input_parse ("2026-03-02 09:30", T0, T0 + 3600, &at, NULL));
  g_assert_cmpint (at, ==, T0 + 30 * 60);

  /* The minute the incident was reported in counts as its moment. */
  g_assert_true (sitrep_time_input_parse (" 2026-03-02 09:00 ", T0 + 20, T0 + 3600, &at, NULL));
  g_assert_cmpint (at, ==, T0 + 20);

  g_assert_false (sitrep_time_input_parse ("2026-03-02 08:59", T0, T0 + 3600, &at, &message));
  g_assert_nonnull (strstr (message, "before the incident was reported"));
  g_clear_pointer (&message, g_free);

  g_assert_false (sitrep_time_input_parse ("2026-03-02 10:01", T0, T0 + 3600, &at, &message));
  g_assert_nonnull (strstr (message, "future"));
  g_clear_pointer (&message, g_free);

  g_assert_false (sitrep_time_input_parse ("yesterday", T0, T0 + 3600, &at, &message));
  g_assert_nonnull (strstr (message, "YYYY-MM-DD HH:MM"));
  g_clear_pointer (&message, g_free);

  g_assert_false (sitrep_time_input_parse ("2026-02-30 09:00", SITREP_TIME_NONE, T0, &at, NULL));
  g_assert_false (sitrep_time_input_parse ("2026-03-02 24:00", SITREP_TIME_NONE, T0 + 86400,
                                           &at, NULL));
}

/* Bridge logs are kept to the second: seconds, and the time of day alone. */
static void
test_time_input_seconds (void)
{
  g_autofree char *message = NULL;
  g_autofree char *formatted = NULL;
  gint64 at = 0;

  g_assert_true (sitrep_time_input_parse ("2026-03-02 09:30:15", T0, T0 + 3600, &at, NULL));
  g_assert_cmpint (at, ==, T0 + 30 * 60 + 15);

  /* The time of day alone is today's. */
  g_assert_true (sitrep_time_input_parse ("09:12:07", T0, T0 + 3600, &at, NULL));
  g_assert_cmpint (at, ==, T0 + 12 * 60 + 7);
  g_assert_true (sitrep_time_input_parse ("09:12", T0, T0 + 3600, &at, NULL));
  g_assert_cmpint (at, ==, T0 + 12 * 60);
  /* ... or yesterday's, when it has not come yet today. */
  g_assert_true (sitrep_time_input_parse ("23:59:30", SITREP_TIME_NONE, T0, &at, NULL));
  g_assert_cmpint (at, ==, T0 - 9 * 3600 - 30);

  /* A second given is meant: one before the report is refused. */
  g_assert_false (sitrep_time_input_parse ("2026-03-02 09:00:10", T0 + 20, T0 + 3600, &at,
                                           &message));
  g_assert_nonnull (strstr (message, "before the incident was reported"));
  g_clear_pointer (&message, g_free);
  g_assert_false (sitrep_time_input_parse ("2026-03-02 10:00:01", T0, T0 + 3600, &at, &message));
  g_assert_nonnull (strstr (message, "future"));
  g_clear_pointer (&message, g_free);

  g_assert_false (sitrep_time_input_parse ("2026-03-02 09:30:60", T0, T0 + 3600, &at, NULL));
  g_assert_false (sitrep_time_input_parse ("09:30:15:00", T0, T0 + 3600, &at, NULL));
  g_assert_false (sitrep_time_input_parse ("9:3x", T0, T0 + 3600, &at, NULL));

  /* Outside the range every Sitrep time has: said so, not wrapped. */
  g_assert_false (sitrep_time_input_parse ("1970-01-01 00:00:00", SITREP_TIME_NONE, T0, &at,
                                           &message));
  g_assert_nonnull (strstr (message, "outside the range"));
  g_clear_pointer (&message, g_free);
  g_assert_false (sitrep_time_input_parse ("1969-12-31 23:59:59", SITREP_TIME_NONE, T0, &at,
                                           &message));
  g_assert_nonnull (strstr (message, "outside the range"));
  g_clear_pointer (&message, g_free);
  g_assert_true (sitrep_time_input_parse ("1970-01-01 00:00:01", SITREP_TIME_NONE, T0, &at, NULL));
  g_assert_cmpint (at, ==, 1);

  /* Formatted to the minute, or to the second when it has one. */
  formatted = sitrep_time_input_format (T0 + 30 * 60);
  g_assert_cmpstr (formatted, ==, "2026-03-02 09:30");
  g_clear_pointer (&formatted, g_free);
  formatted = sitrep_time_input_format (T0 + 30 * 60 + 15);
  g_assert_cmpstr (formatted, ==, "2026-03-02 09:30:15");
}

/* The widget under @widget whose tooltip is @tooltip (Save buttons say
 * which field they save). */
static GtkWidget *
find_by_tooltip (GtkWidget  *widget,
                 const char *tooltip)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether a label saying "Unsaved" is on show beside a field. */
static gboolean
shows_unsaved (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
      && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), "Unsaved") == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_unsaved (child))
      return TRUE;

  return FALSE;
}

/* Leaving a multi-line field does not save it: it shows as unsaved until
 * its Save button is pressed, which saves it once. */
static void
test_text_field_kept_on_leave (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkTextView *symptoms = text_field (fixture, 0);
  GtkTextView *details = text_field (fixture, 1);
  GtkWidget *save = find_by_tooltip (GTK_WIDGET (fixture->view), "Save Symptoms");
  g_autofree char *saved = NULL;
  guint n_before = count_field_entries (fixture->store, fixture->id);

  g_assert_nonnull (save);
  g_assert_false (shows_unsaved (GTK_WIDGET (fixture->view)));

  gtk_widget_grab_focus (GTK_WIDGET (symptoms));
  gui_test_wait_for_writes (fixture->store);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (symptoms),
                            "Every login returns error 500", -1);
  gui_test_wait_for_writes (fixture->store);
  gtk_widget_grab_focus (GTK_WIDGET (details));
  gui_test_wait_for_writes (fixture->store);

  /* Not saved by leaving: shown as unsaved. */
  saved = stored_text (fixture, fixture->id, "symptoms");
  g_assert_true (saved == NULL || *saved == '\0');
  g_clear_pointer (&saved, g_free);
  g_assert_cmpuint (count_field_entries (fixture->store, fixture->id), ==, n_before);
  g_assert_true (shows_unsaved (GTK_WIDGET (fixture->view)));
  g_assert_true (gtk_widget_get_sensitive (save));

  g_signal_emit_by_name (save, "clicked");
  gui_test_wait_for_writes (fixture->store);

  saved = stored_text (fixture, fixture->id, "symptoms");
  g_assert_cmpstr (saved, ==, "Every login returns error 500");
  g_assert_cmpuint (count_field_entries (fixture->store, fixture->id), ==, n_before + 1);
  g_assert_false (shows_unsaved (GTK_WIDGET (fixture->view)));

  /* In and out again without a change writes nothing more. */
  gtk_widget_grab_focus (GTK_WIDGET (symptoms));
  gui_test_wait_for_writes (fixture->store);
  gtk_widget_grab_focus (GTK_WIDGET (details));
  gui_test_wait_for_writes (fixture->store);
  g_assert_cmpuint (count_field_entries (fixture->store, fixture->id), ==, n_before + 1);
}

/* An edit not saved yet is neither saved nor lost when another incident is
 * selected: the next incident shows its own text, and coming back shows
 * the edit again, still unsaved. */
static void
test_text_field_kept_on_switch (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(SitrepIncident) other = sitrep_incident_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  GtkTextView *root_cause = text_field (fixture, 2);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (root_cause);
  GtkTextIter start, end;
  g_autofree char *shown = NULL;
  guint n_before = count_field_entries (fixture->store, fixture->id);

  sitrep_incident_set_title (other, "Reports are slow");
  sitrep_incident_set_service (other, "Reporting");
  sitrep_incident_set_level (other, 3);
  sitrep_incident_set_occurred_at (other, T0);
  sitrep_incident_set_reported_at (other, T0);
  sitrep_store_create_incident (fixture->store, other, "Ana", &error);
  g_assert_no_error (error);

  gtk_widget_grab_focus (GTK_WIDGET (root_cause));
  gui_test_wait_for_writes (fixture->store);
  gtk_text_buffer_set_text (buffer, "Expired certificate on the login service", -1);

  sitrep_incident_view_set_incident_id (fixture->view, sitrep_incident_get_id (other));
  gui_test_wait_for_writes (fixture->store);

  saved = stored_text (fixture, fixture->id, "root-cause");
  g_assert_true (saved == NULL || *saved == '\0');
  g_assert_cmpuint (count_field_entries (fixture->store, fixture->id), ==, n_before);

  /* The other incident's own, empty, root cause is on show and untouched. */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (shown, ==, "");
  g_assert_false (shows_unsaved (GTK_WIDGET (fixture->view)));
  g_clear_pointer (&saved, g_free);
  saved = stored_text (fixture, sitrep_incident_get_id (other), "root-cause");
  g_assert_true (saved == NULL || *saved == '\0');
  g_assert_cmpuint (count_field_entries (fixture->store, sitrep_incident_get_id (other)), ==, 0);

  /* Back to the first: the edit again, unsaved, nothing written. */
  sitrep_incident_view_set_incident_id (fixture->view, fixture->id);
  gui_test_wait_for_writes (fixture->store);
  g_clear_pointer (&shown, g_free);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (shown, ==, "Expired certificate on the login service");
  g_assert_true (shows_unsaved (GTK_WIDGET (fixture->view)));
  g_assert_cmpuint (count_field_entries (fixture->store, fixture->id), ==, n_before);
}

/* The shortcuts the view offers to its window: one per action, each
 * naming an action of the view. */
/* Every GtkLabel text under @widget, in order. */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_label (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

static guint
count_labels (GPtrArray  *texts,
              const char *text)
{
  guint n = 0;

  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      n++;

  return n;
}

static void
test_cancelled_deadlines (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *deadlines_group =
    GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->view),
                                               SITREP_TYPE_INCIDENT_VIEW, "deadlines_group"));
  GtkLabel *header = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (fixture->view),
                                                               SITREP_TYPE_INCIDENT_VIEW,
                                                               "next_deadline_label"));
  SitrepTimelineView *timeline =
    SITREP_TIMELINE_VIEW (sitrep_incident_view_get_timeline (fixture->view));
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint n_met_items = 0;

  /* Acknowledged in time, then found to be a duplicate three hours later,
   * past its recovery deadline. */
  sitrep_clock_advance (fixture->clock, 5 * 60);
  g_assert_true (sitrep_incident_view_run_transition (fixture->view,
                                                      SITREP_TRANSITION_ACKNOWLEDGE,
                                                      T0 + 5 * 60, NULL, NULL, &error));
  g_assert_no_error (error);
  sitrep_clock_advance (fixture->clock, 3 * 3600 - 5 * 60);
  g_assert_true (sitrep_incident_view_run_transition (fixture->view,
                                                      SITREP_TRANSITION_CANCEL,
                                                      T0 + 3 * 3600, "Duplicate of INC-1",
                                                      NULL, &error));
  g_assert_no_error (error);
  gui_test_wait_for_writes (fixture->store);

  /* The response was met; the other two were never met nor missed. */
  collect_labels (deadlines_group, texts);
  g_assert_cmpuint (count_labels (texts, "Met"), ==, 1);
  g_assert_cmpuint (count_labels (texts, "Not applicable — cancelled"), ==, 2);
  g_assert_cmpstr (gtk_label_get_label (header), ==, "Deadlines not applicable — cancelled");

  /* The timeline keeps the real acknowledgement and no success at the
   * cancellation. */
  for (guint i = 0; i < sitrep_timeline_view_get_n_items (timeline); i++)
    {
      const char *text = sitrep_timeline_view_get_item_text (timeline, i);

      if (sitrep_timeline_view_get_item_kind (timeline, i) != SITREP_TIMELINE_ITEM_MILESTONE)
        continue;
      g_assert_cmpstr (text, !=, "Service recovered: recovery met");
      g_assert_cmpstr (text, !=, "Resolved: resolution met");
      if (g_strcmp0 (text, "Acknowledged: response met") == 0)
        n_met_items++;
    }
  g_assert_cmpuint (n_met_items, ==, 1);
}

static void
collect_due_labels (GtkWidget *widget,
                    GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), "Due "))
    g_ptr_array_add (labels, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_due_labels (child, labels);
}

/* Each deadline says when it is due on one line. Where the pane is too
 * narrow for it, the line is cut short, and a tooltip says all of it;
 * where it fits, there is no tooltip. (The row's name for a screen
 * reader holds the whole line too.) */
static void
test_deadline_lines (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *deadlines_group =
    GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->view),
                                               SITREP_TYPE_INCIDENT_VIEW, "deadlines_group"));
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  GtkWidget *label;
  gboolean shown = TRUE;

  collect_due_labels (deadlines_group, labels);
  g_assert_cmpuint (labels->len, ==, 3);
  for (guint i = 0; i < labels->len; i++)
    {
      g_assert_false (gtk_label_get_wrap (g_ptr_array_index (labels, i)));
      g_assert_cmpint (gtk_label_get_ellipsize (g_ptr_array_index (labels, i)), ==,
                       PANGO_ELLIPSIZE_END);
    }

  label = g_ptr_array_index (labels, 0);
  gtk_window_set_default_size (fixture->window, 1000, 700);
  gui_test_drain ();
  g_signal_emit_by_name (label, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  g_assert_false (shown);

  /* a pane too narrow for the line: its row given 200 pixels */
  gtk_widget_allocate (gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW), 200, 60, -1, NULL);
  g_signal_emit_by_name (label, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  g_assert_true (shown);
}

static void
test_shortcuts (Fixture       *fixture,
                gconstpointer  data)
{
  GListModel *shortcuts = sitrep_incident_view_get_shortcuts (fixture->view);
  const char *expected[] = {
    "incident.acknowledge", "incident.recover", "incident.resolve", "incident.transfer",
    "incident.close", "incident.reopen", "incident.cancel", "incident.raise-level",
    "incident.lower-level", "incident.write-entry", "incident.can-report",
    "incident.final-report", "incident.link",
    "incident.hold-or-release", "incident.assign-team", "incident.team-resolved",
  };

  g_assert_cmpuint (g_list_model_get_n_items (shortcuts), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, i);
      GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

      g_assert_true (GTK_IS_NAMED_ACTION (action));
      g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), ==,
                       expected[i]);
      g_assert_true (GTK_IS_KEYVAL_TRIGGER (trigger));
      /* Ctrl+L goes to the composer, like a location bar; the rest is Ctrl+Shift */
      g_assert_cmpuint (gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)), ==,
                        g_str_equal (expected[i], "incident.write-entry")
                        ? GDK_CONTROL_MASK : GDK_CONTROL_MASK | GDK_SHIFT_MASK);
    }
}

static char *
view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static AdwEntryRow *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ENTRY_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwEntryRow *found = find_entry_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Someone else saves a field while Ben edits it: Ben's save is refused
 * and says who changed it, the field shows what is stored now, and "Use
 * Mine" brings Ben's text back to be saved over it on purpose. A change
 * to another field meanwhile does not stop Ben's save. */
static void
test_stale_edit (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkTextView *symptoms = text_field (fixture, 0);
  GtkWidget *save = find_by_tooltip (GTK_WIDGET (fixture->view), "Save Symptoms");
  AdwEntryRow *title = find_entry_row (GTK_WIDGET (fixture->view), "Title");
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *shown = NULL;
  guint n_before;

  g_assert_nonnull (save);
  g_assert_nonnull (title);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (symptoms), "Logins time out", -1);
  gui_test_wait_for_writes (fixture->store);
  g_assert_true (sitrep_store_set_field (fixture->store, fixture->id, "symptoms",
                                         "Every login returns error 500", "Cleo", &error));
  g_assert_no_error (error);
  gui_test_wait_for_writes (fixture->store);
  /* what Ben typed is still there, unsaved */
  shown = view_text (symptoms);
  g_assert_cmpstr (shown, ==, "Logins time out");
  g_clear_pointer (&shown, g_free);
  n_before = count_field_entries (fixture->store, fixture->id);

  g_signal_emit_by_name (save, "clicked");
  gui_test_wait_for_writes (fixture->store);

  stored = stored_text (fixture, fixture->id, "symptoms");
  g_assert_cmpstr (stored, ==, "Every login returns error 500");
  g_clear_pointer (&stored, g_free);
  g_assert_cmpuint (count_field_entries (fixture->store, fixture->id), ==, n_before);
  shown = view_text (symptoms);
  g_assert_cmpstr (shown, ==, "Every login returns error 500");
  g_clear_pointer (&shown, g_free);
  g_assert_nonnull (find_label_with (GTK_WIDGET (fixture->window),
                                     "was changed meanwhile by Cleo"));

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "incident.use-mine", "(ss)",
                              "symptoms", "Logins time out");
  gui_test_wait_for_writes (fixture->store);
  shown = view_text (symptoms);
  g_assert_cmpstr (shown, ==, "Logins time out");
  g_clear_pointer (&shown, g_free);
  g_assert_true (shows_unsaved (GTK_WIDGET (fixture->view)));
  g_signal_emit_by_name (save, "clicked");
  gui_test_wait_for_writes (fixture->store);
  stored = stored_text (fixture, fixture->id, "symptoms");
  g_assert_cmpstr (stored, ==, "Logins time out");
  g_clear_pointer (&stored, g_free);

  /* Cleo changes the service while Ben edits the title: Ben's title is
   * saved, and Cleo's service kept */
  gtk_editable_set_text (GTK_EDITABLE (title), "Login fails for every user");
  g_assert_true (sitrep_store_set_field (fixture->store, fixture->id, "service",
                                         "Customer portal (EU)", "Cleo", &error));
  g_assert_no_error (error);
  gui_test_wait_for_writes (fixture->store);
  g_signal_emit_by_name (title, "apply");
  gui_test_wait_for_writes (fixture->store);
  stored = stored_text (fixture, fixture->id, "title");
  g_assert_cmpstr (stored, ==, "Login fails for every user");
  g_clear_pointer (&stored, g_free);
  stored = stored_text (fixture, fixture->id, "service");
  g_assert_cmpstr (stored, ==, "Customer portal (EU)");
}

static const char *
visible_page (Fixture *fixture)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (fixture->view),
                                                              SITREP_TYPE_INCIDENT_VIEW,
                                                              "stack"));

  return gtk_stack_get_visible_child_name (stack);
}

/* A change that needs no new read (nothing in the timeline grew), then an
 * incident that no longer exists: the pane says no incident is selected,
 * as at once from a desk's own file, not that it is still reading. */
static void
test_missing_after_change (Fixture       *fixture,
                           gconstpointer  data)
{
  g_signal_emit_by_name (fixture->store, "incident-changed", fixture->id,
                         (guint) SITREP_CHANGE_FIELDS);
  gui_test_wait_for_writes (fixture->store);
  g_assert_cmpstr (visible_page (fixture), ==, "incident");

  sitrep_incident_view_set_incident_id (fixture->view, fixture->id + 1000);
  g_assert_cmpstr (visible_page (fixture), ==, "empty");
  g_assert_null (sitrep_incident_view_get_incident (fixture->view));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  adw_init ();

  /* The templates live in the resources of the static gui library. */
  g_resources_register (sitrep_get_resource ());

  g_test_add_func ("/sitrep/incident-view/empty", test_empty);
  g_test_add_func ("/sitrep/incident-view/time-input", test_time_input);
  g_test_add_func ("/sitrep/incident-view/time-input-seconds", test_time_input_seconds);
  g_test_add ("/sitrep/incident-view/missing-after-change", Fixture, NULL,
              fixture_setup, test_missing_after_change, fixture_teardown);
  g_test_add ("/sitrep/incident-view/header", Fixture, NULL,
              fixture_setup, test_header, fixture_teardown);
  g_test_add ("/sitrep/incident-view/actions-follow-status", Fixture, NULL,
              fixture_setup, test_actions_follow_status, fixture_teardown);
  g_test_add ("/sitrep/incident-view/run-transition", Fixture, NULL,
              fixture_setup, test_run_transition, fixture_teardown);
  g_test_add ("/sitrep/incident-view/add-note", Fixture, NULL,
              fixture_setup, test_add_note, fixture_teardown);
  g_test_add ("/sitrep/incident-view/read-only", Fixture, NULL,
              fixture_setup, test_read_only, fixture_teardown);
  g_test_add ("/sitrep/incident-view/text-field-kept-on-leave", Fixture, NULL,
              fixture_setup, test_text_field_kept_on_leave, fixture_teardown);
  g_test_add ("/sitrep/incident-view/stale-edit", Fixture, NULL,
              fixture_setup, test_stale_edit, fixture_teardown);
  g_test_add ("/sitrep/incident-view/text-field-kept-on-switch", Fixture, NULL,
              fixture_setup, test_text_field_kept_on_switch, fixture_teardown);
  g_test_add ("/sitrep/incident-view/shortcuts", Fixture, NULL,
              fixture_setup, test_shortcuts, fixture_teardown);
  g_test_add ("/sitrep/incident-view/cancelled-deadlines", Fixture, NULL,
              fixture_setup, test_cancelled_deadlines, fixture_teardown);
  g_test_add ("/sitrep/incident-view/deadline-lines", Fixture, NULL,
              fixture_setup, test_deadline_lines, fixture_teardown);

  return g_test_run ();
}
