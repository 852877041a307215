/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Probes imported before the EXIF orientation was applied on decoding: their faces, recorded in
 * the stored (unrotated) frame, are read upright where the row tells (a quarter turn), never
 * rewritten; a probe imported now records its frame. */
#include "config.h"

#include "lk-test-probes.h"
#include "lk-json.h"
#include "casework/lk-probe-face.h"
#include "casework/lk-probe.h"
#include "casework/lk-probes-private.h"
#include "store/lk-store-private.h"

/* The demo portrait (512 x 600 as stored) tagged with EXIF @orientation through gexiv2. */
static char *
write_tagged (World      *w,
              const char *name,
              const char *orientation)
{
  g_autofree char *source = demo_path ("grace_hopper.jpg");
  g_autoptr(GBytes) original = lk_test_read_bytes (source);
  g_autoptr(GExiv2Metadata) meta = gexiv2_metadata_new ();
  g_autoptr(GError) error = NULL;
  char *path = write_bytes (w, name, original);

  g_assert_true (gexiv2_metadata_open_path (meta, path, &error));
  g_assert_true (gexiv2_metadata_try_set_tag_string (meta, "Exif.Image.Orientation", orientation,
                                                     &error));
  g_assert_true (gexiv2_metadata_save_file (meta, path, &error));
  g_assert_no_error (error);
  return path;
}

/* The untagged portrait decoded: the pixels as every tagged copy stores them. */
static LkCvImage *
stored_pixels (void)
{
  g_autofree char *source = demo_path ("grace_hopper.jpg");
  g_autoptr(GBytes) bytes = lk_test_read_bytes (source);
  g_autoptr(GError) error = NULL;
  LkCvImage *image = lk_cv_image_decode (bytes, &error);

  g_assert_no_error (error);
  return image;
}

static JsonArray *
point (double x,
       double y)
{
  JsonArray *a = json_array_new ();

  json_array_add_double_element (a, x);
  json_array_add_double_element (a, y);
  return a;
}

/* The faces as intake found them before the orientation was applied: on the stored pixels. */
static char *
faces_the_old_way (LkFace *found)
{
  g_autoptr(LkCvImage) image = stored_pixels ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) faces = lk_cv_image_find_faces (image, NULL, &error);
  g_autoptr(JsonArray) array = json_array_new ();
  JsonObject *o = json_object_new ();
  JsonArray *eyes = json_array_new ();

  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, >, 0);
  *found = g_array_index (faces, LkFace, 0);
  g_assert_true (found->has_eyes);
  json_object_set_int_member (o, "x", found->x);
  json_object_set_int_member (o, "y", found->y);
  json_object_set_int_member (o, "width", found->width);
  json_object_set_int_member (o, "height", found->height);
  json_object_set_double_member (o, "score", found->score);
  json_array_add_array_element (eyes, point (found->eye_a.x, found->eye_a.y));
  json_array_add_array_element (eyes, point (found->eye_b.x, found->eye_b.y));
  json_object_set_array_member (o, "eyes", eyes);
  json_object_set_array_member (o, "landmarks", json_array_new ());
  json_array_add_object_element (array, o);
  return lk_json_array_text (array);
}

/* A copy of probe @like's row as intake wrote it before: the size as the header gives it, the
 * faces in the stored frame, no frame recorded. */
static gint64
insert_old_row (World      *w,
                gint64      like,
                const char *faces)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (w->store, "INSERT INTO probes (case_id, image_sha256, file_name, media_type,"
                             " width, height, source_type, kind, acquired_by, acquired_at,"
                             " authority, custody_note, simulated, metadata, faces, face_index,"
                             " status, imported_by, imported_at) SELECT case_id, image_sha256,"
                             " 'old.jpg', media_type, 512, 600, source_type, kind, acquired_by,"
                             " acquired_at, authority, custody_note, simulated, metadata, ?, 0,"
                             " status, imported_by, imported_at FROM probes WHERE id = ?",
                   &error);

  g_assert_no_error (error);
  lk_stmt_bind_text (stmt, 1, faces);
  lk_stmt_bind_int64 (stmt, 2, like);
  g_assert_false (lk_stmt_next (stmt, &error));
  g_assert_no_error (error);
  return lk_test_sql_int (w->fixture->db_path, "SELECT max(id) FROM probes");
}

static LkProbeFace *
first_face (LkProbe *probe)
{
  LkProbeFace *face = g_list_model_get_item (lk_probe_get_faces (probe), 0);

  g_assert_nonnull (face);
  g_object_unref (face); /* the probe keeps it */
  return face;
}

/* The mean of each channel over the box, sampled every 3 pixels. */
static void
box_mean (LkCvImage *image,
          int        x,
          int        y,
          int        width,
          int        height,
          double     mean[3])
{
  g_autoptr(LkPixels) pixels = lk_cv_image_to_pixels (image, 0);
  guint n = 0;

  mean[0] = mean[1] = mean[2] = 0;
  for (int v = y; v < y + height; v += 3)
    for (int u = x; u < x + width; u += 3, n++)
      for (int c = 0; c < 3; c++)
        mean[c] += pixels->pixels[v * pixels->stride + u * 4 + c];
  for (int c = 0; c < 3; c++)
    mean[c] /= n;
}

/* Orientation 6 (turned a quarter clockwise to be seen): the stored (x, y) is seen at
 * (600 - y, x). */
static void
test_quarter_turn_read_upright (LkTestFixture *fixture,
                                gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *faces = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkProbe) probe = NULL;
  g_autoptr(LkProbe) fresh = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(LkCvImage) upright = NULL;
  g_autoptr(LkCvImage) stored = stored_pixels ();
  g_auto(LkProbePlace) place = { 0 };
  g_autoptr(JsonArray) place_faces = NULL;
  g_autofree char *sha256 = NULL;
  LkProvenance p = provenance_of_kind ("photograph");
  LkFace found;
  LkProbeFace *face;
  LkPoint a, b;
  double seen[3], was[3];
  gint64 now_id, old_id;

  world_init (&w, fixture);
  path = write_tagged (&w, "turned.jpg", "6");
  now_id = import_ok (&w, path, &p, &sha256);
  faces = faces_the_old_way (&found);
  old_id = insert_old_row (&w, now_id, faces);

  /* Imported now: upright, and the row says so. */
  fresh = lk_probes_get_probe (w.examiner, now_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_probe_get_width (fresh), ==, 600);
  g_assert_cmpint (lk_probe_get_height (fresh), ==, 512);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM probes WHERE"
                                    " faces_frame = 'upright'"), ==, 1);

  /* The old row, read upright: size swapped, box and eyes turned. */
  probe = lk_probes_get_probe (w.examiner, old_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_probe_get_width (probe), ==, 600);
  g_assert_cmpint (lk_probe_get_height (probe), ==, 512);
  face = first_face (probe);
  g_assert_cmpint (lk_probe_face_get_x (face), ==, 600 - (found.y + found.height));
  g_assert_cmpint (lk_probe_face_get_y (face), ==, found.x);
  g_assert_cmpint (lk_probe_face_get_width (face), ==, found.height);
  g_assert_cmpint (lk_probe_face_get_height (face), ==, found.width);
  g_assert_true (lk_probe_face_get_eyes (face, &a, &b));
  /* eye_a is the one further left as seen: the stored eye further down */
  g_assert_cmpfloat (a.x, <=, b.x);
  g_assert_cmpfloat_with_epsilon (a.x, 600 - MAX (found.eye_a.y, found.eye_b.y), 0.11);
  g_assert_cmpfloat_with_epsilon (b.x, 600 - MIN (found.eye_a.y, found.eye_b.y), 0.11);

  /* The box seen upright covers the pixels the stored box covered. */
  bytes = lk_test_read_bytes (path);
  upright = lk_cv_image_decode (bytes, &error);
  g_assert_no_error (error);
  box_mean (upright, lk_probe_face_get_x (face), lk_probe_face_get_y (face),
            lk_probe_face_get_width (face), lk_probe_face_get_height (face), seen);
  box_mean (stored, found.x, found.y, found.width, found.height, was);
  for (int c = 0; c < 3; c++)
    g_assert_cmpfloat (fabs (seen[c] - was[c]), <, 2.0);

  /* The JSON says so; the search and the workspace start from the same faces. */
  json = probe_json (&w, old_id);
  g_assert_true (json_object_get_boolean_member_with_default (json, "faces_turned_upright",
                                                              FALSE));
  g_assert_cmpint (json_object_get_int_member (json, "width"), ==, 600);
  g_assert_true (lk_probes_read_place (w.store, old_id, &place, &error));
  g_assert_no_error (error);
  place_faces = lk_json_parse_array (place.faces);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (place_faces, 0),
                                               "x"), ==, lk_probe_face_get_x (face));
  g_clear_pointer (&json, json_object_unref);
  json = probe_json (&w, now_id);
  g_assert_false (json_object_has_member (json, "faces_turned_upright"));

  /* What intake recorded stays as it was: nothing rewrote it, and nothing can. */
  {
    g_autofree char *kept = lk_test_sql_text (fixture->db_path, "SELECT faces FROM probes"
                                              " ORDER BY id DESC LIMIT 1");
    g_autofree char *refused = lk_test_sql_error (fixture->db_path, "UPDATE probes SET"
                                                  " faces_frame = 'upright' WHERE faces_frame"
                                                  " IS NULL");

    g_assert_cmpstr (kept, ==, faces);
    g_assert_nonnull (strstr (refused, "a probe as received cannot change"));
  }
  world_clear (&w);
}

/* Orientation 3 (a half turn): the size does not change, and nothing in an old row tells the
 * frames apart; its faces are read as stored. */
static void
test_half_turn_read_as_stored (LkTestFixture *fixture,
                               gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *faces = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkProbe) probe = NULL;
  g_autoptr(JsonObject) json = NULL;
  LkProvenance p = provenance_of_kind ("photograph");
  LkFace found;
  LkProbeFace *face;
  gint64 old_id;

  world_init (&w, fixture);
  path = write_tagged (&w, "upside-down.jpg", "3");
  faces = faces_the_old_way (&found);
  old_id = insert_old_row (&w, import_ok (&w, path, &p, NULL), faces);
  probe = lk_probes_get_probe (w.examiner, old_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_probe_get_width (probe), ==, 512);
  face = first_face (probe);
  g_assert_cmpint (lk_probe_face_get_x (face), ==, found.x);
  g_assert_cmpint (lk_probe_face_get_y (face), ==, found.y);
  json = probe_json (&w, old_id);
  g_assert_false (json_object_has_member (json, "faces_turned_upright"));
  world_clear (&w);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  LK_TEST_ADD ("/likeness/probe-frame/quarter-turn-read-upright", test_quarter_turn_read_upright);
  LK_TEST_ADD ("/likeness/probe-frame/half-turn-read-as-stored", test_half_turn_read_as_stored);
  return g_test_run ();
}
