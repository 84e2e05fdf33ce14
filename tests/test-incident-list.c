/* test-incident-list.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sitrep-incident-list.h"
#include "sitrep-store.h"

/* 2026-03-02 10:00:00 UTC */
#define NOW G_GINT64_CONSTANT (1772445600)
#define MINUTE 60

typedef struct
{
  char        *dir;
  SitrepClock *clock;
  SitrepStore *store;
  gint64       ids[5];   /* A, B, C, D, E below */
  GArray      *mirror;   /* the ids as a view following items-changed sees them */
  guint        n_signals;
  guint        last_position;
  guint        last_removed;
  guint        last_added;
} Fixture;

static gint64
create (Fixture    *fixture,
        const char *title,
        int         level,
        gint64      reported_at,
        const char *owner)
{
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(GError) error = NULL;

  sitrep_incident_set_title (incident, title);
  sitrep_incident_set_service (incident, "Portal");
  sitrep_incident_set_level (incident, level);
  sitrep_incident_set_occurred_at (incident, reported_at);
  sitrep_incident_set_reported_at (incident, reported_at);
  sitrep_incident_set_owner (incident, owner);

  g_assert_true (sitrep_store_create_incident (fixture->store, incident, "Tester", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_incident_get_id (incident), >, 0);

  return sitrep_incident_get_id (incident);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("sitrep-list-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "sitrep.db", NULL);
  fixture->clock = sitrep_clock_new_fake (NOW);
  fixture->store = sitrep_store_open (path, fixture->clock, &error);
  g_assert_no_error (error);

  /* Next deadlines: A response in 5 min, B in 24 min, C in 10 min, D
   * response breached 50 min ago; E is cancelled. */
  fixture->ids[0] = create (fixture, "Login page fails", 1, NOW - 5 * MINUTE, "Ada");
  fixture->ids[1] = create (fixture, "Slow reports", 2, NOW - 6 * MINUTE, NULL);
  fixture->ids[2] = create (fixture, "Question about invoices", 3, NOW - 50 * MINUTE, "Ada");
  fixture->ids[3] = create (fixture, "Mail delivery stopped", 1, NOW - 60 * MINUTE, "Grace");
  fixture->ids[4] = create (fixture, "Duplicate of the login fault", 2, NOW - 70 * MINUTE, NULL);

  g_assert_true (sitrep_store_transition (fixture->store, fixture->ids[4],
                                          SITREP_TRANSITION_CANCEL, NOW - MINUTE,
                                          "Tester", "duplicate", NULL, &error));
  g_assert_no_error (error);

  fixture->mirror = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_clear_object (&fixture->store);
  g_clear_object (&fixture->clock);
  g_clear_pointer (&fixture->mirror, g_array_unref);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
assert_ids (SitrepIncidentList *list,
            const gint64       *expected,
            guint               n_expected)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (sitrep_incident_list_get_id (list, i), ==, expected[i]);
}

/* Applies each items-changed to a copy of the ids, as a view would, so
 * that the test sees whether the announced changes add up to the list. */
static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  fixture->n_signals++;
  fixture->last_position = position;
  fixture->last_removed = removed;
  fixture->last_added = added;

  g_assert_cmpuint (position + removed, <=, fixture->mirror->len);
  g_array_remove_range (fixture->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    {
      gint64 id = sitrep_incident_list_get_id (SITREP_INCIDENT_LIST (model), position + i);
      g_array_insert_val (fixture->mirror, position + i, id);
    }
  g_assert_cmpuint (fixture->mirror->len, ==, g_list_model_get_n_items (model));
}

static void
follow (Fixture            *fixture,
        SitrepIncidentList *list)
{
  g_array_set_size (fixture->mirror, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      gint64 id = sitrep_incident_list_get_id (list, i);
      g_array_append_val (fixture->mirror, id);
    }
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), fixture);
}

static void
count_notify_cb (guint *n_notified)
{
  (*n_notified)++;
}

static void
assert_mirror (Fixture            *fixture,
               SitrepIncidentList *list)
{
  assert_ids (list, (const gint64 *) (gpointer) fixture->mirror->data, fixture->mirror->len);
}

static void
test_open_next_due (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SitrepIncidentList) list = sitrep_incident_list_new (fixture->store);
  const gint64 expected[] = { fixture->ids[3], fixture->ids[0], fixture->ids[2], fixture->ids[1] };
  guint n_items = 0;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == SITREP_TYPE_INCIDENT);
  g_assert_cmpint (sitrep_incident_list_get_filter (list)->group, ==, SITREP_STATUS_GROUP_ACTIVE);
  g_assert_false (sitrep_filter_is_narrowed (sitrep_incident_list_get_filter (list)));
  g_assert_cmpint (sitrep_incident_list_get_sort (list), ==, SITREP_LIST_SORT_NEXT_DUE);
  assert_ids (list, expected, G_N_ELEMENTS (expected));

  g_object_get (list, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, 4);
  g_assert_cmpuint (sitrep_incident_list_find (list, fixture->ids[4]), ==,
                    SITREP_INCIDENT_LIST_INVALID_POSITION);
  g_assert_cmpuint (sitrep_incident_list_find (list, fixture->ids[2]), ==, 2);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 4));
}

static void
test_sorts (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(SitrepIncidentList) list = sitrep_incident_list_new (fixture->store);
  const gint64 newest[] = { fixture->ids[0], fixture->ids[1], fixture->ids[2], fixture->ids[3] };
  int last_level = 0;

  sitrep_incident_list_set_sort (list, SITREP_LIST_SORT_NEWEST);
  assert_ids (list, newest, G_N_ELEMENTS (newest));

  sitrep_incident_list_set_sort (list, SITREP_LIST_SORT_LEVEL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(SitrepIncident) incident = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpint (sitrep_incident_get_level (incident), >=, last_level);
      last_level = sitrep_incident_get_level (incident);
    }
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(SitrepIncidentList) list = sitrep_incident_list_new (fixture->store);
  const gint64 mine[] = { fixture->ids[0], fixture->ids[2] };

  sitrep_incident_list_set_filter (list, SITREP_LIST_FILTER_ALL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  g_assert_cmpuint (sitrep_incident_list_find (list, fixture->ids[4]), !=,
                    SITREP_INCIDENT_LIST_INVALID_POSITION);

  sitrep_incident_list_set_filter (list, SITREP_LIST_FILTER_LEVEL_1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (sitrep_incident_list_find (list, fixture->ids[0]), !=,
                    SITREP_INCIDENT_LIST_INVALID_POSITION);
  g_assert_cmpuint (sitrep_incident_list_find (list, fixture->ids[3]), !=,
                    SITREP_INCIDENT_LIST_INVALID_POSITION);

  /* D's response is breached and C has used 50 of its 60 minutes (past
   * the 75 % warning); A has used only half of its 10 minutes. */
  sitrep_incident_list_set_filter (list, SITREP_LIST_FILTER_AT_RISK);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpint (sitrep_incident_list_get_id (list, 0), ==, fixture->ids[3]);
  g_assert_cmpint (sitrep_incident_list_get_id (list, 1), ==, fixture->ids[2]);

  sitrep_incident_list_set_user_name (list, "Ada");
  sitrep_incident_list_set_filter (list, SITREP_LIST_FILTER_MINE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  assert_ids (list, mine, G_N_ELEMENTS (mine));

  sitrep_incident_list_set_user_name (list, "Grace");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (sitrep_incident_list_get_id (list, 0), ==, fixture->ids[3]);
}

/* Acknowledges, recovers and transfers incident @id: it awaits closure. */
static void
transfer (Fixture *fixture,
          gint64   id)
{
  const SitrepTransition steps[] = {
    SITREP_TRANSITION_ACKNOWLEDGE, SITREP_TRANSITION_RECOVER, SITREP_TRANSITION_TRANSFER
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (sitrep_store_transition (fixture->store, id, steps[i], NOW, "Tester", NULL,
                                              "developers", &error));
      g_assert_no_error (error);
    }
}

/* Sets the list's filter from the string form, as the settings keep it. */
static void
set_filter_text (SitrepIncidentList *list,
                 const char         *text)
{
  g_autoptr(SitrepFilter) filter = sitrep_filter_parse (text, "Ada");

  sitrep_incident_list_set_conditions (list, filter);
}

static void
test_combined_filters (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(SitrepIncidentList) list = sitrep_incident_list_new (fixture->store);
  const gint64 level_1[] = { fixture->ids[3], fixture->ids[0] };

  /* level 1 and at risk: D (breached); A (level 1) is not at risk yet,
   * C (at risk) is level 3 */
  set_filter_text (list, "active level=1 risk=at-risk");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (sitrep_incident_list_get_id (list, 0), ==, fixture->ids[3]);

  /* breached alone: D; C is at risk but not breached */
  set_filter_text (list, "active risk=breached");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (sitrep_incident_list_get_id (list, 0), ==, fixture->ids[3]);

  /* an owner and a risk: Ada's C only */
  set_filter_text (list, "active risk=at-risk owner=Ada");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (sitrep_incident_list_get_id (list, 0), ==, fixture->ids[2]);

  set_filter_text (list, "active level=1 service=Portal");
  assert_ids (list, level_1, G_N_ELEMENTS (level_1));
  set_filter_text (list, "active level=1 service=Payments");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  /* awaiting closure: what is resolved or transferred, and nothing else */
  set_filter_text (list, "awaiting-closure");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  transfer (fixture, fixture->ids[1]);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (sitrep_incident_list_get_id (list, 0), ==, fixture->ids[1]);

  /* the resolved one left the active group */
  set_filter_text (list, "active level=2");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  set_filter_text (list, "all level=2");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(SitrepIncidentList) list = sitrep_incident_list_new (fixture->store);
  g_autoptr(GError) error = NULL;
  const SitrepListCounts *counts = sitrep_incident_list_get_counts (list);
  SitrepListCounts from_store;
  guint n_notified = 0;

  /* D breached, C at risk (not breached), A and B pending, E cancelled */
  g_assert_cmpuint (counts->active, ==, 4);
  g_assert_cmpuint (counts->breached, ==, 1);
  g_assert_cmpuint (counts->at_risk, ==, 1);
  g_assert_cmpuint (counts->awaiting_closure, ==, 0);

  /* the counts are the store's, whatever the list shows */
  set_filter_text (list, "active level=2");
  g_assert_cmpuint (counts->active, ==, 4);

  g_signal_connect_swapped (list, "notify::counts", G_CALLBACK (count_notify_cb), &n_notified);
  transfer (fixture, fixture->ids[3]);
  g_assert_cmpuint (n_notified, >=, 1);
  g_assert_cmpuint (counts->active, ==, 3);
  g_assert_cmpuint (counts->breached, ==, 0);
  g_assert_cmpuint (counts->awaiting_closure, ==, 1);

  /* time passes without a write: A (10 min response, reported 5 min ago)
   * turns at risk and then breached */
  sitrep_clock_set_now (fixture->clock, NOW + 3 * MINUTE);
  sitrep_incident_list_refresh_counts (list);
  g_assert_cmpuint (counts->at_risk, ==, 2);
  sitrep_clock_set_now (fixture->clock, NOW + 6 * MINUTE);
  sitrep_incident_list_refresh_counts (list);
  g_assert_cmpuint (counts->breached, ==, 1);

  g_assert_true (sitrep_store_count_list (fixture->store, SITREP_TIME_NONE, &from_store,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpmem (&from_store, sizeof from_store, counts, sizeof *counts);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(SitrepIncidentList) list = sitrep_incident_list_new (fixture->store);

  follow (fixture, list);

  sitrep_incident_list_set_search_text (list, "login");
  g_assert_cmpstr (sitrep_incident_list_get_search_text (list), ==, "login");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (sitrep_incident_list_get_id (list, 0), ==, fixture->ids[0]);
  assert_mirror (fixture, list);

  /* The cancelled duplicate also mentions the login, under "all". */
  sitrep_incident_list_set_filter (list, SITREP_LIST_FILTER_ALL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  assert_mirror (fixture, list);

  sitrep_incident_list_set_search_text (list, "nothing-matches-this");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  assert_mirror (fixture, list);

  /* Blank text is no search at all. */
  sitrep_incident_list_set_search_text (list, "   ");
  g_assert_null (sitrep_incident_list_get_search_text (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  assert_mirror (fixture, list);
}

static void
test_lazy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(SitrepIncidentList) list = sitrep_incident_list_new (fixture->store);
  g_autoptr(SitrepIncident) first = NULL;
  g_autoptr(SitrepIncident) again = NULL;
  g_autoptr(SitrepIncident) third = NULL;

  /* Knowing the order and the ids reads no incident. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_assert_cmpint (sitrep_incident_list_get_id (list, 3), ==, fixture->ids[1]);
  g_assert_cmpuint (sitrep_incident_list_get_n_cached (list), ==, 0);

  third = g_list_model_get_item (G_LIST_MODEL (list), 2);
  g_assert_cmpuint (sitrep_incident_list_get_n_cached (list), ==, 1);
  g_assert_cmpstr (sitrep_incident_get_title (third), ==, "Question about invoices");

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (first == again);
  g_assert_cmpuint (sitrep_incident_list_get_n_cached (list), ==, 2);
  g_assert_cmpstr (sitrep_incident_get_key (first), ==, "INC-4");
}

static void
test_transition (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SitrepIncidentList) list = sitrep_incident_list_new (fixture->store);
  g_autoptr(SitrepIncident) before = NULL;
  g_autoptr(SitrepIncident) after = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 expected[] = { fixture->ids[0], fixture->ids[2], fixture->ids[1], fixture->ids[3] };

  follow (fixture, list);
  before = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpint (sitrep_incident_get_status (before), ==, SITREP_STATUS_NEW);

  /* Acknowledging D meets its response; its next deadline is now the
   * recovery an hour ahead, so it moves from the top to the bottom. */
  g_assert_true (sitrep_store_transition (fixture->store, fixture->ids[3],
                                          SITREP_TRANSITION_ACKNOWLEDGE, NOW,
                                          "Tester", NULL, NULL, &error));
  g_assert_no_error (error);

  assert_ids (list, expected, G_N_ELEMENTS (expected));
  assert_mirror (fixture, list);
  /* One removal and one insertion, not a reset of the list. */
  g_assert_cmpuint (fixture->n_signals, ==, 2);
  g_assert_cmpuint (fixture->last_position, ==, 3);
  g_assert_cmpuint (fixture->last_removed, ==, 0);
  g_assert_cmpuint (fixture->last_added, ==, 1);

  after = g_list_model_get_item (G_LIST_MODEL (list), 3);
  g_assert_cmpint (sitrep_incident_get_status (after), ==, SITREP_STATUS_ACKNOWLEDGED);

  /* A change that moves nothing redraws only that row. */
  fixture->n_signals = 0;
  g_assert_true (sitrep_store_set_owner (fixture->store, fixture->ids[2], "Linus", "Tester",
                                        &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_signals, ==, 1);
  g_assert_cmpuint (fixture->last_position, ==, 1);
  g_assert_cmpuint (fixture->last_removed, ==, 1);
  g_assert_cmpuint (fixture->last_added, ==, 1);
  assert_mirror (fixture, list);
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(SitrepIncidentList) list = sitrep_incident_list_new (fixture->store);
  gint64 id;

  follow (fixture, list);

  /* Response due in 9 minutes: between A (5) and C (10). */
  id = create (fixture, "Payments rejected", 1, NOW - MINUTE, NULL);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  g_assert_cmpuint (sitrep_incident_list_find (list, id), ==, 2);
  g_assert_cmpuint (fixture->n_signals, ==, 1);
  g_assert_cmpuint (fixture->last_position, ==, 2);
  g_assert_cmpuint (fixture->last_removed, ==, 0);
  g_assert_cmpuint (fixture->last_added, ==, 1);
  assert_mirror (fixture, list);
}

static GArray *
query_open (SitrepStore *store)
{
  g_autoptr(GError) error = NULL;
  SitrepQuery query = { SITREP_LIST_FILTER_OPEN, SITREP_LIST_SORT_NEXT_DUE, NULL, NULL };
  GArray *ids = sitrep_store_query (store, &query, &error);

  g_assert_no_error (error);
  return ids;
}

static void
add_many (Fixture *fixture,
          guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Disk full on host %u", i);

      create (fixture, title, 1 + i % 3, NOW - (gint64) (i % 50) * MINUTE, NULL);
    }
}

/* A long list shows its first screenful at once and the rest a moment
 * later, announced as one insertion after it. */
static void
test_first_page (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SitrepIncidentList) list = NULL;
  g_autoptr(GArray) all = NULL;
  guint first;

  add_many (fixture, 250);
  all = query_open (fixture->store);
  g_assert_cmpuint (all->len, ==, 254);

  list = sitrep_incident_list_new (fixture->store);
  first = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (first, >, 0);
  g_assert_cmpuint (first, <, all->len);
  assert_ids (list, (const gint64 *) (gpointer) all->data, first);
  follow (fixture, list);

  while (g_list_model_get_n_items (G_LIST_MODEL (list)) < all->len)
    g_main_context_iteration (NULL, TRUE);

  assert_ids (list, (const gint64 *) (gpointer) all->data, all->len);
  assert_mirror (fixture, list);
  g_assert_cmpuint (fixture->n_signals, ==, 1);
  g_assert_cmpuint (fixture->last_position, ==, first);
  g_assert_cmpuint (fixture->last_removed, ==, 0);
  g_assert_cmpuint (fixture->last_added, ==, all->len - first);

  /* nothing more follows */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (fixture->n_signals, ==, 1);
}

/* A change before the rest was read reads the whole list at once. */
static void
test_first_page_changed (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SitrepIncidentList) list = NULL;
  g_autoptr(GArray) all = NULL;
  gint64 id;

  add_many (fixture, 250);
  list = sitrep_incident_list_new (fixture->store);
  follow (fixture, list);

  id = create (fixture, "Payments rejected", 1, NOW - MINUTE, NULL);
  all = query_open (fixture->store);
  g_assert_cmpuint (all->len, ==, 255);
  assert_ids (list, (const gint64 *) (gpointer) all->data, all->len);
  assert_mirror (fixture, list);
  g_assert_cmpuint (sitrep_incident_list_find (list, id), !=,
                    SITREP_INCIDENT_LIST_INVALID_POSITION);

  fixture->n_signals = 0;
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (fixture->n_signals, ==, 0);
  assert_ids (list, (const gint64 *) (gpointer) all->data, all->len);
}

/* Runs the main loop until the list's worker has answered. */
static void
wait_for_list (SitrepIncidentList *list)
{
  while (sitrep_incident_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

/* Waits, without running the main loop, until the worker has run @n jobs:
 * their answers wait in the main context, undelivered. */
static void
wait_for_jobs (SitrepWorker *worker,
               guint         n)
{
  while (sitrep_worker_get_n_run (worker) < n)
    g_usleep (1000);
}

typedef struct
{
  gint64   stale_id;
  gboolean stale_seen;
} StaleWatch;

static void
stale_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        StaleWatch *watch)
{
  if (sitrep_incident_list_find (SITREP_INCIDENT_LIST (model), watch->stale_id)
      != SITREP_INCIDENT_LIST_INVALID_POSITION)
    watch->stale_seen = TRUE;
}

/* A search superseded by newer typing never shows its answer, even when
 * the worker finished it before the newer one was asked for. */
static void
test_worker_superseded_search (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(SitrepWorker) worker = sitrep_worker_new (sitrep_store_get_path (fixture->store),
                                                      fixture->clock);
  g_autoptr(SitrepIncidentList) list = sitrep_incident_list_new_with_worker (fixture->store,
                                                                             worker);
  StaleWatch watch = { .stale_id = fixture->ids[0] };
  guint n_run;

  wait_for_list (list);
  follow (fixture, list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_signal_connect (list, "items-changed", G_CALLBACK (stale_items_changed_cb), &watch);

  /* "login" alone would show A only; it is answered but not yet
   * delivered when "mail" replaces it. */
  n_run = sitrep_worker_get_n_run (worker);
  sitrep_incident_list_set_search_text (list, "login");
  g_assert_true (sitrep_incident_list_get_loading (list));
  wait_for_jobs (worker, n_run + 1);
  sitrep_incident_list_set_search_text (list, "mail");
  wait_for_list (list);

  g_assert_cmpuint (sitrep_incident_list_get_n_superseded (list), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (sitrep_incident_list_get_id (list, 0), ==, fixture->ids[3]);
  g_assert_false (watch.stale_seen);
  assert_mirror (fixture, list);

  /* Typing on before the worker even started: the superseded searches
   * are dropped, only the last answer shows. */
  sitrep_incident_list_set_search_text (list, "login");
  sitrep_incident_list_set_search_text (list, "slow");
  sitrep_incident_list_set_search_text (list, "question");
  wait_for_list (list);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpuint (sitrep_incident_list_get_n_superseded (list), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (sitrep_incident_list_get_id (list, 0), ==, fixture->ids[2]);
  g_assert_false (watch.stale_seen);
  assert_mirror (fixture, list);

  g_signal_handlers_disconnect_by_func (list, stale_items_changed_cb, &watch);
}

/* The worker's answer brings the incidents of the first rows with their
 * ids: showing them reads nothing more on the main thread, where on a
 * team database each would be a round trip to the server. */
static void
test_worker_reads_rows (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SitrepWorker) worker = sitrep_worker_new (sitrep_store_get_path (fixture->store),
                                                      fixture->clock);
  g_autoptr(SitrepIncidentList) list = sitrep_incident_list_new_with_worker (fixture->store,
                                                                             worker);
  g_autoptr(SitrepIncident) first = NULL;

  wait_for_list (list);
  g_assert_cmpuint (sitrep_incident_list_get_n_cached (list), ==, 0);

  sitrep_incident_list_set_search_text (list, "mail");
  wait_for_list (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (sitrep_incident_list_get_n_cached (list), ==, 1);

  sitrep_incident_list_set_search_text (list, NULL);
  wait_for_list (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_assert_cmpuint (sitrep_incident_list_get_n_cached (list), ==, 4);

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (sitrep_incident_get_key (first), ==, "INC-4");
  g_assert_cmpuint (sitrep_incident_list_get_n_cached (list), ==, 4);
}

/* A note changes one row: that row is announced, and nothing is queried
 * again; a transition that moves the incident queries on the worker. */
static void
test_worker_row_update (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SitrepWorker) worker = sitrep_worker_new (sitrep_store_get_path (fixture->store),
                                                      fixture->clock);
  g_autoptr(SitrepIncidentList) list = sitrep_incident_list_new_with_worker (fixture->store,
                                                                             worker);
  g_autoptr(SitrepIncident) item = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 expected[] = { fixture->ids[0], fixture->ids[2], fixture->ids[1], fixture->ids[3] };
  guint n_run;

  wait_for_list (list);
  follow (fixture, list);
  item = g_list_model_get_item (G_LIST_MODEL (list), 2);
  g_assert_cmpint (sitrep_incident_get_id (item), ==, fixture->ids[2]);
  g_clear_object (&item);

  n_run = sitrep_worker_get_n_run (worker);
  g_assert_true (sitrep_store_add_note (fixture->store, fixture->ids[2], NOW, "Tester",
                                        SITREP_TAG_NONE, "Bridge call at ten", &error));
  g_assert_no_error (error);

  g_assert_false (sitrep_incident_list_get_loading (list));
  g_assert_cmpuint (fixture->n_signals, ==, 1);
  g_assert_cmpuint (fixture->last_position, ==, 2);
  g_assert_cmpuint (fixture->last_removed, ==, 1);
  g_assert_cmpuint (fixture->last_added, ==, 1);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (sitrep_worker_get_n_run (worker), ==, n_run);
  assert_mirror (fixture, list);

  /* The row's item is read again, with the change. */
  item = g_list_model_get_item (G_LIST_MODEL (list), 2);
  g_assert_cmpint (sitrep_incident_get_id (item), ==, fixture->ids[2]);

  /* Acknowledging D moves it from the top to the bottom: the worker
   * answers, and the list announces the move. */
  fixture->n_signals = 0;
  g_assert_true (sitrep_store_transition (fixture->store, fixture->ids[3],
                                          SITREP_TRANSITION_ACKNOWLEDGE, NOW,
                                          "Tester", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_incident_list_get_loading (list));
  wait_for_list (list);
  g_assert_cmpuint (sitrep_worker_get_n_run (worker), ==, n_run + 1);
  assert_ids (list, expected, G_N_ELEMENTS (expected));
  assert_mirror (fixture, list);
}

static void
capture_incident_cb (SitrepContext   *context,
                     gint64           id,
                     guint            changes,
                     SitrepIncident  *incident,
                     SitrepIncident **captured)
{
  g_set_object (captured, incident);
}

typedef struct
{
  guint           n_updated;
  guint           position;
  SitrepIncident *incident;
} Updated;

static void
incident_updated_cb (SitrepIncidentList *list,
                     guint               position,
                     SitrepIncident     *incident,
                     Updated            *updated)
{
  updated->n_updated++;
  updated->position = position;
  g_set_object (&updated->incident, incident);
}

/* Following a context, a changed incident is shown in its row as the
 * context read it once for every view: no items-changed, no second read;
 * the list returns that incident for the position from then on. */
static void
test_context_row_update (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (SITREP_SETTINGS_SCHEMA);
  g_autoptr(SitrepContext) context = sitrep_context_new (fixture->store, settings);
  g_autoptr(SitrepIncidentList) list = sitrep_incident_list_new_for_context (context);
  g_autoptr(SitrepIncident) captured = NULL;
  g_autoptr(SitrepIncident) item = NULL;
  g_autoptr(GError) error = NULL;
  Updated updated = { 0 };

  wait_for_list (list);
  follow (fixture, list);
  g_signal_connect (context, "incident-changed", G_CALLBACK (capture_incident_cb), &captured);
  g_signal_connect (list, "incident-updated", G_CALLBACK (incident_updated_cb), &updated);

  g_assert_true (sitrep_store_set_field (fixture->store, fixture->ids[1], "title",
                                         "Reports slow since the upgrade", "Tester", &error));
  g_assert_no_error (error);
  g_assert_nonnull (captured);
  g_assert_false (sitrep_incident_list_get_loading (list));
  g_assert_cmpuint (fixture->n_signals, ==, 0);
  g_assert_cmpuint (updated.n_updated, ==, 1);
  g_assert_cmpuint (updated.position, ==, 3);
  g_assert_true (updated.incident == captured);

  item = g_list_model_get_item (G_LIST_MODEL (list), 3);
  g_assert_true (item == captured);
  g_assert_cmpstr (sitrep_incident_get_title (item), ==, "Reports slow since the upgrade");
  assert_mirror (fixture, list);

  g_signal_handlers_disconnect_by_func (context, capture_incident_cb, &captured);
  g_signal_handlers_disconnect_by_func (list, incident_updated_cb, &updated);
  g_clear_object (&updated.incident);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sitrep/incident-list/open-next-due", Fixture, NULL,
              fixture_set_up, test_open_next_due, fixture_tear_down);
  g_test_add ("/sitrep/incident-list/sorts", Fixture, NULL,
              fixture_set_up, test_sorts, fixture_tear_down);
  g_test_add ("/sitrep/incident-list/filters", Fixture, NULL,
              fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/sitrep/incident-list/combined-filters", Fixture, NULL,
              fixture_set_up, test_combined_filters, fixture_tear_down);
  g_test_add ("/sitrep/incident-list/counts", Fixture, NULL,
              fixture_set_up, test_counts, fixture_tear_down);
  g_test_add ("/sitrep/incident-list/search", Fixture, NULL,
              fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/sitrep/incident-list/lazy", Fixture, NULL,
              fixture_set_up, test_lazy, fixture_tear_down);
  g_test_add ("/sitrep/incident-list/worker-reads-rows", Fixture, NULL,
              fixture_set_up, test_worker_reads_rows, fixture_tear_down);
  g_test_add ("/sitrep/incident-list/transition", Fixture, NULL,
              fixture_set_up, test_transition, fixture_tear_down);
  g_test_add ("/sitrep/incident-list/create", Fixture, NULL,
              fixture_set_up, test_create, fixture_tear_down);
  g_test_add ("/sitrep/incident-list/first-page", Fixture, NULL,
              fixture_set_up, test_first_page, fixture_tear_down);
  g_test_add ("/sitrep/incident-list/first-page-changed", Fixture, NULL,
              fixture_set_up, test_first_page_changed, fixture_tear_down);

  g_test_add ("/sitrep/incident-list/worker-superseded-search", Fixture, NULL,
              fixture_set_up, test_worker_superseded_search, fixture_tear_down);
  g_test_add ("/sitrep/incident-list/worker-row-update", Fixture, NULL,
              fixture_set_up, test_worker_row_update, fixture_tear_down);

  g_test_add ("/sitrep/incident-list/context-row-update", Fixture, NULL,
              fixture_set_up, test_context_row_update, fixture_tear_down);

  return g_test_run ();
}
