/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A probe as a case lists it: the image, where it stands, and how far its examinations went. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LK_TYPE_PROBE_SUMMARY (lk_probe_summary_get_type ())
G_DECLARE_FINAL_TYPE (LkProbeSummary, lk_probe_summary, LK, PROBE_SUMMARY, GObject)

gint64      lk_probe_summary_get_id             (LkProbeSummary *self);
const char *lk_probe_summary_get_file_name      (LkProbeSummary *self);
/* lk_vocabulary_source_types () */
const char *lk_probe_summary_get_source_type    (LkProbeSummary *self);
/* lk_vocabulary_probe_kinds () */
const char *lk_probe_summary_get_kind           (LkProbeSummary *self);
int         lk_probe_summary_get_width          (LkProbeSummary *self);
int         lk_probe_summary_get_height         (LkProbeSummary *self);
const char *lk_probe_summary_get_sha256         (LkProbeSummary *self);
const char *lk_probe_summary_get_status         (LkProbeSummary *self);
/* Demo material made by Likeness. */
gboolean    lk_probe_summary_get_simulated      (LkProbeSummary *self);
guint       lk_probe_summary_get_n_examinations (LkProbeSummary *self);
/* Examinations with at least one signed conclusion. */
guint       lk_probe_summary_get_n_signed       (LkProbeSummary *self);
/* Its number within its case, from 1, in the order of intake. */
guint       lk_probe_summary_get_number         (LkProbeSummary *self);

G_END_DECLS
