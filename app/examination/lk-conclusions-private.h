/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by lk-observations.c, lk-conclusions.c, lk-conclusions-json.c and lk-examinations.c. */
#pragma once

#include "lk-internal.h"

#include "examination/lk-conclusions.h"

G_BEGIN_DECLS

/* What the observations and conclusions need to know of an examination. */
typedef struct
{
  gint64  id;
  gint64  probe_id;
  gint64  examiner_id;
  char   *purpose;      /* "examination", or "verification": a reviewer's own */
  char   *feature_list; /* the edition it was opened with */
  char   *suitability;  /* of the latest locked probe analysis; NULL when there is none */
  char   *case_number;
  char   *case_status;
} LkExamRow;

void        lk_exam_row_clear        (LkExamRow    *row);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkExamRow, lk_exam_row_clear)

char       *lk_exam_object           (gint64        examination_id);
gboolean    lk_exam_row_read         (LkStore      *store,
                                      gint64        examination_id,
                                      LkExamRow    *row,
                                      GError      **error);
/* The gates; both call lk_session_require, so never inside a transaction. The examiner of the
 * examination, holding the examiner role (a reviewer's own examination: the reviewer role),
 * while the case is in analysis or examination (a reviewer's: while the verification is open
 * to them): */
gboolean    lk_exam_require_examiner (LkSession    *session,
                                      gint64        examination_id,
                                      LkActor      *actor,
                                      LkExamRow    *row,
                                      GError      **error);
/* ...or for reading: that examiner, a reviewer or an administrator, but never a reviewer whose
 * blind verification of the probe waits for their own conclusion. */
gboolean    lk_exam_require_reader   (LkSession    *session,
                                      gint64        examination_id,
                                      LkActor      *actor,
                                      LkExamRow    *row,
                                      GError      **error);
/* The newest revision (0: none) and its id. */
int         lk_conclusions_latest    (LkStore      *store,
                                      gint64        examination_id,
                                      gint64       *conclusion_id,
                                      GError      **error);

/* 1 when a conclusion of the examination's current revision is signed, 0 when not, -1 on
 * error. */
int         lk_conclusions_current_signed (LkStore  *store,
                                           gint64    examination_id,
                                           GError  **error);
/* Refuses (LK_ERROR_REFUSED) once the examination has a signed conclusion: @what ("its
 * observations", ...) is frozen with it, and the message says so. */
gboolean    lk_conclusions_require_unsigned (LkStore    *store,
                                             gint64      examination_id,
                                             const char *what,
                                             GError    **error);

/* The observations of an examination in the order of @list (its feature-list edition). */
JsonArray  *lk_observations_json     (LkStore      *store,
                                      gint64        examination_id,
                                      JsonObject   *list,
                                      GError      **error);
/* Observations with a result, and those compared (similar, dissimilar, explainable). */
void        lk_observations_count    (JsonArray    *observations,
                                      guint        *with_result,
                                      guint        *compared);

/* A conclusion's content as signed: what content_sha256 covers. */
typedef struct
{
  gint64      examination_id;
  int         revision;
  gint64      amends;           /* the conclusion id this revision amends; 0: none */
  const char *amendment_reason;
  const char *scale;
  const char *scale_version;
  const char *outcome;          /* "level" or "not-suitable" */
  gboolean    has_ordinal;
  int         ordinal;
  const char *level_label;
  const char *propositions;
  const char *reasoning;
  const char *limitations;
  const char *warnings;         /* JSON text: [{id, message, acknowledgement}] */
  const char *observations;     /* JSON text: the snapshot */
  const char *signed_by;        /* user name */
  const char *signed_at;
} LkConclusionContent;

/* The canonical bytes: a compact JSON object with the members in a fixed order, the warnings
 * and the observation snapshot embedded as the exact text stored. */
char       *lk_conclusion_canonical  (const LkConclusionContent *content);
char       *lk_conclusion_sha256     (const LkConclusionContent *content);

/* Adds to @mismatches (of LkAuditMismatch) each signed conclusion whose content no longer
 * hashes to the hash its signing event holds; the same check as "content_intact". */
gboolean    lk_conclusions_check_signed (LkStore           *store,
                                         GPtrArray         *mismatches,
                                         GError           **error);

/* Adds "feature_list_progress", "observations" and "conclusions" to
 * the examination object of `case show --json`. */
gboolean    lk_conclusions_add_json  (LkStore              *store,
                                      gint64                examination_id,
                                      JsonObject           *examination,
                                      GError              **error);
/* The same for each object (with its "id") of an "examinations" array. */
gboolean    lk_conclusions_add_json_all (LkStore           *store,
                                         JsonArray         *examinations,
                                         GError           **error);

/* Checks the words of @spec (visibility in each image, result, significance) against the
 * vocabulary; casework and training observations share it. */
gboolean lk_observation_spec_check_words (const LkObservationSpec  *spec,
                                          GError                  **error);

G_END_DECLS
