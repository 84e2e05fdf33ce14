/* sitrep-incident.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-enums.h"
#include "sitrep-incident.h"

#include "sitrep-incident-private.h"

G_DEFINE_FINAL_TYPE (SitrepIncident, sitrep_incident, G_TYPE_OBJECT)

GParamSpec *_sitrep_incident_properties[N_PROPS];

/* Replaces the string @field with a copy of @value and notifies @prop. */
void
_sitrep_incident_replace_string (SitrepIncident  *self,
                                 char           **field,
                                 const char      *value,
                                 int              prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), _sitrep_incident_properties[prop]);
}

/* Sets the time (or count) @field to @value and notifies @prop. */
void
_sitrep_incident_replace_int64 (SitrepIncident *self,
                                gint64         *field,
                                gint64          value,
                                int             prop)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), _sitrep_incident_properties[prop]);
}

static void
sitrep_incident_finalize (GObject *object)
{
  SitrepIncident *self = (SitrepIncident *) object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->service, g_free);
  g_clear_pointer (&self->reporter_name, g_free);
  g_clear_pointer (&self->reporter_contact, g_free);
  g_clear_pointer (&self->symptoms, g_free);
  g_clear_pointer (&self->details, g_free);
  g_clear_pointer (&self->transferred_to, g_free);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->root_cause, g_free);
  g_clear_pointer (&self->resolution, g_free);
  g_clear_pointer (&self->impact, g_free);
  g_clear_pointer (&self->corrective_actions, g_free);
  g_clear_pointer (&self->lessons_learned, g_free);
  _sitrep_incident_workflow_finalize (self);

  G_OBJECT_CLASS (sitrep_incident_parent_class)->finalize (object);
}

static void
sitrep_incident_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SitrepIncident *self = SITREP_INCIDENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SERVICE:
      g_value_set_string (value, self->service);
      break;

    case PROP_LEVEL:
      g_value_set_int (value, self->level);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_REPORTER_NAME:
      g_value_set_string (value, self->reporter_name);
      break;

    case PROP_REPORTER_CONTACT:
      g_value_set_string (value, self->reporter_contact);
      break;

    case PROP_REPORTER_CHANNEL:
      g_value_set_enum (value, self->reporter_channel);
      break;

    case PROP_SYMPTOMS:
      g_value_set_string (value, self->symptoms);
      break;

    case PROP_DETAILS:
      g_value_set_string (value, self->details);
      break;

    case PROP_OCCURRED_AT:
      g_value_set_int64 (value, self->occurred_at);
      break;

    case PROP_REPORTED_AT:
      g_value_set_int64 (value, self->reported_at);
      break;

    case PROP_ACKNOWLEDGED_AT:
      g_value_set_int64 (value, self->acknowledged_at);
      break;

    case PROP_RECOVERED_AT:
      g_value_set_int64 (value, self->recovered_at);
      break;

    case PROP_RESOLVED_AT:
      g_value_set_int64 (value, self->resolved_at);
      break;

    case PROP_TRANSFERRED_AT:
      g_value_set_int64 (value, self->transferred_at);
      break;

    case PROP_TRANSFERRED_TO:
      g_value_set_string (value, self->transferred_to);
      break;

    case PROP_CLOSED_AT:
      g_value_set_int64 (value, self->closed_at);
      break;

    case PROP_CANCELLED_AT:
      g_value_set_int64 (value, self->cancelled_at);
      break;

    case PROP_OWNER:
      g_value_set_string (value, self->owner);
      break;

    case PROP_CAUSE_CATEGORY:
      g_value_set_enum (value, self->cause_category);
      break;

    case PROP_ROOT_CAUSE:
      g_value_set_string (value, self->root_cause);
      break;

    case PROP_RESOLUTION:
      g_value_set_string (value, self->resolution);
      break;

    case PROP_INITIAL_NOTICE_AT:
      g_value_set_int64 (value, self->initial_notice_at);
      break;

    case PROP_PROGRESS_NOTICE_AT:
      g_value_set_int64 (value, self->progress_notice_at);
      break;

    case PROP_PROGRESS_NOTICE_COUNT:
      g_value_set_int (value, self->progress_notice_count);
      break;

    case PROP_RECTIFICATION_NOTICE_AT:
      g_value_set_int64 (value, self->rectification_notice_at);
      break;

    case PROP_ESCALATION_NOTICE_AT:
      g_value_set_int64 (value, self->escalation_notice_at);
      break;

    case PROP_IMPACT:
      g_value_set_string (value, self->impact);
      break;

    case PROP_AFFECTED_COUNT:
      g_value_set_int64 (value, self->affected_count);
      break;

    case PROP_CORRECTIVE_ACTIONS:
      g_value_set_string (value, self->corrective_actions);
      break;

    case PROP_LESSONS_LEARNED:
      g_value_set_string (value, self->lessons_learned);
      break;

    case PROP_VERSION:
      g_value_set_int64 (value, self->version);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_incident_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  SitrepIncident *self = SITREP_INCIDENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      sitrep_incident_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_KEY:
      sitrep_incident_set_key (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      sitrep_incident_set_title (self, g_value_get_string (value));
      break;

    case PROP_SERVICE:
      sitrep_incident_set_service (self, g_value_get_string (value));
      break;

    case PROP_LEVEL:
      sitrep_incident_set_level (self, g_value_get_int (value));
      break;

    case PROP_STATUS:
      sitrep_incident_set_status (self, g_value_get_enum (value));
      break;

    case PROP_REPORTER_NAME:
      sitrep_incident_set_reporter_name (self, g_value_get_string (value));
      break;

    case PROP_REPORTER_CONTACT:
      sitrep_incident_set_reporter_contact (self, g_value_get_string (value));
      break;

    case PROP_REPORTER_CHANNEL:
      sitrep_incident_set_reporter_channel (self, g_value_get_enum (value));
      break;

    case PROP_SYMPTOMS:
      sitrep_incident_set_symptoms (self, g_value_get_string (value));
      break;

    case PROP_DETAILS:
      sitrep_incident_set_details (self, g_value_get_string (value));
      break;

    case PROP_OCCURRED_AT:
      sitrep_incident_set_occurred_at (self, g_value_get_int64 (value));
      break;

    case PROP_REPORTED_AT:
      sitrep_incident_set_reported_at (self, g_value_get_int64 (value));
      break;

    case PROP_ACKNOWLEDGED_AT:
      sitrep_incident_set_acknowledged_at (self, g_value_get_int64 (value));
      break;

    case PROP_RECOVERED_AT:
      sitrep_incident_set_recovered_at (self, g_value_get_int64 (value));
      break;

    case PROP_RESOLVED_AT:
      sitrep_incident_set_resolved_at (self, g_value_get_int64 (value));
      break;

    case PROP_TRANSFERRED_AT:
      sitrep_incident_set_transferred_at (self, g_value_get_int64 (value));
      break;

    case PROP_TRANSFERRED_TO:
      sitrep_incident_set_transferred_to (self, g_value_get_string (value));
      break;

    case PROP_CLOSED_AT:
      sitrep_incident_set_closed_at (self, g_value_get_int64 (value));
      break;

    case PROP_CANCELLED_AT:
      sitrep_incident_set_cancelled_at (self, g_value_get_int64 (value));
      break;

    case PROP_OWNER:
      sitrep_incident_set_owner (self, g_value_get_string (value));
      break;

    case PROP_CAUSE_CATEGORY:
      sitrep_incident_set_cause_category (self, g_value_get_enum (value));
      break;

    case PROP_ROOT_CAUSE:
      sitrep_incident_set_root_cause (self, g_value_get_string (value));
      break;

    case PROP_RESOLUTION:
      sitrep_incident_set_resolution (self, g_value_get_string (value));
      break;

    case PROP_INITIAL_NOTICE_AT:
      sitrep_incident_set_initial_notice_at (self, g_value_get_int64 (value));
      break;

    case PROP_PROGRESS_NOTICE_AT:
      sitrep_incident_set_progress_notice_at (self, g_value_get_int64 (value));
      break;

    case PROP_PROGRESS_NOTICE_COUNT:
      sitrep_incident_set_progress_notice_count (self, g_value_get_int (value));
      break;

    case PROP_RECTIFICATION_NOTICE_AT:
      sitrep_incident_set_rectification_notice_at (self, g_value_get_int64 (value));
      break;

    case PROP_ESCALATION_NOTICE_AT:
      sitrep_incident_set_escalation_notice_at (self, g_value_get_int64 (value));
      break;

    case PROP_IMPACT:
      sitrep_incident_set_impact (self, g_value_get_string (value));
      break;

    case PROP_AFFECTED_COUNT:
      sitrep_incident_set_affected_count (self, g_value_get_int64 (value));
      break;

    case PROP_CORRECTIVE_ACTIONS:
      sitrep_incident_set_corrective_actions (self, g_value_get_string (value));
      break;

    case PROP_LESSONS_LEARNED:
      sitrep_incident_set_lessons_learned (self, g_value_get_string (value));
      break;

    case PROP_VERSION:
      sitrep_incident_set_version (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_incident_class_init (SitrepIncidentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_incident_finalize;
  object_class->get_property = sitrep_incident_get_property;
  object_class->set_property = sitrep_incident_set_property;

  _sitrep_incident_properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_SERVICE] =
    g_param_spec_string ("service", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_LEVEL] =
    g_param_spec_int ("level", NULL, NULL, 1, 3, 2,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, SITREP_TYPE_STATUS, SITREP_STATUS_NEW,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_REPORTER_NAME] =
    g_param_spec_string ("reporter-name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_REPORTER_CONTACT] =
    g_param_spec_string ("reporter-contact", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_REPORTER_CHANNEL] =
    g_param_spec_enum ("reporter-channel", NULL, NULL, SITREP_TYPE_CHANNEL, SITREP_CHANNEL_HOTLINE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_SYMPTOMS] =
    g_param_spec_string ("symptoms", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_OCCURRED_AT] =
    g_param_spec_int64 ("occurred-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_REPORTED_AT] =
    g_param_spec_int64 ("reported-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_ACKNOWLEDGED_AT] =
    g_param_spec_int64 ("acknowledged-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_RECOVERED_AT] =
    g_param_spec_int64 ("recovered-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_RESOLVED_AT] =
    g_param_spec_int64 ("resolved-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_TRANSFERRED_AT] =
    g_param_spec_int64 ("transferred-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_TRANSFERRED_TO] =
    g_param_spec_string ("transferred-to", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_CLOSED_AT] =
    g_param_spec_int64 ("closed-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_CANCELLED_AT] =
    g_param_spec_int64 ("cancelled-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_OWNER] =
    g_param_spec_string ("owner", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_CAUSE_CATEGORY] =
    g_param_spec_enum ("cause-category", NULL, NULL, SITREP_TYPE_CAUSE, SITREP_CAUSE_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_ROOT_CAUSE] =
    g_param_spec_string ("root-cause", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_RESOLUTION] =
    g_param_spec_string ("resolution", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_INITIAL_NOTICE_AT] =
    g_param_spec_int64 ("initial-notice-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_PROGRESS_NOTICE_AT] =
    g_param_spec_int64 ("progress-notice-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_PROGRESS_NOTICE_COUNT] =
    g_param_spec_int ("progress-notice-count", NULL, NULL, 0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_RECTIFICATION_NOTICE_AT] =
    g_param_spec_int64 ("rectification-notice-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_ESCALATION_NOTICE_AT] =
    g_param_spec_int64 ("escalation-notice-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_IMPACT] =
    g_param_spec_string ("impact", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_AFFECTED_COUNT] =
    g_param_spec_int64 ("affected-count", NULL, NULL, -1, G_MAXINT64, -1,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_CORRECTIVE_ACTIONS] =
    g_param_spec_string ("corrective-actions", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _sitrep_incident_properties[PROP_LESSONS_LEARNED] =
    g_param_spec_string ("lessons-learned", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * SitrepIncident:version:
   *
   * How many times the incident's row was written: a write made from an
   * older version is a stale one (see sitrep_store_expect_version()).
   * 0 for an incident that was never stored.
   */
  _sitrep_incident_properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, _sitrep_incident_properties);
}

static void
sitrep_incident_init (SitrepIncident *self)
{
  self->level = 2;
  self->status = SITREP_STATUS_NEW;
  self->reporter_channel = SITREP_CHANNEL_HOTLINE;
  self->cause_category = SITREP_CAUSE_NONE;
  self->progress_notice_count = 0;
  self->affected_count = -1;
}

/**
 * sitrep_incident_new:
 *
 * Returns: (transfer full): a new, empty #SitrepIncident
 */
SitrepIncident *
sitrep_incident_new (void)
{
  return g_object_new (SITREP_TYPE_INCIDENT, NULL);
}

/**
 * sitrep_incident_copy:
 * @self: a #SitrepIncident
 *
 * Returns: (transfer full): a new #SitrepIncident with the same values
 */
SitrepIncident *
sitrep_incident_copy (SitrepIncident *self)
{
  SitrepIncident *copy;

  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  copy = sitrep_incident_new ();
  copy->id = self->id;
  copy->version = self->version;
  copy->key = g_strdup (self->key);
  copy->title = g_strdup (self->title);
  copy->service = g_strdup (self->service);
  copy->level = self->level;
  copy->status = self->status;
  copy->reporter_name = g_strdup (self->reporter_name);
  copy->reporter_contact = g_strdup (self->reporter_contact);
  copy->reporter_channel = self->reporter_channel;
  copy->symptoms = g_strdup (self->symptoms);
  copy->details = g_strdup (self->details);
  copy->occurred_at = self->occurred_at;
  copy->reported_at = self->reported_at;
  copy->acknowledged_at = self->acknowledged_at;
  copy->recovered_at = self->recovered_at;
  copy->resolved_at = self->resolved_at;
  copy->transferred_at = self->transferred_at;
  copy->transferred_to = g_strdup (self->transferred_to);
  copy->closed_at = self->closed_at;
  copy->cancelled_at = self->cancelled_at;
  copy->owner = g_strdup (self->owner);
  copy->cause_category = self->cause_category;
  copy->root_cause = g_strdup (self->root_cause);
  copy->resolution = g_strdup (self->resolution);
  copy->initial_notice_at = self->initial_notice_at;
  copy->progress_notice_at = self->progress_notice_at;
  copy->progress_notice_count = self->progress_notice_count;
  copy->rectification_notice_at = self->rectification_notice_at;
  copy->escalation_notice_at = self->escalation_notice_at;
  copy->impact = g_strdup (self->impact);
  copy->affected_count = self->affected_count;
  copy->corrective_actions = g_strdup (self->corrective_actions);
  copy->lessons_learned = g_strdup (self->lessons_learned);
  _sitrep_incident_workflow_copy (copy, self);

  return copy;
}

gint64
sitrep_incident_get_id (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->id;
}

void
sitrep_incident_set_id (SitrepIncident *self,
                       gint64 id)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_int64 (self, &self->id, id, PROP_ID);
}

gint64
sitrep_incident_get_version (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->version;
}

void
sitrep_incident_set_version (SitrepIncident *self,
                             gint64          version)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_int64 (self, &self->version, version, PROP_VERSION);
}

const char *
sitrep_incident_get_key (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->key;
}

void
sitrep_incident_set_key (SitrepIncident *self,
                        const char *key)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_string (self, &self->key, key, PROP_KEY);
}

const char *
sitrep_incident_get_title (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->title;
}

void
sitrep_incident_set_title (SitrepIncident *self,
                          const char *title)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_string (self, &self->title, title, PROP_TITLE);
}

const char *
sitrep_incident_get_service (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->service;
}

void
sitrep_incident_set_service (SitrepIncident *self,
                            const char *service)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_string (self, &self->service, service, PROP_SERVICE);
}

int
sitrep_incident_get_level (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->level;
}

void
sitrep_incident_set_level (SitrepIncident *self,
                          int level)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  if (self->level != level)
    {
      self->level = level;
      g_object_notify_by_pspec (G_OBJECT (self),
                                _sitrep_incident_properties[PROP_LEVEL]);
    }
}

SitrepStatus
sitrep_incident_get_status (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->status;
}

void
sitrep_incident_set_status (SitrepIncident *self,
                           SitrepStatus status)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self),
                                _sitrep_incident_properties[PROP_STATUS]);
    }
}

const char *
sitrep_incident_get_reporter_name (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->reporter_name;
}

void
sitrep_incident_set_reporter_name (SitrepIncident *self,
                                  const char *reporter_name)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_string (self, &self->reporter_name, reporter_name, PROP_REPORTER_NAME);
}

const char *
sitrep_incident_get_reporter_contact (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->reporter_contact;
}

void
sitrep_incident_set_reporter_contact (SitrepIncident *self,
                                     const char *reporter_contact)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_string (self, &self->reporter_contact, reporter_contact,
                                   PROP_REPORTER_CONTACT);
}

SitrepChannel
sitrep_incident_get_reporter_channel (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->reporter_channel;
}

void
sitrep_incident_set_reporter_channel (SitrepIncident *self,
                                     SitrepChannel reporter_channel)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  if (self->reporter_channel != reporter_channel)
    {
      self->reporter_channel = reporter_channel;
      g_object_notify_by_pspec (G_OBJECT (self),
                                _sitrep_incident_properties[PROP_REPORTER_CHANNEL]);
    }
}

const char *
sitrep_incident_get_symptoms (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->symptoms;
}

void
sitrep_incident_set_symptoms (SitrepIncident *self,
                             const char *symptoms)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_string (self, &self->symptoms, symptoms, PROP_SYMPTOMS);
}

const char *
sitrep_incident_get_details (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->details;
}

void
sitrep_incident_set_details (SitrepIncident *self,
                            const char *details)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_string (self, &self->details, details, PROP_DETAILS);
}

gint64
sitrep_incident_get_occurred_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->occurred_at;
}

void
sitrep_incident_set_occurred_at (SitrepIncident *self,
                                gint64 occurred_at)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_int64 (self, &self->occurred_at, occurred_at, PROP_OCCURRED_AT);
}

gint64
sitrep_incident_get_reported_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->reported_at;
}

void
sitrep_incident_set_reported_at (SitrepIncident *self,
                                gint64 reported_at)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_int64 (self, &self->reported_at, reported_at, PROP_REPORTED_AT);
}

gint64
sitrep_incident_get_acknowledged_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->acknowledged_at;
}

void
sitrep_incident_set_acknowledged_at (SitrepIncident *self,
                                    gint64 acknowledged_at)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_int64 (self, &self->acknowledged_at, acknowledged_at,
                                  PROP_ACKNOWLEDGED_AT);
}

gint64
sitrep_incident_get_recovered_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->recovered_at;
}

void
sitrep_incident_set_recovered_at (SitrepIncident *self,
                                 gint64 recovered_at)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_int64 (self, &self->recovered_at, recovered_at, PROP_RECOVERED_AT);
}

gint64
sitrep_incident_get_resolved_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->resolved_at;
}

void
sitrep_incident_set_resolved_at (SitrepIncident *self,
                                gint64 resolved_at)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_int64 (self, &self->resolved_at, resolved_at, PROP_RESOLVED_AT);
}

gint64
sitrep_incident_get_transferred_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->transferred_at;
}

void
sitrep_incident_set_transferred_at (SitrepIncident *self,
                                   gint64 transferred_at)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_int64 (self, &self->transferred_at, transferred_at, PROP_TRANSFERRED_AT);
}

const char *
sitrep_incident_get_transferred_to (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->transferred_to;
}

void
sitrep_incident_set_transferred_to (SitrepIncident *self,
                                   const char *transferred_to)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_string (self, &self->transferred_to, transferred_to,
                                   PROP_TRANSFERRED_TO);
}

gint64
sitrep_incident_get_closed_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->closed_at;
}

void
sitrep_incident_set_closed_at (SitrepIncident *self,
                              gint64 closed_at)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_int64 (self, &self->closed_at, closed_at, PROP_CLOSED_AT);
}

gint64
sitrep_incident_get_cancelled_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->cancelled_at;
}

void
sitrep_incident_set_cancelled_at (SitrepIncident *self,
                                 gint64 cancelled_at)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_int64 (self, &self->cancelled_at, cancelled_at, PROP_CANCELLED_AT);
}

const char *
sitrep_incident_get_owner (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->owner;
}

void
sitrep_incident_set_owner (SitrepIncident *self,
                          const char *owner)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_string (self, &self->owner, owner, PROP_OWNER);
}

SitrepCause
sitrep_incident_get_cause_category (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->cause_category;
}

void
sitrep_incident_set_cause_category (SitrepIncident *self,
                                   SitrepCause cause_category)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  if (self->cause_category != cause_category)
    {
      self->cause_category = cause_category;
      g_object_notify_by_pspec (G_OBJECT (self),
                                _sitrep_incident_properties[PROP_CAUSE_CATEGORY]);
    }
}

const char *
sitrep_incident_get_root_cause (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->root_cause;
}

void
sitrep_incident_set_root_cause (SitrepIncident *self,
                               const char *root_cause)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_string (self, &self->root_cause, root_cause, PROP_ROOT_CAUSE);
}

const char *
sitrep_incident_get_resolution (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->resolution;
}

void
sitrep_incident_set_resolution (SitrepIncident *self,
                               const char *resolution)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_string (self, &self->resolution, resolution, PROP_RESOLUTION);
}

gint64
sitrep_incident_get_initial_notice_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->initial_notice_at;
}

void
sitrep_incident_set_initial_notice_at (SitrepIncident *self,
                                      gint64 initial_notice_at)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_int64 (self, &self->initial_notice_at, initial_notice_at,
                                  PROP_INITIAL_NOTICE_AT);
}

gint64
sitrep_incident_get_progress_notice_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->progress_notice_at;
}

void
sitrep_incident_set_progress_notice_at (SitrepIncident *self,
                                       gint64 progress_notice_at)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_int64 (self, &self->progress_notice_at, progress_notice_at,
                                  PROP_PROGRESS_NOTICE_AT);
}

int
sitrep_incident_get_progress_notice_count (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->progress_notice_count;
}

void
sitrep_incident_set_progress_notice_count (SitrepIncident *self,
                                          int progress_notice_count)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  if (self->progress_notice_count != progress_notice_count)
    {
      self->progress_notice_count = progress_notice_count;
      g_object_notify_by_pspec (G_OBJECT (self),
                                _sitrep_incident_properties[PROP_PROGRESS_NOTICE_COUNT]);
    }
}

gint64
sitrep_incident_get_rectification_notice_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->rectification_notice_at;
}

void
sitrep_incident_set_rectification_notice_at (SitrepIncident *self,
                                            gint64 rectification_notice_at)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_int64 (self, &self->rectification_notice_at, rectification_notice_at,
                 PROP_RECTIFICATION_NOTICE_AT);
}

gint64
sitrep_incident_get_escalation_notice_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->escalation_notice_at;
}

void
sitrep_incident_set_escalation_notice_at (SitrepIncident *self,
                                         gint64 escalation_notice_at)
{
  g_return_if_fail (SITREP_IS_INCIDENT (self));

  _sitrep_incident_replace_int64 (self, &self->escalation_notice_at, escalation_notice_at,
                 PROP_ESCALATION_NOTICE_AT);
}
