/* sitrep-incident-view-private.h
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-communication-view.h"
#include "sitrep-drafts.h"
#include "sitrep-incident-view.h"
#include "sitrep-roster-picker.h"
#include "sitrep-timeline-view.h"

/*
 * The incident view is one object spread over several files, one per part
 * of the pane: sitrep-incident-view.c (the object, its template and
 * properties, and reading the incident), -header.c, -deadlines.c,
 * -fields.c, -composer.c and -actions.c. This header holds what they
 * share.
 */

G_BEGIN_DECLS

/* The parts of the pane, to redraw only those a change touches. */
typedef enum
{
  SITREP_INCIDENT_VIEW_PART_HEADER    = 1 << 0,
  SITREP_INCIDENT_VIEW_PART_DEADLINES = 1 << 1,
  SITREP_INCIDENT_VIEW_PART_FIELDS    = 1 << 2,
  SITREP_INCIDENT_VIEW_PART_TIMELINE  = 1 << 3,
  SITREP_INCIDENT_VIEW_PART_ALL       = 0xf,
} SitrepIncidentViewParts;

/* One action on the incident per entry of -actions.c's table. */
#define SITREP_INCIDENT_VIEW_N_ACTIONS 9
/* hold, release, assign to team, team resolved (-workflow.c) */
#define SITREP_INCIDENT_VIEW_N_WORKFLOW 4

/* A multi-line field with its own Save button. */
typedef struct
{
  const char  *field;
  const char  *title;
  GtkTextView *view;
  GtkWidget   *save_button;
  GtkWidget   *unsaved_label;   /* shown while the text differs from the stored */
  char        *stored;
  /* the value an edit starts from, and the incident's version it was
   * read at (0: not known, the next save is not checked) */
  char        *base;
  gint64       base_version;
} SitrepTextField;

enum {
  SITREP_TEXT_SYMPTOMS,
  SITREP_TEXT_DETAILS,
  SITREP_TEXT_ROOT_CAUSE,
  SITREP_TEXT_RESOLUTION,
  SITREP_N_TEXT_FIELDS
};

struct _SitrepIncidentView
{
  AdwBin               parent_instance;

  /* template */
  GtkStack            *stack;
  GtkSpinner          *reading_spinner;
  AdwStatusPage       *unreadable_page;
  AdwToastOverlay     *toast_overlay;
  GtkScrolledWindow   *scrolled_window;
  SitrepCommunicationView *communication_view;
  GtkLabel            *level_label;
  GtkLabel            *status_label;
  GtkLabel            *key_label;
  GtkLabel            *title_label;
  GtkLabel            *subtitle_label;
  GtkWidget           *next_deadline_box;
  GtkLabel            *next_deadline_label;
  GtkFlowBox          *actions_box;
  AdwPreferencesGroup *deadlines_group;
  AdwPreferencesGroup *fields_group;
  AdwEntryRow         *title_row;
  AdwEntryRow         *service_row;
  AdwEntryRow         *owner_row;
  GtkWidget           *roster_button;
  SitrepRosterPicker  *roster_picker;
  AdwEntryRow         *reporter_name_row;
  AdwEntryRow         *reporter_contact_row;
  AdwComboRow         *channel_row;
  AdwComboRow         *cause_row;
  AdwActionRow        *occurred_row;
  AdwActionRow        *reported_row;
  AdwActionRow        *transferred_row;
  GtkBox              *text_fields_box;
  SitrepTimelineView  *timeline_view;
  GtkWidget           *complaints_view;
  GtkWidget           *links_view;
  GtkWidget           *final_report_editor;
  GtkWidget           *composer;
  GtkTextView         *composer_view;
  GtkWidget           *composer_hint;
  GtkDropDown         *tag_dropdown;
  GtkEntry            *composer_time_entry;
  GtkWidget           *add_button;
  GtkLabel            *composer_error_label;

  GtkWidget           *action_buttons[SITREP_INCIDENT_VIEW_N_ACTIONS];
  GtkWidget           *workflow_buttons[SITREP_INCIDENT_VIEW_N_WORKFLOW];
  GtkWidget           *hold_label;      /* "On hold since 14:02 — …" */
  GtkWidget           *team_label;      /* "Assigned to Network group" */
  AdwPreferencesRow   *deadline_rows[SITREP_N_DEADLINES];
  GtkLabel            *deadline_titles[SITREP_N_DEADLINES];
  GtkLabel            *deadline_subtitles[SITREP_N_DEADLINES];
  GtkLabel            *deadline_states[SITREP_N_DEADLINES];
  SitrepTextField      text_fields[SITREP_N_TEXT_FIELDS];
  GListStore          *shortcuts;

  SitrepContext       *context;
  SitrepStore         *store;           /* the context's */
  GBinding            *read_only_binding;
  gulong               incident_changed_id;
  gulong               changed_id;
  gboolean             read_only;

  /* What is shown, as last read: a tick redraws it without reading. */
  gint64               incident_id;
  SitrepIncident      *incident;
  GPtrArray           *timeline;
  SitrepPolicy        *policy;
  GCancellable        *read_cancellable; /* reads of the incident on show */
  guint                n_reading;        /* of them, those on their way */
  guint                tick_id;
  gboolean             refreshing;

  /* An incident to show once the window has painted a frame. */
  gint64               pending_id;
  GdkFrameClock       *frame_clock;
  gulong               after_paint_id;
  guint                fill_id;

  /* Unfinished text of this desk, per incident (-composer.c) */
  GtkWidget           *discard_button;
  GtkLabel            *draft_label;
  SitrepDrafts        *drafts;
  SitrepStore         *drafts_store;    /* the store @drafts was made for; not a ref */
  guint                draft_save_id;
  /* the incidents of the notes on their way to the store (a team
   * database's writes run on the store's own thread) */
  GArray              *notes_sending;
  GtkWidget           *edit_times_button;
};

/* Called once the incident on show was read again and shown. */
typedef void (*SitrepIncidentViewReadThen) (SitrepIncidentView *self,
                                            gpointer            data);

/* sitrep-incident-view.c */
void      _sitrep_incident_view_reload            (SitrepIncidentView  *self,
                                                   guint                changes,
                                                   gboolean             reset_edits);
void      _sitrep_incident_view_reload_then       (SitrepIncidentView  *self,
                                                   guint                changes,
                                                   gboolean             reset_edits,
                                                   SitrepIncidentViewReadThen then,
                                                   gpointer             then_data,
                                                   GDestroyNotify       then_data_free);
void      _sitrep_incident_view_redraw            (SitrepIncidentView  *self,
                                                   guint                parts,
                                                   gboolean             reset_edits);
gint64    _sitrep_incident_view_get_now           (SitrepIncidentView  *self);
const char *_sitrep_incident_view_get_author      (SitrepIncidentView  *self);
void      _sitrep_incident_view_show_toast        (SitrepIncidentView  *self,
                                                   const char          *message);
void      _sitrep_incident_view_show_store_error  (SitrepIncidentView  *self,
                                                   const char          *what,
                                                   const GError        *error);
gboolean  _sitrep_incident_view_check_writable    (SitrepIncidentView  *self,
                                                   GError             **error);
char     *_sitrep_incident_view_dup_text          (GtkTextView         *view);
void      _sitrep_incident_view_hide_decorations  (GtkWidget           *widget);

/* sitrep-incident-view-header.c */
const char *_sitrep_incident_view_state_style     (SitrepDeadlineState  state);
void      _sitrep_incident_view_set_state_class   (GtkWidget           *widget,
                                                   const char          *style);
void      _sitrep_incident_view_header_refresh    (SitrepIncidentView  *self,
                                                   gint64               now);

/* sitrep-incident-view-deadlines.c */
void      _sitrep_incident_view_deadlines_init    (SitrepIncidentView  *self);
void      _sitrep_incident_view_deadlines_refresh (SitrepIncidentView  *self,
                                                   gint64               now);
void      _sitrep_incident_view_schedule_tick     (SitrepIncidentView  *self);

/* sitrep-incident-view-fields.c */
void      _sitrep_incident_view_fields_class_init (GtkWidgetClass      *widget_class);
void      _sitrep_incident_view_fields_init       (SitrepIncidentView  *self);
void      _sitrep_incident_view_fields_refresh    (SitrepIncidentView  *self,
                                                   gboolean             reset_edits);
void      _sitrep_incident_view_fields_set_editable (SitrepIncidentView *self,
                                                   gboolean             editable);
void      _sitrep_incident_view_fields_keep_drafts (SitrepIncidentView *self);
void      _sitrep_incident_view_fields_finalize   (SitrepIncidentView  *self);

/* sitrep-incident-view-composer.c */
void      _sitrep_incident_view_composer_class_init (GtkWidgetClass    *widget_class);
void      _sitrep_incident_view_composer_init     (SitrepIncidentView  *self);
void      _sitrep_incident_view_composer_update   (SitrepIncidentView  *self);
SitrepDrafts *_sitrep_incident_view_get_drafts    (SitrepIncidentView  *self);
void      _sitrep_incident_view_keep_drafts       (SitrepIncidentView  *self);
void      _sitrep_incident_view_composer_restore  (SitrepIncidentView  *self);
void      _sitrep_incident_view_composer_dispose  (SitrepIncidentView  *self);

/* sitrep-incident-view-corrections.c */
void      _sitrep_incident_view_corrections_class_init (GtkWidgetClass *widget_class);

/* sitrep-incident-view-reports.c */
void      _sitrep_incident_view_reports_class_init (GtkWidgetClass     *widget_class);
void      _sitrep_incident_view_reports_init      (SitrepIncidentView  *self);
void      _sitrep_incident_view_reports_update    (SitrepIncidentView  *self);

/* sitrep-incident-view-actions.c */
void      _sitrep_incident_view_actions_class_init (GtkWidgetClass     *widget_class);
void      _sitrep_incident_view_actions_init      (SitrepIncidentView  *self);
void      _sitrep_incident_view_actions_update    (SitrepIncidentView  *self);

/* sitrep-incident-view-workflow.c */
void      _sitrep_incident_view_workflow_class_init (GtkWidgetClass    *widget_class);
void      _sitrep_incident_view_workflow_init     (SitrepIncidentView  *self);
void      _sitrep_incident_view_workflow_update   (SitrepIncidentView  *self);

G_END_DECLS
