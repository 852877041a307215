/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_CASES_PAGE (lk_cases_page_get_type ())
G_DECLARE_FINAL_TYPE (LkCasesPage, lk_cases_page, LK, CASES_PAGE, AdwBin)

/* The Cases section: the case list with search and filters, then one case, then one probe.
 * Actions: cases.new, cases.back, cases.open (s: case number), cases.open-probe (x),
 * cases.open-candidates (x: probe id). */
void lk_cases_page_set_session (LkCasesPage *self,
                                LkSession   *session);
void lk_cases_page_reload      (LkCasesPage *self);
/* Reads again what the page shows of @topic ("case", "verification", "conclusion"), changed
 * elsewhere, keeping the search, the filters, the focused row and the page shown. */
void lk_cases_page_refresh     (LkCasesPage *self,
                                const char  *topic);
/* What the page shows, for the header: "Cases", "Case DEMO-2026-003", "Probe 1 of case
 * DEMO-2026-003", ... (the "title" property, notified when it changes). */
const char *lk_cases_page_get_title (LkCasesPage *self);
/* Numbers of the cases the filters let through, in order (for tests). */
GStrv lk_cases_page_dup_visible (LkCasesPage *self);

G_END_DECLS
