/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The candidate lists of a case with their provenance, score reveals and triage: read once
 * here for `case show --json` and the report, each of which shows what its reader may see. */
#include "config.h"

#include "candidates/lk-candidate-lists-private.h"

#include "governance/lk-policy.h"
#include "lk-json.h"
#include "verification/lk-verification-gate-private.h"

typedef enum
{
  COLUMN_INT,
  COLUMN_DOUBLE,
  COLUMN_TEXT,
  COLUMN_BOOLEAN,
} ColumnType;

typedef struct
{
  const char *name;
  ColumnType  type;
} Column;

static const Column list_columns[] = {
  { "id", COLUMN_INT }, { "probe", COLUMN_INT }, { "engine", COLUMN_TEXT },
  { "engine_version", COLUMN_TEXT }, { "database", COLUMN_TEXT },
  { "legal_basis", COLUMN_TEXT }, { "held_by", COLUMN_TEXT }, { "threshold", COLUMN_DOUBLE },
  { "max_candidates", COLUMN_INT }, { "list_length", COLUMN_INT },
  { "performed_at", COLUMN_TEXT }, { "search_ms", COLUMN_DOUBLE },
  { "source_format", COLUMN_TEXT }, { "source_sha256", COLUMN_TEXT },
  { "imported_by", COLUMN_TEXT }, { "imported_at", COLUMN_TEXT },
  { "shuffled", COLUMN_BOOLEAN }, { NULL, 0 },
};
static const Column reveal_columns[] = {
  { "by", COLUMN_TEXT }, { "at", COLUMN_TEXT }, { "reason", COLUMN_TEXT }, { NULL, 0 },
};
static const Column candidate_columns[] = {
  { "id", COLUMN_INT }, { "rank", COLUMN_INT }, { "score", COLUMN_DOUBLE },
  { "subject_ref", COLUMN_TEXT }, { "image_sha256", COLUMN_TEXT },
  { "triage_state", COLUMN_TEXT }, { "triage_reason", COLUMN_TEXT },
  { "triage_by", COLUMN_TEXT }, { "triage_at", COLUMN_TEXT }, { NULL, 0 },
};

static void
set_column (JsonObject    *o,
            LkStmt        *stmt,
            int            i,
            const Column  *column)
{
  if (lk_stmt_is_null (stmt, i))
    json_object_set_null_member (o, column->name);
  else if (column->type == COLUMN_INT)
    json_object_set_int_member (o, column->name, lk_stmt_int64 (stmt, i));
  else if (column->type == COLUMN_DOUBLE)
    json_object_set_double_member (o, column->name, lk_stmt_double (stmt, i));
  else if (column->type == COLUMN_BOOLEAN)
    json_object_set_boolean_member (o, column->name, lk_stmt_int (stmt, i) != 0);
  else
    json_object_set_string_member (o, column->name, lk_stmt_text (stmt, i));
}

/* One object per row of @sql (with @id bound to its one parameter), named by @columns. */
static JsonArray *
read_rows (LkStore       *store,
           const char    *sql,
           gint64         id,
           const Column  *columns,
           GError       **error)
{
  g_autoptr(JsonArray) rows = json_array_new ();
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, id);
  while (lk_stmt_next (stmt, error))
    {
      JsonObject *o = json_object_new ();

      for (int i = 0; columns[i].name != NULL; i++)
        set_column (o, stmt, i, &columns[i]);
      json_array_add_object_element (rows, o);
    }
  if (lk_stmt_failed (stmt))
    return NULL;
  return g_steal_pointer (&rows);
}

static gboolean
add_list_parts (LkStore     *store,
                JsonObject  *list,
                GError     **error)
{
  gint64 id = json_object_get_int_member (list, "id");
  JsonArray *reveals, *candidates;

  reveals = read_rows (store, "SELECT u.name, r.at, r.reason FROM score_reveals r"
                              " JOIN users u ON u.id = r.user_id WHERE r.list_id = ?"
                              " ORDER BY r.id", id, reveal_columns, error);
  if (reveals == NULL)
    return FALSE;
  json_object_set_array_member (list, "reveals", reveals);
  candidates = read_rows (store, "SELECT k.id, k.rank, k.score, k.subject_ref, k.image_sha256,"
                                 " k.triage_state, k.triage_reason, u.name, k.triage_at"
                                 " FROM candidates k LEFT JOIN users u ON u.id = k.triage_by"
                                 " WHERE k.list_id = ? ORDER BY k.rank", id, candidate_columns,
                          error);
  if (candidates == NULL)
    return FALSE;
  json_object_set_array_member (list, "candidates", candidates);
  return TRUE;
}

JsonArray *
lk_candidate_lists_read (LkStore  *store,
                         gint64    case_id,
                         GError  **error)
{
  g_autoptr(LkStoreLock) locker = NULL;
  g_autoptr(JsonArray) lists = NULL;

  g_return_val_if_fail (LK_IS_STORE (store), NULL);

  locker = lk_store_lock (store);
  lists = read_rows (store, "SELECT l.id, l.probe_id, l.engine_name, l.engine_version, d.name,"
                            " d.legal_basis, d.held_by, l.threshold, l.max_candidates,"
                            " l.list_length, l.performed_at, l.search_ms, l.source_format,"
                            " l.source_sha256, u.name, l.imported_at,"
                            " EXISTS (SELECT 1 FROM list_presentations s WHERE s.list_id = l.id)"
                            " FROM candidate_lists l JOIN probes p ON p.id = l.probe_id"
                            " JOIN reference_databases d ON d.id = l.reference_db_id"
                            " JOIN users u ON u.id = l.imported_by WHERE p.case_id = ?"
                            " ORDER BY l.id", case_id, list_columns, error);
  for (guint i = 0; lists != NULL && i < json_array_get_length (lists); i++)
    if (!add_list_parts (store, json_array_get_object_element (lists, i), error))
      return NULL;
  return g_steal_pointer (&lists);
}

gboolean
lk_candidate_lists_scores_visible (LkStore   *store,
                                   gint64     list_id,
                                   gint64     user_id,
                                   gboolean  *visible,
                                   GError   **error)
{
  g_autoptr(LkStoreLock) locker = NULL;
  g_autoptr(LkStmt) stmt = NULL;
  gint64 show = 0;

  g_return_val_if_fail (LK_IS_STORE (store), FALSE);

  if (!lk_policy_get_int (store, "show_scores", &show, error))
    return FALSE;
  *visible = show == 1;
  if (*visible)
    return TRUE;
  locker = lk_store_lock (store);
  stmt = lk_store_stmt (store, "SELECT 1 FROM score_reveals WHERE list_id = ? AND user_id = ?",
                        error);
  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, list_id);
  lk_stmt_bind_int64 (stmt, 2, user_id);
  *visible = lk_stmt_next (stmt, error);
  return !lk_stmt_failed (stmt);
}

/* ---- inside `case show --json` ------------------------------------------------------------- */

static gint
by_subject (gconstpointer a,
            gconstpointer b)
{
  JsonObject *x = json_node_get_object (*(JsonNode * const *) a);
  JsonObject *y = json_node_get_object (*(JsonNode * const *) b);
  int order = g_strcmp0 (json_object_get_string_member (x, "subject_ref"),
                         json_object_get_string_member (y, "subject_ref"));

  return order != 0 ? order
                    : g_strcmp0 (json_object_get_string_member (x, "image_sha256"),
                                 json_object_get_string_member (y, "image_sha256"));
}

/* Ranks and scores hidden: the candidates in an order that tells nothing of their rank. */
static JsonArray *
without_ranks (JsonArray *candidates)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  JsonArray *out = json_array_new ();

  for (guint i = 0; i < json_array_get_length (candidates); i++)
    g_ptr_array_add (nodes, json_array_get_element (candidates, i));
  g_ptr_array_sort (nodes, by_subject);
  for (guint i = 0; i < nodes->len; i++)
    {
      JsonObject *k = json_node_get_object (g_ptr_array_index (nodes, i));

      json_object_remove_member (k, "rank");
      json_object_remove_member (k, "score");
      json_array_add_element (out, json_node_copy (g_ptr_array_index (nodes, i)));
    }
  return out;
}

static gboolean
redact_list (LkStore     *store,
             gint64       viewer_id,
             JsonObject  *list,
             GError     **error)
{
  gboolean visible;

  if (!lk_candidate_lists_scores_visible (store, json_object_get_int_member (list, "id"),
                                          viewer_id, &visible, error))
    return FALSE;
  json_object_set_boolean_member (list, "scores_visible", visible);
  if (!visible)
    json_object_set_array_member (list, "candidates",
                                  without_ranks (json_object_get_array_member (list,
                                                                               "candidates")));
  return TRUE;
}

/* Why @viewer_id may not see the lists of @probe: NULL when they may (or on an error). */
static const char *
withheld_because (LkStore     *store,
                  gint64       viewer_id,
                  JsonObject  *probe,
                  GError     **error)
{
  gint64 blind;

  if (g_strcmp0 (json_object_get_string_member_with_default (probe, "status", NULL),
                 "analysed") != 0)
    return "masked: candidates stay hidden until the probe's analysis is locked";
  blind = lk_verification_blind_candidate (store, viewer_id,
                                           json_object_get_int_member (probe, "id"), error);
  if (blind > 0)
    return "hidden: your blind verification of this probe waits for your own conclusion";
  return NULL;
}

static JsonArray *
lists_of_probe (LkStore     *store,
                gint64       viewer_id,
                JsonArray   *lists,
                gint64       probe_id,
                GError     **error)
{
  g_autoptr(JsonArray) mine = json_array_new ();

  for (guint i = 0; i < json_array_get_length (lists); i++)
    {
      JsonObject *list = json_array_get_object_element (lists, i);

      if (json_object_get_int_member (list, "probe") != probe_id)
        continue;
      if (!redact_list (store, viewer_id, list, error))
        return NULL;
      json_array_add_element (mine, json_node_copy (json_array_get_element (lists, i)));
    }
  return g_steal_pointer (&mine);
}

gboolean
lk_candidate_lists_add_case_json (LkStore     *store,
                                  gint64       case_id,
                                  gint64       viewer_id,
                                  JsonArray   *probes,
                                  GError     **error)
{
  g_autoptr(JsonArray) lists = NULL;

  g_return_val_if_fail (LK_IS_STORE (store), FALSE);
  g_return_val_if_fail (probes != NULL, FALSE);

  if ((lists = lk_candidate_lists_read (store, case_id, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (probes); i++)
    {
      JsonObject *probe = json_array_get_object_element (probes, i);
      g_autoptr(GError) local_error = NULL;
      const char *withheld = withheld_because (store, viewer_id, probe, &local_error);
      JsonArray *mine;

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (withheld != NULL)
        {
          json_object_set_string_member (probe, "candidate_lists_withheld", withheld);
          continue;
        }
      mine = lists_of_probe (store, viewer_id, lists, json_object_get_int_member (probe, "id"),
                             error);
      if (mine == NULL)
        return FALSE;
      json_object_set_array_member (probe, "candidate_lists", mine);
    }
  return TRUE;
}
