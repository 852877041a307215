/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One step in a case's status history: where it went, when, who moved it and why. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LK_TYPE_CASE_EVENT (lk_case_event_get_type ())
G_DECLARE_FINAL_TYPE (LkCaseEvent, lk_case_event, LK, CASE_EVENT, GObject)

/* The status the case moved to. */
const char *lk_case_event_get_status (LkCaseEvent *self);
/* ISO 8601, UTC. */
const char *lk_case_event_get_at     (LkCaseEvent *self);
/* The user name of whoever moved it. */
const char *lk_case_event_get_by     (LkCaseEvent *self);
const char *lk_case_event_get_reason (LkCaseEvent *self);

G_END_DECLS
