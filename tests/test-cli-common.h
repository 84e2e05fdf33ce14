/* test-cli-common.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sys/resource.h>
#include <sys/types.h>

#include <gio/gio.h>

G_BEGIN_DECLS

/* The moment every --status test looks at the fixture from. */
#define FIXTURE_AT "2026-03-01T12:00:00Z"

typedef struct
{
  char *tmp_dir;
  char *db_path;
} Fixture;

/* How a run of sitrep ended. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

/* What the process runs with besides its arguments. */
typedef struct
{
  const char * const *env;        /* NULL, or NAME=VALUE pairs */
  const char         *input;      /* standard input, or NULL */
  int                 umask;      /* the file mode mask, or -1 for the test's */
  rlim_t              file_size;  /* the largest file it may write, or 0 */
} RunSetup;

void     run_free           (Run                *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

void     fixture_set_up     (Fixture            *fixture,
                             gconstpointer       data);
void     fixture_tear_down  (Fixture            *fixture,
                             gconstpointer       data);

char    *data_path          (const char         *name);

Run     *run_sitrep_setup   (Fixture            *fixture,
                             const RunSetup     *setup,
                             const char * const *args);
Run     *run_sitrep_full    (Fixture            *fixture,
                             const char * const *env,
                             const char         *input,
                             const char * const *args);

#define run_sitrep(fixture, ...) \
  run_sitrep_full ((fixture), NULL, NULL, (const char * const[]) { __VA_ARGS__, NULL })

void     import_fixture     (Fixture            *fixture,
                             const char         *db_path);
void     create_database    (const char         *path);

GBytes  *read_bytes         (const char         *path);
char    *list_folder        (const char         *folder);
gint64   get_mtime_ns       (const char         *path);
mode_t   get_mode           (const char         *path);

void     assert_usage_error (Run                *run);

GStrv    make_role_env      (Fixture            *fixture,
                             const char         *role);

G_END_DECLS
