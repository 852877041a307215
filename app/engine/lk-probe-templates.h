/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The template of a probe's face, kept after the first search with it (internal to the engine):
 * a second search of the same face of the same image by the same engine reads it back instead
 * of decoding the image and running the model again. A kept template is keyed by the image's
 * SHA-256, the face it was made from (its box, eyes and landmarks) and the engine's identity
 * (model, detector, input convention): another face or another model makes a new one. It goes
 * with its image when retention purges the image. */
#pragma once

#include "lk-internal.h"

#include "imaging/lk-cv.h"
#include "store/lk-store.h"

G_BEGIN_DECLS

typedef struct
{
  float *vector;
  guint  dimension;
  char  *aligned_by;  /* landmarks, haar-box */
} LkProbeTemplate;

void     lk_probe_template_clear (LkProbeTemplate *t);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkProbeTemplate, lk_probe_template_clear)

/* The kept template of @face of image @sha256 by @engine with @identity into @t: FALSE with
 * @error unset when none is kept. */
gboolean lk_probe_template_find  (LkStore         *store,
                                  const char      *sha256,
                                  const LkFace    *face,
                                  const char      *engine,
                                  const char      *identity,
                                  LkProbeTemplate *t,
                                  GError         **error);

/* Keeps @t, inside the caller's transaction (the search that made it); one already kept for
 * the same key stays as it is. */
gboolean lk_probe_template_keep  (LkStore               *store,
                                  const char            *sha256,
                                  const LkFace          *face,
                                  const char            *engine,
                                  const char            *identity,
                                  const LkProbeTemplate *t,
                                  GError               **error);

/* Deletes every template kept of image @sha256, inside the caller's transaction (a purge). */
gboolean lk_probe_templates_drop (LkStore         *store,
                                  const char      *sha256,
                                  GError         **error);

G_END_DECLS
