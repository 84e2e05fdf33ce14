/* sitrep-team-address.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <libpq-fe.h>

#include "sitrep-team-address.h"

/*
 * A team database is named the way PostgreSQL's own tools name one: a
 * libpq URI (postgresql://ann@db.example.org/sitrep) or a key=value
 * connection string (host=db.example.org dbname=sitrep). Anything else is
 * the path of a SQLite file. libpq's parser decides what a connection
 * string is, so Sitrep accepts exactly what psql accepts.
 */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PQconninfoOption, PQconninfoFree)

G_DEFINE_QUARK (sitrep-team-error-quark, sitrep_team_error)

/* What Sitrep adds to every connection unless the address says otherwise:
 * a dead server or a cut cable is noticed in seconds rather than after the
 * system's TCP timeouts (two hours for an idle connection, about fifteen
 * minutes for unacknowledged data). */
static const struct
{
  const char *keyword;
  const char *value;
} default_options[] = {
  { "connect_timeout", "5" },
  { "application_name", "sitrep" },
  { "keepalives", "1" },
  { "keepalives_idle", "5" },
  { "keepalives_interval", "2" },
  { "keepalives_count", "3" },
  { "tcp_user_timeout", "5000" },
};

static gboolean
has_uri_prefix (const char *database)
{
  return g_str_has_prefix (database, "postgresql://") ||
         g_str_has_prefix (database, "postgres://");
}

static const char *
option_value (const PQconninfoOption *options,
              const char             *keyword)
{
  for (const PQconninfoOption *option = options; option->keyword != NULL; option++)
    {
      if (strcmp (option->keyword, keyword) == 0)
        return option->val;
    }

  return NULL;
}

static const char *
nonempty_value (const PQconninfoOption *options,
                const char             *keyword)
{
  const char *value = option_value (options, keyword);

  return value != NULL && *value != '\0' ? value : NULL;
}

/* The address with any password replaced, for an address libpq cannot
 * parse: it is shown in the error that says so. */
static char *
hide_secrets (const char *database)
{
  g_autoptr(GRegex) userinfo = NULL;
  g_autoptr(GRegex) keyword = NULL;
  g_autofree char *without_userinfo = NULL;

  /* user:secret@ in a URI's authority */
  userinfo = g_regex_new ("(://[^:/?#@]*):[^/?#]*@", 0, 0, NULL);
  /* password=secret as a keyword or a URI parameter, quoted or not */
  keyword = g_regex_new ("(password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'?|[^\\s&]*)",
                         G_REGEX_CASELESS, 0, NULL);
  g_assert (userinfo != NULL && keyword != NULL);

  without_userinfo = g_regex_replace (userinfo, database, -1, 0, "\\1:*****@", 0, NULL);
  return g_regex_replace (keyword, without_userinfo, -1, 0, "\\1*****", 0, NULL);
}

static void
append_option (GString    *conninfo,
               const char *keyword,
               const char *value)
{
  if (conninfo->len > 0)
    g_string_append_c (conninfo, ' ');

  /* Always quoted, so that spaces and empty values survive. */
  g_string_append_printf (conninfo, "%s='", keyword);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (conninfo, '\\');
      g_string_append_c (conninfo, *p);
    }
  g_string_append_c (conninfo, '\'');
}

/**
 * sitrep_team_address_is_team:
 * @database: (nullable): a database as the user gave it
 *
 * Tells a team database from a SQLite file. A team database is a libpq
 * URI (`postgresql://…`, `postgres://…`) or a `key=value` connection
 * string that libpq accepts and that names at least a database, a host or
 * a service (`dbname=`, `host=`, `service=`). A path stays a path, even
 * one with a `=` in it such as `/tmp/a=b.db`.
 *
 * A URI counts as a team database even when it is malformed, so that
 * opening it reports what is wrong with it instead of creating a SQLite
 * file of that name.
 *
 * Returns: %TRUE if @database names a PostgreSQL database
 */
gboolean
sitrep_team_address_is_team (const char *database)
{
  g_autoptr(PQconninfoOption) options = NULL;

  if (database == NULL || *database == '\0')
    return FALSE;

  if (has_uri_prefix (database))
    return TRUE;

  /* Absolute, relative or home-relative paths are SQLite's, whatever
   * characters follow. */
  if (database[0] == '/' || database[0] == '.' || database[0] == '~')
    return FALSE;

  if (strchr (database, '=') == NULL)
    return FALSE;

  options = PQconninfoParse (database, NULL);
  if (options == NULL)
    return FALSE;

  return nonempty_value (options, "dbname") != NULL ||
         nonempty_value (options, "host") != NULL ||
         nonempty_value (options, "service") != NULL;
}

/**
 * sitrep_team_address_describe:
 * @database: a database as the user gave it
 *
 * A form of @database fit to show a person: for a team database which
 * database on which server as whom (`sitrep on db.example.org:5433 as
 * ann`), never its password; for a SQLite file its path.
 *
 * Returns: (transfer full): the description
 */
char *
sitrep_team_address_describe (const char *database)
{
  g_autoptr(PQconninfoOption) options = NULL;
  g_autofree char *where = NULL;
  g_autofree char *what = NULL;
  g_autofree char *base = NULL;
  const char *host;
  const char *port;
  const char *dbname;
  const char *service;
  const char *user;

  g_return_val_if_fail (database != NULL, NULL);

  if (!sitrep_team_address_is_team (database))
    return g_filename_display_name (database);

  options = PQconninfoParse (database, NULL);
  if (options == NULL)
    return hide_secrets (database);

  host = nonempty_value (options, "host");
  if (host == NULL)
    host = nonempty_value (options, "hostaddr");
  port = nonempty_value (options, "port");
  dbname = nonempty_value (options, "dbname");
  service = nonempty_value (options, "service");
  user = nonempty_value (options, "user");

  if (host != NULL && port != NULL)
    where = g_strdup_printf ("%s:%s", host, port);
  else if (host != NULL)
    where = g_strdup (host);
  else if (port != NULL)
    /* TRANSLATORS: a team database on this computer, reached by port
     * number; %s is the port */
    where = g_strdup_printf (_("port %s"), port);

  if (dbname != NULL)
    what = g_strdup (dbname);
  else if (service != NULL)
    /* TRANSLATORS: %s is the name of a PostgreSQL connection service */
    what = g_strdup_printf (_("service %s"), service);

  if (what != NULL && where != NULL)
    /* TRANSLATORS: a team database; the first %s is the database's name,
     * the second its server, e.g. "sitrep on db.example.org:5433" */
    base = g_strdup_printf (_("%s on %s"), what, where);
  else if (what != NULL)
    base = g_steal_pointer (&what);
  else if (where != NULL)
    base = g_steal_pointer (&where);
  else
    /* only a user name: the server's default database on this computer */
    base = g_strdup (_("the default database"));

  if (user != NULL)
    /* TRANSLATORS: a team database and the name the desk logs in as,
     * e.g. "sitrep on db.example.org:5433 as ann" */
    return g_strdup_printf (_("%s as %s"), base, user);

  return g_steal_pointer (&base);
}

/**
 * sitrep_team_address_with_options:
 * @database: a team database's address as the user gave it
 * @password: (nullable): the password to log in with, if not in @database
 * @error: return location for a #GError
 *
 * The connection string to hand to libpq for @database: every option the
 * user gave, in libpq's `key=value` form, and Sitrep's own where the user
 * gave none: a five-second connect timeout, `application_name=sitrep`,
 * TCP keepalives that probe an idle connection within seconds and a TCP
 * user timeout, so that a server that went away is noticed in seconds.
 * @password, when given, takes the place of one in @database.
 *
 * The result holds the password: never log it or show it.
 *
 * Returns: (transfer full): the connection string, or %NULL with @error
 *   set (%SITREP_TEAM_ERROR_ADDRESS) when libpq cannot parse @database
 */
char *
sitrep_team_address_with_options (const char  *database,
                                  const char  *password,
                                  GError     **error)
{
  g_autoptr(PQconninfoOption) options = NULL;
  g_autoptr(GString) conninfo = NULL;
  char *parse_error = NULL;

  g_return_val_if_fail (database != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  options = PQconninfoParse (database, &parse_error);
  if (options == NULL)
    {
      g_autofree char *shown = hide_secrets (database);
      g_autofree char *reason = g_strdup (parse_error != NULL ? parse_error
                                                              : g_strerror (ENOMEM));

      PQfreemem (parse_error);
      g_strstrip (reason);
      g_set_error (error, SITREP_TEAM_ERROR, SITREP_TEAM_ERROR_ADDRESS,
                   /* TRANSLATORS: the first %s is a database address, the
                    * second what is wrong with it (PostgreSQL's message) */
                   _("Cannot read the team database address “%s”: %s"),
                   shown, reason);
      return NULL;
    }

  conninfo = g_string_new (NULL);
  for (const PQconninfoOption *option = options; option->keyword != NULL; option++)
    {
      if (option->val == NULL)
        continue;
      if (password != NULL && strcmp (option->keyword, "password") == 0)
        continue;
      append_option (conninfo, option->keyword, option->val);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (default_options); i++)
    {
      if (option_value (options, default_options[i].keyword) == NULL)
        append_option (conninfo, default_options[i].keyword, default_options[i].value);
    }

  if (password != NULL)
    append_option (conninfo, "password", password);

  return g_string_free (g_steal_pointer (&conninfo), FALSE);
}

static gboolean
needs_lookup (const char *host)
{
  /* Empty: the default Unix socket; a path or an abstract socket name;
   * an address already. */
  return *host != '\0' && host[0] != '/' && host[0] != '@' &&
         !g_hostname_is_ip_address (host);
}

/* @conninfo with the addresses of its host names in hostaddr, looked up
 * with GResolver; @conninfo itself when there is nothing to look up. A
 * name with several addresses becomes as many hosts, tried in turn. */
static char *
resolve_hosts (const char    *conninfo,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(PQconninfoOption) options = NULL;
  g_autoptr(GResolver) resolver = NULL;
  g_autoptr(GPtrArray) hosts = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GPtrArray) ports = NULL;
  g_autoptr(GError) first_error = NULL;
  g_autoptr(GString) resolved = NULL;
  g_auto(GStrv) given_hosts = NULL;
  g_auto(GStrv) given_ports = NULL;
  const char *host;
  const char *port;
  guint n_hosts;
  guint n_ports = 0;
  gboolean looked_up = FALSE;

  options = PQconninfoParse (conninfo, NULL);
  /* libpq says what is wrong with it when it connects. */
  if (options == NULL)
    return g_strdup (conninfo);

  /* Addresses given: nothing to look up. libpq falls back on the same
   * environment variables as below. */
  if (option_value (options, "hostaddr") != NULL || g_getenv ("PGHOSTADDR") != NULL)
    return g_strdup (conninfo);

  host = option_value (options, "host");
  if (host == NULL)
    host = g_getenv ("PGHOST");
  port = option_value (options, "port");
  if (port == NULL)
    port = g_getenv ("PGPORT");
  if (host == NULL)
    return g_strdup (conninfo);

  given_hosts = g_strsplit (host, ",", -1);
  n_hosts = g_strv_length (given_hosts);
  if (port != NULL)
    {
      given_ports = g_strsplit (port, ",", -1);
      n_ports = g_strv_length (given_ports);
    }
  if (n_ports > 1 && n_ports != n_hosts)
    return g_strdup (conninfo);

  resolver = g_resolver_get_default ();
  hosts = g_ptr_array_new_with_free_func (g_free);
  addresses = g_ptr_array_new_with_free_func (g_free);
  ports = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_hosts; i++)
    {
      const char *name = given_hosts[i];
      const char *name_port = n_ports == 0 ? NULL : given_ports[n_ports == 1 ? 0 : i];
      g_autoptr(GError) lookup_error = NULL;
      GList *found;

      if (!needs_lookup (name))
        {
          g_ptr_array_add (hosts, g_strdup (name));
          g_ptr_array_add (addresses, g_strdup (""));
          g_ptr_array_add (ports, g_strdup (name_port));
          continue;
        }

      looked_up = TRUE;
      found = g_resolver_lookup_by_name (resolver, name, cancellable, &lookup_error);
      if (g_error_matches (lookup_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&lookup_error));
          return NULL;
        }
      if (found == NULL)
        {
          if (first_error == NULL)
            first_error = g_steal_pointer (&lookup_error);
          continue;
        }

      for (GList *l = found; l != NULL; l = l->next)
        {
          g_ptr_array_add (hosts, g_strdup (name));
          g_ptr_array_add (addresses, g_inet_address_to_string (l->data));
          g_ptr_array_add (ports, g_strdup (name_port));
        }
      g_resolver_free_addresses (found);
    }

  if (!looked_up)
    return g_strdup (conninfo);

  if (hosts->len == 0)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return NULL;
    }

  /* Later keywords take the place of earlier ones. */
  g_ptr_array_add (hosts, NULL);
  g_ptr_array_add (addresses, NULL);
  g_ptr_array_add (ports, NULL);
  resolved = g_string_new (conninfo);
  {
    g_autofree char *host_list = g_strjoinv (",", (char **) hosts->pdata);
    g_autofree char *address_list = g_strjoinv (",", (char **) addresses->pdata);

    append_option (resolved, "host", host_list);
    append_option (resolved, "hostaddr", address_list);
  }
  if (n_ports > 0)
    {
      g_autofree char *port_list = g_strjoinv (",", (char **) ports->pdata);

      append_option (resolved, "port", port_list);
    }

  return g_string_free (g_steal_pointer (&resolved), FALSE);
}

static void
resolve_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  char *resolved = resolve_hosts (task_data, cancellable, &error);

  if (resolved == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, resolved, g_free);
}

/**
 * sitrep_team_address_resolve_async:
 * @conninfo: a connection string, as made by
 *   sitrep_team_address_with_options()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context with the result
 * @user_data: data for @callback
 *
 * Looks up the host names of @conninfo (or of `PGHOST`, as libpq would)
 * on a worker thread. libpq looks them up itself with getaddrinfo(),
 * which blocks even in a non-blocking connect: on a network whose name
 * server does not answer, a desk's window would freeze for as long as
 * the lookup takes. Finish with sitrep_team_address_resolve_finish().
 */
void
sitrep_team_address_resolve_async (const char          *conninfo,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (conninfo != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_team_address_resolve_async);
  g_task_set_name (task, "[sitrep] resolve team database");
  g_task_set_task_data (task, g_strdup (conninfo), g_free);
  g_task_run_in_thread (task, resolve_thread);
}

/**
 * sitrep_team_address_resolve_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * The connection string of sitrep_team_address_resolve_async() with the
 * addresses found in `hostaddr` (libpq connects to those and keeps using
 * the names to log in and to check certificates). A name with several
 * addresses is tried at each in turn; names that could not be looked up
 * are left out. Unchanged when there was nothing to look up.
 *
 * Returns: (transfer full): the connection string, or %NULL with @error
 *   set: the resolver's error when no name could be looked up,
 *   %G_IO_ERROR_CANCELLED when cancelled
 */
char *
sitrep_team_address_resolve_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        sitrep_team_address_resolve_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
