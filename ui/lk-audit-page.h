/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_AUDIT_PAGE (lk_audit_page_get_type ())
G_DECLARE_FINAL_TYPE (LkAuditPage, lk_audit_page, LK, AUDIT_PAGE, AdwBin)

/* Administration > Audit Trail. Actions: audit.verify (against the anchor typed in its row,
 * when any), audit.export, audit.copy-anchor. */
void        lk_audit_page_set_session (LkAuditPage *self,
                                       LkSession   *session);
/* SEQ:HASH of the newest event as last read (after a check, or when the session was set);
 * NULL before. */
const char *lk_audit_page_get_head    (LkAuditPage *self);

G_END_DECLS
