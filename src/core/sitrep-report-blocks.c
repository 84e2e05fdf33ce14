/* sitrep-report-blocks.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enums.h"
#include "sitrep-report-render.h"
#include "sitrep-time.h"

/*
 * The wording of the reports: each report as a list of blocks (see
 * sitrep-report-render.h). Times are the desk's local times to the second,
 * as bridge logs are kept; the time zone is stated once in the header.
 */

/**
 * sitrep_report_block_free:
 * @block: (type SitrepReportBlock): a block
 */
void
sitrep_report_block_free (gpointer data)
{
  SitrepReportBlock *block = data;

  g_free (block->label);
  g_free (block->text);
  g_free (block);
}

static void
add_block (GPtrArray             *blocks,
           SitrepReportBlockKind  kind,
           const char            *label,
           const char            *text)
{
  SitrepReportBlock *block = g_new0 (SitrepReportBlock, 1);

  block->kind = kind;
  block->label = g_strdup (label);
  block->text = g_strdup (text);
  g_ptr_array_add (blocks, block);
}

static void
add_chart (GPtrArray         *blocks,
           SitrepReportChart  chart,
           const char        *caption)
{
  SitrepReportBlock *block = g_new0 (SitrepReportBlock, 1);

  block->kind = SITREP_REPORT_BLOCK_CHART;
  block->chart = chart;
  block->text = g_strdup (caption);
  g_ptr_array_add (blocks, block);
}

static void
add_field (GPtrArray  *blocks,
           const char *label,
           const char *text)
{
  add_block (blocks, SITREP_REPORT_BLOCK_FIELD, label,
             text != NULL && *text != '\0' ? text : _("not recorded"));
}

static void
add_text (GPtrArray  *blocks,
          const char *text)
{
  add_block (blocks, SITREP_REPORT_BLOCK_PARAGRAPH, NULL,
             text != NULL && *text != '\0' ? text : _("Not written yet."));
}

static char *
format_time (gint64 time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (time == SITREP_TIME_NONE)
    return g_strdup (_("not yet"));

  dt = g_date_time_new_from_unix_local (time);
  if (dt == NULL)
    return g_strdup ("");

  return g_date_time_format (dt, "%Y-%m-%d %H:%M:%S");
}

static void
add_time_field (GPtrArray  *blocks,
                const char *label,
                gint64      time)
{
  g_autofree char *text = format_time (time);

  add_block (blocks, SITREP_REPORT_BLOCK_FIELD, label, text);
}

static char *
describe_zone (gint64 now)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (now);

  if (dt == NULL)
    return g_strdup ("");
  /* e.g. "CST (UTC+08:00)" */
  return g_date_time_format (dt, "%Z (UTC%:z)");
}

static char *
describe_deadline (const SitrepDeadline *deadline)
{
  g_autofree char *due = format_time (deadline->due);

  if (deadline->met_at != SITREP_TIME_NONE)
    {
      g_autofree char *met = format_time (deadline->met_at);

      /* Translators: a deadline's state, due and met times */
      return g_strdup_printf (_("%s — due %s, met %s"),
                              sitrep_deadline_state_to_label (deadline->state), due, met);
    }

  /* Translators: a deadline's state and due time */
  return g_strdup_printf (_("%s — due %s"),
                          sitrep_deadline_state_to_label (deadline->state), due);
}

static void
add_incident_header (GPtrArray    *blocks,
                     SitrepReport *report)
{
  SitrepIncident *incident = sitrep_report_get_incident (report);
  const SitrepDeadline *deadlines = sitrep_report_get_deadlines (report);
  g_auto(GStrv) authors = sitrep_report_get_authors (report);
  g_autofree char *title = NULL;
  g_autofree char *level = NULL;
  g_autofree char *people = NULL;
  g_autofree char *zone = NULL;

  /* Translators: a report's title: the report's name and the incident key */
  title = g_strdup_printf (_("%s — %s"), sitrep_report_get_name (report),
                           sitrep_incident_get_key (incident));
  add_block (blocks, SITREP_REPORT_BLOCK_TITLE, NULL, title);

  add_field (blocks, _("Title"), sitrep_incident_get_title (incident));
  add_field (blocks, _("Service"), sitrep_incident_get_service (incident));
  level = g_strdup_printf ("%d", sitrep_incident_get_level (incident));
  add_field (blocks, _("Level"), level);
  add_field (blocks, _("Status"), sitrep_status_to_label (sitrep_incident_get_status (incident)));
  add_field (blocks, _("Owner"), sitrep_incident_get_owner (incident));
  add_time_field (blocks, _("Fault began"), sitrep_incident_get_occurred_at (incident));
  add_time_field (blocks, _("Reported"), sitrep_incident_get_reported_at (incident));

  for (guint i = 0; i < SITREP_N_DEADLINES; i++)
    {
      g_autofree char *text = describe_deadline (&deadlines[i]);

      add_field (blocks, sitrep_deadline_kind_to_label ((SitrepDeadlineKind) i), text);
    }

  people = g_strjoinv (", ", authors);
  add_field (blocks, _("Written by"), people);
  add_time_field (blocks, _("Drafted"), sitrep_report_get_generated_at (report));
  zone = describe_zone (sitrep_report_get_generated_at (report));
  add_field (blocks, _("Times in"), zone);
}

static char *
describe_entry (const SitrepReportEntry *entry)
{
  g_autofree char *at = format_time (entry->at);
  const char *author = entry->author != NULL && *entry->author != '\0'
                       ? entry->author : _("unknown");

  /* Translators: a timeline entry in a report: time, author, text */
  return g_strdup_printf (_("%s — %s: %s"), at, author, entry->text != NULL ? entry->text : "");
}

static void
build_can (GPtrArray    *blocks,
           SitrepReport *report)
{
  static const struct {
    SitrepTag tag;
    const char *heading;
  } sections[] = {
    { SITREP_TAG_CONDITION, N_("Conditions") },
    { SITREP_TAG_ACTION, N_("Actions") },
    { SITREP_TAG_NEED, N_("Needs") },
  };

  add_incident_header (blocks, report);

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      GPtrArray *entries = sitrep_report_get_section (report, sections[s].tag);

      add_block (blocks, SITREP_REPORT_BLOCK_HEADING, NULL, _(sections[s].heading));
      if (entries->len == 0)
        add_block (blocks, SITREP_REPORT_BLOCK_PARAGRAPH, NULL, _("None recorded."));
      for (guint i = 0; i < entries->len; i++)
        {
          g_autofree char *text = describe_entry (g_ptr_array_index (entries, i));

          add_block (blocks, SITREP_REPORT_BLOCK_ITEM, NULL, text);
        }
    }
}

static void
add_duration (GPtrArray  *blocks,
              const char *label,
              gint64      from,
              gint64      to)
{
  g_autofree char *text = NULL;

  if (from == SITREP_TIME_NONE || to == SITREP_TIME_NONE)
    {
      add_block (blocks, SITREP_REPORT_BLOCK_FIELD, label, _("not reached"));
      return;
    }

  text = sitrep_time_format_duration (to - from);
  if (to < from)
    {
      g_autofree char *negative = g_strdup_printf ("−%s", text);

      add_block (blocks, SITREP_REPORT_BLOCK_FIELD, label, negative);
      return;
    }
  add_block (blocks, SITREP_REPORT_BLOCK_FIELD, label, text);
}


/* A major incident's child incidents, whose complaints its counts hold. */
static void
add_children (GPtrArray                   *blocks,
              SitrepReport                *report,
              const SitrepComplaintCounts *counts)
{
  GPtrArray *children = sitrep_report_get_children (report);
  g_autoptr(GString) keys = g_string_new (NULL);
  g_autofree char *customers = NULL;

  if (children->len == 0)
    return;

  for (guint i = 0; i < children->len; i++)
    g_string_append_printf (keys, i == 0 ? "%s" : ", %s",
                            (const char *) g_ptr_array_index (children, i));

  customers = g_strdup_printf ("%u", counts->customers);
  add_field (blocks, _("Child incidents"), keys->str);
  add_field (blocks, _("Customers who complained"), customers);
}

static void
build_final (GPtrArray    *blocks,
             SitrepReport *report)
{
  SitrepIncident *incident = sitrep_report_get_incident (report);
  GPtrArray *events = sitrep_report_get_key_events (report);
  GPtrArray *complaints = sitrep_report_get_complaints (report);
  GPtrArray *teams = sitrep_report_get_teams (report);
  const SitrepDeadline *deadlines = sitrep_report_get_deadlines (report);
  SitrepComplaintCounts counts;
  gint64 occurred = sitrep_incident_get_occurred_at (incident);
  gint64 reported = sitrep_incident_get_reported_at (incident);
  gint64 acknowledged = sitrep_incident_get_acknowledged_at (incident);
  gint64 recovered = sitrep_incident_get_recovered_at (incident);
  gint64 resolved = sitrep_incident_get_resolved_at (incident);
  SitrepCause cause = sitrep_incident_get_cause_category (incident);
  g_autofree char *number = NULL;

  add_incident_header (blocks, report);

  add_block (blocks, SITREP_REPORT_BLOCK_HEADING, NULL, _("Summary"));
  add_text (blocks, sitrep_report_get_summary (report));

  add_block (blocks, SITREP_REPORT_BLOCK_HEADING, NULL, _("Key events"));
  if (events->len == 0)
    add_block (blocks, SITREP_REPORT_BLOCK_PARAGRAPH, NULL, _("None recorded."));
  for (guint i = 0; i < events->len; i++)
    {
      SitrepReportEntry *entry = g_ptr_array_index (events, i);
      g_autofree char *text = describe_entry (entry);

      if (entry->tag != SITREP_TAG_NONE)
        {
          g_autofree char *tagged = NULL;

          /* Translators: a tagged note among the key events: tag, entry */
          tagged = g_strdup_printf (_("%s (%s)"), text, sitrep_tag_to_label (entry->tag));
          add_block (blocks, SITREP_REPORT_BLOCK_ITEM, NULL, tagged);
          continue;
        }
      add_block (blocks, SITREP_REPORT_BLOCK_ITEM, NULL, text);
    }

  add_block (blocks, SITREP_REPORT_BLOCK_HEADING, NULL, _("Impact"));
  add_text (blocks, sitrep_report_get_impact (report));
  if (sitrep_report_get_impact_count (report) >= 0)
    number = g_strdup_printf ("%" G_GINT64_FORMAT, sitrep_report_get_impact_count (report));
  add_field (blocks, _("Affected users, customers or orders"), number);
  add_duration (blocks, _("Fault began → reported"), occurred, reported);
  add_duration (blocks, _("Reported → acknowledged"), reported, acknowledged);
  add_duration (blocks, _("Acknowledged → recovered"), acknowledged, recovered);
  add_duration (blocks, _("Recovered → resolved"), recovered, resolved);
  add_duration (blocks, _("Fault began → resolved"), occurred, resolved);

  add_block (blocks, SITREP_REPORT_BLOCK_HEADING, NULL, _("Deadlines"));
  for (guint i = 0; i < SITREP_N_DEADLINES; i++)
    {
      g_autofree char *text = describe_deadline (&deadlines[i]);

      add_field (blocks, sitrep_deadline_kind_to_label ((SitrepDeadlineKind) i), text);
    }

  add_block (blocks, SITREP_REPORT_BLOCK_HEADING, NULL, _("Complaints"));
  sitrep_report_count_complaints (report, &counts);
  {
    g_autofree char *received = g_strdup_printf ("%u", counts.received);
    g_autofree char *attributed = g_strdup_printf ("%u", counts.attributed);
    g_autofree char *not_attributed = g_strdup_printf ("%u", counts.not_attributed);
    g_autofree char *not_analysed = g_strdup_printf ("%u", counts.not_analysed);

    if (counts.from_children > 0)
      {
        g_free (received);
        /* Translators: complaints received by a major incident and its
         * child incidents, "7, including 3 from child incidents" */
        received = g_strdup_printf (ngettext ("%u, including %u from child incidents",
                                              "%u, including %u from child incidents",
                                              counts.from_children),
                                    counts.received, counts.from_children);
      }
    add_field (blocks, _("Received"), received);
    add_field (blocks, _("Attributed to this incident"), attributed);
    add_field (blocks, _("Not attributed"), not_attributed);
    add_field (blocks, _("Not yet analysed"), not_analysed);
    add_children (blocks, report, &counts);
  }
  for (guint i = 0; i < complaints->len; i++)
    {
      SitrepReportComplaint *complaint = g_ptr_array_index (complaints, i);
      g_autofree char *text = NULL;

      if (complaint->verdict != SITREP_COMPLAINT_VERDICT_NOT_ATTRIBUTED)
        continue;
      /* Translators: a complaint not attributed: reference, customer, reason */
      text = g_strdup_printf (_("%s (%s) not attributed: %s"),
                              complaint->ref != NULL ? complaint->ref : "",
                              complaint->customer != NULL ? complaint->customer : "",
                              complaint->reason != NULL ? complaint->reason : _("no reason given"));
      add_block (blocks, SITREP_REPORT_BLOCK_ITEM, NULL, text);
    }

  add_block (blocks, SITREP_REPORT_BLOCK_HEADING, NULL, _("Root cause"));
  add_field (blocks, _("Cause category"),
             cause != SITREP_CAUSE_NONE ? sitrep_cause_to_label (cause) : NULL);
  add_text (blocks, sitrep_incident_get_root_cause (incident));
  add_field (blocks, _("Resolution"), sitrep_incident_get_resolution (incident));

  add_block (blocks, SITREP_REPORT_BLOCK_HEADING, NULL, _("Team sections"));
  if (teams->len == 0)
    add_block (blocks, SITREP_REPORT_BLOCK_PARAGRAPH, NULL, _("Not written yet."));
  for (guint i = 0; i < teams->len; i++)
    {
      SitrepReportTeam *team = g_ptr_array_index (teams, i);
      g_autofree char *heading = NULL;

      if (team->author != NULL && *team->author != '\0')
        /* Translators: a team section's heading: team and author */
        heading = g_strdup_printf (_("%s (%s)"), team->team, team->author);
      else
        heading = g_strdup (team->team);
      add_block (blocks, SITREP_REPORT_BLOCK_SUBHEADING, NULL, heading);
      add_text (blocks, team->text);
    }

  add_block (blocks, SITREP_REPORT_BLOCK_HEADING, NULL, _("Corrective actions"));
  add_text (blocks, sitrep_report_get_corrective_actions (report));

  add_block (blocks, SITREP_REPORT_BLOCK_HEADING, NULL, _("Lessons learned"));
  add_text (blocks, sitrep_report_get_lessons_learned (report));
}

/* Numbers go into translatable strings as %s: a gint64 format macro in
 * the middle of a message would hide it from xgettext. */
static char *
num (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

/* "12 (previous month 9, +3)" */
static char *
compare_counts (gint64 now,
                gint64 before)
{
  g_autofree char *text_now = num (now);
  g_autofree char *text_before = num (before);
  g_autofree char *change = g_strdup_printf ("%+" G_GINT64_FORMAT, now - before);

  /* Translators: a monthly figure beside the previous month's and the change */
  return g_strdup_printf (_("%s (previous month %s, %s)"), text_now, text_before, change);
}

static gint64
find_count (GPtrArray  *counts,
            const char *name)
{
  for (guint i = 0; i < counts->len; i++)
    {
      SitrepMonthlyCount *count = g_ptr_array_index (counts, i);

      if (g_strcmp0 (count->name, name) == 0)
        return count->count;
    }

  return 0;
}

static const char *
count_label (GType       enum_type,
             const char *name)
{
  int value;

  if (name == NULL)
    return enum_type == SITREP_TYPE_CAUSE ? _("Not categorised") : _("Other");
  if (enum_type == SITREP_TYPE_CAUSE && sitrep_enum_from_nick (enum_type, name, &value))
    return sitrep_cause_to_label ((SitrepCause) value);
  if (enum_type == SITREP_TYPE_CHANNEL && sitrep_enum_from_nick (enum_type, name, &value))
    return sitrep_channel_to_label ((SitrepChannel) value);
  return name;
}

static gboolean
has_count (GPtrArray  *counts,
           const char *name)
{
  for (guint i = 0; i < counts->len; i++)
    if (g_strcmp0 (((SitrepMonthlyCount *) g_ptr_array_index (counts, i))->name, name) == 0)
      return TRUE;
  return FALSE;
}

static void
add_counts (GPtrArray  *blocks,
            GPtrArray  *now,
            GPtrArray  *before,
            GType       enum_type)
{
  if (now->len == 0)
    add_block (blocks, SITREP_REPORT_BLOCK_PARAGRAPH, NULL, _("None."));

  for (guint i = 0; i < now->len; i++)
    {
      SitrepMonthlyCount *count = g_ptr_array_index (now, i);
      g_autofree char *text = NULL;

      /* The service list keeps the top ten: a service missing from the
       * previous month's may have been counted under "other" there. */
      if (enum_type == G_TYPE_NONE && count->name != NULL && !has_count (before, count->name) &&
          has_count (before, NULL))
        {
          g_autofree char *value = num (count->count);

          /* Translators: a service's count; it was not among the previous
           * month's ten services with the most incidents */
          text = g_strdup_printf (_("%s (not among the previous month's top ten)"), value);
        }
      else
        {
          text = compare_counts (count->count, find_count (before, count->name));
        }

      add_field (blocks, count_label (enum_type, count->name), text);
    }
}

static char *
describe_compliance (const SitrepMonthly *now,
                     const SitrepMonthly *before,
                     SitrepDeadlineKind   clock)
{
  double c_now, c_before;
  gboolean has_now = sitrep_monthly_get_compliance (now, clock, &c_now);
  gboolean has_before = sitrep_monthly_get_compliance (before, clock, &c_before);
  g_autofree char *text_now = NULL;
  g_autofree char *text_before = NULL;

  text_now = has_now ? g_strdup_printf ("%.1f %%", c_now * 100.0) : g_strdup (_("none decided"));
  text_before = has_before ? g_strdup_printf ("%.1f %%", c_before * 100.0)
                           : g_strdup (_("none decided"));

  if (has_now && has_before)
    /* Translators: compliance, the previous month's and the change in points */
    return g_strdup_printf (_("%s (previous month %s, %+.1f points)"), text_now, text_before,
                            (c_now - c_before) * 100.0);
  /* Translators: compliance and the previous month's */
  return g_strdup_printf (_("%s (previous month %s)"), text_now, text_before);
}

static char *
describe_minutes (const SitrepMonthly *now,
                  const SitrepMonthly *before,
                  SitrepDeadlineKind   clock)
{
  g_autofree char *text_before = NULL;

  if (before->minutes_count[clock] > 0)
    /* Translators: the previous month's mean and 90th percentile */
    text_before = g_strdup_printf (_("previous month: mean %.1f min, 90th percentile %.1f min"),
                                   before->minutes_mean[clock], before->minutes_p90[clock]);
  else
    text_before = g_strdup (_("previous month: none"));

  if (now->minutes_count[clock] == 0)
    /* Translators: no time measured this month; then the previous month's */
    return g_strdup_printf (_("none (%s)"), text_before);

  /* Translators: mean and 90th percentile minutes, change of the mean, then
   * the previous month's figures */
  return g_strdup_printf (_("mean %.1f min, 90th percentile %.1f min (%s)"),
                          now->minutes_mean[clock], now->minutes_p90[clock], text_before);
}

static void
build_monthly (GPtrArray    *blocks,
               SitrepReport *report)
{
  const SitrepMonthly *now = sitrep_report_get_monthly (report);
  const SitrepMonthly *before = sitrep_report_get_previous (report);
  g_autofree char *subject = sitrep_report_get_subject (report);
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *zone = NULL;
  static const char *const minutes_labels[SITREP_N_DEADLINES] = {
    N_("To acknowledge (from reported)"),
    N_("To recover (from fault began)"),
    N_("To resolve (from reported)"),
  };

  /* Translators: a report's title: the report's name and the month */
  title = g_strdup_printf (_("%s — %s"), sitrep_report_get_name (report), subject);
  add_block (blocks, SITREP_REPORT_BLOCK_TITLE, NULL, title);
  add_time_field (blocks, _("Drafted"), now->now);
  zone = describe_zone (now->start);
  add_field (blocks, _("Times in"), zone);

  add_block (blocks, SITREP_REPORT_BLOCK_HEADING, NULL, _("Incidents reported"));
  text = compare_counts (now->reported, before->reported);
  add_field (blocks, _("Reported"), text);

  add_block (blocks, SITREP_REPORT_BLOCK_SUBHEADING, NULL, _("By level"));
  for (int level = SITREP_LEVEL_MIN; level <= SITREP_LEVEL_MAX; level++)
    {
      g_autofree char *label = g_strdup_printf (_("Level %d"), level);
      g_autofree char *value = compare_counts (now->by_level[level - 1],
                                               before->by_level[level - 1]);

      add_field (blocks, label, value);
    }

  add_block (blocks, SITREP_REPORT_BLOCK_SUBHEADING, NULL, _("By cause category"));
  add_counts (blocks, now->by_cause, before->by_cause, SITREP_TYPE_CAUSE);
  add_chart (blocks, SITREP_REPORT_CHART_BY_CAUSE, _("Incidents by cause category"));

  add_block (blocks, SITREP_REPORT_BLOCK_SUBHEADING, NULL, _("By service"));
  add_counts (blocks, now->by_service, before->by_service, G_TYPE_NONE);

  add_block (blocks, SITREP_REPORT_BLOCK_SUBHEADING, NULL, _("By reporting channel"));
  add_counts (blocks, now->by_channel, before->by_channel, SITREP_TYPE_CHANNEL);

  add_block (blocks, SITREP_REPORT_BLOCK_HEADING, NULL, _("Throughput per day"));
  add_chart (blocks, SITREP_REPORT_CHART_PER_DAY, _("Incidents reported and resolved per day"));
  for (guint day = 0; day < now->n_days; day++)
    {
      g_autofree char *label = NULL;
      g_autofree char *value = NULL;
      g_autofree char *reported = NULL;
      g_autofree char *resolved = NULL;

      if (now->reported_per_day[day] == 0 && now->resolved_per_day[day] == 0)
        continue;
      label = g_strdup_printf ("%04d-%02d-%02d", now->year, now->month, day + 1);
      reported = num (now->reported_per_day[day]);
      resolved = num (now->resolved_per_day[day]);

      /* Translators: incidents reported and resolved on one day */
      value = g_strdup_printf (_("%s reported, %s resolved"), reported, resolved);
      add_field (blocks, label, value);
    }

  add_block (blocks, SITREP_REPORT_BLOCK_HEADING, NULL, _("Deadlines"));
  add_chart (blocks, SITREP_REPORT_CHART_COMPLIANCE, _("Compliance per clock"));
  for (guint clock = 0; clock < SITREP_N_DEADLINES; clock++)
    {
      const gint64 *c = now->clocks[clock];
      g_autofree char *outcomes = NULL;
      g_autofree char *compliance = describe_compliance (now, before, clock);

      g_autofree char *met = num (c[SITREP_CLOCK_OUTCOME_MET]);
      g_autofree char *late = num (c[SITREP_CLOCK_OUTCOME_MET_LATE]);
      g_autofree char *breached = num (c[SITREP_CLOCK_OUTCOME_BREACHED]);
      g_autofree char *pending = num (c[SITREP_CLOCK_OUTCOME_PENDING]);
      g_autofree char *na = num (c[SITREP_CLOCK_OUTCOME_NOT_APPLICABLE]);

      add_block (blocks, SITREP_REPORT_BLOCK_SUBHEADING, NULL,
                 sitrep_deadline_kind_to_label ((SitrepDeadlineKind) clock));
      /* Translators: the outcomes of one clock over a month's incidents */
      outcomes = g_strdup_printf (_("%s met, %s met late, %s breached, %s still pending, "
                                    "%s not applicable"), met, late, breached, pending, na);
      add_field (blocks, _("Outcomes"), outcomes);
      add_field (blocks, _("Compliance"), compliance);
    }

  add_block (blocks, SITREP_REPORT_BLOCK_HEADING, NULL, _("Time taken"));
  for (guint clock = 0; clock < SITREP_N_DEADLINES; clock++)
    {
      g_autofree char *value = describe_minutes (now, before, clock);

      add_field (blocks, _(minutes_labels[clock]), value);
    }

  add_block (blocks, SITREP_REPORT_BLOCK_HEADING, NULL, _("Notices of the communication plan"));
  {
    g_autofree char *due = compare_counts (now->notices_due, before->notices_due);
    g_autofree char *on_time = compare_counts (now->notices_on_time, before->notices_on_time);
    g_autofree char *late = compare_counts (now->notices_late, before->notices_late);
    g_autofree char *not_sent = compare_counts (now->notices_not_sent, before->notices_not_sent);

    add_field (blocks, _("Due"), due);
    add_field (blocks, _("Sent on time"), on_time);
    add_field (blocks, _("Sent late"), late);
    add_field (blocks, _("Not sent"), not_sent);
  }

  add_block (blocks, SITREP_REPORT_BLOCK_HEADING, NULL, _("Complaints"));
  {
    g_autofree char *received = compare_counts (now->complaints_received,
                                                before->complaints_received);
    g_autofree char *attributed = compare_counts (now->complaints_attributed,
                                                  before->complaints_attributed);

    add_field (blocks, _("Received"), received);
    add_field (blocks, _("Attributed"), attributed);
  }

  add_block (blocks, SITREP_REPORT_BLOCK_HEADING, NULL, _("Longest breaches"));
  if (now->longest_breaches->len == 0)
    add_block (blocks, SITREP_REPORT_BLOCK_PARAGRAPH, NULL, _("No deadline was breached."));
  for (guint i = 0; i < now->longest_breaches->len; i++)
    {
      SitrepMonthlyBreach *breach = g_ptr_array_index (now->longest_breaches, i);
      g_autofree char *duration = sitrep_time_format_duration (breach->seconds);
      g_autofree char *item = NULL;

      /* Translators: key, title, level, clock and how long past due */
      item = g_strdup_printf (_("%s “%s” (level %d): %s %s past due"), breach->key,
                              breach->title != NULL ? breach->title : "", breach->level,
                              sitrep_deadline_kind_to_label (breach->clock), duration);
      add_block (blocks, SITREP_REPORT_BLOCK_ITEM, NULL, item);
    }
}

/**
 * sitrep_report_build_blocks:
 * @self: a #SitrepReport
 *
 * Lays a report out as blocks for the text, Markdown and PDF writers.
 *
 * Returns: (transfer full) (element-type SitrepReportBlock): the blocks
 */
GPtrArray *
sitrep_report_build_blocks (SitrepReport *self)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func (sitrep_report_block_free);

  g_return_val_if_fail (SITREP_IS_REPORT (self), NULL);

  switch (sitrep_report_get_kind (self))
    {
    case SITREP_REPORT_KIND_CAN:
      build_can (blocks, self);
      break;
    case SITREP_REPORT_KIND_FINAL:
      build_final (blocks, self);
      break;
    case SITREP_REPORT_KIND_MONTHLY:
    default:
      build_monthly (blocks, self);
      break;
    }

  return g_steal_pointer (&blocks);
}
