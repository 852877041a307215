/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A gallery's templates kept for scanning (internal to the engine). The templates table holds
 * one float32 template per image and engine: the record. The scan store holds the same
 * templates of one gallery and engine quantised to int8 with a scale per row (a quarter of the
 * bytes), in blocks of about a megabyte, each one blob with its rows' image ids and a checksum.
 * Reading a million templates is then a few hundred blob reads instead of a million rows.
 *
 * A generation per gallery and engine is bumped by trigger on every change of the templates
 * table; the store records the generation it reflects. Enrolment appends to the store in its
 * own transaction and deletion edits it, so the store stays current; any other change (an old
 * database, an image deleted by cascade) leaves it behind, and the next read rebuilds it from
 * the templates table. Whether a copy in memory is current is one read of two integers. */
#pragma once

#include "lk-internal.h"

#include "store/lk-store.h"

G_BEGIN_DECLS

typedef struct
{
  gsize    n;
  guint    dimension;
  gint64   generation;
  char    *identity;
  gint64  *image_ids;  /* ascending */
  float   *scales;     /* a row's value = code * scale */
  gint8   *codes;      /* n rows of dimension codes, one contiguous array */
} LkTemplateArray;

void             lk_template_array_free  (LkTemplateArray  *array);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkTemplateArray, lk_template_array_free)

/* Bytes of memory a store of @n rows of @dimension takes when read. */
guint64          lk_template_array_bytes (guint64           n,
                                          guint             dimension);

/* Symmetric int8: @scale is max |v| / 127 (0 for a zero vector). */
void             lk_template_quantise    (const float      *vector,
                                          guint             dimension,
                                          gint8            *codes,
                                          float            *scale);

/* The identity of a template row as SQL over templates t (NULL for one made before templates
 * recorded their model): the format of LkGalleryEngine.identity. */
#define LK_TEMPLATE_IDENTITY_SQL \
  "t.version || '|model ' || t.model_sha256 || '|detector ' || t.detector_sha256 ||" \
  " '|input ' || t.convention"

/* The current generation of the templates of @engine in gallery @database_id (0: none yet). */
gboolean         lk_template_generation  (LkStore          *store,
                                          gint64            database_id,
                                          const char       *engine,
                                          gint64           *generation,
                                          GError          **error);

/* Whether @cached is still the gallery's store: one read. */
gboolean         lk_template_store_is_current (LkStore               *store,
                                               gint64                 database_id,
                                               const char            *engine,
                                               const LkTemplateArray *cached);

/* The store of @engine in gallery @database_id, rebuilt first when it is behind. Refused
 * (LK_ERROR_REFUSED, saying to re-enrol) when any template was made with another identity than
 * @identity; LK_ERROR_FAILED before reading when it would not fit in the memory available.
 * @database names the gallery in messages. */
LkTemplateArray *lk_template_store_read  (LkStore          *store,
                                          gint64            database_id,
                                          const char       *database,
                                          const char       *engine,
                                          const char       *identity,
                                          GError          **error);

/* Inside the enrolment's transaction, after @n templates (@vectors of @dimension floats, for
 * the ascending @image_ids) were written to the templates table: appends them to the store
 * when it was current at @generation_before (the generation read before they were written),
 * else leaves the store to be rebuilt. */
gboolean         lk_template_store_append (LkStore          *store,
                                           gint64            database_id,
                                           const char       *engine,
                                           const char       *identity,
                                           guint             dimension,
                                           gint64            generation_before,
                                           guint             n,
                                           const gint64     *image_ids,
                                           float * const    *vectors,
                                           GError          **error);

/* Inside the caller's transaction, after the template of @image_id was deleted from the
 * templates table: removes its row from the store when it was current at @generation_before,
 * else leaves the store to be rebuilt. */
gboolean         lk_template_store_remove (LkStore          *store,
                                           gint64            database_id,
                                           const char       *engine,
                                           gint64            generation_before,
                                           gint64            image_id,
                                           GError          **error);

/* Scores of @image_ids against @query from the float32 templates of @engine (the record, not
 * the quantised store); rows not found get -G_MAXFLOAT. */
gboolean         lk_template_exact_scores (LkStore          *store,
                                           const char       *engine,
                                           const float      *query,
                                           guint             dimension,
                                           const gint64     *image_ids,
                                           guint             n,
                                           float            *scores,
                                           GError          **error);

G_END_DECLS
