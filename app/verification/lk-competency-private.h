/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Inside the core: a competency record added within the caller's transaction (a confirmed
 * training proposal adds its record and its decision together). */
#pragma once

#include "lk-internal.h"

#include "store/lk-audit.h"
#include "store/lk-store-private.h"
#include "verification/lk-competency.h"

G_BEGIN_DECLS

/* As lk_competencies_add() without its role check and transaction: the caller holds both.
 * Audited as competency.added by @actor. Returns the record's id, 0 on error. */
gint64 lk_competencies_insert (LkStore     *store,
                               LkActor     *actor,
                               gint64       recorded_by,
                               const char  *user_name,
                               const char  *kind,
                               const char  *valid_from,
                               const char  *valid_until,
                               const char  *evidence,
                               GError     **error);

G_END_DECLS
