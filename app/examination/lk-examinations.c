/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Examinations: opening one for a retained candidate, the examination as JSON, the time spent
 * and the retained candidates of a probe; with the row, the gates and the transactions that
 * lk-examinations-views.c (eye alignment, enhancement stacks) and lk-examinations-annotations.c
 * share. Every change is one transaction with its audit event; every entry point checks the
 * role, the examination's owner and the masking gate. */
#include "config.h"

#include "lk-json.h"

#include "imaging/lk-image-header.h"
#include "candidates/lk-candidates.h"
#include "examination/lk-conclusions-private.h"
#include "reference/lk-data.h"
#include "lk-error.h"
#include "lk-util.h"
#include "examination/lk-examinations.h"
#include "governance/lk-feature-lists.h"
#include "casework/lk-probes.h"
#include "store/lk-image-store.h"
#include "store/lk-store-private.h"
#include "casework/lk-vocabulary.h"
#include "people/lk-session.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"
#include "candidates/lk-candidate-private.h"
#include "candidates/lk-candidates-private.h"
#include "examination/lk-examinations-private.h"
#include "examination/lk-examination-private.h"
#include "examination/lk-similarity.h"
#include "casework/lk-analysis-private.h"
#include "verification/lk-verification-gate-private.h"

#define TEXT(i) (lk_stmt_text (stmt, (i)))

#define MAX_SECONDS_PER_CALL 86400.0

const char * const lk_examinations_image_names[] = { "probe", "candidate", NULL };

int
lk_examinations_word_index (const char * const *words,
                            const char         *word)
{
  for (int i = 0; word != NULL && words[i] != NULL; i++)
    if (g_str_equal (words[i], word))
      return i;
  return -1;
}

/* ---- the examination row ------------------------------------------------------------------ */

void
lk_examination_row_clear (LkExaminationRow *row)
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

static void
exam_row_fill (LkExaminationRow *row,
               LkStmt           *stmt)
{
  row->id = lk_stmt_int64 (stmt, 0);
  row->candidate_id = lk_stmt_int64 (stmt, 1);
  row->probe_id = lk_stmt_int64 (stmt, 2);
  row->examiner_id = lk_stmt_int64 (stmt, 3);
  row->purpose = g_strdup (TEXT (4));
  row->feature_list = g_strdup (TEXT (5));
  row->alignment = g_strdup (TEXT (6));
  row->enhancements[LK_EXAMINATION_PROBE] = g_strdup (TEXT (7));
  row->enhancements[LK_EXAMINATION_CANDIDATE] = g_strdup (TEXT (8));
  row->seconds_spent = lk_stmt_double (stmt, 9);
  row->started_at = g_strdup (TEXT (10));
  row->updated_at = g_strdup (TEXT (11));
  row->width[LK_EXAMINATION_PROBE] = lk_stmt_int (stmt, 12);
  row->height[LK_EXAMINATION_PROBE] = lk_stmt_int (stmt, 13);
  row->width[LK_EXAMINATION_CANDIDATE] = lk_stmt_int (stmt, 14);
  row->height[LK_EXAMINATION_CANDIDATE] = lk_stmt_int (stmt, 15);
  row->case_number = g_strdup (TEXT (16));
  row->case_status = g_strdup (TEXT (17));
  row->sha256[LK_EXAMINATION_PROBE] = g_strdup (TEXT (18));
  row->sha256[LK_EXAMINATION_CANDIDATE] = g_strdup (TEXT (19));
  row->subject_ref = g_strdup (TEXT (20));
  row->examiner = g_strdup (TEXT (21));
  row->revision = lk_stmt_int (stmt, 22);
  row->blind = lk_stmt_int (stmt, 23) != 0;
}

static gboolean
read_exam (LkStore           *store,
           gint64             examination_id,
           LkExaminationRow  *row,
           GError           **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT e.id, e.candidate_id, e.probe_id, e.examiner_id, e.purpose,"
                          " e.feature_list, e.alignment, e.probe_enhancements,"
                          " e.candidate_enhancements, e.seconds_spent, e.started_at, e.updated_at,"
                          " p.width, p.height, coalesce (e.candidate_width, 0),"
                          " coalesce (e.candidate_height, 0), c.number, c.status, p.image_sha256,"
                          " k.image_sha256, k.subject_ref, u.name, e.revision, e.blind FROM examinations e"
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
check_owner (LkSession               *session,
             const LkExaminationRow  *row,
             GError                 **error)
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
gboolean
lk_examinations_check_unsigned (LkStore  *store,
                                gint64    examination_id,
                                GError  **error)
{
  return lk_conclusions_require_unsigned (store, examination_id,
                                          "its annotations, alignment and enhancements", error);
}

/* The role first (a refused user learns nothing), then the examination, its owner and the
 * masking gate of its probe. */
static gboolean
gate (LkSession         *session,
      gint64             examination_id,
      LkActor           *actor,
      LkExaminationRow  *row,
      GError           **error)
{
  return lk_session_require (session, LK_ROLE_EXAMINER | LK_ROLE_REVIEWER, actor, error) &&
         read_exam (lk_session_get_store (session), examination_id, row, error) &&
         check_owner (session, row, error) &&
         lk_session_require (session, lk_verification_worker_role (row->purpose), actor, error) &&
         lk_analysis_require_unmasked (session, row->probe_id, error);
}

/* The gate, then the transaction, with the row read again inside it. */
gboolean
lk_examinations_begin_change (LkSession         *session,
                              gint64             examination_id,
                              LkActor           *actor,
                              LkTxn            **txn,
                              LkExaminationRow  *row,
                              GError           **error)
{
  LkStore *store = lk_session_get_store (session);

  if (!gate (session, examination_id, actor, row, error))
    return FALSE;
  lk_examination_row_clear (row);
  if ((*txn = lk_txn_begin (store, error)) == NULL ||
      !read_exam (store, examination_id, row, error))
    return FALSE;
  if (g_str_equal (row->purpose, "verification"))
    return lk_verification_check_work_open (store, row->id, row->purpose, row->examiner_id,
                                            error);
  return check_case_open (row->case_number, row->case_status, error);
}

gboolean
lk_examinations_touch (LkStore  *store,
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
gboolean
lk_examinations_update_text (LkStore     *store,
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
  return lk_stmt_done (stmt, error) && lk_examinations_touch (store, examination_id, error);
}

gboolean
lk_examinations_audit_and_commit (LkStore        *store,
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
  g_autofree char *edition = NULL;
  g_autoptr(LkStmt) stmt = NULL;

  if ((edition = lk_feature_lists_current_edition (store, error)) == NULL)
    return 0;
  stmt = lk_store_stmt (store, "INSERT INTO examinations (candidate_id, probe_id, examiner_id,"
                               " purpose, feature_list, candidate_width, candidate_height,"
                               " started_at, updated_at)"
                               " VALUES (?, ?, ?, 'examination', ?, ?, ?, ?, ?)", error);
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
  object = lk_object_name ("examination", id);
  details = opened_details (candidate_id, &candidate);
  return lk_examinations_audit_and_commit (store, txn, actor, "examination.opened", object,
                                           details, error) ? id : 0;
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
      !lk_analysis_require_unmasked (session, candidate.probe_id, error) ||
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
      !lk_analysis_require_unmasked (session, candidate.probe_id, error))
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
size_json (const LkExaminationRow *row,
           int                     image)
{
  JsonObject *o;

  if (row->width[image] <= 0 || row->height[image] <= 0)
    return json_node_init_null (json_node_alloc ());
  o = json_object_new ();
  json_object_set_int_member (o, "width", row->width[image]);
  json_object_set_int_member (o, "height", row->height[image]);
  return json_node_init_object (json_node_alloc (), o);
}

/* The JSON stored as @what of examination @row (NULL: null), of JSON type @type (null too);
 * NULL with @error when it no longer parses, rather than showing it empty. */
static JsonNode *
stored_json (const LkExaminationRow  *row,
             const char              *text,
             const char              *what,
             JsonNodeType             type,
             GError                 **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonNode) node = text != NULL ? lk_json_load_stored (text, &local)
                                          : json_node_init_null (json_node_alloc ());

  if (node != NULL && (JSON_NODE_HOLDS_NULL (node) || JSON_NODE_TYPE (node) == type))
    return g_steal_pointer (&node);
  g_set_error (error, LK_ERROR, LK_ERROR_INTEGRITY,
               "The %s stored for examination %" G_GINT64_FORMAT " is damaged%s%s", what,
               row->id, local != NULL ? ": " : "", local != NULL ? local->message : "");
  return NULL;
}

/* The stored alignment, whose transform (when there is one) must still be a transform. */
static JsonNode *
stored_alignment (const LkExaminationRow  *row,
                  GError                 **error)
{
  g_autoptr(JsonNode) node = stored_json (row, row->alignment, "alignment", JSON_NODE_OBJECT,
                                          error);
  g_autoptr(GError) local = NULL;
  JsonNode *transform;
  LkSimilarity t;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) ||
      (transform = json_object_get_member (json_node_get_object (node), "transform")) == NULL)
    return g_steal_pointer (&node);
  if (JSON_NODE_HOLDS_OBJECT (transform) &&
      lk_similarity_from_json (json_node_get_object (transform), &t, &local))
    return g_steal_pointer (&node);
  g_set_error (error, LK_ERROR, LK_ERROR_INTEGRITY,
               "The alignment stored for examination %" G_GINT64_FORMAT " is damaged%s%s",
               row->id, local != NULL ? ": " : "", local != NULL ? local->message : "");
  return NULL;
}

static gboolean
set_stored_members (JsonObject              *o,
                    const LkExaminationRow  *row,
                    GError                 **error)
{
  static const char * const members[] = { "probe_enhancements", "candidate_enhancements" };
  static const char * const names[] = { "probe's enhancement stack",
                                        "candidate's enhancement stack" };
  JsonNode *alignment = stored_alignment (row, error);

  if (alignment == NULL)
    return FALSE;
  json_object_set_member (o, "alignment", alignment);
  for (int i = LK_EXAMINATION_PROBE; i <= LK_EXAMINATION_CANDIDATE; i++)
    {
      JsonNode *steps = stored_json (row, row->enhancements[i], names[i], JSON_NODE_ARRAY, error);
      g_autoptr(JsonArray) none = json_array_new ();

      if (steps == NULL)
        return FALSE;
      if (JSON_NODE_HOLDS_NULL (steps))
        json_node_init_array (steps, none);
      json_object_set_member (o, members[i], steps);
    }
  return TRUE;
}

static void
set_row_members (JsonObject             *o,
                 const LkExaminationRow *row)
{
  json_object_set_int_member (o, "id", row->id);
  json_object_set_string_member (o, "purpose", row->purpose);
  json_object_set_string_member (o, "case", row->case_number);
  json_object_set_int_member (o, "probe_id", row->probe_id);
  json_object_set_int_member (o, "candidate_id", row->candidate_id);
  json_object_set_string_member (o, "subject_ref", row->subject_ref);
  json_object_set_string_member (o, "probe_sha256", row->sha256[LK_EXAMINATION_PROBE]);
  json_object_set_string_member (o, "candidate_sha256", row->sha256[LK_EXAMINATION_CANDIDATE]);
  json_object_set_member (o, "probe_size", size_json (row, LK_EXAMINATION_PROBE));
  json_object_set_member (o, "candidate_size", size_json (row, LK_EXAMINATION_CANDIDATE));
  json_object_set_double_member (o, "seconds_spent", row->seconds_spent);
  json_object_set_string_member (o, "feature_list", row->feature_list);
  json_object_set_string_member (o, "examiner", row->examiner);
  json_object_set_string_member (o, "started_at", row->started_at);
  json_object_set_string_member (o, "updated_at", row->updated_at);
  json_object_set_int_member (o, "revision", row->revision);
  json_object_set_boolean_member (o, "blind", row->blind);
}

static JsonObject *
exam_json (LkStore                 *store,
           const LkExaminationRow  *row,
           GError                 **error)
{
  g_autoptr(JsonObject) o = json_object_new ();
  int signed_now = lk_conclusions_current_signed (store, row->id, error);
  JsonArray *annotations = signed_now >= 0 ? annotations_json (store, row->id, error) : NULL;

  if (annotations == NULL)
    return NULL;
  set_row_members (o, row);
  json_object_set_array_member (o, "annotations", annotations);
  if (!set_stored_members (o, row, error))
    return NULL;
  json_object_set_boolean_member (o, "signed", signed_now > 0);
  return g_steal_pointer (&o);
}

JsonObject *
lk_examinations_to_json (LkStore  *store,
                         gint64    examination_id,
                         GError  **error)
{
  g_auto(LkExaminationRow) row = { 0 };

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
  g_auto(LkExaminationRow) row = { 0 };
  g_autofree char *object = lk_object_name ("examination", examination_id);
  g_autoptr(JsonObject) o = NULL;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if (!gate (session, examination_id, &actor, &row, error) ||
      !lk_audit_record (store, &actor, "examination.viewed", object, NULL, error) ||
      (o = exam_json (store, &row, error)) == NULL ||
      !lk_conclusions_add_json (store, examination_id, o, error))
    return NULL;
  return g_steal_pointer (&o);
}

LkExamination *
lk_examinations_get_examination (LkSession  *session,
                                 gint64      examination_id,
                                 GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(LkExaminationRow) row = { 0 };
  g_autofree char *object = lk_object_name ("examination", examination_id);
  g_autoptr(JsonObject) o = NULL;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if (!gate (session, examination_id, &actor, &row, error) ||
      !lk_audit_record (store, &actor, "examination.viewed", object, NULL, error) ||
      (o = exam_json (store, &row, error)) == NULL)
    return NULL;
  return lk_examination_new_from_json (o);
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
  return lk_stmt_done (stmt, error) && lk_examinations_touch (store, examination_id, error);
}

gboolean
lk_examinations_add_time (LkSession  *session,
                          gint64      examination_id,
                          double      seconds,
                          GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  g_auto(LkExaminationRow) row = { 0 };
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *object = lk_object_name ("examination", examination_id);
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  if (!(seconds > 0 && seconds <= MAX_SECONDS_PER_CALL))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "Time spent is recorded in steps of more than 0 and at most %g seconds",
                   MAX_SECONDS_PER_CALL);
      return FALSE;
    }
  if (!lk_examinations_begin_change (session, examination_id, &actor, &txn, &row, error))
    return FALSE;
  json_object_set_double_member (details, "seconds", seconds);
  json_object_set_double_member (details, "total", row.seconds_spent + seconds);
  return add_seconds (store, examination_id, seconds, error) &&
         lk_examinations_audit_and_commit (store, txn, &actor, "examination.time-added", object,
                                           details, error);
}

/* ---- navigation and summaries ------------------------------------------------------------- */

GListModel *
lk_examinations_retained (LkSession  *session,
                          gint64      probe_id,
                          GError    **error)
{
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListStore) retained = NULL;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if (!lk_session_require (session, LK_ROLE_EXAMINER, &actor, error) ||
      (all = lk_candidates_for_probe (session, probe_id, error)) == NULL)
    return NULL;
  retained = g_list_store_new (LK_TYPE_CANDIDATE);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(LkCandidate) c = g_list_model_get_item (all, i);
      g_autoptr(LkCandidate) shown = NULL;

      if (!g_str_equal (lk_candidate_get_triage_state (c), "retained"))
        continue;
      shown = lk_candidate_copy (c);
      lk_candidate_hide_scores (shown);
      lk_candidate_set_position (shown, (int) g_list_model_get_n_items (G_LIST_MODEL (retained))
                                        + 1);
      g_list_store_append (retained, shown);
    }
  return G_LIST_MODEL (g_steal_pointer (&retained));
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
lk_examinations_json_for_probe (LkStore  *store,
                                gint64    probe_id,
                                GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT e.id, e.candidate_id, k.subject_ref, u.name, e.purpose,"
                          " e.seconds_spent, (SELECT count(*) FROM annotations a"
                          "  WHERE a.examination_id = e.id AND a.deleted_at IS NULL),"
                          " e.alignment IS NOT NULL FROM examinations e"
                          " JOIN candidates k ON k.id = e.candidate_id"
                          " JOIN users u ON u.id = e.examiner_id"
                          " WHERE e.probe_id = ? ORDER BY e.id", error);
  g_autoptr(JsonArray) examinations = json_array_new ();

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, probe_id);
  while (lk_stmt_next (stmt, error))
    json_array_add_object_element (examinations, summary_json (stmt));
  if (lk_stmt_failed (stmt))
    return NULL;
  return g_steal_pointer (&examinations);
}
