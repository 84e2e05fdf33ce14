/* sitrep-team-secret.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-team-secret.h"
#include "sitrep-team-probe.h"

/*
 * The team database's password, when the user types one, lives in the
 * desktop's keyring (the Secret Service), found again by the parts of the
 * address that say where and who: host, port, database and user. It is
 * never written to the settings, which hold the address alone.
 */

/* The parts of an address that tell one login on one database from
 * another; a part the address leaves out is the empty string. */
static const char * const attribute_names[] = { "host", "port", "dbname", "user" };

/**
 * sitrep_team_secret_get_schema:
 *
 * Returns: (transfer none): the keyring schema of the team database's
 *   passwords, "org.gnome.Sitrep.TeamDatabase"
 */
const SecretSchema *
sitrep_team_secret_get_schema (void)
{
  static const SecretSchema schema = {
    "org.gnome.Sitrep.TeamDatabase", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "dbname", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

/* The keyring's attributes of @address, or NULL when it is malformed. */
static GHashTable *
dup_attributes (const char  *address,
                GError     **error)
{
  g_autoptr(GHashTable) options = sitrep_team_conninfo_parse (address, error);
  GHashTable *attributes;

  if (options == NULL)
    return NULL;

  attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (attribute_names); i++)
    {
      const char *value = g_hash_table_lookup (options, attribute_names[i]);

      g_hash_table_insert (attributes, (gpointer) attribute_names[i],
                           g_strdup (value != NULL ? value : ""));
    }

  return attributes;
}

/* A malformed address fails like the keyring would: through @callback. */
static void
report_error (GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag,
              GError              *error)
{
  g_task_report_error (NULL, callback, user_data, source_tag, error);
}

static gboolean
is_reported_error (GAsyncResult *result,
                   gpointer      source_tag)
{
  return G_IS_TASK (result) && g_task_get_source_tag (G_TASK (result)) == source_tag;
}

/**
 * sitrep_team_secret_store_async:
 * @address: the team database's address, without a password
 * @password: the password to keep
 * @cancellable: (nullable): cancels the store
 * @callback: called when the password is kept, or could not be
 * @user_data: for @callback
 *
 * Keeps @password in the user's default keyring for @address, replacing
 * one kept before for the same host, port, database and user.
 */
void
sitrep_team_secret_store_async (const char          *address,
                                const char          *password,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GError *error = NULL;

  g_return_if_fail (address != NULL);
  g_return_if_fail (password != NULL);

  attributes = dup_attributes (address, &error);
  if (attributes == NULL)
    {
      report_error (callback, user_data, sitrep_team_secret_store_async, error);
      return;
    }

  /* Translators: the keyring's name for the password; %s is user@host/database */
  label = g_strdup_printf (_("Sitrep team database %s@%s/%s"),
                           (char *) g_hash_table_lookup (attributes, "user"),
                           (char *) g_hash_table_lookup (attributes, "host"),
                           (char *) g_hash_table_lookup (attributes, "dbname"));
  secret_password_storev (sitrep_team_secret_get_schema (), attributes,
                          SECRET_COLLECTION_DEFAULT, label, password,
                          cancellable, callback, user_data);
}

/**
 * sitrep_team_secret_store_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Returns: whether the password is kept
 */
gboolean
sitrep_team_secret_store_finish (GAsyncResult  *result,
                                 GError       **error)
{
  if (is_reported_error (result, sitrep_team_secret_store_async))
    return g_task_propagate_boolean (G_TASK (result), error);

  return secret_password_store_finish (result, error);
}

/**
 * sitrep_team_secret_lookup_async:
 * @address: the team database's address
 * @cancellable: (nullable): cancels the lookup
 * @callback: called with the answer
 * @user_data: for @callback
 *
 * Looks for the password kept for @address. The keyring may ask the
 * user to unlock it first.
 */
void
sitrep_team_secret_lookup_async (const char          *address,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GError *error = NULL;

  g_return_if_fail (address != NULL);

  attributes = dup_attributes (address, &error);
  if (attributes == NULL)
    {
      report_error (callback, user_data, sitrep_team_secret_lookup_async, error);
      return;
    }

  secret_password_lookupv (sitrep_team_secret_get_schema (), attributes,
                           cancellable, callback, user_data);
}

/**
 * sitrep_team_secret_lookup_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the password, to be freed with
 *   secret_password_free(), or %NULL when none is kept (without @error)
 *   or the keyring failed
 */
char *
sitrep_team_secret_lookup_finish (GAsyncResult  *result,
                                  GError       **error)
{
  if (is_reported_error (result, sitrep_team_secret_lookup_async))
    return g_task_propagate_pointer (G_TASK (result), error);

  return secret_password_lookup_nonpageable_finish (result, error);
}

/**
 * sitrep_team_secret_clear_async:
 * @address: the team database's address
 * @cancellable: (nullable): cancels the removal
 * @callback: called when done
 * @user_data: for @callback
 *
 * Forgets the password kept for @address.
 */
void
sitrep_team_secret_clear_async (const char          *address,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GError *error = NULL;

  g_return_if_fail (address != NULL);

  attributes = dup_attributes (address, &error);
  if (attributes == NULL)
    {
      report_error (callback, user_data, sitrep_team_secret_clear_async, error);
      return;
    }

  secret_password_clearv (sitrep_team_secret_get_schema (), attributes,
                          cancellable, callback, user_data);
}

/**
 * sitrep_team_secret_clear_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Returns: whether a password was forgotten (%FALSE without @error when
 *   none was kept)
 */
gboolean
sitrep_team_secret_clear_finish (GAsyncResult  *result,
                                 GError       **error)
{
  if (is_reported_error (result, sitrep_team_secret_clear_async))
    return g_task_propagate_boolean (G_TASK (result), error);

  return secret_password_clear_finish (result, error);
}

/**
 * sitrep_team_secret_lookup_sync:
 * @address: the team database's address
 * @error: return location for an error
 *
 * Looks for the password kept for @address and waits for the answer: a
 * call to the keyring over D-Bus, and as long as the user takes to
 * unlock it when the keyring asks. Only for the start, before any window.
 *
 * Returns: (transfer full) (nullable): the password, to be freed with
 *   secret_password_free(), or %NULL when none is kept (without @error)
 *   or the keyring failed
 */
char *
sitrep_team_secret_lookup_sync (const char  *address,
                                GError     **error)
{
  g_autoptr(GHashTable) attributes = NULL;

  g_return_val_if_fail (address != NULL, NULL);

  attributes = dup_attributes (address, error);
  if (attributes == NULL)
    return NULL;

  return secret_password_lookupv_nonpageable_sync (sitrep_team_secret_get_schema (),
                                                   attributes, NULL, error);
}

/* A message that would repeat the password has it masked. */
static void
mask_password (GError     *error,
               const char *password)
{
  g_auto(GStrv) parts = NULL;

  if (password == NULL || *password == '\0' || strstr (error->message, password) == NULL)
    return;

  parts = g_strsplit (error->message, password, -1);
  g_free (error->message);
  error->message = g_strjoinv ("********", parts);
}

typedef struct
{
  char        *address;
  SitrepClock *clock;
  char        *password;
} OpenStore;

static void
open_store_free (gpointer data)
{
  OpenStore *open = data;

  g_free (open->address);
  g_clear_object (&open->clock);
  secret_password_free (open->password);
  g_free (open);
}

static void
store_opened_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpenStore *open = g_task_get_task_data (task);
  GError *error = NULL;
  SitrepStore *store = sitrep_store_open_team_finish (result, &error);

  if (store == NULL)
    {
      mask_password (error, open->password);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, store, g_object_unref);
}

static void
password_looked_up_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpenStore *open = g_task_get_task_data (task);
  g_autoptr(GError) keyring_error = NULL;

  open->password = sitrep_team_secret_lookup_finish (result, &keyring_error);
  if (keyring_error != NULL)
    g_debug ("The keyring could not be read: %s", keyring_error->message);

  sitrep_store_open_team_async (open->address, open->password, open->clock,
                                g_task_get_cancellable (task), store_opened_cb,
                                g_object_ref (task));
}

/**
 * sitrep_team_secret_open_store_async:
 * @address: the team database's address, without a password
 * @clock: the clock of the store
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the store is open, or could not be
 * @user_data: for @callback
 *
 * Opens the team database at @address with the password the keyring keeps
 * for it, if any; without one, libpq's own ways remain (`~/.pgpass`,
 * `PGPASSWORD`, Kerberos, peer). Neither the keyring (which may ask the
 * user to unlock it) nor the server is waited for on the main loop. The
 * password goes to the store alone, which never shows it; an error that
 * would repeat it has it masked all the same.
 */
void
sitrep_team_secret_open_store_async (const char          *address,
                                     SitrepClock         *clock,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenStore *open;

  g_return_if_fail (address != NULL);
  g_return_if_fail (SITREP_IS_CLOCK (clock));

  open = g_new0 (OpenStore, 1);
  open->address = g_strdup (address);
  open->clock = g_object_ref (clock);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_team_secret_open_store_async);
  g_task_set_task_data (task, open, open_store_free);
  sitrep_team_secret_lookup_async (address, cancellable, password_looked_up_cb,
                                   g_steal_pointer (&task));
}

/**
 * sitrep_team_secret_open_store_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for the store's error
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
SitrepStore *
sitrep_team_secret_open_store_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
