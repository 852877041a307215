/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-json.h"

#include <string.h>

#include "casework/lk-cases.h"
#include "reference/lk-data.h"
#include "lk-error.h"
#include "lk-util.h"
#include "store/lk-store-private.h"
#include "casework/lk-case-status-private.h"
#include "casework/lk-vocabulary.h"
#include "people/lk-roles.h"
#include "people/lk-session.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"
#include "candidates/lk-candidates-private.h"
#include "casework/lk-probes-private.h"
#include "casework/lk-analysis-private.h"

G_DEFINE_BOXED_TYPE (LkCase, lk_case, lk_case_copy, lk_case_free)

/* The working sequence; approval states stand outside it. */
static const char * const sequence[] = {
  "open", "analysis", "examination", "verification", "closed", "archived", NULL,
};

LkCase *
lk_case_copy (const LkCase *c)
{
  LkCase *copy = g_memdup2 (c, sizeof *c);

  copy->number = g_strdup (c->number);
  copy->title = g_strdup (c->title);
  copy->offence_code = g_strdup (c->offence_code);
  copy->offence_name = g_strdup (c->offence_name);
  copy->legal_basis = g_strdup (c->legal_basis);
  copy->purpose = g_strdup (c->purpose);
  copy->authorised_by = g_strdup (c->authorised_by);
  copy->requested_by = g_strdup (c->requested_by);
  copy->review_date = g_strdup (c->review_date);
  copy->status = g_strdup (c->status);
  copy->examiner = g_strdup (c->examiner);
  copy->created_at = g_strdup (c->created_at);
  copy->decision_note = g_strdup (c->decision_note);
  return copy;
}

void
lk_case_free (LkCase *c)
{
  if (c == NULL)
    return;
  g_free (c->number);
  g_free (c->title);
  g_free (c->offence_code);
  g_free (c->offence_name);
  g_free (c->legal_basis);
  g_free (c->purpose);
  g_free (c->authorised_by);
  g_free (c->requested_by);
  g_free (c->review_date);
  g_free (c->status);
  g_free (c->examiner);
  g_free (c->created_at);
  g_free (c->decision_note);
  g_free (c);
}

#define CASE_COLUMNS \
  "c.id, c.number, c.title, c.offence_code, c.offence_name, c.seriousness, c.legal_basis," \
  " c.purpose, c.authorised_by, c.requested_by, c.review_date, c.status, u.name, c.created_at," \
  " c.decision_note, (SELECT count(*) FROM probes p WHERE p.case_id = c.id)" \
  " FROM cases c JOIN users u ON u.id = c.examiner_id"

static char *
col_text (LkStmt *stmt,
          int     i)
{
  return lk_stmt_dup_text (stmt, i);
}

static LkCase *
case_from_row (LkStmt *stmt)
{
  LkCase *c = g_new0 (LkCase, 1);

  c->id = lk_stmt_int64 (stmt, 0);
  c->number = col_text (stmt, 1);
  c->title = col_text (stmt, 2);
  c->offence_code = col_text (stmt, 3);
  c->offence_name = col_text (stmt, 4);
  c->seriousness = lk_stmt_int (stmt, 5);
  c->legal_basis = col_text (stmt, 6);
  c->purpose = col_text (stmt, 7);
  c->authorised_by = col_text (stmt, 8);
  c->requested_by = col_text (stmt, 9);
  c->review_date = col_text (stmt, 10);
  c->status = col_text (stmt, 11);
  c->examiner = col_text (stmt, 12);
  c->created_at = col_text (stmt, 13);
  c->decision_note = col_text (stmt, 14);
  c->n_probes = lk_stmt_int (stmt, 15);
  return c;
}

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

static gboolean
check_review_date (const char  *date,
                   GError     **error)
{
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) parsed = NULL;

  if (date == NULL || *date == '\0')
    return TRUE;
  iso = g_strdup_printf ("%sT00:00:00Z", date);
  parsed = g_date_time_new_from_iso8601 (iso, NULL);
  if (parsed != NULL && strlen (date) == 10)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "The review date “%s” is not a date of the form YYYY-MM-DD", date);
  return FALSE;
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
      !check_review_date (r->review_date, error))
    return FALSE;
  if (strlen (r->number) > 64)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "A case number is at most 64 characters");
      return FALSE;
    }
  *offence = lk_offence_lookup (r->offence_code);
  if (*offence == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "Unknown offence category “%s” (see likeness-cli case offences)",
                   r->offence_code);
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

GPtrArray *
lk_cases_list (LkSession   *session,
               const char  *search,
               const char  *status,
               const char  *examiner,
               GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_case_free);
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(LkStoreLock) locker = NULL;
  g_autoptr(LkStmt) stmt = NULL;
  LkActor actor;

  json_object_set_string_member (details, "search", search ? search : "");
  json_object_set_string_member (details, "status", status ? status : "");
  json_object_set_string_member (details, "examiner", examiner ? examiner : "");
  if (!record_consultation (session, "case.searched", "", details, &actor, error))
    return NULL;
  locker = lk_store_lock (store);
  stmt = lk_store_stmt (store, "SELECT " CASE_COLUMNS
                               " WHERE (?1 IS NULL OR c.number LIKE ?1 OR c.title LIKE ?1)"
                               " AND (?2 IS NULL OR c.status = ?2)"
                               " AND (?3 IS NULL OR u.name = ?3)"
                               " ORDER BY c.created_at DESC, c.id DESC", error);
  if (stmt == NULL)
    return NULL;
  bind_filters (stmt, search, status, examiner);
  while (lk_stmt_next (stmt, error))
    g_ptr_array_add (cases, case_from_row (stmt));
  if (lk_stmt_failed (stmt))
    return NULL;
  return g_steal_pointer (&cases);
}

static LkCase *
read_case (LkStore     *store,
           const char  *number,
           GError     **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT " CASE_COLUMNS " WHERE c.number = ?",
                                          error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_text (stmt, 1, number);
  if (!lk_stmt_row (stmt, error, "There is no case numbered %s", number))
    return NULL;
  return case_from_row (stmt);
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
  if (b == a - 1 && lk_text_is_blank (reason))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "Moving a case back to %s needs a reason", lk_vocabulary_case_status_label (to));
      return FALSE;
    }
  if (g_str_equal (to, "examination"))
    return lk_analysis_check_all_done (store, case_id, error);
  if (g_str_equal (to, "verification"))
    return lk_candidates_check_triaged (store, case_id, error);
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

  if (!lk_session_require (session, LK_ROLE_EXAMINER | LK_ROLE_ADMINISTRATOR, &actor, error) ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      (id = lk_case_status_lookup (store, number, &current, error)) == 0 ||
      !check_step (store, id, current, status, reason, error))
    return FALSE;
  return lk_case_status_set (store, &actor, lk_session_get_user_id (session), id, number, status,
                              lk_text_is_blank (reason) ? "moved on" : reason, error) &&
         lk_txn_commit (txn, error);
}

/* ---- JSON -------------------------------------------------------------------------------- */

static JsonArray *
history_json (LkStore  *store,
              gint64    case_id,
              GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT h.status, h.at, u.name, h.reason FROM case_status_history h"
                          " JOIN users u ON u.id = h.user_id WHERE h.case_id = ? ORDER BY h.id",
                   error);
  JsonArray *history;

  if (stmt == NULL)
    return NULL;
  history = json_array_new ();
  lk_stmt_bind_int64 (stmt, 1, case_id);
  while (lk_stmt_next (stmt, error))
    {
      JsonObject *o = json_object_new ();

      lk_json_set_text (o, "status", lk_stmt_text (stmt, 0));
      lk_json_set_text (o, "at", lk_stmt_text (stmt, 1));
      lk_json_set_text (o, "by", lk_stmt_text (stmt, 2));
      lk_json_set_text (o, "reason", lk_stmt_text (stmt, 3));
      json_array_add_object_element (history, o);
    }
  if (lk_stmt_failed (stmt))
    g_clear_pointer (&history, json_array_unref);
  return history;
}

static JsonObject *
case_json (const LkCase *c,
           gboolean      demo)
{
  JsonObject *o = json_object_new ();

  lk_json_set_text (o, "number", c->number);
  lk_json_set_text (o, "title", c->title);
  lk_json_set_text (o, "status", c->status);
  lk_json_set_text (o, "offence", c->offence_code);
  lk_json_set_text (o, "offence_name", c->offence_name);
  json_object_set_int_member (o, "seriousness", c->seriousness);
  lk_json_set_text (o, "legal_basis", c->legal_basis);
  lk_json_set_text (o, "purpose", c->purpose);
  lk_json_set_text (o, "authorised_by", c->authorised_by);
  lk_json_set_text (o, "requested_by", c->requested_by);
  lk_json_set_text (o, "review_date", c->review_date);
  lk_json_set_text (o, "examiner", c->examiner);
  lk_json_set_text (o, "created_at", c->created_at);
  lk_json_set_text (o, "decision_note", c->decision_note);
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
  g_autoptr(JsonObject) o = NULL;
  JsonArray *history, *probes;

  if (c == NULL)
    return NULL;
  o = case_json (c, lk_store_is_demo (store));
  if ((history = history_json (store, c->id, error)) == NULL)
    return NULL;
  json_object_set_array_member (o, "history", history);
  if ((probes = lk_probes_json_for_case (store, c->id, error)) == NULL)
    return NULL;
  json_object_set_array_member (o, "probes", probes);
  return g_steal_pointer (&o);
}
