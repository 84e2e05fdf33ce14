/* sitrep-recovery-page.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "sitrep-backup.h"
#include "sitrep-recovery-page.h"
#include "sitrep-accessible.h"

/*
 * What the window shows instead of the incidents when the database was
 * found damaged as it opened. It names the file and the problem, looks for
 * the newest backup that passes its check (on a worker: each candidate is
 * read through), and offers to restore that one — which keeps the damaged
 * file as a backup of its own — or to quit and leave everything as it is.
 * Nothing is restored without the user asking.
 */

struct _SitrepRecoveryPage
{
  AdwBin          parent_instance;

  AdwStatusPage  *status_page;
  GtkWidget      *spinner;
  GtkLabel       *backup_label;
  GtkButton      *restore_button;
  GtkLabel       *error_label;

  char           *db_path;
  SitrepClock    *clock;
  char           *backup_path;   /* the newest good backup, or NULL */
  gboolean        searching;
  gboolean        restoring;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (SitrepRecoveryPage, sitrep_recovery_page, ADW_TYPE_BIN)

enum {
  RESTORED,
  SEARCHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_actions (SitrepRecoveryPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recovery.restore",
                                 self->backup_path != NULL && !self->searching
                                 && !self->restoring);
  gtk_widget_set_visible (self->spinner, self->searching || self->restoring);
}

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_task_return_pointer (task, sitrep_backup_find_latest_good (task_data), g_free);
}

static void
found_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SitrepRecoveryPage *self = SITREP_RECOVERY_PAGE (object);
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  self->searching = FALSE;
  self->backup_path = g_steal_pointer (&path);

  if (self->backup_path != NULL)
    {
      g_autofree char *when = sitrep_recovery_page_format_backup_time (self->backup_path);
      g_autofree char *label = NULL;
      g_autofree char *text = NULL;

      /* Translators: %s is when the backup was taken, "2026-03-01 09:30" */
      label = g_strdup_printf (_("_Restore Backup From %s"), when);
      gtk_button_set_label (self->restore_button, label);
      /* Translators: %s is the backup's file */
      text = g_strdup_printf (_("The newest good backup is “%s”. Restoring it keeps the damaged "
                                "database as a backup too; whatever was recorded after the "
                                "backup was taken is not in it."),
                              self->backup_path);
      gtk_label_set_label (self->backup_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->restore_button), TRUE);
    }
  else
    gtk_label_set_label (self->backup_label,
                         _("There is no good backup of this database. Quit, and restore a "
                           "copy of your own with “sitrep --restore FILE”."));

  update_actions (self);

  /* Enter restores: the button takes the focus once its action is
   * enabled (an insensitive button refuses it, and Quit kept it). */
  if (self->backup_path != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->restore_button));

  g_signal_emit (self, signals[SEARCHED], 0);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SitrepRecoveryPage *self = SITREP_RECOVERY_PAGE (source_object);
  g_autoptr(GError) error = NULL;
  char *kept = NULL;

  if (!sitrep_backup_restore (self->backup_path, self->db_path, self->clock, &kept, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, kept != NULL ? kept : g_strdup (""), g_free);
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SitrepRecoveryPage *self = SITREP_RECOVERY_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = g_task_propagate_pointer (G_TASK (result), &error);

  /* A page closed meanwhile has nothing left to show it on. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  self->restoring = FALSE;
  update_actions (self);

  if (kept == NULL)
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_signal_emit (self, signals[RESTORED], 0, *kept != '\0' ? kept : NULL);
}

static void
restore_activated_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SitrepRecoveryPage *self = SITREP_RECOVERY_PAGE (widget);
  g_autoptr(GTask) task = NULL;

  if (self->backup_path == NULL || self->restoring)
    return;

  self->restoring = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_actions (self);

  /* The page stays alive until the copy is done: a restore half-way must
   * still report where the damaged file went. */
  task = g_task_new (self, NULL, restored_cb, NULL);
  g_task_set_source_tag (task, restore_activated_cb);
  g_task_run_in_thread (task, restore_thread);
}

static void
sitrep_recovery_page_dispose (GObject *object)
{
  SitrepRecoveryPage *self = (SitrepRecoveryPage *)object;

  g_cancellable_cancel (self->cancellable);
  /* The template's child is AdwBin's, which unparents it itself. */

  G_OBJECT_CLASS (sitrep_recovery_page_parent_class)->dispose (object);
}

static void
sitrep_recovery_page_finalize (GObject *object)
{
  SitrepRecoveryPage *self = (SitrepRecoveryPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->backup_path, g_free);

  G_OBJECT_CLASS (sitrep_recovery_page_parent_class)->finalize (object);
}

static void
sitrep_recovery_page_class_init (SitrepRecoveryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_recovery_page_dispose;
  object_class->finalize = sitrep_recovery_page_finalize;

  signals[RESTORED] =
    g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SEARCHED] =
    g_signal_new ("searched", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "recovery.restore", NULL, restore_activated_cb);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/ui/"
                                               "sitrep-recovery-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepRecoveryPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, SitrepRecoveryPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SitrepRecoveryPage, backup_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepRecoveryPage, restore_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepRecoveryPage, error_label);
}

static void
sitrep_recovery_page_init (SitrepRecoveryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sitrep_accessible_name_mnemonic_buttons (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * sitrep_recovery_page_new:
 * @db_path: the damaged database
 * @problem: what opening it said, for the user to read
 * @clock: the clock that names the backup kept of the damaged file
 *
 * Creates the page and starts looking for the newest good backup of
 * @db_path; "searched" is emitted when that is done.
 *
 * Returns: (transfer floating): a new #SitrepRecoveryPage
 */
GtkWidget *
sitrep_recovery_page_new (const char  *db_path,
                          const char  *problem,
                          SitrepClock *clock)
{
  SitrepRecoveryPage *self;
  g_autoptr(GTask) task = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (SITREP_IS_CLOCK (clock), NULL);

  self = g_object_new (SITREP_TYPE_RECOVERY_PAGE, NULL);
  self->db_path = g_strdup (db_path);
  self->clock = g_object_ref (clock);
  self->searching = TRUE;

  /* What opening it said names the file; without it the file is named
   * here. */
  if (problem != NULL && strstr (problem, db_path) != NULL)
    /* Translators: %s is what was found wrong with the database, naming it */
    description = g_markup_printf_escaped (_("%s\nNothing has been changed in it."), problem);
  else
    /* Translators: %s is the database file, then what was found wrong with it */
    description = g_markup_printf_escaped (_("Sitrep could not open “%s”: %s\nNothing has been "
                                             "changed in it."),
                                           db_path, problem != NULL ? problem : "");
  adw_status_page_set_description (self->status_page, description);
  gtk_label_set_label (self->backup_label, _("Looking for a good backup…"));
  update_actions (self);

  task = g_task_new (self, self->cancellable, found_cb, NULL);
  g_task_set_source_tag (task, sitrep_recovery_page_new);
  g_task_set_task_data (task, g_strdup (db_path), g_free);
  g_task_run_in_thread (task, find_thread);

  return GTK_WIDGET (self);
}

/**
 * sitrep_recovery_page_get_backup_path:
 * @self: a #SitrepRecoveryPage
 *
 * Returns: (transfer none) (nullable): the backup offered, or %NULL while
 *   searching or when there is none
 */
const char *
sitrep_recovery_page_get_backup_path (SitrepRecoveryPage *self)
{
  g_return_val_if_fail (SITREP_IS_RECOVERY_PAGE (self), NULL);

  return self->backup_path;
}

/**
 * sitrep_recovery_page_get_searching:
 * @self: a #SitrepRecoveryPage
 *
 * Returns: %TRUE while the page still looks for a good backup
 */
gboolean
sitrep_recovery_page_get_searching (SitrepRecoveryPage *self)
{
  g_return_val_if_fail (SITREP_IS_RECOVERY_PAGE (self), FALSE);

  return self->searching;
}

/**
 * sitrep_recovery_page_format_backup_time:
 * @backup_path: a backup's file, named as sitrep_backup_take() names it
 *   ("sitrep-20260301-093000-daily.db", the time in UTC)
 *
 * Returns: (transfer full): when the backup was taken, in local time
 *   ("2026-03-01 10:30"), or its file name if the name holds no time
 */
char *
sitrep_recovery_page_format_backup_time (const char *backup_path)
{
  g_autofree char *name = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (backup_path != NULL, NULL);

  name = g_path_get_basename (backup_path);
  regex = g_regex_new ("-(\\d{4})(\\d{2})(\\d{2})-(\\d{2})(\\d{2})(\\d{2})-[a-z-]+\\.db$",
                       G_REGEX_OPTIMIZE, 0, NULL);
  if (g_regex_match (regex, name, 0, &match))
    {
      int parts[6];

      for (int i = 0; i < 6; i++)
        {
          g_autofree char *part = g_match_info_fetch (match, i + 1);

          parts[i] = atoi (part);
        }
      utc = g_date_time_new_utc (parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]);
    }

  if (utc == NULL)
    return g_steal_pointer (&name);

  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}
