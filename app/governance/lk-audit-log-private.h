/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: the audit events of one case, and an event as one line of JSON, shared by
 * the audit export, the report and the disclosure bundle so that they all tell the same. */
#pragma once

#include "lk-internal.h"
#include "store/lk-audit.h"

G_BEGIN_DECLS

/* The events about case @number (id @case_id) and its probes, candidate lists, candidates,
 * examinations and verifications, oldest first (a GPtrArray of LkAuditEvent), and the head of
 * the whole chain as it was read in @head_seq and @head_hash (0 and NULL when empty). */
GPtrArray *lk_audit_log_case_events  (LkStore             *store,
                                      gint64               case_id,
                                      const char          *number,
                                      gint64              *head_seq,
                                      char               **head_hash,
                                      GError             **error);

/* Appends @event as one line of JSON (with its newline), as `audit export --format jsonl`
 * writes it. */
void       lk_audit_log_format_jsonl (GString             *line,
                                      const LkAuditEvent  *event,
                                      gboolean             demo);

/* The same as one CSV line, after the header LK_AUDIT_CSV_HEADER. */
#define LK_AUDIT_CSV_HEADER "seq,at,user,role,action,object,details,prev_hash,hash,workspace\n"
void       lk_audit_log_format_csv   (GString             *line,
                                      const LkAuditEvent  *event,
                                      gboolean             demo);

G_END_DECLS
