/* test-guard-rails.c: the rules a record needs, as the store enforces
 * them, keeps them in the policy and carries them in the interchange
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sitrep-interchange.h"
#include "test-store-common.h"

/* Sets @rule in the store's policy. */
static void
set_rule (SitrepStore *store,
          SitrepRule   rule,
          gboolean     enforced)
{
  g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (store);
  g_autoptr(GError) error = NULL;

  sitrep_policy_set_rule (policy, rule, enforced);
  g_assert_true (sitrep_store_set_policy (store, policy, "Ann", &error));
  g_assert_no_error (error);
}

/* A refused change writes nothing; the reason given is the timeline's. */
static void
test_cancel_and_lower (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepTimelineEntry) entry = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  gint64 late = create (f->store, "Mail down", "mail", 1, T0 - 3600);
  gint64 fresh = create (f->store, "Slow portal", "portal", 1, T0 - 60);
  guint before = count_entries (f->store, late);

  /* level 1, reported an hour ago and not acknowledged: breached */
  g_assert_false (sitrep_store_transition (f->store, late, SITREP_TRANSITION_CANCEL,
                                           SITREP_TIME_NONE, "Ann", "  ", NULL, &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "INC-1 has a deadline in warning or breached: cancelling it needs a reason");
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (f->store, late), ==, before);
  g_assert_cmpint (get_status (f->store, late), ==, SITREP_STATUS_NEW);

  g_assert_true (sitrep_store_transition (f->store, late, SITREP_TRANSITION_CANCEL,
                                          SITREP_TIME_NONE, "Ann", "Duplicate of INC-2", NULL,
                                          &error));
  g_assert_no_error (error);
  entry = last_entry (f->store, late);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, "Cancelled: Duplicate of INC-2");
  g_clear_object (&entry);

  /* a minute old, nothing warns yet: no reason needed */
  g_assert_true (sitrep_store_transition (f->store, fresh, SITREP_TRANSITION_ACKNOWLEDGE,
                                          SITREP_TIME_NONE, "Ann", NULL, NULL, &error));
  g_assert_no_error (error);

  /* lowering needs a reason, raising does not */
  before = count_entries (f->store, fresh);
  g_assert_false (sitrep_store_set_level (f->store, fresh, 3, SITREP_TIME_NONE, "Ann", NULL,
                                          &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "Lowering INC-2 to level 3 needs a reason: its deadlines move later");
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (f->store, fresh), ==, before);
  incident = sitrep_store_get_incident (f->store, fresh, &error);
  g_assert_cmpint (sitrep_incident_get_level (incident), ==, 1);
  g_clear_object (&incident);

  g_assert_true (sitrep_store_set_level (f->store, fresh, 2, SITREP_TIME_NONE, "Ann",
                                         "One office only", &error));
  g_assert_no_error (error);
  entry = last_entry (f->store, fresh);
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, "Level 1 → 2: One office only");
  g_clear_object (&entry);
  g_assert_true (sitrep_store_set_level (f->store, fresh, 1, SITREP_TIME_NONE, "Ann", NULL,
                                         &error));
  g_assert_no_error (error);

  /* relaxed, the policy lets both through */
  set_rule (f->store, SITREP_RULE_LOWER_NEEDS_REASON, FALSE);
  g_assert_true (sitrep_store_set_level (f->store, fresh, 3, SITREP_TIME_NONE, "Ann", NULL,
                                         &error));
  g_assert_no_error (error);
}

/* The rules stay as set when the database is opened again. */
static void
test_rules_kept (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (f->store);

  g_assert_true (sitrep_policy_get_rule (policy, SITREP_RULE_RESOLVE_NEEDS_CAUSE));
  g_assert_true (sitrep_policy_get_rule (policy, SITREP_RULE_CANCEL_NEEDS_REASON));
  g_assert_true (sitrep_policy_get_rule (policy, SITREP_RULE_LOWER_NEEDS_REASON));
  g_clear_object (&policy);

  set_rule (f->store, SITREP_RULE_RESOLVE_NEEDS_CAUSE, FALSE);
  set_rule (f->store, SITREP_RULE_LOWER_NEEDS_REASON, FALSE);
  g_clear_object (&f->store);

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  policy = sitrep_store_get_policy (f->store);
  g_assert_false (sitrep_policy_get_rule (policy, SITREP_RULE_RESOLVE_NEEDS_CAUSE));
  g_assert_true (sitrep_policy_get_rule (policy, SITREP_RULE_CANCEL_NEEDS_REASON));
  g_assert_false (sitrep_policy_get_rule (policy, SITREP_RULE_LOWER_NEEDS_REASON));
  g_clear_object (&policy);

  /* enforced again */
  set_rule (f->store, SITREP_RULE_RESOLVE_NEEDS_CAUSE, TRUE);
  g_clear_object (&f->store);
  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  policy = sitrep_store_get_policy (f->store);
  g_assert_true (sitrep_policy_get_rule (policy, SITREP_RULE_RESOLVE_NEEDS_CAUSE));
  g_assert_false (sitrep_policy_get_rule (policy, SITREP_RULE_LOWER_NEEDS_REASON));
}

/* A version-4 database gains the rule switches, all on, and keeps its
 * incidents. */
static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepPolicy) policy = NULL;
  gint64 id = create (f->store, "Mail down", "mail", 2, T0 - 600);

  g_clear_object (&f->store);
  store_test_downgrade_to_4 (f->path);

  f->store = sitrep_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int64 (f->path, "PRAGMA user_version"), ==, SITREP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int64 (f->path, "SELECT resolve_needs_cause + cancel_needs_reason + "
                                       "lower_needs_reason FROM policy_settings"), ==, 3);
  policy = sitrep_store_get_policy (f->store);
  g_assert_true (sitrep_policy_get_rule (policy, SITREP_RULE_CANCEL_NEEDS_REASON));
  g_assert_cmpint (sitrep_store_count_incidents (f->store), ==, 1);
  g_assert_cmpint (get_status (f->store, id), ==, SITREP_STATUS_NEW);
}

static char *
export_text (SitrepStore *store)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  char nul = '\0';

  g_assert_true (sitrep_interchange_export (store, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, &nul, 1, NULL, NULL, &error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static SitrepStore *
open_other (Fixture    *f,
            const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  SitrepStore *store = sitrep_store_open (path, f->clock, &error);

  g_assert_no_error (error);
  return store;
}

/* The export carries the rules and an import brings them back; a document
 * without them leaves them alone; a wrong value is refused by its path. */
static void
test_interchange (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) other = open_other (f, "other.db");
  g_autoptr(SitrepPolicy) policy = NULL;
  SitrepImportResult *result = NULL;
  g_autofree char *text = NULL;
  static const char old_document[] =
    "{ \"format\": \"sitrep\", \"version\": 1, \"incidents\": [] }";
  static const char bad_document[] =
    "{ \"format\": \"sitrep\", \"version\": 1, \"rules\": { \"lower_needs_reason\": 0 } }";

  set_rule (f->store, SITREP_RULE_CANCEL_NEEDS_REASON, FALSE);
  text = export_text (f->store);
  g_assert_nonnull (strstr (text, "\"rules\""));
  g_assert_nonnull (strstr (text, "\"cancel_needs_reason\" : false"));
  g_assert_nonnull (strstr (text, "\"lower_needs_reason\" : true"));

  g_assert_true (sitrep_interchange_import_data (other, text, -1, FALSE, &result, &error));
  g_assert_no_error (error);
  g_clear_pointer (&result, sitrep_import_result_free);
  policy = sitrep_store_get_policy (other);
  g_assert_false (sitrep_policy_get_rule (policy, SITREP_RULE_CANCEL_NEEDS_REASON));
  g_assert_true (sitrep_policy_get_rule (policy, SITREP_RULE_RESOLVE_NEEDS_CAUSE));
  g_clear_object (&policy);

  /* written before the rules existed: they stay */
  g_assert_true (sitrep_interchange_import_data (other, old_document, -1, FALSE, &result,
                                                 &error));
  g_assert_no_error (error);
  g_clear_pointer (&result, sitrep_import_result_free);
  policy = sitrep_store_get_policy (other);
  g_assert_false (sitrep_policy_get_rule (policy, SITREP_RULE_CANCEL_NEEDS_REASON));
  g_clear_object (&policy);

  g_assert_false (sitrep_interchange_import_data (other, bad_document, -1, FALSE, &result,
                                                  &error));
  g_assert_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "rules.lower_needs_reason: must be true or false");
  policy = sitrep_store_get_policy (other);
  g_assert_true (sitrep_policy_get_rule (policy, SITREP_RULE_LOWER_NEEDS_REASON));
}

/* Whether a hold pauses the resolution clock travels with the rules. */
static void
test_interchange_hold (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) other = open_other (f, "other.db");
  g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (f->store);
  g_autoptr(SitrepPolicy) imported = NULL;
  SitrepImportResult *result = NULL;
  g_autofree char *text = NULL;

  sitrep_policy_set_hold_pauses (policy, 0);
  g_assert_true (sitrep_store_set_policy (f->store, policy, "Ann", &error));
  g_assert_no_error (error);
  text = export_text (f->store);
  g_assert_nonnull (strstr (text, "\"hold_pauses_resolution\" : false"));

  g_assert_true (sitrep_interchange_import_data (other, text, -1, FALSE, &result, &error));
  g_assert_no_error (error);
  g_clear_pointer (&result, sitrep_import_result_free);
  imported = sitrep_store_get_policy (other);
  g_assert_cmpuint (sitrep_policy_get_hold_pauses (imported), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_store_test ("guard-rails/cancel-and-lower", test_cancel_and_lower);
  add_store_test ("guard-rails/rules-kept", test_rules_kept);
  add_file_test ("guard-rails/migration", test_migration);
  add_store_test ("guard-rails/interchange", test_interchange);
  add_store_test ("guard-rails/interchange-hold", test_interchange_hold);

  return g_test_run ();
}
