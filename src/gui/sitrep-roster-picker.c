/* sitrep-roster-picker.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sitrep-roster-picker.h"

/*
 * A popover to pick a person from the roster: a search entry that filters
 * by name or role as the user types, and one row per contact, "Name —
 * Role" on one line (a long name is shortened with an ellipsis, never
 * wrapped). Typing goes to the search, Down moves into the list, Enter
 * picks the first match (or the focused row) and Escape closes. The
 * roster is read from the store each time the popover opens, so a
 * contact added in Preferences is there at once; the roster is a handful
 * of people. A role filter narrows the list to some roles, for pickers of
 * a team rather than of a person.
 */

struct _SitrepRosterPicker
{
  GtkPopover   parent_instance;

  GtkSearchEntry *search_entry;
  GtkListBox     *list_box;
  GtkLabel       *placeholder;

  SitrepContext  *context;
  GCancellable   *cancellable;  /* the roster's read on its way */
  guint           role_mask;    /* 1 << SitrepRole; 0 for every role */
  GPtrArray      *contacts;     /* SitrepContact, as listed */
  char           *needle;       /* casefolded search text, or NULL */
  guint           n_matches;
};

G_DEFINE_FINAL_TYPE (SitrepRosterPicker, sitrep_roster_picker, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_N_CONTACTS,
  N_PROPS
};

enum {
  CONTACT_PICKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
role_allowed (SitrepRosterPicker *self,
              SitrepRole          role)
{
  return self->role_mask == 0 || (self->role_mask & (1u << role)) != 0;
}

static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  g_autofree char *folded = g_utf8_casefold (haystack != NULL ? haystack : "", -1);

  return strstr (folded, needle) != NULL;
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  SitrepRosterPicker *self = user_data;
  SitrepContact *contact = g_object_get_data (G_OBJECT (row), "sitrep-contact");

  if (self->needle == NULL || contact == NULL)
    return TRUE;
  return contains_folded (sitrep_contact_get_name (contact), self->needle)
         || contains_folded (sitrep_role_to_label (sitrep_contact_get_role (contact)),
                             self->needle);
}

static void
update_placeholder (SitrepRosterPicker *self)
{
  if (self->contacts == NULL || self->contacts->len == 0)
    gtk_label_set_text (self->placeholder,
                        _("The roster is empty. Add contacts in Preferences; "
                          "any name can also be typed."));
  else
    gtk_label_set_text (self->placeholder, _("No one in the roster matches the search."));
}

static void
count_matches (SitrepRosterPicker *self)
{
  self->n_matches = 0;
  for (guint i = 0; self->contacts != NULL && i < self->contacts->len; i++)
    {
      SitrepContact *contact = g_ptr_array_index (self->contacts, i);

      if (self->needle == NULL
          || contains_folded (sitrep_contact_get_name (contact), self->needle)
          || contains_folded (sitrep_role_to_label (sitrep_contact_get_role (contact)),
                              self->needle))
        self->n_matches++;
    }
}

static GtkWidget *
create_row (SitrepContact *contact)
{
  const char *name = sitrep_contact_get_name (contact);
  const char *role = sitrep_role_to_label (sitrep_contact_get_role (contact));
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *role_label = gtk_label_new (role);
  g_autofree char *accessible = NULL;

  /* Single lines that shorten: the name keeps what room there is. */
  gtk_label_set_xalign (GTK_LABEL (name_label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (name_label), 8);
  gtk_widget_set_hexpand (name_label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (role_label), 1.0f);
  gtk_label_set_ellipsize (GTK_LABEL (role_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (role_label), 6);
  gtk_widget_add_css_class (role_label, "dim-label");

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_box_append (GTK_BOX (box), name_label);
  gtk_box_append (GTK_BOX (box), role_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* Translators: a contact in the roster picker, as a screen reader reads
   * it: name and role */
  accessible = g_strdup_printf (_("%s — %s"), name, role);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data_full (G_OBJECT (row), "sitrep-contact", g_object_ref (contact),
                          g_object_unref);
  return row;
}

static void
fill_list (SitrepRosterPicker *self)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->list_box, 0)) != NULL)
    gtk_list_box_remove (self->list_box, GTK_WIDGET (row));

  for (guint i = 0; self->contacts != NULL && i < self->contacts->len; i++)
    gtk_list_box_append (self->list_box, create_row (g_ptr_array_index (self->contacts, i)));

  count_matches (self);
  update_placeholder (self);
}

/* The first row the search lets through, or NULL. */
static GtkListBoxRow *
first_match (SitrepRosterPicker *self)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, i);

      if (row == NULL)
        return NULL;
      if (filter_row (row, self))
        return row;
    }
}

static void
pick (SitrepRosterPicker *self,
      GtkListBoxRow      *row)
{
  SitrepContact *contact = g_object_get_data (G_OBJECT (row), "sitrep-contact");

  if (contact == NULL)
    return;

  /* Keep the contact alive while handlers run and the popover closes. */
  g_object_ref (contact);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[CONTACT_PICKED], 0, contact);
  g_object_unref (contact);
}

static void
search_changed_cb (SitrepRosterPicker *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *text = g_strstrip (g_strdup (typed));

  g_clear_pointer (&self->needle, g_free);
  if (*text != '\0')
    self->needle = g_utf8_casefold (text, -1);

  gtk_list_box_invalidate_filter (self->list_box);
  count_matches (self);
  update_placeholder (self);
}

static void
search_activated_cb (SitrepRosterPicker *self)
{
  GtkListBoxRow *row = first_match (self);

  if (row != NULL)
    pick (self, row);
}

static void
search_stopped_cb (SitrepRosterPicker *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static gboolean
search_key_pressed_cb (SitrepRosterPicker *self,
                       guint               keyval,
                       guint               keycode,
                       GdkModifierType     state)
{
  GtkListBoxRow *row;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;
  if ((row = first_match (self)) == NULL)
    return GDK_EVENT_PROPAGATE;

  gtk_widget_grab_focus (GTK_WIDGET (row));
  return GDK_EVENT_STOP;
}

static void
row_activated_cb (SitrepRosterPicker *self,
                  GtkListBoxRow      *row)
{
  pick (self, row);
}

static void
sitrep_roster_picker_show (GtkWidget *widget)
{
  SitrepRosterPicker *self = SITREP_ROSTER_PICKER (widget);

  /* Each opening starts from the whole roster as it is now. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  if (self->context != NULL)
    sitrep_roster_picker_reload (self);

  GTK_WIDGET_CLASS (sitrep_roster_picker_parent_class)->show (widget);
}

static void
sitrep_roster_picker_map (GtkWidget *widget)
{
  SitrepRosterPicker *self = SITREP_ROSTER_PICKER (widget);

  GTK_WIDGET_CLASS (sitrep_roster_picker_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
sitrep_roster_picker_dispose (GObject *object)
{
  SitrepRosterPicker *self = SITREP_ROSTER_PICKER (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_ROSTER_PICKER);
  g_clear_object (&self->context);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);

  G_OBJECT_CLASS (sitrep_roster_picker_parent_class)->dispose (object);
}

static void
sitrep_roster_picker_finalize (GObject *object)
{
  SitrepRosterPicker *self = SITREP_ROSTER_PICKER (object);

  g_free (self->needle);

  G_OBJECT_CLASS (sitrep_roster_picker_parent_class)->finalize (object);
}

static void
sitrep_roster_picker_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SitrepRosterPicker *self = SITREP_ROSTER_PICKER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_N_CONTACTS:
      g_value_set_uint (value, sitrep_roster_picker_get_n_contacts (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_roster_picker_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SitrepRosterPicker *self = SITREP_ROSTER_PICKER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      sitrep_roster_picker_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_roster_picker_class_init (SitrepRosterPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_roster_picker_dispose;
  object_class->finalize = sitrep_roster_picker_finalize;
  object_class->get_property = sitrep_roster_picker_get_property;
  object_class->set_property = sitrep_roster_picker_set_property;
  widget_class->show = sitrep_roster_picker_show;
  widget_class->map = sitrep_roster_picker_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SITREP_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SitrepRosterPicker:n-contacts:
   *
   * How many contacts the picker offers, as the roster was last read.
   */
  properties[PROP_N_CONTACTS] =
    g_param_spec_uint ("n-contacts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitrepRosterPicker::contact-picked:
   * @self: the picker
   * @contact: the contact picked
   *
   * A contact was picked, with Enter, a click or a tap; the popover has
   * closed.
   */
  signals[CONTACT_PICKED] =
    g_signal_new ("contact-picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, SITREP_TYPE_CONTACT);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/sitrep/Sitrep/ui/sitrep-roster-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepRosterPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SitrepRosterPicker, list_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stopped_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
sitrep_roster_picker_init (SitrepRosterPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->placeholder = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->placeholder, TRUE);
  gtk_label_set_max_width_chars (self->placeholder, 36);
  gtk_widget_add_css_class (GTK_WIDGET (self->placeholder), "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (self->placeholder), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->placeholder), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->placeholder), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->placeholder), 12);
  gtk_list_box_set_placeholder (self->list_box, GTK_WIDGET (self->placeholder));
  gtk_list_box_set_filter_func (self->list_box, filter_row, self, NULL);
  update_placeholder (self);

  /* Typing anywhere in the popover goes to the search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_box));
}

/**
 * sitrep_roster_picker_new:
 *
 * Returns: (transfer floating): a new roster picker; give it a store
 */
GtkWidget *
sitrep_roster_picker_new (void)
{
  return g_object_new (SITREP_TYPE_ROSTER_PICKER, NULL);
}

/**
 * sitrep_roster_picker_get_context:
 * @self: a #SitrepRosterPicker
 *
 * Returns: (transfer none) (nullable): the context whose store the roster
 *   is read from
 */
SitrepContext *
sitrep_roster_picker_get_context (SitrepRosterPicker *self)
{
  g_return_val_if_fail (SITREP_IS_ROSTER_PICKER (self), NULL);

  return self->context;
}

/**
 * sitrep_roster_picker_set_context:
 * @self: a #SitrepRosterPicker
 * @context: (nullable): the context whose store to read the roster from
 *
 * Sets the context; the roster is read now and each time the popover
 * opens.
 */
void
sitrep_roster_picker_set_context (SitrepRosterPicker *self,
                                  SitrepContext      *context)
{
  g_return_if_fail (SITREP_IS_ROSTER_PICKER (self));
  g_return_if_fail (context == NULL || SITREP_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;

  sitrep_roster_picker_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * sitrep_roster_picker_set_roles:
 * @self: a #SitrepRosterPicker
 * @roles: (array length=n_roles) (nullable): the roles to offer
 * @n_roles: the length of @roles; 0 offers every role
 *
 * Narrows the list to contacts in one of @roles, e.g. the O&M team and
 * developers for a picker of the team an incident is assigned to.
 */
void
sitrep_roster_picker_set_roles (SitrepRosterPicker *self,
                                const SitrepRole   *roles,
                                guint               n_roles)
{
  g_return_if_fail (SITREP_IS_ROSTER_PICKER (self));
  g_return_if_fail (roles != NULL || n_roles == 0);

  self->role_mask = 0;
  for (guint i = 0; i < n_roles; i++)
    {
      g_return_if_fail (roles[i] < 32);
      self->role_mask |= 1u << roles[i];
    }

  sitrep_roster_picker_reload (self);
}

static void
roster_read_cb (gpointer      result,
                const GError *error,
                gpointer      user_data)
{
  SitrepRosterPicker *self = user_data;
  GPtrArray *contacts = result;

  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  self->contacts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    {
      SitrepContact *contact = g_ptr_array_index (contacts, i);

      if (role_allowed (self, sitrep_contact_get_role (contact)))
        g_ptr_array_add (self->contacts, g_object_ref (contact));
    }

  fill_list (self);
  if (error != NULL)
    gtk_label_set_text (self->placeholder, error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONTACTS]);
}

/**
 * sitrep_roster_picker_reload:
 * @self: a #SitrepRosterPicker
 *
 * Reads the roster again, where the context reads: at once from a desk's
 * file, on the worker from a team database (the list shows the roster
 * read before until then). A roster that cannot be read shows why in
 * place of the list.
 */
void
sitrep_roster_picker_reload (SitrepRosterPicker *self)
{
  g_return_if_fail (SITREP_IS_ROSTER_PICKER (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->context == NULL || sitrep_context_get_store (self->context) == NULL)
    {
      roster_read_cb (NULL, NULL, self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  sitrep_context_read_contacts (self->context, self->cancellable, roster_read_cb, self);
}

/**
 * sitrep_roster_picker_get_n_contacts:
 * @self: a #SitrepRosterPicker
 *
 * Returns: how many contacts the picker offers (in the roles it offers)
 */
guint
sitrep_roster_picker_get_n_contacts (SitrepRosterPicker *self)
{
  g_return_val_if_fail (SITREP_IS_ROSTER_PICKER (self), 0);

  return self->contacts != NULL ? self->contacts->len : 0;
}

/**
 * sitrep_roster_picker_get_n_matches:
 * @self: a #SitrepRosterPicker
 *
 * Returns: how many contacts the current search lets through
 */
guint
sitrep_roster_picker_get_n_matches (SitrepRosterPicker *self)
{
  g_return_val_if_fail (SITREP_IS_ROSTER_PICKER (self), 0);

  return self->n_matches;
}

/**
 * sitrep_roster_picker_get_search_entry:
 * @self: a #SitrepRosterPicker
 *
 * Returns: (transfer none): the search entry, e.g. to set a placeholder
 *   that names what is picked
 */
GtkEditable *
sitrep_roster_picker_get_search_entry (SitrepRosterPicker *self)
{
  g_return_val_if_fail (SITREP_IS_ROSTER_PICKER (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}
