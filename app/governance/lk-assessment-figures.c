/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What Likeness itself knows for the self-assessment: one figure per kind of evidence, read
 * from the records, and the answer it proposes from it (all: yes, some: partly, none: no). */
#include "config.h"

#include <string.h>

#include "governance/lk-assessment-private.h"
#include "governance/lk-policy.h"
#include "reference/lk-offences.h"
#include "store/lk-audit.h"
#include "store/lk-store-private.h"

static gboolean
count_pair (LkStore     *store,
            const char  *sql,
            gint64      *part,
            gint64      *whole,
            GError     **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, error);

  if (stmt == NULL || !lk_stmt_row (stmt, error, "The figure could not be counted"))
    return FALSE;
  *part = lk_stmt_int64 (stmt, 0);
  *whole = lk_stmt_int64 (stmt, 1);
  return TRUE;
}

/* "@part of @whole @noun (P %)", and the answer it proposes. */
static void
share (LkAssessmentAnswer *a,
       gint64              part,
       gint64              whole,
       const char         *noun)
{
  if (whole == 0)
    {
      a->figure = g_strdup_printf ("No %s recorded yet", noun);
      return;
    }
  a->figure = g_strdup_printf ("%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " %s (%.0f %%)", part,
                               whole, noun, 100.0 * (double) part / (double) whole);
  a->proposed = part == whole ? LK_ANSWER_YES : part > 0 ? LK_ANSWER_PARTLY : LK_ANSWER_NO;
}

static gboolean
share_of (LkStore             *store,
          LkAssessmentAnswer  *a,
          const char          *sql,
          const char          *noun,
          GError             **error)
{
  gint64 part = 0, whole = 0;

  if (!count_pair (store, sql, &part, &whole, error))
    return FALSE;
  share (a, part, whole, noun);
  return TRUE;
}

/* Examiners and reviewers with a competency record current today (UTC). */
static gboolean
competency (LkStore             *store,
            LkAssessmentAnswer  *a,
            GError             **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *sql = g_strdup_printf (
    "SELECT count (*) FILTER (WHERE EXISTS (SELECT 1 FROM competencies k"
    " WHERE k.user_id = u.id AND k.revoked_at IS NULL"
    " AND k.valid_from <= '%s' AND k.valid_until >= '%s')),"
    " count (*) FROM users u WHERE u.disabled = 0 AND (u.roles & 6) <> 0", today, today);

  return share_of (store, a, sql, "examiners and reviewers with a current competency record",
                   error);
}

/* The offence codes that need approval, as an SQL list: 'A','B'. */
static char *
approval_codes (void)
{
  g_autoptr(GString) codes = g_string_new ("''");
  const GPtrArray *offences = lk_offences ();

  for (guint i = 0; i < offences->len; i++)
    {
      const LkOffence *o = g_ptr_array_index (offences, i);

      /* Codes are the shipped list's own short words, never user input. */
      if (o->approval && strchr (o->code, '\'') == NULL)
        g_string_append_printf (codes, ",'%s'", o->code);
    }
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

static gboolean
approvals (LkStore             *store,
           LkAssessmentAnswer  *a,
           GError             **error)
{
  g_autofree char *codes = approval_codes ();
  g_autofree char *sql =
    g_strdup_printf ("SELECT count (*) FILTER (WHERE status NOT IN ('awaiting-approval',"
                     " 'rejected')), count (*) FILTER (WHERE status <> 'awaiting-approval')"
                     " FROM cases WHERE offence_code IN (%s)", codes);

  return share_of (store, a, sql, "decided requests needing approval, approved before any work",
                   error);
}

static gboolean
refused_kinds (LkStore             *store,
               LkAssessmentAnswer  *a,
               GError             **error)
{
  const char *kinds[] = { "sketch", "composite", "look-alike", "edited", "ai-generated" };
  g_autofree char *policy = lk_policy_get_string (store, "refused_probe_kinds", error);
  gint64 refused = 0;

  if (policy == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      gboolean contains = FALSE;

      if (!lk_policy_list_contains (store, "refused_probe_kinds", kinds[i], &contains, error))
        return FALSE;
      refused += contains;
    }
  a->figure = g_strdup_printf ("Refused by policy: %s", *policy ? policy : "none");
  a->proposed = refused == G_N_ELEMENTS (kinds) ? LK_ANSWER_YES
                : refused > 0 ? LK_ANSWER_PARTLY : LK_ANSWER_NO;
  return TRUE;
}

/* The newest event as "seq:hash" into @head (NULL when the trail is empty). */
static gboolean
audit_head (LkStore  *store,
            char    **head,
            GError  **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT seq || ':' || hash FROM audit_event"
                                                 " ORDER BY seq DESC LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  if (lk_stmt_next (stmt, error))
    *head = lk_stmt_dup_text (stmt, 0);
  return !lk_stmt_failed (stmt);
}

static gboolean
audit_chain (LkStore             *store,
             LkAssessmentAnswer  *a,
             GError             **error)
{
  /* A chain that cannot be checked is an answer to the question ("no"), shown as such. */
  g_autoptr(GError) unchecked = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *head = NULL;
  gint64 n = 0, broken = 0;
  gboolean intact = lk_audit_verify (store, &n, &broken, &reason, &unchecked);

  if (!audit_head (store, &head, error))
    return FALSE;
  if (unchecked != NULL)
    {
      a->figure = g_strdup_printf ("The audit trail could not be checked: %s",
                                   unchecked->message);
      return TRUE;
    }
  a->figure = intact
    ? g_strdup_printf ("Audit chain intact: %" G_GINT64_FORMAT " events; last anchor %s", n,
                       head ? head : "none")
    : g_strdup_printf ("Audit chain broken at event %" G_GINT64_FORMAT ": %s", broken, reason);
  a->proposed = intact ? LK_ANSWER_YES : LK_ANSWER_NO;
  return TRUE;
}

static gboolean
retention_runs (LkStore             *store,
                LkAssessmentAnswer  *a,
                GError             **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT count (*), max (run_at),"
                                                 " coalesce (sum (images), 0)"
                                                 " FROM retention_runs", error);

  if (stmt == NULL || !lk_stmt_row (stmt, error, "The retention runs could not be counted"))
    return FALSE;
  if (lk_stmt_int64 (stmt, 0) == 0)
    {
      a->figure = g_strdup ("No retention run has been done");
      a->proposed = LK_ANSWER_NO;
      return TRUE;
    }
  a->figure = g_strdup_printf ("%" G_GINT64_FORMAT " retention runs, the last on %.10s, %"
                               G_GINT64_FORMAT " images purged", lk_stmt_int64 (stmt, 0),
                               lk_stmt_text (stmt, 1), lk_stmt_int64 (stmt, 2));
  a->proposed = LK_ANSWER_YES;
  return TRUE;
}

static gboolean
engine_evaluation (LkStore             *store,
                   LkAssessmentAnswer  *a,
                   GError             **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT count (*), max (at) FROM audit_event"
                                                 " WHERE action = 'gallery.evaluated'", error);

  if (stmt == NULL || !lk_stmt_row (stmt, error, "The evaluations could not be counted"))
    return FALSE;
  if (lk_stmt_int64 (stmt, 0) == 0)
    {
      a->figure = g_strdup ("No engine has been evaluated on the lab's own data");
      a->proposed = LK_ANSWER_NO;
      return TRUE;
    }
  a->figure = g_strdup_printf ("%" G_GINT64_FORMAT " evaluations on the lab's own data, the "
                               "last on %.10s", lk_stmt_int64 (stmt, 0), lk_stmt_text (stmt, 1));
  a->proposed = LK_ANSWER_YES;
  return TRUE;
}

gboolean
lk_assessment_figure (LkStore             *store,
                      LkAssessmentAnswer  *a,
                      GError             **error)
{
  const char *kind = a->evidence_kind;

  if (kind == NULL)
    return TRUE;
  if (g_str_equal (kind, "legal-basis"))
    return share_of (store, a, "SELECT count (*) FILTER (WHERE trim (legal_basis) <> ''"
                               " AND trim (purpose) <> ''), count (*) FROM cases",
                     "cases with a legal basis and a purpose recorded", error);
  if (g_str_equal (kind, "approvals"))
    return approvals (store, a, error);
  if (g_str_equal (kind, "provenance"))
    return share_of (store, a, "SELECT count (*) FILTER (WHERE trim (acquired_by) <> ''"
                               " AND trim (authority) <> '' AND trim (source_type) <> ''"
                               " AND custody_note NOT LIKE '%not stated%'), count (*) FROM probes",
                     "probes with complete provenance", error);
  if (g_str_equal (kind, "refused-kinds"))
    return refused_kinds (store, a, error);
  if (g_str_equal (kind, "blind-verification"))
    return share_of (store, a, "SELECT count (*) FILTER (WHERE v.blind = 1), count (*)"
                               " FROM verifications v JOIN conclusions c ON c.id = v.conclusion_id"
                               " WHERE v.stage = 'review' AND c.ordinal > 0",
                     "leads sent for verification, verified blind", error);
  if (g_str_equal (kind, "competency"))
    return competency (store, a, error);
  if (g_str_equal (kind, "audit-chain"))
    return audit_chain (store, a, error);
  if (g_str_equal (kind, "retention-runs"))
    return retention_runs (store, a, error);
  if (g_str_equal (kind, "engine-evaluation"))
    return engine_evaluation (store, a, error);
  return TRUE;
}
