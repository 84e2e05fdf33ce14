/* sitrep-report.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-report.h"

/*
 * SitrepReport: what a report says, before it is written as text,
 * Markdown, JSON or PDF. The builders read the incident, its timeline and
 * its complaints through the store's public API; the renderers only read
 * this object.
 *
 * The final report's own fields (impact, affected count, corrective
 * actions, lessons learned, team sections) start as the incident records
 * them; the caller may still change them in the report before it goes
 * out.
 */

struct _SitrepReport
{
  GObject           parent_instance;

  SitrepReportKind  kind;
  gint64            generated_at;

  SitrepIncident   *incident;
  SitrepDeadline    deadlines[SITREP_N_DEADLINES];
  GPtrArray        *authors;         /* char *, in order of first entry */
  GPtrArray        *sections[4];     /* SitrepReportEntry, indexed by SitrepTag */
  GPtrArray        *key_events;      /* SitrepReportEntry */
  GPtrArray        *complaints;      /* SitrepReportComplaint */
  GPtrArray        *teams;           /* SitrepReportTeam */
  GPtrArray        *children;        /* char *: the keys of child incidents */

  char             *summary;
  char             *impact;
  gint64            impact_count;    /* affected users, customers or orders; -1 */
  char             *corrective_actions;
  char             *lessons_learned;

  SitrepMonthly    *monthly;
  SitrepMonthly    *previous;
};

G_DEFINE_TYPE (SitrepReport, sitrep_report, G_TYPE_OBJECT)

G_DEFINE_QUARK (sitrep-report-error-quark, sitrep_report_error)

static void
report_entry_free (gpointer data)
{
  SitrepReportEntry *entry = data;

  g_free (entry->author);
  g_free (entry->text);
  g_free (entry);
}

static void
report_team_free (gpointer data)
{
  SitrepReportTeam *team = data;

  g_free (team->team);
  g_free (team->author);
  g_free (team->text);
  g_free (team);
}

static void
report_complaint_free (gpointer data)
{
  SitrepReportComplaint *complaint = data;

  g_free (complaint->ref);
  g_free (complaint->customer);
  g_free (complaint->reason);
  g_free (complaint->incident_key);
  g_free (complaint);
}

static SitrepReportEntry *
entry_from_timeline (SitrepTimelineEntry *timeline_entry)
{
  SitrepReportEntry *entry = g_new0 (SitrepReportEntry, 1);

  entry->at = sitrep_timeline_entry_get_occurred_at (timeline_entry);
  entry->kind = sitrep_timeline_entry_get_kind (timeline_entry);
  entry->tag = sitrep_timeline_entry_get_tag (timeline_entry);
  entry->author = g_strdup (sitrep_timeline_entry_get_author (timeline_entry));
  entry->text = g_strdup (sitrep_timeline_entry_get_text (timeline_entry));

  /* a report entry holds the whole report after its first line, which is
   * what a list of events needs of it */
  if (entry->kind == SITREP_ENTRY_KIND_REPORT && entry->text != NULL)
    {
      char *end = strchr (entry->text, '\n');

      if (end != NULL)
        *end = '\0';
    }

  return entry;
}

/* Time order; entries at the same second keep the store's order (by id):
 * g_ptr_array_sort() is stable. */
static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const SitrepReportEntry *ea = *(SitrepReportEntry * const *) a;
  const SitrepReportEntry *eb = *(SitrepReportEntry * const *) b;

  if (ea->at != eb->at)
    return ea->at < eb->at ? -1 : 1;
  return 0;
}

static void
sort_entries (GPtrArray *entries)
{
  g_ptr_array_sort (entries, compare_entries);
}

static gboolean
is_key_event (SitrepTimelineEntry *entry)
{
  switch (sitrep_timeline_entry_get_kind (entry))
    {
    case SITREP_ENTRY_KIND_STATUS:
    case SITREP_ENTRY_KIND_LEVEL:
    case SITREP_ENTRY_KIND_NOTICE:
    case SITREP_ENTRY_KIND_ALERT:
    case SITREP_ENTRY_KIND_REPORT:
    case SITREP_ENTRY_KIND_HOLD:
    case SITREP_ENTRY_KIND_TEAM:
    case SITREP_ENTRY_KIND_LINK:
      return TRUE;
    case SITREP_ENTRY_KIND_NOTE:
      return sitrep_timeline_entry_get_tag (entry) != SITREP_TAG_NONE;
    case SITREP_ENTRY_KIND_CREATED:
    case SITREP_ENTRY_KIND_OWNER:
    case SITREP_ENTRY_KIND_FIELD:
    case SITREP_ENTRY_KIND_COMPLAINT:
    default:
      return FALSE;
    }
}

static void
add_author (SitrepReport *self,
            const char   *author)
{
  if (author == NULL || *author == '\0')
    return;
  if (g_ptr_array_find_with_equal_func (self->authors, author, g_str_equal, NULL))
    return;
  g_ptr_array_add (self->authors, g_strdup (author));
}

/* The incident, its deadlines now, and its timeline; shared by both
 * incident reports. */
static SitrepReport *
new_incident_report (SitrepStore       *store,
                     gint64             id,
                     SitrepReportKind   kind,
                     GPtrArray        **timeline,
                     GError           **error)
{
  g_autoptr(SitrepReport) self = NULL;
  g_autoptr(SitrepPolicy) policy = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  GPtrArray *corrected;

  incident = sitrep_store_get_incident (store, id, error);
  if (incident == NULL)
    return NULL;

  *timeline = sitrep_store_list_timeline (store, id, error);
  if (*timeline == NULL)
    return NULL;

  self = g_object_new (SITREP_TYPE_REPORT, NULL);
  self->kind = kind;
  self->generated_at = sitrep_clock_get_now (sitrep_store_get_clock (store));
  self->incident = g_steal_pointer (&incident);

  policy = sitrep_store_get_policy (store);
  sitrep_sla_compute_deadlines (self->incident, policy, self->generated_at, self->deadlines);

  for (guint i = 0; i < (*timeline)->len; i++)
    add_author (self, sitrep_timeline_entry_get_author (g_ptr_array_index (*timeline, i)));

  /* a report reads each note as last corrected, never a superseded text
   * or tag */
  corrected = sitrep_timeline_apply_corrections (*timeline);
  g_ptr_array_unref (*timeline);
  *timeline = corrected;

  return g_steal_pointer (&self);
}

static void
sitrep_report_finalize (GObject *object)
{
  SitrepReport *self = SITREP_REPORT (object);

  g_clear_object (&self->incident);
  g_clear_pointer (&self->authors, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->sections); i++)
    g_clear_pointer (&self->sections[i], g_ptr_array_unref);
  g_clear_pointer (&self->key_events, g_ptr_array_unref);
  g_clear_pointer (&self->complaints, g_ptr_array_unref);
  g_clear_pointer (&self->teams, g_ptr_array_unref);
  g_clear_pointer (&self->children, g_ptr_array_unref);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->impact, g_free);
  g_clear_pointer (&self->corrective_actions, g_free);
  g_clear_pointer (&self->lessons_learned, g_free);
  g_clear_pointer (&self->monthly, sitrep_monthly_free);
  g_clear_pointer (&self->previous, sitrep_monthly_free);

  G_OBJECT_CLASS (sitrep_report_parent_class)->finalize (object);
}

static void
sitrep_report_class_init (SitrepReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_report_finalize;
}

static void
sitrep_report_init (SitrepReport *self)
{
  self->authors = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->sections); i++)
    self->sections[i] = g_ptr_array_new_with_free_func (report_entry_free);
  self->key_events = g_ptr_array_new_with_free_func (report_entry_free);
  self->complaints = g_ptr_array_new_with_free_func (report_complaint_free);
  self->teams = g_ptr_array_new_with_free_func (report_team_free);
  self->children = g_ptr_array_new_with_free_func (g_free);
  self->impact_count = -1;
}

/**
 * sitrep_report_get_complaint_verdict:
 * @complaint: a #SitrepComplaint
 * @reason: (out) (optional) (transfer none): why it was not attributed, or
 *   %NULL
 *
 * Reads a complaint's verdict. Every count of verdicts goes through this
 * function (and the SQL of the monthly analysis mirrors it). The reason is
 * given only for a complaint that is not attributed.
 *
 * Returns: the verdict
 */
SitrepComplaintVerdict
sitrep_report_get_complaint_verdict (SitrepComplaint  *complaint,
                                     const char      **reason)
{
  SitrepVerdict verdict;

  g_return_val_if_fail (SITREP_IS_COMPLAINT (complaint), SITREP_COMPLAINT_VERDICT_NOT_ANALYSED);

  verdict = sitrep_complaint_get_verdict (complaint);
  if (reason != NULL)
    *reason = verdict == SITREP_VERDICT_NOT_ATTRIBUTED
              ? sitrep_complaint_get_verdict_reason (complaint) : NULL;

  return verdict;
}

/* Adds @complaints to the report's; @child_key names the child incident
 * they came to, or is NULL for the incident's own. */
static void
add_complaints (SitrepReport *self,
                GPtrArray    *complaints,
                const char   *child_key)
{
  for (guint i = 0; i < complaints->len; i++)
    {
      SitrepComplaint *complaint = g_ptr_array_index (complaints, i);
      SitrepReportComplaint *item = g_new0 (SitrepReportComplaint, 1);
      const char *reason = NULL;

      item->ref = g_strdup (sitrep_complaint_get_ref (complaint));
      item->customer = g_strdup (sitrep_complaint_get_customer (complaint));
      item->received_at = sitrep_complaint_get_received_at (complaint);
      item->verdict = sitrep_report_get_complaint_verdict (complaint, &reason);
      item->reason = g_strdup (reason);
      item->incident_key = g_strdup (child_key);
      g_ptr_array_add (self->complaints, item);
    }
}

/* A major incident's report counts its child incidents' complaints (and
 * so their customers) as its own. */
static gboolean
add_children (SitrepReport  *self,
              SitrepStore   *store,
              gint64         id,
              GError       **error)
{
  g_autoptr(GArray) children = sitrep_store_list_children (store, id, error);

  if (children == NULL)
    return FALSE;

  for (guint i = 0; i < children->len; i++)
    {
      gint64 child_id = g_array_index (children, gint64, i);
      g_autoptr(SitrepIncident) child = sitrep_store_get_incident (store, child_id, error);
      g_autoptr(GPtrArray) complaints = NULL;

      if (child == NULL)
        return FALSE;
      complaints = sitrep_store_list_complaints (store, child_id, error);
      if (complaints == NULL)
        return FALSE;

      g_ptr_array_add (self->children, g_strdup (sitrep_incident_get_key (child)));
      add_complaints (self, complaints, sitrep_incident_get_key (child));
    }

  return TRUE;
}

/**
 * sitrep_report_new_can:
 * @store: the store
 * @id: the incident's row id
 * @error: return location for a #GError
 *
 * Drafts the CAN report (conditions, actions, needs) of an incident from
 * its tagged timeline entries, each in its section in time order. An
 * incident without tagged entries gives empty sections, not an error.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 *   (e.g. %SITREP_STORE_ERROR_NOT_FOUND)
 */
SitrepReport *
sitrep_report_new_can (SitrepStore  *store,
                       gint64        id,
                       GError      **error)
{
  g_autoptr(GPtrArray) timeline = NULL;
  SitrepReport *self;

  g_return_val_if_fail (SITREP_IS_STORE (store), NULL);

  self = new_incident_report (store, id, SITREP_REPORT_KIND_CAN, &timeline, error);
  if (self == NULL)
    return NULL;

  for (guint i = 0; i < timeline->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (timeline, i);
      SitrepTag tag = sitrep_timeline_entry_get_tag (entry);

      if (tag > SITREP_TAG_NONE && tag <= SITREP_TAG_NEED)
        g_ptr_array_add (self->sections[tag], entry_from_timeline (entry));
    }

  for (guint i = SITREP_TAG_CONDITION; i <= SITREP_TAG_NEED; i++)
    sort_entries (self->sections[i]);

  return self;
}

/**
 * sitrep_report_new_final:
 * @store: the store
 * @id: the incident's row id
 * @error: return location for a #GError
 *
 * Drafts the final report of an incident: its key events (reports sent
 * among them), impact and affected count, clocks, complaints by verdict,
 * cause, the teams' sections, corrective actions and lessons learned, as
 * the incident records them.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
SitrepReport *
sitrep_report_new_final (SitrepStore  *store,
                         gint64        id,
                         GError      **error)
{
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GPtrArray) complaints = NULL;
  g_autoptr(GPtrArray) teams = NULL;
  g_autoptr(SitrepReport) self = NULL;

  g_return_val_if_fail (SITREP_IS_STORE (store), NULL);

  self = new_incident_report (store, id, SITREP_REPORT_KIND_FINAL, &timeline, error);
  if (self == NULL)
    return NULL;

  complaints = sitrep_store_list_complaints (store, id, error);
  if (complaints == NULL)
    return NULL;

  teams = sitrep_store_list_team_sections (store, id, error);
  if (teams == NULL)
    return NULL;

  for (guint i = 0; i < timeline->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (timeline, i);

      if (is_key_event (entry))
        g_ptr_array_add (self->key_events, entry_from_timeline (entry));
    }
  sort_entries (self->key_events);

  add_complaints (self, complaints, NULL);
  if (!add_children (self, store, id, error))
    return NULL;

  for (guint i = 0; i < teams->len; i++)
    {
      SitrepTeamSection *section = g_ptr_array_index (teams, i);

      sitrep_report_add_team (self, section->team, section->author, section->text);
    }

  self->summary = g_strdup (sitrep_incident_get_symptoms (self->incident));
  self->impact = g_strdup (sitrep_incident_get_impact (self->incident));
  self->impact_count = sitrep_incident_get_affected_count (self->incident);
  self->corrective_actions = g_strdup (sitrep_incident_get_corrective_actions (self->incident));
  self->lessons_learned = g_strdup (sitrep_incident_get_lessons_learned (self->incident));

  return g_steal_pointer (&self);
}

/**
 * sitrep_report_new_monthly:
 * @current: (transfer full): the month's figures
 * @previous: (transfer full): the previous month's figures
 *
 * Returns: (transfer full): the monthly analysis
 */
SitrepReport *
sitrep_report_new_monthly (SitrepMonthly *current,
                           SitrepMonthly *previous)
{
  SitrepReport *self;

  g_return_val_if_fail (current != NULL && previous != NULL, NULL);

  self = g_object_new (SITREP_TYPE_REPORT, NULL);
  self->kind = SITREP_REPORT_KIND_MONTHLY;
  self->generated_at = current->now;
  self->monthly = current;
  self->previous = previous;

  return self;
}

typedef struct
{
  char          *path;
  int            year;
  int            month;
  gint64         now;
  SitrepMonthly *result;
  GError        *error;
} MonthJob;

static gpointer
compute_month_thread (gpointer data)
{
  MonthJob *job = data;

  job->result = sitrep_monthly_compute_path (job->path, job->year, job->month, job->now,
                                             &job->error);
  return NULL;
}

/**
 * sitrep_report_new_monthly_from_path:
 * @path: a Sitrep database file, opened read-only
 * @year: the year
 * @month: the month, 1 … 12
 * @now: the moment to judge unmet clocks at
 * @error: return location for a #GError
 *
 * Computes the monthly analysis of a month and the month before. Safe to
 * call on a worker thread: each month is read through a read-only
 * connection of its own, the previous month on a second thread at the same
 * time, which halves the wait on a machine with two processors.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
SitrepReport *
sitrep_report_new_monthly_from_path (const char  *path,
                                     int          year,
                                     int          month,
                                     gint64       now,
                                     GError     **error)
{
  g_autoptr(SitrepMonthly) current = NULL;
  g_autoptr(GError) current_error = NULL;
  MonthJob previous = { 0 };
  GThread *thread;

  g_return_val_if_fail (path != NULL, NULL);

  previous.path = g_strdup (path);
  previous.now = now;
  sitrep_monthly_previous_month (year, month, &previous.year, &previous.month);
  thread = g_thread_new ("sitrep-month", compute_month_thread, &previous);

  current = sitrep_monthly_compute_path (path, year, month, now, &current_error);
  g_thread_join (thread);
  g_free (previous.path);

  if (current == NULL || previous.result == NULL)
    {
      g_clear_pointer (&previous.result, sitrep_monthly_free);
      if (current_error != NULL)
        {
          g_clear_error (&previous.error);
          g_propagate_error (error, g_steal_pointer (&current_error));
        }
      else
        {
          g_propagate_error (error, previous.error);
        }
      return NULL;
    }

  return sitrep_report_new_monthly (g_steal_pointer (&current), previous.result);
}

/**
 * sitrep_report_get_kind:
 * @self: a #SitrepReport
 *
 * Returns: which report this is
 */
SitrepReportKind
sitrep_report_get_kind (SitrepReport *self)
{
  g_return_val_if_fail (SITREP_IS_REPORT (self), SITREP_REPORT_KIND_CAN);

  return self->kind;
}

/**
 * sitrep_report_get_name:
 * @self: a #SitrepReport
 *
 * Returns: the report's name for people, e.g. "CAN report"
 */
const char *
sitrep_report_get_name (SitrepReport *self)
{
  g_return_val_if_fail (SITREP_IS_REPORT (self), NULL);

  switch (self->kind)
    {
    case SITREP_REPORT_KIND_CAN:
      return _("CAN report");
    case SITREP_REPORT_KIND_FINAL:
      return _("Final report");
    case SITREP_REPORT_KIND_MONTHLY:
    default:
      return _("Monthly analysis");
    }
}

/**
 * sitrep_report_get_subject:
 * @self: a #SitrepReport
 *
 * What the report is about, for its title and its pages' footer: the
 * incident key, or the month.
 *
 * Returns: (transfer full): e.g. "INC-7" or "2026-03"
 */
char *
sitrep_report_get_subject (SitrepReport *self)
{
  g_return_val_if_fail (SITREP_IS_REPORT (self), NULL);

  if (self->monthly != NULL)
    return g_strdup_printf ("%04d-%02d", self->monthly->year, self->monthly->month);
  return g_strdup (sitrep_incident_get_key (self->incident));
}

/**
 * sitrep_report_get_generated_at:
 * @self: a #SitrepReport
 *
 * Returns: when the report was drafted (the deadlines' states are as of
 *   then), in Unix seconds
 */
gint64
sitrep_report_get_generated_at (SitrepReport *self)
{
  g_return_val_if_fail (SITREP_IS_REPORT (self), SITREP_TIME_NONE);

  return self->generated_at;
}

/**
 * sitrep_report_get_incident:
 * @self: a #SitrepReport
 *
 * Returns: (transfer none) (nullable): the incident, or %NULL for a
 *   monthly analysis
 */
SitrepIncident *
sitrep_report_get_incident (SitrepReport *self)
{
  g_return_val_if_fail (SITREP_IS_REPORT (self), NULL);

  return self->incident;
}

/**
 * sitrep_report_get_deadlines:
 * @self: an incident's #SitrepReport
 *
 * Returns: (transfer none) (array fixed-size=3): the incident's deadlines
 *   as of sitrep_report_get_generated_at()
 */
const SitrepDeadline *
sitrep_report_get_deadlines (SitrepReport *self)
{
  g_return_val_if_fail (SITREP_IS_REPORT (self), NULL);

  return self->deadlines;
}

/**
 * sitrep_report_get_authors:
 * @self: an incident's #SitrepReport
 *
 * Returns: (transfer full): the people who wrote the incident's timeline
 *   entries, in the order of their first entry
 */
GStrv
sitrep_report_get_authors (SitrepReport *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (SITREP_IS_REPORT (self), NULL);

  for (guint i = 0; i < self->authors->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->authors, i));

  return g_strv_builder_end (builder);
}

/**
 * sitrep_report_get_section:
 * @self: a CAN #SitrepReport
 * @tag: %SITREP_TAG_CONDITION, %SITREP_TAG_ACTION or %SITREP_TAG_NEED
 *
 * Returns: (transfer none) (element-type SitrepReportEntry): the section's
 *   entries in time order
 */
GPtrArray *
sitrep_report_get_section (SitrepReport *self,
                           SitrepTag     tag)
{
  g_return_val_if_fail (SITREP_IS_REPORT (self), NULL);
  g_return_val_if_fail (tag >= SITREP_TAG_CONDITION && tag <= SITREP_TAG_NEED, NULL);

  return self->sections[tag];
}

/**
 * sitrep_report_get_key_events:
 * @self: a final #SitrepReport
 *
 * Returns: (transfer none) (element-type SitrepReportEntry): status and
 *   level changes, notices, alerts and tagged notes, in time order
 */
GPtrArray *
sitrep_report_get_key_events (SitrepReport *self)
{
  g_return_val_if_fail (SITREP_IS_REPORT (self), NULL);

  return self->key_events;
}

/**
 * sitrep_report_get_complaints:
 * @self: a final #SitrepReport
 *
 * Returns: (transfer none) (element-type SitrepReportComplaint): the
 *   incident's complaints in the order received
 */
GPtrArray *
sitrep_report_get_complaints (SitrepReport *self)
{
  g_return_val_if_fail (SITREP_IS_REPORT (self), NULL);

  return self->complaints;
}

/**
 * sitrep_report_count_complaints:
 * @self: a final #SitrepReport
 * @counts: (out caller-allocates): the complaints by verdict
 */
void
sitrep_report_count_complaints (SitrepReport          *self,
                                SitrepComplaintCounts *counts)
{
  g_autoptr(GHashTable) customers = NULL;

  g_return_if_fail (SITREP_IS_REPORT (self));
  g_return_if_fail (counts != NULL);

  memset (counts, 0, sizeof *counts);
  customers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < self->complaints->len; i++)
    {
      SitrepReportComplaint *complaint = g_ptr_array_index (self->complaints, i);

      counts->received++;
      if (complaint->incident_key != NULL)
        counts->from_children++;
      if (!sitrep_text_is_blank (complaint->customer))
        g_hash_table_add (customers, g_strstrip (g_strdup (complaint->customer)));
      switch (complaint->verdict)
        {
        case SITREP_COMPLAINT_VERDICT_ATTRIBUTED:
          counts->attributed++;
          break;
        case SITREP_COMPLAINT_VERDICT_NOT_ATTRIBUTED:
          counts->not_attributed++;
          break;
        case SITREP_COMPLAINT_VERDICT_NOT_ANALYSED:
        default:
          counts->not_analysed++;
          break;
        }
    }

  counts->customers = g_hash_table_size (customers);
}

/**
 * sitrep_report_get_children:
 * @self: a final #SitrepReport
 *
 * Returns: (transfer none) (element-type utf8): the keys of the incident's
 *   child incidents, whose complaints the report counts
 */
GPtrArray *
sitrep_report_get_children (SitrepReport *self)
{
  g_return_val_if_fail (SITREP_IS_REPORT (self), NULL);

  return self->children;
}

/**
 * sitrep_report_get_teams:
 * @self: a final #SitrepReport
 *
 * Returns: (transfer none) (element-type SitrepReportTeam): the team
 *   sections in the order added
 */
GPtrArray *
sitrep_report_get_teams (SitrepReport *self)
{
  g_return_val_if_fail (SITREP_IS_REPORT (self), NULL);

  return self->teams;
}

/**
 * sitrep_report_add_team:
 * @self: a final #SitrepReport
 * @team: the team's name, e.g. "Technical team"
 * @author: (nullable): who wrote the section
 * @text: (nullable): the section
 */
void
sitrep_report_add_team (SitrepReport *self,
                        const char   *team,
                        const char   *author,
                        const char   *text)
{
  SitrepReportTeam *section;

  g_return_if_fail (SITREP_IS_REPORT (self));
  g_return_if_fail (team != NULL);

  section = g_new0 (SitrepReportTeam, 1);
  section->team = g_strdup (team);
  section->author = g_strdup (author);
  section->text = g_strdup (text);
  g_ptr_array_add (self->teams, section);
}

#define DEFINE_TEXT_FIELD(field) \
  const char * \
  sitrep_report_get_##field (SitrepReport *self) \
  { \
    g_return_val_if_fail (SITREP_IS_REPORT (self), NULL); \
    return self->field; \
  } \
  void \
  sitrep_report_set_##field (SitrepReport *self, \
                             const char   *text) \
  { \
    g_return_if_fail (SITREP_IS_REPORT (self)); \
    g_free (self->field); \
    self->field = g_strdup (text); \
  }

/**
 * sitrep_report_get_summary:
 * @self: a final #SitrepReport
 *
 * Returns: (nullable): the summary (the builder takes the symptoms)
 */
/**
 * sitrep_report_set_summary:
 * @self: a final #SitrepReport
 * @text: (nullable): the summary
 */
DEFINE_TEXT_FIELD (summary)

/**
 * sitrep_report_get_impact:
 * @self: a final #SitrepReport
 *
 * Returns: (nullable): the impact in words
 */
/**
 * sitrep_report_set_impact:
 * @self: a final #SitrepReport
 * @text: (nullable): the impact in words
 */
DEFINE_TEXT_FIELD (impact)

/**
 * sitrep_report_get_corrective_actions:
 * @self: a final #SitrepReport
 *
 * Returns: (nullable): the corrective actions
 */
/**
 * sitrep_report_set_corrective_actions:
 * @self: a final #SitrepReport
 * @text: (nullable): the corrective actions
 */
DEFINE_TEXT_FIELD (corrective_actions)

/**
 * sitrep_report_get_lessons_learned:
 * @self: a final #SitrepReport
 *
 * Returns: (nullable): the lessons learned
 */
/**
 * sitrep_report_set_lessons_learned:
 * @self: a final #SitrepReport
 * @text: (nullable): the lessons learned
 */
DEFINE_TEXT_FIELD (lessons_learned)

/**
 * sitrep_report_get_impact_count:
 * @self: a final #SitrepReport
 *
 * Returns: the number of affected users, customers or orders, or -1 when
 *   not given
 */
gint64
sitrep_report_get_impact_count (SitrepReport *self)
{
  g_return_val_if_fail (SITREP_IS_REPORT (self), -1);

  return self->impact_count;
}

/**
 * sitrep_report_set_impact_count:
 * @self: a final #SitrepReport
 * @count: the number of affected users, customers or orders, or -1
 */
void
sitrep_report_set_impact_count (SitrepReport *self,
                                gint64        count)
{
  g_return_if_fail (SITREP_IS_REPORT (self));

  self->impact_count = count < 0 ? -1 : count;
}

/**
 * sitrep_report_get_monthly:
 * @self: a monthly #SitrepReport
 *
 * Returns: (transfer none) (nullable): the month's figures
 */
const SitrepMonthly *
sitrep_report_get_monthly (SitrepReport *self)
{
  g_return_val_if_fail (SITREP_IS_REPORT (self), NULL);

  return self->monthly;
}

/**
 * sitrep_report_get_previous:
 * @self: a monthly #SitrepReport
 *
 * Returns: (transfer none) (nullable): the previous month's figures
 */
const SitrepMonthly *
sitrep_report_get_previous (SitrepReport *self)
{
  g_return_val_if_fail (SITREP_IS_REPORT (self), NULL);

  return self->previous;
}
