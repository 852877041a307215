/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Beside the triage grid: the probe pinned in place, its face cropped, its locked analysis a
 * click away, and the selected candidate's face next to it at the same face scale. */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_TRIAGE_PROBE (lk_triage_probe_get_type ())
G_DECLARE_FINAL_TYPE (LkTriageProbe, lk_triage_probe, LK, TRIAGE_PROBE, GtkBox)

/* Reads the probe (a consultation) and loads its image in a worker thread. */
void      lk_triage_probe_set_probe      (LkTriageProbe *self,
                                          LkSession     *session,
                                          gint64         probe_id);
/* The candidate shown beside the probe: its image read, decoded and its face found in a worker
 * thread; 0 for none. @title names it ("Candidate 2"). */
void      lk_triage_probe_show_candidate (LkTriageProbe *self,
                                          gint64         candidate_id,
                                          const char    *title);
/* Whether the probe's face and the candidate's face are both shown (for tests). */
gboolean  lk_triage_probe_get_showing    (LkTriageProbe *self,
                                          gboolean       candidate);

G_END_DECLS
