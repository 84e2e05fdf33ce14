/* sitrep-time.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The times Sitrep stores, reads and writes: Unix seconds from
 * SITREP_TIME_MIN (1970-01-01T00:00:01Z) to SITREP_TIME_MAX
 * (9999-12-31T23:59:59Z), both included.
 *
 * The range ends where RFC 3339 does: a later time has no four-digit year,
 * so an export could not write it in a form that import reads back.
 *
 * The range starts one second after the epoch, not at it, because Unix
 * time 0 is SITREP_TIME_NONE, the "not set" of every time field of an
 * incident, a deadline or a timeline entry. A parsed time of exactly
 * 1970-01-01T00:00:00Z would silently turn into "not set" (or, for the
 * command line's --at, into "now"), so parsing refuses it like any other
 * time outside the range. That keeps a single gint64 per time, with no
 * separate "is set" flag, and every valid time is distinct from unset.
 */
#define SITREP_TIME_MIN G_GINT64_CONSTANT (1)
#define SITREP_TIME_MAX G_GINT64_CONSTANT (253402300799)

#define SITREP_TIME_ERROR (sitrep_time_error_quark ())

/**
 * SitrepTimeError:
 * @SITREP_TIME_ERROR_INVALID: the text is not an RFC 3339 time with an
 *   offset
 * @SITREP_TIME_ERROR_OUT_OF_RANGE: the time is outside %SITREP_TIME_MIN …
 *   %SITREP_TIME_MAX
 *
 * Errors of sitrep_time_parse_rfc3339().
 */
typedef enum
{
  SITREP_TIME_ERROR_INVALID,
  SITREP_TIME_ERROR_OUT_OF_RANGE,
} SitrepTimeError;

GQuark    sitrep_time_error_quark     (void);

gboolean  sitrep_time_is_valid        (gint64       time);

gboolean  sitrep_time_parse_rfc3339   (const char  *text,
                                       gint64      *time,
                                       GError     **error);
char     *sitrep_time_format_rfc3339  (gint64       time);
char     *sitrep_time_format_local    (gint64       time);
char     *sitrep_time_format_clock    (gint64       time,
                                       gint64       now);
char     *sitrep_time_format_duration (gint64       seconds);

G_END_DECLS
