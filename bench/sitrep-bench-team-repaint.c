/* sitrep-bench-team-repaint.c: from another desk's commit to the row
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <adwaita.h>

#include "sitrep-bench-team.h"
#include "sitrep-context.h"
#include "sitrep-resources.h"
#include "sitrep-window.h"

/*
 * The "repaint" part: a main window on a team database, as a desk shows
 * it, and another desk (a store of its own in the same process, on its
 * own connection) renaming one of the incidents the list shows. Measured
 * from the writer's commit to the frame after which the window's list
 * shows the new title (the frame clock's "after-paint"), and, beside it,
 * to the window's store announcing the change ("incident-changed"). The
 * window is on the same machine as the server, which is on loopback.
 */

#define REPAINT_CHANGES 200
#define REPAINT_ROWS    8

typedef struct
{
  GtkWidget *list;
  gint64     id;          /* the incident being renamed */
  char      *title;       /* its new title */
  gboolean   stored;
  gint64     stored_at;
  gboolean   painted;
  gint64     painted_at;
} Repaint;

/* Whether a label under @widget, on screen, reads @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;

  return FALSE;
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                Repaint       *repaint)
{
  if (repaint->title == NULL || repaint->painted)
    return;

  if (shows_label (repaint->list, repaint->title))
    {
      repaint->painted = TRUE;
      repaint->painted_at = g_get_monotonic_time ();
    }
}

static void
window_store_changed_cb (SitrepStore *store,
                         gint64       id,
                         guint        changes,
                         Repaint     *repaint)
{
  if (id == repaint->id && !repaint->stored)
    {
      repaint->stored = TRUE;
      repaint->stored_at = g_get_monotonic_time ();
    }
}

static gboolean
wait_mapped (GtkWidget *widget)
{
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);

  return gtk_widget_get_mapped (widget);
}

gboolean
bench_team_repaint (GError **error)
{
  g_autofree char *address = NULL;
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autoptr(SitrepStore) writer = NULL;
  g_autoptr(SitrepStore) desk = NULL;
  g_autoptr(SitrepContext) context = NULL;
  g_autoptr(GtkApplication) app = NULL;
  double painted[REPAINT_CHANGES], stored[REPAINT_CHANGES];
  gint64 ids[REPAINT_ROWS];
  Repaint repaint = { 0 };
  GdkFrameClock *frame_clock;
  GtkWindow *window;
  guint n = 0, missed = 0;

  if (!gtk_init_check ())
    {
      printf ("\n### Change to another desk's window\n\nNot measured: no display "
              "(run under `xvfb-run -a dbus-run-session`).\n");
      return TRUE;
    }

  g_printerr ("repaint: a window and another desk, %d changes...\n", REPAINT_CHANGES);
  address = bench_team_create_database ("sitrep_bench_repaint");
  writer = sitrep_store_open_team (address, NULL, clock, error);
  if (writer == NULL)
    return FALSE;
  for (guint i = 0; i < REPAINT_ROWS; i++)
    {
      g_autofree char *title = g_strdup_printf ("Gateway timeout on srv%04u", i);
      g_autoptr(SitrepIncident) incident =
        bench_team_new_incident (title, 2, sitrep_clock_get_now (clock) - 60 * (i + 1));

      if (!sitrep_store_create_incident (writer, incident, "Ann", error))
        return FALSE;
      ids[i] = sitrep_incident_get_id (incident);
    }

  /* the window of a desk, built as the application builds it */
  desk = sitrep_store_open_team (address, NULL, clock, error);
  if (desk == NULL)
    return FALSE;
  (void) sitrep_get_resource ();
  app = g_object_new (ADW_TYPE_APPLICATION,
                      "application-id", APPLICATION_ID ".BenchRepaint",
                      "resource-base-path", "/io/github/sitrep/Sitrep",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      NULL);
  if (!g_application_register (G_APPLICATION (app), NULL, error))
    return FALSE;
  context = sitrep_context_new (desk, NULL);
  window = g_object_new (SITREP_TYPE_WINDOW, "application", app, "context", context, NULL);
  gtk_window_set_default_size (window, 1200, 900);
  gtk_window_present (window);
  repaint.list = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (window),
                                                             SITREP_TYPE_WINDOW,
                                                             "list_view");
  if (repaint.list == NULL || !wait_mapped (repaint.list)
      || !bench_team_wait_listening (desk) || !bench_team_wait_listening (writer))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   "the window did not show, or the desks did not listen, within 10 s");
      gtk_window_destroy (window);
      return FALSE;
    }

  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (after_paint_cb), &repaint);
  g_signal_connect (desk, "incident-changed", G_CALLBACK (window_store_changed_cb), &repaint);

  /* the list shows every incident first */
  g_clear_pointer (&repaint.title, g_free);
  repaint.title = g_strdup ("Gateway timeout on srv0000");
  bench_team_wait (&repaint.painted, 10000);

  for (guint i = 0; i < REPAINT_CHANGES; i++)
    {
      gint64 committed;

      g_clear_pointer (&repaint.title, g_free);
      repaint.id = ids[i % REPAINT_ROWS];
      repaint.title = g_strdup_printf ("Gateway timeout on srv%04u (%u)", i % REPAINT_ROWS, i);
      repaint.stored = repaint.painted = FALSE;
      if (!sitrep_store_set_field (writer, repaint.id, "title", repaint.title, "Ann", error))
        {
          gtk_window_destroy (window);
          return FALSE;
        }
      committed = g_get_monotonic_time ();

      if (!bench_team_wait (&repaint.painted, 3000) || !repaint.stored)
        {
          missed++;
          if (missed == 5 && n == 0)
            break;
          continue;
        }
      painted[n] = (repaint.painted_at - committed) / 1000.0;
      stored[n] = (repaint.stored_at - committed) / 1000.0;
      n++;
    }

  g_signal_handlers_disconnect_by_data (frame_clock, &repaint);
  g_signal_handlers_disconnect_by_data (desk, &repaint);
  g_clear_pointer (&repaint.title, g_free);
  gtk_window_destroy (window);

  printf ("\n### Change to another desk's window (%d renamings of a listed incident)\n\n",
          REPAINT_CHANGES);
  if (missed > 0)
    printf ("%u changes were not shown within 3 s; the figures are of the %u others.\n\n",
            missed, n);
  if (n == 0)
    return TRUE;
  {
    /* each percentile sorts its figures: the maximum is read after */
    double stored_median = sitrep_bench_percentile (stored, n, 0.5);
    double stored_p99 = sitrep_bench_percentile (stored, n, 0.99);
    double painted_median = sitrep_bench_percentile (painted, n, 0.5);
    double painted_p99 = sitrep_bench_percentile (painted, n, 0.99);

    printf ("| from the writer's commit to | median | 99th percentile | max |\n");
    printf ("| --- | ---: | ---: | ---: |\n");
    printf ("| the window's store announcing it | %.2f ms | %.2f ms | %.2f ms |\n",
            stored_median, stored_p99, stored[n - 1]);
    printf ("| the frame that shows it in the list (after paint) | %.2f ms | %.2f ms | "
            "%.2f ms |\n", painted_median, painted_p99, painted[n - 1]);
  }
  fflush (stdout);

  return TRUE;
}
