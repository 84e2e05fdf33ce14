/* sitrep-incident-view-fields.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-accessible.h"
#include "sitrep-enums.h"
#include "sitrep-incident-view-private.h"
#include "sitrep-time.h"
#include "sitrep-toast.h"
#include "sitrep-transition-dialog.h"

/*
 * The incident view's fields: one-line entries, the reporter's channel and
 * the cause category, the times, and the multi-line texts. An edit is
 * saved only when the user says so: Enter (or the apply button) in a
 * one-line entry, Save or Ctrl+Enter in a multi-line text; a choice in a
 * list at once. Until then it shows as unsaved, is never overwritten by a
 * change that arrives meanwhile, and is kept as a draft of the incident
 * (sitrep-drafts.h) when another incident is chosen or the window goes,
 * to be shown again, still unsaved, with the incident.
 *
 * Each field remembers the value an edit of it started from and the
 * incident's version that value was read at. A save is checked against
 * that version (sitrep_store_expect_version()): when someone else changed
 * the field meanwhile, nothing is saved, the field shows what is stored
 * now, and the toast that says who changed it offers the user's own text
 * back ("Use Mine"), to be saved over it on purpose.
 */

typedef SitrepTextField TextField;

/* Where an edit starts from: @value, read at the incident's @version.
 * While the user edits, a newer version moves it on only when the field
 * itself still has the value the edit started from. */
static void
move_base (char       **base,
           gint64      *base_version,
           gboolean     editing,
           const char  *value,
           gint64       version)
{
  if (editing && g_strcmp0 (*base, value) != 0)
    return;

  if (g_strcmp0 (*base, value) != 0)
    {
      g_free (*base);
      *base = g_strdup (value);
    }
  *base_version = version;
}

typedef struct
{
  char   *value;
  gint64  version;
} RowBase;

static void
row_base_free (gpointer data)
{
  RowBase *base = data;

  g_free (base->value);
  g_free (base);
}

static RowBase *
get_row_base (AdwEntryRow *row)
{
  RowBase *base = g_object_get_data (G_OBJECT (row), "sitrep-base");

  if (base == NULL)
    {
      base = g_new0 (RowBase, 1);
      g_object_set_data_full (G_OBJECT (row), "sitrep-base", base, row_base_free);
    }

  return base;
}

/* Sets what an entry row shows, unless the user is in the middle of changing
 * it: then only the value it started from is updated. */
static void
update_entry_row (AdwEntryRow *row,
                  const char  *value,
                  gint64       version,
                  gboolean     reset_edits)
{
  const char *stored = g_object_get_data (G_OBJECT (row), "sitrep-stored");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  gboolean editing;
  RowBase *base = get_row_base (row);

  if (value == NULL)
    value = "";

  editing = !reset_edits && g_strcmp0 (text, stored != NULL ? stored : "") != 0;
  if (!editing)
    gtk_editable_set_text (GTK_EDITABLE (row), value);

  move_base (&base->value, &base->version, editing, value, version);
  g_object_set_data_full (G_OBJECT (row), "sitrep-stored", g_strdup (value), g_free);
}

static gboolean text_field_is_changed (TextField *field);

/* An edit not saved yet shows its Save button and says so. */
static void
show_text_field_state (TextField *field)
{
  gboolean changed = text_field_is_changed (field);

  gtk_widget_set_sensitive (field->save_button, changed);
  gtk_widget_set_visible (field->unsaved_label, changed);
}

static void
update_text_field (TextField          *field,
                   const char         *value,
                   gint64              version,
                   gboolean            reset_edits)
{
  g_autofree char *text = _sitrep_incident_view_dup_text (field->view);
  gboolean editing;

  if (value == NULL)
    value = "";

  editing = !reset_edits && g_strcmp0 (text, field->stored != NULL ? field->stored : "") != 0;
  if (!editing)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (field->view), value, -1);

  move_base (&field->base, &field->base_version, editing, value, version);

  g_free (field->stored);
  field->stored = g_strdup (value);

  show_text_field_state (field);
}

#define N_ENTRY_ROWS 5

/* The one-line fields, each with its field's name as "sitrep-field". */
static void
fill_entry_rows (SitrepIncidentView *self,
                 AdwEntryRow        *rows[N_ENTRY_ROWS])
{
  rows[0] = self->title_row;
  rows[1] = self->service_row;
  rows[2] = self->owner_row;
  rows[3] = self->reporter_name_row;
  rows[4] = self->reporter_contact_row;
}

/* Shows the drafts kept for the incident: each one unsaved in its field. */
static void
restore_field_drafts (SitrepIncidentView *self)
{
  SitrepDrafts *drafts = _sitrep_incident_view_get_drafts (self);
  g_autoptr(GHashTable) all = NULL;
  AdwEntryRow *rows[N_ENTRY_ROWS];

  if (drafts == NULL || self->incident_id == 0)
    return;

  all = sitrep_drafts_get_all (drafts, self->incident_id);
  if (g_hash_table_size (all) == 0)
    return;

  for (guint i = 0; i < SITREP_N_TEXT_FIELDS; i++)
    {
      TextField *field = &self->text_fields[i];
      const char *draft = g_hash_table_lookup (all, field->field);

      if (draft != NULL)
        {
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (field->view), draft, -1);
          show_text_field_state (field);
        }
    }

  fill_entry_rows (self, rows);
  for (guint i = 0; i < N_ENTRY_ROWS; i++)
    {
      const char *draft = g_hash_table_lookup (all, g_object_get_data (G_OBJECT (rows[i]),
                                                                       "sitrep-field"));

      if (draft != NULL)
        gtk_editable_set_text (GTK_EDITABLE (rows[i]), draft);
    }
}

void
_sitrep_incident_view_fields_refresh (SitrepIncidentView *self,
                                      gboolean            reset_edits)
{
  SitrepIncident *incident = self->incident;
  const char *transferred_to = sitrep_incident_get_transferred_to (incident);
  g_autofree char *occurred = sitrep_time_format_local (sitrep_incident_get_occurred_at (incident));
  g_autofree char *reported = sitrep_time_format_local (sitrep_incident_get_reported_at (incident));
  gint64 version = sitrep_incident_get_version (incident);

  update_entry_row (self->title_row, sitrep_incident_get_title (incident), version, reset_edits);
  update_entry_row (self->service_row, sitrep_incident_get_service (incident), version,
                    reset_edits);
  update_entry_row (self->owner_row, sitrep_incident_get_owner (incident), version, reset_edits);
  update_entry_row (self->reporter_name_row, sitrep_incident_get_reporter_name (incident),
                    version, reset_edits);
  update_entry_row (self->reporter_contact_row, sitrep_incident_get_reporter_contact (incident),
                    version, reset_edits);

  adw_combo_row_set_selected (self->channel_row, sitrep_incident_get_reporter_channel (incident));
  adw_combo_row_set_selected (self->cause_row, sitrep_incident_get_cause_category (incident));

  adw_action_row_set_subtitle (self->occurred_row, occurred);
  adw_action_row_set_subtitle (self->reported_row, reported);
  gtk_widget_set_visible (GTK_WIDGET (self->transferred_row),
                          transferred_to != NULL && *transferred_to != '\0');
  adw_action_row_set_subtitle (self->transferred_row,
                               sitrep_transition_dialog_describe_destination (transferred_to));

  update_text_field (&self->text_fields[SITREP_TEXT_SYMPTOMS],
                     sitrep_incident_get_symptoms (incident), version, reset_edits);
  update_text_field (&self->text_fields[SITREP_TEXT_DETAILS],
                     sitrep_incident_get_details (incident), version, reset_edits);
  update_text_field (&self->text_fields[SITREP_TEXT_ROOT_CAUSE],
                     sitrep_incident_get_root_cause (incident), version, reset_edits);
  update_text_field (&self->text_fields[SITREP_TEXT_RESOLUTION],
                     sitrep_incident_get_resolution (incident), version, reset_edits);

  /* a fresh look at an incident brings back what was left unsaved */
  if (reset_edits)
    restore_field_drafts (self);
}

/* A field's edit was saved: its draft is done with. */
static void
forget_draft (SitrepIncidentView *self,
              gint64              id,
              const char         *field)
{
  SitrepDrafts *drafts = _sitrep_incident_view_get_drafts (self);

  if (drafts != NULL && id != 0)
    sitrep_drafts_set (drafts, id, field, NULL);
}

static gboolean
text_field_is_changed (TextField *field)
{
  g_autofree char *text = _sitrep_incident_view_dup_text (field->view);

  return g_strcmp0 (text, field->stored != NULL ? field->stored : "") != 0;
}

static gboolean
entry_row_is_changed (AdwEntryRow *row)
{
  const char *stored = g_object_get_data (G_OBJECT (row), "sitrep-stored");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return g_strcmp0 (text, stored != NULL ? stored : "") != 0;
}

/* One save of a field, to be written on the store's terms (on a team
 * database, on its writing thread). */
typedef struct
{
  gint64    id;
  char     *field;
  char     *what;
  char     *value;
  gint64    version;      /* the incident's version the edit started from */
  char     *author;
  gboolean  offer_mine;   /* a stale save's toast offers the text back */
} FieldWrite;

static void
field_write_free (gpointer data)
{
  FieldWrite *w = data;

  g_free (w->field);
  g_free (w->what);
  g_free (w->value);
  g_free (w->author);
  g_free (w);
}

static gboolean
write_field (SitrepStore  *store,
             gpointer      data,
             GError      **error)
{
  FieldWrite *w = data;

  sitrep_store_expect_version (store, w->id, w->version);
  if (g_strcmp0 (w->field, "owner") == 0)
    return sitrep_store_set_owner (store, w->id, w->value, w->author, error);

  return sitrep_store_set_field (store, w->id, w->field, w->value, w->author, error);
}

static void
show_stale_toast (SitrepIncidentView *self,
                  FieldWrite         *w,
                  const GError       *error,
                  gboolean            offer_mine)
{
  /* Translators: "Could not save Title: INC-7 was changed meanwhile by …" */
  g_autofree char *message = g_strdup_printf (_("Could not save %s: %s"), w->what,
                                              error->message);
  AdwToast *toast = sitrep_toast_new (message, 0);
  GtkWidget *title = gtk_label_new (message);

  /* who changed what is the point: wrapped, never cut short */
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 26);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  adw_toast_set_custom_title (toast, title);

  if (offer_mine)
    {
      adw_toast_set_button_label (toast, _("_Use Mine"));
      adw_toast_set_action_name (toast, "incident.use-mine");
      adw_toast_set_action_target_value (toast, g_variant_new ("(ss)", w->field, w->value));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static TextField *
find_text_field (SitrepIncidentView *self,
                 const char         *name)
{
  for (guint i = 0; i < SITREP_N_TEXT_FIELDS; i++)
    if (g_strcmp0 (self->text_fields[i].field, name) == 0)
      return &self->text_fields[i];

  return NULL;
}

static AdwEntryRow *
find_entry_row (SitrepIncidentView *self,
                const char         *name)
{
  AdwEntryRow *rows[N_ENTRY_ROWS];

  fill_entry_rows (self, rows);
  for (guint i = 0; i < N_ENTRY_ROWS; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (rows[i]), "sitrep-field"), name) == 0)
      return rows[i];

  return NULL;
}

/* What is on its way to the store for a field: not to be saved again
 * meanwhile (leaving the field after Enter, or Save then Ctrl+Enter). */
static const char *
get_saving (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "sitrep-saving");
}

static void
set_saving (gpointer    widget,
            const char *value)
{
  g_object_set_data_full (G_OBJECT (widget), "sitrep-saving", g_strdup (value), g_free);
}

/* Puts the stored value of @data (the field's name) back into its
 * field, which a stale save left with the refused text, and starts the
 * next edit from it. */
static void
show_stored_value (SitrepIncidentView *self,
                   gpointer            data)
{
  const char *name = data;
  TextField *field = find_text_field (self, name);
  AdwEntryRow *row = field == NULL ? find_entry_row (self, name) : NULL;

  if (field != NULL)
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (field->view),
                                field->stored != NULL ? field->stored : "", -1);
      move_base (&field->base, &field->base_version, FALSE, field->stored,
                 sitrep_incident_get_version (self->incident));
    }
  else if (row != NULL)
    {
      const char *stored = g_object_get_data (G_OBJECT (row), "sitrep-stored");
      RowBase *base = get_row_base (row);

      gtk_editable_set_text (GTK_EDITABLE (row), stored != NULL ? stored : "");
      move_base (&base->value, &base->version, FALSE, stored,
                 sitrep_incident_get_version (self->incident));
    }
  forget_draft (self, self->incident_id, name);
}

/* The store's answer to a field's save. The change itself, if any, was
 * announced before (and shown by the reload it caused). */
static void
field_written_cb (GObject      *owner,
                  const GError *error,
                  gpointer      data)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (owner);
  FieldWrite *w = data;
  TextField *field;
  AdwEntryRow *row;
  gboolean stale = g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_STALE);
  gboolean on_show = w->id == self->incident_id && self->incident != NULL;

  /* a view that went away (the save is in, or its draft kept) */
  if (self->store == NULL)
    return;

  field = find_text_field (self, w->field);
  row = field == NULL ? find_entry_row (self, w->field) : NULL;

  if (field != NULL)
    set_saving (field->view, NULL);
  else if (row != NULL)
    set_saving (row, NULL);

  if (!on_show)
    {
      /* The person turned to another incident meanwhile. Saved, the
       * edit is no draft any more; refused, it stays one. */
      if (error == NULL)
        forget_draft (self, w->id, w->field);
      else if (stale)
        show_stale_toast (self, w, error, FALSE);
      else
        _sitrep_incident_view_show_store_error (self, w->what, error);
      return;
    }

  if (error == NULL)
    {
      if (field != NULL)
        {
          g_free (field->stored);
          field->stored = g_strdup (w->value);
          /* known again when the change comes back from the store */
          field->base_version = 0;
          show_text_field_state (field);
        }
      else if (row != NULL)
        {
          g_object_set_data_full (G_OBJECT (row), "sitrep-stored", g_strdup (w->value), g_free);
          get_row_base (row)->version = 0;
        }
      forget_draft (self, w->id, w->field);
      return;
    }

  if (stale)
    show_stale_toast (self, w, error, w->offer_mine);
  else
    _sitrep_incident_view_show_store_error (self, w->what, error);

  /* Show again what is stored; after a stale save, what the other
   * person saved is the start of any edit. */
  if (!stale)
    _sitrep_incident_view_reload (self, SITREP_CHANGE_ALL, FALSE);
  else
    _sitrep_incident_view_reload_then (self, SITREP_CHANGE_ALL, FALSE, show_stored_value,
                                       g_strdup (w->field), g_free);
}

/* Saves @value into @field, checked against the incident's @version (0:
 * unchecked). A stale save's toast offers the value back when
 * @offer_mine. A team database answers later: field_written_cb().
 * Returns whether the save was begun. */
static gboolean
save_field (SitrepIncidentView *self,
            const char         *field,
            const char         *what,
            const char         *value,
            gint64              version,
            gboolean            offer_mine)
{
  g_autoptr(GError) error = NULL;
  FieldWrite *w;

  if (!_sitrep_incident_view_check_writable (self, &error))
    {
      _sitrep_incident_view_show_store_error (self, what, error);
      return FALSE;
    }

  w = g_new0 (FieldWrite, 1);
  w->id = self->incident_id;
  w->field = g_strdup (field);
  w->what = g_strdup (what);
  w->value = g_strdup (value);
  w->version = version;
  w->author = g_strdup (_sitrep_incident_view_get_author (self));
  w->offer_mine = offer_mine;
  sitrep_store_submit (self->store, write_field, w, field_write_free, G_OBJECT (self),
                       field_written_cb);
  return TRUE;
}

/* Saves a multi-line field if it differs from what is stored and from
 * what is being saved, so that leaving the field and then pressing Save,
 * or selecting another incident, does not write it twice. */
static void
save_text_field (SitrepIncidentView *self,
                 TextField          *field,
                 const char         *what)
{
  g_autofree char *text = NULL;

  if (self->incident == NULL || self->read_only || !text_field_is_changed (field))
    return;

  text = _sitrep_incident_view_dup_text (field->view);
  if (g_strcmp0 (text, get_saving (field->view)) == 0)
    return;

  set_saving (field->view, text);
  if (!save_field (self, field->field, what, text, field->base_version, TRUE))
    set_saving (field->view, NULL);
}

static void
save_entry_row (SitrepIncidentView *self,
                AdwEntryRow        *row,
                const char         *what)
{
  const char *field = g_object_get_data (G_OBJECT (row), "sitrep-field");
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (g_strcmp0 (value, get_saving (row)) == 0)
    return;

  set_saving (row, value);
  if (!save_field (self, field, what, value, get_row_base (row)->version, TRUE))
    set_saving (row, NULL);
}

/**
 * _sitrep_incident_view_fields_keep_drafts:
 * @self: an incident view
 *
 * Before the view turns to another incident (or goes away): what the user
 * typed into the fields and did not save is kept as drafts of the
 * incident on show, never written to it and never dropped; a field as
 * stored has no draft.
 */
void
_sitrep_incident_view_fields_keep_drafts (SitrepIncidentView *self)
{
  const char *names[SITREP_N_TEXT_FIELDS + N_ENTRY_ROWS + 1] = { NULL, };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  SitrepDrafts *drafts = _sitrep_incident_view_get_drafts (self);
  AdwEntryRow *rows[N_ENTRY_ROWS];
  guint n = 0;

  if (self->incident == NULL || self->read_only || drafts == NULL)
    return;

  for (guint i = 0; i < SITREP_N_TEXT_FIELDS; i++)
    {
      TextField *field = &self->text_fields[i];

      names[n++] = field->field;
      g_ptr_array_add (texts, text_field_is_changed (field)
                              ? _sitrep_incident_view_dup_text (field->view) : NULL);
    }

  fill_entry_rows (self, rows);
  for (guint i = 0; i < N_ENTRY_ROWS; i++)
    {
      names[n++] = g_object_get_data (G_OBJECT (rows[i]), "sitrep-field");
      g_ptr_array_add (texts, entry_row_is_changed (rows[i])
                              ? g_strdup (gtk_editable_get_text (GTK_EDITABLE (rows[i])))
                              : NULL);
    }
  names[n] = NULL;
  g_ptr_array_add (texts, NULL);

  sitrep_drafts_set_many (drafts, self->incident_id, names, (const char * const *) texts->pdata);
}

static void
entry_row_applied_cb (SitrepIncidentView *self,
                      AdwEntryRow        *row)
{
  save_entry_row (self, row, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

static void
combo_row_selected_cb (SitrepIncidentView *self,
                       GParamSpec         *pspec,
                       AdwComboRow        *row)
{
  guint selected = adw_combo_row_get_selected (row);
  const char *nick;

  if (self->refreshing || self->incident == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (row == self->channel_row)
    {
      if ((SitrepChannel) selected == sitrep_incident_get_reporter_channel (self->incident))
        return;
      nick = sitrep_enum_to_nick (SITREP_TYPE_CHANNEL, selected);
      save_field (self, "reporter_channel", _("Reported Through"), nick,
                  sitrep_incident_get_version (self->incident), FALSE);
    }
  else
    {
      if ((SitrepCause) selected == sitrep_incident_get_cause_category (self->incident))
        return;
      /* Not yet categorised is stored as no value. */
      nick = selected == SITREP_CAUSE_NONE ? NULL : sitrep_enum_to_nick (SITREP_TYPE_CAUSE,
                                                                         selected);
      save_field (self, "cause_category", _("Cause Category"), nick,
                  sitrep_incident_get_version (self->incident), FALSE);
    }
}

static void
text_field_changed_cb (GtkTextBuffer *buffer,
                       TextField     *field)
{
  show_text_field_state (field);
}

static void
text_field_save_clicked_cb (GtkButton          *button,
                            SitrepIncidentView *self)
{
  TextField *field = g_object_get_data (G_OBJECT (button), "sitrep-text-field");

  save_text_field (self, field, _(field->title));
}

/* Ctrl+Enter in a multi-line text saves it; a plain Enter is a new line. */
static gboolean
text_field_save_shortcut_cb (GtkWidget *widget,
                             GVariant  *args,
                             gpointer   user_data)
{
  SitrepIncidentView *self = user_data;
  TextField *field = g_object_get_data (G_OBJECT (widget), "sitrep-text-field");

  save_text_field (self, field, _(field->title));
  return TRUE;
}

static void
roster_contact_picked_cb (SitrepIncidentView *self,
                          SitrepContact      *contact)
{
  const char *name = sitrep_contact_get_name (contact);

  gtk_editable_set_text (GTK_EDITABLE (self->owner_row), name);
  save_entry_row (self, self->owner_row, _("Owner"));
}

/* The view's store can change after the template is built; the picker
 * reads the roster from it each time it opens. */
static void
roster_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  SitrepIncidentView *self = user_data;

  sitrep_roster_picker_set_context (self->roster_picker, self->context);
}

static void
setup_text_fields (SitrepIncidentView *self)
{
  static const struct {
    const char *field;
    const char *title;
  } infos[SITREP_N_TEXT_FIELDS] = {
    [SITREP_TEXT_SYMPTOMS] = { "symptoms", N_("Symptoms") },
    [SITREP_TEXT_DETAILS] = { "details", N_("Details") },
    [SITREP_TEXT_ROOT_CAUSE] = { "root_cause", N_("Root Cause") },
    [SITREP_TEXT_RESOLUTION] = { "resolution", N_("Resolution") },
  };

  for (guint i = 0; i < SITREP_N_TEXT_FIELDS; i++)
    {
      TextField *field = &self->text_fields[i];
      GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *heading_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *heading = gtk_label_new (_(infos[i].title));
      GtkWidget *frame = gtk_frame_new (NULL);
      GtkEventController *shortcuts;
      g_autofree char *save_name = NULL;

      field->field = infos[i].field;
      field->title = infos[i].title;
      field->view = GTK_TEXT_VIEW (gtk_text_view_new ());
      field->save_button = gtk_button_new_with_label (_("Save"));

      gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
      gtk_widget_set_hexpand (heading, TRUE);
      gtk_widget_add_css_class (heading, "heading");
      gtk_box_append (GTK_BOX (heading_box), heading);

      field->unsaved_label = gtk_label_new (_("Unsaved"));
      gtk_widget_set_tooltip_text (field->unsaved_label,
                                   _("Not saved yet: press Save or Ctrl+Enter. The text is "
                                     "kept on this computer until then."));
      gtk_widget_add_css_class (field->unsaved_label, "caption");
      gtk_widget_add_css_class (field->unsaved_label, "dim-label");
      gtk_widget_set_visible (field->unsaved_label, FALSE);
      gtk_box_append (GTK_BOX (heading_box), field->unsaved_label);

      /* Translators: a button's name for screen readers, "Save Symptoms" */
      save_name = g_strdup_printf (_("Save %s"), _(infos[i].title));
      gtk_widget_set_tooltip_text (field->save_button, save_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->save_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, save_name,
                                      -1);
      gtk_widget_add_css_class (field->save_button, "flat");
      gtk_widget_set_valign (field->save_button, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (field->save_button, FALSE);
      g_object_set_data (G_OBJECT (field->save_button), "sitrep-text-field", field);
      g_signal_connect (field->save_button, "clicked",
                        G_CALLBACK (text_field_save_clicked_cb), self);
      gtk_box_append (GTK_BOX (heading_box), field->save_button);

      gtk_text_view_set_wrap_mode (field->view, GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (field->view, FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (field->view), "incident-text");
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->view),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(infos[i].title),
                                      GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE,
                                      -1);
      g_signal_connect (gtk_text_view_get_buffer (field->view), "changed",
                        G_CALLBACK (text_field_changed_cb), field);
      g_object_set_data (G_OBJECT (field->view), "sitrep-text-field", field);
      shortcuts = gtk_shortcut_controller_new ();
      gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
      gtk_shortcut_controller_add_shortcut (
        GTK_SHORTCUT_CONTROLLER (shortcuts),
        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                          gtk_callback_action_new (text_field_save_shortcut_cb, self, NULL)));
      gtk_widget_add_controller (GTK_WIDGET (field->view), shortcuts);
      gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (field->view));
      gtk_widget_add_css_class (frame, "incident-text-frame");

      gtk_box_append (GTK_BOX (section), heading_box);
      gtk_box_append (GTK_BOX (section), frame);
      gtk_box_append (self->text_fields_box, section);
    }
}

static void
setup_combo_rows (SitrepIncidentView *self)
{
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) causes = gtk_string_list_new (NULL);

  for (int i = SITREP_CHANNEL_HOTLINE; i <= SITREP_CHANNEL_OTHER; i++)
    gtk_string_list_append (channels, sitrep_channel_to_label (i));
  for (int i = SITREP_CAUSE_NONE; i <= SITREP_CAUSE_UNKNOWN; i++)
    gtk_string_list_append (causes, sitrep_cause_to_label (i));

  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (channels));
  adw_combo_row_set_model (self->cause_row, G_LIST_MODEL (causes));
}

/* Whether the user may edit the fields now. */
void
_sitrep_incident_view_fields_set_editable (SitrepIncidentView *self,
                                           gboolean            editable)
{
  AdwEntryRow *entry_rows[] = {
    self->title_row, self->service_row, self->owner_row,
    self->reporter_name_row, self->reporter_contact_row,
  };

  for (guint i = 0; i < G_N_ELEMENTS (entry_rows); i++)
    gtk_editable_set_editable (GTK_EDITABLE (entry_rows[i]), editable);
  gtk_widget_set_sensitive (self->roster_button, editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->channel_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cause_row), editable);

  for (guint i = 0; i < SITREP_N_TEXT_FIELDS; i++)
    {
      gtk_text_view_set_editable (self->text_fields[i].view, editable);
      gtk_widget_set_visible (self->text_fields[i].save_button, editable);
    }
  gtk_widget_set_visible (self->edit_times_button, editable);

  adw_preferences_group_set_description (self->fields_group,
                                         self->read_only
                                         ? NULL
                                         : _("Press Enter or Save to save a change; it is "
                                             "written to the timeline. Unsaved text is kept "
                                             "as a draft."));
}

/* "incident.use-mine" ("(ss)": a field and the text the user had typed
 * into it when someone else's change came first): the text is back in
 * the field, unsaved, to be saved over the other change on purpose. */
static void
use_mine_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);
  const char *name;
  const char *mine;
  AdwEntryRow *rows[N_ENTRY_ROWS];

  g_variant_get (parameter, "(&s&s)", &name, &mine);
  if (self->incident == NULL || self->read_only)
    return;

  for (guint i = 0; i < SITREP_N_TEXT_FIELDS; i++)
    {
      TextField *field = &self->text_fields[i];

      if (g_str_equal (field->field, name))
        {
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (field->view), mine, -1);
          show_text_field_state (field);
          gtk_widget_grab_focus (GTK_WIDGET (field->view));
          return;
        }
    }

  fill_entry_rows (self, rows);
  for (guint i = 0; i < N_ENTRY_ROWS; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (rows[i]), "sitrep-field"), name) == 0)
      {
        gtk_editable_set_text (GTK_EDITABLE (rows[i]), mine);
        gtk_widget_grab_focus (GTK_WIDGET (rows[i]));
        return;
      }
}

void
_sitrep_incident_view_fields_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "incident.use-mine", "(ss)",
                                   use_mine_action_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_row_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, combo_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, roster_contact_picked_cb);
}

void
_sitrep_incident_view_fields_init (SitrepIncidentView *self)
{
  g_object_set_data (G_OBJECT (self->title_row), "sitrep-field", (gpointer) "title");
  g_object_set_data (G_OBJECT (self->service_row), "sitrep-field", (gpointer) "service");
  g_object_set_data (G_OBJECT (self->owner_row), "sitrep-field", (gpointer) "owner");
  g_object_set_data (G_OBJECT (self->reporter_name_row), "sitrep-field",
                     (gpointer) "reporter_name");
  g_object_set_data (G_OBJECT (self->reporter_contact_row), "sitrep-field",
                     (gpointer) "reporter_contact");

  setup_combo_rows (self);
  setup_text_fields (self);
  _sitrep_incident_view_hide_decorations (GTK_WIDGET (self->fields_group));

  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->roster_button),
                                         roster_popup_cb, self, NULL);

  /* fault began and reported are put right with a reason, not typed over */
  self->edit_times_button = gtk_button_new_with_mnemonic (_("_Edit…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->edit_times_button),
                                  "incident.edit-report-times");
  sitrep_accessible_set_tooltip (self->edit_times_button,
                                 _("Correct when the fault began or was reported, with a reason; "
                                   "the deadlines follow"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_times_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Edit Fault Began and Reported"),
                                  -1);
  gtk_widget_set_valign (self->edit_times_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->edit_times_button, "flat");
  adw_action_row_add_suffix (self->reported_row, self->edit_times_button);
}

void
_sitrep_incident_view_fields_finalize (SitrepIncidentView *self)
{
  for (guint i = 0; i < SITREP_N_TEXT_FIELDS; i++)
    {
      g_clear_pointer (&self->text_fields[i].stored, g_free);
      g_clear_pointer (&self->text_fields[i].base, g_free);
    }
}
