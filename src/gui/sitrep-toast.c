/* sitrep-toast.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-toast.h"

/**
 * sitrep_toast_new:
 * @text: what to say, plain text
 * @timeout: seconds it stays, or 0 until dismissed
 *
 * A toast's title is markup: names such as "R&D" or a message quoting
 * "<none>" would not show. The text is escaped first.
 *
 * Returns: (transfer full): a toast saying @text
 */
AdwToast *
sitrep_toast_new (const char *text,
                  guint       timeout)
{
  g_autofree char *markup = g_markup_escape_text (text != NULL ? text : "", -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, timeout);
  return toast;
}

/**
 * sitrep_toast_show:
 * @widget: a widget inside an #AdwToastOverlay
 * @text: what to say, plain text
 * @timeout: seconds it stays, or 0 until dismissed
 *
 * Shows @text in the toast overlay around @widget; outside one (a view
 * used on its own) it is logged instead.
 */
void
sitrep_toast_show (GtkWidget  *widget,
                   const char *text,
                   guint       timeout)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_message ("%s", text);
      return;
    }

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), sitrep_toast_new (text, timeout));
}
