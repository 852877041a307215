/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_RETENTION_PAGE (lk_retention_page_get_type ())
G_DECLARE_FINAL_TYPE (LkRetentionPage, lk_retention_page, LK, RETENTION_PAGE, AdwBin)

/* Administration > Retention: images and templates with counts and sizes, the periods, a
 * preview (a dry run) and the purge after a confirmation. Actions: retention.preview,
 * retention.purge (asks first), retention.purge-confirmed (runs it). */
void                     lk_retention_page_set_session (LkRetentionPage *self,
                                                        LkSession       *session);
/* The last preview or purge shown (NULL before); for tests. */
const LkRetentionReport *lk_retention_page_get_report  (LkRetentionPage *self);

G_END_DECLS
