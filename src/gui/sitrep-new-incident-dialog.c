/* sitrep-new-incident-dialog.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-accessible.h"
#include "sitrep-new-incident-dialog.h"
#include "sitrep-roster-picker.h"
#include "sitrep-time.h"
#include "sitrep-time-input.h"

/*
 * The intake of a new incident: every field of a trouble ticket, with the
 * required ones marked and every mistake explained beside the field. Create
 * stays disabled until the ticket can be stored, and stores it in one call.
 */

struct _SitrepNewIncidentDialog
{
  AdwWindow     parent_instance;

  SitrepContext *context;
  SitrepStore  *store;          /* the context's */
  char         *user_name;
  gint64        opened_at;
  char         *opened_text;  /* the time rows' text while they mean "now" */

  GtkLabel     *hint_label;
  GtkLabel     *error_label;
  GtkWidget    *create_button;
  GtkWidget    *cancel_button;
  AdwEntryRow  *title_row;
  AdwEntryRow  *service_row;
  GtkLabel     *required_label;
  AdwActionRow *level_rows[SITREP_LEVEL_MAX];
  GtkCheckButton *level_checks[SITREP_LEVEL_MAX];
  AdwEntryRow  *reporter_name_row;
  AdwEntryRow  *contact_row;
  AdwComboRow  *channel_row;
  GtkWidget    *symptoms_row;
  GtkTextView  *symptoms_view;
  GtkWidget    *details_row;
  GtkTextView  *details_view;
  AdwEntryRow  *occurred_row;
  AdwEntryRow  *reported_row;
  GtkLabel     *time_error_label;
  AdwEntryRow  *owner_row;
  GtkMenuButton *roster_button;

  gboolean      title_touched;
  gboolean      service_touched;
  gboolean      occurred_touched;
  gboolean      syncing;      /* the fault time is being set to follow the reported time */
  gboolean      creating;     /* Create was pressed: the store has not answered yet */
  gboolean      close_when_created;
};

G_DEFINE_FINAL_TYPE (SitrepNewIncidentDialog, sitrep_new_incident_dialog, ADW_TYPE_WINDOW)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
describe_level (guint level)
{
  switch (level)
    {
    case 1:
      return _("Major impact: serious damage, data loss, service data or function errors "
               "causing multiple customer complaints, or a fault recurring within a short time.");
    case 2:
      return _("Minor impact: a few functions unavailable, impairment for some users, data "
               "inconsistency without financial loss, or a common fault.");
    case 3:
      return _("No service impact: a query or consultation; only the experience is affected.");
    default:
      return "";
    }
}

static gint64
get_now (SitrepNewIncidentDialog *self)
{
  return sitrep_clock_get_now (sitrep_store_get_clock (self->store));
}

static void
set_row_error (AdwEntryRow *row,
               gboolean     error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
show_label (GtkLabel   *label,
            const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

static gboolean
is_blank (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return text[0] == '\0';
}

/* Reads a typed time; sets @message to why it is refused. Times after
 * now are refused by the caller, which names the field. The untouched
 * default means the moment the dialog opened, not the start of its minute. */
static gboolean
read_time (SitrepNewIncidentDialog  *self,
           AdwEntryRow              *row,
           gint64                   *time,
           char                    **message)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (g_strcmp0 (text, self->opened_text) == 0)
    {
      *time = self->opened_at;
      return TRUE;
    }

  return sitrep_time_input_parse (text, SITREP_TIME_NONE, G_MAXINT64, time, message);
}

/* Checks every field, shows what is wrong beside it, and returns whether
 * the incident can be created. */
static gboolean
validate (SitrepNewIncidentDialog *self,
          gint64                  *occurred_at,
          gint64                  *reported_at)
{
  g_autofree char *occurred_message = NULL;
  g_autofree char *reported_message = NULL;
  const char *time_error = NULL;
  g_autoptr(GString) required_error = g_string_new (NULL);
  gboolean title_missing = is_blank (self->title_row);
  gboolean service_missing = is_blank (self->service_row);
  gboolean occurred_ok;
  gboolean reported_ok;
  gint64 occurred = 0;
  gint64 reported = 0;
  gint64 now = get_now (self);

  if (title_missing && self->title_touched)
    g_string_append (required_error, _("Enter a title: a short summary of the fault."));
  if (service_missing && self->service_touched)
    {
      if (required_error->len > 0)
        g_string_append_c (required_error, '\n');
      g_string_append (required_error, _("Enter the affected service or system."));
    }
  set_row_error (self->title_row, title_missing && self->title_touched);
  set_row_error (self->service_row, service_missing && self->service_touched);
  show_label (self->required_label, required_error->len > 0 ? required_error->str : NULL);

  occurred_ok = read_time (self, self->occurred_row, &occurred, &occurred_message);
  reported_ok = read_time (self, self->reported_row, &reported, &reported_message);

  set_row_error (self->occurred_row, FALSE);
  set_row_error (self->reported_row, FALSE);

  if (!reported_ok)
    {
      time_error = reported_message;
      set_row_error (self->reported_row, TRUE);
    }
  else if (reported > now)
    {
      time_error = _("Reported time is in the future.");
      set_row_error (self->reported_row, TRUE);
      reported_ok = FALSE;
    }
  else if (!occurred_ok)
    {
      time_error = occurred_message;
      set_row_error (self->occurred_row, TRUE);
    }
  else if (occurred > now)
    {
      time_error = _("The fault cannot begin in the future.");
      set_row_error (self->occurred_row, TRUE);
      occurred_ok = FALSE;
    }
  else if (occurred > reported)
    {
      time_error = _("The fault cannot begin after it was reported.");
      set_row_error (self->occurred_row, TRUE);
      occurred_ok = FALSE;
    }
  show_label (self->time_error_label, time_error);

  if (occurred_at != NULL)
    *occurred_at = occurred;
  if (reported_at != NULL)
    *reported_at = reported;

  return !title_missing && !service_missing && occurred_ok && reported_ok;
}

/* The first field a user has to fix, in the order they appear. */
static GtkWidget *
find_first_invalid (SitrepNewIncidentDialog *self)
{
  AdwEntryRow *rows[] = { self->title_row, self->service_row,
                          self->occurred_row, self->reported_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (gtk_widget_has_css_class (GTK_WIDGET (rows[i]), "error"))
      return GTK_WIDGET (rows[i]);

  return NULL;
}

static void
update_create (SitrepNewIncidentDialog *self)
{
  gboolean valid = validate (self, NULL, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.create", valid && !self->creating);
  gtk_label_set_text (self->hint_label,
                      valid ? _("Ready: Create (Ctrl+Enter) records the incident and starts "
                                "its deadlines.")
                            : _("Fields marked * are required. Create becomes available once "
                                "they are filled in and the times are valid."));
}

static int
get_level (SitrepNewIncidentDialog *self)
{
  for (int level = SITREP_LEVEL_MIN; level <= SITREP_LEVEL_MAX; level++)
    if (gtk_check_button_get_active (self->level_checks[level - 1]))
      return level;

  return 2;
}

static void
field_changed_cb (SitrepNewIncidentDialog *self,
                  GtkEditable             *editable)
{
  if (editable == GTK_EDITABLE (self->title_row))
    self->title_touched = TRUE;
  else if (editable == GTK_EDITABLE (self->service_row))
    self->service_touched = TRUE;
  else if (editable == GTK_EDITABLE (self->occurred_row) && !self->syncing)
    self->occurred_touched = TRUE;
  else if (editable == GTK_EDITABLE (self->reported_row) && !self->occurred_touched)
    {
      /* The fault began when it was reported unless the user says otherwise. */
      self->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->occurred_row),
                             gtk_editable_get_text (editable));
      self->syncing = FALSE;
    }

  update_create (self);
}

/* Ctrl+Enter, or Enter in a field: create the incident, or show what
 * stops it and put the cursor there. */
static void
try_create (SitrepNewIncidentDialog *self)
{
  GtkWidget *invalid;

  self->title_touched = TRUE;
  self->service_touched = TRUE;
  update_create (self);

  invalid = find_first_invalid (self);
  if (invalid != NULL)
    {
      gtk_widget_grab_focus (invalid);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "dialog.create", NULL);
}

static void
try_create_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  try_create (SITREP_NEW_INCIDENT_DIALOG (widget));
}

static void
entry_activated_cb (SitrepNewIncidentDialog *self)
{
  try_create (self);
}

static void
level_toggled_cb (SitrepNewIncidentDialog *self)
{
  update_create (self);
}

/* Each level's definition, and the deadlines it brings under the policy
 * in force. */
static void
describe_levels (SitrepNewIncidentDialog *self)
{
  g_autoptr(SitrepPolicy) policy = sitrep_store_get_policy (self->store);

  for (int level = SITREP_LEVEL_MIN; level <= SITREP_LEVEL_MAX; level++)
    {
      g_autoptr(GString) subtitle = g_string_new (describe_level (level));
      int response = sitrep_policy_get_minutes (policy, level, SITREP_POLICY_WINDOW_RESPONSE);
      int recovery = sitrep_policy_get_minutes (policy, level, SITREP_POLICY_WINDOW_RECOVERY);

      if (response > 0 && recovery > 0)
        {
          g_autofree char *response_text = sitrep_time_format_duration ((gint64) response * 60);
          g_autofree char *recovery_text = sitrep_time_format_duration ((gint64) recovery * 60);

          g_string_append_c (subtitle, '\n');
          /* Translators: the deadlines of a level, "Respond within 10 min, recover within 2 h" */
          g_string_append_printf (subtitle, _("Respond within %s, recover within %s"),
                                  response_text, recovery_text);
        }

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->level_rows[level - 1]),
                                          FALSE);
      adw_action_row_set_subtitle (self->level_rows[level - 1], subtitle->str);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->level_checks[level - 1]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle->str,
                                      -1);
    }
}

static void
multiline_pressed_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkTextView     *view)
{
  gtk_widget_grab_focus (GTK_WIDGET (view));
}

/* A click anywhere on a multi-line row, its heading included, writes
 * into its text. */
static void
connect_multiline (GtkWidget   *row,
                   GtkTextView *view)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (multiline_pressed_cb), view);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
}

static char *
dup_text_view (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
roster_contact_picked_cb (SitrepNewIncidentDialog *self,
                          SitrepContact           *contact)
{
  gtk_editable_set_text (GTK_EDITABLE (self->owner_row), sitrep_contact_get_name (contact));
}

/* The owner's roster button shows once the roster names someone. */
static void
roster_counted_cb (SitrepNewIncidentDialog *self,
                   GParamSpec              *pspec,
                   SitrepRosterPicker      *picker)
{
  gtk_widget_set_visible (GTK_WIDGET (self->roster_button),
                          sitrep_roster_picker_get_n_contacts (picker) > 0);
}

static void
fill_roster (SitrepNewIncidentDialog *self)
{
  SitrepRosterPicker *picker = SITREP_ROSTER_PICKER (sitrep_roster_picker_new ());

  g_signal_connect_object (picker, "contact-picked", G_CALLBACK (roster_contact_picked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (picker, "notify::n-contacts", G_CALLBACK (roster_counted_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (self->roster_button, GTK_WIDGET (picker));
  sitrep_roster_picker_set_context (picker, self->context);
  roster_counted_cb (self, NULL, picker);
}

static char *
dup_stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SitrepNewIncidentDialog *self = SITREP_NEW_INCIDENT_DIALOG (widget);

  /* The dialog closes once the store has the incident. */
  self->close_when_created = TRUE;
  if (!sitrep_new_incident_dialog_create (self))
    {
      GtkWidget *invalid = find_first_invalid (self);

      self->close_when_created = FALSE;
      if (invalid != NULL)
        gtk_widget_grab_focus (invalid);
    }
}

static void
sitrep_new_incident_dialog_dispose (GObject *object)
{
  SitrepNewIncidentDialog *self = SITREP_NEW_INCIDENT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_NEW_INCIDENT_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sitrep_new_incident_dialog_parent_class)->dispose (object);
}

static void
sitrep_new_incident_dialog_finalize (GObject *object)
{
  SitrepNewIncidentDialog *self = SITREP_NEW_INCIDENT_DIALOG (object);

  g_clear_pointer (&self->user_name, g_free);
  g_clear_pointer (&self->opened_text, g_free);

  G_OBJECT_CLASS (sitrep_new_incident_dialog_parent_class)->finalize (object);
}

static void
sitrep_new_incident_dialog_class_init (SitrepNewIncidentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_new_incident_dialog_dispose;
  object_class->finalize = sitrep_new_incident_dialog_finalize;

  /**
   * SitrepNewIncidentDialog::created:
   * @id: the new incident's id
   *
   * The incident was stored.
   */
  signals[CREATED] =
    g_signal_new ("created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/ui/"
                                               "sitrep-new-incident-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepNewIncidentDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepNewIncidentDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepNewIncidentDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepNewIncidentDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepNewIncidentDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepNewIncidentDialog, service_row);
  gtk_widget_class_bind_template_child_full (widget_class, "level1_row", FALSE,
                                             G_STRUCT_OFFSET (SitrepNewIncidentDialog,
                                                              level_rows[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "level2_row", FALSE,
                                             G_STRUCT_OFFSET (SitrepNewIncidentDialog,
                                                              level_rows[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "level3_row", FALSE,
                                             G_STRUCT_OFFSET (SitrepNewIncidentDialog,
                                                              level_rows[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "level1_check", FALSE,
                                             G_STRUCT_OFFSET (SitrepNewIncidentDialog,
                                                              level_checks[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "level2_check", FALSE,
                                             G_STRUCT_OFFSET (SitrepNewIncidentDialog,
                                                              level_checks[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "level3_check", FALSE,
                                             G_STRUCT_OFFSET (SitrepNewIncidentDialog,
                                                              level_checks[2]));
  gtk_widget_class_bind_template_child (widget_class, SitrepNewIncidentDialog, required_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepNewIncidentDialog, reporter_name_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepNewIncidentDialog, contact_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepNewIncidentDialog, channel_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepNewIncidentDialog, symptoms_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepNewIncidentDialog, symptoms_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepNewIncidentDialog, details_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepNewIncidentDialog, details_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepNewIncidentDialog, occurred_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepNewIncidentDialog, reported_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepNewIncidentDialog, time_error_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepNewIncidentDialog, owner_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepNewIncidentDialog, roster_button);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, level_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "dialog.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "dialog.try-create", NULL, try_create_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sitrep_new_incident_dialog_init (SitrepNewIncidentDialog *self)
{
  GtkEventController *shortcuts;
  const char *accels[] = { "<Control>Return", "<Control>KP_Enter" };

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Ctrl+Enter creates from anywhere, the text boxes included, which would
   * otherwise take it as a new line. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (
                                            gtk_shortcut_trigger_parse_string (accels[i]),
                                            gtk_named_action_new ("dialog.try-create")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  connect_multiline (self->symptoms_row, self->symptoms_view);
  connect_multiline (self->details_row, self->details_view);

  /* Create is the default response, shown as such; Enter in a field tries it. */
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->create_button));
  sitrep_accessible_name_button (self->cancel_button, NULL);
  sitrep_accessible_name_button (self->create_button, _("Create the incident"));
}

/**
 * sitrep_new_incident_dialog_new:
 * @context: a context with a store: the store to create the incident in,
 *   and the user who records it, the author of its first timeline entry
 *
 * Returns: (transfer full): the dialog, with both times set to now
 */
SitrepNewIncidentDialog *
sitrep_new_incident_dialog_new (SitrepContext *context)
{
  SitrepNewIncidentDialog *self;

  g_return_val_if_fail (SITREP_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (sitrep_context_get_store (context) != NULL, NULL);

  self = g_object_new (SITREP_TYPE_NEW_INCIDENT_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->store = g_object_ref (sitrep_context_get_store (context));
  self->user_name = g_strdup (sitrep_context_get_user_name (context));
  self->opened_at = get_now (self);

  self->opened_text = sitrep_time_input_format (self->opened_at);
  gtk_editable_set_text (GTK_EDITABLE (self->reported_row), self->opened_text);
  self->occurred_touched = FALSE;
  describe_levels (self);
  fill_roster (self);
  update_create (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));

  return self;
}

/**
 * sitrep_new_incident_dialog_is_valid:
 * @self: the dialog
 *
 * Returns: whether the fields describe an incident that can be created
 */
gboolean
sitrep_new_incident_dialog_is_valid (SitrepNewIncidentDialog *self)
{
  g_return_val_if_fail (SITREP_IS_NEW_INCIDENT_DIALOG (self), FALSE);

  return validate (self, NULL, NULL);
}

/* One incident to store, on the store's terms (on a team database, on
 * its writing thread). */
typedef struct
{
  SitrepIncident *incident;
  char           *author;
} Creation;

static void
creation_free (gpointer data)
{
  Creation *creation = data;

  g_clear_object (&creation->incident);
  g_free (creation->author);
  g_free (creation);
}

static gboolean
write_creation (SitrepStore  *store,
                gpointer      data,
                GError      **error)
{
  Creation *creation = data;

  return sitrep_store_create_incident (store, creation->incident, creation->author, error);
}

static void
set_creating (SitrepNewIncidentDialog *self,
              gboolean                 creating)
{
  self->creating = creating;
  update_create (self);
  /* cancelling now would not take the incident back */
  gtk_widget_set_sensitive (self->cancel_button, !creating);
  sitrep_accessible_describe (self->create_button,
                              creating ? _("Recording the incident…") : NULL);
}

static void
creation_written_cb (GObject      *owner,
                     const GError *error,
                     gpointer      data)
{
  SitrepNewIncidentDialog *self = SITREP_NEW_INCIDENT_DIALOG (owner);
  Creation *creation = data;

  set_creating (self, FALSE);
  if (error != NULL)
    {
      /* what was typed stays, to create it again */
      self->close_when_created = FALSE;
      show_label (self->error_label, error->message);
      return;
    }

  g_signal_emit (self, signals[CREATED], 0, sitrep_incident_get_id (creation->incident));
  if (self->close_when_created)
    gtk_window_close (GTK_WINDOW (self));
}

/**
 * sitrep_new_incident_dialog_create:
 * @self: the dialog
 *
 * Stores the incident the fields describe, in one transaction, then emits
 * #SitrepNewIncidentDialog::created. On a desk's file that happens before
 * this returns; a team database answers later, and the dialog keeps
 * what was typed, with Create dimmed, until it has. A refusal is said in
 * the dialog. Invalid fields are explained in the dialog and create
 * nothing.
 *
 * Returns: whether the incident was handed to the store
 */
gboolean
sitrep_new_incident_dialog_create (SitrepNewIncidentDialog *self)
{
  Creation *creation;
  g_autofree char *title = NULL;
  g_autofree char *service = NULL;
  g_autofree char *reporter_name = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *symptoms = NULL;
  g_autofree char *details = NULL;
  g_autofree char *owner = NULL;
  SitrepIncident *incident;
  gint64 occurred_at;
  gint64 reported_at;

  g_return_val_if_fail (SITREP_IS_NEW_INCIDENT_DIALOG (self), FALSE);

  if (self->creating)
    return FALSE;

  self->title_touched = TRUE;
  self->service_touched = TRUE;
  if (!validate (self, &occurred_at, &reported_at))
    {
      update_create (self);
      return FALSE;
    }

  title = dup_stripped (self->title_row);
  service = dup_stripped (self->service_row);
  reporter_name = dup_stripped (self->reporter_name_row);
  contact = dup_stripped (self->contact_row);
  symptoms = dup_text_view (self->symptoms_view);
  details = dup_text_view (self->details_view);
  owner = dup_stripped (self->owner_row);

  incident = sitrep_incident_new ();
  sitrep_incident_set_title (incident, title);
  sitrep_incident_set_service (incident, service);
  sitrep_incident_set_level (incident, get_level (self));
  sitrep_incident_set_status (incident, SITREP_STATUS_NEW);
  sitrep_incident_set_reporter_name (incident, reporter_name);
  sitrep_incident_set_reporter_contact (incident, contact);
  sitrep_incident_set_reporter_channel (incident,
                                        (SitrepChannel) adw_combo_row_get_selected (
                                          self->channel_row));
  sitrep_incident_set_symptoms (incident, symptoms);
  sitrep_incident_set_details (incident, details);
  sitrep_incident_set_occurred_at (incident, occurred_at);
  sitrep_incident_set_reported_at (incident, reported_at);
  sitrep_incident_set_owner (incident, owner);

  creation = g_new0 (Creation, 1);
  creation->incident = incident;
  creation->author = g_strdup (self->user_name);
  show_label (self->error_label, NULL);
  set_creating (self, TRUE);
  sitrep_store_submit (self->store, write_creation, creation, creation_free, G_OBJECT (self),
                       creation_written_cb);

  return TRUE;
}
