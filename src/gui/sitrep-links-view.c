/* sitrep-links-view.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-accessible.h"
#include "sitrep-link-dialog.h"
#include "sitrep-links-view.h"
#include "sitrep-toast.h"

/*
 * The links section of the incident view: the links that hold between
 * the incident and others, both those made in it ("Duplicate of INC-12 ·
 * Web shop down") and those made in others to it ("Child: INC-15"). Each
 * row opens the other incident (the application's "open-incident"
 * action). "Link Incident…" (Ctrl+Shift+K, the incident view's
 * incident.link from anywhere in the window) opens SitrepLinkDialog; each
 * row's remove button asks before it removes the link. A user who may
 * only view sees the links and can change none: the actions are
 * disabled.
 */

struct _SitrepLinksView
{
  AdwBin         parent_instance;

  GtkLabel      *summary_label;
  GtkListBox    *list_box;
  GtkWidget     *add_button;

  SitrepContext *context;
  SitrepStore   *store;        /* the context's, while connected */
  gint64         incident_id;
  gboolean       read_only;
  GPtrArray     *links;        /* SitrepLink, as listed */
  GCancellable  *cancellable;  /* the reads of the links on their way */
  GCancellable  *add_cancellable; /* the read before the Add dialog */
};

G_DEFINE_FINAL_TYPE (SitrepLinksView, sitrep_links_view, ADW_TYPE_BIN)

static void
update_actions (SitrepLinksView *self)
{
  gboolean editable = self->store != NULL && self->incident_id > 0 && !self->read_only;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "link.add", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "link.remove", editable);
  sitrep_accessible_set_tooltip (self->add_button,
                                 self->read_only
                                 ? _("Your role has data viewing permission: incidents "
                                     "cannot be linked")
                                 : _("Link this incident to another: a duplicate, related, "
                                     "a cause or a major incident (Ctrl+Shift+K)"));
}

static void
update_summary (SitrepLinksView *self)
{
  guint n = self->links != NULL ? self->links->len : 0;
  guint n_children = 0;
  const SitrepLink *original = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      const SitrepLink *link = g_ptr_array_index (self->links, i);

      if (link->kind == SITREP_LINK_KIND_CHILD_OF && !link->outgoing)
        n_children++;
      if (link->kind == SITREP_LINK_KIND_DUPLICATE_OF && link->outgoing)
        original = link;
    }

  if (n == 0)
    text = g_strdup (_("Not linked to other incidents"));
  else if (original != NULL)
    /* Translators: the summary of a duplicate's links */
    text = g_strdup_printf (_("Duplicate of %s"), original->other_key);
  else if (n_children > 0)
    text = g_strdup_printf (ngettext ("Major incident with %u child incident",
                                      "Major incident with %u child incidents", n_children),
                            n_children);
  else
    text = g_strdup_printf (ngettext ("%u linked incident", "%u linked incidents", n), n);

  gtk_label_set_label (self->summary_label, text);
}

static GtkWidget *
build_row (const SitrepLink *link)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  g_autofree char *title = sitrep_link_describe (link);
  g_autofree char *tooltip = g_strdup_printf (_("Open %s"), link->other_key);
  g_autofree char *remove_name = g_strdup_printf (_("Remove the link to %s"), link->other_key);

  /* removing asks first (link.remove), so a stray key changes nothing */
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "link.remove");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove),
                                          g_variant_new_int64 (link->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               sitrep_status_to_label (link->other_status));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, tooltip);
  return row;
}

static void
show_links (SitrepLinksView *self,
            GPtrArray       *links)
{
  GtkWidget *row;

  while ((row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box, 0))) != NULL)
    gtk_list_box_remove (self->list_box, row);
  g_clear_pointer (&self->links, g_ptr_array_unref);
  if (links != NULL)
    self->links = g_ptr_array_ref (links);

  for (guint i = 0; self->links != NULL && i < self->links->len; i++)
    gtk_list_box_append (self->list_box, build_row (g_ptr_array_index (self->links, i)));

  update_summary (self);
  update_actions (self);
}

/* Answers to the reads asked for so far are no longer wanted. */
static void
cancel_reads (SitrepLinksView *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static gpointer
list_links_func (SitrepStore   *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return sitrep_store_list_links (store, *(gint64 *) data, error);
}

static void
links_read_cb (gpointer      result,
               const GError *error,
               gpointer      user_data)
{
  SitrepLinksView *self = user_data;

  /* A team database that went away keeps the links as last read. */
  if (result == NULL)
    {
      if (!g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_UNREACHABLE))
        g_warning ("Could not list the links of incident %" G_GINT64_FORMAT ": %s",
                   self->incident_id, error->message);
      return;
    }

  show_links (self, result);
}

/* An incident has a handful of links, read through two indexes; a team
 * database answers on the main loop later, and the links of the incident
 * before are not shown meanwhile. */
static void
reload (SitrepLinksView *self)
{
  cancel_reads (self);

  if (self->context == NULL || self->store == NULL || self->incident_id <= 0)
    {
      show_links (self, NULL);
      return;
    }

  self->cancellable = g_cancellable_new ();
  sitrep_context_read (self->context, list_links_func,
                       g_memdup2 (&self->incident_id, sizeof self->incident_id), g_free,
                       (GDestroyNotify) g_ptr_array_unref, self->cancellable, links_read_cb,
                       self, NULL);
}

static void
incident_changed_cb (SitrepLinksView *self,
                     gint64           id,
                     guint            changes,
                     SitrepStore     *store)
{
  /* a link names the other incident's title and status too: follow them */
  if (id == self->incident_id &&
      (changes & (SITREP_CHANGE_LINKS | SITREP_CHANGE_CREATED)) != 0)
    {
      reload (self);
      return;
    }

  for (guint i = 0; self->links != NULL && i < self->links->len; i++)
    if (((SitrepLink *) g_ptr_array_index (self->links, i))->other_id == id &&
        (changes & (SITREP_CHANGE_FIELDS | SITREP_CHANGE_STATUS)) != 0)
      {
        reload (self);
        return;
      }
}

static void
store_changed_cb (SitrepLinksView *self,
                  SitrepStore     *store)
{
  reload (self);
}

static void
row_activated_cb (SitrepLinksView *self,
                  GtkListBoxRow   *row)
{
  int index = gtk_list_box_row_get_index (row);
  const SitrepLink *link;

  if (self->links == NULL || index < 0 || (guint) index >= self->links->len)
    return;

  link = g_ptr_array_index (self->links, index);
  gtk_widget_activate_action (GTK_WIDGET (self), "app.open-incident", "s", link->other_key);
}

static void
show_failure (SitrepLinksView *self,
              const GError    *error)
{
  sitrep_toast_show (GTK_WIDGET (self), error->message, 8);
}

static void
add_incident_read_cb (SitrepIncident *incident,
                      GPtrArray      *timeline,
                      const GError   *error,
                      gpointer        user_data)
{
  SitrepLinksView *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (incident == NULL)
    {
      show_failure (self, error);
      return;
    }
  if (sitrep_incident_get_id (incident) != self->incident_id || self->read_only)
    return;

  dialog = sitrep_link_dialog_new (self->context, incident);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_activated_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SitrepLinksView *self = SITREP_LINKS_VIEW (widget);

  if (self->store == NULL || self->incident_id <= 0 || self->read_only)
    return;

  /* the dialog starts from the incident as it is now */
  if (self->add_cancellable == NULL)
    self->add_cancellable = g_cancellable_new ();
  sitrep_context_read_incident (self->context, self->incident_id, SITREP_CONTEXT_READ_INCIDENT,
                                self->add_cancellable, add_incident_read_cb, self, NULL);
}

/* A link's removal, on the store's terms. */
typedef struct
{
  gint64  link_id;
  char   *author;
} LinkRemoval;

static void
link_removal_free (gpointer data)
{
  LinkRemoval *removal = data;

  g_free (removal->author);
  g_free (removal);
}

static gboolean
write_removal (SitrepStore  *store,
               gpointer      data,
               GError      **error)
{
  LinkRemoval *removal = data;

  return sitrep_store_remove_link (store, removal->link_id, removal->author, error);
}

static void
removal_written_cb (GObject      *owner,
                    const GError *error,
                    gpointer      data)
{
  /* The change itself comes back as the store's announcement. */
  if (error != NULL)
    show_failure (SITREP_LINKS_VIEW (owner), error);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SitrepLinksView  *self)
{
  const gint64 *link_id = g_object_get_data (G_OBJECT (dialog), "sitrep-link-id");
  LinkRemoval *removal;

  if (g_strcmp0 (response, "remove") != 0 || self->store == NULL || self->read_only)
    return;

  removal = g_new0 (LinkRemoval, 1);
  removal->link_id = *link_id;
  removal->author = g_strdup (sitrep_context_get_user_name (self->context));
  sitrep_store_submit (self->store, write_removal, removal, link_removal_free, G_OBJECT (self),
                       removal_written_cb);
}

static void
remove_activated_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SitrepLinksView *self = SITREP_LINKS_VIEW (widget);
  gint64 link_id = g_variant_get_int64 (parameter);
  const SitrepLink *link = NULL;
  g_autofree char *line = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  for (guint i = 0; self->links != NULL && i < self->links->len; i++)
    if (((SitrepLink *) g_ptr_array_index (self->links, i))->id == link_id)
      link = g_ptr_array_index (self->links, i);

  if (link == NULL || self->read_only)
    return;

  line = sitrep_link_describe (link);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Remove the Link?"), NULL);
  /* Translators: the %s is the link, "Duplicate of INC-12 · Web shop down" */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” will no longer hold. Both timelines record the "
                                    "removal; a duplicate cancelled with its link stays "
                                    "cancelled."), line);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "sitrep-link-id",
                          g_memdup2 (&link_id, sizeof link_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
disconnect_store (SitrepLinksView *self)
{
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
}

static void
sitrep_links_view_dispose (GObject *object)
{
  SitrepLinksView *self = SITREP_LINKS_VIEW (object);

  cancel_reads (self);
  if (self->add_cancellable != NULL)
    g_cancellable_cancel (self->add_cancellable);
  g_clear_object (&self->add_cancellable);
  disconnect_store (self);
  g_clear_object (&self->context);
  g_clear_pointer (&self->links, g_ptr_array_unref);

  G_OBJECT_CLASS (sitrep_links_view_parent_class)->dispose (object);
}

static void
sitrep_links_view_class_init (SitrepLinksViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_links_view_dispose;

  gtk_widget_class_install_action (widget_class, "link.add", NULL, add_activated_cb);
  gtk_widget_class_install_action (widget_class, "link.remove", "x", remove_activated_cb);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/ui/"
                                               "sitrep-links-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepLinksView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepLinksView, list_box);
  gtk_widget_class_bind_template_child (widget_class, SitrepLinksView, add_button);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
sitrep_links_view_init (SitrepLinksView *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("No duplicates, related, causing or child incidents"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_list_box_set_placeholder (self->list_box, placeholder);

  reload (self);
}

/**
 * sitrep_links_view_new:
 *
 * Returns: (transfer floating): a links section without an incident
 */
GtkWidget *
sitrep_links_view_new (void)
{
  return g_object_new (SITREP_TYPE_LINKS_VIEW, NULL);
}

/**
 * sitrep_links_view_set_context:
 * @self: a #SitrepLinksView
 * @context: (nullable): the application's context: its store, worker
 *   and user
 */
void
sitrep_links_view_set_context (SitrepLinksView *self,
                               SitrepContext   *context)
{
  g_return_if_fail (SITREP_IS_LINKS_VIEW (self));
  g_return_if_fail (context == NULL || SITREP_IS_CONTEXT (context));

  if (self->context == context)
    return;

  disconnect_store (self);
  g_set_object (&self->context, context);
  if (context != NULL)
    {
      self->store = g_object_ref (sitrep_context_get_store (context));
      g_signal_connect_object (self->store, "incident-changed",
                               G_CALLBACK (incident_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  reload (self);
}

/**
 * sitrep_links_view_get_incident_id:
 * @self: a #SitrepLinksView
 *
 * Returns: the row id of the incident shown, or 0
 */
gint64
sitrep_links_view_get_incident_id (SitrepLinksView *self)
{
  g_return_val_if_fail (SITREP_IS_LINKS_VIEW (self), 0);

  return self->incident_id;
}

/**
 * sitrep_links_view_set_incident_id:
 * @self: a #SitrepLinksView
 * @incident_id: the row id of the incident to show, or 0 for none
 */
void
sitrep_links_view_set_incident_id (SitrepLinksView *self,
                                   gint64           incident_id)
{
  g_return_if_fail (SITREP_IS_LINKS_VIEW (self));

  if (self->incident_id == incident_id)
    return;

  self->incident_id = incident_id;
  show_links (self, NULL);
  reload (self);
}

/**
 * sitrep_links_view_get_read_only:
 * @self: a #SitrepLinksView
 *
 * Returns: whether the user may only view the links
 */
gboolean
sitrep_links_view_get_read_only (SitrepLinksView *self)
{
  g_return_val_if_fail (SITREP_IS_LINKS_VIEW (self), FALSE);

  return self->read_only;
}

/**
 * sitrep_links_view_set_read_only:
 * @self: a #SitrepLinksView
 * @read_only: whether the user may only view the links
 */
void
sitrep_links_view_set_read_only (SitrepLinksView *self,
                                 gboolean         read_only)
{
  g_return_if_fail (SITREP_IS_LINKS_VIEW (self));

  self->read_only = !!read_only;
  update_actions (self);
}

/**
 * sitrep_links_view_get_n_links:
 * @self: a #SitrepLinksView
 *
 * Returns: how many links are listed
 */
guint
sitrep_links_view_get_n_links (SitrepLinksView *self)
{
  g_return_val_if_fail (SITREP_IS_LINKS_VIEW (self), 0);

  return self->links != NULL ? self->links->len : 0;
}

/**
 * sitrep_links_view_dup_row_text:
 * @self: a #SitrepLinksView
 * @position: a row's index
 *
 * Returns: (transfer full) (nullable): the title of the row at @position
 */
char *
sitrep_links_view_dup_row_text (SitrepLinksView *self,
                                guint            position)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (SITREP_IS_LINKS_VIEW (self), NULL);

  row = gtk_list_box_get_row_at_index (self->list_box, (int) position);
  if (row == NULL)
    return NULL;

  return g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

/**
 * sitrep_links_view_get_summary:
 * @self: a #SitrepLinksView
 *
 * Returns: the line under the section's heading
 */
const char *
sitrep_links_view_get_summary (SitrepLinksView *self)
{
  g_return_val_if_fail (SITREP_IS_LINKS_VIEW (self), NULL);

  return gtk_label_get_label (self->summary_label);
}
