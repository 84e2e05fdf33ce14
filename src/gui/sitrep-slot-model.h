/* sitrep-slot-model.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SITREP_TYPE_SLOT_MODEL (sitrep_slot_model_get_type ())

G_DECLARE_FINAL_TYPE (SitrepSlotModel, sitrep_slot_model, SITREP, SLOT_MODEL, GObject)

SitrepSlotModel *sitrep_slot_model_new        (GListModel      *source);
GListModel      *sitrep_slot_model_get_source (SitrepSlotModel *self);

G_END_DECLS
