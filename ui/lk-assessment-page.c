/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Administration > Self-Assessment: one group per principle, one expander per question with
 * Likeness's proposal and figure as its subtitle and the answer, comment and evidence inside.
 * The rows come from the questionnaire's data file, so they are made here rather than in the
 * template. */
#include "config.h"

#include "lk-assessment-page.h"
#include "lk-ui-util.h"

struct _LkAssessmentPage
{
  AdwBin               parent_instance;

  LkSession           *session;
  GCancellable        *cancellable;
  LkAssessment        *assessment;
  GPtrArray           *groups;   /* AdwPreferencesGroup, one per principle */
  GHashTable          *rows;     /* question id -> AdwExpanderRow */

  AdwActionRow        *status_row;
  GtkSpinner          *spinner;
};

G_DEFINE_FINAL_TYPE (LkAssessmentPage, lk_assessment_page, ADW_TYPE_BIN)

static const char * const answer_labels[] = {
  "Not answered", "Yes", "Partly", "No", "Not applicable", NULL,
};

static char *
proposal_text (const LkAssessment       *assessment,
               const LkAssessmentAnswer *a)
{
  g_autofree char *before = assessment->previous_on != NULL
    ? g_strdup_printf (" · on %s: %s", assessment->previous_on,
                       answer_labels[a->previous])
    : g_strdup ("");

  if (a->figure == NULL)
    return g_strdup_printf ("Likeness holds no figure for this%s", before);
  if (a->proposed == LK_ANSWER_NONE)
    return g_strdup_printf ("From Likeness's records: %s%s", a->figure, before);
  return g_strdup_printf ("Likeness proposes %s: %s%s", answer_labels[a->proposed], a->figure,
                          before);
}

static GtkWidget *
entry_row (const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  return row;
}

static GtkWidget *
question_row (const LkAssessment       *assessment,
              const LkAssessmentAnswer *a)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *answer = adw_combo_row_new ();
  GtkWidget *comment, *evidence;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (answer_labels);
  g_autofree char *title = g_strdup_printf ("%s %s", a->id, a->text);
  g_autofree char *subtitle = proposal_text (assessment, a);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (answer), "Answer");
  adw_combo_row_set_model (ADW_COMBO_ROW (answer), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (answer), a->answer);
  comment = entry_row ("Comment", a->comment);
  evidence = entry_row ("Evidence", a->evidence);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), answer);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), comment);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), evidence);
  g_object_set_data (G_OBJECT (row), "answer", answer);
  g_object_set_data (G_OBJECT (row), "comment", comment);
  g_object_set_data (G_OBJECT (row), "evidence", evidence);
  return row;
}

/* The template's root, which the bin owns (not bound: the bin unparents it itself). */
static AdwPreferencesPage *
page_of (LkAssessmentPage *self)
{
  return ADW_PREFERENCES_PAGE (adw_bin_get_child (ADW_BIN (self)));
}

static void
clear_questions (LkAssessmentPage *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (page_of (self), g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  g_hash_table_remove_all (self->rows);
}

static void
show_assessment (LkAssessmentPage *self,
                 LkAssessment     *assessment)
{
  AdwPreferencesGroup *group = NULL;
  int principle = 0;
  g_autofree char *status = NULL;

  clear_questions (self);
  g_clear_pointer (&self->assessment, lk_assessment_free);
  self->assessment = assessment;
  for (guint i = 0; i < assessment->answers->len; i++)
    {
      const LkAssessmentAnswer *a = g_ptr_array_index (assessment->answers, i);
      GtkWidget *row = question_row (assessment, a);

      if (a->principle != principle)
        {
          g_autofree char *title = g_strdup_printf ("%d. %s", a->principle, a->principle_title);

          principle = a->principle;
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, title);
          adw_preferences_page_add (page_of (self), group);
          g_ptr_array_add (self->groups, group);
        }
      adw_preferences_group_add (group, row);
      g_hash_table_insert (self->rows, a->id, row);
    }
  status = g_strdup_printf ("Questionnaire “%s”%s%s", assessment->edition,
                            assessment->previous_on ? ", compared with the assessment of "
                                                    : ", no earlier assessment",
                            assessment->previous_on ? assessment->previous_on : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), status);
}

static void
on_proposed (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkAssessmentPage) self = user_data;
  g_autoptr(GError) error = NULL;
  LkAssessment *assessment = lk_assessment_propose_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assessment.propose", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assessment.save", assessment != NULL);
  if (assessment == NULL)
    {
      lk_toast (GTK_WIDGET (self), error->message);
      return;
    }
  show_assessment (self, assessment);
}

static void
propose_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LkAssessmentPage *self = LK_ASSESSMENT_PAGE (widget);

  if (self->session == NULL)
    return;
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_widget_action_set_enabled (widget, "assessment.propose", FALSE);
  lk_assessment_propose_async (self->session, self->cancellable, on_proposed,
                               g_object_ref (self));
}

/* What the rows say, back into the assessment. */
static void
read_rows (LkAssessmentPage *self)
{
  for (guint i = 0; i < self->assessment->answers->len; i++)
    {
      LkAssessmentAnswer *a = g_ptr_array_index (self->assessment->answers, i);
      GtkWidget *row = g_hash_table_lookup (self->rows, a->id);
      AdwComboRow *answer = g_object_get_data (G_OBJECT (row), "answer");
      GtkWidget *comment = g_object_get_data (G_OBJECT (row), "comment");
      GtkWidget *evidence = g_object_get_data (G_OBJECT (row), "evidence");

      a->answer = adw_combo_row_get_selected (answer);
      g_free (a->comment);
      a->comment = g_strdup (gtk_editable_get_text (GTK_EDITABLE (comment)));
      g_free (a->evidence);
      a->evidence = g_strdup (gtk_editable_get_text (GTK_EDITABLE (evidence)));
    }
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LkAssessmentPage *self = LK_ASSESSMENT_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (self->assessment == NULL)
    return;
  read_rows (self);
  if (lk_assessment_save (self->session, self->assessment, NULL, &error) == 0)
    {
      lk_show_error (widget, "Cannot Save the Assessment", error->message);
      return;
    }
  done = g_strdup_printf ("Assessment of %s saved", self->assessment->assessed_on);
  lk_toast (widget, done);
}

/* The figures are read when the page is first shown: reading them checks the whole audit
 * chain, which no one should wait for at log-in. */
static void
on_map (LkAssessmentPage *self)
{
  if (self->assessment == NULL && self->session != NULL &&
      lk_session_has_role (self->session, LK_ROLE_ADMINISTRATOR) &&
      !gtk_spinner_get_spinning (self->spinner))
    gtk_widget_activate_action (GTK_WIDGET (self), "assessment.propose", NULL);
}

void
lk_assessment_page_set_session (LkAssessmentPage *self,
                                LkSession        *session)
{
  g_return_if_fail (LK_IS_ASSESSMENT_PAGE (self));
  g_set_object (&self->session, session);
  g_clear_pointer (&self->assessment, lk_assessment_free);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    on_map (self);
}

LkAssessment *
lk_assessment_page_get_assessment (LkAssessmentPage *self)
{
  g_return_val_if_fail (LK_IS_ASSESSMENT_PAGE (self), NULL);
  return self->assessment;
}

void
lk_assessment_page_set_answer (LkAssessmentPage *self,
                               const char       *id,
                               LkAnswer          answer,
                               const char       *comment)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, id);
  AdwComboRow *combo;

  g_return_if_fail (row != NULL);
  combo = g_object_get_data (G_OBJECT (row), "answer");
  adw_combo_row_set_selected (combo, answer);
  gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (row), "comment")), comment);
}

static void
lk_assessment_page_dispose (GObject *object)
{
  LkAssessmentPage *self = LK_ASSESSMENT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_ASSESSMENT_PAGE);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (lk_assessment_page_parent_class)->dispose (object);
}

static void
lk_assessment_page_finalize (GObject *object)
{
  LkAssessmentPage *self = LK_ASSESSMENT_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->assessment, lk_assessment_free);
  G_OBJECT_CLASS (lk_assessment_page_parent_class)->finalize (object);
}

static void
lk_assessment_page_class_init (LkAssessmentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_assessment_page_dispose;
  object_class->finalize = lk_assessment_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-assessment-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LkAssessmentPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, LkAssessmentPage, spinner);
  gtk_widget_class_install_action (widget_class, "assessment.propose", NULL, propose_action);
  gtk_widget_class_install_action (widget_class, "assessment.save", NULL, save_action);
}

static void
lk_assessment_page_init (LkAssessmentPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->groups = g_ptr_array_new ();
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assessment.save", FALSE);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}
