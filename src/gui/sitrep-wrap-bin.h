/* sitrep-wrap-bin.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SITREP_TYPE_WRAP_BIN (sitrep_wrap_bin_get_type ())

G_DECLARE_FINAL_TYPE (SitrepWrapBin, sitrep_wrap_bin, SITREP, WRAP_BIN, AdwBin)

GtkWidget *sitrep_wrap_bin_new (GtkWidget *child);

G_END_DECLS
