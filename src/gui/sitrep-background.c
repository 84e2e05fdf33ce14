/* sitrep-background.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sitrep-background.h"

/*
 * SitrepBackground keeps Sitrep alive for alerts while no window is open:
 * after `sitrep --background` (the autostart entry), and after the window
 * was closed when the "run-in-background" setting is on, which it says
 * once with a notification. It also follows the "start-at-login" setting:
 * an autostart desktop entry outside Flatpak, the Background portal inside.
 */

struct _SitrepBackground
{
  GObject         parent_instance;

  GtkApplication *application;   /* not owned: it owns this object */
  GSettings      *settings;
  SitrepNotifier *notifier;

  gboolean        hidden;        /* started with --background */
  gboolean        holding;
  gboolean        shutting_down;

  gulong          window_removed_id;
  gulong          shutdown_id;
  gulong          run_in_background_id;
  gulong          start_at_login_id;
};

G_DEFINE_FINAL_TYPE (SitrepBackground, sitrep_background, G_TYPE_OBJECT)

#define PORTAL_BUS_NAME   "org.freedesktop.portal.Desktop"
#define PORTAL_PATH       "/org/freedesktop/portal/desktop"
#define PORTAL_BACKGROUND "org.freedesktop.portal.Background"

static void
update_hold (SitrepBackground *self)
{
  gboolean want = self->hidden || g_settings_get_boolean (self->settings, "run-in-background");

  if (want == self->holding)
    return;

  self->holding = want;
  if (want)
    g_application_hold (G_APPLICATION (self->application));
  else
    g_application_release (G_APPLICATION (self->application));
}

static const char *
get_app_id (SitrepBackground *self)
{
  const char *app_id = g_application_get_application_id (G_APPLICATION (self->application));

  return app_id != NULL ? app_id : APPLICATION_ID;
}

static char *
make_autostart_entry (SitrepBackground *self)
{
  g_autofree char *installed = NULL;
  g_autofree char *name = g_strdup_printf ("%s-autostart.desktop", get_app_id (self));
  char *contents = NULL;

  /* The installed entry carries the translations; an uninstalled build
   * writes the same keys. */
  installed = g_build_filename (PKGDATADIR, name, NULL);
  if (g_file_get_contents (installed, &contents, NULL, NULL))
    return contents;

  return g_strdup_printf ("[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=%s\n"
                          "Comment=%s\n"
                          "Exec=sitrep --background\n"
                          "Icon=%s\n"
                          "Terminal=false\n"
                          "NoDisplay=true\n"
                          "X-GNOME-Autostart-enabled=true\n"
                          "X-GNOME-UsesNotifications=true\n",
                          _("Sitrep"),
                          _("Raise alerts for incident deadlines in the background"),
                          get_app_id (self));
}

static void
background_response_cb (GDBusConnection *connection,
                        const char      *sender_name,
                        const char      *object_path,
                        const char      *interface_name,
                        const char      *signal_name,
                        GVariant        *parameters,
                        gpointer         user_data)
{
  guint *subscription = user_data;
  g_autoptr(GVariant) results = NULL;
  guint32 response = 2;
  gboolean autostart = FALSE;

  /* One answer per request. */
  g_dbus_connection_signal_unsubscribe (connection, *subscription);

  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "autostart", "b", &autostart);

  if (response != 0)
    g_message ("The desktop did not allow Sitrep to run in the background (response %u)",
               response);
  else if (!autostart)
    g_debug ("The desktop did not enable starting Sitrep at login");
}

static void
request_background_cb (GObject      *source_object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source_object), result, &error);
  if (reply == NULL)
    g_warning ("Could not ask the desktop to start Sitrep at login: %s", error->message);
}

/* Inside Flatpak only the Background portal may add an autostart entry. */
static gboolean
request_background (SitrepBackground *self,
                    gboolean          autostart,
                    GError          **error)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autofree char *token = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *handle = NULL;
  GVariantBuilder options;
  const char *commandline[] = { "sitrep", "--background", NULL };
  guint *subscription;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);
  if (bus == NULL)
    return FALSE;

  /* The request's object path is known in advance, so that the response
   * cannot come before its subscription. */
  token = g_strdup_printf ("sitrep%u", g_random_int ());
  sender = g_strdup (g_dbus_connection_get_unique_name (bus) + 1);
  g_strdelimit (sender, ".", '_');
  handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", sender, token);

  subscription = g_new0 (guint, 1);
  *subscription = g_dbus_connection_signal_subscribe (bus, PORTAL_BUS_NAME,
                                                      "org.freedesktop.portal.Request",
                                                      "Response", handle, NULL,
                                                      G_DBUS_SIGNAL_FLAGS_NONE,
                                                      background_response_cb,
                                                      subscription, g_free);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Sitrep raises alerts for incident "
                                                 "deadlines while its window is closed.")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (autostart));
  g_variant_builder_add (&options, "{sv}", "commandline",
                         g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));

  g_dbus_connection_call (bus, PORTAL_BUS_NAME, PORTAL_PATH, PORTAL_BACKGROUND,
                          "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options),
                          G_VARIANT_TYPE ("(o)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                          request_background_cb, NULL);

  return TRUE;
}

static void
window_removed_cb (GtkApplication   *application,
                   GtkWindow        *window,
                   SitrepBackground *self)
{
  if (self->shutting_down || !self->holding)
    return;

  if (gtk_application_get_windows (application) == NULL)
    sitrep_notifier_say_still_running (self->notifier);
}

static void
shutdown_cb (GApplication     *application,
             SitrepBackground *self)
{
  self->shutting_down = TRUE;
}

static void
run_in_background_changed_cb (GSettings        *settings,
                              const char       *key,
                              SitrepBackground *self)
{
  update_hold (self);
}

static void
start_at_login_changed_cb (GSettings        *settings,
                           const char       *key,
                           SitrepBackground *self)
{
  g_autoptr(GError) error = NULL;

  if (!sitrep_background_set_autostart (self, g_settings_get_boolean (settings, key), &error))
    g_warning ("%s", error->message);
}

static void
sitrep_background_dispose (GObject *object)
{
  SitrepBackground *self = SITREP_BACKGROUND (object);

  if (self->application != NULL)
    {
      g_clear_signal_handler (&self->window_removed_id, self->application);
      g_clear_signal_handler (&self->shutdown_id, self->application);
      if (self->holding)
        g_application_release (G_APPLICATION (self->application));
      self->holding = FALSE;
      self->application = NULL;
    }

  if (self->settings != NULL)
    {
      g_clear_signal_handler (&self->run_in_background_id, self->settings);
      g_clear_signal_handler (&self->start_at_login_id, self->settings);
    }

  g_clear_object (&self->settings);
  g_clear_object (&self->notifier);

  G_OBJECT_CLASS (sitrep_background_parent_class)->dispose (object);
}

static void
sitrep_background_class_init (SitrepBackgroundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_background_dispose;
}

static void
sitrep_background_init (SitrepBackground *self)
{
}

/**
 * sitrep_background_new:
 * @application: the application to keep alive
 * @settings: the application's settings ("run-in-background",
 *   "start-at-login")
 * @notifier: the notifier that says Sitrep keeps running
 * @hidden: whether Sitrep was started without a window (`--background`):
 *   then it keeps running whatever "run-in-background" says
 *
 * Holds @application while it should watch deadlines without a window,
 * and follows the "start-at-login" setting from now on.
 *
 * Returns: (transfer full): a new #SitrepBackground
 */
SitrepBackground *
sitrep_background_new (GtkApplication *application,
                       GSettings      *settings,
                       SitrepNotifier *notifier,
                       gboolean        hidden)
{
  SitrepBackground *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (SITREP_IS_NOTIFIER (notifier), NULL);

  self = g_object_new (SITREP_TYPE_BACKGROUND, NULL);
  self->application = application;
  self->settings = g_object_ref (settings);
  self->notifier = g_object_ref (notifier);
  self->hidden = hidden;

  self->window_removed_id = g_signal_connect (application, "window-removed",
                                              G_CALLBACK (window_removed_cb), self);
  self->shutdown_id = g_signal_connect (application, "shutdown",
                                        G_CALLBACK (shutdown_cb), self);
  self->run_in_background_id = g_signal_connect (settings, "changed::run-in-background",
                                                 G_CALLBACK (run_in_background_changed_cb),
                                                 self);
  self->start_at_login_id = g_signal_connect (settings, "changed::start-at-login",
                                              G_CALLBACK (start_at_login_changed_cb), self);

  update_hold (self);

  return self;
}

/**
 * sitrep_background_is_holding:
 * @self: a #SitrepBackground
 *
 * Returns: whether Sitrep keeps running when it has no window
 */
gboolean
sitrep_background_is_holding (SitrepBackground *self)
{
  g_return_val_if_fail (SITREP_IS_BACKGROUND (self), FALSE);

  return self->holding;
}

/**
 * sitrep_background_get_autostart_path:
 *
 * Returns: (transfer full): where the autostart entry goes outside
 *   Flatpak: `~/.config/autostart/<application id>.desktop`
 */
char *
sitrep_background_get_autostart_path (void)
{
  g_autofree char *name = g_strdup_printf ("%s.desktop", APPLICATION_ID);

  return g_build_filename (g_get_user_config_dir (), "autostart", name, NULL);
}

/**
 * sitrep_background_set_autostart:
 * @self: a #SitrepBackground
 * @enabled: whether Sitrep should start hidden at login
 * @error: return location for a #GError
 *
 * Writes or removes the autostart entry, or inside Flatpak asks the
 * Background portal (whose answer comes later).
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_background_set_autostart (SitrepBackground *self,
                                 gboolean          enabled,
                                 GError          **error)
{
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *contents = NULL;

  g_return_val_if_fail (SITREP_IS_BACKGROUND (self), FALSE);

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return request_background (self, enabled, error);

  path = sitrep_background_get_autostart_path ();

  if (!enabled)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       /* Translators: %s is a file name, then the cause */
                       _("Could not remove the autostart entry %s: %s"),
                       path, g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }

  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }

  contents = make_autostart_entry (self);
  if (!g_file_set_contents (path, contents, -1, error))
    return FALSE;

  return TRUE;
}
