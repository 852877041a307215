/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-compare-view.h"
#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_WORKSPACE (lk_workspace_get_type ())
G_DECLARE_FINAL_TYPE (LkWorkspace, lk_workspace, LK, WORKSPACE, AdwBin)

/* The examination workspace for one retained candidate: opens (or resumes) the examiner's
 * examination, loads both images off the main loop, and offers the comparison modes, eye
 * alignment, enhancement stacks and annotations. Scores and ranks are never shown. Signal
 * "navigate" (gint64 candidate id) asks the owner to open another retained candidate.
 * Actions: workspace.mode (s), workspace.align, workspace.reset-alignment,
 * workspace.enhancements, workspace.tool (s), workspace.next, workspace.previous,
 * workspace.zoom-in, workspace.zoom-out, workspace.zoom-faces, workspace.zoom-fit,
 * workspace.zoom-1to1, workspace.zoom-to (d: 1.0 is 100 %). It opens framed on the detected
 * faces; until the candidate is aligned by the eyes it is shown at the probe's face size. */
LkWorkspace   *lk_workspace_new               (LkSession   *session,
                                               gint64       candidate_id,
                                               GError     **error);
/* The workspace on an examination already open: a reviewer's own (purpose "verification", from
 * lk_verifications_open), with the blind banner until they sign and no previous or next
 * candidate. Signal "conclusion-signed" after the Evaluate dialog signs. Actions
 * workspace.submit and workspace.reopen are the examiner's side of verification. */
LkWorkspace   *lk_workspace_new_for_examination (LkSession *session,
                                                 gint64     examination_id,
                                                 GError   **error);
gint64         lk_workspace_get_examination   (LkWorkspace *self);
/* Whether it is a reviewer's own examination (purpose "verification"). */
gboolean       lk_workspace_get_reviewing     (LkWorkspace *self);
LkCompareView *lk_workspace_get_compare_view  (LkWorkspace *self);
/* TRUE once both images are shown. */
gboolean       lk_workspace_is_loaded         (LkWorkspace *self);
/* The time spent on the comparison so far, stored and not yet stored. It counts while the
 * workspace is shown, the session is unlocked and there was input in the workspace (or one of
 * its window's dialogs is active) within the idle time (180 seconds unless set). */
double         lk_workspace_get_seconds_spent (LkWorkspace *self);
void           lk_workspace_set_idle_seconds  (LkWorkspace *self,
                                               guint        seconds);
/* Reads again what another workstation may have changed: whether the examination is signed,
 * its conclusion and its verification (LkStore::changed). */
void           lk_workspace_refresh           (LkWorkspace *self);

G_END_DECLS
