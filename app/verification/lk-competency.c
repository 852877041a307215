/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "verification/lk-competency.h"
#include "verification/lk-competency-private.h"

#include "governance/lk-policy.h"
#include "lk-error.h"
#include "lk-util.h"
#include "people/lk-roles.h"
#include "store/lk-audit.h"
#include "store/lk-store-private.h"

static const char * const kinds[] = { "examiner", "reviewer", NULL };

struct _LkCompetency
{
  GObject  parent_instance;

  gint64   id;
  char    *user;
  char    *kind;
  char    *valid_from;
  char    *valid_until;
  char    *evidence;
  char    *recorded_by;
  char    *recorded_at;
  char    *revoked_at;
  char    *revoke_reason;
};

G_DEFINE_FINAL_TYPE (LkCompetency, lk_competency, G_TYPE_OBJECT)

static void
lk_competency_finalize (GObject *object)
{
  LkCompetency *self = LK_COMPETENCY (object);

  g_free (self->user);
  g_free (self->kind);
  g_free (self->valid_from);
  g_free (self->valid_until);
  g_free (self->evidence);
  g_free (self->recorded_by);
  g_free (self->recorded_at);
  g_free (self->revoked_at);
  g_free (self->revoke_reason);
  G_OBJECT_CLASS (lk_competency_parent_class)->finalize (object);
}

static void
lk_competency_class_init (LkCompetencyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_competency_finalize;
}

static void
lk_competency_init (LkCompetency *self)
{
}

#define GETTER(field) \
  const char * \
  lk_competency_get_##field (LkCompetency *self) \
  { \
    g_return_val_if_fail (LK_IS_COMPETENCY (self), NULL); \
    return self->field; \
  }

GETTER (user)
GETTER (kind)
GETTER (valid_from)
GETTER (valid_until)
GETTER (evidence)
GETTER (recorded_by)
GETTER (recorded_at)
GETTER (revoked_at)
GETTER (revoke_reason)

gint64
lk_competency_get_id (LkCompetency *self)
{
  g_return_val_if_fail (LK_IS_COMPETENCY (self), 0);
  return self->id;
}

static char *
today_utc (void)
{
  g_autofree char *now = lk_now_utc ();

  return g_strndup (now, 10);
}

const char *
lk_competency_get_state (LkCompetency *self,
                         const char   *today)
{
  g_autofree char *own = NULL;

  g_return_val_if_fail (LK_IS_COMPETENCY (self), NULL);

  if (today == NULL)
    today = own = today_utc ();
  if (self->revoked_at != NULL)
    return "revoked";
  if (strcmp (today, self->valid_from) < 0)
    return "not-yet-valid";
  if (strcmp (today, self->valid_until) > 0)
    return "expired";
  return "current";
}

const char * const *
lk_competency_kinds (void)
{
  return kinds;
}

/* ---- reading ------------------------------------------------------------------------------- */

#define COLUMNS \
  "c.id, u.name, c.kind, c.valid_from, c.valid_until, c.evidence, r.name, c.recorded_at," \
  " c.revoked_at, c.revoke_reason FROM competencies c JOIN users u ON u.id = c.user_id" \
  " JOIN users r ON r.id = c.recorded_by"

static LkCompetency *
from_row (LkStmt *stmt)
{
  LkCompetency *self = g_object_new (LK_TYPE_COMPETENCY, NULL);

  self->id = lk_stmt_int64 (stmt, 0);
  self->user = lk_stmt_dup_text (stmt, 1);
  self->kind = lk_stmt_dup_text (stmt, 2);
  self->valid_from = lk_stmt_dup_text (stmt, 3);
  self->valid_until = lk_stmt_dup_text (stmt, 4);
  self->evidence = lk_stmt_dup_text (stmt, 5);
  self->recorded_by = lk_stmt_dup_text (stmt, 6);
  self->recorded_at = lk_stmt_dup_text (stmt, 7);
  self->revoked_at = lk_stmt_dup_text (stmt, 8);
  self->revoke_reason = lk_stmt_dup_text (stmt, 9);
  return self;
}

static GListModel *
read_records (LkStore     *store,
              const char  *user_name,
              const char  *kind,
              GError     **error)
{
  g_autoptr(GListStore) list = g_list_store_new (LK_TYPE_COMPETENCY);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT " COLUMNS " WHERE (CAST (?1 AS TEXT) IS NULL OR u.name = ?1)"
                          " AND (CAST (?2 AS TEXT) IS NULL OR c.kind = ?2)"
                          " ORDER BY c.recorded_at DESC, c.id DESC", error);

  if (stmt == NULL)
    return NULL;
  if (user_name != NULL)
    lk_stmt_bind_text (stmt, 1, user_name);
  if (kind != NULL)
    lk_stmt_bind_text (stmt, 2, kind);
  while (lk_stmt_next (stmt, error))
    {
      g_autoptr(LkCompetency) record = from_row (stmt);

      g_list_store_append (list, record);
    }
  if (lk_stmt_failed (stmt))
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&list));
}

GListModel *
lk_competencies_list (LkSession   *session,
                      const char  *user_name,
                      GError     **error)
{
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  if (!lk_session_require (session, LK_ROLES_ALL, &actor, error))
    return NULL;
  if (!lk_session_has_role (session, LK_ROLE_ADMINISTRATOR))
    {
      if (user_name != NULL && !g_str_equal (user_name, lk_session_get_user_name (session)))
        {
          g_set_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED,
                       "Permission denied: only administrators read other users' competency "
                       "records");
          return NULL;
        }
      user_name = lk_session_get_user_name (session);
    }
  return read_records (lk_session_get_store (session), user_name, NULL, error);
}

gboolean
lk_competencies_required (LkStore   *store,
                          gboolean  *required,
                          GError   **error)
{
  gint64 value = 0;

  g_return_val_if_fail (required != NULL, FALSE);

  if (!lk_policy_get_int (store, "require_competency", &value, error))
    return FALSE;
  *required = value != 0;
  return TRUE;
}

/* The most telling record of a user who holds no current one: a revoked, expired or future
 * record names itself; none at all says so. */
static gboolean
explain_missing (GListModel  *records,
                 const char  *user_name,
                 const char  *kind,
                 const char  *today,
                 GError     **error)
{
  g_autoptr(LkCompetency) newest = g_list_model_get_item (records, 0);
  const char *state;

  if (newest == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_REFUSED,
                   "%s has no %s competency record; an administrator records one under "
                   "Administration, Competency (or likeness-cli competency add)",
                   user_name, kind);
      return FALSE;
    }
  state = lk_competency_get_state (newest, today);
  if (g_str_equal (state, "revoked"))
    g_set_error (error, LK_ERROR, LK_ERROR_REFUSED,
                 "%s's %s competency record %" G_GINT64_FORMAT " was revoked on %.10s: %s",
                 user_name, kind, newest->id, newest->revoked_at, newest->revoke_reason);
  else if (g_str_equal (state, "expired"))
    g_set_error (error, LK_ERROR, LK_ERROR_REFUSED,
                 "%s's %s competency record %" G_GINT64_FORMAT " expired after %s (%s)",
                 user_name, kind, newest->id, newest->valid_until, newest->evidence);
  else
    g_set_error (error, LK_ERROR, LK_ERROR_REFUSED,
                 "%s's %s competency record %" G_GINT64_FORMAT " is valid only from %s",
                 user_name, kind, newest->id, newest->valid_from);
  return FALSE;
}

gboolean
lk_competencies_check (LkStore     *store,
                       const char  *user_name,
                       const char  *kind,
                       GError     **error)
{
  g_autofree char *today = today_utc ();
  g_autoptr(GListModel) records = NULL;
  gboolean required = TRUE;

  if (!lk_competencies_required (store, &required, error))
    return FALSE;
  if (!required)
    return TRUE;
  if ((records = read_records (store, user_name, kind, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(LkCompetency) record = g_list_model_get_item (records, i);

      if (g_str_equal (lk_competency_get_state (record, today), "current"))
        return TRUE;
    }
  return explain_missing (records, user_name, kind, today, error);
}

/* ---- changes ------------------------------------------------------------------------------- */

static gboolean
check_date (const char  *text,
            const char  *what,
            GError     **error)
{
  unsigned y, m, d;
  char end;

  if (text != NULL && strlen (text) == 10 &&
      sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &end) == 3 && text[4] == '-' &&
      text[7] == '-' && y >= 2000 && y <= 2200 && g_date_valid_dmy (d, m, y))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "The %s date must be a date written YYYY-MM-DD between 2000 and 2200", what);
  return FALSE;
}

static gboolean
check_record (LkStore     *store,
              const char  *user_name,
              const char  *kind,
              const char  *valid_from,
              const char  *valid_until,
              const char  *evidence,
              gint64      *user_id,
              GError     **error)
{
  g_autoptr(LkStmt) stmt = NULL;
  LkRoles needed;

  if (kind == NULL || !g_strv_contains (kinds, kind))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "A competency record is of kind examiner or reviewer");
      return FALSE;
    }
  if (!check_date (valid_from, "valid-from", error) ||
      !check_date (valid_until, "valid-until", error) ||
      !lk_require_text (evidence, "A competency record needs its evidence: a course, a "
                        "proficiency test or a supervisor's sign-off", error))
    return FALSE;
  if (strcmp (valid_from, valid_until) > 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "A competency record cannot end (%s) before it begins (%s)", valid_until,
                   valid_from);
      return FALSE;
    }
  stmt = lk_store_stmt (store, "SELECT id, roles FROM users WHERE name = ?", error);
  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, user_name ? user_name : "");
  if (!lk_stmt_row (stmt, error, "There is no user %s", user_name ? user_name : "(none)"))
    return FALSE;
  *user_id = lk_stmt_int64 (stmt, 0);
  needed = g_str_equal (kind, "examiner") ? LK_ROLE_EXAMINER : LK_ROLE_REVIEWER;
  if ((lk_stmt_int64 (stmt, 1) & needed) == 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "%s does not hold the %s role; give the role first", user_name,
                   lk_role_label (needed));
      return FALSE;
    }
  return TRUE;
}

static JsonObject *
record_details (const char *user_name,
                const char *kind,
                const char *valid_from,
                const char *valid_until,
                const char *evidence)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "user", user_name);
  json_object_set_string_member (o, "kind", kind);
  json_object_set_string_member (o, "valid_from", valid_from);
  json_object_set_string_member (o, "valid_until", valid_until);
  json_object_set_string_member (o, "evidence", evidence);
  return o;
}

gint64
lk_competencies_insert (LkStore     *store,
                        LkActor     *actor,
                        gint64       recorded_by,
                        const char  *user_name,
                        const char  *kind,
                        const char  *valid_from,
                        const char  *valid_until,
                        const char  *evidence,
                        GError     **error)
{
  g_autofree char *now = lk_now_utc ();
  g_autofree char *object = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (evidence ? evidence : ""));
  g_autoptr(LkStmt) stmt = NULL;
  g_autoptr(JsonObject) details = NULL;
  gint64 user_id = 0, id;

  if (!check_record (store, user_name, kind, valid_from, valid_until, evidence, &user_id, error) ||
      (stmt = lk_store_stmt (store, "INSERT INTO competencies (user_id, kind, valid_from,"
                                    " valid_until, evidence, recorded_by, recorded_at)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?)", error)) == NULL)
    return 0;
  lk_stmt_bind_int64 (stmt, 1, user_id);
  lk_stmt_bind_text (stmt, 2, kind);
  lk_stmt_bind_text (stmt, 3, valid_from);
  lk_stmt_bind_text (stmt, 4, valid_until);
  lk_stmt_bind_text (stmt, 5, stripped);
  lk_stmt_bind_int64 (stmt, 6, recorded_by);
  lk_stmt_bind_text (stmt, 7, now);
  if ((id = lk_stmt_insert (stmt, error)) == 0)
    return 0;
  g_clear_pointer (&stmt, lk_stmt_release);
  object = lk_object_name ("competency", id);
  details = record_details (user_name, kind, valid_from, valid_until, evidence);
  if (!lk_audit_append (store, actor, "competency.added", object, details, error))
    return 0;
  return id;
}

gint64
lk_competencies_add (LkSession   *session,
                     const char  *user_name,
                     const char  *kind,
                     const char  *valid_from,
                     const char  *valid_until,
                     const char  *evidence,
                     GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = NULL;
  LkActor actor;
  gint64 id;

  g_return_val_if_fail (LK_IS_SESSION (session), 0);

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error) ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      (id = lk_competencies_insert (store, &actor, lk_session_get_user_id (session), user_name,
                                    kind, valid_from, valid_until, evidence, error)) == 0 ||
      !lk_txn_commit (txn, error))
    return 0;
  return id;
}

gboolean
lk_competencies_revoke (LkSession   *session,
                        gint64       id,
                        const char  *reason,
                        GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autofree char *now = lk_now_utc ();
  g_autofree char *object = lk_object_name ("competency", id);
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(LkStmt) stmt = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *stripped = g_strstrip (g_strdup (reason ? reason : ""));
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), FALSE);

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error) ||
      !lk_require_text (reason, "Revoking a competency record needs a reason", error) ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      (stmt = lk_store_stmt (store, "UPDATE competencies SET revoked_by = ?, revoked_at = ?,"
                                    " revoke_reason = ? WHERE id = ? AND revoked_at IS NULL",
                             error)) == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, lk_session_get_user_id (session));
  lk_stmt_bind_text (stmt, 2, now);
  lk_stmt_bind_text (stmt, 3, stripped);
  lk_stmt_bind_int64 (stmt, 4, id);
  if (!lk_stmt_done (stmt, error))
    return FALSE;
  if (lk_stmt_changes (stmt) != 1)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND,
                   "There is no competency record %" G_GINT64_FORMAT " that is not revoked", id);
      return FALSE;
    }
  g_clear_pointer (&stmt, lk_stmt_release);
  json_object_set_string_member (details, "reason", reason);
  return lk_audit_append (store, &actor, "competency.revoked", object, details, error) &&
         lk_txn_commit (txn, error);
}

JsonArray *
lk_competencies_to_json (GListModel *records)
{
  JsonArray *array = json_array_new ();
  g_autofree char *today = today_utc ();

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(LkCompetency) r = g_list_model_get_item (records, i);
      JsonObject *o = record_details (r->user, r->kind, r->valid_from, r->valid_until,
                                      r->evidence);

      json_object_set_int_member (o, "id", r->id);
      json_object_set_string_member (o, "recorded_by", r->recorded_by);
      json_object_set_string_member (o, "recorded_at", r->recorded_at);
      json_object_set_string_member (o, "revoked_at", r->revoked_at);
      json_object_set_string_member (o, "revoke_reason", r->revoke_reason);
      json_object_set_string_member (o, "state", lk_competency_get_state (r, today));
      json_array_add_object_element (array, o);
    }
  return array;
}
