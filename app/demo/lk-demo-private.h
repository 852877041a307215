/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: the parts of the demo workspace kept in lk-demo-verification.c. */
#pragma once

#include "lk-internal.h"
#include "people/lk-session.h"

G_BEGIN_DECLS

/* Current competency records for the demo's examiners and reviewers, by demo-admin. */
gboolean lk_demo_record_competencies (LkStore     *store,
                                      GError     **error);
/* A brief examination of @candidate with a signed conclusion: @mated, at +2; otherwise the
 * examiner goes wrong at +1, so that verification has something to catch. */
gboolean lk_demo_examine_other       (LkSession   *examiner,
                                      gint64       candidate,
                                      gboolean     mated,
                                      gint64      *examination,
                                      GError     **error);
/* Verification, as a new user finds it: the first case's mated candidate verified blind by
 * demo-reviewer and countersigned; its other candidate (+1) disputed by demo-reviewer and
 * settled by demo-reviewer2 as third reviewer (not confirmed), which closes the case; the
 * fourth case's conclusion waiting in demo-reviewer's queue. @examinations in that order. */
gboolean lk_demo_verify              (LkStore     *store,
                                      const gint64 examinations[3],
                                      GError     **error);

/* Training: a completed twelve-pair exercise of demo-trainee with a trainer's comment, and a
 * practice set not yet started (lk-demo-training.c). */
gboolean lk_demo_training            (LkStore     *store,
                                      GError     **error);

G_END_DECLS
