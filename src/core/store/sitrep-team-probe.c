/* sitrep-team-probe.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <libpq-fe.h>

#include "sitrep-team-probe.h"

/*
 * The probe connects to a team database once, on a worker thread, and
 * says whether this desk can use it: the server's version, the Sitrep
 * schema's version, and the role the server gives the login. It never
 * writes; the password it is given lives only in the worker's copy.
 */

/* Seconds libpq waits for a server that does not answer. */
#define CONNECT_TIMEOUT "5"

typedef struct
{
  char *conninfo;
  char *password;
} ProbeData;

G_DEFINE_QUARK (sitrep-team-probe-error-quark, sitrep_team_probe_error)

G_DEFINE_BOXED_TYPE (SitrepTeamProbeResult, sitrep_team_probe_result,
                     sitrep_team_probe_result_copy, sitrep_team_probe_result_free)

static void
probe_data_free (ProbeData *data)
{
  g_free (data->conninfo);
  if (data->password != NULL)
    {
      /* Gone from memory, not just handed back to the allocator. */
      memset (data->password, 0, strlen (data->password));
      g_free (data->password);
    }
  g_free (data);
}

/* libpq's messages end in a newline and may span lines, the later ones
 * indented with a tab: one line reads better in a row or a dialog. */
static char *
dup_libpq_message (const char *message)
{
  g_auto(GStrv) lines = g_strsplit (message != NULL ? message : "", "\n", -1);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, lines[i]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Single quotes around the value, as libpq's key=value strings want them. */
static void
append_quoted (GString    *out,
               const char *keyword,
               const char *value)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_printf (out, "%s='", keyword);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

/* libpq's parse, with its own words for what is wrong. */
static PQconninfoOption *
parse_options (const char  *conninfo,
               GError     **error)
{
  char *message = NULL;
  PQconninfoOption *parsed = PQconninfoParse (conninfo, &message);

  if (parsed == NULL)
    {
      g_autofree char *text = dup_libpq_message (message);

      g_set_error (error, SITREP_TEAM_PROBE_ERROR, SITREP_TEAM_PROBE_ERROR_MALFORMED,
                   /* Not the address itself: it may hold a password. */
                   _("This is not a PostgreSQL connection string: %s"),
                   message != NULL ? text : _("out of memory"));
      PQfreemem (message);
    }

  return parsed;
}

/* @conninfo as a key=value string in libpq's order of options, without
 * any password it holds; NULL when it is malformed. */
static GString *
rewrite_without_password (const char  *conninfo,
                          gboolean    *had_password,
                          GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  PQconninfoOption *parsed;

  parsed = parse_options (conninfo, error);
  if (parsed == NULL)
    return NULL;

  *had_password = FALSE;
  for (PQconninfoOption *option = parsed; option->keyword != NULL; option++)
    {
      if (option->val == NULL)
        continue;
      if (g_strcmp0 (option->keyword, "password") == 0)
        *had_password = TRUE;
      else
        append_quoted (out, option->keyword, option->val);
    }
  PQconninfoFree (parsed);

  return g_steal_pointer (&out);
}

/* The address as the user may see it: the given string, or, when it
 * holds a password, the same address without it. */
static char *
dup_address_for_display (const char *conninfo)
{
  gboolean had_password = FALSE;
  g_autoptr(GString) out = rewrite_without_password (conninfo, &had_password, NULL);

  if (out == NULL || !had_password)
    return g_strdup (conninfo);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static PGresult *
run_query (PGconn      *conn,
           const char  *sql,
           GError     **error)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      g_autofree char *message = dup_libpq_message (PQerrorMessage (conn));

      g_set_error (error, SITREP_TEAM_PROBE_ERROR, SITREP_TEAM_PROBE_ERROR_FAILED,
                   _("The team database could not be read: %s"), message);
      PQclear (result);
      return NULL;
    }

  return result;
}

static PGconn *
connect_to (const ProbeData  *data,
            GError          **error)
{
  /* The connection string is expanded from "dbname"; what follows it in
   * the arrays overrides what the string says. */
  const char *keywords[] = { "dbname", "connect_timeout", "password", NULL };
  const char *values[] = { data->conninfo, CONNECT_TIMEOUT, data->password, NULL };
  g_autofree char *message = NULL;
  PGconn *conn;

  if (data->password == NULL || data->password[0] == '\0')
    keywords[2] = NULL;

  conn = PQconnectdbParams (keywords, values, 1);
  if (conn != NULL && PQstatus (conn) == CONNECTION_OK)
    return conn;

  message = dup_libpq_message (conn != NULL ? PQerrorMessage (conn) : NULL);
  if (conn != NULL && PQconnectionNeedsPassword (conn))
    g_set_error (error, SITREP_TEAM_PROBE_ERROR, SITREP_TEAM_PROBE_ERROR_AUTHENTICATION,
                 _("The server asks for a password: type it, or keep it in ~/.pgpass (%s)"),
                 message);
  else if (conn != NULL && PQconnectionUsedPassword (conn))
    g_set_error (error, SITREP_TEAM_PROBE_ERROR, SITREP_TEAM_PROBE_ERROR_AUTHENTICATION,
                 _("Authentication failed: %s"), message);
  else
    g_set_error (error, SITREP_TEAM_PROBE_ERROR, SITREP_TEAM_PROBE_ERROR_UNREACHABLE,
                 _("Could not connect to the PostgreSQL server: %s"), message);
  PQfinish (conn);

  return NULL;
}

/* Whether the database has tables of its own, besides the system's. */
static gboolean
has_tables (PGconn   *conn,
            gboolean *found,
            GError  **error)
{
  PGresult *result = run_query (conn,
                                "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c"
                                " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                                " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')"
                                " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                                " AND n.nspname NOT LIKE 'pg\\_toast%')",
                                error);

  if (result == NULL)
    return FALSE;

  *found = g_strcmp0 (PQgetvalue (result, 0, 0), "t") == 0;
  PQclear (result);

  return TRUE;
}

static gboolean
read_schema_version (PGconn      *conn,
                     const char  *conninfo,
                     int         *version,
                     GError     **error)
{
  g_autofree char *application = NULL;
  g_autofree char *version_text = NULL;
  PGresult *result;
  gboolean meta = FALSE;
  gboolean tables = FALSE;
  char *end = NULL;
  gint64 number;

  result = run_query (conn, "SELECT to_regclass ('sitrep_meta') IS NOT NULL", error);
  if (result == NULL)
    return FALSE;
  meta = g_strcmp0 (PQgetvalue (result, 0, 0), "t") == 0;
  PQclear (result);

  if (!meta)
    {
      g_autofree char *address = NULL;

      if (!has_tables (conn, &tables, error))
        return FALSE;
      if (tables)
        {
          g_set_error_literal (error, SITREP_TEAM_PROBE_ERROR, SITREP_TEAM_PROBE_ERROR_FOREIGN,
                               _("This database belongs to another application: it has "
                                 "tables but no Sitrep schema"));
          return FALSE;
        }

      address = dup_address_for_display (conninfo);
      g_set_error (error, SITREP_TEAM_PROBE_ERROR, SITREP_TEAM_PROBE_ERROR_NO_SCHEMA,
                   /* Translators: %s is the database's address; keep the options as they are */
                   _("No Sitrep schema yet: an administrator runs "
                     "sitrep --database \"%s\" --setup-team"),
                   address);
      return FALSE;
    }

  result = run_query (conn,
                      "SELECT key, value FROM sitrep_meta"
                      " WHERE key IN ('application', 'schema_version')",
                      error);
  if (result == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (result); i++)
    {
      const char *key = PQgetvalue (result, i, 0);

      if (g_strcmp0 (key, "application") == 0)
        application = g_strdup (PQgetvalue (result, i, 1));
      else
        version_text = g_strdup (PQgetvalue (result, i, 1));
    }
  PQclear (result);

  if (g_strcmp0 (application, "sitrep") != 0)
    {
      g_set_error_literal (error, SITREP_TEAM_PROBE_ERROR, SITREP_TEAM_PROBE_ERROR_FOREIGN,
                           _("This database belongs to another application: its "
                             "sitrep_meta table does not name Sitrep"));
      return FALSE;
    }

  number = version_text != NULL ? g_ascii_strtoll (version_text, &end, 10) : 0;
  if (version_text == NULL || end == version_text || *end != '\0'
      || number < 1 || number > G_MAXINT)
    {
      g_set_error (error, SITREP_TEAM_PROBE_ERROR, SITREP_TEAM_PROBE_ERROR_FAILED,
                   _("The team database’s schema version “%s” is not a version number"),
                   version_text != NULL ? version_text : "");
      return FALSE;
    }
  if (number > SITREP_TEAM_SCHEMA_VERSION)
    {
      g_set_error (error, SITREP_TEAM_PROBE_ERROR, SITREP_TEAM_PROBE_ERROR_TOO_NEW,
                   _("This database was made by a newer Sitrep (schema %d); this one knows "
                     "schema %d at most: update Sitrep"),
                   (int) number, SITREP_TEAM_SCHEMA_VERSION);
      return FALSE;
    }

  *version = (int) number;
  return TRUE;
}

/* Reads the login and its Sitrep role; @member says whether it has one,
 * @roles_exist whether the server has Sitrep's group roles at all. */
static gboolean
read_role (PGconn                *conn,
           SitrepTeamProbeResult *probe,
           gboolean              *member,
           gboolean              *roles_exist,
           GError               **error)
{
  /* pg_has_role () fails for a role that does not exist; CASE evaluates
   * it only when the role does. */
  PGresult *result = run_query (conn,
                                "SELECT current_user,"
                                " CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_roles"
                                "                   WHERE rolname = 'sitrep_manager')"
                                " THEN pg_has_role (current_user, 'sitrep_manager', 'MEMBER')"
                                " ELSE false END,"
                                " CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_roles"
                                "                   WHERE rolname = 'sitrep_supervisor')"
                                " THEN pg_has_role (current_user, 'sitrep_supervisor', 'MEMBER')"
                                " ELSE false END,"
                                " EXISTS (SELECT 1 FROM pg_catalog.pg_roles"
                                "         WHERE rolname IN ('sitrep_manager',"
                                "                           'sitrep_supervisor'))",
                                error);

  if (result == NULL)
    return FALSE;

  probe->user = g_strdup (PQgetvalue (result, 0, 0));
  *member = TRUE;
  if (g_strcmp0 (PQgetvalue (result, 0, 1), "t") == 0)
    probe->role = SITREP_ROLE_INCIDENT_MANAGER;
  else if (g_strcmp0 (PQgetvalue (result, 0, 2), "t") == 0)
    probe->role = SITREP_ROLE_SUPERVISOR;
  else
    *member = FALSE;
  *roles_exist = g_strcmp0 (PQgetvalue (result, 0, 3), "t") == 0;
  PQclear (result);

  return TRUE;
}

static void
set_not_member_error (const SitrepTeamProbeResult  *probe,
                      GError                      **error)
{
  g_set_error (error, SITREP_TEAM_PROBE_ERROR, SITREP_TEAM_PROBE_ERROR_NOT_MEMBER,
               _("You (%s) are not a member of sitrep_manager or sitrep_supervisor: "
                 "an administrator grants one of them to your login"),
               probe->user);
}

/* The checks in the order that gives the most useful answer: only
 * members may read sitrep_meta, but on a server without Sitrep's roles
 * the database's contents say more than the missing membership. */
static gboolean
check_database (PGconn                *conn,
                const char            *conninfo,
                SitrepTeamProbeResult *probe,
                GError               **error)
{
  gboolean member = FALSE;
  gboolean roles_exist = FALSE;

  if (!sitrep_team_probe_check_server (probe->server_version, error)
      || !read_role (conn, probe, &member, &roles_exist, error))
    return FALSE;

  if (!member && roles_exist)
    {
      set_not_member_error (probe, error);
      return FALSE;
    }
  if (!read_schema_version (conn, conninfo, &probe->schema_version, error))
    return FALSE;
  if (!member)
    {
      set_not_member_error (probe, error);
      return FALSE;
    }

  return TRUE;
}

static void
probe_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ProbeData *data = task_data;
  g_autoptr(SitrepTeamProbeResult) probe = g_new0 (SitrepTeamProbeResult, 1);
  g_autoptr(GHashTable) options = NULL;
  GError *error = NULL;
  PGconn *conn;

  /* Parsed first: libpq's own words for a malformed string, before any
   * attempt to connect. */
  options = sitrep_team_conninfo_parse (data->conninfo, &error);
  if (options == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  conn = connect_to (data, &error);
  if (conn == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  probe->server_version = PQserverVersion (conn);
  /* The server's own text may go on, "15.18 (Debian 15.18-0+deb12u1)":
   * the first word is the version. */
  probe->server_version_text = g_strdup (PQparameterStatus (conn, "server_version"));
  if (probe->server_version_text != NULL)
    probe->server_version_text[strcspn (probe->server_version_text, " ")] = '\0';

  if (g_cancellable_set_error_if_cancelled (cancellable, &error)
      || !check_database (conn, data->conninfo, probe, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&probe),
                           (GDestroyNotify) sitrep_team_probe_result_free);

  PQfinish (conn);
}

/**
 * sitrep_team_probe_result_copy:
 * @result: a probe's result
 *
 * Returns: (transfer full): a copy of @result
 */
SitrepTeamProbeResult *
sitrep_team_probe_result_copy (const SitrepTeamProbeResult *result)
{
  SitrepTeamProbeResult *copy;

  g_return_val_if_fail (result != NULL, NULL);

  copy = g_new0 (SitrepTeamProbeResult, 1);
  *copy = *result;
  copy->server_version_text = g_strdup (result->server_version_text);
  copy->user = g_strdup (result->user);

  return copy;
}

/**
 * sitrep_team_probe_result_free:
 * @result: (nullable): a probe's result
 *
 * Frees @result.
 */
void
sitrep_team_probe_result_free (SitrepTeamProbeResult *result)
{
  if (result == NULL)
    return;

  g_free (result->server_version_text);
  g_free (result->user);
  g_free (result);
}

/**
 * sitrep_team_probe_check_server:
 * @server_version: a server's version as `PQserverVersion()` gives it
 * @error: return location for a %SITREP_TEAM_PROBE_ERROR_TOO_OLD error
 *
 * Returns: whether Sitrep can use a server of this version
 */
gboolean
sitrep_team_probe_check_server (int      server_version,
                                GError **error)
{
  g_autofree char *name = NULL;

  if (server_version >= SITREP_TEAM_MIN_SERVER_VERSION)
    return TRUE;

  /* From 10 on, the major version is one number; before, two. */
  if (server_version >= 100000)
    name = g_strdup_printf ("%d", server_version / 10000);
  else
    name = g_strdup_printf ("%d.%d", server_version / 10000, server_version / 100 % 100);
  g_set_error (error, SITREP_TEAM_PROBE_ERROR, SITREP_TEAM_PROBE_ERROR_TOO_OLD,
               _("PostgreSQL %s is too old: Sitrep needs %d or newer"),
               name, SITREP_TEAM_MIN_SERVER_VERSION / 10000);

  return FALSE;
}

/**
 * sitrep_team_probe_async:
 * @conninfo: a libpq connection URI or `key=value` string
 * @password: (nullable): the password to log in with, or %NULL to leave it
 *   to libpq (`~/.pgpass`, `PGPASSWORD`, Kerberos, peer)
 * @cancellable: (nullable): cancels waiting for the answer
 * @callback: called on the calling thread's main context when done
 * @user_data: for @callback
 *
 * Connects to a team database on a worker thread, waiting at most five
 * seconds for the server, and finds out whether this desk can use it.
 */
void
sitrep_team_probe_async (const char          *conninfo,
                         const char          *password,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ProbeData *data;

  g_return_if_fail (conninfo != NULL);

  data = g_new0 (ProbeData, 1);
  data->conninfo = g_strdup (conninfo);
  data->password = g_strdup (password);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_team_probe_async);
  g_task_set_task_data (task, data, (GDestroyNotify) probe_data_free);
  /* libpq cannot be interrupted while it connects: a cancelled probe
   * answers at once and its thread finishes alone. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, probe_thread);
}

/**
 * sitrep_team_probe_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a %SITREP_TEAM_PROBE_ERROR, or
 *   %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): what the probe found, or %NULL
 *   when the database cannot be used
 */
SitrepTeamProbeResult *
sitrep_team_probe_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sitrep_team_probe_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sitrep_team_conninfo_parse:
 * @conninfo: a libpq connection URI or `key=value` string
 * @error: return location for a %SITREP_TEAM_PROBE_ERROR_MALFORMED error
 *
 * Reads the options a connection string sets, without connecting.
 *
 * Returns: (transfer full) (element-type utf8 utf8) (nullable): the
 *   options set, keyword to value, or %NULL when @conninfo is malformed
 */
GHashTable *
sitrep_team_conninfo_parse (const char  *conninfo,
                            GError     **error)
{
  g_autoptr(GHashTable) options = NULL;
  PQconninfoOption *parsed;

  g_return_val_if_fail (conninfo != NULL, NULL);

  parsed = parse_options (conninfo, error);
  if (parsed == NULL)
    return NULL;

  options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (PQconninfoOption *option = parsed; option->keyword != NULL; option++)
    if (option->val != NULL)
      g_hash_table_insert (options, g_strdup (option->keyword), g_strdup (option->val));
  PQconninfoFree (parsed);

  return g_steal_pointer (&options);
}

/**
 * sitrep_team_conninfo_with_password:
 * @conninfo: a libpq connection URI or `key=value` string
 * @password: (nullable): the password to add
 * @error: return location for a %SITREP_TEAM_PROBE_ERROR_MALFORMED error
 *
 * Writes @conninfo as a `key=value` string that also holds @password, for
 * a connection that takes one string. The result holds a secret: it must
 * never be shown, logged or stored.
 *
 * Returns: (transfer full) (nullable): the connection string, or %NULL
 *   when @conninfo is malformed
 */
char *
sitrep_team_conninfo_with_password (const char  *conninfo,
                                    const char  *password,
                                    GError     **error)
{
  gboolean had_password = FALSE;
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (conninfo != NULL, NULL);

  out = rewrite_without_password (conninfo, &had_password, error);
  if (out == NULL)
    return NULL;
  if (password == NULL || password[0] == '\0')
    return g_strdup (conninfo);

  append_quoted (out, "password", password);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
