/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: shared by the files of the self-assessment. */
#pragma once

#include "lk-internal.h"

#include "governance/lk-assessment.h"

G_BEGIN_DECLS

/* Fills @answer's figure and proposal from the records, when its kind of evidence is one that
 * Likeness holds; FALSE with @error when the records cannot be read. */
gboolean lk_assessment_figure (LkStore             *store,
                               LkAssessmentAnswer  *answer,
                               GError             **error);

/* The questionnaire of @edition (NULL: the current one), checked against its schema: the
 * shipped file or an installed edition; NULL with @error for an edition not installed. */
JsonNode *lk_assessment_edition_load (LkStore     *store,
                                      const char  *edition,
                                      GError     **error);

G_END_DECLS
