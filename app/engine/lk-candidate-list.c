/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The candidate-list format, version 1: a JSON file, or a CSV file with a sidecar JSON for the
 * header fields. Everything is checked on loading, every image included (the CSV form is read by
 * lk-candidate-list-csv.c, the images by lk-candidate-list-images.c), so that an import stores a
 * sound list or nothing. Messages name the file, then the candidate (JSON: its place in the
 * array) or the line (CSV), then the reason. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/lk-candidate-list.h"
#include "lk-error.h"
#include "lk-json.h"
#include "lk-util.h"
#include "engine/lk-candidate-list-private.h"

#define FORMAT_NAME "likeness-candidate-list"
#define FORMAT_VERSION 1

static const LkCandidateLimits default_limits = { 50, 100, 200 };

static void
loader_clear (LkCandidateListLoader *l)
{
  g_clear_pointer (&l->name, g_free);
  g_clear_pointer (&l->folder, g_free);
  g_clear_pointer (&l->where, g_ptr_array_unref);
  g_clear_pointer (&l->list, lk_candidate_list_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkCandidateListLoader, loader_clear)

void
lk_candidate_list_entry_free (LkCandidateEntry *e)
{
  g_free (e->subject_ref);
  g_free (e->image_ref);
  g_clear_pointer (&e->image, g_bytes_unref);
  g_clear_pointer (&e->metadata, json_object_unref);
  g_free (e);
}

void
lk_candidate_list_free (LkCandidateList *list)
{
  if (list == NULL)
    return;
  g_free (list->format);
  g_free (list->source_sha256);
  g_free (list->sidecar_sha256);
  g_free (list->engine_name);
  g_free (list->engine_version);
  g_free (list->reference_db_name);
  g_free (list->reference_db_legal_basis);
  g_free (list->probe_image);
  g_free (list->probe_sha256);
  g_free (list->performed_at);
  g_clear_pointer (&list->entries, g_ptr_array_unref);
  g_free (list);
}

gboolean
lk_candidate_list_fail (GError     **error,
                        const char  *where,
                        const char  *format,
                        ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s: %s", where, reason);
  return FALSE;
}

/* ---- reading text files ------------------------------------------------------------------ */

static void
text_file_clear (LkCandidateListText *f)
{
  g_clear_pointer (&f->map, g_mapped_file_unref);
  g_clear_pointer (&f->sha256, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkCandidateListText, text_file_clear)

static guint
line_of (const char *text,
         const char *at)
{
  guint line = 1;

  for (const char *p = text; p < at; p++)
    if (*p == '\n')
      line++;
  return line;
}

/* Checks the encoding ourselves, so that the message names the file and the line. */
static gboolean
check_utf8 (const char  *text,
            gsize        length,
            const char  *name,
            GError     **error)
{
  const char *end = NULL;

  if (g_utf8_validate_len (text, length, &end))
    return TRUE;
  return lk_candidate_list_fail (error, name, "the file is not valid UTF-8 text (line %u, byte %"
                                 G_GSIZE_FORMAT "); save it as UTF-8", line_of (text, end),
                                 (gsize) (end - text) + 1);
}

/* @data as read from the file @name: its SHA-256, then the text after a byte-order mark, which
 * must be UTF-8. */
static gboolean
text_accept (LkCandidateListText  *f,
             const char           *data,
             gsize                 length,
             const char           *name,
             GError              **error)
{
  if (length == 0 || data == NULL)
    return lk_candidate_list_fail (error, name, "the file is empty");
  f->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  f->text = data;
  f->length = length;
  if (f->length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      f->text += 3;
      f->length -= 3;
    }
  return check_utf8 (f->text, f->length, name, error);
}

static gboolean
text_file_read (LkCandidateListText  *f,
                const char           *path,
                const char           *name,
                GError              **error)
{
  g_autoptr(GError) local_error = NULL;

  f->map = g_mapped_file_new (path, FALSE, &local_error);
  if (f->map == NULL)
    return lk_candidate_list_fail (error, name, "cannot be read: %s", local_error->message);
  return text_accept (f, g_mapped_file_get_contents (f->map), g_mapped_file_get_length (f->map),
                      name, error);
}

static JsonObject *
parse_object (const LkCandidateListText  *f,
              const char                 *name,
              GError                    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = lk_json_load (f->text, (gssize) f->length, LK_JSON_MAX_SIZE,
                                           &local_error);

  if (root == NULL)
    {
      lk_candidate_list_fail (error, name, "%s", local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      lk_candidate_list_fail (error, name, "the top level must be a JSON object");
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* ---- JSON members ------------------------------------------------------------------------ */

/* The member, or NULL when it is absent or null. */
static JsonNode *
member (JsonObject *o,
        const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  return node == NULL || JSON_NODE_HOLDS_NULL (node) ? NULL : node;
}

static gboolean
holds (JsonNode *node,
       GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static char *
node_text (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  if (g_utf8_strlen (text, -1) <= 40)
    return g_steal_pointer (&text);
  return g_strdup_printf ("%.40s…", text);
}

static gboolean
read_string (JsonObject   *o,
             const char   *name,
             const char   *label,
             gboolean      required,
             char        **out,
             const char   *where,
             GError      **error)
{
  JsonNode *node = member (o, name);

  *out = NULL;
  if (node == NULL)
    return !required || lk_candidate_list_fail (error, where, "%s is missing", label);
  if (!holds (node, G_TYPE_STRING))
    return lk_candidate_list_fail (error, where, "%s must be a string", label);
  if (lk_text_is_blank (json_node_get_string (node)))
    return lk_candidate_list_fail (error, where, "%s is empty", label);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

/* Identifiers (a subject's reference) are one line of printable text. */
static gboolean
read_identifier (JsonObject   *o,
                 const char   *name,
                 char        **out,
                 const char   *where,
                 GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!read_string (o, name, name, TRUE, out, where, error))
    return FALSE;
  if (lk_require_name (*out, name, &local_error))
    return TRUE;
  return lk_candidate_list_fail (error, where, "%s", local_error->message);
}

static gboolean
read_object (JsonObject   *o,
             const char   *name,
             const char   *label,
             gboolean      required,
             JsonObject  **out,
             const char   *where,
             GError      **error)
{
  JsonNode *node = member (o, name);

  *out = NULL;
  if (node == NULL)
    return !required || lk_candidate_list_fail (error, where, "%s is missing", label);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return lk_candidate_list_fail (error, where, "%s must be a JSON object", label);
  *out = json_node_get_object (node);
  return TRUE;
}

/* A whole number (a JSON integer; 3.0 is refused, as it may be a rounded score). */
static gboolean
read_int (JsonObject  *o,
          const char  *name,
          const char  *label,
          gboolean     required,
          gint64      *out,
          gboolean    *present,
          const char  *where,
          GError     **error)
{
  JsonNode *node = member (o, name);

  *present = node != NULL;
  if (node == NULL)
    return !required || lk_candidate_list_fail (error, where, "%s is missing", label);
  if (!holds (node, G_TYPE_INT64))
    {
      g_autofree char *text = node_text (node);

      return lk_candidate_list_fail (error, where, "%s must be a whole number, not %s", label,
                                     text);
    }
  *out = json_node_get_int (node);
  return TRUE;
}

/* A finite JSON number. JSON has no NaN or Infinity, so engines write them as strings: those
 * are refused by name. */
static gboolean
read_number (JsonObject  *o,
             const char  *name,
             const char  *label,
             gboolean     required,
             double      *out,
             gboolean    *present,
             const char  *where,
             GError     **error)
{
  JsonNode *node = member (o, name);

  *present = node != NULL;
  if (node == NULL)
    return !required || lk_candidate_list_fail (error, where, "%s is missing", label);
  if (!holds (node, G_TYPE_INT64) && !holds (node, G_TYPE_DOUBLE))
    {
      g_autofree char *text = node_text (node);

      return lk_candidate_list_fail (error, where, "%s must be a finite number, not %s", label,
                                     text);
    }
  *out = json_node_get_double (node);
  if (!isfinite (*out))
    return lk_candidate_list_fail (error, where, "%s must be a finite number", label);
  return TRUE;
}

/* ---- the header fields ------------------------------------------------------------------- */

static gboolean
check_format (JsonObject  *root,
              const char  *where,
              GError     **error)
{
  g_autofree char *format = NULL;
  gint64 version = 0;
  gboolean present;

  if (!read_string (root, "format", "format", TRUE, &format, where, error))
    return FALSE;
  if (!g_str_equal (format, FORMAT_NAME))
    return lk_candidate_list_fail (error, where, "format is “%s”, not “" FORMAT_NAME "”",
                                   format);
  if (!read_int (root, "version", "version", TRUE, &version, &present, where, error))
    return FALSE;
  if (version != FORMAT_VERSION)
    return lk_candidate_list_fail (error, where, "unknown version %" G_GINT64_FORMAT " (this "
                                   "Likeness reads version %d of the candidate-list format)",
                                   version, FORMAT_VERSION);
  return TRUE;
}

static gboolean
read_engine (JsonObject       *root,
             LkCandidateList  *list,
             const char       *where,
             GError          **error)
{
  JsonObject *engine;

  return read_object (root, "engine", "engine", TRUE, &engine, where, error) &&
         read_string (engine, "name", "engine.name", TRUE, &list->engine_name, where, error) &&
         read_string (engine, "version", "engine.version", TRUE, &list->engine_version, where,
                      error);
}

static gboolean
read_reference_db (JsonObject       *root,
                   LkCandidateList  *list,
                   const char       *where,
                   GError          **error)
{
  JsonObject *db;

  return read_object (root, "reference_database", "reference_database", TRUE, &db, where,
                      error) &&
         read_string (db, "name", "reference_database.name", TRUE, &list->reference_db_name,
                      where, error) &&
         read_string (db, "legal_basis", "reference_database.legal_basis", FALSE,
                      &list->reference_db_legal_basis, where, error);
}

static gboolean
is_sha256 (const char *text)
{
  if (strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
read_probe (JsonObject       *root,
            LkCandidateList  *list,
            const char       *where,
            GError          **error)
{
  JsonObject *probe;
  g_autofree char *sha256 = NULL;

  if (!read_object (root, "probe", "probe", FALSE, &probe, where, error))
    return FALSE;
  if (probe == NULL)
    return TRUE;
  if (!read_string (probe, "image", "probe.image", FALSE, &list->probe_image, where, error) ||
      !read_string (probe, "sha256", "probe.sha256", FALSE, &sha256, where, error))
    return FALSE;
  if (sha256 != NULL && !is_sha256 (sha256))
    return lk_candidate_list_fail (error, where, "probe.sha256 “%s” is not a SHA-256 (64 "
                                   "hexadecimal digits)", sha256);
  list->probe_sha256 = sha256 ? g_ascii_strdown (sha256, -1) : NULL;
  return TRUE;
}

/* An ISO 8601 date and time with its time zone: a search time without one is ambiguous. */
static gboolean
check_time (const char  *text,
            const char  *where,
            GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) other = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) a = g_date_time_new_from_iso8601 (text, utc);
  g_autoptr(GDateTime) b = g_date_time_new_from_iso8601 (text, other);

  if (a != NULL && b != NULL && g_date_time_equal (a, b))
    return TRUE;
  return lk_candidate_list_fail (error, where, "search.performed_at “%s” is not an ISO 8601 date "
                                 "and time with a time zone (for example 2026-01-15T14:32:00Z)",
                                 text);
}

static gboolean
read_search (JsonObject       *root,
             LkCandidateList  *list,
             const char       *where,
             GError          **error)
{
  JsonObject *search;
  gint64 max = 0;
  gboolean present;

  if (!read_object (root, "search", "search", TRUE, &search, where, error) ||
      !read_string (search, "performed_at", "search.performed_at", TRUE, &list->performed_at,
                    where, error) ||
      !check_time (list->performed_at, where, error) ||
      !read_number (search, "threshold", "search.threshold", FALSE, &list->threshold,
                    &list->has_threshold, where, error) ||
      !read_int (search, "max_candidates", "search.max_candidates", FALSE, &max, &present,
                 where, error))
    return FALSE;
  if (present && (max < 1 || max > G_MAXINT))
    return lk_candidate_list_fail (error, where, "search.max_candidates must be 1 or more, not %"
                                   G_GINT64_FORMAT, max);
  list->max_candidates = (int) max;
  return TRUE;
}

static gboolean
read_header (JsonObject       *root,
             LkCandidateList  *list,
             const char       *where,
             GError          **error)
{
  return check_format (root, where, error) &&
         read_engine (root, list, where, error) &&
         read_reference_db (root, list, where, error) &&
         read_probe (root, list, where, error) &&
         read_search (root, list, where, error);
}

/* ---- candidates -------------------------------------------------------------------------- */

gboolean
lk_candidate_list_check_count (const LkCandidateListLoader  *l,
                               guint                         n,
                               GError                      **error)
{
  if (n == 0)
    return lk_candidate_list_fail (error, l->name, "the list has no candidates");
  if (n > (guint) l->limits->max_entries)
    return lk_candidate_list_fail (error, l->name, "%u candidates, more than the %d allowed by "
                                   "policy (max_candidates)", n, l->limits->max_entries);
  return TRUE;
}

void
lk_candidate_list_add_entry (LkCandidateListLoader *l,
                             LkCandidateEntry      *e,
                             char                  *where)
{
  g_ptr_array_add (l->list->entries, e);
  g_ptr_array_add (l->where, where);
}

static gboolean
read_json_entry (LkCandidateListLoader  *l,
                 JsonObject             *o,
                 guint                   index,
                 GError                **error)
{
  g_autoptr(LkCandidateEntry) e = g_new0 (LkCandidateEntry, 1);
  g_autofree char *where = g_strdup_printf ("%s: candidate %u", l->name, index);
  gint64 rank = 0;
  gboolean present;
  JsonObject *metadata;

  if (!read_int (o, "rank", "rank", TRUE, &rank, &present, where, error))
    return FALSE;
  if (rank < 1 || rank > G_MAXINT)
    return lk_candidate_list_fail (error, where, "rank %" G_GINT64_FORMAT " is not 1 or more",
                                   rank);
  e->rank = (int) rank;
  g_free (where);
  where = g_strdup_printf ("%s: candidate %u (rank %d)", l->name, index, e->rank);
  if (!read_number (o, "score", "score", TRUE, &e->score, &present, where, error) ||
      !read_identifier (o, "subject_ref", &e->subject_ref, where, error) ||
      !read_string (o, "image", "image", TRUE, &e->image_ref, where, error) ||
      !read_object (o, "metadata", "metadata", FALSE, &metadata, where, error))
    return FALSE;
  e->metadata = metadata != NULL ? json_object_ref (metadata) : json_object_new ();
  lk_candidate_list_add_entry (l, g_steal_pointer (&e),
                               g_strdup_printf ("candidate %u (rank %d)", index, (int) rank));
  return TRUE;
}

static gboolean
read_json_candidates (LkCandidateListLoader  *l,
                      JsonObject             *root,
                      GError                **error)
{
  JsonNode *node = member (root, "candidates");
  JsonArray *array;
  guint n;

  if (node == NULL)
    return lk_candidate_list_fail (error, l->name, "candidates is missing");
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return lk_candidate_list_fail (error, l->name, "candidates must be an array");
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (!lk_candidate_list_check_count (l, n, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return lk_candidate_list_fail (error, l->name, "candidate %u must be a JSON object",
                                       i + 1);
      if (!read_json_entry (l, json_node_get_object (element), i + 1, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- checks across candidates ------------------------------------------------------------ */

static gboolean
check_ranks (const LkCandidateListLoader  *l,
             GError                      **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GPtrArray *entries = l->list->entries;

  for (guint i = 0; i < entries->len; i++)
    {
      const LkCandidateEntry *e = g_ptr_array_index (entries, i);
      gpointer before;

      if (g_hash_table_lookup_extended (seen, GINT_TO_POINTER (e->rank), NULL, &before))
        {
          const char *earlier = g_ptr_array_index (l->where, GPOINTER_TO_UINT (before));

          return lk_candidate_list_fail (error, l->name, "%s has the same rank as %s",
                                         (const char *) g_ptr_array_index (l->where, i), earlier);
        }
      g_hash_table_insert (seen, GINT_TO_POINTER (e->rank), GUINT_TO_POINTER (i));
    }
  if (l->list->max_candidates > 0 && entries->len > (guint) l->list->max_candidates)
    return lk_candidate_list_fail (error, l->name, "the list has %u candidates but "
                                   "search.max_candidates says %d", entries->len,
                                   l->list->max_candidates);
  return TRUE;
}

/* ---- loading ----------------------------------------------------------------------------- */

static int
compare_rank (gconstpointer a,
              gconstpointer b)
{
  const LkCandidateEntry *x = *(LkCandidateEntry * const *) a;
  const LkCandidateEntry *y = *(LkCandidateEntry * const *) b;

  return (x->rank > y->rank) - (x->rank < y->rank);
}

static gboolean
parse_json (LkCandidateListLoader      *l,
            const LkCandidateListText  *file,
            GError                    **error)
{
  g_autoptr(JsonObject) root = parse_object (file, l->name, error);

  if (root == NULL)
    return FALSE;
  l->list->source_sha256 = g_strdup (file->sha256);
  return read_header (root, l->list, l->name, error) &&
         read_json_candidates (l, root, error);
}

static gboolean
load_json (LkCandidateListLoader  *l,
           const char             *path,
           GError                **error)
{
  g_auto(LkCandidateListText) file = { 0 };

  return text_file_read (&file, path, l->name, error) &&
         parse_json (l, &file, error);
}

static char *
sidecar_path (const char *csv_path)
{
  g_autofree char *stem = g_strndup (csv_path, strlen (csv_path) - 4);

  return g_strconcat (stem, ".json", NULL);
}

static gboolean
parse_sidecar (LkCandidateListLoader      *l,
               const LkCandidateListText  *file,
               const char                 *where,
               GError                    **error)
{
  g_autoptr(JsonObject) root = parse_object (file, where, error);

  if (root == NULL)
    return FALSE;
  if (json_object_has_member (root, "candidates"))
    return lk_candidate_list_fail (error, where, "candidates belong in %s, not in its header",
                                   l->name);
  l->list->sidecar_sha256 = g_strdup (file->sha256);
  return read_header (root, l->list, where, error);
}

static char *
sidecar_where (const LkCandidateListLoader *l,
               const char                  *sidecar_name)
{
  return g_strdup_printf ("%s (the header of %s)", sidecar_name, l->name);
}

/* The header fields of a CSV list live in "<same name>.json" beside it. */
static gboolean
load_sidecar (LkCandidateListLoader  *l,
              const char             *csv_path,
              GError                **error)
{
  g_autofree char *path = sidecar_path (csv_path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *where = sidecar_where (l, base);
  g_auto(LkCandidateListText) file = { 0 };

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return lk_candidate_list_fail (error, l->name, "the header fields belong in %s beside it, "
                                   "which is missing", base);
  return text_file_read (&file, path, where, error) &&
         parse_sidecar (l, &file, where, error);
}

static gboolean
parse_csv (LkCandidateListLoader      *l,
           const LkCandidateListText  *file,
           GError                    **error)
{
  l->list->source_sha256 = g_strdup (file->sha256);
  return lk_candidate_list_read_csv (l, file, error);
}

static gboolean
load_csv (LkCandidateListLoader  *l,
          const char             *path,
          GError                **error)
{
  g_auto(LkCandidateListText) file = { 0 };

  return load_sidecar (l, path, error) &&
         text_file_read (&file, path, l->name, error) &&
         parse_csv (l, &file, error);
}

static void
loader_start (LkCandidateListLoader    *l,
              const char               *name,
              const char               *format,
              const LkCandidateLimits  *limits)
{
  l->limits = limits != NULL ? limits : &default_limits;
  l->name = g_strdup (name);
  l->where = g_ptr_array_new_with_free_func (g_free);
  l->list = g_new0 (LkCandidateList, 1);
  l->list->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_candidate_list_entry_free);
  l->list->format = g_strdup (format);
}

static gboolean
loader_set_folder (LkCandidateListLoader  *l,
                   const char             *folder,
                   GError                **error)
{
  l->folder = realpath (folder, NULL);
  if (l->folder == NULL)
    return lk_candidate_list_fail (error, l->name, "its folder %s cannot be opened: %s", folder,
                                   g_strerror (errno));
  return TRUE;
}

/* The checks across candidates, the images, then rank order. */
static LkCandidateList *
loader_finish (LkCandidateListLoader  *l,
               GError                **error)
{
  if (!check_ranks (l, error) ||
      !lk_candidate_list_load_images (l, error))
    return NULL;
  g_ptr_array_sort (l->list->entries, compare_rank);
  return g_steal_pointer (&l->list);
}

LkCandidateList *
lk_candidate_list_parse (const char               *name,
                         GBytes                   *list,
                         GBytes                   *header,
                         const char               *folder,
                         const LkCandidateLimits  *limits,
                         GError                  **error)
{
  g_auto(LkCandidateListLoader) l = { 0 };
  g_auto(LkCandidateListText) text = { 0 };
  g_auto(LkCandidateListText) header_text = { 0 };
  g_autofree char *where = NULL;
  gsize size = 0, header_size = 0;
  const char *data;

  g_return_val_if_fail (name != NULL && list != NULL && folder != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  loader_start (&l, name, header != NULL ? "csv" : "json", limits);
  if (!loader_set_folder (&l, folder, error))
    return NULL;
  if (header != NULL)
    {
      data = g_bytes_get_data (header, &header_size);
      where = sidecar_where (&l, "the header");
      if (!text_accept (&header_text, data, header_size, where, error) ||
          !parse_sidecar (&l, &header_text, where, error))
        return NULL;
    }
  data = g_bytes_get_data (list, &size);
  if (!text_accept (&text, data, size, name, error) ||
      !(header != NULL ? parse_csv (&l, &text, error) : parse_json (&l, &text, error)))
    return NULL;
  return loader_finish (&l, error);
}

LkCandidateList *
lk_candidate_list_load (const char               *path,
                        const LkCandidateLimits  *limits,
                        GError                  **error)
{
  g_auto(LkCandidateListLoader) l = { 0 };
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;
  gboolean csv;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_path_get_basename (path);
  folder = g_path_get_dirname (path);
  csv = g_str_has_suffix (path, ".csv") || g_str_has_suffix (path, ".CSV");
  loader_start (&l, name, csv ? "csv" : "json", limits);
  if (!loader_set_folder (&l, folder, error))
    return NULL;
  if (!csv && !g_str_has_suffix (path, ".json") && !g_str_has_suffix (path, ".JSON"))
    {
      lk_candidate_list_fail (error, l.name, "a candidate list is a .json file, or a .csv file "
                              "with a .json header beside it");
      return NULL;
    }
  if (!(csv ? load_csv (&l, path, error) : load_json (&l, path, error)))
    return NULL;
  return loader_finish (&l, error);
}
