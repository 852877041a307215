/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Verifications as JSON for likeness-cli (`verify list|show --json`, `case show --json`). */
#include "config.h"

#include "verification/lk-verifications-private.h"

#include "lk-json.h"
#include "lk-util.h"
#include "people/lk-roles.h"
#include "verification/lk-competency.h"
#include "verification/lk-verification-comparison-private.h"
#include "verification/lk-verification-gate-private.h"
#include "verification/lk-verification-signature-private.h"

JsonObject *
lk_verification_to_json (LkVerification *v)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "id", lk_verification_get_id (v));
  json_object_set_int_member (o, "examination", lk_verification_get_examination_id (v));
  json_object_set_string_member (o, "case", lk_verification_get_case_number (v));
  json_object_set_int_member (o, "probe", lk_verification_get_probe_id (v));
  json_object_set_int_member (o, "candidate", lk_verification_get_candidate_id (v));
  json_object_set_string_member (o, "subject_ref", lk_verification_get_subject_ref (v));
  json_object_set_string_member (o, "stage", lk_verification_get_stage (v));
  json_object_set_boolean_member (o, "blind", lk_verification_get_blind (v));
  json_object_set_string_member (o, "review", lk_verification_get_blind (v) ? "blind"
                                                                              : "open review");
  json_object_set_string_member (o, "state", lk_verification_get_state (v));
  json_object_set_string_member (o, "outcome", lk_verification_get_state_label (v));
  json_object_set_string_member (o, "examiner", lk_verification_get_examiner (v));
  json_object_set_string_member (o, "submitted_at", lk_verification_get_submitted_at (v));
  json_object_set_string_member (o, "reviewer", lk_verification_get_reviewer (v));
  json_object_set_string_member (o, "assigned_at", lk_verification_get_assigned_at (v));
  if (lk_verification_get_review_examination_id (v) != 0)
    json_object_set_int_member (o, "review_examination",
                                lk_verification_get_review_examination_id (v));
  else
    json_object_set_null_member (o, "review_examination");
  json_object_set_boolean_member (o, "reviewer_signed", lk_verification_get_reviewer_signed (v));
  json_object_set_int_member (o, "conclusion_revision",
                              lk_verification_get_conclusion_revision (v));
  if (lk_verification_get_examiner_level (v) != NULL)
    json_object_set_string_member (o, "examiner_level", lk_verification_get_examiner_level (v));
  else
    json_object_set_string_member (o, "examiner_level", "hidden until the reviewer signs");
  json_object_set_string_member (o, "signed_at", lk_verification_get_closed_at (v));
  if (lk_verification_get_resolves (v) != 0)
    json_object_set_int_member (o, "resolves", lk_verification_get_resolves (v));
  return o;
}

/* s.id, the fields the hash covers, the stored hash, and the seq of the signing event that
 * holds the stored hash (NULL when none does). */
#define SIGNATURE_COLUMNS \
  "s.kind, s.resolution, s.note, u.name, s.signed_at, s.content_sha256, s.id," \
  " s.verification_id, v.conclusion_id," \
  " (SELECT max (e.seq) FROM audit_event e" \
  "  WHERE e.object = 'verification:' || s.verification_id" \
  "  AND e.action IN ('verification.countersigned', 'verification.disagreed'," \
  "   'verification.consulted')" \
  "  AND json_extract (e.details, '$.sha256') = s.content_sha256)" \
  " FROM verification_signatures s JOIN users u ON u.id = s.signed_by" \
  " JOIN verifications v ON v.id = s.verification_id"

static gboolean
signature_intact (LkStmt *stmt)
{
  g_autofree char *sha256 =
    lk_verification_signature_sha256 (lk_stmt_int64 (stmt, 7), lk_stmt_int64 (stmt, 8),
                                      lk_stmt_text (stmt, 0), lk_stmt_text (stmt, 1),
                                      lk_stmt_text (stmt, 2), lk_stmt_text (stmt, 3),
                                      lk_stmt_text (stmt, 4));

  return g_strcmp0 (sha256, lk_stmt_text (stmt, 5)) == 0 && !lk_stmt_is_null (stmt, 9);
}

gboolean
lk_verifications_check_signed (LkStore    *store,
                               GPtrArray  *mismatches,
                               GError    **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT " SIGNATURE_COLUMNS " ORDER BY s.id",
                                          error);

  if (stmt == NULL)
    return FALSE;
  while (lk_stmt_next (stmt, error))
    if (!signature_intact (stmt))
      g_ptr_array_add (mismatches,
                       lk_audit_mismatch_new (lk_stmt_int64 (stmt, 9),
                                              "verification record %" G_GINT64_FORMAT
                                              " (verification %" G_GINT64_FORMAT ", %s)",
                                              lk_stmt_int64 (stmt, 6), lk_stmt_int64 (stmt, 7),
                                              lk_stmt_text (stmt, 0)));
  return !lk_stmt_failed (stmt);
}

static JsonArray *
signatures_json (LkStore  *store,
                 gint64    verification_id,
                 GError  **error)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT " SIGNATURE_COLUMNS " WHERE s.verification_id = ?"
                          " ORDER BY s.id", error);

  if (stmt == NULL)
    return NULL;
  lk_stmt_bind_int64 (stmt, 1, verification_id);
  while (lk_stmt_next (stmt, error))
    {
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "kind", lk_stmt_text (stmt, 0));
      lk_json_set_text (o, "resolution", lk_stmt_text (stmt, 1));
      json_object_set_string_member (o, "note", lk_stmt_text (stmt, 2));
      json_object_set_string_member (o, "signed_by", lk_stmt_text (stmt, 3));
      json_object_set_string_member (o, "signed_at", lk_stmt_text (stmt, 4));
      json_object_set_string_member (o, "sha256", lk_stmt_text (stmt, 5));
      json_object_set_boolean_member (o, "content_intact", signature_intact (stmt));
      json_array_add_object_element (array, o);
    }
  if (lk_stmt_failed (stmt))
    return NULL;
  return g_steal_pointer (&array);
}

JsonObject *
lk_verifications_show_json (LkSession  *session,
                            gint64      verification_id,
                            GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkVerification) v = lk_verifications_get (session, verification_id, error);
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(LkVerificationComparison) comparison = NULL;
  g_autoptr(GError) hidden = NULL;
  JsonArray *signatures;
  gboolean checked = TRUE;

  if (v == NULL || !lk_competencies_required (store, &checked, error))
    return NULL;
  o = lk_verification_to_json (v);
  json_object_set_boolean_member (o, "competency_checked", checked);
  if ((signatures = signatures_json (store, verification_id, error)) == NULL)
    return NULL;
  json_object_set_array_member (o, "signatures", signatures);
  comparison = lk_verifications_compare (session, verification_id, &hidden);
  if (comparison != NULL)
    json_object_set_object_member (o, "comparison",
                                   lk_verification_comparison_to_json (comparison));
  else
    json_object_set_string_member (o, "comparison", hidden->message);
  return g_steal_pointer (&o);
}

GListModel *
lk_verifications_get_signatures (LkSession  *session,
                                 gint64      verification_id,
                                 GError    **error)
{
  g_autoptr(JsonObject) shown = lk_verifications_show_json (session, verification_id, error);

  if (shown == NULL)
    return NULL;
  return lk_verification_signature_list_from_json (json_object_get_member (shown, "signatures"));
}

static gboolean
add_examination_verifications (LkStore     *store,
                               gint64       viewer_id,
                               JsonObject  *examination,
                               GError     **error)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT " LK_VERIFICATION_SELECT " WHERE v.examination_id = ?"
                          " ORDER BY v.id", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, json_object_get_int_member (examination, "id"));
  while (lk_stmt_next (stmt, error))
    {
      g_autoptr(LkVerification) v = lk_verification_from_row (stmt, viewer_id);
      JsonObject *o = lk_verification_to_json (v);
      JsonArray *signatures = signatures_json (store, lk_verification_get_id (v), error);

      json_array_add_object_element (array, o);
      if (signatures == NULL)
        return FALSE;
      json_object_set_array_member (o, "signatures", signatures);
    }
  if (lk_stmt_failed (stmt))
    return FALSE;
  json_object_set_array_member (examination, "verifications", g_steal_pointer (&array));
  return TRUE;
}

gboolean
lk_verifications_add_case_json (LkStore    *store,
                                gint64      viewer_id,
                                JsonArray  *probes,
                                GError    **error)
{
  for (guint i = 0; i < json_array_get_length (probes); i++)
    {
      JsonObject *probe = json_array_get_object_element (probes, i);
      gint64 open = lk_verification_blind_candidate (store, viewer_id,
                                                     json_object_get_int_member (probe, "id"),
                                                     error);
      JsonArray *examinations;

      if (open < 0)
        return FALSE;
      if (open > 0)
        {
          json_object_remove_member (probe, "examinations");
          json_object_set_string_member (probe, "examinations",
                                         "hidden: your blind verification of this probe waits "
                                         "for your own conclusion");
          continue;
        }
      examinations = json_object_get_array_member (probe, "examinations");
      for (guint j = 0; examinations != NULL && j < json_array_get_length (examinations); j++)
        if (!add_examination_verifications (store, viewer_id,
                                            json_array_get_object_element (examinations, j),
                                            error))
          return FALSE;
    }
  return TRUE;
}
