/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A trainer's new exercise from image pairs picked in the application, or generated from a
 * labelled gallery folder. */
#include "config.h"

#include "lk-training-exercise-dialog.h"

#include "lk-ui-util.h"

typedef struct
{
  GFile     *a;
  GFile     *b;
  GtkWidget *row;
  GtkWidget *mated;
  GtkWidget *difficulty;
} Pair;

struct _LkTrainingExerciseDialog
{
  AdwWindow             parent_instance;

  LkSession            *session;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  GPtrArray            *pairs;   /* Pair */

  GtkLabel             *error_label;
  GtkEditable          *name_row;
  GtkEditable          *instructions_row;
  GtkSpinButton        *limit_spin;
  AdwPreferencesGroup  *pairs_group;
  GtkWidget            *create_button;
  char                 *gallery;
  AdwActionRow         *gallery_row;
  GtkSpinButton        *pairs_spin;
  GtkSpinButton        *share_spin;
  GtkSpinButton        *seed_spin;
  AdwComboRow          *difficulty_row;
  GtkWidget            *generate_button;
};

G_DEFINE_FINAL_TYPE (LkTrainingExerciseDialog, lk_training_exercise_dialog, ADW_TYPE_WINDOW)

enum { CREATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char * const truth_labels[] = { "Mated: the same person",
                                             "Non-mated: different people", NULL };

static void
pair_free (Pair *pair)
{
  g_clear_object (&pair->a);
  g_clear_object (&pair->b);
  g_free (pair);
}

/* ---- the pairs ----------------------------------------------------------------------------- */

static const char * const difficulty_labels[] = { "Easy", "Medium", "Hard", NULL };

/* Each pair's row says what it holds, so that a closed row still reads whole. */
static void
summarise (Pair *pair)
{
  g_autofree char *a = g_file_get_basename (pair->a);
  g_autofree char *b = g_file_get_basename (pair->b);
  guint truth = adw_combo_row_get_selected (ADW_COMBO_ROW (pair->mated));
  guint level = adw_combo_row_get_selected (ADW_COMBO_ROW (pair->difficulty));
  g_autofree char *subtitle = g_strdup_printf ("%s and %s · %s · %s", a, b,
                                               truth == 0 ? "mated" : "non-mated",
                                               lk_training_difficulties ()[MIN (level, 2)]);

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (pair->row), subtitle);
}

static void
renumber (LkTrainingExerciseDialog *self)
{
  for (guint i = 0; i < self->pairs->len; i++)
    {
      Pair *pair = g_ptr_array_index (self->pairs, i);
      g_autofree char *title = g_strdup_printf ("Pair %u", i + 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pair->row), title);
      summarise (pair);
    }
}

static void
on_remove (GtkButton                *button,
           LkTrainingExerciseDialog *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");

  for (guint i = 0; i < self->pairs->len; i++)
    if (((Pair *) g_ptr_array_index (self->pairs, i))->row == row)
      {
        adw_preferences_group_remove (self->pairs_group, row);
        g_ptr_array_remove_index (self->pairs, i);
        break;
      }
  renumber (self);
}

/* A choice as a row of its own: the choices of every pair line up under one another. */
static GtkWidget *
choice_row (const char * const *labels,
            guint               selected,
            const char         *title)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  return row;
}

static void
on_choice_changed (GtkWidget *row)
{
  summarise (g_object_get_data (G_OBJECT (row), "pair"));
}

void
lk_training_exercise_dialog_add_pair (LkTrainingExerciseDialog *self,
                                      GFile                    *a,
                                      GFile                    *b,
                                      gboolean                  mated,
                                      const char               *difficulty)
{
  const char * const *difficulties = lk_training_difficulties ();
  Pair *pair = g_new0 (Pair, 1);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  guint level = 1;

  g_return_if_fail (LK_IS_TRAINING_EXERCISE_DIALOG (self));

  for (guint i = 0; difficulties[i] != NULL; i++)
    if (g_strcmp0 (difficulties[i], difficulty) == 0)
      level = i;
  pair->a = g_object_ref (a);
  pair->b = g_object_ref (b);
  pair->row = adw_expander_row_new ();
  pair->mated = choice_row (truth_labels, mated ? 0 : 1, "Ground truth");
  pair->difficulty = choice_row (difficulty_labels, level, "Difficulty");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, "Remove the pair");
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Remove the pair", -1);
  g_object_set_data (G_OBJECT (remove), "row", pair->row);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove), self, 0);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (pair->row), FALSE);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (pair->row), pair->mated);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (pair->row), pair->difficulty);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (pair->row), remove);
  g_object_set_data (G_OBJECT (pair->mated), "pair", pair);
  g_object_set_data (G_OBJECT (pair->difficulty), "pair", pair);
  g_signal_connect (pair->mated, "notify::selected", G_CALLBACK (on_choice_changed), NULL);
  g_signal_connect (pair->difficulty, "notify::selected", G_CALLBACK (on_choice_changed), NULL);
  adw_preferences_group_add (self->pairs_group, pair->row);
  g_ptr_array_add (self->pairs, pair);
  renumber (self);
  lk_fix_button_names (pair->row);
}

guint
lk_training_exercise_dialog_get_n_pairs (LkTrainingExerciseDialog *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_EXERCISE_DIALOG (self), 0);
  return self->pairs->len;
}

static void
on_files_chosen (LkTrainingExerciseDialog *self,
                 int                       response)
{
  g_autoptr(GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (self->chooser));
      if (g_list_model_get_n_items (files) == 2)
        {
          g_autoptr(GFile) a = g_list_model_get_item (files, 0);
          g_autoptr(GFile) b = g_list_model_get_item (files, 1);

          lk_training_exercise_dialog_add_pair (self, a, b, TRUE, "medium");
        }
      else
        lk_label_set_message (self->error_label, "Choose exactly two images: the two of one "
                              "pair");
    }
  g_clear_object (&self->chooser);
}

static void
add_pair_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LkTrainingExerciseDialog *self = LK_TRAINING_EXERCISE_DIALOG (widget);

  if (self->chooser != NULL)
    return;
  lk_label_set_message (self->error_label, NULL);
  self->chooser = gtk_file_chooser_native_new ("Choose the Two Images of the Pair",
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                               "_Add", "_Cancel");
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_files_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- creating, in a worker thread ---------------------------------------------------------- */

typedef struct
{
  LkSession *session;
  char      *name;
  char      *instructions;
  gint64     time_limit;
  GPtrArray *files;       /* GFile, two per pair */
  GArray    *mated;       /* gboolean */
  GPtrArray *difficulty;  /* char * */
} CreateJob;

static void
create_job_free (CreateJob *job)
{
  g_clear_object (&job->session);
  g_free (job->name);
  g_free (job->instructions);
  g_clear_pointer (&job->files, g_ptr_array_unref);
  g_clear_pointer (&job->mated, g_array_unref);
  g_clear_pointer (&job->difficulty, g_ptr_array_unref);
  g_free (job);
}

static gpointer
create_job (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  CreateJob *job = data;
  guint n = job->mated->len;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) pairs = g_array_new (FALSE, TRUE, sizeof (LkTrainingPair));
  LkTrainingExerciseSpec spec = { job->name, job->instructions, NULL, job->time_limit };
  gint64 *id;

  for (guint i = 0; i < 2 * n; i++)
    {
      GBytes *bytes = g_file_load_bytes (g_ptr_array_index (job->files, i), cancellable, NULL,
                                         error);

      if (bytes == NULL)
        return NULL;
      g_ptr_array_add (keep, bytes);
    }
  for (guint i = 0; i < n; i++)
    {
      LkTrainingPair pair = { NULL, g_ptr_array_index (keep, 2 * i),
                              g_ptr_array_index (keep, 2 * i + 1),
                              g_array_index (job->mated, gboolean, i),
                              g_ptr_array_index (job->difficulty, i), NULL };

      g_ptr_array_add (ids, g_strdup_printf ("%u", i + 1));
      pair.pair_id = g_ptr_array_index (ids, i);
      g_array_append_val (pairs, pair);
    }
  id = g_new (gint64, 1);
  *id = lk_training_exercise_create (job->session, &spec, (LkTrainingPair *) pairs->data, n,
                                     error);
  if (*id == 0)
    {
      g_free (id);
      return NULL;
    }
  return id;
}

static void
on_created (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LkTrainingExerciseDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = lk_task_finish (result, create_job, &error);

  gtk_widget_set_sensitive (self->create_button, TRUE);
  if (id == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lk_label_set_message (self->error_label, error->message);
      return;
    }
  g_signal_emit (self, signals[CREATED], 0, *id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkTrainingExerciseDialog *self = LK_TRAINING_EXERCISE_DIALOG (widget);
  CreateJob *job = g_new0 (CreateJob, 1);

  job->session = g_object_ref (self->session);
  job->name = g_strdup (gtk_editable_get_text (self->name_row));
  job->instructions = g_strdup (gtk_editable_get_text (self->instructions_row));
  job->time_limit = 60 * (gint64) gtk_spin_button_get_value_as_int (self->limit_spin);
  job->files = g_ptr_array_new_with_free_func (g_object_unref);
  job->mated = g_array_new (FALSE, FALSE, sizeof (gboolean));
  job->difficulty = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->pairs->len; i++)
    {
      Pair *pair = g_ptr_array_index (self->pairs, i);
      gboolean mated = adw_combo_row_get_selected (ADW_COMBO_ROW (pair->mated)) == 0;
      guint level = adw_combo_row_get_selected (ADW_COMBO_ROW (pair->difficulty));

      g_ptr_array_add (job->files, g_object_ref (pair->a));
      g_ptr_array_add (job->files, g_object_ref (pair->b));
      g_array_append_val (job->mated, mated);
      g_ptr_array_add (job->difficulty, g_strdup (lk_training_difficulties ()[MIN (level, 2)]));
    }
  lk_label_set_message (self->error_label, NULL);
  gtk_widget_set_sensitive (self->create_button, FALSE);
  lk_task_run (self, self->cancellable, on_created, g_object_ref (self), create_job, create_job,
               job, (GDestroyNotify) create_job_free, g_free);
}

/* ---- generating from a gallery, in a worker thread ------------------------------------------ */

void
lk_training_exercise_dialog_set_gallery (LkTrainingExerciseDialog *self,
                                         const char               *folder)
{
  g_return_if_fail (LK_IS_TRAINING_EXERCISE_DIALOG (self));

  g_free (self->gallery);
  self->gallery = g_strdup (folder);
  adw_action_row_set_subtitle (self->gallery_row, folder != NULL ? folder : "None chosen");
}

static void
on_gallery_chosen (LkTrainingExerciseDialog *self,
                   int                       response)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    lk_training_exercise_dialog_set_gallery (self, path);
  g_clear_object (&self->chooser);
}

static void
choose_gallery_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LkTrainingExerciseDialog *self = LK_TRAINING_EXERCISE_DIALOG (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new ("Choose the Gallery Folder", GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, "_Choose",
                                               "_Cancel");
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_gallery_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

typedef struct
{
  LkSession *session;
  char      *name;
  char      *instructions;
  gint64     time_limit;
  char      *gallery;
  guint      n_pairs;
  double     share;
  guint32    seed;
  char      *difficulty;
} GenerateJob;

static void
generate_job_free (GenerateJob *job)
{
  g_clear_object (&job->session);
  g_free (job->name);
  g_free (job->instructions);
  g_free (job->gallery);
  g_free (job->difficulty);
  g_free (job);
}

static gpointer
generate_job (gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  GenerateJob *job = data;
  LkTrainingExerciseSpec spec = { job->name, job->instructions, NULL, job->time_limit };
  LkTrainingGenerateSpec gen = { job->gallery, job->n_pairs, job->share, job->seed,
                                 job->difficulty };
  gint64 *id = g_new (gint64, 1);

  if ((*id = lk_training_exercise_generate (job->session, &spec, &gen, error)) == 0)
    {
      g_free (id);
      return NULL;
    }
  return id;
}

static void
on_generated (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LkTrainingExerciseDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = lk_task_finish (result, generate_job, &error);

  gtk_widget_set_sensitive (self->create_button, TRUE);
  gtk_widget_set_sensitive (self->generate_button, TRUE);
  if (id == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lk_label_set_message (self->error_label, error->message);
      return;
    }
  g_signal_emit (self, signals[CREATED], 0, *id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
generate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  static const char * const difficulties[] = { "mixed", "easy", "medium", "hard" };
  LkTrainingExerciseDialog *self = LK_TRAINING_EXERCISE_DIALOG (widget);
  GenerateJob *job;

  if (self->gallery == NULL)
    {
      lk_label_set_message (self->error_label, "Choose the gallery folder first");
      return;
    }
  job = g_new0 (GenerateJob, 1);
  job->session = g_object_ref (self->session);
  job->name = g_strdup (gtk_editable_get_text (self->name_row));
  job->instructions = g_strdup (gtk_editable_get_text (self->instructions_row));
  job->time_limit = 60 * (gint64) gtk_spin_button_get_value_as_int (self->limit_spin);
  job->gallery = g_strdup (self->gallery);
  job->n_pairs = (guint) gtk_spin_button_get_value_as_int (self->pairs_spin);
  job->share = gtk_spin_button_get_value (self->share_spin) / 100;
  job->seed = (guint32) gtk_spin_button_get_value_as_int (self->seed_spin);
  job->difficulty = g_strdup (difficulties[MIN (adw_combo_row_get_selected (self->difficulty_row),
                                                3)]);
  lk_label_set_message (self->error_label, NULL);
  gtk_widget_set_sensitive (self->create_button, FALSE);
  gtk_widget_set_sensitive (self->generate_button, FALSE);
  lk_task_run (self, self->cancellable, on_generated, g_object_ref (self), generate_job,
               generate_job, job, (GDestroyNotify) generate_job_free, g_free);
}

/* ---- life cycle ---------------------------------------------------------------------------- */

LkTrainingExerciseDialog *
lk_training_exercise_dialog_new (GtkWindow *parent,
                                 LkSession *session)
{
  LkTrainingExerciseDialog *self = g_object_new (LK_TYPE_TRAINING_EXERCISE_DIALOG,
                                                 "transient-for", parent, NULL);

  self->session = g_object_ref (session);
  return self;
}

static void
lk_training_exercise_dialog_dispose (GObject *object)
{
  LkTrainingExerciseDialog *self = LK_TRAINING_EXERCISE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_TRAINING_EXERCISE_DIALOG);
  G_OBJECT_CLASS (lk_training_exercise_dialog_parent_class)->dispose (object);
}

static void
lk_training_exercise_dialog_finalize (GObject *object)
{
  LkTrainingExerciseDialog *self = LK_TRAINING_EXERCISE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pairs, g_ptr_array_unref);
  g_clear_pointer (&self->gallery, g_free);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (lk_training_exercise_dialog_parent_class)->finalize (object);
}

static void
lk_training_exercise_dialog_class_init (LkTrainingExerciseDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lk_training_exercise_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = lk_training_exercise_dialog_finalize;
  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_template_from_resource (widget_class, LK_RESOURCE_PATH
                                               "/lk-training-exercise-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LkTrainingExerciseDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingExerciseDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingExerciseDialog,
                                        instructions_row);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingExerciseDialog, limit_spin);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingExerciseDialog, pairs_group);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingExerciseDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingExerciseDialog, gallery_row);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingExerciseDialog, pairs_spin);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingExerciseDialog, share_spin);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingExerciseDialog, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingExerciseDialog, difficulty_row);
  gtk_widget_class_bind_template_child (widget_class, LkTrainingExerciseDialog,
                                        generate_button);
  gtk_widget_class_install_action (widget_class, "exercise-dialog.add-pair", NULL,
                                   add_pair_action);
  gtk_widget_class_install_action (widget_class, "exercise-dialog.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "exercise-dialog.choose-gallery", NULL,
                                   choose_gallery_action);
  gtk_widget_class_install_action (widget_class, "exercise-dialog.generate", NULL,
                                   generate_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lk_training_exercise_dialog_init (LkTrainingExerciseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lk_fix_button_names (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) pair_free);
}
