/* sitrep-store-corrections.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enums.h"
#include "sitrep-store-private.h"
#include "sitrep-time.h"

/*
 * Putting a wrong record right without erasing it: a note is corrected by
 * a correction entry that points at it (the timeline stays append-only),
 * and the times the fault began and was reported are changed with a
 * reason that the timeline keeps. Each write is one transaction, as in
 * sitrep-store-write.c.
 */

static const char sql_select_entry[] =
  "SELECT kind, tag, text, occurred_at FROM timeline WHERE id = ?1 AND incident_id = ?2";

/* The latest correction of an entry; the incident's index keeps this off a
 * scan of every timeline. */
static const char sql_select_latest_correction[] =
  "SELECT tag, text FROM timeline WHERE incident_id = ?2 AND corrects = ?1 "
  "AND kind = 'correction' ORDER BY recorded_at DESC, id DESC LIMIT 1";

static const char sql_insert_correction[] =
  "INSERT INTO timeline (incident_id, occurred_at, recorded_at, author, kind, tag, text, "
  "corrects) VALUES (?1, ?2, ?3, ?4, 'correction', ?5, ?6, ?7)";

/* What an entry to correct says now. */
typedef struct
{
  SitrepEntryKind  kind;
  SitrepTag        tag;
  char            *text;
  gint64           occurred_at;
} Target;

static void
target_clear (Target *target)
{
  g_clear_pointer (&target->text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Target, target_clear)

static SitrepTag
tag_from_column (SitrepDbStmt *stmt,
                 int           column)
{
  return enum_value (SITREP_TYPE_TAG, sitrep_db_column_text (stmt, column), SITREP_TAG_NONE);
}

/* Loads entry @entry_id of incident @id as it reads after its latest
 * correction. */
static gboolean
load_target (SitrepStore  *self,
             gint64        id,
             gint64        entry_id,
             Target       *target,
             GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql_select_entry, error);
  g_autoptr(SitrepDbStmt) latest = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, entry_id);
  sitrep_db_bind_int64 (stmt, 2, id);
  rc = sitrep_db_step (stmt);
  if (rc == SITREP_DB_DONE)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, entry_id);

      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
                   /* Translators: %s is the number of a timeline entry */
                   _("The incident has no timeline entry %s"), number);
      return FALSE;
    }
  if (rc != SITREP_DB_ROW)
    {
      set_db_error (self, rc, error);
      return FALSE;
    }

  target->kind = enum_value (SITREP_TYPE_ENTRY_KIND, sitrep_db_column_text (stmt, 0),
                             SITREP_ENTRY_KIND_NOTE);
  target->tag = tag_from_column (stmt, 1);
  target->text = g_strdup (sitrep_db_column_text (stmt, 2));
  target->occurred_at = sitrep_db_column_int64 (stmt, 3);

  latest = get_stmt (self, sql_select_latest_correction, error);
  if (latest == NULL)
    return FALSE;

  sitrep_db_bind_int64 (latest, 1, entry_id);
  sitrep_db_bind_int64 (latest, 2, id);
  rc = sitrep_db_step (latest);
  if (rc == SITREP_DB_ROW)
    {
      target->tag = tag_from_column (latest, 0);
      g_free (target->text);
      target->text = g_strdup (sitrep_db_column_text (latest, 1));
    }
  else if (rc != SITREP_DB_DONE)
    {
      set_db_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* the arguments of sitrep_store_correct_entry(), for _sitrep_store_run_write() */
typedef struct
{
  gint64      id;
  gint64      entry_id;
  const char *text;
  SitrepTag   tag;
  const char *author;
} CorrectionWrite;

static gboolean
apply_correct_entry (SitrepStore   *self,
                     gpointer       data,
                     SitrepChange  *changes,
                     GError       **error)
{
  CorrectionWrite *w = data;
  g_auto(Target) target = { 0, };
  g_autoptr(SitrepIncident) incident = _sitrep_store_load_incident (self, w->id, error);
  g_autoptr(SitrepDbStmt) stmt = NULL;

  if (incident == NULL || !load_target (self, w->id, w->entry_id, &target, error))
    return FALSE;

  if (!sitrep_lifecycle_check_correction (target.kind, target.text, target.tag, w->text, w->tag,
                                          error))
    return FALSE;

  stmt = get_stmt (self, sql_insert_correction, error);
  if (stmt == NULL)
    return FALSE;

  /* at the corrected entry's moment, so that it reads beside it */
  sitrep_db_bind_int64 (stmt, 1, w->id);
  sitrep_db_bind_int64 (stmt, 2, target.occurred_at);
  sitrep_db_bind_int64 (stmt, 3, get_now (self));
  sitrep_db_bind_text (stmt, 4, w->author);
  sitrep_db_bind_text (stmt, 5, w->tag != SITREP_TAG_NONE ?
                                enum_nick (SITREP_TYPE_TAG, w->tag) : NULL);
  sitrep_db_bind_text (stmt, 6, w->text);
  sitrep_db_bind_int64 (stmt, 7, w->entry_id);
  return step_done (self, stmt, error);
}

/**
 * sitrep_store_correct_entry:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @entry_id: the id of the note to correct (never a correction: correct
 *   the original again)
 * @text: the note as it should read; white space around it is trimmed
 * @tag: the tag it should have (for the CAN report)
 * @author: who corrects it
 * @error: return location for a #GError
 *
 * Adds a correction entry that points at the note, at the note's moment:
 * the note itself stays as it was, and reports read the latest correction
 * instead (sitrep_timeline_apply_corrections()). Emits "incident-changed"
 * with TIMELINE.
 *
 * Returns: %TRUE on success; on error (%SITREP_LIFECYCLE_ERROR_INVALID_VALUE
 *   for an entry that cannot be corrected or a correction that changes
 *   nothing, %SITREP_STORE_ERROR_NOT_FOUND for no such entry) nothing is
 *   written
 */
gboolean
sitrep_store_correct_entry (SitrepStore  *self,
                            gint64        id,
                            gint64        entry_id,
                            const char   *text,
                            SitrepTag     tag,
                            const char   *author,
                            GError      **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *note = dup_trimmed (text != NULL ? text : "");
  CorrectionWrite w = { id, entry_id, note, tag, who };

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  return _sitrep_store_run_write (self, apply_correct_entry, &w, id, SITREP_CHANGE_TIMELINE,
                                  error);
}

/* the arguments of sitrep_store_change_report_times(), for _sitrep_store_run_write() */
typedef struct
{
  gint64      id;
  gint64      occurred_at;
  gint64      reported_at;
  const char *reason;
  const char *author;
} TimesWrite;

static gboolean
apply_change_report_times (SitrepStore   *self,
                           gpointer       data,
                           SitrepChange  *changes,
                           GError       **error)
{
  TimesWrite *w = data;
  g_autoptr(SitrepIncident) incident = _sitrep_store_load_incident (self, w->id, error);
  g_autofree char *text = NULL;
  gint64 old_occurred_at, old_reported_at;
  gint64 now = get_now (self);

  if (incident == NULL)
    return FALSE;

  old_occurred_at = sitrep_incident_get_occurred_at (incident);
  old_reported_at = sitrep_incident_get_reported_at (incident);

  if (!sitrep_lifecycle_check_report_times (incident, w->occurred_at, w->reported_at, now,
                                            w->reason, error))
    return FALSE;

  if (old_occurred_at == w->occurred_at && old_reported_at == w->reported_at)
    {
      *changes = 0;
      return TRUE;
    }

  sitrep_incident_set_occurred_at (incident, w->occurred_at);
  sitrep_incident_set_reported_at (incident, w->reported_at);

  text = sitrep_lifecycle_describe_report_times (old_occurred_at, w->occurred_at,
                                                 old_reported_at, w->reported_at, w->reason);

  /* the incident's save recomputes the deadline columns from the new
   * times, in this transaction */
  return _sitrep_store_insert_entry (self, w->id, now, now, w->author, SITREP_ENTRY_KIND_FIELD,
                                     SITREP_TAG_NONE, text,
                                     old_reported_at != w->reported_at ?
                                     "reported_at" : "occurred_at",
                                     error) &&
         _sitrep_store_save_incident (self, incident, error);
}

/**
 * sitrep_store_change_report_times:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @occurred_at: when the fault began
 * @reported_at: when it was reported
 * @reason: why they change (required)
 * @author: who changes them
 * @error: return location for a #GError
 *
 * Puts right when the fault began and when it was reported, under the
 * rule of sitrep_lifecycle_check_report_times(): the deadlines follow
 * (response and resolution start at the report, recovery at the fault),
 * and a field entry says what changed and why. Times that are as stored
 * change nothing. Emits "incident-changed" with FIELDS | TIMELINE |
 * DEADLINES.
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
sitrep_store_change_report_times (SitrepStore  *self,
                                  gint64        id,
                                  gint64        occurred_at,
                                  gint64        reported_at,
                                  const char   *reason,
                                  const char   *author,
                                  GError      **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *why = dup_trimmed (reason != NULL ? reason : "");
  TimesWrite w = { id, occurred_at, reported_at, why, who };

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  return _sitrep_store_run_write (self, apply_change_report_times, &w, id,
                                  SITREP_CHANGE_FIELDS | SITREP_CHANGE_TIMELINE |
                                  SITREP_CHANGE_DEADLINES,
                                  error);
}
