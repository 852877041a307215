/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Examinations: opening one for a retained candidate, eye alignment, enhancement stacks with
 * readable audit diffs, annotations with soft deletion, and the time spent. Every change is one
 * transaction with its audit event; every entry point checks the role, the examination's owner
 * and the masking gate. */
#include "config.h"

#include "lk-json.h"

#include <math.h>

#include "imaging/lk-image-header.h"
#include "examination/lk-alignment.h"
#include "candidates/lk-candidates.h"
#include "examination/lk-conclusions-private.h"
#include "reference/lk-data.h"
#include "lk-error.h"
#include "examination/lk-examinations.h"
#include "examination/lk-stack-diff.h"
#include "governance/lk-feature-lists.h"
#include "casework/lk-probes.h"
#include "lk-util.h"
#include "store/lk-image-store.h"
#include "store/lk-store-private.h"
#include "casework/lk-vocabulary.h"
#include "imaging/lk-cv.h"
#include "people/lk-session.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"
#include "candidates/lk-candidates-private.h"
#include "examination/lk-examinations-private.h"

#define TEXT(i) (lk_stmt_text (stmt, (i)))

#define MAX_LABEL_CHARS 500
#define MAX_SECONDS_PER_CALL 86400.0

enum { PROBE, CANDIDATE };

static const char * const image_names[] = { "probe", "candidate", NULL };
static const char * const kinds[] = { "marker", "ellipse", "rectangle", "arrow", "text", NULL };
static const guint kind_points[] = { 1, 2, 2, 2, 1 };

static char *
object_name (const char *kind,
             gint64      id)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, kind, id);
}

static int
word_index (const char * const *words,
            const char         *word)
{
  for (int i = 0; word != NULL && words[i] != NULL; i++)
    if (g_str_equal (words[i], word))
      return i;
  return -1;
}

/* The shortest decimal form that reads back as the same number. */
/* ---- the examination row ------------------------------------------------------------------ */

typedef struct
{
  gint64  id;
  gint64  candidate_id;
  gint64  probe_id;
  gint64  examiner_id;
  char   *purpose;
  char   *feature_list;
  char   *alignment;       /* JSON text, or NULL */
  char   *enhancements[2]; /* JSON text, by PROBE and CANDIDATE */
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
} ExamRow;

static void
exam_row_clear (ExamRow *row)
{
  g_clear_pointer (&row->purpose, g_free);
  g_clear_pointer (&row->feature_list, g_free);
  g_clear_pointer (&row->alignment, g_free);
  g_clear_pointer (&row->started_at, g_free);
  g_clear_pointer (&row->updated_at, g_free);
  g_clear_pointer (&row->case_number, g_free);
  g_clear_pointer (&row->case_status, g_free);
  g_clear_pointer (&row->subject_ref, g_free);
  g_clear_pointer (&row->examiner, g_free);
  for (int i = 0; i < 2; i++)
    {
      g_clear_pointer (&row->enhancements[i], g_free);
      g_clear_pointer (&row->sha256[i], g_free);
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExamRow, exam_row_clear)

static void
exam_row_fill (ExamRow *row,
               LkStmt  *stmt)
{
  row->id = lk_stmt_int64 (stmt, 0);
  row->candidate_id = lk_stmt_int64 (stmt, 1);
  row->probe_id = lk_stmt_int64 (stmt, 2);
  row->examiner_id = lk_stmt_int64 (stmt, 3);
  row->purpose = g_strdup (TEXT (4));
  row->feature_list = g_strdup (TEXT (5));
  row->alignment = g_strdup (TEXT (6));
  row->enhancements[PROBE] = g_strdup (TEXT (7));
  row->enhancements[CANDIDATE] = g_strdup (TEXT (8));
  row->seconds_spent = lk_stmt_double (stmt, 9);
  row->started_at = g_strdup (TEXT (10));
  row->updated_at = g_strdup (TEXT (11));
  row->width[PROBE] = lk_stmt_int (stmt, 12);
  row->height[PROBE] = lk_stmt_int (stmt, 13);
  row->width[CANDIDATE] = lk_stmt_int (stmt, 14);
  row->height[CANDIDATE] = lk_stmt_int (stmt, 15);
  row->case_number = g_strdup (TEXT (16));
  row->case_status = g_strdup (TEXT (17));
  row->sha256[PROBE] = g_strdup (TEXT (18));
  row->sha256[CANDIDATE] = g_strdup (TEXT (19));
  row->subject_ref = g_strdup (TEXT (20));
  row->examiner = g_strdup (TEXT (21));
}

static gboolean
read_exam (LkStore  *store,
           gint64    examination_id,
           ExamRow  *row,
           GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT e.id, e.candidate_id, e.probe_id, e.examiner_id, e.purpose,"
                          " e.feature_list, e.alignment, e.probe_enhancements,"
                          " e.candidate_enhancements, e.seconds_spent, e.started_at, e.updated_at,"
                          " p.width, p.height, coalesce (e.candidate_width, 0),"
                          " coalesce (e.candidate_height, 0), c.number, c.status, p.image_sha256,"
                          " k.image_sha256, k.subject_ref, u.name FROM examinations e"
                          " JOIN probes p ON p.id = e.probe_id JOIN cases c ON c.id = p.case_id"
                          " JOIN candidates k ON k.id = e.candidate_id"
                          " JOIN users u ON u.id = e.examiner_id WHERE e.id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, examination_id);
  if (!lk_stmt_row (stmt, error, "There is no examination %" G_GINT64_FORMAT, examination_id))
    return FALSE;
  exam_row_fill (row, stmt);
  return TRUE;
}

/* ---- gates -------------------------------------------------------------------------------- */

static gboolean
check_owner (LkSession      *session,
             const ExamRow  *row,
             GError        **error)
{
  if (row->examiner_id == lk_session_get_user_id (session))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED,
               "Examination %" G_GINT64_FORMAT " belongs to %s; examiners work on their own "
               "examinations", row->id, row->examiner);
  return FALSE;
}

/* Examinations are opened and changed while the case is in analysis or examination: once it
 * went to verification, what the verifier checks must stay as it was. */
static gboolean
check_case_open (const char  *number,
                 const char  *status,
                 GError     **error)
{
  if (g_strcmp0 (status, "analysis") == 0 || g_strcmp0 (status, "examination") == 0)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "Case %s is %s; examinations are opened and changed while a case is in analysis "
               "or examination", number, lk_vocabulary_case_status_label (status));
  return FALSE;
}

/* A signed conclusion (any revision) rests on the annotations, the alignment and the
 * enhancements as they were when it was signed: they are frozen with its observations. The time
 * spent is still recorded. */
static gboolean
check_unsigned (LkStore  *store,
                gint64    examination_id,
                GError  **error)
{
  return lk_conclusions_require_unsigned (store, examination_id,
                                          "its annotations, alignment and enhancements", error);
}

/* The role first (a refused user learns nothing), then the examination, its owner and the
 * masking gate of its probe. */
static gboolean
gate (LkSession  *session,
      gint64      examination_id,
      LkActor    *actor,
      ExamRow    *row,
      GError    **error)
{
  return lk_session_require (session, LK_ROLE_EXAMINER, actor, error) &&
         read_exam (lk_session_get_store (session), examination_id, row, error) &&
         check_owner (session, row, error) &&
         lk_probes_require_unmasked (session, row->probe_id, error);
}

/* The gate, then the transaction, with the row read again inside it. */
static gboolean
begin_change (LkSession  *session,
              gint64      examination_id,
              LkActor    *actor,
              LkTxn     **txn,
              ExamRow    *row,
              GError    **error)
{
  LkStore *store = lk_session_get_store (session);

  if (!gate (session, examination_id, actor, row, error))
    return FALSE;
  exam_row_clear (row);
  return (*txn = lk_txn_begin (store, error)) != NULL &&
         read_exam (store, examination_id, row, error) &&
         check_case_open (row->case_number, row->case_status, error);
}

static gboolean
touch (LkStore  *store,
       gint64    examination_id,
       GError  **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "UPDATE examinations SET updated_at = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, now);
  lk_stmt_bind_int64 (stmt, 2, examination_id);
  return lk_stmt_done (stmt, error);
}

/* @column is one of the examination's own column names, never user input. */
static gboolean
update_text (LkStore     *store,
             gint64       examination_id,
             const char  *column,
             const char  *value,
             GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE examinations SET %s = ? WHERE id = ?", column);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (value != NULL)
    lk_stmt_bind_text (stmt, 1, value);
  lk_stmt_bind_int64 (stmt, 2, examination_id);
  return lk_stmt_done (stmt, error) && touch (store, examination_id, error);
}

static gboolean
audit_and_commit (LkStore        *store,
                  LkTxn          *txn,
                  const LkActor  *actor,
                  const char     *action,
                  const char     *object,
                  JsonObject     *details,
                  GError        **error)
{
  return lk_audit_append (store, actor, action, object, details, error) &&
         lk_txn_commit (txn, error);
}

/* ---- opening ------------------------------------------------------------------------------ */

static gboolean
check_retained (gint64               candidate_id,
                const LkCandidatePlace  *row,
                GError             **error)
{
  if (g_str_equal (row->state, "retained"))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_REFUSED,
               "Candidate %" G_GINT64_FORMAT " is %s at triage; only retained candidates are "
               "examined", candidate_id, g_str_equal (row->state, "eliminated") ? "eliminated"
                                                                                : "not reviewed");
  return FALSE;
}

static gint64
find_examination (LkStore  *store,
                  gint64    candidate_id,
                  gint64    examiner_id,
                  GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT id FROM examinations WHERE candidate_id = ? AND"
                          " examiner_id = ? AND purpose = 'examination'", error);

  if (stmt == NULL)
    return -1;
  lk_stmt_bind_int64 (stmt, 1, candidate_id);
  lk_stmt_bind_int64 (stmt, 2, examiner_id);
  return lk_stmt_next (stmt, error) ? lk_stmt_int64 (stmt, 0) : 0;
}

/* The candidate image's size as stored (no EXIF rotation), from its verified bytes. */
static gboolean
image_size (LkStore        *store,
            const LkActor  *actor,
            const char     *sha256,
            LkImageHeader  *header,
            GError        **error)
{
  g_autoptr(GBytes) bytes = lk_image_store_get (store, actor, sha256, error);
  gsize size;
  const guint8 *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  return lk_image_header_read (data, size, header, error);
}

static gint64
insert_examination (LkStore              *store,
                    gint64                candidate_id,
                    const LkCandidatePlace   *candidate,
                    gint64                examiner_id,
                    const LkImageHeader  *header,
                    GError              **error)
{
  g_autofree char *now = lk_now_utc ();
  /* The lab's installed edition when there is one, else the shipped list. */
  g_autofree char *edition = lk_feature_list_current_edition (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO examinations (candidate_id, probe_id, examiner_id, purpose,"
                          " feature_list, candidate_width, candidate_height, started_at,"
                          " updated_at) VALUES (?, ?, ?, 'examination', ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  lk_stmt_bind_int64 (stmt, 1, candidate_id);
  lk_stmt_bind_int64 (stmt, 2, candidate->probe_id);
  lk_stmt_bind_int64 (stmt, 3, examiner_id);
  lk_stmt_bind_text (stmt, 4, edition);
  lk_stmt_bind_int64 (stmt, 5, header->width);
  lk_stmt_bind_int64 (stmt, 6, header->height);
  lk_stmt_bind_text (stmt, 7, now);
  lk_stmt_bind_text (stmt, 8, now);
  return lk_stmt_insert (stmt, error);
}

static JsonObject *
opened_details (gint64              candidate_id,
                const LkCandidatePlace *candidate)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "candidate", candidate_id);
  json_object_set_int_member (o, "probe", candidate->probe_id);
  json_object_set_string_member (o, "purpose", "examination");
  json_object_set_string_member (o, "feature_list", lk_feature_list_edition ());
  return o;
}

static gint64
create_examination (LkSession            *session,
                    const LkActor        *actor,
                    gint64                candidate_id,
                    const LkImageHeader  *header,
                    GError              **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  g_auto(LkCandidatePlace) candidate = { 0 };
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *object = NULL;
  gint64 id;

  /* Read again inside the transaction: triage or the case may have moved meanwhile. */
  if ((txn = lk_txn_begin (store, error)) == NULL ||
      !lk_candidates_read_place (store, candidate_id, &candidate, error) ||
      !check_retained (candidate_id, &candidate, error) ||
      !check_case_open (candidate.case_number, candidate.case_status, error) ||
      (id = insert_examination (store, candidate_id, &candidate,
                                lk_session_get_user_id (session), header, error)) == 0)
    return 0;
  object = object_name ("examination", id);
  details = opened_details (candidate_id, &candidate);
  return audit_and_commit (store, txn, actor, "examination.opened", object, details, error)
         ? id : 0;
}

gint64
lk_examinations_open (LkSession  *session,
                      gint64      candidate_id,
                      GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(LkCandidatePlace) candidate = { 0 };
  LkImageHeader header;
  LkActor actor;
  gint64 existing;

  g_return_val_if_fail (LK_IS_SESSION (session), 0);

  if (!lk_session_require (session, LK_ROLE_EXAMINER, &actor, error) ||
      !lk_candidates_read_place (store, candidate_id, &candidate, error) ||
      !lk_probes_require_unmasked (session, candidate.probe_id, error) ||
      !check_retained (candidate_id, &candidate, error) ||
      !check_case_open (candidate.case_number, candidate.case_status, error) ||
      (existing = find_examination (store, candidate_id, lk_session_get_user_id (session),
                                    error)) < 0)
    return 0;
  if (existing > 0)
    return existing;
  if (!image_size (store, &actor, candidate.sha256, &header, error))
    return 0;
  return create_examination (session, &actor, candidate_id, &header, error);
}

gint64
lk_examinations_find (LkSession  *session,
                      gint64      candidate_id,
                      GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(LkCandidatePlace) candidate = { 0 };
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), 0);

  if (!lk_session_require (session, LK_ROLE_EXAMINER, &actor, error) ||
      !lk_candidates_read_place (store, candidate_id, &candidate, error) ||
      !lk_probes_require_unmasked (session, candidate.probe_id, error))
    return 0;
  return MAX (find_examination (store, candidate_id, lk_session_get_user_id (session), error), 0);
}

/* ---- as JSON ------------------------------------------------------------------------------ */

static JsonObject *
annotation_row_json (LkStmt *stmt)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "id", lk_stmt_int64 (stmt, 0));
  json_object_set_string_member (o, "image", TEXT (1));
  json_object_set_string_member (o, "kind", TEXT (2));
  if (lk_stmt_is_null (stmt, 3))
    json_object_set_null_member (o, "pair");
  else
    json_object_set_int_member (o, "pair", lk_stmt_int (stmt, 3));
  json_object_set_member (o, "geometry", lk_json_parse (TEXT (4)));
  json_object_set_string_member (o, "label", TEXT (5));
  lk_json_set_text (o, "characteristic", TEXT (6));
  json_object_set_string_member (o, "created_at", TEXT (7));
  lk_json_set_text (o, "updated_at", TEXT (8));
  return o;
}

static JsonArray *
annotations_json (LkStore  *store,
                  gint64    examination_id,
                  GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(JsonArray) annotations = json_array_new ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT id, image, kind, pair, geometry, label, characteristic,"
                          " created_at, updated_at FROM annotations WHERE examination_id = ?"
                          " AND deleted_at IS NULL ORDER BY id", error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, examination_id);
  while (lk_stmt_next (stmt, error))
    json_array_add_object_element (annotations, annotation_row_json (stmt));
  if (lk_stmt_failed (stmt))
    return NULL;
  return g_steal_pointer (&annotations);
}

static JsonNode *
size_json (const ExamRow *row,
           int            image)
{
  JsonObject *o;

  if (row->width[image] <= 0 || row->height[image] <= 0)
    return json_node_init_null (json_node_alloc ());
  o = json_object_new ();
  json_object_set_int_member (o, "width", row->width[image]);
  json_object_set_int_member (o, "height", row->height[image]);
  return json_node_init_object (json_node_alloc (), o);
}

static void
set_row_members (JsonObject    *o,
                 const ExamRow *row)
{
  json_object_set_int_member (o, "id", row->id);
  json_object_set_string_member (o, "purpose", row->purpose);
  json_object_set_string_member (o, "case", row->case_number);
  json_object_set_int_member (o, "probe_id", row->probe_id);
  json_object_set_int_member (o, "candidate_id", row->candidate_id);
  json_object_set_string_member (o, "subject_ref", row->subject_ref);
  json_object_set_string_member (o, "probe_sha256", row->sha256[PROBE]);
  json_object_set_string_member (o, "candidate_sha256", row->sha256[CANDIDATE]);
  json_object_set_member (o, "probe_size", size_json (row, PROBE));
  json_object_set_member (o, "candidate_size", size_json (row, CANDIDATE));
  json_object_set_member (o, "alignment", lk_json_parse (row->alignment));
  json_object_set_array_member (o, "probe_enhancements",
                                lk_json_parse_array (row->enhancements[PROBE]));
  json_object_set_array_member (o, "candidate_enhancements",
                                lk_json_parse_array (row->enhancements[CANDIDATE]));
  json_object_set_double_member (o, "seconds_spent", row->seconds_spent);
  json_object_set_string_member (o, "feature_list", row->feature_list);
  json_object_set_string_member (o, "examiner", row->examiner);
  json_object_set_string_member (o, "started_at", row->started_at);
  json_object_set_string_member (o, "updated_at", row->updated_at);
}

static JsonObject *
exam_json (LkStore        *store,
           const ExamRow  *row,
           GError        **error)
{
  g_autoptr(JsonObject) o = json_object_new ();
  gint64 conclusion_id;
  int revision = lk_conclusions_latest (store, row->id, &conclusion_id, error);
  JsonArray *annotations = revision >= 0 ? annotations_json (store, row->id, error) : NULL;

  if (annotations == NULL)
    return NULL;
  set_row_members (o, row);
  json_object_set_array_member (o, "annotations", annotations);
  json_object_set_boolean_member (o, "signed", revision > 0);
  return g_steal_pointer (&o);
}

JsonObject *
lk_examinations_to_json (LkStore  *store,
                         gint64    examination_id,
                         GError  **error)
{
  g_auto(ExamRow) row = { 0 };

  g_return_val_if_fail (LK_IS_STORE (store), NULL);

  if (!read_exam (store, examination_id, &row, error))
    return NULL;
  return exam_json (store, &row, error);
}

JsonObject *
lk_examinations_get (LkSession  *session,
                     gint64      examination_id,
                     GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(ExamRow) row = { 0 };
  g_autofree char *object = object_name ("examination", examination_id);
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if (!gate (session, examination_id, &actor, &row, error) ||
      !lk_audit_record (store, &actor, "examination.viewed", object, NULL, error))
    return NULL;
  return exam_json (store, &row, error);
}

/* ---- points and images -------------------------------------------------------------------- */

static JsonArray *
point_json (const LkPoint *p)
{
  JsonArray *a = json_array_new ();

  json_array_add_double_element (a, p->x);
  json_array_add_double_element (a, p->y);
  return a;
}

static JsonArray *
points_json (const LkPoint *points,
             guint          n)
{
  JsonArray *a = json_array_new ();

  for (guint i = 0; i < n; i++)
    json_array_add_array_element (a, point_json (&points[i]));
  return a;
}

/* On the image when its size is known: 0 <= x <= width, 0 <= y <= height. */
static gboolean
check_on_image (const ExamRow  *row,
                int             image,
                const LkPoint  *p,
                const char     *what,
                GError        **error)
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
               image_names[image], row->width[image], row->height[image]);
  return FALSE;
}

static gboolean
read_point (JsonNode  *node,
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

/* ---- alignment ---------------------------------------------------------------------------- */

static gboolean
check_eyes (const ExamRow  *row,
            int             image,
            const LkPoint   eyes[2],
            GError        **error)
{
  g_autofree char *first = g_strdup_printf ("The first %s eye", image_names[image]);
  g_autofree char *second = g_strdup_printf ("The second %s eye", image_names[image]);

  if (!check_on_image (row, image, &eyes[0], first, error) ||
      !check_on_image (row, image, &eyes[1], second, error))
    return FALSE;
  if (hypot (eyes[1].x - eyes[0].x, eyes[1].y - eyes[0].y) >= 1.0)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "The two %s eye points are less than a pixel apart; place one on each eye",
               image_names[image]);
  return FALSE;
}

static JsonObject *
alignment_json (const LkPoint       probe_eyes[2],
                const LkPoint       candidate_eyes[2],
                const LkSimilarity *t)
{
  JsonObject *o = json_object_new ();
  g_autofree char *now = lk_now_utc ();

  json_object_set_array_member (o, "probe_eyes", points_json (probe_eyes, 2));
  json_object_set_array_member (o, "candidate_eyes", points_json (candidate_eyes, 2));
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
  g_auto(ExamRow) row = { 0 };
  g_autoptr(JsonObject) alignment = NULL;
  g_autofree char *text = NULL;
  g_autofree char *object = object_name ("examination", examination_id);
  LkSimilarity t;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);
  g_return_val_if_fail (probe_eyes != NULL && candidate_eyes != NULL, FALSE);

  if (!begin_change (session, examination_id, &actor, &txn, &row, error) ||
      !check_unsigned (store, examination_id, error) ||
      !check_eyes (&row, PROBE, probe_eyes, error) ||
      !check_eyes (&row, CANDIDATE, candidate_eyes, error) ||
      !lk_similarity_from_pairs (&candidate_eyes[0], &candidate_eyes[1], &probe_eyes[0],
                                 &probe_eyes[1], &t, error))
    return FALSE;
  alignment = alignment_json (probe_eyes, candidate_eyes, &t);
  text = lk_json_object_text (alignment);
  json_object_set_boolean_member (alignment, "replaces_earlier", row.alignment != NULL);
  return update_text (store, examination_id, "alignment", text, error) &&
         audit_and_commit (store, txn, &actor, "examination.aligned", object, alignment, error);
}

gboolean
lk_examinations_reset_alignment (LkSession  *session,
                                 gint64      examination_id,
                                 GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  g_auto(ExamRow) row = { 0 };
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *object = object_name ("examination", examination_id);
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  if (!begin_change (session, examination_id, &actor, &txn, &row, error) ||
      !check_unsigned (store, examination_id, error))
    return FALSE;
  if (row.alignment == NULL)
    return TRUE;
  json_object_set_member (details, "previous", lk_json_parse (row.alignment));
  return update_text (store, examination_id, "alignment", NULL, error) &&
         audit_and_commit (store, txn, &actor, "examination.alignment-reset", object, details,
                           error);
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

static int
check_image (const char  *image,
             const char  *what,
             GError     **error)
{
  int i = word_index (image_names, image);

  if (i < 0)
    g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                 "%s belongs to the “probe” or the “candidate” image, not “%s”", what,
                 image ? image : "");
  return i;
}

gboolean
lk_examinations_set_enhancements (LkSession   *session,
                                  gint64       examination_id,
                                  const char  *image,
                                  JsonArray   *stack,
                                  GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  g_auto(ExamRow) row = { 0 };
  g_autoptr(JsonArray) before = NULL;
  g_autoptr(JsonArray) changes = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *text = NULL;
  g_autofree char *object = object_name ("examination", examination_id);
  g_autofree char *column = NULL;
  LkActor actor;
  int i;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);
  g_return_val_if_fail (stack != NULL, FALSE);

  if ((i = check_image (image, "An enhancement stack", error)) < 0 ||
      !lk_cv_enhancement_validate (stack, error) ||
      !begin_change (session, examination_id, &actor, &txn, &row, error) ||
      !check_unsigned (store, examination_id, error))
    return FALSE;
  before = lk_json_parse_array (row.enhancements[i]);
  changes = lk_enhancement_stack_changes (before, stack);
  if (json_array_get_length (changes) == 0)
    return TRUE;
  text = lk_json_array_text (stack);
  column = g_strdup_printf ("%s_enhancements", image_names[i]);
  details = enhancement_details (image_names[i], before, stack, changes);
  return update_text (store, examination_id, column, text, error) &&
         audit_and_commit (store, txn, &actor, "examination.enhancements-changed", object,
                           details, error);
}

/* ---- annotations -------------------------------------------------------------------------- */

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

static gboolean
check_characteristic (const char  *id,
                      GError     **error)
{
  if (id == NULL || *id == '\0' || feature_list_has_characteristic (id))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "“%s” is not a characteristic of the feature list (%s)", id,
               lk_feature_list_edition ());
  return FALSE;
}

static gboolean
check_label (const char  *label,
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
  if (!g_str_equal (kinds[kind], "text") || !lk_text_is_blank (label))
    return TRUE;
  g_set_error_literal (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "A text annotation needs its text");
  return FALSE;
}

static gboolean
check_shape (int             kind,
             const LkPoint  *p,
             GError        **error)
{
  const char *name = kinds[kind];

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

/* Reads and checks @geometry into @points (at most 2). */
static gboolean
read_geometry (const ExamRow  *row,
               int             image,
               int             kind,
               JsonArray      *geometry,
               LkPoint        *points,
               GError        **error)
{
  guint n = geometry != NULL ? json_array_get_length (geometry) : 0;

  if (n != kind_points[kind])
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "A %s annotation has %u point(s), "
                   "not %u", kinds[kind], kind_points[kind], n);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    if (!read_point (json_array_get_element (geometry, i), &points[i], error) ||
        !check_on_image (row, image, &points[i], "An annotation point", error))
      return FALSE;
  return n < 2 || check_shape (kind, points, error);
}

static gboolean
check_spec (const LkAnnotationSpec  *spec,
            int                     *image,
            int                     *kind,
            GError                 **error)
{
  if ((*image = check_image (spec->image, "An annotation", error)) < 0)
    return FALSE;
  if ((*kind = word_index (kinds, spec->kind)) < 0)
    {
      g_autofree char *all = g_strjoinv (", ", (char **) kinds);

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
  return check_label (spec->label, *kind, error) &&
         check_characteristic (spec->characteristic, error);
}

/* For a marker given no pair: the lowest pair that has its marker on the other image only (the
 * probe marker placed, the candidate one not yet), else a new pair after the highest. */
static int
next_pair (LkStore *store,
           gint64   examination_id,
           int      image)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT coalesce ((SELECT min (pair) FROM annotations"
                          "   WHERE examination_id = ?1 AND kind = 'marker' AND image != ?2"
                          "   AND deleted_at IS NULL AND pair NOT IN (SELECT pair FROM annotations"
                          "     WHERE examination_id = ?1 AND kind = 'marker' AND image = ?2"
                          "     AND deleted_at IS NULL)),"
                          " (SELECT coalesce (max (pair), 0) + 1 FROM annotations"
                          "   WHERE examination_id = ?1 AND kind = 'marker'"
                          "   AND deleted_at IS NULL))", NULL);

  if (stmt == NULL)
    return 1;
  lk_stmt_bind_int64 (stmt, 1, examination_id);
  lk_stmt_bind_text (stmt, 2, image_names[image]);
  return lk_stmt_next (stmt, NULL) ? lk_stmt_int (stmt, 0) : 1;
}

static gboolean
check_pair_free (LkStore  *store,
                 gint64    examination_id,
                 int       image,
                 int       pair,
                 GError  **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT id FROM annotations WHERE examination_id = ? AND image = ?"
                          " AND kind = 'marker' AND pair = ? AND deleted_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, examination_id);
  lk_stmt_bind_text (stmt, 2, image_names[image]);
  lk_stmt_bind_int (stmt, 3, pair);
  if (!lk_stmt_next (stmt, error))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_EXISTS,
               "Pair %d already has a marker on the %s (annotation %" G_GINT64_FORMAT ")", pair,
               image_names[image], (gint64) lk_stmt_int64 (stmt, 0));
  return FALSE;
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
  if (id == 0 || !touch (store, examination_id, error))
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

/* The pair a new marker gets: see next_pair () for 0, else @pair when this image has no marker
 * of that pair yet. */
static int
choose_pair (LkStore                 *store,
             gint64                   examination_id,
             const LkAnnotationSpec  *spec,
             int                      image,
             GError                 **error)
{
  if (!g_str_equal (spec->kind, "marker"))
    return 0;
  if (spec->pair == 0)
    return next_pair (store, examination_id, image);
  return check_pair_free (store, examination_id, image, spec->pair, error) ? spec->pair : -1;
}

gint64
lk_examinations_add_annotation (LkSession               *session,
                                gint64                   examination_id,
                                const LkAnnotationSpec  *spec,
                                GError                 **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  g_auto(ExamRow) row = { 0 };
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
      !begin_change (session, examination_id, &actor, &txn, &row, error) ||
      !check_unsigned (store, examination_id, error) ||
      !read_geometry (&row, image, kind, spec->geometry, points, error) ||
      (pair = choose_pair (store, examination_id, spec, image, error)) < 0)
    return 0;
  geometry = points_json (points, kind_points[kind]);
  text = lk_json_array_text (geometry);
  if ((id = insert_annotation (store, examination_id, spec, pair, text, error)) == 0)
    return 0;
  object = object_name ("annotation", id);
  details = added_details (examination_id, spec, pair, geometry);
  return audit_and_commit (store, txn, &actor, "annotation.added", object, details, error)
         ? id : 0;
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
  row->image = word_index (image_names, TEXT (1));
  row->kind = word_index (kinds, TEXT (2));
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
begin_annotation_change (LkSession      *session,
                         gint64          annotation_id,
                         LkActor        *actor,
                         LkTxn         **txn,
                         ExamRow        *exam,
                         AnnotationRow  *row,
                         GError        **error)
{
  LkStore *store = lk_session_get_store (session);

  if (!lk_session_require (session, LK_ROLE_EXAMINER, actor, error) ||
      !read_annotation (store, annotation_id, row, error) ||
      !begin_change (session, row->examination_id, actor, txn, exam, error) ||
      !read_annotation (store, annotation_id, row, error) ||
      !check_unsigned (store, row->examination_id, error))
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
new_geometry (const ExamRow        *exam,
              const AnnotationRow  *row,
              JsonArray            *geometry,
              GError              **error)
{
  g_autoptr(JsonArray) points_array = NULL;
  LkPoint points[2];

  if (geometry == NULL)
    return g_strdup (row->geometry);
  if (!read_geometry (exam, row->image, row->kind, geometry, points, error))
    return NULL;
  points_array = points_json (points, kind_points[row->kind]);
  return lk_json_array_text (points_array);
}

static JsonObject *
updated_details (const ExamRow        *exam,
                 const AnnotationRow  *row,
                 const char           *geometry,
                 const char           *label,
                 const char           *characteristic)
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
  g_auto(ExamRow) exam = { 0 };
  g_auto(AnnotationRow) row = { 0 };
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *object = object_name ("annotation", annotation_id);
  g_autofree char *new_text = NULL;
  const char *new_label, *new_characteristic;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  if (!begin_annotation_change (session, annotation_id, &actor, &txn, &exam, &row, error) ||
      !check_characteristic (characteristic, error) ||
      (new_text = new_geometry (&exam, &row, geometry, error)) == NULL)
    return FALSE;
  new_label = label != NULL ? label : row.label;
  new_characteristic = characteristic != NULL ? blank_to_null (characteristic)
                                              : row.characteristic;
  if (!check_label (new_label, row.kind, error))
    return FALSE;
  if (g_str_equal (new_text, row.geometry) && g_str_equal (new_label, row.label) &&
      g_strcmp0 (new_characteristic, row.characteristic) == 0)
    return TRUE;
  details = updated_details (&exam, &row, new_text, new_label, new_characteristic);
  return write_annotation (store, annotation_id, new_text, new_label, new_characteristic,
                           error) &&
         touch (store, exam.id, error) &&
         audit_and_commit (store, txn, &actor, "annotation.updated", object, details, error);
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
  g_auto(ExamRow) exam = { 0 };
  g_auto(AnnotationRow) row = { 0 };
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *object = object_name ("annotation", annotation_id);
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  if (!begin_annotation_change (session, annotation_id, &actor, &txn, &exam, &row, error))
    return FALSE;
  json_object_set_int_member (details, "examination", exam.id);
  json_object_set_string_member (details, "image", image_names[row.image]);
  json_object_set_string_member (details, "kind", kinds[row.kind]);
  if (row.pair > 0)
    json_object_set_int_member (details, "pair", row.pair);
  json_object_set_member (details, "geometry", lk_json_parse (row.geometry));
  json_object_set_string_member (details, "label", row.label);
  return mark_deleted (store, annotation_id, error) &&
         touch (store, exam.id, error) &&
         audit_and_commit (store, txn, &actor, "annotation.deleted", object, details, error);
}

/* ---- time spent --------------------------------------------------------------------------- */

static gboolean
add_seconds (LkStore  *store,
             gint64    examination_id,
             double    seconds,
             GError  **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "UPDATE examinations SET seconds_spent = seconds_spent + ?"
                          " WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_double (stmt, 1, seconds);
  lk_stmt_bind_int64 (stmt, 2, examination_id);
  return lk_stmt_done (stmt, error) && touch (store, examination_id, error);
}

gboolean
lk_examinations_add_time (LkSession  *session,
                          gint64      examination_id,
                          double      seconds,
                          GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  g_auto(ExamRow) row = { 0 };
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *object = object_name ("examination", examination_id);
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  if (!(seconds > 0 && seconds <= MAX_SECONDS_PER_CALL))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "Time spent is recorded in steps of more than 0 and at most %g seconds",
                   MAX_SECONDS_PER_CALL);
      return FALSE;
    }
  if (!begin_change (session, examination_id, &actor, &txn, &row, error))
    return FALSE;
  json_object_set_double_member (details, "seconds", seconds);
  json_object_set_double_member (details, "total", row.seconds_spent + seconds);
  return add_seconds (store, examination_id, seconds, error) &&
         audit_and_commit (store, txn, &actor, "examination.time-added", object, details, error);
}

/* ---- navigation and summaries ------------------------------------------------------------- */

GPtrArray *
lk_examinations_retained (LkSession  *session,
                          gint64      probe_id,
                          GError    **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) retained = NULL;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if (!lk_session_require (session, LK_ROLE_EXAMINER, &actor, error) ||
      (all = lk_candidates_for_probe (session, probe_id, error)) == NULL)
    return NULL;
  retained = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_candidate_free);
  for (guint i = 0; i < all->len; i++)
    {
      LkCandidate *c = g_ptr_array_index (all, i);

      if (!g_str_equal (c->triage_state, "retained"))
        continue;
      all->pdata[i] = NULL;
      c->scores_visible = FALSE;
      c->rank = 0;
      c->score = NAN;
      c->position = (int) retained->len + 1;
      g_ptr_array_add (retained, c);
    }
  return g_steal_pointer (&retained);
}

static JsonObject *
summary_json (LkStmt *stmt)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "id", lk_stmt_int64 (stmt, 0));
  json_object_set_int_member (o, "candidate", lk_stmt_int64 (stmt, 1));
  json_object_set_string_member (o, "subject_ref", TEXT (2));
  json_object_set_string_member (o, "examiner", TEXT (3));
  json_object_set_string_member (o, "purpose", TEXT (4));
  json_object_set_double_member (o, "seconds_spent", lk_stmt_double (stmt, 5));
  json_object_set_int_member (o, "n_annotations", lk_stmt_int (stmt, 6));
  json_object_set_boolean_member (o, "aligned", lk_stmt_int (stmt, 7) != 0);
  return o;
}

JsonArray *
lk_examinations_json_for_probe (LkStore *store,
                                gint64   probe_id)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT e.id, e.candidate_id, k.subject_ref, u.name, e.purpose,"
                          " e.seconds_spent, (SELECT count(*) FROM annotations a"
                          "  WHERE a.examination_id = e.id AND a.deleted_at IS NULL),"
                          " e.alignment IS NOT NULL FROM examinations e"
                          " JOIN candidates k ON k.id = e.candidate_id"
                          " JOIN users u ON u.id = e.examiner_id"
                          " WHERE e.probe_id = ? ORDER BY e.id", NULL);
  JsonArray *examinations = json_array_new ();

  if (stmt == NULL)
    return examinations;
  lk_stmt_bind_int64 (stmt, 1, probe_id);
  while (lk_stmt_next (stmt, NULL))
    json_array_add_object_element (examinations, summary_json (stmt));
  return examinations;
}
