/* sitrep-complaint.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-enums.h"
#include "sitrep-complaint.h"

/* A customer complaint, attributed to an incident or not. */

struct _SitrepComplaint
{
  GObject parent_instance;

  gint64 id;
  gint64 incident_id;
  char *ref;
  char *customer;
  gint64 received_at;
  char *summary;
  gboolean attributed;
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
  PROP_ATTRIBUTED,
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

    case PROP_ATTRIBUTED:
      g_value_set_boolean (value, self->attributed);
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

    case PROP_ATTRIBUTED:
      sitrep_complaint_set_attributed (self, g_value_get_boolean (value));
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

  properties[PROP_ATTRIBUTED] =
    g_param_spec_boolean ("attributed", NULL, NULL, FALSE,
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
  copy->attributed = self->attributed;

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

gboolean 
sitrep_complaint_get_attributed (SitrepComplaint *self)
{
  g_return_val_if_fail (SITREP_IS_COMPLAINT (self), 0);

  return self->attributed;
}

void
sitrep_complaint_set_attributed (SitrepComplaint *self,
                                gboolean attributed)
{
  g_return_if_fail (SITREP_IS_COMPLAINT (self));

  if (self->attributed != attributed)
    {
      self->attributed = attributed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTRIBUTED]);
    }
}
