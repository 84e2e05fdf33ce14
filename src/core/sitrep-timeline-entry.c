/* sitrep-timeline-entry.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-enums.h"
#include "sitrep-timeline-entry.h"

/* One entry of an incident's append-only timeline. */

struct _SitrepTimelineEntry
{
  GObject parent_instance;

  gint64 id;
  gint64 incident_id;
  gint64 occurred_at;
  gint64 recorded_at;
  char *author;
  SitrepEntryKind kind;
  SitrepTag tag;
  char *text;
  char *detail;
  gint64 corrects;
};

G_DEFINE_FINAL_TYPE (SitrepTimelineEntry, sitrep_timeline_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_INCIDENT_ID,
  PROP_OCCURRED_AT,
  PROP_RECORDED_AT,
  PROP_AUTHOR,
  PROP_KIND,
  PROP_TAG,
  PROP_TEXT,
  PROP_DETAIL,
  PROP_CORRECTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitrep_timeline_entry_finalize (GObject *object)
{
  SitrepTimelineEntry *self = (SitrepTimelineEntry *) object;

  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->detail, g_free);

  G_OBJECT_CLASS (sitrep_timeline_entry_parent_class)->finalize (object);
}

static void
sitrep_timeline_entry_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  SitrepTimelineEntry *self = SITREP_TIMELINE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_INCIDENT_ID:
      g_value_set_int64 (value, self->incident_id);
      break;

    case PROP_OCCURRED_AT:
      g_value_set_int64 (value, self->occurred_at);
      break;

    case PROP_RECORDED_AT:
      g_value_set_int64 (value, self->recorded_at);
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_TAG:
      g_value_set_enum (value, self->tag);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;

    case PROP_CORRECTS:
      g_value_set_int64 (value, self->corrects);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_timeline_entry_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  SitrepTimelineEntry *self = SITREP_TIMELINE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      sitrep_timeline_entry_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_INCIDENT_ID:
      sitrep_timeline_entry_set_incident_id (self, g_value_get_int64 (value));
      break;

    case PROP_OCCURRED_AT:
      sitrep_timeline_entry_set_occurred_at (self, g_value_get_int64 (value));
      break;

    case PROP_RECORDED_AT:
      sitrep_timeline_entry_set_recorded_at (self, g_value_get_int64 (value));
      break;

    case PROP_AUTHOR:
      sitrep_timeline_entry_set_author (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      sitrep_timeline_entry_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_TAG:
      sitrep_timeline_entry_set_tag (self, g_value_get_enum (value));
      break;

    case PROP_TEXT:
      sitrep_timeline_entry_set_text (self, g_value_get_string (value));
      break;

    case PROP_DETAIL:
      sitrep_timeline_entry_set_detail (self, g_value_get_string (value));
      break;

    case PROP_CORRECTS:
      sitrep_timeline_entry_set_corrects (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_timeline_entry_class_init (SitrepTimelineEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_timeline_entry_finalize;
  object_class->get_property = sitrep_timeline_entry_get_property;
  object_class->set_property = sitrep_timeline_entry_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_INCIDENT_ID] =
    g_param_spec_int64 ("incident-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_OCCURRED_AT] =
    g_param_spec_int64 ("occurred-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RECORDED_AT] =
    g_param_spec_int64 ("recorded-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, SITREP_TYPE_ENTRY_KIND, SITREP_ENTRY_KIND_NOTE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TAG] =
    g_param_spec_enum ("tag", NULL, NULL, SITREP_TYPE_TAG, SITREP_TAG_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* the id of the entry a correction corrects; 0 for any other entry */
  properties[PROP_CORRECTS] =
    g_param_spec_int64 ("corrects", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_timeline_entry_init (SitrepTimelineEntry *self)
{
  self->kind = SITREP_ENTRY_KIND_NOTE;
  self->tag = SITREP_TAG_NONE;
}

/**
 * sitrep_timeline_entry_new:
 *
 * Returns: (transfer full): a new, empty #SitrepTimelineEntry
 */
SitrepTimelineEntry *
sitrep_timeline_entry_new (void)
{
  return g_object_new (SITREP_TYPE_TIMELINE_ENTRY, NULL);
}

/**
 * sitrep_timeline_entry_copy:
 * @self: a #SitrepTimelineEntry
 *
 * Returns: (transfer full): a new #SitrepTimelineEntry with the same values
 */
SitrepTimelineEntry *
sitrep_timeline_entry_copy (SitrepTimelineEntry *self)
{
  SitrepTimelineEntry *copy;

  g_return_val_if_fail (SITREP_IS_TIMELINE_ENTRY (self), NULL);

  copy = sitrep_timeline_entry_new ();
  copy->id = self->id;
  copy->incident_id = self->incident_id;
  copy->occurred_at = self->occurred_at;
  copy->recorded_at = self->recorded_at;
  copy->author = g_strdup (self->author);
  copy->kind = self->kind;
  copy->tag = self->tag;
  copy->text = g_strdup (self->text);
  copy->detail = g_strdup (self->detail);
  copy->corrects = self->corrects;

  return copy;
}

gint64
sitrep_timeline_entry_get_id (SitrepTimelineEntry *self)
{
  g_return_val_if_fail (SITREP_IS_TIMELINE_ENTRY (self), 0);

  return self->id;
}

void
sitrep_timeline_entry_set_id (SitrepTimelineEntry *self,
                             gint64 id)
{
  g_return_if_fail (SITREP_IS_TIMELINE_ENTRY (self));

  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

gint64
sitrep_timeline_entry_get_incident_id (SitrepTimelineEntry *self)
{
  g_return_val_if_fail (SITREP_IS_TIMELINE_ENTRY (self), 0);

  return self->incident_id;
}

void
sitrep_timeline_entry_set_incident_id (SitrepTimelineEntry *self,
                                      gint64 incident_id)
{
  g_return_if_fail (SITREP_IS_TIMELINE_ENTRY (self));

  if (self->incident_id != incident_id)
    {
      self->incident_id = incident_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT_ID]);
    }
}

gint64
sitrep_timeline_entry_get_occurred_at (SitrepTimelineEntry *self)
{
  g_return_val_if_fail (SITREP_IS_TIMELINE_ENTRY (self), 0);

  return self->occurred_at;
}

void
sitrep_timeline_entry_set_occurred_at (SitrepTimelineEntry *self,
                                      gint64 occurred_at)
{
  g_return_if_fail (SITREP_IS_TIMELINE_ENTRY (self));

  if (self->occurred_at != occurred_at)
    {
      self->occurred_at = occurred_at;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OCCURRED_AT]);
    }
}

gint64
sitrep_timeline_entry_get_recorded_at (SitrepTimelineEntry *self)
{
  g_return_val_if_fail (SITREP_IS_TIMELINE_ENTRY (self), 0);

  return self->recorded_at;
}

void
sitrep_timeline_entry_set_recorded_at (SitrepTimelineEntry *self,
                                      gint64 recorded_at)
{
  g_return_if_fail (SITREP_IS_TIMELINE_ENTRY (self));

  if (self->recorded_at != recorded_at)
    {
      self->recorded_at = recorded_at;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDED_AT]);
    }
}

const char *
sitrep_timeline_entry_get_author (SitrepTimelineEntry *self)
{
  g_return_val_if_fail (SITREP_IS_TIMELINE_ENTRY (self), NULL);

  return self->author;
}

void
sitrep_timeline_entry_set_author (SitrepTimelineEntry *self,
                                 const char *author)
{
  g_return_if_fail (SITREP_IS_TIMELINE_ENTRY (self));

  if (g_strcmp0 (self->author, author) == 0)
    return;

  g_free (self->author);
  self->author = g_strdup (author);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR]);
}

SitrepEntryKind
sitrep_timeline_entry_get_kind (SitrepTimelineEntry *self)
{
  g_return_val_if_fail (SITREP_IS_TIMELINE_ENTRY (self), 0);

  return self->kind;
}

void
sitrep_timeline_entry_set_kind (SitrepTimelineEntry *self,
                               SitrepEntryKind kind)
{
  g_return_if_fail (SITREP_IS_TIMELINE_ENTRY (self));

  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
}

SitrepTag
sitrep_timeline_entry_get_tag (SitrepTimelineEntry *self)
{
  g_return_val_if_fail (SITREP_IS_TIMELINE_ENTRY (self), 0);

  return self->tag;
}

void
sitrep_timeline_entry_set_tag (SitrepTimelineEntry *self,
                              SitrepTag tag)
{
  g_return_if_fail (SITREP_IS_TIMELINE_ENTRY (self));

  if (self->tag != tag)
    {
      self->tag = tag;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAG]);
    }
}

const char *
sitrep_timeline_entry_get_text (SitrepTimelineEntry *self)
{
  g_return_val_if_fail (SITREP_IS_TIMELINE_ENTRY (self), NULL);

  return self->text;
}

void
sitrep_timeline_entry_set_text (SitrepTimelineEntry *self,
                               const char *text)
{
  g_return_if_fail (SITREP_IS_TIMELINE_ENTRY (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char *
sitrep_timeline_entry_get_detail (SitrepTimelineEntry *self)
{
  g_return_val_if_fail (SITREP_IS_TIMELINE_ENTRY (self), NULL);

  return self->detail;
}

void
sitrep_timeline_entry_set_detail (SitrepTimelineEntry *self,
                                 const char *detail)
{
  g_return_if_fail (SITREP_IS_TIMELINE_ENTRY (self));

  if (g_strcmp0 (self->detail, detail) == 0)
    return;

  g_free (self->detail);
  self->detail = g_strdup (detail);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
}

gint64
sitrep_timeline_entry_get_corrects (SitrepTimelineEntry *self)
{
  g_return_val_if_fail (SITREP_IS_TIMELINE_ENTRY (self), 0);

  return self->corrects;
}

void
sitrep_timeline_entry_set_corrects (SitrepTimelineEntry *self,
                                   gint64               corrects)
{
  g_return_if_fail (SITREP_IS_TIMELINE_ENTRY (self));
  g_return_if_fail (corrects >= 0);

  if (self->corrects != corrects)
    {
      self->corrects = corrects;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CORRECTS]);
    }
}

/**
 * sitrep_timeline_find_correction:
 * @timeline: (element-type SitrepTimelineEntry): an incident's timeline in
 *   the order of recording among entries of one moment (as the store
 *   lists it)
 * @id: an entry's id
 *
 * A corrected entry may be corrected again; the latest correction (the
 * one recorded last) is the one that holds.
 *
 * Returns: (transfer none) (nullable): the correction in force for the
 *   entry @id, or %NULL when it was never corrected
 */
SitrepTimelineEntry *
sitrep_timeline_find_correction (GPtrArray *timeline,
                                 gint64     id)
{
  SitrepTimelineEntry *latest = NULL;

  g_return_val_if_fail (timeline != NULL, NULL);

  if (id <= 0)
    return NULL;

  for (guint i = 0; i < timeline->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (timeline, i);

      if (entry->kind != SITREP_ENTRY_KIND_CORRECTION || entry->corrects != id)
        continue;

      if (latest == NULL || entry->recorded_at > latest->recorded_at ||
          (entry->recorded_at == latest->recorded_at && entry->id > latest->id))
        latest = entry;
    }

  return latest;
}

/**
 * sitrep_timeline_apply_corrections:
 * @timeline: (element-type SitrepTimelineEntry): an incident's timeline
 *
 * The timeline as it reads once its corrections are applied, for reports:
 * a corrected entry is replaced by a copy that carries its latest
 * correction's text and tag (at the corrected entry's time and with its
 * kind), and the correction entries themselves are left out, so that a
 * superseded text or tag appears nowhere.
 *
 * Returns: (transfer full) (element-type SitrepTimelineEntry): a new array
 *   in the same order
 */
GPtrArray *
sitrep_timeline_apply_corrections (GPtrArray *timeline)
{
  g_autoptr(GHashTable) latest = NULL;
  GPtrArray *applied;

  g_return_val_if_fail (timeline != NULL, NULL);

  /* corrected id → its latest correction, in one pass: a timeline may be
   * long */
  latest = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < timeline->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (timeline, i);
      SitrepTimelineEntry *known;

      if (entry->kind != SITREP_ENTRY_KIND_CORRECTION || entry->corrects <= 0)
        continue;

      known = g_hash_table_lookup (latest, &entry->corrects);
      if (known == NULL || entry->recorded_at > known->recorded_at ||
          (entry->recorded_at == known->recorded_at && entry->id > known->id))
        g_hash_table_insert (latest, &entry->corrects, entry);
    }

  applied = g_ptr_array_new_full (timeline->len, g_object_unref);

  for (guint i = 0; i < timeline->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (timeline, i);
      SitrepTimelineEntry *correction;
      SitrepTimelineEntry *corrected;

      if (entry->kind == SITREP_ENTRY_KIND_CORRECTION)
        continue;

      correction = entry->id > 0 ? g_hash_table_lookup (latest, &entry->id) : NULL;
      if (correction == NULL)
        {
          g_ptr_array_add (applied, g_object_ref (entry));
          continue;
        }

      corrected = sitrep_timeline_entry_copy (entry);
      sitrep_timeline_entry_set_text (corrected, correction->text);
      sitrep_timeline_entry_set_tag (corrected, correction->tag);
      g_ptr_array_add (applied, corrected);
    }

  return applied;
}
