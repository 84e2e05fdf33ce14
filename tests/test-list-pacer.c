/* test-list-pacer.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "sitrep-incident-slot.h"
#include "sitrep-list-pacer.h"
#include "sitrep-slot-model.h"
#include "test-gui-common.h"

/* The pacer shows a prefix of its source: item @i is the source's. */
static void
assert_prefix (GListModel *pacer,
               GListModel *source)
{
  guint n = g_list_model_get_n_items (pacer);

  g_assert_cmpuint (n, <=, g_list_model_get_n_items (source));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (pacer, i);
      g_autoptr(GObject) b = g_list_model_get_item (source, i);

      g_assert_true (a == b);
    }
  g_assert_null (g_list_model_get_item (pacer, n));
}

/* Appends @n items in one change, as a list's new answer comes. */
static void
append_strings (GtkStringList *list,
                guint          n)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strings = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("item %u", i);

      g_strv_builder_add (builder, text);
    }
  strings = g_strv_builder_end (builder);
  gtk_string_list_splice (list, g_list_model_get_n_items (G_LIST_MODEL (list)), 0,
                          (const char *const *) strings);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
record_added_cb (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 GArray     *steps)
{
  if (added > 0)
    g_array_append_val (steps, added);
}

/* A large insertion on screen comes a few items per frame, each step a
 * prefix of the source, until all of it is shown; small changes and
 * changes off screen pass through at once. */
static void
test_paced (void)
{
  g_autoptr(GtkStringList) source = gtk_string_list_new (NULL);
  g_autoptr(SitrepListPacer) pacer = NULL;
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view;
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 start;

  view = gtk_list_view_new (NULL, factory);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  pacer = sitrep_list_pacer_new (G_LIST_MODEL (source), view);
  gtk_list_view_set_model (GTK_LIST_VIEW (view),
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             g_object_ref (G_LIST_MODEL (pacer)))));
  gtk_window_set_child (GTK_WINDOW (window), view);

  /* not on screen: at once */
  append_strings (source, 500);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pacer)), ==, 500);
  g_assert_false (sitrep_list_pacer_get_pacing (pacer));

  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (view))
    g_main_context_iteration (NULL, TRUE);

  /* small: at once */
  gtk_string_list_splice (source, 0, 0, (const char *const[]) { "a", "b", NULL });
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pacer)), ==, 502);
  assert_prefix (G_LIST_MODEL (pacer), G_LIST_MODEL (source));

  /* a new answer: everything removed, then many added */
  g_signal_connect (pacer, "items-changed", G_CALLBACK (record_added_cb), steps);
  gtk_string_list_splice (source, 0, 502, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pacer)), ==, 0);
  append_strings (source, 1000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pacer)), <, 1000);
  g_assert_true (sitrep_list_pacer_get_pacing (pacer));
  assert_prefix (G_LIST_MODEL (pacer), G_LIST_MODEL (source));

  start = g_get_monotonic_time ();
  while (sitrep_list_pacer_get_pacing (pacer))
    {
      g_main_context_iteration (NULL, TRUE);
      assert_prefix (G_LIST_MODEL (pacer), G_LIST_MODEL (source));
      g_assert_cmpint (g_get_monotonic_time () - start, <, 60 * G_USEC_PER_SEC);
    }

  /* a few items per frame, then the rest, which builds no rows, in one
   * step */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pacer)), ==, 1000);
  g_assert_cmpuint (steps->len, >, 2);
  for (guint i = 0; i + 1 < steps->len; i++)
    g_assert_cmpuint (g_array_index (steps, guint, i), <=, 16);
  g_signal_handlers_disconnect_by_data (pacer, steps);

  /* a change while pacing, inside what is shown */
  gtk_string_list_splice (source, 0, 1000, NULL);
  append_strings (source, 300);
  gtk_string_list_splice (source, 0, 1, (const char *const[]) { "first", NULL });
  assert_prefix (G_LIST_MODEL (pacer), G_LIST_MODEL (source));

  /* off screen: the rest at once */
  gtk_widget_set_visible (window, FALSE);
  g_assert_false (sitrep_list_pacer_get_pacing (pacer));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pacer)), ==, 300);
  assert_prefix (G_LIST_MODEL (pacer), G_LIST_MODEL (source));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Incidents with ids from @first on, one per id. */
static GPtrArray *
make_incidents (gint64 first,
                guint  n)
{
  GPtrArray *incidents = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      SitrepIncident *incident = sitrep_incident_new ();

      sitrep_incident_set_id (incident, first + i);
      g_ptr_array_add (incidents, incident);
    }
  return incidents;
}

/* Replaces @removed items of @store at @position by @n new incidents. */
static void
splice_incidents (GListStore *store,
                  guint       position,
                  guint       removed,
                  gint64      first,
                  guint       n)
{
  g_autoptr(GPtrArray) incidents = make_incidents (first, n);

  g_list_store_splice (store, position, removed, incidents->pdata, incidents->len);
}

/* Slot @i holds the source's incident @i. */
static void
assert_mirror (GListModel *slots,
               GListModel *source)
{
  guint n = g_list_model_get_n_items (source);

  g_assert_cmpuint (g_list_model_get_n_items (slots), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SitrepIncidentSlot) slot = g_list_model_get_item (slots, i);
      g_autoptr(SitrepIncident) incident = g_list_model_get_item (source, i);

      g_assert_true (sitrep_incident_slot_get_incident (slot) == incident);
    }
  g_assert_null (g_list_model_get_item (slots, n));
}

typedef struct
{
  GListModel *slots;
  GListModel *source;
  GArray     *changes;    /* guint triples: position, removed, added */
} Recorder;

/* Records each change, and checks that the model is whole at each: its
 * length is what the changes so far make it, and each item a slot. */
static void
record_change_cb (GListModel *slots,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Recorder   *recorder)
{
  guint n = g_list_model_get_n_items (slots);

  g_array_append_val (recorder->changes, position);
  g_array_append_val (recorder->changes, removed);
  g_array_append_val (recorder->changes, added);

  g_assert_cmpuint (position + added, <=, n);
  for (guint i = 0; i < n; i += 97)
    {
      g_autoptr(GObject) item = g_list_model_get_item (slots, i);

      g_assert_true (SITREP_IS_INCIDENT_SLOT (item));
    }

  /* What follows the change is the source's end, also between the two
   * halves of a removal and an insertion. */
  for (guint i = position + added; i < n; i += 97)
    {
      guint n_source = g_list_model_get_n_items (recorder->source);
      g_autoptr(SitrepIncidentSlot) slot = g_list_model_get_item (slots, i);
      g_autoptr(SitrepIncident) incident = g_list_model_get_item (recorder->source,
                                                                  i + n_source - n);

      g_assert_true (sitrep_incident_slot_get_incident (slot) == incident);
    }
}

static void
notified_cb (SitrepIncidentSlot *slot,
             GParamSpec         *pspec,
             guint              *n_notified)
{
  (*n_notified)++;
}

/* A new answer shows in the slots the list view already has: the places
 * both answers fill are not announced as changed, their slots are the
 * same objects and hold the new incidents. */
static void
test_slots_kept (void)
{
  g_autoptr(GListStore) source = g_list_store_new (SITREP_TYPE_INCIDENT);
  g_autoptr(SitrepSlotModel) model = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *slots;
  Recorder recorder;
  guint n_notified = 0;

  splice_incidents (source, 0, 0, 1, 300);
  model = sitrep_slot_model_new (G_LIST_MODEL (source));
  slots = G_LIST_MODEL (model);
  g_assert_true (sitrep_slot_model_get_source (model) == G_LIST_MODEL (source));
  g_assert_true (g_list_model_get_item_type (slots) == SITREP_TYPE_INCIDENT_SLOT);
  assert_mirror (slots, G_LIST_MODEL (source));

  recorder = (Recorder) { slots, G_LIST_MODEL (source), changes };
  g_signal_connect (model, "items-changed", G_CALLBACK (record_change_cb), &recorder);

  /* the rows a list view has, at the top */
  for (guint i = 0; i < 200; i++)
    {
      SitrepIncidentSlot *slot = g_list_model_get_item (slots, i);

      g_signal_connect (slot, "notify::incident", G_CALLBACK (notified_cb), &n_notified);
      g_ptr_array_add (before, slot);
    }

  /* the same length: only the places past the kept ones are announced */
  splice_incidents (source, 0, 300, 1001, 300);
  g_assert_cmpuint (changes->len, ==, 3);
  g_assert_cmpuint (g_array_index (changes, guint, 0), ==, 256);
  g_assert_cmpuint (g_array_index (changes, guint, 1), ==, 44);
  g_assert_cmpuint (g_array_index (changes, guint, 2), ==, 44);
  g_assert_cmpuint (n_notified, ==, 200);
  assert_mirror (slots, G_LIST_MODEL (source));
  for (guint i = 0; i < before->len; i++)
    {
      g_autoptr(GObject) slot = g_list_model_get_item (slots, i);

      g_assert_true (slot == before->pdata[i]);
    }

  /* shorter: the removal of the rest */
  g_array_set_size (changes, 0);
  splice_incidents (source, 0, 300, 2001, 120);
  g_assert_cmpuint (changes->len, ==, 3);
  g_assert_cmpuint (g_array_index (changes, guint, 0), ==, 120);
  g_assert_cmpuint (g_array_index (changes, guint, 1), ==, 180);
  g_assert_cmpuint (g_array_index (changes, guint, 2), ==, 0);
  assert_mirror (slots, G_LIST_MODEL (source));

  /* much longer: the insertion of the rest */
  g_array_set_size (changes, 0);
  splice_incidents (source, 0, 120, 3001, 5000);
  g_assert_cmpuint (changes->len, ==, 3);
  g_assert_cmpuint (g_array_index (changes, guint, 0), ==, 120);
  g_assert_cmpuint (g_array_index (changes, guint, 1), ==, 0);
  g_assert_cmpuint (g_array_index (changes, guint, 2), ==, 4880);
  assert_mirror (slots, G_LIST_MODEL (source));
  for (guint i = 0; i < 120; i++)
    {
      g_autoptr(GObject) slot = g_list_model_get_item (slots, i);

      g_assert_true (slot == before->pdata[i]);
    }

  /* a large replacement past the kept places: a removal, then an
   * insertion, so that nothing looks for a removed item among 6,000 */
  g_array_set_size (changes, 0);
  splice_incidents (source, 0, 5000, 9001, 7000);
  g_assert_cmpuint (changes->len, ==, 6);
  g_assert_cmpuint (g_array_index (changes, guint, 0), ==, 256);
  g_assert_cmpuint (g_array_index (changes, guint, 1), ==, 4744);
  g_assert_cmpuint (g_array_index (changes, guint, 2), ==, 0);
  g_assert_cmpuint (g_array_index (changes, guint, 3), ==, 256);
  g_assert_cmpuint (g_array_index (changes, guint, 4), ==, 0);
  g_assert_cmpuint (g_array_index (changes, guint, 5), ==, 6744);
  assert_mirror (slots, G_LIST_MODEL (source));

  /* the same with a part after it that stays */
  g_array_set_size (changes, 0);
  splice_incidents (source, 0, 6000, 20001, 9000);
  g_assert_cmpuint (changes->len, ==, 6);
  assert_mirror (slots, G_LIST_MODEL (source));

  g_signal_handlers_disconnect_by_data (model, &recorder);
  for (guint i = 0; i < before->len; i++)
    g_signal_handlers_disconnect_by_data (before->pdata[i], &n_notified);
}

/* Small changes move the slots with their incidents, as items move. */
static void
test_slots_follow_small_changes (void)
{
  g_autoptr(GListStore) source = g_list_store_new (SITREP_TYPE_INCIDENT);
  g_autoptr(SitrepSlotModel) model = NULL;
  g_autoptr(SitrepIncidentSlot) first = NULL;
  g_autoptr(SitrepIncidentSlot) moved = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  GListModel *slots;

  splice_incidents (source, 0, 0, 1, 10);
  model = sitrep_slot_model_new (G_LIST_MODEL (source));
  slots = G_LIST_MODEL (model);
  first = g_list_model_get_item (slots, 0);

  /* an incident added at the top: the first slot is now the second */
  splice_incidents (source, 0, 0, 100, 1);
  assert_mirror (slots, G_LIST_MODEL (source));
  moved = g_list_model_get_item (slots, 1);
  g_assert_true (moved == first);
  g_assert_cmpint (sitrep_incident_get_id (sitrep_incident_slot_get_incident (moved)), ==, 1);

  /* and removed again */
  incident = g_list_model_get_item (G_LIST_MODEL (source), 0);
  g_list_store_remove (source, 0);
  assert_mirror (slots, G_LIST_MODEL (source));
  g_clear_object (&moved);
  moved = g_list_model_get_item (slots, 0);
  g_assert_true (moved == first);

  /* every incident removed, and new ones added */
  g_list_store_remove_all (source);
  assert_mirror (slots, G_LIST_MODEL (source));
  splice_incidents (source, 0, 0, 500, 400);
  assert_mirror (slots, G_LIST_MODEL (source));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add_func ("/sitrep/list-pacer/paced", test_paced);
  g_test_add_func ("/sitrep/slot-model/kept", test_slots_kept);
  g_test_add_func ("/sitrep/slot-model/small-changes", test_slots_follow_small_changes);

  return g_test_run ();
}
