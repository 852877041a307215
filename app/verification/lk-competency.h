/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Competency records, kept by administrators: who may sign conclusions (kind "examiner") and
 * who may verify them (kind "reviewer"), from when until when, on what evidence (a course, a
 * proficiency test, a supervisor's sign-off). A record is never edited or deleted: it is
 * revoked, with a reason, and another is added. Every change is audited. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "people/lk-session.h"

G_BEGIN_DECLS

#define LK_TYPE_COMPETENCY (lk_competency_get_type ())
G_DECLARE_FINAL_TYPE (LkCompetency, lk_competency, LK, COMPETENCY, GObject)

gint64      lk_competency_get_id            (LkCompetency *self);
/* The user name the record is for. */
const char *lk_competency_get_user          (LkCompetency *self);
/* "examiner" or "reviewer". */
const char *lk_competency_get_kind          (LkCompetency *self);
/* Dates, YYYY-MM-DD; both days included. */
const char *lk_competency_get_valid_from    (LkCompetency *self);
const char *lk_competency_get_valid_until   (LkCompetency *self);
const char *lk_competency_get_evidence      (LkCompetency *self);
const char *lk_competency_get_recorded_by   (LkCompetency *self);
const char *lk_competency_get_recorded_at   (LkCompetency *self);
/* NULL unless revoked. */
const char *lk_competency_get_revoked_at    (LkCompetency *self);
const char *lk_competency_get_revoke_reason (LkCompetency *self);
/* "current", "expired", "not-yet-valid" or "revoked", on @today (YYYY-MM-DD; NULL: today). */
const char *lk_competency_get_state         (LkCompetency *self,
                                             const char   *today);

/* The kinds, NULL-terminated: examiner, reviewer. */
const char * const *lk_competency_kinds     (void);

/* Administrators only. @user_name must exist and hold the matching role (examiner records for
 * examiners, reviewer records for reviewers); @valid_from <= @valid_until, both YYYY-MM-DD;
 * @evidence is required. Audited as competency.added. Returns the record's id, 0 on error. */
gint64      lk_competencies_add     (LkSession   *session,
                                     const char  *user_name,
                                     const char  *kind,
                                     const char  *valid_from,
                                     const char  *valid_until,
                                     const char  *evidence,
                                     GError     **error);
/* Administrators only; @reason is required. Audited as competency.revoked. */
gboolean    lk_competencies_revoke  (LkSession   *session,
                                     gint64       id,
                                     const char  *reason,
                                     GError     **error);
/* The records (LkCompetency) of @user_name, or of everyone when NULL, newest first.
 * Administrators see all; any other user only their own. */
GListModel *lk_competencies_list    (LkSession   *session,
                                     const char  *user_name,
                                     GError     **error);
/* Whether policy require_competency is on (the default). When off, every output of a
 * conclusion or verification says that competency was not checked. */
gboolean    lk_competencies_required (LkStore    *store,
                                      gboolean   *required,
                                      GError    **error);
/* Whether @user_name holds a current record of @kind today (always TRUE when not required);
 * FALSE with an error (LK_ERROR_REFUSED) that names the record and since when otherwise. */
gboolean    lk_competencies_check   (LkStore     *store,
                                     const char  *user_name,
                                     const char  *kind,
                                     GError     **error);

/* As JSON for likeness-cli: id, user, kind, valid_from, valid_until, evidence, recorded_by,
 * recorded_at, revoked_at, revoke_reason, state. */
JsonArray  *lk_competencies_to_json (GListModel  *records);

G_END_DECLS
