/* sitrep-notification-sender.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * SitrepNotificationAction:
 * @id: the action's name for the notification service ("default" is a
 *   click on the notification itself)
 * @label: what its button says
 * @app_action: (nullable): the application action it activates, or %NULL
 *   to activate the application
 * @target: (nullable): the target of @app_action
 *
 * One button of a notification.
 */
typedef struct
{
  const char *id;
  const char *label;
  const char *app_action;
  GVariant   *target;
} SitrepNotificationAction;

/**
 * SitrepNotificationUrgency:
 * @SITREP_NOTIFICATION_LOW: news about Sitrep itself
 * @SITREP_NOTIFICATION_NORMAL: an alert
 * @SITREP_NOTIFICATION_CRITICAL: an alert that stays until it is dealt with
 */
typedef enum
{
  SITREP_NOTIFICATION_LOW,
  SITREP_NOTIFICATION_NORMAL,
  SITREP_NOTIFICATION_CRITICAL,
} SitrepNotificationUrgency;

#define SITREP_TYPE_NOTIFICATION_SENDER (sitrep_notification_sender_get_type ())

G_DECLARE_FINAL_TYPE (SitrepNotificationSender, sitrep_notification_sender, SITREP,
                      NOTIFICATION_SENDER, GObject)

SitrepNotificationSender *
sitrep_notification_sender_new          (const char                *app_id,
                                         const char                *app_name);
void
sitrep_notification_sender_check_async  (SitrepNotificationSender  *self,
                                         GCancellable              *cancellable,
                                         GAsyncReadyCallback        callback,
                                         gpointer                   user_data);
gboolean
sitrep_notification_sender_check_finish (SitrepNotificationSender  *self,
                                         GAsyncResult              *result,
                                         GError                   **error);
void
sitrep_notification_sender_show_async   (SitrepNotificationSender  *self,
                                         const char                *tag,
                                         const char                *summary,
                                         const char                *body,
                                         SitrepNotificationUrgency  urgency,
                                         const char                *category,
                                         const SitrepNotificationAction *actions,
                                         guint                      n_actions,
                                         GCancellable              *cancellable,
                                         GAsyncReadyCallback        callback,
                                         gpointer                   user_data);
gboolean
sitrep_notification_sender_show_finish  (SitrepNotificationSender  *self,
                                         GAsyncResult              *result,
                                         GError                   **error);

G_END_DECLS
