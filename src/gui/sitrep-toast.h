/* sitrep-toast.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwToast *sitrep_toast_new  (const char *text,
                             guint       timeout);
void      sitrep_toast_show (GtkWidget  *widget,
                             const char *text,
                             guint       timeout);

G_END_DECLS
