/* test-notice.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sitrep-contact.h"
#include "sitrep-incident.h"
#include "sitrep-notice.h"
#include "sitrep-policy.h"
#include "sitrep-sla.h"
#include "sitrep-store.h"
#include "sitrep-time.h"

#define MIN_S G_GINT64_CONSTANT (60)

/* 2026-03-01T09:00:00Z; the tests run with TZ=UTC */
#define T0 G_GINT64_CONSTANT (1772355600)

static SitrepContact *
make_contact (const char *name,
              SitrepRole  role,
              const char *email,
              const char *phone)
{
  SitrepContact *contact = sitrep_contact_new ();

  sitrep_contact_set_name (contact, name);
  sitrep_contact_set_role (contact, role);
  sitrep_contact_set_email (contact, email);
  sitrep_contact_set_phone (contact, phone);

  return contact;
}

static GPtrArray *
make_roster (void)
{
  GPtrArray *roster = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (roster, make_contact ("Dana Owner", SITREP_ROLE_SERVICE_OWNER,
                                         "owner@example.com", "+1 555 0101"));
  g_ptr_array_add (roster, make_contact ("Ed NoMail", SITREP_ROLE_SERVICE_OWNER, "", ""));
  g_ptr_array_add (roster, make_contact ("O&M desk", SITREP_ROLE_OM_TEAM,
                                         "om@example.com", ""));
  /* The owner is also on the O&M list: once, in To. */
  g_ptr_array_add (roster, make_contact ("Dana Owner", SITREP_ROLE_OM_TEAM,
                                         "Owner@Example.com", ""));
  g_ptr_array_add (roster, make_contact ("Li Wei", SITREP_ROLE_RND_LEADER,
                                         "rnd@example.com", "+86 10 5555 0100"));
  g_ptr_array_add (roster, make_contact ("Sam Dev", SITREP_ROLE_DEVELOPER,
                                         "dev@example.com", "+1 555 0199"));

  return roster;
}

static SitrepIncident *
make_incident (int level)
{
  SitrepIncident *incident = sitrep_incident_new ();

  sitrep_incident_set_key (incident, "INC-42");
  sitrep_incident_set_title (incident, "Card payments declined");
  sitrep_incident_set_service (incident, "Payments gateway");
  sitrep_incident_set_level (incident, level);
  sitrep_incident_set_status (incident, SITREP_STATUS_ACKNOWLEDGED);
  sitrep_incident_set_symptoms (incident, "Every card payment fails with error 502.");
  sitrep_incident_set_owner (incident, "Alex Handler");
  sitrep_incident_set_reported_at (incident, T0);
  sitrep_incident_set_occurred_at (incident, T0 - 15 * MIN_S);
  sitrep_incident_set_acknowledged_at (incident, T0 + 5 * MIN_S);

  return incident;
}

static void
assert_strv (const char * const *strv,
             const char * const *expected)
{
  guint n = g_strv_length ((GStrv) expected);

  g_assert_nonnull (strv);
  g_assert_cmpuint (g_strv_length ((GStrv) strv), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (strv[i], ==, expected[i]);
}

static void
test_recipients (void)
{
  static const char *to[] = { "owner@example.com", NULL };
  static const char *cc[] = { "om@example.com", NULL };
  static const char *cc_escalation[] = { "om@example.com", "rnd@example.com", NULL };
  static const struct {
    SitrepNoticeKind     kind;
    const char * const  *cc;
    gboolean             phone;
  } cases[] = {
    { SITREP_NOTICE_INITIAL,       cc,            TRUE },
    { SITREP_NOTICE_PROGRESS,      cc,            FALSE },
    { SITREP_NOTICE_RECTIFICATION, cc,            FALSE },
    { SITREP_NOTICE_ESCALATION,    cc_escalation, TRUE },
  };
  g_autoptr(GPtrArray) roster = make_roster ();
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SitrepNoticeDraft) draft = NULL;

      draft = sitrep_notice_draft_new (incident, cases[i].kind, roster, policy, NULL,
                                       T0 + 40 * MIN_S);
      g_assert_cmpint (sitrep_notice_draft_get_kind (draft), ==, cases[i].kind);
      assert_strv (sitrep_notice_draft_get_to (draft), to);
      assert_strv (sitrep_notice_draft_get_cc (draft), cases[i].cc);
      if (cases[i].phone)
        g_assert_cmpstr (sitrep_notice_draft_get_phone_line (draft), ==,
                         "Phone the R&D leader: Li Wei +86 10 5555 0100");
      else
        g_assert_null (sitrep_notice_draft_get_phone_line (draft));
    }
}

static void
test_phone_line (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (1);
  g_autoptr(GPtrArray) empty = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) no_phone = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SitrepNoticeDraft) nobody = NULL;
  g_autoptr(SitrepNoticeDraft) unreachable = NULL;
  g_autoptr(SitrepNoticeDraft) null_roster = NULL;

  /* No R&D leader in the roster: no call to suggest, no recipients. */
  nobody = sitrep_notice_draft_new (incident, SITREP_NOTICE_INITIAL, empty, policy, NULL, T0);
  g_assert_null (sitrep_notice_draft_get_phone_line (nobody));
  g_assert_cmpuint (g_strv_length ((GStrv) sitrep_notice_draft_get_to (nobody)), ==, 0);
  g_assert_cmpuint (g_strv_length ((GStrv) sitrep_notice_draft_get_cc (nobody)), ==, 0);

  null_roster = sitrep_notice_draft_new (incident, SITREP_NOTICE_ESCALATION, NULL, policy,
                                         NULL, T0);
  g_assert_null (sitrep_notice_draft_get_phone_line (null_roster));

  /* The leader with a phone number is preferred. */
  g_ptr_array_add (no_phone, make_contact ("Kim Lead", SITREP_ROLE_RND_LEADER, "kim@example.com", ""));
  unreachable = sitrep_notice_draft_new (incident, SITREP_NOTICE_ESCALATION, no_phone, policy,
                                         NULL, T0);
  g_assert_cmpstr (sitrep_notice_draft_get_phone_line (unreachable), ==,
                   "Phone the R&D leader: Kim Lead (no phone number in the roster)");

  g_ptr_array_add (no_phone, make_contact ("Li Wei", SITREP_ROLE_RND_LEADER, "", "+86 10 5555 0100"));
  g_clear_object (&unreachable);
  unreachable = sitrep_notice_draft_new (incident, SITREP_NOTICE_INITIAL, no_phone, policy,
                                         NULL, T0);
  g_assert_cmpstr (sitrep_notice_draft_get_phone_line (unreachable), ==,
                   "Phone the R&D leader: Li Wei +86 10 5555 0100");
}

static void
test_subject (void)
{
  static const struct {
    SitrepNoticeKind kind;
    const char      *expected;
  } cases[] = {
    { SITREP_NOTICE_INITIAL,
      "[INC-42] Level 1 incident: Card payments declined — initial notification" },
    { SITREP_NOTICE_PROGRESS,
      "[INC-42] Level 1 incident: Card payments declined — progress update 3" },
    { SITREP_NOTICE_RECTIFICATION,
      "[INC-42] Level 1 incident: Card payments declined — fault rectified" },
    { SITREP_NOTICE_ESCALATION,
      "[INC-42] Level 1 incident: Card payments declined — escalation, SLA deadline passed" },
  };
  g_autoptr(GPtrArray) roster = make_roster ();
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (1);

  /* Two progress notices were sent: this is the third. */
  sitrep_incident_set_progress_notice_count (incident, 2);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SitrepNoticeDraft) draft = NULL;

      draft = sitrep_notice_draft_new (incident, cases[i].kind, roster, policy, NULL, T0);
      g_assert_cmpstr (sitrep_notice_draft_get_subject (draft), ==, cases[i].expected);
    }
}

static void
test_body_initial (void)
{
  g_autoptr(GPtrArray) roster = make_roster ();
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (1);
  g_autoptr(SitrepNoticeDraft) draft = NULL;
  g_autoptr(SitrepNoticeDraft) with_action = NULL;
  const char *body;

  draft = sitrep_notice_draft_new (incident, SITREP_NOTICE_INITIAL, roster, policy, NULL,
                                   T0 + 25 * MIN_S);
  body = sitrep_notice_draft_get_body (draft);

  g_assert_true (g_str_has_prefix (body, "This is the initial notification of incident INC-42."));
  g_assert_nonnull (strstr (body, "Incident: INC-42 — Card payments declined\n"));
  g_assert_nonnull (strstr (body, "Service: Payments gateway\n"));
  g_assert_nonnull (strstr (body, "Level: Level 1 (major impact)\n"));
  g_assert_nonnull (strstr (body, "Status: Acknowledged\n"));
  g_assert_nonnull (strstr (body, "Owner: Alex Handler\n"));
  g_assert_nonnull (strstr (body, "Fault began: 2026-03-01 08:45\n"));
  g_assert_nonnull (strstr (body, "Reported: 2026-03-01 09:00\n"));
  g_assert_nonnull (strstr (body, "Impact and symptoms:\nEvery card payment fails with error 502.\n"));
  g_assert_null (strstr (body, "What is being done"));
  /* One progress window (1 h) after drafting */
  g_assert_nonnull (strstr (body, "The next update will follow by 2026-03-01 10:25.\n"));
  g_assert_cmpint (sitrep_notice_draft_get_next_update_at (draft), ==, T0 + 85 * MIN_S);

  with_action = sitrep_notice_draft_new (incident, SITREP_NOTICE_INITIAL, roster, policy,
                                         "  Failing over to the standby gateway.\n",
                                         T0 + 25 * MIN_S);
  g_assert_nonnull (strstr (sitrep_notice_draft_get_body (with_action),
                            "What is being done:\nFailing over to the standby gateway.\n"));
}

static void
test_body_progress (void)
{
  g_autoptr(GPtrArray) roster = make_roster ();
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (2);
  g_autoptr(SitrepNoticeDraft) draft = NULL;
  const char *body;

  sitrep_incident_set_owner (incident, NULL);
  sitrep_incident_set_progress_notice_count (incident, 1);
  sitrep_policy_set_minutes (policy, 2, SITREP_POLICY_WINDOW_PROGRESS_NOTICE, 45);

  draft = sitrep_notice_draft_new (incident, SITREP_NOTICE_PROGRESS, roster, policy,
                                   "Restarted the payment workers.", T0 + 2 * 60 * MIN_S);
  body = sitrep_notice_draft_get_body (draft);

  g_assert_true (g_str_has_prefix (body,
                                   "This is progress update 2 on the handling of incident INC-42."));
  g_assert_nonnull (strstr (body, "Level: Level 2 (minor impact)\n"));
  g_assert_nonnull (strstr (body, "Owner: Not yet assigned\n"));
  g_assert_nonnull (strstr (body, "What is being done:\nRestarted the payment workers.\n"));
  g_assert_nonnull (strstr (body, "The next update will follow by 2026-03-01 11:45.\n"));
}

static void
test_body_rectification (void)
{
  g_autoptr(GPtrArray) roster = make_roster ();
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (1);
  g_autoptr(SitrepNoticeDraft) draft = NULL;
  const char *body;

  sitrep_incident_set_status (incident, SITREP_STATUS_RECOVERED);
  sitrep_incident_set_recovered_at (incident, T0 + 100 * MIN_S);

  draft = sitrep_notice_draft_new (incident, SITREP_NOTICE_RECTIFICATION, roster, policy, NULL,
                                   T0 + 110 * MIN_S);
  body = sitrep_notice_draft_get_body (draft);

  g_assert_true (g_str_has_prefix (body, "The fault of incident INC-42 has been rectified: "
                                         "the service was recovered at 2026-03-01 10:40."));
  g_assert_nonnull (strstr (body, "Status: Recovered\n"));
  g_assert_nonnull (strstr (body, "Service recovered: 2026-03-01 10:40\n"));
  g_assert_null (strstr (body, "next update"));
  g_assert_nonnull (strstr (body, "final report will follow"));
  g_assert_cmpint (sitrep_notice_draft_get_next_update_at (draft), ==, SITREP_TIME_NONE);
}

static void
test_body_escalation (void)
{
  g_autoptr(GPtrArray) roster = make_roster ();
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (1);
  g_autoptr(SitrepNoticeDraft) draft = NULL;
  const char *body;

  /* Acknowledged at minute 12 (late); recovery (from 08:45) passed at
   * 10:45, now 11:00. */
  sitrep_incident_set_acknowledged_at (incident, T0 + 12 * MIN_S);

  draft = sitrep_notice_draft_new (incident, SITREP_NOTICE_ESCALATION, roster, policy, NULL,
                                   T0 + 2 * 60 * MIN_S);
  body = sitrep_notice_draft_get_body (draft);

  g_assert_true (g_str_has_prefix (body, "Incident INC-42 has passed its SLA deadline"));
  g_assert_nonnull (strstr (body, "SLA deadlines passed:\n"
                                  "- Response met late (due 2026-03-01 09:10)\n"
                                  "- Recovery overdue by 15 min (due 2026-03-01 10:45)\n"));
  g_assert_null (strstr (body, "Resolution"));
  g_assert_nonnull (strstr (body, "The next update will follow by 2026-03-01 12:00.\n"));
}

static void
test_body_level_3 (void)
{
  g_autoptr(GPtrArray) roster = make_roster ();
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (3);
  g_autoptr(SitrepNoticeDraft) draft = NULL;

  sitrep_incident_set_symptoms (incident, NULL);
  draft = sitrep_notice_draft_new (incident, SITREP_NOTICE_INITIAL, roster, policy, NULL, T0);

  /* No communication plan: nothing promised, nothing left out. */
  g_assert_null (strstr (sitrep_notice_draft_get_body (draft), "next update"));
  g_assert_null (strstr (sitrep_notice_draft_get_body (draft), "Impact and symptoms"));
  g_assert_nonnull (strstr (sitrep_notice_draft_get_body (draft),
                            "Level: Level 3 (no service impact)\n"));
  g_assert_cmpint (sitrep_notice_draft_get_next_update_at (draft), ==, SITREP_TIME_NONE);
}

/* Splits a mailto: URI back into its parts, decoding them. */
static void
parse_mailto (const char  *uri,
              char       **to,
              GHashTable **headers)
{
  const char *query = strchr (uri, '?');
  g_autofree char *to_part = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (uri, "mailto:"));
  /* Nothing outside the URI character set (RFC 3986) */
  for (const char *p = uri; *p != '\0'; p++)
    {
      g_assert_true (g_ascii_isalnum (*p) || strchr ("-._~:/?#[]@!$&'()*+,;=%", *p) != NULL);
      g_assert_cmpint (*p, !=, ' ');
    }

  to_part = query != NULL ? g_strndup (uri + 7, query - uri - 7) : g_strdup (uri + 7);
  *to = g_uri_unescape_string (to_part, NULL);
  *headers = g_uri_parse_params (query != NULL ? query + 1 : "", -1, "&",
                                 G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);
}

static void
test_mailto_encoding (void)
{
  static const char *to[] = { "a@example.com", "ops+night@example.com", NULL };
  static const char *cc[] = { "c@example.com", NULL };
  g_autofree char *uri = NULL;
  g_autofree char *no_cc = NULL;

  uri = sitrep_notice_build_mailto (to, cc, "Payments & billing: down?",
                                    "Line 1\nLigne 2 — café = 100%\n#3");
  g_assert_cmpstr (uri, ==,
                   "mailto:a@example.com,ops+night@example.com"
                   "?cc=c@example.com"
                   "&subject=Payments%20%26%20billing%3A%20down%3F"
                   "&body=Line%201%0D%0ALigne%202%20%E2%80%94%20caf%C3%A9%20%3D%20100%25%0D%0A%233");

  no_cc = sitrep_notice_build_mailto (NULL, NULL, "Hi", NULL);
  g_assert_cmpstr (no_cc, ==, "mailto:?subject=Hi");
}

static void
test_mailto_round_trip (void)
{
  g_autoptr(GPtrArray) roster = make_roster ();
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (1);
  g_autoptr(SitrepNoticeDraft) draft = NULL;
  g_autoptr(GHashTable) headers = NULL;
  g_autofree char *to = NULL;
  g_autofree char *crlf_body = NULL;
  g_auto(GStrv) lines = NULL;

  sitrep_incident_set_title (incident, "Zahlungen & Überweisungen: 50% Fehler");
  sitrep_incident_set_symptoms (incident, "Kunden sehen „Fehler 502“\nauf allen Kassen #7.");

  draft = sitrep_notice_draft_new (incident, SITREP_NOTICE_ESCALATION, roster, policy,
                                   "Rolled back release 4.2 & paged the vendor.",
                                   T0 + 3 * 60 * MIN_S);
  parse_mailto (sitrep_notice_draft_get_mailto (draft), &to, &headers);

  g_assert_cmpstr (to, ==, "owner@example.com");
  g_assert_cmpstr (g_hash_table_lookup (headers, "cc"), ==, "om@example.com,rnd@example.com");
  g_assert_cmpstr (g_hash_table_lookup (headers, "subject"), ==,
                   sitrep_notice_draft_get_subject (draft));

  lines = g_strsplit (sitrep_notice_draft_get_body (draft), "\n", -1);
  crlf_body = g_strjoinv ("\r\n", lines);
  g_assert_cmpstr (g_hash_table_lookup (headers, "body"), ==, crlf_body);
  g_assert_cmpuint (g_hash_table_size (headers), ==, 3);
}

static void
test_sms (void)
{
  g_autoptr(GPtrArray) roster = make_roster ();
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (1);
  static const struct {
    SitrepNoticeKind kind;
    const char      *expected;
  } cases[] = {
    { SITREP_NOTICE_INITIAL,
      "Incident INC-42 L1 Payments gateway: Card payments declined. Status: Acknowledged. "
      "Next update by 10:25." },
    { SITREP_NOTICE_PROGRESS,
      "Update INC-42 L1 Payments gateway: Card payments declined. Status: Acknowledged. "
      "Next update by 10:25." },
    { SITREP_NOTICE_ESCALATION,
      "Escalation INC-42 L1 Payments gateway: Card payments declined. Status: Acknowledged. "
      "Next update by 10:25." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SitrepNoticeDraft) draft = NULL;

      draft = sitrep_notice_draft_new (incident, cases[i].kind, roster, policy, NULL,
                                       T0 + 25 * MIN_S);
      g_assert_cmpstr (sitrep_notice_draft_get_sms (draft), ==, cases[i].expected);
    }

  /* Recovered: no next update. */
  {
    g_autoptr(SitrepNoticeDraft) draft = NULL;

    sitrep_incident_set_status (incident, SITREP_STATUS_RECOVERED);
    sitrep_incident_set_recovered_at (incident, T0 + 90 * MIN_S);
    draft = sitrep_notice_draft_new (incident, SITREP_NOTICE_RECTIFICATION, roster, policy,
                                     NULL, T0 + 95 * MIN_S);
    g_assert_cmpstr (sitrep_notice_draft_get_sms (draft), ==,
                     "Recovered INC-42 L1 Payments gateway: Card payments declined. "
                     "Status: Recovered.");
  }
}

static void
test_sms_length (void)
{
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (2);
  g_autoptr(SitrepNoticeDraft) long_title = NULL;
  g_autoptr(SitrepNoticeDraft) long_service = NULL;
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) service = g_string_new (NULL);
  const char *sms;

  for (int i = 0; i < 20; i++)
    g_string_append (title, "Störung ");
  for (int i = 0; i < 30; i++)
    g_string_append (service, "Überweisung ");

  /* A long title is dropped; the key, level, service, status and next
   * update stay. */
  sitrep_incident_set_title (incident, title->str);
  long_title = sitrep_notice_draft_new (incident, SITREP_NOTICE_PROGRESS, NULL, policy, NULL,
                                        T0 + 14 * 60 * MIN_S + 30 * MIN_S);
  sms = sitrep_notice_draft_get_sms (long_title);
  g_assert_cmpstr (sms, ==,
                   "Update INC-42 L2 Payments gateway. Status: Acknowledged. "
                   "Next update by 2026-03-02 00:30.");

  /* A long service is shortened, counting characters, not bytes. */
  sitrep_incident_set_service (incident, service->str);
  long_service = sitrep_notice_draft_new (incident, SITREP_NOTICE_INITIAL, NULL, policy, NULL,
                                          T0);
  sms = sitrep_notice_draft_get_sms (long_service);
  g_assert_cmpint (g_utf8_strlen (sms, -1), <=, SITREP_SMS_MAX_CHARS);
  g_assert_true (g_utf8_validate (sms, -1, NULL));
  g_assert_true (g_str_has_prefix (sms, "Incident INC-42 L2 Überweisung Überweisung"));
  g_assert_nonnull (strstr (sms, "…. Status: Acknowledged. Next update by 10:00."));
}

static void
test_summary (void)
{
  g_autoptr(GPtrArray) roster = make_roster ();
  g_autoptr(SitrepPolicy) policy = sitrep_policy_new_default ();
  g_autoptr(SitrepIncident) incident = make_incident (1);
  g_autoptr(SitrepNoticeDraft) draft = NULL;
  g_autoptr(SitrepNoticeDraft) nobody = NULL;

  draft = sitrep_notice_draft_new (incident, SITREP_NOTICE_ESCALATION, roster, policy, NULL, T0);
  g_assert_cmpstr (sitrep_notice_draft_get_summary (draft), ==,
                   "Escalation of overdue incident to owner@example.com, "
                   "copy to om@example.com, rnd@example.com");

  nobody = sitrep_notice_draft_new (incident, SITREP_NOTICE_INITIAL, NULL, policy, NULL, T0);
  g_assert_cmpstr (sitrep_notice_draft_get_summary (nobody), ==, "Initial notification");
}

/* Removes @dir and the files in it. */
static void
remove_folder (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_unlink (file), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A level-1 incident's progress notice offers its CAN report as the body:
 * the tagged entries in their sections, nothing untagged, and the next
 * update after it. */
static void
test_progress_with_can (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sitrep-notice-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "sitrep.db", NULL);
  g_autoptr(SitrepClock) clock = sitrep_clock_new_fake (T0 + 30 * MIN_S);
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(SitrepNoticeDraft) draft = NULL;
  g_autoptr(GPtrArray) roster = make_roster ();
  const char *body;
  const char *conditions, *actions, *needs, *next;
  gint64 id;

  g_assert_no_error (error);
  store = sitrep_store_open (path, clock, &error);
  g_assert_no_error (error);

  sitrep_incident_set_title (incident, "Card payments fail");
  sitrep_incident_set_service (incident, "Payments");
  sitrep_incident_set_level (incident, 1);
  sitrep_incident_set_reported_at (incident, T0);
  g_assert_true (sitrep_store_create_incident (store, incident, "Li Wei", &error));
  g_assert_no_error (error);
  id = sitrep_incident_get_id (incident);

  g_assert_true (sitrep_store_add_note (store, id, T0 + 5 * MIN_S + 12, "Li Wei",
                                        SITREP_TAG_CONDITION, "Checkout times out", &error));
  g_assert_true (sitrep_store_add_note (store, id, T0 + 9 * MIN_S + 40, "Wang Fang",
                                        SITREP_TAG_ACTION, "Rolled back release 1.42", &error));
  g_assert_true (sitrep_store_add_note (store, id, T0 + 11 * MIN_S, "Li Wei",
                                        SITREP_TAG_NEED, "A DBA on the bridge", &error));
  g_assert_true (sitrep_store_add_note (store, id, T0 + 12 * MIN_S, "Li Wei",
                                        SITREP_TAG_NONE, "Coffee ordered", &error));
  g_assert_no_error (error);

  draft = sitrep_notice_draft_new_progress_with_can (store, id, roster, T0 + 30 * MIN_S,
                                                     &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_notice_draft_get_kind (draft), ==, SITREP_NOTICE_PROGRESS);
  body = sitrep_notice_draft_get_body (draft);

  g_assert_true (g_str_has_prefix (body,
                                   "This is progress update 1 on the handling of incident INC-1."
                                   "\n\nCAN report — INC-1"));
  conditions = strstr (body, "Checkout times out");
  actions = strstr (body, "Rolled back release 1.42");
  needs = strstr (body, "A DBA on the bridge");
  next = strstr (body, "The next update will follow by ");
  g_assert_nonnull (conditions);
  g_assert_nonnull (actions);
  g_assert_nonnull (needs);
  g_assert_nonnull (next);
  g_assert_true (conditions < actions && actions < needs && needs < next);
  g_assert_nonnull (strstr (body, "09:05:12"));
  g_assert_null (strstr (body, "Coffee ordered"));
  /* the mail link carries the same body */
  g_assert_nonnull (strstr (sitrep_notice_draft_get_mailto (draft), "CAN%20report"));

  /* no such incident */
  g_clear_object (&draft);
  draft = sitrep_notice_draft_new_progress_with_can (store, id + 1, roster, T0, &error);
  g_assert_null (draft);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);

  g_clear_error (&error);
  g_clear_object (&store);
  remove_folder (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sitrep/notice/recipients", test_recipients);
  g_test_add_func ("/sitrep/notice/phone-line", test_phone_line);
  g_test_add_func ("/sitrep/notice/subject", test_subject);
  g_test_add_func ("/sitrep/notice/body/initial", test_body_initial);
  g_test_add_func ("/sitrep/notice/body/progress", test_body_progress);
  g_test_add_func ("/sitrep/notice/body/rectification", test_body_rectification);
  g_test_add_func ("/sitrep/notice/body/escalation", test_body_escalation);
  g_test_add_func ("/sitrep/notice/body/level-3", test_body_level_3);
  g_test_add_func ("/sitrep/notice/mailto/encoding", test_mailto_encoding);
  g_test_add_func ("/sitrep/notice/mailto/round-trip", test_mailto_round_trip);
  g_test_add_func ("/sitrep/notice/sms", test_sms);
  g_test_add_func ("/sitrep/notice/sms-length", test_sms_length);
  g_test_add_func ("/sitrep/notice/progress-with-can", test_progress_with_can);
  g_test_add_func ("/sitrep/notice/summary", test_summary);

  return g_test_run ();
}
