/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: examinations as JSON for case show and for conclusions. */
#pragma once

#include "lk-internal.h"
#include "examination/lk-examinations.h"
#include "store/lk-store-private.h"

G_BEGIN_DECLS

/* A summary of each examination of a probe for `case show --json` (id,
 * candidate, subject_ref, examiner, purpose, seconds_spent, n_annotations, aligned). */
JsonArray  *lk_examinations_json_for_probe    (LkStore             *store,
                                               gint64               probe_id);
/* For reports and conclusions: the JSON of lk_examinations_get without a gate or
 * an audit event. */
JsonObject *lk_examinations_to_json           (LkStore             *store,
                                               gint64               examination_id,
                                               GError             **error);

G_END_DECLS
