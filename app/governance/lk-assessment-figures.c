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
            gint64      *whole)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, sql, NULL);

  if (stmt == NULL || !lk_stmt_next (stmt, NULL))
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

static void
share_of (LkStore            *store,
          LkAssessmentAnswer *a,
          const char         *sql,
          const char         *noun)
{
  gint64 part = 0, whole = 0;

  if (count_pair (store, sql, &part, &whole))
    share (a, part, whole, noun);
}

/* Examiners and reviewers with a competency record current today (UTC). */
static void
competency (LkStore            *store,
            LkAssessmentAnswer *a)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *sql = g_strdup_printf (
    "SELECT count (*) FILTER (WHERE EXISTS (SELECT 1 FROM competencies k"
    " WHERE k.user_id = u.id AND k.revoked_at IS NULL"
    " AND k.valid_from <= '%s' AND k.valid_until >= '%s')),"
    " count (*) FROM users u WHERE u.disabled = 0 AND (u.roles & 6) <> 0", today, today);

  share_of (store, a, sql, "examiners and reviewers with a current competency record");
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

static void
approvals (LkStore            *store,
           LkAssessmentAnswer *a)
{
  g_autofree char *codes = approval_codes ();
  g_autofree char *sql =
    g_strdup_printf ("SELECT count (*) FILTER (WHERE status NOT IN ('awaiting-approval',"
                     " 'rejected')), count (*) FILTER (WHERE status <> 'awaiting-approval')"
                     " FROM cases WHERE offence_code IN (%s)", codes);

  share_of (store, a, sql, "decided requests needing approval, approved before any work");
}

static void
refused_kinds (LkStore            *store,
               LkAssessmentAnswer *a)
{
  const char *kinds[] = { "sketch", "composite", "look-alike", "edited", "ai-generated" };
  g_autofree char *policy = lk_policy_get_string (store, "refused_probe_kinds");
  gint64 refused = 0;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    refused += lk_policy_list_contains (store, "refused_probe_kinds", kinds[i]);
  a->figure = g_strdup_printf ("Refused by policy: %s", *policy ? policy : "none");
  a->proposed = refused == G_N_ELEMENTS (kinds) ? LK_ANSWER_YES
                : refused > 0 ? LK_ANSWER_PARTLY : LK_ANSWER_NO;
}

static void
audit_chain (LkStore            *store,
             LkAssessmentAnswer *a)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *head = NULL;
  gint64 n = 0, broken = 0;
  gboolean intact = lk_audit_verify (store, &n, &broken, &reason, &error);

  {
    g_autoptr(LkStoreLock) locker = lk_store_lock (store);
    g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT seq || ':' || hash FROM audit_event"
                                                   " ORDER BY seq DESC LIMIT 1", NULL);

    if (stmt != NULL && lk_stmt_next (stmt, NULL))
      head = lk_stmt_dup_text (stmt, 0);
  }
  if (error != NULL)
    {
      a->figure = g_strdup_printf ("The audit trail could not be checked: %s", error->message);
      return;
    }
  a->figure = intact
    ? g_strdup_printf ("Audit chain intact: %" G_GINT64_FORMAT " events; last anchor %s", n,
                       head ? head : "none")
    : g_strdup_printf ("Audit chain broken at event %" G_GINT64_FORMAT ": %s", broken, reason);
  a->proposed = intact ? LK_ANSWER_YES : LK_ANSWER_NO;
}

static void
retention_runs (LkStore            *store,
                LkAssessmentAnswer *a)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT count (*), max (run_at),"
                                                 " coalesce (sum (images), 0)"
                                                 " FROM retention_runs", NULL);

  if (stmt == NULL || !lk_stmt_next (stmt, NULL))
    return;
  if (lk_stmt_int64 (stmt, 0) == 0)
    {
      a->figure = g_strdup ("No retention run has been done");
      a->proposed = LK_ANSWER_NO;
      return;
    }
  a->figure = g_strdup_printf ("%" G_GINT64_FORMAT " retention runs, the last on %.10s, %"
                               G_GINT64_FORMAT " images purged", lk_stmt_int64 (stmt, 0),
                               lk_stmt_text (stmt, 1), lk_stmt_int64 (stmt, 2));
  a->proposed = LK_ANSWER_YES;
}

static void
engine_evaluation (LkStore            *store,
                   LkAssessmentAnswer *a)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT count (*), max (at) FROM audit_event"
                                                 " WHERE action = 'gallery.evaluated'", NULL);

  if (stmt == NULL || !lk_stmt_next (stmt, NULL))
    return;
  if (lk_stmt_int64 (stmt, 0) == 0)
    {
      a->figure = g_strdup ("No engine has been evaluated on the lab's own data");
      a->proposed = LK_ANSWER_NO;
      return;
    }
  a->figure = g_strdup_printf ("%" G_GINT64_FORMAT " evaluations on the lab's own data, the "
                               "last on %.10s", lk_stmt_int64 (stmt, 0), lk_stmt_text (stmt, 1));
  a->proposed = LK_ANSWER_YES;
}

void
lk_assessment_figure (LkStore            *store,
                      LkAssessmentAnswer *a)
{
  const char *kind = a->evidence_kind;

  if (kind == NULL)
    return;
  if (g_str_equal (kind, "legal-basis"))
    share_of (store, a, "SELECT count (*) FILTER (WHERE trim (legal_basis) <> ''"
                        " AND trim (purpose) <> ''), count (*) FROM cases",
              "cases with a legal basis and a purpose recorded");
  else if (g_str_equal (kind, "approvals"))
    approvals (store, a);
  else if (g_str_equal (kind, "provenance"))
    share_of (store, a, "SELECT count (*) FILTER (WHERE trim (acquired_by) <> ''"
                        " AND trim (authority) <> '' AND trim (source_type) <> ''"
                        " AND custody_note NOT LIKE '%not stated%'), count (*) FROM probes",
              "probes with complete provenance");
  else if (g_str_equal (kind, "refused-kinds"))
    refused_kinds (store, a);
  else if (g_str_equal (kind, "blind-verification"))
    share_of (store, a, "SELECT count (*) FILTER (WHERE v.blind = 1), count (*)"
                        " FROM verifications v JOIN conclusions c ON c.id = v.conclusion_id"
                        " WHERE v.stage = 'review' AND c.ordinal > 0",
              "leads sent for verification, verified blind");
  else if (g_str_equal (kind, "competency"))
    competency (store, a);
  else if (g_str_equal (kind, "audit-chain"))
    audit_chain (store, a);
  else if (g_str_equal (kind, "retention-runs"))
    retention_runs (store, a);
  else if (g_str_equal (kind, "engine-evaluation"))
    engine_evaluation (store, a);
}
