/* sitrep-window-pages.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-accessible.h"
#include "sitrep-interchange.h"
#include "sitrep-window-private.h"

/*
 * What the main window shows around its list: the page of an empty
 * database, with the sample incidents it offers, the page of a filter or
 * search without results, and the list's subtitle.
 */

#define SAMPLES_RESOURCE "/io/github/sitrep/Sitrep/sitrep-samples.json"

static gpointer
read_has_incidents (SitrepStore   *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean has = sitrep_store_has_incidents (store, &local_error);

  /* A database that cannot say is taken as not empty: the list says what
   * it holds. */
  if (local_error != NULL)
    g_debug ("Whether the database holds incidents is not known: %s", local_error->message);

  return GINT_TO_POINTER (has || local_error != NULL ? 2 : 1);
}

static void
has_incidents_read_cb (gpointer      result,
                       const GError *error,
                       gpointer      user_data)
{
  SitrepWindow *self = SITREP_WINDOW (user_data);

  g_clear_object (&self->has_incidents_cancellable);
  if (self->has_incidents < 0)
    self->has_incidents = result == NULL || GPOINTER_TO_INT (result) == 2;
  if (!self->asking_has_incidents)
    _sitrep_window_update_pages (self);
}

/* Whether any incident exists is read from the first row only, once, and
 * again only after an import or another process's changes; on a team
 * database, on the context's worker. Until it is known, the database is
 * taken as not empty. */
static gboolean
database_is_empty (SitrepWindow *self)
{
  if (self->has_incidents < 0 && self->has_incidents_cancellable == NULL)
    {
      self->has_incidents_cancellable = g_cancellable_new ();
      self->asking_has_incidents = TRUE;
      sitrep_context_read (self->context, read_has_incidents, NULL, NULL, NULL,
                           self->has_incidents_cancellable, has_incidents_read_cb, self, NULL);
      self->asking_has_incidents = FALSE;
    }

  return self->has_incidents == FALSE;
}

/* The empty page, the list or the page without results, and the list's
 * subtitle. */
void
_sitrep_window_update_pages (SitrepWindow *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  gboolean empty_database = n_items == 0 && database_is_empty (self);
  g_autofree char *subtitle = NULL;
  g_autofree char *filter = sitrep_filter_describe (sitrep_incident_list_get_filter (self->list));

  gtk_stack_set_visible_child_name (self->main_stack, empty_database ? "empty" : "incidents");
  gtk_stack_set_visible_child_name (self->list_stack, n_items > 0 ? "list" : "no-results");

  /* The list shows the previous answer until the worker's comes. */
  if (sitrep_incident_list_get_loading (self->list))
    /* Translators: the list's subtitle while its incidents are being
     * read, e.g. for a search: the filter */
    subtitle = g_strdup_printf (_("%s · updating…"), filter);
  else
    /* Translators: the list's subtitle: the filter, and how many incidents
     * it shows */
    subtitle = g_strdup_printf (ngettext ("%s · %u incident", "%s · %u incidents", n_items),
                                filter, n_items);
  adw_window_title_set_subtitle (self->list_title, subtitle);
  /* The pane keeps its width: a long filter ellipsizes the subtitle, and
   * the whole of it, with the count at its end, is in the tooltip. */
  sitrep_accessible_set_tooltip (GTK_WIDGET (self->list_title), subtitle);
}

/* Shows the first of the sample incidents once the list has them. */
void
_sitrep_window_show_first_loaded (SitrepWindow *self)
{
  if (!self->show_first_loaded || sitrep_incident_list_get_loading (self->list)
      || g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0)
    return;

  self->show_first_loaded = FALSE;
  sitrep_window_show_incident (self, sitrep_incident_list_get_id (self->list, 0));
}

static void
show_error (SitrepWindow *self,
            const char   *heading,
            const char   *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
write_samples (SitrepStore  *store,
               gpointer      data,
               GError      **error)
{
  g_autoptr(SitrepImportResult) result = NULL;
  gsize length;
  gconstpointer bytes = g_bytes_get_data (data, &length);

  return sitrep_interchange_import_data (store, bytes, length, FALSE, &result, error);
}

static void
samples_written_cb (GObject      *owner,
                    const GError *error,
                    gpointer      data)
{
  SitrepWindow *self = SITREP_WINDOW (owner);

  if (error != NULL)
    {
      show_error (self, _("Could Not Load the Sample Incidents"), error->message);
      return;
    }

  _sitrep_window_update_pages (self);
  /* The list reads the new incidents on the worker: the first is shown
   * once they are there. */
  self->show_first_loaded = !adw_leaflet_get_folded (self->leaflet);
  _sitrep_window_show_first_loaded (self);
}

/* The sample incidents are imported as any other change is written: on a
 * team database, on the store's writing thread. */
void
_sitrep_window_load_samples_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  SitrepWindow *self = SITREP_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  bytes = g_resources_lookup_data (SAMPLES_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      show_error (self, _("Could Not Load the Sample Incidents"), error->message);
      return;
    }

  sitrep_store_submit (self->store, write_samples, bytes, (GDestroyNotify) g_bytes_unref,
                       G_OBJECT (self), samples_written_cb);
}
