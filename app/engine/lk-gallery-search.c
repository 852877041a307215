/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The built-in engine's search: the gallery's templates in one contiguous float array (kept in
 * memory between searches while the gallery is unchanged), a brute-force top-K scan, and the
 * result recorded exactly like an imported candidate list. Also the lab's own measure of the
 * engine: rank-1 and rank-10 hit rates over labelled probe folders (DOMAIN principle 4). */
#include "config.h"

#include <string.h>

#include "engine/lk-search.h"
#include "imaging/lk-image-header.h"
#include "lk-error.h"
#include "lk-json.h"
#include "engine/lk-gallery-private.h"
#include "governance/lk-policy.h"
#include "casework/lk-probes.h"
#include "store/lk-image-store.h"
#include "store/lk-store-private.h"
#include "casework/lk-vocabulary.h"
#include "engine/lk-gallery.h"
#include "imaging/lk-cv.h"
#include "people/lk-session.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"
#include "casework/lk-probes-private.h"
#include "casework/lk-analysis-private.h"
#include "engine/lk-probe-templates.h"
#include "engine/lk-template-store.h"

/* ---- the gallery's templates ---------------------------------------------------------------- */

/* The gallery's scan store as read into memory, shared by the searches that use it. */
typedef struct
{
  char            *key;    /* store file, database, engine */
  LkTemplateArray *array;
} Gallery;

static void
gallery_clear (Gallery *g)
{
  g_free (g->key);
  lk_template_array_free (g->array);
}

static void
gallery_unref (Gallery *g)
{
  g_atomic_rc_box_release_full (g, (GDestroyNotify) gallery_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Gallery, gallery_unref)

/* The last gallery read: searches of the same gallery reuse it while its generation is the
 * store's, which is one read to check. */
static GMutex cache_lock;
static Gallery *cache;

static Gallery *
cache_get (const char *key)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&cache_lock);

  if (cache == NULL || !g_str_equal (cache->key, key))
    return NULL;
  return g_atomic_rc_box_acquire (cache);
}

static void
cache_put (Gallery *g)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&cache_lock);

  g_clear_pointer (&cache, gallery_unref);
  cache = g_atomic_rc_box_acquire (g);
}

void
lk_gallery_forget_cache (void)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&cache_lock);

  g_clear_pointer (&cache, gallery_unref);
}

static Gallery *
load_searchable (LkStore                *store,
                 gint64                  database_id,
                 const char             *database,
                 const LkGalleryEngine  *engine,
                 guint                   dimension,
                 GError                **error)
{
  g_autofree char *key = g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%s", lk_store_get_path (store),
                                          database_id, engine->name);
  g_autoptr(Gallery) g = cache_get (key);

  if (g == NULL || !lk_template_store_is_current (store, database_id, engine->name, g->array) ||
      g_strcmp0 (g->array->identity, engine->identity) != 0)
    {
      LkTemplateArray *array = NULL;

      /* Dropped first: the old copy and the new one are never in memory together. */
      g_clear_pointer (&g, gallery_unref);
      lk_gallery_forget_cache ();
      array = lk_template_store_read (store, database_id, database, engine->name,
                                      engine->identity, error);
      if (array == NULL)
        return NULL;
      g = g_atomic_rc_box_new0 (Gallery);
      g->key = g_steal_pointer (&key);
      g->array = array;
      cache_put (g);
    }
  if (g->array->n > 0 && g->array->dimension == dimension)
    return g_steal_pointer (&g);
  g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND,
               "The gallery “%s” has no templates of the %s engine (%s, %u values); enrol its "
               "images first", database, engine->name, engine->version, dimension);
  return NULL;
}

/* ---- ranking -------------------------------------------------------------------------------- */

/* One candidate of a ranking, with what the list records of it. */
typedef struct
{
  gint64  image_id;
  float   score;
  char   *subject;
  char   *sha;
} Ranked;

static void
ranked_clear (Ranked *r)
{
  g_free (r->subject);
  g_free (r->sha);
}

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a, *y = b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->image_id < y->image_id ? -1 : x->image_id > y->image_id;
}

/* Candidates beyond K whose quantised score is looked at again exactly: int8 codes move a
 * score by far less than the gap this leaves (test-dnn measures rank-1 both ways). */
static guint
shortlist_size (guint k)
{
  return MAX (2 * k, k + 32);
}

/* Every template of the gallery in float32, for LK_SCAN_EXACT (measurement only). */
static gboolean
exact_scan (LkStore                *store,
            const LkGalleryEngine  *engine,
            const LkTemplateArray  *array,
            const float            *query,
            guint                   k,
            GArray                 *ranked,
            GError                **error)
{
  g_autofree float *scores = g_new (float, MAX (array->n, 1));

  if (!lk_template_exact_scores (store, engine->name, query, array->dimension, array->image_ids,
                                 (guint) array->n, scores, error))
    return FALSE;
  for (gsize i = 0; i < array->n; i++)
    {
      Ranked r = { array->image_ids[i], scores[i], NULL, NULL };
      g_array_append_val (ranked, r);
    }
  g_array_sort (ranked, compare_ranked);
  if (ranked->len > k)
    g_array_set_size (ranked, k);
  return TRUE;
}

static gboolean
describe (LkStore  *store,
          GArray   *ranked,
          GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);

  for (guint i = 0; i < ranked->len; i++)
    {
      Ranked *r = &g_array_index (ranked, Ranked, i);
      g_autoptr(LkStmt) stmt =
        lk_store_stmt (store, "SELECT subject_ref, image_sha256 FROM gallery_images WHERE id = ?",
                       error);

      if (stmt == NULL)
        return FALSE;
      lk_stmt_bind_int64 (stmt, 1, r->image_id);
      if (!lk_stmt_row (stmt, error, "Gallery image %" G_GINT64_FORMAT " is gone", r->image_id))
        return FALSE;
      r->subject = lk_stmt_dup_text (stmt, 0);
      r->sha = lk_stmt_dup_text (stmt, 1);
    }
  return TRUE;
}

/* The best @k of the gallery for @query, best first, as @mode scans. */
static GArray *
rank_gallery (LkStore                *store,
              const LkGalleryEngine  *engine,
              const LkTemplateArray  *array,
              const float            *query,
              guint                   k,
              LkScanMode              mode,
              GError                **error)
{
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr(GArray) hits = NULL;
  guint wanted = mode == LK_SCAN_SHORTLIST ? shortlist_size (k) : k;

  g_array_set_clear_func (ranked, (GDestroyNotify) ranked_clear);
  if (mode == LK_SCAN_EXACT)
    {
      if (!exact_scan (store, engine, array, query, k, ranked, error))
        return NULL;
      return describe (store, ranked, error) ? g_steal_pointer (&ranked) : NULL;
    }
  hits = lk_search_top_k_codes (array->codes, array->scales, array->n, array->dimension, query,
                                wanted, 0);
  for (guint i = 0; i < hits->len; i++)
    {
      const LkHit *hit = &g_array_index (hits, LkHit, i);
      Ranked r = { array->image_ids[hit->row], hit->score, NULL, NULL };
      g_array_append_val (ranked, r);
    }
  if (mode == LK_SCAN_SHORTLIST)
    {
      g_autofree gint64 *ids = g_new (gint64, ranked->len + 1);
      g_autofree float *scores = g_new (float, ranked->len + 1);

      for (guint i = 0; i < ranked->len; i++)
        ids[i] = g_array_index (ranked, Ranked, i).image_id;
      if (!lk_template_exact_scores (store, engine->name, query, array->dimension, ids,
                                     ranked->len, scores, error))
        return NULL;
      for (guint i = 0; i < ranked->len; i++)
        g_array_index (ranked, Ranked, i).score = scores[i];
      g_array_sort (ranked, compare_ranked);
      if (ranked->len > k)
        g_array_set_size (ranked, k);
    }
  return describe (store, ranked, error) ? g_steal_pointer (&ranked) : NULL;
}

/* ---- the probe ------------------------------------------------------------------------------ */

/* The same rule as an imported list: while the case is in analysis or examination. */
static gboolean
check_case_open (const LkProbePlace  *row,
                 GError         **error)
{
  if (g_str_equal (row->case_status, "analysis") || g_str_equal (row->case_status, "examination"))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "Case %s is %s; searches run while a case is in analysis or examination",
               row->case_number, lk_vocabulary_case_status_label (row->case_status));
  return FALSE;
}

static gboolean
json_point (JsonArray *points,
            guint      i,
            LkPoint   *p)
{
  JsonArray *xy;

  if (points == NULL || i >= json_array_get_length (points))
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (json_array_get_element (points, i)))
    return FALSE;
  xy = json_array_get_array_element (points, i);
  if (json_array_get_length (xy) != 2)
    return FALSE;
  p->x = json_array_get_double_element (xy, 0);
  p->y = json_array_get_double_element (xy, 1);
  return TRUE;
}

static JsonArray *
array_member (JsonObject *o,
              const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* An LkFace back from the probe's faces JSON (see lk-probes.c face_json): a face without eyes
 * has no "eyes" member. */
static void
face_from_json (JsonObject *o,
                LkFace     *face)
{
  JsonArray *eyes = array_member (o, "eyes");
  JsonArray *landmarks = array_member (o, "landmarks");

  memset (face, 0, sizeof *face);
  face->x = (int) json_object_get_int_member_with_default (o, "x", 0);
  face->y = (int) json_object_get_int_member_with_default (o, "y", 0);
  face->width = (int) json_object_get_int_member_with_default (o, "width", 0);
  face->height = (int) json_object_get_int_member_with_default (o, "height", 0);
  face->score = json_object_get_double_member_with_default (o, "score", 1.0);
  face->has_eyes = json_point (eyes, 0, &face->eye_a) && json_point (eyes, 1, &face->eye_b);
  if (landmarks != NULL && json_array_get_length (landmarks) == 5)
    {
      face->n_landmarks = 5;
      for (guint i = 0; i < 5; i++)
        if (!json_point (landmarks, i, &face->landmarks[i]))
          face->n_landmarks = 0;
    }
}

static gboolean
probe_face (const LkProbePlace  *row,
            gint64           probe_id,
            LkFace          *face,
            GError         **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonNode) root = row->faces != NULL ? lk_json_load_stored (row->faces, &local)
                                                : NULL;
  JsonArray *faces;

  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INTEGRITY,
                   "The faces recorded for probe %" G_GINT64_FORMAT " cannot be read%s%s",
                   probe_id, local != NULL ? ": " : "", local != NULL ? local->message : "");
      return FALSE;
    }
  faces = json_node_get_array (root);
  if (row->face_index < 0 || (guint) row->face_index >= json_array_get_length (faces) ||
      !JSON_NODE_HOLDS_OBJECT (json_array_get_element (faces, row->face_index)))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "Probe %" G_GINT64_FORMAT " has no face of interest to search with",
                   probe_id);
      return FALSE;
    }
  face_from_json (json_array_get_object_element (faces, row->face_index), face);
  return TRUE;
}

typedef struct
{
  gint64                  probe_id;
  const LkProbePlace         *probe;
  const LkFace           *face;
  gint64                  database_id;
  const char             *database;
  const LkGalleryEngine  *engine;
  char                   *engine_version;
  guint                   k;
  char                   *performed_at;
  double                  search_ms;
  LkProbeTemplate         query;
  gboolean                query_is_new;  /* to keep with the list */
  Gallery                *gallery;
  GArray                 *hits;
} Search;

static void
search_clear (Search *s)
{
  lk_probe_template_clear (&s->query);
  g_free (s->engine_version);
  g_free (s->performed_at);
  g_clear_pointer (&s->gallery, gallery_unref);
  g_clear_pointer (&s->hits, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Search, search_clear)

static double
overlap (const LkFace *a,
         const LkFace *b)
{
  double w = MIN (a->x + a->width, b->x + b->width) - MAX (a->x, b->x);
  double h = MIN (a->y + a->height, b->y + b->height) - MAX (a->y, b->y);
  double both = w > 0 && h > 0 ? w * h : 0;

  return both / ((double) a->width * a->height + (double) b->width * b->height - both);
}

/* The classic engine places a Haar face by its box (see lk_cv_image_template), as it did for
 * every gallery image. A probe face that YuNet found at intake is therefore replaced by the
 * Haar face overlapping it most (intersection over union at least 0.3), so that probe and
 * gallery are aligned alike; without one, YuNet's landmarks align it. */
static LkFace
classic_probe_face (LkCvImage    *image,
                    const LkFace *chosen)
{
  LkDetectorConfig haar = { NULL, NULL };
  g_autoptr(GArray) faces = NULL;
  const LkFace *best = chosen;
  double best_overlap = 0.3;

  /* A Haar run that fails finds no face: YuNet's landmarks align the probe, as they do then. */
  if (chosen->n_landmarks == 0 || (faces = lk_cv_image_find_faces (image, &haar, NULL)) == NULL)
    return *chosen;
  for (guint i = 0; i < faces->len; i++)
    {
      const LkFace *f = &g_array_index (faces, LkFace, i);

      if (overlap (f, chosen) >= best_overlap)
        {
          best = f;
          best_overlap = overlap (f, chosen);
        }
    }
  return *best;
}

/* The probe's template: kept from an earlier search of the same face by the same engine, or
 * made from the image (and kept when the search is recorded). */
static gboolean
probe_template (LkStore                *store,
                const LkActor          *actor,
                Search                 *s,
                GError                **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(LkCvImage) image = NULL;
  LkFace face;

  if (lk_probe_template_find (store, s->probe->sha256, s->face, s->engine->name,
                              s->engine->identity, &s->query, error))
    return TRUE;
  if ((error != NULL && *error != NULL) ||
      (bytes = lk_image_store_get (store, actor, s->probe->sha256, error)) == NULL ||
      (image = lk_cv_image_decode (bytes, error)) == NULL)
    return FALSE;
  face = s->engine->kind == LK_ENGINE_CLASSIC ? classic_probe_face (image, s->face) : *s->face;
  s->query.aligned_by = g_strdup (face.n_landmarks == 5 ? "landmarks" : "haar-box");
  s->query.vector = lk_cv_image_embedding (image, &face, s->engine->embedding_model,
                                           &s->engine->input, &s->query.dimension, error);
  s->query_is_new = TRUE;
  return s->query.vector != NULL;
}

/* ---- recording the list --------------------------------------------------------------------- */


static void
add_results (JsonBuilder  *b,
             const Search *s)
{
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < s->hits->len; i++)
    {
      const Ranked *hit = &g_array_index (s->hits, Ranked, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rank");
      json_builder_add_int_value (b, i + 1);
      json_builder_set_member_name (b, "score");
      json_builder_add_double_value (b, hit->score);
      json_builder_set_member_name (b, "subject_ref");
      json_builder_add_string_value (b, hit->subject);
      json_builder_set_member_name (b, "image_sha256");
      json_builder_add_string_value (b, hit->sha);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

#define MEMBER(b, name, kind, value) \
  (json_builder_set_member_name ((b), (name)), json_builder_add_##kind##_value ((b), (value)))

/* What the list's source_sha256 covers for a built-in search: a canonical JSON description of
 * the search and its results (members in a fixed order, no white space). */
static char *
source_sha256 (const Search *s)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  MEMBER (b, "format", string, "likeness-built-in-search");
  MEMBER (b, "engine", string, s->engine->name);
  MEMBER (b, "engine_version", string, s->engine_version);
  MEMBER (b, "reference_database", string, s->database);
  MEMBER (b, "probe_sha256", string, s->probe->sha256);
  MEMBER (b, "face_index", int, s->probe->face_index);
  MEMBER (b, "max_candidates", int, s->k);
  MEMBER (b, "performed_at", string, s->performed_at);
  add_results (b, s);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = json_to_string (root, FALSE);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static gint64
insert_list (LkStore       *store,
             const Search  *s,
             gint64         user_id,
             GError       **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autofree char *digest = source_sha256 (s);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO candidate_lists (probe_id, engine_name, engine_version,"
                          " reference_db_id, threshold, max_candidates, list_length, performed_at,"
                          " search_ms, source_format, source_sha256, imported_by, imported_at)"
                          " VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, 'built-in', ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_int64 (stmt, 1, s->probe_id);
  lk_stmt_bind_text (stmt, 2, s->engine->name);
  lk_stmt_bind_text (stmt, 3, s->engine_version);
  lk_stmt_bind_int64 (stmt, 4, s->database_id);
  lk_stmt_bind_int (stmt, 5, (int) s->k);
  lk_stmt_bind_int (stmt, 6, (int) s->hits->len);
  lk_stmt_bind_text (stmt, 7, s->performed_at);
  lk_stmt_bind_double (stmt, 8, s->search_ms);
  lk_stmt_bind_text (stmt, 9, digest);
  lk_stmt_bind_int64 (stmt, 10, user_id);
  lk_stmt_bind_text (stmt, 11, now);
  return lk_stmt_insert (stmt, error);
}

static gboolean
insert_candidate (LkStore       *store,
                  gint64         list_id,
                  const Search  *s,
                  guint          rank,
                  GError       **error)
{
  const Ranked *hit = &g_array_index (s->hits, Ranked, rank - 1);
  g_autofree char *metadata = g_strdup_printf ("{\"gallery_image_id\":%" G_GINT64_FORMAT "}",
                                               hit->image_id);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO candidates (list_id, rank, score, subject_ref,"
                          " image_sha256, metadata, display_order) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, list_id);
  lk_stmt_bind_int (stmt, 2, (int) rank);
  lk_stmt_bind_double (stmt, 3, hit->score);
  lk_stmt_bind_text (stmt, 4, hit->subject);
  lk_stmt_bind_text (stmt, 5, hit->sha);
  lk_stmt_bind_text (stmt, 6, metadata);
  lk_stmt_bind_int (stmt, 7, (int) rank);
  return lk_stmt_done (stmt, error);
}

/* The facts recorded with the list, under the member names of an imported list's event. */
static JsonObject *
search_details (const Search *s)
{
  JsonObject *d = json_object_new ();

  json_object_set_int_member (d, "probe", s->probe_id);
  json_object_set_string_member (d, "case", s->probe->case_number);
  json_object_set_string_member (d, "source_format", "built-in");
  json_object_set_string_member (d, "engine_name", s->engine->name);
  json_object_set_string_member (d, "engine_version", s->engine_version);
  json_object_set_string_member (d, "reference_database", s->database);
  json_object_set_string_member (d, "performed_at", s->performed_at);
  json_object_set_null_member (d, "threshold");
  json_object_set_int_member (d, "max_candidates", s->k);
  json_object_set_int_member (d, "list_length", s->hits->len);
  json_object_set_double_member (d, "search_ms", s->search_ms);
  json_object_set_int_member (d, "gallery_entries", (gint64) s->gallery->array->n);
  json_object_set_string_member (d, "probe_aligned_by", s->query.aligned_by);
  return d;
}

static gint64
record_search (LkSession      *session,
               const LkActor  *actor,
               const Search   *s,
               GError        **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = lk_txn_begin (store, error);
  g_auto(LkProbePlace) now = { 0 };
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *object = NULL;
  gint64 list_id;

  /* The case may have moved while the gallery was searched. */
  if (txn == NULL || !lk_probes_read_place (store, s->probe_id, &now, error) ||
      !check_case_open (&now, error) ||
      (list_id = insert_list (store, s, lk_session_get_user_id (session), error)) == 0)
    return 0;
  for (guint rank = 1; rank <= s->hits->len; rank++)
    if (!insert_candidate (store, list_id, s, rank, error))
      return 0;
  if (s->query_is_new &&
      !lk_probe_template_keep (store, s->probe->sha256, s->face, s->engine->name,
                               s->engine->identity, &s->query, error))
    return 0;
  details = search_details (s);
  object = g_strdup_printf ("candidate-list:%" G_GINT64_FORMAT, list_id);
  if (!lk_audit_append (store, actor, "candidates.searched", object, details, error) ||
      !lk_txn_commit (txn, error))
    return 0;
  return list_id;
}

/* ---- search --------------------------------------------------------------------------------- */

static gboolean
check_k (LkStore  *store,
         guint    *k,
         GError  **error)
{
  const LkPolicyKey *def = lk_policy_key_lookup ("search_top_k");
  gint64 top_k = 0;

  if (*k == 0)
    {
      if (!lk_policy_get_int (store, "search_top_k", &top_k, error))
        return FALSE;
      *k = (guint) top_k;
    }
  if (*k >= def->min && *k <= def->max)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "A search returns between %g and %g candidates, not %u", def->min, def->max, *k);
  return FALSE;
}

/* The probe's template and the scan; search_ms covers both, as an engine's reported search
 * time would. */
static gboolean
run_search (LkStore        *store,
            const LkActor  *actor,
            Search         *s,
            GError        **error)
{
  gint64 start = g_get_monotonic_time ();

  if (!probe_template (store, actor, s, error) ||
      (s->gallery = load_searchable (store, s->database_id, s->database, s->engine,
                                     s->query.dimension, error)) == NULL)
    return FALSE;
  s->hits = rank_gallery (store, s->engine, s->gallery->array, s->query.vector, s->k,
                          LK_SCAN_SHORTLIST, error);
  s->search_ms = (double) (g_get_monotonic_time () - start) / 1000.0;
  return s->hits != NULL;
}

gint64
lk_gallery_search (LkSession   *session,
                   gint64       probe_id,
                   const char  *database,
                   guint        k,
                   GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(LkGalleryEngine) engine = { 0 };
  g_auto(LkProbePlace) probe = { 0 };
  g_auto(Search) s = { 0 };
  LkFace face;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), 0);
  g_return_val_if_fail (database != NULL, 0);

  if (!lk_session_require (session, LK_ROLE_EXAMINER, &actor, error) ||
      !lk_analysis_require_unmasked (session, probe_id, error) ||
      !lk_probes_read_place (store, probe_id, &probe, error) || !check_case_open (&probe, error) ||
      !probe_face (&probe, probe_id, &face, error) || !check_k (store, &k, error))
    return 0;
  if (!lk_gallery_engine_init (&engine, store, error) ||
      !lk_gallery_engine_identify (&engine, store, error))
    return 0;
  s = (Search) { probe_id, &probe, &face, 0, database, &engine,
                 g_strconcat (PACKAGE_VERSION, "/", engine.version, NULL), k, lk_now_utc () };
  if ((s.database_id = lk_gallery_lookup (store, database, error)) == 0 ||
      !run_search (store, &actor, &s, error))
    return 0;
  return record_search (session, &actor, &s, error);
}

/* ---- evaluation ----------------------------------------------------------------------------- */

typedef struct
{
  LkStore                *store;
  gint64                  database_id;
  const char             *database;
  const LkGalleryEngine  *engine;
  LkScanMode              mode;
  Gallery                *gallery;       /* loaded with the first template */
  guint                   n_probes;
  guint                   rank1;
  guint                   rank10;
  guint                   without_face;  /* counted as misses */
  guint                   not_images;    /* not counted */
} Evaluation;

static void
evaluation_clear (Evaluation *ev)
{
  g_clear_pointer (&ev->gallery, gallery_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Evaluation, evaluation_clear)

static gboolean
is_image (GBytes *bytes)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  LkImageHeader header;

  /* Why a file is no image does not matter here: it is counted apart, not ranked. */
  return lk_image_header_read (data, size, &header, NULL);
}

/* The bytes of an evaluation image into @bytes, NULL for a file that is no usable image (empty,
 * over the policy's size); FALSE with @error for one that cannot be read at all, which would
 * otherwise leave the figures quietly short of an image. */
static gboolean
read_item (Evaluation           *ev,
           const LkGalleryItem  *item,
           GBytes              **bytes,
           GError              **error)
{
  g_autoptr(GError) local_error = NULL;

  *bytes = lk_gallery_read_file (ev->store, item->path, &local_error);
  if (*bytes != NULL || g_error_matches (local_error, LK_ERROR, LK_ERROR_IMAGE))
    return TRUE;
  g_set_error (error, local_error->domain, local_error->code, "%s: %s", item->path,
               local_error->message);
  return FALSE;
}

/* Ranks the gallery for one probe template. An evaluation image that is itself enrolled may
 * not find itself: its own gallery entry is skipped. */
static gboolean
score_probe (Evaluation          *ev,
             const float         *query,
             const char          *sha256,
             const LkGalleryItem *item,
             GError             **error)
{
  g_autoptr(GArray) hits = rank_gallery (ev->store, ev->engine, ev->gallery->array, query, 11,
                                         ev->mode, error);
  guint rank = 0;

  if (hits == NULL)
    return FALSE;
  for (guint i = 0; i < hits->len && rank < 10; i++)
    {
      const Ranked *hit = &g_array_index (hits, Ranked, i);

      if (g_str_equal (hit->sha, sha256))
        continue;
      rank++;
      if (g_str_equal (hit->subject, item->subject_ref))
        {
          ev->rank1 += rank == 1;
          ev->rank10++;
          return TRUE;
        }
    }
  return TRUE;
}

static gboolean
evaluate_item (Evaluation          *ev,
               const LkGalleryItem *item,
               GError             **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree float *query = NULL;
  g_autoptr(GError) local_error = NULL;
  guint dimension = 0;

  if (!read_item (ev, item, &bytes, error))
    return FALSE;
  if (bytes == NULL || !is_image (bytes))
    {
      ev->not_images++;
      return TRUE;
    }
  ev->n_probes++;
  query = lk_gallery_image_template (ev->store, ev->engine, bytes, NULL, &dimension,
                                     &local_error);
  if (query == NULL && !lk_gallery_is_rejection (local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (query == NULL)
    {
      ev->without_face++;
      return TRUE;
    }
  if (ev->gallery == NULL &&
      (ev->gallery = load_searchable (ev->store, ev->database_id, ev->database, ev->engine,
                                      dimension, error)) == NULL)
    return FALSE;
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  return score_probe (ev, query, sha256, item, error);
}

static JsonObject *
evaluation_details (const Evaluation *ev,
                    const char       *dir)
{
  JsonObject *d = json_object_new ();

  json_object_set_string_member (d, "database", ev->database);
  json_object_set_string_member (d, "folder", dir);
  json_object_set_string_member (d, "engine", ev->engine->name);
  json_object_set_string_member (d, "template_version", ev->engine->version);
  json_object_set_int_member (d, "gallery_entries", ev->gallery ? (gint64) ev->gallery->array->n
                                                                : 0);
  json_object_set_int_member (d, "probes", ev->n_probes);
  json_object_set_int_member (d, "probes_without_face", ev->without_face);
  json_object_set_int_member (d, "files_not_images", ev->not_images);
  json_object_set_int_member (d, "rank1_hits", ev->rank1);
  json_object_set_int_member (d, "rank10_hits", ev->rank10);
  return d;
}

static gboolean
evaluate_all (Evaluation  *ev,
              const char  *dir,
              GError     **error)
{
  g_autoptr(GPtrArray) rejected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = lk_gallery_items_from_dir (dir, rejected, error);

  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    if (!evaluate_item (ev, g_ptr_array_index (items, i), error))
      return FALSE;
  if (ev->n_probes > 0)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "%s holds no labelled probe images (one sub-folder of images per subject)", dir);
  return FALSE;
}

gboolean
lk_gallery_evaluate (LkSession   *session,
                     const char  *database,
                     const char  *dir,
                     double      *rank1,
                     double      *rank10,
                     guint       *n_probes,
                     GError     **error)
{
  return lk_gallery_evaluate_with (session, database, dir, LK_SCAN_SHORTLIST, rank1, rank10,
                                   n_probes, error);
}

static const char *
mode_name (LkScanMode mode)
{
  return mode == LK_SCAN_EXACT ? "exact" : mode == LK_SCAN_QUANTISED ? "int8" : "int8-shortlist";
}

gboolean
lk_gallery_evaluate_with (LkSession   *session,
                          const char  *database,
                          const char  *dir,
                          LkScanMode   mode,
                          double      *rank1,
                          double      *rank10,
                          guint       *n_probes,
                          GError     **error)
{
  g_auto(LkGalleryEngine) engine = { 0 };
  g_auto(Evaluation) ev = { 0 };
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *object = NULL;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);
  g_return_val_if_fail (database != NULL && dir != NULL, FALSE);

  ev.store = lk_session_get_store (session);
  ev.database = database;
  ev.engine = &engine;
  ev.mode = mode;
  if (!lk_gallery_engine_init (&engine, ev.store, error) ||
      !lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error) ||
      (ev.database_id = lk_gallery_lookup (ev.store, database, error)) == 0 ||
      !lk_gallery_engine_identify (&engine, ev.store, error) ||
      !evaluate_all (&ev, dir, error))
    return FALSE;
  details = evaluation_details (&ev, dir);
  json_object_set_string_member (details, "scan", mode_name (mode));
  object = g_strdup_printf ("reference-db:%" G_GINT64_FORMAT, ev.database_id);
  if (!lk_audit_record (ev.store, &actor, "gallery.evaluated", object, details, error))
    return FALSE;
  if (rank1 != NULL)
    *rank1 = (double) ev.rank1 / ev.n_probes;
  if (rank10 != NULL)
    *rank10 = (double) ev.rank10 / ev.n_probes;
  if (n_probes != NULL)
    *n_probes = ev.n_probes;
  return TRUE;
}
