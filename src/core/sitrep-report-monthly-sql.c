/* sitrep-report-monthly-sql.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sitrep-db-private.h"
#include "sitrep-report.h"
#include "sitrep-report-monthly.h"

/* sitrep-db.c: a connection without a handle yet, which
 * sitrep_monthly_compute_sql() lends a caller's SQLite handle */
SitrepDb *_sitrep_db_new (SitrepDbBackend backend);

/*
 * The monthly analysis. The month's incidents are read once, as a range
 * of an index on reported_at (the covering one of SITREP_MONTHLY_INDEX_SQL
 * when the database has it, else incidents_by_reported and the rows), into
 * a temporary table (in memory: a read-only connection may write its own
 * temporary tables) with each clock's met and due times, which SQL
 * derives; the table's rows are then read once more and every figure
 * about them (outcomes, sums, counts, percentiles, services, breaches, the
 * days) is counted in C in that one pass. The incidents resolved in the month are
 * counted on the index on resolved_at, the complaints by a join with the
 * table.
 *
 * The incidents are the outer loop of the join with the policy (CROSS
 * JOIN fixes the order in SQLite): with the sampled statistics that an
 * import leaves, the planner would otherwise start from the policy's
 * three levels and read every incident of each level through
 * incidents_by_level, a million rows scattered through the file (1-2.6 s
 * at a million incidents instead of 40,000 entries of one index).
 *
 * The CTE below restates the SLA engine's rules (sitrep-sla.c) in SQL:
 * a milestone counts only when the status vouches for it, a later
 * milestone meets the earlier clocks, and a cancelled incident owes
 * nothing it had not met when it was cancelled ("not applicable" here).
 * The test compares both on the same data.
 *
 * Parameters: ?1 the month's first second, ?2 the next month's.
 *
 * On a team database (PostgreSQL) the same CTE is spelt in PostgreSQL's
 * words (a plain JOIN, GREATEST and LEAST, which skip NULLs as the
 * COALESCEs do here) and read directly, without the temporary table: a
 * server plans the CTE once, and a read-only standby could not create
 * the table. Both give the same rows, so the same figures.
 */

#define MONTH_TABLE "temp.sitrep_month"

/* @join: how the policy is joined; @closed_met: a closed incident's
 * resolution; @recovery_met, @response_met: the earlier of two met
 * times, either of which may be NULL */
#define MONTH_CTE_WITH(join, closed_met, recovery_met, response_met) \
  "WITH m AS (" \
  "  SELECT i.id, i.key_num, i.level, i.status, i.service," \
  "    i.cause_category AS cause, i.reporter_channel AS channel," \
  "    i.reported_at AS rep, COALESCE (i.occurred_at, i.reported_at) AS occ," \
  "    i.acknowledged_at AS ack, i.recovered_at AS recovered," \
  "    i.initial_notice_at, i.rectification_notice_at," \
  "    p.response_min * 60 AS response_window," \
  "    p.recovery_min * 60 AS recovery_window," \
  "    p.resolution_min * 60 AS resolution_window," \
  "    p.initial_notice_min * 60 AS notice_window," \
  "    CASE i.status" \
  "      WHEN 'resolved' THEN i.resolved_at" \
  "      WHEN 'transferred' THEN i.transferred_at" \
  "      WHEN 'closed' THEN " closed_met \
  "    END AS resolution_met," \
  "    CASE WHEN i.status IN ('new', 'acknowledged') THEN NULL" \
  "      ELSE i.recovered_at END AS recovered_vouched" \
  "  FROM incidents AS i " join " policy AS p ON p.level = i.level" \
  "  WHERE i.reported_at >= ?1 AND i.reported_at < ?2" \
  "), r AS (" \
  "  SELECT *, " recovery_met " AS recovery_met" \
  "  FROM m" \
  "), d AS (" \
  "  SELECT *, " response_met " AS response_met," \
  "    rep + response_window AS response_due," \
  "    occ + recovery_window AS recovery_due," \
  "    rep + resolution_window AS resolution_due" \
  "  FROM r" \
  ")"

#define MONTH_CTE \
  MONTH_CTE_WITH ("CROSS JOIN", \
                  "COALESCE (max (i.resolved_at, i.transferred_at), i.resolved_at," \
                  " i.transferred_at, i.closed_at)", \
                  "COALESCE (min (recovered_vouched, resolution_met), recovered_vouched," \
                  " resolution_met)", \
                  "COALESCE (min (ack, recovery_met), ack, recovery_met)")

#define MONTH_CTE_PG \
  MONTH_CTE_WITH ("JOIN", \
                  "COALESCE (GREATEST (i.resolved_at, i.transferred_at), i.closed_at)", \
                  "LEAST (recovered_vouched, resolution_met)", \
                  "LEAST (ack, recovery_met)")

/* Each clock's outcome (SitrepClockOutcome) is derived from the met and
 * due times by count_clocks(), not here: in SQL each mention of a CTE's
 * name is its whole expression again (a met time nests the later ones),
 * and the outcomes mentioned every met time once more, about a quarter
 * of the fill's time.
 *
 * The initial notice falls due notice_window after the report; the
 * rectification notice on recovery, with the same window to send it in.
 * A level without a communication plan has a zero window. */
static const char sql_fill[] =
  "CREATE TEMP TABLE sitrep_month AS " MONTH_CTE
  " SELECT id, key_num, level, status, service, cause, channel, rep, occ,"
  "  initial_notice_at, rectification_notice_at, notice_window, recovered_vouched,"
  "  response_met, recovery_met, resolution_met, response_due, recovery_due, resolution_due"
  " FROM d";

static const char sql_drop[] =
  "DROP TABLE IF EXISTS " MONTH_TABLE;

/* Every figure of the month's own rows comes from one read of the
 * temporary table, summed in C: one statement per figure (the sums, the
 * counts per level, cause and channel, three sorted percentiles, the
 * services, the breaches, the per-day counts) read the same rows eight
 * times over, each pass costing more in SQLite's evaluation of its
 * expressions than the whole of the C below. */
#define ROW_COLUMNS \
  "level, cause, channel, service, CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END," \
  "  key_num, rep, occ, initial_notice_at, rectification_notice_at, notice_window," \
  "  recovered_vouched, response_met, recovery_met, resolution_met," \
  "  response_due, recovery_due, resolution_due"

static const char sql_rows[] =
  "SELECT " ROW_COLUMNS " FROM " MONTH_TABLE;

static const char sql_rows_pg[] =
  MONTH_CTE_PG " SELECT " ROW_COLUMNS " FROM d";

enum
{
  COL_LEVEL,
  COL_CAUSE,
  COL_CHANNEL,
  COL_SERVICE,
  COL_CANCELLED,
  COL_KEY_NUM,
  COL_REP,
  COL_OCC,
  COL_INITIAL_NOTICE,
  COL_RECTIFICATION_NOTICE,
  COL_NOTICE_WINDOW,
  COL_RECOVERED_VOUCHED,
  COL_MET,                              /* one per clock */
  COL_DUE = COL_MET + SITREP_N_DEADLINES,
};

/* the titles of the few longest breaches listed */
static const char sql_title[] =
  "SELECT title FROM incidents WHERE key_num = ?1";

/* Counts per quarter of an hour from the month's first second, which
 * compute_per_day() sorts into the desk's days: converting each row's time
 * to a local date in SQL costs more than the rest of the query, and every
 * time zone's offset changes by whole quarters of an hour. */
#define QUARTER (15 * 60)

static const char sql_resolved_per_day[] =
  "SELECT (resolved_at - ?1) / 900 AS q, count (*) FROM incidents"
  " WHERE resolved_at >= ?1 AND resolved_at < ?2 GROUP BY q";

G_STATIC_ASSERT (QUARTER == 900);

/* A complaint's verdict as a SitrepVerdict value (the column holds its
 * nick). */
#define VERDICT_SQL \
  "(CASE c.verdict WHEN 'attributed' THEN 1 WHEN 'not-attributed' THEN 2 ELSE 0 END)"

G_STATIC_ASSERT (SITREP_COMPLAINT_VERDICT_NOT_ANALYSED == 0);
G_STATIC_ASSERT (SITREP_COMPLAINT_VERDICT_ATTRIBUTED == 1);
G_STATIC_ASSERT (SITREP_COMPLAINT_VERDICT_NOT_ATTRIBUTED == 2);

static const char sql_complaints[] =
  "SELECT count (c.id), count (CASE WHEN " VERDICT_SQL " = 1 THEN 1 END)"
  " FROM " MONTH_TABLE " AS i JOIN complaints AS c ON c.incident_id = i.id";

static const char sql_complaints_pg[] =
  MONTH_CTE_PG " SELECT count (c.id), count (CASE WHEN " VERDICT_SQL " = 1 THEN 1 END)"
  " FROM d AS i JOIN complaints AS c ON c.incident_id = i.id";

/* What one computation reads through: the connection, and the name of
 * the database for messages. */
typedef struct
{
  SitrepDb   *db;
  const char *name;
  gboolean    team;
} Source;

/* @db_error: the connection's failure, from sitrep_db_set_error() */
static gboolean
set_sql_error (const Source  *source,
               const GError  *db_error,
               GError       **error)
{
  g_set_error (error, SITREP_REPORT_ERROR, SITREP_REPORT_ERROR_DATABASE,
               _("Could not compute the monthly analysis from “%s”: %s"),
               source->name, db_error != NULL ? db_error->message : "");
  return FALSE;
}

static SitrepDbStmt *
prepare (const Source  *source,
         const char    *sql,
         GError       **error)
{
  g_autoptr(GError) db_error = NULL;
  SitrepDbStmt *stmt = sitrep_db_prepare (source->db, sql, &db_error);

  if (stmt == NULL)
    set_sql_error (source, db_error, error);

  return stmt;
}

static gboolean
exec (const Source  *source,
      const char    *sql,
      GError       **error)
{
  g_autoptr(GError) db_error = NULL;

  if (!sitrep_db_exec (source->db, sql, &db_error))
    return set_sql_error (source, db_error, error);
  return TRUE;
}

static void
bind_month (SitrepDbStmt        *stmt,
            const SitrepMonthly *self)
{
  sitrep_db_bind_int64 (stmt, 1, self->start);
  sitrep_db_bind_int64 (stmt, 2, self->end);
}

static gboolean
finish (const Source  *source,
        SitrepDbStmt  *stmt,
        int            rc,
        GError       **error)
{
  gboolean ok = rc == SITREP_DB_DONE || rc == SITREP_DB_ROW;

  if (!ok)
    {
      g_autoptr(GError) db_error = NULL;

      sitrep_db_set_error (source->db, rc, &db_error);
      set_sql_error (source, db_error, error);
    }
  sitrep_db_finalize (stmt);

  return ok;
}

static char *
dup_column (SitrepDbStmt *stmt,
            int           column)
{
  return g_strdup (sitrep_db_column_text (stmt, column));
}

static void
add_count (GPtrArray  *counts,
           const char *name,
           gint64      n)
{
  SitrepMonthlyCount *count;

  for (guint i = 0; i < counts->len; i++)
    {
      count = g_ptr_array_index (counts, i);
      if (g_strcmp0 (count->name, name) == 0)
        {
          count->count += n;
          return;
        }
    }

  count = g_new0 (SitrepMonthlyCount, 1);
  count->name = g_strdup (name);
  count->count = n;
  g_ptr_array_add (counts, count);
}

/* Largest first; equal counts by name, so that the order is stable. */
static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const SitrepMonthlyCount *ca = *(SitrepMonthlyCount * const *) a;
  const SitrepMonthlyCount *cb = *(SitrepMonthlyCount * const *) b;

  if (ca->count != cb->count)
    return ca->count > cb->count ? -1 : 1;
  return g_strcmp0 (ca->name, cb->name);
}

/* Reads the month's incidents into the temporary table (a desk's file
 * only: a team database reads the CTE directly). */
static gboolean
fill_month (const Source   *source,
            SitrepMonthly  *self,
            GError        **error)
{
  SitrepDbStmt *stmt;

  if (!exec (source, sql_drop, error))
    return FALSE;
  if ((stmt = prepare (source, sql_fill, error)) == NULL)
    return FALSE;
  bind_month (stmt, self);

  return finish (source, stmt, sitrep_db_step (stmt), error);
}

/* One incident past due on at least one clock, before the longest few are
 * chosen. */
typedef struct
{
  gint64 key_num;
  int    level;
  gint64 seconds[SITREP_N_DEADLINES];
  gint64 longest;
} Breach;

/* What the read of the month's rows collects beside the plain counts. */
typedef struct
{
  GArray     *minutes[SITREP_N_DEADLINES];  /* gint64: seconds to each clock's met time */
  GHashTable *services;                     /* service → gint64 *count */
  GArray     *breaches;                     /* Breach */
  gint64     *per_quarter;                  /* reported per quarter of an hour */
  gsize       n_quarters;
} MonthPass;

static void
month_pass_clear (MonthPass *pass)
{
  for (guint clock = 0; clock < SITREP_N_DEADLINES; clock++)
    g_clear_pointer (&pass->minutes[clock], g_array_unref);
  g_clear_pointer (&pass->services, g_hash_table_unref);
  g_clear_pointer (&pass->breaches, g_array_unref);
  g_clear_pointer (&pass->per_quarter, g_free);
}

static gboolean
column_is_null (SitrepDbStmt *stmt,
                int           column)
{
  return sitrep_db_column_is_null (stmt, column);
}

/* Counts a quarter of an hour's incidents on the desk's day it falls in,
 * in @local, the desk's time zone: looked up once, as GLib may read the
 * zone's file again for every g_date_time_new_from_unix_local(). */
static void
add_to_day (SitrepMonthly *self,
            GTimeZone     *local,
            gint64        *per_day,
            gint64         quarter,
            gint64         n)
{
  gint64 at = self->start + quarter * QUARTER;
  int interval = g_time_zone_find_interval (local, G_TIME_TYPE_UNIVERSAL, at);
  g_autoptr(GDateTime) dt = NULL;
  int day;

  if (interval >= 0)
    at += g_time_zone_get_offset (local, interval);
  dt = g_date_time_new_from_unix_utc (at);
  day = dt != NULL ? g_date_time_get_day_of_month (dt) : 0;

  if (day >= 1 && day <= (int) self->n_days)
    per_day[day - 1] += n;
}

/* The notices of one incident: the initial one, due notice_window after
 * the report, and the rectification one, due as long after recovery. */
static void
count_notices (SitrepMonthly *self,
               SitrepDbStmt  *stmt)
{
  gint64 window = sitrep_db_column_int64 (stmt, COL_NOTICE_WINDOW);
  gint64 rep = sitrep_db_column_int64 (stmt, COL_REP);
  gint64 recovered, sent;

  if (window <= 0)
    return;

  if (!column_is_null (stmt, COL_INITIAL_NOTICE))
    {
      sent = sitrep_db_column_int64 (stmt, COL_INITIAL_NOTICE);
      if (sent <= rep + window)
        self->notices_on_time++;
      else
        self->notices_late++;
    }
  else if (!sitrep_db_column_int (stmt, COL_CANCELLED) && self->now >= rep + window)
    {
      self->notices_not_sent++;
    }

  if (column_is_null (stmt, COL_RECOVERED_VOUCHED))
    return;
  recovered = sitrep_db_column_int64 (stmt, COL_RECOVERED_VOUCHED);
  if (!column_is_null (stmt, COL_RECTIFICATION_NOTICE))
    {
      sent = sitrep_db_column_int64 (stmt, COL_RECTIFICATION_NOTICE);
      if (sent <= recovered + window)
        self->notices_on_time++;
      else
        self->notices_late++;
    }
  else if (self->now >= recovered + window)
    {
      self->notices_not_sent++;
    }
}

/* Each clock's outcome, the time to its met time and how far past due it
 * was met (or is now); the longest breach is kept for the list. Not
 * applicable and pending clocks have no breach. */
static void
count_clocks (SitrepMonthly *self,
              MonthPass     *pass,
              SitrepDbStmt  *stmt)
{
  gboolean cancelled = sitrep_db_column_int (stmt, COL_CANCELLED);
  Breach breach = { 0 };

  for (guint clock = 0; clock < SITREP_N_DEADLINES; clock++)
    {
      gboolean met = !column_is_null (stmt, COL_MET + (int) clock);
      gint64 met_at = sitrep_db_column_int64 (stmt, COL_MET + (int) clock);
      gint64 due = sitrep_db_column_int64 (stmt, COL_DUE + (int) clock);
      SitrepClockOutcome outcome;

      /* a cancelled incident owes nothing it had not met */
      if (met)
        outcome = met_at > due ? SITREP_CLOCK_OUTCOME_MET_LATE : SITREP_CLOCK_OUTCOME_MET;
      else if (cancelled)
        outcome = SITREP_CLOCK_OUTCOME_NOT_APPLICABLE;
      else if (self->now >= due)
        outcome = SITREP_CLOCK_OUTCOME_BREACHED;
      else
        outcome = SITREP_CLOCK_OUTCOME_PENDING;
      self->clocks[clock][outcome]++;

      if (met)
        {
          /* recovery is measured from the occurrence, the others from the report */
          gint64 from = sitrep_db_column_int64 (stmt, clock == SITREP_DEADLINE_RECOVERY
                                                    ? COL_OCC : COL_REP);
          gint64 seconds = met_at - from;

          g_array_append_val (pass->minutes[clock], seconds);
        }

      if (outcome == SITREP_CLOCK_OUTCOME_MET_LATE || outcome == SITREP_CLOCK_OUTCOME_BREACHED)
        breach.seconds[clock] = (met ? met_at : self->now) - due;
      if (clock == 0 || breach.seconds[clock] > breach.longest)
        breach.longest = breach.seconds[clock];
    }

  if (breach.longest > 0)
    {
      breach.key_num = sitrep_db_column_int64 (stmt, COL_KEY_NUM);
      breach.level = sitrep_db_column_int (stmt, COL_LEVEL);
      g_array_append_val (pass->breaches, breach);
    }
}

static void
count_row (SitrepMonthly *self,
           MonthPass     *pass,
           SitrepDbStmt  *stmt)
{
  int level = sitrep_db_column_int (stmt, COL_LEVEL);
  const char *service = sitrep_db_column_text (stmt, COL_SERVICE);
  gint64 quarter = (sitrep_db_column_int64 (stmt, COL_REP) - self->start) / QUARTER;
  gint64 *n;

  self->reported++;
  if (level >= SITREP_LEVEL_MIN && level <= SITREP_LEVEL_MAX)
    self->by_level[level - 1]++;
  add_count (self->by_cause, sitrep_db_column_text (stmt, COL_CAUSE), 1);
  add_count (self->by_channel, sitrep_db_column_text (stmt, COL_CHANNEL), 1);

  /* the service is NOT NULL in the schema */
  n = g_hash_table_lookup (pass->services, service != NULL ? service : "");
  if (n == NULL)
    {
      n = g_new0 (gint64, 1);
      g_hash_table_insert (pass->services, g_strdup (service != NULL ? service : ""), n);
    }
  (*n)++;

  if (quarter >= 0 && (gsize) quarter < pass->n_quarters)
    pass->per_quarter[quarter]++;

  count_clocks (self, pass, stmt);
  count_notices (self, stmt);
}

static int
compare_seconds (gconstpointer a,
                 gconstpointer b)
{
  gint64 sa = *(const gint64 *) a;
  gint64 sb = *(const gint64 *) b;

  return sa < sb ? -1 : sa > sb;
}

/* Longest first; equal ones by key. */
static int
compare_breaches (gconstpointer a,
                  gconstpointer b)
{
  const Breach *ba = a;
  const Breach *bb = b;

  if (ba->longest != bb->longest)
    return ba->longest > bb->longest ? -1 : 1;
  return ba->key_num < bb->key_num ? -1 : ba->key_num > bb->key_num;
}

/* The mean and the nearest-rank 90th percentile of each clock's times:
 * the smallest value with at least 90 % of them at or below it. */
static void
finish_minutes (SitrepMonthly *self,
                MonthPass     *pass)
{
  for (guint clock = 0; clock < SITREP_N_DEADLINES; clock++)
    {
      GArray *values = pass->minutes[clock];
      gint64 n = values->len;
      gint64 total = 0;

      for (guint i = 0; i < values->len; i++)
        total += g_array_index (values, gint64, i);

      self->minutes_count[clock] = n;
      self->minutes_mean[clock] = n > 0 ? (double) total / 60.0 / (double) n : 0.0;
      self->minutes_p90[clock] = 0.0;
      if (n == 0)
        continue;

      g_array_sort (values, compare_seconds);
      self->minutes_p90[clock] =
        (double) g_array_index (values, gint64, (guint) ceil (0.9 * (double) n) - 1) / 60.0;
    }
}

/* Services by count, largest first, equal counts by name as SQLite
 * compares text; the rest summed as "other". */
static int
compare_service_counts (gconstpointer a,
                        gconstpointer b)
{
  const SitrepMonthlyCount *ca = *(SitrepMonthlyCount * const *) a;
  const SitrepMonthlyCount *cb = *(SitrepMonthlyCount * const *) b;

  if (ca->count != cb->count)
    return ca->count > cb->count ? -1 : 1;
  return strcmp (ca->name, cb->name);
}

static void
finish_services (SitrepMonthly *self,
                 MonthPass     *pass)
{
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer name, n;
  gint64 listed = 0;

  g_hash_table_iter_init (&iter, pass->services);
  while (g_hash_table_iter_next (&iter, &name, &n))
    {
      SitrepMonthlyCount *count = g_new0 (SitrepMonthlyCount, 1);

      /* borrowed from the hash table, which outlives the array */
      count->name = name;
      count->count = *(gint64 *) n;
      g_ptr_array_add (services, count);
    }
  g_ptr_array_sort (services, compare_service_counts);

  for (guint i = 0; i < services->len && i < SITREP_MONTHLY_TOP_SERVICES; i++)
    {
      SitrepMonthlyCount *count = g_ptr_array_index (services, i);

      add_count (self->by_service, count->name, count->count);
      listed += count->count;
    }

  if (self->reported > listed)
    add_count (self->by_service, NULL, self->reported - listed);
}

static gboolean
finish_breaches (const Source   *source,
                 SitrepMonthly  *self,
                 MonthPass      *pass,
                 GError        **error)
{
  SitrepDbStmt *stmt;

  g_array_sort (pass->breaches, compare_breaches);
  if ((stmt = prepare (source, sql_title, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < pass->breaches->len && i < SITREP_MONTHLY_LONGEST_BREACHES; i++)
    {
      const Breach *b = &g_array_index (pass->breaches, Breach, i);
      SitrepMonthlyBreach *breach;
      int rc;

      sitrep_db_reset (stmt);
      sitrep_db_bind_int64 (stmt, 1, b->key_num);
      rc = sitrep_db_step (stmt);
      if (rc == SITREP_DB_DONE)
        continue;
      if (rc != SITREP_DB_ROW)
        return finish (source, stmt, rc, error);

      breach = g_new0 (SitrepMonthlyBreach, 1);
      breach->key = g_strdup_printf ("INC-%" G_GINT64_FORMAT, b->key_num);
      breach->title = dup_column (stmt, 0);
      breach->level = b->level;
      breach->seconds = b->longest;
      for (guint clock = 0; clock < SITREP_N_DEADLINES; clock++)
        if (b->seconds[clock] == b->longest)
          {
            breach->clock = (SitrepDeadlineKind) clock;
            break;
          }
      g_ptr_array_add (self->longest_breaches, breach);
    }

  return finish (source, stmt, SITREP_DB_DONE, error);
}

/* Reads the month's rows once and derives every figure about them. */
static gboolean
compute_month (const Source   *source,
               SitrepMonthly  *self,
               GError        **error)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  MonthPass pass = { 0 };
  SitrepDbStmt *stmt;
  gboolean ok;
  int rc;

  if ((stmt = prepare (source, source->team ? sql_rows_pg : sql_rows, error)) == NULL)
    return FALSE;
  if (source->team)
    bind_month (stmt, self);

  for (guint clock = 0; clock < SITREP_N_DEADLINES; clock++)
    pass.minutes[clock] = g_array_new (FALSE, FALSE, sizeof (gint64));
  pass.services = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  pass.breaches = g_array_new (FALSE, FALSE, sizeof (Breach));
  pass.n_quarters = (gsize) ((self->end - self->start) / QUARTER + 1);
  pass.per_quarter = g_new0 (gint64, pass.n_quarters);

  while ((rc = sitrep_db_step (stmt)) == SITREP_DB_ROW)
    count_row (self, &pass, stmt);

  ok = finish (source, stmt, rc, error);
  if (ok)
    {
      self->notices_due = self->notices_on_time + self->notices_late + self->notices_not_sent;
      g_ptr_array_sort (self->by_cause, compare_counts);
      g_ptr_array_sort (self->by_channel, compare_counts);
      finish_minutes (self, &pass);
      finish_services (self, &pass);
      for (gsize q = 0; q < pass.n_quarters; q++)
        if (pass.per_quarter[q] > 0)
          add_to_day (self, local, self->reported_per_day, (gint64) q, pass.per_quarter[q]);
      ok = finish_breaches (source, self, &pass, error);
    }

  month_pass_clear (&pass);
  return ok;
}

static gboolean
compute_resolved_per_day (const Source   *source,
                          SitrepMonthly  *self,
                          GError        **error)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  SitrepDbStmt *stmt;
  int rc;

  if ((stmt = prepare (source, sql_resolved_per_day, error)) == NULL)
    return FALSE;
  bind_month (stmt, self);

  while ((rc = sitrep_db_step (stmt)) == SITREP_DB_ROW)
    add_to_day (self, local, self->resolved_per_day, sitrep_db_column_int64 (stmt, 0),
                sitrep_db_column_int64 (stmt, 1));

  return finish (source, stmt, rc, error);
}

static gboolean
compute_complaints (const Source   *source,
                    SitrepMonthly  *self,
                    GError        **error)
{
  SitrepDbStmt *stmt;
  int rc;

  if ((stmt = prepare (source, source->team ? sql_complaints_pg : sql_complaints, error))
      == NULL)
    return FALSE;
  if (source->team)
    bind_month (stmt, self);

  rc = sitrep_db_step (stmt);
  if (rc == SITREP_DB_ROW)
    {
      self->complaints_received = sitrep_db_column_int64 (stmt, 0);
      self->complaints_attributed = sitrep_db_column_int64 (stmt, 1);
    }

  return finish (source, stmt, rc, error);
}

/**
 * sitrep_monthly_compute_db:
 * @db: a connection to a Sitrep database, a desk's file or a team
 *   database (reading is enough)
 * @name: the database's name for messages: its file, or the team
 *   database's name without the password
 * @self: figures from sitrep_monthly_new(), still empty
 * @now: the moment to judge unmet clocks and notices at
 * @error: return location for a #GError
 *
 * Fills @self with SQL aggregates over the incidents reported in its month,
 * all read in one transaction (on a server, of repeatable read) so that
 * the figures agree with each other. Both engines give the same figures
 * for the same data.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_monthly_compute_db (SitrepDb       *db,
                           const char     *name,
                           SitrepMonthly  *self,
                           gint64          now,
                           GError        **error)
{
  Source source = { db, name != NULL ? name : "", FALSE };
  gboolean ok;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (self != NULL && self->reported == 0, FALSE);

  source.team = sitrep_db_get_backend (db) == SITREP_DB_POSTGRESQL;
  self->now = now;

  if (!exec (&source, source.team ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                                  : "BEGIN", error))
    return FALSE;

  ok = (source.team || fill_month (&source, self, error)) &&
       compute_month (&source, self, error) &&
       compute_resolved_per_day (&source, self, error) &&
       compute_complaints (&source, self, error);

  if (!source.team)
    sitrep_db_exec (db, sql_drop, NULL);
  /* a failed statement ends a server's transaction: roll it back */
  if (ok)
    sitrep_db_exec (db, "COMMIT", NULL);
  else
    sitrep_db_rollback (db);

  return ok;
}

/**
 * sitrep_monthly_compute_sql:
 * @db: a bare SQLite connection to a Sitrep database file (read-only is
 *   enough), as the benchmarks open one
 * @self: figures from sitrep_monthly_new(), still empty
 * @now: the moment to judge unmet clocks and notices at
 * @error: return location for a #GError
 *
 * Like sitrep_monthly_compute_db(), on a connection that the caller opened
 * with SQLite itself and keeps.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_monthly_compute_sql (sqlite3        *db,
                            SitrepMonthly  *self,
                            gint64          now,
                            GError        **error)
{
  SitrepDb *borrowed;
  const char *name;
  gboolean ok;

  g_return_val_if_fail (db != NULL, FALSE);

  /* the caller's handle, lent for the computation: taken back before the
   * wrapper is closed, so that it stays open */
  borrowed = _sitrep_db_new (SITREP_DB_SQLITE);
  borrowed->handle = db;
  name = sqlite3_db_filename (db, "main");
  ok = sitrep_monthly_compute_db (borrowed, name, self, now, error);
  borrowed->handle = NULL;
  sitrep_db_close (borrowed);

  return ok;
}
