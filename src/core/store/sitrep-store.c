/* sitrep-store.c
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

#include "sitrep-backup.h"
#include "sitrep-enums.h"
#include "sitrep-sla.h"
#include "sitrep-store-private.h"
#include "sitrep-time.h"

/*
 * SitrepStore owns Sitrep's SQLite database. It is one object over several
 * files, each for one concern, sharing sitrep-store-private.h:
 *
 *   sitrep-store.c          the object: opening (writer, reader), errors,
 *                           signals, properties
 *   sitrep-store-wal.c      a desk's write-ahead log: other programs'
 *                           writes seen through it, checkpoints off the
 *                           main thread
 *   sitrep-store-schema.c   schema SQL, migrations, integrity checks
 *   sitrep-store-rows.c     incident rows, their computed columns, and the
 *                           timeline, complaint and alert rows writes share
 *   sitrep-store-query.c    reading: incidents, timelines, the ticket list
 *   sitrep-store-write.c    the incident writes, one transaction each
 *   sitrep-store-policy.c   the SLA policy and the roster
 *   sitrep-store-alerts.c   the scheduler's alert bookkeeping
 *   sitrep-store-import.c   bulk import in one transaction
 *
 * Below it, SitrepDb (sitrep-db.c) is the connection itself.
 *
 * Nothing is ever deleted: triggers in the database refuse to delete
 * incidents, complaints and timeline entries, and to change timeline
 * entries.
 */

G_DEFINE_FINAL_TYPE (SitrepStore, sitrep_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (sitrep-store-error-quark, sitrep_store_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_CLOCK,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  INCIDENT_CHANGED,
  CHANGED,
  CONTACTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_sitrep_store_emit_incident_changed (SitrepStore  *self,
                                     gint64        id,
                                     SitrepChange  changes)
{
  /* a submitted write's, until it is on the disk (sitrep-store-sync.c) */
  if (!_sitrep_store_hold_incident_changed (self, id, changes))
    g_signal_emit (self, signals[INCIDENT_CHANGED], 0, id, (guint) changes);
}

void
_sitrep_store_emit_changed (SitrepStore *self)
{
  if (!_sitrep_store_hold_changed (self, FALSE))
    g_signal_emit (self, signals[CHANGED], 0);
}

void
_sitrep_store_emit_contacts_changed (SitrepStore *self)
{
  if (!_sitrep_store_hold_changed (self, TRUE))
    g_signal_emit (self, signals[CONTACTS_CHANGED], 0);
}

/* Turns a SITREP_DB_ERROR into the store's error, with a sentence that
 * names the file. */
void
_sitrep_store_map_db_error (SitrepStore   *self,
                            const GError  *db_error,
                            GError       **error)
{
  switch ((SitrepDbError) db_error->code)
    {
    case SITREP_DB_ERROR_LOCKED:
      if (self->team && self->reader)
        {
          g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_LOCKED,
                       _("Another session holds the records of the team database "
                         "“%s” that Sitrep was reading: try again"),
                       self->path);
          break;
        }
      if (self->team)
        {
          g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_LOCKED,
                       _("Someone else wrote to the same records of the team database "
                         "“%s” at the same moment; nothing was changed: try again"),
                       self->path);
          break;
        }
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_LOCKED,
                   _("The database “%s” is locked by another program; "
                     "try again when it has finished"),
                   self->path);
      break;

    case SITREP_DB_ERROR_NOT_A_DATABASE:
      /* once opened, a page that is no longer SQLite's is damage */
      if (self->schema_version == 0)
        {
          g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_A_DATABASE,
                       _("“%s” is not a Sitrep database"), self->path);
          break;
        }
      G_GNUC_FALLTHROUGH;

    case SITREP_DB_ERROR_CORRUPT:
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT,
                   _("The database “%s” is damaged (%s)"), self->path, db_error->message);
      break;

    case SITREP_DB_ERROR_FULL:
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_DISK_FULL,
                   _("The disk holding “%s” is full: nothing was written"), self->path);
      break;

    /* A write that fails rolls its transaction back (see _sitrep_store_rollback()), so
     * nothing of it is in the file. A file-size limit (EFBIG) comes here
     * too, as a write error. */
    case SITREP_DB_ERROR_IO:
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_IO,
                   _("Sitrep could not write to “%s” (disk I/O error): nothing was "
                     "written; free some space or check the disk"),
                   self->path);
      break;

    case SITREP_DB_ERROR_IO_READ:
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_IO,
                   _("Sitrep could not read “%s” (disk I/O error); check the disk"),
                   self->path);
      break;

    case SITREP_DB_ERROR_READ_ONLY_FILE:
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_READ_ONLY,
                   _("The database “%s” cannot be written to"), self->path);
      break;

    case SITREP_DB_ERROR_UNREACHABLE:
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_UNREACHABLE,
                   _("The team database “%s” cannot be reached: %s"),
                   self->path, db_error->message);
      break;

    case SITREP_DB_ERROR_DENIED:
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_DENIED,
                   _("The team database “%s” refused the change (%s); nothing was changed"),
                   self->path, db_error->message);
      break;

    case SITREP_DB_ERROR_AUTHENTICATION:
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_LOGIN,
                   _("The team database “%s” did not accept the login: %s"),
                   self->path, db_error->message);
      break;

    case SITREP_DB_ERROR_CANNOT_OPEN:
    case SITREP_DB_ERROR_CONSTRAINT:
    case SITREP_DB_ERROR_FAILED:
    default:
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                   _("Error in the database “%s”: %s"), self->path, db_error->message);
      break;
    }
}

/* Whether a file of @size bytes can be a SQLite database at all. Its
 * header is left for SQLite to read (a file that is not a database fails
 * with SITREP_DB_ERROR_NOT_A_DATABASE at the first statement): closing a
 * descriptor of our own on the file would drop every POSIX lock this
 * process holds on it, those of the store's other connections included,
 * and another program could then checkpoint and delete the write-ahead
 * log they still write to. */
static gboolean
check_header (SitrepStore  *self,
              gint64        size,
              GError      **error)
{
  if (size < 100)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Sitrep database"), self->path);
      return FALSE;
    }

  return TRUE;
}

/* Checks that the existing file @st describes is a file this user may
 * read, and notes its size. */
static gboolean
check_readable (SitrepStore  *self,
                GStatBuf     *st,
                GError      **error)
{
  self->file_size = st->st_size;

  if (!S_ISREG (st->st_mode))
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Sitrep database"), self->path);
      return FALSE;
    }

  if (g_access (self->path, R_OK) != 0)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                   _("You are not allowed to read the database “%s”"), self->path);
      return FALSE;
    }

  return TRUE;
}

/* Checks that the file exists and may be read, for a store that must not
 * create one. */
static gboolean
check_existing_file (SitrepStore  *self,
                     GError      **error)
{
  GStatBuf st;

  if (g_stat (self->path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NO_DATABASE,
                     _("There is no Sitrep database at “%s”"), self->path);
      else
        g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                     _("Could not read the database “%s”: %s"),
                     self->path, g_strerror (saved_errno));
      return FALSE;
    }

  return check_readable (self, &st, error) && check_header (self, st.st_size, error);
}

/* Checks with the file system what SQLite would otherwise find out too late
 * (or silently, by opening read-only). */
static gboolean
check_file (SitrepStore  *self,
            gboolean     *exists,
            GError      **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  GStatBuf st;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NO_DIRECTORY,
                   _("The folder “%s” for the database does not exist"), dir);
      return FALSE;
    }

  *exists = g_stat (self->path, &st) == 0;

  if (*exists)
    {
      if (!check_readable (self, &st, error))
        return FALSE;

      if (g_access (self->path, W_OK) != 0)
        {
          g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_READ_ONLY,
                       _("The database “%s” is read-only"), self->path);
          return FALSE;
        }

      /* An empty file becomes a new database; anything else must start
       * with SQLite's header. */
      if (st.st_size > 0 && !check_header (self, st.st_size, error))
        return FALSE;
    }

  /* The journal lives next to the database. */
  if (g_access (dir, W_OK) != 0)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_READ_ONLY,
                   _("The folder “%s” is read-only, so the database “%s” cannot be written"),
                   dir, self->path);
      return FALSE;
    }

  return TRUE;
}

/* Incidents are private: the file is made here, readable by its owner
 * only whatever the umask, before SQLite opens it. SQLite gives the -wal
 * and -shm files it makes next to it the same mode. */
static gboolean
create_private_file (SitrepStore  *self,
                     GError      **error)
{
  int fd = g_open (self->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  int saved_errno;

  if (fd >= 0 && fchmod (fd, 0600) == 0)
    {
      close (fd);
      return TRUE;
    }

  saved_errno = errno;
  if (fd >= 0)
    {
      close (fd);
      g_unlink (self->path);
    }

  g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
               _("Could not create the database “%s”: %s"),
               self->path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
open_connection (SitrepStore  *self,
                 int           flags,
                 GError      **error)
{
  GError *db_error = NULL;

  self->db = sitrep_db_open (self->path, flags, self->busy_timeout_ms, &db_error);
  return db_result (self, self->db != NULL, db_error, error);
}

/* A migration cannot be undone: an existing database of an older schema
 * (version 0 is an empty SQLite file, with nothing to keep) is copied to
 * the backup folder first, and is not migrated without that copy. */
static gboolean
back_up_before_migration (SitrepStore  *self,
                          GError      **error)
{
  g_autoptr(GError) backup_error = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *folder = NULL;

  if (sitrep_backup_take (self->path, SITREP_BACKUP_BEFORE_MIGRATION, self->clock,
                          &backup_path, &backup_error))
    return TRUE;

  folder = sitrep_backup_get_folder (self->path);
  g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
               _("The database “%s” was not upgraded to this version of Sitrep, because "
                 "it could not be backed up to “%s” first: %s"),
               self->path, folder, backup_error->message);
  return FALSE;
}

static gboolean
open_database (SitrepStore  *self,
               GError      **error)
{
  g_autoptr(GError) settle_error = NULL;
  gint64 version = 0;

  /* A store is used from one thread (its main context): no mutexes. The
   * file exists by now (create_private_file()): SQLite must not make one
   * with the umask's mode. */
  if (!open_connection (self, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, error))
    return FALSE;

  if (sqlite3_db_readonly (sitrep_db_get_handle (self->db), "main") == 1)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_READ_ONLY,
                   _("The database “%s” is read-only"), self->path);
      return FALSE;
    }

  /* Nothing below writes until the file is known to be a Sitrep database
   * this version understands, and undamaged. */
  if (!_sitrep_store_read_version (self, &version, error))
    return FALSE;

  if (!_sitrep_store_check_integrity (self, (int) version, error))
    return FALSE;

  if (version > 0 && version < SCHEMA_VERSION && !back_up_before_migration (self, error))
    return FALSE;

  /* The page cache is a maximum of 32 MB, used as the database grows. */
  if (!exec_sql (self, "PRAGMA journal_mode = WAL", error) ||
      !exec_sql (self, SYNC_DURABLE_PRAGMA, error) ||
      !exec_sql (self, "PRAGMA foreign_keys = ON", error) ||
      !exec_sql (self, CACHE_SIZE_PRAGMA, error) ||
      !exec_sql (self, "PRAGMA analysis_limit = 1000", error) ||
      !exec_sql (self, "PRAGMA temp_store = MEMORY", error))
    return FALSE;

  if (!_sitrep_store_migrate (self, (int) version, error))
    return FALSE;

  /* statistics only guide SQLite's planner: a file whose statistics
   * could not be corrected (another program holds the lock) opens all
   * the same */
  if (!_sitrep_store_settle_search_statistics (self, &settle_error))
    g_debug ("%s: search index statistics left as they are: %s",
             self->path, settle_error->message);

  self->schema_version = SCHEMA_VERSION;

  self->policy = _sitrep_store_read_policy (self, error);
  if (self->policy == NULL)
    return FALSE;

  return query_int64 (self, "PRAGMA data_version", &self->data_version, error);
}

/* Opens the connection of sitrep_store_open_reader(): it trusts the
 * schema, which the writing store has brought up to date and checked. */
static gboolean
open_reader_database (SitrepStore  *self,
                      GError      **error)
{
  gint64 version = 0;

  /* NOMUTEX: the reader belongs to the one thread that uses it. */
  if (!open_connection (self, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, error))
    return FALSE;

  if (!_sitrep_store_read_version (self, &version, error))
    return FALSE;

  if (version < SCHEMA_VERSION)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                   _("The database “%s” has not been brought up to date yet "
                     "(database version %d; this version needs %d)"),
                   self->path, (int) version, SCHEMA_VERSION);
      return FALSE;
    }

  if (!exec_sql (self, CACHE_SIZE_PRAGMA, error) ||
      !exec_sql (self, "PRAGMA temp_store = MEMORY", error))
    return FALSE;

  self->schema_version = (int) version;

  self->policy = _sitrep_store_read_policy (self, error);
  if (self->policy == NULL)
    return FALSE;

  return query_int64 (self, "PRAGMA data_version", &self->data_version, error);
}

/* A reader has no file monitor: before it hands out the policy it asks
 * SQLite whether another connection committed since it last read it. */
void
_sitrep_store_refresh_reader_policy (SitrepStore *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepPolicy) policy = NULL;
  gint64 version;

  /* a server has no cheap "did anything change": the policy is two
   * small rows */
  if (self->team)
    {
      policy = _sitrep_store_read_policy (self, &error);
      if (policy != NULL)
        g_set_object (&self->policy, policy);
      return;
    }

  if (!query_int64 (self, "PRAGMA data_version", &version, &error))
    {
      g_warning ("%s", error->message);
      return;
    }

  if (version == self->data_version)
    return;

  policy = _sitrep_store_read_policy (self, &error);
  if (policy == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }

  self->data_version = version;
  g_set_object (&self->policy, policy);
}

static void
sitrep_store_dispose (GObject *object)
{
  SitrepStore *self = (SitrepStore *) object;

  /* what was submitted is written before the store goes */
  _sitrep_store_stop_writer (self);
  _sitrep_store_unwatch_wal (self);
  _sitrep_store_stop_syncing (self);

  if (self->listener != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->listener, self);
      sitrep_team_listener_stop (self->listener);
      g_clear_object (&self->listener);
    }

  G_OBJECT_CLASS (sitrep_store_parent_class)->dispose (object);
}

static void
sitrep_store_finalize (GObject *object)
{
  SitrepStore *self = (SitrepStore *) object;

  if (self->db != NULL)
    {
      if (self->in_import)
        _sitrep_store_rollback (self);
      /* Keeps the query planner's statistics fresh; never waits for a lock. */
      if (self->schema_version > 0 && !self->read_only && !self->reader && !self->team)
        {
          sitrep_db_set_busy_timeout (self->db, 0);
          sitrep_db_exec (self->db, "PRAGMA optimize", NULL);
        }
    }

  g_clear_pointer (&self->db, sitrep_db_close);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->address, g_free);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_clear_pointer (&self->password, g_free);
  g_clear_object (&self->clock);
  g_clear_object (&self->policy);
  g_clear_object (&self->import_policy);

  G_OBJECT_CLASS (sitrep_store_parent_class)->finalize (object);
}

static void
sitrep_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SitrepStore *self = SITREP_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_store_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SitrepStore *self = SITREP_STORE (object);

  switch (prop_id)
    {
    case PROP_READ_ONLY:
      sitrep_store_set_read_only (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_store_class_init (SitrepStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_store_dispose;
  object_class->finalize = sitrep_store_finalize;
  object_class->get_property = sitrep_store_get_property;
  object_class->set_property = sitrep_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, SITREP_TYPE_CLOCK,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * SitrepStore:read-only:
   *
   * Whether the current user may only view (a supervisor): every write
   * then fails with %SITREP_LIFECYCLE_ERROR_READ_ONLY_ROLE.
   */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitrepStore::incident-changed:
   * @self: the store
   * @id: the incident's row id
   * @changes: what changed, a #SitrepChange
   *
   * Emitted after a write to one incident was committed. A write that
   * changed nothing (setting the value a field already has) emits nothing.
   */
  signals[INCIDENT_CHANGED] =
    g_signal_new ("incident-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_UINT);

  /**
   * SitrepStore::changed:
   *
   * Emitted when anything may have changed: after an import, a policy
   * change, or a write by another program.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * SitrepStore::contacts-changed:
   *
   * Emitted after the roster was changed through this store.
   */
  signals[CONTACTS_CHANGED] =
    g_signal_new ("contacts-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
sitrep_store_init (SitrepStore *self)
{
  self->busy_timeout_ms = DEFAULT_BUSY_TIMEOUT_MS;
}

/**
 * sitrep_store_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/sitrep/sitrep.db`
 */
char *
sitrep_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "sitrep", "sitrep.db", NULL);
}

/* sitrep_store_open() and sitrep_store_open_existing() */
static SitrepStore *
open_store (const char   *path,
            SitrepClock  *clock,
            gboolean      must_exist,
            GError      **error)
{
  g_autoptr(SitrepStore) self = NULL;
  g_autofree char *default_path = sitrep_store_default_path ();
  gboolean exists = FALSE;

  if (path == NULL)
    path = default_path;

  self = g_object_new (SITREP_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->clock = g_object_ref (clock);

  if (must_exist && !check_existing_file (self, error))
    return NULL;

  if (!must_exist && g_strcmp0 (path, default_path) == 0)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NO_DIRECTORY,
                       _("Could not create the folder “%s”: %s"),
                       dir, g_strerror (saved_errno));
          return NULL;
        }
    }

  if (!check_file (self, &exists, error))
    return NULL;

  if (!exists && !create_private_file (self, error))
    return NULL;

  if (!open_database (self, error))
    {
      /* A file made here and left unusable goes away again. */
      g_clear_pointer (&self->db, sitrep_db_close);
      if (!exists)
        {
          g_autofree char *wal = g_strconcat (path, "-wal", NULL);
          g_autofree char *shm = g_strconcat (path, "-shm", NULL);

          g_unlink (wal);
          g_unlink (shm);
          g_unlink (path);
        }
      return NULL;
    }

  _sitrep_store_watch_wal (self);

  return g_steal_pointer (&self);
}

/**
 * sitrep_store_open:
 * @path: (nullable): the database file, or %NULL for
 *   sitrep_store_default_path()
 * @clock: the clock that says what "now" is
 * @error: return location for a #GError
 *
 * Opens Sitrep's database, creating the file when it does not exist and
 * bringing its schema up to date. The folder must exist, except the folder
 * of the default path, which is created.
 *
 * When opening fails the file is left exactly as it was: a file that is not
 * a Sitrep database (%SITREP_STORE_ERROR_NOT_A_DATABASE), a damaged one
 * (%SITREP_STORE_ERROR_CORRUPT), one written by a newer Sitrep
 * (%SITREP_STORE_ERROR_TOO_NEW), a read-only file or folder
 * (%SITREP_STORE_ERROR_READ_ONLY), a missing folder
 * (%SITREP_STORE_ERROR_NO_DIRECTORY) or a database another program keeps
 * locked (%SITREP_STORE_ERROR_LOCKED).
 *
 * A database of an older schema is copied to the backup folder
 * (sitrep_backup_take(), %SITREP_BACKUP_BEFORE_MIGRATION) before it is
 * migrated; when that copy fails it is not migrated and opening fails
 * (%SITREP_STORE_ERROR_FAILED, naming the database and the folder).
 *
 * A database of up to 16 MiB is checked whole for damage. A larger one is
 * checked for its header, schema and SLA policy and every page of its
 * incidents and complaints, so that opening it stays fast (tens of
 * milliseconds for 150 MB); damage elsewhere in it (the timeline, an
 * index) is reported by whichever later call reads or writes the damaged
 * part, as %SITREP_STORE_ERROR_CORRUPT with the file's name.
 *
 * Returns: (transfer full): the store, or %NULL on error
 */
SitrepStore *
sitrep_store_open (const char   *path,
                   SitrepClock  *clock,
                   GError      **error)
{
  g_return_val_if_fail (SITREP_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (sitrep_store_is_team_address (path))
    return sitrep_store_open_team (path, NULL, clock, error);

  return open_store (path, clock, FALSE, error);
}

/**
 * sitrep_store_open_existing:
 * @path: (nullable): the database file, or %NULL for
 *   sitrep_store_default_path()
 * @clock: the clock that says what "now" is
 * @error: return location for a #GError
 *
 * Like sitrep_store_open(), for callers that must not create a database
 * (a status report, an export, a backup): when there is no file at @path
 * it fails with %SITREP_STORE_ERROR_NO_DATABASE and creates neither the
 * file nor its folder. An existing database is brought up to date as by
 * sitrep_store_open().
 *
 * Returns: (transfer full): the store, or %NULL on error
 */
SitrepStore *
sitrep_store_open_existing (const char   *path,
                            SitrepClock  *clock,
                            GError      **error)
{
  g_return_val_if_fail (SITREP_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (sitrep_store_is_team_address (path))
    return sitrep_store_open_team (path, NULL, clock, error);

  return open_store (path, clock, TRUE, error);
}

/**
 * sitrep_store_open_reader:
 * @path: an existing Sitrep database
 * @clock: the clock that says what "now" is
 * @error: return location for a #GError
 *
 * Opens a second, read-only connection to a database that a writing store
 * (sitrep_store_open()) has created and brought up to date, for a worker
 * thread: list queries, search, the alert catch-up. WAL lets it read while
 * the writing store writes on another thread; each read sees the last
 * commit before it began.
 *
 * The reader belongs to the thread that uses it: create it, use it and
 * unref it on that one thread. It runs no migration and checks only the
 * file's header and identity; it watches nothing and attaches no source to
 * any main context, so it emits no signal by itself. Every write fails with
 * %SITREP_STORE_ERROR_READ_ONLY. sitrep_store_get_policy() re-reads the
 * policy when another connection committed since.
 *
 * Returns: (transfer full): the reader, or %NULL on error
 *   (%SITREP_STORE_ERROR_NO_DATABASE when there is no file at @path)
 */
SitrepStore *
sitrep_store_open_reader (const char   *path,
                          SitrepClock  *clock,
                          GError      **error)
{
  g_autoptr(SitrepStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (SITREP_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (sitrep_store_is_team_address (path))
    return sitrep_store_open_team_reader (path, NULL, clock, error);

  self = g_object_new (SITREP_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->clock = g_object_ref (clock);
  self->reader = TRUE;

  if (!check_existing_file (self, error) || !open_reader_database (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * sitrep_store_needs_migration:
 * @path: (nullable): the database file, or %NULL for
 *   sitrep_store_default_path()
 * @error: return location for a #GError
 *
 * Says whether sitrep_store_open() would migrate the database at @path to
 * this Sitrep's schema (it backs the file up first, see
 * back_up_before_migration()), so that the caller can tell the user. It
 * reads the file's version with a read-only connection and writes
 * nothing.
 *
 * Returns: %TRUE when @path holds a Sitrep database of an older schema;
 *   %FALSE, without error, when it is up to date or there is nothing to
 *   keep (no file, an empty one, or an empty SQLite database); %FALSE with
 *   @error set when the file cannot be opened as a Sitrep database (the
 *   same errors as sitrep_store_open(), e.g. %SITREP_STORE_ERROR_TOO_NEW)
 */
gboolean
sitrep_store_needs_migration (const char  *path,
                              GError     **error)
{
  g_autoptr(SitrepStore) probe = NULL;
  g_autofree char *default_path = NULL;
  gint64 version = 0;
  GStatBuf st;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (path == NULL)
    path = default_path = sitrep_store_default_path ();

  /* other failures are for check_existing_file() to report */
  if (g_stat (path, &st) != 0)
    {
      if (errno == ENOENT || errno == ENOTDIR)
        return FALSE;
    }
  else if (S_ISREG (st.st_mode) && st.st_size == 0)
    return FALSE;

  probe = g_object_new (SITREP_TYPE_STORE, NULL);
  probe->path = g_strdup (path);
  probe->reader = TRUE;

  if (!check_existing_file (probe, error))
    return FALSE;

  if (!open_connection (probe, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, error))
    return FALSE;

  if (!_sitrep_store_read_version (probe, &version, error))
    return FALSE;

  /* version 0 here is an empty SQLite database: nothing to keep */
  return version > 0 && version < SCHEMA_VERSION;
}

/**
 * sitrep_store_set_busy_timeout:
 * @self: a #SitrepStore
 * @milliseconds: how long a write waits for another program's lock
 */
void
sitrep_store_set_busy_timeout (SitrepStore *self,
                               int          milliseconds)
{
  g_return_if_fail (SITREP_IS_STORE (self));

  self->busy_timeout_ms = MAX (0, milliseconds);
  if (self->db != NULL)
    sitrep_db_set_busy_timeout (self->db, self->busy_timeout_ms);
}

/**
 * sitrep_store_set_durable:
 * @self: a #SitrepStore
 * @durable: whether each commit is put on the disk
 *
 * A writable desk's file is synced by the store's own thread after each
 * commit (sitrep-store-sync.c); another store's commits are synced by
 * SQLite (`synchronous` FULL). Not durable, commits only keep the file
 * consistent (as during an import, or for benchmarks that compare).
 */
void
sitrep_store_set_durable (SitrepStore *self,
                          gboolean     durable)
{
  g_return_if_fail (SITREP_IS_STORE (self));

  if (!_sitrep_store_set_syncing (self, durable))
    exec_sql (self, durable ? SYNC_DURABLE_PRAGMA : SYNC_BULK_PRAGMA, NULL);
}

/**
 * sitrep_store_get_durable:
 * @self: a #SitrepStore
 *
 * Returns: whether each commit is put on the disk: by the store's thread,
 *   or in the commit (SQLite's `synchronous` is FULL or EXTRA)
 */
gboolean
sitrep_store_get_durable (SitrepStore *self)
{
  gint64 level = 0;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (self->syncer != NULL)
    return self->durable;

  return query_int64 (self, "PRAGMA synchronous", &level, NULL) && level >= 2;
}

/**
 * sitrep_store_get_path:
 * @self: a #SitrepStore
 *
 * Returns: (transfer none): the database file
 */
const char *
sitrep_store_get_path (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  return self->path;
}

/**
 * sitrep_store_get_clock:
 * @self: a #SitrepStore
 *
 * Returns: (transfer none): the clock the store was opened with
 */
SitrepClock *
sitrep_store_get_clock (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  return self->clock;
}

/**
 * sitrep_store_get_schema_version:
 * @self: a #SitrepStore
 *
 * Returns: the database's schema version (its `PRAGMA user_version`)
 */
int
sitrep_store_get_schema_version (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), 0);

  return self->schema_version;
}

/**
 * sitrep_store_set_read_only:
 * @self: a #SitrepStore
 * @read_only: whether the current user may only view the data
 *
 * For a supervisor: while set, every write (and every import) fails with
 * %SITREP_LIFECYCLE_ERROR_READ_ONLY_ROLE and changes nothing.
 */
void
sitrep_store_set_read_only (SitrepStore *self,
                            gboolean     read_only)
{
  g_return_if_fail (SITREP_IS_STORE (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  self->read_only = read_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

/**
 * sitrep_store_get_read_only:
 * @self: a #SitrepStore
 *
 * Returns: whether the store refuses writes (see sitrep_store_set_read_only())
 */
gboolean
sitrep_store_get_read_only (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  return self->read_only;
}

/**
 * sitrep_store_begin_snapshot:
 * @self: a #SitrepStore
 * @error: return location for a #GError
 *
 * Starts a read transaction: every read until sitrep_store_end_snapshot()
 * sees the database as it was at the first of them, whatever other
 * programs write meanwhile. No write may be made through @self until the
 * snapshot ends.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_store_begin_snapshot (SitrepStore  *self,
                             GError      **error)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (!_sitrep_store_check_no_import (self, error))
    return FALSE;

  if (self->team)
    return exec_sql (self, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error);

  return exec_sql (self, "BEGIN DEFERRED", error);
}

/**
 * sitrep_store_end_snapshot:
 * @self: a #SitrepStore
 *
 * Ends the read transaction started by sitrep_store_begin_snapshot().
 */
void
sitrep_store_end_snapshot (SitrepStore *self)
{
  g_return_if_fail (SITREP_IS_STORE (self));

  if (sitrep_db_in_transaction (self->db))
    sitrep_db_commit (self->db, NULL);
}
