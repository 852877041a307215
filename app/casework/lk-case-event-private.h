/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: status history entries are made only from what the store recorded. */
#pragma once

#include "lk-internal.h"
#include "casework/lk-case-event.h"

G_BEGIN_DECLS

LkCaseEvent *lk_case_event_new (const char *status,
                                const char *at,
                                const char *by,
                                const char *reason);

G_END_DECLS
