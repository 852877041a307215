/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_CASE_PAGE (lk_case_page_get_type ())
G_DECLARE_FINAL_TYPE (LkCasePage, lk_case_page, LK, CASE_PAGE, AdwBin)

/* One case: the request, its status with the next step, probes (import by button or by
 * dropping files) and the status history. Signals: "probe-activated" and
 * "candidates-activated" (gint64 probe id), "changed". Actions: case.import, case.advance,
 * case.approve, case.reject, case.reload, case.candidates (x). */
LkCasePage *lk_case_page_new        (LkSession  *session,
                                     const char *number);
const char *lk_case_page_get_number (LkCasePage *self);
void        lk_case_page_reload     (LkCasePage *self);
/* Opens the provenance form for @file (also what a drop does). */
void        lk_case_page_import     (LkCasePage *self,
                                     GFile      *file);

G_END_DECLS
