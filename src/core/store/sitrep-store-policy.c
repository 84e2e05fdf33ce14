/* sitrep-store-policy.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sitrep-enums.h"
#include "sitrep-sla.h"
#include "sitrep-store-private.h"
#include "sitrep-time.h"

/*
 * The SLA policy (stored per level) and the roster of contacts.
 */

/* The columns of policy_settings that say whether a rule is enforced. */
static const struct
{
  SitrepRule  rule;
  const char *column;
} rule_columns[] = {
  { SITREP_RULE_RESOLVE_NEEDS_CAUSE, "resolve_needs_cause" },
  { SITREP_RULE_CANCEL_NEEDS_REASON, "cancel_needs_reason" },
  { SITREP_RULE_LOWER_NEEDS_REASON, "lower_needs_reason" },
};

/* _sitrep_store_read_policy() selects them in this order */
G_STATIC_ASSERT (G_N_ELEMENTS (rule_columns) == 3);

gboolean
_sitrep_store_check_policy (SitrepPolicy  *policy,
                            GError       **error)
{
  for (int level = SITREP_LEVEL_MIN; level <= SITREP_LEVEL_MAX; level++)
    {
      const char *message = NULL;

      /* Whole sentences, so that translators see each one. */
      if (sitrep_policy_get_minutes (policy, level, SITREP_POLICY_WINDOW_RESPONSE) <= 0)
        message = _("the response time must be at least one minute");
      else if (sitrep_policy_get_minutes (policy, level, SITREP_POLICY_WINDOW_RECOVERY) <= 0)
        message = _("the recovery time must be at least one minute");
      else if (sitrep_policy_get_minutes (policy, level, SITREP_POLICY_WINDOW_RESOLUTION) <= 0)
        message = _("the resolution time must be at least one minute");

      if (message != NULL)
        {
          /* Translators: "Level 1: the response time must be at least one minute" */
          g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                       _("Level %d: %s"), level, message);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
_sitrep_store_write_policy (SitrepStore   *self,
                            SitrepPolicy  *policy,
                            const char    *author,
                            GError       **error)
{
  for (int level = SITREP_LEVEL_MIN; level <= SITREP_LEVEL_MAX; level++)
    {
      g_autoptr(SitrepDbStmt) stmt =
        get_stmt (self,
                  "INSERT INTO policy (level, response_min, recovery_min, "
                  "resolution_min, initial_notice_min, progress_notice_min) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                  "ON CONFLICT (level) DO UPDATE SET response_min = excluded.response_min, "
                  "recovery_min = excluded.recovery_min, "
                  "resolution_min = excluded.resolution_min, "
                  "initial_notice_min = excluded.initial_notice_min, "
                  "progress_notice_min = excluded.progress_notice_min",
                  error);

      if (stmt == NULL)
        return FALSE;

      sitrep_db_bind_int (stmt, 1, level);
      for (int window = 0; window < SITREP_N_POLICY_WINDOWS; window++)
        sitrep_db_bind_int (stmt, 2 + window,
                          sitrep_policy_get_minutes (policy, level, window));
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  /* The row is written whole, its other columns back to their defaults
   * (what follows sets them) */
  if (!exec_sql (self, "DELETE FROM policy_settings WHERE id = 1", error))
    return FALSE;

  {
    g_autoptr(SitrepDbStmt) stmt =
      get_stmt (self,
                "INSERT INTO policy_settings (id, warning_share, changed_at, "
                "changed_by) VALUES (1, ?1, ?2, ?3)",
                error);

    if (stmt == NULL)
      return FALSE;

    sitrep_db_bind_double (stmt, 1, sitrep_policy_get_warning_share (policy));
    sitrep_db_bind_time (stmt, 2, author != NULL ? get_now (self) : SITREP_TIME_NONE);
    sitrep_db_bind_text (stmt, 3, author);
    if (!step_done (self, stmt, error))
      return FALSE;
  }

  /* The row just replaced has every rule enforced, by the columns'
   * default; a policy that relaxes none (such as the first one, written
   * before the columns exist) is complete without this. */
  for (guint i = 0; i < G_N_ELEMENTS (rule_columns); i++)
    if (!sitrep_policy_get_rule (policy, rule_columns[i].rule))
      {
        g_autofree char *sql = g_strdup_printf ("UPDATE policy_settings SET %s = 0 WHERE id = 1",
                                                rule_columns[i].column);
        g_autoptr(SitrepDbStmt) stmt = get_stmt (self, sql, error);

        if (stmt == NULL || !step_done (self, stmt, error))
          return FALSE;
      }

  return _sitrep_store_write_hold_policy (self, policy, error);
}

SitrepPolicy *
_sitrep_store_read_policy (SitrepStore  *self,
                           GError      **error)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  int rc;

  {
    g_autoptr(SitrepDbStmt) stmt =
      get_stmt (self,
                "SELECT level, response_min, recovery_min, resolution_min, "
                "initial_notice_min, progress_notice_min FROM policy",
                error);

    if (stmt == NULL)
      return NULL;

    while ((rc = sitrep_db_step (stmt)) == SITREP_DB_ROW)
      {
        int level = sitrep_db_column_int (stmt, 0);

        if (level < SITREP_LEVEL_MIN || level > SITREP_LEVEL_MAX)
          continue;

        for (int window = 0; window < SITREP_N_POLICY_WINDOWS; window++)
          sitrep_policy_set_minutes (policy, level, window,
                                     MAX (0, sitrep_db_column_int (stmt, 1 + window)));
      }

    if (rc != SITREP_DB_DONE)
      {
        set_db_error (self, rc, error);
        return NULL;
      }
  }

  {
    g_autoptr(SitrepDbStmt) stmt =
      get_stmt (self,
                "SELECT warning_share, resolve_needs_cause, cancel_needs_reason, "
                "lower_needs_reason FROM policy_settings WHERE id = 1",
                error);

    if (stmt == NULL)
      return NULL;

    rc = sitrep_db_step (stmt);
    if (rc == SITREP_DB_ROW)
      {
        double share = sitrep_db_column_double (stmt, 0);

        if (share > 0.0 && share < 1.0)
          sitrep_policy_set_warning_share (policy, share);
        for (guint i = 0; i < G_N_ELEMENTS (rule_columns); i++)
          sitrep_policy_set_rule (policy, rule_columns[i].rule,
                                  sitrep_db_column_int (stmt, 1 + i) != 0);
      }
    else if (rc != SITREP_DB_DONE)
      {
        set_db_error (self, rc, error);
        return NULL;
      }
  }

  if (!_sitrep_store_read_hold_policy (self, policy, error))
    return NULL;

  return g_steal_pointer (&policy);
}

/**
 * sitrep_store_get_policy:
 * @self: a #SitrepStore
 *
 * Returns: (transfer full): a copy of the SLA policy in force; changing it
 *   changes nothing until it is given to sitrep_store_set_policy()
 */
SitrepPolicy *
sitrep_store_get_policy (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  if (self->reader && !self->in_import)
    _sitrep_store_refresh_reader_policy (self);

  return sitrep_policy_copy (self->policy);
}

/**
 * sitrep_store_list_contacts:
 * @self: a #SitrepStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SitrepContact): the roster, by name
 */
GPtrArray *
sitrep_store_list_contacts (SitrepStore  *self,
                            GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  int rc;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  stmt = get_stmt (self,
                   "SELECT id, name, role, email, phone FROM contacts ORDER BY name, id",
                   error);
  if (stmt == NULL)
    return NULL;

  contacts = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sitrep_db_step (stmt)) == SITREP_DB_ROW)
    {
      SitrepContact *contact = sitrep_contact_new ();

      sitrep_contact_set_id (contact, sitrep_db_column_int64 (stmt, 0));
      sitrep_contact_set_name (contact, sitrep_db_column_text (stmt, 1));
      sitrep_contact_set_role (contact, enum_value (SITREP_TYPE_ROLE,
                                                    sitrep_db_column_text (stmt, 2),
                                                    SITREP_ROLE_OM_TEAM));
      sitrep_contact_set_email (contact, sitrep_db_column_text (stmt, 3));
      sitrep_contact_set_phone (contact, sitrep_db_column_text (stmt, 4));
      g_ptr_array_add (contacts, contact);
    }

  if (rc != SITREP_DB_DONE)
    {
      set_db_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&contacts);
}

/* the arguments of sitrep_store_set_policy(), for _sitrep_store_run_write() */
typedef struct
{
  SitrepPolicy *policy;
  const char   *author;
} PolicyWrite;

static gboolean
apply_set_policy (SitrepStore   *self,
                  gpointer       data,
                  SitrepChange  *changes,
                  GError       **error)
{
  PolicyWrite *w = data;

  return _sitrep_store_write_policy (self, w->policy, w->author, error) &&
         _sitrep_store_recompute_open_incidents (self, error);
}

/**
 * sitrep_store_set_policy:
 * @self: a #SitrepStore
 * @policy: the new SLA policy
 * @author: who changes it
 * @error: return location for a #GError
 *
 * Stores the policy and recomputes every open incident's deadlines, then
 * emits #SitrepStore::changed.
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
sitrep_store_set_policy (SitrepStore   *self,
                         SitrepPolicy  *policy,
                         const char    *author,
                         GError       **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autoptr(SitrepPolicy) previous = NULL;
  PolicyWrite w = { policy, who != NULL ? who : "" };

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SITREP_IS_POLICY (policy), FALSE);

  if (!_sitrep_store_check_writable (self, error) || !_sitrep_store_check_policy (policy, error))
    return FALSE;

  /* The recomputation reads self->policy. */
  previous = g_steal_pointer (&self->policy);
  self->policy = sitrep_policy_copy (policy);

  if (!_sitrep_store_run_write (self, apply_set_policy, &w, 0, 0, error))
    {
      g_set_object (&self->policy, previous);
      return FALSE;
    }

  _sitrep_store_emit_changed (self);
  return TRUE;
}

/* the arguments of sitrep_store_save_contact(), for _sitrep_store_run_write() */
typedef struct
{
  SitrepContact *contact;
  const char    *name;
  const char    *email;
  const char    *phone;
  gint64         id;       /* in: the contact's, or 0 for a new one; out: its id */
} ContactWrite;

static gboolean
apply_save_contact (SitrepStore   *self,
                    gpointer       data,
                    SitrepChange  *changes,
                    GError       **error)
{
  ContactWrite *w = data;
  SitrepContact *contact = w->contact;
  const char *name = w->name;
  const char *email = w->email;
  const char *phone = w->phone;
  gint64 id = w->id;
  gboolean ok;
  g_autoptr(SitrepDbStmt) stmt =
    get_stmt (self,
              id > 0 ? "UPDATE contacts SET name = ?2, role = ?3, email = ?4, phone = ?5 "
                       "WHERE id = ?1"
                     : "INSERT INTO contacts (name, role, email, phone) "
                       "VALUES (?2, ?3, ?4, ?5) RETURNING id",
              error);

  ok = stmt != NULL;
  if (ok)
    {
      if (id > 0)
        sitrep_db_bind_int64 (stmt, 1, id);
      sitrep_db_bind_text (stmt, 2, name);
      sitrep_db_bind_text (stmt, 3,
                           enum_nick (SITREP_TYPE_ROLE, sitrep_contact_get_role (contact)));
      sitrep_db_bind_text (stmt, 4, email);
      sitrep_db_bind_text (stmt, 5, phone);
      if (id > 0)
        ok = step_done (self, stmt, error);
      else
        ok = step_int64 (self, stmt, &id, error);
    }

  if (ok && w->id > 0 && sitrep_db_changes (self->db) == 0)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
                   _("The contact %s is no longer in the roster"), name);
      ok = FALSE;
    }

  w->id = id;
  return ok;
}

/**
 * sitrep_store_save_contact:
 * @self: a #SitrepStore
 * @contact: a contact; a new one (id 0) is added and gets its id, an
 *   existing one is updated
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_store_save_contact (SitrepStore    *self,
                           SitrepContact  *contact,
                           GError        **error)
{
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  ContactWrite w = { contact, NULL, NULL, NULL, 0 };

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SITREP_IS_CONTACT (contact), FALSE);

  w.name = name = dup_trimmed (sitrep_contact_get_name (contact));
  w.email = email = dup_trimmed (sitrep_contact_get_email (contact));
  w.phone = phone = dup_trimmed (sitrep_contact_get_phone (contact));
  w.id = sitrep_contact_get_id (contact);

  if (!_sitrep_store_check_writable (self, error))
    return FALSE;

  if (is_blank (name))
    {
      g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                           _("The contact needs a name"));
      return FALSE;
    }

  if (!_sitrep_store_run_write (self, apply_save_contact, &w, 0, 0, error))
    return FALSE;

  sitrep_contact_set_id (contact, w.id);
  sitrep_contact_set_name (contact, name);
  sitrep_contact_set_email (contact, email);
  sitrep_contact_set_phone (contact, phone);
  _sitrep_store_emit_contacts_changed (self);
  return TRUE;
}

/* @data: the contact's id (a gint64) */
static gboolean
apply_remove_contact (SitrepStore   *self,
                      gpointer       data,
                      SitrepChange  *changes,
                      GError       **error)
{
  g_autoptr(SitrepDbStmt) stmt = get_stmt (self, "DELETE FROM contacts WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, *(gint64 *) data);
  return step_done (self, stmt, error);
}

/**
 * sitrep_store_remove_contact:
 * @self: a #SitrepStore
 * @contact_id: the contact's id
 * @error: return location for a #GError
 *
 * Removes a person from the roster (incidents keep the names they were
 * written with).
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_store_remove_contact (SitrepStore  *self,
                             gint64        contact_id,
                             GError      **error)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (!_sitrep_store_run_write (self, apply_remove_contact, &contact_id, 0, 0, error))
    return FALSE;

  _sitrep_store_emit_contacts_changed (self);
  return TRUE;
}
