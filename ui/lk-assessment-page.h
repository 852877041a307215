/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_ASSESSMENT_PAGE (lk_assessment_page_get_type ())
G_DECLARE_FINAL_TYPE (LkAssessmentPage, lk_assessment_page, LK, ASSESSMENT_PAGE, AdwBin)

/* Administration > Self-Assessment: the questionnaire by principle, Likeness's proposals and
 * figures, an answer, comment and evidence per question. Actions: assessment.propose (reads
 * the figures in a worker thread), assessment.save (saves today's assessment). */
void                lk_assessment_page_set_session (LkAssessmentPage *self,
                                                    LkSession        *session);
/* The assessment shown (NULL before the figures are read); for tests. */
LkAssessment       *lk_assessment_page_get_assessment (LkAssessmentPage *self);
/* Sets the answer to question @id in its row, as a user would; for tests. */
void                lk_assessment_page_set_answer  (LkAssessmentPage *self,
                                                    const char       *id,
                                                    LkAnswer          answer,
                                                    const char       *comment);

G_END_DECLS
