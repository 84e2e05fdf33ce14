/* sitrep-complaint-dialog.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-accessible.h"
#include "sitrep-complaint-dialog.h"
#include "sitrep-time-input.h"

/*
 * The three things done to a complaint that need more than a click: adding
 * one (who complained, their reference, when it came in — backdatable, how,
 * and what about), marking one not attributed (which needs a reason), and
 * moving one to the incident it belongs to. The dialog writes through the
 * store itself; a refusal is shown inline and the dialog stays open so
 * nothing typed is lost.
 */

typedef enum
{
  MODE_ADD,
  MODE_NOT_ATTRIBUTED,
  MODE_MOVE,
} Mode;

struct _SitrepComplaintDialog
{
  AdwWindow        parent_instance;

  AdwWindowTitle  *window_title;
  GtkButton       *confirm_button;
  GtkWidget       *cancel_button;
  GtkLabel        *description_label;
  GtkWidget       *add_group;
  AdwEntryRow     *customer_row;
  AdwEntryRow     *ref_row;
  AdwEntryRow     *received_row;
  AdwComboRow     *channel_row;
  AdwEntryRow     *summary_row;
  GtkWidget       *reason_group;
  AdwEntryRow     *reason_row;
  GtkWidget       *move_group;
  AdwEntryRow     *key_row;
  GtkLabel        *error_label;

  Mode             mode;
  SitrepStore     *store;
  SitrepComplaint *complaint;    /* the complaint changed, or NULL when adding */
  gint64           incident_id;  /* where a new complaint goes */
  char            *author;
  gint64           now;
  char            *now_text;     /* the time row's text while untouched */
  gboolean         waiting;      /* confirmed: the store has not answered yet */
  gboolean         close_when_done;
};

G_DEFINE_FINAL_TYPE (SitrepComplaintDialog, sitrep_complaint_dialog, ADW_TYPE_WINDOW)

static void
show_error (SitrepComplaintDialog *self,
            const char            *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);

  /* A screen reader hears why the confirmation is unavailable. */
  sitrep_accessible_describe (GTK_WIDGET (self->confirm_button), message);
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* What is missing or wrong in the rows, for the inline message; NULL when
 * the dialog can be confirmed. */
static char *
check_input (SitrepComplaintDialog *self,
             gint64                *received_at)
{
  switch (self->mode)
    {
    case MODE_ADD:
      {
        const char *text = row_text (self->received_row);
        char *message = NULL;

        if (is_blank (row_text (self->customer_row)))
          return g_strdup (_("Enter the customer who complained."));
        if (is_blank (row_text (self->summary_row)))
          return g_strdup (_("Enter what the complaint is about."));

        /* The untouched default means exactly now, not the start of the
         * minute it shows. */
        if (g_strcmp0 (text, self->now_text) == 0)
          {
            *received_at = self->now;
            return NULL;
          }
        if (!sitrep_time_input_parse (text, SITREP_TIME_NONE, self->now, received_at, &message))
          return message;
        return NULL;
      }

    case MODE_NOT_ATTRIBUTED:
      if (is_blank (row_text (self->reason_row)))
        return g_strdup (_("Enter why the complaint is not attributed to this incident."));
      return NULL;

    case MODE_MOVE:
      if (is_blank (row_text (self->key_row)))
        return g_strdup (_("Enter the key of the incident the complaint belongs to."));
      return NULL;

    default:
      g_assert_not_reached ();
    }
}

static void
input_changed_cb (SitrepComplaintDialog *self)
{
  g_autofree char *message = NULL;
  gint64 received_at = 0;

  message = check_input (self, &received_at);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), message == NULL && !self->waiting);
  show_error (self, message);
}

static void
confirm_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  gtk_widget_activate (GTK_WIDGET (SITREP_COMPLAINT_DIALOG (widget)->confirm_button));
}

static void
confirm_clicked_cb (SitrepComplaintDialog *self)
{
  g_autoptr(GError) error = NULL;

  /* The dialog closes once the store has the change. */
  self->close_when_done = TRUE;
  if (!sitrep_complaint_dialog_apply (self, &error))
    {
      self->close_when_done = FALSE;
      if (error != NULL)
        show_error (self, error->message);
    }
}

static void
sitrep_complaint_dialog_finalize (GObject *object)
{
  SitrepComplaintDialog *self = (SitrepComplaintDialog *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->complaint);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->now_text, g_free);

  G_OBJECT_CLASS (sitrep_complaint_dialog_parent_class)->finalize (object);
}

static void
sitrep_complaint_dialog_class_init (SitrepComplaintDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sitrep_complaint_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/ui/"
                                               "sitrep-complaint-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepComplaintDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SitrepComplaintDialog, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepComplaintDialog, description_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepComplaintDialog, add_group);
  gtk_widget_class_bind_template_child (widget_class, SitrepComplaintDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepComplaintDialog, customer_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepComplaintDialog, ref_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepComplaintDialog, received_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepComplaintDialog, channel_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepComplaintDialog, summary_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepComplaintDialog, reason_group);
  gtk_widget_class_bind_template_child (widget_class, SitrepComplaintDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepComplaintDialog, move_group);
  gtk_widget_class_bind_template_child (widget_class, SitrepComplaintDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepComplaintDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, input_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_clicked_cb);

  /* Ctrl+Enter confirms from any field, as in the new-incident dialog. */
  gtk_widget_class_install_action (widget_class, "complaint.confirm", NULL, confirm_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "complaint.confirm", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "complaint.confirm", NULL);
}

static void
sitrep_complaint_dialog_init (SitrepComplaintDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->confirm_button));
  sitrep_accessible_name_button (self->cancel_button, NULL);
}

static SitrepComplaintDialog *
create (Mode         mode,
        SitrepStore *store,
        const char  *author)
{
  SitrepComplaintDialog *self = g_object_new (SITREP_TYPE_COMPLAINT_DIALOG, NULL);

  self->mode = mode;
  self->store = g_object_ref (store);
  self->author = g_strdup (author);
  self->now = sitrep_clock_get_now (sitrep_store_get_clock (store));

  gtk_widget_set_visible (self->add_group, mode == MODE_ADD);
  gtk_widget_set_visible (self->reason_group, mode == MODE_NOT_ATTRIBUTED);
  gtk_widget_set_visible (self->move_group, mode == MODE_MOVE);
  return self;
}

/* Labels the action (@label, with its mnemonic) and puts the focus on
 * @first, the field to fill in: never on Cancel, so that Enter in the
 * dialog does what it is for. */
static void
finish (SitrepComplaintDialog *self,
        const char            *label,
        GtkWidget             *first)
{
  gtk_button_set_label (self->confirm_button, label);
  sitrep_accessible_name_button (GTK_WIDGET (self->confirm_button), NULL);
  gtk_window_set_focus (GTK_WINDOW (self), first);
}

/* The complaint as the description names it: its reference, else its
 * customer. */
static const char *
complaint_name (SitrepComplaint *complaint)
{
  const char *ref = sitrep_complaint_get_ref (complaint);

  return !is_blank (ref) ? ref : sitrep_complaint_get_customer (complaint);
}

/**
 * sitrep_complaint_dialog_new_add:
 * @store: the store to write to
 * @incident_id: the incident the complaint is about
 * @author: (nullable): who adds it
 *
 * Creates the dialog that adds a complaint to an incident. The time it was
 * received is now unless the user backdates it.
 *
 * Returns: (transfer floating): a new #SitrepComplaintDialog
 */
GtkWidget *
sitrep_complaint_dialog_new_add (SitrepStore *store,
                                 gint64       incident_id,
                                 const char  *author)
{
  SitrepComplaintDialog *self;

  g_return_val_if_fail (SITREP_IS_STORE (store), NULL);

  self = create (MODE_ADD, store, author);
  self->incident_id = incident_id;
  self->now_text = sitrep_time_input_format (self->now);

  adw_window_title_set_title (self->window_title, _("Add Complaint"));
  finish (self, _("_Add"), GTK_WIDGET (self->customer_row));
  gtk_label_set_label (self->description_label,
                       _("A customer complaint about this incident. Its verdict starts as not yet "
                         "analysed."));
  gtk_editable_set_text (GTK_EDITABLE (self->received_row), self->now_text);
  input_changed_cb (self);
  return GTK_WIDGET (self);
}

/**
 * sitrep_complaint_dialog_new_not_attributed:
 * @store: the store to write to
 * @complaint: the complaint, as stored
 * @author: (nullable): who decides
 *
 * Creates the dialog that marks @complaint as not attributed to its
 * incident, which needs a reason.
 *
 * Returns: (transfer floating): a new #SitrepComplaintDialog
 */
GtkWidget *
sitrep_complaint_dialog_new_not_attributed (SitrepStore     *store,
                                            SitrepComplaint *complaint,
                                            const char      *author)
{
  SitrepComplaintDialog *self;
  g_autofree char *description = NULL;

  g_return_val_if_fail (SITREP_IS_STORE (store), NULL);
  g_return_val_if_fail (SITREP_IS_COMPLAINT (complaint), NULL);

  self = create (MODE_NOT_ATTRIBUTED, store, author);
  self->complaint = g_object_ref (complaint);

  adw_window_title_set_title (self->window_title, _("Not Attributed"));
  finish (self, _("_Mark Not Attributed"), GTK_WIDGET (self->reason_row));
  /* Translators: %s is the complaint's reference or customer */
  description = g_strdup_printf (_("Complaint %s is not caused by this incident. Say why, so "
                                   "the final report can explain it."),
                                 complaint_name (complaint));
  gtk_label_set_label (self->description_label, description);
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row),
                         sitrep_complaint_get_verdict_reason (complaint) != NULL
                         ? sitrep_complaint_get_verdict_reason (complaint) : "");
  input_changed_cb (self);
  return GTK_WIDGET (self);
}

/**
 * sitrep_complaint_dialog_new_move:
 * @store: the store to write to
 * @complaint: the complaint, as stored
 * @author: (nullable): who moves it
 *
 * Creates the dialog that moves @complaint to another incident, named by
 * its key.
 *
 * Returns: (transfer floating): a new #SitrepComplaintDialog
 */
GtkWidget *
sitrep_complaint_dialog_new_move (SitrepStore     *store,
                                  SitrepComplaint *complaint,
                                  const char      *author)
{
  SitrepComplaintDialog *self;
  g_autofree char *description = NULL;

  g_return_val_if_fail (SITREP_IS_STORE (store), NULL);
  g_return_val_if_fail (SITREP_IS_COMPLAINT (complaint), NULL);

  self = create (MODE_MOVE, store, author);
  self->complaint = g_object_ref (complaint);

  adw_window_title_set_title (self->window_title, _("Move Complaint"));
  finish (self, _("_Move"), GTK_WIDGET (self->key_row));
  /* Translators: %s is the complaint's reference or customer */
  description = g_strdup_printf (_("Move complaint %s to the incident it belongs to. Both "
                                   "timelines record the move."),
                                 complaint_name (complaint));
  gtk_label_set_label (self->description_label, description);
  input_changed_cb (self);
  return GTK_WIDGET (self);
}

/* The dialog's change, on the store's terms (on a team database, on its
 * writing thread). */
typedef struct
{
  Mode             mode;
  gint64           incident_id;
  SitrepComplaint *complaint;    /* the new one, when adding */
  gint64           complaint_id;
  char            *reason;
  char            *key;
  char            *author;
} ComplaintWrite;

static void
complaint_write_free (gpointer data)
{
  ComplaintWrite *w = data;

  g_clear_object (&w->complaint);
  g_free (w->reason);
  g_free (w->key);
  g_free (w->author);
  g_free (w);
}

static gboolean
write_complaint (SitrepStore  *store,
                 gpointer      data,
                 GError      **error)
{
  ComplaintWrite *w = data;

  switch (w->mode)
    {
    case MODE_ADD:
      return sitrep_store_add_complaint (store, w->incident_id, w->complaint, w->author, error);

    case MODE_NOT_ATTRIBUTED:
      return sitrep_store_set_complaint_verdict (store, w->complaint_id,
                                                 SITREP_VERDICT_NOT_ATTRIBUTED, w->reason,
                                                 w->author, error);

    case MODE_MOVE:
    default:
      return sitrep_store_move_complaint (store, w->complaint_id, w->key, w->author, error);
    }
}

static void
set_waiting (SitrepComplaintDialog *self,
             gboolean               waiting)
{
  self->waiting = waiting;
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), !waiting);
  gtk_widget_set_sensitive (self->cancel_button, !waiting);
  sitrep_accessible_describe (GTK_WIDGET (self->confirm_button),
                              waiting ? _("Saving the change…") : NULL);
}

static void
complaint_written_cb (GObject      *owner,
                      const GError *error,
                      gpointer      data)
{
  SitrepComplaintDialog *self = SITREP_COMPLAINT_DIALOG (owner);

  set_waiting (self, FALSE);
  if (error != NULL)
    {
      /* said inline; what was typed stays, to correct and confirm again */
      self->close_when_done = FALSE;
      show_error (self, error->message);
      return;
    }

  if (self->close_when_done)
    gtk_window_close (GTK_WINDOW (self));
}

/**
 * sitrep_complaint_dialog_apply:
 * @self: a #SitrepComplaintDialog
 * @error: return location for a #GError
 *
 * Hands what the dialog holds to the store: adds the complaint, sets the
 * verdict with its reason, or moves the complaint. Input that is missing
 * or out of range fails at once with %SITREP_LIFECYCLE_ERROR. What the
 * store refuses is said in the dialog: on a desk's file before this
 * returns, on a team database once the server has answered (until then
 * the dialog cannot be confirmed again).
 *
 * Returns: %TRUE if the change was handed to the store
 */
gboolean
sitrep_complaint_dialog_apply (SitrepComplaintDialog  *self,
                               GError                **error)
{
  g_autofree char *message = NULL;
  ComplaintWrite *w;
  gint64 received_at = 0;

  g_return_val_if_fail (SITREP_IS_COMPLAINT_DIALOG (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->waiting)
    return FALSE;

  message = check_input (self, &received_at);
  if (message != NULL)
    {
      g_set_error_literal (error, SITREP_LIFECYCLE_ERROR,
                           SITREP_LIFECYCLE_ERROR_INVALID_VALUE, message);
      return FALSE;
    }

  w = g_new0 (ComplaintWrite, 1);
  w->mode = self->mode;
  w->incident_id = self->incident_id;
  w->author = g_strdup (self->author);
  switch (self->mode)
    {
    case MODE_ADD:
      {
        g_autofree char *customer = g_strstrip (g_strdup (row_text (self->customer_row)));
        g_autofree char *ref = g_strstrip (g_strdup (row_text (self->ref_row)));
        g_autofree char *summary = g_strstrip (g_strdup (row_text (self->summary_row)));

        w->complaint = sitrep_complaint_new ();
        sitrep_complaint_set_customer (w->complaint, customer);
        sitrep_complaint_set_ref (w->complaint, ref);
        sitrep_complaint_set_summary (w->complaint, summary);
        sitrep_complaint_set_received_at (w->complaint, received_at);
        sitrep_complaint_set_channel (w->complaint,
                                      (SitrepChannel) adw_combo_row_get_selected (
                                        self->channel_row));
        sitrep_complaint_set_verdict (w->complaint, SITREP_VERDICT_NOT_ANALYSED);
      }
      break;

    case MODE_NOT_ATTRIBUTED:
      w->complaint_id = sitrep_complaint_get_id (self->complaint);
      w->reason = g_strstrip (g_strdup (row_text (self->reason_row)));
      break;

    case MODE_MOVE:
      {
        g_autofree char *key = g_strstrip (g_strdup (row_text (self->key_row)));

        w->complaint_id = sitrep_complaint_get_id (self->complaint);
        w->key = g_ascii_strup (key, -1);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  set_waiting (self, TRUE);
  sitrep_store_submit (self->store, write_complaint, w, complaint_write_free, G_OBJECT (self),
                       complaint_written_cb);
  return TRUE;
}
