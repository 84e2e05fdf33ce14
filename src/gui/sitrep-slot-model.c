/* sitrep-slot-model.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-incident-slot.h"
#include "sitrep-slot-model.h"

/*
 * The ticket list as a list view sees it: a #SitrepIncidentSlot for each
 * incident of a list of incidents.
 *
 * GTK 4.8's list view keeps a row widget only while its item object stays
 * in the model; when a search answers on a large database, every item is
 * a new incident, and the list view dropped its 200 rows and built 200 new
 * ones in one frame. Here the first TOP places of the list, where the
 * list view builds its rows when the list is scrolled to the top, have
 * slots that live across changes: where the source replaces items at the
 * same places, the slots there stay in the model and are given the new
 * incidents, and the rows that show them follow. The list view sees only
 * the difference in length; it keeps every row, and lays them out again.
 *
 * Further down, each item asked for is a new slot holding its incident.
 * A replacement there that adds more than BIG_CHANGE items is announced
 * as a removal, then an insertion: a list view or a selection whose
 * tracked item was removed reads every added item looking for it.
 *
 * Positions are the source's, but for the moment between the two halves
 * of such a replacement.
 */

/* Places with long-lived slots: more than the rows a list view builds at
 * the top of the list (about 200 in GTK 4.8). */
#define TOP 256

/* A replacement that adds more items than this is a removal, then an
 * insertion. */
#define BIG_CHANGE 1000

struct _SitrepSlotModel
{
  GObject     parent_instance;

  GListModel *source;
  GPtrArray  *slots;       /* SitrepIncidentSlot* or NULL, the first places */
  guint       n_items;     /* as announced */
  guint       shift_from;  /* from this position on, the source's is… */
  guint       shift;       /* …this many further on */
  gulong      changed_handler;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SitrepSlotModel, sitrep_slot_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
clear_slot (gpointer slot)
{
  if (slot != NULL)
    g_object_unref (slot);
}

static SitrepIncident *
source_incident (SitrepSlotModel *self,
                 guint            position)
{
  if (position >= self->shift_from)
    position += self->shift;

  return g_list_model_get_item (self->source, position);
}

/* Announces a change in the places after the kept ones; the slots of the
 * removed places go, the added places get theirs when asked for. */
static void
announce (SitrepSlotModel *self,
          guint            position,
          guint            removed,
          guint            added)
{
  guint n_top;

  if (position < self->slots->len)
    g_ptr_array_remove_range (self->slots, position,
                              MIN (removed, self->slots->len - position));
  for (guint i = 0; i < added && position + i < TOP; i++)
    g_ptr_array_insert (self->slots, position + i, NULL);

  self->n_items = self->n_items - removed + added;
  n_top = MIN (self->n_items, TOP);
  if (self->slots->len > n_top)
    g_ptr_array_set_size (self->slots, n_top);
  while (self->slots->len < n_top)
    g_ptr_array_add (self->slots, NULL);

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
source_items_changed_cb (GListModel      *source,
                         guint            position,
                         guint            removed,
                         guint            added,
                         SitrepSlotModel *self)
{
  guint keep = 0;
  guint at;

  /* Places that hold another incident now keep their slots. */
  if (position < TOP)
    keep = MIN (MIN (removed, added), TOP - position);
  for (guint i = position; i < position + keep && i < self->slots->len; i++)
    {
      SitrepIncidentSlot *slot = g_ptr_array_index (self->slots, i);
      g_autoptr(SitrepIncident) incident = NULL;

      if (slot == NULL)
        continue;
      incident = g_list_model_get_item (source, i);
      sitrep_incident_slot_set_incident (slot, incident);
    }

  at = position + keep;
  removed -= keep;
  added -= keep;

  if (removed > 0 && added > BIG_CHANGE)
    {
      self->shift_from = at;
      self->shift = added;
      announce (self, at, removed, 0);
      self->shift_from = G_MAXUINT;
      self->shift = 0;
      announce (self, at, 0, added);
    }
  else if (removed > 0 || added > 0)
    announce (self, at, removed, added);
}

static GType
sitrep_slot_model_get_item_type (GListModel *model)
{
  return SITREP_TYPE_INCIDENT_SLOT;
}

static guint
sitrep_slot_model_get_n_items (GListModel *model)
{
  SitrepSlotModel *self = SITREP_SLOT_MODEL (model);

  return self->n_items;
}

static gpointer
sitrep_slot_model_get_item (GListModel *model,
                            guint       position)
{
  SitrepSlotModel *self = SITREP_SLOT_MODEL (model);
  g_autoptr(SitrepIncident) incident = NULL;
  SitrepIncidentSlot *slot;

  if (position >= self->n_items)
    return NULL;

  if (position < self->slots->len)
    {
      slot = g_ptr_array_index (self->slots, position);
      if (slot != NULL)
        return g_object_ref (slot);
    }

  incident = source_incident (self, position);
  slot = sitrep_incident_slot_new (incident);
  if (position < self->slots->len)
    g_ptr_array_index (self->slots, position) = g_object_ref (slot);

  return slot;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sitrep_slot_model_get_item_type;
  iface->get_n_items = sitrep_slot_model_get_n_items;
  iface->get_item = sitrep_slot_model_get_item;
}

static void
sitrep_slot_model_dispose (GObject *object)
{
  SitrepSlotModel *self = SITREP_SLOT_MODEL (object);

  if (self->source != NULL)
    g_clear_signal_handler (&self->changed_handler, self->source);
  g_clear_object (&self->source);
  g_clear_pointer (&self->slots, g_ptr_array_unref);

  G_OBJECT_CLASS (sitrep_slot_model_parent_class)->dispose (object);
}

static void
sitrep_slot_model_class_init (SitrepSlotModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_slot_model_dispose;
}

static void
sitrep_slot_model_init (SitrepSlotModel *self)
{
  self->slots = g_ptr_array_new_with_free_func (clear_slot);
  self->shift_from = G_MAXUINT;
}

/**
 * sitrep_slot_model_new:
 * @source: a list of #SitrepIncident
 *
 * Creates a model of a #SitrepIncidentSlot for each incident of @source,
 * at the same positions, following its changes.
 *
 * Returns: (transfer full): the model
 */
SitrepSlotModel *
sitrep_slot_model_new (GListModel *source)
{
  SitrepSlotModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (source), NULL);

  self = g_object_new (SITREP_TYPE_SLOT_MODEL, NULL);
  self->source = g_object_ref (source);
  self->n_items = g_list_model_get_n_items (source);
  g_ptr_array_set_size (self->slots, MIN (self->n_items, TOP));
  self->changed_handler = g_signal_connect (source, "items-changed",
                                            G_CALLBACK (source_items_changed_cb), self);

  return self;
}

/**
 * sitrep_slot_model_get_source:
 * @self: a slot model
 *
 * Returns: (transfer none): the list of incidents the slots hold
 */
GListModel *
sitrep_slot_model_get_source (SitrepSlotModel *self)
{
  g_return_val_if_fail (SITREP_IS_SLOT_MODEL (self), NULL);

  return self->source;
}
