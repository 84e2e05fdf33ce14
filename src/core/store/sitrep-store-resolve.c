/* sitrep-store-resolve.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-store-private.h"

/*
 * Resolving with what the rules ask for: the resolution, the cause category
 * and the root cause are written together with the resolve transition, as
 * one action of the user. Each field is changed as sitrep_store_set_field()
 * changes it (with its field entry in the timeline), then the transition
 * is judged against the incident as the fields left it. One transaction
 * holds it all, so a refused transition takes the fields back with it.
 */

/* the arguments of sitrep_store_resolve_with(), for _sitrep_store_run_write() */
typedef struct
{
  gint64      id;
  gint64      at;
  const char *author;
  const char *comment;
  const char *values[3];   /* resolution, cause_category, root_cause; NULL: unchanged */
} ResolveWrite;

static const char *const resolve_fields[] = { "resolution", "cause_category", "root_cause" };

static gboolean
apply_resolve (SitrepStore   *self,
               gpointer       data,
               SitrepChange  *changes,
               GError       **error)
{
  ResolveWrite *w = data;
  TransitionWrite transition = { w->id, SITREP_TRANSITION_RESOLVE, w->at, w->author,
                                 w->comment, NULL };

  G_STATIC_ASSERT (G_N_ELEMENTS (resolve_fields) == G_N_ELEMENTS (w->values));

  for (guint i = 0; i < G_N_ELEMENTS (resolve_fields); i++)
    {
      FieldWrite field = { w->id, resolve_fields[i], w->values[i], w->author };
      SitrepChange field_changes = 0;

      if (w->values[i] == NULL)
        continue;
      if (!_sitrep_store_apply_set_field (self, &field, &field_changes, error))
        return FALSE;
      *changes |= field_changes;
    }

  return _sitrep_store_apply_transition (self, &transition, changes, error);
}

/**
 * sitrep_store_resolve_with:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @at: when it was resolved, or %SITREP_TIME_NONE for now (as for
 *   sitrep_store_transition())
 * @author: who resolves it
 * @comment: (nullable): a remark for the timeline
 * @resolution: (nullable): the incident's resolution, or %NULL to leave it
 * @cause_category: (nullable): a cause category's nick ("" for none), or
 *   %NULL to leave it
 * @root_cause: (nullable): the root cause, or %NULL to leave it
 * @error: return location for a #GError
 *
 * Sets the given fields, each as sitrep_store_set_field() does (a value the
 * field already has changes nothing), and resolves the incident, all in one
 * transaction. The rules for resolving (see sitrep_lifecycle_get_needs())
 * are checked against the incident with its new fields.
 *
 * Returns: %TRUE on success; on error (a bad value, or a transition the
 *   incident's status or the rules do not allow) nothing is written
 */
gboolean
sitrep_store_resolve_with (SitrepStore  *self,
                           gint64        id,
                           gint64        at,
                           const char   *author,
                           const char   *comment,
                           const char   *resolution,
                           const char   *cause_category,
                           const char   *root_cause,
                           GError      **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *remark = dup_trimmed (comment);
  g_autofree char *resolution_text = dup_trimmed (resolution);
  g_autofree char *cause_text = dup_trimmed (cause_category);
  g_autofree char *root_cause_text = dup_trimmed (root_cause);
  ResolveWrite w = { id, at, who, remark, { resolution_text, cause_text, root_cause_text } };

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  return _sitrep_store_run_write (self, apply_resolve, &w, id,
                                  SITREP_CHANGE_STATUS | SITREP_CHANGE_TIMELINE |
                                  SITREP_CHANGE_DEADLINES,
                                  error);
}
