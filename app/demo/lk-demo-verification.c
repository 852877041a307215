/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo's verification story: competency records, two more conclusions, a blind
 * verification countersigned, a disagreement settled by a third reviewer, one waiting. */
#include "config.h"

#include "demo/lk-demo-private.h"

#include "demo/lk-demo.h"
#include "examination/lk-conclusions.h"
#include "examination/lk-examinations.h"
#include "lk-error.h"
#include "verification/lk-competency.h"
#include "verification/lk-verifications.h"

/* ---- competency ---------------------------------------------------------------------------- */

static char *
date_from_now (int years)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_years (now, years);

  return g_date_time_format (then, "%Y-%m-%d");
}

gboolean
lk_demo_record_competencies (LkStore  *store,
                             GError  **error)
{
  static const struct { const char *user, *kind, *evidence; } records[] = {
    { "demo-examiner", "examiner", "Demo: facial examiner course, proficiency test passed" },
    { "demo-reviewer", "reviewer", "Demo: reviewer training and supervised verifications" },
    { "demo-reviewer2", "examiner", "Demo: senior facial examiner" },
    { "demo-reviewer2", "reviewer", "Demo: technical reviewer, lab lead for face comparison" },
  };
  g_autoptr(LkSession) admin = lk_session_login (store, "demo-admin", LK_DEMO_PASSWORD, error);
  g_autofree char *from = date_from_now (-1);
  g_autofree char *until = date_from_now (2);

  if (admin == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    if (lk_competencies_add (admin, records[i].user, records[i].kind, from, until,
                             records[i].evidence, error) == 0)
      return FALSE;
  return lk_session_log_out (admin, error);
}

/* ---- opinions ------------------------------------------------------------------------------ */

typedef struct
{
  const char *characteristic;
  const char *result;
  const char *note;
} Seen;

static gboolean
observe (LkSession   *session,
         gint64       examination,
         const Seen  *seen,
         guint        n,
         GError     **error)
{
  for (guint i = 0; i < n; i++)
    {
      LkObservationSpec o = { seen[i].characteristic, "visible", "visible", seen[i].result, "class",
                              seen[i].note, NULL, 0 };

      if (!lk_observations_set (session, examination, &o, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
sign (LkSession   *session,
      gint64       examination,
      int          ordinal,
      const char  *reasoning,
      GError     **error)
{
  LkConclusionDraft draft = {
    NULL, FALSE, ordinal, reasoning,
    "DEMO ONLY: a simulated CCTV still of low resolution with JPEG blocking; the ears and most "
    "of the hair are covered by the cap.",
  };
  g_autoptr(GHashTable) acknowledgements = g_hash_table_new (g_str_hash, g_str_equal);

  if (ABS (ordinal) >= 2)
    {
      g_hash_table_insert (acknowledgements, (gpointer) LK_WARNING_LIMITED_PROBE_STRONG_LEVEL,
                           (gpointer) "Demo: the features that can be compared are clear "
                           "enough for this level despite the compression.");
      g_hash_table_insert (acknowledgements, (gpointer) LK_WARNING_BELOW_POLICY_MINIMUM,
                           (gpointer) "Demo: a short comparison kept brief for the "
                           "demonstration; casework would record more characteristics.");
    }
  return lk_conclusions_sign (session, examination, &draft, acknowledgements, LK_DEMO_PASSWORD,
                              error) != 0;
}

static const Seen similar[] = {
  { "face-outline.frontal-shape", "similar", "Demo: oval outline, rounded chin" },
  { "nose.tip", "similar", "Demo: rounded tip at the same height" },
  { "mouth.corners", "similar", "Demo: corners level, same width" },
};

static const Seen different[] = {
  { "face-outline.frontal-shape", "dissimilar", "Demo: a broader, squarer jaw than the probe" },
  { "nose.tip", "dissimilar", "Demo: a pointed tip, lower relative to the eyes" },
  { "mouth.corners", "similar", "Demo: corners level" },
};

gboolean
lk_demo_examine_other (LkSession  *examiner,
                       gint64      candidate,
                       gboolean    mated,
                       gint64     *examination,
                       GError    **error)
{
  return (*examination = lk_examinations_open (examiner, candidate, error)) != 0 &&
         observe (examiner, *examination, similar, G_N_ELEMENTS (similar), error) &&
         sign (examiner, *examination, mated ? 2 : 1, mated
               ? "DEMO ONLY, not casework: the face outline, nose tip and mouth correspond in "
                 "form and position; no dissimilar feature was found."
               : "DEMO ONLY, not casework: the face outline, nose tip and mouth look alike at "
                 "this resolution; nothing dissimilar stood out to me.", error);
}

/* ---- verification -------------------------------------------------------------------------- */

/* A reviewer's own blind examination and conclusion; returns the verification's examination. */
static gboolean
review (LkStore      *store,
        const char   *reviewer,
        gint64        verification,
        const Seen   *seen,
        guint         n,
        int           ordinal,
        const char   *reasoning,
        GError      **error)
{
  g_autoptr(LkSession) session = lk_session_login (store, reviewer, LK_DEMO_PASSWORD, error);
  gint64 examination;

  return session != NULL &&
         (examination = lk_verifications_open (session, verification, error)) != 0 &&
         observe (session, examination, seen, n, error) &&
         sign (session, examination, ordinal, reasoning, error) &&
         lk_session_log_out (session, error);
}

static gboolean
decide (LkStore     *store,
        const char  *reviewer,
        gint64       verification,
        const char  *resolution,
        const char  *note,
        GError     **error)
{
  g_autoptr(LkSession) session = lk_session_login (store, reviewer, LK_DEMO_PASSWORD, error);

  if (session == NULL)
    return FALSE;
  if (resolution == NULL
      ? !lk_verifications_countersign (session, verification, note, LK_DEMO_PASSWORD, error)
      : !lk_verifications_disagree (session, verification, resolution, note, LK_DEMO_PASSWORD,
                                    error))
    return FALSE;
  return lk_session_log_out (session, error);
}

static gboolean
submit_all (LkStore      *store,
            const gint64  examinations[3],
            gint64        verifications[3],
            GError      **error)
{
  g_autoptr(LkSession) examiner = lk_session_login (store, "demo-examiner", LK_DEMO_PASSWORD,
                                                    error);

  if (examiner == NULL)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    if ((verifications[i] = lk_verifications_submit (examiner, examinations[i], error)) == 0)
      return FALSE;
  return lk_session_log_out (examiner, error);
}

static gboolean
assign (LkStore      *store,
        const gint64 *verifications,
        guint         n,
        const char   *reviewer,
        GError      **error)
{
  g_autoptr(LkSession) admin = lk_session_login (store, "demo-admin", LK_DEMO_PASSWORD, error);

  if (admin == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!lk_verifications_assign (admin, verifications[i], reviewer, error))
      return FALSE;
  return lk_session_log_out (admin, error);
}

/* The third review the disagreement opened: the newest verification. */
static gint64
third_review (LkStore  *store,
              GError  **error)
{
  g_autoptr(LkSession) admin = lk_session_login (store, "demo-admin", LK_DEMO_PASSWORD, error);
  g_autoptr(GListModel) all = admin ? lk_verifications_list (admin, LK_VERIFICATIONS_ALL, error)
                                    : NULL;

  for (guint i = 0; all != NULL && i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(LkVerification) v = g_list_model_get_item (all, i);

      if (g_str_equal (lk_verification_get_stage (v), "third-review"))
        return lk_verification_get_id (v);
    }
  if (all != NULL)
    g_set_error (error, LK_ERROR, LK_ERROR_FAILED, "The demo's third review is missing");
  return 0;
}

gboolean
lk_demo_verify (LkStore      *store,
                const gint64  examinations[3],
                GError      **error)
{
  gint64 verifications[3], third;

  return submit_all (store, examinations, verifications, error) &&
         assign (store, verifications, 3, "demo-reviewer", error) &&
         review (store, "demo-reviewer", verifications[0], similar, G_N_ELEMENTS (similar), 2,
                 "DEMO ONLY, not casework: my own comparison, blind to the first examiner's: the "
                 "outline, nose tip and mouth correspond, nothing dissimilar.", error) &&
         decide (store, "demo-reviewer", verifications[0], NULL,
                 "Demo: my blind conclusion is the same level; I countersign.", error) &&
         review (store, "demo-reviewer", verifications[1], different, G_N_ELEMENTS (different),
                 -2, "DEMO ONLY, not casework: my own comparison, blind to the first "
                 "examiner's: the jaw and the nose tip differ clearly from the probe.", error) &&
         decide (store, "demo-reviewer", verifications[1], "third-reviewer",
                 "Demo: I find the jaw and nose tip dissimilar; the first examiner saw weak "
                 "support for the same person. A third reviewer should settle it.", error) &&
         (third = third_review (store, error)) != 0 &&
         assign (store, &third, 1, "demo-reviewer2", error) &&
         review (store, "demo-reviewer2", third, different, G_N_ELEMENTS (different), -2,
                 "DEMO ONLY, not casework: third review, blind to both opinions: the jaw and "
                 "the nose tip are dissimilar; this is a look-alike.", error) &&
         decide (store, "demo-reviewer2", third, "final",
                 "Demo: I agree with the first reviewer; the +1 conclusion is not confirmed and "
                 "gives no lead.", error);
}
