/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: examinations as JSON for case show and for conclusions, and what
 * lk-examinations.c shares with lk-examinations-views.c (alignment and enhancement stacks) and
 * lk-examinations-annotations.c: the examination row, its gates and its transactions. */
#pragma once

#include "lk-internal.h"
#include "examination/lk-examinations.h"
#include "store/lk-store-private.h"

G_BEGIN_DECLS

/* A summary of each examination of a probe for `case show --json` (id,
 * candidate, subject_ref, examiner, purpose, seconds_spent, n_annotations, aligned); NULL with
 * the error when the store cannot read them. */
JsonArray  *lk_examinations_json_for_probe    (LkStore             *store,
                                               gint64               probe_id,
                                               GError             **error);
/* For reports and conclusions: the JSON of lk_examinations_get without a gate or
 * an audit event. */
JsonObject *lk_examinations_to_json           (LkStore             *store,
                                               gint64               examination_id,
                                               GError             **error);

/* The two images of an examination, as indexes of the arrays of LkExaminationRow and of
 * lk_examinations_image_names. */
enum { LK_EXAMINATION_PROBE, LK_EXAMINATION_CANDIDATE };

/* "probe", "candidate", NULL: the images as the annotations table and messages name them. */
extern const char * const lk_examinations_image_names[];

typedef struct
{
  gint64  id;
  gint64  candidate_id;
  gint64  probe_id;
  gint64  examiner_id;
  char   *purpose;
  char   *feature_list;
  char   *alignment;       /* JSON text, or NULL */
  char   *enhancements[2]; /* JSON text, by LK_EXAMINATION_PROBE and LK_EXAMINATION_CANDIDATE */
  double  seconds_spent;
  char   *started_at;
  char   *updated_at;
  int     width[2];        /* 0 when unknown */
  int     height[2];
  char   *case_number;
  char   *case_status;
  char   *sha256[2];
  char   *subject_ref;
  char   *examiner;
  int       revision;      /* 1, then one more each time it is reopened after a return */
  gboolean  blind;         /* a reviewer's own examination in a blind verification */
} LkExaminationRow;

void        lk_examination_row_clear          (LkExaminationRow    *row);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkExaminationRow, lk_examination_row_clear)

/* The index of @word in the NULL-terminated @words, or -1 (also for a NULL @word). */
int         lk_examinations_word_index        (const char * const  *words,
                                               const char          *word);

/* The role, the examination, its owner and the masking gate, then the transaction, with the row
 * read again inside it; the case must be in analysis or examination. */
gboolean    lk_examinations_begin_change      (LkSession           *session,
                                               gint64               examination_id,
                                               LkActor             *actor,
                                               LkTxn              **txn,
                                               LkExaminationRow    *row,
                                               GError             **error);
/* Refuses a change to the annotations, alignment or enhancements once a conclusion is signed. */
gboolean    lk_examinations_check_unsigned    (LkStore             *store,
                                               gint64               examination_id,
                                               GError             **error);
/* Sets the examination's updated_at to now. */
gboolean    lk_examinations_touch             (LkStore             *store,
                                               gint64               examination_id,
                                               GError             **error);
/* Sets one of the examination's own text columns (@value NULL: to NULL), and touches it. */
gboolean    lk_examinations_update_text       (LkStore             *store,
                                               gint64               examination_id,
                                               const char          *column,
                                               const char          *value,
                                               GError             **error);
/* Appends the audit event, then commits the change's transaction. */
gboolean    lk_examinations_audit_and_commit  (LkStore             *store,
                                               LkTxn               *txn,
                                               const LkActor       *actor,
                                               const char          *action,
                                               const char          *object,
                                               JsonObject          *details,
                                               GError             **error);

/* Points as JSON: [[x, y], ...]. */
JsonArray  *lk_examinations_points_json       (const LkPoint       *points,
                                               guint                n);
/* A point of an annotation's geometry, [x, y]. */
gboolean    lk_examinations_read_point        (JsonNode            *node,
                                               LkPoint             *p,
                                               GError             **error);
/* @p must be finite, and on the image when its size is known; @what begins the message. */
gboolean    lk_examinations_check_on_image    (const LkExaminationRow  *row,
                                               int                      image,
                                               const LkPoint           *p,
                                               const char              *what,
                                               GError                 **error);
/* The index of @image ("probe" or "candidate"), or -1 with an error that begins with @what. */
int         lk_examinations_check_image       (const char          *image,
                                               const char          *what,
                                               GError             **error);

G_END_DECLS
