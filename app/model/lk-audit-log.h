/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lk-session.h"

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

/* Administrators only: writes every event (a disclosure, audited before it is written). */
gboolean lk_audit_log_export   (LkSession      *session,
                                LkAuditFormat   format,
                                GOutputStream  *out,
                                GError        **error);

G_END_DECLS
