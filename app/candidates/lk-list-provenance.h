/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Where a candidate list came from, as recorded with it: the engine and its version, the
 * reference database searched and its legal basis, when the search ran with what threshold, the
 * hash of the file; once imported also who imported it, how it is presented and how far triage
 * has gone. Never a rank or a score. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LK_TYPE_LIST_PROVENANCE (lk_list_provenance_get_type ())
G_DECLARE_FINAL_TYPE (LkListProvenance, lk_list_provenance, LK, LIST_PROVENANCE, GObject)

/* The list's id and its probe's; 0 in a preview before the import. */
gint64      lk_list_provenance_get_id                 (LkListProvenance *self);
gint64      lk_list_provenance_get_probe_id           (LkListProvenance *self);
/* A preview's file name; NULL once imported. */
const char *lk_list_provenance_get_file               (LkListProvenance *self);
const char *lk_list_provenance_get_engine_name        (LkListProvenance *self);
const char *lk_list_provenance_get_engine_version     (LkListProvenance *self);
const char *lk_list_provenance_get_reference_database (LkListProvenance *self);
/* NULL when not stated. */
const char *lk_list_provenance_get_legal_basis        (LkListProvenance *self);
/* Property "has-threshold": whether the engine's threshold is stated. */
gboolean    lk_list_provenance_get_has_threshold      (LkListProvenance *self);
double      lk_list_provenance_get_threshold          (LkListProvenance *self);
/* 0 when not stated. */
int         lk_list_provenance_get_max_candidates     (LkListProvenance *self);
int         lk_list_provenance_get_list_length        (LkListProvenance *self);
const char *lk_list_provenance_get_performed_at       (LkListProvenance *self);
/* "json" or "csv", and the SHA-256 of the list file. */
const char *lk_list_provenance_get_source_format      (LkListProvenance *self);
const char *lk_list_provenance_get_source_sha256      (LkListProvenance *self);
/* Once imported: who imported it and when; NULL in a preview. */
const char *lk_list_provenance_get_imported_by        (LkListProvenance *self);
const char *lk_list_provenance_get_imported_at        (LkListProvenance *self);
/* Once imported: whether the reader sees its scores and ranks, whether it is presented
 * shuffled, and how many candidates are in each triage state. */
gboolean    lk_list_provenance_get_scores_visible     (LkListProvenance *self);
gboolean    lk_list_provenance_get_shuffled           (LkListProvenance *self);
int         lk_list_provenance_get_not_reviewed       (LkListProvenance *self);
int         lk_list_provenance_get_retained           (LkListProvenance *self);
int         lk_list_provenance_get_eliminated         (LkListProvenance *self);

G_END_DECLS
