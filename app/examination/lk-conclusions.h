/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Feature-by-feature observations (the "C" of ACE-V) and the evaluated, signed conclusion (the
 * "E"): consistency warnings acknowledged in writing, a signature that re-checks the password,
 * conclusions that never change once signed, and amendments as new revisions. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "examination/lk-conclusion.h"
#include "examination/lk-observation.h"
#include "reference/lk-data.h"
#include "people/lk-session.h"

G_BEGIN_DECLS

#define LK_DEFAULT_PROPOSITIONS \
  "Hp: the probe and the candidate show the same person. Hd: they show different persons."

/* Carried by every view and export of a conclusion (the "result_use" member in JSON). */
#define LK_CONCLUSION_RESULT_USE \
  "Investigative lead only, not an identification: this opinion must not be used as proof " \
  "of identity."

/* ---- observations -------------------------------------------------------------------------- */

/* The words of an observation: lk_observation_visibilities () and the others, in
 * lk-observation.h. */

typedef struct
{
  const char   *characteristic;       /* an id of the examination's feature-list edition */
  const char   *visibility_probe;     /* lk_observation_visibilities () or NULL */
  const char   *visibility_candidate; /* lk_observation_visibilities () or NULL */
  const char   *result;               /* lk_observation_results () or NULL: not assessed yet */
  const char   *significance;         /* lk_observation_significances () or NULL */
  const char   *note;                 /* NULL: none */
  const gint64 *annotation_ids;       /* annotations of this examination that show it */
  guint         n_annotation_ids;
} LkObservationSpec;

/* Records (replaces) the observation of one characteristic. Only the examiner of the
 * examination, and only until a conclusion is signed. Audited as observation.recorded. */
gboolean    lk_observations_set      (LkSession                *session,
                                      gint64                    examination_id,
                                      const LkObservationSpec  *observation,
                                      GError                  **error);
/* The observations of an examination as a JSON array (characteristic, component, name,
 * visibility_probe, visibility_candidate, result, significance, note, annotations,
 * updated_at), in the order of the feature list. For the examiner of the examination, reviewers
 * and administrators; recorded as a consultation. */
JsonArray  *lk_observations_get      (LkSession            *session,
                                      gint64                examination_id,
                                      GError              **error);
/* The same as a GListModel of LkObservation, for the feature panel; the same readers and the
 * same consultation event. */
GListModel *lk_observations_list     (LkSession            *session,
                                      gint64                examination_id,
                                      GError              **error);
/* Characteristics with a result (including not-assessable) out of all characteristics of the
 * examination's feature-list edition. */
gboolean    lk_observations_progress (LkSession            *session,
                                      gint64                examination_id,
                                      guint                *assessed,
                                      guint                *total,
                                      GError              **error);

/* ---- evaluation and signature ------------------------------------------------------------- */

typedef struct
{
  const char *propositions; /* NULL or blank: LK_DEFAULT_PROPOSITIONS */
  gboolean    not_suitable; /* the scale's separate outcome "not suitable for comparison" */
  int         ordinal;      /* a level of the policy's scale, when not not_suitable */
  const char *reasoning;    /* required, at least the policy's min_reasoning_length */
  const char *limitations;  /* required */
} LkConclusionDraft;

/* Warning ids. Each warning must be acknowledged in writing before signing: a sentence of at
 * least LK_ACKNOWLEDGEMENT_MIN_LENGTH characters saying why the conclusion stands. */
#define LK_ACKNOWLEDGEMENT_MIN_LENGTH 20
#define LK_WARNING_DISSIMILAR_INDIVIDUALISING "dissimilar-individualising"
#define LK_WARNING_LIMITED_PROBE_STRONG_LEVEL "limited-probe-strong-level"
#define LK_WARNING_NOTHING_ASSESSED           "nothing-assessed"
#define LK_WARNING_ABOVE_POLICY_LIMIT         "above-policy-limit"
#define LK_WARNING_BELOW_POLICY_MINIMUM       "below-policy-minimum"
#define LK_WARNING_UNEXPLAINED_DISSIMILAR     "unexplained-dissimilar"

typedef struct
{
  char     *id;      /* LK_WARNING_... */
  char     *message; /* what is inconsistent, in words, with the numbers */
  char     *rule;    /* the policy key of its rule's severity, NULL for the fixed checks */
  gboolean  refused; /* its rule is set to refuse: no acknowledgement lets the draft pass */
} LkConclusionWarning;

void        lk_conclusion_warning_free (LkConclusionWarning *warning);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkConclusionWarning, lk_conclusion_warning_free)

/* The scale the policy prescribes for new conclusions (borrowed). */
const LkScale *lk_conclusions_scale  (LkStore              *store,
                                      GError              **error);

/* The Evaluate step without signing, for the form: fills @warnings (LkConclusionWarning) as
 * soon as the examination and the level could be read, then checks the texts. Returns TRUE
 * when the draft could be signed once every warning is acknowledged; FALSE with
 * LK_ERROR_REFUSED naming the rule and its numbers when a rule of policy set to refuse is
 * broken (that item is in @warnings too, with refused set). The warnings:
 * - dissimilar-individualising: a same-person level (ordinal > 0) while an individualising
 *   characteristic is dissimilar;
 * - limited-probe-strong-level: a level of strength 2 or more (|ordinal| >= 2 on default-7,
 *   moderately strong or stronger on enfsi) while the latest locked probe analysis said
 *   limited suitability;
 * - nothing-assessed: a level although no characteristic was found similar, dissimilar or an
 *   explainable difference;
 * - above-policy-limit: a level stronger than the policy's strongest_level_limited for a
 *   limited probe, or any level for a probe analysed as not suitable (rule rules.limited_cap,
 *   refuse by default: a cap is a cap);
 * - below-policy-minimum: a level of strength 2 or 3 (either side of the scale; enfsi levels
 *   by their strength) with fewer characteristics assessed (similar, dissimilar or an
 *   explainable difference), or fewer individualising ones among them, than the policy's
 *   min_assessed_strength_N and min_individualising_strength_N (rule rules.minimums, warn
 *   by default);
 * - unexplained-dissimilar: a same-person level of at least unexplained_dissimilar_strength
 *   while characteristics are recorded dissimilar rather than as explainable differences
 *   (rule rules.unexplained_dissimilar, warn by default).
 * Each rule's severity is a policy key: warn (an acknowledgement lets it pass) or refuse.
 * Examiner of the examination only. */
gboolean    lk_conclusions_check     (LkSession                *session,
                                      gint64                    examination_id,
                                      const LkConclusionDraft  *draft,
                                      GPtrArray               **warnings,
                                      GError                  **error);
/* Signs the first conclusion of an examination: re-checks everything, requires a non-blank
 * written acknowledgement in @acknowledgements (warning id -> text) for every warning and no
 * other, verifies @password (a wrong one counts toward the lock-out), then writes the
 * immutable conclusion (scale, scale version, ordinal, wording, propositions, reasoning,
 * limitations, acknowledged warnings, a snapshot of the observations, signer, time and the
 * SHA-256 of its canonical content), audited as conclusion.signed. Only the examiner of the
 * examination, who must hold the examiner role; competency records with expiry will gate
 * this too once they exist. Returns the conclusion id, 0 on error. */
gint64      lk_conclusions_sign      (LkSession                *session,
                                      gint64                    examination_id,
                                      const LkConclusionDraft  *draft,
                                      GHashTable               *acknowledgements,
                                      const char               *password,
                                      GError                  **error);
/* A new revision of a signed conclusion that points to the current one (amends) with a
 * @reason; both stay. Same checks as signing; audited as conclusion.amended. */
gint64      lk_conclusions_amend     (LkSession                *session,
                                      gint64                    examination_id,
                                      const LkConclusionDraft  *draft,
                                      GHashTable               *acknowledgements,
                                      const char               *reason,
                                      const char               *password,
                                      GError                  **error);
/* The same in a worker thread for the UI (the password check takes about 0.1 s): signs when
 * @reason is NULL, else amends. Everything is copied. */
void        lk_conclusions_sign_async  (LkSession                *session,
                                        gint64                    examination_id,
                                        const LkConclusionDraft  *draft,
                                        GHashTable               *acknowledgements,
                                        const char               *reason,
                                        const char               *password,
                                        GCancellable             *cancellable,
                                        GAsyncReadyCallback       callback,
                                        gpointer                  user_data);
/* The new conclusion's id, 0 on error. */
gint64      lk_conclusions_sign_finish (GAsyncResult             *result,
                                        GError                  **error);
/* Every revision as JSON (oldest first), each with "result_use" and "content_intact" (its
 * SHA-256 recomputed). Same readers as lk_observations_get; recorded as a consultation. */
JsonArray  *lk_conclusions_list      (LkSession            *session,
                                      gint64                examination_id,
                                      GError              **error);
/* The same as a GListModel of LkConclusion (oldest first), for the workspace; the same readers
 * and the same consultation event. */
GListModel *lk_conclusions_list_revisions (LkSession       *session,
                                           gint64           examination_id,
                                           GError         **error);

G_END_DECLS
