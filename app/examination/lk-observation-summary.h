/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the observations of one examination add up to, for the Evaluate step: read before a
 * level is chosen, so that the level answers to the comparison actually recorded. */
#pragma once

#include <glib.h>

#include "people/lk-session.h"

G_BEGIN_DECLS

typedef struct
{
  guint   total;           /* characteristics in the examination's feature-list edition */
  guint   similar;
  guint   dissimilar;
  guint   explainable;     /* explainable differences */
  guint   not_assessable;
  guint   class_level;     /* of those compared (similar, dissimilar, explainable): class */
  guint   individualising; /* ... and individualising */
  char  **not_compared;    /* the components none of whose characteristics was compared */
} LkObservationSummary;

void     lk_observation_summary_clear (LkObservationSummary *summary);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkObservationSummary, lk_observation_summary_clear)

/* Fills @summary for examination @examination_id, for those who may read it (its examiner, a
 * reviewer once unblinded, an administrator). */
gboolean lk_observations_summarise    (LkSession            *session,
                                       gint64                examination_id,
                                       LkObservationSummary *summary,
                                       GError              **error);

G_END_DECLS
