/* sitrep-application.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "sitrep-application.h"
#include "sitrep-backup.h"
#include "sitrep-background.h"
#include "sitrep-file-writer.h"
#include "sitrep-notifier.h"
#include "sitrep-scheduler.h"
#include "sitrep-team-address.h"
#include "sitrep-team-secret.h"
#include "sitrep-preferences-window.h"
#include "sitrep-recovery-page.h"
#include "sitrep-resources.h"
#include "sitrep-window.h"

struct _SitrepApplication
{
  AdwApplication parent_instance;

  char        *database_path;
  char        *path;        /* the database file, as opened */
  SitrepClock *clock;
  SitrepStore *store;
  GError      *store_error;
  SitrepContext *context;
  GSettings   *settings;    /* the context's */

  /* Deadline watch: alerts raised on time, also without a window. */
  SitrepScheduler  *scheduler;
  SitrepNotifier   *notifier;
  SitrepBackground *background;
  gboolean          start_hidden;
  gboolean          scheduler_started;
  GtkWidget        *first_window;     /* whose first frame starts the scheduler */
  GdkFrameClock    *frame_clock;
  gulong            after_paint_id;
  gboolean          backup_started;

  /* a team database being opened, and the window that says so */
  gboolean          opening;
  GtkWindow        *connecting_window;
};

G_DEFINE_FINAL_TYPE (SitrepApplication, sitrep_application, ADW_TYPE_APPLICATION)

static int
sitrep_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  SitrepApplication *self = SITREP_APPLICATION (app);
  const char *database = NULL;

  /* The options are the command line's (src/cli), which has run any
   * headless command before this: what is left is for the window. */
  if (g_variant_dict_lookup (options, "database", "^&ay", &database))
    self->database_path = g_strdup (database);

  /* --background (the autostart entry) starts hidden, alerts only; when
   * Sitrep already runs, it already watches deadlines: nothing to do. */
  if (g_variant_dict_contains (options, "background"))
    {
      g_autoptr(GError) error = NULL;

      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (g_application_get_is_remote (app))
        return 0;

      self->start_hidden = TRUE;
    }

  return -1;
}

static GtkWindow *
get_main_window (SitrepApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (SITREP_IS_WINDOW (l->data))
        return l->data;
    }

  return gtk_application_get_active_window (GTK_APPLICATION (self));
}

static void
preferences_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  SitrepApplication *self = user_data;
  GtkWindow *window;

  if (self->store == NULL)
    return;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (SITREP_IS_PREFERENCES_WINDOW (l->data))
        {
          gtk_window_present (l->data);
          return;
        }
    }

  window = GTK_WINDOW (sitrep_preferences_window_new (self->context));
  gtk_window_set_application (window, GTK_APPLICATION (self));
  gtk_window_set_transient_for (window, get_main_window (self));
  gtk_window_present (window);
}

static void
shortcuts_activated_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  SitrepApplication *self = user_data;
  GtkWindow *window = get_main_window (self);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  SitrepApplication *self = user_data;
  const char *developers[] = { _("The Sitrep authors"), NULL };

  adw_show_about_window (get_main_window (self),
                         "application-name", _("Sitrep"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Sitrep authors"),
                         "developers", developers,
                         "comments", _("Run IT incidents: record trouble tickets, keep their "
                                       "escalation timeline and meet their deadlines"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://github.com/sitrep/sitrep",
                         "issue-url", "https://github.com/sitrep/sitrep/issues",
                         "copyright", "© 2026 The Sitrep authors",
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* A session that ends, or a terminal's Ctrl+C, asks Sitrep to stop: it
 * quits as from its menu, so that the deadline watch records when it last
 * ran and alerts that fall due later are raised at the next start. */
static gboolean
quit_signal_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));

  return G_SOURCE_CONTINUE;
}

static char *
dup_notification_author (SitrepApplication *self)
{
  /* Translators: %s is the user's name; the timeline shows who did what */
  return g_strdup_printf (_("%s (from a notification)"),
                          sitrep_context_get_user_name (self->context));
}

static gpointer
find_incident_func (SitrepStore   *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return sitrep_store_find_incident (store, data, error);
}

static void
incident_found_cb (gpointer      result,
                   const GError *error,
                   gpointer      user_data)
{
  SitrepApplication *self = user_data;
  GtkWindow *window = get_main_window (self);

  /* gone, or a team database away: the window stays as it was */
  if (result == NULL)
    {
      g_debug ("The incident to open was not found: %s", error->message);
      return;
    }

  if (SITREP_IS_WINDOW (window))
    sitrep_window_show_incident (SITREP_WINDOW (window), sitrep_incident_get_id (result));
}

/* "Open" of a notification: the incident is looked up by its key where
 * the context reads (on the worker for a team database). */
static void
open_incident_activated_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  SitrepApplication *self = user_data;

  g_application_activate (G_APPLICATION (self));

  if (self->store != NULL && self->context != NULL && SITREP_IS_WINDOW (get_main_window (self)))
    sitrep_context_read (self->context, find_incident_func,
                         g_variant_dup_string (parameter, NULL), g_free, g_object_unref, NULL,
                         incident_found_cb, g_object_ref (self), g_object_unref);
}

typedef struct
{
  char   *key;
  char   *author;
  gint64  at;
} Acknowledgement;

static void
acknowledgement_free (gpointer data)
{
  Acknowledgement *ack = data;

  g_free (ack->key);
  g_free (ack->author);
  g_free (ack);
}

/* Looks the incident up by its key as the store has it now: one still
 * new is acknowledged, one acknowledged meanwhile is left as it is. */
static gboolean
write_acknowledgement (SitrepStore  *store,
                       gpointer      data,
                       GError      **error)
{
  Acknowledgement *ack = data;
  g_autoptr(SitrepIncident) incident = NULL;

  incident = sitrep_store_find_incident (store, ack->key, error);
  if (incident == NULL)
    return FALSE;
  if (sitrep_incident_get_status (incident) != SITREP_STATUS_NEW)
    return TRUE;

  return sitrep_store_transition (store, sitrep_incident_get_id (incident),
                                  SITREP_TRANSITION_ACKNOWLEDGE, ack->at, ack->author, NULL,
                                  NULL, error);
}

static void
show_not_acknowledged (SitrepApplication *self,
                       const char        *key,
                       const GError      *error)
{
  g_autofree char *title = NULL;

  /* Translators: %s is an incident key such as "INC-7" */
  title = g_strdup_printf (_("Could not acknowledge %s"), key);
  if (self->notifier != NULL)
    sitrep_notifier_show_message (self->notifier, title, error->message);
  else
    g_warning ("%s: %s", title, error->message);
}

static void
acknowledgement_written_cb (GObject      *owner,
                            const GError *error,
                            gpointer      data)
{
  Acknowledgement *ack = data;

  if (error != NULL)
    show_not_acknowledged (SITREP_APPLICATION (owner), ack->key, error);
}

static void
acknowledge_incident_activated_cb (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  SitrepApplication *self = user_data;
  Acknowledgement *ack;

  if (self->store == NULL)
    return;

  ack = g_new0 (Acknowledgement, 1);
  ack->key = g_variant_dup_string (parameter, NULL);
  ack->author = dup_notification_author (self);
  ack->at = sitrep_clock_get_now (self->clock);
  sitrep_store_submit (self->store, write_acknowledgement, ack, acknowledgement_free,
                       G_OBJECT (self), acknowledgement_written_cb);
}

static void
show_at_risk_activated_cb (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  SitrepApplication *self = user_data;

  g_settings_set_string (self->settings, "list-filter", "at-risk");
  g_application_activate (G_APPLICATION (self));
}

static void
start_deadline_watch (SitrepApplication *self)
{
  const char *setting_actions[] = { "start-at-login", "run-in-background",
                                    "notifications-enabled" };

  for (guint i = 0; i < G_N_ELEMENTS (setting_actions); i++)
    {
      g_autoptr(GAction) setting_action = g_settings_create_action (self->settings,
                                                                    setting_actions[i]);

      g_action_map_add_action (G_ACTION_MAP (self), setting_action);
    }

  self->scheduler = sitrep_scheduler_new (self->store);
  sitrep_scheduler_set_worker (self->scheduler, sitrep_context_get_worker (self->context));
  self->notifier = sitrep_notifier_new (GTK_APPLICATION (self), self->scheduler,
                                        self->settings);
  self->background = sitrep_background_new (GTK_APPLICATION (self), self->settings,
                                            self->notifier, self->start_hidden);
}

static void first_window_mapped_cb    (GtkWidget         *window,
                                       SitrepApplication *self);
static void first_window_destroyed_cb (GtkWidget         *window,
                                       SitrepApplication *self);

static void
stop_waiting_for_first_frame (SitrepApplication *self)
{
  /* A window destroyed before it painted takes its frame clock's handlers
   * with it (the clock is disposed with the surface), so ours may be gone. */
  if (self->frame_clock != NULL && self->after_paint_id != 0
      && g_signal_handler_is_connected (self->frame_clock, self->after_paint_id))
    g_signal_handler_disconnect (self->frame_clock, self->after_paint_id);
  self->after_paint_id = 0;
  g_clear_object (&self->frame_clock);

  if (self->first_window != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->first_window, first_window_mapped_cb, self);
      g_signal_handlers_disconnect_by_func (self->first_window, first_window_destroyed_cb, self);
      g_clear_weak_pointer (&self->first_window);
    }
}

/* Raises what fell due while Sitrep was not running, then watches the
 * deadlines from now on. */
static void
take_backup_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  SitrepApplication *self = SITREP_APPLICATION (source_object);
  g_autoptr(GError) error = NULL;
  g_autofree char *taken = NULL;

  if (!sitrep_backup_take_if_due (task_data, self->clock, &taken, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
backup_taken_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SitrepApplication *self = SITREP_APPLICATION (object);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  /* A database that is gone has nothing to back up; the store says what
   * that means when it is next used. */
  if (g_task_propagate_boolean (G_TASK (result), &error) ||
      g_error_matches (error, SITREP_BACKUP_ERROR, SITREP_BACKUP_ERROR_NOT_FOUND))
    return;

  /* The user sees the toast; the log keeps it for later. */
  g_message ("Could not take the daily backup of %s: %s",
             (const char *) g_task_get_task_data (G_TASK (result)), error->message);

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (SITREP_IS_WINDOW (window))
    {
      /* Translators: %s says what went wrong */
      g_autofree char *message = g_strdup_printf (_("The daily backup failed: %s"),
                                                  error->message);

      sitrep_window_show_toast (SITREP_WINDOW (window), message);
    }
}

/* The backup of the day, taken once per start on a worker: copying a large
 * database must not hold up the window, and a failure is reported, not
 * fatal. */
static void
take_daily_backup (SitrepApplication *self)
{
  g_autoptr(GTask) task = NULL;

  /* a team database is backed up on its server */
  if (self->store == NULL || self->backup_started || sitrep_store_is_team (self->store))
    return;

  self->backup_started = TRUE;
  task = g_task_new (self, NULL, backup_taken_cb, NULL);
  g_task_set_source_tag (task, take_daily_backup);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, take_backup_thread);
}

static void
start_scheduler (SitrepApplication *self)
{
  stop_waiting_for_first_frame (self);
  take_daily_backup (self);

  if (self->scheduler == NULL || self->scheduler_started)
    return;

  self->scheduler_started = TRUE;
  sitrep_scheduler_start (self->scheduler);
}

static void
first_frame_painted_cb (GdkFrameClock     *frame_clock,
                        SitrepApplication *self)
{
  start_scheduler (self);
}

static void
first_window_mapped_cb (GtkWidget         *window,
                        SitrepApplication *self)
{
  if (self->after_paint_id != 0)
    return;

  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (window));
  self->after_paint_id = g_signal_connect (self->frame_clock, "after-paint",
                                           G_CALLBACK (first_frame_painted_cb), self);
}

static void
first_window_destroyed_cb (GtkWidget         *window,
                           SitrepApplication *self)
{
  /* Closed before it ever painted: the deadlines are still watched. */
  start_scheduler (self);
}

/* The catch-up after a long pause and the first alerts would otherwise
 * compete with the main window for its first frame: the scheduler starts
 * once @window has painted, or at once without a window (--background). */
static void
start_scheduler_after_first_frame (SitrepApplication *self,
                                   GtkWindow         *window)
{
  if (self->scheduler == NULL || self->scheduler_started || self->first_window != NULL)
    return;

  if (window == NULL)
    {
      start_scheduler (self);
      return;
    }

  g_set_weak_pointer (&self->first_window, GTK_WIDGET (window));
  g_signal_connect (window, "destroy", G_CALLBACK (first_window_destroyed_cb), self);
  if (gtk_widget_get_mapped (GTK_WIDGET (window)))
    first_window_mapped_cb (GTK_WIDGET (window), self);
  else
    g_signal_connect (window, "map", G_CALLBACK (first_window_mapped_cb), self);
}

static void connect_again_activated (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data);

static const GActionEntry app_actions[] = {
  { "open-incident", open_incident_activated_cb, "s" },
  { "acknowledge-incident", acknowledge_incident_activated_cb, "s" },
  { "show-at-risk", show_at_risk_activated_cb },
  { "preferences", preferences_activated_cb },
  { "shortcuts", shortcuts_activated_cb },
  { "about", about_activated_cb },
  { "quit", quit_activated_cb },
  { "connect-again", connect_again_activated },
};

/* Shown instead of the main window when the database cannot be opened, so
 * that the user reads which file failed and why. */
static GtkWindow *
create_error_window (SitrepApplication *self)
{
  g_autofree char *description = NULL;
  g_autofree char *escaped_path = NULL;
  g_autofree char *escaped_cause = NULL;
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *page;
  g_autofree char *path = self->path != NULL ? g_strdup (self->path)
                                             : sitrep_store_default_path ();
  gboolean team = sitrep_store_is_team_address (path);

  /* a team database's address may hold a password: never shown */
  if (team)
    {
      g_autofree char *where = sitrep_team_address_describe (path);

      g_free (path);
      path = g_steal_pointer (&where);
    }
  escaped_path = g_markup_escape_text (path, -1);
  escaped_cause = g_markup_escape_text (self->store_error != NULL
                                        ? self->store_error->message : "", -1);
  /* Translators: the first %s is a file name, the second the cause */
  description = g_strdup_printf (_("Sitrep could not open the incident database "
                                   "<b>%s</b>.\n\n%s"),
                                 escaped_path, escaped_cause);

  window = adw_application_window_new (GTK_APPLICATION (self));
  gtk_window_set_title (GTK_WINDOW (window), _("Sitrep"));
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 560);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());

  page = adw_status_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "dialog-error-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Could Not Open the Database"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page), description);
  gtk_box_append (GTK_BOX (box), page);

  /* a server that did not answer may answer now */
  if (team && g_error_matches (self->store_error, SITREP_STORE_ERROR,
                               SITREP_STORE_ERROR_UNREACHABLE))
    {
      GtkWidget *retry = gtk_button_new_with_mnemonic (_("_Try Again"));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (retry), "app.connect-again");
      gtk_widget_set_halign (retry, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (retry, "pill");
      gtk_widget_add_css_class (retry, "suggested-action");
      adw_status_page_set_child (ADW_STATUS_PAGE (page), retry);
    }

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  return GTK_WINDOW (window);
}

/* A store opened after the start (from a restored backup, or a team
 * database's): the context handed out so far had none; a new one has,
 * with the application's settings. */
static void
adopt_store (SitrepApplication *self)
{
  g_autoptr(GSettings) settings = g_object_ref (self->settings);

  self->settings = NULL;
  g_clear_object (&self->context);
  self->context = sitrep_context_new (self->store, settings);
  self->settings = sitrep_context_get_settings (self->context);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "preferences")),
                               TRUE);
  start_deadline_watch (self);
}

/* The window that follows a store opened after the start: the main
 * window, or the one that says why there is none. */
static GtkWindow *
create_window_after_open (SitrepApplication *self)
{
  GtkWindow *window;

  if (self->store == NULL)
    {
      g_printerr ("%s\n", self->store_error->message);
      return create_error_window (self);
    }

  adopt_store (self);
  window = GTK_WINDOW (sitrep_window_new (self));
  start_scheduler_after_first_frame (self, window);
  return window;
}

static void
backup_restored_cb (SitrepRecoveryPage *page,
                    const char         *kept_path,
                    SitrepApplication  *self)
{
  GtkWidget *recovery_window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page)));

  g_clear_error (&self->store_error);
  self->store = sitrep_store_open (self->path, self->clock, &self->store_error);

  /* The new window first, so the application never runs out of windows. */
  gtk_window_present (create_window_after_open (self));
  gtk_window_destroy (GTK_WINDOW (recovery_window));
}

/* Shown instead of the main window when the database was found damaged:
 * it names the file and the problem and offers the newest good backup. */
static GtkWindow *
create_recovery_window (SitrepApplication *self)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (self));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = sitrep_recovery_page_new (self->path, self->store_error->message,
                                              self->clock);

  gtk_window_set_title (GTK_WINDOW (window), _("Sitrep"));
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 560);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  g_signal_connect_object (page, "restored", G_CALLBACK (backup_restored_cb), self, 0);

  return GTK_WINDOW (window);
}

/* Shown while a team database is being opened: the server may take a
 * few seconds to answer, or never answer, and the window says what it
 * waits for instead of not being there. */
static GtkWindow *
create_connecting_window (SitrepApplication *self)
{
  g_autofree char *where = sitrep_team_address_describe (self->path);
  g_autofree char *description = NULL;
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (self));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *spinner = gtk_spinner_new ();

  /* Translators: %s names a team database, "team on db.example.com as ann" */
  description = g_strdup_printf (_("Waiting for the team database %s"), where);

  gtk_window_set_title (GTK_WINDOW (window), _("Sitrep"));
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 560);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Connecting…"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page), description);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Connecting"),
                                  -1);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), spinner);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  return GTK_WINDOW (window);
}

/* The team database is open, or could not be: the main window (or the
 * one that says why not) takes the place of the connecting one. If the
 * user closed that one meanwhile, nothing more is shown. */
static void
team_store_opened_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SitrepApplication) self = user_data;
  GtkWindow *connecting = self->connecting_window;

  self->opening = FALSE;
  self->store = sitrep_team_secret_open_store_finish (result, &self->store_error);

  if (self->start_hidden && self->store != NULL)
    {
      self->start_hidden = FALSE;
      adopt_store (self);
      start_scheduler_after_first_frame (self, NULL);
    }
  else if (connecting != NULL || self->start_hidden)
    {
      self->start_hidden = FALSE;
      gtk_window_present (create_window_after_open (self));
      if (connecting != NULL)
        gtk_window_destroy (connecting);
    }
  else if (self->store == NULL)
    g_printerr ("%s\n", self->store_error->message);

  g_application_release (G_APPLICATION (self));
}

static void
start_opening_team (SitrepApplication *self)
{
  self->opening = TRUE;
  g_application_hold (G_APPLICATION (self));
  sitrep_team_secret_open_store_async (self->path, self->clock, NULL, team_store_opened_cb,
                                       g_object_ref (self));
}

/* "app.connect-again": the window that said the team database could not
 * be reached makes way for one that connects again. */
static void
connect_again_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  SitrepApplication *self = SITREP_APPLICATION (user_data);
  GtkWindow *failed = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->store != NULL || self->opening)
    return;

  g_clear_error (&self->store_error);
  start_opening_team (self);
  if (failed != NULL)
    gtk_window_destroy (failed);
  g_application_activate (G_APPLICATION (self));
}

/* The team database the settings name, or NULL for this desk's own. */
static char *
dup_team_database (GSettings *settings)
{
  g_autofree char *address = g_settings_get_string (settings, "team-database");

  return address[0] != '\0' ? g_steal_pointer (&address) : NULL;
}

static void
sitrep_application_startup (GApplication *app)
{
  SitrepApplication *self = SITREP_APPLICATION (app);
  g_autofree char *path = NULL;
  g_autofree char *team = NULL;
  /* The one GSettings of the application's schema: the context keeps it. */
  g_autoptr(GSettings) settings = g_settings_new (SITREP_SETTINGS_SCHEMA);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (sitrep_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);

  g_unix_signal_add (SIGTERM, quit_signal_cb, self);
  g_unix_signal_add (SIGINT, quit_signal_cb, self);
  g_unix_signal_add (SIGHUP, quit_signal_cb, self);

  if (self->database_path != NULL)
    path = g_strdup (self->database_path);
  else if (g_getenv ("SITREP_DATABASE") != NULL && g_getenv ("SITREP_DATABASE")[0] != '\0')
    path = g_strdup (g_getenv ("SITREP_DATABASE"));
  else if ((team = dup_team_database (settings)) != NULL)
    path = g_strdup (team);
  else
    {
      g_autofree char *folder = NULL;

      path = sitrep_store_default_path ();
      folder = g_path_get_dirname (path);
      if (g_mkdir_with_parents (folder, 0700) != 0)
        g_printerr ("%s: %s\n", folder, g_strerror (errno));
    }

  self->path = g_strdup (path);
  if (team == NULL && sitrep_store_is_team_address (path))
    team = g_strdup (path);
  /* A team database is opened without waiting for its server; until it
   * is, a window says so (team_store_opened_cb()). */
  if (team != NULL)
    start_opening_team (self);
  else
    self->store = sitrep_store_open (path, self->clock, &self->store_error);
  /* Every window and view takes the store, the settings and the user's
   * role from here. */
  self->context = sitrep_context_new (self->store, settings);
  self->settings = sitrep_context_get_settings (self->context);
  if (self->store == NULL)
    {
      if (self->store_error != NULL)
        g_printerr ("%s\n", self->store_error->message);
      g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                                "preferences")),
                                   FALSE);
    }
  else
    start_deadline_watch (self);
}

static void
sitrep_application_activate (GApplication *app)
{
  SitrepApplication *self = SITREP_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  /* Still opening the team database: the window that says so, or none
   * when started hidden (team_store_opened_cb() goes on from there). */
  if (self->opening)
    {
      if (self->start_hidden)
        return;
      if (window == NULL)
        {
          window = create_connecting_window (self);
          g_set_weak_pointer (&self->connecting_window, window);
        }
      gtk_window_present (window);
      return;
    }

  /* Started hidden: no window until one is asked for. */
  if (self->start_hidden && self->store != NULL)
    {
      self->start_hidden = FALSE;
      start_scheduler_after_first_frame (self, NULL);
      return;
    }

  /* A damaged database is never replaced silently: the user is offered
   * its newest good backup. */
  if (window == NULL && self->store == NULL
      && g_error_matches (self->store_error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT))
    window = create_recovery_window (self);
  else if (window == NULL && self->store == NULL)
    window = create_error_window (self);
  else if (window == NULL)
    window = GTK_WINDOW (sitrep_window_new (self));

  start_scheduler_after_first_frame (self, window);
  gtk_window_present (window);
}

static void
sitrep_application_dispose (GObject *object)
{
  SitrepApplication *self = SITREP_APPLICATION (object);

  stop_waiting_for_first_frame (self);
  g_clear_weak_pointer (&self->connecting_window);

  /* They disconnect from the application's signals: before its handlers
   * are destroyed by the parent's dispose. The deadline watch keeps until
   * when it watched as it goes. */
  g_clear_object (&self->background);
  g_clear_object (&self->notifier);
  g_clear_object (&self->scheduler);

  /* what the user did last is written before Sitrep ends */
  if (self->store != NULL)
    sitrep_store_wait_for_writes (self->store);
  sitrep_file_writer_wait ();

  G_OBJECT_CLASS (sitrep_application_parent_class)->dispose (object);
}

static void
sitrep_application_finalize (GObject *object)
{
  SitrepApplication *self = SITREP_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  self->settings = NULL;
  g_clear_object (&self->context);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (sitrep_application_parent_class)->finalize (object);
}

static void
sitrep_application_class_init (SitrepApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  /* The templates and styles are in the static library's resources, which
   * register themselves at start: referring to them links them in. */
  (void) sitrep_get_resource ();

  object_class->dispose = sitrep_application_dispose;
  object_class->finalize = sitrep_application_finalize;

  app_class->handle_local_options = sitrep_application_handle_local_options;
  app_class->startup = sitrep_application_startup;
  app_class->activate = sitrep_application_activate;
}

static void
sitrep_application_init (SitrepApplication *self)
{
  self->clock = sitrep_clock_new ();
}

/**
 * sitrep_application_new:
 *
 * Returns: (transfer full): the application
 */
SitrepApplication *
sitrep_application_new (void)
{
  return g_object_new (SITREP_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", "/io/github/sitrep/Sitrep",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

/**
 * sitrep_application_get_store:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the open store, or %NULL when the
 *   database could not be opened
 */
SitrepStore *
sitrep_application_get_store (SitrepApplication *self)
{
  g_return_val_if_fail (SITREP_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * sitrep_application_get_settings:
 * @self: the application
 *
 * Returns: (transfer none): the settings (schema io.github.sitrep.Sitrep),
 *   available after startup
 */
GSettings *
sitrep_application_get_settings (SitrepApplication *self)
{
  g_return_val_if_fail (SITREP_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * sitrep_application_get_context:
 * @self: the application
 *
 * Returns: (transfer none): what every window and view shares: the store,
 *   the settings and the user, available after startup
 */
SitrepContext *
sitrep_application_get_context (SitrepApplication *self)
{
  g_return_val_if_fail (SITREP_IS_APPLICATION (self), NULL);

  return self->context;
}
