/* sitrep-filter.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sitrep-types.h"

G_BEGIN_DECLS

/**
 * SitrepFilter:
 * @group: which statuses are shown
 * @level: the level shown (1 to 3), or 0 for every level
 * @risk: whether only incidents at risk or breached are shown
 * @owner: (nullable): the owner whose incidents are shown, or %NULL
 * @service: (nullable): the service whose incidents are shown, or %NULL
 * @team: (nullable): the team whose incidents are shown (those escalated
 *   to it), or %NULL
 *
 * What the ticket list shows: every condition that is set must hold.
 */
typedef struct
{
  SitrepStatusGroup  group;
  int                level;
  SitrepRisk         risk;
  char              *owner;
  char              *service;
  char              *team;
} SitrepFilter;

/**
 * SitrepListCounts:
 * @active: incidents new, acknowledged or recovered
 * @awaiting_closure: incidents resolved or transferred
 * @breached: active incidents with a deadline passed unmet
 * @at_risk: active incidents past a deadline's warning moment, none
 *   breached yet
 *
 * What a supervisor sees at a glance, the same in the window and in
 * `--status`.
 */
typedef struct
{
  guint active;
  guint awaiting_closure;
  guint breached;
  guint at_risk;
} SitrepListCounts;

#define SITREP_TYPE_FILTER (sitrep_filter_get_type ())

GType         sitrep_filter_get_type      (void) G_GNUC_CONST;
SitrepFilter *sitrep_filter_new           (void);
SitrepFilter *sitrep_filter_new_preset    (SitrepListFilter    preset,
                                           const char         *me);
SitrepFilter *sitrep_filter_copy          (const SitrepFilter *filter);
void          sitrep_filter_free          (SitrepFilter       *filter);
gboolean      sitrep_filter_equal         (const SitrepFilter *a,
                                           const SitrepFilter *b);
gboolean      sitrep_filter_is_narrowed   (const SitrepFilter *filter);
void          sitrep_filter_set_owner     (SitrepFilter       *filter,
                                           const char         *owner);
void          sitrep_filter_set_service   (SitrepFilter       *filter,
                                           const char         *service);
void          sitrep_filter_set_team      (SitrepFilter       *filter,
                                           const char         *team);
SitrepFilter *sitrep_filter_parse         (const char         *text,
                                           const char         *me);
char         *sitrep_filter_to_string     (const SitrepFilter *filter);
char         *sitrep_filter_describe      (const SitrepFilter *filter);

const char   *sitrep_status_group_to_label (SitrepStatusGroup  group);
char         *sitrep_list_counts_describe  (const SitrepListCounts *counts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepFilter, sitrep_filter_free)

G_END_DECLS
