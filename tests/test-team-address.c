/* test-team-address.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libpq-fe.h>

#include "sitrep-team-address.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PQconninfoOption, PQconninfoFree)

/* The value libpq reads for @keyword from @conninfo, or NULL. */
static char *
parsed_value (const char *conninfo,
              const char *keyword)
{
  g_autoptr(PQconninfoOption) options = NULL;
  char *parse_error = NULL;

  options = PQconninfoParse (conninfo, &parse_error);
  if (options == NULL)
    g_error ("libpq cannot parse its own connection string: %s", parse_error);

  for (const PQconninfoOption *option = options; option->keyword != NULL; option++)
    {
      if (strcmp (option->keyword, keyword) == 0)
        return g_strdup (option->val);
    }

  return NULL;
}

static void
test_is_team (void)
{
  static const struct {
    const char *database;
    gboolean    team;
  } cases[] = {
    { "postgresql://db.example.org/sitrep", TRUE },
    { "postgres://ann@db.example.org:5433/sitrep", TRUE },
    { "postgresql://", TRUE },
    /* malformed, but meant for PostgreSQL: opening it says what is wrong */
    { "postgresql://db/sitrep?no_such_option=1", TRUE },
    { "host=db.example.org dbname=sitrep", TRUE },
    { "dbname=sitrep", TRUE },
    { "host=/var/run/postgresql", TRUE },
    { "service=ops", TRUE },
    { "  dbname = 'sitrep'  ", TRUE },
    { "sslmode=require", FALSE },
    { "host='' dbname=''", FALSE },
    { "dbname", FALSE },
    { "/tmp/a=b.db", FALSE },
    { "/tmp/host=db.db", FALSE },
    { "./x", FALSE },
    { "./dbname=x", FALSE },
    { "~/dbname=x", FALSE },
    { "sitrep.db", FALSE },
    { "a=b.db", FALSE },
    { "data/dbname=x.db", FALSE },
    { "file:sitrep.db?mode=ro", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].database);
      g_assert_cmpint (sitrep_team_address_is_team (cases[i].database), ==, cases[i].team);
    }

  g_assert_false (sitrep_team_address_is_team (NULL));
}

static void
test_describe (void)
{
  static const struct {
    const char *database;
    const char *shown;
  } cases[] = {
    { "postgresql://ann:secret@db.example.org:5433/sitrep",
      "sitrep on db.example.org:5433 as ann" },
    { "postgresql://db.example.org/sitrep", "sitrep on db.example.org" },
    { "host=db.example.org dbname=sitrep password=secret",
      "sitrep on db.example.org" },
    { "hostaddr=192.0.2.7 port=6432 dbname=ops user=bob",
      "ops on 192.0.2.7:6432 as bob" },
    { "dbname=sitrep", "sitrep" },
    { "dbname=sitrep port=5433", "sitrep on port 5433" },
    { "host=db.example.org", "db.example.org" },
    { "service=ops user=ann", "service ops as ann" },
    { "postgresql://ann:secret@", "the default database as ann" },
    { "/tmp/sitrep.db", "/tmp/sitrep.db" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = sitrep_team_address_describe (cases[i].database);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

/* An address libpq cannot read is still shown, without its password. */
static void
test_describe_malformed (void)
{
  static const char *cases[] = {
    "postgresql://ann:secret@db.example.org/sitrep?no_such_option=1",
    "postgresql://db.example.org/sitrep?password=secret&no_such_option=1",
    "postgresql://db.example.org/sitrep?no_such_option=1&password=secret",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = sitrep_team_address_describe (cases[i]);

      g_test_message ("%s → %s", cases[i], shown);
      g_assert_null (strstr (shown, "secret"));
      g_assert_nonnull (strstr (shown, "db.example.org"));
      g_assert_nonnull (strstr (shown, "no_such_option"));
    }
}

static void
test_options_added (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = NULL;
  static const struct {
    const char *keyword;
    const char *value;
  } expected[] = {
    { "host", "db.example.org" },
    { "dbname", "sitrep" },
    { "user", "ann" },
    { "port", "5433" },
    { "connect_timeout", "5" },
    { "application_name", "sitrep" },
    { "keepalives", "1" },
    { "keepalives_idle", "5" },
    { "keepalives_interval", "2" },
    { "keepalives_count", "3" },
    { "tcp_user_timeout", "5000" },
  };

  conninfo = sitrep_team_address_with_options ("postgresql://ann@db.example.org:5433/sitrep",
                                               NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *value = parsed_value (conninfo, expected[i].keyword);

      g_assert_cmpstr (value, ==, expected[i].value);
    }

  g_clear_pointer (&conninfo, g_free);
  {
    g_autofree char *password = NULL;

    conninfo = sitrep_team_address_with_options ("dbname=sitrep", NULL, &error);
    g_assert_no_error (error);
    password = parsed_value (conninfo, "password");
    g_assert_null (password);
  }
}

/* What the user gave wins over Sitrep's defaults, and survives quoting. */
static void
test_options_preserved (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = NULL;
  static const struct {
    const char *keyword;
    const char *value;
  } expected[] = {
    { "host", "db.example.org" },
    { "dbname", "incident desk" },
    { "connect_timeout", "20" },
    { "application_name", "night shift" },
    { "keepalives", "0" },
    { "sslmode", "verify-full" },
    { "options", "-c search_path=it\\'s" },
    { "tcp_user_timeout", "5000" },
  };

  conninfo = sitrep_team_address_with_options ("host=db.example.org dbname='incident desk' "
                                               "connect_timeout=20 "
                                               "application_name='night shift' "
                                               "keepalives=0 sslmode=verify-full "
                                               "options='-c search_path=it\\\\\\'s'",
                                               NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *value = parsed_value (conninfo, expected[i].keyword);

      g_assert_cmpstr (value, ==, expected[i].value);
    }
}

static void
test_options_password (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *password = NULL;
  g_autofree char *user = NULL;

  /* A password given apart replaces one in the address. */
  conninfo = sitrep_team_address_with_options ("postgresql://ann:old@db.example.org/sitrep",
                                               "it's a \\ secret", &error);
  g_assert_no_error (error);
  g_assert_null (strstr (conninfo, "old"));
  password = parsed_value (conninfo, "password");
  g_assert_cmpstr (password, ==, "it's a \\ secret");
  user = parsed_value (conninfo, "user");
  g_assert_cmpstr (user, ==, "ann");

  /* Without one, the address's own stays. */
  g_clear_pointer (&conninfo, g_free);
  g_clear_pointer (&password, g_free);
  conninfo = sitrep_team_address_with_options ("postgresql://ann:old@db.example.org/sitrep",
                                               NULL, &error);
  g_assert_no_error (error);
  password = parsed_value (conninfo, "password");
  g_assert_cmpstr (password, ==, "old");
}

static void
test_options_malformed (void)
{
  static const struct {
    const char *database;
    const char *named;   /* what libpq's message names */
  } cases[] = {
    { "host=db.example.org dbname", "dbname" },
    { "host=db.example.org no_such_option=1", "no_such_option" },
    { "host=db.example.org dbname='sitrep", "quoted" },
    { "postgresql://ann:secret@db.example.org/sitrep?no_such_option=1", "no_such_option" },
    { "password=secret host=db.example.org dbname", "dbname" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *conninfo = NULL;

      conninfo = sitrep_team_address_with_options (cases[i].database, "pw", &error);
      g_assert_error (error, SITREP_TEAM_ERROR, SITREP_TEAM_ERROR_ADDRESS);
      g_assert_null (conninfo);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].named));
      g_assert_nonnull (strstr (error->message, "db.example.org"));
      g_assert_null (strstr (error->message, "secret"));
      g_assert_null (strchr (error->message, '\n'));
    }
}

static void
resolved_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs sitrep_team_address_resolve_async() to its end. */
static char *
resolve (const char    *conninfo,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sitrep_team_address_resolve_async (conninfo, cancellable, resolved_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return sitrep_team_address_resolve_finish (result, error);
}

static void
test_resolve (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *hosts = NULL;
  g_autofree char *addresses = NULL;
  g_autofree char *dbname = NULL;
  g_auto(GStrv) host_list = NULL;
  g_auto(GStrv) address_list = NULL;

  resolved = resolve ("host=localhost port=5433 dbname=sitrep", NULL, &error);
  g_assert_no_error (error);
  hosts = parsed_value (resolved, "host");
  addresses = parsed_value (resolved, "hostaddr");
  dbname = parsed_value (resolved, "dbname");
  g_test_message ("localhost: %s", addresses);
  g_assert_cmpstr (dbname, ==, "sitrep");

  /* One host per address, each with its name for logging in. */
  host_list = g_strsplit (hosts, ",", -1);
  address_list = g_strsplit (addresses, ",", -1);
  g_assert_cmpuint (g_strv_length (host_list), ==, g_strv_length (address_list));
  g_assert_cmpuint (g_strv_length (address_list), >=, 1);
  for (guint i = 0; address_list[i] != NULL; i++)
    {
      g_assert_cmpstr (host_list[i], ==, "localhost");
      g_assert_true (g_strcmp0 (address_list[i], "127.0.0.1") == 0 ||
                     g_strcmp0 (address_list[i], "::1") == 0);
    }
}

/* Names that cannot be looked up are left out; sockets and addresses are
 * kept, each with its port. */
static void
test_resolve_mixed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *hosts = NULL;
  g_autofree char *addresses = NULL;
  g_autofree char *ports = NULL;

  resolved = resolve ("host=no-such-host.invalid,/var/run/postgresql,192.0.2.7 "
                      "port=5432,5433,5434 dbname=sitrep", NULL, &error);
  g_assert_no_error (error);
  hosts = parsed_value (resolved, "host");
  addresses = parsed_value (resolved, "hostaddr");
  ports = parsed_value (resolved, "port");
  g_assert_cmpstr (hosts, ==, "/var/run/postgresql,192.0.2.7");
  g_assert_cmpstr (addresses, ==, ",");
  g_assert_cmpstr (ports, ==, "5433,5434");
}

static void
test_resolve_unchanged (void)
{
  static const char *cases[] = {
    "host=192.0.2.7 dbname=sitrep",
    "host=/var/run/postgresql dbname=sitrep",
    "host=db.example.org hostaddr=192.0.2.7 dbname=sitrep",
    "host=a.example.org,b.example.org port=1,2,3",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *resolved = resolve (cases[i], NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (resolved, ==, cases[i]);
    }
}

static void
test_resolve_failed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *resolved = NULL;

  resolved = resolve ("host=no-such-host.invalid dbname=sitrep", NULL, &error);
  g_assert_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-host.invalid"));
  g_assert_null (resolved);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  resolved = resolve ("host=localhost dbname=sitrep", cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (resolved);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sitrep/team-address/is-team", test_is_team);
  g_test_add_func ("/sitrep/team-address/describe", test_describe);
  g_test_add_func ("/sitrep/team-address/describe-malformed", test_describe_malformed);
  g_test_add_func ("/sitrep/team-address/options-added", test_options_added);
  g_test_add_func ("/sitrep/team-address/options-preserved", test_options_preserved);
  g_test_add_func ("/sitrep/team-address/options-password", test_options_password);
  g_test_add_func ("/sitrep/team-address/options-malformed", test_options_malformed);
  g_test_add_func ("/sitrep/team-address/resolve", test_resolve);
  g_test_add_func ("/sitrep/team-address/resolve-mixed", test_resolve_mixed);
  g_test_add_func ("/sitrep/team-address/resolve-unchanged", test_resolve_unchanged);
  g_test_add_func ("/sitrep/team-address/resolve-failed", test_resolve_failed);

  return g_test_run ();
}
