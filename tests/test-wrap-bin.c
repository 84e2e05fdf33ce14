/* test-wrap-bin.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "sitrep-wrap-bin.h"
#include "test-gui-common.h"

#define TEXT "The response and resolution clocks start here, for the bridge call"

static GtkWidget *
wrapping_label (void)
{
  GtkWidget *label = gtk_label_new (TEXT);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  return label;
}

static void
measure (GtkWidget      *widget,
         GtkOrientation  orientation,
         int             for_size,
         int            *minimum,
         int            *natural)
{
  gtk_widget_measure (widget, orientation, for_size, minimum, natural, NULL, NULL);
}

/* Its width is the label's, whatever height it is offered: a row's box
 * asks for the width at the row's height each time it lays the row out. */
static void
test_width_for_any_height (void)
{
  GtkWidget *label = wrapping_label ();
  GtkWidget *bin = g_object_ref_sink (sitrep_wrap_bin_new (label));
  int label_min, label_nat;

  measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &label_min, &label_nat);
  g_assert_cmpint (label_min, <, label_nat);

  for (int height = -1; height <= 400; height += 20)
    {
      int min = 0, nat = 0;

      measure (bin, GTK_ORIENTATION_HORIZONTAL, height, &min, &nat);
      g_assert_cmpint (min, ==, label_min);
      g_assert_cmpint (nat, ==, label_nat);
    }

  g_assert_true (adw_bin_get_child (ADW_BIN (bin)) == label);
  g_object_unref (bin);
}

/* Its height for a width is the label's: narrower, it wraps onto more
 * lines and is taller; on one line, it is one line high. */
static void
test_height_for_width (void)
{
  GtkWidget *label = wrapping_label ();
  GtkWidget *bin = g_object_ref_sink (sitrep_wrap_bin_new (label));
  int label_nat_width, one_line, narrow, unused;

  g_assert_cmpint (gtk_widget_get_request_mode (bin), ==, GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH);

  measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &unused, &label_nat_width);
  for (int width = 60; width <= label_nat_width + 40; width += 30)
    {
      int min = 0, nat = 0, label_min = 0, label_nat = 0;

      measure (bin, GTK_ORIENTATION_VERTICAL, width, &min, &nat);
      measure (label, GTK_ORIENTATION_VERTICAL, width, &label_min, &label_nat);
      g_assert_cmpint (min, ==, label_min);
      g_assert_cmpint (nat, ==, label_nat);
    }

  measure (bin, GTK_ORIENTATION_VERTICAL, label_nat_width, &one_line, &unused);
  measure (bin, GTK_ORIENTATION_VERTICAL, 80, &narrow, &unused);
  g_assert_cmpint (narrow, >, 2 * one_line);
  g_object_unref (bin);
}

/* Beside a chip in a row, as a timeline entry's author and kind are: the
 * row is as tall as the text wrapped at the width left to it, and the
 * label is given that width and that height, so no line is cut off. */
static void
test_in_a_row (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *chip = gtk_label_new ("Action");
  GtkWidget *label = wrapping_label ();
  GtkWidget *bin = sitrep_wrap_bin_new (label);
  int chip_width, row_height, label_height, unused;
  const int row_width = 160;

  gtk_box_append (GTK_BOX (row), chip);
  gtk_widget_set_hexpand (bin, TRUE);
  gtk_box_append (GTK_BOX (row), bin);
  gtk_window_set_child (GTK_WINDOW (window), row);

  measure (chip, GTK_ORIENTATION_HORIZONTAL, -1, &chip_width, &unused);
  measure (row, GTK_ORIENTATION_VERTICAL, row_width, &row_height, &unused);
  gtk_widget_allocate (row, row_width, row_height, -1, NULL);

  g_assert_cmpint (gtk_widget_get_width (label), ==, row_width - chip_width - 6);
  measure (label, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (label), &label_height, &unused);
  g_assert_cmpint (gtk_widget_get_height (label), >=, label_height);
  g_assert_cmpint (row_height, ==, label_height);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A new child takes the old one's place; the old one is let go. */
static void
test_replace_child (void)
{
  GtkWidget *bin = g_object_ref_sink (sitrep_wrap_bin_new (NULL));
  GtkWidget *first = g_object_ref (wrapping_label ());
  GtkWidget *second = wrapping_label ();
  int min = -1, nat = -1;

  measure (bin, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat);
  g_assert_cmpint (nat, ==, 0);

  adw_bin_set_child (ADW_BIN (bin), first);
  g_assert_true (gtk_widget_get_parent (first) == bin);
  adw_bin_set_child (ADW_BIN (bin), second);
  g_assert_null (gtk_widget_get_parent (first));
  g_assert_true (gtk_widget_get_parent (second) == bin);
  g_assert_true (gtk_widget_get_first_child (bin) == second);
  g_assert_null (gtk_widget_get_next_sibling (second));

  g_object_unref (first);
  g_object_unref (bin);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add_func ("/wrap-bin/width-for-any-height", test_width_for_any_height);
  g_test_add_func ("/wrap-bin/height-for-width", test_height_for_width);
  g_test_add_func ("/wrap-bin/in-a-row", test_in_a_row);
  g_test_add_func ("/wrap-bin/replace-child", test_replace_child);

  return g_test_run ();
}
