/* test-alerts-e2e-common.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define NOTIFICATION_SERVER_NAME "org.freedesktop.Notifications"
#define NOTIFICATION_SERVER_PATH "/org/freedesktop/Notifications"

/* Seconds before the response breach at which Sitrep starts. */
#define BREACH_AFTER 10

/* One call of Notify, as the notification service received it. */
typedef struct
{
  guint32   id;
  char     *sender;
  char     *summary;
  char     *body;
  char    **actions;       /* action ids */
  char    **labels;        /* their labels, in the same order */
  guchar    urgency;
  char     *desktop_entry;
} Notification;

/* The notification service the tests provide on the session bus. */
typedef struct
{
  GDBusConnection *bus;
  GPtrArray       *notifications;
  guint32          last_id;
  guint            registration_id;
  guint            owner_id;
  gboolean         name_acquired;
  gboolean         name_lost;
  /* While set, Notify is recorded but not answered, as by a busy
   * service: its calls wait in @held until alerts_e2e_answer_held(). */
  gboolean         hold;
  GPtrArray       *held;
} NotificationServer;

/* What alerts_e2e_find_notification() looks for: the first notification
 * from the @since'th on whose summary starts with @prefix; it sets @found. */
typedef struct
{
  NotificationServer *server;
  const char         *prefix;
  guint               since;
  Notification       *found;
} NotificationSearch;

typedef gboolean (*AlertsE2ePredicate) (gpointer data);

/* Runs the main loop until @predicate holds or @seconds pass; returns
 * whether it holds. */
gboolean     alerts_e2e_wait_for           (AlertsE2ePredicate  predicate,
                                            gpointer            data,
                                            guint               seconds);
/* Owns the notification service's name on the session bus, in @server
 * (zeroed). Returns FALSE, with the test marked skipped and nothing left
 * to free, where the test cannot run: no sitrep binary, no display, no
 * session bus, or another notification service on it. */
gboolean     alerts_e2e_start_server       (NotificationServer *server);
void         alerts_e2e_stop_server        (NotificationServer *server);
/* Answers the Notify calls held so far, and holds no more. */
void         alerts_e2e_answer_held        (NotificationServer *server);
/* a predicate for alerts_e2e_wait_for(), on a NotificationSearch */
gboolean     alerts_e2e_find_notification  (gpointer            search);
/* Starts the real sitrep binary hidden (--background) on @database, with
 * @variable set to @value in its environment; it dies with the test. */
GSubprocess *alerts_e2e_launch_sitrep      (const char         *database,
                                            const char         *variable,
                                            const char         *value);
/* Stops Sitrep as a session that ends does, and asserts that it quit
 * cleanly. */
void         alerts_e2e_quit_sitrep        (GSubprocess        *process);

G_END_DECLS
