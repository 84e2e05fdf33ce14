/* sitrep-pane-bin.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-pane-bin.h"

/*
 * A pane that keeps its width. Beside another pane, a widget is given the
 * width it would like, and a pane's texts would like as much as they
 * need: the list's subtitle ("All · 124,681 incidents", then "All ·
 * updating…" while a search runs), a long owner in a filter. The divider
 * would move with every answer, and the pane beside it, a whole incident,
 * would be laid out again at another width. This bin would like a width
 * of its own, #SitrepPaneBin:natural-width, or what its child needs if
 * that is more; its child ellipsizes or wraps within it.
 */

struct _SitrepPaneBin
{
  GtkWidget  parent_instance;

  GtkWidget *child;
  int        natural_width;
};

G_DEFINE_FINAL_TYPE (SitrepPaneBin, sitrep_pane_bin, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHILD,
  PROP_NATURAL_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitrep_pane_bin_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  SitrepPaneBin *self = SITREP_PANE_BIN (widget);

  *minimum = *natural = 0;
  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;

  gtk_widget_measure (self->child, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);

  /* The width the child needs, never the width its texts would like. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, self->natural_width);
}

static void
sitrep_pane_bin_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  SitrepPaneBin *self = SITREP_PANE_BIN (widget);

  if (self->child != NULL && gtk_widget_should_layout (self->child))
    gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static void
sitrep_pane_bin_dispose (GObject *object)
{
  SitrepPaneBin *self = SITREP_PANE_BIN (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (sitrep_pane_bin_parent_class)->dispose (object);
}

static void
set_child (SitrepPaneBin *self,
           GtkWidget     *child)
{
  if (self->child == child)
    return;

  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

static void
set_natural_width (SitrepPaneBin *self,
                   int            natural_width)
{
  if (self->natural_width == natural_width)
    return;

  self->natural_width = natural_width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NATURAL_WIDTH]);
}

static void
sitrep_pane_bin_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SitrepPaneBin *self = SITREP_PANE_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    case PROP_NATURAL_WIDTH:
      g_value_set_int (value, self->natural_width);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_pane_bin_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SitrepPaneBin *self = SITREP_PANE_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      set_child (self, g_value_get_object (value));
      break;
    case PROP_NATURAL_WIDTH:
      set_natural_width (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_pane_bin_class_init (SitrepPaneBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_pane_bin_dispose;
  object_class->get_property = sitrep_pane_bin_get_property;
  object_class->set_property = sitrep_pane_bin_set_property;

  widget_class->measure = sitrep_pane_bin_measure;
  widget_class->size_allocate = sitrep_pane_bin_size_allocate;

  /**
   * SitrepPaneBin:child:
   *
   * The pane's contents.
   */
  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SitrepPaneBin:natural-width:
   *
   * The width the pane would like, in pixels; it is given more only if
   * its child needs more. -1 asks for what the child needs.
   */
  properties[PROP_NATURAL_WIDTH] =
    g_param_spec_int ("natural-width", NULL, NULL,
                      -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "panebin");
}

static void
sitrep_pane_bin_init (SitrepPaneBin *self)
{
  self->natural_width = -1;
}
