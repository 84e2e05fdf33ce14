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
  GtkWidget  parent_instance;

  GtkWidget *child;
};

G_DEFINE_FINAL_TYPE (SitrepWrapBin, sitrep_wrap_bin, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
  SitrepWrapBin *self = SITREP_WRAP_BIN (widget);

  *minimum = *natural = 0;
  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;

  gtk_widget_measure (self->child, orientation,
                      orientation == GTK_ORIENTATION_HORIZONTAL ? -1 : for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
sitrep_wrap_bin_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  SitrepWrapBin *self = SITREP_WRAP_BIN (widget);

  if (self->child != NULL && gtk_widget_should_layout (self->child))
    gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static void
sitrep_wrap_bin_dispose (GObject *object)
{
  SitrepWrapBin *self = SITREP_WRAP_BIN (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (sitrep_wrap_bin_parent_class)->dispose (object);
}

static void
sitrep_wrap_bin_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SitrepWrapBin *self = SITREP_WRAP_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_wrap_bin_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SitrepWrapBin *self = SITREP_WRAP_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      sitrep_wrap_bin_set_child (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_wrap_bin_class_init (SitrepWrapBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_wrap_bin_dispose;
  object_class->get_property = sitrep_wrap_bin_get_property;
  object_class->set_property = sitrep_wrap_bin_set_property;

  widget_class->get_request_mode = sitrep_wrap_bin_get_request_mode;
  widget_class->measure = sitrep_wrap_bin_measure;
  widget_class->size_allocate = sitrep_wrap_bin_size_allocate;

  /**
   * SitrepWrapBin:child:
   *
   * The wrapping label.
   */
  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "wrapbin");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
}

static void
sitrep_wrap_bin_init (SitrepWrapBin *self)
{
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

/**
 * sitrep_wrap_bin_get_child:
 * @self: a #SitrepWrapBin
 *
 * Returns: (transfer none) (nullable): the bin's child
 */
GtkWidget *
sitrep_wrap_bin_get_child (SitrepWrapBin *self)
{
  g_return_val_if_fail (SITREP_IS_WRAP_BIN (self), NULL);

  return self->child;
}

/**
 * sitrep_wrap_bin_set_child:
 * @self: a #SitrepWrapBin
 * @child: (nullable): a wrapping label
 *
 * Puts @child in the bin, in place of the child it had.
 */
void
sitrep_wrap_bin_set_child (SitrepWrapBin *self,
                           GtkWidget     *child)
{
  g_return_if_fail (SITREP_IS_WRAP_BIN (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;

  if (child != NULL)
    g_return_if_fail (gtk_widget_get_parent (child) == NULL);

  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}
