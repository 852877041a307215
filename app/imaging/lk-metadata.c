/* SPDX-License-Identifier: GPL-3.0-or-later */
/* EXIF, IPTC and XMP through gexiv2. A file whose metadata cannot be read is still evidence:
 * failures here become a "read_error" member, never a refused image. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "lk-error.h"
#include "imaging/lk-exiv2-private.h"
#include "imaging/lk-image-header.h"
#include "imaging/lk-metadata.h"

#define MAX_TAGS 2000
#define MAX_VALUE_CHARS 1024

/* Names that betray an editing or beautifying application, matched case-insensitively as whole
 * words (a letter may neither precede nor follow). */
static const char *const editing_software[] = {
  "Photoshop", "GIMP", "Lightroom", "Snapseed", "Affinity", "Pixelmator", "FaceApp", "Facetune",
  "Meitu", "Paint.NET", "Canva", "Picsart", "Adobe", "Luminar", "Remini",
};

/* Tags whose value names the software that wrote the file. */
static const char *const software_tags[] = {
  "Exif.Image.Software", "Exif.Image.ProcessingSoftware", "Xmp.xmp.CreatorTool",
  "Xmp.tiff.Software",
};

static const char *const date_tags[] = {
  "Exif.Photo.DateTimeOriginal", "Exif.Photo.DateTimeDigitized", "Exif.Image.DateTime",
  "Xmp.exif.DateTimeOriginal", "Xmp.photoshop.DateCreated", "Xmp.xmp.CreateDate",
};

static const char *const lens_tags[] = {
  "Exif.Photo.LensModel", "Xmp.exifEX.LensModel", "Xmp.aux.Lens",
};

static void
ensure_initialised (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      /* Errors reach callers as GErrors; Exiv2's own log would only clutter standard error. */
      gexiv2_log_set_level (GEXIV2_LOG_LEVEL_MUTE);
      gexiv2_initialize ();
      g_once_init_leave (&once, 1);
    }
}

/* The interpreted value of @tag, valid UTF-8, or NULL when absent or unreadable. */
static char *
tag_value (GExiv2Metadata *meta,
           const char     *tag)
{
  g_autofree char *value = lk_exiv2_tag_text (meta, tag);

  if (value == NULL)
    return NULL;
  g_strstrip (value);
  if (*value == '\0')
    return NULL;
  return g_utf8_make_valid (value, -1);
}

static char *
first_tag_value (GExiv2Metadata    *meta,
                 const char *const *tags,
                 gsize              n_tags,
                 const char       **found)
{
  for (gsize i = 0; i < n_tags; i++)
    {
      char *value = tag_value (meta, tags[i]);

      if (value != NULL)
        {
          if (found != NULL)
            *found = tags[i];
          return value;
        }
    }
  return NULL;
}

static void
set_string (JsonObject *object,
            const char *member,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
}

/* ---- editing software ------------------------------------------------------------------------ */

static gboolean
word_at (const char *haystack,
         const char *match,
         gsize       n)
{
  gboolean before = match > haystack && g_ascii_isalpha (match[-1]);
  gboolean after = g_ascii_isalpha (match[n]);

  return !before && !after;
}

/* The editing application named in @value, or NULL. */
static const char *
find_editing_software (const char *value)
{
  g_autofree char *folded = g_ascii_strdown (value, -1);

  for (gsize i = 0; i < G_N_ELEMENTS (editing_software); i++)
    {
      g_autofree char *name = g_ascii_strdown (editing_software[i], -1);
      gsize n = strlen (name);

      for (const char *p = strstr (folded, name); p != NULL; p = strstr (p + 1, name))
        if (word_at (folded, p, n))
          return editing_software[i];
    }
  return NULL;
}

static gboolean
is_history_action (const char *tag,
                   const char *value)
{
  if (!g_str_has_prefix (tag, "Xmp.xmpMM.History") || !g_str_has_suffix (tag, "stEvt:action"))
    return FALSE;
  return g_ascii_strcasecmp (value, "saved") == 0 || g_ascii_strcasecmp (value, "derived") == 0;
}

/* Tags worth searching for an editor's name: the software tags, Photoshop's own XMP namespace
 * and the XMP history (its stEvt:softwareAgent entries). */
static gboolean
is_software_tag (const char *tag)
{
  for (gsize i = 0; i < G_N_ELEMENTS (software_tags); i++)
    if (g_str_equal (tag, software_tags[i]))
      return TRUE;
  return g_str_has_prefix (tag, "Xmp.photoshop.") || g_str_has_prefix (tag, "Xmp.xmpMM.History");
}

/* The reason to flag the file, from one tag, or NULL. */
static char *
editing_reason (const char *tag,
                const char *value)
{
  const char *software;

  if (is_history_action (tag, value))
    return g_strdup_printf ("%s records a \"%s\" action by an editor", tag, value);
  if (!is_software_tag (tag))
    return NULL;
  software = find_editing_software (value);
  if (software == NULL)
    return NULL;
  return g_strdup_printf ("%s names %s (\"%s\")", tag, software, value);
}

/* ---- dates, GPS, numbers --------------------------------------------------------------------- */

/* EXIF writes "YYYY:MM:DD HH:MM:SS" in local time without a zone; ISO 8601 keeps that time as
 * written, adding the offset only when the file states one. XMP dates are ISO 8601 already. */
static char *
iso_date (GExiv2Metadata *meta,
          const char     *tag,
          const char     *value)
{
  int y, mo, d, h, mi, s;
  g_autofree char *offset = NULL;

  if (!g_str_has_prefix (tag, "Exif."))
    return g_strdup (value);
  if (sscanf (value, "%4d:%2d:%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6)
    return NULL;
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60)
    return NULL;
  if (g_str_equal (tag, "Exif.Photo.DateTimeOriginal"))
    offset = tag_value (meta, "Exif.Photo.OffsetTimeOriginal");
  if (offset != NULL && !g_regex_match_simple ("^[+-][0-9]{2}:[0-9]{2}$|^Z$", offset, 0, 0))
    g_clear_pointer (&offset, g_free);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d%s", y, mo, d, h, mi, s,
                          offset != NULL ? offset : "");
}

static void
add_captured_at (JsonObject     *object,
                 GExiv2Metadata *meta)
{
  for (gsize i = 0; i < G_N_ELEMENTS (date_tags); i++)
    {
      g_autofree char *value = tag_value (meta, date_tags[i]);
      g_autofree char *iso = NULL;

      if (value == NULL)
        continue;
      iso = iso_date (meta, date_tags[i], value);
      if (iso == NULL)
        continue;
      json_object_set_string_member (object, "captured_at", iso);
      json_object_set_string_member (object, "captured_at_source", date_tags[i]);
      return;
    }
}

static void
add_gps (JsonObject     *object,
         GExiv2Metadata *meta)
{
  JsonObject *gps;
  double latitude = 0;
  double longitude = 0;
  double altitude = 0;
  gboolean has_altitude = FALSE;

  if (!lk_exiv2_gps (meta, &latitude, &longitude, &altitude, &has_altitude))
    return;
  gps = json_object_new ();
  json_object_set_double_member (gps, "latitude", latitude);
  json_object_set_double_member (gps, "longitude", longitude);
  if (has_altitude)
    json_object_set_double_member (gps, "altitude", altitude);
  json_object_set_object_member (object, "gps", gps);
}

static void
add_int (JsonObject     *object,
         const char     *member,
         GExiv2Metadata *meta,
         const char     *tag)
{
  glong value = 0;

  if (lk_exiv2_tag_long (meta, tag, &value))
    json_object_set_int_member (object, member, value);
}

/* ---- all tags -------------------------------------------------------------------------------- */

static char *
cut (char *value)
{
  if (g_utf8_strlen (value, -1) > MAX_VALUE_CHARS)
    *g_utf8_offset_to_pointer (value, MAX_VALUE_CHARS) = '\0';
  return value;
}

typedef struct
{
  JsonObject *tags;
  guint       n_tags;
  char       *reason;
} TagWalk;

static void
walk_tags (TagWalk         *walk,
           GExiv2Metadata  *meta,
           char           **names)
{
  for (gsize i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *value = tag_value (meta, names[i]);

      if (value == NULL)
        continue;
      if (walk->reason == NULL)
        walk->reason = editing_reason (names[i], value);
      if (walk->n_tags < MAX_TAGS && !json_object_has_member (walk->tags, names[i]))
        {
          json_object_set_string_member (walk->tags, names[i], cut (value));
          walk->n_tags++;
        }
    }
}

static void
tag_walk_clear (TagWalk *walk)
{
  g_clear_pointer (&walk->tags, json_object_unref);
  g_clear_pointer (&walk->reason, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TagWalk, tag_walk_clear)

static void
collect_tags (TagWalk        *walk,
              GExiv2Metadata *meta)
{
  g_auto(GStrv) exif = lk_exiv2_tag_names (meta, 'E');
  g_auto(GStrv) iptc = lk_exiv2_tag_names (meta, 'I');
  g_auto(GStrv) xmp = lk_exiv2_tag_names (meta, 'X');

  walk->tags = json_object_new ();
  walk_tags (walk, meta, exif);
  walk_tags (walk, meta, iptc);
  walk_tags (walk, meta, xmp);
}

static void
add_summary (JsonObject     *object,
             GExiv2Metadata *meta)
{
  g_autofree char *make = tag_value (meta, "Exif.Image.Make");
  g_autofree char *model = tag_value (meta, "Exif.Image.Model");
  g_autofree char *lens = first_tag_value (meta, lens_tags, G_N_ELEMENTS (lens_tags), NULL);
  g_autofree char *software = first_tag_value (meta, software_tags, G_N_ELEMENTS (software_tags),
                                               NULL);

  set_string (object, "camera_make", make);
  set_string (object, "camera_model", model);
  set_string (object, "lens", lens);
  add_captured_at (object, meta);
  set_string (object, "software", software);
  add_gps (object, meta);
  add_int (object, "orientation", meta, "Exif.Image.Orientation");
  add_int (object, "exif_width", meta, "Exif.Photo.PixelXDimension");
  add_int (object, "exif_height", meta, "Exif.Photo.PixelYDimension");
}

static JsonObject *
describe (GExiv2Metadata *meta)
{
  g_auto(TagWalk) walk = { NULL, 0, NULL };
  JsonObject *object = json_object_new ();

  collect_tags (&walk, meta);
  json_object_set_boolean_member (object, "present", walk.n_tags > 0);
  if (walk.n_tags == 0)
    return object;
  add_summary (object, meta);
  json_object_set_boolean_member (object, "editing_software_flagged", walk.reason != NULL);
  set_string (object, "editing_software_reason", walk.reason);
  json_object_set_object_member (object, "tags", g_steal_pointer (&walk.tags));
  return object;
}

static JsonObject *
unreadable (const char *message)
{
  JsonObject *object = json_object_new ();

  json_object_set_boolean_member (object, "present", FALSE);
  json_object_set_string_member (object, "read_error", message);
  return object;
}

JsonObject *
lk_metadata_read (GBytes  *bytes,
                  GError **error)
{
  g_autoptr(GExiv2Metadata) meta = NULL;
  g_autoptr(GError) local_error = NULL;
  LkImageHeader header;
  gsize size = 0;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (!lk_image_header_read (data, size, &header, error))
    return NULL;

  ensure_initialised ();
  meta = gexiv2_metadata_new ();
  if (!lk_exiv2_open (meta, data, size, &local_error))
    return unreadable (local_error->message);
  return describe (meta);
}
