/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The built-in engine's galleries: the engine the policy selects, reading sources, and
 * enrolment. Templates are engine data: a table of their own, written only here, never
 * exported, deleted with their image (ON DELETE CASCADE). */
#include "config.h"

#include <string.h>

#include "imaging/lk-image-header.h"
#include "lk-error.h"
#include "engine/lk-gallery-private.h"
#include "governance/lk-policy.h"
#include "lk-util.h"
#include "store/lk-image-store.h"
#include "store/lk-store-private.h"
#include "imaging/lk-cv.h"
#include "people/lk-session.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"
#include "engine/lk-template-store.h"

/* Images per transaction: a crash loses at most one batch, and the audit log gets one event
 * per batch instead of one per image. */
#define BATCH_IMAGES 32
#define BATCH_BYTES (256 * 1024 * 1024)
/* A CSV source larger than this is not a list of images. */
#define MAX_CSV_BYTES (64 * 1024 * 1024)

/* ---- the engine ----------------------------------------------------------------------------- */

gboolean
lk_gallery_engine_kind (LkStore       *store,
                        LkEngineKind  *kind,
                        GError       **error)
{
  g_autofree char *model = lk_policy_get_string (store, "embedding_model", error);

  g_return_val_if_fail (kind != NULL, FALSE);

  *kind = lk_text_is_blank (model) ? LK_ENGINE_CLASSIC : LK_ENGINE_DNN;
  return model != NULL;
}

/* The file the policy's @key names into @path (NULL when blank). */
static gboolean
policy_path (LkStore     *store,
             const char  *key,
             char       **path,
             GError     **error)
{
  char *value = lk_policy_get_string (store, key, error);

  if (value == NULL)
    return FALSE;
  if (!lk_text_is_blank (value))
    *path = value;
  else
    g_free (value);
  return TRUE;
}

/* The classic engine always finds faces with Haar cascades: its alignment is tuned to their
 * boxes. The dnn engine uses YuNet when the policy names it. */
gboolean
lk_gallery_engine_init (LkGalleryEngine  *engine,
                        LkStore          *store,
                        GError          **error)
{
  memset (engine, 0, sizeof *engine);
  if (!lk_gallery_engine_kind (store, &engine->kind, error))
    return FALSE;
  if (engine->kind == LK_ENGINE_DNN &&
      (!policy_path (store, "embedding_model", &engine->embedding_model, error) ||
       !policy_path (store, "yunet_model", &engine->yunet_model, error)))
    return FALSE;
  engine->name = engine->kind == LK_ENGINE_DNN ? "likeness-dnn" : "likeness-classic";
  engine->version = lk_cv_template_version (engine->embedding_model);
  return TRUE;
}

void
lk_gallery_engine_clear (LkGalleryEngine *engine)
{
  g_clear_pointer (&engine->version, g_free);
  g_clear_pointer (&engine->model_sha256, g_free);
  g_clear_pointer (&engine->detector_sha256, g_free);
  g_clear_pointer (&engine->convention, g_free);
  g_clear_pointer (&engine->identity, g_free);
  g_clear_pointer (&engine->embedding_model, g_free);
  g_clear_pointer (&engine->yunet_model, g_free);
}

/* ---- the reference database ----------------------------------------------------------------- */

gint64
lk_gallery_lookup (LkStore     *store,
                   const char  *name,
                   GError     **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT id, held_by FROM reference_databases WHERE name = ?", error);

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_text (stmt, 1, name);
  if (!lk_stmt_next (stmt, error))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND,
                   "There is no reference database “%s”; an administrator registers it first "
                   "(likeness-cli gallery create NAME --legal-basis TEXT)", name);
      return 0;
    }
  if (g_strcmp0 (lk_stmt_text (stmt, 1), "likeness") == 0)
    return lk_stmt_int64 (stmt, 0);
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "The reference database “%s” is held by an external engine: Likeness holds none "
               "of its images, so it cannot enrol into it or search it", name);
  return 0;
}

/* ---- sources -------------------------------------------------------------------------------- */

void
lk_gallery_item_free (LkGalleryItem *item)
{
  g_free (item->path);
  g_free (item->subject_ref);
  g_free (item->label);
  g_free (item);
}

static LkGalleryItem *
item_new (const char *path,
          const char *subject_ref,
          const char *label)
{
  LkGalleryItem *item = g_new0 (LkGalleryItem, 1);

  item->path = g_strdup (path);
  item->subject_ref = g_strdup (subject_ref);
  item->label = g_strdup (label);
  return item;
}

static void
reject (GPtrArray  *rejected,
        const char *label,
        const char *reason)
{
  g_autofree char *quoted = lk_text_escape (label);

  /* A file name may hold anything: printed as it is, it could rewrite the terminal. */
  g_ptr_array_add (rejected, g_strdup_printf ("%s: %s", quoted, reason));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, without hidden ones. */
static GPtrArray *
sorted_names (const char  *dir,
              GError     **error)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, error);
  GPtrArray *names;
  const char *name;

  if (d == NULL)
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (d)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

static void
add_subject (const char *folder,
             const char *subject,
             GPtrArray  *items,
             GPtrArray  *rejected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;

  if (!lk_require_name (subject, "subject reference", &error) ||
      (names = sorted_names (folder, &error)) == NULL)
    {
      reject (rejected, subject, error->message);
      return;
    }
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *label = g_build_filename (subject, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (items, item_new (path, subject, label));
      else
        reject (rejected, label, "not a file (folders inside a subject's folder are not read)");
    }
}

GPtrArray *
lk_gallery_items_from_dir (const char  *dir,
                           GPtrArray   *rejected,
                           GError     **error)
{
  g_autoptr(GPtrArray) names = sorted_names (dir, error);
  g_autoptr(GPtrArray) items = NULL;

  if (names == NULL)
    return NULL;
  items = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_gallery_item_free);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!g_utf8_validate (name, -1, NULL))
        reject (rejected, path, "the folder name, which is the subject reference, is not UTF-8");
      else if (g_file_test (path, G_FILE_TEST_IS_DIR))
        add_subject (path, name, items, rejected);
      else
        reject (rejected, name, "not inside a subject's folder");
    }
  return g_steal_pointer (&items);
}

/* The fields of one CSV line. A quoted field may hold commas and doubled quotes; NULL when a
 * quote is left open or text follows a closing quote. */
static GStrv
csv_fields (const char *p)
{
  g_autoptr(GStrvBuilder) fields = g_strv_builder_new ();
  g_autoptr(GString) field = g_string_new (NULL);

  for (;;)
    {
      g_string_truncate (field, 0);
      while (*p == ' ' || *p == '\t')
        p++;
      if (*p == '"')
        {
          for (p++; *p != '"' || p[1] == '"'; p += *p == '"' ? 2 : 1)
            {
              if (*p == '\0')
                return NULL;
              g_string_append_c (field, *p);
            }
          for (p++; *p == ' ' || *p == '\t'; p++)
            ;
          if (*p != ',' && *p != '\0')
            return NULL;
        }
      else
        {
          gsize n = strcspn (p, ",");
          g_string_append_len (field, p, (gssize) n);
          p += n;
        }
      g_strv_builder_add (fields, g_strstrip (field->str));
      if (*p++ != ',')
        return g_strv_builder_end (fields);
    }
}

static gboolean
is_csv_header (GStrv fields)
{
  return fields != NULL && g_strv_length (fields) == 2 &&
         g_ascii_strcasecmp (fields[0], "image") == 0 &&
         g_ascii_strcasecmp (fields[1], "subject_ref") == 0;
}

static void
add_csv_line (const char *folder,
              const char *line,
              guint       number,
              GPtrArray  *items,
              GPtrArray  *rejected)
{
  g_auto(GStrv) fields = csv_fields (line);
  g_autofree char *path = NULL;
  g_autofree char *label = g_strdup_printf ("line %u", number);
  g_autoptr(GError) error = NULL;

  if (fields == NULL || g_strv_length (fields) != 2 || *fields[0] == '\0' ||
      lk_text_is_blank (fields[1]))
    {
      reject (rejected, label, "expected image,subject_ref");
      return;
    }
  if (!lk_require_name (fields[1], "subject reference", &error))
    {
      reject (rejected, label, error->message);
      return;
    }
  path = g_path_is_absolute (fields[0]) ? g_strdup (fields[0])
                                        : g_build_filename (folder, fields[0], NULL);
  g_ptr_array_add (items, item_new (path, fields[1], fields[0]));
}

GPtrArray *
lk_gallery_items_from_csv_text (const char  *csv,
                                const char  *text,
                                gsize        length,
                                GPtrArray   *rejected,
                                GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (csv);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gboolean first = TRUE;

  if (length > MAX_CSV_BYTES || !g_utf8_validate (text, (gssize) length, NULL))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "%s is not a CSV list of images (image,subject_ref lines in UTF-8)", csv);
      return NULL;
    }
  items = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_gallery_item_free);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      g_strchomp (lines[i]);
      if (*lines[i] == '\0')
        continue;
      if (first && is_csv_header (fields = csv_fields (lines[i])))
        {
          first = FALSE;
          continue;
        }
      first = FALSE;
      add_csv_line (folder, lines[i], i + 1, items, rejected);
    }
  return g_steal_pointer (&items);
}

static GPtrArray *
items_from_csv (const char  *csv,
                GPtrArray   *rejected,
                GError     **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  if (!g_file_get_contents (csv, &text, &length, error))
    return NULL;
  return lk_gallery_items_from_csv_text (csv, text, length, rejected, error);
}

static GPtrArray *
items_from_source (const char  *source,
                   GPtrArray   *rejected,
                   GError     **error)
{
  if (g_file_test (source, G_FILE_TEST_IS_DIR))
    return lk_gallery_items_from_dir (source, rejected, error);
  if (g_file_test (source, G_FILE_TEST_IS_REGULAR) && g_str_has_suffix (source, ".csv"))
    return items_from_csv (source, rejected, error);
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "%s is neither a folder of subject folders nor a .csv list of images", source);
  return NULL;
}

/* ---- one image ------------------------------------------------------------------------------ */

GBytes *
lk_gallery_read_file (LkStore     *store,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, error);
  double limit = 0;
  goffset size;

  if (info == NULL || !lk_policy_get_double (store, "max_image_megabytes", &limit, error))
    return NULL;
  size = g_file_info_get_size (info);
  if (size == 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "The image file is empty");
      return NULL;
    }
  if ((double) size > limit * 1e6)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_IMAGE,
                   "The image file is %.1f MB, over the limit of %.0f MB", size / 1e6, limit);
      return NULL;
    }
  return g_file_load_bytes (file, NULL, NULL, error);
}

/* The size limits of probe intake, from the header, before any decoder sees the pixels. */
static gboolean
check_header (LkStore        *store,
              GBytes         *bytes,
              LkImageHeader  *header,
              GError        **error)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  double limit = 0;
  double megapixels;

  if (!lk_policy_get_double (store, "max_image_megapixels", &limit, error) ||
      !lk_image_header_read (data, size, header, error))
    return FALSE;
  megapixels = (double) header->width * header->height / 1e6;
  if (megapixels <= limit)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_IMAGE,
               "The image declares %u × %u pixels (%.0f megapixels), over the limit of %.0f "
               "megapixels; it was not decoded", header->width, header->height, megapixels, limit);
  return FALSE;
}

/* Gallery images show their subject, so the largest face is taken. */
float *
lk_gallery_image_template (LkStore                *store,
                           const LkGalleryEngine  *engine,
                           GBytes                 *bytes,
                           const char            **media_type,
                           guint                  *dimension,
                           GError                **error)
{
  LkDetectorConfig config = { NULL, engine->yunet_model };
  LkImageHeader header;
  g_autoptr(LkCvImage) image = NULL;
  g_autoptr(GArray) faces = NULL;

  if (!check_header (store, bytes, &header, error) ||
      (image = lk_cv_image_decode (bytes, error)) == NULL ||
      (faces = lk_cv_image_find_faces (image, &config, error)) == NULL)
    return NULL;
  if (faces->len == 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_IMAGE, "no face found");
      return NULL;
    }
  if (media_type != NULL)
    *media_type = header.media_type;
  return lk_cv_image_embedding (image, &g_array_index (faces, LkFace, 0),
                                engine->embedding_model, &engine->input, dimension, error);
}

/* ---- enrolment ------------------------------------------------------------------------------ */

typedef struct
{
  const LkGalleryItem *item;
  GBytes              *bytes;
  char                *sha256;
  const char          *media_type;
  float               *vector;
  guint                dimension;
} Prepared;

static void
prepared_free (Prepared *p)
{
  g_bytes_unref (p->bytes);
  g_free (p->sha256);
  g_free (p->vector);
  g_free (p);
}

typedef struct
{
  LkStore         *store;
  LkActor          actor;
  gint64           user_id;
  const char      *database;
  gint64           database_id;
  LkGalleryEngine  engine;
  GPtrArray       *batch; /* Prepared */
  gsize            batch_bytes;
  GHashTable      *seen;  /* sha256 of the images of this run */
  LkEnrolReport   *report;
} Enrolment;

static void
enrolment_clear (Enrolment *e)
{
  lk_gallery_engine_clear (&e->engine);
  g_clear_pointer (&e->batch, g_ptr_array_unref);
  g_clear_pointer (&e->seen, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Enrolment, enrolment_clear)

typedef enum
{
  ITEM_NEW,
  ITEM_ALREADY,
  ITEM_REJECTED,
} ItemOutcome;

/* DOMAIN principle 6: probes are never enrolled into a gallery. */
static gboolean
check_not_probe (LkStore     *store,
                 const char  *sha256,
                 GError     **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT probes.id, cases.number FROM probes"
                          " JOIN cases ON cases.id = probes.case_id"
                          " WHERE probes.image_sha256 = ? LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, sha256);
  if (!lk_stmt_next (stmt, error))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_REFUSED,
               "this is the image of probe %" G_GINT64_FORMAT " (case %s); probe images are "
               "never enrolled into a gallery", (gint64) lk_stmt_int64 (stmt, 0),
               lk_stmt_text (stmt, 1));
  return FALSE;
}

/* Whether the gallery holds the image already, for the same subject, with a template of this
 * engine's identity (ITEM_ALREADY); an image held without it gets one (ITEM_NEW). */
static ItemOutcome
check_enrolled (Enrolment   *e,
                const char  *sha256,
                const char  *subject_ref,
                GError     **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (e->store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (e->store, "SELECT g.subject_ref, " LK_TEMPLATE_IDENTITY_SQL " = ?"
                             " FROM gallery_images g"
                             " LEFT JOIN templates t ON t.image_id = g.id AND t.engine = ?"
                             " WHERE g.database_id = ? AND g.image_sha256 = ?", error);
  const char *held_for;

  if (stmt == NULL)
    return ITEM_REJECTED;
  lk_stmt_bind_text (stmt, 1, e->engine.identity);
  lk_stmt_bind_text (stmt, 2, e->engine.name);
  lk_stmt_bind_int64 (stmt, 3, e->database_id);
  lk_stmt_bind_text (stmt, 4, sha256);
  if (!lk_stmt_next (stmt, error))
    return ITEM_NEW;
  held_for = lk_stmt_text (stmt, 0);
  if (g_strcmp0 (held_for, subject_ref) != 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_EXISTS,
                   "the same image is already enrolled for subject “%s”", held_for);
      return ITEM_REJECTED;
    }
  return lk_stmt_int (stmt, 1) == 1 ? ITEM_ALREADY : ITEM_NEW;
}

static ItemOutcome
prepare_item (Enrolment            *e,
              const LkGalleryItem  *item,
              Prepared            **out,
              GError              **error)
{
  g_autoptr(GBytes) bytes = lk_gallery_read_file (e->store, item->path, error);
  g_autofree char *sha256 = NULL;
  const char *media_type = NULL;
  ItemOutcome outcome;
  guint dimension = 0;
  float *vector;

  if (bytes == NULL)
    return ITEM_REJECTED;
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (g_hash_table_contains (e->seen, sha256))
    return ITEM_ALREADY;
  if (!check_not_probe (e->store, sha256, error))
    return ITEM_REJECTED;
  outcome = check_enrolled (e, sha256, item->subject_ref, error);
  if (outcome != ITEM_NEW)
    return outcome;
  vector = lk_gallery_image_template (e->store, &e->engine, bytes, &media_type, &dimension, error);
  if (vector == NULL)
    return ITEM_REJECTED;
  g_hash_table_add (e->seen, g_strdup (sha256));
  *out = g_new0 (Prepared, 1);
  **out = (Prepared) { item, g_steal_pointer (&bytes), g_steal_pointer (&sha256), media_type,
                       vector, dimension };
  return ITEM_NEW;
}

static gint64
insert_gallery_image (Enrolment       *e,
                      const Prepared  *p,
                      GError         **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) insert =
    lk_store_stmt (e->store, "INSERT INTO gallery_images (database_id, subject_ref, image_sha256,"
                             " source_name, enrolled_by, enrolled_at) VALUES (?, ?, ?, ?, ?, ?)"
                             " ON CONFLICT (database_id, image_sha256) DO NOTHING", error);
  g_autoptr(LkStmt) select = NULL;

  if (insert == NULL)
    return 0;
  lk_stmt_bind_int64 (insert, 1, e->database_id);
  lk_stmt_bind_text (insert, 2, p->item->subject_ref);
  lk_stmt_bind_text (insert, 3, p->sha256);
  lk_stmt_bind_text (insert, 4, p->item->label);
  lk_stmt_bind_int64 (insert, 5, e->user_id);
  lk_stmt_bind_text (insert, 6, now);
  if (!lk_stmt_done (insert, error) ||
      (select = lk_store_stmt (e->store, "SELECT id FROM gallery_images"
                                         " WHERE database_id = ? AND image_sha256 = ?",
                               error)) == NULL)
    return 0;
  lk_stmt_bind_int64 (select, 1, e->database_id);
  lk_stmt_bind_text (select, 2, p->sha256);
  if (!lk_stmt_row (select, error, "Gallery image %s was not stored", p->sha256))
    return 0;
  return lk_stmt_int64 (select, 0);
}

/* Templates are stored as little-endian float32, with what made them. */
static gboolean
insert_template (Enrolment       *e,
                 gint64           image_id,
                 const Prepared  *p,
                 GError         **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (e->store, "INSERT INTO templates (image_id, engine, version, dimension, vector,"
                             " model_sha256, detector_sha256, convention)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (image_id, engine)"
                             " DO UPDATE SET version = excluded.version,"
                             " dimension = excluded.dimension, vector = excluded.vector,"
                             " model_sha256 = excluded.model_sha256,"
                             " detector_sha256 = excluded.detector_sha256,"
                             " convention = excluded.convention", error);
  g_autofree guint32 *le = g_memdup2 (p->vector, sizeof (float) * p->dimension);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < p->dimension; i++)
    le[i] = GUINT32_TO_LE (le[i]);
  lk_stmt_bind_int64 (stmt, 1, image_id);
  lk_stmt_bind_text (stmt, 2, e->engine.name);
  lk_stmt_bind_text (stmt, 3, e->engine.version);
  lk_stmt_bind_int (stmt, 4, (int) p->dimension);
  lk_stmt_bind_blob (stmt, 5, le, sizeof (float) * p->dimension);
  lk_stmt_bind_text (stmt, 6, e->engine.model_sha256);
  lk_stmt_bind_text (stmt, 7, e->engine.detector_sha256);
  lk_stmt_bind_text (stmt, 8, e->engine.convention);
  return lk_stmt_done (stmt, error);
}

static JsonObject *
enrolled_json (const Prepared *p)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "sha256", p->sha256);
  json_object_set_string_member (o, "subject_ref", p->item->subject_ref);
  json_object_set_string_member (o, "file", p->item->label);
  return o;
}

static JsonObject *
gallery_details (Enrolment *e)
{
  JsonObject *d = json_object_new ();

  json_object_set_string_member (d, "database", e->database);
  json_object_set_string_member (d, "engine", e->engine.name);
  json_object_set_string_member (d, "template_version", e->engine.version);
  json_object_set_string_member (d, "model_sha256", e->engine.model_sha256);
  json_object_set_string_member (d, "detector_sha256", e->engine.detector_sha256);
  json_object_set_string_member (d, "input_convention", e->engine.convention);
  return d;
}

/* Stores one prepared image inside the batch's transaction; a probe imported meanwhile is
 * still refused (and reported). */
static gboolean
store_prepared (Enrolment       *e,
                const Prepared  *p,
                JsonArray       *images,
                GArray          *ids,
                GPtrArray       *vectors,
                GError         **error)
{
  g_autoptr(GError) refused = NULL;
  gint64 image_id;

  /* Only a refusal is the item's; a failed query fails the batch (on a server it has aborted
   * the batch's transaction anyway). */
  if (!check_not_probe (e->store, p->sha256, &refused))
    {
      if (!g_error_matches (refused, LK_ERROR, LK_ERROR_REFUSED))
        {
          g_propagate_error (error, g_steal_pointer (&refused));
          return FALSE;
        }
      reject (e->report->rejected, p->item->label, refused->message);
      return TRUE;
    }
  if (!lk_image_store_put (e->store, p->bytes, p->media_type, NULL, error) ||
      (image_id = insert_gallery_image (e, p, error)) == 0 ||
      !insert_template (e, image_id, p, error))
    return FALSE;
  g_array_append_val (ids, image_id);
  g_ptr_array_add (vectors, p->vector);
  json_array_add_object_element (images, enrolled_json (p));
  return TRUE;
}

/* The batch's templates into the scan store, which keeps them in ascending image id: ids come
 * from one INSERT after another, so they ascend; if they did not, the store is left behind
 * and rebuilt by the next search. */
static gboolean
append_to_store (Enrolment  *e,
                 gint64      generation,
                 GArray     *ids,
                 GPtrArray  *vectors,
                 GError    **error)
{
  const Prepared *first = g_ptr_array_index (e->batch, 0);

  for (guint i = 1; i < ids->len; i++)
    if (g_array_index (ids, gint64, i - 1) >= g_array_index (ids, gint64, i))
      return TRUE;
  return lk_template_store_append (e->store, e->database_id, e->engine.name, e->engine.identity,
                                   first->dimension, generation, ids->len,
                                   (const gint64 *) ids->data, (float * const *) vectors->pdata,
                                   error);
}

/* One transaction and one audit event for the batch. */
static gboolean
store_batch (Enrolment  *e,
             GError    **error)
{
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *object = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) vectors = g_ptr_array_new ();
  JsonArray *images;
  gint64 generation = 0;
  guint n;

  if (e->batch->len == 0)
    return TRUE;
  if ((txn = lk_txn_begin (e->store, error)) == NULL ||
      !lk_template_generation (e->store, e->database_id, e->engine.name, &generation, error))
    return FALSE;
  details = gallery_details (e);
  images = json_array_new ();
  json_object_set_array_member (details, "images", images);
  for (guint i = 0; i < e->batch->len; i++)
    if (!store_prepared (e, g_ptr_array_index (e->batch, i), images, ids, vectors, error))
      return FALSE;
  n = json_array_get_length (images);
  object = g_strdup_printf ("reference-db:%" G_GINT64_FORMAT, e->database_id);
  if (n > 0 &&
      (!append_to_store (e, generation, ids, vectors, error) ||
       !lk_audit_append (e->store, &e->actor, "gallery.enrolled", object, details, error) ||
       !lk_txn_commit (txn, error)))
    return FALSE;
  e->report->enrolled += n;
  g_ptr_array_set_size (e->batch, 0);
  e->batch_bytes = 0;
  return TRUE;
}

static void
count_item (Enrolment      *e,
            LkGalleryItem  *item,
            ItemOutcome     outcome,
            Prepared       *prepared,
            GError         *error)
{
  if (outcome == ITEM_NEW)
    {
      g_ptr_array_add (e->batch, prepared);
      e->batch_bytes += g_bytes_get_size (prepared->bytes);
    }
  else if (outcome == ITEM_ALREADY)
    e->report->already_enrolled++;
  else
    reject (e->report->rejected, item->label, error != NULL ? error->message : "not usable");
}

/* What is wrong with one image is reported and the next one is read; what is wrong with the
 * engine (a missing detector or embedding model) or the database stops the enrolment. */
gboolean
lk_gallery_is_rejection (const GError *error)
{
  return error == NULL || error->domain != LK_ERROR ||
         (error->code != LK_ERROR_FAILED && error->code != LK_ERROR_DATABASE &&
          error->code != LK_ERROR_BUSY && error->code != LK_ERROR_UNWRITABLE &&
          error->code != LK_ERROR_INTEGRITY);
}

static gboolean
enrol_items (Enrolment       *e,
             GPtrArray       *items,
             LkProgressFunc   progress,
             gpointer         progress_data,
             GCancellable    *cancellable,
             GError         **error)
{
  for (guint i = 0; i < items->len; i++)
    {
      LkGalleryItem *item = g_ptr_array_index (items, i);
      g_autoptr(GError) item_error = NULL;
      Prepared *prepared = NULL;
      ItemOutcome outcome;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      outcome = prepare_item (e, item, &prepared, &item_error);
      if (outcome == ITEM_REJECTED && !lk_gallery_is_rejection (item_error))
        {
          g_propagate_error (error, g_steal_pointer (&item_error));
          return FALSE;
        }
      count_item (e, item, outcome, prepared, item_error);
      if ((e->batch->len >= BATCH_IMAGES || e->batch_bytes >= BATCH_BYTES) &&
          !store_batch (e, error))
        return FALSE;
      if (progress != NULL)
        progress (i + 1, items->len, item->label, progress_data);
    }
  return TRUE;
}

/* The closing event, also after a cancellation or a failure: what was enrolled stays. */
static void
record_summary (Enrolment   *e,
                const char  *source,
                GError      *failure)
{
  g_autoptr(JsonObject) details = gallery_details (e);
  g_autofree char *object = g_strdup_printf ("reference-db:%" G_GINT64_FORMAT, e->database_id);
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (details, "source", source);
  json_object_set_int_member (details, "enrolled", e->report->enrolled);
  json_object_set_int_member (details, "already_enrolled", e->report->already_enrolled);
  json_object_set_int_member (details, "rejected", e->report->rejected->len);
  if (failure != NULL)
    json_object_set_string_member (details, "stopped", failure->message);
  if (!lk_audit_record (e->store, &e->actor, "gallery.enrolment-finished", object, details,
                        &error))
    g_warning ("Could not record the end of an enrolment: %s", error->message);
}

void
lk_enrol_report_clear (LkEnrolReport *report)
{
  g_clear_pointer (&report->rejected, g_ptr_array_unref);
  report->enrolled = 0;
  report->already_enrolled = 0;
}

static gboolean
begin_enrolment (LkSession      *session,
                 const char     *database,
                 Enrolment      *e,
                 LkEnrolReport  *report,
                 GError        **error)
{
  e->store = lk_session_get_store (session);
  e->user_id = lk_session_get_user_id (session);
  e->database = database;
  e->report = report;
  e->batch = g_ptr_array_new_with_free_func ((GDestroyNotify) prepared_free);
  e->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return lk_gallery_engine_init (&e->engine, e->store, error) &&
         lk_session_require (session, LK_ROLE_ADMINISTRATOR, &e->actor, error) &&
         (e->database_id = lk_gallery_lookup (e->store, database, error)) != 0 &&
         lk_gallery_engine_identify (&e->engine, e->store, error);
}

gboolean
lk_gallery_enrol (LkSession      *session,
                  const char     *database,
                  const char     *source,
                  LkProgressFunc  progress,
                  gpointer        progress_data,
                  GCancellable   *cancellable,
                  LkEnrolReport  *report,
                  GError        **error)
{
  g_auto(Enrolment) e = { 0 };
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);
  g_return_val_if_fail (database != NULL && source != NULL && report != NULL, FALSE);

  lk_enrol_report_clear (report);
  report->rejected = g_ptr_array_new_with_free_func (g_free);
  if (!begin_enrolment (session, database, &e, report, error) ||
      (items = items_from_source (source, report->rejected, error)) == NULL)
    return FALSE;
  /* Images prepared before a cancellation are kept; after a failure, nothing more is written. */
  if (enrol_items (&e, items, progress, progress_data, cancellable, &local_error) ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    store_batch (&e, local_error == NULL ? &local_error : NULL);
  record_summary (&e, source, local_error);
  if (local_error == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* ---- deletion ------------------------------------------------------------------------------- */

gboolean
lk_gallery_delete_template_for_image (LkStore  *store,
                                      gint64    image_id,
                                      GError  **error)
{
  g_autoptr(GArray) databases = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) engines = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (lk_store_in_transaction (store), FALSE);

  {
    g_autoptr(LkStmt) stmt =
      lk_store_stmt (store, "SELECT g.database_id, t.engine FROM templates t"
                            " JOIN gallery_images g ON g.id = t.image_id WHERE t.image_id = ?",
                     error);

    if (stmt == NULL)
      return FALSE;
    lk_stmt_bind_int64 (stmt, 1, image_id);
    while (lk_stmt_next (stmt, error))
      {
        gint64 database_id = lk_stmt_int64 (stmt, 0);

        g_array_append_val (databases, database_id);
        g_ptr_array_add (engines, lk_stmt_dup_text (stmt, 1));
      }
    if (lk_stmt_failed (stmt))
      return FALSE;
  }
  for (guint i = 0; i < engines->len; i++)
    {
      gint64 database_id = g_array_index (databases, gint64, i);
      const char *engine = g_ptr_array_index (engines, i);
      g_autoptr(LkStmt) stmt = NULL;
      gint64 generation = 0;

      if (!lk_template_generation (store, database_id, engine, &generation, error) ||
          (stmt = lk_store_stmt (store, "DELETE FROM templates WHERE image_id = ? AND engine = ?",
                                 error)) == NULL)
        return FALSE;
      lk_stmt_bind_int64 (stmt, 1, image_id);
      lk_stmt_bind_text (stmt, 2, engine);
      if (!lk_stmt_done (stmt, error) ||
          !lk_template_store_remove (store, database_id, engine, generation, image_id, error))
        return FALSE;
    }
  return TRUE;
}
