/* sitrep-link.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-lifecycle.h"
#include "sitrep-link.h"

/*
 * A link between two incidents, and the rules that say which links may be
 * made. The rules read only the facts the store gathers
 * (SitrepLinkFacts), so that they are tested without a database.
 *
 * Duplicate-of and child-of links form trees: a duplicate points at its
 * original, a child at its major incident. The rules keep them one level
 * deep (an original is no duplicate, a major incident is no child and no
 * duplicate), so that a major incident's counts are its own and its
 * children's, and a chain never leads back to where it began.
 */

G_DEFINE_BOXED_TYPE (SitrepLink, sitrep_link, sitrep_link_copy, sitrep_link_free)

/**
 * sitrep_link_new:
 *
 * Returns: (transfer full): an empty link, to be filled in
 */
SitrepLink *
sitrep_link_new (void)
{
  SitrepLink *link = g_new0 (SitrepLink, 1);

  link->outgoing = TRUE;
  return link;
}

/**
 * sitrep_link_copy:
 * @link: a #SitrepLink
 *
 * Returns: (transfer full): a copy of @link
 */
SitrepLink *
sitrep_link_copy (const SitrepLink *link)
{
  SitrepLink *copy;

  g_return_val_if_fail (link != NULL, NULL);

  copy = g_memdup2 (link, sizeof *link);
  copy->other_key = g_strdup (link->other_key);
  copy->other_title = g_strdup (link->other_title);
  copy->author = g_strdup (link->author);
  copy->removed_by = g_strdup (link->removed_by);
  return copy;
}

/**
 * sitrep_link_free:
 * @link: (nullable): a #SitrepLink
 *
 * Frees @link and its strings.
 */
void
sitrep_link_free (SitrepLink *link)
{
  if (link == NULL)
    return;

  g_free (link->other_key);
  g_free (link->other_title);
  g_free (link->author);
  g_free (link->removed_by);
  g_free (link);
}

/**
 * sitrep_link_kind_to_label:
 * @kind: a link kind
 * @outgoing: %TRUE for the side that made the link ("Duplicate of"),
 *   %FALSE for its target ("Duplicate:")
 *
 * Returns: what the other incident is to this one, as a label that a key
 *   follows
 */
const char *
sitrep_link_kind_to_label (SitrepLinkKind kind,
                           gboolean       outgoing)
{
  switch (kind)
    {
    case SITREP_LINK_KIND_DUPLICATE_OF:
      /* Translators: "Duplicate of INC-12"; "Duplicate: INC-15" (a
       * duplicate of this incident) */
      return outgoing ? _("Duplicate of") : _("Duplicate:");
    case SITREP_LINK_KIND_RELATED_TO:
      return _("Related to");
    case SITREP_LINK_KIND_CAUSED_BY:
      /* Translators: "Caused by INC-12"; "Cause of INC-15" (this incident
       * caused INC-15) */
      return outgoing ? _("Caused by") : _("Cause of");
    case SITREP_LINK_KIND_CHILD_OF:
      /* Translators: "Child of INC-12" (its major incident); "Child:
       * INC-15" (a child of this major incident) */
      return outgoing ? _("Child of") : _("Child:");
    default:
      return "";
    }
}

/**
 * sitrep_link_describe:
 * @link: a #SitrepLink
 *
 * Returns: (transfer full): one line for a list of links: "Duplicate of
 *   INC-12 · Web shop down"
 */
char *
sitrep_link_describe (const SitrepLink *link)
{
  const char *label;

  g_return_val_if_fail (link != NULL, NULL);

  label = sitrep_link_kind_to_label (link->kind, link->outgoing);
  if (sitrep_text_is_blank (link->other_title))
    /* Translators: a kind of link and an incident key, "Child: INC-15" */
    return g_strdup_printf (_("%s %s"), label, link->other_key);

  /* Translators: a kind of link, an incident key and its title,
   * "Duplicate of INC-12 · Web shop down" */
  return g_strdup_printf (_("%s %s · %s"), label, link->other_key, link->other_title);
}

static gboolean
refuse (GError    **error,
        const char *format,
        ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError    **error,
        const char *format,
        ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (SITREP_LIFECYCLE_ERROR,
                                                SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                                                format, args));
  va_end (args);
  return FALSE;
}

/**
 * sitrep_link_check:
 * @facts: the link to be made and what the store knows of its incidents
 * @error: return location for a #GError
 *
 * The rules of links: no incident is linked to itself, nor twice in the
 * same way to the same incident; an incident is the duplicate of one
 * original and the child of one major incident at most; an original is
 * not itself a duplicate, and a major incident is neither a duplicate nor
 * a child; no chain of child-of and duplicate-of links leads back to where
 * it began. A duplicate of a closed or cancelled incident is allowed: the
 * same fault is often reported again after the first report was closed.
 *
 * Returns: %TRUE when the link may be made; otherwise %FALSE with
 *   %SITREP_LIFECYCLE_ERROR_INVALID_VALUE saying why
 */
gboolean
sitrep_link_check (const SitrepLinkFacts  *facts,
                   GError                **error)
{
  const char *key;
  const char *target;

  g_return_val_if_fail (facts != NULL, FALSE);

  key = facts->key != NULL ? facts->key : "";
  target = facts->target_key != NULL ? facts->target_key : "";

  if ((guint) facts->kind >= SITREP_N_LINK_KINDS)
    return refuse (error, _("%d is not a kind of link"), (int) facts->kind);

  if (g_strcmp0 (key, target) == 0)
    return refuse (error, _("%s cannot be linked to itself"), key);

  if (facts->exists)
    /* Translators: "INC-15 is already linked to INC-12 as “Duplicate of”" */
    return refuse (error, _("%s is already linked to %s as “%s”"), key, target,
                   sitrep_link_kind_to_label (facts->kind, TRUE));

  switch (facts->kind)
    {
    case SITREP_LINK_KIND_DUPLICATE_OF:
      if (facts->duplicate_of != NULL)
        return refuse (error, _("%s is already a duplicate of %s"), key, facts->duplicate_of);
      if (facts->n_children > 0)
        return refuse (error, _("%s is the major incident of %u other incidents and cannot "
                                "be a duplicate"), key, facts->n_children);
      if (facts->n_duplicates > 0)
        return refuse (error, _("%s has duplicates of its own and cannot be a duplicate: mark "
                                "them as duplicates of %s instead"), key, target);
      if (facts->target_duplicate_of != NULL)
        return refuse (error, _("%s is itself a duplicate of %s: mark %s as a duplicate "
                                "of %s instead"),
                       target, facts->target_duplicate_of, key, facts->target_duplicate_of);
      break;

    case SITREP_LINK_KIND_CHILD_OF:
      if (facts->parent != NULL)
        return refuse (error, _("%s is already a child of %s"), key, facts->parent);
      if (facts->n_children > 0)
        return refuse (error, _("%s is itself a major incident and cannot be a child"), key);
      if (facts->target_duplicate_of != NULL)
        return refuse (error, _("%s is a duplicate of %s and cannot be a major incident"),
                       target, facts->target_duplicate_of);
      if (facts->target_parent != NULL)
        return refuse (error, _("%s is a child of %s and cannot be a major incident"),
                       target, facts->target_parent);
      break;

    case SITREP_LINK_KIND_RELATED_TO:
    case SITREP_LINK_KIND_CAUSED_BY:
    default:
      break;
    }

  if ((facts->kind == SITREP_LINK_KIND_DUPLICATE_OF || facts->kind == SITREP_LINK_KIND_CHILD_OF) &&
      facts->target_leads_back)
    return refuse (error, _("Linking %s to %s would make a circle: %s already leads to %s"),
                   key, target, target, key);

  return TRUE;
}
