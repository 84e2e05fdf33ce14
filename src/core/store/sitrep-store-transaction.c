/* sitrep-store-transaction.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-lifecycle.h"
#include "sitrep-store-private.h"
#include "sitrep-time.h"

/*
 * What every write of the store goes through: the checks that it may
 * write at all, its transaction, the lock of the incident it changes on a
 * team database, the notification of the other desks and the
 * "incident-changed" signal after the commit.
 */

gboolean
_sitrep_store_check_no_import (SitrepStore  *self,
                               GError      **error)
{
  if (self->in_import)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                   _("An import into “%s” is in progress; try again when it has finished"),
                   self->path);
      return FALSE;
    }

  return TRUE;
}

/* A reader's connection is read-only in SQLite too; this says so before
 * SQLite would, with the file's name. */
gboolean
_sitrep_store_check_not_reader (SitrepStore  *self,
                                GError      **error)
{
  if (self->reader)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_READ_ONLY,
                   _("The database “%s” was opened for reading only"), self->path);
      return FALSE;
    }

  return TRUE;
}

gboolean
_sitrep_store_check_writable (SitrepStore  *self,
                              GError      **error)
{
  if (!_sitrep_store_check_not_reader (self, error))
    return FALSE;

  if (!sitrep_lifecycle_check_role (self->read_only, error))
    return FALSE;

  if (self->team && !_sitrep_store_team_check_reachable (self, error))
    return FALSE;

  return _sitrep_store_check_no_import (self, error);
}

gboolean
_sitrep_store_begin_write (SitrepStore  *self,
                           GError      **error)
{
  /* an expectation is for the next write, whichever it is */
  self->expect_id = 0;
  self->expect_version = 0;

  if (!_sitrep_store_check_writable (self, error))
    return FALSE;

  /* On a team database each statement sees what other desks committed
   * before it; a write to one incident first locks its row (see
   * _sitrep_store_run_write()). */
  if (self->team)
    return exec_sql (self, "BEGIN", error);

  return exec_sql (self, "BEGIN IMMEDIATE", error);
}

void
_sitrep_store_rollback (SitrepStore *self)
{
  sitrep_db_rollback (self->db);
}

/* Commits when @ok, rolls back otherwise; after a commit emits
 * "incident-changed" for @id with @changes, unless one is 0 (nothing
 * changed, or the caller emits itself). */
gboolean
_sitrep_store_finish_write (SitrepStore   *self,
                            gboolean       ok,
                            gint64         id,
                            SitrepChange   changes,
                            GError       **error)
{
  if (ok && (!self->team || _sitrep_store_team_notify (self, id, changes, error))
      && exec_sql (self, "COMMIT", error))
    {
      if (id > 0 && changes != 0)
        _sitrep_store_emit_incident_changed (self, id, changes);
      return TRUE;
    }

  _sitrep_store_rollback (self);
  return FALSE;
}

/**
 * _sitrep_store_run_write:
 * @self: a #SitrepStore
 * @apply: writes within the transaction; may add to *changes (or clear
 *   them, when it found nothing to change)
 * @data: the write's arguments, for @apply
 * @id: the incident written, or 0 for none (no signal)
 * @changes: what the write changes, unless @apply says otherwise
 * @error: return location for a #GError
 *
 * One write: checks that the store may write, begins a transaction, runs
 * @apply, and commits (then emits "incident-changed") or rolls back.
 *
 * Returns: %TRUE when committed
 */
/* how often a write that met another desk's is tried in all */
#define TEAM_WRITE_ATTEMPTS 5

/* Runs @sql, which reads the version of incident ?1 (0 when there is no
 * such incident: the write itself says so). */
static gboolean
read_version_with (SitrepStore  *self,
                   const char   *sql,
                   gint64        id,
                   gint64       *version,
                   GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, id);
  rc = sitrep_db_step (stmt);
  if (rc == SITREP_DB_ROW)
    {
      *version = sitrep_db_column_int64 (stmt, 0);
      rc = sitrep_db_step (stmt);
    }
  if (rc != SITREP_DB_DONE)
    {
      set_db_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* On a team database, the incident a write changes is locked first:
 * another desk's write to it waits until this one commits, and then
 * reads what this one wrote, so that neither overwrites the other with
 * what it read before. A desk's own file has one writer at a time (its
 * transaction locks the whole file); its version is read only for the
 * store's own versions. */
static gboolean
lock_incident (SitrepStore  *self,
               gint64        id,
               gint64       *version,
               GError      **error)
{
  *version = 0;
  if (id <= 0 || (!self->team && !self->track_own_versions))
    return TRUE;

  return read_version_with (self,
                            self->team ? "SELECT version FROM incidents WHERE id = ?1 FOR UPDATE"
                                       : "SELECT version FROM incidents WHERE id = ?1",
                            id, version, error);
}

/* A writing connection that keeps its own versions reads, within the
 * write, the version it made. */
static gboolean
read_version (SitrepStore  *self,
              gint64        id,
              gint64       *version,
              GError      **error)
{
  *version = 0;
  if (!self->track_own_versions || id <= 0)
    return TRUE;

  return read_version_with (self, "SELECT version FROM incidents WHERE id = ?1", id, version,
                            error);
}

/* How a stale write is told: the incident, and who changed it last and
 * how, from its latest timeline entry. */
static void
set_stale_error (SitrepStore  *self,
                 gint64        id,
                 gint64        key_num,
                 GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = NULL;
  g_autofree char *key = _sitrep_store_format_key (key_num);

  stmt = get_stmt (self,
                   "SELECT author, recorded_at, text FROM timeline WHERE incident_id = ?1 "
                   "ORDER BY id DESC LIMIT 1",
                   NULL);
  if (stmt != NULL)
    sitrep_db_bind_int64 (stmt, 1, id);

  if (stmt != NULL && sitrep_db_step (stmt) == SITREP_DB_ROW)
    {
      const char *author = sitrep_db_column_text (stmt, 0);
      g_autofree char *at = sitrep_time_format_clock (sitrep_db_column_int64 (stmt, 1),
                                                      get_now (self));
      g_autofree char *text = g_strdup (sitrep_db_column_text (stmt, 2));

      /* the first line of a long text says enough */
      if (text != NULL)
        g_strdelimit (text, "\n", '\0');
      if (text != NULL && g_utf8_strlen (text, -1) > 80)
        {
          g_autofree char *start = g_utf8_substring (text, 0, 79);

          g_free (text);
          text = g_strconcat (start, "…", NULL);
        }

      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_STALE,
                   /* Translators: "INC-7 was changed meanwhile by ann at 14:02:
                    * Title changed to “Core switch down”" */
                   _("%s was changed meanwhile by %s at %s: %s"),
                   key, author != NULL && *author != '\0' ? author : _("someone else"), at,
                   text != NULL ? text : "");
      return;
    }

  g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_STALE,
               _("%s was changed meanwhile by someone else"), key);
}

/* A write decided on an older version of the incident than the one
 * stored is refused: the person did not see what changed since. */
static gboolean
check_version (SitrepStore  *self,
               gint64        id,
               gint64        expected,
               GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = NULL;
  gint64 version;
  gint64 key_num;
  int rc;

  if (expected <= 0 || id <= 0)
    return TRUE;

  stmt = get_stmt (self, "SELECT version, key_num FROM incidents WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, id);
  rc = sitrep_db_step (stmt);
  if (rc == SITREP_DB_DONE)
    return TRUE;   /* the write itself says that there is no such incident */
  if (rc != SITREP_DB_ROW)
    {
      set_db_error (self, rc, error);
      return FALSE;
    }

  version = sitrep_db_column_int64 (stmt, 0);
  key_num = sitrep_db_column_int64 (stmt, 1);
  g_clear_pointer (&stmt, sitrep_db_release_stmt);

  /* what only this desk's own writes since then changed (one submitted
   * while the previous was still on its way) */
  if (version == expected || _sitrep_store_own_version_covers (self, id, expected, version))
    return TRUE;

  set_stale_error (self, id, key_num, error);
  return FALSE;
}

/**
 * sitrep_store_expect_version:
 * @self: a #SitrepStore
 * @id: an incident's row id
 * @version: the #SitrepIncident:version the person saw when they decided
 *   on the write, or 0 to expect nothing
 *
 * Makes the next write through @self a checked one, if it is to the
 * incident @id: when the incident was written since @version (on another
 * desk, by another program, or by this one), the write is refused with
 * %SITREP_STORE_ERROR_STALE, whose message says who changed it and how,
 * and nothing is written. The expectation is for the next write only,
 * whichever incident it changes; call this just before it.
 */
void
sitrep_store_expect_version (SitrepStore *self,
                             gint64       id,
                             gint64       version)
{
  g_return_if_fail (SITREP_IS_STORE (self));

  self->expect_id = id;
  self->expect_version = version;
}

gboolean
_sitrep_store_run_write (SitrepStore       *self,
                         SitrepStoreApply   apply,
                         gpointer           data,
                         gint64             id,
                         SitrepChange       changes,
                         GError           **error)
{
  SitrepChange given = changes;
  gint64 expected = self->expect_id == id ? self->expect_version : 0;
  gint64 before = 0;
  gint64 after = 0;
  gboolean ok;

  /* Two desks writing to one incident of a team database at the same
   * moment: the second waits for the first's row lock, then reads what
   * the first wrote. A write the server still refuses for the other
   * (a deadlock) runs again, as the person would by trying again. Both
   * are kept. */
  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;

      changes = given;
      if (!_sitrep_store_begin_write (self, error))
        return FALSE;

      ok = lock_incident (self, id, &before, &local_error)
           && check_version (self, id, expected, &local_error)
           && apply (self, data, &changes, &local_error)
           && read_version (self, id, &after, &local_error);
      ok = _sitrep_store_finish_write (self, ok, id, changes, ok ? &local_error : NULL);
      if (ok)
        {
          if (self->track_own_versions && after != before)
            _sitrep_store_own_version_add (self, id, before, after);
          return TRUE;
        }

      if (!self->team || attempt == TEAM_WRITE_ATTEMPTS
          || !g_error_matches (local_error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_LOCKED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      g_debug ("A write to %s met another desk's and runs again (attempt %u)",
               self->path, attempt + 1);
    }
}
