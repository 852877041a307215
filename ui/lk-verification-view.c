/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A verification: the blind banner, the reviewer's own examination, then both opinions. */
#include "config.h"

#include <string.h>

#include "lk-ui-util.h"
#include "lk-verification-dialog.h"
#include "lk-verification-view.h"

struct _LkVerificationView
{
  AdwBin                    parent_instance;

  LkSession                *session;
  gint64                    id;
  LkVerification           *verification;
  LkVerificationComparison *comparison;
  GPtrArray                *rows;          /* the characteristics' rows, to remove */
  GPtrArray                *signature_rows;
  gboolean                  noted;         /* the acting user signed a consultation note */

  GtkLabel                 *title_label;
  GtkLabel                 *subtitle_label;
  GtkLabel                 *kind_label;
  GtkLabel                 *banner_label;
  GtkLabel                 *hint_label;
  GtkLabel                 *error_label;
  AdwActionRow             *state_row;
  AdwActionRow             *submitted_row;
  AdwActionRow             *reviewer_row;
  GtkButton                *open_button;
  GtkWidget                *comparison_box;
  GtkLabel                 *verdict_label;
  AdwPreferencesGroup      *examiner_group;
  AdwPreferencesGroup      *reviewer_group;
  AdwActionRow             *examiner_level_row;
  AdwActionRow             *examiner_reasoning_row;
  AdwActionRow             *examiner_limitations_row;
  AdwActionRow             *reviewer_level_row;
  AdwActionRow             *reviewer_reasoning_row;
  AdwActionRow             *reviewer_limitations_row;
  AdwPreferencesGroup      *characteristics_group;
  AdwPreferencesGroup      *signatures_group;
  GtkWidget                *actions_box;
  GtkButton                *countersign_button;
  GtkButton                *disagree_button;
  GtkButton                *consult_button;
};

enum {
  OPEN_EXAMINATION,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkVerificationView, lk_verification_view, ADW_TYPE_BIN)

gint64
lk_verification_view_get_id (LkVerificationView *self)
{
  g_return_val_if_fail (LK_IS_VERIFICATION_VIEW (self), 0);
  return self->id;
}

static gboolean
is_reviewer (LkVerificationView *self)
{
  return g_strcmp0 (lk_verification_get_reviewer (self->verification),
                    lk_session_get_user_name (self->session)) == 0;
}

static gboolean
is_examiner (LkVerificationView *self)
{
  return g_strcmp0 (lk_verification_get_examiner (self->verification),
                    lk_session_get_user_name (self->session)) == 0;
}

static gboolean
in_state (LkVerificationView *self,
          const char         *state)
{
  return g_strcmp0 (lk_verification_get_state (self->verification), state) == 0;
}

static void
set_row (AdwActionRow *row,
         const char   *text)
{
  adw_action_row_set_subtitle (row, text != NULL && text[0] != '\0' ? text : "None recorded");
}

/* ---- the verification ---------------------------------------------------------------------- */

/* The banner, the next step and the way to the examination, by who is looking and when. */
static void
fill_controls (LkVerificationView *self)
{
  LkVerification *v = self->verification;
  gboolean reviewer = is_reviewer (self);
  gboolean signed_ = lk_verification_get_reviewer_signed (v);
  const char *open = reviewer ? "Open My Examination" : "Open the Examination";
  g_autofree char *mnemonic = g_strconcat ("_", open, NULL);

  /* Before the reviewer signs, the first examiner's work is hidden from them (by the core). */
  gtk_widget_set_visible (GTK_WIDGET (self->banner_label),
                          reviewer && lk_verification_get_blind (v) && !signed_);
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label),
                          reviewer && !signed_ && in_state (self, "assigned"));
  /* Once the reviewer has signed, their examination is for reference, the decision comes first. */
  if (signed_)
    gtk_widget_remove_css_class (GTK_WIDGET (self->open_button), "suggested-action");
  gtk_widget_set_visible (GTK_WIDGET (self->open_button),
                          is_examiner (self) ||
                          (reviewer && (in_state (self, "assigned") ||
                                        lk_verification_get_review_examination_id (v) != 0)));
  gtk_button_set_label (self->open_button, mnemonic);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->open_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, open, -1);
}

static void
fill_header (LkVerificationView *self)
{
  LkVerification *v = self->verification;
  g_autofree char *title = g_strdup_printf ("%s · candidate %s",
                                            lk_verification_get_case_number (v),
                                            lk_verification_get_subject_ref (v));
  g_autofree char *submitted = lk_format_utc (lk_verification_get_submitted_at (v));
  g_autofree char *by = g_strdup_printf ("%s by %s, conclusion revision %d", submitted,
                                         lk_verification_get_examiner (v),
                                         lk_verification_get_conclusion_revision (v));

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label,
                      g_strcmp0 (lk_verification_get_stage (v), "third-review") == 0
                      ? "Third review: this decision is final"
                      : "Verification of a signed conclusion");
  gtk_label_set_text (self->kind_label,
                      lk_verification_get_blind (v) ? "Blind verification" : "Open review");
  set_row (self->state_row, lk_verification_get_state_label (v));
  set_row (self->submitted_row, by);
  set_row (self->reviewer_row, lk_verification_get_reviewer (v) != NULL
                               ? lk_verification_get_reviewer (v) : "Not assigned yet");
  fill_controls (self);
}

/* "mouth.corners" named "Corners" reads "Mouth · Corners". */
static char *
characteristic_title (LkVerificationDifference *d)
{
  const char *id = lk_verification_difference_get_characteristic (d);
  const char *dot = id != NULL ? strchr (id, '.') : NULL;
  g_autofree char *component = dot != NULL ? g_strndup (id, dot - id) : NULL;

  if (component == NULL)
    return g_strdup (lk_verification_difference_get_name (d));
  g_strdelimit (component, "-_", ' ');
  component[0] = g_ascii_toupper (component[0]);
  return g_strdup_printf ("%s · %s", component, lk_verification_difference_get_name (d));
}

static const char *
or_else (const char *text,
         const char *otherwise)
{
  return text != NULL ? text : otherwise;
}

static GtkWidget *
characteristic_row (LkVerificationDifference *d)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = characteristic_title (d);
  g_autofree char *subtitle =
    g_strdup_printf ("Examiner: %s, %s\nReviewer: %s, %s",
                     or_else (lk_verification_difference_get_examiner_result (d), "not assessed"),
                     or_else (lk_verification_difference_get_examiner_significance (d),
                              "no significance"),
                     or_else (lk_verification_difference_get_reviewer_result (d), "not assessed"),
                     or_else (lk_verification_difference_get_reviewer_significance (d),
                              "no significance"));
  GtkWidget *tag = gtk_label_new (lk_verification_difference_get_differs (d) ? "Differs" : "Same");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag, "lk-pill");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
  if (lk_verification_difference_get_differs (d))
    {
      gtk_widget_add_css_class (tag, "warning");
      gtk_widget_add_css_class (row, "lk-differs");
    }
  return row;
}

static void
fill_characteristics (LkVerificationView *self)
{
  GListModel *all = lk_verification_comparison_get_characteristics (self->comparison);
  guint n = lk_verification_comparison_get_n_differences (self->comparison);
  g_autofree char *description =
    g_strdup_printf (n == 1 ? "%u characteristic differs; it is marked “Differs”."
                            : "%u characteristics differ; they are marked “Differs”.", n);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->characteristics_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  adw_preferences_group_set_description (self->characteristics_group, description);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(LkVerificationDifference) d = g_list_model_get_item (all, i);
      GtkWidget *row = characteristic_row (d);

      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (self->characteristics_group, row);
    }
}

/* The lab's agreement rule (policy verification_agreement) in words. */
static const char *
rule_label (const char *rule)
{
  if (g_strcmp0 (rule, "same-level") == 0)
    return "the same level";
  if (g_strcmp0 (rule, "same-side-within-one") == 0)
    return "the same side of the scale, within one level";
  return rule;
}

static void
fill_comparison (LkVerificationView *self)
{
  LkVerificationComparison *c = self->comparison;
  gboolean open_review = lk_verification_comparison_get_reviewer_level (c) == NULL;
  g_autofree char *verdict =
    g_strdup_printf ("%s (rule: %s)%s", lk_verification_comparison_get_agrees (c)
                                        ? "The opinions agree" : "The opinions differ",
                     rule_label (lk_verification_comparison_get_rule (c)),
                     lk_verification_comparison_get_same_level (c) || open_review
                     ? "" : " · the levels differ");

  gtk_label_set_text (self->verdict_label, verdict);
  set_row (self->examiner_level_row, lk_verification_comparison_get_examiner_level (c));
  set_row (self->examiner_reasoning_row, lk_verification_comparison_get_examiner_reasoning (c));
  set_row (self->examiner_limitations_row,
           lk_verification_comparison_get_examiner_limitations (c));
  adw_preferences_group_set_title (self->examiner_group, is_examiner (self)
                                                        ? "Your Opinion"
                                                        : "First Examiner's Opinion");
  gtk_widget_set_visible (GTK_WIDGET (self->reviewer_group), !open_review);
  adw_preferences_group_set_title (self->reviewer_group,
                                   is_reviewer (self) ? "Your Opinion" : "Reviewer's Opinion");
  set_row (self->reviewer_level_row, lk_verification_comparison_get_reviewer_level (c));
  set_row (self->reviewer_reasoning_row, lk_verification_comparison_get_reviewer_reasoning (c));
  set_row (self->reviewer_limitations_row,
           lk_verification_comparison_get_reviewer_limitations (c));
  if (!lk_verification_comparison_get_same_level (c) && !open_review)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->examiner_level_row), "lk-differs");
      gtk_widget_add_css_class (GTK_WIDGET (self->reviewer_level_row), "lk-differs");
    }
  fill_characteristics (self);
}

static const char *
signature_kind_label (const char *kind,
                      const char *resolution)
{
  static const char * const labels[][2] = {
    { "countersignature", "Countersignature" }, { "consultation-note", "Consultation note" },
    { "return", "Disagreement: returned to the examiner" },
    { "consult", "Disagreement: consultation" },
    { "third-reviewer", "Disagreement: referred to a third reviewer" },
    { "final", "Final decision: not confirmed" },
  };
  const char *key = g_strcmp0 (kind, "disagreement") == 0 ? resolution : kind;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i][0], key) == 0)
      return labels[i][1];
  return kind;
}

static GtkWidget *
signature_row (LkVerificationSignature *signature)
{
  GtkWidget *row = adw_action_row_new ();
  const char *note = lk_verification_signature_get_note (signature);
  const char *by = lk_verification_signature_get_signed_by (signature);
  g_autofree char *at = lk_format_utc (lk_verification_signature_get_signed_at (signature));
  g_autofree char *title =
    g_strdup_printf ("%s · %s",
                     signature_kind_label (lk_verification_signature_get_kind (signature),
                                           lk_verification_signature_get_resolution (signature)),
                     by != NULL ? by : "");
  g_autofree char *subtitle = g_strdup_printf ("%s\nSigned %s", note != NULL ? note : "", at);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* The signed records in order: countersignature, disagreements with their notes for the
 * examiner, consultation notes. Records that cannot be read are said so in the error label. */
static void
fill_signatures (LkVerificationView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = lk_verifications_get_signatures (self->session, self->id, &error);
  guint n = all != NULL ? g_list_model_get_n_items (all) : 0;

  if (all == NULL)
    lk_label_set_message (self->error_label, error->message);
  for (guint i = 0; i < self->signature_rows->len; i++)
    adw_preferences_group_remove (self->signatures_group,
                                  g_ptr_array_index (self->signature_rows, i));
  g_ptr_array_set_size (self->signature_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->signatures_group), n > 0);
  self->noted = FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkVerificationSignature) signature = g_list_model_get_item (all, i);
      GtkWidget *row = signature_row (signature);

      /* One note each. */
      self->noted |= g_strcmp0 (lk_verification_signature_get_kind (signature),
                                "consultation-note") == 0 &&
                     g_strcmp0 (lk_verification_signature_get_signed_by (signature),
                                lk_session_get_user_name (self->session)) == 0;
      g_ptr_array_add (self->signature_rows, row);
      adw_preferences_group_add (self->signatures_group, row);
    }
}

/* Only what the acting user may do now is offered. */
static void
fill_actions (LkVerificationView *self)
{
  gboolean decide = is_reviewer (self) && self->comparison != NULL &&
                    (in_state (self, "assigned") || in_state (self, "consultation"));
  gboolean consult = in_state (self, "consultation") && !self->noted &&
                     (is_reviewer (self) || is_examiner (self));

  gtk_widget_set_visible (GTK_WIDGET (self->countersign_button), decide);
  gtk_widget_set_visible (GTK_WIDGET (self->disagree_button), decide);
  gtk_widget_set_visible (GTK_WIDGET (self->consult_button), consult);
  gtk_widget_set_visible (self->actions_box, decide || consult);
}

void
lk_verification_view_reload (LkVerificationView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkVerification) v = lk_verifications_get (self->session, self->id, &error);

  g_return_if_fail (LK_IS_VERIFICATION_VIEW (self));

  if (v == NULL)
    {
      lk_label_set_message (self->error_label, error->message);
      return;
    }
  lk_label_set_message (self->error_label, NULL);
  g_set_object (&self->verification, v);
  g_clear_object (&self->comparison);
  if ((lk_verification_get_reviewer_signed (v) || !lk_verification_get_blind (v)) &&
      (self->comparison = lk_verifications_compare (self->session, self->id, &error)) == NULL)
    lk_label_set_message (self->error_label, error->message);
  fill_header (self);
  fill_signatures (self);
  gtk_widget_set_visible (self->comparison_box, self->comparison != NULL);
  if (self->comparison != NULL)
    fill_comparison (self);
  fill_actions (self);
}

/* ---- actions ------------------------------------------------------------------------------- */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LkVerificationView *self = LK_VERIFICATION_VIEW (widget);
  g_autoptr(GError) error = NULL;
  /* The reviewer's own examination, or the examiner's that is verified. */
  gint64 examination = is_reviewer (self)
                       ? lk_verifications_open (self->session, self->id, &error)
                       : lk_verification_get_examination_id (self->verification);

  if (examination == 0)
    {
      lk_show_error (widget, "Your Examination Cannot Open", error->message);
      return;
    }
  g_signal_emit (self, signals[OPEN_EXAMINATION], 0, examination);
}

static void
on_signed (LkVerificationView *self)
{
  lk_verification_view_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
present_dialog (LkVerificationView       *self,
                LkVerificationDialogMode  mode)
{
  LkVerificationDialog *dialog = lk_verification_dialog_new (self->session, self->verification,
                                                             mode);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "signed", G_CALLBACK (on_signed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
countersign_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  present_dialog (LK_VERIFICATION_VIEW (widget), LK_VERIFICATION_DIALOG_COUNTERSIGN);
}

static void
disagree_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  present_dialog (LK_VERIFICATION_VIEW (widget), LK_VERIFICATION_DIALOG_DISAGREE);
}

static void
consult_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  present_dialog (LK_VERIFICATION_VIEW (widget), LK_VERIFICATION_DIALOG_CONSULT);
}

/* ---- object -------------------------------------------------------------------------------- */

static void
lk_verification_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LK_TYPE_VERIFICATION_VIEW);
  G_OBJECT_CLASS (lk_verification_view_parent_class)->dispose (object);
}

static void
lk_verification_view_finalize (GObject *object)
{
  LkVerificationView *self = LK_VERIFICATION_VIEW (object);

  g_clear_object (&self->session);
  g_clear_object (&self->verification);
  g_clear_object (&self->comparison);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->signature_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (lk_verification_view_parent_class)->finalize (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, LkVerificationView, name)

static void
lk_verification_view_class_init (LkVerificationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_verification_view_dispose;
  object_class->finalize = lk_verification_view_finalize;

  signals[OPEN_EXAMINATION] = g_signal_new ("open-examination", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                            1, G_TYPE_INT64);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-verification-view.ui");
  BIND (title_label);
  BIND (subtitle_label);
  BIND (kind_label);
  BIND (banner_label);
  BIND (hint_label);
  BIND (error_label);
  BIND (state_row);
  BIND (submitted_row);
  BIND (reviewer_row);
  BIND (open_button);
  BIND (comparison_box);
  BIND (verdict_label);
  BIND (examiner_group);
  BIND (reviewer_group);
  BIND (examiner_level_row);
  BIND (examiner_reasoning_row);
  BIND (examiner_limitations_row);
  BIND (reviewer_level_row);
  BIND (reviewer_reasoning_row);
  BIND (reviewer_limitations_row);
  BIND (characteristics_group);
  BIND (signatures_group);
  BIND (actions_box);
  BIND (countersign_button);
  BIND (disagree_button);
  BIND (consult_button);

  gtk_widget_class_install_action (widget_class, "verification.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "verification.countersign", NULL,
                                   countersign_action);
  gtk_widget_class_install_action (widget_class, "verification.disagree", NULL,
                                   disagree_action);
  gtk_widget_class_install_action (widget_class, "verification.consult", NULL, consult_action);
}

static void
lk_verification_view_init (LkVerificationView *self)
{
  self->rows = g_ptr_array_new ();
  self->signature_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

LkVerificationView *
lk_verification_view_new (LkSession  *session,
                          gint64      verification_id,
                          GError    **error)
{
  g_autoptr(LkVerification) v = NULL;
  LkVerificationView *self;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if ((v = lk_verifications_get (session, verification_id, error)) == NULL)
    return NULL;
  self = g_object_new (LK_TYPE_VERIFICATION_VIEW, NULL);
  self->session = g_object_ref (session);
  self->id = verification_id;
  lk_verification_view_reload (self);
  return self;
}
