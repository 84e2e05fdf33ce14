/* sitrep-filter-actions.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-enums.h"
#include "sitrep-filter.h"
#include "sitrep-filter-actions.h"
#include "sitrep-incident-workflow.h"

/*
 * The actions of the list's filter menu, which combine: "group" (active,
 * awaiting-closure, all), "level" (any, 1, 2, 3), "risk" (any, at-risk,
 * breached), "mine" (the user's incidents), "only-owner" and
 * "only-service" (those of the incident on show), and "clear". Each one
 * changes one condition of the filter kept in the settings key
 * "list-filter", and their states follow that key, so that the menu
 * shows the filter whichever way it was set.
 */

struct _SitrepFilterActions
{
  GObject             parent_instance;

  SitrepContext      *context;
  GSettings          *settings;  /* the context's */
  GSimpleActionGroup *group;
  char               *shown_owner;    /* of the incident on show, or NULL */
  char               *shown_service;
  char               *shown_team;
};

G_DEFINE_FINAL_TYPE (SitrepFilterActions, sitrep_filter_actions, G_TYPE_OBJECT)

static SitrepFilter *
read_filter (SitrepFilterActions *self)
{
  g_autofree char *text = g_settings_get_string (self->settings, "list-filter");

  return sitrep_filter_parse (text, sitrep_context_get_user_name (self->context));
}

static void
write_filter (SitrepFilterActions *self,
              const SitrepFilter  *filter)
{
  g_autofree char *text = sitrep_filter_to_string (filter);

  g_settings_set_string (self->settings, "list-filter", text);
}

static GSimpleAction *
lookup (SitrepFilterActions *self,
        const char          *name)
{
  return G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->group), name));
}

static gboolean
owner_is_me (SitrepFilterActions *self,
             const SitrepFilter  *filter)
{
  const char *me = sitrep_context_get_user_name (self->context);

  return filter->owner != NULL && g_strcmp0 (filter->owner, me) == 0;
}

/* The actions' states and whether they apply, from the settings. */
static void
sync_actions (SitrepFilterActions *self)
{
  g_autoptr(SitrepFilter) filter = read_filter (self);
  g_autofree char *level = g_strdup_printf ("%d", filter->level);
  const char *me = sitrep_context_get_user_name (self->context);

  g_simple_action_set_state (lookup (self, "group"),
                             g_variant_new_string (sitrep_enum_to_nick (SITREP_TYPE_STATUS_GROUP,
                                                                        filter->group)));
  g_simple_action_set_state (lookup (self, "level"),
                             g_variant_new_string (filter->level != 0 ? level : "any"));
  g_simple_action_set_state (lookup (self, "risk"),
                             g_variant_new_string (sitrep_enum_to_nick (SITREP_TYPE_RISK,
                                                                        filter->risk)));
  g_simple_action_set_state (lookup (self, "mine"),
                             g_variant_new_boolean (owner_is_me (self, filter)));
  g_simple_action_set_enabled (lookup (self, "mine"), !sitrep_text_is_blank (me));
  g_simple_action_set_enabled (lookup (self, "only-owner"),
                               self->shown_owner != NULL
                               && g_strcmp0 (self->shown_owner, filter->owner) != 0);
  g_simple_action_set_enabled (lookup (self, "only-service"),
                               self->shown_service != NULL
                               && g_strcmp0 (self->shown_service, filter->service) != 0);
  g_simple_action_set_enabled (lookup (self, "only-team"),
                               self->shown_team != NULL
                               && g_strcmp0 (self->shown_team, filter->team) != 0);
  g_simple_action_set_enabled (lookup (self, "clear"),
                               filter->group != SITREP_STATUS_GROUP_ACTIVE
                               || sitrep_filter_is_narrowed (filter));
}

static void
change_group (GSimpleAction *action,
              GVariant      *value,
              gpointer       user_data)
{
  SitrepFilterActions *self = user_data;
  g_autoptr(SitrepFilter) filter = read_filter (self);
  int group;

  if (!sitrep_enum_from_nick (SITREP_TYPE_STATUS_GROUP, g_variant_get_string (value, NULL),
                              &group))
    return;

  filter->group = group;
  write_filter (self, filter);
}

static void
change_level (GSimpleAction *action,
              GVariant      *value,
              gpointer       user_data)
{
  SitrepFilterActions *self = user_data;
  g_autoptr(SitrepFilter) filter = read_filter (self);
  gint64 level = g_ascii_strtoll (g_variant_get_string (value, NULL), NULL, 10);

  filter->level = level >= SITREP_LEVEL_MIN && level <= SITREP_LEVEL_MAX ? (int) level : 0;
  write_filter (self, filter);
}

static void
change_risk (GSimpleAction *action,
             GVariant      *value,
             gpointer       user_data)
{
  SitrepFilterActions *self = user_data;
  g_autoptr(SitrepFilter) filter = read_filter (self);
  int risk;

  if (!sitrep_enum_from_nick (SITREP_TYPE_RISK, g_variant_get_string (value, NULL), &risk))
    return;

  filter->risk = risk;
  write_filter (self, filter);
}

static void
change_mine (GSimpleAction *action,
             GVariant      *value,
             gpointer       user_data)
{
  SitrepFilterActions *self = user_data;
  g_autoptr(SitrepFilter) filter = read_filter (self);

  sitrep_filter_set_owner (filter, g_variant_get_boolean (value)
                                   ? sitrep_context_get_user_name (self->context) : NULL);
  write_filter (self, filter);
}

/* "only-owner", "only-service", "only-team": the list narrowed to what
 * the incident on show has. */
static void
only_shown (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  SitrepFilterActions *self = user_data;
  g_autoptr(SitrepFilter) filter = read_filter (self);
  const char *name = g_action_get_name (G_ACTION (action));

  if (g_str_equal (name, "only-owner"))
    sitrep_filter_set_owner (filter, self->shown_owner);
  else if (g_str_equal (name, "only-service"))
    sitrep_filter_set_service (filter, self->shown_service);
  else
    sitrep_filter_set_team (filter, self->shown_team);
  write_filter (self, filter);
}

static void
clear (GSimpleAction *action,
       GVariant      *parameter,
       gpointer       user_data)
{
  SitrepFilterActions *self = user_data;
  g_autoptr(SitrepFilter) filter = sitrep_filter_new ();

  write_filter (self, filter);
}

static const GActionEntry actions[] = {
  { .name = "group", .parameter_type = "s", .state = "'active'", .change_state = change_group },
  { .name = "level", .parameter_type = "s", .state = "'any'", .change_state = change_level },
  { .name = "risk", .parameter_type = "s", .state = "'any'", .change_state = change_risk },
  { .name = "mine", .state = "false", .change_state = change_mine },
  { .name = "only-owner", .activate = only_shown },
  { .name = "only-service", .activate = only_shown },
  { .name = "only-team", .activate = only_shown },
  { .name = "clear", .activate = clear },
};

static void
settings_changed_cb (GSettings           *settings,
                     const char          *key,
                     SitrepFilterActions *self)
{
  if (g_str_equal (key, "list-filter"))
    sync_actions (self);
}

static void
user_name_changed_cb (SitrepFilterActions *self)
{
  sync_actions (self);
}

static void
sitrep_filter_actions_dispose (GObject *object)
{
  SitrepFilterActions *self = SITREP_FILTER_ACTIONS (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_object (&self->group);

  G_OBJECT_CLASS (sitrep_filter_actions_parent_class)->dispose (object);
}

static void
sitrep_filter_actions_finalize (GObject *object)
{
  SitrepFilterActions *self = SITREP_FILTER_ACTIONS (object);

  g_free (self->shown_owner);
  g_free (self->shown_service);
  g_free (self->shown_team);

  G_OBJECT_CLASS (sitrep_filter_actions_parent_class)->finalize (object);
}

static void
sitrep_filter_actions_class_init (SitrepFilterActionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_filter_actions_dispose;
  object_class->finalize = sitrep_filter_actions_finalize;
}

static void
sitrep_filter_actions_init (SitrepFilterActions *self)
{
  self->group = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->group), actions, G_N_ELEMENTS (actions),
                                   self);
}

/**
 * sitrep_filter_actions_new:
 * @context: the context whose settings keep the filter
 *
 * Returns: (transfer full): the filter menu's actions
 */
SitrepFilterActions *
sitrep_filter_actions_new (SitrepContext *context)
{
  SitrepFilterActions *self;

  g_return_val_if_fail (SITREP_IS_CONTEXT (context), NULL);

  self = g_object_new (SITREP_TYPE_FILTER_ACTIONS, NULL);
  self->context = g_object_ref (context);
  self->settings = g_object_ref (sitrep_context_get_settings (context));
  g_signal_connect (self->settings, "changed", G_CALLBACK (settings_changed_cb), self);
  g_signal_connect_swapped (context, "notify::user-name", G_CALLBACK (user_name_changed_cb),
                            self);
  sync_actions (self);

  return self;
}

/**
 * sitrep_filter_actions_get_group:
 * @self: the actions
 *
 * Returns: (transfer none): the actions, to insert into a widget
 */
GActionGroup *
sitrep_filter_actions_get_group (SitrepFilterActions *self)
{
  g_return_val_if_fail (SITREP_IS_FILTER_ACTIONS (self), NULL);

  return G_ACTION_GROUP (self->group);
}

/**
 * sitrep_filter_actions_set_incident:
 * @self: the actions
 * @incident: (nullable): the incident on show, whose owner, service and
 *   team "only-owner", "only-service" and "only-team" filter on
 */
void
sitrep_filter_actions_set_incident (SitrepFilterActions *self,
                                    SitrepIncident      *incident)
{
  const char *owner = NULL;
  const char *service = NULL;
  const char *team = NULL;

  g_return_if_fail (SITREP_IS_FILTER_ACTIONS (self));

  if (incident != NULL)
    {
      owner = sitrep_incident_get_owner (incident);
      service = sitrep_incident_get_service (incident);
      team = sitrep_incident_get_team (incident);
    }

  g_free (self->shown_owner);
  self->shown_owner = sitrep_text_is_blank (owner) ? NULL : g_strdup (owner);
  g_free (self->shown_service);
  self->shown_service = sitrep_text_is_blank (service) ? NULL : g_strdup (service);
  g_free (self->shown_team);
  self->shown_team = sitrep_text_is_blank (team) ? NULL : g_strdup (team);
  sync_actions (self);
}
