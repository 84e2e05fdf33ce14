/* sitrep-bench-data.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-bench-data.h"

static const char *services[] = {
  "Payments", "Customer portal", "Mobile app", "Core database", "Mail",
  "Billing", "Reporting", "Identity", "Network", "Storage",
};

static const char *components[] = {
  "gateway", "load balancer", "replica", "message queue", "cache",
  "DNS resolver", "certificate", "batch job", "API", "disk array",
};

static const char *problems[] = {
  "timeout", "errors", "latency", "failure", "outage", "slowness",
  "crash loop", "data mismatch",
};

static const char *people[] = {
  "Mei Lin", "Ravi Kumar", "Zhang Wei", "Ana Souza", "Tom Becker",
  "Fatima Khan", "Lars Nilsson", "Yuki Tanaka",
};

static const char *phrases[] = {
  "restarted the service", "checked the logs", "called the vendor",
  "rolled back the last change", "failed over to the standby",
  "customer confirms the symptom", "waiting for the network team",
  "monitoring shows recovery",
};

/* splitmix64: a fast, well-mixed hash of the incident number. */
static guint64
mix (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

/* Fills @gen with incident number @n, made from the number alone */
void
generate_incident (guint64      n,
                   GenIncident *gen)
{
  guint64 h = mix (n);
  guint64 h2 = mix (h);
  guint64 h3 = mix (h2);
  guint status_roll = (guint) (h % 1000);
  guint host = (guint) (h2 % N_HOSTS);
  const char *component = components[(h >> 10) % G_N_ELEMENTS (components)];
  const char *problem = problems[(h >> 20) % G_N_ELEMENTS (problems)];
  gboolean open;
  gint64 t;

  memset (gen, 0, sizeof *gen);

  g_snprintf (gen->key, sizeof gen->key, "INC-%" G_GUINT64_FORMAT, n);
  g_snprintf (gen->title, sizeof gen->title, "%s %s on srv%04u",
              component, problem, host);
  gen->title[0] = g_ascii_toupper (gen->title[0]);
  gen->service = services[(h >> 30) % G_N_ELEMENTS (services)];
  gen->level = 1 + (int) ((h >> 34) % 10 < 1 ? 0 : ((h >> 34) % 10 < 4 ? 1 : 2));
  gen->reporter_name = people[(h2 >> 8) % G_N_ELEMENTS (people)];
  gen->channel = (SitrepChannel) ((h2 >> 16) % 4);
  g_snprintf (gen->symptoms, sizeof gen->symptoms,
              "Users of %s see %s from the %s", gen->service, problem, component);
  gen->owner = people[(h2 >> 24) % G_N_ELEMENTS (people)];
  if ((h3 >> 48) % 100 == 0)
    gen->details = "The vendor suspects a firmware fault and sends an engineer";

  /* Most incidents of a large database are history: 3.5 % are still being
   * handled, 3.5 % resolved or transferred, the rest closed or cancelled. */
  if (status_roll < 10)
    gen->status = SITREP_STATUS_NEW;
  else if (status_roll < 25)
    gen->status = SITREP_STATUS_ACKNOWLEDGED;
  else if (status_roll < 35)
    gen->status = SITREP_STATUS_RECOVERED;
  else if (status_roll < 60)
    gen->status = SITREP_STATUS_RESOLVED;
  else if (status_roll < 70)
    gen->status = SITREP_STATUS_TRANSFERRED;
  else if (status_roll < 950)
    gen->status = SITREP_STATUS_CLOSED;
  else
    gen->status = SITREP_STATUS_CANCELLED;

  open = gen->status == SITREP_STATUS_NEW ||
         gen->status == SITREP_STATUS_ACKNOWLEDGED ||
         gen->status == SITREP_STATUS_RECOVERED;

  /* Open incidents were reported in the last three days (and long enough
   * ago for their own milestones), the others in the last two years. */
  if (open)
    gen->reported_at = BENCH_NOW - 8 * HOUR - (gint64) ((h3 >> 4) % (3 * DAY));
  else
    gen->reported_at = BENCH_NOW - 8 * DAY - (gint64) ((h3 >> 4) % (730 * DAY));
  gen->occurred_at = gen->reported_at - (gint64) ((h3 >> 40) % (30 * MINUTE));

  t = gen->reported_at;
  if (gen->status != SITREP_STATUS_NEW && gen->status != SITREP_STATUS_CANCELLED)
    {
      t += MINUTE + (gint64) ((h3 >> 8) % HOUR);
      gen->acknowledged_at = t;
    }
  if (gen->status == SITREP_STATUS_RECOVERED || gen->status == SITREP_STATUS_RESOLVED ||
      gen->status == SITREP_STATUS_TRANSFERRED || gen->status == SITREP_STATUS_CLOSED)
    {
      t += 10 * MINUTE + (gint64) ((h3 >> 16) % (6 * HOUR));
      gen->recovered_at = t;
    }
  if (gen->status == SITREP_STATUS_RESOLVED || gen->status == SITREP_STATUS_CLOSED)
    {
      t += HOUR + (gint64) ((h3 >> 24) % (5 * DAY));
      gen->resolved_at = t;
      gen->cause = (SitrepCause) (1 + (h3 >> 32) % 5);
    }
  if (gen->status == SITREP_STATUS_TRANSFERRED)
    {
      t += HOUR + (gint64) ((h3 >> 24) % (2 * DAY));
      gen->transferred_at = t;
      gen->transferred_to = "Problem management";
    }
  if (gen->status == SITREP_STATUS_CLOSED)
    {
      t += DAY;
      gen->closed_at = t;
    }
  if (gen->status == SITREP_STATUS_CANCELLED)
    {
      t += 5 * MINUTE;
      gen->cancelled_at = t;
    }

  /* A created entry, then notes spread between reporting and the last
   * milestone (or now). */
  for (guint i = 0; i < TIMELINE_PER_INCIDENT; i++)
    {
      GenEntry *entry = &gen->timeline[i];
      gint64 span = MAX (t - gen->reported_at, HOUR);

      entry->occurred_at = gen->reported_at + (gint64) i * (span / TIMELINE_PER_INCIDENT);
      entry->recorded_at = entry->occurred_at + (i % 3) * MINUTE;
      if (entry->recorded_at > BENCH_NOW)
        entry->recorded_at = BENCH_NOW;
      if (i == 0)
        {
          entry->author = gen->reporter_name;
          entry->kind = SITREP_ENTRY_KIND_CREATED;
          entry->tag = SITREP_TAG_NONE;
          g_strlcpy (entry->text, "Incident reported", sizeof entry->text);
        }
      else
        {
          entry->author = people[(h2 + i) % G_N_ELEMENTS (people)];
          entry->kind = SITREP_ENTRY_KIND_NOTE;
          entry->tag = (SitrepTag) (i % 4);
          g_snprintf (entry->text, sizeof entry->text, "%s: %s",
                      component, phrases[(h + i) % G_N_ELEMENTS (phrases)]);
        }
    }
}

/* Returns: (transfer full): the incident @gen describes */
SitrepIncident *
make_incident (const GenIncident *gen)
{
  SitrepIncident *incident = sitrep_incident_new ();

  sitrep_incident_set_key (incident, gen->key);
  sitrep_incident_set_title (incident, gen->title);
  sitrep_incident_set_service (incident, gen->service);
  sitrep_incident_set_level (incident, gen->level);
  sitrep_incident_set_status (incident, gen->status);
  sitrep_incident_set_reporter_name (incident, gen->reporter_name);
  sitrep_incident_set_reporter_channel (incident, gen->channel);
  sitrep_incident_set_symptoms (incident, gen->symptoms);
  sitrep_incident_set_details (incident, gen->details);
  sitrep_incident_set_occurred_at (incident, gen->occurred_at);
  sitrep_incident_set_reported_at (incident, gen->reported_at);
  sitrep_incident_set_acknowledged_at (incident, gen->acknowledged_at);
  sitrep_incident_set_recovered_at (incident, gen->recovered_at);
  sitrep_incident_set_resolved_at (incident, gen->resolved_at);
  sitrep_incident_set_transferred_at (incident, gen->transferred_at);
  sitrep_incident_set_transferred_to (incident, gen->transferred_to);
  sitrep_incident_set_closed_at (incident, gen->closed_at);
  sitrep_incident_set_cancelled_at (incident, gen->cancelled_at);
  sitrep_incident_set_owner (incident, gen->owner);
  sitrep_incident_set_cause_category (incident, gen->cause);

  return incident;
}

/* Returns: (transfer full) (element-type SitrepTimelineEntry): its timeline */
GPtrArray *
make_timeline (const GenIncident *gen)
{
  GPtrArray *timeline = g_ptr_array_new_full (TIMELINE_PER_INCIDENT, g_object_unref);

  for (guint i = 0; i < TIMELINE_PER_INCIDENT; i++)
    {
      const GenEntry *gen_entry = &gen->timeline[i];
      SitrepTimelineEntry *entry = sitrep_timeline_entry_new ();

      sitrep_timeline_entry_set_occurred_at (entry, gen_entry->occurred_at);
      sitrep_timeline_entry_set_recorded_at (entry, gen_entry->recorded_at);
      sitrep_timeline_entry_set_author (entry, gen_entry->author);
      sitrep_timeline_entry_set_kind (entry, gen_entry->kind);
      sitrep_timeline_entry_set_tag (entry, gen_entry->tag);
      sitrep_timeline_entry_set_text (entry, gen_entry->text);
      g_ptr_array_add (timeline, entry);
    }

  return timeline;
}

/* The default policy's windows in minutes: response, recovery, resolution. */
static const int policy_minutes[SITREP_LEVEL_MAX + 1][3] = {
  { 0, 0, 0 },
  { 10, 120, 7 * 24 * 60 },
  { 30, 6 * 60, 20 * 24 * 60 },
  { 60, 24 * 60, 60 * 24 * 60 },
};

/**
 * generate_deadlines:
 *
 * The columns the store derives from the SLA (next_due, next_warn_at),
 * by plain arithmetic on the default policy, for what is written past the
 * store: the bare SQL side of a benchmark, or a bulk copy.
 */
void
generate_deadlines (const GenIncident *gen,
                    gint64            *next_due,
                    gint64            *next_warn_at)
{
  const int *minutes = policy_minutes[gen->level];
  gint64 starts[3] = { gen->reported_at, gen->occurred_at, gen->reported_at };
  gint64 met[3] = { gen->acknowledged_at, gen->recovered_at, gen->resolved_at };

  *next_due = SITREP_TIME_NONE;
  *next_warn_at = SITREP_TIME_NONE;

  if (gen->status != SITREP_STATUS_NEW && gen->status != SITREP_STATUS_ACKNOWLEDGED &&
      gen->status != SITREP_STATUS_RECOVERED)
    return;

  for (guint k = 0; k < 3; k++)
    {
      gint64 window = (gint64) minutes[k] * MINUTE;
      gint64 due = starts[k] + window;
      gint64 warn = starts[k] + window * 3 / 4;

      if (met[k] != SITREP_TIME_NONE)
        continue;
      if (*next_due == SITREP_TIME_NONE || due < *next_due)
        *next_due = due;
      if (*next_warn_at == SITREP_TIME_NONE || warn < *next_warn_at)
        *next_warn_at = warn;
    }
}
