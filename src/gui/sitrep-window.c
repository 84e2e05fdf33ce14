/* sitrep-window.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-window.h"

struct _SitrepWindow
{
  AdwApplicationWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (SitrepWindow, sitrep_window, ADW_TYPE_APPLICATION_WINDOW)

static void
sitrep_window_class_init (SitrepWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/ui/sitrep-window.ui");
}

static void
sitrep_window_init (SitrepWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SitrepWindow *
sitrep_window_new (SitrepApplication *application)
{
  return g_object_new (SITREP_TYPE_WINDOW, "application", application, NULL);
}
