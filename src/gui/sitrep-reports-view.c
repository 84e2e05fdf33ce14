/* sitrep-reports-view.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-chart-widget.h"
#include "sitrep-report-dialog.h"
#include "sitrep-reports-view.h"
#include "sitrep-accessible.h"

/*
 * The monthly analysis in the window: a month picker, the key figures
 * beside the previous month's, and the charts. A month is computed on a
 * worker thread with a read-only connection of its own (the figures are
 * SQL aggregates over a month of incidents), so the window stays
 * responsive; picking another month drops the result still being computed.
 */

struct _SitrepReportsView
{
  GtkWidget     parent_instance;

  GtkWidget    *box;
  GtkLabel     *month_label;
  GtkSpinner   *spinner;
  GtkLabel     *status_label;
  GtkBox       *content_box;
  GtkFlowBox   *figures_box;
  GtkWidget    *charts[3];

  char         *path;
  SitrepWorker *worker;   /* reads a team database instead of @path */
  SitrepClock  *clock;
  int           year;
  int           month;
  SitrepReport *report;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (SitrepReportsView, sitrep_reports_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REPORT,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char   *path;
  int     year;
  int     month;
  gint64  now;
} MonthTask;

static void
month_task_free (gpointer data)
{
  MonthTask *task = data;

  g_free (task->path);
  g_free (task);
}

static void
compute_month_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  MonthTask *month = task_data;
  GError *error = NULL;
  SitrepReport *report;

  report = sitrep_report_new_monthly_from_path (month->path, month->year, month->month,
                                                month->now, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, g_object_unref);
}

/* On a worker's thread, with its read-only connection to a team
 * database: the month and the one before, one after the other. */
static gpointer
compute_month_job (SitrepStore   *reader,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  MonthTask *month = data;
  g_autoptr(SitrepMonthly) current = NULL;
  g_autoptr(SitrepMonthly) previous = NULL;
  int year, previous_month;

  current = sitrep_store_compute_monthly (reader, month->year, month->month, month->now, error);
  if (current == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  sitrep_monthly_previous_month (month->year, month->month, &year, &previous_month);
  previous = sitrep_store_compute_monthly (reader, year, previous_month, month->now, error);
  if (previous == NULL)
    return NULL;

  return sitrep_report_new_monthly (g_steal_pointer (&current), g_steal_pointer (&previous));
}

static void
show_status (SitrepReportsView *self,
             const char        *message)
{
  gtk_label_set_label (self->status_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
}

static char *
format_month (int year,
              int month)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (year, month, 1, 0, 0, 0);

  /* Translators: a month and its year, see g_date_time_format() */
  return dt != NULL ? g_date_time_format (dt, _("%B %Y")) : g_strdup ("");
}

static void
add_figure (SitrepReportsView *self,
            const char        *title,
            const char        *value,
            const char        *previous)
{
  GtkWidget *tile = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *value_label = gtk_label_new (value);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *previous_label = gtk_label_new (previous);

  gtk_widget_add_css_class (tile, "card");
  gtk_widget_set_margin_top (value_label, 12);
  gtk_widget_add_css_class (value_label, "title-1");
  gtk_widget_add_css_class (title_label, "heading");
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_justify (GTK_LABEL (title_label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (previous_label, "dim-label");
  gtk_widget_add_css_class (previous_label, "caption");
  gtk_widget_set_margin_bottom (previous_label, 12);
  gtk_box_append (GTK_BOX (tile), value_label);
  gtk_box_append (GTK_BOX (tile), title_label);
  gtk_box_append (GTK_BOX (tile), previous_label);
  gtk_flow_box_append (self->figures_box, tile);
}

static char *
format_compliance (const SitrepMonthly *monthly,
                   SitrepDeadlineKind   clock)
{
  double compliance;

  if (!sitrep_monthly_get_compliance (monthly, clock, &compliance))
    return g_strdup ("—");
  return g_strdup_printf ("%.0f %%", compliance * 100.0);
}

static void
show_figures (SitrepReportsView *self)
{
  const SitrepMonthly *now = sitrep_report_get_monthly (self->report);
  const SitrepMonthly *before = sitrep_report_get_previous (self->report);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_box))) != NULL)
    gtk_flow_box_remove (self->figures_box, child);

  {
    g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, now->reported);
    g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, before->reported);
    /* Translators: the previous month's figure */
    g_autofree char *previous = g_strdup_printf (_("previous month: %s"), count);

    add_figure (self, _("Incidents reported"), value, previous);
  }

  for (guint clock = 0; clock < SITREP_N_DEADLINES; clock++)
    {
      g_autofree char *value = format_compliance (now, clock);
      g_autofree char *earlier = format_compliance (before, clock);
      g_autofree char *previous = g_strdup_printf (_("previous month: %s"), earlier);
      g_autofree char *title = NULL;

      /* Translators: e.g. "Response compliance" */
      title = g_strdup_printf (_("%s compliance"),
                               sitrep_deadline_kind_to_label ((SitrepDeadlineKind) clock));
      add_figure (self, title, value, previous);
    }

  {
    g_autofree char *value = NULL;
    g_autofree char *earlier = NULL;
    g_autofree char *previous = NULL;

    value = now->minutes_count[SITREP_DEADLINE_RESPONSE] > 0
            ? g_strdup_printf (_("%.0f min"), now->minutes_mean[SITREP_DEADLINE_RESPONSE])
            : g_strdup ("—");
    earlier = before->minutes_count[SITREP_DEADLINE_RESPONSE] > 0
              ? g_strdup_printf (_("%.0f min"), before->minutes_mean[SITREP_DEADLINE_RESPONSE])
              : g_strdup ("—");
    previous = g_strdup_printf (_("previous month: %s"), earlier);
    add_figure (self, _("Mean time to acknowledge"), value, previous);
  }
}

static void
set_loading (SitrepReportsView *self,
             gboolean           loading)
{
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void show_month (SitrepReportsView *self,
                        SitrepReport      *report,
                        const GError      *error);

static void
month_computed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SitrepReportsView *self = SITREP_REPORTS_VIEW (source);
  g_autoptr(SitrepReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = g_task_propagate_pointer (G_TASK (result), &error);
  show_month (self, report, error);
}

static void
month_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SitrepReportsView) self = user_data;
  g_autoptr(SitrepReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (self->worker == NULL)
    return;

  report = sitrep_worker_run_finish (self->worker, result, &error);
  show_month (self, report, error);
}

static void
show_month (SitrepReportsView *self,
            SitrepReport      *report,
            const GError      *error)
{
  /* a month picked since: its own computation is under way */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);

  if (report == NULL)
    {
      show_status (self, error->message);
      return;
    }

  g_set_object (&self->report, report);
  for (guint i = 0; i < G_N_ELEMENTS (self->charts); i++)
    sitrep_chart_widget_set_report (SITREP_CHART_WIDGET (self->charts[i]), report);
  show_figures (self);
  gtk_widget_set_visible (GTK_WIDGET (self->content_box), TRUE);

  if (sitrep_report_get_monthly (report)->reported == 0)
    {
      g_autofree char *month = format_month (self->year, self->month);
      g_autofree char *message = g_strdup_printf (_("No incidents were reported in %s."), month);

      show_status (self, message);
    }
  else
    {
      show_status (self, NULL);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.show-report", TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}

/* Starts computing the month shown, dropping a computation under way. */
static void
reload (SitrepReportsView *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = format_month (self->year, self->month);
  MonthTask *month;

  gtk_label_set_label (self->month_label, label);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->path == NULL && self->worker == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  month = g_new0 (MonthTask, 1);
  month->path = g_strdup (self->path);
  month->year = self->year;
  month->month = self->month;
  month->now = sitrep_clock_get_now (self->clock);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.show-report", FALSE);
  set_loading (self, TRUE);

  if (self->worker != NULL)
    {
      sitrep_worker_run_async (self->worker, compute_month_job, month, month_task_free,
                               g_object_unref, self->cancellable, month_read_cb,
                               g_object_ref (self));
      return;
    }

  task = g_task_new (self, self->cancellable, month_computed_cb, NULL);
  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, month, month_task_free);
  g_task_run_in_thread (task, compute_month_thread);
}

static void
step_month (SitrepReportsView *self,
            int                step)
{
  int year = self->year, month = self->month + step;

  if (month < 1)
    {
      month = 12;
      year--;
    }
  else if (month > 12)
    {
      month = 1;
      year++;
    }
  sitrep_reports_view_set_month (self, year, month);
}

static void
previous_month_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  step_month (SITREP_REPORTS_VIEW (widget), -1);
}

static void
next_month_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  step_month (SITREP_REPORTS_VIEW (widget), 1);
}

static void
show_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SitrepReportsView *self = SITREP_REPORTS_VIEW (widget);
  GtkWidget *dialog;
  GtkRoot *root;

  if (self->report == NULL)
    return;

  dialog = sitrep_report_dialog_new (self->report);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
new_chart_card (SitrepReportsView *self,
                guint              index,
                SitrepReportChart  chart,
                const char        *title)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  self->charts[index] = sitrep_chart_widget_new (chart);
  gtk_widget_set_vexpand (self->charts[index], FALSE);
  gtk_box_append (GTK_BOX (card), heading);
  gtk_box_append (GTK_BOX (card), self->charts[index]);

  return card;
}

static void
sitrep_reports_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SitrepReportsView *self = SITREP_REPORTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, sitrep_reports_view_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_reports_view_dispose (GObject *object)
{
  SitrepReportsView *self = SITREP_REPORTS_VIEW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->report);
  g_clear_object (&self->clock);
  g_clear_object (&self->worker);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_REPORTS_VIEW);

  G_OBJECT_CLASS (sitrep_reports_view_parent_class)->dispose (object);
}

static void
sitrep_reports_view_finalize (GObject *object)
{
  SitrepReportsView *self = SITREP_REPORTS_VIEW (object);

  g_free (self->path);

  G_OBJECT_CLASS (sitrep_reports_view_parent_class)->finalize (object);
}

static void
sitrep_reports_view_class_init (SitrepReportsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_reports_view_dispose;
  object_class->finalize = sitrep_reports_view_finalize;
  object_class->get_property = sitrep_reports_view_get_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, SITREP_TYPE_REPORT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/ui/"
                                               "sitrep-reports-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepReportsView, box);
  gtk_widget_class_bind_template_child (widget_class, SitrepReportsView, month_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepReportsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, SitrepReportsView, status_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepReportsView, content_box);
  gtk_widget_class_bind_template_child (widget_class, SitrepReportsView, figures_box);

  gtk_widget_class_install_action (widget_class, "reports.previous-month", NULL,
                                   previous_month_action);
  gtk_widget_class_install_action (widget_class, "reports.next-month", NULL, next_month_action);
  gtk_widget_class_install_action (widget_class, "reports.show-report", NULL,
                                   show_report_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "reports.previous-month", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "reports.next-month", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sitrep-reports-view");
}

static void
sitrep_reports_view_init (SitrepReportsView *self)
{
  GtkWidget *charts_box;

  gtk_widget_init_template (GTK_WIDGET (self));
  sitrep_accessible_name_mnemonic_buttons (GTK_WIDGET (self));

  charts_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_box_append (GTK_BOX (charts_box),
                  new_chart_card (self, 0, SITREP_REPORT_CHART_PER_DAY,
                                  _("Reported and resolved per day")));
  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
    GtkWidget *compliance = new_chart_card (self, 1, SITREP_REPORT_CHART_COMPLIANCE,
                                            _("Compliance per clock"));
    GtkWidget *causes = new_chart_card (self, 2, SITREP_REPORT_CHART_BY_CAUSE,
                                        _("Incidents by cause"));

    gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
    gtk_box_append (GTK_BOX (row), compliance);
    gtk_box_append (GTK_BOX (row), causes);
    gtk_box_append (GTK_BOX (charts_box), row);
  }
  gtk_box_append (self->content_box, charts_box);
  gtk_widget_set_visible (GTK_WIDGET (self->content_box), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.show-report", FALSE);

  self->year = 2026;
  self->month = 1;
}

/**
 * sitrep_reports_view_new:
 *
 * Returns: (transfer floating): an empty Reports view; give it a database
 *   with sitrep_reports_view_set_database()
 */
GtkWidget *
sitrep_reports_view_new (void)
{
  return g_object_new (SITREP_TYPE_REPORTS_VIEW, NULL);
}

/**
 * sitrep_reports_view_set_database:
 * @self: a #SitrepReportsView
 * @path: the database file, which the view reads on a worker thread
 *   through a read-only connection of its own
 * @clock: the clock: "now" for the deadlines still running, and the
 *   month shown first
 *
 * Shows the current month of @path.
 */
void
sitrep_reports_view_set_database (SitrepReportsView *self,
                                  const char        *path,
                                  SitrepClock       *clock)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (SITREP_IS_REPORTS_VIEW (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (SITREP_IS_CLOCK (clock));

  g_free (self->path);
  self->path = g_strdup (path);
  g_set_object (&self->clock, clock);

  now = g_date_time_new_from_unix_local (sitrep_clock_get_now (clock));
  sitrep_reports_view_set_month (self, g_date_time_get_year (now),
                                 g_date_time_get_month (now));
}

/**
 * sitrep_reports_view_set_worker:
 * @self: a #SitrepReportsView
 * @worker: a worker that reads the database (a team database's) through
 *   a read-only connection of its own
 * @clock: the clock: "now" for the deadlines still running, and the
 *   month shown first
 *
 * Shows the current month of the database @worker reads, computed on its
 * thread.
 */
void
sitrep_reports_view_set_worker (SitrepReportsView *self,
                                SitrepWorker      *worker,
                                SitrepClock       *clock)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (SITREP_IS_REPORTS_VIEW (self));
  g_return_if_fail (SITREP_IS_WORKER (worker));
  g_return_if_fail (SITREP_IS_CLOCK (clock));

  g_clear_pointer (&self->path, g_free);
  g_set_object (&self->worker, worker);
  g_set_object (&self->clock, clock);

  now = g_date_time_new_from_unix_local (sitrep_clock_get_now (clock));
  sitrep_reports_view_set_month (self, g_date_time_get_year (now),
                                 g_date_time_get_month (now));
}

/**
 * sitrep_reports_view_set_month:
 * @self: a #SitrepReportsView
 * @year: the year
 * @month: the month, 1 … 12
 *
 * Shows a month, computed on a worker thread; a month still being computed
 * is dropped.
 */
void
sitrep_reports_view_set_month (SitrepReportsView *self,
                               int                year,
                               int                month)
{
  g_return_if_fail (SITREP_IS_REPORTS_VIEW (self));
  g_return_if_fail (year >= 2 && year <= 9999 && month >= 1 && month <= 12);

  self->year = year;
  self->month = month;
  reload (self);
}

/**
 * sitrep_reports_view_get_month:
 * @self: a #SitrepReportsView
 * @year: (out): the year shown
 * @month: (out): the month shown
 */
void
sitrep_reports_view_get_month (SitrepReportsView *self,
                               int               *year,
                               int               *month)
{
  g_return_if_fail (SITREP_IS_REPORTS_VIEW (self));

  *year = self->year;
  *month = self->month;
}

/**
 * sitrep_reports_view_get_report:
 * @self: a #SitrepReportsView
 *
 * Returns: (transfer none) (nullable): the monthly analysis shown
 */
SitrepReport *
sitrep_reports_view_get_report (SitrepReportsView *self)
{
  g_return_val_if_fail (SITREP_IS_REPORTS_VIEW (self), NULL);

  return self->report;
}

/**
 * sitrep_reports_view_get_loading:
 * @self: a #SitrepReportsView
 *
 * Returns: whether a month is being computed
 */
gboolean
sitrep_reports_view_get_loading (SitrepReportsView *self)
{
  g_return_val_if_fail (SITREP_IS_REPORTS_VIEW (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * sitrep_reports_view_present_window:
 * @parent: the window it belongs to
 * @store: the incidents' store
 * @clock: the clock that says which month is the current one
 *
 * Shows the monthly analysis in a window of its own, beside the incidents:
 * it reads the database through its own connection on a worker (on a
 * team database, a worker of the window's own, so that the incident
 * list's queries do not wait behind it). Escape closes it, as it closes
 * the other secondary windows.
 */
void
sitrep_reports_view_present_window (GtkWindow   *parent,
                                    SitrepStore *store,
                                    SitrepClock *clock)
{
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *scrolled;
  GtkWidget *view;
  GtkEventController *controller;
  GtkShortcut *escape;

  g_return_if_fail (SITREP_IS_STORE (store));

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Monthly Analysis"));
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 720);

  view = sitrep_reports_view_new ();
  if (sitrep_store_is_team (store))
    {
      g_autoptr(SitrepWorker) worker = sitrep_worker_new_for_store (store);

      sitrep_reports_view_set_worker (SITREP_REPORTS_VIEW (view), worker, clock);
    }
  else
    sitrep_reports_view_set_database (SITREP_REPORTS_VIEW (view), sitrep_store_get_path (store),
                                      clock);
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);

  controller = gtk_shortcut_controller_new ();
  escape = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                             gtk_named_action_new ("window.close"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), escape);
  gtk_widget_add_controller (window, controller);

  gtk_window_present (GTK_WINDOW (window));
}
