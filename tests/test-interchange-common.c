/* test-interchange-common.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "test-interchange-common.h"

/*
 * What the tests of export and import share: a fixture with a store in a
 * temporary folder, and helpers that export, import and compare.
 */

SitrepStore *
open_store (Fixture    *fixture,
            const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  SitrepStore *store;

  store = sitrep_store_open (path, fixture->clock, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sitrep-interchange-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->clock = sitrep_clock_new_fake (NOW);
  fixture->store = open_store (fixture, "sitrep.db");
}

void
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

char *
read_data (const char *name,
           gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

char *
export_text (SitrepStore *store)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  char nul = '\0';

  g_assert_true (sitrep_interchange_export (store, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, &nul, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

SitrepImportResult *
import_text (SitrepStore *store,
             const char  *text,
             gboolean     replace)
{
  g_autoptr(GError) error = NULL;
  SitrepImportResult *result = NULL;

  g_assert_true (sitrep_interchange_import_data (store, text, -1, replace, &result, &error));
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

SitrepImportResult *
import_data_file (SitrepStore *store,
                  const char  *name,
                  gboolean     replace)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  SitrepImportResult *result = NULL;

  sitrep_interchange_import_file (store, path, replace, &result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

gint64
find_id (SitrepStore *store,
         const char  *key)
{
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GError) error = NULL;

  incident = sitrep_store_find_incident (store, key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (incident);
  return sitrep_incident_get_id (incident);
}

/* Export → import into an empty database → export gives the same bytes. */
void
assert_round_trip (Fixture    *fixture,
                   const char *name)
{
  g_autoptr(SitrepStore) second = NULL;
  g_autoptr(SitrepImportResult) result = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  g_autofree char *db = g_strconcat ("copy-", name, ".db", NULL);

  first_text = export_text (fixture->store);
  g_assert_true (g_str_has_prefix (first_text,
                                   "{\n  \"format\" : \"sitrep\",\n  \"version\" : 1,\n"));
  g_assert_true (g_str_has_suffix (first_text, "}\n"));

  second = open_store (fixture, db);
  result = import_text (second, first_text, FALSE);
  g_assert_cmpuint (result->skipped->len, ==, 0);

  second_text = export_text (second);
  g_assert_cmpstr (second_text, ==, first_text);
}
