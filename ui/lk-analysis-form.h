/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The analysis form of the probe page: suitability, affecting factors, visible components,
 * notes and, for an amendment, its reason. Its buttons act on the page's probe.* actions. */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_ANALYSIS_FORM (lk_analysis_form_get_type ())
G_DECLARE_FINAL_TYPE (LkAnalysisForm, lk_analysis_form, LK, ANALYSIS_FORM, AdwBin)

GtkWidget  *lk_analysis_form_new             (void);
/* Fills the form from a draft or a locked revision; NULL empties it. The reason and the
 * message are cleared. */
void        lk_analysis_form_set_analysis    (LkAnalysisForm  *self,
                                              LkProbeAnalysis *analysis);
/* Property "amending": the reason and the amendment's buttons instead of the draft's. */
gboolean    lk_analysis_form_get_amending    (LkAnalysisForm *self);
void        lk_analysis_form_set_amending    (LkAnalysisForm *self,
                                              gboolean        amending);
/* Property "suitability" (read-only): the chosen suitability's id, or NULL. */
const char *lk_analysis_form_get_suitability (LkAnalysisForm *self);
/* The ids of the checked factors and components, and the notes, as entered. */
GStrv       lk_analysis_form_dup_factors     (LkAnalysisForm *self);
GStrv       lk_analysis_form_dup_components  (LkAnalysisForm *self);
char       *lk_analysis_form_dup_notes       (LkAnalysisForm *self);
const char *lk_analysis_form_get_reason      (LkAnalysisForm *self);
void        lk_analysis_form_focus_reason    (LkAnalysisForm *self);
/* Shows @message (what the core refused) under the form, or hides it when NULL. */
void        lk_analysis_form_set_message     (LkAnalysisForm *self,
                                              const char     *message);

G_END_DECLS
