/* test-drafts.c: the unfinished text of one desk, kept per database and
 * incident in the user's state folder
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "sitrep-drafts.h"
#include "sitrep-file-writer.h"

static void
assert_draft (SitrepDrafts *drafts,
              gint64        incident_id,
              const char   *name,
              const char   *expected)
{
  g_autofree char *text = sitrep_drafts_get (drafts, incident_id, name);

  g_assert_cmpstr (text, ==, expected);
}

static void
set (SitrepDrafts *drafts,
     gint64        incident_id,
     const char   *name,
     const char   *text)
{
  sitrep_drafts_set (drafts, incident_id, name, text);
}

static void
keep_error_cb (SitrepDrafts  *drafts,
               const GError  *error,
               GError       **kept)
{
  g_clear_error (kept);
  *kept = g_error_copy (error);
}

/* Runs the main loop until the drafts are written and what they told
 * has been told. */
static void
wait_for_writes (void)
{
  sitrep_file_writer_wait ();
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The file at @path once the drafts kept are written. */
static char *
written (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  wait_for_writes ();
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);

  return contents;
}

/* The default place is the user's state folder, and nothing is written
 * before a draft is kept. */
static void
test_default_path (void)
{
  g_autoptr(SitrepDrafts) drafts = sitrep_drafts_new (NULL, "/srv/sitrep.db");
  g_autofree char *expected = g_build_filename (g_get_user_state_dir (), "sitrep",
                                                "drafts.ini", NULL);

  g_assert_cmpstr (sitrep_drafts_get_path (drafts), ==, expected);
  assert_draft (drafts, 1, SITREP_DRAFT_NOTE, NULL);
  g_assert_false (g_file_test (expected, G_FILE_TEST_EXISTS));

  set (drafts, 1, SITREP_DRAFT_NOTE, "Bridge opened at");
  wait_for_writes ();
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

/* Drafts survive a restart (a new object on the same file), are the
 * user's alone, and keep line breaks, brackets and any character. */
static void
test_survive_restart (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "d", "drafts.ini", NULL);
  const char *text = "Line one\nLine [two] = \"quoted\" \\ ünïcode\n\n  indented";
  struct stat st;

  {
    g_autoptr(SitrepDrafts) drafts = sitrep_drafts_new (path, "/srv/sitrep.db");

    set (drafts, 7, SITREP_DRAFT_NOTE, text);
    set (drafts, 7, SITREP_DRAFT_NOTE_TAG, "action");
    set (drafts, 7, "symptoms", "Users see 502");
  }
  /* read back from the disk, not from what waits to be written */
  wait_for_writes ();

  {
    g_autoptr(SitrepDrafts) drafts = sitrep_drafts_new (path, "/srv/sitrep.db");

    assert_draft (drafts, 7, SITREP_DRAFT_NOTE, text);
    assert_draft (drafts, 7, SITREP_DRAFT_NOTE_TAG, "action");
    assert_draft (drafts, 7, "symptoms", "Users see 502");
    assert_draft (drafts, 8, SITREP_DRAFT_NOTE, NULL);
  }

  {
    g_autoptr(SitrepDrafts) drafts = sitrep_drafts_new (path, "/srv/sitrep.db");
    g_autoptr(GHashTable) all = sitrep_drafts_get_all (drafts, 7);
    g_autoptr(GHashTable) none = sitrep_drafts_get_all (drafts, 8);

    g_assert_cmpuint (g_hash_table_size (all), ==, 3);
    g_assert_cmpstr (g_hash_table_lookup (all, SITREP_DRAFT_NOTE), ==, text);
    g_assert_cmpstr (g_hash_table_lookup (all, "symptoms"), ==, "Users see 502");
    g_assert_cmpuint (g_hash_table_size (none), ==, 0);
  }

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* Incidents and databases do not share drafts, even when a database's
 * path holds the characters a key file's group cannot. */
typedef struct
{
  const char *database;
  gint64      incident_id;
} Owner;

static const Owner owners[] = {
  { "/srv/sitrep.db", 1 },
  { "/srv/sitrep.db", 2 },
  { "/srv/other.db", 1 },
  { "/home/ann/[test] #1\n.db", 1 },
  { "/home/ann/[test] #1.db", 1 },
  { "postgresql://db.example/sitrep", 1 },
  { "/srv/sitrep.db#1", 1 },
};

static void
test_kept_apart (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "drafts.ini", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (owners); i++)
    {
      g_autoptr(SitrepDrafts) drafts = sitrep_drafts_new (path, owners[i].database);
      g_autofree char *text = g_strdup_printf ("draft %u", i);

      set (drafts, owners[i].incident_id, SITREP_DRAFT_NOTE, text);
    }

  for (guint i = 0; i < G_N_ELEMENTS (owners); i++)
    {
      g_autoptr(SitrepDrafts) drafts = sitrep_drafts_new (path, owners[i].database);
      g_autofree char *text = g_strdup_printf ("draft %u", i);

      assert_draft (drafts, owners[i].incident_id, SITREP_DRAFT_NOTE, text);
    }

  /* written before the test's folder is removed */
  wait_for_writes ();
}

/* Clearing removes one draft; several go in one write; an incident left
 * without drafts leaves nothing behind in the file. */
static void
test_clear (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "drafts.ini", NULL);
  g_autoptr(SitrepDrafts) drafts = sitrep_drafts_new (path, "/srv/sitrep.db");
  g_autofree char *contents = NULL;
  const char *names[] = { SITREP_DRAFT_NOTE, SITREP_DRAFT_NOTE_TAG, SITREP_DRAFT_NOTE_AT, NULL };
  const char *texts[] = { "Half a sentence", "need", "2026-03-01 09:00", NULL };
  const char *none[] = { NULL, "", NULL, NULL };

  sitrep_drafts_set_many (drafts, 3, names, texts);
  set (drafts, 4, "details", "Other incident");
  assert_draft (drafts, 3, SITREP_DRAFT_NOTE_AT, "2026-03-01 09:00");

  set (drafts, 3, SITREP_DRAFT_NOTE_AT, "");
  assert_draft (drafts, 3, SITREP_DRAFT_NOTE_AT, NULL);
  assert_draft (drafts, 3, SITREP_DRAFT_NOTE, "Half a sentence");

  sitrep_drafts_set_many (drafts, 3, names, none);
  assert_draft (drafts, 3, SITREP_DRAFT_NOTE, NULL);
  assert_draft (drafts, 3, SITREP_DRAFT_NOTE_TAG, NULL);
  assert_draft (drafts, 4, "details", "Other incident");

  contents = written (path);
  g_assert_null (strstr (contents, "#3]"));
  g_assert_nonnull (strstr (contents, "#4]"));
}

/* Two windows on one desk: each write reads the file first, so neither
 * undoes the other's draft. */
static void
test_two_writers (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "drafts.ini", NULL);
  g_autoptr(SitrepDrafts) one = sitrep_drafts_new (path, "/srv/sitrep.db");
  g_autoptr(SitrepDrafts) two = sitrep_drafts_new (path, "/srv/sitrep.db");

  set (one, 1, SITREP_DRAFT_NOTE, "from one");
  set (two, 2, SITREP_DRAFT_NOTE, "from two");
  set (one, 1, "symptoms", "also from one");

  assert_draft (two, 1, SITREP_DRAFT_NOTE, "from one");
  assert_draft (one, 2, SITREP_DRAFT_NOTE, "from two");
  assert_draft (two, 1, "symptoms", "also from one");

  /* written before the test's folder is removed */
  wait_for_writes ();
}

/* A damaged file holds no drafts and is replaced by the next one kept. */
static void
test_damaged_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "drafts.ini", NULL);
  g_autoptr(SitrepDrafts) drafts = sitrep_drafts_new (path, "/srv/sitrep.db");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_state_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "\x01\xff not [a key file\n=", -1, &error));
  g_assert_no_error (error);

  assert_draft (drafts, 1, SITREP_DRAFT_NOTE, NULL);
  set (drafts, 1, SITREP_DRAFT_NOTE, "after the damage");
  assert_draft (drafts, 1, SITREP_DRAFT_NOTE, "after the damage");

  /* written before the test's folder is removed */
  wait_for_writes ();
}

/* A state folder that cannot be made is an error that names it, told to
 * the drafts that were kept, not a crash; the drafts are still read back,
 * and written once the folder can be made. */
static void
test_unwritable (void)
{
  g_autofree char *blocker = g_build_filename (g_get_user_state_dir (), "blocker", NULL);
  g_autofree char *path = g_build_filename (blocker, "sitrep", "drafts.ini", NULL);
  g_autoptr(SitrepDrafts) drafts = sitrep_drafts_new (path, "/srv/sitrep.db");
  g_autoptr(SitrepDrafts) reader = sitrep_drafts_new (path, "/srv/sitrep.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) told = NULL;
  g_autofree char *contents = NULL;

  g_signal_connect (drafts, "write-failed", G_CALLBACK (keep_error_cb), &told);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_state_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (blocker, "a file, not a folder", -1, &error));
  g_assert_no_error (error);

  set (drafts, 1, SITREP_DRAFT_NOTE, "text");
  wait_for_writes ();
  g_assert_nonnull (told);
  g_assert_cmpuint (told->domain, ==, G_FILE_ERROR);
  g_assert_nonnull (strstr (told->message, blocker));
  assert_draft (reader, 1, SITREP_DRAFT_NOTE, "text");

  /* the folder can be made again: the next draft kept writes both */
  g_clear_error (&told);
  g_assert_cmpint (g_remove (blocker), ==, 0);
  set (drafts, 2, SITREP_DRAFT_NOTE, "more");
  contents = written (path);
  g_assert_null (told);
  g_assert_nonnull (strstr (contents, "text"));
  g_assert_nonnull (strstr (contents, "more"));
}

/* The file is written on a thread, and while a write waits, every
 * drafts object of the process reads what was kept, not the older file;
 * the writes keep their order. */
static void
test_written_in_order (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "drafts.ini", NULL);
  g_autoptr(SitrepDrafts) one = sitrep_drafts_new (path, "/srv/sitrep.db");
  g_autoptr(SitrepDrafts) two = sitrep_drafts_new (path, "/srv/sitrep.db");
  g_autofree char *contents = NULL;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *text = g_strdup_printf ("draft %u", i);

      set (i % 2 == 0 ? one : two, 1 + i % 5, SITREP_DRAFT_NOTE, text);
      assert_draft (i % 2 == 0 ? two : one, 1 + i % 5, SITREP_DRAFT_NOTE, text);
    }

  contents = written (path);
  for (guint i = 195; i < 200; i++)
    {
      g_autofree char *text = g_strdup_printf ("note=draft %u\n", i);

      g_assert_nonnull (strstr (contents, text));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sitrep/drafts/default-path", test_default_path);
  g_test_add_func ("/sitrep/drafts/survive-restart", test_survive_restart);
  g_test_add_func ("/sitrep/drafts/kept-apart", test_kept_apart);
  g_test_add_func ("/sitrep/drafts/clear", test_clear);
  g_test_add_func ("/sitrep/drafts/two-writers", test_two_writers);
  g_test_add_func ("/sitrep/drafts/damaged-file", test_damaged_file);
  g_test_add_func ("/sitrep/drafts/unwritable", test_unwritable);
  g_test_add_func ("/sitrep/drafts/written-in-order", test_written_in_order);

  return g_test_run ();
}
