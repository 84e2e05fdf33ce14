/* sitrep-report-render.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sitrep-report.h"

G_BEGIN_DECLS

typedef enum
{
  SITREP_REPORT_FORMAT_TEXT,
  SITREP_REPORT_FORMAT_MARKDOWN,
  SITREP_REPORT_FORMAT_JSON,
  SITREP_REPORT_FORMAT_PDF,
} SitrepReportFormat;

/*
 * A report laid out as a list of blocks, the one layout that the text,
 * Markdown and PDF writers share, so that they say the same things in the
 * same order.
 */
typedef enum
{
  SITREP_REPORT_BLOCK_TITLE,
  SITREP_REPORT_BLOCK_HEADING,
  SITREP_REPORT_BLOCK_SUBHEADING,
  SITREP_REPORT_BLOCK_FIELD,       /* label: text */
  SITREP_REPORT_BLOCK_ITEM,        /* one entry of a list */
  SITREP_REPORT_BLOCK_PARAGRAPH,
  SITREP_REPORT_BLOCK_CHART,       /* drawn in the PDF only */
} SitrepReportBlockKind;

typedef enum
{
  SITREP_REPORT_CHART_PER_DAY,     /* reported vs resolved per day */
  SITREP_REPORT_CHART_COMPLIANCE,  /* compliance per clock */
  SITREP_REPORT_CHART_BY_CAUSE,    /* incidents by cause */
} SitrepReportChart;

typedef struct
{
  SitrepReportBlockKind  kind;
  char                  *label;   /* FIELD only */
  char                  *text;
  SitrepReportChart      chart;   /* CHART only */
} SitrepReportBlock;

gboolean   sitrep_report_format_from_name  (const char          *name,
                                            SitrepReportFormat  *format);
void       sitrep_report_block_free        (gpointer             block);
GPtrArray *sitrep_report_build_blocks      (SitrepReport        *self);
GPtrArray *sitrep_report_blocks_from_text  (SitrepReport        *self,
                                            const char          *text);
char      *sitrep_report_to_text           (SitrepReport        *self);
char      *sitrep_report_to_markdown       (SitrepReport        *self);
char      *sitrep_report_to_json           (SitrepReport        *self);
char      *sitrep_report_format_utc        (gint64               time);

G_END_DECLS
