/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One signed revision of an examination's conclusion: the level of the scale (or the separate
 * outcome "not suitable"), the propositions, reasoning and limitations, who signed it and when,
 * and whether its content still hashes to what was signed. An investigative lead, never an
 * identification. */
#pragma once

#include <gio/gio.h>

#include "examination/lk-acknowledgement.h"

G_BEGIN_DECLS

#define LK_TYPE_CONCLUSION (lk_conclusion_get_type ())
G_DECLARE_FINAL_TYPE (LkConclusion, lk_conclusion, LK, CONCLUSION, GObject)

gint64      lk_conclusion_get_id               (LkConclusion *self);
int         lk_conclusion_get_revision         (LkConclusion *self);
/* Whether it is the newest revision. */
gboolean    lk_conclusion_get_current          (LkConclusion *self);
/* The id of the conclusion it amends, 0 for the first; and the reason given (NULL for the
 * first). */
gint64      lk_conclusion_get_amends           (LkConclusion *self);
const char *lk_conclusion_get_amendment_reason (LkConclusion *self);
const char *lk_conclusion_get_scale            (LkConclusion *self);
const char *lk_conclusion_get_scale_version    (LkConclusion *self);
/* "level", or "not-suitable" for the scale's separate outcome. */
const char *lk_conclusion_get_outcome          (LkConclusion *self);
/* Property "has-ordinal": whether a level of the scale was chosen; its ordinal is then
 * lk_conclusion_get_ordinal () and its words lk_conclusion_get_level (), else NULL. */
gboolean    lk_conclusion_get_has_ordinal      (LkConclusion *self);
int         lk_conclusion_get_ordinal          (LkConclusion *self);
const char *lk_conclusion_get_level            (LkConclusion *self);
const char *lk_conclusion_get_propositions     (LkConclusion *self);
const char *lk_conclusion_get_reasoning        (LkConclusion *self);
const char *lk_conclusion_get_limitations      (LkConclusion *self);
const char *lk_conclusion_get_signed_by        (LkConclusion *self);
const char *lk_conclusion_get_signed_at        (LkConclusion *self);
const char *lk_conclusion_get_content_sha256   (LkConclusion *self);
/* Whether the content read back hashes to the stored hash and to its signing event's. */
gboolean    lk_conclusion_get_content_intact   (LkConclusion *self);
/* The consistency warnings raised at signing with the examiner's written acknowledgement of
 * each: a GListModel of LkAcknowledgement, empty when there were none. */
GListModel *lk_conclusion_get_warnings         (LkConclusion *self);

G_END_DECLS
