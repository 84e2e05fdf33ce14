/* test-links.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sitrep-interchange.h"
#include "sitrep-link.h"
#include "sitrep-report.h"
#include "sitrep-report-render.h"
#include "test-store-common.h"

/* ---------------------------------------------------------------------- */
/* The rules, without a database                                           */
/* ---------------------------------------------------------------------- */

typedef struct
{
  const char      *name;
  SitrepLinkFacts  facts;
  const char      *refused;   /* part of the message, or NULL when allowed */
} RuleCase;

#define DUP SITREP_LINK_KIND_DUPLICATE_OF
#define REL SITREP_LINK_KIND_RELATED_TO
#define CAUSE SITREP_LINK_KIND_CAUSED_BY
#define CHILD SITREP_LINK_KIND_CHILD_OF

static const RuleCase rule_cases[] = {
  { "duplicate", { "INC-15", "INC-12", DUP }, NULL },
  { "related", { "INC-15", "INC-12", REL }, NULL },
  { "caused by", { "INC-15", "INC-12", CAUSE }, NULL },
  { "child", { "INC-15", "INC-12", CHILD }, NULL },
  { "itself", { "INC-15", "INC-15", REL }, "INC-15 cannot be linked to itself" },
  { "itself as duplicate", { "INC-15", "INC-15", DUP }, "cannot be linked to itself" },
  { "twice", { "INC-15", "INC-12", REL, .exists = TRUE },
    "INC-15 is already linked to INC-12 as “Related to”" },
  { "second original", { "INC-15", "INC-12", DUP, .duplicate_of = "INC-9" },
    "INC-15 is already a duplicate of INC-9" },
  { "duplicate with children", { "INC-15", "INC-12", DUP, .n_children = 2 },
    "INC-15 is the major incident of 2 other incidents and cannot be a duplicate" },
  { "duplicate of a duplicate", { "INC-15", "INC-12", DUP, .target_duplicate_of = "INC-9" },
    "INC-12 is itself a duplicate of INC-9" },
  { "original as duplicate", { "INC-15", "INC-12", DUP, .n_duplicates = 1 },
    "INC-15 has duplicates of its own and cannot be a duplicate" },
  { "original as child", { "INC-15", "INC-12", CHILD, .n_duplicates = 1 }, NULL },
  { "child of a duplicate", { "INC-15", "INC-12", CHILD, .target_duplicate_of = "INC-9" },
    "INC-12 is a duplicate of INC-9 and cannot be a major incident" },
  { "second parent", { "INC-15", "INC-12", CHILD, .parent = "INC-9" },
    "INC-15 is already a child of INC-9" },
  { "major as child", { "INC-15", "INC-12", CHILD, .n_children = 1 },
    "INC-15 is itself a major incident" },
  { "child of a child", { "INC-15", "INC-12", CHILD, .target_parent = "INC-9" },
    "INC-12 is a child of INC-9" },
  { "child circle", { "INC-15", "INC-12", CHILD, .target_leads_back = TRUE },
    "would make a circle" },
  { "duplicate circle", { "INC-15", "INC-12", DUP, .target_leads_back = TRUE },
    "would make a circle" },
  /* related-to and caused-by are no tree: they may go both ways */
  { "related both ways", { "INC-15", "INC-12", REL, .target_leads_back = TRUE }, NULL },
  { "caused by both ways", { "INC-15", "INC-12", CAUSE, .target_leads_back = TRUE }, NULL },
  /* a duplicate may have a major incident, and be related to anything */
  { "child duplicate", { "INC-15", "INC-12", DUP, .parent = "INC-9" }, NULL },
  { "related duplicate", { "INC-15", "INC-12", REL, .duplicate_of = "INC-9" }, NULL },
  { "unknown kind", { "INC-15", "INC-12", (SitrepLinkKind) 9 }, "not a kind of link" },
};

static void
test_rules (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rule_cases); i++)
    {
      const RuleCase *c = &rule_cases[i];
      g_autoptr(GError) error = NULL;
      gboolean ok = sitrep_link_check (&c->facts, &error);

      g_test_message ("case %s", c->name);
      if (c->refused == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
          if (strstr (error->message, c->refused) == NULL)
            g_error ("case %s: “%s” does not say “%s”", c->name, error->message, c->refused);
        }
    }
}

static void
test_words (void)
{
  static const struct
  {
    SitrepLinkKind  kind;
    gboolean        outgoing;
    const char     *title;
    const char     *line;
    const char     *made;
    const char     *received;
  } cases[] = {
    { DUP, TRUE, "Web shop down", "Duplicate of INC-12 · Web shop down",
      "Marked as duplicate of INC-12", "INC-12 marked as duplicate of this incident" },
    { CHILD, FALSE, NULL, "Child: INC-12",
      "Made a child of major incident INC-12", "INC-12 added as a child incident" },
    { CAUSE, TRUE, "DNS", "Caused by INC-12 · DNS",
      "Marked as caused by INC-12", "INC-12 marked as caused by this incident" },
    { REL, FALSE, "", "Related to INC-12",
      "Linked as related to INC-12", "INC-12 linked as related to this incident" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SitrepLink) link = sitrep_link_new ();
      g_autoptr(SitrepLink) copy = NULL;
      g_autofree char *line = NULL;
      g_autofree char *made = sitrep_lifecycle_describe_link (cases[i].kind, "INC-12", FALSE);
      g_autofree char *received = sitrep_lifecycle_describe_link (cases[i].kind, "INC-12", TRUE);

      link->kind = cases[i].kind;
      link->outgoing = cases[i].outgoing;
      link->other_key = g_strdup ("INC-12");
      link->other_title = g_strdup (cases[i].title);
      copy = sitrep_link_copy (link);
      line = sitrep_link_describe (copy);

      g_assert_cmpstr (line, ==, cases[i].line);
      g_assert_cmpstr (made, ==, cases[i].made);
      g_assert_cmpstr (received, ==, cases[i].received);
    }
}

/* ---------------------------------------------------------------------- */
/* The store                                                               */
/* ---------------------------------------------------------------------- */

static void
add_test (const char    *name,
          StoreTestFunc  func)
{
  g_autofree char *path = g_strconcat ("/sitrep/links/", name, NULL);

  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

/* INC-1 … INC-@n, reported a minute apart */
static void
create_incidents (Fixture *f,
                  guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Incident %u", i + 1);

      create (f->store, title, "web", 2, sitrep_clock_get_now (f->clock));
      sitrep_clock_advance (f->clock, 60);
    }
}

static GPtrArray *
list_links (Fixture *f,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *links = sitrep_store_list_links (f->store, id, &error);

  g_assert_no_error (error);
  return links;
}

static char *
describe_links (Fixture *f,
                gint64   id)
{
  g_autoptr(GPtrArray) links = list_links (f, id);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < links->len; i++)
    {
      SitrepLink *link = g_ptr_array_index (links, i);

      g_string_append_printf (text, "%s%s %s", i > 0 ? "; " : "",
                              sitrep_link_kind_to_label (link->kind, link->outgoing),
                              link->other_key);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* One step of a scenario: link incident @from to @to as @kind; NULL
 * @refused: it must succeed. */
typedef struct
{
  gint64          from;
  SitrepLinkKind  kind;
  const char     *to;
  const char     *refused;
} LinkStep;

static const LinkStep steps[] = {
  { 2, CHILD, "INC-1", NULL },
  { 3, CHILD, "INC-1", NULL },
  { 4, DUP, "INC-1", NULL },
  { 5, REL, "INC-1", NULL },
  { 5, CAUSE, "INC-1", NULL },
  { 1, REL, "INC-5", NULL },                   /* the other way round is another link */
  { 5, REL, "INC-1", "already linked" },
  { 1, REL, "INC-1", "cannot be linked to itself" },
  { 2, CHILD, "INC-3", "already a child of INC-1" },
  { 6, CHILD, "INC-2", "INC-2 is a child of INC-1" },
  { 6, CHILD, "INC-4", "INC-4 is a duplicate of INC-1" },
  { 1, DUP, "INC-6", "major incident of 2 other incidents" },
  { 1, CHILD, "INC-6", "itself a major incident" },
  { 6, DUP, "INC-4", "INC-4 is itself a duplicate of INC-1" },
  { 4, DUP, "INC-6", "already a duplicate of INC-1" },
  { 6, DUP, "INC-5", NULL },
  { 5, DUP, "INC-3", "INC-5 has duplicates of its own" },
  { 6, REL, "INC-99", "INC-99" },
  { 6, REL, "web shop", "not an incident key" },
};

static void
test_scenario (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *one = NULL;
  g_autofree char *five = NULL;

  create_incidents (f, 6);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      const LinkStep *s = &steps[i];
      g_autoptr(GError) error = NULL;
      guint before = count_entries (f->store, s->from);
      gboolean ok = sitrep_store_add_link (f->store, s->from, s->kind, s->to, FALSE, "Ann",
                                           &error);

      g_test_message ("step %u: INC-%" G_GINT64_FORMAT " → %s", i, s->from, s->to);
      if (s->refused == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (count_entries (f->store, s->from), ==, before + 1);
        }
      else
        {
          g_assert_false (ok);
          g_assert_nonnull (error);
          if (strstr (error->message, s->refused) == NULL)
            g_error ("step %u: “%s” does not say “%s”", i, error->message, s->refused);
          /* nothing written */
          g_assert_cmpuint (count_entries (f->store, s->from), ==, before);
        }
    }

  one = describe_links (f, 1);
  g_assert_cmpstr (one, ==, "Child: INC-2; Child: INC-3; Duplicate: INC-4; Related to INC-5; "
                            "Cause of INC-5; Related to INC-5");
  five = describe_links (f, 5);
  g_assert_cmpstr (five, ==, "Related to INC-1; Caused by INC-1; Related to INC-1; "
                             "Duplicate: INC-6");
  g_assert_cmpuint (raw_int64 (f->path, "SELECT count(*) FROM links"), ==, 7);
}

static void
test_duplicate_cancelled (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepTimelineEntry) cancelled = NULL;
  g_autoptr(SitrepTimelineEntry) received = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  gint64 original, duplicate;

  original = create (f->store, "Web shop down", "web", 1, sitrep_clock_get_now (f->clock));
  sitrep_clock_advance (f->clock, 120);
  duplicate = create (f->store, "Shop broken", "web", 2, sitrep_clock_get_now (f->clock));
  sitrep_clock_advance (f->clock, 60);

  g_assert_true (sitrep_store_add_link (f->store, duplicate, DUP, "INC-1", TRUE, "Ann", &error));
  g_assert_no_error (error);

  g_assert_cmpint (get_status (f->store, duplicate), ==, SITREP_STATUS_CANCELLED);
  g_assert_cmpint (get_status (f->store, original), ==, SITREP_STATUS_NEW);

  /* the duplicate: created, the link, the cancellation */
  timeline = sitrep_store_list_timeline (f->store, duplicate, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 3);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (g_ptr_array_index (timeline, 1)), ==,
                   "Marked as duplicate of INC-1");
  g_assert_cmpint (sitrep_timeline_entry_get_kind (g_ptr_array_index (timeline, 1)), ==,
                   SITREP_ENTRY_KIND_LINK);
  cancelled = last_entry (f->store, duplicate);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (cancelled), ==, SITREP_ENTRY_KIND_STATUS);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (cancelled), ==,
                   "Cancelled: Duplicate of INC-1");
  g_assert_cmpstr (sitrep_timeline_entry_get_author (cancelled), ==, "Ann");

  received = last_entry (f->store, original);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (received), ==,
                   "INC-2 marked as duplicate of this incident");
}

static void
test_duplicate_of_closed (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 closed = create_in_status (f, SITREP_STATUS_CLOSED);
  gint64 cancelled = create_in_status (f, SITREP_STATUS_CANCELLED);
  gint64 again = create (f->store, "Mail down again", "mail", 2, sitrep_clock_get_now (f->clock));
  gint64 later = create (f->store, "Mail down once more", "mail", 2,
                         sitrep_clock_get_now (f->clock));
  g_autofree char *key = g_strdup_printf ("INC-%" G_GINT64_FORMAT, closed);
  g_autofree char *cancelled_key = g_strdup_printf ("INC-%" G_GINT64_FORMAT, cancelled);

  g_assert_true (sitrep_store_add_link (f->store, again, DUP, key, TRUE, "Ann", &error));
  g_assert_no_error (error);
  g_assert_cmpint (get_status (f->store, again), ==, SITREP_STATUS_CANCELLED);
  g_assert_cmpint (get_status (f->store, closed), ==, SITREP_STATUS_CLOSED);

  g_assert_true (sitrep_store_add_link (f->store, later, DUP, cancelled_key, FALSE, "Ann",
                                        &error));
  g_assert_no_error (error);
  g_assert_cmpint (get_status (f->store, later), ==, SITREP_STATUS_NEW);
}

/* A closed incident can be marked as a duplicate, but not cancelled:
 * asking for both writes neither. Only a duplicate is cancelled. */
static void
test_cancel_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) kind_error = NULL;
  gint64 closed = create_in_status (f, SITREP_STATUS_CLOSED);
  gint64 original = create (f->store, "Mail down", "mail", 2, sitrep_clock_get_now (f->clock));
  gint64 other = create (f->store, "Web down", "web", 2, sitrep_clock_get_now (f->clock));
  g_autofree char *key = g_strdup_printf ("INC-%" G_GINT64_FORMAT, original);
  guint before = count_entries (f->store, closed);

  g_assert_false (sitrep_store_add_link (f->store, closed, DUP, key, TRUE, "Ann", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TRANSITION);
  g_assert_cmpuint (count_entries (f->store, closed), ==, before);
  g_assert_cmpuint (count_entries (f->store, original), ==, 1);
  g_assert_cmpuint (raw_int64 (f->path, "SELECT count(*) FROM links"), ==, 0);

  g_assert_false (sitrep_store_add_link (f->store, other, REL, key, TRUE, "Ann", &kind_error));
  g_assert_error (kind_error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_assert_cmpint (get_status (f->store, other), ==, SITREP_STATUS_NEW);
}

static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(SitrepTimelineEntry) out_entry = NULL;
  g_autoptr(SitrepTimelineEntry) in_entry = NULL;
  gint64 link_id;

  create_incidents (f, 2);
  g_assert_true (sitrep_store_add_link (f->store, 2, CHILD, "INC-1", FALSE, "Ann", &error));
  g_assert_no_error (error);
  links = list_links (f, 1);
  g_assert_cmpuint (links->len, ==, 1);
  link_id = ((SitrepLink *) g_ptr_array_index (links, 0))->id;

  sitrep_clock_advance (f->clock, 60);
  g_assert_true (sitrep_store_remove_link (f->store, link_id, "Bob", &error));
  g_assert_no_error (error);

  g_clear_pointer (&links, g_ptr_array_unref);
  links = list_links (f, 1);
  g_assert_cmpuint (links->len, ==, 0);

  /* kept, with its removal */
  made = sitrep_store_list_made_links (f->store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (made->len, ==, 1);
  g_assert_cmpint (((SitrepLink *) g_ptr_array_index (made, 0))->removed_at, ==,
                   sitrep_clock_get_now (f->clock));
  g_assert_cmpstr (((SitrepLink *) g_ptr_array_index (made, 0))->removed_by, ==, "Bob");

  out_entry = last_entry (f->store, 2);
  in_entry = last_entry (f->store, 1);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (out_entry), ==,
                   "Link removed: Child of INC-1");
  g_assert_cmpstr (sitrep_timeline_entry_get_text (in_entry), ==, "Link from INC-2 removed");

  g_assert_false (sitrep_store_remove_link (f->store, link_id, "Bob", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (sitrep_store_remove_link (f->store, link_id + 10, "Bob", &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* linked again after the removal */
  g_assert_true (sitrep_store_add_link (f->store, 2, CHILD, "INC-1", FALSE, "Ann", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (raw_int64 (f->path, "SELECT count(*) FROM links"), ==, 2);
}

typedef struct
{
  gint64 id;
  guint  changes;
} Change;

static void
changed_cb (SitrepStore *store,
            gint64       id,
            guint        changes,
            gpointer     user_data)
{
  Change change = { id, changes };

  g_array_append_val ((GArray *) user_data, change);
}

/* Both incidents are announced, the duplicate with its new status. */
static void
test_signals (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (Change));
  guint link_and_entry = SITREP_CHANGE_LINKS | SITREP_CHANGE_TIMELINE;

  create_incidents (f, 2);
  g_signal_connect (f->store, "incident-changed", G_CALLBACK (changed_cb), seen);

  g_assert_true (sitrep_store_add_link (f->store, 2, DUP, "INC-1", TRUE, "Ann", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpint (g_array_index (seen, Change, 0).id, ==, 2);
  g_assert_cmphex (g_array_index (seen, Change, 0).changes, ==,
                   link_and_entry | SITREP_CHANGE_STATUS | SITREP_CHANGE_DEADLINES);
  g_assert_cmpint (g_array_index (seen, Change, 1).id, ==, 1);
  g_assert_cmphex (g_array_index (seen, Change, 1).changes, ==, link_and_entry);

  /* a refused link announces nothing */
  g_assert_false (sitrep_store_add_link (f->store, 2, DUP, "INC-1", FALSE, "Ann", &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (seen->len, ==, 2);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  create_incidents (f, 2);
  sitrep_store_set_read_only (f->store, TRUE);
  g_assert_false (sitrep_store_add_link (f->store, 2, REL, "INC-1", FALSE, "Ann", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_READ_ONLY_ROLE);
  g_assert_cmpuint (raw_int64 (f->path, "SELECT count(*) FROM links"), ==, 0);
}

/* A version-4 database gains the links table and keeps its incidents. */
static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepIncident) incident = NULL;

  create_incidents (f, 2);
  g_clear_object (&f->store);

  store_test_downgrade_to_4 (f->path);

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_store_get_schema_version (f->store), ==, SITREP_STORE_SCHEMA_VERSION);

  incident = sitrep_store_find_incident (f->store, "INC-2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Incident 2");

  g_assert_true (sitrep_store_add_link (f->store, 2, DUP, "INC-1", FALSE, "Ann", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (raw_int64 (f->path, "SELECT count(*) FROM links"), ==, 1);

  /* never deleted */
  g_assert_false (raw_try_exec (f->path, "DELETE FROM links", NULL));
}

/* ---------------------------------------------------------------------- */
/* The interchange format                                                  */
/* ---------------------------------------------------------------------- */

static char *
export_text (SitrepStore *store)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  char nul = '\0';

  g_assert_true (sitrep_interchange_export (store, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, &nul, 1, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static SitrepStore *
open_second (Fixture    *f,
             const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  SitrepStore *store = sitrep_store_open (path, f->clock, &error);

  g_assert_no_error (error);
  return store;
}

/* Exported, imported into an empty database and exported again: the
 * same bytes, links and removed links included. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) other = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *one = NULL;
  g_auto(GStrv) parts = NULL;

  create_incidents (f, 4);
  g_assert_true (sitrep_store_add_link (f->store, 2, CHILD, "INC-1", FALSE, "Ann", &error));
  g_assert_true (sitrep_store_add_link (f->store, 3, DUP, "INC-1", TRUE, "Ann", &error));
  g_assert_true (sitrep_store_add_link (f->store, 1, CAUSE, "INC-4", FALSE, "Ann", &error));
  g_assert_no_error (error);
  links = list_links (f, 1);
  sitrep_clock_advance (f->clock, 30);
  g_assert_true (sitrep_store_remove_link (f->store,
                                           ((SitrepLink *) g_ptr_array_index (links, 2))->id,
                                           "Bob", &error));
  g_assert_no_error (error);

  first = export_text (f->store);
  g_assert_nonnull (strstr (first, "\"links\" : [\n"));
  g_assert_nonnull (strstr (first, "\"kind\" : \"duplicate-of\",\n"));
  g_assert_nonnull (strstr (first, "\"removed_by\" : \"Bob\""));
  /* an incident without links has no member */
  parts = g_strsplit (first, "\"links\"", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 4);

  other = open_second (f, "copy.db");
  g_assert_true (sitrep_interchange_import_data (other, first, -1, FALSE, NULL, &error));
  g_assert_no_error (error);

  second = export_text (other);
  g_assert_cmpstr (second, ==, first);

  g_assert_cmpint (sitrep_store_get_schema_version (other), ==, SITREP_STORE_SCHEMA_VERSION);
  one = describe_links (f, 1);
  g_assert_cmpstr (one, ==, "Child: INC-2; Duplicate: INC-3");
}

/* A document with incidents INC-5 and INC-6, INC-6 linked as @kind to
 * @target, and a link to INC-6 from INC-5 (a key later in the document). */
static char *
document (const char *kind,
          const char *target)
{
  static const char incident[] =
    "{\"key\": \"INC-%d\", \"title\": \"Web down\", \"service\": \"web\", \"level\": 2,"
    " \"status\": \"new\", \"reported_at\": \"2026-03-01T09:00:00Z\"%s}";
  g_autofree char *link5 = g_strdup (", \"links\": [{\"kind\": \"related-to\","
                                     " \"target\": \"INC-6\","
                                     " \"created_at\": \"2026-03-01T09:10:00Z\"}]");
  g_autofree char *link6 = g_strdup_printf (", \"links\": [{\"kind\": \"%s\", \"target\": \"%s\","
                                            " \"created_at\": \"2026-03-01T09:10:00Z\","
                                            " \"author\": \"Ann\"}]", kind, target);
  g_autofree char *five = g_strdup_printf (incident, 5, link5);
  g_autofree char *six = g_strdup_printf (incident, 6, link6);

  return g_strdup_printf ("{\"format\": \"sitrep\", \"version\": 1, \"incidents\": [%s, %s]}",
                          five, six);
}

static const struct
{
  const char *name;
  const char *kind;
  const char *target;
  const char *error;   /* NULL: imports */
} import_cases[] = {
  { "in document", "child-of", "INC-5", NULL },
  { "in database", "duplicate-of", "INC-1", NULL },
  { "missing", "caused-by", "INC-99",
    "incidents[1].links[0].target: INC-99 is neither in the document nor in the database" },
  { "itself", "related-to", "INC-6",
    "incidents[1].links[0].target: an incident cannot be linked to itself" },
  { "bad kind", "parent-of", "INC-5",
    "incidents[1].links[0].kind: must be duplicate-of, related-to, caused-by or child-of" },
  { "bad key", "related-to", "web", "incidents[1].links[0].target: must be an incident key" },
  /* INC-5 is related to INC-6; a duplicate of INC-5 is fine, but INC-1
   * of the database made a major incident and INC-6 its duplicate is not */
  { "duplicate in document", "duplicate-of", "INC-5", NULL },
};

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  create_incidents (f, 1);

  for (guint i = 0; i < G_N_ELEMENTS (import_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("import-%u.db", i);
      g_autoptr(SitrepStore) store = open_second (f, name);
      g_autofree char *text = document (import_cases[i].kind, import_cases[i].target);
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      gboolean ok;

      g_test_message ("case %s", import_cases[i].name);
      /* INC-1 is in the database */
      create (store, "Mail down", "mail", 2, T0);
      ok = sitrep_interchange_import_data (store, text, -1, FALSE, NULL, &error);

      if (import_cases[i].error == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (raw_int64 (path, "SELECT count(*) FROM links"), ==, 2);
        }
      else
        {
          g_assert_false (ok);
          g_assert_nonnull (error);
          if (strstr (error->message, import_cases[i].error) == NULL)
            g_error ("case %s: “%s” does not say “%s”", import_cases[i].name, error->message,
                     import_cases[i].error);
          /* all or nothing */
          g_assert_cmpuint (sitrep_store_count_incidents (store), ==, 1);
          g_assert_cmpuint (raw_int64 (path, "SELECT count(*) FROM links"), ==, 0);
        }
    }
}

/* The links of a document obey the rules, whichever their order: a
 * chain of duplicates is refused and names the link, and nothing is
 * imported. */
static void
test_import_rules (Fixture       *f,
                   gconstpointer  data)
{
  static const char text[] =
    "{\"format\": \"sitrep\", \"version\": 1, \"incidents\": ["
    "{\"key\": \"INC-5\", \"title\": \"A\", \"service\": \"web\", \"level\": 2,"
    " \"status\": \"new\", \"reported_at\": \"2026-03-01T09:00:00Z\","
    " \"links\": [{\"kind\": \"duplicate-of\", \"target\": \"INC-6\","
    " \"created_at\": \"2026-03-01T09:10:00Z\"}]},"
    "{\"key\": \"INC-6\", \"title\": \"B\", \"service\": \"web\", \"level\": 2,"
    " \"status\": \"new\", \"reported_at\": \"2026-03-01T09:00:00Z\","
    " \"links\": [{\"kind\": \"duplicate-of\", \"target\": \"INC-7\","
    " \"created_at\": \"2026-03-01T09:10:00Z\"}]},"
    "{\"key\": \"INC-7\", \"title\": \"C\", \"service\": \"web\", \"level\": 2,"
    " \"status\": \"new\", \"reported_at\": \"2026-03-01T09:00:00Z\"}]}";
  g_autoptr(GError) error = NULL;

  g_assert_false (sitrep_interchange_import_data (f->store, text, -1, FALSE, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==,
                   "incidents[1].links[0]: INC-6 has duplicates of its own and cannot be a "
                   "duplicate: mark them as duplicates of INC-7 instead");
  g_assert_cmpuint (sitrep_store_count_incidents (f->store), ==, 0);
}

/* Importing the same document twice, or over itself with --replace,
 * stores each link once; a skipped incident keeps its own links. */
static void
test_import_again (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *text = document ("child-of", "INC-5");
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_interchange_import_data (f->store, text, -1, FALSE, NULL, &error));
  g_assert_true (sitrep_interchange_import_data (f->store, text, -1, FALSE, NULL, &error));
  g_assert_true (sitrep_interchange_import_data (f->store, text, -1, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (raw_int64 (f->path, "SELECT count(*) FROM links"), ==, 2);
}

/* ---------------------------------------------------------------------- */
/* A major incident's final report                                         */
/* ---------------------------------------------------------------------- */

static void
add_complaint (Fixture    *f,
               gint64      id,
               const char *customer)
{
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();
  g_autoptr(GError) error = NULL;

  sitrep_complaint_set_customer (complaint, customer);
  sitrep_complaint_set_summary (complaint, "Cannot pay");
  sitrep_complaint_set_received_at (complaint, sitrep_clock_get_now (f->clock));
  g_assert_true (sitrep_store_add_complaint (f->store, id, complaint, "Ann", &error));
  g_assert_no_error (error);
}

static void
test_final_report (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepReport) report = NULL;
  g_autoptr(SitrepReport) child_report = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  SitrepComplaintCounts counts;
  JsonObject *complaints;

  create_incidents (f, 4);
  add_complaint (f, 1, "ACME");
  add_complaint (f, 2, "ACME");
  add_complaint (f, 2, "Globex");
  add_complaint (f, 3, "Initech");
  add_complaint (f, 4, "Umbrella");   /* INC-4 is only related */
  g_assert_true (sitrep_store_add_link (f->store, 2, CHILD, "INC-1", FALSE, "Ann", &error));
  g_assert_true (sitrep_store_add_link (f->store, 3, CHILD, "INC-1", FALSE, "Ann", &error));
  g_assert_true (sitrep_store_add_link (f->store, 4, REL, "INC-1", FALSE, "Ann", &error));
  g_assert_no_error (error);

  report = sitrep_report_new_final (f->store, 1, &error);
  g_assert_no_error (error);
  sitrep_report_count_complaints (report, &counts);
  g_assert_cmpuint (counts.received, ==, 4);
  g_assert_cmpuint (counts.from_children, ==, 3);
  g_assert_cmpuint (counts.not_analysed, ==, 4);
  g_assert_cmpuint (counts.customers, ==, 3);
  g_assert_cmpuint (sitrep_report_get_children (report)->len, ==, 2);

  text = sitrep_report_to_text (report);
  g_assert_nonnull (strstr (text, "4, including 3 from child incidents"));
  g_assert_nonnull (strstr (text, "INC-2, INC-3"));

  json = sitrep_report_to_json (report);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  complaints = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                              "complaints");
  g_assert_cmpint (json_object_get_int_member (complaints, "received"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (complaints, "from_children"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (complaints, "customers"), ==, 3);
  g_assert_cmpuint (json_array_get_length (
                      json_object_get_array_member (json_node_get_object (
                                                      json_parser_get_root (parser)),
                                                    "child_incidents")), ==, 2);

  /* a child's report has its own complaints only */
  child_report = sitrep_report_new_final (f->store, 2, &error);
  g_assert_no_error (error);
  sitrep_report_count_complaints (child_report, &counts);
  g_assert_cmpuint (counts.received, ==, 2);
  g_assert_cmpuint (counts.from_children, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sitrep/links/rules", test_rules);
  g_test_add_func ("/sitrep/links/words", test_words);
  add_test ("scenario", test_scenario);
  add_test ("duplicate-cancelled", test_duplicate_cancelled);
  add_test ("duplicate-of-closed", test_duplicate_of_closed);
  add_test ("cancel-refused", test_cancel_refused);
  add_test ("remove", test_remove);
  add_test ("signals", test_signals);
  add_test ("read-only", test_read_only);
  /* from an older desk file's schema: a team database has its own */
  if (!store_test_on_team ())
    add_test ("migration", test_migration);
  add_test ("round-trip", test_round_trip);
  add_test ("import", test_import);
  add_test ("import-rules", test_import_rules);
  add_test ("import-again", test_import_again);
  add_test ("final-report", test_final_report);

  return g_test_run ();
}
