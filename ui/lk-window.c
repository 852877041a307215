/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window: sidebar sections, the idle lock, log-out. */
#include "config.h"

#include "lk-assessment-page.h"
#include "lk-audit-events-view.h"
#include "lk-audit-page.h"
#include "lk-cases-page.h"
#include "lk-competency-page.h"
#include "lk-training-page.h"
#include "lk-galleries-page.h"
#include "lk-policy-page.h"
#include "lk-retention-page.h"
#include "lk-stats-page.h"
#include "lk-preferences-window.h"
#include "lk-ui-util.h"
#include "lk-users-page.h"
#include "lk-verifications-page.h"
#include "lk-window.h"

#define MAX_IDLE_SECONDS (30 * 60)

struct _LkWindow
{
  AdwApplicationWindow  parent_instance;

  LkSession            *session;
  GSettings            *settings;
  GCancellable         *cancellable;
  gint64                last_activity;
  guint                 idle_seconds;
  guint                 idle_source;
  gboolean              ended;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *lock_stack;
  GtkLabel             *demo_banner;
  AdwLeaflet           *leaflet;
  AdwWindowTitle       *sidebar_title;
  GtkListBox           *sidebar;
  GtkWidget            *content;
  AdwWindowTitle       *content_title;
  GtkStack             *pages;
  LkCasesPage          *cases_page;
  LkUsersPage          *users_page;
  LkAuditPage          *audit_page;
  LkAuditEventsView    *events_view;
  LkRetentionPage      *retention_page;
  LkAssessmentPage     *assessment_page;
  LkStatsPage          *stats_page;
  GtkStack             *admin_stack;
  LkGalleriesPage      *galleries_page;
  LkPolicyPage         *policy_page;
  LkVerificationsPage  *verifications_page;
  LkCompetencyPage     *competency_page;
  LkTrainingPage       *training_page;
  AdwToast             *returns_toast;    /* weak: the notice of returns, while shown */
  AdwToast             *connection_toast; /* weak: "connection lost", while shown */
  GtkLabel             *waiting_badge;    /* on the Verification row of the sidebar */
  guint                 refresh_id;
  guint                 pending_topics;   /* Topic flags changed elsewhere, not yet shown */
  AdwStatusPage        *lock_status;
  AdwPasswordEntryRow  *unlock_row;
  GtkLabel             *unlock_message;
  GtkButton            *unlock_button;
};

/* What LkStore::changed says changed elsewhere. */
typedef enum
{
  TOPIC_CASE = 1 << 0,
  TOPIC_VERIFICATION = 1 << 1,
  TOPIC_CONCLUSION = 1 << 2,
} Topic;

/* Changes elsewhere come in bursts (one action touches several tables): they are shown together
 * this long after the first, well within the second a workstation has to learn of them. */
#define REFRESH_DELAY_MS 150

enum {
  PROP_0,
  PROP_IDLE_SECONDS,
  N_PROPS
};

enum {
  LOGGED_OUT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkWindow, lk_window, ADW_TYPE_APPLICATION_WINDOW)

LkSession *
lk_window_get_session (LkWindow *self)
{
  g_return_val_if_fail (LK_IS_WINDOW (self), NULL);
  return self->session;
}

/* ---- sections ------------------------------------------------------------------------- */

/* Administration for administrators; Verification for those who verify or submit work. */
static gboolean
page_allowed (LkWindow   *self,
              const char *name)
{
  if (g_str_equal (name, "administration"))
    return lk_session_has_role (self->session, LK_ROLE_ADMINISTRATOR);
  if (g_str_equal (name, "verification"))
    return lk_session_has_role (self->session, LK_ROLE_REVIEWER | LK_ROLE_EXAMINER);
  /* Casework is not for accounts that only train or are trained. */
  if (g_str_equal (name, "cases"))
    return lk_session_has_role (self->session, LK_CASEWORK_ROLES);
  return TRUE;
}

/* Within Cases, the header names the case, probe or list shown. */
static void
on_cases_title (LkWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->pages), "cases") == 0)
    adw_window_title_set_title (self->content_title, lk_cases_page_get_title (self->cases_page));
}

void
lk_window_show_page (LkWindow   *self,
                     const char *name)
{
  GtkStackPage *page;

  g_return_if_fail (LK_IS_WINDOW (self));

  if (!page_allowed (self, name))
    return;
  /* The notice of returns has done its work once the Verification section is open. */
  if (g_str_equal (name, "verification") && self->returns_toast != NULL)
    adw_toast_dismiss (self->returns_toast);
  gtk_stack_set_visible_child_name (self->pages, name);
  page = gtk_stack_get_page (self->pages, gtk_stack_get_visible_child (self->pages));
  adw_window_title_set_title (self->content_title,
                              g_str_equal (name, "cases")
                              ? lk_cases_page_get_title (self->cases_page)
                              : gtk_stack_page_get_title (page));
  adw_leaflet_set_visible_child (self->leaflet, self->content);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));
}

static void
on_sidebar_activated (LkWindow      *self,
                      GtkListBoxRow *row)
{
  lk_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
on_back_clicked (LkWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static GtkWidget *
sidebar_row_new (GtkStackPage *page,
                 GtkWidget    *badge)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                  "icon-name", gtk_stack_page_get_icon_name (page),
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  NULL);

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), gtk_label_new (gtk_stack_page_get_title (page)));
  if (badge != NULL)
    gtk_box_append (GTK_BOX (box), badge);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, gtk_stack_page_get_name (page));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_stack_page_get_title (page), -1);
  return row;
}

static void
build_sidebar (LkWindow *self)
{
  g_autoptr(GListModel) pages = G_LIST_MODEL (gtk_stack_get_pages (self->pages));

  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (pages, i);
      GtkStackPage *page = GTK_STACK_PAGE (item);

      GtkWidget *badge = NULL;

      if (!page_allowed (self, gtk_stack_page_get_name (page)))
        continue;
      if (g_str_equal (gtk_stack_page_get_name (page), "verification"))
        {
          badge = g_object_new (GTK_TYPE_LABEL, "visible", FALSE, "hexpand", TRUE,
                                "halign", GTK_ALIGN_END, "css-classes",
                                (const char *[]) { "lk-badge", "numeric", NULL }, NULL);
          self->waiting_badge = GTK_LABEL (badge);
        }
      gtk_list_box_append (self->sidebar, sidebar_row_new (page, badge));
    }
}

/* ---- changes made elsewhere ---------------------------------------------------------------- */

/* The Verification row counts what waits for the reviewer, and says so to a screen reader. */
static void
update_waiting_badge (LkWindow *self)
{
  guint n = lk_verifications_page_get_n_waiting (self->verifications_page);
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *label = n == 0 ? g_strdup ("Verification")
                                  : g_strdup_printf (n == 1 ? "Verification, %u item waiting"
                                                            : "Verification, %u items waiting",
                                                     n);
  GtkWidget *row;

  if (self->waiting_badge == NULL)
    return;
  gtk_label_set_text (self->waiting_badge, count);
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_badge), n > 0);
  row = gtk_widget_get_ancestor (GTK_WIDGET (self->waiting_badge), GTK_TYPE_LIST_BOX_ROW);
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
}

static gboolean
refresh_pages (gpointer data)
{
  LkWindow *self = data;
  guint topics = self->pending_topics;

  self->refresh_id = 0;
  /* Nothing is read for a locked session: it is shown once the user is back. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->lock_stack), "locked") == 0)
    return G_SOURCE_REMOVE;
  self->pending_topics = 0;
  if (page_allowed (self, "cases"))
    lk_cases_page_refresh (self->cases_page,
                           (topics & ~TOPIC_CASE) != 0 ? "conclusion" : "case");
  if (page_allowed (self, "verification") && (topics & ~TOPIC_CASE) != 0)
    lk_verifications_page_refresh (self->verifications_page);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (LkWindow *self,
                  guint     topics)
{
  self->pending_topics |= topics;
  if (self->refresh_id == 0 && self->pending_topics != 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_pages, self);
}

static void
tell_connection (LkWindow *self,
                 gboolean  lost)
{
  AdwToast *toast;

  if (lost && self->connection_toast != NULL)
    return;
  if (self->connection_toast != NULL)
    adw_toast_dismiss (self->connection_toast);
  if (!lost && self->connection_toast == NULL)
    return; /* a reconnection nobody was told was needed */
  toast = lk_toast_new (lost ? "The connection to the database server was lost. Changes made "
                               "elsewhere are not shown until it is back; Likeness keeps trying."
                             : "Connected to the database server again");
  if (lost)
    {
      adw_toast_set_timeout (toast, 0);
      self->connection_toast = toast;
      g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->connection_toast);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_store_changed (LkWindow   *self,
                  const char *topic)
{
  if (g_str_equal (topic, "connection-lost"))
    tell_connection (self, TRUE);
  else if (g_str_equal (topic, "connection"))
    {
      tell_connection (self, FALSE);
      /* What changed while the notices could not arrive. */
      schedule_refresh (self, TOPIC_CASE | TOPIC_VERIFICATION | TOPIC_CONCLUSION);
    }
  else if (g_str_equal (topic, "case"))
    schedule_refresh (self, TOPIC_CASE);
  else if (g_str_equal (topic, "verification"))
    schedule_refresh (self, TOPIC_VERIFICATION);
  else if (g_str_equal (topic, "conclusion"))
    schedule_refresh (self, TOPIC_CONCLUSION);
}

static void
watch_changes (LkWindow *self,
               LkStore  *store)
{
  g_autoptr(GError) error = NULL;

  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->verifications_page, "notify::n-waiting",
                           G_CALLBACK (update_waiting_badge), self, G_CONNECT_SWAPPED);
  update_waiting_badge (self);
  if (!lk_store_watch_changes (store, &error))
    {
      g_autofree char *text = g_strdup_printf ("Changes made on other workstations are not "
                                               "shown by themselves: %s", error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, lk_toast_new (text));
    }
}

/* ---- idle lock --------------------------------------------------------------------------- */

static void
show_locked (LkWindow *self)
{
  g_autofree char *text =
    g_strdup_printf ("Locked after a period without activity. Enter the password of %s "
                     "to continue, or log out.", lk_session_get_user_name (self->session));

  adw_status_page_set_description (self->lock_status, text);
  gtk_editable_set_text (GTK_EDITABLE (self->unlock_row), "");
  lk_label_set_message (self->unlock_message, NULL);
  gtk_stack_set_visible_child_name (self->lock_stack, "locked");
  gtk_widget_grab_focus (GTK_WIDGET (self->unlock_row));
}

static void
lock_session (LkWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (lk_session_get_locked (self->session))
    return;
  /* Hide the work first: even if the audit write fails, nothing stays on screen. */
  show_locked (self);
  if (!lk_session_lock (self->session, &error))
    lk_label_set_message (self->unlock_message, error->message);
}

static gboolean
check_idle (gpointer user_data)
{
  LkWindow *self = user_data;
  gint64 idle = (g_get_monotonic_time () - self->last_activity) / G_USEC_PER_SEC;

  if (idle >= self->idle_seconds && !lk_session_get_locked (self->session))
    lock_session (self);
  return G_SOURCE_CONTINUE;
}

guint
lk_window_get_idle_seconds (LkWindow *self)
{
  g_return_val_if_fail (LK_IS_WINDOW (self), 0);
  return self->idle_seconds;
}

void
lk_window_set_idle_seconds (LkWindow *self,
                            guint     seconds)
{
  g_return_if_fail (LK_IS_WINDOW (self));

  seconds = CLAMP (seconds, 1, MAX_IDLE_SECONDS);
  if (seconds == self->idle_seconds)
    return;
  self->idle_seconds = seconds;
  g_clear_handle_id (&self->idle_source, g_source_remove);
  self->idle_source = g_timeout_add_seconds (MIN (seconds, 5), check_idle, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_SECONDS]);
}

/* The user's choice, within the agency's limit. A limit that cannot be read is not taken for
 * the default: the session then locks at the shortest limit the policy allows, and says why. */
static void
on_idle_setting_changed (LkWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 limit = G_MAXINT;

  if (self->session != NULL &&
      !lk_policy_get_int (lk_session_get_store (self->session), "idle_lock_max_minutes", &limit,
                          &error))
    {
      g_autofree char *text = g_strdup_printf ("The agency's idle-lock limit could not be read "
                                               "(%s): the session locks after a minute without "
                                               "input", error->message);

      limit = (gint64) lk_policy_key_lookup ("idle_lock_max_minutes")->min;
      lk_toast (GTK_WIDGET (self), text);
    }
  lk_window_set_idle_seconds (self, 60 * MIN (g_settings_get_int (self->settings,
                                                                  "idle-lock-minutes"), limit));
}

static gboolean
on_any_event (LkWindow *self)
{
  self->last_activity = g_get_monotonic_time ();
  return GDK_EVENT_PROPAGATE;
}

static void
on_unlocked (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->ended)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button), TRUE);
  if (lk_session_unlock_finish (result, &error))
    {
      self->last_activity = g_get_monotonic_time ();
      gtk_stack_set_visible_child_name (self->lock_stack, "work");
      schedule_refresh (self, 0);
      return;
    }
  if (g_error_matches (error, LK_ERROR, LK_ERROR_ACCOUNT_LOCKED) ||
      g_error_matches (error, LK_ERROR, LK_ERROR_ACCOUNT_DISABLED))
    {
      self->ended = TRUE;
      g_signal_emit (self, signals[LOGGED_OUT], 0, error->message);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  lk_label_set_message (self->unlock_message, error->message);
  gtk_editable_set_text (GTK_EDITABLE (self->unlock_row), "");
}

static void
on_unlock (LkWindow *self)
{
  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->unlock_button)))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button), FALSE);
  lk_session_unlock_async (self->session, gtk_editable_get_text (GTK_EDITABLE (self->unlock_row)),
                           self->cancellable, on_unlocked, g_object_ref (self));
}

/* ---- actions ----------------------------------------------------------------------------- */

static void
end_session (LkWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->ended)
    return;
  self->ended = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (!lk_session_log_out (self->session, &error))
    g_warning ("Could not record the log-out: %s", error->message);
}

static void
log_out (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  LkWindow *self = LK_WINDOW (widget);

  end_session (self);
  g_signal_emit (self, signals[LOGGED_OUT], 0, NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lock_session (LK_WINDOW (widget));
}

static void
show_preferences (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LkWindow *self = LK_WINDOW (widget);
  LkPreferencesWindow *prefs;

  if (lk_session_get_locked (self->session))
    return;
  prefs = lk_preferences_window_new (self->session);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LkWindow *self = LK_WINDOW (widget);

  if (!lk_session_get_locked (self->session))
    lk_window_show_page (self, g_variant_get_string (parameter, NULL));
}

/* A case page's link to its own events in the audit trail (administrators). */
static void
show_case_events_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LkWindow *self = LK_WINDOW (widget);

  if (lk_session_get_locked (self->session) || !page_allowed (self, "administration"))
    return;
  lk_window_show_page (self, "administration");
  gtk_stack_set_visible_child_name (self->admin_stack, "events");
  lk_audit_events_view_show_case (self->events_view, g_variant_get_string (parameter, NULL));
}

static gboolean
lk_window_close_request (GtkWindow *window)
{
  end_session (LK_WINDOW (window));
  return GTK_WINDOW_CLASS (lk_window_parent_class)->close_request (window);
}

/* ---- object ------------------------------------------------------------------------------ */

static void
lk_window_dispose (GObject *object)
{
  LkWindow *self = LK_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->connection_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->connection_toast),
                                  (gpointer *) &self->connection_toast);
  self->connection_toast = NULL;
  if (self->returns_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->returns_toast),
                                  (gpointer *) &self->returns_toast);
  self->returns_toast = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_WINDOW);
  G_OBJECT_CLASS (lk_window_parent_class)->dispose (object);
}

static void
lk_window_finalize (GObject *object)
{
  LkWindow *self = LK_WINDOW (object);

  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (lk_window_parent_class)->finalize (object);
}

static void
lk_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LkWindow *self = LK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_IDLE_SECONDS:
      g_value_set_uint (value, self->idle_seconds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LkWindow *self = LK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_IDLE_SECONDS:
      lk_window_set_idle_seconds (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_page_shortcut (GtkWidgetClass *widget_class,
                   guint           key,
                   const char     *page)
{
  gtk_widget_class_add_binding_action (widget_class, key, GDK_ALT_MASK, "win.show-page", "s",
                                       page);
}

static void
lk_window_class_init (LkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_window_dispose;
  object_class->finalize = lk_window_finalize;
  object_class->get_property = lk_window_get_property;
  object_class->set_property = lk_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = lk_window_close_request;

  properties[PROP_IDLE_SECONDS] =
    g_param_spec_uint ("idle-seconds", NULL, NULL, 1, MAX_IDLE_SECONDS, 15 * 60,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOGGED_OUT] = g_signal_new ("logged-out", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (LK_TYPE_CASES_PAGE);
  g_type_ensure (LK_TYPE_USERS_PAGE);
  g_type_ensure (LK_TYPE_AUDIT_PAGE);
  g_type_ensure (LK_TYPE_AUDIT_EVENTS_VIEW);
  g_type_ensure (LK_TYPE_RETENTION_PAGE);
  g_type_ensure (LK_TYPE_ASSESSMENT_PAGE);
  g_type_ensure (LK_TYPE_STATS_PAGE);
  g_type_ensure (LK_TYPE_GALLERIES_PAGE);
  g_type_ensure (LK_TYPE_POLICY_PAGE);
  g_type_ensure (LK_TYPE_VERIFICATIONS_PAGE);
  g_type_ensure (LK_TYPE_COMPETENCY_PAGE);
  g_type_ensure (LK_TYPE_TRAINING_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, LK_RESOURCE_PATH "/lk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, lock_stack);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, demo_banner);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, content);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, cases_page);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, users_page);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, audit_page);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, events_view);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, retention_page);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, assessment_page);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, stats_page);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, admin_stack);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, galleries_page);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, policy_page);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, verifications_page);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, competency_page);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, training_page);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, lock_status);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, unlock_row);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, unlock_message);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, unlock_button);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_unlock);

  gtk_widget_class_install_action (widget_class, "win.log-out", NULL, log_out);
  gtk_widget_class_install_action (widget_class, "win.lock-session", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, show_preferences);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-case-events", "s",
                                   show_case_events_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.lock-session", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  add_page_shortcut (widget_class, GDK_KEY_1, "cases");
  add_page_shortcut (widget_class, GDK_KEY_2, "verification");
  add_page_shortcut (widget_class, GDK_KEY_3, "training");
  add_page_shortcut (widget_class, GDK_KEY_4, "administration");
}

static void
lk_window_init (LkWindow *self)
{
  GtkEventController *activity = gtk_event_controller_legacy_new ();

  self->cancellable = g_cancellable_new ();
  self->last_activity = g_get_monotonic_time ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->cases_page, "notify::title", G_CALLBACK (on_cases_title), self,
                           G_CONNECT_SWAPPED);
  lk_fix_button_names (GTK_WIDGET (self));
  lk_label_stack_pages (self->pages);
  lk_label_stack_pages (self->admin_stack);
  lk_label_stack_pages (self->lock_stack);

  /* Any input, seen before the widgets get it, counts as activity for the idle lock. */
  gtk_event_controller_set_propagation_phase (activity, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (activity, "event", G_CALLBACK (on_any_event), self);
  gtk_widget_add_controller (GTK_WIDGET (self), activity);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::idle-lock-minutes",
                           G_CALLBACK (on_idle_setting_changed), self, G_CONNECT_SWAPPED);
  on_idle_setting_changed (self);
}

/* Administrators start at Administration, reviewers at their verifications, trainers and
 * trainees at Training, others at Cases. */
static const char *
first_page (LkSession *session)
{
  if (!lk_session_has_role (session, LK_CASEWORK_ROLES))
    return "training";
  if (lk_session_has_role (session, LK_ROLE_ADMINISTRATOR))
    return "administration";
  if (lk_session_has_role (session, LK_ROLE_REVIEWER) &&
      !lk_session_has_role (session, LK_ROLE_EXAMINER))
    return "verification";
  return "cases";
}

/* The newest return @user was told about, from the returns-seen setting (user -> time). */
static char *
returns_seen (GSettings  *settings,
              const char *user)
{
  g_autoptr(GVariant) seen = g_settings_get_value (settings, "returns-seen");
  const char *at = NULL;

  return g_variant_lookup (seen, user, "&s", &at) ? g_strdup (at) : NULL;
}

static void
set_returns_seen (GSettings  *settings,
                  const char *user,
                  const char *at)
{
  g_autoptr(GVariant) seen = g_settings_get_value (settings, "returns-seen");
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a{ss}"));
  GVariantIter iter;
  const char *name, *value;

  g_variant_iter_init (&iter, seen);
  while (g_variant_iter_next (&iter, "{&s&s}", &name, &value))
    if (!g_str_equal (name, user))
      g_variant_builder_add (builder, "{ss}", name, value);
  g_variant_builder_add (builder, "{ss}", user, at);
  g_settings_set_value (settings, "returns-seen", g_variant_builder_end (builder));
}

/* A notice when submitted work came back from verification since the user was last told. */
static void
tell_returns (LkWindow *self)
{
  const char *user = lk_session_get_user_name (self->session);
  g_autofree char *since = returns_seen (self->settings, user);
  g_autofree char *newest = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;
  guint n = lk_verifications_count_returned (self->session, since, &newest, &error);

  if (error != NULL)
    {
      text = g_strdup_printf ("Work returned from verification could not be counted: %s",
                              error->message);
      lk_toast (GTK_WIDGET (self), text);
      return;
    }
  if (n == 0)
    return;
  text = g_strdup_printf (n == 1 ? "%u examination came back from verification"
                                 : "%u examinations came back from verification", n);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, "_Show");
  adw_toast_set_action_name (toast, "win.show-page");
  adw_toast_set_action_target_value (toast, g_variant_new_string ("verification"));
  adw_toast_set_timeout (toast, 0);
  self->returns_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->returns_toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  set_returns_seen (self->settings, user, newest);
}

LkWindow *
lk_window_new (GtkApplication *app,
               LkSession      *session)
{
  LkWindow *self = g_object_new (LK_TYPE_WINDOW, "application", app, NULL);
  g_autofree char *roles = lk_roles_to_label (lk_session_get_roles (session));
  g_autofree char *who = g_strdup_printf ("%s · %s", lk_session_get_display_name (session), roles);
  LkStore *store = lk_session_get_store (session);

  self->session = g_object_ref (session);
  adw_window_title_set_subtitle (self->sidebar_title, who);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_banner), lk_store_is_demo (store));
  if (lk_store_is_demo (store))
    gtk_window_set_title (GTK_WINDOW (self), "Likeness (demo workspace)");
  build_sidebar (self);
  lk_cases_page_set_session (self->cases_page, session);
  lk_users_page_set_session (self->users_page, session);
  lk_audit_page_set_session (self->audit_page, session);
  lk_galleries_page_set_session (self->galleries_page, session);
  lk_policy_page_set_session (self->policy_page, session);
  if (page_allowed (self, "verification"))
    lk_verifications_page_set_session (self->verifications_page, session);
  if (lk_session_has_role (session, LK_ROLE_ADMINISTRATOR))
    {
      lk_competency_page_set_session (self->competency_page, session);
      lk_audit_events_view_set_session (self->events_view, session);
      lk_retention_page_set_session (self->retention_page, session);
      lk_assessment_page_set_session (self->assessment_page, session);
      lk_stats_page_set_session (self->stats_page, session);
    }
  lk_training_page_set_session (self->training_page, session);
  watch_changes (self, store);
  on_idle_setting_changed (self);
  lk_window_show_page (self, first_page (session));
  if (lk_session_has_role (session, LK_ROLE_EXAMINER))
    tell_returns (self);
  return self;
}
