/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The scan store of a gallery's templates: see lk-template-store.h. A block's blob holds its
 * rows' image ids (int64, little-endian), then their scales (float32, little-endian), then
 * their codes (int8, row after row); its checksum covers the whole blob. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine/lk-template-store.h"
#include "lk-error.h"
#include "store/lk-store-private.h"
#include "store/lk-store.h"

/* About a megabyte of codes per block: large enough that reading is a few hundred blob reads
 * per million templates, small enough that appending a batch rewrites little. */
#define BLOCK_BYTES (1 << 20)
#define ROW_EXTRA (sizeof (gint64) + sizeof (float))

/* ---- arrays and blocks ---------------------------------------------------------------------- */

void
lk_template_array_free (LkTemplateArray *array)
{
  if (array == NULL)
    return;
  g_free (array->identity);
  g_free (array->image_ids);
  g_free (array->scales);
  g_free (array->codes);
  g_free (array);
}

guint64
lk_template_array_bytes (guint64 n,
                         guint   dimension)
{
  return n * (dimension + ROW_EXTRA);
}

void
lk_template_quantise (const float *vector,
                      guint        dimension,
                      gint8       *codes,
                      float       *scale)
{
  float max = 0;

  for (guint i = 0; i < dimension; i++)
    max = MAX (max, fabsf (vector[i]));
  *scale = max / 127.0f;
  for (guint i = 0; i < dimension; i++)
    codes[i] = max > 0 ? (gint8) lrintf (vector[i] / *scale) : 0;
}

static guint
block_capacity (guint dimension)
{
  return CLAMP (BLOCK_BYTES / (dimension + ROW_EXTRA), 64, 65536);
}

/* A 63-bit hash of @size bytes, four independent multiply-xor lanes over 64-bit words: fast
 * enough to check every block on every read from the database (it detects damage, it is not a
 * seal: the database's own integrity is the audit log's business). */
static gint64
checksum (const guint8 *data,
          gsize         size)
{
  guint64 lanes[4] = { 0x9e3779b97f4a7c15u, 0xc2b2ae3d27d4eb4fu, 0x165667b19e3779f9u,
                       0x27d4eb2f165667c5u };
  const guint64 prime = 0x100000001b3u;
  gsize i = 0;
  guint64 h;

  for (; i + 32 <= size; i += 32)
    for (int l = 0; l < 4; l++)
      {
        guint64 w;

        memcpy (&w, data + i + 8 * l, 8);
        lanes[l] = (lanes[l] ^ GUINT64_FROM_LE (w)) * prime;
        lanes[l] ^= lanes[l] >> 29;
      }
  h = lanes[0] ^ (lanes[1] * 3) ^ (lanes[2] * 5) ^ (lanes[3] * 7) ^ size;
  for (; i < size; i++)
    h = (h ^ data[i]) * prime;
  return (gint64) (h & G_MAXINT64);
}

typedef struct
{
  guint   rows;
  guint   dimension;
  GByteArray *data;
} Block;

static gint64 *
block_ids (Block *b)
{
  return (gint64 *) b->data->data;
}

static void
block_put_row (Block       *b,
               guint        row,
               gint64       image_id,
               float        scale,
               const gint8 *codes,
               guint        capacity)
{
  guint8 *ids = b->data->data;
  guint8 *scales = ids + sizeof (gint64) * capacity;
  guint8 *all_codes = scales + sizeof (float) * capacity;
  gint64 le_id = GINT64_TO_LE (image_id);
  guint32 le_scale;

  memcpy (&le_scale, &scale, 4);
  le_scale = GUINT32_TO_LE (le_scale);
  memcpy (ids + sizeof (gint64) * row, &le_id, 8);
  memcpy (scales + sizeof (float) * row, &le_scale, 4);
  memcpy (all_codes + (gsize) row * b->dimension, codes, b->dimension);
}

/* The blob of @b's @rows rows (the block is laid out for @capacity while being filled). */
static GBytes *
block_pack (Block *b,
            guint  capacity)
{
  gsize n = b->rows, d = b->dimension;
  guint8 *out = g_malloc (n * (d + ROW_EXTRA) + 1);
  const guint8 *in = b->data->data;

  memcpy (out, in, n * sizeof (gint64));
  memcpy (out + n * sizeof (gint64), in + capacity * sizeof (gint64), n * sizeof (float));
  memcpy (out + n * ROW_EXTRA, in + capacity * ROW_EXTRA, n * d);
  return g_bytes_new_take (out, n * (d + ROW_EXTRA));
}

/* A block laid out for @capacity rows holding the rows of @blob (@rows of @dimension). */
static Block *
block_unpack (const guint8 *blob,
              guint         rows,
              guint         dimension,
              guint         capacity)
{
  Block *b = g_new0 (Block, 1);
  gsize n = rows;

  b->rows = rows;
  b->dimension = dimension;
  b->data = g_byte_array_sized_new ((guint) (capacity * (dimension + ROW_EXTRA)));
  g_byte_array_set_size (b->data, (guint) (capacity * (dimension + ROW_EXTRA)));
  if (rows == 0)
    return b;
  memcpy (b->data->data, blob, n * sizeof (gint64));
  memcpy (b->data->data + capacity * sizeof (gint64), blob + n * sizeof (gint64),
          n * sizeof (float));
  memcpy (b->data->data + capacity * ROW_EXTRA, blob + n * ROW_EXTRA, n * dimension);
  return b;
}

static void
block_free (Block *b)
{
  g_byte_array_unref (b->data);
  g_free (b);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Block, block_free)

static gboolean
write_block (LkStore     *store,
             gint64       database_id,
             const char  *engine,
             gint64       block_id,
             Block       *b,
             guint        capacity,
             GError     **error)
{
  g_autoptr(GBytes) blob = block_pack (b, capacity);
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (blob, &size);
  gint64 first = GINT64_FROM_LE (block_ids (b)[0]);
  gint64 last = GINT64_FROM_LE (block_ids (b)[b->rows - 1]);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, block_id != 0
                          ? "UPDATE template_blocks SET rows = ?, first_image_id = ?,"
                            " last_image_id = ?, checksum = ?, data = ? WHERE id = ?"
                          : "INSERT INTO template_blocks (rows, first_image_id, last_image_id,"
                            " checksum, data, database_id, engine) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int (stmt, 1, (int) b->rows);
  lk_stmt_bind_int64 (stmt, 2, first);
  lk_stmt_bind_int64 (stmt, 3, last);
  lk_stmt_bind_int64 (stmt, 4, checksum (data, size));
  lk_stmt_bind_blob (stmt, 5, data, size);
  if (block_id != 0)
    lk_stmt_bind_int64 (stmt, 6, block_id);
  else
    {
      lk_stmt_bind_int64 (stmt, 6, database_id);
      lk_stmt_bind_text (stmt, 7, engine);
    }
  return lk_stmt_done (stmt, error);
}

/* ---- generations ---------------------------------------------------------------------------- */

gboolean
lk_template_generation (LkStore     *store,
                        gint64       database_id,
                        const char  *engine,
                        gint64      *generation,
                        GError     **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT generation FROM template_generations"
                          " WHERE database_id = ? AND engine = ?", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, database_id);
  lk_stmt_bind_text (stmt, 2, engine);
  *generation = lk_stmt_next (stmt, error) ? lk_stmt_int64 (stmt, 0) : 0;
  return !lk_stmt_failed (stmt);
}

typedef struct
{
  gboolean exists;
  gint64   generation;       /* of the templates */
  gint64   store_generation; /* the store reflects */
  char    *identity;
  guint    dimension;
  gsize    rows;
} State;

static void
state_clear (State *s)
{
  g_free (s->identity);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (State, state_clear)

/* The one read: the templates' generation and the store's. */
static gboolean
read_state (LkStore     *store,
            gint64       database_id,
            const char  *engine,
            State       *s,
            GError     **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT (SELECT generation FROM template_generations"
                          "          WHERE database_id = ?1 AND engine = ?2),"
                          " s.generation, s.identity, s.dimension, s.rows"
                          " FROM (SELECT 1) AS one LEFT JOIN template_stores s"
                          " ON s.database_id = ?1 AND s.engine = ?2", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, database_id);
  lk_stmt_bind_text (stmt, 2, engine);
  if (!lk_stmt_row (stmt, error, "The template store could not be read"))
    return FALSE;
  s->generation = lk_stmt_int64 (stmt, 0);
  s->exists = !lk_stmt_is_null (stmt, 1);
  s->store_generation = lk_stmt_int64 (stmt, 1);
  s->identity = lk_stmt_dup_text (stmt, 2);
  s->dimension = (guint) lk_stmt_int (stmt, 3);
  s->rows = (gsize) lk_stmt_int64 (stmt, 4);
  return TRUE;
}

gboolean
lk_template_store_is_current (LkStore               *store,
                              gint64                 database_id,
                              const char            *engine,
                              const LkTemplateArray *cached)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_auto(State) s = { 0 };

  /* A state that cannot be read is not current: the caller reloads, and meets the error. */
  return read_state (store, database_id, engine, &s, NULL) && s.exists &&
         s.generation == s.store_generation && s.generation == cached->generation &&
         g_strcmp0 (s.identity, cached->identity) == 0;
}

static gboolean
set_store (LkStore     *store,
           gint64       database_id,
           const char  *engine,
           const char  *identity,
           guint        dimension,
           gint64       generation,
           gsize        rows,
           GError     **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO template_stores (database_id, engine, identity, dimension,"
                          " encoding, generation, rows) VALUES (?, ?, ?, ?, 'int8', ?, ?)"
                          " ON CONFLICT (database_id, engine) DO UPDATE SET"
                          " identity = excluded.identity, dimension = excluded.dimension,"
                          " generation = excluded.generation, rows = excluded.rows", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, database_id);
  lk_stmt_bind_text (stmt, 2, engine);
  lk_stmt_bind_text (stmt, 3, identity);
  lk_stmt_bind_int (stmt, 4, (int) dimension);
  lk_stmt_bind_int64 (stmt, 5, generation);
  lk_stmt_bind_int64 (stmt, 6, (gint64) rows);
  return lk_stmt_done (stmt, error);
}

/* ---- memory --------------------------------------------------------------------------------- */

/* MemAvailable of /proc/meminfo in bytes; 0 when it cannot be read (then nothing is refused).
 * LIKENESS_SEARCH_MEMORY_LIMIT (bytes) lowers it: a lab sharing a machine can keep searches
 * below a share of it, and tests can try a gallery that does not fit. */
static guint64
memory_available (void)
{
  g_autofree char *text = NULL;
  const char *line;
  const char *limit = g_getenv ("LIKENESS_SEARCH_MEMORY_LIMIT");
  unsigned long long kb = 0;
  guint64 available = 0, cap = 0;

  if (g_file_get_contents ("/proc/meminfo", &text, NULL, NULL) &&
      (line = strstr (text, "MemAvailable:")) != NULL &&
      sscanf (line, "MemAvailable: %llu kB", &kb) == 1)
    available = (guint64) kb * 1024;
  if (limit != NULL && g_ascii_string_to_unsigned (limit, 10, 1, G_MAXUINT64, &cap, NULL))
    available = available == 0 ? cap : MIN (available, cap);
  return available;
}

static gboolean
check_memory (const char  *database,
              gsize        rows,
              guint        dimension,
              GError     **error)
{
  guint64 need = lk_template_array_bytes (rows, dimension);
  guint64 available = memory_available ();
  g_autofree char *need_text = NULL;
  g_autofree char *available_text = NULL;

  if (available == 0 || need <= available)
    return TRUE;
  need_text = g_format_size (need);
  available_text = g_format_size (available);
  g_set_error (error, LK_ERROR, LK_ERROR_FAILED,
               "Searching the gallery “%s” needs %s of memory for its %" G_GSIZE_FORMAT
               " templates and %s is available; the search was not started. Close other "
               "programs or search on a machine with more memory", database, need_text, rows,
               available_text);
  return FALSE;
}

/* ---- rebuilding ----------------------------------------------------------------------------- */

/* Refuses a gallery holding any template of @engine made with another identity. */
static gboolean
check_identities (LkStore     *store,
                  gint64       database_id,
                  const char  *database,
                  const char  *engine,
                  const char  *identity,
                  gsize       *rows,
                  GError     **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT " LK_TEMPLATE_IDENTITY_SQL ", count(*) FROM templates t"
                          " JOIN gallery_images g ON g.id = t.image_id"
                          " WHERE g.database_id = ? AND t.engine = ? GROUP BY 1", error);
  gsize other = 0;

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, database_id);
  lk_stmt_bind_text (stmt, 2, engine);
  for (*rows = 0; lk_stmt_next (stmt, error);)
    if (g_strcmp0 (lk_stmt_text (stmt, 0), identity) == 0)
      *rows = (gsize) lk_stmt_int64 (stmt, 1);
    else
      other += (gsize) lk_stmt_int64 (stmt, 1);
  if (lk_stmt_failed (stmt) || other == 0)
    return !lk_stmt_failed (stmt);
  g_set_error (error, LK_ERROR, LK_ERROR_REFUSED,
               "The gallery “%s” holds %" G_GSIZE_FORMAT " templates made with another embedding "
               "model, detector or input convention than the %s engine uses now; templates of "
               "different models cannot be compared. Re-enrol the gallery's images (likeness-cli "
               "gallery enrol SOURCE --database %s) before searching it", database, other, engine,
               database);
  return FALSE;
}

static gboolean
flush_block (LkStore     *store,
             gint64       database_id,
             const char  *engine,
             Block       *b,
             guint        capacity,
             GError     **error)
{
  if (b->rows == 0)
    return TRUE;
  if (!write_block (store, database_id, engine, 0, b, capacity, error))
    return FALSE;
  b->rows = 0;
  return TRUE;
}

static gboolean
copy_templates (LkStore     *store,
                gint64       database_id,
                const char  *engine,
                const char  *identity,
                guint        dimension,
                GError     **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT t.image_id, t.vector FROM templates t"
                          " JOIN gallery_images g ON g.id = t.image_id"
                          " WHERE g.database_id = ? AND t.engine = ? ORDER BY t.image_id", error);
  guint capacity = block_capacity (dimension);
  g_autoptr(Block) b = block_unpack (NULL, 0, dimension, capacity);
  g_autofree float *row = g_new (float, dimension);
  g_autofree gint8 *codes = g_new (gint8, dimension);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, database_id);
  lk_stmt_bind_text (stmt, 2, engine);
  while (lk_stmt_next (stmt, error))
    {
      gsize size = 0;
      const guint32 *le = lk_stmt_blob (stmt, 1, &size);
      float scale;

      if (le == NULL || size != sizeof (float) * dimension)
        {
          g_set_error (error, LK_ERROR, LK_ERROR_INTEGRITY, "The template of gallery image %"
                       G_GINT64_FORMAT " is damaged", (gint64) lk_stmt_int64 (stmt, 0));
          return FALSE;
        }
      for (guint i = 0; i < dimension; i++)
        {
          guint32 bits = GUINT32_FROM_LE (le[i]);
          memcpy (&row[i], &bits, 4);
        }
      lk_template_quantise (row, dimension, codes, &scale);
      block_put_row (b, b->rows++, lk_stmt_int64 (stmt, 0), scale, codes, capacity);
      if (b->rows == capacity && !flush_block (store, database_id, engine, b, capacity, error))
        return FALSE;
    }
  return !lk_stmt_failed (stmt) && flush_block (store, database_id, engine, b, capacity, error);
}

static gboolean
delete_store (LkStore     *store,
              gint64       database_id,
              const char  *engine,
              GError     **error)
{
  g_autoptr(LkStmt) blocks =
    lk_store_stmt (store, "DELETE FROM template_blocks WHERE database_id = ? AND engine = ?",
                   error);

  if (blocks == NULL)
    return FALSE;
  lk_stmt_bind_int64 (blocks, 1, database_id);
  lk_stmt_bind_text (blocks, 2, engine);
  return lk_stmt_done (blocks, error);
}

/* The store rebuilt from the templates table, in a transaction of its own (derived data: what
 * it reflects was audited when the templates were written). */
static gboolean
rebuild (LkStore     *store,
         gint64       database_id,
         const char  *database,
         const char  *engine,
         const char  *identity,
         guint        dimension,
         GError     **error)
{
  g_autoptr(LkTxn) txn = lk_txn_begin (store, error);
  gint64 generation = 0;
  gsize rows = 0;

  return txn != NULL &&
         check_identities (store, database_id, database, engine, identity, &rows, error) &&
         check_memory (database, rows, dimension, error) &&
         lk_template_generation (store, database_id, engine, &generation, error) &&
         delete_store (store, database_id, engine, error) &&
         set_store (store, database_id, engine, identity, dimension, generation, rows, error) &&
         copy_templates (store, database_id, engine, identity, dimension, error) &&
         lk_txn_commit (txn, error);
}

/* ---- reading -------------------------------------------------------------------------------- */

static LkTemplateArray *
array_new (const State  *s,
           GError      **error)
{
  LkTemplateArray *a = g_new0 (LkTemplateArray, 1);

  a->n = s->rows;
  a->dimension = s->dimension;
  a->generation = s->generation;
  a->identity = g_strdup (s->identity);
  a->image_ids = g_try_malloc_n (MAX (s->rows, 1), sizeof (gint64));
  a->scales = g_try_malloc_n (MAX (s->rows, 1), sizeof (float));
  a->codes = g_try_malloc_n (MAX (s->rows, 1), s->dimension);
  if (a->image_ids != NULL && a->scales != NULL && a->codes != NULL)
    return a;
  g_set_error (error, LK_ERROR, LK_ERROR_FAILED, "There is not enough memory for the %"
               G_GSIZE_FORMAT " templates of the gallery", s->rows);
  lk_template_array_free (a);
  return NULL;
}

static gboolean
damaged (GError     **error,
         const char  *database)
{
  g_set_error (error, LK_ERROR, LK_ERROR_INTEGRITY, "The template store of the gallery “%s” is "
               "damaged (a block fails its checksum or its size)", database);
  return FALSE;
}

static gboolean
read_block (LkStmt           *stmt,
            LkTemplateArray  *a,
            gsize            *at,
            const char       *database,
            GError          **error)
{
  gsize rows = (gsize) lk_stmt_int64 (stmt, 0), size = 0, d = a->dimension;
  const guint8 *data = lk_stmt_blob (stmt, 2, &size);

  if (data == NULL || *at + rows > a->n || size != rows * (d + ROW_EXTRA) ||
      checksum (data, size) != lk_stmt_int64 (stmt, 1))
    return damaged (error, database);
  for (gsize i = 0; i < rows; i++)
    {
      gint64 id;
      guint32 bits;

      memcpy (&id, data + 8 * i, 8);
      memcpy (&bits, data + rows * 8 + 4 * i, 4);
      bits = GUINT32_FROM_LE (bits);
      a->image_ids[*at + i] = GINT64_FROM_LE (id);
      memcpy (&a->scales[*at + i], &bits, 4);
    }
  memcpy (a->codes + *at * d, data + rows * ROW_EXTRA, rows * d);
  *at += rows;
  return TRUE;
}

static LkTemplateArray *
read_blocks (LkStore      *store,
             gint64        database_id,
             const char   *database,
             const char   *engine,
             const State  *s,
             GError      **error)
{
  g_autoptr(LkTemplateArray) a = array_new (s, error);
  g_autoptr(LkStmt) stmt = NULL;
  gsize at = 0;

  if (a == NULL ||
      (stmt = lk_store_stmt (store, "SELECT rows, checksum, data FROM template_blocks"
                                    " WHERE database_id = ? AND engine = ?"
                                    " ORDER BY last_image_id", error)) == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, database_id);
  lk_stmt_bind_text (stmt, 2, engine);
  while (lk_stmt_next (stmt, error))
    if (!read_block (stmt, a, &at, database, error))
      return NULL;
  if (lk_stmt_failed (stmt))
    return NULL;
  if (at != a->n)
    {
      damaged (error, database);
      return NULL;
    }
  return g_steal_pointer (&a);
}

static gboolean
refuse_identity (const char  *database,
                 const char  *engine,
                 const char  *enrolled,
                 const char  *now,
                 GError     **error)
{
  g_set_error (error, LK_ERROR, LK_ERROR_REFUSED,
               "The gallery “%s” was enrolled with another embedding model, detector or input "
               "convention than the %s engine uses now; templates of different models cannot "
               "be compared. Re-enrol the gallery's images (likeness-cli gallery enrol SOURCE "
               "--database %s) before searching it. Enrolled with: %s. Now: %s", database,
               engine, database, enrolled, now);
  return FALSE;
}

/* The dimension of the gallery's templates of @engine; 0 with LK_ERROR_NOT_FOUND without. */
static guint
templates_dimension (LkStore     *store,
                     gint64       database_id,
                     const char  *database,
                     const char  *engine,
                     GError     **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT t.dimension FROM templates t"
                          " JOIN gallery_images g ON g.id = t.image_id"
                          " WHERE g.database_id = ? AND t.engine = ? LIMIT 1", error);

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_int64 (stmt, 1, database_id);
  lk_stmt_bind_text (stmt, 2, engine);
  if (lk_stmt_next (stmt, error))
    return (guint) lk_stmt_int (stmt, 0);
  if (!lk_stmt_failed (stmt))
    g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND, "The gallery “%s” has no templates of the "
                 "%s engine; enrol its images first", database, engine);
  return 0;
}

/* The store when it is current; NULL with @error unset when it is behind. */
static LkTemplateArray *
read_if_current (LkStore     *store,
                 gint64       database_id,
                 const char  *database,
                 const char  *engine,
                 const char  *identity,
                 GError     **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_auto(State) s = { 0 };

  if (!read_state (store, database_id, engine, &s, error) || !s.exists ||
      s.generation != s.store_generation)
    return NULL;
  if (g_strcmp0 (s.identity, identity) != 0)
    {
      refuse_identity (database, engine, s.identity, identity, error);
      return NULL;
    }
  if (!check_memory (database, s.rows, s.dimension, error))
    return NULL;
  return read_blocks (store, database_id, database, engine, &s, error);
}

LkTemplateArray *
lk_template_store_read (LkStore     *store,
                        gint64       database_id,
                        const char  *database,
                        const char  *engine,
                        const char  *identity,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  LkTemplateArray *a;
  guint dimension;

  a = read_if_current (store, database_id, database, engine, identity, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (a != NULL)
    return a;
  /* Behind, or never built: rebuilt from the templates, then read once more. */
  if ((dimension = templates_dimension (store, database_id, database, engine, error)) == 0 ||
      !rebuild (store, database_id, database, engine, identity, dimension, error))
    return NULL;
  a = read_if_current (store, database_id, database, engine, identity, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (a == NULL)
    g_set_error (error, LK_ERROR, LK_ERROR_BUSY, "The gallery “%s” changed while it was read; "
                 "search again", database);
  return a;
}

/* ---- appending ------------------------------------------------------------------------------ */

/* The last block of the store (id 0 when there is none), unpacked for @capacity. */
static gboolean
last_block (LkStore     *store,
            gint64       database_id,
            const char  *engine,
            guint        dimension,
            guint        capacity,
            gint64      *block_id,
            Block      **block,
            GError     **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT id, rows, data FROM template_blocks"
                          " WHERE database_id = ? AND engine = ?"
                          " ORDER BY last_image_id DESC LIMIT 1", error);
  gsize size = 0;
  const guint8 *data;
  guint rows;

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, database_id);
  lk_stmt_bind_text (stmt, 2, engine);
  *block_id = 0;
  *block = block_unpack (NULL, 0, dimension, capacity);
  if (!lk_stmt_next (stmt, error))
    return !lk_stmt_failed (stmt);
  rows = (guint) lk_stmt_int (stmt, 1);
  data = lk_stmt_blob (stmt, 2, &size);
  if (rows >= capacity || data == NULL || size != rows * (dimension + ROW_EXTRA))
    return TRUE;
  block_free (*block);
  *block_id = lk_stmt_int64 (stmt, 0);
  *block = block_unpack (data, rows, dimension, capacity);
  return TRUE;
}

static gboolean
append_rows (LkStore        *store,
             gint64          database_id,
             const char     *engine,
             guint           dimension,
             guint           n,
             const gint64   *image_ids,
             float * const  *vectors,
             GError        **error)
{
  guint capacity = block_capacity (dimension);
  g_autoptr(Block) b = NULL;
  g_autofree gint8 *codes = g_new (gint8, dimension);
  gint64 block_id = 0;

  if (!last_block (store, database_id, engine, dimension, capacity, &block_id, &b, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      float scale;

      lk_template_quantise (vectors[i], dimension, codes, &scale);
      block_put_row (b, b->rows++, image_ids[i], scale, codes, capacity);
      if (b->rows == capacity)
        {
          if (!write_block (store, database_id, engine, block_id, b, capacity, error))
            return FALSE;
          b->rows = 0;
          block_id = 0;
        }
    }
  return b->rows == 0 || write_block (store, database_id, engine, block_id, b, capacity, error);
}

gboolean
lk_template_store_append (LkStore        *store,
                          gint64          database_id,
                          const char     *engine,
                          const char     *identity,
                          guint           dimension,
                          gint64          generation_before,
                          guint           n,
                          const gint64   *image_ids,
                          float * const  *vectors,
                          GError        **error)
{
  g_auto(State) s = { 0 };
  gint64 last = 0;

  g_return_val_if_fail (lk_store_in_transaction (store), FALSE);

  if (n == 0 || !read_state (store, database_id, engine, &s, error))
    return n == 0;
  if (s.exists && s.rows > 0)
    {
      g_autoptr(LkStmt) stmt =
        lk_store_stmt (store, "SELECT max (last_image_id) FROM template_blocks"
                              " WHERE database_id = ? AND engine = ?", error);

      if (stmt == NULL)
        return FALSE;
      lk_stmt_bind_int64 (stmt, 1, database_id);
      lk_stmt_bind_text (stmt, 2, engine);
      last = lk_stmt_next (stmt, error) ? lk_stmt_int64 (stmt, 0) : 0;
    }
  /* Appended only onto a current store of the same templates, and only new images after its
   * last: anything else (a template replaced, another model) leaves it to a rebuild. */
  if (s.generation != generation_before + n || image_ids[0] <= last ||
      (s.exists ? s.store_generation != generation_before || s.dimension != dimension ||
                  g_strcmp0 (s.identity, identity) != 0
                : generation_before != 0))
    return TRUE;
  return set_store (store, database_id, engine, identity, dimension, s.generation, s.rows + n,
                    error) &&
         append_rows (store, database_id, engine, dimension, n, image_ids, vectors, error);
}

/* ---- removing ------------------------------------------------------------------------------- */

static gboolean
remove_row (LkStore     *store,
            gint64       block_id,
            Block       *b,
            guint        row,
            GError     **error)
{
  guint8 *base = b->data->data;
  gsize n = b->rows, d = b->dimension;
  g_autoptr(LkStmt) stmt = NULL;

  /* The block is laid out for exactly its rows: close the gap in each of its three parts. */
  memmove (base + 8 * row, base + 8 * (row + 1), 8 * (n - row - 1));
  memmove (base + 8 * n + 4 * row, base + 8 * n + 4 * (row + 1), 4 * (n - row - 1));
  memmove (base + ROW_EXTRA * n + d * row, base + ROW_EXTRA * n + d * (row + 1),
           d * (n - row - 1));
  if (n > 1)
    {
      g_autoptr(Block) packed = block_unpack (NULL, 0, b->dimension, (guint) (n - 1));

      /* Re-laid out for n - 1 rows: ids, then scales, then codes, contiguous. */
      memcpy (packed->data->data, base, 8 * (n - 1));
      memcpy (packed->data->data + 8 * (n - 1), base + 8 * n, 4 * (n - 1));
      memcpy (packed->data->data + ROW_EXTRA * (n - 1), base + ROW_EXTRA * n, d * (n - 1));
      packed->rows = (guint) (n - 1);
      return write_block (store, 0, NULL, block_id, packed, packed->rows, error);
    }
  stmt = lk_store_stmt (store, "DELETE FROM template_blocks WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, block_id);
  return lk_stmt_done (stmt, error);
}

gboolean
lk_template_store_remove (LkStore     *store,
                          gint64       database_id,
                          const char  *engine,
                          gint64       generation_before,
                          gint64       image_id,
                          GError     **error)
{
  g_auto(State) s = { 0 };
  g_autoptr(LkStmt) stmt = NULL;
  g_autoptr(Block) b = NULL;
  gsize size = 0;
  const guint8 *data;
  guint rows, row;
  gint64 block_id;

  g_return_val_if_fail (lk_store_in_transaction (store), FALSE);

  if (!read_state (store, database_id, engine, &s, error))
    return FALSE;
  if (!s.exists || s.store_generation != generation_before ||
      s.generation != generation_before + 1)
    return TRUE;
  stmt = lk_store_stmt (store, "SELECT id, rows, data FROM template_blocks"
                               " WHERE database_id = ? AND engine = ? AND first_image_id <= ?"
                               " AND last_image_id >= ?", error);
  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, database_id);
  lk_stmt_bind_text (stmt, 2, engine);
  lk_stmt_bind_int64 (stmt, 3, image_id);
  lk_stmt_bind_int64 (stmt, 4, image_id);
  if (!lk_stmt_next (stmt, error))
    return !lk_stmt_failed (stmt);
  block_id = lk_stmt_int64 (stmt, 0);
  rows = (guint) lk_stmt_int (stmt, 1);
  data = lk_stmt_blob (stmt, 2, &size);
  if (data == NULL || size != rows * (s.dimension + ROW_EXTRA))
    return TRUE;
  b = block_unpack (data, rows, s.dimension, rows);
  g_clear_pointer (&stmt, lk_stmt_release);
  for (row = 0; row < rows && GINT64_FROM_LE (block_ids (b)[row]) != image_id; row++)
    ;
  if (row == rows)
    return TRUE;
  return remove_row (store, block_id, b, row, error) &&
         set_store (store, database_id, engine, s.identity, s.dimension, s.generation,
                    s.rows - 1, error);
}

/* ---- exact scores --------------------------------------------------------------------------- */

gboolean
lk_template_exact_scores (LkStore      *store,
                          const char   *engine,
                          const float  *query,
                          guint         dimension,
                          const gint64 *image_ids,
                          guint         n,
                          float        *scores,
                          GError      **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkStmt) stmt =
        lk_store_stmt (store, "SELECT vector FROM templates WHERE image_id = ? AND engine = ?",
                       error);
      const guint32 *le;
      gsize size = 0;
      double sum = 0;

      if (stmt == NULL)
        return FALSE;
      lk_stmt_bind_int64 (stmt, 1, image_ids[i]);
      lk_stmt_bind_text (stmt, 2, engine);
      scores[i] = -G_MAXFLOAT;
      if (!lk_stmt_next (stmt, error))
        {
          if (lk_stmt_failed (stmt))
            return FALSE;
          continue;
        }
      le = lk_stmt_blob (stmt, 0, &size);
      if (le == NULL || size != sizeof (float) * dimension)
        continue;
      for (guint j = 0; j < dimension; j++)
        {
          guint32 bits = GUINT32_FROM_LE (le[j]);
          float v;

          memcpy (&v, &bits, 4);
          sum += (double) v * query[j];
        }
      scores[i] = (float) sum;
    }
  return TRUE;
}
