/* sitrep-clock.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib-unix.h>

#include "sitrep-clock.h"

/*
 * SitrepClock is the only place that reads the wall clock. Everything that
 * needs "now" asks a clock, so tests can replace it with a fake one they
 * set and advance by hand.
 *
 * A real clock also watches for the moments when the wall clock does not
 * follow its normal course: the system time being set (a timerfd armed
 * with TFD_TIMER_CANCEL_ON_SET is cancelled by the kernel when that
 * happens) and the machine resuming from suspend (logind's PrepareForSleep
 * on the system bus, when there is one). Both emit ::jumped, so whoever
 * waits for a wall-clock moment re-checks.
 */

struct _SitrepClock
{
  GObject parent_instance;

  gboolean         fake;
  gint64           fake_now;

  /* real clock only */
  int              timer_fd;
  guint            timer_fd_source;
  GCancellable    *cancellable;
  GDBusConnection *system_bus;
  guint            sleep_subscription;
};

G_DEFINE_FINAL_TYPE (SitrepClock, sitrep_clock, G_TYPE_OBJECT)

enum {
  JUMPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
arm_cancel_on_set (SitrepClock *self)
{
  struct itimerspec spec = { 0 };

  /* An absolute moment far ahead: the timer never expires by itself, it
   * only serves to be cancelled when the wall clock is set. */
  if (sizeof (time_t) > 4)
    spec.it_value.tv_sec = (time_t) G_GINT64_CONSTANT (253402300799);  /* year 9999 */
  else
    spec.it_value.tv_sec = G_MAXINT32;

  return timerfd_settime (self->timer_fd,
                          TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET,
                          &spec, NULL) == 0;
}

static gboolean
timer_fd_ready_cb (int          fd,
                   GIOCondition condition,
                   gpointer     user_data)
{
  SitrepClock *self = SITREP_CLOCK (user_data);
  uint64_t expirations;
  ssize_t n;

  n = read (fd, &expirations, sizeof expirations);
  if (n < 0 && errno != ECANCELED && errno != EAGAIN && errno != EINTR)
    {
      g_warning ("Could not watch the system clock for changes: %s", g_strerror (errno));
      self->timer_fd_source = 0;
      return G_SOURCE_REMOVE;
    }

  /* After a cancellation the timer must be armed again to be told of the
   * next change. */
  if (!arm_cancel_on_set (self))
    {
      g_warning ("Could not watch the system clock for changes: %s", g_strerror (errno));
      self->timer_fd_source = 0;
      return G_SOURCE_REMOVE;
    }

  g_debug ("The system clock was set");
  g_signal_emit (self, signals[JUMPED], 0);

  return G_SOURCE_CONTINUE;
}

static void
watch_clock_changes (SitrepClock *self)
{
  self->timer_fd = timerfd_create (CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
  if (self->timer_fd < 0)
    {
      g_debug ("No timerfd, clock changes are not watched: %s", g_strerror (errno));
      return;
    }

  if (!arm_cancel_on_set (self))
    {
      g_debug ("Could not arm the timerfd: %s", g_strerror (errno));
      close (self->timer_fd);
      self->timer_fd = -1;
      return;
    }

  self->timer_fd_source = g_unix_fd_add (self->timer_fd, G_IO_IN, timer_fd_ready_cb, self);
}

static void
prepare_for_sleep_cb (GDBusConnection *connection,
                      const char      *sender_name,
                      const char      *object_path,
                      const char      *interface_name,
                      const char      *signal_name,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  SitrepClock *self = SITREP_CLOCK (user_data);
  gboolean going_to_sleep = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;

  g_variant_get (parameters, "(b)", &going_to_sleep);

  /* Only the way back matters: time passed while the machine slept, and
   * monotonic timers did not count it. */
  if (!going_to_sleep)
    {
      g_debug ("The system resumed from suspend");
      g_signal_emit (self, signals[JUMPED], 0);
    }
}

static void
system_bus_ready_cb (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SitrepClock) self = SITREP_CLOCK (user_data);
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus;

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      /* No system bus (a container, a test): resume is simply not seen. */
      g_debug ("No system bus, resume from suspend is not watched: %s", error->message);
      return;
    }

  /* Disposed meanwhile: dispose clears the cancellable after cancelling it. */
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      g_object_unref (bus);
      return;
    }

  self->system_bus = bus;
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (bus,
                                        "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager",
                                        "PrepareForSleep",
                                        "/org/freedesktop/login1",
                                        NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        prepare_for_sleep_cb,
                                        self, NULL);
}

static void
sitrep_clock_dispose (GObject *object)
{
  SitrepClock *self = SITREP_CLOCK (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->system_bus != NULL && self->sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
  self->sleep_subscription = 0;
  g_clear_object (&self->system_bus);

  g_clear_handle_id (&self->timer_fd_source, g_source_remove);
  if (self->timer_fd >= 0)
    {
      close (self->timer_fd);
      self->timer_fd = -1;
    }

  G_OBJECT_CLASS (sitrep_clock_parent_class)->dispose (object);
}

static void
sitrep_clock_class_init (SitrepClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_clock_dispose;

  /**
   * SitrepClock::jumped:
   *
   * Emitted when the time moved other than by its normal course: a fake
   * clock was set or advanced, or the system clock was changed or the
   * machine resumed from suspend. Whoever waits for a moment must
   * re-check.
   */
  signals[JUMPED] =
    g_signal_new ("jumped",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
sitrep_clock_init (SitrepClock *self)
{
  self->timer_fd = -1;
}

/**
 * sitrep_clock_new:
 *
 * Returns: (transfer full): a clock that reads the system's wall clock
 */
SitrepClock *
sitrep_clock_new (void)
{
  return g_object_new (SITREP_TYPE_CLOCK, NULL);
}

/**
 * sitrep_clock_watch_jumps:
 * @self: a #SitrepClock
 *
 * Makes a real clock emit #SitrepClock::jumped when the system clock is
 * set and when the machine resumes from suspend. Only long-running users
 * (the deadline scheduler) need this; a command that reads the time once
 * does not. Watching needs the thread-default main context to run.
 * Calling it again, or on a fake clock, does nothing.
 */
void
sitrep_clock_watch_jumps (SitrepClock *self)
{
  g_return_if_fail (SITREP_IS_CLOCK (self));

  if (self->fake || self->cancellable != NULL)
    return;

  watch_clock_changes (self);

  self->cancellable = g_cancellable_new ();
  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, system_bus_ready_cb, g_object_ref (self));
}

/**
 * sitrep_clock_new_fake:
 * @now: the time to start at, in Unix seconds
 *
 * Returns: (transfer full): a clock that only moves when told to
 */
SitrepClock *
sitrep_clock_new_fake (gint64 now)
{
  SitrepClock *self = g_object_new (SITREP_TYPE_CLOCK, NULL);

  self->fake = TRUE;
  self->fake_now = now;

  return self;
}

gboolean
sitrep_clock_is_fake (SitrepClock *self)
{
  g_return_val_if_fail (SITREP_IS_CLOCK (self), FALSE);

  return self->fake;
}

/**
 * sitrep_clock_get_now:
 * @self: a #SitrepClock
 *
 * Returns: the current time in Unix seconds
 */
gint64
sitrep_clock_get_now (SitrepClock *self)
{
  g_return_val_if_fail (SITREP_IS_CLOCK (self), 0);

  if (self->fake)
    return self->fake_now;

  return g_get_real_time () / G_USEC_PER_SEC;
}

/**
 * sitrep_clock_get_now_usec:
 * @self: a #SitrepClock
 *
 * Like sitrep_clock_get_now(), in microseconds, for whoever must arm a
 * timer to the exact moment a second begins.
 *
 * Returns: the current time in Unix microseconds
 */
gint64
sitrep_clock_get_now_usec (SitrepClock *self)
{
  g_return_val_if_fail (SITREP_IS_CLOCK (self), 0);

  if (self->fake)
    return self->fake_now * G_USEC_PER_SEC;

  return g_get_real_time ();
}

/**
 * sitrep_clock_set_now:
 * @self: a fake #SitrepClock
 * @now: the new time in Unix seconds
 *
 * Moves a fake clock and emits #SitrepClock::jumped.
 */
void
sitrep_clock_set_now (SitrepClock *self,
                      gint64       now)
{
  g_return_if_fail (SITREP_IS_CLOCK (self));
  g_return_if_fail (self->fake);

  self->fake_now = now;
  g_signal_emit (self, signals[JUMPED], 0);
}

/**
 * sitrep_clock_advance:
 * @self: a fake #SitrepClock
 * @seconds: how far to move, may be negative
 */
void
sitrep_clock_advance (SitrepClock *self,
                      gint64       seconds)
{
  g_return_if_fail (SITREP_IS_CLOCK (self));

  sitrep_clock_set_now (self, self->fake_now + seconds);
}
