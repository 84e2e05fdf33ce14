/* sitrep-worker.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-store-private.h"
#include "sitrep-worker.h"

/*
 * Reads that grow with the database (list queries, search, the "All" list,
 * the alert catch-up) run here, away from the main loop, which only paints
 * and reacts. A worker is one thread with its own read-only connection
 * (sitrep_store_open_reader(), opened on that thread on the first job); WAL
 * lets it read while the main thread writes. Jobs run one after the other
 * in the order given, each as a #GTask whose result returns to the main
 * context of the caller.
 *
 * A job whose cancellable is cancelled before it starts does not run; one
 * cancelled while it runs finishes, but its result is dropped and the
 * caller sees %G_IO_ERROR_CANCELLED. So a query superseded by newer input
 * is cancelled, not queued, and its stale result is never delivered.
 */

typedef struct
{
  SitrepWorkerFunc func;
  gpointer         data;
  GDestroyNotify   data_free;
  GDestroyNotify   result_free;
} Job;

/* What the thread shares with the object; the thread holds its own
 * reference, so that the object can go while a job finishes. */
typedef struct
{
  gatomicrefcount  ref_count;
  char            *path;
  char            *password;     /* a team database's, if given */
  SitrepClock     *clock;
  GAsyncQueue     *jobs;         /* GTask*, or the state itself to stop */
  gint             stopping;     /* atomic */
  guint            n_run;        /* atomic: jobs that ran */
} State;

struct _SitrepWorker
{
  GObject  parent_instance;

  State   *state;
  GThread *thread;
};

G_DEFINE_FINAL_TYPE (SitrepWorker, sitrep_worker, G_TYPE_OBJECT)

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static State *
state_ref (State *state)
{
  g_atomic_ref_count_inc (&state->ref_count);
  return state;
}

static void
state_unref (State *state)
{
  if (!g_atomic_ref_count_dec (&state->ref_count))
    return;

  g_async_queue_unref (state->jobs);
  g_clear_object (&state->clock);
  g_free (state->path);
  g_free (state->password);
  g_free (state);
}

static void
run_job (State        *state,
         SitrepStore **reader,
         GTask        *task)
{
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer result;

  /* Superseded while it waited: it does not run at all. */
  if (g_atomic_int_get (&state->stopping) || g_task_return_error_if_cancelled (task))
    {
      if (!g_task_had_error (task))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 "The worker of “%s” stopped", state->path);
      return;
    }

  if (*reader == NULL && sitrep_store_is_team_address (state->path))
    *reader = sitrep_store_open_team_reader (state->path, state->password, state->clock, &error);
  else if (*reader == NULL)
    *reader = sitrep_store_open_reader (state->path, state->clock, &error);

  if (*reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  result = job->func (*reader, job->data, g_task_get_cancellable (task), &error);
  g_atomic_int_inc (&state->n_run);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, job->result_free);
}

static gpointer
thread_func (gpointer user_data)
{
  State *state = user_data;
  SitrepStore *reader = NULL;

  for (;;)
    {
      gpointer item = g_async_queue_pop (state->jobs);
      GTask *task;

      if (item == state)
        break;

      task = item;
      run_job (state, &reader, task);
      g_object_unref (task);
    }

  /* The reader belongs to this thread: it closes here. */
  g_clear_object (&reader);
  state_unref (state);

  return NULL;
}

static void
sitrep_worker_finalize (GObject *object)
{
  SitrepWorker *self = SITREP_WORKER (object);

  /* Jobs still waiting return cancelled without running; the thread then
   * closes its connection and ends. */
  g_atomic_int_set (&self->state->stopping, TRUE);
  g_async_queue_push (self->state->jobs, self->state);
  if (self->thread != NULL)
    g_thread_join (self->thread);
  state_unref (self->state);

  G_OBJECT_CLASS (sitrep_worker_parent_class)->finalize (object);
}

static void
sitrep_worker_class_init (SitrepWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_worker_finalize;
}

static void
sitrep_worker_init (SitrepWorker *self)
{
}

/**
 * sitrep_worker_new:
 * @path: the database, created and brought up to date by a writing store
 * @clock: the clock that says what "now" is
 *
 * Starts a worker thread that reads @path through its own read-only
 * connection, opened when the first job runs.
 *
 * Returns: (transfer full): the worker
 */
SitrepWorker *
sitrep_worker_new (const char  *path,
                   SitrepClock *clock)
{
  SitrepWorker *self;
  State *state;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (SITREP_IS_CLOCK (clock), NULL);

  self = g_object_new (SITREP_TYPE_WORKER, NULL);
  state = g_new0 (State, 1);
  g_atomic_ref_count_init (&state->ref_count);
  state->path = g_strdup (path);
  state->clock = g_object_ref (clock);
  state->jobs = g_async_queue_new ();
  self->state = state;
  self->thread = g_thread_new ("sitrep-worker", thread_func, state_ref (state));

  return self;
}

/**
 * sitrep_worker_new_for_store:
 * @store: a writing store
 *
 * Like sitrep_worker_new(), for the database of @store: its file, or
 * its team database (with the password it was given, if any).
 *
 * Returns: (transfer full): the worker
 */
SitrepWorker *
sitrep_worker_new_for_store (SitrepStore *store)
{
  SitrepWorker *self;

  g_return_val_if_fail (SITREP_IS_STORE (store), NULL);

  if (!sitrep_store_is_team (store))
    return sitrep_worker_new (sitrep_store_get_path (store), sitrep_store_get_clock (store));

  self = sitrep_worker_new (_sitrep_store_get_address (store), sitrep_store_get_clock (store));
  self->state->password = g_strdup (_sitrep_store_get_password (store));
  return self;
}

/**
 * sitrep_worker_get_path:
 * @self: a worker
 *
 * Returns: (transfer none): the database the worker reads
 */
const char *
sitrep_worker_get_path (SitrepWorker *self)
{
  g_return_val_if_fail (SITREP_IS_WORKER (self), NULL);

  return self->state->path;
}

/**
 * sitrep_worker_run_async:
 * @self: a worker
 * @func: the read to run on the worker's thread
 * @data: (nullable): its data, which the worker's thread uses
 * @data_free: (nullable): frees @data when the job is done
 * @result_free: (nullable): frees a result nobody took
 * @cancellable: (nullable): cancel it to drop the job or its result
 * @callback: called in the caller's thread-default main context
 * @user_data: for @callback
 *
 * Queues @func behind the jobs given before.
 */
void
sitrep_worker_run_async (SitrepWorker        *self,
                         SitrepWorkerFunc     func,
                         gpointer             data,
                         GDestroyNotify       data_free,
                         GDestroyNotify       result_free,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (SITREP_IS_WORKER (self));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;

  /* No source object: the task may be released on the worker's thread,
   * which must not drop the last reference to the worker. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_worker_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_set_check_cancellable (task, TRUE);
  g_task_set_name (task, "[sitrep] worker job");

  g_async_queue_push (self->state->jobs, g_steal_pointer (&task));
}

/**
 * sitrep_worker_run_finish:
 * @self: a worker
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): what the job returned, or %NULL with
 *   @error set (%G_IO_ERROR_CANCELLED for a job cancelled before it ended)
 */
gpointer
sitrep_worker_run_finish (SitrepWorker  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (SITREP_IS_WORKER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sitrep_worker_run_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sitrep_worker_get_n_run:
 * @self: a worker
 *
 * How many jobs have run to their end; a job dropped because it was
 * cancelled before it started does not count.
 *
 * Returns: the number of jobs run
 */
guint
sitrep_worker_get_n_run (SitrepWorker *self)
{
  g_return_val_if_fail (SITREP_IS_WORKER (self), 0);

  return (guint) g_atomic_int_get (&self->state->n_run);
}
