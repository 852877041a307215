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

#define TEXT(i) (lk_stmt_text (stmt, (i)))

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

static const char *
blank_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static gint64
insert_annotation (LkStore                 *store,
                   gint64                   examination_id,
                   const LkAnnotationSpec  *spec,
                   int                      pair,
                   const char              *geometry,
                   GError                 **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO annotations (examination_id, image, kind, pair, geometry,"
                          " label, characteristic, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   error);
  gint64 id;

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_int64 (stmt, 1, examination_id);
  lk_stmt_bind_text (stmt, 2, spec->image);
  lk_stmt_bind_text (stmt, 3, spec->kind);
  if (pair > 0)
    lk_stmt_bind_int (stmt, 4, pair);
  lk_stmt_bind_text (stmt, 5, geometry);
  lk_stmt_bind_text (stmt, 6, spec->label ? spec->label : "");
  if (blank_to_null (spec->characteristic) != NULL)
    lk_stmt_bind_text (stmt, 7, spec->characteristic);
  lk_stmt_bind_text (stmt, 8, now);
  id = lk_stmt_insert (stmt, error);
  if (id == 0 || !lk_examinations_touch (store, examination_id, error))
    return 0;
  return id;
}

static JsonObject *
added_details (gint64                   examination_id,
               const LkAnnotationSpec  *spec,
               int                      pair,
               JsonArray               *geometry)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "examination", examination_id);
  json_object_set_string_member (o, "image", spec->image);
  json_object_set_string_member (o, "kind", spec->kind);
  if (pair > 0)
    json_object_set_int_member (o, "pair", pair);
  json_object_set_array_member (o, "geometry", json_array_ref (geometry));
  json_object_set_string_member (o, "label", spec->label ? spec->label : "");
  lk_json_set_text (o, "characteristic", blank_to_null (spec->characteristic));
  return o;
}

static const LkAnnotationTable examination_annotations = {
  "annotations", "examination_id", { "probe", "candidate" }
};

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
  details = added_details (examination_id, spec, pair, geometry);
  return lk_examinations_audit_and_commit (store, txn, &actor, "annotation.added", object,
                                           details, error) ? id : 0;
}

typedef struct
{
  gint64  examination_id;
  int     image;
  int     kind;
  int     pair;
  char   *geometry;
  char   *label;
  char   *characteristic;
  char   *deleted_at;
} AnnotationRow;

static void
annotation_row_clear (AnnotationRow *row)
{
  g_clear_pointer (&row->geometry, g_free);
  g_clear_pointer (&row->label, g_free);
  g_clear_pointer (&row->characteristic, g_free);
  g_clear_pointer (&row->deleted_at, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AnnotationRow, annotation_row_clear)

static gboolean
read_annotation (LkStore        *store,
                 gint64          annotation_id,
                 AnnotationRow  *row,
                 GError        **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT examination_id, image, kind, coalesce (pair, 0), geometry,"
                          " label, characteristic, deleted_at FROM annotations WHERE id = ?",
                   error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, annotation_id);
  if (!lk_stmt_next (stmt, error))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND,
                   "There is no annotation %" G_GINT64_FORMAT, annotation_id);
      return FALSE;
    }
  annotation_row_clear (row);
  row->examination_id = lk_stmt_int64 (stmt, 0);
  row->image = lk_examinations_word_index (lk_examinations_image_names, TEXT (1));
  row->kind = lk_examinations_word_index (lk_annotation_kinds, TEXT (2));
  row->pair = lk_stmt_int (stmt, 3);
  row->geometry = g_strdup (TEXT (4));
  row->label = g_strdup (TEXT (5));
  row->characteristic = g_strdup (TEXT (6));
  row->deleted_at = g_strdup (TEXT (7));
  return TRUE;
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
                         AnnotationRow     *row,
                         GError           **error)
{
  LkStore *store = lk_session_get_store (session);

  if (!lk_session_require (session, LK_ROLE_EXAMINER, actor, error) ||
      !read_annotation (store, annotation_id, row, error) ||
      !lk_examinations_begin_change (session, row->examination_id, actor, txn, exam, error) ||
      !read_annotation (store, annotation_id, row, error) ||
      !lk_examinations_check_unsigned (store, row->examination_id, error))
    return FALSE;
  if (row->deleted_at == NULL && row->image >= 0 && row->kind >= 0)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND,
               "Annotation %" G_GINT64_FORMAT " was deleted", annotation_id);
  return FALSE;
}

static JsonObject *
annotation_state (const char *geometry,
                  const char *label,
                  const char *characteristic)
{
  JsonObject *o = json_object_new ();

  json_object_set_member (o, "geometry", lk_json_parse (geometry));
  json_object_set_string_member (o, "label", label);
  lk_json_set_text (o, "characteristic", characteristic);
  return o;
}

static gboolean
write_annotation (LkStore     *store,
                  gint64       annotation_id,
                  const char  *geometry,
                  const char  *label,
                  const char  *characteristic,
                  GError     **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "UPDATE annotations SET geometry = ?, label = ?, characteristic = ?,"
                          " updated_at = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, geometry);
  lk_stmt_bind_text (stmt, 2, label);
  if (characteristic != NULL)
    lk_stmt_bind_text (stmt, 3, characteristic);
  lk_stmt_bind_text (stmt, 4, now);
  lk_stmt_bind_int64 (stmt, 5, annotation_id);
  return lk_stmt_done (stmt, error);
}

static char *
new_geometry (const LkExaminationRow  *exam,
              const AnnotationRow     *row,
              JsonArray               *geometry,
              GError                 **error)
{
  g_autoptr(JsonArray) points_array = NULL;
  LkPoint points[2];

  if (geometry == NULL)
    return g_strdup (row->geometry);
  if (!read_geometry (exam, row->image, row->kind, geometry, points, error))
    return NULL;
  points_array = lk_examinations_points_json (points, lk_annotation_kind_points (row->kind));
  return lk_json_array_text (points_array);
}

static JsonObject *
updated_details (const LkExaminationRow  *exam,
                 const AnnotationRow     *row,
                 const char              *geometry,
                 const char              *label,
                 const char              *characteristic)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "examination", exam->id);
  json_object_set_object_member (o, "before", annotation_state (row->geometry, row->label,
                                                                row->characteristic));
  json_object_set_object_member (o, "after", annotation_state (geometry, label, characteristic));
  return o;
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
  g_auto(AnnotationRow) row = { 0 };
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *object = lk_object_name ("annotation", annotation_id);
  g_autofree char *new_text = NULL;
  const char *new_label, *new_characteristic;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  if (!begin_annotation_change (session, annotation_id, &actor, &txn, &exam, &row, error) ||
      !lk_annotation_check_characteristic (characteristic, error) ||
      (new_text = new_geometry (&exam, &row, geometry, error)) == NULL)
    return FALSE;
  new_label = label != NULL ? label : row.label;
  new_characteristic = characteristic != NULL ? blank_to_null (characteristic)
                                              : row.characteristic;
  if (!lk_annotation_check_label (new_label, row.kind, error))
    return FALSE;
  if (g_str_equal (new_text, row.geometry) && g_str_equal (new_label, row.label) &&
      g_strcmp0 (new_characteristic, row.characteristic) == 0)
    return TRUE;
  details = updated_details (&exam, &row, new_text, new_label, new_characteristic);
  return write_annotation (store, annotation_id, new_text, new_label, new_characteristic,
                           error) &&
         lk_examinations_touch (store, exam.id, error) &&
         lk_examinations_audit_and_commit (store, txn, &actor, "annotation.updated", object,
                                           details, error);
}

static gboolean
mark_deleted (LkStore  *store,
              gint64    annotation_id,
              GError  **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "UPDATE annotations SET deleted_at = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, now);
  lk_stmt_bind_int64 (stmt, 2, annotation_id);
  return lk_stmt_done (stmt, error);
}

gboolean
lk_examinations_delete_annotation (LkSession  *session,
                                   gint64      annotation_id,
                                   GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  g_auto(LkExaminationRow) exam = { 0 };
  g_auto(AnnotationRow) row = { 0 };
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *object = lk_object_name ("annotation", annotation_id);
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  if (!begin_annotation_change (session, annotation_id, &actor, &txn, &exam, &row, error))
    return FALSE;
  json_object_set_int_member (details, "examination", exam.id);
  json_object_set_string_member (details, "image", lk_examinations_image_names[row.image]);
  json_object_set_string_member (details, "kind", lk_annotation_kinds[row.kind]);
  if (row.pair > 0)
    json_object_set_int_member (details, "pair", row.pair);
  json_object_set_member (details, "geometry", lk_json_parse (row.geometry));
  json_object_set_string_member (details, "label", row.label);
  return mark_deleted (store, annotation_id, error) &&
         lk_examinations_touch (store, exam.id, error) &&
         lk_examinations_audit_and_commit (store, txn, &actor, "annotation.deleted", object,
                                           details, error);
}
