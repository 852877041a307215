/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The built-in engine's galleries: enrolment, search from a locked probe, evaluation. */
#pragma once

#include <gio/gio.h>

#include "lk-progress.h"
#include "people/lk-session.h"

G_BEGIN_DECLS

typedef enum
{
  LK_ENGINE_CLASSIC, /* Haar face and eyes, eye alignment, LBP histograms: a weak baseline */
  LK_ENGINE_DNN,     /* YuNet + any ONNX embedding model (1x3x112x112 in, 1xD out) */
} LkEngineKind;

/* Progress from a worker thread: @done of @total images, @current the file being read. */
typedef void (*LkProgressFunc) (guint       done,
                                guint       total,
                                const char *current,
                                gpointer    user_data);

typedef struct
{
  guint      enrolled;
  guint      already_enrolled;
  GPtrArray *rejected;    /* char *: "FILE: reason" for images without a usable face */
} LkEnrolReport;

void     lk_enrol_report_clear (LkEnrolReport *report);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkEnrolReport, lk_enrol_report_clear)

/* The engine the policy selects (dnn when the policy's embedding_model names an ONNX file). */
gboolean lk_gallery_engine_kind (LkStore       *store,
                                 LkEngineKind  *kind,
                                 GError       **error);

/* Administrators. @source is a folder with one sub-folder per subject, or a CSV file of
 * image,subject_ref lines (a header line is optional; paths relative to the CSV unless
 * absolute). Cancellable between images (what was read is kept); progress from the calling
 * thread. An image that is a probe's, or that has no face, is not enrolled but reported; a
 * missing detector or embedding model stops the run with an error. */
gboolean lk_gallery_enrol      (LkSession      *session,
                                const char     *database,
                                const char     *source,
                                LkProgressFunc  progress,
                                gpointer        progress_data,
                                GCancellable   *cancellable,
                                LkEnrolReport  *report,
                                GError        **error);

/* Examiners. Searches a gallery from a probe whose analysis is locked and records the top @k
 * as a candidate list exactly like an imported one (engine likeness-classic or likeness-dnn).
 * Returns the list id. */
gint64   lk_gallery_search     (LkSession      *session,
                                gint64          probe_id,
                                const char     *database,
                                guint           k,
                                GError        **error);

/* Administrators. @dir holds one sub-folder per subject of labelled probe images; each is
 * searched (without being stored) and the fraction with the right subject at rank 1 and
 * within the top 10 is returned. Audited. */
gboolean lk_gallery_evaluate   (LkSession      *session,
                                const char     *database,
                                const char     *dir,
                                double         *rank1,
                                double         *rank10,
                                guint          *n_probes,
                                GError        **error);

/* Administrators. Installs an ONNX face-embedding model with its descriptor, a JSON object
 *   {"format": "likeness-embedding-model", "input_size": [112, 112], "channel_order": "RGB",
 *    "mean": [127.5, 127.5, 127.5], "scale": 0.0078125, "embedding_size": 128,
 *    "distance": "cosine"}
 * (mean in the model's channel order; each input value is (value - mean) * scale). The model
 * is run once on a crop of that size and must give embedding_size values; it is recorded by
 * its SHA-256 and becomes the policy's embedding_model, in one audited transaction. Templates
 * record the model's SHA-256, so a gallery enrolled with another model, or another version of
 * this one, is refused by search until it is re-enrolled. */
gboolean lk_gallery_install_model (LkSession     *session,
                                   const char    *model,
                                   const char    *descriptor,
                                   GError       **error);

/* The embedding model the built-in engine uses now, as an administrator is shown it. */
typedef struct
{
  char *file;        /* NULL: no model; the classic templates */
  char *sha256;      /* of the model file */
  char *convention;  /* the input convention in words, saying when it is not installed */
  char *engine;      /* the engine and its version */
} LkEmbeddingModelInfo;

void     lk_embedding_model_info_clear (LkEmbeddingModelInfo *info);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkEmbeddingModelInfo, lk_embedding_model_info_clear)

/* Administrators. Reads the file the policy's embedding_model names (hashed once per process
 * and file version): a missing or unreadable file is an error naming it. */
gboolean lk_gallery_model_info    (LkSession            *session,
                                   LkEmbeddingModelInfo *info,
                                   GError              **error);

/* Deletes the templates of gallery image @image_id (every engine's) and its rows in the scan
 * stores, so that no search finds it again. For whoever deletes a gallery image (a retention
 * purge): call it first, inside the caller's transaction (it checks that one is open), then
 * delete the gallery_images row; the caller audits the deletion. Deleting a gallery image
 * without it is safe too (its templates go by cascade and the scan store is rebuilt at the
 * next search), only slower. TRUE when the image had no template. */
gboolean lk_gallery_delete_template_for_image (LkStore   *store,
                                               gint64     image_id,
                                               GError   **error);

/* ---- in a worker thread ------------------------------------------------------------------ */

/* lk_gallery_enrol() with its progress reported to @progress (may be NULL). The report counts
 * what was done even when the run failed or was cancelled (what was enrolled stays). */
void     lk_gallery_enrol_async   (LkSession            *session,
                                   const char           *database,
                                   const char           *source,
                                   LkProgress           *progress,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
gboolean lk_gallery_enrol_finish  (GAsyncResult         *result,
                                   LkEnrolReport        *report,
                                   GError              **error);
void     lk_gallery_search_async  (LkSession            *session,
                                   gint64                probe_id,
                                   const char           *database,
                                   guint                 k,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
gint64   lk_gallery_search_finish (GAsyncResult         *result,
                                   GError              **error);

G_END_DECLS
