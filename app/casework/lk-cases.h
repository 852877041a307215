/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cases: a request with a lawful, proportionate purpose, and its status from intake to close. */
#pragma once

#include <json-glib/json-glib.h>

#include "casework/lk-case.h"
#include "casework/lk-case-details.h"
#include "casework/lk-case-event.h"
#include "casework/lk-probe-summary.h"
#include "casework/lk-vocabulary.h"
#include "people/lk-session.h"

G_BEGIN_DECLS

typedef struct
{
  const char *number;
  const char *title;
  const char *offence_code;
  const char *legal_basis;
  const char *purpose;        /* purpose and necessity statement */
  const char *authorised_by;
  const char *requested_by;   /* requesting unit */
  const char *review_date;    /* optional, YYYY-MM-DD */
} LkCaseRequest;

/* Examiners and administrators. A category that needs approval starts "awaiting-approval". */
LkCase     *lk_cases_create       (LkSession            *session,
                                   const LkCaseRequest  *request,
                                   GError              **error);
/* Casework roles (examiner, reviewer, administrator). Any filter may be NULL. The search is
 * recorded as a consultation. A list of LkCase, newest first. */
GListModel *lk_cases_list         (LkSession            *session,
                                   const char           *search,
                                   const char           *status,
                                   const char           *examiner,
                                   GError              **error);
/* Reads one case; recorded as a consultation. */
LkCase     *lk_cases_get          (LkSession            *session,
                                   const char           *number,
                                   GError              **error);
/* The case with its status history and its probes, for the case page: one read, recorded
 * as one consultation of the case, like lk_cases_get. */
LkCaseDetails *lk_cases_get_details (LkSession          *session,
                                     const char         *number,
                                     GError            **error);
/* Administrators decide on a case awaiting approval; @reason is required. */
gboolean    lk_cases_decide       (LkSession            *session,
                                   const char           *number,
                                   gboolean              approve,
                                   const char           *reason,
                                   GError              **error);
/* The status moves by itself as the work is done (the first probe, the last locked analysis,
 * the last submission for verification, the last countersignature; a return moves it back).
 * This is the manual move, for administrators only, with a reason: one step along open ->
 * analysis -> examination -> verification -> closed -> archived, or one step back. The core
 * checks each step's preconditions; a case closes only when every conclusion is verified. */
gboolean    lk_cases_move         (LkSession            *session,
                                   const char           *number,
                                   const char           *status,
                                   const char           *reason,
                                   GError              **error);
/* The whole case for `case show --json`: number, title, status, request fields, history and
 * probes (with provenance, metadata, faces, quality and analysis revisions). */
JsonObject *lk_cases_to_json      (LkSession            *session,
                                   const char           *number,
                                   GError              **error);

G_END_DECLS
