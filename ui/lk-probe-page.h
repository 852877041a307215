/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One probe: the image with its faces, the quality readout, provenance, integrity, metadata,
 * and the analysis form that is locked before any candidate is seen. */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_PROBE_PAGE (lk_probe_page_get_type ())
G_DECLARE_FINAL_TYPE (LkProbePage, lk_probe_page, LK, PROBE_PAGE, AdwBin)

LkProbePage *lk_probe_page_new           (LkSession   *session,
                                          gint64       probe_id);
gint64       lk_probe_page_get_probe_id  (LkProbePage *self);
/* The probe's file name once loaded, for a window or page title; NULL before. */
const char  *lk_probe_page_get_file_name (LkProbePage *self);

G_END_DECLS
