/* test-list-pacer.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "sitrep-list-pacer.h"

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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sitrep/list-pacer/paced", test_paced);

  return g_test_run ();
}
