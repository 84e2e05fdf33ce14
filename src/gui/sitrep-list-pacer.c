/* sitrep-list-pacer.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-list-pacer.h"

/*
 * A list model that shows another one and lets a list view build its rows
 * a few per frame. GTK 4.8's list view builds a row widget for each of
 * about 200 items around the visible ones, in the handler of the model's
 * items-changed: when the rows are new (a list that was short, or empty,
 * given a large answer), building, measuring and drawing them all took
 * one frame of 100 ms and more. (A new answer replacing a long list
 * keeps its rows, see sitrep-slot-model.c, and builds none.) The pacer
 * shows a large insertion near the top of the list PACE items at a time,
 * one step per frame of the widget's frame clock; once the rows a list
 * view builds are all there, it shows the rest in one step, which builds
 * no row. What it shows is always a prefix
 * of the source, in the source's order, so a position means the same in
 * both; small changes, and every change while the widget is not on
 * screen, pass through at once.
 */

/* Rows built in one frame: enough to fill the visible part of the list
 * on a tall monitor within a few frames. */
#define PACE 16

/* An insertion of more items than this is paced. */
#define PACE_ABOVE 48

/* Past the rows a list view builds around the top (GTK 4.8 builds about
 * 200). */
#define PACED_RANGE 256

struct _SitrepListPacer
{
  GObject     parent_instance;

  GListModel *source;
  GtkWidget  *widget;     /* weak: its frame clock paces */
  guint       n_shown;    /* a prefix of @source */
  guint       tick_id;
  gulong      changed_handler;
  gulong      unmap_handler;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SitrepListPacer, sitrep_list_pacer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
stop_ticking (SitrepListPacer *self)
{
  if (self->tick_id != 0 && self->widget != NULL)
    gtk_widget_remove_tick_callback (self->widget, self->tick_id);
  self->tick_id = 0;
}

/* Shows the source up to @n_shown, announcing the step. */
static void
reveal (SitrepListPacer *self,
        guint            n_shown)
{
  guint before = self->n_shown;

  if (n_shown <= before)
    return;

  self->n_shown = n_shown;
  g_list_model_items_changed (G_LIST_MODEL (self), before, 0, n_shown - before);
}

static void
reveal_all (SitrepListPacer *self)
{
  stop_ticking (self);
  reveal (self, g_list_model_get_n_items (self->source));
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  SitrepListPacer *self = user_data;
  guint n_source = g_list_model_get_n_items (self->source);
  guint next = self->n_shown + PACE;

  if (next >= PACED_RANGE || next >= n_source)
    {
      self->tick_id = 0;
      reveal (self, n_source);
      return G_SOURCE_REMOVE;
    }

  reveal (self, next);
  return G_SOURCE_CONTINUE;
}

static void
widget_unmapped_cb (GtkWidget       *widget,
                    SitrepListPacer *self)
{
  /* No more frames come to pace with. */
  reveal_all (self);
}

static void
source_items_changed_cb (GListModel      *source,
                         guint            position,
                         guint            removed,
                         guint            added,
                         SitrepListPacer *self)
{
  guint n_source = g_list_model_get_n_items (source);
  guint n_before = n_source - added + removed;
  guint shown = self->n_shown;
  gboolean complete = shown == n_before;
  guint removed_shown;
  guint tail_shown;

  /* Still pacing, and the change is past what is shown: later steps
   * show it. */
  if (!complete && position >= shown)
    return;

  removed_shown = MIN (removed, shown - position);
  /* shown items after the removed ones, which follow the added ones now */
  tail_shown = shown - position - removed_shown;

  if (added > PACE_ABOVE && position < PACED_RANGE
      && self->widget != NULL && gtk_widget_get_mapped (self->widget))
    {
      /* Only the first PACE added items for now; what followed them is
       * shown again by the later steps. */
      self->n_shown = position + PACE;
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed_shown + tail_shown, PACE);
      if (self->tick_id == 0)
        self->tick_id = gtk_widget_add_tick_callback (self->widget, tick_cb, self, NULL);
      return;
    }

  self->n_shown = complete ? n_source : position + added + tail_shown;
  if (removed_shown > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed_shown, added);
  if (self->n_shown == n_source)
    stop_ticking (self);
}

static GType
sitrep_list_pacer_get_item_type (GListModel *model)
{
  SitrepListPacer *self = SITREP_LIST_PACER (model);

  return g_list_model_get_item_type (self->source);
}

static guint
sitrep_list_pacer_get_n_items (GListModel *model)
{
  SitrepListPacer *self = SITREP_LIST_PACER (model);

  return self->n_shown;
}

static gpointer
sitrep_list_pacer_get_item (GListModel *model,
                            guint       position)
{
  SitrepListPacer *self = SITREP_LIST_PACER (model);

  if (position >= self->n_shown)
    return NULL;

  return g_list_model_get_item (self->source, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sitrep_list_pacer_get_item_type;
  iface->get_n_items = sitrep_list_pacer_get_n_items;
  iface->get_item = sitrep_list_pacer_get_item;
}

static void
sitrep_list_pacer_dispose (GObject *object)
{
  SitrepListPacer *self = SITREP_LIST_PACER (object);

  stop_ticking (self);
  if (self->widget != NULL)
    {
      g_clear_signal_handler (&self->unmap_handler, self->widget);
      g_object_remove_weak_pointer (G_OBJECT (self->widget), (gpointer *) &self->widget);
      self->widget = NULL;
    }
  if (self->source != NULL)
    g_clear_signal_handler (&self->changed_handler, self->source);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (sitrep_list_pacer_parent_class)->dispose (object);
}

static void
sitrep_list_pacer_class_init (SitrepListPacerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_list_pacer_dispose;
}

static void
sitrep_list_pacer_init (SitrepListPacer *self)
{
}

/**
 * sitrep_list_pacer_new:
 * @source: the model to show
 * @widget: the widget whose frames pace the list, usually the list view
 *   that shows the pacer
 *
 * Creates a model that shows @source, all of it at first, and follows its
 * changes; a large insertion near the top, while @widget is on screen,
 * shows a few items per frame of @widget.
 *
 * Returns: (transfer full): the pacer
 */
SitrepListPacer *
sitrep_list_pacer_new (GListModel *source,
                       GtkWidget  *widget)
{
  SitrepListPacer *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (source), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  self = g_object_new (SITREP_TYPE_LIST_PACER, NULL);
  self->source = g_object_ref (source);
  self->n_shown = g_list_model_get_n_items (source);
  self->changed_handler = g_signal_connect (source, "items-changed",
                                            G_CALLBACK (source_items_changed_cb), self);
  self->widget = widget;
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &self->widget);
  self->unmap_handler = g_signal_connect (widget, "unmap", G_CALLBACK (widget_unmapped_cb), self);

  return self;
}

/**
 * sitrep_list_pacer_get_source:
 * @self: a pacer
 *
 * Returns: (transfer none): the model the pacer shows
 */
GListModel *
sitrep_list_pacer_get_source (SitrepListPacer *self)
{
  g_return_val_if_fail (SITREP_IS_LIST_PACER (self), NULL);

  return self->source;
}

/**
 * sitrep_list_pacer_get_pacing:
 * @self: a pacer
 *
 * Returns: whether the pacer shows only part of its source yet
 */
gboolean
sitrep_list_pacer_get_pacing (SitrepListPacer *self)
{
  g_return_val_if_fail (SITREP_IS_LIST_PACER (self), FALSE);

  return self->n_shown < g_list_model_get_n_items (self->source);
}
