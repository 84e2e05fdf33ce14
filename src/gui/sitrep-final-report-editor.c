/* sitrep-final-report-editor.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "sitrep-final-report-editor.h"
#include "sitrep-accessible.h"
#include "sitrep-time.h"

/*
 * The part of the incident view where the final report's own fields are
 * written: impact (and, optionally, how many users, customers or orders it
 * touched), corrective actions, lessons learned, and one section per
 * responding team. The technical team and the web team always have a
 * section, even while empty, because the workflow expects both; any other
 * team can be added by name.
 *
 * Edits are kept in the widgets until saved (the button, Enter in a
 * one-line field, Ctrl+Enter anywhere), and a change arriving from the
 * store never overwrites what the user is still typing: a widget is only
 * refreshed when it still shows the last saved value.
 */

typedef struct
{
  char        *team;
  char        *saved;   /* the text as stored, "" when none */
  GtkWidget   *box;     /* the section: heading, meta and text */
  GtkTextView *view;
  GtkLabel    *meta;    /* who wrote it and when */
} TeamEditor;

struct _SitrepFinalReportEditor
{
  AdwBin       parent_instance;

  AdwEntryRow *impact_row;
  AdwEntryRow *affected_row;
  GtkTextView *corrective_view;
  GtkTextView *lessons_view;
  GtkBox      *teams_box;
  AdwEntryRow *new_team_row;
  GtkLabel    *error_label;
  GtkWidget   *save_button;

  SitrepContext *context;
  SitrepStore *store;        /* the context's */
  GCancellable *cancellable; /* the reads on their way */
  gint64       incident_id;
  gboolean     read_only;
  char        *user_name;

  /* The values last read from the store, to tell edits from updates. */
  char        *saved_impact;
  char        *saved_affected;
  char        *saved_corrective;
  char        *saved_lessons;
  GPtrArray   *teams;      /* TeamEditor, in the order shown */

  /* The values the user's edits started from, and the incident's version
   * they were read at: a save is checked against them, so that someone
   * else's change that came meanwhile is not overwritten unseen. */
  char        *base_impact;
  char        *base_affected;
  char        *base_corrective;
  char        *base_lessons;
  gint64       base_version;

  /* a save handed to the store and not answered yet, and the refusal of
   * the last one */
  gboolean     saving;
  GError      *save_error;
};

G_DEFINE_FINAL_TYPE (SitrepFinalReportEditor, sitrep_final_report_editor, ADW_TYPE_BIN)

static void
team_editor_free (gpointer data)
{
  TeamEditor *editor = data;

  g_free (editor->team);
  g_free (editor->saved);
  g_free (editor);
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* Puts @value into the entry unless the user has changed it since
 * @saved was read, then remembers @value as saved. */
/* A widget the user is not editing shows @value, which is then where an
 * edit starts from (@base, when given). */
static void
refresh_entry (AdwEntryRow  *row,
               char        **saved,
               char        **base,
               const char   *value)
{
  if (g_strcmp0 (entry_text (row), *saved != NULL ? *saved : "") == 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (row), value);
      g_free (*base);
      *base = g_strdup (value);
    }
  g_free (*saved);
  *saved = g_strdup (value);
}

static void
refresh_view (GtkTextView  *view,
              char        **saved,
              char        **base,
              const char   *value)
{
  g_autofree char *text = buffer_text (view);

  if (g_strcmp0 (text, *saved != NULL ? *saved : "") == 0)
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), value, -1);
      if (base != NULL)
        {
          g_free (*base);
          *base = g_strdup (value);
        }
    }
  g_free (*saved);
  *saved = g_strdup (value);
}

/* The number affected as the editor shows it: digits, or "" for none. */
static char *
format_affected (SitrepIncident *incident)
{
  gint64 count = sitrep_incident_get_affected_count (incident);

  return count >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, count) : g_strdup ("");
}

static void
update_sensitivity (SitrepFinalReportEditor *self)
{
  gboolean editable = self->store != NULL && self->incident_id > 0 && !self->read_only;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "final-report.save",
                                 editable && !self->saving);
  gtk_editable_set_editable (GTK_EDITABLE (self->impact_row), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->affected_row), editable);
  gtk_text_view_set_editable (self->corrective_view, editable);
  gtk_text_view_set_editable (self->lessons_view, editable);
  gtk_widget_set_visible (GTK_WIDGET (self->new_team_row), editable);
  for (guint i = 0; i < self->teams->len; i++)
    gtk_text_view_set_editable (((TeamEditor *) g_ptr_array_index (self->teams, i))->view,
                                editable);
}

static void
show_error (SitrepFinalReportEditor *self,
            const char              *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
edited_cb (SitrepFinalReportEditor *self)
{
  show_error (self, NULL);
}

static TeamEditor *
find_team (SitrepFinalReportEditor *self,
           const char              *team)
{
  for (guint i = 0; i < self->teams->len; i++)
    {
      TeamEditor *editor = g_ptr_array_index (self->teams, i);

      if (g_utf8_collate (editor->team, team) == 0)
        return editor;
    }
  return NULL;
}

static TeamEditor *
add_team_editor (SitrepFinalReportEditor *self,
                 const char              *team)
{
  TeamEditor *editor = g_new0 (TeamEditor, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (team);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *meta = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_set_visible (meta, FALSE);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_widget_set_size_request (view, -1, 72);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  /* Named after its team directly: a relation set on a widget built in
   * code does not reach every screen reader. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, team,
                                  -1);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                           G_CALLBACK (edited_cb), self, G_CONNECT_SWAPPED);

  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (self->teams_box, box);

  editor->team = g_strdup (team);
  editor->saved = g_strdup ("");
  editor->box = box;
  editor->view = GTK_TEXT_VIEW (view);
  editor->meta = GTK_LABEL (meta);
  g_ptr_array_add (self->teams, editor);
  return editor;
}

/* The sections every final report has, in the order shown. */
#define N_DEFAULT_TEAMS 2

/* Leaves the two sections every report has, empty. They are kept rather
 * than built again: showing another incident then builds no widgets
 * here (two text views cost about 2 ms). */
static void
clear_teams (SitrepFinalReportEditor *self)
{
  while (self->teams->len > N_DEFAULT_TEAMS)
    {
      TeamEditor *editor = g_ptr_array_index (self->teams, self->teams->len - 1);

      gtk_box_remove (self->teams_box, editor->box);
      g_ptr_array_set_size (self->teams, self->teams->len - 1);
    }

  if (self->teams->len == 0)
    {
      add_team_editor (self, _("Technical team"));
      add_team_editor (self, _("Web team"));
    }

  for (guint i = 0; i < self->teams->len; i++)
    {
      TeamEditor *editor = g_ptr_array_index (self->teams, i);

      g_free (editor->saved);
      editor->saved = g_strdup ("");
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (editor->view), "", -1);
      gtk_label_set_label (editor->meta, "");
      gtk_widget_set_visible (GTK_WIDGET (editor->meta), FALSE);
    }
}

/* What the editor reads of an incident: the incident itself unless the
 * context has just read it, and its team sections. */
typedef struct
{
  gint64    id;
  gboolean  with_incident;
} ReportJob;

typedef struct
{
  SitrepIncident *incident;
  GPtrArray      *sections;   /* SitrepTeamSection */
} ReportRead;

static void
report_read_free (gpointer data)
{
  ReportRead *read = data;

  g_clear_object (&read->incident);
  g_clear_pointer (&read->sections, g_ptr_array_unref);
  g_free (read);
}

static gpointer
read_report_func (SitrepStore   *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  ReportJob *job = data;
  g_autoptr(SitrepIncident) incident = NULL;
  ReportRead *read;

  if (job->with_incident)
    {
      incident = sitrep_store_get_incident (store, job->id, error);
      if (incident == NULL)
        return NULL;
    }

  read = g_new0 (ReportRead, 1);
  read->incident = g_steal_pointer (&incident);
  read->sections = sitrep_store_list_team_sections (store, job->id, error);
  if (read->sections == NULL)
    {
      report_read_free (read);
      return NULL;
    }

  return read;
}

static void
show_fields (SitrepFinalReportEditor *self,
             SitrepIncident          *incident)
{
  g_autofree char *affected = format_affected (incident);

  /* an edit under way keeps its base and the version it was read at */
  if (!sitrep_final_report_editor_get_changed (self))
    self->base_version = sitrep_incident_get_version (incident);
  refresh_entry (self->impact_row, &self->saved_impact, &self->base_impact,
                 sitrep_incident_get_impact (incident) != NULL
                 ? sitrep_incident_get_impact (incident) : "");
  refresh_entry (self->affected_row, &self->saved_affected, &self->base_affected, affected);
  refresh_view (self->corrective_view, &self->saved_corrective, &self->base_corrective,
                sitrep_incident_get_corrective_actions (incident) != NULL
                ? sitrep_incident_get_corrective_actions (incident) : "");
  refresh_view (self->lessons_view, &self->saved_lessons, &self->base_lessons,
                sitrep_incident_get_lessons_learned (incident) != NULL
                ? sitrep_incident_get_lessons_learned (incident) : "");
  update_sensitivity (self);
}

static void
show_sections (SitrepFinalReportEditor *self,
               GPtrArray               *sections)
{
  for (guint i = 0; i < sections->len; i++)
    {
      SitrepTeamSection *section = g_ptr_array_index (sections, i);
      TeamEditor *editor = find_team (self, section->team);
      g_autofree char *when = sitrep_time_format_local (section->updated_at);
      g_autofree char *meta = NULL;

      if (editor == NULL)
        editor = add_team_editor (self, section->team);

      refresh_view (editor->view, &editor->saved, NULL,
                    section->text != NULL ? section->text : "");
      /* Translators: who last wrote a team's section of the final report, and when */
      meta = g_strdup_printf (_("Written by %s, %s"),
                              section->author != NULL && *section->author != '\0'
                              ? section->author : _("someone"),
                              when);
      gtk_label_set_label (editor->meta, meta);
      gtk_widget_set_visible (GTK_WIDGET (editor->meta), TRUE);
    }

  update_sensitivity (self);
}

static void
report_read_cb (gpointer      result,
                const GError *error,
                gpointer      user_data)
{
  SitrepFinalReportEditor *self = user_data;
  ReportRead *read = result;

  /* A team database that went away keeps the report as last read. */
  if (read == NULL)
    {
      if (!g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_UNREACHABLE))
        g_warning ("Could not read the final report of incident %" G_GINT64_FORMAT ": %s",
                   self->incident_id, error->message);
      return;
    }

  if (read->incident != NULL)
    show_fields (self, read->incident);
  show_sections (self, read->sections);
}

static void
cancel_reads (SitrepFinalReportEditor *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/* Reads the team sections, and the incident too unless @with_incident is
 * FALSE: at once from a desk's file, on the worker from a team database. */
static void
read_report (SitrepFinalReportEditor *self,
             gboolean                 with_incident)
{
  ReportJob *job;

  if (self->store == NULL || self->incident_id <= 0)
    return;

  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  job = g_new0 (ReportJob, 1);
  job->id = self->incident_id;
  job->with_incident = with_incident;
  sitrep_context_read (self->context, read_report_func, job, g_free, report_read_free,
                       self->cancellable, report_read_cb, self, NULL);
}

static void
reset (SitrepFinalReportEditor *self)
{
  /* Another incident: nothing typed for the previous one carries over. */
  g_clear_pointer (&self->saved_impact, g_free);
  g_clear_pointer (&self->saved_affected, g_free);
  g_clear_pointer (&self->saved_corrective, g_free);
  g_clear_pointer (&self->saved_lessons, g_free);
  g_clear_pointer (&self->base_impact, g_free);
  g_clear_pointer (&self->base_affected, g_free);
  g_clear_pointer (&self->base_corrective, g_free);
  g_clear_pointer (&self->base_lessons, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->impact_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->affected_row), "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->corrective_view), "", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->lessons_view), "", -1);
  clear_teams (self);
  show_error (self, NULL);
  cancel_reads (self);
  read_report (self, TRUE);
  update_sensitivity (self);
}

/* The context has read the changed incident once for every view: the
 * fields are taken from there, and only the team sections are read, when
 * the timeline says they may have changed (each is written with an
 * entry). */
static void
incident_changed_cb (SitrepContext           *context,
                     gint64                   id,
                     guint                    changes,
                     SitrepIncident          *incident,
                     SitrepFinalReportEditor *self)
{
  if (id != self->incident_id
      || (changes & (SITREP_CHANGE_FIELDS | SITREP_CHANGE_TIMELINE | SITREP_CHANGE_CREATED)) == 0)
    return;

  if (incident == NULL)
    {
      read_report (self, TRUE);
      return;
    }

  show_fields (self, incident);
  if ((changes & (SITREP_CHANGE_TIMELINE | SITREP_CHANGE_CREATED)) != 0)
    read_report (self, FALSE);
}

static const char *
get_author (SitrepFinalReportEditor *self)
{
  return self->user_name != NULL && *self->user_name != '\0' ? self->user_name : NULL;
}

/* What @field of @incident holds, as the editor shows it. */
static char *
dup_field_text (SitrepIncident *incident,
                const char     *field)
{
  g_autofree char *property = g_strdelimit (g_strdup (field), "_", '-');
  char *value = NULL;

  if (g_str_equal (field, "affected_count"))
    return format_affected (incident);

  g_object_get (incident, property, &value, NULL);
  return value != NULL ? value : g_strdup ("");
}

/* One field of a save, and, when someone else changed it meanwhile, what
 * is stored now: the new start of the user's edit. */
typedef struct
{
  const char *name;
  char       *text;
  char       *base;
  char       *moved_base;
} FieldSave;

/* The editor's save, on the store's terms (on a team database, on its
 * writing thread). */
typedef struct
{
  gint64     id;
  gint64     base_version;
  char      *author;
  FieldSave  fields[4];
  GPtrArray *teams;         /* the names of the sections edited */
  GPtrArray *team_texts;    /* and their texts */
} ReportSave;

static void
report_save_free (gpointer data)
{
  ReportSave *save = data;

  for (guint i = 0; i < G_N_ELEMENTS (save->fields); i++)
    {
      g_free (save->fields[i].text);
      g_free (save->fields[i].base);
      g_free (save->fields[i].moved_base);
    }
  g_clear_pointer (&save->teams, g_ptr_array_unref);
  g_clear_pointer (&save->team_texts, g_ptr_array_unref);
  g_free (save->author);
  g_free (save);
}

/* Saves @field unless the user left it as it was (its base). Checked
 * against the version the edit started from; when that is old only
 * because another field changed (or this save wrote one just before),
 * the field itself still holding its base is what counts. A field
 * someone else changed meanwhile is not saved: its new base is what is
 * stored now, so that saving again replaces it on purpose. */
static gboolean
store_field (SitrepStore  *store,
             ReportSave   *save,
             FieldSave    *field,
             GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SitrepIncident) current = NULL;
  g_autofree char *stored = NULL;
  const char *base = field->base != NULL ? field->base : "";

  if (g_strcmp0 (field->text, base) == 0)
    return TRUE;

  sitrep_store_expect_version (store, save->id, save->base_version);
  if (sitrep_store_set_field (store, save->id, field->name, field->text, save->author,
                              &local_error))
    return TRUE;

  if (!g_error_matches (local_error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_STALE))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  current = sitrep_store_get_incident (store, save->id, error);
  if (current == NULL)
    return FALSE;
  stored = dup_field_text (current, field->name);

  if (g_strcmp0 (stored, base) != 0)
    {
      field->moved_base = g_steal_pointer (&stored);
      /* Translators: "INC-7 was changed meanwhile by …. Save again to …" */
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_STALE,
                   _("%s. Save again to replace it with your text."), local_error->message);
      return FALSE;
    }

  sitrep_store_expect_version (store, save->id, sitrep_incident_get_version (current));
  return sitrep_store_set_field (store, save->id, field->name, field->text, save->author, error);
}

/* Every field and team section edited, one store call each (each is
 * recorded in the timeline); the first refusal stops the rest. */
static gboolean
write_report_save (SitrepStore  *store,
                   gpointer      data,
                   GError      **error)
{
  ReportSave *save = data;

  for (guint i = 0; i < G_N_ELEMENTS (save->fields); i++)
    if (!store_field (store, save, &save->fields[i], error))
      return FALSE;

  for (guint i = 0; i < save->teams->len; i++)
    if (!sitrep_store_set_team_section (store, save->id, g_ptr_array_index (save->teams, i),
                                        g_ptr_array_index (save->team_texts, i), save->author,
                                        error))
      return FALSE;

  return TRUE;
}

static char **
field_base (SitrepFinalReportEditor *self,
            guint                    index)
{
  char **bases[] = { &self->base_impact, &self->base_affected, &self->base_corrective,
                     &self->base_lessons };

  return bases[index];
}

static void
report_saved_cb (GObject      *owner,
                 const GError *error,
                 gpointer      data)
{
  SitrepFinalReportEditor *self = SITREP_FINAL_REPORT_EDITOR (owner);
  ReportSave *save = data;

  self->saving = FALSE;
  update_sensitivity (self);

  /* what someone else saved meanwhile is the start of the next edit */
  for (guint i = 0; i < G_N_ELEMENTS (save->fields); i++)
    if (save->fields[i].moved_base != NULL && save->id == self->incident_id)
      {
        g_free (*field_base (self, i));
        *field_base (self, i) = g_strdup (save->fields[i].moved_base);
      }

  g_clear_error (&self->save_error);
  if (error != NULL)
    self->save_error = g_error_copy (error);
  show_error (self, error != NULL ? error->message : NULL);
}

static void
fill_field (FieldSave  *field,
            const char *name,
            const char *text,
            const char *base)
{
  field->name = name;
  field->text = g_strdup (text);
  field->base = g_strdup (base);
}

static void
save_activated_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SitrepFinalReportEditor *self = SITREP_FINAL_REPORT_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!sitrep_final_report_editor_save (self, &error))
    show_error (self, error->message);
}

static void
entry_activated_cb (SitrepFinalReportEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "final-report.save", NULL);
}

static void
new_team_applied_cb (SitrepFinalReportEditor *self)
{
  g_autofree char *team = g_strstrip (g_strdup (entry_text (self->new_team_row)));

  if (*team == '\0')
    return;
  sitrep_final_report_editor_add_team (self, team);
  gtk_editable_set_text (GTK_EDITABLE (self->new_team_row), "");
}

static void
sitrep_final_report_editor_dispose (GObject *object)
{
  SitrepFinalReportEditor *self = (SitrepFinalReportEditor *)object;

  sitrep_final_report_editor_set_context (self, NULL);
  /* The template's child is AdwBin's, which unparents it itself. */

  G_OBJECT_CLASS (sitrep_final_report_editor_parent_class)->dispose (object);
}

static void
sitrep_final_report_editor_finalize (GObject *object)
{
  SitrepFinalReportEditor *self = (SitrepFinalReportEditor *)object;

  g_clear_pointer (&self->teams, g_ptr_array_unref);
  g_clear_pointer (&self->user_name, g_free);
  g_clear_error (&self->save_error);
  g_clear_pointer (&self->saved_impact, g_free);
  g_clear_pointer (&self->saved_affected, g_free);
  g_clear_pointer (&self->saved_corrective, g_free);
  g_clear_pointer (&self->saved_lessons, g_free);

  G_OBJECT_CLASS (sitrep_final_report_editor_parent_class)->finalize (object);
}

static void
sitrep_final_report_editor_class_init (SitrepFinalReportEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_final_report_editor_dispose;
  object_class->finalize = sitrep_final_report_editor_finalize;

  gtk_widget_class_install_action (widget_class, "final-report.save", NULL, save_activated_cb);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/ui/"
                                               "sitrep-final-report-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepFinalReportEditor, impact_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepFinalReportEditor, affected_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepFinalReportEditor, corrective_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepFinalReportEditor, lessons_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepFinalReportEditor, teams_box);
  gtk_widget_class_bind_template_child (widget_class, SitrepFinalReportEditor, new_team_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepFinalReportEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepFinalReportEditor, save_button);
  gtk_widget_class_bind_template_callback (widget_class, edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_team_applied_cb);
}

static void
sitrep_final_report_editor_init (SitrepFinalReportEditor *self)
{
  GtkEventController *controller;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));
  sitrep_accessible_name_mnemonic_buttons (GTK_WIDGET (self));
  self->teams = g_ptr_array_new_with_free_func (team_editor_free);

  g_signal_connect_object (gtk_text_view_get_buffer (self->corrective_view), "changed",
                           G_CALLBACK (edited_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->lessons_view), "changed",
                           G_CALLBACK (edited_cb), self, G_CONNECT_SWAPPED);

  /* Ctrl+Enter saves from inside a text view too, where plain Enter starts
   * a new line: the capture phase sees it before the text view does. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return"),
                               gtk_named_action_new ("final-report.save"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  clear_teams (self);
  update_sensitivity (self);
}

/**
 * sitrep_final_report_editor_new:
 *
 * Creates an empty final-report editor; give it a store and an incident.
 *
 * Returns: (transfer floating): a new #SitrepFinalReportEditor
 */
GtkWidget *
sitrep_final_report_editor_new (void)
{
  return g_object_new (SITREP_TYPE_FINAL_REPORT_EDITOR, NULL);
}

/**
 * sitrep_final_report_editor_set_context:
 * @self: a #SitrepFinalReportEditor
 * @context: (nullable): the context, whose store the report is read from
 *   and written to
 *
 * Sets the context; the editor follows its store's changes.
 */
void
sitrep_final_report_editor_set_context (SitrepFinalReportEditor *self,
                                        SitrepContext           *context)
{
  SitrepStore *store;

  g_return_if_fail (SITREP_IS_FINAL_REPORT_EDITOR (self));
  g_return_if_fail (context == NULL || SITREP_IS_CONTEXT (context));

  if (self->context == context)
    return;

  cancel_reads (self);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->store);
  g_set_object (&self->context, context);
  store = context != NULL ? sitrep_context_get_store (context) : NULL;
  if (store != NULL)
    {
      self->store = g_object_ref (store);
      g_signal_connect_object (context, "incident-changed", G_CALLBACK (incident_changed_cb),
                               self, 0);
    }
  reset (self);
}

/**
 * sitrep_final_report_editor_set_incident_id:
 * @self: a #SitrepFinalReportEditor
 * @incident_id: the row id of the incident, or 0 for none
 *
 * Shows the final report fields of another incident; unsaved edits of the
 * previous one are dropped (the incident view saves them before it
 * switches).
 */
void
sitrep_final_report_editor_set_incident_id (SitrepFinalReportEditor *self,
                                            gint64                   incident_id)
{
  g_return_if_fail (SITREP_IS_FINAL_REPORT_EDITOR (self));

  if (self->incident_id == incident_id)
    return;
  self->incident_id = incident_id;
  reset (self);
}

/**
 * sitrep_final_report_editor_get_incident_id:
 * @self: a #SitrepFinalReportEditor
 *
 * Returns: the row id of the incident whose final report is edited, or 0
 */
gint64
sitrep_final_report_editor_get_incident_id (SitrepFinalReportEditor *self)
{
  g_return_val_if_fail (SITREP_IS_FINAL_REPORT_EDITOR (self), 0);

  return self->incident_id;
}

/**
 * sitrep_final_report_editor_set_read_only:
 * @self: a #SitrepFinalReportEditor
 * @read_only: %TRUE for a user who may only view
 *
 * Makes every field read-only and disables saving when @read_only is set.
 */
void
sitrep_final_report_editor_set_read_only (SitrepFinalReportEditor *self,
                                          gboolean                 read_only)
{
  g_return_if_fail (SITREP_IS_FINAL_REPORT_EDITOR (self));

  self->read_only = !!read_only;
  update_sensitivity (self);
}

/**
 * sitrep_final_report_editor_set_user_name:
 * @self: a #SitrepFinalReportEditor
 * @user_name: (nullable): the author recorded for changes made here
 *
 * Sets who the timeline names for changes saved here.
 */
void
sitrep_final_report_editor_set_user_name (SitrepFinalReportEditor *self,
                                          const char              *user_name)
{
  g_return_if_fail (SITREP_IS_FINAL_REPORT_EDITOR (self));

  g_free (self->user_name);
  self->user_name = g_strdup (user_name);
}

/**
 * sitrep_final_report_editor_get_changed:
 * @self: a #SitrepFinalReportEditor
 *
 * Returns: %TRUE if anything was edited and not saved yet
 */
gboolean
sitrep_final_report_editor_get_changed (SitrepFinalReportEditor *self)
{
  g_autofree char *corrective = NULL;
  g_autofree char *lessons = NULL;

  g_return_val_if_fail (SITREP_IS_FINAL_REPORT_EDITOR (self), FALSE);

  corrective = buffer_text (self->corrective_view);
  lessons = buffer_text (self->lessons_view);
  if (g_strcmp0 (entry_text (self->impact_row), self->saved_impact ? self->saved_impact : "") != 0
      || g_strcmp0 (entry_text (self->affected_row),
                    self->saved_affected ? self->saved_affected : "") != 0
      || g_strcmp0 (corrective, self->saved_corrective ? self->saved_corrective : "") != 0
      || g_strcmp0 (lessons, self->saved_lessons ? self->saved_lessons : "") != 0)
    return TRUE;

  for (guint i = 0; i < self->teams->len; i++)
    {
      TeamEditor *editor = g_ptr_array_index (self->teams, i);
      g_autofree char *text = buffer_text (editor->view);

      if (g_strcmp0 (text, editor->saved) != 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * sitrep_final_report_editor_save:
 * @self: a #SitrepFinalReportEditor
 * @error: return location for a #GError
 *
 * Writes every field and team section that was edited, one store call
 * each (each is recorded in the timeline). The affected count must be a
 * whole number of zero or more, or empty; otherwise nothing is written and
 * %SITREP_LIFECYCLE_ERROR_INVALID_VALUE is returned. On a store failure the
 * fields saved before it stay saved and the rest stay edited.
 *
 * Returns: %TRUE if everything edited was saved
 */
gboolean
sitrep_final_report_editor_save (SitrepFinalReportEditor  *self,
                                 GError                  **error)
{
  g_autofree char *affected = NULL;
  g_autofree char *corrective = NULL;
  g_autofree char *lessons = NULL;
  ReportSave *save;
  const char *digits;

  g_return_val_if_fail (SITREP_IS_FINAL_REPORT_EDITOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->store == NULL || self->incident_id <= 0 || self->read_only)
    {
      g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_READ_ONLY_ROLE,
                           _("The final report cannot be changed here."));
      return FALSE;
    }
  if (self->saving)
    {
      g_set_error_literal (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                           _("The final report is being saved."));
      return FALSE;
    }

  affected = g_strstrip (g_strdup (entry_text (self->affected_row)));
  for (digits = affected; *digits != '\0'; digits++)
    if (!g_ascii_isdigit (*digits))
      break;
  if (*digits != '\0' || (affected[0] != '\0' && strtoll (affected, NULL, 10) >= G_MAXINT64 / 2))
    {
      g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                           _("The number of affected users, customers or orders must be a "
                             "whole number, or left empty."));
      return FALSE;
    }

  /* Read everything first: each save notifies, and a refresh must not
   * see half-saved widgets as the user's edits. */
  corrective = buffer_text (self->corrective_view);
  lessons = buffer_text (self->lessons_view);
  save = g_new0 (ReportSave, 1);
  save->id = self->incident_id;
  save->base_version = self->base_version;
  save->author = g_strdup (get_author (self));
  fill_field (&save->fields[0], "impact", entry_text (self->impact_row), self->base_impact);
  fill_field (&save->fields[1], "affected_count", affected, self->base_affected);
  fill_field (&save->fields[2], "corrective_actions", corrective, self->base_corrective);
  fill_field (&save->fields[3], "lessons_learned", lessons, self->base_lessons);
  save->teams = g_ptr_array_new_with_free_func (g_free);
  save->team_texts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->teams->len; i++)
    {
      TeamEditor *editor = g_ptr_array_index (self->teams, i);
      char *text = buffer_text (editor->view);

      if (g_strcmp0 (text, editor->saved) == 0)
        {
          g_free (text);
          continue;
        }
      g_ptr_array_add (save->teams, g_strdup (editor->team));
      g_ptr_array_add (save->team_texts, text);
    }

  /* A desk's file answers before sitrep_store_submit() returns: its
   * refusal is this call's. A team database answers later, in the
   * editor. */
  g_clear_error (&self->save_error);
  self->saving = TRUE;
  update_sensitivity (self);
  sitrep_store_submit (self->store, write_report_save, save, report_save_free,
                       G_OBJECT (self), report_saved_cb);
  if (!self->saving && self->save_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->save_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_final_report_editor_get_team_buffer:
 * @self: a #SitrepFinalReportEditor
 * @team: a team's name
 *
 * Returns: (transfer none) (nullable): the text of @team's section, or
 *   %NULL if the editor has no section for @team
 */
GtkTextBuffer *
sitrep_final_report_editor_get_team_buffer (SitrepFinalReportEditor *self,
                                            const char              *team)
{
  TeamEditor *editor;

  g_return_val_if_fail (SITREP_IS_FINAL_REPORT_EDITOR (self), NULL);
  g_return_val_if_fail (team != NULL, NULL);

  editor = find_team (self, team);
  return editor != NULL ? gtk_text_view_get_buffer (editor->view) : NULL;
}

/**
 * sitrep_final_report_editor_add_team:
 * @self: a #SitrepFinalReportEditor
 * @team: the name of a responding team
 *
 * Adds an empty section for @team, unless it has one; it is stored when
 * saved with some text.
 */
void
sitrep_final_report_editor_add_team (SitrepFinalReportEditor *self,
                                     const char              *team)
{
  TeamEditor *editor;

  g_return_if_fail (SITREP_IS_FINAL_REPORT_EDITOR (self));
  g_return_if_fail (team != NULL);

  editor = find_team (self, team);
  if (editor == NULL)
    editor = add_team_editor (self, team);
  update_sensitivity (self);
  gtk_widget_grab_focus (GTK_WIDGET (editor->view));
}
