/* sitrep-store-team.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libpq-fe.h>

#include "sitrep-store-private.h"
#include "sitrep-team-address.h"
#include "sitrep-time.h"

/*
 * Team mode: the store on a PostgreSQL database that many desks share.
 * Setting one up (sitrep_store_setup_team()) makes or migrates the schema
 * (sitrep-store-team-schema.c) and the group roles; opening one checks
 * that the server and the schema are ones this Sitrep can work with and
 * asks the server who the login is. Everything after that is the store's
 * ordinary code, in SQL both engines share.
 */

/**
 * sitrep_store_is_team_address:
 * @database: (nullable): what the user named with --database, or in
 *   Preferences
 *
 * A team database is named by a libpq URI (`postgresql://host/db`) or a
 * connection string of `keyword=value` pairs (`host=db dbname=sitrep`);
 * anything else, also a file name with a `=` in it, is a file.
 *
 * Returns: %TRUE when @database names a PostgreSQL database
 */
gboolean
sitrep_store_is_team_address (const char *database)
{
  if (sitrep_team_address_is_team (database))
    return TRUE;

  /* A connection string with a mistake in it is one all the same:
   * opening it says what is wrong, instead of making a file of that name
   * in the current folder. A file name with a folder in it is a file. */
  return database != NULL && strchr (database, '/') == NULL
         && (strstr (database, "dbname=") != NULL || strstr (database, "host=") != NULL
             || strstr (database, "service=") != NULL);
}

static gboolean
check_address (const char  *address,
               GError     **error)
{
  char *message = NULL;
  PQconninfoOption *options;
  g_autofree char *text = NULL;

  if (g_str_has_prefix (address, "postgresql://") || g_str_has_prefix (address, "postgres://")
      || strchr (address, '=') != NULL)
    {
      options = PQconninfoParse (address, &message);
      if (options != NULL)
        {
          PQconninfoFree (options);
          return TRUE;
        }
    }

  text = g_strstrip (g_strdup (message != NULL ? message : ""));
  g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
               _("“%s” is not a PostgreSQL connection address: %s"), address, text);
  PQfreemem (message);
  return FALSE;
}

/* A connection failure in the store's words: @store names the database. */
static void
set_connect_error (const char    *described,
                   const GError  *db_error,
                   GError       **error)
{
  switch ((SitrepDbError) db_error->code)
    {
    case SITREP_DB_ERROR_AUTHENTICATION:
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_LOGIN,
                   _("The team database “%s” did not accept the login: %s"),
                   described, db_error->message);
      break;

    /* a login in neither group role may not even read the schema */
    case SITREP_DB_ERROR_DENIED:
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_DENIED,
                   _("The team database “%s” refused this login (%s): an administrator "
                     "grants it sitrep_manager or sitrep_supervisor"),
                   described, db_error->message);
      break;

    case SITREP_DB_ERROR_CANNOT_OPEN:
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NO_DATABASE,
                   _("There is no team database “%s”: %s"), described, db_error->message);
      break;

    default:
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_UNREACHABLE,
                   _("The team database “%s” cannot be reached: %s"),
                   described, db_error->message);
      break;
    }
}

/* Sitrep uses what PostgreSQL 13 brought (trusted extensions,
 * GENERATED … AS IDENTITY and more). */
static gboolean
check_server (SitrepDb    *db,
              const char  *described,
              GError     **error)
{
  int version = PQserverVersion (sitrep_db_get_pg_conn (db));

  if (version >= SITREP_STORE_TEAM_MIN_SERVER)
    return TRUE;

  g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
               _("The team database “%s” runs on PostgreSQL %d, which is too old: "
                 "Sitrep needs PostgreSQL %d or newer"),
               described, version / 10000, SITREP_STORE_TEAM_MIN_SERVER / 10000);
  return FALSE;
}

static gboolean
query_int (SitrepDb     *db,
           const char   *sql,
           gint64       *value,
           GError      **error)
{
  g_autoptr(SitrepDbStmt) stmt = sitrep_db_get_stmt (db, sql, error);

  return stmt != NULL && sitrep_db_step_int64 (db, stmt, value, error);
}

/* The schema version of the database @db: 0 for an empty database; fails
 * for a database that holds another application's tables. */
static gboolean
read_team_version (SitrepDb     *db,
                   const char   *described,
                   gint64       *version,
                   GError      **error)
{
  g_autoptr(GError) db_error = NULL;
  gint64 has_meta = 0, tables = 0;
  g_autoptr(SitrepDbStmt) stmt = NULL;
  const char *application;

  if (!query_int (db, "SELECT to_regclass ('public.sitrep_meta') IS NOT NULL", &has_meta,
                  &db_error) ||
      !query_int (db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", &tables,
                  &db_error))
    {
      set_connect_error (described, db_error, error);
      return FALSE;
    }

  *version = 0;
  if (!has_meta)
    {
      if (tables == 0)
        return TRUE;

      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_A_DATABASE,
                   _("The database “%s” belongs to another application: it holds tables, "
                     "but no Sitrep records"),
                   described);
      return FALSE;
    }

  stmt = sitrep_db_get_stmt (db, "SELECT "
                             "(SELECT value FROM sitrep_meta WHERE key = 'application'), "
                             "(SELECT value FROM sitrep_meta WHERE key = 'schema_version')",
                             &db_error);
  if (stmt == NULL || sitrep_db_step (stmt) != SITREP_DB_ROW)
    {
      if (db_error == NULL)
        sitrep_db_set_error (db, SITREP_DB_SERVER_FAILED, &db_error);
      set_connect_error (described, db_error, error);
      return FALSE;
    }

  application = sitrep_db_column_text (stmt, 0);
  if (g_strcmp0 (application, "sitrep") != 0)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_A_DATABASE,
                   _("The database “%s” belongs to another application (“%s”)"),
                   described, application != NULL ? application : "");
      return FALSE;
    }

  *version = sitrep_db_column_is_null (stmt, 1) ? 0 : sitrep_db_column_int64 (stmt, 1);
  if (*version < 0 || *version > SITREP_STORE_TEAM_SCHEMA_VERSION)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_TOO_NEW,
                   _("The team database “%s” was set up by a newer Sitrep (schema %d; "
                     "this Sitrep knows up to %d): update Sitrep on this desk"),
                   described, (int) *version, SITREP_STORE_TEAM_SCHEMA_VERSION);
      return FALSE;
    }

  return TRUE;
}

static gboolean
run_setup (SitrepDb     *db,
           const char   *sql,
           const char   *described,
           GError      **error)
{
  g_autoptr(GError) db_error = NULL;

  if (sitrep_db_exec (db, sql, &db_error))
    return TRUE;

  if (db_error->code == SITREP_DB_ERROR_DENIED)
    g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_DENIED,
                 _("The team database “%s” could not be set up: %s. The login that sets "
                   "it up must own the database and may create roles"),
                 described, db_error->message);
  else
    g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                 _("The team database “%s” could not be set up: %s"),
                 described, db_error->message);
  return FALSE;
}

/**
 * sitrep_store_setup_team:
 * @address: a libpq URI or connection string
 * @password: (nullable): the login's password, unless libpq finds it
 * @report: (out) (optional) (transfer full): what was done, for people
 * @error: return location for a #GError
 *
 * Makes the database at @address a team database, or brings its schema
 * up to this Sitrep's: the group roles sitrep_manager and
 * sitrep_supervisor, the extensions search needs, the tables, and who
 * may do what. All of it is one transaction: a failure leaves the
 * database as it was. The login must own the database and may create
 * roles (or the roles exist already).
 *
 * Returns: %TRUE when the database is ready
 */
gboolean
sitrep_store_setup_team (const char   *address,
                         const char   *password,
                         char        **report,
                         GError      **error)
{
  g_autofree char *described = NULL;
  g_autoptr(SitrepDb) db = NULL;
  g_autoptr(GError) db_error = NULL;
  g_autoptr(SitrepStore) store = NULL;
  g_autofree char *set_version = NULL;
  gint64 version = 0;

  g_return_val_if_fail (address != NULL, FALSE);

  if (!check_address (address, error))
    return FALSE;

  described = sitrep_team_address_describe (address);
  db = sitrep_db_connect (address, password, &db_error);
  if (db == NULL)
    {
      set_connect_error (described, db_error, error);
      return FALSE;
    }

  if (!check_server (db, described, error) ||
      !read_team_version (db, described, &version, error))
    return FALSE;

  if (!sitrep_db_begin (db, TRUE, &db_error))
    {
      set_connect_error (described, db_error, error);
      return FALSE;
    }

  /* Roles belong to the whole server: they may be there already, from
   * another team database. */
  if (!run_setup (db, _sitrep_store_team_roles_sql (), described, error) ||
      !run_setup (db, _sitrep_store_team_extensions_sql (), described, error))
    {
      sitrep_db_rollback (db);
      return FALSE;
    }

  for (int v = (int) version; v < SITREP_STORE_TEAM_SCHEMA_VERSION; v++)
    if (!run_setup (db, _sitrep_store_team_migration_sql (v), described, error))
      {
        sitrep_db_rollback (db);
        return FALSE;
      }

  set_version = g_strdup_printf ("INSERT INTO sitrep_meta (key, value) "
                                 "VALUES ('schema_version', '%d') "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                 SITREP_STORE_TEAM_SCHEMA_VERSION);
  if (!run_setup (db, set_version, described, error) ||
      !run_setup (db, _sitrep_store_team_grants_sql (), described, error))
    {
      sitrep_db_rollback (db);
      return FALSE;
    }

  /* A new database starts with the default SLA policy, as a desk's does. */
  if (version == 0)
    {
      g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();

      store = g_object_new (SITREP_TYPE_STORE, NULL);
      store->path = g_strdup (described);
      store->db = g_steal_pointer (&db);
      store->team = TRUE;
      if (!_sitrep_store_write_policy (store, policy, NULL, error))
        {
          sitrep_db_rollback (store->db);
          return FALSE;
        }
      db = g_steal_pointer (&store->db);
    }

  if (!sitrep_db_commit (db, &db_error))
    {
      set_connect_error (described, db_error, error);
      return FALSE;
    }

  if (report != NULL)
    *report = version == 0
      ? g_strdup_printf (_("The team database “%s” is set up (schema %d). Grant each person's "
                           "login sitrep_manager or sitrep_supervisor."),
                         described, SITREP_STORE_TEAM_SCHEMA_VERSION)
      : version < SITREP_STORE_TEAM_SCHEMA_VERSION
      ? g_strdup_printf (_("The team database “%s” was brought from schema %d to %d."),
                         described, (int) version, SITREP_STORE_TEAM_SCHEMA_VERSION)
      : g_strdup_printf (_("The team database “%s” was up to date (schema %d); its roles "
                           "and privileges were granted again."),
                         described, SITREP_STORE_TEAM_SCHEMA_VERSION);
  return TRUE;
}

static gboolean
read_role (SitrepStore  *self,
           GError      **error)
{
  g_autoptr(GError) db_error = NULL;
  g_autoptr(SitrepDbStmt) stmt =
    sitrep_db_get_stmt (self->db,
                        "SELECT pg_has_role (current_user, 'sitrep_manager', 'MEMBER'), "
                        "pg_has_role (current_user, 'sitrep_supervisor', 'MEMBER'), "
                        "current_user, pg_backend_pid ()",
                        &db_error);

  if (stmt == NULL || sitrep_db_step (stmt) != SITREP_DB_ROW)
    {
      if (db_error == NULL)
        sitrep_db_set_error (self->db, SITREP_DB_SERVER_FAILED, &db_error);
      set_connect_error (self->path, db_error, error);
      return FALSE;
    }

  if (sitrep_db_column_int (stmt, 0))
    self->team_role = SITREP_TEAM_ROLE_MANAGER;
  else if (sitrep_db_column_int (stmt, 1))
    self->team_role = SITREP_TEAM_ROLE_SUPERVISOR;
  else
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_DENIED,
                   _("The login “%s” may not use the team database “%s”: an administrator "
                     "grants it sitrep_manager or sitrep_supervisor"),
                   sitrep_db_column_text (stmt, 2), self->path);
      return FALSE;
    }

  self->backend_pid = sitrep_db_column_int (stmt, 3);
  return TRUE;
}

static void
listener_incident_changed_cb (SitrepTeamListener *listener,
                              gint64              id,
                              guint               changes,
                              int                 writer_pid,
                              SitrepStore        *self)
{
  _sitrep_store_team_changed (self, writer_pid, id, changes);
}

static void
listener_changed_cb (SitrepTeamListener *listener,
                     int                 writer_pid,
                     SitrepStore        *self)
{
  _sitrep_store_team_changed (self, writer_pid, 0, 0);
}

static void
listener_caught_up_cb (SitrepTeamListener *listener,
                       SitrepStore        *self)
{
  _sitrep_store_team_changed (self, 0, 0, 0);
}

/* What was written between the store's first reads and the moment it
 * listens was not announced to it: when it first listens, everything is
 * read again, once. (Listening again later is a "caught-up".) */
static void
listener_connected_cb (SitrepTeamListener *listener,
                       GParamSpec         *pspec,
                       SitrepStore        *self)
{
  if (!sitrep_team_listener_get_connected (listener) || self->listened)
    return;

  self->listened = TRUE;
  _sitrep_store_team_changed (self, 0, 0, 0);
}

/* The writing store listens for the other desks' changes on the main
 * loop, on a connection of its own. */
static gboolean
start_listening (SitrepStore  *self,
                 GError      **error)
{
  g_autofree char *conninfo = sitrep_team_address_with_options (self->address, self->password,
                                                                error);

  if (conninfo == NULL)
    return FALSE;

  self->listener = sitrep_team_listener_new (conninfo, self->clock);
  g_signal_connect_object (self->listener, "incident-changed",
                           G_CALLBACK (listener_incident_changed_cb), self, 0);
  g_signal_connect_object (self->listener, "changed",
                           G_CALLBACK (listener_changed_cb), self, 0);
  g_signal_connect_object (self->listener, "caught-up",
                           G_CALLBACK (listener_caught_up_cb), self, 0);
  g_signal_connect_object (self->listener, "notify::connected",
                           G_CALLBACK (listener_connected_cb), self, 0);
  sitrep_team_listener_start (self->listener);
  return TRUE;
}

/**
 * sitrep_store_get_team_listener:
 * @self: a #SitrepStore
 *
 * Returns: (transfer none) (nullable): what hears the other desks'
 *   changes to a team database (and says whether the server can be
 *   reached), or %NULL for a desk's own database and for a reader
 */
SitrepTeamListener *
sitrep_store_get_team_listener (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  return self->listener;
}

/* While the server cannot be reached, a write is refused at once, before
 * it waits for a connection: the window keeps what was typed. */
gboolean
_sitrep_store_team_check_reachable (SitrepStore  *self,
                                    GError      **error)
{
  g_autofree char *since = NULL;

  if (self->listener == NULL || sitrep_team_listener_get_connected (self->listener)
      || sitrep_team_listener_get_unreachable_since (self->listener) == SITREP_TIME_NONE)
    return TRUE;

  since = sitrep_time_format_clock (sitrep_team_listener_get_unreachable_since (self->listener),
                                    get_now (self));
  g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_UNREACHABLE,
               /* Translators: the first %s names the team database, the second is a time */
               _("The team database “%s” cannot be reached since %s: nothing was changed. "
                 "Sitrep keeps trying; try again when it is back."),
               self->path, since);
  return FALSE;
}

/* @listen: start listening for the other desks' changes (a writing
 * store's, and on the main thread only: the listener lives there) */
static SitrepStore *
open_team (const char   *address,
           const char   *password,
           SitrepClock  *clock,
           gboolean      reader,
           gboolean      listen,
           GError      **error)
{
  g_autoptr(SitrepStore) self = NULL;
  g_autoptr(GError) db_error = NULL;
  gint64 version = 0;

  if (!check_address (address, error))
    return NULL;

  self = g_object_new (SITREP_TYPE_STORE, NULL);
  self->path = sitrep_team_address_describe (address);
  self->address = g_strdup (address);
  self->password = g_strdup (password);
  self->clock = g_object_ref (clock);
  self->team = TRUE;
  self->reader = reader;

  self->db = sitrep_db_connect (address, password, &db_error);
  if (self->db == NULL)
    {
      set_connect_error (self->path, db_error, error);
      return NULL;
    }
  /* a write waits for another desk's lock no longer than on a file */
  sitrep_db_set_busy_timeout (self->db, self->busy_timeout_ms);

  if (!check_server (self->db, self->path, error) ||
      !read_team_version (self->db, self->path, &version, error))
    return NULL;

  if (version == 0)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_A_DATABASE,
                   _("The team database “%s” is not set up yet: an administrator runs "
                     "“sitrep --database ADDRESS --setup-team” once"),
                   self->path);
      return NULL;
    }

  if (version < SITREP_STORE_TEAM_SCHEMA_VERSION)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                   _("The team database “%s” has an older schema (%d; this Sitrep needs "
                     "%d): an administrator runs “sitrep --database ADDRESS --setup-team” "
                     "to bring it up to date"),
                   self->path, (int) version, SITREP_STORE_TEAM_SCHEMA_VERSION);
      return NULL;
    }

  if (!read_role (self, error))
    return NULL;

  self->schema_version = SCHEMA_VERSION;
  self->read_only = self->team_role != SITREP_TEAM_ROLE_MANAGER;

  self->policy = _sitrep_store_read_policy (self, error);
  if (self->policy == NULL)
    return NULL;

  if (!reader && listen && !start_listening (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* The connection that a team store's submitted writes go through, on
 * the writing thread (sitrep-store-submit.c). It has the same login,
 * and the desk's identity in its notifications: the store that
 * submitted a write announces it itself, and does not hear it twice. */
SitrepStore *
_sitrep_store_team_open_writer (SitrepStore  *self,
                                GError      **error)
{
  SitrepStore *writer = open_team (self->address, self->password, self->clock, FALSE, FALSE,
                                   error);

  if (writer == NULL)
    return NULL;

  writer->backend_pid = self->backend_pid;
  writer->track_own_versions = TRUE;
  return writer;
}

/**
 * sitrep_store_open_team:
 * @address: a libpq URI or connection string
 * @password: (nullable): the login's password, unless libpq finds it
 *   (`~/.pgpass`, `PGPASSWORD`, Kerberos, peer)
 * @clock: the clock that says what "now" is
 * @error: return location for a #GError
 *
 * Opens a team database that sitrep_store_setup_team() has set up. It
 * waits for the server, at most a few seconds. The store is read-only
 * when the login is a supervisor (sitrep_store_get_team_role()); the
 * server refuses a supervisor's writes in any case.
 *
 * Returns: (transfer full): the store, or %NULL on error
 */
SitrepStore *
sitrep_store_open_team (const char   *address,
                        const char   *password,
                        SitrepClock  *clock,
                        GError      **error)
{
  g_return_val_if_fail (address != NULL, NULL);
  g_return_val_if_fail (SITREP_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_team (address, password, clock, FALSE, TRUE, error);
}

typedef struct
{
  char        *address;
  char        *password;
  SitrepClock *clock;
} OpenTeam;

static void
open_team_free (gpointer data)
{
  OpenTeam *open = data;

  g_free (open->address);
  g_free (open->password);
  g_clear_object (&open->clock);
  g_free (open);
}

static void
open_team_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  OpenTeam *open = task_data;
  GError *error = NULL;
  SitrepStore *store;

  store = open_team (open->address, open->password, open->clock, FALSE, FALSE, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/**
 * sitrep_store_open_team_async:
 * @address: a libpq URI or connection string
 * @password: (nullable): the login's password, unless libpq finds it
 * @clock: the clock that says what "now" is
 * @cancellable: (nullable): a #GCancellable; the server is waited for
 *   all the same, but what it answers is not used
 * @callback: called on the thread-default main context when the store
 *   is open or could not be
 * @user_data: data for @callback
 *
 * Like sitrep_store_open_team(), without waiting: a server that is slow
 * to answer, or never does, keeps a thread waiting, not the window.
 */
void
sitrep_store_open_team_async (const char          *address,
                              const char          *password,
                              SitrepClock         *clock,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenTeam *open;

  g_return_if_fail (address != NULL);
  g_return_if_fail (SITREP_IS_CLOCK (clock));

  open = g_new0 (OpenTeam, 1);
  open->address = g_strdup (address);
  open->password = g_strdup (password);
  open->clock = g_object_ref (clock);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_store_open_team_async);
  g_task_set_name (task, "[sitrep] open team database");
  g_task_set_task_data (task, open, open_team_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, open_team_thread);
}

/**
 * sitrep_store_open_team_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes sitrep_store_open_team_async(). The store starts listening for
 * the other desks' changes here, on the main loop.
 *
 * Returns: (transfer full): the store, or %NULL on error
 */
SitrepStore *
sitrep_store_open_team_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_autoptr(SitrepStore) self = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_task_propagate_pointer (G_TASK (result), error);
  if (self == NULL || !start_listening (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * sitrep_store_open_team_reader:
 * @address: a libpq URI or connection string
 * @password: (nullable): the login's password, unless libpq finds it
 * @clock: the clock that says what "now" is
 * @error: return location for a #GError
 *
 * Like sitrep_store_open_reader(), on a team database: a second
 * connection for a worker thread, which refuses every write.
 *
 * Returns: (transfer full): the reader, or %NULL on error
 */
SitrepStore *
sitrep_store_open_team_reader (const char   *address,
                               const char   *password,
                               SitrepClock  *clock,
                               GError      **error)
{
  g_return_val_if_fail (address != NULL, NULL);
  g_return_val_if_fail (SITREP_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_team (address, password, clock, TRUE, FALSE, error);
}

/**
 * sitrep_store_is_team:
 * @self: a #SitrepStore
 *
 * Returns: %TRUE for a team database (PostgreSQL)
 */
gboolean
sitrep_store_is_team (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  return self->team;
}

/**
 * sitrep_store_get_team_role:
 * @self: a #SitrepStore
 *
 * Returns: what the server lets the login do, or
 *   %SITREP_TEAM_ROLE_NONE for a desk's own database
 */
SitrepTeamRole
sitrep_store_get_team_role (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), SITREP_TEAM_ROLE_NONE);

  return self->team_role;
}

/* Tells every desk, when the write commits, what changed: the server
 * delivers the notification to each listening connection then, and never
 * for a write that is rolled back. */
gboolean
_sitrep_store_team_notify (SitrepStore   *self,
                           gint64         id,
                           SitrepChange   changes,
                           GError       **error)
{
  g_autofree char *payload = NULL;
  g_autoptr(SitrepDbStmt) stmt = NULL;

  if (!self->team)
    return TRUE;

  stmt = get_stmt (self, "SELECT pg_notify ('sitrep_changes', ?1)", error);
  if (stmt == NULL)
    return FALSE;

  payload = g_strdup_printf ("%d %" G_GINT64_FORMAT " %u", self->backend_pid, id,
                             (guint) changes);
  sitrep_db_bind_text (stmt, 1, payload);
  return step_done (self, stmt, error);
}

/* The address the store was opened with, which may hold a password:
 * for a second connection, never to show. */
const char *
_sitrep_store_get_address (SitrepStore *self)
{
  return self->address != NULL ? self->address : self->path;
}

const char *
_sitrep_store_get_password (SitrepStore *self)
{
  return self->password;
}

/* Another desk committed a change (a notification on the team channel):
 * the views hear of it as of a change made here. The store's own writes
 * were announced when they committed. */
void
_sitrep_store_team_changed (SitrepStore  *self,
                            int           writer_pid,
                            gint64        id,
                            SitrepChange  changes)
{
  g_debug ("%s: a change to incident %" G_GINT64_FORMAT " (%u) by server process %d",
           self->path, id, (guint) changes, writer_pid);
  if (writer_pid == self->backend_pid && writer_pid != 0)
    return;

  if (id > 0 && changes != 0)
    {
      _sitrep_store_emit_incident_changed (self, id, changes);
      return;
    }

  /* Not about one incident (the policy, the roster, an import), or
   * notifications were lost while the server was away: everything. */
  _sitrep_store_team_reread_all (self);
}
