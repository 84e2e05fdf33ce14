/* sitrep-timeline-view.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "sitrep-enums.h"
#include "sitrep-sla.h"
#include "sitrep-time.h"
#include "sitrep-timeline-entry.h"
#include "sitrep-timeline-row.h"
#include "sitrep-incident-workflow.h"
#include "sitrep-timeline-view.h"

/*
 * The escalation timeline: the incident's timeline entries merged in time
 * order with its SLA milestones (fault began, reported, each deadline due and
 * met) and "now", on one vertical axis. A stretch of more than an hour
 * without anything happening is drawn as a dashed gap with its length, so a
 * four-hour silence cannot be missed. Moments after "now" (deadlines still
 * to come) are drawn faded below it.
 *
 * A note that was corrected stays, struck through, with its correction
 * right after it ("Correction of 14:15"); an earlier correction that a
 * later one replaced is struck through too. Each note and correction has
 * a button that corrects it (the action incident.correct-entry, given the
 * note's id).
 */

typedef SitrepTimelineItem Item;

struct _SitrepTimelineView
{
  GtkWidget  parent_instance;

  GtkBox    *rows_box;

  GPtrArray *items;
};

G_DEFINE_FINAL_TYPE (SitrepTimelineView, sitrep_timeline_view, GTK_TYPE_WIDGET)

/* Ranks of items that happen at the same second: what started the clock
 * comes first, what a moment means for a deadline after what caused it. */
enum {
  RANK_START,
  RANK_ENTRY,
  RANK_DEADLINE,
  RANK_NOW,
};

static void
item_free (gpointer data)
{
  Item *item = data;

  g_free (item->title);
  g_free (item->meta);
  g_free (item->body);
  g_free (item);
}

static Item *
item_new (SitrepTimelineItemKind kind,
          gint64                 time,
          int                    rank,
          const char            *icon_name,
          const char            *style)
{
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  item->time = time;
  item->rank = rank;
  item->icon_name = icon_name;
  item->style = style;

  return item;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *item_a = *(const Item **) a;
  const Item *item_b = *(const Item **) b;

  if (item_a->time != item_b->time)
    return item_a->time < item_b->time ? -1 : 1;
  if (item_a->rank != item_b->rank)
    return item_a->rank - item_b->rank;
  return (int) item_a->order - (int) item_b->order;
}

static const char *
entry_kind_label (SitrepEntryKind kind)
{
  switch (kind)
    {
    case SITREP_ENTRY_KIND_NOTE:      return _("Note");
    case SITREP_ENTRY_KIND_CREATED:   return _("Created");
    case SITREP_ENTRY_KIND_STATUS:    return _("Status");
    case SITREP_ENTRY_KIND_LEVEL:     return _("Level");
    case SITREP_ENTRY_KIND_OWNER:     return _("Owner");
    case SITREP_ENTRY_KIND_FIELD:     return _("Field changed");
    case SITREP_ENTRY_KIND_NOTICE:    return _("Notice sent");
    case SITREP_ENTRY_KIND_ALERT:     return _("Alert");
    case SITREP_ENTRY_KIND_COMPLAINT: return _("Complaint");
    case SITREP_ENTRY_KIND_HOLD:      return _("On hold");
    case SITREP_ENTRY_KIND_TEAM:      return _("Team");
    case SITREP_ENTRY_KIND_CORRECTION: return _("Correction");
    case SITREP_ENTRY_KIND_LINK:      return _("Link");
    case SITREP_ENTRY_KIND_REPORT:    return _("Report");
    default:                          return "";
    }
}

static const char *
entry_kind_icon (SitrepEntryKind kind)
{
  switch (kind)
    {
    case SITREP_ENTRY_KIND_NOTE:      return "document-edit-symbolic";
    case SITREP_ENTRY_KIND_CREATED:   return "list-add-symbolic";
    case SITREP_ENTRY_KIND_STATUS:    return "object-select-symbolic";
    case SITREP_ENTRY_KIND_LEVEL:     return "go-up-symbolic";
    case SITREP_ENTRY_KIND_OWNER:     return "avatar-default-symbolic";
    case SITREP_ENTRY_KIND_FIELD:     return "document-properties-symbolic";
    case SITREP_ENTRY_KIND_NOTICE:    return "mail-send-symbolic";
    case SITREP_ENTRY_KIND_ALERT:     return "dialog-warning-symbolic";
    case SITREP_ENTRY_KIND_COMPLAINT: return "face-sad-symbolic";
    case SITREP_ENTRY_KIND_HOLD:      return "media-playback-pause-symbolic";
    case SITREP_ENTRY_KIND_TEAM:      return "system-users-symbolic";
    case SITREP_ENTRY_KIND_CORRECTION: return "edit-undo-symbolic";
    case SITREP_ENTRY_KIND_LINK:      return "insert-link-symbolic";
    case SITREP_ENTRY_KIND_REPORT:    return "x-office-document-symbolic";
    default:                          return "media-record-symbolic";
    }
}

/* A level entry points the way the level went: up towards level 1 (more
 * severe) or down towards level 3. Its detail is "<from>→<to>"; an entry
 * without one (an old import) shows no direction. */
static const char *
level_entry_icon (SitrepTimelineEntry *entry)
{
  const char *detail = sitrep_timeline_entry_get_detail (entry);
  int from, to;

  if (detail == NULL || sscanf (detail, "%d\xe2\x86\x92%d", &from, &to) != 2 || from == to)
    return "media-record-symbolic";

  return to < from ? "go-up-symbolic" : "go-down-symbolic";
}

static const char *
entry_kind_style (SitrepEntryKind kind)
{
  switch (kind)
    {
    case SITREP_ENTRY_KIND_NOTE:
    case SITREP_ENTRY_KIND_CORRECTION: return "note";
    case SITREP_ENTRY_KIND_ALERT:     return "alert";
    case SITREP_ENTRY_KIND_COMPLAINT: return "complaint";
    case SITREP_ENTRY_KIND_STATUS:
    case SITREP_ENTRY_KIND_HOLD:
    case SITREP_ENTRY_KIND_TEAM:
    case SITREP_ENTRY_KIND_LEVEL:     return "change";
    case SITREP_ENTRY_KIND_CREATED:
    case SITREP_ENTRY_KIND_OWNER:
    case SITREP_ENTRY_KIND_FIELD:
    case SITREP_ENTRY_KIND_NOTICE:
    default:                          return "automatic";
    }
}

static const char *
deadline_state_style (SitrepDeadlineState state)
{
  switch (state)
    {
    case SITREP_DEADLINE_STATE_WARNING:  return "warning";
    case SITREP_DEADLINE_STATE_BREACHED: return "breached";
    case SITREP_DEADLINE_STATE_MET:      return "met";
    case SITREP_DEADLINE_STATE_MET_LATE: return "met-late";
    case SITREP_DEADLINE_STATE_PENDING:
    default:                             return "pending";
    }
}

static char *
describe_due (const SitrepDeadline *deadline,
              gint64                now)
{
  g_autofree char *length = NULL;

  if (deadline->met_at != SITREP_TIME_NONE)
    {
      length = sitrep_time_format_duration (deadline->due - deadline->met_at);
      if (deadline->met_at <= deadline->due)
        /* Translators: a deadline was met, %s is a duration such as "4 min" */
        return g_strdup_printf (_("Met, %s ahead of time"), length);
      /* Translators: %s is a duration such as "12 min" */
      return g_strdup_printf (_("Met late, by %s"), length);
    }

  length = sitrep_time_format_duration (deadline->due - now);
  if (deadline->due > now)
    /* Translators: "Pending — in 4 min"; %s is the deadline's state, then a duration */
    return g_strdup_printf (_("%s — in %s"),
                            sitrep_deadline_state_to_label (deadline->state), length);
  /* Translators: "Breached — overdue by 12 min" */
  return g_strdup_printf (_("%s — overdue by %s"),
                          sitrep_deadline_state_to_label (deadline->state), length);
}

static const char *
due_title (SitrepDeadlineKind kind)
{
  switch (kind)
    {
    case SITREP_DEADLINE_RESPONSE:   return _("Response due");
    case SITREP_DEADLINE_RECOVERY:   return _("Recovery due");
    case SITREP_DEADLINE_RESOLUTION: return _("Resolution due");
    default:                         return "";
    }
}

static const char *
met_title (SitrepDeadlineKind kind)
{
  switch (kind)
    {
    case SITREP_DEADLINE_RESPONSE:   return _("Acknowledged: response met");
    case SITREP_DEADLINE_RECOVERY:   return _("Service recovered: recovery met");
    case SITREP_DEADLINE_RESOLUTION: return _("Resolved: resolution met");
    default:                         return "";
    }
}

/* A note's correction state: struck through once corrected, and which
 * note its correction button corrects. */
static void
describe_correction (Item                *item,
                     SitrepTimelineEntry *entry,
                     GPtrArray           *entries,
                     GHashTable          *latest)
{
  gint64 id = sitrep_timeline_entry_get_id (entry);
  gint64 corrects = sitrep_timeline_entry_get_corrects (entry);
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *time_text = NULL;
  char *meta;

  switch (sitrep_timeline_entry_get_kind (entry))
    {
    case SITREP_ENTRY_KIND_NOTE:
      item->correct_id = id;
      item->superseded = g_hash_table_contains (latest, &id);
      if (item->superseded)
        {
          /* Translators: appended to a corrected note's author and kind */
          meta = g_strdup_printf (_("%s · corrected"), item->meta);
          g_free (item->meta);
          item->meta = meta;
        }
      break;

    case SITREP_ENTRY_KIND_CORRECTION:
      item->correct_id = corrects;
      item->superseded = g_hash_table_lookup (latest, &corrects) != entry;
      dt = g_date_time_new_from_unix_local (sitrep_timeline_entry_get_occurred_at (entry));
      /* Translators: the time of the corrected note, see g_date_time_format() */
      time_text = dt != NULL ? g_date_time_format (dt, _("%H:%M")) : g_strdup ("");
      /* Translators: "Bob · Correction of 14:15" */
      meta = g_strdup_printf (_("%s of %s"), item->meta, time_text);
      g_free (item->meta);
      item->meta = meta;
      break;

    case SITREP_ENTRY_KIND_CREATED:
    case SITREP_ENTRY_KIND_STATUS:
    case SITREP_ENTRY_KIND_LEVEL:
    case SITREP_ENTRY_KIND_OWNER:
    case SITREP_ENTRY_KIND_FIELD:
    case SITREP_ENTRY_KIND_NOTICE:
    case SITREP_ENTRY_KIND_ALERT:
    case SITREP_ENTRY_KIND_COMPLAINT:
    case SITREP_ENTRY_KIND_REPORT:
    default:
      break;
    }
}

static void
collect_items (SitrepTimelineView *self,
               SitrepIncident     *incident,
               GPtrArray          *entries,
               SitrepPolicy       *policy,
               gint64              now)
{
  SitrepDeadline deadlines[SITREP_N_DEADLINES];
  gint64 reported_at = sitrep_incident_get_reported_at (incident);
  gint64 occurred_at = sitrep_incident_get_occurred_at (incident);
  gboolean is_open = sitrep_status_is_open (sitrep_incident_get_status (incident));
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GHashTable) latest = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        NULL);
  Item *item;

  /* corrected note → its correction in force (the last recorded) */
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (entries, i);
      gint64 corrects = sitrep_timeline_entry_get_corrects (entry);

      if (sitrep_timeline_entry_get_kind (entry) != SITREP_ENTRY_KIND_CORRECTION || corrects <= 0)
        continue;
      if (!g_hash_table_contains (latest, &corrects))
        g_hash_table_insert (latest, g_memdup2 (&corrects, sizeof corrects),
                             sitrep_timeline_find_correction (entries, corrects));
    }

  if (occurred_at != SITREP_TIME_NONE && occurred_at < reported_at)
    {
      item = item_new (SITREP_TIMELINE_ITEM_MILESTONE, occurred_at, RANK_START,
                       "media-record-symbolic", "start");
      item->title = g_strdup (_("Fault began"));
      item->meta = g_strdup (_("The recovery clock starts here"));
      g_ptr_array_add (sorted, item);
    }

  item = item_new (SITREP_TIMELINE_ITEM_MILESTONE, reported_at, RANK_START,
                   "alarm-symbolic", "start");
  item->title = g_strdup (_("Reported"));
  item->meta = g_strdup (_("The response and resolution clocks start here"));
  g_ptr_array_add (sorted, item);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (entries, i);
      SitrepEntryKind kind = sitrep_timeline_entry_get_kind (entry);
      const char *author = sitrep_timeline_entry_get_author (entry);

      item = item_new (SITREP_TIMELINE_ITEM_ENTRY,
                       sitrep_timeline_entry_get_occurred_at (entry), RANK_ENTRY,
                       kind == SITREP_ENTRY_KIND_LEVEL ? level_entry_icon (entry)
                                                       : entry_kind_icon (kind),
                       entry_kind_style (kind));
      item->order = i;
      item->title = g_strdup (sitrep_timeline_entry_get_text (entry));
      /* A report entry says how it went out ("CAN report copied") and,
       * after a blank line, holds the report as sent: the row shows the
       * first and keeps the second behind an expander. */
      if (kind == SITREP_ENTRY_KIND_REPORT && item->title != NULL)
        {
          char *split = strstr (item->title, "\n\n");

          if (split != NULL)
            {
              item->body = g_strdup (split + 2);
              *split = '\0';
            }
        }
      item->tag = sitrep_timeline_entry_get_tag (entry);
      if (author != NULL && *author != '\0')
        /* Translators: "<author> · <kind of entry>", e.g. "Ana · Note" */
        item->meta = g_strdup_printf (_("%s · %s"), author, entry_kind_label (kind));
      else
        item->meta = g_strdup (entry_kind_label (kind));
      describe_correction (item, entry, entries, latest);
      g_ptr_array_add (sorted, item);
    }

  sitrep_sla_compute_deadlines (incident, policy, now, deadlines);

  for (guint i = 0; i < SITREP_N_DEADLINES; i++)
    {
      const SitrepDeadline *deadline = &deadlines[i];

      if (sitrep_sla_deadline_ended_by_cancel (incident, deadline))
        {
          /* Neither met nor missed: the cancellation shows in the entries. */
          item = item_new (SITREP_TIMELINE_ITEM_MILESTONE, deadline->due, RANK_DEADLINE,
                           "alarm-symbolic", "none");
          item->title = g_strdup (due_title (deadline->kind));
          item->meta = g_strdup (_("Not applicable — cancelled"));
          g_ptr_array_add (sorted, item);
          continue;
        }

      item = item_new (SITREP_TIMELINE_ITEM_MILESTONE, deadline->due, RANK_DEADLINE,
                       "alarm-symbolic", deadline_state_style (deadline->state));
      item->title = g_strdup (due_title (deadline->kind));
      item->meta = describe_due (deadline, now);
      g_ptr_array_add (sorted, item);

      if (deadline->met_at != SITREP_TIME_NONE)
        {
          item = item_new (SITREP_TIMELINE_ITEM_MILESTONE, deadline->met_at, RANK_DEADLINE,
                           "emblem-ok-symbolic", deadline_state_style (deadline->state));
          item->title = g_strdup (met_title (deadline->kind));
          item->meta = g_strdup (sitrep_deadline_state_to_label (deadline->state));
          g_ptr_array_add (sorted, item);
        }
    }

  item = item_new (SITREP_TIMELINE_ITEM_NOW, now, RANK_NOW, "find-location-symbolic", "now");
  item->title = g_strdup (_("Now"));
  g_ptr_array_add (sorted, item);

  g_ptr_array_sort (sorted, compare_items);

  /* Gaps are drawn only up to now: what lies ahead is waiting, not silence.
   * Once the incident is closed or cancelled, the time since is not a
   * silence either. */
  for (guint i = 0; i < sorted->len; i++)
    {
      Item *current = g_ptr_array_index (sorted, i);

      if (i > 0)
        {
          Item *previous = g_ptr_array_index (sorted, i - 1);

          if (current->time <= now
              && (is_open || current->kind != SITREP_TIMELINE_ITEM_NOW)
              && current->time - previous->time > SITREP_TIMELINE_GAP_SECONDS)
            {
              g_autofree char *length =
                sitrep_time_format_duration (current->time - previous->time);
              Item *gap = item_new (SITREP_TIMELINE_ITEM_GAP, previous->time, RANK_NOW,
                                    NULL, "gap");

              /* Translators: %s is a duration such as "4 h 12 min" */
              gap->title = g_strdup_printf (_("%s without an update"), length);
              g_ptr_array_add (self->items, gap);
            }
        }

      current->upcoming = current->time > now;
      g_ptr_array_add (self->items, current);
    }
}

/* The item before @i that is not a gap: its day decides whether @i shows
 * its date. */
static const Item *
previous_item (GPtrArray *items,
               guint      i)
{
  for (guint j = i; j > 0; j--)
    {
      const Item *candidate = g_ptr_array_index (items, j - 1);

      if (candidate->kind != SITREP_TIMELINE_ITEM_GAP)
        return candidate;
    }

  return NULL;
}

static gboolean
same_day (const Item *a,
          const Item *b)
{
  g_autoptr(GDateTime) dt_a = NULL;
  g_autoptr(GDateTime) dt_b = NULL;

  if (a == NULL || b == NULL)
    return a == b;

  dt_a = g_date_time_new_from_unix_local (a->time);
  dt_b = g_date_time_new_from_unix_local (b->time);
  if (dt_a == NULL || dt_b == NULL)
    return dt_a == dt_b;

  return g_date_time_get_year (dt_a) == g_date_time_get_year (dt_b)
         && g_date_time_get_day_of_year (dt_a) == g_date_time_get_day_of_year (dt_b);
}

/* Whether row @i of @a_items would be drawn exactly as row @j of @b_items:
 * the same item, the same ends of the axis, the date shown alike. */
static gboolean
rows_match (GPtrArray *a_items,
            guint      i,
            GPtrArray *b_items,
            guint      j)
{
  const Item *a = g_ptr_array_index (a_items, i);
  const Item *b = g_ptr_array_index (b_items, j);

  return a->kind == b->kind && a->time == b->time && a->tag == b->tag
         && a->upcoming == b->upcoming
         && a->paused == b->paused
         && (i == 0 || ((const Item *) g_ptr_array_index (a_items, i - 1))->paused
                       == ((const Item *) g_ptr_array_index (b_items, j - 1))->paused)
         && a->superseded == b->superseded
         && a->correct_id == b->correct_id
         && g_strcmp0 (a->icon_name, b->icon_name) == 0
         && g_strcmp0 (a->style, b->style) == 0
         && g_strcmp0 (a->title, b->title) == 0
         && g_strcmp0 (a->meta, b->meta) == 0
         && g_strcmp0 (a->body, b->body) == 0
         && (i == 0) == (j == 0)
         && (i + 1 == a_items->len) == (j + 1 == b_items->len)
         && same_day (a, previous_item (a_items, i)) == same_day (b, previous_item (b_items, j));
}

/* An item is "paused" when the incident was on hold from it to the next
 * one: the axis draws that span as a pause sign. */
static void
mark_paused_items (GPtrArray      *items,
                   SitrepIncident *incident)
{
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = g_ptr_array_index (items, i);

      /* what is still to come is not known to be held */
      item->paused = incident != NULL && !item->upcoming && i + 1 < items->len &&
                     sitrep_incident_get_hold_at (incident, item->time) != NULL;
    }
}

static void
remove_rows (SitrepTimelineView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_box))) != NULL)
    gtk_box_remove (self->rows_box, child);
}

static void
sitrep_timeline_view_dispose (GObject *object)
{
  SitrepTimelineView *self = SITREP_TIMELINE_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_TIMELINE_VIEW);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (sitrep_timeline_view_parent_class)->dispose (object);
}

static void
sitrep_timeline_view_class_init (SitrepTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_timeline_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/ui/"
                                               "sitrep-timeline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepTimelineView, rows_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sitrep-timeline-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);
}

static void
sitrep_timeline_view_init (SitrepTimelineView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_ptr_array_new_with_free_func (item_free);
}

/**
 * sitrep_timeline_view_new:
 *
 * Returns: (transfer floating): a new, empty escalation timeline
 */
GtkWidget *
sitrep_timeline_view_new (void)
{
  return g_object_new (SITREP_TYPE_TIMELINE_VIEW, NULL);
}

/**
 * sitrep_timeline_view_set_incident:
 * @self: a timeline view
 * @incident: the incident
 * @entries: (element-type SitrepTimelineEntry) (nullable): its timeline
 *   entries, as sitrep_store_list_timeline() returns them
 * @policy: the SLA policy that sets the incident's deadlines
 * @now: the current time
 *
 * Shows @incident's escalation timeline as of @now. Rows that look as
 * they did stay as they are; only what changed is built again.
 */
void
sitrep_timeline_view_set_incident (SitrepTimelineView *self,
                                   SitrepIncident     *incident,
                                   GPtrArray          *entries,
                                   SitrepPolicy       *policy,
                                   gint64              now)
{
  g_autoptr(GPtrArray) old_items = NULL;
  g_autoptr(GPtrArray) old_rows = g_ptr_array_new ();
  GtkWidget *after = NULL;
  guint n_old, n_new, prefix = 0, suffix = 0;

  g_return_if_fail (SITREP_IS_TIMELINE_VIEW (self));
  g_return_if_fail (SITREP_IS_INCIDENT (incident));
  g_return_if_fail (SITREP_IS_POLICY (policy));

  old_items = g_steal_pointer (&self->items);
  self->items = g_ptr_array_new_with_free_func (item_free);
  collect_items (self, incident, entries, policy, now);
  mark_paused_items (self->items, incident);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_ptr_array_add (old_rows, child);

  /* Rows that would be drawn the same stay: a note added to a long
   * timeline adds one row, it does not build them all again. */
  n_old = old_rows->len == old_items->len ? old_items->len : 0;
  n_new = self->items->len;
  if (n_old == 0)
    remove_rows (self);

  while (prefix < n_old && prefix < n_new
         && rows_match (old_items, prefix, self->items, prefix))
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix
         && rows_match (old_items, n_old - 1 - suffix, self->items, n_new - 1 - suffix))
    suffix++;

  /* The rows in between show the new items: as many as there are stay,
   * given another item each; the rest go, or more are built. */
  after = prefix > 0 ? g_ptr_array_index (old_rows, prefix - 1) : NULL;
  for (guint i = prefix; i < MAX (n_new, n_old) - suffix; i++)
    {
      GtkWidget *row;

      if (i >= n_new - suffix)
        {
          gtk_box_remove (self->rows_box, g_ptr_array_index (old_rows, i));
          continue;
        }

      if (i < n_old - suffix)
        row = g_ptr_array_index (old_rows, i);
      else
        {
          row = sitrep_timeline_row_new ();
          gtk_box_insert_child_after (self->rows_box, row, after);
        }
      sitrep_timeline_row_show_item (SITREP_TIMELINE_ROW (row), g_ptr_array_index (self->items, i),
                                     previous_item (self->items, i), i == 0, i + 1 == n_new);
      after = row;
    }
}

/**
 * sitrep_timeline_view_clear:
 * @self: a timeline view
 *
 * Removes everything the view shows.
 */
void
sitrep_timeline_view_clear (SitrepTimelineView *self)
{
  g_return_if_fail (SITREP_IS_TIMELINE_VIEW (self));

  remove_rows (self);
  g_ptr_array_set_size (self->items, 0);
}

/**
 * sitrep_timeline_view_get_n_items:
 * @self: a timeline view
 *
 * Returns: the number of rows shown: entries, milestones, gaps and "now"
 */
guint
sitrep_timeline_view_get_n_items (SitrepTimelineView *self)
{
  g_return_val_if_fail (SITREP_IS_TIMELINE_VIEW (self), 0);

  return self->items->len;
}

/**
 * sitrep_timeline_view_get_item_kind:
 * @self: a timeline view
 * @position: a row, from the top (earliest)
 *
 * Returns: what the row shows
 */
SitrepTimelineItemKind
sitrep_timeline_view_get_item_kind (SitrepTimelineView *self,
                                    guint               position)
{
  const Item *item;

  g_return_val_if_fail (SITREP_IS_TIMELINE_VIEW (self), SITREP_TIMELINE_ITEM_ENTRY);
  g_return_val_if_fail (position < self->items->len, SITREP_TIMELINE_ITEM_ENTRY);

  item = g_ptr_array_index (self->items, position);
  return item->kind;
}

/**
 * sitrep_timeline_view_get_item_time:
 * @self: a timeline view
 * @position: a row, from the top (earliest)
 *
 * Returns: the moment the row stands for; for a gap, where it begins
 */
gint64
sitrep_timeline_view_get_item_time (SitrepTimelineView *self,
                                    guint               position)
{
  const Item *item;

  g_return_val_if_fail (SITREP_IS_TIMELINE_VIEW (self), SITREP_TIME_NONE);
  g_return_val_if_fail (position < self->items->len, SITREP_TIME_NONE);

  item = g_ptr_array_index (self->items, position);
  return item->time;
}

/**
 * sitrep_timeline_view_get_item_text:
 * @self: a timeline view
 * @position: a row, from the top (earliest)
 *
 * Returns: (transfer none): the row's main text, as shown
 */
const char *
sitrep_timeline_view_get_item_text (SitrepTimelineView *self,
                                    guint               position)
{
  const Item *item;

  g_return_val_if_fail (SITREP_IS_TIMELINE_VIEW (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  item = g_ptr_array_index (self->items, position);
  return item->title;
}

/**
 * sitrep_timeline_view_get_item_icon_name:
 * @self: a timeline view
 * @position: a row, from the top (earliest)
 *
 * Returns: (transfer none) (nullable): the symbolic icon of the row's
 *   marker on the axis
 */
const char *
sitrep_timeline_view_get_item_icon_name (SitrepTimelineView *self,
                                         guint               position)
{
  const Item *item;

  g_return_val_if_fail (SITREP_IS_TIMELINE_VIEW (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  item = g_ptr_array_index (self->items, position);
  return item->icon_name;
}
