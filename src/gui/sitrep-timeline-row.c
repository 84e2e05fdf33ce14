/* sitrep-timeline-row.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-timeline-axis.h"
#include "sitrep-timeline-row.h"
#include "sitrep-wrap-bin.h"

/*
 * One row of the escalation timeline: its time (and date, when the day
 * changes), its marker on the axis, its text with who wrote it and its
 * tag, a report as it went out behind an expander, and the button that
 * corrects a note.
 *
 * A row shows one item after another: turning to another incident gives
 * the rows already built the new incident's items, which costs a few
 * label texts where building and tearing down the rows cost about 0.2 ms
 * each. The parts an item does not have are taken out, not hidden, so
 * that no screen reader or search through the row meets a stale one.
 */

struct _SitrepTimelineRow
{
  GtkWidget   parent_instance;

  GtkWidget  *time_box;
  GtkWidget  *time_label;    /* none for a gap */
  GtkWidget  *date_label;    /* when the day changes */
  GtkWidget  *axis;
  GtkWidget  *content;
  GtkWidget  *title_bin;
  GtkWidget  *title;
  GtkWidget  *meta_box;      /* the tag and who wrote it, when either */
  GtkWidget  *chip;
  GtkWidget  *meta_bin;
  GtkWidget  *meta;
  GtkWidget  *expander;      /* a report as it went out */
  GtkWidget  *body;
  GtkWidget  *correct_button;
};

G_DEFINE_FINAL_TYPE (SitrepTimelineRow, sitrep_timeline_row, GTK_TYPE_WIDGET)

static const char *
tag_style (SitrepTag tag)
{
  switch (tag)
    {
    case SITREP_TAG_CONDITION: return "condition";
    case SITREP_TAG_ACTION:    return "action";
    case SITREP_TAG_NEED:      return "need";
    case SITREP_TAG_NONE:
    default:                   return NULL;
    }
}

static const char *
kind_style (SitrepTimelineItemKind kind)
{
  switch (kind)
    {
    case SITREP_TIMELINE_ITEM_ENTRY:     return "entry";
    case SITREP_TIMELINE_ITEM_MILESTONE: return "milestone";
    case SITREP_TIMELINE_ITEM_GAP:       return "gap";
    case SITREP_TIMELINE_ITEM_NOW:       return "now";
    default:                             return NULL;
    }
}

static GtkWidget *
create_label (const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, style);

  return label;
}

/* Removes @widget from @parent, a box, if it is there. */
static void
drop (GtkWidget  *parent,
      GtkWidget **widget)
{
  if (*widget == NULL)
    return;

  gtk_box_remove (GTK_BOX (parent), *widget);
  *widget = NULL;
}

static GtkWidget *
create_time_label (const char **css_classes)
{
  return g_object_new (GTK_TYPE_LABEL,
                       "xalign", 1.0f,
                       "css-classes", css_classes,
                       NULL);
}

static void
show_time (SitrepTimelineRow        *self,
           const SitrepTimelineItem *item,
           const SitrepTimelineItem *previous)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (item->time);
  g_autoptr(GDateTime) previous_dt = NULL;
  g_autofree char *time_text = NULL;
  g_autofree char *date_text = NULL;
  gboolean new_day = TRUE;

  if (item->kind == SITREP_TIMELINE_ITEM_GAP || dt == NULL)
    {
      drop (self->time_box, &self->date_label);
      drop (self->time_box, &self->time_label);
      return;
    }

  if (previous != NULL)
    previous_dt = g_date_time_new_from_unix_local (previous->time);
  if (previous_dt != NULL)
    new_day = g_date_time_get_year (dt) != g_date_time_get_year (previous_dt)
              || g_date_time_get_day_of_year (dt) != g_date_time_get_day_of_year (previous_dt);

  if (self->time_label == NULL)
    {
      self->time_label = create_time_label ((const char *[]) { "time", "numeric", NULL });
      gtk_box_prepend (GTK_BOX (self->time_box), self->time_label);
    }
  /* Translators: the time of a timeline row, see g_date_time_format() */
  time_text = g_date_time_format (dt, _("%H:%M"));
  gtk_label_set_label (GTK_LABEL (self->time_label), time_text);

  if (!new_day)
    {
      drop (self->time_box, &self->date_label);
      return;
    }

  if (self->date_label == NULL)
    {
      self->date_label = create_time_label ((const char *[]) { "date", "caption", "dim-label",
                                                               NULL });
      gtk_box_append (GTK_BOX (self->time_box), self->date_label);
    }
  /* Translators: the date above a timeline row's time, see g_date_time_format() */
  date_text = g_date_time_format (dt, _("%a %e %b"));
  gtk_label_set_label (GTK_LABEL (self->date_label), date_text);
}

static void
show_title (SitrepTimelineRow        *self,
            const SitrepTimelineItem *item)
{
  gtk_label_set_label (GTK_LABEL (self->title), item->title);
  if (item->superseded)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_strikethrough_new (TRUE));
      gtk_label_set_attributes (GTK_LABEL (self->title), attrs);
      pango_attr_list_unref (attrs);
    }
  else
    gtk_label_set_attributes (GTK_LABEL (self->title), NULL);

  /* A gap's text is a chip, as wide as its words. */
  gtk_widget_set_halign (self->title_bin,
                         item->kind == SITREP_TIMELINE_ITEM_GAP ? GTK_ALIGN_START
                                                                : GTK_ALIGN_FILL);
}

/* The tag's chip and who wrote the entry, on one line under its text. */
static void
show_meta (SitrepTimelineRow        *self,
           const SitrepTimelineItem *item)
{
  const char *chip_style = tag_style (item->tag);

  if (item->meta == NULL && chip_style == NULL)
    {
      self->chip = NULL;
      self->meta_bin = NULL;
      self->meta = NULL;
      drop (self->content, &self->meta_box);
      return;
    }

  if (self->meta_box == NULL)
    {
      self->meta_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_insert_after (self->meta_box, self->content, self->title_bin);
    }

  if (chip_style == NULL)
    drop (self->meta_box, &self->chip);
  else
    {
      if (self->chip == NULL)
        {
          self->chip = gtk_label_new (NULL);
          gtk_widget_set_valign (self->chip, GTK_ALIGN_CENTER);
          gtk_box_prepend (GTK_BOX (self->meta_box), self->chip);
        }
      gtk_widget_set_css_classes (self->chip,
                                  (const char *[]) { "timeline-tag", chip_style, NULL });
      gtk_label_set_label (GTK_LABEL (self->chip), sitrep_tag_to_label (item->tag));
    }

  if (item->meta == NULL)
    {
      drop (self->meta_box, &self->meta_bin);
      self->meta = NULL;
    }
  else
    {
      if (self->meta_bin == NULL)
        {
          self->meta = create_label ("meta");
          self->meta_bin = sitrep_wrap_bin_new (self->meta);
          gtk_box_append (GTK_BOX (self->meta_box), self->meta_bin);
        }
      gtk_label_set_label (GTK_LABEL (self->meta), item->meta);
    }
}

/* A report entry keeps the report as it went out behind an expander,
 * closed. */
static void
show_body (SitrepTimelineRow        *self,
           const SitrepTimelineItem *item)
{
  if (item->body == NULL)
    {
      self->body = NULL;
      drop (self->content, &self->expander);
      return;
    }

  if (self->expander == NULL)
    {
      self->expander = gtk_expander_new_with_mnemonic (_("_What Was Sent"));
      self->body = create_label ("report-body");
      gtk_label_set_selectable (GTK_LABEL (self->body), TRUE);
      gtk_expander_set_child (GTK_EXPANDER (self->expander), sitrep_wrap_bin_new (self->body));
      gtk_box_append (GTK_BOX (self->content), self->expander);
    }
  else
    gtk_expander_set_expanded (GTK_EXPANDER (self->expander), FALSE);
  gtk_label_set_label (GTK_LABEL (self->body), item->body);
}

/* A note or a correction has a button that corrects the note. */
static void
show_correct_button (SitrepTimelineRow        *self,
                     const SitrepTimelineItem *item,
                     GDateTime                *dt)
{
  g_autofree char *hm = NULL;
  g_autofree char *name = NULL;

  if (item->correct_id <= 0)
    {
      if (self->correct_button != NULL)
        gtk_widget_unparent (g_steal_pointer (&self->correct_button));
      return;
    }

  if (self->correct_button == NULL)
    {
      self->correct_button = gtk_button_new_from_icon_name ("document-edit-symbolic");
      gtk_widget_set_tooltip_text (self->correct_button, _("Correct this entry"));
      gtk_widget_set_valign (self->correct_button, GTK_ALIGN_START);
      gtk_widget_add_css_class (self->correct_button, "flat");
      gtk_widget_add_css_class (self->correct_button, "circular");
      gtk_widget_add_css_class (self->correct_button, "timeline-correct");
      gtk_widget_insert_before (self->correct_button, GTK_WIDGET (self), NULL);
    }

  /* the target first: the action takes one */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->correct_button),
                                          g_variant_new_int64 (item->correct_id));
  if (gtk_actionable_get_action_name (GTK_ACTIONABLE (self->correct_button)) == NULL)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->correct_button),
                                    "incident.correct-entry");
  hm = dt != NULL ? g_date_time_format (dt, _("%H:%M")) : g_strdup ("");
  /* Translators: a button's name for screen readers; %s is the entry's
   * time, "Correct the entry of 14:15" */
  name = g_strdup_printf (_("Correct the entry of %s"), hm);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->correct_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

/* One sentence per row for screen readers, with the tag spelled out. */
static void
describe (SitrepTimelineRow        *self,
          const SitrepTimelineItem *item,
          GDateTime                *dt)
{
  g_autofree char *time_text = NULL;
  g_autofree char *accessible = NULL;

  if (dt != NULL && item->kind != SITREP_TIMELINE_ITEM_GAP)
    time_text = g_date_time_format (dt, "%Y-%m-%d %H:%M");
  if (item->superseded)
    /* Translators: a corrected timeline row read by a screen reader:
     * time, text, author and kind */
    accessible = g_strdup_printf (_("%s: %s (%s), replaced by a correction"),
                                  time_text, item->title, item->meta);
  else if (tag_style (item->tag) != NULL)
    /* Translators: a timeline row read by a screen reader:
     * time, text, author and kind, tag */
    accessible = g_strdup_printf (_("%s: %s (%s), tagged %s"),
                                  time_text, item->title, item->meta,
                                  sitrep_tag_to_label (item->tag));
  else if (time_text != NULL)
    accessible = g_strdup_printf ("%s: %s%s%s%s", time_text, item->title,
                                  item->meta != NULL ? " (" : "",
                                  item->meta != NULL ? item->meta : "",
                                  item->meta != NULL ? ")" : "");
  else
    accessible = g_strdup (item->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
sitrep_timeline_row_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sitrep_timeline_row_parent_class)->dispose (object);
}

static void
sitrep_timeline_row_class_init (SitrepTimelineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_timeline_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sitrep-timeline-row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sitrep_timeline_row_init (SitrepTimelineRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (widget)), 12);

  self->time_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (self->time_box, "timeline-time");
  gtk_widget_set_valign (self->time_box, GTK_ALIGN_START);
  gtk_widget_set_parent (self->time_box, widget);

  self->axis = sitrep_timeline_axis_new (NULL);
  gtk_widget_set_parent (self->axis, widget);

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (self->content, TRUE);
  gtk_widget_add_css_class (self->content, "timeline-content");
  gtk_widget_set_parent (self->content, widget);

  self->title = create_label ("title");
  self->title_bin = sitrep_wrap_bin_new (self->title);
  gtk_box_append (GTK_BOX (self->content), self->title_bin);
}

/**
 * sitrep_timeline_row_new:
 *
 * Returns: (transfer floating): a new, empty timeline row
 */
GtkWidget *
sitrep_timeline_row_new (void)
{
  return g_object_new (SITREP_TYPE_TIMELINE_ROW, NULL);
}

/**
 * sitrep_timeline_row_show_item:
 * @self: a timeline row
 * @item: what the row shows
 * @previous: (nullable): the item above it that is not a gap, whose day
 *   decides whether the row shows its date
 * @first: whether the row is the top one: its axis has no line above
 * @last: whether the row is the bottom one: no line below
 *
 * Shows @item in the row, in place of what it showed.
 */
void
sitrep_timeline_row_show_item (SitrepTimelineRow        *self,
                               const SitrepTimelineItem *item,
                               const SitrepTimelineItem *previous,
                               gboolean                  first,
                               gboolean                  last)
{
  g_autoptr(GDateTime) dt = NULL;
  SitrepTimelineAxis *axis;
  const char *classes[5] = { "timeline-row", NULL, };
  guint n_classes = 1;

  g_return_if_fail (SITREP_IS_TIMELINE_ROW (self));
  g_return_if_fail (item != NULL);

  if (kind_style (item->kind) != NULL)
    classes[n_classes++] = kind_style (item->kind);
  if (item->upcoming)
    classes[n_classes++] = "upcoming";
  if (item->superseded)
    classes[n_classes++] = "superseded";
  gtk_widget_set_css_classes (GTK_WIDGET (self), classes);

  show_time (self, item, previous);

  axis = SITREP_TIMELINE_AXIS (self->axis);
  g_object_set (axis, "icon-name", item->icon_name, NULL);
  /* the marker's colour is the axis's only class */
  gtk_widget_set_css_classes (self->axis, (const char *[]) { item->style, NULL });
  sitrep_timeline_axis_set_line_above (axis, !first);
  sitrep_timeline_axis_set_line_below (axis, !last);
  sitrep_timeline_axis_set_dashed (axis, item->kind == SITREP_TIMELINE_ITEM_GAP || item->upcoming);
  sitrep_timeline_axis_set_paused (axis, previous != NULL && previous->paused, item->paused);

  show_title (self, item);
  show_meta (self, item);
  show_body (self, item);

  dt = g_date_time_new_from_unix_local (item->time);
  show_correct_button (self, item, dt);
  describe (self, item, dt);
}
