/* sitrep-time-input.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *sitrep_time_input_format             (gint64       time);
gboolean  sitrep_time_input_parse              (const char  *text,
                                                gint64       not_before,
                                                gint64       now,
                                                gint64      *time,
                                                char       **message);
gboolean  sitrep_time_input_read               (const char  *text,
                                                const char  *format,
                                                gint64       now,
                                                gint64      *time,
                                                gboolean    *has_seconds);
gboolean  sitrep_time_input_format_is_readable (const char  *format);

G_END_DECLS
