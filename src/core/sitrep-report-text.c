/* sitrep-report-text.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sitrep-report-render.h"

/*
 * Plain text (for mail and chat) and Markdown, both written from the
 * report's blocks.
 */

/**
 * sitrep_report_format_from_name:
 * @name: "text", "markdown", "json" or "pdf"
 * @format: (out): the format
 *
 * Returns: %TRUE if @name is a format
 */
gboolean
sitrep_report_format_from_name (const char         *name,
                                SitrepReportFormat *format)
{
  static const char *const names[] = { "text", "markdown", "json", "pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      {
        *format = (SitrepReportFormat) i;
        return TRUE;
      }

  return FALSE;
}

static void
append_underlined (GString    *out,
                   const char *text,
                   char        rule)
{
  glong width = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  g_string_append_c (out, '\n');
  for (glong i = 0; i < width; i++)
    g_string_append_c (out, rule);
  g_string_append_c (out, '\n');
}

/* Markdown would read "*", "_", "#" … in people's text as markup. */
static void
append_markdown_escaped (GString    *out,
                         const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (strchr ("\\`*_[]<>#|", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

/* Lines after the first of a list item or field are indented to stay in
 * the item. */
static void
append_indented (GString    *out,
                 const char *text,
                 const char *indent,
                 gboolean    markdown)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        {
          g_string_append (out, markdown ? "  \n" : "\n");
          g_string_append (out, indent);
        }
      if (markdown)
        append_markdown_escaped (out, lines[i]);
      else
        g_string_append (out, lines[i]);
    }
  g_string_append_c (out, '\n');
}

static char *
write_blocks (SitrepReport *report,
              gboolean      markdown)
{
  g_autoptr(GPtrArray) blocks = sitrep_report_build_blocks (report);
  GString *out = g_string_new (NULL);
  SitrepReportBlockKind previous = SITREP_REPORT_BLOCK_TITLE;

  for (guint i = 0; i < blocks->len; i++)
    {
      SitrepReportBlock *block = g_ptr_array_index (blocks, i);

      /* a blank line between a list and what follows it */
      if (i > 0 && block->kind != previous &&
          (previous == SITREP_REPORT_BLOCK_ITEM || previous == SITREP_REPORT_BLOCK_FIELD ||
           previous == SITREP_REPORT_BLOCK_PARAGRAPH) &&
          block->kind != SITREP_REPORT_BLOCK_CHART)
        g_string_append_c (out, '\n');

      switch (block->kind)
        {
        case SITREP_REPORT_BLOCK_TITLE:
          if (markdown)
            {
              g_string_append (out, "# ");
              append_markdown_escaped (out, block->text);
              g_string_append (out, "\n\n");
            }
          else
            {
              append_underlined (out, block->text, '=');
              g_string_append_c (out, '\n');
            }
          break;

        case SITREP_REPORT_BLOCK_HEADING:
          if (markdown)
            {
              g_string_append (out, "## ");
              append_markdown_escaped (out, block->text);
              g_string_append (out, "\n\n");
            }
          else
            {
              append_underlined (out, block->text, '-');
            }
          break;

        case SITREP_REPORT_BLOCK_SUBHEADING:
          if (markdown)
            {
              g_string_append (out, "### ");
              append_markdown_escaped (out, block->text);
              g_string_append (out, "\n\n");
            }
          else
            {
              g_string_append_printf (out, "%s\n", block->text);
            }
          break;

        case SITREP_REPORT_BLOCK_FIELD:
          if (markdown)
            {
              g_string_append (out, "- **");
              append_markdown_escaped (out, block->label);
              g_string_append (out, ":** ");
              append_indented (out, block->text, "  ", TRUE);
            }
          else
            {
              g_string_append_printf (out, "%s: ", block->label);
              append_indented (out, block->text, "  ", FALSE);
            }
          break;

        case SITREP_REPORT_BLOCK_ITEM:
          g_string_append (out, "- ");
          append_indented (out, block->text, "  ", markdown);
          break;

        case SITREP_REPORT_BLOCK_PARAGRAPH:
          append_indented (out, block->text, "", markdown);
          break;

        case SITREP_REPORT_BLOCK_CHART:
        default:
          /* charts are drawn in the PDF; the figures are in the text */
          continue;
        }

      previous = block->kind;
    }

  return g_string_free (out, FALSE);
}

/**
 * sitrep_report_to_text:
 * @self: a #SitrepReport
 *
 * Returns: (transfer full): the report as plain text, for mail and chat
 */
char *
sitrep_report_to_text (SitrepReport *self)
{
  g_return_val_if_fail (SITREP_IS_REPORT (self), NULL);

  return write_blocks (self, FALSE);
}

/**
 * sitrep_report_to_markdown:
 * @self: a #SitrepReport
 *
 * Returns: (transfer full): the report as Markdown
 */
char *
sitrep_report_to_markdown (SitrepReport *self)
{
  g_return_val_if_fail (SITREP_IS_REPORT (self), NULL);

  return write_blocks (self, TRUE);
}

static gboolean
is_rule (const char *line,
         char        rule)
{
  gsize n = 0;

  for (; *line != '\0'; line++, n++)
    if (*line != rule)
      return FALSE;
  return n >= 3;
}

static SitrepReportBlock *
new_block (SitrepReportBlockKind  kind,
           const char            *text)
{
  SitrepReportBlock *block = g_new0 (SitrepReportBlock, 1);

  block->kind = kind;
  block->text = g_strdup (text);
  return block;
}

/**
 * sitrep_report_blocks_from_text:
 * @self: the #SitrepReport the text was drafted from
 * @text: the report's plain text as the user edited it
 *
 * Reads a report's plain text (see sitrep_report_to_text()) back into
 * blocks, so that what the user edited in the preview is what the PDF and
 * the printout say: a line underlined with "=" is the title, with "-" a
 * heading, "- " starts a list item, lines indented by two spaces continue
 * the block above, any other line is a paragraph. The report's charts go
 * after the heading they followed in the draft, or at the end when the
 * user removed it.
 *
 * Returns: (transfer full) (element-type SitrepReportBlock): the blocks
 */
GPtrArray *
sitrep_report_blocks_from_text (SitrepReport *self,
                                const char   *text)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func (sitrep_report_block_free);
  g_autoptr(GPtrArray) draft = NULL;
  g_auto(GStrv) lines = NULL;
  SitrepReportBlock *last = NULL;
  const char *heading = NULL;

  g_return_val_if_fail (SITREP_IS_REPORT (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (*line == '\0')
        {
          last = NULL;
          continue;
        }

      if (lines[i + 1] != NULL && (is_rule (lines[i + 1], '=') || is_rule (lines[i + 1], '-')))
        {
          last = new_block (is_rule (lines[i + 1], '=') ? SITREP_REPORT_BLOCK_TITLE
                                                        : SITREP_REPORT_BLOCK_HEADING, line);
          g_ptr_array_add (blocks, last);
          last = NULL;
          i++;
          continue;
        }

      if (last != NULL && g_str_has_prefix (line, "  "))
        {
          char *joined = g_strconcat (last->text, "\n", line + 2, NULL);

          g_free (last->text);
          last->text = joined;
          continue;
        }

      if (g_str_has_prefix (line, "- "))
        last = new_block (SITREP_REPORT_BLOCK_ITEM, line + 2);
      else
        last = new_block (SITREP_REPORT_BLOCK_PARAGRAPH, line);
      g_ptr_array_add (blocks, last);
    }

  /* the charts, after the heading that preceded each in the draft */
  draft = sitrep_report_build_blocks (self);
  for (guint i = 0; i < draft->len; i++)
    {
      SitrepReportBlock *block = g_ptr_array_index (draft, i);
      SitrepReportBlock *chart;
      guint at = blocks->len;

      if (block->kind == SITREP_REPORT_BLOCK_HEADING ||
          block->kind == SITREP_REPORT_BLOCK_SUBHEADING)
        heading = block->text;
      if (block->kind != SITREP_REPORT_BLOCK_CHART)
        continue;

      for (guint k = 0; heading != NULL && k < blocks->len; k++)
        {
          SitrepReportBlock *candidate = g_ptr_array_index (blocks, k);

          if (g_strcmp0 (candidate->text, heading) == 0)
            {
              at = k + 1;
              /* after the other charts already placed there */
              while (at < blocks->len &&
                     ((SitrepReportBlock *) g_ptr_array_index (blocks, at))->kind ==
                       SITREP_REPORT_BLOCK_CHART)
                at++;
              break;
            }
        }

      chart = new_block (SITREP_REPORT_BLOCK_CHART, block->text);
      chart->chart = block->chart;
      g_ptr_array_insert (blocks, (int) at, chart);
    }

  return g_steal_pointer (&blocks);
}
