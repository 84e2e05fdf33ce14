/* sitrep-application.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-application.h"
#include "sitrep-cli.h"
#include "sitrep-window.h"

struct _SitrepApplication
{
  AdwApplication parent_instance;

  char        *database_path;
  SitrepClock *clock;
  SitrepStore *store;
};

G_DEFINE_FINAL_TYPE (SitrepApplication, sitrep_application, ADW_TYPE_APPLICATION)

static int
sitrep_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  SitrepApplication *self = SITREP_APPLICATION (app);
  const char *database = NULL;
  int status;

  /* Headless commands run here, in the calling process, without a display. */
  status = sitrep_cli_run (options);
  if (status >= 0)
    return status;

  if (g_variant_dict_lookup (options, "database", "^&ay", &database))
    self->database_path = g_strdup (database);

  return -1;
}

static void
sitrep_application_startup (GApplication *app)
{
  SitrepApplication *self = SITREP_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  G_APPLICATION_CLASS (sitrep_application_parent_class)->startup (app);

  path = self->database_path != NULL ? g_strdup (self->database_path)
                                     : sitrep_store_default_path ();
  self->store = sitrep_store_open (path, self->clock, &error);
  if (self->store == NULL)
    g_printerr ("%s\n", error->message);
}

static void
sitrep_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (sitrep_window_new (SITREP_APPLICATION (app)));

  gtk_window_present (window);
}

static void
sitrep_application_finalize (GObject *object)
{
  SitrepApplication *self = SITREP_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (sitrep_application_parent_class)->finalize (object);
}

static void
sitrep_application_class_init (SitrepApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = sitrep_application_finalize;

  app_class->handle_local_options = sitrep_application_handle_local_options;
  app_class->startup = sitrep_application_startup;
  app_class->activate = sitrep_application_activate;
}

static void
sitrep_application_init (SitrepApplication *self)
{
  self->clock = sitrep_clock_new ();

  g_application_add_main_option_entries (G_APPLICATION (self),
                                         sitrep_cli_get_option_entries ());
}

/**
 * sitrep_application_new:
 *
 * Returns: (transfer full): the application
 */
SitrepApplication *
sitrep_application_new (void)
{
  return g_object_new (SITREP_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", "/io/github/sitrep/Sitrep",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

/**
 * sitrep_application_get_store:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the open store, or %NULL when the
 *   database could not be opened
 */
SitrepStore *
sitrep_application_get_store (SitrepApplication *self)
{
  g_return_val_if_fail (SITREP_IS_APPLICATION (self), NULL);

  return self->store;
}
