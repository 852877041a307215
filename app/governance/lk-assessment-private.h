/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: shared by the files of the self-assessment. */
#pragma once

#include "lk-internal.h"

#include "governance/lk-assessment.h"

G_BEGIN_DECLS

/* Fills @answer's figure and proposal from the records, when its kind of evidence is one that
 * Likeness holds. */
void lk_assessment_figure (LkStore            *store,
                           LkAssessmentAnswer *answer);

G_END_DECLS
