/* test-faults.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sitrep-backup.h"
#include "sitrep-fault-vfs.h"
#include "sitrep-interchange.h"
#include "sitrep-store.h"

/*
 * A full or failing disk in the middle of a write must lose nothing: for
 * each user action and for an import, the action is run once to count the
 * calls that write to the disk, then once per call with that call failing.
 * Each time the action must fail with a clear message, leave the database
 * as it was and sound, and succeed when tried again on the same store.
 */

/* 2026-03-01T09:30:00Z */
#define T0  G_GINT64_CONSTANT (1772357400)
#define DAY (24 * 60 * 60)

typedef gboolean (*ActionFunc) (SitrepStore  *store,
                                GError      **error);

typedef struct
{
  const char  *name;
  ActionFunc   func;
  SitrepFault  fault;
} Case;

static char *template_dir;
static char *template_path;
static gint64 incident_id;
static guint points_tried;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }

  g_rmdir (path);
}

/* ------------------------------------------------------------------------
 * The actions
 */

static gboolean
create_incident (SitrepStore  *store,
                 GError      **error)
{
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();

  sitrep_incident_set_title (incident, "Payments gateway timing out");
  sitrep_incident_set_service (incident, "Payments");
  sitrep_incident_set_level (incident, 1);
  sitrep_incident_set_reported_at (incident, T0 - 600);
  sitrep_incident_set_symptoms (incident, "Card payments fail after 30 seconds");

  return sitrep_store_create_incident (store, incident, "Ann", error);
}

static gboolean
transition (SitrepStore  *store,
            GError      **error)
{
  return sitrep_store_transition (store, incident_id, SITREP_TRANSITION_ACKNOWLEDGE,
                                  SITREP_TIME_NONE, "Ann", "On the bridge", NULL, error);
}

static gboolean
set_level (SitrepStore  *store,
           GError      **error)
{
  return sitrep_store_set_level (store, incident_id, 1, SITREP_TIME_NONE, "Ann",
                                 "More customers affected", error);
}

static gboolean
set_owner (SitrepStore  *store,
           GError      **error)
{
  return sitrep_store_set_owner (store, incident_id, "Bo Lindqvist", "Ann", error);
}

static gboolean
set_field (SitrepStore  *store,
           GError      **error)
{
  return sitrep_store_set_field (store, incident_id, "details",
                                 "The relay's queue holds 40,000 messages", "Ann", error);
}

static gboolean
add_note (SitrepStore  *store,
          GError      **error)
{
  return sitrep_store_add_note (store, incident_id, SITREP_TIME_NONE, "Ann",
                                SITREP_TAG_ACTION, "Restarted the relay", error);
}

static gboolean
record_notice (SitrepStore  *store,
               GError      **error)
{
  return sitrep_store_record_notice (store, incident_id, SITREP_NOTICE_INITIAL,
                                     SITREP_TIME_NONE, "Ann", "Initial notice sent", error);
}

static gboolean
add_complaint (SitrepStore  *store,
               GError      **error)
{
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();

  sitrep_complaint_set_ref (complaint, "C-1042");
  sitrep_complaint_set_customer (complaint, "ACME Ltd");
  sitrep_complaint_set_received_at (complaint, T0 - 60);
  sitrep_complaint_set_summary (complaint, "No mail since nine");

  return sitrep_store_add_complaint (store, incident_id, complaint, "Ann", error);
}

static gboolean
set_policy (SitrepStore  *store,
            GError      **error)
{
  g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (store);

  sitrep_policy_set_minutes (policy, 1, SITREP_POLICY_WINDOW_RESPONSE, 15);
  sitrep_policy_set_minutes (policy, 2, SITREP_POLICY_WINDOW_RECOVERY, 480);

  return sitrep_store_set_policy (store, policy, "Ann", error);
}

static gboolean
save_contact (SitrepStore  *store,
              GError      **error)
{
  g_autoptr(SitrepContact) contact = sitrep_contact_new ();

  sitrep_contact_set_name (contact, "Chen Wei");
  sitrep_contact_set_role (contact, SITREP_ROLE_RND_LEADER);
  sitrep_contact_set_email (contact, "chen@example.org");
  sitrep_contact_set_phone (contact, "+44 20 7946 0000");

  return sitrep_store_save_contact (store, contact, error);
}

static gboolean
import (SitrepStore  *store,
        GError      **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "valid-small.json", NULL);
  g_autofree char *data = NULL;
  g_autoptr(SitrepImportResult) result = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;

  return sitrep_interchange_import_data (store, data, length, FALSE, &result, error);
}

/* ------------------------------------------------------------------------
 * Looking at the file from outside the store
 */

/* Opened for writing (it only reads) so that, when it is the last
 * connection, closing it removes the log and shared-memory files as the
 * store does, and the folder looks as the store left it. */
static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
append_rows (sqlite3    *db,
             const char *table,
             GString    *out)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GString *row = g_string_new (NULL);

      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const unsigned char *blob = sqlite3_column_blob (stmt, i);
          int length = sqlite3_column_bytes (stmt, i);

          g_string_append_printf (row, "|%d:", sqlite3_column_type (stmt, i));
          for (int j = 0; j < length; j++)
            g_string_append_printf (row, "%02x", blob[j]);
        }
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* Rows without an order of their own are compared as a set. */
  g_ptr_array_sort (rows, compare_strings);
  g_string_append_printf (out, "[%s]\n", table);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (rows, i));
}

/* Every row of every table, and the schema, as text to compare. */
static char *
dump (const char *path)
{
  sqlite3 *db = open_raw (path);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name, sql FROM sqlite_schema "
                                       "ORDER BY type, name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *sql = (const char *) sqlite3_column_text (stmt, 1);

      g_string_append_printf (out, "%s\n", sql != NULL ? sql : name);
      if (sql != NULL && g_str_has_prefix (sql, "CREATE TABLE"))
        g_ptr_array_add (tables, g_strdup (name));
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    append_rows (db, g_ptr_array_index (tables, i), out);

  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Fails naming the first line that differs, not two whole dumps. */
static void
assert_same (const char *what,
             const char *got,
             const char *expected)
{
  g_auto(GStrv) got_lines = NULL;
  g_auto(GStrv) expected_lines = NULL;

  if (g_strcmp0 (got, expected) == 0)
    return;

  got_lines = g_strsplit (got, "\n", -1);
  expected_lines = g_strsplit (expected, "\n", -1);
  for (guint i = 0; got_lines[i] != NULL && expected_lines[i] != NULL; i++)
    {
      if (strcmp (got_lines[i], expected_lines[i]) != 0)
        g_error ("%s: line %u is\n  %s\ninstead of\n  %s", what, i + 1,
                 got_lines[i], expected_lines[i]);
    }
  g_error ("%s: %u lines instead of %u", what,
           g_strv_length (got_lines), g_strv_length (expected_lines));
}

static void
assert_sound (const char *path)
{
  sqlite3 *db = open_raw (path);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* ------------------------------------------------------------------------
 * Running a case
 */

static char *
copy_template (const char *dir)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "sitrep.db", NULL);
  gsize length;

  g_assert_true (g_file_get_contents (template_path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents_full (path, contents, length,
                                           G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);
  return path;
}

static gboolean
is_clear (const GError *error,
          const char   *path)
{
  g_autofree char *message = g_utf8_strdown (error->message, -1);

  return strstr (error->message, path) != NULL &&
         (strstr (message, "full") != NULL || strstr (message, "could not write") != NULL);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepClock) clock = sitrep_clock_new_fake (T0);
  g_autofree char *dir = g_dir_make_tmp ("sitrep-faults-XXXXXX", &error);
  g_autofree char *clean_after = NULL;
  g_autofree char *unclear = NULL;
  guint n_writes;

  g_assert_no_error (error);

  /* A clean run counts the writes and gives the state to reach. */
  {
    g_autofree char *path = copy_template (dir);
    g_autoptr(SitrepStore) store = sitrep_store_open (path, clock, &error);
    gboolean ok;

    g_assert_no_error (error);
    sitrep_fault_vfs_arm (0, c->fault);
    ok = c->func (store, &error);
    sitrep_fault_vfs_disarm ();
    g_assert_no_error (error);
    g_assert_true (ok);
    n_writes = sitrep_fault_vfs_get_count ();
    g_clear_object (&store);
    clean_after = dump (path);
    g_unlink (path);
  }

  g_assert_cmpuint (n_writes, >, 0);
  g_test_message ("%s: %u calls that write", c->name, n_writes);

  for (guint k = 1; k <= n_writes; k++)
    {
      g_autofree char *path = copy_template (dir);
      g_autoptr(SitrepStore) store = sitrep_store_open (path, clock, &error);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      gboolean ok;

      g_assert_no_error (error);
      before = dump (path);

      sitrep_fault_vfs_arm (k, c->fault);
      ok = c->func (store, &error);
      sitrep_fault_vfs_disarm ();
      g_assert_cmpuint (sitrep_fault_vfs_get_fired (), ==, 1);
      points_tried++;

      if (ok)
        g_error ("%s: write %u of %u failed, but the action reported success",
                 c->name, k, n_writes);
      g_assert_nonnull (error);
      if (!is_clear (error, path) && unclear == NULL)
        unclear = g_strdup_printf ("%s (write %u of %u): %s",
                                   g_quark_to_string (error->domain), k, n_writes,
                                   error->message);
      g_clear_error (&error);

      /* Nothing was written, and the file is sound. */
      after = dump (path);
      assert_same ("the database after a failed write", after, before);
      assert_sound (path);

      /* The same store, without reopening, does it now. */
      ok = c->func (store, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      g_clear_object (&store);
      g_clear_pointer (&after, g_free);
      after = dump (path);
      assert_same ("the database after trying again", after, clean_after);
      assert_sound (path);

      g_unlink (path);
    }

  remove_tree (dir);

  if (unclear != NULL)
    g_test_fail_printf ("store: the message of a failed write does not say the disk "
                        "is full or could not be written to, e.g. %s", unclear);
}

/* Every name in a folder, hidden ones included, sorted, one a line. */
static char *
list_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (names, i));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A backup that fails half way leaves no file behind and removes none of
 * the earlier backups. */
static void
test_backup (gconstpointer data)
{
  SitrepFault fault = GPOINTER_TO_INT (data);
  guint n_writes = 0;

  for (guint k = 0; k == 0 || k <= n_writes; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SitrepClock) clock = sitrep_clock_new_fake (T0 - DAY);
      g_autofree char *dir = g_dir_make_tmp ("sitrep-faults-XXXXXX", &error);
      g_autofree char *path = NULL;
      g_autofree char *folder = NULL;
      g_autofree char *first = NULL;
      g_autofree char *taken = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      gboolean ok;

      g_assert_no_error (error);
      path = copy_template (dir);
      folder = sitrep_backup_get_folder (path);
      g_assert_true (sitrep_backup_take (path, SITREP_BACKUP_DAILY, clock, &first, &error));
      g_assert_no_error (error);
      sitrep_clock_set_now (clock, T0);
      before = list_folder (folder);

      sitrep_fault_vfs_arm (k, fault);
      ok = sitrep_backup_take (path, SITREP_BACKUP_MANUAL, clock, &taken, &error);
      sitrep_fault_vfs_disarm ();

      if (k == 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          n_writes = sitrep_fault_vfs_get_count ();
          g_assert_cmpuint (n_writes, >, 0);
          g_test_message ("backup: %u calls that write", n_writes);
        }
      else
        {
          g_assert_cmpuint (sitrep_fault_vfs_get_fired (), ==, 1);
          points_tried++;
          if (ok)
            g_error ("backup: write %u of %u failed, but the backup reported success",
                     k, n_writes);
          g_assert_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_FAILED);
          g_assert_true (is_clear (error, folder));
          g_assert_null (taken);
          g_clear_error (&error);

          after = list_folder (folder);
          assert_same ("the backup folder after a failed backup", after, before);
          g_assert_true (sitrep_backup_check_file (first, &error));
          g_assert_no_error (error);

          g_assert_true (sitrep_backup_take (path, SITREP_BACKUP_MANUAL, clock, &taken,
                                             &error));
          g_assert_no_error (error);
        }

      g_assert_true (sitrep_backup_check_file (taken, &error));
      g_assert_no_error (error);
      remove_tree (dir);
    }
}

static char *
read_bytes (const char *path,
            gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

/* A restore that fails half way leaves the database as it was. */
static void
test_restore (gconstpointer data)
{
  SitrepFault fault = GPOINTER_TO_INT (data);
  guint n_writes = 0;

  for (guint k = 0; k == 0 || k <= n_writes; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SitrepClock) clock = sitrep_clock_new_fake (T0);
      g_autofree char *dir = g_dir_make_tmp ("sitrep-faults-XXXXXX", &error);
      g_autofree char *path = NULL;
      g_autofree char *backup = NULL;
      g_autofree char *kept = NULL;
      g_autofree char *before = NULL;
      g_autofree char *before_names = NULL;
      g_autofree char *after = NULL;
      g_autofree char *after_names = NULL;
      g_autofree char *before_dump = NULL;
      g_autofree char *restored_dump = NULL;
      g_autofree char *backup_dump = NULL;
      g_autofree char *kept_dump = NULL;
      g_autofree char *what = NULL;
      gsize before_length, after_length;
      gboolean ok;

      g_assert_no_error (error);
      path = copy_template (dir);
      g_assert_true (sitrep_backup_take (path, SITREP_BACKUP_DAILY, clock, &backup, &error));
      g_assert_no_error (error);
      /* The database moves on after the backup. */
      {
        g_autoptr(SitrepStore) store = sitrep_store_open (path, clock, &error);

        g_assert_no_error (error);
        g_assert_true (add_note (store, &error));
        g_assert_no_error (error);
      }
      sitrep_clock_advance (clock, 60);
      before = read_bytes (path, &before_length);
      before_names = list_folder (dir);
      before_dump = dump (path);

      sitrep_fault_vfs_arm (k, fault);
      ok = sitrep_backup_restore (backup, path, clock, &kept, &error);
      sitrep_fault_vfs_disarm ();

      if (k == 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          n_writes = sitrep_fault_vfs_get_count ();
          g_assert_cmpuint (n_writes, >, 0);
          g_test_message ("restore: %u calls that write", n_writes);
        }
      else
        {
          g_assert_cmpuint (sitrep_fault_vfs_get_fired (), ==, 1);
          points_tried++;
          if (ok)
            g_error ("restore: write %u of %u failed, but the restore reported success",
                     k, n_writes);
          g_assert_error (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_FAILED);
          g_assert_true (is_clear (error, dir));
          g_assert_null (kept);
          g_clear_error (&error);

          /* The database is as it was, with nothing left beside it. */
          after = read_bytes (path, &after_length);
          g_assert_cmpmem (after, after_length, before, before_length);
          after_names = list_folder (dir);
          what = g_strdup_printf ("the database's folder after write %u of %u failed", k,
                                  n_writes);
          assert_same (what, after_names, before_names);
          assert_sound (path);

          g_assert_true (sitrep_backup_restore (backup, path, clock, &kept, &error));
          g_assert_no_error (error);
        }

      /* The restored database is the backup; what it replaced was kept. */
      restored_dump = dump (path);
      backup_dump = dump (backup);
      kept_dump = dump (kept);
      assert_same ("the restored database", restored_dump, backup_dump);
      assert_same ("the kept database", kept_dump, before_dump);
      remove_tree (dir);
    }
}

/* The database the actions start from: one new level-2 incident. */
static void
make_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepClock) clock = sitrep_clock_new_fake (T0);
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();

  template_dir = g_dir_make_tmp ("sitrep-faults-template-XXXXXX", &error);
  g_assert_no_error (error);
  template_path = g_build_filename (template_dir, "template.db", NULL);

  store = sitrep_store_open (template_path, clock, &error);
  g_assert_no_error (error);
  sitrep_incident_set_title (incident, "Mail relay refusing connections");
  sitrep_incident_set_service (incident, "Mail");
  sitrep_incident_set_level (incident, 2);
  sitrep_incident_set_reported_at (incident, T0 - 1800);
  g_assert_true (sitrep_store_create_incident (store, incident, "Ann", &error));
  g_assert_no_error (error);
  incident_id = sitrep_incident_get_id (incident);
}

int
main (int   argc,
      char *argv[])
{
  static const struct
  {
    const char *name;
    ActionFunc  func;
  } actions[] = {
    { "import", import },
    { "create-incident", create_incident },
    { "transition", transition },
    { "set-level", set_level },
    { "set-owner", set_owner },
    { "set-field", set_field },
    { "add-note", add_note },
    { "record-notice", record_notice },
    { "add-complaint", add_complaint },
    { "set-policy", set_policy },
    { "save-contact", save_contact },
  };
  static const struct
  {
    const char  *name;
    SitrepFault  fault;
  } faults[] = {
    { "full", SITREP_FAULT_FULL },
    { "io-error", SITREP_FAULT_IO_ERROR },
  };
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  int status;

  g_test_init (&argc, &argv, NULL);

  sitrep_fault_vfs_install ();
  make_template ();

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      for (guint j = 0; j < G_N_ELEMENTS (actions); j++)
        {
          Case *c = g_new0 (Case, 1);
          g_autofree char *test_path = g_strdup_printf ("/sitrep/faults/%s/%s",
                                                        faults[i].name, actions[j].name);

          c->name = actions[j].name;
          c->func = actions[j].func;
          c->fault = faults[i].fault;
          g_ptr_array_add (cases, c);
          g_test_add_data_func (test_path, c, test_case);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/sitrep/faults/%s/backup", faults[i].name);

      g_test_add_data_func (test_path, GINT_TO_POINTER (faults[i].fault), test_backup);
    }
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/sitrep/faults/%s/restore", faults[i].name);

      g_test_add_data_func (test_path, GINT_TO_POINTER (faults[i].fault), test_restore);
    }

  status = g_test_run ();

  /* For docs/reliability.md: how many faults were injected in all. */
  g_print ("# injection points tried: %u\n", points_tried);

  remove_tree (template_dir);
  g_free (template_path);
  g_free (template_dir);

  return status;
}
