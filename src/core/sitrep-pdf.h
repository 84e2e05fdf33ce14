/* sitrep-pdf.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "sitrep-report.h"

G_BEGIN_DECLS

/* Paper sizes in points (1/72 inch). */
#define SITREP_PDF_A4_WIDTH      595.2756
#define SITREP_PDF_A4_HEIGHT     841.8898
#define SITREP_PDF_LETTER_WIDTH  612.0
#define SITREP_PDF_LETTER_HEIGHT 792.0

#define SITREP_TYPE_PDF_DOCUMENT (sitrep_pdf_document_get_type ())

G_DECLARE_FINAL_TYPE (SitrepPdfDocument, sitrep_pdf_document, SITREP, PDF_DOCUMENT, GObject)

void                sitrep_pdf_get_default_paper      (double             *width,
                                                       double             *height);

SitrepPdfDocument  *sitrep_pdf_document_new           (SitrepReport       *report,
                                                       double              page_width,
                                                       double              page_height);
SitrepPdfDocument  *sitrep_pdf_document_new_for_text  (SitrepReport       *report,
                                                       const char         *text,
                                                       double              page_width,
                                                       double              page_height);
guint               sitrep_pdf_document_paginate      (SitrepPdfDocument  *self,
                                                       cairo_t            *cr);
guint               sitrep_pdf_document_get_n_pages   (SitrepPdfDocument  *self);
void                sitrep_pdf_document_draw_page     (SitrepPdfDocument  *self,
                                                       cairo_t            *cr,
                                                       guint               page);

gboolean            sitrep_pdf_write                  (SitrepReport       *report,
                                                       const char         *text,
                                                       const char         *path,
                                                       double              page_width,
                                                       double              page_height,
                                                       GError            **error);

G_END_DECLS
