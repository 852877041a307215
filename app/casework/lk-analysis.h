/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The probe's analysis, the "A" of ACE-V: a draft while the examiner works, then locked before
 * any candidate is unmasked; a locked analysis changes only by a new revision with a reason. */
#pragma once

#include "casework/lk-probe-analysis.h"
#include "people/lk-session.h"

G_BEGIN_DECLS

typedef struct
{
  const char         *suitability; /* suitable, limited, not-suitable */
  const char * const *factors;     /* lk_vocabulary_factors (), NULL-terminated or NULL */
  const char * const *components;  /* feature-list component ids, NULL-terminated or NULL */
  const char         *notes;
} LkAnalysis;

/* Whether @analysis could be locked as it stands (vocabulary, components, and the reasons a
 * limited or unsuitable probe needs), without touching the database: the page asks before it
 * offers to lock. */
gboolean            lk_analysis_check       (const LkAnalysis  *analysis,
                                             GError           **error);

/* The face of interest, while the analysis is not locked yet. */
gboolean    lk_analysis_choose_face      (LkSession           *session,
                                          gint64               probe_id,
                                          int                  face_index,
                                          GError             **error);
gboolean    lk_analysis_save_draft       (LkSession           *session,
                                          gint64               probe_id,
                                          const LkAnalysis    *analysis,
                                          GError             **error);
/* The draft of the analysis (revision 0), or NULL without an error when there is none. */
LkProbeAnalysis *lk_analysis_get_draft   (LkSession           *session,
                                          gint64               probe_id,
                                          GError             **error);
/* Locks the analysis (examiners); "not-suitable" closes the probe. A locked analysis never
 * changes: lk_analysis_amend adds a revision with a reason. */
gboolean    lk_analysis_lock             (LkSession           *session,
                                          gint64               probe_id,
                                          const LkAnalysis    *analysis,
                                          GError             **error);
gboolean    lk_analysis_amend            (LkSession           *session,
                                          gint64               probe_id,
                                          const LkAnalysis    *analysis,
                                          const char          *reason,
                                          GError             **error);

G_END_DECLS
