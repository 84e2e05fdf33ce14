/* sitrep-filter.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-enums.h"
#include "sitrep-filter.h"

/*
 * What the ticket list shows, as conditions that combine: a status group,
 * and optionally a level, a risk, an owner and a service. Settings keep
 * it as a short string ("active level=1 risk=at-risk owner=Mei%20Lin"),
 * and the single filters of earlier versions ("open", "level-1", "mine")
 * still read as the filter they meant.
 */

G_DEFINE_BOXED_TYPE (SitrepFilter, sitrep_filter, sitrep_filter_copy, sitrep_filter_free)

static char *
dup_nonblank (const char *text)
{
  return sitrep_text_is_blank (text) ? NULL : g_strstrip (g_strdup (text));
}

/**
 * sitrep_filter_new:
 *
 * Returns: (transfer full): the filter that shows every active incident
 */
SitrepFilter *
sitrep_filter_new (void)
{
  return g_new0 (SitrepFilter, 1);
}

/**
 * sitrep_filter_new_preset:
 * @preset: one of the single filters of earlier versions
 * @me: (nullable): the user's name, the owner for %SITREP_LIST_FILTER_MINE
 *
 * Returns: (transfer full): the filter that shows what @preset showed
 */
SitrepFilter *
sitrep_filter_new_preset (SitrepListFilter  preset,
                          const char       *me)
{
  SitrepFilter *filter = sitrep_filter_new ();

  switch (preset)
    {
    case SITREP_LIST_FILTER_AT_RISK:
      filter->risk = SITREP_RISK_AT_RISK;
      break;

    case SITREP_LIST_FILTER_MINE:
      /* without a name, nobody's incidents (as the old filter did) */
      filter->owner = g_strdup (me != NULL ? me : "");
      break;

    case SITREP_LIST_FILTER_LEVEL_1:
    case SITREP_LIST_FILTER_LEVEL_2:
    case SITREP_LIST_FILTER_LEVEL_3:
      filter->level = 1 + (int) (preset - SITREP_LIST_FILTER_LEVEL_1);
      break;

    case SITREP_LIST_FILTER_ALL:
      filter->group = SITREP_STATUS_GROUP_ALL;
      break;

    case SITREP_LIST_FILTER_OPEN:
    default:
      break;
    }

  return filter;
}

/**
 * sitrep_filter_copy:
 * @filter: a filter
 *
 * Returns: (transfer full): a copy of @filter
 */
SitrepFilter *
sitrep_filter_copy (const SitrepFilter *filter)
{
  SitrepFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);

  copy = g_memdup2 (filter, sizeof *filter);
  copy->owner = g_strdup (filter->owner);
  copy->service = g_strdup (filter->service);
  copy->team = g_strdup (filter->team);

  return copy;
}

/**
 * sitrep_filter_free:
 * @filter: (nullable): a filter
 */
void
sitrep_filter_free (SitrepFilter *filter)
{
  if (filter == NULL)
    return;

  g_free (filter->owner);
  g_free (filter->service);
  g_free (filter->team);
  g_free (filter);
}

/**
 * sitrep_filter_equal:
 * @a: a filter
 * @b: a filter
 *
 * Returns: whether @a and @b show the same incidents
 */
gboolean
sitrep_filter_equal (const SitrepFilter *a,
                     const SitrepFilter *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->group == b->group && a->level == b->level && a->risk == b->risk &&
         g_strcmp0 (a->owner, b->owner) == 0 && g_strcmp0 (a->service, b->service) == 0 &&
         g_strcmp0 (a->team, b->team) == 0;
}

/**
 * sitrep_filter_is_narrowed:
 * @filter: a filter
 *
 * Returns: whether any condition beside the status group is set
 */
gboolean
sitrep_filter_is_narrowed (const SitrepFilter *filter)
{
  g_return_val_if_fail (filter != NULL, FALSE);

  return filter->level != 0 || filter->risk != SITREP_RISK_ANY ||
         filter->owner != NULL || filter->service != NULL ||
         filter->team != NULL;
}

/**
 * sitrep_filter_set_owner:
 * @filter: a filter
 * @owner: (nullable): an owner's name, or %NULL or blank for every owner
 */
void
sitrep_filter_set_owner (SitrepFilter *filter,
                         const char   *owner)
{
  g_return_if_fail (filter != NULL);

  g_free (filter->owner);
  filter->owner = dup_nonblank (owner);
}

/**
 * sitrep_filter_set_service:
 * @filter: a filter
 * @service: (nullable): a service, or %NULL or blank for every service
 */
void
sitrep_filter_set_service (SitrepFilter *filter,
                           const char   *service)
{
  g_return_if_fail (filter != NULL);

  g_free (filter->service);
  filter->service = dup_nonblank (service);
}

/**
 * sitrep_filter_set_team:
 * @filter: a filter
 * @team: (nullable): a team, or %NULL or blank for every team
 */
void
sitrep_filter_set_team (SitrepFilter *filter,
                        const char   *team)
{
  g_return_if_fail (filter != NULL);

  g_free (filter->team);
  filter->team = dup_nonblank (team);
}

/* One "name=value" condition of the string form; unknown ones are left
 * out, so that a newer Sitrep's setting does not stop an older one. */
static void
parse_condition (SitrepFilter *filter,
                 const char   *name,
                 const char   *value)
{
  g_autofree char *unescaped = g_uri_unescape_string (value, NULL);

  if (unescaped == NULL)
    return;

  if (g_str_equal (name, "level"))
    {
      gint64 level = g_ascii_strtoll (unescaped, NULL, 10);

      if (level >= SITREP_LEVEL_MIN && level <= SITREP_LEVEL_MAX)
        filter->level = (int) level;
    }
  else if (g_str_equal (name, "risk"))
    {
      int risk;

      if (sitrep_enum_from_nick (SITREP_TYPE_RISK, unescaped, &risk))
        filter->risk = risk;
    }
  else if (g_str_equal (name, "owner"))
    sitrep_filter_set_owner (filter, unescaped);
  else if (g_str_equal (name, "service"))
    sitrep_filter_set_service (filter, unescaped);
  else if (g_str_equal (name, "team"))
    sitrep_filter_set_team (filter, unescaped);
}

/**
 * sitrep_filter_parse:
 * @text: (nullable): a filter as sitrep_filter_to_string() writes it, or
 *   the name of a single filter of an earlier version ("open", "at-risk",
 *   "mine", "level-1", "level-2", "level-3", "all")
 * @me: (nullable): the user's name, for "mine"
 *
 * Reads a filter kept in the settings. What cannot be read is left out:
 * an unknown group reads as Active.
 *
 * Returns: (transfer full): the filter
 */
SitrepFilter *
sitrep_filter_parse (const char *text,
                     const char *me)
{
  g_auto(GStrv) words = NULL;
  SitrepFilter *filter;
  int value;

  if (text == NULL)
    return sitrep_filter_new ();

  words = g_strsplit (text, " ", -1);
  /* an earlier version's single filter is one word ("all" reads the same
   * either way) */
  if (words[0] != NULL && words[1] == NULL
      && sitrep_enum_from_nick (SITREP_TYPE_LIST_FILTER, words[0], &value))
    return sitrep_filter_new_preset (value, me);

  filter = sitrep_filter_new ();
  if (words[0] != NULL && sitrep_enum_from_nick (SITREP_TYPE_STATUS_GROUP, words[0], &value))
    filter->group = value;

  for (guint i = 1; words[0] != NULL && words[i] != NULL; i++)
    {
      char *equals = strchr (words[i], '=');

      if (equals == NULL)
        continue;

      *equals = '\0';
      parse_condition (filter, words[i], equals + 1);
    }

  return filter;
}

/**
 * sitrep_filter_to_string:
 * @filter: a filter
 *
 * Returns: (transfer full): @filter in the form that the settings keep
 *   and sitrep_filter_parse() reads
 */
char *
sitrep_filter_to_string (const SitrepFilter *filter)
{
  GString *text;

  g_return_val_if_fail (filter != NULL, NULL);

  text = g_string_new (sitrep_enum_to_nick (SITREP_TYPE_STATUS_GROUP, filter->group));
  if (filter->level != 0)
    g_string_append_printf (text, " level=%d", filter->level);
  if (filter->risk != SITREP_RISK_ANY)
    g_string_append_printf (text, " risk=%s",
                            sitrep_enum_to_nick (SITREP_TYPE_RISK, filter->risk));
  if (filter->owner != NULL)
    {
      g_string_append (text, " owner=");
      g_string_append_uri_escaped (text, filter->owner, NULL, TRUE);
    }
  if (filter->service != NULL)
    {
      g_string_append (text, " service=");
      g_string_append_uri_escaped (text, filter->service, NULL, TRUE);
    }
  if (filter->team != NULL)
    {
      g_string_append (text, " team=");
      g_string_append_uri_escaped (text, filter->team, NULL, TRUE);
    }

  return g_string_free (text, FALSE);
}

/**
 * sitrep_status_group_to_label:
 * @group: a status group
 *
 * Returns: (transfer none): the group's name as the list's header and
 *   `--status` show it
 */
const char *
sitrep_status_group_to_label (SitrepStatusGroup group)
{
  switch (group)
    {
    case SITREP_STATUS_GROUP_ACTIVE:           return C_("status group", "Active");
    case SITREP_STATUS_GROUP_AWAITING_CLOSURE: return C_("status group", "Awaiting Closure");
    case SITREP_STATUS_GROUP_ALL:              return C_("status group", "All");
    default:                                   return "";
    }
}

/**
 * sitrep_filter_describe:
 * @filter: a filter
 *
 * Returns: (transfer full): the filter's conditions as the list's header
 *   shows them, e.g. "Active · Level 1 · At risk"
 */
char *
sitrep_filter_describe (const SitrepFilter *filter)
{
  GString *text;

  g_return_val_if_fail (filter != NULL, NULL);

  text = g_string_new (sitrep_status_group_to_label (filter->group));
  /* Translators: the separator between the conditions of the list's
   * filter, e.g. "Active · Level 1 · At risk" */
#define SEPARATOR C_("filter conditions", " · ")
  if (filter->level != 0)
    {
      g_string_append (text, SEPARATOR);
      g_string_append_printf (text, _("Level %d"), filter->level);
    }
  if (filter->risk == SITREP_RISK_AT_RISK)
    g_string_append_printf (text, "%s%s", SEPARATOR, C_("list filter", "At risk"));
  else if (filter->risk == SITREP_RISK_BREACHED)
    g_string_append_printf (text, "%s%s", SEPARATOR, C_("list filter", "Breached"));
  if (filter->owner != NULL)
    {
      g_string_append (text, SEPARATOR);
      /* Translators: a condition of the list's filter: whose incidents */
      g_string_append_printf (text, _("Owner %s"), filter->owner);
    }
  if (filter->service != NULL)
    {
      g_string_append (text, SEPARATOR);
      /* Translators: a condition of the list's filter: which service */
      g_string_append_printf (text, _("Service %s"), filter->service);
    }
  if (filter->team != NULL)
    {
      g_string_append (text, SEPARATOR);
      /* Translators: a condition of the list's filter: the team the
       * incidents are escalated to */
      g_string_append_printf (text, _("Team %s"), filter->team);
    }
#undef SEPARATOR

  return g_string_free (text, FALSE);
}

/**
 * sitrep_list_counts_describe:
 * @counts: counts of the store
 *
 * Returns: (transfer full): what the list's header shows of @counts,
 *   e.g. "2 breached · 1 at risk · 1 awaiting closure"
 */
char *
sitrep_list_counts_describe (const SitrepListCounts *counts)
{
  g_return_val_if_fail (counts != NULL, NULL);

  /* Translators: the counts under the list's header: incidents breached,
   * at risk (not yet breached) and awaiting closure (resolved or
   * transferred), e.g. "2 breached · 1 at risk · 1 awaiting closure" */
  return g_strdup_printf (_("%u breached · %u at risk · %u awaiting closure"),
                          counts->breached, counts->at_risk, counts->awaiting_closure);
}
