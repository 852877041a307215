/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: details are put together by lk_cases_get_details only. */
#pragma once

#include "lk-internal.h"
#include "casework/lk-case-details.h"

G_BEGIN_DECLS

LkCaseDetails *lk_case_details_new (LkCase     *c,
                                    GListModel *history,
                                    GListModel *probes,
                                    gboolean    demo);

G_END_DECLS
