/* sitrep-window.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enums.h"
#include "sitrep-filter-actions.h"
#include "sitrep-incident-row.h"
#include "sitrep-incident-view.h"
#include "sitrep-pane-bin.h"
#include "sitrep-list-pacer.h"
#include "sitrep-slot-model.h"
#include "sitrep-new-incident-dialog.h"
#include "sitrep-reports-view.h"
#include "sitrep-window-private.h"
#include "sitrep-accessible.h"
#include "sitrep-team-banner.h"
#include "sitrep-toast.h"

/*
 * The main window: the ticket list beside the selected incident, in a
 * leaflet that folds to one pane on a narrow screen. The list's rows count
 * down to their next deadline; one timer, aligned to the minute of the
 * store's clock, refreshes the rows on screen while the window is mapped.
 */

G_DEFINE_FINAL_TYPE (SitrepWindow, sitrep_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void arm_tick (SitrepWindow *self);

static gint64
get_now (SitrepWindow *self)
{
  return sitrep_clock_get_now (sitrep_store_get_clock (self->store));
}

/* The key and title of the incident on show: as the incident view last
 * read it, or before it has, as the list holds it. An incident the list
 * does not hold gets its title once the view has read it. */
static void
update_content_title (SitrepWindow *self)
{
  g_autoptr(SitrepIncident) incident = NULL;
  SitrepIncident *shown;

  shown = sitrep_incident_view_get_incident (SITREP_INCIDENT_VIEW (self->incident_view));
  if (self->incident_id != 0 && shown != NULL
      && sitrep_incident_get_id (shown) == self->incident_id)
    incident = g_object_ref (shown);
  else if (self->incident_id != 0)
    {
      guint position = SITREP_INCIDENT_LIST_INVALID_POSITION;

      if (self->list != NULL)
        position = sitrep_incident_list_find (self->list, self->incident_id);

      if (position != SITREP_INCIDENT_LIST_INVALID_POSITION)
        incident = g_list_model_get_item (G_LIST_MODEL (self->list), position);
      /* still being read from a team database: only its id */
      if (incident != NULL && sitrep_incident_get_key (incident) == NULL)
        g_clear_object (&incident);
    }

  if (self->filter_actions != NULL)
    sitrep_filter_actions_set_incident (self->filter_actions, incident);
  if (incident != NULL)
    {
      adw_window_title_set_title (self->content_title, sitrep_incident_get_key (incident));
      adw_window_title_set_subtitle (self->content_title, sitrep_incident_get_title (incident));
    }
  else
    {
      adw_window_title_set_title (self->content_title, "");
      adw_window_title_set_subtitle (self->content_title, "");
    }
}

static void
set_incident_id (SitrepWindow *self,
                 gint64        id)
{
  if (self->incident_id == id)
    return;

  self->incident_id = id;
  gtk_stack_set_visible_child_name (self->content_stack, id != 0 ? "incident" : "none");
  sitrep_incident_view_set_incident_id (SITREP_INCIDENT_VIEW (self->incident_view), id);
  update_content_title (self);
}

/* Keeps the shown incident selected after the list changed under it, as
 * the same incident is a new object once it was written. */
static void
reselect (SitrepWindow *self)
{
  guint position;

  if (self->incident_id == 0 || self->selection == NULL)
    return;

  position = sitrep_incident_list_find (self->list, self->incident_id);
  if (position == gtk_single_selection_get_selected (self->selection))
    return;

  gtk_single_selection_set_selected (self->selection,
                                     position != SITREP_INCIDENT_LIST_INVALID_POSITION
                                     ? position : GTK_INVALID_LIST_POSITION);
}

/* GtkSingleSelection looks for its selected item among every item added in
 * a change, which would read every incident of a large list: the
 * selection is dropped before the list is replaced, and restored after. */
static void
drop_selection (SitrepWindow *self)
{
  if (self->selection != NULL)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

/* Another search, filter or order: its answer is read from the top, not
 * from where the list was scrolled for the last one. The list goes to
 * the top at once, and again once the answer has landed. */
static void
scroll_list_to_top (SitrepWindow *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static void
answer_from_top (SitrepWindow *self)
{
  self->answer_from_top = TRUE;
  scroll_list_to_top (self);
}

static void
refresh_policy (SitrepWindow *self)
{
  g_clear_object (&self->policy);
  self->policy = sitrep_store_get_policy (self->store);
}

static void
refresh_rows (SitrepWindow *self)
{
  GHashTableIter iter;
  gpointer row;
  gint64 now = get_now (self);

  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    sitrep_incident_row_update (row, self->policy, now);
}

/* The context decides what the role allows; the incident view follows it
 * by itself. */
static void
apply_role (SitrepWindow *self)
{
  self->read_only = sitrep_context_get_read_only (self->context);

  /* On a team database the server gave the role: no preference changes it. */
  if (sitrep_context_get_team (self->context))
    gtk_label_set_label (self->read_only_label,
                         _("Your login on the team database has data viewing permission: you "
                           "can see every incident but change nothing. An administrator "
                           "grants sitrep_manager to change incidents."));
  gtk_widget_set_visible (self->change_role_button, !sitrep_context_get_team (self->context));
  gtk_revealer_set_reveal_child (self->read_only_revealer, self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-incident", !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-samples", !self->read_only);
}

/* What a supervisor watches, whatever the filter shows. */
static void
list_counts_changed_cb (SitrepWindow *self)
{
  const SitrepListCounts *counts = sitrep_incident_list_get_counts (self->list);
  g_autofree char *text = sitrep_list_counts_describe (counts);

  gtk_label_set_label (self->counts_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->counts_label),
                          counts->active + counts->awaiting_closure > 0);
}

static void
apply_user_name (SitrepWindow *self)
{
  sitrep_incident_list_set_user_name (self->list, sitrep_context_get_user_name (self->context));
}

static void
apply_filter (SitrepWindow *self)
{
  g_autofree char *text = g_settings_get_string (self->settings, "list-filter");
  g_autoptr(SitrepFilter) filter = NULL;

  /* The worker answers; list_loading_changed_cb() sets the selection
   * aside while the answer lands. */
  filter = sitrep_filter_parse (text, sitrep_context_get_user_name (self->context));
  sitrep_incident_list_set_conditions (self->list, filter);
  _sitrep_window_update_pages (self);
}

static void
apply_sort (SitrepWindow *self)
{
  g_autofree char *nick = g_settings_get_string (self->settings, "list-sort");
  int sort = SITREP_LIST_SORT_NEXT_DUE;

  sitrep_enum_from_nick (SITREP_TYPE_LIST_SORT, nick, &sort);
  sitrep_incident_list_set_sort (self->list, sort);
}

static gboolean
tick_cb (gpointer user_data)
{
  SitrepWindow *self = user_data;

  self->tick_source = 0;

  /* Incidents become at risk as time passes, without any write. */
  if (sitrep_incident_list_get_filter (self->list)->risk != SITREP_RISK_ANY)
    sitrep_incident_list_refresh (self->list);
  else
    sitrep_incident_list_refresh_counts (self->list);

  refresh_rows (self);
  arm_tick (self);

  return G_SOURCE_REMOVE;
}

/* One timer for every row, due at the next minute of the store's clock, so
 * that "due in 4 min" turns to "due in 3 min" when the minute turns. */
static void
arm_tick (SitrepWindow *self)
{
  gint64 now;

  g_clear_handle_id (&self->tick_source, g_source_remove);

  now = get_now (self);
  self->tick_source = g_timeout_add_seconds (60 - (guint) (now % 60), tick_cb, self);
  g_source_set_name_by_id (self->tick_source, "[sitrep] countdown tick");
}

static void
settings_changed_cb (GSettings    *settings,
                     const char   *key,
                     SitrepWindow *self)
{
  if (g_str_equal (key, "list-filter"))
    {
      answer_from_top (self);
      apply_filter (self);
    }
  else if (g_str_equal (key, "list-sort"))
    {
      answer_from_top (self);
      apply_sort (self);
    }
}

static void
incident_changed_cb (SitrepContext  *context,
                     gint64          id,
                     guint           changes,
                     SitrepIncident *incident,
                     SitrepWindow   *self)
{
  /* Nothing is ever deleted: one incident written means there is one. */
  self->has_incidents = TRUE;
}

static void
read_only_changed_cb (SitrepWindow  *self,
                      GParamSpec    *pspec,
                      SitrepContext *context)
{
  apply_role (self);
}

static void
user_name_changed_cb (SitrepWindow  *self,
                      GParamSpec    *pspec,
                      SitrepContext *context)
{
  apply_user_name (self);
  /* "mine" of an earlier version's settings is the user's name */
  apply_filter (self);
}

static void
store_changed_cb (SitrepStore  *store,
                  SitrepWindow *self)
{
  self->has_incidents = -1;
  reselect (self);
  /* A new policy moves every deadline; another process may have written
   * the incident on show. */
  refresh_policy (self);
  refresh_rows (self);
  _sitrep_window_update_pages (self);
}

static void
list_items_changed_cb (SitrepWindow *self,
                       guint         position,
                       guint         removed,
                       guint         added,
                       GListModel   *model)
{
  reselect (self);
  _sitrep_window_update_pages (self);
  _sitrep_window_show_first_loaded (self);
}

/* The incident view has read the incident on show again: its key and
 * title come from there, without reading it once more. */
static void
shown_incident_changed_cb (SitrepWindow       *self,
                           GParamSpec         *pspec,
                           SitrepIncidentView *view)
{
  update_content_title (self);
}

/* Shows the list's first incident, when the window has just opened and
 * no incident is chosen yet. */
static void
show_first_incident (SitrepWindow *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0)
    return;

  self->awaiting_first_list = FALSE;
  if (self->incident_id != 0)
    return;

  /* The first incident's details and timeline follow the window's first
   * frame, so that the window shows without waiting for them; its row,
   * key and title are there from the start. */
  self->incident_id = sitrep_incident_list_get_id (self->list, 0);
  gtk_stack_set_visible_child_name (self->content_stack, "incident");
  update_content_title (self);
  sitrep_incident_view_set_incident_id_after_frame (SITREP_INCIDENT_VIEW (self->incident_view),
                                                    self->incident_id);
  gtk_single_selection_set_selected (self->selection, 0);
}

static void
reselect_cb (gpointer user_data)
{
  SitrepWindow *self = user_data;

  /* The window may have been closed meanwhile. */
  if (self->list != NULL)
    {
      reselect (self);
      if (self->answer_from_top && !sitrep_incident_list_get_loading (self->list))
        {
          self->answer_from_top = FALSE;
          scroll_list_to_top (self);
        }
      _sitrep_window_update_pages (self);
      if (self->awaiting_first_list)
        show_first_incident (self);
      /* An answer equal to the list changes no item, so
       * list_items_changed_cb() does not see it. */
      _sitrep_window_show_first_loaded (self);
    }
  g_object_unref (self);
}

/* The worker answered and the list is about to take the answer: the
 * selection is dropped first, for the same reason as drop_selection(),
 * and restored once the list has changed. */
static void
list_loading_changed_cb (SitrepWindow       *self,
                         GParamSpec         *pspec,
                         SitrepIncidentList *list)
{
  if (sitrep_incident_list_get_loading (list))
    {
      _sitrep_window_update_pages (self);
      return;
    }

  drop_selection (self);
  /* An answer that changed nothing announces nothing. */
  g_idle_add_once (reselect_cb, g_object_ref (self));
}

/* The list says an incident's contents changed where it is: its row, if
 * one is bound, shows it as it is now. */
static void
list_incident_updated_cb (SitrepWindow       *self,
                          guint               position,
                          SitrepIncident     *incident,
                          SitrepIncidentList *list)
{
  GHashTableIter iter;
  gpointer row;
  gint64 id = sitrep_incident_get_id (incident);

  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    {
      SitrepIncident *shown = sitrep_incident_row_get_incident (row);

      if (shown != NULL && sitrep_incident_get_id (shown) == id)
        sitrep_incident_row_set_incident (row, incident, self->policy, get_now (self));
    }
}

static void
selected_changed_cb (SitrepWindow       *self,
                     GParamSpec         *pspec,
                     GtkSingleSelection *selection)
{
  guint position = gtk_single_selection_get_selected (selection);

  /* A selection lost because the incident left the list (it was closed
   * under the "open" filter) keeps the incident on show. */
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  set_incident_id (self, sitrep_incident_list_get_id (self->list, position));
}

static void
list_activate_cb (SitrepWindow *self,
                  guint         position,
                  GtkListView  *list_view)
{
  gint64 id = sitrep_incident_list_get_id (self->list, position);

  if (id == 0)
    return;

  gtk_single_selection_set_selected (self->selection, position);
  set_incident_id (self, id);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  if (adw_leaflet_get_folded (self->leaflet))
    gtk_widget_child_focus (GTK_WIDGET (self->view_bin), GTK_DIR_TAB_FORWARD);
}

static void
search_changed_cb (SitrepWindow   *self,
                   GtkSearchEntry *entry)
{
  answer_from_top (self);
  sitrep_incident_list_set_search_text (self->list, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
stop_search_cb (SitrepWindow   *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
search_mode_changed_cb (SitrepWindow *self,
                        GParamSpec   *pspec,
                        GtkSearchBar *search_bar)
{
  /* A closed search shows the whole list again. */
  if (!gtk_search_bar_get_search_mode (search_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
search_activate_cb (SitrepWindow   *self,
                    GtkSearchEntry *entry)
{
  /* Enter in the search opens the first match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    list_activate_cb (self, 0, self->list_view);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              SitrepWindow             *self)
{
  gtk_list_item_set_child (item, sitrep_incident_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             SitrepWindow             *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  SitrepIncidentSlot *slot = gtk_list_item_get_item (item);
  SitrepIncident *incident = slot != NULL ? sitrep_incident_slot_get_incident (slot) : NULL;
  SitrepIncident *latest = NULL;

  /* The item may be the incident as it was before a change shown in
   * place: bound again (a selection, a neighbour's change), the row shows
   * it as it is now. */
  if (incident != NULL)
    latest = sitrep_incident_list_peek_latest (self->list, sitrep_incident_get_id (incident));

  sitrep_incident_row_set_incident (SITREP_INCIDENT_ROW (row),
                                    latest != NULL ? latest : incident,
                                    self->policy, get_now (self));
  /* A new answer gives the slot another incident; the row follows. */
  sitrep_incident_row_set_slot (SITREP_INCIDENT_ROW (row), slot);
  g_hash_table_add (self->bound_rows, row);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               SitrepWindow             *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  g_hash_table_remove (self->bound_rows, row);
  sitrep_incident_row_set_slot (SITREP_INCIDENT_ROW (row), NULL);
  sitrep_incident_row_set_incident (SITREP_INCIDENT_ROW (row), NULL, NULL, 0);
}

static void
new_incident_created_cb (SitrepWindow              *self,
                         gint64                     id,
                         SitrepNewIncidentDialog   *dialog)
{
  sitrep_window_show_incident (self, id);
}

static void
new_incident_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SitrepWindow *self = SITREP_WINDOW (widget);
  SitrepNewIncidentDialog *dialog;

  if (self->read_only)
    return;

  dialog = sitrep_new_incident_dialog_new (self->context);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "created", G_CALLBACK (new_incident_created_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Ctrl+F goes to the search, also when it is already open with words in
 * it: they are selected so that typing replaces them. The search button
 * is the one that opens and closes it. */
static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SitrepWindow *self = SITREP_WINDOW (widget);

  /* a narrow window shows the list, where the search is */
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* The monthly analysis in a window of its own, beside the incidents. */
static void
monthly_analysis_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SitrepWindow *self = SITREP_WINDOW (widget);

  if (self->store != NULL)
    sitrep_reports_view_present_window (GTK_WINDOW (self), self->store,
                                        sitrep_context_get_clock (self->context));
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SitrepWindow *self = SITREP_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
sitrep_window_map (GtkWidget *widget)
{
  SitrepWindow *self = SITREP_WINDOW (widget);

  GTK_WIDGET_CLASS (sitrep_window_parent_class)->map (widget);

  /* The countdowns may be minutes old after the window was hidden. */
  refresh_rows (self);
  arm_tick (self);
}

static void
sitrep_window_unmap (GtkWidget *widget)
{
  SitrepWindow *self = SITREP_WINDOW (widget);

  g_clear_handle_id (&self->tick_source, g_source_remove);

  GTK_WIDGET_CLASS (sitrep_window_parent_class)->unmap (widget);
}

static gboolean
sitrep_window_close_request (GtkWindow *window)
{
  SitrepWindow *self = SITREP_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (sitrep_window_parent_class)->close_request (window);
}

static void
sitrep_window_constructed (GObject *object)
{
  SitrepWindow *self = SITREP_WINDOW (object);
  g_autoptr(GAction) filter_action = NULL;
  g_autoptr(GAction) sort_action = NULL;
  g_autoptr(GPropertyAction) search_action = NULL;
  GtkListItemFactory *factory;
  g_autoptr(SitrepSlotModel) slots = NULL;

  G_OBJECT_CLASS (sitrep_window_parent_class)->constructed (object);

  g_return_if_fail (self->context != NULL);
  self->store = g_object_ref (sitrep_context_get_store (self->context));
  self->settings = g_object_ref (sitrep_context_get_settings (self->context));
  sitrep_team_banner_set_listener (self->team_banner,
                                   sitrep_store_get_team_listener (self->store));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  filter_action = g_settings_create_action (self->settings, "list-filter");
  self->filter_actions = sitrep_filter_actions_new (self->context);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "filter",
                                  sitrep_filter_actions_get_group (self->filter_actions));
  sort_action = g_settings_create_action (self->settings, "list-sort");
  search_action = g_property_action_new ("search", self->search_bar, "search-mode-enabled");
  g_action_map_add_action (G_ACTION_MAP (self), filter_action);
  g_action_map_add_action (G_ACTION_MAP (self), sort_action);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (search_action));

  refresh_policy (self);

  self->incident_view = sitrep_incident_view_new ();
  adw_bin_set_child (self->view_bin, self->incident_view);
  sitrep_incident_view_set_context (SITREP_INCIDENT_VIEW (self->incident_view), self->context);
  _sitrep_window_install_incident_shortcuts (self);
  g_signal_connect_object (self->incident_view, "notify::incident",
                           G_CALLBACK (shown_incident_changed_cb), self, G_CONNECT_SWAPPED);

  /* Queries that grow with the data run on the worker: the window never
   * waits for them. */
  self->list = sitrep_incident_list_new_for_context (self->context);
  g_signal_connect_object (self->list, "notify::counts", G_CALLBACK (list_counts_changed_cb),
                           self, G_CONNECT_SWAPPED);
  list_counts_changed_cb (self);
  apply_user_name (self);
  apply_sort (self);
  apply_filter (self);
  apply_role (self);

  /* The list view keeps its rows across a new answer, which shows in
   * them (see sitrep-slot-model.c), and builds the rows it lacks a few per
   * frame (see sitrep-list-pacer.c); positions are the list's. */
  slots = sitrep_slot_model_new (G_LIST_MODEL (self->list));
  self->selection = gtk_single_selection_new (
    G_LIST_MODEL (sitrep_list_pacer_new (G_LIST_MODEL (slots), GTK_WIDGET (self->list_view))));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selected_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "incident-updated",
                           G_CALLBACK (list_incident_updated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::loading",
                           G_CALLBACK (list_loading_changed_cb), self, G_CONNECT_SWAPPED);
  /* After the selection model has handled the change, and as the list
   * view sees it. */
  g_signal_connect_object (gtk_single_selection_get_model (self->selection), "items-changed",
                           G_CALLBACK (list_items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self, 0);
  g_signal_connect_object (self->context, "incident-changed",
                           G_CALLBACK (incident_changed_cb), self, 0);
  g_signal_connect_object (self->context, "notify::read-only",
                           G_CALLBACK (read_only_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::user-name",
                           G_CALLBACK (user_name_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, 0);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  _sitrep_window_update_pages (self);
  /* On a team database the list comes from the worker: its first
   * incident is shown once it is there. */
  self->awaiting_first_list = sitrep_incident_list_get_loading (self->list);
  show_first_incident (self);

  /* Arrow keys move through the list from the start. */
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
sitrep_window_dispose (GObject *object)
{
  SitrepWindow *self = SITREP_WINDOW (object);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  if (self->has_incidents_cancellable != NULL)
    g_cancellable_cancel (self->has_incidents_cancellable);
  g_clear_object (&self->has_incidents_cancellable);

  /* The settings keep their actions alive: detach them from the window. */
  g_action_map_remove_action (G_ACTION_MAP (self), "list-filter");
  g_action_map_remove_action (G_ACTION_MAP (self), "list-sort");
  g_action_map_remove_action (G_ACTION_MAP (self), "search");

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_WINDOW);
  self->incident_view = NULL;

  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->filter_actions);
  g_clear_object (&self->policy);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sitrep_window_parent_class)->dispose (object);
}

static void
sitrep_window_finalize (GObject *object)
{
  SitrepWindow *self = SITREP_WINDOW (object);

  g_clear_pointer (&self->bound_rows, g_hash_table_unref);

  G_OBJECT_CLASS (sitrep_window_parent_class)->finalize (object);
}

static void
sitrep_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SitrepWindow *self = SITREP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SitrepWindow *self = SITREP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_window_class_init (SitrepWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = sitrep_window_constructed;
  object_class->dispose = sitrep_window_dispose;
  object_class->finalize = sitrep_window_finalize;
  object_class->get_property = sitrep_window_get_property;
  object_class->set_property = sitrep_window_set_property;

  widget_class->map = sitrep_window_map;
  widget_class->unmap = sitrep_window_unmap;

  window_class->close_request = sitrep_window_close_request;

  /**
   * SitrepWindow:context:
   *
   * The store, settings and user the window shows and works for.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         SITREP_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/ui/sitrep-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, counts_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, team_banner);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, change_role_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, view_bin);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_install_action (widget_class, "win.new-incident", NULL, new_incident_action);
  gtk_widget_class_install_action (widget_class, "win.load-samples", NULL,
                                   _sitrep_window_load_samples_action);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "win.monthly-analysis", NULL,
                                   monthly_analysis_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-incident", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK,
                                       "win.monthly-analysis", NULL);
}

static void
sitrep_window_init (SitrepWindow *self)
{
  g_type_ensure (SITREP_TYPE_INCIDENT_ROW);
  g_type_ensure (SITREP_TYPE_TEAM_BANNER);
  g_type_ensure (SITREP_TYPE_INCIDENT_VIEW);
  g_type_ensure (SITREP_TYPE_PANE_BIN);

  self->bound_rows = g_hash_table_new (NULL, NULL);
  self->has_incidents = -1;

  gtk_widget_init_template (GTK_WIDGET (self));
  sitrep_accessible_name_mnemonic_buttons (GTK_WIDGET (self));
  _sitrep_window_add_filter_choices (self);
}

/**
 * sitrep_window_new:
 * @application: the application, whose context the window shows
 *
 * Returns: (transfer full): the main window
 */
SitrepWindow *
sitrep_window_new (SitrepApplication *application)
{
  g_return_val_if_fail (SITREP_IS_APPLICATION (application), NULL);

  return g_object_new (SITREP_TYPE_WINDOW,
                       "application", application,
                       "context", sitrep_application_get_context (application),
                       NULL);
}

/**
 * sitrep_window_get_store:
 * @self: the window
 *
 * Returns: (transfer none): the store the window shows
 */
SitrepStore *
sitrep_window_get_store (SitrepWindow *self)
{
  g_return_val_if_fail (SITREP_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * sitrep_window_get_incident_list:
 * @self: the window
 *
 * Returns: (transfer none): the model of the ticket list
 */
SitrepIncidentList *
sitrep_window_get_incident_list (SitrepWindow *self)
{
  g_return_val_if_fail (SITREP_IS_WINDOW (self), NULL);

  return self->list;
}

/**
 * sitrep_window_get_incident_view:
 * @self: the window
 *
 * Returns: (transfer none): the widget showing the selected incident
 */
GtkWidget *
sitrep_window_get_incident_view (SitrepWindow *self)
{
  g_return_val_if_fail (SITREP_IS_WINDOW (self), NULL);

  return self->incident_view;
}

/**
 * sitrep_window_get_incident_id:
 * @self: the window
 *
 * Returns: the id of the incident on show, or 0
 */
gint64
sitrep_window_get_incident_id (SitrepWindow *self)
{
  g_return_val_if_fail (SITREP_IS_WINDOW (self), 0);

  return self->incident_id;
}

/**
 * sitrep_window_show_incident:
 * @self: the window
 * @id: an incident's id
 *
 * Shows incident @id in the content pane and selects its row. An incident
 * the list's filter hides is still shown, without a selected row.
 */
void
sitrep_window_show_incident (SitrepWindow *self,
                             gint64        id)
{
  guint position;

  g_return_if_fail (SITREP_IS_WINDOW (self));

  set_incident_id (self, id);

  position = sitrep_incident_list_find (self->list, id);
  gtk_single_selection_set_selected (self->selection,
                                     position != SITREP_INCIDENT_LIST_INVALID_POSITION
                                     ? position : GTK_INVALID_LIST_POSITION);
  /* Right after a large answer the list view may not show every item
   * yet (see sitrep-list-pacer.c); the selection follows when it does. */
  if (position != SITREP_INCIDENT_LIST_INVALID_POSITION
      && position < g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item",
                                "u", position);
}

/**
 * sitrep_window_get_read_only:
 * @self: the window
 *
 * Returns: whether the user's role only lets them view (a supervisor)
 */
gboolean
sitrep_window_get_read_only (SitrepWindow *self)
{
  g_return_val_if_fail (SITREP_IS_WINDOW (self), FALSE);

  return self->read_only;
}

/**
 * sitrep_window_show_toast:
 * @self: the window
 * @message: what to tell the user
 *
 * Shows @message briefly at the bottom of the window, for news that needs
 * no answer (a background task that failed).
 */
void
sitrep_window_show_toast (SitrepWindow *self,
                          const char   *message)
{
  g_return_if_fail (SITREP_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, sitrep_toast_new (message, 10));
}
