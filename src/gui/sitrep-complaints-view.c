/* sitrep-complaints-view.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-complaint-dialog.h"
#include "sitrep-complaints-view.h"
#include "sitrep-accessible.h"
#include "sitrep-time.h"
#include "sitrep-toast.h"

/*
 * The complaints section of the incident view: how many of the incident's
 * complaints are attributed to it and how many are still to be analysed,
 * and one row per complaint with its verdict. The verdict is a menu button
 * on each row, so that changing it is reachable by keyboard in one step;
 * the menu's items are the widget's `complaint.*` actions with the
 * complaint's row id as target. A user who may only view sees everything
 * and can change nothing: the actions are disabled.
 */

struct _SitrepComplaintsView
{
  AdwBin       parent_instance;

  GtkLabel    *summary_label;
  GtkListBox  *list_box;
  GtkWidget   *add_button;

  SitrepContext *context;
  SitrepStore *store;           /* the context's */
  GCancellable *cancellable;    /* the read of the complaints on its way */
  gint64       incident_id;
  gboolean     read_only;
  char        *user_name;
  GPtrArray   *complaints;      /* SitrepComplaint, as listed */
  GPtrArray   *verdict_buttons; /* GtkMenuButton, one per complaint, unowned */
};

G_DEFINE_FINAL_TYPE (SitrepComplaintsView, sitrep_complaints_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_INCIDENT_ID,
  PROP_READ_ONLY,
  PROP_USER_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
verdict_label (SitrepVerdict verdict)
{
  switch (verdict)
    {
    case SITREP_VERDICT_ATTRIBUTED:
      return _("Attributed");
    case SITREP_VERDICT_NOT_ATTRIBUTED:
      return _("Not attributed");
    case SITREP_VERDICT_NOT_ANALYSED:
    default:
      return _("Not yet analysed");
    }
}

static const char *
complaint_name (SitrepComplaint *complaint)
{
  const char *ref = sitrep_complaint_get_ref (complaint);

  return ref != NULL && *ref != '\0' ? ref : sitrep_complaint_get_customer (complaint);
}

static SitrepComplaint *
find_complaint (SitrepComplaintsView *self,
                gint64                id)
{
  for (guint i = 0; self->complaints != NULL && i < self->complaints->len; i++)
    {
      SitrepComplaint *complaint = g_ptr_array_index (self->complaints, i);

      if (sitrep_complaint_get_id (complaint) == id)
        return complaint;
    }
  return NULL;
}

static void
update_actions (SitrepComplaintsView *self)
{
  gboolean editable = self->store != NULL && self->incident_id > 0 && !self->read_only;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "complaint.add", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "complaint.attribute", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "complaint.not-attributed", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "complaint.not-analysed", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "complaint.move", editable);

  /* A viewer reads each verdict on its button (and its accessible name)
   * but cannot open the menu that changes it. */
  for (guint i = 0; i < self->verdict_buttons->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->verdict_buttons, i), editable);

  sitrep_accessible_set_tooltip (self->add_button,
                                 self->read_only
                                 ? _("Your role has data viewing permission: complaints "
                                     "cannot be added")
                                 : _("Record a customer complaint about this incident"));
}

static GMenuModel *
build_verdict_menu (gint64 id)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;

  item = g_menu_item_new (_("_Attributed to This Incident"), NULL);
  g_menu_item_set_action_and_target (item, "complaint.attribute", "x", id);
  g_menu_append_item (section, item);
  g_clear_object (&item);

  item = g_menu_item_new (_("_Not Attributed…"), NULL);
  g_menu_item_set_action_and_target (item, "complaint.not-attributed", "x", id);
  g_menu_append_item (section, item);
  g_clear_object (&item);

  item = g_menu_item_new (_("Not _Yet Analysed"), NULL);
  g_menu_item_set_action_and_target (item, "complaint.not-analysed", "x", id);
  g_menu_append_item (section, item);
  g_clear_object (&item);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  section = g_menu_new ();
  item = g_menu_item_new (_("_Move to Another Incident…"), NULL);
  g_menu_item_set_action_and_target (item, "complaint.move", "x", id);
  g_menu_append_item (section, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  return G_MENU_MODEL (menu);
}

static GtkWidget *
build_row (SitrepComplaintsView *self,
           SitrepComplaint      *complaint)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_menu_button_new ();
  g_autoptr(GMenuModel) menu = build_verdict_menu (sitrep_complaint_get_id (complaint));
  g_autofree char *received =
    sitrep_time_format_local (sitrep_complaint_get_received_at (complaint));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  SitrepVerdict verdict = sitrep_complaint_get_verdict (complaint);
  const char *ref = sitrep_complaint_get_ref (complaint);
  const char *reason = sitrep_complaint_get_verdict_reason (complaint);

  if (ref != NULL && *ref != '\0')
    /* Translators: a complaint's reference and the customer who made it */
    title = g_strdup_printf (_("%s · %s"), ref, sitrep_complaint_get_customer (complaint));
  else
    title = g_strdup (sitrep_complaint_get_customer (complaint));

  /* Translators: when a complaint came in, how, and what it says */
  subtitle = g_strdup_printf (_("%s · %s · %s"), received,
                              sitrep_channel_to_label (sitrep_complaint_get_channel (complaint)),
                              sitrep_complaint_get_summary (complaint));
  if (verdict == SITREP_VERDICT_NOT_ATTRIBUTED && reason != NULL && *reason != '\0')
    {
      /* Translators: a complaint's description and why it is not attributed */
      char *with_reason = g_strdup_printf (_("%s\nNot attributed: %s"), subtitle, reason);

      g_free (subtitle);
      subtitle = with_reason;
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), verdict_label (verdict));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (verdict == SITREP_VERDICT_NOT_ATTRIBUTED)
    gtk_widget_add_css_class (button, "warning");
  else if (verdict == SITREP_VERDICT_ATTRIBUTED)
    gtk_widget_add_css_class (button, "accent");

  /* Translators: %s is the complaint's reference or customer, then its verdict */
  accessible = g_strdup_printf (_("Verdict of complaint %s: %s"), complaint_name (complaint),
                                verdict_label (verdict));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_widget_set_tooltip_text (button, _("Change the verdict or move the complaint"));

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_ptr_array_add (self->verdict_buttons, button);
  return row;
}

static void
update_summary (SitrepComplaintsView *self)
{
  guint total = self->complaints != NULL ? self->complaints->len : 0;
  guint attributed = 0, not_analysed = 0;
  g_autofree char *counts = NULL;

  for (guint i = 0; i < total; i++)
    {
      SitrepComplaint *complaint = g_ptr_array_index (self->complaints, i);
      SitrepVerdict verdict = sitrep_complaint_get_verdict (complaint);

      if (verdict == SITREP_VERDICT_ATTRIBUTED)
        attributed++;
      else if (verdict == SITREP_VERDICT_NOT_ANALYSED)
        not_analysed++;
    }

  if (total == 0)
    {
      gtk_label_set_label (self->summary_label, _("No complaints recorded"));
      return;
    }

  /* Translators: "23 of 41 attributed"; the first %u is the attributed count */
  counts = g_strdup_printf (ngettext ("%u of %u attributed", "%u of %u attributed", total),
                            attributed, total);
  if (not_analysed > 0)
    {
      /* Translators: the attributed count, then "6 not yet analysed" */
      g_autofree char *text = g_strdup_printf (ngettext ("%s · %u not yet analysed",
                                                         "%s · %u not yet analysed",
                                                         not_analysed),
                                               counts, not_analysed);

      gtk_label_set_label (self->summary_label, text);
    }
  else
    gtk_label_set_label (self->summary_label, counts);
}

static void
show_complaints (SitrepComplaintsView *self,
                 GPtrArray            *complaints)
{
  GtkWidget *row;

  while ((row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box, 0))) != NULL)
    gtk_list_box_remove (self->list_box, row);
  g_ptr_array_set_size (self->verdict_buttons, 0);
  g_clear_pointer (&self->complaints, g_ptr_array_unref);
  if (complaints != NULL)
    self->complaints = g_ptr_array_ref (complaints);

  for (guint i = 0; self->complaints != NULL && i < self->complaints->len; i++)
    gtk_list_box_append (self->list_box,
                         build_row (self, g_ptr_array_index (self->complaints, i)));

  update_summary (self);
  update_actions (self);
}

static gpointer
list_complaints_func (SitrepStore   *store,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  return sitrep_store_list_complaints (store, *(gint64 *) data, error);
}

static void
complaints_read_cb (gpointer      result,
                    const GError *error,
                    gpointer      user_data)
{
  SitrepComplaintsView *self = user_data;

  /* A team database that went away keeps the complaints as last read. */
  if (result == NULL)
    {
      if (!g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_UNREACHABLE))
        g_warning ("Could not list the complaints of incident %" G_GINT64_FORMAT ": %s",
                   self->incident_id, error->message);
      return;
    }

  show_complaints (self, result);
}

static void
cancel_read (SitrepComplaintsView *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/* An incident holds tens of complaints, not thousands: read at once from
 * a desk's file, on the worker from a team database. */
static void
reload (SitrepComplaintsView *self)
{
  cancel_read (self);

  if (self->store == NULL || self->incident_id <= 0)
    {
      show_complaints (self, NULL);
      return;
    }

  self->cancellable = g_cancellable_new ();
  sitrep_context_read (self->context, list_complaints_func,
                       g_memdup2 (&self->incident_id, sizeof self->incident_id), g_free,
                       (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                       complaints_read_cb, self, NULL);
}

static void
incident_changed_cb (SitrepComplaintsView *self,
                     gint64                id,
                     guint                 changes,
                     SitrepStore          *store)
{
  /* A complaint moved away or here changes both incidents. */
  if (id == self->incident_id
      && (changes & (SITREP_CHANGE_COMPLAINTS | SITREP_CHANGE_CREATED)) != 0)
    reload (self);
}

static void
store_changed_cb (SitrepComplaintsView *self,
                  SitrepStore          *store)
{
  reload (self);
}

static const char *
get_author (SitrepComplaintsView *self)
{
  return self->user_name != NULL && *self->user_name != '\0' ? self->user_name : NULL;
}

static void
present_dialog (SitrepComplaintsView *self,
                GtkWidget            *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_failure (SitrepComplaintsView *self,
              const GError         *error)
{
  /* The enclosing view's toasts show it; outside one it is at least logged. */
  sitrep_toast_show (GTK_WIDGET (self), error->message, 8);
}

static void
add_activated_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SitrepComplaintsView *self = SITREP_COMPLAINTS_VIEW (widget);

  present_dialog (self, sitrep_complaint_dialog_new_add (self->store, self->incident_id,
                                                         get_author (self)));
}

/* A verdict set from the row's menu, on the store's terms. */
typedef struct
{
  gint64         id;
  SitrepVerdict  verdict;
  char          *author;
} VerdictWrite;

static void
verdict_write_free (gpointer data)
{
  VerdictWrite *w = data;

  g_free (w->author);
  g_free (w);
}

static gboolean
write_verdict (SitrepStore  *store,
               gpointer      data,
               GError      **error)
{
  VerdictWrite *w = data;

  return sitrep_store_set_complaint_verdict (store, w->id, w->verdict, NULL, w->author, error);
}

static void
verdict_written_cb (GObject      *owner,
                    const GError *error,
                    gpointer      data)
{
  /* The change itself comes back as the store's announcement. */
  if (error != NULL)
    show_failure (SITREP_COMPLAINTS_VIEW (owner), error);
}

static void
verdict_activated_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SitrepComplaintsView *self = SITREP_COMPLAINTS_VIEW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  SitrepComplaint *complaint = find_complaint (self, id);
  SitrepVerdict verdict;
  VerdictWrite *w;

  if (complaint == NULL)
    return;

  if (g_str_equal (action_name, "complaint.not-attributed"))
    {
      present_dialog (self, sitrep_complaint_dialog_new_not_attributed (self->store, complaint,
                                                                        get_author (self)));
      return;
    }
  if (g_str_equal (action_name, "complaint.move"))
    {
      present_dialog (self, sitrep_complaint_dialog_new_move (self->store, complaint,
                                                              get_author (self)));
      return;
    }

  verdict = g_str_equal (action_name, "complaint.attribute")
            ? SITREP_VERDICT_ATTRIBUTED : SITREP_VERDICT_NOT_ANALYSED;
  if (verdict == sitrep_complaint_get_verdict (complaint))
    return;

  w = g_new0 (VerdictWrite, 1);
  w->id = id;
  w->verdict = verdict;
  w->author = g_strdup (get_author (self));
  sitrep_store_submit (self->store, write_verdict, w, verdict_write_free, G_OBJECT (self),
                       verdict_written_cb);
}

static void
sitrep_complaints_view_dispose (GObject *object)
{
  SitrepComplaintsView *self = (SitrepComplaintsView *)object;

  sitrep_complaints_view_set_context (self, NULL);
  /* The template's child is AdwBin's, which unparents it itself. */

  G_OBJECT_CLASS (sitrep_complaints_view_parent_class)->dispose (object);
}

static void
sitrep_complaints_view_finalize (GObject *object)
{
  SitrepComplaintsView *self = (SitrepComplaintsView *)object;

  g_clear_pointer (&self->complaints, g_ptr_array_unref);
  g_clear_pointer (&self->verdict_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->user_name, g_free);

  G_OBJECT_CLASS (sitrep_complaints_view_parent_class)->finalize (object);
}

static void
sitrep_complaints_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SitrepComplaintsView *self = SITREP_COMPLAINTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_INCIDENT_ID:
      g_value_set_int64 (value, self->incident_id);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_USER_NAME:
      g_value_set_string (value, self->user_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_complaints_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  SitrepComplaintsView *self = SITREP_COMPLAINTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      sitrep_complaints_view_set_context (self, g_value_get_object (value));
      break;
    case PROP_INCIDENT_ID:
      sitrep_complaints_view_set_incident_id (self, g_value_get_int64 (value));
      break;
    case PROP_READ_ONLY:
      sitrep_complaints_view_set_read_only (self, g_value_get_boolean (value));
      break;
    case PROP_USER_NAME:
      sitrep_complaints_view_set_user_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_complaints_view_class_init (SitrepComplaintsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_complaints_view_dispose;
  object_class->finalize = sitrep_complaints_view_finalize;
  object_class->get_property = sitrep_complaints_view_get_property;
  object_class->set_property = sitrep_complaints_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SITREP_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INCIDENT_ID] =
    g_param_spec_int64 ("incident-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "complaint.add", NULL, add_activated_cb);
  gtk_widget_class_install_action (widget_class, "complaint.attribute", "x", verdict_activated_cb);
  gtk_widget_class_install_action (widget_class, "complaint.not-attributed", "x",
                                   verdict_activated_cb);
  gtk_widget_class_install_action (widget_class, "complaint.not-analysed", "x",
                                   verdict_activated_cb);
  gtk_widget_class_install_action (widget_class, "complaint.move", "x", verdict_activated_cb);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/ui/"
                                               "sitrep-complaints-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepComplaintsView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepComplaintsView, list_box);
  gtk_widget_class_bind_template_child (widget_class, SitrepComplaintsView, add_button);
}

static void
sitrep_complaints_view_init (SitrepComplaintsView *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  sitrep_accessible_name_mnemonic_buttons (GTK_WIDGET (self));
  self->verdict_buttons = g_ptr_array_new ();

  placeholder = gtk_label_new (_("No complaints recorded for this incident"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->list_box, placeholder);

  reload (self);
}

/**
 * sitrep_complaints_view_new:
 *
 * Creates an empty complaints section; give it a store and an incident.
 *
 * Returns: (transfer floating): a new #SitrepComplaintsView
 */
GtkWidget *
sitrep_complaints_view_new (void)
{
  return g_object_new (SITREP_TYPE_COMPLAINTS_VIEW, NULL);
}

/**
 * sitrep_complaints_view_get_store:
 * @self: a #SitrepComplaintsView
 *
 * Returns: (transfer none) (nullable): the store the complaints come from
 */
SitrepStore *
sitrep_complaints_view_get_store (SitrepComplaintsView *self)
{
  g_return_val_if_fail (SITREP_IS_COMPLAINTS_VIEW (self), NULL);

  return self->store;
}

/**
 * sitrep_complaints_view_set_context:
 * @self: a #SitrepComplaintsView
 * @context: (nullable): the context, whose store the complaints come from
 *   and go to
 *
 * Sets the context; the view follows its store's changes.
 */
void
sitrep_complaints_view_set_context (SitrepComplaintsView *self,
                                    SitrepContext        *context)
{
  SitrepStore *store;

  g_return_if_fail (SITREP_IS_COMPLAINTS_VIEW (self));
  g_return_if_fail (context == NULL || SITREP_IS_CONTEXT (context));

  if (self->context == context)
    return;

  cancel_read (self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_set_object (&self->context, context);
  store = context != NULL ? sitrep_context_get_store (context) : NULL;
  if (store != NULL)
    {
      self->store = g_object_ref (store);
      g_signal_connect_object (store, "incident-changed", G_CALLBACK (incident_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * sitrep_complaints_view_get_incident_id:
 * @self: a #SitrepComplaintsView
 *
 * Returns: the row id of the incident shown, or 0
 */
gint64
sitrep_complaints_view_get_incident_id (SitrepComplaintsView *self)
{
  g_return_val_if_fail (SITREP_IS_COMPLAINTS_VIEW (self), 0);

  return self->incident_id;
}

/**
 * sitrep_complaints_view_set_incident_id:
 * @self: a #SitrepComplaintsView
 * @incident_id: the row id of the incident, or 0 for none
 *
 * Shows the complaints of another incident.
 */
void
sitrep_complaints_view_set_incident_id (SitrepComplaintsView *self,
                                        gint64                incident_id)
{
  g_return_if_fail (SITREP_IS_COMPLAINTS_VIEW (self));

  if (self->incident_id == incident_id)
    return;

  self->incident_id = incident_id;
  show_complaints (self, NULL);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT_ID]);
}

/**
 * sitrep_complaints_view_get_read_only:
 * @self: a #SitrepComplaintsView
 *
 * Returns: %TRUE if the user may only view the complaints
 */
gboolean
sitrep_complaints_view_get_read_only (SitrepComplaintsView *self)
{
  g_return_val_if_fail (SITREP_IS_COMPLAINTS_VIEW (self), FALSE);

  return self->read_only;
}

/**
 * sitrep_complaints_view_set_read_only:
 * @self: a #SitrepComplaintsView
 * @read_only: %TRUE for a user who may only view
 *
 * Disables every action that changes a complaint when @read_only is set.
 */
void
sitrep_complaints_view_set_read_only (SitrepComplaintsView *self,
                                      gboolean              read_only)
{
  g_return_if_fail (SITREP_IS_COMPLAINTS_VIEW (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  self->read_only = read_only;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

/**
 * sitrep_complaints_view_set_user_name:
 * @self: a #SitrepComplaintsView
 * @user_name: (nullable): the author recorded for changes made here
 *
 * Sets who the timeline names for changes made in the section.
 */
void
sitrep_complaints_view_set_user_name (SitrepComplaintsView *self,
                                      const char           *user_name)
{
  g_return_if_fail (SITREP_IS_COMPLAINTS_VIEW (self));

  if (g_strcmp0 (self->user_name, user_name) == 0)
    return;

  g_free (self->user_name);
  self->user_name = g_strdup (user_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_NAME]);
}

/**
 * sitrep_complaints_view_get_summary:
 * @self: a #SitrepComplaintsView
 *
 * Returns: (transfer none): the counts shown in the section's header,
 *   e.g. "23 of 41 attributed · 6 not yet analysed"
 */
const char *
sitrep_complaints_view_get_summary (SitrepComplaintsView *self)
{
  g_return_val_if_fail (SITREP_IS_COMPLAINTS_VIEW (self), NULL);

  return gtk_label_get_label (self->summary_label);
}

/**
 * sitrep_complaints_view_get_n_complaints:
 * @self: a #SitrepComplaintsView
 *
 * Returns: how many complaints the section lists
 */
guint
sitrep_complaints_view_get_n_complaints (SitrepComplaintsView *self)
{
  g_return_val_if_fail (SITREP_IS_COMPLAINTS_VIEW (self), 0);

  return self->complaints != NULL ? self->complaints->len : 0;
}

/**
 * sitrep_complaints_view_get_verdict_button:
 * @self: a #SitrepComplaintsView
 * @position: the complaint's position in the list
 *
 * Returns: (transfer none) (nullable): the menu button that changes the
 *   verdict of the complaint at @position
 */
GtkWidget *
sitrep_complaints_view_get_verdict_button (SitrepComplaintsView *self,
                                           guint                 position)
{
  g_return_val_if_fail (SITREP_IS_COMPLAINTS_VIEW (self), NULL);

  if (position >= self->verdict_buttons->len)
    return NULL;
  return g_ptr_array_index (self->verdict_buttons, position);
}
