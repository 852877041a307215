/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What an examiner sees of the two images: the points placed on them, the eye alignment and the
 * enhancement stack of each image, with readable audit diffs. Each change goes through the
 * examination's gate and transaction (lk-examinations.c) and is refused once a conclusion is
 * signed. */
#include "config.h"

#include "lk-json.h"

#include <math.h>

#include "examination/lk-similarity.h"
#include "lk-error.h"
#include "lk-util.h"
#include "examination/lk-stack-diff.h"
#include "store/lk-store-private.h"
#include "people/lk-session.h"
#include "store/lk-store.h"
#include "imaging/lk-cv.h"
#include "examination/lk-examinations-private.h"
#include "examination/lk-examinations.h"
#include "store/lk-audit.h"

/* ---- points and images -------------------------------------------------------------------- */

static JsonArray *
point_json (const LkPoint *p)
{
  JsonArray *a = json_array_new ();

  json_array_add_double_element (a, p->x);
  json_array_add_double_element (a, p->y);
  return a;
}

JsonArray *
lk_examinations_points_json (const LkPoint *points,
                             guint          n)
{
  JsonArray *a = json_array_new ();

  for (guint i = 0; i < n; i++)
    json_array_add_array_element (a, point_json (&points[i]));
  return a;
}

/* On the image when its size is known: 0 <= x <= width, 0 <= y <= height. */
gboolean
lk_examinations_check_on_image (const LkExaminationRow  *row,
                                int                      image,
                                const LkPoint           *p,
                                const char              *what,
                                GError                 **error)
{
  if (!isfinite (p->x) || !isfinite (p->y))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s: the coordinates must be finite "
                   "numbers", what);
      return FALSE;
    }
  if (row->width[image] <= 0 ||
      (p->x >= 0 && p->y >= 0 && p->x <= row->width[image] && p->y <= row->height[image]))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "%s (%g, %g) lies outside the %s image (%d x %d pixels)", what, p->x, p->y,
               lk_examinations_image_names[image], row->width[image], row->height[image]);
  return FALSE;
}

gboolean
lk_examinations_read_point (JsonNode  *node,
                            LkPoint   *p,
                            GError   **error)
{
  JsonArray *a = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  double v[2];

  for (guint i = 0; a != NULL && json_array_get_length (a) == 2 && i < 2; i++)
    {
      JsonNode *n = json_array_get_element (a, i);
      GType type = JSON_NODE_HOLDS_VALUE (n) ? json_node_get_value_type (n) : G_TYPE_INVALID;

      if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
        break;
      v[i] = json_node_get_double (n);
      if (i == 1)
        {
          p->x = v[0];
          p->y = v[1];
          return TRUE;
        }
    }
  g_set_error_literal (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                       "A point of an annotation is an array of two numbers, [x, y]");
  return FALSE;
}

int
lk_examinations_check_image (const char  *image,
                             const char  *what,
                             GError     **error)
{
  int i = lk_examinations_word_index (lk_examinations_image_names, image);

  if (i < 0)
    g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                 "%s belongs to the “probe” or the “candidate” image, not “%s”", what,
                 image ? image : "");
  return i;
}

/* ---- alignment ---------------------------------------------------------------------------- */

static gboolean
check_eyes (const LkExaminationRow  *row,
            int                      image,
            const LkPoint            eyes[2],
            GError                 **error)
{
  const char *name = lk_examinations_image_names[image];
  g_autofree char *first = g_strdup_printf ("The first %s eye", name);
  g_autofree char *second = g_strdup_printf ("The second %s eye", name);

  if (!lk_examinations_check_on_image (row, image, &eyes[0], first, error) ||
      !lk_examinations_check_on_image (row, image, &eyes[1], second, error))
    return FALSE;
  if (hypot (eyes[1].x - eyes[0].x, eyes[1].y - eyes[0].y) >= 1.0)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "The two %s eye points are less than a pixel apart; place one on each eye", name);
  return FALSE;
}

static JsonObject *
alignment_json (const LkPoint       probe_eyes[2],
                const LkPoint       candidate_eyes[2],
                const LkSimilarity *t)
{
  JsonObject *o = json_object_new ();
  g_autofree char *now = lk_now_utc ();

  json_object_set_array_member (o, "probe_eyes", lk_examinations_points_json (probe_eyes, 2));
  json_object_set_array_member (o, "candidate_eyes",
                                lk_examinations_points_json (candidate_eyes, 2));
  json_object_set_string_member (o, "maps", "candidate-to-probe");
  json_object_set_object_member (o, "transform", lk_similarity_to_json (t));
  json_object_set_string_member (o, "set_at", now);
  return o;
}

gboolean
lk_examinations_set_alignment (LkSession      *session,
                               gint64          examination_id,
                               const LkPoint   probe_eyes[2],
                               const LkPoint   candidate_eyes[2],
                               GError        **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  g_auto(LkExaminationRow) row = { 0 };
  g_autoptr(JsonObject) alignment = NULL;
  g_autofree char *text = NULL;
  g_autofree char *object = lk_object_name ("examination", examination_id);
  LkSimilarity t;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);
  g_return_val_if_fail (probe_eyes != NULL && candidate_eyes != NULL, FALSE);

  if (!lk_examinations_begin_change (session, examination_id, &actor, &txn, &row, error) ||
      !lk_examinations_check_unsigned (store, examination_id, error) ||
      !check_eyes (&row, LK_EXAMINATION_PROBE, probe_eyes, error) ||
      !check_eyes (&row, LK_EXAMINATION_CANDIDATE, candidate_eyes, error) ||
      !lk_similarity_from_pairs (&candidate_eyes[0], &candidate_eyes[1], &probe_eyes[0],
                                 &probe_eyes[1], &t, error))
    return FALSE;
  alignment = alignment_json (probe_eyes, candidate_eyes, &t);
  text = lk_json_object_text (alignment);
  json_object_set_boolean_member (alignment, "replaces_earlier", row.alignment != NULL);
  return lk_examinations_update_text (store, examination_id, "alignment", text, error) &&
         lk_examinations_audit_and_commit (store, txn, &actor, "examination.aligned", object,
                                           alignment, error);
}

gboolean
lk_examinations_reset_alignment (LkSession  *session,
                                 gint64      examination_id,
                                 GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  g_auto(LkExaminationRow) row = { 0 };
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *object = lk_object_name ("examination", examination_id);
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  if (!lk_examinations_begin_change (session, examination_id, &actor, &txn, &row, error) ||
      !lk_examinations_check_unsigned (store, examination_id, error))
    return FALSE;
  if (row.alignment == NULL)
    return TRUE;
  json_object_set_member (details, "previous", lk_json_parse (row.alignment));
  return lk_examinations_update_text (store, examination_id, "alignment", NULL, error) &&
         lk_examinations_audit_and_commit (store, txn, &actor, "examination.alignment-reset",
                                           object, details, error);
}

/* ---- enhancement stacks ------------------------------------------------------------------- */

static JsonObject *
enhancement_details (const char *image,
                     JsonArray  *before,
                     JsonArray  *after,
                     JsonArray  *changes)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "image", image);
  json_object_set_array_member (o, "changes", json_array_ref (changes));
  json_object_set_array_member (o, "before", json_array_ref (before));
  json_object_set_array_member (o, "after", json_array_ref (after));
  return o;
}

gboolean
lk_examinations_set_enhancements (LkSession           *session,
                                  gint64               examination_id,
                                  const char          *image,
                                  LkEnhancementStack  *typed,
                                  GError             **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  g_auto(LkExaminationRow) row = { 0 };
  g_autoptr(JsonArray) before = NULL;
  g_autoptr(JsonArray) stack = NULL;
  g_autoptr(JsonArray) changes = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *text = NULL;
  g_autofree char *object = lk_object_name ("examination", examination_id);
  g_autofree char *column = NULL;
  LkActor actor;
  int i;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);
  g_return_val_if_fail (LK_IS_ENHANCEMENT_STACK (typed), FALSE);

  if ((i = lk_examinations_check_image (image, "An enhancement stack", error)) < 0 ||
      !lk_enhancement_stack_validate (typed, error) ||
      !lk_examinations_begin_change (session, examination_id, &actor, &txn, &row, error) ||
      !lk_examinations_check_unsigned (store, examination_id, error))
    return FALSE;
  before = lk_json_parse_array (row.enhancements[i]);
  stack = lk_enhancement_stack_to_json (typed);
  changes = lk_enhancement_stack_changes (before, stack);
  if (json_array_get_length (changes) == 0)
    return TRUE;
  text = lk_json_array_text (stack);
  column = g_strdup_printf ("%s_enhancements", lk_examinations_image_names[i]);
  details = enhancement_details (lk_examinations_image_names[i], before, stack, changes);
  return lk_examinations_update_text (store, examination_id, column, text, error) &&
         lk_examinations_audit_and_commit (store, txn, &actor,
                                           "examination.enhancements-changed", object, details,
                                           error);
}
