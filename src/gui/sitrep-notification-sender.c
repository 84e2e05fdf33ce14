/* sitrep-notification-sender.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libnotify/notify.h>

#include "sitrep-notification-sender.h"
#include "sitrep-main-context.h"

/*
 * SitrepNotificationSender shows desktop notifications through libnotify
 * without the window waiting for the notification service: showing one
 * is a D-Bus call that libnotify makes synchronously, and a busy or hung
 * service would freeze the window for as long as it takes (up to
 * D-Bus's 25 s).
 *
 * Everything of libnotify's lives on one thread, which runs a main loop
 * until the process ends: the connection to the service, and one
 * NotifyNotification per sender and tag, which a newer notification with
 * the same tag replaces. libnotify keeps one connection per process,
 * whose signals (a click on a button) go to the main loop of the thread
 * that made it: hence one thread for the process, made with the first
 * sender, not one per sender. Senders hand it plain copies of what to
 * show, in order, and are told on their own main context what came of
 * each (sitrep_notification_sender_show_finish()) and which buttons were
 * clicked (#SitrepNotificationSender::action-invoked). No libnotify
 * object is ever touched by two threads.
 */

struct _SitrepNotificationSender
{
  GObject       parent_instance;

  char         *app_id;
  char         *app_name;
  guint         serial;     /* tells its notifications from other senders' */
  struct _Link *link;       /* how a click finds the sender */
};

G_DEFINE_FINAL_TYPE (SitrepNotificationSender, sitrep_notification_sender, G_TYPE_OBJECT)

/* The sending thread's, made once: */
static GMainContext *sending_context;
static GAsyncQueue  *sending_jobs;    /* of Job */
/* Only on the sending thread: */
static GHashTable   *notifications;   /* "<serial>:<tag>" → NotifyNotification */
static GError       *unavailable;     /* why there is no notification service */

enum {
  ACTION_INVOKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  JOB_CHECK,
  JOB_SHOW,
  JOB_FORGET,
} JobKind;

typedef struct
{
  char     *id;
  char     *label;
  char     *app_action;
  GVariant *target;
} Action;

typedef struct
{
  JobKind                    kind;
  SitrepNotificationSender  *sender;   /* not a ref: @task holds it */
  guint                      serial;   /* of the sender, for JOB_FORGET */
  GTask                     *task;     /* returned, and freed, on its context */
  GError                    *error;    /* what became of it, on the sending thread */
  char                      *tag;
  char                      *summary;
  char                      *body;
  char                      *category;
  SitrepNotificationUrgency  urgency;
  GArray                    *actions;  /* of Action */
} Job;

static void
action_clear (gpointer data)
{
  Action *action = data;

  g_free (action->id);
  g_free (action->label);
  g_free (action->app_action);
  g_clear_pointer (&action->target, g_variant_unref);
}

static void
job_free (Job *job)
{
  g_clear_object (&job->task);
  g_clear_error (&job->error);
  g_free (job->tag);
  g_free (job->summary);
  g_free (job->body);
  g_free (job->category);
  g_clear_pointer (&job->actions, g_array_unref);
  g_free (job);
}

/* What a button's click is told to: made with the sender, on the thread
 * that made it; a click never holds the sender itself, so that the
 * sender goes on the main thread only. */
typedef struct _Link
{
  GWeakRef      sender;
  GMainContext *context;
} Link;

static void
link_clear (gpointer data)
{
  Link *link = data;

  g_weak_ref_clear (&link->sender);
  g_main_context_unref (link->context);
}

static void
link_unref (Link *link)
{
  g_atomic_rc_box_release_full (link, link_clear);
}

/* A button of a notification, or its click on the way to the main
 * thread. */
typedef struct
{
  Link     *link;
  char     *app_action;
  GVariant *target;
} Invoked;

static Invoked *
invoked_new (Link       *link,
             const char *app_action,
             GVariant   *target)
{
  Invoked *invoked = g_new0 (Invoked, 1);

  invoked->link = g_atomic_rc_box_acquire (link);
  invoked->app_action = g_strdup (app_action);
  invoked->target = target != NULL ? g_variant_ref (target) : NULL;

  return invoked;
}

static void
invoked_free (gpointer data)
{
  Invoked *invoked = data;

  link_unref (invoked->link);
  g_free (invoked->app_action);
  g_clear_pointer (&invoked->target, g_variant_unref);
  g_free (invoked);
}

static gboolean
emit_invoked_cb (gpointer user_data)
{
  Invoked *invoked = user_data;
  g_autoptr(SitrepNotificationSender) self = g_weak_ref_get (&invoked->link->sender);

  if (self != NULL)
    g_signal_emit (self, signals[ACTION_INVOKED], 0, invoked->app_action, invoked->target);

  return G_SOURCE_REMOVE;
}

/* On the sending thread, from libnotify: tells the main thread. */
static void
action_cb (NotifyNotification *notification,
           char               *id,
           gpointer            user_data)
{
  Invoked *button = user_data;

  sitrep_main_context_call (button->link->context, "[sitrep] notification action",
                            emit_invoked_cb,
                            invoked_new (button->link, button->app_action, button->target),
                            invoked_free);
}

static NotifyUrgency
to_notify_urgency (SitrepNotificationUrgency urgency)
{
  switch (urgency)
    {
    case SITREP_NOTIFICATION_LOW:
      return NOTIFY_URGENCY_LOW;
    case SITREP_NOTIFICATION_CRITICAL:
      return NOTIFY_URGENCY_CRITICAL;
    case SITREP_NOTIFICATION_NORMAL:
    default:
      return NOTIFY_URGENCY_NORMAL;
    }
}

/* On the sending thread. */
static void
show (Job *job)
{
  SitrepNotificationSender *self = job->sender;
  g_autofree char *key = g_strdup_printf ("%u:%s", self->serial, job->tag);
  g_autofree char *escaped = NULL;
  NotifyNotification *notification;

  if (unavailable != NULL)
    {
      job->error = g_error_copy (unavailable);
      return;
    }

  notification = g_hash_table_lookup (notifications, key);
  if (notification == NULL)
    {
      notification = notify_notification_new (job->summary, NULL, self->app_id);
      notify_notification_set_app_name (notification, self->app_name);
      notify_notification_set_hint (notification, "desktop-entry",
                                    g_variant_new_string (self->app_id));
      g_hash_table_insert (notifications, g_steal_pointer (&key), notification);
    }

  /* libnotify escapes nothing: the body is markup for most servers. */
  escaped = job->body != NULL ? g_markup_escape_text (job->body, -1) : NULL;
  notify_notification_update (notification, job->summary, escaped, self->app_id);
  notify_notification_set_urgency (notification, to_notify_urgency (job->urgency));
  if (job->category != NULL)
    notify_notification_set_category (notification, job->category);
  notify_notification_clear_actions (notification);
  for (guint i = 0; i < job->actions->len; i++)
    {
      const Action *action = &g_array_index (job->actions, Action, i);

      notify_notification_add_action (notification, action->id, action->label, action_cb,
                                      invoked_new (self->link, action->app_action,
                                                   action->target),
                                      invoked_free);
    }

  notify_notification_show (notification, &job->error);
}

/* On the sending thread: the notifications of the sender numbered
 * @serial, which went. */
static void
forget (guint serial)
{
  g_autofree char *prefix = g_strdup_printf ("%u:", serial);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, notifications);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, prefix))
      g_hash_table_iter_remove (&iter);
}

/* On the task's context: the job's result, and its end there, so that
 * the last reference to the sender is never dropped on its own thread. */
static gboolean
complete_cb (gpointer user_data)
{
  Job *job = user_data;

  if (job->error != NULL)
    g_task_return_error (job->task, g_steal_pointer (&job->error));
  else
    g_task_return_boolean (job->task, TRUE);

  return G_SOURCE_REMOVE;
}

/* On the sending thread: everything handed over so far, in order. */
static gboolean
run_jobs_cb (gpointer user_data)
{
  Job *job;

  while ((job = g_async_queue_try_pop (sending_jobs)) != NULL)
    {
      switch (job->kind)
        {
        case JOB_CHECK:
          if (unavailable != NULL)
            job->error = g_error_copy (unavailable);
          break;

        case JOB_SHOW:
          show (job);
          break;

        case JOB_FORGET:
          forget (job->serial);
          job_free (job);
          continue;

        default:
          g_assert_not_reached ();
        }

      sitrep_main_context_call (g_task_get_context (job->task), "[sitrep] notification shown",
                                complete_cb, job, (GDestroyNotify) job_free);
    }

  return G_SOURCE_REMOVE;
}

/* The sending thread. It first finds out, once, whether a notification
 * service answers; the connection to it made here delivers its signals
 * to this thread's main loop. */
static gpointer
sending_thread (gpointer data)
{
  g_autofree char *app_id = data;
  g_autoptr(GMainLoop) loop = g_main_loop_new (sending_context, FALSE);

  g_main_context_push_thread_default (sending_context);

  if (!notify_is_initted () && !notify_init (app_id))
    unavailable = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                       "libnotify could not be initialised");
  else if (!notify_get_server_info (NULL, NULL, NULL, NULL))
    unavailable = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                       "no notification service answered");

  g_main_loop_run (loop);

  return NULL;
}

/* Hands @job to the sending thread, which is made with the first job. */
static void
push_job (Job        *job,
          const char *app_id)
{
  static gsize made = 0;

  if (g_once_init_enter (&made))
    {
      sending_context = g_main_context_new ();
      sending_jobs = g_async_queue_new ();
      notifications = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      g_thread_unref (g_thread_new ("sitrep-notify", sending_thread, g_strdup (app_id)));
      g_once_init_leave (&made, 1);
    }

  g_async_queue_push (sending_jobs, job);
  sitrep_main_context_call (sending_context, "[sitrep] notifications to show",
                            run_jobs_cb, NULL, NULL);
}

static void
sitrep_notification_sender_finalize (GObject *object)
{
  SitrepNotificationSender *self = SITREP_NOTIFICATION_SENDER (object);
  Job *forget = g_new0 (Job, 1);

  /* Every task holds the sender: nothing of it is left to show. */
  forget->kind = JOB_FORGET;
  forget->serial = self->serial;
  push_job (forget, self->app_id);

  g_clear_pointer (&self->link, link_unref);
  g_clear_pointer (&self->app_id, g_free);
  g_clear_pointer (&self->app_name, g_free);

  G_OBJECT_CLASS (sitrep_notification_sender_parent_class)->finalize (object);
}

static void
sitrep_notification_sender_class_init (SitrepNotificationSenderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_notification_sender_finalize;

  /**
   * SitrepNotificationSender::action-invoked:
   * @self: the sender
   * @app_action: (nullable): the application action of the button
   *   clicked, or %NULL to activate the application
   * @target: (nullable): its target
   *
   * Emitted on the main context of the thread that showed the
   * notification, when one of its buttons was clicked.
   */
  signals[ACTION_INVOKED] =
    g_signal_new ("action-invoked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_VARIANT);
}

static void
sitrep_notification_sender_init (SitrepNotificationSender *self)
{
  static guint serials;

  self->serial = g_atomic_int_add (&serials, 1);
  self->link = g_atomic_rc_box_new0 (Link);
  g_weak_ref_init (&self->link->sender, self);
  self->link->context = g_main_context_ref_thread_default ();
}

/**
 * sitrep_notification_sender_new:
 * @app_id: the application's id, which names its desktop entry
 * @app_name: the application's name, as the notifications show it
 *
 * The first sender starts the sending thread, which connects to the
 * session's notification service (or the notification portal, in
 * Flatpak) for @app_id.
 *
 * Returns: (transfer full): a new #SitrepNotificationSender
 */
SitrepNotificationSender *
sitrep_notification_sender_new (const char *app_id,
                                const char *app_name)
{
  SitrepNotificationSender *self;

  g_return_val_if_fail (app_id != NULL, NULL);
  g_return_val_if_fail (app_name != NULL, NULL);

  self = g_object_new (SITREP_TYPE_NOTIFICATION_SENDER, NULL);
  self->app_id = g_strdup (app_id);
  self->app_name = g_strdup (app_name);

  return self;
}

/**
 * sitrep_notification_sender_check_async:
 * @self: a #SitrepNotificationSender
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context when it is known
 * @user_data: for @callback
 *
 * Finds out whether a notification service answered.
 */
void
sitrep_notification_sender_check_async (SitrepNotificationSender *self,
                                        GCancellable             *cancellable,
                                        GAsyncReadyCallback       callback,
                                        gpointer                  user_data)
{
  Job *job;

  g_return_if_fail (SITREP_IS_NOTIFICATION_SENDER (self));

  job = g_new0 (Job, 1);
  job->kind = JOB_CHECK;
  job->sender = self;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, sitrep_notification_sender_check_async);
  push_job (job, self->app_id);
}

/**
 * sitrep_notification_sender_check_finish:
 * @self: a #SitrepNotificationSender
 * @result: the result given to the callback
 * @error: return location for why there is no notification service
 *
 * Returns: whether a notification service answered
 */
gboolean
sitrep_notification_sender_check_finish (SitrepNotificationSender  *self,
                                         GAsyncResult              *result,
                                         GError                   **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sitrep_notification_sender_show_async:
 * @self: a #SitrepNotificationSender
 * @tag: what the notification is of: a notification shown before with
 *   the same tag is replaced
 * @summary: its first line
 * @body: (nullable): the text below it (plain text)
 * @urgency: how urgent it is
 * @category: (nullable): its category, such as "x-sitrep.alert"
 * @actions: (array length=n_actions): its buttons
 * @n_actions: how many buttons
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context once the
 *   notification service took it, or did not
 * @user_data: for @callback
 *
 * Shows a notification, on the sending thread, after those asked for
 * before it.
 */
void
sitrep_notification_sender_show_async (SitrepNotificationSender       *self,
                                       const char                     *tag,
                                       const char                     *summary,
                                       const char                     *body,
                                       SitrepNotificationUrgency       urgency,
                                       const char                     *category,
                                       const SitrepNotificationAction *actions,
                                       guint                           n_actions,
                                       GCancellable                   *cancellable,
                                       GAsyncReadyCallback             callback,
                                       gpointer                        user_data)
{
  Job *job;

  g_return_if_fail (SITREP_IS_NOTIFICATION_SENDER (self));
  g_return_if_fail (tag != NULL);
  g_return_if_fail (summary != NULL && *summary != '\0');
  g_return_if_fail (actions != NULL || n_actions == 0);

  job = g_new0 (Job, 1);
  job->kind = JOB_SHOW;
  job->sender = self;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, sitrep_notification_sender_show_async);
  job->tag = g_strdup (tag);
  job->summary = g_strdup (summary);
  job->body = g_strdup (body);
  job->category = g_strdup (category);
  job->urgency = urgency;
  job->actions = g_array_sized_new (FALSE, TRUE, sizeof (Action), n_actions);
  g_array_set_clear_func (job->actions, action_clear);

  for (guint i = 0; i < n_actions; i++)
    {
      Action action = {
        .id = g_strdup (actions[i].id),
        .label = g_strdup (actions[i].label),
        .app_action = g_strdup (actions[i].app_action),
        .target = actions[i].target != NULL ? g_variant_ref_sink (actions[i].target) : NULL,
      };

      g_array_append_val (job->actions, action);
    }

  push_job (job, self->app_id);
}

/**
 * sitrep_notification_sender_show_finish:
 * @self: a #SitrepNotificationSender
 * @result: the result given to the callback
 * @error: return location for why the notification could not be shown
 *
 * Returns: whether the notification service took the notification
 */
gboolean
sitrep_notification_sender_show_finish (SitrepNotificationSender  *self,
                                        GAsyncResult              *result,
                                        GError                   **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
