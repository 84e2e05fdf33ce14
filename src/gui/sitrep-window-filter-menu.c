/* sitrep-window-filter-menu.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-window-private.h"

/* The level and the order of the list are each one row of linked buttons
 * in the filter menu: as seven menu items they made the menu taller than
 * a laptop's screen of 768 or 800 pixels, and the last choices fell off
 * its bottom. */

typedef struct
{
  const char *label;  /* with its mnemonic */
  const char *name;   /* what a screen reader says */
  const char *target;
} Choice;

static const Choice level_choices[] = {
  /* Translators: the first of the buttons "Any, 1, 2, 3" under "Level"
   * in the filter menu */
  { N_("An_y"), N_("Any Level"), "any" },
  { N_("_1"), N_("Level 1"), "1" },
  { N_("_2"), N_("Level 2"), "2" },
  { N_("_3"), N_("Level 3"), "3" },
};

static const Choice sort_choices[] = {
  { N_("_Next Deadline"), N_("Sort by Next Deadline"), "next-due" },
  { N_("Ne_west"), N_("Sort by Newest"), "newest" },
  { N_("_Level"), N_("Sort by Level"), "level" },
};

/* The buttons of a row share its width: equally if @homogeneous, or each
 * beyond what its label needs, so that a long label does not widen the
 * whole menu. */
static GtkWidget *
choice_row (GtkPopover   *popover,
            const char   *action_name,
            const Choice *choices,
            guint         n_choices,
            gboolean      homogeneous)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_box_set_homogeneous (GTK_BOX (row), homogeneous);
  gtk_widget_add_css_class (row, "linked");
  gtk_widget_add_css_class (row, "menu-choices");

  for (guint i = 0; i < n_choices; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_mnemonic (_(choices[i].label));

      gtk_widget_set_hexpand (button, TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", choices[i].target);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(choices[i].name),
                                      -1);
      /* A choice closes the menu, as the menu's other items do. */
      g_signal_connect_object (button, "clicked", G_CALLBACK (gtk_popover_popdown),
                               popover, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (row), button);
    }

  return row;
}

void
_sitrep_window_add_filter_choices (SitrepWindow *self)
{
  GtkPopover *popover = gtk_menu_button_get_popover (self->filter_button);

  g_return_if_fail (GTK_IS_POPOVER_MENU (popover));

  gtk_popover_menu_add_child (GTK_POPOVER_MENU (popover),
                              choice_row (popover, "filter.level", level_choices,
                                          G_N_ELEMENTS (level_choices), TRUE),
                              "level-choices");
  gtk_popover_menu_add_child (GTK_POPOVER_MENU (popover),
                              choice_row (popover, "win.list-sort", sort_choices,
                                          G_N_ELEMENTS (sort_choices), FALSE),
                              "sort-choices");
}
