/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_VERIFICATIONS_PAGE (lk_verifications_page_get_type ())
G_DECLARE_FINAL_TYPE (LkVerificationsPage, lk_verifications_page, LK, VERIFICATIONS_PAGE, AdwBin)

/* The Verification section. For reviewers: the verifications assigned to them ("Awaiting My
 * Verification", open ones first) and the queue they may take from; for examiners: "My
 * Submitted Work". A row opens the verification, and from there the reviewer's own
 * examination in the workspace. Actions: verifications.open (x), verifications.take (x),
 * verifications.refresh, verifications.back. */
void       lk_verifications_page_set_session    (LkVerificationsPage *self,
                                                 LkSession           *session);
void       lk_verifications_page_reload         (LkVerificationsPage *self);
/* Reads again what was changed elsewhere (LkStore::changed): the lists keep their focused and
 * selected rows, the verification or examination shown stays open. */
void       lk_verifications_page_refresh        (LkVerificationsPage *self);
/* What waits for the reviewer: open verifications assigned to them and the queue's (the
 * "n-waiting" property, notified when it changes; 0 for an examiner). */
guint      lk_verifications_page_get_n_waiting  (LkVerificationsPage *self);
/* Opens one verification (as activating its row does). */
void       lk_verifications_page_open           (LkVerificationsPage *self,
                                                 gint64               verification_id);
/* The view or workspace shown, or NULL on the lists. */
GtkWidget *lk_verifications_page_get_view       (LkVerificationsPage *self);
GtkWidget *lk_verifications_page_get_workspace  (LkVerificationsPage *self);
/* The acting examiner's submitted examinations returned after @since (ISO 8601; NULL: any):
 * how many, and the newest return's time in @newest (may be NULL). For the notice at log-in.
 * 0 with @error when they cannot be read. */
guint      lk_verifications_count_returned      (LkSession           *session,
                                                 const char          *since,
                                                 char               **newest,
                                                 GError             **error);

G_END_DECLS
