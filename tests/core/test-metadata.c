/* SPDX-License-Identifier: GPL-3.0-or-later */
/* EXIF and XMP read through gexiv2, from fixtures the test writes itself. */
#include "config.h"

#include <gexiv2/gexiv2.h>
#include <string.h>

#include "lk-test-util.h"
#include "imaging/lk-metadata.h"

static char *
demo_path (const char *name)
{
  const char *source = g_getenv ("LIKENESS_SOURCE_DIR");

  g_assert_nonnull (source);
  return g_build_filename (source, "data", "demo", name, NULL);
}

/* A copy of the demo JPEG (which carries no EXIF) in the fixture folder. */
static char *
copy_demo_jpeg (LkTestFixture *fixture,
                const char    *name)
{
  g_autofree char *source = demo_path ("grace_hopper.jpg");
  g_autoptr(GBytes) bytes = lk_test_read_bytes (source);
  g_autoptr(GError) error = NULL;
  char *path = lk_test_path (fixture, name);

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                       &error);
  g_assert_no_error (error);
  return path;
}

static void
set_tag (GExiv2Metadata *meta,
         const char     *tag,
         const char     *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gexiv2_metadata_try_set_tag_string (meta, tag, value, &error));
  g_assert_no_error (error);
}

static GExiv2Metadata *
open_metadata (const char *path)
{
  g_autoptr(GExiv2Metadata) meta = gexiv2_metadata_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gexiv2_metadata_open_path (meta, path, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&meta);
}

static void
save_metadata (GExiv2Metadata *meta,
               const char     *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gexiv2_metadata_save_file (meta, path, &error));
  g_assert_no_error (error);
}

static JsonObject *
read_metadata (const char *path)
{
  g_autoptr(GBytes) bytes = lk_test_read_bytes (path);
  g_autoptr(GError) error = NULL;
  JsonObject *object = lk_metadata_read (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (object);
  return object;
}

static void
assert_member (JsonObject *object,
               const char *member,
               const char *expected)
{
  g_assert_true (json_object_has_member (object, member));
  g_assert_cmpstr (json_object_get_string_member (object, member), ==, expected);
}

/* A camera photo that went through Photoshop, with a GPS position. */
static void
test_exif_fixture (LkTestFixture *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = copy_demo_jpeg (fixture, "edited.jpg");
  g_autoptr(GExiv2Metadata) meta = open_metadata (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *gps;
  JsonObject *tags;

  set_tag (meta, "Exif.Image.Make", "Canon");
  set_tag (meta, "Exif.Image.Model", "Canon EOS 5D Mark IV");
  set_tag (meta, "Exif.Image.Software", "Adobe Photoshop 24.0 (Windows)");
  set_tag (meta, "Exif.Photo.DateTimeOriginal", "2023:04:05 06:07:08");
  set_tag (meta, "Exif.Photo.LensModel", "EF24-105mm f/4L IS USM");
  set_tag (meta, "Exif.Image.Orientation", "1");
  g_assert_true (gexiv2_metadata_try_set_gps_info (meta, 4.8897, 52.3731, 12.5, &error));
  g_assert_no_error (error);
  save_metadata (meta, path);

  object = read_metadata (path);
  g_assert_true (json_object_get_boolean_member (object, "present"));
  assert_member (object, "camera_make", "Canon");
  assert_member (object, "camera_model", "Canon EOS 5D Mark IV");
  assert_member (object, "lens", "EF24-105mm f/4L IS USM");
  assert_member (object, "software", "Adobe Photoshop 24.0 (Windows)");
  assert_member (object, "captured_at", "2023-04-05T06:07:08");
  assert_member (object, "captured_at_source", "Exif.Photo.DateTimeOriginal");
  g_assert_cmpint (json_object_get_int_member (object, "orientation"), ==, 1);
  g_assert_true (json_object_get_boolean_member (object, "editing_software_flagged"));
  g_assert_nonnull (strstr (json_object_get_string_member (object, "editing_software_reason"),
                            "Exif.Image.Software"));

  gps = json_object_get_object_member (object, "gps");
  g_assert_nonnull (gps);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (gps, "latitude"), 52.3731, 1e-4);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (gps, "longitude"), 4.8897, 1e-4);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (gps, "altitude"), 12.5, 1e-2);

  tags = json_object_get_object_member (object, "tags");
  g_assert_nonnull (tags);
  assert_member (tags, "Exif.Image.Make", "Canon");
  g_assert_true (json_object_has_member (tags, "Exif.GPSInfo.GPSLatitude"));
}

/* A camera file written by the camera itself: nothing to flag. */
static void
test_camera_not_flagged (LkTestFixture *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = copy_demo_jpeg (fixture, "camera.jpg");
  g_autoptr(GExiv2Metadata) meta = open_metadata (path);
  g_autoptr(JsonObject) object = NULL;

  set_tag (meta, "Exif.Image.Make", "NIKON CORPORATION");
  set_tag (meta, "Exif.Image.Software", "Ver.1.01");
  /* free text is not a software tag, and a word that merely contains an editor's name
   * ("Canva") is not that editor */
  set_tag (meta, "Exif.Image.ImageDescription", "Canvas bag, Adobe-free zone");
  set_tag (meta, "Xmp.xmp.CreatorTool", "Canvas Camera 2");
  set_tag (meta, "Exif.Image.DateTime", "2021:12:31 23:59:59");
  save_metadata (meta, path);

  object = read_metadata (path);
  g_assert_true (json_object_get_boolean_member (object, "present"));
  g_assert_false (json_object_get_boolean_member (object, "editing_software_flagged"));
  g_assert_false (json_object_has_member (object, "editing_software_reason"));
  assert_member (object, "captured_at", "2021-12-31T23:59:59");
  assert_member (object, "captured_at_source", "Exif.Image.DateTime");
  g_assert_false (json_object_has_member (object, "gps"));
}

static void
test_xmp_creator_tool (LkTestFixture *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = copy_demo_jpeg (fixture, "facetune.jpg");
  g_autoptr(GExiv2Metadata) meta = open_metadata (path);
  g_autoptr(JsonObject) object = NULL;

  set_tag (meta, "Xmp.xmp.CreatorTool", "Facetune2 for iOS");
  save_metadata (meta, path);

  object = read_metadata (path);
  g_assert_true (json_object_get_boolean_member (object, "editing_software_flagged"));
  g_assert_nonnull (strstr (json_object_get_string_member (object, "editing_software_reason"),
                            "Facetune"));
  assert_member (object, "software", "Facetune2 for iOS");
}

/* An XMP editing history with a "saved" step flags the file whatever the software was. */
static void
test_xmp_history (LkTestFixture *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = copy_demo_jpeg (fixture, "history.jpg");
  g_autoptr(GExiv2Metadata) meta = open_metadata (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;

  g_assert_true (gexiv2_metadata_try_set_xmp_tag_struct (meta, "Xmp.xmpMM.History",
                                                         GEXIV2_STRUCTURE_XA_SEQ, &error));
  g_assert_no_error (error);
  set_tag (meta, "Xmp.xmpMM.History[1]/stEvt:action", "created");
  set_tag (meta, "Xmp.xmpMM.History[2]/stEvt:action", "saved");
  save_metadata (meta, path);

  object = read_metadata (path);
  g_assert_true (json_object_get_boolean_member (object, "editing_software_flagged"));
  g_assert_nonnull (strstr (json_object_get_string_member (object, "editing_software_reason"),
                            "Xmp.xmpMM.History"));
}

static void
test_no_metadata (void)
{
  g_autofree char *path = demo_path ("grace_hopper.jpg");
  g_autofree char *png = demo_path ("astronaut.png");
  g_autoptr(JsonObject) jpeg_object = read_metadata (path);
  g_autoptr(JsonObject) png_object = read_metadata (png);

  g_assert_false (json_object_get_boolean_member (jpeg_object, "present"));
  g_assert_cmpuint (json_object_get_size (jpeg_object), ==, 1);
  g_assert_false (json_object_get_boolean_member (png_object, "present"));
  g_assert_cmpuint (json_object_get_size (png_object), ==, 1);
}

/* An APP1 segment that claims to be EXIF but holds garbage: the image is still evidence and its
 * metadata object still comes back. */
static void
test_damaged_exif_not_fatal (void)
{
  static const guint8 bad_app1[] = {
    0xFF, 0xE1, 0x00, 0x16, 'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 0x2A, 0x00, 0xF0, 0xFF, 0xFF,
    0x7F, 0x13, 0x37, 0x13, 0x37, 0x13, 0x37,
  };
  g_autofree char *path = demo_path ("grace_hopper.jpg");
  g_autoptr(GBytes) original = lk_test_read_bytes (path);
  g_autoptr(GByteArray) damaged = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  const guint8 *data = g_bytes_get_data (original, NULL);

  g_byte_array_append (damaged, data, 2);
  g_byte_array_append (damaged, bad_app1, sizeof bad_app1);
  g_byte_array_append (damaged, data + 2, (guint) g_bytes_get_size (original) - 2);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&damaged));

  object = lk_metadata_read (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (object);
  g_assert_true (json_object_has_member (object, "present"));
}

/* Exiv2 throws a standard C++ exception (not its own error) while adding up the chunk sizes of
 * this WebP file (found by fuzz-metadata); it ended the process. It is now a read error. */
static void
test_webp_size_overflow (void)
{
  static const guint8 webp[] = {
    'R', 'I', 'F', 'F', 0xFF, 0xFF, 0xFF, 0xFF, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X', 'm',
    'C', 'r', 'a', 'e', 'o', 't', 0x00, 'A', '7', '/', 0x14, 'g', 0x00,
  };
  g_autoptr(GBytes) bytes = g_bytes_new_static (webp, sizeof webp);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = lk_metadata_read (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (object);
  g_assert_false (json_object_get_boolean_member (object, "present"));
  g_assert_nonnull (strstr (json_object_get_string_member (object, "read_error"),
                            "metadata reader failed"));
}

static void
test_not_an_image (void)
{
  static const char text[] = "This is a text file with a .jpg name\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = lk_metadata_read (bytes, &error);

  g_assert_null (object);
  g_assert_error (error, LK_ERROR, LK_ERROR_IMAGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gexiv2_initialize ();

  LK_TEST_ADD ("/likeness/metadata/exif-fixture", test_exif_fixture);
  LK_TEST_ADD ("/likeness/metadata/camera-not-flagged", test_camera_not_flagged);
  LK_TEST_ADD ("/likeness/metadata/xmp-creator-tool", test_xmp_creator_tool);
  LK_TEST_ADD ("/likeness/metadata/xmp-history", test_xmp_history);
  g_test_add_func ("/likeness/metadata/no-metadata", test_no_metadata);
  g_test_add_func ("/likeness/metadata/damaged-exif-not-fatal", test_damaged_exif_not_fatal);
  g_test_add_func ("/likeness/metadata/not-an-image", test_not_an_image);
  g_test_add_func ("/likeness/metadata/webp-size-overflow", test_webp_size_overflow);

  return g_test_run ();
}
