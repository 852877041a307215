/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One case as read from the store: a read-only record whose fields are properties. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LK_TYPE_CASE (lk_case_get_type ())
G_DECLARE_FINAL_TYPE (LkCase, lk_case, LK, CASE, GObject)

gint64      lk_case_get_id            (LkCase *self);
const char *lk_case_get_number        (LkCase *self);
const char *lk_case_get_title         (LkCase *self);
const char *lk_case_get_offence_code  (LkCase *self);
const char *lk_case_get_offence_name  (LkCase *self);
int         lk_case_get_seriousness   (LkCase *self);
const char *lk_case_get_legal_basis   (LkCase *self);
/* The purpose and necessity statement. */
const char *lk_case_get_purpose       (LkCase *self);
const char *lk_case_get_authorised_by (LkCase *self);
/* The requesting unit. */
const char *lk_case_get_requested_by  (LkCase *self);
/* YYYY-MM-DD, or NULL when none was set. */
const char *lk_case_get_review_date   (LkCase *self);
const char *lk_case_get_status        (LkCase *self);
const char *lk_case_get_examiner      (LkCase *self);
const char *lk_case_get_created_at    (LkCase *self);
/* The administrator's reason for approving or rejecting, or NULL. */
const char *lk_case_get_decision_note (LkCase *self);
int         lk_case_get_n_probes      (LkCase *self);

G_END_DECLS
