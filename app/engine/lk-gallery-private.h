/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by lk-gallery.c (enrolment) and lk-gallery-search.c (search and evaluation). */
#pragma once

#include "lk-internal.h"

#include "imaging/lk-cv.h"
#include "engine/lk-gallery.h"

G_BEGIN_DECLS

/* The engine the policy selects, with what its templates are made from. */
typedef struct
{
  LkEngineKind  kind;
  const char   *name;            /* likeness-classic or likeness-dnn: templates.engine too */
  char         *version;         /* of the templates: lbp-1, onnx:FILE */
  char         *embedding_model; /* NULL: the classic template */
  char         *yunet_model;     /* NULL: Haar cascades */
  /* What makes its templates, from lk_gallery_engine_identify(): */
  char         *model_sha256;    /* "none" for the classic template */
  char         *detector_sha256; /* "yunet:" or "haar:" and the file's SHA-256 */
  char         *convention;      /* the input convention, as text */
  char         *identity;        /* all of it: templates of another identity are not compared */
  LkEmbeddingConvention input;   /* the dnn engine's */
} LkGalleryEngine;

/* The engine the policy selects, its files named but not yet read; FALSE with @error when the
 * policy cannot be read (@engine can be cleared either way). */
gboolean  lk_gallery_engine_init    (LkGalleryEngine        *engine,
                                     LkStore                *store,
                                     GError                **error);
void      lk_gallery_engine_clear   (LkGalleryEngine        *engine);
/* Fills the identity of an initialised engine: hashes the model and the detector (once per
 * process and file version) and reads the model's installed descriptor. LK_ERROR_FAILED when a
 * file is missing. */
gboolean  lk_gallery_engine_identify (LkGalleryEngine       *engine,
                                      LkStore               *store,
                                      GError               **error);
/* An embedding model's descriptor (JSON, @length bytes of @text, named @path in messages) into
 * @c: the format, every member known and in range; LK_ERROR_INVALID_INPUT naming @path when
 * not. */
gboolean  lk_gallery_descriptor_parse (const char           *text,
                                       gsize                 length,
                                       const char           *path,
                                       LkEmbeddingConvention *c,
                                       GError              **error);
/* The SHA-256 of a file, remembered while its size and times do not change. */
char     *lk_gallery_file_sha256    (const char             *path,
                                     GError                **error);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkGalleryEngine, lk_gallery_engine_clear)

/* One image of a folder or CSV source. */
typedef struct
{
  char *path;
  char *subject_ref;
  char *label;        /* as reported: the path relative to the source */
} LkGalleryItem;

void      lk_gallery_item_free      (LkGalleryItem          *item);

/* The images of @dir, one sub-folder per subject, sorted. Entries that cannot be images of a
 * subject go to @rejected ("NAME: reason"). */
GPtrArray *lk_gallery_items_from_dir (const char            *dir,
                                      GPtrArray             *rejected,
                                      GError               **error);

/* The images a CSV list names: lines of image,subject_ref (a header line is optional), image
 * paths relative to @csv's folder unless absolute; @text is @length bytes of UTF-8 and a NUL.
 * Lines that name no image of a subject go to @rejected ("line N: reason"). */
GPtrArray *lk_gallery_items_from_csv_text (const char       *csv,
                                           const char       *text,
                                           gsize             length,
                                           GPtrArray        *rejected,
                                           GError          **error);

/* The id of the reference database @name, which must be a gallery held by Likeness. */
gint64    lk_gallery_lookup         (LkStore                *store,
                                     const char             *name,
                                     GError                **error);

/* Reads an image file, refusing an empty or oversized one before reading it. */
GBytes   *lk_gallery_read_file      (LkStore                *store,
                                     const char             *path,
                                     GError                **error);

/* The template of the largest face of @bytes, after the size checks of probe intake
 * (LK_ERROR_IMAGE with the reason when the image has no usable face). */
float    *lk_gallery_image_template (LkStore                *store,
                                     const LkGalleryEngine  *engine,
                                     GBytes                 *bytes,
                                     const char            **media_type,
                                     guint                  *dimension,
                                     GError                **error);

/* Whether @error concerns one image (reported, and the next image is read) rather than the
 * engine or the database (which stops the run). */
gboolean  lk_gallery_is_rejection   (const GError           *error);

/* How a search scans: the quantised store for a shortlist ordered by the exact float32 scores
 * (what searches do), the quantised scores alone, or the exact scores of every template
 * (measurement: rank-1 of the quantisation against the exact scan). */
typedef enum
{
  LK_SCAN_SHORTLIST,
  LK_SCAN_QUANTISED,
  LK_SCAN_EXACT,
} LkScanMode;

/* lk_gallery_evaluate() scanning as @mode says. */
gboolean  lk_gallery_evaluate_with  (LkSession              *session,
                                     const char             *database,
                                     const char             *dir,
                                     LkScanMode              mode,
                                     double                 *rank1,
                                     double                 *rank10,
                                     guint                  *n_probes,
                                     GError                **error);

/* Forgets the gallery kept in memory between searches (the next search reads the store, as a
 * new process would). */
void      lk_gallery_forget_cache   (void);

G_END_DECLS
