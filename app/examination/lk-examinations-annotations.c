/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The annotations of an examination: markers (in pairs across the two images), ellipses,
 * rectangles, arrows and text, with a label and a characteristic of the feature list. Deletion
 * is soft. Each change goes through the examination's gate and transaction (lk-examinations.c)
 * and is refused once a conclusion is signed. */
#include "config.h"

#include "lk-json.h"

#include "lk-error.h"
#include "lk-util.h"
#include "store/lk-store-private.h"
#include "people/lk-session.h"
#include "store/lk-store.h"
#include "examination/lk-annotation-check-private.h"
#include "examination/lk-examinations-private.h"
#include "examination/lk-examinations.h"
#include "imaging/lk-cv.h"
#include "store/lk-audit.h"

/* The examination's two images, with their sizes where known. */
static LkAnnotationImages
images_of (const LkExaminationRow *row)
{
  LkAnnotationImages images = { { lk_examinations_image_names[0],
                                  lk_examinations_image_names[1] } };

  for (int i = 0; i < 2; i++)
    {
      images.width[i] = row->width[i];
      images.height[i] = row->height[i];
    }
  return images;
}

static gboolean
read_geometry (const LkExaminationRow  *row,
               int                      image,
               int                      kind,
               JsonArray               *geometry,
               LkPoint                 *points,
               GError                 **error)
{
  LkAnnotationImages images = images_of (row);

  return lk_annotation_read_geometry (&images, image, kind, geometry, points, error);
}

static gboolean
check_spec (const LkAnnotationSpec  *spec,
            int                     *image,
            int                     *kind,
            GError                 **error)
{
  LkAnnotationImages images = { { lk_examinations_image_names[0],
                                  lk_examinations_image_names[1] } };

  return lk_annotation_check_spec (spec, &images, image, kind, error);
}

static const LkAnnotationTable examination_annotations = {
  "annotations", "examination_id", { "probe", "candidate" }, "annotation", "deleted"
};

static gint64
insert_annotation (LkStore                 *store,
                   gint64                   examination_id,
                   const LkAnnotationSpec  *spec,
                   int                      pair,
                   const char              *geometry,
                   GError                 **error)
{
  gint64 id = lk_annotation_insert (store, &examination_annotations, examination_id, spec, pair,
                                    geometry, error);

  if (id == 0 || !lk_examinations_touch (store, examination_id, error))
    return 0;
  return id;
}

gint64
lk_examinations_add_annotation (LkSession               *session,
                                gint64                   examination_id,
                                const LkAnnotationSpec  *spec,
                                GError                 **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  g_auto(LkExaminationRow) row = { 0 };
  g_autoptr(JsonArray) geometry = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *text = NULL;
  g_autofree char *object = NULL;
  LkPoint points[2];
  int image, kind, pair;
  gint64 id;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), 0);
  g_return_val_if_fail (spec != NULL, 0);

  if (!check_spec (spec, &image, &kind, error) ||
      !lk_examinations_begin_change (session, examination_id, &actor, &txn, &row, error) ||
      !lk_examinations_check_unsigned (store, examination_id, error) ||
      !read_geometry (&row, image, kind, spec->geometry, points, error) ||
      (pair = lk_annotation_choose_pair (store, &examination_annotations, examination_id, spec,
                                         image, error)) < 0)
    return 0;
  geometry = lk_examinations_points_json (points, lk_annotation_kind_points (kind));
  text = lk_json_array_text (geometry);
  if ((id = insert_annotation (store, examination_id, spec, pair, text, error)) == 0)
    return 0;
  object = lk_object_name ("annotation", id);
  details = lk_annotation_added_details ("examination", examination_id, spec, pair, geometry);
  return lk_examinations_audit_and_commit (store, txn, &actor, "annotation.added", object,
                                           details, error) ? id : 0;
}

/* The examination's gate and transaction for a change to one of its annotations, which is
 * read again inside the transaction and must not be deleted; the examination must have no
 * signed conclusion. */
static gboolean
begin_annotation_change (LkSession         *session,
                         gint64             annotation_id,
                         LkActor           *actor,
                         LkTxn            **txn,
                         LkExaminationRow  *exam,
                         LkAnnotationRow   *row,
                         GError           **error)
{
  LkStore *store = lk_session_get_store (session);
  const LkAnnotationTable *table = &examination_annotations;

  return lk_session_require (session, LK_ROLE_EXAMINER, actor, error) &&
         lk_annotation_read_row (store, table, annotation_id, row, error) &&
         lk_examinations_begin_change (session, row->owner_id, actor, txn, exam, error) &&
         lk_annotation_read_row (store, table, annotation_id, row, error) &&
         lk_examinations_check_unsigned (store, row->owner_id, error) &&
         lk_annotation_check_live (table, annotation_id, row, error);
}

gboolean
lk_examinations_update_annotation (LkSession   *session,
                                   gint64       annotation_id,
                                   JsonArray   *geometry,
                                   const char  *label,
                                   const char  *characteristic,
                                   GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  g_auto(LkExaminationRow) exam = { 0 };
  g_auto(LkAnnotationRow) row = { 0 };
  g_auto(LkAnnotationState) after = { 0 };
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *object = lk_object_name ("annotation", annotation_id);
  LkAnnotationImages images;
  gboolean changed;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  if (!begin_annotation_change (session, annotation_id, &actor, &txn, &exam, &row, error) ||
      !lk_annotation_check_characteristic (characteristic, error))
    return FALSE;
  images = images_of (&exam);
  if (!lk_annotation_prepare_update (&images, &row, geometry, label, characteristic, &after,
                                     &changed, error))
    return FALSE;
  if (!changed)
    return TRUE;
  details = lk_annotation_updated_details ("examination", exam.id, &row, &after);
  return lk_annotation_write (store, &examination_annotations, annotation_id, &after, error) &&
         lk_examinations_touch (store, exam.id, error) &&
         lk_examinations_audit_and_commit (store, txn, &actor, "annotation.updated", object,
                                           details, error);
}

gboolean
lk_examinations_delete_annotation (LkSession  *session,
                                   gint64      annotation_id,
                                   GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  g_auto(LkExaminationRow) exam = { 0 };
  g_auto(LkAnnotationRow) row = { 0 };
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *object = lk_object_name ("annotation", annotation_id);
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  if (!begin_annotation_change (session, annotation_id, &actor, &txn, &exam, &row, error))
    return FALSE;
  details = lk_annotation_deleted_details (&examination_annotations, "examination", exam.id,
                                           &row);
  return lk_annotation_mark_deleted (store, &examination_annotations, annotation_id, error) &&
         lk_examinations_touch (store, exam.id, error) &&
         lk_examinations_audit_and_commit (store, txn, &actor, "annotation.deleted", object,
                                           details, error);
}
