/* team-desk.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Another desk, in a process of its own, for tests/test-team-desks.c:
 *
 *   team-desk ADDRESS acknowledge ID
 *   team-desk ADDRESS notes ID COUNT AUTHOR
 *
 * acknowledges the incident, or adds COUNT notes to it one after the
 * other, through the store as a window would, and exits 0 when every
 * write was committed.
 */

#include "config.h"

#include <stdlib.h>

#include "sitrep-store.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (argc < 4)
    {
      g_printerr ("usage: team-desk ADDRESS acknowledge ID | notes ID COUNT AUTHOR\n");
      return 2;
    }

  store = sitrep_store_open_team (argv[1], NULL, clock, &error);
  if (store == NULL)
    {
      g_printerr ("team-desk: %s\n", error->message);
      return 1;
    }

  id = g_ascii_strtoll (argv[3], NULL, 10);
  if (g_str_equal (argv[2], "acknowledge"))
    {
      if (!sitrep_store_transition (store, id, SITREP_TRANSITION_ACKNOWLEDGE,
                                    sitrep_clock_get_now (clock), "Other desk", NULL, NULL,
                                    &error))
        {
          g_printerr ("team-desk: %s\n", error->message);
          return 1;
        }
      return 0;
    }

  if (g_str_equal (argv[2], "notes") && argc == 6)
    {
      int count = atoi (argv[4]);

      for (int i = 0; i < count; i++)
        {
          g_autofree char *text = g_strdup_printf ("%s note %d", argv[5], i + 1);

          if (!sitrep_store_add_note (store, id, sitrep_clock_get_now (clock), argv[5],
                                      SITREP_TAG_NONE, text, &error))
            {
              g_printerr ("team-desk: %s\n", error->message);
              return 1;
            }
        }
      return 0;
    }

  g_printerr ("team-desk: unknown command %s\n", argv[2]);
  return 2;
}
