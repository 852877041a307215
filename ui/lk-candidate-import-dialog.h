/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_CANDIDATE_IMPORT_DIALOG (lk_candidate_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LkCandidateImportDialog, lk_candidate_import_dialog, LK,
                      CANDIDATE_IMPORT_DIALOG, AdwWindow)

/* Validates the list in a worker thread and previews it; "Import" commits it. Emits "done". */
LkCandidateImportDialog *lk_candidate_import_dialog_new (LkSession *session,
                                                         gint64     probe_id,
                                                         GFile     *file);

G_END_DECLS
