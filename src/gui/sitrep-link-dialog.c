/* sitrep-link-dialog.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-accessible.h"
#include "sitrep-link-dialog.h"
#include "sitrep-worker.h"

/*
 * "Link Incident…": what this incident is to another (a duplicate of it,
 * related to it, caused by it, its child) and which one. The other
 * incident is found by typing its key or words of it; the search runs on
 * the context's worker, a newer search cancelling the one before, and the
 * first incident found is selected, so that typing a key and pressing
 * Enter links to it. The confirm button names the incident it links to.
 * A duplicate that can still be cancelled is cancelled with its link,
 * unless the switch says otherwise. Escape closes without a change.
 */

/* at most this many incidents are listed for a search */
#define MAX_RESULTS 20

struct _SitrepLinkDialog
{
  AdwWindow        parent_instance;

  AdwWindowTitle  *window_title;
  GtkButton       *confirm_button;
  AdwComboRow     *kind_row;
  AdwActionRow    *cancel_row;
  GtkSwitch       *cancel_switch;
  GtkSearchEntry  *search_entry;
  GtkListBox      *results_box;
  GtkLabel        *error_label;

  SitrepContext   *context;
  SitrepIncident  *incident;
  GPtrArray       *results;       /* SitrepIncident, as listed */
  char            *results_text;  /* what was searched for them */
  char            *searching_text; /* the search running, the only one */
  GCancellable    *search_cancellable;
  gboolean         waiting;      /* confirmed: the store has not answered yet */
  gboolean         close_when_done;
};

G_DEFINE_FINAL_TYPE (SitrepLinkDialog, sitrep_link_dialog, ADW_TYPE_WINDOW)

/* the search, run on the worker's thread with its own connection */
typedef struct
{
  char   *text;
  gint64  exclude;
} SearchJob;

static void
search_job_free (SearchJob *job)
{
  g_free (job->text);
  g_free (job);
}

static gpointer
run_search_job (SitrepStore   *reader,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  SearchJob *job = data;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *key = NULL;
  g_autofree char *upper = g_ascii_strup (job->text, -1);
  SitrepQuery query = { SITREP_LIST_FILTER_ALL, SITREP_LIST_SORT_NEWEST, job->text, NULL };

  /* "INC-12", "inc-12" or "12": that incident first */
  if (g_str_has_prefix (upper, "INC-"))
    key = g_strdup (upper);
  else if (*upper != '\0' && strspn (upper, "0123456789") == strlen (upper))
    key = g_strconcat ("INC-", upper, NULL);

  if (key != NULL)
    {
      SitrepIncident *incident = sitrep_store_find_incident (reader, key, NULL);

      if (incident != NULL && sitrep_incident_get_id (incident) != job->exclude)
        g_ptr_array_add (found, incident);
      else
        g_clear_object (&incident);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  ids = sitrep_store_query_page (reader, &query, 0, MAX_RESULTS, error);
  if (ids == NULL)
    return NULL;

  for (guint i = 0; i < ids->len && found->len < MAX_RESULTS; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      SitrepIncident *incident;

      if (id == job->exclude ||
          (found->len > 0 && sitrep_incident_get_id (g_ptr_array_index (found, 0)) == id))
        continue;

      incident = sitrep_store_get_incident (reader, id, error);
      if (incident == NULL)
        return NULL;
      g_ptr_array_add (found, incident);
    }

  return g_steal_pointer (&found);
}

static SitrepLinkKind
selected_kind (SitrepLinkDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  return selected < SITREP_N_LINK_KINDS ? (SitrepLinkKind) selected
                                        : SITREP_LINK_KIND_RELATED_TO;
}

static SitrepIncident *
selected_incident (SitrepLinkDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->results_box);
  int index;

  if (row == NULL || self->results == NULL)
    return NULL;

  index = gtk_list_box_row_get_index (row);
  if (index < 0 || (guint) index >= self->results->len)
    return NULL;

  return g_ptr_array_index (self->results, index);
}

/* Whether the incident is cancelled with its link: a duplicate that is
 * still open, unless the user turned it off. */
static gboolean
cancels (SitrepLinkDialog *self)
{
  return selected_kind (self) == SITREP_LINK_KIND_DUPLICATE_OF &&
         sitrep_status_is_open (sitrep_incident_get_status (self->incident)) &&
         gtk_switch_get_active (self->cancel_switch);
}

/* Whether the dialog is going: its list box announces the removal of
 * its rows while the template's children are released. */
static gboolean
is_gone (SitrepLinkDialog *self)
{
  return gtk_widget_in_destruction (GTK_WIDGET (self)) || self->error_label == NULL ||
         self->kind_row == NULL;
}

static void
show_error (SitrepLinkDialog *self,
            const char       *message)
{
  if (is_gone (self))
    return;

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_confirm (SitrepLinkDialog *self)
{
  SitrepIncident *target;
  g_autofree char *label = NULL;

  if (is_gone (self))
    return;

  target = selected_incident (self);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_row),
                          selected_kind (self) == SITREP_LINK_KIND_DUPLICATE_OF &&
                          sitrep_status_is_open (sitrep_incident_get_status (self->incident)));

  if (target == NULL)
    label = g_strdup (_("_Link"));
  else if (cancels (self))
    /* Translators: the button that marks a duplicate and cancels it */
    label = g_strdup_printf (_("_Link to %s and Cancel"), sitrep_incident_get_key (target));
  else
    label = g_strdup_printf (_("_Link to %s"), sitrep_incident_get_key (target));

  gtk_button_set_label (self->confirm_button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), target != NULL && !self->waiting);
}

static GtkWidget *
build_result_row (SitrepIncident *incident)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%s · %s", sitrep_incident_get_key (incident),
                                            sitrep_incident_get_title (incident));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s",
                                               sitrep_status_to_label (
                                                 sitrep_incident_get_status (incident)),
                                               sitrep_incident_get_service (incident));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
show_results (SitrepLinkDialog *self,
              GPtrArray        *results,
              const char       *text)
{
  GtkWidget *row;

  g_free (self->results_text);
  self->results_text = g_strdup (text);

  while ((row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->results_box, 0))) != NULL)
    gtk_list_box_remove (self->results_box, row);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  self->results = results;

  for (guint i = 0; results != NULL && i < results->len; i++)
    gtk_list_box_append (self->results_box, build_result_row (g_ptr_array_index (results, i)));

  /* the best match is what Enter links to */
  if (results != NULL && results->len > 0)
    gtk_list_box_select_row (self->results_box,
                             gtk_list_box_get_row_at_index (self->results_box, 0));
  update_confirm (self);
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SitrepLinkDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *results = sitrep_worker_run_finish (sitrep_context_get_worker (self->context),
                                                 result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->search_cancellable);
  if (results == NULL)
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  show_results (self, results, self->searching_text);
}

static void
start_search (SitrepLinkDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  SearchJob *job;

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  g_free (self->searching_text);
  self->searching_text = g_strstrip (g_strdup (text));
  if (*self->searching_text == '\0')
    {
      show_results (self, NULL, self->searching_text);
      return;
    }

  job = g_new0 (SearchJob, 1);
  job->text = g_strdup (self->searching_text);
  job->exclude = sitrep_incident_get_id (self->incident);
  self->search_cancellable = g_cancellable_new ();

  sitrep_worker_run_async (sitrep_context_get_worker (self->context), run_search_job, job,
                           (GDestroyNotify) search_job_free,
                           (GDestroyNotify) g_ptr_array_unref, self->search_cancellable,
                           search_done_cb, g_object_ref (self));
}

static void
search_changed_cb (SitrepLinkDialog *self)
{
  start_search (self);
}

static void
confirm (SitrepLinkDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (selected_incident (self) == NULL)
    return;

  /* The dialog closes once the store has the link. */
  self->close_when_done = TRUE;
  if (!sitrep_link_dialog_apply (self, &error))
    {
      self->close_when_done = FALSE;
      if (error != NULL)
        show_error (self, error->message);
    }
}

/* Whether the incidents listed are those found for what is typed now:
 * the search starts a moment after the last key, so the list may still
 * be the one of the text before. */
static gboolean
is_answered (SitrepLinkDialog *self)
{
  g_autofree char *text =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  return self->search_cancellable == NULL && g_strcmp0 (text, self->results_text) == 0;
}

/* Enter in the search: the default action, once the list is answered */
static void
search_activated_cb (SitrepLinkDialog *self)
{
  if (is_answered (self))
    confirm (self);
}

/* Escape in the search closes the dialog, as everywhere else in it. */
static void
search_stopped_cb (SitrepLinkDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
row_selected_cb (SitrepLinkDialog *self)
{
  show_error (self, NULL);
  update_confirm (self);
}

static void
row_activated_cb (SitrepLinkDialog *self)
{
  confirm (self);
}

static void
input_changed_cb (SitrepLinkDialog *self)
{
  show_error (self, NULL);
  update_confirm (self);
}

static void
confirm_clicked_cb (SitrepLinkDialog *self)
{
  confirm (self);
}

/* Typing starts in the search: a key and Enter link the incident. */
static void
sitrep_link_dialog_map (GtkWidget *widget)
{
  SitrepLinkDialog *self = SITREP_LINK_DIALOG (widget);

  GTK_WIDGET_CLASS (sitrep_link_dialog_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
sitrep_link_dialog_dispose (GObject *object)
{
  SitrepLinkDialog *self = SITREP_LINK_DIALOG (object);

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_LINK_DIALOG);

  G_OBJECT_CLASS (sitrep_link_dialog_parent_class)->dispose (object);
}

static void
sitrep_link_dialog_finalize (GObject *object)
{
  SitrepLinkDialog *self = SITREP_LINK_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_object (&self->incident);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->results_text, g_free);
  g_clear_pointer (&self->searching_text, g_free);

  G_OBJECT_CLASS (sitrep_link_dialog_parent_class)->finalize (object);
}

static void
sitrep_link_dialog_class_init (SitrepLinkDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_link_dialog_dispose;
  object_class->finalize = sitrep_link_dialog_finalize;
  widget_class->map = sitrep_link_dialog_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/ui/"
                                               "sitrep-link-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepLinkDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SitrepLinkDialog, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepLinkDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepLinkDialog, cancel_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepLinkDialog, cancel_switch);
  gtk_widget_class_bind_template_child (widget_class, SitrepLinkDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SitrepLinkDialog, results_box);
  gtk_widget_class_bind_template_child (widget_class, SitrepLinkDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stopped_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, input_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_clicked_cb);
}

static void
sitrep_link_dialog_init (SitrepLinkDialog *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->confirm_button));

  placeholder = gtk_label_new (_("Type a key such as INC-12, or words of a title"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_list_box_set_placeholder (self->results_box, placeholder);
}

/**
 * sitrep_link_dialog_new:
 * @context: the application's context (store, worker, user)
 * @incident: the incident to link from
 *
 * Returns: (transfer floating): a dialog that links @incident to another;
 *   it writes through the context's store when confirmed
 */
GtkWidget *
sitrep_link_dialog_new (SitrepContext  *context,
                        SitrepIncident *incident)
{
  SitrepLinkDialog *self;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (SITREP_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), NULL);

  self = g_object_new (SITREP_TYPE_LINK_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->incident = sitrep_incident_copy (incident);

  /* Translators: the dialog's subtitle, "INC-15 · Shop broken" */
  subtitle = g_strdup_printf (_("%s · %s"), sitrep_incident_get_key (incident),
                              sitrep_incident_get_title (incident));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  update_confirm (self);

  return GTK_WIDGET (self);
}

/**
 * sitrep_link_dialog_set_kind:
 * @self: a #SitrepLinkDialog
 * @kind: what this incident is to the other
 */
void
sitrep_link_dialog_set_kind (SitrepLinkDialog *self,
                             SitrepLinkKind    kind)
{
  g_return_if_fail (SITREP_IS_LINK_DIALOG (self));
  g_return_if_fail ((guint) kind < SITREP_N_LINK_KINDS);

  adw_combo_row_set_selected (self->kind_row, kind);
}

/**
 * sitrep_link_dialog_get_kind:
 * @self: a #SitrepLinkDialog
 *
 * Returns: what this incident is to the other, as chosen
 */
SitrepLinkKind
sitrep_link_dialog_get_kind (SitrepLinkDialog *self)
{
  g_return_val_if_fail (SITREP_IS_LINK_DIALOG (self), SITREP_LINK_KIND_RELATED_TO);

  return selected_kind (self);
}

/**
 * sitrep_link_dialog_search:
 * @self: a #SitrepLinkDialog
 * @text: a key or words
 *
 * Types @text into the search, which then runs on the worker.
 */
void
sitrep_link_dialog_search (SitrepLinkDialog *self,
                           const char       *text)
{
  g_return_if_fail (SITREP_IS_LINK_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
}

/**
 * sitrep_link_dialog_get_target_key:
 * @self: a #SitrepLinkDialog
 *
 * Returns: (nullable): the key of the incident selected to link to
 */
const char *
sitrep_link_dialog_get_target_key (SitrepLinkDialog *self)
{
  SitrepIncident *target;

  g_return_val_if_fail (SITREP_IS_LINK_DIALOG (self), NULL);

  target = selected_incident (self);
  return target != NULL ? sitrep_incident_get_key (target) : NULL;
}

/**
 * sitrep_link_dialog_get_n_results:
 * @self: a #SitrepLinkDialog
 *
 * Returns: how many incidents the last search found (0 while it runs)
 */
guint
sitrep_link_dialog_get_n_results (SitrepLinkDialog *self)
{
  g_return_val_if_fail (SITREP_IS_LINK_DIALOG (self), 0);

  return self->search_cancellable == NULL && self->results != NULL ? self->results->len : 0;
}

/**
 * sitrep_link_dialog_get_answered:
 * @self: a #SitrepLinkDialog
 *
 * Returns: whether the incidents listed were found for the text in the
 *   search now (and Enter would link to the first)
 */
gboolean
sitrep_link_dialog_get_answered (SitrepLinkDialog *self)
{
  g_return_val_if_fail (SITREP_IS_LINK_DIALOG (self), FALSE);

  return is_answered (self);
}

/**
 * sitrep_link_dialog_get_cancels:
 * @self: a #SitrepLinkDialog
 *
 * Returns: whether confirming cancels the incident as a duplicate
 */
gboolean
sitrep_link_dialog_get_cancels (SitrepLinkDialog *self)
{
  g_return_val_if_fail (SITREP_IS_LINK_DIALOG (self), FALSE);

  return cancels (self);
}

/* The link chosen, on the store's terms (on a team database, on its
 * writing thread). */
typedef struct
{
  gint64          id;
  SitrepLinkKind  kind;
  char           *target_key;
  gboolean        cancels;
  char           *author;
} LinkWrite;

static void
link_write_free (gpointer data)
{
  LinkWrite *w = data;

  g_free (w->target_key);
  g_free (w->author);
  g_free (w);
}

static gboolean
write_link (SitrepStore  *store,
            gpointer      data,
            GError      **error)
{
  LinkWrite *w = data;

  return sitrep_store_add_link (store, w->id, w->kind, w->target_key, w->cancels, w->author,
                                error);
}

static void
link_written_cb (GObject      *owner,
                 const GError *error,
                 gpointer      data)
{
  SitrepLinkDialog *self = SITREP_LINK_DIALOG (owner);

  self->waiting = FALSE;
  update_confirm (self);
  sitrep_accessible_describe (GTK_WIDGET (self->confirm_button), NULL);
  if (error != NULL)
    {
      self->close_when_done = FALSE;
      show_error (self, error->message);
      return;
    }

  if (self->close_when_done)
    gtk_window_close (GTK_WINDOW (self));
}

/**
 * sitrep_link_dialog_apply:
 * @self: a #SitrepLinkDialog
 * @error: return location for a #GError
 *
 * Hands the link chosen (and the cancelling of a duplicate, see
 * sitrep_link_dialog_get_cancels()) to the store, to be made in one
 * transaction. What the store or its rules refuse is said in the dialog:
 * on a desk's file before this returns, on a team database once the
 * server has answered (until then the dialog cannot be confirmed again).
 *
 * Returns: %TRUE when handed to the store; %FALSE with @error when no
 *   incident is chosen
 */
gboolean
sitrep_link_dialog_apply (SitrepLinkDialog  *self,
                          GError           **error)
{
  SitrepIncident *target;
  LinkWrite *w;

  g_return_val_if_fail (SITREP_IS_LINK_DIALOG (self), FALSE);

  if (self->waiting)
    return FALSE;

  target = selected_incident (self);
  if (target == NULL)
    {
      g_set_error_literal (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_INVALID_VALUE,
                           _("Choose the incident to link to"));
      return FALSE;
    }

  w = g_new0 (LinkWrite, 1);
  w->id = sitrep_incident_get_id (self->incident);
  w->kind = selected_kind (self);
  w->target_key = g_strdup (sitrep_incident_get_key (target));
  w->cancels = cancels (self);
  w->author = g_strdup (sitrep_context_get_user_name (self->context));
  self->waiting = TRUE;
  update_confirm (self);
  sitrep_accessible_describe (GTK_WIDGET (self->confirm_button), _("Saving the change…"));
  sitrep_store_submit (sitrep_context_get_store (self->context), write_link, w, link_write_free,
                       G_OBJECT (self), link_written_cb);
  return TRUE;
}
