/* sitrep-complaint.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-enums.h"
#include "sitrep-complaint.h"

/* A customer complaint linked to an incident, and the verdict of its
 * analysis: whether the incident caused it. */

struct _SitrepComplaint
{
  GObject parent_instance;

  gint64 id;
  gint64 incident_id;
  char *ref;
  char *customer;
  gint64 received_at;
  char *summary;
  SitrepVerdict verdict;
  char *verdict_reason;   /* why it is not attributed */
  SitrepChannel channel;  /* how the customer complained */
};

G_DEFINE_FINAL_TYPE (SitrepComplaint, sitrep_complaint, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_INCIDENT_ID,
  PROP_REF,
  PROP_CUSTOMER,
  PROP_RECEIVED_AT,
  PROP_SUMMARY,
  PROP_VERDICT,
  PROP_VERDICT_REASON,
  PROP_CHANNEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitrep_complaint_finalize (GObject *object)
{
  SitrepComplaint *self = (SitrepComplaint *) object;

  g_clear_pointer (&self->ref, g_free);
  g_clear_pointer (&self->customer, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->verdict_reason, g_free);

  G_OBJECT_CLASS (sitrep_complaint_parent_class)->finalize (object);
}

static void
sitrep_complaint_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SitrepComplaint *self = SITREP_COMPLAINT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_INCIDENT_ID:
      g_value_set_int64 (value, self->incident_id);
      break;

    case PROP_REF:
      g_value_set_string (value, self->ref);
      break;

    case PROP_CUSTOMER:
      g_value_set_string (value, self->customer);
      break;

    case PROP_RECEIVED_AT:
      g_value_set_int64 (value, self->received_at);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    case PROP_VERDICT:
      g_value_set_enum (value, self->verdict);
      break;

    case PROP_VERDICT_REASON:
      g_value_set_string (value, self->verdict_reason);
      break;

    case PROP_CHANNEL:
      g_value_set_enum (value, self->channel);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_complaint_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  SitrepComplaint *self = SITREP_COMPLAINT (object);

  switch (prop_id)
    {
    case PROP_ID:
      sitrep_complaint_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_INCIDENT_ID:
      sitrep_complaint_set_incident_id (self, g_value_get_int64 (value));
      break;

    case PROP_REF:
      sitrep_complaint_set_ref (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER:
      sitrep_complaint_set_customer (self, g_value_get_string (value));
      break;

    case PROP_RECEIVED_AT:
      sitrep_complaint_set_received_at (self, g_value_get_int64 (value));
      break;

    case PROP_SUMMARY:
      sitrep_complaint_set_summary (self, g_value_get_string (value));
      break;

    case PROP_VERDICT:
      sitrep_complaint_set_verdict (self, g_value_get_enum (value));
      break;

    case PROP_VERDICT_REASON:
      sitrep_complaint_set_verdict_reason (self, g_value_get_string (value));
      break;

    case PROP_CHANNEL:
      sitrep_complaint_set_channel (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_complaint_class_init (SitrepComplaintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_complaint_finalize;
  object_class->get_property = sitrep_complaint_get_property;
  object_class->set_property = sitrep_complaint_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_INCIDENT_ID] =
    g_param_spec_int64 ("incident-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REF] =
    g_param_spec_string ("ref", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER] =
    g_param_spec_string ("customer", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RECEIVED_AT] =
    g_param_spec_int64 ("received-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VERDICT] =
    g_param_spec_enum ("verdict", NULL, NULL, SITREP_TYPE_VERDICT, SITREP_VERDICT_NOT_ANALYSED,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VERDICT_REASON] =
    g_param_spec_string ("verdict-reason", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL, SITREP_TYPE_CHANNEL, SITREP_CHANNEL_HOTLINE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_complaint_init (SitrepComplaint *self)
{
}

/**
 * sitrep_complaint_new:
 *
 * Returns: (transfer full): a new, empty #SitrepComplaint
 */
SitrepComplaint *
sitrep_complaint_new (void)
{
  return g_object_new (SITREP_TYPE_COMPLAINT, NULL);
}

/**
 * sitrep_complaint_copy:
 * @self: a #SitrepComplaint
 *
 * Returns: (transfer full): a new #SitrepComplaint with the same values
 */
SitrepComplaint *
sitrep_complaint_copy (SitrepComplaint *self)
{
  SitrepComplaint *copy;

  g_return_val_if_fail (SITREP_IS_COMPLAINT (self), NULL);

  copy = sitrep_complaint_new ();
  copy->id = self->id;
  copy->incident_id = self->incident_id;
  copy->ref = g_strdup (self->ref);
  copy->customer = g_strdup (self->customer);
  copy->received_at = self->received_at;
  copy->summary = g_strdup (self->summary);
  copy->verdict = self->verdict;
  copy->verdict_reason = g_strdup (self->verdict_reason);
  copy->channel = self->channel;

  return copy;
}

gint64 
sitrep_complaint_get_id (SitrepComplaint *self)
{
  g_return_val_if_fail (SITREP_IS_COMPLAINT (self), 0);

  return self->id;
}

void
sitrep_complaint_set_id (SitrepComplaint *self,
                        gint64 id)
{
  g_return_if_fail (SITREP_IS_COMPLAINT (self));

  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

gint64 
sitrep_complaint_get_incident_id (SitrepComplaint *self)
{
  g_return_val_if_fail (SITREP_IS_COMPLAINT (self), 0);

  return self->incident_id;
}

void
sitrep_complaint_set_incident_id (SitrepComplaint *self,
                                 gint64 incident_id)
{
  g_return_if_fail (SITREP_IS_COMPLAINT (self));

  if (self->incident_id != incident_id)
    {
      self->incident_id = incident_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT_ID]);
    }
}

const char *
sitrep_complaint_get_ref (SitrepComplaint *self)
{
  g_return_val_if_fail (SITREP_IS_COMPLAINT (self), NULL);

  return self->ref;
}

void
sitrep_complaint_set_ref (SitrepComplaint *self,
                         const char *ref)
{
  g_return_if_fail (SITREP_IS_COMPLAINT (self));

  if (g_strcmp0 (self->ref, ref) == 0)
    return;

  g_free (self->ref);
  self->ref = g_strdup (ref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REF]);
}

const char *
sitrep_complaint_get_customer (SitrepComplaint *self)
{
  g_return_val_if_fail (SITREP_IS_COMPLAINT (self), NULL);

  return self->customer;
}

void
sitrep_complaint_set_customer (SitrepComplaint *self,
                              const char *customer)
{
  g_return_if_fail (SITREP_IS_COMPLAINT (self));

  if (g_strcmp0 (self->customer, customer) == 0)
    return;

  g_free (self->customer);
  self->customer = g_strdup (customer);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
}

gint64 
sitrep_complaint_get_received_at (SitrepComplaint *self)
{
  g_return_val_if_fail (SITREP_IS_COMPLAINT (self), 0);

  return self->received_at;
}

void
sitrep_complaint_set_received_at (SitrepComplaint *self,
                                 gint64 received_at)
{
  g_return_if_fail (SITREP_IS_COMPLAINT (self));

  if (self->received_at != received_at)
    {
      self->received_at = received_at;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEIVED_AT]);
    }
}

const char *
sitrep_complaint_get_summary (SitrepComplaint *self)
{
  g_return_val_if_fail (SITREP_IS_COMPLAINT (self), NULL);

  return self->summary;
}

void
sitrep_complaint_set_summary (SitrepComplaint *self,
                             const char *summary)
{
  g_return_if_fail (SITREP_IS_COMPLAINT (self));

  if (g_strcmp0 (self->summary, summary) == 0)
    return;

  g_free (self->summary);
  self->summary = g_strdup (summary);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

/**
 * sitrep_complaint_get_attributed:
 * @self: a #SitrepComplaint
 *
 * Returns: whether the verdict is %SITREP_VERDICT_ATTRIBUTED
 */
gboolean
sitrep_complaint_get_attributed (SitrepComplaint *self)
{
  g_return_val_if_fail (SITREP_IS_COMPLAINT (self), FALSE);

  return self->verdict == SITREP_VERDICT_ATTRIBUTED;
}

/**
 * sitrep_complaint_set_attributed:
 * @self: a #SitrepComplaint
 * @attributed: whether the incident caused the complaint
 *
 * Sets the verdict to %SITREP_VERDICT_ATTRIBUTED, or to
 * %SITREP_VERDICT_NOT_ANALYSED when @attributed is %FALSE (what the
 * boolean of older documents meant).
 */
void
sitrep_complaint_set_attributed (SitrepComplaint *self,
                                 gboolean         attributed)
{
  sitrep_complaint_set_verdict (self, attributed ? SITREP_VERDICT_ATTRIBUTED
                                                 : SITREP_VERDICT_NOT_ANALYSED);
}

SitrepVerdict
sitrep_complaint_get_verdict (SitrepComplaint *self)
{
  g_return_val_if_fail (SITREP_IS_COMPLAINT (self), SITREP_VERDICT_NOT_ANALYSED);

  return self->verdict;
}

void
sitrep_complaint_set_verdict (SitrepComplaint *self,
                              SitrepVerdict    verdict)
{
  g_return_if_fail (SITREP_IS_COMPLAINT (self));

  if (self->verdict != verdict)
    {
      self->verdict = verdict;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERDICT]);
    }
}

/**
 * sitrep_complaint_get_verdict_reason:
 * @self: a #SitrepComplaint
 *
 * Returns: (nullable): why the complaint is not attributed to the incident
 */
const char *
sitrep_complaint_get_verdict_reason (SitrepComplaint *self)
{
  g_return_val_if_fail (SITREP_IS_COMPLAINT (self), NULL);

  return self->verdict_reason;
}

void
sitrep_complaint_set_verdict_reason (SitrepComplaint *self,
                                     const char      *reason)
{
  g_return_if_fail (SITREP_IS_COMPLAINT (self));

  if (g_strcmp0 (self->verdict_reason, reason) == 0)
    return;

  g_free (self->verdict_reason);
  self->verdict_reason = g_strdup (reason);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERDICT_REASON]);
}

SitrepChannel
sitrep_complaint_get_channel (SitrepComplaint *self)
{
  g_return_val_if_fail (SITREP_IS_COMPLAINT (self), SITREP_CHANNEL_HOTLINE);

  return self->channel;
}

void
sitrep_complaint_set_channel (SitrepComplaint *self,
                              SitrepChannel    channel)
{
  g_return_if_fail (SITREP_IS_COMPLAINT (self));

  if (self->channel != channel)
    {
      self->channel = channel;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
    }
}
