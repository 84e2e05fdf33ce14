/* sitrep-wrap-bin.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-wrap-bin.h"

/*
 * A bin for a wrapping label beside other widgets: its height follows its
 * width, and its width never depends on a height.
 *
 * A horizontal box asks each child for its width at the height it has
 * ("width for height"), when it measures and again whenever it is
 * allocated. GTK 4.8's label answers that for wrapped text by trying
 * widths one after the other until the text fits the height: a layout of
 * the whole text for each. An incident's timeline took 85-150 ms of
 * layout that way, every time the incident was shown. This bin answers
 * with the label's own width whatever the height (its narrowest, and its
 * text on one line), which is what the box then shares out anyway, and
 * passes every other question on.
 */

struct _SitrepWrapBin
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (SitrepWrapBin, sitrep_wrap_bin, ADW_TYPE_BIN)

static GtkSizeRequestMode
sitrep_wrap_bin_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sitrep_wrap_bin_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  *minimum = *natural = 0;
  if (child == NULL || !gtk_widget_should_layout (child))
    return;

  gtk_widget_measure (child, orientation,
                      orientation == GTK_ORIENTATION_HORIZONTAL ? -1 : for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
sitrep_wrap_bin_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
sitrep_wrap_bin_class_init (SitrepWrapBinClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->get_request_mode = sitrep_wrap_bin_get_request_mode;
  widget_class->measure = sitrep_wrap_bin_measure;
  widget_class->size_allocate = sitrep_wrap_bin_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "wrapbin");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
}

static void
sitrep_wrap_bin_init (SitrepWrapBin *self)
{
  /* AdwBin keeps the child; sizes are this class's own */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
}

/**
 * sitrep_wrap_bin_new:
 * @child: (nullable): a wrapping label
 *
 * Returns: (transfer floating): a new #SitrepWrapBin holding @child
 */
GtkWidget *
sitrep_wrap_bin_new (GtkWidget *child)
{
  return g_object_new (SITREP_TYPE_WRAP_BIN, "child", child, NULL);
}
