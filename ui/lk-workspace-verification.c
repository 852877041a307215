/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workspace's part in verification: the examiner submits a signed conclusion and, after a
 * return, reopens the examination to amend it; a reviewer's own examination shows the blind
 * banner until they sign. And the signed conclusion as the workspace states it. */
#include "config.h"

#include "lk-feature-panel.h"
#include "lk-workspace-private.h"

/* The revision of the newest signed conclusion, 0 when none is signed. */
static gint64
current_revision (LkWorkspace *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) conclusions =
    lk_conclusions_list_revisions (self->session, self->examination_id, &error);
  guint n = conclusions ? g_list_model_get_n_items (conclusions) : 0;
  g_autoptr(LkConclusion) last = n > 0 ? g_list_model_get_item (conclusions, n - 1) : NULL;

  if (conclusions == NULL)
    _lk_workspace_problem (self, error->message);
  return last != NULL ? lk_conclusion_get_revision (last) : 0;
}

static char *
verification_text (LkVerification *last,
                   gboolean        signed_,
                   gint64          revision)
{
  if (last != NULL && signed_ && g_strcmp0 (lk_verification_get_state (last), "returned") == 0 &&
      lk_verification_get_conclusion_revision (last) < revision)
    return g_strdup_printf ("Returned by the reviewer; the amended conclusion (revision %"
                            G_GINT64_FORMAT ") is ready to submit again.", revision);
  if (last != NULL && !signed_ && g_strcmp0 (lk_verification_get_state (last), "returned") == 0)
    return g_strdup ("Reopened after the reviewer returned it: amend the observations, sign the "
                     "amended conclusion with Evaluate, then submit it again.");
  if (last == NULL)
    return g_strdup ("Not submitted for verification yet. A second competent person must verify "
                     "the conclusion before it can leave as a lead.");
  return g_strdup_printf ("Verification: %s%s", lk_verification_get_state_label (last),
                          lk_verification_get_blind (last) ? "" : " (open review)");
}

void
_lk_workspace_update_verification (LkWorkspace *self)
{
  gboolean signed_ = lk_examination_get_signed (self->examination);
  gboolean blind = lk_examination_get_blind (self->examination);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(LkVerification) last = NULL;
  g_autofree char *text = NULL;
  guint n;
  gint64 revision;
  gboolean returned;

  /* A reviewer's banner: blind until they sign, or an open review (marked wherever shown). */
  gtk_label_set_text (self->blind_banner, blind ? "Blind verification: the first examiner's work "
                                                  "is hidden until you sign"
                                                : "Open review: the first examiner's conclusion "
                                                  "is not hidden from you");
  gtk_widget_set_visible (GTK_WIDGET (self->blind_banner),
                          self->reviewing && (!blind || !signed_));
  if (self->reviewing)
    return;
  all = lk_verifications_for_examination (self->session, self->examination_id, &error);
  if (all == NULL)
    _lk_workspace_problem (self, error->message);
  n = all != NULL ? g_list_model_get_n_items (all) : 0;
  /* The latest by id, whatever order the list comes in. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkVerification) v = g_list_model_get_item (all, i);

      if (last == NULL || lk_verification_get_id (v) > lk_verification_get_id (last))
        g_set_object (&last, v);
    }
  gtk_widget_set_visible (self->verification_box, signed_ || last != NULL);
  if (!signed_ && last == NULL)
    return;
  revision = current_revision (self);
  text = verification_text (last, signed_, revision);
  gtk_label_set_text (self->verification_label, text);
  returned = last != NULL && g_strcmp0 (lk_verification_get_state (last), "returned") == 0;
  /* After a return: reopen first; once the amendment is signed, submit it again. */
  gtk_widget_set_visible (self->submit_button,
                          signed_ && (last == NULL ||
                                      (returned &&
                                       lk_verification_get_conclusion_revision (last) < revision)));
  gtk_widget_set_visible (self->reopen_button,
                          signed_ && returned &&
                          lk_verification_get_conclusion_revision (last) >= revision);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkWorkspace *self = LK_WORKSPACE (widget);
  g_autoptr(GError) error = NULL;

  if (lk_verifications_submit (self->session, self->examination_id, &error) == 0)
    {
      _lk_workspace_problem (self, error->message);
      return;
    }
  _lk_workspace_update_verification (self);
  lk_toast (widget, "Submitted for verification; a reviewer will take it from the queue");
}

static void
on_reopen_response (AdwMessageDialog *dialog,
                    const char       *response,
                    LkWorkspace      *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "reopen"))
    return;
  if (!lk_verifications_reopen (self->session, self->examination_id,
                                gtk_editable_get_text (entry), &error) ||
      !_lk_workspace_reload (self, &error))
    {
      _lk_workspace_problem (self, error->message);
      return;
    }
  _lk_workspace_read_conclusion (self);
  _lk_workspace_update_status (self);
  _lk_workspace_update_verification (self);
  lk_toast (GTK_WIDGET (self), "Reopened: amend the observations and sign a new revision");
}

static void
on_reason_changed (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "reopen", text[0] != '\0');
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *entry = adw_entry_row_new ();
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, "Reopen for Amendment?",
    "The reviewer returned the conclusion. Reopening starts a new revision of the examination; "
    "the signed revision stays on record and visible."));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), "Reason (required)");
  gtk_list_box_append (GTK_LIST_BOX (list), entry);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", "_Cancel", "reopen", "_Reopen", NULL);
  adw_message_dialog_set_response_appearance (dialog, "reopen", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "reopen", FALSE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_reason_changed), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reopen_response), widget, 0);
  lk_present_dialog (GTK_WINDOW (dialog));
}

void
_lk_workspace_class_verification_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "workspace.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "workspace.reopen", NULL, reopen_action);
}

/* ---- feature comparison and the conclusion ------------------------------------------------ */

/* The level's words, or the outcome when the probe was found not suitable. */
static const char *
conclusion_summary (LkConclusion *conclusion)
{
  const char *level = lk_conclusion_get_level (conclusion);

  return level != NULL ? level : "no comparison possible (the probe is not suitable)";
}

void
_lk_workspace_read_conclusion (LkWorkspace *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) conclusions =
    lk_conclusions_list_revisions (self->session, self->examination_id, &error);
  guint n = conclusions ? g_list_model_get_n_items (conclusions) : 0;
  /* Reopened after a return, the examination is open to amendment again. */
  gboolean reopened = self->examination != NULL && !lk_examination_get_signed (self->examination);
  g_autoptr(LkConclusion) last = NULL;

  g_clear_pointer (&self->conclusion_text, g_free);
  if (conclusions == NULL)
    {
      _lk_workspace_problem (self, error->message);
      return;
    }
  if (self->features != NULL)
    lk_feature_panel_set_locked (LK_FEATURE_PANEL (self->features), n > 0 && !reopened);
  if (n == 0)
    return;
  last = g_list_model_get_item (conclusions, n - 1);
  self->conclusion_text =
    g_strdup_printf ("%s conclusion, revision %d: %s. An investigative lead, not an "
                     "identification.", reopened ? "Earlier signed" : "Signed",
                     lk_conclusion_get_revision (last), conclusion_summary (last));
}

/* What changed elsewhere: the signature, the conclusion and the verification are read again.
 * The examination itself (annotations, alignment, enhancement steps) is read again only when it
 * was signed or reopened meanwhile, so that an annotation being drawn stays as it is. */
void
lk_workspace_refresh (LkWorkspace *self)
{
  g_autoptr(LkExamination) now = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LK_IS_WORKSPACE (self));
  if (self->examination == NULL)
    return;
  now = lk_examinations_get_examination (self->session, self->examination_id, &error);
  if (now == NULL ||
      (lk_examination_get_signed (now) != lk_examination_get_signed (self->examination) &&
       !_lk_workspace_reload (self, &error)))
    _lk_workspace_problem (self, error->message);
  _lk_workspace_read_conclusion (self);
  _lk_workspace_update_status (self);
  _lk_workspace_update_verification (self);
}
