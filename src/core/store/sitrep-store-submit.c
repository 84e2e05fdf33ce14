/* sitrep-store-submit.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-main-context.h"
#include "sitrep-store-private.h"

/*
 * A user's action, written without making the window wait.
 *
 * A desk's own file answers within milliseconds, so its writes run at
 * once; what they changed is announced, and the one who submitted them
 * told, once the store's thread has synced them to the disk
 * (sitrep-store-sync.c). A team database is a server that may be slow, busy
 * with another desk's lock on the same incident, or gone: there a write
 * runs on a thread of the store's own, through a second connection with
 * the same login, one after the other in the order they were submitted.
 * The submitting store announces what the write changed
 * ("incident-changed", as for a write of its own) on the main loop, and
 * then tells the one who submitted it.
 */

typedef struct
{
  gint64 from;  /* the version before this desk's first write of the run */
  gint64 to;    /* the version its latest write made */
} OwnVersions;

typedef struct
{
  GWeakRef              store;
  GMainContext         *context;
  SitrepStoreWriteFunc  func;
  gpointer              data;
  GDestroyNotify        data_free;
  GWeakRef              owner;
  SitrepStoreWriteDone  done;
  guint                 policy_serial;
  gboolean              counted;   /* a write, in pending_writes */

  /* filled on the writing thread */
  GError               *error;
  GArray               *changes;   /* of SitrepStoreChange */
  gboolean              changed;
  gboolean              contacts_changed;
  SitrepPolicy         *policy;    /* the writer's, after a change of all */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->data_free != NULL)
    job->data_free (job->data);
  g_weak_ref_clear (&job->store);
  g_weak_ref_clear (&job->owner);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_clear_error (&job->error);
  g_clear_pointer (&job->changes, g_array_unref);
  g_clear_object (&job->policy);
  g_free (job);
}

/* Back on the main loop: what changed is announced by the store the
 * views listen to, then the owner hears how it went. */
static gboolean
job_done_cb (gpointer data)
{
  Job *job = data;
  g_autoptr(SitrepStore) self = g_weak_ref_get (&job->store);
  g_autoptr(GObject) owner = g_weak_ref_get (&job->owner);

  if (self != NULL)
    {
      if (job->counted)
        {
          g_assert (self->pending_writes > 0);
          self->pending_writes--;
        }

      /* A new policy, or an import that brought one: the views read the
       * store's own copy when it says that everything changed. */
      if (job->policy != NULL)
        g_set_object (&self->policy, job->policy);
      _sitrep_store_announce (self, job->changes, job->contacts_changed, job->changed);
    }

  if (owner != NULL && job->done != NULL)
    job->done (owner, job->error, job->data);

  return G_SOURCE_REMOVE;
}

static void
writer_incident_changed_cb (SitrepStore  *writer,
                            gint64        id,
                            SitrepChange  changes,
                            Job          *job)
{
  SitrepStoreChange change = { id, changes };

  g_array_append_val (job->changes, change);
}

static void
writer_changed_cb (SitrepStore *writer,
                   Job         *job)
{
  job->changed = TRUE;
}

static void
writer_contacts_changed_cb (SitrepStore *writer,
                            Job         *job)
{
  job->contacts_changed = TRUE;
}

/* On the writing thread. The submitting store lives until every write
 * it submitted has run (its finalization waits for this thread). */
static void
writer_run (gpointer data,
            gpointer user_data)
{
  Job *job = data;
  SitrepStore *self = user_data;

  if (self->writer == NULL)
    {
      self->writer = _sitrep_store_team_open_writer (self, &job->error);
      self->writer_policy_serial = job->policy_serial;
    }

  /* Another desk changed the policy since: the deadlines this desk
   * writes are computed with the team's. */
  if (self->writer != NULL && self->writer_policy_serial != job->policy_serial)
    {
      g_autoptr(GError) policy_error = NULL;
      g_autoptr(SitrepPolicy) policy = _sitrep_store_read_policy (self->writer, &policy_error);

      if (policy != NULL)
        {
          g_set_object (&self->writer->policy, policy);
          self->writer_policy_serial = job->policy_serial;
        }
      else
        g_debug ("The policy of %s was not read again: %s", self->path, policy_error->message);
    }

  if (self->writer != NULL)
    {
      gulong handlers[3];

      handlers[0] = g_signal_connect (self->writer, "incident-changed",
                                      G_CALLBACK (writer_incident_changed_cb), job);
      handlers[1] = g_signal_connect (self->writer, "changed",
                                      G_CALLBACK (writer_changed_cb), job);
      handlers[2] = g_signal_connect (self->writer, "contacts-changed",
                                      G_CALLBACK (writer_contacts_changed_cb), job);

      if (!job->func (self->writer, job->data, &job->error) && job->error == NULL)
        g_set_error_literal (&job->error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                             _("Nothing was written."));

      for (guint i = 0; i < G_N_ELEMENTS (handlers); i++)
        g_signal_handler_disconnect (self->writer, handlers[i]);

      if (job->changed)
        job->policy = sitrep_store_get_policy (self->writer);
    }

  if (job->error != NULL)
    g_debug ("A write to %s was refused: %s", self->path, job->error->message);

  sitrep_main_context_call (job->context, "[sitrep] a submitted write is done", job_done_cb,
                            job, job_free);
}

static void
submit (SitrepStore          *self,
        SitrepStoreWriteFunc  func,
        gpointer              data,
        GDestroyNotify        data_free,
        GObject              *owner,
        SitrepStoreWriteDone  done,
        gboolean              counted)
{
  g_autoptr(GError) error = NULL;
  Job *job;

  if (!self->team || self->reader || !_sitrep_store_team_check_reachable (self, &error))
    {
      if (error == NULL)
        {
          gboolean written;

          _sitrep_store_hold_announcements (self);
          self->track_own_versions = TRUE;
          written = func (self, data, &error);
          self->track_own_versions = FALSE;
          if (!written && error == NULL)
            g_set_error_literal (&error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                                 _("Nothing was written."));

          /* told once it is on the disk (sitrep-store-sync.c) */
          if (_sitrep_store_release_announcements (self, error, owner, done, data, data_free,
                                                   counted))
            {
              error = NULL;
              return;
            }
        }
      if (done != NULL)
        done (owner, error, data);
      if (data_free != NULL)
        data_free (data);
      return;
    }

  job = g_new0 (Job, 1);
  g_weak_ref_init (&job->store, self);
  job->context = g_main_context_ref_thread_default ();
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  g_weak_ref_init (&job->owner, owner);
  job->done = done;
  job->policy_serial = self->policy_serial;
  job->counted = counted;
  job->changes = g_array_new (FALSE, FALSE, sizeof (SitrepStoreChange));

  if (self->writer_pool == NULL)
    self->writer_pool = g_thread_pool_new (writer_run, self, 1, FALSE, NULL);

  if (counted)
    self->pending_writes++;
  g_thread_pool_push (self->writer_pool, job, NULL);
}

/**
 * sitrep_store_submit:
 * @self: a #SitrepStore
 * @func: (scope notified): the write, through the store's ordinary calls
 * @data: (closure): for @func and @done
 * @data_free: (nullable): frees @data when it is no longer needed
 * @owner: what the write is for (a view); @done is not called once it is
 *   gone, but the write is made all the same
 * @done: (nullable): called with the outcome
 *
 * Writes one user action without making the caller wait for a server.
 *
 * On a desk's own file the write runs at once; once it is on the disk,
 * @self emits what it changed and @done is called, on the main loop
 * (at once, before this returns, when it wrote nothing or the store
 * syncs in its commits). On a team database it runs on the store's writing
 * thread, after the writes submitted before it; when it is over, @self
 * emits what it changed (as for any of its own writes) and then @done
 * is called, on the thread-default main context of the caller. Writes
 * submitted one after the other to one incident are not stale because
 * of each other (sitrep_store_expect_version()). While the server is
 * known to be unreachable, @done is told so at once.
 */
void
sitrep_store_submit (SitrepStore          *self,
                     SitrepStoreWriteFunc  func,
                     gpointer              data,
                     GDestroyNotify        data_free,
                     GObject              *owner,
                     SitrepStoreWriteDone  done)
{
  g_return_if_fail (SITREP_IS_STORE (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (G_IS_OBJECT (owner));

  submit (self, func, data, data_free, owner, done, TRUE);
}

/**
 * sitrep_store_get_pending_writes:
 * @self: a #SitrepStore
 *
 * Returns: how many writes sitrep_store_submit() took that have not been
 *   reported back yet
 */
guint
sitrep_store_get_pending_writes (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), 0);

  return self->pending_writes;
}

/**
 * sitrep_store_wait_for_writes:
 * @self: a #SitrepStore
 *
 * Waits until every write submitted to @self has been made (or refused),
 * and announces them. For when the program ends, so that no submitted
 * write is lost; never while a window waits for its user.
 */
void
sitrep_store_wait_for_writes (SitrepStore *self)
{
  g_return_if_fail (SITREP_IS_STORE (self));

  while (self->pending_writes > 0)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
take_policy (SitrepStore  *writer,
             gpointer      data,
             GError      **error)
{
  SitrepPolicy **policy = data;

  *policy = sitrep_store_get_policy (writer);
  return TRUE;
}

static void
policy_taken_cb (GObject      *owner,
                 const GError *error,
                 gpointer      data)
{
  SitrepStore *self = SITREP_STORE (owner);
  SitrepPolicy **policy = data;

  if (*policy == NULL)
    {
      g_debug ("The policy of %s was not read again: %s", self->path,
               error != NULL ? error->message : "");
      return;
    }

  if (self->policy != NULL && sitrep_policy_equal (self->policy, *policy))
    return;

  /* Every deadline moves with it: everything is read again. */
  g_set_object (&self->policy, *policy);
  _sitrep_store_emit_changed (self);
}

static void
free_policy (gpointer data)
{
  SitrepPolicy **policy = data;

  g_clear_object (policy);
  g_free (policy);
}

/* Another desk changed what is not one incident (the policy, the roster,
 * an import), or this desk missed what changed while the server was away:
 * the store says that everything changed, and has the writing thread
 * read the policy again; a policy that is not the same any more is said
 * to change everything once more when it comes. */
void
_sitrep_store_team_reread_all (SitrepStore *self)
{
  self->policy_serial++;
  submit (self, take_policy, g_new0 (SitrepPolicy *, 1), free_policy, G_OBJECT (self),
          policy_taken_cb, FALSE);

  _sitrep_store_emit_contacts_changed (self);
  _sitrep_store_emit_changed (self);
}

/* Stops the writing thread after the writes submitted to it; called when
 * the store goes away. */
void
_sitrep_store_stop_writer (SitrepStore *self)
{
  if (self->writer_pool != NULL)
    {
      g_thread_pool_free (g_steal_pointer (&self->writer_pool), FALSE, TRUE);
      g_clear_object (&self->writer);
    }

  g_clear_pointer (&self->own_versions, g_hash_table_unref);
}

gboolean
_sitrep_store_own_version_covers (SitrepStore *self,
                                  gint64       id,
                                  gint64       expected,
                                  gint64       current)
{
  OwnVersions *own;

  if (self->own_versions == NULL)
    return FALSE;

  own = g_hash_table_lookup (self->own_versions, &id);
  return own != NULL && own->from <= expected && expected <= own->to && current == own->to;
}

void
_sitrep_store_own_version_add (SitrepStore *self,
                               gint64       id,
                               gint64       before,
                               gint64       after)
{
  OwnVersions *own;

  if (self->own_versions == NULL)
    self->own_versions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  own = g_hash_table_lookup (self->own_versions, &id);
  if (own == NULL)
    {
      own = g_new0 (OwnVersions, 1);
      g_hash_table_insert (self->own_versions, g_memdup2 (&id, sizeof id), own);
    }
  else if (own->to == before)
    {
      own->to = after;
      return;
    }

  own->from = before;
  own->to = after;
}
