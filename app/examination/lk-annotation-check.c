/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What an annotation must be, wherever it is kept: an examination's (lk-examinations-annotations.c)
 * or a training attempt's (lk-training-annotations.c) are checked by the same code, and read,
 * added, changed and soft-deleted by the same statements on their own table. */
#include "config.h"

#include <math.h>

#include "examination/lk-annotation-check-private.h"
#include "examination/lk-examinations-private.h"
#include "lk-error.h"
#include "lk-json.h"
#include "lk-util.h"
#include "reference/lk-data.h"

#define MAX_LABEL_CHARS 500

const char * const lk_annotation_kinds[] = { "marker", "ellipse", "rectangle", "arrow", "text",
                                             NULL };
static const guint kind_points[] = { 1, 2, 2, 2, 1 };

guint
lk_annotation_kind_points (int kind)
{
  g_return_val_if_fail (kind >= 0 && kind < (int) G_N_ELEMENTS (kind_points), 0);
  return kind_points[kind];
}

static gboolean
feature_list_has_characteristic (const char *id)
{
  JsonArray *components = json_object_get_array_member (lk_feature_list (), "components");

  for (guint i = 0; i < json_array_get_length (components); i++)
    {
      JsonObject *component = json_array_get_object_element (components, i);
      JsonArray *characteristics = json_object_get_array_member (component, "characteristics");

      for (guint j = 0; characteristics != NULL && j < json_array_get_length (characteristics);
           j++)
        if (g_strcmp0 (json_object_get_string_member (
                         json_array_get_object_element (characteristics, j), "id"), id) == 0)
          return TRUE;
    }
  return FALSE;
}

gboolean
lk_annotation_check_characteristic (const char  *id,
                                    GError     **error)
{
  if (id == NULL || *id == '\0' || feature_list_has_characteristic (id))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "“%s” is not a characteristic of the feature list (%s)", id,
               lk_feature_list_edition ());
  return FALSE;
}

gboolean
lk_annotation_check_label (const char  *label,
                           int          kind,
                           GError     **error)
{
  if (label != NULL && !g_utf8_validate (label, -1, NULL))
    {
      g_set_error_literal (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                           "The label is not valid UTF-8 text");
      return FALSE;
    }
  if (label != NULL && g_utf8_strlen (label, -1) > MAX_LABEL_CHARS)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "A label is at most %d characters", MAX_LABEL_CHARS);
      return FALSE;
    }
  if (!g_str_equal (lk_annotation_kinds[kind], "text") || !lk_text_is_blank (label))
    return TRUE;
  g_set_error_literal (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "A text annotation needs its text");
  return FALSE;
}

static gboolean
check_shape (int             kind,
             const LkPoint  *p,
             GError        **error)
{
  const char *name = lk_annotation_kinds[kind];

  if (g_str_equal (name, "arrow") && p[0].x == p[1].x && p[0].y == p[1].y)
    {
      g_set_error_literal (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                           "An arrow's tail and head must be different points");
      return FALSE;
    }
  if ((g_str_equal (name, "rectangle") || g_str_equal (name, "ellipse")) &&
      (p[0].x == p[1].x || p[0].y == p[1].y))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "A %s needs two opposite corners of a box with an area", name);
      return FALSE;
    }
  return TRUE;
}

/* On the image when its size is known: 0 <= x <= width, 0 <= y <= height. */
static gboolean
check_on_image (const LkAnnotationImages  *images,
                int                        image,
                const LkPoint             *p,
                GError                   **error)
{
  if (!isfinite (p->x) || !isfinite (p->y))
    {
      g_set_error_literal (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "An annotation point: the "
                           "coordinates must be finite numbers");
      return FALSE;
    }
  if (images->width[image] <= 0 ||
      (p->x >= 0 && p->y >= 0 && p->x <= images->width[image] && p->y <= images->height[image]))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "An annotation point (%g, %g) lies outside the %s image (%d x %d pixels)", p->x,
               p->y, images->names[image], images->width[image], images->height[image]);
  return FALSE;
}

gboolean
lk_annotation_read_geometry (const LkAnnotationImages  *images,
                             int                        image,
                             int                        kind,
                             JsonArray                 *geometry,
                             LkPoint                   *points,
                             GError                   **error)
{
  guint n = geometry != NULL ? json_array_get_length (geometry) : 0;

  if (n != kind_points[kind])
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "A %s annotation has %u point(s), "
                   "not %u", lk_annotation_kinds[kind], kind_points[kind], n);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    if (!lk_examinations_read_point (json_array_get_element (geometry, i), &points[i], error) ||
        !check_on_image (images, image, &points[i], error))
      return FALSE;
  return n < 2 || check_shape (kind, points, error);
}

static int
image_index (const LkAnnotationImages  *images,
             const char                *image,
             GError                   **error)
{
  for (int i = 0; i < 2; i++)
    if (g_strcmp0 (images->names[i], image) == 0)
      return i;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "An annotation belongs to the “%s” or the “%s” image, not “%s”", images->names[0],
               images->names[1], image ? image : "");
  return -1;
}

gboolean
lk_annotation_check_spec (const LkAnnotationSpec    *spec,
                          const LkAnnotationImages  *images,
                          int                       *image,
                          int                       *kind,
                          GError                   **error)
{
  if ((*image = image_index (images, spec->image, error)) < 0)
    return FALSE;
  if ((*kind = lk_examinations_word_index (lk_annotation_kinds, spec->kind)) < 0)
    {
      g_autofree char *all = g_strjoinv (", ", (char **) lk_annotation_kinds);

      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "Unknown annotation kind “%s” (one of: %s)", spec->kind ? spec->kind : "",
                   all);
      return FALSE;
    }
  if (spec->pair < 0 || (spec->pair != 0 && !g_str_equal (spec->kind, "marker")))
    {
      g_set_error_literal (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                           "Only markers have a pair number, and it is positive");
      return FALSE;
    }
  return lk_annotation_check_label (spec->label, *kind, error) &&
         lk_annotation_check_characteristic (spec->characteristic, error);
}

/* ---- pairs of markers ------------------------------------------------------------------------ */

/* For a marker given no pair: see lk_annotation_choose_pair (); -1 with @error when the
 * markers cannot be read (a guess would pair the wrong markers). */
static int
next_pair (LkStore                  *store,
           const LkAnnotationTable  *table,
           gint64                    owner_id,
           int                       image,
           GError                  **error)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT coalesce ((SELECT min (pair) FROM %s"
                     "   WHERE %s = ?1 AND kind = 'marker' AND image != ?2"
                     "   AND deleted_at IS NULL AND pair NOT IN (SELECT pair FROM %s"
                     "     WHERE %s = ?1 AND kind = 'marker' AND image = ?2"
                     "     AND deleted_at IS NULL)),"
                     " (SELECT coalesce (max (pair), 0) + 1 FROM %s"
                     "   WHERE %s = ?1 AND kind = 'marker'"
                     "   AND deleted_at IS NULL))", table->table, table->owner_column,
                     table->table, table->owner_column, table->table, table->owner_column);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, error);

  if (stmt == NULL)
    return -1;
  lk_stmt_bind_int64 (stmt, 1, owner_id);
  lk_stmt_bind_text (stmt, 2, table->image_names[image]);
  if (!lk_stmt_row (stmt, error, "The markers could not be read"))
    return -1;
  return lk_stmt_int (stmt, 0);
}

static gboolean
check_pair_free (LkStore                  *store,
                 const LkAnnotationTable  *table,
                 gint64                    owner_id,
                 int                       image,
                 int                       pair,
                 GError                  **error)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT id FROM %s WHERE %s = ? AND image = ? AND kind = 'marker'"
                     " AND pair = ? AND deleted_at IS NULL", table->table, table->owner_column);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, owner_id);
  lk_stmt_bind_text (stmt, 2, table->image_names[image]);
  lk_stmt_bind_int (stmt, 3, pair);
  if (!lk_stmt_next (stmt, error))
    return !lk_stmt_failed (stmt);
  g_set_error (error, LK_ERROR, LK_ERROR_EXISTS,
               "Pair %d already has a marker on the %s (annotation %" G_GINT64_FORMAT ")", pair,
               table->image_names[image], (gint64) lk_stmt_int64 (stmt, 0));
  return FALSE;
}

int
lk_annotation_choose_pair (LkStore                  *store,
                           const LkAnnotationTable  *table,
                           gint64                    owner_id,
                           const LkAnnotationSpec   *spec,
                           int                       image,
                           GError                  **error)
{
  if (!g_str_equal (spec->kind, "marker"))
    return 0;
  if (spec->pair == 0)
    return next_pair (store, table, owner_id, image, error);
  return check_pair_free (store, table, owner_id, image, spec->pair, error) ? spec->pair : -1;
}

/* ---- one annotation ---------------------------------------------------------------------------- */

static const char *
blank_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

void
lk_annotation_row_clear (LkAnnotationRow *row)
{
  g_clear_pointer (&row->geometry, g_free);
  g_clear_pointer (&row->label, g_free);
  g_clear_pointer (&row->characteristic, g_free);
  g_clear_pointer (&row->deleted_at, g_free);
}

static int
table_image_index (const LkAnnotationTable *table,
                   const char              *image)
{
  for (int i = 0; i < 2; i++)
    if (g_strcmp0 (table->image_names[i], image) == 0)
      return i;
  return -1;
}

gboolean
lk_annotation_read_row (LkStore                  *store,
                        const LkAnnotationTable  *table,
                        gint64                    id,
                        LkAnnotationRow          *row,
                        GError                  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autofree char *sql =
    g_strdup_printf ("SELECT %s, image, kind, coalesce (pair, 0), geometry, label, characteristic,"
                     " deleted_at FROM %s WHERE id = ?", table->owner_column, table->table);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, id);
  if (!lk_stmt_row (stmt, error, "There is no %s %" G_GINT64_FORMAT, table->noun, id))
    return FALSE;
  lk_annotation_row_clear (row);
  row->owner_id = lk_stmt_int64 (stmt, 0);
  row->image = table_image_index (table, lk_stmt_text (stmt, 1));
  row->kind = lk_examinations_word_index (lk_annotation_kinds, lk_stmt_text (stmt, 2));
  row->pair = lk_stmt_int (stmt, 3);
  row->geometry = lk_stmt_dup_text (stmt, 4);
  row->label = lk_stmt_dup_text (stmt, 5);
  row->characteristic = lk_stmt_dup_text (stmt, 6);
  row->deleted_at = lk_stmt_dup_text (stmt, 7);
  return TRUE;
}

gboolean
lk_annotation_check_live (const LkAnnotationTable  *table,
                          gint64                    id,
                          const LkAnnotationRow    *row,
                          GError                  **error)
{
  g_autofree char *noun = NULL;

  if (row->deleted_at == NULL && row->image >= 0 && row->kind >= 0)
    return TRUE;
  noun = g_strdup (table->noun);
  noun[0] = g_ascii_toupper (noun[0]);
  g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND, "%s %" G_GINT64_FORMAT " was %s", noun, id,
               table->gone);
  return FALSE;
}

void
lk_annotation_state_clear (LkAnnotationState *state)
{
  g_clear_pointer (&state->geometry, g_free);
  g_clear_pointer (&state->label, g_free);
  g_clear_pointer (&state->characteristic, g_free);
}

static char *
new_geometry (const LkAnnotationImages  *images,
              const LkAnnotationRow     *row,
              JsonArray                 *geometry,
              GError                   **error)
{
  g_autoptr(JsonArray) points_array = NULL;
  LkPoint points[2];

  if (geometry == NULL)
    return g_strdup (row->geometry);
  if (!lk_annotation_read_geometry (images, row->image, row->kind, geometry, points, error))
    return NULL;
  points_array = lk_examinations_points_json (points, lk_annotation_kind_points (row->kind));
  return lk_json_array_text (points_array);
}

gboolean
lk_annotation_prepare_update (const LkAnnotationImages  *images,
                              const LkAnnotationRow     *row,
                              JsonArray                 *geometry,
                              const char                *label,
                              const char                *characteristic,
                              LkAnnotationState         *after,
                              gboolean                  *changed,
                              GError                   **error)
{
  lk_annotation_state_clear (after);
  if ((after->geometry = new_geometry (images, row, geometry, error)) == NULL)
    return FALSE;
  after->label = g_strdup (label != NULL ? label : row->label);
  after->characteristic = g_strdup (characteristic != NULL ? blank_to_null (characteristic)
                                                           : row->characteristic);
  if (!lk_annotation_check_label (after->label, row->kind, error))
    return FALSE;
  *changed = !g_str_equal (after->geometry, row->geometry) ||
             !g_str_equal (after->label, row->label) ||
             g_strcmp0 (after->characteristic, row->characteristic) != 0;
  return TRUE;
}

gboolean
lk_annotation_write (LkStore                  *store,
                     const LkAnnotationTable  *table,
                     gint64                    id,
                     const LkAnnotationState  *after,
                     GError                  **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autofree char *sql =
    g_strdup_printf ("UPDATE %s SET geometry = ?, label = ?, characteristic = ?, updated_at = ?"
                     " WHERE id = ?", table->table);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, after->geometry);
  lk_stmt_bind_text (stmt, 2, after->label);
  lk_stmt_bind_text (stmt, 3, after->characteristic);
  lk_stmt_bind_text (stmt, 4, now);
  lk_stmt_bind_int64 (stmt, 5, id);
  return lk_stmt_done (stmt, error);
}

gboolean
lk_annotation_mark_deleted (LkStore                  *store,
                            const LkAnnotationTable  *table,
                            gint64                    id,
                            GError                  **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET deleted_at = ? WHERE id = ?",
                                          table->table);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, now);
  lk_stmt_bind_int64 (stmt, 2, id);
  return lk_stmt_done (stmt, error);
}

gint64
lk_annotation_insert (LkStore                  *store,
                      const LkAnnotationTable  *table,
                      gint64                    owner_id,
                      const LkAnnotationSpec   *spec,
                      int                       pair,
                      const char               *geometry,
                      GError                  **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autofree char *sql =
    g_strdup_printf ("INSERT INTO %s (%s, image, kind, pair, geometry, label, characteristic,"
                     " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", table->table,
                     table->owner_column);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, error);

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_int64 (stmt, 1, owner_id);
  lk_stmt_bind_text (stmt, 2, spec->image);
  lk_stmt_bind_text (stmt, 3, spec->kind);
  if (pair > 0)
    lk_stmt_bind_int (stmt, 4, pair);
  else
    lk_stmt_bind_null (stmt, 4);
  lk_stmt_bind_text (stmt, 5, geometry);
  lk_stmt_bind_text (stmt, 6, spec->label ? spec->label : "");
  lk_stmt_bind_text (stmt, 7, blank_to_null (spec->characteristic));
  lk_stmt_bind_text (stmt, 8, now);
  return lk_stmt_insert (stmt, error);
}

/* ---- the details of audit events ------------------------------------------------------------- */

JsonObject *
lk_annotation_added_details (const char              *key,
                             gint64                   value,
                             const LkAnnotationSpec  *spec,
                             int                      pair,
                             JsonArray               *geometry)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, key, value);
  json_object_set_string_member (o, "image", spec->image);
  json_object_set_string_member (o, "kind", spec->kind);
  if (pair > 0)
    json_object_set_int_member (o, "pair", pair);
  json_object_set_array_member (o, "geometry", json_array_ref (geometry));
  json_object_set_string_member (o, "label", spec->label ? spec->label : "");
  lk_json_set_text (o, "characteristic", blank_to_null (spec->characteristic));
  return o;
}

static JsonObject *
state_json (const char *geometry,
            const char *label,
            const char *characteristic)
{
  JsonObject *o = json_object_new ();

  json_object_set_member (o, "geometry", lk_json_parse (geometry));
  json_object_set_string_member (o, "label", label);
  lk_json_set_text (o, "characteristic", characteristic);
  return o;
}

JsonObject *
lk_annotation_updated_details (const char               *key,
                               gint64                    value,
                               const LkAnnotationRow    *row,
                               const LkAnnotationState  *after)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, key, value);
  json_object_set_object_member (o, "before", state_json (row->geometry, row->label,
                                                          row->characteristic));
  json_object_set_object_member (o, "after", state_json (after->geometry, after->label,
                                                         after->characteristic));
  return o;
}

JsonObject *
lk_annotation_deleted_details (const LkAnnotationTable  *table,
                               const char               *key,
                               gint64                    value,
                               const LkAnnotationRow    *row)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, key, value);
  json_object_set_string_member (o, "image", table->image_names[row->image]);
  json_object_set_string_member (o, "kind", lk_annotation_kinds[row->kind]);
  if (row->pair > 0)
    json_object_set_int_member (o, "pair", row->pair);
  json_object_set_member (o, "geometry", lk_json_parse (row->geometry));
  json_object_set_string_member (o, "label", row->label);
  return o;
}
