/* test-store-query.c: the store: the ticket list's queries
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "test-store-common.h"

static void
test_query (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a, b, c, d, e;

  /* a: level 1, Ann's; b: level 2; c: level 3, closed; d: level 2, cancelled;
   * e: level 3, open */
  a = create (f->store, "Mail server down", "mail", 1, T0 - 300);
  b = create (f->store, "Web shop slow (db-01)", "web", 2, T0 - 240);
  c = create (f->store, "VPN question", "vpn", 3, T0 - 3600);
  d = create (f->store, "Duplicate of mail", "mail", 2, T0 - 200);
  e = create (f->store, "Printer jam", "office", 3, T0 - 100);

  g_assert_true (sitrep_store_set_owner (f->store, a, "Ann", "Ann", &error));
  g_assert_true (sitrep_store_set_owner (f->store, b, "Bob", "Ann", &error));
  g_assert_true (sitrep_store_transition (f->store, c, SITREP_TRANSITION_ACKNOWLEDGE,
                                          T0 - 3000, "Ann", NULL, NULL, &error));
  g_assert_true (sitrep_store_transition (f->store, c, SITREP_TRANSITION_RECOVER,
                                          T0 - 2000, "Ann", NULL, NULL, &error));
  g_assert_true (sitrep_store_transition (f->store, c, SITREP_TRANSITION_RESOLVE,
                                          T0 - 1000, "Ann", "cause analysed later", NULL,
                                          &error));
  g_assert_true (sitrep_store_transition (f->store, c, SITREP_TRANSITION_CLOSE,
                                          T0 - 900, "Ann", NULL, NULL, &error));
  g_assert_true (sitrep_store_transition (f->store, d, SITREP_TRANSITION_CANCEL,
                                          SITREP_TIME_NONE, "Ann", "duplicate", NULL, &error));
  g_assert_true (sitrep_store_add_note (f->store, c, SITREP_TIME_NONE, "Ann", SITREP_TAG_NONE,
                                        "Customer asked about the SSL certificate", &error));
  g_assert_no_error (error);

  /* filters, sorted by next due: a's response is due first (T0 + 300),
   * then b's (T0 + 1560), then e's (T0 + 3500) */
  {
    const gint64 expected[] = { a, b, e };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_OPEN,
                                       SITREP_LIST_SORT_NEXT_DUE, NULL);
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }
  {
    const gint64 expected[] = { a };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_MINE,
                                       SITREP_LIST_SORT_NEXT_DUE, NULL);
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }
  {
    const gint64 expected[] = { a };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_LEVEL_1,
                                       SITREP_LIST_SORT_NEXT_DUE, NULL);
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }
  {
    const gint64 expected[] = { b };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_LEVEL_2,
                                       SITREP_LIST_SORT_NEXT_DUE, NULL);
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }
  {
    const gint64 expected[] = { e };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_LEVEL_3,
                                       SITREP_LIST_SORT_NEXT_DUE, NULL);
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }
  {
    /* open first by next due, then the closed ones by report time */
    const gint64 expected[] = { a, b, e, c, d };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                       SITREP_LIST_SORT_NEXT_DUE, NULL);
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }

  /* at risk: a's response warns at T0 - 300 + 450 */
  {
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_AT_RISK,
                                       SITREP_LIST_SORT_NEXT_DUE, NULL);
    g_assert_cmpuint (ids->len, ==, 0);
  }
  sitrep_clock_set_now (f->clock, T0 + 150);
  {
    const gint64 expected[] = { a };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_AT_RISK,
                                       SITREP_LIST_SORT_NEXT_DUE, NULL);
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }

  /* sorts */
  {
    const gint64 expected[] = { e, d, b, a, c };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                       SITREP_LIST_SORT_NEWEST, NULL);
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }
  {
    const gint64 expected[] = { a, b, d, e, c };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                       SITREP_LIST_SORT_LEVEL, NULL);
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }
  {
    const gint64 expected[] = { e, d, c, b, a };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                       SITREP_LIST_SORT_KEY, NULL);
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }

  /* text */
  {
    static const struct {
      const char *text;
      int         n;
      int         first;   /* index into ids[] */
    } cases[] = {
      { "mail",                 2, 0 },   /* a, d (title or service) */
      { "MAIL server",          1, 0 },
      { "serve",                1, 0 },   /* prefixes */
      { "db-01",                1, 1 },
      { "(db-0",                1, 1 },
      { "ssl",                  1, 2 },   /* the timeline */
      { "INC-5",                1, 4 },   /* a key */
      { "printer OR vpn",       0, 0 },   /* words, not operators */
      { "\"unbalanced",         0, 0 },
      { "NEAR(mail",            0, 0 },
      { "mail*^:-",             2, 0 },
      { "   ",                  5, 0 },   /* nothing to search: no filter */
      { "\"*\" - ^ :",          5, 0 },
      { "prïnter",              1, 4 },   /* diacritics are folded */
    };
    const gint64 ids[] = { a, b, c, d, e };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GArray) found = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                             SITREP_LIST_SORT_KEY, cases[i].text);

        g_test_message ("search “%s”", cases[i].text);
        g_assert_cmpuint (found->len, ==, cases[i].n);
        if (cases[i].n == 1)
          g_assert_cmpint (g_array_index (found, gint64, 0), ==, ids[cases[i].first]);
      }
  }

  /* text and filter together */
  {
    const gint64 expected[] = { a };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_OPEN,
                                       SITREP_LIST_SORT_NEXT_DUE, "mail");
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }

  /* changed details are found under their new words only (a long text
   * is not repeated in the timeline) */
  g_assert_true (sitrep_store_set_field (f->store, e, "details", "The fan is broken", "Ann",
                                         &error));
  g_assert_no_error (error);
  {
    const gint64 expected[] = { e };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                       SITREP_LIST_SORT_KEY, "fan");
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }
  g_assert_true (sitrep_store_set_field (f->store, e, "details", "Out of toner", "Ann",
                                         &error));
  g_assert_no_error (error);
  {
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                       SITREP_LIST_SORT_KEY, "fan");
    g_assert_cmpuint (ids->len, ==, 0);
  }
  {
    const gint64 expected[] = { e };
    g_autoptr(GArray) ids = run_query (f->store, SITREP_LIST_FILTER_ALL,
                                       SITREP_LIST_SORT_KEY, "toner");
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }

  {
    g_autoptr(GArray) all = sitrep_store_list_all_ids (f->store, &error);
    const gint64 expected[] = { a, b, c, d, e };

    g_assert_no_error (error);
    assert_ids (all, expected, G_N_ELEMENTS (expected));
  }

  /* what a status report lists: neither closed (c) nor cancelled (d) */
  {
    g_autoptr(GArray) unfinished = sitrep_store_list_unfinished_ids (f->store, &error);
    const gint64 expected[] = { e, b, a };

    g_assert_no_error (error);
    assert_ids (unfinished, expected, G_N_ELEMENTS (expected));
  }
  assert_search_index_sound (f->path);
}

/* Each page is the matching slice of the full list, for every filter, sort
 * and search. */
static void
test_query_page (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char *texts[] = { NULL, "mail", "INC-3", "nothing-matches" };

  for (guint i = 0; i < 23; i++)
    {
      g_autofree char *title = g_strdup_printf ("%s problem %u", i % 3 ? "Web" : "Mail", i);
      gint64 id = create (f->store, title, "mail", 1 + i % 3, T0 - 100 * (gint64) i);

      if (i % 4 == 0)
        g_assert_true (sitrep_store_set_owner (f->store, id, "Ann", "Ann", &error));
      if (i % 5 == 0)
        g_assert_true (sitrep_store_transition (f->store, id, SITREP_TRANSITION_CANCEL,
                                                SITREP_TIME_NONE, "Ann", "Duplicate", NULL,
                                                &error));
      g_assert_no_error (error);
    }

  for (int filter = SITREP_LIST_FILTER_OPEN; filter <= SITREP_LIST_FILTER_ALL; filter++)
    for (int sort = SITREP_LIST_SORT_NEXT_DUE; sort <= SITREP_LIST_SORT_KEY; sort++)
      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          g_autoptr(GArray) all = run_query (f->store, filter, sort, texts[t]);
          SitrepQuery query = { filter, sort, texts[t], "Ann" };
          static const guint pages[][2] = { { 0, 5 }, { 5, 5 }, { 3, 100 }, { 100, 5 },
                                            { 0, 0 } };

          for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
            {
              guint offset = pages[p][0];
              guint limit = pages[p][1];
              g_autoptr(GArray) page = sitrep_store_query_page (f->store, &query, offset, limit,
                                                                &error);
              guint expected = offset < all->len ? MIN (limit, all->len - offset) : 0;

              g_assert_no_error (error);
              g_assert_cmpuint (page->len, ==, expected);
              for (guint k = 0; k < page->len; k++)
                g_assert_cmpint (g_array_index (page, gint64, k), ==,
                                 g_array_index (all, gint64, offset + k));
            }
        }
}

/* The window's "no incidents yet" page asks this of a database of any
 * size. */
static void
test_has_incidents (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sitrep_store_has_incidents (f->store, &error));
  g_assert_no_error (error);

  create (f->store, "Mail server down", "mail", 1, T0 - 300);
  create (f->store, "Printer jam", "office", 3, T0 - 100);
  g_assert_true (sitrep_store_has_incidents (f->store, &error));
  g_assert_no_error (error);
}

/* What the sampled ANALYZE of an import left on the window benchmark's
 * database of a million incidents, 35,152 of them awaiting closure and
 * about 70,000 unfinished. */
static const char large_statistics[] =
  "DELETE FROM sqlite_stat1 WHERE tbl = 'incidents';"
  "INSERT INTO sqlite_stat1 VALUES"
  " ('incidents', 'incidents_by_resolved', '862680 1'),"
  " ('incidents', 'incidents_monthly', '1127000 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1'),"
  " ('incidents', 'incidents_search_keys', '1331748 1 1 1 1 1 1 1'),"
  " ('incidents', 'incidents_unfinished_by_key', '83288 1'),"
  " ('incidents', 'incidents_open_by_alert', '34200 4'),"
  " ('incidents', 'incidents_open_by_owner', '26000 1001 1001 1 1'),"
  " ('incidents', 'incidents_open_by_key', '17286 1 1 1 1'),"
  " ('incidents', 'incidents_open_by_reported', '18328 1 1 1 1 1'),"
  " ('incidents', 'incidents_open_by_level', '19350 1001 1001 1 1 1 1'),"
  " ('incidents', 'incidents_by_reported', '1014800 1'),"
  " ('incidents', 'incidents_by_level', '889272 1001 1001 1 1'),"
  " ('incidents', 'incidents_by_due', '588544 1001 1001 3 1 1 1'),"
  " ('incidents', 'sqlite_autoindex_incidents_1', '1260070 1');"
  "ANALYZE sqlite_schema;";

static GPtrArray *traced;

static int
trace_cb (unsigned  type,
          void     *context,
          void     *p,
          void     *x)
{
  const char *sql = sqlite3_sql (p);

  if (traced != NULL && g_str_has_prefix (sql, "SELECT i.id FROM incidents AS i"))
    g_ptr_array_add (traced, g_strdup (sql));
  return 0;
}

static int
trace_extension (sqlite3                     *db,
                 char                       **message,
                 const sqlite3_api_routines  *api)
{
  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, trace_cb, NULL);
  return SQLITE_OK;
}

/* With the statistics of a large database, two filters made SQLite's
 * planner walk a whole sort index and read every incident it names, one
 * by one (3.5–3.8 s at a million incidents):
 *  - "awaiting closure", a few incidents of many: its queries read the
 *    index of the unfinished incidents (0.16 s);
 *  - every incident of an owner or a service, closed ones included,
 *    which no index serves: its queries read the table in its order and
 *    sort what matches (0.25–0.4 s).
 * Whatever the sort. */
static void
test_list_plans (Fixture       *f,
                 gconstpointer  data)
{
  static const struct
  {
    const char *filter;
    const char *wanted;   /* in the plan */
    const char *unwanted; /* not in it */
    guint       listed;   /* of the two incidents below */
  } cases[] = {
    { "awaiting-closure", "incidents_unfinished_by_key", NULL, 1 },
    { "awaiting-closure level=2", "incidents_unfinished_by_key", NULL, 1 },
    { "all owner=Bob", "SCAN i", "USING", 0 },
    { "all service=mail", "SCAN i", "USING", 2 },
    { "all level=2 service=mail", "SCAN i", "USING", 2 },
  };
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  create_in_status (f, SITREP_STATUS_RESOLVED);
  create_in_status (f, SITREP_STATUS_CLOSED);
  g_clear_object (&f->store);

  db = open_raw (f->path);
  g_assert_cmpint (sqlite3_exec (db, "ANALYZE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, large_statistics, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  traced = g_ptr_array_new_with_free_func (g_free);
  sqlite3_auto_extension ((void (*) (void)) trace_extension);
  f->store = sitrep_store_open (f->path, f->clock, &error);
  sqlite3_cancel_auto_extension ((void (*) (void)) trace_extension);
  g_assert_no_error (error);

  /* the plans, with the large database's statistics */
  db = open_raw (f->path);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (int sort = SITREP_LIST_SORT_NEXT_DUE; sort <= SITREP_LIST_SORT_KEY; sort++)
      {
        g_autoptr(SitrepFilter) filter = sitrep_filter_parse (cases[c].filter, "Ann");
        SitrepQuery query = { SITREP_LIST_FILTER_ALL, sort, NULL, "Ann", filter };
        g_autoptr(GArray) ids = NULL;
        g_autoptr(GString) plan = g_string_new (NULL);
        g_autofree char *explain = NULL;
        sqlite3_stmt *stmt = NULL;

        g_ptr_array_set_size (traced, 0);
        ids = sitrep_store_query (f->store, &query, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (ids->len, ==, cases[c].listed);
        g_assert_cmpuint (traced->len, ==, 1);

        explain = g_strconcat ("EXPLAIN QUERY PLAN ", (char *) g_ptr_array_index (traced, 0),
                               NULL);
        g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
        sqlite3_finalize (stmt);

        g_test_message ("“%s”, sort %d:\n%s", cases[c].filter, sort, plan->str);
        g_assert_nonnull (strstr (plan->str, cases[c].wanted));
        if (cases[c].unwanted != NULL)
          g_assert_null (strstr (plan->str, cases[c].unwanted));
      }
  sqlite3_close (db);
  g_clear_pointer (&traced, g_ptr_array_unref);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_store_test ("query", test_query);
  add_store_test ("query-page", test_query_page);
  add_store_test ("has-incidents", test_has_incidents);
  add_file_test ("query-plans", test_list_plans);

  return g_test_run ();
}
