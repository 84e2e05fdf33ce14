/* test-report-pdf.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "sitrep-pdf.h"
#include "sitrep-report.h"
#include "sitrep-report-render.h"
#include "sitrep-store.h"

/*
 * The PDFs are read back with poppler's pdftotext: their text, where each
 * word sits on the page (-bbox) and each page's footer.
 */

/* 2026-03-14T02:00:05Z */
#define REPORTED G_GINT64_CONSTANT (1773453605)
#define NOW      (REPORTED + 40 * 86400)
#define MARGIN   56.0

typedef struct
{
  char        *dir;
  char        *path;
  SitrepClock *clock;
  SitrepStore *store;
  gint64       id;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
add_note (Fixture    *f,
          gint64      at,
          SitrepTag   tag,
          const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_store_add_note (f->store, f->id, at, "Li Wei", tag, text, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sitrep-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "sitrep.db", NULL);
  f->clock = sitrep_clock_new_fake (NOW);
  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);

  sitrep_incident_set_title (incident, "Payment gateway timeouts");
  sitrep_incident_set_service (incident, "Payments");
  sitrep_incident_set_level (incident, 1);
  sitrep_incident_set_reported_at (incident, REPORTED);
  sitrep_incident_set_cause_category (incident, SITREP_CAUSE_SOFTWARE);
  g_assert_true (sitrep_store_create_incident (f->store, incident, "Li Wei", &error));
  g_assert_no_error (error);
  f->id = sitrep_incident_get_id (incident);

  add_note (f, REPORTED + 61, SITREP_TAG_CONDITION, "Card payments time out after 30 s");
  add_note (f, REPORTED + 122, SITREP_TAG_ACTION, "Paged the database on-call");
  add_note (f, REPORTED + 183, SITREP_TAG_NEED, "Vendor engineer on site");
  g_assert_true (sitrep_store_transition (f->store, f->id, SITREP_TRANSITION_ACKNOWLEDGE,
                                          REPORTED + 300, "Li Wei", NULL, NULL, &error));
  g_assert_no_error (error);

  sitrep_complaint_set_ref (complaint, "C-1");
  sitrep_complaint_set_received_at (complaint, REPORTED + 60);
  sitrep_complaint_set_attributed (complaint, TRUE);
  g_assert_true (sitrep_store_add_complaint (f->store, f->id, complaint, "Li Wei", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gboolean
have_poppler (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");

  if (pdftotext == NULL || pdfinfo == NULL)
    {
      g_test_skip ("pdftotext and pdfinfo (poppler-utils) are needed to read the PDFs");
      return FALSE;
    }
  return TRUE;
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);

  return out;
}

static char *
pdf_text (const char *pdf,
          int         page)
{
  g_autofree char *first = g_strdup_printf ("%d", page > 0 ? page : 1);
  g_autofree char *last = g_strdup_printf ("%d", page > 0 ? page : 9999);
  const char *argv[] = { "pdftotext", "-f", first, "-l", last, pdf, "-", NULL };

  return run (argv);
}

static int
pdf_pages (const char *pdf,
           double     *width,
           double     *height)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = run (argv);
  const char *pages = strstr (info, "Pages:");
  const char *size = strstr (info, "Page size:");

  g_assert_nonnull (pages);
  g_assert_nonnull (size);
  if (width != NULL)
    *width = g_ascii_strtod (size + strlen ("Page size:"), NULL);
  if (height != NULL)
    *height = g_ascii_strtod (strstr (size, " x ") + 3, NULL);

  return atoi (pages + strlen ("Pages:"));
}

/* Every word inside the page's margins (the footer sits in the bottom
 * margin): nothing is cut off or drawn off the page. */
static void
assert_words_inside (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-bbox", pdf, "-", NULL };
  g_autofree char *html = run (argv);
  g_autoptr(GRegex) page_re = g_regex_new ("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\"",
                                           0, 0, NULL);
  g_autoptr(GRegex) word_re = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" "
                                           "xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  double width = 0, height = 0;
  guint words = 0;

  g_assert_true (g_regex_match (page_re, html, 0, &match));
  {
    g_autofree char *w = g_match_info_fetch (match, 1);
    g_autofree char *h = g_match_info_fetch (match, 2);

    width = g_ascii_strtod (w, NULL);
    height = g_ascii_strtod (h, NULL);
  }
  g_clear_pointer (&match, g_match_info_free);

  g_regex_match (word_re, html, 0, &match);
  while (g_match_info_matches (match))
    {
      double box[4];

      for (guint i = 0; i < 4; i++)
        {
          g_autofree char *value = g_match_info_fetch (match, (int) i + 1);

          box[i] = g_ascii_strtod (value, NULL);
        }
      g_assert_cmpfloat (box[0], >=, MARGIN - 1);
      g_assert_cmpfloat (box[2], <=, width - MARGIN + 1);
      g_assert_cmpfloat (box[1], >=, MARGIN - 1);
      g_assert_cmpfloat (box[3], <=, height - MARGIN / 2);
      words++;
      g_match_info_next (match, NULL);
    }
  g_assert_cmpuint (words, >, 20);
}

static char *
write_pdf (Fixture      *f,
           SitrepReport *report,
           const char   *name,
           double        width,
           double        height)
{
  g_autoptr(GError) error = NULL;
  char *pdf = g_build_filename (f->dir, name, NULL);
  GStatBuf st;

  g_assert_true (sitrep_pdf_write (report, NULL, pdf, width, height, &error));
  g_assert_no_error (error);
  /* it holds incident data: only the user may read it */
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  return pdf;
}

static void
test_can_pdf (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) report = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  double width, height;

  if (!have_poppler ())
    return;

  report = sitrep_report_new_can (f->store, f->id, &error);
  g_assert_no_error (error);
  pdf = write_pdf (f, report, "can.pdf", 0, 0);

  text = pdf_text (pdf, 0);
  g_assert_nonnull (strstr (text, "CAN report — INC-1"));
  g_assert_nonnull (strstr (text, "Conditions"));
  g_assert_nonnull (strstr (text, "Actions"));
  g_assert_nonnull (strstr (text, "Needs"));
  g_assert_nonnull (strstr (text, "2026-03-14 02:01:06 — Li Wei: Card payments time out"));
  g_assert_nonnull (strstr (text, "INC-1 — CAN report"));
  g_assert_nonnull (strstr (text, "Page 1 of 1"));

  /* C.UTF-8's paper is A4 */
  g_assert_cmpint (pdf_pages (pdf, &width, &height), ==, 1);
  g_assert_cmpfloat_with_epsilon (width, SITREP_PDF_A4_WIDTH, 0.01);
  g_assert_cmpfloat_with_epsilon (height, SITREP_PDF_A4_HEIGHT, 0.01);
  assert_words_inside (pdf);
}

static void
test_final_pdf (Fixture       *f,
                gconstpointer  data)
{
  static const char *const sections[] = { "Final report — INC-1", "Summary", "Key events",
                                          "Impact", "Deadlines", "Complaints", "Root cause",
                                          "Team sections", "Technical team (Wang Fang)",
                                          "Corrective actions", "Lessons learned",
                                          "Attributed to this incident: 1",
                                          "Cause category: Software" };
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) report = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  double width, height;

  if (!have_poppler ())
    return;

  report = sitrep_report_new_final (f->store, f->id, &error);
  g_assert_no_error (error);
  sitrep_report_add_team (report, "Technical team", "Wang Fang", "The pool leaked.");
  pdf = write_pdf (f, report, "final.pdf", SITREP_PDF_LETTER_WIDTH, SITREP_PDF_LETTER_HEIGHT);

  text = pdf_text (pdf, 0);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (strstr (text, sections[i]) == NULL)
      g_error ("“%s” is not in the PDF's text:\n%s", sections[i], text);

  pdf_pages (pdf, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, SITREP_PDF_LETTER_WIDTH, 0.01);
  g_assert_cmpfloat_with_epsilon (height, SITREP_PDF_LETTER_HEIGHT, 0.01);
  assert_words_inside (pdf);
}

static void
test_monthly_pdf (Fixture       *f,
                  gconstpointer  data)
{
  static const char *const sections[] = { "Monthly analysis — 2026-03", "Incidents reported",
                                          "By level", "By cause category",
                                          "Incidents by cause category", "By service",
                                          "Throughput per day",
                                          "Incidents reported and resolved per day",
                                          "Compliance per clock", "Time taken",
                                          "Notices of the communication plan",
                                          "Longest breaches", "2026-03 — Monthly analysis" };
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) report = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;

  if (!have_poppler ())
    return;

  report = sitrep_report_new_monthly_from_path (f->path, 2026, 3, NOW, &error);
  g_assert_no_error (error);
  pdf = write_pdf (f, report, "monthly.pdf", 0, 0);

  text = pdf_text (pdf, 0);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (strstr (text, sections[i]) == NULL)
      g_error ("“%s” is not in the PDF's text:\n%s", sections[i], text);
  assert_words_inside (pdf);
}

static guint
count_pages (SitrepReport *report)
{
  g_autoptr(SitrepPdfDocument) document = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n;

  /* measured on a PDF surface, as sitrep_pdf_write() measures */
  surface = cairo_pdf_surface_create_for_stream (NULL, NULL, SITREP_PDF_A4_WIDTH,
                                                 SITREP_PDF_A4_HEIGHT);
  cr = cairo_create (surface);
  document = sitrep_pdf_document_new (report, SITREP_PDF_A4_WIDTH, SITREP_PDF_A4_HEIGHT);
  n = sitrep_pdf_document_paginate (document, cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return n;
}

/* A CAN report grown entry by entry until it fills three pages: each page
 * says "Page n of 3", and every entry is on one page whole. */
static void
test_three_pages (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) report = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *all = NULL;
  g_autofree char *long_word = g_strnfill (200, 'x');
  guint n = 0;

  if (!have_poppler ())
    return;

  /* a word wider than the page must wrap, not run off it */
  add_note (f, REPORTED + 200, SITREP_TAG_CONDITION, long_word);

  while (TRUE)
    {
      g_autofree char *text = NULL;
      guint pages;

      n++;
      text = g_strdup_printf ("Entry %03u: the error rate was measured again on every node of "
                              "the payment cluster and written to the bridge log", n);
      add_note (f, REPORTED + 300 + n, SITREP_TAG_NEED, text);

      g_clear_object (&report);
      report = sitrep_report_new_can (f->store, f->id, &error);
      g_assert_no_error (error);
      pages = count_pages (report);
      g_assert_cmpuint (pages, <=, 3);
      if (pages == 3)
        break;
      g_assert_cmpuint (n, <, 500);
    }

  pdf = write_pdf (f, report, "three.pdf", 0, 0);
  g_assert_cmpint (pdf_pages (pdf, NULL, NULL), ==, 3);

  for (int page = 1; page <= 3; page++)
    {
      g_autofree char *text = pdf_text (pdf, page);
      g_autofree char *footer = g_strdup_printf ("Page %d of 3", page);

      g_assert_nonnull (strstr (text, footer));
      g_assert_nonnull (strstr (text, "INC-1 — CAN report"));
      for (int other = 1; other <= 3; other++)
        if (other != page)
          {
            g_autofree char *wrong = g_strdup_printf ("Page %d of 3", other);

            g_assert_null (strstr (text, wrong));
          }
    }

  /* the last entry, on page 3, and each entry's text in one piece */
  {
    g_autofree char *page3 = pdf_text (pdf, 3);
    g_autofree char *last = g_strdup_printf ("Entry %03u:", n);

    g_assert_nonnull (strstr (page3, last));
  }
  all = pdf_text (pdf, 0);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *entry = g_strdup_printf ("Entry %03u: the error rate", i);

      g_assert_nonnull (strstr (all, entry));
    }
  assert_words_inside (pdf);
}

/* What the user edited in the preview is what the PDF says; a monthly
 * analysis keeps its charts. */
static void
test_edited_text (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) can = NULL;
  g_autoptr(SitrepReport) monthly = NULL;
  g_autofree char *can_text = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *monthly_text = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "edited.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  guint charts = 0;

  if (!have_poppler ())
    return;

  can = sitrep_report_new_can (f->store, f->id, &error);
  g_assert_no_error (error);
  can_text = sitrep_report_to_text (can);
  edited = g_strconcat (can_text, "\nNext update at 11:00 on the bridge.\n", NULL);
  g_assert_true (sitrep_pdf_write (can, edited, pdf, 0, 0, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf, 0);
  g_assert_nonnull (strstr (text, "Next update at 11:00 on the bridge."));
  g_assert_nonnull (strstr (text, "Card payments time out after 30 s"));
  assert_words_inside (pdf);

  monthly = sitrep_report_new_monthly_from_path (f->path, 2026, 3, NOW, &error);
  g_assert_no_error (error);
  monthly_text = sitrep_report_to_text (monthly);
  blocks = sitrep_report_blocks_from_text (monthly, monthly_text);
  for (guint i = 0; i < blocks->len; i++)
    {
      SitrepReportBlock *block = g_ptr_array_index (blocks, i);

      if (block->kind != SITREP_REPORT_BLOCK_CHART)
        continue;
      charts++;
      /* each chart right after its heading, as drafted */
      g_assert_cmpuint (i, >, 0);
    }
  g_assert_cmpuint (charts, ==, 3);
  g_assert_cmpint (((SitrepReportBlock *) g_ptr_array_index (blocks, 0))->kind, ==,
                   SITREP_REPORT_BLOCK_TITLE);
}

static void
test_write_error (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) report = NULL;

  report = sitrep_report_new_can (f->store, f->id, &error);
  g_assert_no_error (error);
  g_assert_false (sitrep_pdf_write (report, NULL, "/nonexistent/folder/can.pdf", 0, 0, &error));
  g_assert_error (error, SITREP_REPORT_ERROR, SITREP_REPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "/nonexistent/folder/can.pdf"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sitrep/report-pdf/can", test_can_pdf);
  ADD ("/sitrep/report-pdf/final", test_final_pdf);
  ADD ("/sitrep/report-pdf/monthly", test_monthly_pdf);
  ADD ("/sitrep/report-pdf/three-pages", test_three_pages);
  ADD ("/sitrep/report-pdf/edited-text", test_edited_text);
  ADD ("/sitrep/report-pdf/write-error", test_write_error);

#undef ADD

  return g_test_run ();
}
