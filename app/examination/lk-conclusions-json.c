/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Conclusions as JSON, and the canonical content their SHA-256 covers. Every conclusion object
 * carries "result_use": it is an investigative lead, never an identification. */
#include "config.h"

#include "lk-json.h"

#include "examination/lk-conclusion-private.h"
#include "examination/lk-conclusions-private.h"
#include "governance/lk-feature-lists.h"
#include "store/lk-store-private.h"
#include "examination/lk-conclusions.h"
#include "people/lk-session.h"
#include "reference/lk-data.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

#define TEXT(i) (lk_stmt_text (stmt, (i)))

/* ---- canonical content --------------------------------------------------------------------- */

char *
lk_conclusion_canonical (const LkConclusionContent *c)
{
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  json_object_set_string_member (o, "format", "likeness-conclusion");
  json_object_set_int_member (o, "version", 1);
  json_object_set_int_member (o, "examination", c->examination_id);
  json_object_set_int_member (o, "revision", c->revision);
  if (c->amends > 0)
    json_object_set_int_member (o, "amends", c->amends);
  else
    json_object_set_null_member (o, "amends");
  lk_json_set_text (o, "amendment_reason", c->amendment_reason);
  json_object_set_string_member (o, "scale", c->scale);
  json_object_set_string_member (o, "scale_version", c->scale_version);
  json_object_set_string_member (o, "outcome", c->outcome);
  if (c->has_ordinal)
    json_object_set_int_member (o, "ordinal", c->ordinal);
  else
    json_object_set_null_member (o, "ordinal");
  json_object_set_string_member (o, "level", c->level_label);
  json_object_set_string_member (o, "propositions", c->propositions);
  json_object_set_string_member (o, "reasoning", c->reasoning);
  json_object_set_string_member (o, "limitations", c->limitations);
  json_object_set_string_member (o, "warnings", c->warnings);
  json_object_set_string_member (o, "observations", c->observations);
  json_object_set_string_member (o, "signed_by", c->signed_by);
  json_object_set_string_member (o, "signed_at", c->signed_at);
  node = json_node_init_object (json_node_alloc (), o);
  return json_to_string (node, FALSE);
}

char *
lk_conclusion_sha256 (const LkConclusionContent *content)
{
  g_autofree char *canonical = lk_conclusion_canonical (content);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
}

/* ---- rows ---------------------------------------------------------------------------------- */

/* The event that signed revision c.revision (its newest, should there be more than one). */
#define SIGNING_EVENT \
  "e.object = 'examination:' || c.examination_id" \
  " AND e.action IN ('conclusion.signed', 'conclusion.amended')" \
  " AND CAST (json_extract (e.details, '$.revision') AS INTEGER) = c.revision" \
  " ORDER BY e.seq DESC LIMIT 1"

#define CONCLUSION_COLUMNS \
  "c.id, c.examination_id, c.revision, c.amends, c.amendment_reason, c.scale, c.scale_version," \
  " c.outcome, c.ordinal, c.level_label, c.propositions, c.reasoning, c.limitations," \
  " c.warnings, c.observations, u.name, c.signed_at, c.content_sha256," \
  " (SELECT max (n.revision) FROM conclusions n WHERE n.examination_id = c.examination_id)," \
  " (SELECT e.seq FROM audit_event e WHERE " SIGNING_EVENT ")," \
  " (SELECT json_extract (e.details, '$.content_sha256') FROM audit_event e" \
  "  WHERE " SIGNING_EVENT ")" \
  " FROM conclusions c JOIN users u ON u.id = c.signed_by"

static void
content_from_row (LkStmt              *stmt,
                  LkConclusionContent *c)
{
  c->examination_id = lk_stmt_int64 (stmt, 1);
  c->revision = lk_stmt_int (stmt, 2);
  c->amends = lk_stmt_int64 (stmt, 3);
  c->amendment_reason = TEXT (4);
  c->scale = TEXT (5);
  c->scale_version = TEXT (6);
  c->outcome = TEXT (7);
  c->has_ordinal = !lk_stmt_is_null (stmt, 8);
  c->ordinal = lk_stmt_int (stmt, 8);
  c->level_label = TEXT (9);
  c->propositions = TEXT (10);
  c->reasoning = TEXT (11);
  c->limitations = TEXT (12);
  c->warnings = TEXT (13);
  c->observations = TEXT (14);
  c->signed_by = TEXT (15);
  c->signed_at = TEXT (16);
}

static void
set_content_members (JsonObject                *o,
                     const LkConclusionContent *c)
{
  json_object_set_int_member (o, "revision", c->revision);
  if (c->amends > 0)
    json_object_set_int_member (o, "amends", c->amends);
  else
    json_object_set_null_member (o, "amends");
  lk_json_set_text (o, "amendment_reason", c->amendment_reason);
  json_object_set_string_member (o, "scale", c->scale);
  json_object_set_string_member (o, "scale_version", c->scale_version);
  json_object_set_string_member (o, "outcome", c->outcome);
  if (c->has_ordinal)
    json_object_set_int_member (o, "ordinal", c->ordinal);
  else
    json_object_set_null_member (o, "ordinal");
  json_object_set_string_member (o, "level", c->level_label);
  json_object_set_string_member (o, "propositions", c->propositions);
  json_object_set_string_member (o, "reasoning", c->reasoning);
  json_object_set_string_member (o, "limitations", c->limitations);
  json_object_set_member (o, "warnings", lk_json_parse (c->warnings));
  json_object_set_member (o, "observations", lk_json_parse (c->observations));
  json_object_set_string_member (o, "signed_by", c->signed_by);
  json_object_set_string_member (o, "signed_at", c->signed_at);
}

/* The content as read hashes to the stored hash, and to the hash its signing event holds:
 * both columns can be rewritten by someone with the file, the chained event cannot. */
static gboolean
row_intact (LkStmt                    *stmt,
            const LkConclusionContent *c)
{
  g_autofree char *sha256 = lk_conclusion_sha256 (c);

  return g_strcmp0 (sha256, TEXT (17)) == 0 && g_strcmp0 (sha256, TEXT (20)) == 0;
}

static JsonObject *
conclusion_json (LkStmt *stmt)
{
  JsonObject *o = json_object_new ();
  LkConclusionContent c = { 0 };

  content_from_row (stmt, &c);
  json_object_set_string_member (o, "result_use", LK_CONCLUSION_RESULT_USE);
  json_object_set_int_member (o, "id", lk_stmt_int64 (stmt, 0));
  json_object_set_boolean_member (o, "current", c.revision == lk_stmt_int (stmt, 18));
  set_content_members (o, &c);
  json_object_set_string_member (o, "content_sha256", TEXT (17));
  json_object_set_boolean_member (o, "content_intact", row_intact (stmt, &c));
  return o;
}

gboolean
lk_conclusions_check_signed (LkStore    *store,
                             GPtrArray  *mismatches,
                             GError    **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT " CONCLUSION_COLUMNS
                                                 " ORDER BY c.id", error);

  if (stmt == NULL)
    return FALSE;
  while (lk_stmt_next (stmt, error))
    {
      LkConclusionContent c = { 0 };

      content_from_row (stmt, &c);
      if (!row_intact (stmt, &c))
        g_ptr_array_add (mismatches,
                         lk_audit_mismatch_new (lk_stmt_int64 (stmt, 19),
                                                "conclusion %" G_GINT64_FORMAT " (examination %"
                                                G_GINT64_FORMAT ", revision %d)",
                                                lk_stmt_int64 (stmt, 0), c.examination_id,
                                                c.revision));
    }
  return !lk_stmt_failed (stmt);
}

static JsonArray *
conclusions_json (LkStore  *store,
                  gint64    examination_id,
                  GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT " CONCLUSION_COLUMNS
                                                 " WHERE c.examination_id = ?"
                                                 " ORDER BY c.revision", error);
  g_autoptr(JsonArray) conclusions = json_array_new ();

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, examination_id);
  while (lk_stmt_next (stmt, error))
    json_array_add_object_element (conclusions, conclusion_json (stmt));
  if (lk_stmt_failed (stmt))
    return NULL;
  return g_steal_pointer (&conclusions);
}

JsonArray *
lk_conclusions_list (LkSession  *session,
                     gint64      examination_id,
                     GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(LkExamRow) row = { 0 };
  g_autofree char *object = lk_exam_object (examination_id);
  LkActor actor;

  if (!lk_exam_require_reader (session, examination_id, &actor, &row, error) ||
      !lk_audit_record (store, &actor, "conclusions.viewed", object, NULL, error))
    return NULL;
  return conclusions_json (store, examination_id, error);
}

GListModel *
lk_conclusions_list_revisions (LkSession  *session,
                               gint64      examination_id,
                               GError    **error)
{
  g_autoptr(JsonArray) conclusions = lk_conclusions_list (session, examination_id, error);

  return conclusions != NULL ? lk_conclusion_list_from_json (conclusions) : NULL;
}

/* ---- inside `case show --json` ------------------------------------------------------------- */

static JsonObject *
progress_json (JsonArray  *observations,
               JsonObject *list)
{
  JsonObject *o = json_object_new ();
  guint with_result, compared;

  lk_observations_count (observations, &with_result, &compared);
  json_object_set_int_member (o, "assessed", with_result);
  json_object_set_int_member (o, "total", lk_feature_list_count_characteristics (list));
  return o;
}

gboolean
lk_conclusions_add_json (LkStore     *store,
                         gint64       examination_id,
                         JsonObject  *examination,
                         GError     **error)
{
  g_auto(LkExamRow) row = { 0 };
  g_autoptr(JsonObject) list = NULL;
  JsonArray *observations, *conclusions;

  g_return_val_if_fail (LK_IS_STORE (store), FALSE);
  g_return_val_if_fail (examination != NULL, FALSE);

  if (!lk_exam_row_read (store, examination_id, &row, error) ||
      (list = lk_feature_lists_for_edition (store, row.feature_list, error)) == NULL ||
      (observations = lk_observations_json (store, examination_id, list, error)) == NULL)
    return FALSE;
  json_object_set_object_member (examination, "feature_list_progress",
                                 progress_json (observations, list));
  json_object_set_array_member (examination, "observations", observations);
  if ((conclusions = conclusions_json (store, examination_id, error)) == NULL)
    return FALSE;
  json_object_set_array_member (examination, "conclusions", conclusions);
  return TRUE;
}

gboolean
lk_conclusions_add_json_all (LkStore     *store,
                             JsonArray   *examinations,
                             GError     **error)
{
  g_return_val_if_fail (examinations != NULL, FALSE);

  for (guint i = 0; i < json_array_get_length (examinations); i++)
    {
      JsonObject *examination = json_array_get_object_element (examinations, i);

      if (!lk_conclusions_add_json (store, json_object_get_int_member (examination, "id"),
                                    examination, error))
        return FALSE;
    }
  return TRUE;
}
