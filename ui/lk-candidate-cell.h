/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-candidate-item.h"

G_BEGIN_DECLS

#define LK_TYPE_CANDIDATE_CELL (lk_candidate_cell_get_type ())
G_DECLARE_FINAL_TYPE (LkCandidateCell, lk_candidate_cell, LK, CANDIDATE_CELL, AdwBin)

/* The content of one tile of the triage grid (lk-candidate-cell.ui binds its GtkListItem's
 * item, position and selected to it). The grid's own tile widget around it and the picture
 * get the candidate's accessible label, and keyboard focus and the selection stay on the same
 * tile: a focused tile is selected, a selected tile takes the focus while the grid has it. */
LkCandidateItem *lk_candidate_cell_get_item (LkCandidateCell *self);

G_END_DECLS
