/* test-roster-picker.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "sitrep-resources.h"
#include "sitrep-roster-picker.h"
#include "test-gui-common.h"

/* 2026-03-02 09:00:00 UTC */
#define T0 G_GINT64_CONSTANT (1772442000)

typedef struct
{
  char               *dir;
  char               *path;
  SitrepClock        *clock;
  SitrepStore        *store;
  SitrepContext      *context;
  GtkWindow          *window;
  GtkMenuButton      *button;
  SitrepRosterPicker *picker;
  char               *picked;
} Fixture;

static void
add_contact (SitrepStore *store,
             const char  *name,
             SitrepRole   role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContact) contact = sitrep_contact_new ();

  sitrep_contact_set_name (contact, name);
  sitrep_contact_set_role (contact, role);
  g_assert_true (sitrep_store_save_contact (store, contact, &error));
  g_assert_no_error (error);
}

static void
contact_picked_cb (SitrepRosterPicker *picker,
                   SitrepContact      *contact,
                   Fixture            *fixture)
{
  g_free (fixture->picked);
  fixture->picked = g_strdup (sitrep_contact_get_name (contact));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  int width = GPOINTER_TO_INT (data);
  GtkWidget *box;

  fixture->dir = g_dir_make_tmp ("sitrep-roster-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "sitrep.db", NULL);
  fixture->clock = sitrep_clock_new_fake (T0);
  fixture->store = sitrep_store_open (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);

  add_contact (fixture->store, "Ana Lima", SITREP_ROLE_SERVICE_OWNER);
  add_contact (fixture->store, "Bartholomew Featherstonehaugh-Wolstenholme",
               SITREP_ROLE_INCIDENT_MANAGER);
  add_contact (fixture->store, "王建国", SITREP_ROLE_OM_ENGINEER);
  add_contact (fixture->store, "Dev on call", SITREP_ROLE_DEVELOPER);
  add_contact (fixture->store, "Network group", SITREP_ROLE_OM_TEAM);

  fixture->picker = SITREP_ROSTER_PICKER (sitrep_roster_picker_new ());
  fixture->context = sitrep_context_new (fixture->store, NULL);
  sitrep_roster_picker_set_context (fixture->picker, fixture->context);
  g_signal_connect (fixture->picker, "contact-picked", G_CALLBACK (contact_picked_cb), fixture);

  /* The button sits at the window's edge, where the old picker opened
   * too narrow to read. */
  fixture->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (fixture->button, "avatar-default-symbolic");
  gtk_menu_button_set_popover (fixture->button, GTK_WIDGET (fixture->picker));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_halign (GTK_WIDGET (fixture->button), GTK_ALIGN_END);
  gtk_widget_set_hexpand (GTK_WIDGET (fixture->button), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->button));

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, width > 0 ? width : 1000, 600);
  gtk_window_set_child (fixture->window, box);
  gtk_window_present (fixture->window);
  gui_test_drain ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  /* Close the picker first, as a person would before the window goes. */
  gtk_popover_popdown (GTK_POPOVER (fixture->picker));
  gui_test_drain ();
  gtk_window_destroy (fixture->window);
  gui_test_drain ();
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->clock);
  g_unlink (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->picked);
}

static void
popup (Fixture *fixture)
{
  gtk_menu_button_popup (fixture->button);
  gui_test_drain ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->picker)));
}

static void
type (Fixture    *fixture,
      const char *text)
{
  gtk_editable_set_text (sitrep_roster_picker_get_search_entry (fixture->picker), text);
  gui_test_drain ();
}

/* The search filters by name and by role, as the user types. */
static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *entry = GTK_WIDGET (sitrep_roster_picker_get_search_entry (fixture->picker));
  GtkWidget *focus;

  popup (fixture);
  g_assert_cmpuint (sitrep_roster_picker_get_n_contacts (fixture->picker), ==, 5);
  g_assert_cmpuint (sitrep_roster_picker_get_n_matches (fixture->picker), ==, 5);

  /* The search has the focus as soon as the picker opens. */
  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (fixture->picker)));
  g_assert_nonnull (focus);
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));

  /* Case does not matter; "Ana Lima" and an "Incident manager". */
  type (fixture, "ANA");
  g_assert_cmpuint (sitrep_roster_picker_get_n_matches (fixture->picker), ==, 2);
  type (fixture, "developer");
  g_assert_cmpuint (sitrep_roster_picker_get_n_matches (fixture->picker), ==, 1);
  type (fixture, "王");
  g_assert_cmpuint (sitrep_roster_picker_get_n_matches (fixture->picker), ==, 1);
  type (fixture, " o&m ");
  g_assert_cmpuint (sitrep_roster_picker_get_n_matches (fixture->picker), ==, 2);
  type (fixture, "nobody by this name");
  g_assert_cmpuint (sitrep_roster_picker_get_n_matches (fixture->picker), ==, 0);

  /* Opening again starts from the whole roster. */
  gtk_popover_popdown (GTK_POPOVER (fixture->picker));
  gui_test_drain ();
  popup (fixture);
  g_assert_cmpstr (gtk_editable_get_text (sitrep_roster_picker_get_search_entry (fixture->picker)),
                   ==, "");
  g_assert_cmpuint (sitrep_roster_picker_get_n_matches (fixture->picker), ==, 5);
}

/* Enter in the search picks the first match and closes the picker. */
static void
test_enter_picks (Fixture       *fixture,
                  gconstpointer  data)
{
  popup (fixture);
  type (fixture, "bart");
  g_signal_emit_by_name (sitrep_roster_picker_get_search_entry (fixture->picker), "activate");
  gui_test_drain ();
  g_assert_cmpstr (fixture->picked, ==, "Bartholomew Featherstonehaugh-Wolstenholme");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->picker)));

  /* Enter with nothing matching picks no one and leaves it open. */
  g_clear_pointer (&fixture->picked, g_free);
  popup (fixture);
  type (fixture, "zzz");
  g_signal_emit_by_name (sitrep_roster_picker_get_search_entry (fixture->picker), "activate");
  gui_test_drain ();
  g_assert_null (fixture->picked);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->picker)));

  /* Escape in the search closes it. */
  g_signal_emit_by_name (sitrep_roster_picker_get_search_entry (fixture->picker), "stop-search");
  gui_test_drain ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->picker)));
  g_assert_null (fixture->picked);
}

/* A picker of a team offers only some roles. */
static void
test_roles (Fixture       *fixture,
            gconstpointer  data)
{
  static const SitrepRole teams[] = { SITREP_ROLE_OM_TEAM, SITREP_ROLE_DEVELOPER };

  sitrep_roster_picker_set_roles (fixture->picker, teams, G_N_ELEMENTS (teams));
  popup (fixture);
  g_assert_cmpuint (sitrep_roster_picker_get_n_contacts (fixture->picker), ==, 2);
  type (fixture, "ana");
  g_assert_cmpuint (sitrep_roster_picker_get_n_matches (fixture->picker), ==, 0);

  sitrep_roster_picker_set_roles (fixture->picker, NULL, 0);
  g_assert_cmpuint (sitrep_roster_picker_get_n_contacts (fixture->picker), ==, 5);
}

/* A contact added while the picker is closed is there when it opens. */
static void
test_reload (Fixture       *fixture,
             gconstpointer  data)
{
  add_contact (fixture->store, "Zoe Added", SITREP_ROLE_EXECUTIVE);
  popup (fixture);
  g_assert_cmpuint (sitrep_roster_picker_get_n_contacts (fixture->picker), ==, 6);
}

static GtkListBox *
find_list_box (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget))
    return GTK_LIST_BOX (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkListBox *found = find_list_box (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* At the window's edge, wide or narrow, the picker is wide enough for a
 * name and a role on one line, and every row is one line high. */
static void
test_width (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *child;
  GtkListBox *list;
  int one_line = 0;

  popup (fixture);
  child = gtk_popover_get_child (GTK_POPOVER (fixture->picker));
  /* The popover is laid out on the next frames. */
  for (int i = 0; i < 500 && gtk_widget_get_width (child) == 0; i++)
    {
      g_usleep (10000);
      gui_test_drain ();
    }
  g_assert_cmpint (gtk_widget_get_width (child), >=, 320);

  list = find_list_box (child);
  g_assert_nonnull (list);
  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      int height = gtk_widget_get_height (GTK_WIDGET (gtk_list_box_get_row_at_index (list, i)));

      one_line = one_line == 0 ? height : MIN (one_line, height);
    }
  g_assert_cmpint (one_line, >, 0);

  /* A wrapped name would make its row two lines or more; a CJK name is
   * only a little taller. */
  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (gtk_list_box_get_row_at_index (list, i))),
                     <, one_line * 3 / 2);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  adw_init ();
  g_resources_register (sitrep_get_resource ());

  g_test_add ("/sitrep/roster-picker/search", Fixture, NULL,
              fixture_setup, test_search, fixture_teardown);
  g_test_add ("/sitrep/roster-picker/enter-picks", Fixture, NULL,
              fixture_setup, test_enter_picks, fixture_teardown);
  g_test_add ("/sitrep/roster-picker/roles", Fixture, NULL,
              fixture_setup, test_roles, fixture_teardown);
  g_test_add ("/sitrep/roster-picker/reload", Fixture, NULL,
              fixture_setup, test_reload, fixture_teardown);
  g_test_add ("/sitrep/roster-picker/width-1366", Fixture, GINT_TO_POINTER (1366),
              fixture_setup, test_width, fixture_teardown);
  g_test_add ("/sitrep/roster-picker/width-1000", Fixture, GINT_TO_POINTER (1000),
              fixture_setup, test_width, fixture_teardown);
  g_test_add ("/sitrep/roster-picker/width-narrow", Fixture, GINT_TO_POINTER (360),
              fixture_setup, test_width, fixture_teardown);

  return g_test_run ();
}
