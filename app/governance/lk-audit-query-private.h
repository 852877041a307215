/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: the parts of the audit browser that only the core uses: a selection that
 * a worker stops when its cancellable is cancelled, and entries that the list model fills once
 * their page has been read in the background. */
#pragma once

#include "lk-internal.h"
#include "governance/lk-audit-query.h"

G_BEGIN_DECLS

/* lk_audit_log_select(), checking @cancellable as it reads the numbers. */
GArray       *lk_audit_log_select_cancellable (LkSession            *session,
                                               const LkAuditFilter  *filter,
                                               GCancellable         *cancellable,
                                               GError              **error);

/* The statement that selects the numbers of the events matching @filter when no shortcut
 * applies (for the benchmark's EXPLAIN QUERY PLAN). */
char         *lk_audit_filter_select_sql      (const LkAuditFilter  *filter);

/* An entry that knows only its number until lk_audit_entry_fill() gives it the event
 * (each property then notifies, "loaded" last). */
LkAuditEntry *lk_audit_entry_new_pending      (gint64                seq);
void          lk_audit_entry_fill             (LkAuditEntry         *self,
                                               const LkAuditEvent   *event);

G_END_DECLS
