/* sitrep-store-links.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enums.h"
#include "sitrep-store-private.h"

/*
 * Links between incidents: making and removing them (each written to both
 * incidents' timelines), listing them, a major incident's children, and
 * importing them. The rules are sitrep_link_check()'s; this file gathers
 * the facts it needs. Links are never deleted: a removed link keeps its
 * row with who removed it and when.
 */

/* the columns of a link as seen from ?1, in the order link_from_row() reads */
#define LINK_COLUMNS(dir) \
  "l.id, l.kind, " dir ", i.id, i.key_num, i.title, i.status, l.created_at, l.author, " \
  "l.removed_at, l.removed_by"

static const char sql_list_links[] =
  "SELECT " LINK_COLUMNS ("1") " FROM links AS l "
  "  JOIN incidents AS i ON i.id = l.target_id "
  "  WHERE l.incident_id = ?1 AND l.removed_at IS NULL "
  "UNION ALL "
  "SELECT " LINK_COLUMNS ("0") " FROM links AS l "
  "  JOIN incidents AS i ON i.id = l.incident_id "
  "  WHERE l.target_id = ?1 AND l.removed_at IS NULL "
  "ORDER BY 1";

static const char sql_list_made_links[] =
  "SELECT " LINK_COLUMNS ("1") " FROM links AS l "
  "  JOIN incidents AS i ON i.id = l.target_id "
  "  WHERE l.incident_id = ?1 ORDER BY l.id";

static const char sql_select_link[] =
  "SELECT incident_id, target_id, kind, removed_at FROM links WHERE id = ?1";

static const char sql_link_exists[] =
  "SELECT EXISTS (SELECT 1 FROM links WHERE incident_id = ?1 AND target_id = ?2"
  "  AND kind = ?3 AND removed_at IS NULL)";

/* the key number of the incident ?1 is linked to as ?2, or no row */
static const char sql_linked_key[] =
  "SELECT i.key_num FROM links AS l JOIN incidents AS i ON i.id = l.target_id"
  "  WHERE l.incident_id = ?1 AND l.kind = ?2 AND l.removed_at IS NULL"
  "  ORDER BY l.id LIMIT 1";

static const char sql_count_children[] =
  "SELECT count(*) FROM links WHERE target_id = ?1 AND kind = 'child-of'"
  "  AND removed_at IS NULL";

static const char sql_count_duplicates[] =
  "SELECT count(*) FROM links WHERE target_id = ?1 AND kind = 'duplicate-of'"
  "  AND removed_at IS NULL";

static const char sql_list_children[] =
  "SELECT incident_id FROM links WHERE target_id = ?1 AND kind = 'child-of'"
  "  AND removed_at IS NULL ORDER BY incident_id";

/* whether following child-of and duplicate-of links from ?1 reaches ?2
 * (UNION, not UNION ALL: a damaged database with a circle still ends) */
static const char sql_leads_to[] =
  "WITH RECURSIVE up (id) AS ("
  "  SELECT ?1"
  "  UNION SELECT l.target_id FROM links AS l JOIN up ON l.incident_id = up.id"
  "    WHERE l.kind IN ('child-of', 'duplicate-of') AND l.removed_at IS NULL"
  ") SELECT EXISTS (SELECT 1 FROM up WHERE id = ?2)";

static const char sql_insert_link[] =
  "INSERT INTO links (incident_id, target_id, kind, created_at, author, removed_at,"
  "  removed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

static const char sql_remove_link[] =
  "UPDATE links SET removed_at = ?2, removed_by = ?3 WHERE id = ?1";

/* whether an imported link is stored already: the same one, or the same
 * link holding while the imported one holds too */
static const char sql_import_link_exists[] =
  "SELECT EXISTS (SELECT 1 FROM links WHERE incident_id = ?1 AND target_id = ?2"
  "  AND kind = ?3 AND (created_at = ?4 OR (removed_at IS NULL AND ?5 <> 0)))";

static gpointer
link_from_row (SitrepDbStmt *stmt)
{
  SitrepLink *link = sitrep_link_new ();

  link->id = sitrep_db_column_int64 (stmt, 0);
  link->kind = enum_value (SITREP_TYPE_LINK_KIND, sitrep_db_column_text (stmt, 1),
                           SITREP_LINK_KIND_RELATED_TO);
  link->outgoing = sitrep_db_column_int (stmt, 2) != 0;
  link->other_id = sitrep_db_column_int64 (stmt, 3);
  link->other_key = _sitrep_store_format_key (sitrep_db_column_int64 (stmt, 4));
  link->other_title = g_strdup (sitrep_db_column_text (stmt, 5));
  link->other_status = enum_value (SITREP_TYPE_STATUS, sitrep_db_column_text (stmt, 6),
                                   SITREP_STATUS_NEW);
  link->created_at = sitrep_db_column_int64 (stmt, 7);
  link->author = g_strdup (sitrep_db_column_text (stmt, 8));
  link->removed_at = sitrep_db_column_int64 (stmt, 9);
  link->removed_by = g_strdup (sitrep_db_column_text (stmt, 10));
  return link;
}

static GPtrArray *
load_links (SitrepStore  *self,
            const char   *sql,
            gint64        id,
            GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql, error);
  g_autoptr(GPtrArray) links = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  links = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_link_free);
  sitrep_db_bind_int64 (stmt, 1, id);
  while ((rc = sitrep_db_step (stmt)) == SITREP_DB_ROW)
    g_ptr_array_add (links, link_from_row (stmt));

  if (rc != SITREP_DB_DONE)
    {
      set_db_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&links);
}

/* Runs @stmt, whose one integer column answers a question about ?1 and
 * ?2 (0 when not needed); *value is 0 without a row. */
static gboolean
ask (SitrepStore  *self,
     const char   *sql,
     gint64        a,
     gint64        b,
     const char   *kind,
     gint64       *value,
     GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, a);
  if (b != 0)
    sitrep_db_bind_int64 (stmt, 2, b);
  if (kind != NULL)
    sitrep_db_bind_text (stmt, b != 0 ? 3 : 2, kind);

  return step_int64 (self, stmt, value, error);
}

/* The key of the incident @id is linked to as @kind, or NULL. */
static gboolean
linked_key (SitrepStore     *self,
            gint64           id,
            SitrepLinkKind   kind,
            char           **key,
            GError         **error)
{
  gint64 key_num = 0;

  if (!ask (self, sql_linked_key, id, 0, enum_nick (SITREP_TYPE_LINK_KIND, kind), &key_num,
            error))
    return FALSE;

  *key = key_num > 0 ? _sitrep_store_format_key (key_num) : NULL;
  return TRUE;
}

/* Checks the link from @incident to @target against sitrep_link_check(). */
static gboolean
check_link (SitrepStore     *self,
            SitrepIncident  *incident,
            SitrepIncident  *target,
            SitrepLinkKind   kind,
            GError         **error)
{
  gint64 id = sitrep_incident_get_id (incident);
  gint64 target_id = sitrep_incident_get_id (target);
  g_autofree char *duplicate_of = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *target_duplicate_of = NULL;
  g_autofree char *target_parent = NULL;
  gint64 exists = 0, leads_back = 0, n_children = 0, n_duplicates = 0;
  SitrepLinkFacts facts = { 0, };

  if (id != target_id &&
      (!ask (self, sql_link_exists, id, target_id, enum_nick (SITREP_TYPE_LINK_KIND, kind),
             &exists, error) ||
       !ask (self, sql_leads_to, target_id, id, NULL, &leads_back, error) ||
       !ask (self, sql_count_children, id, 0, NULL, &n_children, error) ||
       !ask (self, sql_count_duplicates, id, 0, NULL, &n_duplicates, error) ||
       !linked_key (self, id, SITREP_LINK_KIND_DUPLICATE_OF, &duplicate_of, error) ||
       !linked_key (self, id, SITREP_LINK_KIND_CHILD_OF, &parent, error) ||
       !linked_key (self, target_id, SITREP_LINK_KIND_DUPLICATE_OF, &target_duplicate_of,
                    error) ||
       !linked_key (self, target_id, SITREP_LINK_KIND_CHILD_OF, &target_parent, error)))
    return FALSE;

  facts.key = sitrep_incident_get_key (incident);
  facts.target_key = sitrep_incident_get_key (target);
  facts.kind = kind;
  facts.exists = exists != 0;
  facts.target_leads_back = leads_back != 0;
  facts.duplicate_of = duplicate_of;
  facts.parent = parent;
  facts.n_children = (guint) n_children;
  facts.n_duplicates = (guint) n_duplicates;
  facts.target_duplicate_of = target_duplicate_of;
  facts.target_parent = target_parent;

  return sitrep_link_check (&facts, error);
}

static gboolean
insert_link (SitrepStore       *self,
             gint64             id,
             gint64             target_id,
             const SitrepLink  *link,
             GError           **error)
{
  g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql_insert_link, error);

  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, id);
  sitrep_db_bind_int64 (stmt, 2, target_id);
  sitrep_db_bind_text (stmt, 3, enum_nick (SITREP_TYPE_LINK_KIND, link->kind));
  sitrep_db_bind_int64 (stmt, 4, link->created_at);
  sitrep_db_bind_text (stmt, 5, link->author);
  sitrep_db_bind_time (stmt, 6, link->removed_at);
  sitrep_db_bind_text (stmt, 7, link->removed_by);
  return step_done (self, stmt, error);
}

/* The cancellation that closes a duplicate with its link: the lifecycle's
 * cancel, now, with the reason "Duplicate of INC-12". */
static gboolean
cancel_duplicate (SitrepStore     *self,
                  SitrepIncident  *incident,
                  const char      *original_key,
                  const char      *author,
                  gint64           now,
                  GError         **error)
{
  g_autofree char *reason = sitrep_lifecycle_describe_duplicate_reason (original_key);
  g_autofree char *text = NULL;

  if (!sitrep_lifecycle_check_transition (sitrep_incident_get_key (incident),
                                          sitrep_incident_get_status (incident),
                                          SITREP_TRANSITION_CANCEL, NULL, error) ||
      !sitrep_lifecycle_check_not_before (now, sitrep_incident_get_reported_at (incident),
                                          _("the incident was reported"), error))
    return FALSE;

  text = sitrep_lifecycle_describe_transition (SITREP_TRANSITION_CANCEL, NULL, reason);
  sitrep_incident_set_cancelled_at (incident, now);
  sitrep_incident_set_status (incident, SITREP_STATUS_CANCELLED);

  return _sitrep_store_insert_entry (self, sitrep_incident_get_id (incident), now, now, author,
                                     SITREP_ENTRY_KIND_STATUS, SITREP_TAG_NONE, text,
                                     enum_nick (SITREP_TYPE_STATUS, SITREP_STATUS_CANCELLED),
                                     error) &&
         _sitrep_store_save_incident (self, incident, error);
}

/* the arguments of sitrep_store_add_link() */
typedef struct
{
  gint64          id;
  SitrepLinkKind  kind;
  const char     *target_key;
  gboolean        cancel;
  const char     *author;
  gint64          target_id;  /* out */
} LinkWrite;

static gboolean
apply_add_link (SitrepStore   *self,
                LinkWrite     *w,
                SitrepChange  *changes,
                GError       **error)
{
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(SitrepIncident) target = NULL;
  g_autoptr(SitrepLink) link = sitrep_link_new ();
  g_autofree char *out_text = NULL;
  g_autofree char *in_text = NULL;
  const char *key;
  const char *target_key;
  gint64 now = get_now (self);

  incident = _sitrep_store_load_incident (self, w->id, error);
  if (incident == NULL)
    return FALSE;

  /* NOT_FOUND for a key without an incident, INVALID_VALUE for a malformed one */
  target = sitrep_store_find_incident (self, w->target_key != NULL ? w->target_key : "", error);
  if (target == NULL)
    return FALSE;

  if (w->cancel && w->kind != SITREP_LINK_KIND_DUPLICATE_OF)
    {
      g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                           _("Only a duplicate is cancelled with its link"));
      return FALSE;
    }

  if (!check_link (self, incident, target, w->kind, error))
    return FALSE;

  w->target_id = sitrep_incident_get_id (target);
  key = sitrep_incident_get_key (incident);
  target_key = sitrep_incident_get_key (target);

  link->kind = w->kind;
  link->created_at = now;
  link->author = g_strdup (w->author);
  if (!insert_link (self, w->id, w->target_id, link, error))
    return FALSE;

  out_text = sitrep_lifecycle_describe_link (w->kind, target_key, FALSE);
  in_text = sitrep_lifecycle_describe_link (w->kind, key, TRUE);
  if (!_sitrep_store_insert_entry (self, w->id, now, now, w->author, SITREP_ENTRY_KIND_LINK,
                                   SITREP_TAG_NONE, out_text,
                                   enum_nick (SITREP_TYPE_LINK_KIND, w->kind), error) ||
      !_sitrep_store_insert_entry (self, w->target_id, now, now, w->author,
                                   SITREP_ENTRY_KIND_LINK, SITREP_TAG_NONE, in_text,
                                   enum_nick (SITREP_TYPE_LINK_KIND, w->kind), error))
    return FALSE;

  if (w->cancel)
    {
      *changes |= SITREP_CHANGE_STATUS | SITREP_CHANGE_DEADLINES;
      return cancel_duplicate (self, incident, target_key, w->author, now, error);
    }

  return TRUE;
}

/**
 * sitrep_store_add_link:
 * @self: a #SitrepStore
 * @id: the row id of the incident the link is made in
 * @kind: what the other incident is to it
 * @target_key: the other incident's key ("INC-12")
 * @cancel: for %SITREP_LINK_KIND_DUPLICATE_OF, whether to cancel the
 *   incident as a duplicate in the same action (with the reason
 *   "Duplicate of INC-12"); %FALSE for other kinds
 * @author: who links them
 * @error: return location for a #GError
 *
 * Links two incidents, if sitrep_link_check() allows it, and writes a link
 * entry to both timelines ("Marked as duplicate of INC-12", "INC-15 marked
 * as duplicate of this incident"); emits "incident-changed" with LINKS |
 * TIMELINE for both, and STATUS | DEADLINES too for a cancelled duplicate.
 *
 * Returns: %TRUE on success; on error (%SITREP_STORE_ERROR_NOT_FOUND for
 *   no such incident, %SITREP_LIFECYCLE_ERROR for a link or cancellation
 *   the rules refuse, or a viewing role) nothing is written
 */
gboolean
sitrep_store_add_link (SitrepStore     *self,
                       gint64           id,
                       SitrepLinkKind   kind,
                       const char      *target_key,
                       gboolean         cancel,
                       const char      *author,
                       GError         **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *key = dup_trimmed (target_key);
  LinkWrite w = { id, kind, key, cancel, who, 0 };
  SitrepChange changes = SITREP_CHANGE_LINKS | SITREP_CHANGE_TIMELINE;
  gboolean ok;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (!_sitrep_store_begin_write (self, error))
    return FALSE;

  ok = apply_add_link (self, &w, &changes, error);
  if (!_sitrep_store_finish_write (self, ok, id, changes, error))
    return FALSE;

  _sitrep_store_emit_incident_changed (self, w.target_id,
                                       SITREP_CHANGE_LINKS | SITREP_CHANGE_TIMELINE);
  return TRUE;
}

/* the arguments of sitrep_store_remove_link() */
typedef struct
{
  gint64      link_id;
  const char *author;
  gint64      id;         /* out: the link's two incidents */
  gint64      target_id;
} UnlinkWrite;

static gboolean
apply_remove_link (SitrepStore   *self,
                   UnlinkWrite   *w,
                   GError       **error)
{
  g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql_select_link, error);
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(SitrepIncident) target = NULL;
  g_autofree char *out_text = NULL;
  g_autofree char *in_text = NULL;
  g_autofree char *nick = NULL;
  SitrepLinkKind kind;
  gint64 removed_at;
  gint64 now = get_now (self);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, w->link_id);
  rc = sitrep_db_step (stmt);
  if (rc == SITREP_DB_DONE)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, w->link_id);

      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
                   _("There is no link number %s"), number);
      return FALSE;
    }
  if (rc != SITREP_DB_ROW)
    {
      set_db_error (self, rc, error);
      return FALSE;
    }

  w->id = sitrep_db_column_int64 (stmt, 0);
  w->target_id = sitrep_db_column_int64 (stmt, 1);
  nick = g_strdup (sitrep_db_column_text (stmt, 2));
  kind = enum_value (SITREP_TYPE_LINK_KIND, nick, SITREP_LINK_KIND_RELATED_TO);
  removed_at = sitrep_db_column_int64 (stmt, 3);
  sitrep_db_reset (stmt);

  incident = _sitrep_store_load_incident (self, w->id, error);
  target = incident != NULL ? _sitrep_store_load_incident (self, w->target_id, error) : NULL;
  if (target == NULL)
    return FALSE;

  if (removed_at != SITREP_TIME_NONE)
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                   _("The link between %s and %s was removed already"),
                   sitrep_incident_get_key (incident), sitrep_incident_get_key (target));
      return FALSE;
    }

  g_clear_pointer (&stmt, sitrep_db_release_stmt);
  stmt = get_stmt (self, sql_remove_link, error);
  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, w->link_id);
  sitrep_db_bind_int64 (stmt, 2, now);
  sitrep_db_bind_text (stmt, 3, w->author);
  if (!step_done (self, stmt, error))
    return FALSE;

  out_text = sitrep_lifecycle_describe_unlink (kind, sitrep_incident_get_key (target), FALSE);
  in_text = sitrep_lifecycle_describe_unlink (kind, sitrep_incident_get_key (incident), TRUE);
  return _sitrep_store_insert_entry (self, w->id, now, now, w->author, SITREP_ENTRY_KIND_LINK,
                                     SITREP_TAG_NONE, out_text, nick, error) &&
         _sitrep_store_insert_entry (self, w->target_id, now, now, w->author,
                                     SITREP_ENTRY_KIND_LINK, SITREP_TAG_NONE, in_text, nick,
                                     error);
}

/**
 * sitrep_store_remove_link:
 * @self: a #SitrepStore
 * @link_id: the link's row id (#SitrepLink.id)
 * @author: who removes it
 * @error: return location for a #GError
 *
 * Removes a link: its row stays, with who removed it and when, and both
 * timelines get a link entry ("Link removed: Duplicate of INC-12"). A
 * duplicate cancelled with its link stays cancelled. Emits
 * "incident-changed" with LINKS | TIMELINE for both incidents.
 *
 * Returns: %TRUE on success; on error (%SITREP_STORE_ERROR_NOT_FOUND,
 *   %SITREP_LIFECYCLE_ERROR_INVALID_VALUE for a link removed already)
 *   nothing is written
 */
gboolean
sitrep_store_remove_link (SitrepStore  *self,
                          gint64        link_id,
                          const char   *author,
                          GError      **error)
{
  g_autofree char *who = dup_trimmed (author);
  UnlinkWrite w = { link_id, who, 0, 0 };
  SitrepChange changes = SITREP_CHANGE_LINKS | SITREP_CHANGE_TIMELINE;
  gboolean ok;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (!_sitrep_store_begin_write (self, error))
    return FALSE;

  ok = apply_remove_link (self, &w, error);
  if (!_sitrep_store_finish_write (self, ok, w.id, changes, error))
    return FALSE;

  _sitrep_store_emit_incident_changed (self, w.target_id, changes);
  return TRUE;
}

/**
 * sitrep_store_list_links:
 * @self: a #SitrepStore
 * @id: an incident's row id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SitrepLink): the links that hold
 *   between the incident and others, both those made in it (outgoing) and
 *   those made in the others to it, in the order they were made
 */
GPtrArray *
sitrep_store_list_links (SitrepStore  *self,
                         gint64        id,
                         GError      **error)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  return load_links (self, sql_list_links, id, error);
}

/**
 * sitrep_store_list_made_links:
 * @self: a #SitrepStore
 * @id: an incident's row id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SitrepLink): every link made in
 *   the incident, removed ones too, in the order they were made: what an
 *   export writes
 */
GPtrArray *
sitrep_store_list_made_links (SitrepStore  *self,
                              gint64        id,
                              GError      **error)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  return load_links (self, sql_list_made_links, id, error);
}

/**
 * sitrep_store_list_children:
 * @self: a #SitrepStore
 * @id: a major incident's row id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type gint64): the row ids of the
 *   incidents linked to it as its children, in order of id
 */
GArray *
sitrep_store_list_children (SitrepStore  *self,
                            gint64        id,
                            GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = NULL;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  stmt = get_stmt (self, sql_list_children, error);
  if (stmt == NULL)
    return NULL;

  sitrep_db_bind_int64 (stmt, 1, id);
  return _sitrep_store_collect_ids (self, stmt, 0, error);
}

/* The row id of the incident with @key, or 0. */
static gboolean
find_key (SitrepStore  *self,
          const char   *key,
          gint64       *id,
          GError      **error)
{
  gint64 key_num;

  *id = 0;
  if (!_sitrep_store_parse_key (key, &key_num))
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                   _("“%s” is not an incident key such as INC-7"), key != NULL ? key : "");
      return FALSE;
    }

  return _sitrep_store_find_key (self, key_num, id, error);
}

/**
 * sitrep_store_import_links:
 * @self: a #SitrepStore
 * @key: the key of an incident imported in this import
 * @links: (element-type SitrepLink): the links made in it, each with its
 *   target's key in other_key, its kind, creation and removal
 * @index: (out) (optional): on error, the index in @links of the link
 *   that failed
 * @error: return location for a #GError
 *
 * Stores the links of an imported incident within
 * sitrep_store_import_begin() and _commit(), after all of the document's
 * incidents were imported, so that a link may point at an incident later
 * in the document. A link that is stored already is left as it is; no
 * timeline entry is added (the document's timelines hold them).
 *
 * Returns: %TRUE on success; %SITREP_STORE_ERROR_NOT_FOUND when a target
 *   is neither in the document nor in the database,
 *   %SITREP_LIFECYCLE_ERROR_INVALID_VALUE when a link that holds breaks
 *   a rule of sitrep_link_check()
 */
gboolean
sitrep_store_import_links (SitrepStore  *self,
                           const char   *key,
                           GPtrArray    *links,
                           guint        *index,
                           GError      **error)
{
  gint64 id = 0;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (!self->in_import)
    {
      g_set_error_literal (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                           "sitrep_store_import_links() outside an import");
      return FALSE;
    }

  if (!find_key (self, key, &id, error))
    return FALSE;

  for (guint i = 0; links != NULL && i < links->len; i++)
    {
      SitrepLink *link = g_ptr_array_index (links, i);
      gint64 target_id = 0;
      gint64 exists = 0;
      g_autoptr(SitrepDbStmt) stmt = NULL;

      if (index != NULL)
        *index = i;

      if (!find_key (self, link->other_key, &target_id, error))
        return FALSE;

      if (target_id == 0)
        {
          g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
                       _("%s is neither in the document nor in the database"),
                       link->other_key);
          return FALSE;
        }

      stmt = get_stmt (self, sql_import_link_exists, error);
      if (stmt == NULL)
        return FALSE;

      sitrep_db_bind_int64 (stmt, 1, id);
      sitrep_db_bind_int64 (stmt, 2, target_id);
      sitrep_db_bind_text (stmt, 3, enum_nick (SITREP_TYPE_LINK_KIND, link->kind));
      sitrep_db_bind_int64 (stmt, 4, link->created_at);
      sitrep_db_bind_int (stmt, 5, link->removed_at == SITREP_TIME_NONE);
      if (!step_int64 (self, stmt, &exists, error))
        return FALSE;

      if (exists)
        continue;

      /* A link that holds obeys the rules: each is checked against the
       * links stored before it, which accepts any set of links that is
       * valid as a whole, in any order (a rule is broken only by adding
       * a link). */
      if (link->removed_at == SITREP_TIME_NONE)
        {
          g_autoptr(SitrepIncident) incident = _sitrep_store_load_incident (self, id, error);
          g_autoptr(SitrepIncident) target = NULL;

          if (incident == NULL)
            return FALSE;
          target = _sitrep_store_load_incident (self, target_id, error);
          if (target == NULL || !check_link (self, incident, target, link->kind, error))
            return FALSE;
        }

      if (!insert_link (self, id, target_id, link, error))
        return FALSE;
    }

  return TRUE;
}
