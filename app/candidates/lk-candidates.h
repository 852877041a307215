/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Candidate lists: reference databases, import, masking, hidden scores, triage. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "engine/lk-candidate-list.h"
#include "candidates/lk-candidate.h"
#include "candidates/lk-list-provenance.h"
#include "candidates/lk-reference-db.h"
#include "people/lk-session.h"

G_BEGIN_DECLS

/* ---- candidate lists ------------------------------------------------------------------------ */

/* Imports a candidate list (format version 1, JSON or CSV with its sidecar JSON) for a probe
 * whose analysis is locked. Validates everything first (see engine/lk-candidate-list.h), then
 * writes the list, its candidates and their images in one transaction. Examiners only. */
gint64      lk_candidates_import        (LkSession    *session,
                                         gint64        probe_id,
                                         const char   *path,
                                         GError      **error);

/* Checks a list as lk_candidates_import would (everything but the write) and returns the
 * facts that would be recorded: file, engine, reference database, search time, threshold,
 * length, source hash. Never a rank or a score. For a preview before importing. */
JsonObject *lk_candidates_preview       (LkSession    *session,
                                         gint64        probe_id,
                                         const char   *path,
                                         GError      **error);

/* The same two in a worker thread; the preview's facts come as a record. */
void        lk_candidates_import_async   (LkSession           *session,
                                          gint64               probe_id,
                                          const char          *path,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gint64      lk_candidates_import_finish  (GAsyncResult        *result,
                                          GError             **error);
void        lk_candidates_preview_async  (LkSession           *session,
                                          gint64               probe_id,
                                          const char          *path,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
LkListProvenance *lk_candidates_preview_finish (GAsyncResult  *result,
                                                GError       **error);

/* The candidates of a probe, in presentation order: the newest recorded shuffle, else rank
 * order. A list presented for the first time to a user who cannot see its scores is shuffled
 * first from a random seed, recorded and audited like lk_candidates_shuffle (policy
 * shuffle_hidden_lists, on by default), so that the order does not give the ranks away.
 * Refused with LK_ERROR_MASKED until the probe's analysis is locked. Audited as a
 * consultation. A GListModel of LkCandidate. */
GListModel *lk_candidates_for_probe     (LkSession    *session,
                                         gint64        probe_id,
                                         GError      **error);
/* The verified image bytes of one candidate (masked like the list). */
GBytes     *lk_candidates_read_image    (LkSession    *session,
                                         gint64        candidate_id,
                                         GError      **error);
/* The list's details (engine, version, reference database, threshold, length, search time,
 * source hash, who imported it) as JSON; masked like the list. */
JsonObject *lk_candidates_list_json     (LkSession    *session,
                                         gint64        list_id,
                                         GError      **error);
/* The same with how the list is presented and how far triage has gone, as a record; the same
 * gate and the same consultation event. */
LkListProvenance *lk_candidates_get_list (LkSession    *session,
                                          gint64        list_id,
                                          GError      **error);
/* Shows scores and ranks of one list to this user from now on; needs a reason; audited. */
gboolean    lk_candidates_reveal_scores (LkSession    *session,
                                         gint64        list_id,
                                         const char   *reason,
                                         GError      **error);
/* Presents a list in a shuffled order from a recorded seed (0: a random seed); audited. */
gboolean    lk_candidates_shuffle       (LkSession    *session,
                                         gint64        list_id,
                                         guint64       seed,
                                         GError      **error);
/* Triage: "retained", or "eliminated" with a reason; examiners only; audited. */
gboolean    lk_candidates_set_triage    (LkSession    *session,
                                         gint64        candidate_id,
                                         const char   *state,
                                         const char   *reason,
                                         GError      **error);
/* The same decision on a record a view shows (same gate, same audit event): the record as it
 * stands after the decision, for the view to show in its place. */
LkCandidate *lk_candidates_triage       (LkSession    *session,
                                         LkCandidate  *candidate,
                                         const char   *state,
                                         const char   *reason,
                                         GError      **error);

G_END_DECLS
