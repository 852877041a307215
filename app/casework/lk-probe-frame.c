/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "lk-json.h"
#include "casework/lk-probe-frame-private.h"
#include "imaging/lk-image-header.h"

/* Enough of an image for its header: JPEG markers before the frame (EXIF, ICC) stay well
 * within it. */
#define HEADER_PREFIX 1048576

int
lk_probe_frame_orientation (const char *metadata_text)
{
  g_autoptr(JsonNode) node = lk_json_parse (metadata_text);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return 0;
  return (int) json_object_get_int_member_with_default (json_node_get_object (node),
                                                        "orientation", 0);
}

static gboolean
quarter_turn (int orientation)
{
  return orientation >= 5 && orientation <= 8;
}

gboolean
lk_probe_frame_is_stored (const char *recorded,
                          int         orientation,
                          int         width,
                          int         height,
                          int         header_width,
                          int         header_height)
{
  if (recorded != NULL || !quarter_turn (orientation) || header_width == header_height)
    return FALSE;
  return width == header_width && height == header_height;
}

/* A point (x, y) of the stored frame, W x H, where the upright image shows it (EXIF 2.3,
 * Orientation: the stored rows and columns are turned, or mirrored, to be seen upright). */
static void
turn_point (int     orientation,
            double  w,
            double  h,
            double *x,
            double *y)
{
  double sx = *x, sy = *y;

  switch (orientation)
    {
    case 2: *x = w - sx; break;
    case 3: *x = w - sx; *y = h - sy; break;
    case 4: *y = h - sy; break;
    case 5: *x = sy; *y = sx; break;
    case 6: *x = h - sy; *y = sx; break;
    case 7: *x = h - sy; *y = w - sx; break;
    case 8: *x = sy; *y = w - sx; break;
    default: break;
    }
}

static void
turn_point_array (JsonArray *point,
                  int        orientation,
                  double     w,
                  double     h)
{
  double x, y;

  if (json_array_get_length (point) != 2)
    return;
  x = json_array_get_double_element (point, 0);
  y = json_array_get_double_element (point, 1);
  turn_point (orientation, w, h, &x, &y);
  json_array_remove_element (point, 1);
  json_array_remove_element (point, 0);
  json_array_add_double_element (point, round (x * 10) / 10);
  json_array_add_double_element (point, round (y * 10) / 10);
}

static void
turn_points (JsonObject *face,
             const char *member,
             int         orientation,
             double      w,
             double      h)
{
  JsonArray *points = json_object_has_member (face, member)
                      ? json_object_get_array_member (face, member) : NULL;

  for (guint i = 0; points != NULL && i < json_array_get_length (points); i++)
    turn_point_array (json_array_get_array_element (points, i), orientation, w, h);
}

/* The eyes as the core gives them: eye_a is the one with the smaller x as seen. */
static void
order_eyes (JsonObject *face)
{
  JsonArray *eyes = json_object_has_member (face, "eyes")
                    ? json_object_get_array_member (face, "eyes") : NULL;
  JsonNode *first;

  if (eyes == NULL || json_array_get_length (eyes) != 2 ||
      json_array_get_double_element (json_array_get_array_element (eyes, 0), 0) <=
      json_array_get_double_element (json_array_get_array_element (eyes, 1), 0))
    return;
  first = json_node_copy (json_array_get_element (eyes, 0));
  json_array_remove_element (eyes, 0);
  json_array_add_element (eyes, first);
}

static void
turn_box (JsonObject *face,
          int         orientation,
          double      w,
          double      h)
{
  double x0 = json_object_get_int_member (face, "x");
  double y0 = json_object_get_int_member (face, "y");
  double x1 = x0 + json_object_get_int_member (face, "width");
  double y1 = y0 + json_object_get_int_member (face, "height");

  turn_point (orientation, w, h, &x0, &y0);
  turn_point (orientation, w, h, &x1, &y1);
  json_object_set_int_member (face, "x", (gint64) round (MIN (x0, x1)));
  json_object_set_int_member (face, "y", (gint64) round (MIN (y0, y1)));
  json_object_set_int_member (face, "width", (gint64) round (fabs (x1 - x0)));
  json_object_set_int_member (face, "height", (gint64) round (fabs (y1 - y0)));
}

char *
lk_probe_frame_turn_faces (const char *faces,
                           int         orientation,
                           int         stored_width,
                           int         stored_height)
{
  g_autoptr(JsonArray) array = lk_json_parse_array (faces);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *face = json_array_get_object_element (array, i);

      if (face == NULL || !json_object_has_member (face, "x"))
        continue;
      turn_box (face, orientation, stored_width, stored_height);
      turn_points (face, "eyes", orientation, stored_width, stored_height);
      turn_points (face, "landmarks", orientation, stored_width, stored_height);
      order_eyes (face);
    }
  return lk_json_array_text (array);
}

/* The image's size as its header gives it (unrotated): FALSE with @error on a failed read,
 * FALSE with @found unset when its bytes are gone (purged) or the header cannot be read. */
static gboolean
header_size (LkStore     *store,
             const char  *sha256,
             gboolean    *found,
             int         *width,
             int         *height,
             GError     **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT substr (bytes, 1, ?) FROM images"
                                                 " WHERE sha256 = ?", error);
  g_autoptr(GBytes) bytes = NULL;
  LkImageHeader header;
  gsize size;
  const guint8 *data;

  *found = FALSE;
  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, HEADER_PREFIX);
  lk_stmt_bind_text (stmt, 2, sha256);
  if (!lk_stmt_next (stmt, error))
    return !lk_stmt_failed (stmt);
  if ((bytes = lk_stmt_bytes (stmt, 0)) == NULL)
    return TRUE;
  data = g_bytes_get_data (bytes, &size);
  /* A header that cannot be read here was read at intake: only a truncated prefix fails, and
   * then the faces are left as stored, as for a purged image. */
  if (lk_image_header_read (data, size, &header, NULL))
    {
      *found = TRUE;
      *width = (int) header.width;
      *height = (int) header.height;
    }
  return TRUE;
}

gboolean
lk_probe_frame_upright_faces (LkStore     *store,
                              const char  *sha256,
                              const char  *recorded,
                              const char  *metadata_text,
                              const char  *faces,
                              int         *width,
                              int         *height,
                              char       **turned,
                              GError     **error)
{
  int orientation, header_width = 0, header_height = 0;
  gboolean found = FALSE;

  *turned = NULL;
  /* Everything recorded since the frame is, and most old probes, end here, unread. */
  if (recorded != NULL || !quarter_turn (orientation = lk_probe_frame_orientation (metadata_text)))
    return TRUE;
  if (!header_size (store, sha256, &found, &header_width, &header_height, error))
    return FALSE;
  if (!found || !lk_probe_frame_is_stored (recorded, orientation, *width, *height, header_width,
                                           header_height))
    return TRUE;
  *turned = lk_probe_frame_turn_faces (faces, orientation, *width, *height);
  *width = header_height;
  *height = header_width;
  return TRUE;
}
