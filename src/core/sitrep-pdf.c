/* sitrep-pdf.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "sitrep-chart.h"
#include "sitrep-pdf.h"
#include "sitrep-report-render.h"

/*
 * A report's pages: the blocks of sitrep_report_build_blocks() set with
 * pango, broken into pages between lines (never through one), with the
 * report's subject and name and "Page n of m" in each page's footer. The
 * same pages go to a PDF file and, through GtkPrintOperation, to a
 * printer: pagination measures with the cairo context it is given.
 */

#define MARGIN        56.0      /* about 2 cm */
#define FOOTER_GAP    18.0
#define CHART_HEIGHT  190.0     /* the per-day chart, with its caption */
#define CHART_CAPTION 18.0
#define BLOCK_GAP     3.0
#define HEADING_GAP   12.0
#define ITEM_INDENT   12.0

/* One line (or chart) at its place on a page. */
typedef struct
{
  guint   page;
  guint   block;
  int     line;       /* -1: the block's chart */
  double  x;
  double  y;          /* the line's baseline, or the chart's top */
} Placement;

struct _SitrepPdfDocument
{
  GObject        parent_instance;

  SitrepReport  *report;
  GPtrArray     *blocks;      /* SitrepReportBlock */
  GPtrArray     *layouts;     /* PangoLayout per block, NULL for charts */
  GArray        *placements;  /* Placement */
  double         width;
  double         height;
  guint          n_pages;
};

G_DEFINE_TYPE (SitrepPdfDocument, sitrep_pdf_document, G_TYPE_OBJECT)

static const char *
get_font (SitrepReportBlockKind kind)
{
  switch (kind)
    {
    case SITREP_REPORT_BLOCK_TITLE:      return "Sans Bold 17";
    case SITREP_REPORT_BLOCK_HEADING:    return "Sans Bold 12.5";
    case SITREP_REPORT_BLOCK_SUBHEADING: return "Sans Bold 10.5";
    case SITREP_REPORT_BLOCK_CHART:      return "Sans Italic 9";
    case SITREP_REPORT_BLOCK_FIELD:
    case SITREP_REPORT_BLOCK_ITEM:
    case SITREP_REPORT_BLOCK_PARAGRAPH:
    default:                             return "Sans 10";
    }
}

static PangoLayout *
create_block_layout (cairo_t           *cr,
                     SitrepReportBlock *block,
                     double             width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = NULL;
  double indent = block->kind == SITREP_REPORT_BLOCK_ITEM ? ITEM_INDENT : 0;

  font = pango_font_description_from_string (get_font (block->kind));

  pango_layout_set_font_description (layout, font);
  /* a word longer than the line (a URL) breaks rather than overflows */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) ((width - indent) * PANGO_SCALE));

  if (block->kind == SITREP_REPORT_BLOCK_FIELD)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s:</b> %s", block->label,
                                                         block->text);

      pango_layout_set_markup (layout, markup, -1);
    }
  else
    {
      pango_layout_set_text (layout, block->text, -1);
    }

  return layout;
}

static double
get_bottom (SitrepPdfDocument *self)
{
  return self->height - MARGIN - FOOTER_GAP;
}

static void
sitrep_pdf_document_dispose (GObject *object)
{
  SitrepPdfDocument *self = SITREP_PDF_DOCUMENT (object);

  g_clear_object (&self->report);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->layouts, g_ptr_array_unref);
  g_clear_pointer (&self->placements, g_array_unref);

  G_OBJECT_CLASS (sitrep_pdf_document_parent_class)->dispose (object);
}

static void
sitrep_pdf_document_class_init (SitrepPdfDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_pdf_document_dispose;
}

static void
sitrep_pdf_document_init (SitrepPdfDocument *self)
{
  self->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
}

/**
 * sitrep_pdf_get_default_paper:
 * @width: (out): the paper's width in points
 * @height: (out): the paper's height in points
 *
 * The paper of the user's locale (LC_PAPER): US Letter where the locale
 * says so, A4 elsewhere.
 */
void
sitrep_pdf_get_default_paper (double *width,
                              double *height)
{
  *width = SITREP_PDF_A4_WIDTH;
  *height = SITREP_PDF_A4_HEIGHT;

#ifdef _NL_PAPER_WIDTH
  {
    /* glibc answers with an integer in the pointer: millimetres */
    int paper_width = (int) (gintptr) nl_langinfo (_NL_PAPER_WIDTH);

    if (paper_width == 216)
      {
        *width = SITREP_PDF_LETTER_WIDTH;
        *height = SITREP_PDF_LETTER_HEIGHT;
      }
  }
#endif
}

/**
 * sitrep_pdf_document_new:
 * @report: a #SitrepReport
 * @page_width: the page's width in points
 * @page_height: the page's height in points
 *
 * Returns: (transfer full): the report's pages, not yet paginated
 */
SitrepPdfDocument *
sitrep_pdf_document_new (SitrepReport *report,
                         double        page_width,
                         double        page_height)
{
  SitrepPdfDocument *self;

  g_return_val_if_fail (SITREP_IS_REPORT (report), NULL);
  g_return_val_if_fail (page_width > 2 * MARGIN && page_height > 3 * MARGIN, NULL);

  self = g_object_new (SITREP_TYPE_PDF_DOCUMENT, NULL);
  self->report = g_object_ref (report);
  self->width = page_width;
  self->height = page_height;
  self->blocks = sitrep_report_build_blocks (report);

  return self;
}

/* A chart's height on the page, its caption included: the bars of the
 * cause chart keep their size whatever the number of causes. */
static double
get_chart_height (SitrepPdfDocument *self,
                  SitrepReportChart  chart)
{
  const SitrepMonthly *monthly = sitrep_report_get_monthly (self->report);

  switch (chart)
    {
    case SITREP_REPORT_CHART_BY_CAUSE:
      return CHART_CAPTION + 8 + 22.0 * MAX (1, monthly->by_cause->len);
    case SITREP_REPORT_CHART_COMPLIANCE:
      return CHART_CAPTION + 8 + 130.0;
    case SITREP_REPORT_CHART_PER_DAY:
    default:
      return CHART_HEIGHT;
    }
}

/* The room a block needs below a heading so that the heading does not
 * end a page alone: a whole chart, or about three lines of text. */
static double
get_room_after_heading (SitrepPdfDocument *self,
                        guint              heading)
{
  SitrepReportBlock *next;

  if (heading + 1 >= self->blocks->len)
    return 0;

  next = g_ptr_array_index (self->blocks, heading + 1);
  if (next->kind == SITREP_REPORT_BLOCK_CHART)
    return get_chart_height (self, next->chart);
  return 40.0;
}

/**
 * sitrep_pdf_document_new_for_text:
 * @report: the #SitrepReport that @text was drafted from
 * @text: the report's plain text, as the user edited it
 * @page_width: the page's width in points
 * @page_height: the page's height in points
 *
 * Pages that say what the user edited, with the report's charts (see
 * sitrep_report_blocks_from_text()).
 *
 * Returns: (transfer full): the pages, not yet paginated
 */
SitrepPdfDocument *
sitrep_pdf_document_new_for_text (SitrepReport *report,
                                  const char   *text,
                                  double        page_width,
                                  double        page_height)
{
  SitrepPdfDocument *self;

  g_return_val_if_fail (SITREP_IS_REPORT (report), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (page_width > 2 * MARGIN && page_height > 3 * MARGIN, NULL);

  self = g_object_new (SITREP_TYPE_PDF_DOCUMENT, NULL);
  self->report = g_object_ref (report);
  self->width = page_width;
  self->height = page_height;
  self->blocks = sitrep_report_blocks_from_text (report, text);

  return self;
}

/* Starts a new page unless the current one is still empty. */
static void
break_page (SitrepPdfDocument *self,
            double            *y)
{
  if (*y > MARGIN)
    {
      self->n_pages++;
      *y = MARGIN;
    }
}

/**
 * sitrep_pdf_document_paginate:
 * @self: a #SitrepPdfDocument
 * @cr: the cairo context the pages will be drawn with (its font options
 *   and resolution decide the text's metrics)
 *
 * Sets the report's text and places each line on a page: a line that does
 * not fit goes to the next page whole, a heading moves with the first
 * lines that follow it, a chart is never split.
 *
 * Returns: the number of pages
 */
guint
sitrep_pdf_document_paginate (SitrepPdfDocument *self,
                              cairo_t           *cr)
{
  double content_width, bottom, y;

  g_return_val_if_fail (SITREP_IS_PDF_DOCUMENT (self), 0);
  g_return_val_if_fail (cr != NULL, 0);

  content_width = self->width - 2 * MARGIN;
  bottom = get_bottom (self);
  y = MARGIN;
  self->n_pages = 1;
  g_array_set_size (self->placements, 0);
  g_clear_pointer (&self->layouts, g_ptr_array_unref);
  self->layouts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint b = 0; b < self->blocks->len; b++)
    {
      SitrepReportBlock *block = g_ptr_array_index (self->blocks, b);
      PangoLayout *layout = create_block_layout (cr, block, content_width);
      double indent = block->kind == SITREP_REPORT_BLOCK_ITEM ? ITEM_INDENT : 0;
      PangoLayoutIter *iter;
      int line = 0;

      g_ptr_array_add (self->layouts, layout);

      if ((block->kind == SITREP_REPORT_BLOCK_HEADING ||
           block->kind == SITREP_REPORT_BLOCK_SUBHEADING) && y > MARGIN)
        y += block->kind == SITREP_REPORT_BLOCK_HEADING ? HEADING_GAP : HEADING_GAP / 2;

      if (block->kind == SITREP_REPORT_BLOCK_CHART)
        {
          double chart_height = get_chart_height (self, block->chart);
          Placement placement;

          if (y + chart_height > bottom)
            break_page (self, &y);
          placement.page = self->n_pages - 1;
          placement.block = b;
          placement.line = -1;
          placement.x = MARGIN;
          placement.y = y;
          g_array_append_val (self->placements, placement);
          y += chart_height + BLOCK_GAP * 2;
          continue;
        }

      /* keep a heading with what follows it */
      if ((block->kind == SITREP_REPORT_BLOCK_HEADING ||
           block->kind == SITREP_REPORT_BLOCK_SUBHEADING) &&
          y + 20.0 + get_room_after_heading (self, b) > bottom)
        break_page (self, &y);

      iter = pango_layout_get_iter (layout);
      do
        {
          PangoRectangle logical;
          Placement placement;
          double top_to_baseline, line_height;
          int baseline;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          baseline = pango_layout_iter_get_baseline (iter);
          line_height = (double) logical.height / PANGO_SCALE;
          top_to_baseline = (double) (baseline - logical.y) / PANGO_SCALE;

          if (y + line_height > bottom)
            break_page (self, &y);

          placement.page = self->n_pages - 1;
          placement.block = b;
          placement.line = line++;
          placement.x = MARGIN + indent + (double) logical.x / PANGO_SCALE;
          placement.y = y + top_to_baseline;
          g_array_append_val (self->placements, placement);
          y += line_height;
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);

      y += block->kind == SITREP_REPORT_BLOCK_TITLE ? BLOCK_GAP * 4 : BLOCK_GAP;
    }

  return self->n_pages;
}

/**
 * sitrep_pdf_document_get_n_pages:
 * @self: a paginated #SitrepPdfDocument
 *
 * Returns: the number of pages, 0 before sitrep_pdf_document_paginate()
 */
guint
sitrep_pdf_document_get_n_pages (SitrepPdfDocument *self)
{
  g_return_val_if_fail (SITREP_IS_PDF_DOCUMENT (self), 0);

  return self->n_pages;
}

static void
draw_footer (SitrepPdfDocument *self,
             cairo_t           *cr,
             guint              page)
{
  g_autoptr(PangoLayout) left = pango_cairo_create_layout (cr);
  g_autoptr(PangoLayout) right = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 8.5");
  g_autofree char *subject = sitrep_report_get_subject (self->report);
  g_autofree char *left_text = NULL;
  g_autofree char *right_text = NULL;
  int width, height;
  double y = self->height - MARGIN;

  /* Translators: a report page's footer: subject (incident key or month)
   * and the report's name */
  left_text = g_strdup_printf (_("%s — %s"), subject, sitrep_report_get_name (self->report));
  /* Translators: a report page's footer */
  right_text = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);

  pango_layout_set_font_description (left, font);
  pango_layout_set_font_description (right, font);
  pango_layout_set_text (left, left_text, -1);
  pango_layout_set_text (right, right_text, -1);
  pango_layout_set_width (left, (int) ((self->width - 2 * MARGIN) * 0.7 * PANGO_SCALE));
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);

  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN, y);
  cairo_line_to (cr, self->width - MARGIN, y);
  cairo_stroke (cr);

  cairo_move_to (cr, MARGIN, y + 4);
  pango_cairo_show_layout (cr, left);
  pango_layout_get_pixel_size (right, &width, &height);
  cairo_move_to (cr, self->width - MARGIN - width, y + 4);
  pango_cairo_show_layout (cr, right);
}

/**
 * sitrep_pdf_document_draw_page:
 * @self: a paginated #SitrepPdfDocument
 * @cr: a cairo context whose user space is the page, in points
 * @page: the page, from 0
 *
 * Draws one page: its lines, charts and footer.
 */
void
sitrep_pdf_document_draw_page (SitrepPdfDocument *self,
                               cairo_t           *cr,
                               guint              page)
{
  const SitrepChartColor ink = { 0.1, 0.1, 0.1 };

  g_return_if_fail (SITREP_IS_PDF_DOCUMENT (self));
  g_return_if_fail (page < self->n_pages);

  cairo_save (cr);

  for (guint i = 0; i < self->placements->len; i++)
    {
      Placement *p = &g_array_index (self->placements, Placement, i);
      SitrepReportBlock *block;

      if (p->page != page)
        continue;

      block = g_ptr_array_index (self->blocks, p->block);
      if (p->line < 0)
        {
          cairo_save (cr);
          cairo_translate (cr, p->x, p->y);
          cairo_set_source_rgb (cr, ink.red, ink.green, ink.blue);
          cairo_move_to (cr, 0, 0);
          pango_cairo_show_layout (cr, g_ptr_array_index (self->layouts, p->block));
          cairo_translate (cr, 0, CHART_CAPTION);
          sitrep_chart_draw (cr, self->width - 2 * MARGIN,
                             get_chart_height (self, block->chart) - CHART_CAPTION - 4,
                             self->report, block->chart, &ink);
          cairo_restore (cr);
          continue;
        }

      if (block->kind == SITREP_REPORT_BLOCK_ITEM && p->line == 0)
        {
          cairo_set_source_rgb (cr, ink.red, ink.green, ink.blue);
          cairo_new_path (cr);
          cairo_arc (cr, MARGIN + ITEM_INDENT / 2 - 1, p->y - 3.5, 1.6, 0, 2 * G_PI);
          cairo_fill (cr);
        }

      if (block->kind == SITREP_REPORT_BLOCK_HEADING || block->kind == SITREP_REPORT_BLOCK_TITLE)
        cairo_set_source_rgb (cr, 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0);
      else
        cairo_set_source_rgb (cr, ink.red, ink.green, ink.blue);
      cairo_move_to (cr, p->x, p->y);
      pango_cairo_show_layout_line (cr,
                                    pango_layout_get_line_readonly (
                                      g_ptr_array_index (self->layouts, p->block), p->line));
    }

  draw_footer (self, cr, page);
  cairo_restore (cr);
}

static cairo_status_t
write_to_fd (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  int fd = GPOINTER_TO_INT (closure);

  while (length > 0)
    {
      ssize_t written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return CAIRO_STATUS_WRITE_ERROR;
      data += written;
      length -= (unsigned int) written;
    }

  return CAIRO_STATUS_SUCCESS;
}

/**
 * sitrep_pdf_write:
 * @report: a #SitrepReport
 * @text: (nullable): the report's text as the user edited it, or %NULL
 *   for the report as drafted
 * @path: the PDF file to write (created 0600: it holds incident data)
 * @page_width: the page's width in points, or 0 for the locale's paper
 * @page_height: the page's height in points, or 0 for the locale's paper
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the whole PDF was written
 */
gboolean
sitrep_pdf_write (SitrepReport  *report,
                  const char    *text,
                  const char    *path,
                  double         page_width,
                  double         page_height,
                  GError       **error)
{
  g_autoptr(SitrepPdfDocument) document = NULL;
  g_autofree char *display = NULL;
  g_autofree char *subject = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int fd;

  g_return_val_if_fail (SITREP_IS_REPORT (report), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (page_width <= 0 || page_height <= 0)
    sitrep_pdf_get_default_paper (&page_width, &page_height);

  display = g_filename_display_name (path);
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, SITREP_REPORT_ERROR, SITREP_REPORT_ERROR_WRITE,
                   _("Could not write the report to “%s”: %s"), display,
                   g_strerror (saved_errno));
      return FALSE;
    }

  if (text != NULL)
    document = sitrep_pdf_document_new_for_text (report, text, page_width, page_height);
  else
    document = sitrep_pdf_document_new (report, page_width, page_height);
  surface = cairo_pdf_surface_create_for_stream (write_to_fd, GINT_TO_POINTER (fd),
                                                 page_width, page_height);
  subject = sitrep_report_get_subject (report);
  {
    g_autofree char *title = g_strdup_printf ("%s — %s", sitrep_report_get_name (report),
                                              subject);

    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Sitrep");
  }

  cr = cairo_create (surface);
  sitrep_pdf_document_paginate (document, cr);
  for (guint page = 0; page < sitrep_pdf_document_get_n_pages (document); page++)
    {
      sitrep_pdf_document_draw_page (document, cr, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (close (fd) != 0 && status == CAIRO_STATUS_SUCCESS)
    status = CAIRO_STATUS_WRITE_ERROR;

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SITREP_REPORT_ERROR, SITREP_REPORT_ERROR_WRITE,
                   _("Could not write the report to “%s”: %s"), display,
                   cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}
