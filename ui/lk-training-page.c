/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Training section: assignments and items for trainees, exercises and dashboards for
 * trainers. */
#include "config.h"

#include "lk-training-page.h"

#include "lk-training-dashboard.h"
#include "lk-training-exercise-dialog.h"
#include "lk-training-item-view.h"
#include "lk-ui-util.h"

struct _LkTrainingPage
{
  AdwBin               parent_instance;

  LkSession           *session;
  LkTrainingExercise  *exercise;
  GtkFileChooserNative *chooser;
  GCancellable        *cancellable;

  GtkWidget           *nav_bar;
  GtkLabel            *nav_label;
  GtkStack            *stack;
  GtkLabel            *intro_label;
  GtkWidget           *import_button;
  GtkWidget           *new_button;
  GtkListBox          *exercises_list;
  GtkLabel            *message_label;
  GtkLabel            *items_title;
  GtkLabel            *items_subtitle;
  GtkListBox          *items_list;
  LkTrainingItemView  *item_view;
  LkTrainingDashboard *dashboard;
};

G_DEFINE_FINAL_TYPE (LkTrainingPage, lk_training_page, ADW_TYPE_BIN)

static gboolean
is_trainer (LkTrainingPage *self)
{
  return self->session != NULL && lk_session_has_role (self->session, LK_ROLE_TRAINER);
}

static gboolean
is_trainee (LkTrainingPage *self)
{
  return self->session != NULL && !is_trainer (self) &&
         lk_session_has_role (self->session, LK_ROLE_TRAINEE);
}

static void
show_view (LkTrainingPage *self,
           const char     *view,
           const char     *where)
{
  gtk_stack_set_visible_child_name (self->stack, view);
  gtk_widget_set_visible (self->nav_bar, !g_str_equal (view, "exercises"));
  gtk_label_set_label (self->nav_label, where != NULL ? where : "");
}

const char *
lk_training_page_get_view (LkTrainingPage *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
lk_training_page_get_item_view (LkTrainingPage *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_PAGE (self), NULL);
  return GTK_WIDGET (self->item_view);
}

GtkWidget *
lk_training_page_get_dashboard (LkTrainingPage *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_PAGE (self), NULL);
  return GTK_WIDGET (self->dashboard);
}

/* ---- rows ---------------------------------------------------------------------------------- */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
pill_new (const char *text,
          const char *style)
{
  GtkWidget *pill = gtk_label_new (text);

  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (pill, "lk-pill");
  gtk_widget_add_css_class (pill, style);
  return pill;
}

/* The row's chevron only decorates it: the row is what a screen reader announces. */
static GtkWidget *
next_icon_new (void)
{
  return g_object_new (GTK_TYPE_IMAGE, "icon-name", "go-next-symbolic",
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
}

static GtkWidget *
assign_button_new (LkTrainingExercise *exercise)
{
  g_autofree char *name = g_strdup_printf ("Assign “%s” to a trainee",
                                           lk_training_exercise_get_name (exercise));
  GtkWidget *button = gtk_button_new_with_mnemonic ("_Assign…");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "training.assign");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x",
                                    lk_training_exercise_get_id (exercise));
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, name, -1);
  return button;
}

static GtkWidget *
exercise_row_new (LkTrainingPage     *self,
                  LkTrainingExercise *e)
{
  GtkWidget *row = adw_action_row_new ();
  guint n = lk_training_exercise_get_n_items (e), done = lk_training_exercise_get_n_submitted (e);
  const char *due = lk_training_exercise_get_due_date (e);
  g_autofree char *subtitle =
    is_trainer (self)
    ? g_strdup_printf ("%u items · %u assigned · %u answers submitted", n,
                       lk_training_exercise_get_n_assigned (e), done)
    : g_strdup_printf ("%u of %u items submitted · %s%s", done, n, due ? "due " : "no due date",
                       due ? due : "");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lk_training_exercise_get_name (e));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (is_trainer (self))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), assign_button_new (e));
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               done == n ? pill_new ("Completed", "success")
                               : pill_new (done == 0 ? "Not started" : "In progress", "accent"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), next_icon_new ());
  g_object_set_data_full (G_OBJECT (row), "exercise", g_object_ref (e), g_object_unref);
  return row;
}

static const char *
state_label (const char *state)
{
  if (g_str_equal (state, "submitted"))
    return "Submitted";
  return g_str_equal (state, "in-progress") ? "In progress" : "Not started";
}

static GtkWidget *
item_row_new (LkTrainingItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  const char *state = lk_training_item_get_state (item);
  g_autofree char *title = g_strdup_printf ("Pair %s", lk_training_item_get_pair_id (item));
  g_autofree char *subtitle =
    lk_training_item_get_truth_visible (item)
    ? g_strdup_printf ("Your level %+d · %s", lk_training_item_get_level (item),
                       lk_training_item_get_mated (item) ? "mated (same person)"
                                                         : "non-mated (different people)")
    : g_strdup_printf ("Item %u", lk_training_item_get_position (item));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             pill_new (state_label (state), g_str_equal (state, "submitted")
                                                            ? "success" : "accent"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), next_icon_new ());
  g_object_set_data_full (G_OBJECT (row), "item", g_object_ref (item), g_object_unref);
  return row;
}

/* ---- views --------------------------------------------------------------------------------- */

static void
set_message (LkTrainingPage *self,
             const char     *text)
{
  lk_label_set_message (self->message_label, text);
}

void
lk_training_page_reload (LkTrainingPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  guint n;

  g_return_if_fail (LK_IS_TRAINING_PAGE (self));

  clear_list (self->exercises_list);
  gtk_widget_set_visible (GTK_WIDGET (self->exercises_list), FALSE);
  if (self->session == NULL || (!is_trainer (self) && !is_trainee (self)))
    {
      set_message (self, "Training is for trainers and trainees. Ask an administrator for one "
                         "of these roles to take part in proficiency exercises.");
      return;
    }
  if ((list = lk_training_exercises_list (self->session, &error)) == NULL)
    {
      set_message (self, error->message);
      return;
    }
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkTrainingExercise) e = g_list_model_get_item (list, i);

      gtk_list_box_append (self->exercises_list, exercise_row_new (self, e));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->exercises_list), n > 0);
  lk_fix_button_names (GTK_WIDGET (self->exercises_list));
  set_message (self, n > 0 ? NULL : is_trainer (self)
                     ? "No exercise yet. Create one from image pairs, or import a folder "
                       "with pairs.csv."
                     : "No exercise is assigned to you yet.");
}

static void
show_items (LkTrainingPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(LkTrainingExercise) fresh = NULL;
  gint64 id = lk_training_exercise_get_id (self->exercise);
  g_autofree char *subtitle = NULL;

  if ((fresh = lk_training_exercise_get (self->session, id, &error)) == NULL ||
      (items = lk_training_items_list (self->session, id, NULL, &error)) == NULL)
    {
      lk_show_error (GTK_WIDGET (self), "Could Not Open the Exercise", error->message);
      return;
    }
  g_set_object (&self->exercise, fresh);
  clear_list (self->items_list);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(LkTrainingItem) item = g_list_model_get_item (items, i);

      gtk_list_box_append (self->items_list, item_row_new (item));
    }
  lk_fix_button_names (GTK_WIDGET (self->items_list));
  gtk_label_set_label (self->items_title, lk_training_exercise_get_name (fresh));
  subtitle = g_strdup_printf ("%s\n%u of %u items submitted. Each pair opens for examination "
                              "as in casework; its ground truth is shown once you submit it.",
                              lk_training_exercise_get_instructions (fresh),
                              lk_training_exercise_get_n_submitted (fresh),
                              lk_training_exercise_get_n_items (fresh));
  gtk_label_set_label (self->items_subtitle, subtitle);
  show_view (self, "items", "Training");
}

static void
open_exercise (LkTrainingPage     *self,
               LkTrainingExercise *exercise)
{
  g_set_object (&self->exercise, exercise);
  if (is_trainer (self))
    {
      lk_training_dashboard_set_exercise (self->dashboard, self->session, exercise);
      show_view (self, "dashboard", "Training");
      return;
    }
  show_items (self);
}

static void
open_item (LkTrainingPage *self,
           gint64          item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkTrainingItem) item = lk_training_item_open (self->session, item_id, &error);
  g_autofree char *where = NULL;

  if (item == NULL)
    {
      lk_show_error (GTK_WIDGET (self), "Could Not Open the Item", error->message);
      return;
    }
  lk_training_item_view_set_item (self->item_view, self->session, self->exercise, item);
  where = g_strdup_printf ("Training › %s", lk_training_exercise_get_name (self->exercise));
  show_view (self, "item", where);
}

static void
on_exercise_activated (LkTrainingPage *self,
                       GtkListBoxRow  *row)
{
  open_exercise (self, g_object_get_data (G_OBJECT (row), "exercise"));
}

static void
on_item_activated (LkTrainingPage *self,
                   GtkListBoxRow  *row)
{
  open_item (self, lk_training_item_get_id (g_object_get_data (G_OBJECT (row), "item")));
}

static void
on_item_submitted (LkTrainingPage *self)
{
  lk_toast (GTK_WIDGET (self), "Item submitted: its feedback is shown above the images");
}

/* ---- actions ------------------------------------------------------------------------------- */

static LkTrainingExercise *
find_exercise (LkTrainingPage *self,
               gint64          id)
{
  g_autoptr(GError) error = NULL;
  LkTrainingExercise *e = lk_training_exercise_get (self->session, id, &error);

  if (e == NULL)
    lk_show_error (GTK_WIDGET (self), "Could Not Open the Exercise", error->message);
  return e;
}

static void
open_exercise_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LkTrainingPage *self = LK_TRAINING_PAGE (widget);
  g_autoptr(LkTrainingExercise) e = find_exercise (self, g_variant_get_int64 (parameter));

  if (e != NULL)
    open_exercise (self, e);
}

static void
open_item_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_item (LK_TRAINING_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LkTrainingPage *self = LK_TRAINING_PAGE (widget);

  if (g_str_equal (lk_training_page_get_view (self), "item"))
    {
      show_items (self);
      return;
    }
  lk_training_page_reload (self);
  show_view (self, "exercises", NULL);
}

/* ---- assigning ----------------------------------------------------------------------------- */

static void
on_assign_response (AdwMessageDialog *dialog,
                    const char       *response,
                    LkTrainingPage   *self)
{
  GtkDropDown *trainees = g_object_get_data (G_OBJECT (dialog), "trainees");
  GtkEditable *due = g_object_get_data (G_OBJECT (dialog), "due");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "exercise"));
  GtkStringObject *chosen = gtk_drop_down_get_selected_item (trainees);
  const char *due_text = gtk_editable_get_text (due);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "assign") || chosen == NULL)
    return;
  if (!lk_training_assign (self->session, id, gtk_string_object_get_string (chosen),
                           *due_text != '\0' ? due_text : NULL, &error))
    {
      lk_show_error (GTK_WIDGET (self), "Could Not Assign the Exercise", error->message);
      return;
    }
  lk_toast (GTK_WIDGET (self), "Exercise assigned");
  lk_training_page_reload (self);
}

static void
assign_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkTrainingPage *self = LK_TRAINING_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = lk_training_trainee_candidates (self->session, &error);
  GtkWidget *dialog, *box, *trainees, *due;

  if (names == NULL)
    {
      lk_show_error (widget, "Could Not Assign the Exercise", error->message);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   "Assign the Exercise", "Choose a trainee and, if you like, a "
                                   "due date (YYYY-MM-DD).");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  trainees = gtk_drop_down_new_from_strings ((const char * const *) names);
  due = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (due), "Due date, YYYY-MM-DD (optional)");
  gtk_accessible_update_property (GTK_ACCESSIBLE (trainees), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Trainee", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (due), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Due date", -1);
  gtk_box_append (GTK_BOX (box), trainees);
  gtk_box_append (GTK_BOX (box), due);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", "_Cancel",
                                    "assign", "_Assign", NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "assign",
                                              ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "trainees", trainees);
  g_object_set_data (G_OBJECT (dialog), "due", due);
  g_object_set_data (G_OBJECT (dialog), "exercise",
                     GSIZE_TO_POINTER (g_variant_get_int64 (parameter)));
  g_signal_connect (dialog, "response", G_CALLBACK (on_assign_response), self);
  lk_present_dialog (GTK_WINDOW (dialog));
}

/* ---- importing ----------------------------------------------------------------------------- */

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkTrainingPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (lk_training_exercise_import_finish (result, &error) == 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lk_show_error (GTK_WIDGET (self), "Could Not Import the Exercise", error->message);
      return;
    }
  lk_toast (GTK_WIDGET (self), "Exercise imported");
  lk_training_page_reload (self);
}

static void
on_import_details (AdwMessageDialog *dialog,
                   const char       *response,
                   LkTrainingPage   *self)
{
  const char *folder = g_object_get_data (G_OBJECT (dialog), "folder");
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "name");
  GtkEditable *instructions = g_object_get_data (G_OBJECT (dialog), "instructions");
  LkTrainingExerciseSpec spec = { gtk_editable_get_text (name),
                                  gtk_editable_get_text (instructions), NULL, 0 };

  if (!g_str_equal (response, "import"))
    return;
  lk_training_exercise_import_async (self->session, &spec, folder, self->cancellable,
                                     on_imported, g_object_ref (self));
}

static GtkWidget *
entry_new (const char *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  placeholder, -1);
  return entry;
}

static void
ask_import_details (LkTrainingPage *self,
                    const char     *folder)
{
  g_autofree char *body = g_strdup_printf ("From %s. Every pair and image is checked before "
                                           "anything is written.", folder);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              "Import the Exercise", body);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *name = entry_new ("Exercise name");
  GtkWidget *instructions = entry_new ("Instructions for the trainees");
  g_autofree char *base = g_path_get_basename (folder);

  gtk_editable_set_text (GTK_EDITABLE (name), base);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), instructions);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", "_Cancel",
                                    "import", "_Import", NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "folder", g_strdup (folder), g_free);
  g_object_set_data (G_OBJECT (dialog), "name", name);
  g_object_set_data (G_OBJECT (dialog), "instructions", instructions);
  g_signal_connect (dialog, "response", G_CALLBACK (on_import_details), self);
  lk_present_dialog (GTK_WINDOW (dialog));
}

static void
on_folder_chosen (LkTrainingPage *self,
                  int             response)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    ask_import_details (self, path);
  g_clear_object (&self->chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkTrainingPage *self = LK_TRAINING_PAGE (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new ("Choose the Exercise Folder",
                                               GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, "_Choose",
                                               "_Cancel");
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_folder_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- a new exercise from pairs picked in the application ------------------------------------ */

static void
on_exercise_created (LkTrainingExerciseDialog *dialog,
                     gint64                    id,
                     LkTrainingPage           *self)
{
  lk_toast (GTK_WIDGET (self), "Exercise created: assign it to trainees");
  lk_training_page_reload (self);
}

static void
new_exercise_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LkTrainingPage *self = LK_TRAINING_PAGE (widget);
  LkTrainingExerciseDialog *dialog =
    lk_training_exercise_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->session);

  g_signal_connect_object (dialog, "created", G_CALLBACK (on_exercise_created), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- life cycle ---------------------------------------------------------------------------- */

void
lk_training_page_set_session (LkTrainingPage *self,
                              LkSession      *session)
{
  g_return_if_fail (LK_IS_TRAINING_PAGE (self));

  g_set_object (&self->session, session);
  gtk_widget_set_visible (self->import_button, is_trainer (self));
  gtk_widget_set_visible (self->new_button, is_trainer (self));
  gtk_label_set_label (self->intro_label, is_trainer (self)
                       ? "Proficiency exercises of image pairs with hidden ground truth. Open "
                         "an exercise for its trainees' scores."
                       : "Your proficiency exercises. Each pair is examined as in casework; "
                         "its ground truth is shown once you submit it.");
  lk_training_page_reload (self);
  show_view (self, "exercises", NULL);
}

static void
lk_training_page_dispose (GObject *object)
{
  LkTrainingPage *self = LK_TRAINING_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_TRAINING_PAGE);
  g_clear_object (&self->exercise);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (lk_training_page_parent_class)->dispose (object);
}

static void
lk_training_page_class_init (LkTrainingPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lk_training_page_dispose;
  g_type_ensure (LK_TYPE_TRAINING_ITEM_VIEW);
  g_type_ensure (LK_TYPE_TRAINING_DASHBOARD);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/likeness/Likeness/"
                                               "lk-training-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LkTrainingPage, nav_bar);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingPage, nav_label);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingPage, intro_label);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingPage, exercises_list);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingPage, items_title);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingPage, items_subtitle);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingPage, items_list);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingPage, item_view);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingPage, dashboard);
  gtk_widget_class_bind_template_callback (widget_class, on_exercise_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_item_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_item_submitted);
  gtk_widget_class_install_action (widget_class, "training.open-exercise", "x",
                                   open_exercise_action);
  gtk_widget_class_install_action (widget_class, "training.open-item", "x", open_item_action);
  gtk_widget_class_install_action (widget_class, "training.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "training.assign", "x", assign_action);
  gtk_widget_class_install_action (widget_class, "training.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "training.new-exercise", NULL,
                                   new_exercise_action);
}

static void
lk_training_page_init (LkTrainingPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  lk_label_stack_pages (self->stack);
}
