/* sitrep-communication-view.c
 *
 * Copyright 2026 The Sitrep authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-communication-view-private.h"
#include "sitrep-notice.h"
#include "sitrep-sla.h"
#include "sitrep-time.h"
#include "sitrep-toast.h"

/*
 * The Communication section of the detail pane: the incident's
 * communication plan (initial notification, handling progress, fault
 * rectification, escalation), each notice with when it is due and whether
 * it was sent. "Draft" hands the notice to the mail client, "Copy as SMS"
 * puts its short text on the clipboard and "Mark as Sent" records it in the
 * timeline, which resets the progress clock. The phone call the plan asks
 * for is shown while it applies. A progress notice can carry the current
 * CAN report as its body, so that the hourly update says what the bridge
 * call knows.
 */

struct _SitrepCommunicationView
{
  AdwBin                parent_instance;

  SitrepContext        *context;
  gulong                read_only_id;

  /* As the incident view last read them: this view reads nothing itself. */
  SitrepIncident       *incident;
  GPtrArray            *timeline;
  SitrepPolicy         *policy;

  /* template children */
  AdwPreferencesGroup  *group;
  AdwActionRow         *phone_row;

  /* one row per notice, indexed by SitrepNoticeKind */
  AdwActionRow         *rows[SITREP_N_NOTICES];
  GtkWidget            *draft_buttons[SITREP_N_NOTICES];
  GtkWidget            *sms_buttons[SITREP_N_NOTICES];
  GtkWidget            *sent_buttons[SITREP_N_NOTICES];

  /* "With CAN report" on the progress notice's row. It follows whether
   * the bridge log has tagged entries until the user sets it; their
   * choice holds while the same incident is shown. */
  GtkWidget            *can_check;
  gint64                can_check_incident;
  gboolean              can_check_chosen;
  gboolean              setting_can_check;

  GCancellable         *cancellable;   /* drafts being read for an action */
  GPtrArray            *contacts;      /* the roster, as last read */
  GCancellable         *contacts_cancellable;
  gulong                contacts_id;
};

G_DEFINE_FINAL_TYPE (SitrepCommunicationView, sitrep_communication_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (SitrepCommunicationView *self);

static void
show_toast (SitrepCommunicationView *self,
            const char              *text)
{
  sitrep_toast_show (GTK_WIDGET (self), text, 5);
}

/* What is being done, for the notice: the latest timeline entry tagged
 * "action". */
static char *
dup_latest_action (SitrepCommunicationView *self)
{
  GPtrArray *entries = self->timeline;
  SitrepTimelineEntry *latest = NULL;

  if (entries == NULL)
    return NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (entries, i);

      if (sitrep_timeline_entry_get_tag (entry) != SITREP_TAG_ACTION)
        continue;
      if (latest == NULL ||
          sitrep_timeline_entry_get_occurred_at (entry) >=
          sitrep_timeline_entry_get_occurred_at (latest))
        latest = entry;
    }

  return latest != NULL ? g_strdup (sitrep_timeline_entry_get_text (latest)) : NULL;
}

static gboolean
has_tagged_entry (SitrepCommunicationView *self)
{
  if (self->timeline == NULL)
    return FALSE;

  for (guint i = 0; i < self->timeline->len; i++)
    {
      SitrepTimelineEntry *entry = g_ptr_array_index (self->timeline, i);

      if (sitrep_timeline_entry_get_tag (entry) != SITREP_TAG_NONE)
        return TRUE;
    }

  return FALSE;
}

/* What a notice is drafted from; the roster, and for a CAN report the
 * incident's entries, are read with the store the draft is built on. */
typedef struct
{
  SitrepIncident   *incident;        /* a copy of the one on show */
  SitrepNoticeKind  kind;
  gboolean          with_can;
  SitrepPolicy     *policy;
  char             *latest_action;
  gint64            now;
} DraftJob;

static void
draft_job_free (gpointer data)
{
  DraftJob *job = data;

  g_clear_object (&job->incident);
  g_clear_object (&job->policy);
  g_free (job->latest_action);
  g_free (job);
}

/* Runs where sitrep_context_read() runs it: uses @store and @data only. */
static gpointer
build_draft (SitrepStore   *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  DraftJob *job = data;
  g_autoptr(GPtrArray) contacts = NULL;

  /* The roster is a handful of people, read when a notice is drafted. */
  contacts = sitrep_store_list_contacts (store, error);
  if (contacts == NULL)
    return NULL;

  /* The CAN report is drafted from this one incident's stored entries,
   * as the report dialog does. */
  if (job->with_can)
    return sitrep_notice_draft_new_progress_with_can (store,
                                                      sitrep_incident_get_id (job->incident),
                                                      contacts, job->now, error);

  return sitrep_notice_draft_new (job->incident, job->kind, contacts, job->policy,
                                  job->latest_action, job->now);
}

/* The draft of notice @kind of the incident on show, or %NULL when none
 * is shown. */
static DraftJob *
new_draft_job (SitrepCommunicationView *self,
               int                      kind)
{
  DraftJob *job;

  if (kind < 0 || kind >= SITREP_N_NOTICES || self->incident == NULL || self->context == NULL
      || self->policy == NULL)
    return NULL;

  job = g_new0 (DraftJob, 1);
  job->incident = sitrep_incident_copy (self->incident);
  job->kind = kind;
  job->with_can = kind == SITREP_NOTICE_PROGRESS
                  && gtk_widget_get_visible (self->can_check)
                  && gtk_check_button_get_active (GTK_CHECK_BUTTON (self->can_check));
  job->policy = sitrep_policy_copy (self->policy);
  job->latest_action = dup_latest_action (self);
  job->now = sitrep_context_get_now (self->context);

  return job;
}

/**
 * _sitrep_communication_view_create_draft:
 * @self: a #SitrepCommunicationView
 * @kind: the notice
 *
 * Drafts the notice @kind of the shown incident as its Draft button
 * would hand it to the mail client, reading the store on this thread.
 *
 * Returns: (transfer full) (nullable): the draft, or %NULL when no
 *   incident is shown or it cannot be read
 */
SitrepNoticeDraft *
_sitrep_communication_view_create_draft (SitrepCommunicationView *self,
                                         SitrepNoticeKind         kind)
{
  DraftJob *job;
  SitrepNoticeDraft *draft;

  g_return_val_if_fail (SITREP_IS_COMMUNICATION_VIEW (self), NULL);

  job = new_draft_job (self, kind);
  if (job == NULL)
    return NULL;

  draft = build_draft (sitrep_context_get_store (self->context), job, NULL, NULL);
  draft_job_free (job);
  return draft;
}

/**
 * _sitrep_communication_view_get_can_check:
 * @self: a #SitrepCommunicationView
 *
 * Returns: (transfer none): the progress notice's "With CAN report" check
 */
GtkWidget *
_sitrep_communication_view_get_can_check (SitrepCommunicationView *self)
{
  g_return_val_if_fail (SITREP_IS_COMMUNICATION_VIEW (self), NULL);

  return self->can_check;
}

static char *
describe_notice (const SitrepNotice *notice,
                 int                 level,
                 gboolean            has_plan,
                 gint64              now)
{
  g_autofree char *when = NULL;
  g_autofree char *duration = NULL;

  if (!has_plan)
    /* Translators: %d is the incident's level */
    return g_strdup_printf (_("Not applicable for level %d"), level);

  switch (notice->state)
    {
    case SITREP_NOTICE_STATE_PENDING:
      duration = sitrep_time_format_duration (notice->due - now);
      when = sitrep_time_format_local (notice->due);
      /* Translators: the first %s is a duration ("12 min"), the second a time */
      return g_strdup_printf (_("Due in %s, at %s"), duration, when);

    case SITREP_NOTICE_STATE_OVERDUE:
      duration = sitrep_time_format_duration (now - notice->due);
      /* Translators: %s is a duration such as "5 min" */
      return g_strdup_printf (_("Overdue by %s"), duration);

    case SITREP_NOTICE_STATE_SENT:
      when = sitrep_time_format_local (notice->sent_at);
      /* Translators: %s is a date and time */
      return g_strdup_printf (_("Sent at %s"), when);

    case SITREP_NOTICE_STATE_NONE:
    default:
      break;
    }

  if (notice->sent_at != SITREP_TIME_NONE)
    {
      when = sitrep_time_format_local (notice->sent_at);
      /* Translators: %s is a date and time */
      return g_strdup_printf (_("Last sent at %s"), when);
    }

  switch (notice->kind)
    {
    case SITREP_NOTICE_PROGRESS:      return g_strdup (_("Until the service is recovered"));
    case SITREP_NOTICE_RECTIFICATION: return g_strdup (_("When the service is recovered"));
    case SITREP_NOTICE_ESCALATION:    return g_strdup (_("When a deadline is breached"));
    case SITREP_NOTICE_INITIAL:
    default:                          return g_strdup (_("Not due"));
    }
}

/* Row titles and subtitles are markup: names such as "R&D" must not be. */
static void
set_row_subtitle (AdwActionRow *row,
                  const char   *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  adw_action_row_set_subtitle (row, markup);
}

static void
set_row_insensitive (SitrepCommunicationView *self,
                     guint                    kind)
{
  gtk_widget_set_sensitive (self->draft_buttons[kind], FALSE);
  gtk_widget_set_sensitive (self->sms_buttons[kind], FALSE);
  gtk_widget_set_sensitive (self->sent_buttons[kind], FALSE);
}

static void
refresh (SitrepCommunicationView *self)
{
  SitrepIncident *incident = self->incident;
  SitrepPolicy *policy = self->policy;
  SitrepNotice notices[SITREP_N_NOTICES];
  gboolean read_only;
  gboolean has_plan;
  gboolean phone_shown = FALSE;
  gint64 now;
  int level;

  if (self->context == NULL || policy == NULL)
    incident = NULL;
  gtk_widget_set_visible (GTK_WIDGET (self), incident != NULL);
  if (incident == NULL)
    {
      for (guint i = 0; i < SITREP_N_NOTICES; i++)
        set_row_insensitive (self, i);
      gtk_widget_set_visible (GTK_WIDGET (self->phone_row), FALSE);
      return;
    }

  now = sitrep_context_get_now (self->context);
  level = sitrep_incident_get_level (incident);
  has_plan = sitrep_policy_get_minutes (policy, level, SITREP_POLICY_WINDOW_INITIAL_NOTICE) > 0;
  read_only = sitrep_context_get_read_only (self->context);

  sitrep_sla_compute_notices (incident, policy, now, notices);

  for (guint i = 0; i < SITREP_N_NOTICES; i++)
    {
      const SitrepNotice *notice = &notices[i];
      g_autofree char *subtitle = describe_notice (notice, level, has_plan, now);
      gboolean applies = has_plan && notice->state != SITREP_NOTICE_STATE_NONE;
      gboolean owed = has_plan && (notice->state == SITREP_NOTICE_STATE_PENDING ||
                                   notice->state == SITREP_NOTICE_STATE_OVERDUE);

      set_row_subtitle (self->rows[i], subtitle);

      if (notice->state == SITREP_NOTICE_STATE_OVERDUE)
        gtk_widget_add_css_class (GTK_WIDGET (self->rows[i]), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->rows[i]), "error");

      gtk_widget_set_sensitive (self->draft_buttons[i], applies && !read_only);
      gtk_widget_set_sensitive (self->sms_buttons[i], applies && !read_only);
      gtk_widget_set_sensitive (self->sent_buttons[i], owed && !read_only);

      /* The plan asks for a phone call with the initial and the escalation
       * notices, while they are owed. */
      if (owed && !phone_shown &&
          (i == SITREP_NOTICE_INITIAL || i == SITREP_NOTICE_ESCALATION))
        {
          g_autoptr(SitrepNoticeDraft) draft = sitrep_notice_draft_new (incident, i,
                                                                        self->contacts, policy,
                                                                        NULL, now);
          const char *phone_line = sitrep_notice_draft_get_phone_line (draft);

          if (phone_line != NULL && phone_line[0] != '\0')
            {
              g_autofree char *markup = g_markup_escape_text (phone_line, -1);

              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->phone_row), markup);
              set_row_subtitle (self->phone_row, sitrep_notice_kind_to_label (i));
              phone_shown = TRUE;
            }
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->phone_row), phone_shown);

  /* Offered while progress notices are owed; checked at first when the
   * bridge log has tagged entries to report. */
  gtk_widget_set_visible (self->can_check,
                          has_plan && notices[SITREP_NOTICE_PROGRESS].state !=
                          SITREP_NOTICE_STATE_NONE);
  gtk_widget_set_sensitive (self->can_check, !read_only);
  if (self->can_check_incident != sitrep_incident_get_id (incident))
    {
      self->can_check_incident = sitrep_incident_get_id (incident);
      self->can_check_chosen = FALSE;
    }
  if (!self->can_check_chosen)
    {
      self->setting_can_check = TRUE;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->can_check), has_tagged_entry (self));
      self->setting_can_check = FALSE;
    }
}

static void
can_check_toggled_cb (SitrepCommunicationView *self)
{
  if (!self->setting_can_check)
    self->can_check_chosen = TRUE;
}

static void
read_only_changed_cb (SitrepCommunicationView *self)
{
  refresh (self);
}

/* What the user asked to do with a notice's draft. */
typedef enum
{
  DRAFT_TO_MAIL,
  DRAFT_TO_CLIPBOARD,
  DRAFT_MARK_SENT,
} DraftUse;

typedef struct
{
  SitrepCommunicationView *self;   /* its cancellable stops the read */
  DraftUse                 use;
  gint64                   id;
  gint64                   at;      /* when the user asked */
} DraftCall;

/* The record of a notice sent, on the store's terms. */
typedef struct
{
  gint64            id;
  SitrepNoticeKind  kind;
  gint64            sent_at;
  char             *author;
  char             *summary;
} SentNotice;

static void
sent_notice_free (gpointer data)
{
  SentNotice *sent = data;

  g_free (sent->author);
  g_free (sent->summary);
  g_free (sent);
}

static gboolean
write_sent_notice (SitrepStore  *store,
                   gpointer      data,
                   GError      **error)
{
  SentNotice *sent = data;

  return sitrep_store_record_notice (store, sent->id, sent->kind, sent->sent_at, sent->author,
                                     sent->summary, error);
}

static void
sent_notice_written_cb (GObject      *owner,
                        const GError *error,
                        gpointer      data)
{
  /* The incident view hears of the write and hands the new state down. */
  if (error != NULL)
    show_toast (SITREP_COMMUNICATION_VIEW (owner), error->message);
}

static void
draft_read_cb (gpointer      result,
               const GError *error,
               gpointer      user_data)
{
  DraftCall *call = user_data;
  SitrepCommunicationView *self = call->self;
  SitrepNoticeDraft *draft = result;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  SentNotice *sent;

  if (draft == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  switch (call->use)
    {
    case DRAFT_TO_MAIL:
      gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                    sitrep_notice_draft_get_mailto (draft), GDK_CURRENT_TIME);
      break;

    case DRAFT_TO_CLIPBOARD:
      gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                              sitrep_notice_draft_get_sms (draft));
      show_toast (self, _("SMS text copied"));
      break;

    case DRAFT_MARK_SENT:
    default:
      sent = g_new0 (SentNotice, 1);
      sent->id = call->id;
      sent->kind = sitrep_notice_draft_get_kind (draft);
      sent->sent_at = call->at;
      sent->author = g_strdup (sitrep_context_get_user_name (self->context));
      sent->summary = g_strdup (sitrep_notice_draft_get_summary (draft));
      sitrep_store_submit (sitrep_context_get_store (self->context), write_sent_notice, sent,
                           sent_notice_free, G_OBJECT (self), sent_notice_written_cb);
      break;
    }
}

/* Drafts notice @kind, reading the roster (and the CAN report) as the
 * context reads, then puts the draft to @use. */
static void
use_draft (SitrepCommunicationView *self,
           int                      kind,
           DraftUse                 use)
{
  g_autoptr(GError) error = NULL;
  DraftJob *job = new_draft_job (self, kind);
  DraftCall *call;

  if (job == NULL)
    return;
  if (use == DRAFT_MARK_SENT && !sitrep_context_check_writable (self->context, &error))
    {
      draft_job_free (job);
      show_toast (self, error->message);
      return;
    }

  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  call = g_new0 (DraftCall, 1);
  call->self = self;
  call->use = use;
  call->id = sitrep_incident_get_id (job->incident);
  call->at = job->now;
  sitrep_context_read (self->context, build_draft, job, draft_job_free, g_object_unref,
                       self->cancellable, draft_read_cb, call, g_free);
}

static void
draft_activated_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  use_draft (SITREP_COMMUNICATION_VIEW (widget), g_variant_get_int32 (parameter), DRAFT_TO_MAIL);
}

static void
copy_sms_activated_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  use_draft (SITREP_COMMUNICATION_VIEW (widget), g_variant_get_int32 (parameter),
             DRAFT_TO_CLIPBOARD);
}

static void
mark_sent_activated_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  use_draft (SITREP_COMMUNICATION_VIEW (widget), g_variant_get_int32 (parameter),
             DRAFT_MARK_SENT);
}

static GtkWidget *
create_button (const char *icon_name,
               const char *tooltip,
               const char *action_name,
               int         kind)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int32 (kind));

  return button;
}

static void
create_rows (SitrepCommunicationView *self)
{
  for (guint i = 0; i < SITREP_N_NOTICES; i++)
    {
      g_autofree char *title = g_markup_escape_text (sitrep_notice_kind_to_label (i), -1);
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

      self->draft_buttons[i] = create_button ("mail-send-symbolic", _("Draft"),
                                              "communication.draft", i);
      self->sms_buttons[i] = create_button ("edit-copy-symbolic", _("Copy as SMS"),
                                            "communication.copy-sms", i);
      self->sent_buttons[i] = create_button ("object-select-symbolic", _("Mark as Sent"),
                                             "communication.mark-sent", i);

      if (i == SITREP_NOTICE_PROGRESS)
        {
          self->can_check = gtk_check_button_new_with_mnemonic (_("With _CAN Report"));
          gtk_widget_set_tooltip_text (self->can_check,
                                       _("Use the current CAN report as the notice's body"));
          gtk_widget_set_valign (self->can_check, GTK_ALIGN_CENTER);
          g_signal_connect_object (self->can_check, "toggled",
                                   G_CALLBACK (can_check_toggled_cb), self,
                                   G_CONNECT_SWAPPED);
          adw_action_row_add_suffix (row, self->can_check);
        }

      adw_action_row_add_suffix (row, self->draft_buttons[i]);
      adw_action_row_add_suffix (row, self->sms_buttons[i]);
      adw_action_row_add_suffix (row, self->sent_buttons[i]);

      self->rows[i] = row;
      adw_preferences_group_add (self->group, GTK_WIDGET (row));
    }
}

static void
disconnect_context (SitrepCommunicationView *self)
{
  if (self->context != NULL)
    g_clear_signal_handler (&self->read_only_id, self->context);
  if (self->context != NULL && sitrep_context_get_store (self->context) != NULL)
    g_clear_signal_handler (&self->contacts_id, sitrep_context_get_store (self->context));
  if (self->contacts_cancellable != NULL)
    g_cancellable_cancel (self->contacts_cancellable);
  g_clear_object (&self->contacts_cancellable);
}

static void
contacts_read_cb (gpointer      result,
                  const GError *error,
                  gpointer      user_data)
{
  SitrepCommunicationView *self = user_data;

  /* A roster that cannot be read keeps the one read before. */
  if (result == NULL)
    {
      g_debug ("The roster was not read: %s", error->message);
      return;
    }

  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  self->contacts = g_ptr_array_ref (result);
  refresh (self);
}

/* The roster names whom to call; it is read when the view starts and
 * when it changes, not for every change of the incident. */
static void
read_contacts (SitrepCommunicationView *self)
{
  if (self->contacts_cancellable != NULL)
    g_cancellable_cancel (self->contacts_cancellable);
  g_clear_object (&self->contacts_cancellable);
  if (self->context == NULL || sitrep_context_get_store (self->context) == NULL)
    return;

  self->contacts_cancellable = g_cancellable_new ();
  sitrep_context_read_contacts (self->context, self->contacts_cancellable, contacts_read_cb,
                                self);
}

static void
sitrep_communication_view_map (GtkWidget *widget)
{
  SitrepCommunicationView *self = SITREP_COMMUNICATION_VIEW (widget);

  GTK_WIDGET_CLASS (sitrep_communication_view_parent_class)->map (widget);

  refresh (self);
}

static void
sitrep_communication_view_dispose (GObject *object)
{
  SitrepCommunicationView *self = SITREP_COMMUNICATION_VIEW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  disconnect_context (self);
  g_clear_object (&self->context);
  g_clear_object (&self->incident);
  g_clear_pointer (&self->timeline, g_ptr_array_unref);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_object (&self->policy);

  /* AdwBin unparents the template's child, the group with every row. */

  G_OBJECT_CLASS (sitrep_communication_view_parent_class)->dispose (object);
}

static void
sitrep_communication_view_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  SitrepCommunicationView *self = SITREP_COMMUNICATION_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_communication_view_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  SitrepCommunicationView *self = SITREP_COMMUNICATION_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      sitrep_communication_view_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_communication_view_class_init (SitrepCommunicationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_communication_view_dispose;
  object_class->get_property = sitrep_communication_view_get_property;
  object_class->set_property = sitrep_communication_view_set_property;

  widget_class->map = sitrep_communication_view_map;

  /**
   * SitrepCommunicationView:context:
   *
   * Where notices are recorded, by whom, and whether the user may.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         SITREP_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/ui/"
                                               "sitrep-communication-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepCommunicationView, group);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommunicationView, phone_row);

  gtk_widget_class_install_action (widget_class, "communication.draft", "i",
                                   draft_activated_cb);
  gtk_widget_class_install_action (widget_class, "communication.copy-sms", "i",
                                   copy_sms_activated_cb);
  gtk_widget_class_install_action (widget_class, "communication.mark-sent", "i",
                                   mark_sent_activated_cb);
}

static void
sitrep_communication_view_init (SitrepCommunicationView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  create_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * sitrep_communication_view_new:
 *
 * Returns: (transfer floating): a new, empty communication section
 */
GtkWidget *
sitrep_communication_view_new (void)
{
  return g_object_new (SITREP_TYPE_COMMUNICATION_VIEW, NULL);
}

/**
 * sitrep_communication_view_get_context:
 * @self: a #SitrepCommunicationView
 *
 * Returns: (transfer none) (nullable): the context
 */
SitrepContext *
sitrep_communication_view_get_context (SitrepCommunicationView *self)
{
  g_return_val_if_fail (SITREP_IS_COMMUNICATION_VIEW (self), NULL);

  return self->context;
}

/**
 * sitrep_communication_view_set_context:
 * @self: a #SitrepCommunicationView
 * @context: (nullable): where to record notices, and who does
 */
void
sitrep_communication_view_set_context (SitrepCommunicationView *self,
                                       SitrepContext           *context)
{
  g_return_if_fail (SITREP_IS_COMMUNICATION_VIEW (self));
  g_return_if_fail (context == NULL || SITREP_IS_CONTEXT (context));

  if (self->context == context)
    return;

  disconnect_context (self);
  g_set_object (&self->context, context);
  if (context != NULL)
    self->read_only_id = g_signal_connect_swapped (context, "notify::read-only",
                                                   G_CALLBACK (read_only_changed_cb), self);
  if (context != NULL && sitrep_context_get_store (context) != NULL)
    self->contacts_id = g_signal_connect_swapped (sitrep_context_get_store (context),
                                                  "contacts-changed",
                                                  G_CALLBACK (read_contacts), self);

  refresh (self);
  read_contacts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * sitrep_communication_view_show:
 * @self: a #SitrepCommunicationView
 * @incident: (nullable): the incident whose plan to show, or %NULL for none
 * @timeline: (nullable) (element-type SitrepTimelineEntry): its timeline
 * @policy: (nullable): the policy in force
 *
 * Shows the plan of @incident as its owner last read it; the view reads
 * nothing from the store itself, so one change is read once.
 */
void
sitrep_communication_view_show (SitrepCommunicationView *self,
                                SitrepIncident          *incident,
                                GPtrArray               *timeline,
                                SitrepPolicy            *policy)
{
  g_return_if_fail (SITREP_IS_COMMUNICATION_VIEW (self));
  g_return_if_fail (incident == NULL || SITREP_IS_INCIDENT (incident));

  g_set_object (&self->incident, incident);
  g_set_object (&self->policy, policy);
  if (timeline != NULL)
    g_ptr_array_ref (timeline);
  g_clear_pointer (&self->timeline, g_ptr_array_unref);
  self->timeline = timeline;

  refresh (self);
}

/**
 * sitrep_communication_view_refresh:
 * @self: a #SitrepCommunicationView
 *
 * Brings the notices' countdowns up to the store clock's now. The view
 * that holds this one calls it on its minute tick, so that one timer
 * drives every countdown on screen.
 */
void
sitrep_communication_view_refresh (SitrepCommunicationView *self)
{
  g_return_if_fail (SITREP_IS_COMMUNICATION_VIEW (self));

  refresh (self);
}
