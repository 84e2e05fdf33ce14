/* sitrep-bench-team.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep-bench-data.h"
#include "sitrep-bench-team.h"
#include "sitrep-enums.h"

/*
 * Measures a team database on PostgreSQL:
 *
 *  - queries: a database of N incidents (SITREP_BENCH_SIZES, default
 *    1,000,000) with the incidents of the store benchmark
 *    (sitrep-bench-data.c: the same titles, words and timelines), copied
 *    in with COPY and indexed for search in one statement; then the
 *    first page of the default list, the whole list, a search for a rare,
 *    an ordinary and a common word and the earliest alert moment, each
 *    through the store and, beside it, the same SQL through bare libpq;
 *  - latency: two desks on one database; one writes (a note, a
 *    transition), and the time from its commit to the other desk's
 *    "incident-changed" handler is measured, 200 times or more;
 *  - repaint: a main window on a team database and another desk renaming
 *    the incidents its list shows: the time from the writer's commit to
 *    the frame that shows the new title (needs a display;
 *    sitrep-bench-team-repaint.c);
 *  - load: 20 desks, each its own process with its own store, listener
 *    and deadline watch, write notes and transitions at 5 per second each
 *    (SITREP_BENCH_SECONDS, default 300), first on 20 incidents they
 *    share, then each on one of its own, in a database that holds 100,000
 *    incidents beforehand (SITREP_BENCH_LOAD_SIZE); then every write that
 *    succeeded is looked for in the database, alerts are checked for
 *    duplicates, and each desk's lag behind the others' commits is
 *    reported.
 *
 * SITREP_BENCH_PARTS chooses the parts ("queries,latency,repaint,load", the
 * default). It needs a PostgreSQL server (13 or newer, with
 * postgresql-contrib) named by the PG* variables, whose login may create
 * databases; it makes databases named sitrep_bench_* there and leaves
 * them (SITREP_BENCH_DROP=1 drops them at the end; SITREP_BENCH_REUSE=1
 * queries such a database again instead of making it anew). On a machine with
 * Debian's postgresql-common, a throwaway server:
 *
 *   pg_virtualenv -t -- _build/bench/sitrep-bench-team
 *
 * Prints Markdown tables; progress goes to standard error.
 */

#define DEFAULT_SIZES  "1000000"
#define DEFAULT_PARTS  "queries,latency,repaint,load"
#define PAGE_SIZE      50
#define QUERY_RUNS     9
#define COPY_BUFFER    (1024 * 1024)

/* ---------------------------------------------------------------------- */
/* Shared helpers                                                          */
/* ---------------------------------------------------------------------- */

/* "database … does not exist, skipping" and the like */
static void
ignore_notice (void       *data,
               const char *message)
{
}

PGconn *
bench_team_connect (const char *dbname)
{
  g_autofree char *conninfo = g_strdup_printf ("dbname=%s application_name=sitrep-bench",
                                               dbname);
  PGconn *conn = PQconnectdb (conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect to %s: %s", dbname, PQerrorMessage (conn));
  PQsetNoticeProcessor (conn, ignore_notice, NULL);

  return conn;
}

void
bench_team_exec (PGconn     *conn,
                 const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    g_error ("%.200s: %s", sql, PQresultErrorMessage (result));

  PQclear (result);
}

gint64
bench_team_query_int (PGconn     *conn,
                      const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  gint64 value = 0;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%.200s: %s", sql, PQresultErrorMessage (result));
  if (PQntuples (result) > 0 && !PQgetisnull (result, 0, 0))
    value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);

  PQclear (result);
  return value;
}

char *
bench_team_create_database (const char *dbname)
{
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", dbname);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", dbname);
  g_autofree char *address = g_strdup_printf ("dbname=%s", dbname);
  g_autoptr(GError) error = NULL;
  PGconn *admin = bench_team_connect ("postgres");

  bench_team_exec (admin, drop);
  bench_team_exec (admin, create);
  PQfinish (admin);

  if (!sitrep_store_setup_team (address, NULL, NULL, &error))
    g_error ("setting up %s: %s", dbname, error->message);

  return g_steal_pointer (&address);
}

static gboolean
wait_timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
bench_team_wait (gboolean *done,
                 guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, wait_timeout_cb, &timed_out);

  while (!*done && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return *done;
}

/* Returns: (transfer full): a new incident, as a desk would type it */
SitrepIncident *
bench_team_new_incident (const char *title,
                         int         level,
                         gint64      reported_at)
{
  SitrepIncident *incident = sitrep_incident_new ();

  sitrep_incident_set_title (incident, title);
  sitrep_incident_set_service (incident, "Payments");
  sitrep_incident_set_level (incident, level);
  sitrep_incident_set_reporter_name (incident, "Mei Lin");
  sitrep_incident_set_reporter_channel (incident, SITREP_CHANNEL_HOTLINE);
  sitrep_incident_set_symptoms (incident, "Users of Payments see timeouts");
  sitrep_incident_set_occurred_at (incident, reported_at);
  sitrep_incident_set_reported_at (incident, reported_at);

  return incident;
}

/* ---------------------------------------------------------------------- */
/* Filling a database                                                      */
/* ---------------------------------------------------------------------- */

/* COPY's text format: tab between columns, \N for NULL. The generated
 * text holds no tab, newline or backslash. */
static void
put_text (GString    *row,
          const char *value)
{
  g_string_append (row, value != NULL ? value : "\\N");
  g_string_append_c (row, '\t');
}

static void
put_time (GString *row,
          gint64   value)
{
  if (value == SITREP_TIME_NONE)
    g_string_append (row, "\\N\t");
  else
    g_string_append_printf (row, "%" G_GINT64_FORMAT "\t", value);
}

static void
end_row (GString *row)
{
  row->str[row->len - 1] = '\n';
}

static void
copy_begin (PGconn     *conn,
            const char *sql)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COPY_IN)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
}

static void
copy_put (PGconn  *conn,
          GString *buffer,
          gboolean flush)
{
  if (buffer->len == 0 || (!flush && buffer->len < COPY_BUFFER))
    return;
  if (PQputCopyData (conn, buffer->str, (int) buffer->len) != 1)
    g_error ("COPY: %s", PQerrorMessage (conn));
  g_string_truncate (buffer, 0);
}

static void
copy_end (PGconn *conn)
{
  PGresult *result;

  if (PQputCopyEnd (conn, NULL) != 1)
    g_error ("COPY: %s", PQerrorMessage (conn));
  result = PQgetResult (conn);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("COPY: %s", PQresultErrorMessage (result));
  PQclear (result);
  while ((result = PQgetResult (conn)) != NULL)
    PQclear (result);
}

/* Incidents 1…@n of the store benchmark, with ids and keys 1…@n. The
 * search index is filled in one statement at the end and its trigram
 * index built after it, which is what a bulk load does on PostgreSQL;
 * row triggers (search, foreign keys) are off during the copy
 * (session_replication_role), as the data is consistent by making. */
void
bench_team_fill_database (const char *dbname,
                          guint64     n,
                          double      seconds[4])
{
  g_autoptr(GString) buffer = g_string_sized_new (COPY_BUFFER + 4096);
  const char *status[SITREP_STATUS_CANCELLED + 1];
  const char *channel[SITREP_CHANNEL_OTHER + 1];
  const char *cause[SITREP_CAUSE_UNKNOWN + 1];
  const char *kind[SITREP_ENTRY_KIND_COMPLAINT + 1];
  const char *tag[SITREP_TAG_NEED + 1];
  PGconn *conn = bench_team_connect (dbname);
  gint64 start;

  for (int i = 0; i <= SITREP_STATUS_CANCELLED; i++)
    status[i] = sitrep_enum_to_nick (SITREP_TYPE_STATUS, i);
  for (int i = 0; i <= SITREP_CHANNEL_OTHER; i++)
    channel[i] = sitrep_enum_to_nick (SITREP_TYPE_CHANNEL, i);
  for (int i = 0; i <= SITREP_CAUSE_UNKNOWN; i++)
    cause[i] = i == SITREP_CAUSE_NONE ? NULL : sitrep_enum_to_nick (SITREP_TYPE_CAUSE, i);
  for (int i = 0; i <= SITREP_ENTRY_KIND_COMPLAINT; i++)
    kind[i] = sitrep_enum_to_nick (SITREP_TYPE_ENTRY_KIND, i);
  for (int i = 0; i <= SITREP_TAG_NEED; i++)
    tag[i] = i == SITREP_TAG_NONE ? NULL : sitrep_enum_to_nick (SITREP_TYPE_TAG, i);

  start = g_get_monotonic_time ();
  bench_team_exec (conn, "SET session_replication_role = replica");
  bench_team_exec (conn, "SET maintenance_work_mem = '1GB'");
  bench_team_exec (conn, "BEGIN");
  bench_team_exec (conn, "DROP INDEX incident_search_words");

  copy_begin (conn, "COPY incidents (id, key_num, title, service, level, status, "
                    "reporter_name, reporter_channel, symptoms, details, occurred_at, "
                    "reported_at, acknowledged_at, recovered_at, resolved_at, transferred_at, "
                    "transferred_to, closed_at, cancelled_at, owner, cause_category, "
                    "progress_notice_count, is_open, next_due, next_warn_at, next_alert_at) "
                    "FROM STDIN");
  for (guint64 i = 1; i <= n; i++)
    {
      GenIncident gen;
      gint64 next_due, next_warn_at;

      generate_incident (i, &gen);
      generate_deadlines (&gen, &next_due, &next_warn_at);

      g_string_append_printf (buffer, "%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT "\t", i, i);
      put_text (buffer, gen.title);
      put_text (buffer, gen.service);
      g_string_append_printf (buffer, "%d\t", gen.level);
      put_text (buffer, status[gen.status]);
      put_text (buffer, gen.reporter_name);
      put_text (buffer, channel[gen.channel]);
      put_text (buffer, gen.symptoms);
      put_text (buffer, gen.details);
      put_time (buffer, gen.occurred_at);
      put_time (buffer, gen.reported_at);
      put_time (buffer, gen.acknowledged_at);
      put_time (buffer, gen.recovered_at);
      put_time (buffer, gen.resolved_at);
      put_time (buffer, gen.transferred_at);
      put_text (buffer, gen.transferred_to);
      put_time (buffer, gen.closed_at);
      put_time (buffer, gen.cancelled_at);
      put_text (buffer, gen.owner);
      put_text (buffer, cause[gen.cause]);
      g_string_append (buffer, "0\t");
      g_string_append_printf (buffer, "%d\t", next_due != SITREP_TIME_NONE);
      put_time (buffer, next_due);
      put_time (buffer, next_warn_at);
      put_time (buffer, next_warn_at);
      end_row (buffer);
      copy_put (conn, buffer, FALSE);
    }
  copy_put (conn, buffer, TRUE);
  copy_end (conn);
  seconds[0] = (g_get_monotonic_time () - start) / 1e6;
  g_printerr ("  incidents copied in %.1f s\n", seconds[0]);

  start = g_get_monotonic_time ();
  copy_begin (conn, "COPY timeline (id, incident_id, occurred_at, recorded_at, author, kind, "
                    "tag, text) FROM STDIN");
  for (guint64 i = 1; i <= n; i++)
    {
      GenIncident gen;

      generate_incident (i, &gen);
      for (guint e = 0; e < TIMELINE_PER_INCIDENT; e++)
        {
          const GenEntry *entry = &gen.timeline[e];

          g_string_append_printf (buffer, "%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT "\t",
                                  (i - 1) * TIMELINE_PER_INCIDENT + e + 1, i);
          put_time (buffer, entry->occurred_at);
          put_time (buffer, entry->recorded_at);
          put_text (buffer, entry->author);
          put_text (buffer, kind[entry->kind]);
          put_text (buffer, tag[entry->tag]);
          put_text (buffer, entry->text);
          end_row (buffer);
        }
      copy_put (conn, buffer, FALSE);
    }
  copy_put (conn, buffer, TRUE);
  copy_end (conn);
  seconds[1] = (g_get_monotonic_time () - start) / 1e6;
  g_printerr ("  timeline copied in %.1f s\n", seconds[1]);

  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT setval (pg_get_serial_sequence ('incidents', 'id'), %" G_GUINT64_FORMAT "),"
      " setval (pg_get_serial_sequence ('timeline', 'id'), %" G_GUINT64_FORMAT ");"
      "UPDATE key_sequence SET last_key = %" G_GUINT64_FORMAT " WHERE id = 1",
      n, n * TIMELINE_PER_INCIDENT, n);

    bench_team_exec (conn, sql);
  }

  /* sitrep_index_incident() for every incident at once */
  start = g_get_monotonic_time ();
  bench_team_exec (conn, "INSERT INTO incident_search (id, document)"
                         " SELECT id, sitrep_search_words (concat_ws (chr (10), title, service,"
                         " symptoms, details, timeline, people)) FROM incident_text");
  seconds[2] = (g_get_monotonic_time () - start) / 1e6;
  g_printerr ("  search documents made in %.1f s\n", seconds[2]);

  start = g_get_monotonic_time ();
  bench_team_exec (conn, "CREATE INDEX incident_search_words ON incident_search"
                         " USING gin (document gin_trgm_ops)");
  bench_team_exec (conn, "COMMIT");
  bench_team_exec (conn, "VACUUM ANALYZE");
  seconds[3] = (g_get_monotonic_time () - start) / 1e6;
  g_printerr ("  trigram index built and tables analysed in %.1f s\n", seconds[3]);

  PQfinish (conn);
}

/* ---------------------------------------------------------------------- */
/* Queries                                                                 */
/* ---------------------------------------------------------------------- */

/* The store's statements as it sends them (sitrep-store-query.c,
 * sitrep-store-alerts.c after sitrep-db-pg.c's rewriting): :limit and
 * :offset are bound as int8, the words as text. */
#define SQL_ORDER_NEXT_DUE " ORDER BY i.is_open DESC, i.next_due IS NULL, i.next_due, i.reported_at"
#define SQL_ORDER_NEWEST   " ORDER BY i.reported_at DESC, i.id DESC"
#define SQL_DEFAULT_LIST   "SELECT i.id FROM incidents AS i WHERE i.is_open = 1" SQL_ORDER_NEXT_DUE
#define SQL_MATCH \
  " AND i.id IN (SELECT s.id FROM incident_search AS s WHERE TRUE AND s.document LIKE " \
  "'%' || sitrep_search_words ($1) || '%')"
#define SQL_SEARCH_OPEN \
  "SELECT i.id FROM incidents AS i WHERE i.is_open = 1" SQL_MATCH SQL_ORDER_NEXT_DUE
#define SQL_SEARCH_ALL \
  "SELECT i.id FROM incidents AS i WHERE TRUE" SQL_MATCH SQL_ORDER_NEWEST
#define SQL_NEXT_ALERT \
  "SELECT next_alert_at FROM incidents  " \
  "WHERE is_open = 1 AND next_alert_at IS NOT NULL ORDER BY next_alert_at LIMIT 1"

#define PG_INT8 20
#define PG_TEXT 25

typedef gsize (*QueryFunc) (gpointer data);

/* The median time of one call in milliseconds, as sitrep-bench.c
 * measures: a warm-up call, then QUERY_RUNS samples, a fast call repeated
 * within a sample until it lasts about 2 ms. */
static double
measure (QueryFunc  func,
         gpointer   data,
         gsize     *result)
{
  double samples[QUERY_RUNS];
  guint repeat = 1;
  gint64 start;
  double once;

  start = g_get_monotonic_time ();
  *result = func (data);
  once = (g_get_monotonic_time () - start) / 1000.0;
  if (once < 2.0)
    repeat = (guint) CLAMP (2.0 / MAX (once, 0.001), 1, 1000);

  for (guint r = 0; r < QUERY_RUNS; r++)
    {
      start = g_get_monotonic_time ();
      for (guint k = 0; k < repeat; k++)
        *result = func (data);
      samples[r] = (g_get_monotonic_time () - start) / 1000.0 / repeat;
    }

  return sitrep_bench_percentile (samples, QUERY_RUNS, 0.5);
}

typedef struct
{
  SitrepStore      *store;
  SitrepListFilter  filter;
  SitrepListSort    sort;
  const char       *text;
  gboolean          paged;
} StoreQuery;

static gsize
store_query_cb (gpointer data)
{
  StoreQuery *q = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  SitrepQuery query = { q->filter, q->sort, q->text, NULL, NULL };

  if (q->paged)
    ids = sitrep_store_query_page (q->store, &query, 0, PAGE_SIZE, &error);
  else
    ids = sitrep_store_query (q->store, &query, &error);
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
  PGconn     *conn;
  const char *sql;
  int         n_params;
  Oid         types[2];
  const char *values[2];
} BareQuery;

/* One statement as the store sends it (PQexecParams, text results), its
 * first column collected into a GArray as the store does. */
static gsize
bare_query_cb (gpointer data)
{
  BareQuery *q = data;
  g_autoptr(GArray) ids = NULL;
  PGresult *result;
  int n;

  result = PQexecParams (q->conn, q->sql, q->n_params, q->types, q->values, NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", q->sql, PQresultErrorMessage (result));

  n = PQntuples (result);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  for (int r = 0; r < n; r++)
    {
      gint64 id = g_ascii_strtoll (PQgetvalue (result, r, 0), NULL, 10);

      g_array_append_val (ids, id);
    }
  PQclear (result);

  /* the earliest alert is one value: return it, like the store */
  if (q->n_params == 0 && strstr (q->sql, "LIMIT 1") != NULL)
    return ids->len > 0 ? (gsize) g_array_index (ids, gint64, 0) : 0;

  return ids->len;
}

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
print_time_row (const char *label,
                double      store_ms,
                double      bare_ms)
{
  printf ("| %s | %.3f ms | %.3f ms | %.2f× |\n", label, store_ms, bare_ms,
          bare_ms > 0 ? store_ms / bare_ms : 0.0);
}

/* EXPLAIN ANALYZE of @sql for @word (or without parameters), to standard output */
static void
explain (PGconn     *conn,
         const char *sql,
         const char *word)
{
  g_autofree char *text = g_strconcat ("EXPLAIN (ANALYZE, BUFFERS) ", sql, NULL);
  const Oid types[1] = { PG_TEXT };
  const char *values[1] = { word };
  PGresult *result = PQexecParams (conn, text, word != NULL ? 1 : 0, types, values,
                                   NULL, NULL, 0);

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", text, PQresultErrorMessage (result));

  if (word != NULL)
    printf ("\n```\n%s  -- $1 = '%s'\n", sql, word);
  else
    printf ("\n```\n%s\n", sql);
  for (int r = 0; r < PQntuples (result); r++)
    printf ("%s\n", PQgetvalue (result, r, 0));
  printf ("```\n");
  PQclear (result);
}

/* Whether @dbname exists and holds @n incidents */
static gboolean
database_holds (const char *dbname,
                guint64     n)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pg_database "
                                          "WHERE datname = '%s'", dbname);
  PGconn *conn = bench_team_connect ("postgres");
  gboolean exists = bench_team_query_int (conn, sql) == 1;

  PQfinish (conn);
  if (!exists)
    return FALSE;

  conn = bench_team_connect (dbname);
  exists = (guint64) bench_team_query_int (conn, "SELECT count(*) FROM incidents") == n;
  PQfinish (conn);

  return exists;
}

static void
bench_queries (guint64 n)
{
  g_autofree char *dbname = g_strdup_printf ("sitrep_bench_%" G_GUINT64_FORMAT, n);
  g_autofree char *count = format_count (n);
  g_autofree char *address = NULL;
  g_autoptr(SitrepClock) clock = sitrep_clock_new_fake (BENCH_NOW);
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  double fill_seconds[4];
  StoreQuery sq;
  BareQuery bq;
  gsize store_n, bare_n;
  double store_ms, bare_ms;
  char label[200];
  PGconn *conn;
  struct {
    const char       *label;
    SitrepListFilter  filter;
    SitrepListSort    sort;
    const char       *word;
    const char       *sql;
  } searches[] = {
    { "search “" RARE_WORD "”, open incidents", SITREP_LIST_FILTER_OPEN,
      SITREP_LIST_SORT_NEXT_DUE, RARE_WORD, SQL_SEARCH_OPEN },
    { "search “" RARE_WORD "”, all incidents, newest first", SITREP_LIST_FILTER_ALL,
      SITREP_LIST_SORT_NEWEST, RARE_WORD, SQL_SEARCH_ALL },
    { "search “" ORDINARY_WORD "”, open incidents", SITREP_LIST_FILTER_OPEN,
      SITREP_LIST_SORT_NEXT_DUE, ORDINARY_WORD, SQL_SEARCH_OPEN },
    { "search “" ORDINARY_WORD "”, all incidents, newest first", SITREP_LIST_FILTER_ALL,
      SITREP_LIST_SORT_NEWEST, ORDINARY_WORD, SQL_SEARCH_ALL },
    { "search “" COMMON_WORD "”, open incidents", SITREP_LIST_FILTER_OPEN,
      SITREP_LIST_SORT_NEXT_DUE, COMMON_WORD, SQL_SEARCH_OPEN },
    { "search “" COMMON_WORD "”, all incidents, newest first", SITREP_LIST_FILTER_ALL,
      SITREP_LIST_SORT_NEWEST, COMMON_WORD, SQL_SEARCH_ALL },
  };

  /* SITREP_BENCH_REUSE=1 queries the database a former run left, when
   * it holds as many incidents */
  if (g_strcmp0 (g_getenv ("SITREP_BENCH_REUSE"), "1") == 0 && database_holds (dbname, n))
    {
      g_printerr ("%s incidents: reusing %s\n", count, dbname);
      address = g_strdup_printf ("dbname=%s", dbname);
      memset (fill_seconds, 0, sizeof fill_seconds);
    }
  else
    {
      g_printerr ("%s incidents: making %s...\n", count, dbname);
      address = bench_team_create_database (dbname);
      bench_team_fill_database (dbname, n, fill_seconds);
    }

  store = sitrep_store_open_team (address, NULL, clock, &error);
  if (store == NULL)
    g_error ("opening %s: %s", address, error->message);
  conn = bench_team_connect (dbname);
  bench_team_exec (conn, "SET TIME ZONE 'UTC'");

  g_printerr ("%s incidents: querying...\n", count);
  printf ("\n### %s incidents, %d timeline entries each, on PostgreSQL %d\n\n", count,
          TIMELINE_PER_INCIDENT, PQserverVersion (conn) / 10000);
  if (fill_seconds[0] > 0)
    printf ("Filled in %.0f s: incidents %.0f s, timeline %.0f s (COPY), search documents "
            "%.0f s, trigram index and ANALYZE %.0f s.\n\n",
            fill_seconds[0] + fill_seconds[1] + fill_seconds[2] + fill_seconds[3],
            fill_seconds[0], fill_seconds[1], fill_seconds[2], fill_seconds[3]);
  else
    printf ("The database of a former run, queried again.\n\n");
  printf ("| measure | Sitrep store | bare libpq | ratio |\n");
  printf ("| --- | ---: | ---: | ---: |\n");

  sq = (StoreQuery) { store, SITREP_LIST_FILTER_OPEN, SITREP_LIST_SORT_NEXT_DUE, NULL, TRUE };
  store_ms = measure (store_query_cb, &sq, &store_n);
  bq = (BareQuery) { conn, SQL_DEFAULT_LIST " LIMIT $1 OFFSET $2", 2,
                     { PG_INT8, PG_INT8 }, { G_STRINGIFY (PAGE_SIZE), "0" } };
  bare_ms = measure (bare_query_cb, &bq, &bare_n);
  print_time_row ("default list (open, next due): first page of 50 ids", store_ms, bare_ms);
  if (store_n != bare_n)
    g_printerr ("warning: the store's page held %" G_GSIZE_FORMAT " ids, bare SQL %"
                G_GSIZE_FORMAT "\n", store_n, bare_n);

  sq.paged = FALSE;
  store_ms = measure (store_query_cb, &sq, &store_n);
  bq = (BareQuery) { conn, SQL_DEFAULT_LIST, 0, { 0 }, { NULL } };
  bare_ms = measure (bare_query_cb, &bq, &bare_n);
  {
    g_autofree char *ids = format_count (store_n);

    g_snprintf (label, sizeof label, "default list: all %s ids", ids);
    print_time_row (label, store_ms, bare_ms);
  }
  if (store_n != bare_n)
    g_printerr ("warning: the store listed %" G_GSIZE_FORMAT " ids, bare SQL %"
                G_GSIZE_FORMAT "\n", store_n, bare_n);

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autofree char *hits = NULL;

      sq = (StoreQuery) { store, searches[i].filter, searches[i].sort, searches[i].word, FALSE };
      store_ms = measure (store_query_cb, &sq, &store_n);
      bq = (BareQuery) { conn, searches[i].sql, 1, { PG_TEXT }, { searches[i].word } };
      bare_ms = measure (bare_query_cb, &bq, &bare_n);

      hits = format_count (store_n);
      g_snprintf (label, sizeof label, "%s (%s hits)", searches[i].label, hits);
      print_time_row (label, store_ms, bare_ms);
      if (store_n != bare_n)
        g_printerr ("warning: the store found %" G_GSIZE_FORMAT ", bare SQL %"
                    G_GSIZE_FORMAT "\n", store_n, bare_n);
    }

  sq = (StoreQuery) { store, 0, 0, NULL, FALSE };
  store_ms = measure (store_next_alert_cb, &sq, &store_n);
  bq = (BareQuery) { conn, SQL_NEXT_ALERT, 0, { 0 }, { NULL } };
  bare_ms = measure (bare_query_cb, &bq, &bare_n);
  print_time_row ("earliest alert moment (scheduler)", store_ms, bare_ms);
  if (store_n != bare_n)
    g_printerr ("warning: the store's earliest alert is %" G_GSIZE_FORMAT ", bare SQL's %"
                G_GSIZE_FORMAT "\n", store_n, bare_n);

  printf ("| database size (pg_database_size) | %.1f MB | — | — |\n",
          bench_team_query_int (conn, "SELECT pg_database_size (current_database ())") / 1e6);

  printf ("\nPlans of the whole default list and of the searches for the ordinary and the "
          "common word:\n");
  explain (conn, SQL_DEFAULT_LIST, NULL);
  explain (conn, SQL_SEARCH_OPEN, ORDINARY_WORD);
  explain (conn, SQL_SEARCH_OPEN, COMMON_WORD);
  explain (conn, SQL_SEARCH_ALL, COMMON_WORD);
  fflush (stdout);

  PQfinish (conn);
  g_clear_object (&store);

  if (g_strcmp0 (g_getenv ("SITREP_BENCH_DROP"), "1") == 0)
    {
      g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", dbname);
      PGconn *admin = bench_team_connect ("postgres");

      bench_team_exec (admin, drop);
      PQfinish (admin);
    }
}

/* ---------------------------------------------------------------------- */
/* Main                                                                    */
/* ---------------------------------------------------------------------- */

static gboolean
has_part (char      **parts,
          const char *name)
{
  return g_strv_contains ((const char * const *) parts, name);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) sizes = NULL;
  const char *value;

  /* One desk of the load part, started by the part itself */
  if (argc > 1 && strcmp (argv[1], "--desk") == 0)
    return bench_team_desk_main (argc, argv);
  if (argc > 1 && strcmp (argv[1], "--listen") == 0)
    return bench_team_listen_main (argc, argv);

  value = g_getenv ("SITREP_BENCH_PARTS");
  parts = g_strsplit (value != NULL ? value : DEFAULT_PARTS, ",", -1);
  value = g_getenv ("SITREP_BENCH_SIZES");
  sizes = g_strsplit (value != NULL ? value : DEFAULT_SIZES, ",", -1);

  if (g_getenv ("PGHOST") == NULL && g_getenv ("PGDATABASE") == NULL)
    g_printerr ("sitrep-bench-team: no PG* variables; using libpq's defaults\n");

  printf ("## Sitrep team database benchmark\n\n");
  printf ("%u processors; each query figure is the median of %d runs.\n",
          g_get_num_processors (), QUERY_RUNS);
  fflush (stdout);

  if (has_part (parts, "queries"))
    {
      for (guint i = 0; sizes[i] != NULL; i++)
        {
          guint64 n = g_ascii_strtoull (g_strstrip (sizes[i]), NULL, 10);

          if (n == 0)
            {
              g_printerr ("sitrep-bench-team: “%s” is not a number of incidents\n", sizes[i]);
              return 1;
            }
          bench_queries (n);
        }
    }

  if (has_part (parts, "latency") && !bench_team_latency (argv[0], &error))
    {
      g_printerr ("sitrep-bench-team: %s\n", error->message);
      return 1;
    }

  if (has_part (parts, "repaint") && !bench_team_repaint (&error))
    {
      g_printerr ("sitrep-bench-team: %s\n", error->message);
      return 1;
    }

  if (has_part (parts, "load") && !bench_team_load (argv[0], &error))
    {
      g_printerr ("sitrep-bench-team: %s\n", error->message);
      return 1;
    }

  return 0;
}
