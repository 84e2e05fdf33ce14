/* sitrep-incident-row.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdarg.h>

#include <glib/gi18n.h>

#include "sitrep-incident-row.h"
#include "sitrep-incident-slot.h"
#include "sitrep-incident-workflow.h"
#include "sitrep-sla.h"

/*
 * One incident in the ticket list: its level, key, title, service, status,
 * owner and the countdown to its next deadline. The deadline's state is
 * both a colour and words, so that it reads without colour too.
 *
 * A list of a million incidents replaces its rows whenever a search
 * answers, and GTK 4.8's list view then builds a row for each of about
 * 200 items around the visible ones: the row is built to be cheap. Its
 * six labels are its direct children, created in code (no template, no
 * boxes), laid out by the row itself; its CSS classes change only when
 * the incident's level or deadline state does; the title's tooltip is
 * made when it is asked for.
 *
 * A row may follow a #SitrepIncidentSlot, a place in the list: when the
 * slot is given another incident (a new answer to a search), the row
 * shows it, and the list view keeps the row rather than building one.
 */

/* The layout the template used to give: margins, and the spacing between
 * the badge and the text, and within and between the text's lines. */
#define MARGIN_Y      10
#define MARGIN_X      12
#define BADGE_SPACING 12
#define LINE_SPACING  3
#define ITEM_SPACING  6

#define N_LABELS 6

struct _SitrepIncidentRow
{
  GtkWidget           parent_instance;

  SitrepIncident     *incident;
  SitrepPolicy       *policy;        /* as last given, for a slot's change */
  gint64              now;

  SitrepIncidentSlot *slot;
  gulong              slot_handler;

  GtkLabel           *level_label;
  GtkLabel           *key_label;
  GtkLabel           *title_label;
  GtkLabel           *service_label;
  GtkLabel           *status_label;
  GtkLabel           *deadline_label;

  const char         *level_class;   /* static strings, or NULL */
  const char         *deadline_class;

  /* What does not depend on the text: each label's one line, the badge's
   * width (three characters) and the least width of the ellipsized
   * labels. Read again when a label's font or the screen's resolution
   * changed. */
  gboolean            sizes_valid;
  PangoFontDescription *fonts[N_LABELS];
  int                 level_w;
  int                 level_h;
  int                 key_h;
  int                 title_min_w;
  int                 title_h;
  int                 service_min_w;
  int                 service_h;
  int                 status_h;
  int                 deadline_min_w;
  int                 deadline_h;
};

G_DEFINE_FINAL_TYPE (SitrepIncidentRow, sitrep_incident_row, GTK_TYPE_WIDGET)

static const char *level_classes[] = { "level-1", "level-2", "level-3" };

/* Replaces the one class of a set that @widget carries, if it changed. */
static void
swap_class (GtkWidget   *widget,
            const char **current,
            const char  *css_class)
{
  if (*current == css_class)
    return;

  if (*current != NULL)
    gtk_widget_remove_css_class (widget, *current);
  if (css_class != NULL)
    gtk_widget_add_css_class (widget, css_class);
  *current = css_class;
}

/* Returns the words that describe the next deadline, and sets its colour. */
static char *
describe_next_deadline (SitrepIncidentRow *self,
                        SitrepPolicy      *policy,
                        gint64             now)
{
  SitrepDeadline deadline;
  g_autofree char *text = NULL;

  if (!sitrep_status_is_open (sitrep_incident_get_status (self->incident))
      || policy == NULL
      || !sitrep_sla_get_next_deadline (self->incident, policy, now, &deadline))
    {
      swap_class (GTK_WIDGET (self->deadline_label), &self->deadline_class, "met");
      return g_strdup ("");
    }

  text = sitrep_sla_describe_deadline (&deadline, now);

  switch (deadline.state)
    {
    case SITREP_DEADLINE_STATE_WARNING:
      swap_class (GTK_WIDGET (self->deadline_label), &self->deadline_class, "warning");
      /* Translators: %s is e.g. "Response due in 4 min"; "at risk" says that
       * most of the deadline's time has passed */
      return g_strdup_printf (_("%s, at risk"), text);

    case SITREP_DEADLINE_STATE_BREACHED:
      swap_class (GTK_WIDGET (self->deadline_label), &self->deadline_class, "breached");
      return g_steal_pointer (&text);

    case SITREP_DEADLINE_STATE_PENDING:
    case SITREP_DEADLINE_STATE_MET:
    case SITREP_DEADLINE_STATE_MET_LATE:
    default:
      swap_class (GTK_WIDGET (self->deadline_label), &self->deadline_class, "pending");
      return g_steal_pointer (&text);
    }
}

static GtkLabel *
add_label (SitrepIncidentRow *self,
           float              xalign,
           gboolean           ellipsize,
           const char        *css_class,
           ...)
{
  GtkWidget *label = gtk_label_new (NULL);
  va_list args;

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (ellipsize)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);

  va_start (args, css_class);
  for (const char *name = css_class; name != NULL; name = va_arg (args, const char *))
    gtk_widget_add_css_class (label, name);
  va_end (args);

  gtk_widget_set_parent (label, GTK_WIDGET (self));
  return GTK_LABEL (label);
}

static gboolean
title_query_tooltip_cb (GtkWidget         *widget,
                        int                x,
                        int                y,
                        gboolean           keyboard,
                        GtkTooltip        *tooltip,
                        SitrepIncidentRow *self)
{
  const char *title;

  if (self->incident == NULL)
    return FALSE;

  title = sitrep_incident_get_title (self->incident);
  if (title == NULL || title[0] == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, title);
  return TRUE;
}

/* Natural height of a label, which is one line. */
static int
label_height (GtkLabel *label)
{
  int height = 0;

  gtk_widget_measure (GTK_WIDGET (label), GTK_ORIENTATION_VERTICAL, -1,
                      NULL, &height, NULL, NULL);
  return height;
}

static int
label_width (GtkLabel *label,
             gboolean  minimum)
{
  int min = 0, nat = 0;

  gtk_widget_measure (GTK_WIDGET (label), GTK_ORIENTATION_HORIZONTAL, -1,
                      &min, &nat, NULL, NULL);
  return minimum ? min : nat;
}

static void
measure_label (GtkLabel *label,
               int      *min_width,
               int      *height)
{
  if (min_width != NULL)
    gtk_widget_measure (GTK_WIDGET (label), GTK_ORIENTATION_HORIZONTAL, -1,
                        min_width, NULL, NULL, NULL);
  *height = label_height (label);
}

/* A new answer gives 200 rows new text at once, and GTK 4.8 measures and
 * allocates every row it has, not only those on screen. Measuring a
 * label lays its text out, so the row asks its labels only for what
 * depends on the text (the widths of the key and the status chip); the
 * rest is read once. */
/* Whether a label's font changed since the sizes were read: GTK gives
 * each widget a Pango context with the font its style asks for. */
static gboolean
fonts_changed (SitrepIncidentRow *self)
{
  GtkLabel *labels[N_LABELS] = {
    self->level_label, self->key_label, self->title_label,
    self->service_label, self->status_label, self->deadline_label,
  };
  gboolean changed = FALSE;

  for (guint i = 0; i < N_LABELS; i++)
    {
      PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (labels[i]));
      const PangoFontDescription *font = pango_context_get_font_description (context);

      if (self->fonts[i] != NULL && font != NULL
          && pango_font_description_equal (self->fonts[i], font))
        continue;

      g_clear_pointer (&self->fonts[i], pango_font_description_free);
      self->fonts[i] = font != NULL ? pango_font_description_copy (font) : NULL;
      changed = TRUE;
    }

  return changed;
}

static void
ensure_sizes (SitrepIncidentRow *self)
{
  int unused;

  if (fonts_changed (self))
    self->sizes_valid = FALSE;
  if (self->sizes_valid)
    return;

  measure_label (self->level_label, &unused, &self->level_h);
  self->level_w = label_width (self->level_label, FALSE);
  measure_label (self->key_label, NULL, &self->key_h);
  measure_label (self->title_label, &self->title_min_w, &self->title_h);
  measure_label (self->service_label, &self->service_min_w, &self->service_h);
  measure_label (self->status_label, NULL, &self->status_h);
  measure_label (self->deadline_label, &self->deadline_min_w, &self->deadline_h);
  self->sizes_valid = TRUE;
}

static gboolean
has_deadline (SitrepIncidentRow *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->deadline_label));
}

static void
sitrep_incident_row_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  SitrepIncidentRow *self = SITREP_INCIDENT_ROW (widget);

  ensure_sizes (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* The ellipsized labels ask for their ellipsis only, so that a long
       * title does not widen the list. */
      int line1 = label_width (self->key_label, FALSE) + ITEM_SPACING + self->title_min_w;
      int line2 = self->service_min_w + ITEM_SPACING + label_width (self->status_label, FALSE);
      int text = MAX (line1, line2);

      if (has_deadline (self))
        text = MAX (text, self->deadline_min_w);

      *minimum = *natural = 2 * MARGIN_X + self->level_w + BADGE_SPACING + text;
    }
  else
    {
      int text = MAX (self->key_h, self->title_h) + LINE_SPACING
                 + MAX (self->service_h, self->status_h);

      if (has_deadline (self))
        text += LINE_SPACING + self->deadline_h;

      *minimum = *natural = 2 * MARGIN_Y + MAX (text, self->level_h);
    }
}

/* Allocates @child at a rectangle given left to right, mirrored in a
 * right-to-left locale. A widget is measured before it is allocated: a
 * label whose text did not change answers from GTK's cache, one whose
 * text did lays it out once at the width it is given. */
static void
place (GtkWidget *self,
       GtkLabel  *child,
       int        width,
       int        x,
       int        y,
       int        w,
       int        h)
{
  GtkAllocation allocation = { x, y, MAX (w, 0), MAX (h, 0) };

  if (gtk_widget_get_direction (self) == GTK_TEXT_DIR_RTL)
    allocation.x = width - x - allocation.width;

  gtk_widget_measure (GTK_WIDGET (child), GTK_ORIENTATION_VERTICAL, allocation.width,
                      NULL, NULL, NULL, NULL);
  gtk_widget_size_allocate (GTK_WIDGET (child), &allocation, -1);
}

static void
sitrep_incident_row_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  SitrepIncidentRow *self = SITREP_INCIDENT_ROW (widget);
  int key_w, status_w, line1_h, line2_h, x, text_w;
  int y = MARGIN_Y;

  ensure_sizes (self);
  key_w = label_width (self->key_label, FALSE);
  status_w = label_width (self->status_label, FALSE);
  line1_h = MAX (self->key_h, self->title_h);
  line2_h = MAX (self->service_h, self->status_h);
  x = MARGIN_X + self->level_w + BADGE_SPACING;
  text_w = width - x - MARGIN_X;

  place (widget, self->level_label, width, MARGIN_X, MARGIN_Y, self->level_w, self->level_h);

  place (widget, self->key_label, width, x, y, key_w, line1_h);
  place (widget, self->title_label, width, x + key_w + ITEM_SPACING, y,
         text_w - key_w - ITEM_SPACING, line1_h);
  y += line1_h + LINE_SPACING;

  place (widget, self->service_label, width, x, y, text_w - status_w - ITEM_SPACING, line2_h);
  place (widget, self->status_label, width, x + text_w - status_w,
         y + (line2_h - self->status_h) / 2, status_w, self->status_h);
  y += line2_h + LINE_SPACING;

  if (has_deadline (self))
    place (widget, self->deadline_label, width, x, y, text_w, self->deadline_h);
}

/* The resolution, or the hinting of fonts, may have changed. */
static void
sitrep_incident_row_system_setting_changed (GtkWidget        *widget,
                                            GtkSystemSetting  setting)
{
  SitrepIncidentRow *self = SITREP_INCIDENT_ROW (widget);

  GTK_WIDGET_CLASS (sitrep_incident_row_parent_class)->system_setting_changed (widget, setting);
  self->sizes_valid = FALSE;
  gtk_widget_queue_resize (widget);
}

static void
slot_incident_changed_cb (SitrepIncidentSlot *slot,
                          GParamSpec         *pspec,
                          SitrepIncidentRow  *self)
{
  sitrep_incident_row_set_incident (self, sitrep_incident_slot_get_incident (slot),
                                    self->policy, self->now);
}

static void
sitrep_incident_row_dispose (GObject *object)
{
  SitrepIncidentRow *self = SITREP_INCIDENT_ROW (object);
  GtkWidget *child;

  sitrep_incident_row_set_slot (self, NULL);
  for (guint i = 0; i < N_LABELS; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_clear_object (&self->incident);
  g_clear_object (&self->policy);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sitrep_incident_row_parent_class)->dispose (object);
}

static void
sitrep_incident_row_class_init (SitrepIncidentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_incident_row_dispose;

  widget_class->measure = sitrep_incident_row_measure;
  widget_class->size_allocate = sitrep_incident_row_size_allocate;
  widget_class->system_setting_changed = sitrep_incident_row_system_setting_changed;

  gtk_widget_class_set_css_name (widget_class, "incidentrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sitrep_incident_row_init (SitrepIncidentRow *self)
{
  self->level_label = add_label (self, 0.5, FALSE, "level-badge", NULL);
  /* as wide as three digits, whatever the level */
  gtk_label_set_width_chars (self->level_label, 3);
  self->key_label = add_label (self, 0.0, FALSE, "incident-key", "dim-label", "numeric", NULL);
  self->title_label = add_label (self, 0.0, TRUE, "heading", NULL);
  self->service_label = add_label (self, 0.0, TRUE, "caption", "dim-label", NULL);
  self->status_label = add_label (self, 0.5, FALSE, "caption", "status-chip", NULL);
  self->deadline_label = add_label (self, 0.0, TRUE, "caption", "numeric", "deadline", NULL);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->title_label), TRUE);
  g_signal_connect_object (self->title_label, "query-tooltip",
                           G_CALLBACK (title_query_tooltip_cb), self, 0);
}

/**
 * sitrep_incident_row_new:
 *
 * Returns: (transfer full): a row showing no incident yet
 */
GtkWidget *
sitrep_incident_row_new (void)
{
  return g_object_new (SITREP_TYPE_INCIDENT_ROW, NULL);
}

/**
 * sitrep_incident_row_get_incident:
 * @self: a row
 *
 * Returns: (transfer none) (nullable): the incident the row shows
 */
SitrepIncident *
sitrep_incident_row_get_incident (SitrepIncidentRow *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_ROW (self), NULL);

  return self->incident;
}

/* Whether the row's incident is still being read: it has only its id. */
static gboolean
is_reading (SitrepIncidentRow *self)
{
  return sitrep_incident_get_key (self->incident) == NULL;
}

static void
set_accessible_label (SitrepIncidentRow *self,
                      const char        *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  /* The list item that holds the row is what a screen reader focuses. */
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
}

/**
 * sitrep_incident_row_set_incident:
 * @self: a row
 * @incident: (nullable): the incident to show
 * @policy: (nullable): the SLA policy its deadlines follow
 * @now: the current time
 *
 * Shows @incident, with its next deadline as seen at @now.
 */
void
sitrep_incident_row_set_incident (SitrepIncidentRow *self,
                                  SitrepIncident    *incident,
                                  SitrepPolicy      *policy,
                                  gint64             now)
{
  g_autofree char *level_text = NULL;
  const char *owner;

  g_return_if_fail (SITREP_IS_INCIDENT_ROW (self));
  g_return_if_fail (incident == NULL || SITREP_IS_INCIDENT (incident));

  g_set_object (&self->incident, incident);
  if (incident == NULL)
    return;

  /* An incident the list is still reading from a team database: it has
   * only its id. */
  gtk_widget_set_visible (GTK_WIDGET (self->level_label), !is_reading (self));
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), !is_reading (self));
  if (is_reading (self))
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "dim-label");
  if (is_reading (self))
    {
      gtk_label_set_text (self->key_label, "");
      /* Translators: in the incident list, a row whose incident is being
       * read from the team database */
      gtk_label_set_text (self->title_label, _("Reading…"));
      gtk_label_set_text (self->service_label, "");
      sitrep_incident_row_update (self, policy, now);
      return;
    }

  swap_class (GTK_WIDGET (self->level_label), &self->level_class,
              sitrep_incident_get_level (incident) >= SITREP_LEVEL_MIN
              && sitrep_incident_get_level (incident) <= SITREP_LEVEL_MAX
              ? level_classes[sitrep_incident_get_level (incident) - 1] : NULL);

  /* Translators: the short badge of an incident's level, "L1" for level 1 */
  level_text = g_strdup_printf (_("L%d"), sitrep_incident_get_level (incident));
  gtk_label_set_text (self->level_label, level_text);
  gtk_label_set_text (self->key_label, sitrep_incident_get_key (incident));
  gtk_label_set_text (self->title_label, sitrep_incident_get_title (incident));

  owner = sitrep_incident_get_owner (incident);
  if (owner != NULL && owner[0] != '\0')
    {
      /* Translators: an incident's service and owner in the list */
      g_autofree char *text = g_strdup_printf (_("%s · %s"),
                                               sitrep_incident_get_service (incident),
                                               owner);
      gtk_label_set_text (self->service_label, text);
    }
  else
    {
      /* Translators: an incident's service, when nobody owns it yet */
      g_autofree char *text = g_strdup_printf (_("%s · no owner"),
                                               sitrep_incident_get_service (incident));
      gtk_label_set_text (self->service_label, text);
    }

  if (sitrep_incident_get_current_hold (incident) != NULL)
    {
      /* Translators: the status chip of an incident on hold in the list */
      g_autofree char *text = g_strdup_printf (_("%s · on hold"),
                                               sitrep_status_to_label (
                                                 sitrep_incident_get_status (incident)));
      gtk_label_set_text (self->status_label, text);
    }
  else
    {
      gtk_label_set_text (self->status_label,
                          sitrep_status_to_label (sitrep_incident_get_status (incident)));
    }

  sitrep_incident_row_update (self, policy, now);
}

/**
 * sitrep_incident_row_update:
 * @self: a row
 * @policy: (nullable): the SLA policy
 * @now: the current time
 *
 * Refreshes the countdown to the next deadline, for the minute @now.
 */
void
sitrep_incident_row_update (SitrepIncidentRow *self,
                            SitrepPolicy      *policy,
                            gint64             now)
{
  g_autofree char *deadline = NULL;
  g_autofree char *level = NULL;
  g_autofree char *accessible = NULL;

  g_return_if_fail (SITREP_IS_INCIDENT_ROW (self));

  g_set_object (&self->policy, policy);
  self->now = now;
  if (self->incident == NULL)
    return;

  if (is_reading (self))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->deadline_label), FALSE);
      /* Translators: what a screen reader says for a row of the incident
       * list whose incident is being read from the team database */
      set_accessible_label (self, _("Reading the incident…"));
      return;
    }

  deadline = describe_next_deadline (self, policy, now);
  gtk_label_set_text (self->deadline_label, deadline);
  gtk_widget_set_visible (GTK_WIDGET (self->deadline_label), deadline[0] != '\0');

  level = g_strdup_printf (_("Level %d"), sitrep_incident_get_level (self->incident));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->level_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, level,
                                  -1);

  if (deadline[0] != '\0')
    /* Translators: what a screen reader says for a row of the incident
     * list: key, level, status, title and the next deadline */
    accessible = g_strdup_printf (_("%s, %s, %s, %s, %s"),
                                  sitrep_incident_get_key (self->incident),
                                  level,
                                  sitrep_status_to_label (
                                    sitrep_incident_get_status (self->incident)),
                                  sitrep_incident_get_title (self->incident),
                                  deadline);
  else
    /* Translators: what a screen reader says for a row of the incident
     * list without a running deadline: key, level, status and title */
    accessible = g_strdup_printf (_("%s, %s, %s, %s"),
                                  sitrep_incident_get_key (self->incident),
                                  level,
                                  sitrep_status_to_label (
                                    sitrep_incident_get_status (self->incident)),
                                  sitrep_incident_get_title (self->incident));
  set_accessible_label (self, accessible);
}

/**
 * sitrep_incident_row_set_slot:
 * @self: a row
 * @slot: (nullable): the place in the list the row shows
 *
 * Makes the row show whichever incident @slot is given from now on, with
 * the policy and time it was last given. It does not show @slot's
 * incident now: sitrep_incident_row_set_incident() does.
 */
void
sitrep_incident_row_set_slot (SitrepIncidentRow  *self,
                              SitrepIncidentSlot *slot)
{
  g_return_if_fail (SITREP_IS_INCIDENT_ROW (self));
  g_return_if_fail (slot == NULL || SITREP_IS_INCIDENT_SLOT (slot));

  if (self->slot == slot)
    return;

  if (self->slot != NULL)
    {
      g_clear_signal_handler (&self->slot_handler, self->slot);
      g_clear_object (&self->slot);
    }
  if (slot != NULL)
    {
      self->slot = g_object_ref (slot);
      self->slot_handler = g_signal_connect (slot, "notify::incident",
                                             G_CALLBACK (slot_incident_changed_cb), self);
    }
}
