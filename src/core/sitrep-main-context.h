/* sitrep-main-context.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void sitrep_main_context_call (GMainContext   *context,
                               const char     *name,
                               GSourceFunc     func,
                               gpointer        data,
                               GDestroyNotify  notify);

G_END_DECLS
