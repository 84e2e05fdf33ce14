/* sitrep-interchange-read.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-enums.h"
#include "sitrep-interchange-private.h"
#include "sitrep-time.h"

/*
 * Reading the values of an interchange document, and from them a policy, a
 * contact or an incident with its complaints and timeline. Every error
 * names the path of the offending value, such as "incidents[3].level".
 */

/* Longest value quoted back in an error message, in characters. */
#define QUOTE_MAX 40

/* Upper bound of a policy window: ten years, in minutes. */
#define POLICY_MINUTES_MAX (10 * 366 * 24 * 60)

/* The highest key number: INC- and at most 18 digits fit a gint64. */
#define KEY_DIGITS_MAX 18

const char *const sitrep_interchange_policy_members[SITREP_N_POLICY_WINDOWS] = {
  [SITREP_POLICY_WINDOW_RESPONSE]        = "response_min",
  [SITREP_POLICY_WINDOW_RECOVERY]        = "recovery_min",
  [SITREP_POLICY_WINDOW_RESOLUTION]      = "resolution_min",
  [SITREP_POLICY_WINDOW_INITIAL_NOTICE]  = "initial_notice_min",
  [SITREP_POLICY_WINDOW_PROGRESS_NOTICE] = "progress_notice_min",
};

/* ---------------------------------------------------------------------- */
/* Error messages                                                          */
/* ---------------------------------------------------------------------- */

static char *
member_path (const char *path,
             const char *member)
{
  if (path == NULL || *path == '\0')
    return g_strdup (member);
  if (member == NULL)
    return g_strdup (path);
  return g_strdup_printf ("%s.%s", path, member);
}

void
sitrep_import_set_invalid (GError     **error,
                           const char  *path,
                           const char  *member,
                           const char  *format,
                           ...)
{
  g_autofree char *where = member_path (path, member);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_INVALID,
               /* Translators: the first %s is a place in an imported file, such
                * as “incidents[3].level”, the second what is wrong with its value */
               _("%s: %s"), where, what);
}

/* A value as it may be quoted back to the user: short, on one line. */
static char *
shorten (const char *text)
{
  GString *out = g_string_new (NULL);
  glong n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == QUOTE_MAX)
        {
          g_string_append (out, "…");
          break;
        }
      if (c < 0x20)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static char *
list_nicks (GType type,
            int   excluded)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    {
      if (klass->values[i].value == excluded)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, klass->values[i].value_nick);
    }

  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------------- */
/* Reading values                                                          */
/* ---------------------------------------------------------------------- */

/* A member, or NULL when it is absent or null: both mean "not set". */
JsonNode *
sitrep_import_lookup (JsonObject *object,
                      const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

static gboolean
require (JsonObject  *object,
         const char  *path,
         const char  *member,
         JsonNode   **node,
         GError     **error)
{
  *node = sitrep_import_lookup (object, member);
  if (*node == NULL)
    {
      sitrep_import_set_invalid (error, path, member, "%s", _("required"));
      return FALSE;
    }
  return TRUE;
}

gboolean
sitrep_import_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 ||
          json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

/* NULL (a member missing, or empty) is blank too. */
static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* A string member. An optional empty string reads as unset, as does a
 * missing member or null; a required one must hold more than spaces. */
static gboolean
read_string (JsonObject  *object,
             const char  *path,
             const char  *member,
             gboolean     required,
             const char **value,
             GError     **error)
{
  JsonNode *node = sitrep_import_lookup (object, member);
  const char *text;

  *value = NULL;

  if (node == NULL)
    {
      if (!required)
        return TRUE;
      sitrep_import_set_invalid (error, path, member, "%s", _("required"));
      return FALSE;
    }

  if (!sitrep_import_is_string (node))
    {
      sitrep_import_set_invalid (error, path, member, "%s", _("must be a string"));
      return FALSE;
    }

  text = json_node_get_string (node);
  if (required && is_blank (text))
    {
      sitrep_import_set_invalid (error, path, member, "%s", _("must not be empty"));
      return FALSE;
    }

  *value = *text != '\0' ? text : NULL;
  return TRUE;
}

gboolean
sitrep_import_read_integer (JsonObject  *object,
                            const char  *path,
                            const char  *member,
                            gboolean     required,
                            gint64      *value,
                            gboolean    *present,
                            GError     **error)
{
  JsonNode *node = sitrep_import_lookup (object, member);

  if (present != NULL)
    *present = node != NULL;

  if (node == NULL)
    {
      if (!required)
        return TRUE;
      sitrep_import_set_invalid (error, path, member, "%s", _("required"));
      return FALSE;
    }

  if (!is_number (node))
    {
      sitrep_import_set_invalid (error, path, member, "%s", _("must be a number"));
      return FALSE;
    }

  if (!is_integer (node))
    {
      sitrep_import_set_invalid (error, path, member, "%s", _("must be a whole number"));
      return FALSE;
    }

  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
read_time (JsonObject  *object,
           const char  *path,
           const char  *member,
           gboolean     required,
           gint64      *value,
           GError     **error)
{
  JsonNode *node = sitrep_import_lookup (object, member);
  g_autoptr(GError) time_error = NULL;
  g_autofree char *quoted = NULL;
  const char *text;
  gint64 t = 0;

  *value = SITREP_TIME_NONE;

  if (node == NULL)
    {
      if (!required)
        return TRUE;
      sitrep_import_set_invalid (error, path, member, "%s", _("required"));
      return FALSE;
    }

  if (!sitrep_import_is_string (node))
    {
      sitrep_import_set_invalid (error, path, member, "%s",
                                 _("must be a string with an RFC 3339 time, "
                                   "such as 2026-03-01T09:30:00+08:00"));
      return FALSE;
    }

  text = json_node_get_string (node);
  quoted = shorten (text);

  if (!sitrep_time_parse_rfc3339 (text, &t, &time_error))
    {
      if (g_error_matches (time_error, SITREP_TIME_ERROR, SITREP_TIME_ERROR_OUT_OF_RANGE))
        /* Translators: the times are limits; keep them as they are */
        sitrep_import_set_invalid (error, path, member,
                                   _("\"%s\" is outside 1970-01-01T00:00:01Z to "
                                            "9999-12-31T23:59:59Z"), quoted);
      else
        sitrep_import_set_invalid (error, path, member,
                                   _("\"%s\" is not an RFC 3339 time with an offset"),
                                   quoted);
      return FALSE;
    }

  *value = t;
  return TRUE;
}

/* An enumeration by its nick. @excluded is a value the format spells as
 * null rather than by name (or -1). */
static gboolean
read_enum (JsonObject  *object,
           const char  *path,
           const char  *member,
           GType        type,
           int          excluded,
           gboolean     required,
           int         *value,
           gboolean    *present,
           GError     **error)
{
  JsonNode *node = sitrep_import_lookup (object, member);
  const char *nick;
  int v = 0;

  if (present != NULL)
    *present = node != NULL;

  if (node == NULL)
    {
      if (!required)
        return TRUE;
      sitrep_import_set_invalid (error, path, member, "%s", _("required"));
      return FALSE;
    }

  if (!sitrep_import_is_string (node))
    {
      sitrep_import_set_invalid (error, path, member, "%s", _("must be a string"));
      return FALSE;
    }

  nick = json_node_get_string (node);
  if (!sitrep_enum_from_nick (type, nick, &v) || v == excluded)
    {
      g_autofree char *quoted = shorten (nick);
      g_autofree char *nicks = list_nicks (type, excluded);

      /* Translators: the second %s lists the names the file may use; they stay in English */
      sitrep_import_set_invalid (error, path, member, _("\"%s\" is not one of %s"), quoted, nicks);
      return FALSE;
    }

  *value = v;
  return TRUE;
}

static gboolean
read_boolean (JsonObject  *object,
              const char  *path,
              const char  *member,
              gboolean    *value,
              GError     **error)
{
  JsonNode *node = sitrep_import_lookup (object, member);

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      sitrep_import_set_invalid (error, path, member, "%s", _("must be true or false"));
      return FALSE;
    }

  *value = json_node_get_boolean (node);
  return TRUE;
}

/* An array member, or NULL (and TRUE) when it is absent. */
gboolean
sitrep_import_read_array (JsonObject  *object,
                          const char  *path,
                          const char  *member,
                          JsonArray  **array,
                          GError     **error)
{
  JsonNode *node = sitrep_import_lookup (object, member);

  *array = NULL;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      sitrep_import_set_invalid (error, path, member, "%s", _("must be an array"));
      return FALSE;
    }

  *array = json_node_get_array (node);
  return TRUE;
}

/* Element @index of @array as an object; @element_path receives its path. */
JsonObject *
sitrep_import_array_object (JsonArray   *array,
                            const char  *path,
                            const char  *member,
                            guint        index,
                            char       **element_path,
                            GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);
  g_autofree char *array_path = member_path (path, member);

  *element_path = g_strdup_printf ("%s[%u]", array_path, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      sitrep_import_set_invalid (error, *element_path, NULL, "%s", _("must be an object"));
      return NULL;
    }

  return json_node_get_object (node);
}

/* "INC-" and a number without leading zeros. */
static gboolean
is_valid_key (const char *key)
{
  const char *digits;
  gsize n;

  if (!g_str_has_prefix (key, "INC-"))
    return FALSE;

  digits = key + strlen ("INC-");
  n = strlen (digits);
  if (n == 0 || n > KEY_DIGITS_MAX || digits[0] == '0')
    return FALSE;

  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (digits[i]))
      return FALSE;

  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Reading the parts of a document                                         */
/* ---------------------------------------------------------------------- */

gboolean
sitrep_import_read_policy (JsonArray     *array,
                           SitrepPolicy  *policy,
                           GError       **error)
{
  gboolean seen[SITREP_LEVEL_MAX + 1] = { FALSE, };

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = NULL;
      JsonObject *object;
      JsonNode *node;
      gint64 level;
      gint64 minutes[SITREP_N_POLICY_WINDOWS];

      object = sitrep_import_array_object (array, NULL, "policy", i, &path, error);
      if (object == NULL)
        return FALSE;

      if (!require (object, path, "level", &node, error))
        return FALSE;
      if (!is_number (node))
        {
          sitrep_import_set_invalid (error, path, "level", "%s", _("must be a number"));
          return FALSE;
        }
      level = is_integer (node) ? json_node_get_int (node) : 0;
      if (level < SITREP_LEVEL_MIN || level > SITREP_LEVEL_MAX)
        {
          sitrep_import_set_invalid (error, path, "level", "%s", _("must be 1, 2 or 3"));
          return FALSE;
        }
      if (seen[level])
        {
          sitrep_import_set_invalid (error, path, "level", _("level %d appears twice"),
                                     (int) level);
          return FALSE;
        }
      seen[level] = TRUE;

      for (guint w = 0; w < SITREP_N_POLICY_WINDOWS; w++)
        {
          /* A deadline needs a window; a notice window of 0 means no
           * communication plan at that level. */
          int least = w <= SITREP_POLICY_WINDOW_RESOLUTION ? 1 : 0;

          if (!sitrep_import_read_integer (object, path, sitrep_interchange_policy_members[w],
                                           TRUE, &minutes[w], NULL, error))
            return FALSE;
          if (minutes[w] < least || minutes[w] > POLICY_MINUTES_MAX)
            {
              sitrep_import_set_invalid (error, path, sitrep_interchange_policy_members[w],
                                         _("must be a number of minutes from %d to %d"), least,
                                         POLICY_MINUTES_MAX);
              return FALSE;
            }
        }

      for (guint w = 0; w < SITREP_N_POLICY_WINDOWS; w++)
        sitrep_policy_set_minutes (policy, (int) level, w, (int) minutes[w]);
    }

  return TRUE;
}

SitrepContact *
sitrep_import_read_contact (JsonObject  *object,
                            const char  *path,
                            GError     **error)
{
  g_autoptr(SitrepContact) contact = sitrep_contact_new ();
  const char *name, *email, *phone;
  int role = 0;

  if (!read_string (object, path, "name", TRUE, &name, error) ||
      !read_enum (object, path, "role", SITREP_TYPE_ROLE, -1, TRUE, &role, NULL, error) ||
      !read_string (object, path, "email", FALSE, &email, error) ||
      !read_string (object, path, "phone", FALSE, &phone, error))
    return NULL;

  sitrep_contact_set_name (contact, name);
  sitrep_contact_set_role (contact, role);
  sitrep_contact_set_email (contact, email);
  sitrep_contact_set_phone (contact, phone);

  return g_steal_pointer (&contact);
}

static SitrepComplaint *
read_complaint (JsonObject  *object,
                const char  *path,
                GError     **error)
{
  g_autoptr(SitrepComplaint) complaint = sitrep_complaint_new ();
  const char *ref, *customer, *summary, *reason;
  gint64 received_at;
  gboolean attributed = FALSE;
  gboolean has_verdict = FALSE;
  int verdict = SITREP_VERDICT_NOT_ANALYSED;
  int channel = SITREP_CHANNEL_OTHER;

  if (!read_string (object, path, "ref", FALSE, &ref, error) ||
      !read_string (object, path, "customer", FALSE, &customer, error) ||
      !read_time (object, path, "received_at", TRUE, &received_at, error) ||
      !read_string (object, path, "summary", FALSE, &summary, error) ||
      !read_enum (object, path, "verdict", SITREP_TYPE_VERDICT, -1, FALSE, &verdict,
                  &has_verdict, error) ||
      !read_string (object, path, "reason", FALSE, &reason, error) ||
      !read_enum (object, path, "channel", SITREP_TYPE_CHANNEL, -1, FALSE, &channel, NULL,
                  error) ||
      !read_boolean (object, path, "attributed", &attributed, error))
    return NULL;

  /* Documents written before the verdict have the boolean "attributed":
   * true is attributed, false was no decision yet. */
  if (sitrep_import_lookup (object, "attributed") != NULL)
    {
      if (!has_verdict)
        verdict = attributed ? SITREP_VERDICT_ATTRIBUTED : SITREP_VERDICT_NOT_ANALYSED;
      else if (attributed != (verdict == SITREP_VERDICT_ATTRIBUTED))
        {
          sitrep_import_set_invalid (error, path, "attributed",
                                     /* Translators: "verdict" is a member name; keep it */
                                     _("contradicts \"verdict\": \"%s\""),
                                     sitrep_enum_to_nick (SITREP_TYPE_VERDICT, verdict));
          return NULL;
        }
    }

  if (verdict == SITREP_VERDICT_NOT_ATTRIBUTED && is_blank (reason))
    {
      sitrep_import_set_invalid (error, path, "reason", "%s",
                                 _("required when the verdict is \"not-attributed\""));
      return NULL;
    }

  sitrep_complaint_set_ref (complaint, ref);
  sitrep_complaint_set_customer (complaint, customer);
  sitrep_complaint_set_received_at (complaint, received_at);
  sitrep_complaint_set_summary (complaint, summary);
  sitrep_complaint_set_verdict (complaint, verdict);
  sitrep_complaint_set_verdict_reason (complaint,
                                       verdict == SITREP_VERDICT_NOT_ATTRIBUTED ? reason : NULL);
  sitrep_complaint_set_channel (complaint, channel);

  return g_steal_pointer (&complaint);
}

static SitrepTimelineEntry *
read_timeline_entry (JsonObject  *object,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(SitrepTimelineEntry) entry = sitrep_timeline_entry_new ();
  const char *author, *detail;
  JsonNode *text;
  gint64 occurred_at, recorded_at;
  gint64 corrects = -1;
  gboolean has_corrects = FALSE;
  int kind = 0, tag = SITREP_TAG_NONE;

  if (!read_time (object, path, "occurred_at", TRUE, &occurred_at, error) ||
      !read_time (object, path, "recorded_at", FALSE, &recorded_at, error) ||
      !read_string (object, path, "author", FALSE, &author, error) ||
      !read_enum (object, path, "kind", SITREP_TYPE_ENTRY_KIND, -1, TRUE, &kind, NULL, error) ||
      !read_enum (object, path, "tag", SITREP_TYPE_TAG, SITREP_TAG_NONE, FALSE, &tag, NULL,
                  error) ||
      !require (object, path, "text", &text, error))
    return NULL;

  if (!sitrep_import_is_string (text))
    {
      sitrep_import_set_invalid (error, path, "text", "%s", _("must be a string"));
      return NULL;
    }

  if (!read_string (object, path, "detail", FALSE, &detail, error) ||
      !sitrep_import_read_integer (object, path, "corrects", FALSE, &corrects, &has_corrects,
                                   error))
    return NULL;

  /* the position of the corrected entry in this timeline; checked against
   * the other entries by check_corrections() */
  if (has_corrects && (corrects < 0 || corrects >= G_MAXINT))
    {
      sitrep_import_set_invalid (error, path, "corrects", "%s",
                                 _("must be the position of an earlier entry"));
      return NULL;
    }

  if (recorded_at == SITREP_TIME_NONE)
    recorded_at = occurred_at;

  sitrep_timeline_entry_set_occurred_at (entry, occurred_at);
  sitrep_timeline_entry_set_recorded_at (entry, recorded_at);
  sitrep_timeline_entry_set_author (entry, author);
  sitrep_timeline_entry_set_kind (entry, kind);
  sitrep_timeline_entry_set_tag (entry, tag);
  sitrep_timeline_entry_set_text (entry, json_node_get_string (text));
  sitrep_timeline_entry_set_detail (entry, detail);
  /* positions count from 0; an entry's id in the document is its
   * position + 1 (0 is no entry) */
  if (has_corrects)
    sitrep_timeline_entry_set_corrects (entry, corrects + 1);

  return g_steal_pointer (&entry);
}

/* Gives each entry of a timeline its id in the document (its position + 1,
 * which the store maps to the row it makes) and checks that each correction
 * points at an earlier entry that is no correction itself, and that only
 * corrections point at one. */
static gboolean
check_corrections (GPtrArray   *timeline,
                   const char  *path,
                   GError     **error)
{
  for (guint i = 0; i < timeline->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (timeline, i);
      gint64 corrects = sitrep_timeline_entry_get_corrects (entry);
      gboolean is_correction =
        sitrep_timeline_entry_get_kind (entry) == SITREP_ENTRY_KIND_CORRECTION;
      g_autofree char *entry_path = g_strdup_printf ("%s.timeline[%u]", path, i);

      sitrep_timeline_entry_set_id (entry, i + 1);

      if (is_correction && corrects == 0)
        {
          sitrep_import_set_invalid (error, entry_path, "corrects", "%s",
                                     _("required for a correction"));
          return FALSE;
        }

      if (corrects == 0)
        continue;

      if (!is_correction)
        {
          sitrep_import_set_invalid (error, entry_path, "corrects", "%s",
                                     _("only a correction corrects an entry"));
          return FALSE;
        }

      /* not before its note, so that an export lists it after the note */
      if (corrects > i ||
          sitrep_timeline_entry_get_kind (g_ptr_array_index (timeline, corrects - 1)) !=
          SITREP_ENTRY_KIND_NOTE ||
          sitrep_timeline_entry_get_occurred_at (g_ptr_array_index (timeline, corrects - 1)) >
          sitrep_timeline_entry_get_occurred_at (entry))
        {
          sitrep_import_set_invalid (error, entry_path, "corrects", "%s",
                                     _("must be the position of an earlier note"));
          return FALSE;
        }
    }

  return TRUE;
}

/* The milestones of an incident, each checked against reported_at. */
typedef struct
{
  const char *member;
  gint64      time;
} Milestone;

static gboolean
check_times (SitrepIncident  *incident,
             const char      *path,
             GError         **error)
{
  static const struct {
    SitrepStatus  status;
    const char   *member;
  } status_times[] = {
    { SITREP_STATUS_ACKNOWLEDGED, "acknowledged_at" },
    { SITREP_STATUS_RECOVERED,    "recovered_at" },
    { SITREP_STATUS_RESOLVED,     "resolved_at" },
    { SITREP_STATUS_TRANSFERRED,  "transferred_at" },
    { SITREP_STATUS_CLOSED,       "closed_at" },
  };
  gint64 reported_at = sitrep_incident_get_reported_at (incident);
  SitrepStatus status = sitrep_incident_get_status (incident);
  const Milestone milestones[] = {
    { "acknowledged_at", sitrep_incident_get_acknowledged_at (incident) },
    { "recovered_at",    sitrep_incident_get_recovered_at (incident) },
    { "resolved_at",     sitrep_incident_get_resolved_at (incident) },
    { "transferred_at",  sitrep_incident_get_transferred_at (incident) },
    { "closed_at",       sitrep_incident_get_closed_at (incident) },
    { "cancelled_at",    sitrep_incident_get_cancelled_at (incident) },
  };

  if (sitrep_incident_get_occurred_at (incident) > reported_at)
    {
      /* Translators: “reported_at” is the name of a field in the file */
      sitrep_import_set_invalid (error, path, "occurred_at", "%s", _("after reported_at"));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (milestones); i++)
    {
      if (milestones[i].time != SITREP_TIME_NONE && milestones[i].time < reported_at)
        {
          /* Translators: “reported_at” is the name of a field in the file */
          sitrep_import_set_invalid (error, path, milestones[i].member, "%s",
                                     _("before reported_at"));
          return FALSE;
        }
    }

  /* The time that put the incident in its current status must be known,
   * or its deadlines would read as never met. */
  for (guint i = 0; i < G_N_ELEMENTS (status_times); i++)
    {
      if (status == status_times[i].status)
        {
          for (guint j = 0; j < G_N_ELEMENTS (milestones); j++)
            {
              if (g_str_equal (milestones[j].member, status_times[i].member) &&
                  milestones[j].time == SITREP_TIME_NONE)
                {
                  sitrep_import_set_invalid (error, path, status_times[i].member,
                                             /* Translators: %s is a status as the file names it,
                                * such as “resolved” */
                                             _("required when the status is %s"),
                                             sitrep_enum_to_nick (SITREP_TYPE_STATUS, status));
                  return FALSE;
                }
            }
        }
    }

  /* A transfer records where the incident went. */
  if (sitrep_incident_get_transferred_at (incident) != SITREP_TIME_NONE &&
      (sitrep_incident_get_transferred_to (incident) == NULL ||
       *sitrep_incident_get_transferred_to (incident) == '\0'))
    {
      /* Translators: “transferred_at” is the name of a field in the file */
      sitrep_import_set_invalid (error, path, "transferred_to", "%s",
                                 _("required when transferred_at is set"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_reporter (JsonObject      *object,
               const char      *path,
               SitrepIncident  *incident,
               GError         **error)
{
  g_autofree char *reporter_path = member_path (path, "reporter");
  JsonNode *node = sitrep_import_lookup (object, "reporter");
  JsonObject *reporter;
  const char *name, *contact;
  int channel = SITREP_CHANNEL_OTHER;

  if (node == NULL)
    {
      sitrep_incident_set_reporter_channel (incident, SITREP_CHANNEL_OTHER);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      sitrep_import_set_invalid (error, path, "reporter", "%s", _("must be an object"));
      return FALSE;
    }

  reporter = json_node_get_object (node);
  if (!read_string (reporter, reporter_path, "name", FALSE, &name, error) ||
      !read_string (reporter, reporter_path, "contact", FALSE, &contact, error) ||
      !read_enum (reporter, reporter_path, "channel", SITREP_TYPE_CHANNEL, -1, FALSE,
                  &channel, NULL, error))
    return FALSE;

  sitrep_incident_set_reporter_name (incident, name);
  sitrep_incident_set_reporter_contact (incident, contact);
  sitrep_incident_set_reporter_channel (incident, channel);
  return TRUE;
}

/* Reads each object of the array @member of @object with @read_func into
 * @out; fails at the first element it refuses, naming its path. */
typedef gpointer (*ReadObjectFunc) (JsonObject  *object,
                                    const char  *path,
                                    GError     **error);

static gboolean
read_objects (JsonObject      *object,
              const char      *path,
              const char      *member,
              ReadObjectFunc   read_func,
              GPtrArray       *out,
              GError         **error)
{
  JsonArray *array = NULL;

  if (!sitrep_import_read_array (object, path, member, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = NULL;
      JsonObject *element = sitrep_import_array_object (array, path, member, i,
                                                        &element_path, error);
      gpointer item;

      if (element == NULL)
        return FALSE;
      item = read_func (element, element_path, error);
      if (item == NULL)
        return FALSE;
      g_ptr_array_add (out, item);
    }

  return TRUE;
}

static SitrepTeamSection *
read_team (JsonObject  *object,
           const char  *path,
           GError     **error)
{
  g_autoptr(SitrepTeamSection) section = g_new0 (SitrepTeamSection, 1);
  const char *team, *author, *text;

  if (!read_string (object, path, "team", TRUE, &team, error) ||
      !read_string (object, path, "author", FALSE, &author, error) ||
      !read_string (object, path, "text", FALSE, &text, error) ||
      !read_time (object, path, "updated_at", TRUE, &section->updated_at, error))
    return NULL;

  section->team = g_strstrip (g_strdup (team));
  section->author = g_strdup (author);
  section->text = g_strdup (text);

  return g_steal_pointer (&section);
}

/* The final report's fields and the teams' sections. */
static gboolean
read_final_report (JsonObject      *object,
                   const char      *path,
                   SitrepIncident  *incident,
                   GPtrArray       *teams,
                   GError         **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *impact, *corrective_actions, *lessons_learned;
  gint64 affected_count = -1;
  gboolean present = FALSE;
  JsonArray *array;

  if (!read_string (object, path, "impact", FALSE, &impact, error) ||
      !sitrep_import_read_integer (object, path, "affected_count", FALSE, &affected_count,
                                   &present, error) ||
      !read_string (object, path, "corrective_actions", FALSE, &corrective_actions, error) ||
      !read_string (object, path, "lessons_learned", FALSE, &lessons_learned, error))
    return FALSE;

  if (present && affected_count < 0)
    {
      sitrep_import_set_invalid (error, path, "affected_count", "%s",
                                 _("must be 0 or more"));
      return FALSE;
    }

  sitrep_incident_set_impact (incident, impact);
  sitrep_incident_set_affected_count (incident, present ? affected_count : -1);
  sitrep_incident_set_corrective_actions (incident, corrective_actions);
  sitrep_incident_set_lessons_learned (incident, lessons_learned);

  if (!sitrep_import_read_array (object, path, "teams", &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = NULL;
      JsonObject *element = sitrep_import_array_object (array, path, "teams", i,
                                                        &element_path, error);
      SitrepTeamSection *section;

      if (element == NULL)
        return FALSE;
      section = read_team (element, element_path, error);
      if (section == NULL)
        return FALSE;
      g_ptr_array_add (teams, section);

      if (!g_hash_table_add (names, g_strdup (section->team)))
        {
          g_autofree char *quoted = shorten (section->team);

          sitrep_import_set_invalid (error, element_path, "team", _("\"%s\" appears twice"),
                                     quoted);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
sitrep_import_read_incident (JsonObject           *object,
                             const char           *path,
                             SitrepIncident      **out_incident,
                             GPtrArray           **out_timeline,
                             GPtrArray           **out_complaints,
                             GPtrArray           **out_teams,
                             GError              **error)
{
  static const struct {
    const char *member;
    void      (*set) (SitrepIncident *, gint64);
  } times[] = {
    { "acknowledged_at", sitrep_incident_set_acknowledged_at },
    { "recovered_at",    sitrep_incident_set_recovered_at },
    { "resolved_at",     sitrep_incident_set_resolved_at },
    { "transferred_at",  sitrep_incident_set_transferred_at },
  };
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ();
  g_autoptr(GPtrArray) timeline = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) complaints = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) teams =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_team_section_free);
  const char *key, *title, *service, *symptoms, *details, *transferred_to, *owner;
  const char *root_cause, *resolution;
  JsonNode *level_node;
  gint64 level, occurred_at, reported_at, t;
  int status = 0, cause = SITREP_CAUSE_NONE;

  if (!read_string (object, path, "key", TRUE, &key, error))
    return FALSE;
  if (!is_valid_key (key))
    {
      g_autofree char *quoted = shorten (key);

      /* Translators: “INC-<number>” is the form of a key; keep it as it is */
      sitrep_import_set_invalid (error, path, "key",
                                 _("\"%s\" is not a key of the form INC-<number>"), quoted);
      return FALSE;
    }
  sitrep_incident_set_key (incident, key);

  if (!read_string (object, path, "title", TRUE, &title, error) ||
      !read_string (object, path, "service", TRUE, &service, error))
    return FALSE;
  sitrep_incident_set_title (incident, title);
  sitrep_incident_set_service (incident, service);

  if (!require (object, path, "level", &level_node, error))
    return FALSE;
  if (!is_number (level_node))
    {
      sitrep_import_set_invalid (error, path, "level", "%s", _("must be a number"));
      return FALSE;
    }
  level = is_integer (level_node) ? json_node_get_int (level_node) : 0;
  if (level < SITREP_LEVEL_MIN || level > SITREP_LEVEL_MAX)
    {
      sitrep_import_set_invalid (error, path, "level", "%s", _("must be 1, 2 or 3"));
      return FALSE;
    }
  sitrep_incident_set_level (incident, (int) level);

  if (!read_enum (object, path, "status", SITREP_TYPE_STATUS, -1, TRUE, &status, NULL, error))
    return FALSE;
  sitrep_incident_set_status (incident, status);

  if (!read_reporter (object, path, incident, error))
    return FALSE;

  if (!read_string (object, path, "symptoms", FALSE, &symptoms, error) ||
      !read_string (object, path, "details", FALSE, &details, error) ||
      !read_time (object, path, "occurred_at", FALSE, &occurred_at, error) ||
      !read_time (object, path, "reported_at", TRUE, &reported_at, error))
    return FALSE;
  sitrep_incident_set_symptoms (incident, symptoms);
  sitrep_incident_set_details (incident, details);
  sitrep_incident_set_reported_at (incident, reported_at);
  sitrep_incident_set_occurred_at (incident,
                                   occurred_at != SITREP_TIME_NONE ? occurred_at : reported_at);

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      if (!read_time (object, path, times[i].member, FALSE, &t, error))
        return FALSE;
      times[i].set (incident, t);
    }

  if (!read_string (object, path, "transferred_to", FALSE, &transferred_to, error))
    return FALSE;
  sitrep_incident_set_transferred_to (incident, transferred_to);

  if (!read_time (object, path, "closed_at", FALSE, &t, error))
    return FALSE;
  sitrep_incident_set_closed_at (incident, t);
  if (!read_time (object, path, "cancelled_at", FALSE, &t, error))
    return FALSE;
  sitrep_incident_set_cancelled_at (incident, t);

  if (!read_string (object, path, "owner", FALSE, &owner, error) ||
      !read_enum (object, path, "cause_category", SITREP_TYPE_CAUSE, SITREP_CAUSE_NONE, FALSE,
                  &cause, NULL, error) ||
      !read_string (object, path, "root_cause", FALSE, &root_cause, error) ||
      !read_string (object, path, "resolution", FALSE, &resolution, error))
    return FALSE;
  sitrep_incident_set_owner (incident, owner);
  sitrep_incident_set_cause_category (incident, cause);
  sitrep_incident_set_root_cause (incident, root_cause);
  sitrep_incident_set_resolution (incident, resolution);

  if (!read_final_report (object, path, incident, teams, error))
    return FALSE;

  if (!sitrep_interchange_read_workflow (object, path, incident, error))
    return FALSE;

  if (!check_times (incident, path, error))
    return FALSE;

  if (!read_objects (object, path, "complaints", (ReadObjectFunc) read_complaint, complaints,
                     error) ||
      !read_objects (object, path, "timeline", (ReadObjectFunc) read_timeline_entry, timeline,
                     error) ||
      !check_corrections (timeline, path, error))
    return FALSE;

  *out_incident = g_steal_pointer (&incident);
  *out_timeline = g_steal_pointer (&timeline);
  *out_complaints = g_steal_pointer (&complaints);
  *out_teams = g_steal_pointer (&teams);
  return TRUE;
}

/* read_string() and read_time() for the readers of other files (the
 * links of an incident, sitrep-interchange-links.c) */
gboolean
sitrep_import_read_string (JsonObject  *object,
                           const char  *path,
                           const char  *member,
                           gboolean     required,
                           const char **value,
                           GError     **error)
{
  return read_string (object, path, member, required, value, error);
}

gboolean
sitrep_import_read_time (JsonObject  *object,
                         const char  *path,
                         const char  *member,
                         gboolean     required,
                         gint64      *value,
                         GError     **error)
{
  return read_time (object, path, member, required, value, error);
}
