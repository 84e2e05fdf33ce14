/* sitrep-incident-view.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-incident-view-private.h"
#include "sitrep-accessible.h"
#include "sitrep-lifecycle.h"
#include "sitrep-toast.h"

/*
 * The detail pane of one incident: its header with the next deadline and one
 * button per transition that is valid now, the three deadlines, the fields
 * (each edit saved at once), the escalation timeline, the communication
 * plan and, fixed at the bottom, the composer that appends to the timeline.
 *
 * This file holds the object, its template and properties, and the reading
 * of the incident; each part of the pane is in its own file (see
 * sitrep-incident-view-private.h). The view follows the store's
 * "incident-changed" signal, so a change made anywhere shows here: it reads
 * the incident once, its timeline only when that changed, and hands both to
 * the parts and to the communication section, which read nothing
 * themselves.
 */

G_DEFINE_FINAL_TYPE (SitrepIncidentView, sitrep_incident_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_INCIDENT_ID,
  PROP_INCIDENT,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gint64
_sitrep_incident_view_get_now (SitrepIncidentView *self)
{
  return sitrep_clock_get_now (sitrep_store_get_clock (self->store));
}

const char *
_sitrep_incident_view_get_author (SitrepIncidentView *self)
{
  return sitrep_context_get_user_name (self->context);
}

void
_sitrep_incident_view_show_toast (SitrepIncidentView *self,
                                  const char         *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, sitrep_toast_new (message, 8));
}

void
_sitrep_incident_view_show_store_error (SitrepIncidentView *self,
                                        const char         *what,
                                        const GError       *error)
{
  /* Translators: "Could not save Title: the title must not be empty" */
  g_autofree char *message = g_strdup_printf (_("Could not save %s: %s"), what, error->message);

  _sitrep_incident_view_show_toast (self, message);
}

gboolean
_sitrep_incident_view_check_writable (SitrepIncidentView  *self,
                                      GError             **error)
{
  if (self->store == NULL || self->incident == NULL)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
                   _("No incident is selected."));
      return FALSE;
    }

  /* The view may be made read-only on its own; the context decides for
   * the user's role. */
  if (self->read_only)
    {
      g_set_error (error, SITREP_LIFECYCLE_ERROR, SITREP_LIFECYCLE_ERROR_READ_ONLY_ROLE,
                   _("Your role has data viewing permission: you can see everything but "
                     "change nothing."));
      return FALSE;
    }

  return sitrep_context_check_writable (self->context, error);
}

char *
_sitrep_incident_view_dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The pencil of an entry row, the arrow of a combo row and an entry's icon
 * only decorate a control that has its own name: screen readers skip them. */
void
_sitrep_incident_view_hide_decorations (GtkWidget *widget)
{
  if (GTK_IS_IMAGE (widget))
    gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                                 GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                                 -1);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    _sitrep_incident_view_hide_decorations (child);
}

/* The pane's outline, shown until the first painted frame, gives way at
 * once: a crossfade would only paint the same content several times. */
static void
show_page (SitrepIncidentView *self,
           const char         *name)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0)
    gtk_stack_set_visible_child_full (self->stack, name, GTK_STACK_TRANSITION_TYPE_NONE);
  else
    gtk_stack_set_visible_child_name (self->stack, name);
  gtk_spinner_set_spinning (self->reading_spinner, g_str_equal (name, "reading"));
}

static void
set_incident (SitrepIncidentView *self,
              SitrepIncident     *incident)
{
  if (self->incident == incident)
    return;

  g_set_object (&self->incident, incident);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT]);
}

static void
show_nothing (SitrepIncidentView *self,
              const char         *page)
{
  set_incident (self, NULL);
  g_clear_pointer (&self->timeline, g_ptr_array_unref);
  sitrep_timeline_view_clear (self->timeline_view);
  sitrep_communication_view_show (self->communication_view, NULL, NULL, NULL);
  show_page (self, page);
  _sitrep_incident_view_actions_update (self);
}

/* Draws @parts of the pane from the incident and timeline as last read. */
void
_sitrep_incident_view_redraw (SitrepIncidentView *self,
                              guint               parts,
                              gboolean            reset_edits)
{
  gint64 now;

  if (self->incident == NULL)
    return;

  self->refreshing = TRUE;
  now = _sitrep_incident_view_get_now (self);

  if (parts & SITREP_INCIDENT_VIEW_PART_HEADER)
    _sitrep_incident_view_header_refresh (self, now);
  if (parts & SITREP_INCIDENT_VIEW_PART_DEADLINES)
    _sitrep_incident_view_deadlines_refresh (self, now);
  if (parts & SITREP_INCIDENT_VIEW_PART_FIELDS)
    _sitrep_incident_view_fields_refresh (self, reset_edits);
  if (parts & SITREP_INCIDENT_VIEW_PART_TIMELINE)
    sitrep_timeline_view_set_incident (self->timeline_view, self->incident, self->timeline,
                                       self->policy, now);
  _sitrep_incident_view_actions_update (self);

  show_page (self, "incident");
  self->refreshing = FALSE;
}

/* The parts of the pane that show what @changes (#SitrepChange flags)
 * touched. Due and met moments are drawn on the timeline's axis. */
static guint
parts_for_changes (guint changes)
{
  guint parts = 0;

  if (changes & SITREP_CHANGE_CREATED)
    return SITREP_INCIDENT_VIEW_PART_ALL;
  if (changes & SITREP_CHANGE_FIELDS)
    parts |= SITREP_INCIDENT_VIEW_PART_HEADER | SITREP_INCIDENT_VIEW_PART_FIELDS
             | SITREP_INCIDENT_VIEW_PART_DEADLINES | SITREP_INCIDENT_VIEW_PART_TIMELINE;
  if (changes & (SITREP_CHANGE_STATUS | SITREP_CHANGE_LEVEL | SITREP_CHANGE_DEADLINES))
    parts |= SITREP_INCIDENT_VIEW_PART_HEADER | SITREP_INCIDENT_VIEW_PART_DEADLINES
             | SITREP_INCIDENT_VIEW_PART_TIMELINE;
  if (changes & SITREP_CHANGE_STATUS)
    parts |= SITREP_INCIDENT_VIEW_PART_FIELDS;
  if (changes & SITREP_CHANGE_OWNER)
    parts |= SITREP_INCIDENT_VIEW_PART_HEADER | SITREP_INCIDENT_VIEW_PART_FIELDS;
  if (changes & SITREP_CHANGE_TIMELINE)
    parts |= SITREP_INCIDENT_VIEW_PART_TIMELINE;

  return parts;
}

/* Shows @incident, as just read, with @timeline when it was read too
 * (@timeline_read), and draws the parts @changes (#SitrepChange flags)
 * touched; hands both down to the communication section. */
static void
show_read (SitrepIncidentView *self,
           SitrepIncident     *incident,
           GPtrArray          *timeline,
           gboolean            timeline_read,
           guint               changes,
           gboolean            reset_edits)
{
  guint parts;

  if (self->incident == NULL
      || sitrep_incident_get_id (self->incident) != self->incident_id)
    changes = SITREP_CHANGE_ALL;
  parts = parts_for_changes (changes);

  if (timeline_read)
    {
      g_clear_pointer (&self->timeline, g_ptr_array_unref);
      if (timeline != NULL)
        self->timeline = g_ptr_array_ref (timeline);
      parts |= SITREP_INCIDENT_VIEW_PART_TIMELINE;
    }

  set_incident (self, incident);
  _sitrep_incident_view_redraw (self, parts, reset_edits);
  sitrep_communication_view_show (self->communication_view, self->incident, self->timeline,
                                  self->policy);
}

/* The incident on show could not be read again (a team database that
 * went away, or kept it locked): it stays as last read, and the window
 * says why nothing changes. One never shown says why it cannot be. */
static void
show_unreadable (SitrepIncidentView *self,
                 const GError       *error)
{
  if (self->incident != NULL && sitrep_incident_get_id (self->incident) == self->incident_id)
    {
      g_debug ("%s", error->message);
      if (!g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_UNREACHABLE))
        _sitrep_incident_view_show_toast (self, error->message);
      return;
    }

  show_nothing (self, "unreadable");
  adw_status_page_set_description (self->unreadable_page, error->message);
}

/* A read of the incident on show, on its way back from the context: a
 * team database answers on the main loop later, a desk's file at once. */
typedef struct
{
  SitrepIncidentView        *self;          /* weak */
  gint64                     id;
  SitrepIncident            *incident;      /* known already: only the timeline is read */
  gboolean                   with_timeline;
  guint                      changes;
  gboolean                   reset_edits;
  SitrepIncidentViewReadThen then;
  gpointer                   then_data;
  GDestroyNotify             then_data_free;
} ViewRead;

static void
view_read_free (gpointer data)
{
  ViewRead *read = data;

  if (read->self != NULL)
    read->self->n_reading--;
  g_clear_weak_pointer (&read->self);
  g_clear_object (&read->incident);
  if (read->then_data_free != NULL)
    read->then_data_free (read->then_data);
  g_free (read);
}

static void
view_read_done (SitrepIncident *incident,
                GPtrArray      *timeline,
                const GError   *error,
                gpointer        user_data)
{
  ViewRead *read = user_data;
  SitrepIncidentView *self = read->self;

  /* the view went, or turned to another incident meanwhile */
  if (self == NULL || self->store == NULL || read->id != self->incident_id)
    return;

  if (read->incident != NULL)
    incident = read->incident;

  if (incident == NULL
      && g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND))
    {
      show_nothing (self, "empty");
      return;
    }
  if (incident == NULL)
    {
      show_unreadable (self, error);
      return;
    }

  if (read->with_timeline && timeline == NULL && error != NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("Could not read the timeline of %s: %s"),
                         sitrep_incident_get_key (incident), error->message);

      _sitrep_incident_view_show_toast (self, message);
    }

  show_read (self, incident, timeline, read->with_timeline, read->changes, read->reset_edits);
  if (read->then != NULL)
    read->then (self, read->then_data);
}

/* Reads what is missing (the incident unless @known, the timeline when
 * @with_timeline), then shows it as show_read() does and calls @then. */
static void
read_and_show (SitrepIncidentView         *self,
               SitrepIncident             *known,
               gboolean                    with_timeline,
               guint                       changes,
               gboolean                    reset_edits,
               SitrepIncidentViewReadThen  then,
               gpointer                    then_data,
               GDestroyNotify              then_data_free)
{
  SitrepContextRead what = 0;
  ViewRead *read;

  if (known == NULL)
    what |= SITREP_CONTEXT_READ_INCIDENT;
  if (with_timeline)
    what |= SITREP_CONTEXT_READ_TIMELINE;

  read = g_new0 (ViewRead, 1);
  g_set_weak_pointer (&read->self, self);
  read->id = self->incident_id;
  read->incident = known != NULL ? g_object_ref (known) : NULL;
  read->with_timeline = with_timeline;
  read->changes = changes;
  read->reset_edits = reset_edits;
  read->then = then;
  read->then_data = then_data;
  read->then_data_free = then_data_free;

  /* counted down when the read is freed, whichever way it ends */
  self->n_reading++;
  if (what == 0)
    {
      view_read_done (NULL, NULL, NULL, read);
      view_read_free (read);
      return;
    }

  sitrep_context_read_incident (self->context, self->incident_id, what,
                                self->read_cancellable, view_read_done, read,
                                view_read_free);

  /* Still on its way (a team database): another incident's details must
   * not stand in for this one's meanwhile. */
  if (self->n_reading > 0
      && (self->incident == NULL
          || sitrep_incident_get_id (self->incident) != self->incident_id))
    show_nothing (self, "reading");
}

/* Shows @incident, as just read, and its timeline, read again only when
 * @changes (#SitrepChange flags) say it grew. */
static void
show_incident (SitrepIncidentView *self,
               SitrepIncident     *incident,
               guint               changes,
               gboolean            reset_edits)
{
  gboolean with_timeline =
    (changes & (SITREP_CHANGE_TIMELINE | SITREP_CHANGE_CREATED)) || self->timeline == NULL
    || self->incident == NULL || sitrep_incident_get_id (self->incident) != self->incident_id;

  read_and_show (self, incident, with_timeline, changes, reset_edits, NULL, NULL, NULL);
}

/**
 * _sitrep_incident_view_reload_then:
 * @self: an incident view
 * @changes: what changed, #SitrepChange flags
 * @reset_edits: whether the fields drop what is being typed
 * @then: (nullable): called once the incident on show was read and shown
 * @then_data: for @then
 * @then_data_free: (nullable): frees @then_data
 *
 * Reads the incident on show and its timeline, then shows them as
 * show_read() does. A team database answers later: @then is not called
 * when the read fails or the view turned to another incident meanwhile.
 */
void
_sitrep_incident_view_reload_then (SitrepIncidentView         *self,
                                   guint                       changes,
                                   gboolean                    reset_edits,
                                   SitrepIncidentViewReadThen  then,
                                   gpointer                    then_data,
                                   GDestroyNotify              then_data_free)
{
  if (self->store == NULL || self->incident_id == 0)
    {
      show_nothing (self, self->pending_id != 0 ? "loading" : "empty");
      if (then_data_free != NULL)
        then_data_free (then_data);
      return;
    }

  read_and_show (self, NULL, TRUE, changes, reset_edits, then, then_data, then_data_free);
}

/* Reads the incident and its timeline, then shows them. */
void
_sitrep_incident_view_reload (SitrepIncidentView *self,
                              guint               changes,
                              gboolean            reset_edits)
{
  _sitrep_incident_view_reload_then (self, changes, reset_edits, NULL, NULL, NULL);
}

static void
read_again_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _sitrep_incident_view_reload (SITREP_INCIDENT_VIEW (widget), SITREP_CHANGE_ALL, TRUE);
}

static void
read_policy (SitrepIncidentView *self)
{
  g_clear_object (&self->policy);
  if (self->store != NULL)
    self->policy = sitrep_store_get_policy (self->store);
}

static void
stop_waiting_for_frame (SitrepIncidentView *self)
{
  if (self->frame_clock != NULL)
    g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_clear_object (&self->frame_clock);
}

/* Answers to reads asked for so far are no longer wanted. */
static void
cancel_reads (SitrepIncidentView *self)
{
  if (self->read_cancellable != NULL)
    g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  self->read_cancellable = g_cancellable_new ();
}

static void
cancel_pending (SitrepIncidentView *self)
{
  stop_waiting_for_frame (self);
  g_clear_handle_id (&self->fill_id, g_source_remove);
  self->pending_id = 0;
}

static gboolean
fill_pending_cb (gpointer user_data)
{
  SitrepIncidentView *self = user_data;

  self->fill_id = 0;
  sitrep_incident_view_set_incident_id (self, self->pending_id);

  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock      *frame_clock,
                SitrepIncidentView *self)
{
  stop_waiting_for_frame (self);

  /* Out of the frame clock's cycle: the frame is on screen, and the pane
   * is read and laid out for the next one. */
  if (self->fill_id == 0)
    {
      self->fill_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_pending_cb, self, NULL);
      g_source_set_name_by_id (self->fill_id, "[sitrep] fill the incident view");
    }
}

static void
wait_for_frame (SitrepIncidentView *self)
{
  if (self->pending_id == 0 || self->after_paint_id != 0 || self->fill_id != 0
      || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->after_paint_id = g_signal_connect (self->frame_clock, "after-paint",
                                           G_CALLBACK (after_paint_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The context read the incident: the view takes it as it is. */
static void
incident_changed_cb (SitrepContext      *context,
                     gint64              id,
                     guint               changes,
                     SitrepIncident     *incident,
                     SitrepIncidentView *self)
{
  if (self->incident_id == 0 || id != self->incident_id)
    return;

  if (incident == NULL)
    _sitrep_incident_view_reload (self, SITREP_CHANGE_ALL, FALSE);
  else
    show_incident (self, incident, changes, FALSE);
}

/* An import, a new policy or another process: read everything again. */
static void
store_changed_cb (SitrepStore        *store,
                  SitrepIncidentView *self)
{
  read_policy (self);
  if (self->incident_id != 0)
    _sitrep_incident_view_reload (self, SITREP_CHANGE_ALL, FALSE);
}

static void
sitrep_incident_view_map (GtkWidget *widget)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);

  GTK_WIDGET_CLASS (sitrep_incident_view_parent_class)->map (widget);

  /* The countdowns may have moved while hidden. */
  if (self->incident != NULL)
    _sitrep_incident_view_redraw (self, SITREP_INCIDENT_VIEW_PART_ALL, FALSE);
  _sitrep_incident_view_schedule_tick (self);
  wait_for_frame (self);
}

static void
sitrep_incident_view_unmap (GtkWidget *widget)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  stop_waiting_for_frame (self);
  /* Going back to the list or closing the window keeps what was typed. */
  _sitrep_incident_view_keep_drafts (self);

  GTK_WIDGET_CLASS (sitrep_incident_view_parent_class)->unmap (widget);
}

static void
disconnect_context (SitrepIncidentView *self)
{
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  if (self->context != NULL)
    g_clear_signal_handler (&self->incident_changed_id, self->context);
  g_clear_pointer (&self->read_only_binding, g_binding_unbind);
  g_clear_object (&self->store);
}

static void
sitrep_incident_view_dispose (GObject *object)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  cancel_pending (self);
  if (self->read_cancellable != NULL)
    g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  _sitrep_incident_view_composer_dispose (self);
  disconnect_context (self);
  g_clear_object (&self->context);
  g_clear_object (&self->incident);
  g_clear_pointer (&self->timeline, g_ptr_array_unref);
  g_clear_object (&self->policy);
  g_clear_object (&self->shortcuts);

  /* AdwBin unparents the template's top widget itself, and the template
   * children are released with the widget. */

  G_OBJECT_CLASS (sitrep_incident_view_parent_class)->dispose (object);
}

static void
sitrep_incident_view_finalize (GObject *object)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (object);

  _sitrep_incident_view_fields_finalize (self);

  G_OBJECT_CLASS (sitrep_incident_view_parent_class)->finalize (object);
}

static void
sitrep_incident_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_INCIDENT_ID:
      g_value_set_int64 (value, self->incident_id);
      break;
    case PROP_INCIDENT:
      g_value_set_object (value, self->incident);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_incident_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      sitrep_incident_view_set_context (self, g_value_get_object (value));
      break;
    case PROP_INCIDENT_ID:
      sitrep_incident_view_set_incident_id (self, g_value_get_int64 (value));
      break;
    case PROP_READ_ONLY:
      sitrep_incident_view_set_read_only (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_incident_view_class_init (SitrepIncidentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_incident_view_dispose;
  object_class->finalize = sitrep_incident_view_finalize;
  object_class->get_property = sitrep_incident_view_get_property;
  object_class->set_property = sitrep_incident_view_set_property;

  widget_class->map = sitrep_incident_view_map;
  widget_class->unmap = sitrep_incident_view_unmap;

  /**
   * SitrepIncidentView:context:
   *
   * The store the incident is read from and changes are written to, and
   * the user who writes them.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SITREP_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SitrepIncidentView:incident-id:
   *
   * The incident shown, or 0 for none.
   */
  properties[PROP_INCIDENT_ID] =
    g_param_spec_int64 ("incident-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SitrepIncidentView:incident:
   *
   * The incident as last read, a new object after each change, so that
   * whoever shows its key or title need not read it again.
   */
  properties[PROP_INCIDENT] =
    g_param_spec_object ("incident", NULL, NULL, SITREP_TYPE_INCIDENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SitrepIncidentView:read-only:
   *
   * Whether every change is disabled; follows the context's
   * #SitrepContext:read-only.
   */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SITREP_TYPE_COMMUNICATION_VIEW);
  g_type_ensure (SITREP_TYPE_TIMELINE_VIEW);
  g_type_ensure (SITREP_TYPE_ROSTER_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/ui/"
                                               "sitrep-incident-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, stack);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, reading_spinner);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, unreadable_page);
  gtk_widget_class_install_action (widget_class, "incident.read-again", NULL, read_again_cb);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, communication_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, level_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, status_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, key_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, title_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, next_deadline_box);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, next_deadline_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, actions_box);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, deadlines_group);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, fields_group);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, title_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, service_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, owner_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, roster_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, roster_picker);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, reporter_name_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, reporter_contact_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, channel_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, cause_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, occurred_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, reported_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, transferred_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, text_fields_box);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, complaints_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, links_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, final_report_editor);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, timeline_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, composer);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, composer_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, composer_hint);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, composer_time_entry);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, add_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, composer_error_label);

  _sitrep_incident_view_fields_class_init (widget_class);
  _sitrep_incident_view_composer_class_init (widget_class);
  _sitrep_incident_view_corrections_class_init (widget_class);
  _sitrep_incident_view_actions_class_init (widget_class);
  _sitrep_incident_view_reports_class_init (widget_class);
  _sitrep_incident_view_workflow_class_init (widget_class);

  gtk_widget_class_set_css_name (widget_class, "sitrep-incident-view");
}

static void
sitrep_incident_view_init (SitrepIncidentView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sitrep_accessible_name_mnemonic_buttons (GTK_WIDGET (self));

  _sitrep_incident_view_actions_init (self);
  _sitrep_incident_view_reports_init (self);
  _sitrep_incident_view_workflow_init (self);
  _sitrep_incident_view_deadlines_init (self);
  _sitrep_incident_view_fields_init (self);
  _sitrep_incident_view_composer_init (self);

  self->read_cancellable = g_cancellable_new ();
  _sitrep_incident_view_reload (self, SITREP_CHANGE_ALL, TRUE);
}

/**
 * sitrep_incident_view_new:
 *
 * Returns: (transfer floating): a new incident view showing nothing
 */
GtkWidget *
sitrep_incident_view_new (void)
{
  return g_object_new (SITREP_TYPE_INCIDENT_VIEW, NULL);
}

/**
 * sitrep_incident_view_get_incident_id:
 * @self: an incident view
 *
 * Returns: the id of the incident shown, or 0
 */
gint64
sitrep_incident_view_get_incident_id (SitrepIncidentView *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_VIEW (self), 0);

  return self->incident_id;
}

/**
 * sitrep_incident_view_get_read_only:
 * @self: an incident view
 *
 * Returns: whether every change is disabled
 */
gboolean
sitrep_incident_view_get_read_only (SitrepIncidentView *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_VIEW (self), FALSE);

  return self->read_only;
}

/**
 * sitrep_incident_view_get_incident:
 * @self: an incident view
 *
 * Returns: (transfer none) (nullable): the incident as last read from the
 *   store, or %NULL when none is shown
 */
SitrepIncident *
sitrep_incident_view_get_incident (SitrepIncidentView *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_VIEW (self), NULL);

  return self->incident;
}

/**
 * sitrep_incident_view_get_heading:
 * @self: an incident view
 *
 * Returns: (transfer none): the key shown in the header, e.g. "INC-7", or
 *   "" when no incident is shown
 */
const char *
sitrep_incident_view_get_heading (SitrepIncidentView *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_VIEW (self), NULL);

  return self->incident != NULL ? gtk_label_get_label (self->key_label) : "";
}

/**
 * sitrep_incident_view_get_timeline:
 * @self: an incident view
 *
 * Returns: (transfer none): the #SitrepTimelineView of the incident
 */
GtkWidget *
sitrep_incident_view_get_timeline (SitrepIncidentView *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_VIEW (self), NULL);

  return GTK_WIDGET (self->timeline_view);
}

/**
 * sitrep_incident_view_get_context:
 * @self: an incident view
 *
 * Returns: (transfer none) (nullable): the context
 */
SitrepContext *
sitrep_incident_view_get_context (SitrepIncidentView *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_VIEW (self), NULL);

  return self->context;
}

/**
 * sitrep_incident_view_set_context:
 * @self: an incident view
 * @context: (nullable): the context, with the store to read from and write
 *   to and the user who writes
 */
void
sitrep_incident_view_set_context (SitrepIncidentView *self,
                                  SitrepContext      *context)
{
  g_return_if_fail (SITREP_IS_INCIDENT_VIEW (self));
  g_return_if_fail (context == NULL || SITREP_IS_CONTEXT (context));

  if (self->context == context)
    return;

  disconnect_context (self);
  cancel_reads (self);
  g_set_object (&self->context, context);

  if (context != NULL && sitrep_context_get_store (context) != NULL)
    {
      self->store = g_object_ref (sitrep_context_get_store (context));
      self->incident_changed_id = g_signal_connect (context, "incident-changed",
                                                    G_CALLBACK (incident_changed_cb), self);
      self->changed_id = g_signal_connect (self->store, "changed",
                                           G_CALLBACK (store_changed_cb), self);
    }
  if (context != NULL)
    self->read_only_binding = g_object_bind_property (context, "read-only",
                                                      self, "read-only",
                                                      G_BINDING_SYNC_CREATE);

  sitrep_communication_view_set_context (self->communication_view, context);
  read_policy (self);
  _sitrep_incident_view_reload (self, SITREP_CHANGE_ALL, TRUE);
  _sitrep_incident_view_composer_restore (self);
  _sitrep_incident_view_schedule_tick (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * sitrep_incident_view_set_incident_id:
 * @self: an incident view
 * @incident_id: the incident to show, or 0 for none
 */
void
sitrep_incident_view_set_incident_id (SitrepIncidentView *self,
                                      gint64              incident_id)
{
  gboolean was_pending;

  g_return_if_fail (SITREP_IS_INCIDENT_VIEW (self));

  was_pending = self->pending_id != 0;
  cancel_pending (self);

  if (self->incident_id == incident_id && !was_pending)
    return;

  _sitrep_incident_view_keep_drafts (self);
  cancel_reads (self);

  self->incident_id = incident_id;

  _sitrep_incident_view_reload (self, SITREP_CHANGE_ALL, TRUE);
  _sitrep_incident_view_composer_restore (self);

  /* A different incident starts at its top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT_ID]);
}

/**
 * sitrep_incident_view_set_incident_id_after_frame:
 * @self: an incident view showing no incident
 * @incident_id: the incident to show
 *
 * Shows the pane's blank outline now and incident @incident_id right after
 * the window has painted its next frame, so that a window that opens on an
 * incident appears without waiting for the incident's details and
 * timeline. Until then sitrep_incident_view_get_incident() returns %NULL;
 * any other choice of incident before that replaces this one. A view that
 * already shows an incident shows @incident_id at once.
 */
void
sitrep_incident_view_set_incident_id_after_frame (SitrepIncidentView *self,
                                                  gint64              incident_id)
{
  g_return_if_fail (SITREP_IS_INCIDENT_VIEW (self));

  if (incident_id == 0 || self->incident_id != 0)
    {
      sitrep_incident_view_set_incident_id (self, incident_id);
      return;
    }

  cancel_pending (self);
  self->pending_id = incident_id;
  show_page (self, "loading");
  _sitrep_incident_view_actions_update (self);
  wait_for_frame (self);
}

/**
 * sitrep_incident_view_set_read_only:
 * @self: an incident view
 * @read_only: %TRUE for a user who may only view
 *
 * Disables every change and says why.
 */
void
sitrep_incident_view_set_read_only (SitrepIncidentView *self,
                                    gboolean            read_only)
{
  g_return_if_fail (SITREP_IS_INCIDENT_VIEW (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  self->read_only = read_only;
  _sitrep_incident_view_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}
