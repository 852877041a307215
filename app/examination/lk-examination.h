/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An examination as the workspace reads it: whose comparison of which probe and candidate, for
 * what purpose, its eye alignment, the enhancement stack of each image, its annotations, the
 * time spent and whether a conclusion is signed. Never the rank or the score. */
#pragma once

#include <gio/gio.h>

#include "examination/lk-annotation.h"
#include "examination/lk-similarity.h"
#include "imaging/lk-enhancement.h"

G_BEGIN_DECLS

#define LK_TYPE_EXAMINATION (lk_examination_get_type ())
G_DECLARE_FINAL_TYPE (LkExamination, lk_examination, LK, EXAMINATION, GObject)

gint64      lk_examination_get_id            (LkExamination *self);
/* "examination", or "verification" for a reviewer's own examination. */
const char *lk_examination_get_purpose       (LkExamination *self);
const char *lk_examination_get_case_number   (LkExamination *self);
gint64      lk_examination_get_probe_id      (LkExamination *self);
gint64      lk_examination_get_candidate_id  (LkExamination *self);
const char *lk_examination_get_subject_ref   (LkExamination *self);
/* The feature-list edition the examination records its observations against. */
const char *lk_examination_get_feature_list  (LkExamination *self);
/* The examiner's user name. */
const char *lk_examination_get_examiner      (LkExamination *self);
const char *lk_examination_get_started_at    (LkExamination *self);
const char *lk_examination_get_updated_at    (LkExamination *self);
/* 1, then one more each time it is reopened after a return. */
int         lk_examination_get_revision      (LkExamination *self);
double      lk_examination_get_seconds_spent (LkExamination *self);
/* Property "signed": whether its current conclusion is signed (the charting is frozen). */
gboolean    lk_examination_get_signed        (LkExamination *self);
/* A reviewer's own examination in a blind verification. */
gboolean    lk_examination_get_blind         (LkExamination *self);
/* Property "aligned": whether the candidate is aligned on the probe; if so
 * lk_examination_get_alignment () gives the candidate-to-probe transform. */
gboolean    lk_examination_get_aligned       (LkExamination *self);
gboolean    lk_examination_get_alignment     (LkExamination *self,
                                              LkSimilarity  *transform);
/* The annotations not deleted, oldest first: a GListModel of LkAnnotation. */
GListModel *lk_examination_get_annotations   (LkExamination *self);
/* The stored enhancement stack of @image ("probe" or "candidate"): an empty stack when there is
 * none. New reference, or NULL with an error (LK_ERROR_INVALID_INPUT) for an unknown image or a
 * stored stack that is not valid. */
LkEnhancementStack *lk_examination_get_enhancements (LkExamination  *self,
                                                     const char     *image,
                                                     GError        **error);

G_END_DECLS
