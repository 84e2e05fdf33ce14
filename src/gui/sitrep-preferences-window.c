/* sitrep-preferences-window.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-preferences-window.h"
#include "sitrep-accessible.h"
#include "sitrep-team-page.h"
#include "sitrep-time.h"

/*
 * Preferences: who the user is, the SLA policy per level, and the roster.
 * The policy and the roster live in the database and are written at once;
 * a supervisor sees them but cannot change them.
 */

/* The rows of the rules a record must follow (rule_rows[] below) */
#define N_RULE_ROWS 3

/* A year, in minutes: longer windows make no sense for an incident. */
#define MAX_WINDOW_MINUTES (365 * 24 * 60)
#define SAVE_DELAY_MS 400

struct _SitrepPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  SitrepContext        *context;
  SitrepStore          *store;      /* the context's */
  GSettings            *settings;   /* the context's */
  SitrepPolicy         *policy;       /* as edited */
  GtkSpinButton        *spins[SITREP_LEVEL_MAX][SITREP_N_POLICY_WINDOWS];
  AdwActionRow         *policy_rows[SITREP_LEVEL_MAX][SITREP_N_POLICY_WINDOWS];
  GPtrArray            *level_groups;
  AdwPreferencesGroup  *rules_group;
  GtkSwitch            *rule_switches[N_RULE_ROWS];
  GPtrArray            *roster_rows;
  gboolean              closing;    /* disposed: nobody is left to tell */
  GCancellable         *roster_cancellable;  /* the roster's read on its way */
  guint                 save_source;
  gboolean              loading;

  AdwEntryRow          *user_name_row;
  AdwComboRow          *role_row;
  GtkSwitch            *notifications_switch;
  GtkSwitch            *background_switch;
  GtkSwitch            *login_switch;
  AdwPreferencesPage   *policy_page;
  AdwPreferencesGroup  *warning_group;
  AdwActionRow         *warning_row;
  GtkSpinButton        *warning_spin;
  GtkSwitch            *hold_switch;    /* whether a hold pauses resolution */
  AdwPreferencesGroup  *roster_group;
};

G_DEFINE_FINAL_TYPE (SitrepPreferencesWindow, sitrep_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static const char *
describe_window (SitrepPolicyWindow window)
{
  switch (window)
    {
    case SITREP_POLICY_WINDOW_RESPONSE:        return _("Response time");
    case SITREP_POLICY_WINDOW_RECOVERY:        return _("Recovery time");
    case SITREP_POLICY_WINDOW_RESOLUTION:      return _("Resolution time");
    case SITREP_POLICY_WINDOW_INITIAL_NOTICE:  return _("Initial notice");
    case SITREP_POLICY_WINDOW_PROGRESS_NOTICE: return _("Progress notice interval");
    default:                                   return "";
    }
}

/* What a screen reader says for a policy field. */
static char *
dup_window_accessible_name (int                level,
                            SitrepPolicyWindow window)
{
  switch (window)
    {
    case SITREP_POLICY_WINDOW_RESPONSE:
      return g_strdup_printf (_("Level %d response time in minutes"), level);
    case SITREP_POLICY_WINDOW_RECOVERY:
      return g_strdup_printf (_("Level %d recovery time in minutes"), level);
    case SITREP_POLICY_WINDOW_RESOLUTION:
      return g_strdup_printf (_("Level %d resolution time in minutes"), level);
    case SITREP_POLICY_WINDOW_INITIAL_NOTICE:
      return g_strdup_printf (_("Level %d initial notice time in minutes"), level);
    case SITREP_POLICY_WINDOW_PROGRESS_NOTICE:
      return g_strdup_printf (_("Level %d progress notice interval in minutes"), level);
    default:
      return g_strdup ("");
    }
}

/* The hint under a policy field: the minutes in hours or days, and what
 * the time counts from. */
static char *
dup_window_hint (SitrepPolicyWindow window,
                 int                minutes)
{
  g_autofree char *duration = NULL;

  if (minutes == 0)
    return g_strdup (window >= SITREP_POLICY_WINDOW_INITIAL_NOTICE
                     ? _("0: no notices for this level")
                     : _("0: no deadline"));

  duration = sitrep_time_format_duration ((gint64) minutes * 60);
  switch (window)
    {
    case SITREP_POLICY_WINDOW_RESPONSE:
      /* Translators: %s is a duration, "10 min", "2 h", "7 d" */
      return g_strdup_printf (_("%s after the report; met by acknowledging"), duration);
    case SITREP_POLICY_WINDOW_RECOVERY:
      return g_strdup_printf (_("%s after the fault began; met by marking it recovered"),
                              duration);
    case SITREP_POLICY_WINDOW_RESOLUTION:
      return g_strdup_printf (_("%s after the report; met by resolving or transferring"),
                              duration);
    case SITREP_POLICY_WINDOW_INITIAL_NOTICE:
      return g_strdup_printf (_("%s after the report, to the service owner"), duration);
    case SITREP_POLICY_WINDOW_PROGRESS_NOTICE:
      return g_strdup_printf (_("%s after the last notice, until the service is recovered"),
                              duration);
    default:
      return g_strdup (duration);
    }
}

static const char *roles[] = { "incident-manager", "om-engineer", "developer", "supervisor" };

/* @role: a user-role setting */
static const char *
describe_role (const char *role)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_strcmp0 (role, roles[i]) == 0)
      break;

  switch (i)
    {
    case 0:  return _("Runs incidents: records them, escalates them and closes them");
    case 1:  return _("Handles incidents: acknowledges, recovers and resolves them");
    case 2:  return _("Fixes what incidents are transferred to development for");
    case 3:  return _("Data viewing permission: sees every incident, the policy and the roster, "
                      "and changes nothing");
    default: return "";
    }
}

static const char *
describe_level (int level)
{
  switch (level)
    {
    case 1:  return _("Major impact: serious damage, data loss, "
                      "errors causing multiple complaints");
    case 2:  return _("Minor impact: some functions or users affected, no financial loss");
    case 3:  return _("No service impact: queries and consulting");
    default: return "";
    }
}

static gboolean
is_read_only (SitrepPreferencesWindow *self)
{
  return sitrep_context_get_read_only (self->context);
}

static void
update_hint (SitrepPreferencesWindow *self,
             int                      level,
             SitrepPolicyWindow       window)
{
  int minutes = gtk_spin_button_get_value_as_int (self->spins[level - 1][window]);
  g_autofree char *hint = dup_window_hint (window, minutes);

  adw_action_row_set_subtitle (self->policy_rows[level - 1][window], hint);
}

/* The warning share, shown on an example the user knows. */
static void
update_warning_hint (SitrepPreferencesWindow *self)
{
  int share = gtk_spin_button_get_value_as_int (self->warning_spin);
  int recovery = gtk_spin_button_get_value_as_int (self->spins[0][SITREP_POLICY_WINDOW_RECOVERY]);
  g_autofree char *window = NULL;
  g_autofree char *before = NULL;
  g_autofree char *hint = NULL;

  if (recovery <= 0)
    {
      adw_action_row_set_subtitle (self->warning_row,
                                   _("A deadline turns “at risk” once this share of its time "
                                     "has passed"));
      return;
    }

  window = sitrep_time_format_duration ((gint64) recovery * 60);
  before = sitrep_time_format_duration ((gint64) recovery * 60 * (100 - share) / 100);
  /* Translators: "A deadline turns “at risk” once this share of its time has passed:
   * at 75 %, level 1’s 2 h recovery deadline warns 30 min before it is due" */
  hint = g_strdup_printf (_("A deadline turns “at risk” once this share of its time has "
                            "passed: at %d %%, level 1’s %s recovery deadline warns %s before "
                            "it is due"),
                          share, window, before);
  adw_action_row_set_subtitle (self->warning_row, hint);
}

static void
show_error (SitrepPreferencesWindow *self,
            const char              *heading,
            const char              *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A change of the policy or the roster, on the store's terms (on a team
 * database, on its writing thread). */
typedef enum
{
  PREFS_WRITE_POLICY,
  PREFS_WRITE_CONTACT,
  PREFS_REMOVE_CONTACT,
} PrefsWriteKind;

typedef struct
{
  PrefsWriteKind  kind;
  SitrepPolicy   *policy;
  SitrepContact  *contact;
  char           *author;
} PrefsWrite;

static void
prefs_write_free (gpointer data)
{
  PrefsWrite *w = data;

  g_clear_object (&w->policy);
  g_clear_object (&w->contact);
  g_free (w->author);
  g_free (w);
}

static gboolean
write_prefs (SitrepStore  *store,
             gpointer      data,
             GError      **error)
{
  PrefsWrite *w = data;

  switch (w->kind)
    {
    case PREFS_WRITE_POLICY:
      return sitrep_store_set_policy (store, w->policy, w->author, error);
    case PREFS_WRITE_CONTACT:
      return sitrep_store_save_contact (store, w->contact, error);
    case PREFS_REMOVE_CONTACT:
    default:
      return sitrep_store_remove_contact (store, sitrep_contact_get_id (w->contact), error);
    }
}

static void
prefs_written_cb (GObject      *owner,
                  const GError *error,
                  gpointer      data)
{
  PrefsWrite *w = data;
  const char *heading;

  if (error == NULL)
    return;

  switch (w->kind)
    {
    case PREFS_WRITE_POLICY:
      heading = _("Could Not Save the SLA Policy");
      break;
    case PREFS_WRITE_CONTACT:
      heading = _("Could Not Save the Contact");
      break;
    case PREFS_REMOVE_CONTACT:
    default:
      heading = _("Could Not Remove the Contact");
      break;
    }
  show_error (SITREP_PREFERENCES_WINDOW (owner), heading, error->message);
}

static void
submit_prefs (SitrepPreferencesWindow *self,
              PrefsWrite              *w)
{
  /* A window closing hands its last change on: it is written all the
   * same, with nobody left to tell of a refusal. */
  gboolean closing = self->closing;

  sitrep_store_submit (self->store, write_prefs, w, prefs_write_free,
                       closing ? G_OBJECT (self->store) : G_OBJECT (self),
                       closing ? NULL : prefs_written_cb);
}

static void
save_policy (SitrepPreferencesWindow *self)
{
  g_autoptr(SitrepPolicy) current = NULL;
  PrefsWrite *w;

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (self->store == NULL || is_read_only (self))
    return;

  current = sitrep_store_get_policy (self->store);
  if (sitrep_policy_equal (current, self->policy))
    return;

  w = g_new0 (PrefsWrite, 1);
  w->kind = PREFS_WRITE_POLICY;
  w->policy = sitrep_policy_copy (self->policy);
  w->author = g_strdup (sitrep_context_get_user_name (self->context));
  submit_prefs (self, w);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  SitrepPreferencesWindow *self = user_data;

  self->save_source = 0;
  save_policy (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_save (SitrepPreferencesWindow *self)
{
  /* The spin buttons change step by step: write once the user paused. */
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
window_value_changed_cb (GtkSpinButton           *spin,
                         SitrepPreferencesWindow *self)
{
  int level = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spin), "level"));
  SitrepPolicyWindow window = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spin), "window"));

  update_hint (self, level, window);
  if (level == 1 && window == SITREP_POLICY_WINDOW_RECOVERY)
    update_warning_hint (self);
  if (self->loading)
    return;

  sitrep_policy_set_minutes (self->policy, level, window,
                             gtk_spin_button_get_value_as_int (spin));
  schedule_save (self);
}

static void
warning_value_changed_cb (GtkSpinButton           *spin,
                          SitrepPreferencesWindow *self)
{
  double share = gtk_spin_button_get_value (spin) / 100.0;

  update_warning_hint (self);
  if (self->loading)
    return;

  sitrep_policy_set_warning_share (self->policy, share);
  g_settings_set_double (self->settings, "warning-share", share);
  schedule_save (self);
}

/* The rules a record must follow, each of which the policy may relax. */
static const struct
{
  SitrepRule  rule;
  const char *title;
  const char *subtitle;
} rule_rows[] = {
  { SITREP_RULE_RESOLVE_NEEDS_CAUSE,
    N_("Resolving needs a resolution and a cause category"),
    N_("Levels 1 and 2. The root cause may follow; the timeline notes that it is owed.") },
  { SITREP_RULE_CANCEL_NEEDS_REASON,
    N_("Cancelling a late incident needs a reason"),
    N_("When a deadline is in warning or breached, so that a missed deadline is not "
       "cancelled away") },
  { SITREP_RULE_LOWER_NEEDS_REASON,
    N_("Lowering a level needs a reason"),
    N_("Lowering a level moves every deadline later") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (rule_rows) == N_RULE_ROWS);

static void
rule_switched_cb (GtkSwitch               *widget,
                  GParamSpec              *pspec,
                  SitrepPreferencesWindow *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "rule-row"));

  if (self->loading)
    return;

  sitrep_policy_set_rule (self->policy, rule_rows[i].rule, gtk_switch_get_active (widget));
  save_policy (self);
}

/* Sitrep is strict by default; this group is where the policy relaxes it. */
static void
build_rules (SitrepPreferencesWindow *self)
{
  self->rules_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->rules_group, _("Record Rules"));
  adw_preferences_group_set_description (self->rules_group,
                                         _("What a change must say before it is written. Each "
                                           "rule is on unless your process does without it."));

  for (guint i = 0; i < G_N_ELEMENTS (rule_rows); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(rule_rows[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(rule_rows[i].subtitle));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(rule_rows[i].title),
                                      -1);
      g_object_set_data (G_OBJECT (toggle), "rule-row", GUINT_TO_POINTER (i));
      g_signal_connect (toggle, "notify::active", G_CALLBACK (rule_switched_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      adw_preferences_group_add (self->rules_group, row);
      self->rule_switches[i] = GTK_SWITCH (toggle);
    }

  adw_preferences_page_add (self->policy_page, self->rules_group);
}

static void
hold_switch_changed_cb (GtkSwitch               *hold_switch,
                        GParamSpec              *pspec,
                        SitrepPreferencesWindow *self)
{
  if (self->loading)
    return;

  sitrep_policy_set_hold_pauses (self->policy, gtk_switch_get_active (hold_switch)
                                               ? SITREP_DEFAULT_HOLD_PAUSES : 0);
  schedule_save (self);
}

static void
load_policy (SitrepPreferencesWindow *self)
{
  g_clear_object (&self->policy);
  self->policy = sitrep_store_get_policy (self->store);

  self->loading = TRUE;
  for (int level = SITREP_LEVEL_MIN; level <= SITREP_LEVEL_MAX; level++)
    for (guint w = 0; w < SITREP_N_POLICY_WINDOWS; w++)
      gtk_spin_button_set_value (self->spins[level - 1][w],
                                 sitrep_policy_get_minutes (self->policy, level, w));
  gtk_spin_button_set_value (self->warning_spin,
                             sitrep_policy_get_warning_share (self->policy) * 100.0);
  for (guint i = 0; i < G_N_ELEMENTS (rule_rows); i++)
    gtk_switch_set_active (self->rule_switches[i],
                           sitrep_policy_get_rule (self->policy, rule_rows[i].rule));
  gtk_switch_set_active (self->hold_switch, sitrep_policy_get_hold_pauses (self->policy) != 0);
  self->loading = FALSE;
}

static void
build_policy (SitrepPreferencesWindow *self)
{
  for (int level = SITREP_LEVEL_MIN; level <= SITREP_LEVEL_MAX; level++)
    {
      g_autofree char *title = g_strdup_printf (_("Level %d"), level);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

      adw_preferences_group_set_title (group, title);
      adw_preferences_group_set_description (group, describe_level (level));

      for (guint w = 0; w < SITREP_N_POLICY_WINDOWS; w++)
        {
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *spin = gtk_spin_button_new_with_range (0, MAX_WINDOW_MINUTES, 5);
          /* Translators: the unit after a policy field, short for minutes */
          GtkWidget *unit = gtk_label_new (_("min"));
          g_autofree char *accessible = dup_window_accessible_name (level, w);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), describe_window (w));
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
          gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
          gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
          gtk_editable_set_width_chars (GTK_EDITABLE (spin), 6);
          gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                          -1);
          gtk_widget_set_size_request (unit, 32, -1);
          gtk_label_set_xalign (GTK_LABEL (unit), 0);
          g_object_set_data (G_OBJECT (spin), "level", GINT_TO_POINTER (level));
          g_object_set_data (G_OBJECT (spin), "window", GINT_TO_POINTER (w));
          g_signal_connect (spin, "value-changed", G_CALLBACK (window_value_changed_cb), self);

          gtk_widget_add_css_class (unit, "dim-label");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), unit);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
          adw_preferences_group_add (group, row);

          self->spins[level - 1][w] = GTK_SPIN_BUTTON (spin);
          self->policy_rows[level - 1][w] = ADW_ACTION_ROW (row);
        }

      adw_preferences_page_add (self->policy_page, group);
      g_ptr_array_add (self->level_groups, group);
    }

  /* The warning share applies to every level: it reads best after them. */
  g_object_ref (self->warning_group);
  adw_preferences_page_remove (self->policy_page, self->warning_group);
  adw_preferences_page_add (self->policy_page, self->warning_group);
  g_object_unref (self->warning_group);

  /* which clocks a hold pauses: only resolution can, so it is one switch */
  {
    GtkWidget *row = adw_action_row_new ();

    self->hold_switch = GTK_SWITCH (gtk_switch_new ());
    gtk_widget_set_valign (GTK_WIDGET (self->hold_switch), GTK_ALIGN_CENTER);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                   _("A Hold Pauses the Resolution Clock"));
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                 _("Response and recovery never pause"));
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->hold_switch));
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row),
                                           GTK_WIDGET (self->hold_switch));
    adw_preferences_group_add (self->warning_group, row);
    g_signal_connect (self->hold_switch, "notify::active",
                      G_CALLBACK (hold_switch_changed_cb), self);
  }
}

static void
contact_response_cb (AdwMessageDialog        *dialog,
                     const char              *response,
                     SitrepPreferencesWindow *self)
{
  g_autoptr(SitrepContact) contact = NULL;
  g_autofree char *name = NULL;
  PrefsWrite *w;
  SitrepContact *original = g_object_get_data (G_OBJECT (dialog), "contact");
  GtkEditable *name_row = g_object_get_data (G_OBJECT (dialog), "name");
  GtkEditable *email_row = g_object_get_data (G_OBJECT (dialog), "email");
  GtkEditable *phone_row = g_object_get_data (G_OBJECT (dialog), "phone");
  AdwComboRow *role_row = g_object_get_data (G_OBJECT (dialog), "role");

  if (g_strcmp0 (response, "save") != 0)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (name_row)));
  contact = original != NULL ? sitrep_contact_copy (original) : sitrep_contact_new ();
  sitrep_contact_set_name (contact, name);
  sitrep_contact_set_role (contact, adw_combo_row_get_selected (role_row));
  sitrep_contact_set_email (contact, gtk_editable_get_text (email_row));
  sitrep_contact_set_phone (contact, gtk_editable_get_text (phone_row));

  w = g_new0 (PrefsWrite, 1);
  w->kind = PREFS_WRITE_CONTACT;
  w->contact = g_steal_pointer (&contact);
  submit_prefs (self, w);
}

static void
contact_name_changed_cb (GtkEditable      *name_row,
                         AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (name_row)));

  adw_message_dialog_set_response_enabled (dialog, "save", name[0] != '\0');
}

static void
edit_contact (SitrepPreferencesWindow *self,
              SitrepContact           *contact)
{
  g_autoptr(GtkStringList) role_names = gtk_string_list_new (NULL);
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *name_row, *email_row, *phone_row, *role_row;

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   contact != NULL ? _("Edit Contact") : _("Add Contact"),
                                   NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  name_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name_row), _("Name *"));
  email_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (email_row), _("Email"));
  phone_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (phone_row), _("Phone"));

  for (int r = SITREP_ROLE_SERVICE_OWNER; r <= SITREP_ROLE_TEAM; r++)
    gtk_string_list_append (role_names, sitrep_role_to_label (r));
  role_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (role_row), _("Role"));
  adw_combo_row_set_model (ADW_COMBO_ROW (role_row), G_LIST_MODEL (role_names));

  if (contact != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (name_row), sitrep_contact_get_name (contact));
      gtk_editable_set_text (GTK_EDITABLE (email_row),
                             sitrep_contact_get_email (contact)
                             ? sitrep_contact_get_email (contact) : "");
      gtk_editable_set_text (GTK_EDITABLE (phone_row),
                             sitrep_contact_get_phone (contact)
                             ? sitrep_contact_get_phone (contact) : "");
      adw_combo_row_set_selected (ADW_COMBO_ROW (role_row), sitrep_contact_get_role (contact));
      g_object_set_data_full (G_OBJECT (dialog), "contact", g_object_ref (contact), g_object_unref);
    }

  gtk_list_box_append (GTK_LIST_BOX (list), name_row);
  gtk_list_box_append (GTK_LIST_BOX (list), role_row);
  gtk_list_box_append (GTK_LIST_BOX (list), email_row);
  gtk_list_box_append (GTK_LIST_BOX (list), phone_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  g_object_set_data (G_OBJECT (dialog), "name", name_row);
  g_object_set_data (G_OBJECT (dialog), "email", email_row);
  g_object_set_data (G_OBJECT (dialog), "phone", phone_row);
  g_object_set_data (G_OBJECT (dialog), "role", role_row);

  g_signal_connect (name_row, "changed", G_CALLBACK (contact_name_changed_cb), dialog);
  contact_name_changed_cb (GTK_EDITABLE (name_row), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (contact_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_clicked_cb (GtkButton               *button,
                 SitrepPreferencesWindow *self)
{
  edit_contact (self, g_object_get_data (G_OBJECT (button), "contact"));
}

static void
remove_response_cb (AdwMessageDialog        *dialog,
                    const char              *response,
                    SitrepPreferencesWindow *self)
{
  SitrepContact *contact = g_object_get_data (G_OBJECT (dialog), "contact");
  PrefsWrite *w;

  if (g_strcmp0 (response, "remove") != 0)
    return;

  w = g_new0 (PrefsWrite, 1);
  w->kind = PREFS_REMOVE_CONTACT;
  w->contact = g_object_ref (contact);
  submit_prefs (self, w);
}

static void
remove_clicked_cb (GtkButton               *button,
                   SitrepPreferencesWindow *self)
{
  SitrepContact *contact = g_object_get_data (G_OBJECT (button), "contact");
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: %s is a contact's name */
  heading = g_strdup_printf (_("Remove %s?"), sitrep_contact_get_name (contact));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Notices will no longer be addressed to them. Incidents "
                                     "they own keep their owner."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data_full (G_OBJECT (dialog), "contact", g_object_ref (contact), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
create_icon_button (const char    *icon_name,
                    const char    *accessible,
                    SitrepContact *contact)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "contact", g_object_ref (contact), g_object_unref);

  return button;
}

static void
show_roster (SitrepPreferencesWindow *self,
             GPtrArray               *contacts,
             const GError            *error)
{
  for (guint i = 0; i < self->roster_rows->len; i++)
    adw_preferences_group_remove (self->roster_group, g_ptr_array_index (self->roster_rows, i));
  g_ptr_array_set_size (self->roster_rows, 0);

  if (contacts == NULL || contacts->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     contacts == NULL ? error->message : _("No contacts yet"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->roster_group, row);
      g_ptr_array_add (self->roster_rows, row);
      return;
    }

  for (guint i = 0; i < contacts->len; i++)
    {
      SitrepContact *contact = g_ptr_array_index (contacts, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *edit, *remove;
      g_autoptr(GString) subtitle = g_string_new (
        sitrep_role_to_label (sitrep_contact_get_role (contact)));
      g_autofree char *edit_label = NULL;
      g_autofree char *remove_label = NULL;

      if (sitrep_contact_get_email (contact) != NULL && sitrep_contact_get_email (contact)[0])
        g_string_append_printf (subtitle, " · %s", sitrep_contact_get_email (contact));
      if (sitrep_contact_get_phone (contact) != NULL && sitrep_contact_get_phone (contact)[0])
        g_string_append_printf (subtitle, " · %s", sitrep_contact_get_phone (contact));

      /* Names and roles such as "R&D leader" are text, not markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sitrep_contact_get_name (contact));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

      /* Translators: %s is a contact's name */
      edit_label = g_strdup_printf (_("Edit %s"), sitrep_contact_get_name (contact));
      /* Translators: %s is a contact's name */
      remove_label = g_strdup_printf (_("Remove %s"), sitrep_contact_get_name (contact));
      edit = create_icon_button ("document-edit-symbolic", edit_label, contact);
      remove = create_icon_button ("user-trash-symbolic", remove_label, contact);
      g_signal_connect (edit, "clicked", G_CALLBACK (edit_clicked_cb), self);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      adw_preferences_group_add (self->roster_group, row);
      g_ptr_array_add (self->roster_rows, row);
    }
}

static void apply_role (SitrepPreferencesWindow *self);

static void
roster_read_cb (gpointer      result,
                const GError *error,
                gpointer      user_data)
{
  SitrepPreferencesWindow *self = user_data;

  show_roster (self, result, error);
  /* the rows are new: they follow the role too */
  apply_role (self);
}

/* The roster is read where the context reads: on the worker for a team
 * database. */
static void
load_roster (SitrepPreferencesWindow *self)
{
  if (self->roster_cancellable != NULL)
    g_cancellable_cancel (self->roster_cancellable);
  g_clear_object (&self->roster_cancellable);
  self->roster_cancellable = g_cancellable_new ();
  sitrep_context_read_contacts (self->context, self->roster_cancellable, roster_read_cb, self);
}

static void
apply_role (SitrepPreferencesWindow *self)
{
  gboolean read_only = is_read_only (self);
  g_autofree char *role = NULL;
  const char *why = _("Your role is supervisor: data viewing permission lets you see the "
                      "policy and the roster, but not change them.");

  for (guint i = 0; i < self->level_groups->len; i++)
    {
      GtkWidget *group = g_ptr_array_index (self->level_groups, i);

      gtk_widget_set_sensitive (group, !read_only);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->warning_spin), !read_only);
  for (guint i = 0; i < G_N_ELEMENTS (rule_rows); i++)
    gtk_widget_set_sensitive (GTK_WIDGET (self->rule_switches[i]), !read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->hold_switch), !read_only);
  adw_preferences_group_set_description (self->warning_group, read_only ? why : NULL);

  for (guint i = 0; i < self->roster_rows->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->roster_rows, i), !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.add-contact", !read_only);
  adw_preferences_group_set_description (self->roster_group,
                                         read_only ? why
                                                   : _("The people notices are addressed to, "
                                                       "and who can own an incident."));

  role = g_strdup (sitrep_context_get_role (self->context));
  /* On a team database the server says who the login is: the row shows
   * it and cannot change it. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->role_row), !sitrep_context_get_team (self->context));
  if (sitrep_context_get_team (self->context))
    {
      g_autofree char *subtitle =
        g_strdup_printf (_("%s — given by the team database to your login"),
                         describe_role (role));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->role_row), subtitle);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->role_row), describe_role (role));
}

/* The context, not the settings, is followed: it has decided what the new
 * role allows by the time it announces it. */
static void
role_changed_cb (SitrepContext           *context,
                 GParamSpec              *pspec,
                 SitrepPreferencesWindow *self)
{
  apply_role (self);
}

static void
store_changed_cb (SitrepStore             *store,
                  SitrepPreferencesWindow *self)
{
  /* Another window or process changed the policy: show it, unless the
   * user is in the middle of editing it here. */
  if (self->save_source == 0)
    load_policy (self);
}

static void
contacts_changed_cb (SitrepStore             *store,
                     SitrepPreferencesWindow *self)
{
  load_roster (self);
  apply_role (self);
}

static gboolean
role_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char *role = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      if (g_str_equal (role, roles[i]))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
role_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  if (i >= G_N_ELEMENTS (roles))
    return NULL;

  return g_variant_new_string (roles[i]);
}

static void
add_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  edit_contact (SITREP_PREFERENCES_WINDOW (widget), NULL);
}

static void
sitrep_preferences_window_dispose (GObject *object)
{
  SitrepPreferencesWindow *self = SITREP_PREFERENCES_WINDOW (object);

  /* A change still waiting for its delay is written now. */
  self->closing = TRUE;
  if (self->save_source != 0)
    save_policy (self);
  if (self->roster_cancellable != NULL)
    g_cancellable_cancel (self->roster_cancellable);
  g_clear_object (&self->roster_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->policy);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sitrep_preferences_window_parent_class)->dispose (object);
}

static void
sitrep_preferences_window_finalize (GObject *object)
{
  SitrepPreferencesWindow *self = SITREP_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->level_groups, g_ptr_array_unref);
  g_clear_pointer (&self->roster_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sitrep_preferences_window_parent_class)->finalize (object);
}

static void
sitrep_preferences_window_class_init (SitrepPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_preferences_window_dispose;
  object_class->finalize = sitrep_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/ui/"
                                               "sitrep-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, user_name_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, role_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow,
                                        notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, login_switch);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, policy_page);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, warning_group);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, warning_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, warning_spin);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, roster_group);

  gtk_widget_class_install_action (widget_class, "prefs.add-contact", NULL, add_contact_action);
}

static void
sitrep_preferences_window_init (SitrepPreferencesWindow *self)
{
  self->level_groups = g_ptr_array_new ();
  self->roster_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  sitrep_accessible_name_mnemonic_buttons (GTK_WIDGET (self));
}

/**
 * sitrep_preferences_window_new:
 * @context: the context, whose store holds the policy and the roster
 *
 * Returns: (transfer full): the preferences window
 */
SitrepPreferencesWindow *
sitrep_preferences_window_new (SitrepContext *context)
{
  SitrepPreferencesWindow *self;
  SitrepStore *store;
  GSettings *settings;

  g_return_val_if_fail (SITREP_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (sitrep_context_get_store (context) != NULL, NULL);

  store = sitrep_context_get_store (context);
  settings = sitrep_context_get_settings (context);
  self = g_object_new (SITREP_TYPE_PREFERENCES_WINDOW, NULL);
  self->context = g_object_ref (context);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);

  g_settings_bind (settings, "user-name", self->user_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "user-role", self->role_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                role_get_mapping, role_set_mapping, NULL, NULL);
  g_settings_bind (settings, "notifications-enabled", self->notifications_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "run-in-background", self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "start-at-login", self->login_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  build_policy (self);
  build_rules (self);
  g_signal_connect (self->warning_spin, "value-changed",
                    G_CALLBACK (warning_value_changed_cb), self);
  load_policy (self);
  load_roster (self);
  apply_role (self);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (sitrep_team_page_new (settings)));

  g_signal_connect_object (context, "notify::role", G_CALLBACK (role_changed_cb), self, 0);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, 0);
  g_signal_connect_object (store, "contacts-changed", G_CALLBACK (contacts_changed_cb), self, 0);

  return self;
}
