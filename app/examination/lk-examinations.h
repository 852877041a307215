/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Examinations (the "C" of ACE-V at the image level): one examiner's comparison of a probe with
 * one retained candidate, with its eye alignment, a non-destructive enhancement stack per
 * image, annotations and the time spent. Scores and ranks never appear here. */
#pragma once

#include <json-glib/json-glib.h>

#include "examination/lk-examination.h"
#include "imaging/lk-cv.h"
#include "imaging/lk-enhancement.h"
#include "people/lk-session.h"

G_BEGIN_DECLS

/* Opens the examination of a candidate retained at triage, by the acting examiner, or returns
 * the one already open (one per candidate, examiner and purpose). Needs the probe unmasked and
 * the case in analysis or examination; records the feature-list edition in use. Audited as
 * examination.opened. */
gint64      lk_examinations_open              (LkSession           *session,
                                               gint64               candidate_id,
                                               GError             **error);
/* The acting examiner's examination of a candidate, or 0 (no error) when there is none. */
gint64      lk_examinations_find              (LkSession           *session,
                                               gint64               candidate_id,
                                               GError             **error);
/* The examination as JSON: id, purpose, case, probe_id, candidate_id, subject_ref,
 * probe_sha256, candidate_sha256, probe_size and candidate_size ({width, height}, null when
 * unknown), alignment (null, or probe_eyes, candidate_eyes, transform (candidate to probe, see
 * lk_similarity_to_json), set_at), probe_enhancements, candidate_enhancements, annotations (not
 * deleted: id, image, kind, pair, geometry, label, characteristic, created_at, updated_at),
 * seconds_spent, feature_list, examiner, started_at, updated_at, and signed (TRUE once a
 * conclusion is signed). Never the rank or the score. Only for the examination's own examiner;
 * audited as a consultation. */
JsonObject *lk_examinations_get               (LkSession           *session,
                                               gint64               examination_id,
                                               GError             **error);
/* The same examination as a record, for the workspace: the same gate and the same consultation
 * event; without the observations and conclusions (see lk_observations_list and
 * lk_conclusions_list_revisions). */
LkExamination *lk_examinations_get_examination (LkSession          *session,
                                               gint64               examination_id,
                                               GError             **error);

/* Once a conclusion of the examination is signed (any revision), the alignment, the enhancement
 * stacks and the annotations are frozen with its observations: the functions that change them
 * fail with LK_ERROR_REFUSED. The time spent is still recorded. */

/* Aligns the candidate on the probe by the eye centres: @probe_eyes[i] corresponds to
 * @candidate_eyes[i]. Stores the points and the candidate-to-probe similarity transform.
 * Points are in original image coordinates and must lie on their image. */
gboolean    lk_examinations_set_alignment     (LkSession           *session,
                                               gint64               examination_id,
                                               const LkPoint        probe_eyes[2],
                                               const LkPoint        candidate_eyes[2],
                                               GError             **error);
gboolean    lk_examinations_reset_alignment   (LkSession           *session,
                                               gint64               examination_id,
                                               GError             **error);

/* Replaces the enhancement stack of @image ("probe" or "candidate") after validating it (see
 * lk_enhancement_stack_validate). It is stored as the JSON of lk_enhancement_stack_to_json();
 * the audit event carries both stacks and a readable list of the steps added, removed, changed
 * and moved. Setting the same stack again changes nothing. */
gboolean    lk_examinations_set_enhancements  (LkSession           *session,
                                               gint64               examination_id,
                                               const char          *image,
                                               LkEnhancementStack  *stack,
                                               GError             **error);
/* Annotation geometry is a JSON array of [x, y] points in original image coordinates, on the
 * image: marker and text 1 point; rectangle and ellipse 2 (opposite corners of the box, which
 * must have an area); arrow 2 (tail, head; distinct). */
typedef struct
{
  const char *image;          /* "probe" or "candidate" */
  const char *kind;           /* marker, ellipse, rectangle, arrow, text */
  int         pair;           /* markers: the pair number shared by the probe and candidate
                                 markers; 0 completes the lowest pair whose marker is on the
                                 other image only, or else starts a new pair; other kinds: 0 */
  JsonArray  *geometry;
  const char *label;          /* NULL or text; required for text */
  const char *characteristic; /* NULL, or a characteristic id of the examination's feature list */
} LkAnnotationSpec;

/* Returns the new annotation's id. A pair has at most one marker on each image. */
gint64      lk_examinations_add_annotation    (LkSession               *session,
                                               gint64                   examination_id,
                                               const LkAnnotationSpec  *spec,
                                               GError                 **error);
/* Changes what is not NULL: the geometry, the label, the characteristic ("" removes the
 * link). The image, kind and pair stay. Audited with the values before and after. */
gboolean    lk_examinations_update_annotation (LkSession               *session,
                                               gint64                   annotation_id,
                                               JsonArray               *geometry,
                                               const char              *label,
                                               const char              *characteristic,
                                               GError                 **error);
/* A soft delete: the row stays with its deleted_at. */
gboolean    lk_examinations_delete_annotation (LkSession               *session,
                                               gint64                   annotation_id,
                                               GError                 **error);

/* Adds @seconds (0 < seconds <= 86400) to the time spent on the comparison. */
gboolean    lk_examinations_add_time          (LkSession           *session,
                                               gint64               examination_id,
                                               double               seconds,
                                               GError             **error);

/* The candidates of a probe retained at triage, in presentation order, for next and previous:
 * position counts the retained ones from 1; rank and score are always hidden here (0, NAN).
 * Examiners only; the probe must be unmasked. A GListModel of LkCandidate. */
GListModel *lk_examinations_retained          (LkSession           *session,
                                               gint64               probe_id,
                                               GError             **error);

G_END_DECLS
