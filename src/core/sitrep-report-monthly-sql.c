/* sitrep-report-monthly-sql.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sitrep-report.h"
#include "sitrep-report-monthly.h"

/*
 * The monthly analysis as SQL aggregates, which return counts and sums,
 * never incident rows. The month's incidents are read once, as a range of
 * an index on reported_at (the covering one of SITREP_MONTHLY_INDEX_SQL
 * when the database has it, else incidents_by_reported and the rows), into
 * a temporary table (in memory: a read-only connection may write its own
 * temporary tables) with each clock's met and due times and outcome; every
 * figure is then an aggregate over that table. The incidents resolved in
 * the month are counted on the index on resolved_at.
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
 * Parameters: ?1 the month's first second, ?2 the next month's, ?3 now.
 */

#define MONTH_TABLE "temp.sitrep_month"

#define MONTH_CTE \
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
  "      WHEN 'closed' THEN COALESCE (max (i.resolved_at, i.transferred_at)," \
  "                                   i.resolved_at, i.transferred_at, i.closed_at)" \
  "    END AS resolution_met," \
  "    CASE WHEN i.status IN ('new', 'acknowledged') THEN NULL" \
  "      ELSE i.recovered_at END AS recovered_vouched" \
  "  FROM incidents AS i CROSS JOIN policy AS p ON p.level = i.level" \
  "  WHERE i.reported_at >= ?1 AND i.reported_at < ?2" \
  "), r AS (" \
  "  SELECT *, COALESCE (min (recovered_vouched, resolution_met), recovered_vouched," \
  "                      resolution_met) AS recovery_met" \
  "  FROM m" \
  "), d AS (" \
  "  SELECT *, COALESCE (min (ack, recovery_met), ack, recovery_met) AS response_met," \
  "    rep + response_window AS response_due," \
  "    occ + recovery_window AS recovery_due," \
  "    rep + resolution_window AS resolution_due" \
  "  FROM r" \
  "), o AS (" \
  "  SELECT *," \
  "    " OUTCOME ("response") " AS response_outcome," \
  "    " OUTCOME ("recovery") " AS recovery_outcome," \
  "    " OUTCOME ("resolution") " AS resolution_outcome" \
  "  FROM d" \
  ")"

/* 0 met, 1 met late, 2 breached, 3 pending, 4 not applicable: the values
 * of SitrepClockOutcome. A met time is named once: the CTE's names stand
 * for their whole expressions, which SQLite evaluates at each mention. */
#define OUTCOME(c) \
  "COALESCE (" c "_met > " c "_due," \
  " CASE WHEN status = 'cancelled' THEN 4 WHEN ?3 >= " c "_due THEN 2 ELSE 3 END)"

G_STATIC_ASSERT (SITREP_CLOCK_OUTCOME_MET == 0);
G_STATIC_ASSERT (SITREP_CLOCK_OUTCOME_MET_LATE == 1);
G_STATIC_ASSERT (SITREP_CLOCK_OUTCOME_BREACHED == 2);
G_STATIC_ASSERT (SITREP_CLOCK_OUTCOME_PENDING == 3);
G_STATIC_ASSERT (SITREP_CLOCK_OUTCOME_NOT_APPLICABLE == 4);

#define OUTCOME_SUMS(c) \
  "sum (" c "_outcome = 0), sum (" c "_outcome = 1), sum (" c "_outcome = 2)," \
  " sum (" c "_outcome = 3), sum (" c "_outcome = 4)"

/* The initial notice falls due notice_window after the report; the
 * rectification notice on recovery, with the same window to send it in.
 * A level without a communication plan has a zero window. */
static const char sql_fill[] =
  "CREATE TEMP TABLE sitrep_month AS " MONTH_CTE
  " SELECT id, key_num, level, status, service, cause, channel, rep, occ,"
  "  initial_notice_at, rectification_notice_at, notice_window, recovered_vouched,"
  "  response_met, recovery_met, resolution_met, response_due, recovery_due, resolution_due,"
  "  response_outcome, recovery_outcome, resolution_outcome"
  " FROM o";

static const char sql_drop[] =
  "DROP TABLE IF EXISTS " MONTH_TABLE;

/* One row: no GROUP BY, whose sort of every row with all these sums'
 * arguments cost more than the sums. */
static const char sql_main[] =
  "SELECT count (*),"
  "  " OUTCOME_SUMS ("response") ","
  "  " OUTCOME_SUMS ("recovery") ","
  "  " OUTCOME_SUMS ("resolution") ","
  "  count (response_met), total (response_met - rep),"
  "  count (recovery_met), total (recovery_met - occ),"
  "  count (resolution_met), total (resolution_met - rep),"
  "  sum (notice_window > 0 AND initial_notice_at IS NOT NULL"
  "       AND initial_notice_at <= rep + notice_window),"
  "  sum (notice_window > 0 AND initial_notice_at > rep + notice_window),"
  "  sum (notice_window > 0 AND initial_notice_at IS NULL AND status <> 'cancelled'"
  "       AND ?3 >= rep + notice_window),"
  "  sum (notice_window > 0 AND recovered_vouched IS NOT NULL"
  "       AND rectification_notice_at IS NOT NULL"
  "       AND rectification_notice_at <= recovered_vouched + notice_window),"
  "  sum (notice_window > 0 AND recovered_vouched IS NOT NULL"
  "       AND rectification_notice_at > recovered_vouched + notice_window),"
  "  sum (notice_window > 0 AND recovered_vouched IS NOT NULL"
  "       AND rectification_notice_at IS NULL"
  "       AND ?3 >= recovered_vouched + notice_window)"
  " FROM " MONTH_TABLE;

static const char sql_groups[] =
  "SELECT level, cause, channel, count (*) FROM " MONTH_TABLE
  " GROUP BY level, cause, channel";

/* The nearest-rank percentile: the value at rank ?4 (from 0) counted from
 * the largest. A sort with a limit keeps only limit + offset rows, so the
 * 90th percentile is asked for from the top: a tenth of the values kept
 * instead of nine tenths. */
static const char *const sql_minutes_rank[SITREP_N_DEADLINES] = {
  "SELECT response_met - rep AS v FROM " MONTH_TABLE " WHERE v IS NOT NULL"
  " ORDER BY v DESC LIMIT 1 OFFSET ?4",
  "SELECT recovery_met - occ AS v FROM " MONTH_TABLE " WHERE v IS NOT NULL"
  " ORDER BY v DESC LIMIT 1 OFFSET ?4",
  "SELECT resolution_met - rep AS v FROM " MONTH_TABLE " WHERE v IS NOT NULL"
  " ORDER BY v DESC LIMIT 1 OFFSET ?4",
};

/* How far past due each clock was met, or is now; the longest per
 * incident. Not applicable and pending clocks have no breach. */
#define BREACH(c) \
  "(CASE WHEN " c "_outcome IN (1, 2) THEN COALESCE (" c "_met, ?3) - " c "_due" \
  " ELSE 0 END)"

static const char sql_breaches[] =
  "WITH b AS (SELECT key_num, level, " BREACH ("response") " AS b0,"
  "  " BREACH ("recovery") " AS b1, " BREACH ("resolution") " AS b2 FROM " MONTH_TABLE "),"
  " l AS (SELECT *, max (b0, b1, b2) AS longest FROM b WHERE longest > 0"
  "  ORDER BY longest DESC, key_num LIMIT ?4)"
  /* the titles of the few listed only */
  " SELECT l.key_num, i.title, l.level, b0, b1, b2, longest FROM l"
  " JOIN incidents AS i ON i.key_num = l.key_num ORDER BY longest DESC, l.key_num";

static const char sql_services[] =
  "SELECT service, count (*) AS n FROM " MONTH_TABLE
  " GROUP BY service ORDER BY n DESC, service LIMIT ?3";

/* Counts per quarter of an hour from the month's first second, which
 * compute_per_day() sorts into the desk's days: converting each row's time
 * to a local date in SQL costs more than the rest of the query, and every
 * time zone's offset changes by whole quarters of an hour. */
#define QUARTER (15 * 60)

static const char sql_reported_per_day[] =
  "SELECT (rep - ?1) / 900 AS q, count (*) FROM " MONTH_TABLE " GROUP BY q";

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
  "SELECT count (c.id), total (" VERDICT_SQL " = 1)"
  " FROM " MONTH_TABLE " AS i JOIN complaints AS c ON c.incident_id = i.id";

static gboolean
set_sql_error (sqlite3      *db,
               GError      **error)
{
  g_set_error (error, SITREP_REPORT_ERROR, SITREP_REPORT_ERROR_DATABASE,
               _("Could not compute the monthly analysis from “%s”: %s"),
               sqlite3_db_filename (db, "main") != NULL ? sqlite3_db_filename (db, "main") : "",
               sqlite3_errmsg (db));
  return FALSE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sql_error (db, error);
      return NULL;
    }

  return stmt;
}

static void
bind_month (sqlite3_stmt        *stmt,
            const SitrepMonthly *self)
{
  sqlite3_bind_int64 (stmt, 1, self->start);
  sqlite3_bind_int64 (stmt, 2, self->end);
}

static gboolean
finish (sqlite3       *db,
        sqlite3_stmt  *stmt,
        int            rc,
        GError       **error)
{
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_sql_error (db, error);
  return TRUE;
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
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

/* Reads the month's incidents into the temporary table. */
static gboolean
fill_month (sqlite3        *db,
            SitrepMonthly  *self,
            GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (sqlite3_exec (db, sql_drop, NULL, NULL, NULL) != SQLITE_OK)
    return set_sql_error (db, error);
  if ((stmt = prepare (db, sql_fill, error)) == NULL)
    return FALSE;
  bind_month (stmt, self);
  sqlite3_bind_int64 (stmt, 3, self->now);
  rc = sqlite3_step (stmt);

  return finish (db, stmt, rc, error);
}

static gboolean
compute_groups (sqlite3        *db,
                SitrepMonthly  *self,
                GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = prepare (db, sql_groups, error)) == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int level = sqlite3_column_int (stmt, 0);
      const char *cause = (const char *) sqlite3_column_text (stmt, 1);
      const char *channel = (const char *) sqlite3_column_text (stmt, 2);
      gint64 n = sqlite3_column_int64 (stmt, 3);

      if (level >= SITREP_LEVEL_MIN && level <= SITREP_LEVEL_MAX)
        self->by_level[level - 1] += n;
      add_count (self->by_cause, cause, n);
      add_count (self->by_channel, channel, n);
    }

  g_ptr_array_sort (self->by_cause, compare_counts);
  g_ptr_array_sort (self->by_channel, compare_counts);

  return finish (db, stmt, rc, error);
}

static gboolean
compute_main (sqlite3        *db,
              SitrepMonthly  *self,
              GError        **error)
{
  sqlite3_stmt *stmt;
  int rc, col = 1;

  if ((stmt = prepare (db, sql_main, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 3, self->now);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return finish (db, stmt, rc, error);

  self->reported = sqlite3_column_int64 (stmt, 0);

  for (guint clock = 0; clock < SITREP_N_DEADLINES; clock++)
    for (guint outcome = 0; outcome < SITREP_N_CLOCK_OUTCOMES; outcome++)
      self->clocks[clock][outcome] = sqlite3_column_int64 (stmt, col++);

  for (guint clock = 0; clock < SITREP_N_DEADLINES; clock++)
    {
      gint64 n = sqlite3_column_int64 (stmt, col++);
      double seconds = sqlite3_column_double (stmt, col++);

      self->minutes_count[clock] = n;
      self->minutes_mean[clock] = n > 0 ? seconds / 60.0 / (double) n : 0.0;
    }

  for (guint notice = 0; notice < 2; notice++)
    {
      gint64 on_time = sqlite3_column_int64 (stmt, col++);
      gint64 late = sqlite3_column_int64 (stmt, col++);
      gint64 not_sent = sqlite3_column_int64 (stmt, col++);

      self->notices_on_time += on_time;
      self->notices_late += late;
      self->notices_not_sent += not_sent;
      self->notices_due += on_time + late + not_sent;
    }

  return finish (db, stmt, rc, error);
}

static gboolean
compute_p90 (sqlite3        *db,
             SitrepMonthly  *self,
             GError        **error)
{
  for (guint clock = 0; clock < SITREP_N_DEADLINES; clock++)
    {
      gint64 n = self->minutes_count[clock];
      sqlite3_stmt *stmt;
      int rc;

      self->minutes_p90[clock] = 0.0;
      if (n == 0)
        continue;

      if ((stmt = prepare (db, sql_minutes_rank[clock], error)) == NULL)
        return FALSE;
      /* nearest rank: the smallest value with at least 90 % at or below,
       * at rank ceil (0.9 n) - 1 from the smallest */
      sqlite3_bind_int64 (stmt, 4, n - (gint64) ceil (0.9 * (double) n));

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        self->minutes_p90[clock] = sqlite3_column_double (stmt, 0) / 60.0;
      if (!finish (db, stmt, rc, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
compute_breaches (sqlite3        *db,
                  SitrepMonthly  *self,
                  GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = prepare (db, sql_breaches, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 3, self->now);
  sqlite3_bind_int (stmt, 4, SITREP_MONTHLY_LONGEST_BREACHES);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SitrepMonthlyBreach *breach = g_new0 (SitrepMonthlyBreach, 1);
      gint64 longest = sqlite3_column_int64 (stmt, 6);

      breach->key = g_strdup_printf ("INC-%" G_GINT64_FORMAT,
                                     (gint64) sqlite3_column_int64 (stmt, 0));
      breach->title = dup_column (stmt, 1);
      breach->level = sqlite3_column_int (stmt, 2);
      breach->seconds = longest;
      for (guint clock = 0; clock < SITREP_N_DEADLINES; clock++)
        if (sqlite3_column_int64 (stmt, 3 + (int) clock) == longest)
          {
            breach->clock = (SitrepDeadlineKind) clock;
            break;
          }
      g_ptr_array_add (self->longest_breaches, breach);
    }

  return finish (db, stmt, rc, error);
}

static gboolean
compute_services (sqlite3        *db,
                  SitrepMonthly  *self,
                  GError        **error)
{
  gint64 listed = 0;
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = prepare (db, sql_services, error)) == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 3, SITREP_MONTHLY_TOP_SERVICES);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 n = sqlite3_column_int64 (stmt, 1);

      add_count (self->by_service, (const char *) sqlite3_column_text (stmt, 0), n);
      listed += n;
    }

  if (!finish (db, stmt, rc, error))
    return FALSE;

  if (self->reported > listed)
    add_count (self->by_service, NULL, self->reported - listed);

  return TRUE;
}

static gboolean
compute_per_day (sqlite3        *db,
                 SitrepMonthly  *self,
                 const char     *sql,
                 gint64         *per_day,
                 GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = prepare (db, sql, error)) == NULL)
    return FALSE;
  bind_month (stmt, self);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 quarter = sqlite3_column_int64 (stmt, 0);
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (self->start + quarter * QUARTER);
      int day = dt != NULL ? g_date_time_get_day_of_month (dt) : 0;

      if (day >= 1 && day <= (int) self->n_days)
        per_day[day - 1] += sqlite3_column_int64 (stmt, 1);
    }

  return finish (db, stmt, rc, error);
}

static gboolean
compute_complaints (sqlite3        *db,
                    SitrepMonthly  *self,
                    GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = prepare (db, sql_complaints, error)) == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      self->complaints_received = sqlite3_column_int64 (stmt, 0);
      self->complaints_attributed = (gint64) sqlite3_column_double (stmt, 1);
    }

  return finish (db, stmt, rc, error);
}

/**
 * sitrep_monthly_compute_sql:
 * @db: a connection to a Sitrep database (read-only is enough)
 * @self: figures from sitrep_monthly_new(), still empty
 * @now: the moment to judge unmet clocks and notices at
 * @error: return location for a #GError
 *
 * Fills @self with SQL aggregates over the incidents reported in its month,
 * all read in one transaction so that the figures agree with each other.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_monthly_compute_sql (sqlite3        *db,
                            SitrepMonthly  *self,
                            gint64          now,
                            GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (self != NULL && self->reported == 0, FALSE);

  self->now = now;

  if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    return set_sql_error (db, error);

  ok = fill_month (db, self, error) &&
       compute_main (db, self, error) &&
       compute_groups (db, self, error) &&
       compute_p90 (db, self, error) &&
       compute_breaches (db, self, error) &&
       compute_services (db, self, error) &&
       compute_per_day (db, self, sql_reported_per_day, self->reported_per_day, error) &&
       compute_per_day (db, self, sql_resolved_per_day, self->resolved_per_day, error) &&
       compute_complaints (db, self, error);

  sqlite3_exec (db, sql_drop, NULL, NULL, NULL);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  return ok;
}
