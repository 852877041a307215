/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_COMPETENCY_PAGE (lk_competency_page_get_type ())
G_DECLARE_FINAL_TYPE (LkCompetencyPage, lk_competency_page, LK, COMPETENCY_PAGE, AdwBin)

/* Administration > Competency: the records of who may sign conclusions and who may verify
 * them, each with its state (current, expired, not yet valid, revoked). Actions
 * competency.add (a dialog: user, kind, valid from and until, evidence) and competency.revoke
 * (x, the record id; asks for a reason). A record is never edited: it is revoked and another
 * added. */
void lk_competency_page_set_session (LkCompetencyPage *self,
                                     LkSession        *session);
void lk_competency_page_reload      (LkCompetencyPage *self);

G_END_DECLS
