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

/* On a team database, the incident a write changes is locked first:
 * another desk's write to it waits until this one commits, and then
 * reads what this one wrote, so that neither overwrites the other with
 * what it read before. A desk's own file has one writer at a time. */
static gboolean
lock_incident (SitrepStore  *self,
               gint64        id,
               GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = NULL;

  if (!self->team || id <= 0)
    return TRUE;

  stmt = get_stmt (self, "SELECT id FROM incidents WHERE id = ?1 FOR UPDATE", error);
  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, id);
  return step_done (self, stmt, error);
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

      ok = lock_incident (self, id, &local_error)
           && apply (self, data, &changes, &local_error);
      ok = _sitrep_store_finish_write (self, ok, id, changes, ok ? &local_error : NULL);
      if (ok)
        return TRUE;

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
