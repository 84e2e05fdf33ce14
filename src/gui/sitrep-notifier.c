/* sitrep-notifier.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sitrep-notification-sender.h"
#include "sitrep-notifier.h"

/*
 * SitrepNotifier turns the scheduler's alerts into desktop notifications:
 * one per incident, replaced when a newer alert comes for it, with actions
 * that work while the window is closed (they activate application actions,
 * and the application holds itself while it watches deadlines).
 *
 * libnotify talks to the session's notification service, or to the
 * notification portal inside Flatpak, on a thread of its own
 * (SitrepNotificationSender), so that the window never waits for it.
 * When there is neither, or the user turned desktop notifications off,
 * alerts are shown as toasts in the window instead, and kept until a
 * window is there to show them.
 */

struct _SitrepNotifier
{
  GObject          parent_instance;

  GtkApplication  *application;   /* not owned: it owns the notifier */
  SitrepScheduler *scheduler;
  GSettings       *settings;
  SitrepNotificationSender *sender;
  GCancellable    *cancellable;

  gboolean         has_server;
  gboolean         warned;
  gboolean         said_still_running;

  gulong           alert_id;
  gulong           summary_id;
  gulong           window_added_id;

  /* Alerts raised in one go for the same incident become one notification:
   * incident id → Batch, shown when the main loop is idle again. */
  GHashTable      *batches;
  guint            flush_id;

  /* Toasts that wait for a window (no notification service). */
  GPtrArray       *missed;
};

G_DEFINE_FINAL_TYPE (SitrepNotifier, sitrep_notifier, G_TYPE_OBJECT)

typedef struct
{
  SitrepIncident *incident;
  GArray         *moments;   /* of SitrepAlertMoment */
} Batch;

typedef struct
{
  char     *title;
  char     *action;
  GVariant *target;
  gboolean  urgent;
} MissedAlert;

static void
batch_free (gpointer data)
{
  Batch *batch = data;

  g_clear_object (&batch->incident);
  g_clear_pointer (&batch->moments, g_array_unref);
  g_free (batch);
}

static void
missed_alert_free (gpointer data)
{
  MissedAlert *missed = data;

  g_free (missed->title);
  g_free (missed->action);
  g_clear_pointer (&missed->target, g_variant_unref);
  g_free (missed);
}

static const char *
get_app_id (SitrepNotifier *self)
{
  const char *app_id = g_application_get_application_id (G_APPLICATION (self->application));

  return app_id != NULL ? app_id : APPLICATION_ID;
}

static SitrepStore *
get_store (SitrepNotifier *self)
{
  return sitrep_scheduler_get_store (self->scheduler);
}

static gboolean
wants_desktop_notifications (SitrepNotifier *self)
{
  return self->has_server && g_settings_get_boolean (self->settings, "notifications-enabled");
}

static AdwToastOverlay *
find_toast_overlay (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *overlay = find_toast_overlay (child);

      if (overlay != NULL)
        return overlay;
    }

  return NULL;
}

static AdwToastOverlay *
find_window_overlay (SitrepNotifier *self)
{
  GtkWindow *window = gtk_application_get_active_window (self->application);

  if (window == NULL)
    {
      GList *windows = gtk_application_get_windows (self->application);

      window = windows != NULL ? windows->data : NULL;
    }

  return window != NULL ? find_toast_overlay (GTK_WIDGET (window)) : NULL;
}

static void
add_toast (AdwToastOverlay *overlay,
           MissedAlert     *alert)
{
  g_autofree char *markup = g_markup_escape_text (alert->title, -1);
  AdwToast *toast = adw_toast_new (markup);

  if (alert->action != NULL)
    {
      adw_toast_set_button_label (toast, C_("notification action", "Open"));
      adw_toast_set_action_name (toast, alert->action);
      adw_toast_set_action_target_value (toast, alert->target);
    }

  if (alert->urgent)
    {
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 0);
    }

  adw_toast_overlay_add_toast (overlay, toast);
}

static void
flush_missed (SitrepNotifier *self)
{
  AdwToastOverlay *overlay;

  if (self->missed->len == 0)
    return;

  overlay = find_window_overlay (self);
  if (overlay == NULL)
    return;

  for (guint i = 0; i < self->missed->len; i++)
    add_toast (overlay, g_ptr_array_index (self->missed, i));

  g_ptr_array_set_size (self->missed, 0);
}

/* Shows an alert in the window, or keeps it until there is one. */
static void
show_in_window (SitrepNotifier *self,
                const char     *title,
                const char     *action,
                GVariant       *target,
                gboolean        urgent)
{
  MissedAlert *alert = g_new0 (MissedAlert, 1);

  alert->title = g_strdup (title);
  alert->action = g_strdup (action);
  alert->target = target != NULL ? g_variant_ref_sink (target) : NULL;
  alert->urgent = urgent;

  g_ptr_array_add (self->missed, alert);
  flush_missed (self);
}

static void
warn_once (SitrepNotifier *self,
           const char     *reason)
{
  if (self->warned)
    return;

  self->warned = TRUE;
  g_warning ("Desktop notifications are not available (%s); alerts are shown in the "
             "window instead", reason);
}

/* What a notification becomes in the window if the service does not
 * take it. */
typedef struct
{
  SitrepNotifier *self;       /* not a ref: not read once it went */
  MissedAlert    *fallback;
  gboolean        keep;       /* until a window is there, or only now */
} Shown;

static void
shown_free (Shown *shown)
{
  missed_alert_free (shown->fallback);
  g_free (shown);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Shown, shown_free)

static void
shown_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Shown) shown = user_data;
  g_autoptr(GError) error = NULL;
  SitrepNotifier *self = shown->self;
  MissedAlert *fallback = shown->fallback;

  if (sitrep_notification_sender_show_finish (SITREP_NOTIFICATION_SENDER (source), result,
                                              &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  warn_once (self, error->message);
  self->has_server = FALSE;

  if (shown->keep)
    {
      show_in_window (self, fallback->title, fallback->action, fallback->target,
                      fallback->urgent);
      return;
    }

  /* Unlike an alert, a message about Sitrep itself is not kept for later. */
  {
    AdwToastOverlay *overlay = find_window_overlay (self);

    if (overlay != NULL)
      add_toast (overlay, fallback);
    else
      g_message ("%s", fallback->title);
  }
}

/* Hands the notification to the sending thread; if the service does not
 * take it, it is shown in the window as @fallback_action would. */
static void
show_notification (SitrepNotifier                 *self,
                   const char                     *tag,
                   const char                     *summary,
                   const char                     *body,
                   SitrepNotificationUrgency       urgency,
                   const char                     *category,
                   const SitrepNotificationAction *actions,
                   guint                           n_actions,
                   const char                     *fallback_action,
                   GVariant                       *fallback_target,
                   gboolean                        keep)
{
  Shown *shown = g_new0 (Shown, 1);

  shown->self = self;
  shown->keep = keep;
  shown->fallback = g_new0 (MissedAlert, 1);
  shown->fallback->title = g_strdup (summary);
  shown->fallback->action = g_strdup (fallback_action);
  shown->fallback->target = fallback_target != NULL ? g_variant_ref_sink (fallback_target)
                                                    : NULL;
  shown->fallback->urgent = urgency == SITREP_NOTIFICATION_CRITICAL;

  sitrep_notification_sender_show_async (self->sender, tag, summary, body, urgency, category,
                                         actions, n_actions, self->cancellable, shown_cb,
                                         shown);
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  SitrepNotifier *self;

  if (sitrep_notification_sender_check_finish (SITREP_NOTIFICATION_SENDER (source), result,
                                               &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SITREP_NOTIFIER (user_data);
  warn_once (self, error->message);
  self->has_server = FALSE;
}

static void
action_invoked_cb (SitrepNotifier *self,
                   const char     *app_action,
                   GVariant       *target)
{
  if (app_action == NULL)
    g_application_activate (G_APPLICATION (self->application));
  else if (g_action_group_has_action (G_ACTION_GROUP (self->application), app_action))
    g_action_group_activate_action (G_ACTION_GROUP (self->application), app_action, target);
}

/* Whether the user may only view: on a team database the server says,
 * whatever the setting (a supervisor's login cannot acknowledge). */
static gboolean
is_supervisor (SitrepNotifier *self)
{
  SitrepStore *store = get_store (self);
  g_autofree char *role = NULL;

  if (sitrep_store_is_team (store))
    return sitrep_store_get_team_role (store) != SITREP_TEAM_ROLE_MANAGER;

  role = g_settings_get_string (self->settings, "user-role");
  return g_strcmp0 (role, "supervisor") == 0;
}

static gboolean
is_response_alert (const SitrepAlertMoment *moment)
{
  return !moment->is_notice && moment->deadline == SITREP_DEADLINE_RESPONSE &&
         (moment->stage == SITREP_ALERT_STAGE_WARNING ||
          moment->stage == SITREP_ALERT_STAGE_BREACH);
}

/* Which of the alerts raised together names the notification: a breach
 * before a warning before a notice, the last one among equals. */
static guint
rank_moment (const SitrepAlertMoment *moment)
{
  if (moment->is_notice)
    return moment->notice == SITREP_NOTICE_ESCALATION ? 1 : 0;

  return moment->stage == SITREP_ALERT_STAGE_BREACH ? 3 : 2;
}

static char *
describe_owner_line (SitrepIncident *incident)
{
  const char *owner = sitrep_incident_get_owner (incident);
  int level = sitrep_incident_get_level (incident);

  if (owner == NULL || owner[0] == '\0')
    /* Translators: %d is the incident's level, 1 to 3 */
    return g_strdup_printf (_("Level %d · No owner"), level);

  /* Translators: %d is the incident's level, %s the name of its owner */
  return g_strdup_printf (_("Level %d · Owner: %s"), level, owner);
}

static void
show_batch (SitrepNotifier *self,
            Batch          *batch)
{
  g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (get_store (self));
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *what = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *owner_line = NULL;
  const SitrepAlertMoment *lead = NULL;
  SitrepIncident *incident = batch->incident;
  const char *key = sitrep_incident_get_key (incident);
  gint64 id = sitrep_incident_get_id (incident);
  gint64 now = sitrep_clock_get_now (sitrep_store_get_clock (get_store (self)));
  gboolean critical = FALSE;
  gboolean can_acknowledge = FALSE;

  for (guint i = 0; i < batch->moments->len; i++)
    {
      const SitrepAlertMoment *moment = &g_array_index (batch->moments, SitrepAlertMoment, i);

      if (lead == NULL || rank_moment (moment) >= rank_moment (lead))
        lead = moment;
      critical |= sitrep_alert_is_critical (incident, moment);
      can_acknowledge |= is_response_alert (moment);
    }

  can_acknowledge = can_acknowledge &&
                    sitrep_incident_get_status (incident) == SITREP_STATUS_NEW &&
                    !is_supervisor (self);

  what = sitrep_alert_describe (incident, policy, lead, now);
  /* Translators: an incident key such as "INC-7", then what is due */
  summary = g_strdup_printf (_("%s · %s"), key, what);

  owner_line = describe_owner_line (incident);
  g_string_append (body, sitrep_incident_get_title (incident));
  g_string_append_c (body, '\n');
  g_string_append (body, owner_line);

  for (guint i = 0; i < batch->moments->len; i++)
    {
      const SitrepAlertMoment *moment = &g_array_index (batch->moments, SitrepAlertMoment, i);
      g_autofree char *also = NULL;

      if (moment == lead)
        continue;

      also = sitrep_alert_describe (incident, policy, moment, now);
      g_string_append_c (body, '\n');
      g_string_append (body, also);
    }

  if (wants_desktop_notifications (self))
    {
      g_autofree char *tag = g_strdup_printf ("incident-%" G_GINT64_FORMAT, id);
      g_autoptr(GVariant) target = g_variant_ref_sink (g_variant_new_string (key));
      /* "default" is clicking the notification; servers that list actions
       * (dunst) list it too, so a separate "Open" button showed twice. */
      const SitrepNotificationAction actions[] = {
        { "default", C_("notification action", "Open"), "open-incident", target },
        { "acknowledge", _("Acknowledge"), "acknowledge-incident", target },
      };

      show_notification (self, tag, summary, body->str,
                         critical ? SITREP_NOTIFICATION_CRITICAL : SITREP_NOTIFICATION_NORMAL,
                         "x-sitrep.alert", actions, can_acknowledge ? 2 : 1,
                         "app.open-incident", target, TRUE);
      return;
    }

  show_in_window (self, summary, "app.open-incident", g_variant_new_string (key), critical);
}

static gboolean
flush_batches_cb (gpointer user_data)
{
  SitrepNotifier *self = SITREP_NOTIFIER (user_data);
  g_autoptr(GHashTable) batches = NULL;
  g_autoptr(GList) values = NULL;

  self->flush_id = 0;

  batches = g_steal_pointer (&self->batches);
  self->batches = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, batch_free);

  values = g_hash_table_get_values (batches);
  for (GList *l = values; l != NULL; l = l->next)
    show_batch (self, l->data);

  return G_SOURCE_REMOVE;
}

static void
alert_cb (SitrepScheduler         *scheduler,
          SitrepIncident          *incident,
          const SitrepAlertMoment *moment,
          SitrepNotifier          *self)
{
  gint64 id = sitrep_incident_get_id (incident);
  Batch *batch = g_hash_table_lookup (self->batches, &id);

  if (batch == NULL)
    {
      gint64 *stored_id = g_new (gint64, 1);

      *stored_id = id;
      batch = g_new0 (Batch, 1);
      batch->moments = g_array_new (FALSE, TRUE, sizeof (SitrepAlertMoment));
      g_hash_table_insert (self->batches, stored_id, batch);
    }

  /* The latest state of the incident names it. */
  g_set_object (&batch->incident, incident);
  g_array_append_val (batch->moments, *moment);

  if (self->flush_id == 0)
    {
      self->flush_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, flush_batches_cb, self, NULL);
      g_source_set_name_by_id (self->flush_id, "[sitrep] show alerts");
    }
}

static void
summary_cb (SitrepScheduler *scheduler,
            guint            count,
            SitrepNotifier  *self)
{
  g_autofree char *title = NULL;

  /* @count is of alerts, a deadline's warning and breach and the notices
   * owed, not of deadlines. */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u alert while Sitrep was not running",
                                        "%u alerts while Sitrep was not running",
                                        count),
                           count);

  if (wants_desktop_notifications (self))
    {
      const SitrepNotificationAction actions[] = {
        { "default", _("Show Incidents at Risk"), "show-at-risk", NULL },
      };

      show_notification (self, "message", title,
                         _("Open the list of incidents at risk to catch up."),
                         SITREP_NOTIFICATION_CRITICAL, NULL, actions, G_N_ELEMENTS (actions),
                         "app.show-at-risk", NULL, TRUE);
      return;
    }

  show_in_window (self, title, "app.show-at-risk", NULL, TRUE);
}

static void
window_added_cb (GtkApplication *application,
                 GtkWindow      *window,
                 SitrepNotifier *self)
{
  flush_missed (self);
}

static void
sitrep_notifier_dispose (GObject *object)
{
  SitrepNotifier *self = SITREP_NOTIFIER (object);

  g_clear_handle_id (&self->flush_id, g_source_remove);

  if (self->scheduler != NULL)
    {
      g_clear_signal_handler (&self->alert_id, self->scheduler);
      g_clear_signal_handler (&self->summary_id, self->scheduler);
    }
  if (self->application != NULL)
    g_clear_signal_handler (&self->window_added_id, self->application);

  g_clear_pointer (&self->batches, g_hash_table_unref);
  g_clear_pointer (&self->missed, g_ptr_array_unref);
  /* What is still on its way is shown, but no longer told here. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->sender != NULL)
    g_signal_handlers_disconnect_by_data (self->sender, self);
  g_clear_object (&self->sender);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->settings);
  self->application = NULL;

  G_OBJECT_CLASS (sitrep_notifier_parent_class)->dispose (object);
}

static void
sitrep_notifier_class_init (SitrepNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_notifier_dispose;
}

static void
sitrep_notifier_init (SitrepNotifier *self)
{
  self->cancellable = g_cancellable_new ();
  self->batches = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, batch_free);
  self->missed = g_ptr_array_new_with_free_func (missed_alert_free);
}

/**
 * sitrep_notifier_new:
 * @application: the application, whose actions the notifications' buttons
 *   activate ("app.open-incident", "app.acknowledge-incident",
 *   "app.show-at-risk") and whose window shows alerts when there is no
 *   notification service
 * @scheduler: the scheduler whose alerts to show
 * @settings: the application's settings ("notifications-enabled",
 *   "user-role")
 *
 * Creates a notifier and connects it to @scheduler's signals. It checks
 * once, on its sending thread, whether a notification service answers;
 * when none does it logs one warning and shows alerts in the window
 * instead.
 *
 * Returns: (transfer full): a new #SitrepNotifier
 */
SitrepNotifier *
sitrep_notifier_new (GtkApplication  *application,
                     SitrepScheduler *scheduler,
                     GSettings       *settings)
{
  SitrepNotifier *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (SITREP_IS_SCHEDULER (scheduler), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SITREP_TYPE_NOTIFIER, NULL);
  self->application = application;
  self->scheduler = g_object_ref (scheduler);
  self->settings = g_object_ref (settings);

  /* Alerts go to the service until it turns out there is none: those
   * raised before are then shown in the window. */
  self->has_server = TRUE;
  self->sender = sitrep_notification_sender_new (get_app_id (self), _("Sitrep"));
  g_signal_connect_swapped (self->sender, "action-invoked", G_CALLBACK (action_invoked_cb),
                            self);
  sitrep_notification_sender_check_async (self->sender, self->cancellable, checked_cb, self);

  self->alert_id = g_signal_connect (scheduler, "alert", G_CALLBACK (alert_cb), self);
  self->summary_id = g_signal_connect (scheduler, "summary", G_CALLBACK (summary_cb), self);
  self->window_added_id = g_signal_connect (application, "window-added",
                                            G_CALLBACK (window_added_cb), self);

  return self;
}

/**
 * sitrep_notifier_has_server:
 * @self: a #SitrepNotifier
 *
 * Returns: whether alerts go to a notification service (rather than to
 *   the window)
 */
gboolean
sitrep_notifier_has_server (SitrepNotifier *self)
{
  g_return_val_if_fail (SITREP_IS_NOTIFIER (self), FALSE);

  return self->has_server;
}

/**
 * sitrep_notifier_show_message:
 * @self: a #SitrepNotifier
 * @title: what to say
 * @body: (nullable): more about it
 *
 * Shows a message about Sitrep itself (not about an incident) as a
 * notification, or as a toast when there is no notification service.
 * Clicking it presents the window.
 */
void
sitrep_notifier_show_message (SitrepNotifier *self,
                              const char     *title,
                              const char     *body)
{
  g_return_if_fail (SITREP_IS_NOTIFIER (self));
  g_return_if_fail (title != NULL);

  if (wants_desktop_notifications (self))
    {
      const SitrepNotificationAction actions[] = {
        { "default", _("Open Sitrep"), NULL, NULL },
      };

      show_notification (self, "message", title, body, SITREP_NOTIFICATION_LOW, NULL, actions,
                         G_N_ELEMENTS (actions), NULL, NULL, FALSE);
      return;
    }

  /* Unlike an alert, a message about Sitrep itself is not kept for later. */
  {
    AdwToastOverlay *overlay = find_window_overlay (self);
    MissedAlert message = { (char *) title, NULL, NULL, FALSE };

    if (overlay != NULL)
      add_toast (overlay, &message);
    else
      g_message ("%s", title);
  }
}

/**
 * sitrep_notifier_say_still_running:
 * @self: a #SitrepNotifier
 *
 * Tells the user, the first time in this run, that Sitrep keeps watching
 * deadlines after its window was closed.
 */
void
sitrep_notifier_say_still_running (SitrepNotifier *self)
{
  g_return_if_fail (SITREP_IS_NOTIFIER (self));

  if (self->said_still_running)
    return;

  self->said_still_running = TRUE;
  sitrep_notifier_show_message (self, _("Sitrep is still watching deadlines"),
                                _("Alerts keep coming while the window is closed. "
                                  "To stop them, quit Sitrep from its menu."));
}
