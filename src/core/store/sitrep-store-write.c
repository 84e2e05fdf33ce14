/* sitrep-store-write.c
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
 * The writes to incidents: each one transaction, after which
 * "incident-changed" says what changed.
 */

/* The incident fields sitrep_store_set_field() may change. */
typedef enum
{
  FIELD_TEXT,
  FIELD_LONG_TEXT,
  FIELD_CHANNEL,
  FIELD_CAUSE,
  FIELD_TIME,
  FIELD_COUNT,      /* a whole number >= 0, or empty for none (-1) */
} FieldType;

static const struct
{
  const char *name;
  const char *property;
  FieldType   type;
  gboolean    required;
  const char *label;
} fields[] = {
  { "title",              "title",              FIELD_TEXT,      TRUE,  N_("Title") },
  { "service",            "service",            FIELD_TEXT,      TRUE,  N_("Service") },
  { "reporter_name",      "reporter-name",      FIELD_TEXT,      FALSE, N_("Reporter") },
  { "reporter_contact",   "reporter-contact",   FIELD_TEXT,      FALSE, N_("Reporter contact") },
  { "reporter_channel",   "reporter-channel",   FIELD_CHANNEL,   FALSE, N_("Reporting channel") },
  { "symptoms",           "symptoms",           FIELD_LONG_TEXT, FALSE, N_("Symptoms") },
  { "details",            "details",            FIELD_LONG_TEXT, FALSE, N_("Details") },
  { "occurred_at",        "occurred-at",        FIELD_TIME,      FALSE, N_("Fault start") },
  { "cause_category",     "cause-category",     FIELD_CAUSE,     FALSE, N_("Cause category") },
  { "root_cause",         "root-cause",         FIELD_LONG_TEXT, FALSE, N_("Root cause") },
  { "resolution",         "resolution",         FIELD_LONG_TEXT, FALSE, N_("Resolution") },
  { "impact",             "impact",             FIELD_LONG_TEXT, FALSE, N_("Impact") },
  { "affected_count",     "affected-count",     FIELD_COUNT,     FALSE, N_("Number affected") },
  { "corrective_actions", "corrective-actions", FIELD_LONG_TEXT, FALSE, N_("Corrective actions") },
  { "lessons_learned",    "lessons-learned",    FIELD_LONG_TEXT, FALSE, N_("Lessons learned") },
};

static gboolean
check_not_future (SitrepStore  *self,
                  gint64        at,
                  GError      **error)
{
  return sitrep_lifecycle_check_not_future (at, get_now (self), error);
}

/* The latest status change of an incident: its milestones and the latest
 * status entry of its timeline (a reopening has no milestone of its own). */
static gboolean
get_latest_status_change (SitrepStore     *self,
                          SitrepIncident  *incident,
                          gint64          *latest,
                          GError         **error)
{
  g_autoptr(SitrepDbStmt) stmt = get_stmt (self,
                                   "SELECT MAX(occurred_at) FROM timeline "
                                   "WHERE incident_id = ?1 AND kind = 'status'",
                                   error);
  gint64 last_entry;

  if (stmt == NULL)
    return FALSE;

  sitrep_db_bind_int64 (stmt, 1, sitrep_incident_get_id (incident));
  if (!step_int64 (self, stmt, &last_entry, error))
    return FALSE;

  *latest = MAX (last_entry, sitrep_incident_get_acknowledged_at (incident));
  *latest = MAX (*latest, sitrep_incident_get_recovered_at (incident));
  *latest = MAX (*latest, sitrep_incident_get_resolved_at (incident));
  *latest = MAX (*latest, sitrep_incident_get_transferred_at (incident));
  *latest = MAX (*latest, sitrep_incident_get_closed_at (incident));
  return TRUE;
}

/* the arguments of sitrep_store_create_incident(), for _sitrep_store_run_write() */
typedef struct
{
  SitrepIncident *incident;
  const char     *author;
  gint64          id;
  gint64          key_num;
} CreateWrite;

static gboolean
apply_create (SitrepStore   *self,
              gpointer       data,
              SitrepChange  *changes,
              GError       **error)
{
  CreateWrite *w = data;
  SitrepIncident *incident = w->incident;
  const char *author = w->author;
  gint64 *id = &w->id;
  gint64 *key_num = &w->key_num;
  static const char *const text_properties[] = {
    "title", "service", "reporter-name", "reporter-contact", "symptoms", "details",
    "owner", "root-cause", "resolution",
  };
  g_autofree char *text = NULL;
  gint64 now = get_now (self);
  gint64 reported_at;
  gint64 occurred_at;
  Computed computed;

  for (guint i = 0; i < G_N_ELEMENTS (text_properties); i++)
    {
      g_autofree char *value = NULL;
      g_autofree char *trimmed = NULL;

      g_object_get (incident, text_properties[i], &value, NULL);
      trimmed = dup_trimmed (value);
      if (trimmed != NULL && *trimmed == '\0')
        g_clear_pointer (&trimmed, g_free);
      if (g_strcmp0 (value, trimmed) != 0)
        g_object_set (incident, text_properties[i], trimmed, NULL);
    }

  if (is_blank (sitrep_incident_get_title (incident)))
    {
      g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                           _("The incident needs a title"));
      return FALSE;
    }

  if (is_blank (sitrep_incident_get_service (incident)))
    {
      g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                           _("The incident needs the affected service"));
      return FALSE;
    }

  if (!sitrep_lifecycle_check_level (sitrep_incident_get_level (incident), error))
    return FALSE;

  reported_at = sitrep_incident_get_reported_at (incident);
  if (reported_at == SITREP_TIME_NONE)
    reported_at = now;
  occurred_at = sitrep_incident_get_occurred_at (incident);
  if (occurred_at == SITREP_TIME_NONE)
    occurred_at = reported_at;

  if (!check_not_future (self, reported_at, error))
    return FALSE;

  if (!sitrep_lifecycle_check_fault_start (occurred_at, reported_at, error))
    return FALSE;

  sitrep_incident_set_reported_at (incident, reported_at);
  sitrep_incident_set_occurred_at (incident, occurred_at);
  sitrep_incident_set_status (incident, SITREP_STATUS_NEW);
  sitrep_incident_set_acknowledged_at (incident, SITREP_TIME_NONE);
  sitrep_incident_set_recovered_at (incident, SITREP_TIME_NONE);
  sitrep_incident_set_resolved_at (incident, SITREP_TIME_NONE);
  sitrep_incident_set_transferred_at (incident, SITREP_TIME_NONE);
  sitrep_incident_set_transferred_to (incident, NULL);
  sitrep_incident_set_closed_at (incident, SITREP_TIME_NONE);
  sitrep_incident_set_cancelled_at (incident, SITREP_TIME_NONE);
  sitrep_incident_set_initial_notice_at (incident, SITREP_TIME_NONE);
  sitrep_incident_set_progress_notice_at (incident, SITREP_TIME_NONE);
  sitrep_incident_set_progress_notice_count (incident, 0);
  sitrep_incident_set_rectification_notice_at (incident, SITREP_TIME_NONE);
  sitrep_incident_set_escalation_notice_at (incident, SITREP_TIME_NONE);

  /* Keys are never reused: the sequence only grows, and stays above any
   * imported key. */
  {
    g_autoptr(SitrepDbStmt) stmt =
      get_stmt (self,
                "UPDATE key_sequence SET last_key = 1 + CASE "
                "WHEN last_key > COALESCE((SELECT MAX(key_num) FROM incidents), 0) "
                "THEN last_key ELSE COALESCE((SELECT MAX(key_num) FROM incidents), 0) END "
                "WHERE id = 1 RETURNING last_key",
                error);

    if (stmt == NULL || !step_int64 (self, stmt, key_num, error))
      return FALSE;
  }

  _sitrep_store_compute_columns (incident, current_policy (self), NULL, &computed, NULL);
  if (!_sitrep_store_insert_incident (self, incident, *key_num, &computed, id, error))
    return FALSE;

  text = sitrep_lifecycle_describe_created (sitrep_incident_get_level (incident));
  return _sitrep_store_insert_entry (self, *id, reported_at, now, author,
                                     SITREP_ENTRY_KIND_CREATED,
                                     SITREP_TAG_NONE, text, NULL, error);
}

/**
 * sitrep_store_create_incident:
 * @self: a #SitrepStore
 * @incident: the new incident: title, service and level are required;
 *   reported_at defaults to now and occurred_at to reported_at
 * @author: who records it
 * @error: return location for a #GError
 *
 * Stores a new incident with status "new" and a "created" timeline entry.
 * Text fields are trimmed. On success @incident gets its id and key
 * (INC-<n>, the next in sequence) and its defaults.
 *
 * Returns: %TRUE on success; on error nothing is stored
 */
gboolean
sitrep_store_create_incident (SitrepStore     *self,
                              SitrepIncident  *incident,
                              const char      *author,
                              GError         **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *key = NULL;
  CreateWrite w = { incident, who, 0, 0 };

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), FALSE);

  /* the id is known only after the commit: the signal is emitted here */
  if (!_sitrep_store_run_write (self, apply_create, &w, 0, 0, error))
    return FALSE;

  key = _sitrep_store_format_key (w.key_num);
  sitrep_incident_set_id (incident, w.id);
  sitrep_incident_set_key (incident, key);
  _sitrep_store_emit_incident_changed (self, w.id, SITREP_CHANGE_ALL);

  return TRUE;
}

gboolean
_sitrep_store_apply_transition (SitrepStore   *self,
                                gpointer       data,
                                SitrepChange  *changes,
                                GError       **error)
{
  TransitionWrite *w = data;
  gint64 id = w->id;
  SitrepTransition transition = w->transition;
  gint64 at = w->at;
  const char *author = w->author;
  const char *comment = w->comment;
  const char *transferred_to = w->transferred_to;
  g_autoptr(SitrepIncident) incident = _sitrep_store_load_incident (self, id, error);
  g_autofree char *text = NULL;
  SitrepStatus status;
  SitrepStatus target;
  gint64 now = get_now (self);
  gint64 latest;

  if (incident == NULL)
    return FALSE;

  status = sitrep_incident_get_status (incident);
  if (!sitrep_lifecycle_check_transition (sitrep_incident_get_key (incident), status, transition,
                                          transferred_to, error))
    return FALSE;

  if (at == SITREP_TIME_NONE)
    at = now;

  if (!check_not_future (self, at, error) ||
      !sitrep_lifecycle_check_not_before (at, sitrep_incident_get_reported_at (incident),
                                          _("the incident was reported"), error) ||
      !get_latest_status_change (self, incident, &latest, error) ||
      !sitrep_lifecycle_check_not_before (at, latest, _("its previous status change"), error))
    return FALSE;

  /* checked against the incident as it is before the change */
  if (!sitrep_lifecycle_check_needs (incident, transition, current_policy (self), at, comment,
                                     transferred_to, error))
    return FALSE;

  if (transition == SITREP_TRANSITION_RESOLVE)
    text = sitrep_lifecycle_describe_resolve (incident, comment);
  else
    text = sitrep_lifecycle_describe_transition (transition, transferred_to, comment);

  target = sitrep_lifecycle_get_target (transition);

  switch (transition)
    {
    case SITREP_TRANSITION_ACKNOWLEDGE:
      sitrep_incident_set_acknowledged_at (incident, at);
      break;

    case SITREP_TRANSITION_RECOVER:
      sitrep_incident_set_recovered_at (incident, at);
      break;

    case SITREP_TRANSITION_RESOLVE:
      sitrep_incident_set_resolved_at (incident, at);
      break;

    case SITREP_TRANSITION_TRANSFER:
      sitrep_incident_set_transferred_at (incident, at);
      sitrep_incident_set_transferred_to (incident, transferred_to);
      break;

    case SITREP_TRANSITION_CLOSE:
      sitrep_incident_set_closed_at (incident, at);
      break;

    case SITREP_TRANSITION_REOPEN:
      sitrep_incident_set_recovered_at (incident, SITREP_TIME_NONE);
      sitrep_incident_set_resolved_at (incident, SITREP_TIME_NONE);
      sitrep_incident_set_transferred_at (incident, SITREP_TIME_NONE);
      sitrep_incident_set_transferred_to (incident, NULL);
      sitrep_incident_set_closed_at (incident, SITREP_TIME_NONE);
      break;

    case SITREP_TRANSITION_CANCEL:
    default:
      sitrep_incident_set_cancelled_at (incident, at);
      break;
    }

  sitrep_incident_set_status (incident, target);

  return _sitrep_store_end_hold_for_transition (self, incident, target, at, author, error) &&
         _sitrep_store_note_close (self, incident, transition, at, author, error) &&
         _sitrep_store_insert_entry (self, id, at, now, author, SITREP_ENTRY_KIND_STATUS,
                                     SITREP_TAG_NONE,
                                     text, enum_nick (SITREP_TYPE_STATUS, target), error) &&
         _sitrep_store_save_incident (self, incident, error);
}

/**
 * sitrep_store_transition:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @transition: what to do (see sitrep_lifecycle_can_transition())
 * @at: when it happened, or %SITREP_TIME_NONE for now; may be backdated,
 *   but not before the incident was reported or its previous status
 *   change, nor in the future
 * @author: who does it
 * @comment: (nullable): a remark for the timeline
 * @transferred_to: (nullable): for %SITREP_TRANSITION_TRANSFER, where to
 *   (developers, problem management or a team): required
 * @error: return location for a #GError
 *
 * Changes the incident's status and writes a status entry to its timeline.
 * Reopening clears the recovered, resolved, transferred and closed times.
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
sitrep_store_transition (SitrepStore       *self,
                         gint64             id,
                         SitrepTransition   transition,
                         gint64             at,
                         const char        *author,
                         const char        *comment,
                         const char        *transferred_to,
                         GError           **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *remark = dup_trimmed (comment);
  g_autofree char *to = dup_trimmed (transferred_to);
  TransitionWrite w = { id, transition, at, who, remark, to };

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  return _sitrep_store_run_write (self, _sitrep_store_apply_transition, &w, id,
                                  SITREP_CHANGE_STATUS | SITREP_CHANGE_TIMELINE |
                                  SITREP_CHANGE_DEADLINES,
                                  error);
}

/* the arguments of sitrep_store_set_level(), for _sitrep_store_run_write() */
typedef struct
{
  gint64      id;
  int         level;
  gint64      at;
  const char *author;
  const char *comment;
} LevelWrite;

static gboolean
apply_set_level (SitrepStore   *self,
                 gpointer       data,
                 SitrepChange  *changes,
                 GError       **error)
{
  LevelWrite *w = data;
  gint64 id = w->id;
  int level = w->level;
  gint64 at = w->at;
  const char *author = w->author;
  const char *comment = w->comment;
  g_autoptr(SitrepIncident) incident = _sitrep_store_load_incident (self, id, error);
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  gint64 now = get_now (self);
  int old_level;

  if (incident == NULL || !sitrep_lifecycle_check_level (level, error))
    return FALSE;

  old_level = sitrep_incident_get_level (incident);
  if (old_level == level)
    return TRUE;

  if (!sitrep_lifecycle_check_level_change (incident, level, current_policy (self), comment,
                                            error))
    return FALSE;

  *changes = SITREP_CHANGE_LEVEL | SITREP_CHANGE_TIMELINE | SITREP_CHANGE_DEADLINES;

  if (at == SITREP_TIME_NONE)
    at = now;

  if (!check_not_future (self, at, error) ||
      !sitrep_lifecycle_check_not_before (at, sitrep_incident_get_reported_at (incident),
                                          _("the incident was reported"), error))
    return FALSE;

  sitrep_incident_set_level (incident, level);

  text = sitrep_lifecycle_describe_level (old_level, level, comment);
  detail = g_strdup_printf ("%d→%d", old_level, level);

  return _sitrep_store_insert_entry (self, id, at, now, author, SITREP_ENTRY_KIND_LEVEL,
                                     SITREP_TAG_NONE,
                                     text, detail, error) &&
         _sitrep_store_save_incident (self, incident, error);
}

/**
 * sitrep_store_set_level:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @level: 1, 2 or 3
 * @at: when it was decided, or %SITREP_TIME_NONE for now
 * @author: who changes it
 * @comment: (nullable): why
 * @error: return location for a #GError
 *
 * Changes the incident's level; its deadlines follow the new level at once.
 * Setting the level it already has changes nothing.
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
sitrep_store_set_level (SitrepStore  *self,
                        gint64        id,
                        int           level,
                        gint64        at,
                        const char   *author,
                        const char   *comment,
                        GError      **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *remark = dup_trimmed (comment);
  LevelWrite w = { id, level, at, who, remark };

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  return _sitrep_store_run_write (self, apply_set_level, &w, id, 0, error);
}

/* the arguments of sitrep_store_set_owner(), for _sitrep_store_run_write() */
typedef struct
{
  gint64      id;
  const char *owner;
  const char *author;
} OwnerWrite;

static gboolean
apply_set_owner (SitrepStore   *self,
                 gpointer       data,
                 SitrepChange  *changes,
                 GError       **error)
{
  OwnerWrite *w = data;
  gint64 id = w->id;
  const char *owner = w->owner;
  const char *author = w->author;
  g_autoptr(SitrepIncident) incident = _sitrep_store_load_incident (self, id, error);
  g_autofree char *text = NULL;
  const char *old_owner;
  gint64 now = get_now (self);

  if (incident == NULL)
    return FALSE;

  old_owner = sitrep_incident_get_owner (incident);
  if (g_strcmp0 (old_owner != NULL ? old_owner : "", owner) == 0)
    return TRUE;

  *changes = SITREP_CHANGE_OWNER | SITREP_CHANGE_TIMELINE;

  text = sitrep_lifecycle_describe_owner (old_owner, owner);

  sitrep_incident_set_owner (incident, is_blank (owner) ? NULL : owner);

  return _sitrep_store_insert_entry (self, id, now, now, author, SITREP_ENTRY_KIND_OWNER,
                                     SITREP_TAG_NONE,
                                     text, sitrep_incident_get_owner (incident), error) &&
         _sitrep_store_save_incident (self, incident, error);
}

/**
 * sitrep_store_set_owner:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @owner: (nullable): the handler who holds first accountability, or
 *   %NULL or "" for none
 * @author: who changes it
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
sitrep_store_set_owner (SitrepStore  *self,
                        gint64        id,
                        const char   *owner,
                        const char   *author,
                        GError      **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *name = dup_trimmed (owner != NULL ? owner : "");
  OwnerWrite w = { id, name, who };

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  return _sitrep_store_run_write (self, apply_set_owner, &w, id, 0, error);
}

/* How a value of a field reads in the timeline. */
static char *
describe_field_value (FieldType     type,
                      const GValue *value)
{
  switch (type)
    {
    case FIELD_CHANNEL:
      return g_strdup (sitrep_channel_to_label (g_value_get_enum (value)));

    case FIELD_CAUSE:
      return g_strdup (sitrep_cause_to_label (g_value_get_enum (value)));

    case FIELD_TIME:
      return sitrep_time_format_local (g_value_get_int64 (value));

    case FIELD_COUNT:
      if (g_value_get_int64 (value) < 0)
        return g_strdup ("");
      return g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (value));

    case FIELD_TEXT:
    case FIELD_LONG_TEXT:
    default:
      return g_strdup (g_value_get_string (value) != NULL ? g_value_get_string (value) : "");
    }
}

gboolean
_sitrep_store_apply_set_field (SitrepStore   *self,
                               gpointer       data,
                               SitrepChange  *changes,
                               GError       **error)
{
  FieldWrite *w = data;
  gint64 id = w->id;
  const char *field = w->field;
  const char *value = w->value;
  const char *author = w->author;
  g_autoptr(SitrepIncident) incident = _sitrep_store_load_incident (self, id, error);
  g_auto(GValue) old_value = G_VALUE_INIT;
  g_auto(GValue) new_value = G_VALUE_INIT;
  g_autofree char *name = g_strdelimit (g_strdup (field != NULL ? field : ""), "-", '_');
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *text = NULL;
  const char *label;
  GParamSpec *pspec;
  gint64 now = get_now (self);
  guint i;

  if (incident == NULL)
    return FALSE;

  for (i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].name, name))
      break;

  if (i == G_N_ELEMENTS (fields))
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                   _("An incident has no field “%s”"), field != NULL ? field : "");
      return FALSE;
    }

  label = _(fields[i].label);

  if (fields[i].required && is_blank (value))
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                   _("%s must not be empty"), label);
      return FALSE;
    }

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (incident), fields[i].property);
  g_value_init (&old_value, pspec->value_type);
  g_object_get_property (G_OBJECT (incident), fields[i].property, &old_value);
  g_value_init (&new_value, G_VALUE_TYPE (&old_value));

  switch (fields[i].type)
    {
    case FIELD_TEXT:
    case FIELD_LONG_TEXT:
      g_value_set_string (&new_value, is_blank (value) ? NULL : value);
      break;

    case FIELD_CHANNEL:
      {
        int channel;

        if (!sitrep_enum_from_nick (SITREP_TYPE_CHANNEL, value, &channel))
          {
            g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                         _("“%s” is not a reporting channel: use hotline, email, "
                           "monitoring or other"), value);
            return FALSE;
          }
        g_value_set_enum (&new_value, channel);
      }
      break;

    case FIELD_CAUSE:
      {
        int cause = SITREP_CAUSE_NONE;

        if (!is_blank (value) && !sitrep_enum_from_nick (SITREP_TYPE_CAUSE, value, &cause))
          {
            g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                         _("“%s” is not a cause category: use network, hardware, "
                           "software, data or unknown"), value);
            return FALSE;
          }
        g_value_set_enum (&new_value, cause);
      }
      break;

    case FIELD_TIME:
      {
        g_autoptr(GError) local_error = NULL;
        gint64 time;

        if (!sitrep_time_parse_rfc3339 (value, &time, &local_error))
          {
            g_set_error_literal (error, SITREP_LIFECYCLE_ERROR,
                                 SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                                 local_error->message);
            return FALSE;
          }

        if (!sitrep_lifecycle_check_fault_start (time, sitrep_incident_get_reported_at (incident),
                                                 error))
          return FALSE;
        g_value_set_int64 (&new_value, time);
      }
      break;

    case FIELD_COUNT:
      {
        guint64 count = 0;

        if (!is_blank (value) &&
            !g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT64, &count, NULL))
          {
            g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                         _("%s must be a whole number of 0 or more, not “%s”"), label, value);
            return FALSE;
          }
        g_value_set_int64 (&new_value, is_blank (value) ? -1 : (gint64) count);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  old_text = describe_field_value (fields[i].type, &old_value);
  new_text = describe_field_value (fields[i].type, &new_value);

  if (g_param_values_cmp (pspec, &old_value, &new_value) == 0 ||
      ((fields[i].type == FIELD_TEXT || fields[i].type == FIELD_LONG_TEXT) &&
       g_str_equal (old_text, new_text)))
    return TRUE;

  g_object_set_property (G_OBJECT (incident), fields[i].property, &new_value);

  /* the fault's start is where the recovery clock starts */
  *changes = SITREP_CHANGE_FIELDS | SITREP_CHANGE_TIMELINE;
  if (fields[i].type == FIELD_TIME)
    *changes |= SITREP_CHANGE_DEADLINES;

  text = sitrep_lifecycle_describe_field (label, fields[i].type == FIELD_LONG_TEXT,
                                          old_text, new_text);

  return _sitrep_store_insert_entry (self, id, now, now, author, SITREP_ENTRY_KIND_FIELD,
                                     SITREP_TAG_NONE,
                                     text, fields[i].name, error) &&
         _sitrep_store_save_incident (self, incident, error);
}

/**
 * sitrep_store_set_field:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @field: one of title, service, reporter_name, reporter_contact,
 *   reporter_channel (a channel nick), symptoms, details, occurred_at
 *   (RFC 3339, not after the report), cause_category (a nick, or "" for
 *   none), root_cause, resolution, impact, affected_count (a whole number
 *   of 0 or more, or "" for none), corrective_actions, lessons_learned
 * @value: (nullable): the new value; white space around it is trimmed
 * @author: who changes it
 * @error: return location for a #GError
 *
 * Changes one field and writes a field entry to the timeline. Setting the
 * value the field already has changes nothing.
 *
 * Returns: %TRUE on success; on error (%SITREP_LIFECYCLE_ERROR_INVALID_VALUE
 *   for an unknown field or a bad value) nothing is written
 */
gboolean
sitrep_store_set_field (SitrepStore  *self,
                        gint64        id,
                        const char   *field,
                        const char   *value,
                        const char   *author,
                        GError      **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *trimmed = dup_trimmed (value != NULL ? value : "");
  FieldWrite w = { id, field, trimmed, who };

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  return _sitrep_store_run_write (self, _sitrep_store_apply_set_field, &w, id, 0, error);
}

/* the arguments of sitrep_store_add_note(), for _sitrep_store_run_write() */
typedef struct
{
  gint64      id;
  gint64      occurred_at;
  const char *author;
  SitrepTag   tag;
  const char *text;
} NoteWrite;

static gboolean
apply_add_note (SitrepStore   *self,
                gpointer       data,
                SitrepChange  *changes,
                GError       **error)
{
  NoteWrite *w = data;
  gint64 id = w->id;
  gint64 occurred_at = w->occurred_at;
  const char *author = w->author;
  SitrepTag tag = w->tag;
  const char *text = w->text;
  g_autoptr(SitrepIncident) incident = _sitrep_store_load_incident (self, id, error);
  gint64 now = get_now (self);

  if (incident == NULL)
    return FALSE;

  if (is_blank (text))
    {
      g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                           _("The note is empty"));
      return FALSE;
    }

  if ((guint) tag > SITREP_TAG_NEED)
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                   _("Unknown tag %d"), (int) tag);
      return FALSE;
    }

  if (occurred_at == SITREP_TIME_NONE)
    occurred_at = now;

  if (!check_not_future (self, occurred_at, error))
    return FALSE;

  return _sitrep_store_insert_entry (self, id, occurred_at, now, author, SITREP_ENTRY_KIND_NOTE,
                                     tag,
                                     text, NULL, error);
}

/**
 * sitrep_store_add_note:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @occurred_at: when it happened, or %SITREP_TIME_NONE for now; may be
 *   backdated (for bridge logs written up afterwards), not in the future
 * @author: who writes it
 * @tag: condition, action, need or none (for the CAN report)
 * @text: the note
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
sitrep_store_add_note (SitrepStore  *self,
                       gint64        id,
                       gint64        occurred_at,
                       const char   *author,
                       SitrepTag     tag,
                       const char   *text,
                       GError      **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *note = dup_trimmed (text);
  NoteWrite w = { id, occurred_at, who, tag, note };

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  return _sitrep_store_run_write (self, apply_add_note, &w, id, SITREP_CHANGE_TIMELINE, error);
}

/* the arguments of sitrep_store_record_notice(), for _sitrep_store_run_write() */
typedef struct
{
  gint64            id;
  SitrepNoticeKind  kind;
  gint64            sent_at;
  const char       *author;
  const char       *summary;
} NoticeWrite;

static gboolean
apply_record_notice (SitrepStore   *self,
                     gpointer       data,
                     SitrepChange  *changes,
                     GError       **error)
{
  NoticeWrite *w = data;
  gint64 id = w->id;
  SitrepNoticeKind kind = w->kind;
  gint64 sent_at = w->sent_at;
  const char *author = w->author;
  const char *summary = w->summary;
  g_autoptr(SitrepIncident) incident = _sitrep_store_load_incident (self, id, error);
  g_autofree char *text = NULL;
  gint64 now = get_now (self);

  if (incident == NULL)
    return FALSE;

  if ((guint) kind >= SITREP_N_NOTICES)
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                   _("Unknown notice kind %d"), (int) kind);
      return FALSE;
    }

  if (sent_at == SITREP_TIME_NONE)
    sent_at = now;

  if (!check_not_future (self, sent_at, error) ||
      !sitrep_lifecycle_check_not_before (sent_at, sitrep_incident_get_reported_at (incident),
                                          _("the incident was reported"), error))
    return FALSE;

  switch (kind)
    {
    case SITREP_NOTICE_INITIAL:
      sitrep_incident_set_initial_notice_at (
        incident, MAX (sent_at, sitrep_incident_get_initial_notice_at (incident)));
      break;

    case SITREP_NOTICE_PROGRESS:
      sitrep_incident_set_progress_notice_at (
        incident, MAX (sent_at, sitrep_incident_get_progress_notice_at (incident)));
      sitrep_incident_set_progress_notice_count (
        incident, sitrep_incident_get_progress_notice_count (incident) + 1);
      break;

    case SITREP_NOTICE_RECTIFICATION:
      sitrep_incident_set_rectification_notice_at (
        incident, MAX (sent_at, sitrep_incident_get_rectification_notice_at (incident)));
      break;

    case SITREP_NOTICE_ESCALATION:
    default:
      sitrep_incident_set_escalation_notice_at (
        incident, MAX (sent_at, sitrep_incident_get_escalation_notice_at (incident)));
      break;
    }

  text = sitrep_lifecycle_describe_notice (kind, summary);

  return _sitrep_store_insert_entry (self, id, sent_at, now, author, SITREP_ENTRY_KIND_NOTICE,
                                     SITREP_TAG_NONE, text, enum_nick (SITREP_TYPE_NOTICE_KIND,
                                                                       kind),
                                     error) &&
         _sitrep_store_save_incident (self, incident, error);
}

/**
 * sitrep_store_record_notice:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @kind: which notice of the communication plan
 * @sent_at: when it was sent, or %SITREP_TIME_NONE for now
 * @author: who sent it
 * @summary: (nullable): e.g. the subject
 * @error: return location for a #GError
 *
 * Records a notice as sent: a notice entry in the timeline (its detail is
 * the notice kind's nick) and the incident's notice times, which reset the
 * progress clock.
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
sitrep_store_record_notice (SitrepStore       *self,
                            gint64             id,
                            SitrepNoticeKind   kind,
                            gint64             sent_at,
                            const char        *author,
                            const char        *summary,
                            GError           **error)
{
  g_autofree char *who = dup_trimmed (author);
  g_autofree char *subject = dup_trimmed (summary);
  NoticeWrite w = { id, kind, sent_at, who, subject };

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  return _sitrep_store_run_write (self, apply_record_notice, &w, id,
                                  SITREP_CHANGE_TIMELINE | SITREP_CHANGE_DEADLINES, error);
}

/* the arguments of sitrep_store_add_complaint(), for _sitrep_store_run_write() */
typedef struct
{
  gint64           id;
  SitrepComplaint *complaint;
  const char      *author;
  gint64           complaint_id;
} ComplaintWrite;

static gboolean
apply_add_complaint (SitrepStore   *self,
                     gpointer       data,
                     SitrepChange  *changes,
                     GError       **error)
{
  ComplaintWrite *w = data;
  gint64 id = w->id;
  SitrepComplaint *complaint = w->complaint;
  const char *author = w->author;
  gint64 *complaint_id = &w->complaint_id;
  g_autoptr(SitrepIncident) incident = _sitrep_store_load_incident (self, id, error);
  g_autofree char *ref = dup_trimmed (sitrep_complaint_get_ref (complaint));
  g_autofree char *customer = dup_trimmed (sitrep_complaint_get_customer (complaint));
  g_autofree char *summary = dup_trimmed (sitrep_complaint_get_summary (complaint));
  g_autofree char *text = NULL;
  gint64 now = get_now (self);
  gint64 received_at = sitrep_complaint_get_received_at (complaint);

  if (incident == NULL)
    return FALSE;

  if (is_blank (customer) && is_blank (summary) && is_blank (ref))
    {
      g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                           _("The complaint needs a customer, a reference or a summary"));
      return FALSE;
    }

  if (received_at == SITREP_TIME_NONE)
    received_at = now;

  if (!check_not_future (self, received_at, error))
    return FALSE;

  sitrep_complaint_set_ref (complaint, ref);
  sitrep_complaint_set_customer (complaint, customer);
  sitrep_complaint_set_summary (complaint, summary);
  sitrep_complaint_set_received_at (complaint, received_at);

  if (!_sitrep_store_insert_complaint (self, id, complaint, complaint_id, error))
    return FALSE;

  text = sitrep_lifecycle_describe_complaint (customer, summary, ref,
                                              sitrep_complaint_get_verdict (complaint));

  return _sitrep_store_insert_entry (self, id, received_at, now, author,
                                     SITREP_ENTRY_KIND_COMPLAINT,
                                     SITREP_TAG_NONE, text, ref, error);
}

/**
 * sitrep_store_add_complaint:
 * @self: a #SitrepStore
 * @id: the incident's row id
 * @complaint: the complaint; received_at defaults to now
 * @author: who links it
 * @error: return location for a #GError
 *
 * Links a customer complaint to the incident and notes it in the timeline.
 * On success @complaint gets its id and incident id.
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
sitrep_store_add_complaint (SitrepStore      *self,
                            gint64            id,
                            SitrepComplaint  *complaint,
                            const char       *author,
                            GError          **error)
{
  g_autofree char *who = dup_trimmed (author);
  ComplaintWrite w = { id, complaint, who, 0 };

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SITREP_IS_COMPLAINT (complaint), FALSE);

  if (!_sitrep_store_run_write (self, apply_add_complaint, &w, id,
                                SITREP_CHANGE_COMPLAINTS | SITREP_CHANGE_TIMELINE, error))
    return FALSE;

  sitrep_complaint_set_id (complaint, w.complaint_id);
  sitrep_complaint_set_incident_id (complaint, id);
  return TRUE;
}
