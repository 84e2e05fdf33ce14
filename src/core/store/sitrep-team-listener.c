/* sitrep-team-listener.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <libpq-fe.h>

#include "sitrep-team-address.h"
#include "sitrep-team-listener-private.h"
#include "sitrep-types.h"

/*
 * SitrepTeamListener keeps a desk live in team mode. It holds a connection
 * of its own to the team database, LISTENs on SITREP_TEAM_CHANNEL and turns
 * each notification into a signal, so the store can update the list, the
 * open incident and the deadline watch when another desk commits a write.
 *
 * Everything happens on the main loop and nothing waits for the server:
 * the host names are looked up on a worker thread, the connection is made
 * with PQconnectStart() and PQconnectPoll(), and afterwards a GSource on
 * the connection's socket wakes the listener when the server has sent
 * something. No timer asks the server anything.
 *
 * When the server goes away (the socket reports an error or the end of the
 * stream, or libpq finds the connection broken) the listener says since
 * when it is unreachable and why, and tries again after 1, 2, 4, 8, 16 and
 * then every 30 seconds. Notifications sent while it was away are lost, so
 * once it listens again it emits ::caught-up and the views re-read.
 *
 * libpq's connect_timeout only applies to its blocking connect, so the
 * listener keeps that deadline itself while it connects.
 */

typedef enum
{
  STATE_STOPPED,
  STATE_RESOLVING,     /* looking up the host names */
  STATE_CONNECTING,    /* PQconnectPoll() until PGRES_POLLING_OK */
  STATE_SUBSCRIBING,   /* LISTEN sent, its result not yet read */
  STATE_LISTENING,
  STATE_WAITING,       /* for the next attempt after a failure */
} State;

struct _SitrepTeamListener
{
  GObject parent_instance;

  char        *conninfo;
  SitrepClock *clock;

  State        state;
  GCancellable *lookup;
  PGconn      *conn;
  /* Changes whenever a connection is dropped, so a callback that emitted
   * a signal can tell whether its connection is still the current one. */
  guint        generation;
  GSource     *socket_source;
  int          watched_fd;
  GIOCondition watched_condition;
  guint        connect_timeout_id;
  guint        retry_id;
  guint        retry_step;
  /* The server's last word before it closed the connection (a FATAL
   * message such as "terminating connection due to administrator
   * command"); it says more than libpq's "server closed the connection". */
  char        *farewell;

  guint        first_retry_ms;
  guint        connect_timeout_ms;

  /* Notifications may have been lost since the listener last listened. */
  gboolean     missed;

  gboolean     connected;
  gint64       unreachable_since;
  char        *last_error;
  guint        malformed_count;
  guint        attempts;
};

G_DEFINE_FINAL_TYPE (SitrepTeamListener, sitrep_team_listener, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTED,
  PROP_UNREACHABLE_SINCE,
  PROP_LAST_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  INCIDENT_CHANGED,
  CHANGED,
  CAUGHT_UP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The waits between attempts, in units of the first one (a second). */
static const guint retry_steps[] = { 1, 2, 4, 8, 16, 30 };

#define DEFAULT_FIRST_RETRY_MS 1000

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PQconninfoOption, PQconninfoFree)

static void begin_connect (SitrepTeamListener *self);
static gboolean socket_ready_cb (int          fd,
                                 GIOCondition condition,
                                 gpointer     user_data);

/* libpq's connect_timeout in milliseconds: 0 (wait as long as it takes)
 * when not given or not positive, at least two seconds as libpq has it. */
static guint
connect_timeout_from_conninfo (const char *conninfo)
{
  g_autoptr(PQconninfoOption) options = PQconninfoParse (conninfo, NULL);
  guint64 seconds = 0;

  if (options == NULL)
    return 0;

  for (const PQconninfoOption *option = options; option->keyword != NULL; option++)
    {
      if (strcmp (option->keyword, "connect_timeout") != 0 || option->val == NULL)
        continue;
      if (!g_ascii_string_to_unsigned (option->val, 10, 0, G_MAXUINT / 1000, &seconds, NULL))
        return 0;
    }

  if (seconds == 0)
    return 0;

  return MAX (seconds, 2) * 1000;
}

/* The first line of a libpq message; the rest are hints for psql users. */
static char *
first_line (const char *message)
{
  g_autofree char *line = g_strndup (message, strcspn (message, "\n"));

  g_strstrip (line);
  if (*line == '\0')
    return g_strdup (_("the connection to the team database was lost"));

  return g_steal_pointer (&line);
}

static void
set_connected (SitrepTeamListener *self,
               gboolean            connected)
{
  if (self->connected == connected)
    return;

  self->connected = connected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

static void
set_unreachable_since (SitrepTeamListener *self,
                       gint64              since)
{
  if (self->unreachable_since == since)
    return;

  self->unreachable_since = since;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREACHABLE_SINCE]);
}

static void
set_last_error (SitrepTeamListener *self,
                const char         *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;

  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
unwatch_socket (SitrepTeamListener *self)
{
  if (self->socket_source != NULL)
    {
      g_source_destroy (self->socket_source);
      g_clear_pointer (&self->socket_source, g_source_unref);
    }
  self->watched_fd = -1;
  self->watched_condition = 0;
}

/* Wakes the listener when the socket is ready for @condition. libpq may
 * change sockets while it connects (another address, no SSL after all),
 * so the source follows PQsocket(). */
static void
watch_socket (SitrepTeamListener *self,
              GIOCondition        condition)
{
  int fd = PQsocket (self->conn);

  if (self->socket_source != NULL &&
      fd == self->watched_fd &&
      condition == self->watched_condition)
    return;

  unwatch_socket (self);
  g_return_if_fail (fd >= 0);

  self->socket_source = g_unix_fd_source_new (fd, condition);
  g_source_set_callback (self->socket_source, G_SOURCE_FUNC (socket_ready_cb), self, NULL);
  g_source_set_static_name (self->socket_source, "[sitrep] team database socket");
  g_source_attach (self->socket_source, NULL);
  self->watched_fd = fd;
  self->watched_condition = condition;
}

/* Drops the connection, if any, and everything that waits on it. */
static void
drop_connection (SitrepTeamListener *self)
{
  unwatch_socket (self);
  g_clear_handle_id (&self->connect_timeout_id, g_source_remove);
  g_cancellable_cancel (self->lookup);
  g_clear_object (&self->lookup);
  g_clear_pointer (&self->conn, PQfinish);
  g_clear_pointer (&self->farewell, g_free);
  self->generation++;
}

static gboolean
retry_cb (gpointer user_data)
{
  SitrepTeamListener *self = SITREP_TEAM_LISTENER (user_data);

  self->retry_id = 0;
  begin_connect (self);

  return G_SOURCE_REMOVE;
}

static void
connection_failed (SitrepTeamListener *self,
                   const char         *message)
{
  /* Copied first: @message may belong to the connection dropped below. */
  g_autofree char *reason = first_line (self->farewell != NULL ? self->farewell : message);
  guint step = MIN (self->retry_step, G_N_ELEMENTS (retry_steps) - 1);

  drop_connection (self);
  self->missed = TRUE;
  self->state = STATE_WAITING;

  /* Armed before anyone hears of the failure, so that a handler may stop
   * the listener. */
  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->retry_id = g_timeout_add (self->first_retry_ms * retry_steps[step], retry_cb, self);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->retry_id),
                            "[sitrep] team database retry");
  if (self->retry_step < G_N_ELEMENTS (retry_steps) - 1)
    self->retry_step++;

  g_debug ("Team database unreachable (%s); next attempt in %u ms",
           reason, self->first_retry_ms * retry_steps[step]);

  g_object_freeze_notify (G_OBJECT (self));
  set_connected (self, FALSE);
  if (self->unreachable_since == SITREP_TIME_NONE)
    set_unreachable_since (self, sitrep_clock_get_now (self->clock));
  set_last_error (self, reason);
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
connect_timed_out_cb (gpointer user_data)
{
  SitrepTeamListener *self = SITREP_TEAM_LISTENER (user_data);
  guint seconds = (self->connect_timeout_ms + 999) / 1000;
  g_autofree char *message = NULL;

  self->connect_timeout_id = 0;
  message = g_strdup_printf (ngettext ("the team database did not answer within %u second",
                                       "the team database did not answer within %u seconds",
                                       seconds),
                             seconds);
  connection_failed (self, message);

  return G_SOURCE_REMOVE;
}

/* Keeps what the server said before it closed the connection, and keeps
 * libpq from printing its notices on stderr. */
static void
notice_received_cb (void           *user_data,
                    const PGresult *result)
{
  SitrepTeamListener *self = SITREP_TEAM_LISTENER (user_data);
  const char *severity = PQresultErrorField (result, PG_DIAG_SEVERITY_NONLOCALIZED);
  const char *primary = PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);

  if (severity == NULL || primary == NULL)
    return;

  if (strcmp (severity, "FATAL") == 0 || strcmp (severity, "PANIC") == 0)
    {
      g_free (self->farewell);
      self->farewell = g_strdup (primary);
    }
}

static gboolean
is_decimal (const char *text)
{
  if (*text == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  return TRUE;
}

/* "<writer_pid> <incident_id> <changes>": three decimal numbers, one space
 * apart, nothing else. */
static gboolean
parse_payload (const char *payload,
               int        *writer_pid,
               gint64     *incident_id,
               guint      *changes)
{
  static const guint64 maxima[] = { G_MAXINT, G_MAXINT64, G_MAXUINT };
  g_auto(GStrv) fields = g_strsplit (payload, " ", -1);
  guint64 values[G_N_ELEMENTS (maxima)];

  if (g_strv_length (fields) != G_N_ELEMENTS (maxima))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (maxima); i++)
    {
      if (!is_decimal (fields[i]) ||
          !g_ascii_string_to_unsigned (fields[i], 10, 0, maxima[i], &values[i], NULL))
        return FALSE;
    }

  *writer_pid = (int) values[0];
  *incident_id = (gint64) values[1];
  *changes = (guint) values[2];

  return TRUE;
}

static void
handle_notification (SitrepTeamListener *self,
                     const char         *channel,
                     const char         *payload)
{
  int writer_pid;
  gint64 incident_id;
  guint changes;

  if (strcmp (channel, SITREP_TEAM_CHANNEL) != 0)
    return;

  if (!parse_payload (payload, &writer_pid, &incident_id, &changes) ||
      (incident_id != 0 && changes == 0))
    {
      g_autofree char *escaped = g_strescape (payload, NULL);

      self->malformed_count++;
      g_debug ("Ignoring a malformed notification on %s: \"%s\"", channel, escaped);
      return;
    }

  if (incident_id == 0)
    {
      g_signal_emit (self, signals[CHANGED], 0, writer_pid);
      return;
    }

  /* A kind of change this version does not know: whatever it was, all of
   * the incident is read again. */
  if ((changes & ~(guint) SITREP_CHANGE_ALL) != 0)
    changes = SITREP_CHANGE_ALL;

  g_signal_emit (self, signals[INCIDENT_CHANGED], 0, incident_id, changes, writer_pid);
}

static void
listening_started (SitrepTeamListener *self)
{
  gboolean missed = self->missed;

  self->state = STATE_LISTENING;
  self->retry_step = 0;
  self->missed = FALSE;
  g_clear_handle_id (&self->connect_timeout_id, g_source_remove);
  g_clear_pointer (&self->farewell, g_free);

  g_object_freeze_notify (G_OBJECT (self));
  set_connected (self, TRUE);
  set_unreachable_since (self, SITREP_TIME_NONE);
  set_last_error (self, NULL);
  g_object_thaw_notify (G_OBJECT (self));

  if (missed)
    g_signal_emit (self, signals[CAUGHT_UP], 0);
}

/* Sends what libpq holds back and waits for the server: for reading
 * always, for writing as long as something is left to send. */
static void
flush_and_watch (SitrepTeamListener *self)
{
  int pending = PQflush (self->conn);

  if (pending < 0)
    connection_failed (self, PQerrorMessage (self->conn));
  else
    watch_socket (self, pending > 0 ? G_IO_IN | G_IO_OUT : G_IO_IN);
}

static void
subscribe (SitrepTeamListener *self)
{
  if (PQsetnonblocking (self->conn, 1) != 0 ||
      !PQsendQuery (self->conn, "LISTEN " SITREP_TEAM_CHANNEL))
    {
      connection_failed (self, PQerrorMessage (self->conn));
      return;
    }

  self->state = STATE_SUBSCRIBING;
  flush_and_watch (self);
}

static void
continue_connect (SitrepTeamListener *self)
{
  switch (PQconnectPoll (self->conn))
    {
    case PGRES_POLLING_READING:
      watch_socket (self, G_IO_IN);
      break;

    case PGRES_POLLING_WRITING:
      watch_socket (self, G_IO_OUT);
      break;

    case PGRES_POLLING_OK:
      g_debug ("Listening to %s on %s:%s", PQdb (self->conn), PQhost (self->conn),
               PQport (self->conn));
      subscribe (self);
      break;

    case PGRES_POLLING_FAILED:
    case PGRES_POLLING_ACTIVE:
    default:
      connection_failed (self, PQerrorMessage (self->conn));
      break;
    }
}

/* Reads what the server sent: the result of LISTEN, notifications, or the
 * end of the connection. */
static void
read_server (SitrepTeamListener *self)
{
  guint generation = self->generation;
  gboolean subscribed = FALSE;
  PGnotify *notify;

  if (!PQconsumeInput (self->conn))
    {
      connection_failed (self, PQerrorMessage (self->conn));
      return;
    }

  while (!PQisBusy (self->conn))
    {
      PGresult *result = PQgetResult (self->conn);
      ExecStatusType status;

      if (result == NULL)
        break;

      status = PQresultStatus (result);
      if (status != PGRES_COMMAND_OK)
        {
          g_autofree char *message = g_strdup (PQresultErrorMessage (result));

          PQclear (result);
          connection_failed (self, message);
          return;
        }

      PQclear (result);
      if (self->state == STATE_SUBSCRIBING)
        subscribed = TRUE;
    }

  if (subscribed)
    {
      listening_started (self);
      if (generation != self->generation)
        return;
    }

  /* Only deliver once listening has begun: it reports notifications
   * from that moment on, and the views re-read anyway at ::caught-up. */
  while (self->state == STATE_LISTENING && (notify = PQnotifies (self->conn)) != NULL)
    {
      g_autofree char *channel = g_strdup (notify->relname);
      g_autofree char *payload = g_strdup (notify->extra);

      PQfreemem (notify);
      handle_notification (self, channel, payload);
      if (generation != self->generation)
        return;
    }

  if (PQstatus (self->conn) == CONNECTION_BAD)
    {
      connection_failed (self, PQerrorMessage (self->conn));
      return;
    }

  flush_and_watch (self);
}

static gboolean
socket_ready_cb (int          fd,
                 GIOCondition condition,
                 gpointer     user_data)
{
  SitrepTeamListener *self = SITREP_TEAM_LISTENER (user_data);
  /* the callbacks below may drop the last other reference */
  g_autoptr(SitrepTeamListener) alive G_GNUC_UNUSED = g_object_ref (self);

  switch (self->state)
    {
    case STATE_CONNECTING:
      continue_connect (self);
      break;

    case STATE_SUBSCRIBING:
    case STATE_LISTENING:
      read_server (self);
      break;

    case STATE_STOPPED:
    case STATE_RESOLVING:
    case STATE_WAITING:
    default:
      /* Without a connection there is no source to wake us. */
      break;
    }

  /* The source is replaced or destroyed by watch_socket() and
   * drop_connection() when needed, never by its own return value. */
  return G_SOURCE_CONTINUE;
}

static void
start_connect (SitrepTeamListener *self,
               const char         *conninfo)
{
  self->state = STATE_CONNECTING;
  self->conn = PQconnectStart (conninfo);
  if (self->conn == NULL)
    {
      connection_failed (self, g_strerror (ENOMEM));
      return;
    }

  PQsetNoticeReceiver (self->conn, notice_received_cb, self);

  if (PQstatus (self->conn) == CONNECTION_BAD)
    {
      connection_failed (self, PQerrorMessage (self->conn));
      return;
    }

  /* As libpq's documentation has it: behave as if PQconnectPoll() had
   * last returned PGRES_POLLING_WRITING. */
  watch_socket (self, G_IO_OUT);
}

static void
resolved_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = sitrep_team_address_resolve_finish (result, &error);
  SitrepTeamListener *self;

  /* Cancelled when the listener stopped, failed or went away: @user_data
   * may be gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SITREP_TEAM_LISTENER (user_data);
  g_clear_object (&self->lookup);

  if (conninfo == NULL)
    connection_failed (self, error->message);
  else
    start_connect (self, conninfo);
}

static void
begin_connect (SitrepTeamListener *self)
{
  self->state = STATE_RESOLVING;
  self->attempts++;

  /* The deadline counts the lookup too: it is part of connecting. */
  if (self->connect_timeout_ms > 0)
    {
      self->connect_timeout_id = g_timeout_add (self->connect_timeout_ms,
                                                connect_timed_out_cb, self);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL,
                                                                  self->connect_timeout_id),
                                "[sitrep] team database connect timeout");
    }

  self->lookup = g_cancellable_new ();
  sitrep_team_address_resolve_async (self->conninfo, self->lookup, resolved_cb, self);
}

static void
sitrep_team_listener_dispose (GObject *object)
{
  SitrepTeamListener *self = SITREP_TEAM_LISTENER (object);

  drop_connection (self);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->state = STATE_STOPPED;
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (sitrep_team_listener_parent_class)->dispose (object);
}

static void
sitrep_team_listener_finalize (GObject *object)
{
  SitrepTeamListener *self = SITREP_TEAM_LISTENER (object);

  /* It may hold a password. */
  if (self->conninfo != NULL)
    memset (self->conninfo, 0, strlen (self->conninfo));
  g_free (self->conninfo);
  g_free (self->last_error);

  G_OBJECT_CLASS (sitrep_team_listener_parent_class)->finalize (object);
}

static void
sitrep_team_listener_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SitrepTeamListener *self = SITREP_TEAM_LISTENER (object);

  switch (prop_id)
    {
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;

    case PROP_UNREACHABLE_SINCE:
      g_value_set_int64 (value, self->unreachable_since);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_team_listener_class_init (SitrepTeamListenerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_team_listener_dispose;
  object_class->finalize = sitrep_team_listener_finalize;
  object_class->get_property = sitrep_team_listener_get_property;

  /**
   * SitrepTeamListener:connected:
   *
   * Whether the listener is connected and listening.
   */
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SitrepTeamListener:unreachable-since:
   *
   * When (Unix seconds of the listener's clock) the team database was
   * first found unreachable since the listener last listened, or
   * %SITREP_TIME_NONE while it is reachable or the listener is stopped.
   */
  properties[PROP_UNREACHABLE_SINCE] =
    g_param_spec_int64 ("unreachable-since", NULL, NULL,
                        G_MININT64, G_MAXINT64, SITREP_TIME_NONE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SitrepTeamListener:last-error:
   *
   * Why the last attempt to reach the team database failed, for people
   * (libpq's message, e.g. "connection to server at … failed: Connection
   * refused"); %NULL while listening.
   */
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitrepTeamListener::incident-changed:
   * @self: the listener
   * @incident_id: the incident's row id
   * @changes: what changed, a #SitrepChange mask (all of it when the
   *   writer named a kind of change this version does not know)
   * @writer_pid: the server process of the connection that wrote it
   *
   * A committed write changed one incident.
   */
  signals[INCIDENT_CHANGED] =
    g_signal_new ("incident-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  G_TYPE_INT64,
                  G_TYPE_UINT,
                  G_TYPE_INT);

  /**
   * SitrepTeamListener::changed:
   * @self: the listener
   * @writer_pid: the server process of the connection that wrote it
   *
   * A committed write changed more than one incident (an import, the
   * policy): everything shown is to be read again.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_INT);

  /**
   * SitrepTeamListener::caught-up:
   * @self: the listener
   *
   * The listener listens again after it lost the team database or was
   * stopped. Whatever was written meanwhile was not announced to it, so
   * everything shown is to be read again.
   */
  signals[CAUGHT_UP] =
    g_signal_new ("caught-up",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
sitrep_team_listener_init (SitrepTeamListener *self)
{
  self->state = STATE_STOPPED;
  self->watched_fd = -1;
  self->first_retry_ms = DEFAULT_FIRST_RETRY_MS;
  self->unreachable_since = SITREP_TIME_NONE;
}

/**
 * sitrep_team_listener_new:
 * @conninfo: the team database's connection string, as made by
 *   sitrep_team_address_with_options()
 * @clock: the clock that says when the database became unreachable
 *
 * Creates a listener for the team database at @conninfo. It does nothing
 * until sitrep_team_listener_start().
 *
 * Returns: (transfer full): the listener
 */
SitrepTeamListener *
sitrep_team_listener_new (const char  *conninfo,
                          SitrepClock *clock)
{
  SitrepTeamListener *self;

  g_return_val_if_fail (conninfo != NULL, NULL);
  g_return_val_if_fail (SITREP_IS_CLOCK (clock), NULL);

  self = g_object_new (SITREP_TYPE_TEAM_LISTENER, NULL);
  self->conninfo = g_strdup (conninfo);
  self->clock = g_object_ref (clock);
  self->connect_timeout_ms = connect_timeout_from_conninfo (conninfo);

  return self;
}

/**
 * sitrep_team_listener_start:
 * @self: a #SitrepTeamListener
 *
 * Starts connecting, on the main loop, and keeps the listener listening
 * (reconnecting whenever it loses the database) until
 * sitrep_team_listener_stop(). Nothing is reported before this returns.
 * Does nothing if the listener is already started.
 */
void
sitrep_team_listener_start (SitrepTeamListener *self)
{
  g_return_if_fail (SITREP_IS_TEAM_LISTENER (self));

  if (self->state != STATE_STOPPED)
    return;

  /* The first attempt, like every later one, is made from the main loop,
   * so that whoever starts the listener hears of it through signals. */
  self->state = STATE_WAITING;
  self->retry_step = 0;
  self->retry_id = g_idle_add (retry_cb, self);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->retry_id),
                            "[sitrep] team database connect");
}

/**
 * sitrep_team_listener_stop:
 * @self: a #SitrepTeamListener
 *
 * Closes the listener's connection and stops trying to reach the team
 * database. A later sitrep_team_listener_start() emits
 * #SitrepTeamListener::caught-up once it listens again.
 */
void
sitrep_team_listener_stop (SitrepTeamListener *self)
{
  g_return_if_fail (SITREP_IS_TEAM_LISTENER (self));

  if (self->state == STATE_STOPPED)
    return;

  if (self->state == STATE_LISTENING)
    self->missed = TRUE;

  drop_connection (self);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->state = STATE_STOPPED;

  g_object_freeze_notify (G_OBJECT (self));
  set_connected (self, FALSE);
  set_unreachable_since (self, SITREP_TIME_NONE);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * sitrep_team_listener_get_connected:
 * @self: a #SitrepTeamListener
 *
 * Returns: whether the listener is listening
 */
gboolean
sitrep_team_listener_get_connected (SitrepTeamListener *self)
{
  g_return_val_if_fail (SITREP_IS_TEAM_LISTENER (self), FALSE);

  return self->connected;
}

/**
 * sitrep_team_listener_get_unreachable_since:
 * @self: a #SitrepTeamListener
 *
 * Returns: when the team database was found unreachable, or
 *   %SITREP_TIME_NONE
 */
gint64
sitrep_team_listener_get_unreachable_since (SitrepTeamListener *self)
{
  g_return_val_if_fail (SITREP_IS_TEAM_LISTENER (self), SITREP_TIME_NONE);

  return self->unreachable_since;
}

/**
 * sitrep_team_listener_get_last_error:
 * @self: a #SitrepTeamListener
 *
 * Returns: (nullable): why the team database could not be reached, or
 *   %NULL while listening
 */
const char *
sitrep_team_listener_get_last_error (SitrepTeamListener *self)
{
  g_return_val_if_fail (SITREP_IS_TEAM_LISTENER (self), NULL);

  return self->last_error;
}

void
sitrep_team_listener_set_timing (SitrepTeamListener *self,
                                 guint               first_retry_ms,
                                 guint               connect_timeout_ms)
{
  g_return_if_fail (SITREP_IS_TEAM_LISTENER (self));
  g_return_if_fail (first_retry_ms > 0);

  self->first_retry_ms = first_retry_ms;
  self->connect_timeout_ms = connect_timeout_ms;
}

guint
sitrep_team_listener_get_malformed_count (SitrepTeamListener *self)
{
  g_return_val_if_fail (SITREP_IS_TEAM_LISTENER (self), 0);

  return self->malformed_count;
}

guint
sitrep_team_listener_get_attempts (SitrepTeamListener *self)
{
  g_return_val_if_fail (SITREP_IS_TEAM_LISTENER (self), 0);

  return self->attempts;
}
