/* test-store-common.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>

#include <glib/gstdio.h>

#include "test-store-common.h"

void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          g_chmod (child, 0700);
          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }

  g_chmod (path, 0700);
  g_rmdir (path);
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sitrep-store-XXXXXX", &error);
  g_assert_no_error (error);
  if (store_test_on_team ())
    f->path = store_test_new_team_database ();
  else
    f->path = g_build_filename (f->dir, "sitrep.db", NULL);
  f->clock = sitrep_clock_new_fake (T0);
  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  if (store_test_on_team () && sitrep_store_is_team_address (f->path))
    store_test_drop_team_database (f->path);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

void
dir_set_up (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sitrep-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "sitrep.db", NULL);
  f->clock = sitrep_clock_new_fake (T0);
}

gint64
create (SitrepStore *store,
        const char  *title,
        const char  *service,
        int          level,
        gint64       reported_at)
{
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(GError) error = NULL;

  sitrep_incident_set_title (incident, title);
  sitrep_incident_set_service (incident, service);
  sitrep_incident_set_level (incident, level);
  sitrep_incident_set_reported_at (incident, reported_at);
  g_assert_true (sitrep_store_create_incident (store, incident, "Ann", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_incident_get_id (incident), >, 0);

  return sitrep_incident_get_id (incident);
}

SitrepStatus
get_status (SitrepStore *store,
            gint64       id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_store_get_incident (store, id, &error);

  g_assert_no_error (error);
  return sitrep_incident_get_status (incident);
}

guint
count_entries (SitrepStore *store,
               gint64       id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sitrep_store_list_timeline (store, id, &error);

  g_assert_no_error (error);
  return entries->len;
}

SitrepTimelineEntry *
last_entry (SitrepStore *store,
            gint64       id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sitrep_store_list_timeline (store, id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 0);
  return g_object_ref (g_ptr_array_index (entries, entries->len - 1));
}

/* The transitions that lead from "new" to each status. */
static const int path_to[][4] = {
  [SITREP_STATUS_NEW]          = { -1 },
  [SITREP_STATUS_ACKNOWLEDGED] = { SITREP_TRANSITION_ACKNOWLEDGE, -1 },
  [SITREP_STATUS_RECOVERED]    = { SITREP_TRANSITION_ACKNOWLEDGE, SITREP_TRANSITION_RECOVER, -1 },
  [SITREP_STATUS_RESOLVED]     = { SITREP_TRANSITION_ACKNOWLEDGE, SITREP_TRANSITION_RECOVER,
                                   SITREP_TRANSITION_RESOLVE, -1 },
  [SITREP_STATUS_TRANSFERRED]  = { SITREP_TRANSITION_ACKNOWLEDGE, SITREP_TRANSITION_RECOVER,
                                   SITREP_TRANSITION_TRANSFER, -1 },
  [SITREP_STATUS_CLOSED]       = { SITREP_TRANSITION_ACKNOWLEDGE, SITREP_TRANSITION_RECOVER,
                                   SITREP_TRANSITION_RESOLVE, SITREP_TRANSITION_CLOSE },
  [SITREP_STATUS_CANCELLED]    = { SITREP_TRANSITION_CANCEL, -1 },
};

gint64
create_in_status (Fixture      *f,
                  SitrepStatus  status)
{
  gint64 id = create (f->store, "Mail down", "mail", 2, sitrep_clock_get_now (f->clock));
  g_autoptr(GError) cause_error = NULL;

  /* a level-2 incident is resolved with its cause */
  g_assert_true (sitrep_store_set_field (f->store, id, "root_cause", "Full disk", "Bob",
                                         &cause_error));
  g_assert_true (sitrep_store_set_field (f->store, id, "cause_category", "hardware", "Bob",
                                         &cause_error));
  g_assert_true (sitrep_store_set_field (f->store, id, "resolution", "Freed space", "Bob",
                                         &cause_error));
  g_assert_no_error (cause_error);

  for (guint i = 0; i < G_N_ELEMENTS (path_to[status]) && path_to[status][i] >= 0; i++)
    {
      g_autoptr(GError) error = NULL;

      sitrep_clock_advance (f->clock, 60);
      g_assert_true (sitrep_store_transition (f->store, id, path_to[status][i],
                                              SITREP_TIME_NONE, "Bob", NULL, "developers",
                                              &error));
      g_assert_no_error (error);
    }

  g_assert_cmpint (get_status (f->store, id), ==, status);
  sitrep_clock_advance (f->clock, 60);
  return id;
}

sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  return db;
}

/* The first value of @sql on a team database, through libpq alone. */
static gint64
raw_team_int64 (const char *address,
                const char *sql)
{
  PGconn *conn = PQconnectdb (address);
  PGresult *result;
  gint64 value = 0;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  if (PQntuples (result) > 0 && !PQgetisnull (result, 0, 0))
    {
      const char *text = PQgetvalue (result, 0, 0);

      value = g_strcmp0 (text, "t") == 0 ? 1 : g_ascii_strtoll (text, NULL, 10);
    }

  PQclear (result);
  PQfinish (conn);
  return value;
}

gint64
raw_int64 (const char *path,
           const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (sitrep_store_is_team_address (path))
    return raw_team_int64 (path, sql);

  db = open_raw (path);

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* Runs @sql on a team database through libpq alone; returns whether
 * the server took it, and its message in @message when not. */
static gboolean
raw_team_try_exec (const char  *address,
                   const char  *sql,
                   char       **message)
{
  PGconn *conn = PQconnectdb (address);
  PGresult *result;
  gboolean ok;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  ok = PQresultStatus (result) == PGRES_COMMAND_OK || PQresultStatus (result) == PGRES_TUPLES_OK;
  if (!ok && message != NULL)
    *message = g_strdup (PQresultErrorMessage (result));

  PQclear (result);
  PQfinish (conn);
  return ok;
}

gboolean
raw_try_exec (const char  *path,
              const char  *sql,
              char       **message)
{
  sqlite3 *db;
  char *sqlite_message = NULL;
  gboolean ok;

  if (message != NULL)
    *message = NULL;

  if (sitrep_store_is_team_address (path))
    return raw_team_try_exec (path, sql, message);

  db = open_raw (path);
  ok = sqlite3_exec (db, sql, NULL, NULL, &sqlite_message) == SQLITE_OK;
  if (!ok && message != NULL)
    *message = g_strdup (sqlite_message);
  sqlite3_free (sqlite_message);
  sqlite3_close (db);

  return ok;
}

void
raw_exec (const char *path,
          const char *sql)
{
  g_autofree char *message = NULL;

  if (!raw_try_exec (path, sql, &message))
    g_error ("%s: %s", sql, message);
}

/* The search index holds exactly the words of the incidents' text
 * fields, people and timeline entries: on a desk's file SQLite's own
 * check of the full-text index; on a team database each incident's
 * document compared with the words made afresh from incident_text. */
void
assert_search_index_sound (const char *path)
{
  sqlite3 *db;
  char *message = NULL;

  if (sitrep_store_is_team_address (path))
    {
      g_assert_cmpint (raw_int64 (path,
                                  "SELECT count(*) FROM incidents AS i"
                                  " LEFT JOIN incident_search AS s ON s.id = i.id"
                                  " JOIN incident_text AS t ON t.id = i.id"
                                  " WHERE s.document IS DISTINCT FROM sitrep_search_words ("
                                  "  concat_ws (chr (10), t.title, t.service, t.symptoms,"
                                  "             t.details, t.timeline, t.people))"),
                       ==, 0);
      g_assert_cmpint (raw_int64 (path, "SELECT count(*) FROM incident_search"), ==,
                       raw_int64 (path, "SELECT count(*) FROM incidents"));
      return;
    }

  db = open_raw (path);
  sqlite3_exec (db, "INSERT INTO incident_search (incident_search, rank) "
                    "VALUES ('integrity-check', 1)", NULL, NULL, &message);
  g_assert_null (message);
  sqlite3_close (db);
}

GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

void
count_cb (guint *count)
{
  (*count)++;
}

guint
damage_pages (const char *path,
              const char *sql)
{
  sqlite3 *db = open_raw (path);
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 page_size = raw_int64 (path, "PRAGMA page_size");
  g_autofree char *junk = g_malloc (page_size);
  int fd;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 page = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (pages, page);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  for (gint64 i = 0; i < page_size; i++)
    junk[i] = (char) (i * 7 + 3);

  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  for (guint i = 0; i < pages->len; i++)
    {
      off_t offset = (off_t) (g_array_index (pages, gint64, i) - 1) * page_size;

      g_assert_cmpint (pwrite (fd, junk, page_size, offset), ==, page_size);
    }
  close (fd);

  return pages->len;
}

GArray *
run_query (SitrepStore      *store,
           SitrepListFilter  filter,
           SitrepListSort    sort,
           const char       *text)
{
  g_autoptr(GError) error = NULL;
  SitrepQuery query = { filter, sort, text, "Ann" };
  GArray *ids = sitrep_store_query (store, &query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

void
assert_ids (GArray       *ids,
            const gint64 *expected,
            guint         n_expected)
{
  g_assert_cmpuint (ids->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i]);
}

void
add_store_test (const char    *name,
                StoreTestFunc  func)
{
  g_autofree char *path = g_strconcat ("/sitrep/store/", name, NULL);

  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

void
add_file_test (const char    *name,
               StoreTestFunc  func)
{
  g_autofree char *path = g_strconcat ("/sitrep/store/", name, NULL);

  if (!store_test_on_team ())
    g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

void
add_dir_test (const char    *name,
              StoreTestFunc  func)
{
  g_autofree char *path = g_strconcat ("/sitrep/store/", name, NULL);

  if (!store_test_on_team ())
    g_test_add (path, Fixture, NULL, dir_set_up, func, fixture_tear_down);
}

/* Turns the database at @path back into one of version 5: no row
 * versions. */
void
store_test_downgrade_to_5 (const char *path)
{
  sqlite3 *db = open_raw (path);

  g_assert_cmpint (sqlite3_exec (db, "ALTER TABLE incidents DROP COLUMN version;"
                                     "PRAGMA user_version = 5;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Turns the database at @path back into one of version 4: no record of
 * when its deadlines were last watched. */
void
store_test_downgrade_to_4 (const char *path)
{
  sqlite3 *db;

  store_test_downgrade_to_5 (path);
  db = open_raw (path);

  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TABLE watch_state;"
                                 /* the search without people */
                                 "DROP TRIGGER incident_search_insert;"
                                 "DROP TRIGGER incident_search_before_update;"
                                 "DROP TRIGGER incident_search_update;"
                                 "DROP TRIGGER incident_search_before_entry;"
                                 "DROP TRIGGER incident_search_after_entry;"
                                 "DROP TRIGGER complaint_search_before_insert;"
                                 "DROP TRIGGER complaint_search_after_insert;"
                                 "DROP TRIGGER complaint_search_before_update;"
                                 "DROP TRIGGER complaint_search_update;"
                                 "DROP TABLE incident_search;"
                                 "DROP VIEW incident_text;"
                                 "CREATE VIEW incident_text (id, title, service, symptoms,"
                                 "  details, timeline) AS"
                                 "  SELECT i.id, i.title, i.service, i.symptoms, i.details,"
                                 "    (SELECT group_concat (t.text, char (10)) FROM timeline AS t"
                                 "      WHERE t.incident_id = i.id)"
                                 "  FROM incidents AS i;"
                                 "CREATE VIRTUAL TABLE incident_search USING fts5 ("
                                 "  title, service, symptoms, details, timeline,"
                                 "  content = 'incident_text', content_rowid = 'id',"
                                 "  columnsize = 0, tokenize = 'unicode61 remove_diacritics 2');"
                                 "INSERT INTO incident_search (incident_search)"
                                 "  VALUES ('rebuild');"
                                 "CREATE TRIGGER incident_search_insert AFTER INSERT ON incidents"
                                 " BEGIN"
                                 "  INSERT INTO incident_search (rowid, title, service, symptoms,"
                                 "    details, timeline) SELECT id, title, service, symptoms,"
                                 "    details, timeline FROM incident_text WHERE id = new.id;"
                                 "END;"
                                 "CREATE TRIGGER incident_search_update"
                                 "  AFTER UPDATE OF title, service, symptoms, details ON incidents"
                                 "  WHEN old.title IS NOT new.title"
                                 "    OR old.service IS NOT new.service"
                                 "    OR old.symptoms IS NOT new.symptoms"
                                 "    OR old.details IS NOT new.details"
                                 " BEGIN"
                                 "  INSERT INTO incident_search (incident_search, rowid, title,"
                                 "    service, symptoms, details, timeline)"
                                 "    SELECT 'delete', old.id, old.title, old.service,"
                                 "    old.symptoms, old.details, timeline FROM incident_text"
                                 "    WHERE id = old.id;"
                                 "  INSERT INTO incident_search (rowid, title, service, symptoms,"
                                 "    details, timeline) SELECT id, title, service, symptoms,"
                                 "    details, timeline FROM incident_text WHERE id = new.id;"
                                 "END;"
                                 "CREATE TRIGGER incident_search_before_entry BEFORE INSERT"
                                 "  ON timeline WHEN new.text IS NOT NULL"
                                 " BEGIN"
                                 "  INSERT INTO incident_search (incident_search, rowid, title,"
                                 "    service, symptoms, details, timeline)"
                                 "    SELECT 'delete', id, title, service, symptoms, details,"
                                 "    timeline FROM incident_text WHERE id = new.incident_id;"
                                 "END;"
                                 "CREATE TRIGGER incident_search_after_entry AFTER INSERT"
                                 "  ON timeline WHEN new.text IS NOT NULL"
                                 " BEGIN"
                                 "  INSERT INTO incident_search (rowid, title, service, symptoms,"
                                 "    details, timeline) SELECT id, title, service, symptoms,"
                                 "    details, timeline FROM incident_text"
                                 "    WHERE id = new.incident_id;"
                                 "END;"
                                 "ALTER TABLE policy_settings DROP COLUMN resolve_needs_cause;"
                                 "ALTER TABLE policy_settings DROP COLUMN cancel_needs_reason;"
                                 "ALTER TABLE policy_settings DROP COLUMN lower_needs_reason;"
                                 "DROP TABLE holds;"
                                 "ALTER TABLE incidents DROP COLUMN team;"
                                 "ALTER TABLE incidents DROP COLUMN team_assigned_at;"
                                 "ALTER TABLE incidents DROP COLUMN team_resolved_at;"
                                 "ALTER TABLE incidents DROP COLUMN team_resolution;"
                                 "ALTER TABLE policy_settings DROP COLUMN hold_pauses;"
                                 "ALTER TABLE timeline DROP COLUMN corrects;"
                                 "DROP TABLE links;"
                                 "PRAGMA user_version = 4;",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
}
