/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-json.h"

#include <string.h>

#include "casework/lk-cases.h"
#include "casework/lk-case-private.h"
#include "casework/lk-case-details-private.h"
#include "casework/lk-case-event-private.h"
#include "reference/lk-data.h"
#include "lk-error.h"
#include "lk-util.h"
#include "lk-time.h"
#include "store/lk-store-private.h"
#include "casework/lk-case-status-private.h"
#include "casework/lk-vocabulary.h"
#include "people/lk-roles.h"
#include "people/lk-session.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"
#include "candidates/lk-candidate-lists-private.h"
#include "candidates/lk-candidates-private.h"
#include "casework/lk-probes-private.h"
#include "casework/lk-analysis-private.h"
#include "verification/lk-competency.h"
#include "verification/lk-verification-gate-private.h"
#include "verification/lk-verifications-private.h"

/* The working sequence; approval states stand outside it. */
static const char * const sequence[] = {
  "open", "analysis", "examination", "verification", "closed", "archived", NULL,
};

/* ---- validation -------------------------------------------------------------------------- */

static gboolean
require_field (const char  *value,
               const char  *label,
               GError     **error)
{
  if (!lk_text_is_blank (value) && g_utf8_validate (value, -1, NULL))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "The %s is required", label);
  return FALSE;
}

/* A review lies ahead, and within the longest time a case is kept open without one. */
#define MAX_REVIEW_YEARS 10

static gboolean
check_review_date (const char  *date,
                   GError     **error)
{
  g_autoptr(GDateTime) parsed = NULL;

  if (date == NULL || *date == '\0')
    return TRUE;
  parsed = lk_date_parse_future (date, "review date", MAX_REVIEW_YEARS, error);
  return parsed != NULL;
}

static gboolean
validate_request (const LkCaseRequest  *r,
                  const LkOffence     **offence,
                  GError              **error)
{
  if (!require_field (r->number, "case number", error) ||
      !require_field (r->title, "title", error) ||
      !require_field (r->offence_code, "offence category", error) ||
      !require_field (r->legal_basis, "legal basis", error) ||
      !require_field (r->purpose, "purpose and necessity statement", error) ||
      !require_field (r->authorised_by, "authorising officer", error) ||
      !require_field (r->requested_by, "requesting unit", error) ||
      !lk_require_name (r->number, "case number", error) ||
      !lk_require_name (r->title, "title", error) ||
      !lk_require_name (r->authorised_by, "authorising officer", error) ||
      !lk_require_name (r->requested_by, "requesting unit", error) ||
      !check_review_date (r->review_date, error))
    return FALSE;
  if (strlen (r->number) > 64)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "A case number is at most 64 characters");
      return FALSE;
    }
  *offence = lk_offences_lookup (r->offence_code);
  if (*offence == NULL)
    {
      g_autofree char *quoted = lk_text_escape (r->offence_code);

      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "Unknown offence category “%s” (see likeness-cli case offences)", quoted);
      return FALSE;
    }
  return TRUE;
}

/* ---- writing ----------------------------------------------------------------------------- */


static gint64
insert_case (LkStore              *store,
             const LkCaseRequest  *r,
             const LkOffence      *offence,
             gint64                examiner_id,
             GError              **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO cases (number, title, offence_code, offence_name,"
                          " seriousness, legal_basis, purpose, authorised_by, requested_by,"
                          " review_date, status, examiner_id, created_at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)", error);
  const char *texts[] = { r->number, r->title, offence->code, offence->name };

  if (stmt == NULL)
    return 0;
  for (int i = 0; i < 4; i++)
    lk_stmt_bind_text (stmt, i + 1, texts[i]);
  lk_stmt_bind_int (stmt, 5, offence->seriousness);
  lk_stmt_bind_text (stmt, 6, r->legal_basis);
  lk_stmt_bind_text (stmt, 7, r->purpose);
  lk_stmt_bind_text (stmt, 8, r->authorised_by);
  lk_stmt_bind_text (stmt, 9, r->requested_by);
  if (r->review_date != NULL && *r->review_date != '\0')
    lk_stmt_bind_text (stmt, 10, r->review_date);
  lk_stmt_bind_int64 (stmt, 11, examiner_id);
  lk_stmt_bind_text (stmt, 12, now);
  return lk_stmt_insert_unique (stmt, error, "A case numbered %s already exists", r->number);
}

static JsonObject *
request_details (const LkCaseRequest *r,
                 const LkOffence     *offence)
{
  JsonObject *d = json_object_new ();

  json_object_set_string_member (d, "title", r->title);
  json_object_set_string_member (d, "offence", offence->code);
  json_object_set_int_member (d, "seriousness", offence->seriousness);
  json_object_set_string_member (d, "legal_basis", r->legal_basis);
  json_object_set_string_member (d, "purpose", r->purpose);
  json_object_set_string_member (d, "authorised_by", r->authorised_by);
  json_object_set_string_member (d, "requested_by", r->requested_by);
  return d;
}

LkCase *
lk_cases_create (LkSession            *session,
                 const LkCaseRequest  *request,
                 GError              **error)
{
  LkStore *store = lk_session_get_store (session);
  const LkOffence *offence = NULL;
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = NULL;
  gint64 id;
  LkActor actor;

  if (!lk_session_require (session, LK_ROLE_EXAMINER | LK_ROLE_ADMINISTRATOR, &actor, error) ||
      !validate_request (request, &offence, error) ||
      (txn = lk_txn_begin (store, error)) == NULL)
    return NULL;
  id = insert_case (store, request, offence, lk_session_get_user_id (session), error);
  details = request_details (request, offence);
  if (id == 0 ||
      !lk_audit_append (store, &actor, "case.created", request->number, details, error) ||
      !lk_case_status_set (store, &actor, lk_session_get_user_id (session), id, request->number,
                            offence->approval ? "awaiting-approval" : "open",
                            offence->approval ? "the offence category needs approval"
                                              : "case created", error) ||
      !lk_txn_commit (txn, error))
    return NULL;
  g_clear_pointer (&txn, lk_txn_free);
  return lk_cases_get (session, request->number, error);
}

/* ---- reading ----------------------------------------------------------------------------- */

static gboolean
record_consultation (LkSession   *session,
                     const char  *action,
                     const char  *object,
                     JsonObject  *details,
                     LkActor     *actor,
                     GError     **error)
{
  return lk_session_require (session, LK_CASEWORK_ROLES, actor, error) &&
         lk_audit_record (lk_session_get_store (session), actor, action, object, details, error);
}

static void
bind_filters (LkStmt     *stmt,
              const char *search,
              const char *status,
              const char *examiner)
{
  g_autofree char *pattern = search ? g_strdup_printf ("%%%s%%", search) : NULL;

  if (pattern != NULL)
    lk_stmt_bind_text (stmt, 1, pattern);
  if (status != NULL)
    lk_stmt_bind_text (stmt, 2, status);
  if (examiner != NULL)
    lk_stmt_bind_text (stmt, 3, examiner);
}

GListModel *
lk_cases_list (LkSession   *session,
               const char  *search,
               const char  *status,
               const char  *examiner,
               GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(GListStore) cases = g_list_store_new (LK_TYPE_CASE);
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(LkStoreLock) locker = NULL;
  g_autoptr(LkStmt) stmt = NULL;
  LkActor actor;

  if (status != NULL && !g_strv_contains (lk_vocabulary_case_statuses (), status))
    {
      g_autofree char *quoted = lk_text_escape (status);
      g_autofree char *all = g_strjoinv (", ", (char **) lk_vocabulary_case_statuses ());

      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "Unknown case status “%s” (one of: %s)", quoted, all);
      return NULL;
    }
  json_object_set_string_member (details, "search", search ? search : "");
  json_object_set_string_member (details, "status", status ? status : "");
  json_object_set_string_member (details, "examiner", examiner ? examiner : "");
  if (!record_consultation (session, "case.searched", "", details, &actor, error))
    return NULL;
  locker = lk_store_lock (store);
  stmt = lk_store_stmt (store, "SELECT " LK_CASE_COLUMNS
                               " WHERE (CAST (?1 AS TEXT) IS NULL"
                               " OR lower (c.number) LIKE lower (?1)"
                               " OR lower (c.title) LIKE lower (?1))"
                               " AND (CAST (?2 AS TEXT) IS NULL OR c.status = ?2)"
                               " AND (CAST (?3 AS TEXT) IS NULL OR u.name = ?3)"
                               " ORDER BY c.created_at DESC, c.id DESC", error);
  if (stmt == NULL)
    return NULL;
  bind_filters (stmt, search, status, examiner);
  while (lk_stmt_next (stmt, error))
    {
      g_autoptr(LkCase) c = lk_case_new_from_row (stmt);

      g_list_store_append (cases, c);
    }
  if (lk_stmt_failed (stmt))
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&cases));
}

static LkCase *
read_case (LkStore     *store,
           const char  *number,
           GError     **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT " LK_CASE_COLUMNS
                                                 " WHERE c.number = ?", error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_text (stmt, 1, number);
  if (!lk_stmt_row (stmt, error, "There is no case numbered %s", number))
    return NULL;
  return lk_case_new_from_row (stmt);
}

LkCase *
lk_cases_get (LkSession   *session,
              const char  *number,
              GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkCase) c = NULL;
  LkActor actor;

  /* The role first: a refused user learns nothing, not even whether the number exists. */
  if (!lk_session_require (session, LK_CASEWORK_ROLES, &actor, error) ||
      (c = read_case (store, number, error)) == NULL ||
      !lk_audit_record (store, &actor, "case.viewed", number, NULL, error))
    return NULL;
  return g_steal_pointer (&c);
}


/* ---- approval and status ----------------------------------------------------------------- */

gboolean
lk_cases_decide (LkSession   *session,
                 const char  *number,
                 gboolean     approve,
                 const char  *reason,
                 GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autofree char *status = NULL;
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(LkStmt) note = NULL;
  gint64 id;
  LkActor actor;

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error) ||
      !require_field (reason, "reason for the decision", error) ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      (id = lk_case_status_lookup (store, number, &status, error)) == 0)
    return FALSE;
  if (!g_str_equal (status, "awaiting-approval"))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "Case %s is not awaiting approval (it is %s)", number,
                   lk_vocabulary_case_status_label (status));
      return FALSE;
    }
  note = lk_store_stmt (store, "UPDATE cases SET decision_note = ? WHERE id = ?", error);
  if (note == NULL)
    return FALSE;
  lk_stmt_bind_text (note, 1, reason);
  lk_stmt_bind_int64 (note, 2, id);
  return lk_stmt_done (note, error) &&
         lk_case_status_set (store, &actor, lk_session_get_user_id (session), id, number,
                              approve ? "open" : "rejected", reason, error) &&
         lk_txn_commit (txn, error);
}

static int
sequence_index (const char *status)
{
  for (int i = 0; sequence[i] != NULL; i++)
    if (g_str_equal (sequence[i], status))
      return i;
  return -1;
}

static gboolean
check_step (LkStore     *store,
            gint64       case_id,
            const char  *from,
            const char  *to,
            const char  *reason,
            GError     **error)
{
  int a = sequence_index (from), b = sequence_index (to);

  if (a < 0 || b < 0 || (b != a + 1 && b != a - 1))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "A case moves one step at a time; it cannot go from %s to %s",
                   lk_vocabulary_case_status_label (from), lk_vocabulary_case_status_label (to));
      return FALSE;
    }
  if (lk_text_is_blank (reason))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "Moving a case by hand to %s needs a reason (the status otherwise moves by "
                   "itself as the work is done)", lk_vocabulary_case_status_label (to));
      return FALSE;
    }
  if (g_str_equal (to, "examination"))
    return lk_analysis_check_all_done (store, case_id, error);
  if (g_str_equal (to, "verification"))
    return lk_candidates_check_triaged (store, case_id, error);
  if (g_str_equal (to, "closed"))
    return lk_verification_check_case_verified (store, case_id, error);
  return TRUE;
}

gboolean
lk_cases_move (LkSession   *session,
               const char  *number,
               const char  *status,
               const char  *reason,
               GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autofree char *current = NULL;
  g_autoptr(LkTxn) txn = NULL;
  gint64 id;
  LkActor actor;

  if (!lk_session_require_to (session, LK_ROLE_ADMINISTRATOR,
                              g_strcmp0 (status, "closed") == 0 ? "close a case"
                              : "move a case to another status", &actor, error) ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      (id = lk_case_status_lookup (store, number, &current, error)) == 0 ||
      !check_step (store, id, current, status, reason, error))
    return FALSE;
  return lk_case_status_set (store, &actor, lk_session_get_user_id (session), id, number, status,
                              reason, error) &&
         lk_txn_commit (txn, error);
}

/* ---- details ----------------------------------------------------------------------------- */

/* The status history, oldest first. */
static GListModel *
read_history (LkStore  *store,
              gint64    case_id,
              GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT h.status, h.at, u.name, h.reason FROM case_status_history h"
                          " JOIN users u ON u.id = h.user_id WHERE h.case_id = ? ORDER BY h.id",
                   error);
  g_autoptr(GListStore) history = g_list_store_new (LK_TYPE_CASE_EVENT);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, case_id);
  while (lk_stmt_next (stmt, error))
    {
      g_autoptr(LkCaseEvent) event = lk_case_event_new (lk_stmt_text (stmt, 0),
                                                        lk_stmt_text (stmt, 1),
                                                        lk_stmt_text (stmt, 2),
                                                        lk_stmt_text (stmt, 3));

      g_list_store_append (history, event);
    }
  if (lk_stmt_failed (stmt))
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&history));
}

LkCaseDetails *
lk_cases_get_details (LkSession   *session,
                      const char  *number,
                      GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkCase) c = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GListModel) probes = NULL;

  /* lk_cases_get checks the role and records the one consultation; what follows is the same
   * case read further, as lk_cases_to_json does. */
  if ((c = lk_cases_get (session, number, error)) == NULL ||
      (history = read_history (store, lk_case_get_id (c), error)) == NULL ||
      (probes = lk_probes_list_for_case (store, lk_case_get_id (c), error)) == NULL)
    return NULL;
  return lk_case_details_new (c, history, probes, lk_store_is_demo (store));
}

/* ---- JSON -------------------------------------------------------------------------------- */

static JsonArray *
history_json (GListModel *history)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(LkCaseEvent) event = g_list_model_get_item (history, i);
      JsonObject *o = json_object_new ();

      lk_json_set_text (o, "status", lk_case_event_get_status (event));
      lk_json_set_text (o, "at", lk_case_event_get_at (event));
      lk_json_set_text (o, "by", lk_case_event_get_by (event));
      lk_json_set_text (o, "reason", lk_case_event_get_reason (event));
      json_array_add_object_element (array, o);
    }
  return array;
}

static JsonObject *
case_json (LkCase   *c,
           gboolean  demo)
{
  JsonObject *o = json_object_new ();

  lk_json_set_text (o, "number", lk_case_get_number (c));
  lk_json_set_text (o, "title", lk_case_get_title (c));
  lk_json_set_text (o, "status", lk_case_get_status (c));
  lk_json_set_text (o, "offence", lk_case_get_offence_code (c));
  lk_json_set_text (o, "offence_name", lk_case_get_offence_name (c));
  json_object_set_int_member (o, "seriousness", lk_case_get_seriousness (c));
  lk_json_set_text (o, "legal_basis", lk_case_get_legal_basis (c));
  lk_json_set_text (o, "purpose", lk_case_get_purpose (c));
  lk_json_set_text (o, "authorised_by", lk_case_get_authorised_by (c));
  lk_json_set_text (o, "requested_by", lk_case_get_requested_by (c));
  lk_json_set_text (o, "review_date", lk_case_get_review_date (c));
  lk_json_set_text (o, "examiner", lk_case_get_examiner (c));
  lk_json_set_text (o, "created_at", lk_case_get_created_at (c));
  lk_json_set_text (o, "decision_note", lk_case_get_decision_note (c));
  lk_json_set_text (o, "workspace", demo ? "demo" : "casework");
  lk_json_set_text (o, "result_use", "Investigative lead only, never an identification");
  return o;
}

JsonObject *
lk_cases_to_json (LkSession   *session,
                  const char  *number,
                  GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkCase) c = lk_cases_get (session, number, error);
  g_autoptr(GListModel) history = NULL;
  g_autoptr(JsonObject) o = NULL;
  JsonArray *probes;
  gboolean checked = TRUE;

  if (c == NULL || (history = read_history (store, lk_case_get_id (c), error)) == NULL ||
      !lk_competencies_required (store, &checked, error))
    return NULL;
  o = case_json (c, lk_store_is_demo (store));
  json_object_set_array_member (o, "history", history_json (history));
  if ((probes = lk_probes_json_for_case (store, lk_case_get_id (c), error)) == NULL)
    return NULL;
  json_object_set_array_member (o, "probes", probes);
  json_object_set_boolean_member (o, "competency_checked", checked);
  if (!lk_candidate_lists_add_case_json (store, lk_case_get_id (c),
                                         lk_session_get_user_id (session), probes, error) ||
      !lk_verifications_add_case_json (store, lk_session_get_user_id (session), probes, error))
    return NULL;
  return g_steal_pointer (&o);
}
