/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: shared by the retention dates (lk-retention.c) and the purge
 * (lk-retention-run.c). */
#pragma once

#include "lk-internal.h"

#include "governance/lk-retention.h"

G_BEGIN_DECLS

/* Every item that holds an image, with its retention at @as_of (of LkRetentionItem). */
GPtrArray *lk_retention_collect (LkStore    *store,
                                 GDateTime  *as_of,
                                 GError    **error);

G_END_DECLS
