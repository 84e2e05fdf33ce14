/* sitrep-main-context.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-main-context.h"

/**
 * sitrep_main_context_call:
 * @context: the main context of the thread that is to be told
 * @name: (not nullable): a static name for the source, as a profiler
 *   shows it
 * @func: called on @context; it returns %G_SOURCE_REMOVE, or is called again
 * @data: for @func
 * @notify: (nullable): frees @data on @context, after @func
 *
 * Calls @func on @context, from any thread, through an idle source of its
 * own at the default priority, after the calls asked for before it.
 *
 * Not g_main_context_invoke(): from another thread, that calls @func
 * right there whenever no thread is running @context at that moment, as
 * when the main thread waits for a worker before quitting.
 */
void
sitrep_main_context_call (GMainContext   *context,
                          const char     *name,
                          GSourceFunc     func,
                          gpointer        data,
                          GDestroyNotify  notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_return_if_fail (name != NULL);
  g_return_if_fail (func != NULL);

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, name);
  g_source_attach (source, context);
}
