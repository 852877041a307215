/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the two candidate-list targets. */
#pragma once

#include "engine/lk-candidate-list.h"

G_BEGIN_DECLS

/* A private folder holding one small image, "a.png", for lists that name images by path;
 * created on first use, removed at exit. */
const char *lk_fuzz_candidates_folder (void);
/* What an accepted list promises its importer. */
void        lk_fuzz_candidates_check  (const LkCandidateList *list);

G_END_DECLS
