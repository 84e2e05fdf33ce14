/* sitrep-timeline-axis.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-timeline-axis.h"

/*
 * One segment of the escalation timeline's vertical axis: a line through the
 * whole height of its row with a round marker (an icon, or none for a gap)
 * near the top. Rows stacked without spacing join their segments into one
 * continuous axis; a gap draws its segment dashed, and a span the incident
 * was on hold draws it doubled, like a pause sign.
 */

#define LINE_WIDTH 2.0
#define DASH       4.0
/* a paused span: two lines this far from the axis's middle */
#define PAUSE_OFFSET 3.0f

struct _SitrepTimelineAxis
{
  GtkWidget  parent_instance;

  GtkWidget *marker;
  guint      line_above : 1;
  guint      line_below : 1;
  guint      dashed : 1;
  guint      paused_above : 1;
  guint      paused_below : 1;
};

G_DEFINE_FINAL_TYPE (SitrepTimelineAxis, sitrep_timeline_axis, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ICON_NAME,
  PROP_LINE_ABOVE,
  PROP_LINE_BELOW,
  PROP_DASHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
append_line (GtkSnapshot   *snapshot,
             float          x,
             float          from,
             float          to,
             gboolean       dashed,
             const GdkRGBA *color)
{
  if (to <= from)
    return;

  if (!dashed)
    {
      gtk_snapshot_append_color (snapshot, color,
                                 &GRAPHENE_RECT_INIT (x, from, LINE_WIDTH, to - from));
      return;
    }

  for (float y = from; y < to; y += 2 * DASH)
    gtk_snapshot_append_color (snapshot, color,
                               &GRAPHENE_RECT_INIT (x, y, LINE_WIDTH, MIN (DASH, to - y)));
}

/* A paused span is drawn as two lines, stronger than the axis. */
static void
append_segment (GtkSnapshot   *snapshot,
                float          x,
                float          from,
                float          to,
                gboolean       dashed,
                gboolean       paused,
                const GdkRGBA *color)
{
  GdkRGBA strong = *color;

  if (!paused)
    {
      append_line (snapshot, x, from, to, dashed, color);
      return;
    }

  strong.alpha = MIN (1.0f, strong.alpha * 2.0f);
  append_line (snapshot, x - PAUSE_OFFSET, from, to, dashed, &strong);
  append_line (snapshot, x + PAUSE_OFFSET, from, to, dashed, &strong);
}

static void
sitrep_timeline_axis_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  SitrepTimelineAxis *self = SITREP_TIMELINE_AXIS (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  float x = (width - LINE_WIDTH) / 2.0f;
  float top = 0, bottom = height;
  GdkRGBA color;

  /* The line takes the widget's CSS colour, faded, so themes and the
   * high-contrast style decide it. */
  gtk_style_context_get_color (context, &color);
  color.alpha *= 0.35f;

  if (gtk_widget_get_visible (self->marker))
    {
      graphene_rect_t bounds;

      if (gtk_widget_compute_bounds (self->marker, widget, &bounds))
        {
          top = bounds.origin.y;
          bottom = bounds.origin.y + bounds.size.height;
        }
    }
  else
    top = bottom = height / 2.0f;

  if (self->line_above)
    append_segment (snapshot, x, 0, top, self->dashed, self->paused_above, &color);
  if (self->line_below)
    append_segment (snapshot, x, bottom, height, self->dashed, self->paused_below, &color);
  if (!gtk_widget_get_visible (self->marker) && self->line_above && self->line_below)
    append_line (snapshot, x, top, bottom, self->dashed, &color);

  gtk_widget_snapshot_child (widget, self->marker, snapshot);
}

static void
sitrep_timeline_axis_dispose (GObject *object)
{
  SitrepTimelineAxis *self = SITREP_TIMELINE_AXIS (object);

  g_clear_pointer (&self->marker, gtk_widget_unparent);

  G_OBJECT_CLASS (sitrep_timeline_axis_parent_class)->dispose (object);
}

static void
sitrep_timeline_axis_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SitrepTimelineAxis *self = SITREP_TIMELINE_AXIS (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      g_value_set_string (value, gtk_image_get_icon_name (GTK_IMAGE (self->marker)));
      break;
    case PROP_LINE_ABOVE:
      g_value_set_boolean (value, self->line_above);
      break;
    case PROP_LINE_BELOW:
      g_value_set_boolean (value, self->line_below);
      break;
    case PROP_DASHED:
      g_value_set_boolean (value, self->dashed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_timeline_axis_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SitrepTimelineAxis *self = SITREP_TIMELINE_AXIS (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      {
        const char *icon_name = g_value_get_string (value);

        gtk_image_set_from_icon_name (GTK_IMAGE (self->marker), icon_name);
        gtk_widget_set_visible (self->marker, icon_name != NULL);
        gtk_widget_queue_draw (GTK_WIDGET (self));
      }
      break;
    case PROP_LINE_ABOVE:
      sitrep_timeline_axis_set_line_above (self, g_value_get_boolean (value));
      break;
    case PROP_LINE_BELOW:
      sitrep_timeline_axis_set_line_below (self, g_value_get_boolean (value));
      break;
    case PROP_DASHED:
      sitrep_timeline_axis_set_dashed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_timeline_axis_class_init (SitrepTimelineAxisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_timeline_axis_dispose;
  object_class->get_property = sitrep_timeline_axis_get_property;
  object_class->set_property = sitrep_timeline_axis_set_property;

  widget_class->snapshot = sitrep_timeline_axis_snapshot;

  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE_ABOVE] =
    g_param_spec_boolean ("line-above", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE_BELOW] =
    g_param_spec_boolean ("line-below", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DASHED] =
    g_param_spec_boolean ("dashed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sitrep-timeline-axis");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
sitrep_timeline_axis_init (SitrepTimelineAxis *self)
{
  self->line_above = TRUE;
  self->line_below = TRUE;

  self->marker = g_object_new (GTK_TYPE_IMAGE,
                               "halign", GTK_ALIGN_CENTER,
                               "valign", GTK_ALIGN_START,
                               "visible", FALSE,
                               NULL);
  gtk_widget_add_css_class (self->marker, "marker");
  gtk_widget_set_parent (self->marker, GTK_WIDGET (self));
}

/**
 * sitrep_timeline_axis_new:
 * @icon_name: (nullable): the marker's symbolic icon, or %NULL for a
 *   segment without a marker (a gap)
 *
 * Returns: (transfer floating): a new axis segment
 */
GtkWidget *
sitrep_timeline_axis_new (const char *icon_name)
{
  return g_object_new (SITREP_TYPE_TIMELINE_AXIS, "icon-name", icon_name, NULL);
}

/**
 * sitrep_timeline_axis_set_line_above:
 * @self: an axis segment
 * @line_above: whether the line reaches up to the previous row
 */
void
sitrep_timeline_axis_set_line_above (SitrepTimelineAxis *self,
                                     gboolean            line_above)
{
  g_return_if_fail (SITREP_IS_TIMELINE_AXIS (self));

  line_above = !!line_above;
  if (self->line_above == line_above)
    return;

  self->line_above = line_above;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE_ABOVE]);
}

/**
 * sitrep_timeline_axis_set_line_below:
 * @self: an axis segment
 * @line_below: whether the line reaches down to the next row
 */
void
sitrep_timeline_axis_set_line_below (SitrepTimelineAxis *self,
                                     gboolean            line_below)
{
  g_return_if_fail (SITREP_IS_TIMELINE_AXIS (self));

  line_below = !!line_below;
  if (self->line_below == line_below)
    return;

  self->line_below = line_below;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE_BELOW]);
}

/**
 * sitrep_timeline_axis_set_dashed:
 * @self: an axis segment
 * @dashed: whether the line is drawn dashed (a period without updates)
 */
void
sitrep_timeline_axis_set_dashed (SitrepTimelineAxis *self,
                                 gboolean            dashed)
{
  g_return_if_fail (SITREP_IS_TIMELINE_AXIS (self));

  dashed = !!dashed;
  if (self->dashed == dashed)
    return;

  self->dashed = dashed;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DASHED]);
}

/**
 * sitrep_timeline_axis_set_paused:
 * @self: a timeline axis
 * @above: whether the incident was on hold along the line above the marker
 * @below: whether it was on hold along the line below it
 *
 * Draws the spans during which the incident was on hold as a pause sign.
 */
void
sitrep_timeline_axis_set_paused (SitrepTimelineAxis *self,
                                 gboolean            above,
                                 gboolean            below)
{
  g_return_if_fail (SITREP_IS_TIMELINE_AXIS (self));

  if (self->paused_above == !!above && self->paused_below == !!below)
    return;

  self->paused_above = !!above;
  self->paused_below = !!below;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
