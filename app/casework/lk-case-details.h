/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the case page shows, read at once: the case, its status history (a GListModel of
 * LkCaseEvent, oldest first) and its probes (a GListModel of LkProbeSummary, in import order). */
#pragma once

#include <gio/gio.h>

#include "casework/lk-case.h"

G_BEGIN_DECLS

#define LK_TYPE_CASE_DETAILS (lk_case_details_get_type ())
G_DECLARE_FINAL_TYPE (LkCaseDetails, lk_case_details, LK, CASE_DETAILS, GObject)

LkCase     *lk_case_details_get_case    (LkCaseDetails *self);
GListModel *lk_case_details_get_history (LkCaseDetails *self);
GListModel *lk_case_details_get_probes  (LkCaseDetails *self);
/* Whether the case lives in the demo workspace, which is not for casework. */
gboolean    lk_case_details_get_demo    (LkCaseDetails *self);

G_END_DECLS
