/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Administration > Reference Databases: enrolment from a folder and from a CSV list through the
 * page, with its report of images without a usable face, and a cancelled enrolment; the
 * embedding model in use, installed with its descriptor (its SHA-256 shown), and a descriptor
 * that does not match its model refused with the core's reason. */
#include "config.h"

#include <cairo.h>

#include "lk-galleries-page.h"
#include "lk-test-onnx.h"
#include "lk-test-ui.h"
#include "store/lk-store-private.h"
#include "candidates/lk-candidates.h"
#include "people/lk-session.h"
#include "store/lk-store.h"

#define ADMIN_PASSWORD "amber lantern 41"
#define GALLERY "Custody test gallery"

typedef struct
{
  char            *folder;
  LkStore         *store;
  LkSession       *admin;
  GtkWidget       *window;
  LkGalleriesPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = lk_test_store_new (&f->folder, ADMIN_PASSWORD);
  f->admin = lk_session_login (f->store, "admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  lk_reference_db_create (f->admin, GALLERY, "Custody images act s. 3", "likeness", &error);
  g_assert_no_error (error);
  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 700);
  f->page = g_object_new (LK_TYPE_GALLERIES_PAGE, NULL);
  adw_window_set_content (ADW_WINDOW (f->window), adw_toast_overlay_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (adw_window_get_content (ADW_WINDOW (f->window))),
                               GTK_WIDGET (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
  lk_galleries_page_set_session (f->page, f->admin);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lk_test_destroy_window (f->window, f->page, NULL);
  g_clear_object (&f->admin);
  /* No widget kept a session: the database closes. */
  lk_test_unref_finalized (g_steal_pointer (&f->store));
  lk_test_remove_folder (f->folder);
  g_free (f->folder);
}

/* ---- the images ---------------------------------------------------------------------------- */

static void
copy_demo (const char *demo,
           const char *target)
{
  g_autofree char *source = g_build_filename (g_getenv ("LIKENESS_SOURCE_DIR"), "data", "demo",
                                              demo, NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (target, contents, (gssize) length, NULL));
}

/* A smooth gradient: no face anywhere. */
static void
write_gradient (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 320, 240);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *gradient = cairo_pattern_create_linear (0, 0, 320, 240);

  cairo_pattern_add_color_stop_rgb (gradient, 0, 0.1, 0.2, 0.6);
  cairo_pattern_add_color_stop_rgb (gradient, 1, 0.9, 0.8, 0.3);
  cairo_set_source (cr, gradient);
  cairo_paint (cr);
  cairo_pattern_destroy (gradient);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

/* subject-a/grace.jpg, subject-b/astronaut.png and nobody/gradient.png under @root. */
static char *
subject_folders (Fixture *f)
{
  char *root = g_build_filename (f->folder, "subjects", NULL);
  const char *dirs[] = { "subject-a", "subject-b", "nobody" };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (root, dirs[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
    }
  {
    g_autofree char *a = g_build_filename (root, "subject-a", "grace.jpg", NULL);
    g_autofree char *b = g_build_filename (root, "subject-b", "astronaut.png", NULL);
    g_autofree char *none = g_build_filename (root, "nobody", "gradient.png", NULL);

    copy_demo ("grace_hopper.jpg", a);
    copy_demo ("astronaut.png", b);
    write_gradient (none);
  }
  return root;
}

/* ---- waiting for the page ------------------------------------------------------------------ */

static gboolean
idle_page (gpointer data)
{
  return !lk_galleries_page_is_busy (data);
}

static void
wait_until_done (Fixture *f)
{
  g_assert_true (lk_test_wait (idle_page, f->page, 60000));
}

static gint64
templates (Fixture *f)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (f->store, "SELECT count(*) FROM gallery_images",
                                          NULL);

  g_assert_nonnull (stmt);
  g_assert_true (lk_stmt_next (stmt, NULL));
  return lk_stmt_int64 (stmt, 0);
}

/* ---- tests --------------------------------------------------------------------------------- */

static void
test_enrol_folder (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *root = subject_folders (f);
  g_autoptr(GFile) folder = g_file_new_for_path (root);

  lk_galleries_page_enrol (f->page, GALLERY, folder);
  g_assert_true (lk_galleries_page_is_busy (f->page));
  wait_until_done (f);
  g_assert_nonnull (lk_test_find (GTK_WIDGET (f->page), ADW_TYPE_EXPANDER_ROW,
                                  GALLERY ": 2 enrolled, 0 already enrolled, 1 without a "
                                  "usable face"));
  /* The image without a face is named in the report. */
  g_assert_nonnull (lk_test_find (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW,
                                  "nobody/gradient.png: no face found"));
  g_assert_cmpint (templates (f), ==, 2);
}

static void
test_enrol_csv (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *root = subject_folders (f);
  g_autofree char *csv = g_build_filename (root, "list.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv);

  g_assert_true (g_file_set_contents (csv, "image,subject_ref\n"
                                           "subject-a/grace.jpg,CRO-1001\n"
                                           "subject-b/astronaut.png,CRO-1002\n", -1, NULL));
  lk_galleries_page_enrol (f->page, GALLERY, file);
  wait_until_done (f);
  g_assert_nonnull (lk_test_find (GTK_WIDGET (f->page), ADW_TYPE_EXPANDER_ROW,
                                  GALLERY ": 2 enrolled, 0 already enrolled, 0 without a "
                                  "usable face"));
  g_assert_cmpint (templates (f), ==, 2);
}

/* Cancelled at once: nothing half-done, and the report says what happened. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->folder, "many", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (root);

  for (int i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("subject-%02d", i);
      g_autofree char *dir = g_build_filename (root, name, NULL);
      g_autofree char *image = g_build_filename (dir, "face.jpg", NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      copy_demo ("grace_hopper.jpg", image);
    }
  lk_galleries_page_enrol (f->page, GALLERY, folder);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "galleries.cancel", NULL));
  wait_until_done (f);
  g_assert_nonnull (lk_test_find (GTK_WIDGET (f->page), GTK_TYPE_LABEL,
                                  "Cancelled; the images enrolled before it stay enrolled"));
  g_assert_cmpint (templates (f), <, 40);
}

/* ---- the embedding model ------------------------------------------------------------------- */

#define DESCRIPTOR(size) \
  "{\"format\": \"likeness-embedding-model\", \"input_size\": [112, 112], " \
  "\"channel_order\": \"RGB\", \"mean\": [127.5, 127.5, 127.5], \"scale\": 0.0078125, " \
  "\"embedding_size\": " size ", \"distance\": \"cosine\"}"

/* A toy model of 64 values and a descriptor of @size values beside it. */
static void
write_model (Fixture     *f,
             const char  *size_text,
             GFile      **model,
             GFile      **descriptor)
{
  g_autofree char *model_path = g_build_filename (f->folder, "face-64.onnx", NULL);
  g_autofree char *descriptor_path = g_build_filename (f->folder, "face-64.json", NULL);
  g_autofree char *text = g_strdup_printf (DESCRIPTOR ("%s"), size_text);

  lk_test_onnx_write_embedding (model_path, 64, FALSE, 7);
  g_assert_true (g_file_set_contents (descriptor_path, text, -1, NULL));
  *model = g_file_new_for_path (model_path);
  *descriptor = g_file_new_for_path (descriptor_path);
}

static gboolean
dialog_shown (gpointer data)
{
  return lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
test_install_model (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) model = NULL;
  g_autoptr(GFile) descriptor = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  gsize length = 0;

  /* Before: the classic templates, and the action offered to the administrator. */
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (f->page),
                                     "No embedding model: classic templates", 10000));
  g_assert_true (gtk_widget_is_sensitive (lk_test_find (GTK_WIDGET (f->page), GTK_TYPE_LABEL,
                                                        "Install Model…")));
  write_model (f, "64", &model, &descriptor);
  g_assert_true (g_file_load_contents (model, NULL, &contents, &length, NULL, NULL));
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  lk_galleries_page_install_model (f->page, model, descriptor);
  /* After: the model by name, its SHA-256 and its input convention. */
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (f->page), "face-64.onnx", 30000));
  g_assert_true (lk_test_wait_shown_containing (GTK_WIDGET (f->page), sha256, 10000));
  g_assert_true (lk_test_wait_shown_containing (GTK_WIDGET (f->page), "112x112 RGB", 1000));
  g_assert_cmpint (lk_test_sql_int64 (f->store, "SELECT count (*) FROM embedding_models"), ==, 1);
  g_assert_null (lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
}

static void
test_install_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GFile) model = NULL;
  g_autoptr(GFile) descriptor = NULL;
  GtkWidget *dialog;

  g_assert_true (lk_test_wait_shown (GTK_WIDGET (f->page),
                                     "No embedding model: classic templates", 10000));
  /* The model gives 64 values; its descriptor says 128. */
  write_model (f, "128", &model, &descriptor);
  lk_galleries_page_install_model (f->page, model, descriptor);
  g_assert_true (lk_test_wait (dialog_shown, NULL, 30000));
  dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (lk_test_wait_shown (dialog, "Model Not Installed", 1000));
  g_assert_true (lk_test_wait_shown_containing (dialog, "128", 1000));
  g_assert_cmpint (lk_test_sql_int64 (f->store, "SELECT count (*) FROM embedding_models"), ==, 0);
  lk_test_click (dialog, "Close");
  g_assert_true (lk_test_wait_closed (ADW_TYPE_MESSAGE_DIALOG, 5000));
  /* The row says again what is in use: still the classic templates. */
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (f->page),
                                     "No embedding model: classic templates", 10000));
}

int
main (int    argc,
      char **argv)
{
  lk_test_ui_init (&argc, &argv);
#define ADD(path, func) \
  g_test_add ("/likeness/galleries/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("enrol-folder", test_enrol_folder);
  ADD ("enrol-csv", test_enrol_csv);
  ADD ("cancel", test_cancel);
  ADD ("install-model", test_install_model);
  ADD ("install-refused", test_install_refused);
#undef ADD
  return g_test_run ();
}
