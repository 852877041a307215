/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The candidate-list format, version 1: a JSON file, or a CSV file with a sidecar JSON for the
 * header fields. Everything is checked here, every image included, so that an import stores a
 * sound list or nothing. Messages name the file, then the candidate (JSON: its place in the
 * array) or the line (CSV), then the reason. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "imaging/lk-cv.h"
#include "imaging/lk-image-header.h"
#include "engine/lk-candidate-list.h"
#include "lk-error.h"
#include "lk-util.h"

#define FORMAT_NAME "likeness-candidate-list"
#define FORMAT_VERSION 1
#define CSV_COLUMNS "rank,score,subject_ref,image"

static const LkCandidateLimits default_limits = { 50, 100, 200 };

typedef struct
{
  const LkCandidateLimits *limits;
  char                    *name;    /* base name of the list file, for messages */
  char                    *folder;  /* the list's folder, symbolic links resolved */
  GPtrArray               *where;   /* char *: "candidate 3 (rank 3)", parallel to entries */
  LkCandidateList         *list;
} Loader;

static void
loader_clear (Loader *l)
{
  g_clear_pointer (&l->name, g_free);
  g_clear_pointer (&l->folder, g_free);
  g_clear_pointer (&l->where, g_ptr_array_unref);
  g_clear_pointer (&l->list, lk_candidate_list_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Loader, loader_clear)

static void
entry_free (LkCandidateEntry *e)
{
  g_free (e->subject_ref);
  g_free (e->image_ref);
  g_clear_pointer (&e->image, g_bytes_unref);
  g_clear_pointer (&e->metadata, json_object_unref);
  g_free (e);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkCandidateEntry, entry_free)

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

/* Every problem: "WHERE: reason", an LK_ERROR_INVALID_INPUT. */
static gboolean G_GNUC_PRINTF (3, 4)
fail (GError     **error,
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

typedef struct
{
  GMappedFile *map;
  const char  *text;    /* after a UTF-8 byte-order mark, if any */
  gsize        length;
  char        *sha256;  /* of all the bytes as read */
} TextFile;

static void
text_file_clear (TextFile *f)
{
  g_clear_pointer (&f->map, g_mapped_file_unref);
  g_clear_pointer (&f->sha256, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TextFile, text_file_clear)

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
  return fail (error, name, "the file is not valid UTF-8 text (line %u, byte %" G_GSIZE_FORMAT
               "); save it as UTF-8", line_of (text, end), (gsize) (end - text) + 1);
}

static gboolean
text_file_read (TextFile    *f,
                const char  *path,
                const char  *name,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *data;

  f->map = g_mapped_file_new (path, FALSE, &local_error);
  if (f->map == NULL)
    return fail (error, name, "cannot be read: %s", local_error->message);
  data = g_mapped_file_get_contents (f->map);
  f->length = g_mapped_file_get_length (f->map);
  if (f->length == 0 || data == NULL)
    return fail (error, name, "the file is empty");
  f->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, f->length);
  f->text = data;
  if (f->length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      f->text += 3;
      f->length -= 3;
    }
  return check_utf8 (f->text, f->length, name, error);
}

static JsonObject *
parse_object (const TextFile  *f,
              const char      *name,
              GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, f->text, (gssize) f->length, &local_error))
    {
      const char *message = local_error->message;

      /* json-glib calls in-memory text "<data>"; the file has a name. */
      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");
      fail (error, name, "not valid JSON: line %s", message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (error, name, "the top level must be a JSON object");
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
    return !required || fail (error, where, "%s is missing", label);
  if (!holds (node, G_TYPE_STRING))
    return fail (error, where, "%s must be a string", label);
  if (lk_text_is_blank (json_node_get_string (node)))
    return fail (error, where, "%s is empty", label);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
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
    return !required || fail (error, where, "%s is missing", label);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, where, "%s must be a JSON object", label);
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
    return !required || fail (error, where, "%s is missing", label);
  if (!holds (node, G_TYPE_INT64))
    {
      g_autofree char *text = node_text (node);

      return fail (error, where, "%s must be a whole number, not %s", label, text);
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
    return !required || fail (error, where, "%s is missing", label);
  if (!holds (node, G_TYPE_INT64) && !holds (node, G_TYPE_DOUBLE))
    {
      g_autofree char *text = node_text (node);

      return fail (error, where, "%s must be a finite number, not %s", label, text);
    }
  *out = json_node_get_double (node);
  if (!isfinite (*out))
    return fail (error, where, "%s must be a finite number", label);
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
    return fail (error, where, "format is “%s”, not “" FORMAT_NAME "”", format);
  if (!read_int (root, "version", "version", TRUE, &version, &present, where, error))
    return FALSE;
  if (version != FORMAT_VERSION)
    return fail (error, where, "unknown version %" G_GINT64_FORMAT " (this Likeness reads "
                 "version %d of the candidate-list format)", version, FORMAT_VERSION);
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
    return fail (error, where, "probe.sha256 “%s” is not a SHA-256 (64 hexadecimal digits)",
                 sha256);
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
  return fail (error, where, "search.performed_at “%s” is not an ISO 8601 date and time with a "
               "time zone (for example 2026-01-15T14:32:00Z)", text);
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
    return fail (error, where, "search.max_candidates must be 1 or more, not %" G_GINT64_FORMAT,
                 max);
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

static char *
where_text (const Loader *l,
            guint         i)
{
  return g_strdup_printf ("%s: %s", l->name, (const char *) g_ptr_array_index (l->where, i));
}

static gboolean
check_count (const Loader  *l,
             guint          n,
             GError       **error)
{
  if (n == 0)
    return fail (error, l->name, "the list has no candidates");
  if (n > (guint) l->limits->max_entries)
    return fail (error, l->name, "%u candidates, more than the %d allowed by policy "
                 "(max_candidates)", n, l->limits->max_entries);
  return TRUE;
}

static void
add_entry (Loader           *l,
           LkCandidateEntry *e,
           char             *where)
{
  g_ptr_array_add (l->list->entries, e);
  g_ptr_array_add (l->where, where);
}

static gboolean
read_json_entry (Loader      *l,
                 JsonObject  *o,
                 guint        index,
                 GError     **error)
{
  g_autoptr(LkCandidateEntry) e = g_new0 (LkCandidateEntry, 1);
  g_autofree char *where = g_strdup_printf ("%s: candidate %u", l->name, index);
  gint64 rank = 0;
  gboolean present;
  JsonObject *metadata;

  if (!read_int (o, "rank", "rank", TRUE, &rank, &present, where, error))
    return FALSE;
  if (rank < 1 || rank > G_MAXINT)
    return fail (error, where, "rank %" G_GINT64_FORMAT " is not 1 or more", rank);
  e->rank = (int) rank;
  g_free (where);
  where = g_strdup_printf ("%s: candidate %u (rank %d)", l->name, index, e->rank);
  if (!read_number (o, "score", "score", TRUE, &e->score, &present, where, error) ||
      !read_string (o, "subject_ref", "subject_ref", TRUE, &e->subject_ref, where, error) ||
      !read_string (o, "image", "image", TRUE, &e->image_ref, where, error) ||
      !read_object (o, "metadata", "metadata", FALSE, &metadata, where, error))
    return FALSE;
  e->metadata = metadata != NULL ? json_object_ref (metadata) : json_object_new ();
  add_entry (l, g_steal_pointer (&e),
             g_strdup_printf ("candidate %u (rank %d)", index, (int) rank));
  return TRUE;
}

static gboolean
read_json_candidates (Loader      *l,
                      JsonObject  *root,
                      GError     **error)
{
  JsonNode *node = member (root, "candidates");
  JsonArray *array;
  guint n;

  if (node == NULL)
    return fail (error, l->name, "candidates is missing");
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, l->name, "candidates must be an array");
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (!check_count (l, n, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (error, l->name, "candidate %u must be a JSON object", i + 1);
      if (!read_json_entry (l, json_node_get_object (element), i + 1, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- CSV --------------------------------------------------------------------------------- */

static gboolean
is_record_end (const char *p,
               const char *end)
{
  return p >= end || *p == '\n' || *p == '\r';
}

static gboolean
csv_quoted (const char  **cursor,
            const char   *end,
            guint        *line,
            GString      *out,
            const char   *name,
            GError      **error)
{
  const char *p = *cursor + 1;
  guint start = *line;

  for (;;)
    {
      if (p >= end)
        return fail (error, name, "line %u: a quoted field is not closed", start);
      if (*p == '"' && p + 1 < end && p[1] == '"')
        {
          g_string_append_c (out, '"');
          p += 2;
          continue;
        }
      if (*p == '"')
        break;
      if (*p == '\n')
        (*line)++;
      g_string_append_c (out, *p++);
    }
  p++;
  if (!is_record_end (p, end) && *p != ',')
    return fail (error, name, "line %u: text after the closing quote of a field", *line);
  *cursor = p;
  return TRUE;
}

/* One field, quoted ("a, b" and "say ""hi""") or not; stops at the comma or the line end. */
static gboolean
csv_field (const char  **cursor,
           const char   *end,
           guint        *line,
           GString      *out,
           const char   *name,
           GError      **error)
{
  const char *p = *cursor;

  if (p < end && *p == '"')
    return csv_quoted (cursor, end, line, out, name, error);
  for (; !is_record_end (p, end) && *p != ','; p++)
    {
      if (*p == '"')
        return fail (error, name, "line %u: a quote inside an unquoted field (quote the whole "
                     "field and double the quote)", *line);
      g_string_append_c (out, *p);
    }
  *cursor = p;
  return TRUE;
}

static gboolean
csv_record (const char  **cursor,
            const char   *end,
            guint        *line,
            GPtrArray    *fields,
            const char   *name,
            GError      **error)
{
  for (;;)
    {
      g_autoptr(GString) field = g_string_new (NULL);

      if (!csv_field (cursor, end, line, field, name, error))
        return FALSE;
      g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
      if (*cursor >= end || **cursor != ',')
        break;
      (*cursor)++;
    }
  if (*cursor < end && **cursor == '\r')
    (*cursor)++;
  if (*cursor < end && **cursor == '\n')
    (*cursor)++;
  (*line)++;
  return TRUE;
}

static gboolean
is_blank_record (GPtrArray *fields)
{
  return fields->len == 1 && lk_text_is_blank (g_ptr_array_index (fields, 0));
}

static gboolean
is_header (GPtrArray *fields)
{
  g_auto(GStrv) columns = g_strsplit (CSV_COLUMNS, ",", -1);

  if (fields->len < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *field = g_strstrip (g_strdup (g_ptr_array_index (fields, i)));

      if (g_ascii_strcasecmp (field, columns[i]) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Plain decimal notation only: strtod would also take "nan", "inf" and hexadecimal. */
static gboolean
parse_decimal (const char *text,
               double     *value)
{
  char *end = NULL;

  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && strchr ("+-.eE", *p) == NULL)
      return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

static gboolean
read_csv_metadata (LkCandidateEntry  *e,
                   GPtrArray         *fields,
                   const char        *where,
                   GError           **error)
{
  e->metadata = json_object_new ();
  for (guint i = 4; i < fields->len; i++)
    {
      const char *field = g_ptr_array_index (fields, i);
      const char *equals = strchr (field, '=');
      g_autofree char *key = equals ? g_strstrip (g_strndup (field, equals - field)) : NULL;

      if (lk_text_is_blank (field))
        continue;
      if (key == NULL || *key == '\0')
        return fail (error, where, "extra field “%s” is not of the form key=value", field);
      if (json_object_has_member (e->metadata, key))
        return fail (error, where, "metadata key “%s” appears twice", key);
      json_object_set_string_member (e->metadata, key, equals + 1);
    }
  return TRUE;
}

static gboolean
read_csv_entry (Loader     *l,
                GPtrArray  *fields,
                guint       line,
                GError    **error)
{
  g_autoptr(LkCandidateEntry) e = g_new0 (LkCandidateEntry, 1);
  g_autofree char *where = g_strdup_printf ("%s: line %u", l->name, line);
  g_autofree char *rank = NULL;
  g_autofree char *score = NULL;
  gint64 value;

  if (fields->len < 4)
    return fail (error, where, "expected " CSV_COLUMNS " but found %u field(s)", fields->len);
  rank = g_strstrip (g_strdup (g_ptr_array_index (fields, 0)));
  score = g_strstrip (g_strdup (g_ptr_array_index (fields, 1)));
  if (!g_ascii_string_to_signed (rank, 10, 1, G_MAXINT, &value, NULL))
    return fail (error, where, "rank “%s” is not a whole number of 1 or more", rank);
  e->rank = (int) value;
  g_free (where);
  where = g_strdup_printf ("%s: line %u (rank %d)", l->name, line, e->rank);
  if (!parse_decimal (score, &e->score))
    return fail (error, where, "score “%s” is not a finite number", score);
  e->subject_ref = g_strdup (g_ptr_array_index (fields, 2));
  e->image_ref = g_strdup (g_ptr_array_index (fields, 3));
  if (lk_text_is_blank (e->subject_ref))
    return fail (error, where, "subject_ref is empty");
  if (lk_text_is_blank (e->image_ref))
    return fail (error, where, "image is empty");
  if (!read_csv_metadata (e, fields, where, error))
    return FALSE;
  add_entry (l, g_steal_pointer (&e), g_strdup_printf ("line %u (rank %d)", line, (int) value));
  return TRUE;
}

static gboolean
read_csv_candidates (Loader          *l,
                     const TextFile  *csv,
                     GError         **error)
{
  const char *p = csv->text, *end = csv->text + csv->length;
  guint line = 1;
  gboolean first = TRUE;

  while (p < end)
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
      guint start = line;

      if (!csv_record (&p, end, &line, fields, l->name, error))
        return FALSE;
      if (is_blank_record (fields) || (first && is_header (fields)))
        continue;
      first = FALSE;
      if (l->list->entries->len >= (guint) l->limits->max_entries)
        return fail (error, l->name, "line %u: more than the %d candidates allowed by policy "
                     "(max_candidates)", start, l->limits->max_entries);
      if (!read_csv_entry (l, fields, start, error))
        return FALSE;
    }
  return check_count (l, l->list->entries->len, error);
}

/* ---- checks across candidates ------------------------------------------------------------ */

static gboolean
check_ranks (const Loader  *l,
             GError       **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GPtrArray *entries = l->list->entries;

  for (guint i = 0; i < entries->len; i++)
    {
      const LkCandidateEntry *e = g_ptr_array_index (entries, i);
      gpointer before;

      if (g_hash_table_lookup_extended (seen, GINT_TO_POINTER (e->rank), NULL, &before))
        return fail (error, l->name, "%s has the same rank as %s",
                     (const char *) g_ptr_array_index (l->where, i),
                     (const char *) g_ptr_array_index (l->where, GPOINTER_TO_UINT (before)));
      g_hash_table_insert (seen, GINT_TO_POINTER (e->rank), GUINT_TO_POINTER (i));
    }
  if (l->list->max_candidates > 0 && entries->len > (guint) l->list->max_candidates)
    return fail (error, l->name, "the list has %u candidates but search.max_candidates says %d",
                 entries->len, l->list->max_candidates);
  return TRUE;
}

/* ---- images ------------------------------------------------------------------------------ */

static gboolean
check_size (const Loader  *l,
            gsize          size,
            const char    *label,
            const char    *where,
            GError       **error)
{
  if (size == 0)
    return fail (error, where, "image %s is empty", label);
  if ((double) size <= l->limits->max_megabytes * 1e6)
    return TRUE;
  return fail (error, where, "image %s is %.1f MB, over the limit of %.0f MB", label, size / 1e6,
               l->limits->max_megabytes);
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
decode_data_uri (const Loader  *l,
                 const char    *uri,
                 char         **declared,
                 const char    *where,
                 GError       **error)
{
  const char *comma = strchr (uri, ',');
  g_autofree char *meta = comma ? g_ascii_strdown (uri + 5, comma - uri - 5) : NULL;
  gsize size = 0;
  guchar *data;

  if (meta == NULL || !g_str_has_prefix (meta, "image/") || !g_str_has_suffix (meta, ";base64"))
    {
      fail (error, where, "an embedded image must be a data:image/…;base64, URI");
      return NULL;
    }
  if (!is_base64 (comma + 1))
    {
      fail (error, where, "the embedded image is not valid base64");
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
    return fail (error, where, "image %s is an absolute path; give a path relative to the "
                 "list's folder", ref);
  if (strchr (ref, '\\') != NULL)
    return fail (error, where, "image %s contains a backslash; separate folders with /", ref);
  for (const char *p = ref; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return fail (error, where, "image %s contains a control character", ref);
  parts = g_strsplit (ref, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".."))
      return fail (error, where, "image %s leaves the list's folder", ref);
  return TRUE;
}

static char *
resolve_inside (const Loader  *l,
                const char    *ref,
                const char    *where,
                GError       **error)
{
  g_autofree char *joined = g_build_filename (l->folder, ref, NULL);
  g_autofree char *prefix = g_str_has_suffix (l->folder, "/") ? g_strdup (l->folder)
                                                               : g_strconcat (l->folder, "/", NULL);
  g_autofree char *resolved = realpath (joined, NULL);
  int saved = errno;

  if (resolved == NULL)
    {
      if (saved == ENOENT || saved == ENOTDIR)
        fail (error, where, "image %s is missing (no such file in the list's folder)", ref);
      else
        fail (error, where, "image %s cannot be opened: %s", ref, g_strerror (saved));
      return NULL;
    }
  if (!g_str_has_prefix (resolved, prefix))
    {
      fail (error, where, "image %s leaves the list's folder (a symbolic link to %s)", ref,
            resolved);
      return NULL;
    }
  return g_steal_pointer (&resolved);
}

static GBytes *
read_relative (const Loader  *l,
               const char    *ref,
               const char    *where,
               GError       **error)
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
      fail (error, where, "image %s is not a regular file", ref);
      return NULL;
    }
  if (!check_size (l, (gsize) st.st_size, ref, where, error))
    return NULL;
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      fail (error, where, "image %s cannot be read: %s", ref, local_error->message);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

static gboolean
check_pixels (const Loader      *l,
              LkCandidateEntry  *e,
              GBytes            *bytes,
              const char        *label,
              const char        *declared,
              const char        *where,
              GError           **error)
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
    return fail (error, where, "image %s cannot be read: %s", label, local_error->message);
  megapixels = (double) header.width * header.height / 1e6;
  if (megapixels > l->limits->max_megapixels)
    return fail (error, where, "image %s has %u × %u pixels (%.1f megapixels), over the limit of "
                 "%.0f megapixels", label, header.width, header.height, megapixels,
                 l->limits->max_megapixels);
  if (declared != NULL && !g_str_equal (declared, header.media_type))
    return fail (error, where, "the embedded image is declared %s but holds %s", declared,
                 header.media_type);
  image = lk_cv_image_decode (bytes, &local_error);
  if (image == NULL)
    return fail (error, where, "image %s cannot be decoded: %s", label, local_error->message);
  e->image = g_bytes_ref (bytes);
  e->media_type = header.media_type;
  e->width = header.width;
  e->height = header.height;
  return TRUE;
}

static gboolean
load_image (const Loader      *l,
            LkCandidateEntry  *e,
            const char        *where,
            GError           **error)
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

static gboolean
load_images (const Loader  *l,
             GError       **error)
{
  for (guint i = 0; i < l->list->entries->len; i++)
    {
      g_autofree char *where = where_text (l, i);

      if (!load_image (l, g_ptr_array_index (l->list->entries, i), where, error))
        return FALSE;
    }
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
load_json (Loader      *l,
           const char  *path,
           GError     **error)
{
  g_auto(TextFile) file = { 0 };
  g_autoptr(JsonObject) root = NULL;

  if (!text_file_read (&file, path, l->name, error) ||
      (root = parse_object (&file, l->name, error)) == NULL)
    return FALSE;
  l->list->source_sha256 = g_strdup (file.sha256);
  return read_header (root, l->list, l->name, error) &&
         read_json_candidates (l, root, error);
}

static char *
sidecar_path (const char *csv_path)
{
  g_autofree char *stem = g_strndup (csv_path, strlen (csv_path) - 4);

  return g_strconcat (stem, ".json", NULL);
}

/* The header fields of a CSV list live in "<same name>.json" beside it. */
static gboolean
load_sidecar (Loader      *l,
              const char  *csv_path,
              GError     **error)
{
  g_autofree char *path = sidecar_path (csv_path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *where = g_strdup_printf ("%s (the header of %s)", base, l->name);
  g_auto(TextFile) file = { 0 };
  g_autoptr(JsonObject) root = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return fail (error, l->name, "the header fields belong in %s beside it, which is missing",
                 base);
  if (!text_file_read (&file, path, where, error) ||
      (root = parse_object (&file, where, error)) == NULL)
    return FALSE;
  if (json_object_has_member (root, "candidates"))
    return fail (error, where, "candidates belong in %s, not in its header", l->name);
  l->list->sidecar_sha256 = g_strdup (file.sha256);
  return read_header (root, l->list, where, error);
}

static gboolean
load_csv (Loader      *l,
          const char  *path,
          GError     **error)
{
  g_auto(TextFile) file = { 0 };

  if (!load_sidecar (l, path, error) ||
      !text_file_read (&file, path, l->name, error))
    return FALSE;
  l->list->source_sha256 = g_strdup (file.sha256);
  return read_csv_candidates (l, &file, error);
}

static gboolean
loader_init (Loader                   *l,
             const char               *path,
             const LkCandidateLimits  *limits,
             GError                  **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  l->limits = limits != NULL ? limits : &default_limits;
  l->name = g_path_get_basename (path);
  l->where = g_ptr_array_new_with_free_func (g_free);
  l->list = g_new0 (LkCandidateList, 1);
  l->list->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  l->folder = realpath (folder, NULL);
  if (l->folder == NULL)
    return fail (error, l->name, "its folder %s cannot be opened: %s", folder,
                 g_strerror (errno));
  return TRUE;
}

LkCandidateList *
lk_candidate_list_load (const char               *path,
                        const LkCandidateLimits  *limits,
                        GError                  **error)
{
  g_auto(Loader) l = { 0 };
  gboolean csv;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!loader_init (&l, path, limits, error))
    return NULL;
  csv = g_str_has_suffix (path, ".csv") || g_str_has_suffix (path, ".CSV");
  if (!csv && !g_str_has_suffix (path, ".json") && !g_str_has_suffix (path, ".JSON"))
    {
      fail (error, l.name, "a candidate list is a .json file, or a .csv file with a .json "
            "header beside it");
      return NULL;
    }
  l.list->format = g_strdup (csv ? "csv" : "json");
  if (!(csv ? load_csv (&l, path, error) : load_json (&l, path, error)) ||
      !check_ranks (&l, error) ||
      !load_images (&l, error))
    return NULL;
  g_ptr_array_sort (l.list->entries, compare_rank);
  return g_steal_pointer (&l.list);
}
