/* sitrep-team-banner.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-accessible.h"
#include "sitrep-team-banner.h"
#include "sitrep-time.h"
#include "sitrep-types.h"

/*
 * The strip above the window's content that says when the team database
 * cannot be reached: since when, that Sitrep keeps trying, and that what
 * the window shows is what it last read. It follows the store's team
 * listener, and hides itself again when the connection is back.
 */

struct _SitrepTeamBanner
{
  AdwBin              parent_instance;

  GtkRevealer        *revealer;
  GtkLabel           *label;

  SitrepTeamListener *listener;
};

G_DEFINE_FINAL_TYPE (SitrepTeamBanner, sitrep_team_banner, ADW_TYPE_BIN)

static void
update (SitrepTeamBanner *self)
{
  g_autofree char *since = NULL;
  g_autofree char *text = NULL;
  gint64 unreachable_since;
  const char *detail;

  if (self->listener == NULL || sitrep_team_listener_get_connected (self->listener))
    {
      gtk_revealer_set_reveal_child (self->revealer, FALSE);
      return;
    }

  unreachable_since = sitrep_team_listener_get_unreachable_since (self->listener);
  if (unreachable_since == SITREP_TIME_NONE)
    {
      /* still connecting for the first time */
      gtk_revealer_set_reveal_child (self->revealer, FALSE);
      return;
    }

  since = sitrep_time_format_clock (unreachable_since, unreachable_since);
  detail = sitrep_team_listener_get_last_error (self->listener);
  /* Translators: %s is a time of day, e.g. 14:02 */
  text = g_strdup_printf (_("Team database unreachable since %s — retrying. The incidents "
                            "shown are as last read; changes cannot be saved until it is back."),
                          since);
  gtk_label_set_label (self->label, text);
  sitrep_accessible_set_tooltip (GTK_WIDGET (self->label), detail);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

static void
sitrep_team_banner_dispose (GObject *object)
{
  SitrepTeamBanner *self = SITREP_TEAM_BANNER (object);

  sitrep_team_banner_set_listener (self, NULL);

  G_OBJECT_CLASS (sitrep_team_banner_parent_class)->dispose (object);
}

static void
sitrep_team_banner_class_init (SitrepTeamBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_team_banner_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/ui/sitrep-team-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepTeamBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, SitrepTeamBanner, label);
}

static void
sitrep_team_banner_init (SitrepTeamBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sitrep_team_banner_new (void)
{
  return g_object_new (SITREP_TYPE_TEAM_BANNER, NULL);
}

/**
 * sitrep_team_banner_set_listener:
 * @self: a banner
 * @listener: (nullable): the team database's listener, or %NULL for a
 *   desk's own database (the banner then never shows)
 */
void
sitrep_team_banner_set_listener (SitrepTeamBanner   *self,
                                 SitrepTeamListener *listener)
{
  g_return_if_fail (SITREP_IS_TEAM_BANNER (self));

  if (self->listener == listener)
    return;

  if (self->listener != NULL)
    g_signal_handlers_disconnect_by_data (self->listener, self);
  g_set_object (&self->listener, listener);
  if (listener != NULL)
    {
      g_signal_connect_swapped (listener, "notify::connected", G_CALLBACK (update), self);
      g_signal_connect_swapped (listener, "notify::unreachable-since", G_CALLBACK (update), self);
      g_signal_connect_swapped (listener, "notify::last-error", G_CALLBACK (update), self);
    }

  update (self);
}

SitrepTeamListener *
sitrep_team_banner_get_listener (SitrepTeamBanner *self)
{
  g_return_val_if_fail (SITREP_IS_TEAM_BANNER (self), NULL);

  return self->listener;
}

/* What the banner says, for tests */
const char *
sitrep_team_banner_get_text (SitrepTeamBanner *self)
{
  g_return_val_if_fail (SITREP_IS_TEAM_BANNER (self), NULL);

  return gtk_label_get_label (self->label);
}

gboolean
sitrep_team_banner_get_shown (SitrepTeamBanner *self)
{
  g_return_val_if_fail (SITREP_IS_TEAM_BANNER (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}
