/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_PROBE_IMPORT_DIALOG (lk_probe_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LkProbeImportDialog, lk_probe_import_dialog, LK, PROBE_IMPORT_DIALOG,
                      AdwWindow)

/* The provenance form for one image file; imports in a worker thread and emits "imported"
 * (gint64 probe id) before closing. */
LkProbeImportDialog *lk_probe_import_dialog_new (LkSession  *session,
                                                 const char *case_number,
                                                 GFile      *file);

G_END_DECLS
