/* sitrep-json-scan.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdarg.h>
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
  /* Counts stop at G_MAXINT: an 8 GiB document can hold more lines. */
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          if (*line < G_MAXINT)
            (*line)++;
          *column = 1;
        }
      else if (((guchar) data[i] & 0xc0) != 0x80 && *column < G_MAXINT)
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
        column = (int) MIN ((gint64) column + start_column - 1, G_MAXINT);
      line = (int) MIN ((gint64) line + start_line - 1, G_MAXINT);

      g_set_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_MALFORMED,
                   _("Not valid JSON at line %d, column %d: %s"), line, column, what);
      return;
    }

  g_set_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_MALFORMED,
               _("Not valid JSON: %s"), message);
}

static gsize
skip_space (const SitrepJsonDocument *doc,
            gsize                     pos)
{
  while (pos < doc->length &&
         (doc->data[pos] == ' ' || doc->data[pos] == '\t' ||
          doc->data[pos] == '\n' || doc->data[pos] == '\r'))
    pos++;
  return pos;
}

static gboolean
scan_string (const SitrepJsonDocument  *doc,
             gsize                     *pos,
             GError                   **error)
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
            gsize                     *pos,
            GError                   **error)
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

/* ---------------------------------------------------------------------- */
/* Checking the whole text                                                 */
/* ---------------------------------------------------------------------- */

/*
 * Before json-glib sees any of it, the whole text is walked once without
 * recursion: its structure (the nesting, commas and colons; json-glib
 * checks numbers and literals later), and what json-glib would accept but
 * Sitrep must not: nesting that overflows json-glib's recursive parser,
 * strings past the limit, NUL characters (which cut a string short) and
 * members given twice (of which json-glib keeps the last).
 */

/* An object with more members than this checks for duplicates with a
 * hash table rather than by comparing hashes in a row. */
#define FEW_MEMBERS 32

typedef struct
{
  gsize offset;  /* of the decoded name in Level.names */
  gsize length;
  guint hash;
} Name;

/* One open array or object. */
typedef struct
{
  gboolean    object;
  gsize       start;      /* of its bracket in the text */
  guint64     index;      /* of the element being read (arrays) */
  GString    *names;      /* its members' names, decoded (objects) */
  GArray     *entries;    /* a Name per member (objects) */
  GHashTable *many;       /* the names, once there are many */
} Level;

typedef struct
{
  const SitrepJsonDocument *doc;
  const SitrepImportLimits *limits;
  Level                    *levels;  /* limits->max_depth of them */
  guint                     depth;
  GString                  *name;    /* the name being read */
} Check;

static void
check_clear (Check *check)
{
  for (guint i = 0; i < check->limits->max_depth; i++)
    {
      Level *level = &check->levels[i];

      if (level->names != NULL)
        g_string_free (level->names, TRUE);
      g_clear_pointer (&level->entries, g_array_unref);
      g_clear_pointer (&level->many, g_hash_table_unref);
    }
  g_free (check->levels);
  g_string_free (check->name, TRUE);
}

/* A member's name as a path shows it: on one line, not too long. */
static void
append_name (GString    *path,
             const char *name,
             gsize       length)
{
  g_autofree char *valid = g_utf8_make_valid (name, length);
  glong n = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == 40)
        {
          g_string_append (path, "…");
          break;
        }
      if (c < 0x20)
        g_string_append_c (path, ' ');
      else
        g_string_append_unichar (path, c);
    }
}

/* The path of the value being read at depth @depth, such as
 * "incidents[3].timeline". With @named_only, it stops at the last member
 * name, which is where a too-deep nesting is best pointed at: the run of
 * [0][0][0] after it says nothing. */
static char *
check_path (const Check *check,
            guint        depth,
            gboolean     named_only)
{
  GString *path = g_string_new (NULL);
  guint end = depth;

  if (named_only)
    {
      while (end > 0 && !check->levels[end - 1].object)
        end--;
    }

  for (guint i = 0; i < end; i++)
    {
      const Level *level = &check->levels[i];

      if (level->object)
        {
          const Name *name = &g_array_index (level->entries, Name, level->entries->len - 1);

          if (path->len > 0)
            g_string_append_c (path, '.');
          append_name (path, level->names->str + name->offset, name->length);
        }
      else
        g_string_append_printf (path, "[%" G_GUINT64_FORMAT "]", level->index);
    }

  return g_string_free (path, FALSE);
}

/**
 * sitrep_json_format_limit:
 * @bytes: a limit in bytes
 *
 * Returns: (transfer full): @bytes as a limit is stated, such as "1 MiB"
 */
char *
sitrep_json_format_limit (guint64 bytes)
{
  g_autofree char *number = NULL;

  if (bytes >= (G_GUINT64_CONSTANT (1) << 30) && bytes % (G_GUINT64_CONSTANT (1) << 30) == 0)
    /* Translators: a size in gibibytes */
    return g_strdup_printf (_("%u GiB"), (guint) (bytes >> 30));
  if (bytes >= (1 << 20) && bytes % (1 << 20) == 0)
    /* Translators: a size in mebibytes */
    return g_strdup_printf (_("%u MiB"), (guint) (bytes >> 20));
  if (bytes >= (1 << 10) && bytes % (1 << 10) == 0)
    /* Translators: a size in kibibytes */
    return g_strdup_printf (_("%u KiB"), (guint) (bytes >> 10));
  number = g_strdup_printf ("%" G_GUINT64_FORMAT, bytes);
  /* Translators: a size in bytes; %s is the number */
  return g_strdup_printf (_("%s bytes"), number);
}

static void set_at_path (GError      **error,
                         int           code,
                         const char   *path,
                         const char   *format,
                         ...) G_GNUC_PRINTF (4, 5);

static void
set_at_path (GError      **error,
             int           code,
             const char   *path,
             const char   *format,
             ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (path == NULL || *path == '\0')
    /* Translators: %s says what is wrong, such as “nested deeper than 64 levels” */
    g_set_error (error, SITREP_IMPORT_ERROR, code, _("The document: %s"), what);
  else
    /* Translators: the first %s is a place in an imported file, such as
     * “incidents[3].level”, the second what is wrong with its value */
    g_set_error (error, SITREP_IMPORT_ERROR, code, _("%s: %s"), path, what);
}

static void
set_too_long (GError      **error,
              const Check  *check,
              gboolean      name)
{
  /* A name belongs to the object; a value has a path of its own. */
  g_autofree char *path = check_path (check, name ? check->depth - 1 : check->depth, FALSE);
  g_autofree char *limit = sitrep_json_format_limit (check->limits->max_string);

  if (name)
    set_at_path (error, SITREP_IMPORT_ERROR_TOO_LARGE, path,
                 _("a member name is longer than %s"), limit);
  else
    set_at_path (error, SITREP_IMPORT_ERROR_TOO_LARGE, path, _("longer than %s"), limit);
}

static void
set_nul (GError      **error,
         const Check  *check,
         gboolean      name)
{
  g_autofree char *path = check_path (check, name ? check->depth - 1 : check->depth, FALSE);

  set_at_path (error, SITREP_IMPORT_ERROR_INVALID, path, "%s",
               name ? _("a member name holds a NUL character")
                    : _("holds a NUL character"));
}

static void
set_surrogate (GError      **error,
               const Check  *check,
               gboolean      name)
{
  g_autofree char *path = check_path (check, name ? check->depth - 1 : check->depth, FALSE);

  set_at_path (error, SITREP_IMPORT_ERROR_INVALID, path, "%s",
               name ? _("a member name holds half of a UTF-16 surrogate pair")
                    : _("holds half of a UTF-16 surrogate pair"));
}

/* A syntax error at @pos, saying so when the trouble is a NUL byte. */
static void
set_unexpected (GError             **error,
                const Check         *check,
                gsize                pos,
                const char          *what)
{
  const SitrepJsonDocument *doc = check->doc;

  if (pos < doc->length && doc->data[pos] == '\0')
    what = _("a NUL character, which JSON does not allow");
  set_syntax_error (error, doc->data, pos, what);
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Four hex digits at @p (which has them), or -1. */
static int
read_hex4 (const char *p)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* Reads the string at *@pos (its opening quote) and moves past it,
 * checking its decoded length and for NUL characters; a member's name is
 * decoded into check->name, to be compared with the others. An invalid
 * escape is left for json-glib to report. */
static gboolean
check_string (Check     *check,
              gsize     *pos,
              gboolean   name,
              GError   **error)
{
  const SitrepJsonDocument *doc = check->doc;
  const char *data = doc->data;
  gsize start = *pos;
  gsize decoded = 0;
  gsize i = start + 1;

  if (name)
    g_string_truncate (check->name, 0);

  while (i < doc->length)
    {
      char c = data[i];
      gsize run = i;

      if (c == '"')
        {
          *pos = i + 1;
          return TRUE;
        }

      if (c == '\0')
        {
          set_nul (error, check, name);
          return FALSE;
        }

      if (c != '\\')
        {
          /* A run of plain bytes, copied at once. */
          while (i < doc->length && data[i] != '"' && data[i] != '\\' && data[i] != '\0')
            i++;
          decoded += i - run;
          if (name && decoded <= check->limits->max_string)
            g_string_append_len (check->name, data + run, i - run);
        }
      else if (i + 1 >= doc->length)
        break;
      else if (data[i + 1] == 'u')
        {
          int u = i + 5 < doc->length ? read_hex4 (data + i + 2) : -1;
          char utf8[6];
          int n;

          if (u < 0)
            {
              set_syntax_error (error, data, i, _("“\\u” must be followed by four hex digits"));
              return FALSE;
            }
          i += 6;
          if (u == 0)
            {
              set_nul (error, check, name);
              return FALSE;
            }

          /* A character past U+FFFF is a pair of surrogates; half a pair
           * is no character, and json-glib would store it as bytes that
           * are not UTF-8, which no export could write back. */
          if (u >= 0xd800 && u < 0xdc00)
            {
              int low = i + 5 < doc->length && data[i] == '\\' && data[i + 1] == 'u'
                        ? read_hex4 (data + i + 2) : -1;

              if (low < 0xdc00 || low >= 0xe000)
                {
                  set_surrogate (error, check, name);
                  return FALSE;
                }
              u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
              i += 6;
            }
          else if (u >= 0xdc00 && u < 0xe000)
            {
              set_surrogate (error, check, name);
              return FALSE;
            }

          n = g_unichar_to_utf8 (u, utf8);
          decoded += n;
          if (name && decoded <= check->limits->max_string)
            g_string_append_len (check->name, utf8, n);
        }
      else
        {
          /* Each escape and the byte it stands for. */
          static const char escapes[] = "\"\"\\\\//b\bf\fn\nr\rt\t";
          const char *e = data[i + 1] != '\0' ? strchr (escapes, data[i + 1]) : NULL;

          if (data[i + 1] == '\0')
            {
              set_nul (error, check, name);
              return FALSE;
            }
          /* json-glib reads an unknown escape as something else. */
          if (e == NULL || (e - escapes) % 2 != 0)
            {
              set_syntax_error (error, data, i, _("not an escape of JSON"));
              return FALSE;
            }

          decoded++;
          if (name && decoded <= check->limits->max_string)
            g_string_append_c (check->name, e[1]);
          i += 2;
        }

      if (decoded > check->limits->max_string)
        {
          set_too_long (error, check, name);
          return FALSE;
        }
    }

  set_syntax_error (error, data, start, _("a string is not closed"));
  return FALSE;
}

/* Adds check->name to the members of the object at the top, or fails
 * when it is there already. */
static gboolean
add_name (Check   *check,
          GError **error)
{
  Level *level = &check->levels[check->depth - 1];
  const char *text = check->name->str;
  gsize length = check->name->len;
  Name entry = { level->names->len, length, 0 };
  gboolean twice = FALSE;

  /* FNV-1a, enough to tell most names apart before comparing them. */
  entry.hash = 2166136261u;
  for (gsize i = 0; i < length; i++)
    entry.hash = (entry.hash ^ (guchar) text[i]) * 16777619u;

  if (level->many != NULL)
    twice = g_hash_table_contains (level->many, text);
  else
    for (guint i = 0; i < level->entries->len && !twice; i++)
      {
        const Name *other = &g_array_index (level->entries, Name, i);

        twice = other->hash == entry.hash && other->length == length &&
                memcmp (level->names->str + other->offset, text, length) == 0;
      }

  g_string_append_len (level->names, text, length);
  g_string_append_c (level->names, '\0');
  g_array_append_val (level->entries, entry);

  if (twice)
    {
      g_autofree char *path = check_path (check, check->depth, FALSE);

      set_at_path (error, SITREP_IMPORT_ERROR_INVALID, path, "%s",
                   _("the member is given twice"));
      return FALSE;
    }

  if (level->many == NULL && level->entries->len > FEW_MEMBERS)
    {
      level->many = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < level->entries->len; i++)
        {
          const Name *name = &g_array_index (level->entries, Name, i);

          g_hash_table_add (level->many,
                            g_strndup (level->names->str + name->offset, name->length));
        }
    }
  else if (level->many != NULL)
    g_hash_table_add (level->many, g_strndup (text, length));

  return TRUE;
}

/* Opens the array or object at @pos. */
static gboolean
push_level (Check   *check,
            gsize    pos,
            GError **error)
{
  Level *level;

  if (check->depth == check->limits->max_depth)
    {
      g_autofree char *path = check_path (check, check->depth, TRUE);

      set_at_path (error, SITREP_IMPORT_ERROR_TOO_LARGE, path,
                   _("nested deeper than %u levels"), check->limits->max_depth);
      return FALSE;
    }

  level = &check->levels[check->depth++];
  level->object = check->doc->data[pos] == '{';
  level->start = pos;
  level->index = 0;
  if (level->object)
    {
      if (level->names == NULL)
        {
          level->names = g_string_new (NULL);
          level->entries = g_array_new (FALSE, FALSE, sizeof (Name));
        }
      g_string_truncate (level->names, 0);
      g_array_set_size (level->entries, 0);
      g_clear_pointer (&level->many, g_hash_table_unref);
    }

  return TRUE;
}

/* Whether the array at the top is the document's "incidents". */
static gboolean
in_incidents (const Check *check)
{
  const Level *parent = &check->levels[0];
  const Name *name;

  if (check->depth != 2 || !parent->object || check->levels[1].object)
    return FALSE;
  name = &g_array_index (parent->entries, Name, parent->entries->len - 1);
  return name->length == strlen ("incidents") &&
         memcmp (parent->names->str + name->offset, "incidents", name->length) == 0;
}

/* Moves past a number or literal; json-glib reads it later. */
static gboolean
check_scalar (Check   *check,
              gsize   *pos,
              GError **error)
{
  const SitrepJsonDocument *doc = check->doc;
  gsize i = *pos;

  while (i < doc->length && strchr (",:[]{}\" \t\r\n", doc->data[i]) == NULL)
    i++;

  /* strchr() finds the terminating NUL too: a NUL byte ends the token. */
  if (i - *pos > check->limits->max_string)
    {
      set_too_long (error, check, FALSE);
      return FALSE;
    }

  *pos = i;
  return TRUE;
}

/* Walks the whole text once; see above. */
static gboolean
check_text (const SitrepJsonDocument  *doc,
            const SitrepImportLimits  *limits,
            GError                   **error)
{
  enum { VALUE, NAME, AFTER } state = VALUE;
  Check check = { doc, limits, NULL, 0, NULL };
  gboolean ok = FALSE;
  gsize pos = skip_space (doc, 0);

  check.levels = g_new0 (Level, limits->max_depth);
  check.name = g_string_new (NULL);

  for (;;)
    {
      if (state == VALUE)
        {
          char c;

          if (pos >= doc->length)
            {
              set_syntax_error (error, doc->data, pos,
                                _("the document ends where a value should be"));
              goto out;
            }

          c = doc->data[pos];
          if (c == '"')
            {
              if (!check_string (&check, &pos, FALSE, error))
                goto out;
              state = AFTER;
            }
          else if (c == '{' || c == '[')
            {
              if (!push_level (&check, pos, error))
                goto out;
              pos = skip_space (doc, pos + 1);
              if (pos < doc->length && doc->data[pos] == (c == '{' ? '}' : ']'))
                {
                  check.depth--;
                  pos++;
                  state = AFTER;
                }
              else
                state = c == '{' ? NAME : VALUE;
            }
          else if (c == ',' || c == ':' || c == '}' || c == ']' || c == '\0')
            {
              set_unexpected (error, &check, pos, _("a value is missing"));
              goto out;
            }
          else
            {
              if (!check_scalar (&check, &pos, error))
                goto out;
              state = AFTER;
            }
          continue;
        }

      if (state == NAME)
        {
          if (pos >= doc->length || doc->data[pos] != '"')
            {
              set_unexpected (error, &check, pos, _("expected the name of a member"));
              goto out;
            }
          if (!check_string (&check, &pos, TRUE, error) || !add_name (&check, error))
            goto out;
          pos = skip_space (doc, pos);
          if (pos >= doc->length || doc->data[pos] != ':')
            {
              set_unexpected (error, &check, pos, _("expected “:”"));
              goto out;
            }
          pos = skip_space (doc, pos + 1);
          state = VALUE;
          continue;
        }

      /* AFTER a value: a comma, the end of its array or object, or of
       * the document. */
      pos = skip_space (doc, pos);
      if (check.depth == 0)
        {
          if (pos < doc->length)
            {
              set_unexpected (error, &check, pos, _("more text after the end of the document"));
              goto out;
            }
          ok = TRUE;
          goto out;
        }
      else
        {
          Level *level = &check.levels[check.depth - 1];

          if (pos < doc->length && doc->data[pos] == ',')
            {
              pos = skip_space (doc, pos + 1);
              if (level->object)
                state = NAME;
              else
                {
                  level->index++;
                  if (level->index >= limits->max_incidents && in_incidents (&check))
                    {
                      set_at_path (error, SITREP_IMPORT_ERROR_TOO_LARGE, "incidents",
                                   _("more than %u incidents"), limits->max_incidents);
                      goto out;
                    }
                  state = VALUE;
                }
            }
          else if (pos < doc->length && doc->data[pos] == (level->object ? '}' : ']'))
            {
              check.depth--;
              pos++;
            }
          else if (pos >= doc->length)
            {
              set_syntax_error (error, doc->data, level->start,
                                level->object ? _("this object is not closed")
                                              : _("this array is not closed"));
              goto out;
            }
          else
            {
              set_unexpected (error, &check, pos,
                              level->object ? _("expected “,” or “}”")
                                            : _("expected “,” or “]”"));
              goto out;
            }
        }
    }

out:
  check_clear (&check);
  return ok;
}

static gboolean
scan_incidents (SitrepJsonDocument  *doc,
                SitrepJsonSpan       array,
                gsize                max_part,
                GError             **error)
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
      if (element.end - element.start > max_part)
        {
          g_autofree char *limit = sitrep_json_format_limit (max_part);
          g_autofree char *path = g_strdup_printf ("incidents[%u]", doc->incidents->len);

          set_at_path (error, SITREP_IMPORT_ERROR_TOO_LARGE, path, _("larger than %s"), limit);
          return FALSE;
        }
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
 * @limits: what the document may hold
 * @error: return location for a #GError
 *
 * Checks the whole text against @limits and for what json-glib would
 * read wrongly (see check_text()), then finds the top-level members,
 * parses all but "incidents", and finds the incidents' elements.
 *
 * Returns: %TRUE when the document has the shape of an object
 */
gboolean
sitrep_json_document_scan (SitrepJsonDocument        *doc,
                           const SitrepImportLimits  *limits,
                           GError                   **error)
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

  if (doc->length > limits->max_document)
    {
      g_autofree char *limit = sitrep_json_format_limit (limits->max_document);

      g_set_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_TOO_LARGE,
                   _("The document is larger than %s"), limit);
      return FALSE;
    }

  if (!check_text (doc, limits, error))
    return FALSE;

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
            if (!scan_incidents (doc, value, limits->max_part, error))
              return FALSE;
          }
        else if (value.end - value.start > limits->max_part)
          {
            g_autofree char *path = g_utf8_make_valid (member, -1);
            g_autofree char *limit = sitrep_json_format_limit (limits->max_part);

            set_at_path (error, SITREP_IMPORT_ERROR_TOO_LARGE, path, _("larger than %s"), limit);
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
