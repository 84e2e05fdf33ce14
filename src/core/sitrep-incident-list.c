/* sitrep-incident-list.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sitrep-enums.h"
#include "sitrep-incident-list-private.h"
#include "sitrep-list-job.h"
#include "sitrep-worker.h"

/*
 * The ticket list's model. It holds only the ordered ids that the store's
 * query returns (8 bytes per incident) and builds an incident object when a
 * position is asked for, keeping a bounded number of recent ones, so that a
 * million incidents cost megabytes. A change is followed by a new query and
 * one items-changed for the range that differs, never a reset of the whole
 * list when a single incident changed.
 *
 * On a large database the full id list of a filter may take a noticeable
 * moment, so a new list first reads one screenful (FIRST_PAGE ids, an
 * index-served read that does not grow with the data) and then the rest,
 * announced as an insertion after the first page.
 *
 * Given a #SitrepWorker, every query that grows with the data (the rest of
 * the first page, a new filter, sort or search, a change that moved an
 * incident) runs on the worker's thread; the list keeps showing what it
 * has until the answer comes, and a query superseded by a newer one is
 * cancelled, so a stale answer is never shown. A change to one incident
 * announces its row at once, and queries again only when the change could
 * move it in the sort or in or out of the filter or search. Without a
 * worker, queries run in the calling thread.
 */

/* Enough for the rows a list view keeps built, twice. */
#define CACHE_SIZE 512

/* More rows than a tall monitor shows at once. */
#define FIRST_PAGE 100

/* More than the rows a list view builds at the top of the list (about
 * 200 in GTK 4.8): the incidents the worker reads with each answer from
 * a desk's file, where a read costs microseconds. On a team database
 * each is a round trip, and the answer waits for them: the worker reads
 * the first page's, and the rows below read theirs after it. */
#define ROWS_BUILT 256


static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SitrepIncidentList, sitrep_incident_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_FILTER,
  PROP_SORT,
  PROP_SEARCH_TEXT,
  PROP_USER_NAME,
  PROP_N_ITEMS,
  PROP_WORKER,
  PROP_CONTEXT,
  PROP_LOADING,
  PROP_COUNTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  INCIDENT_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cache_remove (SitrepIncidentList *self,
              gint64              id)
{
  gpointer key = NULL;

  if (!g_hash_table_lookup_extended (self->cache, &id, &key, NULL))
    return;

  g_queue_remove (&self->cache_order, key);
  g_hash_table_remove (self->cache, &id);
}

static void
cache_clear (SitrepIncidentList *self)
{
  g_queue_clear (&self->cache_order);
  g_hash_table_remove_all (self->cache);
}

static void
cache_insert (SitrepIncidentList *self,
              SitrepIncident     *incident)
{
  gint64 *key = g_new (gint64, 1);

  *key = sitrep_incident_get_id (incident);
  g_hash_table_insert (self->cache, key, g_object_ref (incident));
  g_queue_push_tail (&self->cache_order, key);

  while (g_queue_get_length (&self->cache_order) > CACHE_SIZE)
    {
      gint64 *oldest = g_queue_pop_head (&self->cache_order);

      g_hash_table_remove (self->cache, oldest);
    }
}

/* Keeps @incident, read on the worker, unless the list holds a newer
 * copy (one the context handed it after a change). */
void
_sitrep_incident_list_cache_newer (SitrepIncidentList *self,
                                   SitrepIncident     *incident)
{
  gint64 id = sitrep_incident_get_id (incident);
  SitrepIncident *cached = g_hash_table_lookup (self->cache, &id);

  if (cached != NULL &&
      sitrep_incident_get_version (cached) >= sitrep_incident_get_version (incident))
    return;

  cache_remove (self, id);
  cache_insert (self, incident);
}

/* The full id list, or with @first_page only its first FIRST_PAGE ids. */
static GArray *
run_query (SitrepIncidentList *self,
           gboolean            first_page)
{
  return _sitrep_list_query (self->store, self->filter, self->sort, self->search_text,
                             first_page ? FIRST_PAGE : 0);
}

static gboolean
ids_equal (const gint64 *a,
           const gint64 *b,
           guint         n)
{
  return n == 0 || memcmp (a, b, n * sizeof (gint64)) == 0;
}

static void
emit_items_changed (SitrepIncidentList *self,
                    guint               position,
                    guint               removed,
                    guint               added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* Replaces the ids by @new_ids and announces what differs: the common
 * prefix and suffix stay; a single incident that moved is announced as one
 * removal and one insertion; otherwise the range in between is replaced.
 * When @changed_id is shown but did not move, its row is announced as
 * changed so that views show its new data. */
static void
apply_ids (SitrepIncidentList *self,
           GArray             *new_ids_in,
           gint64              changed_id)
{
  g_autoptr(GArray) old_ids = NULL;
  g_autoptr(GArray) new_ids = new_ids_in;
  const gint64 *a;
  const gint64 *b;
  guint n_old;
  guint n_new;
  guint prefix = 0;
  guint suffix = 0;
  guint m_old;
  guint m_new;
  guint changed_pos;
  gint64 moved_id = 0;

  old_ids = self->ids;
  a = (const gint64 *) (gpointer) old_ids->data;
  b = (const gint64 *) (gpointer) new_ids->data;
  n_old = old_ids->len;
  n_new = new_ids->len;

  while (prefix < n_old && prefix < n_new && a[prefix] == b[prefix])
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix
         && a[n_old - 1 - suffix] == b[n_new - 1 - suffix])
    suffix++;

  m_old = n_old - prefix - suffix;
  m_new = n_new - prefix - suffix;

  if (m_old == m_new && m_old >= 2
      && (a[prefix] == b[prefix + m_new - 1]
          || a[prefix + m_old - 1] == b[prefix]))
    {
      gboolean to_end = a[prefix] == b[prefix + m_new - 1]
                        && ids_equal (a + prefix + 1, b + prefix, m_old - 1);
      gboolean to_start = !to_end && a[prefix + m_old - 1] == b[prefix]
                          && ids_equal (a + prefix, b + prefix + 1, m_old - 1);

      if (to_end || to_start)
        {
          guint from = to_end ? prefix : prefix + m_old - 1;
          guint to = to_end ? prefix + m_new - 1 : prefix;

          /* The model holds the state in between while the removal is
           * announced: the old ids without the incident, changed in
           * place rather than copied (8 MB at a million incidents). */
          moved_id = a[from];
          g_array_remove_index (old_ids, from);
          emit_items_changed (self, from, 1, 0);
          self->ids = g_steal_pointer (&new_ids);
          emit_items_changed (self, to, 0, 1);
          m_old = m_new = 0;
        }
    }

  /* A new answer replacing most of a large list is one change: a view
   * that keeps row widgets can then show the new incidents in the rows of
   * the old ones (the window's slot model does; it announces the rest to
   * GTK as a removal, then an insertion). */
  if (new_ids != NULL)
    {
      self->ids = g_steal_pointer (&new_ids);
      if (m_old > 0 || m_new > 0)
        emit_items_changed (self, prefix, m_old, m_new);
    }

  if (changed_id != 0 && changed_id != moved_id)
    {
      changed_pos = sitrep_incident_list_find (self, changed_id);
      if (changed_pos != SITREP_INCIDENT_LIST_INVALID_POSITION
          && (changed_pos < prefix || changed_pos >= prefix + m_new))
        emit_items_changed (self, changed_pos, 1, 1);
    }

  if (n_old != n_new)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
set_loading (SitrepIncidentList *self,
             GCancellable       *cancellable)
{
  gboolean was_loading = self->query_cancellable != NULL;

  g_set_object (&self->query_cancellable, cancellable);
  if (was_loading != (cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
query_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SitrepIncidentList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepListAnswer) answer = NULL;

  answer = sitrep_worker_run_finish (self->worker, result, &error);
  if (answer == NULL)
    {
      /* A newer query took its place: that one delivers. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* A team database that cannot be reached: the window says so, and
       * the list shows what it last read. */
      if (g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_UNREACHABLE))
        g_debug ("%s", error->message);
      else
        g_warning ("Could not list the incidents of %s: %s",
                 sitrep_worker_get_path (self->worker), error->message);
      set_loading (self, NULL);
      return;
    }

  set_loading (self, NULL);
  _sitrep_incident_list_set_counts (self, &answer->counts);

  /* The rows show these first. */
  for (guint i = 0; answer->incidents != NULL && i < answer->incidents->len; i++)
    _sitrep_incident_list_cache_newer (self, g_ptr_array_index (answer->incidents, i));

  apply_ids (self, g_steal_pointer (&answer->ids), 0);
}

/* Asks the worker for the full list; a query still under way is
 * superseded. */
static void
start_query (SitrepIncidentList *self)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SitrepListJob *job;

  if (self->query_cancellable != NULL)
    {
      g_cancellable_cancel (self->query_cancellable);
      self->n_superseded++;
    }
  set_loading (self, cancellable);

  job = _sitrep_list_job_new (self->filter, self->sort, self->search_text,
                              sitrep_store_is_team (self->store) ? FIRST_PAGE : ROWS_BUILT);
  sitrep_worker_run_async (self->worker, _sitrep_list_job_run, job,
                           (GDestroyNotify) _sitrep_list_job_free,
                           (GDestroyNotify) _sitrep_list_answer_free, cancellable,
                           query_done_cb, g_object_ref (self));
}

/* Queries again and announces what differs (with a worker, once the
 * answer comes). */
void
_sitrep_incident_list_update (SitrepIncidentList *self,
                              gint64              changed_id)
{
  /* the full list is read now: the rest of the first page is not needed */
  if (self->load_rest_source != NULL)
    {
      g_source_destroy (self->load_rest_source);
      g_clear_pointer (&self->load_rest_source, g_source_unref);
    }

  if (self->worker != NULL)
    start_query (self);
  else
    {
      _sitrep_incident_list_count_now (self);
      apply_ids (self, run_query (self, FALSE), changed_id);
    }
}

/* Whether @changes (#SitrepChange flags) could move an incident in the
 * list's order, or in or out of its filter or search. */
static gboolean
changes_affect_query (SitrepIncidentList *self,
                      guint               changes)
{
  /* the counts follow the status and the deadlines */
  guint keys = SITREP_CHANGE_CREATED | SITREP_CHANGE_STATUS | SITREP_CHANGE_DEADLINES;

  /* an escalation is announced as a change of owner */
  if (self->filter->owner != NULL || self->filter->team != NULL)
    keys |= SITREP_CHANGE_OWNER;
  if (self->filter->service != NULL)
    keys |= SITREP_CHANGE_FIELDS;
  if (self->sort == SITREP_LIST_SORT_LEVEL || self->filter->level != 0)
    keys |= SITREP_CHANGE_LEVEL;
  /* the search covers the texts, the timeline and the people */
  if (self->search_text != NULL)
    keys |= SITREP_CHANGE_FIELDS | SITREP_CHANGE_TIMELINE | SITREP_CHANGE_OWNER |
            SITREP_CHANGE_COMPLAINTS;

  return (changes & keys) != 0;
}

static gboolean
load_rest_cb (gpointer user_data)
{
  SitrepIncidentList *self = user_data;

  /* update() finds the first page unchanged and announces the rest */
  _sitrep_incident_list_update (self, 0);
  return G_SOURCE_REMOVE;
}

/* @incident: the incident as read after the change, or %NULL to read it
 * when its row asks */
static void
follow_change (SitrepIncidentList *self,
               gint64              id,
               guint               changes,
               SitrepIncident     *incident)
{
  guint position;

  cache_remove (self, id);
  if (incident != NULL
      && sitrep_incident_list_find (self, id) != SITREP_INCIDENT_LIST_INVALID_POSITION)
    cache_insert (self, incident);

  if (changes_affect_query (self, changes) && self->worker == NULL)
    {
      _sitrep_incident_list_update (self, id);
      return;
    }

  /* The row shows the new data at once; where it belongs follows. With
   * the incident as the context read it, the row is told to show it in
   * place: replacing a list view's item at the top of the list makes it
   * build its rows again (30-40 ms in GTK 4.8), and drops the selection. */
  position = sitrep_incident_list_find (self, id);
  if (position != SITREP_INCIDENT_LIST_INVALID_POSITION && incident != NULL)
    g_signal_emit (self, signals[INCIDENT_UPDATED], 0, position, incident);
  else if (position != SITREP_INCIDENT_LIST_INVALID_POSITION)
    emit_items_changed (self, position, 1, 1);

  if (changes_affect_query (self, changes))
    _sitrep_incident_list_update (self, 0);
}

static void
incident_changed_cb (SitrepStore        *store,
                     gint64              id,
                     guint               changes,
                     SitrepIncidentList *self)
{
  follow_change (self, id, changes, NULL);
}

static void
context_incident_changed_cb (SitrepContext      *context,
                             gint64              id,
                             guint               changes,
                             SitrepIncident     *incident,
                             SitrepIncidentList *self)
{
  follow_change (self, id, changes, incident);
}

static void
changed_cb (SitrepStore        *store,
            SitrepIncidentList *self)
{
  cache_clear (self);
  _sitrep_incident_list_update (self, 0);
}

static GType
sitrep_incident_list_get_item_type (GListModel *model)
{
  return SITREP_TYPE_INCIDENT;
}

static guint
sitrep_incident_list_get_n_items (GListModel *model)
{
  SitrepIncidentList *self = SITREP_INCIDENT_LIST (model);

  return self->ids->len;
}

static gpointer
sitrep_incident_list_get_item (GListModel *model,
                               guint       position)
{
  SitrepIncidentList *self = SITREP_INCIDENT_LIST (model);
  g_autoptr(GError) error = NULL;
  SitrepIncident *incident;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  incident = g_hash_table_lookup (self->cache, &id);
  if (incident != NULL)
    return g_object_ref (incident);

  /* A server is asked on the worker. */
  if (self->worker != NULL && sitrep_store_is_team (self->store))
    return _sitrep_incident_list_fetch_later (self, id, position);

  incident = sitrep_store_get_incident (self->store, id, &error);
  if (incident == NULL)
    {
      /* Gone between the query and now (another process): an empty item
       * keeps the model's contract until the store announces the change. */
      g_debug ("Incident %" G_GINT64_FORMAT " could not be read: %s",
               id, error->message);
      incident = sitrep_incident_new ();
      sitrep_incident_set_id (incident, id);
      return incident;
    }

  cache_insert (self, incident);
  return incident;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sitrep_incident_list_get_item_type;
  iface->get_n_items = sitrep_incident_list_get_n_items;
  iface->get_item = sitrep_incident_list_get_item;
}

static void
set_store (SitrepIncidentList *self,
           SitrepStore        *store)
{
  if (store == NULL)
    return;

  self->store = g_object_ref (store);
  self->changed_handler =
    g_signal_connect (store, "changed", G_CALLBACK (changed_cb), self);
}

static void
sitrep_incident_list_constructed (GObject *object)
{
  SitrepIncidentList *self = SITREP_INCIDENT_LIST (object);

  G_OBJECT_CLASS (sitrep_incident_list_parent_class)->constructed (object);

  /* A context reads a changed incident once for every view; without one,
   * the row reads it when asked. */
  if (self->context != NULL)
    self->context_changed_handler =
      g_signal_connect (self->context, "incident-changed",
                        G_CALLBACK (context_incident_changed_cb), self);
  else if (self->store != NULL)
    self->incident_changed_handler =
      g_signal_connect (self->store, "incident-changed", G_CALLBACK (incident_changed_cb), self);

  /* A server is asked on the worker: the list is empty until it answers. */
  if (self->worker != NULL && self->store != NULL && sitrep_store_is_team (self->store))
    {
      start_query (self);
      return;
    }

  g_array_unref (self->ids);
  self->ids = run_query (self, TRUE);
  /* index-served, like the first page: the unfinished incidents only */
  _sitrep_incident_list_count_now (self);

  if (self->ids->len == FIRST_PAGE && self->worker != NULL)
    start_query (self);
  else if (self->ids->len == FIRST_PAGE)
    {
      self->load_rest_source = g_idle_source_new ();
      g_source_set_priority (self->load_rest_source, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (self->load_rest_source, load_rest_cb, self, NULL);
      g_source_set_static_name (self->load_rest_source, "[sitrep] load the incident list");
      g_source_attach (self->load_rest_source, g_main_context_get_thread_default ());
    }
}

static void
sitrep_incident_list_dispose (GObject *object)
{
  SitrepIncidentList *self = SITREP_INCIDENT_LIST (object);

  if (self->load_rest_source != NULL)
    {
      g_source_destroy (self->load_rest_source);
      g_clear_pointer (&self->load_rest_source, g_source_unref);
    }

  if (self->query_cancellable != NULL)
    g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);
  _sitrep_incident_list_fetch_stop (self);
  g_clear_object (&self->worker);
  if (self->context != NULL)
    g_clear_signal_handler (&self->context_changed_handler, self->context);
  g_clear_object (&self->context);

  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->changed_handler, self->store);
      g_clear_signal_handler (&self->incident_changed_handler, self->store);
      g_clear_object (&self->store);
    }
  cache_clear (self);

  G_OBJECT_CLASS (sitrep_incident_list_parent_class)->dispose (object);
}

static void
sitrep_incident_list_finalize (GObject *object)
{
  SitrepIncidentList *self = SITREP_INCIDENT_LIST (object);

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->asked, g_hash_table_unref);
  g_clear_pointer (&self->wanted, g_array_unref);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->user_name, g_free);
  g_clear_pointer (&self->filter, sitrep_filter_free);

  G_OBJECT_CLASS (sitrep_incident_list_parent_class)->finalize (object);
}

static void
sitrep_incident_list_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SitrepIncidentList *self = SITREP_INCIDENT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_FILTER:
      g_value_set_boxed (value, self->filter);
      break;

    case PROP_SORT:
      g_value_set_enum (value, self->sort);
      break;

    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;

    case PROP_USER_NAME:
      g_value_set_string (value, self->user_name);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;

    case PROP_WORKER:
      g_value_set_object (value, self->worker);
      break;

    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->query_cancellable != NULL);
      break;

    case PROP_COUNTS:
      g_value_set_pointer (value, &self->counts);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_incident_list_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SitrepIncidentList *self = SITREP_INCIDENT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;

    case PROP_FILTER:
      sitrep_incident_list_set_conditions (self, g_value_get_boxed (value));
      break;

    case PROP_SORT:
      sitrep_incident_list_set_sort (self, g_value_get_enum (value));
      break;

    case PROP_SEARCH_TEXT:
      sitrep_incident_list_set_search_text (self, g_value_get_string (value));
      break;

    case PROP_USER_NAME:
      sitrep_incident_list_set_user_name (self, g_value_get_string (value));
      break;

    case PROP_WORKER:
      self->worker = g_value_dup_object (value);
      break;

    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_incident_list_class_init (SitrepIncidentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sitrep_incident_list_constructed;
  object_class->dispose = sitrep_incident_list_dispose;
  object_class->finalize = sitrep_incident_list_finalize;
  object_class->get_property = sitrep_incident_list_get_property;
  object_class->set_property = sitrep_incident_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         SITREP_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_FILTER] =
    g_param_spec_boxed ("filter", NULL, NULL,
                        SITREP_TYPE_FILTER,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_SORT] =
    g_param_spec_enum ("sort", NULL, NULL,
                       SITREP_TYPE_LIST_SORT,
                       SITREP_LIST_SORT_NEXT_DUE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * SitrepIncidentList:worker:
   *
   * The worker that runs the queries that grow with the data, or %NULL to
   * run them in the calling thread.
   */
  properties[PROP_WORKER] =
    g_param_spec_object ("worker", NULL, NULL,
                         SITREP_TYPE_WORKER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * SitrepIncidentList:context:
   *
   * The context whose #SitrepContext::incident-changed the list follows
   * instead of the store's, taking the incident it read; or %NULL.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         SITREP_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * SitrepIncidentList:loading:
   *
   * Whether a query is under way on the worker; the list shows the
   * previous answer meanwhile. It turns %FALSE just before the answer
   * replaces the list's contents, so that a selection can be set aside
   * first.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * SitrepIncidentList:counts: (type gpointer)
   *
   * The #SitrepListCounts of the store, read with the last query (see
   * sitrep_incident_list_get_counts()).
   */
  properties[PROP_COUNTS] =
    g_param_spec_pointer ("counts", NULL, NULL,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitrepIncidentList::incident-updated:
   * @self: the list
   * @position: where the incident is
   * @incident: the incident as it is now, which the list returns for
   *   @position from now on
   *
   * A list that follows a context (sitrep_incident_list_new_for_context())
   * announces a change to an incident's contents this way instead of with
   * #GListModel::items-changed: a view shows @incident in the row it
   * already has. Where the change moves the incident, items-changed
   * follows once the worker has answered.
   */
  signals[INCIDENT_UPDATED] =
    g_signal_new ("incident-updated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, SITREP_TYPE_INCIDENT);
}

static void
sitrep_incident_list_init (SitrepIncidentList *self)
{
  self->filter = sitrep_filter_new ();
  self->sort = SITREP_LIST_SORT_NEXT_DUE;
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                       g_free, g_object_unref);
  g_queue_init (&self->cache_order);
  self->asked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->wanted = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/**
 * sitrep_incident_list_new:
 * @store: the store to list
 *
 * Creates the list of @store's open incidents, next deadline first. It
 * follows the store's changes by itself. At first it holds the first
 * screenful of incidents; the rest follow from an idle callback of the
 * thread-default main context, announced with #GListModel::items-changed.
 *
 * Returns: (transfer full): the list
 */
SitrepIncidentList *
sitrep_incident_list_new (SitrepStore *store)
{
  g_return_val_if_fail (SITREP_IS_STORE (store), NULL);

  return g_object_new (SITREP_TYPE_INCIDENT_LIST, "store", store, NULL);
}

/**
 * sitrep_incident_list_new_with_worker:
 * @store: the store to list and follow
 * @worker: the worker that runs the queries, reading @store's database
 *
 * Like sitrep_incident_list_new(), but every query that grows with the
 * data runs on @worker: the list changes when its answer arrives in the
 * thread-default main context (see #SitrepIncidentList:loading).
 *
 * Returns: (transfer full): the list
 */
SitrepIncidentList *
sitrep_incident_list_new_with_worker (SitrepStore  *store,
                                      SitrepWorker *worker)
{
  g_return_val_if_fail (SITREP_IS_STORE (store), NULL);
  g_return_val_if_fail (SITREP_IS_WORKER (worker), NULL);

  return g_object_new (SITREP_TYPE_INCIDENT_LIST, "store", store, "worker", worker, NULL);
}

/**
 * sitrep_incident_list_new_for_context:
 * @context: a context with a store
 *
 * The list of the context's store, whose queries run on the context's
 * worker, and which follows the context's #SitrepContext::incident-changed:
 * a changed incident's row shows the incident the context read, without
 * reading it again.
 *
 * Returns: (transfer full): the list
 */
SitrepIncidentList *
sitrep_incident_list_new_for_context (SitrepContext *context)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (sitrep_context_get_store (context) != NULL, NULL);

  return g_object_new (SITREP_TYPE_INCIDENT_LIST,
                       "store", sitrep_context_get_store (context),
                       "worker", sitrep_context_get_worker (context),
                       "context", context,
                       NULL);
}

/**
 * sitrep_incident_list_get_loading:
 * @self: a list
 *
 * Returns: whether a query is under way on the list's worker
 */
gboolean
sitrep_incident_list_get_loading (SitrepIncidentList *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_LIST (self), FALSE);

  return self->query_cancellable != NULL;
}

/**
 * sitrep_incident_list_get_n_superseded:
 * @self: a list
 *
 * Returns: how many queries were cancelled because a newer one took their
 *   place before they answered
 */
guint
sitrep_incident_list_get_n_superseded (SitrepIncidentList *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_LIST (self), 0);

  return self->n_superseded;
}

/**
 * sitrep_incident_list_get_store:
 * @self: a list
 *
 * Returns: (transfer none): the store
 */
SitrepStore *
sitrep_incident_list_get_store (SitrepIncidentList *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_LIST (self), NULL);

  return self->store;
}

/**
 * sitrep_incident_list_get_sort:
 * @self: a list
 *
 * Returns: the order of the list
 */
SitrepListSort
sitrep_incident_list_get_sort (SitrepIncidentList *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_LIST (self), SITREP_LIST_SORT_NEXT_DUE);

  return self->sort;
}

/**
 * sitrep_incident_list_set_sort:
 * @self: a list
 * @sort: the order to show the incidents in
 */
void
sitrep_incident_list_set_sort (SitrepIncidentList *self,
                               SitrepListSort      sort)
{
  g_return_if_fail (SITREP_IS_INCIDENT_LIST (self));

  if (self->sort == sort)
    return;

  self->sort = sort;
  _sitrep_incident_list_update (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

/**
 * sitrep_incident_list_get_search_text:
 * @self: a list
 *
 * Returns: (transfer none) (nullable): the words the incidents must contain
 */
const char *
sitrep_incident_list_get_search_text (SitrepIncidentList *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_LIST (self), NULL);

  return self->search_text;
}

/**
 * sitrep_incident_list_set_search_text:
 * @self: a list
 * @text: (nullable): words to search for, or %NULL or "" for no search
 */
void
sitrep_incident_list_set_search_text (SitrepIncidentList *self,
                                      const char         *text)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (SITREP_IS_INCIDENT_LIST (self));

  if (text != NULL)
    {
      stripped = g_strstrip (g_strdup (text));
      if (stripped[0] == '\0')
        g_clear_pointer (&stripped, g_free);
    }

  if (g_strcmp0 (self->search_text, stripped) == 0)
    return;

  g_free (self->search_text);
  self->search_text = g_steal_pointer (&stripped);
  _sitrep_incident_list_update (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

/**
 * sitrep_incident_list_get_user_name:
 * @self: a list
 *
 * Returns: (transfer none) (nullable): the name %SITREP_LIST_FILTER_MINE
 *   matches
 */
const char *
sitrep_incident_list_get_user_name (SitrepIncidentList *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_LIST (self), NULL);

  return self->user_name;
}

/**
 * sitrep_incident_list_set_user_name:
 * @self: a list
 * @user_name: (nullable): the user's name, the owner that
 *   %SITREP_LIST_FILTER_MINE shows; a filter on the previous name's
 *   incidents turns to the new name's
 */
void
sitrep_incident_list_set_user_name (SitrepIncidentList *self,
                                    const char         *user_name)
{
  g_return_if_fail (SITREP_IS_INCIDENT_LIST (self));

  if (g_strcmp0 (self->user_name, user_name) == 0)
    return;

  /* a filter on the user's own incidents follows the user's name */
  if (self->filter->owner != NULL
      && g_strcmp0 (self->filter->owner, self->user_name != NULL ? self->user_name : "") == 0)
    {
      g_free (self->filter->owner);
      self->filter->owner = g_strdup (user_name != NULL ? user_name : "");
      _sitrep_incident_list_update (self, 0);
    }

  g_free (self->user_name);
  self->user_name = g_strdup (user_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_NAME]);
}

/**
 * sitrep_incident_list_get_id:
 * @self: a list
 * @position: a position in the list
 *
 * Returns: the id of the incident at @position, without reading it, or 0
 *   when @position is past the end
 */
gint64
sitrep_incident_list_get_id (SitrepIncidentList *self,
                             guint               position)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_LIST (self), 0);

  if (position >= self->ids->len)
    return 0;

  return g_array_index (self->ids, gint64, position);
}

/**
 * sitrep_incident_list_peek_latest:
 * @self: a list
 * @id: an incident's id
 *
 * A list view keeps the item it was given for a row; when an incident
 * changes in place (#SitrepIncidentList::incident-updated), the item it
 * keeps is the incident as it was. A row bound again later asks for the
 * incident as it is now.
 *
 * Returns: (transfer none) (nullable): incident @id as last read, or
 *   %NULL when the list holds no copy of it
 */
SitrepIncident *
sitrep_incident_list_peek_latest (SitrepIncidentList *self,
                                  gint64              id)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_LIST (self), NULL);

  return g_hash_table_lookup (self->cache, &id);
}

/**
 * sitrep_incident_list_find:
 * @self: a list
 * @id: an incident's id
 *
 * Returns: the position of incident @id, or
 *   %SITREP_INCIDENT_LIST_INVALID_POSITION when the list does not show it
 */
guint
sitrep_incident_list_find (SitrepIncidentList *self,
                           gint64              id)
{
  const gint64 *ids;

  g_return_val_if_fail (SITREP_IS_INCIDENT_LIST (self), SITREP_INCIDENT_LIST_INVALID_POSITION);

  ids = (const gint64 *) (gpointer) self->ids->data;
  for (guint i = 0; i < self->ids->len; i++)
    {
      if (ids[i] == id)
        return i;
    }

  return SITREP_INCIDENT_LIST_INVALID_POSITION;
}

/**
 * sitrep_incident_list_get_n_cached:
 * @self: a list
 *
 * The list reads an incident only when its position is asked for and keeps
 * a bounded number of them; this is how many it holds now.
 *
 * Returns: the number of incident objects the list holds
 */
guint
sitrep_incident_list_get_n_cached (SitrepIncidentList *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_LIST (self), 0);

  return g_hash_table_size (self->cache);
}

/**
 * sitrep_incident_list_refresh:
 * @self: a list
 *
 * Queries the store again and announces what differs. Moments pass while
 * nothing is written (an incident becomes at risk), so a view showing the
 * "at risk" filter calls this now and then.
 */
void
sitrep_incident_list_refresh (SitrepIncidentList *self)
{
  g_return_if_fail (SITREP_IS_INCIDENT_LIST (self));

  _sitrep_incident_list_update (self, 0);
}
