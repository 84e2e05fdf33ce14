/* sitrep-store-records.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enums.h"
#include "sitrep-report.h"
#include "sitrep-store-private.h"

/*
 * The records reports are made of: the verdicts of complaints and their
 * moves between incidents, the teams' sections of the final report, and
 * the reports that went out; and the monthly analysis, computed on the
 * store's connection. Each write is one transaction, as in
 * sitrep-store-write.c, and leaves an entry in the timeline.
 */

static const char sql_update_verdict[] =
  "UPDATE complaints SET verdict = ?2, verdict_reason = ?3 WHERE id = ?1";

static const char sql_move_complaint[] =
  "UPDATE complaints SET incident_id = ?2 WHERE id = ?1";

static const char sql_select_team_section[] =
  "SELECT text FROM team_sections WHERE incident_id = ?1 AND team = ?2";

static const char sql_upsert_team_section[] =
  "INSERT INTO team_sections (incident_id, team, author, text, updated_at) "
  "VALUES (?1, ?2, ?3, ?4, ?5) "
  "ON CONFLICT (incident_id, team) DO UPDATE SET author = ?3, text = ?4, updated_at = ?5";

static const char sql_list_team_sections[] =
  "SELECT team, author, text, updated_at FROM team_sections "
  "WHERE incident_id = ?1 ORDER BY id";

/* The detail of a report entry is "<kind>/<how>": a report of a kind was
 * recorded when one entry's detail starts with its kind and a slash. */
static const char sql_has_report[] =
  "SELECT EXISTS (SELECT 1 FROM timeline WHERE incident_id = ?1 AND kind = 'report'"
  "  AND substr (detail, 1, length (?2) + 1) = ?2 || '/')";

/* the arguments of sitrep_store_set_complaint_verdict() */
typedef struct
{
  gint64         complaint_id;
  SitrepVerdict  verdict;
  const char    *reason;
  const char    *author;
  gint64         incident_id;  /* out: whose complaint it is */
} VerdictWrite;

static gboolean
apply_set_verdict (SitrepStore   *self,
                   gpointer       data,
                   SitrepChange  *changes,
                   GError       **error)
{
  VerdictWrite *w = data;
  g_autoptr(SitrepComplaint) complaint = NULL;
  g_autoptr(SitrepDbStmt) stmt = NULL;
  g_autofree char *text = NULL;
  SitrepVerdict old_verdict;
  const char *reason = w->verdict == SITREP_VERDICT_NOT_ATTRIBUTED ? w->reason : NULL;
  gint64 now = get_now (self);

  if (!sitrep_lifecycle_check_verdict (w->verdict, w->reason, error))
    return FALSE;

  complaint = _sitrep_store_load_complaint (self, w->complaint_id, error);
  if (complaint == NULL)
    return FALSE;

  w->incident_id = sitrep_complaint_get_incident_id (complaint);
  old_verdict = sitrep_complaint_get_verdict (complaint);
  if (old_verdict == w->verdict &&
      g_strcmp0 (sitrep_complaint_get_verdict_reason (complaint), reason) == 0)
    {
      *changes = 0;
      return TRUE;
    }

  stmt = get_stmt (self, sql_update_verdict, error);
  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, w->complaint_id);
  sitrep_db_bind_text (stmt, 2, enum_nick (SITREP_TYPE_VERDICT, w->verdict));
  sitrep_db_bind_text (stmt, 3, reason);
  if (!step_done (self, stmt, error))
    return FALSE;

  text = sitrep_lifecycle_describe_verdict (sitrep_complaint_get_ref (complaint),
                                            sitrep_complaint_get_customer (complaint),
                                            old_verdict, w->verdict, reason);
  return _sitrep_store_insert_entry (self, w->incident_id, now, now, w->author,
                                     SITREP_ENTRY_KIND_COMPLAINT, SITREP_TAG_NONE, text,
                                     sitrep_complaint_get_ref (complaint), error);
}

/**
 * sitrep_store_set_complaint_verdict:
 * @self: a #SitrepStore
 * @complaint_id: the complaint's row id
 * @verdict: what its analysis found
 * @reason: (nullable): why; required for %SITREP_VERDICT_NOT_ATTRIBUTED
 *   and kept only with it
 * @author: who decided
 * @error: return location for a #GError
 *
 * Changes a complaint's verdict and writes a complaint entry (old → new
 * verdict, the reason) to its incident's timeline; emits
 * "incident-changed" with COMPLAINTS | TIMELINE. Setting the verdict and
 * reason it has changes nothing.
 *
 * Returns: %TRUE on success; on error (%SITREP_LIFECYCLE_ERROR_INVALID_VALUE
 *   for a missing reason, %SITREP_STORE_ERROR_NOT_FOUND for no such
 *   complaint) nothing is written
 */
gboolean
sitrep_store_set_complaint_verdict (SitrepStore    *self,
                                    gint64          complaint_id,
                                    SitrepVerdict   verdict,
                                    const char     *reason,
                                    const char     *author,
                                    GError        **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *why = dup_trimmed (reason);
  VerdictWrite w = { complaint_id, verdict, is_blank (why) ? NULL : why, who, 0 };
  SitrepChange changes = SITREP_CHANGE_COMPLAINTS | SITREP_CHANGE_TIMELINE;
  gboolean ok;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  /* the incident is known only inside the transaction: emit here */
  if (!_sitrep_store_begin_write (self, error))
    return FALSE;

  ok = apply_set_verdict (self, &w, &changes, error);
  return _sitrep_store_finish_write (self, ok, w.incident_id, changes, error);
}

/* the arguments of sitrep_store_move_complaint() */
typedef struct
{
  gint64      complaint_id;
  const char *to_key;
  const char *author;
  gint64      from_id;  /* out */
  gint64      to_id;    /* out */
} MoveWrite;

static gboolean
apply_move_complaint (SitrepStore   *self,
                      gpointer       data,
                      SitrepChange  *changes,
                      GError       **error)
{
  MoveWrite *w = data;
  g_autoptr(SitrepComplaint) complaint = NULL;
  g_autoptr(SitrepIncident) from = NULL;
  g_autoptr(SitrepIncident) to = NULL;
  g_autoptr(SitrepDbStmt) stmt = NULL;
  g_autofree char *out_text = NULL;
  g_autofree char *in_text = NULL;
  const char *ref;
  const char *customer;
  gint64 now = get_now (self);

  complaint = _sitrep_store_load_complaint (self, w->complaint_id, error);
  if (complaint == NULL)
    return FALSE;

  /* NOT_FOUND for a key without an incident, INVALID_VALUE for a malformed one */
  to = sitrep_store_find_incident (self, w->to_key != NULL ? w->to_key : "", error);
  if (to == NULL)
    return FALSE;

  w->to_id = sitrep_incident_get_id (to);
  w->from_id = sitrep_complaint_get_incident_id (complaint);
  if (w->from_id == w->to_id)
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                   _("The complaint already belongs to %s"), w->to_key);
      return FALSE;
    }

  from = _sitrep_store_load_incident (self, w->from_id, error);
  if (from == NULL)
    return FALSE;

  stmt = get_stmt (self, sql_move_complaint, error);
  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, w->complaint_id);
  sitrep_db_bind_int64 (stmt, 2, w->to_id);
  if (!step_done (self, stmt, error))
    return FALSE;

  ref = sitrep_complaint_get_ref (complaint);
  customer = sitrep_complaint_get_customer (complaint);
  out_text = sitrep_lifecycle_describe_complaint_moved (ref, customer,
                                                        sitrep_incident_get_key (to), FALSE);
  in_text = sitrep_lifecycle_describe_complaint_moved (ref, customer,
                                                       sitrep_incident_get_key (from), TRUE);

  return _sitrep_store_insert_entry (self, w->from_id, now, now, w->author,
                                     SITREP_ENTRY_KIND_COMPLAINT, SITREP_TAG_NONE,
                                     out_text, ref, error) &&
         _sitrep_store_insert_entry (self, w->to_id, now, now, w->author,
                                     SITREP_ENTRY_KIND_COMPLAINT, SITREP_TAG_NONE,
                                     in_text, ref, error);
}

/**
 * sitrep_store_move_complaint:
 * @self: a #SitrepStore
 * @complaint_id: the complaint's row id
 * @to_key: the key of the incident it belongs to ("INC-42")
 * @author: who moves it
 * @error: return location for a #GError
 *
 * Moves a complaint to another incident, keeping its verdict, and writes
 * a complaint entry to both timelines; emits "incident-changed" with
 * COMPLAINTS | TIMELINE for both.
 *
 * Returns: %TRUE on success; on error (%SITREP_STORE_ERROR_NOT_FOUND for
 *   no such complaint or incident, %SITREP_LIFECYCLE_ERROR_INVALID_VALUE
 *   for the incident it is on) nothing is written
 */
gboolean
sitrep_store_move_complaint (SitrepStore  *self,
                             gint64        complaint_id,
                             const char   *to_key,
                             const char   *author,
                             GError      **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *key = dup_trimmed (to_key);
  MoveWrite w = { complaint_id, key, who, 0, 0 };
  SitrepChange changes = SITREP_CHANGE_COMPLAINTS | SITREP_CHANGE_TIMELINE;
  gboolean ok;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (!_sitrep_store_begin_write (self, error))
    return FALSE;

  ok = apply_move_complaint (self, &w, &changes, error);
  if (!_sitrep_store_finish_write (self, ok, w.from_id, changes, error))
    return FALSE;

  _sitrep_store_emit_incident_changed (self, w.to_id, changes);
  return TRUE;
}

/* the arguments of sitrep_store_record_report() */
typedef struct
{
  gint64            id;
  SitrepReportKind  kind;
  const char       *how;
  const char       *text;
  const char       *author;
} ReportWrite;

static gboolean
apply_record_report (SitrepStore   *self,
                     gpointer       data,
                     SitrepChange  *changes,
                     GError       **error)
{
  ReportWrite *w = data;
  g_autoptr(SitrepIncident) incident = _sitrep_store_load_incident (self, w->id, error);
  g_autofree char *heading = NULL;
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  gint64 now = get_now (self);

  if (incident == NULL)
    return FALSE;

  if (!sitrep_lifecycle_check_report_how (w->how, error))
    return FALSE;

  if (w->kind != SITREP_REPORT_KIND_CAN && w->kind != SITREP_REPORT_KIND_FINAL)
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                   _("Only a CAN report or a final report is recorded with %s"),
                   sitrep_incident_get_key (incident));
      return FALSE;
    }

  /* the entry keeps what people were told, after what happened to it */
  heading = sitrep_lifecycle_describe_report (w->kind, w->how);
  text = is_blank (w->text) ? g_strdup (heading)
                            : g_strdup_printf ("%s\n\n%s", heading, w->text);
  detail = g_strdup_printf ("%s/%s", enum_nick (SITREP_TYPE_REPORT_KIND, w->kind), w->how);

  return _sitrep_store_insert_entry (self, w->id, now, now, w->author,
                                     SITREP_ENTRY_KIND_REPORT, SITREP_TAG_NONE,
                                     text, detail, error);
}

/**
 * sitrep_store_record_report:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @kind: %SITREP_REPORT_KIND_CAN or %SITREP_REPORT_KIND_FINAL
 * @how: "copied", "saved-pdf", "saved-markdown", "printed" or "mailed"
 * @text: (nullable): the report's text as it went out
 * @author: who sent or saved it
 * @error: return location for a #GError
 *
 * Records that a report of the incident was sent, saved or printed: one
 * report entry in the timeline, saying how, followed by the report's
 * text, so that the record shows what people were told and when.
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
sitrep_store_record_report (SitrepStore       *self,
                            gint64             id,
                            SitrepReportKind   kind,
                            const char        *how,
                            const char        *text,
                            const char        *author,
                            GError           **error)
{
  g_autofree char *who = dup_trimmed (author);
  ReportWrite w = { id, kind, how, text, who };

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  return _sitrep_store_run_write (self, apply_record_report, &w, id,
                                  SITREP_CHANGE_TIMELINE, error);
}

/**
 * sitrep_store_has_report:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @kind: a report kind
 * @error: return location for a #GError
 *
 * Returns: whether a report of @kind was recorded for the incident (see
 *   sitrep_store_record_report()); %FALSE with @error set on failure
 */
gboolean
sitrep_store_has_report (SitrepStore       *self,
                         gint64             id,
                         SitrepReportKind   kind,
                         GError           **error)
{
  g_autoptr(SitrepDbStmt) stmt = NULL;
  gint64 found = 0;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  stmt = get_stmt (self, sql_has_report, error);
  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, id);
  sitrep_db_bind_text (stmt, 2, enum_nick (SITREP_TYPE_REPORT_KIND, kind));
  if (!step_int64 (self, stmt, &found, error))
    return FALSE;

  return found != 0;
}

/**
 * sitrep_team_section_free:
 * @section: (nullable): a #SitrepTeamSection
 */
void
sitrep_team_section_free (SitrepTeamSection *section)
{
  if (section == NULL)
    return;

  g_free (section->team);
  g_free (section->author);
  g_free (section->text);
  g_free (section);
}

/* the arguments of sitrep_store_set_team_section() */
typedef struct
{
  gint64      id;
  const char *team;
  const char *text;
  const char *author;
} TeamWrite;

static gboolean
apply_set_team_section (SitrepStore   *self,
                        gpointer       data,
                        SitrepChange  *changes,
                        GError       **error)
{
  TeamWrite *w = data;
  g_autoptr(SitrepIncident) incident = _sitrep_store_load_incident (self, w->id, error);
  g_autoptr(SitrepDbStmt) select = NULL;
  g_autoptr(SitrepDbStmt) upsert = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *text = NULL;
  gint64 now = get_now (self);
  int rc;

  if (incident == NULL)
    return FALSE;

  if (is_blank (w->team))
    {
      g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                           _("A section of the final report needs the name of its team"));
      return FALSE;
    }

  select = get_stmt (self, sql_select_team_section, error);
  if (select == NULL)
    return FALSE;

  sitrep_db_bind_int64 (select, 1, w->id);
  sitrep_db_bind_text (select, 2, w->team);
  rc = sitrep_db_step (select);
  if (rc == SITREP_DB_ROW)
    old_text = g_strdup (sitrep_db_column_text (select, 0));
  else if (rc != SITREP_DB_DONE)
    {
      set_db_error (self, rc, error);
      return FALSE;
    }

  if (g_strcmp0 (old_text != NULL ? old_text : "", w->text) == 0)
    {
      *changes = 0;
      return TRUE;
    }

  upsert = get_stmt (self, sql_upsert_team_section, error);
  if (upsert == NULL)
    return FALSE;

  sitrep_db_bind_int64 (upsert, 1, w->id);
  sitrep_db_bind_text (upsert, 2, w->team);
  sitrep_db_bind_text (upsert, 3, w->author);
  sitrep_db_bind_text (upsert, 4, is_blank (w->text) ? NULL : w->text);
  sitrep_db_bind_int64 (upsert, 5, now);
  if (!step_done (self, upsert, error))
    return FALSE;

  text = sitrep_lifecycle_describe_team_section (w->team, !is_blank (old_text),
                                                 !is_blank (w->text));
  return _sitrep_store_insert_entry (self, w->id, now, now, w->author,
                                     SITREP_ENTRY_KIND_FIELD, SITREP_TAG_NONE, text,
                                     "team_section", error);
}

/**
 * sitrep_store_set_team_section:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @team: the team's name (any name; the window offers the technical team
 *   and the web team)
 * @text: (nullable): what the team writes; empty to clear it
 * @author: who writes it
 * @error: return location for a #GError
 *
 * Replaces a team's section of the incident's final report and writes a
 * field entry to the timeline; emits "incident-changed" with FIELDS |
 * TIMELINE. Setting the text the section has changes nothing.
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
sitrep_store_set_team_section (SitrepStore  *self,
                               gint64        id,
                               const char   *team,
                               const char   *text,
                               const char   *author,
                               GError      **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *name = dup_trimmed (team);
  g_autofree char *trimmed = dup_trimmed (text != NULL ? text : "");
  TeamWrite w = { id, name, trimmed, who };

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  return _sitrep_store_run_write (self, apply_set_team_section, &w, id,
                                  SITREP_CHANGE_FIELDS | SITREP_CHANGE_TIMELINE, error);
}

/**
 * sitrep_store_list_team_sections:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SitrepTeamSection): the teams'
 *   sections of the incident's final report in the order they were first
 *   written, or %NULL on error
 */
GPtrArray *
sitrep_store_list_team_sections (SitrepStore  *self,
                                 gint64        id,
                                 GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  int rc;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  stmt = get_stmt (self, sql_list_team_sections, error);
  if (stmt == NULL)
    return NULL;

  sections = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_team_section_free);
  sitrep_db_bind_int64 (stmt, 1, id);
  while ((rc = sitrep_db_step (stmt)) == SITREP_DB_ROW)
    {
      SitrepTeamSection *section = g_new0 (SitrepTeamSection, 1);

      section->team = g_strdup (sitrep_db_column_text (stmt, 0));
      section->author = g_strdup (sitrep_db_column_text (stmt, 1));
      section->text = g_strdup (sitrep_db_column_text (stmt, 2));
      section->updated_at = sitrep_db_column_int64 (stmt, 3);
      g_ptr_array_add (sections, section);
    }

  if (rc != SITREP_DB_DONE)
    {
      set_db_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&sections);
}

/**
 * sitrep_store_import_team_sections:
 * @self: a #SitrepStore, between sitrep_store_import_begin() and _commit()
 * @key: the key of an incident imported in this import
 * @sections: (element-type SitrepTeamSection) (nullable): its team
 *   sections, as the document gives them
 * @error: return location for a #GError
 *
 * Replaces the incident's team sections with @sections, keeping their
 * authors and times (an import records no timeline entries of its own).
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_store_import_team_sections (SitrepStore  *self,
                                   const char   *key,
                                   GPtrArray    *sections,
                                   GError      **error)
{
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(SitrepDbStmt) clear = NULL;
  gint64 id;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (!self->in_import)
    {
      g_set_error_literal (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                           _("No import is in progress"));
      return FALSE;
    }

  incident = sitrep_store_find_incident (self, key, error);
  if (incident == NULL)
    return FALSE;
  id = sitrep_incident_get_id (incident);

  clear = get_stmt (self, "DELETE FROM team_sections WHERE incident_id = ?1", error);
  if (clear == NULL)
    return FALSE;
  sitrep_db_bind_int64 (clear, 1, id);
  if (!step_done (self, clear, error))
    return FALSE;

  for (guint i = 0; sections != NULL && i < sections->len; i++)
    {
      SitrepTeamSection *section = g_ptr_array_index (sections, i);
      g_autoptr(SitrepDbStmt) insert = NULL;

      if (is_blank (section->team))
        {
          g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                       _("A section of the final report of %s has no team"), key);
          return FALSE;
        }

      insert = get_stmt (self, sql_upsert_team_section, error);
      if (insert == NULL)
        return FALSE;
      sitrep_db_bind_int64 (insert, 1, id);
      sitrep_db_bind_text (insert, 2, section->team);
      sitrep_db_bind_text (insert, 3, section->author);
      sitrep_db_bind_text (insert, 4, is_blank (section->text) ? NULL : section->text);
      sitrep_db_bind_int64 (insert, 5, section->updated_at);
      if (!step_done (self, insert, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_store_compute_monthly:
 * @self: a #SitrepStore; a reader (sitrep_store_open_reader()) keeps a
 *   worker thread's computation off the window's connection
 * @year: the year
 * @month: the month, 1 … 12, in the local time zone
 * @now: the moment to judge unmet clocks at
 * @error: return location for a #GError
 *
 * Computes the monthly analysis of one month with SQL aggregates over the
 * incidents reported in it (see sitrep-report-monthly-sql.c), in a read
 * transaction of its own: the figures are of one moment of the database.
 *
 * Returns: (transfer full) (nullable): the month's figures, or %NULL with
 *   @error set (%SITREP_REPORT_ERROR_DATABASE)
 */
SitrepMonthly *
sitrep_store_compute_monthly (SitrepStore  *self,
                              int           year,
                              int           month,
                              gint64        now,
                              GError      **error)
{
  g_autoptr(SitrepMonthly) monthly = NULL;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);

  /* the computation is a transaction of its own */
  if (self->in_import || sitrep_db_in_transaction (self->db))
    {
      g_set_error (error, SITREP_REPORT_ERROR, SITREP_REPORT_ERROR_DATABASE,
                   _("Could not compute the monthly analysis from “%s”: a write is under way"),
                   self->path);
      return NULL;
    }

  /* a desk file's temporary table for the month stays in memory: a
   * reader may not write files, and it is small (a server ignores this) */
  sitrep_db_exec (self->db, "PRAGMA temp_store = MEMORY", NULL);
  monthly = sitrep_monthly_new (year, month);
  if (!sitrep_monthly_compute_db (self->db, self->path, monthly, now, error))
    return NULL;

  return g_steal_pointer (&monthly);
}
