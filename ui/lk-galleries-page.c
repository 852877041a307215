/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Administration > Reference Databases and the enrolment of galleries. */
#include "config.h"

#include "lk-galleries-page.h"
#include "lk-ui-util.h"

struct _LkGalleriesPage
{
  AdwBin                parent_instance;

  LkSession            *session;
  GPtrArray            *rows;
  GCancellable         *enrolment;
  GtkFileChooserNative *chooser;
  char                 *chooser_database;
  LkProgress           *progress;
  char                 *enrol_database; /* of the running or last enrolment */
  char                 *enrol_source;

  AdwPreferencesGroup  *databases_group;
  AdwPreferencesGroup  *progress_group;
  GtkProgressBar       *progress_bar;
  GtkLabel             *progress_label;
  AdwPreferencesGroup  *report_group;
  AdwExpanderRow       *report_row;
  GPtrArray            *report_rows;
  AdwActionRow         *model_row;
  GtkWidget            *install_button;
  GFile                *chosen_model;   /* between the model's chooser and the descriptor's */
  gboolean              installing;
};

G_DEFINE_FINAL_TYPE (LkGalleriesPage, lk_galleries_page, ADW_TYPE_BIN)

gboolean
lk_galleries_page_is_busy (LkGalleriesPage *self)
{
  g_return_val_if_fail (LK_IS_GALLERIES_PAGE (self), FALSE);
  return self->enrolment != NULL;
}

/* ---- the list ------------------------------------------------------------------------------ */

/* The gallery's retention: the earliest day one of its images (and templates) may go. */
static char *
retention_text (LkStore             *store,
                const LkReferenceDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = lk_retention_gallery_date (store, db->id, &error);

  if (error != NULL)
    return g_strdup (error->message);
  return date != NULL ? g_strdup_printf ("first image kept until %s", date)
                      : g_strdup ("images kept without limit");
}

static GtkWidget *
database_row (LkStore             *store,
              const LkReferenceDb *db)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *retention = retention_text (store, db);
  g_autofree char *subtitle = g_strcmp0 (db->held_by, "likeness") == 0
    ? g_strdup_printf ("Held by Likeness, %d images, %s · legal basis: %s", db->n_images,
                       retention, db->legal_basis)
    : g_strdup_printf ("External engine · legal basis: %s", db->legal_basis);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), db->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (g_strcmp0 (db->held_by, "likeness") == 0)
    {
      GtkWidget *button = gtk_menu_button_new ();
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenuItem) folder = g_menu_item_new ("From a _Folder (One Sub-Folder per "
                                                     "Subject)…", NULL);
      g_autoptr(GMenuItem) csv = g_menu_item_new ("From a _CSV List (Image, Subject)…", NULL);
      g_autofree char *label = g_strdup_printf ("Enrol images into %s", db->name);

      g_menu_item_set_action_and_target (folder, "galleries.enrol", "s", db->name);
      g_menu_item_set_action_and_target (csv, "galleries.enrol-csv", "s", db->name);
      g_menu_append_item (menu, folder);
      g_menu_append_item (menu, csv);
      gtk_menu_button_set_label (GTK_MENU_BUTTON (button), "Enrol Images");
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* GTK 4.8 reads a menu button's outer button by its class unless it is named; the
       * inner one reads its text. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
reload (LkGalleriesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) dbs = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->databases_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  dbs = lk_reference_db_list (self->session, &error);
  if (dbs == NULL)
    {
      lk_toast (GTK_WIDGET (self), error->message);
      return;
    }
  for (guint i = 0; i < dbs->len; i++)
    {
      GtkWidget *row = database_row (lk_session_get_store (self->session),
                                     g_ptr_array_index (dbs, i));

      adw_preferences_group_add (self->databases_group, row);
      g_ptr_array_add (self->rows, row);
    }
  if (dbs->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "No reference database yet");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   "Register the databases your engines search, with their legal "
                                   "basis, before any candidate list is imported.");
      adw_preferences_group_add (self->databases_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void read_model (LkGalleriesPage *self);

void
lk_galleries_page_set_session (LkGalleriesPage *self,
                               LkSession       *session)
{
  g_return_if_fail (LK_IS_GALLERIES_PAGE (self));

  if (g_set_object (&self->session, session) && session != NULL &&
      lk_session_has_role (session, LK_ROLE_ADMINISTRATOR))
    {
      reload (self);
      read_model (self);
    }
}

/* ---- registering --------------------------------------------------------------------------- */

static void
on_register_response (AdwMessageDialog *dialog,
                      const char       *response,
                      LkGalleriesPage  *self)
{
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "name");
  GtkEditable *basis = g_object_get_data (G_OBJECT (dialog), "basis");
  AdwComboRow *held = g_object_get_data (G_OBJECT (dialog), "held");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "register"))
    return;
  if (lk_reference_db_create (self->session, gtk_editable_get_text (name),
                              gtk_editable_get_text (basis),
                              adw_combo_row_get_selected (held) == 0 ? "likeness" : "external",
                              &error) == 0)
    {
      lk_show_error (GTK_WIDGET (self), "Database Not Registered", error->message);
      return;
    }
  reload (self);
}

static GtkWidget *
entry (GtkWidget  *list,
       const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static void
register_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  const char * const holders[] = { "Likeness (built-in engine gallery)", "An external engine",
                                   NULL };
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *name = entry (list, "Name");
  GtkWidget *basis = entry (list, "Legal basis");
  GtkWidget *held = adw_combo_row_new ();
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, "Register a Reference Database",
    "Name the database as engines name it in their candidate lists, and state the legal basis "
    "on which its images are held."));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (held), "Images held by");
  adw_combo_row_set_model (ADW_COMBO_ROW (held), G_LIST_MODEL (gtk_string_list_new (holders)));
  gtk_list_box_append (GTK_LIST_BOX (list), held);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", "_Cancel", "register", "_Register", NULL);
  adw_message_dialog_set_response_appearance (dialog, "register", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "name", name);
  g_object_set_data (G_OBJECT (dialog), "basis", basis);
  g_object_set_data (G_OBJECT (dialog), "held", held);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_register_response), widget, 0);
  lk_present_dialog (GTK_WINDOW (dialog));
}

/* ---- enrolment: progress reported by the core ------------------------------------------- */

static void
show_progress (LkGalleriesPage *self)
{
  g_autofree char *text = g_strdup_printf ("%u of %u images", lk_progress_get_done (self->progress),
                                           lk_progress_get_total (self->progress));
  const char *current = lk_progress_get_text (self->progress);

  gtk_progress_bar_set_fraction (self->progress_bar, lk_progress_get_fraction (self->progress));
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_label_set_text (self->progress_label, current ? current : "");
}

static void
clear_report (LkGalleriesPage *self)
{
  for (guint i = 0; i < self->report_rows->len; i++)
    adw_expander_row_remove (self->report_row, g_ptr_array_index (self->report_rows, i));
  g_ptr_array_set_size (self->report_rows, 0);
}

static void
show_report (LkGalleriesPage     *self,
             const LkEnrolReport *report,
             const char          *source,
             const GError        *error)
{
  g_autofree char *title = g_strdup_printf ("%s: %u enrolled, %u already enrolled, %u without a "
                                            "usable face", self->enrol_database, report->enrolled,
                                            report->already_enrolled,
                                            report->rejected ? report->rejected->len : 0);

  clear_report (self);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->report_row), title);
  adw_expander_row_set_subtitle (self->report_row,
                                 g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                 ? "Cancelled; the images enrolled before it stay enrolled"
                                 : error ? error->message : source);
  for (guint i = 0; report->rejected && i < report->rejected->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     g_ptr_array_index (report->rejected, i));
      adw_expander_row_add_row (self->report_row, row);
      g_ptr_array_add (self->report_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->report_group), TRUE);
}

static void
on_enrolled (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkGalleriesPage) self = user_data;
  g_auto(LkEnrolReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  lk_gallery_enrol_finish (result, &report, &error);
  g_clear_object (&self->enrolment);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_group), FALSE);
  show_report (self, &report, self->enrol_source, error);
  reload (self);
}

void
lk_galleries_page_enrol (LkGalleriesPage *self,
                         const char      *database,
                         GFile           *folder)
{
  g_return_if_fail (LK_IS_GALLERIES_PAGE (self));
  if (self->enrolment != NULL)
    return;
  self->enrolment = g_cancellable_new ();
  g_free (self->enrol_database);
  self->enrol_database = g_strdup (database);
  g_free (self->enrol_source);
  self->enrol_source = g_file_get_path (folder);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, "Reading the folder");
  gtk_label_set_text (self->progress_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->progress_group), TRUE);
  lk_gallery_enrol_async (self->session, database, self->enrol_source, self->progress,
                          self->enrolment, on_enrolled, g_object_ref (self));
}

static void
on_source_chosen (LkGalleriesPage *self,
                  int              response)
{
  g_autoptr(GFile) source = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));

  if (response == GTK_RESPONSE_ACCEPT && source != NULL)
    lk_galleries_page_enrol (self, self->chooser_database, source);
}

/* A folder with one sub-folder per subject, or a CSV of image,subject_ref lines: the core reads
 * either. */
static void
choose_source (LkGalleriesPage *self,
               const char      *database,
               gboolean         csv)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_free (self->chooser_database);
  self->chooser_database = g_strdup (database);
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (csv ? "Enrol from a CSV List (image, subject_ref)"
                                                   : "Enrol a Folder (one sub-folder per subject)",
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               csv ? GTK_FILE_CHOOSER_ACTION_OPEN
                                                   : GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               "_Enrol", "_Cancel");
  if (csv)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, "CSV lists");
      gtk_file_filter_add_suffix (filter, "csv");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
    }
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_source_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
enrol_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  choose_source (LK_GALLERIES_PAGE (widget), g_variant_get_string (parameter, NULL),
                 g_str_equal (action_name, "galleries.enrol-csv"));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkGalleriesPage *self = LK_GALLERIES_PAGE (widget);

  if (self->enrolment != NULL)
    g_cancellable_cancel (self->enrolment);
}

/* ---- the embedding model ------------------------------------------------------------------ */

static gpointer
model_info_job (gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  LkEmbeddingModelInfo *info = g_new0 (LkEmbeddingModelInfo, 1);

  if (lk_gallery_model_info (data, info, error))
    return info;
  lk_embedding_model_info_clear (info);
  g_free (info);
  return NULL;
}

static void
model_info_free (gpointer data)
{
  lk_embedding_model_info_clear (data);
  g_free (data);
}

static void
show_model (LkGalleriesPage            *self,
            const LkEmbeddingModelInfo *info,
            const GError               *error)
{
  g_autofree char *base = NULL;
  g_autofree char *subtitle = NULL;

  if (info == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->model_row),
                                     "The model in use cannot be read");
      adw_action_row_set_subtitle (self->model_row, error->message);
      return;
    }
  if (info->file == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->model_row),
                                     "No embedding model: classic templates");
      subtitle = g_strdup_printf ("%s · install a model to use a face-embedding network",
                                  info->engine);
      adw_action_row_set_subtitle (self->model_row, subtitle);
      return;
    }
  base = g_path_get_basename (info->file);
  subtitle = g_strdup_printf ("SHA-256 %s\n%s\nInput %s\n%s", info->sha256, info->file,
                              info->convention, info->engine);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->model_row), base);
  adw_action_row_set_subtitle (self->model_row, subtitle);
}

static void
on_model_read (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LkGalleriesPage *self = LK_GALLERIES_PAGE (object);
  g_autoptr(GError) error = NULL;
  LkEmbeddingModelInfo *info = lk_task_finish (result, read_model, &error);

  show_model (self, info, error);
  if (info != NULL)
    model_info_free (info);
}

/* Hashing a model of a hundred megabytes takes a moment: in a worker thread. */
static void
read_model (LkGalleriesPage *self)
{
  lk_task_run (self, NULL, on_model_read, NULL, read_model, model_info_job,
               g_object_ref (self->session), g_object_unref, model_info_free);
}

typedef struct
{
  LkSession *session;
  char      *model;
  char      *descriptor;
} Install;

static void
install_free (gpointer data)
{
  Install *install = data;

  g_object_unref (install->session);
  g_free (install->model);
  g_free (install->descriptor);
  g_free (install);
}

static gpointer
install_job (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Install *install = data;

  if (!lk_gallery_install_model (install->session, install->model, install->descriptor, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
set_installing (LkGalleriesPage *self,
                gboolean         installing)
{
  self->installing = installing;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "galleries.install-model", !installing);
}

static void
on_installed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LkGalleriesPage *self = LK_GALLERIES_PAGE (object);
  g_autoptr(GError) error = NULL;

  set_installing (self, FALSE);
  if (lk_task_finish (result, lk_galleries_page_install_model, &error) == NULL)
    {
      lk_show_error (GTK_WIDGET (self), "Model Not Installed", error->message);
      read_model (self);
      return;
    }
  lk_toast (GTK_WIDGET (self), "Model installed; galleries enrolled with another model must be "
                               "enrolled again before they are searched");
  read_model (self);
}

void
lk_galleries_page_install_model (LkGalleriesPage *self,
                                 GFile           *model,
                                 GFile           *descriptor)
{
  Install *install;

  g_return_if_fail (LK_IS_GALLERIES_PAGE (self));
  g_return_if_fail (G_IS_FILE (model) && G_IS_FILE (descriptor));
  if (self->installing || self->session == NULL)
    return;
  install = g_new0 (Install, 1);
  install->session = g_object_ref (self->session);
  install->model = g_file_get_path (model);
  install->descriptor = g_file_get_path (descriptor);
  set_installing (self, TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->model_row), "Installing…");
  adw_action_row_set_subtitle (self->model_row, install->model);
  lk_task_run (self, NULL, on_installed, NULL, lk_galleries_page_install_model, install_job,
               install, install_free, NULL);
}

static void
on_descriptor_chosen (LkGalleriesPage *self,
                      int              response)
{
  g_autoptr(GFile) descriptor = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_autoptr(GFile) model = g_steal_pointer (&self->chosen_model);

  if (response == GTK_RESPONSE_ACCEPT && descriptor != NULL && model != NULL)
    lk_galleries_page_install_model (self, model, descriptor);
}

static void
open_chooser (LkGalleriesPage *self,
              const char      *title,
              const char      *filter_name,
              const char      *suffix,
              GCallback        on_response)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    g_signal_handlers_disconnect_by_data (self->chooser, self);
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                         : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, "_Choose",
                                               "_Cancel");
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_swapped (self->chooser, "response", on_response, self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_model_chosen (LkGalleriesPage *self,
                 int              response)
{
  g_autoptr(GFile) model = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_autofree char *base = NULL;
  g_autofree char *title = NULL;

  if (response != GTK_RESPONSE_ACCEPT || model == NULL)
    return;
  g_set_object (&self->chosen_model, model);
  base = g_file_get_basename (model);
  title = g_strdup_printf ("The Descriptor of %s (Input Size, Channels, Mean, Scale)", base);
  open_chooser (self, title, "Model descriptors (JSON)", "json",
                G_CALLBACK (on_descriptor_chosen));
}

static void
install_model_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  open_chooser (LK_GALLERIES_PAGE (widget), "Install an Embedding Model (ONNX)",
                "ONNX models", "onnx", G_CALLBACK (on_model_chosen));
}

/* ---- object -------------------------------------------------------------------------------- */

static void
lk_galleries_page_dispose (GObject *object)
{
  LkGalleriesPage *self = LK_GALLERIES_PAGE (object);

  if (self->enrolment != NULL)
    g_cancellable_cancel (self->enrolment);
  if (self->chooser != NULL)
    g_signal_handlers_disconnect_by_data (self->chooser, self);
  g_clear_object (&self->chooser);
  g_clear_object (&self->chosen_model);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_GALLERIES_PAGE);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (lk_galleries_page_parent_class)->dispose (object);
}

static void
lk_galleries_page_finalize (GObject *object)
{
  LkGalleriesPage *self = LK_GALLERIES_PAGE (object);

  g_clear_object (&self->enrolment);
  g_clear_object (&self->progress);
  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->report_rows);
  g_free (self->chooser_database);
  g_free (self->enrol_database);
  g_free (self->enrol_source);
  G_OBJECT_CLASS (lk_galleries_page_parent_class)->finalize (object);
}

static void
lk_galleries_page_class_init (LkGalleriesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_galleries_page_dispose;
  object_class->finalize = lk_galleries_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-galleries-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LkGalleriesPage, databases_group);
  gtk_widget_class_bind_template_child (widget_class, LkGalleriesPage, progress_group);
  gtk_widget_class_bind_template_child (widget_class, LkGalleriesPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LkGalleriesPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, LkGalleriesPage, report_group);
  gtk_widget_class_bind_template_child (widget_class, LkGalleriesPage, report_row);
  gtk_widget_class_bind_template_child (widget_class, LkGalleriesPage, model_row);
  gtk_widget_class_bind_template_child (widget_class, LkGalleriesPage, install_button);
  gtk_widget_class_install_action (widget_class, "galleries.register", NULL, register_action);
  gtk_widget_class_install_action (widget_class, "galleries.enrol", "s", enrol_action);
  gtk_widget_class_install_action (widget_class, "galleries.enrol-csv", "s", enrol_action);
  gtk_widget_class_install_action (widget_class, "galleries.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "galleries.install-model", NULL,
                                   install_model_action);
}

static void
lk_galleries_page_init (LkGalleriesPage *self)
{
  self->progress = lk_progress_new ();
  g_signal_connect_object (self->progress, "notify::done", G_CALLBACK (show_progress), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->progress, "notify::text", G_CALLBACK (show_progress), self,
                           G_CONNECT_SWAPPED);
  self->rows = g_ptr_array_new ();
  self->report_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
