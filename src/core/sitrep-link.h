/* sitrep-link.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sitrep-types.h"

G_BEGIN_DECLS

/* How one incident is linked to another. The nick of each value is the
 * name used in the database and the interchange format. A link points from
 * the incident it was made in to its target: a duplicate to the incident
 * it duplicates, a child to its major incident, an effect to its cause. */
typedef enum
{
  SITREP_LINK_KIND_DUPLICATE_OF,
  SITREP_LINK_KIND_RELATED_TO,
  SITREP_LINK_KIND_CAUSED_BY,
  SITREP_LINK_KIND_CHILD_OF,
} SitrepLinkKind;

#define SITREP_N_LINK_KINDS 4

/* One link as seen from one of its two incidents. */
typedef struct
{
  gint64          id;
  SitrepLinkKind  kind;
  /* TRUE: the incident asked about is the link's source and "other" its
   * target; FALSE: the other incident made the link to this one */
  gboolean        outgoing;
  gint64          other_id;
  char           *other_key;
  char           *other_title;
  SitrepStatus    other_status;
  gint64          created_at;
  char           *author;
  gint64          removed_at;   /* SITREP_TIME_NONE while the link holds */
  char           *removed_by;
} SitrepLink;

#define SITREP_TYPE_LINK (sitrep_link_get_type ())

GType        sitrep_link_get_type   (void) G_GNUC_CONST;
SitrepLink  *sitrep_link_new        (void);
SitrepLink  *sitrep_link_copy       (const SitrepLink *link);
void         sitrep_link_free       (SitrepLink       *link);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepLink, sitrep_link_free)

const char  *sitrep_link_kind_to_label (SitrepLinkKind  kind,
                                        gboolean        outgoing);
char        *sitrep_link_describe      (const SitrepLink *link);

/* What the rules need to know about a link about to be made from the
 * incident @key to @target_key; the store gathers it. The keys of the
 * incidents the two are already linked to are NULL when there is none. */
typedef struct
{
  const char     *key;
  const char     *target_key;
  SitrepLinkKind  kind;
  gboolean        exists;              /* the same link holds already */
  gboolean        target_leads_back;   /* through child-of and duplicate-of
                                        * links the target leads to @key */
  const char     *duplicate_of;        /* the incident's original */
  const char     *parent;              /* the incident's major incident */
  guint           n_children;          /* the incident's child incidents */
  const char     *target_duplicate_of; /* the target's original */
  const char     *target_parent;       /* the target's major incident */
  guint           n_duplicates;        /* the incident's duplicates */
} SitrepLinkFacts;

gboolean     sitrep_link_check         (const SitrepLinkFacts  *facts,
                                        GError                **error);

G_END_DECLS
