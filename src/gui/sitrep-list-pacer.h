/* sitrep-list-pacer.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SITREP_TYPE_LIST_PACER (sitrep_list_pacer_get_type ())

G_DECLARE_FINAL_TYPE (SitrepListPacer, sitrep_list_pacer, SITREP, LIST_PACER, GObject)

SitrepListPacer *sitrep_list_pacer_new        (GListModel      *source,
                                               GtkWidget       *widget);
GListModel      *sitrep_list_pacer_get_source (SitrepListPacer *self);
gboolean         sitrep_list_pacer_get_pacing (SitrepListPacer *self);

G_END_DECLS
