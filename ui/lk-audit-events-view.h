/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_AUDIT_EVENTS_VIEW (lk_audit_events_view_get_type ())
G_DECLARE_FINAL_TYPE (LkAuditEventsView, lk_audit_events_view, LK, AUDIT_EVENTS_VIEW, AdwBin)

/* Administration > Audit Events: every event in order, filtered by case, user, action, object
 * and period, with the selected event's details and its place in the chain. Actions:
 * events.apply (reads the filter), events.export ("csv" or "jsonl"). */
void              lk_audit_events_view_set_session (LkAuditEventsView *self,
                                                    LkSession         *session);
/* Shows the events of case @number (the case page's link). */
void              lk_audit_events_view_show_case   (LkAuditEventsView *self,
                                                    const char        *number);
/* The events shown (NULL before the first filter is applied). */
LkAuditEventList *lk_audit_events_view_get_events  (LkAuditEventsView *self);
/* Selects row @position and shows its details; for tests. */
void              lk_audit_events_view_select      (LkAuditEventsView *self,
                                                    guint              position);
const char       *lk_audit_events_view_get_details (LkAuditEventsView *self);

G_END_DECLS
