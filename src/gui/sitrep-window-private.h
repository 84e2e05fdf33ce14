/* sitrep-window-private.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-filter-actions.h"
#include "sitrep-team-banner.h"
#include "sitrep-window.h"

G_BEGIN_DECLS

struct _SitrepWindow
{
  AdwApplicationWindow  parent_instance;

  SitrepContext        *context;
  SitrepStore          *store;      /* the context's */
  GSettings            *settings;   /* the context's */
  SitrepIncidentList   *list;
  GtkSingleSelection   *selection;
  SitrepPolicy         *policy;
  GHashTable           *bound_rows;   /* SitrepIncidentRow* set */
  gint64                incident_id;  /* shown in the content pane, or 0 */
  gboolean              read_only;
  guint                 tick_source;
  int                   has_incidents; /* -1: not known since the last import */
  GCancellable         *has_incidents_cancellable; /* while it is read */
  gboolean              asking_has_incidents;      /* an answer now is no news */
  gboolean              awaiting_first_list;       /* a team database's list is read */
  gboolean              show_first_loaded; /* the samples were loaded */
  gboolean              answer_from_top;   /* a new search, filter or order is read */

  /* template widgets */
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  AdwWindowTitle       *list_title;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkMenuButton        *filter_button;
  GtkLabel             *counts_label;
  SitrepFilterActions  *filter_actions;
  GtkRevealer          *read_only_revealer;
  SitrepTeamBanner     *team_banner;
  GtkLabel             *read_only_label;
  GtkWidget            *change_role_button;
  GtkStack             *list_stack;
  GtkListView          *list_view;
  AdwStatusPage        *no_results_page;
  AdwWindowTitle       *content_title;
  GtkStack             *content_stack;
  AdwBin               *view_bin;
  GtkWidget            *incident_view;
  AdwToastOverlay      *toast_overlay;
};

/* sitrep-window-shortcuts.c: the incident's accelerators on the whole
 * window */
void _sitrep_window_install_incident_shortcuts (SitrepWindow *self);

/* sitrep-window-filter-menu.c: the level and order rows of the filter
 * menu */
void _sitrep_window_add_filter_choices        (SitrepWindow *self);

/* sitrep-window-pages.c: the pages around the list, and the samples */
void _sitrep_window_update_pages              (SitrepWindow *self);
void _sitrep_window_show_first_loaded         (SitrepWindow *self);
void _sitrep_window_load_samples_action       (GtkWidget    *widget,
                                               const char   *action_name,
                                               GVariant     *parameter);

G_END_DECLS
