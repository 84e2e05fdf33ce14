/* sitrep-json-scan.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-interchange.h"
#include "sitrep-json-scan.h"

/*
 * json-glib can only parse a whole document into one tree, which for a
 * large export takes many times the file's size in memory. So the text is
 * scanned for the shape of the document (its top-level members and the
 * elements of "incidents"), and each part is parsed on its own when it is
 * needed: memory holds the text and one incident at a time.
 */

/**
 * sitrep_json_document_clear:
 * @doc: a scanned document
 *
 * Frees what sitrep_json_document_scan() found; the text stays the
 * caller's.
 */
void
sitrep_json_document_clear (SitrepJsonDocument *doc)
{
  g_clear_pointer (&doc->head, json_object_unref);
  g_clear_pointer (&doc->incidents, g_array_unref);
}

/* The line and column (in characters, from 1) of @offset. */
static void
locate (const char *data,
        gsize       offset,
        int        *line,
        int        *column)
{
  *line = 1;
  *column = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) data[i] & 0xc0) != 0x80)
        (*column)++;
    }
}

static void
set_syntax_error (GError     **error,
                  const char  *data,
                  gsize        offset,
                  const char  *what)
{
  int line, column;

  locate (data, offset, &line, &column);
  g_set_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_MALFORMED,
               _("Not valid JSON at line %d, column %d: %s"), line, column, what);
}

/* json-glib says "<data>:LINE:COLUMN: Parse error: WHAT" about a part
 * that starts at @offset in the document; Sitrep says where in the whole
 * document, in its own words. */
static void
set_parse_error (GError       **error,
                 const GError  *parse_error,
                 const char    *data,
                 gsize          offset)
{
  const char *message = parse_error->message;
  const char *what;
  int line = 0, column = 0, consumed = 0;

  if (message[0] == '<' && (what = strstr (message, ">:")) != NULL &&
      sscanf (what, ">:%d:%d: %n", &line, &column, &consumed) == 2 && consumed > 0)
    {
      int start_line, start_column;

      what += consumed;
      if (g_str_has_prefix (what, "Parse error: "))
        what += strlen ("Parse error: ");

      locate (data, offset, &start_line, &start_column);
      if (line <= 1)
        column += start_column - 1;
      line += start_line - 1;

      g_set_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_MALFORMED,
                   _("Not valid JSON at line %d, column %d: %s"), line, column, what);
      return;
    }

  g_set_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_MALFORMED,
               _("Not valid JSON: %s"), message);
}

static gsize
skip_space (const SitrepJsonDocument *doc,
            gsize           pos)
{
  while (pos < doc->length &&
         (doc->data[pos] == ' ' || doc->data[pos] == '\t' ||
          doc->data[pos] == '\n' || doc->data[pos] == '\r'))
    pos++;
  return pos;
}

static gboolean
scan_string (const SitrepJsonDocument  *doc,
             gsize           *pos,
             GError         **error)
{
  gsize start = *pos;

  for (gsize i = start + 1; i < doc->length; i++)
    {
      if (doc->data[i] == '\\')
        i++;
      else if (doc->data[i] == '"')
        {
          *pos = i + 1;
          return TRUE;
        }
    }

  set_syntax_error (error, doc->data, start, _("a string is not closed"));
  return FALSE;
}

/* Moves @pos past one value. Only the nesting is checked here; parsing
 * the value checks the rest. */
static gboolean
scan_value (const SitrepJsonDocument  *doc,
            gsize           *pos,
            GError         **error)
{
  gsize start = *pos;
  gsize i = start;
  int depth = 0;

  if (i >= doc->length)
    {
      set_syntax_error (error, doc->data, i, _("the document ends where a value should be"));
      return FALSE;
    }

  switch (doc->data[i])
    {
    case '"':
      return scan_string (doc, pos, error);

    case '{':
    case '[':
      while (i < doc->length)
        {
          char c = doc->data[i];

          if (c == '"')
            {
              if (!scan_string (doc, &i, error))
                return FALSE;
              continue;
            }
          if (c == '{' || c == '[')
            depth++;
          else if ((c == '}' || c == ']') && --depth == 0)
            {
              *pos = i + 1;
              return TRUE;
            }
          i++;
        }
      set_syntax_error (error, doc->data, start,
                        doc->data[start] == '{' ? _("this object is not closed")
                                                : _("this array is not closed"));
      return FALSE;

    case ',':
    case ':':
    case '}':
    case ']':
      set_syntax_error (error, doc->data, i, _("a value is missing"));
      return FALSE;

    default:
      while (i < doc->length && strchr (",:]} \t\r\n", doc->data[i]) == NULL)
        i++;
      *pos = i;
      return TRUE;
    }
}

/**
 * sitrep_json_document_parse:
 * @parser: the parser to use
 * @doc: a scanned document
 * @span: where the value lies in @doc's text
 * @error: return location for a #GError
 *
 * Parses one value of @doc, with errors placed in the whole document.
 *
 * Returns: (transfer full): the value
 */
JsonNode *
sitrep_json_document_parse (JsonParser                *parser,
                            const SitrepJsonDocument  *doc,
                            SitrepJsonSpan             span,
                            GError                   **error)
{
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, doc->data + span.start, span.end - span.start,
                                   &parse_error))
    {
      set_parse_error (error, parse_error, doc->data, span.start);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      set_syntax_error (error, doc->data, span.start, _("a value is missing"));
      return NULL;
    }

  return json_node_ref (root);
}

static gboolean
scan_incidents (SitrepJsonDocument  *doc,
                SitrepJsonSpan       array,
                GError   **error)
{
  gsize pos = skip_space (doc, array.start + 1);

  doc->incidents = g_array_new (FALSE, FALSE, sizeof (SitrepJsonSpan));

  if (pos < array.end && doc->data[pos] == ']')
    return TRUE;

  for (;;)
    {
      SitrepJsonSpan element = { pos, pos };

      if (!scan_value (doc, &pos, error))
        return FALSE;
      element.end = pos;
      g_array_append_val (doc->incidents, element);

      pos = skip_space (doc, pos);
      if (pos < array.end && doc->data[pos] == ',')
        {
          pos = skip_space (doc, pos + 1);
          continue;
        }
      if (pos < array.end && doc->data[pos] == ']')
        return TRUE;

      set_syntax_error (error, doc->data, pos, _("expected “,” or “]”"));
      return FALSE;
    }
}

/**
 * sitrep_json_document_scan:
 * @doc: a document whose @data and @length are set
 * @error: return location for a #GError
 *
 * Finds the top-level members, parses all but "incidents", and finds
 * the incidents' elements.
 *
 * Returns: %TRUE when the document has the shape of an object
 */
gboolean
sitrep_json_document_scan (SitrepJsonDocument  *doc,
                           GError             **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  gsize pos = skip_space (doc, 0);

  if (pos == doc->length)
    {
      g_set_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_MALFORMED,
                   _("The document is empty"));
      return FALSE;
    }

  if (doc->data[pos] != '{')
    {
      /* Not Sitrep's format at all: let json-glib say whether it is JSON. */
      if (!json_parser_load_from_data (parser, doc->data, doc->length, &parse_error))
        set_parse_error (error, parse_error, doc->data, 0);
      else
        g_set_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_INVALID,
                     _("The document must be a JSON object with \"format\": \"sitrep\""));
      return FALSE;
    }

  doc->head = json_object_new ();
  pos = skip_space (doc, pos + 1);
  if (pos < doc->length && doc->data[pos] == '}')
    pos++;
  else
    for (;;)
      {
        SitrepJsonSpan name = { pos, pos };
        SitrepJsonSpan value;
        g_autoptr(JsonNode) name_node = NULL;
        const char *member;

        if (pos >= doc->length || doc->data[pos] != '"')
          {
            set_syntax_error (error, doc->data, pos, _("expected the name of a member"));
            return FALSE;
          }
        if (!scan_string (doc, &pos, error))
          return FALSE;
        name.end = pos;
        name_node = sitrep_json_document_parse (parser, doc, name, error);
        if (name_node == NULL)
          return FALSE;
        member = json_node_get_string (name_node);

        pos = skip_space (doc, pos);
        if (pos >= doc->length || doc->data[pos] != ':')
          {
            set_syntax_error (error, doc->data, pos, _("expected “:”"));
            return FALSE;
          }
        pos = skip_space (doc, pos + 1);
        value.start = pos;
        if (!scan_value (doc, &pos, error))
          return FALSE;
        value.end = pos;

        if (g_str_equal (member, "incidents") && doc->data[value.start] == '[')
          {
            g_clear_pointer (&doc->incidents, g_array_unref);
            json_object_remove_member (doc->head, member);
            if (!scan_incidents (doc, value, error))
              return FALSE;
          }
        else
          {
            JsonNode *node = sitrep_json_document_parse (parser, doc, value, error);

            if (node == NULL)
              return FALSE;
            if (g_str_equal (member, "incidents"))
              g_clear_pointer (&doc->incidents, g_array_unref);
            json_object_set_member (doc->head, member, node);
          }

        pos = skip_space (doc, pos);
        if (pos < doc->length && doc->data[pos] == ',')
          {
            pos = skip_space (doc, pos + 1);
            continue;
          }
        if (pos < doc->length && doc->data[pos] == '}')
          {
            pos++;
            break;
          }

        set_syntax_error (error, doc->data, pos, _("expected “,” or “}”"));
        return FALSE;
      }

  pos = skip_space (doc, pos);
  if (pos < doc->length)
    {
      set_syntax_error (error, doc->data, pos, _("more text after the end of the document"));
      return FALSE;
    }

  return TRUE;
}
