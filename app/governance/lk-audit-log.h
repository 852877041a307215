/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "people/lk-session.h"

G_BEGIN_DECLS

typedef enum
{
  LK_AUDIT_FORMAT_JSONL,
  LK_AUDIT_FORMAT_CSV,
} LkAuditFormat;

gboolean lk_audit_format_parse (const char     *text,
                                LkAuditFormat  *format,
                                GError        **error);

/* Administrators and reviewers may verify the chain; the check itself is audited. */
gboolean lk_audit_log_verify   (LkSession      *session,
                                gint64         *n_events,
                                gint64         *broken_seq,
                                char          **reason,
                                GError        **error);

/* The chain alone cannot show that events were cut from its end, or that someone with write
 * access rewrote it from some event on and computed the hashes afresh. An anchor can: the
 * sequence number and hash of an event, written down outside Likeness (a case file, a
 * quality manager's mail). The newest event is the head (administrators and reviewers). */
gboolean lk_audit_log_head     (LkSession      *session,
                                gint64         *seq,
                                char          **hash,
                                GError        **error);
/* Parses "SEQ:HASH" (HASH: 64 hexadecimal digits). */
gboolean lk_audit_anchor_parse (const char     *text,
                                gint64         *seq,
                                char          **hash,
                                GError        **error);
/* As lk_audit_log_verify(), and the chain must still hold event @anchor_seq with
 * @anchor_hash: a missing event or another hash is a break at @anchor_seq. */
gboolean lk_audit_log_verify_anchored (LkSession  *session,
                                       gint64      anchor_seq,
                                       const char *anchor_hash,
                                       gint64     *n_events,
                                       gint64     *broken_seq,
                                       char      **reason,
                                       GError    **error);

/* Administrators only: writes every event (a disclosure, audited before it is written). */
gboolean lk_audit_log_export   (LkSession      *session,
                                LkAuditFormat   format,
                                GOutputStream  *out,
                                GError        **error);

G_END_DECLS
