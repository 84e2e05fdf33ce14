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
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean root_cause = FALSE;
  gboolean category = FALSE;

  sitrep_incident_set_key (incident, "INC-7");
  sitrep_incident_set_level (incident, 1);

  /* level 1 without either */
  g_assert_true (sitrep_lifecycle_resolve_needs (incident, &root_cause, &category));
  g_assert_true (root_cause);
  g_assert_true (category);
  g_assert_false (sitrep_lifecycle_check_resolve (incident, "  ", &error));
  g_assert_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "INC-7 cannot be resolved without a root cause and a cause category, "
                   "or a comment saying why");
  g_clear_error (&error);

  /* "unknown" is no category */
  sitrep_incident_set_root_cause (incident, "Expired certificate");
  sitrep_incident_set_cause_category (incident, SITREP_CAUSE_UNKNOWN);
  g_assert_true (sitrep_lifecycle_resolve_needs (incident, &root_cause, &category));
  g_assert_false (root_cause);
  g_assert_true (category);
  g_assert_false (sitrep_lifecycle_check_resolve (incident, NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "INC-7 cannot be resolved without a cause category, or a comment "
                   "saying why");
  g_clear_error (&error);

  /* a comment is the reason for skipping, and the timeline says so */
  g_assert_true (sitrep_lifecycle_check_resolve (incident, "vendor still analysing", &error));
  g_assert_no_error (error);
  text = sitrep_lifecycle_describe_resolve (incident, "vendor still analysing");
  g_assert_cmpstr (text, ==, "Resolved without a cause category: vendor still analysing");
  g_clear_pointer (&text, g_free);

  sitrep_incident_set_root_cause (incident, " ");
  sitrep_incident_set_cause_category (incident, SITREP_CAUSE_NETWORK);
  g_assert_false (sitrep_lifecycle_check_resolve (incident, NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "INC-7 cannot be resolved without a root cause, or a comment saying why");
  g_clear_error (&error);
  text = sitrep_lifecycle_describe_resolve (incident, "later");
  g_assert_cmpstr (text, ==, "Resolved without a root cause: later");
  g_clear_pointer (&text, g_free);

  /* complete: an ordinary entry */
  sitrep_incident_set_root_cause (incident, "Expired certificate");
  g_assert_false (sitrep_lifecycle_resolve_needs (incident, NULL, NULL));
  g_assert_true (sitrep_lifecycle_check_resolve (incident, NULL, &error));
  g_assert_no_error (error);
  text = sitrep_lifecycle_describe_resolve (incident, "done");
  g_assert_cmpstr (text, ==, "Resolved: done");
  g_clear_pointer (&text, g_free);

  /* level 3 needs neither */
  sitrep_incident_set_level (incident, 3);
  sitrep_incident_set_root_cause (incident, NULL);
  sitrep_incident_set_cause_category (incident, SITREP_CAUSE_NONE);
  g_assert_false (sitrep_lifecycle_resolve_needs (incident, &root_cause, &category));
  g_assert_false (root_cause);
  g_assert_false (category);
  g_assert_true (sitrep_lifecycle_check_resolve (incident, NULL, &error));
  g_assert_no_error (error);
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
  g_test_add_func ("/sitrep/lifecycle/verdict-and-report", test_verdict_and_report_checks);

  return g_test_run ();
}
