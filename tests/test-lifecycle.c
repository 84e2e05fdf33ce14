/* test-lifecycle.c: the rules and words of an incident's life, without a
 * database
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-incident.h"
#include "sitrep-lifecycle.h"
#include "sitrep-policy.h"

/* 2026-03-01T09:30:00Z */
#define T0 G_GINT64_CONSTANT (1772357400)

static void
test_transitions (void)
{
  /* the statuses each transition may start from, and where it leads */
  static const struct
  {
    SitrepTransition transition;
    SitrepStatus     from[4];
    guint            n_from;
    SitrepStatus     to;
  } rules[] = {
    { SITREP_TRANSITION_ACKNOWLEDGE, { SITREP_STATUS_NEW }, 1, SITREP_STATUS_ACKNOWLEDGED },
    { SITREP_TRANSITION_RECOVER, { SITREP_STATUS_ACKNOWLEDGED }, 1, SITREP_STATUS_RECOVERED },
    { SITREP_TRANSITION_RESOLVE, { SITREP_STATUS_RECOVERED }, 1, SITREP_STATUS_RESOLVED },
    { SITREP_TRANSITION_TRANSFER, { SITREP_STATUS_RECOVERED }, 1, SITREP_STATUS_TRANSFERRED },
    { SITREP_TRANSITION_CLOSE, { SITREP_STATUS_RESOLVED, SITREP_STATUS_TRANSFERRED }, 2,
      SITREP_STATUS_CLOSED },
    { SITREP_TRANSITION_REOPEN,
      { SITREP_STATUS_RESOLVED, SITREP_STATUS_TRANSFERRED, SITREP_STATUS_CLOSED }, 3,
      SITREP_STATUS_ACKNOWLEDGED },
    { SITREP_TRANSITION_CANCEL,
      { SITREP_STATUS_NEW, SITREP_STATUS_ACKNOWLEDGED, SITREP_STATUS_RECOVERED }, 3,
      SITREP_STATUS_CANCELLED },
  };

  for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
    {
      for (int status = SITREP_STATUS_NEW; status <= SITREP_STATUS_CANCELLED; status++)
        {
          gboolean allowed = FALSE;

          for (guint i = 0; i < rules[r].n_from; i++)
            if (rules[r].from[i] == (SitrepStatus) status)
              allowed = TRUE;

          g_assert_cmpint (sitrep_lifecycle_can_transition (status, rules[r].transition), ==,
                           allowed);
        }

      g_assert_cmpint (sitrep_lifecycle_get_target (rules[r].transition), ==, rules[r].to);
      g_assert_cmpint (sitrep_lifecycle_needs_destination (rules[r].transition), ==,
                       rules[r].transition == SITREP_TRANSITION_TRANSFER);
    }

  /* nothing outside the table */
  g_assert_false (sitrep_lifecycle_can_transition (SITREP_STATUS_NEW, 99));
  g_assert_false (sitrep_lifecycle_can_transition (42, SITREP_TRANSITION_ACKNOWLEDGE));
}

static void
test_check_transition (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_lifecycle_check_transition ("INC-7", SITREP_STATUS_NEW,
                                                    SITREP_TRANSITION_ACKNOWLEDGE, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (sitrep_lifecycle_check_transition ("INC-7", SITREP_STATUS_CLOSED,
                                                     SITREP_TRANSITION_RESOLVE, NULL, &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TRANSITION);
  g_assert_cmpstr (error->message, ==, "“Resolve” is not possible for INC-7 while it is Closed");
  g_clear_error (&error);

  /* a transfer must say where to */
  g_assert_false (sitrep_lifecycle_check_transition ("INC-7", SITREP_STATUS_RECOVERED,
                                                     SITREP_TRANSITION_TRANSFER, "  ", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "Say where INC-7 is transferred to: developers, problem management "
                   "or another team");
  g_clear_error (&error);

  g_assert_true (sitrep_lifecycle_check_transition ("INC-7", SITREP_STATUS_RECOVERED,
                                                    SITREP_TRANSITION_TRANSFER, "developers",
                                                    &error));
  g_assert_no_error (error);
}

static void
test_checks (void)
{
  g_autoptr(GError) error = NULL;

  /* a minute of clock skew is accepted, more is the future */
  g_assert_true (sitrep_lifecycle_check_not_future (T0 + SITREP_LIFECYCLE_FUTURE_SLACK, T0,
                                                    &error));
  g_assert_no_error (error);
  g_assert_false (sitrep_lifecycle_check_not_future (T0 + SITREP_LIFECYCLE_FUTURE_SLACK + 1, T0,
                                                     &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TIME);
  g_clear_error (&error);

  g_assert_true (sitrep_lifecycle_check_not_before (T0, T0, "it was reported", &error));
  g_assert_true (sitrep_lifecycle_check_not_before (T0 - 1, SITREP_TIME_NONE, "never", &error));
  g_assert_no_error (error);
  g_assert_false (sitrep_lifecycle_check_not_before (T0 - 1, T0, "it was reported", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TIME);
  g_assert_nonnull (g_strstr_len (error->message, -1, " is before it was reported ("));
  g_clear_error (&error);

  g_assert_true (sitrep_lifecycle_check_fault_start (T0, T0, &error));
  g_assert_no_error (error);
  g_assert_false (sitrep_lifecycle_check_fault_start (T0 + 1, T0, &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_TIME);
  g_clear_error (&error);

  for (int level = -1; level <= 5; level++)
    {
      gboolean ok = sitrep_lifecycle_check_level (level, &error);

      g_assert_cmpint (ok, ==, level >= 1 && level <= 3);
      if (!ok)
        {
          g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
          g_clear_error (&error);
        }
    }

  g_assert_true (sitrep_lifecycle_check_role (FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (sitrep_lifecycle_check_role (TRUE, &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_READ_ONLY_ROLE);
  g_assert_cmpstr (error->message, ==, "You have data viewing permission only");
}

#define ASSERT_TEXT(call, expected) \
  G_STMT_START { \
    g_autofree char *text_ = (call); \
    g_assert_cmpstr (text_, ==, (expected)); \
  } G_STMT_END

static void
test_words (void)
{
  ASSERT_TEXT (sitrep_lifecycle_describe_created (2), "Incident reported at level 2");

  ASSERT_TEXT (sitrep_lifecycle_describe_transition (SITREP_TRANSITION_ACKNOWLEDGE, NULL, NULL),
               "Acknowledged");
  ASSERT_TEXT (sitrep_lifecycle_describe_transition (SITREP_TRANSITION_RECOVER, NULL, "  "),
               "Service recovered");
  ASSERT_TEXT (sitrep_lifecycle_describe_transition (SITREP_TRANSITION_TRANSFER,
                                                     "problem management", "known defect"),
               "Transferred to problem management: known defect");
  ASSERT_TEXT (sitrep_lifecycle_describe_transition (SITREP_TRANSITION_CANCEL, NULL,
                                                     "duplicate of INC-3"),
               "Cancelled: duplicate of INC-3");

  ASSERT_TEXT (sitrep_lifecycle_describe_level (2, 1, NULL), "Level 2 → 1");
  ASSERT_TEXT (sitrep_lifecycle_describe_level (2, 1, "complaints"), "Level 2 → 1: complaints");

  ASSERT_TEXT (sitrep_lifecycle_describe_owner (NULL, "Bob"), "Owner set to Bob");
  ASSERT_TEXT (sitrep_lifecycle_describe_owner ("Bob", "Carol"), "Owner changed from Bob to Carol");
  ASSERT_TEXT (sitrep_lifecycle_describe_owner ("Bob", ""), "Owner Bob removed");

  ASSERT_TEXT (sitrep_lifecycle_describe_field ("Symptoms", TRUE, "a", "b"), "Symptoms updated");
  ASSERT_TEXT (sitrep_lifecycle_describe_field ("Reporter", FALSE, "", "Ann"),
               "Reporter set to “Ann”");
  ASSERT_TEXT (sitrep_lifecycle_describe_field ("Reporter", FALSE, "Ann", ""), "Reporter removed");
  ASSERT_TEXT (sitrep_lifecycle_describe_field ("Service", FALSE, "Mail", "Web mail"),
               "Service changed from “Mail” to “Web mail”");

  ASSERT_TEXT (sitrep_lifecycle_describe_notice (SITREP_NOTICE_INITIAL, NULL),
               "Initial notification sent");
  ASSERT_TEXT (sitrep_lifecycle_describe_notice (SITREP_NOTICE_PROGRESS, "Mail still slow"),
               "Handling progress sent: Mail still slow");

  ASSERT_TEXT (sitrep_lifecycle_describe_complaint ("ACME", "no mail", "C-1",
                                                    SITREP_VERDICT_ATTRIBUTED),
               "Complaint from ACME: no mail");
  ASSERT_TEXT (sitrep_lifecycle_describe_complaint ("ACME", NULL, "C-1",
                                                    SITREP_VERDICT_ATTRIBUTED),
               "Complaint from ACME");
  ASSERT_TEXT (sitrep_lifecycle_describe_complaint (NULL, "no mail", "C-1",
                                                    SITREP_VERDICT_ATTRIBUTED),
               "Complaint: no mail");
  ASSERT_TEXT (sitrep_lifecycle_describe_complaint (NULL, NULL, "C-1",
                                                    SITREP_VERDICT_NOT_ATTRIBUTED),
               "Complaint C-1 (not attributed)");
  ASSERT_TEXT (sitrep_lifecycle_describe_complaint (NULL, NULL, "C-1",
                                                    SITREP_VERDICT_NOT_ANALYSED),
               "Complaint C-1 (not yet analysed)");

  ASSERT_TEXT (sitrep_lifecycle_describe_verdict ("C-1", "ACME", SITREP_VERDICT_NOT_ANALYSED,
                                                  SITREP_VERDICT_NOT_ATTRIBUTED,
                                                  "a billing question"),
               "Complaint C-1: Not yet analysed → Not attributed: a billing question");
  ASSERT_TEXT (sitrep_lifecycle_describe_verdict (NULL, "ACME", SITREP_VERDICT_NOT_ANALYSED,
                                                  SITREP_VERDICT_ATTRIBUTED, NULL),
               "Complaint ACME: Not yet analysed → Attributed to this incident");
  ASSERT_TEXT (sitrep_lifecycle_describe_complaint_moved ("C-1", NULL, "INC-5", FALSE),
               "Complaint C-1 moved to INC-5");
  ASSERT_TEXT (sitrep_lifecycle_describe_complaint_moved ("C-1", NULL, "INC-2", TRUE),
               "Complaint C-1 moved here from INC-2");
  ASSERT_TEXT (sitrep_lifecycle_describe_report (SITREP_REPORT_KIND_CAN, "copied"),
               "CAN report copied");
  ASSERT_TEXT (sitrep_lifecycle_describe_report (SITREP_REPORT_KIND_FINAL, "saved-pdf"),
               "Final report saved as PDF");
  ASSERT_TEXT (sitrep_lifecycle_describe_team_section ("Web team", FALSE, TRUE),
               "Final report section of Web team written");
  ASSERT_TEXT (sitrep_lifecycle_describe_team_section ("Web team", TRUE, TRUE),
               "Final report section of Web team updated");
  ASSERT_TEXT (sitrep_lifecycle_describe_team_section ("Web team", TRUE, FALSE),
               "Final report section of Web team removed");
}

static void
test_resolve_needs (void)
{
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  gboolean root_cause = FALSE;
  gboolean category = FALSE;

  sitrep_incident_set_key (incident, "INC-7");
  sitrep_incident_set_level (incident, 1);

  /* level 1 without either */
  g_assert_true (sitrep_lifecycle_resolve_needs (incident, &root_cause, &category));
  g_assert_true (root_cause);
  g_assert_true (category);

  /* "unknown" is no category */
  sitrep_incident_set_root_cause (incident, "Expired certificate");
  sitrep_incident_set_cause_category (incident, SITREP_CAUSE_UNKNOWN);
  g_assert_true (sitrep_lifecycle_resolve_needs (incident, &root_cause, &category));
  g_assert_false (root_cause);
  g_assert_true (category);

  sitrep_incident_set_cause_category (incident, SITREP_CAUSE_NETWORK);
  g_assert_false (sitrep_lifecycle_resolve_needs (incident, NULL, NULL));

  /* level 3 needs neither */
  sitrep_incident_set_level (incident, 3);
  sitrep_incident_set_root_cause (incident, NULL);
  sitrep_incident_set_cause_category (incident, SITREP_CAUSE_NONE);
  g_assert_false (sitrep_lifecycle_resolve_needs (incident, &root_cause, &category));
  g_assert_false (root_cause);
  g_assert_false (category);
}

#define LEVEL_CHANGE -1

/* One change of an incident and what the rules say of it. */
typedef struct
{
  int         level;
  SitrepCause cause;
  const char *resolution;
  const char *root_cause;
  guint       relaxed;      /* the SitrepRule flags the policy relaxes */
  int         transition;   /* a SitrepTransition, or LEVEL_CHANGE */
  int         new_level;    /* for LEVEL_CHANGE */
  gint64      after;        /* seconds after the report */
  const char *comment;
  const char *destination;
  SitrepNeed  needs;
  const char *message;      /* the refusal, or NULL when it may be done */
  const char *text;         /* the timeline entry of resolving, or NULL */
} NeedCase;

#define R SITREP_NEED_RESOLUTION
#define C SITREP_NEED_CATEGORY

static const NeedCase need_cases[] = {
  /* resolving a level-1/2 incident needs a resolution and a real category */
  { 1, SITREP_CAUSE_NONE, NULL, NULL, 0, SITREP_TRANSITION_RESOLVE, 0, 3600, NULL, NULL, R | C,
    "INC-7 cannot be resolved without a resolution and a cause category", NULL },
  { 1, SITREP_CAUSE_UNKNOWN, "Renewed the certificate", "Expired certificate", 0,
    SITREP_TRANSITION_RESOLVE, 0, 3600, "vendor still analysing", NULL, R | C,
    "INC-7 cannot be resolved without a cause category other than “Not yet known”", NULL },
  { 2, SITREP_CAUSE_NETWORK, " ", NULL, 0, SITREP_TRANSITION_RESOLVE, 0, 3600, "later", NULL,
    R | C, "INC-7 cannot be resolved without a resolution", NULL },
  /* the root cause may follow, and the timeline says it is owed */
  { 1, SITREP_CAUSE_NETWORK, "Renewed the certificate", NULL, 0, SITREP_TRANSITION_RESOLVE, 0,
    3600, NULL, NULL, R | C, NULL, "Resolved; root cause to follow" },
  { 2, SITREP_CAUSE_DATA, "Restored the table", "Bad migration", 0, SITREP_TRANSITION_RESOLVE,
    0, 3600, "done", NULL, R | C, NULL, "Resolved: done" },
  { 3, SITREP_CAUSE_NONE, NULL, NULL, 0, SITREP_TRANSITION_RESOLVE, 0, 3600, NULL, NULL,
    SITREP_NEED_NONE, NULL, "Resolved" },
  /* a relaxed policy lets it through, and the timeline says what was left out */
  { 1, SITREP_CAUSE_UNKNOWN, NULL, NULL, SITREP_RULE_RESOLVE_NEEDS_CAUSE,
    SITREP_TRANSITION_RESOLVE, 0, 3600, "vendor", NULL, SITREP_NEED_NONE, NULL,
    "Resolved without a resolution and a cause category; root cause to follow: vendor" },
  { 1, SITREP_CAUSE_HARDWARE, NULL, "Disk", SITREP_RULE_RESOLVE_NEEDS_CAUSE,
    SITREP_TRANSITION_RESOLVE, 0, 3600, NULL, NULL, SITREP_NEED_NONE, NULL,
    "Resolved without a resolution" },
  /* cancelling needs a reason once a deadline warns (level 1: response in
   * 10 minutes, warning after 7.5) or is breached */
  { 1, SITREP_CAUSE_NONE, NULL, NULL, 0, SITREP_TRANSITION_CANCEL, 0, 5 * 60, NULL, NULL,
    SITREP_NEED_NONE, NULL, NULL },
  { 1, SITREP_CAUSE_NONE, NULL, NULL, 0, SITREP_TRANSITION_CANCEL, 0, 8 * 60, " ", NULL,
    SITREP_NEED_REASON,
    "INC-7 has a deadline in warning or breached: cancelling it needs a reason", NULL },
  { 1, SITREP_CAUSE_NONE, NULL, NULL, 0, SITREP_TRANSITION_CANCEL, 0, 11 * 60, NULL, NULL,
    SITREP_NEED_REASON,
    "INC-7 has a deadline in warning or breached: cancelling it needs a reason", NULL },
  { 1, SITREP_CAUSE_NONE, NULL, NULL, 0, SITREP_TRANSITION_CANCEL, 0, 11 * 60,
    "duplicate of INC-3", NULL, SITREP_NEED_REASON, NULL, NULL },
  { 3, SITREP_CAUSE_NONE, NULL, NULL, 0, SITREP_TRANSITION_CANCEL, 0, 11 * 60, NULL, NULL,
    SITREP_NEED_NONE, NULL, NULL },
  { 1, SITREP_CAUSE_NONE, NULL, NULL, SITREP_RULE_CANCEL_NEEDS_REASON,
    SITREP_TRANSITION_CANCEL, 0, 11 * 60, NULL, NULL, SITREP_NEED_NONE, NULL, NULL },
  /* a transfer always says where to */
  { 2, SITREP_CAUSE_NONE, NULL, NULL, SITREP_RULES_ALL, SITREP_TRANSITION_TRANSFER, 0, 3600,
    "reason", " ", SITREP_NEED_DESTINATION,
    "Say where INC-7 is transferred to: developers, problem management or another team",
    NULL },
  { 2, SITREP_CAUSE_NONE, NULL, NULL, 0, SITREP_TRANSITION_TRANSFER, 0, 3600, NULL,
    "Developers", SITREP_NEED_DESTINATION, NULL, NULL },
  /* nothing else needs anything */
  { 1, SITREP_CAUSE_NONE, NULL, NULL, 0, SITREP_TRANSITION_ACKNOWLEDGE, 0, 3600, NULL, NULL,
    SITREP_NEED_NONE, NULL, NULL },
  { 1, SITREP_CAUSE_NONE, NULL, NULL, 0, SITREP_TRANSITION_CLOSE, 0, 3600, NULL, NULL,
    SITREP_NEED_NONE, NULL, NULL },
  /* lowering a level moves the deadlines later: it needs a reason */
  { 1, SITREP_CAUSE_NONE, NULL, NULL, 0, LEVEL_CHANGE, 3, 60, "\t", NULL, SITREP_NEED_REASON,
    "Lowering INC-7 to level 3 needs a reason: its deadlines move later", NULL },
  { 2, SITREP_CAUSE_NONE, NULL, NULL, 0, LEVEL_CHANGE, 3, 60, "only one user", NULL,
    SITREP_NEED_REASON, NULL, NULL },
  { 3, SITREP_CAUSE_NONE, NULL, NULL, 0, LEVEL_CHANGE, 1, 60, NULL, NULL, SITREP_NEED_NONE,
    NULL, NULL },
  { 1, SITREP_CAUSE_NONE, NULL, NULL, SITREP_RULE_LOWER_NEEDS_REASON, LEVEL_CHANGE, 2, 60,
    NULL, NULL, SITREP_NEED_NONE, NULL, NULL },
};

#undef R
#undef C

static void
test_needs (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (need_cases); i++)
    {
      const NeedCase *c = &need_cases[i];
      g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
      g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
      g_autoptr(GError) error = NULL;
      gint64 at = T0 + c->after;
      SitrepNeed needs;
      gboolean allowed;

      g_test_message ("case %u", i);

      sitrep_incident_set_key (incident, "INC-7");
      sitrep_incident_set_level (incident, c->level);
      sitrep_incident_set_status (incident, SITREP_STATUS_NEW);
      sitrep_incident_set_occurred_at (incident, T0);
      sitrep_incident_set_reported_at (incident, T0);
      sitrep_incident_set_cause_category (incident, c->cause);
      sitrep_incident_set_resolution (incident, c->resolution);
      sitrep_incident_set_root_cause (incident, c->root_cause);
      for (guint rule = 1; rule <= SITREP_RULES_ALL; rule <<= 1)
        if (c->relaxed & rule)
          sitrep_policy_set_rule (policy, rule, FALSE);

      if (c->transition == LEVEL_CHANGE)
        {
          needs = sitrep_lifecycle_get_level_needs (incident, c->new_level, policy);
          allowed = sitrep_lifecycle_check_level_change (incident, c->new_level, policy,
                                                         c->comment, &error);
        }
      else
        {
          needs = sitrep_lifecycle_get_needs (incident, c->transition, policy, at);
          allowed = sitrep_lifecycle_check_needs (incident, c->transition, policy, at,
                                                  c->comment, c->destination, &error);
        }

      g_assert_cmphex (needs, ==, c->needs);
      if (c->message != NULL)
        {
          g_assert_false (allowed);
          g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
          g_assert_cmpstr (error->message, ==, c->message);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (allowed);
        }

      if (c->text != NULL)
        {
          g_autofree char *text = sitrep_lifecycle_describe_resolve (incident, c->comment);

          g_assert_cmpstr (text, ==, c->text);
        }
    }
}

static void
test_policy_rules (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepPolicy) copy = NULL;

  /* strict by default */
  g_assert_true (sitrep_policy_get_rule (policy, SITREP_RULE_RESOLVE_NEEDS_CAUSE));
  g_assert_true (sitrep_policy_get_rule (policy, SITREP_RULE_CANCEL_NEEDS_REASON));
  g_assert_true (sitrep_policy_get_rule (policy, SITREP_RULE_LOWER_NEEDS_REASON));

  sitrep_policy_set_rule (policy, SITREP_RULE_CANCEL_NEEDS_REASON, FALSE);
  g_assert_false (sitrep_policy_get_rule (policy, SITREP_RULE_CANCEL_NEEDS_REASON));
  g_assert_true (sitrep_policy_get_rule (policy, SITREP_RULE_LOWER_NEEDS_REASON));

  copy = sitrep_policy_copy (policy);
  g_assert_false (sitrep_policy_get_rule (copy, SITREP_RULE_CANCEL_NEEDS_REASON));
  g_assert_true (sitrep_policy_equal (policy, copy));
  sitrep_policy_set_rule (copy, SITREP_RULE_CANCEL_NEEDS_REASON, TRUE);
  g_assert_false (sitrep_policy_equal (policy, copy));
}

static void
test_verdict_and_report_checks (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_lifecycle_check_verdict (SITREP_VERDICT_ATTRIBUTED, NULL, &error));
  g_assert_true (sitrep_lifecycle_check_verdict (SITREP_VERDICT_NOT_ANALYSED, NULL, &error));
  g_assert_true (sitrep_lifecycle_check_verdict (SITREP_VERDICT_NOT_ATTRIBUTED, "billing",
                                                 &error));
  g_assert_no_error (error);

  g_assert_false (sitrep_lifecycle_check_verdict (SITREP_VERDICT_NOT_ATTRIBUTED, " \t",
                                                  &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "A complaint that is not attributed needs a reason");
  g_clear_error (&error);

  g_assert_false (sitrep_lifecycle_check_verdict (7, NULL, &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  g_assert_true (sitrep_lifecycle_check_report_how ("saved-markdown", &error));
  g_assert_no_error (error);
  g_assert_false (sitrep_lifecycle_check_report_how ("faxed", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "“faxed” is not a way to send a report: use copied, saved-pdf, "
                   "saved-markdown, printed or mailed");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sitrep/lifecycle/transitions", test_transitions);
  g_test_add_func ("/sitrep/lifecycle/check-transition", test_check_transition);
  g_test_add_func ("/sitrep/lifecycle/checks", test_checks);
  g_test_add_func ("/sitrep/lifecycle/words", test_words);
  g_test_add_func ("/sitrep/lifecycle/resolve-needs", test_resolve_needs);
  g_test_add_func ("/sitrep/lifecycle/needs", test_needs);
  g_test_add_func ("/sitrep/lifecycle/policy-rules", test_policy_rules);
  g_test_add_func ("/sitrep/lifecycle/verdict-and-report", test_verdict_and_report_checks);

  return g_test_run ();
}
