/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: comparisons are built from signed conclusions only. */
#pragma once

#include <json-glib/json-glib.h>

#include "lk-internal.h"
#include "verification/lk-verification-comparison.h"

G_BEGIN_DECLS

/* One side: a signed conclusion's outcome, ordinal, wording, reasoning, limitations and its
 * observation snapshot (JSON text, as signed). */
typedef struct
{
  gboolean    not_suitable;
  int         ordinal;
  const char *level;
  const char *reasoning;
  const char *limitations;
  const char *observations;
} LkOpinion;

/* @reviewer NULL: an open review. @rule: "same-level" or "same-side-within-one". */
LkVerificationComparison *lk_verification_comparison_new (const LkOpinion *examiner,
                                                          const LkOpinion *reviewer,
                                                          const char      *rule);
/* Whether two opinions agree under @rule. */
gboolean    lk_opinions_agree                 (const LkOpinion *a,
                                               const LkOpinion *b,
                                               const char      *rule);
JsonObject *lk_verification_comparison_to_json (LkVerificationComparison *self);

G_END_DECLS
