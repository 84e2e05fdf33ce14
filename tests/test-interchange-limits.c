/* test-interchange-limits.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>

#include "sitrep-interchange-private.h"
#include "sitrep-store.h"

/* Hostile documents: each must fail with a message that names where, and
 * leave the database as it was. */

/* 2026-11-21T12:00:00Z */
#define NOW G_GINT64_CONSTANT (1795262400)

#define INCIDENT(key) \
  "{\"key\": \"" key "\", \"title\": \"Card payments declined\", " \
  "\"service\": \"Payments gateway\", \"level\": 2, \"status\": \"new\", " \
  "\"reported_at\": \"2026-11-02T08:00:00Z\"}"

#define HEAD "{\"format\": \"sitrep\", \"version\": 1, "

typedef struct
{
  char        *dir;
  SitrepClock *clock;
  SitrepStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sitrep-limits-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->clock = sitrep_clock_new_fake (NOW);
  path = g_build_filename (fixture->dir, "sitrep.db", NULL);
  fixture->store = sitrep_store_open (path, fixture->clock, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  g_clear_object (&fixture->clock);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* Imports @text, which must fail in the import domain with @code and a
 * message starting with @message, changing nothing. */
static void
assert_refused (Fixture                  *fixture,
                const char               *text,
                gsize                     length,
                const SitrepImportLimits *limits,
                int                       code,
                const char               *message)
{
  g_autoptr(SitrepImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = sitrep_store_count_incidents (fixture->store);
  gboolean ok;

  if (limits != NULL)
    ok = sitrep_interchange_import_data_with_limits (fixture->store, text, length, limits, FALSE,
                                                     &result, &error);
  else
    ok = sitrep_interchange_import_data (fixture->store, text, length, FALSE, &result, &error);

  g_assert_false (ok);
  g_assert_null (result);
  g_assert_error (error, SITREP_IMPORT_ERROR, code);
  if (!g_str_has_prefix (error->message, message))
    g_error ("expected “%s…”, got “%s”", message, error->message);
  g_assert_cmpint (sitrep_store_count_incidents (fixture->store), ==, before);
}

static void
assert_imported (Fixture                  *fixture,
                 const char               *text,
                 gsize                     length,
                 const SitrepImportLimits *limits,
                 guint                     incidents)
{
  g_autoptr(SitrepImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (limits != NULL)
    g_assert_true (sitrep_interchange_import_data_with_limits (fixture->store, text, length,
                                                               limits, TRUE, &result, &error));
  else
    g_assert_true (sitrep_interchange_import_data (fixture->store, text, length, TRUE, &result,
                                                   &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->imported + result->replaced, ==, incidents);
}

/* @prefix, then @n copies of @open, @middle, @n of @close, then @suffix. */
static char *
nest (const char *prefix,
      const char *open,
      guint       n,
      const char *middle,
      const char *close,
      const char *suffix)
{
  GString *text = g_string_new (prefix);

  for (guint i = 0; i < n; i++)
    g_string_append (text, open);
  g_string_append (text, middle);
  for (guint i = 0; i < n; i++)
    g_string_append (text, close);
  g_string_append (text, suffix);

  return g_string_free (text, FALSE);
}

/* ---------------------------------------------------------------------- */

/* 100,000 levels took json-glib's recursive parser past the end of the
 * stack, wherever they were. */
static void
test_deep (Fixture       *fixture,
           gconstpointer  data)
{
  static const struct {
    const char *prefix;
    const char *suffix;
    const char *message;
  } places[] = {
    { "", "", "The document: nested deeper than 64 levels" },
    { HEAD "\"incidents\": [" INCIDENT ("INC-1") ", ", "]}",
      "incidents: nested deeper than 64 levels" },
    { HEAD "\"policy\": ", ", \"incidents\": []}", "policy: nested deeper than 64 levels" },
    { HEAD "\"incidents\": [{\"key\": \"INC-2\", \"timeline\": ", "}]}",
      "incidents[0].timeline: nested deeper than 64 levels" },
    { HEAD "\"unknown\": {\"a\": [{\"b\": ", "}]}}", "unknown.a[0].b: nested deeper than 64" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autofree char *arrays = nest (places[i].prefix, "[", 100000, "", "]", places[i].suffix);
      g_autofree char *objects = nest (places[i].prefix, "{\"a\":", 100000, "1", "}",
                                       places[i].suffix);
      g_autofree char *unclosed = nest (places[i].prefix, "[", 100000, "", "", "");

      g_test_message ("%s…", places[i].prefix);
      assert_refused (fixture, arrays, strlen (arrays), NULL, SITREP_IMPORT_ERROR_TOO_LARGE,
                      places[i].message);
      assert_refused (fixture, unclosed, strlen (unclosed), NULL, SITREP_IMPORT_ERROR_TOO_LARGE,
                      places[i].message);
      if (i > 0)
        {
          /* Inside objects the path goes on through the members. */
          g_autofree char *message = g_strdup (places[i].message);

          *strstr (message, ": nested") = '\0';
          assert_refused (fixture, objects, strlen (objects), NULL,
                          SITREP_IMPORT_ERROR_TOO_LARGE, message);
        }
    }
}

/* The limit counts the document's object as level 1: an unknown member
 * may nest to level 64, not 65. */
static void
test_deep_boundary (Fixture       *fixture,
                    gconstpointer  data)
{
  /* HEAD is level 1, "unknown"'s array level 2. */
  g_autofree char *deepest = nest (HEAD "\"incidents\": [" INCIDENT ("INC-1") "], \"unknown\": ",
                                   "[", 63, "", "]", "}");
  g_autofree char *deeper = nest (HEAD "\"incidents\": [" INCIDENT ("INC-1") "], \"unknown\": ",
                                  "[", 64, "", "]", "}");

  assert_imported (fixture, deepest, strlen (deepest), NULL, 1);
  assert_refused (fixture, deeper, strlen (deeper), NULL, SITREP_IMPORT_ERROR_TOO_LARGE,
                  "unknown: nested deeper than 64 levels");
}

static void
test_string_length (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GString) longest = g_string_new (NULL);
  g_autoptr(GString) escaped = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *number = NULL;

  for (gsize i = 0; i < SITREP_IMPORT_MAX_STRING; i++)
    g_string_append_c (longest, 'a' + i % 26);
  /* One escape is one byte once read: this is as long as the longest. */
  for (gsize i = 0; i < SITREP_IMPORT_MAX_STRING; i++)
    g_string_append (escaped, "\\n");

  text = g_strdup_printf (HEAD "\"incidents\": [" INCIDENT ("INC-1") ", "
                          "{\"key\": \"INC-2\", \"title\": \"t\", \"service\": \"s\", "
                          "\"level\": 1, \"status\": \"new\", \"details\": \"%s\", "
                          "\"root_cause\": \"%s\", "
                          "\"reported_at\": \"2026-11-02T08:00:00Z\"}]}",
                          longest->str, escaped->str);
  assert_imported (fixture, text, strlen (text), NULL, 2);

  g_string_append_c (longest, 'z');
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf (HEAD "\"incidents\": [" INCIDENT ("INC-1") ", " INCIDENT ("INC-2") ", "
                          "{\"key\": \"INC-3\", \"details\": \"%s\"}]}", longest->str);
  assert_refused (fixture, text, strlen (text), NULL, SITREP_IMPORT_ERROR_TOO_LARGE,
                  "incidents[2].details: longer than 1 MiB");

  g_string_append (escaped, "\\u00e9");
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf (HEAD "\"incidents\": [{\"key\": \"INC-3\", \"symptoms\": \"%s\"}]}",
                          escaped->str);
  assert_refused (fixture, text, strlen (text), NULL, SITREP_IMPORT_ERROR_TOO_LARGE,
                  "incidents[0].symptoms: longer than 1 MiB");

  name = g_strdup_printf (HEAD "\"incidents\": [{\"%s\": 1}]}", longest->str);
  assert_refused (fixture, name, strlen (name), NULL, SITREP_IMPORT_ERROR_TOO_LARGE,
                  "incidents[0]: a member name is longer than 1 MiB");

  g_string_truncate (longest, 0);
  for (gsize i = 0; i <= SITREP_IMPORT_MAX_STRING; i++)
    g_string_append_c (longest, '9');
  number = g_strdup_printf (HEAD "\"count\": %s}", longest->str);
  assert_refused (fixture, number, strlen (number), NULL, SITREP_IMPORT_ERROR_TOO_LARGE,
                  "count: longer than 1 MiB");
}

/* A character past U+FFFF is written as a pair of escapes; it reads as
 * one character, and a member name spelled with escapes is the same name. */
static void
test_surrogate_pair (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *text = HEAD "\"incidents\": [{\"key\": \"INC-1\", "
                     "\"title\": \"Checkout \\ud83d\\ude00 down\", \"servic\\u0065\": \"Shop\", "
                     "\"level\": 1, \"status\": \"new\", "
                     "\"reported_at\": \"2026-11-02T08:00:00Z\"}]}";
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GError) error = NULL;

  assert_imported (fixture, text, strlen (text), NULL, 1);
  incident = sitrep_store_find_incident (fixture->store, "INC-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Checkout \xf0\x9f\x98\x80 down");
  g_assert_cmpstr (sitrep_incident_get_service (incident), ==, "Shop");
}

static void
test_incident_count (Fixture       *fixture,
                     gconstpointer  data)
{
  SitrepImportLimits limits = sitrep_import_limits_default;
  const char *three = HEAD "\"incidents\": [" INCIDENT ("INC-1") ", " INCIDENT ("INC-2") ", "
                      INCIDENT ("INC-3") "]}";
  const char *four = HEAD "\"incidents\": [" INCIDENT ("INC-4") ", " INCIDENT ("INC-5") ", "
                     INCIDENT ("INC-6") ", " INCIDENT ("INC-7") "]}";
  /* Another array of four elsewhere is no business of this limit. */
  const char *other = HEAD "\"unknown\": [1, 2, 3, 4, 5], \"incidents\": []}";

  g_assert_cmpuint (limits.max_incidents, ==, 1000000);
  limits.max_incidents = 3;

  assert_imported (fixture, three, strlen (three), &limits, 3);
  assert_refused (fixture, four, strlen (four), &limits, SITREP_IMPORT_ERROR_TOO_LARGE,
                  "incidents: more than 3 incidents");
  assert_imported (fixture, other, strlen (other), &limits, 0);
}

static void
test_part_size (Fixture       *fixture,
                gconstpointer  data)
{
  SitrepImportLimits limits = sitrep_import_limits_default;
  const char *text = HEAD "\"incidents\": [" INCIDENT ("INC-1") ", " INCIDENT ("INC-2") "]}";
  const char *contacts = HEAD "\"contacts\": [{\"name\": \"Ruth Adeyemi\", \"role\": "
                         "\"om-engineer\", \"email\": \"ruth@example.org\", "
                         "\"phone\": \"+44 20 7946 0000\"}]}";

  limits.max_part = strlen (INCIDENT ("INC-1"));
  assert_imported (fixture, text, strlen (text), &limits, 2);

  limits.max_part--;
  assert_refused (fixture, text, strlen (text), &limits, SITREP_IMPORT_ERROR_TOO_LARGE,
                  "incidents[0]: larger than");
  limits.max_part = 64;
  assert_refused (fixture, contacts, strlen (contacts), &limits, SITREP_IMPORT_ERROR_TOO_LARGE,
                  "contacts: larger than 64 bytes");
}

static void
test_document_size (Fixture       *fixture,
                    gconstpointer  data)
{
  SitrepImportLimits limits = sitrep_import_limits_default;
  const char *text = HEAD "\"incidents\": [" INCIDENT ("INC-1") "]}";
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GError) error = NULL;

  limits.max_document = strlen (text);
  assert_imported (fixture, text, strlen (text), &limits, 1);

  limits.max_document--;
  assert_refused (fixture, text, strlen (text), &limits, SITREP_IMPORT_ERROR_TOO_LARGE,
                  "The document is larger than");

  in = g_memory_input_stream_new_from_data (text, strlen (text), NULL);
  g_assert_false (sitrep_interchange_import_with_limits (fixture->store, in, &limits, TRUE, NULL,
                                                         NULL, &error));
  g_assert_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_TOO_LARGE);
}

/* /dev/zero grew the import's memory to 2 GB before it aborted; it is read
 * only as far as its first byte. */
static void
test_dev_zero (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/zero");
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/zero");
      return;
    }

  in = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (sitrep_interchange_import (fixture->store, G_INPUT_STREAM (in), FALSE, NULL,
                                             NULL, &error));
  g_assert_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_MALFORMED);
  g_assert_cmpstr (error->message, ==,
                   "Not valid JSON at line 1, column 1: "
                   "a NUL character, which JSON does not allow");
  g_clear_error (&error);

  g_assert_false (sitrep_interchange_import_file (fixture->store, "/dev/zero", FALSE, NULL,
                                                  &error));
  g_assert_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_MALFORMED);
  g_assert_cmpint (sitrep_store_count_incidents (fixture->store), ==, 0);
}

/* A raw NUL in a stream stops the reading, and the message still names
 * the string it is in. */
static void
test_stream_nul (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char text[] = HEAD "\"incidents\": [{\"key\": \"INC-1\", \"title\": \"a\0b\"}]}";
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (text, sizeof text - 1, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (sitrep_interchange_import (fixture->store, in, FALSE, NULL, NULL, &error));
  g_assert_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "incidents[0].title: holds a NUL character");
}

static gpointer
write_spaces (gpointer data)
{
  int fd = GPOINTER_TO_INT (data);
  char spaces[4096];

  memset (spaces, ' ', sizeof spaces);
  if (write (fd, "{", 1) == 1)
    {
      /* Ends when the reader closes its end (EPIPE). */
      while (write (fd, spaces, sizeof spaces) > 0)
        ;
    }
  close (fd);
  return NULL;
}

/* An endless pipe ends at the document limit, with a message. */
static void
test_endless_pipe (Fixture       *fixture,
                   gconstpointer  data)
{
  SitrepImportLimits limits = sitrep_import_limits_default;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  GThread *writer;
  int fds[2];

  g_assert_cmpint (pipe (fds), ==, 0);
  writer = g_thread_new ("writer", write_spaces, GINT_TO_POINTER (fds[1]));
  in = g_unix_input_stream_new (fds[0], TRUE);

  limits.max_document = 4 << 20;
  g_assert_false (sitrep_interchange_import_with_limits (fixture->store, in, &limits, FALSE,
                                                         NULL, NULL, &error));
  g_assert_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "The document is larger than 4 MiB");

  g_input_stream_close (in, NULL, NULL);
  g_thread_join (writer);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The pipe's writer learns of a closed reader from EPIPE. */
  signal (SIGPIPE, SIG_IGN);

#define ADD(path, func) \
  g_test_add ("/sitrep/interchange/limits/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("deep", test_deep);
  ADD ("deep-boundary", test_deep_boundary);
  ADD ("string-length", test_string_length);
  ADD ("surrogate-pair", test_surrogate_pair);
  ADD ("incident-count", test_incident_count);
  ADD ("part-size", test_part_size);
  ADD ("document-size", test_document_size);
  ADD ("dev-zero", test_dev_zero);
  ADD ("stream-nul", test_stream_nul);
  ADD ("endless-pipe", test_endless_pipe);

#undef ADD

  return g_test_run ();
}
