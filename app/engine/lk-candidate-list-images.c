/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The images of a candidate list: relative paths that stay inside the list's folder, or data:
 * URIs; each one read and checked against the limits (size, pixels), its declared type, and
 * decoded once, so that an import never stores an image that cannot be shown. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "imaging/lk-cv.h"
#include "imaging/lk-image-header.h"
#include "engine/lk-candidate-list-private.h"
#include "engine/lk-candidate-list.h"

static char *
where_text (const LkCandidateListLoader *l,
            guint                        i)
{
  return g_strdup_printf ("%s: %s", l->name, (const char *) g_ptr_array_index (l->where, i));
}

static gboolean
check_size (const LkCandidateListLoader  *l,
            gsize                         size,
            const char                   *label,
            const char                   *where,
            GError                      **error)
{
  if (size == 0)
    return lk_candidate_list_fail (error, where, "image %s is empty", label);
  if ((double) size <= l->limits->max_megabytes * 1e6)
    return TRUE;
  return lk_candidate_list_fail (error, where, "image %s is %.1f MB, over the limit of %.0f MB",
                                 label, size / 1e6, l->limits->max_megabytes);
}

static gboolean
is_base64 (const char *text)
{
  gsize n = 0;

  for (const char *p = text; *p != '\0'; p++, n++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && !(*p == '=' && (p[1] == '\0' ||
                                                                         p[1] == '=')))
      return FALSE;
  return n > 0 && n % 4 == 0;
}

/* "data:image/png;base64,...": the media type must be an image type and the data base64. */
static GBytes *
decode_data_uri (const LkCandidateListLoader  *l,
                 const char                   *uri,
                 char                        **declared,
                 const char                   *where,
                 GError                      **error)
{
  const char *comma = strchr (uri, ',');
  g_autofree char *meta = comma ? g_ascii_strdown (uri + 5, comma - uri - 5) : NULL;
  gsize size = 0;
  guchar *data;

  if (meta == NULL || !g_str_has_prefix (meta, "image/") || !g_str_has_suffix (meta, ";base64"))
    {
      lk_candidate_list_fail (error, where,
                              "an embedded image must be a data:image/…;base64, URI");
      return NULL;
    }
  if (!is_base64 (comma + 1))
    {
      lk_candidate_list_fail (error, where, "the embedded image is not valid base64");
      return NULL;
    }
  if (!check_size (l, strlen (comma + 1) / 4 * 3, "(embedded)", where, error))
    return NULL;
  *declared = g_strndup (meta, strcspn (meta, ";"));
  if (g_str_equal (*declared, "image/jpg"))
    {
      g_free (*declared);
      *declared = g_strdup ("image/jpeg");
    }
  data = g_base64_decode (comma + 1, &size);
  return g_bytes_new_take (data, size);
}

/* Relative to the list's folder, and nothing that could lead out of it. */
static gboolean
check_relative (const char  *ref,
                const char  *where,
                GError     **error)
{
  g_auto(GStrv) parts = NULL;

  if (g_path_is_absolute (ref) || (g_ascii_isalpha (ref[0]) && ref[1] == ':'))
    return lk_candidate_list_fail (error, where, "image %s is an absolute path; give a path "
                                   "relative to the list's folder", ref);
  if (strchr (ref, '\\') != NULL)
    return lk_candidate_list_fail (error, where, "image %s contains a backslash; separate "
                                   "folders with /", ref);
  for (const char *p = ref; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return lk_candidate_list_fail (error, where, "image %s contains a control character",
                                     ref);
  parts = g_strsplit (ref, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".."))
      return lk_candidate_list_fail (error, where, "image %s leaves the list's folder", ref);
  return TRUE;
}

static char *
resolve_inside (const LkCandidateListLoader  *l,
                const char                   *ref,
                const char                   *where,
                GError                      **error)
{
  g_autofree char *joined = g_build_filename (l->folder, ref, NULL);
  g_autofree char *prefix = g_str_has_suffix (l->folder, "/") ? g_strdup (l->folder)
                                                               : g_strconcat (l->folder, "/", NULL);
  g_autofree char *resolved = realpath (joined, NULL);
  int saved = errno;

  if (resolved == NULL)
    {
      if (saved == ENOENT || saved == ENOTDIR)
        lk_candidate_list_fail (error, where, "image %s is missing (no such file in the list's "
                                "folder)", ref);
      else
        lk_candidate_list_fail (error, where, "image %s cannot be opened: %s", ref,
                                g_strerror (saved));
      return NULL;
    }
  if (!g_str_has_prefix (resolved, prefix))
    {
      lk_candidate_list_fail (error, where, "image %s leaves the list's folder (a symbolic link "
                              "to %s)", ref, resolved);
      return NULL;
    }
  return g_steal_pointer (&resolved);
}

static GBytes *
read_relative (const LkCandidateListLoader  *l,
               const char                   *ref,
               const char                   *where,
               GError                      **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;
  struct stat st;

  if (!check_relative (ref, where, error) ||
      (path = resolve_inside (l, ref, where, error)) == NULL)
    return NULL;
  if (stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      lk_candidate_list_fail (error, where, "image %s is not a regular file", ref);
      return NULL;
    }
  if (!check_size (l, (gsize) st.st_size, ref, where, error))
    return NULL;
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      lk_candidate_list_fail (error, where, "image %s cannot be read: %s", ref,
                              local_error->message);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

static gboolean
check_pixels (const LkCandidateListLoader  *l,
              LkCandidateEntry             *e,
              GBytes                       *bytes,
              const char                   *label,
              const char                   *declared,
              const char                   *where,
              GError                      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LkCvImage) image = NULL;
  LkImageHeader header = { 0 };
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  double megapixels;

  if (!check_size (l, size, label, where, error))
    return FALSE;
  if (!lk_image_header_read (data, size, &header, &local_error))
    return lk_candidate_list_fail (error, where, "image %s cannot be read: %s", label,
                                   local_error->message);
  megapixels = (double) header.width * header.height / 1e6;
  if (megapixels > l->limits->max_megapixels)
    return lk_candidate_list_fail (error, where, "image %s has %u × %u pixels (%.1f megapixels), "
                                   "over the limit of %.0f megapixels", label, header.width,
                                   header.height, megapixels, l->limits->max_megapixels);
  if (declared != NULL && !g_str_equal (declared, header.media_type))
    return lk_candidate_list_fail (error, where, "the embedded image is declared %s but holds %s",
                                   declared, header.media_type);
  image = lk_cv_image_decode (bytes, &local_error);
  if (image == NULL)
    return lk_candidate_list_fail (error, where, "image %s cannot be decoded: %s", label,
                                   local_error->message);
  e->image = g_bytes_ref (bytes);
  e->media_type = header.media_type;
  /* Upright, as decoded: the EXIF orientation applied. */
  e->width = (guint) lk_cv_image_get_width (image);
  e->height = (guint) lk_cv_image_get_height (image);
  return TRUE;
}

static gboolean
load_image (const LkCandidateListLoader  *l,
            LkCandidateEntry             *e,
            const char                   *where,
            GError                      **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *declared = NULL;
  gboolean embedded = g_ascii_strncasecmp (e->image_ref, "data:", 5) == 0;

  if (embedded)
    bytes = decode_data_uri (l, e->image_ref, &declared, where, error);
  else
    bytes = read_relative (l, e->image_ref, where, error);
  return bytes != NULL &&
         check_pixels (l, e, bytes, embedded ? "(embedded)" : e->image_ref, declared, where,
                       error);
}

gboolean
lk_candidate_list_load_images (const LkCandidateListLoader  *l,
                               GError                      **error)
{
  for (guint i = 0; i < l->list->entries->len; i++)
    {
      g_autofree char *where = where_text (l, i);

      if (!load_image (l, g_ptr_array_index (l->list->entries, i), where, error))
        return FALSE;
    }
  return TRUE;
}
