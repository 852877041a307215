/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: how a case is read from the store. */
#pragma once

#include "lk-internal.h"
#include "casework/lk-case.h"
#include "store/lk-store-private.h"

G_BEGIN_DECLS

/* The columns lk_case_new_from_row reads, in order, and the tables they come from. */
#define LK_CASE_COLUMNS \
  "c.id, c.number, c.title, c.offence_code, c.offence_name, c.seriousness, c.legal_basis," \
  " c.purpose, c.authorised_by, c.requested_by, c.review_date, c.status, u.name, c.created_at," \
  " c.decision_note, (SELECT count(*) FROM probes p WHERE p.case_id = c.id)" \
  " FROM cases c JOIN users u ON u.id = c.examiner_id"

LkCase *lk_case_new_from_row (LkStmt *stmt);

G_END_DECLS
