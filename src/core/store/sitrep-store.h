/* sitrep-store.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sitrep-clock.h"
#include "sitrep-complaint.h"
#include "sitrep-contact.h"
#include "sitrep-filter.h"
#include "sitrep-incident.h"
#include "sitrep-lifecycle.h"
#include "sitrep-link.h"
#include "sitrep-policy.h"
#include "sitrep-report-monthly.h"
#include "sitrep-timeline-entry.h"
#include "sitrep-types.h"

G_BEGIN_DECLS

typedef struct _SitrepTeamListener SitrepTeamListener;

#define SITREP_STORE_ERROR (sitrep_store_error_quark ())

/* What went wrong with the database. A rule that refuses a write (an
 * invalid transition, time or value; the viewing role) is a
 * SITREP_LIFECYCLE_ERROR instead (sitrep-lifecycle.h). */
typedef enum
{
  /* opening the database */
  SITREP_STORE_ERROR_NO_DIRECTORY,     /* the folder of the file does not exist */
  SITREP_STORE_ERROR_NOT_A_DATABASE,   /* the file is not a SQLite database */
  SITREP_STORE_ERROR_CORRUPT,          /* a SQLite database, but damaged */
  SITREP_STORE_ERROR_READ_ONLY,        /* the file or its folder cannot be written,
                                        * or a reader was asked to write */
  SITREP_STORE_ERROR_LOCKED,           /* another process holds a lock too long */
  SITREP_STORE_ERROR_TOO_NEW,          /* written by a newer Sitrep */
  SITREP_STORE_ERROR_DISK_FULL,
  SITREP_STORE_ERROR_FAILED,
  /* using it */
  SITREP_STORE_ERROR_NOT_FOUND,        /* no such incident */
  SITREP_STORE_ERROR_NO_DATABASE,      /* the file to read does not exist */
  SITREP_STORE_ERROR_IO,               /* the disk failed to read or write */
  /* a team database */
  SITREP_STORE_ERROR_UNREACHABLE,      /* the server cannot be reached, or went away */
  SITREP_STORE_ERROR_DENIED,           /* the server refused: a login that may only read */
  SITREP_STORE_ERROR_LOGIN,            /* the server did not accept the login */
  SITREP_STORE_ERROR_STALE,            /* someone else changed it first */
} SitrepStoreError;

/* Who the login of a team database is, as the server says; a desk's own
 * database has no team role (the user's setting decides what the window
 * offers). */
typedef enum
{
  SITREP_TEAM_ROLE_NONE,
  SITREP_TEAM_ROLE_MANAGER,      /* member of sitrep_manager: reads and writes */
  SITREP_TEAM_ROLE_SUPERVISOR,   /* member of sitrep_supervisor only: reads */
} SitrepTeamRole;

/* What the ticket list shows: a filter, a sort and optional free text. */
typedef struct
{
  SitrepListFilter  filter;
  SitrepListSort    sort;
  const char       *text;   /* words to search (FTS5), or NULL */
  const char       *me;     /* the user's name, for SITREP_LIST_FILTER_MINE */
  const SitrepFilter *conditions; /* when set, shown instead of @filter */
} SitrepQuery;

#define SITREP_TYPE_STORE (sitrep_store_get_type ())

G_DECLARE_FINAL_TYPE (SitrepStore, sitrep_store, SITREP, STORE, GObject)

/*
 * Signals:
 *   "incident-changed" (gint64 id, guint changes): one incident was
 *       written through this store; @changes is a #SitrepChange saying what
 *       (a transition: STATUS | TIMELINE | DEADLINES; a note: TIMELINE; a
 *       field: FIELDS | TIMELINE, and DEADLINES for the fault's start; a
 *       level: LEVEL | TIMELINE | DEADLINES; an owner: OWNER | TIMELINE; a
 *       notice or an alert: TIMELINE | DEADLINES; a complaint: COMPLAINTS |
 *       TIMELINE; a new incident: every flag). Emitted after the commit;
 *       a write that changed nothing emits nothing.
 *   "changed": reload everything. Emitted after an import commits, after a
 *       policy change (every open incident's deadlines moved), and when
 *       another process wrote to the database (see
 *       sitrep_store_check_external_changes()).
 *   "contacts-changed": the roster was written through this store.
 *
 * External changes: the store watches the database's "-wal" file with a
 * GFileMonitor on the thread-default main context it was opened in and,
 * shortly after it changes, calls sitrep_store_check_external_changes()
 * by itself. Callers may also call that function at any time (it only runs
 * "PRAGMA data_version").
 */

GQuark           sitrep_store_error_quark          (void);

char            *sitrep_store_default_path         (void);
/* path NULL: sitrep_store_default_path(), whose folder open creates; any
 * other folder must exist (SITREP_STORE_ERROR_NO_DIRECTORY). */
SitrepStore     *sitrep_store_open                 (const char       *path,
                                                    SitrepClock      *clock,
                                                    GError          **error);
/* needs_migration: whether sitrep_store_open() would migrate the database
 * at @path (NULL: the default path) to this Sitrep's schema (which it
 * does only after backing the file up), so that the caller can tell the
 * user first. Reads the version read-only and
 * writes nothing. FALSE without error when there is nothing to keep (no
 * file, an empty one) or the schema is current; FALSE with @error when
 * the file is no Sitrep database this version can open. */
gboolean         sitrep_store_needs_migration      (const char       *path,
                                                    GError          **error);
/* Like sitrep_store_open(), but fails with SITREP_STORE_ERROR_NO_DATABASE
 * ("There is no Sitrep database at “%s”") instead of creating a file. */
SitrepStore     *sitrep_store_open_existing        (const char       *path,
                                                    SitrepClock      *clock,
                                                    GError          **error);
/* A store for reading only, for use on one worker thread: opens an existing
 * Sitrep database read-only (SQLITE_OPEN_READONLY | NOMUTEX), runs no
 * migration, no integrity check beyond the header, watches nothing (no
 * GFileMonitor, no main-context sources). Every write fails with
 * SITREP_STORE_ERROR_READ_ONLY. */
SitrepStore     *sitrep_store_open_reader          (const char       *path,
                                                    SitrepClock      *clock,
                                                    GError          **error);
const char      *sitrep_store_get_path             (SitrepStore      *self);

/* Team mode: a PostgreSQL database that many desks share. @database
 * names one when it is a libpq URI (postgresql://…) or a connection
 * string (host=… dbname=…); anything else is a file. */
gboolean         sitrep_store_is_team_address      (const char       *database);
SitrepStore     *sitrep_store_open_team            (const char       *address,
                                                    const char       *password,
                                                    SitrepClock      *clock,
                                                    GError          **error);
void             sitrep_store_open_team_async      (const char       *address,
                                                    const char       *password,
                                                    SitrepClock      *clock,
                                                    GCancellable     *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer          user_data);
SitrepStore     *sitrep_store_open_team_finish     (GAsyncResult     *result,
                                                    GError          **error);
SitrepStore     *sitrep_store_open_team_reader     (const char       *address,
                                                    const char       *password,
                                                    SitrepClock      *clock,
                                                    GError          **error);
gboolean         sitrep_store_setup_team           (const char       *address,
                                                    const char       *password,
                                                    char            **report,
                                                    GError          **error);
gboolean         sitrep_store_is_team              (SitrepStore      *self);
SitrepTeamRole   sitrep_store_get_team_role        (SitrepStore      *self);
SitrepTeamListener *sitrep_store_get_team_listener (SitrepStore      *self);
SitrepClock     *sitrep_store_get_clock            (SitrepStore      *self);
int              sitrep_store_get_schema_version   (SitrepStore      *self);
gboolean         sitrep_store_check_external_changes (SitrepStore    *self);
gboolean         sitrep_store_begin_snapshot       (SitrepStore      *self,
                                                    GError          **error);
void             sitrep_store_end_snapshot         (SitrepStore      *self);
void             sitrep_store_set_read_only        (SitrepStore      *self,
                                                    gboolean          read_only);
gboolean         sitrep_store_get_read_only        (SitrepStore      *self);

/* Reading */
SitrepIncident  *sitrep_store_get_incident         (SitrepStore      *self,
                                                    gint64            id,
                                                    GError          **error);
SitrepIncident  *sitrep_store_find_incident        (SitrepStore      *self,
                                                    const char       *key,
                                                    GError          **error);
GPtrArray       *sitrep_store_list_timeline        (SitrepStore      *self,
                                                    gint64            id,
                                                    GError          **error);
GPtrArray       *sitrep_store_list_complaints      (SitrepStore      *self,
                                                    gint64            id,
                                                    GError          **error);
GArray          *sitrep_store_query                (SitrepStore      *self,
                                                    const SitrepQuery *query,
                                                    GError          **error);
GArray          *sitrep_store_query_page           (SitrepStore      *self,
                                                    const SitrepQuery *query,
                                                    guint             offset,
                                                    guint             limit,
                                                    GError          **error);
gboolean         sitrep_store_count_list           (SitrepStore      *self,
                                                    gint64            at,
                                                    SitrepListCounts *counts,
                                                    GError          **error);
GArray          *sitrep_store_list_all_ids         (SitrepStore      *self,
                                                    GError          **error);
/* list_unfinished_ids: every incident that is neither closed nor cancelled,
 * by key */
GArray          *sitrep_store_list_unfinished_ids  (SitrepStore      *self,
                                                    GError          **error);
gint64           sitrep_store_count_incidents      (SitrepStore      *self);
gboolean         sitrep_store_has_incidents        (SitrepStore      *self,
                                                    GError          **error);
/* get_policy: (transfer full) a copy; unref it */
SitrepPolicy    *sitrep_store_get_policy           (SitrepStore      *self);
GPtrArray       *sitrep_store_list_contacts        (SitrepStore      *self,
                                                    GError          **error);

/**
 * SitrepStoreWriteFunc:
 * @store: the store to write through: the one given to
 *   sitrep_store_submit(), or a team database's writing connection on
 *   its own thread
 * @data: the data given to sitrep_store_submit()
 * @error: return location for a #GError
 *
 * One user action's write, through the store's ordinary calls on @store
 * (sitrep_store_expect_version() first, when the action was decided on
 * what an incident showed).
 *
 * Returns: %TRUE when it was written
 */
typedef gboolean (*SitrepStoreWriteFunc) (SitrepStore  *store,
                                          gpointer      data,
                                          GError      **error);
/**
 * SitrepStoreWriteDone:
 * @owner: the object given to sitrep_store_submit()
 * @error: (nullable): why nothing was written, or %NULL
 * @data: the data given to sitrep_store_submit(), freed after this
 */
typedef void     (*SitrepStoreWriteDone) (GObject       *owner,
                                          const GError  *error,
                                          gpointer       data);

void             sitrep_store_submit               (SitrepStore          *self,
                                                    SitrepStoreWriteFunc  func,
                                                    gpointer              data,
                                                    GDestroyNotify        data_free,
                                                    GObject              *owner,
                                                    SitrepStoreWriteDone  done);
guint            sitrep_store_get_pending_writes   (SitrepStore          *self);
void             sitrep_store_wait_for_writes      (SitrepStore          *self);

/* Writing: each call is one transaction; on error nothing is written. */
gboolean         sitrep_store_create_incident      (SitrepStore      *self,
                                                    SitrepIncident   *incident,
                                                    const char       *author,
                                                    GError          **error);
gboolean         sitrep_store_transition           (SitrepStore      *self,
                                                    gint64            id,
                                                    SitrepTransition  transition,
                                                    gint64            at,
                                                    const char       *author,
                                                    const char       *comment,
                                                    const char       *transferred_to,
                                                    GError          **error);
gboolean         sitrep_store_set_level            (SitrepStore      *self,
                                                    gint64            id,
                                                    int               level,
                                                    gint64            at,
                                                    const char       *author,
                                                    const char       *comment,
                                                    GError          **error);
void             sitrep_store_expect_version       (SitrepStore      *self,
                                                    gint64            id,
                                                    gint64            version);
gboolean         sitrep_store_set_owner            (SitrepStore      *self,
                                                    gint64            id,
                                                    const char       *owner,
                                                    const char       *author,
                                                    GError          **error);
gboolean         sitrep_store_set_field            (SitrepStore      *self,
                                                    gint64            id,
                                                    const char       *field,
                                                    const char       *value,
                                                    const char       *author,
                                                    GError          **error);
gboolean         sitrep_store_resolve_with         (SitrepStore      *self,
                                                    gint64            id,
                                                    gint64            at,
                                                    const char       *author,
                                                    const char       *comment,
                                                    const char       *resolution,
                                                    const char       *cause_category,
                                                    const char       *root_cause,
                                                    GError          **error);
gboolean         sitrep_store_add_note             (SitrepStore      *self,
                                                    gint64            id,
                                                    gint64            occurred_at,
                                                    const char       *author,
                                                    SitrepTag         tag,
                                                    const char       *text,
                                                    GError          **error);
gboolean         sitrep_store_record_notice        (SitrepStore      *self,
                                                    gint64            id,
                                                    SitrepNoticeKind  kind,
                                                    gint64            sent_at,
                                                    const char       *author,
                                                    const char       *summary,
                                                    GError          **error);
gboolean         sitrep_store_add_complaint        (SitrepStore      *self,
                                                    gint64            id,
                                                    SitrepComplaint  *complaint,
                                                    const char       *author,
                                                    GError          **error);
gboolean         sitrep_store_set_policy           (SitrepStore      *self,
                                                    SitrepPolicy     *policy,
                                                    const char       *author,
                                                    GError          **error);
gboolean         sitrep_store_save_contact         (SitrepStore      *self,
                                                    SitrepContact    *contact,
                                                    GError          **error);
gboolean         sitrep_store_remove_contact       (SitrepStore      *self,
                                                    gint64            contact_id,
                                                    GError          **error);

/* Complaints, reports and the final report's team sections */

/* set_complaint_verdict: NOT_ATTRIBUTED needs a non-blank reason
 * (SITREP_LIFECYCLE_ERROR); writes a complaint entry (old → new verdict,
 * reason); emits incident-changed with COMPLAINTS | TIMELINE */
gboolean         sitrep_store_set_complaint_verdict (SitrepStore     *self,
                                                    gint64            complaint_id,
                                                    SitrepVerdict     verdict,
                                                    const char       *reason,
                                                    const char       *author,
                                                    GError          **error);
/* move_complaint: to the incident with key @to_key; both timelines
 * record it */
gboolean         sitrep_store_move_complaint       (SitrepStore      *self,
                                                    gint64            complaint_id,
                                                    const char       *to_key,
                                                    const char       *author,
                                                    GError          **error);
/* record_report: a report was sent, saved or printed: one report entry
 * holding its text; @how is "copied", "saved-pdf", "saved-markdown",
 * "printed" or "mailed" */
gboolean         sitrep_store_record_report        (SitrepStore      *self,
                                                    gint64            id,
                                                    SitrepReportKind  kind,
                                                    const char       *how,
                                                    const char       *text,
                                                    const char       *author,
                                                    GError          **error);
/* has_report: whether a report of @kind was recorded for the incident */
gboolean         sitrep_store_has_report           (SitrepStore      *self,
                                                    gint64            id,
                                                    SitrepReportKind  kind,
                                                    GError          **error);

/* One responding team's section of an incident's final report. */
typedef struct
{
  char   *team;
  char   *author;
  char   *text;
  gint64  updated_at;
} SitrepTeamSection;

void             sitrep_team_section_free          (SitrepTeamSection *section);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepTeamSection, sitrep_team_section_free)

/* set_team_section: replaces that team's text (recorded in the
 * timeline); list_team_sections: (element-type SitrepTeamSection) */
gboolean         sitrep_store_set_team_section     (SitrepStore      *self,
                                                    gint64            id,
                                                    const char       *team,
                                                    const char       *text,
                                                    const char       *author,
                                                    GError          **error);
GPtrArray       *sitrep_store_list_team_sections   (SitrepStore      *self,
                                                    gint64            id,
                                                    GError          **error);

/* compute_monthly: the monthly analysis of one month (a SitrepMonthly of
 * sitrep-report-monthly.h), on this store's connection: use a reader on a
 * worker thread */
SitrepMonthly   *sitrep_store_compute_monthly      (SitrepStore      *self,
                                                    int               year,
                                                    int               month,
                                                    gint64            now,
                                                    GError          **error);

/* Corrections (sitrep-store-corrections.c) */

/* correct_entry: a correction entry pointing at note @entry_id; the note
 * stays */
gboolean         sitrep_store_correct_entry        (SitrepStore      *self,
                                                    gint64            id,
                                                    gint64            entry_id,
                                                    const char       *text,
                                                    SitrepTag         tag,
                                                    const char       *author,
                                                    GError          **error);
/* change_report_times: fault began and reported, with a reason; the
 * deadlines follow */
gboolean         sitrep_store_change_report_times  (SitrepStore      *self,
                                                    gint64            id,
                                                    gint64            occurred_at,
                                                    gint64            reported_at,
                                                    const char       *reason,
                                                    const char       *author,
                                                    GError          **error);

/* Alerts (for the scheduler) */
gint64           sitrep_store_get_next_alert_at    (SitrepStore      *self);
GArray          *sitrep_store_list_alerting_ids    (SitrepStore      *self,
                                                    gint64            now,
                                                    GError          **error);
/* list_raised_alerts: a set of the incident's alert keys already raised
 * (char * → the same char *; test with g_hash_table_contains()). */
GHashTable      *sitrep_store_list_raised_alerts   (SitrepStore      *self,
                                                    gint64            id,
                                                    GError          **error);
gboolean         sitrep_store_record_alert         (SitrepStore      *self,
                                                    gint64            id,
                                                    const char       *alert_key,
                                                    gint64            due_at,
                                                    const char       *text,
                                                    GError          **error);

/* One alert to record with sitrep_store_record_alerts(). The strings are
 * the caller's and need only live during the call. */
typedef struct
{
  gint64      id;          /* the incident's row id */
  const char *alert_key;   /* the alert moment's key ("response-warning", …) */
  gint64      due_at;      /* the moment it fell due */
  const char *text;        /* what the alert said, for the timeline, or NULL */
} SitrepAlertRecord;

/* record_alerts: all of @records in one transaction, then one signal */
gboolean         sitrep_store_record_alerts        (SitrepStore             *self,
                                                    const SitrepAlertRecord *records,
                                                    guint                    n_records,
                                                    GError                 **error);
/* The deadline watch: when it last ran (SITREP_TIME_NONE: never), and
 * alerts it passes over because they fell due before it watched. */
gint64           sitrep_store_get_last_watched_at  (SitrepStore             *self,
                                                    GError                 **error);
gboolean         sitrep_store_set_last_watched_at  (SitrepStore             *self,
                                                    gint64                   at,
                                                    GError                 **error);
gboolean         sitrep_store_pass_over_alerts     (SitrepStore             *self,
                                                    const SitrepAlertRecord *records,
                                                    guint                    n_records,
                                                    GError                 **error);

/* Import: all calls between begin and commit are one transaction. */
gboolean         sitrep_store_import_begin         (SitrepStore      *self,
                                                    GError          **error);
gboolean         sitrep_store_import_policy        (SitrepStore      *self,
                                                    SitrepPolicy     *policy,
                                                    GError          **error);
gboolean         sitrep_store_import_contact       (SitrepStore      *self,
                                                    SitrepContact    *contact,
                                                    GError          **error);
gboolean         sitrep_store_import_incident      (SitrepStore      *self,
                                                    SitrepIncident   *incident,
                                                    GPtrArray        *timeline,
                                                    GPtrArray        *complaints,
                                                    gboolean          replace,
                                                    gboolean         *skipped,
                                                    GError          **error);
/* import_team_sections: replaces the team sections of the incident with
 * @key, imported in this import */
gboolean         sitrep_store_import_team_sections (SitrepStore      *self,
                                                    const char       *key,
                                                    GPtrArray        *sections,
                                                    GError          **error);
gboolean         sitrep_store_import_commit        (SitrepStore      *self,
                                                    GError          **error);
void             sitrep_store_import_rollback      (SitrepStore      *self);

/* Holds and functional escalation (sitrep-store-holds.c, -teams.c): each
 * writes one timeline entry; a hold or release emits STATUS | TIMELINE |
 * DEADLINES, a team change OWNER | TIMELINE */
gboolean         sitrep_store_put_on_hold          (SitrepStore      *self,
                                                    gint64            id,
                                                    gint64            at,
                                                    const char       *reason,
                                                    const char       *author,
                                                    GError          **error);
gboolean         sitrep_store_release_hold         (SitrepStore      *self,
                                                    gint64            id,
                                                    gint64            at,
                                                    const char       *author,
                                                    GError          **error);
/* assign_team: @team NULL or "" unassigns */
gboolean         sitrep_store_assign_team          (SitrepStore      *self,
                                                    gint64            id,
                                                    const char       *team,
                                                    gint64            at,
                                                    const char       *author,
                                                    const char       *comment,
                                                    GError          **error);
gboolean         sitrep_store_record_team_resolved (SitrepStore      *self,
                                                    gint64            id,
                                                    const char       *resolution,
                                                    gint64            at,
                                                    const char       *author,
                                                    GError          **error);
/* list_teams: (element-type utf8) the roster's teams, then the defaults */
GPtrArray       *sitrep_store_list_teams           (SitrepStore      *self,
                                                    GError          **error);
/* Links between incidents (sitrep-store-links.c). list_links: the links
 * that hold, both ways; list_made_links: those made in the incident,
 * removed ones too; list_children: (element-type gint64) the ids of a
 * major incident's children; import_links: within an import, after all
 * incidents */
gboolean         sitrep_store_add_link             (SitrepStore      *self,
                                                    gint64            id,
                                                    SitrepLinkKind    kind,
                                                    const char       *target_key,
                                                    gboolean          cancel,
                                                    const char       *author,
                                                    GError          **error);
gboolean         sitrep_store_remove_link          (SitrepStore      *self,
                                                    gint64            link_id,
                                                    const char       *author,
                                                    GError          **error);
GPtrArray       *sitrep_store_list_links           (SitrepStore      *self,
                                                    gint64            id,
                                                    GError          **error);
GPtrArray       *sitrep_store_list_made_links      (SitrepStore      *self,
                                                    gint64            id,
                                                    GError          **error);
GArray          *sitrep_store_list_children        (SitrepStore      *self,
                                                    gint64            id,
                                                    GError          **error);
gboolean         sitrep_store_import_links         (SitrepStore      *self,
                                                    const char       *key,
                                                    GPtrArray        *links,
                                                    guint            *index,
                                                    GError          **error);

G_END_DECLS
