/* sitrep-contact.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enums.h"
#include "sitrep-contact.h"

/* A person on the roster and the role they play in incidents. */

struct _SitrepContact
{
  GObject parent_instance;

  gint64 id;
  char *name;
  SitrepRole role;
  char *email;
  char *phone;
};

G_DEFINE_FINAL_TYPE (SitrepContact, sitrep_contact, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ROLE,
  PROP_EMAIL,
  PROP_PHONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitrep_contact_finalize (GObject *object)
{
  SitrepContact *self = (SitrepContact *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->phone, g_free);

  G_OBJECT_CLASS (sitrep_contact_parent_class)->finalize (object);
}

static void
sitrep_contact_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SitrepContact *self = SITREP_CONTACT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_contact_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SitrepContact *self = SITREP_CONTACT (object);

  switch (prop_id)
    {
    case PROP_ID:
      sitrep_contact_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      sitrep_contact_set_name (self, g_value_get_string (value));
      break;

    case PROP_ROLE:
      sitrep_contact_set_role (self, g_value_get_enum (value));
      break;

    case PROP_EMAIL:
      sitrep_contact_set_email (self, g_value_get_string (value));
      break;

    case PROP_PHONE:
      sitrep_contact_set_phone (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_contact_class_init (SitrepContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_contact_finalize;
  object_class->get_property = sitrep_contact_get_property;
  object_class->set_property = sitrep_contact_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL, SITREP_TYPE_ROLE, SITREP_ROLE_SERVICE_OWNER,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_contact_init (SitrepContact *self)
{
  self->role = SITREP_ROLE_SERVICE_OWNER;
}

/**
 * sitrep_contact_new:
 *
 * Returns: (transfer full): a new, empty #SitrepContact
 */
SitrepContact *
sitrep_contact_new (void)
{
  return g_object_new (SITREP_TYPE_CONTACT, NULL);
}

/**
 * sitrep_contact_copy:
 * @self: a #SitrepContact
 *
 * Returns: (transfer full): a new #SitrepContact with the same values
 */
SitrepContact *
sitrep_contact_copy (SitrepContact *self)
{
  SitrepContact *copy;

  g_return_val_if_fail (SITREP_IS_CONTACT (self), NULL);

  copy = sitrep_contact_new ();
  copy->id = self->id;
  copy->name = g_strdup (self->name);
  copy->role = self->role;
  copy->email = g_strdup (self->email);
  copy->phone = g_strdup (self->phone);

  return copy;
}

gint64
sitrep_contact_get_id (SitrepContact *self)
{
  g_return_val_if_fail (SITREP_IS_CONTACT (self), 0);

  return self->id;
}

void
sitrep_contact_set_id (SitrepContact *self,
                      gint64 id)
{
  g_return_if_fail (SITREP_IS_CONTACT (self));

  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

const char *
sitrep_contact_get_name (SitrepContact *self)
{
  g_return_val_if_fail (SITREP_IS_CONTACT (self), NULL);

  return self->name;
}

void
sitrep_contact_set_name (SitrepContact *self,
                        const char *name)
{
  g_return_if_fail (SITREP_IS_CONTACT (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

SitrepRole
sitrep_contact_get_role (SitrepContact *self)
{
  g_return_val_if_fail (SITREP_IS_CONTACT (self), 0);

  return self->role;
}

void
sitrep_contact_set_role (SitrepContact *self,
                        SitrepRole role)
{
  g_return_if_fail (SITREP_IS_CONTACT (self));

  if (self->role != role)
    {
      self->role = role;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
    }
}

const char *
sitrep_contact_get_email (SitrepContact *self)
{
  g_return_val_if_fail (SITREP_IS_CONTACT (self), NULL);

  return self->email;
}

void
sitrep_contact_set_email (SitrepContact *self,
                         const char *email)
{
  g_return_if_fail (SITREP_IS_CONTACT (self));

  if (g_strcmp0 (self->email, email) == 0)
    return;

  g_free (self->email);
  self->email = g_strdup (email);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
}

const char *
sitrep_contact_get_phone (SitrepContact *self)
{
  g_return_val_if_fail (SITREP_IS_CONTACT (self), NULL);

  return self->phone;
}

void
sitrep_contact_set_phone (SitrepContact *self,
                         const char *phone)
{
  g_return_if_fail (SITREP_IS_CONTACT (self));

  if (g_strcmp0 (self->phone, phone) == 0)
    return;

  g_free (self->phone);
  self->phone = g_strdup (phone);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE]);
}

/**
 * sitrep_contact_get_default_teams:
 *
 * The teams incidents are usually escalated to, offered when the roster
 * names none: the roster's contacts of the role "team" come first, and
 * any other name is allowed.
 *
 * Returns: (transfer none) (array zero-terminated=1): untranslated names;
 *   translate each with gettext()
 */
const char * const *
sitrep_contact_get_default_teams (void)
{
  static const char * const teams[] = {
    N_("Developers"),
    N_("Network group"),
    N_("Database group"),
    NULL
  };

  return teams;
}
