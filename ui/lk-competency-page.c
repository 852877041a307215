/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Competency records: list, add, revoke; and the records trainers proposed from passed
 * exercises, which an administrator confirms or rejects. */
#include "config.h"

#include "lk-competency-page.h"
#include "lk-ui-util.h"

struct _LkCompetencyPage
{
  AdwBin      parent_instance;

  LkSession  *session;

  GtkListBox *list;
  GtkLabel   *error_label;
  GtkWidget  *proposals_heading;
  GtkListBox *proposals;
  GtkWidget  *records_heading;
};

G_DEFINE_FINAL_TYPE (LkCompetencyPage, lk_competency_page, ADW_TYPE_BIN)

/* ---- the list ------------------------------------------------------------------------------ */

static const char *
state_label (const char *state)
{
  static const char * const labels[][2] = {
    { "current", "Current" }, { "expired", "Expired" }, { "not-yet-valid", "Not yet valid" },
    { "revoked", "Revoked" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i][0], state))
      return labels[i][1];
  return state;
}

static const char *
kind_label (const char *kind)
{
  return g_strcmp0 (kind, "reviewer") == 0 ? "Reviewer" : "Examiner";
}

static GtkWidget *
revoke_button_new (LkCompetency *record)
{
  g_autofree char *name = g_strdup_printf ("Revoke the %s record of %s",
                                           lk_competency_get_kind (record),
                                           lk_competency_get_user (record));
  GtkWidget *button = lk_mnemonic_button_new ("_Revoke…", name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "competency.revoke");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", lk_competency_get_id (record));
  gtk_widget_set_tooltip_text (button, name);
  return button;
}

static GtkWidget *
row_new (LkCompetency *record)
{
  const char *state = lk_competency_get_state (record, NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *pill = gtk_label_new (state_label (state));
  g_autofree char *title = g_strdup_printf ("%s · %s", lk_competency_get_user (record),
                                            kind_label (lk_competency_get_kind (record)));
  g_autofree char *subtitle =
    lk_competency_get_revoked_at (record) != NULL
    ? g_strdup_printf ("%s to %s · %s\nRevoked: %s", lk_competency_get_valid_from (record),
                       lk_competency_get_valid_until (record), lk_competency_get_evidence (record),
                       lk_competency_get_revoke_reason (record))
    : g_strdup_printf ("%s to %s · %s", lk_competency_get_valid_from (record),
                       lk_competency_get_valid_until (record), lk_competency_get_evidence (record));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (pill, "lk-pill");
  gtk_widget_add_css_class (pill, g_str_equal (state, "current") ? "success" : "warning");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), pill);
  if (lk_competency_get_revoked_at (record) == NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), revoke_button_new (record));
  return row;
}

static GtkWidget *
proposal_button_new (LkTrainingProposal *proposal,
                     const char         *mnemonic,
                     const char         *action,
                     const char         *verb)
{
  g_autofree char *name = g_strdup_printf ("%s the proposed %s record of %s", verb,
                                           lk_training_proposal_get_kind (proposal),
                                           lk_training_proposal_get_trainee (proposal));
  /* Read as its text, "Confirm", then what it confirms. */
  GtkWidget *button = lk_mnemonic_button_new (mnemonic, name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x",
                                    lk_training_proposal_get_id (proposal));
  gtk_widget_set_tooltip_text (button, name);
  return button;
}

static GtkWidget *
proposal_row_new (LkTrainingProposal *proposal)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *confirm = proposal_button_new (proposal, "_Confirm", "competency.confirm",
                                            "Confirm");
  g_autofree char *title = g_strdup_printf ("%s · %s", lk_training_proposal_get_trainee (proposal),
                                            kind_label (lk_training_proposal_get_kind (proposal)));
  g_autofree char *subtitle =
    g_strdup_printf ("%s to %s · proposed by %s\n%s",
                     lk_training_proposal_get_valid_from (proposal),
                     lk_training_proposal_get_valid_until (proposal),
                     lk_training_proposal_get_proposed_by (proposal),
                     lk_training_proposal_get_evidence (proposal));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             proposal_button_new (proposal, "_Reject…", "competency.reject",
                                                  "Reject"));
  gtk_widget_add_css_class (confirm, "suggested-action");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), confirm);
  return row;
}

static void
reload_proposals (LkCompetencyPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) pending = NULL;
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->proposals))) != NULL)
    gtk_list_box_remove (self->proposals, child);
  pending = self->session != NULL
            ? lk_training_proposals_list (self->session, TRUE, &error) : NULL;
  n = pending != NULL ? g_list_model_get_n_items (pending) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkTrainingProposal) proposal = g_list_model_get_item (pending, i);

      gtk_list_box_append (self->proposals, proposal_row_new (proposal));
    }
  gtk_widget_set_visible (self->proposals_heading, n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->proposals), n > 0);
  gtk_widget_set_visible (self->records_heading, n > 0);
}

void
lk_competency_page_reload (LkCompetencyPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) records = NULL;
  GtkWidget *child;

  g_return_if_fail (LK_IS_COMPETENCY_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  reload_proposals (self);
  if (self->session == NULL)
    return;
  records = lk_competencies_list (self->session, NULL, &error);
  lk_label_set_message (self->error_label, records == NULL ? error->message : NULL);
  for (guint i = 0; records != NULL && i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(LkCompetency) record = g_list_model_get_item (records, i);

      gtk_list_box_append (self->list, row_new (record));
    }
}

void
lk_competency_page_set_session (LkCompetencyPage *self,
                                LkSession        *session)
{
  g_return_if_fail (LK_IS_COMPETENCY_PAGE (self));

  if (g_set_object (&self->session, session))
    lk_competency_page_reload (self);
}

/* ---- adding -------------------------------------------------------------------------------- */

typedef struct
{
  GtkStringList *users;
  AdwComboRow   *user_row;
  AdwComboRow   *kind_row;
  GtkEditable   *from_row;
  GtkEditable   *until_row;
  GtkEditable   *evidence_row;
} AddForm;

static void
add_form_free (AddForm *form)
{
  g_clear_object (&form->users);
  g_free (form);
}

static const char *
selected_string (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static void
on_add_response (AdwMessageDialog *dialog,
                 const char       *response,
                 LkCompetencyPage *self)
{
  AddForm *form = g_object_get_data (G_OBJECT (dialog), "form");
  const char *kind = adw_combo_row_get_selected (form->kind_row) == 1 ? "reviewer" : "examiner";
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "add"))
    return;
  if (lk_competencies_add (self->session, selected_string (form->user_row), kind,
                           gtk_editable_get_text (form->from_row),
                           gtk_editable_get_text (form->until_row),
                           gtk_editable_get_text (form->evidence_row), &error) == 0)
    {
      lk_show_error (GTK_WIDGET (self), "The Record Was Not Added", error->message);
      return;
    }
  lk_competency_page_reload (self);
  lk_toast (GTK_WIDGET (self), "Competency record added");
}

static GtkEditable *
entry_row (GtkWidget  *list,
           const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return GTK_EDITABLE (row);
}

static AdwComboRow *
combo_row (GtkWidget  *list,
           const char *title,
           GListModel *model)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), model);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return ADW_COMBO_ROW (row);
}

/* The users who can hold a record: examiners and reviewers. */
static GtkStringList *
eligible_users (LkCompetencyPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = lk_users_list (self->session, &error);
  GtkStringList *names = gtk_string_list_new (NULL);

  if (users == NULL)
    lk_toast (GTK_WIDGET (self), error->message);
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      LkUser *user = g_ptr_array_index (users, i);

      if (!user->disabled && (user->roles & (LK_ROLE_EXAMINER | LK_ROLE_REVIEWER)) != 0)
        gtk_string_list_append (names, user->name);
    }
  return names;
}

static GtkWidget *
add_form_new (LkCompetencyPage *self,
              AddForm          *form)
{
  GtkWidget *list = gtk_list_box_new ();
  const char * const kinds[] = { "Examiner", "Reviewer", NULL };
  g_autoptr(GtkStringList) kind_model = gtk_string_list_new (kinds);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) year = g_date_time_add_years (now, 1);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *until = g_date_time_format (year, "%Y-%m-%d");

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  form->users = eligible_users (self);
  form->user_row = combo_row (list, "User", G_LIST_MODEL (form->users));
  form->kind_row = combo_row (list, "Kind", G_LIST_MODEL (kind_model));
  form->from_row = entry_row (list, "Valid from (YYYY-MM-DD)", today);
  form->until_row = entry_row (list, "Valid until (YYYY-MM-DD)", until);
  form->evidence_row = entry_row (list, "Evidence: course, proficiency test or sign-off", "");
  return list;
}

/* Enables the dialog's response "response-id" once @entry holds text. */
static void
on_reason_changed (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, g_object_get_data (G_OBJECT (dialog),
                                                                      "response-id"),
                                           text[0] != '\0');
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LkCompetencyPage *self = LK_COMPETENCY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AddForm *form = g_new0 (AddForm, 1);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, "Add a Competency Record",
    "Signing a conclusion needs a current examiner record; verifying needs a current reviewer "
    "record. Both days are included."));

  adw_message_dialog_set_extra_child (dialog, add_form_new (self, form));
  adw_message_dialog_add_responses (dialog, "cancel", "_Cancel", "add", "_Add", NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  /* The evidence is required. */
  adw_message_dialog_set_response_enabled (dialog, "add", FALSE);
  g_object_set_data (G_OBJECT (dialog), "response-id", (gpointer) "add");
  g_signal_connect_object (form->evidence_row, "changed", G_CALLBACK (on_reason_changed), dialog,
                           0);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "form", form, (GDestroyNotify) add_form_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_response), self, 0);
  lk_present_dialog (GTK_WINDOW (dialog));
}

/* ---- revoking ------------------------------------------------------------------------------ */

static void
on_revoke_response (AdwMessageDialog *dialog,
                    const char       *response,
                    LkCompetencyPage *self)
{
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "revoke"))
    return;
  if (!lk_competencies_revoke (self->session, id, gtk_editable_get_text (reason), &error))
    {
      lk_show_error (GTK_WIDGET (self), "The Record Was Not Revoked", error->message);
      return;
    }
  lk_competency_page_reload (self);
  lk_toast (GTK_WIDGET (self), "Competency record revoked (kept on record)");
}

static void
revoke_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *list = gtk_list_box_new ();
  GtkEditable *reason;
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, "Revoke the Record?",
    "The record stays on file, marked revoked with your reason. The user can no longer sign or "
    "verify on it."));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  reason = entry_row (list, "Reason (required)", "");
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", "_Cancel", "revoke", "_Revoke", NULL);
  adw_message_dialog_set_response_appearance (dialog, "revoke", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "revoke", FALSE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  g_object_set_data (G_OBJECT (dialog), "response-id", (gpointer) "revoke");
  g_object_set_data (G_OBJECT (dialog), "id",
                     GSIZE_TO_POINTER ((gsize) g_variant_get_int64 (parameter)));
  g_signal_connect_object (reason, "changed", G_CALLBACK (on_reason_changed), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_revoke_response), widget, 0);
  lk_present_dialog (GTK_WINDOW (dialog));
}

/* ---- proposals from training ---------------------------------------------------------------- */

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LkCompetencyPage *self = LK_COMPETENCY_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!lk_training_proposal_decide (self->session, g_variant_get_int64 (parameter), TRUE, NULL,
                                    &error))
    {
      lk_show_error (widget, "The Record Was Not Added", error->message);
      return;
    }
  lk_competency_page_reload (self);
  lk_toast (widget, "Competency record added from the proposal");
}

static void
on_reject_response (AdwMessageDialog *dialog,
                    const char       *response,
                    LkCompetencyPage *self)
{
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "reject"))
    return;
  if (!lk_training_proposal_decide (self->session, id, FALSE, gtk_editable_get_text (reason),
                                    &error))
    {
      lk_show_error (GTK_WIDGET (self), "The Proposal Was Not Rejected", error->message);
      return;
    }
  lk_competency_page_reload (self);
  lk_toast (GTK_WIDGET (self), "Proposal rejected (kept on record with your reason)");
}

static void
reject_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *list = gtk_list_box_new ();
  GtkEditable *reason;
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, "Reject the Proposal?",
    "No record is added. The proposal stays on file, marked rejected with your reason."));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  reason = entry_row (list, "Reason (required)", "");
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", "_Cancel", "reject", "_Reject", NULL);
  adw_message_dialog_set_response_appearance (dialog, "reject", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "reject", FALSE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  g_object_set_data (G_OBJECT (dialog), "response-id", (gpointer) "reject");
  g_object_set_data (G_OBJECT (dialog), "id",
                     GSIZE_TO_POINTER ((gsize) g_variant_get_int64 (parameter)));
  g_signal_connect_object (reason, "changed", G_CALLBACK (on_reason_changed), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reject_response), widget, 0);
  lk_present_dialog (GTK_WINDOW (dialog));
}

/* ---- object -------------------------------------------------------------------------------- */

static void
lk_competency_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LK_TYPE_COMPETENCY_PAGE);
  G_OBJECT_CLASS (lk_competency_page_parent_class)->dispose (object);
}

static void
lk_competency_page_finalize (GObject *object)
{
  g_clear_object (&LK_COMPETENCY_PAGE (object)->session);
  G_OBJECT_CLASS (lk_competency_page_parent_class)->finalize (object);
}

static void
lk_competency_page_class_init (LkCompetencyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_competency_page_dispose;
  object_class->finalize = lk_competency_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-competency-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LkCompetencyPage, list);
  gtk_widget_class_bind_template_child (widget_class, LkCompetencyPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, LkCompetencyPage, proposals_heading);
  gtk_widget_class_bind_template_child (widget_class, LkCompetencyPage, proposals);
  gtk_widget_class_bind_template_child (widget_class, LkCompetencyPage, records_heading);
  gtk_widget_class_install_action (widget_class, "competency.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "competency.revoke", "x", revoke_action);
  gtk_widget_class_install_action (widget_class, "competency.confirm", "x", confirm_action);
  gtk_widget_class_install_action (widget_class, "competency.reject", "x", reject_action);
}

static void
lk_competency_page_init (LkCompetencyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
