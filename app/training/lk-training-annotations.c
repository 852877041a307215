/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A trainee's annotations of an item, kept as casework keeps an examiner's (markers in pairs
 * across the two images, ellipses, rectangles, arrows and text, with a label and a
 * characteristic) and checked by the same code (lk-annotation-check.c), in a table of training's
 * own (training_annotations) with the images named "a" and "b". Saved with the attempt, each
 * change audited on the exercise item, frozen by the submission (the core refuses, and database
 * triggers back it), read back by the trainer. Removing one is a soft delete. */
#include "config.h"

#include "training/lk-training-private.h"

#include "examination/lk-annotation-check-private.h"
#include "examination/lk-annotation-private.h"
#include "examination/lk-examinations-private.h"
#include "imaging/lk-image-header.h"
#include "lk-error.h"
#include "lk-json.h"
#include "lk-util.h"
#include "store/lk-audit.h"

static const LkAnnotationTable training_annotations = {
  "training_annotations", "attempt_id", { "a", "b" }, "training annotation", "removed"
};

#define IMAGES_INIT { { "a", "b" }, { 0, 0 }, { 0, 0 } }

/* ---- the item's images ------------------------------------------------------------------- */

/* The sizes of the item's two images from their headers; a purged or unreadable image keeps
 * 0 (its points are then only checked to be finite). */
static gboolean
read_sizes (LkStore             *store,
            gint64               item_id,
            LkAnnotationImages  *images,
            GError             **error)
{
  static const char * const sql[] = {
    "SELECT m.bytes FROM training_items i JOIN images m ON m.sha256 = i.image_a WHERE i.id = ?",
    "SELECT m.bytes FROM training_items i JOIN images m ON m.sha256 = i.image_b WHERE i.id = ?",
  };

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql[i], error);
      LkImageHeader header;
      gconstpointer bytes;
      gsize size = 0;

      if (stmt == NULL)
        return FALSE;
      lk_stmt_bind_int64 (stmt, 1, item_id);
      if (!lk_stmt_row (stmt, error, "There is no exercise item %" G_GINT64_FORMAT, item_id))
        return FALSE;
      bytes = lk_stmt_blob (stmt, 0, &size);
      /* An unreadable header leaves the size 0, as said above. */
      if (bytes != NULL && size > 0 && lk_image_header_read (bytes, size, &header, NULL))
        {
          images->width[i] = (int) MIN (header.width, G_MAXINT);
          images->height[i] = (int) MIN (header.height, G_MAXINT);
        }
    }
  return TRUE;
}

static gboolean
append_event (LkStore     *store,
              LkActor     *actor,
              const char  *action,
              gint64       item_id,
              JsonObject  *details,
              GError     **error)
{
  g_autofree char *object = lk_object_name ("exercise-item", item_id);

  return lk_audit_append (store, actor, action, object, details, error);
}

/* ---- adding -------------------------------------------------------------------------------- */

gint64
lk_training_item_add_annotation (LkSession               *session,
                                 gint64                   item_id,
                                 const LkAnnotationSpec  *spec,
                                 GError                 **error)
{
  LkStore *store;
  LkAnnotationImages images = IMAGES_INIT;
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonArray) geometry = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *text = NULL;
  LkPoint points[2];
  int image, kind, pair;
  gint64 attempt, id;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), 0);
  g_return_val_if_fail (spec != NULL, 0);

  store = lk_session_get_store (session);
  if (!lk_annotation_check_spec (spec, &images, &image, &kind, error) ||
      (attempt = lk_training_attempt_for_change (session, item_id, &actor, error)) == 0 ||
      !read_sizes (store, item_id, &images, error) ||
      !lk_annotation_read_geometry (&images, image, kind, spec->geometry, points, error) ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      (pair = lk_annotation_choose_pair (store, &training_annotations, attempt, spec, image,
                                         error)) < 0)
    return 0;
  geometry = lk_examinations_points_json (points, lk_annotation_kind_points (kind));
  text = lk_json_array_text (geometry);
  if ((id = lk_annotation_insert (store, &training_annotations, attempt, spec, pair, text,
                                   error)) == 0)
    return 0;
  details = lk_annotation_added_details ("annotation", id, spec, pair, geometry);
  return append_event (store, &actor, "training.annotation.added", item_id, details, error) &&
         lk_txn_commit (txn, error) ? id : 0;
}

/* ---- one annotation ------------------------------------------------------------------------ */

/* An annotation with the item and the trainee of its attempt. */
typedef struct
{
  LkAnnotationRow  annotation;
  gint64           item_id;
  char            *trainee;
} Row;

static void
row_clear (Row *row)
{
  lk_annotation_row_clear (&row->annotation);
  g_clear_pointer (&row->trainee, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Row, row_clear)

static gboolean
read_row (LkStore  *store,
          gint64    id,
          Row      *row,
          GError  **error)
{
  g_autoptr(LkStmt) stmt = NULL;

  if (!lk_annotation_read_row (store, &training_annotations, id, &row->annotation, error) ||
      (stmt = lk_store_stmt (store, "SELECT t.item_id, u.name FROM training_attempts t"
                                    " JOIN training_assignments s ON s.id = t.assignment_id"
                                    " JOIN users u ON u.id = s.trainee_id WHERE t.id = ?",
                             error)) == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, row->annotation.owner_id);
  if (!lk_stmt_row (stmt, error, "There is no training annotation %" G_GINT64_FORMAT, id))
    return FALSE;
  row->item_id = lk_stmt_int64 (stmt, 0);
  g_free (row->trainee);
  row->trainee = lk_stmt_dup_text (stmt, 1);
  return row->annotation.kind >= 0 ||
         (g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "Training annotation %"
                       G_GINT64_FORMAT " has an unknown kind", id), FALSE);
}

/* The gate of a change to annotation @id: a trainee, the one whose attempt it is, the item
 * open; then the transaction, with the row read again inside it. */
static gboolean
begin_change (LkSession  *session,
              gint64      id,
              LkActor    *actor,
              LkTxn     **txn,
              Row        *row,
              GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  LkTrainingView view;
  gint64 attempt;

  if (!lk_training_require (session, FALSE, actor, &view, error))
    return FALSE;
  if (view != LK_TRAINING_TRAINEE)
    return g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED, "Permission denied: only "
                        "the trainee whose attempt it is changes its annotations"), FALSE;
  if (!read_row (store, id, row, error))
    return FALSE;
  if (g_strcmp0 (row->trainee, lk_session_get_user_name (session)) != 0)
    return g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED, "Permission denied: "
                        "training annotation %" G_GINT64_FORMAT " is another trainee's", id),
           FALSE;
  if ((attempt = lk_training_attempt_for_change (session, row->item_id, actor, error)) == 0 ||
      (*txn = lk_txn_begin (store, error)) == NULL || !read_row (store, id, row, error))
    return FALSE;
  if (attempt != row->annotation.owner_id)
    return g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED, "Permission denied: "
                        "training annotation %" G_GINT64_FORMAT " is another trainee's", id),
           FALSE;
  return lk_annotation_check_live (&training_annotations, id, &row->annotation, error);
}

/* ---- changing -------------------------------------------------------------------------------- */

gboolean
lk_training_item_update_annotation (LkSession   *session,
                                    gint64       annotation_id,
                                    JsonArray   *geometry,
                                    const char  *label,
                                    const char  *characteristic,
                                    GError     **error)
{
  LkStore *store;
  LkAnnotationImages images = IMAGES_INIT;
  g_autoptr(LkTxn) txn = NULL;
  g_auto(Row) row = { 0 };
  g_auto(LkAnnotationState) after = { 0 };
  g_autoptr(JsonObject) details = NULL;
  gboolean changed;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  store = lk_session_get_store (session);
  /* the images' sizes are read only for a new geometry */
  if (!lk_annotation_check_characteristic (characteristic, error) ||
      !begin_change (session, annotation_id, &actor, &txn, &row, error) ||
      (geometry != NULL && !read_sizes (store, row.item_id, &images, error)) ||
      !lk_annotation_prepare_update (&images, &row.annotation, geometry, label, characteristic,
                                     &after, &changed, error))
    return FALSE;
  if (!changed)
    return TRUE;
  details = lk_annotation_updated_details ("annotation", annotation_id, &row.annotation, &after);
  return lk_annotation_write (store, &training_annotations, annotation_id, &after, error) &&
         append_event (store, &actor, "training.annotation.updated", row.item_id, details,
                       error) &&
         lk_txn_commit (txn, error);
}

gboolean
lk_training_item_delete_annotation (LkSession  *session,
                                    gint64      annotation_id,
                                    GError    **error)
{
  LkStore *store;
  g_autoptr(LkTxn) txn = NULL;
  g_auto(Row) row = { 0 };
  g_autoptr(JsonObject) details = NULL;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  store = lk_session_get_store (session);
  if (!begin_change (session, annotation_id, &actor, &txn, &row, error))
    return FALSE;
  details = lk_annotation_deleted_details (&training_annotations, "annotation", annotation_id,
                                           &row.annotation);
  return lk_annotation_mark_deleted (store, &training_annotations, annotation_id, error) &&
         append_event (store, &actor, "training.annotation.deleted", row.item_id, details,
                       error) &&
         lk_txn_commit (txn, error);
}

/* ---- reading ------------------------------------------------------------------------------- */

/* @trainee's attempt of @item_id (0 when not opened yet); the item must be assigned to them. */
static gboolean
attempt_of (LkStore     *store,
            gint64       item_id,
            const char  *trainee,
            gint64      *attempt,
            GError     **error)
{
  g_autoptr(LkStmt) stmt = lk_training_attempt_row (store, "t.id", item_id, trainee, error);

  if (stmt == NULL)
    return FALSE;
  *attempt = lk_stmt_is_null (stmt, 0) ? 0 : lk_stmt_int64 (stmt, 0);
  return TRUE;
}

static JsonObject *
annotation_json (LkStmt *stmt)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "id", lk_stmt_int64 (stmt, 0));
  json_object_set_string_member (o, "image", lk_stmt_text (stmt, 1));
  json_object_set_string_member (o, "kind", lk_stmt_text (stmt, 2));
  json_object_set_int_member (o, "pair", lk_stmt_int (stmt, 3));
  json_object_set_member (o, "geometry", lk_json_parse (lk_stmt_text (stmt, 4)));
  json_object_set_string_member (o, "label", lk_stmt_text (stmt, 5));
  lk_json_set_text (o, "characteristic", lk_stmt_text (stmt, 6));
  json_object_set_string_member (o, "created_at", lk_stmt_text (stmt, 7));
  lk_json_set_text (o, "updated_at", lk_stmt_text (stmt, 8));
  return o;
}

JsonArray *
lk_training_annotations_json (LkStore  *store,
                              gint64    attempt_id,
                              GError  **error)
{
  g_autoptr(JsonArray) out = json_array_new ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT id, image, kind, coalesce (pair, 0), geometry, label,"
                          " characteristic, created_at, updated_at FROM training_annotations"
                          " WHERE attempt_id = ? AND deleted_at IS NULL ORDER BY id", error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, attempt_id);
  while (lk_stmt_next (stmt, error))
    json_array_add_object_element (out, annotation_json (stmt));
  if (lk_stmt_failed (stmt))
    return NULL;
  return g_steal_pointer (&out);
}

GListModel *
lk_training_item_list_annotations (LkSession   *session,
                                   gint64       item_id,
                                   const char  *trainee,
                                   GError     **error)
{
  LkStore *store;
  g_autoptr(JsonArray) annotations = NULL;
  const char *whose;
  gint64 attempt = 0;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  store = lk_session_get_store (session);
  if ((whose = lk_training_reader_of (session, trainee, error)) == NULL ||
      !attempt_of (store, item_id, whose, &attempt, error))
    return NULL;
  if (attempt == 0)
    return G_LIST_MODEL (g_list_store_new (LK_TYPE_ANNOTATION));
  if ((annotations = lk_training_annotations_json (store, attempt, error)) == NULL)
    return NULL;
  return lk_annotation_list_from_json (annotations);
}
