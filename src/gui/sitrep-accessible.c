/* sitrep-accessible.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-accessible.h"

/*
 * What a screen reader calls a button. GTK 4.8 names a button by joining
 * its label property (the text with the mnemonic's underscore) and the
 * label it is labelled by, so "_Create" is read "_Create Create"; newer
 * GTK prefers the labelled-by relation over a name that was set. Setting
 * the name and dropping the relation gives one name on both.
 */

/**
 * sitrep_accessible_name_button:
 * @button: a #GtkButton or #GtkMenuButton, its label already set
 * @name: (nullable): what a screen reader calls it; %NULL for its label
 *   without the mnemonic's underscore
 *
 * Gives @button one accessible name. Call it again after the label changes.
 */
void
sitrep_accessible_name_button (GtkWidget  *button,
                               const char *name)
{
  g_autoptr(GString) stripped = g_string_new (NULL);

  g_return_if_fail (GTK_IS_BUTTON (button) || GTK_IS_MENU_BUTTON (button));

  if (name == NULL)
    {
      const char *label = GTK_IS_BUTTON (button) ? gtk_button_get_label (GTK_BUTTON (button))
                          : gtk_menu_button_get_label (GTK_MENU_BUTTON (button));

      for (const char *c = label != NULL ? label : ""; *c != '\0'; c++)
        if (*c != '_' || c[1] == '_')
          g_string_append_c (stripped, *c == '_' ? *c++ : *c);
      name = stripped->str;
    }

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

/**
 * sitrep_accessible_name_mnemonic_buttons:
 * @widget: a widget, usually a template just initialized
 *
 * Gives every button below @widget whose label has a mnemonic
 * ("_Create Incident") one accessible name without the underline, so
 * that a screen reader does not read the label twice.
 */
void
sitrep_accessible_name_mnemonic_buttons (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    sitrep_accessible_name_button (widget, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    sitrep_accessible_name_mnemonic_buttons (child);
}

/**
 * sitrep_accessible_describe:
 * @widget: a widget
 * @description: (nullable): what a screen reader says of it besides its
 *   name, such as why a button is dimmed, or %NULL for nothing
 */
void
sitrep_accessible_describe (GtkWidget  *widget,
                            const char *description)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/**
 * sitrep_accessible_set_tooltip:
 * @widget: a widget
 * @text: (nullable): its tooltip, or %NULL for none
 *
 * Sets @widget's tooltip, unless it already says @text. Each change makes
 * GTK ask the display where the pointer is, a round trip to the X server
 * that a pane refreshed at every change would make for every button.
 */
void
sitrep_accessible_set_tooltip (GtkWidget  *widget,
                               const char *text)
{
  const char *current;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  current = gtk_widget_get_tooltip_text (widget);
  /* GTK keeps an empty tooltip as none */
  if (g_strcmp0 (current, text != NULL && *text != '\0' ? text : NULL) == 0)
    return;

  gtk_widget_set_tooltip_text (widget, text);
}
