/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What makes a template: the SHA-256 of the embedding model and of the face detector, and the
 * input convention the model was fed with. Embedding models are installed with a descriptor
 * that is checked against the model before any template is made; a model named by the policy
 * without one is fed the default convention, and its templates say so. Templates of another
 * identity are never searched together: the gallery is re-enrolled instead. */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <math.h>
#include <string.h>

#include "engine/lk-gallery-private.h"
#include "governance/lk-policy.h"
#include "imaging/lk-cv.h"
#include "lk-error.h"
#include "lk-json.h"
#include "lk-util.h"
#include "people/lk-session.h"
#include "store/lk-audit.h"
#include "store/lk-store-private.h"
#include "store/lk-store.h"

/* A descriptor is a few hundred bytes; anything much larger is not one. */
#define MAX_DESCRIPTOR_BYTES (64 * 1024)

/* ---- file digests --------------------------------------------------------------------------- */

typedef struct
{
  goffset  size;
  gint64   inode;
  gint64   mtime_ns;
  gint64   ctime_ns;
  char    *sha256;
} Digest;

static void
digest_free (Digest *d)
{
  g_free (d->sha256);
  g_free (d);
}

/* Models are read once per process and file version: a search hashes nothing when the file
 * has not changed (size, inode, modification and change time to the nanosecond) since. */
static GMutex digest_lock;
static GHashTable *digests;

static char *
hash_file (const char  *path,
           GError     **error)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, error);

  if (mapped == NULL)
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                      (const guchar *) g_mapped_file_get_contents (mapped),
                                      g_mapped_file_get_length (mapped));
}

char *
lk_gallery_file_sha256 (const char  *path,
                        GError     **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&digest_lock);
  struct stat st;
  gint64 mtime_ns, ctime_ns;
  Digest *d;

  if (stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_FAILED, "The model file %s does not exist or is "
                   "not a file", path);
      return NULL;
    }
  if (digests == NULL)
    digests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) digest_free);
  d = g_hash_table_lookup (digests, path);
  mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
  ctime_ns = (gint64) st.st_ctim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_ctim.tv_nsec;
  if (d == NULL || d->size != st.st_size || d->inode != (gint64) st.st_ino ||
      d->mtime_ns != mtime_ns || d->ctime_ns != ctime_ns)
    {
      char *sha256 = hash_file (path, error);

      if (sha256 == NULL)
        return NULL;
      d = g_new0 (Digest, 1);
      *d = (Digest) { st.st_size, (gint64) st.st_ino, mtime_ns, ctime_ns, sha256 };
      g_hash_table_replace (digests, g_strdup (path), d);
    }
  return g_strdup (d->sha256);
}

/* ---- the convention ------------------------------------------------------------------------- */

static char *
convention_text (const LkEmbeddingConvention *c,
                 gboolean                     installed)
{
  return g_strdup_printf ("%dx%d %s mean %g,%g,%g scale %g%s", c->input_width, c->input_height,
                          c->bgr ? "BGR" : "RGB", c->mean[0], c->mean[1], c->mean[2], c->scale,
                          installed ? "" : " (default: installed without a descriptor)");
}

/* The convention installed for the model @sha256, FALSE when it was not installed. */
static gboolean
installed_convention (LkStore               *store,
                      const char            *sha256,
                      LkEmbeddingConvention *c,
                      GError               **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT input_width, input_height, channel_order, mean, scale,"
                          " embedding_size FROM embedding_models WHERE sha256 = ?", error);
  g_auto(GStrv) mean = NULL;

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, sha256);
  if (!lk_stmt_next (stmt, error))
    return FALSE;
  mean = g_strsplit (lk_stmt_text (stmt, 3), ",", 3);
  c->input_width = lk_stmt_int (stmt, 0);
  c->input_height = lk_stmt_int (stmt, 1);
  c->bgr = g_strcmp0 (lk_stmt_text (stmt, 2), "BGR") == 0;
  for (guint i = 0; i < 3; i++)
    c->mean[i] = mean[i] != NULL ? g_ascii_strtod (mean[i], NULL) : 0;
  c->scale = lk_stmt_double (stmt, 4);
  c->embedding_size = (guint) lk_stmt_int (stmt, 5);
  return TRUE;
}

gboolean
lk_gallery_engine_identify (LkGalleryEngine  *engine,
                            LkStore          *store,
                            GError          **error)
{
  LkDetectorConfig config = { NULL, engine->yunet_model };
  LkEmbeddingConvention fallback = LK_EMBEDDING_CONVENTION_DEFAULT;
  g_autofree char *detector = lk_cv_detector_file (&config, error);
  g_autofree char *detector_sha = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean installed = FALSE;

  if (detector == NULL || (detector_sha = lk_gallery_file_sha256 (detector, error)) == NULL)
    return FALSE;
  engine->detector_sha256 = g_strconcat (engine->yunet_model != NULL ? "yunet:" : "haar:",
                                         detector_sha, NULL);
  if (engine->kind == LK_ENGINE_CLASSIC)
    {
      engine->convention = g_strdup ("96x112 grey, eye-aligned");
      engine->model_sha256 = g_strdup ("none");
    }
  else
    {
      if ((engine->model_sha256 = lk_gallery_file_sha256 (engine->embedding_model,
                                                          error)) == NULL)
        return FALSE;
      installed = installed_convention (store, engine->model_sha256, &engine->input,
                                        &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!installed)
        engine->input = fallback;
      engine->convention = convention_text (&engine->input, installed);
    }
  engine->identity = g_strdup_printf ("%s|model %s|detector %s|input %s", engine->version,
                                      engine->model_sha256, engine->detector_sha256,
                                      engine->convention);
  return TRUE;
}

/* ---- installing a model --------------------------------------------------------------------- */

static gboolean
bad_descriptor (GError     **error,
                const char  *path,
                const char  *why)
{
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The model descriptor %s is not usable: "
               "%s", path, why);
  return FALSE;
}

static gboolean
number_member (JsonObject *o,
               const char *name,
               double     *value)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_INT64))
    return FALSE;
  *value = json_node_get_double (node);
  return isfinite (*value);
}

static gboolean
numbers_member (JsonObject *o,
                const char *name,
                double     *values,
                guint       n)
{
  JsonNode *node = json_object_get_member (o, name);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (e) || (json_node_get_value_type (e) != G_TYPE_DOUBLE &&
                                         json_node_get_value_type (e) != G_TYPE_INT64))
        return FALSE;
      values[i] = json_node_get_double (e);
      if (!isfinite (values[i]))
        return FALSE;
    }
  return TRUE;
}

static const char * const descriptor_members[] = {
  "format", "input_size", "channel_order", "mean", "scale", "embedding_size", "distance", NULL
};

static gboolean
check_members (JsonObject  *o,
               const char  *path,
               GError     **error)
{
  g_autoptr(GList) names = json_object_get_members (o);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (descriptor_members, l->data))
      {
        g_autofree char *why = g_strdup_printf ("it has a member “%s” Likeness does not know "
                                                "(known: input_size, channel_order, mean, "
                                                "scale, embedding_size, distance)",
                                                (const char *) l->data);
        return bad_descriptor (error, path, why);
      }
  if (g_strcmp0 (lk_json_string (o, "format"), "likeness-embedding-model") != 0)
    return bad_descriptor (error, path, "its \"format\" must be \"likeness-embedding-model\"");
  return TRUE;
}

static gboolean
parse_descriptor (JsonObject             *o,
                  const char             *path,
                  LkEmbeddingConvention  *c,
                  GError                **error)
{
  const char *order = lk_json_string (o, "channel_order");
  double size[2], embedding = 0;

  if (!check_members (o, path, error))
    return FALSE;
  if (!numbers_member (o, "input_size", size, 2) || size[0] < 16 || size[0] > 1024 ||
      size[1] < 16 || size[1] > 1024 || size[0] != floor (size[0]) || size[1] != floor (size[1]))
    return bad_descriptor (error, path, "\"input_size\" must be [width, height], whole numbers "
                           "from 16 to 1024");
  if (g_strcmp0 (order, "RGB") != 0 && g_strcmp0 (order, "BGR") != 0)
    return bad_descriptor (error, path, "\"channel_order\" must be \"RGB\" or \"BGR\"");
  if (!numbers_member (o, "mean", c->mean, 3))
    return bad_descriptor (error, path, "\"mean\" must be three numbers, in the model's "
                           "channel order");
  if (!number_member (o, "scale", &c->scale) || !(c->scale > 0))
    return bad_descriptor (error, path, "\"scale\" must be a positive number");
  if (!number_member (o, "embedding_size", &embedding) || embedding < 2 || embedding > 65536 ||
      embedding != floor (embedding))
    return bad_descriptor (error, path, "\"embedding_size\" must be a whole number from 2 to "
                           "65536");
  if (g_strcmp0 (lk_json_string (o, "distance"), "cosine") != 0)
    return bad_descriptor (error, path, "\"distance\" must be \"cosine\" (the built-in engine "
                           "compares L2-normalised embeddings by their dot product)");
  c->input_width = (int) size[0];
  c->input_height = (int) size[1];
  c->bgr = g_str_equal (order, "BGR");
  c->embedding_size = (guint) embedding;
  return TRUE;
}

gboolean
lk_gallery_descriptor_parse (const char             *text,
                             gsize                   length,
                             const char             *path,
                             LkEmbeddingConvention  *c,
                             GError                **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;

  root = lk_json_load (text, (gssize) length, MAX_DESCRIPTOR_BYTES, &local_error);
  if (root == NULL)
    return bad_descriptor (error, path, local_error->message);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return bad_descriptor (error, path, "it is not a JSON object");
  return parse_descriptor (json_node_get_object (root), path, c, error);
}

static gboolean
read_descriptor (const char             *path,
                 LkEmbeddingConvention  *c,
                 GError                **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &text, &length, error))
    return FALSE;
  return lk_gallery_descriptor_parse (text, length, path, c, error);
}

/* The model's row, or refused when the same model was installed with another convention. */
static gboolean
insert_model (LkStore                      *store,
              const char                   *sha256,
              const char                   *path,
              const LkEmbeddingConvention  *c,
              gint64                        user_id,
              GError                      **error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *now = lk_now_utc ();
  g_autofree char *mean = g_strdup_printf ("%.17g,%.17g,%.17g", c->mean[0], c->mean[1],
                                           c->mean[2]);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO embedding_models (sha256, file_name, input_width,"
                          " input_height, channel_order, mean, scale, embedding_size, distance,"
                          " installed_by, installed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                          " 'cosine', ?, ?) RETURNING 1", error);

  /* (RETURNING 1: the table has no id column for the server to return) */
  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, sha256);
  lk_stmt_bind_text (stmt, 2, base);
  lk_stmt_bind_int (stmt, 3, c->input_width);
  lk_stmt_bind_int (stmt, 4, c->input_height);
  lk_stmt_bind_text (stmt, 5, c->bgr ? "BGR" : "RGB");
  lk_stmt_bind_text (stmt, 6, mean);
  lk_stmt_bind_double (stmt, 7, c->scale);
  lk_stmt_bind_int (stmt, 8, (int) c->embedding_size);
  lk_stmt_bind_int64 (stmt, 9, user_id);
  lk_stmt_bind_text (stmt, 10, now);
  return lk_stmt_insert_unique (stmt, error, "The model %s (SHA-256 %s) is installed already; "
                                "a model's descriptor never changes", base, sha256) != 0;
}

static gboolean
set_model_policy (LkStore        *store,
                  const LkActor  *actor,
                  const char     *path,
                  GError        **error)
{
  g_autofree char *old = lk_policy_get_string (store, "embedding_model", error);
  g_autoptr(JsonObject) details = json_object_new ();

  if (old == NULL)
    return FALSE;
  json_object_set_string_member (details, "old", old);
  json_object_set_string_member (details, "new", path);
  json_object_set_string_member (details, "reason", "embedding model installed");
  return lk_store_set_setting (store, "embedding_model", path, error) &&
         lk_audit_append (store, actor, "policy.changed", "embedding_model", details, error);
}

static JsonObject *
model_details (const char                  *path,
               const char                  *sha256,
               const LkEmbeddingConvention *c)
{
  JsonObject *d = json_object_new ();
  g_autofree char *convention = convention_text (c, TRUE);

  json_object_set_string_member (d, "file", path);
  json_object_set_string_member (d, "sha256", sha256);
  json_object_set_string_member (d, "convention", convention);
  json_object_set_int_member (d, "embedding_size", c->embedding_size);
  json_object_set_string_member (d, "distance", "cosine");
  return d;
}

gboolean
lk_gallery_install_model (LkSession   *session,
                          const char  *model,
                          const char  *descriptor,
                          GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  LkEmbeddingConvention c = LK_EMBEDDING_CONVENTION_DEFAULT;
  g_autofree char *path = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = NULL;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);
  g_return_val_if_fail (model != NULL && descriptor != NULL, FALSE);

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error) ||
      !read_descriptor (descriptor, &c, error))
    return FALSE;
  path = g_canonicalize_filename (model, NULL);
  if ((sha256 = lk_gallery_file_sha256 (path, error)) == NULL ||
      !lk_cv_embedding_check (path, &c, error))
    return FALSE;
  details = model_details (path, sha256, &c);
  return (txn = lk_txn_begin (store, error)) != NULL &&
         insert_model (store, sha256, path, &c, lk_session_get_user_id (session), error) &&
         set_model_policy (store, &actor, path, error) &&
         lk_audit_append (store, &actor, "engine.model-installed", sha256, details, error) &&
         lk_txn_commit (txn, error);
}

/* ---- the model in use ----------------------------------------------------------------------- */

void
lk_embedding_model_info_clear (LkEmbeddingModelInfo *info)
{
  g_clear_pointer (&info->file, g_free);
  g_clear_pointer (&info->sha256, g_free);
  g_clear_pointer (&info->convention, g_free);
  g_clear_pointer (&info->engine, g_free);
}

gboolean
lk_gallery_model_info (LkSession             *session,
                       LkEmbeddingModelInfo  *info,
                       GError               **error)
{
  g_auto(LkGalleryEngine) engine = { 0 };
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  memset (info, 0, sizeof *info);
  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error))
    return FALSE;
  if (!lk_gallery_engine_init (&engine, lk_session_get_store (session), error) ||
      !lk_gallery_engine_identify (&engine, lk_session_get_store (session), error))
    return FALSE;
  info->engine = g_strdup_printf ("%s %s", engine.name, engine.version);
  if (engine.kind != LK_ENGINE_DNN)
    return TRUE;
  info->file = g_strdup (engine.embedding_model);
  info->sha256 = g_strdup (engine.model_sha256);
  info->convention = g_strdup (engine.convention);
  return TRUE;
}
