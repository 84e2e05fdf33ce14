/* sitrep-notice.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-contact.h"
#include "sitrep-enums.h"
#include "sitrep-notice.h"
#include "sitrep-report-render.h"
#include "sitrep-report.h"
#include "sitrep-sla.h"
#include "sitrep-time.h"

/*
 * A notice of the communication plan, drafted from an incident so that the
 * incident manager can send it as it is: the mail (recipients from the
 * roster, subject, body, and a mailto: URI for the mail client), the phone
 * call to make, and a short text for SMS.
 */

struct _SitrepNoticeDraft
{
  GObject parent_instance;

  SitrepNoticeKind kind;
  char           *subject;
  char           *body;
  GStrv           to;
  GStrv           cc;
  char           *phone_line;
  char           *sms;
  char           *mailto;
  char           *summary;
  gint64          next_update_at;
};

G_DEFINE_FINAL_TYPE (SitrepNoticeDraft, sitrep_notice_draft, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_SUBJECT,
  PROP_BODY,
  PROP_PHONE_LINE,
  PROP_SMS,
  PROP_MAILTO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Characters that may stand unencoded in an address of a mailto: URI
 * (RFC 6068 "some-delims", without the "," that separates addresses). */
#define MAILTO_ADDRESS_ALLOWED "!$'()*+;:@"

static const char *
get_level_label (int level)
{
  switch (level)
    {
    case 1:  return _("Level 1 (major impact)");
    case 2:  return _("Level 2 (minor impact)");
    case 3:  return _("Level 3 (no service impact)");
    default: return "";
    }
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

static gboolean
strv_contains_address (GPtrArray  *addresses,
                       const char *address)
{
  for (guint i = 0; i < addresses->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (addresses, i), address) == 0)
      return TRUE;

  return FALSE;
}

/* Adds the e-mail address of each contact with @role, once, skipping
 * addresses already in @skip. */
static void
collect_addresses (GPtrArray  *contacts,
                   SitrepRole  role,
                   GPtrArray  *addresses,
                   GPtrArray  *skip)
{
  if (contacts == NULL)
    return;

  for (guint i = 0; i < contacts->len; i++)
    {
      SitrepContact *contact = g_ptr_array_index (contacts, i);
      const char *email = sitrep_contact_get_email (contact);
      g_autofree char *address = NULL;

      if (sitrep_contact_get_role (contact) != role || is_blank (email))
        continue;

      address = g_strstrip (g_strdup (email));
      if (strv_contains_address (addresses, address) ||
          (skip != NULL && strv_contains_address (skip, address)))
        continue;

      g_ptr_array_add (addresses, g_steal_pointer (&address));
    }
}

static GStrv
steal_strv (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (GStrv) g_ptr_array_free (array, FALSE);
}

/* The R&D leader to phone: the first with a phone number, else the first. */
static SitrepContact *
find_rnd_leader (GPtrArray *contacts)
{
  SitrepContact *found = NULL;

  if (contacts == NULL)
    return NULL;

  for (guint i = 0; i < contacts->len; i++)
    {
      SitrepContact *contact = g_ptr_array_index (contacts, i);

      if (sitrep_contact_get_role (contact) != SITREP_ROLE_RND_LEADER)
        continue;
      if (!is_blank (sitrep_contact_get_phone (contact)))
        return contact;
      if (found == NULL)
        found = contact;
    }

  return found;
}

static char *
build_phone_line (GPtrArray *contacts)
{
  SitrepContact *leader = find_rnd_leader (contacts);
  const char *name;
  const char *phone;

  if (leader == NULL)
    return NULL;

  name = sitrep_contact_get_name (leader);
  phone = sitrep_contact_get_phone (leader);
  if (is_blank (name))
    name = _("(no name in the roster)");

  if (is_blank (phone))
    /* Translators: %s is a person's name */
    return g_strdup_printf (_("Phone the R&D leader: %s (no phone number in the roster)"), name);

  /* Translators: the first %s is a person's name, the second a phone number */
  return g_strdup_printf (_("Phone the R&D leader: %s %s"), name, phone);
}

static char *
build_subject (SitrepIncident   *incident,
               SitrepNoticeKind  kind,
               int               level)
{
  const char *key = sitrep_incident_get_key (incident);
  const char *title = sitrep_incident_get_title (incident);

  if (key == NULL)
    key = "";
  if (title == NULL)
    title = "";

  switch (kind)
    {
    case SITREP_NOTICE_INITIAL:
      /* Translators: "[INC-7] Level 1 incident: Payments fail — initial notification" */
      return g_strdup_printf (_("[%s] Level %d incident: %s — initial notification"),
                              key, level, title);
    case SITREP_NOTICE_PROGRESS:
      /* Translators: "[INC-7] Level 1 incident: Payments fail — progress update 2";
       * the %d after "update" is the number of the update */
      return g_strdup_printf (_("[%s] Level %d incident: %s — progress update %d"),
                              key, level, title,
                              MAX (0, sitrep_incident_get_progress_notice_count (incident)) + 1);
    case SITREP_NOTICE_RECTIFICATION:
      /* Translators: "[INC-7] Level 1 incident: Payments fail — fault rectified" */
      return g_strdup_printf (_("[%s] Level %d incident: %s — fault rectified"),
                              key, level, title);
    case SITREP_NOTICE_ESCALATION:
      /* Translators: "[INC-7] Level 1 incident: Payments fail — escalation, SLA deadline
       * passed" */
      return g_strdup_printf (_("[%s] Level %d incident: %s — escalation, SLA deadline passed"),
                              key, level, title);
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

static void
append_field (GString    *body,
              const char *label,
              const char *value)
{
  g_string_append_printf (body, "%s: %s\n", label, value);
}

static void
append_section (GString    *body,
                const char *heading,
                const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  g_string_append_printf (body, "\n%s\n%s\n", heading, trimmed);
}

static void
append_overdue_deadlines (GString        *body,
                          SitrepIncident *incident,
                          SitrepPolicy   *policy,
                          gint64          now)
{
  SitrepDeadline deadlines[SITREP_N_DEADLINES];
  gboolean any = FALSE;

  sitrep_sla_compute_deadlines (incident, policy, now, deadlines);

  for (guint i = 0; i < SITREP_N_DEADLINES; i++)
    {
      const SitrepDeadline *d = &deadlines[i];
      g_autofree char *description = NULL;
      g_autofree char *due = NULL;

      if (d->state != SITREP_DEADLINE_STATE_BREACHED &&
          d->state != SITREP_DEADLINE_STATE_MET_LATE)
        continue;

      if (!any)
        g_string_append_printf (body, "\n%s\n", _("SLA deadlines passed:"));
      any = TRUE;

      description = sitrep_sla_describe_deadline (d, now);
      due = sitrep_time_format_local (d->due);
      /* Translators: "- Response overdue by 12 min (due 2026-03-01 09:10)" */
      g_string_append_printf (body, _("- %s (due %s)"), description, due);
      g_string_append_c (body, '\n');
    }
}

/* What follows: the next update, or the final report. */
static void
append_closing (GString          *body,
                SitrepNoticeKind  kind,
                gint64            next_update_at)
{
  if (next_update_at != SITREP_TIME_NONE)
    {
      g_autofree char *next = sitrep_time_format_local (next_update_at);

      /* Translators: %s is a date and time */
      g_string_append_printf (body, _("The next update will follow by %s."), next);
      g_string_append_c (body, '\n');
    }
  else if (kind == SITREP_NOTICE_RECTIFICATION)
    {
      g_string_append (body, _("The incident stays open until its cause is resolved; "
                               "a final report will follow."));
      g_string_append_c (body, '\n');
    }
}

static char *
build_body (SitrepIncident   *incident,
            SitrepNoticeKind  kind,
            SitrepPolicy     *policy,
            int               level,
            const char       *latest_action,
            const char       *can_text,
            gint64            now,
            gint64            next_update_at)
{
  g_autoptr(GString) body = g_string_new (NULL);
  const char *key = sitrep_incident_get_key (incident);
  const char *title = sitrep_incident_get_title (incident);
  const char *service = sitrep_incident_get_service (incident);
  const char *owner = sitrep_incident_get_owner (incident);
  const char *symptoms = sitrep_incident_get_symptoms (incident);
  gint64 reported_at = sitrep_incident_get_reported_at (incident);
  gint64 occurred_at = sitrep_incident_get_occurred_at (incident);
  gint64 recovered_at = sitrep_incident_get_recovered_at (incident);
  g_autofree char *reported = NULL;
  g_autofree char *incident_line = NULL;

  if (key == NULL)
    key = "";

  switch (kind)
    {
    case SITREP_NOTICE_INITIAL:
      g_string_append_printf (body, _("This is the initial notification of incident %s."), key);
      break;
    case SITREP_NOTICE_PROGRESS:
      /* Translators: "This is progress update 2 on the handling of incident INC-7." */
      g_string_append_printf (body, _("This is progress update %d on the handling of incident %s."),
                              MAX (0, sitrep_incident_get_progress_notice_count (incident)) + 1,
                              key);
      break;
    case SITREP_NOTICE_RECTIFICATION:
      if (recovered_at != SITREP_TIME_NONE)
        {
          g_autofree char *recovered = sitrep_time_format_local (recovered_at);

          /* Translators: the second %s is a date and time */
          g_string_append_printf (body, _("The fault of incident %s has been rectified: "
                                          "the service was recovered at %s."), key, recovered);
        }
      else
        {
          g_string_append_printf (body, _("The fault of incident %s has been rectified."), key);
        }
      break;
    case SITREP_NOTICE_ESCALATION:
      g_string_append_printf (body, _("Incident %s has passed its SLA deadline and is "
                                      "escalated for your attention."), key);
      break;
    default:
      g_return_val_if_reached (g_strdup (""));
    }
  g_string_append (body, "\n\n");

  /* the CAN report says where things stand: its header holds the
   * incident's fields, its sections the conditions, actions and needs */
  if (can_text != NULL)
    {
      g_string_append (body, can_text);
      if (!g_str_has_suffix (can_text, "\n"))
        g_string_append_c (body, '\n');
      g_string_append_c (body, '\n');
      append_closing (body, kind, next_update_at);
      return g_string_free (g_steal_pointer (&body), FALSE);
    }

  /* Translators: "INC-7 — Payments fail" */
  incident_line = g_strdup_printf (_("%s — %s"), key, title != NULL ? title : "");
  append_field (body, _("Incident"), incident_line);
  append_field (body, _("Service"), !is_blank (service) ? service : _("Not specified"));
  append_field (body, _("Level"), get_level_label (level));
  append_field (body, _("Status"), sitrep_status_to_label (sitrep_incident_get_status (incident)));
  append_field (body, _("Owner"), !is_blank (owner) ? owner : _("Not yet assigned"));
  if (occurred_at != SITREP_TIME_NONE && occurred_at != reported_at)
    {
      g_autofree char *occurred = sitrep_time_format_local (occurred_at);

      append_field (body, _("Fault began"), occurred);
    }
  reported = sitrep_time_format_local (reported_at);
  append_field (body, _("Reported"), reported);
  if (recovered_at != SITREP_TIME_NONE &&
      sitrep_incident_get_status (incident) != SITREP_STATUS_NEW &&
      sitrep_incident_get_status (incident) != SITREP_STATUS_ACKNOWLEDGED)
    {
      g_autofree char *recovered = sitrep_time_format_local (recovered_at);

      append_field (body, _("Service recovered"), recovered);
    }

  if (!is_blank (symptoms))
    append_section (body, _("Impact and symptoms:"), symptoms);

  if (kind == SITREP_NOTICE_ESCALATION)
    append_overdue_deadlines (body, incident, policy, now);

  if (!is_blank (latest_action))
    append_section (body, _("What is being done:"), latest_action);

  g_string_append_c (body, '\n');
  append_closing (body, kind, next_update_at);

  return g_string_free (g_steal_pointer (&body), FALSE);
}

static char *
format_sms_time (gint64 time,
                 gint64 now)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (time);
  g_autoptr(GDateTime) dt_now = g_date_time_new_from_unix_local (now);

  if (dt == NULL || dt_now == NULL)
    return g_strdup ("");

  if (g_date_time_get_year (dt) == g_date_time_get_year (dt_now) &&
      g_date_time_get_day_of_year (dt) == g_date_time_get_day_of_year (dt_now))
    /* Translators: a time of day, see g_date_time_format() */
    return g_date_time_format (dt, _("%H:%M"));

  return sitrep_time_format_local (time);
}

static const char *
get_sms_tag (SitrepNoticeKind kind)
{
  switch (kind)
    {
    /* Translators: these open an SMS, e.g. "Incident INC-7 L1 Payments" */
    case SITREP_NOTICE_INITIAL:       return _("Incident");
    case SITREP_NOTICE_PROGRESS:      return _("Update");
    case SITREP_NOTICE_RECTIFICATION: return _("Recovered");
    case SITREP_NOTICE_ESCALATION:    return _("Escalation");
    default:                          return "";
    }
}

/* Returns @text cut to at most @max_chars characters, ending in "…" when
 * it was cut. */
static char *
truncate_utf8 (const char *text,
               glong       max_chars)
{
  glong len = g_utf8_strlen (text, -1);
  g_autofree char *head = NULL;

  if (len <= max_chars)
    return g_strdup (text);
  if (max_chars <= 1)
    return g_strdup ("…");

  head = g_utf8_substring (text, 0, max_chars - 1);
  return g_strconcat (g_strchomp (head), "…", NULL);
}

static char *
compose_sms (SitrepNoticeKind  kind,
             const char       *key,
             int               level,
             const char       *subject_text,
             const char       *title,
             const char       *status,
             const char       *next)
{
  g_autoptr(GString) sms = g_string_new (NULL);

  /* Translators: "Incident INC-7 L1 Payments": a tag, the key, the level and
   * the service, at the start of an SMS */
  g_string_append_printf (sms, _("%s %s L%d %s"), get_sms_tag (kind), key, level, subject_text);
  if (title != NULL)
    g_string_append_printf (sms, ": %s", title);
  g_string_append (sms, ". ");
  /* Translators: %s is a status such as "Acknowledged", in an SMS */
  g_string_append_printf (sms, _("Status: %s."), status);
  if (next != NULL)
    {
      g_string_append_c (sms, ' ');
      /* Translators: %s is a time of day, in an SMS */
      g_string_append_printf (sms, _("Next update by %s."), next);
    }

  return g_string_free (g_steal_pointer (&sms), FALSE);
}

static char *
build_sms (SitrepIncident   *incident,
           SitrepNoticeKind  kind,
           int               level,
           gint64            now,
           gint64            next_update_at)
{
  const char *key = sitrep_incident_get_key (incident);
  const char *service = sitrep_incident_get_service (incident);
  const char *title = sitrep_incident_get_title (incident);
  const char *status = sitrep_status_to_label (sitrep_incident_get_status (incident));
  g_autofree char *next = NULL;
  g_autofree char *sms = NULL;
  g_autofree char *shortened = NULL;
  glong overflow;

  if (key == NULL)
    key = "";
  if (is_blank (title))
    title = NULL;
  if (is_blank (service))
    {
      /* Name the incident by its title when no service is given. */
      service = title != NULL ? title : "";
      title = NULL;
    }
  if (next_update_at != SITREP_TIME_NONE)
    next = format_sms_time (next_update_at, now);

  /* Fit one SMS: drop the title first, then shorten the service. */
  sms = compose_sms (kind, key, level, service, title, status, next);
  if (g_utf8_strlen (sms, -1) <= SITREP_SMS_MAX_CHARS)
    return g_steal_pointer (&sms);

  if (title != NULL)
    {
      g_clear_pointer (&sms, g_free);
      sms = compose_sms (kind, key, level, service, NULL, status, next);
      if (g_utf8_strlen (sms, -1) <= SITREP_SMS_MAX_CHARS)
        return g_steal_pointer (&sms);
    }

  overflow = g_utf8_strlen (sms, -1) - SITREP_SMS_MAX_CHARS;
  shortened = truncate_utf8 (service, MAX (g_utf8_strlen (service, -1) - overflow, 1));
  g_clear_pointer (&sms, g_free);

  /* A very long key or status could still overflow: the text is then
   * longer than one SMS, which phones send as several. */
  return compose_sms (kind, key, level, shortened, NULL, status, next);
}

static char *
join_escaped_addresses (const char * const *addresses)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; addresses != NULL && addresses[i] != NULL; i++)
    {
      g_autofree char *escaped = g_uri_escape_string (addresses[i], MAILTO_ADDRESS_ALLOWED, FALSE);

      if (i > 0)
        g_string_append_c (joined, ',');
      g_string_append (joined, escaped);
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* Percent-encodes a header value; line breaks become CRLF (%0D%0A), as
 * RFC 6068 asks for the body. */
static char *
escape_header_value (const char *text)
{
  g_autoptr(GString) crlf = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r' && p[1] == '\n')
        continue;
      if (*p == '\n' || *p == '\r')
        g_string_append (crlf, "\r\n");
      else
        g_string_append_c (crlf, *p);
    }

  return g_uri_escape_string (crlf->str, NULL, FALSE);
}

static char *
summarize (SitrepNoticeKind    kind,
           const char * const *to,
           const char * const *cc)
{
  g_autofree char *to_text = g_strjoinv (", ", (GStrv) to);
  g_autofree char *cc_text = g_strjoinv (", ", (GStrv) cc);
  const char *label = sitrep_notice_kind_to_label (kind);

  if (*to_text == '\0' && *cc_text == '\0')
    return g_strdup (label);
  if (*cc_text == '\0')
    /* Translators: "Initial notification to a@example.com" */
    return g_strdup_printf (_("%s to %s"), label, to_text);
  if (*to_text == '\0')
    /* Translators: "Initial notification, copy to b@example.com" */
    return g_strdup_printf (_("%s, copy to %s"), label, cc_text);

  /* Translators: "Initial notification to a@example.com, copy to b@example.com" */
  return g_strdup_printf (_("%s to %s, copy to %s"), label, to_text, cc_text);
}

static void
sitrep_notice_draft_finalize (GObject *object)
{
  SitrepNoticeDraft *self = (SitrepNoticeDraft *) object;

  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->to, g_strfreev);
  g_clear_pointer (&self->cc, g_strfreev);
  g_clear_pointer (&self->phone_line, g_free);
  g_clear_pointer (&self->sms, g_free);
  g_clear_pointer (&self->mailto, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (sitrep_notice_draft_parent_class)->finalize (object);
}

static void
sitrep_notice_draft_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SitrepNoticeDraft *self = SITREP_NOTICE_DRAFT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_PHONE_LINE:
      g_value_set_string (value, self->phone_line);
      break;
    case PROP_SMS:
      g_value_set_string (value, self->sms);
      break;
    case PROP_MAILTO:
      g_value_set_string (value, self->mailto);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_notice_draft_class_init (SitrepNoticeDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_notice_draft_finalize;
  object_class->get_property = sitrep_notice_draft_get_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       SITREP_TYPE_NOTICE_KIND, SITREP_NOTICE_INITIAL,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBJECT] =
    g_param_spec_string ("subject", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE_LINE] =
    g_param_spec_string ("phone-line", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SMS] =
    g_param_spec_string ("sms", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAILTO] =
    g_param_spec_string ("mailto", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_notice_draft_init (SitrepNoticeDraft *self)
{
}

static SitrepNoticeDraft *draft_new (SitrepIncident   *incident,
                                     SitrepNoticeKind  kind,
                                     GPtrArray        *contacts,
                                     SitrepPolicy     *policy,
                                     const char       *latest_action,
                                     const char       *can_text,
                                     gint64            now);

/**
 * sitrep_notice_draft_new:
 * @incident: the incident to notify about
 * @kind: which notice of the communication plan
 * @contacts: (element-type SitrepContact) (nullable): the roster
 * @policy: the SLA policy, for the next update and the deadlines
 * @latest_action: (nullable): what is being done, e.g. the text of the
 *   latest timeline entry tagged "action"; omitted when %NULL or empty
 * @now: the moment of drafting
 *
 * Drafts a notice: the mail to the service owners with the O&M team (and,
 * for an escalation, the R&D leader) in copy, the phone call to make for
 * the initial and escalation notices, and a short SMS text. While the
 * service is not recovered and the level has a communication plan, the
 * notice announces the next update one progress window after @now.
 *
 * Returns: (transfer full): the draft
 */
SitrepNoticeDraft *
sitrep_notice_draft_new (SitrepIncident   *incident,
                         SitrepNoticeKind  kind,
                         GPtrArray        *contacts,
                         SitrepPolicy     *policy,
                         const char       *latest_action,
                         gint64            now)
{
  return draft_new (incident, kind, contacts, policy, latest_action, NULL, now);
}

/**
 * sitrep_notice_draft_new_progress_with_can:
 * @store: the store
 * @id: the incident's row id
 * @contacts: (element-type SitrepContact) (nullable): the roster
 * @now: the moment of drafting
 * @error: return location for a #GError
 *
 * Drafts a progress notice whose body is the incident's current CAN
 * report (sitrep_report_new_can() as plain text) between the notice's
 * opening sentence and its next update: what the bridge call knows,
 * as the communication plan of a level-1 or level-2 incident asks for
 * every hour.
 *
 * Returns: (transfer full) (nullable): the draft, or %NULL with @error
 *   set when the incident cannot be read
 */
SitrepNoticeDraft *
sitrep_notice_draft_new_progress_with_can (SitrepStore  *store,
                                           gint64        id,
                                           GPtrArray    *contacts,
                                           gint64        now,
                                           GError      **error)
{
  g_autoptr(SitrepReport) report = NULL;
  g_autoptr(SitrepPolicy) policy = NULL;
  g_autofree char *can_text = NULL;

  g_return_val_if_fail (SITREP_IS_STORE (store), NULL);

  report = sitrep_report_new_can (store, id, error);
  if (report == NULL)
    return NULL;

  can_text = sitrep_report_to_text (report);
  policy = sitrep_store_get_policy (store);

  return draft_new (sitrep_report_get_incident (report), SITREP_NOTICE_PROGRESS, contacts,
                    policy, NULL, can_text, now);
}

static SitrepNoticeDraft *
draft_new (SitrepIncident   *incident,
           SitrepNoticeKind  kind,
           GPtrArray        *contacts,
           SitrepPolicy     *policy,
           const char       *latest_action,
           const char       *can_text,
           gint64            now)
{
  SitrepNoticeDraft *self;
  g_autoptr(GPtrArray) to = NULL;
  g_autoptr(GPtrArray) cc = NULL;
  SitrepStatus status;
  int level;
  int progress_minutes;

  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), NULL);
  g_return_val_if_fail (SITREP_IS_POLICY (policy), NULL);
  g_return_val_if_fail (kind <= SITREP_NOTICE_ESCALATION, NULL);

  self = g_object_new (SITREP_TYPE_NOTICE_DRAFT, NULL);
  self->kind = kind;

  level = CLAMP (sitrep_incident_get_level (incident), SITREP_LEVEL_MIN, SITREP_LEVEL_MAX);
  status = sitrep_incident_get_status (incident);
  progress_minutes = sitrep_policy_get_minutes (policy, level,
                                                SITREP_POLICY_WINDOW_PROGRESS_NOTICE);

  /* Progress notices run until the service is recovered. */
  self->next_update_at = SITREP_TIME_NONE;
  if (kind != SITREP_NOTICE_RECTIFICATION &&
      progress_minutes > 0 &&
      sitrep_policy_get_minutes (policy, level, SITREP_POLICY_WINDOW_INITIAL_NOTICE) > 0 &&
      (status == SITREP_STATUS_NEW || status == SITREP_STATUS_ACKNOWLEDGED))
    self->next_update_at = now + (gint64) progress_minutes * 60;

  to = g_ptr_array_new_with_free_func (g_free);
  cc = g_ptr_array_new_with_free_func (g_free);
  collect_addresses (contacts, SITREP_ROLE_SERVICE_OWNER, to, NULL);
  collect_addresses (contacts, SITREP_ROLE_OM_TEAM, cc, to);
  if (kind == SITREP_NOTICE_ESCALATION)
    collect_addresses (contacts, SITREP_ROLE_RND_LEADER, cc, to);
  self->to = steal_strv (g_steal_pointer (&to));
  self->cc = steal_strv (g_steal_pointer (&cc));

  if (kind == SITREP_NOTICE_INITIAL || kind == SITREP_NOTICE_ESCALATION)
    self->phone_line = build_phone_line (contacts);

  self->subject = build_subject (incident, kind, level);
  self->body = build_body (incident, kind, policy, level, latest_action, can_text, now,
                           self->next_update_at);
  self->sms = build_sms (incident, kind, level, now, self->next_update_at);
  self->mailto = sitrep_notice_build_mailto ((const char * const *) self->to,
                                             (const char * const *) self->cc,
                                             self->subject, self->body);
  self->summary = summarize (kind, (const char * const *) self->to,
                             (const char * const *) self->cc);

  return self;
}

SitrepNoticeKind
sitrep_notice_draft_get_kind (SitrepNoticeDraft *self)
{
  g_return_val_if_fail (SITREP_IS_NOTICE_DRAFT (self), SITREP_NOTICE_INITIAL);

  return self->kind;
}

/**
 * sitrep_notice_draft_get_subject:
 * @self: a #SitrepNoticeDraft
 *
 * Returns: (transfer none): the subject of the mail
 */
const char *
sitrep_notice_draft_get_subject (SitrepNoticeDraft *self)
{
  g_return_val_if_fail (SITREP_IS_NOTICE_DRAFT (self), NULL);

  return self->subject;
}

/**
 * sitrep_notice_draft_get_body:
 * @self: a #SitrepNoticeDraft
 *
 * Returns: (transfer none): the body of the mail, plain text with "\n"
 *   line breaks
 */
const char *
sitrep_notice_draft_get_body (SitrepNoticeDraft *self)
{
  g_return_val_if_fail (SITREP_IS_NOTICE_DRAFT (self), NULL);

  return self->body;
}

/**
 * sitrep_notice_draft_get_to:
 * @self: a #SitrepNoticeDraft
 *
 * Returns: (transfer none) (array zero-terminated=1): the e-mail addresses
 *   of the service owners in the roster; possibly empty
 */
const char * const *
sitrep_notice_draft_get_to (SitrepNoticeDraft *self)
{
  g_return_val_if_fail (SITREP_IS_NOTICE_DRAFT (self), NULL);

  return (const char * const *) self->to;
}

/**
 * sitrep_notice_draft_get_cc:
 * @self: a #SitrepNoticeDraft
 *
 * Returns: (transfer none) (array zero-terminated=1): the e-mail addresses
 *   of the O&M team, and for an escalation the R&D leaders; none of them
 *   repeats an address of the To list
 */
const char * const *
sitrep_notice_draft_get_cc (SitrepNoticeDraft *self)
{
  g_return_val_if_fail (SITREP_IS_NOTICE_DRAFT (self), NULL);

  return (const char * const *) self->cc;
}

/**
 * sitrep_notice_draft_get_phone_line:
 * @self: a #SitrepNoticeDraft
 *
 * Returns: (transfer none) (nullable): the phone call to make, e.g.
 *   "Phone the R&D leader: Li Wei +86 10 5555 0100", or %NULL when the
 *   notice asks for none or the roster has no R&D leader
 */
const char *
sitrep_notice_draft_get_phone_line (SitrepNoticeDraft *self)
{
  g_return_val_if_fail (SITREP_IS_NOTICE_DRAFT (self), NULL);

  return self->phone_line;
}

/**
 * sitrep_notice_draft_get_sms:
 * @self: a #SitrepNoticeDraft
 *
 * Returns: (transfer none): a short text for SMS, within
 *   %SITREP_SMS_MAX_CHARS characters unless the key and status alone are
 *   longer
 */
const char *
sitrep_notice_draft_get_sms (SitrepNoticeDraft *self)
{
  g_return_val_if_fail (SITREP_IS_NOTICE_DRAFT (self), NULL);

  return self->sms;
}

/**
 * sitrep_notice_draft_get_mailto:
 * @self: a #SitrepNoticeDraft
 *
 * Returns: (transfer none): a mailto: URI (RFC 6068) with the recipients,
 *   the subject and the body, for the mail client
 */
const char *
sitrep_notice_draft_get_mailto (SitrepNoticeDraft *self)
{
  g_return_val_if_fail (SITREP_IS_NOTICE_DRAFT (self), NULL);

  return self->mailto;
}

/**
 * sitrep_notice_draft_get_summary:
 * @self: a #SitrepNoticeDraft
 *
 * Returns: (transfer none): one line for the timeline when the notice is
 *   recorded as sent, e.g. "Initial notification to a@example.com, copy to
 *   b@example.com"
 */
const char *
sitrep_notice_draft_get_summary (SitrepNoticeDraft *self)
{
  g_return_val_if_fail (SITREP_IS_NOTICE_DRAFT (self), NULL);

  return self->summary;
}

/**
 * sitrep_notice_draft_get_next_update_at:
 * @self: a #SitrepNoticeDraft
 *
 * Returns: the moment the notice promises the next update by, or
 *   %SITREP_TIME_NONE when it promises none
 */
gint64
sitrep_notice_draft_get_next_update_at (SitrepNoticeDraft *self)
{
  g_return_val_if_fail (SITREP_IS_NOTICE_DRAFT (self), SITREP_TIME_NONE);

  return self->next_update_at;
}

/**
 * sitrep_notice_build_mailto:
 * @to: (array zero-terminated=1) (nullable): addresses
 * @cc: (array zero-terminated=1) (nullable): addresses in copy
 * @subject: (nullable): the subject
 * @body: (nullable): the body; its line breaks are sent as CRLF
 *
 * Builds a mailto: URI as RFC 6068 describes it, percent-encoding every
 * part (UTF-8 for text outside ASCII), for a draft whose subject or body
 * was edited.
 *
 * Returns: (transfer full): the URI
 */
char *
sitrep_notice_build_mailto (const char * const *to,
                            const char * const *cc,
                            const char         *subject,
                            const char         *body)
{
  g_autoptr(GString) uri = g_string_new ("mailto:");
  g_autofree char *to_part = join_escaped_addresses (to);
  g_autofree char *cc_part = join_escaped_addresses (cc);
  char separator = '?';

  g_string_append (uri, to_part);

  if (*cc_part != '\0')
    {
      g_string_append_printf (uri, "%ccc=%s", separator, cc_part);
      separator = '&';
    }

  if (subject != NULL && *subject != '\0')
    {
      g_autofree char *escaped = escape_header_value (subject);

      g_string_append_printf (uri, "%csubject=%s", separator, escaped);
      separator = '&';
    }

  if (body != NULL && *body != '\0')
    {
      g_autofree char *escaped = escape_header_value (body);

      g_string_append_printf (uri, "%cbody=%s", separator, escaped);
    }

  return g_string_free (g_steal_pointer (&uri), FALSE);
}
