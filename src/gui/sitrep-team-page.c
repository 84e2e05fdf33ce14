/* sitrep-team-page.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-team-page.h"
#include "sitrep-accessible.h"
#include "sitrep-team-probe.h"
#include "sitrep-team-secret.h"
#include "sitrep-toast.h"

/*
 * Preferences' "Team" page: the address of the team's PostgreSQL
 * database, an optional password, a connection test, and the switch
 * between the team database and this desk's own. The address goes to the
 * "team-database" setting; a password goes to the keyring and nowhere
 * else. The switch takes effect at the next start.
 */

#define TOAST_SECONDS 5

struct _SitrepTeamPage
{
  AdwPreferencesPage  parent_instance;

  GSettings          *settings;
  GCancellable       *cancellable;  /* of every operation, cancelled in dispose */
  guint               pending;      /* operations not finished yet */
  gboolean            keyring_has_password;  /* for the address in the settings */
  char               *result;       /* what the connection test said */
  char               *status;       /* which database is in use, or why not */

  AdwEntryRow        *address_row;
  AdwPasswordEntryRow *password_row;
  AdwActionRow       *keyring_row;
  AdwActionRow       *result_row;
  GtkSpinner         *spinner;
  AdwActionRow       *status_row;
  GtkWidget          *use_desk_button;
};

G_DEFINE_FINAL_TYPE (SitrepTeamPage, sitrep_team_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  SETTLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The address as typed, without the spaces around it. */
static char *
dup_typed_address (SitrepTeamPage *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address_row))));
}

static char *
dup_saved_address (SitrepTeamPage *self)
{
  return g_settings_get_string (self->settings, "team-database");
}

static void
update_actions (SitrepTeamPage *self)
{
  g_autofree char *typed = dup_typed_address (self);
  g_autofree char *saved = dup_saved_address (self);
  gboolean idle = self->pending == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.test", idle && typed[0] != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.use-team", idle && typed[0] != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.use-desk", idle && saved[0] != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.forget-password",
                                 idle && self->keyring_has_password);
  gtk_widget_set_visible (self->use_desk_button, saved[0] != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_row), self->keyring_has_password);
}

static void
begin (SitrepTeamPage *self)
{
  self->pending++;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  update_actions (self);
}

static void
settle (SitrepTeamPage *self)
{
  g_return_if_fail (self->pending > 0);

  self->pending--;
  if (self->pending > 0)
    return;

  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  update_actions (self);
  g_signal_emit (self, signals[SETTLED], 0);
}

/* Whether an answer came for a page that is gone or going. */
static gboolean
is_stale (SitrepTeamPage *self,
          const GError   *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
         || g_cancellable_is_cancelled (self->cancellable);
}

static void
show_result (SitrepTeamPage *self,
             const char     *text)
{
  g_free (self->result);
  self->result = g_strdup (text);
  adw_action_row_set_subtitle (self->result_row, text);
}

static void
show_status (SitrepTeamPage *self,
             const char     *text)
{
  g_free (self->status);
  self->status = g_strdup (text);
  adw_action_row_set_subtitle (self->status_row, text);
}

/* Which database the settings name, in words. */
static void
describe_saved (SitrepTeamPage *self)
{
  g_autofree char *saved = dup_saved_address (self);
  g_autofree char *text = NULL;

  if (saved[0] == '\0')
    {
      show_status (self, _("This desk’s own database"));
      return;
    }

  /* Translators: %s is the team database's address */
  text = g_strdup_printf (_("The team database at %s"), saved);
  show_status (self, text);
}

static void
add_toast (SitrepTeamPage *self,
           const char     *text)
{
  sitrep_toast_show (GTK_WIDGET (self), text, TOAST_SECONDS);
}

static void
keyring_looked_up_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SitrepTeamPage) self = user_data;
  g_autoptr(GError) error = NULL;
  char *password = sitrep_team_secret_lookup_finish (result, &error);

  if (is_stale (self, error))
    {
      secret_password_free (password);
      return;
    }

  /* No keyring on this desktop is no password kept: libpq's own ways
   * (~/.pgpass, PGPASSWORD, Kerberos) remain. */
  if (error != NULL)
    g_debug ("The keyring could not be read: %s", error->message);
  self->keyring_has_password = password != NULL;
  secret_password_free (password);
  settle (self);
}

/* Finds out whether the keyring holds a password for the saved address. */
static void
look_up_keyring (SitrepTeamPage *self)
{
  g_autofree char *saved = dup_saved_address (self);

  self->keyring_has_password = FALSE;
  if (saved[0] == '\0')
    {
      update_actions (self);
      return;
    }

  begin (self);
  sitrep_team_secret_lookup_async (saved, self->cancellable, keyring_looked_up_cb,
                                   g_object_ref (self));
}

static void
probed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SitrepTeamPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepTeamProbeResult) found = sitrep_team_probe_finish (result, &error);
  g_autofree char *text = NULL;

  if (is_stale (self, error))
    return;

  if (found == NULL)
    text = g_strdup (error->message);
  else if (found->role == SITREP_ROLE_INCIDENT_MANAGER)
    /* Translators: the first %s is the server's version, "15.18"; the %d
     * the version of Sitrep's tables there */
    text = g_strdup_printf (_("Connected: PostgreSQL %s · Sitrep schema %d · "
                              "you are an incident manager"),
                            found->server_version_text, found->schema_version);
  else
    text = g_strdup_printf (_("Connected: PostgreSQL %s · Sitrep schema %d · "
                              "you are a supervisor"),
                            found->server_version_text, found->schema_version);

  show_result (self, text);
  settle (self);
}

/* An operation's page and the address it is about. */
typedef struct
{
  SitrepTeamPage *self;
  char           *address;
} AddressData;

static AddressData *
address_data_new (SitrepTeamPage *self,
                  const char     *address)
{
  AddressData *data = g_new0 (AddressData, 1);

  data->self = g_object_ref (self);
  data->address = g_strdup (address);

  return data;
}

static void
address_data_free (AddressData *data)
{
  g_object_unref (data->self);
  g_free (data->address);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AddressData, address_data_free)

/* The test of the saved address without a typed password uses the one
 * the keyring keeps, as the next start will. */
static void
test_password_looked_up_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(AddressData) data = user_data;
  SitrepTeamPage *self = data->self;
  g_autoptr(GError) error = NULL;
  char *password = sitrep_team_secret_lookup_finish (result, &error);

  if (is_stale (self, error))
    {
      secret_password_free (password);
      return;
    }

  if (error != NULL)
    g_debug ("The keyring could not be read: %s", error->message);
  sitrep_team_probe_async (data->address, password, self->cancellable, probed_cb,
                           g_object_ref (self));
  secret_password_free (password);
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SitrepTeamPage *self = SITREP_TEAM_PAGE (widget);
  g_autofree char *address = dup_typed_address (self);
  g_autofree char *saved = dup_saved_address (self);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (address[0] == '\0')
    return;

  begin (self);
  show_result (self, _("Testing the connection…"));
  if (password[0] == '\0' && self->keyring_has_password && g_str_equal (address, saved))
    {
      sitrep_team_secret_lookup_async (address, self->cancellable, test_password_looked_up_cb,
                                       address_data_new (self, address));
      return;
    }

  sitrep_team_probe_async (address, password[0] != '\0' ? password : NULL,
                           self->cancellable, probed_cb, g_object_ref (self));
}

/* The address becomes the one opened at the next start. */
static void
use_address (SitrepTeamPage *self,
             const char     *address)
{
  const char *text = _("Sitrep opens the team database at its next start");

  g_settings_set_string (self->settings, "team-database", address);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_status (self, text);
  add_toast (self, text);
}

static void
password_stored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AddressData) data = user_data;
  SitrepTeamPage *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  sitrep_team_secret_store_finish (result, &error);
  if (is_stale (self, error))
    return;

  /* Without its password the team database would refuse this desk at
   * the next start: it is used only once the keyring keeps it. */
  if (error != NULL)
    {
      text = g_strdup_printf (_("The password could not be kept in the keyring, so the team "
                                "database is not in use: %s"),
                              error->message);
      show_status (self, text);
    }
  else
    {
      use_address (self, data->address);
      self->keyring_has_password = TRUE;
    }

  settle (self);
}

static void
use_team_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SitrepTeamPage *self = SITREP_TEAM_PAGE (widget);
  g_autofree char *address = dup_typed_address (self);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autoptr(GHashTable) options = NULL;
  g_autoptr(GError) error = NULL;

  if (address[0] == '\0')
    return;

  options = sitrep_team_conninfo_parse (address, &error);
  if (options == NULL)
    {
      show_status (self, error->message);
      return;
    }
  /* The settings are readable by every program of the session. */
  if (g_hash_table_contains (options, "password"))
    {
      show_status (self, _("The address holds a password: take it out and type it in the "
                           "Password field, which keeps it in the keyring"));
      return;
    }

  if (password[0] == '\0')
    {
      use_address (self, address);
      look_up_keyring (self);
      return;
    }

  begin (self);
  sitrep_team_secret_store_async (address, password, self->cancellable, password_stored_cb,
                                  address_data_new (self, address));
}

static void
use_desk_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SitrepTeamPage *self = SITREP_TEAM_PAGE (widget);
  const char *text = _("Sitrep opens this desk’s own database at its next start");

  g_settings_set_string (self->settings, "team-database", "");
  show_status (self, text);
  add_toast (self, text);
  look_up_keyring (self);
}

static void
password_cleared_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SitrepTeamPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  sitrep_team_secret_clear_finish (result, &error);
  if (is_stale (self, error))
    return;

  if (error != NULL)
    {
      text = g_strdup_printf (_("The password could not be removed from the keyring: %s"),
                              error->message);
      adw_action_row_set_subtitle (self->keyring_row, text);
    }
  else
    {
      self->keyring_has_password = FALSE;
      add_toast (self, _("The team database’s password is forgotten"));
    }

  settle (self);
}

static void
forget_password_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SitrepTeamPage *self = SITREP_TEAM_PAGE (widget);
  g_autofree char *saved = dup_saved_address (self);

  if (saved[0] == '\0')
    return;

  begin (self);
  sitrep_team_secret_clear_async (saved, self->cancellable, password_cleared_cb,
                                  g_object_ref (self));
}

static void
address_changed_cb (SitrepTeamPage *self)
{
  update_actions (self);
}

static void
password_changed_cb (SitrepTeamPage *self)
{
  update_actions (self);
}

/* libadwaita 1.2 leaves the password row's button that shows the
 * password without a name a screen reader can say. */
static void
name_peek_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show the password"),
                                        -1);
      else
        name_peek_button (child);
    }
}

static void
sitrep_team_page_dispose (GObject *object)
{
  SitrepTeamPage *self = SITREP_TEAM_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_TEAM_PAGE);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sitrep_team_page_parent_class)->dispose (object);
}

static void
sitrep_team_page_finalize (GObject *object)
{
  SitrepTeamPage *self = SITREP_TEAM_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->result, g_free);
  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (sitrep_team_page_parent_class)->finalize (object);
}

static void
sitrep_team_page_class_init (SitrepTeamPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_team_page_dispose;
  object_class->finalize = sitrep_team_page_finalize;

  signals[SETTLED] = g_signal_new ("settled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/ui/"
                                               "sitrep-team-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepTeamPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepTeamPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepTeamPage, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepTeamPage, result_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepTeamPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SitrepTeamPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepTeamPage, use_desk_button);
  gtk_widget_class_bind_template_callback (widget_class, address_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_changed_cb);

  gtk_widget_class_install_action (widget_class, "team.test", NULL, test_action);
  gtk_widget_class_install_action (widget_class, "team.use-team", NULL, use_team_action);
  gtk_widget_class_install_action (widget_class, "team.use-desk", NULL, use_desk_action);
  gtk_widget_class_install_action (widget_class, "team.forget-password", NULL,
                                   forget_password_action);
}

static void
sitrep_team_page_init (SitrepTeamPage *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  sitrep_accessible_name_mnemonic_buttons (GTK_WIDGET (self));
  name_peek_button (GTK_WIDGET (self->password_row));
}

/**
 * sitrep_team_page_new:
 * @settings: the settings (schema io.github.sitrep.Sitrep), whose
 *   "team-database" key the page reads and writes
 *
 * Returns: (transfer full): the page, showing the saved address
 */
SitrepTeamPage *
sitrep_team_page_new (GSettings *settings)
{
  SitrepTeamPage *self;
  g_autofree char *saved = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SITREP_TYPE_TEAM_PAGE, NULL);
  self->settings = g_object_ref (settings);

  saved = dup_saved_address (self);
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), saved);
  describe_saved (self);
  look_up_keyring (self);

  return self;
}

/**
 * sitrep_team_page_get_busy:
 * @self: a team page
 *
 * Returns: whether a test, a switch or the keyring is still being waited for
 */
gboolean
sitrep_team_page_get_busy (SitrepTeamPage *self)
{
  g_return_val_if_fail (SITREP_IS_TEAM_PAGE (self), FALSE);

  return self->pending > 0;
}

/**
 * sitrep_team_page_get_result:
 * @self: a team page
 *
 * Returns: (transfer none) (nullable): what the last connection test said
 */
const char *
sitrep_team_page_get_result (SitrepTeamPage *self)
{
  g_return_val_if_fail (SITREP_IS_TEAM_PAGE (self), NULL);

  return self->result;
}

/**
 * sitrep_team_page_get_status:
 * @self: a team page
 *
 * Returns: (transfer none): which database is in use, or why a switch failed
 */
const char *
sitrep_team_page_get_status (SitrepTeamPage *self)
{
  g_return_val_if_fail (SITREP_IS_TEAM_PAGE (self), NULL);

  return self->status;
}
