/* sitrep-bench.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sitrep-bench-data.h"
#include "sitrep-bench-stats.h"
#include "sitrep-enums.h"
#include "sitrep-store.h"
#include "sitrep-store-private.h"

/*
 * Measures the store on large databases, each figure beside the same work
 * done through the bare sqlite3 API on an equivalent database, so that the
 * cost of the store itself shows:
 *
 *  - bulk import: incidents per second through the store's import API in
 *    one transaction, against prepared INSERTs into a database with the
 *    same schema (tables, indexes, triggers and full-text index);
 *  - the default ticket list (open incidents, next due first): the first
 *    page of 50 ids and the full id list, with the list's memory;
 *  - full-text search for a rare, an ordinary and a common word;
 *  - the earliest alert moment, which the scheduler asks for;
 *  - once, the cost of one user action (a note, a transition) when each
 *    commit waits for the disk (synchronous FULL, what the store does)
 *    and when it does not (NORMAL).
 *
 * Usage: sitrep-bench [SIZE…]   (or SITREP_BENCH_SIZES=10000,100000)
 * Prints Markdown tables. Each query figure is the median of several runs.
 */

#define DEFAULT_SIZES          "10000,100000,1000000"
#define PAGE_SIZE              50
#define QUERY_RUNS             9
#define USER_ACTIONS           60

/* ---------------------------------------------------------------------- */
/* Timing                                                                  */
/* ---------------------------------------------------------------------- */

typedef struct
{
  gint64 start;
} BenchTimer;

static void
timer_start (BenchTimer *timer)
{
  timer->start = g_get_monotonic_time ();
}

static double
timer_elapsed_ms (const BenchTimer *timer)
{
  return (double) (g_get_monotonic_time () - timer->start) / 1000.0;
}

/* Imports incidents 1…@n through the store's import API, in one
 * transaction. */
static gboolean
store_import (SitrepStore  *store,
              guint64       first,
              guint64       n,
              double       *ms,
              GError      **error)
{
  g_autoptr(GPtrArray) complaints = g_ptr_array_new_with_free_func (g_object_unref);
  BenchTimer timer;

  timer_start (&timer);

  if (!sitrep_store_import_begin (store, error))
    return FALSE;

  for (guint64 i = first; i < first + n; i++)
    {
      g_autoptr(SitrepIncident) incident = NULL;
      g_autoptr(GPtrArray) timeline = NULL;
      GenIncident gen;
      gboolean skipped = FALSE;

      generate_incident (i, &gen);
      incident = make_incident (&gen);
      timeline = make_timeline (&gen);

      if (!sitrep_store_import_incident (store, incident, timeline, complaints,
                                         FALSE, &skipped, error))
        {
          sitrep_store_import_rollback (store);
          return FALSE;
        }
    }

  if (!sitrep_store_import_commit (store, error))
    return FALSE;

  *ms = timer_elapsed_ms (&timer);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* The bare side                                                           */
/* ---------------------------------------------------------------------- */

/* The store's own statements, word for word: the bare side runs the same
 * SQL without the store around it. */
#define SQL_FIND_KEY "SELECT id FROM incidents WHERE key_num = ?1"

#define SQL_INSERT_INCIDENT \
  "INSERT INTO incidents (key_num, title, service, level, status, reporter_name, " \
  "reporter_contact, reporter_channel, symptoms, details, occurred_at, reported_at, " \
  "acknowledged_at, recovered_at, resolved_at, transferred_at, transferred_to, closed_at, " \
  "cancelled_at, owner, cause_category, root_cause, resolution, initial_notice_at, " \
  "progress_notice_at, progress_notice_count, rectification_notice_at, " \
  "escalation_notice_at, is_open, next_due, next_warn_at, next_alert_at) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, " \
  "?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32)"

#define SQL_INSERT_ENTRY \
  "INSERT INTO timeline (incident_id, occurred_at, recorded_at, author, kind, tag, " \
  "text, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"

#define SQL_DEFAULT_LIST \
  "SELECT i.id FROM incidents AS i WHERE i.is_open = 1 " \
  "ORDER BY i.is_open DESC, i.next_due IS NULL, i.next_due, i.reported_at"

#define SQL_SEARCH_MATCH \
  " AND i.id IN (SELECT rowid FROM incident_search WHERE incident_search MATCH :match)"

#define SQL_SEARCH_OPEN \
  "SELECT i.id FROM incidents AS i WHERE i.is_open = 1" SQL_SEARCH_MATCH \
  " ORDER BY i.is_open DESC, i.next_due IS NULL, i.next_due, i.reported_at"

#define SQL_SEARCH_ALL \
  "SELECT i.id FROM incidents AS i WHERE 1" SQL_SEARCH_MATCH \
  " ORDER BY i.reported_at DESC, i.id DESC"

#define SQL_NEXT_ALERT \
  "SELECT next_alert_at FROM incidents INDEXED BY incidents_open_by_alert " \
  "WHERE is_open = 1 AND next_alert_at IS NOT NULL ORDER BY next_alert_at LIMIT 1"

typedef struct
{
  const char *status[SITREP_STATUS_CANCELLED + 1];
  const char *channel[SITREP_CHANNEL_OTHER + 1];
  const char *cause[SITREP_CAUSE_UNKNOWN + 1];
  const char *kind[SITREP_ENTRY_KIND_COMPLAINT + 1];
  const char *tag[SITREP_TAG_NEED + 1];
} Nicks;

static void
nicks_init (Nicks *nicks)
{
  for (int i = 0; i <= SITREP_STATUS_CANCELLED; i++)
    nicks->status[i] = sitrep_enum_to_nick (SITREP_TYPE_STATUS, i);
  for (int i = 0; i <= SITREP_CHANNEL_OTHER; i++)
    nicks->channel[i] = sitrep_enum_to_nick (SITREP_TYPE_CHANNEL, i);
  for (int i = 0; i <= SITREP_CAUSE_UNKNOWN; i++)
    nicks->cause[i] = i == SITREP_CAUSE_NONE ? NULL : sitrep_enum_to_nick (SITREP_TYPE_CAUSE, i);
  for (int i = 0; i <= SITREP_ENTRY_KIND_COMPLAINT; i++)
    nicks->kind[i] = sitrep_enum_to_nick (SITREP_TYPE_ENTRY_KIND, i);
  for (int i = 0; i <= SITREP_TAG_NEED; i++)
    nicks->tag[i] = i == SITREP_TAG_NONE ? NULL : sitrep_enum_to_nick (SITREP_TYPE_TAG, i);
}

static gboolean
set_sqlite_error (sqlite3     *db,
                  const char  *what,
                  GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (db, sql, error);
  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_time_or_null (sqlite3_stmt *stmt,
                   int           index,
                   gint64        time)
{
  if (time != SITREP_TIME_NONE)
    sqlite3_bind_int64 (stmt, index, time);
  else
    sqlite3_bind_null (stmt, index);
}

/* A new database with the store's schema (tables, indexes, triggers and
 * full-text tables, read from @schema_source) and the store's pragmas. */
static sqlite3 *
bare_create (const char  *path,
             sqlite3     *schema_source,
             GError     **error)
{
  g_autoptr(GString) schema = g_string_new ("BEGIN;");
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  /* FTS5 makes its shadow tables itself, SQLite its statistics table. */
  if (sqlite3_prepare_v2 (schema_source,
                          "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL "
                          "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND NOT "
                          "(type = 'table' AND name LIKE 'incident\\_search\\_%' ESCAPE '\\') "
                          "ORDER BY rowid",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (schema_source, "reading the schema", error);
      return NULL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (schema, "%s;\n", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_string_append (schema, "COMMIT;");

  if (sqlite3_open (path, &db) != SQLITE_OK)
    {
      set_sqlite_error (db, path, error);
      sqlite3_close (db);
      return NULL;
    }

  if (!exec (db, "PRAGMA journal_mode = WAL", error) ||
      !exec (db, "PRAGMA synchronous = NORMAL", error) ||
      !exec (db, "PRAGMA foreign_keys = ON", error) ||
      !exec (db, schema->str, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  return db;
}


/* The full-text triggers, to drop during a bulk import and make again. */
static char *
get_fts_triggers (sqlite3 *db)
{
  GString *sql = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "SELECT sql FROM sqlite_schema WHERE type = 'trigger' "
                          "AND name LIKE 'incident\\_search\\_%' ESCAPE '\\'",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (sql, "%s;\n", (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);

  return g_string_free (sql, FALSE);
}

/* Imports incidents 1…@n with prepared statements in one transaction: the
 * duplicate-key check, the incident and its timeline, as the store does.
 * Like the store, it fills the full-text index in bulk at the end, since
 * a trigger per row makes FTS5 flush its pending terms at every statement. */
static gboolean
bare_import (sqlite3       *db,
             const Nicks   *nicks,
             guint64        n,
             double        *ms,
             GError       **error)
{
  sqlite3_stmt *find = NULL, *insert = NULL, *entry_stmt = NULL;
  g_autofree char *triggers = NULL;
  BenchTimer timer;
  gboolean ok = FALSE;

  timer_start (&timer);

  if (sqlite3_prepare_v2 (db, SQL_FIND_KEY, -1, &find, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, SQL_INSERT_INCIDENT, -1, &insert, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, SQL_INSERT_ENTRY, -1, &entry_stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (db, "preparing", error);
      goto out;
    }

  triggers = get_fts_triggers (db);

  if (!exec (db, "BEGIN IMMEDIATE", error))
    goto out;

  if (!exec (db, "DROP TRIGGER incident_search_insert; DROP TRIGGER incident_search_update; "
                 "DROP TRIGGER incident_search_before_update; "
                 "DROP TRIGGER incident_search_before_entry; "
                 "DROP TRIGGER incident_search_after_entry;", error))
    goto rollback;

  for (guint64 i = 1; i <= n; i++)
    {
      GenIncident gen;
      gint64 next_due, next_warn_at, id;
      gboolean open;

      generate_incident (i, &gen);
      generate_deadlines (&gen, &next_due, &next_warn_at);
      open = next_due != SITREP_TIME_NONE;

      sqlite3_bind_int64 (find, 1, (gint64) i);
      if (sqlite3_step (find) == SQLITE_ROW)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "%s exists", gen.key);
          goto rollback;
        }
      sqlite3_reset (find);

      sqlite3_bind_int64 (insert, 1, (gint64) i);
      sqlite3_bind_text (insert, 2, gen.title, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, gen.service, -1, SQLITE_STATIC);
      sqlite3_bind_int (insert, 4, gen.level);
      sqlite3_bind_text (insert, 5, nicks->status[gen.status], -1, SQLITE_STATIC);
      bind_text_or_null (insert, 6, gen.reporter_name);
      sqlite3_bind_null (insert, 7);
      sqlite3_bind_text (insert, 8, nicks->channel[gen.channel], -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 9, gen.symptoms, -1, SQLITE_STATIC);
      bind_text_or_null (insert, 10, gen.details);
      sqlite3_bind_int64 (insert, 11, gen.occurred_at);
      sqlite3_bind_int64 (insert, 12, gen.reported_at);
      bind_time_or_null (insert, 13, gen.acknowledged_at);
      bind_time_or_null (insert, 14, gen.recovered_at);
      bind_time_or_null (insert, 15, gen.resolved_at);
      bind_time_or_null (insert, 16, gen.transferred_at);
      bind_text_or_null (insert, 17, gen.transferred_to);
      bind_time_or_null (insert, 18, gen.closed_at);
      bind_time_or_null (insert, 19, gen.cancelled_at);
      bind_text_or_null (insert, 20, gen.owner);
      bind_text_or_null (insert, 21, nicks->cause[gen.cause]);
      sqlite3_bind_null (insert, 22);
      sqlite3_bind_null (insert, 23);
      sqlite3_bind_null (insert, 24);
      sqlite3_bind_null (insert, 25);
      sqlite3_bind_int (insert, 26, 0);
      sqlite3_bind_null (insert, 27);
      sqlite3_bind_null (insert, 28);
      sqlite3_bind_int (insert, 29, open);
      bind_time_or_null (insert, 30, next_due);
      bind_time_or_null (insert, 31, next_warn_at);
      bind_time_or_null (insert, 32, next_warn_at);
      if (sqlite3_step (insert) != SQLITE_DONE)
        {
          set_sqlite_error (db, "inserting an incident", error);
          goto rollback;
        }
      sqlite3_reset (insert);
      id = sqlite3_last_insert_rowid (db);

      for (guint e = 0; e < TIMELINE_PER_INCIDENT; e++)
        {
          const GenEntry *entry = &gen.timeline[e];

          sqlite3_bind_int64 (entry_stmt, 1, id);
          sqlite3_bind_int64 (entry_stmt, 2, entry->occurred_at);
          sqlite3_bind_int64 (entry_stmt, 3, entry->recorded_at);
          bind_text_or_null (entry_stmt, 4, entry->author);
          sqlite3_bind_text (entry_stmt, 5, nicks->kind[entry->kind], -1, SQLITE_STATIC);
          bind_text_or_null (entry_stmt, 6, nicks->tag[entry->tag]);
          sqlite3_bind_text (entry_stmt, 7, entry->text, -1, SQLITE_STATIC);
          sqlite3_bind_null (entry_stmt, 8);
          if (sqlite3_step (entry_stmt) != SQLITE_DONE)
            {
              set_sqlite_error (db, "inserting a timeline entry", error);
              goto rollback;
            }
          sqlite3_reset (entry_stmt);
        }
    }

  {
    g_autofree char *sql = g_strdup_printf ("UPDATE key_sequence SET last_key = "
                                            "MAX(last_key, %" G_GUINT64_FORMAT ") WHERE id = 1",
                                            n);

    if (!exec (db, sql, error) ||
        !exec (db, "INSERT INTO incident_search (rowid, title, service, symptoms, details, "
                   "timeline, people) SELECT id, title, service, symptoms, details, timeline, "
                   "people FROM incident_text", error) ||
        !exec (db, triggers, error) ||
        !exec (db, "COMMIT", error))
      goto rollback;
  }

  *ms = timer_elapsed_ms (&timer);
  ok = TRUE;
  goto out;

rollback:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
out:
  sqlite3_finalize (find);
  sqlite3_finalize (insert);
  sqlite3_finalize (entry_stmt);
  return ok;
}

/* ---------------------------------------------------------------------- */
/* Queries                                                                 */
/* ---------------------------------------------------------------------- */

typedef gsize (*QueryFunc) (gpointer data);

/* The median time of one call in milliseconds. Fast calls are repeated
 * within a sample so that each sample lasts long enough to be measured. */
static double
measure (QueryFunc  func,
         gpointer   data,
         gsize     *result)
{
  double samples[QUERY_RUNS];
  BenchTimer timer;
  guint repeat = 1;
  double once;

  /* A warm-up call, which also says how many repeats a sample needs. */
  timer_start (&timer);
  *result = func (data);
  once = timer_elapsed_ms (&timer);
  if (once < 2.0)
    repeat = (guint) CLAMP (2.0 / MAX (once, 0.001), 1, 1000);

  for (guint r = 0; r < QUERY_RUNS; r++)
    {
      timer_start (&timer);
      for (guint k = 0; k < repeat; k++)
        *result = func (data);
      samples[r] = timer_elapsed_ms (&timer) / repeat;
    }

  return sitrep_bench_median (samples, QUERY_RUNS);
}

typedef struct
{
  SitrepStore      *store;
  SitrepListFilter  filter;
  SitrepListSort    sort;
  const char       *text;
  gsize             bytes;
} StoreQuery;

static gsize
store_query_cb (gpointer data)
{
  StoreQuery *q = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  SitrepQuery query = { q->filter, q->sort, q->text, NULL };

  ids = sitrep_store_query (q->store, &query, &error);
  if (ids == NULL)
    g_error ("query: %s", error->message);

  q->bytes = (gsize) ids->len * g_array_get_element_size (ids);
  return ids->len;
}

static gsize
store_page_cb (gpointer data)
{
  StoreQuery *q = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  SitrepQuery query = { q->filter, q->sort, q->text, NULL };

  ids = sitrep_store_query_page (q->store, &query, 0, PAGE_SIZE, &error);
  if (ids == NULL)
    g_error ("query: %s", error->message);

  return ids->len;
}

static gsize
store_next_alert_cb (gpointer data)
{
  StoreQuery *q = data;

  return (gsize) sitrep_store_get_next_alert_at (q->store);
}

typedef struct
{
  sqlite3_stmt *stmt;
  const char   *match;
  gboolean      collect;   /* into a GArray, as the store does */
} BareQuery;

static gsize
bare_query_cb (gpointer data)
{
  BareQuery *q = data;
  g_autoptr(GArray) ids = NULL;
  gsize n = 0;

  if (q->match != NULL)
    sqlite3_bind_text (q->stmt, sqlite3_bind_parameter_index (q->stmt, ":match"),
                       q->match, -1, SQLITE_STATIC);

  if (q->collect)
    ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  while (sqlite3_step (q->stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (q->stmt, 0);

      if (ids != NULL)
        g_array_append_val (ids, id);
      n++;
    }
  sqlite3_reset (q->stmt);

  return n;
}

static gsize
bare_next_alert_cb (gpointer data)
{
  BareQuery *q = data;
  gsize next = 0;

  if (sqlite3_step (q->stmt) == SQLITE_ROW)
    next = (gsize) sqlite3_column_int64 (q->stmt, 0);
  sqlite3_reset (q->stmt);

  return next;
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));

  return stmt;
}

/* ---------------------------------------------------------------------- */
/* Report                                                                  */
/* ---------------------------------------------------------------------- */

static char *
format_count (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

static void
print_row (const char *measure_name,
           const char *store_value,
           const char *bare_value,
           const char *ratio,
           const char *target)
{
  printf ("| %s | %s | %s | %s | %s |\n", measure_name, store_value, bare_value, ratio, target);
}

static void
print_time_row (const char *measure_name,
                double      store_ms,
                double      bare_ms,
                const char *target)
{
  char store_text[32], bare_text[32], ratio[32];

  g_snprintf (store_text, sizeof store_text, "%.3f ms", store_ms);
  g_snprintf (bare_text, sizeof bare_text, "%.3f ms", bare_ms);
  g_snprintf (ratio, sizeof ratio, "%.2f×", bare_ms > 0 ? store_ms / bare_ms : 0.0);
  print_row (measure_name, store_text, bare_text, ratio, target);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;
  gint64 size = 0;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  if (g_stat (path, &st) == 0)
    size += st.st_size;
  if (g_stat (wal, &st) == 0)
    size += st.st_size;
  return size;
}

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* ---------------------------------------------------------------------- */
/* Import into a database that holds incidents already                    */
/* ---------------------------------------------------------------------- */

/* Imports @n incidents into a new database that first got @held others
 * (in an import of their own, then closed and opened again, as a user
 * would); *ms is the time of the second import alone. */
static gboolean
time_import_into (const char  *folder,
                  guint64      held,
                  guint64      n,
                  double      *ms,
                  GError     **error)
{
  g_autofree char *name = g_strdup_printf ("into-%" G_GUINT64_FORMAT ".db", held);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(SitrepClock) clock = sitrep_clock_new_fake (BENCH_NOW);
  g_autoptr(SitrepStore) store = NULL;
  double first_ms;

  remove_database (path);
  store = sitrep_store_open (path, clock, error);
  if (store == NULL || !store_import (store, 1, held, &first_ms, error))
    return FALSE;
  g_clear_object (&store);

  store = sitrep_store_open (path, clock, error);
  if (store == NULL || !store_import (store, held + 1, n, ms, error))
    return FALSE;
  g_clear_object (&store);

  remove_database (path);
  return TRUE;
}

static void
print_import_row (const char *label,
                  guint64     n,
                  double      ms,
                  double      empty_ms)
{
  char rate[64], time[64], ratio[32];

  g_snprintf (rate, sizeof rate, "%.0f /s", n / (ms / 1000.0));
  g_snprintf (time, sizeof time, "%.2f s", ms / 1000.0);
  g_snprintf (ratio, sizeof ratio, "%.2f×", ms / empty_ms);
  print_row (label, rate, time, ratio, "≤ 1.5×");
}

/* Importing into a database that holds incidents must cost what importing
 * into an empty one does (the full-text fill at the commit once grew with
 * the square of the import on a database whose statistics were taken when
 * it was small). */
static gboolean
bench_import_into (const char  *folder,
                   guint64      n,
                   double       empty_ms,
                   GError     **error)
{
  g_autofree char *count = format_count (n);
  char label[160];
  double one_ms, same_ms;

  g_printerr ("%s incidents: importing into a database of 1, then of %s...\n", count, count);
  if (!time_import_into (folder, 1, n, &one_ms, error) ||
      !time_import_into (folder, n, n, &same_ms, error))
    return FALSE;

  printf ("\n#### Importing %s incidents into a database that holds some\n\n", count);
  print_row ("import", "incidents per second", "time", "ratio to empty", "target");
  print_row ("---", "---:", "---:", "---:", "---");
  g_snprintf (label, sizeof label, "import %s into an empty database", count);
  print_import_row (label, n, empty_ms, empty_ms);
  g_snprintf (label, sizeof label, "import %s into a database of 1", count);
  print_import_row (label, n, one_ms, empty_ms);
  g_snprintf (label, sizeof label, "import %s into a database of %s", count, count);
  print_import_row (label, n, same_ms, empty_ms);
  fflush (stdout);

  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* One size                                                                */
/* ---------------------------------------------------------------------- */

static gboolean
bench_size (const char   *folder,
            guint64       n,
            const Nicks  *nicks,
            GError      **error)
{
  g_autofree char *name = g_strdup_printf ("store-%" G_GUINT64_FORMAT ".db", n);
  g_autofree char *bare_name = g_strdup_printf ("bare-%" G_GUINT64_FORMAT ".db", n);
  g_autofree char *store_path = g_build_filename (folder, name, NULL);
  g_autofree char *bare_path = g_build_filename (folder, bare_name, NULL);
  g_autofree char *count = format_count (n);
  g_autoptr(SitrepClock) clock = sitrep_clock_new_fake (BENCH_NOW);
  g_autoptr(SitrepStore) store = NULL;
  sqlite3 *bare = NULL;
  sqlite3 *reader = NULL;
  double store_import_ms = 0, bare_import_ms = 0;
  char store_text[64], bare_text[64], ratio[32], label[160];
  StoreQuery sq = { 0 };
  BareQuery bq = { 0 };
  gsize store_n, bare_n;
  double store_ms, bare_ms;
  g_autofree char *rare_match = g_strdup_printf ("\"%s\"*", RARE_WORD);
  g_autofree char *ordinary_match = g_strdup_printf ("\"%s\"*", ORDINARY_WORD);
  g_autofree char *common_match = g_strdup_printf ("\"%s\"*", COMMON_WORD);
  struct {
    const char       *label;
    SitrepListFilter  filter;
    SitrepListSort    sort;
    const char       *word;
    const char       *match;
    const char       *sql;
    const char       *target;
  } searches[] = {
    { "search “" RARE_WORD "”, open incidents", SITREP_LIST_FILTER_OPEN,
      SITREP_LIST_SORT_NEXT_DUE, RARE_WORD, rare_match, SQL_SEARCH_OPEN, "< 16 ms" },
    { "search “" RARE_WORD "”, all incidents, newest first", SITREP_LIST_FILTER_ALL,
      SITREP_LIST_SORT_NEWEST, RARE_WORD, rare_match, SQL_SEARCH_ALL, "< 16 ms" },
    { "search “" ORDINARY_WORD "”, open incidents", SITREP_LIST_FILTER_OPEN,
      SITREP_LIST_SORT_NEXT_DUE, ORDINARY_WORD, ordinary_match, SQL_SEARCH_OPEN, "< 16 ms" },
    { "search “" ORDINARY_WORD "”, all incidents, newest first", SITREP_LIST_FILTER_ALL,
      SITREP_LIST_SORT_NEWEST, ORDINARY_WORD, ordinary_match, SQL_SEARCH_ALL, "< 16 ms" },
    { "search “" COMMON_WORD "”, open incidents", SITREP_LIST_FILTER_OPEN,
      SITREP_LIST_SORT_NEXT_DUE, COMMON_WORD, common_match, SQL_SEARCH_OPEN, "—" },
    { "search “" COMMON_WORD "”, all incidents, newest first", SITREP_LIST_FILTER_ALL,
      SITREP_LIST_SORT_NEWEST, COMMON_WORD, common_match, SQL_SEARCH_ALL, "—" },
  };

  remove_database (store_path);
  remove_database (bare_path);

  g_printerr ("%s incidents: importing through the store...\n", count);
  store = sitrep_store_open (store_path, clock, error);
  if (store == NULL)
    return FALSE;
  if (!store_import (store, 1, n, &store_import_ms, error))
    return FALSE;

  /* The bare side's schema is the store's own. */
  if (sqlite3_open_v2 (store_path, &reader, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    return set_sqlite_error (reader, store_path, error);

  g_printerr ("%s incidents: importing with bare SQLite...\n", count);
  bare = bare_create (bare_path, reader, error);
  if (bare == NULL)
    {
      sqlite3_close (reader);
      return FALSE;
    }
  if (!bare_import (bare, nicks, n, &bare_import_ms, error))
    {
      sqlite3_close (bare);
      sqlite3_close (reader);
      return FALSE;
    }
  sqlite3_close (bare);

  /* Both sides query the same file, so that data and query plans match. */
  g_printerr ("%s incidents: querying...\n", count);

  printf ("\n### %s incidents, %d timeline entries each\n\n", count, TIMELINE_PER_INCIDENT);
  print_row ("measure", "Sitrep store", "bare SQLite", "ratio", "target");
  print_row ("---", "---:", "---:", "---:", "---");

  g_snprintf (store_text, sizeof store_text, "%.0f /s", n / (store_import_ms / 1000.0));
  g_snprintf (bare_text, sizeof bare_text, "%.0f /s", n / (bare_import_ms / 1000.0));
  g_snprintf (ratio, sizeof ratio, "%.2f×", bare_import_ms / store_import_ms);
  print_row ("bulk import, incidents per second (one transaction)",
             store_text, bare_text, ratio, "≥ 50,000 /s");

  /* The default list: its first page (what the list model shows first),
   * then every id. */
  sq = (StoreQuery) { store, SITREP_LIST_FILTER_OPEN, SITREP_LIST_SORT_NEXT_DUE, NULL, 0 };
  store_ms = measure (store_page_cb, &sq, &store_n);

  bq = (BareQuery) { prepare (reader, SQL_DEFAULT_LIST " LIMIT " G_STRINGIFY (PAGE_SIZE)),
                     NULL, TRUE };
  bare_ms = measure (bare_query_cb, &bq, &bare_n);
  sqlite3_finalize (bq.stmt);
  print_time_row ("default list (open, next due): first page of 50 ids",
                  store_ms, bare_ms, "≤ 1.3×");
  if (store_n != bare_n)
    g_printerr ("warning: the store's page held %" G_GSIZE_FORMAT " ids, bare SQL %"
                G_GSIZE_FORMAT "\n", store_n, bare_n);

  store_ms = measure (store_query_cb, &sq, &store_n);
  bq = (BareQuery) { prepare (reader, SQL_DEFAULT_LIST), NULL, TRUE };
  bare_ms = measure (bare_query_cb, &bq, &bare_n);
  sqlite3_finalize (bq.stmt);
  {
    g_autofree char *n_ids = format_count (store_n);

    g_snprintf (label, sizeof label, "default list: all %s ids", n_ids);
    print_time_row (label, store_ms, bare_ms, "—");
  }
  if (store_n != bare_n)
    g_printerr ("warning: the store listed %" G_GSIZE_FORMAT " ids, bare SQL %" G_GSIZE_FORMAT "\n",
                store_n, bare_n);

  g_snprintf (store_text, sizeof store_text, "%" G_GSIZE_FORMAT " bytes", sq.bytes);
  print_row ("default list: memory of the id list", store_text, "—", "—", "—");

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      sq = (StoreQuery) { store, searches[i].filter, searches[i].sort, searches[i].word, 0 };
      store_ms = measure (store_query_cb, &sq, &store_n);

      bq = (BareQuery) { prepare (reader, searches[i].sql), searches[i].match, TRUE };
      bare_ms = measure (bare_query_cb, &bq, &bare_n);
      sqlite3_finalize (bq.stmt);

      {
        g_autofree char *hits = format_count (store_n);

        g_snprintf (label, sizeof label, "%s (%s hits)", searches[i].label, hits);
        print_time_row (label, store_ms, bare_ms, searches[i].target);
      }
    }

  sq = (StoreQuery) { store, 0, 0, NULL, 0 };
  store_ms = measure (store_next_alert_cb, &sq, &store_n);
  bq = (BareQuery) { prepare (reader, SQL_NEXT_ALERT), NULL, FALSE };
  bare_ms = measure (bare_next_alert_cb, &bq, &bare_n);
  sqlite3_finalize (bq.stmt);
  print_time_row ("earliest alert moment (scheduler)", store_ms, bare_ms, "≤ 1.3×");

  /* Sizes once both are closed, which folds the journal into the file. */
  sqlite3_close (reader);
  g_clear_object (&store);

  g_snprintf (store_text, sizeof store_text, "%.1f MB", file_size (store_path) / 1e6);
  g_snprintf (bare_text, sizeof bare_text, "%.1f MB", file_size (bare_path) / 1e6);
  print_row ("database file size", store_text, bare_text, "—", "—");
  fflush (stdout);

  if (!bench_import_into (folder, n, store_import_ms, error))
    return FALSE;

  /* SITREP_BENCH_KEEP keeps the databases, to look at query plans. */
  if (g_getenv ("SITREP_BENCH_KEEP") != NULL)
    g_printerr ("kept %s and %s\n", store_path, bare_path);
  else
    {
      remove_database (store_path);
      remove_database (bare_path);
    }

  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* User actions                                                            */
/* ---------------------------------------------------------------------- */

/* The median time of USER_ACTIONS notes and of as many transitions
 * (acknowledgements), each its own transaction, on a small database. */
static gboolean
time_user_actions (SitrepStore  *store,
                   SitrepClock  *clock,
                   gboolean      until_synced,
                   double       *note_ms,
                   double       *transition_ms,
                   GError      **error)
{
  double notes[USER_ACTIONS];
  double transitions[USER_ACTIONS];

  for (guint i = 0; i < USER_ACTIONS; i++)
    {
      g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
      BenchTimer timer;

      sitrep_incident_set_title (incident, "Mail delivery delayed");
      sitrep_incident_set_service (incident, "Mail");
      sitrep_incident_set_level (incident, 2);
      if (!sitrep_store_create_incident (store, incident, "Ann", error))
        return FALSE;
      sitrep_clock_advance (clock, 60);

      timer_start (&timer);
      if (!sitrep_store_add_note (store, sitrep_incident_get_id (incident), SITREP_TIME_NONE,
                                  "Ann", SITREP_TAG_ACTION, "Restarted the relay", error))
        return FALSE;
      if (until_synced)
        _sitrep_store_wait_synced (store);
      notes[i] = timer_elapsed_ms (&timer);

      timer_start (&timer);
      if (!sitrep_store_transition (store, sitrep_incident_get_id (incident),
                                    SITREP_TRANSITION_ACKNOWLEDGE, SITREP_TIME_NONE,
                                    "Ann", NULL, NULL, error))
        return FALSE;
      if (until_synced)
        _sitrep_store_wait_synced (store);
      transitions[i] = timer_elapsed_ms (&timer);
    }

  *note_ms = sitrep_bench_median (notes, USER_ACTIONS);
  *transition_ms = sitrep_bench_median (transitions, USER_ACTIONS);
  return TRUE;
}

static void
print_action_row (const char   *action,
                  const double  ms[4])
{
  char text[4][32];

  for (guint i = 0; i < 4; i++)
    g_snprintf (text[i], sizeof text[i], "%.3f ms", ms[i]);
  printf ("| %s | %s | %s | %s | %s |\n", action, text[0], text[1], text[2], text[3]);
}

/* What one user action costs the thread that makes it, and how long it
 * takes to be on the disk: as the store writes a desk's file (a commit
 * that does not sync, synced by the store's thread), against a commit
 * that syncs (SQLite's synchronous FULL) and one never synced. */
static gboolean
bench_user_actions (const char  *folder,
                    GError     **error)
{
  g_autofree char *path = g_build_filename (folder, "actions.db", NULL);
  g_autoptr(SitrepClock) clock = sitrep_clock_new_fake (BENCH_NOW);
  g_autoptr(SitrepStore) store = NULL;
  double notes[4], transitions[4];

  remove_database (path);
  store = sitrep_store_open (path, clock, error);
  if (store == NULL)
    return FALSE;

  if (!time_user_actions (store, clock, FALSE, &notes[0], &transitions[0], error) ||
      !time_user_actions (store, clock, TRUE, &notes[1], &transitions[1], error))
    return FALSE;
  sitrep_store_set_durable (store, FALSE);
  if (!time_user_actions (store, clock, FALSE, &notes[3], &transitions[3], error))
    return FALSE;
  /* without its thread, the store's commits sync in SQLite */
  _sitrep_store_stop_syncing (store);
  sitrep_store_set_durable (store, TRUE);
  if (!time_user_actions (store, clock, FALSE, &notes[2], &transitions[2], error))
    return FALSE;

  printf ("\n### One user action (a transaction each), median of %d\n\n", USER_ACTIONS);
  printf ("| action | the store: its caller waits | the store: until on the disk "
          "| synchronous FULL | NORMAL, not synced |\n");
  printf ("| --- | ---: | ---: | ---: | ---: |\n");
  print_action_row ("add a note", notes);
  print_action_row ("acknowledge (a transition)", transitions);
  fflush (stdout);

  g_clear_object (&store);
  remove_database (path);
  return TRUE;
}

static GArray *
parse_sizes (int    argc,
             char **argv)
{
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;

  if (argc > 1)
    {
      for (int i = 1; i < argc; i++)
        g_string_append_printf (text, "%s,", argv[i]);
    }
  else if (g_getenv ("SITREP_BENCH_SIZES") != NULL)
    g_string_append (text, g_getenv ("SITREP_BENCH_SIZES"));
  else
    g_string_append (text, DEFAULT_SIZES);

  parts = g_strsplit_set (text->str, ", ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 n = 0;

      if (parts[i][0] == '\0')
        continue;
      if (!g_ascii_string_to_unsigned (parts[i], 10, 1, G_MAXUINT32, &n, NULL))
        {
          g_printerr ("sitrep-bench: “%s” is not a number of incidents\n", parts[i]);
          return NULL;
        }
      g_array_append_val (sizes, n);
    }

  return g_steal_pointer (&sizes);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) sizes = parse_sizes (argc, argv);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  Nicks nicks;
  int status = 0;

  if (sizes == NULL)
    return 2;

  nicks_init (&nicks);

  folder = g_dir_make_tmp ("sitrep-bench-XXXXXX", &error);
  if (folder == NULL)
    {
      g_printerr ("sitrep-bench: %s\n", error->message);
      return 1;
    }

  printf ("## Sitrep store benchmark\n\n");
  printf ("SQLite %s, %u processors; each query figure is the median of %d runs.\n",
          sqlite3_libversion (), g_get_num_processors (), QUERY_RUNS);

  if (!bench_user_actions (folder, &error))
    {
      g_printerr ("sitrep-bench: %s\n", error->message);
      status = 1;
    }

  for (guint i = 0; status == 0 && i < sizes->len; i++)
    {
      if (!bench_size (folder, g_array_index (sizes, guint64, i), &nicks, &error))
        {
          g_printerr ("sitrep-bench: %s\n", error->message);
          status = 1;
          break;
        }
    }

  if (g_getenv ("SITREP_BENCH_KEEP") == NULL)
    g_rmdir (folder);

  return status;
}
