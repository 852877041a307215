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
} LkGalleryEngine;

void      lk_gallery_engine_init    (LkGalleryEngine        *engine,
                                     LkStore                *store);
void      lk_gallery_engine_clear   (LkGalleryEngine        *engine);
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

G_END_DECLS
