/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Verification: the reviewer's queue and assigned work, the examiner's submitted work. */
#include "config.h"

#include "lk-ui-util.h"
#include "lk-verification-view.h"
#include "lk-verifications-page.h"
#include "lk-workspace.h"

struct _LkVerificationsPage
{
  AdwBin              parent_instance;

  LkSession          *session;

  GtkStack           *stack;
  GtkWidget          *mine_group;
  GtkListBox         *mine_list;
  GtkWidget          *queue_group;
  GtkListBox         *queue_list;
  GtkWidget          *done_group;
  GtkListBox         *done_list;
  GtkWidget          *submitted_group;
  GtkListBox         *submitted_list;
  GtkLabel           *error_label;
  AdwBin             *view_bin;
  AdwBin             *workspace_bin;
  guint               n_waiting;
};

enum {
  PROP_0,
  PROP_N_WAITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LkVerificationsPage, lk_verifications_page, ADW_TYPE_BIN)

/* ---- the lists ----------------------------------------------------------------------------- */

static char *
row_subtitle (LkVerification *v,
              gboolean        show_examiner)
{
  g_autofree char *submitted = lk_format_utc (lk_verification_get_submitted_at (v));

  return g_strdup_printf ("%s · %s · submitted %s%s%s",
                          lk_verification_get_blind (v) ? "Blind verification" : "Open review",
                          lk_verification_get_state_label (v), submitted,
                          show_examiner ? " by " : "",
                          show_examiner ? lk_verification_get_examiner (v) : "");
}

static GtkWidget *
take_button_new (LkVerification *v)
{
  g_autofree char *name = g_strdup_printf ("Take the verification of %s, candidate %s",
                                           lk_verification_get_case_number (v),
                                           lk_verification_get_subject_ref (v));
  GtkWidget *button = lk_mnemonic_button_new ("_Take", name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "verifications.take");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", lk_verification_get_id (v));
  gtk_widget_set_tooltip_text (button, name);
  return button;
}

static GtkWidget *
row_new (LkVerification *v,
         gboolean        queued,
         gboolean        show_examiner)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%s · candidate %s",
                                            lk_verification_get_case_number (v),
                                            lk_verification_get_subject_ref (v));
  g_autofree char *subtitle = row_subtitle (v, show_examiner);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (queued)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), take_button_new (v));
  else
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "verifications.open");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", lk_verification_get_id (v));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 g_object_new (GTK_TYPE_IMAGE,
                                               "icon-name", "go-next-symbolic",
                                               "accessible-role",
                                               GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL));
    }
  return row;
}

/* The rows only: the placeholder stays. */
static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, (int) n) != NULL)
    n++;
  return n;
}

/* What waits for the reviewer: the open verifications assigned to them and the queue. */
static void
update_waiting (LkVerificationsPage *self,
                gboolean             reviewer)
{
  guint n = reviewer ? count_rows (self->mine_list) + count_rows (self->queue_list) : 0;

  if (n == self->n_waiting)
    return;
  self->n_waiting = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WAITING]);
}

guint
lk_verifications_page_get_n_waiting (LkVerificationsPage *self)
{
  g_return_val_if_fail (LK_IS_VERIFICATIONS_PAGE (self), 0);
  return self->n_waiting;
}

/* Fills @list from the core's @filter; the placeholder says when it is empty. With @done, the
 * completed ones go there instead. */
static void
fill_list (LkVerificationsPage   *self,
           GtkListBox            *list,
           GtkListBox            *done,
           LkVerificationsFilter  filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = lk_verifications_list (self->session, filter, &error);
  guint n_done = 0;

  clear_list (list);
  if (done != NULL)
    clear_list (done);
  if (model == NULL)
    {
      lk_label_set_message (self->error_label, error->message);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LkVerification) v = g_list_model_get_item (model, i);
      gboolean closed = lk_verification_get_closed_at (v) != NULL;

      n_done += closed;
      gtk_list_box_append (done != NULL && closed ? done : list,
                           row_new (v, filter == LK_VERIFICATIONS_QUEUE,
                                    filter != LK_VERIFICATIONS_SUBMITTED));
    }
  if (done != NULL)
    gtk_widget_set_visible (self->done_group, n_done > 0);
}

void
lk_verifications_page_reload (LkVerificationsPage *self)
{
  gboolean reviewer, examiner;

  g_return_if_fail (LK_IS_VERIFICATIONS_PAGE (self));

  if (self->session == NULL)
    return;
  reviewer = lk_session_has_role (self->session, LK_ROLE_REVIEWER);
  examiner = lk_session_has_role (self->session, LK_ROLE_EXAMINER);
  lk_label_set_message (self->error_label, NULL);
  gtk_widget_set_visible (self->mine_group, reviewer);
  gtk_widget_set_visible (self->queue_group, reviewer);
  gtk_widget_set_visible (self->submitted_group, examiner);
  if (reviewer)
    {
      fill_list (self, self->mine_list, self->done_list, LK_VERIFICATIONS_MINE);
      fill_list (self, self->queue_list, NULL, LK_VERIFICATIONS_QUEUE);
    }
  else
    gtk_widget_set_visible (self->done_group, FALSE);
  if (examiner)
    fill_list (self, self->submitted_list, NULL, LK_VERIFICATIONS_SUBMITTED);
  update_waiting (self, reviewer);
}

/* Changed elsewhere: the lists, the verification and the examination shown are read again,
 * each list keeping its focused and selected row. */
void
lk_verifications_page_refresh (LkVerificationsPage *self)
{
  GtkListBox *lists[] = { self->mine_list, self->queue_list, self->done_list,
                          self->submitted_list };
  LkListPlace *places[G_N_ELEMENTS (lists)];
  GtkWidget *view, *workspace;

  g_return_if_fail (LK_IS_VERIFICATIONS_PAGE (self));
  if (self->session == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    places[i] = lk_list_place_save (lists[i]);
  lk_verifications_page_reload (self);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      lk_list_place_restore (places[i], lists[i]);
      lk_list_place_free (places[i]);
    }
  view = lk_verifications_page_get_view (self);
  if (view != NULL)
    lk_verification_view_reload (LK_VERIFICATION_VIEW (view));
  workspace = lk_verifications_page_get_workspace (self);
  if (workspace != NULL)
    lk_workspace_refresh (LK_WORKSPACE (workspace));
}

void
lk_verifications_page_set_session (LkVerificationsPage *self,
                                   LkSession           *session)
{
  g_return_if_fail (LK_IS_VERIFICATIONS_PAGE (self));

  if (g_set_object (&self->session, session))
    lk_verifications_page_reload (self);
}

guint
lk_verifications_count_returned (LkSession   *session,
                                 const char  *since,
                                 char       **newest,
                                 GError     **error)
{
  g_autoptr(GListModel) model = lk_verifications_list (session, LK_VERIFICATIONS_SUBMITTED,
                                                       error);
  g_autofree char *last = NULL;
  const char *latest = NULL;
  guint n = 0;

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LkVerification) v = g_list_model_get_item (model, i);
      const char *at = lk_verification_get_closed_at (v);

      if (g_strcmp0 (lk_verification_get_state (v), "returned") != 0 || at == NULL ||
          (since != NULL && g_strcmp0 (at, since) <= 0))
        continue;
      n++;
      if (g_strcmp0 (at, latest) > 0)
        {
          g_free (last);
          last = g_strdup (at);
          latest = last;
        }
    }
  if (newest != NULL)
    *newest = g_steal_pointer (&last);
  return n;
}

/* ---- navigation ---------------------------------------------------------------------------- */

GtkWidget *
lk_verifications_page_get_view (LkVerificationsPage *self)
{
  return adw_bin_get_child (self->view_bin);
}

GtkWidget *
lk_verifications_page_get_workspace (LkVerificationsPage *self)
{
  return adw_bin_get_child (self->workspace_bin);
}

static void
on_conclusion_signed (LkVerificationsPage *self)
{
  GtkWidget *view = lk_verifications_page_get_view (self);

  /* The comparison is the next step: back to the verification, now showing both opinions. */
  if (view != NULL)
    lk_verification_view_reload (LK_VERIFICATION_VIEW (view));
  lk_verifications_page_reload (self);
  gtk_stack_set_visible_child_name (self->stack, "verification");
  adw_bin_set_child (self->workspace_bin, NULL);
}

static void
open_examination (LkVerificationsPage *self,
                  gint64               examination_id)
{
  g_autoptr(GError) error = NULL;
  LkWorkspace *workspace = lk_workspace_new_for_examination (self->session, examination_id,
                                                             &error);

  if (workspace == NULL)
    {
      lk_show_error (GTK_WIDGET (self), "Your Examination Cannot Open", error->message);
      return;
    }
  /* A reviewer's next step after signing is the comparison; an examiner who amended stays to
   * submit again. */
  if (lk_workspace_get_reviewing (workspace))
    g_signal_connect_object (workspace, "conclusion-signed", G_CALLBACK (on_conclusion_signed),
                             self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->workspace_bin, GTK_WIDGET (workspace));
  gtk_stack_set_visible_child_name (self->stack, "workspace");
}

void
lk_verifications_page_open (LkVerificationsPage *self,
                            gint64               verification_id)
{
  g_autoptr(GError) error = NULL;
  LkVerificationView *view;

  g_return_if_fail (LK_IS_VERIFICATIONS_PAGE (self));

  view = lk_verification_view_new (self->session, verification_id, &error);
  if (view == NULL)
    {
      lk_show_error (GTK_WIDGET (self), "The Verification Cannot Open", error->message);
      return;
    }
  g_signal_connect_object (view, "open-examination", G_CALLBACK (open_examination), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "changed", G_CALLBACK (lk_verifications_page_reload), self,
                           G_CONNECT_SWAPPED);
  adw_bin_set_child (self->view_bin, GTK_WIDGET (view));
  gtk_stack_set_visible_child_name (self->stack, "verification");
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lk_verifications_page_open (LK_VERIFICATIONS_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
take_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LkVerificationsPage *self = LK_VERIFICATIONS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;

  if (!lk_verifications_take (self->session, id, &error))
    {
      lk_show_error (widget, "The Verification Cannot Be Taken", error->message);
      lk_verifications_page_reload (self);
      return;
    }
  lk_verifications_page_reload (self);
  lk_verifications_page_open (self, id);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LkVerificationsPage *self = LK_VERIFICATIONS_PAGE (widget);
  GtkWidget *view = lk_verifications_page_get_view (self);

  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "workspace"))
    {
      gtk_stack_set_visible_child_name (self->stack, "verification");
      adw_bin_set_child (self->workspace_bin, NULL);
      if (view != NULL)
        lk_verification_view_reload (LK_VERIFICATION_VIEW (view));
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "list");
  adw_bin_set_child (self->view_bin, NULL);
  lk_verifications_page_reload (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  lk_verifications_page_reload (LK_VERIFICATIONS_PAGE (widget));
}

/* ---- object -------------------------------------------------------------------------------- */

static void
lk_verifications_page_dispose (GObject *object)
{
  /* The bin's child is itself a template child: detach it once, through the bin. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LK_TYPE_VERIFICATIONS_PAGE);
  G_OBJECT_CLASS (lk_verifications_page_parent_class)->dispose (object);
}

static void
lk_verifications_page_finalize (GObject *object)
{
  g_clear_object (&LK_VERIFICATIONS_PAGE (object)->session);
  G_OBJECT_CLASS (lk_verifications_page_parent_class)->finalize (object);
}

static void
lk_verifications_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_N_WAITING:
      g_value_set_uint (value, LK_VERIFICATIONS_PAGE (object)->n_waiting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_verifications_page_class_init (LkVerificationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_verifications_page_dispose;
  object_class->finalize = lk_verifications_page_finalize;
  object_class->get_property = lk_verifications_page_get_property;

  properties[PROP_N_WAITING] =
    g_param_spec_uint ("n-waiting", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-verifications-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LkVerificationsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationsPage, mine_group);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationsPage, mine_list);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationsPage, queue_group);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationsPage, queue_list);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationsPage, done_group);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationsPage, done_list);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationsPage, submitted_group);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationsPage, submitted_list);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationsPage, view_bin);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationsPage, workspace_bin);

  gtk_widget_class_install_action (widget_class, "verifications.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "verifications.take", "x", take_action);
  gtk_widget_class_install_action (widget_class, "verifications.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "verifications.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "verifications.refresh",
                                       NULL);
}

static void
lk_verifications_page_init (LkVerificationsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lk_label_stack_pages (self->stack);
}
