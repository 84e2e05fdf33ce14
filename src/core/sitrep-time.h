/* sitrep-time.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SITREP_TIME_ERROR (sitrep_time_error_quark ())

typedef enum
{
  SITREP_TIME_ERROR_INVALID,
} SitrepTimeError;

GQuark    sitrep_time_error_quark     (void);

gboolean  sitrep_time_parse_rfc3339   (const char  *text,
                                       gint64      *time,
                                       GError     **error);
char     *sitrep_time_format_rfc3339  (gint64       time);
char     *sitrep_time_format_local    (gint64       time);
char     *sitrep_time_format_duration (gint64       seconds);

G_END_DECLS
