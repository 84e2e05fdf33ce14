/* fuzz-import.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sitrep-interchange.h"
#include "sitrep-policy.h"
#include "sitrep-store.h"

/*
 * A libFuzzer target for the JSON import. Each input is imported into a
 * store; the import must either refuse it and leave the store as it was,
 * or accept it, and then what it stored must survive export → import into
 * an empty store → export byte for byte. Anything else aborts, so that
 * the fuzzer keeps the input.
 */

/* 2026-11-21T12:00:00Z: exports are compared at one moment. */
#define NOW G_GINT64_CONSTANT (1795262400)

static char        *dir;
static SitrepClock *clock_;
static SitrepStore *store;

static G_NORETURN void
fail (const char *what,
      const char *detail)
{
  fprintf (stderr, "fuzz-import: %s%s%s\n", what, detail != NULL ? ": " : "",
           detail != NULL ? detail : "");
  abort ();
}

static void
remove_database (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static void
remove_database_named (const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  remove_database (path);
}

/* A store on a new, empty database at @name in the fuzzer's folder. */
static SitrepStore *
open_empty (const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  SitrepStore *opened;

  remove_database (path);
  opened = sitrep_store_open (path, clock_, &error);
  if (opened == NULL)
    fail ("cannot open a store", error->message);
  return opened;
}

static char *
export_text (SitrepStore *from,
             gsize       *length)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  if (!sitrep_interchange_export (from, out, NULL, &error) ||
      !g_output_stream_close (out, NULL, &error))
    fail ("an accepted document does not export", error->message);

  *length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

/* What a store holds, as far as a refused import must not change it. */
static char *
fingerprint (SitrepStore *of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = sitrep_store_list_contacts (of, &error);
  g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (of);
  GString *text = g_string_new (NULL);

  if (contacts == NULL)
    fail ("cannot list contacts", error->message);

  g_string_append_printf (text, "%" G_GINT64_FORMAT " incidents, %u contacts",
                          sitrep_store_count_incidents (of), contacts->len);
  for (int level = SITREP_LEVEL_MIN; level <= SITREP_LEVEL_MAX; level++)
    for (guint w = 0; w < SITREP_N_POLICY_WINDOWS; w++)
      g_string_append_printf (text, " %d", sitrep_policy_get_minutes (policy, level, w));

  return g_string_free (text, FALSE);
}

/* The databases go when the fuzzer ends; after a crash they stay for a
 * look, in a folder named in the fuzzer's output. */
static void
remove_folder (void)
{
  g_clear_object (&store);
  remove_database_named ("fuzz.db");
  remove_database_named ("copy.db");
  g_rmdir (dir);
}

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();
  g_autofree char *template = g_build_filename (base, "sitrep-fuzz-XXXXXX", NULL);

  /* The times the export writes do not depend on where it runs. */
  g_setenv ("TZ", "UTC", TRUE);
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  dir = g_mkdtemp (template) != NULL ? g_strdup (template) : NULL;
  if (dir == NULL)
    fail ("cannot make a folder", g_strerror (errno));

  fprintf (stderr, "fuzz-import: databases in %s\n", dir);
  atexit (remove_folder);

  clock_ = sitrep_clock_new_fake (NOW);
  store = open_empty ("fuzz.db");
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SitrepImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = fingerprint (store);
  gboolean ok;

  ok = sitrep_interchange_import_data (store, (const char *) data, size, TRUE, &result, &error);

  if (!ok)
    {
      g_autofree char *after = fingerprint (store);

      if (error == NULL || error->domain != SITREP_IMPORT_ERROR)
        fail ("a refused document gives no import error", error != NULL ? error->message : NULL);
      if (g_strcmp0 (before, after) != 0)
        fail ("a refused document changed the store", error->message);
    }
  else
    {
      g_autoptr(SitrepStore) copy = NULL;
      g_autoptr(SitrepImportResult) copied = NULL;
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      gsize first_length, second_length;

      first = export_text (store, &first_length);
      copy = open_empty ("copy.db");
      if (!sitrep_interchange_import_data (copy, first, first_length, FALSE, &copied, &error))
        fail ("an export does not import", error->message);
      second = export_text (copy, &second_length);
      if (first_length != second_length || memcmp (first, second, first_length) != 0)
        fail ("export → import → export changed the document", NULL);

      /* The next input starts from an empty store again. */
      g_clear_object (&copy);
      g_clear_object (&store);
      store = open_empty ("fuzz.db");
    }

  /* File monitors post their events here. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  return 0;
}
