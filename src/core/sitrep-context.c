/* sitrep-context.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-context.h"
#include "sitrep-lifecycle.h"
#include "sitrep-worker.h"

/*
 * What every view of Sitrep shares: the store, its clock, the settings and
 * who the user is. Views take them from here instead of opening or deciding
 * anything themselves. The user's role decides in this one place whether
 * the user may change anything (a supervisor has data viewing permission
 * only); the store is told, so that it refuses writes too, and views bind
 * to #SitrepContext:read-only. Reads that grow with the data go to the one
 * worker it hands out, never to the store on the main thread.
 */

struct _SitrepContext
{
  GObject      parent_instance;

  SitrepStore *store;
  GSettings   *settings;
  SitrepWorker *worker;
  GCancellable *cancellable;     /* the context's own reads */
  char        *user_name;
  char        *role;
  gboolean     read_only;
};

G_DEFINE_FINAL_TYPE (SitrepContext, sitrep_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_USER_NAME,
  PROP_ROLE,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  INCIDENT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The name recorded as the author of changes: the one set in the
 * preferences, else the account's full name, else its login. */
static char *
dup_user_name (SitrepContext *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "user-name");

  g_strstrip (name);
  if (name[0] != '\0')
    return g_steal_pointer (&name);

  if (g_strcmp0 (g_get_real_name (), "Unknown") != 0)
    return g_strdup (g_get_real_name ());

  return g_strdup (g_get_user_name ());
}

static void
update_user_name (SitrepContext *self)
{
  g_autofree char *name = dup_user_name (self);

  if (g_strcmp0 (name, self->user_name) == 0)
    return;

  g_free (self->user_name);
  self->user_name = g_steal_pointer (&name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_NAME]);
}

/* On a team database the role is the server's, whatever the setting
 * says: a supervisor's login may only read there. */
static char *
dup_role (SitrepContext *self)
{
  if (self->store != NULL && sitrep_store_is_team (self->store))
    {
      switch (sitrep_store_get_team_role (self->store))
        {
        case SITREP_TEAM_ROLE_MANAGER:
          return g_strdup ("incident-manager");
        case SITREP_TEAM_ROLE_SUPERVISOR:
        case SITREP_TEAM_ROLE_NONE:
        default:
          return g_strdup ("supervisor");
        }
    }

  return g_settings_get_string (self->settings, "user-role");
}

static void
update_role (SitrepContext *self)
{
  g_autofree char *role = dup_role (self);
  gboolean read_only = g_strcmp0 (role, "supervisor") == 0;

  /* The store learns first, and both properties hold their new values
   * before either is announced, so that whoever reacts to one finds the
   * other and the store agreeing with it. */
  if (self->store != NULL)
    sitrep_store_set_read_only (self->store, read_only);

  g_object_freeze_notify (G_OBJECT (self));

  if (g_strcmp0 (role, self->role) != 0)
    {
      g_free (self->role);
      self->role = g_steal_pointer (&role);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
    }

  if (read_only != self->read_only)
    {
      self->read_only = read_only;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/* The caller's side of a read on the worker. */
typedef struct
{
  SitrepWorker        *worker;
  SitrepContextAnswer  answer;
  gpointer             user_data;
  GDestroyNotify       user_data_free;
  GDestroyNotify       result_free;
} ReadCall;

static void
read_call_free (ReadCall *call)
{
  if (call->user_data_free != NULL)
    call->user_data_free (call->user_data);
  g_clear_object (&call->worker);
  g_free (call);
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *async_result,
              gpointer      user_data)
{
  ReadCall *call = user_data;
  g_autoptr(GError) error = NULL;
  gpointer result;

  result = sitrep_worker_run_finish (call->worker, async_result, &error);
  if (result != NULL || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    call->answer (result, error, call->user_data);
  if (result != NULL && call->result_free != NULL)
    call->result_free (result);
  read_call_free (call);
}

/**
 * sitrep_context_read:
 * @self: a context with a store
 * @func: the read, given the store to read from
 * @data: (nullable): its data
 * @data_free: (nullable): frees @data once read
 * @result_free: frees what @func returns, once @answer has seen it
 * @cancellable: (nullable): cancel it when the answer is no longer wanted
 * @answer: called with what @func returned, unless @cancellable was
 *   cancelled
 * @user_data: for @answer
 * @user_data_free: (nullable): frees @user_data once @answer was called
 *   or the read was cancelled
 *
 * Runs a bounded read for a view: one incident, its links or complaints.
 * From a desk's own file @func reads the store at once, and @answer is
 * called before this returns. A team database may be slow or away, so
 * there @func runs on the context's worker, with the worker's connection,
 * and @answer is called later on the main loop, in the order the reads
 * were asked for. @func must therefore use nothing but its arguments.
 */
void
sitrep_context_read (SitrepContext       *self,
                     SitrepWorkerFunc     func,
                     gpointer             data,
                     GDestroyNotify       data_free,
                     GDestroyNotify       result_free,
                     GCancellable        *cancellable,
                     SitrepContextAnswer  answer,
                     gpointer             user_data,
                     GDestroyNotify       user_data_free)
{
  ReadCall *call;

  g_return_if_fail (SITREP_IS_CONTEXT (self));
  g_return_if_fail (self->store != NULL);
  g_return_if_fail (func != NULL);
  g_return_if_fail (answer != NULL);

  if (!sitrep_store_is_team (self->store))
    {
      g_autoptr(GError) error = NULL;
      gpointer result = NULL;

      if (!g_cancellable_is_cancelled (cancellable))
        {
          result = func (self->store, data, cancellable, &error);
          answer (result, error, user_data);
        }
      if (result != NULL && result_free != NULL)
        result_free (result);
      if (data_free != NULL)
        data_free (data);
      if (user_data_free != NULL)
        user_data_free (user_data);
      return;
    }

  call = g_new0 (ReadCall, 1);
  call->worker = g_object_ref (sitrep_context_get_worker (self));
  call->answer = answer;
  call->user_data = user_data;
  call->user_data_free = user_data_free;
  call->result_free = result_free;
  sitrep_worker_run_async (call->worker, func, data, data_free, result_free, cancellable,
                           read_done_cb, call);
}

static gpointer
list_contacts_func (SitrepStore   *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return sitrep_store_list_contacts (store, error);
}

/**
 * sitrep_context_read_contacts:
 * @self: a context with a store
 * @cancellable: (nullable): cancel it when the answer is no longer wanted
 * @answer: called with the roster (a #GPtrArray of #SitrepContact, freed
 *   after it returns), unless @cancellable was cancelled
 * @user_data: for @answer
 *
 * Reads the roster as sitrep_context_read() does: at once from a desk's
 * own file, on the worker from a team database.
 */
void
sitrep_context_read_contacts (SitrepContext       *self,
                              GCancellable        *cancellable,
                              SitrepContextAnswer  answer,
                              gpointer             user_data)
{
  sitrep_context_read (self, list_contacts_func, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                       cancellable, answer, user_data, NULL);
}

/* What sitrep_context_read_incident() asks for and gives back. */
typedef struct
{
  gint64            id;
  SitrepContextRead what;
} IncidentJob;

typedef struct
{
  SitrepIncident *incident;
  GPtrArray      *timeline;
  GError         *error;
} IncidentRead;

typedef struct
{
  SitrepContextReadDone done;
  gpointer              user_data;
  GDestroyNotify        user_data_free;
} IncidentCall;

static void
incident_read_free (IncidentRead *read)
{
  g_clear_object (&read->incident);
  g_clear_pointer (&read->timeline, g_ptr_array_unref);
  g_clear_error (&read->error);
  g_free (read);
}

static void
incident_call_free (IncidentCall *call)
{
  if (call->user_data_free != NULL)
    call->user_data_free (call->user_data);
  g_free (call);
}

/* Reads what was asked for; an incident that cannot be read leaves its
 * timeline unread. Never fails as a read: what could not be read travels
 * with what could. */
static gpointer
read_incident_func (SitrepStore   *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  IncidentJob *job = data;
  IncidentRead *read = g_new0 (IncidentRead, 1);

  if (job->what & SITREP_CONTEXT_READ_INCIDENT)
    read->incident = sitrep_store_get_incident (store, job->id, &read->error);
  if ((job->what & SITREP_CONTEXT_READ_TIMELINE) && read->error == NULL)
    read->timeline = sitrep_store_list_timeline (store, job->id, &read->error);

  return read;
}

static void
incident_answer (gpointer      result,
                 const GError *error,
                 gpointer      user_data)
{
  IncidentRead *read = result;
  IncidentCall *call = user_data;

  if (read != NULL)
    call->done (read->incident, read->timeline, read->error, call->user_data);
  else
    call->done (NULL, NULL, error, call->user_data);
}

/**
 * sitrep_context_read_incident:
 * @self: a context with a store
 * @id: the incident
 * @what: what to read of it
 * @cancellable: (nullable): cancel it when the answer is no longer wanted
 * @done: called with what was read, unless @cancellable was cancelled
 * @user_data: for @done
 * @user_data_free: (nullable): frees @user_data once @done was called or
 *   the read was cancelled
 *
 * Reads one incident and its timeline as sitrep_context_read() does: at
 * once from a desk's own file, on the worker from a team database.
 */
void
sitrep_context_read_incident (SitrepContext         *self,
                              gint64                 id,
                              SitrepContextRead      what,
                              GCancellable          *cancellable,
                              SitrepContextReadDone  done,
                              gpointer               user_data,
                              GDestroyNotify         user_data_free)
{
  IncidentJob *job;
  IncidentCall *call;

  g_return_if_fail (SITREP_IS_CONTEXT (self));
  g_return_if_fail (done != NULL);

  job = g_new0 (IncidentJob, 1);
  job->id = id;
  job->what = what;
  call = g_new0 (IncidentCall, 1);
  call->done = done;
  call->user_data = user_data;
  call->user_data_free = user_data_free;
  sitrep_context_read (self, read_incident_func, job, g_free,
                       (GDestroyNotify) incident_read_free, cancellable, incident_answer,
                       call, (GDestroyNotify) incident_call_free);
}

typedef struct
{
  SitrepContext *self;
  gint64         id;
  guint          changes;
} ChangedRead;

static void
changed_read_done (SitrepIncident *incident,
                   GPtrArray      *timeline,
                   const GError   *error,
                   gpointer        user_data)
{
  ChangedRead *read = user_data;

  /* gone, or a team database that went away since it announced the
   * change: the views keep what they show */
  if (incident == NULL
      && g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_UNREACHABLE))
    {
      g_debug ("%s", error->message);
      return;
    }
  if (incident == NULL
      && !g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND))
    g_warning ("Could not read the changed incident %" G_GINT64_FORMAT ": %s",
               read->id, error->message);

  g_signal_emit (read->self, signals[INCIDENT_CHANGED], 0, read->id, read->changes, incident);
}

/* The one reader of a changed incident: every view is handed what it read,
 * and reacts on its own, in no particular order. */
static void
store_incident_changed_cb (SitrepStore   *store,
                           gint64         id,
                           guint          changes,
                           SitrepContext *self)
{
  ChangedRead *read = g_new0 (ChangedRead, 1);

  /* The context's cancellable stops the reads before it goes. */
  read->self = self;
  read->id = id;
  read->changes = changes;
  sitrep_context_read_incident (self, id, SITREP_CONTEXT_READ_INCIDENT, self->cancellable,
                                changed_read_done, read, g_free);
}

static void
settings_changed_cb (GSettings     *settings,
                     const char    *key,
                     SitrepContext *self)
{
  if (g_str_equal (key, "user-role"))
    update_role (self);
  else if (g_str_equal (key, "user-name"))
    update_user_name (self);
}

static void
sitrep_context_constructed (GObject *object)
{
  SitrepContext *self = SITREP_CONTEXT (object);

  G_OBJECT_CLASS (sitrep_context_parent_class)->constructed (object);

  /* The only place the program opens its settings. */
  if (self->settings == NULL)
    self->settings = g_settings_new (SITREP_SETTINGS_SCHEMA);

  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (settings_changed_cb), self, 0);
  if (self->store != NULL)
    g_signal_connect_object (self->store, "incident-changed",
                             G_CALLBACK (store_incident_changed_cb), self, 0);
  self->user_name = dup_user_name (self);
  update_role (self);
}

static void
sitrep_context_dispose (GObject *object)
{
  SitrepContext *self = SITREP_CONTEXT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->worker);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sitrep_context_parent_class)->dispose (object);
}

static void
sitrep_context_finalize (GObject *object)
{
  SitrepContext *self = SITREP_CONTEXT (object);

  g_clear_pointer (&self->user_name, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sitrep_context_parent_class)->finalize (object);
}

static void
sitrep_context_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SitrepContext *self = SITREP_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_USER_NAME:
      g_value_set_string (value, self->user_name);
      break;

    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_context_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SitrepContext *self = SITREP_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_context_class_init (SitrepContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sitrep_context_constructed;
  object_class->dispose = sitrep_context_dispose;
  object_class->finalize = sitrep_context_finalize;
  object_class->get_property = sitrep_context_get_property;
  object_class->set_property = sitrep_context_set_property;

  /**
   * SitrepContext:store:
   *
   * The open store, or %NULL when the database could not be opened.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SITREP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * SitrepContext:settings:
   *
   * The settings of schema %SITREP_SETTINGS_SCHEMA.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * SitrepContext:user-name:
   *
   * The author recorded for the user's changes.
   */
  properties[PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SitrepContext:role:
   *
   * The user's role in incident handling, as set in the preferences.
   */
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SitrepContext:read-only:
   *
   * Whether the user's role only lets them view (a supervisor).
   */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitrepContext::incident-changed:
   * @self: the context
   * @id: the incident written
   * @changes: what changed, #SitrepChange flags
   * @incident: (nullable): the incident as read once after the write, or
   *   %NULL when it could not be read
   *
   * The store's #SitrepStore::incident-changed, with the incident read
   * once for every view that shows it.
   */
  signals[INCIDENT_CHANGED] =
    g_signal_new ("incident-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_UINT, SITREP_TYPE_INCIDENT);
}

static void
sitrep_context_init (SitrepContext *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * sitrep_context_new:
 * @store: (nullable): the open store, or %NULL when it could not be opened
 * @settings: (nullable): the settings to follow, or %NULL for the
 *   program's own (schema %SITREP_SETTINGS_SCHEMA)
 *
 * Returns: (transfer full): a new context
 */
SitrepContext *
sitrep_context_new (SitrepStore *store,
                    GSettings   *settings)
{
  g_return_val_if_fail (store == NULL || SITREP_IS_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (SITREP_TYPE_CONTEXT,
                       "store", store,
                       "settings", settings,
                       NULL);
}

/**
 * sitrep_context_get_store:
 * @self: a context
 *
 * Returns: (transfer none) (nullable): the store
 */
SitrepStore *
sitrep_context_get_store (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  return self->store;
}

/**
 * sitrep_context_get_clock:
 * @self: a context
 *
 * Returns: (transfer none) (nullable): the store's clock, the one time of
 *   the program, or %NULL without a store
 */
SitrepClock *
sitrep_context_get_clock (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  return self->store != NULL ? sitrep_store_get_clock (self->store) : NULL;
}

/**
 * sitrep_context_get_now:
 * @self: a context with a store
 *
 * Returns: the clock's now, in seconds since the epoch
 */
gint64
sitrep_context_get_now (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), 0);
  g_return_val_if_fail (self->store != NULL, 0);

  return sitrep_clock_get_now (sitrep_store_get_clock (self->store));
}

/**
 * sitrep_context_get_worker:
 * @self: a context with a store
 *
 * The worker for reads that grow with the data, reading the store's
 * database on its own thread; started on first use.
 *
 * Returns: (transfer none): the worker
 */
SitrepWorker *
sitrep_context_get_worker (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  if (self->worker == NULL)
    self->worker = sitrep_worker_new_for_store (self->store);

  return self->worker;
}

/**
 * sitrep_context_get_settings:
 * @self: a context
 *
 * Returns: (transfer none): the settings
 */
GSettings *
sitrep_context_get_settings (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  return self->settings;
}

/**
 * sitrep_context_get_user_name:
 * @self: a context
 *
 * Returns: (transfer none): the author recorded for the user's changes,
 *   never empty
 */
const char *
sitrep_context_get_user_name (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  return self->user_name;
}

/**
 * sitrep_context_get_role:
 * @self: a context
 *
 * Returns: (transfer none): the user's role, such as "incident-manager"
 */
const char *
sitrep_context_get_role (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  return self->role;
}

/**
 * sitrep_context_get_team:
 * @self: a context
 *
 * Returns: %TRUE when the store is a team database, whose server decides
 *   the role
 */
gboolean
sitrep_context_get_team (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  return self->store != NULL && sitrep_store_is_team (self->store);
}

/**
 * sitrep_context_get_read_only:
 * @self: a context
 *
 * Returns: whether the user may only view
 */
gboolean
sitrep_context_get_read_only (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), TRUE);

  return self->read_only;
}

/**
 * sitrep_context_check_writable:
 * @self: a context
 * @error: return location for a #GError
 *
 * Returns: %TRUE when there is a store and the user may change it; else
 *   %FALSE with @error set (%SITREP_LIFECYCLE_ERROR_READ_ONLY_ROLE for a user
 *   who may only view)
 */
gboolean
sitrep_context_check_writable (SitrepContext  *self,
                               GError        **error)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->store == NULL)
    {
      g_set_error_literal (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                           _("The database is not open."));
      return FALSE;
    }

  if (self->read_only)
    {
      g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_READ_ONLY_ROLE,
                           _("Your role has data viewing permission: you can see everything but "
                             "change nothing."));
      return FALSE;
    }

  return TRUE;
}
