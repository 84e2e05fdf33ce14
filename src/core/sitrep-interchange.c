/* sitrep-interchange.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-enums.h"
#include "sitrep-interchange.h"
#include "sitrep-time.h"

/*
 * The JSON interchange format: one document holds the SLA policy, the
 * roster and every incident with its complaints and timeline. Export writes
 * one incident at a time, so that a large database never sits in memory as
 * one tree. Import checks all of the document before it touches the
 * database, and then writes it in one store transaction, so a bad document
 * changes nothing; it too parses one incident at a time.
 */

/* Longest value quoted back in an error message, in characters. */
#define QUOTE_MAX 40

/* Upper bound of a policy window: ten years, in minutes. */
#define POLICY_MINUTES_MAX (10 * 366 * 24 * 60)

/* The highest key number: INC- and at most 18 digits fit a gint64. */
#define KEY_DIGITS_MAX 18

G_DEFINE_QUARK (sitrep-import-error-quark, sitrep_import_error)

static const char *policy_members[SITREP_N_POLICY_WINDOWS] = {
  [SITREP_POLICY_WINDOW_RESPONSE]        = "response_min",
  [SITREP_POLICY_WINDOW_RECOVERY]        = "recovery_min",
  [SITREP_POLICY_WINDOW_RESOLUTION]      = "resolution_min",
  [SITREP_POLICY_WINDOW_INITIAL_NOTICE]  = "initial_notice_min",
  [SITREP_POLICY_WINDOW_PROGRESS_NOTICE] = "progress_notice_min",
};

/* What one pass over a document needs: the first pass only checks, the
 * second one writes to the store. */
typedef struct
{
  SitrepStore        *store;    /* NULL while only checking */
  gboolean            replace;
  SitrepImportResult *result;
  GHashTable         *keys;     /* keys seen so far, to find duplicates */
} ImportPass;

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

static void set_invalid (GError     **error,
                         const char  *path,
                         const char  *member,
                         const char  *format,
                         ...) G_GNUC_PRINTF (4, 5);

static void
set_invalid (GError     **error,
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
static JsonNode *
lookup (JsonObject *object,
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
  *node = lookup (object, member);
  if (*node == NULL)
    {
      set_invalid (error, path, member, "%s", _("required"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_string (JsonNode *node)
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

static gboolean
is_blank (const char *text)
{
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
  JsonNode *node = lookup (object, member);
  const char *text;

  *value = NULL;

  if (node == NULL)
    {
      if (!required)
        return TRUE;
      set_invalid (error, path, member, "%s", _("required"));
      return FALSE;
    }

  if (!is_string (node))
    {
      set_invalid (error, path, member, "%s", _("must be a string"));
      return FALSE;
    }

  text = json_node_get_string (node);
  if (required && is_blank (text))
    {
      set_invalid (error, path, member, "%s", _("must not be empty"));
      return FALSE;
    }

  *value = *text != '\0' ? text : NULL;
  return TRUE;
}

static gboolean
read_integer (JsonObject  *object,
              const char  *path,
              const char  *member,
              gboolean     required,
              gint64      *value,
              gboolean    *present,
              GError     **error)
{
  JsonNode *node = lookup (object, member);

  if (present != NULL)
    *present = node != NULL;

  if (node == NULL)
    {
      if (!required)
        return TRUE;
      set_invalid (error, path, member, "%s", _("required"));
      return FALSE;
    }

  if (!is_number (node))
    {
      set_invalid (error, path, member, "%s", _("must be a number"));
      return FALSE;
    }

  if (!is_integer (node))
    {
      set_invalid (error, path, member, "%s", _("must be a whole number"));
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
  JsonNode *node = lookup (object, member);
  g_autofree char *quoted = NULL;
  const char *text;
  gint64 t = 0;

  *value = SITREP_TIME_NONE;

  if (node == NULL)
    {
      if (!required)
        return TRUE;
      set_invalid (error, path, member, "%s", _("required"));
      return FALSE;
    }

  if (!is_string (node))
    {
      set_invalid (error, path, member, "%s",
                   _("must be a string with an RFC 3339 time, such as 2026-03-01T09:30:00+08:00"));
      return FALSE;
    }

  text = json_node_get_string (node);
  quoted = shorten (text);

  if (!sitrep_time_parse_rfc3339 (text, &t, NULL))
    {
      set_invalid (error, path, member, _("\"%s\" is not an RFC 3339 time with an offset"),
                   quoted);
      return FALSE;
    }

  /* Unix time 0 is how Sitrep spells "not set". */
  if (t <= SITREP_TIME_NONE)
    {
      set_invalid (error, path, member, _("\"%s\" is before 1970"), quoted);
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
  JsonNode *node = lookup (object, member);
  const char *nick;
  int v = 0;

  if (present != NULL)
    *present = node != NULL;

  if (node == NULL)
    {
      if (!required)
        return TRUE;
      set_invalid (error, path, member, "%s", _("required"));
      return FALSE;
    }

  if (!is_string (node))
    {
      set_invalid (error, path, member, "%s", _("must be a string"));
      return FALSE;
    }

  nick = json_node_get_string (node);
  if (!sitrep_enum_from_nick (type, nick, &v) || v == excluded)
    {
      g_autofree char *quoted = shorten (nick);
      g_autofree char *nicks = list_nicks (type, excluded);

      /* Translators: the second %s lists the names the file may use; they stay in English */
      set_invalid (error, path, member, _("\"%s\" is not one of %s"), quoted, nicks);
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
  JsonNode *node = lookup (object, member);

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      set_invalid (error, path, member, "%s", _("must be true or false"));
      return FALSE;
    }

  *value = json_node_get_boolean (node);
  return TRUE;
}

/* An array member, or NULL (and TRUE) when it is absent. */
static gboolean
read_array (JsonObject  *object,
            const char  *path,
            const char  *member,
            JsonArray  **array,
            GError     **error)
{
  JsonNode *node = lookup (object, member);

  *array = NULL;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_invalid (error, path, member, "%s", _("must be an array"));
      return FALSE;
    }

  *array = json_node_get_array (node);
  return TRUE;
}

/* Element @index of @array as an object; @element_path receives its path. */
static JsonObject *
array_object (JsonArray   *array,
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
      set_invalid (error, *element_path, NULL, "%s", _("must be an object"));
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

static gboolean
read_policy (JsonArray     *array,
             SitrepPolicy  *policy,
             GError       **error)
{
  gboolean seen[SITREP_LEVEL_MAX + 1] = { FALSE, };

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *level_path = NULL;
      JsonObject *object;
      JsonNode *node;
      gint64 level;
      gint64 minutes[SITREP_N_POLICY_WINDOWS];

      object = array_object (array, NULL, "policy", i, &path, error);
      if (object == NULL)
        return FALSE;

      if (!require (object, path, "level", &node, error))
        return FALSE;
      if (!is_number (node))
        {
          set_invalid (error, path, "level", "%s", _("must be a number"));
          return FALSE;
        }
      level = is_integer (node) ? json_node_get_int (node) : 0;
      if (level < SITREP_LEVEL_MIN || level > SITREP_LEVEL_MAX)
        {
          set_invalid (error, path, "level", "%s", _("must be 1, 2 or 3"));
          return FALSE;
        }
      if (seen[level])
        {
          set_invalid (error, path, "level", _("level %d appears twice"), (int) level);
          return FALSE;
        }
      seen[level] = TRUE;

      for (guint w = 0; w < SITREP_N_POLICY_WINDOWS; w++)
        {
          /* A deadline needs a window; a notice window of 0 means no
           * communication plan at that level. */
          int least = w <= SITREP_POLICY_WINDOW_RESOLUTION ? 1 : 0;

          if (!read_integer (object, path, policy_members[w], TRUE, &minutes[w], NULL, error))
            return FALSE;
          if (minutes[w] < least || minutes[w] > POLICY_MINUTES_MAX)
            {
              set_invalid (error, path, policy_members[w],
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

static SitrepContact *
read_contact (JsonObject  *object,
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
  const char *ref, *customer, *summary;
  gint64 received_at;
  gboolean attributed = FALSE;

  if (!read_string (object, path, "ref", FALSE, &ref, error) ||
      !read_string (object, path, "customer", FALSE, &customer, error) ||
      !read_time (object, path, "received_at", TRUE, &received_at, error) ||
      !read_string (object, path, "summary", FALSE, &summary, error) ||
      !read_boolean (object, path, "attributed", &attributed, error))
    return NULL;

  sitrep_complaint_set_ref (complaint, ref);
  sitrep_complaint_set_customer (complaint, customer);
  sitrep_complaint_set_received_at (complaint, received_at);
  sitrep_complaint_set_summary (complaint, summary);
  sitrep_complaint_set_attributed (complaint, attributed);

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
  int kind = 0, tag = SITREP_TAG_NONE;

  if (!read_time (object, path, "occurred_at", TRUE, &occurred_at, error) ||
      !read_time (object, path, "recorded_at", FALSE, &recorded_at, error) ||
      !read_string (object, path, "author", FALSE, &author, error) ||
      !read_enum (object, path, "kind", SITREP_TYPE_ENTRY_KIND, -1, TRUE, &kind, NULL, error) ||
      !read_enum (object, path, "tag", SITREP_TYPE_TAG, SITREP_TAG_NONE, FALSE, &tag, NULL,
                  error) ||
      !require (object, path, "text", &text, error))
    return NULL;

  if (!is_string (text))
    {
      set_invalid (error, path, "text", "%s", _("must be a string"));
      return NULL;
    }

  if (!read_string (object, path, "detail", FALSE, &detail, error))
    return NULL;

  if (recorded_at == SITREP_TIME_NONE)
    recorded_at = occurred_at;

  sitrep_timeline_entry_set_occurred_at (entry, occurred_at);
  sitrep_timeline_entry_set_recorded_at (entry, recorded_at);
  sitrep_timeline_entry_set_author (entry, author);
  sitrep_timeline_entry_set_kind (entry, kind);
  sitrep_timeline_entry_set_tag (entry, tag);
  sitrep_timeline_entry_set_text (entry, json_node_get_string (text));
  sitrep_timeline_entry_set_detail (entry, detail);

  return g_steal_pointer (&entry);
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
      set_invalid (error, path, "occurred_at", "%s", _("after reported_at"));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (milestones); i++)
    {
      if (milestones[i].time != SITREP_TIME_NONE && milestones[i].time < reported_at)
        {
          /* Translators: “reported_at” is the name of a field in the file */
          set_invalid (error, path, milestones[i].member, "%s", _("before reported_at"));
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
                  set_invalid (error, path, status_times[i].member,
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
      set_invalid (error, path, "transferred_to", "%s", _("required when transferred_at is set"));
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
  JsonNode *node = lookup (object, "reporter");
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
      set_invalid (error, path, "reporter", "%s", _("must be an object"));
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

static gboolean
read_incident (JsonObject           *object,
               const char           *path,
               SitrepIncident      **out_incident,
               GPtrArray           **out_timeline,
               GPtrArray           **out_complaints,
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
  const char *key, *title, *service, *symptoms, *details, *transferred_to, *owner;
  const char *root_cause, *resolution;
  JsonNode *level_node;
  JsonArray *array;
  gint64 level, occurred_at, reported_at, t;
  int status = 0, cause = SITREP_CAUSE_NONE;

  if (!read_string (object, path, "key", TRUE, &key, error))
    return FALSE;
  if (!is_valid_key (key))
    {
      g_autofree char *quoted = shorten (key);

      /* Translators: “INC-<number>” is the form of a key; keep it as it is */
      set_invalid (error, path, "key", _("\"%s\" is not a key of the form INC-<number>"), quoted);
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
      set_invalid (error, path, "level", "%s", _("must be a number"));
      return FALSE;
    }
  level = is_integer (level_node) ? json_node_get_int (level_node) : 0;
  if (level < SITREP_LEVEL_MIN || level > SITREP_LEVEL_MAX)
    {
      set_invalid (error, path, "level", "%s", _("must be 1, 2 or 3"));
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

  if (!check_times (incident, path, error))
    return FALSE;

  if (!read_array (object, path, "complaints", &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = NULL;
      JsonObject *element = array_object (array, path, "complaints", i, &element_path, error);
      SitrepComplaint *complaint;

      if (element == NULL)
        return FALSE;
      complaint = read_complaint (element, element_path, error);
      if (complaint == NULL)
        return FALSE;
      g_ptr_array_add (complaints, complaint);
    }

  if (!read_array (object, path, "timeline", &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = NULL;
      JsonObject *element = array_object (array, path, "timeline", i, &element_path, error);
      SitrepTimelineEntry *entry;

      if (element == NULL)
        return FALSE;
      entry = read_timeline_entry (element, element_path, error);
      if (entry == NULL)
        return FALSE;
      g_ptr_array_add (timeline, entry);
    }

  *out_incident = g_steal_pointer (&incident);
  *out_timeline = g_steal_pointer (&timeline);
  *out_complaints = g_steal_pointer (&complaints);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Writing to the store                                                    */
/* ---------------------------------------------------------------------- */

static gboolean
import_incident (ImportPass      *pass,
                 const char      *path,
                 SitrepIncident  *incident,
                 GPtrArray       *timeline,
                 GPtrArray       *complaints,
                 GError         **error)
{
  const char *key = sitrep_incident_get_key (incident);
  g_autoptr(SitrepIncident) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean skipped = FALSE;

  existing = sitrep_store_find_incident (pass->store, key, &local_error);
  if (existing == NULL &&
      !g_error_matches (local_error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s (%s): ", path, key);
      return FALSE;
    }

  if (!sitrep_store_import_incident (pass->store, incident, timeline, complaints,
                                     pass->replace, &skipped, error))
    {
      g_prefix_error (error, "%s (%s): ", path, key);
      return FALSE;
    }

  if (skipped)
    g_ptr_array_add (pass->result->skipped, g_strdup (key));
  else if (existing != NULL)
    pass->result->replaced++;
  else
    pass->result->imported++;

  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* The document's text                                                     */
/* ---------------------------------------------------------------------- */

/*
 * json-glib can only parse a whole document into one tree, which for a
 * large export takes many times the file's size in memory. So the text is
 * scanned for the shape of the document (its top-level members and the
 * elements of "incidents"), and each part is parsed on its own when it is
 * needed: memory holds the text and one incident at a time.
 */

/* Where a value lies in the text: [start, end). */
typedef struct
{
  gsize start;
  gsize end;
} Span;

typedef struct
{
  const char *data;
  gsize       length;
  JsonObject *head;       /* every top-level member, parsed, but "incidents" */
  GArray     *incidents;  /* a Span per element, when "incidents" is an array */
} Document;

static void
document_clear (Document *doc)
{
  g_clear_pointer (&doc->head, json_object_unref);
  g_clear_pointer (&doc->incidents, g_array_unref);
}

/* The line and column (in characters, from 1) of @offset. */
static void
locate (const char *data,
        gsize       offset,
        int        *line,
        int        *column)
{
  *line = 1;
  *column = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) data[i] & 0xc0) != 0x80)
        (*column)++;
    }
}

static void
set_syntax_error (GError     **error,
                  const char  *data,
                  gsize        offset,
                  const char  *what)
{
  int line, column;

  locate (data, offset, &line, &column);
  g_set_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_MALFORMED,
               _("Not valid JSON at line %d, column %d: %s"), line, column, what);
}

/* json-glib says "<data>:LINE:COLUMN: Parse error: WHAT" about a part
 * that starts at @offset in the document; Sitrep says where in the whole
 * document, in its own words. */
static void
set_parse_error (GError       **error,
                 const GError  *parse_error,
                 const char    *data,
                 gsize          offset)
{
  const char *message = parse_error->message;
  const char *what;
  int line = 0, column = 0, consumed = 0;

  if (message[0] == '<' && (what = strstr (message, ">:")) != NULL &&
      sscanf (what, ">:%d:%d: %n", &line, &column, &consumed) == 2 && consumed > 0)
    {
      int start_line, start_column;

      what += consumed;
      if (g_str_has_prefix (what, "Parse error: "))
        what += strlen ("Parse error: ");

      locate (data, offset, &start_line, &start_column);
      if (line <= 1)
        column += start_column - 1;
      line += start_line - 1;

      g_set_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_MALFORMED,
                   _("Not valid JSON at line %d, column %d: %s"), line, column, what);
      return;
    }

  g_set_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_MALFORMED,
               _("Not valid JSON: %s"), message);
}

static gsize
skip_space (const Document *doc,
            gsize           pos)
{
  while (pos < doc->length &&
         (doc->data[pos] == ' ' || doc->data[pos] == '\t' ||
          doc->data[pos] == '\n' || doc->data[pos] == '\r'))
    pos++;
  return pos;
}

static gboolean
scan_string (const Document  *doc,
             gsize           *pos,
             GError         **error)
{
  gsize start = *pos;

  for (gsize i = start + 1; i < doc->length; i++)
    {
      if (doc->data[i] == '\\')
        i++;
      else if (doc->data[i] == '"')
        {
          *pos = i + 1;
          return TRUE;
        }
    }

  set_syntax_error (error, doc->data, start, _("a string is not closed"));
  return FALSE;
}

/* Moves @pos past one value. Only the nesting is checked here; parsing
 * the value checks the rest. */
static gboolean
scan_value (const Document  *doc,
            gsize           *pos,
            GError         **error)
{
  gsize start = *pos;
  gsize i = start;
  int depth = 0;

  if (i >= doc->length)
    {
      set_syntax_error (error, doc->data, i, _("the document ends where a value should be"));
      return FALSE;
    }

  switch (doc->data[i])
    {
    case '"':
      return scan_string (doc, pos, error);

    case '{':
    case '[':
      while (i < doc->length)
        {
          char c = doc->data[i];

          if (c == '"')
            {
              if (!scan_string (doc, &i, error))
                return FALSE;
              continue;
            }
          if (c == '{' || c == '[')
            depth++;
          else if ((c == '}' || c == ']') && --depth == 0)
            {
              *pos = i + 1;
              return TRUE;
            }
          i++;
        }
      set_syntax_error (error, doc->data, start,
                        doc->data[start] == '{' ? _("this object is not closed")
                                                : _("this array is not closed"));
      return FALSE;

    case ',':
    case ':':
    case '}':
    case ']':
      set_syntax_error (error, doc->data, i, _("a value is missing"));
      return FALSE;

    default:
      while (i < doc->length && strchr (",:]} \t\r\n", doc->data[i]) == NULL)
        i++;
      *pos = i;
      return TRUE;
    }
}

static JsonNode *
parse_span (JsonParser      *parser,
            const Document  *doc,
            Span             span,
            GError         **error)
{
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, doc->data + span.start, span.end - span.start,
                                   &parse_error))
    {
      set_parse_error (error, parse_error, doc->data, span.start);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      set_syntax_error (error, doc->data, span.start, _("a value is missing"));
      return NULL;
    }

  return json_node_ref (root);
}

static gboolean
scan_incidents (Document  *doc,
                Span       array,
                GError   **error)
{
  gsize pos = skip_space (doc, array.start + 1);

  doc->incidents = g_array_new (FALSE, FALSE, sizeof (Span));

  if (pos < array.end && doc->data[pos] == ']')
    return TRUE;

  for (;;)
    {
      Span element = { pos, pos };

      if (!scan_value (doc, &pos, error))
        return FALSE;
      element.end = pos;
      g_array_append_val (doc->incidents, element);

      pos = skip_space (doc, pos);
      if (pos < array.end && doc->data[pos] == ',')
        {
          pos = skip_space (doc, pos + 1);
          continue;
        }
      if (pos < array.end && doc->data[pos] == ']')
        return TRUE;

      set_syntax_error (error, doc->data, pos, _("expected “,” or “]”"));
      return FALSE;
    }
}

/* Finds the top-level members, parses all but "incidents", and finds
 * the incidents' elements. */
static gboolean
scan_document (Document  *doc,
               GError   **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  gsize pos = skip_space (doc, 0);

  if (pos == doc->length)
    {
      g_set_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_MALFORMED,
                   _("The document is empty"));
      return FALSE;
    }

  if (doc->data[pos] != '{')
    {
      /* Not Sitrep's format at all: let json-glib say whether it is JSON. */
      if (!json_parser_load_from_data (parser, doc->data, doc->length, &parse_error))
        set_parse_error (error, parse_error, doc->data, 0);
      else
        g_set_error (error, SITREP_IMPORT_ERROR, SITREP_IMPORT_ERROR_INVALID,
                     _("The document must be a JSON object with \"format\": \"sitrep\""));
      return FALSE;
    }

  doc->head = json_object_new ();
  pos = skip_space (doc, pos + 1);
  if (pos < doc->length && doc->data[pos] == '}')
    pos++;
  else
    for (;;)
      {
        Span name = { pos, pos };
        Span value;
        g_autoptr(JsonNode) name_node = NULL;
        const char *member;

        if (pos >= doc->length || doc->data[pos] != '"')
          {
            set_syntax_error (error, doc->data, pos, _("expected the name of a member"));
            return FALSE;
          }
        if (!scan_string (doc, &pos, error))
          return FALSE;
        name.end = pos;
        name_node = parse_span (parser, doc, name, error);
        if (name_node == NULL)
          return FALSE;
        member = json_node_get_string (name_node);

        pos = skip_space (doc, pos);
        if (pos >= doc->length || doc->data[pos] != ':')
          {
            set_syntax_error (error, doc->data, pos, _("expected “:”"));
            return FALSE;
          }
        pos = skip_space (doc, pos + 1);
        value.start = pos;
        if (!scan_value (doc, &pos, error))
          return FALSE;
        value.end = pos;

        if (g_str_equal (member, "incidents") && doc->data[value.start] == '[')
          {
            g_clear_pointer (&doc->incidents, g_array_unref);
            json_object_remove_member (doc->head, member);
            if (!scan_incidents (doc, value, error))
              return FALSE;
          }
        else
          {
            JsonNode *node = parse_span (parser, doc, value, error);

            if (node == NULL)
              return FALSE;
            if (g_str_equal (member, "incidents"))
              g_clear_pointer (&doc->incidents, g_array_unref);
            json_object_set_member (doc->head, member, node);
          }

        pos = skip_space (doc, pos);
        if (pos < doc->length && doc->data[pos] == ',')
          {
            pos = skip_space (doc, pos + 1);
            continue;
          }
        if (pos < doc->length && doc->data[pos] == '}')
          {
            pos++;
            break;
          }

        set_syntax_error (error, doc->data, pos, _("expected “,” or “}”"));
        return FALSE;
      }

  pos = skip_space (doc, pos);
  if (pos < doc->length)
    {
      set_syntax_error (error, doc->data, pos, _("more text after the end of the document"));
      return FALSE;
    }

  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Import                                                                  */
/* ---------------------------------------------------------------------- */

static gboolean
read_incidents (ImportPass      *pass,
                const Document  *doc,
                GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  for (guint i = 0; i < doc->incidents->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("incidents[%u]", i);
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(SitrepIncident) incident = NULL;
      g_autoptr(GPtrArray) timeline = NULL;
      g_autoptr(GPtrArray) complaints = NULL;
      JsonObject *object;

      node = parse_span (parser, doc, g_array_index (doc->incidents, Span, i), error);
      if (node == NULL)
        return FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          set_invalid (error, path, NULL, "%s", _("must be an object"));
          return FALSE;
        }
      object = json_node_get_object (node);

      if (!read_incident (object, path, &incident, &timeline, &complaints, error))
        return FALSE;

      if (pass->store == NULL)
        {
          const char *key = sitrep_incident_get_key (incident);

          if (g_hash_table_contains (pass->keys, key))
            {
              set_invalid (error, path, "key", _("\"%s\" appears twice"), key);
              return FALSE;
            }
          g_hash_table_add (pass->keys, g_strdup (key));
          continue;
        }

      if (!import_incident (pass, path, incident, timeline, complaints, error))
        return FALSE;
    }

  return TRUE;
}

/* One pass over the document: without a store it checks everything, with
 * one it writes everything (inside the caller's transaction). */
static gboolean
read_document (ImportPass      *pass,
               const Document  *doc,
               GError         **error)
{
  JsonObject *object = doc->head;
  JsonNode *node;
  JsonArray *policy_array, *contacts, *incidents;
  g_autoptr(SitrepPolicy) policy = NULL;
  gint64 version;

  node = lookup (object, "format");
  if (node == NULL || !is_string (node) ||
      !g_str_equal (json_node_get_string (node), SITREP_INTERCHANGE_FORMAT))
    {
      set_invalid (error, NULL, "format", "%s", _("must be \"sitrep\""));
      return FALSE;
    }

  if (!read_integer (object, NULL, "version", TRUE, &version, NULL, error))
    return FALSE;
  if (version != SITREP_INTERCHANGE_VERSION)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      /* Translators: the version of the file format, then the one Sitrep reads */
      set_invalid (error, NULL, "version", _("%s is not supported (this Sitrep reads version %d)"),
                   number, SITREP_INTERCHANGE_VERSION);
      return FALSE;
    }

  /* "incidents" is in the head only when it is not an array. */
  if (!read_array (object, NULL, "policy", &policy_array, error) ||
      !read_array (object, NULL, "contacts", &contacts, error) ||
      !read_array (object, NULL, "incidents", &incidents, error))
    return FALSE;

  if (policy_array != NULL && json_array_get_length (policy_array) > 0)
    {
      if (pass->store != NULL)
        policy = sitrep_store_get_policy (pass->store);
      else
        policy = sitrep_policy_new_default ();

      if (!read_policy (policy_array, policy, error))
        return FALSE;

      if (pass->store != NULL)
        {
          if (!sitrep_store_import_policy (pass->store, policy, error))
            return FALSE;
          pass->result->policy = TRUE;
        }
    }

  for (guint i = 0; contacts != NULL && i < json_array_get_length (contacts); i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(SitrepContact) contact = NULL;
      JsonObject *element = array_object (contacts, NULL, "contacts", i, &path, error);

      if (element == NULL)
        return FALSE;
      contact = read_contact (element, path, error);
      if (contact == NULL)
        return FALSE;

      if (pass->store != NULL)
        {
          if (!sitrep_store_import_contact (pass->store, contact, error))
            {
              g_prefix_error (error, "%s: ", path);
              return FALSE;
            }
          pass->result->contacts++;
        }
    }

  if (doc->incidents != NULL && !read_incidents (pass, doc, error))
    return FALSE;

  return TRUE;
}

static gboolean
import_text (SitrepStore         *store,
             const char          *data,
             gsize                length,
             gboolean             replace,
             SitrepImportResult **out_result,
             GError             **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(SitrepImportResult) result = g_new0 (SitrepImportResult, 1);
  ImportPass check = { NULL, replace, result, keys };
  ImportPass write = { store, replace, result, keys };
  Document doc = { data, length, NULL, NULL };
  gboolean ok;

  result->skipped = g_ptr_array_new_with_free_func (g_free);

  ok = scan_document (&doc, error) && read_document (&check, &doc, error);
  g_hash_table_remove_all (keys);

  if (ok)
    ok = sitrep_store_import_begin (store, error);

  if (ok && (!read_document (&write, &doc, error) ||
             !sitrep_store_import_commit (store, error)))
    {
      sitrep_store_import_rollback (store);
      ok = FALSE;
    }

  document_clear (&doc);

  if (ok && out_result != NULL)
    *out_result = g_steal_pointer (&result);
  return ok;
}

/**
 * sitrep_import_result_free:
 * @result: (transfer full) (nullable): an import result
 *
 * Frees @result.
 */
void
sitrep_import_result_free (SitrepImportResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->skipped, g_ptr_array_unref);
  g_free (result);
}

/**
 * sitrep_interchange_import:
 * @store: a #SitrepStore
 * @in: a stream with a JSON interchange document
 * @replace: whether an incident whose key exists replaces the stored one;
 *   otherwise it is left as it is and reported as skipped
 * @result: (out) (optional) (transfer full): what was imported
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Imports a document in the format that sitrep_interchange_export()
 * writes: the SLA policy (the levels it lists), the contacts and the
 * incidents with their complaints and timelines. Unknown members are
 * ignored.
 *
 * The whole document is checked before the database is touched, and then
 * written in one transaction: on any error nothing changes. An invalid
 * document fails with %SITREP_IMPORT_ERROR_INVALID and a message that
 * starts with the path of the first offending value, for example
 * `incidents[3].level: must be 1, 2 or 3`; text that is not JSON fails with
 * %SITREP_IMPORT_ERROR_MALFORMED and the line and column.
 *
 * The document's text is held in memory, but only one incident at a time
 * is parsed.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_interchange_import (SitrepStore         *store,
                           GInputStream        *in,
                           gboolean             replace,
                           SitrepImportResult **result,
                           GCancellable        *cancellable,
                           GError             **error)
{
  g_autoptr(GOutputStream) memory = NULL;
  gssize length;

  g_return_val_if_fail (SITREP_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (in), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memory = g_memory_output_stream_new_resizable ();
  length = g_output_stream_splice (memory, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                   cancellable, error);
  if (length < 0)
    return FALSE;

  return import_text (store,
                      g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                      g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)),
                      replace, result, error);
}

/**
 * sitrep_interchange_import_file:
 * @store: a #SitrepStore
 * @path: the file with a JSON interchange document
 * @replace: whether an incident whose key exists replaces the stored one
 * @result: (out) (optional) (transfer full): what was imported
 * @error: return location for a #GError
 *
 * Like sitrep_interchange_import(), from a file, which is mapped into
 * memory rather than read: a large file costs little memory of its own.
 * A file that cannot be read fails in the #G_FILE_ERROR domain.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_interchange_import_file (SitrepStore         *store,
                                const char          *path,
                                gboolean             replace,
                                SitrepImportResult **result,
                                GError             **error)
{
  g_autoptr(GMappedFile) file = NULL;
  const char *data;

  g_return_val_if_fail (SITREP_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return FALSE;

  /* An empty file maps to no data at all. */
  data = g_mapped_file_get_contents (file);
  return import_text (store, data != NULL ? data : "", g_mapped_file_get_length (file),
                      replace, result, error);
}

/**
 * sitrep_interchange_import_data:
 * @store: a #SitrepStore
 * @data: a JSON interchange document
 * @length: the length of @data in bytes, or -1 if it is nul-terminated
 * @replace: whether an incident whose key exists replaces the stored one
 * @result: (out) (optional) (transfer full): what was imported
 * @error: return location for a #GError
 *
 * Like sitrep_interchange_import(), from memory.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_interchange_import_data (SitrepStore         *store,
                                const char          *data,
                                gssize               length,
                                gboolean             replace,
                                SitrepImportResult **result,
                                GError             **error)
{
  g_return_val_if_fail (SITREP_IS_STORE (store), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return import_text (store, data, length < 0 ? strlen (data) : (gsize) length, replace, result,
                      error);
}

/* ---------------------------------------------------------------------- */
/* Export                                                                  */
/* ---------------------------------------------------------------------- */

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL && *value != '\0')
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          gint64       time)
{
  json_builder_set_member_name (builder, member);
  if (time != SITREP_TIME_NONE)
    {
      g_autofree char *text = sitrep_time_format_rfc3339 (time);

      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_null_value (builder);
}

static void
add_nick (JsonBuilder *builder,
          const char  *member,
          GType        type,
          int          value,
          int          none)
{
  json_builder_set_member_name (builder, member);
  if (value != none)
    json_builder_add_string_value (builder, sitrep_enum_to_nick (type, value));
  else
    json_builder_add_null_value (builder);
}

static void
add_deadlines (JsonBuilder          *builder,
               const SitrepDeadline  deadlines[SITREP_N_DEADLINES])
{
  json_builder_begin_object (builder);
  for (guint i = 0; i < SITREP_N_DEADLINES; i++)
    {
      const SitrepDeadline *d = &deadlines[i];

      json_builder_set_member_name (builder,
                                    sitrep_enum_to_nick (SITREP_TYPE_DEADLINE_KIND, d->kind));
      json_builder_begin_object (builder);
      add_time (builder, "due", d->due);
      add_time (builder, "met_at", d->met_at);
      add_nick (builder, "state", SITREP_TYPE_DEADLINE_STATE, d->state, -1);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

/**
 * sitrep_interchange_deadlines_to_json:
 * @deadlines: an incident's deadlines, as sitrep_sla_compute_deadlines()
 *   gives them
 *
 * Builds the `deadlines` object of the interchange format:
 * `{"response": {"due", "met_at", "state"}, "recovery": …, "resolution": …}`
 * with RFC 3339 times (null when unset) and the state's name (`pending`,
 * `warning`, `breached`, `met`, `met-late`).
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
sitrep_interchange_deadlines_to_json (const SitrepDeadline deadlines[SITREP_N_DEADLINES])
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (deadlines != NULL, NULL);

  add_deadlines (builder, deadlines);
  return json_builder_get_root (builder);
}

/**
 * sitrep_interchange_incident_to_json:
 * @incident: an incident
 * @complaints: (element-type SitrepComplaint) (nullable): its complaints
 * @timeline: (element-type SitrepTimelineEntry) (nullable): its timeline
 * @policy: the SLA policy its deadlines follow
 * @now: the moment at which the deadlines' states are evaluated
 *
 * Builds one element of the interchange format's `incidents` array, with
 * the members in the format's order and its computed `deadlines`.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
sitrep_interchange_incident_to_json (SitrepIncident *incident,
                                     GPtrArray      *complaints,
                                     GPtrArray      *timeline,
                                     SitrepPolicy   *policy,
                                     gint64          now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  SitrepDeadline deadlines[SITREP_N_DEADLINES];

  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), NULL);
  g_return_val_if_fail (SITREP_IS_POLICY (policy), NULL);

  json_builder_begin_object (builder);

  add_string (builder, "key", sitrep_incident_get_key (incident));
  add_string (builder, "title", sitrep_incident_get_title (incident));
  add_string (builder, "service", sitrep_incident_get_service (incident));
  json_builder_set_member_name (builder, "level");
  json_builder_add_int_value (builder, sitrep_incident_get_level (incident));
  add_nick (builder, "status", SITREP_TYPE_STATUS, sitrep_incident_get_status (incident), -1);

  json_builder_set_member_name (builder, "reporter");
  json_builder_begin_object (builder);
  add_string (builder, "name", sitrep_incident_get_reporter_name (incident));
  add_string (builder, "contact", sitrep_incident_get_reporter_contact (incident));
  add_nick (builder, "channel", SITREP_TYPE_CHANNEL,
            sitrep_incident_get_reporter_channel (incident), -1);
  json_builder_end_object (builder);

  add_string (builder, "symptoms", sitrep_incident_get_symptoms (incident));
  add_string (builder, "details", sitrep_incident_get_details (incident));
  add_time (builder, "occurred_at", sitrep_incident_get_occurred_at (incident));
  add_time (builder, "reported_at", sitrep_incident_get_reported_at (incident));
  add_time (builder, "acknowledged_at", sitrep_incident_get_acknowledged_at (incident));
  add_time (builder, "recovered_at", sitrep_incident_get_recovered_at (incident));
  add_time (builder, "resolved_at", sitrep_incident_get_resolved_at (incident));
  add_time (builder, "transferred_at", sitrep_incident_get_transferred_at (incident));
  add_string (builder, "transferred_to", sitrep_incident_get_transferred_to (incident));
  add_time (builder, "closed_at", sitrep_incident_get_closed_at (incident));
  add_time (builder, "cancelled_at", sitrep_incident_get_cancelled_at (incident));
  add_string (builder, "owner", sitrep_incident_get_owner (incident));
  add_nick (builder, "cause_category", SITREP_TYPE_CAUSE,
            sitrep_incident_get_cause_category (incident), SITREP_CAUSE_NONE);
  add_string (builder, "root_cause", sitrep_incident_get_root_cause (incident));
  add_string (builder, "resolution", sitrep_incident_get_resolution (incident));

  json_builder_set_member_name (builder, "complaints");
  json_builder_begin_array (builder);
  for (guint i = 0; complaints != NULL && i < complaints->len; i++)
    {
      SitrepComplaint *complaint = g_ptr_array_index (complaints, i);

      json_builder_begin_object (builder);
      add_string (builder, "ref", sitrep_complaint_get_ref (complaint));
      add_string (builder, "customer", sitrep_complaint_get_customer (complaint));
      add_time (builder, "received_at", sitrep_complaint_get_received_at (complaint));
      add_string (builder, "summary", sitrep_complaint_get_summary (complaint));
      json_builder_set_member_name (builder, "attributed");
      json_builder_add_boolean_value (builder, sitrep_complaint_get_attributed (complaint));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "timeline");
  json_builder_begin_array (builder);
  for (guint i = 0; timeline != NULL && i < timeline->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (timeline, i);
      const char *text = sitrep_timeline_entry_get_text (entry);

      json_builder_begin_object (builder);
      add_time (builder, "occurred_at", sitrep_timeline_entry_get_occurred_at (entry));
      add_time (builder, "recorded_at", sitrep_timeline_entry_get_recorded_at (entry));
      add_string (builder, "author", sitrep_timeline_entry_get_author (entry));
      add_nick (builder, "kind", SITREP_TYPE_ENTRY_KIND,
                sitrep_timeline_entry_get_kind (entry), -1);
      add_nick (builder, "tag", SITREP_TYPE_TAG,
                sitrep_timeline_entry_get_tag (entry), SITREP_TAG_NONE);
      /* The text is always a string, if an empty one. */
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, text != NULL ? text : "");
      add_string (builder, "detail", sitrep_timeline_entry_get_detail (entry));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  sitrep_sla_compute_deadlines (incident, policy, now, deadlines);
  json_builder_set_member_name (builder, "deadlines");
  add_deadlines (builder, deadlines);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The document without its incidents: format, version, policy, contacts. */
static JsonNode *
build_head (SitrepPolicy  *policy,
            GPtrArray     *contacts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, SITREP_INTERCHANGE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, SITREP_INTERCHANGE_VERSION);

  json_builder_set_member_name (builder, "policy");
  json_builder_begin_array (builder);
  for (int level = SITREP_LEVEL_MIN; level <= SITREP_LEVEL_MAX; level++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "level");
      json_builder_add_int_value (builder, level);
      for (guint w = 0; w < SITREP_N_POLICY_WINDOWS; w++)
        {
          json_builder_set_member_name (builder, policy_members[w]);
          json_builder_add_int_value (builder, sitrep_policy_get_minutes (policy, level, w));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "contacts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < contacts->len; i++)
    {
      SitrepContact *contact = g_ptr_array_index (contacts, i);

      json_builder_begin_object (builder);
      add_string (builder, "name", sitrep_contact_get_name (contact));
      add_nick (builder, "role", SITREP_TYPE_ROLE, sitrep_contact_get_role (contact), -1);
      add_string (builder, "email", sitrep_contact_get_email (contact));
      add_string (builder, "phone", sitrep_contact_get_phone (contact));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Appends @text to @out with @indent after each line break, which places a
 * pretty-printed value at a deeper level. JSON strings never hold a raw
 * line break, so only the layout moves. */
static void
append_indented (GString    *out,
                 const char *text,
                 const char *indent)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      g_string_append_c (out, *p);
      if (*p == '\n')
        g_string_append (out, indent);
    }
}

static gboolean
write_string (GOutputStream  *out,
              GString        *text,
              GCancellable   *cancellable,
              GError        **error)
{
  gboolean ok = g_output_stream_write_all (out, text->str, text->len, NULL, cancellable, error);

  g_string_truncate (text, 0);
  return ok;
}

/* The ids of all incidents, ordered by the number in their key. */
static GArray *
list_ids_by_key (SitrepStore  *store,
                 GError      **error)
{
  const SitrepQuery query = {
    .filter = SITREP_LIST_FILTER_ALL,
    .sort = SITREP_LIST_SORT_KEY,
    .text = NULL,
    .me = NULL,
  };
  GArray *ids = sitrep_store_query (store, &query, error);

  if (ids == NULL)
    return NULL;

  /* The ticket list sorts the highest key first; keys are unique, so the
   * reverse is exactly ascending. */
  for (guint i = 0, j = ids->len; i + 1 < j; i++, j--)
    {
      gint64 swap = g_array_index (ids, gint64, i);

      g_array_index (ids, gint64, i) = g_array_index (ids, gint64, j - 1);
      g_array_index (ids, gint64, j - 1) = swap;
    }

  return ids;
}

/* Writes the document; the caller holds a read snapshot of the store. */
static gboolean
export_snapshot (SitrepStore    *store,
                 GOutputStream  *out,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) head = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *head_text = NULL;
  g_autoptr(SitrepPolicy) policy = NULL;
  gsize head_len;
  gint64 now;

  now = sitrep_clock_get_now (sitrep_store_get_clock (store));
  policy = sitrep_store_get_policy (store);

  contacts = sitrep_store_list_contacts (store, error);
  if (contacts == NULL)
    return FALSE;

  ids = list_ids_by_key (store, error);
  if (ids == NULL)
    return FALSE;

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  /* The head is written as an object whose closing brace is replaced by
   * the incidents array. */
  head = build_head (policy, contacts);
  json_generator_set_root (generator, head);
  head_text = json_generator_to_data (generator, &head_len);
  g_assert (head_len >= 2 && g_str_has_suffix (head_text, "\n}"));

  text = g_string_new_len (head_text, head_len - 2);
  g_string_append (text, ",\n  \"incidents\" : [");

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(SitrepIncident) incident = NULL;
      g_autoptr(GPtrArray) complaints = NULL;
      g_autoptr(GPtrArray) timeline = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *incident_text = NULL;

      incident = sitrep_store_get_incident (store, id, error);
      if (incident == NULL)
        return FALSE;
      complaints = sitrep_store_list_complaints (store, id, error);
      if (complaints == NULL)
        return FALSE;
      timeline = sitrep_store_list_timeline (store, id, error);
      if (timeline == NULL)
        return FALSE;

      node = sitrep_interchange_incident_to_json (incident, complaints, timeline, policy, now);
      json_generator_set_root (generator, node);
      incident_text = json_generator_to_data (generator, NULL);

      g_string_append (text, i == 0 ? "\n    " : ",\n    ");
      append_indented (text, incident_text, "    ");

      if (!write_string (out, text, cancellable, error))
        return FALSE;
    }

  g_string_append (text, ids->len > 0 ? "\n  ]\n}\n" : "]\n}\n");

  return write_string (out, text, cancellable, error);
}

/**
 * sitrep_interchange_export:
 * @store: a #SitrepStore
 * @out: the stream to write to
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the whole database as a JSON interchange document:
 * `{"format": "sitrep", "version": 1, "policy": […], "contacts": […],
 * "incidents": […]}` with every incident in the order of its key number,
 * its complaints and timeline in stored order, and its `deadlines` as they
 * stand at the store clock's now. The output is pretty-printed with a
 * stable member order and ends with a line break, so that exporting,
 * importing into an empty database and exporting again gives the same
 * bytes.
 *
 * Incidents are read and written one at a time: memory does not grow with
 * the size of the database. Everything is read from one snapshot, so a
 * program writing to the database meanwhile cannot make the document mix
 * two states. @out is not closed.
 *
 * Returns: %TRUE on success
 */
gboolean
sitrep_interchange_export (SitrepStore    *store,
                           GOutputStream  *out,
                           GCancellable   *cancellable,
                           GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (SITREP_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!sitrep_store_begin_snapshot (store, error))
    return FALSE;

  ok = export_snapshot (store, out, cancellable, error);
  sitrep_store_end_snapshot (store);

  return ok;
}
