/* test-cli-common.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sitrep-store.h"
#include "test-cli-common.h"

/*
 * What the command-line tests share: a temporary folder per test, and
 * running the real sitrep binary in it without a display.
 */

void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->tmp_dir = g_dir_make_tmp ("sitrep-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->tmp_dir, "sitrep.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          g_chmod (child, 0700);
          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }

  g_chmod (path, 0700);
  g_rmdir (path);
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->tmp_dir);
  g_free (fixture->db_path);
  g_free (fixture->tmp_dir);
}

char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* Runs in the child before sitrep starts. */
static void
set_up_child (gpointer user_data)
{
  const RunSetup *setup = user_data;

  if (setup->umask >= 0)
    umask (setup->umask);

  if (setup->file_size > 0)
    {
      struct rlimit limit = { setup->file_size, setup->file_size };

      /* A write past the limit fails with EFBIG, like one on a full disk,
       * instead of ending the process. */
      signal (SIGXFSZ, SIG_IGN);
      setrlimit (RLIMIT_FSIZE, &limit);
    }
}

/* Runs the real binary without a display, as @setup says. */
Run *
run_sitrep_setup (Fixture            *fixture,
                  const RunSetup     *setup,
                  const char * const *args)
{
  const char * const *env = setup->env;
  const char *input = setup->input;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = g_build_filename (fixture->tmp_dir, "data-home", NULL);
  const char *bin = g_getenv ("SITREP_BIN");
  Run *run = g_new0 (Run, 1);

  g_assert_nonnull (bin);

  g_ptr_array_add (argv, (gpointer) bin);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "SITREP_DATABASE");
  /* Never the user's own database. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }
  if (setup->umask >= 0 || setup->file_size > 0)
    g_subprocess_launcher_set_child_setup (launcher, set_up_child, (gpointer) setup, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL,
                                 &run->out, &run->err, &error);
  g_assert_no_error (error);

  /* What it said before a signal ended it, sanitizer reports included. */
  if (!g_subprocess_get_if_exited (process))
    g_printerr ("sitrep was ended by signal %d; its output:\n%s\n",
                g_subprocess_get_term_sig (process), run->err);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);

  if (g_test_verbose ())
    g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", run->status, run->out, run->err);

  return run;
}

/* Runs the real binary without a display. @env is NULL or a NULL-terminated
 * list of NAME=VALUE pairs; @input is written to its standard input. */
Run *
run_sitrep_full (Fixture            *fixture,
                 const char * const *env,
                 const char         *input,
                 const char * const *args)
{
  RunSetup setup = { env, input, -1, 0 };

  return run_sitrep_setup (fixture, &setup, args);
}

void
import_fixture (Fixture    *fixture,
                const char *db_path)
{
  g_autofree char *json = data_path ("cli-incidents.json");
  g_autoptr(Run) run = run_sitrep (fixture, "--database", db_path, "--import", json);

  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
}

/* An empty database, made by the store itself. */
void
create_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autoptr(SitrepStore) store = sitrep_store_open (path, clock, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
}

GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The names in @folder, sorted, one a line. */
char *
list_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv ("\n", (char **) names->pdata);
}

gint64
get_mtime_ns (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
}

void
assert_usage_error (Run *run)
{
  g_assert_cmpint (run->status, ==, 2);
  g_assert_true (g_str_has_prefix (run->err, "sitrep: "));
  g_assert_nonnull (strstr (run->err, "--help"));
  g_assert_cmpstr (run->out, ==, "");
}

mode_t
get_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* The environment of a desk whose role is @role: GSettings keeps it in a
 * key file under a folder of the test's own, which is how GSettings keeps
 * settings without dconf. */
GStrv
make_role_env (Fixture    *fixture,
               const char *role)
{
  g_autofree char *config = g_build_filename (fixture->tmp_dir, "config", NULL);
  g_autofree char *folder = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (folder, "keyfile", NULL);
  g_autofree char *contents = g_strdup_printf ("[io/github/sitrep/Sitrep]\n"
                                               "user-role='%s'\n", role);
  g_autoptr(GStrvBuilder) env = g_strv_builder_new ();
  g_autofree char *config_pair = g_strconcat ("XDG_CONFIG_HOME=", config, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (keyfile, contents, -1, &error);
  g_assert_no_error (error);

  g_strv_builder_add (env, "GSETTINGS_BACKEND=keyfile");
  g_strv_builder_add (env, config_pair);

  return g_strv_builder_end (env);
}
