/* sitrep-fault-vfs.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "sitrep-fault-vfs.h"

/*
 * A SQLite VFS that wraps the default one and, while armed, counts the
 * calls that put data on the disk (xWrite, xSync, xTruncate of any file:
 * the database, its write-ahead log, a journal) and fails the chosen one
 * as a full or failing disk would. Everything else is passed through.
 *
 * Installed as the default VFS, so every connection opened without naming
 * a VFS — the store's included — goes through it.
 */

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;   /* the wrapped VFS's file, allocated right after */
} FaultFile;

/* Methods of the wrapped files, one table per table of the real VFS. */
#define N_METHODS 8

static sqlite3_vfs   fault_vfs;
static sqlite3_vfs  *real_vfs;
static struct
{
  const sqlite3_io_methods *real;
  sqlite3_io_methods        wrapped;
} methods[N_METHODS];
static guint n_methods;

static gboolean     armed;
static guint        armed_at;
static SitrepFault  armed_fault;
static guint        count;
static guint        fired;
static guint        syncs;  /* every xSync, on any thread (atomic) */

static sqlite3_file *
real_file (sqlite3_file *file)
{
  return ((FaultFile *) file)->real;
}

/* Whether this call is the one to fail. */
static int
inject (void)
{
  if (!armed)
    return SQLITE_OK;

  count++;
  if (count != armed_at)
    return SQLITE_OK;

  fired++;
  return armed_fault == SITREP_FAULT_FULL ? SQLITE_FULL : SQLITE_IOERR_WRITE;
}

static int
fault_close (sqlite3_file *file)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xClose (real);
}

static int
fault_read (sqlite3_file *file,
            void         *buffer,
            int           amount,
            sqlite3_int64 offset)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xRead (real, buffer, amount, offset);
}

static int
fault_write (sqlite3_file *file,
             const void   *buffer,
             int           amount,
             sqlite3_int64 offset)
{
  sqlite3_file *real = real_file (file);
  int rc = inject ();

  return rc != SQLITE_OK ? rc : real->pMethods->xWrite (real, buffer, amount, offset);
}

static int
fault_truncate (sqlite3_file *file,
                sqlite3_int64 size)
{
  sqlite3_file *real = real_file (file);
  int rc = inject ();

  return rc != SQLITE_OK ? rc : real->pMethods->xTruncate (real, size);
}

static int
fault_sync (sqlite3_file *file,
            int           flags)
{
  sqlite3_file *real = real_file (file);
  int rc = inject ();

  g_atomic_int_inc (&syncs);
  return rc != SQLITE_OK ? rc : real->pMethods->xSync (real, flags);
}

static int
fault_file_size (sqlite3_file  *file,
                 sqlite3_int64 *size)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xFileSize (real, size);
}

static int
fault_lock (sqlite3_file *file,
            int           lock)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xLock (real, lock);
}

static int
fault_unlock (sqlite3_file *file,
              int           lock)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xUnlock (real, lock);
}

static int
fault_check_reserved_lock (sqlite3_file *file,
                           int          *out)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xCheckReservedLock (real, out);
}

static int
fault_file_control (sqlite3_file *file,
                    int           op,
                    void         *arg)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xFileControl (real, op, arg);
}

static int
fault_sector_size (sqlite3_file *file)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xSectorSize (real);
}

static int
fault_device_characteristics (sqlite3_file *file)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xDeviceCharacteristics (real);
}

static int
fault_shm_map (sqlite3_file  *file,
               int            page,
               int            page_size,
               int            extend,
               void volatile **out)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xShmMap (real, page, page_size, extend, out);
}

static int
fault_shm_lock (sqlite3_file *file,
                int           offset,
                int           n,
                int           flags)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xShmLock (real, offset, n, flags);
}

static void
fault_shm_barrier (sqlite3_file *file)
{
  sqlite3_file *real = real_file (file);

  real->pMethods->xShmBarrier (real);
}

static int
fault_shm_unmap (sqlite3_file *file,
                 int           delete_flag)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xShmUnmap (real, delete_flag);
}

static int
fault_fetch (sqlite3_file  *file,
             sqlite3_int64  offset,
             int            amount,
             void         **out)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xFetch (real, offset, amount, out);
}

static int
fault_unfetch (sqlite3_file  *file,
               sqlite3_int64  offset,
               void          *page)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xUnfetch (real, offset, page);
}

/* The wrapped table for the real one, offering only what the real one
 * offers (a missing method stays missing, as SQLite expects). */
static const sqlite3_io_methods *
wrap_methods (const sqlite3_io_methods *real)
{
  sqlite3_io_methods *wrapped;

  for (guint i = 0; i < n_methods; i++)
    {
      if (methods[i].real == real)
        return &methods[i].wrapped;
    }

  g_assert_cmpuint (n_methods, <, N_METHODS);
  methods[n_methods].real = real;
  wrapped = &methods[n_methods].wrapped;
  n_methods++;

  wrapped->iVersion = real->iVersion;
  wrapped->xClose = fault_close;
  wrapped->xRead = fault_read;
  wrapped->xWrite = fault_write;
  wrapped->xTruncate = fault_truncate;
  wrapped->xSync = fault_sync;
  wrapped->xFileSize = fault_file_size;
  wrapped->xLock = fault_lock;
  wrapped->xUnlock = fault_unlock;
  wrapped->xCheckReservedLock = fault_check_reserved_lock;
  wrapped->xFileControl = fault_file_control;
  wrapped->xSectorSize = fault_sector_size;
  wrapped->xDeviceCharacteristics = fault_device_characteristics;
  if (real->iVersion >= 2)
    {
      wrapped->xShmMap = real->xShmMap != NULL ? fault_shm_map : NULL;
      wrapped->xShmLock = real->xShmLock != NULL ? fault_shm_lock : NULL;
      wrapped->xShmBarrier = real->xShmBarrier != NULL ? fault_shm_barrier : NULL;
      wrapped->xShmUnmap = real->xShmUnmap != NULL ? fault_shm_unmap : NULL;
    }
  if (real->iVersion >= 3)
    {
      wrapped->xFetch = real->xFetch != NULL ? fault_fetch : NULL;
      wrapped->xUnfetch = real->xUnfetch != NULL ? fault_unfetch : NULL;
    }

  return wrapped;
}

static int
fault_open (sqlite3_vfs  *vfs,
            const char   *name,
            sqlite3_file *file,
            int           flags,
            int          *out_flags)
{
  FaultFile *self = (FaultFile *) file;
  int rc;

  self->real = (sqlite3_file *) (self + 1);
  memset (self->real, 0, real_vfs->szOsFile);
  rc = real_vfs->xOpen (real_vfs, name, self->real, flags, out_flags);

  /* SQLite closes a file whose methods are set, even after a failed open. */
  file->pMethods = self->real->pMethods != NULL ? wrap_methods (self->real->pMethods) : NULL;

  return rc;
}

/**
 * sitrep_fault_vfs_install:
 *
 * Makes the fault-injecting VFS the default for connections opened from
 * now on. Calling it again does nothing.
 */
void
sitrep_fault_vfs_install (void)
{
  if (real_vfs != NULL)
    return;

  real_vfs = sqlite3_vfs_find (NULL);
  g_assert_nonnull (real_vfs);

  fault_vfs = *real_vfs;
  fault_vfs.pNext = NULL;
  fault_vfs.zName = "sitrep-fault";
  fault_vfs.szOsFile = sizeof (FaultFile) + real_vfs->szOsFile;
  fault_vfs.xOpen = fault_open;

  g_assert_cmpint (sqlite3_vfs_register (&fault_vfs, 1), ==, SQLITE_OK);
}

/**
 * sitrep_fault_vfs_arm:
 * @fail_at: the call to fail, counting from 1; 0 only counts
 * @fault: how it fails
 *
 * Starts counting the calls that write, from zero, and fails the
 * @fail_at-th one (only that one).
 */
void
sitrep_fault_vfs_arm (guint       fail_at,
                      SitrepFault fault)
{
  armed = TRUE;
  armed_at = fail_at;
  armed_fault = fault;
  count = 0;
  fired = 0;
}

/**
 * sitrep_fault_vfs_disarm:
 *
 * Stops counting and failing; the counts stay readable.
 */
void
sitrep_fault_vfs_disarm (void)
{
  armed = FALSE;
}

/**
 * sitrep_fault_vfs_get_count:
 *
 * Returns: the calls that wrote (or would have) since the last arming
 */
guint
sitrep_fault_vfs_get_count (void)
{
  return count;
}

/**
 * sitrep_fault_vfs_get_fired:
 *
 * Returns: how many faults were injected since the last arming (0 or 1)
 */
guint
sitrep_fault_vfs_get_fired (void)
{
  return fired;
}

/**
 * sitrep_fault_vfs_get_syncs:
 *
 * Returns: how many times SQLite synced a file through the VFS, armed or
 *   not, since it was installed
 */
guint
sitrep_fault_vfs_get_syncs (void)
{
  return (guint) g_atomic_int_get (&syncs);
}
