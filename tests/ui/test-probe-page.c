/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The probe page: quality, provenance and hash shown; the image loads off the main loop; the
 * analysis is refused without reasons, locked after confirmation, amended only with a reason;
 * a tampered original is reported instead of shown. */
#include "config.h"

#include <gexiv2/gexiv2.h>

#include <sqlite3.h>

#include "lk-face-view.h"
#include "lk-probe-page.h"
#include "lk-test-ui.h"
#include "casework/lk-cases.h"
#include "casework/lk-probes.h"
#include "governance/lk-policy.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-store.h"

#define ADMIN_PASSWORD "amber lantern 41"
#define EXAMINER_PASSWORD "meadow violin 13"
#define CASE_NUMBER "T-2026-007"

typedef struct
{
  char        *folder;
  LkStore     *store;
  LkSession   *session;
  gint64       probe_id;
  char        *sha256;
  GtkWidget   *window;
  LkProbePage *page;
  guint        n_changed;
} Fixture;

static const LkProvenance provenance = {
  "cctv",
  "video-frame",
  "Erin Examiner",
  "2026-01-15T14:32:00Z",
  "Warrant 2026/17",
  "Received on USB from the station manager, sealed bag 4411",
  FALSE,
};

static void
import_probe (Fixture *f)
{
  const LkCaseRequest request = {
    CASE_NUMBER, "Robbery at a kiosk", "ROB", "Section 81 of the test act",
    "The offender's face is on CCTV and other lines of enquiry are exhausted",
    "Inspector Test", "Test Unit", NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) created = lk_cases_create (f->session, &request, &error);
  g_autofree char *path = g_build_filename (g_getenv ("LIKENESS_SOURCE_DIR"), "data", "demo",
                                            "grace_hopper.jpg", NULL);

  g_assert_no_error (error);
  f->probe_id = lk_probes_import_file (f->session, CASE_NUMBER, path, &provenance, &f->sha256,
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->probe_id, >, 0);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) admin = NULL;

  g_assert_nonnull (g_getenv ("LIKENESS_SOURCE_DIR"));
  f->store = lk_test_store_new (&f->folder, ADMIN_PASSWORD);
  admin = lk_session_login (f->store, "admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  lk_users_add (admin, "erin", "Erin Examiner", LK_ROLE_EXAMINER, EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  f->session = lk_session_login (f->store, "erin", EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  import_probe (f);
}

static void
count_changed (Fixture *f)
{
  f->n_changed++;
}

static void
open_page (Fixture *f)
{
  f->page = lk_probe_page_new (f->session, f->probe_id);
  g_signal_connect_swapped (f->page, "changed", G_CALLBACK (count_changed), f);
  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  adw_window_set_content (ADW_WINDOW (f->window), GTK_WIDGET (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *dialog;

  while ((dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    lk_test_destroy_window (dialog, NULL);
  if (f->window != NULL)
    lk_test_destroy_window (f->window, f->page, NULL);
  g_clear_object (&f->session);
  /* No widget kept a session: the database closes. */
  lk_test_unref_finalized (g_steal_pointer (&f->store));
  lk_test_remove_folder (f->folder);
  g_free (f->folder);
  g_free (f->sha256);
}

/* ---- helpers ------------------------------------------------------------------------------ */

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Shown, not merely visible: pages of a stack that are not on top do not count. */
static gboolean
on_screen (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
      return FALSE;
  return TRUE;
}

/* A label on screen whose text contains @text. */
static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  if (GTK_IS_LABEL (root) && on_screen (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_containing (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static LkFaceView *
face_view (Fixture *f)
{
  GtkWidget *view = find_type (GTK_WIDGET (f->page), LK_TYPE_FACE_VIEW);

  g_assert_nonnull (view);
  return LK_FACE_VIEW (view);
}

static gboolean
has_texture (gpointer data)
{
  return lk_face_view_get_texture (data) != NULL;
}

static void
wait_for_image (Fixture *f)
{
  g_assert_true (lk_test_wait (has_texture, face_view (f), 20000));
}

static const char *
row_subtitle (Fixture    *f,
              const char *title)
{
  GtkWidget *row = lk_test_find (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW, title);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* The figure a quality row shows at its end. */
static const char *
quality_value (Fixture    *f,
               const char *title)
{
  GtkWidget *row = lk_test_find (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW, title);
  GtkWidget *label;

  g_assert_nonnull (row);
  label = find_label_containing (row, " px");
  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
activate_row (Fixture    *f,
              const char *title)
{
  GtkWidget *row = lk_test_find (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW, title);

  g_assert_nonnull (row);
  gtk_widget_activate (row);
}

static void
set_notes (Fixture    *f,
           const char *text)
{
  GtkWidget *view = find_type (GTK_WIDGET (f->page), GTK_TYPE_TEXT_VIEW);

  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

/* Clicks "Lock Analysis…" and confirms in the dialog. */
static void
lock_and_confirm (Fixture *f)
{
  GtkWidget *dialog;

  lk_test_click (GTK_WIDGET (f->page), "Lock Analysis…");
  dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "lock");
  if (lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG) == dialog)
    lk_test_destroy_window (dialog, NULL);
}

static JsonObject *
probe_json (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  JsonObject *probe = lk_probes_get (f->session, f->probe_id, &error);

  g_assert_no_error (error);
  return probe;
}

static char *
probe_status (Fixture *f)
{
  g_autoptr(JsonObject) probe = probe_json (f);

  return g_strdup (json_object_get_string_member (probe, "status"));
}

static guint
n_revisions (Fixture *f)
{
  g_autoptr(JsonObject) probe = probe_json (f);

  return json_array_get_length (json_object_get_array_member (probe, "analysis_revisions"));
}

/* ---- tests -------------------------------------------------------------------------------- */

static void
test_shows_probe (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *row;

  open_page (f);
  row = lk_test_find (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW, "Pixels between the eyes");
  g_assert_nonnull (row);
  g_assert_nonnull (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  g_assert_cmpstr (row_subtitle (f, "Source"), ==, "CCTV or video still");
  g_assert_cmpstr (row_subtitle (f, "Probe kind"), ==, "Video frame");
  g_assert_cmpstr (row_subtitle (f, "Acquired by"), ==, "Erin Examiner");
  g_assert_cmpstr (row_subtitle (f, "Acquired at"), ==, "2026-01-15 14:32 UTC");
  g_assert_cmpstr (row_subtitle (f, "Legal authority"), ==, "Warrant 2026/17");
  g_assert_cmpstr (row_subtitle (f, "Chain-of-custody note"), ==, provenance.custody_note);
  g_assert_cmpint (strlen (f->sha256), ==, 64);
  g_assert_nonnull (lk_test_find (GTK_WIDGET (f->page), GTK_TYPE_LABEL, f->sha256));
  g_assert_cmpstr (lk_probe_page_get_file_name (f->page), ==, "grace_hopper.jpg");

  wait_for_image (f);
  g_assert_cmpuint (lk_face_view_get_n_faces (face_view (f)), >=, 1);
  g_assert_cmpint (lk_face_view_get_selected_face (face_view (f)), ==, 0);
  g_assert_true (lk_face_view_get_editable (face_view (f)));
  g_assert_nonnull (lk_test_find (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW,
                                  "Verified against the stored hash when opened"));
  g_assert_cmpuint (f->n_changed, ==, 0);
}

/* A camera's orientation tag is named, and the page says it is applied. */
static void
test_orientation_notice (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GExiv2Metadata) meta = gexiv2_metadata_new ();
  g_autofree char *source = g_build_filename (g_getenv ("LIKENESS_SOURCE_DIR"), "data", "demo",
                                              "grace_hopper.jpg", NULL);
  g_autofree char *path = g_build_filename (f->folder, "turned.jpg", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  g_assert_true (gexiv2_metadata_open_path (meta, path, &error));
  g_assert_true (gexiv2_metadata_try_set_tag_long (meta, "Exif.Image.Orientation", 6, &error));
  g_assert_true (gexiv2_metadata_save_file (meta, path, &error));
  g_assert_no_error (error);
  f->probe_id = lk_probes_import_file (f->session, CASE_NUMBER, path, &provenance, NULL, &error);
  g_assert_no_error (error);

  open_page (f);
  g_assert_nonnull (strstr (row_subtitle (f, "Orientation from the file's metadata applied "
                                             "(rotated 90° clockwise)"),
                            "rotated 90° clockwise (EXIF orientation 6)"));
}

/* "Suitable" over red quality figures: the confirmation names them before the lock. */
static void
test_suitable_over_red (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) admin = lk_session_login (f->store, "admin", ADMIN_PASSWORD, &error);
  g_autofree char *path = g_build_filename (g_getenv ("LIKENESS_SOURCE_DIR"), "data", "demo",
                                            "astronaut.png", NULL);
  GtkWidget *dialog;

  g_assert_no_error (error);
  /* No face is this sharp: every probe's sharpness is red now. */
  lk_policy_set (admin, "quality.sharpness.amber", "100000", "Test", &error);
  g_assert_no_error (error);
  lk_policy_set (admin, "quality.sharpness.red", "99000", "Test", &error);
  g_assert_no_error (error);
  f->probe_id = lk_probes_import_file (f->session, CASE_NUMBER, path, &provenance, NULL, &error);
  g_assert_no_error (error);

  open_page (f);
  wait_for_image (f);
  activate_row (f, "Suitable");
  activate_row (f, "Eyes");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "probe.lock", NULL));
  dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "these quality figures are red: Sharpness"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
}

static void
test_limited_needs_reasons (Fixture       *f,
                            gconstpointer  data)
{
  const char *message = "A probe of limited or no suitability needs the affecting factors or "
                        "a note saying why";
  g_autofree char *status = NULL;
  GtkWidget *label;

  open_page (f);
  wait_for_image (f);
  activate_row (f, "Of limited suitability");
  /* The page checks the form before asking: no confirmation for what the lock would refuse,
   * but the reason it would. */
  lk_test_click (GTK_WIDGET (f->page), "Lock Analysis…");
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (f->page), message, 5000));
  g_assert_null (lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  label = lk_test_find (GTK_WIDGET (f->page), GTK_TYPE_LABEL, message);
  status = probe_status (f);
  g_assert_cmpstr (status, ==, "awaiting-analysis");
  g_assert_cmpuint (f->n_changed, ==, 0);
  /* Nothing is lost from the form: adding a note is enough to lock. */
  set_notes (f, "Heavy compression; the face is small");
  lock_and_confirm (f);
  g_assert_false (gtk_widget_get_visible (label));
  g_clear_pointer (&status, g_free);
  status = probe_status (f);
  g_assert_cmpstr (status, ==, "analysed");
  g_assert_cmpstr (row_subtitle (f, "Suitability"), ==, "Of limited suitability");
}

static void
test_lock_and_amend (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *status = NULL;
  GtkWidget *error_label;

  open_page (f);
  wait_for_image (f);
  activate_row (f, "Suitable");
  activate_row (f, "Eyes");
  activate_row (f, "Nose");
  set_notes (f, "Frontal, sharp, evenly lit");
  lk_test_click (GTK_WIDGET (f->page), "Save Draft");
  lock_and_confirm (f);

  status = probe_status (f);
  g_assert_cmpstr (status, ==, "analysed");
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_cmpstr (row_subtitle (f, "Suitability"), ==, "Suitable");
  g_assert_cmpstr (row_subtitle (f, "Visible components"), ==, "Eyes, Nose");
  g_assert_cmpstr (row_subtitle (f, "Notes"), ==, "Frontal, sharp, evenly lit");
  g_assert_cmpstr (row_subtitle (f, "Examiner"), ==, "erin");
  g_assert_cmpstr (row_subtitle (f, "Revision"), ==, "1");
  g_assert_false (lk_face_view_get_editable (face_view (f)));

  /* An amendment without a reason is refused and changes nothing. */
  lk_test_click (GTK_WIDGET (f->page), "Amend…");
  activate_row (f, "Ears");
  lk_test_click (GTK_WIDGET (f->page), "Lock Amendment");
  error_label = lk_test_find (GTK_WIDGET (f->page), GTK_TYPE_LABEL,
                              "An amendment needs a reason");
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpuint (n_revisions (f), ==, 1);
  g_assert_cmpuint (f->n_changed, ==, 1);

  lk_test_set_text (GTK_WIDGET (f->page), "Reason for the amendment",
                    "The left ear is visible after all");
  lk_test_click (GTK_WIDGET (f->page), "Lock Amendment");
  g_assert_cmpuint (n_revisions (f), ==, 2);
  g_assert_cmpuint (f->n_changed, ==, 2);
  g_assert_cmpstr (row_subtitle (f, "Revision"), ==, "2");
  g_assert_cmpstr (row_subtitle (f, "Visible components"), ==, "Eyes, Nose, Ears");
  g_assert_cmpstr (row_subtitle (f, "Reason for the amendment"), ==,
                   "The left ear is visible after all");
}

static void
test_draft_is_restored (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *row, *check;

  open_page (f);
  activate_row (f, "Not suitable");
  activate_row (f, "Motion blur");
  lk_test_click (GTK_WIDGET (f->page), "Save Draft");
  wait_for_image (f);
  lk_test_destroy_window (f->window, f->page, NULL);
  f->window = NULL;

  open_page (f);
  wait_for_image (f);
  row = lk_test_find (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW, "Motion blur");
  check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  row = lk_test_find (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW, "Not suitable");
  check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
}

/* Two copies of the portrait side by side: an image with two faces. */
static char *
write_two_faces (Fixture *f)
{
  g_autofree char *path = g_build_filename (g_getenv ("LIKENESS_SOURCE_DIR"), "data", "demo",
                                            "grace_hopper.jpg", NULL);
  g_autofree char *out = g_build_filename (f->folder, "two-faces.jpg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) one = gdk_pixbuf_new_from_file (path, &error);
  g_autoptr(GdkPixbuf) small = NULL;
  g_autoptr(GdkPixbuf) both = NULL;
  int w, h;

  g_assert_no_error (error);
  w = gdk_pixbuf_get_width (one);
  h = gdk_pixbuf_get_height (one);
  small = gdk_pixbuf_scale_simple (one, w * 4 / 5, h * 4 / 5, GDK_INTERP_BILINEAR);
  both = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w + w * 4 / 5, h);
  gdk_pixbuf_fill (both, 0x808080ff);
  gdk_pixbuf_copy_area (one, 0, 0, w, h, both, 0, 0);
  gdk_pixbuf_copy_area (small, 0, 0, w * 4 / 5, h * 4 / 5, both, w, h / 10);
  gdk_pixbuf_save (both, out, "jpeg", &error, "quality", "92", NULL);
  g_assert_no_error (error);
  return g_steal_pointer (&out);
}

static int
chosen_face (Fixture *f)
{
  g_autoptr(JsonObject) probe = probe_json (f);

  return (int) json_object_get_int_member (probe, "face_index");
}

static void
test_choose_face (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = write_two_faces (f);
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *hint;

  f->probe_id = lk_probes_import_file (f->session, CASE_NUMBER, path, &provenance, NULL, &error);
  g_assert_no_error (error);
  open_page (f);
  wait_for_image (f);
  g_assert_cmpuint (lk_face_view_get_n_faces (face_view (f)), ==, 2);
  g_assert_cmpint (lk_face_view_get_selected_face (face_view (f)), ==, 0);
  hint = find_label_containing (GTK_WIDGET (f->page), "Click a face");
  g_assert_nonnull (hint);
  before = g_strdup (quality_value (f, "Face size"));

  /* What a click on the second face, or the Right key, does. */
  g_signal_emit_by_name (face_view (f), "face-activated", 1);
  g_assert_cmpint (chosen_face (f), ==, 1);
  g_assert_cmpint (lk_face_view_get_selected_face (face_view (f)), ==, 1);
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_cmpstr (quality_value (f, "Face size"), !=, before);

  /* Once the analysis is locked the face stays as it was analysed. */
  activate_row (f, "Suitable");
  lock_and_confirm (f);
  g_assert_cmpuint (f->n_changed, ==, 2);
  g_assert_false (lk_face_view_get_editable (face_view (f)));
  g_signal_emit_by_name (face_view (f), "face-activated", 0);
  g_assert_cmpint (chosen_face (f), ==, 1);
  g_assert_cmpstr (row_subtitle (f, "Face of interest"), ==, "Face 2");
  g_assert_null (find_label_containing (GTK_WIDGET (f->page), "Click a face"));
}

/* What someone with write access to the database file could do: remove the guard and change
 * one byte of the stored original. */
static void
tamper_image (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->folder, "test.db", NULL);
  g_autofree guint8 *bytes = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int size;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT bytes FROM images", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  size = sqlite3_column_bytes (stmt, 0);
  bytes = g_memdup2 (sqlite3_column_blob (stmt, 0), size);
  sqlite3_finalize (stmt);
  bytes[size / 2] ^= 0x01;
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER images_immutable", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE images SET bytes = ?", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, bytes, size, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static gboolean
shows_text (gpointer data)
{
  gpointer *args = data;

  return find_label_containing (args[0], args[1]) != NULL;
}

static void
test_tampered_image (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *naming = NULL;
  gpointer args[2];

  tamper_image (f);
  open_page (f);
  /* The core's message names the image by its hash; it stands where the picture would be. */
  naming = g_strdup_printf ("Image %s is corrupt", f->sha256);
  args[0] = f->page;
  args[1] = naming;
  g_assert_true (lk_test_wait (shows_text, args, 20000));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (f->page),
                                           "The Image Failed Its Integrity Check"));
  g_assert_null (lk_face_view_get_texture (face_view (f)));
  g_assert_false (on_screen (GTK_WIDGET (face_view (f))));
  g_assert_nonnull (lk_test_find (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW,
                                  "Integrity check failed"));
  g_assert_false (lk_face_view_get_editable (face_view (f)));
}

int
main (int    argc,
      char **argv)
{
  lk_test_ui_init (&argc, &argv);
  g_test_add ("/likeness/probe-page/shows-probe", Fixture, NULL, fixture_set_up,
              test_shows_probe, fixture_tear_down);
  g_test_add ("/likeness/probe-page/orientation-notice", Fixture, NULL, fixture_set_up,
              test_orientation_notice, fixture_tear_down);
  g_test_add ("/likeness/probe-page/suitable-over-red", Fixture, NULL, fixture_set_up,
              test_suitable_over_red, fixture_tear_down);
  g_test_add ("/likeness/probe-page/limited-needs-reasons", Fixture, NULL, fixture_set_up,
              test_limited_needs_reasons, fixture_tear_down);
  g_test_add ("/likeness/probe-page/lock-and-amend", Fixture, NULL, fixture_set_up,
              test_lock_and_amend, fixture_tear_down);
  g_test_add ("/likeness/probe-page/draft-is-restored", Fixture, NULL, fixture_set_up,
              test_draft_is_restored, fixture_tear_down);
  g_test_add ("/likeness/probe-page/choose-face", Fixture, NULL, fixture_set_up,
              test_choose_face, fixture_tear_down);
  g_test_add ("/likeness/probe-page/tampered-image", Fixture, NULL, fixture_set_up,
              test_tampered_image, fixture_tear_down);
  return g_test_run ();
}
