/* test-timeline-gui.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sitrep-resources.h"
#include "sitrep-timeline-view.h"
#include "test-gui-common.h"
#include "test-incident-view-common.h"

/*
 * The escalation timeline as the incident pane shows it: its order, its
 * gaps and icons, report entries, and its rows as they follow changes
 * and other incidents.
 */

static void
test_timeline_order (Fixture       *fixture,
                     gconstpointer  data)
{
  SitrepTimelineView *timeline =
    SITREP_TIMELINE_VIEW (sitrep_incident_view_get_timeline (fixture->view));
  g_autoptr(GError) error = NULL;
  gboolean seen_reported = FALSE, seen_now = FALSE, seen_gap = FALSE, seen_due = FALSE;
  guint n_items, n_entries = 0;
  gint64 previous = G_MININT64;

  /* A note five minutes in, then four hours and more of silence. */
  sitrep_clock_set_now (fixture->clock, T0 + 6 * 3600);
  sitrep_store_add_note (fixture->store, fixture->id, T0 + 5 * 60, "Ana", SITREP_TAG_CONDITION,
                         "Users cannot log in", &error);
  g_assert_no_error (error);
  sitrep_store_add_note (fixture->store, fixture->id, T0 + 5 * 3600 + 12 * 60, "Ana",
                         SITREP_TAG_NEED, "Need the database team", &error);
  g_assert_no_error (error);
  gui_test_drain ();

  n_items = sitrep_timeline_view_get_n_items (timeline);
  g_assert_cmpuint (n_items, >, 4);

  for (guint i = 0; i < n_items; i++)
    {
      SitrepTimelineItemKind kind = sitrep_timeline_view_get_item_kind (timeline, i);
      gint64 time = sitrep_timeline_view_get_item_time (timeline, i);
      const char *text = sitrep_timeline_view_get_item_text (timeline, i);

      g_assert_cmpint (time, >=, previous);
      previous = time;

      switch (kind)
        {
        case SITREP_TIMELINE_ITEM_MILESTONE:
          if (g_strcmp0 (text, "Reported") == 0)
            {
              g_assert_cmpint (time, ==, T0);
              seen_reported = TRUE;
            }
          if (g_strcmp0 (text, "Response due") == 0)
            {
              /* Level 2: respond within 30 minutes. */
              g_assert_cmpint (time, ==, T0 + 30 * 60);
              seen_due = TRUE;
            }
          break;

        case SITREP_TIMELINE_ITEM_ENTRY:
          n_entries++;
          break;

        case SITREP_TIMELINE_ITEM_GAP:
          /* The silence between the 09:30 deadline and the 14:12 note */
          if (g_strcmp0 (text, "4 h 42 min without an update") == 0)
            {
              g_assert_cmpint (time, ==, T0 + 30 * 60);
              g_assert_cmpint (sitrep_timeline_view_get_item_kind (timeline, i + 1),
                               ==, SITREP_TIMELINE_ITEM_ENTRY);
              g_assert_cmpstr (sitrep_timeline_view_get_item_text (timeline, i + 1),
                               ==, "Need the database team");
              seen_gap = TRUE;
            }
          break;

        case SITREP_TIMELINE_ITEM_NOW:
          g_assert_cmpint (time, ==, T0 + 6 * 3600);
          seen_now = TRUE;
          break;

        default:
          g_assert_not_reached ();
        }
    }

  g_assert_true (seen_reported);
  g_assert_true (seen_due);
  g_assert_true (seen_gap);
  g_assert_true (seen_now);
  /* created, and the two notes */
  g_assert_cmpuint (n_entries, ==, 3);
}

static GPtrArray *
timeline_rows (Fixture *fixture)
{
  GtkWidget *timeline = sitrep_incident_view_get_timeline (fixture->view);
  GtkWidget *box = GTK_WIDGET (gtk_widget_get_template_child (timeline, SITREP_TYPE_TIMELINE_VIEW,
                                                              "rows_box"));
  /* Held, so that a row built anew cannot take a freed one's address. */
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (GtkWidget *row = gtk_widget_get_first_child (box);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    g_ptr_array_add (rows, g_object_ref (row));

  return rows;
}

/* A note adds its row; the rows before it are not built again, and the
 * timeline shows what a fresh one would. */
static void
test_timeline_keeps_rows (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(SitrepTimelineEntry) added = NULL;
  SitrepTimelineView *timeline =
    SITREP_TIMELINE_VIEW (sitrep_incident_view_get_timeline (fixture->view));
  g_autoptr(GError) error = NULL;
  guint n_items;

  g_assert_true (sitrep_store_add_note (fixture->store, fixture->id, T0, "Ana", SITREP_TAG_NONE,
                                        "Bridge call opened", &error));
  g_assert_no_error (error);
  gui_test_drain ();
  before = timeline_rows (fixture);
  n_items = sitrep_timeline_view_get_n_items (timeline);
  g_assert_cmpuint (before->len, ==, n_items);

  g_assert_true (sitrep_store_add_note (fixture->store, fixture->id, T0, "Ana", SITREP_TAG_NONE,
                                        "Database team joined", &error));
  g_assert_no_error (error);
  gui_test_drain ();
  after = timeline_rows (fixture);

  g_assert_cmpuint (sitrep_timeline_view_get_n_items (timeline), ==, n_items + 1);
  g_assert_cmpuint (after->len, ==, n_items + 1);
  /* The first rows (the report and the first note) are the same widgets. */
  g_assert_true (g_ptr_array_index (after, 0) == g_ptr_array_index (before, 0));
  g_assert_true (g_ptr_array_index (after, 1) == g_ptr_array_index (before, 1));
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpint (sitrep_timeline_view_get_item_kind (timeline, i), >=, 0);
  added = find_entry (fixture, "Database team joined");
  g_assert_nonnull (added);
}

/* Raising and lowering a level point different ways on the timeline. */
static void
test_timeline_level_icons (Fixture       *fixture,
                           gconstpointer  data)
{
  SitrepTimelineView *timeline =
    SITREP_TIMELINE_VIEW (sitrep_incident_view_get_timeline (fixture->view));
  g_autoptr(GError) error = NULL;
  const char *raised = NULL, *lowered = NULL;

  sitrep_clock_set_now (fixture->clock, T0 + 3600);
  g_assert_true (sitrep_store_set_level (fixture->store, fixture->id, 1, T0 + 10 * 60, "Ana",
                                         NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_store_set_level (fixture->store, fixture->id, 2, T0 + 20 * 60, "Ana",
                                         "one office only", &error));
  g_assert_no_error (error);
  gui_test_drain ();

  for (guint i = 0; i < sitrep_timeline_view_get_n_items (timeline); i++)
    {
      const char *text = sitrep_timeline_view_get_item_text (timeline, i);

      if (g_strcmp0 (text, "Level 2 → 1") == 0)
        raised = sitrep_timeline_view_get_item_icon_name (timeline, i);
      else if (text != NULL && g_str_has_prefix (text, "Level 1 → 2"))
        lowered = sitrep_timeline_view_get_item_icon_name (timeline, i);
    }

  g_assert_cmpstr (raised, ==, "go-up-symbolic");
  g_assert_cmpstr (lowered, ==, "go-down-symbolic");
}

/* A report that went out reads as how it went ("CAN report printed"),
 * with what was sent behind an expander, not as pages of text. */
static void
test_timeline_report_entry (Fixture       *fixture,
                            gconstpointer  data)
{
  SitrepTimelineView *timeline =
    SITREP_TIMELINE_VIEW (sitrep_incident_view_get_timeline (fixture->view));
  g_autoptr(GError) error = NULL;
  GtkWidget *expander;
  GtkWidget *body;
  gboolean found = FALSE;

  g_assert_true (sitrep_store_record_report (fixture->store, fixture->id,
                                             SITREP_REPORT_KIND_CAN, "printed",
                                             "CAN report — INC-1\n\nConditions\n- 09:01:05 "
                                             "Login fails", "Ana", &error));
  g_assert_no_error (error);
  gui_test_drain ();

  for (guint i = 0; i < sitrep_timeline_view_get_n_items (timeline); i++)
    if (g_strcmp0 (sitrep_timeline_view_get_item_text (timeline, i), "CAN report printed") == 0)
      found = TRUE;
  g_assert_true (found);

  expander = find_descendant (GTK_WIDGET (timeline), GTK_TYPE_EXPANDER);
  g_assert_nonnull (expander);
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  body = find_descendant (gtk_expander_get_child (GTK_EXPANDER (expander)), GTK_TYPE_LABEL);
  g_assert_nonnull (body);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (body)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (body)), "Login fails"));
}

static gboolean
has_class (GtkWidget     *widget,
           gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

/* The first widget under @widget with @css_class, or %NULL. */
static GtkWidget *
find_with_class (GtkWidget  *widget,
                 const char *css_class)
{
  g_autoptr(GPtrArray) found = collect_widgets (widget, has_class, css_class);

  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

static guint
count_with_class (GtkWidget  *widget,
                  const char *css_class)
{
  g_autoptr(GPtrArray) found = collect_widgets (widget, has_class, css_class);

  return found->len;
}

static gboolean
is_correct_button (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_ACTIONABLE (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                       "incident.correct-entry") == 0;
}

/* The note ids the timeline's correction buttons correct. */
static void
collect_correct_targets (GtkWidget *widget,
                         GArray    *ids)
{
  g_autoptr(GPtrArray) buttons = collect_widgets (widget, is_correct_button, NULL);

  g_array_set_size (ids, 0);
  for (guint i = 0; i < buttons->len; i++)
    {
      GVariant *target =
        gtk_actionable_get_action_target_value (GTK_ACTIONABLE (g_ptr_array_index (buttons, i)));
      gint64 id = g_variant_get_int64 (target);

      g_array_append_val (ids, id);
    }
}

/* Each row shows its item's text, and nothing of what the row showed for
 * the incident before. */
static void
assert_rows_show_items (Fixture *fixture)
{
  SitrepTimelineView *timeline =
    SITREP_TIMELINE_VIEW (sitrep_incident_view_get_timeline (fixture->view));
  g_autoptr(GPtrArray) rows = timeline_rows (fixture);

  g_assert_cmpuint (rows->len, ==, sitrep_timeline_view_get_n_items (timeline));
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *title = find_with_class (g_ptr_array_index (rows, i), "title");

      g_assert_nonnull (title);
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==,
                       sitrep_timeline_view_get_item_text (timeline, i));
    }
}

/* Gives incident @id a tagged note, a corrected note and a report, all
 * mentioning @name; with @shifted, an untagged note comes first. Returns
 * the id of the note corrected. */
static gint64
write_timeline (Fixture    *fixture,
                gint64      id,
                const char *name,
                gboolean    shifted)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *condition = g_strdup_printf ("%s fails for everyone", name);
  g_autofree char *action = g_strdup_printf ("Restart the %s relay", name);
  g_autofree char *correction = g_strdup_printf ("Restarted the %s relay", name);
  g_autofree char *report = g_strdup_printf ("CAN report\n\nConditions\n- %s fails", name);
  gint64 note_id;

  if (shifted)
    g_assert_true (sitrep_store_add_note (fixture->store, id, T0 + 30, "Cleo", SITREP_TAG_NONE,
                                          name, &error));
  g_assert_true (sitrep_store_add_note (fixture->store, id, T0 + 60, "Ana",
                                        SITREP_TAG_CONDITION, condition, &error));
  g_assert_true (sitrep_store_add_note (fixture->store, id, T0 + 120, "Ana", SITREP_TAG_NONE,
                                        action, &error));
  g_assert_no_error (error);
  entries = sitrep_store_list_timeline (fixture->store, id, &error);
  g_assert_no_error (error);
  note_id = sitrep_timeline_entry_get_id (g_ptr_array_index (entries, entries->len - 1));
  g_assert_true (sitrep_store_correct_entry (fixture->store, id, note_id, correction,
                                             SITREP_TAG_ACTION, "Ana", &error));
  g_assert_true (sitrep_store_record_report (fixture->store, id, SITREP_REPORT_KIND_CAN,
                                             "printed", report, "Ana", &error));
  g_assert_no_error (error);

  return note_id;
}

static gint64
create_other (Fixture    *fixture,
              const char *title)
{
  g_autoptr(SitrepIncident) other = sitrep_incident_new ();
  g_autoptr(GError) error = NULL;

  sitrep_incident_set_title (other, title);
  sitrep_incident_set_service (other, "Reporting");
  sitrep_incident_set_level (other, 2);
  sitrep_incident_set_occurred_at (other, T0);
  sitrep_incident_set_reported_at (other, T0);
  sitrep_store_create_incident (fixture->store, other, "Ana", &error);
  g_assert_no_error (error);

  return sitrep_incident_get_id (other);
}

static gboolean
is_struck_title (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "title")
         && gtk_label_get_attributes (GTK_LABEL (widget)) != NULL;
}

/* The titles drawn struck through: a superseded row's, and only those. */
static guint
count_struck_titles (GtkWidget *widget)
{
  g_autoptr(GPtrArray) found = collect_widgets (widget, is_struck_title, NULL);

  return found->len;
}

/* Whether one of the timeline's correction buttons corrects @note_id. */
static gboolean
has_target (GArray *targets,
            gint64  note_id)
{
  for (guint i = 0; i < targets->len; i++)
    if (g_array_index (targets, gint64, i) == note_id)
      return TRUE;
  return FALSE;
}

/* Turning to another incident and back: the timeline shows each one's
 * rows as a fresh view would, with no tag, open report, strike-through or
 * correction button left over from the one before. */
static void
test_timeline_follows_incident (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GArray) targets = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkWidget *timeline = sitrep_incident_view_get_timeline (fixture->view);
  GtkWidget *expander;
  GtkWidget *chip;
  gint64 same_shape;
  gint64 shifted;
  gint64 plain;
  gint64 ids[3];

  sitrep_clock_set_now (fixture->clock, T0 + 600);
  ids[0] = write_timeline (fixture, fixture->id, "Login", FALSE);
  same_shape = create_other (fixture, "Reports are slow");
  ids[1] = write_timeline (fixture, same_shape, "Report", FALSE);
  shifted = create_other (fixture, "Exports time out");
  ids[2] = write_timeline (fixture, shifted, "Export", TRUE);
  plain = create_other (fixture, "Printer offline");
  /* more rows than the others' entries: every row is given another item */
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *title = g_strdup_printf ("Printer %u offline", i + 2);
      g_autoptr(GError) error = NULL;

      g_assert_true (sitrep_store_set_field (fixture->store, plain, "title", title, "Ana",
                                             &error));
      g_assert_no_error (error);
    }
  gui_test_drain ();

  assert_rows_show_items (fixture);
  expander = find_descendant (timeline, GTK_TYPE_EXPANDER);
  g_assert_nonnull (expander);
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);

  /* the same rows, another incident's words: the report is closed */
  sitrep_incident_view_set_incident_id (fixture->view, same_shape);
  gui_test_drain ();
  assert_rows_show_items (fixture);
  g_assert_null (find_label_with (timeline, "Login"));
  expander = find_descendant (timeline, GTK_TYPE_EXPANDER);
  g_assert_nonnull (expander);
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));

  /* each row another kind of entry than before */
  sitrep_incident_view_set_incident_id (fixture->view, shifted);
  gui_test_drain ();
  assert_rows_show_items (fixture);
  g_assert_cmpuint (count_struck_titles (timeline), ==, 1);
  g_assert_nonnull (find_label_with (find_with_class (timeline, "superseded"),
                                     "Restart the Export relay"));
  collect_correct_targets (timeline, targets);
  g_assert_cmpuint (targets->len, ==, 4);
  g_assert_true (has_target (targets, ids[2]));
  g_assert_false (has_target (targets, ids[1]));
  /* the condition and the correction's action; the first note has none */
  g_assert_cmpuint (count_with_class (timeline, "timeline-tag"), ==, 2);

  /* nothing of the kind */
  sitrep_incident_view_set_incident_id (fixture->view, plain);
  gui_test_drain ();
  assert_rows_show_items (fixture);
  g_assert_null (find_descendant (timeline, GTK_TYPE_EXPANDER));
  g_assert_null (find_with_class (timeline, "timeline-tag"));
  g_assert_null (find_with_class (timeline, "superseded"));
  g_assert_cmpuint (count_struck_titles (timeline), ==, 0);
  collect_correct_targets (timeline, targets);
  g_assert_cmpuint (targets->len, ==, 0);

  sitrep_incident_view_set_incident_id (fixture->view, fixture->id);
  gui_test_drain ();
  assert_rows_show_items (fixture);
  chip = find_with_class (timeline, "condition");
  g_assert_nonnull (chip);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (chip)), ==,
                   sitrep_tag_to_label (SITREP_TAG_CONDITION));
  g_assert_cmpuint (count_struck_titles (timeline), ==, 1);
  collect_correct_targets (timeline, targets);
  /* the tagged note, the corrected one and its correction */
  g_assert_cmpuint (targets->len, ==, 3);
  g_assert_true (has_target (targets, ids[0]));
  g_assert_false (has_target (targets, ids[2]));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  adw_init ();

  /* The templates live in the resources of the static gui library. */
  g_resources_register (sitrep_get_resource ());

  g_test_add ("/sitrep/timeline-gui/timeline-report-entry", Fixture, NULL,
              fixture_setup, test_timeline_report_entry, fixture_teardown);
  g_test_add ("/sitrep/timeline-gui/timeline-level-icons", Fixture, NULL,
              fixture_setup, test_timeline_level_icons, fixture_teardown);
  g_test_add ("/sitrep/timeline-gui/timeline-order", Fixture, NULL,
              fixture_setup, test_timeline_order, fixture_teardown);
  g_test_add ("/sitrep/timeline-gui/timeline-keeps-rows", Fixture, NULL,
              fixture_setup, test_timeline_keeps_rows, fixture_teardown);
  g_test_add ("/sitrep/timeline-gui/timeline-follows-incident", Fixture, NULL,
              fixture_setup, test_timeline_follows_incident, fixture_teardown);

  return g_test_run ();
}
