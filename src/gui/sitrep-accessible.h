/* sitrep-accessible.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void sitrep_accessible_name_button           (GtkWidget  *button,
                                              const char *name);
void sitrep_accessible_name_mnemonic_buttons (GtkWidget  *widget);
void sitrep_accessible_describe              (GtkWidget  *widget,
                                              const char *description);
void sitrep_accessible_set_tooltip           (GtkWidget  *widget,
                                              const char *text);

G_END_DECLS
